"""Layout: one page's words -> positioned lines of text in reading order, column by column.

Everything here is inferred from the page itself, never from one edition's coordinates:
columns are the gutters the text leaves, bullets are glyphs or small drawn shapes beside
a line, running footers are what repeats in the margins.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from statistics import median

from pipeline.layout.furniture import (
    PAGE_NUMBER,
    EdgeText,
    edge_texts,
    is_furniture,
    type_style,
)
from pipeline.layout.markers import (
    AMBIGUOUS_BULLETS,
    BULLET_GLYPHS,
    NOTE_MARK,
    NUMBER_MARKER,
    is_marker_word,
    is_note_reference,
    is_ordinal_marker,
)
from pipeline.layout.settings import LAYOUT
from pipeline.model import BBox, TurnedFrame
from pipeline.read.pdf import RawPage, Word

# Ligature glyphs (U+FB00-FB06: ff, fi, fl, ffi, ffl, long st, st) are how a font draws
# letters, not characters of the text: the publication's words are published as letters.
LIGATURE_LETTERS = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
LIGATURE = re.compile("[\ufb00-\ufb06]")
# A small raised figure that is no note reference ("m²", "10¹²") is text, published as the
# superscript it is printed as: the Unicode superscript digits. Reference symbols (* † ‡ §
# ¶) have no superscript forms and stay as they are.
SUPERSCRIPT_DIGITS = str.maketrans(
    "0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def spelled_out(words: Iterable[Word]) -> tuple[Word, ...]:
    """The words with every ligature glyph written as its letters (typographic quotes,
    dashes and other characters stay as printed)."""
    return tuple(
        replace(word, text=word.text.translate(LIGATURE_LETTERS))
        if LIGATURE.search(word.text)
        else word
        for word in words
    )


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
    # The note references it carries, not part of its text: every small raised figure
    # touching a word's end as line_of makes the line, only those whose note is printed
    # once extracted_document has read the whole document (a raised figure with no note
    # is text: "m²").
    notes: tuple[str, ...] = ()

    @property
    def style(self) -> tuple[float, bool, bool]:
        step = LAYOUT.style_size_step
        return (round(self.size / step) * step, self.bold, self.italic)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]  # reading order, furniture excluded
    furniture: tuple[Line, ...]  # running headers and footers, page numbers
    has_images: bool
    has_ink: bool = True  # anything drawn at all (False: a blank page)
    has_drawing: bool = True  # anything drawn but text (RawPage)
    # Pages imposed side by side on this sheet, read one after the other (2: a 2-up print,
    # _pages_of_sheet).
    pages_on_sheet: int = 1
    # The marks of the notes set apart from this page's lines (its footnotes, or endnotes
    # printed here): what makes a raised figure with that mark a note reference.
    note_marks: frozenset[str] = frozenset()
    # The frame the page was read in, if its text runs sideways or upside down (RawPage).
    turned: TurnedFrame | None = None
    # The gutters between the page's columns, each of at least LAYOUT.min_column_rows rows:
    # the document's columns, which a balanced column's single row may stand beside.
    gutters: tuple[Gutter, ...] = ()
    # Whether a column block of the page holds texts side by side across white space as
    # wide as a gutter, too few rows to be columns by themselves: the document's gutters
    # may part them (extracted_document lays the page out again with them).
    rows_apart: bool = False

    @property
    def word_count(self) -> int:
        return sum(len(line.words) for line in self.lines)


@dataclass(frozen=True)
class Fragment:
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
            tolerance = LAYOUT.baseline_tolerance * min(word.size, median(w.size for w in last))
            if abs(word.bbox.bottom - last[-1].bbox.bottom) <= tolerance:
                last.append(word)
                continue
        groups.append([word])
    return [sorted(group, key=lambda w: w.bbox.x0) for group in _raised_markers_joined(groups)]


def _holds(line: list[Word], marker: Word) -> bool:
    """Whether a raised `marker` belongs to `line`: smaller than its text, its middle
    within the line's height, and text to its right."""
    middle = (marker.bbox.top + marker.bbox.bottom) / 2
    return (
        not all(is_marker_word(word) for word in line)
        and min(word.bbox.top for word in line) <= middle <= max(word.bbox.bottom for word in line)
        and any(word.bbox.x0 >= marker.bbox.x1 for word in line)
        and marker.size < min(word.size for word in line)
    )


def _notes_on(line: list[Word], group: list[Word]) -> bool:
    """Whether every word of `group` is a note reference on a word of `line`."""
    return all(any(is_note_reference(mark, word) for word in line) for mark in group)


def _raised_markers_joined(groups: list[list[Word]]) -> list[list[Word]]:
    """A bullet set smaller than its text and raised to the middle of its letters (a
    dingbat at 5 pt before 9 pt text) has a baseline of its own: it joins the neighbouring
    line whose height holds its middle and which goes on to its right. So does a note
    reference raised after a word (a superscript "1" at 6 pt after 10.5 pt text): it joins
    the line whose word it touches."""
    joined: list[list[Word]] = []
    for index, group in enumerate(groups):
        neighbours = [*joined[-1:], *groups[index + 1 : index + 2]]
        if all(is_marker_word(word) for word in group):
            target = next((line for line in neighbours if _holds(line, group[0])), None)
            if target is not None:
                target.extend(group)
                continue
        if all(NOTE_MARK.match(word.text) for word in group):
            target = next((line for line in neighbours if _notes_on(line, group)), None)
            if target is not None:
                target.extend(group)
                continue
        joined.append(group)
    return joined


def line_fragments(words: Iterable[Word]) -> list[Fragment]:
    """The page's words as fragments: the words of each baseline, parted at every gap wider
    than a word space (LAYOUT.fragment_gap) that is not a justified line's
    (_justified_gap, _justified_lines_joined)."""
    words = list(words)
    largest = LAYOUT.large_type_cap * _body_size(words)
    rows = [_baseline_fragments(group, largest) for group in _baseline_groups(words)]
    return [
        fragment
        for index, row in enumerate(rows)
        for fragment in (_justified_lines_joined(rows, index) if len(row) > 1 else row)
    ]


