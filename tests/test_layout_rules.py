"""Unit tests of the layout rules on synthetic words: line joining, column splitting,
list markers and section headings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.errors import LayoutError
from pipeline.layout.document import ExtractedDocument, extracted_document, parsed_page
from pipeline.layout.lines import Page, line_fragments, line_of
from pipeline.metadata.publication import parser_facts
from pipeline.model import BBox, DocumentModel
from pipeline.read.pdf import RawPage, WideShape, Word, raw_page, small_capitals_as_letters
from pipeline.reference import load_reference
from pipeline.structure.sites import document_model, joined_text
from tests.support.paths import ROOT

REFERENCE = load_reference()


def words(
    text: str,
    x0: float,
    top: float,
    size: float = 10,
    font: str = "Helvetica",
    color: tuple[float, ...] | None = None,
):
    """Words of one printed line, each character 0.5 em wide and spaces 0.25 em."""
    placed = []
    x = x0
    for token in text.split():
        width = 0.5 * size * len(token)
        placed.append(Word(token, BBox(x, top, x + width, top + size), size, font, color))
        x += width + 0.25 * size
    return placed


def test_a_gutter_beside_larger_type_on_one_baseline_parts_the_line():
    """The last line of one newspaper column (9.5 pt) and a site's name opening the next
    (21 pt) share a baseline across a 5 mm gutter: 1.5 ems of the line's type, 0.7 of the
    name's. Measured in the smaller type, the gap parts them."""
    column_end = words("engage schools in", 180, 420, 9.5)
    gutter = 14.2
    start = column_end[-1].bbox.x1 + gutter
    name = Word("Trafford", BBox(start, 408.5, start + 84, 429.5), 21, "Helvetica-Bold", None)
    fragments = line_fragments([*column_end, name])
    assert [[word.text for word in f.words] for f in fragments] == [
        ["engage", "schools", "in"],
        ["Trafford"],
    ]


def test_a_gutter_as_wide_as_a_justified_lines_spaces_still_parts_larger_type():
    """A justified 8.5 pt line ending one newspaper column (its spaces spread to 12.44 pt)
    and the second line of a 14 pt name wrapped in the next column, 12 pt across the
    gutter, stand on nearly one baseline (Typst, A5, `columns(2)`): the gutter is as wide
    as the line's spaces, to 0.44 pt, but justification spreads the spaces of one type, so
    it parts the name from the line."""
    line = [
        Word(text, BBox(x0, 165.4, x1, 173.9), 8.5, "Serif", None)
        for text, x0, x1 in (
            ("Reshaping", 46.92, 83.05),
            ("engagement", 95.49, 137.89),
            ("of", 150.33, 157.25),
            ("education", 169.69, 203.76),
        )
    ]
    name = Word("Lewisham", BBox(215.76, 158.1, 280.37, 172.11), 14, "Serif-Bold", None)
    assert [[word.text for word in f.words] for f in line_fragments([*line, name])] == [
        ["Reshaping", "engagement", "of", "education"],
        ["Lewisham"],
    ]


def test_a_heading_in_another_style_past_a_list_items_text_is_the_next_cells_line() -> None:
    """A ruled table of two cells (Typst, `table`): the themes cell holds one theme, too
    few lines to be read as a column of its own, and its line stands on the baseline of
    the approaches' first heading, bold italic, across the cells' gutter (1.8 em). A list
    item is one run of text: the heading is a line of its own, not the theme's last words
    ("Local reviews Improving local reviews")."""
    page = page_of(
        [*words("•", 64.7, 140, 10.5), *words("Local reviews", 78.9, 140, 10.5)],
        words("Improving local reviews", 228.9, 140, 10.5, "Helvetica-BoldOblique"),
        words("• Planning for effective local child safeguarding reviews.", 230.9, 160, 10.5),
        words("• Implementing an effective Quality Assurance framework.", 230.9, 174, 10.5),
        words("for cases under the threshold of local practice reviews.", 245.1, 188, 10.5),
    )
    assert [(line.marker, line.text) for line in page.lines][:2] == [
        ("•", "Local reviews"),
        (None, "Improving local reviews"),
    ]


def test_a_small_bullet_keeps_its_indent_measured_in_its_texts_type():
    """A 5 pt square bullet on its 10 pt text's baseline, the text indented 20 pt after it
    (2 ems of the text): the indent is the list's, measured in the text's type, not in the
    bullet's (3.6 ems of 5 pt would part them at 18 pt)."""
    bullet = Word("\u25aa", BBox(60, 105, 63, 110), 5.0, "Helvetica", None)
    item = [bullet, *words("First item about schools", 83, 100)]
    assert [[word.text for word in f.words] for f in line_fragments(item)] == [
        ["\u25aa", "First", "item", "about", "schools"]
    ]


def raw_page_of(
    lines: Sequence[list[Word]],
    shapes: tuple[BBox, ...] = (),
    number: int = 1,
    wide_shapes: tuple[WideShape, ...] = (),
    size: tuple[float, float] = (600, 800),
) -> RawPage:
    """A page of these printed lines (and drawn shapes), 600 x 800 pt unless `size` says."""
    return RawPage(
        number,
        size[0],
        size[1],
        BBox(0, 0, *size),
        tuple(w for line in lines for w in line),
        shapes,
        False,
        wide_shapes=wide_shapes,
    )


def page_of(
    *lines: list[Word],
    shapes: tuple[BBox, ...] = (),
    number: int = 1,
    wide_shapes: tuple[WideShape, ...] = (),
    size: tuple[float, float] = (600, 800),
) -> Page:
    raw = raw_page_of(lines, shapes, number, wide_shapes, size)
    return extracted_document([parsed_page(raw)]).pages[0]


def model_of(*site_lines: list[Word]) -> DocumentModel:
    """The model of a two-page document: a cover, then one site page of these lines, read
    with the reference data, as a build reads it."""
    cover = page_of(words("Title", 50, 300, 30))
    return document_model(
        ExtractedDocument(2, None, None, (cover, page_of(*site_lines, number=2))),
        reference=REFERENCE,
    )


def texts(page: Page) -> list[tuple[int, str]]:
    return [(line.block, line.text) for line in page.lines]


# --- joining wrapped lines -----------------------------------------------------


def test_hyphen_at_line_end_inside_a_word_joins_without_space() -> None:
    assert joined_text(["across the multi-", "agency partnership"]) == (
        "across the multi-agency partnership"
    )


def test_slash_at_line_end_joins_without_space_but_spaced_slash_keeps_its_spaces() -> None:
    assert joined_text(["'assurance/", "review'"]) == "'assurance/review'"
    assert joined_text(["Alternative structural model /", "merging"]) == (
        "Alternative structural model / merging"
    )


def test_dash_between_words_and_whitespace_are_kept_as_printed() -> None:
    assert joined_text(["two streams –", "  'response' "]) == "two streams – 'response'"
    assert joined_text(["aged 5-", "11"]) == "aged 5- 11"


# --- columns -------------------------------------------------------------------


def test_side_by_side_columns_never_share_a_line() -> None:
    page = page_of(
        words("North West", 50, 40, 15, "Helvetica-Bold"),
        words("Left one", 50, 100),
        words("Right one is longer", 260, 100),
        words("Left two", 50, 114),
        words("Right two", 260, 114),
        words("Right three", 260, 128),
    )
    assert texts(page) == [
        (0, "North West"),
        (0, "Left one"),
        (0, "Left two"),
        (1, "Right one is longer"),
        (1, "Right two"),
        (1, "Right three"),
    ]


def test_full_width_lines_bound_the_columns_above_and_below() -> None:
    page = page_of(
        words("A heading that runs right across the whole page width, past the gutter", 50, 40),
        words("Left one", 50, 100),
        words("Right one", 300, 100),
        words("Left two", 50, 114),
        words("Right two", 300, 114),
        words("A closing line that again runs right across the page, past the gutter", 50, 160),
    )
    assert texts(page) == [
        (0, "A heading that runs right across the whole page width, past the gutter"),
        (1, "Left one"),
        (1, "Left two"),
        (2, "Right one"),
        (2, "Right two"),
        (3, "A closing line that again runs right across the page, past the gutter"),
    ]


def test_a_wide_white_band_between_two_stretches_of_columns_reads_each_stretch_whole() -> None:
    """Two sites one below the other, each a panel beside its approaches, and one gutter
    through both: each site is read whole (3 em of white space parts them)."""
    page = page_of(
        words("North West", 50, 40),
        words("Panel one", 50, 60),
        words("Approaches one", 300, 60),
        words("Panel one again", 50, 74),
        words("Approaches one again", 300, 74),
        words("North East", 50, 114),
        words("Panel two", 50, 134),
        words("Approaches two", 300, 134),
        words("Panel two again", 50, 148),
        words("Approaches two again", 300, 148),
    )
    assert texts(page) == [
        (0, "North West"),
        (0, "Panel one"),
        (0, "Panel one again"),
        (1, "Approaches one"),
        (1, "Approaches one again"),
        (2, "North East"),
        (2, "Panel two"),
        (2, "Panel two again"),
        (3, "Approaches two"),
        (3, "Approaches two again"),
    ]


def newspaper_columns(right_line_end: str = "on", header: bool = False) -> list[list[Word]]:
    """Two newspaper columns of one measure (their longest lines 20 characters), each with
    a site break at the same height (3 em of white space across both): above it, the foot
    of a site in the first column and, in the second, the site that runs on from the first
    column's foot; below it, a new site in each. `right_line_end`: the end of the second
    column's longest lines (a longer one sets it to another measure); `header`: a site's
    banner above the first column's first line, where a site's header would stand above
    two panels side by side."""
    return [
        *([words("North West", 50, 22)] if header else []),
        words("Site one ends here", 50, 40),
        words("at the first column.", 50, 54),
        words(f"Site two goes {right_line_end}", 300, 40),
        words(f"and it ends {right_line_end}", 300, 54),
        words("Site two starts here", 50, 94),
        words("and then runs on to", 50, 108),
        words(f"Site three starts {right_line_end}", 300, 94),
        words(f"and it goes {right_line_end}", 300, 108),
    ]


def test_newspaper_columns_breaking_at_one_height_are_read_column_by_column() -> None:
    """Both columns leave a band of white space at one height, and nothing crosses their
    gutter: one set of newspaper columns, read down the first through the band, then the
    second (whose top goes on from the first column's foot). Two panels sized to what they
    hold (the second column wider), or a site's banner starting the first column above the
    second, make two stretches read one after the other, as two sites one below the other
    are."""
    assert texts(page_of(*newspaper_columns())) == [
        (0, "Site one ends here"),
        (0, "at the first column."),
        (0, "Site two starts here"),
        (0, "and then runs on to"),
        (1, "Site two goes on"),
        (1, "and it ends on"),
        (1, "Site three starts on"),
        (1, "and it goes on"),
    ]
    stacked = [
        (0, "Site one ends here"),
        (0, "at the first column."),
        (1, "Site two goes on and on to its end"),
        (1, "and it ends on and on to its end"),
        (2, "Site two starts here"),
        (2, "and then runs on to"),
        (3, "Site three starts on and on to its end"),
        (3, "and it goes on and on to its end"),
    ]
    assert texts(page_of(*newspaper_columns("on and on to its end"))) == stacked
    assert texts(page_of(*newspaper_columns(header=True))) == [
        (0, "North West"),
        (0, "Site one ends here"),
        (0, "at the first column."),
        (1, "Site two goes on"),
        (1, "and it ends on"),
        (2, "Site two starts here"),
        (2, "and then runs on to"),
        (3, "Site three starts on"),
        (3, "and it goes on"),
    ]


def packed_sites() -> list[list[Word]]:
    """Two sites one below the other, each a panel beside its approaches, one gutter
    through both, and no white space between them wider than a line's (0.6 em)."""
    return [
        words("North West", 50, 40),
        words("Panel one", 50, 60),
        words("Approaches one", 300, 60),
        words("Panel one again", 50, 74),
        words("Approaches one again", 300, 74),
        words("North East", 50, 90),
        words("Panel two", 50, 104),
        words("Approaches two", 300, 104),
        words("Panel two again", 50, 118),
        words("Approaches two again", 300, 118),
    ]


def test_a_banner_block_packed_under_the_site_before_reads_each_site_whole() -> None:
    """The second site's banner is a block drawn across the text (from 45 to 400 pt, the
    text from 50 to 395 pt), starting 0.2 em under the first site's last line: it parts
    the sites as a wide white band would."""
    banner = (45.0, 86.0, 400.0, 101.0)
    assert texts(page_of(*packed_sites(), wide_shapes=(banner,))) == [
        (0, "North West"),
        (0, "Panel one"),
        (0, "Panel one again"),
        (1, "Approaches one"),
        (1, "Approaches one again"),
        (2, "North East"),
        (2, "Panel two"),
        (2, "Panel two again"),
        (3, "Approaches two"),
        (3, "Approaches two again"),
    ]
    # a rule drawn as a line of no height, a glyph's box reaching 0.1 em past it
    rule = (40.0, 83.0, 410.0, 83.0)
    assert texts(page_of(*packed_sites(), wide_shapes=(rule,))) == texts(
        page_of(*packed_sites(), wide_shapes=(banner,))
    )


def test_sites_packed_in_one_pair_of_columns_with_nothing_across_between_them_stop() -> None:
    """Two sites one below the other, each its themes beside its approaches, packed with no
    white space between them and no banner block drawn (a print without background
    graphics): the page is one stretch read column by column, both sites' themes before
    either's approaches, and the titles side by side land in two sites. The build stops
    saying so, rather than give one site's approaches to the other (it stopped saying a
    site listed no themes, which the page prints)."""
    site_lines = []
    for top, region, name in ((40, "North West", "Tameside"), (150, "North West", "Trafford")):
        site_lines += [
            words(region, 50, top, 12, "Helvetica-Bold"),
            words(name, 50, top + 16, 20, "Helvetica-Bold"),
            words("Multi-agency learning theme(s)", 50, top + 42, 11, "Helvetica-Bold"),
            words("Overview of approaches", 300, top + 42, 12, "Helvetica-Bold"),
            words("• Local reviews", 50, top + 58),
            words("• Planning for reviews of practice.", 300, top + 58),
            words("• Sharing the learning.", 300, top + 72),
            words("• Engaging the schools.", 300, top + 86),
            words("• Engaging the colleges.", 300, top + 100),
        ]
    with pytest.raises(LayoutError) as error:
        model_of(*site_lines)
    assert error.value.message == (
        "page 2: the titles 'Multi-agency learning theme(s)' and 'Overview of approaches' "
        "stand side by side, but the sites on the page stand one below the other in the "
        "same columns with nothing across the page between them (no white space, rule or "
        "banner block), so the columns cannot be read site by site; if the PDF was printed "
        "without its background graphics, print it with them, else check the PDF page"
    )


def test_a_shape_short_of_the_text_or_over_a_line_parts_nothing() -> None:
    """With no shape, the packed sites are one stretch read column by column; a panel's
    box behind the first column only, or a block whose top stands inside a line's height
    (0.4 em above the foot of the line over it), does not change that."""
    unparted = [
        (0, "North West"),
        (0, "Panel one"),
        (0, "Panel one again"),
        (0, "North East"),
        (0, "Panel two"),
        (0, "Panel two again"),
        (1, "Approaches one"),
        (1, "Approaches one again"),
        (1, "Approaches two"),
        (1, "Approaches two again"),
    ]
    assert texts(page_of(*packed_sites())) == unparted
    panel_box = (45.0, 86.0, 200.0, 140.0)
    assert texts(page_of(*packed_sites(), wide_shapes=(panel_box,))) == unparted
    through_a_line = (45.0, 80.0, 400.0, 101.0)
    assert texts(page_of(*packed_sites(), wide_shapes=(through_a_line,))) == unparted


def test_text_above_a_banner_block_is_read_before_it_though_neither_is_in_columns() -> None:
    """A page opens with the approaches of the site before running on in the second
    column, then the next site's banner block across the text and, under a wide gap, its
    panels. The block parts the run-on text from the banner, which goes on with the panels
    below it; with no block, the banner in the first column's place would be read first."""
    page = [
        words("and the approaches run on", 300, 40),
        words("to their end here.", 300, 54),
        words("North West", 50, 76, 15, "Helvetica-Bold"),
        words("Panel two", 50, 130),
        words("Approaches two", 300, 130),
        words("Panel two again", 50, 144),
        words("Approaches two again", 300, 144),
    ]
    banner = (45.0, 70.0, 430.0, 95.0)
    assert texts(page_of(*page, wide_shapes=(banner,))) == [
        (0, "and the approaches run on"),
        (0, "to their end here."),
        (1, "North West"),
        (1, "Panel two"),
        (1, "Panel two again"),
        (2, "Approaches two"),
        (2, "Approaches two again"),
    ]
    assert texts(page_of(*page))[0] == (0, "North West")


def test_a_column_running_on_below_a_wide_gap_is_read_down_before_the_next() -> None:
    """Newspaper columns: the right column ends level with the left one, which runs on
    below a gap as wide as a site break; what is under the gap is in the first column only,
    so the columns still read down, left first."""
    page = page_of(
        words("Left one", 50, 60),
        words("Right one", 300, 60),
        words("Left two", 50, 74),
        words("Right two", 300, 74),
        words("Left three", 50, 114),
        words("Left four", 50, 128),
    )
    assert texts(page) == [
        (0, "Left one"),
        (0, "Left two"),
        (0, "Left three"),
        (0, "Left four"),
        (1, "Right one"),
        (1, "Right two"),
    ]


def test_a_panel_running_on_at_a_page_top_beside_an_empty_first_column_is_read_first() -> None:
    """A grid of two panels broken by the page: the approaches run on at the top of the
    page where the shorter panel beside them ended on the page before, then the next site
    in two columns under a wide gap. Text only beyond the first column cannot be read after
    that column's text further down: it is read first."""
    page = page_of(
        words("Approaches one run on", 300, 40),
        words("and end here.", 300, 54),
        words("North East", 50, 100),
        words("Panel two", 50, 120),
        words("Approaches two", 300, 120),
        words("Panel two again", 50, 134),
        words("Approaches two again", 300, 134),
    )
    assert texts(page) == [
        (0, "Approaches one run on"),
        (0, "and end here."),
        (1, "North East"),
        (1, "Panel two"),
        (1, "Panel two again"),
        (2, "Approaches two"),
        (2, "Approaches two again"),
    ]


def test_under_two_panels_that_end_apart_the_first_column_below_a_gap_is_read_last() -> None:
    """A short panel beside longer approaches, then under a wide gap the next site's banner
    in the first column's place: the columns end apart, so they are two panels, not
    newspaper columns running on, and the banner is read after both."""
    page = page_of(
        words("Panel one", 50, 60),
        words("Approaches one", 300, 60),
        words("Panel one again", 50, 74),
        words("Approaches one again", 300, 74),
        words("Approaches one, third", 300, 88),
        words("Approaches one, fourth", 300, 102),
        words("North East", 50, 150),
        words("Newcastle", 50, 164),
    )
    assert texts(page) == [
        (0, "Panel one"),
        (0, "Panel one again"),
        (1, "Approaches one"),
        (1, "Approaches one again"),
        (1, "Approaches one, third"),
        (1, "Approaches one, fourth"),
        (2, "North East"),
        (2, "Newcastle"),
    ]


def test_newspaper_columns_whose_second_ended_early_read_the_first_down_across_a_gap() -> None:
    """Newspaper columns: a site fills the first column, the next runs on from its foot to
    the top of the second column, where a column break (before a list's last item) ends
    that column early; the first column goes on under a wide gap with the next site. The
    second column goes on from the first column's foot, so it is read after the text
    under the gap (it was read before it, and published under the site above the gap).
    Where the first column ends lower, its second may be a line or two of any width."""
    page = page_of(
        words("York starts at the top", 50, 40),
        words("Herts goes on", 300, 40),
        words("of the first column and", 50, 54),
        words("up here.", 300, 54),
        words("ends lower in it here.", 50, 68),
        words("Herts starts below", 50, 120),
        words("the gap in the first.", 50, 134),
    )
    assert texts(page) == [
        (0, "York starts at the top"),
        (0, "of the first column and"),
        (0, "ends lower in it here."),
        (0, "Herts starts below"),
        (0, "the gap in the first."),
        (1, "Herts goes on"),
        (1, "up here."),
    ]


def test_newspaper_columns_of_one_measure_whose_first_site_ended_short_read_down() -> None:
    """Newspaper columns of one measure, where a column break (before a heading) ended the
    first column's site short, above a wide gap, and the second column, which goes on from
    the foot of the first, ends lower: the columns are set alike, so they are not a
    shorter panel beside taller approaches (sized to what each holds), and the first
    column is read down across the gap to the next site before the second."""
    page = page_of(
        words("Devon's last heading", 50, 40),
        words("Wilts' last heading", 300, 40),
        words("and its one item here.", 50, 54),
        words("and its one item, which", 300, 54),
        words("wraps at the measure.", 300, 68),
        words("Wiltshire starts here", 50, 120),
        words("under the gap's white.", 50, 134),
    )
    assert texts(page) == [
        (0, "Devon's last heading"),
        (0, "and its one item here."),
        (0, "Wiltshire starts here"),
        (0, "under the gap's white."),
        (1, "Wilts' last heading"),
        (1, "and its one item, which"),
        (1, "wraps at the measure."),
    ]


