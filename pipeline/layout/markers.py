"""List markers: which glyphs start a bulleted or numbered item, from any font."""

from __future__ import annotations

import re

from pipeline.read.pdf import Word

BULLET_GLYPHS = frozenset("•●○◦▪■□▫‣⁃∙·►▸▹➢✓-–—*")
# Dashes and asterisks also occur inside prose: they count as bullets only where
# several lines of one column start with them at the same x.
AMBIGUOUS_BULLETS = frozenset("-–—*·")
NUMBER_MARKER = re.compile(r"^\(?(\d{1,3})[.)]$")
UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")  # a glyph with no Unicode mapping, e.g. a bullet
SYMBOL_FONT = re.compile(r"symbol|dingbat|wingding", re.IGNORECASE)


def is_marker_word(word: Word) -> bool:
    """A bullet glyph, a list number, or a lone glyph from a symbol font, in Unicode's
    private use area, or with no Unicode mapping (bullets set in Symbol or Wingdings come
    out that way)."""
    text = word.text
    private_use = len(text) == 1 and "\ue000" <= text <= "\uf8ff"  # Word's Symbol bullets
    return (
        (len(text) == 1 and (text in BULLET_GLYPHS or bool(SYMBOL_FONT.search(word.fontname))))
        or private_use
        or bool(NUMBER_MARKER.match(text))
        or bool(UNMAPPED_GLYPH.match(text))
    )
