"""Every threshold of the layout and structure rules, in one place.

Distances are in ems of the page's own type, so that an A5 booklet set at 9 pt and a
clear-print edition at 12.5 pt are read by the same rules: the em is the page's body size
(the size most of its characters are set in) where a rule measures the page, and the
size of the words or line being measured where a rule measures a line. Counts and shares
are plain numbers. Each value says why it is what it is; the committed PDF and the
editions the golden test reads (tests/support/editions.py, the Writer edition) are what
they were checked against.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    # --- words into lines (ems of the words' own size) ------------------------------------
    # Words share a baseline where their bottoms differ by less than this: sub- and
    # superscripts and a mixed font's descent move a bottom by well under a third of an em,
    # while the next line stands a whole leading (1.1 em and more) lower.
    baseline_tolerance: float = 0.3
    # A gap wider than this on one baseline separates line fragments: a word space is a
    # quarter to a third of an em, and justification rarely opens one past an em. Ems of
    # the smaller type of the two words beside the gap: a site's name at 21 pt opening one
    # newspaper column may stand on the baseline of a 9.5 pt line ending the other, a 5 mm
    # gutter between them (1.5 ems of the line's type, 0.7 of the name's).
    fragment_gap: float = 1.2
    # ... and that smaller type counts at most this many times the page's body size: two
    # sites' names at 28 pt opening two newspaper columns on one baseline stand a 9 mm
    # gutter apart (25.5 pt, 0.9 em of the names), where a word space of the largest type
    # (a third of an em of a 48 pt cover title, 16 pt) stays under the 24 pt this allows
    # beside a 10 pt body.
    large_type_cap: float = 2.0
    # After a list marker the gap is its indent, not a word space: a bullet belongs to the
    # text it introduces up to three fragment gaps away (a hanging indent of 2-3 em).
    marker_gap: float = 3.6
    # Justification spreads every gap of a line alike: gaps this close are equal (a twentieth
    # of an em, half a point at 10 pt: the rounding of glyph advances in a PDF).
    equal_gap: float = 0.05

    # --- columns (ems of the page's body size) --------------------------------------------
    # Floating-point noise in a coordinate computed twice (points: no measure of type).
    coordinate_noise: float = 1e-6
    # The narrowest white space between two columns: wider than a word space (a quarter to
    # a third of an em), so that the words of a ragged line are never columns.
    min_gutter: float = 0.8
    # A gutter this wide stands for a column even where the rows beyond it start at several
    # x and do not end together: no justification opens three ems between two words of
    # ragged text; nor do the gaps beside a gap this wide on one baseline make it
    # justification, however alike (the equal gutters of a grid of cards between three
    # banners): only a line that fills a measure of the page does (a narrow column's line
    # of two or three words, LAYOUT.measure_lines).
    wide_gutter: float = 3.0
    # Two pages imposed side by side on one sheet (2-up, spreads) leave a gutter at least
    # this wide down the sheet's middle: two pages' inner margins (12 mm and more each, 3.4
    # em at 10 pt; 9 em in the committed PDF printed 2-up), where the widest gutter between
    # the columns, panels or cards of one page is 2-3 em (7 mm at 8.5-10 pt).
    sheet_gutter: float = 6.0
    # White space this tall across the whole page parts two stretches each set in columns
    # (sites one below the other): more than a paragraph or section space (at most two
    # leadings, 2.3 em in the editions) and less than a site break (3.1 em in the compact
    # edition).
    band_gap: float = 2.5
    # A drawn shape across the text (a banner's block, a rule) parts two stretches of it as a
    # band of white space does, where it starts below the text above it: the glyph boxes of
    # that text may reach this far into it (a tenth of an em: a font's descent, taller than
    # the half-leading of a line set solid, reaches past its line's foot) ...
    rule_overlap: float = 0.1
    # ... and where it reaches across the text, to within this of its left and right edges
    # (an em: a banner's block may stand a little inside the text's widest line, and a
    # panel's box or a table cell's border falls short by a whole column).
    rule_reach: float = 1.0
    # Columns end together (balanced newspaper columns, which a column running on below
    # such a gap continues) where their last lines' feet are closer than this: under a
    # line apart (half an em; the next line stands 1.1 em and more lower). Two panels side
    # by side end wherever their text does. So do two cards of a grid: one that ends higher
    # than its neighbour's foot by more than this did not run over the page (ems of the
    # size of the line at the next page's top).
    level_feet: float = 0.5
    # Newspaper columns start together at the top of their box where their first lines'
    # tops are within an em: a line's leading and a block's padding (a banner's coloured
    # box, 0.5 em in the browser editions) move a column's first glyphs down by less, while
    # a site's header above two panels starts the first panel higher by its banner and name
    # (3 em and more). The cards of one row of a grid start together likewise (their
    # banners on one baseline), so a site read after another that starts higher than this
    # above it, beside it, was read down newspaper columns (ems of the line's size).
    level_tops: float = 1.0
    # Newspaper columns are set to one measure: the widths their text spans differ by less
    # than this (a ragged column's longest line falls short of its measure by a word at
    # most, and drawn bullets leave its left edge at the items' indent, an em or two), where
    # panels side by side are sized to what they hold (a themes panel 58 mm wide beside
    # approaches 100 mm wide: 15 em apart).
    one_measure: float = 2.0
    # Lines of one column starting this close start together (0.15 em, 1.5 pt at 10 pt:
    # the rounding of positions in a PDF, and a bullet printed a point into its cell).
    align_tolerance: float = 0.15
    # Rows of one list line stand this close: a tenth of an em, a point at 10 pt.
    row_tolerance: float = 0.1
    # A column needs at least this many rows beside the gutter: one row beside another is a
    # line with a wide gap, not two columns.
    min_column_rows: int = 2
    # A column's rows start at its edge or up to a hanging indent past it (a bullet and its
    # text: 1-1.5 em in the editions): rows starting further right than this are another
    # column's.
    column_indent: float = 3.0
    # A gutter is the document's where columns with min_column_rows rows each side leave it
    # on this many pages: a gap that justification opened on two rows of one narrow column
    # happens at one place once, where the document's columns run on from page to page.
    min_gutter_pages: int = 2
    # At least this share of a column's rows start where another of its rows starts (its
    # edge, its bullets, its hanging indent): half, since a column of wrapped items has
    # about as many first lines as continued ones.
    aligned_share: float = 0.5
    # A measure of the page (where a column's lines start their text and end) is shown by at
    # least this many lines set to it with word spaces only: justified text fills its
    # measure line after line, while one line may end anywhere by chance.
    measure_lines: int = 2

    # --- drawn bullets (ems of the line's height) -----------------------------------------
    # A drawn bullet may overlap the text it marks by this much (a twentieth of an em) ...
    bullet_overlap: float = 0.05
    # ... and stands at most this far left of it (a generous hanging indent).
    bullet_gap: float = 2.5

    # --- a text set inside a larger line's row (ems of its own size, or of the sizes' gap) --
    # A smaller text centred on a larger line beside it (a tag after a site's name, CSS
    # `vertical-align: middle`) has its middle within this share of the sizes' difference of
    # the larger line's middle: Chromium centres a 9 pt tag on a 19 pt name within 0.2 pt
    # (0.02 of the 10 pt difference), while a line that starts level with the larger one's
    # top (the first line of the next column) stands half the difference off its middle.
    inset_centring: float = 0.25
    # ... and stands alone at that height in its column: no line over or under it, across
    # its width, within this many of its ems (the lines of running text stand a leading
    # apart, 0.2-0.5 em of white space; a tag's padding keeps the panel below an em and
    # more away).
    inset_clearance: float = 1.0
    # ... and follows the larger line within this many of the larger line's ems: a tag
    # stands a margin and its padding after the name (1.25 ems of a 19 pt name in
    # chromium-region-tag), where a banner opening the next newspaper column, level with a
    # name's line in the first by chance, stands across the gutter, a column's measure away
    # (9 ems of a 24 pt name and more).
    inset_reach: float = 3.0

    # --- running furniture ------------------------------------------------------------------
    # A text repeated at one place on this many pages is running furniture.
    min_running_pages: int = 2
    # Running headers and footers stand in the rows nearest the page's edges: a header over
    # a rule and a second line, or a footer of two lines, at most.
    edge_rows: int = 2
    # The second line of a header or footer stands within this many body ems of the first
    # (a line's height and a rule's space between); a row further in is the body's.
    furniture_line_reach: float = 4.0
    # At one place on the page, a running text is printed by more than this share of the
    # pages that print anything there (a region banner also repeats at one place, but the
    # regions share that place between them). A running head told by its type alone (its
    # words change) must also stand on more than this share of the pages that print
    # anything at that edge: a footnote's small type above a few pages' footers does not.
    running_share: float = 0.5
    # A footer set a hair larger than the body text is still furniture (ems of the body
    # size: half a point at 10 pt).
    size_slack: float = 0.05
    # A running head whose words change from page to page (the name of the page's site) is
    # told by its type: set smaller than the body text by more than this share of it (a
    # head or foot is set a point or two smaller: 8-8.5 pt under 10.5 pt in the editions
    # that print one; a banner or a page's first line is set at the body size or larger).
    # So a running text level with the body's first lines is the first line of a column
    # (a theme a column break sent to a column's top) only where it is no smaller than
    # that: a small running head beside a region banner is still a running head.
    running_head_smaller: float = 0.1
    # Points of rounding for a text's distance from the page edge: a position on the sheet,
    # compared between pages whose body sizes differ, so in points, not ems: one point, a
    # baseline read twice.
    position_step: float = 1.0

    # --- list markers -----------------------------------------------------------------------
    # An ambiguous marker (a dash) starts a list only where this many lines start with it at
    # one x: one line starting with a dash is prose that wrapped before it.
    min_list_lines: int = 2
    # A letter or roman numeral is set apart from its text as a list's number is (a word
    # processor's tab, a typesetter's indent) where the gap after it is wider than every
    # word space of its line by this (ems of the line's size): 0.15-0.45 em in the editions
    # (Writer's "a)" and a tab: 0.25 em), while prose has a word space after an initial,
    # moved by a font's kerning (0.055 em at most: Times' space before "A") and rounding.
    marker_set_apart: float = 0.1
    # List markers a browser right-aligns end at one x and start apart: their right edges
    # lie within this of each other (ems of the line's size: Skia writes positions to a
    # hundredth of a point, 0.001 em at 10 pt) and their left edges further apart (letters
    # differ in width by 0.05 em and more: "a" and "b" in Times, "a" and "c" in Helvetica).
    marker_edge_noise: float = 0.02
    # Over a page or column break, a line counting on from a list's last item is its next
    # item only where its number stands where the list's numbers stand, each measured from
    # its own column's left edge (ems of the line's size): columns of one page or edition
    # share their indents to a rounding (well under a tenth of an em), while an item's text
    # stands a number's width and a space past its number (1 em and more: "a." and a word
    # space, 0.8 + 0.25 em), so half an em tells the two apart. A line of the item's text
    # wrapped over the break may start with the next letter ("then (c) of the protocol").
    ordinal_break_marker_reach: float = 0.5

    # --- note references (ems of the size of the word they follow) ------------------------
    # A note reference is set markedly smaller than the text it follows: superscript figures
    # are 55-70% of the text's size (6.1 pt after 10.5 pt in Writer), and CSS sets a
    # footnote call at 0.9 of the note's own size (7.2 pt after 8.5 pt text in WeasyPrint:
    # 85%), while the sizes mixed in one line of text (a bold run, another font) differ by
    # a tenth at most.
    note_size_ratio: float = 0.875
    # ... raised: its foot at least this far above the word's (a superscript stands a third
    # of an em up; another font's descent moves a foot by a few hundredths of an em) ...
    note_rise: float = 0.1
    # ... and touching the word's end: it starts within this of where the word ends (a word
    # space is a quarter of an em and more).
    note_touch: float = 0.1
    # A footnote is set smaller than the text it annotates and than the body, by at least
    # this (8 pt notes under 8.5 pt text: 0.06 em). Below every line of the body, opening
    # with the mark a raised figure above it carries, it needs no wider step between styles
    # (LAYOUT.size_tolerance); a size read twice differs by hundredths of a point.
    note_smaller: float = 0.03

    # --- type sizes -------------------------------------------------------------------------
    # Line styles compare sizes on a half-point grid (points: type is sized in points, and
    # half points are the finest step typesetters offer in their menus).
    style_size_step: float = 0.5
    # Type sizes are counted to this many decimals of a point, for the page's body size ...
    body_size_digits: int = 1
    # ... and for a line's size (finer: a line's size is published with its style).
    line_size_digits: int = 2
    # The body size of a page with no text, which lays out nothing (points: 10 pt, the
    # commonest body size; nothing is measured against it).
    default_body_size: float = 10.0

    # --- structure (ems of the line's own size) ---------------------------------------------
    # Two lines of one style differ in size by less than this (0.06 em: 0.6 pt at 10 pt):
    # a producer's rounding and a font's own scaling move a size by a fraction of a point,
    # and the smallest step between styles is a point or more.
    size_tolerance: float = 0.06
    # A continued line starts this close to the item's indent (0.2 em: 2 pt at 10 pt).
    indent_tolerance: float = 0.2
    # Two lines touch (one stands right on or over the other, or starts where it starts)
    # within this: a tenth of an em, a point at 10 pt.
    touch: float = 0.1
    # White space between wrapped lines of one item is at most this: what the leading adds
    # to the type (a fifth to a half of an em at the usual 1.2-1.5 leading), short of a
    # space between paragraphs or items.
    continuation_gap: float = 0.6
    # Where a document's own wrapped lines stand further apart (a leading of 1.6 and more),
    # its median white space between them, seen this many times at least, and up to this
    # much more (0.1 em: 1 pt at 10 pt, over the 0.75 pt a browser's pixel grid moves a line
    # by) carry an item on.
    leading_samples: int = 3
    leading_noise: float = 0.1
    # The narrowest word space (ems of the line's size): fonts set theirs at a quarter to a
    # third of an em, so a word that would not fit on a line after a quarter em would not
    # fit after the font's own space (a line wrapped there, not broken).
    word_space: float = 0.25
    # Texts of two type sizes on one line are two lines where the white space between them
    # is wider than this (ems of the larger size): wider than any word space (a third of an
    # em at most), as between a region and a site's name set on one line of a banner.
    size_break_gap: float = 0.5
    # Two panel titles side by side stand level, or within an em of each other (a wrapped
    # title, or one in a padded box, set a little lower beside the other), where panels one
    # after the other down newspaper columns stand a column's height apart.
    level_titles: float = 1.0
    # A "<site> - continued" title stands among a page's first this many lines (banner,
    # title, and a wrapped line of either).
    continuation_lines: int = 4


LAYOUT = LayoutSettings()
