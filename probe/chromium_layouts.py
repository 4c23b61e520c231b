"""Probe editions printed by headless Chromium: the golden model as HTML brochures that a
communications team might make with other CSS and markup than tests/support/browser_edition.

    .venv/bin/python -m probe.chromium_layouts [NAME ...]

writes probe/editions/NAME.html and NAME.pdf for each layout (all where none is named).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from tests.support.browser_edition import print_to_pdf
from tests.support.editions import (
    APPROACHES_TITLE,
    BACK_COVER,
    DEPARTMENTS,
    FOOTER,
    INTRODUCTION,
    PANEL_TITLE,
    quoted,
)

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = json.loads((ROOT / "tests" / "golden" / "document_model.json").read_text("utf-8"))
OUT = ROOT / "probe" / "editions"

BASE_CSS = """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.cover { break-after: page; }
.cover .publisher { font-weight: bold; margin: 0 0 50mm; font-size: 14pt; }
.cover h1 { margin: 0 0 6mm; line-height: 1.1; font-size: 28pt; }
.cover .subtitle { margin: 0 0 50mm; font-size: 16pt; }
.cover .departments p { margin: 0 0 2mm; }
.introduction { break-after: page; }
.introduction h2 { font-size: 20pt; margin: 0 0 4mm; }
.introduction h3 { margin: 6mm 0 2mm; font-size: 12pt; }
.introduction p { margin: 0 0 3mm; }
.contents { list-style: none; padding: 0; }
.back-cover { break-before: page; padding-top: 100mm; }
.back-cover p { margin: 0 0 3mm; }
.back-cover .name { font-size: 14pt; font-weight: bold; }
ul, ol { margin: 0; }
h2, h3, h4 { break-after: avoid; }
"""


@dataclass(frozen=True)
class Layout:
    name: str
    css: str
    # "themes-first", "approaches-first": two divs in .panels (the CSS lays them out);
    # "label-table": a table of two rows, each title in the left cell, its list in the right
    panels: str = "themes-first"
    # "list": a <ul> under the name where the name does not spell them; "comma": one line
    # "Brent, Ealing, ..." under the name, likewise
    authorities: str = "list"
    # "banner": the region in a block above the name; "tag": a coloured span after the
    # name, on its line; "labelled": "Region: North West" in a definition list;
    # "after-name": the region a smaller coloured line under the name
    region: str = "banner"
    numbered_tag: str = "ol"  # the list of the numbered section (its CSS sets the markers)
    soft_hyphens: bool = False  # &shy; in every word of 9+ letters of items and themes
    sites_wrapper: str = ""  # a class for a <div> holding every site (a grid of cards)
    site_page_break: bool = False  # each site from a new page


def _text(text: str) -> str:
    return escape(quoted(text, "smart"), quote=False)


def _hyphenable(text: str) -> str:
    """Soft hyphens in long words (after the 4th letter and every 4 letters after, leaving
    3 at the end), as a CMS or a hyphenation plug-in inserts them."""
    words = []
    for word in _text(text).split(" "):
        letters = word
        if len(word) >= 9 and word.isalpha():
            parts = [word[i : i + 4] for i in range(0, len(word) - 3, 4)]
            tail = word[len("".join(parts)) :]
            if len(tail) < 3:
                parts[-1] += tail
                tail = ""
            letters = "&shy;".join([*parts, tail] if tail else parts)
        words.append(letters)
    return " ".join(words)


def _list(items: list[str], layout: Layout, tag: str = "ul", css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    render = _hyphenable if layout.soft_hyphens else _text
    return f"<{tag}{attribute}>" + "".join(f"<li>{render(i)}</li>" for i in items) + f"</{tag}>"


def _site(site: dict, layout: Layout) -> str:
    name, authorities = site["name"], site["local_authorities"]
    region = _text(site["region"])
    title_text = "<br>".join(_text(a) for a in ([name] if name else authorities))
    parts = ['<section class="site">']
    if layout.region == "banner":
        parts.append(f'<div class="banner"><p class="region">{region}</p></div>')
        parts.append(f"<h2>{title_text}</h2>")
    elif layout.region == "tag":
        parts.append(f'<h2>{title_text} <span class="region-tag">{region}</span></h2>')
    elif layout.region == "labelled":
        parts.append(f"<h2>{title_text}</h2>")
    elif layout.region == "after-name":
        parts.append(f"<h2>{title_text}</h2>")
        parts.append(f'<p class="region-line">{region}</p>')
    spelt_out = name is None or authorities == [p.strip() for p in name.split(",")]
    if layout.region == "labelled":
        rows = [f"<dt>Region</dt><dd>{region}</dd>"]
        if not spelt_out:
            rows.append(
                f"<dt>Local authorities</dt><dd>{', '.join(_text(a) for a in authorities)}</dd>"
            )
        parts.append(f'<dl class="facts">{"".join(rows)}</dl>')
    elif not spelt_out:
        if layout.authorities == "comma":
            parts.append(f'<p class="authorities">{", ".join(_text(a) for a in authorities)}</p>')
        else:
            parts.append(_list(authorities, layout, css="authority-list"))
    themes = _list(site["themes"], layout)
    sections = []
    for section in site["sections"]:
        numbered = section["items"][0]["list_style"] == "numbered"
        tag = layout.numbered_tag if numbered else "ul"
        sections.append(
            f"<h4>{_text(section['heading'])}</h4>"
            + _list([item["text"] for item in section["items"]], layout, tag)
        )
    approaches = "".join(sections)
    if layout.panels == "label-table":
        parts.append(
            '<table class="panels">'
            f'<tr><th class="themes">{_text(PANEL_TITLE)}</th><td class="themes">{themes}</td></tr>'
            f'<tr><th class="approaches">{_text(APPROACHES_TITLE)}</th>'
            f'<td class="approaches">{approaches}</td></tr></table></section>'
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


def html_document(model: dict, layout: Layout) -> str:
    main, _, subtitle = model["title"].partition(": ")
    regions = list(dict.fromkeys(site["region"] for site in model["sites"]))
    sites = [_site(site, layout) for site in model["sites"]]
    if layout.sites_wrapper:
        sites = [f'<div class="{layout.sites_wrapper}">', *sites, "</div>"]
    body = [
        '<div class="cover">',
        f'<p class="publisher">{_text(model["publisher"])}</p>',
        f"<h1>{_text(main)}</h1>",
        f'<p class="subtitle">{_text(subtitle)}</p>',
        '<div class="departments">',
        *(f"<p>{_text(d)}</p>" for d in DEPARTMENTS),
        "</div></div>",
        '<div class="introduction"><h2>Introduction</h2>',
        *(f"<h3>{_text(h)}</h3><p>{_text(t)}</p>" for h, t in INTRODUCTION),
        "<h3>Contents</h3>",
        _list(regions, Layout("contents", ""), css="contents"),
        "</div>",
        *sites,
        '<div class="back-cover">',
        f'<p class="name">{_text(model["publisher"])}</p>',
        *(f"<p>{_text(line)}</p>" for line in BACK_COVER),
        "</div>",
    ]
    css = BASE_CSS + layout.css
    if layout.site_page_break:
        css += "\n.site { break-before: page; }\n"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(model['title'])}</title>\n<style>{css}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


MARGIN_FOOTER = """
@page :first { @bottom-left { content: none; } @bottom-right { content: none; }
  @top-right { content: none; } @top-left { content: none; } @top-center { content: none; } }