def _baseline_fragments(group: list[Word], largest: float) -> list[Fragment]:
    """The words of one baseline parted at every gap wider than a word space whose line's
    gaps beside it are not as wide (LAYOUT.fragment_gap, _justified_gap), a word space of
    type larger than `largest` taken as that size's (LAYOUT.large_type_cap)."""
    fragments: list[Fragment] = []
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in pairwise(group)]
    # the gap after a list marker is its indent, not a word gap to compare with; nor is a
    # gap between two sizes of type (_one_type)
    skipped = 1 if is_marker_word(group[0]) else 0
    word_gaps = [
        gap if _one_type(a, b) else None
        for gap, (a, b) in zip(gaps[skipped:], pairwise(group[skipped:]), strict=True)
    ]
    current = [group[0]]
    for index, word in enumerate(group[1:]):
        previous = current[-1]
        gap = gaps[index]
        # a word gap in ems of the smaller type beside it (LAYOUT.fragment_gap); a
        # marker's indent and a justified line's gaps in the larger, as the text's own
        size = max(word.size, previous.size)
        limit = LAYOUT.fragment_gap * min(word.size, previous.size, largest)
        if is_marker_word(previous) and len(current) == 1:
            limit = LAYOUT.marker_gap * size  # a bullet belongs to the text it introduces
        at = index - skipped
        if gap > limit and not (at >= 0 and _justified_gap(word_gaps, at, size)):
            fragments.append(_fragment(current))
            current = [word]
        else:
            current.append(word)
    fragments.append(_fragment(current))
    return fragments


def _text_words(words: Sequence[Word]) -> Sequence[Word]:
    """A line's words but its list marker."""
    return words[1:] if len(words) > 1 and is_marker_word(words[0]) else words


def _text_start(words: Sequence[Word]) -> float:
    """Where a line's text starts: after its list marker, at its indent."""
    return _text_words(words)[0].bbox.x0


def _justified_lines_joined(rows: Sequence[list[Fragment]], index: int) -> list[Fragment]:
    """The fragments of one baseline (`rows[index]`, the page's fragments baseline by
    baseline) with every run of them that is one justified line joined: a narrow column's
    line of two or three words, spread to its measure, opens a gap of several ems between
    them (3-5 em in a 108 pt column of A5), as wide as a gutter. The run is that line where
    all its gaps but a list marker's are as wide as each other (LAYOUT.equal_gap:
    justification spreads every gap of a line alike) and it fills its column's measure
    (_fills_its_columns_measure). Words on both sides of a gutter fill a measure only where
    lines across the gutter are set to it, with every gap of the row alike: each column's
    line one word, the one beyond the gutter ending where those lines end."""
    fragments = rows[index]
    joined: list[Fragment] = []
    start = 0
    while start < len(fragments):
        end = next(
            (
                end
                for end in range(len(fragments), start + 1, -1)
                if _one_justified_line(rows, index, fragments[start:end])
            ),
            start + 1,
        )
        run = fragments[start:end]
        joined.append(run[0] if len(run) == 1 else _fragment([w for f in run for w in f.words]))
        start = end
    return joined


def _one_justified_line(rows: Sequence[list[Fragment]], index: int, run: list[Fragment]) -> bool:
    """Whether these fragments of the baseline `rows[index]` are one justified line: its
    gaps but a list marker's alike, between words of one type (_one_type), filling its
    column's measure."""
    words = [word for fragment in run for word in fragment.words]
    size = max(word.size for word in words)
    text = _text_words(words)
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in pairwise(text)]
    if (
        not gaps
        or max(gaps) - min(gaps) > LAYOUT.equal_gap * size
        or not all(_one_type(a, b) for a, b in pairwise(text))
    ):
        return False
    return _fills_its_columns_measure(rows, index, _fragment(words), size)


def _fills_its_columns_measure(
    rows: Sequence[list[Fragment]], index: int, line: Fragment, size: float
) -> bool:
    """Whether `line`, on the baseline `rows[index]`, fills the measure of its column: at
    least LAYOUT.measure_lines of the lines stacked over and under it, across its width,
    set with word spaces only (fragments of several words), start their text where it
    starts and end where it ends (within LAYOUT.align_tolerance of its size). The stack
    ends at a band of white space (LAYOUT.band_gap): a running foot at the page's margins
    is no line of the column above it."""
    tolerance = LAYOUT.align_tolerance * size
    x0, x1 = _text_start(line.words), line.bbox.x1
    reach = LAYOUT.band_gap * size
    filled = 0
    for step in (-1, 1):
        edge = line.bbox.top if step < 0 else line.bbox.bottom
        at = index + step
        while 0 <= at < len(rows) and filled < LAYOUT.measure_lines:
            across = [f for f in rows[at] if f.bbox.x0 < x1 and x0 < f.bbox.x1]
            at += step
            if not across:
                continue
            top = min(f.bbox.top for f in across)
            bottom = max(f.bbox.bottom for f in across)
            if (edge - bottom if step < 0 else top - edge) > reach:
                break
            edge = top if step < 0 else bottom
            filled += any(
                len(_text_words(f.words)) > 1
                and abs(_text_start(f.words) - x0) <= tolerance
                and abs(f.bbox.x1 - x1) <= tolerance
                for f in across
            )
    return filled >= LAYOUT.measure_lines


def _one_type(word: Word, other: Word) -> bool:
    """Whether two words are set in one size (LAYOUT.size_tolerance): justification
    spreads the spaces of one line of type, so a gap between two sizes is no justified
    space (a 14 pt name opening the next newspaper column, across a gutter as wide as the
    spaces of the 8.5 pt justified line ending the first), nor one to compare with."""
    size = max(word.size, other.size)
    return abs(word.size - other.size) <= LAYOUT.size_tolerance * size


def _justified_gap(gaps: Sequence[float | None], index: int, size: float) -> bool:
    """Justification spreads every gap of a line alike: a wide gap as wide as the gaps beside
    it is a justified line's, where a gutter stands out from the word gaps around it. No
    gap wider than LAYOUT.wide_gutter is justification, however alike the gaps beside it:
    cards set in a grid leave equal gutters between texts standing on one baseline (three
    banners across a row of cards); only the measure a line fills tells that it is one
    (_justified_lines_joined). A gap between two sizes of type (None) is none."""
    gap = gaps[index]
    if gap is None or gap > LAYOUT.wide_gutter * size:
        return False
    beside = [
        other
        for i in (index - 1, index + 1)
        if 0 <= i < len(gaps) and (other := gaps[i]) is not None
    ]
    return bool(beside) and all(abs(gap - other) <= LAYOUT.equal_gap * size for other in beside)


