"""The publication set in Typst (https://typst.app), as a designer would write it.

Typst is a typesetter of its own, not a browser or a word processor: it embeds its fonts
as CID fonts (Identity-H, a ToUnicode map), writes each line as TJ runs kerned by its own
shaper, sets fi and fl as ligature glyphs, justifies and hyphenates with its own rules
(Knuth-Plass paragraphs, hyphenation patterns by language), draws a list's marker as a
glyph of the text font ("•" for `- item`, "1." for `+ item`) in a hanging indent, and
typesets a `grid` cell by cell, a row running on over a page break. Each edition here sets
the golden document model as Typst markup (.typ), with Typst's bundled fonts only
(Libertinus Serif, New Computer Modern), so the same source makes the same PDF on every
machine with the same Typst:

- "typst-grid" (A4, Libertinus Serif 10.5 pt): each site from a fresh page, the region a
  shaded banner block, the site's name in 20 pt bold, the authorities a bulleted list
  where the name does not spell them, then the two panels side by side, a `grid` of two
  columns (the themes in a shaded cell, the approaches in the other).
- "typst-table" (US Letter, New Computer Modern 10.5 pt): the sites flow on with no page
  break before them, the banner a shaded block, the panels the two cells of a ruled
  `table` whose heading row titles them (Typst repeats it on each page the table runs on
  to); a themes cell of one line stands on the baseline of the approaches' first heading,
  and a banner and name may stand at a page foot over their table on the next page.
- "typst-flow" (A4, New Computer Modern 11 pt): one continuous flow, every paragraph
  justified and hyphenated (`set par(justify: true)`, `set text(hyphenate: true)`), the
  site's name a level-1 heading (`= `), the region an italic line under it, the panel
  titles level-2 headings and the section headings level-3, one panel under the other;
  bulleted (`- item`) and numbered (`+ item`) lists.
- "typst-terms" (A4, New Computer Modern 11 pt): the flow's plan with the region and, where
  the name does not spell them, the authorities as a term list under the name (`/ Region:
  London`: the term bold, a colon after it, the value wrapping under the term with a
  hanging indent), and the numbered items lettered "a)" (`set enum(numbering: "a)")`).
- "typst-a5-columns" (A5, Libertinus Serif 8.5 pt): the sites in two newspaper columns
  (`columns(2)`), justified and hyphenated (a 14 pt name too), each site's banner a shaded
  block kept with its name, and a running header printed by `context` that names the site
  the page opens with (or runs on with: a `metadata` mark each site leaves), 7 pt italic.
- "typst-a5-footnotes": the same with footnotes (`#footnote[...]`) on two approaches.
  Typst sets a note's number as the font's own superior figure (OpenType `sups`), a glyph
  of the text's size on its baseline, not a smaller raised one: the parser cannot tell it
  from a figure of the text, and the build stops (exit 18, the notes placed in no record).

The .typ source and the PDF are both committed under tests/data/editions/; the tests check
that the .typ is what this module writes, that the PDF was made by Typst and prints every
string of the model, and that compiling the .typ again (typst, the PyPI package, a
development dependency) makes the committed PDF byte for byte. To make them again:

    .venv/bin/python -m tests.support.typst_edition [typst-grid ...]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import typst

from tests.support.editions import (
    APPROACHES_TITLE,
    BACK_COVER,
    DEPARTMENTS,
    FOOTER,
    INTRODUCTION,
    PANEL_TITLE,
)
from tests.support.paths import GOLDEN_MODEL, ROOT
from tests.support.writer_edition import FOOTNOTES

EDITIONS_FOLDER = ROOT / "tests" / "data" / "editions"

# Characters that mean something in Typst markup, escaped wherever the model's text is set.
_MARKUP = set('\\#*_`$<>@[]~/-+=."')


def escaped(text: str) -> str:
    """The text as Typst markup that prints it; straight apostrophes are left to Typst's
    smart quotes, as an author types them."""
    return "".join(f"\\{char}" if char in _MARKUP else char for char in text)


def _spells(site: dict) -> bool:
    """Whether the site's name spells its authorities ("Bexley, Greenwich, Lewisham")."""
    name = site["name"]
    return name is not None and [p.strip() for p in name.split(",")] == site["local_authorities"]


def _items(texts: list[str], marker: str, notes: dict[str, str]) -> str:
    """Markup list lines, `- ` or `+ `, each item's footnote after its last word."""
    lines = []
    for text in texts:
        note = f"#footnote[{escaped(notes[text])}]" if text in notes else ""
        lines.append(f"{marker} {escaped(text)}{note}")
    return "\n".join(lines)


