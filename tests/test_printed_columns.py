"""Newspaper columns with a column break forced where a comms team may well force one, in
editions that headless Chromium prints at test time from the golden model's HTML
(tests/support/browser_edition.py): before a numbered list's last item, before a site's
second section heading or its last, before a themes list's second theme. Each once
published a site's text under another site, or dropped a theme, with exit 0 and no word
left unplaced; each is read exact. And three columns, too narrow for some names, and the
fact sheet on A5, whose table rows run on over pages above the next site's header, and
the sites' names in 28 pt, two of them level across the gutter.

One browser prints them all (tests/support/chromium.py); without Chromium the tests are
skipped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.model import DocumentModel
from pipeline.reference import ReferenceData, load_reference
from pipeline.run import laid_out_document
from pipeline.structure.sites import document_model
from tests.support.browser_edition import (
    COLUMNS,
    COLUMNS_B5,
    FACT_SHEET,
    STACKED,
    BrowserLayout,
    html_document,
)
from tests.support.chromium import NEEDS_CHROMIUM, Chromium, print_html
from tests.support.golden import GOLDEN, golden, model_records

pytestmark = NEEDS_CHROMIUM


def broken(layout: BrowserLayout, name: str, rule: str) -> BrowserLayout:
    """The layout with one more CSS rule, a column break forced somewhere."""
    return replace(layout, name=name, css=layout.css + rule + "\n")


# The reported edition: the last item of a numbered list forced to the top of the next
# column (Hertfordshire's sixth work stream), so that the second column of the page
# ends early above the white space where Hertfordshire starts in the first.
LAST_ITEM_BROKEN = broken(
    COLUMNS,
    "chromium-columns-last-item-broken",
    ".approaches ol li:last-child { break-before: column; }",
)
# Every site's second section heading forced to the next column, on B5: Calderdale opens
# the second column of a page above Northumberland, which began lower in the first.
SECOND_HEADING_BROKEN = broken(
    COLUMNS_B5,
    "chromium-columns-b5-second-heading-broken",
    ".approaches h4:nth-of-type(2) { break-before: column; }",
)
# Every site's last section heading forced to the next column, on B5: the second column
# ends lower than the first column's site above the white space under it.
LAST_HEADING_BROKEN = broken(
    COLUMNS_B5,
    "chromium-columns-b5-last-heading-broken",
    ".approaches h4:last-of-type { break-before: column; }",
)
# Every themes list's second theme forced to the next column: "Independent scrutiny" opens
# a column at one place on three pages.
SECOND_THEME_BROKEN = broken(
    COLUMNS,
    "chromium-columns-second-theme-broken",
    ".themes li:nth-child(2) { break-before: column; }",
)

# Three columns: the sites' names in 21 pt bold wrap inside names of two words ("South" /
# "Tyneside", "North" / "Lincolnshire"), and "Northumberland" alone reaches past the
# column's measure.
THREE_COLUMNS = broken(COLUMNS, "chromium-columns-three", ".sites { columns: 3; }")
# The sites' names in 28 pt: on one page two sites open the two columns level, their
# names on one baseline a 9 mm gutter apart, under 1.2 ems of the names' type.
LARGE_NAMES = broken(COLUMNS, "chromium-columns-28pt-names", ".site h2 { font-size: 28pt; }")
# The fact sheet (labels in a column beside their values, the panels the rows of a table
# whose first column holds their titles) on A5: an approaches row runs on at the top of a
# page in the table's second column, its first column blank, and the next site's name and
# "Region  North West" stand under it, the label below where the blank column ran.
FACT_SHEET_A5 = broken(FACT_SHEET, "chromium-fact-sheet-a5", "@page { size: A5; }")
# Each themes panel, its title included, set in two balanced columns: a site of two themes
# sets its title and first theme in the first column and its second theme alone in the
# second, level with the title; North Lincolnshire's four themes and Bexley's five fill
# both columns, so the gutter runs with rows on each side on other pages.
BALANCED_THEMES = broken(
    STACKED, "chromium-stacked-balanced-themes", ".themes { columns: 2; column-gap: 8mm; }"
)


def printed_model(
    chromium: Chromium, layout: BrowserLayout, folder: Path, reference: ReferenceData | None = None
) -> DocumentModel:
    """The model read from the layout's HTML of the golden model, printed by Chromium."""
    printed = print_html(chromium, html_document(GOLDEN, layout), layout.name, folder)
    return document_model(laid_out_document(printed), reference=reference)


