"""output/xlsx/safeguarding_early_adopters.xlsx read back with openpyxl: every cell of every
table sheet equals the CSV's, typographic characters intact, the README and dictionary
sheets, fixed document properties and the same bytes from every build."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import openpyxl
import pytest

from pipeline.metadata.registry import Column, table_registry
from tests.support.committed import committed_output
from tests.support.outputs import run_in_new_interpreter
from tests.support.paths import COMMITTED_PDF, MANIFEST

WORKBOOK = "xlsx/safeguarding_early_adopters.xlsx"


@pytest.fixture(scope="module")
def out() -> Path:
    return committed_output()


@pytest.fixture(scope="module")
def workbook(out: Path):
    return openpyxl.load_workbook(out / WORKBOOK)


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def as_csv_text(column: Column | None, value: object) -> str:
    """A cell as the CSV writes the same value: numbers by their type, dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if column is not None and column.type == "number":
        return str(float(value))
    return str(value)


def test_the_sheets_are_readme_every_table_and_the_dictionary(workbook) -> None:
    assert workbook.sheetnames == ["README", *table_registry().table_names, "dictionary"]


def test_every_cell_of_every_table_equals_the_csv(out: Path, workbook) -> None:
    for table in table_registry().tables:
        sheet = workbook[table.name]
        expected = csv_rows(out / "csv" / f"{table.name}.csv")
        columns = [table.column(name) for name in expected[0]]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert rows[0] == expected[0]
        assert [
            [as_csv_text(column, value) for column, value in zip(columns, row, strict=True)]
            for row in rows[1:]
        ] == expected[1:], table.name
        for column, cell in zip(columns, sheet[2], strict=True):
            if column.type in ("integer", "number") and cell.value is not None:
                assert cell.data_type == "n", column.name  # numbers as numbers, not text
    sites = [row[1] for row in workbook["sites"].iter_rows(min_row=2, values_only=True)]
    assert "Stoke on Trent, Staffordshire" in sites
    publishers = [row[2] for row in workbook["documents"].iter_rows(min_row=2, values_only=True)]
    assert publishers == ["National Children’s Bureau"]  # the typographic apostrophe intact


def test_the_dictionary_sheet_is_the_dictionary_csv(out: Path, workbook) -> None:
    rows = [
        [as_csv_text(None, value) for value in row]
        for row in workbook["dictionary"].iter_rows(values_only=True)
    ]
    assert rows == csv_rows(out / "data_dictionary.csv")


def test_the_readme_sheet_names_source_licences_and_version(workbook) -> None:
    about = {}
    for name, text in workbook["README"].iter_rows(min_row=2, values_only=True):
        about.setdefault(name, []).append(text)
    package = table_registry().package
    assert about["Dataset"] == [package.title]
    assert about["Source"][0].startswith(
        "Safeguarding Early Adopters: Overview of multi-agency safeguarding learning themes "
        "(National Children’s Bureau), ncb-safeguarding-early-adopters-overview.pdf, "
        "sha256 5680880e"
    )
    assert [text.split(" https://")[0] for text in about["Licence"]] == [
        licence.title for licence in package.licenses
    ]
    assert about["Version"][0].startswith(f"Built by the {package.name} pipeline 0.1.0")
    assert set(about) >= set(table_registry().table_names)


def test_fixed_document_properties_and_the_same_bytes_every_build(
    out: Path, workbook, tmp_path: Path
) -> None:
    assert workbook.properties.created == datetime.datetime(1980, 1, 1)
    assert workbook.properties.modified == datetime.datetime(1980, 1, 1)
    assert workbook.properties.title == table_registry().package.title
    again = tmp_path / "again"
    result = run_in_new_interpreter(
        "build", "--source", str(COMMITTED_PDF), "--manifest", str(MANIFEST), "--out", str(again)
    )
    assert result.returncode == 0, result.stderr
    assert (again / WORKBOOK).read_bytes() == (out / WORKBOOK).read_bytes()