def _sections(site: dict, heading: Callable[[str], str], notes: dict[str, str]) -> str:
    parts = []
    for section in site["sections"]:
        styles = {item["list_style"] for item in section["items"]}
        if len(styles) != 1:
            raise ValueError(f"section {section['heading']!r} mixes bullets and numbers")
        marker = "+" if styles == {"numbered"} else "-"
        texts = [item["text"] for item in section["items"]]
        parts += [heading(section["heading"]), _items(texts, marker, notes)]
    return "\n\n".join(parts)


def _front(model: dict) -> str:
    """Cover, introduction with the contents (the regions), as the other editions have."""
    main, _, subtitle = model["title"].partition(": ")
    lines = [
        f'#text(14pt, weight: "bold")[{escaped(model["publisher"])}]',
        "#v(4cm)",
        f'#text(28pt, weight: "bold")[{escaped(main)}]',
        "",
        f"#text(16pt)[{escaped(subtitle)}]",
        "#v(4cm)",
        *(f"{escaped(department)} \\" for department in DEPARTMENTS),
        "#pagebreak()",
        '#text(20pt, weight: "bold")[Introduction]',
        "",
    ]
    for heading, text in INTRODUCTION:
        lines += [f'#text(12pt, weight: "bold")[{escaped(heading)}]', "", escaped(text), ""]
    lines += ['#text(12pt, weight: "bold")[Contents]', ""]
    regions = dict.fromkeys(site["region"] for site in model["sites"])
    lines += [f"{escaped(region)} \\" for region in regions]
    return "\n".join(lines)


def _back(model: dict) -> str:
    lines = [
        "#pagebreak()",
        "#v(8cm)",
        f'#text(14pt, weight: "bold")[{escaped(model["publisher"])}]',
        "",
    ]
    lines += [f"{escaped(line)}\n" for line in BACK_COVER]
    return "\n".join(lines)


def _footer(size: str) -> str:
    """The running footer and page number, on every page but the cover."""
    return (
        "footer: context if counter(page).get().first() > 1 "
        f"{{ text({size}, fill: luma(90))[{escaped(FOOTER)} #h(1fr) #counter(page).display()] }}"
    )


# ---- typst-grid ----------------------------------------------------------------------------

_GRID_PREAMBLE = f"""\
#set document(title: "Safeguarding Early Adopters", date: none)
#set page(paper: "a4", margin: (x: 2cm, top: 2.2cm, bottom: 2.4cm), {_footer("8pt")})
#set text(font: "Libertinus Serif", size: 10.5pt, lang: "en")
#set list(marker: [•], indent: 2pt, body-indent: 6pt)
#let accent = rgb("#1f4e5f")
#let banner(region) = block(fill: accent, inset: (x: 8pt, y: 5pt), width: 100%,
  text(fill: white, weight: "bold", size: 11pt, region))
#let panel-title(title) = text(fill: accent, weight: "bold", size: 11.5pt, title)
#let section-heading(title) = text(weight: "bold", style: "italic", title)
"""


def _grid_site(site: dict, notes: dict[str, str]) -> str:
    head = ["#pagebreak(weak: true)", f"#banner[{escaped(site['region'])}]", ""]
    if site["name"] is None:
        head += [f'#text(16pt, weight: "bold")[{escaped(a)}] \\' for a in site["local_authorities"]]
    else:
        head.append(f'#text(20pt, weight: "bold")[{escaped(site["name"])}]')
        if not _spells(site):
            head += ["", _items(site["local_authorities"], "-", {})]
    themes = _items(site["themes"], "-", {})
    approaches = _sections(site, lambda title: f"#section-heading[{escaped(title)}]", notes)
    grid = (
        "#grid(columns: (1fr, 2fr), column-gutter: 14pt,\n"
        f'  block(fill: rgb("#e6eff2"), inset: 8pt, width: 100%)[\n'
        f"#panel-title[{escaped(PANEL_TITLE)}]\n\n{themes}\n],\n"
        f"  block(inset: (y: 8pt), width: 100%)[\n"
        f"#panel-title[{escaped(APPROACHES_TITLE)}]\n\n{approaches}\n],\n)"
    )
    return "\n".join([*head, "", grid])


# ---- typst-table ---------------------------------------------------------------------------

