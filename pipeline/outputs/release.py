"""Release: a folder a data portal takes as it is, kept under releases/VERSION/, the same
bytes for the same version, date and configuration.

A portal upload needs more than the tables: a dataset card, the changelog, the source's
attribution, checksums a downloader can verify, and the records portals ingest (a CKAN
package_create payload and a DCAT-AP 3 dataset in JSON-LD). All of it is generated here
from the published output folder, which is checked against its datapackage.json first, so
a release never carries files other than the ones the build validated. Its prose is
reviewed data (schemas/publication.toml [release]) rendered by the Jinja templates beside
this module; who publishes, where and under which licence comes from release.toml.

The release date appears only in release metadata (the card, the two portal records and
the zip entries' timestamps); the data files, the dictionary and datapackage.json carry
none. A release folder is never overwritten: the same version with the same bytes is left
as it is, with other bytes it is refused.
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
from typing import TYPE_CHECKING, Any

from pipeline.errors import PublishError, ReleaseExistsError, SourceError
from pipeline.io.atomic import replace_folder
from pipeline.io.lock import output_lock
from pipeline.metadata.publication import PUBLICATION_PATH, release_facts
from pipeline.outputs.published import read_datapackage, verified_files
from pipeline.outputs.release_config import Concept, ReleaseConfig
from pipeline.outputs.target import DATAPACKAGE, dataset_name
from pipeline.outputs.templating import rendered

if TYPE_CHECKING:
    from pipeline.metadata.registry import Registry

VERSION_PATTERN = r"[0-9]+\.[0-9]+\.[0-9]+"
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CHANGELOG = ROOT / "CHANGELOG.md"
DEFAULT_MANIFEST = ROOT / "raw" / "manifest.json"
DEFAULT_RELEASES = ROOT / "releases"

CARD = "README.md"
CHANGELOG = "CHANGELOG.md"
ATTRIBUTION = "ATTRIBUTION.md"
CKAN_PACKAGE = "ckan_package.json"
DCAT_RECORD = "dcat.jsonld"
SHA256SUMS = "SHA256SUMS"
# The records describe every file but themselves and the checksums; the documents follow
# the tables, in this order.
DOCUMENTS = (DATAPACKAGE, CARD, CHANGELOG, ATTRIBUTION)
RECORDS = (DCAT_RECORD, CKAN_PACKAGE)

IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
SPDX_SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
DCAT_CONTEXT = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class ReleaseOptions:
    """What a release is named and stamped with, besides the published files."""

    version: str
    date: datetime.date
    config: ReleaseConfig


@dataclass(frozen=True)
class Described:
    """A file the portal records describe: its path in the release, title, description."""

    path: str
    title: str
    description: str


@dataclass(frozen=True)
class WrittenRelease:
    """Where a release is, and whether this run wrote it or found it there already."""

    folder: Path
    zip_path: Path
    unchanged: bool


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
    found: dict[str, Any] | None = next(
        (entry for entry in editions if entry.get("sha256") == sha256), None
    )
    return found


def _registry() -> Registry:
    """The table registry, imported when first asked for: `publish` reads a release without
    it (pydantic and the registry's models take about a quarter of a second to load)."""
    from pipeline.metadata.registry import table_registry

    return table_registry()


def zip_name(version: str) -> str:
    """The release zip's file name: <dataset>-<version>.zip."""
    return f"{dataset_name()}-{version}.zip"


def file_format(path: str) -> dict[str, str]:
    """The format of a release file (CKAN's name, IANA media type), by its name's suffix or
    the format its [release.files] entry names; PublishError for a kind of file the
    publication facts do not know."""
    facts = release_facts()
    name = Path(path).name
    entry = facts["files"].get(name) or (facts["files"]["zip"] if name.endswith(".zip") else {})
    kind = entry.get("format") or Path(path).suffix.lstrip(".")
    try:
        found: dict[str, str] = facts["formats"][kind]
    except KeyError:
        raise PublishError(
            f"{path}: no format for .{kind} files; add [release.formats.{kind}] to "
            f"{PUBLICATION_PATH}"
        ) from None
    return found


def described_files(descriptor: dict[str, Any]) -> list[Described]:
    """Every file the portal records describe, in the order a portal lists them: the
    files datapackage.json lists (tables and dictionary, and whatever outputs the build
    adds), then the release's own documents."""
    facts = release_facts()
    entries = [
        Described(resource["path"], _titled(resource), resource["description"])
        for resource in descriptor["resources"]
    ] + [
        Described(path, facts["files"][path]["title"], facts["files"][path]["description"])
        for path in DOCUMENTS
    ]
    titles = [entry.title for entry in entries]
    repeated = sorted({title for title in titles if titles.count(title) > 1})
    if repeated:  # a portal names each file by its title: two of one name cannot both be kept
        raise PublishError(
            f"two files of the release are both titled {repeated[0]!r}; give them titles of "
            f"their own (schemas/tables.toml or {PUBLICATION_PATH.name} [release.files])"
        )
    return entries


def _titled(resource: dict[str, Any]) -> str:
    """A data file's title with its format, "Sites (CSV)", unless the title says it."""
    data_format = file_format(resource["path"])["ckan"]
    title: str = resource["title"]
    return title if f"({data_format})" in title else f"{title} ({data_format})"


def extra_files(version: str) -> list[Described]:
    """The release files the records cannot describe (each holds or covers the others):
    the two records, the checksums and the zip."""
    files = release_facts()["files"]
    return [
        Described(path, files[path]["title"], files[path]["description"])
        for path in (*RECORDS, SHA256SUMS)
    ] + [Described(zip_name(version), files["zip"]["title"], files["zip"]["description"])]


def _render(template: str, **values: Any) -> str:
    return rendered(template, facts=release_facts(), **values)


def _url(options: ReleaseOptions, path: str) -> str:
    """Where the file of this release is hosted: BASE_URL/VERSION/PATH."""
    return f"{options.config.release_url(options.version)}/{path}"


def _release_datapackage(descriptor: dict[str, Any], options: ReleaseOptions) -> bytes:
    """The build's descriptor with the release's version and keywords: nothing dated."""
    package = _registry().package
    released = descriptor | {"version": options.version, "keywords": list(package.keywords)}
    return _json_bytes(released, sort_keys=True)


def _prose_values(
    document: dict[str, str], edition: dict[str, Any] | None, options: ReleaseOptions
) -> dict[str, Any]:
    return {
        "package": _registry().package,
        "document": document,
        "edition": edition,
        "config": options.config,
        "version": options.version,
        "date": options.date.isoformat(),
        "year": options.date.year,
        "release_url": options.config.release_url(options.version),
    }


def _card(
    files: Mapping[str, bytes],
    descriptor: dict[str, Any],
    values: dict[str, Any],
) -> bytes:
    tables = [
        {
            "name": table.name,
            "rows": len(_csv_rows(files[f"csv/{table.name}.csv"])),
            "primary_key": table.primary_key,
            "description": table.description,
        }
        for table in _registry().tables
    ]
    version = values["version"]
    listed = [*described_files(descriptor), *extra_files(version)]
    text = _render(
        "card.md.j2",
        tables=tables,
        files=[{"path": file.path, "description": file.description} for file in listed],
        **values,
    )
    return text.encode("utf-8")


def _ckan_package(
    files: Mapping[str, bytes], descriptor: dict[str, Any], options: ReleaseOptions, notes: str
) -> bytes:
    package = _registry().package
    config = options.config
    facts = release_facts()
    resources = []
    for file in described_files(descriptor):
        data_format = file_format(file.path)
        resources.append(
            {
                "name": file.title,
                "description": file.description,
                "url": _url(options, file.path),
                "format": data_format["ckan"],
                "mimetype": data_format["media_type"],
                "size": len(files[file.path]),
                "hash": _sha256(files[file.path]),
                "hash_algorithm": SPDX_SHA256,
            }
        )
    payload = {
        "name": package.name,
        "title": package.title,
        "notes": notes,
        "version": options.version,
        "license_id": config.licence.ckan_id,
        "owner_org": config.publisher.ckan_organisation,
        "url": config.dataset.landing_page,
        "maintainer": config.contact.name,
        "maintainer_email": config.contact.email,
        "tags": [{"name": keyword} for keyword in package.keywords],
        "extras": [
            {"key": "uri", "value": config.release_url(options.version)},
            {"key": "issued", "value": options.date.isoformat()},
            {"key": "publisher_name", "value": config.publisher.name},
            {"key": "publisher_uri", "value": config.publisher.uri},
            {"key": "spatial_text", "value": facts["spatial"]["label"]},
            {"key": "spatial_uri", "value": facts["spatial"]["uri"]},
            {"key": "temporal_start", "value": config.coverage.start.isoformat()},
            {"key": "temporal_end", "value": config.coverage.end.isoformat()},
            {"key": "theme", "value": json.dumps([theme.uri for theme in config.dataset.themes])},
        ],
        "resources": resources,
    }
    return _json_bytes(payload)


def _typed(value: str, datatype: str) -> dict[str, str]:
    return {"@value": value, "@type": datatype}


def _concept(concept: Concept) -> dict[str, str]:
    return {"@id": concept.uri, "@type": "skos:Concept", "skos:prefLabel": concept.label}


def _dcat_record(
    files: Mapping[str, bytes],
    descriptor: dict[str, Any],
    document: dict[str, str],
    options: ReleaseOptions,
) -> bytes:
    """The dataset and every described file as DCAT-AP 3.0.1, in JSON-LD: conformant with
    the official SHACL shapes, with every recommended property that applies."""
    package = _registry().package
    config = options.config
    facts = release_facts()
    licence = {
        "@id": config.licence.uri,
        "@type": "dct:LicenseDocument",
        "rdfs:label": config.licence.title,
        "dct:type": _concept(config.licence.type),
    }
    distributions = []
    for file in described_files(descriptor):
        url = {"@id": _url(options, file.path)}
        data_format = file_format(file.path)
        media_type = data_format["media_type"]
        distributions.append(
            {
                "@type": "dcat:Distribution",
                "dct:title": file.title,
                "dct:description": file.description,
                "dcat:accessURL": url,
                "dcat:downloadURL": url,
                "dcat:mediaType": {"@id": IANA_MEDIA_TYPES + media_type, "@type": "dct:MediaType"},
                # A media type node with its label: ckanext-dcat reads the label as the
                # CKAN format ("CSV"), where it would take an IRI's text as the format.
                "dct:format": {
                    "@type": ["dct:IMT", "dct:MediaTypeOrExtent"],
                    "rdf:value": media_type,
                    "rdfs:label": data_format["ckan"],
                },
                "dct:license": licence,
                "dcatap:availability": _concept(config.dataset.availability),
                "dcat:byteSize": _typed(str(len(files[file.path])), "xsd:nonNegativeInteger"),
                "spdx:checksum": {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": {"@id": SPDX_SHA256, "@type": "spdx:ChecksumAlgorithm"},
                    "spdx:checksumValue": _typed(_sha256(files[file.path]), "xsd:hexBinary"),
                },
            }
        )
    spatial = facts["spatial"]
    record = {
        "@context": DCAT_CONTEXT,
        "@id": config.release_url(options.version),
        "@type": "dcat:Dataset",
        "dct:identifier": package.name,
        "dct:title": package.title,
        "dct:description": package.description,
        "dcat:version": options.version,
        "dct:issued": _typed(options.date.isoformat(), "xsd:date"),
        "dct:publisher": {
            "@id": config.publisher.uri,
            "@type": "foaf:Agent",
            "foaf:name": config.publisher.name,
            "dct:type": _concept(config.publisher.type),
        },
        "dcat:contactPoint": {
            "@type": ["vcard:Kind", "vcard:Organization"],
            "vcard:fn": config.contact.name,
            "vcard:hasEmail": {"@id": f"mailto:{config.contact.email}"},
        },
        "dcat:landingPage": {"@id": config.dataset.landing_page, "@type": "foaf:Document"},
        "dcat:theme": [_concept(theme) for theme in config.dataset.themes],
        "dcat:keyword": list(package.keywords),
        "dct:spatial": {
            "@id": spatial["uri"],
            "@type": "dct:Location",
            "skos:prefLabel": spatial["label"],
            "dcat:bbox": _typed(spatial["bbox"], "gsp:wktLiteral"),
            "dcat:centroid": _typed(spatial["centroid"], "gsp:wktLiteral"),
        },
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(config.coverage.start.isoformat(), "xsd:date"),
            "dcat:endDate": _typed(config.coverage.end.isoformat(), "xsd:date"),
        },
        "dct:provenance": {
            "@type": "dct:ProvenanceStatement",
            "rdfs:label": (
                f"Read from {document['title']} ({document['publisher']}), the file "
                f"{document['source_file']} (sha256 {document['sha256']}), by the project's "
                "pipeline."
            ),
        },
        "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": facts["source_rights"]},
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
    """Every file of the release but the zip, by path inside its folder; SourceError for a
    bad input."""
    descriptor = read_datapackage(out)
    files = verified_files(out, descriptor)
    documents = _csv_rows(files["csv/documents.csv"])
    if len(documents) != 1:
        raise SourceError(f"{out}: a release describes one edition, and it has {len(documents)}")
    document = documents[0]
    values = _prose_values(document, _manifest_entry(manifest, document["sha256"]), options)
    files[DATAPACKAGE] = _release_datapackage(descriptor, options)
    files[CHANGELOG] = _read_changelog(changelog, options.version)
    files[ATTRIBUTION] = _render("attribution.md.j2", **values).encode("utf-8")
    files[CARD] = _card(files, descriptor, values)
    notes = _render("ckan_notes.md.j2", **values).strip()
    files[CKAN_PACKAGE] = _ckan_package(files, descriptor, options, notes)
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


