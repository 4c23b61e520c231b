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

from pipeline.errors import LayoutError, clipped
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
    document_gutters,
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
    on the running furniture only through its own edge texts. A page with texts apart on
    one row in a block it left whole is laid out again with the gutters of the document's
    columns (document_gutters), which may part them."""
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
    # The columns are the document's: a balanced column's last line or two beside the
    # first column's (a section's end) leave too few rows to show a gutter by themselves,
    # but stand where the gutter of columns on this page or another runs. The few pages
    # with texts apart on one row in a block left whole are laid out again with them.
    gutters = document_gutters(lined, body_size)
    lined = [
        page_lines(parsed.raw, line_fragments(parsed.raw.words), furniture_keys, gutters)
        if page.rows_apart and gutters
        else page
        for parsed, page in zip(pages, lined, strict=True)
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
    """A roman numeral or a letter starting a line ("i.", "(a)", "b)") numbers a list's item
    only where the document confirms it: a sequence of such lines counting on in one form
    (_ordinal_sequences), set as a list's items are (_set_as_list) and not as numbered
    headings (_numbers_items). Elsewhere it is a word that starts the line ("I. K. Brunel",
    "A. N. Other"), or a heading's number, kept in its text as printed. A sequence set as
    neither stops the build: dropping the letters from prose, or leaving them in a list's
    items, would change the published text without a word."""
    flow = [line for page in pages for line in page.lines]
    numbered: set[int] = set()
    for sequence in _ordinal_sequences(flow):
        if _numbers_items(sequence, flow):
            numbered.update(id(flow[index]) for index in sequence)
    return tuple(
        replace(
            page,
            lines=tuple(
                _unmarked(line)
                if is_ordinal_marker(line.marker) and id(line) not in numbered
                else line
                for line in page.lines
            ),
        )
        for page in pages
    )


def _ordinal_sequences(flow: Sequence[Line]) -> list[list[int]]:
    """The sequences (indexes into `flow`, the document's lines in reading order) of lines
    starting with letters or roman numerals that count on in one form: in one column, each
    such line and the next (i. then ii., their texts at one x: _texts_together); and over a
    page or column break, a column's first such line and the one read last before it, on
    its page or the page before, where it counts on in the form the sequence on either side
    counts in and the break stands between them as it does between a list's items
    (_next_over_the_break: a list's last items at the top of the next page or column, the
    item before them wrapped over the break or not; the break may also part a list of
    two)."""
    columns: dict[tuple[int, int], list[int]] = {}
    column_lines: dict[tuple[int, int], list[int]] = {}
    for index, line in enumerate(flow):
        column_lines.setdefault((line.page, line.block), []).append(index)
        if is_ordinal_marker(line.marker):
            columns.setdefault((line.page, line.block), []).append(index)
    after: dict[int, int] = {}  # a line's index -> the next line's of its sequence
    forms_before: dict[int, frozenset[str]] = {}  # the forms a line counts on in
    for marked in columns.values():
        for earlier, later in pairwise(marked):
            forms = _counting_forms(flow[earlier], flow[later])
            if forms and _texts_together(flow[earlier], flow[later]):
                after[earlier], forms_before[later] = later, forms
    ordinals = sorted(index for marked in columns.values() for index in marked)
    read_last = {later: earlier for earlier, later in pairwise(ordinals)}
    for first in (marked[0] for marked in columns.values()):  # a column's first: a break
        previous = read_last.get(first)
        if previous is None or previous in after or flow[first].page - flow[previous].page > 1:
            continue
        forms = _counting_forms(flow[previous], flow[first])
        forms &= forms_before.get(previous, forms)
        if first in after:
            forms &= forms_before[after[first]]
        if forms and _next_over_the_break(flow, previous, first, column_lines):
            after[previous], forms_before[first] = first, forms
    sequences = []
    for start in ordinals:
        if start in after and start not in forms_before:
            sequence = [start]
            while sequence[-1] in after:
                sequence.append(after[sequence[-1]])
            sequences.append(sequence)
    return sequences


def _next_over_the_break(
    flow: Sequence[Line], previous: int, first: int, column_lines: dict[tuple[int, int], list[int]]
) -> bool:
    """Whether `first`, opening its column and counting on from `previous` (the line of
    that form read last before it, in another column), is the list's next item over the
    break. Only where the break stands between the two: `previous`'s item ends its column
    (every line after it there is its own: _item_content) and `first` opens its own (every
    line before it there is that item's text wrapped on: unmarked, in its type). And only
    where `first`'s number stands where the list's numbers stand, each measured from its
    own column's left edge (LAYOUT.ordinal_break_marker_reach): the item's text wrapped
    over the break may itself start with the next letter ("Checking points (a) and (b),
    then" / "(c) of the protocol."), and it stands at the item's text, right of its number;
    such a line is kept as the item's wrapped text, as prose. Where `first`'s own next line
    hangs under its text (_hangs_under_its_text) it is an item wherever its column's edge
    lies: text wrapped over the break would wrap on where it starts. Where neither can be
    told, the build stops: `first` sets its column's left edge alone (so where the list's
    numbers stand in that column is not known), stands left of where they stand, or right
    of them in another type than the item's (neither its wrapped text nor its next
    item)."""
    before, line = flow[previous], flow[first]
    ending = column_lines[(before.page, before.block)]
    opening = column_lines[(line.page, line.block)]
    ends_its_column = all(
        _item_content(flow[index], before) for index in ending if index > previous
    )
    opens_its_column = all(
        flow[index].marker is None and flow[index].style == before.style
        for index in opening
        if index < first
    )
    if not (ends_its_column and opens_its_column):
        return False
    reach = LAYOUT.ordinal_break_marker_reach * line.size
    edge_before = min(flow[index].bbox.x0 for index in ending)
    edge = min(flow[index].bbox.x0 for index in opening)
    set_by_others = any(flow[index].bbox.x0 - edge <= reach for index in opening if index != first)
    # how far right of the list's numbers the line's number starts, and ends (a browser
    # right-aligns its numbers), each from its column's left edge
    starts = (line.words[0].bbox.x0 - edge) - (before.words[0].bbox.x0 - edge_before)
    ends = (line.words[0].bbox.x1 - edge) - (before.words[0].bbox.x1 - edge_before)
    if set_by_others and min(abs(starts), abs(ends)) <= reach:
        return True
    if _hangs_under_its_text(line, [flow[index] for index in opening if index > first][:1]):
        return True
    if set_by_others and starts > reach and line.style == before.style:
        return False
    raise LayoutError(
        f"{_pages(before, line)}: {_printed(line)} opens a column and counts on from "
        f"{_printed(before)} ending the one before, but does not stand where the list's "
        "letters or numerals stand in its column, nor as that item's text wrapped on: its "
        "next item or its wrapped text, which cannot be told; check the PDF page"
    )


def _hangs_under_its_text(line: Line, below: list[Line]) -> bool:
    """Whether the line after `line` in its column (`below`: none, or that one) wraps on
    under `line`'s text (within LAYOUT.align_tolerance), right of its number, as a list's
    item wraps under a hanging indent."""
    return any(
        _wraps_on(line, wrapped)
        and abs(wrapped.bbox.x0 - line.text_x0) <= LAYOUT.align_tolerance * line.size
        and line.text_x0 - line.bbox.x0 > LAYOUT.align_tolerance * line.size
        for wrapped in below
    )


def _counting_forms(before: Line, after: Line) -> frozenset[str]:
    """The forms (roman or letter, case, punctuation) in which `after`'s marker is the one
    after `before`'s."""
    follows = ordinal_readings(after.marker)
    return frozenset(
        form for form, value in ordinal_readings(before.marker) if (form, value + 1) in follows
    )


def _texts_together(before: Line, after: Line) -> bool:
    """Whether two such lines of one column start their texts together (within
    LAYOUT.align_tolerance of the line's size): a browser right-aligns its markers, so the
    markers' own x varies, while the texts share the list's indent."""
    return abs(before.text_x0 - after.text_x0) <= LAYOUT.align_tolerance * before.size


def _numbers_items(sequence: list[int], flow: Sequence[Line]) -> bool:
    """Whether a sequence numbers a list's items (True) or headings (False).

    Between two of a list's items stand their own lines: wrapped on under the item's text
    or in its type, a sub-list indented past it. A line standing apart from them (outdented
    from their text, and marked or in another type) is what a heading heads: where the
    sequence's lines are set larger or bolder than every such line, and list items are
    among them ("I. Governance" over "1." and "2."), they are numbered headings. Where only
    one of the two holds, what they number cannot be told (in the items' type: numbered
    headings set plain, or two lists' items interleaved; larger or bolder but over no items:
    headings over paragraphs, or items with a bold lead-in over their lines wrapped back),
    and the build stops naming them; so it does where the sequence is set as neither
    headings nor a list's items (_set_as_list)."""
    lines = [flow[index] for index in sequence]
    apart = [
        (pair, line)
        for pair in pairwise(sequence)
        for line, item in _lines_between(flow, *pair)
        if not _item_content(line, item)
    ]
    if apart:
        headings = all(_outranks(numbered, line) for numbered in lines for _, line in apart)
        items_under = any(line.list_style for _, line in apart)
        if headings and items_under:
            return False
        if headings or items_under:
            (before, after), line = apart[0]
            raise LayoutError(
                f"{_pages(flow[before], flow[after])}: {_printed(flow[before])} and "
                f"{_printed(flow[after])} count on as letters or roman numerals with "
                f"{_printed(line)} between them, outdented from their text: numbered "
                "headings or a list's items, which cannot be told; check the PDF page"
            )
    if not _set_as_list(lines, sequence, flow):
        first, second = lines[:2]
        raise LayoutError(
            f"{_pages(first, second)}: {_printed(first)} and {_printed(second)} start with "
            "letters or roman numerals that count on, but are set neither as a list's items "
            "(the text set apart from its number, or hanging under it, or the numbers "
            "aligned at their right) nor as headings: items or prose, which cannot be told; "
            "check the PDF page"
        )
    return True


def _lines_between(flow: Sequence[Line], first: int, second: int) -> list[tuple[Line, Line]]:
    """The lines read between two lines of a sequence in their own columns (not another
    panel's lines on the page a list runs on to), each with the one of the two in its
    column."""
    columns = {(flow[index].page, flow[index].block): flow[index] for index in (second, first)}
    return [
        (line, columns[(line.page, line.block)])
        for line in flow[first + 1 : second]
        if (line.page, line.block) in columns
    ]


def _item_content(line: Line, item: Line) -> bool:
    """Whether `line` may be part of the item `item` starts: it stands at or past the
    item's text (a wrapped line under a hanging indent, a sub-list, a further paragraph) or
    is unmarked text in the item's type (a line wrapped back to the marker)."""
    return line.bbox.x0 >= item.text_x0 - LAYOUT.align_tolerance * item.size or (
        line.marker is None and line.style == item.style
    )


def _outranks(numbered: Line, other: Line) -> bool:
    """Whether `numbered` is set as a heading over `other`: larger (by more than
    LAYOUT.size_tolerance), or as large and bold where `other` is not."""
    if numbered.size > other.size * (1 + LAYOUT.size_tolerance):
        return True
    as_large = abs(numbered.size - other.size) <= other.size * LAYOUT.size_tolerance
    return as_large and numbered.bold and not other.bold


def _set_as_list(lines: list[Line], sequence: list[int], flow: Sequence[Line]) -> bool:
    """Whether the sequence's lines are set as a list's items are, which prose starting
    with an initial never is: the text set apart from its number by more than a word space
    (_set_apart: a word processor's tab, a typesetter's indent), the items' wrapped lines
    hanging under their text (_hanging), or the numbers right-aligned, ending at one x and
    starting apart (_right_aligned: a browser's list markers)."""
    return (
        any(_set_apart(line) for line in lines) or _hanging(sequence, flow) or _right_aligned(lines)
    )


def _set_apart(line: Line) -> bool:
    """Whether the gap after the line's number is wider than every word space of its text
    by LAYOUT.marker_set_apart (a line with one word has no word space to tell by)."""
    marker, *text = line.words
    text = [
        word
        for index, word in enumerate(text)
        if not index or not is_note_reference(word, text[index - 1])
    ]
    spaces = [after.bbox.x0 - before.bbox.x1 for before, after in pairwise(text)]
    indent = text[0].bbox.x0 - marker.bbox.x1
    return bool(spaces) and indent > max(spaces) + LAYOUT.marker_set_apart * line.size


def _hanging(sequence: list[int], flow: Sequence[Line]) -> bool:
    """Whether the items wrap under their text: some item of the sequence goes on on the
    next line of its column (unmarked, in its type, close below: LAYOUT.continuation_gap),
    and every such line starts at its item's text (LAYOUT.align_tolerance), right of its
    number. Prose wraps back to the line's start."""
    wrapped = [
        (flow[index], flow[index + 1])
        for index in sequence
        if index + 1 < len(flow) and _wraps_on(flow[index], flow[index + 1])
    ]
    return bool(wrapped) and all(
        abs(line.bbox.x0 - item.text_x0) <= LAYOUT.align_tolerance * item.size
        and item.text_x0 - item.bbox.x0 > LAYOUT.align_tolerance * item.size
        for item, line in wrapped
    )


def _wraps_on(item: Line, line: Line) -> bool:
    """Whether `line` goes on with `item` as its wrapped line: in its column and type,
    unmarked, close below it."""
    return (
        (line.page, line.block, line.style) == (item.page, item.block, item.style)
        and line.marker is None
        and line.bbox.top - item.bbox.bottom <= LAYOUT.continuation_gap * item.size
    )


def _right_aligned(lines: list[Line]) -> bool:
    """Whether, in some column, the sequence's numbers end at one x (within
    LAYOUT.marker_edge_noise) and start further apart than that: a browser right-aligns
    its list markers before the items' text, where an initial starts its line."""
    columns: dict[tuple[int, int], list[Word]] = {}
    for line in lines:
        columns.setdefault((line.page, line.block), []).append(line.words[0])
    for markers in columns.values():
        noise = LAYOUT.marker_edge_noise * max(marker.size for marker in markers)
        starts = [marker.bbox.x0 for marker in markers]
        ends = [marker.bbox.x1 for marker in markers]
        if len(markers) > 1 and max(ends) - min(ends) <= noise < max(starts) - min(starts):
            return True
    return False


def _pages(first: Line, second: Line) -> str:
    return (
        f"page {first.page}"
        if first.page == second.page
        else f"pages {first.page} and {second.page}"
    )


def _printed(line: Line) -> str:
    """The line as printed, its marker included, quoted and cut short for a message."""
    return f"'{clipped(f'{line.marker} {line.text}' if line.marker else line.text)}'"
