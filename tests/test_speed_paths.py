"""The fast paths change nothing but speed: page-parallel extraction and the layout cache.

A parallel read must give the serial document and raise the serial error; a cached build
must publish the bytes of an uncached one, and a cache entry that cannot be trusted must
be read again from the PDF. Timing is measured by `make bench`, never asserted here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils import extract_words

import pipeline.read.document as document_module
import pipeline.read.pdf as extract_module
import pipeline.reference as reference_module
import pipeline.run as run_module
from pipeline.cli import main
from pipeline.errors import (
    LimitError,
    NotAPdfError,
    NoTextLayerError,
    PipelineError,
    ReferenceDataError,
)
from pipeline.layout.document import ExtractedDocument, ParsedPage
from pipeline.model import BBox
from pipeline.read.cache import CACHE_DIR_VARIABLE, Layout, LayoutCache
from pipeline.read.pdf import RawPage
from pipeline.read.source import file_sha256
from pipeline.run import build
from pipeline.run import laid_out_document as extract
from tests.support import inputs
from tests.support.editions import LAYOUTS, write_edition
from tests.support.outputs import snapshot
from tests.support.paths import COMMITTED_PDF, ROOT


@pytest.fixture(scope="module")
def serial_committed() -> ExtractedDocument:
    return extract(COMMITTED_PDF, jobs=1)


@pytest.fixture(scope="module")
def typeset_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A layout the committed PDF does not have: drawn bullets, pages that run on."""
    path = tmp_path_factory.mktemp("edition") / "a5-shapes.pdf"
    write_edition(inputs.golden_model(), "a5-shapes", path)
    return path


def _layout(path: Path) -> Layout:
    with extract_module.open_pdf(path) as pdf:
        return Layout(None, None, tuple(extract_module.raw_pages(pdf, path)))


# --- reading pdfplumber's layout --------------------------------------------------------------


def _read_through_page_objects(page: pdfplumber.page.Page) -> RawPage:
    """raw_page as pdfplumber's own page.extract_words, page.rects, page.curves, page.lines
    and page.images give it: what extract.py's narrower reading of the layout must equal."""
    printed = extract_module.printed_box(page)

    def is_printed(obj: dict) -> bool:
        return (
            printed.x0 * 2 <= obj["x0"] + obj["x1"] <= printed.x1 * 2
            and printed.top * 2 <= obj["top"] + obj["bottom"] <= printed.bottom * 2
        )

    view = page.filter(is_printed)
    words = tuple(
        extract_module.Word(
            text=w["text"],
            bbox=BBox(w["x0"], w["top"], w["x1"], w["bottom"]),
            size=float(w["size"]),
            fontname=w["fontname"].split("+", 1)[-1],
            color=extract_module.word_colour(w["non_stroking_color"]),
        )
        for w in extract_words(
            extract_module.small_capitals_as_letters(
                extract_module.without_zero_advance_blanks(view.chars)
            ),
            x_tolerance_ratio=extract_module.WORD_TOLERANCE_RATIO,
            extra_attrs=["fontname", "size", "non_stroking_color"],
        )
        if w["upright"] and w["text"].strip()
    )
    shapes = tuple(
        BBox(s["x0"], s["top"], s["x1"], s["bottom"])
        for s in (*view.rects, *view.curves)
        if s["fill"] and extract_module.is_bullet_sized(s["x1"] - s["x0"], s["bottom"] - s["top"])
    )
    wide = (printed.x1 - printed.x0) * extract_module.WIDE_SHAPE_SHARE
    wide_shapes = [
        (s["x0"], s["top"], s["x1"], s["bottom"])
        for s in (*view.rects, *view.curves, *view.lines)
        if s["x1"] - s["x0"] >= wide
    ]
    return RawPage(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        printed=printed,
        words=words,
        shapes=shapes,
        has_images=bool(page.images),
        has_ink=any(page.objects.values()),
        has_drawing=any(objects for kind, objects in page.objects.items() if kind != "char"),
        wide_shapes=tuple(sorted(wide_shapes, key=lambda s: (s[1], s[0], s[2], s[3]))),
    )


def _pdfs_of_every_layout(folder: Path) -> list[Path]:
    editions = []
    for layout in LAYOUTS:
        path = folder / f"{layout}.pdf"
        write_edition(inputs.golden_model(), layout, path)
        editions.append(path)
    return [COMMITTED_PDF, *editions, inputs.unusual_geometry(folder)]


