"""Checks of the reviewed reference tables in pipeline/reference/.

Two groups:

* internal checks, which always run: file format, keys, code patterns, counts and the links
  between the files;
* cross-checks against the public ONS lists kept beside the repository checkout in
  ../shared/reference/ons/ (see SOURCE.txt there). A user's clone has no such folder, so
  those tests skip rather than fail when it is missing.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.support.committed import committed_output
from tests.support.paths import ROOT, SHARED

REFERENCE = ROOT / "pipeline" / "reference"
ONS_DIR = SHARED / "reference" / "ons"

# file name -> (exact header, key columns)
FILES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "regions.csv": (["region_code", "region_name"], ("region_code",)),
    "region_names.csv": (["printed_name", "region_code"], ("printed_name",)),
    "local_authorities.csv": (
        ["la_code", "la_name_ons", "la_type", "region_code", "code_vintage"],
        ("la_code",),
    ),
    "la_name_variants.csv": (["printed_name", "la_code"], ("printed_name",)),
    "themes.csv": (["theme_id", "theme_label", "description"], ("theme_id",)),
    "theme_crosswalk.csv": (["theme_published", "theme_id"], ("theme_published",)),
    "heading_crosswalk.csv": (["section_heading", "theme_id"], ("section_heading",)),
}
# Cells that may be empty: a section heading reviewed and found to name no single theme.
OPTIONAL_CELLS = {("heading_crosswalk.csv", "theme_id")}

N_REGIONS = 9
# Upper-tier (children's services) authorities of England at May 2025:
# 63 unitary authorities, 36 metropolitan districts, 33 London boroughs (with the City of
# London) and 21 non-metropolitan counties.
N_AUTHORITIES = 153
N_BY_TYPE = {
    "unitary authority": 63,
    "metropolitan district": 36,
    "London borough": 33,
    "non-metropolitan county": 21,
}
TYPE_BY_PREFIX = {
    "E06": "unitary authority",
    "E08": "metropolitan district",
    "E09": "London borough",
    "E10": "non-metropolitan county",
}
CODE_VINTAGE = "ONS May 2025: LAD May 2025 (E06/E08/E09) and CTY May 2023 (E10)"

REGION_CODE = re.compile(r"^E12\d{6}$")
LA_CODE = re.compile(r"^E(06|08|09|10)\d{6}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Every string the current edition prints under "Multi-agency learning theme(s)".
PUBLISHED_THEMES = {
    "Independent scrutiny",
    "Voice of the child",
    "Engagement with schools",
    "Engagement with school",
    "Contextualised safeguarding (domestic abuse)",
    "Local reviews",
    "Alternative structural model",
    "Addressing local practice challenges",
    "Transitional arrangements",
    "Contextual Safeguarding (child exploitation and working with adolescents)",
    "Regionalisation",
    "Working with the national panel",
    "Integration of other safeguarding panels",
    "Child death reviews",
    "Geographical areas",
    "Regional alignment of child death review panels",
    "Alternative structural model / merging geographical boundaries",
    "Multi-agency outcomes framework",
    "New partnership model / consolidating boards",
}


def read(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def collapse(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# Internal checks
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_is_utf8_without_bom_with_lf_line_ends(name):
    data = (REFERENCE / name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), f"{name} starts with a UTF-8 BOM"
    data.decode("utf-8")  # raises on invalid UTF-8
    assert b"\r" not in data, f"{name} has CR characters; line ends must be LF only"
    assert data.endswith(b"\n"), f"{name} does not end with a newline"
    assert not data.endswith(b"\n\n"), f"{name} ends with a blank line"


@pytest.mark.parametrize("name", sorted(FILES))
def test_header_and_cells(name):
    header, _ = FILES[name]
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == header, f"{name}: header {rows[0]} != {header}"
    assert len(rows) > 1, f"{name} has no data rows"
    for line, row in enumerate(rows[1:], start=2):
        assert len(row) == len(header), f"{name} line {line}: {len(row)} fields"
        for column, cell in zip(header, row, strict=True):
            assert cell or (name, column) in OPTIONAL_CELLS, f"{name} line {line}: empty {column}"
            # The pipeline matches after whitespace collapse: stray spaces would never match.
            assert cell == collapse(cell), f"{name} line {line}: stray whitespace in {cell!r}"


@pytest.mark.parametrize("name", sorted(FILES))
def test_keys_unique_and_sorted(name):
    _, key = FILES[name]
    keys = [tuple(row[k] for k in key) for row in read(name)]
    duplicates = sorted(k for k, n in Counter(keys).items() if n > 1)
    assert not duplicates, f"{name}: duplicate keys {duplicates}"
    assert keys == sorted(keys), f"{name} is not sorted by {', '.join(key)}"


def test_regions():
    regions = read("regions.csv")
    assert len(regions) == N_REGIONS
    bad = [r["region_code"] for r in regions if not REGION_CODE.match(r["region_code"])]
    assert not bad, f"region codes not of the form E12nnnnnn: {bad}"
    assert {r["region_code"] for r in regions} == {f"E1200000{i}" for i in range(1, 10)}
    names = [r["region_name"] for r in regions]
    assert len(set(names)) == len(names), "region names are not unique"


def test_region_names_point_at_regions_and_are_not_ons_names():
    regions = {r["region_code"]: r["region_name"] for r in read("regions.csv")}
    variants = read("region_names.csv")
    unknown = [v for v in variants if v["region_code"] not in regions]
    assert not unknown, f"region_names.csv rows with unknown region_code: {unknown}"
    clashes = [v["printed_name"] for v in variants if v["printed_name"] in regions.values()]
    assert not clashes, f"region_names.csv repeats ONS region names: {clashes}"
    mapping = {v["printed_name"]: v["region_code"] for v in variants}
    expected = {
        "Yorkshire and Humber": "E12000003",
        "Yorkshire & Humber": "E12000003",
        "Yorkshire & the Humber": "E12000003",
        "Yorkshire and the Humber": "E12000003",
        "East": "E12000006",
        "Eastern": "E12000006",
        "North-East": "E12000001",
        "North-West": "E12000002",
        "South-East": "E12000008",
        "South-West": "E12000009",
    }
    wrong = {k: mapping.get(k) for k, v in expected.items() if mapping.get(k) != v}
    assert not wrong, f"missing or mis-mapped region spellings: {wrong}"


def test_local_authorities():
    las = read("local_authorities.csv")
    assert len(las) == N_AUTHORITIES
    bad = [r["la_code"] for r in las if not LA_CODE.match(r["la_code"])]
    assert not bad, f"authority codes not E06/E08/E09/E10: {bad}"
    wrong_type = [
        (r["la_code"], r["la_type"])
        for r in las
        if TYPE_BY_PREFIX[r["la_code"][:3]] != r["la_type"]
    ]
    assert not wrong_type, f"la_type disagrees with the GSS entity code: {wrong_type}"
    assert Counter(r["la_type"] for r in las) == N_BY_TYPE
    names = [r["la_name_ons"] for r in las]
    assert len(set(names)) == len(names), "authority names are not unique"
    assert {r["code_vintage"] for r in las} == {CODE_VINTAGE}


def test_local_authorities_include_and_exclude_known_cases():
    codes = {r["la_code"]: r["la_name_ons"] for r in read("local_authorities.csv")}
    present = {
        "E09000001": "City of London",
        "E06000053": "Isles of Scilly",
        "E06000063": "Cumberland",
        "E06000064": "Westmorland and Furness",
        "E06000065": "North Yorkshire",
        "E06000066": "Somerset",
        "E08000038": "Barnsley",  # recoded 1 April 2025 (was E08000016)
        "E08000039": "Sheffield",  # recoded 1 April 2025 (was E08000019)
    }
    wrong = {c: codes.get(c) for c, n in present.items() if codes.get(c) != n}
    assert not wrong, f"expected current authorities missing or misnamed: {wrong}"
    obsolete = {
        "E10000006",  # Cumbria, abolished 2023
        "E10000023",  # North Yorkshire county, became E06000065 in 2023
        "E10000027",  # Somerset county, became E06000066 in 2023
        "E10000021",  # Northamptonshire, abolished 2021
        "E08000016",  # Barnsley before 2025
        "E08000019",  # Sheffield before 2025
        "E06000048",  # Northumberland before 2013
        "E08000020",  # Gateshead before 2013
    }
    assert not obsolete & codes.keys(), f"obsolete codes present: {obsolete & codes.keys()}"


def test_every_authority_is_in_a_known_region():
    regions = {r["region_code"] for r in read("regions.csv")}
    unknown = [
        (r["la_code"], r["region_code"])
        for r in read("local_authorities.csv")
        if r["region_code"] not in regions
    ]
    assert not unknown, f"authorities with a region_code not in regions.csv: {unknown}"


def test_la_name_variants_point_at_authorities_and_are_not_ons_names():
    las = {r["la_code"]: r["la_name_ons"] for r in read("local_authorities.csv")}
    variants = read("la_name_variants.csv")
    unknown = [v for v in variants if v["la_code"] not in las]
    assert not unknown, f"la_name_variants.csv rows with unknown la_code: {unknown}"
    clashes = [v["printed_name"] for v in variants if v["printed_name"] in las.values()]
    assert not clashes, f"la_name_variants.csv repeats ONS names: {clashes}"
    mapping = {v["printed_name"]: v["la_code"] for v in variants}
    expected = {
        "Stoke on Trent": "E06000021",
        "Stoke": "E06000021",
        "Herefordshire": "E06000019",
        "Bristol": "E06000023",
        "City of Bristol": "E06000023",
        "Kingston upon Hull": "E06000010",
        "Hull": "E06000010",
        "Durham": "E06000047",
        "St Helens": "E08000013",
        "Brighton & Hove": "E06000043",
        "Hammersmith & Fulham": "E09000013",
        "Kensington & Chelsea": "E09000020",
        "Richmond": "E09000027",
        "Kingston": "E09000021",
        "Barking & Dagenham": "E09000002",
        "Telford & Wrekin": "E06000020",
        "Windsor & Maidenhead": "E06000040",
        "Bournemouth, Christchurch & Poole": "E06000058",
        "BCP": "E06000058",
        "Southend": "E06000033",
        "Newcastle": "E08000021",
        "Scilly": "E06000053",
    }
    wrong = {k: mapping.get(k) for k, v in expected.items() if mapping.get(k) != v}
    assert not wrong, f"missing or mis-mapped authority spellings: {wrong}"


def test_themes():
    themes = read("themes.csv")
    bad = [t["theme_id"] for t in themes if not SLUG.match(t["theme_id"])]
    assert not bad, f"theme_id values that are not lowercase slugs: {bad}"
    labels = [t["theme_label"] for t in themes]
    assert len(set(labels)) == len(labels), "theme labels are not unique"
    short = [t["theme_id"] for t in themes if len(t["description"]) < 40]
    assert not short, f"themes without a real description: {short}"


def test_crosswalk_covers_the_edition_and_points_at_themes():
    theme_ids = {t["theme_id"] for t in read("themes.csv")}
    crosswalk = read("theme_crosswalk.csv")
    unknown = [c for c in crosswalk if c["theme_id"] not in theme_ids]
    assert not unknown, f"crosswalk rows with a theme_id not in themes.csv: {unknown}"
    published = {c["theme_published"] for c in crosswalk}
    assert published >= PUBLISHED_THEMES, f"unmapped: {sorted(PUBLISHED_THEMES - published)}"
    mapping = {c["theme_published"]: c["theme_id"] for c in crosswalk}
    same = [
        ("Engagement with schools", "Engagement with school"),
        (
            "Contextualised safeguarding (domestic abuse)",
            "Contextual Safeguarding (child exploitation and working with adolescents)",
        ),
        (
            "Alternative structural model",
            "Alternative structural model / merging geographical boundaries",
        ),
    ]
    split = [pair for pair in same if mapping[pair[0]] != mapping[pair[1]]]
    assert not split, f"strings that must share one theme do not: {split}"


def test_the_heading_crosswalk_covers_the_edition_points_at_themes_and_is_documented():
    """Every section heading of the committed edition that is not one of its site's printed
    themes has been reviewed: it is in the crosswalk, with a theme or deliberately none, and
    the README gives the reason for each row."""
    theme_ids = {t["theme_id"] for t in read("themes.csv")}
    crosswalk = read("heading_crosswalk.csv")
    unknown = [row for row in crosswalk if row["theme_id"] and row["theme_id"] not in theme_ids]
    assert not unknown, f"heading crosswalk rows with a theme_id not in themes.csv: {unknown}"
    out = committed_output()
    with (out / "csv" / "site_themes.csv").open(encoding="utf-8", newline="") as f:
        printed = {(row["site_id"], row["theme_published"]) for row in csv.DictReader(f)}
    with (out / "csv" / "approaches.csv").open(encoding="utf-8", newline="") as f:
        headings = {(row["site_id"], row["section_heading"]) for row in csv.DictReader(f)}
    reviewed = {row["section_heading"] for row in crosswalk}
    unreviewed = sorted(h for site, h in headings if (site, h) not in printed and h not in reviewed)
    assert not unreviewed, f"headings neither printed themes nor in the crosswalk: {unreviewed}"
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Heading crosswalk decisions", 1)[1]
    documented = {
        (match["heading"], match["theme"])
        for match in re.finditer(
            r"^\| (?P<heading>[^|]+?) \| (?:`(?P<theme>[^`]+)`|none) \|", section, re.M
        )
    }
    assert documented == {(row["section_heading"], row["theme_id"] or None) for row in crosswalk}


def test_every_theme_is_used_or_documented():
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    used = {c["theme_id"] for c in read("theme_crosswalk.csv")}
    orphans = [
        t["theme_id"]
        for t in read("themes.csv")
        if t["theme_id"] not in used and t["theme_id"] not in readme
    ]
    assert not orphans, f"themes neither used by the crosswalk nor documented in README: {orphans}"


# ---------------------------------------------------------------------------
# Cross-checks against the public ONS lists beside the checkout
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ons() -> Path:
    if not ONS_DIR.is_dir():
        pytest.skip(
            f"the public ONS lists are not beside this checkout ({ONS_DIR} does not exist); "
            "the cross-checks against ONS run only where ../shared/reference/ons is present"
        )
    return ONS_DIR


def read_ons(path: Path) -> list[dict[str, str]]:
    # utf-8-sig: some of the public copies start with a BOM.
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def ons_list(ons: Path, name: str) -> dict[str, str]:
    rows = read_ons(ons / "ONSvisual__geo-scripts" / "output" / "lists" / name)
    return {r["areacd"]: r["areanm"] for r in rows}


def ons_upper_tier(ons: Path) -> dict[str, str]:
    """E06/E08/E09 from the May 2025 district list, E10 from the May 2023 county list."""
    districts = ons_list(ons, "ltla25.csv")
    upper = {c: n for c, n in districts.items() if c[:3] in ("E06", "E08", "E09")}
    upper.update(ons_list(ons, "cty23.csv"))
    return upper


def test_regions_equal_ons(ons):
    ours = {r["region_code"]: r["region_name"] for r in read("regions.csv")}
    assert ours == ons_list(ons, "rgn22.csv")


def test_authority_codes_and_names_appear_in_ons_lists(ons):
    districts = ons_list(ons, "ltla25.csv")
    counties = ons_list(ons, "cty23.csv")
    wrong = []
    for r in read("local_authorities.csv"):
        source = counties if r["la_code"].startswith("E10") else districts
        if source.get(r["la_code"]) != r["la_name_ons"]:
            wrong.append((r["la_code"], r["la_name_ons"], source.get(r["la_code"])))
    assert not wrong, f"(code, our name, ONS name) disagreeing with ONS: {wrong}"


def test_authority_codes_equal_current_ons_upper_tier(ons):
    ours = {r["la_code"] for r in read("local_authorities.csv")}
    upper = set(ons_upper_tier(ons))
    assert ours == upper, f"missing {sorted(upper - ours)}, extra {sorted(ours - upper)}"
    # The same set derived independently: the upper tier of every current English district.
    lookup = read_ons(ons / "drkane__geo-lookups" / "la_all_codes.csv")
    current = {
        r["UTLACD"] for r in lookup if r["Current"] == "TRUE" and r["UTLACD"].startswith("E")
    }
    assert ours == current, f"missing {sorted(current - ours)}, extra {sorted(ours - current)}"


def test_authority_regions_agree_with_ons_lookups(ons):
    geography = ons / "ONSdigital__explore-local-statistics-app" / "scripts" / "insights"
    parents = read_ons(geography / "raw" / "config-data" / "geography" / "areas-parents-lookup.csv")
    lookups = {
        "ONS areas-parents 2025": {
            r["areacd"]: r["parentcd"] for r in parents if r["parentcd"].startswith("E12")
        },
        "ONS LAD18 to RGN18": {
            r["LAD18CD"]: r["RGN18CD"]
            for r in read_ons(ons / "jtrim-ons__ons-lookups" / "csv" / "016.csv")
        },
    }
    checked = set()
    wrong = []
    for r in read("local_authorities.csv"):
        for source, lookup in lookups.items():
            if r["la_code"] in lookup:
                checked.add(r["la_code"])
                if lookup[r["la_code"]] != r["region_code"]:
                    wrong.append((r["la_code"], r["region_code"], source, lookup[r["la_code"]]))
    assert not wrong, f"regions disagreeing with ONS lookups: {wrong}"
    assert len(checked) == N_AUTHORITIES, "some authorities' regions were not checked"
