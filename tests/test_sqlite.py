"""output/sqlite/safeguarding_early_adopters.sqlite, as `build` publishes it: every table with
the CSV's rows in printed order, its types, primary, unique and foreign keys, full-text
search, and the same bytes from every build."""

from __future__ import annotations

import csv
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pipeline.metadata.registry import table_registry
from tests.support.committed import committed_output
from tests.support.outputs import output_state, run_in_new_interpreter
from tests.support.paths import COMMITTED_PDF, MANIFEST

DATABASE = "sqlite/safeguarding_early_adopters.sqlite"


@pytest.fixture(scope="module")
def out() -> Path:
    return committed_output()


@pytest.fixture
def connection(out: Path):
    uri = f"file:{out / DATABASE}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        yield connection


def published(out: Path, table: str) -> list[dict[str, str]]:
    with (out / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_text(value: object) -> str:
    """A value read back from SQLite, as the CSV files write it."""
    return "" if value is None else str(value)


def in_printed_order(out: Path, table: str) -> list[dict[str, str]]:
    """The CSV's rows in the order the publication prints them: sites by first page, the
    rows of each site in the sites' order, the vocabularies as published."""
    rows = published(out, table)
    if table == "sites":
        return sorted(rows, key=lambda row: int(row["page_start"]))
    if "site_id" not in rows[0]:
        return rows
    order = {row["site_id"]: n for n, row in enumerate(in_printed_order(out, "sites"))}
    return sorted(rows, key=lambda row: order[row["site_id"]])  # stable: CSV order within


def test_every_table_holds_the_csv_rows_in_printed_order(out: Path, connection) -> None:
    for table in table_registry().tables:
        cursor = connection.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')
        names = [entry[0] for entry in cursor.description]
        assert names == table.column_names
        rows = [dict(zip(names, map(as_text, row), strict=True)) for row in cursor]
        assert rows == in_printed_order(out, table.name), table.name
    first = connection.execute("SELECT approach_id FROM approaches ORDER BY rowid LIMIT 2")
    assert [row[0] for row in first] == ["tameside-s1-i1", "tameside-s1-i2"]  # page 3


def test_types_and_keys_are_the_registry_s(connection) -> None:
    for table in table_registry().tables:
        # PRAGMA table_info: (cid, name, type, notnull, default, position in the key)
        info = connection.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        assert [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]] == list(
            table.primary_key
        )
        assert {row[1]: bool(row[3]) for row in info} == {
            column.name: not column.nullable for column in table.columns
        }
        # PRAGMA foreign_key_list: (id, seq, table, from, to, ...)
        links = connection.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall()
        declared = {
            (own, key.table, other)
            for key in table.foreign_keys
            for own, other in zip(key.fields, key.reference_fields, strict=True)
        }
        assert {(row[3], row[2], row[4]) for row in links} == declared
    types = {row[1]: row[2] for row in connection.execute("PRAGMA table_info(approaches)")}
    assert (types["item_order"], types["x0"], types["item_text"]) == ("INTEGER", "REAL", "TEXT")
    assert connection.execute("SELECT typeof(page_count) FROM documents").fetchone() == ("integer",)
    # Every key holds, and every key names a unique parent (else SQLite reports a mismatch).
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_approach_text_and_site_names_are_searchable(out: Path, connection) -> None:
    found = connection.execute(
        "SELECT a.approach_id FROM approaches_fts JOIN approaches AS a "
        "ON a.rowid = approaches_fts.rowid WHERE approaches_fts MATCH 'panel' ORDER BY a.rowid"
    ).fetchall()
    expected = [  # the word "panel", not "panels": FTS5's default tokenizer does not stem
        row["approach_id"]
        for row in in_printed_order(out, "approaches")
        if "panel" in re.findall(r"\w+", f"{row['item_text']} {row['section_heading']}".lower())
    ]
    assert [row[0] for row in found] == expected and expected
    sites = connection.execute(
        "SELECT s.site_id FROM sites_fts JOIN sites AS s ON s.rowid = sites_fts.rowid "
        "WHERE sites_fts MATCH 'tyne'"
    ).fetchall()
    assert sites == [
        ("northumberland-gateshead-newcastle-upon-tyne-north-tyneside-south-tyneside-sunderland",)
    ]


def test_a_rebuild_gives_the_same_bytes(out: Path, tmp_path: Path) -> None:
    """Built again in a new interpreter, with another string-hash seed: every file of the
    output, the database among them, is byte for byte the same."""
    again = tmp_path / "again"
    result = run_in_new_interpreter(
        "build", "--source", str(COMMITTED_PDF), "--manifest", str(MANIFEST), "--out", str(again)
    )
    assert result.returncode == 0, result.stderr
    assert (again / DATABASE).read_bytes() == (out / DATABASE).read_bytes()
    assert output_state(again) == output_state(out)
