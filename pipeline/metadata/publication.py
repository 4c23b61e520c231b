"""The facts of the publication the parser reads by, from the one reviewed file
schemas/publication.toml (section [parser]): its panel titles and its continuation titles.

The layout and structure code holds no wording of the publication: a new edition that
renames a panel is read by changing that file, and the change is reviewed as data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.errors import PipelineError

PUBLICATION_PATH = Path(__file__).resolve().parents[2] / "schemas" / "publication.toml"


@dataclass(frozen=True)
class ParserFacts:
    """What the parser needs to know of the publication's wording."""

    themes_titles: tuple[str, ...]
    approaches_titles: tuple[str, ...]
    continued: re.Pattern[str]
    themes_title_printed: str
    approaches_title_printed: str


def _strings(section: dict[str, object], key: str) -> tuple[str, ...]:
    value = section.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise PipelineError(
            f"{PUBLICATION_PATH}: [parser] {key} must be a non-empty list of strings; fix the file"
        )
    return tuple(value)


def _string(section: dict[str, object], key: str) -> str:
    value = section.get(key)
    if not isinstance(value, str) or not value:
        raise PipelineError(f"{PUBLICATION_PATH}: [parser] {key} must be a string; fix the file")
    return value


@cache
def parser_facts(path: Path = PUBLICATION_PATH) -> ParserFacts:
    """The [parser] section of schemas/publication.toml, checked."""
    try:
        section = tomllib.loads(path.read_text("utf-8")).get("parser")
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PipelineError(f"{path}: cannot be read as TOML ({exc}); fix the file") from exc
    if not isinstance(section, dict):
        raise PipelineError(f"{path}: has no [parser] section; restore it from git")
    pattern = _string(section, "continued_pattern")
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
        themes_titles=_strings(section, "themes_titles"),
        approaches_titles=_strings(section, "approaches_titles"),
        continued=continued,
        themes_title_printed=_string(section, "themes_title_printed"),
        approaches_title_printed=_string(section, "approaches_title_printed"),
    )
