"""Read: PDF bytes -> each page's words and small shapes, and nothing about layout.

Every way a file can fail to be the publication's PDF (missing, empty, not a PDF,
encrypted, damaged streams, too many pages) is turned here into one actionable error,
before any page is interpreted.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTRect
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfplumber.page import fix_fontname_bytes as fontname_text
from pdfplumber.utils import extract_words

from pipeline.errors import (
    EncryptedPdfError,
    LimitError,
    NotAPdfError,
    PipelineError,
    SourceError,
)
from pipeline.model import BBox

READER_VERSION = "5"  # bump when the pages this module produces change

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)
WORD_TOLERANCE_RATIO = 0.2  # a gap wider than 0.2 em between characters separates words


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


def raw_page(page: pdfplumber.page.Page) -> RawPage:
    """Words and small shapes of one page; pdfplumber's page is closed by the caller."""
    _check_content_streams(page)
    chars, shapes, has_images = _layout_objects(page)
    words = tuple(
        Word(
            text=w["text"],
            bbox=BBox(w["x0"], w["top"], w["x1"], w["bottom"]),
            size=float(w["size"]),
            fontname=sys.intern(w["fontname"].split("+", 1)[-1]),  # one string per font
            color=_colour(w["non_stroking_color"]),
        )
        for w in extract_words(
            chars,
            x_tolerance_ratio=WORD_TOLERANCE_RATIO,
            extra_attrs=["fontname", "size", "non_stroking_color"],
        )
        if w["upright"] and w["text"].strip()
    )
    return RawPage(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        printed=printed_box(page),
        words=words,
        shapes=tuple(shapes),
        has_images=has_images,
    )


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


def _layout_objects(page: pdfplumber.page.Page) -> tuple[list[dict[str, Any]], list[BBox], bool]:
    """The page's characters as pdfplumber's character dicts, its small filled shapes (candidate
    drawn bullets) and whether it holds an image: what page.chars, page.rects, page.curves and
    page.images give, read from the same pdfplumber layout, with the same coordinates.

    page.chars turns every attribute of every object into a dict entry, a fifth of a page's
    parsing time; the parser reads ten. The dicts made here carry those, computed as
    pdfplumber's Page.process_object computes them, for pdfplumber's own word grouping.
    tests/test_speed_paths.py holds the result equal to page.extract_words, page.rects,
    page.curves and page.images, on every typeset layout and on unusual page geometry."""
    height = page.height
    left, top_offset = page.mediabox[:2]
    doctop = page.initial_doctop
    chars: list[dict[str, Any]] = []
    shapes: dict[type, list[BBox]] = {LTRect: [], LTCurve: []}  # rects first, as pdfplumber
    has_images = False
    printed = printed_box(page)
    # a character or shape is printed where its middle falls inside the printed box
    inside_x0, inside_x1 = printed.x0 * 2, printed.x1 * 2
    inside_top, inside_bottom = printed.top * 2, printed.bottom * 2
    pending = [iter(page.layout._objs)]
    while pending:
        obj = next(pending[-1], None)
        if obj is None:
            pending.pop()
        elif isinstance(obj, LTContainer):  # a form XObject's figure: its contents count
            pending.append(iter(obj._objs))
        elif type(obj) is LTChar:
            top = height - obj.y1 + top_offset
            bottom = height - obj.y0 + top_offset
            middle_x = obj.x0 + obj.x1 + 2 * left
            if not (
                inside_x0 <= middle_x <= inside_x1 and inside_top <= top + bottom <= inside_bottom
            ):
                continue
            colour = obj.graphicstate.ncolor
            fontname = obj.fontname
            chars.append(
                {
                    "text": obj.get_text(),
                    "x0": obj.x0 + left,
                    "x1": obj.x1 + left,
                    "top": top,
                    "bottom": bottom,
                    "doctop": doctop + top,
                    "upright": obj.upright,
                    "size": obj.size,
                    "fontname": fontname_text(fontname)
                    if isinstance(fontname, bytes)
                    else fontname,
                    "non_stroking_color": colour if isinstance(colour, tuple) else (colour,),
                }
            )
        elif isinstance(obj, LTCurve) and type(obj) in shapes:  # LTRect is an LTCurve
            shape = BBox(
                obj.x0 + left,
                height - obj.y1 + top_offset,
                obj.x1 + left,
                height - obj.y0 + top_offset,
            )
            if (
                obj.fill
                and _is_bullet_sized(shape.x1 - shape.x0, shape.bottom - shape.top)
                and inside_x0 <= shape.x0 + shape.x1 <= inside_x1
                and inside_top <= shape.top + shape.bottom <= inside_bottom
            ):
                shapes[type(obj)].append(shape)
        elif type(obj) is LTImage:
            has_images = True
    return chars, [*shapes[LTRect], *shapes[LTCurve]], has_images


