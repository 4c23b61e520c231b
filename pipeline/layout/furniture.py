"""Running furniture: headers, footers and page numbers, found by what repeats in the margins."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pipeline.model import BBox

PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
MIN_RUNNING_PAGES = 2  # a margin text printed on this many pages is running furniture
MARGIN_FRACTION = 0.08  # running headers and footers stand in the top and bottom 8%


def in_margin(bbox: BBox, height: float) -> bool:
    return bbox.bottom <= height * MARGIN_FRACTION or bbox.top >= height * (1 - MARGIN_FRACTION)


def furniture_key(text: str, bbox: BBox, height: float) -> str:
    zone = "top" if bbox.bottom <= height * MARGIN_FRACTION else "bottom"
    return zone + ":" + re.sub(r"\d+", "#", " ".join(text.split()).lower())


def running_furniture_keys(margin_keys: Iterable[frozenset[str]]) -> frozenset[str]:
    """Margin texts printed on at least two pages (digits folded): running headers and footers."""
    pages_with_key = Counter(key for keys in margin_keys for key in keys)
    return frozenset(key for key, n in pages_with_key.items() if n >= MIN_RUNNING_PAGES)
