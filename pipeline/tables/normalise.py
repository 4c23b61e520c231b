"""Normalise: the document model becomes the tidy tables of the data contract.

A pure function of the model, the source file's identity and the reference data, so
the same inputs always give the same tables. Printed text is kept as printed; codes
and canonical names come only from the reference data, and anything it does not
know stops the build here, before any file is written. Ids follow schemas/ID_POLICY.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.errors import ReferenceDataError, ValidationError
from pipeline.metadata.registry import Table, table_registry
from pipeline.model import DocumentModel, Entry, Site
from pipeline.reference import (
    LA_NAME_VARIANTS,
    LOCAL_AUTHORITIES,
    REGION_NAMES,
    REGIONS,
    THEME_CROSSWALK,
    THEMES,
    ReferenceData,
    match_key,
)

# How approaches.theme_id was set (the registry's enum of approaches.theme_link).
PRINTED_THEME = "printed-theme"
CROSSWALK = "crosswalk"

_APOSTROPHES_DROPPED = str.maketrans({"'": None, "’": None, "‘": None})


@dataclass(frozen=True)
class SourceFile:
    """The PDF the model was read from, as the documents table records it: its identity,
    and where the manifest says so, when and where the publication was published."""

    file_name: str
    sha256: str
    bytes: int
    published: str | None = None  # YYYY-MM-DD
    source_url: str | None = None


def slug(text: str) -> str:
    """An id that survives case, accents, apostrophes and punctuation changes in the printed text.

    Apostrophes are dropped (so "Children’s" and "Children's" both give "childrens");
    every other run of characters that is not an ASCII letter or digit becomes one "-".
    """
    folded = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES_DROPPED))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def collapsed(text: str) -> str:
    """Text as the contract publishes it: each run of whitespace one space, none at the ends."""
    return " ".join(text.split())


def site_name(site: Site) -> str:
    """The printed site name, or for a page that names no site, its authorities in printed order."""
    if site.name is not None:
        return collapsed(site.name.text)
    return ", ".join(collapsed(entry.text) for entry in site.local_authorities)


def approach_id(site_id: str, section_order: int, item_order: int) -> str:
    return f"{site_id}-s{section_order}-i{item_order}"


def theme_link(
    heading: str, printed_themes: dict[str, str], reference: ReferenceData
) -> tuple[str | None, str | None]:
    """(theme_id, theme_link) of the items under a section heading: the site's own printed
    theme where the heading is one of them (printed_themes: match key -> theme_id), else the
    theme the reviewed heading crosswalk names, else neither. The heading decides, never the
    item's text: a link a reader can check against the page."""
    theme_id = printed_themes.get(match_key(heading))
    if theme_id is not None:
        return theme_id, PRINTED_THEME
    theme = reference.heading_theme(heading)
    if theme is not None:
        return theme.theme_id, CROSSWALK
    return None, None


def _unknown(kind: str, entry: Entry, name: str, remedy: str) -> str:
    cut = f', cut at the commas of "{entry.cut_from}"' if entry.cut_from else ""
    return f'unknown {kind} "{entry.text}" (page {entry.page}, site "{name}"{cut}): {remedy}'


