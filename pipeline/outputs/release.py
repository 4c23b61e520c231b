"""Release: one zip a data portal takes as it is, the same bytes for the same version and date.

A portal upload needs more than the tables: a dataset card, the changelog, the source's
attribution, checksums a downloader can verify, and the records portals ingest (a CKAN
package_create payload and a DCAT dataset in JSON-LD). All of it is generated here from
the published output folder, which is checked against its datapackage.json first, so a
bundle never carries files other than the ones the build validated.

The release date appears only in release metadata (the card, the two portal records and
the zip entries' timestamps); the data files, the dictionary and datapackage.json carry
none. Entries are sorted, with fixed timestamps and permissions, so two releases of one
version on one date are byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PublishError, SourceError
from pipeline.io.atomic import write_file
from pipeline.metadata.registry import table_registry
from pipeline.outputs.publish import DATAPACKAGE, DICTIONARY_MD, PARQUET_MEDIATYPE
from pipeline.outputs.published import read_datapackage, verified_files
from pipeline.outputs.sqlite import SQLITE_MEDIATYPE
from pipeline.outputs.xlsx import XLSX_MEDIATYPE
from pipeline.tables.normalise import slug

VERSION_PATTERN = r"[0-9]+\.[0-9]+\.[0-9]+"
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CHANGELOG = ROOT / "CHANGELOG.md"
DEFAULT_MANIFEST = ROOT / "raw" / "manifest.json"
# Shown in the portal records until the publisher passes --publisher: a portal refuses an
# unknown organisation, so a forgotten name fails loudly at upload instead of misattributing.
DEFAULT_PUBLISHER = "Replace with the publishing organisation"

CARD = "README.md"
CHANGELOG = "CHANGELOG.md"
ATTRIBUTION = "ATTRIBUTION.md"
CKAN_PACKAGE = "ckan_package.json"
DCAT_RECORD = "dcat.jsonld"
SHA256SUMS = "SHA256SUMS"

# The statistical-geography URI of England (ONS GSS code E92000001).
ENGLAND_URI = "http://statistics.data.gov.uk/id/statistical-geography/E92000001"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
SPDX_SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
# Registry licence names -> CKAN's default licence ids.
CKAN_LICENCE_IDS = {"notspecified": "notspecified", "OGL-UK-3.0": "uk-ogl"}
# File suffix -> (CKAN format, media type).
FORMATS = {
    ".csv": ("CSV", "text/csv"),
    ".parquet": ("Parquet", PARQUET_MEDIATYPE),
    ".json": ("JSON", "application/json"),
    ".md": ("Markdown", "text/markdown"),
    ".sqlite": ("SQLite", SQLITE_MEDIATYPE),
    ".xlsx": ("XLSX", XLSX_MEDIATYPE),
}
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Files that are not data but describe it, with their title and description in the records.
DOCUMENTATION = {
    DATAPACKAGE: (
        "Frictionless Data Package",
        "Every data file with its Table Schema, keys, size and SHA-256 (Data Package v2).",
    ),
    CARD: ("Dataset card", "What the dataset covers, how it was made, its limits, how to cite."),
    CHANGELOG: ("Changelog", "What changed in each release."),
    ATTRIBUTION: ("Attribution", "The source publication and the ONS codes, with licences."),
}


@dataclass(frozen=True)
class ReleaseOptions:
    """What a release is named and stamped with, besides the published files."""

    version: str
    date: datetime.date
    publisher: str = DEFAULT_PUBLISHER
    base_url: str | None = None


def version_argument(text: str) -> str:
    """A release version as the command line takes it: MAJOR.MINOR.PATCH, digits only."""
    if re.fullmatch(VERSION_PATTERN, text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a version MAJOR.MINOR.PATCH, e.g. 0.1.0")
    return text


def date_argument(text: str) -> datetime.date:
    """A release date: YYYY-MM-DD, or seconds since 1970 as SOURCE_DATE_EPOCH gives it.

    Zip timestamps start in 1980, so earlier dates are refused rather than shifted.
    """
    try:
        if text.isdigit():
            day = datetime.datetime.fromtimestamp(int(text), tz=datetime.UTC).date()
        else:
            day = datetime.date.fromisoformat(text)
    except (ValueError, OverflowError, OSError) as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date YYYY-MM-DD or seconds since 1970 (--date or SOURCE_DATE_EPOCH)"
        ) from exc
    if day.year < 1980:
        raise argparse.ArgumentTypeError(f"{text!r}: a release date must be in 1980 or later")
    return day


def _json_bytes(value: object, *, sort_keys: bool = False) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n").encode()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def changelog_entry_present(text: str, version: str) -> bool:
    """Whether the changelog has a heading for version ("## 0.1.0", "## [0.1.0] - ...")."""
    heading = rf"^##\s+\[?{re.escape(version)}\]?(?=$|[\s(])"
    return re.search(heading, text, flags=re.MULTILINE) is not None


def _read_changelog(path: Path, version: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"{path}: cannot be read ({exc.strerror}); a release needs its changelog"
        ) from exc
    if not changelog_entry_present(data.decode("utf-8", errors="replace"), version):
        raise SourceError(
            f'{path}: no entry for {version}; add a "## {version}" section saying what changed '
            "(python -m pipeline diff OLD NEW --format markdown lists the data changes)"
        )
    return data


def _manifest_entry(manifest: Path, sha256: str) -> dict[str, Any] | None:
    """The manifest's record of the edition with this sha256, for the card's provenance;
    None when the manifest does not record this edition (a build of another PDF)."""
    try:
        editions = json.loads(manifest.read_text(encoding="utf-8"))["editions"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SourceError(f"{manifest}: not a readable manifest ({exc})") from exc
    return next((entry for entry in editions if entry.get("sha256") == sha256), None)


def _release_datapackage(descriptor: dict[str, Any], options: ReleaseOptions) -> bytes:
    """The build's descriptor with the release's version and keywords: nothing dated."""
    package = table_registry().package
    released = descriptor | {"version": options.version, "keywords": list(package.keywords)}
    return _json_bytes(released, sort_keys=True)


def _attribution(document: dict[str, str], edition: dict[str, Any] | None) -> bytes:
    package = table_registry().package
    lines = [
        "# Attribution",
        "",
        "## Source publication",
        "",
        f"- Title: *{document['title']}*",
        f"- Publisher: {document['publisher'] or 'not printed on the cover'}",
    ]
    if edition is not None and edition.get("prepared_for"):
        lines.append(f"- Prepared for: {edition['prepared_for']}")
    lines += [
        f"- File: `{document['source_file']}` ({document['source_bytes']} bytes, "
        f"{document['page_count']} pages)",
        f"- SHA-256: `{document['sha256']}`",
        "",
        "The publication states no licence. Its text in these tables (site names, themes, "
        "section headings and approaches) remains its publisher's: ask them before reusing it.",
        "",
        "## Office for National Statistics names and codes",
        "",
        "Region and local authority names and GSS codes (`sites.region`, `sites.region_code`, "
        "`local_authorities.la_name_ons`, `local_authorities.la_code`, `local_authorities.la_type`,"
        " `regions`): Source: Office for National Statistics licensed under the Open Government "
        "Licence v3.0.",
        "",
    ]
    lines += [f"- {source.title} <{source.path}>" for source in package.sources]
    lines += ["", "## Licences", ""]
    lines += [
        f"- `{licence.name}`: {licence.title}" + (f" <{licence.path}>" if licence.path else "")
        for licence in package.licenses
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _card(
    files: Mapping[str, bytes],
    document: dict[str, str],
    edition: dict[str, Any] | None,
    options: ReleaseOptions,
) -> bytes:
    registry = table_registry()
    package = registry.package
    name = package.name
    lines = [
        f"# {package.title}",
        "",
        f"Version {options.version}, released {options.date.isoformat()} by {options.publisher}.",
        "",
        package.description,
        "",
        "## What it covers",
        "",
        f"*{document['title']}* ({document['publisher'] or 'publisher not printed'}, "
        f"{document['page_count']} pages): the Early Adopter sites in England, their regions and "
        "local authorities, the learning themes each site works on and the approaches it "
        "lists. One table per kind of record, each as CSV and Parquet:",
        "",
        "| table | rows | primary key | one row per |",
        "|---|---:|---|---|",
    ]
    lines += [
        f"| `{table.name}` | {len(_csv_rows(files[f'csv/{table.name}.csv']))} | "
        f"{', '.join(table.primary_key)} | {table.description} |"
        for table in registry.tables
    ]
    lines += [
        "",
        "## Files",
        "",
        "- `csv/<table>.csv`: UTF-8, comma-separated, header row, an empty cell is a missing "
        "value; `parquet/<table>.parquet`: the same rows, columns described in the schema.",
        f"- `{DATAPACKAGE}`: Frictionless Data Package v2 (types, constraints, keys, sizes, "
        f"SHA-256); `{DICTIONARY_MD}` and `data_dictionary.csv`: every column's type, meaning "
        "and an example.",
        f"- `{CHANGELOG}`: what each release changed; `{ATTRIBUTION}`: sources and licences.",
        f"- `{CKAN_PACKAGE}`: a CKAN `package_create` payload; `{DCAT_RECORD}`: a DCAT dataset "
        "record (JSON-LD).",
        f"- `{SHA256SUMS}`: the SHA-256 of every other file: `sha256sum -c {SHA256SUMS}`.",
        "",
        "## How it was made",
        "",
        f"Read from `{document['source_file']}` (sha256 `{document['sha256']}`) by the "
        "project's pipeline: words and their positions are extracted from the PDF, grouped "
        "into sites, themes and listed items by rules the layout implies, normalised (text as "
        "printed, whitespace collapsed, wrapped lines joined), matched to ONS names and codes "
        "and to a theme vocabulary, and validated against the Table Schemas in "
        f"`{DATAPACKAGE}` (types, keys, foreign keys). The same PDF always gives the same "
        "bytes.",
        "",
        "## Known limitations",
        "",
        "- Licence: the publication states no licence, so the text taken from it (site "
        "names, themes, headings, approaches) is released without one (`notspecified`); ask "
        "the publisher before reusing it. The ONS names and codes are under the Open "
        f"Government Licence v3.0 (see `{ATTRIBUTION}`).",
    ]
    if edition is not None and edition.get("what"):
        lines.append(f"- What the file read is (from the source manifest): {edition['what']}")
    lines += [
        "- `page`, `x0`, `top`, `x1` and `bottom` locate each item in that file; another "
        "copy of the publication may paginate differently.",
        "- `theme_id` maps each printed theme to a canonical vocabulary this project wrote "
        "(`themes`); the mapping is a judgement, and `theme_published` keeps the printed text.",
        "- `approach_id` is positional (site, section, item): an item inserted before "
        "another gives that one a new id in the next edition, and an item edited in place "
        "keeps its id, so compare `item_text` too.",
        "- Local authority codes are of the vintage in `code_vintage`; authorities "
        "reorganised later have other codes.",
        "- The tables hold what the publication prints and nothing later: they describe the "
        "sites as the publication does.",
        "",
        "## How to cite",
        "",
        f"{options.publisher} ({options.date.year}). *{package.title}*, version "
        f"{options.version} [data set], `{name}`. Derived from "
        f"{document['publisher'] or 'the publisher'}, *{document['title']}*. Contains public "
        "sector information licensed under the Open Government Licence v3.0.",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entries(descriptor: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, title, description) of every file the portal records describe, data first."""
    entries = [
        (
            resource["path"],
            resource["title"] + (" (CSV)" if resource["path"].endswith(".csv") else ""),
            resource["description"],
        )
        for resource in descriptor["resources"]
    ]
    return entries + [(path, title, text) for path, (title, text) in DOCUMENTATION.items()]