def test_a_heading_row_over_a_cell_running_on_is_read_before_the_next_site() -> None:
    """A table's heading row at a page top, its first title alone (no theme under it
    here) beside the second cell running on, then under a wide gap the next site in two
    columns. The text beyond the first column cannot follow the columns below: the row is
    read first, cut at their gutter, each title on its own line."""
    page = page_of(
        words("Themes", 50, 40, 10, "Helvetica-Bold"),
        words("Approaches", 300, 40, 12, "Helvetica-Bold"),
        words("run on from the page", 300, 60),
        words("before and end.", 300, 74),
        words("North East", 50, 120),
        words("Panel two", 50, 140),
        words("Approaches two", 300, 140),
        words("Panel two again", 50, 154),
        words("Approaches two again", 300, 154),
    )
    assert texts(page) == [
        (0, "Themes"),
        (1, "Approaches"),
        (1, "run on from the page"),
        (1, "before and end."),
        (2, "North East"),
        (2, "Panel two"),
        (2, "Panel two again"),
        (3, "Approaches two"),
        (3, "Approaches two again"),
    ]


def test_the_rest_of_a_row_that_crosses_a_gutter_is_not_in_the_column_below() -> None:
    """Tags in a row above two columns: the second crosses their gutter (it reaches past
    where the second column starts), the third stands over the second column. The row is
    one line above the columns; its third tag is not the second column's first line."""
    page = page_of(
        words("Brent", 50, 80),
        words("Hammersmith and Fulham", 90, 80),
        words("Harrow", 330, 80),
        words("Panel one", 50, 110),
        words("Approaches one", 180, 110),
        words("Panel one again", 50, 124),
        words("Approaches one again", 180, 124),
    )
    assert texts(page) == [
        (0, "Brent Hammersmith and Fulham Harrow"),
        (1, "Panel one"),
        (1, "Panel one again"),
        (2, "Approaches one"),
        (2, "Approaches one again"),
    ]


def test_one_column_of_ragged_lines_is_not_split() -> None:
    page = page_of(
        words("Short line", 50, 100),
        words("A much longer line that crosses where a gutter could be", 50, 114),
        words("Tiny", 50, 128),
        words("Another long line crossing the middle of the page text", 50, 142),
    )
    assert {block for block, _ in texts(page)} == {0}


def justified(text: str, x0: float, x1: float, top: float, size: float = 10) -> list[Word]:
    """Words of one justified line from `x0` to `x1`: each character 0.5 em wide, the gaps
    between the words alike."""
    placed = words(text, x0, top, size)
    widths = [word.bbox.x1 - word.bbox.x0 for word in placed]
    gap = (x1 - x0 - sum(widths)) / (len(placed) - 1)
    x = x0
    for index, (word, width) in enumerate(zip(placed, widths, strict=True)):
        placed[index] = replace(word, bbox=BBox(x, top, x + width, top + size))
        x += width + gap
    return placed


def test_justified_lines_of_two_words_in_a_narrow_column_are_lines_not_columns() -> None:
    """The grid on A5: an item justified in a column 10.8 em wide, whose lines of two words
    are spread to its measure by one gap of 3.7-5.3 em, wider than a gutter. Two of them end
    in "and" at one x, which looks like the left edge of a column beyond a gutter; the
    lines above and below fill the same measure with word spaces. Each is one line of the
    column (they were cut in two, the right words read as a column after the left ones)."""
    left, right = 263.4, 371.2
    lines = [
        justified("Planning for effective", left, right, 100),
        justified("the local practice", left, right, 113.5),
        justified("Implementing an", left, right, 127),
        justified("effective Quality", left, right, 140.5),
        justified("Assurance and", left, right, 154),
        justified("Learning and", left, right, 167.5),
        words("Improvement", left, 181),
        justified("Framework for cases", left, right, 194.5),
        words("under review.", left, 208),
    ]
    fragments = line_fragments([word for line in lines for word in line])
    assert [f.text for f in fragments] == [" ".join(w.text for w in line) for line in lines]
    assert texts(page_of(*lines)) == [(0, " ".join(w.text for w in line)) for line in lines]


def test_a_running_foot_at_the_ends_of_the_texts_measure_stays_two_texts() -> None:
    """A running foot's title at the left margin and the page number at the right, below
    full-width justified text: a row of two words that starts and ends where the text's
    lines do, but no line of its column, a band of white space above it. Its two texts
    stay apart (the page number read as a page number)."""
    body = (
        "Lines of the body text set full width and justified to the page's measure,",
        "one after the other down the page, each of them ending where all the others",
        "end, the word spaces spread a little wider or narrower than the font's own.",
    )
    lines = [justified(text, 50, 550, 100 + 14 * row) for row, text in enumerate(body)]
    foot = [*words("Overview", 50, 760), *words("3", 545, 760)]
    fragments = line_fragments([*(word for line in lines for word in line), *foot])
    assert [f.text for f in fragments][-2:] == ["Overview", "3"]


def test_banners_of_a_row_of_cards_on_one_baseline_are_read_each_with_its_card() -> None:
    """Three cards side by side (a CSS grid): their banners stand on one baseline, the
    cards' gutters between them equal, as justification spreads a line's gaps; but no
    justification opens gutters that wide (wide_gutter), so each banner is read with its
    card, not as one line across the row."""
    page = page_of(
        *(
            line
            for x, region, name in (
                (20, "London", "Brent"),
                (220, "London", "Ealing"),
                (420, "South East", "Reading"),
            )
            for line in (
                words(region, x, 40, 10, "Helvetica-Bold"),
                words(name, x, 60, 14, "Helvetica-Bold"),
                words(f"• {name} one", x, 84),
                words(f"• {name} two", x, 98),
            )
        )
    )
    assert texts(page) == [
        (0, "London"),
        (0, "Brent"),
        (0, "Brent one"),
        (0, "Brent two"),
        (1, "London"),
        (1, "Ealing"),
        (1, "Ealing one"),
        (1, "Ealing two"),
        (2, "South East"),
        (2, "Reading"),
        (2, "Reading one"),
        (2, "Reading two"),
    ]


def sheet_page(x: float, region: str, name: str, number: int) -> list[list[Word]]:
    """One page of a sheet of two (1200 x 800 pt): banner and name, white space, then a
    themes panel beside the approaches, and the page's number at its foot."""
    return [
        words(region, x, 40, 15, "Helvetica-Bold"),
        words(name, x, 60, 24, "Helvetica-Bold"),
        words(f"{name} theme", x, 130),
        words(f"{name} approach", x + 250, 130),
        words(f"{name} theme again", x, 144),
        words(f"{name} approach again", x + 250, 144),
        words(str(number), x + 480, 770),
    ]


def test_two_pages_side_by_side_on_one_sheet_are_read_one_after_the_other() -> None:
    """A 2-up sheet: two pages side by side, a gutter down its middle that nothing crosses,
    as wide as two pages' margins, each page numbered at its foot. Each page is read
    whole, the left first, not both banners before either page's panels."""
    sheet = page_of(
        *sheet_page(50, "North West", "Tameside", 3),
        *sheet_page(650, "London", "Brent", 4),
        size=(1200, 800),
    )
    assert [text for _, text in texts(sheet)] == [
        "North West",
        "Tameside",
        "Tameside theme",
        "Tameside theme again",
        "Tameside approach",
        "Tameside approach again",
        "London",
        "Brent",
        "Brent theme",
        "Brent theme again",
        "Brent approach",
        "Brent approach again",
    ]
    assert sheet.pages_on_sheet == 2
    # the same text on a page that numbers itself once is one page's
    one_page = page_of(
        *sheet_page(50, "North West", "Tameside", 3)[:-1],
        *sheet_page(650, "London", "Brent", 4),
        size=(1200, 800),
    )
    assert one_page.pages_on_sheet == 1


# --- running furniture ---------------------------------------------------------


def _document(
    *pages: list[list[Word]], size: tuple[float, float] = (600, 800)
) -> ExtractedDocument:
    return extracted_document(
        [
            parsed_page(raw_page_of(lines, number=number, size=size))
            for number, lines in enumerate(pages, 1)
        ]
    )


def test_margin_text_repeated_on_two_pages_and_page_numbers_are_furniture() -> None:
    """The margins are the top and bottom 8% of the page (above 64 pt, below 736 pt here)."""
    document = _document(
        [
            words("Body text of the first page", 50, 200),
            words("Safeguarding Early Adopters", 50, 770, 8),
            words("1", 550, 770, 8),
        ],
        [
            words("Body text of the second page", 50, 200),
            words("Safeguarding Early Adopters", 50, 770, 8),
            words("Page 2 of 2", 520, 770, 8),
        ],
    )
    first, second = document.pages
    assert [line.text for line in first.lines] == ["Body text of the first page"]
    assert [line.text for line in first.furniture] == ["Safeguarding Early Adopters", "1"]
    assert [line.text for line in second.furniture] == [
        "Safeguarding Early Adopters",
        "Page 2 of 2",
    ]


def test_margin_text_printed_once_is_laid_out_with_the_body() -> None:
    """The parser guesses that all margin text is furniture; a title high on one page only
    proves the guess wrong and is read as the first line of the page, above the columns it
    spans."""
    document = _document(
        [
            words(
                "North West London safeguarding partnership review", 50, 40, 15, "Helvetica-Bold"
            ),
            words("Left column first line", 50, 200),
            words("Right column first line", 330, 200),
            words("Left column second line", 50, 214),
            words("Right column second line", 330, 214),
            words("Safeguarding Early Adopters", 50, 770, 8),
        ],
        [
            words("Body text of the second page", 50, 200),
            words("Safeguarding Early Adopters", 50, 770, 8),
        ],
    )
    first, second = document.pages
    assert texts(first) == [
        (0, "North West London safeguarding partnership review"),
        (1, "Left column first line"),
        (1, "Left column second line"),
        (2, "Right column first line"),
        (2, "Right column second line"),
    ]
    assert [line.text for line in first.furniture] == ["Safeguarding Early Adopters"]
    assert [line.text for line in second.lines] == ["Body text of the second page"]


def test_a_footer_repeated_at_one_place_is_furniture_wherever_the_margin_is() -> None:
    """No fixed band: a footer 100 pt above the page's foot repeats, so it is furniture."""
    document = _document(
        [words("Body text of the first page", 50, 200), words("Safeguarding EA", 50, 690, 8)],
        [words("Body text of the second page", 50, 200), words("Safeguarding EA", 50, 690, 8)],
    )
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Safeguarding EA"],
        ["Safeguarding EA"],
    ]


def test_a_banner_that_repeats_at_the_top_of_some_pages_is_not_furniture() -> None:
    """Region banners share one place at the top: the one printed there most is not on half
    of the pages, and it is set larger than the body text."""
    pages = [
        [
            words(region, 50, 30, 10, "Helvetica-Bold"),
            words(f"The {body} site", 50, 200),
            words("and its approaches", 50, 214),
            words(f"in {body}", 50, 228),
        ]
        for region, body in [
            ("North West", "Tameside"),
            ("North West", "Salford"),
            ("London", "Brent"),
            ("Wessex", "Dorset"),
        ]
    ]
    document = _document(*pages)
    assert [page.lines[0].text for page in document.pages] == [
        "North West",
        "North West",
        "London",
        "Wessex",
    ]


def test_a_last_line_repeated_far_above_the_footer_is_content_not_furniture() -> None:
    """Two short pages end with the same item at one place (a site printed twice, or two
    sites ending alike), far above the footer: the second row from the foot, but not a
    footer's second line, so it is read with the body. A second footer line close under the
    first is still furniture."""
    pages = [
        [
            words(f"The {name} site", 50, 200),
            words("• Establish an appreciative enquiry model", 50, 500),
            words("Safeguarding EA", 50, 760, 8),
            words("www.ncb.org.uk", 50, 772, 8),
        ]
        for name in ("Tameside", "Salford")
    ]
    document = _document(*pages)
    assert [[line.text for line in page.lines] for page in document.pages] == [
        ["The Tameside site", "Establish an appreciative enquiry model"],
        ["The Salford site", "Establish an appreciative enquiry model"],
    ]
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Safeguarding EA", "www.ncb.org.uk"],
        ["Safeguarding EA", "www.ncb.org.uk"],
    ]


def test_a_footers_second_line_set_wide_apart_is_still_furniture() -> None:
    """A footer's title 45 pt (4.5 body ems) above its page number, the body's last line
    further up still: the title stands nearer the number than the body, so both are the
    footer."""
    pages = [
        [
            words(f"The {name} site", 50, 200),
            words(f"and the {name} approaches", 50, 214),
            words("Safeguarding EA", 50, 725, 8),
            words(f"Page {number}", 50, 770, 8),
        ]
        for number, name in enumerate(("Tameside", "Salford"), 1)
    ]
    document = _document(*pages)
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Safeguarding EA", "Page 1"],
        ["Safeguarding EA", "Page 2"],
    ]
    assert [[line.text for line in page.lines] for page in document.pages] == [
        ["The Tameside site", "and the Tameside approaches"],
        ["The Salford site", "and the Salford approaches"],
    ]


def test_a_theme_repeated_at_a_column_top_beside_the_body_is_content_not_furniture() -> None:
    """Newspaper columns where a column break before each themes list's second theme sets
    "Independent scrutiny" at the top of the second column on three pages, at one place,
    in the body's type: level each time with the first line of the column beside it, which
    is the body's, so it is content, not a running head (it was set apart as furniture, and
    three sites lost that theme without a word). The footer, alone in its row, still is."""
    firsts = ["▪ Voice of the child", "▪ Engagement with schools", "• Local reviews"]
    pages = [
        [
            words(first, 50, 40),
            words("▪ Independent scrutiny", 300, 40),
            *(
                words(f"• Item {n} of the approaches beside {first[2:]}", x, 60 + 14 * n)
                for n in range(8)
                for x in (50, 300)
            ),
            words("Safeguarding EA", 50, 770, 8),
        ]
        for first in firsts
    ]
    document = _document(*pages)
    assert [
        [line.text for line in page.lines if line.bbox.top < 50] for page in document.pages
    ] == [
        ["Voice of the child", "Independent scrutiny"],
        ["Engagement with schools", "Independent scrutiny"],
        ["Local reviews", "Independent scrutiny"],
    ]
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Safeguarding EA"]
    ] * 3


SITES_OF_FOUR_PAGES = [
    ("North West", "Tameside"),
    ("London", "Brent"),
    ("North East", "Gateshead"),
    ("South West", "Plymouth"),
]


def _model_of_pages(*pages: list[list[Word]]) -> DocumentModel:
    """The model of a cover and these pages, read with the reference data, as a build
    reads it."""
    cover = [words("Title", 50, 300, 30)]
    return document_model(_document(cover, *pages), reference=REFERENCE)


def test_a_footer_level_with_the_bodys_last_line_is_still_furniture() -> None:
    """A running footer ('Safeguarding Early Adopters', 8 pt, in the right margin) stands
    level with the last line of 10 pt approaches that run to the foot of each of four site
    pages. It stands at the foot, not at a column's top, smaller than the body and over
    none of its text: furniture. Read as content, it was appended to every site's last
    item (' Safeguarding Early Adopters'), exit 0."""
    bold = "Helvetica-Bold"
    pages = [
        [
            words(region, 50, 30, 15, bold),
            words(name, 50, 55, 24, bold),
            words("Multi-agency learning theme(s)", 50, 100, 12, bold),
            words("• Local reviews", 58, 120),
            words("Overview of approaches", 50, 150, 14, bold),
            words("• Planning reviews across the whole", 58, 700),
            words("partnership of the region.", 66, 713),
            words(f"• Sharing the learning with {name}.", 58, 740),
            words("Safeguarding Early Adopters", 470, 741, 8),
        ]
        for region, name in SITES_OF_FOUR_PAGES
    ]
    model = _model_of_pages(*pages)
    assert [[line.text for line in page.furniture] for page in _document(*pages).pages] == [
        ["Safeguarding Early Adopters"]
    ] * 4
    assert [
        (site.name.text if site.name else None, [item.text for item in site.sections[-1].items])
        for site in model.sites
    ] == [
        (
            name,
            [
                "Planning reviews across the whole partnership of the region.",
                f"Sharing the learning with {name}.",
            ],
        )
        for _, name in SITES_OF_FOUR_PAGES
    ]
    assert model.unplaced == ()


def test_a_small_running_head_level_with_a_region_banner_is_still_furniture() -> None:
    """A running header ('Safeguarding Early Adopters', 8 pt) at the top right of four
    site pages stands level with each page's region banner (10 pt bold) at the top left.
    Set smaller than the body, in the margin over none of its text, it is furniture, not
    the first line of a column: read as content, it joined the banner's line, was taken
    for the region, and the region and the site's name for its local authorities."""
    bold = "Helvetica-Bold"
    pages = [
        [
            words(region, 50, 30, 10, bold),
            words("Safeguarding Early Adopters", 420, 33, 8),
            words(name, 50, 55, 24, bold),
            words("Multi-agency learning theme(s)", 50, 100, 12, bold),
            words("• Local reviews", 58, 120),
            words("Overview of approaches", 50, 150, 14, bold),
            words("• Planning reviews.", 58, 170),
            words(str(number), 300, 770, 8),
        ]
        for number, (region, name) in enumerate(SITES_OF_FOUR_PAGES, 2)
    ]
    model = _model_of_pages(*pages)
    assert [[line.text for line in page.furniture] for page in _document(*pages).pages] == [
        ["Safeguarding Early Adopters", str(number)] for number in range(2, 6)
    ]
    assert [
        (
            site.region.text if site.region else None,
            site.name.text if site.name else None,
            [entry.text for entry in site.local_authorities],
        )
        for site in model.sites
    ] == [(region, name, [name]) for region, name in SITES_OF_FOUR_PAGES]
    assert model.unplaced == ()


def test_an_edge_text_the_body_also_prints_in_its_size_is_not_furniture() -> None:
    """A region banner, no larger than the body text, opens two pages at one place, and
    stands mid-page on a third: content that two pages happen to set at their edge. The
    footer, which the body never prints, is furniture."""
    pages = [
        [
            words("North West", 50, 30, 10, "Helvetica-Bold"),
            words("Tameside is one site", 50, 200),
            words("Safeguarding EA", 50, 770, 8),
        ],
        [
            words("North West", 50, 30, 10, "Helvetica-Bold"),
            words("Salford is another", 50, 200),
            words("Safeguarding EA", 50, 770, 8),
        ],
        [
            words("Trafford runs on here", 50, 200),
            words("and on,", 50, 214),
            words("and ends.", 50, 228),
            words("North West", 50, 300, 10, "Helvetica-Bold"),
            words("Trafford", 50, 320),
            words("Safeguarding EA", 50, 770, 8),
        ],
    ]
    document = _document(*pages)
    assert [page.lines[0].text for page in document.pages[:2]] == [
        "North West",
        "North West",
    ]
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Safeguarding EA"],
        ["Safeguarding EA"],
        ["Safeguarding EA"],
    ]


def test_a_blank_that_advances_nothing_parts_no_words(tmp_path: Path) -> None:
    """Skia writes a soft hyphen as a blank glyph of no advance, the next letter set where
    the blank starts: "Inde|pend|ent" is one word; a word space still parts two."""
    path = tmp_path / "soft-hyphens.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 12)
    x = 72.0
    for piece in ("Inde", " ", "pend", " ", "ent"):
        canvas.drawString(x, 700, piece)
        if piece != " ":
            x += stringWidth(piece, "Helvetica", 12)
    canvas.drawString(x + stringWidth(" ", "Helvetica", 12), 700, "scrutiny")
    canvas.save()
    with pdfplumber.open(path) as pdf:
        assert [word.text for word in raw_page(pdf.pages[0]).words] == [
            "Independent",
            "scrutiny",
        ]


def test_glyphs_in_an_actual_text_span_read_as_its_text(tmp_path: Path) -> None:
    """A font's map gives one text a glyph, and a typesetter that draws one glyph for two
    texts (Typst: its hyphen glyph for a word's own hyphen and for the soft hyphen it adds
    at a line-end break) wraps the other uses in /ActualText spans: the hyphen added after
    "Part" reads as the soft hyphen it is, not "Part-"; the code WinAnsi reads as a blank
    (0xAD) is the hyphen of "evi-dence", inside a span nested in another; one glyph that
    stands for two letters reads as both ("#" for "fi")."""
    path = tmp_path / "actual-text.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 12)
    canvas.addLiteral("BT /F1 12 Tf 72 700 Td (Part) Tj /Span <</ActualText <FEFF00AD>>> BDC")
    canvas.addLiteral("(-) Tj EMC ET BT /F1 12 Tf 72 686 Td (nership evi) Tj /P <</MCID 3>> BDC")
    canvas.addLiteral("/Span <</ActualText (-)>> BDC (\\255) Tj EMC EMC (dence ) Tj")
    canvas.addLiteral("/Span <</ActualText (fi)>> BDC (#) Tj EMC (ve) Tj ET")
    canvas.save()
    with pdfplumber.open(path) as pdf:
        assert [word["text"] for word in pdf.pages[0].extract_words()] == [
            "Part-",
            "nership",
            "evi",
            "dence",
            "#ve",
        ]
        assert [word.text for word in raw_page(pdf.pages[0]).words] == [
            "Part\u00ad",
            "nership",
            "evi-dence",
            "five",
        ]


