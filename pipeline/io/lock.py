"""The lock that keeps two builds from writing one output folder."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import PublishError


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """An exclusive lock beside the output folder: a second build fails at once, clearly.
    The kernel releases it when a build dies, so a killed build never leaves it held."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise PublishError(
                f"{out}: another build ({holder}) is writing this folder; wait for it to "
                "finish, then build again"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