def _url(options: ReleaseOptions, path: str) -> str:
    """The file's address: under --base-url, else its path inside the release folder."""
    if options.base_url is None:
        return path
    return f"{options.base_url.rstrip('/')}/{path}"


def _ckan_package(
    files: Mapping[str, bytes], descriptor: dict[str, Any], options: ReleaseOptions
) -> bytes:
    package = table_registry().package
    # The first licence covers the publication's text: the dataset as a whole can be no
    # more open than that part of it.
    licence = package.licenses[0]
    notes = "\n\n".join(
        [
            package.description,
            f"Version {options.version}, released {options.date.isoformat()}. See "
            f"{CARD} for what it covers and its limits, {ATTRIBUTION} for the sources.",
            "Licences: " + " ".join(entry.title for entry in package.licenses),
        ]
    )
    resources = []
    for path, title, description in _entries(descriptor):
        data_format, mimetype = FORMATS[Path(path).suffix]
        resources.append(
            {
                "name": title,
                "description": description,
                "url": _url(options, path),
                "format": data_format,
                "mimetype": mimetype,
                "size": len(files[path]),
                "hash": _sha256(files[path]),
                "hash_algorithm": SPDX_SHA256,
            }
        )
    payload = {
        "name": package.name,
        "title": package.title,
        "notes": notes,
        "version": options.version,
        "license_id": CKAN_LICENCE_IDS[licence.name],
        "owner_org": slug(options.publisher),
        "tags": [{"name": keyword} for keyword in package.keywords],
        "extras": [
            {"key": "identifier", "value": package.name},
            {"key": "issued", "value": options.date.isoformat()},
            {"key": "spatial_text", "value": "England"},
            {"key": "spatial_uri", "value": ENGLAND_URI},
        ],
        "resources": resources,
    }
    return _json_bytes(payload)