def test_small_capitals_an_actual_text_span_names_lowercase_are_small_capitals(
    tmp_path: Path,
) -> None:
    """Chromium wraps each synthesised small capital in an /ActualText span naming the
    lowercase letter it stands for: "T" at 19 pt, then "AMESIDE" at 13.5 pt read "a", "m",
    ... is still the one word "Tameside", set in its full size."""
    path = tmp_path / "small-caps-actual-text.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 19)
    spans = " ".join(f"/Span <</ActualText ({c.lower()})>> BDC ({c}) Tj EMC" for c in "AMESIDE")
    canvas.addLiteral(f"BT /F1 19 Tf 72 700 Td (T) Tj /F1 13.5 Tf {spans} ET")
    canvas.save()
    with pdfplumber.open(path) as pdf:
        assert [(word.text, word.size) for word in raw_page(pdf.pages[0]).words] == [
            ("Tameside", 19.0)
        ]


def test_capitals_set_smaller_straight_on_from_full_size_text_are_small_capitals(
    tmp_path: Path,
) -> None:
    """Synthesised small capitals: "T" at 19 pt then "AMESIDE" at 13.5 pt in the same font
    on one baseline is the word "Tameside"; a heading whose every letter but the first is
    a smaller capital, its space full size, is "Independent scrutiny". Capitals all of
    one size stay capitals, a smaller capital raised off the baseline (a superscript) is no
    small capital, and nor are smaller capitals in text with lowercase letters of its own
    (an acronym set small in prose)."""
    path = tmp_path / "small-caps.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)

    def runs(y: float, *pieces: tuple[str, float]) -> None:
        x = 72.0
        for text, size in pieces:
            canvas.setFont("Helvetica", size)
            canvas.drawString(x, y, text)
            x += stringWidth(text, "Helvetica", size)

    runs(700, ("T", 19), ("AMESIDE", 13.5))
    runs(650, ("I", 10.5), ("NDEPENDENT", 7.5), (" ", 10.5), ("SCRUTINY", 7.5))
    runs(600, ("NHS TRUST", 10.5))
    canvas.setFont("Helvetica", 10.5)
    canvas.drawString(72, 550, "ACME")
    canvas.setFont("Helvetica", 7.5)
    canvas.drawString(72 + stringWidth("ACME", "Helvetica", 10.5), 554, "TM")
    canvas.showPage()
    runs(700, ("the ", 10.5), ("NHS", 7.5), (" Trust", 10.5))  # an acronym set small in prose
    canvas.save()
    with pdfplumber.open(path) as pdf:
        assert [word.text for word in raw_page(pdf.pages[0]).words] == [
            "Tameside",
            "Independent",
            "scrutiny",
            "NHS",
            "TRUST",
            "ACME",
            "TM",
        ]
        prose = sorted(raw_page(pdf.pages[1]).words, key=lambda word: word.bbox.x0)
        assert [word.text for word in prose] == ["the", "NHS", "Trust"]


def test_a_running_head_naming_each_pages_site_is_furniture_by_its_type() -> None:
    """A head naming the site the page is on changes its words from page to page, so no
    wording repeats; but its type (8 pt italic grey, smaller than the body text and used
    nowhere in the body) stands at one place on every page. The site's name printed in the
    body, 20 pt, stays content."""
    grey = (0.5, 0.5, 0.5)
    pages = [
        [
            words(name, 50, 30, 8, "Helvetica-Oblique", grey),
            words(name, 50, 100, 20, "Helvetica-Bold"),
            words(f"The {name} approaches", 50, 200),
            words(f"and what {name} does", 50, 214),
        ]
        for name in ("Tameside", "Salford", "North West London")
    ]
    document = _document(*pages)
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Tameside"],
        ["Salford"],
        ["North West London"],
    ]
    assert [page.lines[0].text for page in document.pages] == [
        "Tameside",
        "Salford",
        "North West London",
    ]


def test_small_type_under_a_name_at_the_page_top_is_content_not_a_running_head() -> None:
    """One site a page: its name (14 pt) in the top row, its authorities in 9 pt italic
    under it (the body is 10.5 pt), a style the rest of the body never uses. The
    authorities' words change from page to page as a running head's would, but they stand
    under the name, not in the row nearest the edge: they open the body."""
    pages = [
        [
            words(name, 50, 60, 14, "Helvetica-Bold"),
            words(authorities, 50, 76, 9, "Helvetica-Oblique"),
            words("Approaches", 50, 110, 12, "Helvetica-Bold"),
            *(
                words(f"{item}. An item of {name}", 50, 130 + 14 * item, 10.5)
                for item in range(1, 30)
            ),
            words(f"Page {number}", 280, 820, 9),
        ]
        for number, (name, authorities) in enumerate(
            (
                ("Tameside and Glossop", "Tameside, Derbyshire"),
                ("North West London", "Brent, Ealing, Harrow"),
                ("Leeds Place", "Leeds"),
            ),
            1,
        )
    ]
    document = _document(*pages)
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Page 1"],
        ["Page 2"],
        ["Page 3"],
    ]
    assert [[line.text for line in page.lines][:2] for page in document.pages] == [
        ["Tameside and Glossop", "Tameside, Derbyshire"],
        ["North West London", "Brent, Ealing, Harrow"],
        ["Leeds Place", "Leeds"],
    ]


def test_small_type_opening_pages_in_a_style_the_body_uses_is_content() -> None:
    """A small region tag (8 pt) opens each page at one place with other words, but the
    body sets the same style mid-page on another page: a page starting with a site, not a
    running head."""
    pages = [
        [
            words(region, 50, 30, 8, "Helvetica-Bold"),
            words(f"The {name} site", 50, 200),
            words(f"and the {name} approaches", 50, 214),
        ]
        for region, name in (("North West", "Tameside"), ("London", "Brent"), ("Wessex", "Dorset"))
    ]
    pages.append(
        [
            words("Dorset runs on here", 50, 30),
            words("and on,", 50, 44),
            words("and ends.", 50, 58),
            words("South East", 50, 300, 8, "Helvetica-Bold"),
            words("The Reading site", 50, 320),
            words("and its approaches", 50, 334),
            words("end here.", 50, 348),
        ]
    )
    document = _document(*pages)
    assert [page.lines[0].text for page in document.pages[:3]] == [
        "North West",
        "London",
        "Wessex",
    ]
    assert [page.furniture for page in document.pages] == [(), (), (), ()]


def test_notes_in_small_type_above_a_few_footers_are_content() -> None:
    """Footnotes: small italic type at one place above the footer, other words on each of
    two pages of five. Every page prints its footer, so the notes' style runs on too few of
    the pages that print at the foot to be a running head's."""
    pages = [
        [
            words(f"The {name} site", 50, 200),
            words(f"and the {name} approaches", 50, 214),
            *([words(note, 50, 740, 8, "Helvetica-Oblique")] if note else []),
            words("Safeguarding EA", 50, 770, 8),
        ]
        for name, note in (
            ("Tameside", "1 A national children's charity."),
            ("Salford", "2 Looking at what works well."),
            ("York", ""),
            ("Brent", ""),
            ("Dorset", ""),
        )
    ]
    document = _document(*pages)
    assert [[line.text for line in page.lines][2:] for page in document.pages[:2]] == [
        ["1 A national children's charity."],
        ["2 Looking at what works well."],
    ]
    assert [[line.text for line in page.furniture] for page in document.pages] == [
        ["Safeguarding EA"]
    ] * 5


def test_ligature_glyphs_are_published_as_letters_and_quotes_stay_as_printed() -> None:
    page = page_of(
        words("\ufb01nding the \ufb02ow of e\ufb00ort \u2018so\u2019 \u2013 e\ufb03cient", 50, 100)
    )
    assert [line.text for line in page.lines] == [
        "finding the flow of effort \u2018so\u2019 \u2013 efficient"
    ]


def test_a_small_raised_dingbat_bullet_starts_the_line_beside_it() -> None:
    bullet = Word("n", BBox(50, 102, 54, 107), 5, "ZapfDingbats", None)
    page = page_of([bullet], words("Peer reviews of the board.", 58, 100, 9))
    assert [(line.marker, line.text) for line in page.lines] == [
        ("n", "Peer reviews of the board.")
    ]


# --- list markers --------------------------------------------------------------


def test_bullet_glyphs_numbers_and_drawn_shapes_start_items() -> None:
    page = page_of(
        words("• Voice of the child", 50, 100),
        words("•Brent", 50, 114),
        words("2. Reviewing budget", 50, 128),
        words("Drawn bullet item", 60, 142),
        shapes=(BBox(52, 145, 56, 149),),
    )
    assert [(line.marker, line.list_style, line.text) for line in page.lines] == [
        ("•", "bullet", "Voice of the child"),
        ("•", "bullet", "Brent"),
        ("2.", "numbered", "Reviewing budget"),
        ("shape", "bullet", "Drawn bullet item"),
    ]
    assert page.lines[3].bbox.x0 == 52  # the drawn bullet is part of the item's box


def test_private_use_and_unmapped_glyphs_at_line_start_are_bullets() -> None:
    page = page_of(words("\uf0b7 From Word", 50, 100), words("(cid:127) From reportlab", 50, 114))
    assert [(line.list_style, line.text) for line in page.lines] == [
        ("bullet", "From Word"),
        ("bullet", "From reportlab"),
    ]


def test_roman_and_lettered_markers_counting_on_with_their_texts_at_one_x_number_items() -> None:
    """A browser right-aligns its list markers: "i." and "ii." start at different x, their
    texts at one x. Each form counts on ("i." then "ii.", "(a)" then "(b)", "a)" then
    "b)"), and the marker is not part of the item's text."""

    def marked(marker: str, text: str, top: float) -> list[Word]:
        width = 0.5 * 10 * len(marker)
        marker_word = Word(marker, BBox(70 - width, top, 70, top + 10), 10, "Helvetica", None)
        return [marker_word, *words(text, 75, top)]

    page = page_of(
        marked("i.", "How to transform", 100),
        marked("ii.", "Local forum", 114),
        marked("iii.", "Reviewing budget", 128),
        marked("(a)", "First lettered", 160),
        marked("(b)", "Second lettered", 174),
        marked("a)", "First closed", 206),
        marked("b)", "Second closed", 220),
    )
    assert [(line.marker, line.list_style, line.text) for line in page.lines] == [
        ("i.", "numbered", "How to transform"),
        ("ii.", "numbered", "Local forum"),
        ("iii.", "numbered", "Reviewing budget"),
        ("(a)", "numbered", "First lettered"),
        ("(b)", "numbered", "Second lettered"),
        ("a)", "numbered", "First closed"),
        ("b)", "numbered", "Second closed"),
    ]


def test_a_letter_or_numeral_starting_lines_out_of_sequence_or_apart_is_prose() -> None:
    """One line starting "A." is a name's initial; "I." and "V." do not count on; "a." and
    "b." whose texts start apart are no list."""
    page = page_of(
        words("A. N. Other chairs the board", 50, 100),
        words("I. Brunel built it", 50, 130),
        words("V. Woolf wrote it", 50, 144),
        words("a. first", 50, 174),
        words("b. second", 50, 188, size=12),
    )
    assert [(line.marker, line.list_style, line.text) for line in page.lines] == [
        (None, None, "A. N. Other chairs the board"),
        (None, None, "I. Brunel built it"),
        (None, None, "V. Woolf wrote it"),
        (None, None, "a. first"),
        (None, None, "b. second"),
    ]


def listed(marker: str, text: str, top: float, x: float = 50, size: float = 10) -> list[Word]:
    """A list item as a word processor sets it: the marker at `x`, the text at a tab stop
    1.7 em further in (wider than the marker and its word space)."""
    width = 0.5 * size * len(marker)
    marker_word = Word(marker, BBox(x, top, x + width, top + size), size, "Helvetica", None)
    return [marker_word, *words(text, x + 1.7 * size, top, size)]


def markers_and_texts(document: ExtractedDocument) -> list[list[tuple[str | None, str]]]:
    return [[(line.marker, line.text) for line in page.lines] for page in document.pages]


def test_a_lettered_list_goes_on_over_a_page_break() -> None:
    """A lettered list confirmed on one page (a. b.) goes on at the top of the next, in its
    form: its last item standing alone there is an item, not prose joined to the one before;
    also where the item before it wraps over the break, and where two items stand there."""
    heading = words("Six work streams", 50, 100, font="Helvetica-Bold")
    first = [heading, listed("a.", "How to transform", 120), listed("b.", "Local forum", 134)]
    after = [words("Next heading", 50, 160, font="Helvetica-Bold"), words("• A bullet", 50, 180)]
    alone = _document(first, [listed("c.", "Reviewing budget", 100), *after])
    assert markers_and_texts(alone)[1] == [
        ("c.", "Reviewing budget"),
        (None, "Next heading"),
        ("•", "A bullet"),
    ]
    wrapped = _document(
        first, [words("and more", 67, 100), listed("c.", "Reviewing budget", 114), *after]
    )
    assert markers_and_texts(wrapped)[1][:2] == [(None, "and more"), ("c.", "Reviewing budget")]
    two = _document(
        first, [listed("c.", "Reviewing budget", 100), listed("d.", "Scrutiny", 114), *after]
    )
    assert markers_and_texts(two)[1][:2] == [("c.", "Reviewing budget"), ("d.", "Scrutiny")]


def test_a_roman_list_goes_on_at_the_top_of_the_next_column() -> None:
    """A roman list confirmed at the foot of the left column (i. ii.) goes on at the top of
    the right one: "iii." there is its third item."""
    left = [
        words("Six work streams", 50, 100, font="Helvetica-Bold"),
        words("The streams are these", 50, 120),
        listed("i.", "How to transform", 140),
        listed("ii.", "Local forum", 154),
    ]
    right = [
        listed("iii.", "Reviewing budget", 100, x=320),
        words("Next heading", 320, 120, font="Helvetica-Bold"),
        words("• A bullet item", 320, 140),
        words("• Another bullet", 320, 154),
    ]
    page = page_of(*left, *right)
    assert [(line.block, line.marker, line.text) for line in page.lines] == [
        (0, None, "Six work streams"),
        (0, None, "The streams are these"),
        (0, "i.", "How to transform"),
        (0, "ii.", "Local forum"),
        (1, "iii.", "Reviewing budget"),
        (1, None, "Next heading"),
        (1, "•", "A bullet item"),
        (1, "•", "Another bullet"),
    ]


def lettered(marker: str, text: str, top: float, x: float = 58) -> list[Word]:
    """A lettered item as a word processor sets it: the letter at `x`, the text at a tab
    2.2 em further in (0.7 em past a three-character letter, more than a word space)."""
    return [*words(marker, x, top), *words(text, x + 22, top)]


def lettered_list_ending_the_left_column() -> list[list[Word]]:
    """A lettered list whose letters stand 0.8 em in from the left column's edge (the
    heading's x), its text at 80; item (b) ends the column."""
    return [
        words("Local reviews", 50, 100, font="Helvetica-Bold"),
        lettered("(a)", "Planning reviews.", 120),
        lettered("(b)", "Checking points (a) and (b), then", 134),
    ]


def test_an_item_wrapped_over_a_column_break_onto_the_next_letter_stays_whole() -> None:
    """Item (b) ends the left column; its wrapped line opens the right one at the item
    text's indent and happens to start with "(c)" (a clause of its own prose): the item's
    text wrapped on, not its list's item (c) with the letter dropped: from the right
    column's edge (its bullets) "(c)" stands 2.2 em in, the list's letters 0.8 em in from
    theirs (the heading's x). Read whole, as it was before the list went on over breaks."""
    right = [
        words("(c) of the protocol.", 330, 100),
        words("• Sharing the learning.", 308, 114),
        words("• Reviewing together.", 308, 128),
    ]
    page = page_of(*lettered_list_ending_the_left_column(), *right)
    assert [(line.block, line.marker, line.text) for line in page.lines][2:] == [
        (0, "(b)", "Checking points (a) and (b), then"),
        (1, None, "(c) of the protocol."),
        (1, "•", "Sharing the learning."),
        (1, "•", "Reviewing together."),
    ]
    site_lines = (
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("Local reviews", 50, 175, 11, "Helvetica-Bold"),
        lettered("(a)", "Planning reviews.", 195),
        lettered("(b)", "Checking points (a) and (b), then", 210),
        words("(c) of the protocol.", 330, 80),
        words("• Sharing the learning.", 308, 98),
    )
    (site,) = model_of(*site_lines).sites
    assert [
        (section.heading, [item.text for item in section.items]) for section in site.sections
    ] == [
        (
            "Local reviews",
            [
                "Planning reviews.",
                "Checking points (a) and (b), then (c) of the protocol.",
                "Sharing the learning.",
            ],
        )
    ]


def test_a_line_counting_on_away_from_a_break_is_not_the_lists_item() -> None:
    """A list's next letter counts on over a break only where the break parts the two: a
    heading after item (b) in the left column ends the list there, so "(c)" opening the
    right column is prose, as printed."""
    left = [
        *lettered_list_ending_the_left_column(),
        words("Next heading", 50, 160, font="Helvetica-Bold"),
    ]
    right = [
        lettered("(c)", "Reviewing budget", 100, x=308),
        words("• A bullet item", 308, 120),
        words("• Another bullet", 308, 134),
    ]
    page = page_of(*left, *right)
    assert [(line.marker, line.text) for line in page.lines][4:] == [
        (None, "(c) Reviewing budget"),
        ("•", "A bullet item"),
        ("•", "Another bullet"),
    ]


@pytest.mark.parametrize(
    ("right", "why"),
    [
        # "(c)" and the bullets under it share the right column's edge: the letter stands
        # 0.8 em left of where the list's letters stand from theirs, or the column's edge is
        # further left than any of its lines
        (
            [
                lettered("(c)", "Reviewing budget", 100, x=308),
                words("• A bullet item", 308, 120),
                words("• Another bullet", 308, 134),
            ],
            "left of the letters",
        ),
        # at the item's text, but bold: neither its wrapped text nor its next item
        (
            [
                words("(c) of the protocol.", 330, 100, font="Helvetica-Bold"),
                words("• Sharing the learning.", 308, 114),
                words("• Reviewing together.", 308, 128),
            ],
            "another type",
        ),
        # every other line of the right column stands right of "(c)", none wrapped under
        # its text: where the list's letters stand in that column is not known
        (
            [
                lettered("(c)", "Reviewing budget", 100, x=308),
                words("A paragraph set further in", 330, 130),
                words("with its second line.", 330, 144),
            ],
            "its column's edge",
        ),
    ],
)
def test_a_letter_opening_a_column_that_cannot_be_placed_stops_the_build(
    right: list[list[Word]], why: str
) -> None:
    """Over a column break, a line counting on from the list's last item is its next item
    where its letter stands where the list's letters stand, and the item's text wrapped on
    where it stands at that text in its type; where neither can be told, the build stops
    naming the two lines rather than guess (exit 7)."""
    with pytest.raises(LayoutError) as stopped:
        page_of(*lettered_list_ending_the_left_column(), *right)
    assert stopped.value.exit_code == 7, why
    opening = " ".join(word.text for word in right[0])
    assert stopped.value.message == (
        f"page 1: '{opening}' opens a column "
        "and counts on from '(b) Checking points (a) and (b), then' ending the one before, "
        "but does not stand where the list's letters or numerals stand in its column, nor "
        "as that item's text wrapped on: its next item or its wrapped text, which cannot "
        "be told; check the PDF page"
    ), why


def test_lettered_lines_set_as_prose_stop_the_build_rather_than_guess() -> None:
    """Two lines starting "A." and "B." at one x, each letter a word space before its text,
    aligned at its left, no line hanging under the text: set as prose starting with a name's
    initial is set, and as a list whose markers stand inside its text is. Which they are
    cannot be told from the page, and dropping or keeping the letters changes the text:
    the build stops naming them."""
    with pytest.raises(LayoutError) as stopped:
        page_of(
            words("Approved by the board members", 50, 100),
            words("A. Patel, chair of the board, and", 50, 114),
            words("B. Jones, head of children's services.", 50, 128),
        )
    assert str(stopped.value) == (
        "page 1: 'A. Patel, chair of the board, and' and 'B. Jones, head of children's "
        "services.' start with letters or roman numerals that count on, but are set neither "
        "as a list's items (the text set apart from its number, or hanging under it, or the "
        "numbers aligned at their right) nor as headings: items or prose, which cannot be "
        "told; check the PDF page"
    )


