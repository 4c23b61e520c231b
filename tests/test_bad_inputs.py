"""The wrong file, a broken download, a password-protected copy, a new edition that changed
shape: each ends in one line on stderr and a documented exit code, and the published output
stays byte for byte as it was.

Every case runs the command in a process of its own (tests/support/command.py), into a
folder that already holds a build of the committed PDF.
"""

from __future__ import annotations

import inspect
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline import errors
from pipeline.cli import main
from tests.support import inputs
from tests.support.command import run_cli
from tests.support.outputs import documented_exit_codes, snapshot

CANNOT_BE_READ = (
    "{source}: the PDF cannot be read; it may be truncated or corrupted: download it again"
)
NO_SITE = (
    "no Early Adopter site found: no page carries the titles 'Multi-agency learning theme(s)' "
    "or 'Overview of approaches'; check that --source is the publication"
)
OCR = "run OCR on the PDF first (e.g. ocrmypdf) or use the publisher's text PDF"
NOT_REGULAR = (
    "{source}: not a regular file (a pipe, a device or a system file); --source must name a "
    "PDF file"
)
DAMAGED_PAGE = "the page may be damaged or the layout changed: check the PDF page"


def _trafford(change: Callable[[dict], None]) -> Callable[[Path], Path]:
    """The publication typeset with one change to the Trafford site (page 4)."""

    def make(folder: Path) -> Path:
        model = inputs.changed_model(lambda m: change(inputs.site_named(m, "Trafford")))
        return inputs.edition(folder, model, "edition.pdf")

    return make


def _directory(folder: Path) -> Path:
    path = folder / "a-folder.pdf"
    path.mkdir()
    return path


def _cover_and_introduction(folder: Path) -> Path:
    return inputs.edition(folder, inputs.changed_model(lambda m: m.update(sites=[])), "cover.pdf")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]
    exit_code: int
    message: str  # the exact message; {source} stands for the --source path
    args: tuple[str, ...] = ()


CASES = (
    Case("missing file", inputs.missing, 3, "{source}: no such file; check the --source path"),
    Case("a folder", _directory, 3, "{source}: not a file; --source must name a PDF file"),
    Case("empty file", inputs.empty, 3, "{source}: the file is empty; download the PDF again"),
    Case("a named pipe", inputs.named_pipe, 3, NOT_REGULAR),
    Case("a device that never ends", lambda folder: Path("/dev/zero"), 3, NOT_REGULAR),
    Case("a file of the kernel's", lambda folder: Path("/proc/self/mem"), 3, NOT_REGULAR),
    Case(
        "text file named .pdf",
        inputs.text_named_pdf,
        4,
        "{source}: not a PDF (no %PDF header); point --source at the publication's PDF",
    ),
    Case(
        "HTML error page saved as .pdf",
        inputs.html_error_page,
        4,
        "{source}: not a PDF (no %PDF header); point --source at the publication's PDF",
    ),
    Case("truncated PDF", inputs.truncated, 4, CANNOT_BE_READ),
    Case("corrupted cross-reference", inputs.corrupted_xref, 4, CANNOT_BE_READ),
    Case(
        "corrupted page tree",
        inputs.corrupted_page_tree,
        4,
        "{source}: no page can be found in the PDF (its page tree is missing or damaged); "
        "it may be truncated or corrupted: download it again",
    ),
    Case(
        "corrupted page content",
        inputs.corrupted_page_stream,
        4,
        "{source}: page 3 cannot be read (its content stream is damaged); the PDF may be "
        "truncated or corrupted: download it again",
    ),
    Case(
        "a page's content missing",
        inputs.missing_page_object,
        4,
        "{source}: page 8 cannot be read (its content is missing from the file); the PDF may "
        "be truncated or corrupted: download it again",
    ),
    Case(
        "corrupted font",
        inputs.corrupted_font,
        4,
        "{source}: a compressed stream (object 144: a font, image or index) is damaged; the PDF "
        "may be truncated or corrupted: download it again",
    ),
    Case("corrupted object stream", inputs.corrupted_object_stream, 4, CANNOT_BE_READ),
    Case(
        "a font's Unicode map lost",
        inputs.lost_unicode_map,
        4,
        "page 1: text that does not map to characters ('(cid:50)verview of multi-agency "
        "safegua…'): a font of the PDF has lost its map to Unicode, so the file is probably "
        "damaged; download it again, or use a copy whose text can be copied",
    ),
    Case(
        "encrypted PDF",
        inputs.encrypted,
        5,
        "{source}: the PDF is password-protected; use an unencrypted copy",
    ),
    Case("some other document", inputs.other_document, 7, NO_SITE),
    Case("only the cover and introduction", _cover_and_introduction, 7, NO_SITE),
    Case(
        "blank pages",
        inputs.blank_pages,
        7,
        "the PDF has no text on any page; check that --source is the publication",
    ),
    Case(
        "a scan, no text layer at all",
        inputs.scanned,
        8,
        "no text layer on any page (pages 1, 2 are images): the PDF is a scan; run OCR on it "
        "first (e.g. ocrmypdf) or use the publisher's text PDF",
    ),
    Case(
        "one site page scanned",
        lambda folder: inputs.edition_with_scanned_page(folder, scanned_page=5),
        8,
        f"page 5 has no text layer, only an image (a scanned page); {OCR}",
    ),
    Case(
        "a site page without its themes",
        _trafford(lambda site: site.update(themes=[])),
        7,
        "site 'Trafford' (page 4) lists no themes under 'Multi-agency learning theme(s)'; "
        + DAMAGED_PAGE,
    ),
    Case(
        "a site page without its approaches",
        _trafford(lambda site: site.update(sections=[])),
        7,
        "site 'Trafford' (page 4) has no items under 'Overview of approaches'; " + DAMAGED_PAGE,
    ),
    Case(
        "unknown region",
        _trafford(lambda site: site.update(region="Atlantis")),
        9,
        'unknown region "Atlantis" (page 4, site "Trafford"): add it to '
        "pipeline/reference/region_names.csv (printed_name,region_code) if it is a spelling "
        "of an English region, or to regions.csv",
    ),
    Case(
        "unknown local authority",
        _trafford(lambda site: site.update(local_authorities=["Gotham"])),
        9,
        'unknown local authority "Gotham" (page 4, site "Trafford"): add it to '
        "pipeline/reference/la_name_variants.csv (printed_name,la_code) if it is a spelling "
        "of a known authority, or to local_authorities.csv",
    ),
    Case(
        "unknown theme",
        _trafford(lambda site: site["themes"].__setitem__(1, "Underwater basket weaving")),
        9,
        'unknown theme "Underwater basket weaving" (page 4, site "Trafford"): add it to '
        "pipeline/reference/theme_crosswalk.csv (theme_published,theme_id), with a theme_id "
        "from themes.csv, or a new theme added there first",
    ),
    Case(
        "more pages than --max-pages",
        lambda folder: inputs.COMMITTED_PDF,
        12,
        "ncb-safeguarding-early-adopters-overview.pdf has 21 pages, more than the limit of 20: "
        "raise it with --max-pages if this really is an edition of the publication",
        ("--max-pages", "20"),
    ),
)


