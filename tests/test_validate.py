"""Validation: the sample tables pass; tables corrupted on purpose fail with the exact report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.errors import ValidationError
from pipeline.metadata.registry import REGISTRY_PATH, table_registry
from pipeline.tables.validate import validated_tables
from tests.support.samples import MODEL, NE_ID, YORK_ID, sample_tables

PAGE_COUNT = MODEL.page_count
WHAT_TO_DO = (
    "nothing was published. Each line is table.column: check: value (row): fix the parser or "
    "the reference data that produced it."
)


@pytest.fixture
def tables(tmp_path: Path) -> dict[str, pd.DataFrame]:
    return sample_tables(tmp_path / "reference")


def report_of(tables: dict[str, pd.DataFrame], page_count: int = PAGE_COUNT) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        validated_tables(tables, page_count)
    return raised.value.message.splitlines()


def test_the_sample_tables_pass_unchanged(tables: dict[str, pd.DataFrame]):
    validated = validated_tables(tables, PAGE_COUNT)
    assert list(validated) == list(tables)
    assert all(validated[name] is tables[name] for name in tables)


def test_duplicate_site_id_is_reported_with_every_row_it_orphans(tables):
    tables["sites"].loc[1, "site_id"] = NE_ID
    assert report_of(tables) == [
        f"9 validation failures in approaches (3), local_authorities (2), site_themes (2), "
        f"sites (2); {WHAT_TO_DO}",
        f'approaches.site_id: foreign key to sites.site_id: "{YORK_ID}" (row 2)',
        f'approaches.site_id: foreign key to sites.site_id: "{YORK_ID}" (row 3)',
        f'approaches.site_id: foreign key to sites.site_id: "{YORK_ID}" (row 4)',
        f'local_authorities.site_id: foreign key to sites.site_id: "{YORK_ID}" (row 2)',
        f'local_authorities.site_id: foreign key to sites.site_id: "{YORK_ID}" (row 3)',
        f'site_themes.site_id: foreign key to sites.site_id: "{YORK_ID}" (row 1)',
        f'site_themes.site_id: foreign key to sites.site_id: "{YORK_ID}" (row 2)',
        f'sites.site_id: field_uniqueness: "{NE_ID}" (row 0)',
        f'sites.site_id: field_uniqueness: "{NE_ID}" (row 1)',
    ]


def test_dangling_theme_id(tables):
    tables["site_themes"].loc[2, "theme_id"] = "engagement-with-school"
    assert report_of(tables) == [
        f"1 validation failure in site_themes (1); {WHAT_TO_DO}",
        'site_themes.theme_id: foreign key to themes.theme_id: "engagement-with-school" (row 2)',
    ]


def test_region_name_that_does_not_belong_to_its_code(tables):
    tables["sites"].loc[0, "region"] = "Yorkshire and The Humber"
    assert report_of(tables)[1:] == [
        "sites.region_code,region: foreign key to regions.region_code,region_name: "
        '"E12000001", "Yorkshire and The Humber" (row 0)'
    ]


def test_n_local_authorities_off_by_one(tables):
    tables["sites"].loc[1, "n_local_authorities"] = 3
    assert report_of(tables)[1:] == [
        "sites.n_local_authorities: equals its rows in local_authorities (2): 3 (row 1)"
    ]


def test_page_end_before_page_start_also_puts_the_items_outside_the_site(tables):
    tables["sites"].loc[0, "page_end"] = 2
    assert report_of(tables) == [
        f"3 validation failures in approaches (2), sites (1); {WHAT_TO_DO}",
        "approaches.page: within its site's pages (3-2): 3 (row 0)",
        "approaches.page: within its site's pages (3-2): 4 (row 1)",
        "sites.page_end: not before page_start (3): 2 (row 0)",
    ]


def test_a_page_beyond_the_pdf(tables):
    tables["approaches"].loc[4, "page"] = 7
    assert report_of(tables)[1:] == [
        "approaches.page: a page of the PDF (1-6): 7 (row 4)",
        "approaches.page: within its site's pages (5-5): 7 (row 4)",
    ]


@pytest.mark.parametrize(
    ("table", "column", "value", "line"),
    [
        (
            "local_authorities",
            "la_code",
            "E07000123",
            'local_authorities.la_code: matches E(06|08|09|10)[0-9]{6}: "E07000123" (row 1)',
        ),
        (
            "local_authorities",
            "la_code",
            "E080000370",
            'local_authorities.la_code: matches E(06|08|09|10)[0-9]{6}: "E080000370" (row 1)',
        ),
        (
            "approaches",
            "list_style",
            "dash",
            'approaches.list_style: one of bullet, numbered: "dash" (row 1)',
        ),
        (
            "local_authorities",
            "la_type",
            "district",
            "local_authorities.la_type: one of London borough, metropolitan district, "
            'non-metropolitan county, unitary authority: "district" (row 1)',
        ),
        (
            "approaches",
            "item_text",
            "Aligned  arrangements.",
            'approaches.item_text: whitespace collapsed: "Aligned  arrangements." (row 1)',
        ),
        (
            "themes",
            "description",
            "",
            'themes.description: not empty: "" (row 1)',
        ),
        (
            "documents",
            "sha256",
            "ABCDEF",
            'documents.sha256: matches [0-9a-f]{64}: "ABCDEF" (row 0)',
        ),
    ],
)
def test_a_value_outside_its_column_rule(tables, table, column, value, line):
    row = 0 if table == "documents" else 1
    tables[table].loc[row, column] = value
    assert report_of(tables)[1:] == [line]


def test_a_malformed_region_code_also_leaves_its_sites_outside_the_vocabulary(tables):
    tables["regions"].loc[1, "region_code"] = "E1200000A"
    assert report_of(tables)[1:] == [
        'regions.region_code: matches E12[0-9]{6}: "E1200000A" (row 1)',
        'sites.region_code: foreign key to regions.region_code: "E12000003" (row 1)',
        'sites.region_code: one of regions.region_code: "E12000003" (row 1)',
        "sites.region_code,region: foreign key to regions.region_code,region_name: "
        '"E12000003", "Yorkshire and The Humber" (row 1)',
    ]


def test_a_region_outside_the_reference_vocabulary(tables):
    tables["sites"].loc[1, "region"] = "Yorkshire and Humber"
    assert report_of(tables)[1:] == [
        'sites.region: one of regions.region_name: "Yorkshire and Humber" (row 1)',
        "sites.region_code,region: foreign key to regions.region_code,region_name: "
        '"E12000003", "Yorkshire and Humber" (row 1)',
    ]


def test_duplicate_composite_key_is_one_line_per_row(tables):
    tables["local_authorities"].loc[1, "la_order"] = 1
    assert report_of(tables)[1:] == [
        f'local_authorities.site_id,la_order: unique: "{NE_ID}", 1 (row 0)',
        f'local_authorities.site_id,la_order: unique: "{NE_ID}", 1 (row 1)',
    ]


def test_a_site_without_themes_or_approaches(tables):
    tables["site_themes"] = tables["site_themes"][lambda t: t["site_id"] != YORK_ID]
    tables["approaches"] = tables["approaches"][lambda t: t["site_id"] != YORK_ID]
    assert report_of(tables)[1:] == [
        f'sites.site_id: has rows in approaches: "{YORK_ID}" (row 1)',
        f'sites.site_id: has rows in site_themes: "{YORK_ID}" (row 1)',
    ]


def test_missing_null_and_mistyped_values(tables):
    tables["sites"].loc[0, "site_name"] = None
    tables["approaches"]["page"] = tables["approaches"]["page"].astype("float64")
    assert report_of(tables)[1:] == [
        "approaches.page: dtype('int64'): float64",
        "sites.site_name: not_nullable: missing (row 0)",
    ]


def test_missing_extra_and_misplaced_tables_and_columns(tables):
    del tables["regions"]
    tables["extra"] = tables["themes"]
    tables["themes"] = tables["themes"][["theme_label", "theme_id", "description"]]
    tables["approaches"] = tables["approaches"].drop(columns=["page"]).assign(note="x")
    tables["documents"] = tables["documents"].iloc[0:0]
    document_id = "ncb-safeguarding-early-adopters-v2"
    assert report_of(tables) == [
        "9 validation failures in approaches (2), documents (1), extra (1), regions (1), "
        f"sites (2), themes (2); {WHAT_TO_DO}",
        "approaches.note: a column of the registry",
        "approaches.page: column present",
        "documents: has rows: none",
        "extra: a table of the registry: unexpected table",
        "regions: table present: missing",
        f'sites.document_id: foreign key to documents.document_id: "{document_id}" (row 0)',
        f'sites.document_id: foreign key to documents.document_id: "{document_id}" (row 1)',
        "themes.theme_id: in registry order",
        "themes.theme_label: in registry order",
    ]


def test_report_lines_are_sorted_and_carry_no_traceback(tables):
    tables["sites"].loc[1, "n_local_authorities"] = 0
    tables["approaches"].loc[0, "list_style"] = "dash"
    lines = report_of(tables)
    assert lines[1:] == sorted(lines[1:])
    assert not any("Traceback" in line or "SchemaError" in line for line in lines)
    assert lines == [
        f"3 validation failures in approaches (1), sites (2); {WHAT_TO_DO}",
        'approaches.list_style: one of bullet, numbered: "dash" (row 0)',
        "sites.n_local_authorities: >= 1: 0 (row 1)",
        "sites.n_local_authorities: equals its rows in local_authorities (2): 0 (row 1)",
    ]


def test_the_registry_refuses_keys_and_vocabularies_it_does_not_define(tmp_path: Path):
    broken = REGISTRY_PATH.read_text(encoding="utf-8")
    broken = broken.replace(
        'reference = { table = "themes", fields = ["theme_id"] }',
        'reference = { table = "theme", fields = ["theme_id"] }',
    )
    broken = broken.replace('sort_by = ["site_id", "la_order"]', 'sort_by = ["site", "la_order"]')
    broken = broken.replace('enum_from = "regions.region_name"', 'enum_from = "regions.name"')
    path = tmp_path / "tables.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        table_registry(path)
    assert str(raised.value) == (
        f"{path}: sites.region: enum_from names no column; local_authorities.sort_by: no column "
        "site; site_themes foreign key: no table theme; approaches foreign key: no table theme"
    )


def registry_from(tmp_path: Path, text: str):
    """The registry read from text (a file of its own: table_registry reads a path once)."""
    path = tmp_path / f"tables-{len(list(tmp_path.iterdir()))}.toml"
    path.write_text(text, encoding="utf-8")
    return table_registry(path)


def test_the_registry_refuses_a_key_it_does_not_know(tmp_path: Path):
    """Typed model, extra keys forbidden: a misspelt key is an error, never ignored."""
    text = REGISTRY_PATH.read_text(encoding="utf-8").replace(
        'name = "la_order"\ntype = "integer"', 'name = "la_order"\ntype = "integer"\nminimun = 1'
    )
    with pytest.raises(ValueError, match=r"minimun\n  Extra inputs are not permitted"):
        registry_from(tmp_path, text)


def test_a_shared_field_is_defined_once_and_overridden_only_where_a_column_says_so(
    tmp_path: Path,
):
    text = REGISTRY_PATH.read_text(encoding="utf-8")
    assert text.count('pattern = "[a-z0-9]+(-[a-z0-9]+)*"\n') == 3  # document, site, theme ids
    registry = table_registry()
    site_ids = [t.column("site_id") for t in registry.tables if "site_id" in t.column_names]
    assert len(site_ids) == 4
    assert {column.pattern for column in site_ids} == {"[a-z0-9]+(-[a-z0-9]+)*"}
    assert registry.table("local_authorities").column("site_id").description == (
        "The site: foreign key to sites."
    )
    assert registry.table("sites").column("site_id").description.startswith("Stable id")
    changed = registry_from(
        tmp_path,
        text.replace('[fields.site_id]\ntype = "string"', '[fields.site_id]\ntype = "integer"'),
    )
    assert {t.column("site_id").type for t in changed.tables if "site_id" in t.column_names} == {
        "integer"
    }
    with pytest.raises(ValueError, match=r"sites: no \[fields.site_ids\] for its column"):
        registry_from(tmp_path, text.replace('field = "site_id"', 'field = "site_ids"', 1))


def test_the_registry_refuses_a_foreign_key_whose_sides_are_stored_differently(tmp_path: Path):
    """A categorical joined to a string fails in polars: both sides must be one type."""
    text = REGISTRY_PATH.read_text(encoding="utf-8").replace(
        '[fields.region_code]\ntype = "string"',
        '[fields.region_code]\ntype = "string"\nenum = ["E12000001"]',
    )
    text = text.replace(
        'field = "region_code"\nenum_from = "regions.region_code"',
        'name = "region_code"\ntype = "string"\ndescription = "code"',
    )
    with pytest.raises(ValueError) as raised:
        registry_from(tmp_path, text)
    assert "sites.region_code and regions.region_code: a foreign key whose two sides are " in str(
        raised.value
    )


def test_a_theme_link_without_its_theme_and_a_printed_theme_the_site_does_not_print(tables):
    tables["approaches"].loc[0, "theme_id"] = "independent-scrutiny"  # NE prints no such theme
    tables["approaches"].loc[4, "theme_link"] = "crosswalk"  # "Schools" links no theme
    assert report_of(tables) == [
        f"2 validation failures in approaches (2); {WHAT_TO_DO}",
        "approaches.theme_id: printed-theme: one of the site's themes in site_themes: "
        '"independent-scrutiny" (row 0)',
        'approaches.theme_link: filled where theme_id is: "crosswalk" (row 4)',
    ]
