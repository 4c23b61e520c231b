"""One PDF read page by page, from the layout cache when it holds this PDF, else parsed on
every core.

What each page becomes after it is read (`per_page`) is the caller's: the reader knows
nothing of layout, and the orchestrator hands it the layout's per-page step so that each
page is laid out in the process that parsed it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pipeline.io.processes import available_cores
from pipeline.read.cache import Layout, LayoutCache
from pipeline.read.parallel import read_pages
from pipeline.read.pdf import RawPage, ReadLimits, check_page_limit, metadata_text, open_pdf
from pipeline.read.snapshot import Source, read_source

T = TypeVar("T")


@dataclass(frozen=True)
class ReadDocument(Generic[T]):
    """The PDF's metadata and what `per_page` made of each page, in page order."""

    title: str | None
    author: str | None
    pages: tuple[T, ...]


def read_document(
    source: Path | Source,
    per_page: Callable[[RawPage], T],
    *,
    limits: ReadLimits | None = None,
    cache: LayoutCache | None = None,
    jobs: int | None = None,
    meanwhile: Callable[[], object] = lambda: None,
    on_page: Callable[[int, int], None] = lambda done, total: None,
) -> ReadDocument[T]:
    """Every page of the PDF, with what `per_page` makes of it.

    Parsing is nearly all of a build's time, so `jobs` processes parse pages at once (by
    default one per usable core: forked workers and this one; 1 parses here alone), and this
    one runs `meanwhile` first: the build loads its heavy libraries there. The page limit is
    checked before any page is read. Serial, parallel and cached reads give equal documents
    and raise equal errors. `on_page(done, total)` is called as each page is parsed, for a
    progress display.

    `source` is read once (a path is read here): the bytes that are parsed, in this process
    and in every worker, are the bytes whose sha256 the caller checked and the cache is
    keyed by.
    """
    limits = limits if limits is not None else ReadLimits(max_pages=None)
    if not isinstance(source, Source):
        source = read_source(source, limits.max_document_bytes)
    layout = cache.load() if cache is not None else None
    if layout is not None:
        check_page_limit(len(layout.pages), source.path, limits.max_pages)
        meanwhile()
        return ReadDocument(
            layout.title, layout.author, tuple(per_page(page) for page in layout.pages)
        )
    with open_pdf(source, limits) as pdf:
        page_count = len(pdf.pages)
        title = metadata_text(pdf.metadata.get("Title"))
        author = metadata_text(pdf.metadata.get("Author"))
        workers = min(jobs or available_cores(), page_count) - 1
        pages = read_pages(pdf, source.path, max(workers, 0), meanwhile, per_page, on_page)
    if cache is not None:
        cache.store(Layout(title, author, tuple(raw for raw, _ in pages)))
    return ReadDocument(title, author, tuple(laid_out for _, laid_out in pages))
