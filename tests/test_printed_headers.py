"""Editions that headless Chromium prints at test time from the golden model's HTML
(tests/support/browser_edition.py), each with one change the parser cannot read safely:
the region labelled by a word the publication's facts do not list, and the packed grid
printed without background graphics. The build stops with one line whose advice fits, and
writes nothing: it never publishes a site's name as its region, or one site's approaches
as another's.

One browser prints them both (tests/support/chromium.py); without Chromium the tests are
skipped.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from tests.support.browser_edition import (
    FACT_SHEET,
    PACKED,
    REGION_LABEL,
    html_document,
)
from tests.support.chromium import NEEDS_CHROMIUM, Chromium, print_html
from tests.support.command import run_cli
from tests.support.editions import APPROACHES_TITLE, PANEL_TITLE
from tests.support.golden import GOLDEN

pytestmark = NEEDS_CHROMIUM

# What the print dialog's "Background graphics" left off leaves out of a page's CSS: the
# browser editions ask for their backgrounds to be printed; a print without them has none
# (headless Chromium prints backgrounds whatever the CSS says, so they are taken out here).
PRINTED_BACKGROUNDS = "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }"
NO_BACKGROUNDS = "* { background: none !important; }"


def first_page_printing(pdf_path: Path, text: str) -> int:
    with pdfplumber.open(pdf_path) as pdf:
        return next(page.page_number for page in pdf.pages if text in page.extract_text())


def test_a_region_labelled_by_a_word_the_publication_does_not_list_stops_the_build(
    chromium: Chromium, tmp_path: Path
) -> None:
    """The fact sheet with "Area" for "Region": the label is set apart from the region as a
    label is, but schemas/publication.toml does not list it. Read as a banner, the region
    would be the site's name; the build stops naming the label and the file to add it to
    (it asked for "Tameside" as a spelling of a region, exit 9)."""
    html = html_document(GOLDEN, FACT_SHEET)
    label = f"<dt>{REGION_LABEL}</dt>"
    assert html.count(label) == len(GOLDEN["sites"])
    source = print_html(chromium, html.replace(label, "<dt>Area</dt>"), "chromium-area", tmp_path)
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out), "--no-cache")

    assert result.returncode == 7, result.stderr
    first = GOLDEN["sites"][0]
    assert result.stderr == (
        f"error: page {first_page_printing(source, first['name'])}: the site's region is "
        f"read from '{first['name']}', which names no region, but 'Area {first['region']}' "
        f"ends in one, '{first['region']}', after 'Area': if 'Area' labels the region, add "
        "it to region_labels in schemas/publication.toml [parser]; else check the PDF page\n"
    )
    assert not out.exists()


def test_the_packed_grid_printed_without_background_graphics_stops_the_build(
    chromium: Chromium, tmp_path: Path
) -> None:
    """The packed grid (sites with no space between one site's panels and the next site's
    banner block) printed as the print dialog does by default, without background graphics:
    no banner block is drawn to part the sites (their white text stands on white), so the
    page's two columns are read one after the other, both sites' themes before either's
    approaches. The build stops saying so (it said the page set no banner or site name
    above its panels), and writes nothing."""
    html = html_document(GOLDEN, PACKED)
    assert html.count(PRINTED_BACKGROUNDS) == 1
    without = html.replace(PRINTED_BACKGROUNDS, NO_BACKGROUNDS)
    source = print_html(chromium, without, "chrome-no-backgrounds-packed", tmp_path)
    with pdfplumber.open(source) as pdf:  # the banner blocks, rounded, are drawn as curves
        page = pdf.pages[2]
        assert not any(shape["x1"] - shape["x0"] > page.width / 2 for shape in page.curves)
    with pdfplumber.open(PACKED.pdf_path) as pdf:
        page = pdf.pages[2]
        assert any(shape["x1"] - shape["x0"] > page.width / 2 for shape in page.curves)
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out), "--no-cache")

    assert result.returncode == 7, result.stderr
    assert result.stderr == (
        f"error: page {first_page_printing(source, APPROACHES_TITLE)}: the titles "
        f"'{PANEL_TITLE}' and '{APPROACHES_TITLE}' stand side by side, but the sites on the "
        "page stand one below the other in the same columns with nothing across the page "
        "between them (no white space, rule or banner block), so the columns cannot be read "
        "site by site; if the PDF was printed without its background graphics, print it "
        "with them, else check the PDF page\n"
    )
    assert not out.exists()
