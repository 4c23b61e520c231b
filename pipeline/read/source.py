"""The source PDF's identity: its hash, and the manifest that records which edition we trust."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ChecksumError, SourceError
from pipeline.io.atomic import write_file
from pipeline.read.pdf import open_pdf

CHUNK = 1 << 20
WEB_ADDRESS = re.compile(r"https?://\S+")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class EditionRecord:
    """What the manifest records of an edition beyond its bytes, for the documents table:
    when it was published and where it can be read (None where unknown)."""

    published: str | None  # YYYY-MM-DD
    source_url: str | None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: no such file; check the --source path") from exc
    except IsADirectoryError as exc:
        raise SourceError(f"{path}: not a file; --source must name a PDF file") from exc
    except PermissionError as exc:
        raise SourceError(f"{path}: permission denied; make the file readable") from exc
    return digest.hexdigest()


def _manifest(manifest: Path) -> dict:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ChecksumError(f"{manifest}: no such manifest; check the --manifest path") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ChecksumError(f"{manifest}: not valid JSON ({exc}); restore it from git") from exc
    if not isinstance(data, dict) or not isinstance(data.get("editions"), list):
        raise ChecksumError(f"{manifest}: has no 'editions' list; restore it from git")
    return data


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _edition_record(entry: dict, manifest: Path) -> EditionRecord:
    published, source_url = entry.get("published"), entry.get("source_url")
    if published is not None and not _is_date(published):
        raise ChecksumError(
            f"{manifest}: {entry.get('file')}: published {published!r} is not a date "
            "written YYYY-MM-DD; correct it, or write null where the date is unknown"
        )
    if source_url is not None and not (
        isinstance(source_url, str) and WEB_ADDRESS.fullmatch(source_url)
    ):
        raise ChecksumError(
            f"{manifest}: {entry.get('file')}: source_url {source_url!r} is not a web address "
            "(http:// or https://); correct it, or write null where none is known"
        )
    return EditionRecord(published, source_url)


def check_manifest(source: Path, sha256: str, manifest: Path) -> EditionRecord:
    """Refuse a PDF whose bytes are not the edition the manifest records; what the manifest
    records of the edition otherwise."""
    entry = next((e for e in _manifest(manifest)["editions"] if e.get("file") == source.name), None)
    if entry is None:
        raise ChecksumError(
            f"{source.name} is not listed in {manifest}; if it is a new edition, record it "
            "with `make accept-edition` (or python -m pipeline accept-edition) and commit both"
        )
    if entry.get("sha256") != sha256:
        raise ChecksumError(
            f"{source}: sha256 {sha256[:12]}… does not match {manifest} "
            f"({str(entry.get('sha256'))[:12]}…); if this is a deliberate new edition, run "
            "`make accept-edition` to record its hash, review the diff, then build again"
        )
    return _edition_record(entry, manifest)


def accept_edition(source: Path, manifest: Path) -> dict:
    """Record the bytes and hash of a deliberate new edition in the manifest."""
    sha256 = file_sha256(source)
    data = _manifest(manifest)
    entry = next((e for e in data["editions"] if e.get("file") == source.name), None)
    if entry is None:
        entry = {"file": source.name}
        data["editions"].append(entry)
    with open_pdf(source) as pdf:
        pages = len(pdf.pages)
    entry["bytes"] = source.stat().st_size
    entry["sha256"] = sha256
    entry["pages"] = pages
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_file(manifest, text.encode("utf-8"))
    return entry
