"""Narrow panels on A5, in editions that headless Chromium prints at test time from the
golden model's HTML (tests/support/browser_edition.py): the grid printed on A5 paper, where
the approaches panel is 38 mm wide. Justified, a line there may hold only two or three
words, spread to the panel's measure by gaps of three to five ems, as wide as a gutter:
such lines were cut into two columns, and their words published in no record (exit 18).
Each edition holds one site (Salford, whose item "Implementing an effective Quality
Assurance and Learning and Improvement Framework ..." sets four such lines one under the
other), so that it prints on a few pages.

One browser prints them all (tests/support/chromium.py); without Chromium the tests are
skipped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.run import laid_out_document
from pipeline.structure.sites import document_model
from tests.support.browser_edition import GRID, BrowserLayout, html_document
from tests.support.chromium import NEEDS_CHROMIUM, Chromium, print_html
from tests.support.golden import GOLDEN, golden, model_records

pytestmark = NEEDS_CHROMIUM

SITE = "Salford"

# The grid on A5: its approaches justified in a panel 38 mm wide.
GRID_A5 = replace(
    GRID, name="chromium-grid-a5-salford", css=GRID.css.replace("size: A4", "size: A5")
)
# The same set ragged-right: one word space between the words of every line.
GRID_A5_RAGGED = replace(
    GRID_A5,
    name="chromium-grid-a5-salford-ragged",
    css=GRID_A5.css + "\n.approaches li { text-align: left; }\n",
)


def one_site_edition(chromium: Chromium, layout: BrowserLayout, folder: Path) -> Path:
    """The layout's HTML of the golden model with SITE alone, printed by Chromium."""
    assert "size: A5" in layout.css  # the A4 grid's page size replaced
    model = {**GOLDEN, "sites": [site for site in GOLDEN["sites"] if site["name"] == SITE]}
    return print_html(chromium, html_document(model, layout), layout.name, folder)


@pytest.mark.parametrize("layout", [GRID_A5, GRID_A5_RAGGED], ids=lambda layout: layout.name)
def test_a_narrow_panels_lines_of_two_or_three_words_are_read_whole(
    layout: BrowserLayout, chromium: Chromium, tmp_path: Path
) -> None:
    """ "Implementing          an" / "effective       Quality" / "Assurance         and":
    justified lines of two words whose one gap fills the panel's measure. Each is one line
    of the item (it was read as two columns, "Quality and and" left in no record), and so
    are the same lines printed ragged-right."""
    model = document_model(laid_out_document(one_site_edition(chromium, layout, tmp_path)))
    expected = [site for site in golden(with_pages=False)["sites"] if site["name"] == SITE]
    assert model_records(model, with_pages=False)["sites"] == expected
    assert model.unplaced == ()
