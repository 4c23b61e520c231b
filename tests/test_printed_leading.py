"""A loose leading, in an edition that headless Chromium prints at test time from the golden
model's HTML (tests/support/browser_edition.py): the grid with every line set two ems apart,
baseline to baseline (CSS line-height 2), as editions set for easy reading are. An item's
wrapped lines then stand a whole em apart, wider than the usual leading leaves
(LAYOUT.continuation_gap, 0.6 em): every item's second line and every wrapped heading's
was left in no record (730 words, exit 18). Measured from the document's own wrapped
lines, they are read exact.

One browser prints it (tests/support/chromium.py); without Chromium the test is skipped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.run import laid_out_document
from pipeline.structure.sites import document_model
from tests.support.browser_edition import GRID, html_document
from tests.support.chromium import NEEDS_CHROMIUM, Chromium, print_html
from tests.support.golden import GOLDEN, golden, model_records

pytestmark = NEEDS_CHROMIUM

DOUBLE_SPACED = replace(
    GRID, name="chromium-grid-double-spaced", css=GRID.css + "\n* { line-height: 2 !important; }\n"
)


def test_items_and_headings_wrapped_under_a_loose_leading_are_read_exact(
    chromium: Chromium, tmp_path: Path
) -> None:
    printed = print_html(
        chromium, html_document(GOLDEN, DOUBLE_SPACED), DOUBLE_SPACED.name, tmp_path
    )
    model = document_model(laid_out_document(printed))
    assert model_records(model, with_pages=False)["sites"] == golden(with_pages=False)["sites"]
    assert model.unplaced == ()
