"""Layout cache: what pdfplumber read from one PDF, kept so that a rebuild skips parsing.

Parsing is nearly all of a build's time, and most rebuilds follow a change to the later
stages (structure, normalise, validate, publish), not to the PDF or the extractor. An entry
holds the raw pages (words, shapes, wide shapes, sizes) and the metadata; the lines are
derived again on every build, which costs little. It is keyed by everything that decides
those pages: the PDF's sha256, READER_VERSION, the source of pipeline/read/pdf.py (so a
forgotten version bump cannot serve stale pages) and the pdfplumber and pdfminer.six
versions.

Entries are JSON, never pickle: a cache folder is just files, and nothing read from it may
run code. An entry is a header line (the key, the PDF's sha256 and the payload's sha256) and
the payload; one whose header, checksum or shape is wrong is ignored and written again, never
trusted. The PDF's sha256 is that of the bytes the build read once and parsed
(pipeline.read.snapshot), so an entry always holds the pages of the bytes it is named by.
Writes go to a temporary file renamed into place, so a reader never sees half an entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

import pdfminer
import pdfplumber

from pipeline.io.atomic import write_file
from pipeline.model import BBox, TurnedFrame
from pipeline.read import pdf
from pipeline.read.pdf import RawPage, WideShape, Word

# Bump when the entry layout below changes. 2: the header names the PDF's sha256, and
# entries of format 1 (which a file replaced while it was read could have poisoned) are
# never trusted; pages record whether anything is drawn on them. 3: pages carry their wide
# shapes (banner blocks, rules), after has_ink. 4: pages whose text runs sideways or upside
# down carry the frame they were read in, after the wide shapes (null for the others). 5:
# pages record whether anything but text is drawn on them, after has_ink.
FORMAT = 5
CACHE_DIR_VARIABLE = "PIPELINE_CACHE_DIR"
DEFAULT_CACHE_DIR = Path(".cache/layout")
TURNS = (1, 2, 3)  # a turned frame's quarter turns
TURNED_MEASURES = 5  # a turned frame's width, height, shown height, shown x and top
MAX_ENTRIES = 16  # the newest entries kept: a few editions, each under a few MB


def default_cache_dir() -> Path:
    """$PIPELINE_CACHE_DIR, else .cache/layout in the working directory (outside output/,
    which publishing replaces whole)."""
    return Path(os.environ.get(CACHE_DIR_VARIABLE) or DEFAULT_CACHE_DIR)


@dataclass(frozen=True)
class Layout:
    """What the extractor reads from a PDF before any document-level decision."""

    title: str | None
    author: str | None
    pages: tuple[RawPage, ...]


def layout_key(pdf_sha256: str) -> str:
    """The entry's name: it changes whenever the same PDF could be read differently."""
    parts = {
        "format": FORMAT,
        "pdf": pdf_sha256,
        "reader": pdf.READER_VERSION,
        "reader_source": hashlib.sha256(Path(pdf.__file__).read_bytes()).hexdigest(),
        "pdfplumber": pdfplumber.__version__,
        "pdfminer.six": pdfminer.__version__,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class LayoutCache:
    """The cache entry of one PDF in a cache folder."""

    def __init__(self, folder: Path, pdf_sha256: str) -> None:
        self.folder = folder
        self.pdf_sha256 = pdf_sha256
        self.key = layout_key(pdf_sha256)
        self.path = folder / f"{self.key}.json"

    def load(self) -> Layout | None:
        """The cached layout, or None when there is none or it cannot be trusted."""
        try:
            header, _, payload = self.path.read_bytes().partition(b"\n")
            expected = {
                "key": self.key,
                "pdf": self.pdf_sha256,
                "sha256": hashlib.sha256(payload).hexdigest(),
            }
            if json.loads(header) != expected:
                return None
            layout = _decode(json.loads(payload))
            os.utime(self.path)  # recently used: kept by the pruning in store()
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None
        return layout

    def store(self, layout: Layout) -> None:
        """Write the entry atomically; a cache that cannot be written only costs speed."""
        payload = json.dumps(_encode(layout), ensure_ascii=False, separators=(",", ":"))
        data = payload.encode()
        header = {
            "key": self.key,
            "pdf": self.pdf_sha256,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        with contextlib.suppress(OSError):
            write_file(self.path, json.dumps(header).encode() + b"\n" + data)
            self._prune()

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for stale in entries[:-MAX_ENTRIES]:
            stale.unlink(missing_ok=True)


# --- JSON form: lists in a fixed order, checked field by field on the way back ------------


def _encode(layout: Layout) -> dict:
    return {
        "title": layout.title,
        "author": layout.author,
        "pages": [
            [
                page.number,
                page.width,
                page.height,
                _box(page.printed),
                [[w.text, *_box(w.bbox), w.size, w.fontname, w.color] for w in page.words],
                [_box(shape) for shape in page.shapes],
                page.has_images,
                page.has_ink,
                page.has_drawing,
                [list(shape) for shape in page.wide_shapes],
                None if page.turned is None else list(astuple(page.turned)),
            ]
            for page in layout.pages
        ],
    }


def _box(box: BBox) -> list[float]:
    return [box.x0, box.top, box.x1, box.bottom]


def _decode(data: dict) -> Layout:
    return Layout(
        title=_optional_text(data["title"]),
        author=_optional_text(data["author"]),
        pages=tuple(_page(row, {}) for row in data["pages"]),
    )


def _page(row: Sequence, colours: dict) -> RawPage:
    """One page; `colours` shares one tuple between the words of a colour, as extract does."""
    (
        number,
        width,
        height,
        printed,
        words,
        shapes,
        has_images,
        has_ink,
        has_drawing,
        wide_shapes,
        turned,
    ) = row
    if not isinstance(number, int) or isinstance(number, bool):
        raise ValueError("page number")
    if not all(isinstance(flag, bool) for flag in (has_images, has_ink, has_drawing)):
        raise ValueError("has_images")
    return RawPage(
        number=number,
        width=_number(width),
        height=_number(height),
        printed=_bbox(*printed),
        words=tuple(_word(word, colours) for word in words),
        shapes=tuple(_bbox(*shape) for shape in shapes),
        has_images=has_images,
        has_ink=has_ink,
        has_drawing=has_drawing,
        wide_shapes=tuple(_wide_shape(*shape) for shape in wide_shapes),
        turned=None if turned is None else _turned_frame(*turned),
    )


def _turned_frame(turn: object, *measures: object) -> TurnedFrame:
    if type(turn) is not int or turn not in TURNS or len(measures) != TURNED_MEASURES:
        raise ValueError("turned frame")
    width, height, shown_height, shown_x, shown_top = map(_number, measures)
    return TurnedFrame(turn, width, height, shown_height, shown_x, shown_top)


def _word(row: Sequence, colours: dict) -> Word:
    text, x0, top, x1, bottom, size, fontname, color = row
    if not isinstance(text, str) or not isinstance(fontname, str):
        raise ValueError("word text")
    if color is not None:
        color = tuple(map(_number, color))
        color = colours.setdefault(color, color)
    return Word(
        text=text,
        bbox=_bbox(x0, top, x1, bottom),
        size=_number(size),
        fontname=sys.intern(fontname),
        color=color,
    )


def _bbox(x0: object, top: object, x1: object, bottom: object) -> BBox:
    return BBox(_number(x0), _number(top), _number(x1), _number(bottom))


def _wide_shape(x0: object, top: object, x1: object, bottom: object) -> WideShape:
    return (_number(x0), _number(top), _number(x1), _number(bottom))


def _number(value: object) -> float:
    """A coordinate as JSON gave it back: repr round-trips every float exactly."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("not a number")
    return value


def _optional_text(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError("not text")
    return value