def _fragment(words: Sequence[Word]) -> Fragment:
    bbox = words[0].bbox
    for word in words[1:]:
        bbox = bbox.union(word.bbox)
    return Fragment(tuple(words), bbox)


@dataclass(frozen=True, order=True, slots=True)
class Gutter:
    """The white space before a page's second column, where both columns hold at least
    LAYOUT.min_column_rows rows: where the second column's text starts (its leftmost row)
    and where its rows start (its edge, its bullets' text, its hanging indent: the starts
    that two rows share or more)."""

    start: float
    row_starts: tuple[float, ...]


@dataclass(slots=True)
class ColumnSearch:
    """The column search of one page: the gutters the document's columns leave
    (`established`, from every page), and what the search saw besides the page's blocks
    (the gutters it found; whether texts stand apart on one row in a block it left
    whole)."""

    established: Sequence[Gutter] = ()
    found: list[Gutter] = field(default_factory=list)
    rows_apart: bool = False


def _column_blocks(
    fragments: list[Fragment],
    body: float,
    shapes: Sequence[BBox] = (),
    search: ColumnSearch | None = None,
) -> list[list[Fragment]]:
    """Fragments grouped into column blocks, in reading order (column by column).

    The page is first cut into bands, one below the other, where a wide band of white space
    runs across it between two stretches each set in columns of its own (two sites on one
    page: a gutter may run through both, but each is read whole before the next; not
    newspaper columns that both leave white space at one height, _one_set_of_columns), or
    where a drawn shape runs across its text (a banner's block, a rule). Then it is cut where a
    vertical gutter runs between text on both sides, over the stretch of the page that no
    fragment crosses and that holds the most fragments; what is above and below that
    stretch, and each side of it, is cut again the same way. `shapes`: the drawn shapes
    across the page's text, top to bottom (_shapes_across). Where no gutter with columns
    of LAYOUT.min_column_rows rows each side runs through a block, it is cut at a gutter
    the document's columns leave (`search.established`: _split_at_established_gutter).
    `search` gathers the gutters found and whether a block left whole holds texts apart on
    one row (_rows_apart).
    """
    if search is None:
        search = ColumnSearch()
    bands = _column_bands(fragments, body, shapes)
    if len(bands) > 1:
        return [block for band in bands for block in _column_blocks(band, body, shapes, search)]
    split = _best_vertical_split(fragments, body)
    if split is not None:
        search.found.append(_gutter_of(split, body))
    else:
        split = _split_at_established_gutter(fragments, body, search.established)
    if split is None:
        search.rows_apart = search.rows_apart or _rows_apart(fragments, body)
        return [sorted(fragments, key=lambda f: (f.bbox.top, f.bbox.x0))] if fragments else []
    above, left, right, below = split
    return [
        *_column_blocks(above, body, shapes, search),
        *_column_blocks(left, body, shapes, search),
        *_column_blocks(right, body, shapes, search),
        *_column_blocks(below, body, shapes, search),
    ]


def _gutter_of(split: tuple[list[Fragment], ...], body: float) -> Gutter:
    """The gutter before a split's second column: where its text starts, and where two of
    its rows or more start, up to a hanging indent past that (LAYOUT.column_indent; each
    start once, within LAYOUT.align_tolerance): further right stand the columns beyond."""
    _, _, right, _ = split
    start = min(f.bbox.x0 for f in right)
    tolerance = LAYOUT.align_tolerance * body
    starts = sorted(
        x for x in _row_starts(right).values() if x <= start + LAYOUT.column_indent * body
    )
    shared: list[float] = []
    for index, x in enumerate(starts):
        others = starts[:index] + starts[index + 1 :]
        if any(abs(x - other) <= tolerance for other in others) and not any(
            abs(x - kept) <= tolerance for kept in shared
        ):
            shared.append(x)
    return Gutter(start=start, row_starts=tuple(shared))


def document_gutters(pages: Sequence[Page], body: float) -> list[Gutter]:
    """The gutters of the document's columns: each gutter found on a page whose second
    column starts where one found on another page starts (within LAYOUT.align_tolerance
    of the document's body size `body`), on LAYOUT.min_gutter_pages pages or more. The
    columns are the document's: a gap that justification opened on two rows of one narrow
    column happens once, where it happens at all."""
    tolerance = LAYOUT.align_tolerance * body
    found = sorted({(gutter, page.number) for page in pages for gutter in page.gutters})
    return sorted(
        {
            gutter
            for gutter, _ in found
            if len(
                {number for other, number in found if abs(other.start - gutter.start) <= tolerance}
            )
            >= LAYOUT.min_gutter_pages
        }
    )


def _row_starts(fragments: list[Fragment]) -> dict[int, float]:
    """Where each row (baseline) of the fragments starts."""
    starts: dict[int, float] = {}
    for fragment in fragments:
        row = round(fragment.bbox.bottom)
        starts[row] = min(starts.get(row, fragment.bbox.x0), fragment.bbox.x0)
    return starts


def _rows_apart(fragments: list[Fragment], body: float) -> bool:
    """Whether two of the fragments stand side by side (sharing some height) with white
    space at least LAYOUT.min_gutter wide between them. Top to bottom, each is compared
    only with those that start above its foot: a block's rows, not every pair of it."""
    gutter = LAYOUT.min_gutter * body
    ordered = sorted(fragments, key=lambda f: f.bbox.top)
    for index, a in enumerate(ordered):
        for b in ordered[index + 1 :]:
            if b.bbox.top >= a.bbox.bottom:
                break
            if a.bbox.top < b.bbox.bottom and (
                a.bbox.x1 + gutter <= b.bbox.x0 or b.bbox.x1 + gutter <= a.bbox.x0
            ):
                return True
    return False


