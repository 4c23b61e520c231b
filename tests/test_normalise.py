"""Normalise and the reference loader, on a small hand-built document model and reference folder.

The sample model and reference files are in tests/support/samples.py.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from pipeline.errors import ReferenceDataError, ValidationError
from pipeline.metadata.registry import table_registry
from pipeline.model import Section, Site
from pipeline.reference import load_reference, match_key
from pipeline.tables.normalise import slug, tables_from_model
from tests.support.paths import ROOT
from tests.support.samples import (
    MODEL,
    NE_ID,
    NORTH_EAST,
    REFERENCE_ROWS,
    SOURCE,
    YORK_ID,
    YORKSHIRE,
    box,
    entry,
    write_reference,
)

REPO = ROOT


@pytest.fixture
def reference_dir(tmp_path: Path) -> Path:
    return write_reference(tmp_path / "reference")


@pytest.fixture
def tables(reference_dir: Path) -> dict[str, pd.DataFrame]:
    return tables_from_model(MODEL, SOURCE, load_reference(reference_dir))


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows as dicts, a missing value as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


# --- tables ---------------------------------------------------------------------


def test_every_registry_table_is_produced_in_registry_order(tables: dict[str, pd.DataFrame]):
    assert list(tables) == [
        "documents",
        "sites",
        "local_authorities",
        "site_themes",
        "themes",
        "approaches",
        "regions",
    ]
    for table in table_registry().tables:
        assert list(tables[table.name].columns) == table.column_names
        assert {name: str(dtype) for name, dtype in tables[table.name].dtypes.items()} == {
            column.name: column.pandas_dtype for column in table.columns
        }


def test_documents(tables: dict[str, pd.DataFrame]):
    assert records(tables["documents"]) == [
        {
            "document_id": "ncb-safeguarding-early-adopters-v2",
            "title": "Safeguarding Early Adopters",
            "publisher": "National Children’s Bureau",
            "source_file": "NCB Safeguarding Early-Adopters (v2).pdf",
            "sha256": "0123456789abcdef" * 4,
            "page_count": 6,
            "source_bytes": 158053,
            "published": "2018-06-29",
            "source_url": "https://example.org/safeguarding-early-adopters.pdf",
        }
    ]


def test_a_document_without_publisher_has_a_missing_value(reference_dir: Path):
    model = replace(MODEL, publisher=None)
    documents = tables_from_model(model, SOURCE, load_reference(reference_dir))["documents"]
    assert math.isnan(documents.loc[0, "publisher"])


def test_sites(tables: dict[str, pd.DataFrame]):
    document_id = "ncb-safeguarding-early-adopters-v2"
    assert records(tables["sites"]) == [
        {
            "site_id": NE_ID,
            "site_name": "Gateshead, Newcastle upon Tyne",
            "region": "North East",
            "region_code": "E12000001",
            "page_start": 3,
            "page_end": 4,
            "n_local_authorities": 2,
            "document_id": document_id,
        },
        {
            "site_id": YORK_ID,
            "site_name": "York’s Partnership",
            "region": "Yorkshire and The Humber",
            "region_code": "E12000003",
            "page_start": 5,
            "page_end": 5,
            "n_local_authorities": 2,
            "document_id": document_id,
        },
    ]


def test_local_authorities(tables: dict[str, pd.DataFrame]):
    assert records(tables["local_authorities"]) == [
        {
            "site_id": NE_ID,
            "la_order": 1,
            "la_name": "Gateshead",
            "la_name_ons": "Gateshead",
            "la_code": "E08000037",
            "la_type": "metropolitan district",
            "code_vintage": "May 2025",
        },
        {
            "site_id": NE_ID,
            "la_order": 2,
            "la_name": "Newcastle upon Tyne",
            "la_name_ons": "Newcastle upon Tyne",
            "la_code": "E08000021",
            "la_type": "metropolitan district",
            "code_vintage": "May 2025",
        },
        {
            "site_id": YORK_ID,
            "la_order": 1,
            "la_name": "York",
            "la_name_ons": "York",
            "la_code": "E06000014",
            "la_type": "unitary authority",
            "code_vintage": "May 2025",
        },
        {
            "site_id": YORK_ID,
            "la_order": 2,
            "la_name": "Kingston upon Hull",
            "la_name_ons": "Kingston upon Hull, City of",
            "la_code": "E06000010",
            "la_type": "unitary authority",
            "code_vintage": "May 2025",
        },
    ]


def test_site_themes(tables: dict[str, pd.DataFrame]):
    assert records(tables["site_themes"]) == [
        {
            "site_id": NE_ID,
            "theme_order": 1,
            "theme_published": "Alternative structural model",
            "theme_id": "alternative-structural-model",
        },
        {
            "site_id": YORK_ID,
            "theme_order": 1,
            "theme_published": "Children’s voice",
            "theme_id": "voice-of-the-child",
        },
        {
            "site_id": YORK_ID,
            "theme_order": 2,
            "theme_published": "Engagement with school",
            "theme_id": "engagement-with-schools",
        },
    ]


def test_approaches_keep_page_and_box_rounded_to_two_decimals_and_their_theme(
    tables: dict[str, pd.DataFrame],
):
    """A heading that is one of the site's printed themes takes its theme (printed-theme);
    one that is not takes the theme the heading crosswalk names (crosswalk), or none
    where the crosswalk names none or does not list it."""

    def row(site_id, section, heading, item, text, style, page, x0, top, x1, bottom, theme, link):
        return {
            "approach_id": f"{site_id}-s{section}-i{item}",
            "site_id": site_id,
            "section_order": section,
            "section_heading": heading,
            "item_order": item,
            "item_text": text,
            "list_style": style,
            "page": page,
            "x0": x0,
            "top": top,
            "x1": x1,
            "bottom": bottom,
            "theme_id": theme,
            "theme_link": link,
        }

    structural = "Alternative structural model"
    printed = ("alternative-structural-model", "printed-theme")
    voice = ("voice-of-the-child", "crosswalk")
    assert records(tables["approaches"]) == [
        row(NE_ID, 1, structural, 1, "A strategic forum across 6 authorities.", "bullet", 3,
            272.0, 160.0, 539.46, 196.5, *printed),
        row(NE_ID, 1, structural, 2, "Aligned arrangements.", "bullet", 4,
            272.0, 60.0, 400.0, 72.0, *printed),
        row(YORK_ID, 1, "Voice of the child", 1, "A youth panel.", "numbered", 5,
            272.0, 160.12, 500.0, 172.0, *voice),
        row(YORK_ID, 1, "Voice of the child", 2, "A young inspectors’ scheme.", "numbered", 5,
            272.0, 180.0, 510.5, 192.0, *voice),
        row(YORK_ID, 2, "Schools", 1, "Every school engaged.", "bullet", 5,
            272.0, 220.0, 480.0, 232.0, None, None),
    ]  # fmt: skip


def test_a_printed_theme_wins_over_the_heading_crosswalk_and_an_unlisted_heading_links_nothing(
    reference_dir: Path,
):
    """The site's own printed theme decides first, matched as names are (whitespace and
    apostrophe style aside); a heading the crosswalk does not list is left unlinked."""
    sections = (
        Section(
            "Engagement  with school",
            5,
            box(272.0, 140.0, 540.0, 152.0),
            YORKSHIRE.sections[0].items,
        ),
        Section(
            "Voice of the child", 5, box(272.0, 200.0, 540.0, 212.0), YORKSHIRE.sections[1].items
        ),
        Section("Our plans", 5, box(272.0, 240.0, 540.0, 252.0), YORKSHIRE.sections[1].items),
    )
    themes = (entry("Children’s voice", 5, 150.0), entry("Engagement with school", 5, 162.0))
    model = replace(MODEL, sites=(replace(YORKSHIRE, sections=sections, themes=themes),))
    approaches = tables_from_model(model, SOURCE, load_reference(reference_dir))["approaches"]
    assert [
        (row["section_order"], row["theme_id"], row["theme_link"])
        for row in records(approaches.drop_duplicates("section_order"))
    ] == [
        (1, "engagement-with-schools", "printed-theme"),
        (2, "voice-of-the-child", "crosswalk"),
        (3, None, None),
    ]


def test_themes_and_regions_are_the_whole_vocabulary(tables: dict[str, pd.DataFrame]):
    assert records(tables["themes"]) == [
        {"theme_id": theme_id, "theme_label": label, "description": description}
        for theme_id, label, description in REFERENCE_ROWS["themes.csv"][1:]
    ]
    assert records(tables["regions"]) == [
        {"region_code": "E12000001", "region_name": "North East"},
        {"region_code": "E12000003", "region_name": "Yorkshire and The Humber"},
        {"region_code": "E12000005", "region_name": "West Midlands"},
    ]


def test_rows_come_out_in_registry_order_whatever_the_printed_order(reference_dir: Path):
    reversed_model = replace(MODEL, sites=(YORKSHIRE, NORTH_EAST))
    reversed_tables = tables_from_model(reversed_model, SOURCE, load_reference(reference_dir))
    original = tables_from_model(MODEL, SOURCE, load_reference(reference_dir))
    for name, frame in original.items():
        pd.testing.assert_frame_equal(reversed_tables[name], frame)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stoke on Trent, Staffordshire", "stoke-on-trent-staffordshire"),
        ("Stoke-on-Trent,  Staffordshire", "stoke-on-trent-staffordshire"),
        ("Children’s Bureau", "childrens-bureau"),
        ("Children's Bureau", "childrens-bureau"),
        ("Dudley, Sandwell & Walsall", "dudley-sandwell-walsall"),
        ("  Bexley – Greenwich ", "bexley-greenwich"),
        ("Südwest Région", "sudwest-region"),
        ("ncb-safeguarding-early-adopters-overview", "ncb-safeguarding-early-adopters-overview"),
    ],
)
def test_slug(text: str, expected: str):
    assert slug(text) == expected


# --- unknown values -------------------------------------------------------------


def test_unknown_region_names_the_value_page_site_and_file(reference_dir: Path):
    site = replace(YORKSHIRE, region=entry("Yorkshire & Humber", 5))
    model = replace(MODEL, sites=(NORTH_EAST, site))
    with pytest.raises(ReferenceDataError) as raised:
        tables_from_model(model, SOURCE, load_reference(reference_dir))
    assert raised.value.message == (
        'unknown region "Yorkshire & Humber" (page 5, site "York’s Partnership"): add it to '
        f"{reference_dir}/region_names.csv (printed_name,region_code) if it is a spelling of "
        "an English region, or to regions.csv"
    )


def test_unknown_authority_message_names_the_shipped_reference_files(monkeypatch):
    monkeypatch.chdir(REPO)
    site = Site(
        name=entry("Stoke on Trent, Staffordshire", 14),
        region=entry("West Midlands", 14),
        page_start=14,
        page_end=14,
        local_authorities=(entry("Stokeon Trent", 14), entry("Staffordshire", 14)),
        themes=(entry("Engagement with schools", 14),),
        sections=YORKSHIRE.sections,
    )
    model = replace(MODEL, page_count=21, sites=(site,))
    with pytest.raises(ReferenceDataError) as raised:
        tables_from_model(model, SOURCE, load_reference())
    assert raised.value.message == (
        'unknown local authority "Stokeon Trent" (page 14, site "Stoke on Trent, Staffordshire"): '
        "add it to pipeline/reference/la_name_variants.csv (printed_name,la_code) if it is a "
        "spelling of a known authority, or to local_authorities.csv"
    )


def test_unknown_theme_names_the_crosswalk(reference_dir: Path):
    site = replace(NORTH_EAST, themes=(entry("Alternative structural models", 3),))
    model = replace(MODEL, sites=(site, YORKSHIRE))
    with pytest.raises(ReferenceDataError) as raised:
        tables_from_model(model, SOURCE, load_reference(reference_dir))
    assert raised.value.message == (
        'unknown theme "Alternative structural models" (page 3, site "Gateshead, Newcastle upon '
        f'Tyne"): add it to {reference_dir}/theme_crosswalk.csv (theme_published,theme_id), '
        "with a theme_id from themes.csv, or a new theme added there first"
    )


def test_every_unknown_value_is_reported_once_in_one_error(reference_dir: Path):
    north_east = replace(
        NORTH_EAST,
        region=entry("North-East", 3),
        local_authorities=(entry("Gateshed", 3), entry("Newcastle", 3), entry("Gateshed", 3)),
    )
    yorkshire = replace(YORKSHIRE, themes=(entry("Voice of children", 5),))
    model = replace(MODEL, sites=(north_east, yorkshire))
    with pytest.raises(ReferenceDataError) as raised:
        tables_from_model(model, SOURCE, load_reference(reference_dir))
    lines = raised.value.message.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        'unknown region "North-East" (page 3, site "Gateshed, Newcastle, Gateshed")',
        'unknown local authority "Gateshed" (page 3, site "Gateshed, Newcastle, Gateshed")',
        'unknown local authority "Newcastle" (page 3, site "Gateshed, Newcastle, Gateshed")',
        'unknown theme "Voice of children" (page 5, site "York’s Partnership")',
    ]


def test_an_authority_outside_the_site_region_is_refused(reference_dir: Path):
    site = replace(NORTH_EAST, local_authorities=(entry("Gateshead", 3), entry("York", 3, 80.0)))
    model = replace(MODEL, sites=(site, YORKSHIRE))
    with pytest.raises(ReferenceDataError) as raised:
        tables_from_model(model, SOURCE, load_reference(reference_dir))
    assert raised.value.message == (
        'local authority "York" (page 3, site "Gateshead, York") reads as York (E06000014) in '
        "Yorkshire and The Humber, but the site is printed under North East: check the "
        f"spelling's row in {reference_dir}/la_name_variants.csv and the authority's "
        "region_code in local_authorities.csv"
    )


def test_two_sites_with_one_slug_stop_the_build_naming_both_pages(reference_dir: Path):
    continued = replace(YORKSHIRE, name=entry("Yorks Partnership", 6), page_start=6, page_end=6)
    model = replace(MODEL, sites=(NORTH_EAST, YORKSHIRE, continued))
    with pytest.raises(ValidationError) as raised:
        tables_from_model(model, SOURCE, load_reference(reference_dir))
    assert raised.value.message == (
        'site_id "yorks-partnership" is shared by "York’s Partnership" (page 5) and '
        '"Yorks Partnership" (page 6): a site printed over several pages must be one site in '
        "the document model, and two different sites need printed names that differ in more "
        "than punctuation"
    )


# --- the reference loader -------------------------------------------------------


def test_names_match_across_whitespace_apostrophe_style_and_case(reference_dir: Path):
    """A banner or heading set in capitals (CSS text-transform, a caps style) names what
    it names in any case; the published name is the reference's."""
    reference = load_reference(reference_dir)
    assert match_key(" Children’s\u00a0 voice ") == "children's voice"
    assert reference.theme("Children’s   voice").theme_id == "voice-of-the-child"
    assert reference.theme("CHILDREN'S VOICE").theme_id == "voice-of-the-child"
    assert reference.region("YORKSHIRE AND HUMBER").name == "Yorkshire and The Humber"
    assert reference.local_authority("STOKE ON TRENT").name_ons == "Stoke-on-Trent"
    assert reference.theme("Children’s choice") is None
    assert reference.local_authority("Stoke on Trent").name_ons == "Stoke-on-Trent"
    assert reference.local_authority("Stoke-on-Trent").code == "E06000021"
    assert reference.region("Yorkshire  and Humber").code == "E12000003"


