"""The facts a release states about the publication, read from schemas/publication.toml
[release]: the prose of the dataset card and the attribution, the ONS columns, England's
statistical-geography URI, and each kind of file's format and media type. Reviewed data,
not code: the templates in pipeline/outputs/templates/ render it."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from pipeline.metadata.registry import SCHEMAS_DIR

PUBLICATION_PATH = SCHEMAS_DIR / "publication.toml"
REQUIRED = (
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
def release_facts() -> dict[str, Any]:
    """The [release] table of schemas/publication.toml, every section present."""
    with PUBLICATION_PATH.open("rb") as handle:
        facts: dict[str, Any] = tomllib.load(handle)["release"]
    missing = [key for key in REQUIRED if key not in facts]
    if missing:
        raise KeyError(f"{PUBLICATION_PATH}: [release] has no {', '.join(missing)}")
    return facts
