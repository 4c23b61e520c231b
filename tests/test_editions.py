"""Tests of the edition typesetter itself.

The parser's layout-independence is tested against these editions, so they must be
trustworthy: complete, reproducible, and really laid out the way each layout claims.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest

from tests.editions import FOOTER, LAYOUTS, write_edition

GOLDEN = Path(__file__).parent / "golden" / "document_model.json"
MARKER = re.compile(r"^(?:[•–]|\d+\.)\s+")  # a printed bullet or number opening a line


@pytest.fixture(scope="module")
def model() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def editions(model: dict, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("editions")
    paths = {layout: folder / f"{layout}.pdf" for layout in LAYOUTS}
    for layout, path in paths.items():
        write_edition(model, layout, path)
    return paths


def _printed_lines(path: Path) -> list[str]:
    """Every printed line of the edition in drawing order, footers left out.

    Drawing order keeps each column together; words in a row are one line only while
    they run left to right, so side-by-side columns never merge.
    """
    lines: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            row: list[dict] = []
            for word in [*page.extract_words(use_text_flow=True), None]:
                if row and (
                    word is None
                    or abs(word["top"] - row[-1]["top"]) > 1
                    or word["x0"] < row[-1]["x1"]
                ):
                    lines.append(" ".join(w["text"] for w in row))
                    row = []
                if word is not None:
                    row.append(word)
    return [line for line in lines if not re.fullmatch(rf"{FOOTER} \d+", line)]


def _running_text(lines: list[str]) -> str:
    """Lines joined as a reader would: markers dropped, words broken after a hyphen rejoined."""
    text = ""
    for line in lines:
        line = MARKER.sub("", line)
        text += line if re.search(r"\w[-/]$", text) else f" {line}"
    return text.replace("‘", "'").replace("’", "'")


def _strings(model: dict) -> list[str]:
    strings = [model["publisher"]]
    for site in model["sites"]:
        strings += [site["region"], *site["local_authorities"], *site["themes"]]
        if site["name"] is not None:
            strings.append(site["name"])
        for section in site["sections"]:
            strings.append(section["heading"])
            strings += [item["text"] for item in section["items"]]
    return strings


@pytest.mark.parametrize("layout", LAYOUTS)
def test_same_call_writes_same_bytes(
    model: dict, editions: dict[str, Path], layout: str, tmp_path: Path
) -> None:
    again = tmp_path / "again.pdf"
    write_edition(model, layout, again)
    assert again.read_bytes() == editions[layout].read_bytes()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_string_of_the_model_is_printed(
    model: dict, editions: dict[str, Path], layout: str
) -> None:
    text = _running_text(_printed_lines(editions[layout]))
    missing = [string for string in _strings(model) if string not in text]
    assert missing == []


def test_layouts_vary_what_they_claim(editions: dict[str, Path]) -> None:
    lines = {layout: _printed_lines(path) for layout, path in editions.items()}
    with pdfplumber.open(editions["a5-shapes"]) as pdf:
        a5_pages = len(pdf.pages)
        drawn_bullets = sum(len(page.curves) + len(page.rects) for page in pdf.pages)
    with pdfplumber.open(editions["one-column"]) as pdf:
        one_column_pages = len(pdf.pages)
    assert a5_pages > one_column_pages
    assert drawn_bullets > 80  # vector bullets, and no bullet character in the text
    assert not any(MARKER.match(line) and not line[0].isdigit() for line in lines["a5-shapes"])
    assert "Hertfordshire - continued" in lines["one-column"]
    assert any(re.search(r"\w-$", line) for line in lines["letter-times"])
    assert any("’" in line for line in lines["a5-shapes"])
    assert not any("’" in line for line in lines["one-column"])


def test_unknown_layout_is_refused(model: dict, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        write_edition(model, "broadsheet", tmp_path / "x.pdf")
