"""Atomic writes: a reader sees the old file or folder, or the whole new one, never a mix.

Every writer of the pipeline goes through here (the published output, the QA pages, the
release bundle, the portal preview's database, the figures, the layout cache), so that a
build killed at any moment, SIGKILL included, leaves nothing half written under a final name.

`write_durably`, `libc_renameat2` and `exchanged` are where this module calls on the
operating system; the fault tests replace them to have a write or a swap fail as a full
disk or another kind of file system makes them fail.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from pipeline.errors import PublishError


class InterruptedAfterSwap(KeyboardInterrupt):
    """Ctrl-C came once the new folder was in place, while the old copy was being removed:
    the new output is whole, and the old copy left beside it goes at the next run."""

    def __init__(self, out: Path) -> None:
        super().__init__(str(out))
        self.out = out


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two existing paths in one step


def temporary_path(target: Path) -> Path:
    """Where a file or folder is built before it is renamed to `target`: beside it (same
    file system, so the rename is atomic), hidden, and named by this process."""
    return target.parent / f".{target.name}.tmp-{os.getpid()}"


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it, flushed to disk, then
    renamed into place. Raises OSError, leaving `path` as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(path)
    try:
        write_durably(temporary, data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_with(path: Path, writer: Callable[[Path], None]) -> None:
    """Have `writer` make the file at a temporary path beside `path` (for libraries that
    write files themselves: SQLite, matplotlib), then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(path)
    temporary.unlink(missing_ok=True)
    try:
        writer(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_durably(path: Path, data: bytes) -> None:
    """Write and flush to disk, so a swapped-in folder is complete even after a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def replace_folder(out: Path, files: Mapping[str, bytes]) -> None:
    """Make `out` hold exactly `files` (relative path -> bytes), all at once.

    The files are written into a temporary folder beside `out`, read back and compared,
    then swapped in. Temporary and set-aside folders that an earlier, killed run left beside
    `out` are removed first: run this under the caller's lock. Raises OSError (the folder
    is left as it was), or PublishError when what was read back differs from what was
    written.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    temporary = temporary_path(out)
    try:
        temporary.mkdir()
        for name, data in files.items():
            write_durably(temporary / name, data)
        _check_written(temporary, files)
        swap_in(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    # The new folder is in place: an interruption from here on must say so.
    try:
        shutil.rmtree(temporary, ignore_errors=True)  # the previous output, exchanged out
    except KeyboardInterrupt as interrupt:
        raise InterruptedAfterSwap(out) from interrupt


def _check_written(folder: Path, files: Mapping[str, bytes]) -> None:
    found = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    if found != set(files):
        raise PublishError(
            f"{folder}: the written files differ from the planned ones "
            f"(missing {sorted(set(files) - found)}, extra {sorted(found - set(files))})"
        )
    for name in sorted(files):
        if (folder / name).read_bytes() != files[name]:
            raise PublishError(f"{folder / name}: the file on disk differs from what was written")


def remove_leftovers(out: Path) -> None:
    """Temporary and set-aside folders of an earlier run that was killed part-way."""
    prefix = glob.escape(f".{out.name}")
    for pattern in (f"{prefix}.tmp-*", f"{prefix}.old-*"):
        for leftover in out.parent.glob(pattern):
            shutil.rmtree(leftover)


def libc_renameat2() -> Callable[..., int] | None:
    """The C library's renameat2 (Linux), or None where there is none."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    return function


def exchanged(temporary: Path, out: Path) -> bool:
    """Swap the two folders in one system call (renameat2 with RENAME_EXCHANGE), so a run
    killed at any moment leaves out whole, old or new. False where the system or the file
    system cannot, and the caller falls back to two renames."""
    renameat2 = libc_renameat2()
    if renameat2 is None:
        return False
    source, target = os.fsencode(temporary), os.fsencode(out)
    if renameat2(_AT_FDCWD, source, _AT_FDCWD, target, _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(out))


def swap_in(temporary: Path, out: Path) -> None:
    """Put temporary where out is; if that fails, put the old out back before raising.
    Where the two can be exchanged in one step, temporary then holds the previous output,
    which the caller removes."""
    if out.is_dir() and exchanged(temporary, out):
        return
    set_aside = out.parent / f".{out.name}.old-{os.getpid()}"
    had_previous = out.exists()
    if had_previous:
        out.rename(set_aside)
    try:
        temporary.rename(out)
    except OSError:
        if had_previous:
            set_aside.rename(out)
        raise
    # A set-aside folder that cannot be removed now is removed by the next run.
    try:
        shutil.rmtree(set_aside, ignore_errors=True)
    except KeyboardInterrupt as interrupt:
        raise InterruptedAfterSwap(out) from interrupt
