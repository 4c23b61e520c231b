"""The summary figure: which canonical learning themes the sites test, region by region.

Drawn from the published Parquet files, as an analyst reads them, so the figure can only
show what the dataset holds. The same data give the same bytes (no date in the files, a
fixed SVG id salt, matplotlib's own copy of the font), so the copy the README shows from
docs/ is checked against a fresh build by the tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from pipeline.errors import SourceError
from pipeline.io.atomic import write_with
from pipeline.metadata.publication import figure_facts

FIGURE = figure_facts().name
FORMATS = ("png", "svg")
DPI = 150
# matplotlib's bundled DejaVu Sans, named by file: a system copy of another version of the
# font would change every glyph.
FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
# No date or program version in the files.
SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "png": {"metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
}
# SVG ids from this salt instead of a random one; glyphs drawn as paths, not as text.
RC: dict[Any, Any] = {"svg.hashsalt": FIGURE, "svg.fonttype": "path"}
# The colour scale reaches its darkest at this many sites or more, so that one site alone
# never looks like a crowd.
DARKEST_AT = 3


def themes_by_region(data: Path) -> tuple[pd.DataFrame, pd.Series]:
    """Sites testing each canonical theme (rows: every theme_label of the vocabulary, in
    theme_id order) in each region (columns: every region_name, by region_code), and the
    sites of each region, from the Parquet files of a published folder."""
    parquet = data / "parquet"
    try:
        themes = pd.read_parquet(parquet / "themes.parquet")
        regions = pd.read_parquet(parquet / "regions.parquet")
        sites = pd.read_parquet(parquet / "sites.parquet", columns=["site_id", "region_code"])
        site_themes = pd.read_parquet(parquet / "site_themes.parquet")
    except OSError as exc:
        raise SourceError(
            f"{data}: cannot read the published Parquet files ({exc}); "
            "give a folder that `python -m pipeline build` wrote"
        ) from exc
    pairs = site_themes[["site_id", "theme_id"]].drop_duplicates().merge(sites, on="site_id")
    regions = regions.sort_values("region_code")
    counts = pd.crosstab(pairs["theme_id"], pairs["region_code"]).reindex(
        index=themes.sort_values("theme_id")["theme_id"],
        columns=regions["region_code"],
        fill_value=0,
    )
    counts.index = themes.set_index("theme_id").loc[counts.index, "theme_label"]
    counts.columns = regions["region_name"]
    sites_per_region = sites["region_code"].value_counts()
    sites_per_region = sites_per_region.reindex(regions["region_code"], fill_value=0)
    sites_per_region.index = regions["region_name"]
    return counts, sites_per_region


def figure(counts: pd.DataFrame, sites_per_region: pd.Series) -> Figure:
    """A grid of themes by regions; a cell shows how many of the region's sites test the
    theme, darker for more. Row and column labels carry their totals."""
    font = FontProperties(fname=FONT, size=9)
    fig = Figure(figsize=(7.5, 7.5), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.add_subplot()
    values = counts.to_numpy()
    axes.imshow(values, cmap="Blues", vmin=0, vmax=max(DARKEST_AT, values.max()))
    axes.set_xticks(
        range(len(counts.columns)),
        [f"{name} ({sites})" for name, sites in sites_per_region.items()],
        rotation=35,
        ha="right",
        rotation_mode="anchor",
        fontproperties=font,
    )
    axes.set_yticks(
        range(len(counts.index)),
        [f"{label} ({total})" for label, total in counts.sum(axis=1).items()],
        fontproperties=font,
    )
    axes.tick_params(length=0)
    axes.set_xticks([x - 0.5 for x in range(1, len(counts.columns))], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, len(counts.index))], minor=True)
    axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    for row, cells in enumerate(values):
        for column, value in enumerate(cells):
            if value:
                axes.text(
                    column,
                    row,
                    str(value),
                    ha="center",
                    va="center",
                    color="white" if value >= 2 else "black",
                    fontproperties=font,
                )
    axes.set_title(
        figure_facts().title,
        fontproperties=FontProperties(fname=FONT, size=11),
    )
    return fig


def write_figures(data: Path, out: Path) -> list[Path]:
    """Draw the figure from the published folder `data` into out/themes-by-region.png and
    .svg; each file is written beside and renamed into place, so none is ever half-written."""
    counts, sites_per_region = themes_by_region(data)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with matplotlib.rc_context(RC):
        fig = figure(counts, sites_per_region)
        for kind in FORMATS:
            path = out / f"{FIGURE}.{kind}"
            options: dict[str, Any] = {"format": kind, "dpi": DPI, **SAVE_OPTIONS[kind]}

            def save(partial: Path, options: dict[str, Any] = options) -> None:
                fig.savefig(partial, **options)

            write_with(path, save)
            written.append(path)
    return written