def _split_at_established_gutter(
    fragments: list[Fragment], body: float, gutters: Sequence[Gutter]
) -> tuple[list[Fragment], ...] | None:
    """A block cut at a gutter that the document's own columns leave (`gutters`: each
    found with LAYOUT.min_column_rows rows or more on both sides, on this page or
    another), where too few rows stand on one side of it to be columns by themselves:
    columns balanced at a section's end leave a line or two beside the first column's
    last lines (Writer's sections, CSS columns), where the first column holds as many rows
    beside and below them (_fills_first). Only where those rows all start
    where the column's rows start (LAYOUT.align_tolerance), at or right of the gutter,
    and the text on the other side ends a gutter's width (LAYOUT.min_gutter) short of
    it: a gap that justification opened inside one column has text reaching into the
    gutter on one side, the column's measure. Cut over the stretch that nothing crosses
    and that holds the most fragments, as _best_vertical_split cuts; None where no
    gutter parts any."""
    ordered = sorted(fragments, key=lambda f: (f.bbox.top, f.bbox.x0))
    tolerance = LAYOUT.align_tolerance * body
    best: tuple[int, tuple[list[Fragment], ...]] | None = None
    for gutter in gutters:
        edge = gutter.start - LAYOUT.min_gutter * body
        for run, run_start, end in _runs(ordered, edge, gutter.start - tolerance):
            left = [f for f in run if f.bbox.x1 <= edge + LAYOUT.coordinate_noise]
            right = [f for f in run if f.bbox.x0 >= gutter.start - tolerance]
            score = len(left) + len(right)
            if (
                left
                and right
                and (best is None or score > best[0])
                and all(
                    any(abs(x - start) <= tolerance for start in gutter.row_starts)
                    for x in _row_starts(right).values()
                )
                and _overlap_vertically(left, right)
                and _fills_first(left, right)
            ):
                best = (score, (ordered[:run_start], left, right, ordered[end:]))
    return best[1] if best else None


def _fills_first(left: list[Fragment], right: list[Fragment]) -> bool:
    """Whether `left` holds rows beside and below `right`'s first row as balanced columns'
    first column does: at least LAYOUT.min_column_rows, and no fewer than `right` holds
    (columns are filled first column first). A label in a column of its own holds one row
    beside its value ("Area" / "North West"), not a column."""
    top = min(f.bbox.top for f in right)
    beside = [f for f in left if f.bbox.bottom > top]
    return _rows(beside) >= max(LAYOUT.min_column_rows, _rows(right))


def _runs(
    ordered: list[Fragment], edge: float, gutter_end: float
) -> Iterator[tuple[list[Fragment], int, int]]:
    """The stretches of consecutive fragments (top to bottom) that do not cross the gutter
    (edge, gutter_end), nor stand level with one that does (the rest of its row): each
    with the index of its first fragment and of the one after its last."""
    run: list[Fragment] = []
    run_start = 0
    crossing_foot = -math.inf
    for index, fragment in enumerate([*ordered, None]):
        if (
            fragment is not None
            and not (
                fragment.bbox.x0 < gutter_end and fragment.bbox.x1 > edge + LAYOUT.coordinate_noise
            )
            and (fragment.bbox.top + fragment.bbox.bottom) / 2 >= crossing_foot
        ):
            run.append(fragment)
            continue
        if fragment is not None:
            crossing_foot = max(crossing_foot, fragment.bbox.bottom)
        yield run, run_start, index
        run, run_start = [], index + 1


def _column_bands(
    fragments: list[Fragment], body: float, shapes: Sequence[BBox] = ()
) -> list[list[Fragment]]:
    """The fragments cut at every band of white space at least LAYOUT.band_gap tall that runs
    across all of them, where the text above the cut and the text below it are each set in
    columns, unless they are one set of newspaper columns (_one_set_of_columns); where one
    side is not, the columns read down across the cut (newspaper
    columns, one running on below the other's end), unless that cannot be their reading
    order (_read_apart). Cut too, whatever stands either side, at every drawn shape across
    the page's text (`shapes`, top to bottom: a site's banner block packed right under the
    panels of the site before, a rule between sites) that starts below all the text above
    it: no text runs on across a banner."""
    stretches: list[list[Fragment]] = []
    drawn_above: list[bool] = []  # whether a shape across the text parts each from the last
    bottom = None
    pending = 0
    for fragment in sorted(fragments, key=lambda f: (f.bbox.top, f.bbox.x0)):
        drawn = False  # a shape across the text starts between this fragment and all above
        while pending < len(shapes) and shapes[pending].top <= fragment.bbox.top:
            drawn |= (
                bottom is not None and shapes[pending].top >= bottom - LAYOUT.rule_overlap * body
            )
            pending += 1
        if bottom is None or drawn or fragment.bbox.top - bottom >= LAYOUT.band_gap * body:
            stretches.append([])
            drawn_above.append(drawn)
        stretches[-1].append(fragment)
        bottom = fragment.bbox.bottom if bottom is None else max(bottom, fragment.bbox.bottom)
    if len(stretches) <= 1:
        return stretches
    bands = [stretches[0]]
    for stretch, drawn in zip(stretches[1:], drawn_above[1:], strict=True):
        above = _best_vertical_split(bands[-1], body)
        below = _best_vertical_split(stretch, body)
        if drawn or (
            not _one_set_of_columns(above, below, body)
            if above and below
            else _read_apart(bands[-1], above, stretch, below, body)
        ):
            if below is not None and above is None:
                bands[-1:] = _split_at_gutter(bands[-1], below)
            bands.append(stretch)
        else:
            bands[-1] = bands[-1] + stretch
    return bands


def _shapes_across(fragments: list[Fragment], body: float, shapes: Sequence[BBox]) -> list[BBox]:
    """The shapes that reach across the text of the page's body, from its left edge to its
    right (within LAYOUT.rule_reach): a banner's block or a rule across the page, not a
    panel's box, a column's banner or a table cell's border."""
    if not shapes or not fragments:
        return []
    reach = LAYOUT.rule_reach * body
    left = min(f.bbox.x0 for f in fragments) + reach
    right = max(f.bbox.x1 for f in fragments) - reach
    return [shape for shape in shapes if shape.x0 <= left and shape.x1 >= right]


def _split_at_gutter(
    fragments: list[Fragment], columns: tuple[list[Fragment], ...]
) -> list[list[Fragment]]:
    """Text above columns, read apart from them, cut at their gutter where none of it
    crosses it: the columns go on up through it (a table's heading row, its first cell's
    title beside the second cell running on), each side read on its own, first column
    first; [fragments] where something crosses."""
    _, left, right, _ = columns
    left_end = max(f.bbox.x1 for f in left)
    right_start = min(f.bbox.x0 for f in right)
    before = [f for f in fragments if f.bbox.x1 < right_start]
    beyond = [f for f in fragments if f.bbox.x0 > left_end]
    if len(before) + len(beyond) != len(fragments):
        return [fragments]
    return [part for part in (before, beyond) if part]


