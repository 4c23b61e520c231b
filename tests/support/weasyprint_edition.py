"""The publication as a web page typeset by WeasyPrint, an HTML/CSS-to-PDF engine with a
layout engine of its own (pydyf writes the PDF, Pango and HarfBuzz set the text).

Unlike a browser, WeasyPrint implements CSS Paged Media: the page's margin boxes print text
taken from the flow (`string-set` on an element, `content: string(name)` in `@top-center`)
and counters (`counter(page)`), a list item may float to the page foot as a footnote
(`float: footnote`, its call a raised figure where it stood), words are hyphenated from the
language's dictionary (`hyphens: auto`, Pyphen), and columns (`columns: 2`) run over pages.
Each edition sets the golden document model as a plausible paged-media brochure:

- "weasyprint-running-site" (A5, Liberation Serif 9 pt): every page's running head names
  the site it opens on, in italic grey 8.5 pt centred over the text (`string-set` on the
  site's name, `@top-center { content: string(site) }`; a page that opens inside a site
  is headed by the next site where one starts on it), and the page number stands in the
  bottom-right margin box; the sites follow one another, the panels one above the other.
  Half a point under the body, the head was read as content (exit 18).
- "weasyprint-justified-a5" (A5, Liberation Sans 9.5 pt): every site on a page of its
  own, the text justified and hyphenated from the language's dictionary (`hyphens: auto`,
  lang en-GB: WeasyPrint writes the hyphen it adds as U+2010), the themes a shaded box.
- "weasyprint-columns-b5" (B5, Liberation Sans 9.5 pt): the sites in two newspaper
  columns (`columns: 2`), running from one column to the next and over the page.
- "weasyprint-footnotes" (A4, Liberation Sans 8.5 pt): three approaches carry a
  footnote (`float: footnote`): the call a raised 7.2 pt figure (0.9 of the note's 8 pt)
  after the item, the note at the foot of a page under a rule; the panels a CSS grid.
  Call and note were read as text (exit 9).
- "weasyprint-fact-sheet-letter": the browser's fact sheet (chromium-fact-sheet: each
  site's panels the two rows of a table whose first column holds the titles), its HTML as
  committed but for the page, US Letter: a themes row runs over a page above the
  approaches row's title, and its last theme was published as an approach (exit 0).

- "weasyprint-smallcaps": the footnotes edition's page without the notes, the panels
  one above the other, and the names,
  panel titles and section headings in small capitals (`font-variant: small-caps`):
  WeasyPrint sets each lowercase letter as a capital at 0.7 of the size in a font of its
  own ("Liberation-Sans-Bold-Small-Caps"), whose text layer maps a glyph to one character
  whatever case drew it ("mulTi-agency"): no panel title was found (exit 7).

WeasyPrint 70 cannot print every committed browser edition as it is: a `::marker` whose
content is set stops it (a Python error in its layout), and a CSS grid row or table row
that a page break parts may be drawn above the next page's top edge or with a cell left
behind; such prints are no edition of the publication.

To make them again (WeasyPrint 70.0 is pinned in requirements.lock, a test dependency;
the machine needs Pango and the fonts Liberation Sans and Liberation Serif), all of them or
those named:

    .venv/bin/python -m tests.support.weasyprint_edition [weasyprint-running-site ...]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from tests.support.browser_edition import FACT_SHEET, BrowserLayout
from tests.support.browser_edition import html_document as browser_html_document
from tests.support.editions import (
    APPROACHES_TITLE,
    BACK_COVER,
    DEPARTMENTS,
    FOOTER,
    INTRODUCTION,
    PANEL_TITLE,
    quoted,
)
from tests.support.paths import GOLDEN_MODEL, ROOT

EDITIONS_FOLDER = ROOT / "tests" / "data" / "editions"
WEASYPRINT_VERSION = "70.0"
INSTALL = (
    f"make test installs weasyprint=={WEASYPRINT_VERSION} from requirements.lock "
    "(it needs Pango: Debian's libpango-1.0-0)"
)

# Notes an author might add to some approaches (the item's text, then the note's).
FOOTNOTES = (
    (
        "Research and evaluation being supported by Barnardo's.",
        "Barnardo's is a national children's charity.",
    ),
    (
        "Establish appreciative enquiry model to conduct local learning reviews.",
        "Appreciative enquiry looks at what works well, not only at what went wrong.",
    ),
    (
        "Develop clear description of the role of the scrutineer.",
        "A scrutineer is independent of the three safeguarding partners.",
    ),
)


@dataclass(frozen=True)
class WeasyLayout:
    """What differs between the WeasyPrint editions: the CSS and the notes."""

    name: str
    css: str
    footnotes: tuple[tuple[str, str], ...] = ()  # (item text, note text)
    # The sites inside one <main class="sites">, which the CSS may set in columns.
    sites_in_main: bool = False
    # The HTML a browser edition writes (tests.support.browser_edition), in place of this
    # module's: the same page typeset by another engine.
    browser_layout: BrowserLayout | None = None
    # The names, panel titles and headings in small capitals (font-variant: small-caps),
    # which WeasyPrint synthesises from the capitals of a font that has none.
    small_caps: bool = False

    @property
    def html_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.html"

    @property
    def pdf_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.pdf"


_COMMON_CSS = """
* { box-sizing: border-box; }
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
.site h2 { margin: 0; line-height: 1.15; string-set: site content(); }
ul, ol { margin: 0; }
.cover, .introduction, .back-cover { string-set: site ""; }
"""

# The running-site edition's top margin, where its running head stands above the text.
RUNNING_SITE_TOP_MARGIN_MM = 16

RUNNING_SITE = WeasyLayout(
    name="weasyprint-running-site",
    css=_COMMON_CSS
    + f"""
