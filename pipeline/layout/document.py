"""The whole document's lines: pages laid out one by one, then checked against each other.

Running furniture and ambiguous list markers are document-level facts (what repeats across
pages, what starts several lines); each page is laid out where it is parsed, guessing them,
and the guess is checked here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median

from pipeline.errors import LayoutError
from pipeline.layout.furniture import (
    PAGE_NUMBER,
    EdgeText,
    folded_text,
    is_furniture,
    running_furniture_keys,
    word_style,
)
from pipeline.layout.lines import (
    Line,
    Page,
    first_lines_noting,
    fragment_edge_texts,
    line_fragments,
    line_of,
    lists_read_by_column,
    notes_apart,
    page_lines,
    spelled_out,
    type_sizes,
)
from pipeline.layout.markers import (
    is_ambiguous_marker,
    is_note_reference,
    is_ordinal_marker,
    ordinal_readings,
)
from pipeline.layout.settings import LAYOUT
from pipeline.model import BBox
from pipeline.read.pdf import RawPage, Word


@dataclass(frozen=True)
class ExtractedDocument:
    page_count: int
    title: str | None
    author: str | None
    pages: tuple[Page, ...]


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page as its parser leaves it: its words, and the lines they make if every text in
    its margins is running furniture, which only the whole document can confirm. Parsers
    work page by page on every core; the document-level step then only checks the guess."""

    raw: RawPage
    edge_texts: tuple[EdgeText, ...]  # every text in the rows nearest the page's edges
    unsure: tuple[EdgeText, ...]  # the small ones, not page numbers: furniture if repeated
    sizes: Counter[float]  # characters per type size, for the document's body size
    page: Page  # the page's lines with every unsure edge text taken as furniture


def parsed_page(raw: RawPage) -> ParsedPage:
    """The page's lines, guessing that every small text in its edge rows is running
    furniture (a guess extracted_document checks against the whole document)."""
    raw = replace(raw, words=spelled_out(raw.words))
    fragments = line_fragments(raw.words)
    sizes = type_sizes(raw.words)
    body_size = sizes.most_common(1)[0][0] if sizes else LAYOUT.default_body_size
    edges = [
        (fragment, edge)
        for fragment, edge in zip(fragments, fragment_edge_texts(raw, fragments), strict=True)
        if edge is not None
    ]
    unsure = tuple(
        edge
        for fragment, edge in edges
        if not PAGE_NUMBER.match(fragment.text) and edge.size <= body_size * (1 + LAYOUT.size_slack)
    )
    return ParsedPage(
        raw=raw,
        edge_texts=tuple(edge for _, edge in edges),
        unsure=unsure,
        sizes=sizes,
        page=page_lines(raw, fragments, frozenset(edge.key for edge in unsure)),
    )


def extracted_document(
    pages: Sequence[ParsedPage], title: str | None = None, author: str | None = None
) -> ExtractedDocument:
    """Lines of every page, after removing the running headers, footers and page numbers.

    A page whose unsure edge texts all prove to be running furniture keeps the lines its
    parser made; one with an edge text that does not is laid out again with that text in
    its body. Both give what laying out every page here would give: a page's lines depend
    on the running furniture only through its own edge texts."""
    sizes: Counter[float] = Counter()
    for page in pages:
        sizes.update(page.sizes)
    body_size = sizes.most_common(1)[0][0] if sizes else LAYOUT.default_body_size
    body_lines = [line for page in pages for line in page.page.lines]
    furniture_keys = running_furniture_keys(
        (page.edge_texts for page in pages),
        body_size,
        [(folded_text(line.text), line.size) for line in body_lines],
        {
            word_style(word.fontname, word.size, word.color)
            for line in body_lines
            for word in line.words
        },
    )
    lined = [
        page.page
        if all(is_furniture(edge, furniture_keys) for edge in page.unsure)
        else page_lines(page.raw, line_fragments(page.raw.words), furniture_keys)
        for page in pages
    ]
    places = _dash_places(lined)  # once for the document: per page it would be quadratic
    noted = _note_references_confirmed(
        [_dash_columns_split(page, places) for page in lined],
        [page.raw.shapes for page in pages],
        body_size,
    )
    return ExtractedDocument(
        page_count=len(pages),
        title=title,
        author=author,
        pages=_confirm_ordinal_markers(_confirm_ambiguous_bullets(noted)),
    )