def test_a_lettered_list_is_told_by_how_its_markers_are_set() -> None:
    """Letters a word space before their text, as a browser sets them, are a list's numbers
    where the items' wrapped lines hang under their text, or where the letters end at one x
    and start apart (right-aligned, as a browser sets a list's markers): prose has neither."""
    hanging = page_of(
        words("a. Develop arrangements with regular", 50, 100),
        words("challenge and liaison", 62.5, 114),
        words("b. Develop clear description of the", 50, 128),
        words("role of the scrutineer.", 62.5, 142),
    )
    assert [(line.marker, line.text) for line in hanging.lines] == [
        ("a.", "Develop arrangements with regular"),
        (None, "challenge and liaison"),
        ("b.", "Develop clear description of the"),
        (None, "role of the scrutineer."),
    ]

    def right_aligned(marker: str, text: str, top: float) -> list[Word]:
        width = 0.5 * 10 * len(marker)
        marker_word = Word(marker, BBox(70 - width, top, 70, top + 10), 10, "Helvetica", None)
        return [marker_word, *words(text, 72.5, top)]  # a word space after the marker

    aligned = page_of(
        right_aligned("i.", "Reviewing budget", 100), right_aligned("ii.", "Local", 114)
    )
    assert [(line.marker, line.text) for line in aligned.lines] == [
        ("i.", "Reviewing budget"),
        ("ii.", "Local"),
    ]
    with pytest.raises(LayoutError):  # wrapped at the letters' x: prose, or a list set so
        page_of(
            words("a. Develop arrangements with regular", 50, 100),
            words("challenge and liaison", 50, 114),
            words("b. Develop clear description of the", 50, 128),
            words("role of the scrutineer.", 50, 142),
        )


def heading_numbered(numeral: str, text: str, top: float, size: float = 12) -> list[Word]:
    """A heading numbered in bold, its text at a tab stop 2 em in (as a word processor's
    heading numbering sets it)."""
    width = 0.5 * size * len(numeral)
    bold = "Helvetica-Bold"
    numeral_word = Word(numeral, BBox(50, top, 50 + width, top + size), size, bold, None)
    return [numeral_word, *words(text, 50 + 2 * size, top, size, bold)]


def test_roman_numerals_numbering_headings_over_numbered_items_are_headings() -> None:
    """ "I." and "II." count on with their texts at one x, but each heads numbered items set
    in another, lighter type: they number headings, which keep their numerals as printed,
    not items of one list with the items under them."""
    page = page_of(
        heading_numbered("I.", "Governance", 100),
        listed("1.", "Board meets monthly", 120),
        listed("2.", "Annual report", 134),
        heading_numbered("II.", "Training", 160),
        listed("1.", "Joint sessions", 180),
    )
    assert [(line.marker, line.text) for line in page.lines] == [
        (None, "I. Governance"),
        ("1.", "Board meets monthly"),
        ("2.", "Annual report"),
        (None, "II. Training"),
        ("1.", "Joint sessions"),
    ]


def test_roman_numerals_over_numbered_items_in_their_own_type_stop_the_build() -> None:
    """The same, but "I." and "II." set in the items' type at the items' place: numbered
    headings or two lists' items interleaved, which cannot be told."""
    with pytest.raises(LayoutError) as stopped:
        page_of(
            listed("I.", "Governance", 100),
            listed("1.", "Board meets monthly", 114),
            listed("2.", "Annual report", 128),
            listed("II.", "Training", 142),
            listed("1.", "Joint sessions", 156),
        )
    assert str(stopped.value) == (
        "page 1: 'I. Governance' and 'II. Training' count on as letters or roman numerals "
        "with '1. Board meets monthly' between them, outdented from their text: numbered "
        "headings or a list's items, which cannot be told; check the PDF page"
    )


def test_a_raised_note_reference_joins_its_line_and_the_footnote_is_set_apart() -> None:
    """A superscript "1" (6 pt, its foot 4 pt up) touching the end of a 10.5 pt item's last
    word is a note reference on that line, not a line of its own (a heading "1"); the
    footnote it refers to, at the page foot in 8 pt, is no part of the text."""
    item = words("• Research supported by Barnardo's.", 50, 300, 10.5)
    last = item[-1].bbox
    reference = Word("1", BBox(last.x1 + 0.3, 300.2, last.x1 + 3.7, 306.3), 6.1, "Helvetica", None)
    page = page_of(
        words("Independent scrutiny", 50, 280, 10.5),
        [*item, reference],
        words("Reducing domestic abuse", 50, 330, 10.5),
        words("• Reduce the impact of domestic abuse.", 50, 348, 10.5),
        words("1 Barnardo's is a national children's charity.", 50, 760, 8),
    )
    assert [(line.text, line.notes) for line in page.lines] == [
        ("Independent scrutiny", ()),
        ("Research supported by Barnardo's.", ("1",)),
        ("Reducing domestic abuse", ()),
        ("Reduce the impact of domestic abuse.", ()),
    ]
    assert reference in page.lines[1].words
    assert [line.text for line in page.furniture] == [
        "1 Barnardo's is a national children's charity."
    ]


def test_a_numbered_list_under_a_heading_with_a_note_reference_is_no_footnote() -> None:
    """A site's name in 14 pt carries a note reference; the numbered items under it, in the
    body's 10 pt, start with "1." as its note would: they are the page's text, not notes
    (a note is set smaller than the body text, at the page's foot below all of it), and
    only the note at the page's foot is set apart."""
    name = words("Tameside", 50, 100, 14)
    end = name[-1].bbox.x1
    reference = Word("1", BBox(end + 0.3, 98.0, end + 3.7, 104.0), 6, "Helvetica", None)
    page = page_of(
        [*name, reference],
        words("1. Green spaces in the town", 50, 130),
        words("2. Walking routes", 50, 144),
        words("3. Cycle lanes", 50, 158),
        words("4. Community gardens", 50, 172),
        words("Independent scrutiny of the arrangements", 50, 200),
        words("1 A metropolitan borough of Greater Manchester.", 50, 760, 8),
    )
    assert [(line.text, line.notes) for line in page.lines] == [
        ("Tameside", ("1",)),
        ("Green spaces in the town", ()),
        ("Walking routes", ()),
        ("Cycle lanes", ()),
        ("Community gardens", ()),
        ("Independent scrutiny of the arrangements", ()),
    ]
    assert [line.text for line in page.furniture] == [
        "1 A metropolitan borough of Greater Manchester."
    ]


def raised(figure: str, after: Word, size: float = 6) -> Word:
    """`figure` set small and raised right after the word `after`, as a typesetter sets a
    superscript or a note's citation: touching its end, its foot a third of an em up."""
    box = after.bbox
    foot = box.bottom - (box.bottom - box.top) / 3
    width = 0.5 * size * len(figure)
    return Word(
        figure, BBox(box.x1 + 0.3, foot - size, box.x1 + 0.3 + width, foot), size, "Helvetica", None
    )


def test_a_raised_figure_no_note_is_printed_for_is_published_as_a_superscript() -> None:
    """An area in "m²" and a formula set with a small raised "2": the page prints no note
    "2" at its foot, nor does the document anywhere, so each figure is text, published as
    the superscript it is, touching its word; a note reference on the same page whose
    note is printed stays one."""
    area = words("• The new hub covers 50 m", 50, 300, 10.5)
    gas = words("• Cutting CO", 50, 348, 10.5)
    figure = raised("2", gas[-1])
    gas = [*gas, figure, *words("emissions by half.", figure.bbox.x1 + 2.6, 348, 10.5)]
    scrutiny = words("• Research supported by Barnardo's.", 50, 396, 10.5)
    page = page_of(
        words("Independent scrutiny", 50, 280, 10.5),
        [*area, raised("2", area[-1])],
        gas,
        [*scrutiny, raised("1", scrutiny[-1])],
        words("1 Barnardo's is a national children's charity.", 50, 760, 8),
    )
    assert [(line.text, line.notes) for line in page.lines] == [
        ("Independent scrutiny", ()),
        ("The new hub covers 50 m\u00b2", ()),
        ("Cutting CO\u00b2 emissions by half.", ()),
        ("Research supported by Barnardo's.", ("1",)),
    ]
    assert [line.text for line in page.furniture] == [
        "1 Barnardo's is a national children's charity."
    ]


def test_a_raised_figure_with_no_note_on_a_page_without_notes_is_text() -> None:
    """No note at all: a raised "12" after a word, and a raised "*", are text as printed."""
    area = words("Floor space of 40 m", 50, 100)
    starred = words("Partners joined in 2019", 50, 130)
    page = page_of(
        [*area, raised("12", area[-1])],
        [*starred, raised("*", starred[-1])],
    )
    assert [(line.text, line.notes) for line in page.lines] == [
        ("Floor space of 40 m\u00b9\u00b2", ()),
        ("Partners joined in 2019*", ()),
    ]
    assert page.furniture == ()


def test_a_raised_figure_whose_note_is_printed_among_the_endnotes_is_a_reference() -> None:
    """Endnotes: the note a raised "1" on a site page refers to is printed on a later page,
    under a heading, in smaller type than the body text; the reference stays out of the
    text and the endnote out of the records. A raised "2" that no endnote names is text."""
    item = words("• Research supported by Barnardo's.", 50, 300, 10.5)
    area = words("• The new hub covers 50 m", 50, 330, 10.5)
    document = _document(
        [
            words("Independent scrutiny", 50, 280, 10.5),
            [*item, raised("1", item[-1])],
            [*area, raised("2", area[-1])],
        ],
        [
            words("Notes", 50, 100, 14),
            words("1 Barnardo's is a national children's charity.", 50, 130, 8),
            words("It runs services in every region.", 50, 140, 8),
        ],
    )
    assert [(line.text, line.notes) for line in document.pages[0].lines] == [
        ("Independent scrutiny", ()),
        ("Research supported by Barnardo's.", ("1",)),
        ("The new hub covers 50 m\u00b2", ()),
    ]
    assert [line.text for line in document.pages[1].lines] == ["Notes"]
    assert [line.text for line in document.pages[1].furniture] == [
        "1 Barnardo's is a national children's charity.",
        "It runs services in every region.",
    ]


def test_a_small_numbered_list_at_a_later_pages_foot_is_no_endnote() -> None:
    """A raised "2" with no note, then a later page ending in a numbered list in small
    type: its item "2." opens as an endnote 2 would, but items 1 and 3 refer to nothing
    raised before them; a block of endnotes holds only notes something refers to. The
    list stays text, and so does the figure."""
    area = words("• The new hub covers 50 m", 50, 330, 10.5)
    document = _document(
        [words("Independent scrutiny", 50, 280, 10.5), [*area, raised("2", area[-1])]],
        [
            words("Independent scrutiny of the arrangements", 50, 100, 10.5),
            words("1. Green spaces in the town", 50, 700, 8),
            words("2. Walking routes", 50, 712, 8),
            words("3. Cycle lanes", 50, 724, 8),
        ],
    )
    assert [(line.text, line.notes) for line in document.pages[0].lines] == [
        ("Independent scrutiny", ()),
        ("The new hub covers 50 m\u00b2", ()),
    ]
    assert [line.text for line in document.pages[1].lines] == [
        "Independent scrutiny of the arrangements",
        "Green spaces in the town",
        "Walking routes",
        "Cycle lanes",
    ]
    assert document.pages[1].furniture == ()


def test_a_raised_figure_numbered_between_two_notes_without_its_own_note_stops() -> None:
    """Notes 1 and 3 are printed at the page's foot; the raised "2" between their
    references stands where the numbering puts note 2's, but no note 2 is printed: a note
    lost, or a superscript that cannot be told from one. The build stops naming it."""
    first = words("• Research supported by Barnardo's.", 50, 300, 10.5)
    second = words("• Reviews led by the panel.", 50, 330, 10.5)
    third = words("• Training for every school.", 50, 360, 10.5)
    with pytest.raises(LayoutError) as stopped:
        page_of(
            words("Independent scrutiny", 50, 280, 10.5),
            [*first, raised("1", first[-1])],
            [*second, raised("2", second[-1])],
            [*third, raised("3", third[-1])],
            words("1 Barnardo's is a national children's charity.", 50, 740, 8),
            words("3 Schools of every phase.", 50, 760, 8),
        )
    assert str(stopped.value) == (
        "page 1: the raised '2' after 'panel.' is numbered as a note reference (after note 1, "
        "before note 3), but no note 2 is printed at the page's foot or among the endnotes; "
        "its note may be lost: check the PDF page"
    )


def test_a_small_figure_on_the_words_baseline_is_text_and_no_footnote_is_set_apart() -> None:
    """A small figure touching a word on its baseline (not raised) is text; a small line at
    the page foot starting with a figure no note reference names is no footnote."""
    cohort = words("Cohort", 50, 120, 10.5)
    end = cohort[-1].bbox.x1
    figure = Word("3", BBox(end + 0.3, 124.5, end + 3.7, 130.5), 6, "Helvetica", None)
    page = page_of(
        words("Phase 2", 50, 100, 10.5),
        [*cohort, figure],
        words("4 sites joined in 2020.", 50, 760, 8),
    )
    assert [(line.text, line.notes) for line in page.lines] == [
        ("Phase 2", ()),
        ("Cohort 3", ()),
        ("4 sites joined in 2020.", ()),
    ]
    assert page.furniture == ()


def test_continued_titles_with_or_without_punctuation() -> None:
    for title in (
        "Hertfordshire - continued",
        "Hertfordshire – continued",
        "Hertfordshire (continued)",
        "Hertfordshire: Continued",
        "Hertfordshire continued",
    ):
        match = parser_facts().continued.match(title)
        assert match is not None and match["name"] == "Hertfordshire", title
    assert parser_facts().continued.match("Hertfordshire") is None


def test_a_dash_starting_one_wrapped_line_is_prose_not_a_bullet() -> None:
    page = page_of(
        words("which focuses on two streams", 50, 100),
        words("– 'assurance' and 'response'.", 50, 114),
    )
    assert [(line.marker, line.text) for line in page.lines] == [
        (None, "which focuses on two streams"),
        (None, "– 'assurance' and 'response'."),
    ]


def test_dashes_at_one_x_on_several_lines_are_bullets() -> None:
    page = page_of(words("– First", 50, 100), words("– Second", 50, 114))
    assert [(line.marker, line.text) for line in page.lines] == [
        ("–", "First"),
        ("–", "Second"),
    ]


def test_a_symbol_at_one_x_on_several_lines_is_a_bullet_and_alone_it_is_prose() -> None:
    """An arrow set as a bullet from a text font (a web page's `li::before`), an em and a
    half before its text: several lines start with it at one x, so it is a bullet; one line
    starting with another symbol is prose that wrapped before it."""

    def arrowed(text: str, top: float, arrow: str = "➜") -> list[Word]:
        arrow_word = Word(arrow, BBox(50, top, 55, top + 10), 10, "DejaVuSans", None)
        return [arrow_word, *words(text, 68, top)]

    page = page_of(
        arrowed("Voice of the child", 100),
        arrowed("Engagement with", 114),
        words("schools", 68, 128),
        words("which weighs cost", 50, 160),
        arrowed("benefit in turn.", 174, "→"),
    )
    assert [(line.marker, line.list_style, line.text) for line in page.lines] == [
        ("➜", "bullet", "Voice of the child"),
        ("➜", "bullet", "Engagement with"),
        (None, None, "schools"),
        (None, None, "which weighs cost"),
        (None, None, "→ benefit in turn."),
    ]


def test_two_columns_of_dash_marked_rows_a_word_space_apart_are_read_column_first() -> None:
    """The second column starts a word space (0.25 em) after the first's longest row."""
    page = page_of(
        words("– Stoke-on-Trent", 50, 100) + words("– Staffordshire", 130, 100),
        words("– Wolverhampton", 50, 114) + words("– Telford and Wrekin", 130, 114),
    )
    assert [(line.marker, line.text) for line in page.lines] == [
        ("–", "Stoke-on-Trent"),
        ("–", "Wolverhampton"),
        ("–", "Staffordshire"),
        ("–", "Telford and Wrekin"),
    ]


def test_a_dash_inside_prose_lines_is_not_a_column_of_markers() -> None:
    page = page_of(
        words("– two streams – assurance", 50, 100),
        words("– and one – more", 50, 114),
    )
    assert [(line.marker, line.text) for line in page.lines] == [
        ("–", "two streams – assurance"),
        ("–", "and one – more"),
    ]


def indented_row(entries: Sequence[str], x0: float, top: float, size: float = 10) -> list[Word]:
    """One row of dash-marked entries: each dash 0.5 em wide, its text 0.5 em after it (the
    list's indent), the next dash one word space (0.25 em) after the entry before it."""
    placed: list[Word] = []
    x = x0
    for entry in entries:
        dash = BBox(x, top, x + 0.5 * size, top + size)
        placed.append(Word("–", dash, size, "Helvetica", None))
        x += size
        entry_words = words(entry, x, top, size)
        placed += entry_words
        x = entry_words[-1].bbox.x1 + 0.25 * size
    return placed


def test_one_row_of_two_dash_columns_is_cut_where_a_dash_is_spaced_as_the_marker() -> None:
    """Only one row, so no other dash aligns with the second: the space after it, the list's
    indent and wider than a word space, tells it from a dash in prose."""
    page = page_of(
        indented_row(["Stoke on Trent", "Staffordshire"], 50, 100),
        words("Themes", 50, 116),
        indented_row(["Voice of the child"], 50, 130),
        indented_row(["Engagement with schools – two streams"], 50, 144),
    )
    assert [(line.marker, line.text) for line in page.lines] == [
        ("–", "Stoke on Trent"),
        ("–", "Staffordshire"),
        (None, "Themes"),
        ("–", "Voice of the child"),
        ("–", "Engagement with schools – two streams"),
    ]


def test_a_dash_beside_a_listed_row_starts_an_item_of_a_second_column() -> None:
    """Three entries in two columns: the second column holds one row; its dash stands at an
    x no other dash does, but level with a list row to its left."""
    page = page_of(
        words("– Bexley", 50, 100) + words("– Lewisham", 120, 100),
        words("– Greenwich", 50, 114),
    )
    assert [(line.marker, line.text) for line in page.lines] == [
        ("–", "Bexley"),
        ("–", "Greenwich"),
        ("–", "Lewisham"),
    ]


# --- sections and items --------------------------------------------------------


def shifted(line: list[Word], down: float) -> list[Word]:
    return [
        Word(
            w.text,
            BBox(w.bbox.x0, w.bbox.top + down, w.bbox.x1, w.bbox.bottom + down),
            w.size,
            w.fontname,
            w.color,
        )
        for w in line
    ]


def approaches(*lines: list[Word]) -> list[tuple[str, list[str]]]:
    """The sections read from these lines (the first, a stand-in banner, left out) set under
    a site's "Overview of approaches"."""
    model = model_of(
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 80, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 100),
        words("Overview of approaches", 50, 130, 14, "Helvetica-Bold"),
        *(shifted(line, 100) for line in lines[1:]),
    )
    (site,) = model.sites
    return [(section.heading, [item.text for item in section.items]) for section in site.sections]


def test_bold_heading_items_and_wrapped_lines() -> None:
    assert approaches(
        words("Banner", 50, 20),
        words("Independent scrutiny", 50, 100, 11.5, "Helvetica-Bold"),
        words("• Scrutiny will be provided through", 58, 120),
        words("the new board.", 66, 133.5),
        words("• Peer reviews.", 58, 151.5),
    ) == [
        (
            "Independent scrutiny",
            ["Scrutiny will be provided through the new board.", "Peer reviews."],
        )
    ]


def test_a_plain_line_followed_by_items_heads_a_section() -> None:
    assert approaches(
        words("Banner", 50, 20),
        words("Local reviews", 50, 80, 11.5, "Helvetica-Bold"),
        words("• First item", 58, 100),
        words("Multi-agency outcomes framework and", 58, 125),
        words("models of learning", 58, 138.5),
        words("• Second item", 58, 157),
    ) == [
        ("Local reviews", ["First item"]),
        ("Multi-agency outcomes framework and models of learning", ["Second item"]),
    ]


def test_an_outdented_line_after_an_item_heads_a_new_section() -> None:
    sections = approaches(
        words("Banner", 50, 20),
        words("Local reviews", 50, 80, 11.5, "Helvetica-Bold"),
        words("• First item wraps", 58, 100),
        words("onto this line.", 66, 113.5),
        words("Approaches", 50, 131.5),
        words("• Second item", 58, 150),
    )
    assert sections == [
        ("Local reviews", ["First item wraps onto this line."]),
        ("Approaches", ["Second item"]),
    ]


def test_items_straight_under_the_panel_title_stand_under_it() -> None:
    site_lines = (
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 50, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("• Planning for reviews.", 58, 170),
    )
    model = model_of(*site_lines)
    (site,) = model.sites
    assert [(s.heading, [i.text for i in s.items]) for s in site.sections] == [
        ("Overview of approaches", ["Planning for reviews."])
    ]
    assert [e.text for e in site.themes] == ["Local reviews"]
    assert model.unplaced == ()


def test_a_hyphen_the_typesetter_added_to_split_a_word_is_dropped() -> None:
    assert joined_text(["partnership arrange\u2010", "ments which"]) == (
        "partnership arrangements which"
    )
    assert joined_text(["Northum\u00ad", "bria"]) == "Northumbria"


