"""Letters and roman numerals in editions that headless Chromium prints at test time from
the golden model's HTML (tests/support/browser_edition.py), each with one change a comms
team may well make: a lettered or roman list whose last item a page break parts from the
others, section headings lettered by the stylesheet, an item whose lines start with a
name's initials. Each is read exact, or the build stops naming the lines: never a text
changed without a word (a letter dropped from prose, an item joined to the one before).

One browser prints them all (tests/support/chromium.py); without Chromium the tests are
skipped.
"""

from __future__ import annotations

import string
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from pipeline.model import DocumentModel
from pipeline.run import laid_out_document
from pipeline.structure.sites import document_model
from tests.support.browser_edition import GRID, ROMAN_HYPHENATED, BrowserLayout, html_document
from tests.support.chromium import NEEDS_CHROMIUM, Chromium, print_html
from tests.support.command import run_cli
from tests.support.golden import GOLDEN, STRAIGHT_QUOTES

pytestmark = NEEDS_CHROMIUM


# The grid with the numbered items lettered ("a." to "f.", right-aligned by the browser, a
# word space before their text) and the last one pushed to the top of the next page.
LETTERED_PARTED = replace(
    GRID,
    name="chromium-lettered-parted",
    css=GRID.css
    + """
.approaches ol { list-style-type: lower-alpha; }
.approaches ol li:last-child { break-before: page; }
""",
)
# The same with the roman numerals of chromium-roman-hyphenated ("i." to "vi.").
ROMAN_PARTED = replace(
    ROMAN_HYPHENATED,
    name="chromium-roman-parted",
    css=ROMAN_HYPHENATED.css + "\n.approaches ol li:last-child { break-before: page; }\n",
)
# The grid with each site's section headings lettered by a CSS counter ("A. ", "B. ": the
# letter a word space before the heading's words, as typed), over bulleted items.
LETTERED_HEADINGS = replace(
    GRID,
    name="chromium-lettered-headings",
    css=GRID.css
    + """
.approaches { counter-reset: section; }
.approaches h4 { counter-increment: section; }
.approaches h4::before { content: counter(section, upper-alpha) ". "; }
""",
)


def printed(
    chromium: Chromium, layout: BrowserLayout, folder: Path, html: str | None = None
) -> Path:
    """The layout's HTML of the golden model (or `html`) printed to PDF by Chromium."""
    return print_html(chromium, html or html_document(GOLDEN, layout), layout.name, folder)


def sections(model: DocumentModel) -> list[list[tuple[str, list[tuple[str, str]]]]]:
    """Each site's sections: heading, and each item's text and list style."""
    return [
        [
            (
                section.heading.translate(STRAIGHT_QUOTES),
                [(item.text.translate(STRAIGHT_QUOTES), item.list_style) for item in section.items],
            )
            for section in site.sections
        ]
        for site in model.sites
    ]


def golden_sections(*, lettered: bool = False) -> list[list[tuple[str, list[tuple[str, str]]]]]:
    """The golden model's sections, each heading lettered "A. ", "B. " in its site where
    `lettered`."""
    return [
        [
            (
                (f"{string.ascii_uppercase[number]}. " if lettered else "") + section["heading"],
                [(item["text"], item["list_style"]) for item in section["items"]],
            )
            for number, section in enumerate(site["sections"])
        ]
        for site in GOLDEN["sites"]
    ]


@pytest.mark.parametrize("layout", [LETTERED_PARTED, ROMAN_PARTED], ids=lambda x: x.name)
def test_a_list_whose_last_item_stands_alone_on_the_next_page_is_read_exact(
    layout: BrowserLayout, chromium: Chromium, tmp_path: Path
) -> None:
    """ "f." (or "vi.") alone at the top of the next page goes on with the list confirmed on
    the page before: its own item (it was joined to the item before it, its letter and all)."""
    model = document_model(laid_out_document(printed(chromium, layout, tmp_path)))
    assert sections(model) == golden_sections()
    streams = next(
        section
        for site in model.sites
        for section in site.sections
        if section.heading == "Six work streams across the project"
    )
    pages = [item.page for item in streams.items]
    assert pages[-1] == pages[-2] + 1  # the page break parts the last item from the others


def test_section_headings_lettered_by_the_stylesheet_are_headings_with_their_letters(
    chromium: Chromium, tmp_path: Path
) -> None:
    """ "A. Engagement with schools", "B. Voice of the child": letters counting on with their
    texts at one x, but set in the headings' bold over the bulleted items between them. They
    head sections, their letters kept as printed (they were read as one list's items, the
    sections' bullets among them)."""
    model = document_model(laid_out_document(printed(chromium, LETTERED_HEADINGS, tmp_path)))
    assert sections(model) == golden_sections(lettered=True)


def test_an_items_lines_starting_with_initials_stop_the_build(
    chromium: Chromium, tmp_path: Path
) -> None:
    """An item wrapped by hand (<br>) so that two of its lines start "A. Patel" and "B. Jones"
    at its text's indent: letters counting on, their texts at one x, a word space after
    each, nothing hanging under them, the letters as wide as each other. Read as a list,
    "Patel, chair of the board, and" was published as a numbered item; which they are
    cannot be told from the page, so the build stops, naming them, and publishes nothing."""
    item = "<li>Develop clear description of the role of the scrutineer.</li>"
    html = html_document(GOLDEN, GRID)
    assert html.count(item) == 1
    html = html.replace(
        item,
        "<li>Develop clear description of the role of the scrutineer, agreed with<br>"
        "A. Patel, chair of the board, and<br>B. Jones, head of children’s services.</li>",
    )
    source = printed(chromium, replace(GRID, name="chromium-initials"), tmp_path, html)
    with pdfplumber.open(source) as pdf:
        page = next(page.page_number for page in pdf.pages if "A. Patel" in page.extract_text())
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out), "--no-cache")

    assert result.returncode == 7, result.stderr
    assert result.stderr == (
        f"error: page {page}: 'A. Patel, chair of the board, and' and 'B. Jones, head of "
        "children’s services.' start with letters or roman numerals that count on, but are "
        "set neither as a list's items (the text set apart from its number, or hanging under "
        "it, or the numbers aligned at their right) nor as headings: items or prose, which "
        "cannot be told; check the PDF page\n"
    )
    assert not out.exists()
