"""Publish: validated tables become the files of the data contract, all at once or not at all.

Every file is built in memory from the tables and the registry, written into a
temporary folder beside the output, read back and checked, and only then swapped in
place of the previous output. A failure at any point before the swap leaves the
previous output exactly as it was. Nothing in any file depends on the time, the
machine or the run, so the same tables always give the same bytes.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import PublishError
from pipeline.io.atomic import replace_folder
from pipeline.metadata.registry import (
    ID_POLICY_PATH,
    VALUES_SEPARATOR,
    Table,
    table_registry,
)
from pipeline.outputs.sqlite import DATABASE, SQLITE_MEDIATYPE, database_bytes
from pipeline.outputs.target import DATAPACKAGE, previous_output_problem
from pipeline.outputs.templating import rendered
from pipeline.outputs.xlsx import WORKBOOK, XLSX_MEDIATYPE, workbook_bytes

DICTIONARY_CSV = "data_dictionary.csv"
DICTIONARY_MD = "data_dictionary.md"
DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"

# Every writer option spelled out, so a change of library default cannot change the bytes.
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "row_group_size": 100_000,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
}

# The data dictionary's own columns: (name, Table Schema type, meaning).
DICTIONARY_COLUMNS = (
    ("table", "string", "The table (csv/<table>.csv, parquet/<table>.parquet)."),
    ("column", "string", "The column, in the table's column order."),
    ("type", "string", "string, integer or number (a decimal number)."),
    ("nullable", "boolean", "true if the column may be empty."),
    ("description", "string", "What the column means."),
    (
        "values",
        "string",
        'The values an enumerated column allows, separated by "; " (empty for other columns).',
    ),
    ("example", "string", "A value from the published data (empty if the column is empty)."),
)


@dataclass(frozen=True)
class PublishedFile:
    path: str  # relative to the output folder, "/"-separated
    bytes: int
    sha256: str


@dataclass(frozen=True)
class PublishedOutput:
    out_dir: Path
    files: tuple[PublishedFile, ...]


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", na_rep="").encode("utf-8")


def _arrow_ready(
    table: Table, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> pd.DataFrame:
    """The frame as Arrow takes it: dates as dates, and enumerated columns as categoricals
    over their whole vocabulary (allowed_values: the
    registry's enum order, or the other table's values sorted). The Parquet dictionary, and
    so a reader's categories, is then the same in every edition rather than the values one
    edition happens to use in row order: editions concatenate as categoricals, and a count
    shows the regions with no site too."""
    vocabularies = {
        column.name: column.allowed_values(tables)
        for column in table.columns
        if column.is_dictionary_encoded
    }
    for name, vocabulary in vocabularies.items():
        outside = frame[name].notna() & ~frame[name].isin(vocabulary)
        if outside.any():  # validation keeps this from happening: a bug, not a user error
            raise ValueError(
                f"{table.name}.{name}: {frame[name][outside].iloc[0]!r} is not in "
                "its vocabulary; publish only validated tables"
            )
    frame = frame.astype({name: pd.CategoricalDtype(v) for name, v in vocabularies.items()})
    # Dates are held as the text the CSV writes; Parquet stores them as dates.
    dates = {
        column.name: [
            None if pd.isna(value) else datetime.date.fromisoformat(value)
            for value in frame[column.name]
        ]
        for column in table.columns
        if column.type == "date"
    }
    return frame.assign(**dates)


def _parquet_bytes(table: Table, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> bytes:
    schema = table.arrow_schema()
    # from_pandas adds pandas metadata (library versions, index layout); the schema's
    # own metadata replaces it.
    arrow_table = pa.Table.from_pandas(
        _arrow_ready(table, frame, tables), schema=schema, preserve_index=False
    )
    arrow_table = arrow_table.replace_schema_metadata(schema.metadata)
    sink = pa.BufferOutputStream()
    pq.write_table(arrow_table, sink, **PARQUET_OPTIONS)
    return sink.getvalue().to_pybytes()


def dictionary_rows(tables: Mapping[str, pd.DataFrame]) -> list[dict[str, str]]:
    """One row per published column, in registry order, with an example from the data."""
    return [
        row
        for table in table_registry().tables
        for row in table.dictionary_rows(table.sorted_rows(tables[table.name]), tables)
    ]


def _dictionary_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, [name for name, _, _ in DICTIONARY_COLUMNS], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _dictionary_md(tables: Mapping[str, pd.DataFrame], rows: list[dict[str, str]]) -> bytes:
    registry = table_registry()
    policy = ID_POLICY_PATH.read_text(encoding="utf-8").rstrip("\n").splitlines()
    text = rendered(
        "data_dictionary.md.j2",
        package=registry.package,
        tables=registry.tables,
        rows={table.name: len(tables[table.name]) for table in registry.tables},
        columns={
            table.name: [row for row in rows if row["table"] == table.name]
            for table in registry.tables
        },
        values_separator=VALUES_SEPARATOR,
        # the policy's headings one level down, under the dictionary's own
        id_policy="\n".join(f"#{line}" if line.startswith("#") else line for line in policy),
    )
    return text.encode("utf-8")


def _page_count(tables: Mapping[str, pd.DataFrame]) -> int:
    return int(tables["documents"]["page_count"].max())


def _integrity(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def datapackage_descriptor(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, bytes]
) -> dict[str, Any]:
    """The Data Package (v2) describing every file in files, keyed by relative path."""
    registry = table_registry()
    package = registry.package
    csv_text = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "type": "table"}
    resources: list[dict[str, Any]] = []
    for table in registry.tables:
        path = f"csv/{table.name}.csv"
        resources.append(
            {
                "name": table.name,
                "path": path,
                "title": table.title,
                "description": table.description,
                "schema": table.frictionless_schema(tables, _page_count(tables)),
                **csv_text,
                **_integrity(files[path]),
            }
        )
    for table in registry.tables:
        path = f"parquet/{table.name}.parquet"
        # "file", not "table": frictionless 5.21 reads Parquet through pandas and then
        # cannot count its bytes, so a tabular Parquet resource with "bytes" never validates.
        resources.append(
            {
                "name": f"{table.name}-parquet",
                "path": path,
                "type": "file",
                "format": "parquet",
                "mediatype": PARQUET_MEDIATYPE,
                "title": f"{table.title} (Parquet)",
                "description": f"The rows and columns of csv/{table.name}.csv as Parquet, "
                "each column described in the Arrow schema.",
                **_integrity(files[path]),
            }
        )
    resources.append(
        {
            "name": "data-dictionary",
            "path": DICTIONARY_CSV,
            "title": "Data dictionary",
            "description": "Every column of every table: type, meaning and an example value.",
            "schema": {
                "fields": [
                    {"name": name, "type": kind, "description": meaning}
                    for name, kind, meaning in DICTIONARY_COLUMNS
                ],
                "primaryKey": ["table", "column"],
            },
            **csv_text,
            **_integrity(files[DICTIONARY_CSV]),
        }
    )
    resources.append(
        {
            "name": "data-dictionary-md",
            "path": DICTIONARY_MD,
            "format": "md",
            "mediatype": "text/markdown",
            "encoding": "utf-8",
            "title": "Data dictionary (readable)",
            "description": "The data dictionary, the keys of every table and the id policy.",
            **_integrity(files[DICTIONARY_MD]),
        }
    )
    searched = "; ".join(
        f"{table.name}.{', '.join(table.search)}" for table in registry.tables if table.search
    )
    resources.append(
        {
            "name": "database-sqlite",
            "path": DATABASE,
            "type": "file",
            "format": "sqlite",
            "mediatype": SQLITE_MEDIATYPE,
            "title": "All tables in one SQLite database",
            "description": "Every table with its primary and foreign keys, rows in printed "
            f"order, and full-text search (FTS5) of {searched}.",
            **_integrity(files[DATABASE]),
        }
    )
    resources.append(
        {
            "name": "workbook-xlsx",
            "path": WORKBOOK,
            "type": "file",
            "format": "xlsx",
            "mediatype": XLSX_MEDIATYPE,
            "title": "All tables in one Excel workbook",
            "description": "A README sheet (source, licences, version), one sheet per table "
            "with the CSV's rows and columns, and the data dictionary.",
            **_integrity(files[WORKBOOK]),
        }
    )
    documents = registry.table("documents").sorted_rows(tables["documents"])
    return {
        "$schema": DATAPACKAGE_PROFILE,
        "name": package.name,
        "title": package.title,
        "description": package.description,
        "licenses": package.descriptor("licenses"),
        "sources": package.descriptor("sources")
        + [
            {"title": document.title, "path": document.source_file, "sha256": document.sha256}
            for document in documents.itertuples(index=False)
        ],
        "resources": resources,
    }


def output_files(tables: Mapping[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every published file's bytes, keyed by its path relative to the output folder."""
    registry = table_registry()
    files: dict[str, bytes] = {}
    for table in registry.tables:
        frame = table.sorted_rows(tables[table.name])[table.column_names]
        files[f"csv/{table.name}.csv"] = _csv_bytes(frame)
        files[f"parquet/{table.name}.parquet"] = _parquet_bytes(table, frame, tables)
    rows = dictionary_rows(tables)
    files[DICTIONARY_CSV] = _dictionary_csv(rows)
    files[DICTIONARY_MD] = _dictionary_md(tables, rows)
    files[DATABASE] = database_bytes(tables)
    files[WORKBOOK] = workbook_bytes(tables, rows)
    descriptor = datapackage_descriptor(tables, files)
    text = json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    files[DATAPACKAGE] = text.encode("utf-8")
    return files


def publish(
    tables: Mapping[str, pd.DataFrame], out_dir: Path, files: Mapping[str, bytes] | None = None
) -> PublishedOutput:
    """Replace out_dir with the published files of validated tables, atomically: `files`,
    when given, are their output_files, built already (pipeline.run builds them while the
    tables are validated).

    Run it under the build's output lock (pipeline.io.lock.output_lock): it removes the
    temporary folders an earlier, killed publish left beside out_dir, which would be
    another build's work in progress if two builds ran at once.
    Raises PublishError, leaving out_dir as it was, when out_dir is not an earlier
    output (a file, or a non-empty folder without this dataset's datapackage.json) or
    a file cannot be written.
    """
    out = out_dir.absolute()
    problem = previous_output_problem(out)
    if problem is not None:
        raise PublishError(problem)
    files = files if files is not None else output_files(tables)
    try:
        replace_folder(out, files)
    except OSError as exc:
        raise PublishError(
            f"cannot publish to {out}: {exc.strerror or exc} ({exc.filename or out}); "
            "the folder was left as it was"
        ) from exc
    published = tuple(
        PublishedFile(name, len(data), hashlib.sha256(data).hexdigest())
        for name, data in sorted(files.items())
    )
    return PublishedOutput(out, published)