def _frame(table: Table, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a frame with the registry's columns, dtypes and row order, even with no rows."""
    frame = pd.DataFrame(
        {
            column.name: pd.Series([row[column.name] for row in rows], dtype=column.pandas_dtype)
            for column in table.columns
        }
    )
    return table.sorted_rows(frame)


def _duplicate_site_ids(sites: list[dict[str, Any]]) -> list[str]:
    by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for site in sites:
        by_id[site["site_id"]].append(site)
    return [
        f'site_id "{site_id}" is shared by '
        + " and ".join(f'"{s["site_name"]}" (page {s["page_start"]})' for s in same)
        + ": a site printed over several pages must be one site in the document model, "
        "and two different sites need printed names that differ in more than punctuation"
        for site_id, same in by_id.items()
        if len(same) > 1
    ]


def tables_from_model(
    model: DocumentModel, source: SourceFile, reference: ReferenceData
) -> dict[str, pd.DataFrame]:
    """Every published table, keyed by table name in registry order.

    Raises ReferenceDataError listing every printed region, authority or theme the
    reference data does not know (one line each), and ValidationError when two sites
    would get the same site_id.
    """
    registry = table_registry()
    decimals = registry.table("approaches").column("x0").decimals
    document_id = slug(Path(source.file_name).stem)
    problems: list[str] = []
    sites: list[dict[str, Any]] = []
    authorities: list[dict[str, Any]] = []
    site_themes: list[dict[str, Any]] = []
    approaches: list[dict[str, Any]] = []

    for site in model.sites:
        name = site_name(site)
        site_id = slug(name)
        region = reference.region(site.region.text)
        if region is None:
            problems.append(
                _unknown(
                    "region",
                    site.region,
                    name,
                    f"add it to {reference.file(REGION_NAMES)} (printed_name,region_code) if it "
                    f"is a spelling of an English region, or to {REGIONS}",
                )
            )
        for la_order, entry in enumerate(site.local_authorities, start=1):
            authority = reference.local_authority(entry.text)
            if authority is None:
                problems.append(
                    _unknown(
                        "local authority",
                        entry,
                        name,
                        f"add it to {reference.file(LA_NAME_VARIANTS)} (printed_name,la_code) "
                        f"if it is a spelling of a known authority, or to {LOCAL_AUTHORITIES}"
                        # a line cut at its commas keeps whole only the names known whole
                        + (
                            "; if it is part of a name with a comma of its own, add that "
                            "whole name there instead"
                            if entry.cut_from
                            else ""
                        ),
                    )
                )
                continue
            if region is not None and authority.region_code != region.code:
                problems.append(
                    f'local authority "{entry.text}" (page {entry.page}, site "{name}") reads as '
                    f"{authority.name_ons} ({authority.code}) in "
                    f"{reference.region_by_code(authority.region_code).name}, but the site is "
                    f"printed under {region.name}: check the spelling's row in "
                    f"{reference.file(LA_NAME_VARIANTS)} and the authority's region_code in "
                    f"{LOCAL_AUTHORITIES}"
                )
            authorities.append(
                {
                    "site_id": site_id,
                    "la_order": la_order,
                    "la_name": collapsed(entry.text),
                    "la_name_ons": authority.name_ons,
                    "la_code": authority.code,
                    "la_type": authority.la_type,
                    "code_vintage": authority.code_vintage,
                }
            )
        for theme_order, entry in enumerate(site.themes, start=1):
            theme = reference.theme(entry.text)
            if theme is None:
                problems.append(
                    _unknown(
                        "theme",
                        entry,
                        name,
                        f"add it to {reference.file(THEME_CROSSWALK)} (theme_published,theme_id), "
                        f"with a theme_id from {THEMES}, or a new theme added there first",
                    )
                )
                continue
            site_themes.append(
                {
                    "site_id": site_id,
                    "theme_order": theme_order,
                    "theme_published": collapsed(entry.text),
                    "theme_id": theme.theme_id,
                }
            )
        printed_themes = {
            match_key(entry.text): theme.theme_id
            for entry in site.themes
            if (theme := reference.theme(entry.text)) is not None
        }
        for section_order, section in enumerate(site.sections, start=1):
            theme_id, link = theme_link(section.heading, printed_themes, reference)
            for item_order, item in enumerate(section.items, start=1):
                approaches.append(
                    {
                        "approach_id": approach_id(site_id, section_order, item_order),
                        "site_id": site_id,
                        "section_order": section_order,
                        "section_heading": collapsed(section.heading),
                        "item_order": item_order,
                        "item_text": collapsed(item.text),
                        "list_style": item.list_style,
                        "page": item.page,
                        "x0": round(item.bbox.x0, decimals),
                        "top": round(item.bbox.top, decimals),
                        "x1": round(item.bbox.x1, decimals),
                        "bottom": round(item.bbox.bottom, decimals),
                        "theme_id": theme_id,
                        "theme_link": link,
                    }
                )
        sites.append(
            {
                "site_id": site_id,
                "site_name": name,
                "region": region.name if region else None,
                "region_code": region.code if region else None,
                "page_start": site.page_start,
                "page_end": site.page_end,
                "n_local_authorities": len(site.local_authorities),
                "document_id": document_id,
            }
        )

    if problems:
        raise ReferenceDataError("\n".join(dict.fromkeys(problems)))
    duplicates = _duplicate_site_ids(sites)
    if duplicates:
        raise ValidationError("\n".join(duplicates))

    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                "document_id": document_id,
                "title": collapsed(model.title),
                "publisher": collapsed(model.publisher) if model.publisher else None,
                "source_file": source.file_name,
                "sha256": source.sha256,
                "page_count": model.page_count,
                "source_bytes": source.bytes,
                "published": source.published,
                "source_url": source.source_url,
            }
        ],
        "sites": sites,
        "local_authorities": authorities,
        "site_themes": site_themes,
        "themes": [
            {"theme_id": t.theme_id, "theme_label": t.label, "description": t.description}
            for t in reference.themes
        ],
        "approaches": approaches,
        "regions": [{"region_code": r.code, "region_name": r.name} for r in reference.regions],
    }
    return {table.name: _frame(table, rows[table.name]) for table in registry.tables}
