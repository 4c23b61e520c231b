"""A small hand-built document model and reference folder, and the tables they make.

Normalise, validate, publish and the Parquet readers are tested on these: small enough to
read whole, with the cases that matter (a site with no printed name, numbered items, a
printed name variant, typographic quotes, a site over two pages, a section heading that is a
printed theme, one the heading crosswalk links and one it leaves unlinked).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from pipeline.model import BBox, DocumentModel, Entry, Item, Section, Site
from pipeline.reference import load_reference
from pipeline.tables.normalise import SourceFile, tables_from_model

REFERENCE_ROWS: dict[str, list[tuple[str, ...]]] = {
    "regions.csv": [
        ("region_code", "region_name"),
        ("E12000001", "North East"),
        ("E12000003", "Yorkshire and The Humber"),
        ("E12000005", "West Midlands"),
    ],
    "region_names.csv": [("printed_name", "region_code"), ("Yorkshire and Humber", "E12000003")],
    "local_authorities.csv": [
        ("la_code", "la_name_ons", "la_type", "region_code", "code_vintage"),
        ("E06000010", "Kingston upon Hull, City of", "unitary authority", "E12000003", "May 2025"),
        ("E06000014", "York", "unitary authority", "E12000003", "May 2025"),
        ("E06000021", "Stoke-on-Trent", "unitary authority", "E12000005", "May 2025"),
        ("E08000021", "Newcastle upon Tyne", "metropolitan district", "E12000001", "May 2025"),
        ("E08000037", "Gateshead", "metropolitan district", "E12000001", "May 2025"),
        ("E10000028", "Staffordshire", "non-metropolitan county", "E12000005", "May 2025"),
    ],
    "la_name_variants.csv": [
        ("printed_name", "la_code"),
        ("Kingston upon Hull", "E06000010"),
        ("Stoke on Trent", "E06000021"),
    ],
    "themes.csv": [
        ("theme_id", "theme_label", "description"),
        ("alternative-structural-model", "Alternative structural model", "A new structure."),
        ("engagement-with-schools", "Engagement with schools", "Schools as partners."),
        ("independent-scrutiny", "Independent scrutiny", "Scrutiny from outside."),
        ("voice-of-the-child", "Voice of the child", "Children heard."),
    ],
    "theme_crosswalk.csv": [
        ("theme_published", "theme_id"),
        ("Alternative structural model", "alternative-structural-model"),
        ("Children's voice", "voice-of-the-child"),
        ("Engagement with school", "engagement-with-schools"),
        ("Engagement with schools", "engagement-with-schools"),
    ],
    "heading_crosswalk.csv": [
        ("section_heading", "theme_id"),
        ("Schools", ""),  # reviewed: links to no theme
        ("Voice of the child", "voice-of-the-child"),
    ],
}


def write_reference(folder: Path, changes: dict[str, list[tuple[str, ...]]] | None = None) -> Path:
    """The sample reference folder, with some files' rows replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, rows in (REFERENCE_ROWS | (changes or {})).items():
        with (folder / file_name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return BBox(x0, top, x1, bottom)


def entry(text: str, page: int, top: float = 100.0) -> Entry:
    return Entry(text, page, box(40.0, top, 200.0, top + 12.0))


NORTH_EAST = Site(
    name=None,
    region=entry("North East", 3, 20.0),
    page_start=3,
    page_end=4,
    local_authorities=(entry("Gateshead", 3, 60.0), entry("Newcastle upon Tyne", 3, 72.0)),
    themes=(entry("Alternative structural model", 3, 150.0),),
    sections=(
        Section(
            heading="Alternative structural model",
            page=3,
            bbox=box(272.0, 140.0, 540.0, 152.0),
            items=(
                Item(
                    "A strategic forum across 6 authorities.",
                    "bullet",
                    3,
                    box(272.0, 160.0, 539.456, 196.5),
                ),
                Item("Aligned arrangements.", "bullet", 4, box(272.0, 60.0, 400.0, 72.0)),
            ),
        ),
    ),
)

YORKSHIRE = Site(
    name=entry("York’s Partnership", 5, 40.0),
    region=entry("Yorkshire and Humber", 5, 20.0),
    page_start=5,
    page_end=5,
    local_authorities=(entry("York", 5, 60.0), entry("Kingston  upon Hull", 5, 72.0)),
    themes=(
        entry("Children’s voice", 5, 150.0),
        entry("Engagement with school", 5, 162.0),
    ),
    sections=(
        Section(
            heading="Voice of the child",
            page=5,
            bbox=box(272.0, 140.0, 540.0, 152.0),
            items=(
                Item("A youth panel.", "numbered", 5, box(272.004, 160.125, 500.0, 172.0)),
                Item("A young inspectors’ scheme.", "numbered", 5, box(272.0, 180.0, 510.5, 192.0)),
            ),
        ),
        Section(
            heading="Schools",
            page=5,
            bbox=box(272.0, 200.0, 540.0, 212.0),
            items=(Item("Every school engaged.", "bullet", 5, box(272.0, 220.0, 480.0, 232.0)),),
        ),
    ),
)

MODEL = DocumentModel(
    title="Safeguarding Early Adopters",
    publisher="National Children’s Bureau",
    page_count=6,
    sites=(NORTH_EAST, YORKSHIRE),
)

SOURCE = SourceFile(
    "NCB Safeguarding Early-Adopters (v2).pdf",
    "0123456789abcdef" * 4,
    158053,
    published="2018-06-29",
    source_url="https://example.org/safeguarding-early-adopters.pdf",
)

NE_ID = "gateshead-newcastle-upon-tyne"
YORK_ID = "yorks-partnership"


def sample_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The tables of the sample model, with the sample reference written into folder."""
    return tables_from_model(MODEL, SOURCE, load_reference(write_reference(folder)))
