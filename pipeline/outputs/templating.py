"""Prose and pages as Jinja templates (pipeline/outputs/templates/): the wording of what a
reader sees lives in reviewed files, not in code, and the code hands them only data.

Markdown templates are filled as they are; in HTML templates (.html.j2) every value is
escaped as it is printed (Jinja's autoescape).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _md_cell(text: object) -> str:
    """Text for a Markdown table cell: backslashes and pipes escaped."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|")


def _code(text: object) -> str:
    return f"`{text}`"


@cache
def environment() -> jinja2.Environment:
    """One environment for every template: an unknown name in a template is an error, not
    an empty string; block tags take their own line's newline with them. (Jinja is
    imported here, when a template is first rendered: `publish` renders none.)"""
    import jinja2

    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
    )
    templates.filters.update(md_cell=_md_cell, code=_code)
    return templates


def rendered(template: str, **values: Any) -> str:
    """The template filled with `values`."""
    return environment().get_template(template).render(**values)
