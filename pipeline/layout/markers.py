"""List markers: which glyphs start a bulleted or numbered item, from any font."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeGuard

from pipeline.layout.settings import LAYOUT
from pipeline.read.pdf import Word

BULLET_GLYPHS = frozenset("•●○◦▪■□▫‣⁃∙·►▸▹➢✓-–—*")
# Dashes and asterisks also occur inside prose: they count as bullets only where
# several lines of one column start with them at the same x.
AMBIGUOUS_BULLETS = frozenset("-–—*·")
# Unicode's symbol categories (other symbols and mathematical ones): arrows, check marks,
# stars, pointing hands, which a web page or a word processor sets as bullets from any text
# font ("➜", "→", "✔", "★"). Any of them may stand in prose too, so such a glyph counts as
# a bullet only as a dash does: where several lines start with it at one x.
SYMBOL_CATEGORIES = frozenset({"So", "Sm"})
NUMBER_MARKER = re.compile(r"^\(?(\d{1,3})[.)]$")
# A roman numeral or a single letter numbering an item: "i.", "(a)", "b)", "IV.". A line
# may also start with such a word in prose ("I. Brunel", "A. Patel"), or a heading with its
# number, so these count as an item's number only where the document confirms them: a
# sequence counting on, set as a list's numbers are (pipeline/layout/document.py).
ORDINAL_MARKER = re.compile(
    r"^(?:\((?P<enclosed>[ivxlc]+|[a-z])\)|(?P<plain>[ivxlc]+|[a-z])[.)])$", re.IGNORECASE
)
ROMAN_NUMERAL = re.compile(r"^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# A note reference: a number or reference symbols ("1", "*", "†"), set small and raised
# after the word it annotates (is_note_reference).
NOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§¶]{1,3})$")
UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")  # a glyph with no Unicode mapping, e.g. a bullet
SYMBOL_FONT = re.compile(r"symbol|dingbat|wingding", re.IGNORECASE)


def _is_symbol(text: str) -> bool:
    return len(text) == 1 and unicodedata.category(text) in SYMBOL_CATEGORIES


def is_marker_word(word: Word) -> bool:
    """A bullet glyph, a list number, a lone symbol (an arrow, a check mark), or a lone
    glyph from a symbol font, in Unicode's private use area, or with no Unicode mapping
    (bullets set in Symbol or Wingdings come out that way)."""
    text = word.text
    private_use = len(text) == 1 and "\ue000" <= text <= "\uf8ff"  # Word's Symbol bullets
    return (
        (len(text) == 1 and (text in BULLET_GLYPHS or bool(SYMBOL_FONT.search(word.fontname))))
        or _is_symbol(text)
        or private_use
        or bool(NUMBER_MARKER.match(text))
        or is_ordinal_marker(text)
        or bool(UNMAPPED_GLYPH.match(text))
    )


def is_ambiguous_marker(marker: str | None) -> TypeGuard[str]:
    """Whether a line's marker is a bullet only where the document confirms it (several
    lines starting with it at one x): a dash, an asterisk, or a symbol that is not one of
    the bullet glyphs."""
    if marker is None:
        return False
    return marker in AMBIGUOUS_BULLETS or (marker not in BULLET_GLYPHS and _is_symbol(marker))


def is_ordinal_marker(marker: str | None) -> TypeGuard[str]:
    """Whether a line's marker is a roman numeral or a letter, which numbers an item only
    where the document confirms it (pipeline/layout/document.py)."""
    return marker is not None and bool(ordinal_readings(marker))


def _roman_value(numeral: str) -> int:
    values = [ROMAN_VALUES[letter] for letter in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def ordinal_readings(marker: str | None) -> frozenset[tuple[str, int]]:
    """What an ordinal marker counts, each way it may be read: (its form, its value), the
    form being roman or letter with the marker's case and punctuation ("(i)", "i.", "i)"
    are three forms). "i." may be the first roman numeral or the ninth letter, "c." the
    hundredth numeral or the third letter: either reading may make a sequence."""
    match = ORDINAL_MARKER.match(marker or "")
    if marker is None or match is None:
        return frozenset()
    body = match["enclosed"] or match["plain"]
    if not (body.isupper() or body.islower()):
        return frozenset()  # "Iv." is no numeral
    punctuation = "()" if match["enclosed"] else marker[-1]
    case = "upper" if body.isupper() else "lower"
    readings = set()
    if ROMAN_NUMERAL.match(body.lower()):
        readings.add((f"roman {case} {punctuation}", _roman_value(body.lower())))
    if len(body) == 1:
        readings.add((f"letter {case} {punctuation}", ord(body.lower()) - ord("a") + 1))
    return frozenset(readings)


def is_note_reference(word: Word, before: Word) -> bool:
    """Whether `word` is a note reference on `before`, the word it follows: a number or
    reference symbol markedly smaller than it (LAYOUT.note_size_ratio), raised (its foot
    LAYOUT.note_rise above the word's, its middle within the word's height) and touching
    the word's end (LAYOUT.note_touch). A footnote's or endnote's number, not text: the
    line's text leaves it out, as a list marker's does."""
    middle = (word.bbox.top + word.bbox.bottom) / 2
    return (
        bool(NOTE_MARK.match(word.text))
        and word.size <= LAYOUT.note_size_ratio * before.size
        and word.bbox.bottom <= before.bbox.bottom - LAYOUT.note_rise * before.size
        and before.bbox.top <= middle <= before.bbox.bottom
        and abs(word.bbox.x0 - before.bbox.x1) <= LAYOUT.note_touch * before.size
    )
