"""release, diff and serve trust nothing in the folder they are given: every path of its
datapackage.json must stay inside the folder and name a file build publishes, every
resource must carry what the records need, and every file's bytes must match their recorded
hash before they are used. Anything else is one line, exit 3, and nothing written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.command import run_cli
from tests.support.outputs import snapshot
from tests.support.paths import ROOT

REBUILD = "publish it again with `make build` or `python -m pipeline build`"


def _edit_datapackage(out: Path, change: Callable[[list[dict]], None]) -> None:
    path = out / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor["resources"])
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _outside(out: Path) -> None:
    """A resource naming a file beside the folder, with its true size and hash."""
    secret = out.parent / "secret.csv"
    secret.write_text("password\nhunter2\n", encoding="utf-8")
    data = secret.read_bytes()

    def change(resources: list[dict]) -> None:
        resources[0]["path"] = "../secret.csv"
        resources[0]["bytes"] = len(data)
        resources[0]["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"

    _edit_datapackage(out, change)


def _untitled(out: Path) -> None:
    _edit_datapackage(out, lambda resources: resources[0].pop("title"))


def _unknown_suffix(out: Path) -> None:
    _edit_datapackage(out, lambda resources: resources[0].update(path="csv/documents.txt"))


CASES = [
    (_outside, "resource 1 (../secret.csv) points outside the folder"),
    (_untitled, "resource 1 (csv/documents.csv) has no title"),
    (
        _unknown_suffix,
        "resource 1 (csv/documents.txt) is not a file build publishes "
        "(.csv, .parquet, .md, .sqlite, .xlsx)",
    ),
]


@pytest.mark.parametrize(("damage", "problem"), CASES, ids=[c[0].__name__ for c in CASES])
def test_release_refuses_a_descriptor_it_cannot_trust(
    damage: Callable[[Path], None], problem: str, out_dir: Path, tmp_path: Path
) -> None:
    damage(out_dir)
    before = snapshot(out_dir.parent)
    dest = tmp_path / "release"

    config = str(ROOT / "release.example.toml")
    result = run_cli(
        "release", "0.1.0", "--out", str(out_dir), "--dest", str(dest), "--config", config
    )

    assert result.returncode == 3
    assert result.stderr == f"error: {out_dir / 'datapackage.json'}: {problem}; {REBUILD}\n"
    assert not dest.exists()
    assert snapshot(out_dir.parent) == before


def _changed_csv(out: Path) -> Path:
    path = out / "csv" / "sites.csv"
    path.write_bytes(path.read_bytes().replace(b"Tameside", b"Tamesidf", 1))
    return path


def test_diff_refuses_a_table_changed_after_the_build(out_dir: Path, previous_output: Path) -> None:
    changed = _changed_csv(out_dir)

    result = run_cli("diff", str(previous_output), str(out_dir))

    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == (
        f"error: {changed}: differs from the size and sha256 in datapackage.json (changed after "
        f"the build?); {REBUILD}\n"
    )


def test_serve_refuses_a_table_changed_after_the_build_before_writing(
    out_dir: Path, tmp_path: Path
) -> None:
    changed = _changed_csv(out_dir)
    portal = tmp_path / "portal"

    result = run_cli("serve", "--out", str(out_dir), "--portal-dir", str(portal), "--port", "1")

    assert result.returncode == 3
    assert result.stderr == (
        f"error: {changed}: differs from the size and sha256 in datapackage.json (changed after "
        f"the build?); {REBUILD}\n"
    )
    assert not portal.exists()
