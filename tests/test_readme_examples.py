"""Every example of the README's "Use the data" runs against a build of the committed PDF
and prints exactly the output the README shows under it, so the examples never go stale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.committed import committed_output
from tests.support.paths import ROOT

SECTION = "## Use the data"
# A ```python block, then the ```text block showing what it prints.
EXAMPLE = re.compile(r"```python\n(?P<code>.*?)```\n+```text\n(?P<printed>.*?)```", re.S)


@pytest.fixture(scope="module")
def published() -> Path:
    """The committed PDF as `build` publishes it (made once per test run, read only)."""
    return committed_output()


def readme_examples() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n{SECTION}\n", 1)[1].split("\n## ", 1)[0]
    examples = [(match["code"], match["printed"]) for match in EXAMPLE.finditer(section)]
    assert len(examples) == section.count("```python"), "a python block without its output"
    return examples


EXAMPLES = readme_examples()


def test_the_section_shows_pandas_duckdb_and_polars_and_a_join_by_ons_code() -> None:
    code = "\n".join(code for code, _ in EXAMPLES)
    for library in ("import pandas", "import duckdb", "import polars"):
        assert library in code
    assert 'on="la_code"' in code
    assert 'on="theme_id"' in code  # approaches counted per theme
    assert "output/parquet/" in code


@pytest.mark.parametrize(
    ("code", "printed"), EXAMPLES, ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)]
)
def test_the_example_prints_what_the_readme_shows(published: Path, code, printed) -> None:
    """Run as a reader would, in a fresh interpreter, from a folder holding output/ (here
    the parent of the session's build), with warnings as errors."""
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        cwd=published.parent,
        env={**os.environ, "COLUMNS": "100"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == printed
