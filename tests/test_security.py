"""What a build trusts and what it refuses (README): a patched PDF parser, no network, no
code or pickles from the input, and output paths that the input cannot choose."""

from __future__ import annotations

import ast
import json
import re
import socket
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version

from pipeline.cli import main
from tests import inputs
from tests.outputs import ROOT, assert_complete_output, contract_files, snapshot

PIPELINE = ROOT / "pipeline"
# Modules that turn bytes into live objects or code: nothing read from a PDF, a cache or
# the reference data may go through them.
UNSAFE_MODULES = frozenset({"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "marshal"})
UNSAFE_MODULES |= {"shelve", "joblib", "jsonpickle", "yaml"}
UNSAFE_BUILTINS = frozenset({"eval", "exec", "compile", "__import__"})
# methods that evaluate a string or unpickle (pandas' DataFrame.eval and read_pickle)
UNSAFE_METHODS = frozenset({"eval", "exec", "read_pickle", "to_pickle"})


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
    assert created == expected
    assert {name: after[name] for name in before} == before
    documents = (out / "csv" / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert documents[1].startswith("evil,../../evil: ../../../tmp/evil-subtitle,/etc/evil,")
    assert not (tmp_path.parent / "evil").exists()


def _modules() -> list[Path]:
    modules = sorted(PIPELINE.rglob("*.py"))
    assert PIPELINE / "extract.py" in modules
    return modules


def _problems(module: Path) -> list[str]:
    """Unsafe imports and calls in a module's source, in the order they appear."""
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    problems = []
    for node in sorted(
        (node for node in ast.walk(tree) if hasattr(node, "lineno")),
        key=lambda node: (node.lineno, node.col_offset),
    ):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        problems += [name for name in names if name.split(".")[0] in UNSAFE_MODULES]
        if isinstance(node, ast.Call):
            function = node.func
            if (isinstance(function, ast.Name) and function.id in UNSAFE_BUILTINS) or (
                isinstance(function, ast.Attribute) and function.attr in UNSAFE_METHODS
            ):
                problems.append(f"{ast.unparse(function)}() on line {node.lineno}")
            problems += [
                f"allow_pickle=True on line {node.lineno}"
                for keyword in node.keywords
                if keyword.arg == "allow_pickle"
                and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False)
            ]
    return problems


@pytest.mark.parametrize("module", _modules(), ids=lambda path: path.name)
def test_nothing_is_unpickled_or_evaluated(module: Path) -> None:
    assert _problems(module) == []


def test_the_scan_would_see_a_pickle(tmp_path: Path) -> None:
    """The check above is not vacuous: it flags each form it looks for, and not re.compile."""
    module = tmp_path / "unsafe.py"
    module.write_text(
        "import pickle\nfrom marshal import loads\nimport re\nx = eval('1')\n"
        "frame.eval('a + b')\npd.read_pickle(path)\nnp.load(path, allow_pickle=True)\n"
        "pattern = re.compile('x')\n",
        encoding="utf-8",
    )
    assert _problems(module) == [
        "pickle",
        "marshal",
        "eval() on line 4",
        "frame.eval() on line 5",
        "pd.read_pickle() on line 6",
        "allow_pickle=True on line 7",
    ]


def test_the_layout_cache_is_json_if_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The layout cache (pipeline/cache.py, where present) keeps what it read as JSON text,
    never as a pickle: an entry read back can hold data, not code."""
    if not (PIPELINE / "cache.py").exists():
        pytest.skip("no layout cache (pipeline/cache.py) in this checkout")
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