def _read_apart(
    upper: list[Fragment],
    upper_columns: tuple[list[Fragment], ...] | None,
    lower: list[Fragment],
    lower_columns: tuple[list[Fragment], ...] | None,
    body: float,
) -> bool:
    """Whether text on one side of a wide gap, not in columns, is read apart from the
    columns on the other side rather than down one of them. Newspaper columns fill the
    first column first, so reading down across the gap only makes sense where that text
    goes on with the first column: not where text above the columns stands beyond their
    first column (a panel that runs on at the top of a page beside the end of another, or
    beside no more than a heading row's title: reading down would put it after the first
    column's text below the gap); below them, only where it stands under their first
    column and the columns end together at the gap (balanced columns the gap breaks), or
    they are newspaper columns of which the second ended early (_second_ended_early: a
    column break forced before a list's last item or a heading, or a block kept whole that
    did not fit). Read apart, that second column, which goes on from the foot of the
    first, came before the first column's text below the gap: the next site's start, and
    the second column's text was published under the site above the gap. Columns that
    end apart otherwise are two panels, one shorter than the other, and what stands under
    the gap is new (the next site's banner). Where neither side is in columns alone but
    both together are, text above wholly beyond their first column is read apart too."""
    if lower_columns is not None:
        _, left, _, _ = lower_columns
        first_column_end = max(f.bbox.x1 for f in left)
        return any(f.bbox.x0 > first_column_end for f in upper)
    if upper_columns is not None:
        _, left, right, _ = upper_columns
        within = max(f.bbox.x1 for f in lower) < min(f.bbox.x0 for f in right)
        left_foot = max(f.bbox.bottom for f in left)
        right_foot = max(f.bbox.bottom for f in right)
        if not within:
            return True
        if abs(left_foot - right_foot) <= LAYOUT.level_feet * body:
            return False
        return not _second_ended_early(left, right, lower, body)
    merged = _best_vertical_split([*upper, *lower], body)
    if merged is None:
        return False
    # Neither side alone is in columns, but together they are: read down those columns
    # only where the text above goes on with their first column. Text above that stands
    # wholly beyond it (a row's value column running on at a page's top, over a site's
    # header set below, its label and value on one line) would come after the first
    # column's text below the gap, a page read out of order.
    _, left, _, _ = merged
    first_column_end = max(f.bbox.x1 for f in left)
    return all(f.bbox.x0 > first_column_end for f in upper)


def _second_ended_early(
    left: list[Fragment], right: list[Fragment], lower: list[Fragment], body: float
) -> bool:
    """Whether two columns that end apart above a wide gap, with text under the first one
    below it (`lower`), are newspaper columns whose second column ended early rather than
    two panels side by side, one shorter. Both start together at the top of their box
    (LAYOUT.level_tops: a site's header above two panels starts the first one higher).
    Where the first column ends lower, that is all it takes: newspaper columns fill the
    first one first, so the second ended at a forced break, and it may hold only a line or
    two, too few to show its measure. Where the second ends lower, the first column's site
    above the gap was ended short by a break, which newspaper columns show by their set:
    one measure with the text below the gap in the first (_newspaper_set), where a shorter
    panel beside taller approaches is sized to what it holds."""
    first_tops = [min(f.bbox.top for f in column) for column in (left, right)]
    if abs(first_tops[0] - first_tops[1]) > LAYOUT.level_tops * body:
        return False
    if max(f.bbox.bottom for f in left) > max(f.bbox.bottom for f in right):
        return True
    return _newspaper_set([*left, *lower], right, (left, right), body)


def _one_set_of_columns(
    upper: tuple[list[Fragment], ...], lower: tuple[list[Fragment], ...], body: float
) -> bool:
    """Whether two stretches, each set in columns, one under the other across a wide band
    of white space, are one set of newspaper columns that both happen to leave white space
    at that height (a site ending in each column), to be read column by column through the
    band, rather than two sets one below the other (two sites, each a panel beside its
    approaches), each read whole. Read as two sets, newspaper columns put the top of the
    second column (a site running on from the foot of the first) before the first
    column's text below the band. Newspaper columns run the height of the text: nothing on
    either side of the band crosses their gutter, above or below them (no heading row,
    banner or header across the page), and one gutter runs through both stretches; they
    start together at the top of their box (LAYOUT.level_tops: a site's header above its
    two panels starts the first panel higher than the second); and they are set to one
    measure (LAYOUT.one_measure: panels are sized to what they hold, a narrow themes panel
    beside the approaches)."""
    upper_above, upper_left, upper_right, upper_below = upper
    lower_above, lower_left, lower_right, lower_below = lower
    if upper_above or upper_below or lower_above or lower_below:
        return False
    return _newspaper_set(
        [*upper_left, *lower_left], [*upper_right, *lower_right], (upper_left, upper_right), body
    )


def _newspaper_set(
    left: list[Fragment],
    right: list[Fragment],
    tops: tuple[list[Fragment], list[Fragment]],
    body: float,
) -> bool:
    """Whether two columns of text (`left`, `right`: all of each) are set as newspaper
    columns are: side by side, starting together at the top of their box (`tops`: the
    columns' first stretches, whose first lines' tops are within LAYOUT.level_tops: a
    site's header above its two panels starts the first panel higher than the second) and
    set to one measure (the widths their text spans within LAYOUT.one_measure: panels side
    by side are sized to what they hold, a narrow themes panel beside the approaches)."""
    left_x0, left_x1 = min(f.bbox.x0 for f in left), max(f.bbox.x1 for f in left)
    right_x0, right_x1 = min(f.bbox.x0 for f in right), max(f.bbox.x1 for f in right)
    first_tops = [min(f.bbox.top for f in column) for column in tops]
    return (
        left_x1 < right_x0
        and abs(first_tops[0] - first_tops[1]) <= LAYOUT.level_tops * body
        and abs((left_x1 - left_x0) - (right_x1 - right_x0)) <= LAYOUT.one_measure * body
    )


