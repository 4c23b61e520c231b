"""Page-parallel extraction: one worker process per core parses pages while the parent works.

pdfminer's parsing is pure Python and nearly all of a build's time, so pages are spread
over processes. Each worker opens the PDF itself and takes the next unread page from a
shared counter until none is left, rather than a fixed share: pages differ a lot in cost
(page 2 of the committed PDF, a long vector drawing, costs as much as nine site pages), and
fixed contiguous chunks left one core idle for a third of the run. Workers are forked, so
they start in milliseconds with pdfplumber already loaded, and before the parent imports
pandas, pandera and pyarrow: those load in the parent (`meanwhile`) while the pages are
parsed. The parent puts the pages back in page order; the result is the serial one.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
from collections.abc import Callable, Iterator
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.extract import RawPage, open_pdf, raw_pages

# How long the parent waits for a message before it checks that every worker is alive.
POLL_SECONDS = 0.5


def available_cores() -> int:
    """The cores this process may run on: its affinity mask, which a container or `taskset`
    may make smaller than the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux: no affinity masks
        return os.cpu_count() or 1


def read_pages(
    path: Path,
    page_count: int,
    workers: int,
    meanwhile: Callable[[], object],
    on_page: Callable[[int, int], None] = lambda done, total: None,
) -> list[RawPage]:
    """Every page of the PDF, parsed by `workers` processes, in page order.

    `meanwhile` runs in this process once the workers have started, and `on_page(done,
    total)` as each page arrives. If pages fail, the
    error raised is the one of the lowest page, exactly what a serial read raises: pages are
    claimed in increasing order, so every page below a failed one was read by someone.
    """
    context = multiprocessing.get_context("fork")
    next_index = context.Value("i", 0)
    messages = context.Queue()
    processes = [
        context.Process(target=_worker, args=(path, page_count, next_index, messages), daemon=True)
        for _ in range(workers)
    ]
    pages: dict[int, RawPage] = {}
    failures: dict[int, PipelineError] = {}
    try:
        for process in processes:
            process.start()
        meanwhile()
        finished = 0
        while finished < workers:
            try:
                kind, index, payload = messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                _check_alive(processes)
                continue
            if kind == "page":
                pages[index] = payload
                on_page(len(pages), page_count)
            elif kind == "failed":
                failures[index] = payload
            else:
                finished += 1
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
    if failures:
        raise failures[min(failures)]
    return [pages[index] for index in range(page_count)]


def _check_alive(processes: list[BaseProcess]) -> None:
    """A worker that died without saying so (killed, out of memory) must not be waited for."""
    for process in processes:
        if process.exitcode not in (None, 0):
            raise RuntimeError(
                f"a page-reading worker process ended with exit code {process.exitcode} "
                "before reading its pages"
            )


def _worker(path: Path, page_count: int, next_index: Synchronized, messages: Queue) -> None:
    """Read claimed pages until none is left; report each page, or the first failure."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the workers
    try:
        with open_pdf(path) as pdf:
            for index in _claimed(next_index, page_count):
                try:
                    (page,) = raw_pages(pdf, path, (index,))
                except PipelineError as exc:
                    with next_index.get_lock():
                        next_index.value = page_count  # no one starts another page
                    messages.put(("failed", index, exc))
                    return
                messages.put(("page", index, page))
    except PipelineError as exc:  # the file changed or vanished since the parent opened it
        messages.put(("failed", -1, exc))
    finally:
        messages.put(("done", -1, None))


def _claimed(next_index: Synchronized, page_count: int) -> Iterator[int]:
    """Page indexes in increasing order, each handed to exactly one worker."""
    while True:
        with next_index.get_lock():
            index = next_index.value
            if index >= page_count:
                return
            next_index.value = index + 1
        yield index
