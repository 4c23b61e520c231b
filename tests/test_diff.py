"""diff: the committed edition against a copy changed on purpose lists exactly those changes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.metadata.registry import table_registry
from pipeline.outputs.diff import as_markdown, diff_editions
from tests.support.committed import committed_output
from tests.support.outputs import record_in_datapackage

TRAFFORD_APPROACHES = [
    "trafford-s1-i1",
    "trafford-s1-i2",
    "trafford-s1-i3",
    "trafford-s2-i1",
    "trafford-s2-i2",
]


def read_table(folder: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    with (folder / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(folder: Path, table: str, header: list[str], rows: list[dict[str, str]]) -> None:
    with (folder / "csv" / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    record_in_datapackage(folder, f"csv/{table}.csv")


def edit(folder: Path, table: str, change) -> None:
    header, rows = read_table(folder, table)
    write_table(folder, table, header, change(rows))


@pytest.fixture(scope="module")
def old() -> Path:
    return committed_output()


@pytest.fixture(scope="module")
def new(old: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed edition with: Trafford dropped (all its rows), Oldham added to
    Tameside (and its count raised to 2), and the text of one Tameside item edited."""
    new = tmp_path_factory.mktemp("edition") / "output"
    shutil.copytree(old, new)
    for table in ("sites", "local_authorities", "site_themes", "approaches"):
        edit(new, table, lambda rows: [row for row in rows if row["site_id"] != "trafford"])

    def add_oldham(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        tameside = next(row for row in rows if row["site_id"] == "tameside")
        oldham = tameside | {
            "la_order": "2",
            "la_name": "Oldham",
            "la_name_ons": "Oldham",
            "la_code": "E08000004",
        }
        at = rows.index(tameside) + 1
        return [*rows[:at], oldham, *rows[at:]]

    def count_two(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [
            row | {"n_local_authorities": "2"} if row["site_id"] == "tameside" else row
            for row in rows
        ]

    def reword(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [
            row | {"item_text": row["item_text"] + " (revised)"}
            if row["approach_id"] == "tameside-s1-i1"
            else row
            for row in rows
        ]

    edit(new, "local_authorities", add_oldham)
    edit(new, "sites", count_two)
    edit(new, "approaches", reword)
    return new


def nothing() -> dict[str, list[str]]:
    return {"added": [], "removed": [], "changed": []}


def test_json_lists_exactly_the_changes_made(old: Path, new: Path, capsys) -> None:
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {
        "documents": nothing(),
        "sites": {"added": [], "removed": ["trafford"], "changed": ["tameside"]},
        "local_authorities": {"added": ["tameside/2"], "removed": ["trafford/1"], "changed": []},
        "site_themes": {"added": [], "removed": ["trafford/1", "trafford/2"], "changed": []},
        "themes": nothing(),
        "approaches": {"added": [], "removed": TRAFFORD_APPROACHES, "changed": ["tameside-s1-i1"]},
        "regions": nothing(),
    }
    assert captured.err == ""


def test_the_reverse_diff_swaps_added_and_removed(old: Path, new: Path) -> None:
    forward, backward = diff_editions(old, new), diff_editions(new, old)
    for table in table_registry().table_names:
        assert backward[table].added == forward[table].removed
        assert backward[table].removed == forward[table].added
        assert list(backward[table].changed) == list(forward[table].changed)


def test_markdown_summarises_each_table_for_the_changelog(old: Path, new: Path, capsys) -> None:
    assert main(["diff", str(old), str(new), "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("### Data changes\n")
    assert "| sites | 0 | 1 | 1 |" in text
    assert "| local_authorities | 1 | 1 | 0 |" in text
    assert "| themes | 0 | 0 | 0 |" in text
    assert (
        "#### sites\n\n- Removed (1): `trafford`\n- Changed (1): `tameside` (n_local_authorities)\n"
        in text
    )
    assert "- Added (1): `tameside/2`" in text
    assert "- Changed (1): `tameside-s1-i1` (item_text)" in text
    assert "#### themes" not in text and "#### regions" not in text
    assert "No row was added" not in text


def test_an_edition_against_itself_has_no_changes(old: Path) -> None:
    diffs = diff_editions(old, old)
    assert all(d.is_empty for d in diffs.values())
    assert "No row was added, removed or changed." in as_markdown(diffs)


def test_an_added_column_changes_every_row_and_is_named(old: Path, tmp_path: Path) -> None:
    new = tmp_path / "output"
    shutil.copytree(old, new)
    header, rows = read_table(new, "regions")
    write_table(new, "regions", [*header, "nation"], [row | {"nation": "England"} for row in rows])
    regions = diff_editions(old, new)["regions"]
    assert regions.columns_added == ("nation",)
    assert regions.changed == {row["region_code"]: ("nation",) for row in rows}
    assert "- Columns added: `nation`" in as_markdown(diff_editions(old, new))


def test_a_missing_folder_is_one_line_and_exit_3(old: Path, tmp_path: Path, capsys) -> None:
    assert main(["diff", str(tmp_path / "nowhere"), str(old)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "nowhere: no such folder" in err


def test_a_folder_that_build_did_not_write_is_refused(old: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "csv").mkdir()
    assert main(["diff", str(old), str(tmp_path)]) == 3
    assert "no readable datapackage.json" in capsys.readouterr().err


def test_a_table_with_a_repeated_id_is_refused(old: Path, tmp_path: Path, capsys) -> None:
    new = tmp_path / "output"
    shutil.copytree(old, new)
    edit(new, "regions", lambda rows: [*rows, rows[0]])
    assert main(["diff", str(old), str(new)]) == 3
    assert "the id 'E12000001' is on two rows" in capsys.readouterr().err