def release_bundle(
    out: Path,
    options: ReleaseOptions,
    *,
    changelog: Path = DEFAULT_CHANGELOG,
    manifest: Path = DEFAULT_MANIFEST,
) -> dict[str, bytes]:
    """Every file of the release folder, the zip of the others included."""
    files = release_files(out, options, changelog=changelog, manifest=manifest)
    name = zip_name(options.version)
    return files | {name: zip_bytes(name.removesuffix(".zip"), files, options.date)}


def _differences(folder: Path, files: Mapping[str, bytes]) -> list[str]:
    """The paths whose bytes differ between the folder on disk and files (either side)."""
    found = {
        path.relative_to(folder).as_posix(): path
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }
    return sorted(
        path
        for path in set(found) | set(files)
        if path not in found or path not in files or found[path].read_bytes() != files[path]
    )


def write_release(
    out: Path,
    options: ReleaseOptions,
    releases: Path = DEFAULT_RELEASES,
    *,
    changelog: Path = DEFAULT_CHANGELOG,
    manifest: Path = DEFAULT_MANIFEST,
) -> WrittenRelease:
    """Write releases/VERSION/ from the output folder out, all at once.

    A release is kept: when releases/VERSION/ exists with the same bytes nothing is
    written (unchanged); with other bytes the release is refused (ReleaseExistsError), and
    the folder is left as it was.
    """
    files = release_bundle(out, options, changelog=changelog, manifest=manifest)
    folder = releases / options.version
    written = WrittenRelease(folder, folder / zip_name(options.version), unchanged=False)
    try:
        with output_lock(folder):
            if folder.exists():
                differing = _differences(folder, files)
                if differing:
                    raise ReleaseExistsError(
                        f"{folder}: release {options.version} was written before, and this one "
                        f"differs in {', '.join(differing[:4])}"
                        + (f" and {len(differing) - 4} more" if len(differing) > 4 else "")
                        + "; a release is never overwritten: give a new VERSION (or the first "
                        "one's RELEASE_DATE, when only the date differs)"
                    )
                return WrittenRelease(written.folder, written.zip_path, unchanged=True)
            replace_folder(folder, files)
    except OSError as exc:
        raise PublishError(
            f"cannot write the release to {folder}: {exc.strerror or exc}; choose another --dest"
        ) from exc
    return written
