"""The orchestrator: the only place that orders the stages.

    read (PDF -> pages) -> layout (lines) -> structure (document model)
        -> tables (normalise, validate) -> outputs (publish, QA pages)

Each stage is a function of the one before; this module runs them in order, times them,
and holds the lock that keeps two builds from writing one folder. `build` publishes the
tables; `qa` draws the same model and tables over the pages.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import PipelineError, PublishError, UnplacedWordsError, clipped
from pipeline.io.lock import output_lock
from pipeline.io.processes import FilesBuiltBeside, release_freed_memory
from pipeline.layout.document import ExtractedDocument, extracted_document, parsed_page
from pipeline.model import DocumentModel, UnplacedWord
from pipeline.read.cache import LayoutCache
from pipeline.read.document import read_document
from pipeline.read.pdf import ReadLimits
from pipeline.read.snapshot import Source, read_source
from pipeline.read.source import check_manifest

if TYPE_CHECKING:  # imported while the pages are parsed, not at start-up
    import pandas as pd

    from pipeline.outputs.qa import QAResult
    from pipeline.reference import ReferenceData

DEFAULT_MAX_PAGES = 2000
# The error for words placed in no record shows this many pages' words, each page's cut to
# this many characters: enough to recognise what was missed, still one line.
UNPLACED_PAGES_SHOWN = 3
# The stages after reading, with pandas, pandera and pyarrow (half a second of CPU):
# imported while worker processes parse the pages, not before, so that the two overlap.
LATER_STAGES = (
    "pipeline.structure.sites",
    "pipeline.tables.normalise",
    "pipeline.tables.validate",
    "pipeline.outputs.publish",
)

OnStage = Callable[[str], None]
OnProgress = Callable[[int, int], None]


class _LaterStages:
    """What the stages after reading load, loaded while the pages are parsed rather than
    after: their libraries (about 0.4 s of CPU), Pandera's validation backends, the table
    registry (its typed models: 0.1 s) and the reference data (about 0.02 s). A
    reference-data error is kept and raised by the normalise stage, where a build reports
    it, so that a bad PDF is still reported first."""

    def __init__(self) -> None:
        self._reference: ReferenceData | None = None
        self._error: PipelineError | None = None

    def prepare(self) -> None:
        for name in LATER_STAGES:
            importlib.import_module(name)
        from pipeline import reference
        from pipeline.metadata.registry import table_registry
        from pipeline.tables.validate import load_validation_backends

        table_registry()
        load_validation_backends()
        # What is loaded now stays for the whole build: the collector leaves it out of its
        # passes (a full pass over the libraries' objects alone takes 60 ms), unless the
        # caller froze objects of its own (_libraries_left_out_of_collections).
        if gc.get_freeze_count() == 0:
            gc.freeze()
        try:
            self._reference = reference.load_reference()
        except PipelineError as exc:
            self._error = exc

    def loaded_reference(self) -> ReferenceData | None:
        """The reference data read while the pages were parsed, or None where reading it
        failed: the structure stage then reads without it, and normalise reports why."""
        return self._reference

    def reference(self) -> ReferenceData:
        """The reference data read while the pages were parsed, or the error reading gave."""
        if self._error is not None:
            raise self._error
        if self._reference is None:
            raise RuntimeError("the later stages were not prepared before normalising")
        return self._reference


@contextmanager
def _libraries_left_out_of_collections() -> Iterator[None]:
    """Around a build or QA run: what _LaterStages froze is put back in the collector's
    care at the end, for a caller that goes on in this process; a caller's own freeze is
    left as it was."""
    frozen_by_caller = gc.get_freeze_count() > 0
    try:
        yield
    finally:
        if not frozen_by_caller:
            gc.unfreeze()


@dataclass(frozen=True)
class BuildResult:
    out: Path
    page_count: int
    row_counts: dict[str, int]
    unplaced: tuple[UnplacedWord, ...]
    blank_pages: tuple[int, ...]
    stage_seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Stages:
    """Runs and times the stages, telling `on_stage` as each starts."""

    on_stage: OnStage
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.on_stage(name)
        start = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - start


def laid_out_document(
    source: Path | Source,
    *,
    max_pages: int | None = None,
    limits: ReadLimits | None = None,
    cache: LayoutCache | None = None,
    jobs: int | None = None,
    meanwhile: Callable[[], object] = lambda: None,
    on_page: OnProgress = lambda done, total: None,
) -> ExtractedDocument:
    """The document's lines: every page read (from the cache, or parsed on every core) and
    laid out where it was parsed, then checked against the whole document."""
    if limits is None:
        limits = ReadLimits(max_pages=max_pages)
    document = read_document(
        source,
        parsed_page,
        limits=limits,
        cache=cache,
        jobs=jobs,
        meanwhile=meanwhile,
        on_page=on_page,
    )
    return extracted_document(document.pages, document.title, document.author)


def _model_and_tables(
    source: Source,
    stages: _Stages,
    *,
    manifest: Path | None,
    limits: ReadLimits,
    cache_dir: Path | None,
    on_page: OnProgress,
    refuse_unplaced: bool,
) -> tuple[DocumentModel, dict[str, pd.DataFrame]]:
    """The stages that build and qa share: check, read and lay out, structure, normalise,
    all of the one copy of the source's bytes that was read and hashed. With
    `refuse_unplaced`, words on the site pages that no record holds stop it after the
    structure stage (qa goes on, to show them)."""
    with stages.stage("check"):
        edition = (
            check_manifest(source.path, source.sha256, manifest) if manifest is not None else None
        )
    later_stages = _LaterStages()
    with stages.stage("extract"):
        cache = LayoutCache(cache_dir, source.sha256) if cache_dir is not None else None
        extracted = laid_out_document(
            source,
            limits=limits,
            cache=cache,
            meanwhile=later_stages.prepare,
            on_page=on_page,
        )
    # Loaded already, by later_stages.prepare while the pages were being parsed.
    from pipeline.structure.sites import document_model
    from pipeline.tables.normalise import SourceFile, tables_from_model

    with stages.stage("structure"):
        model = document_model(extracted, reference=later_stages.loaded_reference())
        if refuse_unplaced and model.unplaced:
            raise UnplacedWordsError(_unplaced_message(model.unplaced))
    with stages.stage("normalise"):
        source_file = SourceFile(
            source.name,
            source.sha256,
            len(source.data),
            published=edition.published if edition else None,
            source_url=edition.source_url if edition else None,
        )
        tables = tables_from_model(model, source_file, later_stages.reference())
    return model, tables


def _unplaced_message(words: tuple[UnplacedWord, ...]) -> str:
    """The one-line error: how many words, the first pages' texts, and what to do."""
    by_page: dict[int, list[str]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word.text)
    shown = [
        f"page {page}: '{clipped(' '.join(texts))}'"
        for page, texts in sorted(by_page.items())[:UNPLACED_PAGES_SHOWN]
    ]
    if len(by_page) > UNPLACED_PAGES_SHOWN:
        shown.append(f"{len(by_page) - UNPLACED_PAGES_SHOWN} more pages")
    return (
        f"{words_in_no_record(len(words))} ({'; '.join(shown)}): the "
        "pages may have been misread; `python -m pipeline qa` marks them on each page; if "
        "they belong to no record (a caption, a note), build again with --allow-unplaced"
    )


