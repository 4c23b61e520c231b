"""The published tables as one SQLite database, for SQL users and the portal preview.

Every table of the registry with its types, NOT NULL, primary, unique and foreign keys
(Table.sqlite_ddl), rows in printed order, and full-text search (FTS5) over the columns
the registry names (approach text and headings, site names). The database is built in
memory and serialised, so the same tables give the same bytes: no file name, time or
journal inside it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import closing
from typing import Any

import pandas as pd

from pipeline.metadata.registry import Table, quoted, table_registry

DATABASE = "sqlite/safeguarding_early_adopters.sqlite"
SQLITE_MEDIATYPE = "application/vnd.sqlite3"
PAGE_SIZE = 4096  # SQLite's default, fixed so that another build's default cannot change bytes


def printed_rows(table: Table, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The table's rows as the publication prints them: a table whose foreign key names a
    table with a printed order (sites) follows that table's order, then its own sort
    order; any other table its published order."""
    registry = table_registry()
    frame = table.sorted_rows(tables[table.name])
    for key in table.foreign_keys:
        parent = registry.table(key.table)
        if parent.printed_order is None or len(key.fields) != 1:
            continue
        parents = parent.sorted_rows(tables[parent.name]).sort_values(
            parent.printed_order, kind="mergesort"
        )
        position = {value: n for n, value in enumerate(parents[key.reference_fields[0]])}
        order = frame[key.fields[0]].map(position)
        return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)
    if table.printed_order is not None:
        return frame.sort_values(table.printed_order, kind="mergesort").reset_index(drop=True)
    return frame


def _values(table: Table, frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """Rows as Python values SQLite binds: None for a missing value, no numpy scalars."""
    columns = [
        [None if pd.isna(value) else value for value in frame[column.name].tolist()]
        for column in table.columns
    ]
    return list(zip(*columns, strict=True))


def database_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """The SQLite file of validated tables."""
    registry = table_registry()
    # isolation_level None: the transaction below is the one this code opens, not one the
    # sqlite3 module opens and commits around it.
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as connection:
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute("PRAGMA foreign_keys = ON")
        for table in registry.tables:
            for statement in table.sqlite_ddl(registry.referenced_fields(table.name)):
                connection.execute(statement)
        connection.execute("BEGIN")
        # Keys are checked when the transaction ends, so tables load in registry order.
        connection.execute("PRAGMA defer_foreign_keys = ON")
        for table in registry.tables:
            marks = ", ".join("?" for _ in table.columns)
            connection.executemany(
                f"INSERT INTO {quoted(table.name)} VALUES ({marks})",  # noqa: S608 - registry names
                _values(table, printed_rows(table, tables)),
            )
            for statement in table.sqlite_fill_search():
                connection.execute(statement)
        connection.execute("COMMIT")
        return connection.serialize()