def test_a_justified_title_spread_across_the_page_is_one_line_not_two_columns() -> None:
    page = page_of(
        words("South East", 50, 40, 11, "Helvetica-Bold"),
        words("Reading,", 50, 70, 18, "Helvetica-Bold"),
        words("West", 180, 70, 18, "Helvetica-Bold"),
        words("Berkshire,", 270, 70, 18, "Helvetica-Bold"),
        words("Wokingham", 50, 92, 18, "Helvetica-Bold"),
    )
    assert texts(page) == [
        (0, "South East"),
        (0, "Reading, West Berkshire,"),
        (0, "Wokingham"),
    ]


def test_an_item_flowing_into_the_next_column_continues_there() -> None:
    site_lines = (
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        # column one: panel, themes, the approaches' start
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("Local reviews", 50, 175, 11, "Helvetica-Bold"),
        words("• Planning for effective", 58, 195),
        words("local reviews that", 66, 208.5),
        # column two: the same item carries on at the hanging indent, then a new item
        words("run across the region.", 316, 80),
        words("• Sharing the learning.", 308, 98),
        words("Working with the panel", 300, 123, 11, "Helvetica-Bold"),
        words("• Consulting the national panel.", 308, 143),
    )
    model = model_of(*site_lines)
    (site,) = model.sites
    assert [e.text for e in site.local_authorities] == ["Tameside"]
    assert [e.text for e in site.themes] == ["Local reviews"]
    assert [(s.heading, [i.text for i in s.items]) for s in site.sections] == [
        (
            "Local reviews",
            [
                "Planning for effective local reviews that run across the region.",
                "Sharing the learning.",
            ],
        ),
        ("Working with the panel", ["Consulting the national panel."]),
    ]
    assert model.unplaced == ()


def test_two_sites_on_one_page_are_read_one_after_the_other() -> None:
    site_lines = (
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("• Planning.", 58, 170),
        words("North East", 50, 200, 15, "Helvetica-Bold"),
        words("Trafford", 50, 220, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 260, 12, "Helvetica-Bold"),
        words("• Voice of the child", 58, 280),
        words("Overview of approaches", 50, 310, 14, "Helvetica-Bold"),
        words("• Reviewing.", 58, 330),
    )
    model = model_of(*site_lines)
    assert [
        (
            s.region.text,
            s.name.text if s.name else None,
            [e.text for e in s.themes],
            [i.text for x in s.sections for i in x.items],
            s.page_start,
        )
        for s in model.sites
    ] == [
        ("North West", "Tameside", ["Local reviews"], ["Planning."], 2),
        ("North East", "Trafford", ["Voice of the child"], ["Reviewing."], 2),
    ]
    assert model.unplaced == ()


def test_a_banner_and_name_stranded_at_a_page_foot_head_the_panels_on_the_next_page() -> None:
    first = (
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("• Planning.", 58, 170),
        words("North East", 50, 700, 15, "Helvetica-Bold"),
        words("Trafford", 50, 725, 24, "Helvetica-Bold"),
    )
    second = (
        words("Multi-agency learning theme(s)", 50, 60, 12, "Helvetica-Bold"),
        words("• Voice of the child", 58, 80),
        words("Overview of approaches", 50, 110, 14, "Helvetica-Bold"),
        words("• Reviewing.", 58, 130),
    )
    cover = page_of(words("Title", 50, 300, 30))
    pages = (cover, page_of(*first, number=2), page_of(*second, number=3))
    model = document_model(ExtractedDocument(3, None, None, pages))
    assert [
        (
            s.region.text,
            s.region.page,
            s.name.text if s.name else None,
            [e.text for e in s.themes],
            s.page_start,
            s.page_end,
        )
        for s in model.sites
    ] == [
        ("North West", 2, "Tameside", ["Local reviews"], 2, 2),
        ("North East", 2, "Trafford", ["Voice of the child"], 2, 3),
    ]
    assert model.unplaced == ()


def side_by_side_site(region: str, name: str, top: float) -> list[list[Word]]:
    """A site's banner and name, then its two panels' titles side by side: the themes on
    the left, the approaches on the right."""
    return [
        words(region, 50, top, 15, "Helvetica-Bold"),
        words(name, 50, top + 25, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, top + 70, 12, "Helvetica-Bold"),
        words("Overview of approaches", 300, top + 70, 14, "Helvetica-Bold"),
    ]


def site_records(model: DocumentModel) -> list[tuple]:
    return [
        (
            s.name.text if s.name else None,
            [e.text for e in s.themes],
            [(x.heading, [i.text for i in x.items]) for x in s.sections],
            s.page_start,
            s.page_end,
        )
        for s in model.sites
    ]


def test_panel_titles_set_beside_their_lists_head_the_rows_they_stand_in() -> None:
    """A table per site whose first column holds the panel titles, each level with the top
    of its list in the second (a row header): no title stands over the lists, and each
    list goes with the title whose row it is in (the approaches' title stood last in the
    flow, and every theme was read as an approach)."""
    model = model_of(
        words("North West", 50, 20, 12, "Helvetica-Bold"),
        words("Tameside", 50, 40, 20, "Helvetica-Bold"),
        words("Multi-agency learning", 50, 100, 11, "Helvetica-Bold"),
        words("theme(s)", 50, 114, 11, "Helvetica-Bold"),
        words("• Independent scrutiny", 200, 100),
        words("• Voice of the child", 200, 114),
        words("Overview of approaches", 50, 134, 11, "Helvetica-Bold"),
        words("Independent scrutiny", 200, 134, 10.5, "Helvetica-Bold"),
        words("• Developing a standards board.", 200, 150),
        words("• Delivering peer reviews.", 200, 164),
    )
    assert site_records(model) == [
        (
            "Tameside",
            ["Independent scrutiny", "Voice of the child"],
            [
                (
                    "Independent scrutiny",
                    ["Developing a standards board.", "Delivering peer reviews."],
                )
            ],
            2,
            2,
        )
    ]
    assert model.unplaced == ()


def test_a_title_wrapped_around_a_line_of_the_column_beside_it_is_one_title() -> None:
    """A row header "Multi-agency learning" / "theme(s)" at a page foot beside its one
    theme, which stands on the title's first line (one row is too few to part as a column):
    read in order, the theme stands between the title's two lines. The title is one, and
    the theme beside it is its panel's. The approaches' row opens the next page, its title
    on one line beside its first heading, on that heading's baseline: the title ends where
    the white space after it parts the two (it was read as a heading "Overview of
    approaches Local reviews")."""
    document = _document(
        [words("Title", 50, 300, 30)],
        [
            words("West Midlands", 50, 640, 12, "Helvetica-Bold"),
            words("Dudley, Sandwell, Walsall", 50, 660, 20, "Helvetica-Bold"),
            [
                *words("Multi-agency learning", 50, 700, 11, "Helvetica-Bold"),
                *words("• Regionalisation", 200, 700.5),
            ],
            words("theme(s)", 50, 714, 11, "Helvetica-Bold"),
        ],
        [
            words("Overview of approaches", 50, 40, 11, "Helvetica-Bold"),
            words("Local reviews", 200, 40, 10.5, "Helvetica-Bold"),
            words("• Developing a regional framework.", 200, 56),
        ],
    )
    model = document_model(document, reference=REFERENCE)
    assert site_records(model) == [
        (
            "Dudley, Sandwell, Walsall",
            ["Regionalisation"],
            [("Local reviews", ["Developing a regional framework."])],
            2,
            3,
        )
    ]
    assert model.unplaced == ()


def test_a_panels_first_line_read_before_its_row_header_is_not_the_sites_header() -> None:
    """The page's columns put a site's first theme, beside its row header and a hair above
    it, in a block read before the titles' (with the labelled region's value, beside its
    label): a line of an earlier block is the header's only where it stands left of the
    titles, at the foot of a column read before theirs. It was read as an authority."""
    blocks = [
        [
            words("Solihull", 50, 40, 20, "Helvetica-Bold"),
            words("Region", 50, 66, 10, "Helvetica-Bold"),
        ],
        [words("West Midlands", 150, 66), words("• Alternative structural model", 200, 93.5)],
        [
            words("Multi-agency learning", 50, 94, 11, "Helvetica-Bold"),
            words("theme(s)", 50, 108, 11, "Helvetica-Bold"),
            words("• Engagement with schools", 200, 110),
            words("Overview of", 50, 134, 11, "Helvetica-Bold"),
            words("approaches", 50, 148, 11, "Helvetica-Bold"),
        ],
        [
            words("Local reviews", 200, 140, 10.5, "Helvetica-Bold"),
            words("• Developing a plan.", 200, 156),
        ],
    ]
    lines = tuple(
        line_of(2, block, placed, ()) for block, group in enumerate(blocks) for placed in group
    )
    cover = page_of(words("Title", 50, 300, 30))
    site_page = Page(2, 600, 800, lines, (), False)
    model = document_model(
        ExtractedDocument(2, None, None, (cover, site_page)), reference=REFERENCE
    )
    assert header_records(model) == [("West Midlands", "Solihull", ["Solihull"])]
    assert site_records(model)[0][1:3] == (
        ["Alternative structural model", "Engagement with schools"],
        [("Local reviews", ["Developing a plan."])],
    )
    assert model.unplaced == ()


def test_a_themes_panel_running_on_beside_the_approaches_goes_on_with_the_themes() -> None:
    """Two panels side by side in a grid the page breaks: both run on at the top of the
    next page, each in its own column, and a line under the themes title's place is a
    theme, not an approach."""
    site = [
        *side_by_side_site("North West", "Tameside", 20),
        words("• Local reviews", 50, 110),
        words("Local reviews", 300, 110, 11, "Helvetica-Bold"),
        words("• Planning for reviews.", 300, 128),
    ]
    runs_on = [
        words("• Voice of the", 50, 40),
        words("child", 58, 54),
        words("• Reviewing the", 300, 40),
        words("learning.", 308, 54),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews", "Voice of the child"],
            [("Local reviews", ["Planning for reviews.", "Reviewing the learning."])],
            2,
            3,
        )
    ]
    assert model.unplaced == ()


def stacked_site(region: str, name: str, top: float) -> list[list[Word]]:
    """A site's banner and name, its approaches (one heading, one item), then under them
    its themes title: the panels one above the other, the approaches first; the themes
    listed a little indented."""
    return [
        words(region, 50, top, 15, "Helvetica-Bold"),
        words(name, 50, top + 25, 24, "Helvetica-Bold"),
        words("Overview of approaches", 50, top + 70, 14, "Helvetica-Bold"),
        words("Local reviews", 50, top + 95, 11, "Helvetica-Bold"),
        words("• Planning for reviews.", 50, top + 113),
        words("Multi-agency learning theme(s)", 62, top + 140, 12, "Helvetica-Bold"),
    ]


def test_a_themes_list_below_the_approaches_broken_by_the_page_goes_on_with_the_themes() -> None:
    """The panels stand one above the other, the approaches first; the page breaks the
    themes' list after its first theme. The next page's lines set as the themes are (their
    style, marker and text where the themes' stand) are themes, up to the next site."""
    site = [*stacked_site("North West", "Tameside", 500), words("• Local reviews", 62, 660)]
    runs_on = [
        words("• Voice of the", 62, 40),
        words("child", 70, 54),
        *stacked_site("London", "Brent", 120),
        words("• Independent scrutiny", 62, 280),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews", "Voice of the child"],
            [("Local reviews", ["Planning for reviews."])],
            2,
            3,
        ),
        ("Brent", ["Independent scrutiny"], [("Local reviews", ["Planning for reviews."])], 3, 3),
    ]
    assert model.unplaced == ()


def test_panels_one_after_the_other_down_newspaper_columns_run_on_with_approaches() -> None:
    """A page in two newspaper columns: the themes panel ends the first column and the
    approaches' title opens the second, higher on the page. The titles stand apart across
    the page as panels side by side do, but not level: the lines of the next page under
    the themes title's place are approaches running on, not themes."""
    site = [
        words("North West", 50, 40, 15, "Helvetica-Bold"),
        words("Tameside", 50, 60, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 50, 118),
        words("• Voice of the child", 50, 132),
        words("Overview of approaches", 300, 40, 14, "Helvetica-Bold"),
        words("Local reviews", 300, 60, 11, "Helvetica-Bold"),
        words("• Planning for reviews.", 300, 78),
        words("• Sharing the learning.", 300, 92),
    ]
    runs_on = [words("• Reviewing the learning.", 50, 40), words("• Building a forum.", 50, 54)]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews", "Voice of the child"],
            [
                (
                    "Local reviews",
                    [
                        "Planning for reviews.",
                        "Sharing the learning.",
                        "Reviewing the learning.",
                        "Building a forum.",
                    ],
                )
            ],
            2,
            3,
        )
    ]
    assert model.unplaced == ()


def test_a_page_that_sets_lines_across_both_panels_places_runs_on_with_approaches() -> None:
    """The panels stood side by side on the site's first page, but the page it runs on to
    sets its lines across the whole width: what starts under the themes title's place is
    an approach."""
    site = [
        *side_by_side_site("North West", "Tameside", 20),
        words("• Local reviews", 50, 110),
        words("Local reviews", 300, 110, 11, "Helvetica-Bold"),
        words("• Planning for reviews.", 300, 128),
    ]
    runs_on = [
        words("Six work streams", 50, 40, 11, "Helvetica-Bold"),
        words("1. A long item set right across the page width, under both titles.", 50, 58),
        words("2. Short.", 50, 72),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews"],
            [
                ("Local reviews", ["Planning for reviews."]),
                (
                    "Six work streams",
                    ["A long item set right across the page width, under both titles.", "Short."],
                ),
            ],
            2,
            3,
        )
    ]
    assert model.unplaced == ()


def test_panel_titles_stranded_at_a_page_foot_open_their_panels_on_the_next_page() -> None:
    """A site's banner, name, panel titles and first section heading at the foot of a
    page, with no theme or item under them there: the next page opens both panels."""
    first = [
        *side_by_side_site("North West", "Tameside", 20),
        words("• Local reviews", 50, 110),
        words("• Planning for reviews.", 300, 110),
        *side_by_side_site("London", "Brent", 640),
        words("Child death reviews", 300, 730, 11, "Helvetica-Bold"),
    ]
    second = [
        words("• Regional alignment", 50, 40),
        words("• Aligning the panels.", 300, 40),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], first, second))
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews"],
            [("Overview of approaches", ["Planning for reviews."])],
            2,
            2,
        ),
        (
            "Brent",
            ["Regional alignment"],
            [("Child death reviews", ["Aligning the panels."])],
            2,
            3,
        ),
    ]
    assert model.unplaced == ()


def test_titles_wrapped_beside_the_first_line_of_the_other_panel_are_one_heading_row() -> None:
    """A site whose banner and name stand at the foot of the page before: its panel titles
    open the next page side by side, the themes title wrapped over two lines, reaching
    below the first item under the approaches title. Both start above every other line, and
    themes stand under them: a new site's titles, not a repeated heading row (which would
    leave the item with no title over it)."""
    first = [
        *side_by_side_site("North West", "Tameside", 20),
        words("• Local reviews", 50, 110),
        words("• Planning for reviews and", 300, 110),
        words("learning.", 308, 124),
        words("North East", 50, 700, 15, "Helvetica-Bold"),
        words("Gateshead", 50, 725, 24, "Helvetica-Bold"),
    ]
    second = [
        words("Overview of approaches", 50, 40, 12, "Helvetica-Bold"),
        words("• Exploring a forum.", 50, 58),
        words("Multi-agency learning", 300, 42, 10, "Helvetica-Bold"),
        words("theme(s)", 300, 54, 10, "Helvetica-Bold"),
        words("• Alternative model", 300, 70),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], first, second))
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews"],
            [("Overview of approaches", ["Planning for reviews and learning."])],
            2,
            2,
        ),
        (
            "Gateshead",
            ["Alternative model"],
            [("Overview of approaches", ["Exploring a forum."])],
            2,
            3,
        ),
    ]
    assert model.unplaced == ()


def test_a_theme_under_titles_at_a_page_foot_leaves_the_items_to_the_next_page() -> None:
    """A site's titles at a page foot with its first theme and first heading under them,
    and no item yet: the next page's items are the site's."""
    first = [
        *side_by_side_site("North West", "Tameside", 20),
        words("• Local reviews", 50, 110),
        words("• Planning for reviews.", 300, 110),
        *side_by_side_site("London", "Bexley", 630),
        words("• Independent scrutiny", 50, 720),
        words("Independent scrutiny", 300, 720, 11, "Helvetica-Bold"),
    ]
    second = [
        words("• Local reviews", 50, 40),
        words("• Completing a hub.", 300, 40),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], first, second))
    assert site_records(model)[1] == (
        "Bexley",
        ["Independent scrutiny", "Local reviews"],
        [("Independent scrutiny", ["Completing a hub."])],
        2,
        3,
    )
    assert model.unplaced == ()


def test_a_section_heading_wrapped_over_a_page_break_is_one_heading() -> None:
    site = [
        *side_by_side_site("South West", "Devon", 20),
        words("• Local reviews", 50, 110),
        words("Multi-agency outcomes framework and", 300, 110, 11, "Helvetica-Bold"),
        words("models of learning and practice", 300, 124, 11, "Helvetica-Bold"),
    ]
    runs_on = [
        words("improvement", 300, 40, 11, "Helvetica-Bold"),
        words("• Developing and piloting.", 300, 58),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model)[0][2] == [
        (
            "Multi-agency outcomes framework and models of learning and practice improvement",
            ["Developing and piloting."],
        )
    ]
    assert model.unplaced == ()


def test_a_line_that_wraps_on_from_the_one_before_is_no_panel_title() -> None:
    """A subtitle wrapped before the words of a panel title ("Overview of safeguarding" /
    "learning themes"): the second line carries on the first, it is not a title."""
    facts = parser_facts()
    wrapped_title = next(title for title in facts.themes_titles if " " in title)
    head, tail = wrapped_title.split(" ", 1)
    cover = page_of(
        words("Safeguarding", 50, 100, 30, "Helvetica-Bold"),
        words(f"Overview of safeguarding {head}", 50, 150, 17),
        words(tail, 50, 170, 17),
        number=1,
    )
    site = page_of(
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 50, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("• Planning.", 50, 170),
        number=2,
    )
    model = document_model(ExtractedDocument(2, None, None, (cover, site)))
    assert [(s.name.text if s.name else None, s.page_start) for s in model.sites] == [
        ("Tameside", 2)
    ]


def test_a_panel_title_broken_after_its_hyphen_in_a_narrow_column_is_joined() -> None:
    model = model_of(
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-", 50, 90, 12, "Helvetica-Bold"),
        words("agency", 50, 104, 12, "Helvetica-Bold"),
        words("learning", 50, 118, 12, "Helvetica-Bold"),
        words("theme(s)", 50, 132, 12, "Helvetica-Bold"),
        words("• Local", 50, 150),
        words("reviews", 58, 164),
        words("Overview of approaches", 150, 90, 14, "Helvetica-Bold"),
        words("• Planning for effective reviews.", 150, 110),
        words("• Sharing learning.", 150, 124),
    )
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews"],
            [("Overview of approaches", ["Planning for effective reviews.", "Sharing learning."])],
            2,
            2,
        )
    ]
    assert model.unplaced == ()


def test_a_panel_title_wrapped_over_a_page_break_is_one_title() -> None:
    """A narrow themes panel: its title wraps over three lines, the first two at the foot
    of the page beside the approaches, the last at the top of the next page's first
    column, above the site's theme. The three lines are the title; none is a theme."""
    site = [
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Overview of approaches", 300, 700, 14, "Helvetica-Bold"),
        words("• Planning for effective reviews.", 300, 720),
        words("Multi-agency", 50, 720, 12, "Helvetica-Bold"),
        words("learning", 50, 734, 12, "Helvetica-Bold"),
    ]
    runs_on = [
        words("theme(s)", 50, 40, 12, "Helvetica-Bold"),
        words("• Local reviews", 50, 58),
        words("• Sharing the learning.", 300, 40),
        words("• Reviewing it again.", 300, 54),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews"],
            [
                (
                    "Overview of approaches",
                    [
                        "Planning for effective reviews.",
                        "Sharing the learning.",
                        "Reviewing it again.",
                    ],
                )
            ],
            2,
            3,
        )
    ]
    assert model.unplaced == ()


def test_a_title_beside_the_first_line_of_the_other_at_a_page_foot_goes_on_over_the_break() -> None:
    """Both titles at a page's foot on one baseline, the approaches first, the themes
    title's first words beside it and its next line under them (too few rows for a gutter
    to part them); the rest of it opens the next page's second column, beside the
    approaches. Apart, and joined over the break, they are the site's two titles."""
    site = [
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Overview of approaches", 50, 720, 12, "Helvetica-Bold"),
        words("Multi-agency", 300, 720, 12, "Helvetica-Bold"),
        words("learning", 300, 734, 12, "Helvetica-Bold"),
    ]
    runs_on = [
        words("• Exploring a forum.", 50, 40),
        words("• Developing the plans.", 50, 54),
        words("theme(s)", 300, 40, 12, "Helvetica-Bold"),
        words("• Alternative model", 300, 58),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Tameside",
            ["Alternative model"],
            [("Overview of approaches", ["Exploring a forum.", "Developing the plans."])],
            2,
            3,
        )
    ]
    assert model.unplaced == ()


