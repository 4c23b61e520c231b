"""A site page is never lost without a word: a page turned on the sheet is read as printed,
in its text's own direction; a page with no text among the site pages stops the build naming
it, unless it is a deliberate blank between two sites, which is reported; words on the site
pages that no record holds stop the build, unless the maintainer allows them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pytest

from tests.support import inputs
from tests.support.command import run_cli
from tests.support.outputs import output_state, snapshot

# Tables that name the file (its sha256 and size) rather than what is printed in it.
FILE_TABLES = {"csv/documents.csv", "parquet/documents.parquet"}
# The other files (datapackage.json, the dictionary, the SQLite database and the workbook)
# hold the documents table or its sizes too.
TABLE_FOLDERS = ("csv/", "parquet/")


def _tables(out: Path) -> dict[str, str]:
    return {
        name: digest
        for name, digest in output_state(out).items()
        if name.startswith(TABLE_FOLDERS) and name not in FILE_TABLES
    }


@pytest.fixture(scope="module")
def baseline_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("resaved")
    out = folder / "output"
    result = run_cli("build", "--source", str(inputs.resaved(folder / "pdf")), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def baseline(baseline_output: Path) -> dict[str, str]:
    return _tables(baseline_output)


BOX = ("x0", "top", "x1", "bottom")
# A published box is rounded to 2 decimals (schemas/tables.toml): the upright page's box,
# turned, may round a hundredth the other way.
ROUNDING = 0.01 + 1e-9


def _approaches(out: Path) -> list[dict[str, str]]:
    with (out / "csv" / "approaches.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _turned_box(row: dict[str, str], degrees: int, width: float, height: float) -> list[float]:
    """Where a box of the upright page (`width` by `height` points) stands once the page is
    shown turned clockwise by /Rotate `degrees`, in pdfplumber's coordinates."""
    x0, top, x1, bottom = (float(row[name]) for name in BOX)
    return {
        90: [height - bottom, x0, height - top, x1],
        180: [width - x1, height - bottom, width - x0, height - top],
        270: [top, width - x1, bottom, width - x0],
    }[degrees]


def _printed_in(page: pdfplumber.page.Page, box: list[float]) -> list[str]:
    """The characters printed inside the box (to a rounding), in any order."""
    x0, top, x1, bottom = box
    inside = page.within_bbox((x0 - ROUNDING, top - ROUNDING, x1 + ROUNDING, bottom + ROUNDING))
    return sorted("".join(char["text"] for char in inside.chars).replace(" ", ""))


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_site_page_is_read_as_printed(
    degrees: int, baseline_output: Path, tmp_path: Path
) -> None:
    """The page's text is read in its own direction, and its items' boxes are where
    pdfplumber finds them on the page as shown: the upright page's boxes, turned with it,
    holding what they hold there."""
    upright_source = inputs.resaved(tmp_path / "upright")
    source = inputs.rotated_page(tmp_path / "pdf", page=4, degrees=degrees)
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out), "-q")

    assert (result.returncode, result.stderr) == (0, "")
    other_tables = {name: d for name, d in _tables(out).items() if "approaches" not in name}
    upright_tables = _tables(baseline_output)
    assert other_tables == {
        name: d for name, d in upright_tables.items() if "approaches" not in name
    }
    upright, turned = _approaches(baseline_output), _approaches(out)
    assert [{k: v for k, v in row.items() if k not in BOX} for row in turned] == [
        {k: v for k, v in row.items() if k not in BOX} for row in upright
    ]
    on_the_page = [(u, t) for u, t in zip(upright, turned, strict=True) if t["page"] == "4"]
    assert len(on_the_page) == 5
    assert [row for row, turned_row in zip(upright, turned, strict=True) if row != turned_row] == [
        row for row, _ in on_the_page
    ]
    with pdfplumber.open(upright_source) as upright_pdf, pdfplumber.open(source) as pdf:
        page, shown = upright_pdf.pages[3], pdf.pages[3]
        width, height = float(page.width), float(page.height)
        for row, turned_row in on_the_page:
            box = [float(turned_row[name]) for name in BOX]
            assert box == pytest.approx(_turned_box(row, degrees, width, height), abs=ROUNDING)
            assert _printed_in(shown, box) == _printed_in(page, [float(row[n]) for n in BOX])


