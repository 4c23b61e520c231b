"""Golden tests: the document model equals the records written by hand from the transcript,
on the committed PDF and on the same text typeset in other layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.model import DocumentModel
from pipeline.reference import load_reference
from pipeline.run import laid_out_document as extract
from pipeline.structure.sites import document_model
from tests.support.browser_edition import LAYOUTS as BROWSER_LAYOUTS
from tests.support.editions import FLOW_LAYOUTS, LAYOUTS, write_edition
from tests.support.golden import GOLDEN, golden, model_records
from tests.support.inputs import TWO_UP_EDITION, two_up
from tests.support.paths import COMMITTED_PDF
from tests.support.platypus_edition import RUNNING_HEAD_EDITION, write_running_head_edition
from tests.support.typst_edition import READ_EXACTLY as TYPST_LAYOUTS
from tests.support.weasyprint_edition import LAYOUTS as WEASYPRINT_LAYOUTS
from tests.support.writer_edition import WRITER_LAYOUTS

# The models are read with the reference data, as a build reads them.
REFERENCE = load_reference()


@pytest.fixture(scope="module")
def committed_model() -> DocumentModel:
    return document_model(extract(COMMITTED_PDF), reference=REFERENCE)


def test_committed_edition_equals_golden_records(committed_model: DocumentModel) -> None:
    assert model_records(committed_model) == golden()


def test_committed_edition_counts(committed_model: DocumentModel) -> None:
    sites = committed_model.sites
    items = [item for site in sites for section in site.sections for item in section.items]
    assert len(sites) == 17
    assert sum(len(site.local_authorities) for site in sites) == 39
    assert sum(len(site.themes) for site in sites) == 37
    assert len(items) == 80
    assert sum(item.list_style == "bullet" for item in items) == 74
    assert sum(item.list_style == "numbered" for item in items) == 6


def test_committed_edition_places_every_word(committed_model: DocumentModel) -> None:
    assert committed_model.unplaced == ()


def test_items_keep_page_and_box(committed_model: DocumentModel) -> None:
    tameside = committed_model.sites[0]
    first = tameside.sections[0].items[0]
    assert first.page == 3
    assert (round(first.bbox.x0, 1), round(first.bbox.top, 1)) == (272.0, 205.7)
    assert (round(first.bbox.x1, 1), round(first.bbox.bottom, 1)) == (528.3, 256.2)
    herts = committed_model.sites[7]
    assert [item.page for item in herts.sections[2].items] == [11] * 6


# Editions made by other programs, committed with the script that makes them.
COMMITTED_EDITIONS = {
    **{layout.name: layout.pdf_path for layout in WRITER_LAYOUTS},
    **{layout.name: layout.pdf_path for layout in BROWSER_LAYOUTS},
    **{layout.name: layout.pdf_path for layout in WEASYPRINT_LAYOUTS},
    **{layout.name: layout.pdf_path for layout in TYPST_LAYOUTS},
}


@pytest.fixture(
    scope="module",
    params=[*LAYOUTS, *FLOW_LAYOUTS, RUNNING_HEAD_EDITION, TWO_UP_EDITION, *COMMITTED_EDITIONS],
)
def typeset_edition(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    if request.param in COMMITTED_EDITIONS:
        return COMMITTED_EDITIONS[request.param]
    if request.param == TWO_UP_EDITION:
        return two_up(tmp_path_factory.mktemp("editions"))
    path = tmp_path_factory.mktemp("editions") / f"{request.param}.pdf"
    if request.param == RUNNING_HEAD_EDITION:
        write_running_head_edition(GOLDEN, path)
    else:
        write_edition(GOLDEN, request.param, path)
    return path


def test_other_layouts_equal_golden_records(typeset_edition: Path) -> None:
    typeset_model = document_model(extract(typeset_edition), reference=REFERENCE)
    records = model_records(typeset_model, with_pages=False)
    expected = golden(with_pages=False)
    del records["page_count"], expected["page_count"]
    assert records == expected
    assert typeset_model.unplaced == ()
