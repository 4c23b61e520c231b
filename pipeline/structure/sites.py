"""Structure: positioned lines -> the document model.

The rules follow what the publication means, not where one edition put things:
a site is found by its two panel titles; what stands before them is its banner,
name and authorities; what stands under the themes panel's title are its themes
and under the approaches panel's title its sections. A page with a "<site> -
continued" title, a page that repeats the panel titles' row with no themes under
it, or a page that simply carries on with items and no title of its own, extends
the site before it. The publication's wording (the panel titles, the continued
pattern) is read from schemas/publication.toml [parser]; the thresholds are in
pipeline/layout/settings.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise, takewhile

from pipeline.errors import LayoutError, NotAPdfError, NoTextLayerError, clipped
from pipeline.layout.document import ExtractedDocument
from pipeline.layout.lines import Line, line_of
from pipeline.layout.settings import LAYOUT
from pipeline.metadata.publication import ParserFacts, parser_facts
from pipeline.model import (
    BBox,
    DocumentModel,
    Entry,
    Item,
    Section,
    Site,
    TurnedFrame,
    UnplacedWord,
)
from pipeline.read.pdf import Word
from pipeline.reference import ReferenceData

WRAPPED_LINE_END = re.compile(r"(,|&|\band|\bor|-)$")
# A glyph with no Unicode mapping comes out as "(cid:N)". Alone, it is a bullet from a
# symbol font (taken off as the line's marker) or an ornament; inside a word, a font's map
# to characters is missing or damaged, and the words would be published garbled.
GARBLED_WORD = re.compile(r"\w\(cid:\d+\)|\(cid:\d+\)\w")
SAMPLE_CHARS = 40  # characters of garbled text quoted in a message
PAGES_LISTED = 5  # pages named in a message before it says '…'
# The banner style is what the gaps between sites share: two sites make the first gap.
MIN_SITES_FOR_BANNER = 2
# Two panel titles side by side on one line have a word each at least.
MIN_TITLE_ROW_WORDS = 2
# Texts set apart on one line by their type sizes: two sizes at least.
MIN_SIZES_APART = 2


def normalised_title(text: str) -> str:
    text = re.sub(r"[‐‑‒–—]", "-", text.lower())
    return " ".join(text.replace(" - ", "-").split()).rstrip(":")


def joined_text(parts: Iterable[str]) -> str:
    """Wrapped lines joined as one string: a hyphen or slash that ends a line inside a word
    stays and joins without a space ("multi-" + "agency" -> "multi-agency",
    "assurance/" + "review" -> "assurance/review"); a hyphen the typesetter added to split
    a word goes ("arrange‐" + "ments" -> "arrangements")."""
    text = ""
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        if not text:
            text = part
        elif _hyphenated_by_typesetter(text, part):
            text = text[:-1] + part
        elif _breaks_inside_word(text, part):
            text += part
        else:
            text += " " + part
    return text


def _breaks_inside_word(text: str, part: str) -> bool:
    hyphen = re.search(r"[^\W\d_]-$", text) and part[0].isalpha()
    return bool(hyphen or re.search(r"[^\s/]/$", text))


def _hyphenated_by_typesetter(text: str, part: str) -> bool:
    """A soft hyphen, or the typographic hyphen (U+2010) a typesetter adds when it splits a
    word (WeasyPrint's hyphenate-character), is not part of the word."""
    return bool(re.search(r"[^\W\d_][\u00ad\u2010]$", text)) and part[0].isalpha()


def _bbox(lines: Sequence[Line]) -> BBox:
    box = lines[0].bbox
    for line in lines[1:]:
        box = box.union(line.bbox)
    return box


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) < LAYOUT.size_tolerance * min(a, b)


def _touch(line: Line) -> float:
    """How near two positions are to count as one, for this line's type."""
    return LAYOUT.touch * line.size


# --- zone titles ---------------------------------------------------------------


ZONE_KINDS = ("themes", "approaches")


@dataclass(frozen=True)
class ZoneTitle:
    kind: str  # one of ZONE_KINDS
    lines: tuple[Line, ...]  # its lines where it starts, in one column of one page
    start: int  # where its first line stands in the flow
    end: int  # the flow index after its last line there
    # The flow indexes of its lines after a column or page break, where it wraps on to the
    # top of another column ("Multi-agency" / "learning" at a page's foot, "theme(s)" atop
    # the next page's column); they are read as the title's, never as its panel's text.
    run_on: tuple[int, ...] = ()

    @property
    def bbox(self) -> BBox:
        return _bbox(self.lines)


def _zone_titles(lines: Sequence[Line], facts: ParserFacts) -> list[ZoneTitle]:
    """Panel titles in the flow, joined where they wrap ("Multi-agency learning" /
    "theme(s)") within one column of one page, and where lines that start a title end
    their column and the title goes on at the top of a later column of the page or of one
    on the next page (_title_run_on). A line that wraps on from the line before it is no
    title, whatever it says: a subtitle wrapped on the cover may end on a line of a panel
    title's words."""
    titles: list[ZoneTitle] = []
    every_title = (*facts.themes_titles, *facts.approaches_titles)
    taken: set[int] = set()  # lines read as the run-on of a title before them
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.list_style or index in taken:
            index += 1
            continue
        group = [line]
        text = normalised_title(line.text)
        nxt = index + 1
        while _is_title_prefix(text, every_title):
            # a line beside the title's, level with it, is another column's (a table's
            # second cell on the title's row, one line too short to be parted as a column)
            at = nxt
            while at < len(lines) and _beside(group[-1], lines[at]):
                at += 1
            if not (
                at < len(lines)
                and lines[at].page == line.page
                and lines[at].block == line.block
                and lines[at].style == line.style
                and not lines[at].list_style
            ):
                break
            group.append(lines[at])
            text = normalised_title(joined_text(g.text for g in group))
            nxt = at + 1
        kind = _title_kind(text, facts)
        run_on: list[int] = []
        if (
            not kind
            and _is_title_prefix(text, every_title)
            and _ends_its_column(lines, nxt - 1)
            and (run_on := _title_run_on(lines, group, nxt, every_title))
        ):
            parts = [*(g.text for g in group), *(lines[at].text for at in run_on)]
            kind = _title_kind(joined_text(parts), facts)
        if kind and not (index > 0 and _wraps_on(lines[index - 1], line)):
            titles.append(ZoneTitle(kind, tuple(group), index, nxt, tuple(run_on)))
            # its lines are read as the title's; lines beside it between them in their turn
            taken.update(run_on)
            group_ids = {id(g) for g in group}
            taken.update(at for at in range(index, nxt) if id(lines[at]) in group_ids)
            index += 1
        else:
            index += 1
    return titles


def _beside(line: Line, other: Line) -> bool:
    """Whether `other` stands beside `line` to its right on one page, level with it (their
    heights overlap): a line of another column on the same row."""
    return (
        other.page == line.page
        and other.bbox.x0 > line.bbox.x1
        and other.bbox.top < line.bbox.bottom
        and line.bbox.top < other.bbox.bottom
    )


def _ends_column(lines: Sequence[Line], index: int) -> bool:
    """Whether the line at `index` is the last of its column block on its page."""
    return index + 1 == len(lines) or (lines[index + 1].page, lines[index + 1].block) != (
        lines[index].page,
        lines[index].block,
    )


def _ends_its_column(lines: Sequence[Line], index: int) -> bool:
    """Whether the line at `index` is the foot of its column on its page: the last of its
    column block, or no later line of the block stands under it, across its width. A
    column of a single line beside another (the first line of a panel's title at a page's
    foot, beside the panel it stands level with) is read in one block with it, as one
    line beside another is no column."""
    line = lines[index]
    block = takewhile(
        lambda other: (other.page, other.block) == (line.page, line.block), lines[index + 1 :]
    )
    return not any(
        other.bbox.top >= line.bbox.bottom - _touch(line)
        and other.bbox.x0 < line.bbox.x1
        and line.bbox.x0 < other.bbox.x1
        for other in block
    )


def _title_run_on(
    lines: Sequence[Line], group: Sequence[Line], after: int, titles: Sequence[str]
) -> list[int]:
    """Where the title that `group` starts (its first words, ending their column at `after`)
    goes on: the lines in its style (size, weight, colour) that open a later column block
    of its page or of the next page with the rest of its words, over as many column and page
    breaks as it takes; [] where no column opens with them."""
    style = _full_style(group[0])
    text = joined_text(line.text for line in group)
    page = group[-1].page
    run_on: list[int] = []
    at = after
    while at < len(lines):
        if lines[at].page > page + 1:
            break
        if (
            not _ends_column(lines, at - 1)
            or lines[at].list_style
            or _full_style(lines[at]) != style
        ):
            at += 1
            continue
        end, joined = at, text
        while (
            end < len(lines)
            and (lines[end].page, lines[end].block) == (lines[at].page, lines[at].block)
            and _full_style(lines[end]) == style
            and not lines[end].list_style
        ):
            candidate = joined_text([joined, lines[end].text])
            folded = normalised_title(candidate)
            if folded not in titles and not _is_title_prefix(folded, titles):
                break
            joined = candidate
            end += 1
        if end == at:
            at += 1
            continue
        run_on.extend(range(at, end))
        text = joined
        if normalised_title(text) in titles or not _ends_column(lines, end - 1):
            return run_on if normalised_title(text) in titles else []
        page = lines[end - 1].page
        at = end
    return []


def _titles_apart(line: Line, facts: ParserFacts) -> list[Line]:
    """A line that is two panel titles side by side, apart by more than a word space can be
    (a table's heading row set on one baseline, or both titles at a page's foot, on a page
    where the columns under them do not both run on, so that no gutter parts them), as the
    two titles' lines; any other line as it is. Either title may be only the first line of
    one that wraps on below it or over the page break (the approaches panel's title beside
    "Multi-agency", the first word of the themes panel's). So is a whole title set apart
    from what follows it on its line: a row header beside the first line of its panel (a
    section's heading on the title's baseline, in a table's second cell)."""
    words = line.words
    if line.list_style or len(words) < MIN_TITLE_ROW_WORDS:
        return [line]
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in pairwise(words)]
    at = max(range(len(gaps)), key=gaps.__getitem__) + 1
    if gaps[at - 1] <= LAYOUT.fragment_gap * line.size:
        return [line]
    parts = [words[:at], words[at:]]
    first, second = (_title_kinds_begun(" ".join(w.text for w in part), facts) for part in parts)
    whole_title = _title_kind(" ".join(w.text for w in parts[0]), facts)
    if not whole_title and not any(a != b for a in first for b in second):
        return [line]
    return [line_of(line.page, line.block, part, ()) for part in parts]