def test_a_region_printed_in_capitals_is_published_as_the_reference_names_it(
    reference_dir: Path,
):
    capitals = replace(MODEL.sites[0], region=entry("NORTH EAST", 3))
    model = replace(MODEL, sites=(capitals, *MODEL.sites[1:]))
    sites = tables_from_model(model, SOURCE, load_reference(reference_dir))["sites"]
    assert sites[["region", "region_code"]].values.tolist() == [
        ["North East", "E12000001"],
        ["Yorkshire and The Humber", "E12000003"],
    ]


def test_the_shipped_reference_folder_loads():
    reference = load_reference()
    assert len(reference.regions) == 9
    assert reference.region("Yorkshire and Humber").name == "Yorkshire and The Humber"
    assert reference.local_authority("Stoke on Trent").code == "E06000021"


def test_broken_reference_files_are_each_reported(tmp_path: Path):
    folder = write_reference(
        tmp_path,
        {
            "region_names.csv": [("printed_name", "region_code"), ("Yorkshire", "E12000099")],
            "la_name_variants.csv": [
                ("printed_name", "la_code"),
                ("Gateshead", "E08000021"),
                ("Stoke", ""),
            ],
            "theme_crosswalk.csv": [("theme_published", "theme")],
        },
    )
    (folder / "themes.csv").unlink()
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(folder)
    assert raised.value.message.splitlines() == [
        f"{folder}/la_name_variants.csv line 3: empty la_code",
        f"missing reference file {folder}/themes.csv (columns theme_id,theme_label,description)",
        f"{folder}/theme_crosswalk.csv: no column theme_id in the header "
        "(it needs theme_published,theme_id)",
        f"{folder}/region_names.csv line 2: region_code E12000099 is not in regions.csv",
        f'{folder}/la_name_variants.csv line 2: authority name "Gateshead" is listed twice '
        "with different values",
        f"{folder}/heading_crosswalk.csv line 3: theme_id voice-of-the-child is not in themes.csv",
    ]
