"""The Parquet files as analysts load them: pyarrow, pandas, DuckDB and polars read every
table of a real build with the registry's types, the table's description and primary key,
and the same values as the CSV, without a warning (pytest turns warnings into errors) and
without a word on stderr."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.metadata.registry import table_registry
from pipeline.outputs.publish import output_files
from tests.support.committed import committed_output
from tests.support.samples import sample_tables

TABLES = table_registry().tables
ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "date": "DATE"}
POLARS = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "date": pl.Date}


@pytest.fixture(scope="module")
def published() -> Path:
    """The committed PDF as `build` publishes it (made once per test run, read only)."""
    return committed_output()


def parquet(out: Path, name: str) -> str:
    return str(out / "parquet" / f"{name}.parquet")


def test_the_dictionary_encoded_columns_are_labels_analysts_group_by_and_no_key() -> None:
    """Keys (region_code, region, site_id, ...) stay plain strings on both sides of every
    join: polars refuses to join a categorical to a string."""
    encoded = {(t.name, c.name) for t in TABLES for c in t.columns if c.is_dictionary_encoded}
    assert encoded == {
        ("local_authorities", "la_type"),
        ("approaches", "list_style"),
        ("approaches", "theme_link"),
    }
    keys = {
        (table.name, name)
        for table in TABLES
        for names in [table.primary_key, *(key.fields for key in table.foreign_keys)]
        for name in names
    }
    assert not encoded & keys


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_pyarrow_reads_plain_types_descriptions_and_the_key(published: Path, table):
    schema = pq.read_schema(parquet(published, table.name))
    assert schema.metadata[b"description"].decode() == table.description
    assert json.loads(schema.metadata[b"primary_key"]) == list(table.primary_key)
    for column in table.columns:
        field = schema.field(column.name)
        expected = pa.dictionary(pa.int32(), pa.string()) if column.is_dictionary_encoded else None
        assert field.type == (expected or ARROW[column.type]), column.name
        assert field.type not in (pa.large_string(), pa.dictionary(pa.int32(), pa.large_string()))
        assert field.metadata[b"description"].decode() == column.description


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_pandas_reads_the_values_of_the_csv(published: Path, table, capfd) -> None:
    loaded = pd.read_parquet(parquet(published, table.name))
    from_csv = pd.read_csv(
        published / "csv" / f"{table.name}.csv",
        dtype={column.name: column.pandas_dtype for column in table.columns},
        keep_default_na=False,
        na_values={column.name: [""] for column in table.columns if column.nullable},
    )
    for column in table.columns:
        if column.is_dictionary_encoded:
            assert isinstance(loaded[column.name].dtype, pd.CategoricalDtype), column.name
            loaded[column.name] = loaded[column.name].astype("str")
        elif column.type == "date":  # datetime.date values, None where missing
            assert loaded[column.name].dtype == object, column.name
            assert all(
                value is None or isinstance(value, datetime.date) for value in loaded[column.name]
            )
            loaded[column.name] = (
                loaded[column.name].map(datetime.date.isoformat, na_action="ignore").astype("str")
            )
        else:
            assert loaded[column.name].dtype == column.pandas_dtype, column.name
    pd.testing.assert_frame_equal(loaded, from_csv)
    assert capfd.readouterr().err == ""


def test_pandas_categories_are_the_whole_vocabulary(published: Path) -> None:
    """Not the values one edition uses in row order: the same categories in every edition,
    so a count shows the values no row has too and editions concatenate as categoricals."""
    for table in TABLES:
        frame = pd.read_parquet(parquet(published, table.name))
        for column in table.columns:
            if column.is_dictionary_encoded:
                assert list(frame[column.name].cat.categories) == list(column.enum)
    sites = pd.read_parquet(parquet(published, "sites"))
    assert (sites["region"].dtype, sites["region_code"].dtype) == ("str", "str")


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_duckdb_reads_sql_types_the_description_and_the_key(published: Path, table, capfd) -> None:
    path = parquet(published, table.name)
    described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    assert [(name, kind) for name, kind, *_ in described] == [
        (column.name, DUCKDB[column.type]) for column in table.columns
    ]
    metadata = dict(
        duckdb.sql(
            f"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}')"
        ).fetchall()
    )
    assert metadata["description"] == table.description
    assert json.loads(metadata["primary_key"]) == list(table.primary_key)
    key = ", ".join(table.primary_key)
    [(rows, keys)] = duckdb.sql(
        f"SELECT count(*), count(DISTINCT ({key})) FROM read_parquet('{path}')"
    ).fetchall()
    assert rows == keys == pq.read_metadata(path).num_rows > 0
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_polars_reads_typed_columns_the_description_and_the_key(
    published: Path, table, capfd
) -> None:
    path = parquet(published, table.name)
    frame = pl.read_parquet(path)
    assert list(frame.schema.items()) == [
        (column.name, pl.Categorical if column.is_dictionary_encoded else POLARS[column.type])
        for column in table.columns
    ]
    metadata = pl.read_parquet_metadata(path)
    assert metadata["description"] == table.description
    assert json.loads(metadata["primary_key"]) == list(table.primary_key)
    assert frame.select(table.primary_key).is_unique().all()
    expected = pd.read_parquet(path)  # a missing value as None, as polars gives it
    expected = expected.astype(object).where(expected.notna(), None)
    assert frame.to_dicts() == expected.to_dict("records")
    assert capfd.readouterr().err == ""


def test_a_value_outside_its_vocabulary_is_refused_not_written_as_empty(tmp_path: Path):
    """Parquet stores an enumerated column as indices into its vocabulary: a value outside
    it would be written as a missing value while the CSV kept it. Validation stops such
    tables first; publish refuses them too, rather than write two files that disagree."""
    tables = sample_tables(tmp_path / "reference")
    tables["approaches"].loc[0, "list_style"] = "dashed"
    with pytest.raises(ValueError, match=r"approaches\.list_style: 'dashed' is not in"):
        output_files(tables)
