"""The document model: what the publication says, before any tidy table exists.

Everything the dataset publishes is derived from these objects, so each one
keeps the page and box it came from: a reviewer can always go back to the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ListStyle = Literal["bullet", "numbered"]
HALF_TURN = 2  # quarter turns: text upside down


@dataclass(frozen=True, slots=True)  # no __dict__: one per word, 100,000s in a long PDF
class BBox:
    """A box in PDF points, in pdfplumber's coordinates (top-left origin)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )


@dataclass(frozen=True)
class TurnedFrame:
    """Where a page whose text runs sideways or upside down was read: the page turned by
    `turn` quarters (anticlockwise runs of text, 1-3) so that its text is upright, `width`
    by `height` points, with pdfminer's origin at its bottom left. The layout needs upright
    lines, but a published box must be where pdfplumber finds the item on the page as it
    is shown (`shown_height` points high, its MediaBox starting at `shown_x`, `shown_top`),
    as on every other page: `shown` turns a box back."""

    turn: int
    width: float
    height: float
    shown_height: float
    shown_x: float
    shown_top: float

    def shown(self, box: BBox) -> BBox:
        """The box, read in this frame, in pdfplumber's coordinates of the page as shown."""
        corners = [
            self._unturned(x, y)
            for x in (box.x0, box.x1)
            for y in (self.height - box.bottom, self.height - box.top)
        ]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        return BBox(
            min(xs) + self.shown_x,
            self.shown_height - max(ys) + self.shown_top,
            max(xs) + self.shown_x,
            self.shown_height - min(ys) + self.shown_top,
        )

    def _unturned(self, x: float, y: float) -> tuple[float, float]:
        """A point of this frame (y up) where pdfminer places it on the page as shown."""
        if self.turn == 1:
            return self.height - y, x
        if self.turn == HALF_TURN:
            return self.width - x, self.height - y
        return y, self.width - x


@dataclass(frozen=True)
class Entry:
    """A short printed value (region banner, site name, authority, theme) and where it stands."""

    text: str
    page: int
    bbox: BBox
    # The printed text this entry was cut from at its commas ("Brent, Ealing, Harrow"),
    # where it was: a message about the entry names the whole of what was printed.
    cut_from: str | None = None


@dataclass(frozen=True)
class Item:
    """One bulleted or numbered item, wrapped lines joined."""

    text: str
    list_style: ListStyle
    page: int
    bbox: BBox


@dataclass(frozen=True)
class Section:
    """A heading under "Overview of approaches" and the items standing under it."""

    heading: str
    page: int
    bbox: BBox
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Site:
    """One Early Adopter site, over all of its pages."""

    name: Entry | None  # None where the page names no site, only its authorities
    region: Entry
    page_start: int
    page_end: int
    local_authorities: tuple[Entry, ...]
    themes: tuple[Entry, ...]
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class UnplacedWord:
    """A word on a site page that the structure stage could not place: reported, never dropped."""

    text: str
    page: int
    bbox: BBox


@dataclass(frozen=True)
class DocumentModel:
    title: str
    publisher: str | None
    page_count: int
    sites: tuple[Site, ...]
    unplaced: tuple[UnplacedWord, ...] = field(default=())
    # nothing drawn but, at most, running text (a page number), between two sites
    blank_pages: tuple[int, ...] = field(default=())