def words_in_no_record(count: int) -> str:
    """How many words on the site pages no record holds, as the error and the warning
    say it."""
    plural = count > 1
    return (
        f"{count} word{'s' if plural else ''} on the site pages {'are' if plural else 'is'} "
        "placed in no record"
    )


def build(
    source: Path,
    out: Path,
    *,
    manifest: Path | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    limits: ReadLimits | None = None,
    cache_dir: Path | None = None,
    allow_unplaced: bool = False,
    on_stage: OnStage = lambda stage: None,
    on_page: OnProgress = lambda done, total: None,
) -> BuildResult:
    """Run every stage and publish into `out`; with `cache_dir`, the pages read from this
    PDF are kept there and reused (pipeline.read.cache), so a rebuild after a change to a
    later stage skips parsing. A folder that cannot be published into is refused before
    the PDF is read; `limits` (by default `max_pages` and the default byte limits) bound
    what reading may cost. Words on the site pages that no record holds stop the build
    unless `allow_unplaced`: a misread page loses text without any other sign (a running
    head read as a heading, an unknown list marker), and what is published must be whole."""
    from pipeline.outputs.target import checked_output_folder

    out = checked_output_folder(out)
    limits = limits if limits is not None else ReadLimits(max_pages=max_pages)
    stages = _Stages(on_stage)
    with _libraries_left_out_of_collections():
        model, tables = _model_and_tables(
            read_source(source, limits.max_document_bytes),
            stages,
            manifest=manifest,
            limits=limits,
            cache_dir=cache_dir,
            on_page=on_page,
            refuse_unplaced=not allow_unplaced,
        )
        from pipeline.outputs.publish import output_files, publish
        from pipeline.tables.validate import validated_tables

        page_count, unplaced, blank_pages = model.page_count, model.unplaced, model.blank_pages
        del model  # its lines and words are freed before the fork below
        # The files' bytes depend on the tables only: a forked child builds them while this
        # process validates, and they are published only if validation passes.
        with FilesBuiltBeside(partial(output_files, tables)) as files:
            with stages.stage("validate"):
                tables = validated_tables(tables, page_count)
            with stages.stage("publish"), output_lock(out):
                publish(tables, out, files.result())
    return BuildResult(
        out=out,
        page_count=page_count,
        row_counts={name: len(table) for name, table in tables.items()},
        unplaced=unplaced,
        blank_pages=blank_pages,
        stage_seconds=stages.seconds,
    )


def qa(
    source: Path,
    out: Path,
    *,
    manifest: Path | None = None,
    max_pages: int | None = None,
    limits: ReadLimits | None = None,
    cache_dir: Path | None = None,
    on_stage: OnStage = lambda stage: None,
    on_page: OnProgress = lambda done, total: None,
    on_drawn: OnProgress = lambda done, total: None,
) -> QAResult:
    """Read `source` as build does and draw every site page with its boxes into `out`, from
    the same bytes. A wrong `out` is refused before any page is read."""
    from pipeline.outputs.qa import check_replaceable, write_qa
    from pipeline.outputs.target import normalised, unwritable_problem

    out = normalised(out)
    problem = unwritable_problem(out)
    if problem is not None:
        raise PublishError(problem)
    check_replaceable(out)
    limits = limits if limits is not None else ReadLimits(max_pages=max_pages)
    stages = _Stages(on_stage)
    snapshot = read_source(source, limits.max_document_bytes)
    with _libraries_left_out_of_collections():
        model, tables = _model_and_tables(
            snapshot,
            stages,
            manifest=manifest,
            limits=limits,
            cache_dir=cache_dir,
            on_page=on_page,
            refuse_unplaced=False,
        )
        release_freed_memory()  # the closed PDF's cycles, not kept while the pages are drawn
        with stages.stage("draw"):
            return write_qa(snapshot, out, model, tables, on_drawn=on_drawn)
