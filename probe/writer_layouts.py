"""Probe editions made by LibreOffice Writer: the golden model as .fodt documents set with
other Writer features than tests/support/writer_edition (sections in two columns, a running
header holding the site's name, footnotes, row-header tables, other list styles and fonts,
PDF/A and tagged export), exported to PDF by `soffice --headless`.

    .venv/bin/python -m probe.writer_layouts [NAME ...]

writes probe/editions/NAME.fodt and NAME.pdf for each layout (all where none is named).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

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

NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}

# Footnotes a writer might add to the approaches (golden text, then the note).
FOOTNOTES = {
    "Research and evaluation being supported by Barnardo's.": (
        "Barnardo's is a national children's charity."
    ),
    "Establish appreciative enquiry model to conduct local learning reviews.": (
        "Appreciative enquiry looks at what works well, not only at what went wrong."
    ),
}


@dataclass(frozen=True)
class Layout:
    name: str
    font: str = "Liberation Sans"
    size: str = "10.5pt"
    # "side-table": themes and approaches the two cells of a table (as tests' writer);
    # "stacked": themes then approaches, one under the other;
    # "row-header-table": a table per site, each panel title in a left cell beside its list
    panels: str = "stacked"
    columns: int = 1  # the site's panels in a section of this many columns
    running_name: bool = False  # the page header holds the site's name (a chapter field)
    numbers_at_top: bool = False  # the page number in the header, not the footer
    footnotes: bool = False
    item_bullet: str = "•"
    item_bullet_font: str = "OpenSymbol"
    theme_bullet: str = "▪"
    number_format: str = "1"  # "1", "a", "i", "A", "I"
    number_suffix: str = "."
    number_prefix: str = ""
    export: str = "pdf:writer_pdf_Export"
    page_break_before_site: bool = True


def _label_alignment(indent_cm: float) -> str:
    return (
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="listtab" '
        f'text:list-tab-stop-position="{indent_cm}cm" fo:text-indent="-{indent_cm}cm" '
        f'fo:margin-left="{indent_cm}cm"/></style:list-level-properties>'
    )


def _bullets(name: str, char: str, font: str) -> str:
    return (
        f'<text:list-style style:name="{name}">'
        f'<text:list-level-style-bullet text:level="1" text:bullet-char="{char}">'
        f'{_label_alignment(0.5)}<style:text-properties style:font-name="{font}"/>'
        "</text:list-level-style-bullet></text:list-style>"
    )


def styles(layout: Layout) -> str:
    accent = "#3b2a6b"
    header_parts = []
    if layout.running_name:
        header_parts.append('<text:chapter text:display="name" text:outline-level="1"/>')
    if layout.numbers_at_top:
        header_parts.append('<text:tab/>Page <text:page-number text:select-page="current"/>')
    header = (
        f'<style:header><text:p text:style-name="Header">{"".join(header_parts)}</text:p>'
        "</style:header>"
        if header_parts
        else ""
    )
    footer_number = (
        "" if layout.numbers_at_top else '<text:tab/><text:page-number text:select-page="current"/>'
    )
    footer = (
        f'<style:footer><text:p text:style-name="Footer">{FOOTER}{footer_number}</text:p>'
        "</style:footer>"
    )
    site_break = 'fo:break-before="page"' if layout.page_break_before_site else ""
    number_style = (
        '<text:list-style style:name="Item_Numbers">'
        f'<text:list-level-style-number text:level="1" style:num-prefix="{layout.number_prefix}" '
        f'style:num-suffix="{layout.number_suffix}" style:num-format="{layout.number_format}">'
        f"{_label_alignment(0.7)}</text:list-level-style-number></text:list-style>"
    )
    return f"""<office:font-face-decls>
 <style:font-face style:name="{layout.font}" svg:font-family="'{layout.font}'"
  style:font-pitch="variable"/>
 <style:font-face style:name="OpenSymbol" svg:font-family="OpenSymbol"
  style:font-pitch="variable" style:font-charset="x-symbol"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="{layout.font}" fo:font-size="{layout.size}"
   fo:language="en" fo:country="GB" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.12cm"
   fo:line-height="125%"/>
 </style:style>
 <style:style style:name="Cover_Publisher" style:family="paragraph"
  style:parent-style-name="Standard" style:master-page-name="First_Page">
  <style:paragraph-properties fo:margin-bottom="5cm"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="{accent}"/>
 </style:style>
 <style:style style:name="Cover_Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.6cm"/>
  <style:text-properties fo:font-size="30pt" fo:font-weight="bold" fo:color="{accent}"/>
 </style:style>
 <style:style style:name="Cover_Subtitle" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="5cm"/>
  <style:text-properties fo:font-size="17pt"/>
 </style:style>
 <style:style style:name="Heading_Page" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page" fo:margin-bottom="0.5cm"/>
  <style:text-properties fo:font-size="22pt" fo:font-weight="bold" fo:color="{accent}"/>
 </style:style>
 <style:style style:name="Heading_Small" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm"
   fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Back_Cover" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page" fo:margin-top="12cm"
   fo:margin-bottom="0.4cm"/>
  <style:text-properties fo:font-size="15pt" fo:font-weight="bold" fo:color="{accent}"/>
 </style:style>
 <style:style style:name="Region_Banner" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties {site_break} fo:background-color="{accent}"
   fo:padding-left="0.3cm" fo:padding-top="0.15cm" fo:padding-bottom="0.15cm"
   fo:margin-top="0.6cm" fo:margin-bottom="0.4cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:color="#ffffff"/>
 </style:style>
 <style:style style:name="Heading_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">
  <style:paragraph-properties fo:margin-bottom="0.3cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="20pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Site_Authority_Title" style:family="paragraph"
  style:parent-style-name="Heading_1">
  <style:paragraph-properties fo:margin-bottom="0.05cm"/>
  <style:text-properties fo:font-size="15pt"/>
 </style:style>
 <style:style style:name="Authority" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:keep-with-next="always"/>
 </style:style>
 <style:style style:name="Panel_Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"
   fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="12.5pt" fo:font-weight="bold" fo:color="{accent}"/>
 </style:style>
 <style:style style:name="Theme" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Section_Heading" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.25cm" fo:margin-bottom="0.1cm"
   fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Item" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Header" style:family="paragraph" style:class="extra">
  <style:paragraph-properties>
   <style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops>
  </style:paragraph-properties>
  <style:text-properties fo:font-size="8.5pt" fo:font-style="italic" fo:color="#595959"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:class="extra">
  <style:paragraph-properties>
   <style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops>
  </style:paragraph-properties>
  <style:text-properties fo:font-size="8pt" fo:color="#595959"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"
  style:class="extra">
  <style:paragraph-properties fo:margin-left="0.4cm" fo:text-indent="-0.4cm"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 {_bullets("Item_Bullets", layout.item_bullet, layout.item_bullet_font)}
 {_bullets("Theme_Bullets", layout.theme_bullet, "OpenSymbol")}
 {_bullets("Authority_Bullets", "•", "OpenSymbol")}
 {number_style}
 <text:notes-configuration text:note-class="footnote" style:num-format="1"
  text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm">
   <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm"
    style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left"
    style:rel-width="25%" style:color="#000000"/>
  </style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0.5cm"
   fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.5cm"
   fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Columns" style:family="section">
  <style:section-properties text:dont-balance-text-columns="false">
   <style:columns fo:column-count="{layout.columns}" fo:column-gap="0.8cm"/>
  </style:section-properties>
 </style:style>
 <style:style style:name="Panels" style:family="table">
  <style:table-properties style:width="16cm" table:align="margins" fo:margin-top="0.2cm"/>
 </style:style>
 <style:style style:name="Panels.A" style:family="table-column">
  <style:table-column-properties style:column-width="4.5cm"/>
 </style:style>
 <style:style style:name="Panels.B" style:family="table-column">
  <style:table-column-properties style:column-width="11.5cm"/>
 </style:style>
 <style:style style:name="Panels.Head" style:family="table-cell">
  <style:table-cell-properties fo:background-color="#e8e4f2" fo:padding="0.2cm"
   fo:border-bottom="0.5pt solid #3b2a6b" fo:border-top="none" fo:border-left="none"
   fo:border-right="none"/>
 </style:style>
 <style:style style:name="Panels.Cell" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.2cm" fo:border-bottom="0.5pt solid #3b2a6b"
   fo:border-top="none" fo:border-left="none" fo:border-right="none"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="First_Page" style:page-layout-name="A4"
  style:next-style-name="Standard"/>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  {header}{footer}
 </style:master-page>