_TABLE_PREAMBLE = _GRID_PREAMBLE.replace('"Libertinus Serif"', '"New Computer Modern"').replace(
    'paper: "a4"', 'paper: "us-letter"'
)


def _table_site(site: dict, notes: dict[str, str]) -> str:
    head = [f"#banner[{escaped(site['region'])}]", ""]
    if site["name"] is None:
        head += [f'#text(16pt, weight: "bold")[{escaped(a)}] \\' for a in site["local_authorities"]]
    else:
        head.append(f'#text(20pt, weight: "bold")[{escaped(site["name"])}]')
        if not _spells(site):
            head += ["", _items(site["local_authorities"], "-", {})]
    themes = _items(site["themes"], "-", {})
    approaches = _sections(site, lambda title: f"#section-heading[{escaped(title)}]", notes)
    table = (
        "#table(columns: (1fr, 2fr), stroke: 0.5pt + luma(160), inset: 6pt,\n"
        f"  table.header([#panel-title[{escaped(PANEL_TITLE)}]], "
        f"[#panel-title[{escaped(APPROACHES_TITLE)}]]),\n"
        f"  [\n{themes}\n], [\n{approaches}\n],\n)"
    )
    return "\n".join([*head, "", table, "#v(1em)"])


# ---- typst-flow ----------------------------------------------------------------------------

_FLOW_PREAMBLE = f"""\
#set document(title: "Safeguarding Early Adopters", date: none)
#set page(paper: "a4", margin: (x: 2.5cm, y: 2.5cm), {_footer("8pt")})
#set text(font: "New Computer Modern", size: 11pt, lang: "en", hyphenate: true)
#set par(justify: true)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 18pt)
#show heading.where(level: 1): set block(above: 2em, below: 0.6em)
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading.where(level: 3): set text(size: 11pt, style: "italic")
"""


def _flow_site(site: dict, notes: dict[str, str]) -> str:
    if site["name"] is None:
        title = " \\ ".join(escaped(a) for a in site["local_authorities"])
    else:
        title = escaped(site["name"])
    parts = [f"= {title}", f"_{escaped(site['region'])}_"]
    if site["name"] is not None and not _spells(site):
        parts.append(_items(site["local_authorities"], "-", {}))
    parts += [f"== {escaped(PANEL_TITLE)}", _items(site["themes"], "-", {})]
    parts.append(f"== {escaped(APPROACHES_TITLE)}")
    parts.append(_sections(site, lambda title: f"=== {escaped(title)}", notes))
    return "\n\n".join(parts)


# ---- typst-terms ---------------------------------------------------------------------------

_TERMS_PREAMBLE = (
    _FLOW_PREAMBLE
    + """\
#set enum(numbering: "a)")
#set terms(separator: [: ])
"""
)


def _terms_site(site: dict, notes: dict[str, str]) -> str:
    if site["name"] is None:
        title = " \\ ".join(escaped(a) for a in site["local_authorities"])
    else:
        title = escaped(site["name"])
    parts = [f"= {title}", f"/ Region: {escaped(site['region'])}"]
    if site["name"] is not None and not _spells(site):
        authorities = ", ".join(escaped(a) for a in site["local_authorities"])
        parts.append(f"/ Local authorities: {authorities}")
    parts += [f"== {escaped(PANEL_TITLE)}", _items(site["themes"], "-", {})]
    parts.append(f"== {escaped(APPROACHES_TITLE)}")
    parts.append(_sections(site, lambda title: f"=== {escaped(title)}", notes))
    return "\n\n".join(parts)


# ---- typst-a5-columns ----------------------------------------------------------------------

_COLUMNS_PREAMBLE = f"""\
#set document(title: "Safeguarding Early Adopters", date: none)
#set page(paper: "a5", margin: (x: 1.4cm, top: 1.8cm, bottom: 1.6cm),
  header: context {{
    let here-page = here().page()
    let opened = query(<site>).filter(m => m.location().page() == here-page)
    let before = query(selector(<site>).before(here()))
    let site = if opened.len() > 0 {{ opened.first() }} else if before.len() > 0 {{ before.last() }}
    if site != none {{ text(7pt, style: "italic", fill: luma(90), site.value) }}
  }},
  {_footer("7pt")})
#set text(font: "Libertinus Serif", size: 8.5pt, lang: "en", hyphenate: true)
#set par(justify: true)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 14pt)
#show heading.where(level: 2): set text(size: 9pt, fill: rgb("#6b2a2a"))
#show heading.where(level: 3): set text(size: 8.5pt, style: "italic")
#let banner(region) = block(fill: rgb("#6b2a2a"), inset: (x: 4pt, y: 3pt), width: 100%,
  sticky: true, text(fill: white, weight: "bold", region))
"""


