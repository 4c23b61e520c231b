"""The metadata of every published table: one typed model, read from schemas/tables.toml.

Each table and column is written once in the registry file; every schema the project
publishes or checks against is rendered from these objects, one method per rendering:

    Table.pandera_schema      the checks validation runs (pipeline.tables.validate)
    Table.arrow_schema        the Parquet files' schema, with descriptions and the key
    Table.frictionless_schema the Table Schema inside datapackage.json
    Table.sqlite_ddl          CREATE TABLE, keys, indexes and full-text search (SQLite)
    Table.dictionary_rows     the data dictionary's rows

so a column's type or meaning is changed in one place and every output follows. The
registry is checked as it is read (pydantic, unknown keys refused): a malformed registry
is a bug in this repository, raised as ValueError naming the key.

pandas, pyarrow and pandera are imported by the renderings that need them, not here:
the commands that only read the registry (serve, diff, release) start without them.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.metadata.package_name import REGISTRY_PATH, SCHEMAS_DIR

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa
    import pyarrow

ID_POLICY_PATH = SCHEMAS_DIR / "ID_POLICY.md"

ColumnType = Literal["string", "integer", "number", "date"]


class _Kind(BaseModel):
    """How one registry type is held and written: the one type map of the project."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pandas: str  # dtype of the column in the tables' frames
    arrow: str  # pyarrow type factory (pyarrow.<name>())
    sql: str  # SQLite column type
    # Table Schema type: the registry's own name (string, integer, number, date)


# pandas 3's default string dtype and numpy integers and floats (no number column holds a
# missing value); a date is held as its ISO text (YYYY-MM-DD), as the CSV writes it, and
# stored as a date in Parquet.
KINDS: dict[ColumnType, _Kind] = {
    "string": _Kind(pandas="str", arrow="string", sql="TEXT"),
    "integer": _Kind(pandas="int64", arrow="int64", sql="INTEGER"),
    "number": _Kind(pandas="float64", arrow="float64", sql="REAL"),
    "date": _Kind(pandas="str", arrow="date32", sql="TEXT"),
}
DATE_PATTERN = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
# Dictionary-encoded Parquet columns: int32 indices into string values.
DICTIONARY_INDEX = "int32"
VALUES_SEPARATOR = "; "  # between the values of an enumerated column in the dictionary


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldDefinition(_Strict):
    """What a column is, but its name. Every key is optional but type and description.
    A definition shared by several tables' columns is written once ([fields.<name>] in
    tables.toml): a column that says `field = "<name>"` takes it and overrides only the
    keys it states."""

    type: ColumnType
    description: str = Field(min_length=1)
    nullable: bool = False
    unique: bool = False
    # A regular expression the WHOLE value matches (no ^ or $: every rendering anchors it).
    pattern: str | None = None
    # The closed vocabulary, in the order it is shown; stored dictionary-encoded.
    enum: tuple[str, ...] | None = None
    # "table.column": the vocabulary is that column of another published table.
    enum_from: tuple[str, str] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    page: bool = False  # a 1-based PDF page, checked against the document's page count
    decimals: int | None = None  # numbers are rounded to this many decimals (stable bytes)

    @field_validator("enum_from", mode="before")
    @classmethod
    def _table_dot_column(cls, value: object) -> object:
        if isinstance(value, str):
            table, dot, column = value.partition(".")
            if not (table and dot and column):
                raise ValueError(f'enum_from must be "table.column", not {value!r}')
            return (table, column)
        return value


