"""Visual QA: every site page drawn with the boxes the pipeline read, above its records.

A reviewer checks an extraction by eye: each approach's box labelled with its
approach_id, each theme, section heading and site header line boxed in a colour of its
own, every word the structure stage could not place boxed in red, and the records the
tables publish for that page listed under the picture (shown at the full width of the
window, each label in a strip beside the page rather than over its text). It draws the
document model and tables that the pipeline's own stages made (pipeline.run.qa), so what is
drawn is what is published, never a second reading of the page. The same PDF gives the same bytes.
"""

from __future__ import annotations

import html
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pdfplumber
from PIL import Image, ImageDraw, ImageFont

from pipeline.errors import PublishError
from pipeline.io.atomic import replace_folder
from pipeline.model import BBox, DocumentModel, Entry, Site, UnplacedWord
from pipeline.read.pdf import open_pdf
from pipeline.tables.normalise import collapsed, site_name, slug

INDEX = "index.html"
# Marks a folder as this command's output, so that a rerun replaces it and nothing else.
GENERATOR = "safeguarding-early-adopters qa"
RESOLUTION = 144  # pixels per inch: two pixels per PDF point, labels fit between lines
LABEL_SIZE = 13  # pixels; Pillow's bundled font, so every machine draws the same label
OUTLINE = 2
FILL_ALPHA = 40
# Labels stand in a strip beside the page, left or right of it as their box lies, never on
# the page itself: a label over the page would hide the text it labels or the line above.
LABEL_MARGIN = 160  # pixels: the longest label ("region · site · LA 1") and its padding
LABEL_GAP = 2  # pixels between two labels stacked in one strip
LEADER_ALPHA = 128  # the line from a label to its box: half opaque, lighter than outlines

# kind -> (colour, what the legend says it marks)
KINDS: dict[str, tuple[tuple[int, int, int], str]] = {
    "approach": (
        (31, 119, 180),
        "approach (item), labelled s<section_order>-i<item_order> (its approach_id without "
        "the site_id; the full id is in the table)",
    ),
    "heading": ((255, 127, 14), "section heading, labelled s<section_order>"),
    "theme": ((44, 160, 44), "learning theme, labelled theme <theme_order>"),
    "header": ((148, 103, 189), "region, site name and local authorities"),
    "unplaced": ((214, 39, 40), "word on a site page placed in no record"),
}


@dataclass(frozen=True)
class Mark:
    """One box to draw on a page, with its label."""

    kind: str
    label: str
    bbox: BBox


@dataclass(frozen=True)
class PageRecords:
    """What one site page contributes to the tables, and the boxes that show where."""

    page: int
    site_id: str
    site_name: str
    continued: bool  # a continuation page of a site that starts earlier
    marks: tuple[Mark, ...]
    header: tuple[tuple[str, str], ...]  # (what, value): region, site, local authorities
    themes: tuple[tuple[int, str, str], ...]  # (theme_order, as printed, theme_id)
    approaches: tuple[tuple[str, str, str], ...]  # (approach_id, section heading, item text)
    unplaced: tuple[str, ...]


@dataclass(frozen=True)
class QAResult:
    out: Path
    pages: tuple[int, ...]


def write_qa(
    source: Path,
    out: Path,
    model: DocumentModel,
    tables: Mapping[str, pd.DataFrame],
    *,
    on_drawn: Callable[[int, int], None] = lambda done, total: None,
) -> QAResult:
    """Render every site page of `source` with the boxes of `model` into `out` (PNGs and
    index.html), above the records `tables` publish for it.

    `out` is replaced as a whole, so no page of an earlier run lingers; a folder that is
    not an earlier QA output is refused (PublishError), as publish refuses one.
    `on_drawn(done, total)` is called as each site page is drawn.
    """
    out = out.absolute()
    check_replaceable(out)
    records = page_records(model, tables)
    files: dict[str, bytes] = {}
    sizes: dict[int, tuple[int, int]] = {}
    with open_pdf(source) as pdf:
        for done, page in enumerate(records, start=1):
            pdf_page = pdf.pages[page.page - 1]
            picture = page_picture(pdf_page, page.marks)
            pdf_page.close()
            files[png_name(page.page)] = _png(picture)
            sizes[page.page] = picture.size
            on_drawn(done, len(records))
    files[INDEX] = index_html(model, records, sizes).encode("utf-8")
    try:
        replace_folder(out, files)
    except OSError as exc:
        raise PublishError(
            f"cannot write {out}: {exc.strerror or exc} ({exc.filename or out}); "
            "the folder was left as it was"
        ) from exc
    return QAResult(out, tuple(page.page for page in records))


