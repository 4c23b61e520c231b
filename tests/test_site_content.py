"""What a site's rows say together: the same authority, theme or approach twice within a site,
an approach that is a lone mark, an item cut off at a page end where its site runs on. Each is
refused by a check the registry declares (schemas/tables.toml, [[checks]]), all of them listed
at once (exit 10), and nothing is published.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.tables.validate import shown
from tests.support import inputs
from tests.support.command import run_cli
from tests.support.outputs import snapshot

LAYOUT = "a5-shapes"  # small pages: several sites run on to a second page
SUMMARY_END = (
    "nothing was published. Each line is table.column: check: value (row): fix the parser or "
    "the reference data that produced it."
)


REPEATED = '"Exploring the development, implementation and effectiveness…"'


def _change_trafford(model: dict) -> None:
    site = inputs.site_named(model, "Trafford")
    site["local_authorities"] = ["Trafford", "Trafford"]
    site["themes"].append(site["themes"][0])
    items = site["sections"][0]["items"]
    items.append(dict(items[0]))
    items[1]["text"] = "–"


def test_repeats_and_lone_marks_within_a_site_are_listed_all_at_once(
    out_dir: Path, tmp_path: Path
) -> None:
    source = inputs.edition(tmp_path, inputs.changed_model(_change_trafford), "edition.pdf")
    before = snapshot(out_dir.parent)

    result = run_cli("build", "--source", str(source), "--out", str(out_dir))

    assert result.returncode == 10, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        "error: 7 validation failures in approaches (3), local_authorities (2), site_themes (2); "
    )
    assert lines[0].endswith(SUMMARY_END)
    assert [line.split(" (row ")[0] for line in lines[1:]] == [
        'approaches.item_text: has words (not a lone mark): "–"',
        f"approaches.item_text: listed once within its site: {REPEATED}",
        f"approaches.item_text: listed once within its site: {REPEATED}",
        'local_authorities.la_code: listed once within its site: "E08000009"',
        'local_authorities.la_code: listed once within its site: "E08000009"',
        'site_themes.theme_published: listed once within its site: "Independent scrutiny"',
        'site_themes.theme_published: listed once within its site: "Independent scrutiny"',
    ]
    assert snapshot(out_dir.parent) == before


def test_an_item_cut_off_at_the_end_of_a_page_its_site_runs_on_from_is_refused(
    out_dir: Path, tmp_path: Path
) -> None:
    """The last item on the first page of a site that runs on, typeset without the end of its
    sentence."""
    whole = inputs.edition(tmp_path, inputs.golden_model(), "whole.pdf", LAYOUT)
    published = tmp_path / "whole-output"
    assert run_cli("build", "--source", str(whole), "--out", str(published), "-q").returncode == 0
    with (published / "csv" / "sites.csv").open(encoding="utf-8") as handle:
        running_on = {
            row["site_id"]: row
            for row in csv.DictReader(handle)
            if row["page_start"] != row["page_end"]
        }
    with (published / "csv" / "approaches.csv").open(encoding="utf-8") as handle:
        approaches = list(csv.DictReader(handle))
    # The last item on the first page of a site that runs on, in a list of sentences.
    site, last = next(
        (site, rows[-1])
        for site in running_on.values()
        if (
            rows := [
                row
                for row in approaches
                if row["site_id"] == site["site_id"] and row["page"] == site["page_start"]
            ]
        )
        and rows[-1]["item_text"].endswith(".")
    )
    cut = last["item_text"].removesuffix(".")  # as if the rest were lost

    def cut_off(model: dict) -> None:
        section = inputs.site_named(model, site["site_name"])["sections"][
            int(last["section_order"]) - 1
        ]
        section["items"][int(last["item_order"]) - 1]["text"] = cut

    source = inputs.edition(tmp_path, inputs.changed_model(cut_off), "cut.pdf", LAYOUT)
    before = snapshot(out_dir.parent)

    result = run_cli("build", "--source", str(source), "--out", str(out_dir))

    assert result.returncode == 10, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(
        "approaches.item_text: ends as a sentence ends where its site runs on to the next page "
        f"(cut off at the page end?): {shown(cut)} (row "
    )
    assert snapshot(out_dir.parent) == before
