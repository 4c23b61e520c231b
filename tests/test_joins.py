"""Every foreign key the registry declares joins in pandas, polars (eager and lazy) and
DuckDB straight from the Parquet files, without a cast, and keeps every row that has a key.

polars refuses a join whose two sides differ in type (a categorical against a string),
where pandas and DuckDB quietly convert; so the two sides of each key are checked to have
one Arrow type, and each library's inner join is counted against the CSV files.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from pipeline.metadata.registry import ForeignKey, Table, table_registry
from tests.support.committed import committed_output

KEYS = [(table, key) for table in table_registry().tables for key in table.foreign_keys]


def key_id(pair: tuple[Table, ForeignKey]) -> str:
    table, key = pair
    return f"{table.name}.{'+'.join(key.fields)}->{key.table}"


@pytest.fixture(scope="module")
def published() -> Path:
    return committed_output()


def parquet(out: Path, name: str) -> str:
    return str(out / "parquet" / f"{name}.parquet")


def rows_with_a_key(out: Path, table: Table, key: ForeignKey) -> int:
    """The child's rows whose key is filled in (a nullable key may be empty), from the CSV."""
    with (out / "csv" / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
        return sum(all(row[name] for name in key.fields) for row in csv.DictReader(handle))


def test_every_kind_of_key_is_covered() -> None:
    """Single and composite keys, and a nullable one (approaches.theme_id)."""
    assert {len(key.fields) for _, key in KEYS} == {1, 2}
    assert any(table.column(key.fields[0]).nullable for table, key in KEYS)


@pytest.mark.parametrize("pair", KEYS, ids=key_id)
def test_both_sides_of_the_key_have_one_arrow_type(published: Path, pair) -> None:
    table, key = pair
    child = pq.read_schema(parquet(published, table.name))
    parent = pq.read_schema(parquet(published, key.table))
    for own, other in zip(key.fields, key.reference_fields, strict=True):
        assert child.field(own).type == parent.field(other).type, (own, other)


@pytest.mark.parametrize("pair", KEYS, ids=key_id)
def test_pandas_joins_every_row_with_a_key(published: Path, pair) -> None:
    table, key = pair
    child = pd.read_parquet(parquet(published, table.name))
    parent = pd.read_parquet(parquet(published, key.table))
    joined = child.merge(
        parent, left_on=list(key.fields), right_on=list(key.reference_fields), how="inner"
    )
    assert len(joined) == rows_with_a_key(published, table, key) > 0


@pytest.mark.parametrize("pair", KEYS, ids=key_id)
def test_polars_joins_every_row_with_a_key_eager_and_lazy(published: Path, pair) -> None:
    table, key = pair
    expected = rows_with_a_key(published, table, key)
    on = {"left_on": list(key.fields), "right_on": list(key.reference_fields)}
    eager = pl.read_parquet(parquet(published, table.name)).join(
        pl.read_parquet(parquet(published, key.table)), how="inner", **on
    )
    assert eager.height == expected > 0
    lazy = (
        pl.scan_parquet(parquet(published, table.name))
        .join(pl.scan_parquet(parquet(published, key.table)), how="inner", **on)
        .select(pl.len())
        .collect()
        .item()
    )
    assert lazy == expected


@pytest.mark.parametrize("pair", KEYS, ids=key_id)
def test_duckdb_joins_every_row_with_a_key(published: Path, pair) -> None:
    table, key = pair
    condition = " AND ".join(
        f"c.{own} = p.{other}" for own, other in zip(key.fields, key.reference_fields, strict=True)
    )
    [(count,)] = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{parquet(published, table.name)}') AS c "
        f"JOIN read_parquet('{parquet(published, key.table)}') AS p ON {condition}"
    ).fetchall()
    assert count == rows_with_a_key(published, table, key) > 0
