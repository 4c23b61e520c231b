"""The bytes checked are the bytes parsed: the source is read once, and a file replaced on
disk at any later step of the build changes nothing that build publishes or caches.

Each swap lands at an exact step (tests/support/swappoint.py), not by a race.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.read.cache import CACHE_DIR_VARIABLE
from tests.support import inputs
from tests.support.command import run_cli
from tests.support.committed import committed_output
from tests.support.outputs import output_state, snapshot
from tests.support.paths import MANIFEST
from tests.support.swappoint import STEPS, swap_at


def _run(
    args: list[str], cache: Path, swap: tuple[Path, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The build in a process of its own, with its layout cache in `cache`, and the source
    swapped for swap[0] at step swap[1]."""
    source, out = (Path(args[args.index(option) + 1]) for option in ("--source", "--out"))
    return run_cli(
        *args,
        env={CACHE_DIR_VARIABLE: str(cache)},
        before=(lambda: None) if swap is None else swap_at(*swap, source, out),
    )


@pytest.fixture(scope="module")
def other_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return inputs.small_edition(tmp_path_factory.mktemp("other-edition"))


@pytest.mark.parametrize("step", [step for step in STEPS if step != "before-read"])
def test_a_source_replaced_after_it_was_read_changes_nothing_published_or_cached(
    step: str, other_edition: Path, tmp_path: Path
) -> None:
    """Swapped after the read (when the workers fork, when the cache is written, when the
    output is published), the build publishes the bytes it read and hashed; a later build of
    the genuine PDF, from the same cache, publishes them too."""
    source = tmp_path / "ncb-safeguarding-early-adopters-overview.pdf"
    shutil.copyfile(inputs.COMMITTED_PDF, source)
    out = tmp_path / "published" / "output"
    cache = tmp_path / "cache"
    args = ["build", "--source", str(source), "--out", str(out), "--manifest", str(MANIFEST), "-q"]

    swapped = _run(args, cache, (other_edition, step))

    if source.read_bytes() != other_edition.read_bytes():
        pytest.skip(f"no {step} step in this build (one core: no worker is forked)")
    assert (swapped.returncode, swapped.stderr) == (0, "")
    genuine = output_state(committed_output())  # make build's output: manifest given
    assert output_state(out) == genuine

    shutil.copyfile(inputs.COMMITTED_PDF, source)
    again = tmp_path / "again" / "output"
    rebuilt = _run([*args[:4], str(again), *args[5:]], cache)
    assert (rebuilt.returncode, rebuilt.stderr) == (0, "")
    assert output_state(again) == genuine


def test_a_source_replaced_before_it_is_read_is_refused_by_the_manifest(
    other_edition: Path, out_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "ncb-safeguarding-early-adopters-overview.pdf"
    shutil.copyfile(inputs.COMMITTED_PDF, source)
    before = snapshot(out_dir.parent)
    args = ["build", "--source", str(source), "--out", str(out_dir), "--manifest", str(MANIFEST)]

    result = _run(args, tmp_path / "cache", (other_edition, "before-read"))

    assert result.returncode == 6
    assert result.stderr.startswith(f"error: {source}: sha256 ")
    assert result.stderr.count("\n") == 1
    assert snapshot(out_dir.parent) == before
