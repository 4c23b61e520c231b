"""The published tables as one Excel workbook, for spreadsheet users.

A UTF-8 CSV without a byte-order mark opens in Excel as mojibake ("Childrenâ€™s"); a
workbook carries its text as Unicode, so the publication's typographic quotes and dashes
arrive intact. One sheet per table, in the CSV's rows and columns, numbers as numbers and
dates as dates, a "README" sheet first (what the dataset is, its source, licences and
version) and a "dictionary" sheet last (the data dictionary's rows). XlsxWriter writes
every part of the file from these values alone, with fixed document properties and zip
timestamps, so the same tables give the same bytes.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pipeline import __version__
from pipeline.metadata.registry import Table, table_registry

WORKBOOK = "xlsx/safeguarding_early_adopters.xlsx"
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
README_SHEET = "README"
DICTIONARY_SHEET = "dictionary"
# The workbook's created and modified time: fixed (the start of the zip format's clock, as
# XlsxWriter sets the zip entries'), so that nothing in the file depends on when it was built.
DOCUMENT_TIME = datetime.datetime(1980, 1, 1)
WIDEST_COLUMN = 60  # characters: longer text wraps in the cell rather than widening it
DATE_FORMAT = "yyyy-mm-dd"


def _cell_value(value: object) -> object:
    """A value as the workbook holds it: None for a missing value, no numpy scalars."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _write_rows(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    formats: Mapping[str, Any],
    dates: frozenset[int] = frozenset(),
) -> None:
    """A header row and the rows under it, strings always as text, a filter on the header
    and the header kept in view; column widths from the longest value."""
    sheet.write_row(0, 0, header, formats["header"])
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row):
            if value is None:
                continue
            if column_number in dates:
                day = datetime.date.fromisoformat(str(value))
                sheet.write_datetime(row_number, column_number, day, formats["date"])
            elif isinstance(value, str):
                sheet.write_string(row_number, column_number, value, formats["text"])
            else:
                sheet.write_number(row_number, column_number, value)
    for column_number, name in enumerate(header):
        longest = max([len(name)] + [len(str(row[column_number] or "")) for row in rows])
        sheet.set_column(column_number, column_number, min(longest, WIDEST_COLUMN) + 2)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(header) - 1)


def _table_rows(table: Table, frame: pd.DataFrame) -> list[list[object]]:
    return [
        [_cell_value(value) for value in row]
        for row in frame[table.column_names].itertuples(index=False, name=None)
    ]


def _readme_rows(tables: Mapping[str, pd.DataFrame]) -> list[list[object]]:
    """What the dataset is, where it comes from, under which licences, built by what."""
    registry = table_registry()
    package = registry.package
    rows: list[list[object]] = [
        ["Dataset", package.title],
        ["Description", package.description],
    ]
    documents = registry.table("documents").sorted_rows(tables["documents"])
    for document in documents.itertuples(index=False):
        publisher = f" ({document.publisher})" if isinstance(document.publisher, str) else ""
        source = f"{document.title}{publisher}, {document.source_file}"
        rows.append(["Source", f"{source}, sha256 {document.sha256}"])
        if isinstance(document.source_url, str):
            rows.append(["Source web address", document.source_url])
    rows += [
        ["Licence", licence.title + (f" {licence.path}" if licence.path else "")]
        for licence in package.licenses
    ]
    rows.append(
        [
            "Version",
            f"Built by the {package.name} pipeline {__version__}; a release names its own "
            "version in its datapackage.json and CHANGELOG.md.",
        ]
    )
    rows.append(
        [
            "Sheets",
            f"One sheet per table, then {DICTIONARY_SHEET}: every column's type, meaning, "
            "values and an example. An empty cell is a missing value.",
        ]
    )
    rows += [
        [table.name, f"{table.description} Rows: {len(tables[table.name])}."]
        for table in registry.tables
    ]
    return rows


def workbook_bytes(
    tables: Mapping[str, pd.DataFrame], dictionary_rows: Sequence[Mapping[str, str]]
) -> bytes:
    """The workbook of validated tables and their data dictionary."""
    registry = table_registry()
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            # Text stays text: no number, formula or link guessed from a string.
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    workbook.set_properties(
        {
            "title": registry.package.title,
            "subject": registry.package.description,
            "author": registry.package.name,
            "created": DOCUMENT_TIME,
        }
    )
    formats = {
        "header": workbook.add_format({"bold": True}),
        "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "date": workbook.add_format({"num_format": DATE_FORMAT, "valign": "top"}),
    }
    readme = workbook.add_worksheet(README_SHEET)
    _write_rows(readme, ["about", "text"], _readme_rows(tables), formats)
    for table in registry.tables:
        dates = frozenset(n for n, column in enumerate(table.columns) if column.type == "date")
        _write_rows(
            workbook.add_worksheet(table.name),
            table.column_names,
            _table_rows(table, table.sorted_rows(tables[table.name])),
            formats,
            dates,
        )
    header = list(dictionary_rows[0])
    _write_rows(
        workbook.add_worksheet(DICTIONARY_SHEET),
        header,
        [[row[name] or None for name in header] for row in dictionary_rows],
        formats,
    )
    workbook.close()
    return buffer.getvalue()
