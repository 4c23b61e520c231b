"""A print PDF as a layout program writes it (tests/support/print_file.py): only the trimmed
page is read, words placed one by one are read as words, dingbat bullets start items and
the running footer is found by repetition, though it stands far above the 8% margin band."""

from __future__ import annotations

from pathlib import Path

from pipeline.run import laid_out_document
from pipeline.structure.sites import document_model
from tests.support.print_file import write_print_file


def _site(region: str, name: str) -> list[tuple[str, str, float, float]]:
    return [
        ("banner", region, 30, 40),
        ("name", name, 30, 70),
        ("title", "Multi-agency learning theme(s)", 30, 110),
        ("item", "Independent scrutiny", 30, 128),
        ("title", "Overview of approaches", 30, 160),
        ("item", "Independent scrutiny will be provided", 30, 178),
        ("text", "through the board.", 39, 190),
        ("item", f"Peer reviews in {name}.", 30, 204),
    ]


def test_a_print_file_is_read_inside_its_trim_with_its_footer_and_slug_left_out(
    tmp_path: Path,
) -> None:
    path = tmp_path / "print.pdf"
    cover = [("name", "Safeguarding Early Adopters", 30, 200)]
    write_print_file(path, [cover, _site("North West", "Tameside"), _site("London", "Trafford")])
    document = laid_out_document(path, jobs=1)
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Safeguarding Early Adopters", "1"],
        ["Safeguarding Early Adopters", "2"],
        ["Safeguarding Early Adopters", "3"],
    ]
    every_text = " ".join(line.text for page in document.pages for line in page.lines)
    assert "indd" not in every_text and "2019" not in every_text  # the slug
    model = document_model(document)
    assert [
        (
            site.region.text,
            site.name.text if site.name else None,
            [theme.text for theme in site.themes],
            [(item.text, item.list_style) for s in site.sections for item in s.items],
        )
        for site in model.sites
    ] == [
        (
            "North West",
            "Tameside",
            ["Independent scrutiny"],
            [
                ("Independent scrutiny will be provided through the board.", "bullet"),
                ("Peer reviews in Tameside.", "bullet"),
            ],
        ),
        (
            "London",
            "Trafford",
            ["Independent scrutiny"],
            [
                ("Independent scrutiny will be provided through the board.", "bullet"),
                ("Peer reviews in Trafford.", "bullet"),
            ],
        ),
    ]
    assert model.unplaced == ()
