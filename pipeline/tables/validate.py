"""Validate: every table against its registry schema (Pandera) and the tables against each other.

The Pandera schemas are rendered by the registry (Table.pandera_schema); this module runs
them and the checks that span tables (foreign keys, a site's rows in the other tables).

Nothing is published unless every check passes. All failures of all tables are
collected first (lazy validation) and reported together, one sorted line each, so a
broken edition is diagnosed in one run rather than one failure at a time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from pipeline.errors import ValidationError
from pipeline.metadata.registry import RowCheck, Table, table_registry

_LONGEST_VALUE = 60  # characters of a failing value shown in the report
# Pandera's checks of which columns a frame has, and in which order, named for the report.
_COLUMN_SET_CHECKS = {
    "column_in_dataframe": "column present",
    "column_in_schema": "a column of the registry",
    "column_ordered": "in registry order",
}


@dataclass(frozen=True, order=True)
class Failure:
    """One failed check on one value: the report prints one line per Failure, sorted."""

    table: str
    column: str  # "" when the check is about the whole table
    check: str
    value: str  # as shown in the report
    row: int  # index label of the row; -1 when the check is about no single row

    def line(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        parts = [where, self.check, self.value] if self.value else [where, self.check]
        row = f" (row {self.row})" if self.row >= 0 else ""
        return ": ".join(parts) + row


def shown(value: object) -> str:
    """A failing value as the report shows it: strings quoted, missing named, long text cut."""
    if isinstance(value, tuple):
        return ", ".join(shown(part) for part in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "missing"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        if len(value) > _LONGEST_VALUE:
            value = value[: _LONGEST_VALUE - 1] + "…"
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _schema_failures(table: Table, frame: pd.DataFrame, cases: pd.DataFrame) -> Iterator[Failure]:
    """Pandera's failure cases as Failures: one per composite-key row, none after a wrong dtype.

    Once a column has the wrong dtype, its value checks fail with exception text rather
    than values; the dtype failure alone says what is wrong.
    """
    wrong_dtype = set(cases.loc[cases["check"].str.startswith("dtype("), "column"])
    key = list(table.primary_key)
    key_rows: set[int] = set()
    for case in cases.itertuples(index=False):
        column = case.column if isinstance(case.column, str) else ""
        row = int(case.index) if pd.notna(case.index) else -1
        if column in wrong_dtype and not case.check.startswith("dtype("):
            continue
        if case.check == "multiple_fields_uniqueness":
            if row not in key_rows:
                key_rows.add(row)
                value = tuple(frame.loc[case.index, key])
                yield Failure(table.name, ",".join(key), "unique", shown(value), row)
            continue
        if case.check in _COLUMN_SET_CHECKS:  # these name the column in failure_case
            check = _COLUMN_SET_CHECKS[case.check]
            yield Failure(table.name, str(case.failure_case), check, "", -1)
        elif case.check.startswith("dtype("):  # failure_case is the dtype found
            yield Failure(table.name, column, case.check, str(case.failure_case), -1)
        else:
            yield Failure(table.name, column, case.check, shown(case.failure_case), row)


def _broken_columns(failures: list[Failure]) -> set[tuple[str, str]]:
    """Columns the cross-table checks cannot read: absent or of the wrong dtype."""
    return {
        (failure.table, failure.column)
        for failure in failures
        if failure.check.startswith("dtype(") or failure.check == "column present"
    }


def _usable(
    tables: Mapping[str, pd.DataFrame],
    broken: set[tuple[str, str]],
    table: str,
    columns: tuple[str, ...],
) -> pd.DataFrame | None:
    frame = tables.get(table)
    if frame is None or any(
        (table, column) in broken or column not in frame.columns for column in columns
    ):
        return None
    return frame


def _foreign_key_failures(
    tables: Mapping[str, pd.DataFrame], broken: set[tuple[str, str]]
) -> Iterator[Failure]:
    for table in table_registry().tables:
        for key in table.foreign_keys:
            child = _usable(tables, broken, table.name, key.fields)
            parent = _usable(tables, broken, key.table, key.reference_fields)
            if child is None or parent is None:
                continue
            known = set(parent[list(key.reference_fields)].itertuples(index=False, name=None))
            check = f"foreign key to {key.table}.{','.join(key.reference_fields)}"
            values = child[list(key.fields)].itertuples(index=False, name=None)
            for row, value in zip(child.index, values, strict=True):
                if value not in known and not any(pd.isna(part) for part in value):
                    shown_value = shown(value if len(value) > 1 else value[0])
                    yield Failure(table.name, ",".join(key.fields), check, shown_value, int(row))


def _site_failures(
    tables: Mapping[str, pd.DataFrame], broken: set[tuple[str, str]]
) -> Iterator[Failure]:
    """The rules that tie a site to its rows in the other tables."""
    sites = _usable(
        tables, broken, "sites", ("site_id", "page_start", "page_end", "n_local_authorities")
    )
    if sites is None:
        return
    authorities = _usable(tables, broken, "local_authorities", ("site_id",))
    if authorities is not None:
        counts = authorities["site_id"].value_counts()
        for row, site in sites.iterrows():
            expected = int(counts.get(site["site_id"], 0))
            count = site["n_local_authorities"]
            if count != expected:
                check = f"equals its rows in local_authorities ({expected})"
                yield Failure("sites", "n_local_authorities", check, shown(count), int(row))
    for child_name in ("site_themes", "approaches"):
        child = _usable(tables, broken, child_name, ("site_id",))
        if child is None:
            continue
        without = ~sites["site_id"].isin(child["site_id"])
        for row, site_id in sites.loc[without, "site_id"].items():
            yield Failure("sites", "site_id", f"has rows in {child_name}", shown(site_id), int(row))
    for row, site in sites[sites["page_end"] < sites["page_start"]].iterrows():
        check = f"not before page_start ({site['page_start']})"
        yield Failure("sites", "page_end", check, shown(site["page_end"]), int(row))
    approaches = _usable(tables, broken, "approaches", ("site_id", "page"))
    if approaches is None:
        return
    pages = sites.drop_duplicates("site_id").set_index("site_id")[["page_start", "page_end"]]
    placed = approaches.join(pages, on="site_id", how="inner")
    outside = placed[
        (placed["page"] < placed["page_start"]) | (placed["page"] > placed["page_end"])
    ]
    for row, item in outside.iterrows():
        check = f"within its site's pages ({item['page_start']}-{item['page_end']})"
        yield Failure("approaches", "page", check, shown(item["page"]), int(row))


def _theme_link_failures(
    tables: Mapping[str, pd.DataFrame], broken: set[tuple[str, str]]
) -> Iterator[Failure]:
    """An approach's theme_link says how its theme_id was set: both are filled or neither,
    and a printed-theme link names one of the site's own printed themes."""
    approaches = _usable(tables, broken, "approaches", ("site_id", "theme_id", "theme_link"))
    if approaches is None:
        return
    unpaired = approaches["theme_id"].isna() != approaches["theme_link"].isna()
    for row, link in approaches.loc[unpaired, "theme_link"].items():
        yield Failure("approaches", "theme_link", "filled where theme_id is", shown(link), int(row))
    site_themes = _usable(tables, broken, "site_themes", ("site_id", "theme_id"))
    if site_themes is None:
        return
    printed = set(site_themes[["site_id", "theme_id"]].itertuples(index=False, name=None))
    for row, item in approaches[approaches["theme_link"] == "printed-theme"].iterrows():
        if (item["site_id"], item["theme_id"]) not in printed:
            check = "printed-theme: one of the site's themes in site_themes"
            yield Failure("approaches", "theme_id", check, shown(item["theme_id"]), int(row))


