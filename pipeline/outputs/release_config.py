"""The release configuration: who releases the dataset, where, and under which licence.

A portal needs all of it, and none of it is a fact of the publication, so it is the
publisher's file (release.toml; release.example.toml shows every key for a fictional
publisher). Every key is required: a missing or empty one stops the release with one line
naming the file and the key, so no placeholder ever reaches a portal.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import ReleaseConfigError

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = ROOT / "release.toml"
EXAMPLE_CONFIG = ROOT / "release.example.toml"

# CKAN's rule for the name of a dataset or an organisation.
CKAN_NAME = re.compile(r"[a-z0-9_-]{2,100}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
URI = re.compile(r"https?://\S+")

# section -> key -> kind: "text", "uri", "email", "name" (a CKAN name), "date", "concept"
# (a term of a controlled vocabulary: { uri = "...", label = "..." }) or "concepts" (a
# list of them).
KEYS: dict[str, dict[str, str]] = {
    "publisher": {"name": "text", "uri": "uri", "type": "concept", "ckan_organisation": "name"},
    "contact": {"name": "text", "email": "email"},
    "dataset": {
        "landing_page": "uri",
        "base_url": "uri",
        "themes": "concepts",
        "availability": "concept",
    },
    "licence": {"ckan_id": "text", "title": "text", "uri": "uri", "type": "concept"},
    "coverage": {"start": "date", "end": "date"},
}
WHAT = {
    "uri": "an http(s) URI",
    "email": "an email address",
    "name": "a CKAN name (2-100 of a-z, 0-9, - and _)",
    "date": "a date (YYYY-MM-DD)",
    "text": "text",
    "concept": 'a term { uri = "http...", label = "..." }',
    "concepts": 'a list of terms [{ uri = "http...", label = "..." }]',
}


@dataclass(frozen=True)
class Concept:
    """A term of a controlled vocabulary: its URI and its label."""

    uri: str
    label: str


@dataclass(frozen=True)
class Publisher:
    name: str
    uri: str
    type: Concept
    ckan_organisation: str


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


@dataclass(frozen=True)
class DatasetPlace:
    landing_page: str
    base_url: str
    themes: tuple[Concept, ...]
    availability: Concept


@dataclass(frozen=True)
class Licence:
    ckan_id: str
    title: str
    uri: str
    type: Concept


@dataclass(frozen=True)
class Coverage:
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class ReleaseConfig:
    """Every value of release.toml, checked."""

    publisher: Publisher
    contact: Contact
    dataset: DatasetPlace
    licence: Licence
    coverage: Coverage

    def release_url(self, version: str) -> str:
        """The address of release VERSION's folder: the dataset's @id in the DCAT record."""
        return f"{self.dataset.base_url.rstrip('/')}/{version}"


def _fix(path: Path) -> str:
    return f"add it to {path.name} ({EXAMPLE_CONFIG.name} shows every key)"


def _concept(where: str, kind: str, raw: Any) -> Concept:
    if (
        not isinstance(raw, dict)
        or set(raw) != {"uri", "label"}
        or not all(isinstance(value, str) and value.strip() for value in raw.values())
        or URI.fullmatch(raw["uri"]) is None
    ):
        raise ReleaseConfigError(f"{where} = {raw!r} is not {WHAT[kind]}")
    return Concept(uri=raw["uri"], label=raw["label"])


def _value(path: Path, section: str, key: str, kind: str, raw: Any) -> Any:
    where = f"{path}: [{section}] {key}"
    if raw is None or raw == "" or raw == []:
        raise ReleaseConfigError(f"{where} is missing; {_fix(path)}")
    if kind == "date":
        if isinstance(raw, datetime.datetime) or not isinstance(raw, datetime.date):
            raise ReleaseConfigError(
                f"{where} = {raw!r} is not {WHAT[kind]}; write e.g. 2019-09-30"
            )
        return raw
    if kind == "concept":
        return _concept(where, kind, raw)
    if kind == "concepts":
        if not isinstance(raw, list):
            raise ReleaseConfigError(f"{where} = {raw!r} is not {WHAT[kind]}")
        return tuple(_concept(where, kind, item) for item in raw)
    pattern = {"uri": URI, "email": EMAIL, "name": CKAN_NAME}.get(kind)
    if not isinstance(raw, str) or not raw.strip():
        raise ReleaseConfigError(f"{where} = {raw!r} is not {WHAT[kind]}")
    if pattern is not None and pattern.fullmatch(raw) is None:
        raise ReleaseConfigError(f"{where} = {raw!r} is not {WHAT[kind]}")
    return raw


def read_release_config(path: Path = DEFAULT_CONFIG) -> ReleaseConfig:
    """The checked configuration in path; ReleaseConfigError naming the file and the key."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReleaseConfigError(
            f"{path}: no such file; copy {EXAMPLE_CONFIG.name} to {path.name} and put your "
            "organisation's values in (or name another file with RELEASE_CONFIG=FILE)"
        ) from exc
    except OSError as exc:
        raise ReleaseConfigError(f"{path}: cannot be read ({exc.strerror})") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReleaseConfigError(f"{path}: not a TOML file ({exc})") from exc
    for section in document:
        if section not in KEYS:
            raise ReleaseConfigError(
                f"{path}: unknown section [{section}]; the sections are "
                + ", ".join(f"[{name}]" for name in KEYS)
            )
    values: dict[str, dict[str, Any]] = {}
    for section, keys in KEYS.items():
        table = document.get(section, {})
        if not isinstance(table, dict):
            raise ReleaseConfigError(f"{path}: [{section}] is not a table; {_fix(path)}")
        unknown = sorted(set(table) - set(keys))
        if unknown:
            raise ReleaseConfigError(
                f"{path}: unknown key [{section}] {unknown[0]}; the keys of [{section}] are "
                + ", ".join(keys)
            )
        values[section] = {
            key: _value(path, section, key, kind, table.get(key)) for key, kind in keys.items()
        }
    coverage = Coverage(**values["coverage"])
    if coverage.start > coverage.end:
        raise ReleaseConfigError(
            f"{path}: [coverage] start {coverage.start} is after end {coverage.end}"
        )
    return ReleaseConfig(
        publisher=Publisher(**values["publisher"]),
        contact=Contact(**values["contact"]),
        dataset=DatasetPlace(**values["dataset"]),
        licence=Licence(**values["licence"]),
        coverage=coverage,
    )