@pytest.mark.parametrize(
    "running_foot", [False, True], ids=["nothing drawn", "nothing but its running foot"]
)
def test_a_blank_page_between_two_sites_is_reported_and_skipped(
    running_foot: bool, tmp_path: Path
) -> None:
    """A blank page before a site's first page, as a layout that starts each site on a new
    page or spread leaves one, is skipped with a note: with nothing drawn on it, or with
    only the page number and running foot that every page prints (a browser printing
    cards that do not fit a page's foot leaves such a page)."""
    source = inputs.page_put_in(tmp_path / "pdf", before=5, running_foot=running_foot)
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "note: page 5: blank (nothing drawn but, at most, its page number or running text), "
        "between two sites; skipped"
    )
    sites = (out / "csv" / "sites.csv").read_text(encoding="utf-8").splitlines()
    assert len(sites) == 1 + 17


@pytest.mark.parametrize(
    ("before", "ink", "running_foot"),
    [(11, False, False), (11, False, True), (5, True, False), (5, True, True)],
    ids=[
        "a blank page inside a site that runs on",
        "a page blank but for its running foot inside a site that runs on",
        "a page drawn but without text",
        "a page drawn but with no text but its running foot",
    ],
)
def test_a_page_without_text_among_the_site_pages_stops_the_build(
    before: int, ink: bool, running_foot: bool, out_dir: Path, tmp_path: Path
) -> None:
    source = inputs.page_put_in(tmp_path / "pdf", before=before, ink=ink, running_foot=running_foot)
    parent = snapshot(out_dir.parent)

    result = run_cli("build", "--source", str(source), "--out", str(out_dir))

    assert result.returncode == 7
    assert result.stderr == (
        f"error: page {before} has no site text that can be read, among the site pages (3-21), "
        "and is not a blank page between two sites: its text may be drawn as outlines or the "
        "page damaged; check the PDF page\n"
    )
    assert snapshot(out_dir.parent) == parent


STRAY_CAPTION = (
    "error: 3 words on the site pages are placed in no record (page 5: 'Photograph: NCB "
    "archive'): the pages may have been misread; `python -m pipeline qa` marks them on each "
    "page; if they belong to no record (a caption, a note), build again with --allow-unplaced\n"
)


def test_words_placed_in_no_record_stop_the_build(out_dir: Path, tmp_path: Path) -> None:
    source = inputs.stray_caption(tmp_path / "pdf")
    parent = snapshot(out_dir.parent)

    result = run_cli("build", "--source", str(source), "--out", str(out_dir))

    assert (result.returncode, result.stderr) == (18, STRAY_CAPTION)
    assert snapshot(out_dir.parent) == parent


def test_words_placed_in_no_record_are_published_without_them_when_allowed(
    baseline: dict[str, str], tmp_path: Path
) -> None:
    source = inputs.stray_caption(tmp_path / "pdf")
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out), "--allow-unplaced")

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "warning: 3 words on the site pages are placed in no record (page 5): published "
        "without them (--allow-unplaced)"
    )
    assert _tables(out) == baseline


def test_qa_marks_the_words_placed_in_no_record(tmp_path: Path) -> None:
    source = inputs.stray_caption(tmp_path / "pdf")

    result = run_cli("qa", "--source", str(source), "--out", str(tmp_path / "qa"), "-q")

    assert (result.returncode, result.stderr) == (0, "")
    index = (tmp_path / "qa" / "index.html").read_text(encoding="utf-8")
    assert index.count('<p class="unplaced">') == 1
    assert '<p class="unplaced">Placed in no record (3 words): Photograph: NCB archive</p>' in index
