"""Publish a release to a CKAN portal (data.gov.uk and others), through CKAN's action API.

The dataset is created on the first release and updated on later ones. Whatever happens
part way, the portal keeps showing a whole version, the previous one or the new one:

1. the dataset is created private (not listed, not downloadable by the public) when it is
   not there yet;
2. every file whose bytes the portal does not already hold is uploaded as a new resource
   under a staging name, beside the previous version's resources;
3. every new upload is downloaded back and compared with the release by SHA-256;
4. one package_patch then swaps the resources in (final names, the release's order), sets
   the release's metadata and makes the dataset public: CKAN saves it in one transaction,
   and the previous version's resources go with it;
5. every resource is downloaded again from its published address and compared.

A failure before step 4 leaves the previous version as it was; the staging resources are
removed (or, when the portal cannot be reached, by the next run). Publishing the same
release again uploads nothing and changes nothing. The API token is read from
$CKAN_API_TOKEN only and is never printed, logged or written: every message is built here,
not taken from an exception that might carry request headers.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ckanapi
import requests

from pipeline.errors import PortalAuthError, PortalError, SourceError
from pipeline.outputs.release import (
    CKAN_PACKAGE,
    DEFAULT_RELEASES,
    SHA256SUMS,
    VERSION_PATTERN,
    described_files,
    extra_files,
    file_format,
    zip_name,
)
from pipeline.outputs.target import DATAPACKAGE

TOKEN_VARIABLE = "CKAN_API_TOKEN"  # noqa: S105 (the name of the variable, not a token)
STAGING = "[staging] "  # the name prefix of an upload not yet swapped in
TIMEOUT_SECONDS = 60
USER_AGENT = "safeguarding-early-adopters-publish"
# What the portal keeps of a resource that a re-publish compares.
RESOURCE_FIELDS = ("name", "description", "format", "mimetype", "size", "hash")
RETRY = "run the same publish command again: it finishes the job and changes nothing twice"


@dataclass(frozen=True)
class ReleaseFile:
    """One file of the release as the portal shows it."""

    path: str
    data: bytes
    name: str
    description: str
    format: str
    mimetype: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class PublishResult:
    dataset_url: str
    uploaded: int
    unchanged: bool

    @property
    def summary(self) -> str:
        if self.unchanged:
            return f"{self.dataset_url}: already holds this release; nothing changed"
        return f"published {self.dataset_url}: {self.uploaded} files uploaded and verified"


def token_from_environment() -> str:
    """The API token, from $CKAN_API_TOKEN only; PortalAuthError when it is not set."""
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise PortalAuthError(
            f"no API token: set {TOKEN_VARIABLE} to a token of a portal user who may edit the "
            "organisation's datasets (the portal's user page, API Tokens)"
        )
    return token


def newest_release(releases: Path = DEFAULT_RELEASES) -> Path:
    """The release folder with the highest version under releases/."""
    versions = (
        [path for path in releases.iterdir() if re.fullmatch(VERSION_PATTERN, path.name)]
        if releases.is_dir()
        else []
    )
    if not versions:
        raise SourceError(
            f"{releases}: no release to publish; write one with `make release VERSION=x.y.z`"
        )
    return max(versions, key=lambda path: tuple(int(part) for part in path.name.split(".")))


def _read_release(folder: Path) -> tuple[dict[str, Any], list[ReleaseFile]]:
    """The release's CKAN record and every file of it, in the order the portal lists them,
    each checked: against SHA256SUMS, and the zip entry by entry against the files."""
    try:
        package = json.loads((folder / CKAN_PACKAGE).read_text(encoding="utf-8"))
        descriptor = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
        sums = (folder / SHA256SUMS).read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise SourceError(
            f"{folder}: not a release folder ({exc}); write one with `make release VERSION=x.y.z`"
        ) from exc
    contents: dict[str, bytes] = {}
    for line in sums.splitlines():
        digest, path = line.split("  ", 1)
        data = (folder / path).read_bytes() if (folder / path).is_file() else b""
        if hashlib.sha256(data).hexdigest() != digest:
            raise SourceError(
                f"{folder / path}: differs from {SHA256SUMS} (changed after the release?); "
                "write the release again into a new version"
            )
        contents[path] = data
    contents[SHA256SUMS] = sums.encode("utf-8")
    name = zip_name(package["version"])
    contents[name] = _checked_zip(folder / name, contents)
    files = []
    for entry in [*described_files(descriptor), *extra_files(package["version"])]:
        data_format = file_format(entry.path)
        files.append(
            ReleaseFile(
                path=entry.path,
                data=contents[entry.path],
                name=entry.title,
                description=entry.description,
                format=data_format["ckan"],
                mimetype=data_format["media_type"],
            )
        )
    return package, files


def _checked_zip(path: Path, contents: Mapping[str, bytes]) -> bytes:
    """The release's zip, which must hold exactly the release's other files."""
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            folder = path.name.removesuffix(".zip")
            inside = {
                info.filename.removeprefix(f"{folder}/"): archive.read(info)
                for info in archive.infolist()
            }
    except (OSError, zipfile.BadZipFile) as exc:
        raise SourceError(f"{path}: not a readable zip ({exc}); write the release again") from exc
    if inside != contents:
        raise SourceError(
            f"{path}: does not hold the release's files as they are (changed after the "
            "release?); write the release again into a new version"
        )
    return data


class Portal:
    """The CKAN action API at one address, every failure turned into one clear line."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self._token = token
        self._ckan = ckanapi.RemoteCKAN(self.url, apikey=token, user_agent=USER_AGENT)

    def _scrubbed(self, text: str) -> str:
        return text.replace(self._token, "<token>") if self._token else text

    def call(self, action: str, files: dict[str, Any] | None = None, **data: Any) -> Any:
        """The result of one action (files: uploads, as multipart form fields);
        PortalAuthError or PortalError naming what failed."""
        try:
            return self._ckan.call_action(
                action, data, files=files, requests_kwargs={"timeout": TIMEOUT_SECONDS}
            )
        except ckanapi.NotAuthorized as exc:
            raise PortalAuthError(
                f"{self.url}: the portal refused {action} with the token in {TOKEN_VARIABLE} "
                "(wrong or expired token, or its user may not edit this organisation's "
                "datasets); nothing more was changed"
            ) from exc
        except ckanapi.ValidationError as exc:
            raise PortalError(
                f"{self.url}: the portal rejected {action}: {self._scrubbed(_validation_text(exc))}"
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise PortalError(
                f"{self.url}: cannot reach the portal ({_reason(exc)}) during {action}"
            ) from exc
        except ckanapi.CKANAPIError as exc:
            raise PortalError(
                f"{self.url}: the portal failed {action} ({self._scrubbed(_first_line(exc))})"
            ) from exc

    def exists(self, action: str, name: str) -> dict[str, Any] | None:
        """The object `name` (organization_show, package_show), or None when there is none."""
        try:
            found: dict[str, Any] = self._ckan.call_action(
                action, {"id": name}, requests_kwargs={"timeout": TIMEOUT_SECONDS}
            )
        except ckanapi.NotFound:
            return None
        except (ckanapi.CKANAPIError, requests.exceptions.RequestException):
            return self.call(action, id=name)  # the same call, for its one-line error
        return found

    def upload(self, dataset_id: str, file: ReleaseFile, name: str) -> dict[str, Any]:
        """A new resource of the dataset holding the file's bytes, as a CKAN upload."""
        upload = (Path(file.path).name, io.BytesIO(file.data))
        created: dict[str, Any] = self.call(
            "resource_create",
            files={"upload": upload},
            package_id=dataset_id,
            **_metadata(file, name),
        )
        return created

    def download(self, url: str) -> bytes:
        """The bytes the portal serves at url (with the token: a private dataset's files)."""
        try:
            response = requests.get(
                url, headers={"Authorization": self._token}, timeout=TIMEOUT_SECONDS
            )
        except requests.exceptions.RequestException as exc:
            raise PortalError(f"{url}: cannot download it back ({_reason(exc)})") from exc
        if response.status_code != 200:
            raise PortalError(f"{url}: downloading it back answered HTTP {response.status_code}")
        return response.content


def _metadata(file: ReleaseFile, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "description": file.description,
        "format": file.format,
        "mimetype": file.mimetype,
        "size": len(file.data),
        "hash": file.sha256,
    }


def _validation_text(exc: Any) -> str:
    errors = getattr(exc, "error_dict", {}) or {}
    parts = [f"{key}: {value}" for key, value in errors.items() if key != "__type"]
    return "; ".join(parts) or "invalid data"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no answer"


def _reason(exc: requests.exceptions.RequestException) -> str:
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "connection refused or dropped"
    if isinstance(exc, requests.exceptions.Timeout):
        return f"no answer within {TIMEOUT_SECONDS} s"
    return "request failed"


def _same(resource: Mapping[str, Any], file: ReleaseFile, name: str) -> bool:
    """Whether a resource on the portal already is this file under this name."""
    wanted = _metadata(file, name)
    return all(str(resource.get(key)) == str(wanted[key]) for key in RESOURCE_FIELDS)


def _dataset_fields(package: dict[str, Any], organisation: str) -> dict[str, Any]:
    """The dataset's metadata from the release's CKAN record, in the organisation given."""
    fields = {key: value for key, value in package.items() if key != "resources"}
    return fields | {"owner_org": organisation}


def _metadata_matches(dataset: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Whether the dataset on the portal is public and already has every field of the
    release's record (tags and extras compared as sets, the organisation by name or id)."""
    if dataset.get("private"):
        return False
    organisation = (dataset.get("organization") or {}).get("name")
    for key, value in fields.items():
        if key == "owner_org":
            same = value in (organisation, dataset.get("owner_org"))
        elif key == "tags":
            same = {tag["name"] for tag in dataset.get(key, [])} == {t["name"] for t in value}
        elif key == "extras":
            extras = {extra["key"]: extra["value"] for extra in dataset.get(key, [])}
            same = all(extras.get(extra["key"]) == extra["value"] for extra in value)
        else:
            same = dataset.get(key) == value
        if not same:
            return False
    return True


def publish_release(
    folder: Path,
    url: str,
    token: str,
    *,
    organisation: str | None = None,
    on_step: Callable[[str], None] = lambda message: None,
) -> PublishResult:
    """Publish the release in folder to the CKAN portal at url (see the module's docstring)."""
    package, files = _read_release(folder)
    organisation = organisation or package["owner_org"]
    portal = Portal(url, token)
    if portal.exists("organization_show", organisation) is None:
        raise PortalError(
            f"{portal.url}: no organisation {organisation!r}; give the portal's name for it "
            "with --org, or ask the portal's administrators to create it"
        )
    fields = _dataset_fields(package, organisation)
    dataset = portal.exists("package_show", package["name"])
    if dataset is None:
        on_step(f"creating {package['name']} (private until every file is verified)")
        dataset = portal.call("package_create", **(fields | {"private": True, "resources": []}))
    dataset_url = f"{portal.url}/dataset/{dataset['name']}"
    _remove_staging(portal, dataset, on_step)

    current = {
        resource["name"]: resource
        for resource in dataset.get("resources", [])
        if not resource["name"].startswith(STAGING)
    }
    kept = {
        file.path: current[file.name]
        for file in files
        if file.name in current and _same(current[file.name], file, file.name)
    }
    order_unchanged = [resource["name"] for resource in dataset.get("resources", [])] == [
        file.name for file in files
    ]
    if len(kept) == len(files) and order_unchanged and _metadata_matches(dataset, fields):
        _verify(portal, files, {file.path: kept[file.path]["url"] for file in files}, on_step)
        return PublishResult(dataset_url, uploaded=0, unchanged=True)

    staged: dict[str, dict[str, Any]] = {}
    try:
        for file in files:
            if file.path in kept:
                continue
            on_step(f"uploading {file.path}")
            staged[file.path] = portal.upload(dataset["id"], file, STAGING + file.name)
        _verify(portal, files, {path: r["url"] for path, r in staged.items()}, on_step)
    except PortalError as exc:
        _abandon(portal, staged, exc)
    resources = []
    for file in files:
        resource = dict(staged.get(file.path) or kept[file.path])
        resources.append(resource | _metadata(file, file.name))
    on_step("swapping the new files in")
    swapped = portal.call(
        "package_patch", id=dataset["id"], **(fields | {"private": False, "resources": resources})
    )
    by_name = {resource["name"]: resource for resource in swapped["resources"]}
    _verify(portal, files, {file.path: by_name[file.name]["url"] for file in files}, on_step)
    return PublishResult(dataset_url, uploaded=len(staged), unchanged=False)


def _verify(
    portal: Portal,
    files: list[ReleaseFile],
    urls: Mapping[str, str],
    on_step: Callable[[str], None],
) -> None:
    """Download every file at its url and compare its SHA-256 with the release's."""
    for file in files:
        if file.path not in urls:
            continue
        on_step(f"checking {file.path}")
        served = hashlib.sha256(portal.download(urls[file.path])).hexdigest()
        if served != file.sha256:
            raise PortalError(
                f"{urls[file.path]}: the portal serves other bytes than {file.path} "
                f"(sha256 {served}, expected {file.sha256})"
            )


def _remove_staging(
    portal: Portal, dataset: dict[str, Any], on_step: Callable[[str], None]
) -> None:
    """Delete staging resources an earlier, interrupted publish left in the dataset."""
    leftovers = [r for r in dataset.get("resources", []) if r["name"].startswith(STAGING)]
    for resource in leftovers:
        on_step(f"removing {resource['name']!r}, left by an interrupted publish")
        portal.call("resource_delete", id=resource["id"])
    if leftovers:
        dataset["resources"] = [r for r in dataset["resources"] if r not in leftovers]


def _abandon(portal: Portal, staged: Mapping[str, dict[str, Any]], failure: PortalError) -> None:
    """Delete this run's staging uploads, then raise the failure with what to do next."""
    removed = True
    for resource in staged.values():
        try:
            portal.call("resource_delete", id=resource["id"])
        except PortalError:
            removed = False
    left = "" if removed else " (some staging uploads could not be removed)"
    raise type(failure)(
        f"{failure.message}; the portal still shows the previous version{left}: {RETRY}"
    ) from failure
