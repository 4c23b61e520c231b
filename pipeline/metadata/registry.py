"""The metadata of every published table, read from the one registry file schemas/tables.toml.

Validation, the Parquet schemas, datapackage.json and the data dictionary are all
generated from these objects, so a column's type or meaning is changed in one place
and every output follows.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

SCHEMAS_DIR = Path(__file__).resolve().parents[2] / "schemas"
REGISTRY_PATH = SCHEMAS_DIR / "tables.toml"
ID_POLICY_PATH = SCHEMAS_DIR / "ID_POLICY.md"

ColumnType = Literal["string", "integer", "number"]
COLUMN_TYPES: tuple[ColumnType, ...] = ("string", "integer", "number")

# The pandas dtype each registry type is held in: pandas 3's default string dtype, and
# numpy integers and floats (no column of ours holds a missing number).
PANDAS_DTYPES: dict[ColumnType, str] = {"string": "str", "integer": "int64", "number": "float64"}

_COLUMN_KEYS = {
    "name",
    "type",
    "description",
    "nullable",
    "unique",
    "pattern",
    "enum",
    "enum_from",
    "minimum",
    "maximum",
    "page",
    "decimals",
}
_TABLE_KEYS = {"name", "title", "description", "primary_key", "sort_by", "foreign_keys", "columns"}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    nullable: bool = False
    unique: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    enum_from: tuple[str, str] | None = None  # (table, column)
    minimum: int | float | None = None
    maximum: int | float | None = None
    page: bool = False
    decimals: int | None = None

    @property
    def pandas_dtype(self) -> str:
        return PANDAS_DTYPES[self.type]

    @property
    def is_enumerated(self) -> bool:
        """Whether the column holds a small closed vocabulary (stored dictionary-encoded)."""
        return self.enum is not None or self.enum_from is not None


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def is_unique(self, column: Column) -> bool:
        """A column is unique when declared so or when it alone is the primary key."""
        return column.unique or self.primary_key == (column.name,)

    def sorted_rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame in published row order: files and row numbers never depend on input order."""
        return frame.sort_values(list(self.sort_by), kind="mergesort").reset_index(drop=True)


@dataclass(frozen=True)
class Registry:
    package: dict[str, Any]
    tables: tuple[Table, ...]

    @property
    def table_names(self) -> list[str]:
        return [table.name for table in self.tables]

    def table(self, name: str) -> Table:
        return next(table for table in self.tables if table.name == name)


def _column(entry: dict[str, Any], where: str) -> Column:
    unknown = set(entry) - _COLUMN_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    if entry.get("type") not in COLUMN_TYPES:
        raise ValueError(f"{where}: type must be one of {COLUMN_TYPES}, not {entry.get('type')!r}")
    if not entry.get("description"):
        raise ValueError(f"{where}: every column needs a description")
    enum_from = entry.get("enum_from")
    if enum_from is not None:
        table, _, column = enum_from.partition(".")
        enum_from = (table, column)
    enum = entry.get("enum")
    return Column(
        name=entry["name"],
        type=entry["type"],
        description=entry["description"],
        nullable=entry.get("nullable", False),
        unique=entry.get("unique", False),
        pattern=entry.get("pattern"),
        enum=tuple(enum) if enum is not None else None,
        enum_from=enum_from,
        minimum=entry.get("minimum"),
        maximum=entry.get("maximum"),
        page=entry.get("page", False),
        decimals=entry.get("decimals"),
    )


def _table(entry: dict[str, Any]) -> Table:
    name = entry["name"]
    unknown = set(entry) - _TABLE_KEYS
    if unknown:
        raise ValueError(f"{REGISTRY_PATH.name} table {name}: unknown keys {sorted(unknown)}")
    columns = tuple(
        _column(column, f"{REGISTRY_PATH.name} column {name}.{column.get('name')}")
        for column in entry["columns"]
    )
    return Table(
        name=name,
        title=entry["title"],
        description=entry["description"],
        primary_key=tuple(entry["primary_key"]),
        sort_by=tuple(entry["sort_by"]),
        foreign_keys=tuple(
            ForeignKey(
                fields=tuple(key["fields"]),
                table=key["reference"]["table"],
                reference_fields=tuple(key["reference"]["fields"]),
            )
            for key in entry.get("foreign_keys", [])
        ),
        columns=columns,
    )


def _inconsistencies(tables: tuple[Table, ...]) -> list[str]:
    """Names the registry uses that it does not define: caught here, not as a KeyError mid-build."""
    problems: list[str] = []
    by_name = {table.name: table for table in tables}
    if len(by_name) != len(tables):
        problems.append("a table name is used twice")
    for table in tables:
        names = table.column_names
        if len(set(names)) != len(names):
            problems.append(f"{table.name}: a column name is used twice")
        for key_name, key in (("primary_key", table.primary_key), ("sort_by", table.sort_by)):
            problems += [f"{table.name}.{key_name}: no column {n}" for n in key if n not in names]
        for foreign_key in table.foreign_keys:
            problems += [
                f"{table.name} foreign key: no column {n}"
                for n in foreign_key.fields
                if n not in names
            ]
            target = by_name.get(foreign_key.table)
            if target is None:
                problems.append(f"{table.name} foreign key: no table {foreign_key.table}")
                continue
            problems += [
                f"{table.name} foreign key: no column {foreign_key.table}.{n}"
                for n in foreign_key.reference_fields
                if n not in target.column_names
            ]
        for column in table.columns:
            if column.enum_from is None:
                continue
            source_table, source_column = column.enum_from
            source = by_name.get(source_table)
            if source is None or source_column not in source.column_names:
                problems.append(f"{table.name}.{column.name}: enum_from names no column")
    return problems


@cache
def table_registry(path: Path = REGISTRY_PATH) -> Registry:
    """The registry, read once per process; a malformed registry is a bug: ValueError."""
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    tables = tuple(_table(entry) for entry in document["tables"])
    problems = _inconsistencies(tables)
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return Registry(package=document["package"], tables=tables)


def allowed_values(column: Column, tables: Mapping[str, pd.DataFrame]) -> list[str] | None:
    """The closed vocabulary of a column, if it has one; for enum_from, read from the other table.

    None also when the table holding the vocabulary is missing: that table's own
    absence is what gets reported then.
    """
    if column.enum is not None:
        return list(column.enum)
    if column.enum_from is None:
        return None
    table, name = column.enum_from
    frame = tables.get(table)
    if frame is None or name not in frame.columns:
        return None
    return sorted(str(value) for value in frame[name].dropna().unique())
