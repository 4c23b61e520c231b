"""The orchestrator: the only place that orders the stages.

    read (PDF -> pages) -> layout (lines) -> structure (document model)
        -> tables (normalise, validate) -> outputs (publish, QA pages)

Each stage is a function of the one before; this module runs them in order, times them,
and holds the lock that keeps two builds from writing one folder. `build` publishes the
tables; `qa` draws the same model and tables over the pages.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import PipelineError
from pipeline.io.lock import output_lock
from pipeline.layout.document import ExtractedDocument, extracted_document, parsed_page
from pipeline.model import DocumentModel, UnplacedWord
from pipeline.read.cache import LayoutCache
from pipeline.read.document import read_document
from pipeline.read.source import check_manifest, file_sha256

if TYPE_CHECKING:  # imported while the pages are parsed, not at start-up
    import pandas as pd

    from pipeline.outputs.qa import QAResult
    from pipeline.reference import ReferenceData

DEFAULT_MAX_PAGES = 2000
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
    after: their libraries (about 0.4 s of CPU), the table registry and the reference data
    (about 0.02 s). A reference-data error is kept and raised by the normalise stage, where
    a build reports it, so that a bad PDF is still reported first."""

    def __init__(self) -> None:
        self._reference: ReferenceData | None = None
        self._error: PipelineError | None = None

    def prepare(self) -> None:
        for name in LATER_STAGES:
            importlib.import_module(name)
        from pipeline import reference
        from pipeline.metadata.registry import table_registry

        table_registry()
        try:
            self._reference = reference.load_reference()
        except PipelineError as exc:
            self._error = exc

    def reference(self) -> ReferenceData:
        """The reference data read while the pages were parsed, or the error reading gave."""
        if self._error is not None:
            raise self._error
        if self._reference is None:
            raise RuntimeError("the later stages were not prepared before normalising")
        return self._reference


@dataclass(frozen=True)
class BuildResult:
    out: Path
    page_count: int
    row_counts: dict[str, int]
    unplaced: tuple[UnplacedWord, ...]
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
    source: Path,
    *,
    max_pages: int | None = None,
    cache: LayoutCache | None = None,
    jobs: int | None = None,
    meanwhile: Callable[[], object] = lambda: None,
    on_page: OnProgress = lambda done, total: None,
) -> ExtractedDocument:
    """The document's lines: every page read (from the cache, or parsed on every core) and
    laid out where it was parsed, then checked against the whole document."""
    document = read_document(
        source,
        parsed_page,
        max_pages=max_pages,
        cache=cache,
        jobs=jobs,
        meanwhile=meanwhile,
        on_page=on_page,
    )
    return extracted_document(document.pages, document.title, document.author)


def _model_and_tables(
    source: Path,
    stages: _Stages,
    *,
    manifest: Path | None,
    max_pages: int | None,
    cache_dir: Path | None,
    on_page: OnProgress,
) -> tuple[DocumentModel, dict[str, pd.DataFrame]]:
    """The stages that build and qa share: check, read and lay out, structure, normalise."""
    with stages.stage("check"):
        sha256 = file_sha256(source)
        edition = check_manifest(source, sha256, manifest) if manifest is not None else None
    later_stages = _LaterStages()
    with stages.stage("extract"):
        cache = LayoutCache(cache_dir, sha256) if cache_dir is not None else None
        extracted = laid_out_document(
            source,
            max_pages=max_pages,
            cache=cache,
            meanwhile=later_stages.prepare,
            on_page=on_page,
        )
    # Loaded already, by later_stages.prepare while the pages were being parsed.
    from pipeline.structure.sites import document_model
    from pipeline.tables.normalise import SourceFile, tables_from_model

    with stages.stage("structure"):
        model = document_model(extracted)
    with stages.stage("normalise"):
        source_file = SourceFile(
            source.name,
            sha256,
            source.stat().st_size,
            published=edition.published if edition else None,
            source_url=edition.source_url if edition else None,
        )
        tables = tables_from_model(model, source_file, later_stages.reference())
    return model, tables


def build(
    source: Path,
    out: Path,
    *,
    manifest: Path | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    cache_dir: Path | None = None,
    on_stage: OnStage = lambda stage: None,
    on_page: OnProgress = lambda done, total: None,
) -> BuildResult:
    """Run every stage and publish into `out`; with `cache_dir`, the pages read from this
    PDF are kept there and reused (pipeline.read.cache), so a rebuild after a change to a
    later stage skips parsing."""
    stages = _Stages(on_stage)
    model, tables = _model_and_tables(
        source,
        stages,
        manifest=manifest,
        max_pages=max_pages,
        cache_dir=cache_dir,
        on_page=on_page,
    )
    from pipeline.outputs.publish import publish
    from pipeline.tables.validate import validated_tables

    with stages.stage("validate"):
        tables = validated_tables(tables, model.page_count)
    with stages.stage("publish"), output_lock(out):
        publish(tables, out)
    return BuildResult(
        out=out,
        page_count=model.page_count,
        row_counts={name: len(table) for name, table in tables.items()},
        unplaced=model.unplaced,
        stage_seconds=stages.seconds,
    )


def qa(
    source: Path,
    out: Path,
    *,
    manifest: Path | None = None,
    max_pages: int | None = None,
    cache_dir: Path | None = None,
    on_stage: OnStage = lambda stage: None,
    on_page: OnProgress = lambda done, total: None,
    on_drawn: OnProgress = lambda done, total: None,
) -> QAResult:
    """Read `source` as build does and draw every site page with its boxes into `out`.
    A wrong `out` is refused before any page is read."""
    from pipeline.outputs.qa import check_replaceable, write_qa

    check_replaceable(out.absolute())
    stages = _Stages(on_stage)
    model, tables = _model_and_tables(
        source,
        stages,
        manifest=manifest,
        max_pages=max_pages,
        cache_dir=cache_dir,
        on_page=on_page,
    )
    with stages.stage("draw"):
        return write_qa(source, out, model, tables, on_drawn=on_drawn)
