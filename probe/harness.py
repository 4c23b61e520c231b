"""Run one probe edition through the real command and compare its document model with the
golden records (the comparison of tests/test_golden.py, copied here, plus checks of the
page numbers against the PDF's own text).

    .venv/bin/python -m probe.harness NAME PDF [NAME PDF ...]

For each edition: the build's exit code and its last message, then every record of the
model that differs from the golden one (site by site, field by field), the words left
unplaced, and the page numbers that do not hold the text they claim to.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber

from pipeline.errors import PipelineError
from pipeline.model import DocumentModel
from pipeline.run import laid_out_document
from pipeline.structure.sites import document_model

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = json.loads((ROOT / "tests" / "golden" / "document_model.json").read_text("utf-8"))
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def fold_quotes(value: object) -> object:
    if isinstance(value, str):
        return value.translate(QUOTES)
    if isinstance(value, list):
        return [fold_quotes(v) for v in value]
    if isinstance(value, dict):
        return {k: fold_quotes(v) for k, v in value.items()}
    return value


def model_records(model: DocumentModel) -> dict:
    """The model in the golden file's shape, without page numbers (checked apart)."""
    sites = []
    for site in model.sites:
        sites.append(
            {
                "name": site.name.text if site.name else None,
                "region": site.region.text,
                "local_authorities": [e.text for e in site.local_authorities],
                "themes": [e.text for e in site.themes],
                "sections": [
                    {
                        "heading": section.heading,
                        "items": [
                            {"text": item.text, "list_style": item.list_style}
                            for item in section.items
                        ],
                    }
                    for section in site.sections
                ],
            }
        )
    return fold_quotes({"title": model.title, "publisher": model.publisher, "sites": sites})  # type: ignore[return-value]


def golden() -> dict:
    expected = fold_quotes(GOLDEN)
    assert isinstance(expected, dict)
    for site in expected["sites"]:
        del site["page_start"], site["page_end"]
    del expected["page_count"]
    return expected


def _label(site: dict) -> str:
    return site["name"] or ", ".join(site["local_authorities"])


def differences(got: dict, want: dict) -> list[str]:
    out = []
    for key in ("title", "publisher"):
        if got[key] != want[key]:
            out.append(f"{key}: {got[key]!r} != {want[key]!r}")
    if len(got["sites"]) != len(want["sites"]):
        out.append(
            f"sites: {len(got['sites'])} read, {len(want['sites'])} expected: "
            + " | ".join(_label(s) for s in got["sites"])
        )
    for number, (g, w) in enumerate(zip(got["sites"], want["sites"], strict=False), start=1):
        where = f"site {number} ({_label(w)})"
        for key in ("name", "region", "local_authorities", "themes"):
            if g[key] != w[key]:
                out.append(f"{where} {key}: {g[key]!r} != {w[key]!r}")
        gs, ws = g["sections"], w["sections"]
        if [s["heading"] for s in gs] != [s["heading"] for s in ws]:
            out.append(
                f"{where} headings: {[s['heading'] for s in gs]!r} != "
                f"{[s['heading'] for s in ws]!r}"
            )
        for si, (a, b) in enumerate(zip(gs, ws, strict=False), start=1):
            if len(a["items"]) != len(b["items"]):
                out.append(f"{where} section {si}: {len(a['items'])} items != {len(b['items'])}")
            for ii, (x, y) in enumerate(zip(a["items"], b["items"], strict=False), start=1):
                if x != y:
                    out.append(f"{where} section {si} item {ii}: {x!r} != {y!r}")
    return out


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.translate(QUOTES)).lower()