class Column(FieldDefinition):
    """One published column: its definition under its name."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")

    @property
    def kind(self) -> _Kind:
        return KINDS[self.type]

    @property
    def pandas_dtype(self) -> str:
        return self.kind.pandas

    @property
    def is_dictionary_encoded(self) -> bool:
        """A closed vocabulary of labels (enum): categoricals in pandas and polars. Columns
        whose vocabulary is another table (enum_from) are keys into it, plain strings like
        the column they name, so that joins work in every library."""
        return self.enum is not None

    @property
    def is_enumerated(self) -> bool:
        """Whether the column's values come from a list the dictionary can show."""
        return self.enum is not None or self.enum_from is not None

    def allowed_values(self, tables: Mapping[str, pd.DataFrame]) -> list[str] | None:
        """The closed vocabulary, if the column has one: the enum in its order, or the other
        table's values sorted. None also when the table holding the vocabulary is missing:
        that table's own absence is what gets reported then."""
        if self.enum is not None:
            return list(self.enum)
        if self.enum_from is None:
            return None
        table, name = self.enum_from
        frame = tables.get(table)
        if frame is None or name not in frame.columns:
            return None
        return sorted(str(value) for value in frame[name].dropna().unique())

    def arrow_field(self) -> pyarrow.Field:
        """The Parquet field: plain string, int64, double or date32 (which pandas, DuckDB
        and polars all read), enumerated labels dictionary-encoded, the meaning attached."""
        import pyarrow

        value_type = getattr(pyarrow, self.kind.arrow)()
        if self.is_dictionary_encoded:
            value_type = pyarrow.dictionary(getattr(pyarrow, DICTIONARY_INDEX)(), value_type)
        return pyarrow.field(
            self.name,
            value_type,
            nullable=self.nullable,
            metadata={"description": self.description},
        )

    def pandera_checks(self, tables: Mapping[str, pd.DataFrame], page_count: int) -> list[pa.Check]:
        """The value checks of the column, each named as the validation report shows it."""
        import pandas as pd
        import pandera.pandas as pa

        checks: list[pa.Check] = []
        if self.type in ("string", "date"):
            # The contract publishes text with whitespace collapsed; an empty string would
            # read back from the CSV as a missing value.
            checks.append(pa.Check(lambda s: s.str.len() > 0, error="not empty"))
            checks.append(
                pa.Check(lambda s: s == s.str.split().str.join(" "), error="whitespace collapsed")
            )
        if self.type == "date":
            checks.append(
                pa.Check(
                    lambda s: (
                        s.str.fullmatch(DATE_PATTERN)
                        & pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna()
                    ),
                    error="a date written YYYY-MM-DD",
                )
            )
        if self.pattern is not None:
            # fullmatch, not str_matches: str_matches anchors only at the start, and "$"
            # would still accept a trailing newline.
            checks.append(
                pa.Check(
                    lambda s, pattern=self.pattern: s.str.fullmatch(pattern),
                    error=f"matches {self.pattern}",
                )
            )
        values = self.allowed_values(tables)
        if values is not None:
            vocabulary = ".".join(self.enum_from) if self.enum_from else ", ".join(values)
            checks.append(pa.Check.isin(values, error=f"one of {vocabulary}"))
        if self.minimum is not None:
            checks.append(pa.Check.ge(self.minimum, error=f">= {self.minimum}"))
        if self.maximum is not None:
            checks.append(pa.Check.le(self.maximum, error=f"<= {self.maximum}"))
        if self.page:
            checks.append(
                pa.Check.in_range(1, page_count, error=f"a page of the PDF (1-{page_count})")
            )
        return checks

    def frictionless_field(
        self, *, unique: bool, tables: Mapping[str, pd.DataFrame], page_count: int
    ) -> dict[str, Any]:
        """The Table Schema field, with its constraints."""
        constraints: dict[str, Any] = {"required": not self.nullable}
        if unique:
            constraints["unique"] = True
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        values = self.allowed_values(tables)
        if values is not None:
            constraints["enum"] = values
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if self.page:
            constraints |= {"minimum": 1, "maximum": page_count}
        return {
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "constraints": constraints,
        }

    def sql_definition(self) -> str:
        """The column in CREATE TABLE: its SQLite type and NOT NULL."""
        return f"{quoted(self.name)} {self.kind.sql}" + ("" if self.nullable else " NOT NULL")


class KeyReference(_Strict):
    table: str
    fields: tuple[str, ...] = Field(min_length=1)


class ForeignKey(_Strict):
    fields: tuple[str, ...] = Field(min_length=1)
    reference: KeyReference

    @property
    def table(self) -> str:
        return self.reference.table

    @property
    def reference_fields(self) -> tuple[str, ...]:
        return self.reference.fields


