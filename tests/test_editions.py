"""Tests of the edition typesetter itself.

The parser's layout-independence is tested against these editions, so they must be
trustworthy: complete, reproducible, and really laid out the way each layout claims.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pdfminer.pdftypes import resolve1
from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.support.browser_edition import (
    ARROW_BULLET,
    AUTHORITIES_LABEL,
    BANNER_LINE,
    BOOKLET,
    CARDS3,
    COLUMNS,
    COLUMNS_B5,
    COMMA_AUTHORITIES,
    FACT_SHEET,
    FLOW,
    FLOW_B5,
    GRID,
    ICON_BULLET,
    NARROW_A5,
    PACKED,
    REGION_LABEL,
    REGION_TAG,
    REGION_UNDER_NAME,
    ROMAN_HYPHENATED,
    SMALL_CAPS,
    STACKED,
    TABLE,
    TABLE_A5,
    BrowserLayout,
    html_document,
)
from tests.support.browser_edition import LAYOUTS as BROWSER_LAYOUTS
from tests.support.chromium import CHROMIUM, Chromium, chromium_version
from tests.support.editions import (
    APPROACHES_TITLE,
    BACK_COVER,
    BLEED,
    FLOW_LAYOUTS,
    FOOTER,
    LAYOUTS,
    LIGATURES,
    PANEL_TITLE,
    RUNNING_HEADER,
    quoted,
    write_edition,
)
from tests.support.inputs import A3_LANDSCAPE, two_up
from tests.support.paths import COMMITTED_PDF, GOLDEN_MODEL
from tests.support.platypus_edition import (
    BODY_SIZE,
    NAME_SIZE,
    RUNNING_HEAD_FONT,
    RUNNING_HEAD_SIZE,
    site_label,
    write_running_head_edition,
)
from tests.support.printed import printed_pdf
from tests.support.typst_edition import LAYOUTS as TYPST_LAYOUTS
from tests.support.typst_edition import TypstLayout, compile_pdf, typst_source
from tests.support.weasyprint_edition import FOOTNOTES as WEASYPRINT_FOOTNOTES
from tests.support.weasyprint_edition import FOOTNOTES_A4 as WEASYPRINT_FOOTNOTES_EDITION
from tests.support.weasyprint_edition import LAYOUTS as WEASYPRINT_LAYOUTS
from tests.support.weasyprint_edition import (
    RUNNING_SITE,
    RUNNING_SITE_TOP_MARGIN_MM,
    SMALL_CAPS_FOOT_MARGIN_MM,
    WEASYPRINT_VERSION,
    WeasyLayout,
    write_pdf,
)
from tests.support.weasyprint_edition import html_document as weasyprint_html_document
from tests.support.writer_edition import (
    ENDNOTES,
    FOOTNOTES,
    FOOTNOTES_LETTERED,
    ITEM_BULLET,
    ROW_HEADERS,
    RUNNING_NAME_PDF,
    RUNNING_NAME_SIZE,
    THEME_BULLET,
    WRITER_LAYOUTS,
    WRITER_PDF,
    WriterLayout,
    convert_to_pdf,
    libreoffice_version,
    writer_document,
)

GOLDEN = GOLDEN_MODEL
MARKER = re.compile(r"^(?:[•–]|\d+\.)\s+")  # a printed bullet or number opening a line
# Two words whose boxes meet closer than this (points: a twentieth of a point, the rounding
# of a position) are one word that a blank of no advance parted.
TOUCH = 0.05


@pytest.fixture(scope="module")
def model() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def editions(model: dict, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("editions")
    paths = {layout: folder / f"{layout}.pdf" for layout in LAYOUTS + FLOW_LAYOUTS}
    for layout, path in paths.items():
        write_edition(model, layout, path)
    return paths


def _printed_lines(path: Path) -> list[str]:
    """Every printed line of the edition in drawing order, footers left out."""
    return [line for page in _lines_by_page(path) for line in page]


@functools.cache  # each edition is read once, by whichever test asks first
def _lines_by_page(path: Path) -> tuple[tuple[str, ...], ...]:
    """The printed lines of each page in drawing order, footers left out.

    Drawing order keeps each column together; words in a row are one line only while
    they run left to right, so side-by-side columns never merge.
    """
    pages: list[tuple[str, ...]] = []
    with printed_pdf(path) as pdf:
        for page in pdf.pages:
            lines: list[str] = []
            row: list[dict] = []
            for word in [*page.extract_words(use_text_flow=True), None]:
                if row and (
                    word is None
                    or abs(word["top"] - row[-1]["top"]) > 1
                    or word["x0"] < row[-1]["x1"]
                ):
                    lines.append(" ".join(w["text"] for w in row))
                    row = []
                if word is not None:
                    row.append(word)
            pages.append(tuple(line for line in lines if not re.fullmatch(rf"{FOOTER} \d+", line)))
    return tuple(pages)


def _running_text(lines: list[str]) -> str:
    """Lines joined as a reader would: markers dropped, words broken after a hyphen rejoined,
    the hyphen a typesetter added to break a word (U+2010 at a line end) dropped, and
    ligature glyphs read as their letters."""
    text = ""
    for line in lines:
        line = MARKER.sub("", line)
        if re.search(r"\w\u2010$", text):
            text = text[:-1] + line
        else:
            text += line if re.search(r"\w[-/]$", text) else f" {line}"
    for letters, ligature in LIGATURES.items():
        text = text.replace(ligature, letters)
    return text.replace("‘", "'").replace("’", "'")


def _strings(model: dict) -> list[str]:
    strings = [model["publisher"]]
    for site in model["sites"]:
        strings += [site["region"], *site["local_authorities"], *site["themes"]]
        if site["name"] is not None:
            strings.append(site["name"])
        for section in site["sections"]:
            strings.append(section["heading"])
            strings += [item["text"] for item in section["items"]]
    return strings


@pytest.mark.parametrize("layout", LAYOUTS + FLOW_LAYOUTS)
def test_same_call_writes_same_bytes(
    model: dict, editions: dict[str, Path], layout: str, tmp_path: Path
) -> None:
    again = tmp_path / "again.pdf"
    write_edition(model, layout, again)
    assert again.read_bytes() == editions[layout].read_bytes()


@pytest.mark.parametrize("layout", LAYOUTS + FLOW_LAYOUTS)
def test_every_string_of_the_model_is_printed(
    model: dict, editions: dict[str, Path], layout: str
) -> None:
    text = _running_text(_printed_lines(editions[layout]))
    missing = [string for string in _strings(model) if string not in text]
    assert missing == []


def test_layouts_vary_what_they_claim(editions: dict[str, Path]) -> None:
    lines = {layout: _printed_lines(path) for layout, path in editions.items()}
    with printed_pdf(editions["a5-shapes"]) as pdf:
        a5_pages = len(pdf.pages)
        drawn_bullets = sum(len(page.curves) + len(page.rects) for page in pdf.pages)
    with printed_pdf(editions["one-column"]) as pdf:
        one_column_pages = len(pdf.pages)
    assert a5_pages > one_column_pages
    assert drawn_bullets > 80  # vector bullets, and no bullet character in the text
    assert not any(MARKER.match(line) and not line[0].isdigit() for line in lines["a5-shapes"])
    assert "Hertfordshire - continued" in lines["one-column"]
    assert any(re.search(r"\w-$", line) for line in lines["letter-times"])
    assert any("’" in line for line in lines["a5-shapes"])
    assert not any("’" in line for line in lines["one-column"])


@dataclass(frozen=True)
class _Row:
    """Body-size words on one baseline of one column of the column-flow edition."""

    page: int
    column: int  # 0 left, 1 right
    top: float
    x0: float
    x1: float
    text: str
    fonts: frozenset[tuple[str, float]]  # (font, size) of the words after any marker
    colours: frozenset[tuple[float, ...]]
    marker: bool  # opens with a bullet or a number
    under_titles: bool  # below the page's "Multi-agency learning theme(s)", or a run-on page
    titled: bool  # the page has a banner and title (type larger than the body's)


@pytest.fixture(scope="module")
def flow_rows(editions: dict[str, Path]) -> list[_Row]:
    """The column-flow edition's site and run-on pages as rows, page by page, column by
    column, top to bottom; banner, titles (larger type) and footers (smaller) left out."""
    rows: list[_Row] = []
    with printed_pdf(editions["column-flow"]) as pdf:
        pages = pdf.pages[2:-1]  # no cover, introduction or back cover
        sizes = [c["size"] for page in pages for c in page.chars]
        body = max(set(sizes), key=sizes.count)
        for page in pages:
            words = page.extract_words(extra_attrs=["fontname", "size", "non_stroking_color"])
            titles = [w["top"] for w in words if w["text"] == "Multi-agency" and w["size"] > body]
            titled = any(w["size"] > body + 0.01 for w in words)
            grouped: dict[tuple[int, float], list[dict]] = {}
            for word in words:
                if abs(word["size"] - body) < 0.01:
                    column = int(word["x0"] > page.width / 2)
                    grouped.setdefault((column, round(word["top"], 1)), []).append(word)
            for (column, top), row in sorted(grouped.items()):
                row.sort(key=lambda w: w["x0"])
                marker = bool(re.fullmatch(r"•|\d+\.", row[0]["text"]))
                text_words = row[1:] if marker else row
                rows.append(
                    _Row(
                        page=page.page_number,
                        column=column,
                        top=top,
                        x0=row[0]["x0"],
                        x1=row[-1]["x1"],
                        text=" ".join(w["text"] for w in row),
                        fonts=frozenset((w["fontname"], round(w["size"], 2)) for w in text_words),
                        colours=frozenset(tuple(w["non_stroking_color"]) for w in text_words),
                        marker=marker,
                        # column two starts level with the panel title, whose type is larger
                        under_titles=not titles or top > titles[0] - body,
                        titled=titled,
                    )
                )
    return rows


def _columns(rows: list[_Row]) -> list[list[_Row]]:
    """The rows of each column of each page under the titles, in reading order."""
    columns: dict[tuple[int, int], list[_Row]] = {}
    for row in rows:
        if row.under_titles:
            columns.setdefault((row.page, row.column), []).append(row)
    return list(columns.values())


def _item_colour(rows: list[_Row]) -> tuple[float, ...]:
    colours = [colour for row in rows if row.marker for colour in row.colours]
    return max(set(colours), key=colours.count)


def test_column_flow_runs_on_mid_item_into_column_two_and_onto_a_new_page(
    flow_rows: list[_Row],
) -> None:
    black = _item_colour(flow_rows)
    columns = _columns(flow_rows)
    right_edge = max(row.x1 for row in flow_rows if row.column == 0)
    # Column one ends inside an item (a justified line) and column two opens with the rest.
    mid_item = [
        (left[-1].text, right[0].text)
        for left, right in itertools.pairwise(columns)
        if left[0].page == right[0].page
        and (left[0].column, right[0].column) == (0, 1)
        and abs(left[-1].x1 - right_edge) < 1
        and not right[0].marker
        and right[0].colours == {black}
    ]
    assert len(mid_item) >= 3
    # A page with no banner or title carries on the site before it, from its first line.
    run_on = [column[0] for column in columns if not column[0].titled]
    assert run_on
    assert not any(row.marker for row in run_on if row.column == 0)


def test_column_flow_sets_lists_without_hanging_indent_and_justified(
    flow_rows: list[_Row],
) -> None:
    columns = _columns(flow_rows)
    starts = {round(row.x0, 1) for column in columns for row in column}
    left, right = sorted(starts)  # every line, marker or not, starts at its column's edge
    wrapped = [row for column in columns for row in column[1:] if not row.marker]
    assert len(wrapped) > 200
    assert right - left > 150
    edges = [max(row.x1 for row in flow_rows if row.column == c) for c in (0, 1)]
    justified = [row for row in flow_rows if abs(row.x1 - edges[row.column]) < 1]
    assert len(justified) > len(flow_rows) / 2


def test_column_flow_headings_differ_from_items_only_in_colour(
    model: dict, flow_rows: list[_Row]
) -> None:
    black = _item_colour(flow_rows)
    items = [row for row in flow_rows if row.under_titles and row.colours == {black}]
    headings = [row for row in flow_rows if row.under_titles and black not in row.colours]
    assert len(headings) >= sum(len(site["sections"]) for site in model["sites"])
    assert {font for row in headings for font in row.fonts} == {
        font for row in items for font in row.fonts
    }
    assert len({colour for row in headings for colour in row.colours}) == 1
    assert not any(row.marker for row in headings)
    text = _running_text([row.text for row in headings])
    missing = [
        section["heading"]
        for site in model["sites"]
        for section in site["sections"]
        if section["heading"] not in text
    ]
    assert missing == []
    # a little space above each heading: more than between the lines of an item
    rows_by_column = _columns(flow_rows)
    leading = min(b.top - a.top for column in rows_by_column for a, b in itertools.pairwise(column))
    for column in rows_by_column:
        for before, row in itertools.pairwise(column):
            if row in headings and before not in headings:
                assert row.top - before.top > leading * 1.3


def test_column_flow_hyphenates_with_u2010(flow_rows: list[_Row]) -> None:
    hyphenated = [
        (row.text, after.text)
        for column in _columns(flow_rows)
        for row, after in itertools.pairwise(column)
        if re.search(r"[a-z]\u2010$", row.text)
    ]
    assert len(hyphenated) >= 10
    assert all(after[0].isalpha() for _, after in hyphenated)
    assert not any("\u2010" in row.text[:-1] or "\u00ad" in row.text for row in flow_rows)
    # words that have a hyphen of their own break after it, as in letter-times
    assert any(re.search(r"[a-z]-$", row.text) for row in flow_rows)


def test_column_flow_sets_authorities_in_two_columns(flow_rows: list[_Row]) -> None:
    def authority_rows(first: str) -> list[list[_Row]]:
        page = next(row.page for row in flow_rows if row.text == f"• {first}")
        listed = [r for r in flow_rows if r.page == page and not r.under_titles and r.marker]
        tops = sorted({row.top for row in listed})
        return [sorted((r for r in listed if r.top == top), key=lambda r: r.x0) for top in tops]

    stoke = authority_rows("Stoke on Trent")
    assert [[row.text for row in line] for line in stoke] == [
        ["• Stoke on Trent", "• Staffordshire"]
    ]
    assert [row.column for row in stoke[0]] == [0, 1]
    # a longer list fills its first column first
    london = authority_rows("Brent")
    assert [[row.text[2:] for row in line] for line in london] == [
        ["Brent", "Hillingdon"],
        ["Ealing", "Hounslow"],
        ["Hammersmith and Fulham", "Kensington and Chelsea"],
        ["Harrow", "Westminster"],
    ]


def _site_labels(model: dict) -> list[str]:
    """The title line that opens each site: its name, or its first authority where it has none."""
    return [site["name"] or site["local_authorities"][0] for site in model["sites"]]


def test_compact_sets_whole_sites_one_below_the_other(
    model: dict, editions: dict[str, Path]
) -> None:
    regions = {site["region"] for site in model["sites"]}
    labels = _site_labels(model)
    per_page = []
    for lines in _lines_by_page(editions["compact"])[2:-1]:  # no cover, introduction, back
        banners = [line for line in lines if line in regions]
        titles = [line for line in lines if line in labels]
        # every site on the page whole: its banner, title and approaches all there
        assert len(banners) == len(titles) == lines.count(APPROACHES_TITLE)
        per_page.append(titles)
    assert [title for titles in per_page for title in titles] == labels
    assert sum(len(titles) >= 2 for titles in per_page) >= 4
    assert max(len(titles) for titles in per_page) >= 3


def test_continuous_strands_a_banner_and_title_at_a_page_foot(
    model: dict, editions: dict[str, Path]
) -> None:
    regions = [site["region"] for site in model["sites"]]
    labels = _site_labels(model)
    pages = _lines_by_page(editions["continuous"])[2:-1]
    stranded = [
        lines[-1]
        for lines, after in itertools.pairwise(pages)
        if lines[-2:] in ((region, label) for region, label in zip(regions, labels, strict=True))
        and after[0] == PANEL_TITLE
    ]
    assert len(stranded) >= 2
    # no page break before a site: pages hold the end of one site and the start of another
    assert sum(sum(line in labels for line in lines) >= 2 for lines in pages) >= 3
    # and sites run over pages: pages opening inside a site, some inside its approaches
    headings = {section["heading"] for site in model["sites"] for section in site["sections"]}
    run_on = [lines[0] for lines in pages if lines[0] not in regions]
    assert len(run_on) >= 5
    assert [line for line in run_on if line not in {PANEL_TITLE, APPROACHES_TITLE, *headings}]


def test_a5_dash_columns_stand_a_word_space_apart(model: dict, editions: dict[str, Path]) -> None:
    listed = {
        site["name"]: site["local_authorities"]
        for site in model["sites"]
        if site["name"] is not None and len(site["local_authorities"]) > 1
    }
    rows: dict[str, list[dict]] = {}  # site name: its authority rows, as pdfplumber's lines
    with printed_pdf(editions["a5-dash-columns"]) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines(return_chars=True)
            texts = [line["text"] for line in lines]
            for name in listed.keys() & set(texts):
                at = texts.index(name) + 1
                rows[name] = lines[at : at + -(-len(listed[name]) // 2)]
    assert rows.keys() == listed.keys()
    # a word space of the entries' font and size (Helvetica's space is 0.278 em)
    ((font, size),) = {
        (c["fontname"], round(c["size"], 3))
        for site_rows in rows.values()
        for row in site_rows
        for c in row["chars"]
    }
    word_space = stringWidth(" ", font, size)
    gutters = []
    for name, site_rows in rows.items():
        dashes = [[c for c in row["chars"] if c["text"] == "–"] for row in site_rows]
        assert {len(d) for d in dashes[: len(listed[name]) // 2]} == {2}  # two columns
        assert len({round(d[0]["x0"], 2) for d in dashes}) == 1  # the markers align
        assert len({round(d[1]["x0"], 2) for d in dashes if len(d) == 2}) == 1
        # the gutter: from the end of column one's widest entry to column two's markers
        column_two = dashes[0][1]["x0"]
        column_one_end = max(
            c["x1"] for row in site_rows for c in row["chars"] if c["x1"] <= column_two
        )
        gutters.append(column_two - column_one_end)
    assert gutters == pytest.approx([word_space] * len(listed), abs=0.01)
    # read as text, the row of the widest entry is one line where it has a second column
    run_together = [
        row["text"]
        for site_rows in rows.values()
        for row in site_rows
        if re.fullmatch(r"– \S.*\S– \S.*", row["text"])
    ]
    assert "– Hammersmith and Fulham– Kensington and Chelsea" in run_together
    assert len(run_together) >= 3


@pytest.fixture(scope="module")
def print_pages(editions: dict[str, Path]) -> list[dict]:
    """Each page of the print-indesign edition: its boxes (top-down, as pdfplumber gives
    them), characters, words (pdfplumber's, split at 3pt gaps, ligatures as printed), lines,
    rectangles, and how many strings each text object of its content stream shows."""
    pages = []
    with printed_pdf(editions["print-indesign"]) as pdf:
        for page in pdf.pages:
            pages.append(
                {
                    "media": page.mediabox,
                    "crop": page.cropbox,
                    "bleed": page.bleedbox,
                    "trim": page.trimbox,
                    "chars": page.chars,
                    "words": page.extract_words(expand_ligatures=False),
                    "lines": page.lines,
                    "rects": page.rects,
                    # each text object's count of text-showing operators (Tj, TJ, ', ")
                    "shows": [
                        len(re.findall(rb"(?:\)|>|\])\s*(?:Tj|TJ|'|\")", block))
                        for block in re.findall(
                            rb"\bBT\b(.*?)\bET\b",
                            b"".join(resolve1(c).get_data() for c in page.page_obj.contents),
                            re.S,
                        )
                    ],
                }
            )
    return pages


def _inside(thing: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return (
        x0 <= thing["x0"]
        and thing["x1"] <= x1
        and top <= thing["top"]
        and thing["bottom"] <= bottom
    )


def test_print_sheet_is_larger_than_its_page(print_pages: list[dict]) -> None:
    for page in print_pages:
        media, crop, bleed, trim = (page[box] for box in ("media", "crop", "bleed", "trim"))
        # each box strictly inside the one before: sheet, slug area, bleed, page
        for outer, inner in itertools.pairwise((media, crop, bleed, trim)):
            assert outer[0] < inner[0] and outer[1] < inner[1]
            assert inner[2] < outer[2] and inner[3] < outer[3]
        assert [round(b - t, 3) for b, t in zip(bleed, trim, strict=True)] == [
            round(-BLEED, 3),
            round(-BLEED, 3),
            round(BLEED, 3),
            round(BLEED, 3),
        ]
        assert trim[2] - trim[0] == pytest.approx(595.28, abs=0.01)  # an A4 page
        assert trim[3] - trim[1] == pytest.approx(841.89, abs=0.01)


def test_print_sheet_has_marks_and_slug_outside_the_trim(
    model: dict, print_pages: list[dict]
) -> None:
    for number, page in enumerate(print_pages, 1):
        trim, crop = page["trim"], page["crop"]
        outside = [w["text"] for w in page["words"] if not _inside(w, trim)]
        assert outside == ["SEA_overview_v3.indd", str(number), "12/03/2019", "14:22"]
        slug = [w for w in page["words"] if not _inside(w, trim)]
        assert all(_inside(w, crop) for w in slug)  # seen in a viewer, cut off in print
        crop_marks = [line for line in page["lines"] if not _inside(line, trim)]
        assert len(crop_marks) == 8  # two at each corner
        assert all(_inside(line, crop) for line in crop_marks)
        colour_bar = [r for r in page["rects"] if r["bottom"] <= trim[1]]
        assert len(colour_bar) == 7
    # the cover's background runs into the bleed
    cover = max(print_pages[0]["rects"], key=lambda r: r["width"])
    assert (cover["x0"], cover["top"]) == pytest.approx(
        (print_pages[0]["bleed"][0], print_pages[0]["bleed"][1]), abs=0.01
    )


def test_print_words_are_placed_one_by_one_with_ligatures(print_pages: list[dict]) -> None:
    chars = [c for page in print_pages for c in page["chars"]]
    assert not [c for c in chars if c["text"].isspace()]  # no space characters at all
    for page in print_pages:  # each word a text object of its own, showing one string
        assert max(page["shows"]) == 1
        assert sum(page["shows"]) >= len(page["words"])
    words = [w["text"] for page in print_pages for w in page["words"]]
    assert sum(LIGATURES["fi"] in word for word in words) >= 10
    assert sum(LIGATURES["fl"] in word for word in words) >= 2
    assert not [word for word in words if "fi" in word or "fl" in word]  # all as ligatures
    # a running header and footer on every page but the cover, in the margins of the trim
    for number, page in enumerate(print_pages[1:], 2):
        top, bottom = page["trim"][1], page["trim"][3]
        header = [c["text"] for c in page["chars"] if top < c["top"] < top + 45]
        footer = [c["text"] for c in page["chars"] if bottom - 45 < c["bottom"] < bottom]
        assert "".join(header) == RUNNING_HEADER.replace(" ", "")
        assert "".join(footer) == FOOTER.replace(" ", "") + str(number)


def test_print_bullets_are_dingbats_and_items_justified(
    model: dict, print_pages: list[dict]
) -> None:
    dingbats = [
        c for page in print_pages[2:-1] for c in page["chars"] if c["fontname"] == "ZapfDingbats"
    ]
    bullets = sum(
        len(site["themes"])
        + sum(item["list_style"] == "bullet" for s in site["sections"] for item in s["items"])
        for site in model["sites"]
    )
    authorities_listed = 8  # North West London Partnership's, under a name that does not spell them
    assert len(dingbats) == bullets + authorities_listed
    # justified: most lines of the approaches column end at its right edge
    right_edges = [
        round(max(w["x1"] for w in page["words"] if w["top"] == top), 1)
        for page in print_pages[2:-1]
        for top in {w["top"] for w in page["words"] if w["x0"] > page["trim"][0] + 250}
    ]
    edge = max(set(right_edges), key=right_edges.count)
    assert right_edges.count(edge) > 150


@pytest.mark.parametrize("layout", WRITER_LAYOUTS, ids=lambda layout: layout.name)
def test_writer_source_is_what_the_script_writes(model: dict, layout: WriterLayout) -> None:
    assert layout.fodt_path.read_text(encoding="utf-8") == writer_document(model, layout)


# The running-name edition's heads print a name on every page it runs on to:
# test_writer_running_name_pdf_was_exported_by_libreoffice_and_prints_every_string reads it.
@pytest.mark.parametrize(
    "layout",
    [layout for layout in WRITER_LAYOUTS if not layout.running_name],
    ids=lambda layout: layout.name,
)
def test_writer_pdf_was_exported_by_libreoffice_and_prints_every_string(
    model: dict, layout: WriterLayout
) -> None:
    with printed_pdf(layout.pdf_path) as pdf:
        assert pdf.metadata["Producer"].startswith("LibreOffice")
        assert pdf.metadata["Creator"] == "Writer"
    regions = {site["region"] for site in model["sites"]}
    lines = []
    for page in _lines_by_page(layout.pdf_path):
        if page[0] not in regions and APPROACHES_TITLE in page:
            # a page the table runs on to: it opens with the repeated heading row
            page = page[page.index(APPROACHES_TITLE) + 1 :]
        lines += page
    text = _running_text(lines)
    assert [string for string in _strings(model) if string not in text] == []
    assert layout.pdf_path.stat().st_size < 300_000


def _words(path: Path) -> list[list[tuple[str, float, float, str, float]]]:
    """Each page's words: text, x0 and top to a tenth of a point, font (no subset tag), size."""
    with printed_pdf(path) as pdf:
        return [
            [
                (
                    w["text"],
                    round(w["x0"], 1),
                    round(w["top"], 1),
                    w["fontname"].partition("+")[2],
                    w["size"],
                )
                for w in page.extract_words(extra_attrs=["fontname", "size"])
            ]
            for page in pdf.pages
        ]


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: the committed Writer PDFs are not made again",
)
@pytest.mark.parametrize("layout", WRITER_LAYOUTS, ids=lambda layout: layout.name)
def test_writer_pdf_is_what_libreoffice_makes_of_the_source(
    layout: WriterLayout, tmp_path: Path
) -> None:
    """Converting the committed .fodt again prints the same words in the same places (the
    PDF's bytes differ: LibreOffice writes the time and a random document ID)."""
    with printed_pdf(layout.pdf_path) as pdf:
        made_by = pdf.metadata["Producer"]  # "LibreOffice 7.4"
    installed = libreoffice_version()
    if not installed.startswith(f"{made_by}."):
        pytest.skip(
            f"{installed} is installed and {made_by} made the committed {layout.pdf_path.name}, "
            "whose line breaks may differ: python -m tests.support.writer_edition makes it again"
        )
    assert _words(convert_to_pdf(layout.fodt_path, tmp_path)) == _words(layout.pdf_path)


