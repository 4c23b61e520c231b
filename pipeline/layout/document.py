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
    fragment_edge_texts,
    line_fragments,
    line_of,
    lists_read_by_column,
    page_lines,
    spelled_out,
    type_sizes,
)
from pipeline.layout.markers import (
    is_ambiguous_marker,
    is_ordinal_marker,
    ordinal_readings,
)
from pipeline.layout.settings import LAYOUT
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
    return ExtractedDocument(
        page_count=len(pages),
        title=title,
        author=author,
        pages=_confirm_ordinal_markers(
            _confirm_ambiguous_bullets([_dash_columns_split(page, places) for page in lined])
        ),
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
    (_ordinal_sequences), a list of two items at least, also where a page or column break
    parts it. Elsewhere it is a word that starts the line ("I. K. Brunel", "A. N. Other")."""
    flow = [line for page in pages for line in page.lines]
    numbered: set[int] = set()
    for sequence in _ordinal_sequences(flow):
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
    counts in (a list's last items at the top of the next page or column, the item before
    them wrapped over the break or not; the break may also part a list of two)."""
    columns: dict[tuple[int, int], list[int]] = {}
    for index, line in enumerate(flow):
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
        if forms:
            after[previous], forms_before[first] = first, forms
    sequences = []
    for start in ordinals:
        if start in after and start not in forms_before:
            sequence = [start]
            while sequence[-1] in after:
                sequence.append(after[sequence[-1]])
            sequences.append(sequence)
    return sequences


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
