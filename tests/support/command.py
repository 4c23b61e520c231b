"""The command line run as a process of its own, forked from the test's process.

A test of what the command does (its exit code, its stderr, what it leaves in a folder, how
it dies when killed) needs a process of its own, but not a new interpreter: starting Python
and importing pandas, pyarrow, pandera and pdfplumber again costs about 0.9 s of CPU, most
of a build of the committed PDF from the layout cache. A fork of the test's process has
them loaded already, and is otherwise a process like the command's: its own pid, exit
status, signals, file descriptors and audit hooks. Before it calls `pipeline.cli.main`, the
child puts back what a fresh interpreter has and pytest changed: standard output and error
(pipes, as `subprocess.run(capture_output=True)` gives), signal handlers, warning filters
and logging (no handler, no level set), and the working directory (the repository's root);
and, as pipeline/__main__.py does, it turns the garbage collector off.

What a fresh interpreter alone does (`python -m pipeline`: its settings in
pipeline/__main__.py, the start-up itself) is tested through the real command elsewhere
(tests/support/outputs.py `PIPELINE`): the command-line, README, release, serve and portal
tests, and the memory bounds.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import NoReturn

from pipeline.cli import main
from tests.support.paths import ROOT

# A fresh interpreter's warning filters (Python 3.11, no -W option, not a debug build).
_FRESH_WARNING_FILTERS: tuple[tuple[str, type[Warning], str], ...] = (
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""),
    ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""),
)
# Signals whose handling pytest or its workers may have changed, as a fresh interpreter
# sets them: Ctrl-C raises KeyboardInterrupt, SIGPIPE and SIGXFSZ are ignored, the rest
# take the system's default action.
_FRESH_SIGNAL_HANDLERS: tuple[tuple[signal.Signals, Callable | int], ...] = (
    (signal.SIGINT, signal.default_int_handler),
    (signal.SIGPIPE, signal.SIG_IGN),
    (signal.SIGXFSZ, signal.SIG_IGN),
    (signal.SIGTERM, signal.SIG_DFL),
    (signal.SIGHUP, signal.SIG_DFL),
    (signal.SIGQUIT, signal.SIG_DFL),
    (signal.SIGCHLD, signal.SIG_DFL),
    (signal.SIGALRM, signal.SIG_DFL),
    (signal.SIGUSR1, signal.SIG_DFL),
    (signal.SIGUSR2, signal.SIG_DFL),
)
_READ_SIZE = 1 << 16
_CATCHABLE_SIGNALS = frozenset(signal.Signals) - {signal.SIGKILL, signal.SIGSTOP}
# Held from a command's pipes to its fork: a fork made by another thread in between would
# keep this command's write ends open, and its output would never end.
_FORKING = threading.Lock()


def _as_a_fresh_interpreter(stdout: int, stderr: int, env: Mapping[str, str]) -> None:
    """In the child: the process state `python -m pipeline` would start with."""
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    os.close(stdout)
    os.close(stderr)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - for good
    sys.stderr = open(  # noqa: SIM115 - for good
        2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False
    )
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for good
    gc.disable()  # as pipeline/__main__.py: the command's process runs no collection itself
    for number, handler in _FRESH_SIGNAL_HANDLERS:
        signal.signal(number, handler)
    warnings.resetwarnings()
    for action, category, module in reversed(_FRESH_WARNING_FILTERS):
        warnings.filterwarnings(action, category=category, module=module)  # type: ignore[arg-type]
    logging.root.handlers.clear()
    for logger in logging.root.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            logger.setLevel(logging.NOTSET)
    os.environ.update(env)
    os.chdir(ROOT)


def _run_in_child(
    args: tuple[str, ...],
    env: Mapping[str, str],
    before: Callable[[], None],
    stdout: int,
    stderr: int,
) -> NoReturn:
    """The command in the forked child, which ends here whatever happens: nothing it raises
    or receives may carry it back into the test's code."""
    code = 1
    try:
        _as_a_fresh_interpreter(stdout, stderr, env)
        before()
        code = main(list(args))
    except SystemExit as exit_:
        code = _exit_status(exit_.code)
    except BaseException:  # an uncaught error ends the process as the interpreter's
        traceback.print_exc()
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, _CATCHABLE_SIGNALS)
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)


