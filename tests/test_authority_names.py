"""Authorities printed in one line parted by commas, where an official name holds a comma
of its own ("Bristol, City of", "Herefordshire, County of"): the line is cut around the
names the reference data knows whole, never inside one (before, "Bristol" and "City of"
were two authorities and the build stopped, exit 9, asking for "City of" to be added as a
spelling). A name the reference data does not know is named with the line it was cut
from, its page and the files to change.

Each edition is the golden model, changed, printed at test time by Chromium in the
"chromium-comma-authorities" layout: a site's authorities, where its name does not spell
them, one italic line under the name; a name that spells them alone.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.support import inputs
from tests.support.browser_edition import COMMA_AUTHORITIES, printed_edition
from tests.support.chromium import NEEDS_CHROMIUM, Chromium
from tests.support.command import run_cli
from tests.support.outputs import snapshot

pytestmark = NEEDS_CHROMIUM

HUMBER = ["Kingston upon Hull, City of", "North Lincolnshire", "East Riding of Yorkshire"]
HEREFORDSHIRE = ["Herefordshire, County of", "Worcestershire"]


def _with_names(humber: list[str]) -> dict:
    """The golden model with North Lincolnshire's site (Yorkshire and The Humber) named
    "Humber", these authorities listed under its name, and Birmingham's (West Midlands)
    named by its authorities, "Herefordshire, County of, Worcestershire"."""

    def change(model: dict) -> None:
        humber_site = inputs.site_named(model, "North Lincolnshire")
        humber_site["name"], humber_site["local_authorities"] = "Humber", humber
        hereford = inputs.site_named(model, "Birmingham")
        hereford["name"] = ", ".join(HEREFORDSHIRE)
        hereford["local_authorities"] = HEREFORDSHIRE

    return inputs.changed_model(change)


def _authorities(out: Path, site_id: str) -> list[tuple[str, str, str]]:
    with (out / "csv" / "local_authorities.csv").open(encoding="utf-8", newline="") as file:
        return [
            (row["la_name"], row["la_name_ons"], row["la_code"])
            for row in csv.DictReader(file)
            if row["site_id"] == site_id
        ]


def test_names_holding_a_comma_are_kept_whole_in_a_line_of_authorities_and_a_name(
    chromium: Chromium, tmp_path: Path
) -> None:
    source = printed_edition(_with_names(HUMBER), COMMA_AUTHORITIES, tmp_path / "pdf", chromium)
    out = tmp_path / "out"

    result = run_cli("build", "--source", str(source), "--out", str(out), "-q")

    assert (result.returncode, result.stderr) == (0, "")
    assert _authorities(out, "humber") == [
        ("Kingston upon Hull, City of", "Kingston upon Hull, City of", "E06000010"),
        ("North Lincolnshire", "North Lincolnshire", "E06000013"),
        ("East Riding of Yorkshire", "East Riding of Yorkshire", "E06000011"),
    ]
    assert _authorities(out, "herefordshire-county-of-worcestershire") == [
        ("Herefordshire, County of", "Herefordshire, County of", "E06000019"),
        ("Worcestershire", "Worcestershire", "E10000034"),
    ]


def test_an_unknown_name_holding_a_comma_is_named_with_its_line_page_and_files(
    chromium: Chromium, out_dir: Path, tmp_path: Path
) -> None:
    """An authority printed "Kingston upon Hull, The City of" is no name the reference data
    knows, whole or cut: the part that is unknown is named with the line it was cut from,
    and where a name with a comma of its own belongs; nothing is published."""
    names = ["Kingston upon Hull, The City of", *HUMBER[1:]]
    source = printed_edition(_with_names(names), COMMA_AUTHORITIES, tmp_path / "pdf", chromium)
    parent = snapshot(out_dir.parent)

    result = run_cli("build", "--source", str(source), "--out", str(out_dir))

    assert (result.returncode, result.stderr) == (
        9,
        'error: unknown local authority "The City of" (page 5, site "Humber", cut at the commas '
        'of "Kingston upon Hull, The City of, North Lincolnshire, East Riding of Yorkshire"): '
        "add "
        "it to pipeline/reference/la_name_variants.csv (printed_name,la_code) if it is a "
        "spelling of a known authority, or to local_authorities.csv; if it is part of a name "
        "with a comma of its own, add that whole name there instead\n",
    )
    assert snapshot(out_dir.parent) == parent