def test_a_numbered_lists_last_item_broken_to_the_next_column_is_read_exact(
    chromium: Chromium, tmp_path: Path
) -> None:
    """The reported edition: Hertfordshire starts in the first column under York, and runs
    on to the second, whose last work stream a column break sends to the next page. Its
    second column was read before its start in the first, as a shorter panel beside a
    longer one, and published under York: 'Six work streams across the project' and three
    of its items, with exit 0. Read down the first column first, every site is exact."""
    model = printed_model(chromium, LAST_ITEM_BROKEN, tmp_path)
    assert model_records(model, with_pages=False)["sites"] == golden(with_pages=False)["sites"]
    assert model.unplaced == ()
    herts = next(site for site in model.sites if site.name and site.name.text == "Hertfordshire")
    streams = herts.sections[-1]
    assert streams.heading == "Six work streams across the project"
    # the break parts the last item from the others, onto the next page
    assert [item.page for item in streams.items] == [herts.page_start] * 5 + [herts.page_end]
    assert herts.page_end == herts.page_start + 1


@pytest.mark.parametrize(
    "layout",
    [SECOND_HEADING_BROKEN, LAST_HEADING_BROKEN, SECOND_THEME_BROKEN],
    ids=lambda layout: layout.name,
)
def test_column_breaks_before_headings_and_themes_are_read_exact(
    layout: BrowserLayout, chromium: Chromium, tmp_path: Path
) -> None:
    """A heading at a column's top that goes on with the site read last, not the one that
    filled the first column (it was published as that site's, exit 0); a second column
    ending lower than the first column's site above the next site's start (read as two
    panels, a site's last section went to the site before); a theme opening a column at
    one place on three pages (set apart as a running head: three sites lost it, exit 0)."""
    model = printed_model(chromium, layout, tmp_path)
    assert model_records(model, with_pages=False)["sites"] == golden(with_pages=False)["sites"]
    assert model.unplaced == ()


def test_a_name_wrapped_in_a_narrow_column_is_one_authority(
    chromium: Chromium, tmp_path: Path
) -> None:
    """In three columns a site set one authority a line wraps a name too wide for the
    column at its word space: "South" / "Tyneside", and the one-authority site "North" /
    "Lincolnshire". Both breaks look like the title's own breaks between authorities; each
    was read as two authorities, "South" and "Tyneside" unknown, and "Lincolnshire" a real
    authority of the wrong region (the build stopped). The reference data knows each name
    whole, and the next word could not have been set on the line: one authority each. The
    wrap was missed at first because "Northumberland", one word wider than the column,
    was taken for the column's measure."""
    model = printed_model(chromium, THREE_COLUMNS, tmp_path, reference=load_reference())
    assert model_records(model, with_pages=False)["sites"] == golden(with_pages=False)["sites"]
    assert model.unplaced == ()


def test_a_rows_value_column_running_on_above_the_next_sites_header_is_read_first(
    chromium: Chromium, tmp_path: Path
) -> None:
    """On the A5 fact sheet, Trafford's approaches run on at the top of page 6 in the
    table's second column, and Salford's name and region label stand under them at the
    page's foot, in the first. Neither stretch is in columns alone, but together a gutter
    runs between them: read down those columns, Salford's name and label came first and
    Trafford's items were read as Salford's authorities (the build stopped, 'unknown
    local authority'). Text above a gap wholly beyond the first column is read apart."""
    model = printed_model(chromium, FACT_SHEET_A5, tmp_path, reference=load_reference())
    assert model_records(model, with_pages=False)["sites"] == golden(with_pages=False)["sites"]
    assert model.unplaced == ()


def test_a_balanced_columns_single_line_beside_the_first_is_read_after_it(
    chromium: Chromium, tmp_path: Path
) -> None:
    """Two balanced columns leave one line in the second beside the first column's lines:
    Wiltshire's second theme alone, level with its themes panel's title. One row beside a
    column shows no gutter by itself, and read as one block the theme came before the
    title, published as Wiltshire's first theme in the wrong order, and six more sites'
    themes with it (exit 0). The gutter is the document's: where its columns hold rows on
    each side on other pages, a row that starts where their second column's rows start is
    read after the first column."""
    model = printed_model(chromium, BALANCED_THEMES, tmp_path, reference=load_reference())
    assert model_records(model, with_pages=False)["sites"] == golden(with_pages=False)["sites"]
    assert model.unplaced == ()
    wiltshire = next(site for site in model.sites if site.name and site.name.text == "Wiltshire")
    assert [theme.text for theme in wiltshire.themes] == [
        "New partnership model / consolidating boards",
        "Independent scrutiny",
    ]


def test_two_names_in_large_type_level_across_the_gutter_are_two_columns_texts(
    chromium: Chromium, tmp_path: Path
) -> None:
    """With the names in 28 pt, Devon, Plymouth, Torbay and Wiltshire open the two columns
    of a page level, their names' first lines on one baseline 25.5 pt apart: less than a
    word gap may be in 28 pt type (1.2 em, 33.6 pt), so the two names were one text across
    the gutter, the page was read as one column and Bexley's name, wrapped over a page
    break, lost its banner (exit 7). A word space of large type counts at most at twice
    the body's size."""
    model = printed_model(chromium, LARGE_NAMES, tmp_path, reference=load_reference())
    assert model_records(model, with_pages=False)["sites"] == golden(with_pages=False)["sites"]
    assert model.unplaced == ()