def png_name(page: int) -> str:
    return f"page-{page:03d}.png"


def page_records(model: DocumentModel, tables: Mapping[str, pd.DataFrame]) -> list[PageRecords]:
    """One entry per site page, in page order.

    Approaches come from the published table (id, text and the box the table records);
    themes, headings and the site header, whose boxes no table holds, from the model,
    with the ids normalise gives them.
    """
    approaches = tables["approaches"]
    theme_ids = {
        (row.site_id, row.theme_order): row.theme_id
        for row in tables["site_themes"].itertuples(index=False)
    }
    unplaced: dict[int, list[UnplacedWord]] = defaultdict(list)
    for word in model.unplaced:
        unplaced[word.page].append(word)
    pages = []
    for site in model.sites:
        name = site_name(site)
        site_id = slug(name)
        for page in range(site.page_start, site.page_end + 1):
            rows = approaches[(approaches["site_id"] == site_id) & (approaches["page"] == page)]
            marks = [
                *_site_marks(site, page),
                *(
                    Mark(
                        "approach",
                        short_id(row.approach_id, site_id),
                        BBox(row.x0, row.top, row.x1, row.bottom),
                    )
                    for row in rows.itertuples(index=False)
                ),
                *(Mark("unplaced", "unplaced", word.bbox) for word in unplaced[page]),
            ]
            themes = [(order, t) for order, t in enumerate(site.themes, 1) if t.page == page]
            header = [(what, entry) for what, entry in _header_entries(site) if entry.page == page]
            pages.append(
                PageRecords(
                    page=page,
                    site_id=site_id,
                    site_name=name,
                    continued=page > site.page_start,
                    marks=tuple(marks),
                    header=tuple((what, collapsed(entry.text)) for what, entry in header),
                    themes=tuple(
                        (order, collapsed(theme.text), theme_ids[(site_id, order)])
                        for order, theme in themes
                    ),
                    approaches=tuple(
                        (row.approach_id, row.section_heading, row.item_text)
                        for row in rows.itertuples(index=False)
                    ),
                    unplaced=tuple(word.text for word in unplaced[page]),
                )
            )
    return sorted(pages, key=lambda records: records.page)


def short_id(approach_id: str, site_id: str) -> str:
    """The approach_id as the picture labels it: without the site_id the page is about
    (tameside-s2-i1 -> s2-i1), so that an 83-character id does not run over the page."""
    return approach_id.removeprefix(f"{site_id}-")


def _header_entries(site: Site) -> list[tuple[str, Entry]]:
    """What stands above a site's panels, each with a short name for labels and tables."""
    header = [("region", site.region)]
    if site.name is not None:
        header.append(("site", site.name))
    return header + [(f"LA {n}", entry) for n, entry in enumerate(site.local_authorities, 1)]


def _site_marks(site: Site, page: int) -> list[Mark]:
    """The header, theme and heading boxes of a site on one page; a box that is two things
    at once (a site named by its only authority) is drawn once with both labels."""
    labels: dict[BBox, list[str]] = defaultdict(list)
    for label, entry in _header_entries(site):
        if entry.page == page:
            labels[entry.bbox].append(label)
    marks = [Mark("header", " · ".join(names), bbox) for bbox, names in labels.items()]
    marks += [
        Mark("theme", f"theme {order}", theme.bbox)
        for order, theme in enumerate(site.themes, 1)
        if theme.page == page
    ]
    marks += [
        Mark("heading", f"s{order}", section.bbox)
        for order, section in enumerate(site.sections, 1)
        if section.page == page
    ]
    return marks