def _repeated(check: RowCheck, frame: pd.DataFrame, tables: Tables) -> Iterator[Failure]:
    fields = list(check.fields)
    repeated = frame[frame.duplicated(subset=[*check.within, *fields], keep=False)]
    for row, values in zip(
        repeated.index, repeated[fields].itertuples(index=False, name=None), strict=True
    ):
        value = values if len(values) > 1 else values[0]
        yield Failure(check.table, ",".join(fields), check.check, shown(value), int(row))


def _without_match(check: RowCheck, frame: pd.DataFrame, tables: Tables) -> Iterator[Failure]:
    field = str(check.field)
    values = frame[field]
    found = values.astype(str).str.contains(str(check.pattern), regex=True)
    for row, value in values[~found].items():
        yield Failure(check.table, field, check.check, shown(value), int(row))


def _cut_at_break(check: RowCheck, frame: pd.DataFrame, tables: Tables) -> Iterator[Failure]:
    group, page, field = str(check.group), str(check.page), str(check.field)
    source_name, last_column = str(check.last_page).split(".")
    source = tables.get(source_name)
    if source is None or last_column not in source.columns or group not in source.columns:
        return
    last_pages = source.drop_duplicates(group).set_index(group)[last_column]
    ordered = frame.sort_values([group, page, *check.order])
    last_on_page = ordered.drop_duplicates([group, page], keep="last")
    runs_on = last_on_page[page] < last_on_page[group].map(last_pages)
    ending = re.compile(f"(?:{check.pattern})$")
    ends = frame[field].astype(str).map(lambda text: bool(ending.search(text)))
    alike = list(check.alike)
    for row, item in last_on_page[runs_on].iterrows():
        if ends[row]:
            continue
        others = (frame[alike] == item[alike]).all(axis=1) & (frame.index != row)
        if others.any() and ends[others].all():
            yield Failure(check.table, field, check.check, shown(item[field]), int(row))