def test_pages_read_from_the_layout_equal_pdfplumbers_page_objects(tmp_path: Path) -> None:
    """Every word (text, box, size, font, colour), drawn shape and image of every page, on
    the committed PDF, every typeset layout and pages with a moved MediaBox and a form
    XObject. (A page whose text runs sideways is read in its text's direction, which
    pdfplumber's page objects are not: tests/test_unread_pages.py.)"""
    pages_read = 0
    for path in _pdfs_of_every_layout(tmp_path):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                if page.rotation:
                    continue
                assert extract_module.raw_page(page) == _read_through_page_objects(page), (
                    f"{path.name} page {page.page_number}"
                )
                pages_read += 1
    assert pages_read > 21


def test_the_unusual_geometry_is_really_there(tmp_path: Path) -> None:
    """The comparison above would prove little on pages pdfplumber does not move."""
    with pdfplumber.open(inputs.unusual_geometry(tmp_path)) as pdf:
        first, rotated, with_form = pdf.pages
        assert first.mediabox[:2] != (0, 0)
        assert rotated.rotation == 90
        assert with_form.layout._objs[0].__class__.__name__ == "LTFigure"
        assert first.images and first.curves and first.rects
        raw = extract_module.raw_page(first)
        assert len(raw.shapes) == 2 and raw.has_images
        assert [w.text for w in extract_module.raw_page(with_form).words][:2] == ["Text", "inside"]


# --- page-parallel extraction ----------------------------------------------------------------


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_read_of_the_committed_pdf_equals_the_serial_one(
    jobs: int, serial_committed: ExtractedDocument
) -> None:
    assert extract(COMMITTED_PDF, jobs=jobs) == serial_committed