@page {{
  size: A5;
  margin: {RUNNING_SITE_TOP_MARGIN_MM}mm 14mm 18mm;
  @top-center {{ content: string(site); font: italic 8.5pt "Liberation Serif"; color: #666; }}
  @bottom-left {{ content: "{FOOTER}"; font: 8pt "Liberation Serif"; color: #666; }}
  @bottom-right {{ content: counter(page); font: 8pt "Liberation Serif"; color: #666; }}
}}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
body {{ font: 9pt/1.3 "Liberation Serif", serif; color: #222; }}
.cover .publisher {{ font-size: 15pt; color: #1d4f91; }}
.cover h1 {{ font-size: 32pt; color: #1d4f91; }}
.cover .subtitle {{ font-size: 18pt; }}
.introduction h2 {{ font-size: 24pt; color: #1d4f91; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 12.5pt; }}
.back-cover .name {{ font-size: 16pt; font-weight: bold; color: #1d4f91; }}
.site {{ padding-top: 8mm; }}
.site .region {{
  margin: 0 0 2mm; font: bold 11pt "Liberation Sans", sans-serif; color: #fff;
  background: #1d4f91; padding: 1.5mm 3mm; break-after: avoid;
}}
.site h2 {{ font-size: 20pt; color: #1d4f91; margin: 0 0 2mm; break-after: avoid; }}
.site .authorities {{ margin: 0 0 3mm; padding-left: 5mm; }}
.panels h3 {{ margin: 2mm 0 1.5mm; font-size: 12.5pt; color: #1d4f91; break-after: avoid; }}
.themes ul, .approaches ul, .approaches ol {{ padding-left: 5.5mm; }}
.approaches h4 {{ margin: 2mm 0 1mm; font-size: 11pt; font-style: italic; break-after: avoid; }}
li {{ margin: 0 0 0.8mm; }}
""",
)

JUSTIFIED_A5 = WeasyLayout(
    name="weasyprint-justified-a5",
    css=_COMMON_CSS
    + f"""
@page {{
  size: A5;
  margin: 15mm 14mm 18mm;
  @bottom-center {{ content: "{FOOTER} · " counter(page); font: 7.5pt "Liberation Sans"; }}
}}
@page :first {{ @bottom-center {{ content: none; }} }}
body {{ font: 9.5pt/1.3 "Liberation Sans", sans-serif; color: #1a1a1a; }}
p, li {{ hyphens: auto; text-align: justify; }}
.cover .publisher {{ font-size: 12pt; color: #006a4e; margin-bottom: 30mm; }}
.cover h1 {{ font-size: 24pt; color: #006a4e; }}
.cover .subtitle {{ font-size: 14pt; margin-bottom: 40mm; }}
.introduction h2 {{ font-size: 18pt; color: #006a4e; margin: 0 0 3mm; }}
.introduction h3 {{ font-size: 11pt; }}
.back-cover {{ padding-top: 80mm; }}
.back-cover .name {{ font-size: 13pt; font-weight: bold; color: #006a4e; }}
.site {{ break-before: page; }}
.site .region {{
  margin: 0 0 2mm; font-weight: bold; font-size: 10pt; color: #fff; background: #006a4e;
  padding: 1.2mm 2.5mm; break-after: avoid; text-align: left;
}}
.site h2 {{ font-size: 17pt; color: #006a4e; margin: 0 0 2mm; break-after: avoid; }}
.site .authorities {{ margin: 0 0 2mm; padding-left: 4.5mm; }}
.themes {{ background: #e3f0eb; padding: 2mm 3mm; margin: 0 0 3mm; }}
.panels h3 {{ margin: 0 0 1.5mm; font-size: 10.5pt; color: #006a4e; break-after: avoid; }}
.themes ul, .approaches ul, .approaches ol {{ padding-left: 4.5mm; }}
.approaches h4 {{ margin: 2mm 0 1mm; font-size: 9.5pt; color: #006a4e; break-after: avoid; }}
li {{ margin: 0 0 0.6mm; }}
""",
)

COLUMNS_B5 = WeasyLayout(
    name="weasyprint-columns-b5",
    sites_in_main=True,
    css=_COMMON_CSS
    + f"""
@page {{
  size: B5;
  margin: 18mm 15mm 20mm;
  @bottom-right {{ content: counter(page); font: 8pt "Liberation Sans"; color: #444; }}
  @bottom-left {{ content: "{FOOTER}"; font: 8pt "Liberation Sans"; color: #444; }}
}}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
body {{ font: 9.5pt/1.3 "Liberation Sans", sans-serif; color: #1a1a1a; }}
.cover .publisher {{ font-size: 13pt; color: #6b2c91; }}
.cover h1 {{ font-size: 28pt; color: #6b2c91; }}
.cover .subtitle {{ font-size: 16pt; }}
.introduction h2 {{ font-size: 20pt; color: #6b2c91; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 11.5pt; }}
.back-cover .name {{ font-size: 14pt; font-weight: bold; color: #6b2c91; }}
main.sites {{ columns: 2; column-gap: 8mm; }}
.site {{ margin: 0 0 8mm; }}
.site .region {{
  margin: 0 0 2mm; font-weight: bold; font-size: 10pt; color: #fff; background: #6b2c91;
  padding: 1.2mm 2.5mm; break-after: avoid;
}}
.site h2 {{ font-size: 16pt; color: #6b2c91; margin: 0 0 2mm; break-after: avoid; }}
.site .authorities {{ margin: 0 0 2mm; padding-left: 4.5mm; }}
.panels h3 {{ margin: 2mm 0 1.5mm; font-size: 10.5pt; color: #6b2c91; break-after: avoid; }}
.themes ul, .approaches ul, .approaches ol {{ padding-left: 4.5mm; }}
.approaches h4 {{ margin: 2mm 0 1mm; font-size: 9.5pt; color: #6b2c91; break-after: avoid; }}
li {{ margin: 0 0 0.6mm; }}
""",
)

# The panels side by side, the themes in a column 55 mm wide.
_GRID_PANELS = ".panels { display: grid; grid-template-columns: 55mm 1fr; column-gap: 7mm; }"

# The footnotes (and small-capitals) editions' bottom margin, where the running footer
# stands under the text.
SMALL_CAPS_FOOT_MARGIN_MM = 24

FOOTNOTES_A4 = WeasyLayout(
    name="weasyprint-footnotes",
    footnotes=FOOTNOTES,
    css=_COMMON_CSS
    + f"""
@page {{
  size: A4;
  margin: 20mm 18mm {SMALL_CAPS_FOOT_MARGIN_MM}mm;
  @bottom-left {{ content: "{FOOTER}"; font: 8pt "Liberation Sans"; color: #555; }}
  @bottom-right {{ content: "Page " counter(page); font: 8pt "Liberation Sans"; color: #555; }}
  @footnote {{ border-top: 0.5pt solid #888; padding-top: 2mm; margin-top: 4mm; }}
}}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
body {{ font: 8.5pt/1.35 "Liberation Sans", sans-serif; color: #1a1a1a; }}
.footnote {{ float: footnote; font-size: 8pt; }}
.cover .publisher {{ font-size: 14pt; color: #b3262e; }}
.cover h1 {{ font-size: 30pt; color: #b3262e; }}
.cover .subtitle {{ font-size: 17pt; }}
.introduction h2 {{ font-size: 22pt; color: #b3262e; margin: 0 0 4mm; }}
.introduction h3 {{ font-size: 12pt; }}
.back-cover .name {{ font-size: 15pt; font-weight: bold; color: #b3262e; }}
.site {{ margin: 0 0 9mm; }}
.site .region {{
  margin: 0 0 2mm; font-weight: bold; font-size: 11pt; color: #b3262e;
  border-bottom: 1pt solid #b3262e; padding: 0 0 1mm; break-after: avoid;
}}
.site h2 {{ font-size: 20pt; margin: 0 0 3mm; break-after: avoid; }}
.site .authorities {{ margin: 0 0 3mm; padding-left: 5mm; }}
{_GRID_PANELS}
.themes {{ background: #f6e6e7; padding: 3mm 4mm; align-self: start; }}
.panels h3 {{ margin: 0 0 2mm; font-size: 11.5pt; color: #b3262e; break-after: avoid; }}
.themes ul, .approaches ul, .approaches ol {{ padding-left: 5mm; }}
.approaches h4 {{ margin: 2.5mm 0 1mm; font-size: 10.5pt; color: #b3262e; break-after: avoid; }}
li {{ margin: 0 0 1mm; }}
""",
)

SMALL_CAPS = WeasyLayout(
    name="weasyprint-smallcaps",
    small_caps=True,
    css=FOOTNOTES_A4.css.replace(_GRID_PANELS, "")
    + """
.site h2, .panels h3, .approaches h4 { font-variant: small-caps; }
""",
)

# The browser's fact sheet, its HTML as committed but for the page: US Letter.
FACT_SHEET_LETTER = WeasyLayout(
    name="weasyprint-fact-sheet-letter",
    css="",
    browser_layout=replace(
        FACT_SHEET,
        name="weasyprint-fact-sheet-letter",
        css=FACT_SHEET.css.replace("size: A4;", "size: letter;"),
    ),
)

LAYOUTS: tuple[WeasyLayout, ...] = (
    RUNNING_SITE,
    JUSTIFIED_A5,
    COLUMNS_B5,
    FOOTNOTES_A4,
    FACT_SHEET_LETTER,
    SMALL_CAPS,
)


def _text(text: str) -> str:
    """The transcript's text as a comms team types it: typographic quotes, HTML-escaped."""
    return escape(quoted(text, "smart"), quote=False)


def _item(text: str, notes: dict[str, str]) -> str:
    """An item, ending in a footnote where the layout notes it: WeasyPrint floats the note's
    span to the page foot (`float: footnote`) and leaves its call, a raised figure."""
    note = notes.get(text)
    return _text(text) + (f'<span class="footnote">{_text(note)}</span>' if note else "")


def _list(items: list[str], tag: str = "ul", css_class: str = "", notes: dict | None = None) -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    entries = "".join(f"<li>{_item(item, notes or {})}</li>" for item in items)
    return f"<{tag}{attribute}>{entries}</{tag}>"


def _site(site: dict, layout: WeasyLayout) -> str:
    """One site: its region, its name (or its authorities, where it has no name) and its
    list of authorities where the name does not spell them, then the two panels, one above
    the other."""
    name, authorities = site["name"], site["local_authorities"]
    title = "<h2>" + "<br>".join(_text(a) for a in ([name] if name else authorities)) + "</h2>"
    parts = [f'<section class="site"><p class="region">{_text(site["region"])}</p>', title]
    if not (name is None or ", ".join(authorities) == name):
        parts.append(_list(authorities, css_class="authorities"))
    notes = dict(layout.footnotes)
    sections = []
    for section in site["sections"]:
        numbered = {item["list_style"] == "numbered" for item in section["items"]}
        if len(numbered) != 1:
            raise ValueError(f"section {section['heading']!r} mixes bullets and numbers")
        tag = "ol" if numbered.pop() else "ul"
        texts = [item["text"] for item in section["items"]]
        sections.append(f"<h4>{_text(section['heading'])}</h4>{_list(texts, tag, notes=notes)}")
    parts.append(
        '<div class="panels">'
        f'<div class="themes"><h3>{_text(PANEL_TITLE)}</h3>{_list(site["themes"])}</div>'
        f'<div class="approaches"><h3>{_text(APPROACHES_TITLE)}</h3>{"".join(sections)}</div>'
        "</div></section>"
    )
    return "\n".join(parts)


def html_document(model: dict, layout: WeasyLayout) -> str:
    """The HTML page of the model in this layout: cover, introduction with a contents list,
    the sites one after the other, back cover."""
    if layout.browser_layout is not None:
        return browser_html_document(model, layout.browser_layout)
    main, _, subtitle = model["title"].partition(": ")
    regions = list(dict.fromkeys(site["region"] for site in model["sites"]))
    sites = [_site(site, layout) for site in model["sites"]]
    if layout.sites_in_main:
        sites = ['<main class="sites">', *sites, "</main>"]
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
        *sites,
        '<div class="back-cover">',
        f'<p class="name">{_text(model["publisher"])}</p>',
        *(f"<p>{_text(line)}</p>" for line in BACK_COVER),
        "</div>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(model['title'])}</title>\n<style>{layout.css}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def write_pdf(html: Path, pdf: Path) -> None:
    """The HTML file typeset by WeasyPrint into `pdf`."""
    try:
        import weasyprint  # a test dependency, pinned in requirements.lock
    except ImportError as missing:
        raise SystemExit(f"weasyprint is not installed: {INSTALL}") from missing
    weasyprint.HTML(filename=str(html)).write_pdf(str(pdf))


def main(names: list[str]) -> int:
    """Write each layout's HTML (or those `names` name) under tests/data/editions/ and
    typeset it to PDF beside it."""
    unknown = sorted(set(names) - {layout.name for layout in LAYOUTS})
    if unknown:
        print(f"unknown layout: {', '.join(unknown)}", file=sys.stderr)
        return 2
    model = json.loads(GOLDEN_MODEL.read_text(encoding="utf-8"))
    EDITIONS_FOLDER.mkdir(parents=True, exist_ok=True)
    for layout in [layout for layout in LAYOUTS if not names or layout.name in names]:
        layout.html_path.write_text(html_document(model, layout), encoding="utf-8")
        write_pdf(layout.html_path, layout.pdf_path)
        print(f"wrote {layout.html_path.relative_to(ROOT)} and {layout.pdf_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