def _dcat_record(
    files: Mapping[str, bytes],
    descriptor: dict[str, Any],
    document: dict[str, str],
    options: ReleaseOptions,
) -> bytes:
    package = table_registry().package
    distributions = []
    for path, title, description in _entries(descriptor):
        url = {"@id": _url(options, path)}
        distributions.append(
            {
                "@type": "dcat:Distribution",
                "dct:title": title,
                "dct:description": description,
                "dcat:accessURL": url,
                "dcat:downloadURL": url,
                "dcat:mediaType": {"@id": IANA_MEDIA_TYPES + FORMATS[Path(path).suffix][1]},
                "dcat:byteSize": {"@value": len(files[path]), "@type": "xsd:nonNegativeInteger"},
                "spdx:checksum": {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": {"@id": SPDX_SHA256},
                    "spdx:checksumValue": _sha256(files[path]),
                },
            }
        )
    record = {
        "@context": DCAT_CONTEXT,
        "@type": "dcat:Dataset",
        "dct:identifier": package.name,
        "dct:title": package.title,
        "dct:description": package.description,
        "dcat:version": options.version,
        "dct:issued": {"@value": options.date.isoformat(), "@type": "xsd:date"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": options.publisher},
        "dct:spatial": {"@id": ENGLAND_URI, "rdfs:label": "England"},
        "dcat:keyword": list(package.keywords),
        "dct:rights": {
            "@type": "dct:RightsStatement",
            "rdfs:label": " ".join(entry.title for entry in package.licenses),
        },
        "dct:source": {
            "dct:title": document["title"],
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": document["publisher"]},
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {"@id": SPDX_SHA256},
                "spdx:checksumValue": document["sha256"],
            },
        },
        "dcat:distribution": distributions,
    }
    return _json_bytes(record)