</office:master-styles>"""


def _inline(text: str) -> str:
    return escape(quoted(text, "smart"))


def _p(style: str, text: str, extra: str = "") -> str:
    return f'<text:p text:style-name="{style}">{_inline(text)}{extra}</text:p>'


def _h(style: str, text: str) -> str:
    return f'<text:h text:style-name="{style}" text:outline-level="1">{_inline(text)}</text:h>'


def _list(style: str, paragraph_style: str, texts: list[str], layout: Layout) -> str:
    items = []
    for text in texts:
        note = ""
        if layout.footnotes and text in FOOTNOTES:
            number = list(FOOTNOTES).index(text) + 1
            note = (
                f'<text:note text:id="ftn{number}" text:note-class="footnote">'
                f"<text:note-citation>{number}</text:note-citation><text:note-body>"
                f"{_p('Footnote', FOOTNOTES[text])}</text:note-body></text:note>"
            )
        items.append(f"<text:list-item>{_p(paragraph_style, text, note)}</text:list-item>")
    return f'<text:list text:style-name="{style}">{"".join(items)}</text:list>'


def _cell(style: str, content: str) -> str:
    return (
        f'<table:table-cell table:style-name="{style}" office:value-type="string">{content}'
        "</table:table-cell>"
    )


def _site(site: dict, layout: Layout) -> str:
    parts = [_p("Region_Banner", site["region"])]
    name, authorities = site["name"], site["local_authorities"]
    if name is None:
        parts += [_h("Site_Authority_Title", authority) for authority in authorities]
    else:
        parts.append(_h("Heading_1", name))
        if authorities != [part.strip() for part in name.split(",")]:
            parts.append(_list("Authority_Bullets", "Authority", authorities, layout))
    themes = _list("Theme_Bullets", "Theme", site["themes"], layout)
    approaches = []
    for section in site["sections"]:
        approaches.append(_p("Section_Heading", section["heading"]))
        numbered = section["items"][0]["list_style"] == "numbered"
        style = "Item_Numbers" if numbered else "Item_Bullets"
        approaches.append(_list(style, "Item", [i["text"] for i in section["items"]], layout))
    if layout.panels == "row-header-table":
        parts.append(
            '<table:table table:name="Panels" table:style-name="Panels">'
            '<table:table-column table:style-name="Panels.A"/>'
            '<table:table-column table:style-name="Panels.B"/>'
            "<table:table-row>"
            + _cell("Panels.Head", _p("Panel_Title", PANEL_TITLE))
            + _cell("Panels.Cell", themes)
            + "</table:table-row><table:table-row>"
            + _cell("Panels.Head", _p("Panel_Title", APPROACHES_TITLE))
            + _cell("Panels.Cell", "".join(approaches))
            + "</table:table-row></table:table>"
        )
        return "\n".join(parts)
    body = (
        _p("Panel_Title", PANEL_TITLE)
        + themes
        + _p("Panel_Title", APPROACHES_TITLE)
        + "".join(approaches)
    )
    if layout.columns > 1:
        body = (
            f'<text:section text:style-name="Columns" text:name="{id(site)}">{body}</text:section>'
        )
    parts.append(body)
    return "\n".join(parts)


def writer_document(model: dict, layout: Layout) -> str:
    main, _, subtitle = model["title"].partition(": ")
    body = [
        _p("Cover_Publisher", model["publisher"]),
        _p("Cover_Title", main),
        _p("Cover_Subtitle", subtitle),
        *(_p("Standard", department) for department in DEPARTMENTS),
        _p("Heading_Page", "Introduction"),
    ]
    for heading, paragraph in INTRODUCTION:
        body += [_p("Heading_Small", heading), _p("Standard", paragraph)]
    body.append(_p("Heading_Small", "Contents"))
    for region in dict.fromkeys(site["region"] for site in model["sites"]):
        body.append(_p("Standard", region))
    body += [_site(site, layout) for site in model["sites"]]
    body.append(_p("Back_Cover", model["publisher"]))
    body += [_p("Standard", line) for line in BACK_COVER]
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {namespaces} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f"<office:meta><dc:title>{_inline(model['title'])}</dc:title></office:meta>\n"
        f"{styles(layout)}\n<office:body><office:text>\n" + "\n".join(body) + "\n"
        "</office:text></office:body></office:document>\n"
    )


PDFA_TAGGED = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)

LAYOUTS: tuple[Layout, ...] = (
    # Each site's panels in a section of two balanced columns, the banner and name above.
    Layout("writer-two-column-section", columns=2, size="10pt"),
    # The site's name in the page header (a chapter field of Heading 1), page number at the
    # top right, sites flowing on from one another with no page break.
    Layout(
        "writer-running-name",
        running_name=True,
        numbers_at_top=True,
        page_break_before_site=False,
    ),
    # Footnotes on two approaches, the note at the page foot above the footer.
    Layout("writer-footnotes", footnotes=True),
    # A table per site whose left cells hold the panel titles, each beside its list.
    Layout("writer-row-header-table", panels="row-header-table"),
    # DejaVu Serif, en-dash item bullets, check-mark themes, "a)" lettered items, exported
    # as PDF/A-2b, tagged.
    Layout(
        "writer-pdfa-tagged",
        font="DejaVu Serif",
        size="10pt",
        item_bullet="–",
        theme_bullet="✓",
        number_format="a",
        number_suffix=")",
        export=PDFA_TAGGED,
    ),
    # As above, with the numbered items as decimal "1)" (only the export and fonts differ).
    Layout(
        "writer-pdfa-decimal",
        font="DejaVu Serif",
        size="10pt",
        item_bullet="–",
        theme_bullet="✓",
        number_suffix=")",
        export=PDFA_TAGGED,
    ),
)


def convert(fodt: Path, folder: Path, export: str) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                export,
                "--outdir",
                str(folder),
                str(fodt),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return folder / f"{fodt.stem}.pdf"


def main(names: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for layout in LAYOUTS:
        if names and layout.name not in names:
            continue
        fodt = OUT / f"{layout.name}.fodt"
        fodt.write_text(writer_document(GOLDEN, layout), encoding="utf-8")
        with tempfile.TemporaryDirectory() as folder:
            shutil.copyfile(convert(fodt, Path(folder), layout.export), OUT / f"{layout.name}.pdf")
        print(f"wrote {OUT / layout.name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
