"""Extract: PDF -> positioned text lines in reading order.

pdfplumber gives words; everything about layout here is inferred from the page
itself, never from one edition's coordinates: columns are the gutters the text
leaves, bullets are glyphs or small drawn shapes beside a line, running
footers are what repeats in the margins.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from pipeline.cache import LayoutCache

EXTRACTOR_VERSION = "4"  # bump when the lines this module produces change

BULLET_GLYPHS = frozenset("•●○◦▪■□▫‣⁃∙·►▸▹➢✓-–—*")
# Dashes and asterisks also occur inside prose: they count as bullets only where
# several lines of one column start with them at the same x.
AMBIGUOUS_BULLETS = frozenset("-–—*·")
NUMBER_MARKER = re.compile(r"^\(?(\d{1,3})[.)]$")
UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")  # a glyph with no Unicode mapping, e.g. a bullet
SYMBOL_FONT = re.compile(r"symbol|dingbat|wingding", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)

MARGIN_FRACTION = 0.08  # running headers and footers stand in the top and bottom 8%
WORD_TOLERANCE_RATIO = 0.2  # a gap wider than 0.2 em between characters separates words
FRAGMENT_GAP_EM = 1.2  # a gap wider than this on one baseline separates line fragments
MIN_GUTTER_EM = 0.8  # narrowest whitespace between two columns, in body-text ems
EPSILON = 1e-6
MIN_COLUMN_LINES = 2  # a column needs at least this many rows beside the gutter
ALIGN_TOLERANCE = 1.5  # points: lines of one column starting this close start together
ALIGNED_SHARE = 0.5  # of a column's rows start where another of its rows starts
EQUAL_GAP = 0.5  # points: justification spreads a line's gaps equally, to within this


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
class Line:
    """One printed line of one column, with the bullet or number that starts it, if any."""

    page: int
    block: int  # index of the column block in reading order
    text: str  # without the marker
    bbox: BBox  # marker included
    text_x0: float  # where the text after the marker starts
    size: float
    bold: bool
    italic: bool
    color: tuple[float, ...] | None
    marker: str | None  # the glyph, "1." style number, or "shape"
    list_style: str | None  # "bullet" or "numbered"
    words: tuple[Word, ...]  # every word of the line, marker included

    @property
    def style(self) -> tuple[float, bool, bool]:
        return (round(self.size * 2) / 2, self.bold, self.italic)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]  # reading order, furniture excluded
    furniture: tuple[Line, ...]  # running headers and footers, page numbers
    has_images: bool

    @property
    def word_count(self) -> int:
        return sum(len(line.words) for line in self.lines)


@dataclass(frozen=True)
class ExtractedDocument:
    page_count: int
    title: str | None
    author: str | None
    pages: tuple[Page, ...]


@dataclass(frozen=True, slots=True)
class RawPage:
    """What pdfplumber gives for one page, before any document-level decision."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    shapes: tuple[BBox, ...]  # small filled shapes: candidate drawn bullets
    has_images: bool


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page as its parser leaves it: its words, and the lines they make if every text in
    its margins is running furniture, which only the whole document can confirm. Parsers
    work page by page on every core; the document-level step then only checks the guess."""

    raw: RawPage
    margin_keys: frozenset[str]  # the furniture key of every text in the page's margins
    unsure_keys: frozenset[str]  # of those, the ones not page numbers: furniture if repeated
    page: Page  # the page's lines with every margin text taken as furniture


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
            except Exception:  # an object that does not load: pdfminer skips it too
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
        words=words,
        shapes=tuple(shapes),
        has_images=has_images,
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
    pending = [iter(page.layout._objs)]
    while pending:
        obj = next(pending[-1], None)
        if obj is None:
            pending.pop()
        elif isinstance(obj, LTContainer):  # a form XObject's figure: its contents count
            pending.append(iter(obj._objs))
        elif type(obj) is LTChar:
            top = height - obj.y1 + top_offset
            colour = obj.graphicstate.ncolor
            fontname = obj.fontname
            chars.append(
                {
                    "text": obj.get_text(),
                    "x0": obj.x0 + left,
                    "x1": obj.x1 + left,
                    "top": top,
                    "bottom": height - obj.y0 + top_offset,
                    "doctop": doctop + top,
                    "upright": obj.upright,
                    "size": obj.size,
                    "fontname": fontname_text(fontname)
                    if isinstance(fontname, bytes)
                    else fontname,
                    "non_stroking_color": colour if isinstance(colour, tuple) else (colour,),
                }
            )
        elif type(obj) in shapes:
            shape = BBox(
                obj.x0 + left,
                height - obj.y1 + top_offset,
                obj.x1 + left,
                height - obj.y0 + top_offset,
            )
            if obj.fill and _is_bullet_sized(shape.x1 - shape.x0, shape.bottom - shape.top):
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


def parsed_page(raw: RawPage) -> ParsedPage:
    """The page's lines, guessing that every text in its margins is running furniture (a
    guess extracted_document checks against the whole document)."""
    fragments = _fragments(raw.words)
    margin = [
        (fragment.text, _furniture_key(fragment.text, fragment.bbox, raw.height))
        for fragment in fragments
        if _in_margin(fragment.bbox, raw.height)
    ]
    unsure = frozenset(key for text, key in margin if not PAGE_NUMBER.match(text))
    return ParsedPage(
        raw=raw,
        margin_keys=frozenset(key for _, key in margin),
        unsure_keys=unsure,
        page=_page_lines(raw, fragments, unsure),
    )


def extracted_document(
    pages: Sequence[ParsedPage], title: str | None = None, author: str | None = None
) -> ExtractedDocument:
    """Lines of every page, after removing what repeats in the margins.

    A page whose margin texts all repeat elsewhere (or are page numbers) keeps the lines its
    parser made; one with a margin text found nowhere else is laid out again with that text
    in its body. Both give what laying out every page here would give: a page's lines
    depend on the running furniture only through its own margin texts."""
    furniture_keys = _running_furniture_keys(pages)
    lined = [
        page.page
        if page.unsure_keys <= furniture_keys
        else _page_lines(page.raw, _fragments(page.raw.words), furniture_keys)
        for page in pages
    ]
    return ExtractedDocument(
        page_count=len(pages),
        title=title,
        author=author,
        pages=_confirm_ambiguous_bullets(lined),
    )


def extract(
    path: Path,
    max_pages: int | None = None,
    *,
    cache: LayoutCache | None = None,
    jobs: int | None = None,
    meanwhile: Callable[[], object] = lambda: None,
    on_page: Callable[[int, int], None] = lambda done, total: None,
) -> ExtractedDocument:
    """The document's lines, from the layout cache when it holds this PDF, else parsed.

    Parsing is nearly all of a build's time, so `jobs` processes parse pages at once (by
    default one per usable core: forked workers and this one; 1 parses here alone), and this
    one runs `meanwhile` first: the build loads its heavy libraries there. The page limit is
    checked before any page is read. Serial, parallel and cached reads give equal documents
    and raise equal errors. `on_page(done, total)` is called as each page is parsed, for a
    progress display.
    """
    # Imported here: both modules build on this one's types and readers.
    from pipeline.cache import Layout
    from pipeline.parallel import available_cores, read_pages

    layout = cache.load() if cache is not None else None
    if layout is not None:
        check_page_limit(len(layout.pages), path, max_pages)
        meanwhile()
        parsed = [parsed_page(page) for page in layout.pages]
        return extracted_document(parsed, layout.title, layout.author)
    with open_pdf(path) as pdf:
        page_count = len(pdf.pages)
        check_page_limit(page_count, path, max_pages)
        title = _metadata_text(pdf.metadata.get("Title"))
        author = _metadata_text(pdf.metadata.get("Author"))
        workers = min(jobs or available_cores(), page_count) - 1
        pages = read_pages(pdf, path, max(workers, 0), meanwhile, on_page)
    if cache is not None:
        cache.store(Layout(title, author, tuple(page.raw for page in pages)))
    return extracted_document(pages, title, author)


def _metadata_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


# --- running furniture -------------------------------------------------------


def _in_margin(bbox: BBox, height: float) -> bool:
    return bbox.bottom <= height * MARGIN_FRACTION or bbox.top >= height * (1 - MARGIN_FRACTION)


def _furniture_key(text: str, bbox: BBox, height: float) -> str:
    zone = "top" if bbox.bottom <= height * MARGIN_FRACTION else "bottom"
    return zone + ":" + re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _running_furniture_keys(pages: Sequence[ParsedPage]) -> frozenset[str]:
    """Margin texts printed on at least two pages (digits folded): running headers and footers."""
    pages_with_key = Counter(key for page in pages for key in page.margin_keys)
    return frozenset(key for key, n in pages_with_key.items() if n >= 2)


# --- lines and columns ---------------------------------------------------------


@dataclass(frozen=True)
class _Fragment:
    """Words on one baseline with no wide gap between them."""

    words: tuple[Word, ...]
    bbox: BBox

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def _baseline_groups(words: Iterable[Word]) -> list[list[Word]]:
    """Words sharing a baseline, top to bottom; tolerance scales with the type size."""
    groups: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bbox.bottom, w.bbox.x0)):
        if groups:
            last = groups[-1]
            tolerance = 0.3 * min(word.size, median(w.size for w in last))
            if abs(word.bbox.bottom - last[-1].bbox.bottom) <= tolerance:
                last.append(word)
                continue
        groups.append([word])
    return [sorted(group, key=lambda w: w.bbox.x0) for group in groups]


def _is_marker_word(word: Word) -> bool:
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


def _fragments(words: Iterable[Word]) -> list[_Fragment]:
    fragments: list[_Fragment] = []
    for group in _baseline_groups(words):
        gaps = [b.bbox.x0 - a.bbox.x1 for a, b in pairwise(group)]
        # the gap after a list marker is its indent, not a word gap to compare with
        skipped = 1 if _is_marker_word(group[0]) else 0
        word_gaps = gaps[skipped:]
        current = [group[0]]
        for index, word in enumerate(group[1:]):
            previous = current[-1]
            gap = gaps[index]
            limit = FRAGMENT_GAP_EM * max(word.size, previous.size)
            if _is_marker_word(previous) and len(current) == 1:
                limit *= 3  # a bullet belongs to the text it introduces, however indented
            at = index - skipped
            if gap > limit and not (at >= 0 and _justified_gap(word_gaps, at)):
                fragments.append(_fragment(current))
                current = [word]
            else:
                current.append(word)
        fragments.append(_fragment(current))
    return fragments


def _justified_gap(gaps: Sequence[float], index: int) -> bool:
    """Justification spreads every gap of a line alike: a wide gap as wide as the gaps beside
    it is a justified line's, where a gutter stands out from the word gaps around it."""
    beside = [gaps[i] for i in (index - 1, index + 1) if 0 <= i < len(gaps)]
    return bool(beside) and all(abs(gaps[index] - other) <= EQUAL_GAP for other in beside)


