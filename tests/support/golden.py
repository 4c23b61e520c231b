"""The golden records (tests/golden/document_model.json) and a document model in their
shape, for the tests that hold an edition's model exact: the committed editions, and those
printed at test time."""

from __future__ import annotations

from pipeline.model import DocumentModel
from tests.support.inputs import golden_model

GOLDEN = golden_model()
# The transcript has straight quotes, the editions typographic ones.
STRAIGHT_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def fold_quotes(value: object) -> object:
    """Straight and typographic quotes compared alike: the transcript has straight ones."""
    if isinstance(value, str):
        return value.translate(STRAIGHT_QUOTES)
    if isinstance(value, list):
        return [fold_quotes(v) for v in value]
    if isinstance(value, dict):
        return {k: fold_quotes(v) for k, v in value.items()}
    return value


def model_records(model: DocumentModel, *, with_pages: bool = True) -> dict:
    """The model in the golden file's shape."""
    sites = []
    for site in model.sites:
        record = {
            "name": site.name.text if site.name else None,
            "region": site.region.text,
            "page_start": site.page_start,
            "page_end": site.page_end,
            "local_authorities": [e.text for e in site.local_authorities],
            "themes": [e.text for e in site.themes],
            "sections": [
                {
                    "heading": section.heading,
                    "items": [
                        {"text": item.text, "list_style": item.list_style} for item in section.items
                    ],
                }
                for section in site.sections
            ],
        }
        if not with_pages:
            del record["page_start"], record["page_end"]
        sites.append(record)
    records = {
        "title": model.title,
        "publisher": model.publisher,
        "page_count": model.page_count,
        "sites": sites,
    }
    return fold_quotes(records)


def golden(*, with_pages: bool = True) -> dict:
    """The golden records, with or without each site's pages."""
    expected = fold_quotes(GOLDEN)
    if not with_pages:
        for site in expected["sites"]:
            del site["page_start"], site["page_end"]
    return expected