def header_records(model: DocumentModel) -> list[tuple]:
    return [
        (s.region.text, s.name.text if s.name else None, [e.text for e in s.local_authorities])
        for s in model.sites
    ]


def test_a_region_set_under_the_name_is_told_by_its_texts_repeating() -> None:
    """The site's name opens each header and the region stands under it, a style of its
    own, once a site like the name: the region's style is the one whose texts repeat from
    site to site (two sites in the North West), the name's never do."""
    green = (0.2, 0.5, 0.3)
    pages = [[words("Title", 50, 300, 30)]]
    for region, name in (
        ("North West", "Tameside"),
        ("North West", "Salford"),
        ("London", "Brent"),
    ):
        pages.append(
            [
                words(name, 50, 40, 20, "Helvetica-Bold"),
                words(region, 50, 66, 12, "Helvetica-Bold", green),
                words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
                words("• Local reviews", 50, 120),
                words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
                words(f"• Planning for reviews of practice in {name} with partners.", 50, 170),
                words(f"• Engaging schools in {name} and the early years sector.", 50, 184),
            ]
        )
    model = document_model(_document(*pages))
    assert header_records(model) == [
        ("North West", "Tameside", ["Tameside"]),
        ("North West", "Salford", ["Salford"]),
        ("London", "Brent", ["Brent"]),
    ]
    assert model.unplaced == ()


def labelled_site(*facts: list[Word]) -> DocumentModel:
    """One site whose name opens its header and whose facts (`facts`) stand under it."""
    return model_of(
        words("North West London Partnership", 50, 20, 20, "Helvetica-Bold"),
        *facts,
        words("Multi-agency learning theme(s)", 50, 120, 12, "Helvetica-Bold"),
        words("• Child death reviews", 50, 140),
        words("Overview of approaches", 300, 120, 12, "Helvetica-Bold"),
        words("• Aligning the panels.", 300, 140),
    )


def test_a_region_labelled_before_its_value_is_the_region_and_the_name_is_the_name() -> None:
    """ "Region" in bold, then the region in a column of its own (a definition list set as
    a grid), under the site's name: the label's value is the region. Read as a banner, the
    name was taken for the region and "Region London" for the name."""
    model = labelled_site(
        [*words("Region", 50, 50, 10, "Helvetica-Bold"), *words("London", 150, 50)]
    )
    assert header_records(model) == [
        ("London", "North West London Partnership", ["North West London Partnership"])
    ]
    assert (model.sites[0].region.bbox.x0, model.sites[0].region.bbox.x1) == (150, 180)
    assert model.unplaced == ()


def test_a_region_labelled_with_a_colon_or_a_bold_label_a_word_space_before_it() -> None:
    """ "Region: London" in one type, and "Region" bold a word space before the region: the
    colon, or the change of weight, sets the label apart."""
    for label in (
        words("Region: London", 50, 50),
        [
            *words("Region", 50, 50, 10, "Helvetica-Bold"),
            *words("London", 82.5, 50),
        ],
    ):
        assert header_records(labelled_site(label))[0][0] == "London"


def test_a_label_alone_on_its_line_with_nothing_beside_it_labels_the_line_under_it() -> None:
    """A definition list in a browser's default style: "Region" in bold on a line of its
    own, the region indented on the line under it."""
    model = labelled_site(words("Region", 50, 50, 10, "Helvetica-Bold"), words("London", 70, 64))
    assert header_records(model)[0][:2] == ("London", "North West London Partnership")
    assert model.unplaced == ()


def test_labels_in_a_column_beside_their_values_label_the_region_and_the_authorities() -> None:
    """A column of labels ("Region", "Local authorities") beside a column of values, the
    authorities' value wrapped over two lines: each label's value is the line level with
    it and the lines it wraps on to, not the next label's value below it."""
    model = labelled_site(
        words("Region", 50, 50, 10, "Helvetica-Bold"),
        words("Local authorities", 50, 64, 10, "Helvetica-Bold"),
        words("London", 160, 50),
        words("Brent, Ealing, Hammersmith and Fulham, Kensington", 160, 64),
        words("and Chelsea, Westminster", 160, 78),
    )
    assert header_records(model) == [
        (
            "London",
            "North West London Partnership",
            ["Brent", "Ealing", "Hammersmith and Fulham", "Kensington and Chelsea", "Westminster"],
        )
    ]
    assert model.unplaced == ()


def test_a_labelled_value_wraps_on_under_its_label_with_a_hanging_indent() -> None:
    """A term list (Typst's `/ Local authorities: ...`): the value follows its label on
    the label's line and wraps on set in from the label's start by a hanging indent, not
    under the value's first word. Left unread, the wrapped line stopped the build as a
    line that would join the site's name."""
    model = labelled_site(
        words("Region: London", 50, 50),
        words("Local authorities: Brent, Ealing, Hammersmith and Fulham, Kensington", 50, 64),
        words("and Chelsea, Westminster", 72, 78),
    )
    assert header_records(model) == [
        (
            "London",
            "North West London Partnership",
            ["Brent", "Ealing", "Hammersmith and Fulham", "Kensington and Chelsea", "Westminster"],
        )
    ]
    assert model.unplaced == ()


def test_a_colon_set_as_a_word_of_its_own_after_a_label_ends_the_label() -> None:
    """ "Region" in bold, then a colon a space after it (a term list's separator, `[: ]`)
    and the region: the colon is the label's, not the region's first word (": London")."""
    model = labelled_site(
        [*words("Region", 50, 50, 10, "Helvetica-Bold"), *words(": London", 83, 50)]
    )
    assert header_records(model)[0][:2] == ("London", "North West London Partnership")
    assert model.unplaced == ()


def site_with_header(*header: list[Word]) -> DocumentModel:
    """One site of these header lines over its two panels, one under the other."""
    return model_of(
        *header,
        words("Multi-agency learning theme(s)", 50, 200, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 220),
        words("Overview of approaches", 50, 250, 14, "Helvetica-Bold"),
        words("• Planning reviews.", 58, 270),
    )


def test_a_label_alone_over_a_bulleted_list_takes_every_item_as_an_authority() -> None:
    """ "Local authorities" in bold on a line of its own, the authorities a bulleted list
    under it: each item is an authority. Read as the label's value and its wraps, the
    first item was the only authority and the others joined the site's name, with no
    error."""
    model = site_with_header(
        words("London", 50, 20, 15, "Helvetica-Bold"),
        words("North West London Partnership", 50, 45, 20, "Helvetica-Bold"),
        words("Local authorities", 50, 80, 11, "Helvetica-Bold"),
        words("• Brent", 58, 97),
        words("• Ealing", 58, 112),
        words("• Harrow", 58, 127),
    )
    assert header_records(model) == [
        ("London", "North West London Partnership", ["Brent", "Ealing", "Harrow"])
    ]
    assert model.unplaced == ()


def test_a_label_alone_over_one_authority_a_line_takes_each_line_as_one() -> None:
    """The authorities one a line under their label, no bullets, a name wrapped after
    "and": one authority a logical line, as an unlabelled list under a name is read. Read
    as one value wrapped over its lines, the four lines were one authority."""
    model = site_with_header(
        words("London", 50, 20, 15, "Helvetica-Bold"),
        words("North West London Partnership", 50, 45, 20, "Helvetica-Bold"),
        words("Local authorities", 50, 80, 11, "Helvetica-Bold"),
        words("Brent", 50, 97),
        words("Hammersmith and", 50, 112),
        words("Fulham", 50, 127),
        words("Harrow", 50, 142),
    )
    assert header_records(model) == [
        ("London", "North West London Partnership", ["Brent", "Hammersmith and Fulham", "Harrow"])
    ]
    assert model.unplaced == ()


def test_a_line_left_after_a_labelled_value_stops_the_build_rather_than_join_the_name() -> None:
    """The authorities beside their label, then a line under them that does not wrap on
    from them (it starts under the label, not under the value): it would have joined the
    site's name printed over the label, published with no error. The build stops naming
    the page and the line."""
    with pytest.raises(LayoutError) as error:
        site_with_header(
            words("London", 50, 20, 15, "Helvetica-Bold"),
            words("North West London Partnership", 50, 45, 20, "Helvetica-Bold"),
            [
                *words("Local authorities", 50, 80, 11, "Helvetica-Bold"),
                *words("Brent, Ealing", 160, 80),
            ],
            words("Harrow", 50, 97),
        )
    assert error.value.message == (
        "page 2: 'Harrow', after a labelled value that does not take it, would join the "
        "site's name 'North West London Partnership'; check the PDF page"
    )


def test_a_label_word_not_set_apart_from_what_follows_is_part_of_a_name() -> None:
    """ "Local authority partnership" under a banner, one type, word spaces only: no label,
    the site's name."""
    model = model_of(
        words("London", 50, 20, 12, "Helvetica-Bold"),
        words("Local authority partnership", 50, 40, 20, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 120, 12, "Helvetica-Bold"),
        words("• Child death reviews", 50, 140),
        words("Overview of approaches", 300, 120, 12, "Helvetica-Bold"),
        words("• Aligning the panels.", 300, 140),
    )
    assert header_records(model)[0][:2] == ("London", "Local authority partnership")


def test_a_region_labelled_by_a_word_the_publication_does_not_list_stops_the_build() -> None:
    """ "Area" labels the region, set apart from it as a label is, but is not one of the
    publication's region labels: read as a banner, the region would be the site's name,
    which names no region. The build stops naming the label and the file to add it to,
    rather than ask for "Tameside" as a region's spelling."""
    with pytest.raises(LayoutError) as error:
        model_of(
            words("Tameside", 50, 20, 20, "Helvetica-Bold"),
            [*words("Area", 50, 50, 10, "Helvetica-Bold"), *words("North West", 150, 50)],
            words("Multi-agency learning theme(s)", 50, 120, 12, "Helvetica-Bold"),
            words("• Local reviews", 50, 140),
            words("Overview of approaches", 300, 120, 12, "Helvetica-Bold"),
            words("• Planning for reviews.", 300, 140),
        )
    assert error.value.message == (
        "page 2: the site's region is read from 'Tameside', which names no region, but "
        "'Area North West' ends in one, 'North West', after 'Area': if 'Area' labels the "
        "region, add it to region_labels in schemas/publication.toml [parser]; else check "
        "the PDF page"
    )


def test_a_region_and_a_name_set_on_one_line_of_a_banner_are_read_apart() -> None:
    """The region (9 pt) and the site's name (18 pt) side by side on one baseline, 0.8 em
    apart: one printed line, two texts."""
    model = model_of(
        words("North West", 50, 25, 9, "Helvetica-Bold"),
        words("Tameside", 108, 16, 18, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 70, 12, "Helvetica-Bold"),
        words("Overview of approaches", 300, 70, 14, "Helvetica-Bold"),
        words("• Local reviews", 50, 90),
        words("• Planning for reviews.", 300, 90),
    )
    assert header_records(model) == [("North West", "Tameside", ["Tameside"])]
    assert site_records(model)[0][1:3] == (
        ["Local reviews"],
        [("Overview of approaches", ["Planning for reviews."])],
    )
    assert model.unplaced == ()


def test_a_tag_centred_on_the_name_before_it_is_read_in_the_names_row() -> None:
    """The region as a tag after the site's name (9 pt, on a baseline of its own, centred
    on the 20 pt name). Beyond a long name, it stands over the approaches' column across
    the panels' gutter, and was read in that column after the panel titles; beside a short
    one it was read before the name, its baseline being higher. It is read right after the
    name, in the name's column block."""
    long_name = page_of(
        words("Newcastle upon Tyne", 50, 40, 20, "Helvetica-Bold"),
        words("North East", 245, 45.5, 9),
        words("Multi-agency learning theme(s)", 50, 80, 12, "Helvetica-Bold"),
        words("• Regionalisation", 50, 100),
        words("• Local reviews", 50, 114),
        words("Overview of approaches", 250, 80, 12, "Helvetica-Bold"),
        words("• Developing a forum.", 250, 100),
        words("• Aligning the panels.", 250, 114),
    )
    assert texts(long_name)[:3] == [
        (0, "Newcastle upon Tyne"),
        (0, "North East"),
        (0, "Multi-agency learning theme(s)"),
    ]
    short_name = page_of(
        words("York", 50, 40, 20, "Helvetica-Bold"),
        words("Yorkshire and Humber", 105, 45.5, 9),
        words("Multi-agency learning theme(s)", 50, 80, 12, "Helvetica-Bold"),
    )
    assert texts(short_name)[:2] == [(0, "York"), (0, "Yorkshire and Humber")]
    # after the last line of a name wrapped over two, the first reaching over the tag
    wrapped_name = page_of(
        words("North Tyneside, South Tyneside", 50, 40, 20, "Helvetica-Bold"),
        words("Sunderland", 50, 62, 20, "Helvetica-Bold"),
        words("North East", 165, 67.5, 9),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
    )
    assert [text for _, text in texts(wrapped_name)][:3] == [
        "North Tyneside, South Tyneside",
        "Sunderland",
        "North East",
    ]


def test_a_banner_of_the_next_column_centred_on_a_name_by_chance_stays_in_its_column() -> None:
    """Newspaper columns: a name wrapped over three lines at 24 pt in the first, a region
    banner opening the next site in the second, white space over and under it, centred by
    chance on the name's middle line. It stands a column's measure from that line, not a
    tag's margin: it is read in its column, before the name under it."""
    page = page_of(
        words("Newcastle upon", 50, 259, 24, "Helvetica-Bold"),
        words("Tyne", 50, 287, 24, "Helvetica-Bold"),
        words("North Tyneside", 50, 315, 24, "Helvetica-Bold"),
        *(words(f"Right line {n} runs on.", 300, 200 + 13.5 * n) for n in range(4)),
        words("Yorkshire and Humber", 300, 292.5, 10.5, "Helvetica-Bold"),
        words("North Lincolnshire", 300, 316, 24, "Helvetica-Bold"),
    )
    assert texts(page) == [
        (0, "Newcastle upon"),
        (0, "Tyne"),
        (0, "North Tyneside"),
        *((1, f"Right line {n} runs on.") for n in range(4)),
        (1, "Yorkshire and Humber"),
        (1, "North Lincolnshire"),
    ]


def test_a_line_of_the_next_column_level_with_a_large_line_stays_in_its_column() -> None:
    """A 20 pt name in the first of two newspaper columns, beside the second's running text
    in 10 pt: the line of the second column centred on the name has its column's lines a
    leading above and below it, and a heading opening the second column, beside a name at
    the first's top, stands level with the name's top, not centred on it. Each is read in
    its column, not with the name."""
    name = words("Hertfordshire", 50, 116, 20, "Helvetica-Bold")
    first_column = [
        words("Sunderland", 50, 40, 20, "Helvetica-Bold"),
        *(words(f"Left line {n} of the site.", 50, 66 + 13.5 * n) for n in range(3)),
        name,
        *(words(f"Left line {n} under it.", 50, 142 + 13.5 * n) for n in range(3)),
    ]
    second_column = [words(f"Right line {n} runs on.", 300, 40 + 13.5 * n) for n in range(12)]
    centred = second_column[6][0].bbox  # 121-131, as the name is 116-136
    assert centred.top + centred.bottom == name[0].bbox.top + name[0].bbox.bottom
    page = page_of(*first_column, *second_column)
    assert [text for _, text in texts(page)] == [
        "Sunderland",
        *(f"Left line {n} of the site." for n in range(3)),
        "Hertfordshire",
        *(f"Left line {n} under it." for n in range(3)),
        *(f"Right line {n} runs on." for n in range(12)),
    ]
    # a panel's heading at the top of the next column, an em and more over its text, level
    # with the top of the name beside it: alone in its column, but not centred on the name
    top_aligned = page_of(
        words("Sunderland", 50, 40, 20, "Helvetica-Bold"),
        *(words(f"Left line {n} of the site.", 50, 66 + 13.5 * n) for n in range(3)),
        words("Local reviews", 300, 40, 12, "Helvetica-Bold"),
        *(words(f"Right line {n} runs on.", 300, 66 + 13.5 * n) for n in range(3)),
    )
    assert [text for _, text in texts(top_aligned)][:5] == [
        "Sunderland",
        *(f"Left line {n} of the site." for n in range(3)),
        "Local reviews",
    ]


