"""The whole document's lines: pages laid out one by one, then checked against each other.

Running furniture and ambiguous list markers are document-level facts (what repeats across
pages, what starts several lines); each page is laid out where it is parsed, guessing them,
and the guess is checked here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.layout.furniture import (
    PAGE_NUMBER,
    furniture_key,
    in_margin,
    running_furniture_keys,
)
from pipeline.layout.lines import Line, Page, line_fragments, page_lines
from pipeline.layout.markers import AMBIGUOUS_BULLETS, MIN_LIST_LINES
from pipeline.read.pdf import RawPage


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
    margin_keys: frozenset[str]  # the furniture key of every text in the page's margins
    unsure_keys: frozenset[str]  # of those, the ones not page numbers: furniture if repeated
    page: Page  # the page's lines with every margin text taken as furniture


def parsed_page(raw: RawPage) -> ParsedPage:
    """The page's lines, guessing that every text in its margins is running furniture (a
    guess extracted_document checks against the whole document)."""
    fragments = line_fragments(raw.words)
    margin = [
        (fragment.text, furniture_key(fragment.text, fragment.bbox, raw.height))
        for fragment in fragments
        if in_margin(fragment.bbox, raw.height)
    ]
    unsure = frozenset(key for text, key in margin if not PAGE_NUMBER.match(text))
    return ParsedPage(
        raw=raw,
        margin_keys=frozenset(key for _, key in margin),
        unsure_keys=unsure,
        page=page_lines(raw, fragments, unsure),
    )


def extracted_document(
    pages: Sequence[ParsedPage], title: str | None = None, author: str | None = None
) -> ExtractedDocument:
    """Lines of every page, after removing what repeats in the margins.

    A page whose margin texts all repeat elsewhere (or are page numbers) keeps the lines its
    parser made; one with a margin text found nowhere else is laid out again with that text
    in its body. Both give what laying out every page here would give: a page's lines
    depend on the running furniture only through its own margin texts."""
    furniture_keys = running_furniture_keys(page.margin_keys for page in pages)
    lined = [
        page.page
        if page.unsure_keys <= furniture_keys
        else page_lines(page.raw, line_fragments(page.raw.words), furniture_keys)
        for page in pages
    ]
    return ExtractedDocument(
        page_count=len(pages),
        title=title,
        author=author,
        pages=_confirm_ambiguous_bullets(lined),
    )


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
        if (
            line.marker in AMBIGUOUS_BULLETS
            and starts[(line.marker, round(line.bbox.x0))] < MIN_LIST_LINES
        ):
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
