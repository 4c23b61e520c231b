"""serve: the published SQLite database with the registry as Datasette metadata, served on
loopback and read back over HTTP (rows in printed order, full-text search, the link from
sites to regions, facets)."""

from __future__ import annotations

import csv
import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.metadata.registry import table_registry
from pipeline.outputs.serve import database_name, is_loopback, write_portal
from tests.support.command import run_cli
from tests.support.committed import committed_output
from tests.support.outputs import PIPELINE
from tests.support.paths import ROOT

STARTUP_SECONDS = 30
# Loopback requests must not go through an HTTP proxy the environment may name.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def out() -> Path:
    return committed_output()


def published(out: Path, table: str) -> list[dict[str, str]]:
    with (out / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_text(value: object) -> str:
    """A value read back from SQLite or JSON, as the CSV files write it."""
    return "" if value is None else str(value)


def test_metadata_carries_the_registry(out: Path, tmp_path: Path) -> None:
    database, metadata_path = write_portal(out, tmp_path)
    assert database == out / "sqlite" / "safeguarding_early_adopters.sqlite"
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    assert "no licence" in metadata["license"] and "Open Government Licence" in metadata["license"]
    assert "National Children’s Bureau" in metadata["source"]
    assert metadata["source_url"] == published(out, "documents")[0]["source_url"]
    tables = metadata["databases"][database_name()]["tables"]
    assert list(tables) == table_registry().table_names
    for table in table_registry().tables:
        assert tables[table.name]["title"] == table.title
        assert tables[table.name]["description"] == table.description
        assert tables[table.name]["columns"] == {c.name: c.description for c in table.columns}
        assert "license" not in tables[table.name]  # the licence once, for the whole dataset
    assert tables["sites"] | {"columns": None} == {
        "title": "Early Adopter sites",
        "description": table_registry().table("sites").description,
        "columns": None,
        "facets": ["region"],
        "sort": "page_start",
        "label_column": "site_name",
        "fts_table": "sites_fts",
        "fts_pk": "rowid",
    }
    assert tables["approaches"]["facets"] == ["theme_id", "theme_link", "list_style"]
    assert (tables["approaches"]["sort"], tables["approaches"]["fts_table"]) == (
        "page",
        "approaches_fts",
    )


def test_a_database_changed_after_the_build_is_refused(out_dir: Path, tmp_path: Path, capsys):
    database = out_dir / "sqlite" / "safeguarding_early_adopters.sqlite"
    database.write_bytes(database.read_bytes() + b"\0")
    assert main(["serve", "--out", str(out_dir), "--portal-dir", str(tmp_path / "p")]) == 3
    assert "differs from the size and sha256 in datapackage.json" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_a_folder_that_build_did_not_write_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["serve", "--out", str(tmp_path), "--portal-dir", str(tmp_path / "p")]) == 3
    assert "no readable datapackage.json" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_make_serve_is_loopback_by_default_and_takes_a_port() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-C", str(ROOT), "serve", "SERVE_PORT=8123"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.splitlines()[-1].endswith(
        "-m pipeline serve --out output --host 127.0.0.1 --port 8123"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> bytes:
    with OPENER.open(url, timeout=10) as response:
        return response.read()