def test_writer_footnotes_lettered_raises_citations_after_items_and_letters_items() -> None:
    """Each footnoted item's last word is followed, touching, by its note's citation: a
    figure set small and raised; the note stands lower on that page, smaller than the
    item, starting with the same figure; the numbered items are labelled "a)" to "f)"."""
    with printed_pdf(FOOTNOTES_LETTERED.pdf_path) as pdf:
        pages = [page.extract_words(extra_attrs=["size"]) for page in pdf.pages]
    for number, (item, note) in enumerate(FOOTNOTES, 1):
        ((words, word, citation),) = [
            (words, word, after)
            for words in pages
            for word, after in itertools.pairwise(words)
            if after["text"] == str(number)
            and abs(after["x0"] - word["x1"]) < 1
            and after["size"] < 0.8 * word["size"]
            and after["bottom"] < word["bottom"] - 1
        ]
        assert word["text"] == quoted(item, "smart").split()[-1]
        rows: dict[float, list[str]] = {}
        for other in words:
            if other["top"] > citation["bottom"] and other["size"] < word["size"]:
                rows.setdefault(round(other["top"], 1), []).append(other["text"])
        assert f"{number} {quoted(note, 'smart')}" in [" ".join(row) for row in rows.values()]
    labels = [w["text"] for words in pages for w in words if re.fullmatch(r"[a-z]\)", w["text"])]
    assert labels == ["a)", "b)", "c)", "d)", "e)", "f)"]


