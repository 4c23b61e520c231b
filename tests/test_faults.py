"""Faults: damaged bytes, a build killed part-way, two builds into one folder at once.

Whatever happens, the output folder is either exactly the previous output or exactly a
complete new one, never a mix, and the next build cleans up what a killed one left.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import io
import json
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.io import atomic as atomic_module
from tests.support import inputs
from tests.support.command import run_cli, start_cli
from tests.support.killpoint import kill_at
from tests.support.outputs import (
    assert_complete_output,
    beside,
    documented_exit_codes,
    output_state,
    snapshot,
)

PDF = inputs.committed_bytes()
LOCK = ".output.lock"  # the build's lock file beside an output folder named "output"


def build(source: Path, out: Path, *args: str) -> int:
    return main(["build", "--source", str(source), "--out", str(out), "-q", *args])


@pytest.fixture(scope="module")
def old(previous_output: Path) -> dict[str, str]:
    return output_state(previous_output)


@pytest.fixture(scope="module")
def new_edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A small valid edition, and the output a build of it publishes."""
    folder = tmp_path_factory.mktemp("new-edition")
    source = inputs.small_edition(folder)
    out = folder / "reference" / "output"
    assert build(source, out) == 0
    return source, output_state(out)


# --- damaged bytes -------------------------------------------------------------------------


# Where the file's objects start (and its two ends): damage drawn near these lands all over
# the file (header, page contents, fonts, object stream, cross-reference), where integers
# drawn from 0 would cluster in the first few hundred bytes.
LANDMARKS = sorted({0, len(PDF) - 1, *(m.start() for m in re.finditer(rb"\d+ 0 obj", PDF))})


@st.composite
def damage(draw: st.DrawFn) -> tuple[str, int, int, int]:
    kind = draw(st.sampled_from(("flip", "drop", "duplicate", "truncate")))
    start = min(draw(st.sampled_from(LANDMARKS)) + draw(st.integers(0, 1024)), len(PDF) - 1)
    length = draw(st.sampled_from((1, 2, 16, 256, 4096)))
    mask = draw(st.integers(1, 255))
    return kind, start, length, mask


