"""Running furniture: headers, footers and page numbers, found by what repeats across pages.

A running header or footer is the same text (its digits aside) at the same distance from
the printed page's edge on several pages, in one of the rows nearest that edge, and no
larger than the document's body text; a page number is a number alone in such a row. No
fixed share of the page is assumed: a print file's margins, an A5 booklet's and a slide's
differ.
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


def edge_texts(
    fragments: Sequence[tuple[str, BBox, float]], printed: BBox, body_size: float
) -> list[EdgeText | None]:
    """For each (text, box, size), its place among the page's edge rows, or None where it
    stands in the body. A text level with one larger than the body text (which is never
    furniture) is in the body too: running headers stand apart, and a row of headings (a
    table's heading row repeated where the table runs onto a new page) is content."""
    rows = sorted({round(bbox.bottom) for _, bbox, _ in fragments})
    reach = LAYOUT.furniture_line_reach * body_size
    head, foot = set(_edge_rows(rows, reach)), set(_edge_rows(rows[::-1], reach))
    edge_rows = head | foot
    large = [
        bbox
        for _, bbox, size in fragments
        if size > body_size * (1 + LAYOUT.size_slack) and round(bbox.bottom) in edge_rows
    ]
    placed: list[EdgeText | None] = []
    for text, bbox, size in fragments:
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
        placed.append(EdgeText(place, f"{place}|{folded_text(text)}", size))
    return placed


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
) -> frozenset[str]:
    """Edge texts printed at one place on at least two pages, no larger than the body text,
    and printed there by more than half the pages that print anything there: running
    headers and footers. An edge text that the document also prints in its body, in the
    same size (`body_texts`: each body line's folded text and size), is content that some
    pages happen to set at their edge (a region banner opening a page), not furniture."""
    pages_with_key: Counter[str] = Counter()
    pages_with_place: Counter[str] = Counter()
    sizes: dict[str, float] = {}
    for texts in pages_edge_texts:
        keys = {text.key: text for text in texts}
        pages_with_key.update(list(keys))
        pages_with_place.update({text.place for text in keys.values()})
        for key, text in keys.items():
            sizes[key] = max(sizes.get(key, 0.0), text.size)
    in_body: dict[str, list[float]] = {}
    for folded, size in body_texts:
        in_body.setdefault(folded, []).append(size)
    return frozenset(
        key
        for key, pages in pages_with_key.items()
        if pages >= LAYOUT.min_running_pages
        and pages > LAYOUT.running_share * pages_with_place[key.split("|", 1)[0]]
        and sizes[key] <= body_size * (1 + LAYOUT.size_slack)
        and not any(
            abs(size - sizes[key]) <= LAYOUT.size_slack * body_size
            for size in in_body.get(key.split("|", 1)[1], ())
        )
    )
