"""A committed PDF opened once per test process, for the tests that read what it prints.

Parsing a page's objects is most of the cost of reading its words with pdfplumber, and a
pdfplumber PDF keeps each page's objects once parsed: many tests read the same committed
editions, so they share one open PDF per file instead of each parsing it again. The tests
only read it; it stays open until the process ends.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber


@functools.cache
def _opened(path: Path, inode: int, modified_ns: int, size: int) -> pdfplumber.PDF:
    return pdfplumber.open(path)


@contextmanager
def printed_pdf(path: Path) -> Iterator[pdfplumber.PDF]:
    """The PDF at `path`, opened by the first test that asks (used as `pdfplumber.open`);
    a file written again at the same path is opened again."""
    found = path.resolve()
    stat = found.stat()
    yield _opened(found, stat.st_ino, stat.st_mtime_ns, stat.st_size)
