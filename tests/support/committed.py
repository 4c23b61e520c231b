"""The committed PDF built once per test run, for the tests that read a published folder.

Release, diff and serve all start from what `make build` publishes; one build takes a few
seconds, so it is made once per process and shared. Tests only read it: a test that needs
a changed edition copies it first.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from pipeline.run import build
from tests.support.paths import COMMITTED_PDF, MANIFEST


@functools.cache
def committed_output() -> Path:
    """A folder published from the committed PDF, removed when the test run ends."""
    folder = Path(tempfile.mkdtemp(prefix="committed-edition-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    build(COMMITTED_PDF, folder / "output", manifest=MANIFEST)
    return folder / "output"