def _note_references_confirmed(
    pages: Sequence[Page], shapes: Sequence[Sequence[BBox]], body_size: float
) -> list[Page]:
    """The pages with a small raised figure read as a note reference only where the note
    it refers to is printed: at its page's foot (a footnote, set apart as its page was laid
    out) or on a later page, in type smaller than the document's body text (`body_size`),
    below all of that page's body text, in a block of notes that something refers to
    (endnotes, set apart here). Elsewhere it is text, a superscript on its word ("m²",
    "10¹²"): left out as a reference, it would be lost without a word. A line carrying such
    a figure is made again from its words (line_of, with the shapes of its page where a
    drawn bullet marks it), knowing which notes are printed for it. A figure whose note the
    numbering of the others says is missing stops the build (_unnoted_in_sequence)."""
    unnoted: dict[str, Line] = {}  # raised on earlier pages, with no note on their own page
    endnoted: list[frozenset[str]] = []  # the marks of the endnotes each page prints
    with_endnotes = []
    for page in pages:
        noting = notes_apart(page, unnoted, body_size, only_referred=True)
        endnoted.append(noting.note_marks - page.note_marks)
        with_endnotes.append(noting)
        for mark, line in first_lines_noting(noting.lines).items():
            if mark not in noting.note_marks:
                unnoted.setdefault(mark, line)
    later: frozenset[str] = frozenset()
    printed_after: list[frozenset[str]] = []  # the endnotes' marks of the pages after each
    for marks in reversed(endnoted):
        printed_after.append(later)
        later |= marks
    printed_after.reverse()
    references = [
        (line, mark, mark in page.note_marks or mark in after)
        for page, after in zip(with_endnotes, printed_after, strict=True)
        for line in page.lines
        for mark in line.notes
    ]
    missing = _unnoted_in_sequence(references)
    if missing is not None:
        line, mark, before, after = missing
        between = f"after note {before}, before note {after}" if before else f"before note {after}"
        raise LayoutError(
            f"page {line.page}: the raised '{mark}' after '{_word_noted(line, mark)}' is "
            f"numbered as a note reference ({between}), but no note {mark} is printed at the "
            "page's foot or among the endnotes; its note may be lost: check the PDF page"
        )
    return [
        replace(
            page,
            lines=tuple(
                line_of(
                    line.page,
                    line.block,
                    line.words,
                    page_shapes if line.marker == "shape" else (),
                    page.note_marks | after,
                )
                if any(mark not in page.note_marks | after for mark in line.notes)
                else line
                for line in page.lines
            ),
        )
        for page, page_shapes, after in zip(with_endnotes, shapes, printed_after, strict=True)
    ]


def _unnoted_in_sequence(
    references: Sequence[tuple[Line, str, bool]],
) -> tuple[Line, str, int | None, int] | None:
    """The first raised figure with no note (`references`: each line, mark and whether its
    note is printed, in reading order) that stands where the numbering of the notes puts a
    note's reference: the next printed note's number is one more than its own, and the
    printed note before it is the one before (numbering through the document or the page),
    or, where its figure is 1, not note 1 (numbering restarting). A superscript cannot be
    told from such a reference whose note the typesetter lost, and publishing it as text
    would make the item's text wrong. With the line, the figure, and the numbers of the
    notes printed before and after it. Reference symbols (* † ‡) are not numbered."""
    numbered = [(line, mark, printed) for line, mark, printed in references if mark.isdigit()]
    before: list[int | None] = []
    last: int | None = None
    for _, mark, printed in numbered:
        before.append(last)
        if printed:
            last = int(mark)
    after: list[int | None] = []
    last = None
    for _, mark, printed in reversed(numbered):
        after.append(last)
        if printed:
            last = int(mark)
    after.reverse()
    for (line, mark, printed), previous, following in zip(numbered, before, after, strict=True):
        figure = int(mark)
        in_place = previous == figure - 1 or (figure == 1 and previous != figure)
        if not printed and following == figure + 1 and in_place:
            return line, mark, previous, following
    return None


def _word_noted(line: Line, mark: str) -> str:
    """The word the raised `mark` touches, to name it."""
    return next(
        before.text
        for before, word in pairwise(line.words)
        if word.text == mark and is_note_reference(word, before)
    )


def _inner_dashes(page: Page) -> list[tuple[Line, int, Word]]:
    """Dashes standing alone inside a line that starts with the same dash."""
    return [
        (line, index, word)
        for line in page.lines
        if is_ambiguous_marker(line.marker)
        for index, word in enumerate(line.words)
        if index > 1 and word.text == line.marker
    ]


def _dash_places(pages: Sequence[Page]) -> Counter[tuple[str, int]]:
    """How many dash markers of the document stand at each x, at a line's start or inside a
    dash-marked line."""
    places: Counter[tuple[str, int]] = Counter()
    for page in pages:
        places.update((word.text, round(word.bbox.x0)) for _, _, word in _inner_dashes(page))
        places.update(
            (line.marker, round(line.bbox.x0))
            for line in page.lines
            if is_ambiguous_marker(line.marker)
        )
    return places