def sha256sums(files: Mapping[str, bytes]) -> bytes:
    """`sha256sum` output for files, sorted by path: `sha256sum -c SHA256SUMS` checks it."""
    return "".join(f"{_sha256(files[path])}  {path}\n" for path in sorted(files)).encode()


def release_files(
    out: Path,
    options: ReleaseOptions,
    *,
    changelog: Path = DEFAULT_CHANGELOG,
    manifest: Path = DEFAULT_MANIFEST,
) -> dict[str, bytes]:
    """Every file of the release, by path inside its folder; SourceError for a bad input."""
    descriptor = read_datapackage(out)
    files = verified_files(out, descriptor)
    documents = _csv_rows(files["csv/documents.csv"])
    if len(documents) != 1:
        raise SourceError(f"{out}: a release describes one edition, and it has {len(documents)}")
    document = documents[0]
    edition = _manifest_entry(manifest, document["sha256"])
    files[DATAPACKAGE] = _release_datapackage(descriptor, options)
    files[CHANGELOG] = _read_changelog(changelog, options.version)
    files[ATTRIBUTION] = _attribution(document, edition)
    files[CARD] = _card(files, document, edition, options)
    files[CKAN_PACKAGE] = _ckan_package(files, descriptor, options)
    files[DCAT_RECORD] = _dcat_record(files, descriptor, document, options)
    files[SHA256SUMS] = sha256sums(files)
    return files


def zip_bytes(folder: str, files: Mapping[str, bytes], date: datetime.date) -> bytes:
    """A zip of files under folder/, sorted, each stamped with date at midnight and 0644."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=(*date.timetuple()[:3], 0, 0, 0))
            info.create_system = 3  # Unix, so that external_attr is read as a file mode
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()


def release(
    out: Path,
    options: ReleaseOptions,
    dest: Path,
    *,
    changelog: Path = DEFAULT_CHANGELOG,
    manifest: Path = DEFAULT_MANIFEST,
) -> Path:
    """Write dest/<dataset>-<version>.zip from the output folder out; return its path.

    The zip is written beside its final name and renamed into place, so a failed release
    leaves no partial bundle under that name.
    """
    files = release_files(out, options, changelog=changelog, manifest=manifest)
    folder = f"{table_registry().package.name}-{options.version}"
    data = zip_bytes(folder, files, options.date)
    target = dest / f"{folder}.zip"
    try:
        write_file(target, data)
    except OSError as exc:
        raise PublishError(
            f"cannot write the release to {dest}: {exc.strerror or exc}; choose another --dest"
        ) from exc
    return target
