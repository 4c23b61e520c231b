"""Reading a folder that `build` published: the input of `release`, `diff` and `serve`.

Those commands take a folder path from the user, so a wrong path, an unrelated folder or
a half-copied output must end in one clear line (SourceError, exit 3), never a
traceback or a bundle built from the wrong files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from pipeline.errors import SourceError
from pipeline.metadata.registry import table_registry
from pipeline.outputs.publish import DATAPACKAGE

REBUILD = "publish it again with `make build` or `python -m pipeline build`"


def read_datapackage(folder: Path) -> dict[str, Any]:
    """The folder's datapackage.json; SourceError unless the folder is an output of this
    pipeline (a datapackage.json named after the registry's package)."""
    if not folder.is_dir():
        raise SourceError(f"{folder}: no such folder; give a folder that `pipeline build` wrote")
    name = table_registry().package.name
    try:
        descriptor = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(
            f"{folder}: no readable {DATAPACKAGE} ({exc}); give a folder that `pipeline build` "
            "wrote"
        ) from exc
    if not isinstance(descriptor, dict) or descriptor.get("name") != name:
        raise SourceError(
            f'{folder / DATAPACKAGE}: not a data package named "{name}"; give a folder that '
            "`pipeline build` wrote"
        )
    return descriptor


def verified_files(folder: Path, descriptor: dict[str, Any]) -> dict[str, bytes]:
    """Every file the descriptor lists, and datapackage.json itself, keyed by relative path.

    Each file's size and SHA-256 are checked against the descriptor, so a file edited or
    truncated after the build is refused rather than released under the build's digests.
    """
    files: dict[str, bytes] = {}
    for resource in descriptor.get("resources", []):
        path = resource["path"]
        try:
            data = (folder / path).read_bytes()
        except OSError as exc:
            raise SourceError(
                f"{folder / path}: cannot be read ({exc.strerror}); {REBUILD}"
            ) from exc
        digest = f"sha256:{hashlib.sha256(data).hexdigest()}"
        if len(data) != resource.get("bytes") or digest != resource.get("hash"):
            raise SourceError(
                f"{folder / path}: differs from the size and sha256 in {DATAPACKAGE} "
                f"(changed after the build?); {REBUILD}"
            )
        files[path] = data
    files[DATAPACKAGE] = (folder / DATAPACKAGE).read_bytes()
    return files


def read_csv(folder: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of csv/<table>.csv, every value as the text in the file."""
    path = folder / "csv" / f"{table}.csv"
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror}); {REBUILD}") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 ({exc.reason}); {REBUILD}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    rows = list(reader)
    if not header or any(None in row or None in row.values() for row in rows):
        raise SourceError(f"{path}: not a table with a header row; {REBUILD}")
    return header, rows