def _sizes_apart(line: Line) -> list[Line]:
    """A line that sets texts of different type sizes side by side, apart by more than a
    word space (LAYOUT.size_break_gap), as one line each: a region and the site's name on
    one line of a banner. Any other line as it is."""
    words = line.words
    if line.list_style or len({word.size for word in words}) < MIN_SIZES_APART:
        return [line]
    parts = [[words[0]]]
    for before, word in pairwise(words):
        size = max(before.size, word.size)
        gap = word.bbox.x0 - before.bbox.x1
        if not _same_size(before.size, word.size) and gap > LAYOUT.size_break_gap * size:
            parts.append([])
        parts[-1].append(word)
    if len(parts) == 1:
        return [line]
    return [line_of(line.page, line.block, part, ()) for part in parts]


def _title_kinds_begun(text: str, facts: ParserFacts) -> set[str]:
    """The kinds of the panel titles that `text` is, or is the first words of."""
    text = normalised_title(text)
    titles = {"themes": facts.themes_titles, "approaches": facts.approaches_titles}
    return {
        kind for kind, named in titles.items() if text in named or _is_title_prefix(text, named)
    }


def _title_kind(text: str, facts: ParserFacts) -> str:
    """ "themes" or "approaches" where `text` is one of the panel titles, else ""."""
    text = normalised_title(text)
    if text in facts.themes_titles:
        return "themes"
    return "approaches" if text in facts.approaches_titles else ""


def _wraps_on(before: Line, line: Line) -> bool:
    """Whether `line` carries on the text of the line before it: the same style, in the
    same column, just below it (no wider apart than wrapped lines stand)."""
    gap = line.bbox.top - before.bbox.bottom
    return (
        (before.page, before.block, before.style) == (line.page, line.block, line.style)
        and not before.list_style
        and -_touch(line) <= gap <= LAYOUT.continuation_gap * line.size
    )


def _is_title_prefix(text: str, titles: Sequence[str]) -> bool:
    """Whether a title's first words are `text`, which ends at a word's end or, where a
    narrow column broke a word after its hyphen ("Multi-" / "agency"), at that hyphen."""
    return any(
        title.startswith(text + " ")
        or title.startswith(text + "-")
        or (text.endswith("-") and title.startswith(text))
        for title in titles
    )


# --- building the model --------------------------------------------------------