@dataclass(frozen=True)
class Label:
    """Where a mark's label is drawn: a rectangle in the picture, beside the page."""

    mark: Mark
    box: tuple[float, float, float, float]  # left, top, right, bottom in pixels
    anchor: tuple[float, float]  # the point of the mark's box the leader line goes to


def label_places(
    marks: Iterable[Mark],
    page_box: tuple[float, float, float, float],
    scale: float,
    size: Callable[[str], tuple[float, float]],
) -> list[Label]:
    """Each mark's label in the strip beside the page nearer its box (left or right of the
    page's middle), level with the box's top, or pushed down below the label above it so
    that no two labels overlap. page_box is the page's left, top, right and bottom in PDF
    points, size(label) a label's width and height in pixels."""
    left_edge, top_edge, right_edge, _ = page_box
    page_width = (right_edge - left_edge) * scale
    middle = (left_edge + right_edge) / 2
    placed: list[Label] = []
    lowest = {"left": 0.0, "right": 0.0}
    for mark in sorted(marks, key=lambda mark: (mark.bbox.top, mark.bbox.x0, mark.label)):
        width, height = size(mark.label)
        side = "left" if (mark.bbox.x0 + mark.bbox.x1) / 2 < middle else "right"
        top = max((mark.bbox.top - top_edge) * scale, lowest[side])
        lowest[side] = top + height + LABEL_GAP
        y = (mark.bbox.top - top_edge) * scale
        if side == "left":
            x = LABEL_MARGIN - OUTLINE * 2 - width
            anchor = (LABEL_MARGIN + (mark.bbox.x0 - left_edge) * scale - OUTLINE, y)
        else:
            x = LABEL_MARGIN + page_width + OUTLINE * 2
            anchor = (LABEL_MARGIN + (mark.bbox.x1 - left_edge) * scale + OUTLINE, y)
        placed.append(Label(mark, (x, top, x + width, top + height), anchor))
    return placed


def page_picture(page: pdfplumber.page.Page, marks: Iterable[Mark]) -> Image.Image:
    """The page rendered at RESOLUTION with every mark's box drawn on it, and each box's
    label in a strip of LABEL_MARGIN pixels beside the page, joined to its box by a faint
    line: the text inside and around the boxes stays readable."""
    rendered = page.to_image(resolution=RESOLUTION, antialias=True).original.convert("RGBA")
    picture = Image.new(
        "RGBA", (rendered.width + 2 * LABEL_MARGIN, rendered.height), (255, 255, 255, 255)
    )
    picture.paste(rendered, (LABEL_MARGIN, 0))
    x_offset, y_offset = page.bbox[0], page.bbox[1]
    scale = rendered.width / float(page.width)
    overlay = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    font = ImageFont.load_default(size=LABEL_SIZE)

    def size(label: str) -> tuple[float, float]:
        left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
        return right - left + 4, bottom - top + 2

    for mark in marks:
        colour, _ = KINDS[mark.kind]
        box = (
            LABEL_MARGIN + (mark.bbox.x0 - x_offset) * scale - OUTLINE,
            (mark.bbox.top - y_offset) * scale - OUTLINE,
            LABEL_MARGIN + (mark.bbox.x1 - x_offset) * scale + OUTLINE,
            (mark.bbox.bottom - y_offset) * scale + OUTLINE,
        )
        draw.rectangle(box, fill=(*colour, FILL_ALPHA), outline=(*colour, 255), width=OUTLINE)
    for label in label_places(marks, page.bbox, scale, size):
        colour, _ = KINDS[label.mark.kind]
        x0, y0, x1, y1 = label.box
        near = x1 if label.anchor[0] > x1 else x0
        draw.line(((near, y0 + (y1 - y0) / 2), label.anchor), fill=(*colour, LEADER_ALPHA))
        draw.rectangle(label.box, fill=(*colour, 255))
        left, top, _, _ = draw.textbbox((0, 0), label.mark.label, font=font)
        draw.text(
            (x0 + 2 - left, y0 + 1 - top),
            label.mark.label,
            font=font,
            fill=(255, 255, 255, 255),
        )
    return Image.alpha_composite(picture, overlay).convert("RGB")


