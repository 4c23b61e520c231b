"""Run the CLI and replace its --source file with another at one chosen step of the build.

    python -m tests.support.swappoint REPLACEMENT STEP -- build --source PDF --out DIR [...]

The steps are found with Python's audit hooks, so a swap lands exactly there on every run,
never by a race: "before-read" just before the source is opened, "after-read" at the first
file opened after it, "fork" when the page-reading workers are forked, "cache" when the
layout cache is first opened, "publish" when the output's folder is first opened. The file
is replaced by a rename (as a download or a `cp` over it would), once.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from pipeline.read.cache import default_cache_dir

STEPS = ("before-read", "after-read", "fork", "cache", "publish")


def main() -> None:
    replacement, step = Path(sys.argv[1]), sys.argv[2]
    if step not in STEPS:
        raise SystemExit(f"unknown step {step!r}; one of {', '.join(STEPS)}")
    argv = sys.argv[sys.argv.index("--") + 1 :]
    source = os.path.abspath(argv[argv.index("--source") + 1])
    out_parent = str(Path(argv[argv.index("--out") + 1]).absolute().parent) + os.sep
    cache = str(default_cache_dir().absolute()) + os.sep
    staged = source + ".replacement"
    shutil.copyfile(replacement, staged)
    state = {"source opened": False, "swapped": False}

    def swap() -> None:
        state["swapped"] = True
        os.replace(staged, source)

    def hook(event: str, args: tuple) -> None:
        if state["swapped"] or event not in ("open", "os.fork"):
            return
        path = (
            os.path.abspath(os.fsdecode(args[0]))
            if event == "open" and isinstance(args[0], (str, bytes, os.PathLike))
            else ""
        )
        if event == "open" and path == source:
            state["source opened"] = True
            if step == "before-read":
                swap()
            return
        if not state["source opened"]:
            return
        if (
            (step == "after-read" and event == "open")
            or (step == "fork" and event == "os.fork")
            or (step == "cache" and path.startswith(cache))
            or (step == "publish" and path.startswith(out_parent))
        ):
            swap()

    sys.addaudithook(hook)
    from pipeline.cli import main as cli

    sys.exit(cli(argv))


if __name__ == "__main__":
    main()
