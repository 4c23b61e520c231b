"""Replace the command's --source file with another at one chosen step of the build.

    run_cli("build", "--source", PDF, "--out", DIR, before=swap_at(REPLACEMENT, STEP, PDF, DIR))

The steps are found with Python's audit hooks, installed in the command's own process
(tests/support/command.py), so a swap lands exactly there on every run, never by a race:
"before-read" just before the source is opened, "after-read" at the first file opened after
it, "fork" when the page-reading workers are forked, "cache" when the layout cache is first
opened, "publish" when the output's folder is first opened. The file is replaced by a
rename (as a download or a `cp` over it would), once.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.read.cache import default_cache_dir

STEPS = ("before-read", "after-read", "fork", "cache", "publish")


def swap_at(replacement: Path, step: str, source_path: Path, out: Path) -> Callable[[], None]:
    """What the command's process runs before the command: the hook that swaps the file."""
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}; one of {', '.join(STEPS)}")
    source = os.path.abspath(source_path)
    out_parent = str(out.absolute().parent) + os.sep

    def install() -> None:
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

    return install
