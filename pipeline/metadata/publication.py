"""The facts of the publication, from the one reviewed file schemas/publication.toml: the
panel titles, continuation titles and header labels the parser reads by ([parser]), the summary
figure's name and title ([figure]) and what a release says about the publication
([release]: the prose of the dataset card and the attribution, the ONS columns, England's
statistical-geography URI, each kind of file's format and media type).

The layout and structure code holds no wording of the publication: a new edition that
renames a panel is read by changing that file, and the change is reviewed as data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError

PUBLICATION_PATH = Path(__file__).resolve().parents[2] / "schemas" / "publication.toml"


@dataclass(frozen=True)
class ParserFacts:
    """What the parser needs to know of the publication's wording."""

    themes_titles: tuple[str, ...]
    approaches_titles: tuple[str, ...]
    continued: re.Pattern[str]
    # The words that label a region and local authorities in a site's header ("Region",
    # "Local authorities"), normalised as the titles are.
    region_labels: tuple[str, ...]
    authorities_labels: tuple[str, ...]
    themes_title_printed: str
    approaches_title_printed: str
    site_printed: str


def _strings(section: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    """`where` names the file and section, e.g. "schemas/publication.toml: [parser]"."""
    value = section.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise PipelineError(f"{where} {key} must be a non-empty list of strings; fix the file")
    return tuple(value)


def _string(section: dict[str, object], key: str, where: str) -> str:
    value = section.get(key)
    if not isinstance(value, str) or not value:
        raise PipelineError(f"{where} {key} must be a non-empty string; fix the file")
    return value


@dataclass(frozen=True)
class FigureFacts:
    """The summary figure's file name (without suffix) and its title."""

    name: str
    title: str


def _section(path: Path, name: str) -> dict[str, object]:
    try:
        section = tomllib.loads(path.read_text("utf-8")).get(name)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PipelineError(f"{path}: cannot be read as TOML ({exc}); fix the file") from exc
    if not isinstance(section, dict):
        raise PipelineError(f"{path}: has no [{name}] section; restore it from git")
    return section


@cache
def figure_facts(path: Path = PUBLICATION_PATH) -> FigureFacts:
    """The [figure] section of schemas/publication.toml, checked."""
    section = _section(path, "figure")
    return FigureFacts(
        name=_string(section, "name", f"{path}: [figure]"),
        title=_string(section, "title", f"{path}: [figure]"),
    )


@cache
def parser_facts(path: Path = PUBLICATION_PATH) -> ParserFacts:
    """The [parser] section of schemas/publication.toml, checked."""
    section = _section(path, "parser")
    pattern = _string(section, "continued_pattern", f"{path}: [parser]")
    try:
        continued = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise PipelineError(
            f"{path}: [parser] continued_pattern is not a regular expression ({exc}); fix it"
        ) from exc
    if "name" not in continued.groupindex:
        raise PipelineError(
            f"{path}: [parser] continued_pattern must have a group (?P<name>...); fix it"
        )
    return ParserFacts(
        themes_titles=_strings(section, "themes_titles", f"{path}: [parser]"),
        approaches_titles=_strings(section, "approaches_titles", f"{path}: [parser]"),
        continued=continued,
        region_labels=_strings(section, "region_labels", f"{path}: [parser]"),
        authorities_labels=_strings(section, "authorities_labels", f"{path}: [parser]"),
        themes_title_printed=_string(section, "themes_title_printed", f"{path}: [parser]"),
        approaches_title_printed=_string(section, "approaches_title_printed", f"{path}: [parser]"),
        site_printed=_string(section, "site_printed", f"{path}: [parser]"),
    )


# The sections of [release] the release templates and records read.
RELEASE_SECTIONS = (
    "coverage",
    "method",
    "source_rights",
    "limitations",
    "ons",
    "spatial",
    "formats",
    "files",
)


@cache
def release_facts(path: Path = PUBLICATION_PATH) -> dict[str, Any]:
    """The [release] section of schemas/publication.toml, every part of it present. The
    templates in pipeline/outputs/templates/ render it as it is: its prose is reviewed
    data, not code."""
    section = _section(path, "release")
    missing = [key for key in RELEASE_SECTIONS if key not in section]
    if missing:
        raise PipelineError(f"{path}: [release] has no {', '.join(missing)}; restore it from git")
    return dict(section)
