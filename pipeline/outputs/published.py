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
from pipeline.outputs.target import DATAPACKAGE, dataset_name

REBUILD = "publish it again with `make build` or `python -m pipeline build`"
# What build publishes, by suffix: a resource of any other kind is not one of its files.
PUBLISHED_SUFFIXES = (".csv", ".parquet", ".md", ".sqlite", ".xlsx")


def read_datapackage(folder: Path) -> dict[str, Any]:
    """The folder's datapackage.json; SourceError unless the folder is an output of this
    pipeline (a datapackage.json named after the registry's package)."""
    if not folder.is_dir():
        raise SourceError(f"{folder}: no such folder; give a folder that `pipeline build` wrote")
    name = dataset_name()
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
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        raise SourceError(f"{folder / DATAPACKAGE}: has no list of resources; {REBUILD}")
    for number, resource in enumerate(resources, start=1):
        problem = _resource_problem(folder, resource)
        if problem is not None:
            raise SourceError(f"{folder / DATAPACKAGE}: resource {number} {problem}; {REBUILD}")
    return descriptor


def _resource_problem(folder: Path, resource: object) -> str | None:
    """What makes a resource of datapackage.json unusable, or None: every path must name a
    file build publishes, inside the folder (no absolute path, no way out through .. or a
    link), with its size, hash, title and description."""
    if not isinstance(resource, dict):
        return "is not an object"
    path = resource.get("path")
    if not isinstance(path, str) or not path:
        return "has no path"
    if not path.endswith(PUBLISHED_SUFFIXES):
        return f"({path}) is not a file build publishes ({', '.join(PUBLISHED_SUFFIXES)})"
    if not inside(folder, path):
        return f"({path}) points outside the folder"
    for key, kind in (("title", str), ("description", str), ("hash", str), ("bytes", int)):
        if not isinstance(resource.get(key), kind):
            return f"({path}) has no {key}"
    return None


def inside(folder: Path, path: str) -> bool:
    """Whether `path`, relative to `folder`, names a file inside it once every .. and link
    is resolved."""
    relative = Path(path)
    if relative.is_absolute() or ".." in relative.parts:
        return False
    return (folder / relative).resolve().is_relative_to(folder.resolve())


def verified_bytes(folder: Path, resource: dict[str, Any]) -> bytes:
    """The bytes of a resource of the folder's datapackage.json, read once and checked
    against its size and SHA-256 before anything uses them."""
    path = resource["path"]
    try:
        data = (folder / path).read_bytes()
    except OSError as exc:
        raise SourceError(f"{folder / path}: cannot be read ({exc.strerror}); {REBUILD}") from exc
    digest = f"sha256:{hashlib.sha256(data).hexdigest()}"
    if len(data) != resource.get("bytes") or digest != resource.get("hash"):
        raise SourceError(
            f"{folder / path}: differs from the size and sha256 in {DATAPACKAGE} "
            f"(changed after the build?); {REBUILD}"
        )
    return data


def verified_files(folder: Path, descriptor: dict[str, Any]) -> dict[str, bytes]:
    """Every file the descriptor lists, and datapackage.json itself, keyed by relative path.

    Each file's size and SHA-256 are checked against the descriptor, so a file edited or
    truncated after the build is refused rather than released under the build's digests.
    """
    files = {
        resource["path"]: verified_bytes(folder, resource) for resource in descriptor["resources"]
    }
    files[DATAPACKAGE] = (folder / DATAPACKAGE).read_bytes()
    return files


def read_csv(folder: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of csv/<table>.csv, every value as the text in the file, once its
    bytes are checked against the folder's datapackage.json."""
    relative = f"csv/{table}.csv"
    path = folder / relative
    resource = next(
        (r for r in read_datapackage(folder)["resources"] if r["path"] == relative), None
    )
    if resource is None:
        raise SourceError(f"{path}: not listed in {folder / DATAPACKAGE}; {REBUILD}")
    try:
        text = verified_bytes(folder, resource).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 ({exc.reason}); {REBUILD}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    rows = list(reader)
    if not header or any(None in row or None in row.values() for row in rows):
        raise SourceError(f"{path}: not a table with a header row; {REBUILD}")
    return header, rows
