"""Page-parallel extraction: pages are parsed and laid out on every core while the build
loads its libraries.

pdfminer's parsing is pure Python and nearly all of a build's time. One process per core
parses: forked workers, and this process once it has run `meanwhile` (where the build
imports pandas, pandera and pyarrow, half a second that would otherwise come before or
after the parsing). Workers are forked before those imports, so they start in
milliseconds with pdfplumber loaded and stay small.

Every parser takes the next unread page from a shared counter until none is left, rather
than a fixed share: pages differ a lot in cost (page 2 of the committed PDF, a long vector
drawing, costs as much as nine site pages), and fixed contiguous chunks left a core idle
for a third of the run. The pages are put back in page order, so the result is the serial
one; if pages fail, the lowest one's error is raised, as a serial read raises it.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any, Generic, TypeVar

import pdfplumber

from pipeline.io.processes import end_with_parent
from pipeline.read.pdf import RawPage, raw_pages

# How long this process waits for a worker's message before it checks they are all alive.
POLL_SECONDS = 0.5

# What a parser reports: ("page", index, (RawPage, laid-out page)), ("failed", index, error),
# ("done", -1, None)
Message = tuple[str, int, Any]
T = TypeVar("T")
PerPage = Callable[[RawPage], T]


def read_pages(
    pdf: pdfplumber.PDF,
    path: Path,
    workers: int,
    meanwhile: Callable[[], object],
    per_page: PerPage[T],
    on_page: Callable[[int, int], None] = lambda done, total: None,
) -> list[tuple[RawPage, T]]:
    """Every page of `pdf` (opened from `path`), parsed by `workers` forked processes and by
    this one once `meanwhile` has run, each with what `per_page` makes of it (laid out in
    the process that parsed it), in page order. `on_page(done, total)` is called as each
    page arrives."""
    page_count = len(pdf.pages)
    context = multiprocessing.get_context("fork")
    next_index = context.Value("i", 0)
    messages = context.Queue()
    processes = [
        context.Process(
            target=_worker,
            args=(pdf, path, page_count, next_index, messages, os.getpid(), per_page),
            daemon=True,
        )
        for _ in range(workers)
    ]
    found: _Found[T] = _Found(page_count, on_page)
    try:
        for process in processes:
            process.start()
        meanwhile()
        for message in _parsed(pdf, path, page_count, next_index, per_page):
            found.take(message)
            # Take what the workers sent meanwhile: their queues stay short, their memory flat.
            while (waiting := _received(messages)) is not None:
                found.take(waiting)
        while found.finished < workers:
            received = _received(messages, POLL_SECONDS)
            if received is None:
                _check_alive(processes)
            else:
                found.take(received)
    except BaseException:
        for process in processes:
            if process.is_alive():
                process.terminate()
        raise
    finally:
        for process in processes:
            if process.pid is not None:
                process.join()
        messages.close()
    return found.in_order()


class _Found(Generic[T]):
    """The pages and failures reported so far, and how many workers have finished."""

    def __init__(self, page_count: int, on_page: Callable[[int, int], None]) -> None:
        self.page_count = page_count
        self.on_page = on_page
        self.pages: dict[int, tuple[RawPage, T]] = {}
        self.failures: dict[int, Exception] = {}
        self.finished = 0

    def take(self, message: Message) -> None:
        kind, index, payload = message
        if kind == "page":
            self.pages[index] = payload
            self.on_page(len(self.pages), self.page_count)
        elif kind == "failed":
            self.failures[index] = payload
        else:
            self.finished += 1

    def in_order(self) -> list[tuple[RawPage, T]]:
        """The pages in page order, or the lowest failing page's error."""
        if self.failures:
            raise self.failures[min(self.failures)]
        return [self.pages[index] for index in range(self.page_count)]


def _received(messages: Queue, timeout: float | None = None) -> Message | None:
    """A worker's message, or None when none came within `timeout` (None: none waiting)."""
    try:
        return messages.get(timeout=timeout) if timeout else messages.get_nowait()
    except queue.Empty:
        return None


def _check_alive(processes: Sequence[BaseProcess]) -> None:
    """A worker that died without saying so (killed, out of memory) must not be waited for."""
    for process in processes:
        if process.exitcode not in (None, 0):
            raise RuntimeError(
                f"a page-reading worker process ended with exit code {process.exitcode} "
                "before reading its pages"
            )


def _worker(
    pdf: pdfplumber.PDF,
    path: Path,
    page_count: int,
    next_index: Synchronized,
    messages: Queue,
    parent: int,
    per_page: PerPage[T],
) -> None:
    """Parse claimed pages of the parent's open PDF, inherited by the fork with the bytes
    it reads (the file is never opened again, so it cannot have changed); report each page,
    or the first failure."""
    end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the workers
    try:
        for message in _parsed(pdf, path, page_count, next_index, per_page):
            if message[0] == "failed":  # its traceback stays here: a note keeps it for --debug
                error = message[2]
                error.add_note("In a page-reading worker process:\n" + _traceback(error))
            messages.put(message)
    finally:
        messages.put(("done", -1, None))


def _traceback(error: BaseException) -> str:
    return "".join(traceback.format_exception(error)).rstrip()


def _parsed(
    pdf: pdfplumber.PDF,
    path: Path,
    page_count: int,
    next_index: Synchronized,
    per_page: PerPage[T],
) -> Iterator[Message]:
    """Claimed pages, parsed and laid out, until none is left or one fails; a failure stops
    every parser from claiming more pages. An error in laying out a page is passed on as it
    was raised, so that a worker's is raised here as a serial read raises it."""
    for index in _claimed(next_index, page_count):
        try:
            (page,) = raw_pages(pdf, path, (index,))
            parsed = (page, per_page(page))
        except Exception as exc:
            with next_index.get_lock():
                next_index.value = page_count
            yield ("failed", index, exc)
            return
        yield ("page", index, parsed)


def _claimed(next_index: Synchronized, page_count: int) -> Iterator[int]:
    """Page indexes in increasing order, each handed to exactly one parser."""
    while True:
        with next_index.get_lock():
            index = next_index.value
            if index >= page_count:
                return
            next_index.value = index + 1
        yield index