def test_writer_endnotes_raises_citations_and_prints_the_notes_after_the_back_cover() -> None:
    """Each noted item's last word is followed, touching, by a small raised figure, and no
    note stands on its page; the notes, each opening with its figure, are printed in
    smaller type on a page of their own after the back cover."""
    with printed_pdf(ENDNOTES.pdf_path) as pdf:
        pages = [page.extract_words(extra_attrs=["size"]) for page in pdf.pages]
    for number, (item, _) in enumerate(FOOTNOTES, 1):
        ((page, word),) = [
            (index, word)
            for index, words in enumerate(pages)
            for word, after in itertools.pairwise(words)
            if after["text"] == str(number)
            and abs(after["x0"] - word["x1"]) < 1
            and after["size"] < 0.8 * word["size"]
            and after["bottom"] < word["bottom"] - 1
        ]
        assert word["text"] == quoted(item, "smart").split()[-1]
        below = [w["text"] for w in pages[page] if w["top"] > word["bottom"]]
        assert str(number) not in below
    rows: dict[float, list[str]] = {}
    for word in pages[-1]:
        rows.setdefault(round(word["top"], 1), []).append(word["text"])
    assert [" ".join(row) for row in rows.values()] == [
        f"{number} {quoted(note, 'smart')}" for number, (_, note) in enumerate(FOOTNOTES, 1)
    ]
    assert {word["size"] for word in pages[-1]} == {8}
    assert BACK_COVER[-1].split()[-1] in [word["text"] for word in pages[-2]]


def test_writer_sets_banner_shaded_lists_by_style_and_panels_in_a_table(model: dict) -> None:
    regions = {site["region"] for site in model["sites"]}
    titled = run_on = 0
    with printed_pdf(WRITER_PDF) as pdf:
        for page in pdf.pages[2:-1]:
            words = page.extract_words(extra_attrs=["fontname", "size"])
            lines = [line["text"] for line in page.extract_text_lines()]
            # the table's heading row: both panel titles start on one baseline, side by side
            panel_title = next(w for w in words if w["text"] == PANEL_TITLE.split()[0])
            approaches_title = next(w for w in words if w["text"] == APPROACHES_TITLE.split()[0])
            assert abs(panel_title["bottom"] - approaches_title["bottom"]) < 3
            assert approaches_title["x0"] - panel_title["x0"] > 150
            # the shaded cells of the panel column, under the title and the themes
            shaded = [
                r
                for r in page.rects
                if r["x0"] < panel_title["x0"] < r["x1"] <= approaches_title["x0"]
            ]
            assert any(r["top"] < panel_title["top"] < r["bottom"] for r in shaded)
            if lines[0] in regions:  # a site's first page: its banner, a shaded paragraph
                titled += 1
                banner = next(r for r in page.rects if r["top"] < words[0]["top"] < r["bottom"])
                assert banner["x1"] - banner["x0"] > 400
                assert banner["non_stroking_color"] != shaded[0]["non_stroking_color"]
            else:  # the table runs on, its heading row repeated at the top of the page
                run_on += 1
                assert lines[0].startswith(PANEL_TITLE.split()[0])
    assert titled == len(model["sites"])
    assert run_on >= 2
    # list labels drawn in OpenSymbol: the items' Symbol bullet at its private-use code point
    with printed_pdf(WRITER_PDF) as pdf:
        labels = [c for page in pdf.pages for c in page.chars if "OpenSymbol" in c["fontname"]]
    items = [item for site in model["sites"] for s in site["sections"] for item in s["items"]]
    bullets = sum(item["list_style"] == "bullet" for item in items)
    assert sum(c["text"] == ITEM_BULLET for c in labels) == bullets
    assert sum(c["text"] == THEME_BULLET for c in labels) == sum(
        len(site["themes"]) for site in model["sites"]
    )


