"""The summary figure: the right counts, the same bytes every time, and the copy the README
shows (docs/) equal to what a build of the committed PDF draws."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.outputs.figures import FIGURE, FORMATS, themes_by_region, write_figures
from tests.support.committed import committed_output
from tests.support.paths import ROOT

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def published() -> Path:
    """The committed PDF as `build` publishes it (made once per test run, read only)."""
    return committed_output()


@pytest.fixture(scope="module")
def drawn(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The figure files drawn, through the command line, from a build of the committed PDF
    (a copy of it: the figures go into DATA/figures, and the session's build stays whole)."""
    data = tmp_path_factory.mktemp("figures") / "output"
    shutil.copytree(published, data)
    assert main(["figures", "--data", str(data), "--quiet"]) == 0
    return data / "figures"


def test_counts_are_sites_per_theme_and_region(published: Path) -> None:
    counts, sites_per_region = themes_by_region(published)
    themes = pd.read_csv(published / "csv" / "themes.csv")
    regions = pd.read_csv(published / "csv" / "regions.csv")
    assert list(counts.index) == list(themes.sort_values("theme_id")["theme_label"])
    assert list(counts.columns) == list(regions.sort_values("region_code")["region_name"])
    site_themes = pd.read_csv(published / "csv" / "site_themes.csv")
    assert counts.to_numpy().sum() == len(site_themes[["site_id", "theme_id"]].drop_duplicates())
    assert counts.loc["Engagement with schools", "Yorkshire and The Humber"] == 3
    assert counts.loc["Child death reviews", "London"] == 2
    assert counts["East Midlands"].sum() == 0  # a region without a site keeps its column
    sites = pd.read_csv(published / "csv" / "sites.csv")
    assert sites_per_region.to_dict() == {
        name: int((sites["region"] == name).sum()) for name in counts.columns
    }


def test_the_figure_is_drawn_into_data_figures_in_both_formats(drawn: Path) -> None:
    assert sorted(path.name for path in drawn.iterdir()) == [
        f"{FIGURE}.{kind}" for kind in sorted(FORMATS)
    ]
    assert (drawn / f"{FIGURE}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = (drawn / f"{FIGURE}.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<dc:date>" not in svg


def test_the_same_data_draw_the_same_bytes(drawn: Path, published: Path, tmp_path: Path):
    for path in write_figures(published, tmp_path):
        assert path.read_bytes() == (drawn / path.name).read_bytes(), path.name


@pytest.mark.parametrize("kind", FORMATS)
def test_the_readme_copy_is_what_the_build_draws(drawn: Path, kind: str) -> None:
    """docs/ holds the copy the README shows (output/ is not committed); when the data or
    the drawing change, copy output/figures/ into docs/ and commit it."""
    name = f"{FIGURE}.{kind}"
    assert (DOCS / name).read_bytes() == (drawn / name).read_bytes(), (
        f"docs/{name} is stale: run `make build` and copy output/figures/{name} to docs/"
    )


def test_a_folder_without_published_tables_is_one_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["figures", "--data", str(tmp_path)]) == 3
    error = capsys.readouterr().err
    assert error.startswith(f"error: {tmp_path}: cannot read the published Parquet files (")
    assert error.count("\n") == 1