def test_parallel_read_of_a_typeset_edition_equals_the_serial_one(typeset_edition: Path) -> None:
    assert extract(typeset_edition, jobs=2) == extract(typeset_edition, jobs=1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_meanwhile_runs_once_in_this_process(jobs: int) -> None:
    calls: list[int] = []
    extract(COMMITTED_PDF, jobs=jobs, meanwhile=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()]


def test_a_damaged_page_fails_alike_in_a_worker(tmp_path: Path) -> None:
    """A real damaged content stream (page 3), read here and, while this process waits in
    `meanwhile`, by a worker process."""
    source = inputs.corrupted_page_stream(tmp_path)
    errors = []
    for jobs, meanwhile in ((1, lambda: None), (3, lambda: time.sleep(0.3))):
        with pytest.raises(NotAPdfError) as caught:
            extract(source, jobs=jobs, meanwhile=meanwhile)
        errors.append(caught.value)
    assert errors[1].message == errors[0].message
    assert "page 3 cannot be read" in errors[0].message


@pytest.mark.parametrize(
    ("failure", "error", "message"),
    [
        (ZeroDivisionError, NotAPdfError, "page 4 cannot be read; the PDF may be truncated"),
        (NoTextLayerError, NoTextLayerError, "page 4 has no text"),
    ],
)
def test_the_lowest_failing_page_is_reported_as_in_a_serial_read(
    monkeypatch: pytest.MonkeyPatch,
    failure: type[Exception],
    error: type[PipelineError],
    message: str,
) -> None:
    """Pages 19 and 4 fail: whichever worker meets which first, page 4's error is raised,
    a pipeline error as it was raised, any other one as the serial read words it."""
    real = extract_module.raw_page

    def failing(page: pdfplumber.page.Page) -> RawPage:
        if page.page_number in (4, 19):
            raise failure(f"page {page.page_number} has no text")
        return real(page)

    monkeypatch.setattr(extract_module, "raw_page", failing)
    messages = []
    for jobs in (1, 2, 4):
        with pytest.raises(error) as caught:
            extract(COMMITTED_PDF, jobs=jobs)
        messages.append(caught.value.message)
    assert len(set(messages)) == 1
    assert message in messages[0]


def test_an_error_laying_out_a_page_is_raised_as_in_a_serial_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fault in the layout code (not in the PDF) reaches the command as the error it is,
    from whichever process laid the page out."""
    real = run_module.parsed_page

    def failing(raw: RawPage) -> ParsedPage:
        if raw.number == 4:
            raise ValueError("page 4: a bug in the layout rules")
        return real(raw)

    monkeypatch.setattr(run_module, "parsed_page", failing)
    for jobs in (1, 2, 3):
        with pytest.raises(ValueError, match="page 4: a bug in the layout rules"):
            extract(COMMITTED_PDF, jobs=jobs)


def test_a_workers_error_keeps_its_traceback_for_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-line message is the serial one; --debug also shows where the worker failed."""
    parent = os.getpid()
    real = extract_module.raw_page

    def failing_in_a_worker(page: pdfplumber.page.Page) -> RawPage:
        if os.getpid() != parent:
            raise ZeroDivisionError("inside pdfminer")
        return real(page)

    monkeypatch.setattr(extract_module, "raw_page", failing_in_a_worker)
    with pytest.raises(NotAPdfError) as caught:  # this process waits: the worker reads page 1
        extract(COMMITTED_PDF, jobs=2, meanwhile=lambda: time.sleep(0.3))
    assert "page 1 cannot be read; the PDF" in caught.value.message
    (note,) = caught.value.__notes__
    assert note.startswith("In a page-reading worker process:")
    assert "ZeroDivisionError: inside pdfminer" in note


def test_a_worker_that_dies_is_reported_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    real = extract_module.raw_page

    def dying(page: pdfplumber.page.Page) -> RawPage:
        if os.getpid() != parent:  # the worker, on its first page
            os._exit(9)
        return real(page)

    monkeypatch.setattr(extract_module, "raw_page", dying)
    with pytest.raises(RuntimeError, match="exit code 9"):
        extract(COMMITTED_PDF, jobs=2)


KILLED_PARENT = """
import os, sys, time
from pathlib import Path
from pipeline.run import laid_out_document as extract

def meanwhile():
    print(os.getpid(), flush=True)  # the worker is parsing now
    time.sleep(60)

extract(Path(sys.argv[1]), jobs=2, meanwhile=meanwhile)
"""


def _state(pid: int) -> str:
    """The process's state letter (R, S, Z, ...), or "gone"."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_a_killed_builds_worker_does_not_live_on() -> None:
    """Killed while its worker parses (say by the OOM killer or `kill -9`), a build must not
    leave the worker parsing on, then waiting forever to hand its pages to no one."""
    root = ROOT
    command = [sys.executable, "-c", KILLED_PARENT, str(COMMITTED_PDF)]
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, text=True) as parent:
        pid = int(parent.stdout.readline())  # type: ignore[union-attr]
        (worker,) = map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
        parent.kill()
    deadline = time.monotonic() + 5
    while _state(worker) not in ("gone", "Z") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _state(worker) in ("gone", "Z")


def test_the_page_limit_is_checked_before_any_page_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = LayoutCache(tmp_path, file_sha256(COMMITTED_PDF))
    cache.store(_layout(COMMITTED_PDF))

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a page was read")

    monkeypatch.setattr(extract_module, "raw_page", no_reading)
    monkeypatch.setattr(document_module, "read_pages", no_reading)
    for jobs in (1, 2):
        with pytest.raises(LimitError, match="has 21 pages, more than the limit of 20"):
            extract(COMMITTED_PDF, max_pages=20, jobs=jobs)
    with pytest.raises(LimitError, match="has 21 pages, more than the limit of 20"):
        extract(COMMITTED_PDF, max_pages=20, cache=cache)


def _broken_reference() -> None:
    raise ReferenceDataError("pipeline/reference/regions.csv, line 3: region_code is missing")


def test_reference_data_read_while_pages_are_parsed_fail_the_normalise_stage(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The reference data are read early, but their error is raised where a build without
    the overlap would raise it: after a clean extraction, with nothing published."""
    monkeypatch.setattr(reference_module, "load_reference", _broken_reference)
    stages: list[str] = []
    with pytest.raises(ReferenceDataError, match="region_code is missing"):
        build(COMMITTED_PDF, tmp_path / "out", on_stage=stages.append)
    assert stages == ["check", "extract", "structure", "normalise"]
    assert not (tmp_path / "out").exists()


def test_a_page_that_cannot_be_read_is_reported_before_broken_reference_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Page 4 fails while it is parsed, after the reference data were read and failed."""
    real = extract_module.raw_page

    def failing(page: pdfplumber.page.Page) -> RawPage:
        if page.page_number == 4:
            raise ZeroDivisionError("inside pdfminer")
        return real(page)

    monkeypatch.setattr(extract_module, "raw_page", failing)
    monkeypatch.setattr(reference_module, "load_reference", _broken_reference)
    with pytest.raises(NotAPdfError, match="page 4 cannot be read"):
        build(COMMITTED_PDF, tmp_path / "out")


# --- layout cache ------------------------------------------------------------------------------


def test_a_cached_build_publishes_the_bytes_of_an_uncached_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    build(COMMITTED_PDF, tmp_path / "uncached")
    build(COMMITTED_PDF, tmp_path / "first", cache_dir=cache_dir)
    assert len(list(cache_dir.glob("*.json"))) == 1

    def no_parsing(path: Path) -> None:
        raise AssertionError("the PDF was opened for parsing")

    monkeypatch.setattr(document_module, "open_pdf", no_parsing)
    build(COMMITTED_PDF, tmp_path / "cached", cache_dir=cache_dir)
    uncached = snapshot(tmp_path / "uncached")
    assert snapshot(tmp_path / "first") == uncached
    assert snapshot(tmp_path / "cached") == uncached


def test_an_entry_is_found_only_for_the_same_pdf_and_extractor(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, typeset_edition: Path
) -> None:
    layout = _layout(typeset_edition)
    sha256 = file_sha256(typeset_edition)
    LayoutCache(tmp_path, sha256).store(layout)
    assert LayoutCache(tmp_path, sha256).load() == layout
    assert LayoutCache(tmp_path, file_sha256(COMMITTED_PDF)).load() is None
    monkeypatch.setattr(extract_module, "READER_VERSION", "changed")
    assert LayoutCache(tmp_path, sha256).load() is None


CORRUPTIONS = {
    "truncated": lambda entry: entry[: len(entry) // 2],
    "a byte changed": lambda entry: entry[:-40] + bytes([entry[-40] ^ 1]) + entry[-39:],
    "not JSON": lambda entry: b"\x00\xff garbage",
    "empty": lambda entry: b"",
    # the header starts {"key": "<hex>": another first digit names another entry
    "another key": lambda entry: entry[:9] + (b"1" if entry[9:10] == b"0" else b"0") + entry[10:],
}


@pytest.fixture(scope="module")
def good_entry(tmp_path_factory: pytest.TempPathFactory, typeset_edition: Path) -> bytes:
    cache = LayoutCache(tmp_path_factory.mktemp("cache"), file_sha256(typeset_edition))
    extract(typeset_edition, cache=cache)
    return cache.path.read_bytes()


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_corrupted_entry_is_not_trusted(
    corruption: str, good_entry: bytes, tmp_path: Path, typeset_edition: Path
) -> None:
    cache = LayoutCache(tmp_path, file_sha256(typeset_edition))
    cache.path.write_bytes(good_entry)
    assert cache.load() is not None
    cache.path.write_bytes(CORRUPTIONS[corruption](good_entry))
    assert cache.load() is None


def test_a_corrupted_entry_is_read_again_from_the_pdf_and_replaced(
    good_entry: bytes, tmp_path: Path, typeset_edition: Path
) -> None:
    cache = LayoutCache(tmp_path, file_sha256(typeset_edition))
    cache.path.write_bytes(CORRUPTIONS["a byte changed"](good_entry))
    assert extract(typeset_edition, cache=cache) == extract(typeset_edition, jobs=1)
    assert cache.path.read_bytes() == good_entry


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"title": None, "author": None, "pages": [[1, 10.0, 10.0, [["w", 0, 0, 1]], [], False]]},
        {"title": None, "author": None, "pages": [[1, "10", 10.0, [], [], False]]},
        {"title": 5, "author": None, "pages": []},
        {"title": None, "author": None, "pages": [[True, 10.0, 10.0, [], [], False]]},
    ],
)
def test_a_well_formed_entry_of_the_wrong_shape_is_not_trusted(
    payload: object, tmp_path: Path
) -> None:
    cache = LayoutCache(tmp_path, "0" * 64)
    data = json.dumps(payload).encode()
    header = {"key": cache.key, "sha256": hashlib.sha256(data).hexdigest()}
    cache.path.write_bytes(json.dumps(header).encode() + b"\n" + data)
    assert cache.load() is None


def test_no_cache_neither_reads_nor_writes_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A poisoned entry (one word changed, checksum made to fit) shows which builds read it."""
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(cache_dir))
    cache = LayoutCache(cache_dir, file_sha256(COMMITTED_PDF))
    extract(COMMITTED_PDF, cache=cache)
    layout = cache.load()
    assert layout is not None
    pages = list(layout.pages)
    words = tuple(
        dataclasses.replace(word, text="POISONED") if word.text == "Manchester" else word
        for word in pages[2].words
    )
    pages[2] = dataclasses.replace(pages[2], words=words)
    cache.store(dataclasses.replace(layout, pages=tuple(pages)))
    poisoned = cache.path.read_bytes()

    def approaches(out: Path) -> str:
        return (out / "csv" / "approaches.csv").read_text(encoding="utf-8")

    arguments = ["build", "--source", str(COMMITTED_PDF), "-q", "--out"]
    assert main([*arguments, str(tmp_path / "fresh"), "--no-cache"]) == 0
    assert "POISONED" not in approaches(tmp_path / "fresh")
    assert cache.path.read_bytes() == poisoned
    assert main([*arguments, str(tmp_path / "cached")]) == 0
    assert "POISONED" in approaches(tmp_path / "cached")
