"""One build: source PDF -> validated tables -> published folder, or nothing at all.

Each stage is a pure function; this module only runs them in order, times them
and holds the lock that keeps two builds from writing one folder.
"""

from __future__ import annotations

import fcntl
import importlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cache import LayoutCache
from pipeline.errors import PipelineError, PublishError
from pipeline.extract import extract
from pipeline.model import UnplacedWord
from pipeline.source import check_manifest, file_sha256

if TYPE_CHECKING:  # imported while the pages are parsed, not at start-up
    from pipeline.reference import ReferenceData

DEFAULT_MAX_PAGES = 2000
# The stages after extraction, with pandas, pandera and pyarrow (half a second of CPU):
# imported while worker processes parse the pages, not before, so that the two overlap.
LATER_STAGES = (
    "pipeline.structure",
    "pipeline.normalise",
    "pipeline.validate",
    "pipeline.publish",
)


class _LaterStages:
    """What the stages after extraction load, loaded while the pages are parsed rather than
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
        from pipeline.registry import table_registry

        table_registry()
        try:
            self._reference = reference.load_reference()
        except PipelineError as exc:
            self._error = exc

    def reference(self) -> ReferenceData:
        """The reference data read while the pages were parsed, or the error reading gave."""
        if self._error is not None:
            raise self._error
        assert self._reference is not None, "prepare() runs before the later stages"
        return self._reference


@dataclass(frozen=True)
class BuildResult:
    out: Path
    page_count: int
    row_counts: dict[str, int]
    unplaced: tuple[UnplacedWord, ...]
    stage_seconds: dict[str, float] = field(default_factory=dict)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """An exclusive lock beside the output folder: a second build fails at once, clearly."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise PublishError(
                f"{out}: another build ({holder}) is writing this folder; wait for it to "
                "finish, then build again"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def build(
    source: Path,
    out: Path,
    *,
    manifest: Path | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    cache_dir: Path | None = None,
    on_stage: Callable[[str], None] = lambda stage: None,
    on_page: Callable[[int, int], None] = lambda done, total: None,
) -> BuildResult:
    """Run every stage; with `cache_dir`, the pages read from this PDF are kept there and
    reused (pipeline.cache), so a rebuild after a change to a later stage skips parsing."""
    seconds: dict[str, float] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        on_stage(name)
        start = time.perf_counter()
        yield
        seconds[name] = time.perf_counter() - start

    with stage("check"):
        sha256 = file_sha256(source)
        if manifest is not None:
            check_manifest(source, sha256, manifest)
    later_stages = _LaterStages()
    with stage("extract"):
        cache = LayoutCache(cache_dir, sha256) if cache_dir is not None else None
        extracted = extract(
            source,
            max_pages=max_pages,
            cache=cache,
            meanwhile=later_stages.prepare,
            on_page=on_page,
        )
    # Loaded already, by later_stages.prepare while the pages were being parsed.
    from pipeline.normalise import SourceFile, tables_from_model
    from pipeline.publish import publish
    from pipeline.structure import document_model
    from pipeline.validate import validated_tables

    with stage("structure"):
        model = document_model(extracted)
    with stage("normalise"):
        source_file = SourceFile(source.name, sha256, source.stat().st_size)
        tables = tables_from_model(model, source_file, later_stages.reference())
    with stage("validate"):
        tables = validated_tables(tables, model.page_count)
    with stage("publish"), output_lock(out):
        publish(tables, out)
    return BuildResult(
        out=out,
        page_count=model.page_count,
        row_counts={name: len(table) for name, table in tables.items()},
        unplaced=model.unplaced,
        stage_seconds=seconds,
    )