def test_writer_row_headers_sets_each_title_beside_its_list_and_runs_rows_over_pages(
    model: dict,
) -> None:
    """Each site's panel titles stand in the table's shaded first column, one above the
    other at one x, each beside its list: the first theme is level with the themes title,
    right of it. A long approaches row runs on over the page, which then opens with its
    items and no title."""
    regions = {site["region"] for site in model["sites"]}
    titled = run_on = 0
    with printed_pdf(ROW_HEADERS.pdf_path) as pdf:
        for page in pdf.pages[2:-1]:
            words = page.extract_words(extra_attrs=["size"])
            lines = [line["text"] for line in page.extract_text_lines()]
            if lines[0] not in regions:
                run_on += 1
                starts = tuple(" ".join(t.split()[:2]) for t in (PANEL_TITLE, APPROACHES_TITLE))
                assert not any(line.startswith(starts) for line in lines)
                continue
            titled += 1
            themes = next(w for w in words if w["text"] == PANEL_TITLE.split()[0])
            approaches = next(w for w in words if w["text"] == APPROACHES_TITLE.split()[0])
            assert abs(themes["x0"] - approaches["x0"]) < 1
            assert approaches["top"] > themes["bottom"]
            shaded = [r for r in page.rects if r["x0"] < themes["x0"] < r["x1"]]
            assert any(r["top"] < themes["top"] < r["bottom"] for r in shaded)
            first_theme = next(
                w
                for w in words
                if w["x0"] > themes["x1"]
                and w["top"] > themes["top"] - themes["size"]
                and w["text"] != THEME_BULLET
            )
            assert abs(first_theme["top"] - themes["top"]) < themes["size"]
    assert titled == len(model["sites"])
    assert run_on >= 2


# --- editions printed by a browser (tests/support/browser_edition.py) -------------------


@pytest.mark.parametrize("layout", BROWSER_LAYOUTS, ids=lambda layout: layout.name)
def test_browser_source_is_what_the_script_writes(model: dict, layout: BrowserLayout) -> None:
    assert layout.html_path.read_text(encoding="utf-8") == html_document(model, layout)


@pytest.mark.parametrize(
    "layout",
    [layout for layout in BROWSER_LAYOUTS if layout is not SMALL_CAPS],  # read below
    ids=lambda layout: layout.name,
)
def test_browser_pdf_was_printed_by_chromium_and_prints_every_string(
    model: dict, layout: BrowserLayout
) -> None:
    with printed_pdf(layout.pdf_path) as pdf:
        assert pdf.metadata["Producer"].startswith("Skia/PDF")
        assert "HeadlessChrome/" in pdf.metadata["Creator"]
    if layout.newspaper_columns or layout.card_columns:
        streams: tuple[list[str], ...] = (
            _column_stream(layout.pdf_path, layout.card_columns or 2),
        )
    else:
        streams = _panel_streams(layout.pdf_path)
    texts = [_running_text(lines) for lines in streams]
    assert [string for string in _strings(model) if not any(string in t for t in texts)] == []
    assert layout.pdf_path.stat().st_size < 300_000


# Running text in the margins, and the panel titles (which a table's heading row repeats
# wherever it runs on to a new page, inside a wrapped heading or item): left out of the
# printed streams.
MARGIN_TEXT = re.compile(
    rf"{FOOTER}( – \d+)?|{RUNNING_HEADER}|(Page )?\d+|{re.escape(APPROACHES_TITLE)}|"
    rf"{re.escape(PANEL_TITLE)}|Multi-agency learning|theme\(s\)"
)
# A list marker, set apart by the browser wherever it likes.
LIST_MARKER = re.compile(rf"[•▪{ARROW_BULLET}{ICON_BULLET}]|\d+[.)]")


def _panel_streams(path: Path) -> tuple[list[str], list[str]]:
    """The printed lines of every page in two streams: those that start left of the panel
    that stands second (the first panel, banners, names, front matter) and those that
    start in it, each page's lines top to bottom within each stream, list markers, panel
    titles and running text in the margins left out. A panel that runs on over a page break reads on
    in its stream, whatever the other panel prints at the top of the next page. Rows split
    at a gap wider than two ems, or one em where the second panel starts: two panels'
    lines may share a baseline."""
    streams: tuple[list[str], list[str]] = ([], [])
    with printed_pdf(path) as pdf:
        starts: dict[str, list[float]] = {PANEL_TITLE: [], APPROACHES_TITLE: []}
        for page in pdf.pages:
            words = page.extract_words()
            for index, word in enumerate(words):
                for title, xs in starts.items():
                    said = [w["text"] for w in words[index : index + 2]]
                    if said == title.split()[:2]:
                        xs.append(word["x0"])
        # where the second panel's lines start: its title's place, its markers left of it
        # (a title wrapped inside its first two words is not found: the other one tells)
        places = {round(max(set(xs), key=xs.count)) for xs in starts.values() if xs}
        second = max(places) - 20
        if len(places) == 1 and all(starts.values()):
            # the titles one above the other, each beside its list (row headers): the
            # second stream is the lists, right of the titles' column
            second = _titles_column_end(pdf, places.pop()) + 1
        for page in pdf.pages:
            rows: list[list[dict]] = []
            words = page.extract_words(extra_attrs=["size"])  # top to bottom, left to right
            for word in words:
                if LIST_MARKER.fullmatch(word["text"]):
                    continue
                gap = word["x0"] - rows[-1][-1]["x1"] if rows else 0
                if rows and abs(word["top"] - rows[-1][-1]["top"]) <= 1 and abs(gap) < TOUCH:
                    # words that touch are one: a soft hyphen Skia wrote as a blank glyph of
                    # no advance parted them
                    rows[-1][-1] = {
                        **rows[-1][-1],
                        "text": rows[-1][-1]["text"] + word["text"],
                        "x1": word["x1"],
                    }
                    continue
                if (
                    not rows
                    or abs(word["top"] - rows[-1][-1]["top"]) > 1
                    or gap > 2 * word["size"]
                    or (gap > word["size"] and rows[-1][-1]["x1"] < second <= word["x0"])
                ):
                    rows.append([])
                rows[-1].append(word)
            # by their feet: a text set on the baseline of a larger one beside it (a region
            # beside the site's name) comes before the larger one's next line
            for row in sorted(rows, key=lambda row: row[0]["bottom"]):
                line = " ".join(w["text"] for w in row)
                if not MARGIN_TEXT.fullmatch(line):
                    streams[row[0]["x0"] >= second].append(line)
    return streams


# The words of the panel titles, as a title's column sets them, wrapped.
TITLE_WORDS = frozenset((*PANEL_TITLE.split(), *APPROACHES_TITLE.split()))


def _titles_column_end(pdf: pdfplumber.PDF, x: float) -> float:
    """Where the column of titles that start at `x` ends: the right edge of the longest run
    of title words, a word space apart, that starts a row there."""
    ends = []
    for page in pdf.pages:
        words = page.extract_words(extra_attrs=["size"])
        for word in words:
            if abs(word["x0"] - x) > 1 or word["text"] not in TITLE_WORDS:
                continue
            end = word
            for after in words:
                same_row = abs(after["top"] - end["top"]) <= 1
                if same_row and 0 < after["x0"] - end["x1"] < word["size"] / 2:
                    if after["text"] not in TITLE_WORDS:
                        break
                    end = after
            ends.append(end["x1"])
    return max(ends)


def _column_stream(path: Path, columns: int) -> list[str]:
    """The printed lines of every page read as `columns` equal columns of the page, each
    top to bottom, then the next, page after page (newspaper columns: a site runs on from
    the foot of the first column to the top of the second; a grid of cards: each card in
    its column); list markers, panel titles and running text in the margins left out, as
    in _panel_streams."""
    stream: list[str] = []
    with printed_pdf(path) as pdf:
        for page in pdf.pages:
            words = [w for w in page.extract_words() if not LIST_MARKER.fullmatch(w["text"])]
            for column in range(columns):
                rows: list[list[dict]] = []
                for word in [w for w in words if _column_of(w, page, columns) == column]:
                    if not rows or abs(word["top"] - rows[-1][-1]["top"]) > 1:
                        rows.append([])
                    rows[-1].append(word)
                lines = [" ".join(w["text"] for w in row) for row in rows]
                stream += [line for line in lines if not MARGIN_TEXT.fullmatch(line)]
    return stream