_COLOURS: dict[tuple[float, ...], tuple[float, ...]] = {}


def _colour(value: object) -> tuple[float, ...] | None:
    """The colour as a tuple shared by every word of that colour (a tuple each would be a
    third of a long document's memory)."""
    if isinstance(value, (tuple, list)) and all(isinstance(v, (int, float)) for v in value):
        colour = tuple(round(float(v), 4) for v in value)
        return _COLOURS.setdefault(colour, colour)
    return None


def _is_bullet_sized(width: float, height: float) -> bool:
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
                f"{path}: page {page.page_number} cannot be read ({type(exc).__name__}); "
                "the PDF may be truncated or corrupted: download it again"
            ) from exc
        finally:
            page.close()


def check_page_limit(page_count: int, path: Path, max_pages: int | None) -> None:
    if max_pages is not None and page_count > max_pages:
        raise LimitError(
            f"{path.name} has {page_count} pages, more than the limit of {max_pages}: "
            "raise it with --max-pages if this really is an edition of the publication"
        )


class open_pdf:
    """pdfplumber.open with every way a file can fail turned into one actionable error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf: pdfplumber.PDF | None = None

    def __enter__(self) -> pdfplumber.PDF:
        path = self.path
        if not path.exists():
            raise SourceError(f"{path}: no such file; check the --source path")
        if not path.is_file():
            raise SourceError(f"{path}: not a file; --source must name a PDF file")
        if path.stat().st_size == 0:
            raise SourceError(f"{path}: the file is empty; download the PDF again")
        with path.open("rb") as handle:
            head = handle.read(1024)
        if b"%PDF-" not in head:
            raise NotAPdfError(
                f"{path}: not a PDF (no %PDF header); point --source at the publication's PDF"
            )
        try:
            self.pdf = pdfplumber.open(path)
            page_count = len(self.pdf.pages)  # parses the page tree: a broken file fails here
        except Exception as exc:  # pdfminer raises many kinds on a damaged file
            if self.pdf is not None:
                self.pdf.close()
            # pdfplumber wraps pdfminer's exception in its own PdfminerException
            if isinstance(exc.__context__, PDFEncryptionError) or isinstance(
                exc, PDFEncryptionError
            ):
                raise EncryptedPdfError(
                    f"{path}: the PDF is password-protected; use an unencrypted copy"
                ) from exc
            raise NotAPdfError(
                f"{path}: the PDF cannot be read ({type(exc).__name__}); it may be truncated "
                "or corrupted: download it again"
            ) from exc
        if page_count == 0:
            self.pdf.close()
            raise NotAPdfError(
                f"{path}: no page can be found in the PDF (its page tree is missing or "
                "damaged); it may be truncated or corrupted: download it again"
            )
        damage = _damaged_stream(self.pdf)
        if damage is not None:
            self.pdf.close()
            raise NotAPdfError(
                f"{path}: {damage}; the PDF may be truncated or corrupted: download it again"
            )
        return self.pdf

    def __exit__(self, *exc: object) -> None:
        if self.pdf is not None:
            self.pdf.close()


def metadata_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None
