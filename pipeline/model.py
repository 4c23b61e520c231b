"""The document model: what the publication says, before any tidy table exists.

Everything the dataset publishes is derived from these objects, so each one
keeps the page and box it came from: a reviewer can always go back to the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ListStyle = Literal["bullet", "numbered"]


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
    blank_pages: tuple[int, ...] = field(default=())  # nothing drawn, between two sites
