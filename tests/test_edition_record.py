"""documents.published and documents.source_url: what raw/manifest.json records of the
edition, through the real command; a malformed record stops the build and publishes nothing."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tests.support.command import run_cli
from tests.support.committed import committed_output
from tests.support.outputs import output_state
from tests.support.paths import COMMITTED_PDF, MANIFEST


def documents(out: Path) -> list[dict[str, str]]:
    with (out / "csv" / "documents.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def manifest_with(tmp_path: Path, **record: object) -> Path:
    """A copy of the committed manifest with the edition's record changed."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    manifest["editions"][0].update(record)
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return path


def build(out: Path, manifest: Path):
    return run_cli(
        "build", "--source", str(COMMITTED_PDF), "--manifest", str(manifest), "--out", str(out)
    )


def test_the_committed_edition_records_its_address_and_no_date() -> None:
    """The publication prints no date: it is published as unknown, not guessed."""
    [row] = documents(committed_output())
    edition = json.loads(MANIFEST.read_text(encoding="utf-8"))["editions"][0]
    assert edition["published"] is None
    assert row["published"] == ""
    assert (
        row["source_url"]
        == edition["source_url"]
        == (
            "https://www.basw.co.uk/resources/"
            "safeguarding-early-adopters-overview-multi-agency-safeguarding-learning-themes"
        )
    )


def test_a_recorded_date_is_published_as_a_date(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(out, manifest_with(tmp_path, published="2018-06-29", source_url=None))
    assert result.returncode == 0, result.stderr
    [row] = documents(out)
    assert (row["published"], row["source_url"]) == ("2018-06-29", "")
    table = pq.read_table(out / "parquet" / "documents.parquet")
    assert table.schema.field("published").type == pa.date32()
    assert table.column("published").to_pylist() == [datetime.date(2018, 6, 29)]
    assert table.column("source_url").to_pylist() == [None]


def test_a_date_not_written_as_iso_stops_the_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(out, MANIFEST).returncode == 0
    before = output_state(out)
    manifest = manifest_with(tmp_path, published="29 June 2018")
    result = build(out, manifest)
    assert result.returncode == 6
    assert result.stderr == (
        f"error: {manifest}: ncb-safeguarding-early-adopters-overview.pdf: published "
        "'29 June 2018' is not a date written YYYY-MM-DD; correct it, or write null where "
        "the date is unknown\n"
    )
    assert output_state(out) == before


def test_an_address_that_is_not_a_web_address_stops_the_build(tmp_path: Path) -> None:
    manifest = manifest_with(tmp_path, source_url="www.basw.co.uk/resources")
    result = build(tmp_path / "out", manifest)
    assert result.returncode == 6
    assert "source_url 'www.basw.co.uk/resources' is not a web address" in result.stderr
    assert not (tmp_path / "out").exists()
