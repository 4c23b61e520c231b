"""release: a bundle of the committed edition verifies, validates, carries both portal
records, and is the same bytes for the same version and date."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import frictionless
import pytest

from pipeline.cli import main
from pipeline.errors import SourceError
from pipeline.metadata.registry import table_registry
from pipeline.outputs.diff import diff_editions
from pipeline.outputs.release import ReleaseOptions, changelog_entry_present, release
from tests.support.committed import committed_output
from tests.support.paths import ROOT

DATE = datetime.date(2031, 7, 19)  # a date no data file could hold by chance
OPTIONS = ReleaseOptions(version="0.1.0", date=DATE, publisher="Test Publisher")
NAME = table_registry().package.name
FOLDER = f"{NAME}-0.1.0"
TABLES = table_registry().table_names
DATA_FILES = sorted(
    [f"csv/{table}.csv" for table in TABLES]
    + [f"parquet/{table}.parquet" for table in TABLES]
    + ["data_dictionary.csv", "data_dictionary.md"]
    + ["sqlite/safeguarding_early_adopters.sqlite", "xlsx/safeguarding_early_adopters.xlsx"]
)
RECORDS = ["ckan_package.json", "dcat.jsonld"]
DOCUMENTS = ["ATTRIBUTION.md", "CHANGELOG.md", "README.md", "datapackage.json"]
# Every file the portal records describe: all but the checksums and the records themselves.
DESCRIBED = sorted(DATA_FILES + DOCUMENTS)
CKAN_TAG = r"[\w .-]{2,100}"


@pytest.fixture(scope="module")
def out() -> Path:
    return committed_output()


@pytest.fixture(scope="module")
def bundle(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return release(out, OPTIONS, tmp_path_factory.mktemp("release"))


@pytest.fixture(scope="module")
def unpacked(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    return folder / FOLDER


def load(folder: Path, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_bundle_holds_exactly_the_release_files(bundle: Path) -> None:
    assert bundle.name == f"{FOLDER}.zip"
    with zipfile.ZipFile(bundle) as archive:
        infos = archive.infolist()
    expected = sorted(DESCRIBED + RECORDS + ["SHA256SUMS"])
    assert [info.filename for info in infos] == [f"{FOLDER}/{name}" for name in expected]
    for info in infos:
        assert info.date_time == (2031, 7, 19, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644
        assert info.compress_type == zipfile.ZIP_DEFLATED


def test_sha256sum_verifies_every_other_file(unpacked: Path, tmp_path: Path) -> None:
    checked = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=unpacked,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines() == [f"{name}: OK" for name in sorted(DESCRIBED + RECORDS)]

    copy = tmp_path / FOLDER
    shutil.copytree(unpacked, copy)
    with (copy / "csv" / "sites.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,row\n")
    tampered = subprocess.run(
        ["sha256sum", "--check", "SHA256SUMS"], cwd=copy, capture_output=True, check=False
    )
    assert tampered.returncode == 1
    assert b"csv/sites.csv: FAILED" in tampered.stdout


def test_the_datapackage_validates_with_frictionless(unpacked: Path) -> None:
    report = frictionless.validate(unpacked / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_data_files_are_the_builds_and_carry_no_date(out: Path, unpacked: Path) -> None:
    for name in DATA_FILES:
        assert (unpacked / name).read_bytes() == (out / name).read_bytes(), name
    built, released = load(out, "datapackage.json"), load(unpacked, "datapackage.json")
    assert released == built | {"version": "0.1.0", "keywords": released["keywords"]}
    assert released["keywords"] == list(table_registry().package.keywords)
    for name in [*DATA_FILES, "datapackage.json"]:
        assert b"2031" not in (unpacked / name).read_bytes(), name
    for name in ["README.md", *RECORDS]:
        assert "2031-07-19" in (unpacked / name).read_text(encoding="utf-8"), name


def test_an_unzipped_release_diffs_against_its_build_as_unchanged(out: Path, unpacked: Path):
    assert all(d.is_empty for d in diff_editions(out, unpacked).values())


def test_ckan_payload_has_the_required_fields_and_true_sizes(unpacked: Path) -> None:
    package = load(unpacked, "ckan_package.json")
    assert package["name"] == NAME and re.fullmatch(r"[a-z0-9_-]{2,100}", package["name"])
    assert package["title"] == table_registry().package.title
    assert table_registry().package.description in package["notes"]
    assert package["version"] == "0.1.0"
    assert package["license_id"] == "notspecified"  # the publication states no licence
    assert package["owner_org"] == "test-publisher"
    tags = [tag["name"] for tag in package["tags"]]
    assert tags and all(re.fullmatch(CKAN_TAG, tag) for tag in tags)
    assert {"key": "issued", "value": "2031-07-19"} in package["extras"]
    formats = {
        ".csv": "text/csv",
        ".parquet": "application/vnd.apache.parquet",
        ".sqlite": "application/vnd.sqlite3",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    formats |= {".json": "application/json", ".md": "text/markdown"}
    assert sorted(resource["url"] for resource in package["resources"]) == DESCRIBED
    for resource in package["resources"]:
        path = unpacked / resource["url"]
        assert resource["name"] and resource["format"]
        assert resource["mimetype"] == formats[path.suffix]
        assert resource["size"] == path.stat().st_size
        assert resource["hash"] == sha256(path)


def test_dcat_record_describes_the_dataset_and_every_file(unpacked: Path) -> None:
    record = load(unpacked, "dcat.jsonld")
    context = record["@context"]
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["dct"] == "http://purl.org/dc/terms/"
    assert context["spdx"] == "http://spdx.org/rdf/terms#"
    assert record["@type"] == "dcat:Dataset"
    assert record["dct:identifier"] == NAME
    assert record["dct:title"] and record["dct:description"]
    assert record["dct:publisher"]["foaf:name"] == "Test Publisher"
    assert record["dct:issued"] == {"@value": "2031-07-19", "@type": "xsd:date"}
    spatial = record["dct:spatial"]
    assert spatial["@id"].endswith("/E92000001") and spatial["rdfs:label"] == "England"
    assert record["dcat:keyword"] == list(table_registry().package.keywords)
    distributions = record["dcat:distribution"]
    assert sorted(d["dcat:downloadURL"]["@id"] for d in distributions) == DESCRIBED
    for distribution in distributions:
        path = unpacked / distribution["dcat:downloadURL"]["@id"]
        assert distribution["@type"] == "dcat:Distribution"
        assert distribution["dcat:mediaType"]["@id"].startswith(
            "https://www.iana.org/assignments/media-types/"
        )
        assert distribution["dcat:byteSize"]["@value"] == path.stat().st_size
        checksum = distribution["spdx:checksum"]
        assert checksum["spdx:algorithm"]["@id"].endswith("checksumAlgorithm_sha256")
        assert checksum["spdx:checksumValue"] == sha256(path)


def test_the_card_and_attribution_say_what_a_reuser_needs(unpacked: Path) -> None:
    card = (unpacked / "README.md").read_text(encoding="utf-8")
    for heading in ("What it covers", "How it was made", "Known limitations", "How to cite"):
        assert f"\n## {heading}\n" in card
    assert "| `sites` | 17 | site_id |" in card
    assert "states no licence" in card
    attribution = (unpacked / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "5680880ec357386fdd6387046f6acb83df2af49990bb53828e26cbf30f765dcd" in attribution
    assert "National Children’s Bureau" in attribution
    assert "Open Government Licence v3.0" in attribution
    assert (unpacked / "CHANGELOG.md").read_bytes() == (ROOT / "CHANGELOG.md").read_bytes()


def test_the_same_version_and_date_give_the_same_bytes(
    out: Path, bundle: Path, tmp_path: Path
) -> None:
    again = release(out, OPTIONS, tmp_path / "again")
    assert again.read_bytes() == bundle.read_bytes()
    later = ReleaseOptions("0.1.0", DATE + datetime.timedelta(days=1), "Test Publisher")
    other = release(out, later, tmp_path / "later")
    assert other.read_bytes() != bundle.read_bytes()
    with zipfile.ZipFile(bundle) as first, zipfile.ZipFile(other) as second:
        for name in DATA_FILES:
            assert first.read(f"{FOLDER}/{name}") == second.read(f"{FOLDER}/{name}")


def test_base_url_gives_absolute_urls_in_both_records(out: Path, tmp_path: Path) -> None:
    options = ReleaseOptions("0.1.0", DATE, base_url="https://example.org/files/")
    with zipfile.ZipFile(release(out, options, tmp_path)) as archive:
        ckan = json.loads(archive.read(f"{FOLDER}/ckan_package.json"))
        dcat = json.loads(archive.read(f"{FOLDER}/dcat.jsonld"))
    assert sorted(r["url"] for r in ckan["resources"]) == [
        f"https://example.org/files/{name}" for name in DESCRIBED
    ]
    assert {d["dcat:downloadURL"]["@id"] for d in dcat["dcat:distribution"]} == {
        r["url"] for r in ckan["resources"]
    }


def test_cli_release_takes_the_date_from_source_date_epoch(
    out: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1943049600")  # 2031-07-29 00:00 UTC
    assert main(["release", "0.1.0", "--out", str(out), "--dest", str(tmp_path)]) == 0
    assert f"{FOLDER}.zip (0.1.0, 2031-07-29)" in capsys.readouterr().err
    with zipfile.ZipFile(tmp_path / f"{FOLDER}.zip") as archive:
        ckan = json.loads(archive.read(f"{FOLDER}/ckan_package.json"))
    assert {"key": "issued", "value": "2031-07-29"} in ckan["extras"]
    assert ckan["owner_org"] == "replace-with-the-publishing-organisation"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["1.0"], "'1.0' is not a version MAJOR.MINOR.PATCH"),
        (["0.1.0", "--date", "19 July"], "'19 July' is not a date YYYY-MM-DD"),
        (["0.1.0", "--date", "1979-12-31"], "must be in 1980 or later"),
    ],
)
def test_a_bad_version_or_date_is_a_usage_error(arguments, message, tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["release", *arguments, "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_a_version_without_a_changelog_entry_is_refused(out: Path, tmp_path: Path, capsys) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## 0.1.0\n\nThe first release.\n", encoding="utf-8")
    arguments = ["release", "0.2.0", "--out", str(out), "--dest", str(tmp_path / "release")]
    assert main([*arguments, "--changelog", str(changelog)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert 'no entry for 0.2.0; add a "## 0.2.0" section' in err
    assert not (tmp_path / "release").exists()


def test_an_output_changed_after_the_build_is_refused(out: Path, tmp_path: Path) -> None:
    changed = tmp_path / "output"
    shutil.copytree(out, changed)
    with (changed / "csv" / "themes.csv").open("a", encoding="utf-8") as handle:
        handle.write("x,y,z\n")
    with pytest.raises(SourceError, match=r"themes\.csv: differs from the size and sha256"):
        release(changed, OPTIONS, tmp_path / "release")
    assert not (tmp_path / "release").exists()


def test_a_missing_output_folder_is_one_line_and_exit_3(tmp_path: Path, capsys) -> None:
    assert main(["release", "0.1.0", "--out", str(tmp_path / "nowhere")]) == 3
    assert "nowhere: no such folder" in capsys.readouterr().err


def test_changelog_headings_that_name_a_version() -> None:
    assert changelog_entry_present("# Changelog\n\n## 0.1.0\n", "0.1.0")
    assert changelog_entry_present("## [0.1.0] - 2031-07-19\n", "0.1.0")
    assert not changelog_entry_present("## 0.1.01\n", "0.1.0")
    assert not changelog_entry_present("### 0.1.0\n", "0.1.0")
    assert not changelog_entry_present("Since 0.1.0, ...\n", "0.1.0")


def test_make_release_without_version_stops_before_building() -> None:
    environment = {key: value for key, value in os.environ.items() if key != "VERSION"}
    environment.pop("MAKEFLAGS", None)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "release"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "VERSION is required: make release VERSION=x.y.z" in result.stderr
    assert result.stdout == ""
