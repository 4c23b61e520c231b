"""The output folder is checked before the PDF is read: a folder that cannot be written, or
that is not an earlier output, is refused at once (exit 11, one line), and nothing is left
behind, not even the build's lock file, where the build was refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline.read.pdf
from pipeline.cli import main
from tests.support.outputs import assert_complete_output, snapshot
from tests.support.paths import COMMITTED_PDF


@pytest.fixture
def no_page_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a page was read")

    monkeypatch.setattr(pipeline.read.pdf, "raw_page", never)


def _build(out: Path | str) -> int:
    return main(["build", "--source", str(COMMITTED_PDF), "--out", str(out), "-q", "--no-cache"])


def test_an_output_under_a_file_is_refused_before_any_page_is_read(
    tmp_path: Path, no_page_is_read: None, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    before = snapshot(tmp_path)

    assert _build(tmp_path / "a-file" / "output") == 11
    assert capsys.readouterr().err == (
        f"error: cannot publish to {tmp_path}/a-file/output: {tmp_path}/a-file is a file, not a "
        "folder; choose another output folder\n"
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("folder", ["/proc/output", "/sys/output", "/"])
def test_a_system_folder_is_refused_before_any_page_is_read(
    folder: str, no_page_is_read: None, capsys: pytest.CaptureFixture
) -> None:
    assert _build(folder) == 11
    assert capsys.readouterr().err == (
        f"error: cannot publish to {folder}: it is a system folder; choose another output folder\n"
    )
    assert not Path("/.lock").exists()


def test_a_folder_that_is_not_an_output_is_refused_before_locking(
    tmp_path: Path, no_page_is_read: None, capsys: pytest.CaptureFixture
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(tmp_path)

    assert _build(home) == 11
    assert "is not an earlier output of this pipeline" in capsys.readouterr().err
    assert snapshot(tmp_path) == before  # no .home.lock beside it


def test_the_current_folder_is_refused_without_a_lock_beside_it(
    tmp_path: Path, no_page_is_read: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(work)
    before = snapshot(tmp_path)

    assert _build(".") == 11
    assert snapshot(tmp_path) == before


def test_an_output_named_through_a_published_folder_is_that_folder(
    out_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    """output/csv/.. is output: published into whole, with its lock beside it, never inside."""
    assert _build(out_dir / "csv" / "..") == 0
    assert_complete_output(out_dir)
    assert not (out_dir / ".csv.lock").exists()
    assert {p.name for p in out_dir.parent.iterdir()} == {"output", ".output.lock"}
