"""What a command costs: its exit, its stderr and the most memory any of its processes held.

The command runs under a small Python parent of its own that waits for it and reads
resource.getrusage(RUSAGE_CHILDREN): the peak resident memory of the command and of every
process it waited for (forked page workers included), and of nothing else the test run did.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

from tests.support.outputs import PIPELINE
from tests.support.paths import ROOT

_PARENT = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


@dataclass(frozen=True)
class Cost:
    returncode: int
    stderr: str
    peak_megabytes: float


def measured_cli(*args: str, timeout: float = 300) -> Cost:
    """`python -m pipeline ARGS`, with its peak memory (all its processes, in MB)."""
    result = subprocess.run(
        [sys.executable, "-c", _PARENT, *PIPELINE, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    code, kilobytes = result.stdout.split()
    return Cost(int(code), result.stderr, int(kilobytes) / 1024)