def _best_vertical_split(
    fragments: list[Fragment], body: float
) -> tuple[list[Fragment], ...] | None:
    gutter_min = LAYOUT.min_gutter * body
    ordered = sorted(fragments, key=lambda f: (f.bbox.top, f.bbox.x0))
    best: tuple[int, tuple[list[Fragment], ...]] | None = None
    for edge in sorted({f.bbox.x1 for f in ordered}):
        gutter_end = edge + gutter_min  # the gutter is the band (edge, gutter_end)
        for run, run_start, index in _runs(ordered, edge, gutter_end):
            if len(run) < 2 * LAYOUT.min_column_rows:  # too few for two columns' rows
                continue
            left = [f for f in run if f.bbox.x1 <= edge + LAYOUT.coordinate_noise]
            right = [f for f in run if f.bbox.x0 >= gutter_end]
            score = len(left) + len(right)
            if (
                (best is None or score > best[0])
                and min(len(left), len(right)) >= LAYOUT.min_column_rows  # rows <= fragments
                and min(_rows(left), _rows(right)) >= LAYOUT.min_column_rows
                and (
                    _left_aligned(right, body)
                    or _ragged_beyond(left, right, _beside(ordered, run_start, gutter_end), body)
                )
                and _overlap_vertically(left, right)
            ):
                best = (score, (ordered[:run_start], left, right, ordered[index:]))
    return best[1] if best else None


def _ragged_beyond(
    left: list[Fragment], right: list[Fragment], beside: list[Fragment], body: float
) -> bool:
    """Rows that start anywhere beyond a gutter still make a column where the white space
    before them is wide and they do not end together, nor with the text `beside` them in
    the row above: no justification opened that gap (a table's heading row over one row of
    a cell that runs on from the page before)."""
    clear = min(f.bbox.x0 for f in right) - max(f.bbox.x1 for f in left)
    return clear >= LAYOUT.wide_gutter * body and not _right_aligned([*right, *beside], body)


def _beside(ordered: list[Fragment], run_start: int, gutter_end: float) -> list[Fragment]:
    """The rest of the crossing row just above a run, beyond the gutter: not the column's,
    but where it ends tells justified text from ragged."""
    return [f for f in _row_ending(ordered, run_start) if f.bbox.x0 >= gutter_end]


def _row_ending(ordered: list[Fragment], end: int) -> list[Fragment]:
    """The fragments before `end` (top to bottom) level with the one just before it: the
    row it ends."""
    if end == 0:
        return []
    last = ordered[end - 1].bbox
    row = []
    for index in range(end - 1, -1, -1):
        fragment = ordered[index]
        if (fragment.bbox.top + fragment.bbox.bottom) / 2 < last.top:
            break
        row.append(fragment)
    return row


def _left_aligned(fragments: list[Fragment], body: float) -> bool:
    """A column's rows start at a few shared x positions (its edge, the bullets, the hanging
    indent); the rows beyond a gap that justification opened start anywhere. Tested on the
    right of a gutter: the left side of a false one still holds its column's own edge."""
    return _mostly_shared(list(_row_starts(fragments).values()), body)


def _right_aligned(fragments: list[Fragment], body: float) -> bool:
    """Whether the rows end at a shared x: justification ends every full line at the
    column's edge, and only justification opens a wide gap between words."""
    row_ends: dict[int, float] = {}
    for fragment in fragments:
        row = round(fragment.bbox.bottom)
        row_ends[row] = max(row_ends.get(row, fragment.bbox.x1), fragment.bbox.x1)
    return _mostly_shared(list(row_ends.values()), body)


def _mostly_shared(edges: list[float], body: float) -> bool:
    """Whether at least LAYOUT.aligned_share of the edges stand where another one stands."""
    edges = sorted(edges)
    tolerance = LAYOUT.align_tolerance * body
    shared = sum(
        any(abs(x - other) <= tolerance for other in edges[:i] + edges[i + 1 :])
        for i, x in enumerate(edges)
    )
    return shared >= LAYOUT.aligned_share * len(edges)


def _rows(fragments: list[Fragment]) -> int:
    """Distinct baselines: words a justified line spreads apart are still one row."""
    return len({round(f.bbox.bottom) for f in fragments})


def _overlap_vertically(left: list[Fragment], right: list[Fragment]) -> bool:
    """Side by side, not one above the other: the two sides share some height."""
    top = max(min(f.bbox.top for f in left), min(f.bbox.top for f in right))
    bottom = min(max(f.bbox.bottom for f in left), max(f.bbox.bottom for f in right))
    return bottom > top


def fragment_edge_texts(page: RawPage, fragments: Sequence[Fragment]) -> list[EdgeText | None]:
    """Where each fragment stands among the page's edge rows (None: in the body)."""
    return edge_texts(
        [
            (
                f.text,
                f.bbox,
                max(w.size for w in f.words),
                type_style((w.fontname, w.size, w.color) for w in f.words),
            )
            for f in fragments
        ],
        page.printed,
        _body_size(page.words),
    )


def page_lines(
    page: RawPage,
    fragments: list[Fragment],
    furniture_keys: frozenset[str],
    gutters: Sequence[Gutter] = (),
) -> Page:
    """The page's lines, its columns read one by one. `gutters`: the gutters the
    document's columns leave (every page's Page.gutters), where a block too short to be
    columns by itself may be cut (_split_at_established_gutter)."""
    furniture: list[Fragment] = []
    body: list[Fragment] = []
    for fragment, edge in zip(fragments, fragment_edge_texts(page, fragments), strict=True):
        if edge is not None and (
            is_furniture(edge, furniture_keys) or PAGE_NUMBER.match(fragment.text)
        ):
            furniture.append(fragment)
        else:
            body.append(fragment)
    body_size = _body_size(page.words)
    lines: list[Line] = []
    sheet_pages = _pages_of_sheet(body, furniture, (page.width, page.height), body_size)
    wide_shapes = [BBox(*shape) for shape in page.wide_shapes]
    search = ColumnSearch(established=gutters)
    blocks = [
        block
        for sheet_page in sheet_pages
        for block in _column_blocks(
            sheet_page, body_size, _shapes_across(sheet_page, body_size, wide_shapes), search
        )
    ]
    fragment_starts = {id(fragment.words[0]) for block in blocks for fragment in block}
    for block_index, block in enumerate(blocks):
        lines.extend(
            line_of(page.number, block_index, words, page.shapes)
            for group in _baseline_groups(word for f in block for word in f.words)
            for words in _side_by_side_items(group, page.shapes, fragment_starts)
        )
    laid_out = Page(
        number=page.number,
        width=page.width,
        height=page.height,
        lines=tuple(insets_read_with_their_rows(lists_read_by_column(lines))),
        furniture=tuple(
            line_of(page.number, -1, list(f.words), ())
            for f in sorted(furniture, key=lambda f: (f.bbox.top, f.bbox.x0))
        ),
        has_images=page.has_images,
        has_ink=page.has_ink,
        has_drawing=page.has_drawing,
        pages_on_sheet=len(sheet_pages),
        turned=page.turned,
        gutters=tuple(search.found),
        rows_apart=search.rows_apart,
    )
    return notes_apart(laid_out, first_lines_noting(laid_out.lines), body_size)


