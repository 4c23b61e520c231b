"""The source PDF read once: its bytes in memory, and their sha256.

A build checks, parses and caches exactly these bytes, in every process (forked workers
inherit them), so a file replaced on disk after it was read cannot be published under the
hash of the one that was checked. Whatever is not a regular file (a pipe, a device, a
file of /proc or /sys) is refused before a byte is read: reading one can block forever or
never end.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import LimitError, PipelineError, SourceError

# Where the kernel's own files live: they pose as regular files, empty or endless.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))
MEGABYTE = 1 << 20


@dataclass(frozen=True)
class Source:
    """The bytes of the PDF at `path` as they were read, once."""

    path: Path
    data: bytes
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name


def _not_regular(path: Path) -> SourceError:
    return SourceError(
        f"{path}: not a regular file (a pipe, a device or a system file); --source must name "
        "a PDF file"
    )


def read_source(path: Path, max_bytes: int | None = None) -> Source:
    """The file's bytes and sha256, read in one pass from one open file; SourceError for a
    missing, unreadable, empty or irregular file, LimitError for one larger than
    `max_bytes`."""
    if any(path.resolve().is_relative_to(folder) for folder in SYSTEM_FOLDERS):
        raise _not_regular(path)
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: no such file; check the --source path") from exc
    except PermissionError as exc:
        raise SourceError(f"{path}: permission denied; make the file readable") from exc
    except OSError as exc:
        raise SourceError(
            f"{path}: cannot be opened ({exc.strerror}); check the --source path"
        ) from exc
    info = os.fstat(descriptor)
    try:
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(f"{path}: not a file; --source must name a PDF file")
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path)
        if info.st_size == 0:
            raise SourceError(f"{path}: the file is empty; download the PDF again")
        if max_bytes is not None and info.st_size > max_bytes:
            raise LimitError(
                f"{path.name} is {info.st_size / MEGABYTE:.0f} MB, more than the limit of "
                f"{max_bytes // MEGABYTE} MB: too large; raise it with --max-document-mb if "
                "this really is an edition of the publication"
            )
    except PipelineError:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as handle:
        try:
            data = handle.read(info.st_size + 1)
        except OSError as exc:
            raise SourceError(
                f"{path}: cannot be read ({exc.strerror}); download it again"
            ) from exc
    if len(data) != info.st_size:
        raise SourceError(f"{path}: the file changed while it was read; build again")
    return Source(path, data, hashlib.sha256(data).hexdigest())
