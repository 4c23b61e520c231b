"""What a build trusts and what it refuses (README): a patched PDF parser, no network, no
code or pickles from the input, and output paths that the input cannot choose."""

from __future__ import annotations

import json
import re
import socket
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version

from pipeline.cli import main
from tests.support import inputs
from tests.support.outputs import assert_complete_output, contract_files, snapshot
from tests.support.paths import ROOT


def test_pdfminer_is_past_both_cmap_advisories() -> None:
    """CVE-2025-64512 and CVE-2025-70559 (CMap loading) are fixed in pdfminer.six 20251230."""
    assert int(version("pdfminer.six")) >= 20251230
    assert Version(version("pdfplumber")) >= Version("0.11.9")


def test_the_pinned_versions_are_the_patched_ones() -> None:
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line
    )
    assert int(pins["pdfminer.six"]) >= 20251230
    assert Version(pins["pdfplumber"]) >= Version("0.11.9")


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError(f"the build tried to use the network: {args!r}")


def test_a_build_needs_no_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, _no_network)
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("example.org", 443))  # the guard itself works
    out = tmp_path / "output"

    code = main(["build", "--source", str(inputs.COMMITTED_PDF), "--out", str(out), "-q"])

    assert code == 0, capsys.readouterr().err
    assert_complete_output(out)


def test_names_in_the_input_never_choose_where_files_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A source named "..evil.pdf" whose title, author and printed title are path tricks:
    the build writes the contract's files inside --out, its lock beside it and, where there
    is a layout cache, an entry named by a hash in the cache folder; nothing else."""
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))
    model = inputs.golden_model()
    model["title"] = "../../evil: ../../../tmp/evil-subtitle"
    model["publisher"] = "/etc/evil"
    (tmp_path / "source").mkdir()
    source = inputs.edition(tmp_path / "source", model, "..evil.pdf")
    out = tmp_path / "published" / "output"
    before = snapshot(tmp_path)

    code = main(["build", "--source", str(source), "--out", str(out), "-q"])

    assert code == 0, capsys.readouterr().err
    after = snapshot(tmp_path)
    cached = {name for name in after if re.fullmatch(r"cache/([0-9a-f]{64}\.json)?", name)}
    created = set(after) - set(before) - cached
    expected = {f"published/output/{name}" for name in contract_files()}
    expected |= {"published/", "published/output/", "published/output/csv/"}
    expected |= {"published/output/parquet/", "published/.output.lock"}
    expected |= {"published/output/sqlite/", "published/output/xlsx/"}
    assert created == expected
    assert {name: after[name] for name in before} == before
    documents = (out / "csv" / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert documents[1].startswith("evil,../../evil: ../../../tmp/evil-subtitle,/etc/evil,")
    assert not (tmp_path.parent / "evil").exists()


def test_the_layout_cache_is_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The layout cache (pipeline/read/cache.py) keeps what it read as JSON text, never as a
    pickle: an entry read back can hold data, not code. (That no module of pipeline/ unpickles
    or evaluates anything is ruff's S rules' job, in `make lint`.)"""
    cache = tmp_path / "cache"
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(cache))
    code = main(["build", "--source", str(inputs.COMMITTED_PDF), "--out", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err
    entries = sorted(cache.rglob("*.json"))
    assert entries, "the build stored no cache entry"
    for entry in entries:
        data = entry.read_bytes()
        assert not data.startswith(b"\x80"), f"{entry.name} is a pickle"
        for part in data.split(b"\n", 1):
            json.loads(part)
