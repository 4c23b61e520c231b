"""Work done in forked processes: how many cores there are, a child that dies with its
parent, and one call computed beside this process.

A build is parsing on every core for most of its time, then validates and publishes on one
while the other waits. The published files depend on the tables only, so their bytes are
built in a forked child while this process validates the tables (pipeline.run), and are
used only once validation has passed.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import struct
from collections.abc import Callable, Iterator

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
# What the child exits with once its result is sent, and when it cannot send one.
CHILD_SENT, CHILD_FAILED = 0, 1
# A named blob on the pipe: the name's length and the data's length, then the two.
BLOB_HEADER = struct.Struct("<IQ")

Files = dict[str, bytes]


def available_cores() -> int:
    """The cores this process may run on: its affinity mask, which a container or `taskset`
    may make smaller than the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux: no affinity masks
        return os.cpu_count() or 1


def end_with_parent(parent: int) -> None:
    """Have the kernel kill this forked process when the parent dies (Linux's
    PR_SET_PDEATHSIG): a killed build's child would otherwise work on, then wait forever to
    hand its work to no one."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(CHILD_FAILED)


def release_freed_memory() -> None:
    """Collect the cyclic garbage left so far and hand the freed heap back to the system
    (glibc's malloc_trim), before a fork: what the parent holds at the fork, the child
    shares, and the build's memory counts it once more for each process that later
    writes to it. The command's process never collects on its own (pipeline/__main__.py),
    and the stages leave cycles behind (pandas' frames, pdfminer's pages); at 1,000 pages,
    about 25 MiB less in all."""
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


class FilesBuiltBeside:
    """`call()`, which builds named files' bytes, computed in a forked child while this
    process goes on; `result()` returns them. They cross the pipe as plain named blobs, not
    as a pickle: nothing read back can be code. When the child cannot give them (it raised,
    or was killed), `result()` makes the call here, so that an error is raised in this
    process, with its traceback, as if no child had been asked. With one core, or no fork,
    the call is made here when asked for. Used as a context, the child is ended on the way
    out, whether or not its result was taken."""

    def __init__(self, call: Callable[[], Files]) -> None:
        self._call = call
        self._child: int | None = None
        self._reader: int | None = None
        if available_cores() < 2 or not hasattr(os, "fork"):
            return
        reader, writer = os.pipe()
        parent = os.getpid()
        release_freed_memory()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child, which never returns
            os.close(reader)
            self._compute_and_send(call, writer, parent)
        os.close(writer)
        self._child, self._reader = child, reader

    @staticmethod
    def _compute_and_send(call: Callable[[], Files], writer: int, parent: int) -> None:
        code = CHILD_FAILED
        try:
            end_with_parent(parent)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent ends the child
            with os.fdopen(writer, "wb") as pipe:
                for name, data in call().items():
                    encoded = name.encode("utf-8")
                    pipe.write(BLOB_HEADER.pack(len(encoded), len(data)) + encoded)
                    pipe.write(data)
            code = CHILD_SENT
        finally:
            os._exit(code)  # never back into the parent's code (or a test runner's)

    def result(self) -> Files:
        """The call's result: the child's, or the call made here when the child gave none."""
        if self._reader is None:
            return self._call()
        with os.fdopen(self._reader, "rb") as pipe:
            self._reader = None
            data = pipe.read()
        if self._reaped_code() == CHILD_SENT:
            return dict(_blobs(data))
        return self._call()

    def __enter__(self) -> FilesBuiltBeside:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()

    def cancel(self) -> None:
        """End the child if its result was not taken (the build stopped before it was
        needed): it is killed and reaped, and leaves nothing behind."""
        if self._child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._child, signal.SIGKILL)
        if self._reader is not None:
            os.close(self._reader)
            self._reader = None
        self._reaped_code()

    def _reaped_code(self) -> int | None:
        """The child's exit code once it has ended (None: killed by a signal, or none)."""
        if self._child is None:
            return None
        _, status = os.waitpid(self._child, 0)
        self._child = None
        return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None


def _blobs(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The named blobs the child wrote, in its order."""
    at = 0
    while at < len(data):
        name_length, data_length = BLOB_HEADER.unpack_from(data, at)
        at += BLOB_HEADER.size
        name = data[at : at + name_length].decode("utf-8")
        at += name_length
        yield name, data[at : at + data_length]
        at += data_length
