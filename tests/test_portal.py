"""publish: a release goes to a real CKAN 2.11 portal (tests/portal/) through the command a
publisher types, and the portal always shows one whole version.

Each test asks for the state it starts from, so each stands alone: `empty_portal` purges the
dataset (a first publish, a refused token), `portal_at_first` publishes 0.1.0 over
whatever the portal holds (publishing is idempotent: only files the portal does not hold
yet are uploaded). The tests are ordered so that those states follow each other cheaply.
They share one portal, started once per worker, so they stay in one module: `make test`
runs a module in one worker (--dist loadfile), one test after another.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import ckanapi
import pytest
import requests

from pipeline.errors import SourceError
from pipeline.metadata.registry import table_registry
from pipeline.outputs.portal import newest_release, publish_release
from tests.portal.ckan_portal import RunningPortal, free_port
from tests.support.outputs import PIPELINE
from tests.support.paths import ROOT
from tests.support.proxy import breaking_proxy
from tests.support.releases import example_config, example_release

NAME = table_registry().package.name
ORGANISATION = example_config().publisher.ckan_organisation
FIRST, SECOND = "0.1.0", "0.2.0"
# Every file of a release is a resource: the files datapackage.json lists (tables,
# dictionary, database, workbook), the four documents, two records, checksums and the zip.
RESOURCES = len(table_registry().table_names) * 2 + 2 + 2 + 4 + 2 + 1 + 1


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("publishing") / "releases"
    example_release(folder, FIRST)
    example_release(folder, SECOND)
    return folder


@pytest.fixture
def sysadmin(ckan_portal: RunningPortal) -> ckanapi.RemoteCKAN:
    return ckanapi.RemoteCKAN(ckan_portal.url, apikey=ckan_portal.token)


@pytest.fixture
def organised_portal(ckan_portal: RunningPortal, sysadmin: ckanapi.RemoteCKAN) -> RunningPortal:
    """The portal with the publisher's organisation (created when it has none)."""
    try:
        sysadmin.action.organization_show(id=ORGANISATION)
    except ckanapi.NotFound:
        sysadmin.action.organization_create(name=ORGANISATION, title="Example Data Office")
    return ckan_portal


@pytest.fixture
def empty_portal(organised_portal: RunningPortal, sysadmin: ckanapi.RemoteCKAN) -> RunningPortal:
    """The portal with the publisher's organisation and without the dataset."""
    with contextlib.suppress(ckanapi.NotFound):
        sysadmin.action.dataset_purge(id=NAME)
    return organised_portal


@pytest.fixture
def portal_at_first(
    organised_portal: RunningPortal, sysadmin: ckanapi.RemoteCKAN, releases: Path
) -> RunningPortal:
    """The portal showing release 0.1.0, whole and public, whatever it held before:
    published by the command's own function, which uploads only what the portal does not
    hold yet (nothing when it shows 0.1.0 already, the changed files when it shows 0.2.0)."""
    publish_release(releases / FIRST, organised_portal.url, organised_portal.token)
    assert published(sysadmin)["version"] == FIRST
    return organised_portal