@dataclass(frozen=True)
class Run:
    source: Path
    before: dict[str, str]  # the output's folder before the build
    after: dict[str, str]
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def runs(previous_output: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every case run once, each into its own copy of the previous output."""

    def run(case: Case) -> Run:
        folder = tmp_path_factory.mktemp("bad-input")
        source = case.make(folder)
        out = folder / "published" / "output"
        shutil.copytree(previous_output, out)
        before = snapshot(out.parent)
        result = run_cli("build", "--source", str(source), "--out", str(out), *case.args)
        return Run(source, before, snapshot(out.parent), result)

    return {case.name: run(case) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_input_ends_in_one_line_and_an_untouched_output(
    case: Case, runs: dict[str, Run]
) -> None:
    run = runs[case.name]
    assert run.result.returncode == case.exit_code, run.result.stderr
    assert run.result.stderr == f"error: {case.message.format(source=run.source)}\n"
    assert "Traceback" not in run.result.stderr
    assert run.result.stdout == ""
    assert run.after == run.before


def test_every_exit_code_of_the_cases_is_documented() -> None:
    documented = documented_exit_codes()
    assert {case.exit_code for case in CASES} <= set(documented)
    classes = inspect.getmembers(errors, inspect.isclass)
    codes = {cls.exit_code for _, cls in classes if issubclass(cls, errors.PipelineError)}
    assert codes - {1} <= set(documented) - {0, 1}
    assert documented[1].startswith("internal error")


def test_debug_shows_the_traceback_and_the_libraries_warnings(
    out_dir: Path, tmp_path: Path
) -> None:
    """The case above whose stderr is one line: pdfminer logs a warning on the way, which
    --debug shows with the traceback."""
    source = inputs.corrupted_object_stream(tmp_path)
    before = snapshot(out_dir.parent)

    result = run_cli("build", "--source", str(source), "--out", str(out_dir), "--debug")

    assert result.returncode == 4
    lines = result.stderr.splitlines()
    assert lines[0] == "Data-loss while decompressing corrupted data"
    assert lines[1] == "Traceback (most recent call last):"
    assert "pdfplumber.utils.exceptions.PdfminerException: " in result.stderr
    assert lines[-1] == "error: " + CANNOT_BE_READ.format(source=source)
    assert snapshot(out_dir.parent) == before


def test_the_default_page_limit_stops_before_any_page_is_read(
    out_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """2001 pages against the default limit of 2000: refused after reading the page count,
    before a single page is parsed, so time and memory stay bounded."""
    import pipeline.read.pdf

    source = inputs.many_pages(tmp_path, 2001)
    before = snapshot(out_dir.parent)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a page was read")

    monkeypatch.setattr(pipeline.read.pdf, "raw_page", never)
    code = main(["build", "--source", str(source), "--out", str(out_dir)])

    assert code == 12
    assert capsys.readouterr().err == (
        "error: many-pages.pdf has 2001 pages, more than the limit of 2000: raise it with "
        "--max-pages if this really is an edition of the publication\n"
    )
    assert snapshot(out_dir.parent) == before