def _fragment(words: Sequence[Word]) -> _Fragment:
    bbox = words[0].bbox
    for word in words[1:]:
        bbox = bbox.union(word.bbox)
    return _Fragment(tuple(words), bbox)


def _column_blocks(fragments: list[_Fragment], gutter_min: float) -> list[list[_Fragment]]:
    """Fragments grouped into column blocks, in reading order (column by column).

    The page is cut where a vertical gutter runs between text on both sides, over
    the stretch of the page that no fragment crosses and that holds the most
    fragments; what is above and below that stretch, and each side of it, is cut
    again the same way.
    """
    split = _best_vertical_split(fragments, gutter_min)
    if split is None:
        return [sorted(fragments, key=lambda f: (f.bbox.top, f.bbox.x0))] if fragments else []
    above, left, right, below = split
    return [
        *_column_blocks(above, gutter_min),
        *_column_blocks(left, gutter_min),
        *_column_blocks(right, gutter_min),
        *_column_blocks(below, gutter_min),
    ]


def _best_vertical_split(
    fragments: list[_Fragment], gutter_min: float
) -> tuple[list[_Fragment], ...] | None:
    ordered = sorted(fragments, key=lambda f: (f.bbox.top, f.bbox.x0))
    best: tuple[int, tuple[list[_Fragment], ...]] | None = None
    for edge in sorted({f.bbox.x1 for f in ordered}):
        gutter_end = edge + gutter_min  # the gutter is the band (edge, gutter_end)
        # stretches of consecutive fragments (top to bottom) that do not cross the gutter
        run: list[_Fragment] = []
        run_start = 0
        for index, fragment in enumerate([*ordered, None]):
            if fragment is not None and not (
                fragment.bbox.x0 < gutter_end and fragment.bbox.x1 > edge + EPSILON
            ):
                run.append(fragment)
                continue
            left = [f for f in run if f.bbox.x1 <= edge + EPSILON]
            right = [f for f in run if f.bbox.x0 >= gutter_end]
            score = len(left) + len(right)
            if (
                min(_rows(left), _rows(right)) >= MIN_COLUMN_LINES
                and _left_aligned(right)
                and _overlap_vertically(left, right)
                and (best is None or score > best[0])
            ):
                best = (score, (ordered[:run_start], left, right, ordered[index:]))
            run, run_start = [], index + 1
    return best[1] if best else None