def publish(
    url: str, release: Path, token: str | None, *extra: str
) -> subprocess.CompletedProcess[str]:
    """`python -m pipeline publish --ckan URL --release DIR` with $CKAN_API_TOKEN = token."""
    environment = {key: value for key, value in os.environ.items() if key != "CKAN_API_TOKEN"}
    if token is not None:
        environment["CKAN_API_TOKEN"] = token
    return subprocess.run(
        [*PIPELINE, "publish", "--ckan", url, "--release", str(release), *extra],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def published(sysadmin: ckanapi.RemoteCKAN) -> dict[str, Any]:
    dataset: dict[str, Any] = sysadmin.action.package_show(id=NAME)
    return dataset


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assert_serves(dataset: dict[str, Any], folder: Path) -> None:
    """Every resource downloads (anonymously: the dataset is public) as the release file it
    names, and nothing of the release is missing."""
    files = {
        path.relative_to(folder).as_posix(): path for path in folder.rglob("*") if path.is_file()
    }
    assert len(dataset["resources"]) == len(files) == RESOURCES
    served = set()
    for resource in dataset["resources"]:
        data = requests.get(resource["url"], timeout=60).content
        assert resource["url_type"] == "upload"
        assert resource["hash"] == sha256(data), resource["name"]
        matches = [path for path, file in files.items() if file.read_bytes() == data]
        assert matches, f"{resource['name']}: serves bytes of no release file"
        served.update(matches)
    assert served == set(files)


def test_a_wrong_or_missing_token_is_refused_and_nothing_is_created(
    empty_portal: RunningPortal, sysadmin: ckanapi.RemoteCKAN, releases: Path
) -> None:
    wrong = "not-a-token-" + "x" * 40
    result = publish(empty_portal.url, releases / FIRST, wrong)
    assert result.returncode == 16
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "the portal refused package_create with the token in CKAN_API_TOKEN" in result.stderr
    assert wrong not in result.stdout + result.stderr
    debugging = publish(empty_portal.url, releases / FIRST, wrong, "--debug")
    assert debugging.returncode == 16 and "Traceback" in debugging.stderr
    assert wrong not in debugging.stdout + debugging.stderr

    missing = publish(empty_portal.url, releases / FIRST, None)
    assert missing.returncode == 16
    assert missing.stderr == (
        "error: no API token: set CKAN_API_TOKEN to a token of a portal user who may edit the "
        "organisation's datasets (the portal's user page, API Tokens)\n"
    )
    with pytest.raises(ckanapi.NotFound):
        sysadmin.action.package_show(id=NAME)


def test_the_first_publish_creates_the_dataset_with_every_file_verified(
    empty_portal: RunningPortal, sysadmin: ckanapi.RemoteCKAN, releases: Path
) -> None:
    result = publish(empty_portal.url, releases / FIRST, empty_portal.token)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"published {empty_portal.url}/dataset/{NAME}: {RESOURCES} files uploaded and verified\n"
    )
    dataset = published(sysadmin)
    record = json.loads((releases / FIRST / "ckan_package.json").read_text(encoding="utf-8"))
    assert dataset["private"] is False
    assert dataset["organization"]["name"] == ORGANISATION
    for key in ("title", "notes", "version", "license_id", "url", "maintainer_email"):
        assert dataset[key] == record[key], key
    assert dataset["version"] == FIRST and dataset["license_id"] == "uk-ogl"
    assert sorted(tag["name"] for tag in dataset["tags"]) == sorted(
        tag["name"] for tag in record["tags"]
    )
    names = [resource["name"] for resource in dataset["resources"]]
    assert names[: len(record["resources"])] == [r["name"] for r in record["resources"]]
    assert names[len(record["resources"]) :] == [
        "DCAT-AP record",
        "CKAN record",
        "Checksums",
        "All files (zip)",
    ]
    assert_serves(dataset, releases / FIRST)
    assert empty_portal.token not in result.stdout + result.stderr


def test_publishing_the_same_release_again_changes_nothing(
    portal_at_first: RunningPortal, sysadmin: ckanapi.RemoteCKAN, releases: Path
) -> None:
    before = published(sysadmin)
    activities = sysadmin.action.package_activity_list(id=NAME, limit=100)

    again = publish(portal_at_first.url, releases / FIRST, portal_at_first.token)

    assert again.returncode == 0, again.stderr
    assert (
        again.stderr
        == f"{portal_at_first.url}/dataset/{NAME}: already holds this release; nothing changed\n"
    )
    assert published(sysadmin) == before
    assert sysadmin.action.package_activity_list(id=NAME, limit=100) == activities


def test_ckanext_dcat_reads_the_published_dcat_record(
    portal_at_first: RunningPortal, sysadmin: ckanapi.RemoteCKAN, releases: Path, tmp_path: Path
) -> None:
    record = next(r for r in published(sysadmin)["resources"] if r["name"] == "DCAT-AP record")
    downloaded = tmp_path / "dcat.jsonld"
    downloaded.write_bytes(requests.get(record["url"], timeout=60).content)

    datasets = json.loads(portal_at_first.ckan("dcat", "consume", "-f", "json-ld", str(downloaded)))

    assert len(datasets) == 1
    dataset = datasets[0]
    config = example_config()
    assert dataset["title"] == table_registry().package.title
    assert dataset["version"] == FIRST
    assert dataset["license_id"] == "uk-ogl"  # CKAN's id of the licence URI
    extras = {extra["key"]: extra["value"] for extra in dataset["extras"]}
    assert extras["uri"] == config.release_url(FIRST)
    package = json.loads((releases / FIRST / "ckan_package.json").read_text(encoding="utf-8"))
    described = {resource["url"]: resource for resource in package["resources"]}
    assert {resource["url"] for resource in dataset["resources"]} == set(described)
    for resource in dataset["resources"]:
        expected = described[resource["url"]]
        assert resource["name"] == expected["name"]
        assert resource["format"] == expected["format"]  # "CSV", "Parquet", ...
        assert resource["size"] == expected["size"]
        assert resource["hash"] == expected["hash"]