class ColumnDescriptions(HTMLParser):
    """The data-column-description of every column header on a Datasette table page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "th" and "data-column-description" in attributes:
            self.found[attributes["data-column"] or ""] = (
                attributes["data-column-description"] or ""
            )


@pytest.fixture
def server(out: Path, tmp_path: Path) -> Iterator[str]:
    """`python -m pipeline serve` on a free loopback port; its base URL once it answers."""
    port = free_port()
    log = tmp_path / "serve.log"
    command = [*PIPELINE, "serve", "--out", str(out)]
    command += ["--portal-dir", str(tmp_path / "portal"), "--port", str(port)]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                get(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Datasette did not answer:\n{log.read_text(errors='replace')}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    assert f"Uvicorn running on http://127.0.0.1:{port}" in log.read_text(errors="replace")


def api(server: str, path: str) -> object:
    return json.loads(get(f"{server}/{database_name()}/{path}"))


def test_datasette_serves_the_published_rows_in_printed_order_with_descriptions(
    out: Path, server: str
) -> None:
    sites = table_registry().table("sites")
    rows = api(server, "sites.json?_shape=array&_size=max")
    assert [{k: as_text(v) for k, v in row.items()} for row in rows] == published(out, "sites")
    approaches = api(server, "approaches.json?_shape=array&_size=max&_col=approach_id")
    order = {row["site_id"]: n for n, row in enumerate(published(out, "sites"))}
    printed = sorted(
        published(out, "approaches"),
        key=lambda row: (order[row["site_id"]], int(row["section_order"]), int(row["item_order"])),
    )
    assert [row["approach_id"] for row in approaches] == [row["approach_id"] for row in printed]

    page = ColumnDescriptions()
    page.feed(get(f"{server}/{database_name()}/sites").decode("utf-8"))
    descriptions = {column.name: column.description for column in sites.columns}
    # The key column heads the row links, which Datasette 0.65 draws without a description.
    assert page.found == {name: text for name, text in descriptions.items() if name != "site_id"}


def test_datasette_searches_the_approaches_in_full_text(out: Path, server: str) -> None:
    found = api(server, "approaches.json?_search=scrutiny&_shape=array&_size=max&_col=approach_id")
    expected = [
        row["approach_id"]
        for row in published(out, "approaches")
        if "scrutiny" in (row["item_text"] + " " + row["section_heading"]).lower()
    ]
    assert sorted(row["approach_id"] for row in found) == sorted(expected)
    assert len(expected) > 3
    sites = api(server, "sites.json?_search=staffordshire&_shape=array&_col=site_id")
    assert [row["site_id"] for row in sites] == ["stoke-on-trent-staffordshire"]


def test_datasette_links_sites_to_their_region(out: Path, server: str) -> None:
    rows = api(server, "sites.json?_labels=on&_shape=array&_size=max")
    regions = {row["region_code"]: row["region_name"] for row in published(out, "regions")}
    for row, site in zip(rows, published(out, "sites"), strict=True):
        assert row["region_code"] == {
            "value": site["region_code"],
            "label": regions[site["region_code"]],
        }
    page = get(f"{server}/{database_name()}/sites").decode("utf-8")
    assert f'href="/{database_name()}/regions/E12000002"' in page  # North West


def test_datasette_counts_the_sites_of_each_region(out: Path, server: str) -> None:
    facet = api(server, "sites.json?_size=0")["facet_results"]["region"]["results"]
    counts = Counter(row["region"] for row in published(out, "sites"))
    assert {result["value"]: result["count"] for result in facet} == counts
    themes = api(server, "approaches.json?_size=0")["facet_results"]["theme_link"]["results"]
    links = Counter(row["theme_link"] for row in published(out, "approaches") if row["theme_link"])
    assert {result["value"]: result["count"] for result in themes if result["value"]} == links


def test_a_port_in_use_is_one_line_before_anything_is_written(
    out_dir: Path, tmp_path: Path
) -> None:
    portal = tmp_path / "portal"
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run_cli(
            "serve", "--out", str(out_dir), "--portal-dir", str(portal), "--port", str(port)
        )

    assert result.returncode == 17
    assert result.stderr == (
        f"error: cannot listen on 127.0.0.1:{port} (Address already in use); stop what uses the "
        "port or choose another with --port (or --host)\n"
    )
    assert not portal.exists()


def test_a_port_out_of_range_is_one_line_before_anything_is_written(
    out_dir: Path, tmp_path: Path
) -> None:
    portal = tmp_path / "portal"

    result = run_cli("serve", "--out", str(out_dir), "--portal-dir", str(portal), "--port", "99999")

    assert (result.returncode, result.stderr) == (
        17,
        "error: --port 99999: not a port (1-65535); choose another with --port\n",
    )
    assert not portal.exists()
