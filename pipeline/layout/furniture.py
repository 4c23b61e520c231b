"""Running furniture: headers, footers and page numbers, found by what repeats across pages.

A running header or footer is the same text (its digits aside) at the same distance from
the printed page's edge on several pages, in one of the rows nearest that edge, and no
larger than the document's body text; a page number is a number alone in such a row. A
running head whose words change from page to page (the name of the site the page is on)
is told by its type instead: one style, smaller than the body's and never used in the
body, at one place on most pages. No fixed share of the page is assumed: a print file's
margins, an A5 booklet's and a slide's differ.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.layout.settings import LAYOUT
from pipeline.model import BBox

PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EdgeText:
    """A text in a row nearest the top or bottom of the printed page."""

    place: str  # "top:<points from the top edge>" or "bottom:<points from the bottom edge>"
    key: str  # place and the text, digits folded
    size: float
    style_key: str | None  # place and the type style (font, size, colour); None if mixed
    box: BBox  # where it stands on the page: what stands level with it, in which column
    over_body: bool  # a text of the body stands under it, across part of its width


def word_style(font: str, size: float, colour: tuple[float, ...] | None) -> str:
    """A word's type style as furniture compares it: font, size on the half-point grid of
    line styles, colour."""
    step = LAYOUT.style_size_step
    return f"{font}|{round(size / step) * step:g}|{colour}"


def type_style(words: Iterable[tuple[str, float, tuple[float, ...] | None]]) -> str | None:
    """The one type style of some (font, size, colour) words, or None where they mix."""
    styles = {word_style(*word) for word in words}
    return styles.pop() if len(styles) == 1 else None


def is_furniture(edge: EdgeText, furniture_keys: frozenset[str]) -> bool:
    """Whether an edge text is running furniture by its words or by its type style."""
    return edge.key in furniture_keys or (
        edge.style_key is not None and edge.style_key in furniture_keys
    )


def edge_texts(
    fragments: Sequence[tuple[str, BBox, float, str | None]], printed: BBox, body_size: float
) -> list[EdgeText | None]:
    """For each (text, box, size, type style), its place among the page's edge rows, or
    None where it stands in the body. A text level with one larger than the body text
    (which is never furniture) is in the body too: running headers stand apart, and a row
    of headings (a table's heading row repeated where the table runs onto a new page) is
    content."""
    rows = sorted({round(bbox.bottom) for _, bbox, _, _ in fragments})
    reach = LAYOUT.furniture_line_reach * body_size
    head_rows, foot_rows = _edge_rows(rows, reach), _edge_rows(rows[::-1], reach)
    head, foot = set(head_rows), set(foot_rows)
    edge_rows = head | foot
    # A running head told by its type alone stands in the row nearest the edge: the rows
    # inside it may open the body (a site's authorities in small italic under its name).
    outermost = set(head_rows[:1] + foot_rows[:1])
    body = [bbox for _, bbox, _, _ in fragments if round(bbox.bottom) not in edge_rows]
    # on a page of edge rows alone (a blank page but for its running foot), the most common
    # size is the furniture's own: none of it is larger than a body text
    large = [
        bbox
        for _, bbox, size, _ in fragments
        if body and size > body_size * (1 + LAYOUT.size_slack) and round(bbox.bottom) in edge_rows
    ]
    placed: list[EdgeText | None] = []
    for text, bbox, size, style in fragments:
        row = round(bbox.bottom)
        nearer_top = bbox.top - printed.top <= printed.bottom - bbox.bottom
        if any(other.top < bbox.bottom and bbox.top < other.bottom for other in large):
            placed.append(None)
            continue
        if row in head and (nearer_top or row not in foot):
            place = f"top:{round((bbox.top - printed.top) / LAYOUT.position_step)}"
        elif row in foot:
            place = f"bottom:{round((printed.bottom - bbox.bottom) / LAYOUT.position_step)}"
        else:
            placed.append(None)
            continue
        style_key = None if style is None or row not in outermost else f"{place}|{style}"
        placed.append(
            EdgeText(
                place,
                f"{place}|{folded_text(text)}",
                size,
                style_key,
                bbox,
                _over_body(bbox, body),
            )
        )
    return placed


def _over_body(bbox: BBox, body: Sequence[BBox]) -> bool:
    """Whether a text of the body (`body`: outside the edge rows) stands under this one
    across part of its width: the first line of a column has its column's text under it,
    where a running head or foot in the margin beside the text block has none."""
    return any(
        other.top >= bbox.bottom and other.x0 < bbox.x1 and bbox.x0 < other.x1 for other in body
    )


def _edge_rows(rows: Sequence[int], reach: float) -> list[int]:
    """The rows nearest one edge (`rows` ordered from that edge inwards): the first, and
    each next one, up to LAYOUT.edge_rows, that stands within `reach` of the one before or
    nearer to it than to the row after it. A row further in, and closer to the rows after
    it, is the body's last or first line, however few lines the page has: a site's last
    item, repeated on every copy of a page, is not a footer; a footer's second line set
    wide apart from its first, with the body further still, is."""
    edge = list(rows[:1])
    for index in range(1, min(LAYOUT.edge_rows, len(rows))):
        gap = abs(rows[index] - edge[-1])
        inward = abs(rows[index + 1] - rows[index]) if index + 1 < len(rows) else math.inf
        if gap > reach and gap >= inward:
            break
        edge.append(rows[index])
    return edge


def folded_text(text: str) -> str:
    """A text as furniture is compared: spaces collapsed, lower case, digits folded."""
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def running_furniture_keys(
    pages_edge_texts: Iterable[Iterable[EdgeText]],
    body_size: float,
    body_texts: Iterable[tuple[str, float]] = (),
    body_styles: Iterable[str] = (),
) -> frozenset[str]:
    """Edge texts printed at one place on at least two pages, no larger than the body text,
    and printed there by more than half the pages that print anything there: running
    headers and footers. An edge text that the document also prints in its body, in the
    same size (`body_texts`: each body line's folded text and size), is content that some
    pages happen to set at their edge (a region banner opening a page), not furniture; so
    is one that opens a column of the body on most of its pages (_column_tops).

    The same holds of a type style (`_head_styles`): a running head naming the page's
    site changes its words from page to page, but not its type."""
    pages_texts = [list(texts) for texts in pages_edge_texts]
    pages_with_key: Counter[str] = Counter()
    pages_with_style: Counter[str] = Counter()
    pages_with_place: Counter[str] = Counter()
    pages_with_edge: Counter[str] = Counter()  # pages printing anything at the top, the foot
    sizes: dict[str, float] = {}
    texts_in_style: dict[str, set[str]] = {}
    for texts in pages_texts:
        keys = {text.key: text for text in texts}
        pages_with_key.update(list(keys))
        pages_with_place.update({text.place for text in keys.values()})
        pages_with_edge.update({_edge(text.place) for text in keys.values()})
        pages_with_style.update({text.style_key for text in keys.values() if text.style_key})
        for key, text in keys.items():
            sizes[key] = max(sizes.get(key, 0.0), text.size)
            if text.style_key:
                texts_in_style.setdefault(text.style_key, set()).add(key)
    in_body: dict[str, list[float]] = {}
    for folded, size in body_texts:
        in_body.setdefault(folded, []).append(size)

    def running(key: str, pages: int) -> bool:
        return (
            pages >= LAYOUT.min_running_pages
            and pages > LAYOUT.running_share * pages_with_place[key.split("|", 1)[0]]
        )

    def printed_in_body(key: str) -> bool:
        return any(
            abs(size - sizes[key]) <= LAYOUT.size_slack * body_size
            for size in in_body.get(_text(key), ())
        )

    by_wording = {
        key
        for key, pages in pages_with_key.items()
        if running(key, pages)
        and sizes[key] <= body_size * (1 + LAYOUT.size_slack)
        and not printed_in_body(key)
    }

    # a style runs on most of the pages that print anything at that edge, as a running
    # head does; notes in small type above the footer of a few pages (footnotes) do not
    def echoed(style: str) -> bool:
        """Whether most of a style's texts name a heading of the body: the same words
        printed larger than the body text (a site's name), as a running head echoes them."""
        keys = texts_in_style[style]
        heading = body_size * (1 + LAYOUT.size_slack)
        echoes = [
            key for key in keys if any(size > heading for size in in_body.get(_text(key), ()))
        ]
        return len(echoes) > LAYOUT.running_share * len(keys)

    styles = _head_styles(
        {
            style: pages
            for style, pages in pages_with_style.items()
            if running(style, pages)
            and pages > LAYOUT.running_share * pages_with_edge[_edge(style)]
        },
        body_size,
        set(body_styles),
        {style for style in pages_with_style if echoed(style)},
    )
    furniture = frozenset(
        by_wording
        | {
            style
            for style in styles
            if not any(printed_in_body(key) for key in texts_in_style[style])
        }
    )
    column_tops = _column_tops(pages_texts, furniture, body_size)
    pages_of = pages_with_key + pages_with_style
    return frozenset(
        key for key in furniture if column_tops[key] <= LAYOUT.running_share * pages_of[key]
    )


def _column_tops(
    pages_edge_texts: Sequence[Sequence[EdgeText]], furniture: frozenset[str], body_size: float
) -> Counter[str]:
    """For each key of running furniture (by wording or by type style), on how many pages a
    text of it opens a column of the body beside another column's first line
    (_opens_a_column): content that some pages happen to set at one place (a column break
    before each themes list's second theme sets the same theme at the top of a column on
    a few pages), not furniture where it does so on most of its pages."""
    pages: Counter[str] = Counter()
    for texts in pages_edge_texts:
        running = [text for text in texts if is_furniture(text, furniture)]
        content = [
            text for text in texts if not is_furniture(text, furniture) and not _page_number(text)
        ]
        pages.update(
            {
                key
                for text in running
                if _opens_a_column(text, content, body_size)
                for key in (text.key, text.style_key)
                if key in furniture
            }
        )
    return pages


def _opens_a_column(text: EdgeText, content: Sequence[EdgeText], body_size: float) -> bool:
    """Whether an edge text stands as the first line of a column of the body: at the top,
    over the column's text (EdgeText.over_body), set no smaller than the body text as a
    running head is (LAYOUT.running_head_smaller) and level with a text of the page's edge
    rows that is neither running furniture nor a page number, in its own size, across a
    gutter (LAYOUT.min_gutter): the first line of the column beside it, set as the panel
    text it repeats is. A running header or footer stands in the margin, alone in its row
    or beside other running texts (the title, the page number), and where it stands
    level with the body's last line at the foot (a footer in the margin beside the
    approaches running to the page's foot) or with a banner at the top (a small running
    head beside a region banner), it is set smaller than the body or stands beside the
    text block, over none of it: still furniture."""
    if _edge(text.place) != "top" or not text.over_body:
        return False
    if text.size < body_size * (1 - LAYOUT.running_head_smaller):
        return False
    gutter = LAYOUT.min_gutter * body_size
    return any(
        abs(other.size - text.size) <= LAYOUT.size_slack * body_size
        and text.box.top < other.box.bottom
        and other.box.top < text.box.bottom
        and (other.box.x1 + gutter <= text.box.x0 or text.box.x1 + gutter <= other.box.x0)
        for other in content
    )


def _page_number(text: EdgeText) -> bool:
    """Whether an edge text is a page number ("7", "Page 7 of 21"), furniture on any page."""
    return bool(PAGE_NUMBER.match(_text(text.key).replace("#", "0")))


def _text(key: str) -> str:
    """The folded text of a key ("top:12|north west" -> "north west")."""
    return key.split("|", 1)[1]


def _edge(place: str) -> str:
    """The edge of a place or key ("top:12|..." -> "top")."""
    return place.split(":", 1)[0]


def _head_styles(
    pages_with_style: dict[str, int],
    body_size: float,
    body_styles: set[str],
    echoing: set[str],
) -> set[str]:
    """Of the type styles running at one place (`pages_with_style`: place|style -> pages),
    those of a running head, in a style the body never uses (the first line of a page
    flowing on, or a banner at a page top, is set as the rest of the body's lines or
    banners are): set smaller than the body text, as a head or foot is, or no larger than
    it where its texts echo the body's headings (`echoing`: a head naming the page's site
    in the body's size, or a hair under it, while the body prints the name large; a banner
    names a region that the body never prints larger than the body text)."""
    smaller = body_size * (1 - LAYOUT.running_head_smaller)
    no_larger = body_size * (1 + LAYOUT.size_slack)
    return {
        style
        for style in pages_with_style
        if style.split("|", 1)[1] not in body_styles
        and (
            float(style.split("|")[2]) < smaller
            or (float(style.split("|")[2]) <= no_larger and style in echoing)
        )
    }
