"""What a test needs to say about an output folder: its exact state, and whether it is whole.

A failed or killed build must leave the folder byte for byte as it was, and a finished one
must leave every file of the data contract, each matching what datapackage.json records.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from pipeline.metadata.registry import table_registry
from tests.support.paths import ROOT


def contract_files() -> frozenset[str]:
    """The files of one output (README, "What comes out"), from the registry's table names."""
    tables = [table.name for table in table_registry().tables]
    return frozenset(
        [f"csv/{name}.csv" for name in tables]
        + [f"parquet/{name}.parquet" for name in tables]
        + ["datapackage.json", "data_dictionary.md", "data_dictionary.csv"]
        + ["sqlite/safeguarding_early_adopters.sqlite", "xlsx/safeguarding_early_adopters.xlsx"]
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under folder, hidden ones included: a file's sha256, a folder, a link."""
    state: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[name] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            state[name + "/"] = "folder"
        else:
            state[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def output_state(out: Path) -> dict[str, str]:
    """The files of an output folder with their sha256 ({} when the folder is missing)."""
    return {name: digest for name, digest in snapshot(out).items() if not name.endswith("/")}


def assert_complete_output(out: Path) -> None:
    """Every contract file present, nothing else, and each as datapackage.json describes it."""
    files = set(output_state(out))
    assert files == contract_files(), f"{out}: not a complete output: {sorted(files)}"
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    described = {resource["path"]: resource for resource in package["resources"]}
    assert set(described) == contract_files() - {"datapackage.json"}
    for path, resource in described.items():
        data = (out / path).read_bytes()
        assert resource["bytes"] == len(data), path
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), path


def beside(out: Path) -> set[str]:
    """What stands in the output's parent folder besides the output itself."""
    return {path.name for path in out.parent.iterdir()} - {out.name}


# The command line as a user types it, run by this interpreter: `python -m pipeline`.
PIPELINE = (sys.executable, "-m", "pipeline")
MAX_HASH_SEED = 4294967295


def run_in_new_interpreter(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m pipeline ARGS` in a new interpreter with a string-hash seed other than this
    process's: for a test that the bytes do not depend on the process that made them (a
    fork, tests/support/command.py, shares this one's seed and caches)."""
    seed = os.environ.get("PYTHONHASHSEED", "random")
    other = str(int(seed) % MAX_HASH_SEED + 1) if seed.isdigit() else "random"
    return subprocess.run(
        [*PIPELINE, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": other},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def documented_exit_codes() -> dict[int, str]:
    """The README's table of exit codes, code -> meaning."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    return {
        int(match["code"]): match["meaning"].strip()
        for match in re.finditer(r"^\| (?P<code>\d+) \| (?P<meaning>[^|]+)\|", section, re.M)
    }


def record_in_datapackage(folder: Path, relative: str) -> None:
    """Record a file's size and sha256 in the folder's datapackage.json, as a build that wrote
    it would: a test that makes an edition by editing a published table keeps it consistent
    (release, diff and serve refuse a file whose bytes differ from the record)."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    data = (folder / relative).read_bytes()
    for resource in descriptor["resources"]:
        if resource["path"] == relative:
            resource["bytes"] = len(data)
            resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    text = json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