def _left_aligned(fragments: list[_Fragment]) -> bool:
    """A column's rows start at a few shared x positions (its edge, the bullets, the hanging
    indent); the rows beyond a gap that justification opened start anywhere. Tested on the
    right of a gutter: the left side of a false one still holds its column's own edge."""
    row_starts: dict[int, float] = {}
    for fragment in fragments:
        row = round(fragment.bbox.bottom)
        row_starts[row] = min(row_starts.get(row, fragment.bbox.x0), fragment.bbox.x0)
    starts = sorted(row_starts.values())
    shared = sum(
        any(abs(x - other) <= ALIGN_TOLERANCE for other in starts[:i] + starts[i + 1 :])
        for i, x in enumerate(starts)
    )
    return shared >= ALIGNED_SHARE * len(starts)


def _rows(fragments: list[_Fragment]) -> int:
    """Distinct baselines: words a justified line spreads apart are still one row."""
    return len({round(f.bbox.bottom) for f in fragments})


def _overlap_vertically(left: list[_Fragment], right: list[_Fragment]) -> bool:
    """Side by side, not one above the other: the two sides share some height."""
    top = max(min(f.bbox.top for f in left), min(f.bbox.top for f in right))
    bottom = min(max(f.bbox.bottom for f in left), max(f.bbox.bottom for f in right))
    return bottom > top


