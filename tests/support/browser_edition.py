"""The publication as a web page, printed to PDF by a real browser (headless Chromium).

A communications team may well make the next edition in HTML and CSS and print it from a
browser, and a browser lays out a page unlike a typesetter or a word processor: Skia,
Chromium's PDF backend, writes each line as runs of glyphs placed with the browser's own
advances (ligature glyphs such as "ﬁ" where the font has them), draws a `disc` list
marker as a filled circle and an SVG `list-style-image` as vector paths, sets a `::marker`
or `::before` glyph in whatever font holds it, and fills the `@page` margin boxes with
running text. Each edition here sets the same golden document model as a plausible HTML
brochure; in all three the sites simply follow one another, page breaks falling wherever
the content puts them:

- "chromium-grid" (A4, Liberation Sans): the region banner a rounded coloured block kept
  with the site's name, the two panels ("Multi-agency learning theme(s)", shaded, then
  "Overview of approaches") a CSS grid of two columns that the page break splits, so a
  theme or an approach may run on at the top of the next page beside the other panel's
  end; several short sites to a page; themes marked by a `::marker` square, approaches by
  `list-style: disc` (drawn circles), justified; numbered items `decimal`; a running
  footer and the page number in `@page` margin boxes; a coloured strip down the page's
  edge, `position: fixed` (repeated on every page).
- "chromium-flow" (US Letter, Liberation Serif): one continuous flow with
  `break-inside: avoid` on list items only, so a banner and title (and even the panel
  titles) may stand at a page foot with what follows on the next page; the panels a flex
  row with the approaches first and the themes beside them on the right; approaches
  marked by an SVG bullet (`list-style-image`), themes by an icon-font glyph (OpenSymbol,
  at a private-use code point), authorities by dashes in two CSS columns, numbered items
  "1)"; a running header and footer and the page number in `@page` margin boxes.
- "chromium-table" (A4, DejaVu Sans): the region and the site's name together in a
  coloured header block, every site's authorities as tags (a flex row of chips, no comma
  or marker between them), the panels the two cells of a table whose heading row Chromium
  repeats at the top of each page the table runs on to; themes marked by an arrow from
  the text font and approaches by a bullet, both generated content (`li::before`), items
  numbered by a CSS counter; "Safeguarding Early Adopters – N" in a margin box.

The same three are printed again at other sizes, where the page breaks fall elsewhere:
"chromium-booklet" (the grid on A5 at 9 pt, a narrow themes column, words hyphenated:
the cover's subtitle wraps before a panel title's words, a section heading and a grid
row break over pages), "chromium-table-a5" (the table on A5 in Liberation Serif: a themes
cell runs on under the repeated heading row, a row of tags is parted by the table's
gutter) and "chromium-flow-b5" (the flow on B5 at 12 pt: one region's banner opens two
pages at the same place, as a running header would).

The HTML is written here from tests/golden/document_model.json; Chromium prints it. A
browser's PDF differs by version (and carries the time it was made), so the HTML and the
PDF are both committed under tests/data/editions/, and the tests check that the committed
HTML is what this module writes, that each PDF was made by Chromium (Skia) and prints every
string of the model, and (where the same Chromium version is installed) that printing the
HTML again prints the same words in the same places.

Three more print the grid where the parser once stopped: "chromium-packed" (A4, the sites
packed with no space between one site's panels and the next site's banner block: only the
block parts them), "chromium-narrow-a5" (the booklet with a themes column 30 mm wide: its
title wraps over four lines, "Multi-" / "agency" / "learning" / "theme(s)", and a page
break parts them two and two) and "chromium-banner-line" (the region and the site's name
on one line of the banner block, 12 and 20 pt, a long name wrapping under its first line
beside the region). "chromium-stacked-approaches-first" (A4, Liberation Serif) stacks the
panels, the approaches first and the themes a ruled box under them, and a page break falls
inside a themes list: its last themes open the next page under no title.
"chromium-comma-authorities" (A4, Liberation Sans) sets a site's authorities, where its
name does not spell them, as one italic line under the name, "Brent, Ealing, ...", and
"chromium-region-after-name" opens each site with its name, the region a smaller coloured
line under it.

Two more set the sites in two newspaper columns (CSS `columns: 2`: a site runs on from the
foot of the left column to the top of the right one, its banner a block as wide as the
column, its panels one above the other), where the parser once stopped:
"chromium-columns-a4" (A4, Liberation Sans, names at 21 pt: "Reading, West Berkshire,
Wokingham" wraps inside "West Berkshire") and "chromium-columns-b5" (the same on B5 at
10 pt with 12 mm between sites: on two pages a site ends in both columns at one height,
leaving a band of white space across the page).

"chromium-roman-hyphenated" prints the grid on A5 in Liberation Serif with the numbered
section in roman numerals ("i." to "vi.", right-aligned by the browser) and soft hyphens
in every long word of the lists, which Skia writes as blanks of no advance;
"chromium-smallcaps" the grid with the names, panel titles and section headings in
small capitals that Chromium synthesises from the capitals at a smaller size.

"chromium-cards3" sets the sites as cards three to a row on landscape A4 (a CSS grid):
the three banners of a row stand on one baseline with equal gutters between them, and
Hertfordshire's card, in the middle column, runs over the page while Dudley's, beside it
and read after it, ends there.

Two more open each site with its name and print no banner, where the parser once stopped:
"chromium-fact-sheet" (A4, Liberation Sans) sets the region, and the authorities where the
name does not spell them, as labelled facts under the name ("Region" and "Local
authorities" in bold, each value beside its label: a definition list set as a grid), and
the panels as the two rows of a table whose first column holds the panel titles, shaded,
each beside its list; "chromium-region-tag" (the comma edition's type) sets the region as
a coloured tag after the name, on the name's line and centred on it, in smaller type on a
baseline of its own.

To make them again (Debian: `apt-get install chromium fonts-liberation2 fonts-dejavu-core
fonts-opensymbol`; the PDFs were made with Chromium 156 and those fonts), all of them or
those named:

    .venv/bin/python -m tests.support.browser_edition [chromium-packed ...]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Literal

from tests.support.chromium import Chromium, print_html
from tests.support.editions import (
    APPROACHES_TITLE,
    BACK_COVER,
    DEPARTMENTS,
    FOOTER,
    INTRODUCTION,
    PANEL_TITLE,
    RUNNING_HEADER,
    quoted,
)
from tests.support.paths import GOLDEN_MODEL, ROOT

EDITIONS_FOLDER = ROOT / "tests" / "data" / "editions"

# OpenSymbol's check-mark bullet at its private-use code point: an icon font's glyph, as a
# web page sets a marker from Font Awesome or a house icon font.
ICON_BULLET = "\ue00a"
# An arrow from the text font, as a web page sets a bullet with `li::before`.
ARROW_BULLET = "\u279c"
# The labels of a site's facts where an edition sets them as a definition list.
REGION_LABEL = "Region"
AUTHORITIES_LABEL = "Local authorities"
# A small round SVG bullet, as a list-style-image: a picture, not a character.
SVG_BULLET = (
    "data:image/svg+xml,"
    "%3Csvg xmlns='http://www.w3.org/2000/svg' width='6' height='6' viewBox='0 0 6 6'%3E"
    "%3Ccircle cx='3' cy='3' r='2.4' fill='%23005a70'/%3E%3C/svg%3E"
)


@dataclass(frozen=True)
class BrowserLayout:
    """What differs between the browser editions: the page, the type and the CSS plan."""

    name: str
    css: str
    # The two panels: side by side, the themes first (left) or the approaches first, or as
    # the two cells of a table whose heading row titles them (repeated on each page the
    # table runs on to), or as the two rows of a table whose first column holds the titles,
    # each beside its list ("row-headers").
    panels: Literal["themes-first", "approaches-first", "table", "row-headers"]
    authority_list: str  # the class of a site's list of authorities
    # Whether a site's authorities are listed wherever it has several (also where its name
    # spells them), or only where its name does not spell them.
    list_every_authority: bool = False
    banner_holds_name: bool = False  # the site's name set in the banner's coloured block
    # The authorities as one line of text, "Brent, Ealing, ...", not a list.
    authorities_in_a_line: bool = False
    # The region a line under the site's name (a subtitle), not a banner above it.
    region_under_name: bool = False
    # The region, and the authorities where the name does not spell them, as labelled facts
    # under the site's name ("Region", "Local authorities": a definition list), no banner.
    labelled_facts: bool = False
    # The region a tag after the site's name, on its line, centred on it; no banner.
    region_tag: bool = False
    edge_strip: bool = False  # a coloured strip down the page's edge, position: fixed
    # Soft hyphens (&shy;) in the long words of themes and items, as a CMS or a hyphenation
    # plug-in inserts them: Skia writes each as a blank glyph of no advance.
    soft_hyphens: bool = False
    # The sites inside one <main class="sites">, which the CSS sets in newspaper columns
    # (a site runs on from the foot of one column to the top of the next), or straight in
    # the body.
    newspaper_columns: bool = False
    # The sites inside one <main class="sites">, which the CSS sets as cards in a grid of
    # this many columns, each card read whole (0: no grid).
    card_columns: int = 0

    @property
    def html_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.html"

    @property
    def pdf_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.pdf"


_COMMON_CSS = """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.cover { break-after: page; }
.cover .publisher { font-weight: bold; margin: 0 0 60mm; }
.cover h1 { margin: 0 0 6mm; line-height: 1.1; }
.cover .subtitle { margin: 0 0 70mm; }
.cover .departments p { margin: 0 0 2mm; }
.introduction { break-after: page; }
.introduction h3 { margin: 6mm 0 2mm; }
.introduction p { margin: 0 0 3mm; }
.contents { list-style: none; padding: 0; }
.back-cover { break-before: page; padding-top: 120mm; }
.back-cover p { margin: 0 0 3mm; }
.site h2 { margin: 0; line-height: 1.15; }
.banner .region { margin: 0; }
ul, ol { margin: 0; }
"""

GRID = BrowserLayout(
    name="chromium-grid",
    css=_COMMON_CSS
    + """