def _png(picture: Image.Image) -> bytes:
    """PNG bytes with no time or software chunk: the same picture, the same bytes."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _escaped(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table(caption: str, columns: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{_escaped(cell)}</td>" for cell in row) + "</tr>\n" for row in rows
    )
    if not body:
        return ""
    head = "".join(f"<th>{_escaped(name)}</th>" for name in columns)
    return (
        f'<table class="{_escaped(caption.split()[0].lower())}">'
        f"<caption>{_escaped(caption)}</caption>\n<tr>{head}</tr>\n{body}</table>\n"
    )


def _page_section(records: PageRecords, size: tuple[int, int]) -> str:
    title = f"Page {records.page}: {records.site_name}"
    if records.continued:
        title += " (continued)"
    unplaced = (
        f'<p class="unplaced">Placed in no record ({len(records.unplaced)} words): '
        f"{_escaped(' '.join(records.unplaced))}</p>\n"
        if records.unplaced
        else ""
    )
    return (
        f'<section id="page-{records.page}">\n<h2>{_escaped(title)}</h2>\n'
        f'<div class="page">\n<img src="{png_name(records.page)}" width="{size[0]}" '
        f'height="{size[1]}" alt="PDF page {records.page} with the extracted boxes drawn">\n'
        '<div class="records">\n'
        f"<p>site_id <code>{_escaped(records.site_id)}</code></p>\n"
        + _table("Header", ("what", "as printed"), records.header)
        + _table("Themes", ("theme_order", "as printed", "theme_id"), records.themes)
        + _table("Approaches", ("approach_id", "section heading", "item text"), records.approaches)
        + unplaced
        + "</div>\n</div>\n</section>\n"
    )


STYLE = """
body { font-family: sans-serif; margin: 1em; }
.page img { border: 1px solid #999; width: 100%; height: auto; box-sizing: border-box; }
.records { font-size: 0.85em; }
table { border-collapse: collapse; margin-bottom: 1em; width: 100%; }
caption { text-align: left; font-weight: bold; }
th, td { border: 1px solid #ccc; padding: 2px 4px; text-align: left; vertical-align: top; }
.swatch { display: inline-block; width: 1em; height: 1em; vertical-align: middle; }
.unplaced { color: #d62728; }
"""


def index_html(
    model: DocumentModel, records: list[PageRecords], sizes: Mapping[int, tuple[int, int]]
) -> str:
    """The review page: a legend, then every site page in order, its picture at the
    window's full width above its records. Static: no script, no network; the pictures are
    the PNGs beside it."""
    legend = "".join(
        f'<li><span class="swatch" style="background: rgb{colour}"></span> '
        f"{_escaped(meaning)}</li>\n"
        for colour, meaning in KINDS.values()
    )
    contents = "".join(
        f'<li><a href="#page-{page.page}">page {page.page}</a>: {_escaped(page.site_name)}'
        f"{' (continued)' if page.continued else ''}</li>\n"
        for page in records
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f"<title>QA: {_escaped(collapsed(model.title))}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>QA: {_escaped(collapsed(model.title))}</h1>\n"
        f"<p>{len(records)} site pages of {model.page_count}, each drawn with the boxes "
        "the pipeline read from it, above the records published for it.</p>\n"
        f'<ul class="legend">\n{legend}</ul>\n<ol class="contents">\n{contents}</ol>\n'
        + "".join(_page_section(page, sizes[page.page]) for page in records)
        + "</body>\n</html>\n"
    )


def check_replaceable(out: Path) -> None:
    """Only an earlier QA output, or an empty folder, is ever replaced."""
    if out.is_symlink() or (out.exists() and not _is_qa_output(out)):
        raise PublishError(
            f"refusing to replace {out}: it is not an earlier QA output (no {INDEX} made by "
            "`python -m pipeline qa`); choose another folder, or remove this one yourself"
        )


def _is_qa_output(folder: Path) -> bool:
    """An empty folder, or one holding an index.html this module wrote."""
    if not folder.is_dir():
        return False
    if not any(folder.iterdir()):
        return True
    try:
        index = (folder / INDEX).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in index