@dataclass
class _SiteDraft:
    region: Entry
    name: Entry | None
    local_authorities: list[Entry]
    themes: list[Entry]
    page_start: int
    page_end: int
    sections: list[_SectionDraft] = field(default_factory=list)
    item_size: float | None = None  # type size of its items
    items_at: dict[tuple[int, int], list[Line]] = field(default_factory=dict)  # by page, block
    wraps_at_marker: bool = False  # wrapped lines start under the marker: no hanging indent
    heading_styles: set[tuple] = field(default_factory=set)
    # by line style, the white space between wrapped lines in this document, in ems
    # (_wrapped_line_gaps)
    wrap_gaps: Mapping[tuple | None, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The site's name, or its authorities where the page names no site."""
        if self.name:
            return self.name.text
        return ", ".join(entry.text for entry in self.local_authorities)

    def approach_lines(self) -> list[Line]:
        """The lines that land in the model: a heading with no items is not published."""
        return [
            line
            for section in self.sections
            if section.items
            for line in (*section.heading_lines, *(x for i in section.items for x in i.lines))
        ]

    def site(self) -> Site:
        return Site(
            name=self.name,
            region=self.region,
            page_start=self.page_start,
            page_end=self.page_end,
            local_authorities=tuple(self.local_authorities),
            themes=tuple(self.themes),
            sections=tuple(s.section() for s in self.sections if s.items),
        )


@dataclass
class _ItemDraft:
    lines: list[Line]
    list_style: str

    def item(self) -> Item:
        first_page = self.lines[0].page
        return Item(
            text=joined_text(line.text for line in self.lines),
            list_style=self.list_style,  # type: ignore[arg-type]
            page=first_page,
            bbox=_bbox([line for line in self.lines if line.page == first_page]),
        )


@dataclass
class _SectionDraft:
    heading_lines: list[Line]
    items: list[_ItemDraft] = field(default_factory=list)

    def section(self) -> Section:
        return Section(
            heading=joined_text(line.text for line in self.heading_lines),
            page=self.heading_lines[0].page,
            bbox=_bbox(self.heading_lines),
            items=tuple(item.item() for item in self.items),
        )


def document_model(
    document: ExtractedDocument, *, reference: ReferenceData | None = None
) -> DocumentModel:
    """The publication's sites, read from the document as one flow of lines.

    Every page's lines, in reading order, make one stream; a site is found in it by its
    panel titles, its header (banner, name, authorities) is what stands before them since
    the site before it ended, and its approaches run on, over any page break, until the
    next site's header. Any number of sites may share a page, and a site's banner and name
    may stand at the foot of the page before its panels. Authorities printed in one line
    parted by commas are cut at every comma but those inside a name `reference` knows
    whole ("Bristol, City of"); without it (the reference data could not be read: the
    tables stage reports why), at every comma. A header line that labels a region or the
    authorities (schemas/publication.toml [parser] region_labels, authorities_labels) is
    read as that label's value."""
    _require_text(document)
    facts = parser_facts()
    known = _Known(
        facts,
        authority=(
            (lambda text: reference.local_authority(text) is not None)
            if reference is not None
            else (lambda text: False)
        ),
        region=(
            (lambda text: reference.region(text) is not None)
            if reference is not None
            else (lambda text: False)
        ),
    )
    flow = [
        part
        for page in document.pages
        for line in page.lines
        for titles_part in _titles_apart(line, facts)
        for part in _sizes_apart(titles_part)
    ]
    continuations = _continuation_headers(document, facts)
    titles = _zone_titles(flow, facts)
    # a title's lines after a column or page break are read with it, never as text
    run_on = {index for title in titles for index in title.run_on}
    repeated, uncertain = _repeated_heading_rows(flow, titles)
    for row in repeated:
        continuations[row[0].start] = _row_indexes(row)
    titles = _without_rows(titles, repeated)
    skipped = run_on | {index for header in continuations.values() for index in header}
    for row in _rows_under_no_banner(flow, titles, uncertain, skipped):
        continuations[row[0].start] = _row_indexes(row)
        titles = _without_rows(titles, [row])
    skipped = run_on | {index for header in continuations.values() for index in header}
    sites_titles = _sites_titles(titles)
    _require_panels_paired(sites_titles)
    if not sites_titles:
        raise LayoutError(
            f"no {facts.site_printed} found: no page carries the titles "
            f"'{facts.themes_title_printed}' or '{facts.approaches_title_printed}'; check that "
            "--source is the publication"
        )
    firsts = [min(t.start for t in group) for group in sites_titles]
    lasts = [max(t.end for t in group) for group in sites_titles]
    starts, region_style = _header_starts(flow, firsts, lasts, skipped)
    sheets = {page.number for page in document.pages if page.pages_on_sheet > 1}
    run_ons = _run_ons(flow, sites_titles, starts, skipped, sheets)
    right_edges = _column_right_edges(flow)
    wrap_gaps = _wrapped_line_gaps(flow)
    placed: set[int] = set()  # ids of lines that landed in the model or are furniture
    drafts: list[_SiteDraft] = []
    spans: list[tuple[int, int]] = []
    for number, group in enumerate(sites_titles):
        start = starts[number]
        stop = starts[number + 1] if number + 1 < len(starts) else len(flow)
        draft, end = _site(
            flow,
            group,
            start,
            firsts[number],
            stop,
            skipped,
            placed,
            right_edges,
            (run_ons, number),
            known,
            wrap_gaps,
            region_style,
        )
        for at, header in continuations.items():
            if start <= at < end:
                _check_continuation(_title_lines(flow, at), draft, facts)
                placed.update(id(flow[index]) for index in header)
        drafts.append(draft)
        spans.append((start, end))
    for draft in drafts:
        _require_contents(draft, facts)
        placed.update(id(line) for line in draft.approach_lines())
    title, publisher = _cover(document)
    site_pages = {flow[index].page for start, end in spans for index in range(start, end)}
    blank_pages = _blanks_between_sites(
        document, site_pages, {flow[start].page for start, _ in spans}
    )
    model = DocumentModel(
        title=title,
        publisher=publisher,
        page_count=document.page_count,
        sites=tuple(draft.site() for draft in drafts),
        unplaced=tuple(
            UnplacedWord(word.text, line.page, word.bbox)
            for line in flow[spans[0][0] : spans[-1][1]]
            if line.page in site_pages and id(line) not in placed
            for word in line.words
        ),
        blank_pages=blank_pages,
    )
    turned = {page.number: page.turned for page in document.pages if page.turned is not None}
    return _boxes_as_shown(model, turned) if turned else model


def _boxes_as_shown(model: DocumentModel, turned: dict[int, TurnedFrame]) -> DocumentModel:
    """The model with the boxes on pages read turned (their text sideways or upside down)
    turned back to where pdfplumber finds them on the page as shown, as every other box is."""

    def shown(box: BBox, page: int) -> BBox:
        frame = turned.get(page)
        return box if frame is None else frame.shown(box)

    def entry(value: Entry) -> Entry:
        return replace(value, bbox=shown(value.bbox, value.page))

    def section(value: Section) -> Section:
        items = tuple(replace(i, bbox=shown(i.bbox, i.page)) for i in value.items)
        return replace(value, bbox=shown(value.bbox, value.page), items=items)

    sites = tuple(
        replace(
            site,
            name=None if site.name is None else entry(site.name),
            region=entry(site.region),
            local_authorities=tuple(map(entry, site.local_authorities)),
            themes=tuple(map(entry, site.themes)),
            sections=tuple(map(section, site.sections)),
        )
        for site in model.sites
    )
    unplaced = tuple(replace(w, bbox=shown(w.bbox, w.page)) for w in model.unplaced)
    return replace(model, sites=sites, unplaced=unplaced)


def _column_right_edges(flow: Sequence[Line]) -> dict[tuple[int, int], float]:
    """Where each column block's text ends on the right, by page and block: the right edge
    of its longest line of two words or more, a word at most short of the column's measure.
    A line of one word may reach past the measure (a word too long for a narrow column,
    "Northumberland" in large type, is never broken where it has no hyphen), so it counts
    only in a block with no line of two words or more."""
    edges: dict[tuple[int, int], float] = {}
    single: dict[tuple[int, int], float] = {}
    for line in flow:
        key = (line.page, line.block)
        reached = edges if len(line.words) > 1 else single
        reached[key] = max(reached.get(key, line.bbox.x1), line.bbox.x1)
    return {key: edges[key] if key in edges else single[key] for key in {*edges, *single}}


def _row_indexes(row: list[ZoneTitle]) -> list[int]:
    """The flow indexes of a row of titles' lines."""
    return [at for title in row for at in range(title.start, title.end)]


def _without_rows(titles: list[ZoneTitle], rows: list[list[ZoneTitle]]) -> list[ZoneTitle]:
    starts = {title.start for row in rows for title in row}
    return [title for title in titles if title.start not in starts]


def _blanks_between_sites(
    document: ExtractedDocument, site_pages: set[int], starts: set[int]
) -> tuple[int, ...]:
    """The pages among the site pages that hold no line of a site: each must be a deliberate
    blank followed by the page a site starts on, or a site's text would be lost without a
    word (a page whose text is drawn as outlines or cannot be read, a blank page inside a
    site that runs on). A deliberate blank draws nothing but, at most, its running text
    (a page number, a running foot): no line of text outside the furniture, and no
    shape, rule or image. Returns the blanks, to be reported."""
    first, last = min(site_pages), max(site_pages)
    skipped = [
        page
        for page in document.pages
        if first < page.number < last and page.number not in site_pages
    ]
    blanks = []
    for page in skipped:
        following = next(
            (p for p in document.pages if p.number > page.number and (p.lines or p.has_drawing)),
            None,
        )
        if page.has_drawing or page.lines or following is None or following.number not in starts:
            raise LayoutError(
                f"page {page.number} has no site text that can be read, among the site pages "
                f"({first}-{last}), and is not a blank page between two sites: its text may be "
                "drawn as outlines or the page damaged; check the PDF page"
            )
        blanks.append(page.number)
    return tuple(blanks)


def _sites_titles(titles: list[ZoneTitle]) -> list[list[ZoneTitle]]:
    """The panel titles grouped by site, in reading order: a title of a kind the open site
    already has starts the next site."""
    groups: list[list[ZoneTitle]] = []
    for title in titles:
        if not groups or any(other.kind == title.kind for other in groups[-1]):
            groups.append([title])
        else:
            groups[-1].append(title)
    return groups


def _require_panels_paired(sites_titles: list[list[ZoneTitle]]) -> None:
    """Stop where a site's titles lack a kind whose title stands level beside one of them,
    read with another site: the two panels stand side by side, but the page's columns were
    read one after the other, each holding several sites' panels with nothing across the
    page between the sites (no band of white space, no rule, no banner block: a print made
    without background graphics leaves the blocks out), so that the flow holds one site's
    themes, the next site's, then both sites' approaches. Read in that order, the panels
    would be given to the wrong sites."""
    on_page: dict[int, list[tuple[int, ZoneTitle]]] = {}
    for number, group in enumerate(sites_titles):
        for title in group:
            on_page.setdefault(title.lines[0].page, []).append((number, title))
    for number, group in enumerate(sites_titles):
        kinds = {title.kind for title in group}
        for title in group:
            beside = next(
                (
                    other
                    for other_number, other in on_page[title.lines[0].page]
                    if other_number != number
                    and other.kind not in kinds
                    and _level(title, other)
                    and (other.bbox.x0 > title.bbox.x1 or other.bbox.x1 < title.bbox.x0)
                ),
                None,
            )
            if beside is not None:
                first, second = sorted((title, beside), key=lambda t: t.bbox.x0)
                raise LayoutError(
                    f"page {title.lines[0].page}: the titles "
                    f"'{joined_text(line.text for line in first.lines)}' and "
                    f"'{joined_text(line.text for line in second.lines)}' stand side by side, "
                    "but the sites on the page stand one below the other in the same columns "
                    "with nothing across the page between them (no white space, rule or "
                    "banner block), so the columns cannot be read site by site; if the PDF "
                    "was printed without its background graphics, print it with them, else "
                    "check the PDF page"
                )


def _repeated_heading_rows(
    flow: Sequence[Line], titles: list[ZoneTitle]
) -> tuple[list[list[ZoneTitle]], list[list[ZoneTitle]]]:
    """Panel titles that repeat the open site's heading row where its panels run onto a new
    page (a table's heading row, repeated on each page the table runs over): titles that
    start above every other line of their page, of kinds the open site already has, with
    no themes under them. Also returned: such rows with themes under them, which are
    either a new site's titles (its banner and name at the foot of the page before) or the
    open site's row over its themes running on (_rows_under_no_banner tells them apart)."""
    spans = _page_spans(flow)
    rows: list[list[ZoneTitle]] = []
    uncertain: list[list[ZoneTitle]] = []
    open_kinds: set[str] = set()
    index = 0
    while index < len(titles):
        row = _heading_row(flow, titles, index, spans[titles[index].lines[0].page])
        if row and open_kinds and {title.kind for title in row} <= open_kinds:
            if not _themes_under(flow, titles, row, spans[row[0].lines[0].page]):
                rows.append(row)
                index += len(row)
                continue
            uncertain.append(row)
        kind = titles[index].kind
        open_kinds = {kind} if kind in open_kinds else {*open_kinds, kind}
        index += 1
    return rows, uncertain


def _rows_under_no_banner(
    flow: Sequence[Line],
    titles: list[ZoneTitle],
    rows: list[list[ZoneTitle]],
    skipped: set[int],
) -> list[list[ZoneTitle]]:
    """The rows of titles, each taken for a new site's, that no region banner stands
    before: the banner style is found (_banner_style) over the sites that the other titles
    start, and a row with no line in that style since the site before it repeats that
    site's heading row (over its themes that run on with the table). None where no row is
    in doubt, or no page carries the titles (a document that is not the publication)."""
    if not rows or not titles:
        return []
    groups = _sites_titles(titles)
    firsts = [min(t.start for t in group) for group in groups]
    lasts = [max(t.end for t in group) for group in groups]
    runs = [_style_runs(flow, gap, skipped) for gap in _header_gaps(firsts, lasts)]
    row_firsts = {min(title.start for title in row) for row in rows}
    banner = _banner_style(
        [gap_runs for first, gap_runs in zip(firsts, runs, strict=True) if first not in row_firsts]
    )
    if banner is None:
        return []
    gap_of = dict(zip(firsts, runs, strict=True))
    return [row for row in rows if banner not in gap_of[min(title.start for title in row)]]


def _page_spans(flow: Sequence[Line]) -> dict[int, range]:
    """Where each page's lines stand in the flow."""
    spans: dict[int, range] = {}
    for index, line in enumerate(flow):
        first = spans.get(line.page, range(index, index)).start
        spans[line.page] = range(first, index + 1)
    return spans


def _heading_row(
    flow: Sequence[Line], titles: list[ZoneTitle], index: int, page: range
) -> list[ZoneTitle]:
    """The titles from `index` on, on its page, that start above every other line of the
    page; none where the title at `index` does not. (A title wrapped over two lines may
    reach below the first line of the panel beside it.) A title level with another column's
    first line heads no row over it: it opens that column as the line beside it opens its
    own (a new site's panels atop the second column of a page set in two)."""
    number = titles[index].lines[0].page
    on_page = []
    for title in titles[index:]:
        if title.lines[0].page != number:
            break
        on_page.append(title)
    title_indexes = {at for title in on_page for at in range(title.start, title.end)}
    others_top = min(
        (flow[at].bbox.top for at in page if at not in title_indexes), default=float("inf")
    )
    row = []
    for title in on_page:
        if title.bbox.top > others_top - _touch(title.lines[0]):
            break
        row.append(title)
    return row


def _themes_under(
    flow: Sequence[Line], titles: list[ZoneTitle], row: list[ZoneTitle], page: range
) -> bool:
    """Whether a line of the page under the row, before the next title, stands under its
    themes title in the title's own column (a table's empty themes cell may be followed,
    lower down in another column block, by the next site's banner and name), or the first
    line under the title in its zone is a list item, a theme, wherever the page's columns
    put it (a banner and a name are no list items: a table whose themes cell holds too few
    lines to make a column beside the approaches reads its row of titles as a column block
    of its own)."""
    row_end = max(title.end for title in row)
    later = [title.start for title in titles if title.start >= row_end]
    end = min([page.stop, *later[:1]])
    row_indexes = {at for title in row for at in range(title.start, title.end)}
    themes_blocks = {title.lines[-1].block for title in row if title.kind == "themes"}
    under = [
        flow[at]
        for at in range(page.start, end)
        if at not in row_indexes and _zone_of(flow[at], row) == "themes"
    ]
    return bool(under) and (
        under[0].list_style is not None or any(line.block in themes_blocks for line in under)
    )


def _continuation_headers(
    document: ExtractedDocument, facts: ParserFacts
) -> dict[int, Sequence[int]]:
    """Where a page repeats its site's banner and a "<site> - continued" title: the flow
    index of that title's last line, and the indexes of the page's lines up to it (taken
    out of the flow: they repeat what the site's first page printed). A title wrapped over
    lines of one style is read joined, its wrapped lines as printed: a line that starts
    "1) - continued" under "... (copy" is the title's end, not a numbered item."""
    headers: dict[int, Sequence[int]] = {}
    offset = 0
    for page in document.pages:
        lines = page.lines[: LAYOUT.continuation_lines]
        for index, line in enumerate(lines):
            first = index
            while first > 0 and lines[first - 1].style == line.style:
                first -= 1
            if line.list_style and first == index:
                continue
            if facts.continued.match(_continuation_text(lines[first : index + 1])):
                headers[offset + index] = range(offset, offset + index + 1)
                break
        offset += len(page.lines)
    return headers


def _title_lines(flow: Sequence[Line], at: int) -> list[Line]:
    """The lines of the wrapped title that ends at flow index `at`."""
    first = at
    while (
        first > 0
        and flow[first - 1].page == flow[at].page
        and flow[first - 1].style == flow[at].style
    ):
        first -= 1
    return list(flow[first : at + 1])


def _continuation_text(lines: Sequence[Line]) -> str:
    """A title's lines joined as printed: a wrapped line's leading number is its text."""
    return joined_text(
        f"{line.marker} {line.text}" if line.list_style == "numbered" else line.text
        for line in lines
    )


def _check_continuation(lines: Sequence[Line], site: _SiteDraft, facts: ParserFacts) -> None:
    text = _continuation_text(lines)
    match = facts.continued.match(text)
    if match and normalised_title(match["name"]) != normalised_title(site.label):
        raise LayoutError(
            f"page {lines[0].page}: '{text}' continues a site, but the site before "
            f"it is '{site.label}' (page {site.page_start}); check the page order of the PDF"
        )


def _header_starts(
    flow: Sequence[Line], firsts: list[int], lasts: list[int], skipped: set[int]
) -> tuple[list[int], tuple | None]:
    """Where each site's header begins in the flow: at its region banner; and the region's
    style where the header does not open with it (None where it does, or is not known).

    The banner is told by its style (type size, weight, colour): the style that stands
    exactly once between one site's panels and the next site's (and at least once before
    the first site), and first where several do. Where no style does that (one site, or a
    banner missing), a site's header is what stands above its panels on their page."""
    gaps = _header_gaps(firsts, lasts)
    runs = [_style_runs(flow, gap, skipped) for gap in gaps]
    banner = _banner_style(runs)
    if banner is not None:
        return [gap_runs[banner][-1] for gap_runs in runs], _region_style(flow, runs, banner)
    starts = [_page_header_start(flow, gap, first) for gap, first in zip(gaps, firsts, strict=True)]
    return starts, None


def _region_style(
    flow: Sequence[Line], runs: Sequence[dict[tuple, list[int]]], banner: tuple
) -> tuple | None:
    """The region's style where the header opens with another (the site's name, the region
    a line under it): of the styles standing once in every header, the one whose texts
    repeat from site to site (a region holds several sites; a name is one site's), where
    the opening style's texts do not. None where the header opens with the region, as a
    banner does, or no one style tells it."""

    def repeats(style: tuple) -> bool:
        texts = [flow[gap_runs[style][-1]].text for gap_runs in runs]
        return len(set(texts)) < len(texts)

    if repeats(banner):
        return None
    repeating = [style for style in _once_in_every_gap(runs) if repeats(style)]
    return repeating[0] if len(repeating) == 1 else None


def _once_in_every_gap(runs: Sequence[dict[tuple, list[int]]]) -> set[tuple]:
    """The styles standing exactly once in every header gap but the first (and at least
    once in the first)."""
    common = set(runs[0])
    for gap_runs in runs[1:]:
        common &= {style for style, starts in gap_runs.items() if len(starts) == 1}
    return common


def _header_gaps(firsts: list[int], lasts: list[int]) -> list[range]:
    """Where each site's header may stand in the flow: before the first site's first
    title, and between each site's last title and the next site's first."""
    return [range(0, firsts[0])] + [range(lasts[i - 1], firsts[i]) for i in range(1, len(firsts))]


def _banner_style(runs: Sequence[dict[tuple, list[int]]]) -> tuple | None:
    """The region banner's style, from the runs of each header gap's styles (_style_runs):
    the style that stands exactly once in every gap but the first (and at least once in
    the first), and first in its gap where several do; None with one gap or no such
    style."""
    if len(runs) < MIN_SITES_FOR_BANNER:
        return None
    common = _once_in_every_gap(runs)
    if not common:
        return None
    candidates: Counter[tuple] = Counter()
    for gap_runs in runs:
        first = min(gap_runs[style][-1] for style in common)
        candidates.update(style for style in common if gap_runs[style][-1] == first)
    return candidates.most_common(1)[0][0]


def _style_runs(flow: Sequence[Line], gap: range, skipped: set[int]) -> dict[tuple, list[int]]:
    """For each style of the lines in `gap` that are not list items, where each run of
    consecutive lines in that style starts (a banner may wrap over two lines)."""
    runs: dict[tuple, list[int]] = {}
    previous: tuple | None = None
    for index in gap:
        if index in skipped:
            continue
        line = flow[index]
        style = _full_style(line) if not line.list_style else None
        if style is not None and style != previous:
            runs.setdefault(style, []).append(index)
        previous = style
    return runs


def _page_header_start(flow: Sequence[Line], gap: range, first: int) -> int:
    """The first line of `gap` on the page of the panel title at `first` that stands above
    it: the top of the site's page."""
    title = flow[first]
    above = [
        index
        for index in gap
        if flow[index].page == title.page
        and flow[index].bbox.bottom <= title.bbox.top + _touch(title)
    ]
    return above[0] if above else first


def _site(
    flow: Sequence[Line],
    titles: list[ZoneTitle],
    start: int,
    first: int,
    stop: int,
    skipped: set[int],
    placed: set[int],
    right_edges: Mapping[tuple[int, int], float],
    run_ons: tuple[_RunOns, int],
    known: _Known,
    wrap_gaps: Mapping[tuple | None, float],
    region_style: tuple | None = None,
) -> tuple[_SiteDraft, int]:
    """One site from the flow: its header from `start` to its first panel title at `first`,
    its panels from there until `stop` (the next site's header) or until a page that does
    not carry its items on. Returns the site and where it ends in the flow. `right_edges`:
    where each column block's text ends (_column_right_edges); `run_ons`: the lines that
    run on from a site other than the one whose stretch holds them (_run_ons), and the
    number of this site; `known` and `region_style`: as _header takes them."""
    carried, number = run_ons
    title_kinds = {id(line): title.kind for title in titles for line in title.lines}
    placed.update(title_kinds)
    placed.update(id(flow[index]) for title in titles for index in title.run_on)
    title_page = flow[first].page
    # the header stands above the first title and the titles level with it (side by side,
    # the higher one first), not above a title that its panels reach later in another
    # column (a page in two columns, a site running on from the foot of the first) ...
    lead = next(t for t in titles if t.start == first)
    first_title = min(
        (
            t
            for t in titles
            if t.lines[0].page == title_page
            and t.bbox.top < lead.bbox.bottom
            and lead.bbox.top < t.bbox.bottom
        ),
        key=lambda t: t.bbox.top,
    )
    above_titles = first_title.bbox.top + _touch(first_title.lines[0])
    # and before them in reading order: on an earlier page, above them, or at the foot of a
    # column read before theirs, left of them (a page in two columns, the titles atop the
    # second; not a panel's first line beside its title, a row header, read before it)
    header = [
        index
        for index in range(start, first)
        if index not in skipped
        and (
            flow[index].page != title_page
            or flow[index].bbox.bottom <= above_titles
            or (
                flow[index].block < flow[first].block
                and flow[index].bbox.x1 <= lead.bbox.x0 + _touch(flow[index])
            )
        )
    ]
    rest = [
        index
        for index in range(start, stop)
        if index not in skipped and index not in header and index not in carried.owners
    ]
    rest += sorted(index for index, owner in carried.owners.items() if owner == number)
    header_rows = {
        (round(flow[index].bbox.bottom), flow[index].style, flow[index].list_style)
        for index in header
        if flow[index].page == title_page
    }
    # a list of authorities set in columns, or a row of tags that the body's gutter parts:
    # its other columns stand level with its first, in its style (not a panel's heading
    # that happens to stand level with the site's name in the next column of the page, nor
    # an item under a panel's title in the next column: newspaper columns where a column
    # break sent the site's themes and approaches on beside its header), marked as it is or
    # unmarked as it is (not an item's wrapped line running on atop the next column beside
    # a bulleted list of authorities)
    page_titles = [title for title in titles if title.lines[0].page == title_page]
    level = [
        index
        for index in rest
        if flow[index].page == title_page
        and id(flow[index]) not in title_kinds
        and flow[index].bbox.bottom <= above_titles
        and _zone_of(flow[index], page_titles) is None
        and any(
            abs(round(flow[index].bbox.bottom) - row) <= _touch(flow[index])
            and style == flow[index].style
            and list_style == flow[index].list_style
            for row, style, list_style in header_rows
        )
    ]
    header_lines = [flow[index] for index in sorted([*header, *level])]
    placed.update(id(line) for line in header_lines)
    region, name, authorities = _header(
        flow[first].page, header_lines, right_edges, known, region_style
    )
    draft = _SiteDraft(
        region=region,
        name=name,
        local_authorities=authorities,
        themes=[],
        page_start=min(region.page, flow[first].page),
        page_end=flow[first].page,
        wrap_gaps=wrap_gaps,
    )
    title_pages = {line.page for title in titles for line in title.lines}
    last_title_page = max(title_pages)
    zones: dict[str, list[Line]] = {"themes": [], "approaches": []}
    later: dict[int, list[Line]] = {}
    zone = zone_at_break = "approaches"
    level_ids = set(level)
    panel_lines = [flow[index] for index in rest if id(flow[index]) not in title_kinds]
    for index in rest:
        line = flow[index]
        if index in level_ids:
            continue
        if id(line) in title_kinds:
            zone = title_kinds[id(line)]
        elif line.page > last_title_page:
            later.setdefault(line.page, []).append(line)
        else:
            page_titles = [t for t in titles if t.lines[0].page == line.page]
            zone = (
                _zone_of(line, page_titles)
                or _zone_beside(line, page_titles, panel_lines)
                or _zone_run_on(line, titles, panel_lines, flow)
                or zone
            )
            zones[zone].append(line)
        if line.page <= last_title_page:
            zone_at_break = zone  # the zone the title pages end in
    approaches_title = next((t for t in titles if t.kind == "approaches"), None)
    approaches_title_lines = (
        [*approaches_title.lines, *(flow[index] for index in approaches_title.run_on)]
        if approaches_title
        else []
    )
    _read_approaches(draft, zones["approaches"], approaches_title_lines)
    draft.page_end = last_title_page
    end = stop
    continued_pages = {flow[index].page for index in skipped if start <= index < stop}
    across_ids = {id(flow[index]) for index in carried.across}
    unsure_ids = {id(flow[index]) for index in carried.unsure}
    for page, lines in later.items():
        # titles at a page foot with no item under them yet (a theme or a heading at most):
        # the next page's items are the site's
        stranded = not any(section.items for section in draft.sections)
        opens_panels = stranded and any(line.list_style for line in lines)
        # the themes panel, the last on the title pages, broken by the page
        continued_themes = (
            _themes_continued(lines, zones["themes"])
            if zone_at_break == "themes" and page == last_title_page + 1
            else []
        )
        # a line under the ends of several sites side by side runs on from none of them
        across = any(id(line) in across_ids for line in lines)
        if across or (
            page not in continued_pages
            and not continued_themes
            and not opens_panels
            and not _runs_on(lines, draft)
        ):
            # where the page starts in the site's stretch: lines it was to carry on from
            # another's stretch go back to none (their page is no site's, or its words are
            # placed in no record)
            end = min(
                stop,
                *(index for index in (*range(first, stop), *rest) if flow[index].page == page),
            )
            break
        unsure = next((line for line in lines if id(line) in unsure_ids), None)
        if unsure is not None:
            raise LayoutError(
                f"page {page}: the line '{unsure.text}' at the top of the page may carry on "
                "the site at the foot of the page before above it or the one read last there, "
                "further right; which cannot be told; check the PDF page"
            )
        run_on_themes = continued_themes or _themes_run_on(lines, titles)
        zones["themes"] += run_on_themes
        themes_ids = {id(line) for line in run_on_themes}
        _read_approaches(
            draft, [line for line in lines if id(line) not in themes_ids], approaches_title_lines
        )
        draft.page_end = page
    draft.themes = _list_entries(zones["themes"], placed)
    return draft, end


@dataclass(frozen=True)
class _RunOns:
    """Lines after the page of a site's last title, at the top of a page after sites that
    stood side by side (_run_ons): by flow index, those that carry on a site other than the
    one whose stretch of the flow holds them (the number of that site), and those under
    the ends of several sites, which carry on none, and those that may carry on either the
    site over them or the one read last (_newspaper_run_on): an error where read as a
    site's."""

    owners: dict[int, int]
    across: frozenset[int]
    unsure: frozenset[int]


def _run_ons(
    flow: Sequence[Line],
    sites_titles: list[list[ZoneTitle]],
    starts: list[int],
    skipped: set[int],
    sheets: set[int],
) -> _RunOns:
    """Which site the lines at the top of a page carry on, where it is not the one read last
    on the page before.

    A line after the page of a site's last title may carry on a site that ended the page
    before. Where sites stand side by side (a grid of cards, each read whole, column by
    column), the one read last is not the only one that can: a card in the middle column
    may run over the page while the last column's ends. Such a line belongs to the site
    whose last line on the page before stands at its foot over it (nothing of that page
    below it there). Where none does, it carries on the site read last (newspaper columns:
    the last column's site goes on at the top of the first). A line under the ends of
    several sites (across the page after a row of cards: a back cover) carries on none of
    them: a card's lines stay within its column. Read as a site's, it would publish
    another site's text, or a page that is not a site's, in its items. Where the page
    before was read down its columns as one flow (_read_down_columns: newspaper columns),
    the line carries on the site read last, as the flow does. Otherwise, where the site
    over it and the one read last may both have run over (_newspaper_run_on), which one it
    carries on cannot be told: the build stops if it carries one on. Pages imposed side by
    side on a sheet (`sheets`: their numbers) are read one after the other, each whole: the
    site read last, on the sheet's last page, goes on at the top of the next sheet's first."""
    owners: dict[int, int] = {}
    bounds = [*starts[1:], len(flow)]
    for number, (start, stop) in enumerate(zip(starts, bounds, strict=True)):
        owners.update((index, number) for index in range(start, stop) if index not in skipped)
    last_title_pages = [
        max(line.page for title in titles for line in title.lines) for titles in sites_titles
    ]
    by_page: dict[int, list[int]] = {}
    for index in sorted(owners):
        by_page.setdefault(flow[index].page, []).append(index)
    carried: dict[int, int] = {}
    across: set[int] = set()
    unsure: set[int] = set()
    page_ends: dict[int, dict[int, int]] = {}  # by page: each site's last line there
    page_starts: dict[int, dict[int, int]] = {}  # by page: each site's first line there
    for index in sorted(owners):
        line = flow[index]
        if line.page <= last_title_pages[owners[index]] or line.page - 1 in sheets:
            continue
        before = by_page.get(line.page - 1, [])
        if line.page - 1 not in page_ends:  # its lines' sites are settled by now
            page_ends[line.page - 1] = {owners[other]: other for other in before}
            page_starts[line.page - 1] = {owners[other]: other for other in reversed(before)}
        over_line = [flow[other] for other in before if _over(flow[other], line)]
        feet = {
            owner
            for owner, end in page_ends[line.page - 1].items()
            if _over(flow[end], line)
            and not any(
                _over(other, flow[end])
                and (other.bbox.top + other.bbox.bottom) / 2 > flow[end].bbox.bottom
                for other in over_line
            )
        }
        if len(feet) > 1:
            across.add(index)
        elif feet and feet != {owners[index]}:
            owner = feet.pop()
            ends = page_ends[line.page - 1]
            last = ends.get(owners[index])  # none where the page before holds none of its lines
            if last is not None and _read_down_columns(flow, page_starts[line.page - 1], owner):
                continue  # newspaper columns: the text runs on from the site read last
            if last is not None and _newspaper_run_on(
                flow,
                line,
                before,
                (flow[ends[owner]], flow[last]),
                _begun_beside(flow, starts, owner, line.page - 1),
            ):
                unsure.add(index)
            else:
                owners[index] = carried[index] = owner
    return _RunOns(carried, frozenset(across), frozenset(unsure))


def _read_down_columns(flow: Sequence[Line], starts: Mapping[int, int], over: int) -> bool:
    """Whether the page before was read down its columns as one flow (newspaper columns),
    not row by row as a grid of cards: a site read after the one whose foot stands over the
    line (`over`, a site's number) starts higher on that page than it, beside it
    (`starts`: each site's first line there, by the site's number). Cards of one row start
    on one baseline (within LAYOUT.level_tops) and a later row stands lower, so a card read
    after another never starts above it; in newspaper columns a site that opens the next
    column stands above one that began lower in the column before. There the text runs on
    from the site read last, also where it ended higher than the foot over the line: a
    column break forced it on (before a heading, a list's last item, a site)."""
    first = flow[starts[over]]
    return any(
        not _over(flow[at], first)
        and flow[at].bbox.top < first.bbox.top - LAYOUT.level_tops * first.size
        for number, at in starts.items()
        if number > over
    )


def _newspaper_run_on(
    flow: Sequence[Line],
    line: Line,
    before: Sequence[int],
    feet: tuple[Line, Line],
    begun_beside: bool,
) -> bool:
    """Whether a line at a page top, under the foot of one site (`feet`: its last line on
    the page before, and the last line there of the site read last), may as well carry on
    the site read last, as newspaper columns do: the line opens the page's first column
    (nothing of the page before stands left of it), the site read last ended in a column
    further right, and either as low as the site over the line (within LAYOUT.level_feet:
    it may have run over too) or higher, where a site read after the one over the line
    began on the page before while that one began earlier (`begun_beside`,
    _begun_beside): a column break may have ended the site read last early, which goes on
    where the flow does."""
    over, last = feet
    return (
        all(flow[other].bbox.x1 > line.bbox.x0 for other in before)
        and last.bbox.x0 >= line.bbox.x1
        and (begun_beside or last.bbox.bottom >= over.bbox.bottom - LAYOUT.level_feet * line.size)
    )


def _begun_beside(flow: Sequence[Line], starts: Sequence[int], over: int, page: int) -> bool:
    """Whether a site read after site `over` began on `page` (its header's first line,
    `starts`: by site number) while `over` began on an earlier page and still runs there.
    The cards of one row of a grid begin on one page, and a later row only below the
    row's longest card, so such a site shares no row of cards with it: newspaper columns
    (a site opening the second column at the top of the page beside the first's site
    running on), or a card that the grid pushed whole to the page beside a card that runs
    over. Which site a line under the one over it carries on then cannot be told."""
    return flow[starts[over]].page < page and any(
        flow[start].page == page for start in starts[over + 1 :]
    )


def _over(upper: Line, lower: Line) -> bool:
    """Whether two lines share some of their width (one stands over the other)."""
    return upper.bbox.x0 < lower.bbox.x1 and lower.bbox.x0 < upper.bbox.x1


def _themes_continued(lines: Sequence[Line], themes: Sequence[Line]) -> list[Line]:
    """The lines at the top of the page after the title pages that go on with the themes
    listed at the foot of the last one (panels one above the other, the themes below the
    approaches, the page breaking the themes' list): each line, up to the first that does
    not, set in a theme's style and where a theme's lines start (its marker and text where
    it has a marker, its text or its marker, where a wrapped line starts, where not)."""
    listed = [line for line in themes if line.list_style]
    continued: list[Line] = []
    for line in lines:
        reach = LAYOUT.indent_tolerance * line.size
        if not any(
            _full_style(line) == _full_style(theme)
            and (
                abs(line.bbox.x0 - theme.bbox.x0) <= reach
                and abs(line.text_x0 - theme.text_x0) <= reach
                if line.list_style
                else min(abs(line.bbox.x0 - x) for x in (theme.text_x0, theme.bbox.x0)) <= reach
            )
            for theme in listed
        ):
            break
        continued.append(line)
    return continued


def _themes_run_on(lines: Sequence[Line], titles: Sequence[ZoneTitle]) -> list[Line]:
    """The lines of a page the site runs on to that go on with its themes: where the two
    panels stand side by side (their titles level on one page, their spans across the
    page apart) and the page keeps them apart (no line of it reaches under both titles), a
    panel may run on over the page break as well as the approaches beside it (a grid of
    two columns that the page breaks), and a line under the themes title's span, not the
    approaches title's, is one of the themes. Panels one after the other down newspaper
    columns (the themes ending the first column, the approaches' title opening the
    second) stand apart across the page too, but not level: the page runs on with the
    approaches only."""
    by_kind = {title.kind: title for title in titles}
    if len(by_kind) < len(ZONE_KINDS):
        return []
    themes_title, approaches_title = by_kind["themes"], by_kind["approaches"]
    themes = (themes_title.bbox.x0, themes_title.bbox.x1)
    approaches = (approaches_title.bbox.x0, approaches_title.bbox.x1)
    if themes[0] < approaches[1] and approaches[0] < themes[1]:
        return []  # one above the other: a page runs on with approaches only
    if not _level(themes_title, approaches_title):
        return []  # one after the other, down newspaper columns

    def under(line: Line, span: tuple[float, float]) -> bool:
        return span[0] < line.bbox.x1 and line.bbox.x0 < span[1] + _touch(line)

    if any(under(line, themes) and under(line, approaches) for line in lines):
        return []  # the page sets its lines across both columns' place
    return [line for line in lines if under(line, themes)]


def _level(title: ZoneTitle, other: ZoneTitle) -> bool:
    """Whether two panel titles stand level on one page, as titles of panels side by side
    do: their boxes overlap in height, or stand within LAYOUT.level_titles of each other."""
    size = max(title.lines[0].size, other.lines[0].size)
    apart = max(title.bbox.top, other.bbox.top) - min(title.bbox.bottom, other.bbox.bottom)
    return title.lines[0].page == other.lines[0].page and apart <= LAYOUT.level_titles * size


def _require_text(document: ExtractedDocument) -> None:
    if document.page_count == 0:
        raise LayoutError("the PDF has no pages; check that --source is the publication")
    textless = [p.number for p in document.pages if not p.lines and not p.furniture]
    if len(textless) == document.page_count:
        scanned = [p.number for p in document.pages if p.has_images]
        if scanned:
            raise NoTextLayerError(
                f"no text layer on any page ({_pages_are_images(scanned)}): the PDF is a scan; "
                "run OCR on it first (e.g. ocrmypdf) or use the publisher's text PDF"
            )
        raise LayoutError("the PDF has no text on any page; check that --source is the publication")
    # A page that is only an image would be skipped as no site, and its site lost without a
    # word; the cover and back cover may well be pictures, so they are left alone.
    scanned = [p.number for p in document.pages[1:-1] if p.has_images and not p.lines]
    if scanned:
        pages = (
            f"page {scanned[0]} has" if len(scanned) == 1 else f"pages {_page_list(scanned)} have"
        )
        raise NoTextLayerError(
            f"{pages} no text layer, only an image (a scanned page); run OCR on the PDF first "
            "(e.g. ocrmypdf) or use the publisher's text PDF"
        )
    garbled = next(
        (line for page in document.pages for line in page.lines if GARBLED_WORD.search(line.text)),
        None,
    )
    if garbled is not None:
        sample = (
            garbled.text
            if len(garbled.text) <= SAMPLE_CHARS
            else garbled.text[: SAMPLE_CHARS - 1] + "…"
        )
        raise NotAPdfError(
            f"page {garbled.page}: text that does not map to characters ('{sample}'): a font "
            "of the PDF has lost its map to Unicode, so the file is probably damaged; download "
            "it again, or use a copy whose text can be copied"
        )


def _pages_are_images(pages: Sequence[int]) -> str:
    if len(pages) == 1:
        return f"page {pages[0]} is an image"
    return f"pages {_page_list(pages)} are images"


def _page_list(pages: Sequence[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:PAGES_LISTED])
    return shown + (" …" if len(pages) > PAGES_LISTED else "")


def _require_contents(draft: _SiteDraft, facts: ParserFacts) -> None:
    where = f"site '{draft.label}' (page {draft.page_start})"
    if not draft.themes:
        raise LayoutError(
            f"{where} lists no themes under '{facts.themes_title_printed}'; "
            "the page may be damaged or the layout changed: check the PDF page"
        )
    if not any(section.items for section in draft.sections):
        raise LayoutError(
            f"{where} has no items under '{facts.approaches_title_printed}'; "
            "the page may be damaged or the layout changed: check the PDF page"
        )
    # an item read where no heading and no panel title stands over it: a section is never
    # headed by its own first item (its title may be printed outside the page, cut off)
    unheaded = next(
        (section for section in draft.sections if section.heading_lines[0].list_style), None
    )
    if unheaded is not None:
        first = unheaded.heading_lines[0]
        raise LayoutError(
            f"{where}: the item '{clipped(first.text)}' on page {first.page} stands under no "
            f"heading and no '{facts.approaches_title_printed}' title (it may be printed "
            "outside the page, or the page damaged); check the PDF page"
        )


def _zone_of(line: Line, titles: list[ZoneTitle]) -> str | None:
    """The zone of the nearest panel title above the line over the same column; None where
    no title stands over it (the top of a column the text flows into)."""
    over = [
        t
        for t in titles
        if t.bbox.top <= line.bbox.top
        and t.bbox.x0 < line.bbox.x1
        and line.bbox.x0 < t.bbox.x1 + _touch(line)
    ]
    return max(over, key=lambda t: t.bbox.top).kind if over else None


def _zone_beside(line: Line, titles: list[ZoneTitle], lines: Sequence[Line]) -> str | None:
    """The zone of the panel title that heads the line's row from beside it, where no title
    stands over the line: the lowest title left of it that starts above its foot (a table
    whose first column holds the titles, each level with the top of its list in the
    second), provided that title heads no column of its own: nothing of the panels
    (`lines`, the site's lines other than titles) stands under it in its column before the
    next title there. Under titles that head their columns (a page in newspaper columns,
    the items running on at the top of the next), the line goes on with the text before
    it. None where no title heads its row."""
    beside = [t for t in titles if t.bbox.x1 < line.bbox.x0 and t.bbox.top <= line.bbox.bottom]
    if not beside:
        return None
    title = max(beside, key=lambda t: t.bbox.top)
    return title.kind if _heads_a_row(title, titles, lines, line.page) else None


def _heads_a_row(
    title: ZoneTitle, titles: list[ZoneTitle], lines: Sequence[Line], page: int
) -> bool:
    """Whether a title heads a row from beside it: nothing of the panels (`lines`) stands
    under it in its column on `page` before the next title there (`titles`: the page's)."""

    def in_column(box: BBox) -> bool:
        return box.x0 < title.bbox.x1 and title.bbox.x0 < box.x1 and box.top > title.bbox.bottom

    below = [t.bbox.top for t in titles if t is not title and in_column(t.bbox)]
    return not any(
        other.page == page
        and in_column(other.bbox)
        and other.bbox.top < min(below, default=math.inf)
        for other in lines
    )


def _zone_run_on(
    line: Line, titles: list[ZoneTitle], lines: Sequence[Line], flow: Sequence[Line]
) -> str | None:
    """The zone of a line that opens its page beside the titles heading rows on it, above
    the first of them: the row before that one, broken by the page and running on at its
    top (a table whose first column holds the titles, its themes cell running over the
    page above the approaches row). That row is the title's before it in the site's
    `titles`; None where no row header stands below the line beside it, where it is the
    site's first title, or where a line of the page (`flow`) stands left of the line, level
    with it or higher: the line then opens a column beside one already begun (newspaper
    columns, a title at the first column's foot, its list sent on to the next column)."""
    page_titles = [t for t in titles if t.lines[0].page == line.page]
    under = [t for t in page_titles if t.bbox.x1 < line.bbox.x0 and t.bbox.top >= line.bbox.bottom]
    if not under or any(
        other.page == line.page
        and other.bbox.x1 < line.bbox.x0
        and other.bbox.top < line.bbox.bottom
        for other in flow
    ):
        return None
    first = min(under, key=lambda t: t.bbox.top)
    if not _heads_a_row(first, page_titles, lines, line.page):
        return None
    order = titles.index(first)
    return titles[order - 1].kind if order > 0 else None


def _header(
    page: int,
    header: list[Line],
    right_edges: Mapping[tuple[int, int], float],
    known: _Known,
    region_style: tuple | None = None,
) -> tuple[Entry, Entry | None, list[Entry]]:
    """Banner, site name and authorities from what stands before the panels (`right_edges`:
    where each column block's text ends, _column_right_edges): the region is the value of a
    line labelled as the region (_labelled_facts), else the first line (a banner), or where
    the region is set in a style of its own that does not open the header (`region_style`),
    the first line in that style. Authorities labelled as such are that label's value;
    authorities printed parted by commas are cut at each comma but those inside a name
    `known` knows (_comma_entries); lines that wrap one name `known` knows at a word space
    are one (_names_wrapped_over_lines)."""
    labelled, listed_under, header = _labelled_facts(header, known.facts)
    if not header and "region" not in labelled:
        raise LayoutError(
            f"page {page}: a site page with no region banner or site name above its "
            "panels; check the PDF page"
        )
    if "region" in labelled:
        region, rest = _entry(labelled["region"]), header
    else:
        # the banner, and its lines wrapped on below it (a region's name in a narrow banner)
        at = next(
            (index for index, line in enumerate(header) if _full_style(line) == region_style), 0
        )
        wrapped = at + 1
        while wrapped < len(header) and _wraps_on(header[wrapped - 1], header[wrapped]):
            wrapped += 1
        rest = header[:at] + header[wrapped:]
        region = _entry(header[at:wrapped])
        _require_region_read(region, rest, known)
    if "authorities" in labelled:
        _require_name_in_one_run(rest, labelled)
        name = _entry(rest) if rest else None
        value = labelled["authorities"]
        if "authorities" not in listed_under:
            return region, name, _listed_entries(value, known.authority)
        before_list = _until_first_marker(value)
        return (
            region,
            name,
            [
                *(
                    entry
                    for group in _logical_lines(before_list, right_edges)
                    for entry in _listed_entries(group, known.authority)
                ),
                *_list_entries(value[len(before_list) :], set()),
            ],
        )
    title_lines = [line for line in _until_first_marker(rest)]
    listed = rest[len(title_lines) :]
    logical = _names_wrapped_over_lines(
        _logical_lines(title_lines, right_edges), right_edges, known.authority
    )
    if listed:
        name = _entry([line for group in logical for line in group]) if logical else None
        return region, name, _list_entries(listed, set())
    if not logical:
        raise LayoutError(
            f"page {region.page}: the site under the banner '{region.text}' prints no name "
            "and no local authorities; check the PDF page"
        )
    if len(logical) == 1:
        name = _entry(logical[0])
        parts = [part.strip() for part in name.text.split(",") if part.strip()]
        return (
            region,
            name,
            _comma_entries([Entry(part, name.page, name.bbox) for part in parts], known.authority),
        )
    first_size = logical[0][0].size
    if all(
        group[0].size < first_size and not _same_size(group[0].size, first_size)
        for group in logical[1:]
    ):
        name = _entry(logical[0])
        return (
            region,
            name,
            [entry for group in logical[1:] for entry in _listed_entries(group, known.authority)],
        )
    return region, None, [entry for group in logical for entry in _spaced_entries(group)]


@dataclass(frozen=True)
class _Known:
    """What a site's header is read with: the publication's label words (`facts`), and
    whether the reference data knows a printed authority or region (always False where it
    could not be read: the tables stage reports why)."""

    facts: ParserFacts
    authority: Callable[[str], bool]
    region: Callable[[str], bool]


def _labelled_facts(
    header: list[Line], facts: ParserFacts
) -> tuple[dict[str, list[Line]], set[str], list[Line]]:
    """The header's labelled facts: by kind ("region", "authorities"), the lines of the
    value that a label of the publication's (ParserFacts.region_labels, authorities_labels)
    opens a line with, set apart from it (_set_apart: "Region  North West", "Region: North
    West"), or, where the label stands alone, the line level with it to its right (a
    labels' column beside a values' column), else the line under it; each with the lines
    its value wraps on to (_value_wraps). A list's label (the authorities') standing alone
    over its value takes every line under it up to the next label or the end of the header
    (_lines_under_label: "Local authorities" over "• Brent", "• Ealing", or over one name a
    line): read as one value and its wraps, the names after the first were joined into one
    or left to join the site's name. Also returned: the kinds so read as a list under their
    label, and the header's other lines. A site that labels its region sets its name
    unlabelled, before or after it: read as a banner, the name was taken for the region and
    the labelled line for the name."""
    labels = [
        (line, kind, length)
        for line in header
        if not line.list_style
        for kind, length in [_label_opening(line, facts)]
        if kind
    ]
    labelled: dict[str, list[Line]] = {}
    listed_under: set[str] = set()
    read: set[int] = set()  # the lines of the labels read and their values
    labels_ids = {id(line) for line, _, _ in labels}  # never a value, nor a value's line
    for line, kind, length in labels:
        if kind in labelled:
            continue  # a second label of a kind is left in the header, where it shows
        under = (
            _lines_under_label(line, header, read | labels_ids)
            if kind == "authorities" and length == len(line.words)
            else []
        )
        if under:
            labelled[kind] = under
            listed_under.add(kind)
            read.update(id(x) for x in (line, *under))
            continue
        value = (
            line_of(line.page, line.block, line.words[length:], ())
            if length < len(line.words)
            else _label_value(line, header, read | labels_ids)
        )
        if value is None:
            continue
        # a value wraps on to no line level with another label: that is the label's value
        level = {
            id(other)
            for other in header
            for label, _, _ in labels
            if label is not line and other.page == label.page and _level_with(other, label)
        }
        wraps = _value_wraps(
            value,
            header,
            read | labels_ids | level | {id(value)},
            line if length < len(line.words) else None,
        )
        labelled[kind] = [value, *wraps]
        read.update(id(x) for x in (line, value, *wraps))
    return labelled, listed_under, [line for line in header if id(line) not in read]


def _lines_under_label(label: Line, header: Sequence[Line], used: set[int]) -> list[Line]:
    """The lines of a list standing under its label, the label alone on its line with
    nothing level with it to its right: every line of the header after it on its page, up
    to the next label (`used` holds the labels) or the header's end (the panels' titles
    end the header). Empty where a line beside the label holds its value (a labels' column
    beside a values' column) or nothing stands under it."""
    if _line_beside(label, header, used) is not None:
        return []
    under: list[Line] = []
    for line in header[next(i for i, line in enumerate(header) if line is label) + 1 :]:
        if id(line) in used or line.page != label.page:
            break
        if line.bbox.top > label.bbox.top:
            under.append(line)
    return under


def _require_name_in_one_run(rest: Sequence[Line], labelled: Mapping[str, list[Line]]) -> None:
    """Stop where the lines left for the site's name (`rest`) stand in more than one run
    down the header, a labelled value (`labelled`) between them: lines after a label's
    value that it did not take are no part of a name printed before the label, and joined
    to it they would publish a wrong name with no error."""
    value_ids = {id(line) for lines in labelled.values() for line in lines}
    runs: list[list[Line]] = [[]]
    for line in sorted(
        [*rest, *(line for lines in labelled.values() for line in lines)],
        key=lambda line: (line.page, line.bbox.top),
    ):
        if id(line) in value_ids:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(line)
    runs = [run for run in runs if run]
    if len(runs) > 1:
        name = joined_text(line.text for line in runs[0])
        left = "', '".join(line.text for run in runs[1:] for line in run)
        raise LayoutError(
            f"page {runs[1][0].page}: '{left}', after a labelled value that does not take "
            f"it, would join the site's name '{name}'; check the PDF page"
        )


def _label_value(label: Line, header: Sequence[Line], used: set[int]) -> Line | None:
    """The value of a label set alone on its line: the line level with it to its right (a
    labels' column beside the values'), else the next line of the header below it (a value
    set under its label); None where there is none."""
    beside = _line_beside(label, header, used)
    if beside is not None:
        return beside
    after = header[next(i for i, line in enumerate(header) if line is label) + 1 :]
    return next(
        (
            line
            for line in after
            if id(line) not in used and (line.page, line.bbox.top) > (label.page, label.bbox.top)
        ),
        None,
    )


def _line_beside(label: Line, header: Sequence[Line], used: set[int]) -> Line | None:
    """The first line of the header not `used` level with a label to its right: its value
    in a values' column beside the labels'; None where there is none."""
    return next(
        (
            line
            for line in header
            if id(line) not in used
            and line.page == label.page
            and line.bbox.x0 > label.bbox.x1
            and _level_with(line, label)
        ),
        None,
    )


def _label_opening(line: Line, facts: ParserFacts) -> tuple[str, int]:
    """The kind of the label that opens `line` ("region", "authorities") and how many of its
    words the label is: all of them (a label alone), or words set apart from the rest of
    the line (_set_apart); ("", 0) where no label opens it."""
    labels = {"region": facts.region_labels, "authorities": facts.authorities_labels}
    words = line.words
    for length in range(1, len(words) + 1):
        text = normalised_title(" ".join(word.text for word in words[:length]))
        kind = next((kind for kind, named in labels.items() if text in named), "")
        if kind and (length == len(words) or _set_apart(words[length - 1], words[length])):
            # a colon set as a word of its own after the label ends the label (a term
            # list's separator, "Region : London")
            while length < len(words) and set(words[length].text) == {":"}:
                length += 1
            return kind, length
    return "", 0


def _set_apart(label: Word, value: Word) -> bool:
    """Whether a label's last word is set apart from the value after it, as a label is and
    the words of a name are not: a colon ends it, white space wider than a word space can
    be stands between them (LAYOUT.fragment_gap: the label in a column of its own), or the
    two are set in another weight, slant or colour (a bold label before a plain value)."""
    gap = value.bbox.x0 - label.bbox.x1
    return (
        label.text.endswith(":")
        or gap > LAYOUT.fragment_gap * min(label.size, value.size)
        or (label.bold, label.italic, label.color) != (value.bold, value.italic, value.color)
    )


def _level_with(line: Line, other: Line) -> bool:
    """Whether two lines stand on one row: the middle of each within the other's height."""
    middle = (line.bbox.top + line.bbox.bottom) / 2
    other_middle = (other.bbox.top + other.bbox.bottom) / 2
    return (
        other.bbox.top <= middle <= other.bbox.bottom
        and line.bbox.top <= other_middle <= line.bbox.bottom
    )


def _value_wraps(
    value: Line, header: Sequence[Line], used: set[int], label: Line | None = None
) -> list[Line]:
    """The header lines a labelled value wraps on to: below it in its style, starting where
    its text starts, no further apart than wrapped lines stand ("Brent, Ealing, ...,
    Kensington" / "and Chelsea, Westminster"); or, for a value on its `label`'s line, set
    in from that line's start and not past the value's text (a hanging indent: a term
    list's value wraps under its term, "Local authorities: Brent, ..." / "    Kensington
    and Chelsea"). A line starting where the label does is not the value's: the next line
    of the header (the site's name under "Region: London")."""
    wraps: list[Line] = []
    last = value
    for line in header:
        if id(line) in used or line.page != value.page or line.bbox.top <= last.bbox.top:
            continue
        gap = line.bbox.top - last.bbox.bottom
        touch = _touch(line)
        hanging = (
            label is not None
            and not line.list_style
            and label.bbox.x0 + touch < line.bbox.x0 <= value.text_x0 + touch
        )
        if (
            line.style == value.style
            and (abs(line.bbox.x0 - value.text_x0) <= touch or hanging)
            and -touch <= gap <= LAYOUT.continuation_gap * line.size
        ):
            wraps.append(line)
            last = line
    return wraps


def _require_region_read(region: Entry, rest: Sequence[Line], known: _Known) -> None:
    """Stop where the line read as the region names no region the reference data knows
    while another line of the header ends in one, set apart from the words before it:
    those words label the region in a way the publication's facts do not list ("Area
    North West"), and read as a banner, the site's name was taken for its region (the
    advice to add the name to the regions' spellings would be wrong)."""
    if known.region(region.text):
        return
    for line in rest:
        words = () if line.list_style else line.words
        for at in range(1, len(words)):
            value = " ".join(word.text for word in words[at:])
            if _set_apart(words[at - 1], words[at]) and known.region(value):
                label = " ".join(word.text for word in words[:at])
                raise LayoutError(
                    f"page {line.page}: the site's region is read from '{region.text}', which "
                    f"names no region, but '{line.text}' ends in one, '{value}', after "
                    f"'{label}': if '{label}' labels the region, add it to region_labels in "
                    "schemas/publication.toml [parser]; else check the PDF page"
                )


def _listed_entries(group: list[Line], known_authority: Callable[[str], bool]) -> list[Entry]:
    """The authorities of a logical line under the site's name, in smaller type: one for
    each part between commas where the line lists them so ("Brent, Ealing, Harrow", as a
    one-line name spelling its authorities is split, and as _comma_entries keeps a name
    with a comma of its own whole), else as _spaced_entries finds them."""
    words = [word for line in group for word in line.words]
    if not any(word.text.endswith(",") for word in words[:-1]):
        return _spaced_entries(group)
    parts: list[list[Word]] = [[]]
    for word in words:
        parts[-1].append(word)
        if word.text.endswith(","):
            parts.append([])
    page = group[0].page
    return _comma_entries(
        [
            Entry(" ".join(word.text for word in part).removesuffix(","), page, _words_bbox(part))
            for part in parts
            if part
        ],
        known_authority,
    )


def _comma_entries(parts: Sequence[Entry], known_authority: Callable[[str], bool]) -> list[Entry]:
    """The entries of a line of authorities cut at its commas (`parts`, in order): parts
    that together spell a name `known_authority` knows are one entry, the longest such run
    first. ONS writes some names with a comma of their own ("Bristol, City of",
    "Herefordshire, County of", "Bournemouth, Christchurch and Poole"): cut there, a name
    would become two ("City of" unknown, and "Bristol" a second authority of its own)."""
    entries: list[Entry] = []
    printed = ", ".join(part.text for part in parts) if len(parts) > 1 else None
    start = 0
    while start < len(parts):
        end = next(
            (
                end
                for end in range(len(parts), start + 1, -1)
                if known_authority(", ".join(part.text for part in parts[start:end]))
            ),
            start + 1,
        )
        run = parts[start:end]
        box = run[0].bbox
        for part in run[1:]:
            box = box.union(part.bbox)
        entries.append(Entry(", ".join(part.text for part in run), run[0].page, box, printed))
        start = end
    return entries


def _spaced_entries(group: list[Line]) -> list[Entry]:
    """The entries of a logical line: one, or where a single printed line sets its
    entries apart by white space wider than a word space can be (LAYOUT.fragment_gap: tags
    in a row, "Brent   Ealing   Harrow", with no comma or marker between them), one for
    each stretch of words between those gaps."""
    if len(group) > 1:
        return [_entry(group)]
    line = group[0]
    runs: list[list[Word]] = [[line.words[0]]]
    for before, word in pairwise(line.words):
        if word.bbox.x0 - before.bbox.x1 > LAYOUT.fragment_gap * max(word.size, before.size):
            runs.append([])
        runs[-1].append(word)
    if len(runs) == 1:
        return [_entry(group)]
    return [Entry(" ".join(word.text for word in run), line.page, _words_bbox(run)) for run in runs]


def _words_bbox(words: Sequence[Word]) -> BBox:
    box = words[0].bbox
    for word in words[1:]:
        box = box.union(word.bbox)
    return box


def _until_first_marker(lines: list[Line]) -> list[Line]:
    result = []
    for line in lines:
        if line.list_style:
            break
        result.append(line)
    return result


def _logical_lines(
    lines: list[Line], right_edges: Mapping[tuple[int, int], float]
) -> list[list[Line]]:
    """Printed lines grouped where one wraps onto the next: it ends in a comma, "and", a
    hyphen, or the next starts in lower case; or it may end inside an entry
    (_may_end_inside_entry) and the next line's first word would not have fit on it
    (_forced_break): the typesetter wrapped the title there ("Reading, West" / "Berkshire,
    Wokingham", "Newcastle upon" / "Tyne"). Other breaks are the title's own: a site with
    no name sets its authorities one a line."""
    parted_by_commas = {line.style for line in lines if "," in line.text}
    groups: list[list[Line]] = []
    for line in lines:
        before = groups[-1][-1] if groups else None
        if (
            before is not None
            and before.style == line.style
            and (
                WRAPPED_LINE_END.search(before.text)
                or line.text[:1].islower()
                or (
                    _may_end_inside_entry(before, parted_by_commas)
                    and _forced_break(before, line, right_edges)
                )
            )
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _names_wrapped_over_lines(
    groups: list[list[Line]],
    right_edges: Mapping[tuple[int, int], float],
    known_authority: Callable[[str], bool],
) -> list[list[Line]]:
    """The logical lines of a title (_logical_lines), with those that together spell one
    authority `known_authority` knows joined, the longest such run first, where each break
    between them is one a typesetter makes (_forced_break) inside one style and not every
    line names an authority of its own: in a narrow column a name too wide for it wraps at
    a word space ("South" / "Tyneside", "North" / "Lincolnshire"), and nothing but the name
    tells that break from the title's own, one authority a line. Read apart, such a name
    would be two unknown authorities, or a wrong one ("Lincolnshire" for North
    Lincolnshire)."""
    joined: list[list[Line]] = []
    start = 0
    while start < len(groups):
        end = next(
            (
                end
                for end in range(len(groups), start + 1, -1)
                if known_authority(joined_text(line.text for g in groups[start:end] for line in g))
                and not all(known_authority(_entry(g).text) for g in groups[start:end])
                and all(
                    before[-1].style == after[0].style
                    and _forced_break(before[-1], after[0], right_edges)
                    for before, after in pairwise(groups[start:end])
                )
            ),
            start + 1,
        )
        joined.append([line for group in groups[start:end] for line in group])
        start = end
    return joined


def _may_end_inside_entry(line: Line, parted_by_commas: set[tuple[float, bool, bool]]) -> bool:
    """Whether a title's line may end inside one of its entries: where the title's lines
    in its style part their entries by commas (`parted_by_commas`: "Reading, West Berkshire,
    Wokingham"), a line break is no entry's end; and a line that ends in a lower-case word
    ends inside a name, whose words are capitalised but for those that join them ("upon",
    "on"). A title set one entry a line holds neither."""
    return line.style in parted_by_commas or line.text.split()[-1][:1].islower()


def _forced_break(before: Line, line: Line, right_edges: Mapping[tuple[int, int], float]) -> bool:
    """Whether `before` ends where a typesetter wraps: the first word of `line`, a word
    space after it, would reach past the right edge of the text of its column block
    (_column_right_edges), so it could not have been set on it."""
    word = line.words[0].bbox
    reach = before.bbox.x1 + LAYOUT.word_space * before.size + (word.x1 - word.x0)
    return reach > right_edges[(before.page, before.block)]


def _entry(lines: Sequence[Line]) -> Entry:
    return Entry(joined_text(line.text for line in lines), lines[0].page, _bbox(lines))


def _list_entries(lines: list[Line], placed: set[int]) -> list[Entry]:
    """A list of short values: each bullet starts one, wrapped lines join it; with no
    bullets at all, each line is one value."""
    groups: list[list[Line]] = []
    has_markers = any(line.list_style for line in lines)
    for line in lines:
        if line.list_style or not has_markers or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    entries = []
    for group in groups:
        if has_markers and not group[0].list_style:
            continue  # text before the first bullet: reported as unplaced
        placed.update(id(line) for line in group)
        on_first_page = [line for line in group if line.page == group[0].page]
        entries.append(
            Entry(joined_text(line.text for line in group), group[0].page, _bbox(on_first_page))
        )
    return entries


def _runs_on(lines: Sequence[Line], site: _SiteDraft) -> bool:
    """A page's lines, with no banner or title of their own, that carry on the site's
    items: their type is no larger than the site's headings and they hold items or continue
    the open one."""
    if not lines or site.item_size is None:
        return False
    item_size = site.item_size
    largest_heading = max(
        (line.size for section in site.sections for line in section.heading_lines),
        default=item_size,
    )
    largest = max(largest_heading, item_size)
    if any(line.size > largest and not _same_size(line.size, largest) for line in lines):
        return False
    first = lines[0]
    open_item = site.sections[-1].items[-1] if site.sections and site.sections[-1].items else None
    continues_item = (
        not first.list_style and open_item is not None and _continues(open_item, first, site)
    )
    return continues_item or any(line.list_style for line in lines)


def _read_approaches(site: _SiteDraft, lines: list[Line], title_lines: Sequence[Line] = ()) -> None:
    """Sections and items: a list marker starts an item; a line that continues the open
    item's text joins it; any other line heads a new section, bold or not. Items before
    any heading stand under the panel's title (`title_lines`)."""
    for line in lines:
        if line.list_style:
            site.items_at.setdefault((line.page, line.block), []).append(line)
    for line in lines:
        open_section = site.sections[-1] if site.sections else None
        open_item = open_section.items[-1] if open_section and open_section.items else None
        if line.list_style:
            if open_section is None:
                # items straight under the panel title stand under that title
                heading = list(title_lines) or [line]
                open_section = _SectionDraft(heading_lines=heading)
                site.sections.append(open_section)
            open_section.items.append(_ItemDraft([line], line.list_style))
            if site.item_size is None:
                site.item_size = line.size
        elif open_item is not None and _continues(open_item, line, site):
            open_item.lines.append(line)
        elif (
            open_section is not None
            and not open_section.items
            and _continues_heading(open_section, line, site.wrap_gaps)
        ):
            open_section.heading_lines.append(line)
        else:
            site.sections.append(_SectionDraft(heading_lines=[line]))
            site.heading_styles.add(_full_style(line))


def _full_style(line: Line) -> tuple:
    return (*line.style, line.color)


def _continues(item: _ItemDraft, line: Line, site: _SiteDraft) -> bool:
    first, last = item.lines[0], item.lines[-1]
    if not _same_size(line.size, first.size) or (line.bold, line.italic) != (
        first.bold,
        first.italic,
    ):
        return False
    if None not in (line.color, first.color) and line.color != first.color:
        return False
    if line.page == last.page and line.block == last.block:
        here = next(x for x in item.lines if (x.page, x.block) == (line.page, line.block))
        if line.bbox.x0 < here.bbox.x0 - _touch(line):
            return False  # outdented past where the item starts in this column: a heading
        if line.bbox.top - last.bbox.bottom > _continuation_gap(line, site.wrap_gaps):
            return False
        if here is first:
            site.wraps_at_marker = abs(line.bbox.x0 - first.bbox.x0) <= _touch(line)
        return True
    # At the top of the next column or page: where the site's headings look different
    # from its items, a line in the items' own style carries the open item on.
    if site.heading_styles and _full_style(first) not in site.heading_styles:
        return True
    # Otherwise by position: where wrapped lines start there (the text indent, or the
    # markers where the items have no hanging indent).
    markers = site.items_at.get((line.page, line.block), [])
    indents = {first.text_x0, *(x.text_x0 for x in markers)}
    if site.wraps_at_marker:
        indents |= {first.bbox.x0, *(x.bbox.x0 for x in markers)}
    return any(abs(line.bbox.x0 - x) <= LAYOUT.indent_tolerance * line.size for x in indents)


def _wrapped_line_gaps(flow: Sequence[Line]) -> dict[tuple | None, float]:
    """By line style, the white space between an item's first line and the line it wraps
    on to, in ems of the line's size, where the wrap is plain from the page: the next line
    in the same column block, with no marker of its own, starts where the item's text
    starts after its marker (a hanging indent). The median of those seen, where at least
    LAYOUT.leading_samples are; under None, that of the style seen most, for the lines of
    other styles (a heading wrapped on), since a document sets one leading for all its
    text. What this document's leading leaves between wrapped lines: a loose leading (1.6
    and more, as editions set for easy reading) leaves more than LAYOUT.continuation_gap."""
    gaps: dict[tuple, list[float]] = {}
    for line, after in pairwise(flow):
        if (
            line.list_style
            and not after.list_style
            and (after.page, after.block) == (line.page, line.block)
            and after.style == line.style
            and abs(after.bbox.x0 - line.text_x0) <= LAYOUT.touch * line.size
            and after.bbox.top >= line.bbox.bottom
        ):
            gaps.setdefault(_full_style(line), []).append(
                (after.bbox.top - line.bbox.bottom) / line.size
            )
    counted = {style: seen for style, seen in gaps.items() if len(seen) >= LAYOUT.leading_samples}
    medians: dict[tuple | None, float] = {
        style: sorted(seen)[len(seen) // 2] for style, seen in counted.items()
    }
    if counted:
        medians[None] = medians[max(counted, key=lambda style: len(counted[style]))]
    return medians


def _continuation_gap(line: Line, wrap_gaps: Mapping[tuple | None, float]) -> float:
    """The widest white space above `line` that still carries its text on: what the usual
    leading leaves (LAYOUT.continuation_gap), or where the document's own wrapped lines
    stand further apart (_wrapped_line_gaps), that white space and what a device's pixel
    grid moves a line by (LAYOUT.leading_noise)."""
    seen = wrap_gaps.get(_full_style(line), wrap_gaps.get(None))
    usual = LAYOUT.continuation_gap
    return line.size * (usual if seen is None else max(usual, seen + LAYOUT.leading_noise))


def _continues_heading(
    section: _SectionDraft, line: Line, wrap_gaps: Mapping[tuple | None, float]
) -> bool:
    """Whether a line in the style of a heading that has no items yet goes on with it:
    close below it (_continuation_gap), or on a later page (a heading wrapped over a page
    break: the page's first line of the site, since any other line would have closed the
    heading)."""
    last = section.heading_lines[-1]
    if line.style != last.style:
        return False
    if line.page > last.page:
        return True
    return line.page == last.page and line.bbox.top - last.bbox.bottom <= _continuation_gap(
        line, wrap_gaps
    )


def _cover(document: ExtractedDocument) -> tuple[str, str | None]:
    """Title as printed on the cover (title and subtitle), and the publisher above it."""
    cover = document.pages[0]
    lines = list(cover.lines)
    if lines:
        largest = max(line.size for line in lines)
        start = next(i for i, line in enumerate(lines) if _same_size(line.size, largest))
        end = start
        while end + 1 < len(lines) and lines[end + 1].style == lines[start].style:
            end += 1
        title = joined_text(line.text for line in lines[start : end + 1])
        subtitle: list[Line] = []
        body_size = _body_size(document)
        for line in lines[end + 1 :]:
            if subtitle and line.style != subtitle[0].style:
                break
            if line.size < body_size or _same_size(line.size, body_size):
                break
            subtitle.append(line)
        if subtitle:
            title = f"{title}: {joined_text(line.text for line in subtitle)}"
        above = lines[:start]
        publisher = joined_text(line.text for line in above) if above else document.author
        return title, publisher
    if document.title:
        return document.title, document.author
    raise LayoutError(
        "the cover page (page 1) has no text and the PDF names no title; "
        "check that --source is the publication"
    )


def _body_size(document: ExtractedDocument) -> float:
    sizes: Counter[float] = Counter()
    for page in document.pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0]