def _columns_site(site: dict, notes: dict[str, str]) -> str:
    if site["name"] is None:
        title = " \\ ".join(escaped(a) for a in site["local_authorities"])
    else:
        title = escaped(site["name"])
    label = site["name"] or ", ".join(site["local_authorities"])
    mark = f"#metadata({json.dumps(label)}) <site>"  # what the running header prints
    parts = [f"{mark}#banner[{escaped(site['region'])}]", f"= {title}"]
    if site["name"] is not None and not _spells(site):
        parts.append(_items(site["local_authorities"], "-", {}))
    parts += [f"== {escaped(PANEL_TITLE)}", _items(site["themes"], "-", {})]
    parts.append(f"== {escaped(APPROACHES_TITLE)}")
    parts.append(_sections(site, lambda title: f"=== {escaped(title)}", notes))
    return "\n\n".join(parts)


@dataclass(frozen=True)
class TypstLayout:
    """One Typst edition: its preamble (page, type, show rules) and how a site is set."""

    name: str
    preamble: str
    site: Callable[[dict, dict[str, str]], str]
    # "pages": each site from a fresh page; "flow": one flow; "columns": one flow in two
    # newspaper columns, `columns(2)`.
    flow: str = "pages"
    footnotes: tuple[tuple[str, str], ...] = ()
    running_head: bool = False  # the preamble's page header names each page's site

    @property
    def typ_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.typ"

    @property
    def pdf_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.pdf"


GRID = TypstLayout("typst-grid", _GRID_PREAMBLE, _grid_site)
TABLE = TypstLayout("typst-table", _TABLE_PREAMBLE, _table_site)
FLOW = TypstLayout("typst-flow", _FLOW_PREAMBLE, _flow_site, flow="flow")
TERMS = TypstLayout("typst-terms", _TERMS_PREAMBLE, _terms_site, flow="flow")
A5_COLUMNS = TypstLayout(
    "typst-a5-columns", _COLUMNS_PREAMBLE, _columns_site, flow="columns", running_head=True
)
A5_FOOTNOTES = replace(A5_COLUMNS, name="typst-a5-footnotes", footnotes=FOOTNOTES)
LAYOUTS = (GRID, TABLE, FLOW, TERMS, A5_COLUMNS, A5_FOOTNOTES)
READ_EXACTLY = (
    GRID,
    TABLE,
    FLOW,
    TERMS,
    A5_COLUMNS,
)  # the editions the parser reads as the golden model


def typst_source(model: dict, layout: TypstLayout) -> str:
    """The .typ markup of the model in this layout: cover, introduction, sites, back cover."""
    notes = dict(layout.footnotes)
    sites = [layout.site(site, notes) for site in model["sites"]]
    if layout.flow == "columns":
        body = "#pagebreak()\n#columns(2, gutter: 12pt)[\n" + "\n\n".join(sites) + "\n]"
    elif layout.flow == "flow":
        body = "#pagebreak()\n" + "\n\n".join(sites)
    else:
        body = "\n\n".join(sites)
    return "\n\n".join([layout.preamble, _front(model), body, _back(model)]) + "\n"


def compile_pdf(typ: Path, pdf: Path) -> None:
    """Typst's PDF of the .typ, with its bundled fonts only: the same bytes on every
    machine with the same Typst (the document's date is none)."""
    typst.compile(str(typ), output=str(pdf), ignore_system_fonts=True)


def main(names: list[str]) -> int:
    """Write each Typst edition's .typ (or those named) and compile it to PDF beside it."""
    known = {layout.name: layout for layout in LAYOUTS}
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"unknown Typst edition {unknown[0]!r}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    model = json.loads(GOLDEN_MODEL.read_text(encoding="utf-8"))
    EDITIONS_FOLDER.mkdir(parents=True, exist_ok=True)
    for layout in [known[name] for name in names] or LAYOUTS:
        layout.typ_path.write_text(typst_source(model, layout), encoding="utf-8")
        compile_pdf(layout.typ_path, layout.pdf_path)
        print(f"wrote {layout.typ_path.relative_to(ROOT)} and {layout.pdf_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
