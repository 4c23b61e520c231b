"""A site page is never lost without a word: a page turned on the sheet is read as printed,
in its text's own direction; a page with no text among the site pages stops the build naming
it, unless it is a deliberate blank between two sites, which is reported; words on the site
pages that no record holds stop the build, unless the maintainer allows them.
"""

from __future__ import annotations

from pathlib import Path

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
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("resaved")
    out = folder / "output"
    result = run_cli("build", "--source", str(inputs.resaved(folder / "pdf")), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return _tables(out)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_site_page_is_read_as_printed(
    degrees: int, baseline: dict[str, str], tmp_path: Path
) -> None:
    source = inputs.rotated_page(tmp_path / "pdf", page=4, degrees=degrees)
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out), "-q")

    assert (result.returncode, result.stderr) == (0, "")
    assert _tables(out) == baseline


def test_a_blank_page_between_two_sites_is_reported_and_skipped(tmp_path: Path) -> None:
    source = inputs.page_put_in(tmp_path / "pdf", before=5)
    out = tmp_path / "output"

    result = run_cli("build", "--source", str(source), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "note: page 5: blank (nothing drawn), between two sites; skipped"
    )
    sites = (out / "csv" / "sites.csv").read_text(encoding="utf-8").splitlines()
    assert len(sites) == 1 + 17


@pytest.mark.parametrize(
    ("before", "ink"),
    [(11, False), (5, True)],
    ids=["a blank page inside a site that runs on", "a page drawn but without text"],
)
def test_a_page_without_text_among_the_site_pages_stops_the_build(
    before: int, ink: bool, out_dir: Path, tmp_path: Path
) -> None:
    source = inputs.page_put_in(tmp_path / "pdf", before=before, ink=ink)
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