class Table(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    description: str = Field(min_length=1)
    primary_key: tuple[str, ...] = Field(min_length=1)
    sort_by: tuple[str, ...] = Field(min_length=1)  # the published row order
    foreign_keys: tuple[ForeignKey, ...] = ()
    columns: tuple[Column, ...] = Field(min_length=1)
    # A column whose order is the printed order (ties kept in printed order): the
    # portal preview's default sort, indexed in SQLite.
    printed_order: str | None = None
    label: str | None = None  # the column naming a row, shown beside a link to it
    facets: tuple[str, ...] = ()  # columns the portal preview counts values of
    search: tuple[str, ...] = ()  # text columns with full-text search in SQLite

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def is_unique(self, column: Column) -> bool:
        """A column is unique when declared so or when it alone is the primary key."""
        return column.unique or self.primary_key == (column.name,)

    @property
    def search_table(self) -> str:
        """The SQLite full-text index of the table's search columns."""
        return f"{self.name}_fts"

    def sorted_rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame in published row order: files and row numbers never depend on input order."""
        return frame.sort_values(list(self.sort_by), kind="mergesort").reset_index(drop=True)

    def pandera_schema(
        self, tables: Mapping[str, pd.DataFrame], page_count: int
    ) -> pa.DataFrameSchema:
        """The Pandera schema of the table: dtypes, value checks, keys, column order.

        tables supplies the vocabularies that live in other tables (enum_from), and
        page_count bounds every page column.
        """
        import pandera.pandas as pa

        composite_key = list(self.primary_key) if len(self.primary_key) > 1 else None
        return pa.DataFrameSchema(
            {
                column.name: pa.Column(
                    column.pandas_dtype,
                    checks=column.pandera_checks(tables, page_count),
                    nullable=column.nullable,
                    unique=self.is_unique(column),
                    report_duplicates="all",
                )
                for column in self.columns
            },
            name=self.name,
            strict=True,
            ordered=True,
            unique=composite_key,
            report_duplicates="all",
        )

    def arrow_schema(self) -> pyarrow.Schema:
        """The Parquet schema: every column described, the table's description and primary
        key in the schema's metadata."""
        import pyarrow

        return pyarrow.schema(
            [column.arrow_field() for column in self.columns],
            metadata={
                "description": self.description,
                "primary_key": json.dumps(list(self.primary_key)),
            },
        )

    def frictionless_schema(
        self, tables: Mapping[str, pd.DataFrame], page_count: int
    ) -> dict[str, Any]:
        """The Frictionless Table Schema: fields with constraints, primary and foreign keys."""
        return {
            "fields": [
                column.frictionless_field(
                    unique=self.is_unique(column), tables=tables, page_count=page_count
                )
                for column in self.columns
            ],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [
                {
                    "fields": list(key.fields),
                    "reference": {"resource": key.table, "fields": list(key.reference_fields)},
                }
                for key in self.foreign_keys
            ],
        }

    def sqlite_ddl(self, referenced: Sequence[tuple[str, ...]] = ()) -> list[str]:
        """The statements that create the table in SQLite: columns, primary key, UNIQUE for
        unique columns and for `referenced` (the column sets other tables' foreign keys
        name, which SQLite requires to be unique), foreign keys, an index on the printed
        order, and an FTS5 index of the search columns (filled by sqlite_fill_search)."""
        parts = [column.sql_definition() for column in self.columns]
        parts.append(f"PRIMARY KEY ({quoted_names(self.primary_key)})")
        unique: list[tuple[str, ...]] = [(column.name,) for column in self.columns if column.unique]
        unique += [names for names in referenced if names != self.primary_key]
        parts += [f"UNIQUE ({quoted_names(names)})" for names in dict.fromkeys(unique)]
        parts += [
            f"FOREIGN KEY ({quoted_names(key.fields)}) REFERENCES {quoted(key.table)} "
            f"({quoted_names(key.reference_fields)})"
            for key in self.foreign_keys
        ]
        statements = [f"CREATE TABLE {quoted(self.name)} (\n  " + ",\n  ".join(parts) + "\n)"]
        if self.printed_order is not None:
            statements.append(
                f"CREATE INDEX {quoted(f'{self.name}_printed_order')} "
                f"ON {quoted(self.name)} ({quoted(self.printed_order)})"
            )
        if self.search:
            # External content: the index holds no second copy of the text; Datasette finds
            # it by content="<table>" and searches it with ?_search=.
            statements.append(
                f"CREATE VIRTUAL TABLE {quoted(self.search_table)} USING fts5("
                f'{quoted_names(self.search)}, content="{self.name}")'
            )
        return statements

    def sqlite_fill_search(self) -> list[str]:
        """The statements that index the search columns of the rows already inserted."""
        if not self.search:
            return []
        names = quoted_names(self.search)
        return [
            f"INSERT INTO {quoted(self.search_table)} (rowid, {names}) "  # noqa: S608 - registry names
            f"SELECT rowid, {names} FROM {quoted(self.name)} ORDER BY rowid"
        ]

    def dictionary_rows(
        self, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
    ) -> list[dict[str, str]]:
        """One data-dictionary row per column: type, meaning, the values of an enumerated
        column and an example from the data (frame, in published row order)."""
        rows = []
        for column in self.columns:
            present = frame[column.name].dropna()
            values = column.allowed_values(tables) if column.is_enumerated else None
            rows.append(
                {
                    "table": self.name,
                    "column": column.name,
                    "type": column.type,
                    "nullable": "true" if column.nullable else "false",
                    "description": column.description,
                    "values": VALUES_SEPARATOR.join(values or []),
                    "example": str(present.iloc[0]) if len(present) else "",
                }
            )
        return rows


class Licence(_Strict):
    name: str
    title: str
    path: str | None = None


class Source(_Strict):
    title: str
    path: str


class Package(_Strict):
    """What the dataset as a whole is: datapackage.json's and the portal records' header."""

    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    description: str
    # Subject keywords: the tags of the CKAN record and the dcat:keyword of the DCAT record.
    keywords: tuple[str, ...]
    licenses: tuple[Licence, ...] = Field(min_length=1)
    sources: tuple[Source, ...] = ()

    def descriptor(self, key: Literal["licenses", "sources"]) -> list[dict[str, str]]:
        """The licences or sources as Data Package descriptors (no empty keys)."""
        return [entry.model_dump(exclude_none=True) for entry in getattr(self, key)]


class RowCheck(_Strict):
    """A check of what a site's rows must say together ([[checks]] in tables.toml):
    - unique_within: `fields` appear once per `within` group;
    - contains: `field` matches `pattern` somewhere;
    - ends_before_break: the last item of a `group` on a page the group runs on from ends
      with `pattern`, where the other items `alike` it do (an item cut off at a page end).
    Failures are reported under `check`."""

    table: str
    kind: Literal["unique_within", "contains", "ends_before_break"]
    check: str
    field: str | None = None
    fields: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    pattern: str | None = None
    group: str | None = None
    page: str | None = None
    order: tuple[str, ...] = ()
    alike: tuple[str, ...] = ()
    last_page: str | None = None  # "table.column": where each group's last page is

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of `table` the check reads."""
        single = [name for name in (self.field, self.group, self.page) if name is not None]
        return (*self.within, *self.fields, *single, *self.order, *self.alike)


class Registry(_Strict):
    package: Package
    tables: tuple[Table, ...]
    checks: tuple[RowCheck, ...] = ()

    @property
    def table_names(self) -> list[str]:
        return [table.name for table in self.tables]

    def table(self, name: str) -> Table:
        return next(table for table in self.tables if table.name == name)

    def referenced_fields(self, name: str) -> list[tuple[str, ...]]:
        """The column sets of table `name` that other tables' foreign keys point at."""
        return [
            key.reference_fields
            for table in self.tables
            for key in table.foreign_keys
            if key.table == name
        ]


def quoted(name: str) -> str:
    """An SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def quoted_names(names: Sequence[str]) -> str:
    return ", ".join(quoted(name) for name in names)


def _with_fields(document: dict[str, Any]) -> dict[str, Any]:
    """The registry document with every `field = "<name>"` column replaced by the shared
    definition it names, merged with the keys the column states itself."""
    definitions = {
        name: FieldDefinition.model_validate(entry)
        for name, entry in document.pop("fields", {}).items()
    }
    for table in document.get("tables", []):
        columns = []
        for entry in table.get("columns", []):
            name = entry.get("field")
            if name is None:
                columns.append(entry)
                continue
            if name not in definitions:
                raise ValueError(f"{table.get('name')}: no [fields.{name}] for its column")
            shared = definitions[name].model_dump(exclude_defaults=True)
            own = {key: value for key, value in entry.items() if key != "field"}
            columns.append({"name": name, **shared, **own})
        table["columns"] = columns
    return document


def _inconsistencies(registry: Registry) -> list[str]:
    """Names the registry uses that it does not define, and foreign keys whose two sides
    would be stored as different types: caught here, not as a KeyError mid-build or a
    join that fails in one library and not another."""
    problems: list[str] = []
    by_name = {table.name: table for table in registry.tables}
    if len(by_name) != len(registry.tables):
        problems.append("a table name is used twice")
    for table in registry.tables:
        names = table.column_names
        if len(set(names)) != len(names):
            problems.append(f"{table.name}: a column name is used twice")
        listed = {
            "primary_key": table.primary_key,
            "sort_by": table.sort_by,
            "facets": table.facets,
            "search": table.search,
            "printed_order": (table.printed_order,) if table.printed_order else (),
            "label": (table.label,) if table.label else (),
        }
        for key_name, key in listed.items():
            problems += [f"{table.name}.{key_name}: no column {n}" for n in key if n not in names]
        problems += [
            f"{table.name}.search: {n} is not a string column"
            for n in table.search
            if n in names and table.column(n).type != "string"
        ]
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
            if len(foreign_key.fields) != len(foreign_key.reference_fields):
                problems.append(f"{table.name} foreign key to {foreign_key.table}: field counts")
                continue
            for own, other in zip(foreign_key.fields, foreign_key.reference_fields, strict=True):
                if own not in names or other not in target.column_names:
                    continue
                ours, theirs = table.column(own), target.column(other)
                if (ours.type, ours.is_dictionary_encoded) != (
                    theirs.type,
                    theirs.is_dictionary_encoded,
                ):
                    problems.append(
                        f"{table.name}.{own} and {foreign_key.table}.{other}: a foreign key "
                        "whose two sides are stored as different types"
                    )
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
    try:
        registry = Registry.model_validate(_with_fields(document))
    except ValidationError as exc:
        raise ValueError(f"{path}: {exc}") from exc
    problems = _inconsistencies(registry)
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return registry