def first_lines_noting(lines: Iterable[Line]) -> dict[str, Line]:
    """Each mark of a raised figure these lines carry, with the first line carrying it."""
    referring: dict[str, Line] = {}
    for line in lines:
        for mark in line.notes:
            referring.setdefault(mark, line)
    return referring


def notes_apart(
    page: Page, referring: Mapping[str, Line], body_size: float, only_referred: bool = False
) -> Page:
    """The page with the notes that `referring`'s raised figures refer to set apart with
    its furniture, and their marks added to its note_marks: from the first line that
    starts with one of those marks ("1" or "1."), after the line carrying it (below it on
    its page: a footnote; on a later page: an endnote) and set smaller than it and than the
    body text (`body_size`; LAYOUT.note_smaller), every line below that is set smaller
    than the text the notes refer from, where no body text stands below. A note annotates
    the text; it is no part of the publication's records, and read as text it would head a
    section. `only_referred`: every line of those that opens with a figure or reference
    symbol opens a note `referring` names, as in a block of endnotes, which are looked for
    on every later page: a list in small type at a page's foot ("1.", "2.", "3.") is no
    block of notes for the one raised "2" before it."""
    if not referring:
        return page
    # Notes are set smaller than the body text (`body_size`) too, and stand at the page's
    # foot, below all of it: a list under a heading that carries a mark ("Tameside¹", then
    # "1. ...") is body text, and so is a smaller line with body text below it.
    smaller_than_body = body_size * (1 - LAYOUT.note_smaller)
    starts = [
        line
        for line in page.lines
        if (reference := referring.get(_opening_mark(line))) is not None
        and (line.page > reference.page or line.bbox.top >= reference.bbox.bottom)
        and line.size < min(reference.size * (1 - LAYOUT.note_smaller), smaller_than_body)
    ]
    if not starts:
        return page
    top = min(line.bbox.top for line in starts)
    text_size = min(line.size for line in referring.values()) * (1 - LAYOUT.note_smaller)
    below = [line for line in page.lines if line.bbox.top >= top]
    if any(line.size >= smaller_than_body for line in below):
        return page  # body text below: not a page's foot of notes
    notes = [line for line in below if line.size < text_size]
    if only_referred and any(
        NOTE_MARK.match(_opening_mark(line)) and _opening_mark(line) not in referring
        for line in notes
    ):
        return page
    set_apart = {id(line) for line in notes}
    return replace(
        page,
        lines=tuple(line for line in page.lines if id(line) not in set_apart),
        furniture=tuple(
            sorted([*page.furniture, *notes], key=lambda line: (line.bbox.top, line.bbox.x0))
        ),
        note_marks=page.note_marks
        | {_opening_mark(line) for line in starts if id(line) in set_apart},
    )


def _opening_mark(line: Line) -> str:
    """The first word of the line as a note's mark would open it: "1", "1." or "1)"."""
    return line.words[0].text.rstrip(".)")


def _pages_of_sheet(
    fragments: list[Fragment], furniture: list[Fragment], size: tuple[float, float], body: float
) -> list[list[Fragment]]:
    """The pages a sheet holds, left first: two pages imposed side by side (a 2-up print,
    "export as spreads") make a landscape sheet with a gutter down its middle that nothing
    crosses from top to foot, as wide as two pages' inner margins (LAYOUT.sheet_gutter),
    and running furniture (a page number, a footer) on each side of it, each page's own.
    Each is read whole, before the other, not cut into bands across both at the white
    space under their banners. [fragments] where the sheet is one page (a page's columns
    or panels share its furniture)."""
    width, height = size
    middle = width / 2
    left = [f for f in fragments if f.bbox.x1 <= middle]
    right = [f for f in fragments if f.bbox.x0 >= middle]
    if (
        width <= height
        or not left
        or not right
        or len(left) + len(right) != len(fragments)
        or not any(f.bbox.x1 <= middle for f in furniture)
        or not any(f.bbox.x0 >= middle for f in furniture)
    ):
        return [fragments]
    gutter = min(f.bbox.x0 for f in right) - max(f.bbox.x1 for f in left)
    return [left, right] if gutter >= LAYOUT.sheet_gutter * body else [fragments]


def _side_by_side_items(
    words: list[Word], shapes: Sequence[BBox], fragment_starts: Container[int] = ()
) -> list[list[Word]]:
    """One row of a list set in columns ("• Stoke on Trent   • Staffordshire"): a wide gap
    followed by a list marker, or by a drawn bullet, starts another line. So does a
    fragment (`fragment_starts`: the ids of fragments' first words, line_fragments) set in
    another weight or slant after a list item's text: a list item is one run of text, and
    across a gap no word space opens, a heading in bold italic on its baseline is the first
    line of the cell beside it (a table whose themes cell holds too few lines to be read
    as a column of its own: "• Local reviews" beside "Improving local reviews")."""
    parts = [[words[0]]]
    for word in words[1:]:
        previous = parts[-1][-1]
        gap = word.bbox.x0 - previous.bbox.x1
        restyled = (
            id(word) in fragment_starts
            and len(parts[-1]) > 1
            and is_marker_word(parts[-1][0])
            and (word.bold, word.italic) != (previous.bold, previous.italic)
        )
        if restyled or (
            gap > LAYOUT.fragment_gap * max(word.size, previous.size)
            and (is_marker_word(word) or _shape_beside(word.bbox, shapes, previous.bbox.x1))
        ):
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def lists_read_by_column(lines: list[Line]) -> list[Line]:
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
                abs(line.bbox.x0 - x) <= LAYOUT.align_tolerance * line.size for x in columns
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