def _exit_status(code: object) -> int:
    """The exit status of `sys.exit(code)`, as the interpreter makes it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


class ForkedCommand:
    """`python -m pipeline ARGS` running in a fork of this process (see the module's note),
    with the part of `subprocess.Popen`'s interface the tests use."""

    def __init__(
        self, args: tuple[str, ...], env: Mapping[str, str], before: Callable[[], None]
    ) -> None:
        self.args = args
        self.returncode: int | None = None
        sys.stdout.flush()
        sys.stderr.flush()
        with _FORKING:  # no other thread's fork inherits this command's write ends
            out_read, out_write = os.pipe()
            err_read, err_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child never returns from here
                os.close(out_read)
                os.close(err_read)
                _run_in_child(args, env, before, out_write, err_write)
            os.close(out_write)
            os.close(err_write)
        self.pid = pid
        self._pipes = {out_read: bytearray(), err_read: bytearray()}
        self._stdout, self._stderr = out_read, err_read
        self._closed = False

    def __enter__(self) -> ForkedCommand:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType
    ) -> None:
        if self.returncode is None:
            self.kill()
            self.wait()
        self._close()

    def send_signal(self, number: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def stderr_lines(self) -> Callable[[], str]:
        """A reader of stderr line by line ('' at its end), for a test that acts on what the
        command reports as it runs."""
        pending = bytearray()

        def next_line() -> str:
            while b"\n" not in pending:
                chunk = os.read(self._stderr, _READ_SIZE)
                if not chunk:
                    line = bytes(pending)
                    pending.clear()
                    return line.decode("utf-8")
                pending.extend(chunk)
            end = pending.index(b"\n") + 1
            line = bytes(pending[:end])
            del pending[:end]
            return line.decode("utf-8")

        return next_line

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG if deadline is not None else 0)
            if pid == self.pid:
                self.returncode = os.waitstatus_to_exitcode(status)
            elif deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(list(self.args), timeout or 0)
            elif deadline is not None:
                time.sleep(0.01)
        return self.returncode

    def communicate(self, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
        """Everything the command writes, once it has ended; on a timeout it is killed, as
        `subprocess.run(timeout=...)` kills its command."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            for descriptor in self._pipes:
                selector.register(descriptor, selectors.EVENT_READ)
            while selector.get_map():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    self.kill()
                    self.wait()
                    raise subprocess.TimeoutExpired(list(self.args), timeout or 0)
                for key, _ in selector.select(left):
                    chunk = os.read(key.fd, _READ_SIZE)
                    if chunk:
                        self._pipes[key.fd].extend(chunk)
                    else:
                        selector.unregister(key.fd)
        code = self.wait()  # every write end is closed: the command has ended, or is ending
        self._close()
        return subprocess.CompletedProcess(
            ["python", "-m", "pipeline", *self.args],
            code,
            self._pipes[self._stdout].decode("utf-8"),
            self._pipes[self._stderr].decode("utf-8"),
        )

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            for descriptor in self._pipes:
                os.close(descriptor)


def start_cli(
    *args: str, env: Mapping[str, str] | None = None, before: Callable[[], None] = lambda: None
) -> ForkedCommand:
    """The command started in a process of its own; `env` is added to its environment and
    `before` runs in it just before the command (to install an audit hook, say)."""
    return ForkedCommand(args, env or {}, before)


def run_cli(
    *args: str,
    timeout: float = 120,
    env: Mapping[str, str] | None = None,
    before: Callable[[], None] = lambda: None,
) -> subprocess.CompletedProcess[str]:
    """The command run to its end in a process of its own, its output captured."""
    with start_cli(*args, env=env, before=before) as command:
        return command.communicate(timeout)