@page {
  size: A4;
  margin: 18mm 17mm 24mm;
  @bottom-left { content: "FOOTER_TEXT"; font: 8pt "Liberation Sans"; color: #555; }
  @bottom-right { content: counter(page); font: 8pt "Liberation Sans"; color: #555; }
}
@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }
body { font: 10pt/1.35 "Liberation Sans", sans-serif; color: #1a1a1a; padding-left: 6mm; }
.edge-strip {
  position: fixed; top: 0; bottom: 0; left: 0; width: 2mm; background: #00506e;
}
.cover .publisher { font-size: 14pt; color: #00506e; }
.cover h1 { font-size: 30pt; color: #00506e; }
.cover .subtitle { font-size: 17pt; }
.introduction h2 { font-size: 22pt; color: #00506e; margin: 0 0 4mm; }
.introduction h3 { font-size: 12pt; }
.back-cover .name { font-size: 15pt; font-weight: bold; color: #00506e; }
.site { margin: 0 0 9mm; }
.banner {
  background: #00506e; color: #fff; font-weight: bold; font-size: 12pt;
  letter-spacing: 0.02em; padding: 2.5mm 4mm; border-radius: 2mm; margin: 0 0 3mm;
  break-after: avoid;
}
.site h2 { font-size: 20pt; break-after: avoid; margin: 0 0 3mm; }
.site .authority-list { margin: 0 0 3mm; padding-left: 5mm; list-style: square; }
.panels {
  display: grid; grid-template-columns: 58mm 1fr; column-gap: 7mm; align-items: start;
}
.themes { background: #e4eef2; border-radius: 2mm; padding: 3mm 4mm; }
.panels h3 { margin: 0 0 2mm; font-size: 11.5pt; color: #00506e; break-after: avoid; }
.approaches h3 { font-size: 13pt; color: #1a1a1a; }
.themes ul { padding-left: 4.5mm; }
.themes li::marker { content: "\\25AA  "; color: #00506e; }
.approaches h4 { margin: 2.5mm 0 1mm; font-size: 10.5pt; color: #00506e; }
.approaches ul, .approaches ol { padding-left: 5mm; }
.approaches ul { list-style: disc; }
.approaches ol { list-style: decimal; }
.approaches h4 { break-after: avoid; }
.approaches li { text-align: justify; margin: 0 0 1mm; break-inside: avoid; }
""".replace("FOOTER_TEXT", FOOTER),
    panels="themes-first",
    authority_list="authority-list",
    edge_strip=True,
)

FLOW = BrowserLayout(
    name="chromium-flow",
    css=_COMMON_CSS
    + f"""
@font-face {{ font-family: "Icons"; src: local("OpenSymbol"); }}
@page {{
  size: letter;
  margin: 22mm 20mm 22mm;
  @top-right {{ content: "{RUNNING_HEADER}"; font: italic 8pt "Liberation Serif"; color: #666; }}
  @bottom-left {{ content: "{FOOTER}"; font: 8pt "Liberation Serif"; color: #666; }}
  @bottom-right {{ content: "Page " counter(page); font: 8pt "Liberation Serif"; color: #666; }}
}}
@page :first {{ @top-right {{ content: none; }} @bottom-left {{ content: none; }}
  @bottom-right {{ content: none; }} }}
body {{ font: 10.5pt/1.3 "Liberation Serif", serif; color: #222; }}
.cover .publisher {{ font-size: 15pt; color: #7a1f3d; }}
.cover h1 {{ font-size: 32pt; color: #7a1f3d; }}
.cover .subtitle {{ font-size: 18pt; }}
.introduction h2 {{ font-size: 24pt; color: #7a1f3d; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 12.5pt; }}
.back-cover .name {{ font-size: 16pt; font-weight: bold; color: #7a1f3d; }}
.site {{ padding-top: 7mm; }}
.banner {{
  background: linear-gradient(90deg, #7a1f3d, #b04a5a); color: #fff;
  font: bold 11pt "Liberation Sans", sans-serif; padding: 2mm 3mm; margin: 0 0 2mm;
}}
.site h2 {{ font-size: 21pt; color: #7a1f3d; margin: 0 0 2mm; }}
.site .dash-columns {{
  columns: 2; column-gap: 8mm; list-style: none; padding: 0; margin: 0 0 3mm;
}}
.site .dash-columns li {{ padding-left: 5mm; text-indent: -5mm; }}
.site .dash-columns li::before {{ content: "\\2013"; display: inline-block; width: 5mm;
  text-indent: 0; }}
.panels {{ display: flex; flex-direction: row; gap: 8mm; align-items: flex-start; }}
.approaches {{ flex: 1 1 0; }}
.themes {{ flex: 0 0 55mm; border-left: 1.5mm solid #7a1f3d; padding: 1mm 0 1mm 4mm; }}
.panels h3 {{ margin: 0 0 1.5mm; font-size: 12pt; }}
.themes h3 {{ font: bold 10.5pt "Liberation Sans", sans-serif; color: #7a1f3d; }}
.themes ul {{ padding-left: 5mm; }}
.themes li::marker {{ content: "{ICON_BULLET}  "; font-family: "Icons"; color: #7a1f3d; }}
.approaches h4 {{ margin: 2mm 0 1mm; font-size: 10.5pt; font-style: italic;
  font-weight: bold; }}
.approaches ul {{ padding-left: 5.5mm; list-style-image: url("{SVG_BULLET}"); }}
.approaches ol {{ padding-left: 6mm; }}
.approaches ol li::marker {{ content: counter(list-item) ")  "; }}
.approaches li, .themes li {{ break-inside: avoid; margin: 0 0 0.8mm; }}
""",
    panels="approaches-first",
    authority_list="dash-columns",
)

TABLE = BrowserLayout(
    name="chromium-table",
    css=_COMMON_CSS
    + f"""
@page {{
  size: A4;
  margin: 15mm 16mm 20mm;
  @bottom-center {{ content: "{FOOTER} \\2013  " counter(page); font: 7.5pt "DejaVu Sans";
    color: #666; }}
}}
@page :first {{ @bottom-center {{ content: none; }} }}
body {{ font: 9.5pt/1.4 "DejaVu Sans", sans-serif; color: #202020; }}
.cover .publisher {{ font-size: 13pt; color: #2d5d2a; }}
.cover h1 {{ font-size: 28pt; color: #2d5d2a; }}
.cover .subtitle {{ font-size: 16pt; }}
.introduction h2 {{ font-size: 20pt; color: #2d5d2a; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 11.5pt; }}
.back-cover .name {{ font-size: 14pt; font-weight: bold; color: #2d5d2a; }}
.site {{ margin: 0 0 8mm; }}
.banner {{
  background: #2d5d2a; color: #fff; padding: 2.5mm 4mm 3mm; border-radius: 0 6mm 0 0;
  margin: 0 0 2.5mm; break-inside: avoid; break-after: avoid;
}}
.banner .region {{ font-size: 8.5pt; letter-spacing: 0.06em; opacity: 0.9; }}
.banner h2 {{ font-size: 17pt; margin: 0.5mm 0 0; }}
.chips {{ display: flex; flex-wrap: wrap; gap: 1.5mm 2mm; list-style: none; padding: 0;
  margin: 0 0 3mm; break-after: avoid; }}
.chips li {{ background: #dfe9dc; border-radius: 3mm; padding: 0.6mm 3mm; font-size: 8.5pt; }}
table.panels {{ width: 100%; border-collapse: collapse; }}
table.panels th {{ text-align: left; vertical-align: bottom; padding: 1.5mm 3mm;
  border-bottom: 0.6mm solid #2d5d2a; }}
table.panels th.themes {{ width: 33%; font-size: 10pt; color: #2d5d2a; }}
table.panels th.approaches {{ font-size: 12pt; }}
table.panels td {{ vertical-align: top; padding: 2mm 3mm; }}
td.themes {{ background: #f1f5f0; }}
td ul, td ol {{ list-style: none; padding: 0; }}
td li {{ position: relative; padding-left: 4.5mm; margin: 0 0 1mm; break-inside: avoid; }}
td.themes li::before {{ content: "{ARROW_BULLET}"; position: absolute; left: 0; color: #2d5d2a; }}
td.approaches ul li::before {{ content: "\\2022"; position: absolute; left: 0.5mm; }}
td.approaches ol {{ counter-reset: item; }}
td.approaches ol li {{ counter-increment: item; padding-left: 5.5mm; }}
td.approaches ol li::before {{ content: counter(item) "."; position: absolute; left: 0; }}
td.approaches h4 {{ font-size: 9.5pt; margin: 2.5mm 0 1mm; color: #2d5d2a;
  break-after: avoid; }}
td.approaches h4:first-child {{ margin-top: 0; }}
""",
    panels="table",
    authority_list="chips",
    list_every_authority=True,
    banner_holds_name=True,
)

# The same three brochures printed smaller or larger, as the team might print them for
# another use: the page breaks, and what they split, fall elsewhere.
BOOKLET = replace(
    GRID,
    name="chromium-booklet",
    css=GRID.css
    + """
@page { size: A5; margin: 12mm; }
body { font-size: 9pt; }
.panels { grid-template-columns: 38mm 1fr; column-gap: 5mm; }
.approaches li { hyphens: auto; }
""",
)
TABLE_A5 = replace(
    TABLE,
    name="chromium-table-a5",
    css=TABLE.css
    + """
@page { size: A5; margin: 12mm; }
body { font-family: "Liberation Serif", serif; font-size: 9pt; }
""",
)
FLOW_B5 = replace(
    FLOW,
    name="chromium-flow-b5",
    css=FLOW.css
    + """
@page { size: B5; }
body { font-size: 12pt; }
.themes { flex-basis: 45mm; }
""",
)

# The grid again, where the parser once stopped: sites packed with no space between one
# site's panels and the next site's banner block; the themes panel narrowed on A5, so that
# its title wraps over four lines and a page break parts them; the region and the site's
# name set on one line of the banner block.
PACKED = replace(
    GRID,
    name="chromium-packed",
    css=GRID.css
    + """
.site { margin: 0; }
.banner { margin: 0 0 1mm; }
""",
)
NARROW_A5 = replace(
    BOOKLET,
    name="chromium-narrow-a5",
    css=BOOKLET.css
    + """
@page { margin: 10mm; }
.panels { grid-template-columns: 30mm 1fr; }
""",
)
BANNER_LINE = replace(
    GRID,
    name="chromium-banner-line",
    css=GRID.css
    + """
.banner { display: flex; align-items: baseline; gap: 5mm; }
.banner .region { white-space: nowrap; }
""",
    banner_holds_name=True,
)

# The grid on A5 in Liberation Serif where a comms team numbered a section in roman
# numerals (`list-style-type: lower-roman`: "i." "ii." "iii." right-aligned before one
# text indent) and a CMS put soft hyphens in every long word of the lists (broken only
# there: `hyphens: manual`; the approaches justified, as in the grid).
ROMAN_HYPHENATED = replace(
    GRID,
    name="chromium-roman-hyphenated",
    css=GRID.css
    + """
@page { size: A5; margin: 14mm 12mm 18mm; }
body { font: 9.5pt/1.3 "Liberation Serif", serif; }
.panels { grid-template-columns: 38mm 1fr; column-gap: 5mm; }
li { hyphens: manual; }
.approaches ol { list-style-type: lower-roman; padding-left: 8mm; }
""",
    soft_hyphens=True,
)

# The grid with the site's name, the panel titles and the section headings in small
# capitals that Chromium synthesises (`font-variant: small-caps`; Liberation Serif has no
# small capitals of its own): each lowercase letter a capital at 70% of the size.
SMALL_CAPS = replace(
    GRID,
    name="chromium-smallcaps",
    css=GRID.css
    + """
body { font-family: "Liberation Serif", serif; }
.site h2, .panels h3, .approaches h4 { font-variant: small-caps; }
""",
)

# The panels stacked, the approaches first and the themes a ruled box under them, the
# sites following on: a page break falls inside a themes list, whose themes run on at the
# top of the next page under no title of their own.
STACKED = BrowserLayout(
    name="chromium-stacked-approaches-first",
    css=_COMMON_CSS
    + f"""
@page {{
  size: A4;
  margin: 20mm 20mm 22mm;
  @bottom-left {{ content: "{FOOTER}"; font: 9pt "Liberation Serif"; }}
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Serif"; }}
}}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
body {{ font: 11pt/1.35 "Liberation Serif", serif; }}
.cover .publisher {{ font-size: 14pt; }}
.cover h1 {{ font-size: 28pt; }}
.cover .subtitle {{ font-size: 16pt; }}
.introduction h2 {{ font-size: 20pt; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 12pt; }}
.back-cover .name {{ font-size: 14pt; font-weight: bold; }}
h2, h3, h4 {{ break-after: avoid; }}
.banner {{ background: #234; color: #fff; font-weight: bold; padding: 2mm 3mm; margin: 0 0 2mm; }}
.site {{ margin: 0 0 12mm; }}
.site h2 {{ font-size: 19pt; margin: 0 0 2mm; }}
.panels h3 {{ font-size: 12pt; margin: 0 0 2mm; }}
.approaches h4 {{ font-size: 10.5pt; margin: 2mm 0 1mm; color: #234; }}
.themes ul, .approaches ul, .approaches ol, .authority-list {{ padding-left: 5mm; }}
li {{ margin: 0 0 1mm; }}
.themes {{ border: 0.4mm solid #234; padding: 2mm 4mm; margin-top: 4mm; }}
""",
    panels="approaches-first",
    authority_list="authority-list",
)

# The panels a grid of two columns, the themes first, and a site's authorities, where its
# name does not spell them, one italic line under the name: "Brent, Ealing, ...".
COMMA_AUTHORITIES = BrowserLayout(
    name="chromium-comma-authorities",
    css=_COMMON_CSS
    + f"""
@page {{
  size: A4;
  margin: 20mm;
  @bottom-left {{ content: "{FOOTER}"; font: 9pt "Liberation Sans"; }}
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }}
}}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
.cover .publisher {{ font-size: 14pt; }}
.cover h1 {{ font-size: 28pt; }}
.cover .subtitle {{ font-size: 16pt; }}
.introduction h2 {{ font-size: 20pt; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 12pt; }}
.back-cover .name {{ font-size: 14pt; font-weight: bold; }}
h2, h3, h4 {{ break-after: avoid; }}
.banner {{ background: #234; color: #fff; font-weight: bold; padding: 2mm 3mm; margin: 0 0 2mm; }}
.site {{ margin: 0 0 10mm; }}
.site h2 {{ font-size: 19pt; margin: 0 0 2mm; }}
.panels h3 {{ font-size: 12pt; margin: 0 0 2mm; }}
.approaches h4 {{ font-size: 10.5pt; margin: 2mm 0 1mm; color: #234; }}
.themes ul, .approaches ul, .approaches ol {{ padding-left: 5mm; }}
li {{ margin: 0 0 1mm; }}
.authorities {{ margin: 0 0 3mm; font-style: italic; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
""",
    panels="themes-first",
    authority_list="authorities",
    authorities_in_a_line=True,
)

# The comma edition's type, the site's name opening each site and the region a smaller
# coloured line under it; authorities listed.
REGION_UNDER_NAME = replace(
    COMMA_AUTHORITIES,
    name="chromium-region-after-name",
    css=COMMA_AUTHORITIES.css
    + """
.site { border-top: 1mm solid #2a6f4e; padding-top: 3mm; }
.site h2 { margin: 0; }
.region-line { font-size: 12pt; color: #2a6f4e; margin: 0 0 3mm; font-weight: bold; }
.authority-list { padding-left: 5mm; margin: 0 0 3mm; }
""",
    authority_list="authority-list",
    authorities_in_a_line=False,
    region_under_name=True,
)

# The sites set in two newspaper columns (CSS multi-column), where the parser once stopped:
# a site runs on from the foot of the left column to the top of the right one, its panels
# one above the other; on A4 a long name wraps inside an authority's name ("Reading, West" /
# "Berkshire, Wokingham"), and on B5 both columns leave a site break at one height of a page.
COLUMNS = BrowserLayout(
    name="chromium-columns-a4",
    css=_COMMON_CSS
    + """
@page {
  size: A4;
  margin: 16mm 15mm 22mm;
  @bottom-left { content: "FOOTER_TEXT"; font: 8pt "Liberation Sans"; color: #555; }
  @bottom-right { content: counter(page); font: 8pt "Liberation Sans"; color: #555; }
}
@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }
body { font: 9.5pt/1.35 "Liberation Sans", sans-serif; color: #1b1b1b; }
.cover .publisher { font-size: 14pt; color: #6b2c5f; }
.cover h1 { font-size: 30pt; color: #6b2c5f; }
.cover .subtitle { font-size: 17pt; }
.introduction h2 { font-size: 22pt; color: #6b2c5f; margin: 0 0 4mm; }
.introduction h3 { font-size: 12pt; }
.back-cover .name { font-size: 15pt; font-weight: bold; color: #6b2c5f; }
.sites { columns: 2; column-gap: 9mm; }
.site { margin: 0 0 8mm; }
.banner {
  background: #6b2c5f; color: #fff; font-weight: bold; font-size: 10.5pt;
  padding: 1.5mm 3mm; border-radius: 1.5mm; margin: 0 0 2mm; break-after: avoid;
}
.site h2 { font-size: 21pt; color: #6b2c5f; margin: 0 0 2mm; break-after: avoid; }
.site .authority-list { margin: 0 0 3mm; padding-left: 5mm; list-style: square; }
.themes { background: #efe6ed; padding: 2.5mm 3mm; margin: 0 0 3mm; }
.panels h3 { margin: 0 0 1.5mm; font-size: 11pt; color: #6b2c5f; break-after: avoid; }
.approaches h3 { font-size: 12pt; color: #1b1b1b; }
.themes ul { padding-left: 4.5mm; }
.themes li::marker { content: "\\25AA  "; color: #6b2c5f; }
.approaches h4 { margin: 2mm 0 1mm; font-size: 10pt; color: #6b2c5f; break-after: avoid; }
.approaches ul, .approaches ol { padding-left: 5mm; }
.approaches li { margin: 0 0 1mm; break-inside: avoid; }
""".replace("FOOTER_TEXT", FOOTER),
    panels="themes-first",
    authority_list="authority-list",
    newspaper_columns=True,
)
COLUMNS_B5 = replace(
    COLUMNS,
    name="chromium-columns-b5",
    css=COLUMNS.css
    + """
@page { size: B5; margin: 16mm 14mm 20mm; }
body { font-size: 10pt; }
.site { margin: 0 0 12mm; }
.site h2 { font-size: 16pt; }
""",
)

# The sites as cards, three side by side on landscape A4 (a CSS grid, each card kept whole
# where it fits), where the parser once stopped and then misread: the three banners of a
# row stand on one baseline with equal gutters between them, and a card in the middle
# column runs over the page while the card beside it, read after it, ends there.
CARDS3 = BrowserLayout(
    name="chromium-cards3",
    css=_COMMON_CSS
    + """
@page {
  size: A4 landscape;
  margin: 14mm 14mm 16mm;
  @bottom-right { content: counter(page); font: 8pt "Liberation Sans"; }
}
@page :first { @bottom-right { content: none; } }
body { font: 8.5pt/1.3 "Liberation Sans", sans-serif; }
.cover .publisher { font-size: 14pt; }
.cover h1 { font-size: 28pt; }
.cover .subtitle { font-size: 16pt; }
.introduction h2 { font-size: 20pt; margin: 0 0 4mm; }
.introduction h3 { font-size: 12pt; }
.back-cover .name { font-size: 14pt; font-weight: bold; }
.sites { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6mm; align-items: start; }
.site { border: 0.3mm solid #9ab; border-radius: 2mm; padding: 3mm; break-inside: avoid; }
.banner { background: #234; color: #fff; font-weight: bold; padding: 2mm 3mm; margin: 0 0 2mm; }
.site h2 { font-size: 14pt; margin: 0 0 2mm; }
.site .authority-list { margin: 0 0 2mm; padding-left: 5mm; }
.themes { margin: 0 0 2mm; }
.panels h3 { font-size: 10pt; margin: 0 0 2mm; break-after: avoid; }
.approaches h4 { font-size: 9pt; margin: 2mm 0 1mm; color: #234; break-after: avoid; }
.themes ul, .approaches ul, .approaches ol { padding-left: 5mm; }
li { margin: 0 0 1mm; }
""",
    panels="themes-first",
    authority_list="authority-list",
    card_columns=3,
)

# A fact sheet per site: the name, then the region (and the authorities, where the name
# does not spell them) as labelled facts, a definition list set as a grid of two columns;
# the panels the two rows of a table whose first column holds the panel titles, each
# shaded, beside its list. No banner.
FACT_SHEET = BrowserLayout(
    name="chromium-fact-sheet",
    css=_COMMON_CSS
    + f"""
@page {{
  size: A4;
  margin: 20mm;
  @bottom-left {{ content: "{FOOTER}"; font: 9pt "Liberation Sans"; }}
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }}
}}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
.cover .publisher {{ font-size: 14pt; }}
.cover h1 {{ font-size: 28pt; }}
.cover .subtitle {{ font-size: 16pt; }}
.introduction h2 {{ font-size: 20pt; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 12pt; }}
.back-cover .name {{ font-size: 14pt; font-weight: bold; }}
h2, h3, h4 {{ break-after: avoid; }}
.site {{ margin: 0 0 10mm; }}
.site h2 {{ font-size: 19pt; margin: 0 0 2mm; }}
.facts {{ display: grid; grid-template-columns: 35mm 1fr; margin: 0 0 3mm; }}
.facts dt {{ font-weight: bold; }}
.facts dd {{ margin: 0; }}
table.panels {{ border-collapse: collapse; width: 100%; }}
table.panels th {{ width: 45mm; text-align: left; vertical-align: top; padding: 2mm;
  background: #e8eef3; font-size: 10.5pt; }}
table.panels td {{ vertical-align: top; padding: 2mm 3mm; border-bottom: 0.3mm solid #9ab; }}
td.approaches h4 {{ font-size: 10.5pt; margin: 2mm 0 1mm; color: #234; }}
td ul, td ol {{ padding-left: 5mm; }}
li {{ margin: 0 0 1mm; }}
""",
    panels="row-headers",
    authority_list="authority-list",
    labelled_facts=True,
)

# The comma edition's type, each site's region a coloured tag after its name, on the name's
# line and centred on it (smaller type on a baseline of its own); the panels a grid of two
# columns, authorities listed under the name. No banner.
REGION_TAG = replace(
    COMMA_AUTHORITIES,
    name="chromium-region-tag",
    css=COMMA_AUTHORITIES.css
    + """
.region-tag { font-size: 9pt; font-weight: normal; background: #2a6f4e; color: #fff;
  border-radius: 2mm; padding: 0.5mm 2.5mm; margin-left: 4mm; vertical-align: middle; }
.authority-list { padding-left: 5mm; margin: 0 0 3mm; }
""",
    authority_list="authority-list",
    authorities_in_a_line=False,
    region_tag=True,
)

LAYOUTS: tuple[BrowserLayout, ...] = (
    GRID,
    FLOW,
    TABLE,
    BOOKLET,
    TABLE_A5,
    FLOW_B5,
    PACKED,
    NARROW_A5,
    BANNER_LINE,
    ROMAN_HYPHENATED,
    SMALL_CAPS,
    STACKED,
    COMMA_AUTHORITIES,
    REGION_UNDER_NAME,
    COLUMNS,
    COLUMNS_B5,
    CARDS3,
    FACT_SHEET,
    REGION_TAG,
)


def _text(text: str) -> str:
    """The transcript's text as a comms team types it: typographic quotes, HTML-escaped."""
    return escape(quoted(text, "smart"), quote=False)


# A soft hyphen goes into words of this many letters and more, after every fourth letter
# that leaves at least three after it.
SOFT_HYPHENED_LENGTH = 9


def _soft_hyphened(text: str) -> str:
    """The text with a soft hyphen after every fourth letter of its long words ("Inde&shy;
    pend&shy;ent"), as a CMS or a hyphenation plug-in inserts them."""
    words = []
    for word in text.split(" "):
        if len(word) >= SOFT_HYPHENED_LENGTH and word.isalpha():
            cuts = range(4, len(word) - 2, 4)
            word = "&shy;".join(word[a:b] for a, b in pairwise([0, *cuts, len(word)]))
        words.append(word)
    return " ".join(words)


def _list(
    items: list[str], tag: str = "ul", css_class: str = "", soft_hyphens: bool = False
) -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    texts = [_soft_hyphened(_text(item)) if soft_hyphens else _text(item) for item in items]
    entries = "".join(f"<li>{text}</li>" for text in texts)
    return f"<{tag}{attribute}>{entries}</{tag}>"


def _site(site: dict, layout: BrowserLayout) -> str:
    """One site: banner, name (or its authorities, where it has no name) and its list of
    authorities where the layout lists them, then the two panels. Where the layout says,
    the region is a line under the name or a tag after it, or the region and authorities
    are labelled facts under the name, and no banner stands above it."""
    name, authorities = site["name"], site["local_authorities"]
    region = f'<p class="region">{_text(site["region"])}</p>'
    title = "<h2>" + "<br>".join(_text(a) for a in ([name] if name else authorities)) + "</h2>"
    if layout.banner_holds_name:
        parts = [f'<section class="site"><header class="banner">{region}{title}</header>']
    elif layout.region_tag:
        tag = f' <span class="region-tag">{_text(site["region"])}</span></h2>'
        parts = [f'<section class="site">{title.removesuffix("</h2>")}{tag}']
    elif layout.labelled_facts:
        parts = [f'<section class="site">{title}']
    elif layout.region_under_name:
        line = f'<p class="region-line">{_text(site["region"])}</p>'
        parts = [f'<section class="site">{title}', line]
    else:
        parts = [f'<section class="site"><div class="banner">{region}</div>', title]
    # the name spells the authorities ("Devon, Plymouth, Torbay"): none is printed apart
    spelt_out = name is None or ", ".join(authorities) == name
    if layout.labelled_facts:
        facts = [f"<dt>{REGION_LABEL}</dt><dd>{_text(site['region'])}</dd>"]
        if not spelt_out:
            listed = ", ".join(_text(authority) for authority in authorities)
            facts.append(f"<dt>{AUTHORITIES_LABEL}</dt><dd>{listed}</dd>")
        parts.append(f'<dl class="facts">{"".join(facts)}</dl>')
    elif layout.authorities_in_a_line and not spelt_out:
        line = ", ".join(_text(authority) for authority in authorities)
        parts.append(f'<p class="{layout.authority_list}">{line}</p>')
    elif not spelt_out or (layout.list_every_authority and name and len(authorities) > 1):
        parts.append(_list(authorities, css_class=layout.authority_list))
    themes = _list(site["themes"], soft_hyphens=layout.soft_hyphens)
    sections = []
    for section in site["sections"]:
        numbered = {item["list_style"] == "numbered" for item in section["items"]}
        if len(numbered) != 1:
            raise ValueError(f"section {section['heading']!r} mixes bullets and numbers")
        tag = "ol" if numbered.pop() else "ul"
        sections.append(
            f"<h4>{_text(section['heading'])}</h4>"
            + _list(
                [item["text"] for item in section["items"]], tag, soft_hyphens=layout.soft_hyphens
            )
        )
    approaches = "".join(sections)
    if layout.panels == "row-headers":
        parts.append(
            '<table class="panels">'
            f'<tr><th class="themes">{_text(PANEL_TITLE)}</th><td class="themes">{themes}</td></tr>'
            f'<tr><th class="approaches">{_text(APPROACHES_TITLE)}</th>'
            f'<td class="approaches">{approaches}</td></tr></table></section>'
        )
        return "\n".join(parts)
    if layout.panels == "table":
        parts.append(
            '<table class="panels"><thead><tr>'
            f'<th class="themes">{_text(PANEL_TITLE)}</th>'
            f'<th class="approaches">{_text(APPROACHES_TITLE)}</th></tr></thead>'
            f'<tbody><tr><td class="themes">{themes}</td>'
            f'<td class="approaches">{approaches}</td></tr></tbody></table></section>'
        )
        return "\n".join(parts)
    panels = [
        f'<div class="themes"><h3>{_text(PANEL_TITLE)}</h3>{themes}</div>',
        f'<div class="approaches"><h3>{_text(APPROACHES_TITLE)}</h3>{approaches}</div>',
    ]
    if layout.panels == "approaches-first":
        panels.reverse()
    parts.append(f'<div class="panels">{"".join(panels)}</div></section>')
    return "\n".join(parts)


def html_document(model: dict, layout: BrowserLayout) -> str:
    """The HTML page of the model in this layout: cover, introduction with a contents list,
    the sites one after the other, back cover."""
    main, _, subtitle = model["title"].partition(": ")
    regions = list(dict.fromkeys(site["region"] for site in model["sites"]))
    body = [
        '<div class="cover">',
        f'<p class="publisher">{_text(model["publisher"])}</p>',
        f"<h1>{_text(main)}</h1>",
        f'<p class="subtitle">{_text(subtitle)}</p>',
        '<div class="departments">',
        *(f"<p>{_text(department)}</p>" for department in DEPARTMENTS),
        "</div></div>",
        '<div class="introduction"><h2>Introduction</h2>',
        *(f"<h3>{_text(heading)}</h3><p>{_text(text)}</p>" for heading, text in INTRODUCTION),
        "<h3>Contents</h3>",
        _list(regions, css_class="contents"),
        "</div>",
        *(['<main class="sites">'] if layout.newspaper_columns or layout.card_columns else []),
        *(_site(site, layout) for site in model["sites"]),
        *(["</main>"] if layout.newspaper_columns or layout.card_columns else []),
        '<div class="back-cover">',
        f'<p class="name">{_text(model["publisher"])}</p>',
        *(f"<p>{_text(line)}</p>" for line in BACK_COVER),
        "</div>",
    ]
    if layout.edge_strip:
        body.append('<div class="edge-strip"></div>')
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(model['title'])}</title>\n<style>{layout.css}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def printed_edition(model: dict, layout: BrowserLayout, folder: Path, browser: Chromium) -> Path:
    """`model` in `layout` printed by `browser` into `folder`, at test time: an edition of a
    changed model, not committed."""
    folder.mkdir(parents=True, exist_ok=True)
    return print_html(browser, html_document(model, layout), layout.name, folder)


def main(names: list[str]) -> int:
    """Write each layout's HTML (or those `names` name) under tests/data/editions/ and print
    it to PDF beside it."""
    unknown = sorted(set(names) - {layout.name for layout in LAYOUTS})
    if unknown:
        print(f"unknown layout: {', '.join(unknown)}", file=sys.stderr)
        return 2
    model = json.loads(GOLDEN_MODEL.read_text(encoding="utf-8"))
    EDITIONS_FOLDER.mkdir(parents=True, exist_ok=True)
    with Chromium() as browser:
        for layout in [layout for layout in LAYOUTS if not names or layout.name in names]:
            layout.html_path.write_text(html_document(model, layout), encoding="utf-8")
            with tempfile.TemporaryDirectory() as folder:
                printed = browser.print_to_pdf(layout.html_path, Path(folder) / "edition.pdf")
                shutil.copyfile(printed, layout.pdf_path)
            wrote = f"{layout.html_path.relative_to(ROOT)} and {layout.pdf_path.relative_to(ROOT)}"
            print(f"wrote {wrote}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
