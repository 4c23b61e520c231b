"""A build's output files are built in a forked child while the tables are validated
(pipeline/io/processes.py): the bytes are the child's, an error is raised here as if no child
had been asked, and a build that stops leaves no child behind; a build in a caller's process
leaves its garbage collector as it found it."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.io.processes import FilesBuiltBeside, available_cores
from pipeline.metadata.package_name import package_name
from pipeline.metadata.registry import table_registry
from tests.support import inputs
from tests.support.paths import COMMITTED_PDF

FORKS = available_cores() > 1 and hasattr(os, "fork")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_files_come_back_whole_named_and_in_order() -> None:
    def files() -> dict[str, bytes]:
        return {
            "csv/sites.csv": b"site_id\n",
            "empty": b"",
            "Children\u2019s/\u00e9": bytes(range(256)) * 1000,
            "by": str(os.getpid()).encode(),
        }

    result = FilesBuiltBeside(files).result()

    assert list(result) == ["csv/sites.csv", "empty", "Children\u2019s/\u00e9", "by"]
    assert result["Children\u2019s/\u00e9"] == bytes(range(256)) * 1000
    assert result["empty"] == b""
    assert (int(result["by"]) != os.getpid()) is FORKS  # built in the child where it can fork


def test_an_error_in_the_child_is_raised_here_as_the_call_raises_it() -> None:
    calls: list[int] = []

    def failing() -> dict[str, bytes]:
        calls.append(os.getpid())
        raise ValueError("sites.region_code: 'E99' is not in its vocabulary")

    with pytest.raises(ValueError, match="'E99' is not in its vocabulary"):
        FilesBuiltBeside(failing).result()
    assert calls == [os.getpid()]  # the child's call is not seen here; this one is


def test_a_child_not_needed_is_ended_and_reaped(tmp_path: Path) -> None:
    if not FORKS:
        pytest.skip("this machine has one core: the files are built in the process itself")
    pid_file = tmp_path / "child.pid"

    def slow() -> dict[str, bytes]:
        pid_file.write_text(str(os.getpid()))
        time.sleep(600)
        return {}

    with FilesBuiltBeside(slow):
        while not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.01)
        child = int(pid_file.read_text())
        assert _alive(child)
    assert not _alive(child)  # killed and reaped: not even a zombie is left


def test_the_package_name_is_read_from_the_registry_file(tmp_path: Path) -> None:
    assert package_name() == table_registry().package.name
    unnamed = tmp_path / "tables.toml"
    unnamed.write_text('[package]\ntitle = "no name"\n', encoding="utf-8")
    assert package_name(unnamed) is None  # the caller builds the registry, which says why
    assert package_name(tmp_path / "missing.toml") is None


def test_a_build_in_this_process_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    """A build leaves the libraries it loaded out of the collector's passes while it runs
    (pipeline/run.py); a caller that goes on in the same process finds every object
    collectable again, whether the build published or stopped."""
    assert gc.get_freeze_count() == 0
    published = main(["build", "--source", str(COMMITTED_PDF), "--out", str(tmp_path / "a"), "-q"])
    assert (published, gc.get_freeze_count()) == (0, 0)
    other = inputs.other_document(tmp_path)  # read whole, then found not to be the publication
    stopped = main(["build", "--source", str(other), "--out", str(tmp_path / "b"), "-q"])
    assert (stopped, gc.get_freeze_count()) == (7, 0)


def test_a_build_leaves_a_callers_own_freeze_as_it_was(tmp_path: Path) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        out = tmp_path / "output"
        assert main(["build", "--source", str(COMMITTED_PDF), "--out", str(out), "-q"]) == 0
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
