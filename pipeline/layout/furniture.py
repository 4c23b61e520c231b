"""Running furniture: headers, footers and page numbers, found by what repeats across pages.

A running header or footer is the same text (its digits aside) at the same distance from
the printed page's edge on several pages, in one of the rows nearest that edge, and no
larger than the document's body text; a page number is a number alone in such a row. No
fixed share of the page is assumed: a print file's margins, an A5 booklet's and a slide's
differ.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.model import BBox

PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
MIN_RUNNING_PAGES = 2  # a text repeated at one place on this many pages is running furniture
# Running headers and footers stand in the rows nearest the page's edges: a header over a
# rule and a second line, or a footer of two lines, at most.
EDGE_ROWS = 2
# At one place on the page, a running text is the one more than half the pages that print
# anything there print (a region banner also repeats at one place, but the regions share
# that place between them).
RUNNING_SHARE = 0.5
# Points of rounding for a text's distance from the page edge: one baseline, read twice.
POSITION_STEP = 1.0


@dataclass(frozen=True, slots=True)
class EdgeText:
    """A text in a row nearest the top or bottom of the printed page."""

    place: str  # "top:<points from the top edge>" or "bottom:<points from the bottom edge>"
    key: str  # place and the text, digits folded
    size: float


def edge_texts(
    fragments: Sequence[tuple[str, BBox, float]], printed: BBox
) -> list[EdgeText | None]:
    """For each (text, box, size), its place among the page's edge rows, or None where it
    stands in the body."""
    rows = sorted({round(bbox.bottom) for _, bbox, _ in fragments})
    head, foot = set(rows[:EDGE_ROWS]), set(rows[-EDGE_ROWS:])
    placed: list[EdgeText | None] = []
    for text, bbox, size in fragments:
        row = round(bbox.bottom)
        nearer_top = bbox.top - printed.top <= printed.bottom - bbox.bottom
        if row in head and (nearer_top or row not in foot):
            place = f"top:{round((bbox.top - printed.top) / POSITION_STEP)}"
        elif row in foot:
            place = f"bottom:{round((printed.bottom - bbox.bottom) / POSITION_STEP)}"
        else:
            placed.append(None)
            continue
        folded = re.sub(r"\d+", "#", " ".join(text.split()).lower())
        placed.append(EdgeText(place, f"{place}|{folded}", size))
    return placed


def running_furniture_keys(
    pages_edge_texts: Iterable[Iterable[EdgeText]], body_size: float
) -> frozenset[str]:
    """Edge texts printed at one place on at least two pages, no larger than the body text,
    and printed there by more than half the pages that print anything there: running
    headers and footers."""
    pages_with_key: Counter[str] = Counter()
    pages_with_place: Counter[str] = Counter()
    sizes: dict[str, float] = {}
    for texts in pages_edge_texts:
        keys = {text.key: text for text in texts}
        pages_with_key.update(list(keys))
        pages_with_place.update({text.place for text in keys.values()})
        for key, text in keys.items():
            sizes[key] = max(sizes.get(key, 0.0), text.size)
    return frozenset(
        key
        for key, pages in pages_with_key.items()
        if pages >= MIN_RUNNING_PAGES
        and pages > RUNNING_SHARE * pages_with_place[key.split("|", 1)[0]]
        and sizes[key] <= body_size + SIZE_SLACK
    )


SIZE_SLACK = 0.5  # points: a footer set a hair larger than the body text is still furniture
