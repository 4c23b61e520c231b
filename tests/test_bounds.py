"""Bounded cost: a file built to exhaust the reader (a decompression bomb, a million pages)
is refused as too large, in one line naming the option that raises the limit, before it
costs more than a few hundred MB of memory; the previous output stays as it was.

The files are small, made at test time by tests/support/bombs.py; memory is measured with
getrusage in a process of the command's own (tests/support/resources.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import bombs
from tests.support.outputs import snapshot
from tests.support.resources import measured_cli

MEMORY_CEILING_MB = 1024
ONE_STREAM = (
    "{name}: a compressed stream inflates to more than 128 MB, the limit for one stream: too "
    "large; raise it with --max-stream-mb if this really is an edition of the publication"
)

CASES: list[tuple[Callable[[Path], Path], str]] = [
    (bombs.stream_bomb, ONE_STREAM),
    (bombs.nested_bomb, ONE_STREAM),
    (
        bombs.document_bomb,
        "{name}: its compressed streams inflate to more than 512 MB in all, the limit for one "
        "document: too large; raise it with --max-document-mb if this really is an edition of "
        "the publication",
    ),
    (
        bombs.million_pages,
        "{name} has 1000000 pages, more than the limit of 2000: raise it with --max-pages if "
        "this really is an edition of the publication",
    ),
]


@pytest.mark.parametrize(("make", "message"), CASES, ids=[make.__name__ for make, _ in CASES])
def test_a_file_built_to_exhaust_the_reader_is_refused_as_too_large(
    make: Callable[[Path], Path], message: str, out_dir: Path, tmp_path: Path
) -> None:
    source = make(tmp_path)
    before = snapshot(out_dir.parent)

    cost = measured_cli("build", "--source", str(source), "--out", str(out_dir), "--no-cache")

    assert cost.returncode == 12
    assert cost.stderr == f"error: {message.format(name=source.name)}\n"
    assert cost.peak_megabytes < MEMORY_CEILING_MB
    assert snapshot(out_dir.parent) == before


def test_a_raised_limit_lets_a_large_stream_through_to_the_next_check(
    out_dir: Path, tmp_path: Path
) -> None:
    """--max-stream-mb raises the limit for one stream: the 256 MB stream is then read, and
    the one-page file is refused for what it is (no text), not for its size."""
    source = bombs.stream_bomb(tmp_path)
    before = snapshot(out_dir.parent)

    cost = measured_cli(
        "build",
        "--source",
        str(source),
        "--out",
        str(out_dir),
        "--no-cache",
        "--max-stream-mb",
        "300",
    )

    assert (cost.returncode, cost.stderr) == (
        7,
        "error: the PDF has no text on any page; check that --source is the publication\n",
    )
    assert snapshot(out_dir.parent) == before
