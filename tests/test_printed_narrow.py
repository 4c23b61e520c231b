"""Narrow panels on A5, in editions that headless Chromium prints at test time from the
golden model's HTML (tests/support/browser_edition.py): the grid printed on A5 paper, where
the approaches panel is 38 mm wide. Justified, a line there may hold only two or three
words, spread to the panel's measure by gaps of three to five ems, as wide as a gutter:
such lines were cut into two columns, and their words published in no record (exit 18).
And the panels' titles wrap there: "Overview of" / "approaches" may part at a page's foot,
its first line beside the themes panel's title, one line too few to be parted from it as a
column; or "Multi-agency learning" / "theme(s)", its first line on one baseline with
"Overview of" (the layout with the region under the site's name). Each edition holds the
few sites that show it, so that it prints on a few pages.

One browser prints them all (tests/support/chromium.py); without Chromium the tests are
skipped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.model import DocumentModel
from pipeline.run import laid_out_document
from pipeline.structure.sites import document_model
from tests.support.browser_edition import (
    GRID,
    REGION_UNDER_NAME,
    TABLE,
    BrowserLayout,
    html_document,
)
from tests.support.chromium import NEEDS_CHROMIUM, Chromium, print_html
from tests.support.golden import GOLDEN, golden, model_records

pytestmark = NEEDS_CHROMIUM

# Salford's item "Implementing an effective Quality Assurance and Learning and Improvement
# Framework ..." sets four lines of two words one under the other.
JUSTIFIED_SITES = ("Salford",)
# Solihull's first item, in the table's approaches cell on A5, sets "Developing       new" /
# "multi-agency     arrangements" over lines that fill the cell's measure.
TABLE_JUSTIFIED_SITES = ("Solihull",)
# Wiltshire's approaches title parts after "Overview of" at the foot of the page where
# Wiltshire starts, after these two sites.
TITLE_PARTED_SITES = ("Reading, West Berkshire, Wokingham", "Devon, Plymouth, Torbay", "Wiltshire")
# Birmingham's themes title parts after "Multi-agency learning" at the foot of the page
# where Birmingham starts, after these three sites, in the region-under-name layout.
THEMES_TITLE_PARTED_SITES = (
    "York",
    "Hertfordshire",
    "Dudley, Sandwell, Walsall, Wolverhampton",
    "Birmingham",
)

# The grid on A5: its approaches justified in a panel 38 mm wide.
GRID_A5 = replace(GRID, name="chromium-grid-a5", css=GRID.css.replace("size: A4", "size: A5"))
# The table on A5, its approaches justified.
TABLE_A5_JUSTIFIED = replace(
    TABLE,
    name="chromium-table-a5-justified",
    css=TABLE.css.replace("size: A4", "size: A5") + "\n.approaches li { text-align: justify; }\n",
)
# The layout with the region a line under the site's name, on A5.
REGION_UNDER_NAME_A5 = replace(
    REGION_UNDER_NAME,
    name="chromium-region-after-name-a5",
    css=REGION_UNDER_NAME.css.replace("size: A4", "size: A5"),
)
# The grid set ragged-right: one word space between the words of every line.
GRID_A5_RAGGED = replace(
    GRID_A5,
    name="chromium-grid-a5-ragged",
    css=GRID_A5.css + "\n.approaches li { text-align: left; }\n",
)


def edition_of(
    chromium: Chromium, layout: BrowserLayout, sites: tuple[str, ...], folder: Path
) -> DocumentModel:
    """The model read from the layout's HTML of the golden model with these sites alone,
    printed by Chromium."""
    assert "size: A5" in layout.css  # the A4 page size replaced
    model = {**GOLDEN, "sites": [site for site in GOLDEN["sites"] if site["name"] in sites]}
    printed = print_html(chromium, html_document(model, layout), layout.name, folder)
    return document_model(laid_out_document(printed))


def golden_sites(sites: tuple[str, ...]) -> list[dict]:
    """These sites' golden records, without their pages."""
    return [site for site in golden(with_pages=False)["sites"] if site["name"] in sites]


@pytest.mark.parametrize(
    ("layout", "sites"),
    [
        (GRID_A5, JUSTIFIED_SITES),
        (GRID_A5_RAGGED, JUSTIFIED_SITES),
        (TABLE_A5_JUSTIFIED, TABLE_JUSTIFIED_SITES),
    ],
    ids=["grid-justified", "grid-ragged-right", "table-justified"],
)
def test_a_narrow_panels_lines_of_two_or_three_words_are_read_whole(
    layout: BrowserLayout, sites: tuple[str, ...], chromium: Chromium, tmp_path: Path
) -> None:
    """ "Implementing          an" / "effective       Quality" / "Assurance         and":
    justified lines of two words whose one gap fills the panel's measure. Each is one line
    of the item (it was read as two columns, "Quality and and" left in no record), and so
    are the same lines printed ragged-right. In the table's cell, "Developing       new"
    was read as two columns too, with no word left over: the item was published as
    "Developing arrangements streamline new multi-agency to align processes, ...", its
    last line as a section heading, with exit 0."""
    model = edition_of(chromium, layout, sites, tmp_path)
    assert model_records(model, with_pages=False)["sites"] == golden_sites(sites)
    assert model.unplaced == ()


@pytest.mark.parametrize(
    ("layout", "sites"),
    [(GRID_A5, TITLE_PARTED_SITES), (REGION_UNDER_NAME_A5, THEMES_TITLE_PARTED_SITES)],
    ids=["approaches-title-beside-the-themes-title", "themes-title-on-one-baseline-with-the-other"],
)
def test_a_title_parted_at_a_pages_foot_beside_the_other_title_goes_on_over_the_page(
    layout: BrowserLayout, sites: tuple[str, ...], chromium: Chromium, tmp_path: Path
) -> None:
    """ "Overview of" at the foot of the page, level with "Multi-agency learning" and read
    in one column block with the themes panel under it, and "approaches" atop the next
    page: one title, the approaches panel's (its words were left in no record, exit 18).
    So is "Multi-agency learning" at the foot of the page, on one baseline with "Overview
    of", and "theme(s)" atop the next page's first column: the themes panel's title (the
    site was read with no themes panel, exit 7, or, with more sites after it, the titles
    were given to the wrong sites and the build stopped on a later page, exit 7)."""
    model = edition_of(chromium, layout, sites, tmp_path)
    assert model_records(model, with_pages=False)["sites"] == golden_sites(sites)
    assert model.unplaced == ()
    last = model.sites[-1]
    assert last.page_start + 1 == last.page_end  # its titles parted by the page break