def _page_lines(page: RawPage, fragments: list[_Fragment], furniture_keys: frozenset[str]) -> Page:
    furniture: list[_Fragment] = []
    body: list[_Fragment] = []
    for fragment in fragments:
        in_margin = _in_margin(fragment.bbox, page.height)
        key = _furniture_key(fragment.text, fragment.bbox, page.height) if in_margin else ""
        if in_margin and (key in furniture_keys or PAGE_NUMBER.match(fragment.text)):
            furniture.append(fragment)
        else:
            body.append(fragment)
    gutter_min = MIN_GUTTER_EM * _body_size(page.words)
    lines: list[Line] = []
    for block_index, block in enumerate(_column_blocks(body, gutter_min)):
        lines.extend(
            _line(page.number, block_index, words, page.shapes)
            for group in _baseline_groups(word for f in block for word in f.words)
            for words in _side_by_side_items(group, page.shapes)
        )
    return Page(
        number=page.number,
        width=page.width,
        height=page.height,
        lines=tuple(_lists_read_by_column(lines)),
        furniture=tuple(
            _line(page.number, -1, list(f.words), ())
            for f in sorted(furniture, key=lambda f: (f.bbox.top, f.bbox.x0))
        ),
        has_images=page.has_images,
    )


def _side_by_side_items(words: list[Word], shapes: Sequence[BBox]) -> list[list[Word]]:
    """One row of a list set in columns ("• Stoke on Trent   • Staffordshire"): a wide gap
    followed by a list marker, or by a drawn bullet, starts another line."""
    parts = [[words[0]]]
    for word in words[1:]:
        previous = parts[-1][-1]
        gap = word.bbox.x0 - previous.bbox.x1
        if gap > FRAGMENT_GAP_EM * max(word.size, previous.size) and (
            _is_marker_word(word) or _shape_beside(word.bbox, shapes, previous.bbox.x1)
        ):
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _lists_read_by_column(lines: list[Line]) -> list[Line]:
    """A list set in columns is read column by column, as a gutter between taller columns
    is: from a row of list items standing side by side, the list rows that follow and start
    at one of its columns are reordered column first."""
    ordered: list[Line] = []
    index = 0
    while index < len(lines):
        columns = _list_columns(lines, index)
        rows = []
        for line in lines[index:] if columns else ():
            if not line.list_style or not any(
                abs(line.bbox.x0 - x) <= ALIGN_TOLERANCE for x in columns
            ):
                break
            rows.append(line)
        if len(rows) > 1:

            def column_first(line: Line, columns: list[float] = columns) -> tuple[int, float]:
                nearest = min(range(len(columns)), key=lambda i: abs(columns[i] - line.bbox.x0))
                return nearest, line.bbox.top

            ordered.extend(sorted(rows, key=column_first))
            index += len(rows)
        else:
            ordered.append(lines[index])
            index += 1
    return ordered