def test_a_region_wrapped_over_two_lines_of_its_banner_is_one_region() -> None:
    model = model_of(
        words("Yorkshire and", 50, 20, 12, "Helvetica-Bold"),
        words("Humber", 50, 34, 12, "Helvetica-Bold"),
        words("Calderdale", 50, 52, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("Overview of approaches", 300, 100, 14, "Helvetica-Bold"),
        words("• Voice of the child", 50, 120),
        words("• Developing a plan.", 300, 120),
    )
    assert header_records(model) == [("Yorkshire and Humber", "Calderdale", ["Calderdale"])]
    assert model.unplaced == ()


def one_column_site(header: list[list[Word]], item: str) -> DocumentModel:
    """A site set in one column under a banner: its title (20 pt, bold), then its panels,
    whose longest line, the one item, sets how far the column's text reaches."""
    return model_of(
        words("South East", 50, 10, 12, "Helvetica-Bold"),
        *header,
        words("Multi-agency learning theme(s)", 50, 130, 12, "Helvetica-Bold"),
        words("• Local reviews", 50, 148),
        words("Overview of approaches", 50, 166, 14, "Helvetica-Bold"),
        words(f"• {item}", 50, 186),
    )


def test_a_name_wrapped_inside_an_authority_where_the_next_word_did_not_fit_is_one_name() -> None:
    """A name that parts its authorities by commas wraps after "Reading, West" (to 175 pt)
    where "Berkshire," (100 pt wide) would not fit before the column's text ends (its item
    reaches 262.5 pt): the typesetter wrapped it, and it is one name. Where the column
    reaches past 280 pt, "Berkshire," would have fit: the break is the title's own, its two
    lines two entries."""
    name = [
        words("Reading, West", 50, 30, 20, "Helvetica-Bold"),
        words("Berkshire, Wokingham", 50, 54, 20, "Helvetica-Bold"),
    ]
    model = one_column_site(name, "Developing a plan across the three boroughs.")
    assert header_records(model) == [
        (
            "South East",
            "Reading, West Berkshire, Wokingham",
            ["Reading", "West Berkshire", "Wokingham"],
        )
    ]
    assert model.unplaced == ()
    model = one_column_site(name, "Developing a shared plan across the three boroughs.")
    assert header_records(model) == [
        ("South East", None, ["Reading, West", "Berkshire, Wokingham"])
    ]


def test_an_authority_wrapped_after_a_lower_case_word_in_a_list_one_a_line_is_one_entry() -> None:
    """Authorities set one a line (no name), one of them wrapped after "upon" where "Tyne"
    would not fit (to 230 pt, past the column's longest line, 190 pt): one entry. The
    other breaks, though the next word would not fit either, are the list's own: the lines
    end in a capitalised word and part no entries by commas. Where the column reaches past
    230 pt, "Tyne" would have fit: its line is an entry of its own."""
    authorities = [
        words("Northumberland", 50, 30, 20, "Helvetica-Bold"),
        words("Newcastle upon", 50, 54, 20, "Helvetica-Bold"),
        words("Tyne", 50, 78, 20, "Helvetica-Bold"),
        words("Gateshead", 50, 102, 20, "Helvetica-Bold"),
    ]
    model = one_column_site(authorities, "Exploring a new forum.")
    assert header_records(model) == [
        ("South East", None, ["Northumberland", "Newcastle upon Tyne", "Gateshead"])
    ]
    assert model.unplaced == ()
    model = one_column_site(authorities, "Exploring a new forum for all partners.")
    assert header_records(model) == [
        ("South East", None, ["Northumberland", "Newcastle upon", "Tyne", "Gateshead"])
    ]


def test_a_site_whose_header_ends_a_column_and_whose_panels_open_the_next_is_read_whole() -> None:
    """A page in two columns, sites one after the other down them: the second site's
    banner and name end the first column, its panels open the second. Its header is what
    is read before its titles, though it stands lower on the page."""
    page = [
        words("North West", 50, 40, 15, "Helvetica-Bold"),
        words("Tameside", 50, 60, 24, "Helvetica-Bold"),
        words("Overview of approaches", 50, 100, 14, "Helvetica-Bold"),
        words("• Exploring a forum.", 50, 120),
        words("• Providing assurance.", 50, 134),
        words("Multi-agency learning theme(s)", 50, 154, 12, "Helvetica-Bold"),
        words("• Local reviews", 50, 172),
        words("North East", 50, 200, 15, "Helvetica-Bold"),
        words("Gateshead", 50, 220, 24, "Helvetica-Bold"),
        words("Overview of approaches", 320, 40, 14, "Helvetica-Bold"),
        words("• Building a forum.", 320, 60),
        words("• Sharing the learning.", 320, 74),
        words("Multi-agency learning theme(s)", 320, 94, 12, "Helvetica-Bold"),
        words("• Voice of the child", 320, 112),
    ]
    model = model_of(*page)
    assert site_records(model) == [
        (
            "Tameside",
            ["Local reviews"],
            [("Overview of approaches", ["Exploring a forum.", "Providing assurance."])],
            2,
            2,
        ),
        (
            "Gateshead",
            ["Voice of the child"],
            [("Overview of approaches", ["Building a forum.", "Sharing the learning."])],
            2,
            2,
        ),
    ]
    assert model.unplaced == ()


def test_a_site_running_on_from_a_column_foot_keeps_the_header_above_its_first_title() -> None:
    """A page in two columns: the second site's header and approaches title stand at the
    foot of the first column, its items run on into the second, where its themes title
    stands higher on the page. The header is what stands above the first title (and any
    title level with it), not above every title of the site on the page."""
    model = model_of(
        words("North West", 50, 40, 15, "Helvetica-Bold"),
        words("Tameside", 50, 60, 24, "Helvetica-Bold"),
        words("Overview of approaches", 50, 100, 14, "Helvetica-Bold"),
        words("• Exploring a forum.", 50, 120),
        words("• Providing assurance.", 50, 134),
        words("Multi-agency learning theme(s)", 50, 154, 12, "Helvetica-Bold"),
        words("• Local reviews", 50, 172),
        words("North East", 50, 200, 15, "Helvetica-Bold"),
        words("Gateshead", 50, 220, 24, "Helvetica-Bold"),
        words("Overview of approaches", 50, 252, 14, "Helvetica-Bold"),
        words("• Building a forum.", 50, 272),
        words("• Sharing the learning.", 320, 40),
        words("Multi-agency learning theme(s)", 320, 60, 12, "Helvetica-Bold"),
        words("• Voice of the child", 320, 78),
    )
    assert header_records(model)[1] == ("North East", "Gateshead", ["Gateshead"])
    assert site_records(model)[1][1:3] == (
        ["Voice of the child"],
        [("Overview of approaches", ["Building a forum.", "Sharing the learning."])],
    )
    assert model.unplaced == ()


def test_a_heading_level_with_the_name_in_the_next_column_is_not_an_authority() -> None:
    """A page in two columns: the site's approaches run on from the first column into the
    second, where a section heading happens to stand level with the site's name. A line
    level with the header is the header's (a second column of authorities, a tag past the
    gutter) only in the header's style."""
    model = model_of(
        words("North West", 50, 40, 15, "Helvetica-Bold"),
        words("Tameside", 50, 60, 24, "Helvetica-Bold"),
        words("Overview of approaches", 50, 100, 14, "Helvetica-Bold"),
        words("Independent scrutiny", 50, 120, 11, "Helvetica-Bold"),
        words("• Exploring a forum.", 50, 136),
        words("• Providing assurance.", 50, 150),
        words("• Reviewing the plans.", 320, 40),
        words("Voice of the child", 320, 73, 11, "Helvetica-Bold"),
        words("• Hearing children.", 320, 90),
        words("Multi-agency learning theme(s)", 320, 110, 12, "Helvetica-Bold"),
        words("• Independent scrutiny", 320, 128),
        words("• Voice of the child", 320, 142),
    )
    assert header_records(model) == [("North West", "Tameside", ["Tameside"])]
    assert site_records(model)[0][1:3] == (
        ["Independent scrutiny", "Voice of the child"],
        [
            (
                "Independent scrutiny",
                ["Exploring a forum.", "Providing assurance.", "Reviewing the plans."],
            ),
            ("Voice of the child", ["Hearing children."]),
        ],
    )
    assert model.unplaced == ()


def test_an_item_under_a_title_level_with_an_authority_is_not_an_authority() -> None:
    """Newspaper columns: the site's banner, name, bulleted authorities and themes title
    fill the first column, a column break sends its one theme and its approaches to the
    second, where an item stands level with an authority, in its style. A line level with
    the header is a second column of authorities only where no panel title stands over
    it (the item was published as an authority: a stop on an unknown authority at best)."""
    model = model_of(
        words("London", 50, 40, 15, "Helvetica-Bold"),
        words("North West London", 50, 60, 24, "Helvetica-Bold"),
        words("• Brent", 50, 96),
        words("• Ealing", 50, 110),
        words("• Harrow", 50, 124),
        words("• Hounslow", 50, 138),
        words("Multi-agency learning theme(s)", 50, 160, 12, "Helvetica-Bold"),
        words("• Local reviews", 320, 40),
        words("Overview of approaches", 320, 60, 14, "Helvetica-Bold"),
        words("Local reviews", 320, 80, 11, "Helvetica-Bold"),
        words("• Developing regional panels.", 320, 96),
        words("• Developing a key worker service.", 320, 124),
    )
    assert header_records(model) == [
        ("London", "North West London", ["Brent", "Ealing", "Harrow", "Hounslow"])
    ]
    assert site_records(model)[0][1:3] == (
        ["Local reviews"],
        [
            (
                "Local reviews",
                ["Developing regional panels.", "Developing a key worker service."],
            )
        ],
    )
    assert model.unplaced == ()


def test_two_panel_titles_set_on_one_line_are_two_titles() -> None:
    """A table's heading row repeated on the last page its table runs on to, where only
    the approaches cell goes on: no gutter parts the two titles, which share a baseline
    far apart."""
    site = [
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Wiltshire", 50, 45, 24, "Helvetica-Bold"),
        *heading_row(100),
        words("• Local reviews", 50, 134),
        words("New model", 300, 120, 11, "Helvetica-Bold"),
        words("• Developing a model.", 300, 140),
    ]
    runs_on = [
        words("Multi-agency learning theme(s)", 50, 40, 10, "Helvetica-Bold"),
        words("Overview of approaches", 300, 40, 10, "Helvetica-Bold"),
        words("• Creating a framework.", 300, 60),
        words("Independent scrutiny", 300, 80, 11, "Helvetica-Bold"),
        words("• Co-producing scrutiny.", 300, 100),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Wiltshire",
            ["Local reviews"],
            [
                ("New model", ["Developing a model.", "Creating a framework."]),
                ("Independent scrutiny", ["Co-producing scrutiny."]),
            ],
            2,
            3,
        )
    ]
    assert model.unplaced == ()


def test_a_repeated_row_over_themes_running_on_is_told_by_no_banner_before_it() -> None:
    """A table whose themes cell runs on too: under its repeated heading row stands a
    theme, as under a new site's titles; but no region banner stands between the open
    site's panels and the row, where one stands before every site's titles."""

    def site(region: str, name: str, top: float, theme: str, item: str) -> list[list[Word]]:
        return [
            words(region, 50, top, 15, "Helvetica-Bold"),
            words(name, 50, top + 25, 24, "Helvetica-Bold"),
            *heading_row(top + 70),
            words(f"• {theme}", 50, top + 104),
            words(f"• {item}", 300, top + 104),
        ]

    first = [
        *site("North West", "Tameside", 20, "Local reviews", "Planning."),
        *site("West Midlands", "Stoke", 400, "Regionalisation", "Developing one."),
    ]
    runs_on = [
        *heading_row(40),
        words("• Integration of panels", 50, 80),
        words("• The new structure.", 300, 80),
        *site("West Midlands", "Solihull", 200, "Engagement", "Engaging schools."),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], first, runs_on))
    assert [(name, themes, pages) for name, themes, _, *pages in site_records(model)] == [
        ("Tameside", ["Local reviews"], [2, 2]),
        ("Stoke", ["Regionalisation", "Integration of panels"], [2, 3]),
        ("Solihull", ["Engagement"], [3, 3]),
    ]
    assert model.unplaced == ()


def test_tags_that_the_body_gutter_parts_are_still_the_header() -> None:
    """A row of tags under the name whose gap falls where the panels' gutter runs: the tag
    beyond it stands level with the header, above the titles, and is an authority."""
    model = model_of(
        words("South East", 50, 20, 15, "Helvetica-Bold"),
        words("Reading, West Berkshire, Wokingham", 50, 45, 24, "Helvetica-Bold"),
        [*words("Reading", 50, 80, 9), *words("West Berkshire", 95, 80, 9)],
        words("Wokingham", 300, 80, 9),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Alternative model", 50, 120),
        words("Overview of approaches", 300, 100, 14, "Helvetica-Bold"),
        words("• Developing a partnership.", 300, 120),
        words("• Establishing a group.", 300, 134),
    )
    (site,) = model.sites
    assert [e.text for e in site.local_authorities] == ["Reading", "West Berkshire", "Wokingham"]
    assert [e.text for e in site.themes] == ["Alternative model"]
    assert model.unplaced == ()


def heading_row(top: float) -> list[list[Word]]:
    """A table's heading row: the themes title wrapped over two lines in the left cell (set
    no larger than the body text), the approaches title in the right one."""
    return [
        words("Multi-agency learning", 50, top, 10, "Helvetica-Bold"),
        words("theme(s)", 50, top + 14, 10, "Helvetica-Bold"),
        words("Overview of approaches", 300, top, 14, "Helvetica-Bold"),
    ]


def test_ragged_rows_beyond_a_wide_gutter_are_a_column_though_they_start_apart() -> None:
    """One row of a cell running on under its heading: the rows right of the gap start at
    two x (title, wrapped line) and do not end together, so no justification opened it."""
    page = page_of(*heading_row(40), words("and to the panel.", 310, 80))
    assert texts(page) == [
        (0, "Multi-agency learning"),
        (0, "theme(s)"),
        (1, "Overview of approaches"),
        (1, "and to the panel."),
    ]


def test_a_table_heading_row_repeated_on_the_next_pages_continues_the_site() -> None:
    """Panels in a table whose heading row repeats on each page it runs onto: the row is
    neither running furniture (it stands level with a title larger than the body text) nor
    a new site (no themes under it); the site's items run on under it."""
    site = [
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        *heading_row(100),
        words("• Local reviews", 50, 134),
        words("Local reviews", 300, 120, 11, "Helvetica-Bold"),
        words("• Planning for effective", 300, 140),
        words("local reviews that", 310, 154),
    ]
    runs_on = [*heading_row(40), words("run across the region.", 310, 80)]
    runs_on += [words("• Sharing the learning,", 300, 94), words("first", 310, 108)]
    last = [*heading_row(40), words("and then wider.", 310, 80)]
    document = _document([words("Title", 50, 300, 30)], site, runs_on, last)
    model = document_model(document)
    assert [
        (
            s.name.text if s.name else None,
            [e.text for e in s.themes],
            [(x.heading, [i.text for i in x.items]) for x in s.sections],
            s.page_end,
        )
        for s in model.sites
    ] == [
        (
            "Tameside",
            ["Local reviews"],
            [
                (
                    "Local reviews",
                    [
                        "Planning for effective local reviews that run across the region.",
                        "Sharing the learning, first and then wider.",
                    ],
                )
            ],
            4,
        )
    ]
    assert model.unplaced == ()


def test_a_repeated_heading_row_over_an_empty_themes_cell_continues_the_site() -> None:
    """A table's heading row repeated at the top of the page it runs on to, its themes
    cell empty there, and lower down under the themes title's place, in another column
    block after a wide gap, the next site's banner and name: that is no theme under the
    row, which is the open site's repeated heading row."""
    site = [
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Trafford", 50, 45, 24, "Helvetica-Bold"),
        *heading_row(100),
        words("• Local reviews", 50, 134),
        words("Local reviews", 300, 120, 11, "Helvetica-Bold"),
        words("• Planning for effective", 300, 140),
    ]
    runs_on = [
        *heading_row(40),
        words("Domestic abuse", 300, 70, 11, "Helvetica-Bold"),
        words("• Reducing its impact.", 300, 90),
        words("• Appointing a coordinator.", 300, 104),
        words("North West", 50, 200, 15, "Helvetica-Bold"),
        words("Salford", 50, 225, 24, "Helvetica-Bold"),
        *heading_row(280),
        words("• Voice of the child", 50, 314),
        words("• Listening to children.", 300, 314),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert site_records(model) == [
        (
            "Trafford",
            ["Local reviews"],
            [
                ("Local reviews", ["Planning for effective"]),
                ("Domestic abuse", ["Reducing its impact.", "Appointing a coordinator."]),
            ],
            2,
            3,
        ),
        (
            "Salford",
            ["Voice of the child"],
            [("Overview of approaches", ["Listening to children."])],
            3,
            3,
        ),
    ]
    assert model.unplaced == ()


def test_authorities_set_as_tags_in_a_row_are_one_entry_each() -> None:
    """Authorities as tags under the name (a web page's flex row of chips): no comma and no
    marker between them, only white space far wider than a word space; the words of one
    tag keep their word spaces."""
    tags = [
        *words("Brent", 50, 80, 9),
        *words("Hammersmith and Fulham", 95, 80, 9),
        *words("Harrow", 230, 80, 9),
    ]
    model = model_of(
        words("London", 50, 20, 15, "Helvetica-Bold"),
        words("North West London Partnership", 50, 45, 24, "Helvetica-Bold"),
        tags,
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Child death reviews", 50, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("• Aligning the panels.", 50, 170),
    )
    (site,) = model.sites
    assert [e.text for e in site.local_authorities] == ["Brent", "Hammersmith and Fulham", "Harrow"]
    assert [(e.bbox.x0, e.bbox.x1) for e in site.local_authorities] == [
        (50, 72.5),
        (95, 189.5),
        (230, 257),
    ]
    assert model.unplaced == ()


def test_authorities_listed_on_one_line_under_the_name_split_at_commas() -> None:
    """Authorities as one line of smaller type under the name, "Brent, Hammersmith and
    Fulham, Harrow", wrapping onto a second: one entry between commas, each with its own
    words' box; "and" inside an authority's name does not split it."""
    model = model_of(
        words("London", 50, 20, 15, "Helvetica-Bold"),
        words("North West London Partnership", 50, 45, 24, "Helvetica-Bold"),
        words("Brent, Hammersmith and Fulham,", 50, 80, 9, "Helvetica-Oblique"),
        words("Harrow", 50, 91, 9, "Helvetica-Oblique"),
        words("Multi-agency learning theme(s)", 50, 120, 12, "Helvetica-Bold"),
        words("• Child death reviews", 50, 140),
        words("Overview of approaches", 50, 170, 14, "Helvetica-Bold"),
        words("• Aligning the panels.", 50, 190),
    )
    (site,) = model.sites
    assert site.name is not None
    assert site.name.text == "North West London Partnership"
    assert [e.text for e in site.local_authorities] == ["Brent", "Hammersmith and Fulham", "Harrow"]
    assert [(e.bbox.x0, e.bbox.top, e.bbox.x1) for e in site.local_authorities] == [
        (50, 80, 77),
        (79.25, 80, 178.25),
        (50, 91, 77),
    ]
    assert model.unplaced == ()


def test_an_authority_whose_name_holds_a_comma_is_kept_whole_in_a_line_under_the_name() -> None:
    """Authorities as one line under the name, "Bristol, City of, North Somerset, South
    Gloucestershire": ONS names Bristol "Bristol, City of", so the line is cut at the
    commas around that name, not inside it, and the name's entry spans both its parts."""
    model = model_of(
        words("South West", 50, 20, 15, "Helvetica-Bold"),
        words("West of England", 50, 45, 24, "Helvetica-Bold"),
        words("Bristol, City of, North Somerset,", 50, 80, 9, "Helvetica-Oblique"),
        words("South Gloucestershire", 50, 91, 9, "Helvetica-Oblique"),
        words("Multi-agency learning theme(s)", 50, 120, 12, "Helvetica-Bold"),
        words("• Child death reviews", 50, 140),
        words("Overview of approaches", 50, 170, 14, "Helvetica-Bold"),
        words("• Aligning the panels.", 50, 190),
    )
    assert header_records(model) == [
        (
            "South West",
            "West of England",
            ["Bristol, City of", "North Somerset", "South Gloucestershire"],
        )
    ]
    assert [(e.bbox.x0, e.bbox.x1) for e in model.sites[0].local_authorities][:2] == [
        (50, 122),
        (124.25, 189.5),
    ]
    assert model.unplaced == ()


@pytest.mark.parametrize(
    ("name", "authorities"),
    [
        (
            "Herefordshire, County of, Worcestershire",
            ["Herefordshire, County of", "Worcestershire"],
        ),
        (
            "Dorset, Bournemouth, Christchurch and Poole",
            ["Dorset", "Bournemouth, Christchurch and Poole"],
        ),
        ("Bristol, City of London", ["Bristol", "City of London"]),
    ],
)
def test_a_one_line_name_is_cut_at_commas_around_the_authority_names_that_hold_one(
    name: str, authorities: list[str]
) -> None:
    """A site's name that spells its authorities is cut at its commas, except those inside
    a name the reference data knows whole ("Herefordshire, County of"); where no joined
    name is known, every comma parts two ("Bristol" and "City of London")."""
    model = model_of(
        words("West Midlands", 50, 20, 15, "Helvetica-Bold"),
        words(name, 50, 45, 20, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 120, 12, "Helvetica-Bold"),
        words("• Child death reviews", 50, 140),
        words("Overview of approaches", 50, 170, 14, "Helvetica-Bold"),
        words("• Aligning the panels.", 50, 190),
    )
    assert header_records(model) == [("West Midlands", name, authorities)]
    assert model.unplaced == ()


def test_without_hanging_indents_items_flow_on_and_a_heading_differs_by_colour() -> None:
    black, red = (0.0,), (0.8, 0.0, 0.0)
    site_lines = (
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 50, 120, color=black),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("Local reviews", 50, 175, color=red),
        words("• Planning for effective", 50, 195, color=black),
        words("local reviews that", 50, 208.5, color=black),
        words("run across the region.", 300, 80, color=black),
        words("Working with the panel", 300, 98, color=red),
        words("• Consulting the national panel.", 300, 118, color=black),
    )
    model = model_of(*site_lines)
    (site,) = model.sites
    assert [(s.heading, [i.text for i in s.items]) for s in site.sections] == [
        ("Local reviews", ["Planning for effective local reviews that run across the region."]),
        ("Working with the panel", ["Consulting the national panel."]),
    ]


def spaced(tokens: list[str], x0: float, top: float, gap: float, size: float = 10) -> list[Word]:
    """One line whose words stand `gap` points apart, as justification spreads them."""
    placed, x = [], x0
    for token in tokens:
        width = 0.5 * size * len(token)
        placed.append(Word(token, BBox(x, top, x + width, top + size), size, "Courier", None))
        x += width + gap
    return placed


def test_justified_gaps_do_not_open_a_column_even_where_words_line_up() -> None:
    # equal word lengths and equal justified gaps: the words stand in a grid
    page = page_of(
        spaced(["alpha", "bravo", "delta"], 50, 100, 20),
        spaced(["gamma", "kilos", "omega"], 50, 114, 20),
        spaced(["sigma", "tango", "zulus"], 50, 128, 20),
    )
    assert texts(page) == [
        (0, "alpha bravo delta"),
        (0, "gamma kilos omega"),
        (0, "sigma tango zulus"),
    ]


def test_rows_that_start_anywhere_are_not_a_column() -> None:
    # two-word justified lines: the only gap is wide, and the words after it start anywhere
    page = page_of(
        spaced(["Establish", "appreciative"], 50, 100, 40),
        spaced(["enquiry", "conduct"], 50, 114, 75),
        spaced(["learning", "reviews"], 50, 128, 55),
        words("and a closing line that runs across the whole width", 50, 142),
    )
    assert [block for block, _ in texts(page)] == [0, 0, 0, 0]


def test_a_one_row_list_in_two_columns_gives_two_items() -> None:
    page = page_of(words("• Stoke on Trent", 50, 100) + words("• Staffordshire", 260, 100))
    assert [(line.list_style, line.text) for line in page.lines] == [
        ("bullet", "Stoke on Trent"),
        ("bullet", "Staffordshire"),
    ]


def test_authorities_level_with_the_header_belong_to_it_though_set_in_the_body_columns() -> None:
    site_lines = (
        words("West Midlands", 50, 20, 15, "Helvetica-Bold"),
        words("Stoke on Trent, Staffordshire", 50, 45, 24, "Helvetica-Bold"),
        words("• Stoke on Trent", 50, 80),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Regionalisation", 50, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("Local reviews", 50, 175, 11, "Helvetica-Bold"),
        words("• Developing one", 50, 195),
        # column two: the list's second column, level with its first, then the flow
        words("• Staffordshire", 300, 80),
        words("arrangement across", 300, 100),
        words("the area.", 300, 114),
        words("• The new structure", 300, 132),
    )
    model = model_of(*site_lines)
    (site,) = model.sites
    assert [e.text for e in site.local_authorities] == ["Stoke on Trent", "Staffordshire"]
    assert [[i.text for i in s.items] for s in site.sections] == [
        ["Developing one arrangement across the area.", "The new structure"]
    ]
    assert model.unplaced == ()


