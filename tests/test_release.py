"""release: releases/VERSION/ of the committed edition verifies, validates, carries both
portal records (the DCAT one conformant with DCAT-AP 3.0.1's official shapes), is the same
bytes for the same version, date and configuration, and is never overwritten."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import frictionless
import pytest
import rdflib

from pipeline.cli import main
from pipeline.errors import ReleaseExistsError, SourceError
from pipeline.metadata.publication import release_facts
from pipeline.metadata.registry import table_registry
from pipeline.outputs.diff import diff_editions
from pipeline.outputs.release import changelog_entry_present, write_release
from tests.support.committed import committed_output
from tests.support.outputs import PIPELINE, snapshot
from tests.support.paths import MANIFEST, ROOT, SHARED
from tests.support.releases import (
    DATE,
    EXAMPLE_CONFIG,
    changelog_for,
    example_config,
    example_options,
    example_release,
)

NAME = table_registry().package.name
PIPELINE_RELEASE = (*PIPELINE, "release", "0.1.0")
ZIP = f"{NAME}-0.1.0.zip"
TABLES = table_registry().table_names
DATA_FILES = sorted(
    [f"csv/{table}.csv" for table in TABLES]
    + [f"parquet/{table}.parquet" for table in TABLES]
    + ["data_dictionary.csv", "data_dictionary.md"]
    + ["sqlite/safeguarding_early_adopters.sqlite", "xlsx/safeguarding_early_adopters.xlsx"]
)
RECORDS = ["ckan_package.json", "dcat.jsonld"]
DOCUMENTS = ["ATTRIBUTION.md", "CHANGELOG.md", "README.md", "datapackage.json"]
# Every file the portal records describe: all but the checksums, the records and the zip.
DESCRIBED = sorted(DATA_FILES + DOCUMENTS)
BASE = "https://example.org/data/safeguarding-early-adopters/releases/0.1.0"
SHAPES = SHARED / "reference" / "dcat-ap-3.0.1"
CKAN_TAG = r"[\w .-]{2,100}"
# What an earlier version of the release wrote where the publisher was not configured.
PLACEHOLDER = "Replace with"


@pytest.fixture(scope="module")
def out() -> Path:
    return committed_output()


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return example_release(tmp_path_factory.mktemp("release") / "releases").folder


def load(folder: Path, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dcat_graph(path: Path) -> rdflib.Graph:
    """The JSON-LD file as an RDF graph. rdflib's JSON-LD parser uses its own deprecated
    ConjunctiveGraph inside (rdflib 7.6); only that warning is let through."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(path, format="json-ld")


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_release_folder_holds_exactly_the_release_files_and_their_zip(released: Path):
    assert released.name == "0.1.0"
    assert files_of(released) == sorted([*DESCRIBED, *RECORDS, "SHA256SUMS", ZIP])
    with zipfile.ZipFile(released / ZIP) as archive:
        infos = archive.infolist()
        for info in infos:
            inside = info.filename.removeprefix(f"{NAME}-0.1.0/")
            assert archive.read(info) == (released / inside).read_bytes(), inside
    assert [info.filename for info in infos] == [
        f"{NAME}-0.1.0/{name}" for name in sorted([*DESCRIBED, *RECORDS, "SHA256SUMS"])
    ]
    for info in infos:
        assert info.date_time == (2031, 7, 19, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644
        assert info.compress_type == zipfile.ZIP_DEFLATED


def test_sha256sum_verifies_every_other_file(released: Path, tmp_path: Path) -> None:
    checked = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=released,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines() == [f"{name}: OK" for name in sorted(DESCRIBED + RECORDS)]

    copy = tmp_path / "0.1.0"
    shutil.copytree(released, copy)
    with (copy / "csv" / "sites.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,row\n")
    tampered = subprocess.run(
        ["sha256sum", "--check", "SHA256SUMS"], cwd=copy, capture_output=True, check=False
    )
    assert tampered.returncode == 1
    assert b"csv/sites.csv: FAILED" in tampered.stdout


def test_the_datapackage_validates_with_frictionless(released: Path) -> None:
    report = frictionless.validate(released / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_data_files_are_the_builds_and_carry_no_date(out: Path, released: Path) -> None:
    for name in DATA_FILES:
        assert (released / name).read_bytes() == (out / name).read_bytes(), name
    built, release = load(out, "datapackage.json"), load(released, "datapackage.json")
    assert release == built | {"version": "0.1.0", "keywords": release["keywords"]}
    assert release["keywords"] == list(table_registry().package.keywords)
    for name in [*DATA_FILES, "datapackage.json"]:
        assert b"2031" not in (released / name).read_bytes(), name
    for name in ["README.md", *RECORDS]:
        assert "2031-07-19" in (released / name).read_text(encoding="utf-8"), name


def test_a_release_folder_diffs_against_its_build_as_unchanged(out: Path, released: Path):
    assert all(d.is_empty for d in diff_editions(out, released).values())


def test_no_release_file_holds_placeholder_text(released: Path) -> None:
    for name in [*DOCUMENTS, *RECORDS]:
        text = (released / name).read_text(encoding="utf-8")
        assert PLACEHOLDER not in text and "TODO" not in text, name
        assert "Example Data Office" in text or name in ("CHANGELOG.md", "datapackage.json")


def test_ckan_payload_has_the_configured_fields_and_true_sizes(released: Path) -> None:
    package = load(released, "ckan_package.json")
    config = example_config()
    assert package["name"] == NAME and re.fullmatch(r"[a-z0-9_-]{2,100}", package["name"])
    assert package["title"] == table_registry().package.title
    assert table_registry().package.description in package["notes"]
    assert package["version"] == "0.1.0"
    assert package["license_id"] == "uk-ogl"
    assert package["owner_org"] == "example-data-office"
    assert package["url"] == config.dataset.landing_page
    assert package["maintainer_email"] == "opendata@example.org"
    names = [resource["name"] for resource in package["resources"]]
    assert len(set(names)) == len(names)  # the portal tells resources apart by name
    assert names[:2] == ["Source documents (CSV)", "Early Adopter sites (CSV)"]
    assert "Early Adopter sites (Parquet)" in names
    tags = [tag["name"] for tag in package["tags"]]
    assert tags and all(re.fullmatch(CKAN_TAG, tag) for tag in tags)
    extras = {extra["key"]: extra["value"] for extra in package["extras"]}
    assert extras["issued"] == "2031-07-19"
    assert extras["uri"] == BASE
    assert extras["spatial_uri"].endswith("/E92000001")
    assert (extras["temporal_start"], extras["temporal_end"]) == ("2018-04-01", "2019-09-30")
    media = {".csv": "text/csv", ".parquet": "application/vnd.apache.parquet"}
    media |= {".json": "application/json", ".md": "text/markdown"}
    media |= {".sqlite": "application/vnd.sqlite3"}
    media |= {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    assert sorted(resource["url"] for resource in package["resources"]) == [
        f"{BASE}/{name}" for name in DESCRIBED
    ]
    for resource in package["resources"]:
        path = released / resource["url"].removeprefix(f"{BASE}/")
        assert resource["name"] and resource["format"]
        assert resource["mimetype"] == media[path.suffix]
        assert resource["size"] == path.stat().st_size
        assert resource["hash"] == sha256(path)


def test_dcat_record_round_trips_through_rdflib_with_every_file(released: Path) -> None:
    graph = dcat_graph(released / "dcat.jsonld")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.namespace.DCTERMS
    spdx = rdflib.Namespace("http://spdx.org/rdf/terms#")
    datasets = list(graph.subjects(rdflib.RDF.type, dcat.Dataset))
    assert datasets == [rdflib.URIRef(BASE)]  # the dataset's @id: BASE_URL/VERSION
    dataset = datasets[0]
    assert str(graph.value(dataset, dct.identifier)) == NAME
    assert str(graph.value(dataset, dcat.version)) == "0.1.0"
    assert graph.value(dataset, dct.issued).toPython() == datetime.date(2031, 7, 19)
    publisher = graph.value(dataset, dct.publisher)
    assert publisher == rdflib.URIRef("https://example.org/")
    assert str(graph.value(publisher, rdflib.namespace.FOAF.name)) == "Example Data Office"
    assert str(graph.value(dataset, dct.spatial)).endswith("/E92000001")
    assert sorted(map(str, graph.objects(dataset, dcat.keyword))) == sorted(
        table_registry().package.keywords
    )
    urls = {}
    for distribution in graph.objects(dataset, dcat.distribution):
        url = str(graph.value(distribution, dcat.downloadURL))
        path = released / url.removeprefix(f"{BASE}/")
        urls[url] = path
        assert graph.value(distribution, dcat.byteSize).toPython() == path.stat().st_size
        checksum = graph.value(distribution, spdx.checksum)
        value = graph.value(checksum, spdx.checksumValue)
        assert value.datatype == rdflib.XSD.hexBinary
        assert str(value) == sha256(path)
        assert graph.value(distribution, dct.license) == rdflib.URIRef(
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
        )
    assert sorted(urls) == [f"{BASE}/{name}" for name in DESCRIBED]
    # Nothing resolved against a file: every IRI is absolute in the file itself.
    assert not [node for node in graph.all_nodes() if str(node).startswith("file:")]


@pytest.mark.parametrize(
    ("shapes", "severity"),
    [
        ("dcat-ap-SHACL.ttl", "Violation"),
        ("shapes.ttl", "Violation"),
        ("range.ttl", "Violation"),
        ("shapes_recommended.ttl", "Warning"),
    ],
)
def test_dcat_record_conforms_to_the_dcat_ap_3_shapes(released: Path, shapes: str, severity):
    if not SHAPES.is_dir():
        pytest.skip(f"the DCAT-AP 3.0.1 shapes are not beside the checkout ({SHAPES})")
    import pyshacl

    data = dcat_graph(released / "dcat.jsonld")
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=rdflib.Graph().parse(SHAPES / shapes), allow_warnings=False
    )
    found = list(results.subjects(rdflib.RDF.type, rdflib.Namespace(rdflib.SH)["ValidationResult"]))
    assert (conforms, len(found)) == (True, 0), f"{severity}s from {shapes}:\n{text}"


def test_the_card_and_attribution_say_what_a_reuser_needs(released: Path) -> None:
    card = (released / "README.md").read_text(encoding="utf-8")
    for heading in ("What it covers", "Files", "How it was made", "Known limitations"):
        assert f"\n## {heading}\n" in card
    for heading in ("Contact", "How to cite"):
        assert f"\n## {heading}\n" in card
    assert "| `sites` | 17 | site_id |" in card
    assert "Version 0.1.0, released 2031-07-19 by Example Data Office under the Open " in card
    assert release_facts()["source_rights"] in card
    assert "Coverage: England, 2018-04-01 to 2019-09-30." in card
    assert f"- `{ZIP}`: Every file of the release in one zip." in card
    attribution = (released / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "5680880ec357386fdd6387046f6acb83df2af49990bb53828e26cbf30f765dcd" in attribution
    assert "National Children’s Bureau" in attribution
    assert release_facts()["ons"]["attribution"] in attribution
    for column in release_facts()["ons"]["columns"]:
        assert f"`{column}`" in attribution
    assert (released / "CHANGELOG.md").read_bytes() == changelog_for(
        "0.1.0", released.parents[1]
    ).read_bytes()


def test_the_same_release_again_is_a_no_op_and_other_bytes_are_refused(
    released: Path, out: Path
) -> None:
    releases = released.parent
    before = snapshot(releases)
    again = write_release(
        out, example_options(), releases, changelog=released / "CHANGELOG.md", manifest=MANIFEST
    )
    assert again.unchanged and again.folder == released
    assert snapshot(releases) == before

    later = example_options(date=DATE + datetime.timedelta(days=1))
    with pytest.raises(ReleaseExistsError) as refused:
        write_release(out, later, releases, changelog=released / "CHANGELOG.md", manifest=MANIFEST)
    assert refused.value.message == (
        f"{released}: release 0.1.0 was written before, and this one differs in README.md, "
        f"SHA256SUMS, ckan_package.json, dcat.jsonld and 1 more; a release is never "
        "overwritten: give a new VERSION (or the first one's RELEASE_DATE, when only the "
        "date differs)"
    )
    assert snapshot(releases) == before


def test_cli_release_reads_the_config_and_takes_the_date_from_source_date_epoch(
    out: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1943049600")  # 2031-07-29 00:00 UTC
    changelog = changelog_for("0.1.0", tmp_path)
    arguments = ["release", "0.1.0", "--out", str(out), "--dest", str(tmp_path / "releases")]
    arguments += ["--config", str(EXAMPLE_CONFIG), "--changelog", str(changelog)]
    assert main(arguments) == 0
    folder = tmp_path / "releases" / "0.1.0"
    assert capsys.readouterr().err == f"released {folder} (0.1.0, 2031-07-29)\n"
    ckan = load(folder, "ckan_package.json")
    assert {"key": "issued", "value": "2031-07-29"} in ckan["extras"]
    assert main(arguments) == 0
    assert capsys.readouterr().err == f"{folder}: release 0.1.0 is already there, unchanged\n"


def config_without(tmp_path: Path, line_start: str) -> Path:
    lines = EXAMPLE_CONFIG.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(line_start)]
    assert len(kept) == len(lines) - 1, line_start
    path = tmp_path / "release.toml"
    path.write_text("".join(kept), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("removed", "message"),
    [
        ("email = ", "release.toml: [contact] email is missing; add it to release.toml"),
        ("base_url = ", "release.toml: [dataset] base_url is missing; add it to release.toml"),
        ('name = "Example Data Office"', "[publisher] name is missing"),
        ("start = ", "[coverage] start is missing"),
    ],
)
def test_a_missing_configuration_key_is_one_line_naming_it_and_exit_13(
    out: Path, tmp_path: Path, capsys, removed: str, message: str
) -> None:
    config = config_without(tmp_path, removed)
    arguments = ["release", "0.1.0", "--out", str(out), "--dest", str(tmp_path / "releases")]
    assert main([*arguments, "--config", str(config)]) == 13
    err = capsys.readouterr().err
    assert err.startswith(f"error: {config}: ") and err.count("\n") == 1
    assert message in err
    assert "(release.example.toml shows every key)" in err
    assert not (tmp_path / "releases").exists()


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ('email = "opendata@example.org"', 'email = "nobody"', "is not an email address"),
        (
            'ckan_organisation = "example-data-office"',
            'ckan_organisation = "Example Office"',
            "is not a CKAN name",
        ),
        ("end = 2019-09-30", 'end = "soon"', "[coverage] end = 'soon' is not a date"),
        ("[coverage]", "[coverage]\nextent = 1", "unknown key [coverage] extent"),
    ],
)
def test_a_bad_configuration_value_is_refused(tmp_path: Path, out: Path, replace, by, message):
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    assert replace in text
    config = tmp_path / "release.toml"
    config.write_text(text.replace(replace, by), encoding="utf-8")
    result = subprocess.run(
        [
            *PIPELINE_RELEASE,
            "--out",
            str(out),
            "--dest",
            str(tmp_path / "r"),
            "--config",
            str(config),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 13
    assert result.stderr.startswith(f"error: {config}: ") and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_a_missing_configuration_file_says_to_copy_the_example(out: Path, tmp_path: Path, capsys):
    missing = tmp_path / "release.toml"
    assert main(["release", "0.1.0", "--out", str(out), "--config", str(missing)]) == 13
    assert capsys.readouterr().err == (
        f"error: {missing}: no such file; copy release.example.toml to release.toml and put "
        "your organisation's values in (or name another file with RELEASE_CONFIG=FILE)\n"
    )


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
    arguments = ["release", "0.2.0", "--out", str(out), "--dest", str(tmp_path / "releases")]
    arguments += ["--config", str(EXAMPLE_CONFIG)]
    assert main([*arguments, "--changelog", str(changelog)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert 'no entry for 0.2.0; add a "## 0.2.0" section' in err
    assert not (tmp_path / "releases").exists()


def test_an_output_changed_after_the_build_is_refused(out: Path, tmp_path: Path) -> None:
    changed = tmp_path / "output"
    shutil.copytree(out, changed)
    with (changed / "csv" / "themes.csv").open("a", encoding="utf-8") as handle:
        handle.write("x,y,z\n")
    with pytest.raises(SourceError, match=r"themes\.csv: differs from the size and sha256"):
        write_release(changed, example_options(), tmp_path / "releases", manifest=MANIFEST)
    assert not (tmp_path / "releases").exists()


def test_a_missing_output_folder_is_one_line_and_exit_3(tmp_path: Path, capsys) -> None:
    arguments = ["release", "0.1.0", "--out", str(tmp_path / "nowhere")]
    assert main([*arguments, "--config", str(EXAMPLE_CONFIG)]) == 3
    assert "nowhere: no such folder" in capsys.readouterr().err


def test_changelog_headings_that_name_a_version() -> None:
    assert changelog_entry_present("# Changelog\n\n## 0.1.0\n", "0.1.0")
    assert changelog_entry_present("## [0.1.0] - 2031-07-19\n", "0.1.0")
    assert not changelog_entry_present("## 0.1.01\n", "0.1.0")
    assert not changelog_entry_present("### 0.1.0\n", "0.1.0")
    assert not changelog_entry_present("Since 0.1.0, ...\n", "0.1.0")


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        ("release", "VERSION is required: make release VERSION=x.y.z"),
        ("publish", "CKAN_URL is required: make publish CKAN_URL=https://your-portal"),
    ],
)
def test_make_release_and_publish_stop_before_building_without_their_variable(goal, message):
    environment = {key: value for key, value in os.environ.items() if key != "VERSION"}
    environment.pop("MAKEFLAGS", None)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), goal],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_releases_are_kept_outside_the_output_and_out_of_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "releases/" in ignored and "output/" in ignored