"""

PANEL_CSS = """
.banner { background: #234; color: #fff; font-weight: bold; padding: 2mm 3mm; margin: 0 0 2mm; }
.banner .region { margin: 0; }
.site h2 { font-size: 19pt; margin: 0 0 2mm; line-height: 1.15; }
.panels h3 { font-size: 12pt; margin: 0 0 2mm; }
.approaches h4 { font-size: 10.5pt; margin: 2mm 0 1mm; color: #234; }
.themes ul, .approaches ul, .approaches ol, .authority-list { padding-left: 5mm; }
li { margin: 0 0 1mm; }
"""

LAYOUTS: tuple[Layout, ...] = (
    # The themes as a shaded sidebar on the right of the approaches (a CSS grid), page
    # numbers at the top right and a running title at the top left.
    Layout(
        "chromium-sidebar-right",
        f"""
@page {{ size: A4; margin: 22mm 18mm 18mm;
  @top-left {{ content: "{FOOTER}"; font: 8pt "Liberation Sans"; color: #777; }}
  @top-right {{ content: "Page " counter(page); font: 8pt "Liberation Sans"; color: #777; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
.panels {{ display: grid; grid-template-columns: 1fr 55mm; column-gap: 8mm; align-items: start; }}
.themes {{ background: #eef2f5; padding: 3mm 4mm; border-radius: 2mm; }}
""",
        panels="approaches-first",
    ),
    # The panels stacked, the approaches first and the themes as a box under them.
    Layout(
        "chromium-stacked-approaches-first",
        f"""
@page {{ size: A4; margin: 20mm 20mm 22mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Serif"; }} }}
{MARGIN_FOOTER}
body {{ font: 11pt/1.35 "Liberation Serif", serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 12mm; }}
.themes {{ border: 0.4mm solid #234; padding: 2mm 4mm; margin-top: 4mm; }}
""",
        panels="approaches-first",
    ),
    # A three-column grid of site cards on landscape A4, each card stacking the panels.
    Layout(
        "chromium-cards3",
        f"""
@page {{ size: A4 landscape; margin: 14mm 14mm 16mm;
  @bottom-right {{ content: counter(page); font: 8pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 8.5pt/1.3 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site h2 {{ font-size: 14pt; }}
.panels h3 {{ font-size: 10pt; }}
.approaches h4 {{ font-size: 9pt; }}
.cards {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 6mm; align-items: start; }}
.site {{ border: 0.3mm solid #9ab; border-radius: 2mm; padding: 3mm; break-inside: avoid; }}
.themes {{ margin: 0 0 2mm; }}
""",
        sites_wrapper="cards",
    ),
    # Landscape A4, each site on its own page, the two panels side by side (themes first).
    Layout(
        "chromium-landscape",
        f"""
@page {{ size: A4 landscape; margin: 20mm 20mm 18mm;
  @top-center {{ content: counter(page); font: 9pt "DejaVu Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.4 "DejaVu Sans", sans-serif; }}
{PANEL_CSS}
.panels {{ display: flex; gap: 12mm; align-items: flex-start; }}
.themes {{ flex: 0 0 90mm; background: #f0f0e8; padding: 3mm; }}
.approaches {{ flex: 1 1 0; }}
""",
        site_page_break=True,
    ),
    # Large type on A5: 14 pt, the panels stacked, themes first.
    Layout(
        "chromium-large-a5",
        f"""
@page {{ size: A5; margin: 14mm 12mm 16mm;
  @bottom-center {{ content: counter(page); font: 11pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 14pt/1.4 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site h2 {{ font-size: 22pt; }}
.panels h3 {{ font-size: 16pt; margin-top: 3mm; }}
.approaches h4 {{ font-size: 14pt; }}
.site {{ margin: 0 0 12mm; }}
""",
    ),
    # Headings set in small caps (panel titles, site names, section headings), the region
    # banner in capitals.
    Layout(
        "chromium-smallcaps",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Serif"; }} }}
{MARGIN_FOOTER}
body {{ font: 10.5pt/1.35 "Liberation Serif", serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
.banner {{ text-transform: uppercase; letter-spacing: 0.08em; }}
.site h2, .panels h3, .approaches h4 {{ font-variant: small-caps; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
""",
    ),
    # The numbered section with lower-roman markers ("i.", "ii.").
    Layout(
        "chromium-roman",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
.approaches ol {{ list-style-type: lower-roman; padding-left: 8mm; }}
""",
    ),
    # The numbered section lettered "(a)", "(b)" by a CSS counter, bullets as en dashes.
    Layout(
        "chromium-lettered",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
.approaches ul {{ list-style: none; padding-left: 5mm; }}
.approaches ul li::before {{ content: "\\2013"; display: inline-block; width: 5mm;
  margin-left: -5mm; }}
.approaches ol {{ list-style: none; counter-reset: item; padding-left: 8mm; }}
.approaches ol li {{ counter-increment: item; }}
.approaches ol li::before {{ content: "(" counter(item, lower-alpha) ")"; display: inline-block;
  width: 8mm; margin-left: -8mm; }}
""",
    ),
    # The authorities as one comma-separated line under the site's name.
    Layout(
        "chromium-comma-authorities",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
.authorities {{ margin: 0 0 3mm; font-style: italic; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
""",
        authorities="comma",
    ),
    # The region as a coloured tag after the site's name, on its line.
    Layout(
        "chromium-region-tag",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
.region-tag {{ font-size: 9pt; font-weight: normal; background: #2a6f4e; color: #fff;
  border-radius: 2mm; padding: 0.5mm 2.5mm; margin-left: 4mm; vertical-align: middle; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
""",
        region="tag",
    ),
    # The site's name first, the region under it as a smaller coloured line (a subtitle).
    Layout(
        "chromium-region-after-name",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; border-top: 1mm solid #2a6f4e; padding-top: 3mm; }}
.site h2 {{ margin: 0; }}
.region-line {{ font-size: 12pt; color: #2a6f4e; margin: 0 0 3mm; font-weight: bold; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
""",
        region="after-name",
    ),
    # Justified text, long words hyphenated at soft hyphens, in narrow panels.
    Layout(
        "chromium-justified-hyphenated",
        f"""
@page {{ size: A5; margin: 14mm 12mm;
  @bottom-right {{ content: counter(page); font: 8pt "Liberation Serif"; }} }}
{MARGIN_FOOTER}
body {{ font: 9.5pt/1.3 "Liberation Serif", serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 8mm; }}
.panels {{ display: grid; grid-template-columns: 36mm 1fr; column-gap: 5mm; align-items: start; }}
li {{ text-align: justify; hyphens: manual; }}
""",
        soft_hyphens=True,
    ),
    # Region and authorities as a labelled definition list under the name.
    Layout(
        "chromium-labelled",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
.facts {{ display: grid; grid-template-columns: 35mm 1fr; margin: 0 0 3mm; }}
.facts dt {{ font-weight: bold; }}
.facts dd {{ margin: 0; }}
.panels {{ display: grid; grid-template-columns: 55mm 1fr; column-gap: 8mm; align-items: start; }}
""",
        region="labelled",
    ),
    # A table per site whose left column holds the panel titles, each beside its list.
    Layout(
        "chromium-label-table",
        f"""
@page {{ size: A4; margin: 20mm;
  @bottom-right {{ content: counter(page); font: 9pt "Liberation Sans"; }} }}
{MARGIN_FOOTER}
body {{ font: 10pt/1.35 "Liberation Sans", sans-serif; }}
{PANEL_CSS}
.site {{ margin: 0 0 10mm; }}
table.panels {{ border-collapse: collapse; width: 100%; }}
table.panels th {{ width: 45mm; text-align: left; vertical-align: top; padding: 2mm;
  background: #e8eef3; font-size: 10.5pt; }}
table.panels td {{ vertical-align: top; padding: 2mm 3mm; border-bottom: 0.3mm solid #9ab; }}
""",
        panels="label-table",
    ),
)


def main(names: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    known = {layout.name for layout in LAYOUTS}
    if set(names) - known:
        print(f"unknown: {sorted(set(names) - known)}", file=sys.stderr)
        return 2
    for layout in LAYOUTS:
        if names and layout.name not in names:
            continue
        html = OUT / f"{layout.name}.html"
        html.write_text(html_document(GOLDEN, layout), encoding="utf-8")
        with tempfile.TemporaryDirectory() as folder:
            pdf = print_to_pdf(html, Path(folder) / "edition.pdf")
            shutil.copyfile(pdf, OUT / f"{layout.name}.pdf")
        print(f"wrote {OUT / layout.name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