def page_problems(model: DocumentModel, pdf: Path) -> list[str]:
    """Item pages that do not print the item's first words; site pages that do not span
    the site's items; a first page that does not print the site's name."""
    problems = []
    with pdfplumber.open(pdf) as document:
        texts = [_squashed(page.extract_text() or "") for page in document.pages]
        for site in model.sites:
            label = site.name.text if site.name else site.local_authorities[0].text
            for item in (item for section in site.sections for item in section.items):
                page = document.pages[item.page - 1]
                box = item.bbox
                clip = (
                    max(box.x0 - 1, 0),
                    max(box.top - 1, 0),
                    min(box.x1 + 1, float(page.width)),
                    min(box.bottom + 1, float(page.height)),
                )
                there = _squashed(page.crop(clip).extract_text() or "")
                head = _squashed(" ".join(item.text.split()[:3]))
                if head not in there:
                    problems.append(
                        f"{label}: item {item.text[:40]!r} not in its box on page {item.page}"
                    )
    for site in model.sites:
        label = site.name.text if site.name else site.local_authorities[0].text
        items = [item for section in site.sections for item in section.items]
        pages = [item.page for item in items]
        if pages and (site.page_start > min(pages) or site.page_end < max(pages)):
            problems.append(
                f"{label}: pages {site.page_start}-{site.page_end} but items on "
                f"{min(pages)}-{max(pages)}"
            )
        first = texts[site.page_start - 1]
        name_there = _squashed(label)[:12] in first
        banner_there = _squashed(site.region.text) in first and _squashed(label)[:12] in (
            texts[site.page_start] if site.page_start < len(texts) else ""
        )
        if not (name_there or banner_there):
            problems.append(
                f"{label}: page_start {site.page_start} prints neither its name nor its banner "
                "before a page that prints its name"
            )
    return problems


def build(name: str, pdf: Path) -> tuple[int, str]:
    out = Path(f"/tmp/probe-{name}")
    env = {**os.environ, "PIPELINE_CACHE_DIR": "/tmp/probe-cache"}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--source", str(pdf), "--out", str(out), "-v"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
    if done.returncode == 0:
        summary = [line for line in lines if line.startswith(("published ", "warning"))]
        return 0, " / ".join(summary).replace(str(out), "OUT")
    steps = {"check…", "extract…", "structure…", "normalise…", "validate…", "publish…"}
    return done.returncode, " / ".join(line for line in lines if line not in steps)


POSITIONAL = {"page", "x0", "top", "x1", "bottom", "page_start", "page_end", "document_id"}
BASELINE = Path("/tmp/probe-committed/csv")  # the committed PDF's build (run it first)


def published_differences(name: str) -> list[str]:
    """Rows of the published CSVs (positions and the document's own row aside) that differ
    from the committed PDF's build."""
    import csv

    out = []
    for table in ("sites", "local_authorities", "site_themes", "approaches"):

        def rows(folder: Path, table: str = table) -> list[tuple]:
            with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
                return [
                    tuple((k, v.translate(QUOTES)) for k, v in row.items() if k not in POSITIONAL)
                    for row in csv.DictReader(handle)
                ]

        got, want = rows(Path(f"/tmp/probe-{name}/csv")), rows(BASELINE)
        extra = [r for r in got if r not in want]
        missing = [r for r in want if r not in got]
        if extra or missing:
            out.append(
                f"{table}: {len(missing)} rows differ ({len(got)} published, {len(want)} expected)"
            )
            for row in missing[:3]:
                out.append(f"  expected {dict(row)}")
            for row in extra[:3]:
                out.append(f"  published {dict(row)}")
    return out


def report(name: str, pdf: Path) -> bool:
    code, message = build(name, pdf)
    print(f"== {name}: exit {code}: {message}")
    if code == 0:
        for line in published_differences(name):
            print(f"   CSV {line}"[:600])
    try:
        model = document_model(laid_out_document(pdf, jobs=1))
    except PipelineError as error:
        print(f"   model stops: {error}")
        return False
    diffs = differences(model_records(model), golden())
    for line in diffs:
        print(f"   DIFF {line}")
    for word in model.unplaced[:20]:
        print(f"   UNPLACED p{word.page} {word.text!r} at {word.bbox.x0:.0f},{word.bbox.top:.0f}")
    if len(model.unplaced) > 20:
        print(f"   UNPLACED ... {len(model.unplaced)} words in all")
    pages = page_problems(model, pdf)
    for line in pages:
        print(f"   PAGES {line}")
    exact = not diffs and not model.unplaced and not pages
    print(f"   {'EXACT' if exact else 'MISREAD'} ({len(diffs)} differences)")
    return exact


def main(arguments: list[str]) -> int:
    pairs = list(zip(arguments[::2], arguments[1::2], strict=True))
    results = [report(name, Path(pdf)) for name, pdf in pairs]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
