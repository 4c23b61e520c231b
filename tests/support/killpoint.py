"""Kill the command (SIGKILL) at one chosen file-system operation on the output's folder.

    run_cli("build", "--source", PDF, "--out", DIR, before=kill_at(LOG, N, DIR))

Every operation the build makes on a path inside DIR's parent folder (an open, mkdir,
rename, removal, or a C library call given such a path, as Python's audit hooks report
them) is counted and logged to LOG, one JSON line each, before it happens. The process
kills itself with SIGKILL (or another signal, e.g. SIGINT for a Ctrl-C) just before
operation number N; with N = 0 it runs to the end.
A test runs it once with N = 0 to learn the operations, then once per operation it wants
to interrupt, which makes a kill "during publish" exact and repeatable. The hook is
installed in the command's own process (tests/support/command.py), never in the test's.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

EVENTS = frozenset(
    {
        "open",
        "os.mkdir",
        "os.rename",
        "os.replace",
        "os.remove",
        "os.rmdir",
        "os.symlink",
        "os.truncate",
        "shutil.rmtree",
        "shutil.move",
        "ctypes.call_function",
    }
)


def _paths(args: object) -> list[str]:
    """The paths among an audit event's arguments, made absolute."""
    found: list[str] = []
    for arg in args if isinstance(args, (tuple, list)) else (args,):
        if isinstance(arg, (tuple, list)):
            found += _paths(arg)
        elif isinstance(arg, (str, bytes, os.PathLike)):
            try:
                found.append(os.path.abspath(os.fsdecode(arg)))
            except (TypeError, ValueError):
                continue
    return found


def kill_at(
    log_path: Path, kill_at: int, out: Path, kill_with: signal.Signals = signal.SIGKILL
) -> Callable[[], None]:
    """What the command's process runs before the command: the counting, killing hook."""
    watched = str(out.absolute().parent) + os.sep

    def install() -> None:
        log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - open before the hook, for good
        count = 0

        def hook(event: str, args: tuple) -> None:
            nonlocal count
            if event not in EVENTS:
                return
            paths = [path for path in _paths(args) if path.startswith(watched)]
            if not paths:
                return
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), kill_with)
            mode = args[1] if event == "open" and len(args) > 1 else None
            log.write(json.dumps({"n": count, "event": event, "paths": paths, "mode": mode}) + "\n")
            log.flush()

        sys.addaudithook(hook)

    return install