def test_a_new_version_updates_the_dataset_and_uploads_only_changed_files(
    portal_at_first: RunningPortal, sysadmin: ckanapi.RemoteCKAN, releases: Path
) -> None:
    first = {resource["name"]: resource for resource in published(sysadmin)["resources"]}

    result = publish(portal_at_first.url, releases / SECOND, portal_at_first.token)

    assert result.returncode == 0, result.stderr
    dataset = published(sysadmin)
    assert dataset["version"] == SECOND
    second = {resource["name"]: resource for resource in dataset["resources"]}
    assert list(second) == list(first)  # the same resources, by name, in the same order
    # The tables are the same bytes in both versions: their resources are kept as they were;
    # the documents and records name the version, so they are new uploads.
    unchanged = {name for name in first if first[name]["hash"] == second[name]["hash"]}
    assert {name for name in unchanged if second[name]["id"] == first[name]["id"]} == unchanged
    changed = set(first) - unchanged
    assert {"Dataset card", "Changelog", "DCAT-AP record", "All files (zip)"} <= changed
    assert f"{len(changed)} files uploaded and verified" in result.stderr
    for name in changed:
        assert second[name]["id"] != first[name]["id"]
        assert requests.get(first[name]["url"], timeout=60).status_code == 404, name
    assert_serves(dataset, releases / SECOND)


def test_an_upload_failing_half_way_leaves_the_previous_version_visible(
    portal_at_first: RunningPortal, sysadmin: ckanapi.RemoteCKAN, releases: Path
) -> None:
    before = published(sysadmin)

    with breaking_proxy(portal_at_first.url, "resource_create", failing_call=4) as proxy:
        result = publish(proxy, releases / SECOND, portal_at_first.token)

    assert result.returncode == 15
    assert result.stderr.startswith(f"error: {proxy}: cannot reach the portal")
    assert result.stderr.endswith(
        "the portal still shows the previous version: run the same publish command again: "
        "it finishes the job and changes nothing twice\n"
    )
    after = published(sysadmin)
    assert after["version"] == FIRST
    assert [(r["id"], r["name"], r["hash"]) for r in after["resources"]] == [
        (r["id"], r["name"], r["hash"]) for r in before["resources"]
    ]
    assert_serves(after, releases / FIRST)

    again = publish(portal_at_first.url, releases / SECOND, portal_at_first.token)
    assert again.returncode == 0, again.stderr
    assert published(sysadmin)["version"] == SECOND
    assert not [r for r in published(sysadmin)["resources"] if r["name"].startswith("[staging]")]


def test_a_portal_that_is_down_is_one_line_and_exit_15(releases: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = publish(url, releases / FIRST, "a-token-nobody-sees")
    assert result.returncode == 15
    assert result.stderr == (
        f"error: {url}: cannot reach the portal (connection refused or dropped) during "
        "organization_show\n"
    )


def test_a_release_changed_after_it_was_written_is_refused_before_the_portal_is_asked(
    releases: Path, tmp_path: Path
) -> None:
    changed = tmp_path / FIRST
    shutil.copytree(releases / FIRST, changed)
    with (changed / "csv" / "sites.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,row\n")
    result = publish(f"http://127.0.0.1:{free_port()}", changed, "a-token")
    assert result.returncode == 3
    assert result.stderr == (
        f"error: {changed}/csv/sites.csv: differs from SHA256SUMS (changed after the "
        "release?); write the release again into a new version\n"
    )


def test_publish_takes_the_highest_version_by_default(tmp_path: Path) -> None:
    for version in ("0.2.0", "0.10.0", "0.9.1", "notes"):
        (tmp_path / version).mkdir()
    assert newest_release(tmp_path) == tmp_path / "0.10.0"
    with pytest.raises(SourceError, match="no release to publish; write one with `make release"):
        newest_release(tmp_path / "none")


def test_a_zip_that_is_not_the_releases_files_is_refused(releases: Path, tmp_path: Path):
    changed = tmp_path / FIRST
    shutil.copytree(releases / FIRST, changed)
    archive = changed / f"{NAME}-{FIRST}.zip"
    archive.write_bytes((releases / SECOND / f"{NAME}-{SECOND}.zip").read_bytes())
    result = publish(f"http://127.0.0.1:{free_port()}", changed, "a-token")
    assert result.returncode == 3
    assert result.stderr == (
        f"error: {archive}: does not hold the release's files as they are (changed after the "
        "release?); write the release again into a new version\n"
    )