def _dash_columns_split(page: Page, places: Counter[tuple[str, int]]) -> Page:
    """Two columns of dash-marked rows a word space apart ("– Stoke – Staffordshire") read
    as one line each: a dash inside a line that starts with the same dash is a second
    column's marker where the document sets another dash marker at the same x (a column of
    them, on this page or another of the same layout), or where the text after it starts
    as far from it as the line's text from its marker (the list's indent), not a word space
    away as after a dash in prose; the line is cut there."""
    cuts: dict[int, list[int]] = {}
    for line, index, word in _inner_dashes(page):
        if places[(word.text, round(word.bbox.x0))] >= LAYOUT.min_list_lines or _spaced_as_marker(
            line, index
        ):
            cuts.setdefault(id(line), []).append(index)
    if not cuts:
        return page
    lines: list[Line] = []
    for line in page.lines:
        at = [0, *cuts.get(id(line), []), len(line.words)]
        lines.extend(
            line_of(line.page, line.block, line.words[start:end], ()) if id(line) in cuts else line
            for start, end in pairwise(at)
        )
    return replace(page, lines=tuple(lists_read_by_column(lines)))


def _spaced_as_marker(line: Line, index: int) -> bool:
    """Whether the text after the dash at `index` starts as far from it as the line's text
    from its marker, where that indent is wider than the line's word spaces: the dash is
    then set as a marker is, not as a dash in prose is (a word space either side)."""
    words = line.words
    if index + 1 >= len(words):
        return False
    indent = words[1].bbox.x0 - words[0].bbox.x1
    after = words[index + 1].bbox.x0 - words[index].bbox.x1
    word_space = median(
        b.bbox.x0 - a.bbox.x1 for a, b in pairwise(words[1:]) if a.text != line.marker
    )
    return indent > word_space and abs(after - indent) < abs(after - word_space)


def _confirm_ambiguous_bullets(pages: Sequence[Page]) -> tuple[Page, ...]:
    """A leading dash is a bullet only where the document starts two or more lines with it
    at one x (a list), or where it stands in a row beside such a line (a list set in
    columns whose last column holds one row); elsewhere it is prose that wrapped before a
    dash."""
    starts: Counter[tuple[str | None, int]] = Counter(
        (line.marker, round(line.bbox.x0))
        for page in pages
        for line in page.lines
        if is_ambiguous_marker(line.marker)
    )

    def listed(line: Line) -> bool:
        return starts[(line.marker, round(line.bbox.x0))] >= LAYOUT.min_list_lines

    def confirmed(line: Line, rows: dict[tuple[str | None, int], float]) -> Line:
        # beside a listed line: one of the page's rows holds a listed line with this dash,
        # ending left of where this one starts
        beside = rows.get((line.marker, round(line.bbox.bottom)), line.bbox.x0) < line.bbox.x0
        if is_ambiguous_marker(line.marker) and not listed(line) and not beside:
            return _unmarked(line)
        return line

    confirmed_pages = []
    for page in pages:
        rows: dict[tuple[str | None, int], float] = {}
        for line in page.lines:
            if is_ambiguous_marker(line.marker) and listed(line):
                row = (line.marker, round(line.bbox.bottom))
                rows[row] = min(rows.get(row, line.bbox.x1), line.bbox.x1)
        confirmed_pages.append(
            replace(page, lines=tuple(confirmed(line, rows) for line in page.lines))
        )
    return tuple(confirmed_pages)


def _unmarked(line: Line) -> Line:
    """The line read as prose: its marker is the first word of its text."""
    return replace(
        line, text=f"{line.marker} {line.text}", text_x0=line.bbox.x0, marker=None, list_style=None
    )


def _confirm_ordinal_markers(pages: Sequence[Page]) -> tuple[Page, ...]:
    """A roman numeral or a letter starting a line ("i.", "(a)", "b)") numbers an item only
    where it and the next such line of its column count on in one form (i. then ii., a)
    then b)) and their texts start at one x (a browser right-aligns its markers, so the
    markers' own x varies, while the texts share the list's indent): a list of two items
    at least. Elsewhere it is a word that starts the line ("I. K. Brunel", "A. N. Other")."""
    confirmed_pages = []
    for page in pages:
        columns: dict[int, list[Line]] = {}
        for line in page.lines:
            if is_ordinal_marker(line.marker):
                columns.setdefault(line.block, []).append(line)
        numbered: set[int] = set()
        for marked in columns.values():
            for before, after in pairwise(marked):
                if _counts_on(before, after):
                    numbered |= {id(before), id(after)}
        confirmed_pages.append(
            replace(
                page,
                lines=tuple(
                    _unmarked(line)
                    if is_ordinal_marker(line.marker) and id(line) not in numbered
                    else line
                    for line in page.lines
                ),
            )
        )
    return tuple(confirmed_pages)


def _counts_on(before: Line, after: Line) -> bool:
    """Whether `after`'s marker is the one after `before`'s in one form, and their texts
    start together (within LAYOUT.align_tolerance of the line's size)."""
    follows = ordinal_readings(after.marker)
    return any(
        (form, value + 1) in follows for form, value in ordinal_readings(before.marker)
    ) and (abs(before.text_x0 - after.text_x0) <= LAYOUT.align_tolerance * before.size)