def _column_of(word: dict, page: pdfplumber.page.Page, columns: int) -> int:
    """Which of `columns` equal columns of the page the word starts in."""
    return min(int(word["x0"] * columns // page.width), columns - 1)


@pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"Chromium ({CHROMIUM}) is not installed: the committed browser editions are not "
    "printed again",
)
@pytest.mark.parametrize("layout", BROWSER_LAYOUTS, ids=lambda layout: layout.name)
def test_browser_pdf_is_what_chromium_makes_of_the_source(
    layout: BrowserLayout, chromium: Chromium, tmp_path: Path
) -> None:
    """Printing the committed HTML again prints the same words in the same places. Where
    the new print has the committed file's bytes but for the time Chromium writes, those
    are its words; otherwise (another build of Chromium 156, other font files) the words
    are read and compared."""
    with printed_pdf(layout.pdf_path) as pdf:
        made_by = pdf.metadata["Producer"].removeprefix("Skia/PDF m")  # "156"
    installed = chromium_version()  # "Chromium 156.0.8078.114"
    if not installed.split()[-1].startswith(f"{made_by}."):
        pytest.skip(
            f"{installed} is installed and Chromium {made_by} printed the committed "
            f"{layout.pdf_path.name}, whose line breaks may differ: "
            "python -m tests.support.browser_edition prints it again"
        )
    again = chromium.print_to_pdf(layout.html_path, tmp_path / "again.pdf")
    if _undated(again) != _undated(layout.pdf_path):  # the same bytes print the same words
        assert _words(again) == _words(layout.pdf_path)


def _undated(path: Path) -> bytes:
    """The PDF's bytes without the times Chromium writes into its information dictionary."""
    return re.sub(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)", b"", path.read_bytes())


def _bullet_sized(shapes: list[dict]) -> list[dict]:
    return [shape for shape in shapes if shape["width"] <= 9 and shape["height"] <= 9]


def _bullets_and_items(model: dict) -> tuple[int, int, int]:
    """Themes, bulleted approaches and numbered approaches of the model."""
    items = [item for site in model["sites"] for s in site["sections"] for item in s["items"]]
    themes = sum(len(site["themes"]) for site in model["sites"])
    bullets = sum(item["list_style"] == "bullet" for item in items)
    return themes, bullets, len(items) - bullets


def _first_words(page: pdfplumber.page.Page, count: int) -> list[str]:
    """The page's first words from the top (a row read left to right)."""
    words = page.extract_words()
    return [w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"]))[:count]]


def test_browser_grid_breaks_panels_with_the_page_and_draws_its_bullets(model: dict) -> None:
    themes, bullets, _ = _bullets_and_items(model)
    regions = {site["region"] for site in model["sites"]}
    with printed_pdf(GRID.pdf_path) as pdf:
        pages = pdf.pages
        chars = [c for page in pages for c in page.chars]
        # disc markers drawn as circles, the listed authorities' squares as squares, the
        # themes' `::marker` a glyph
        assert sum(len(_bullet_sized(page.curves)) for page in pages) == bullets
        assert sum(len(_bullet_sized(page.rects)) for page in pages) == 8  # North West London
        assert sum(c["text"] == "▪" for c in chars) == themes
        # the grid runs on: a page opens with a theme beside the approaches' end, others with
        # approaches beside an empty themes column, none of them with a banner
        openings = [_first_words(page, 2) for page in pages[3:-1]]
        assert ["▪", "Contextual"] in openings
        assert sum(" ".join(words) not in regions for words in openings) >= 4
        # several sites on a page, sites run over pages, banners kept with their names
        site_pages = [page.extract_text() for page in pages[2:-1]]
        assert sum(text.count(APPROACHES_TITLE) >= 2 for text in site_pages) >= 4
        # a footer in the margin boxes and the fixed edge strip, on every page but the cover
        for page in pages[1:]:
            margin = [w["text"] for w in page.extract_words() if w["top"] > page.height - 60]
            assert " ".join(margin) == f"{FOOTER} {page.page_number}"
            assert any(shape["height"] > page.height * 0.7 for shape in page.rects + page.curves)


def test_browser_flow_strands_a_banner_and_title_and_marks_by_image_and_icon(
    model: dict,
) -> None:
    themes, bullets, numbered = _bullets_and_items(model)
    margins = re.compile(rf"{RUNNING_HEADER}|{FOOTER}|Page \d+")
    pages = [
        [line for line in lines if not margins.fullmatch(line)]
        for lines in _lines_by_page(FLOW.pdf_path)[2:-1]
    ]
    titles = {APPROACHES_TITLE, "Multi-agency learning"}  # the themes title wraps
    # a banner and the site's title (here its six authorities) at a page foot, its panels
    # on the next page
    north_east = next(site for site in model["sites"] if site["name"] is None)
    header = [north_east["region"], *north_east["local_authorities"]]
    assert any(
        before[-len(header) :] == header and after[0] in titles
        for before, after in itertools.pairwise(pages)
    )
    # and panel titles at a page foot with nothing under them but a section heading
    assert any(before[-1] == "theme(s)" for before in pages)
    with printed_pdf(FLOW.pdf_path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
        # the SVG bullets are drawn shapes, the themes' marker an icon font's private glyph
        assert sum(len(_bullet_sized(page.curves)) for page in pdf.pages) == bullets
        icons = [c for c in chars if c["text"] == ICON_BULLET]
        assert len(icons) == themes
        assert {c["fontname"].partition("+")[2] for c in icons} == {"OpenSymbol"}
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
        assert [f"{n})" for n in range(1, numbered + 1)] == [
            w for w in words if re.fullmatch(r"\d+\)", w)
        ]
        assert not any(c["text"] == "•" for c in chars)


def test_browser_table_repeats_its_heading_row_and_sets_authorities_as_tags(
    model: dict,
) -> None:
    themes, bullets, _ = _bullets_and_items(model)
    with printed_pdf(TABLE.pdf_path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
        assert sum(c["text"] == ARROW_BULLET for c in chars) == themes
        assert sum(c["text"] == "•" for c in chars) == bullets
        assert {c["fontname"].partition("+")[2] for c in chars if c["text"] == ARROW_BULLET} == {
            "DejaVuSans"
        }
        assert any("\ufb00" <= c["text"] <= "\ufb06" for c in chars)  # Skia's ligature glyphs
        # the table's heading row opens a page the table runs on to
        openings = [_first_words(page, 4) for page in pdf.pages[3:-1]]
        assert openings.count(["Multi-agency", "learning", "Overview", "of"]) >= 2
        # tags: one row under the name, no comma between them, apart by more than an em
        page = next(p for p in pdf.pages if "Dudley, Sandwell" in p.extract_text())
        name = next(w for w in page.extract_words() if w["text"] == "Wolverhampton")
        below = [w for w in page.extract_words() if 0 < w["top"] - name["bottom"] < 20]
        assert [w["text"] for w in below] == ["Dudley", "Sandwell", "Walsall", "Wolverhampton"]
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(below)]
        size = next(c["size"] for c in page.chars if c["text"] == "D" and c["top"] > name["bottom"])
        assert min(gaps) > 1.5 * size


def test_browser_booklet_wraps_its_subtitle_and_a_heading_over_a_page_break() -> None:
    with printed_pdf(BOOKLET.pdf_path) as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((420, 595), abs=1)
        # the cover's subtitle wraps before the words of a panel title
        cover = [line["text"] for line in pdf.pages[0].extract_text_lines()]
        assert cover[-2:] == ["Overview of multi-agency safeguarding", "learning themes"]
        # a section heading (bold, 10.5 pt) ends one page and goes on at the next
        headings = [
            [
                w["text"]
                for w in page.extract_words(extra_attrs=["fontname", "size"])
                if w["fontname"].endswith("Bold") and w["size"] == pytest.approx(10.5, abs=0.1)
            ]
            for page in pdf.pages
        ]
        assert any(
            before[-2:] == ["and", "practice"] and after[:1] == ["improvement"]
            for before, after in itertools.pairwise(headings)
        )


def test_browser_table_a5_runs_themes_on_under_its_heading_row_and_parts_tags() -> None:
    row = ["Multi-agency", "learning", "Overview", "of", "approaches", "theme(s)"]
    with printed_pdf(TABLE_A5.pdf_path) as pdf:
        # a page opens with the repeated heading row and a theme under it
        assert [*row, ARROW_BULLET] in [_first_words(page, 7) for page in pdf.pages]
        # a row of tags whose last one stands over the approaches cell, past the gutter
        page = next(p for p in pdf.pages if "Reading, West Berkshire" in p.extract_text())
        words = page.extract_words()
        title = next(w for w in words if w["text"] == "Wokingham")
        tags = [w for w in words if 0 < w["top"] - title["bottom"] < 20]
        assert [w["text"] for w in tags] == ["Reading", "West", "Berkshire", "Wokingham"]
        overview = next(w for w in words if w["text"] == "Overview")
        assert tags[-1]["x0"] > overview["x0"] > tags[-2]["x1"]


def test_browser_flow_b5_opens_two_pages_with_one_banner_at_one_place() -> None:
    """The region's banner stands where a running header would: the same text at the same
    place under the page's running header, on two pages."""
    with printed_pdf(FLOW_B5.pdf_path) as pdf:
        openings = [
            [(w["text"], round(w["top"], 1)) for w in _first_lines(page)]
            for page in pdf.pages[2:-1]
        ]
    firsts = [words[0] for words in openings if words]
    assert max(firsts.count(first) for first in firsts if first[0] == "North") >= 2


def test_browser_packed_sets_each_banner_block_right_under_the_text_above_it() -> None:
    """No white space parts one site from the next: each banner block (wider than 70% of
    the page) that has text above it on its page starts under an em below that text's
    foot, where a site break's white space would be 2.5 em and more (the body is 10 pt)."""
    gaps = []
    with printed_pdf(PACKED.pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            for shape in [*page.rects, *page.curves]:
                above = [w["bottom"] for w in words if w["bottom"] <= shape["top"]]
                if shape["width"] > 0.7 * page.width and above:
                    gaps.append(shape["top"] - max(above))
    assert len(gaps) >= 12
    assert max(gaps) < 10


def test_browser_narrow_a5_parts_a_panel_title_two_and_two_over_a_page_break() -> None:
    """The themes column is 30 mm wide: its title (bold, 11.5 pt) wraps over four lines,
    and a page ends after the first two."""
    with printed_pdf(NARROW_A5.pdf_path) as pdf:
        titles = [
            [
                w["text"]
                for w in page.extract_words(extra_attrs=["fontname", "size"])
                if w["fontname"].endswith("Bold") and w["size"] == pytest.approx(11.5, abs=0.1)
            ]
            for page in pdf.pages
        ]
    assert ["Multi-", "agency", "learning", "theme(s)"] in [title[:4] for title in titles]
    assert any(
        before[-2:] == ["Multi-", "agency"] and after[:2] == ["learning", "theme(s)"]
        for before, after in itertools.pairwise(titles)
    )


def _baselines(page: pdfplumber.page.Page, text: str) -> set[tuple[float, float]]:
    """Where each printing of a word stands: (its baseline, from the page foot, and its
    size)."""
    chars = page.chars
    found = set()
    for index in range(len(chars) - len(text) + 1):
        run = chars[index : index + len(text)]
        if "".join(c["text"] for c in run) == text:
            found.add((round(run[0]["matrix"][5], 1), round(run[0]["size"], 1)))
    return found


def test_browser_banner_line_sets_the_region_and_the_name_on_one_baseline() -> None:
    """The region (12 pt) and the site's name (20 pt) on one line of the banner block, a
    long name wrapping under its first line, beside the region."""
    with printed_pdf(BANNER_LINE.pdf_path) as pdf:
        page = pdf.pages[2]
        ((baseline, size),) = _baselines(page, "Tameside")
        assert size == 20.0
        assert (baseline, 12.0) in _baselines(page, "North West")
        page = next(p for p in pdf.pages if _baselines(p, "Dudley,"))
        ((first, _),) = _baselines(page, "Dudley,")
        assert (first, 12.0) in _baselines(page, "Midlands")
        ((second, _),) = _baselines(page, "Wolverhampton")
        assert second < first  # the next line down (PDF y grows upwards)


def test_browser_roman_hyphenated_right_aligns_roman_numerals_and_sets_soft_hyphens() -> None:
    """The numbered section's markers "i." to "vi." end at one x and start at several (the
    browser right-aligns them), their texts start at one x; and the long words carry soft
    hyphens as Skia writes them: blank glyphs of no advance, the next letter set where the
    blank starts, inside lines (a word parted there) and before a line-end hyphen."""
    numerals = ["i.", "ii.", "iii.", "iv.", "v.", "vi."]
    with printed_pdf(ROMAN_HYPHENATED.pdf_path) as pdf:
        words = [word for page in pdf.pages for word in page.extract_words()]
        blanks = [
            (before["text"], after["text"])
            for chars in (page.chars for page in pdf.pages)
            for before, blank, after in zip(chars, chars[1:], chars[2:], strict=False)
            if blank["text"] == " "
            and abs(after["x0"] - blank["x0"]) < TOUCH
            and after["top"] == blank["top"]
        ]
    markers = [(index, word) for index, word in enumerate(words) if word["text"] in numerals]
    assert [word["text"] for _, word in markers] == numerals
    assert len({round(word["x1"], 1) for _, word in markers}) == 1
    assert len({round(word["x0"], 1) for _, word in markers}) > 1
    assert len({round(words[index + 1]["x0"], 1) for index, _ in markers}) == 1
    inside = [pair for pair in blanks if pair[0].isalpha() and pair[1].isalpha()]
    assert len(inside) > 100
    assert any(after == "\u2010" for _, after in blanks)


def test_browser_smallcaps_prints_every_string_lowercase_as_smaller_capitals(model: dict) -> None:
    """Chromium prints each lowercase letter of the names, panel titles and headings as a
    capital at about 70% of the size, in the same font, straight on from the full-size letter
    before it: "Tameside" is a 20 pt "T" and "AMESIDE" at 14.25 pt. Read in
    the order printed, case and white space aside, every string of the model is there."""
    with printed_pdf(SMALL_CAPS.pdf_path) as pdf:
        assert pdf.metadata["Producer"].startswith("Skia/PDF")
        chars = [char for page in pdf.pages for char in page.chars]
    printed = "".join(char["text"] for char in chars)
    for name in ("Tameside", "Multi-agency", "Independent"):
        at = printed.index(name.upper())
        first, *rest = chars[at : at + len(name)]
        for char, letter in zip(rest, name[1:], strict=True):
            if letter.islower():
                assert char["fontname"] == first["fontname"]
                assert 0.65 < char["size"] / first["size"] < 0.75
        assert rest[0]["x0"] == pytest.approx(first["x1"], abs=0.01)

    def squashed(text: str) -> str:
        return re.sub(r"\s+", "", text).casefold().replace("’", "'").replace("‘", "'")

    assert [s for s in _strings(model) if squashed(s) not in squashed(printed)] == []
    assert SMALL_CAPS.pdf_path.stat().st_size < 300_000


def _column_rows(page: pdfplumber.page.Page, second: bool) -> list[tuple[float, float, str]]:
    """The printed rows of the first column of a page set in two (or of the second, words
    starting right of the page's middle), top to bottom: (top, bottom, text)."""
    rows: list[list[dict]] = []
    for word in page.extract_words():
        if (word["x0"] >= page.width / 2) == second:
            if not rows or abs(word["top"] - rows[-1][-1]["top"]) > 1:
                rows.append([])
            rows[-1].append(word)
    return [
        (
            min(w["top"] for w in row),
            max(w["bottom"] for w in row),
            " ".join(w["text"] for w in row),
        )
        for row in rows
    ]


def _set_in_two_columns(page: pdfplumber.page.Page) -> bool:
    """Whether the page's text stands in two columns: no word across its middle, and text
    on both sides of it."""
    words = page.extract_words()
    middle = page.width / 2
    return not any(w["x0"] < middle < w["x1"] for w in words) and {
        w["x0"] >= middle for w in words
    } == {False, True}


def test_browser_columns_a4_runs_sites_through_two_columns_and_wraps_a_name_inside_it(
    model: dict,
) -> None:
    """The sites are set in two newspaper columns on every page: a site runs on from the
    foot of the first column to the top of the second (its banner, name and themes in the
    first, its approaches at the top of the second), no column opens with a banner, and a
    site's name (21 pt) wraps inside an authority's name, between "West" and "Berkshire"."""
    regions = {site["region"] for site in model["sites"]}
    with printed_pdf(COLUMNS.pdf_path) as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((595, 842), abs=1)
        site_pages = pdf.pages[2:-1]
        assert all(_set_in_two_columns(page) for page in site_pages)
        first = [row[2] for row in _column_rows(site_pages[0], second=False)]
        second = [[row[2] for row in _column_rows(page, second=True)] for page in site_pages]
        names = [
            (w["text"], round(w["top"]))
            for page in site_pages
            for w in page.extract_words(extra_attrs=["size"])
            if w["size"] == pytest.approx(21, abs=0.1)
        ]
    assert first[first.index("Trafford") - 1 : first.index("Trafford") + 2] == [
        "North West",
        "Trafford",
        PANEL_TITLE,
    ]
    assert second[0][0] == APPROACHES_TITLE
    assert [rows[0] for rows in second if rows[0] in regions] == []
    at = [text for text, _ in names].index("Reading,")
    assert [text for text, _ in names[at : at + 4]] == [
        "Reading,",
        "West",
        "Berkshire,",
        "Wokingham",
    ]
    assert names[at][1] == names[at + 1][1] < names[at + 2][1] == names[at + 3][1]


def test_browser_columns_b5_breaks_both_columns_at_one_height() -> None:
    """On B5 the same flow leaves, on a page, a band of white space 2.5 ems tall and more
    (the body is 10 pt) across both columns at one height, text above and below it in
    each, and a region's banner under it in each: a site ends in both columns there."""
    found = []
    with printed_pdf(COLUMNS_B5.pdf_path) as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((499, 709), abs=1)
        for page in pdf.pages[2:-1]:
            assert _set_in_two_columns(page)
            breaks = [
                [
                    (above[1], below[0], below[2])
                    for above, below in itertools.pairwise(_column_rows(page, second))
                    if below[0] - above[1] >= 25
                ]
                for second in (False, True)
            ]
            found += [
                (page.page_number, left[2], right[2])
                for left in breaks[0]
                for right in breaks[1]
                if min(left[1], right[1]) - max(left[0], right[0]) >= 25
            ]
    assert (5, "Yorkshire and Humber", "Yorkshire and Humber") in found


def test_browser_cards3_sets_three_cards_a_row_and_runs_a_middle_card_over_a_page() -> None:
    """Landscape A4, the sites as cards three to a row: on every site page but the last,
    three region banners (white on their blocks) stand on one baseline, one in each third
    of the page; and one page opens with a card's item in its middle third, nothing above
    it in the first: the middle card ran over the page, the cards beside it ended."""
    rows, openings = [], []
    with printed_pdf(CARDS3.pdf_path) as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((842, 595), abs=1)
        for page in pdf.pages[2:-1]:
            words = page.extract_words(extra_attrs=["non_stroking_color"])
            banners = [w for w in words if tuple(w["non_stroking_color"] or ()) == (1, 1, 1)]
            tops = {round(w["top"]) for w in banners}
            rows.append(
                [
                    sorted({_column_of(w, page, 3) for w in banners if round(w["top"]) == top})
                    for top in sorted(tops)
                ]
            )
            first = min(words, key=lambda w: (round(w["top"]), w["x0"]))
            if first not in banners:
                openings.append((page.page_number, _column_of(first, page, 3), first["text"]))
    assert all(row == [[0, 1, 2]] for row in rows[:-1])
    assert openings == [(6, 1, "6.")]


def test_two_up_sets_two_pages_side_by_side_on_each_sheet(tmp_path: Path) -> None:
    """The committed PDF imposed two pages to a sheet (tests/support/inputs.py): eleven
    landscape A3 sheets, each half of a sheet printing the words of one committed page,
    the first on the left, in the same places within the half, and nothing printed
    across the sheet's middle (the last sheet holds the back cover alone)."""
    path = two_up(tmp_path)
    with printed_pdf(COMMITTED_PDF) as committed, printed_pdf(path) as imposed:
        pages = [_placed_words(page, 0) for page in committed.pages]
        halves = []
        for sheet in imposed.pages:
            assert (sheet.width, sheet.height) == pytest.approx(A3_LANDSCAPE, abs=1)
            middle = sheet.width / 2
            assert [w for w in sheet.extract_words() if w["x0"] < middle < w["x1"]] == []
            halves.append(_placed_words(sheet.crop((0, 0, middle, sheet.height)), 0))
            halves.append(_placed_words(sheet.crop((middle, 0, sheet.width, sheet.height)), middle))
    assert len(imposed.pages) == 11
    assert halves[: len(pages)] == pages
    assert halves[len(pages) :] == [[]]


def _placed_words(page: pdfplumber.page.Page, left: float) -> list[tuple[str, int, int]]:
    """The page's words with where they start, to the point, measured from `left`."""
    return [(w["text"], round(w["x0"] - left), round(w["top"])) for w in page.extract_words()]


def _first_lines(page: pdfplumber.page.Page) -> list[dict]:
    """The words of the page's first line under its running header."""
    words = sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"]))
    tops = sorted({round(w["top"]) for w in words})
    return [w for w in words if round(w["top"]) == tops[1]] if len(tops) > 1 else []


def test_unknown_layout_is_refused(model: dict, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        write_edition(model, "broadsheet", tmp_path / "x.pdf")


@pytest.fixture(scope="module")
def running_head_edition(model: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("platypus") / "running-head.pdf"
    write_running_head_edition(model, path)
    return path


def test_platypus_edition_is_the_same_bytes_on_every_call(
    model: dict, running_head_edition: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.pdf"
    write_running_head_edition(model, again)
    assert again.read_bytes() == running_head_edition.read_bytes()


def test_platypus_edition_prints_every_string(model: dict, running_head_edition: Path) -> None:
    with printed_pdf(running_head_edition) as pdf:
        assert pdf.metadata["Producer"].startswith("ReportLab PDF Library")
    text = _running_text(_printed_lines(running_head_edition))
    assert [string for string in _strings(model) if string not in text] == []


def test_platypus_running_head_names_the_site_of_each_page_in_small_type(
    model: dict, running_head_edition: Path
) -> None:
    """Above the text of every site page stands, at one place and in one small italic
    style, the name of a site, mostly another than on the page before; the body prints
    each name in its own larger type, never in the head's."""
    labels = {site_label(site) for site in model["sites"]}
    heads: list[tuple[str, float]] = []
    body_sizes: dict[str, set[float]] = {}
    with printed_pdf(running_head_edition) as pdf:
        for page in pdf.pages[2:-1]:  # no cover, introduction or back cover
            lines = page.extract_text_lines(return_chars=True)
            first = lines[0]
            styles = {(c["fontname"], round(c["size"], 1)) for c in first["chars"]}
            assert styles == {(RUNNING_HEAD_FONT, RUNNING_HEAD_SIZE)}
            heads.append((first["text"].replace("’", "'"), round(first["top"], 1)))
            for line in lines[1:]:
                text = line["text"].replace("’", "'")
                body_sizes.setdefault(text, set()).update(c["size"] for c in line["chars"])
    assert {text for text, _ in heads} <= labels
    assert len({top for _, top in heads}) == 1
    assert len({text for text, _ in heads}) > len(heads) / 2  # the words change
    names = [text for text, _ in heads if text in body_sizes]
    assert names != []
    assert all(max(body_sizes[name]) == NAME_SIZE for name in names)
    assert RUNNING_HEAD_SIZE < BODY_SIZE


def test_browser_stacked_sets_themes_under_approaches_and_breaks_a_themes_list(
    model: dict,
) -> None:
    """Every site's themes title stands under its approaches title in the same column, and
    a page ends inside a themes list: the next page opens with a theme at the place the
    themes' text stands, before any banner or title."""
    themes = {theme for site in model["sites"] for theme in site["themes"]}
    with printed_pdf(STACKED.pdf_path) as pdf:
        pages = pdf.pages[2:-1]  # no cover, introduction or back cover
        titles: list[tuple[int, str, float, float]] = []  # page, kind, top, x0
        lines_by_page = []
        for index, page in enumerate(pages):
            lines = [
                line
                for line in page.extract_text_lines()
                if line["top"] < page.height - 60  # not the footer
            ]
            lines_by_page.append(lines)
            for line in lines:
                if line["text"] in (APPROACHES_TITLE, PANEL_TITLE):
                    titles.append((index, line["text"], line["top"], line["x0"]))
        pairs = list(zip(titles[::2], titles[1::2], strict=True))
        assert len(pairs) == len(model["sites"])
        for approaches, panel in pairs:
            assert (approaches[1], panel[1]) == (APPROACHES_TITLE, PANEL_TITLE)
            assert (approaches[0], approaches[2]) < (panel[0], panel[2])  # above, or before
            assert 0 < panel[3] - approaches[3] < 20  # the box's padding in, same column
        broken = [
            index
            for index, lines in enumerate(lines_by_page[:-1])
            if lines[-2]["text"] == PANEL_TITLE
            and lines[-1]["text"] in themes
            and lines_by_page[index + 1][0]["text"] in themes
            and abs(lines_by_page[index + 1][0]["x0"] - lines[-1]["x0"]) < 1
        ]
        assert broken != []


def test_browser_comma_authorities_sets_them_as_one_line_under_the_name(model: dict) -> None:
    """Where a site's name does not spell its authorities, they stand right under the name
    as one italic line (wrapped where long), smaller than the name, parted by commas."""
    listed = [
        site
        for site in model["sites"]
        if site["name"]
        and site["local_authorities"] != [part.strip() for part in site["name"].split(",")]
    ]
    assert listed != []
    with printed_pdf(COMMA_AUTHORITIES.pdf_path) as pdf:
        lines = [
            line for page in pdf.pages[2:-1] for line in page.extract_text_lines(return_chars=True)
        ]
    for site in listed:
        at = next(index for index, line in enumerate(lines) if line["text"] == site["name"])
        name_size = lines[at]["chars"][0]["size"]
        joined = ", ".join(site["local_authorities"])
        under = []
        for line in lines[at + 1 :]:
            under.append(line)
            if len(" ".join(u["text"] for u in under)) >= len(joined):
                break
        assert " ".join(line["text"] for line in under) == joined
        chars = [c for line in under for c in line["chars"] if c["text"].strip()]
        assert all("Italic" in c["fontname"] and c["size"] < name_size for c in chars)


def test_browser_region_under_name_opens_each_site_with_its_name(model: dict) -> None:
    """No banner: each site's header opens with its name (or its authorities' names), and
    the region stands on the next line, in smaller type of another colour."""
    with printed_pdf(REGION_UNDER_NAME.pdf_path) as pdf:
        lines = [
            line for page in pdf.pages[2:-1] for line in page.extract_text_lines(return_chars=True)
        ]
    at = 0
    for site in model["sites"]:
        opening = site["name"] or site["local_authorities"][-1]
        at = next(index for index in range(at, len(lines)) if lines[index]["text"] == opening)
        name, region = lines[at], lines[at + 1]
        assert region["text"] == site["region"]
        assert region["chars"][0]["size"] < name["chars"][0]["size"]
        assert region["chars"][0]["non_stroking_color"] != name["chars"][0]["non_stroking_color"]


def _site_lines(path: Path) -> list[dict]:
    """The text lines of the site pages (between the introduction and the back cover),
    with their characters, page after page."""
    with printed_pdf(path) as pdf:
        return [
            {**line, "page": page.page_number}
            for page in pdf.pages[2:-1]
            for line in page.extract_text_lines(return_chars=True)
        ]


def _middle(box: dict) -> float:
    return (box["top"] + box["bottom"]) / 2


def test_browser_fact_sheet_labels_its_facts_and_sets_the_titles_beside_their_lists(
    model: dict,
) -> None:
    """No banner: under each site's name, "Region" in bold and the region beside it in plain
    type, white space wider than a word between them (a definition list set as a grid),
    and "Local authorities" so, beside the authorities parted by commas, where the name does
    not spell them. The panel titles stand one above the other at one x, each beside its
    list: the first theme's line is level with the themes title's first line, right of it."""
    with printed_pdf(FACT_SHEET.pdf_path) as pdf:
        words = [
            {**w, "page": page.page_number}
            for page in pdf.pages[2:-1]
            for w in page.extract_words(extra_attrs=["fontname", "size", "non_stroking_color"])
        ]
    assert all(w["non_stroking_color"] != (1, 1, 1) for w in words)  # no banner's white text
    labels = [w for w in words if w["text"] == REGION_LABEL]
    assert len(labels) == len(model["sites"])
    for site, label in zip(model["sites"], labels, strict=True):
        assert "Bold" in label["fontname"]
        beside = [
            w for w in words if w["page"] == label["page"] and abs(w["top"] - label["top"]) < 1
        ]
        value = [w for w in beside if w is not label]
        assert " ".join(w["text"] for w in value) == site["region"]
        assert value[0]["x0"] - label["x1"] > 2 * label["size"]
        assert all("Bold" not in w["fontname"] for w in value)
    authorities_labels = [
        w
        for w in words
        if w["text"] == AUTHORITIES_LABEL.split()[0] and abs(w["x0"] - labels[0]["x0"]) < 1
    ]
    listed = [
        site
        for site in model["sites"]
        if site["name"] and ", ".join(site["local_authorities"]) != site["name"]
    ]
    assert len(authorities_labels) == len(listed) >= 1
    title_starts = {" ".join(title.split()[:2]) for title in (PANEL_TITLE, APPROACHES_TITLE)}
    starts = [
        w
        for w, after in itertools.pairwise(words)
        if f"{w['text']} {after['text']}" in title_starts
    ]
    assert len(starts) == 2 * len(model["sites"])
    assert len({round(w["x0"]) for w in starts}) == 1
    for title in (w for w in starts if w["text"] == PANEL_TITLE.split()[0]):
        row = [
            w
            for w in words
            if w["page"] == title["page"] and abs(_middle(w) - _middle(title)) < title["size"] / 2
        ]
        assert any(w["x0"] > title["x1"] + title["size"] for w in row)


TAG_SIZE = 9  # the region tag's type, under the name's 19 pt


def test_browser_region_tag_sets_the_region_after_the_name_centred_on_it(model: dict) -> None:
    """No banner: each site's region stands right after its name's last line, in smaller
    type on a baseline of its own, centred on the name's line (CSS vertical-align: middle)."""
    lines = _site_lines(REGION_TAG.pdf_path)
    for site in model["sites"]:
        last = site["name"] or site["local_authorities"][-1]
        name = next(
            line
            for line in lines
            if line["text"].startswith(last) and line["chars"][0]["size"] > TAG_SIZE
        )
        name_chars = [c for c in name["chars"] if c["size"] > TAG_SIZE]
        tag = [c for c in name["chars"] if c["size"] <= TAG_SIZE]
        if not tag:  # read as a line of its own
            (line,) = [
                other
                for other in lines
                if other["page"] == name["page"]
                and abs(_middle(other) - _middle(name)) < 1
                and other is not name
            ]
            tag = line["chars"]
        assert "".join(c["text"] for c in tag).replace(" ", "") == site["region"].replace(" ", "")
        assert min(c["x0"] for c in tag) > max(c["x1"] for c in name_chars)
        name_box = {"top": name_chars[0]["top"], "bottom": name_chars[0]["bottom"]}
        tag_box = {"top": tag[0]["top"], "bottom": tag[0]["bottom"]}
        assert abs(_middle(tag_box) - _middle(name_box)) < 1
        assert abs(tag_box["bottom"] - name_box["bottom"]) > 2


def _running_heads(
    path: Path, head_size: float
) -> list[tuple[str, float, frozenset[tuple[str, float]]]]:
    """Each page's first line, where it is set no larger than `head_size`: text, top, and
    the (font, size) of its characters."""
    heads = []
    with printed_pdf(path) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines(return_chars=True)
            if lines and all(c["size"] <= head_size for c in lines[0]["chars"]):
                styles = frozenset(
                    (c["fontname"].partition("+")[2], round(c["size"], 1))
                    for c in lines[0]["chars"]
                )
                heads.append((lines[0]["text"], round(lines[0]["top"], 1), styles))
    return heads


def test_writer_running_name_pdf_was_exported_by_libreoffice_and_prints_every_string(
    model: dict,
) -> None:
    with printed_pdf(RUNNING_NAME_PDF) as pdf:
        assert pdf.metadata["Producer"].startswith("LibreOffice")
    heads = {text for text, _, _ in _running_heads(RUNNING_NAME_PDF, RUNNING_NAME_SIZE)}
    regions = {site["region"] for site in model["sites"]}
    lines = []
    for page in _lines_by_page(RUNNING_NAME_PDF):
        page = page[1:] if page and page[0] in heads else page
        if page and page[0] not in regions and APPROACHES_TITLE in page:
            # a page the table runs on to: it opens with the repeated heading row
            page = page[page.index(APPROACHES_TITLE) + 1 :]
        lines += page
    text = _running_text(lines)
    assert [string for string in _strings(model) if string not in text] == []


def test_writer_running_name_heads_each_page_with_its_sites_name_in_small_italic(
    model: dict,
) -> None:
    """From the first site's page on, every page opens with the name of the site it is on
    (the back cover with the last one's), at one place, in one small italic style; the
    names change from page to page, and the body prints each one in its own larger type."""
    names = {site["name"] for site in model["sites"] if site["name"]}
    heads = _running_heads(RUNNING_NAME_PDF, RUNNING_NAME_SIZE)
    with printed_pdf(RUNNING_NAME_PDF) as pdf:
        site_pages = len(pdf.pages) - 3  # no cover, introduction or back cover
        name_sizes = {
            line["text"]: line["chars"][0]["size"]
            for page in pdf.pages
            for line in page.extract_text_lines(return_chars=True)
            if line["text"] in names and line["top"] > heads[0][1] + RUNNING_NAME_SIZE
        }
    assert len(heads) >= site_pages
    assert {text for text, _, _ in heads} <= names
    assert len({text for text, _, _ in heads}) > len(heads) / 2
    assert len({top for _, top, _ in heads}) == 1
    (style,) = {styles for _, _, styles in heads}
    assert style == {("LiberationSans-Italic", RUNNING_NAME_SIZE)}
    assert all(size > 2 * RUNNING_NAME_SIZE for size in name_sizes.values())
    assert set(name_sizes) == names


@pytest.mark.parametrize("layout", WEASYPRINT_LAYOUTS, ids=lambda layout: layout.name)
def test_weasyprint_source_is_what_the_script_writes(model: dict, layout: WeasyLayout) -> None:
    assert layout.html_path.read_text(encoding="utf-8") == weasyprint_html_document(model, layout)


POINTS_PER_MM = 72 / 25.4


def _lines_below(path: Path, top: float, foot: float = 0) -> list[str]:
    """The printed lines of every page in drawing order (as _lines_by_page reads them),
    of the words below `top` points from the page's top and above `foot` points from its
    foot only: the text between a running head and a running footer in the margins."""
    lines: list[str] = []
    with printed_pdf(path) as pdf:
        for page in pdf.pages:
            row: list[dict] = []
            body = page.crop((0, top, page.width, page.height - foot))
            for word in [*body.extract_words(use_text_flow=True), None]:
                if row and (
                    word is None
                    or abs(word["top"] - row[-1]["top"]) > 1
                    or word["x0"] < row[-1]["x1"]
                ):
                    line = " ".join(w["text"] for w in row)
                    if line.startswith("– ") and lines:
                        # a dash that opens a wrapped line (these lists are marked by
                        # bullets and figures): the line goes on with the one before
                        lines[-1] += f" {line}"
                    else:
                        lines.append(line)
                    row = []
                if word is not None:
                    row.append(word)
    return [line for line in lines if not MARGIN_TEXT.fullmatch(line)]


@pytest.mark.parametrize("layout", WEASYPRINT_LAYOUTS, ids=lambda layout: layout.name)
def test_weasyprint_pdf_was_typeset_by_weasyprint_and_prints_every_string(
    model: dict, layout: WeasyLayout
) -> None:
    with printed_pdf(layout.pdf_path) as pdf:
        assert pdf.metadata["Producer"] == f"WeasyPrint {WEASYPRINT_VERSION}"
        fonts = {char["fontname"].partition("+")[2] for page in pdf.pages for char in page.chars}
    if layout.small_caps:
        assert "Liberation-Sans-Bold-Small-Caps" in fonts

    def squashed(text: str) -> str:
        """Case and white space aside, where the small capitals' text layer gives whichever
        case drew a glyph first."""
        return re.sub(r"\s+", "", text).casefold() if layout.small_caps else text

    if layout is RUNNING_SITE:
        # the text under the running head, which names a site over an item running on
        streams: tuple[list[str], ...] = (
            _lines_below(layout.pdf_path, RUNNING_SITE_TOP_MARGIN_MM * POINTS_PER_MM),
        )
    elif layout.small_caps:
        # in the order drawn, above the footer (the panel titles, which _panel_streams
        # looks for, are printed in small capitals)
        streams = (_lines_below(layout.pdf_path, 0, SMALL_CAPS_FOOT_MARGIN_MM * POINTS_PER_MM),)
    elif layout.sites_in_main:
        streams = (_column_stream(layout.pdf_path, 2),)
    else:
        streams = _panel_streams(layout.pdf_path)
    texts = [squashed(_running_text(lines)) for lines in streams]
    strings = _strings(model)
    assert [string for string in strings if not any(squashed(string) in t for t in texts)] == []
    assert layout.pdf_path.stat().st_size < 100_000


def _weasyprint_missing() -> str | None:
    """Why WeasyPrint cannot typeset here, or None: it is in requirements.lock, but needs
    Pango from the system (Debian's libpango-1.0-0)."""
    try:
        import weasyprint
    except ImportError:
        return f"WeasyPrint {WEASYPRINT_VERSION} is not installed (make test installs the lock)"
    except OSError as error:  # cffi could not load Pango
        return f"WeasyPrint cannot load Pango ({error}): install Debian's libpango-1.0-0"
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        return f"WeasyPrint {weasyprint.__version__} is installed, not {WEASYPRINT_VERSION}"
    return None


@pytest.mark.skipif(
    _weasyprint_missing() is not None,
    reason=f"{_weasyprint_missing()}: the committed WeasyPrint editions are not typeset again",
)
@pytest.mark.parametrize("layout", WEASYPRINT_LAYOUTS, ids=lambda layout: layout.name)
def test_weasyprint_pdf_is_what_weasyprint_makes_of_the_source(
    layout: WeasyLayout, tmp_path: Path
) -> None:
    """WeasyPrint writes no time or random identifier: the committed HTML typeset again is
    the committed PDF, byte for byte."""
    write_pdf(layout.html_path, tmp_path / "edition.pdf")
    assert (tmp_path / "edition.pdf").read_bytes() == layout.pdf_path.read_bytes()


def test_weasyprint_running_site_heads_pages_with_a_site_half_a_point_under_the_body(
    model: dict,
) -> None:
    """The running head names a site, 8.5 pt italic over 9 pt text, centred in the top
    margin of every page from the first site's to the last (string-set joins the lines of
    a site's name set over several lines, its authorities, with nothing between them);
    the front matter and the back cover have none."""
    labels = {site["name"] or "".join(site["local_authorities"]) for site in model["sites"]}
    margin = RUNNING_SITE_TOP_MARGIN_MM * POINTS_PER_MM
    heads = []
    with printed_pdf(RUNNING_SITE.pdf_path) as pdf:
        for page in pdf.pages:
            words = page.crop((0, 0, page.width, margin)).extract_words(
                extra_attrs=["size", "fontname"]
            )
            heads.append(" ".join(w["text"] for w in words))
            if words:
                assert {(round(w["size"], 1), w["fontname"].partition("+")[2]) for w in words} == {
                    (8.5, "Liberation-Serif-Italic")
                }
                assert abs((words[0]["x0"] + words[-1]["x1"]) / 2 - page.width / 2) < 1
        assert {round(char["size"], 1) for char in pdf.pages[4].chars if char["top"] > margin} >= {
            9.0
        }
    named = [index for index, head in enumerate(heads) if head]
    assert named == list(range(named[0], named[-1] + 1))
    assert heads[named[0]] == "Tameside" and heads[-1] == ""
    assert {heads[index] for index in named} <= labels
    assert len(named) > len(heads) / 2


def test_weasyprint_footnotes_raise_calls_after_items_and_set_notes_under_the_text() -> None:
    """Each of the three notes: its call a raised figure at 0.85 of the 8.5 pt text right
    after an item's last word, its note "N. ..." in 8 pt below every line of the body, at
    the foot of a page."""
    calls, notes = [], []
    with printed_pdf(WEASYPRINT_FOOTNOTES_EDITION.pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"])
            for before, word in itertools.pairwise(words):
                if word["text"].isdigit() and round(word["size"], 1) == 7.2:
                    assert round(before["size"], 1) == 8.5
                    assert abs(word["x0"] - before["x1"]) < 0.1
                    assert word["bottom"] < before["bottom"] - 2
                    calls.append((page.page_number, word["text"]))
            for word in words:
                if re.fullmatch(r"\d\.", word["text"]) and round(word["size"], 1) == 8.0:
                    body = [w for w in words if round(w["size"], 1) == 8.5]
                    assert word["top"] > max(w["bottom"] for w in body)
                    notes.append((page.page_number, word["text"].rstrip(".")))
    assert [mark for _, mark in calls] == [mark for _, mark in notes] == ["1", "2", "3"]
    text = _running_text(_printed_lines(WEASYPRINT_FOOTNOTES_EDITION.pdf_path))
    assert all(quoted(note, "smart").replace("’", "'") in text for _, note in WEASYPRINT_FOOTNOTES)


@pytest.mark.parametrize("layout", TYPST_LAYOUTS, ids=lambda layout: layout.name)
def test_typst_source_is_what_the_script_writes(model: dict, layout: TypstLayout) -> None:
    assert layout.typ_path.read_text(encoding="utf-8") == typst_source(model, layout)


@pytest.mark.parametrize("layout", TYPST_LAYOUTS, ids=lambda layout: layout.name)
def test_typst_pdf_is_what_typst_makes_of_the_source(layout: TypstLayout, tmp_path: Path) -> None:
    """Typst with its bundled fonts only and no date writes the same bytes on every machine."""
    compile_pdf(layout.typ_path, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == layout.pdf_path.read_bytes()


def _typst_running_text(path: Path, labels: set[str]) -> str:
    """The edition's text as PDFium reads it, in the order Typst draws it (a grid cell by
    cell, newspaper columns one after the other), without hyphens: PDFium joins a word
    broken at a hyphen that ends a line and marks the hyphen U+FFFE whether Typst added it
    (a soft hyphen, by the glyph's /ActualText) or it is the word's own ("multi-agency"),
    so neither is told here (the golden test reads them). Each page's footer, the running
    header naming its site (one of `labels`) and the panel titles (MARGIN_TEXT) left out."""
    lines: list[str] = []
    document = pdfium.PdfDocument(path)
    try:
        for page in document:
            # the footer, on the page's last line (PDFium sets it after a word broken over
            # the page)
            page_text = re.sub(rf"(\r\n)?{FOOTER} \d+$", "", page.get_textpage().get_text_range())
            printed = page_text.split("\r\n")
            if printed and printed[0] in labels:
                printed.pop(0)
            # the panel titles left out: a table's heading row, repeated on each page
            # the table runs on to, stands inside a wrapped item
            lines += [line.strip() for line in printed if not MARGIN_TEXT.fullmatch(line.strip())]
    finally:
        document.close()
    text = ""
    for line in lines:  # a word broken over a line or page ("meetings/" "events") joins on
        text += line if re.search(r"\w[/\ufffe]$", text) else f" {line}"
    return _unhyphenated(text.replace("\ufffe", ""))


def _unhyphenated(text: str) -> str:
    return text.replace("-", "").replace("‘", "'").replace("’", "'")


@pytest.mark.parametrize("layout", TYPST_LAYOUTS, ids=lambda layout: layout.name)
def test_typst_pdf_was_made_by_typst_and_prints_every_string(
    model: dict, layout: TypstLayout
) -> None:
    with printed_pdf(layout.pdf_path) as pdf:
        assert pdf.metadata["Creator"].startswith("Typst ")
        fonts = {char["fontname"].partition("+")[2] for page in pdf.pages for char in page.chars}
    assert fonts <= {
        "LibertinusSerif-Regular",
        "LibertinusSerif-Bold",
        "LibertinusSerif-Italic",
        "LibertinusSerif-BoldItalic",
        "NewCM10-Regular",
        "NewCM10-Bold",
        "NewCM10-Italic",
        "NewCM10-BoldItalic",
    }
    labels = {site_label(site) for site in model["sites"]} if layout.running_head else set()
    text = _typst_running_text(layout.pdf_path, labels)
    assert [string for string in _strings(model) if _unhyphenated(string) not in text] == []
    assert layout.pdf_path.stat().st_size < 300_000
