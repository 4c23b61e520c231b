"""The reference data (pipeline/reference/*.csv): ONS regions and authorities, theme vocabulary.

Printed names are matched exactly, after collapsing whitespace and treating
typographic and straight apostrophes alike: a guess (fuzzy matching) could put a
site in the wrong authority without anyone noticing, while an unknown name stops
the build with a message saying which file to extend.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pipeline.errors import ReferenceDataError

REFERENCE_DIR = Path(__file__).resolve().parent

REGIONS = "regions.csv"
REGION_NAMES = "region_names.csv"
LOCAL_AUTHORITIES = "local_authorities.csv"
LA_NAME_VARIANTS = "la_name_variants.csv"
THEMES = "themes.csv"
THEME_CROSSWALK = "theme_crosswalk.csv"
HEADING_CROSSWALK = "heading_crosswalk.csv"

COLUMNS: dict[str, tuple[str, ...]] = {
    REGIONS: ("region_code", "region_name"),
    REGION_NAMES: ("printed_name", "region_code"),
    LOCAL_AUTHORITIES: ("la_code", "la_name_ons", "la_type", "region_code", "code_vintage"),
    LA_NAME_VARIANTS: ("printed_name", "la_code"),
    THEMES: ("theme_id", "theme_label", "description"),
    THEME_CROSSWALK: ("theme_published", "theme_id"),
    HEADING_CROSSWALK: ("section_heading", "theme_id"),
}
# Cells that may be empty: a heading reviewed and found to name no single theme.
OPTIONAL: dict[str, tuple[str, ...]] = {HEADING_CROSSWALK: ("theme_id",)}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})

T = TypeVar("T")


def match_key(printed: str) -> str:
    """What two spellings must share to be one name: whitespace, apostrophe style and case
    aside (a banner or heading may be set in capitals: CSS `text-transform`, a word
    processor's caps style). The published name is the reference's, never the printed case."""
    return " ".join(printed.translate(_APOSTROPHES).casefold().split())


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class LocalAuthority:
    code: str
    name_ons: str
    la_type: str
    region_code: str
    code_vintage: str


@dataclass(frozen=True)
class Theme:
    theme_id: str
    label: str
    description: str


@dataclass(frozen=True)
class ReferenceData:
    folder: Path
    regions: tuple[Region, ...]
    local_authorities: tuple[LocalAuthority, ...]
    themes: tuple[Theme, ...]
    regions_by_name: Mapping[str, Region]
    authorities_by_name: Mapping[str, LocalAuthority]
    themes_by_published: Mapping[str, Theme]
    # Every reviewed section heading; None for one that names no single theme.
    themes_by_heading: Mapping[str, Theme | None]

    def region(self, printed: str) -> Region | None:
        return self.regions_by_name.get(match_key(printed))

    def local_authority(self, printed: str) -> LocalAuthority | None:
        return self.authorities_by_name.get(match_key(printed))

    def theme(self, printed: str) -> Theme | None:
        return self.themes_by_published.get(match_key(printed))

    def heading_theme(self, heading: str) -> Theme | None:
        """The theme the heading crosswalk links a section heading to, if any."""
        return self.themes_by_heading.get(match_key(heading))

    def region_by_code(self, code: str) -> Region:
        return next(region for region in self.regions if region.code == code)

    def file(self, file_name: str) -> str:
        """The path of one reference file, for messages that tell the user where to add a row."""
        return display_path(self.folder / file_name)


def _rows(folder: Path, file_name: str, problems: list[str]) -> list[tuple[str, dict[str, str]]]:
    """Each row with its location ("file line N"), cells stripped; unusable rows reported."""
    path = folder / file_name
    shown = display_path(path)
    columns = COLUMNS[file_name]
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in columns if column not in (reader.fieldnames or [])]
            if missing:
                problems.append(
                    f"{shown}: no column {', '.join(missing)} in the header "
                    f"(it needs {','.join(columns)})"
                )
                return []
            rows: list[tuple[str, dict[str, str]]] = []
            for row in reader:
                where = f"{shown} line {reader.line_num}"
                cells = {column: (row[column] or "").strip() for column in columns}
                empty = [
                    column
                    for column in columns
                    if not cells[column] and column not in OPTIONAL.get(file_name, ())
                ]
                if empty:
                    problems.append(f"{where}: empty {', '.join(empty)}")
                    continue
                rows.append((where, cells))
            return rows
    except FileNotFoundError:
        problems.append(f"missing reference file {shown} (columns {','.join(columns)})")
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.append(f"cannot read reference file {shown}: {exc}")
    return []


def _by_key(
    rows: list[tuple[str, T]],
    key: Callable[[T], str],
    what: str,
    problems: list[str],
) -> dict[str, T]:
    """Rows indexed by key; one key given two different meanings is reported, not overwritten."""
    index: dict[str, T] = {}
    for where, value in rows:
        existing = index.setdefault(key(value), value)
        if existing != value:
            problems.append(f'{where}: {what} "{key(value)}" is listed twice with different values')
    return index


def _variants(
    rows: list[tuple[str, dict[str, str]]],
    printed_column: str,
    code_column: str,
    targets: Mapping[str, T],
    target_file: str,
    problems: list[str],
) -> list[tuple[str, tuple[str, T]]]:
    """Variant rows as (spelling, what the code names); a code the main file lacks is reported."""
    joined: list[tuple[str, tuple[str, T]]] = []
    for where, cells in rows:
        target = targets.get(cells[code_column])
        if target is None:
            problems.append(f"{where}: {code_column} {cells[code_column]} is not in {target_file}")
            continue
        joined.append((where, (cells[printed_column], target)))
    return joined


def _names(
    spellings: list[tuple[str, tuple[str, T]]], what: str, problems: list[str]
) -> dict[str, T]:
    """One lookup, by match key, from every accepted spelling; a spelling given two meanings
    is reported as it is written."""
    index: dict[str, T] = {}
    for where, (spelling, target) in spellings:
        if index.setdefault(match_key(spelling), target) != target:
            problems.append(f'{where}: {what} "{spelling}" is listed twice with different values')
    return index


def load_reference(folder: Path = REFERENCE_DIR) -> ReferenceData:
    """Read and cross-check every reference file; every problem is reported at once."""
    problems: list[str] = []
    rows = {file_name: _rows(folder, file_name, problems) for file_name in COLUMNS}

    region_rows = [
        (where, Region(c["region_code"], c["region_name"])) for where, c in rows[REGIONS]
    ]
    regions = _by_key(region_rows, lambda region: region.code, "region_code", problems)
    authority_rows = [
        (
            where,
            LocalAuthority(
                c["la_code"], c["la_name_ons"], c["la_type"], c["region_code"], c["code_vintage"]
            ),
        )
        for where, c in rows[LOCAL_AUTHORITIES]
    ]
    problems += [
        f"{where}: region_code {authority.region_code} is not in {REGIONS}"
        for where, authority in authority_rows
        if authority.region_code not in regions
    ]
    authorities = _by_key(authority_rows, lambda authority: authority.code, "la_code", problems)
    theme_rows = [
        (where, Theme(c["theme_id"], c["theme_label"], c["description"]))
        for where, c in rows[THEMES]
    ]
    themes = _by_key(theme_rows, lambda theme: theme.theme_id, "theme_id", problems)

    regions_by_name = _names(
        [(where, (region.name, region)) for where, region in region_rows]
        + _variants(rows[REGION_NAMES], "printed_name", "region_code", regions, REGIONS, problems),
        "region name",
        problems,
    )
    authorities_by_name = _names(
        [(where, (authority.name_ons, authority)) for where, authority in authority_rows]
        + _variants(
            rows[LA_NAME_VARIANTS],
            "printed_name",
            "la_code",
            authorities,
            LOCAL_AUTHORITIES,
            problems,
        ),
        "authority name",
        problems,
    )
    themes_by_published = _names(
        _variants(rows[THEME_CROSSWALK], "theme_published", "theme_id", themes, THEMES, problems),
        "theme_published",
        problems,
    )

    heading_rows = [
        (where, (cells["section_heading"], cells["theme_id"]))
        for where, cells in rows[HEADING_CROSSWALK]
    ]
    problems += [
        f"{where}: theme_id {theme_id} is not in {THEMES}"
        for where, (_, theme_id) in heading_rows
        if theme_id and theme_id not in themes
    ]
    themes_by_heading = {
        heading: themes.get(theme_id)
        for heading, theme_id in _names(heading_rows, "section_heading", problems).items()
    }

    if problems:
        raise ReferenceDataError("\n".join(problems))
    return ReferenceData(
        folder=folder,
        regions=tuple(sorted(regions.values(), key=lambda region: region.code)),
        local_authorities=tuple(sorted(authorities.values(), key=lambda a: a.code)),
        themes=tuple(sorted(themes.values(), key=lambda theme: theme.theme_id)),
        regions_by_name=regions_by_name,
        authorities_by_name=authorities_by_name,
        themes_by_published=themes_by_published,
        themes_by_heading=themes_by_heading,
    )