def _list_columns(lines: list[Line], index: int) -> list[float]:
    """The x of each column of a list whose row at `index` holds items side by side."""
    first = lines[index]
    row = [
        line
        for line in lines[index:]
        if line.list_style and abs(line.bbox.bottom - first.bbox.bottom) <= 1
    ]
    return sorted(line.bbox.x0 for line in row) if first.list_style and len(row) > 1 else []


def _body_size(words: Sequence[Word]) -> float:
    sizes = Counter(round(w.size, 1) for w in words for _ in w.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _line(page: int, block: int, words: Sequence[Word], shapes: Sequence[BBox]) -> Line:
    words = list(words)
    all_words = tuple(words)
    bbox = _fragment(words).bbox
    marker: str | None = None
    list_style: str | None = None
    first = words[0].text
    if first[0] in BULLET_GLYPHS and len(first) > 1 and first[0] not in AMBIGUOUS_BULLETS:
        # "•Brent": the glyph set tight against the word
        glyph_width = (words[0].bbox.x1 - words[0].bbox.x0) / len(first)
        head = words[0]
        words[0] = replace(
            head, text=first[1:], bbox=replace(head.bbox, x0=head.bbox.x0 + glyph_width)
        )
        marker, list_style = first[0], "bullet"
    elif len(words) > 1 and _is_marker_word(words[0]):
        marker = first
        list_style = "numbered" if NUMBER_MARKER.match(first) else "bullet"
        words = words[1:]
    else:
        shape = _shape_beside(bbox, shapes)
        if shape is not None:
            marker, list_style = "shape", "bullet"
            bbox = bbox.union(shape)
    text_words = tuple(words)
    chars = [(w, len(w.text)) for w in text_words]
    total = sum(n for _, n in chars)
    sizes: Counter[float] = Counter()
    for word, n in chars:
        sizes[round(word.size, 2)] += n
    return Line(
        page=page,
        block=block,
        text=" ".join(w.text for w in text_words),
        bbox=bbox,
        text_x0=text_words[0].bbox.x0,
        size=sizes.most_common(1)[0][0],
        bold=sum(n for w, n in chars if w.bold) * 2 > total,
        italic=sum(n for w, n in chars if w.italic) * 2 > total,
        color=Counter(w.color for w in text_words).most_common(1)[0][0],
        marker=marker,
        list_style=list_style,
        words=all_words,
    )


def _shape_beside(bbox: BBox, shapes: Sequence[BBox], after_x: float = -1.0) -> BBox | None:
    """A small filled shape just left of the line (and right of `after_x`) and level with it:
    a drawn bullet."""
    height = bbox.bottom - bbox.top
    for shape in shapes:
        middle = (shape.top + shape.bottom) / 2
        gap = bbox.x0 - shape.x1
        if bbox.top <= middle <= bbox.bottom and -0.5 <= gap <= 2.5 * height and shape.x0 > after_x:
            return shape
    return None


def _confirm_ambiguous_bullets(pages: Sequence[Page]) -> tuple[Page, ...]:
    """A leading dash is a bullet only where the document starts two or more lines with it
    at one x (a list); elsewhere it is prose that wrapped before a dash."""
    starts = Counter(
        (line.marker, round(line.bbox.x0))
        for page in pages
        for line in page.lines
        if line.marker in AMBIGUOUS_BULLETS
    )

    def confirmed(line: Line) -> Line:
        if line.marker in AMBIGUOUS_BULLETS and starts[(line.marker, round(line.bbox.x0))] < 2:
            return replace(
                line,
                text=f"{line.marker} {line.text}",
                text_x0=line.bbox.x0,
                marker=None,
                list_style=None,
            )
        return line

    return tuple(
        replace(page, lines=tuple(confirmed(line) for line in page.lines)) for page in pages
    )