def damaged(kind: str, start: int, length: int, mask: int) -> bytes:
    end = min(start + length, len(PDF))
    if kind == "flip":
        return PDF[:start] + bytes(byte ^ mask for byte in PDF[start:end]) + PDF[end:]
    if kind == "drop":
        return PDF[:start] + PDF[end:]
    if kind == "duplicate":
        return PDF[:end] + PDF[start:end] + PDF[end:]
    return PDF[:start]


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(change=damage())
def test_a_damaged_pdf_never_crashes_nor_leaves_a_partial_output(
    change: tuple[str, int, int, int],
    previous_output: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("damaged")
    source = folder / "damaged.pdf"
    source.write_bytes(damaged(*change))
    out = folder / "published" / "output"
    shutil.copytree(previous_output, out)
    before = snapshot(out.parent)
    stderr = io.StringIO()

    with redirect_stderr(stderr):
        code = build(source, out, "--max-pages", "30")

    message = stderr.getvalue()
    assert "Traceback" not in message
    assert code != 1, message  # 1 is an internal error: a bug
    assert code in documented_exit_codes(), message
    if code == 0:
        assert message == ""
        assert_complete_output(out)
        assert beside(out) == {LOCK}
    else:
        assert re.fullmatch(r"error: [^\n]+\n", message), message
        assert snapshot(out.parent) == before


# --- a build killed part-way ---------------------------------------------------------------


def _killpoint(log: Path, point: int, source: Path, out: Path) -> subprocess.CompletedProcess:
    """The build in a process of its own that SIGKILLs itself before its point-th operation on
    the output's folder (tests/support/killpoint.py); 0 runs it to the end."""
    return run_cli(
        "build", "--source", str(source), "--out", str(out), "-q", before=kill_at(log, point, out)
    )


def _kill_points(log: Path) -> list[int]:
    """Where to interrupt: before the lock, the first and last file written and one between,
    and before every rename, exchange and removal (the moments an output changes hands)."""
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    writes = [e["n"] for e in events if e["event"] == "open" and "w" in (e["mode"] or "")]
    swaps = [e["n"] for e in events if e["event"] not in ("open", "os.mkdir")]
    assert writes, "the build wrote no file"
    assert swaps, "the build never renamed its output into place"
    return sorted({1, writes[0], writes[len(writes) // 2], writes[-1], *swaps})


def test_a_build_killed_at_any_step_of_publishing_leaves_the_old_or_the_new_output(
    previous_output: Path,
    old: dict[str, str],
    new_edition: tuple[Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    source, new = new_edition
    assert new != old

    def folder(name: str) -> Path:
        out = tmp_path / name / "output"
        shutil.copytree(previous_output, out)
        return out

    learn = folder("learn")
    log = tmp_path / "operations.jsonl"
    result = _killpoint(log, 0, source, learn)
    assert result.returncode == 0, result.stderr
    assert output_state(learn) == new
    points = _kill_points(log)

    def killed(point: int) -> tuple[int, Path, subprocess.CompletedProcess]:
        out = folder(f"kill-{point}")
        return point, out, _killpoint(tmp_path / f"kill-{point}.jsonl", point, source, out)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(killed, points))

    outcomes = {}
    left_over = set()
    for point, out, result in runs:
        assert result.returncode == -signal.SIGKILL, (point, result.stderr)
        state = output_state(out)
        assert state in (old, new), f"killed before operation {point}: a mixed output"
        outcomes[point] = "old" if state == old else "new"
        left_over |= {name for name in beside(out) if name != LOCK}
        # the next build publishes and removes whatever the killed one left beside the folder
        assert build(source, out) == 0
        assert output_state(out) == new
        assert beside(out) <= {LOCK}
    # the kills really landed on both sides of the swap, and left work in progress behind
    assert set(outcomes.values()) == {"old", "new"}, outcomes
    assert any(name.startswith(".output.tmp-") for name in left_over), left_over


@pytest.mark.parametrize(
    ("stage", "delay"),
    [("extract", 0.0), ("publish", 0.0), ("publish", 0.02), ("publish", 0.05)],
)
def test_a_build_killed_from_outside_leaves_the_old_or_the_new_output(
    stage: str,
    delay: float,
    old: dict[str, str],
    new_edition: tuple[Path, dict[str, str]],
    out_dir: Path,
) -> None:
    """SIGKILL from another process, once the build reports a stage (-v prints each)."""
    source, new = new_edition
    with start_cli("build", "--source", str(source), "--out", str(out_dir), "-v") as process:
        reported = iter(process.stderr_lines(), "")
        if not any(line.startswith(f"{stage}…") for line in reported):
            pytest.fail(f"the build never reported the stage {stage!r}")
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)

    assert process.returncode in (0, -signal.SIGKILL)
    assert output_state(out_dir) in (old, new)
    assert build(source, out_dir) == 0
    assert output_state(out_dir) == new
    assert beside(out_dir) == {LOCK}


# --- two builds at once ----------------------------------------------------------------------


def test_a_build_into_a_folder_another_build_holds_fails_clearly(
    out_dir: Path,
    new_edition: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture,
) -> None:
    source, new = new_edition
    before = snapshot(out_dir.parent)
    with (out_dir.parent / LOCK).open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("pid 4242")
        held.flush()
        before[LOCK] = snapshot(out_dir.parent)[LOCK]

        code = build(source, out_dir)

        assert code == 11
        assert capsys.readouterr().err == (
            f"error: {out_dir}: another build (pid 4242) is writing this folder; wait for it "
            "to finish, then build again\n"
        )
        assert snapshot(out_dir.parent) == before
    assert build(source, out_dir) == 0
    assert output_state(out_dir) == new


def test_two_builds_into_one_folder_at_once_never_mix(
    previous_output: Path, out_dir: Path, tmp_path: Path
) -> None:
    """Two editions of equal size, started together: either both publish, one after the
    other, or the second to reach the lock is refused; either way the folder holds exactly
    one edition's output, never a mix of the two."""
    editions = [
        inputs.small_edition(tmp_path, 0, "edition-a.pdf"),
        inputs.small_edition(tmp_path, 2, "edition-b.pdf"),
    ]
    expected = []
    for source in editions:
        reference = tmp_path / f"reference-{source.stem}" / "output"
        assert build(source, reference) == 0
        expected.append(output_state(reference))

    processes = [
        start_cli("build", "--source", str(source), "--out", str(out_dir)) for source in editions
    ]
    results = [
        (process, finished.stdout, finished.stderr)
        for process, finished in ((process, process.communicate(120)) for process in processes)
    ]

    codes = [process.returncode for process, _, _ in results]
    assert sorted(codes) in ([0, 0], [0, 11]), results
    final = output_state(out_dir)
    if codes == [0, 0]:
        assert final in expected
    else:
        winner = codes.index(0)
        assert final == expected[winner]
        refused, holder = results[1 - winner][2], processes[winner].pid
        assert re.fullmatch(
            rf"error: {re.escape(str(out_dir))}: another build \((pid {holder}|another "
            r"process)\) is writing this folder; wait for it to finish, then build again\n",
            refused,
        ), refused
    assert_complete_output(out_dir)
    assert beside(out_dir) == {LOCK}


def _failing_renameat2(error: int) -> Callable[..., int]:
    def renameat2(*args: object) -> int:
        ctypes.set_errno(error)
        return -1

    return renameat2


def test_a_failed_exchange_leaves_the_previous_output(
    out_dir: Path,
    new_edition: tuple[Path, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    """The one-step swap refused (EXDEV, as across file systems): nothing changes."""
    source, _ = new_edition
    before = snapshot(out_dir.parent)
    monkeypatch.setattr(atomic_module, "libc_renameat2", lambda: _failing_renameat2(errno.EXDEV))

    assert build(source, out_dir) == 11
    assert capsys.readouterr().err == (
        f"error: cannot publish to {out_dir}: Invalid cross-device link ({out_dir}); "
        "the folder was left as it was\n"
    )
    after = snapshot(out_dir.parent)
    assert after == {**before, LOCK: after[LOCK]}


def test_a_file_system_without_exchange_publishes_with_two_renames(
    out_dir: Path,
    new_edition: tuple[Path, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, new = new_edition
    monkeypatch.setattr(atomic_module, "libc_renameat2", lambda: _failing_renameat2(errno.EINVAL))

    assert build(source, out_dir) == 0
    assert output_state(out_dir) == new
    assert beside(out_dir) == {LOCK}


def test_ctrl_c_after_the_swap_says_the_new_output_is_in_place(
    previous_output: Path,
    new_edition: tuple[Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    """Ctrl-C while the previous output is being removed, once the new one is in place: the
    message says so (not "left as it was"), and the next build removes the old copy."""
    source, new = new_edition
    learn = tmp_path / "learn" / "output"
    shutil.copytree(previous_output, learn)
    log = tmp_path / "operations.jsonl"
    assert _killpoint(log, 0, source, learn).returncode == 0
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    # The last removal: the previous output's, exchanged out to the temporary folder.
    removal = max(e["n"] for e in events if e["event"] == "shutil.rmtree")
    out = tmp_path / "interrupted" / "output"
    shutil.copytree(previous_output, out)

    result = run_cli(
        *("build", "--source", str(source), "--out", str(out)),
        before=kill_at(tmp_path / "int.jsonl", removal, out, signal.SIGINT),
    )

    assert result.returncode == 130
    assert result.stderr == (
        f"error: interrupted after publishing: {out} holds the new output, complete; the "
        "previous one, partly removed beside it, is removed by the next build\n"
    )
    assert output_state(out) == new
    assert_complete_output(out)
    assert any(name.startswith(".output.tmp-") for name in beside(out))
    assert build(source, out) == 0
    assert beside(out) == {LOCK}
