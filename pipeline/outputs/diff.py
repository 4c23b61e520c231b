"""What changed between two published editions, table by table, named by stable ids.

A publisher has to say in the CHANGELOG which sites, authorities, themes and approaches a
new release added, dropped or corrected; reading two sets of CSVs by eye misses things.

A row's id is its table's primary key from the registry (schemas/tables.toml). A key of
one column is that column's value (`tameside`, `tameside-s2-i1`); a composite key is its
values joined by "/" in key order (local_authorities `tameside/2` is site_id `tameside`,
la_order 2). No key value contains "/": site ids are slugs and orders are integers.
A row is "added" when its id is only in the new edition, "removed" when only in the old,
and "changed" when the id is in both and any other column's text differs (the CSVs are
compared as text, so 1.0 and 1 differ). Ids are listed in the published row order: the
new edition's for added and changed rows, the old edition's for removed ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.metadata.registry import Table, table_registry
from pipeline.outputs.published import read_csv, read_datapackage

ID_SEPARATOR = "/"


@dataclass(frozen=True)
class TableDiff:
    """One table's changes: ids added and removed, and for each changed id its columns."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: dict[str, tuple[str, ...]]
    columns_added: tuple[str, ...]
    columns_removed: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def row_id(table: Table, row: dict[str, str]) -> str:
    """The id the diff names a row by: its primary key values joined by "/"."""
    return ID_SEPARATOR.join(row[name] for name in table.primary_key)


def _keyed_rows(folder: Path, table: Table) -> tuple[list[str], dict[str, dict[str, str]]]:
    header, rows = read_csv(folder, table.name)
    path = folder / "csv" / f"{table.name}.csv"
    missing = [name for name in table.primary_key if name not in header]
    if missing:
        raise SourceError(f"{path}: no key column {', '.join(missing)}; not a published table")
    keyed: dict[str, dict[str, str]] = {}
    for row in rows:
        key = row_id(table, row)
        if key in keyed:
            raise SourceError(f"{path}: the id {key!r} is on two rows; not a published table")
        keyed[key] = row
    return header, keyed


def diff_table(old: Path, new: Path, table: Table) -> TableDiff:
    """The changes to one table from the old edition's folder to the new one's."""
    old_header, old_rows = _keyed_rows(old, table)
    new_header, new_rows = _keyed_rows(new, table)
    columns = old_header + [name for name in new_header if name not in old_header]
    changed = {}
    for key, row in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            continue
        differing = tuple(name for name in columns if before.get(name) != row.get(name))
        if differing:
            changed[key] = differing
    return TableDiff(
        added=tuple(key for key in new_rows if key not in old_rows),
        removed=tuple(key for key in old_rows if key not in new_rows),
        changed=changed,
        columns_added=tuple(name for name in new_header if name not in old_header),
        columns_removed=tuple(name for name in old_header if name not in new_header),
    )


def diff_editions(old: Path, new: Path) -> dict[str, TableDiff]:
    """Every registry table's changes, in registry order; both folders must be outputs."""
    read_datapackage(old)
    read_datapackage(new)
    return {table.name: diff_table(old, new, table) for table in table_registry().tables}


def as_json(diffs: dict[str, TableDiff]) -> str:
    """{"<table>": {"added": [ids], "removed": [ids], "changed": [ids]}}, for scripts."""
    shaped = {
        name: {"added": list(d.added), "removed": list(d.removed), "changed": list(d.changed)}
        for name, d in diffs.items()
    }
    return json.dumps(shaped, indent=2, ensure_ascii=False) + "\n"


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(f"`{key}`" for key in ids)


def as_markdown(diffs: dict[str, TableDiff]) -> str:
    """A summary table and the ids per table, ready to paste under a CHANGELOG heading."""
    lines = [
        "### Data changes",
        "",
        "Rows added, removed and changed per table, by id (a composite key is its values "
        'joined by "/"; a changed row lists the columns that differ).',
        "",
        "| table | added | removed | changed |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {len(d.added)} | {len(d.removed)} | {len(d.changed)} |"
        for name, d in diffs.items()
    ]
    if all(d.is_empty and not d.columns_added and not d.columns_removed for d in diffs.values()):
        lines += ["", "No row was added, removed or changed."]
    for name, d in diffs.items():
        details = []
        if d.columns_added:
            details.append(f"- Columns added: {_ids(d.columns_added)}")
        if d.columns_removed:
            details.append(f"- Columns removed: {_ids(d.columns_removed)}")
        if d.added:
            details.append(f"- Added ({len(d.added)}): {_ids(d.added)}")
        if d.removed:
            details.append(f"- Removed ({len(d.removed)}): {_ids(d.removed)}")
        if d.changed:
            changed = ", ".join(
                f"`{key}` ({', '.join(columns)})" for key, columns in d.changed.items()
            )
            details.append(f"- Changed ({len(d.changed)}): {changed}")
        if details:
            lines += ["", f"#### {name}", "", *details]
    return "\n".join(lines) + "\n"
