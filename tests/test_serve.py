"""serve: the published tables in SQLite with the dictionary as metadata, and Datasette
serving them on loopback, read back over HTTP."""

from __future__ import annotations

import csv
import json
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.metadata.registry import table_registry
from pipeline.outputs.serve import database_name, is_loopback, write_portal
from tests.support.committed import committed_output
from tests.support.outputs import PIPELINE, run_cli
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


def test_every_table_is_loaded_with_its_types_and_keys(out: Path, tmp_path: Path) -> None:
    database, _ = write_portal(out, tmp_path)
    with closing(sqlite3.connect(database)) as connection:
        for table in table_registry().tables:
            cursor = connection.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')
            names = [entry[0] for entry in cursor.description]
            rows = [dict(zip(names, map(as_text, row), strict=True)) for row in cursor]
            assert rows == published(out, table.name)
            # PRAGMA table_info: (cid, name, type, notnull, default, position in the key)
            info = connection.execute(f'PRAGMA table_info("{table.name}")').fetchall()
            assert [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]] == list(
                table.primary_key
            )
        types = {row[1]: row[2] for row in connection.execute("PRAGMA table_info(approaches)")}
        assert (types["item_order"], types["x0"], types["item_text"]) == ("INTEGER", "REAL", "TEXT")
        # PRAGMA foreign_key_list: (id, seq, table, from, to, ...)
        links = connection.execute("PRAGMA foreign_key_list(site_themes)").fetchall()
        assert {(row[3], row[2], row[4]) for row in links} == {
            ("site_id", "sites", "site_id"),
            ("theme_id", "themes", "theme_id"),
        }
        stored = connection.execute("SELECT typeof(page_count) FROM documents").fetchone()
        assert stored == ("integer",)


def test_the_database_is_the_same_bytes_every_time(out: Path, tmp_path: Path) -> None:
    first, _ = write_portal(out, tmp_path / "first")
    second, _ = write_portal(out, tmp_path / "second")
    assert first.read_bytes() == second.read_bytes()


def test_metadata_carries_the_dictionary(out: Path, tmp_path: Path) -> None:
    _, metadata_path = write_portal(out, tmp_path)
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    assert "no licence" in metadata["license"] and "Open Government Licence" in metadata["license"]
    assert "National Children’s Bureau" in metadata["source"]
    tables = metadata["databases"][database_name()]["tables"]
    assert list(tables) == table_registry().table_names
    for table in table_registry().tables:
        assert tables[table.name]["description"] == table.description
        assert tables[table.name]["columns"] == {c.name: c.description for c in table.columns}


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


def test_datasette_serves_the_published_rows_with_column_descriptions(
    out: Path, server: str
) -> None:
    sites = table_registry().table("sites")
    rows = json.loads(get(f"{server}/{database_name()}/sites.json?_shape=array&_size=max"))
    served = sorted(
        ({k: as_text(v) for k, v in row.items()} for row in rows), key=lambda row: row["site_id"]
    )
    assert served == sorted(published(out, "sites"), key=lambda row: row["site_id"])

    page = ColumnDescriptions()
    page.feed(get(f"{server}/{database_name()}/sites").decode("utf-8"))
    descriptions = {column.name: column.description for column in sites.columns}
    # The key column heads the row links, which Datasette 0.65 draws without a description.
    assert page.found == {name: text for name, text in descriptions.items() if name != "site_id"}
    metadata = json.loads(get(f"{server}/-/metadata.json"))
    assert metadata["databases"][database_name()]["tables"]["sites"]["columns"] == descriptions


def test_a_port_in_use_is_one_line_before_anything_is_written(
    out_dir: Path, tmp_path: Path
) -> None:
    portal = tmp_path / "portal"
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run_cli(
            "serve", "--out", str(out_dir), "--portal-dir", str(portal), "--port", str(port)
        )

    assert result.returncode == 13
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
        13,
        "error: --port 99999: not a port (1-65535); choose another with --port\n",
    )
    assert not portal.exists()
