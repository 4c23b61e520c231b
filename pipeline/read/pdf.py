"""Read: PDF bytes -> each page's words, small and wide shapes, and nothing about layout.

Every way a file can fail to be the publication's PDF (missing, empty, not a PDF,
encrypted, damaged streams, too many pages) is turned here into one actionable error,
before any page is interpreted.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTPage, LTRect
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.page import fix_fontname_bytes as fontname_text
from pdfplumber.utils import extract_words

from pipeline.errors import (
    EncryptedPdfError,
    LimitError,
    NotAPdfError,
    PipelineError,
)
from pipeline.model import BBox, TurnedFrame
from pipeline.read.snapshot import MEGABYTE, Source, read_source

READER_VERSION = "13"  # bump when the pages this module produces change

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)
WORD_TOLERANCE_RATIO = 0.2  # a gap wider than 0.2 em between characters separates words
# Skia (Chromium's PDF backend) writes each soft hyphen (U+00AD) of the text as a blank
# glyph of no advance: the next letter starts where the blank does, and word grouping would
# split "Inde pend ent" there. A blank whose next character on its line starts within this
# share of an em of the blank's own x moved the pen nowhere: no word space, it is dropped
# before words are grouped (a word space moves the next letter a quarter of an em on).
ZERO_ADVANCE_REACH = 0.05
# Synthesised small capitals (CSS `font-variant: small-caps` in Chromium, a word
# processor's small caps) are the lowercase letters set as capitals of a smaller size in
# the same font, straight on from the full-size text ("T" 19 pt, "AMESIDE" 13.5 pt), and
# the sizes part the word in two. Within a run of touching characters in one font on one
# baseline, a capital set between these shares of the run's largest size is a small
# capital: Chromium sets them at 70% of the size, word processors at 70-80%; a superscript
# is raised off the baseline, and the other capitals of a run are its full size.
SMALL_CAPS_SHARES = (0.6, 0.85)
# ... touching: the next character starts within this share of an em (the run's largest
# size) of where the last one ends (kerning pulls a letter a little back) ...
SMALL_CAPS_TOUCH = 0.1
# ... on one baseline: their feet within this share of an em apart (a smaller size's
# descent reaches less far below the baseline: 0.06 em for 13.5 pt beside 19 pt).
SMALL_CAPS_BASELINE = 0.1
# A font whose name says it sets small capitals ("Liberation-Serif-Bold-Small-Caps": a
# typesetter's synthesised small capitals, a foundry's SmallCaps face) prints every
# lowercase letter as a capital. Where it sets them smaller than the capitals, a letter's
# case is its size: the text layer cannot tell, for a subset font maps each glyph to one
# character, and the small capital "T" of "multi" shares the capital's glyph (and its "T").
SMALL_CAPS_FONT = re.compile(r"small-?caps", re.IGNORECASE)
# A drawn shape at least this share of the printed page wide is kept as a wide shape (a
# banner's block, a rule, a box around text), for the layout to find those drawn across
# the page's text (pipeline/layout/lines.py); a page holds only a few so wide.
WIDE_SHAPE_SHARE = 0.25

# A wide shape as (x0, top, x1, bottom): tuples of floats cross the pipe from the page
# workers in a few bytes each.
WideShape = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)  # no __dict__ per word: a long PDF has 100,000s
class Word:
    text: str
    bbox: BBox
    size: float
    fontname: str
    color: tuple[float, ...] | None

    @property
    def bold(self) -> bool:
        return bool(BOLD_FONT.search(self.fontname))

    @property
    def italic(self) -> bool:
        return bool(ITALIC_FONT.search(self.fontname))


@dataclass(frozen=True, slots=True)
class RawPage:
    """What pdfplumber gives for one page, before any document-level decision."""

    number: int
    width: float
    height: float
    printed: BBox  # the page as printed (TrimBox, else CropBox), in the words' coordinates
    words: tuple[Word, ...]
    shapes: tuple[BBox, ...]  # small filled shapes: candidate drawn bullets
    has_images: bool
    has_ink: bool = True  # anything drawn at all: text, shapes, images (False: a blank page)
    # anything drawn but characters: shapes, rules, images (False: the page prints text only,
    # or nothing; a blank page but for its page number is such a page)
    has_drawing: bool = True
    # Shapes and rules at least WIDE_SHAPE_SHARE of the page wide, filled or stroked, top to
    # bottom: what may part the page into bands (pipeline/layout/lines.py).
    wide_shapes: tuple[WideShape, ...] = ()
    # Where the page was read, if its text runs sideways or upside down: the words' and
    # shapes' boxes are in that frame (None: pdfplumber's coordinates of the page as shown).
    turned: TurnedFrame | None = None


@dataclass(frozen=True)
class ReadLimits:
    """What one PDF may cost to read: pages, and bytes its compressed streams inflate to
    (one stream, and all of them together; the file's own size counts against the second).
    A file past a limit is refused before a page is parsed, so that a decompression bomb or
    a million-page file ends in one line, not in hours or an exhausted memory."""

    max_pages: int | None = 2000
    max_stream_bytes: int = 128 * MEGABYTE
    max_document_bytes: int = 512 * MEGABYTE


STREAM_KEYWORD = re.compile(rb"stream(?:\r\n|\n|\r)")
SCAN_CHUNK = 1 << 16  # compressed bytes fed to zlib at a time
MAX_FILTER_DEPTH = 4  # a stream compressed twice over inflates in as many steps


class _TooLarge(Exception):
    """A stream inflates past the limit it was measured against."""


def _is_zlib_header(head: bytes) -> bool:
    """RFC 1950: the two bytes that start every zlib stream (deflate, a window of at most
    32 KB, a header check that is a multiple of 31)."""
    return (
        len(head) >= 2
        and head[0] & 0x0F == 8
        and head[0] >> 4 <= 7
        and (head[0] << 8 | head[1]) % 31 == 0
    )


def _inflated(chunks: Iterator[bytes], sizes: list[int], limit: int) -> Iterator[bytes]:
    """What zlib makes of `chunks`, a bounded piece at a time, counted in a new entry of
    `sizes`; stops at the stream's end or at damage (reported by the damage checks)."""
    level = len(sizes)
    sizes.append(0)
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            data = chunk
            while data and not inflater.eof:
                output = inflater.decompress(data, INFLATE_CHUNK)
                data = inflater.unconsumed_tail
                sizes[level] += len(output)
                if sizes[level] > limit:
                    raise _TooLarge
                if output:
                    yield output
            if inflater.eof:
                return
    except zlib.error:
        return


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """The most bytes the stream starting at `start` inflates to at any step of a chain of
    Flate filters (pdfminer holds each step whole in memory), measured without holding any;
    raises _TooLarge past `limit`."""
    if not _is_zlib_header(data[start : start + 2]):
        return 0
    view = memoryview(data)
    sizes: list[int] = []
    chunks = _inflated(
        (bytes(view[i : i + SCAN_CHUNK]) for i in range(start, len(data), SCAN_CHUNK)),
        sizes,
        limit,
    )
    for _ in range(MAX_FILTER_DEPTH):
        first = next(chunks, None)
        if first is None:
            break
        if not _is_zlib_header(first[:2]):
            for _ in chunks:  # the rest of this step, counted
                pass
            break
        chunks = _inflated(itertools.chain([first], chunks), sizes, limit)
    else:
        for _ in chunks:
            pass
    return max(sizes, default=0)


def check_inflated_sizes(source: Source, limits: ReadLimits) -> None:
    """Refuse a file whose compressed streams inflate past the limits, before any library
    inflates one: every zlib stream in the file's bytes (page contents, fonts, images, object
    and cross-reference streams, whatever their dictionaries say) is measured in pieces."""
    total = len(source.data)
    for match in STREAM_KEYWORD.finditer(source.data):
        try:
            total += _inflated_size(source.data, match.end(), limits.max_stream_bytes)
        except _TooLarge:
            raise LimitError(
                f"{source.name}: a compressed stream inflates to more than "
                f"{limits.max_stream_bytes // MEGABYTE} MB, the limit for one stream: too "
                "large; raise it with --max-stream-mb if this really is an edition of the "
                "publication"
            ) from None
        if total > limits.max_document_bytes:
            raise LimitError(
                f"{source.name}: its compressed streams inflate to more than "
                f"{limits.max_document_bytes // MEGABYTE} MB in all, the limit for one "
                "document: too large; raise it with --max-document-mb if this really is an "
                "edition of the publication"
            )


class DamagedStreamError(Exception):
    """A compressed stream whose bytes fail zlib's own check: the file was changed."""


INFLATE_CHUNK = 1 << 20  # bytes of output at a time: checking a stream keeps memory flat


def _inflates_whole(stream: PDFStream) -> bool:
    """Whether a Flate stream decompresses to its end and its checksum (always True for a
    stream with other filters or already decoded). pdfminer reads a damaged stream as
    whatever part of it decompresses, often nothing, so a corrupted download would lose a
    page's text, or a font's mapping to Unicode, without a word."""
    filters = stream.get_filters()
    if stream.rawdata is None or not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return True
    data = stream.rawdata
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    inflater = zlib.decompressobj()
    try:
        while not inflater.eof:  # the output is dropped: only the check matters
            output = inflater.decompress(data, INFLATE_CHUNK)
            data = inflater.unconsumed_tail
            if not output and not data:
                break  # the input ran out before the end of the stream
    except zlib.error:
        return False
    return inflater.eof


def _check_content_streams(page: pdfplumber.page.Page) -> None:
    """A page's content streams are all in the file and whole; pdfminer reads a missing or
    damaged one as a page with less text, or none."""
    for ref in page.page_obj.contents:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            raise DamagedStreamError("the page's content stream is missing from the file")
        if not _inflates_whole(stream):
            raise DamagedStreamError("the page's content stream is damaged")


def _damaged_stream(pdf: pdfplumber.PDF) -> str | None:
    """What is damaged in the file, for a message, or None: a page whose content is not in
    the file, or the first compressed stream (page content, font, image, object stream) that
    does not decompress whole. An encrypted file is left to raw_page's checks of each page:
    some of its streams are stored in the clear, and only the pages' are known not to be."""
    document = pdf.doc
    if document.encryption is not None:
        return None
    pages = {}
    for page in pdf.pages:
        if not all(isinstance(resolve1(ref), PDFStream) for ref in page.page_obj.contents):
            return f"page {page.page_number} cannot be read (its content is missing from the file)"
        contents = page.page_obj.attrs.get("Contents")
        for ref in contents if isinstance(contents, list) else [contents]:
            pages[getattr(ref, "objid", None)] = page.page_number
    for xref in document.xrefs:
        for objid in xref.get_objids():
            try:
                stream = document.getobj(objid)
            except Exception:  # noqa: S112 - an object that does not load: pdfminer skips it too
                continue
            if isinstance(stream, PDFStream) and not _inflates_whole(stream):
                if objid in pages:
                    return f"page {pages[objid]} cannot be read (its content stream is damaged)"
                return f"a compressed stream (object {objid}: a font, image or index) is damaged"
    return None


class ActualText:
    """The text a marked-content span (`/Span <</ActualText (...)>> BDC ... EMC`) says its
    glyphs stand for, as the PDF's author wrote it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _ActualTextAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's page device, which also marks each character drawn inside a span with
    an /ActualText (the outermost, which stands for everything inside it) with that span.

    A font embedded as a subset maps each glyph to one text (its ToUnicode map), and a
    typesetter that draws one glyph for two texts (Typst: the hyphen glyph for a hyphen
    that belongs to the word, "evidence-based", and for the hyphen it adds where it breaks a
    word at a line end, a soft hyphen) maps the glyph to one and wraps the other's uses in
    ActualText spans. Read through the map alone, a word broken at a line end keeps its
    hyphen ("Part-nership") or a word's own hyphen reads as a soft one."""

    def __init__(self, page: pdfplumber.page.Page) -> None:
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        self.spans: list[ActualText | None] = []  # one per open marked-content sequence

    def begin_tag(self, tag: PSLiteral, props: object = None) -> None:
        super().begin_tag(tag, props)  # type: ignore[arg-type]
        actual = resolve1(props.get("ActualText")) if isinstance(props, dict) else None
        self.spans.append(ActualText(decode_text(actual)) if isinstance(actual, bytes) else None)

    def end_tag(self) -> None:
        super().end_tag()
        if self.spans:
            self.spans.pop()

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        advance = super().render_char(*args, **kwargs)
        span = next((span for span in self.spans if span is not None), None)
        if span is not None and self.cur_item._objs:
            self.cur_item._objs[-1].actual_text = span  # type: ignore[attr-defined]
        return advance


def page_layout(page: pdfplumber.page.Page) -> LTPage:
    """pdfminer's layout of the page, as pdfplumber's `page.layout` makes it, with each
    character drawn inside an /ActualText span marked with it (_ActualTextAggregator)."""
    device = _ActualTextAggregator(page)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result()


def with_actual_text(chars: list[dict[str, Any]], spans: list[ActualText | None]) -> list[dict]:
    """The characters with the glyphs of each /ActualText span read as its text: one
    character each where the span has as many characters as glyphs (a hyphen read as the
    soft hyphen the span says it is), else the span's first glyph stands for the whole text,
    over the box of every glyph of the span on its line, and the others are dropped."""
    read: list[dict[str, Any]] = []
    index = 0
    while index < len(chars):
        span = spans[index]
        end = index + 1
        while end < len(chars) and span is not None and spans[end] is span:
            end += 1
        glyphs = chars[index:end]
        if span is None:
            read.extend(glyphs)
        elif len(span.text) == len(glyphs):
            read.extend(
                {**glyph, "text": text} for glyph, text in zip(glyphs, span.text, strict=True)
            )
        elif span.text:
            first = glyphs[0]
            line = [g for g in glyphs if g["top"] == first["top"]]
            read.append({**first, "text": span.text, "x1": max(g["x1"] for g in line)})
        index = end
    return read


def raw_page(page: pdfplumber.page.Page) -> RawPage:
    """Words, small and wide shapes of one page; pdfplumber's page is closed by the caller."""
    _check_content_streams(page)
    layout = page_layout(page)
    chars, shapes, wide, has_images, turns = _layout_objects(page, layout, _Frame.upright(page))
    turn = max(turns, key=lambda t: (turns[t], t == 0)) if turns else 0
    frame = _Frame.upright(page) if turn == 0 else _Frame.turned(page, turn)
    turned = None
    if turn != 0:  # most text runs sideways or upside down: read it in its own direction
        chars, shapes, wide, has_images, _ = _layout_objects(page, layout, frame)
        shown = _Frame.upright(page)
        turned = TurnedFrame(
            turn, frame.width, frame.height, shown.height, shown.offset_x, shown.offset_top
        )
    drawn, drawn_beyond_text = _drawn(layout)
    words = tuple(
        Word(
            text=w["text"],
            bbox=BBox(w["x0"], w["top"], w["x1"], w["bottom"]),
            size=float(w["size"]),
            fontname=sys.intern(w["fontname"].split("+", 1)[-1]),  # one string per font
            color=word_colour(w["non_stroking_color"]),
        )
        for w in extract_words(
            small_capitals_as_letters(without_zero_advance_blanks(chars)),
            x_tolerance_ratio=WORD_TOLERANCE_RATIO,
            extra_attrs=["fontname", "size", "non_stroking_color"],
        )
        if w["upright"] and w["text"].strip()
    )
    return RawPage(
        number=page.page_number,
        width=frame.width,
        height=frame.height,
        printed=frame.printed(page),
        words=words,
        shapes=tuple(shapes),
        has_images=has_images,
        has_ink=bool(chars or shapes or wide or has_images or drawn),
        has_drawing=bool(shapes or wide or has_images or drawn_beyond_text),
        wide_shapes=tuple(sorted(wide, key=lambda s: (s[1], s[0], s[2], s[3]))),  # top first
        turned=turned,
    )


def without_zero_advance_blanks(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters without the blanks that advance nothing (a soft hyphen as Skia writes
    it, ZERO_ADVANCE_REACH): such a blank parts no words."""
    kept = [
        char
        for char, after in itertools.pairwise(chars)
        if not (
            (not char["text"].strip() or char["text"] == "\u00ad")
            and abs(after["x0"] - char["x0"]) <= ZERO_ADVANCE_REACH * char["size"]
            and abs(after["bottom"] - char["bottom"]) <= ZERO_ADVANCE_REACH * char["size"]
        )
    ]
    return kept + chars[-1:]  # the last character has none after it


def small_capitals_as_letters(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters with every small capital (SMALL_CAPS_SHARES) written as the lowercase
    letter it stands for, set in its run's full size from its full-size letters' top, so
    that "T AMESIDE" is the word "Tameside" (word grouping parts words where the size or
    the top changes; the word's box is its full-size letters' box)."""
    runs: list[list[dict[str, Any]]] = []
    for char in chars:
        last = runs[-1][-1] if runs else None
        em = max(char["size"], last["size"]) if last is not None else 0.0
        if (
            last is not None
            and char["fontname"] == last["fontname"]
            and abs(char["x0"] - last["x1"]) <= SMALL_CAPS_TOUCH * em
            and abs(char["bottom"] - last["bottom"]) <= SMALL_CAPS_BASELINE * em
        ):
            runs[-1].append(char)
        else:
            runs.append([char])
    low, high = SMALL_CAPS_SHARES
    largest = [max(char["size"] for char in run) for run in runs]
    in_small_caps_font = [bool(SMALL_CAPS_FONT.search(run[0]["fontname"])) for run in runs]
    # where a small-capitals font sets its capitals beside its small capitals, the size of
    # its capitals: a line wrapped inside its lowercase letters holds small capitals alone
    capitals_of = {
        (char["fontname"], round(char["size"], 1)): size
        for run, size, small_caps in zip(runs, largest, in_small_caps_font, strict=True)
        if small_caps
        for char in run
        if low * size <= char["size"] <= high * size
    }
    read: list[dict[str, Any]] = []
    for run, size, small_caps in zip(runs, largest, in_small_caps_font, strict=True):
        full = capitals_of.get((run[0]["fontname"], round(size, 1)), size)
        if small_caps and any(low * full <= char["size"] <= high * full for char in run):
            # a small-capitals font at two sizes: capitals at the full size, small
            # capitals (lowercase letters) smaller, whatever case the text layer gives
            top = min((char["top"] for char in run if char["size"] == full), default=run[0]["top"])
            read.extend(
                _small_capital(char, full, top)
                if low * full <= char["size"] <= high * full
                else {**char, "text": char["text"].upper()}
                if char["size"] == full
                else char
                for char in run
            )
            continue
        if any(char["text"].islower() and char["size"] == full for char in run):
            # text with lowercase letters of its own is not set in small capitals: its
            # smaller capitals are capitals (an acronym set small, "the NHS Trust"); a
            # small capital may read lowercase already, where an /ActualText span says
            # which letter it stands for (Chromium writes one for each)
            read.extend(run)
            continue
        top = min(char["top"] for char in run if char["size"] == full)
        read.extend(
            _small_capital(char, full, top)
            if char["text"].isalpha() and low * full <= char["size"] <= high * full
            else char
            for char in run
        )
    return read


def _small_capital(char: dict[str, Any], full: float, top: float) -> dict[str, Any]:
    """A small capital as the lowercase letter it stands for, in its run's full size and at
    its full-size letters' top (word grouping parts lines where the tops differ)."""
    return {
        **char,
        "text": char["text"].lower(),
        "size": full,
        "top": top,
        "doctop": char["doctop"] - char["top"] + top,
    }


def printed_box(page: pdfplumber.page.Page) -> BBox:
    """The part of the page that is printed, in pdfplumber's coordinates: the TrimBox where
    the file sets one (the page after trimming), else the CropBox (what a viewer shows),
    within the MediaBox. Outside it stand a print file's bleed, crop marks, colour bars and
    slug (a file name, a date): not the publication's text."""
    media = page.mediabox
    box = getattr(page, "trimbox", None) or page.cropbox
    return BBox(
        float(max(box[0], media[0])),
        float(max(box[1], media[1])),
        float(min(box[2], media[2])),
        float(min(box[3], media[3])),
    )


def _drawn(layout: LTPage) -> tuple[bool, bool]:
    """Whether anything at all is drawn on the page (lines, large shapes, glyphs), and
    whether anything but glyphs is, wherever it stands."""
    anything = False
    pending = [iter(layout._objs)]
    while pending:
        obj = next(pending[-1], None)
        if obj is None:
            pending.pop()
        elif isinstance(obj, LTContainer):
            pending.append(iter(obj._objs))
        elif type(obj) is not LTChar:
            return True, True
        else:
            anything = True
    return anything, False


QUARTER_TURN = math.pi / 2


def _turn(matrix: tuple[float, ...]) -> int:
    """How many quarter turns anticlockwise a character's baseline is from upright (0-3):
    its text matrix with the page's /Rotate applied, as pdfminer gives it."""
    a, b = matrix[0], matrix[1]
    if b == 0:
        return 0 if a >= 0 else 2
    return round(math.atan2(b, a) / QUARTER_TURN) % 4


@dataclass(frozen=True)
class _Frame:
    """Where the page's objects are placed: pdfplumber's coordinates (x from the left, top
    from the top), or, for a page whose text runs sideways or upside down, the coordinates
    of the page turned so that its text is upright."""

    turn: int
    width: float
    height: float
    left: float  # pdfminer's page box
    bottom: float
    offset_x: float  # pdfplumber's mediabox origin (upright frame only)
    offset_top: float

    @classmethod
    def upright(cls, page: pdfplumber.page.Page) -> _Frame:
        left, top = page.mediabox[:2]
        return cls(0, float(page.width), float(page.height), 0.0, 0.0, left, top)

    @classmethod
    def turned(cls, page: pdfplumber.page.Page, turn: int) -> _Frame:
        """pdfminer places a page with /Rotate in the box of the page as shown (the MediaBox
        turned, from the origin); this frame turns that box by `turn` quarters."""
        x0, y0, x1, y1 = (float(v) for v in page.page_obj.mediabox)
        shown_width, shown_height = abs(x1 - x0), abs(y1 - y0)
        if page.page_obj.rotate % 180 == 90:
            shown_width, shown_height = shown_height, shown_width
        if turn == 2:
            return cls(turn, shown_width, shown_height, 0.0, 0.0, 0.0, 0.0)
        return cls(turn, shown_height, shown_width, 0.0, 0.0, 0.0, 0.0)

    def printed(self, page: pdfplumber.page.Page) -> BBox:
        """The printed part of the page (printed_box) in this frame; a turned page is taken
        whole (its boxes are not trimmed)."""
        if self.turn == 0:
            return printed_box(page)
        return BBox(0.0, 0.0, self.width, self.height)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """pdfminer's box (from the bottom left) as (x0, top, x1, bottom) in this frame."""
        if self.turn == 0:
            return (
                x0 + self.offset_x,
                self.height - y1 + self.offset_top,
                x1 + self.offset_x,
                self.height - y0 + self.offset_top,
            )
        corners = [self._turned(x - self.left, y - self.bottom) for x in (x0, x1) for y in (y0, y1)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        return min(xs), self.height - max(ys), max(xs), self.height - min(ys)

    def _turned(self, x: float, y: float) -> tuple[float, float]:
        if self.turn == 1:  # text runs up the page: turn it a quarter clockwise
            return y, self.height - x
        if self.turn == 2:
            return self.width - x, self.height - y
        return self.width - y, x  # text runs down the page


def _layout_objects(
    page: pdfplumber.page.Page, layout: LTPage, frame: _Frame
) -> tuple[list[dict[str, Any]], list[BBox], list[WideShape], bool, dict[int, int]]:
    """The page's characters as pdfplumber's character dicts, its small filled shapes (candidate
    drawn bullets), its wide shapes (filled or stroked, at least WIDE_SHAPE_SHARE of the
    printed width) and whether it holds an image: what page.chars, page.rects, page.curves,
    page.lines and page.images give, read from the same pdfplumber layout, with the same
    coordinates.

    page.chars turns every attribute of every object into a dict entry, a fifth of a page's
    parsing time; the parser reads ten. The dicts made here carry those, computed as
    pdfplumber's Page.process_object computes them, for pdfplumber's own word grouping.
    tests/test_speed_paths.py holds the result equal to page.extract_words, page.rects,
    page.curves and page.images, on every typeset layout and on unusual page geometry.
    Placed in `frame`; also returned: how many characters run in each direction."""
    doctop = page.initial_doctop
    turns: dict[int, int] = {}
    chars: list[dict[str, Any]] = []
    shapes: dict[type, list[BBox]] = {LTRect: [], LTCurve: []}  # rects first, as pdfplumber
    wide: list[WideShape] = []
    has_images = False
    printed = frame.printed(page)
    wide_width = (printed.x1 - printed.x0) * WIDE_SHAPE_SHARE
    # a character or shape is printed where its middle falls inside the printed box
    inside_x0, inside_x1 = printed.x0 * 2, printed.x1 * 2
    inside_top, inside_bottom = printed.top * 2, printed.bottom * 2
    spans: list[ActualText | None] = []  # each character's /ActualText span, if any
    pending = [iter(layout._objs)]
    while pending:
        obj = next(pending[-1], None)
        if obj is None:
            pending.pop()
        elif isinstance(obj, LTContainer):  # a form XObject's figure: its contents count
            pending.append(iter(obj._objs))
        elif type(obj) is LTChar:
            turn = _turn(obj.matrix)  # counted before the printed box: it is the frame's
            turns[turn] = turns.get(turn, 0) + 1
            x0, top, x1, bottom = frame.box(obj.x0, obj.y0, obj.x1, obj.y1)
            if not (
                inside_x0 <= x0 + x1 <= inside_x1 and inside_top <= top + bottom <= inside_bottom
            ):
                continue
            colour = obj.graphicstate.ncolor
            fontname = obj.fontname
            chars.append(
                {
                    "text": obj.get_text(),
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "doctop": doctop + top,
                    "upright": obj.upright if frame.turn == 0 else turn == frame.turn,
                    # pdfminer's size of a character not upright on the page is its advance
                    "size": obj.size if frame.turn == 0 else bottom - top,
                    "fontname": fontname_text(fontname)
                    if isinstance(fontname, bytes)
                    else fontname,
                    "non_stroking_color": colour if isinstance(colour, tuple) else (colour,),
                }
            )
            spans.append(getattr(obj, "actual_text", None))
        elif isinstance(obj, LTCurve):  # LTRect and LTLine are LTCurves
            box = frame.box(obj.x0, obj.y0, obj.x1, obj.y1)
            x0, top, x1, bottom = box
            if not (
                inside_x0 <= x0 + x1 <= inside_x1 and inside_top <= top + bottom <= inside_bottom
            ):
                continue
            if x1 - x0 >= wide_width:
                wide.append(box)
            elif obj.fill and type(obj) in shapes and is_bullet_sized(x1 - x0, bottom - top):
                shapes[type(obj)].append(BBox(*box))
        elif type(obj) is LTImage:
            has_images = True
    if any(span is not None for span in spans):
        chars = with_actual_text(chars, spans)
    return chars, [*shapes[LTRect], *shapes[LTCurve]], wide, has_images, turns


_COLOURS: dict[tuple[float, ...], tuple[float, ...]] = {}


def word_colour(value: object) -> tuple[float, ...] | None:
    """The colour as a tuple shared by every word of that colour (a tuple each would be a
    third of a long document's memory)."""
    if isinstance(value, (tuple, list)) and all(isinstance(v, (int, float)) for v in value):
        colour = tuple(round(float(v), 4) for v in value)
        return _COLOURS.setdefault(colour, colour)
    return None


def is_bullet_sized(width: float, height: float) -> bool:
    return 1.0 <= width <= 9.0 and 1.0 <= height <= 9.0 and 0.5 <= width / height <= 2.0


def raw_pages(
    pdf: pdfplumber.PDF, path: Path, indexes: Iterable[int] | None = None
) -> Iterator[RawPage]:
    """Read the PDF (or the pages at `indexes`) page by page, closing each page so memory
    stays flat."""
    for page in pdf.pages if indexes is None else (pdf.pages[i] for i in indexes):
        try:
            yield raw_page(page)
        except PipelineError:
            raise
        except Exception as exc:  # a damaged stream can fail anywhere inside pdfminer
            raise NotAPdfError(
                f"{path}: page {page.page_number} cannot be read; the PDF may be truncated "
                "or corrupted: download it again"
            ) from exc
        finally:
            page.close()


def check_page_limit(page_count: int, path: Path, max_pages: int | None) -> None:
    if max_pages is not None and page_count > max_pages:
        raise LimitError(
            f"{path.name} has {page_count} pages, more than the limit of {max_pages}: "
            "raise it with --max-pages if this really is an edition of the publication"
        )


def _release(pdf: pdfplumber.PDF) -> None:
    """Drop what pdfplumber holds of the file. Not pdf.close(): that flushes the list of pages
    and then builds every page object again in order to close each, which on a file refused
    for its page count is the very cost the limit avoids. Pages are closed as they are read
    (raw_pages); the stream is the source's bytes in memory."""
    pdf.flush_cache()
    pdf.stream.close()


def _declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    """The page count the page tree's root declares (/Count), read without walking it."""
    pages = resolve1(pdf.doc.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def _page_count(pdf: pdfplumber.PDF, path: Path, max_pages: int | None) -> int:
    """The number of pages, refused past `max_pages` before a page object is built: by the
    count the page tree declares, then by walking at most max_pages + 1 of its leaves (a
    file may declare fewer pages than it holds)."""
    declared = _declared_page_count(pdf)
    if declared is not None:
        check_page_limit(declared, path, max_pages)
    leaves = PDFPage.create_pages(pdf.doc)
    if max_pages is not None:
        leaves = itertools.islice(leaves, max_pages + 1)
    counted = sum(1 for _ in leaves)
    check_page_limit(counted, path, max_pages)
    return len(pdf.pages)


class open_pdf:
    """pdfplumber.open over the source's bytes (read here once when given a path), with every
    way a file can fail turned into one actionable error and the read limits checked before
    a page is built."""

    def __init__(self, source: Path | Source, limits: ReadLimits | None = None) -> None:
        self.source = source
        self.limits = limits if limits is not None else ReadLimits(max_pages=None)
        self.pdf: pdfplumber.PDF | None = None

    def __enter__(self) -> pdfplumber.PDF:
        limits = self.limits
        source = self.source
        if not isinstance(source, Source):
            source = read_source(source, limits.max_document_bytes)
        path = source.path
        if b"%PDF-" not in source.data[:1024]:
            raise NotAPdfError(
                f"{path}: not a PDF (no %PDF header); point --source at the publication's PDF"
            )
        check_inflated_sizes(source, limits)
        try:
            self.pdf = pdfplumber.open(io.BytesIO(source.data))
            page_count = _page_count(self.pdf, path, limits.max_pages)
        except PipelineError:
            if self.pdf is not None:
                _release(self.pdf)
            raise
        except Exception as exc:  # pdfminer raises many kinds on a damaged file
            if self.pdf is not None:
                _release(self.pdf)
            # pdfplumber wraps pdfminer's exception in its own PdfminerException
            if isinstance(exc.__context__, PDFEncryptionError) or isinstance(
                exc, PDFEncryptionError
            ):
                raise EncryptedPdfError(
                    f"{path}: the PDF is password-protected; use an unencrypted copy"
                ) from exc
            raise NotAPdfError(
                f"{path}: the PDF cannot be read; it may be truncated or corrupted: download it "
                "again"
            ) from exc
        if page_count == 0:
            _release(self.pdf)
            raise NotAPdfError(
                f"{path}: no page can be found in the PDF (its page tree is missing or "
                "damaged); it may be truncated or corrupted: download it again"
            )
        damage = _damaged_stream(self.pdf)
        if damage is not None:
            _release(self.pdf)
            raise NotAPdfError(
                f"{path}: {damage}; the PDF may be truncated or corrupted: download it again"
            )
        return self.pdf

    def __exit__(self, *exc: object) -> None:
        if self.pdf is not None:
            _release(self.pdf)


def metadata_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None