Tables = Mapping[str, pd.DataFrame]
_CHECK_KINDS: dict[str, Callable[[RowCheck, pd.DataFrame, Tables], Iterator[Failure]]] = {
    "unique_within": _repeated,
    "contains": _without_match,
    "ends_before_break": _cut_at_break,
}


def _declared_failures(
    tables: Mapping[str, pd.DataFrame], broken: set[tuple[str, str]]
) -> Iterator[Failure]:
    """The registry's [[checks]], each on a table whose columns it reads are usable."""
    for check in table_registry().checks:
        frame = _usable(tables, broken, check.table, check.columns)
        if frame is not None:
            yield from _CHECK_KINDS[check.kind](check, frame, tables)


def _failures(tables: Mapping[str, pd.DataFrame], page_count: int) -> list[Failure]:
    registry = table_registry()
    failures = [
        Failure(name, "", "a table of the registry", "unexpected table", -1)
        for name in tables
        if name not in registry.table_names
    ]
    for table in registry.tables:
        frame = tables.get(table.name)
        if frame is None:
            failures.append(Failure(table.name, "", "table present", "missing", -1))
            continue
        if frame.empty:
            failures.append(Failure(table.name, "", "has rows", "none", -1))
        try:
            table.pandera_schema(tables, page_count).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            failures += _schema_failures(table, frame, errors.failure_cases)
    broken = _broken_columns(failures)
    failures += _foreign_key_failures(tables, broken)
    failures += _site_failures(tables, broken)
    failures += _theme_link_failures(tables, broken)
    failures += _declared_failures(tables, broken)
    return sorted(set(failures))


def report(failures: list[Failure]) -> str:
    """The failures as a message: a summary line saying what to do, then one line each."""
    per_table: dict[str, int] = {}
    for failure in failures:
        per_table[failure.table] = per_table.get(failure.table, 0) + 1
    where = ", ".join(f"{table} ({count})" for table, count in per_table.items())
    plural = "s" if len(failures) != 1 else ""
    summary = (
        f"{len(failures)} validation failure{plural} in {where}; nothing was published. Each "
        "line is table.column: check: value (row): fix the parser or the reference data that "
        "produced it."
    )
    return "\n".join([summary, *(failure.line() for failure in failures)])


def validated_tables(
    tables: Mapping[str, pd.DataFrame], page_count: int
) -> dict[str, pd.DataFrame]:
    """The tables, unchanged and in registry order, once every check has passed.

    Raises ValidationError with the whole report otherwise.
    """
    failures = _failures(tables, page_count)
    if failures:
        raise ValidationError(report(failures))
    return {name: tables[name] for name in table_registry().table_names}


def load_validation_backends() -> None:
    """Have Pandera load its pandas backends, which it does at its first validation (about
    0.03 s of imports): a build calls this while its pages are parsed (pipeline.run), so
    that the validation stage, after the parsing, does not wait for them. One value is
    checked against a one-column schema; the result is of no interest."""
    schema = pa.DataFrameSchema(
        {"value": pa.Column(str, pa.Check(lambda s: s.str.len() > 0), unique=True)},
        strict=True,
        ordered=True,
    )
    schema.validate(pd.DataFrame({"value": ["loaded"]}), lazy=True)