def test_a_heading_left_with_no_items_is_reported_unplaced() -> None:
    site_lines = (
        words("North West", 50, 20, 15, "Helvetica-Bold"),
        words("Tameside", 50, 45, 24, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", 50, 100, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 120),
        words("Overview of approaches", 50, 150, 14, "Helvetica-Bold"),
        words("Local reviews", 50, 175, 11, "Helvetica-Bold"),
        words("• Planning.", 58, 195),
        words("Orphan heading", 50, 230, 11, "Helvetica-Bold"),
    )
    model = model_of(*site_lines)
    assert [(w.page, w.text) for w in model.unplaced] == [(2, "Orphan"), (2, "heading")]


def test_a_list_in_columns_is_read_column_first_however_short_its_columns() -> None:
    page = page_of(
        words("• Bexley", 50, 100) + words("• Lewisham", 260, 100),
        words("• Greenwich", 50, 114),
        words("A paragraph after the list that runs across the width of the page.", 50, 140),
    )
    assert [line.text for line in page.lines] == [
        "Bexley",
        "Greenwich",
        "Lewisham",
        "A paragraph after the list that runs across the width of the page.",
    ]


# --- the layers' own rules -----------------------------------------------------


def test_layout_and_structure_hold_none_of_the_publications_wording() -> None:
    """The publication's titles and names are read from schemas/publication.toml [parser],
    so a new edition's wording is a change to that file, not to the parser."""
    facts = parser_facts()
    wording = [
        *facts.themes_titles,
        *facts.approaches_titles,
        facts.themes_title_printed,
        facts.approaches_title_printed,
        facts.site_printed,
    ]
    sources = [
        path.read_text("utf-8").lower()
        for layer in ("layout", "structure")
        for path in (ROOT / "pipeline" / layer).glob("*.py")
    ]
    assert sources
    assert [text for text in wording if any(text.lower() in source for source in sources)] == []


def test_a_continued_title_wrapped_before_a_number_continues_the_site() -> None:
    """A long "<site> - continued" title wraps so that its second line starts with "1)":
    the line is the title's end, not a numbered item, and the page carries the site on
    under a new section heading."""
    site = [
        words("London", 50, 20, 15, "Helvetica-Bold"),
        words("Bexley, Greenwich, Lewisham (copy 1)", 50, 45, 24, "Helvetica-Bold"),
        words("• Bexley", 58, 75),
        words("• Greenwich", 58, 89),
        words("Multi-agency learning theme(s)", 50, 120, 12, "Helvetica-Bold"),
        words("• Local reviews", 58, 140),
        words("Overview of approaches", 50, 170, 14, "Helvetica-Bold"),
        words("Independent scrutiny", 50, 190, 12, "Helvetica-Bold"),
        words("• Planning.", 58, 210),
    ]
    runs_on = [
        words("London", 50, 20, 15, "Helvetica-Bold"),
        words("Bexley, Greenwich, Lewisham (copy", 50, 45, 24, "Helvetica-Bold"),
        words("1) - continued", 50, 75, 24, "Helvetica-Bold"),
        words("Addressing local practice challenges", 50, 120, 14, "Helvetica-Bold"),
        words("• A local learning hub.", 58, 140),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site, runs_on))
    assert [
        ([(x.heading, [i.text for i in x.items]) for x in s.sections], s.page_end)
        for s in model.sites
    ] == [
        (
            [
                ("Independent scrutiny", ["Planning."]),
                ("Addressing local practice challenges", ["A local learning hub."]),
            ],
            3,
        )
    ]
    assert model.unplaced == ()


def card(x: float, region: str, name: str, items: int, top: float = 40) -> list[list[Word]]:
    """One site's card in a grid of cards: banner, name, its themes panel over its
    approaches panel, then `items` bulleted items under one heading."""
    return [
        words(region, x, top, 10, "Helvetica-Bold"),
        words(name, x, top + 16, 14, "Helvetica-Bold"),
        words("Multi-agency learning theme(s)", x, top + 40, 9, "Helvetica-Bold"),
        words("• Local reviews", x, top + 56),
        words("Overview of approaches", x, top + 76, 9, "Helvetica-Bold"),
        words("Local reviews", x, top + 92, 9, "Helvetica-Bold"),
        *(words(f"• {name} item {n}.", x, top + 92 + 16 * n) for n in range(1, items + 1)),
    ]


def test_a_card_running_over_the_page_goes_on_in_its_own_column_not_the_last_read() -> None:
    """A grid of three cards, each read whole, column by column: the middle card runs over
    the page while the last one ends. The line at the top of the next page stands under
    the middle card's foot: it is that site's, not the site read last. A line across the
    page under the ends of all three (a back cover's) carries on none of them."""
    cards = [
        *card(20, "London", "Brent", 2),
        *card(220, "London", "Ealing", 4),
        *card(420, "South East", "Reading", 2),
    ]
    runs_on = [words("• Ealing item 5.", 220, 40)]
    model = document_model(_document([words("Title", 50, 300, 30)], cards, runs_on))
    assert [([i.text for x in s.sections for i in x.items], s.page_end) for s in model.sites] == [
        (["Brent item 1.", "Brent item 2."], 2),
        (
            [
                "Ealing item 1.",
                "Ealing item 2.",
                "Ealing item 3.",
                "Ealing item 4.",
                "Ealing item 5.",
            ],
            3,
        ),
        (["Reading item 1.", "Reading item 2."], 2),
    ]
    assert model.unplaced == ()
    across = [words("A note set across the page under every card of the row before it.", 20, 40)]
    model = document_model(_document([words("Title", 50, 300, 30)], cards, across))
    assert [[i.text for x in s.sections for i in x.items] for s in model.sites][2] == [
        "Reading item 1.",
        "Reading item 2.",
    ]
    assert model.unplaced == ()


def test_a_first_column_card_running_over_is_told_from_newspaper_columns_or_stops() -> None:
    """A line opening the next page's first column under the first card's foot carries it
    on where the card read last ended higher (it did not run over). Where the last card
    ends as low, the line may as well carry that one on, as newspaper columns run on from
    the last column to the first: which cannot be told, and the build stops naming it."""
    runs_on = [words("• Brent item 5.", 20, 40)]
    cards = [
        *card(20, "London", "Brent", 4),
        *card(220, "London", "Ealing", 2),
        *card(420, "South East", "Reading", 2),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], cards, runs_on))
    assert [[i.text for x in s.sections for i in x.items][-1] for s in model.sites] == [
        "Brent item 5.",
        "Ealing item 2.",
        "Reading item 2.",
    ]
    level = [
        *card(20, "London", "Brent", 4),
        *card(220, "London", "Ealing", 2),
        *card(420, "South East", "Reading", 4),
    ]
    with pytest.raises(LayoutError) as stopped:
        document_model(_document([words("Title", 50, 300, 30)], level, runs_on))
    assert str(stopped.value) == (
        "page 3: the line 'Brent item 5.' at the top of the page may carry on the site at the "
        "foot of the page before above it or the one read last there, further right; which "
        "cannot be told; check the PDF page"
    )


def test_a_line_under_the_first_column_goes_on_with_the_site_read_last_down_columns() -> None:
    """Newspaper columns: a site starts low in the first column, under the one before, and
    fills it; the next opens the second column at the top of the page, above it, and a
    column break before its last heading ends that column early, well above the first
    column's foot. The page was read down its columns (a grid of cards reads a row's
    cards, which start level, before a lower row), so the heading and item at the top of
    the next page go on with the site read last, as the flow does: not with the site whose
    foot stands over them (they were published as that site's, without a word)."""
    columns = [
        *card(50, "North West", "Salford", 1),
        *card(50, "North East", "Northumberland", 8, top=180),
        *card(320, "Yorkshire and Humber", "Calderdale", 2),
    ]
    runs_on = [
        words("Addressing local practice challenges", 50, 40, 9, "Helvetica-Bold"),
        words("• Calderdale item 3.", 50, 56),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], columns, runs_on))
    assert [[(x.heading, [i.text for i in x.items]) for x in s.sections] for s in model.sites] == [
        [("Local reviews", ["Salford item 1."])],
        [("Local reviews", [f"Northumberland item {n}." for n in range(1, 9)])],
        [
            ("Local reviews", ["Calderdale item 1.", "Calderdale item 2."]),
            ("Addressing local practice challenges", ["Calderdale item 3."]),
        ],
    ]
    assert model.unplaced == ()


def test_a_line_under_a_site_running_on_beside_one_begun_on_its_page_stops_the_build() -> None:
    """A site begun on the page before runs on down the first column of a page to its
    foot; beside it, the next site begins at the top of the second column and ends higher
    (a column break before its last heading: newspaper columns, or its card pushed whole
    to the page beside a card running over). Cards of one row begin on one page, so the
    two share no row; which site the line at the next page's top under the first column
    carries on cannot be told, and the build stops naming it (it went to the site over it,
    without a word, where a column break had sent the other site's heading there)."""
    first = card(50, "North West", "Salford", 40)
    beside = [
        *(words(f"• Salford item {n}.", 50, 40 + 16 * (n - 41)) for n in range(41, 81)),
        *card(320, "North East", "Northumberland", 2),
    ]
    runs_on = [
        words("Alternative structural model", 50, 40, 9, "Helvetica-Bold"),
        words("• Northumberland item 3.", 50, 56),
    ]
    with pytest.raises(LayoutError) as stopped:
        document_model(_document([words("Title", 50, 300, 30)], first, beside, runs_on))
    assert str(stopped.value) == (
        "page 4: the line 'Alternative structural model' at the top of the page may carry on "
        "the site at the foot of the page before above it or the one read last there, "
        "further right; which cannot be told; check the PDF page"
    )


def test_a_site_running_over_a_sheet_of_two_pages_goes_on_at_the_next_sheets_first() -> None:
    """Two pages side by side on each sheet (2-up), each read whole, the left first: the
    site read last, on the right page, runs on at the top of the next sheet's left page,
    under the end of the left page's site. Pages read one after the other carry on the
    last one read, as a book does: not the site whose end stands over the line."""
    sheet = [
        *card(50, "North West", "Tameside", 2),
        words("3", 530, 770),
        *card(650, "London", "Brent", 30),
        words("4", 1130, 770),
    ]
    runs_on = [words("• Brent item 31.", 50, 40), words("5", 530, 770)]
    model = document_model(
        _document([words("Title", 50, 300, 30)], sheet, runs_on, size=(1200, 800))
    )
    assert [
        ([i.text for x in s.sections for i in x.items][-1], s.page_end) for s in model.sites
    ] == [("Tameside item 2.", 2), ("Brent item 31.", 3)]
    assert model.unplaced == ()


def test_a_card_running_over_two_pages_goes_on_in_its_own_column_on_both() -> None:
    """The middle card runs over two pages: the second page's line stands under the end of
    the first page it ran on to, which holds that card's lines only (none of the site read
    last on the cards' page): it is that card's too."""
    cards = [
        *card(20, "London", "Brent", 2),
        *card(220, "London", "Ealing", 4),
        *card(420, "South East", "Reading", 2),
    ]
    # set below the page's top margin: an item at one place atop two pages is not furniture
    first = [words("• Ealing item 5.", 220, 80), words("• Ealing item 6.", 220, 96)]
    second = [words("• Ealing item 7.", 220, 120)]
    model = document_model(_document([words("Title", 50, 300, 30)], cards, first, second))
    assert [
        ([i.text for x in s.sections for i in x.items][-1], s.page_end) for s in model.sites
    ] == [("Brent item 2.", 2), ("Ealing item 7.", 4), ("Reading item 2.", 2)]
    assert model.unplaced == ()


def test_an_items_line_atop_the_next_column_beside_a_bulleted_authorities_list_is_its_item() -> (
    None
):
    """A site set in two balanced columns under its name: its authorities, one bullet
    each, open the first column, and its approaches' item wraps on atop the second, level
    with the first authority and in its type. A list of authorities set in columns is
    marked alike in each column: an unmarked line level with a bulleted authority is the
    item's wrapped text, not the list's other column (it was joined to the last authority,
    'Harrow panels, to replace ...', and the build stopped: unknown local authority)."""
    site = [
        words("London", 50, 70, 15, "Helvetica-Bold"),
        words("North West London Partnership", 50, 95, 24, "Helvetica-Bold"),
        words("• Brent", 50, 140),
        words("• Ealing", 50, 156),
        words("• Harrow", 50, 172),
        words("Overview of approaches", 50, 200, 14, "Helvetica-Bold"),
        words("Local reviews", 50, 225, 11, "Helvetica-Bold"),
        words("• Developing regional", 50, 243),
        words("arrangements for the", 58, 257),
        words("panels, to replace the", 308, 140),
        words("current seven.", 308, 154),
        words("Multi-agency learning theme(s)", 300, 182, 12, "Helvetica-Bold"),
        words("• Local reviews", 300, 202),
    ]
    model = document_model(_document([words("Title", 50, 300, 30)], site), reference=REFERENCE)
    assert header_records(model) == [
        ("London", "North West London Partnership", ["Brent", "Ealing", "Harrow"])
    ]
    assert site_records(model) == [
        (
            "North West London Partnership",
            ["Local reviews"],
            [
                (
                    "Local reviews",
                    [
                        "Developing regional arrangements for the panels, to replace the "
                        "current seven."
                    ],
                )
            ],
            2,
            2,
        )
    ]
    assert model.unplaced == ()


def test_items_under_no_heading_and_no_approaches_title_stop_the_build() -> None:
    """A site's themes end one page; the next opens with its items, but its 'Overview of
    approaches' title and first heading are not on it (WeasyPrint 70 draws the rest of a
    CSS grid row that a page break parts above the next page's top edge, where no viewer
    shows it). Read as before, the first item's first line headed its own section, exit 0;
    now the build stops, naming the item."""
    bold = "Helvetica-Bold"
    site = [
        words("West Midlands", 50, 80, 12, bold),
        words("Dudley", 50, 110, 24, bold),
        words("Multi-agency learning theme(s)", 50, 700, 12, bold),
        words("• Local reviews", 58, 720),
    ]
    run_on = [
        words("• Developing and implementing a Black Country Child Death", 250, 80),
        words("Review Panel to undertake robust thematic analyses.", 258, 93),
        words("Approaches", 250, 115, 10.5, bold),
        words("• Establishing the child death review panel.", 250, 135),
    ]
    with pytest.raises(LayoutError) as stopped:
        document_model(_document([words("Title", 50, 300, 30)], site, run_on))
    assert stopped.value.message == (
        "site 'Dudley' (page 2): the item 'Developing and implementing a Black Country Child "
        "Death' on page 3 stands under no heading and no 'Overview of approaches' title (it "
        "may be printed outside the page, or the page damaged); check the PDF page"
    )


def test_a_running_head_in_the_bodys_size_naming_each_pages_site_is_furniture() -> None:
    """A running head names the site each page opens on ('Tameside'), centred over the
    text in the body's size (10 pt, bold, as a CSS `string-set` head may be set), while
    the body prints the name at 24 pt. Its style is the body's size, not smaller, so it
    was read as content: the page's first line, joined to the site before's last theme or
    taken for a heading of its approaches. Its words echo the body's headings: it is a
    running head."""
    bold = "Helvetica-Bold"
    pages = [
        [
            words(name, 280, 20, 10, bold),
            words(region, 50, 60, 12, bold),
            words(name, 50, 80, 24, bold),
            words("Multi-agency learning theme(s)", 50, 120, 12, bold),
            words("• Local reviews", 58, 140),
            words("Overview of approaches", 50, 170, 14, bold),
            words("Local reviews", 50, 190, 10, "Helvetica-Oblique"),
            words(f"• Planning reviews in {name}.", 58, 205),
        ]
        for region, name in SITES_OF_FOUR_PAGES
    ]
    assert [[line.text for line in page.furniture] for page in _document(*pages).pages] == [
        [name] for _, name in SITES_OF_FOUR_PAGES
    ]
    model = _model_of_pages(*pages)
    assert [
        (
            site.region.text,
            site.name.text if site.name else None,
            [s.heading for s in site.sections],
        )
        for site in model.sites
    ] == [(region, name, ["Local reviews"]) for region, name in SITES_OF_FOUR_PAGES]
    assert model.unplaced == ()


def test_a_css_footnote_call_and_its_note_a_half_point_under_the_text_are_a_note() -> None:
    """CSS sets a footnote call at 0.9 of the note's size: after 8.5 pt text, with notes
    in 8 pt, a raised 7.2 pt "1" (85% of the text) after the last word of an item's second
    line, and the note "1. ..." at the page's foot, half a point under the text. Both were
    read as text: the call a line of its own, the note a theme (exit 9 or 18)."""
    bold = "Helvetica-Bold"
    wrapped = words("Barnardo’s.", 64, 186, 8.5)
    end = wrapped[-1].bbox.x1
    call = Word("1", BBox(end, 183.4, end + 4, 190.6), 7.2, "Helvetica", None)
    page = [
        words("North West", 50, 40, 11, bold),
        words("Trafford", 50, 60, 20, bold),
        words("Multi-agency learning theme(s)", 50, 100, 11.5, bold),
        words("• Local reviews", 58, 118, 8.5),
        words("• Independent scrutiny", 58, 130, 8.5),
        words("Overview of approaches", 50, 145, 11.5, bold),
        words("Local reviews", 50, 162, 10, bold),
        words("• Research and evaluation being supported by", 58, 175, 8.5),
        [*wrapped, call],
        words("• Planning reviews across the whole partnership.", 58, 200, 8.5),
        words("1. Barnardo’s is a national children’s charity.", 50, 700, 8),
    ]
    model = _model_of_pages(page)
    (site,) = model.sites
    assert [theme.text for theme in site.themes] == ["Local reviews", "Independent scrutiny"]
    assert [item.text for section in site.sections for item in section.items] == [
        "Research and evaluation being supported by Barnardo’s.",
        "Planning reviews across the whole partnership.",
    ]
    assert model.unplaced == ()


def test_a_themes_row_running_over_a_page_above_the_approaches_row_header_is_themes() -> None:
    """The panels as the rows of a table whose first column holds the titles (row headers,
    each beside its list): the themes row breaks at the page foot and its last theme runs
    on at the next page's top, beside the title column and above the 'Overview of
    approaches' row header. Read in the flow after that title, it was published as an
    approach under a section headed 'Overview of approaches', exit 0."""
    bold = "Helvetica-Bold"
    first = [
        words("North West", 50, 60, 12, bold),
        words("Tameside", 50, 80, 20, bold),
        words("Multi-agency learning theme(s)", 50, 700, 10, bold),
        words("• Independent scrutiny", 260, 700),
        words("• Local reviews", 260, 716),
    ]
    second = [
        words("• Voice of the child", 260, 60),
        words("Overview of", 50, 90, 10, bold),
        words("approaches", 50, 103, 10, bold),
        words("Local reviews", 260, 90, 10.5, bold),
        words("• Planning reviews across the whole", 260, 106),
        words("partnership of the region.", 268, 119),
        words("• Sharing the learning.", 260, 135),
    ]
    model = _model_of_pages(first, second)
    (site,) = model.sites
    assert [theme.text for theme in site.themes] == [
        "Independent scrutiny",
        "Local reviews",
        "Voice of the child",
    ]
    assert [(s.heading, [item.text for item in s.items]) for s in site.sections] == [
        (
            "Local reviews",
            [
                "Planning reviews across the whole partnership of the region.",
                "Sharing the learning.",
            ],
        )
    ]
    assert model.unplaced == ()


def _printed_chars(font: str, baseline: float, *pieces: tuple[str, float]) -> list[dict]:
    """Characters as pdfplumber gives them, set one after the other on a baseline, each
    piece's letters half an em wide."""
    chars, x = [], 72.0
    for text, size in pieces:
        for letter in text:
            top = baseline - size
            chars.append(
                {
                    "text": letter,
                    "fontname": font,
                    "size": size,
                    "x0": x,
                    "x1": x + size / 2,
                    "top": top,
                    "bottom": baseline,
                    "doctop": top,
                }
            )
            x += size / 2
    return chars


def test_a_small_capitals_fonts_letters_take_their_case_from_their_size() -> None:
    """WeasyPrint synthesises small capitals in a font of their own (named "...-Small-Caps"),
    and its subset maps each glyph to one character: the capital "M" of "Multi", first
    drawn as the small capital of an "m", reads "m", and the small capital of "t" reads
    "T". In such a font a letter's case is its size: "mulTi-agency" at 11.5 and 8.1 pt is
    "Multi-agency", and a heading's wrapped line of small capitals alone ("pracTice", 7.4
    pt) is lowercase at the size of the font's capitals beside them elsewhere (10.5 pt).
    Before, the first read "mulTi - agency" (no panel title found: exit 7). A font not
    named so keeps its text ("the NHS Trust")."""
    font = "VMYAHN+Liberation-Serif-Bold-Small-Caps"
    title = _printed_chars(font, 100, ("m", 11.5), ("ulTi", 8.1), ("-", 11.5), ("agency", 8.1))
    heading = _printed_chars(font, 130, ("O", 10.5), ("verview", 7.4))
    wrapped = _printed_chars(font, 145, ("pracTice", 7.4))
    read = small_capitals_as_letters([*title, *heading, *wrapped])
    assert "".join(char["text"] for char in read) == "Multi-agencyOverviewpractice"
    assert [char["size"] for char in read] == [11.5] * 12 + [10.5] * 16
    prose = _printed_chars("Helvetica", 100, ("the ", 10.5), ("NHS", 7.5), (" Trust", 10.5))
    assert small_capitals_as_letters(prose) == prose
