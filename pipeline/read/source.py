"""The source PDF's identity: its hash, and the manifest that records which edition we trust."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.errors import ChecksumError
from pipeline.io.atomic import write_file
from pipeline.read.pdf import open_pdf
from pipeline.read.snapshot import read_source


def file_sha256(path: Path) -> str:
    """The sha256 of the file's bytes, read as a build reads them (pipeline.read.snapshot)."""
    return read_source(path).sha256


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


def check_manifest(source: Path, sha256: str, manifest: Path) -> None:
    """Refuse a PDF whose bytes are not the edition the manifest records."""
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


def accept_edition(source: Path, manifest: Path) -> dict:
    """Record the bytes and hash of a deliberate new edition in the manifest."""
    snapshot = read_source(source)
    data = _manifest(manifest)
    entry = next((e for e in data["editions"] if e.get("file") == source.name), None)
    if entry is None:
        entry = {"file": source.name}
        data["editions"].append(entry)
    with open_pdf(snapshot) as pdf:
        pages = len(pdf.pages)
    entry["bytes"] = len(snapshot.data)
    entry["sha256"] = snapshot.sha256
    entry["pages"] = pages
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_file(manifest, text.encode("utf-8"))
    return entry
