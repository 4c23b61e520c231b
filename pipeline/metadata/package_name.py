"""The dataset's name, read from the registry's file without building the registry.

A build checks its output folder before it reads the PDF: an earlier output is recognised
by this name in its datapackage.json. The registry's typed models take about a tenth of a
second to import and build, time that a build spends better while its pages are parsed
(pipeline.run), so the check reads the one value it needs straight from the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

SCHEMAS_DIR = Path(__file__).resolve().parents[2] / "schemas"
REGISTRY_PATH = SCHEMAS_DIR / "tables.toml"


def package_name(path: Path = REGISTRY_PATH) -> str | None:
    """[package] name of the registry's file, or None where the file does not give one
    plainly: the caller then builds the registry, whose error says what is wrong."""
    try:
        with path.open("rb") as registry_file:
            name = tomllib.load(registry_file)["package"]["name"]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError):
        return None
    return name if isinstance(name, str) else None
