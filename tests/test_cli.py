"""The command line as a user meets it: --help everywhere, a page counter on a terminal
only, --quiet and --verbose, and a summary that says what was published and where."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from pipeline import cli
from pipeline.run import laid_out_document as extract
from tests.support.outputs import PIPELINE
from tests.support.paths import COMMITTED_PDF, ROOT

TABLE_COUNTS = (
    "documents 1, sites 17, local_authorities 39, site_themes 37, themes 15, approaches 80, "
    "regions 9 rows from 21 pages"
)


# Every command and the options its help must name, as the README documents them: written
# here, not read from the parser, so that a dropped command or option fails this test.
COMMON = ("--quiet", "--verbose", "--debug", "--help")
COMMANDS: dict[str, tuple[str, ...]] = {
    "build": ("--source", "--out", "--manifest", "--max-pages", "--no-cache", "--allow-unplaced"),
    "accept-edition": ("--source", "--manifest"),
    "qa": ("--source", "--out", "--manifest", "--max-pages", "--no-cache"),
    "figures": ("--data", "--out"),
    "release": ("--out", "--config", "--dest", "--date", "--changelog", "--manifest"),
    "publish": ("--ckan", "--org", "--release"),
    "diff": ("--format",),
    "serve": ("--out", "--portal-dir", "--host", "--port"),
}


def summary(out: Path) -> str:
    return (
        f"published {out}: {TABLE_COUNTS}\n"
        f"files: {out}/csv/<table>.csv, {out}/parquet/<table>.parquet, "
        f"{out}/datapackage.json, {out}/data_dictionary.md, {out}/data_dictionary.csv, "
        f"{out}/sqlite/safeguarding_early_adopters.sqlite, "
        f"{out}/xlsx/safeguarding_early_adopters.xlsx\n"
    )


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [*PIPELINE, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m pipeline ")
    for name in COMMANDS:
        assert f"\n    {name}" in result.stdout, name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_of_each_command_names_every_option(name: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main([name, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: python -m pipeline {name} ")
    for option in COMMANDS[name] + COMMON:
        assert re.search(rf"{option}\b.*\w", text), f"{name} --help does not describe {option}"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("quiet", "stderr", "shown"),
    [(False, Terminal, True), (True, Terminal, False), (False, io.StringIO, False)],
    ids=["terminal", "terminal, --quiet", "pipe"],
)
def test_the_page_counter_shows_on_a_terminal_unless_quiet(
    monkeypatch, tmp_path: Path, quiet, stderr, shown
):
    """A three-page PDF that is not the publication: its pages are counted as they are read,
    then the build stops with its one-line error."""
    stream = stderr()
    monkeypatch.setattr(sys, "stderr", stream)
    source = _pdf(tmp_path / "three.pdf", 3)
    args = ["build", "--source", str(source), "--out", str(tmp_path / "out"), "--no-cache"]
    assert cli.main([*args, "--quiet"] if quiet else args) == 7
    counter = "\rreading page 1/3\rreading page 2/3" + cli.CLEAR_LINE
    written = stream.getvalue()
    assert written.startswith(counter) == shown
    assert ("page 1/3" in written) == shown
    assert written.endswith("check that --source is the publication\n")


def _pdf(path: Path, pages: int) -> Path:
    canvas = Canvas(str(path))
    for number in range(1, pages + 1):
        canvas.drawString(72, 720, f"Page {number} of a test document")
        canvas.showPage()
    canvas.save()
    return path


@pytest.mark.parametrize("jobs", [1, 2], ids=["serial", "parallel"])
def test_extract_reports_each_page_as_it_is_read(tmp_path: Path, jobs: int) -> None:
    reported: list[tuple[int, int]] = []
    extract(_pdf(tmp_path / "three.pdf", 3), jobs=jobs, on_page=lambda *done: reported.append(done))
    assert reported == [(1, 3), (2, 3), (3, 3)]


def test_quiet_prints_nothing_on_success(tmp_path: Path, capfd) -> None:
    out = tmp_path / "output"
    assert cli.main(["build", "--source", str(COMMITTED_PDF), "--out", str(out), "--quiet"]) == 0
    assert capfd.readouterr() == ("", "")
    assert (out / "datapackage.json").is_file()


def test_verbose_on_a_terminal_shows_stages_pages_and_where_the_files_are(tmp_path: Path):
    """A real run on a pseudo-terminal: the stages, the page counter rewriting one line and
    cleared at the end, then the summary naming the folder and its files."""
    out = tmp_path / "output"
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [
                *PIPELINE,
                "build",
                "--source",
                str(COMMITTED_PDF),
                "--out",
                str(out),
                "-v",
                "--no-cache",
            ],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            check=False,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while chunk := _read(leader):
            shown += chunk
    finally:
        for descriptor in (leader, follower):
            if descriptor >= 0:
                os.close(descriptor)
    text = shown.decode("utf-8").replace("\r\n", "\n")
    assert process.returncode == 0, text
    assert process.stdout == b""
    assert "\rreading page 1/21" in text and "\rreading page 20/21" in text
    assert cli.CLEAR_LINE + "structure…" in text
    # What stays on the screen: on each line, what the last carriage return left.
    lines = [line.rsplit("\r", 1)[-1].replace("\x1b[K", "") for line in text.split("\n")]
    assert lines[:6] == [
        f"{name}…" for name in ("check", "extract", "structure", "normalise", "validate", "publish")
    ]
    assert "\n".join(lines[6:8]) + "\n" == summary(out)
    assert lines[8].startswith("timings: check ") and lines[9:] == [""]


def _read(descriptor: int) -> bytes:
    """What the terminal shows next; b"" once the writer has gone (Linux raises EIO)."""
    try:
        return os.read(descriptor, 1 << 16)
    except OSError:
        return b""


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_page_limit_below_one_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(
            ["build", "--source", "x.pdf", "--out", str(tmp_path / "out"), "--max-pages", value]
        )
    assert raised.value.code == 2
    assert (
        f"argument --max-pages: '{value}' is not a whole number of 1 or more"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()
