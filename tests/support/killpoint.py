"""Run the CLI and kill it (SIGKILL) at one chosen file-system operation on the output's folder.

    python -m tests.support.killpoint LOG N [SIGNAL] -- build --source PDF --out DIR [...]

Every operation the build makes on a path inside DIR's parent folder (an open, mkdir,
rename, removal, or a C library call given such a path, as Python's audit hooks report
them) is counted and logged to LOG, one JSON line each, before it happens. The process
kills itself with SIGKILL (or SIGNAL, e.g. INT for a Ctrl-C) just before operation number N;
with N = 0 it runs to the end.
A test runs it once with N = 0 to learn the operations, then once per operation it wants
to interrupt, which makes a kill "during publish" exact and repeatable.
"""

from __future__ import annotations

import json
import os
import signal
import sys
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


def main() -> None:
    log_path, kill_at = sys.argv[1], int(sys.argv[2])
    kill_with = signal.SIGKILL if sys.argv[3] == "--" else signal.Signals[f"SIG{sys.argv[3]}"]
    argv = sys.argv[sys.argv.index("--") + 1 :]
    out = Path(argv[argv.index("--out") + 1]).absolute()
    watched = str(out.parent) + os.sep
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
    from pipeline.cli import main as cli

    sys.exit(cli(argv))


if __name__ == "__main__":
    main()