def insets_read_with_their_rows(lines: list[Line]) -> list[Line]:
    """A line set inside the row of a larger line to its left and centred on it (a region
    set as a tag after the site's name, CSS `vertical-align: middle`: smaller type on a
    baseline of its own) is read right after that line, in its column block: it is part of
    that row, wherever the page's columns put it (a long name leaves the gutter between the
    panels running up through its row, and the tag beyond it was read with the column
    below, after the panel titles; a short one left it before the name, sorted by its
    higher baseline). A line of another column beside a large line is no inset: it stands
    among its column's lines, or, at the column's top, level with the large line's top."""
    insets: dict[int, list[Line]] = {}  # a row's id -> the insets it holds, in order
    inset_ids: set[int] = set()
    for line in lines:
        row = _row_holding(line, lines)
        if row is not None and _alone_in_its_column(line, row, lines):
            insets.setdefault(id(row), []).append(line)
            inset_ids.add(id(line))
    ordered: list[Line] = []
    for line in lines:
        if id(line) not in inset_ids:
            ordered.append(line)
            ordered.extend(replace(inset, block=line.block) for inset in insets.get(id(line), ()))
    return ordered


def _row_holding(line: Line, lines: Sequence[Line]) -> Line | None:
    """The larger line to the left of `line` whose row holds it: `line` set wholly within
    its height, centred on it (LAYOUT.inset_centring) and following it closely
    (LAYOUT.inset_reach); the nearest where several do."""
    middle = (line.bbox.top + line.bbox.bottom) / 2
    rows = [
        row
        for row in lines
        if row.page == line.page
        and row.bbox.x1 < line.bbox.x0 <= row.bbox.x1 + LAYOUT.inset_reach * row.size
        and row.size - line.size > LAYOUT.size_tolerance * line.size
        and row.bbox.top <= line.bbox.top
        and line.bbox.bottom <= row.bbox.bottom
        and abs(middle - (row.bbox.top + row.bbox.bottom) / 2)
        <= LAYOUT.inset_centring * (row.size - line.size)
    ]
    return max(rows, key=lambda row: row.bbox.x1, default=None)


def _alone_in_its_column(line: Line, row: Line, lines: Sequence[Line]) -> bool:
    """Whether no other line stands over or under `line`, across its width, within
    LAYOUT.inset_clearance of it, but the lines of `row`'s own column (a name wrapped over
    several lines above the one the tag follows): a line of running text has its column's
    lines a leading above and below it."""
    reach = LAYOUT.inset_clearance * line.size
    return not any(
        other is not line
        and other.page == line.page
        and not (other.bbox.x0 < row.bbox.x1 and row.bbox.x0 < other.bbox.x1)
        and other.bbox.x0 < line.bbox.x1
        and line.bbox.x0 < other.bbox.x1
        and line.bbox.top - reach < other.bbox.bottom
        and other.bbox.top < line.bbox.bottom + reach
        for other in lines
    )


def _list_columns(lines: list[Line], index: int) -> list[float]:
    """The x of each column of a list whose row at `index` holds items side by side."""
    first = lines[index]
    row = [
        line
        for line in lines[index:]
        if line.list_style
        and abs(line.bbox.bottom - first.bbox.bottom) <= LAYOUT.row_tolerance * first.size
    ]
    return sorted(line.bbox.x0 for line in row) if first.list_style and len(row) > 1 else []


def type_sizes(words: Iterable[Word]) -> Counter[float]:
    """How many characters are set in each type size (to a tenth of a point)."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(word.size, LAYOUT.body_size_digits)] += len(word.text)
    return sizes


def _body_size(words: Sequence[Word]) -> float:
    sizes = type_sizes(words)
    return sizes.most_common(1)[0][0] if sizes else LAYOUT.default_body_size


def line_of(
    page: int,
    block: int,
    words: Sequence[Word],
    shapes: Sequence[BBox],
    note_marks: Container[str] | None = None,
) -> Line:
    """One printed line of these words, with its marker taken off. A small raised figure
    touching a word's end (is_note_reference) is a note reference, out of the text, where
    its mark is one of `note_marks`, the marks of the notes printed for it; elsewhere it is
    text, printed as a superscript on its word ("m²"). None: the notes are not known yet
    (a page laid out before the document is read whole), so every such figure is a note
    reference for now, in the line's notes."""
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
    elif len(words) > 1 and is_marker_word(words[0]):
        marker = first
        numbered = NUMBER_MARKER.match(first) or is_ordinal_marker(first)
        list_style = "numbered" if numbered else "bullet"
        words = words[1:]
    else:
        shape = _shape_beside(bbox, shapes)
        if shape is not None:
            marker, list_style = "shape", "bullet"
            bbox = bbox.union(shape)
    references = {
        index for index in range(1, len(words)) if is_note_reference(words[index], words[index - 1])
    }
    notes = [
        index
        for index in sorted(references)
        if note_marks is None or words[index].text in note_marks
    ]
    tokens: list[str] = []
    for index, word in enumerate(words):
        if index not in references:
            tokens.append(word.text)
        elif index not in notes:  # text: the superscript touches its word
            tokens[-1] += word.text.translate(SUPERSCRIPT_DIGITS)
    # The line's style is its text's: a raised figure, note or superscript, is set apart
    # from it in size and place.
    text_words = tuple(word for index, word in enumerate(words) if index not in references)
    chars = [(w, len(w.text)) for w in text_words]
    total = sum(n for _, n in chars)
    sizes: Counter[float] = Counter()
    for word, n in chars:
        sizes[round(word.size, LAYOUT.line_size_digits)] += n
    return Line(
        page=page,
        block=block,
        text=" ".join(tokens),
        bbox=bbox,
        text_x0=text_words[0].bbox.x0,
        size=sizes.most_common(1)[0][0],
        bold=sum(n for w, n in chars if w.bold) * 2 > total,
        italic=sum(n for w, n in chars if w.italic) * 2 > total,
        color=Counter(w.color for w in text_words).most_common(1)[0][0],
        marker=marker,
        list_style=list_style,
        words=all_words,
        notes=tuple(words[index].text for index in notes),
    )


def _shape_beside(bbox: BBox, shapes: Sequence[BBox], after_x: float = -1.0) -> BBox | None:
    """A small filled shape just left of the line (and right of `after_x`) and level with it:
    a drawn bullet."""
    height = bbox.bottom - bbox.top
    for shape in shapes:
        middle = (shape.top + shape.bottom) / 2
        gap = bbox.x0 - shape.x1
        beside = -LAYOUT.bullet_overlap * height <= gap <= LAYOUT.bullet_gap * height
        if bbox.top <= middle <= bbox.bottom and beside and shape.x0 > after_x:
            return shape
    return None
