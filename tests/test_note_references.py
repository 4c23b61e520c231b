"""A small raised figure after a word is a note reference only where its note is printed.

"m²" set with a small raised "2" is text: published as the superscript it is, not dropped
as a note reference with no note (before, "m" was published with no warning). A raised
figure whose note the numbering of the others says is missing stops the build, naming it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.support import inputs
from tests.support.command import run_cli
from tests.support.editions import quoted
from tests.support.outputs import snapshot
from tests.support.typst_edition import A5_FOOTNOTES
from tests.support.writer_edition import FOOTNOTES, FOOTNOTES_LETTERED

RAISED_ITEM = "salford-s1-i6"  # the approach ending "... Safeguarding Standards Board."


def _item_texts(out: Path) -> dict[str, str]:
    with (out / "csv" / "approaches.csv").open(encoding="utf-8", newline="") as file:
        return {row["approach_id"]: row["item_text"] for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def resaved_items(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The approaches of the committed PDF as PDFium saves it, unchanged."""
    folder = tmp_path_factory.mktemp("resaved")
    result = run_cli(
        "build", "--source", str(inputs.resaved(folder / "pdf")), "--out", str(folder / "out")
    )
    assert result.returncode == 0, result.stderr
    return _item_texts(folder / "out")


def test_a_raised_figure_no_note_is_printed_for_is_published_on_its_word(
    resaved_items: dict[str, str], tmp_path: Path
) -> None:
    source = inputs.raised_figure(tmp_path / "pdf", page=5, after="Board.", figure="2")
    out = tmp_path / "out"

    result = run_cli("build", "--source", str(source), "--out", str(out), "-q")

    assert (result.returncode, result.stderr) == (0, "")
    items = _item_texts(out)
    assert items[RAISED_ITEM] == (
        "Informing and influencing the development and impact of Greater Manchester’s soon "
        "to be established Safeguarding Standards Board.\u00b2"
    )
    assert items == {**resaved_items, RAISED_ITEM: items[RAISED_ITEM]}


def _footnoted_item(items: dict[str, str], number: int) -> str:
    (text,) = [
        text
        for text in items.values()
        if text.startswith(quoted(FOOTNOTES[number - 1][0], "smart").rsplit(" ", 1)[0])
    ]
    return text


def test_a_citation_whose_note_is_not_printed_after_the_last_note_is_text(
    tmp_path: Path,
) -> None:
    """The Writer edition without its second footnote: the raised "2" after the item's last
    word refers to nothing printed, and no note after it says one is missing: it is text."""
    source = inputs.note_removed(
        tmp_path / "pdf", FOOTNOTES_LETTERED.pdf_path, quoted(FOOTNOTES[1][1], "smart")
    )
    out = tmp_path / "out"

    result = run_cli("build", "--source", str(source), "--out", str(out), "-q")

    assert (result.returncode, result.stderr) == (0, "")
    items = _item_texts(out)
    assert _footnoted_item(items, 1) == quoted(FOOTNOTES[0][0], "smart")
    assert _footnoted_item(items, 2) == quoted(FOOTNOTES[1][0], "smart") + "\u00b2"


def test_a_citation_numbered_before_a_printed_note_without_its_own_note_stops_the_build(
    out_dir: Path, tmp_path: Path
) -> None:
    """The Writer edition without its first footnote: the raised "1" stands where the
    numbering puts note 1's citation (note 2 is printed later), but note 1 is printed
    nowhere; the build stops naming the page and the word, and publishes nothing."""
    source = inputs.note_removed(
        tmp_path / "pdf", FOOTNOTES_LETTERED.pdf_path, quoted(FOOTNOTES[0][1], "smart")
    )
    parent = snapshot(out_dir.parent)

    result = run_cli("build", "--source", str(source), "--out", str(out_dir))

    assert (result.returncode, result.stderr) == (
        7,
        "error: page 5: the raised '1' after 'Barnardo’s.' is numbered as a note reference "
        "(before note 2), but no note 1 is printed at the page's foot or among the endnotes; "
        "its note may be lost: check the PDF page\n",
    )
    assert snapshot(out_dir.parent) == parent


TYPST_NOTES_STOP = (
    "error: 19 words on the site pages are placed in no record (page 3: '1Barnardo’s is a "
    "national children’s charity.'; page 9: '2Appreciative enquiry looks at what works well, "
    "not only at…'): the pages may have been misread; `python -m pipeline qa` marks them on "
    "each page; if they belong to no record (a caption, a note), build again with "
    "--allow-unplaced\n"
)


def test_typst_footnotes_set_as_superior_figures_stop_the_build(tmp_path: Path) -> None:
    """Typst sets a footnote's number as the font's superior figure (OpenType `sups`), a
    glyph of the text's own size on its baseline: nothing on the page tells it from a figure
    of the text ("Barnardo’s.1"), nor the note at the column's foot from text. The build
    stops on the notes it cannot place, and publishes nothing."""
    out = tmp_path / "out"

    result = run_cli("build", "--source", str(A5_FOOTNOTES.pdf_path), "--out", str(out))

    assert (result.returncode, result.stderr) == (18, TYPST_NOTES_STOP)
    assert not out.exists()
