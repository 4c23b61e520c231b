"""The publication as a LibreOffice Writer document, and that document exported to PDF.

A publisher's next edition may well be a word-processor file saved as PDF, and Writer lays
out a page unlike a typesetter: the bullets are list labels that the list style draws (in
OpenSymbol, for a Symbol-font bullet at a private-use code point), the region banner is a
paragraph with a background colour, and the theme panel and the approaches are the two
cells of a table, whose row runs on over pages.

The Writer document is written here as flat ODF XML (.fodt) from the golden document model;
`soffice --headless --convert-to pdf` makes the PDF. Installing LibreOffice takes too long
for the tests, so both files are committed under tests/data/editions/, and the tests check
that the committed .fodt is what this module writes, that the committed PDF was made by
LibreOffice from it, and (where soffice is installed) that converting the .fodt again prints
the same words in the same places.

A second edition, "writer-footnotes-lettered", letters the numbered items "a)", "b)" (a
list style's own numbering) and adds footnotes to two approaches: Writer sets each note's
citation as a small raised figure right after the item's last word and the note itself at
the page foot, above the footer.

A third, "writer-running-name", is the first with the site's name set as a Heading 1 and a
chapter field in the page header: each page's running head names the site it is on (8.5 pt
italic grey, while the body prints the name in 22 pt), as a word processor's template does.

A fourth, "writer-endnotes", adds the same two notes as the second as endnotes: Writer
raises each citation as it does a footnote's, and prints the notes, each opening with its
figure, in 8 pt on a page of their own after the back cover.

A fifth, "writer-row-headers", sets each site's panels as the two rows of a table whose
shaded first column holds the panel titles, each beside its list (row headers), as a
word-processor user lays out a fact sheet; the row of a long approaches list runs on over
the page with no title repeated.

To make the files again (Debian: `apt-get install libreoffice-writer-nogui`; the PDFs were
made with LibreOffice 7.4 and the fonts Liberation Sans and OpenSymbol), all of them or
those named:

    .venv/bin/python -m tests.support.writer_edition [writer-footnotes-lettered ...]
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
from tests.support.paths import GOLDEN_MODEL, ROOT

EDITIONS_FOLDER = ROOT / "tests" / "data" / "editions"

# Footnotes an author might add to two approaches (the item's text, then the note's).
FOOTNOTES = (
    (
        "Research and evaluation being supported by Barnardo's.",
        "Barnardo's is a national children's charity.",
    ),
    (
        "Establish appreciative enquiry model to conduct local learning reviews.",
        "Appreciative enquiry looks at what works well, not only at what went wrong.",
    ),
)


@dataclass(frozen=True)
class WriterLayout:
    """What differs between the Writer editions."""

    name: str
    number_format: str = "1"  # the numbered items' labels: "1", "a", "i", "A", "I"
    number_suffix: str = "."  # after the label: "1." or "a)"
    footnotes: tuple[tuple[str, str], ...] = ()  # (item text, note text)
    note_class: str = "footnote"  # where Writer prints the notes: "footnote" or "endnote"
    running_name: bool = False  # the site's name a Heading 1, printed by the page header
    # The panels the two rows of a table whose first column holds the panel titles, each
    # beside its list (row headers), not a heading row over two cells.
    row_headers: bool = False

    @property
    def fodt_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.fodt"

    @property
    def pdf_path(self) -> Path:
        return EDITIONS_FOLDER / f"{self.name}.pdf"


WRITER = WriterLayout("writer")
FOOTNOTES_LETTERED = WriterLayout(
    "writer-footnotes-lettered", number_format="a", number_suffix=")", footnotes=FOOTNOTES
)
RUNNING_NAME = WriterLayout("writer-running-name", running_name=True)
ENDNOTES = WriterLayout("writer-endnotes", footnotes=FOOTNOTES, note_class="endnote")
ROW_HEADERS = WriterLayout("writer-row-headers", row_headers=True)
WRITER_LAYOUTS = (WRITER, FOOTNOTES_LETTERED, RUNNING_NAME, ENDNOTES, ROW_HEADERS)
WRITER_FODT = WRITER.fodt_path
WRITER_PDF = WRITER.pdf_path
RUNNING_NAME_FODT = RUNNING_NAME.fodt_path
RUNNING_NAME_PDF = RUNNING_NAME.pdf_path
RUNNING_NAME_SIZE = 8.5  # the running head's type, under the body's 12 pt

# A Word-style bullet: Symbol's bullet at its private-use code point, which Writer draws
# from OpenSymbol; the themes and authorities have OpenSymbol's own square and round bullets.
ITEM_BULLET = "\uf0b7"
THEME_BULLET = "\u25aa"
AUTHORITY_BULLET = "\u2022"

_NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}

_BANNER = "#1f4e5f"
_ACCENT = "#1f4e5f"
_PANEL = "#e6eff2"


def _list_style(name: str, level_style: str) -> str:
    """A one-level list style with a hanging indent: the label, a tab, the text."""
    return f"""<text:list-style style:name="{name}">
 {level_style}
</text:list-style>"""


def _label_alignment(indent_cm: float) -> str:
    return (
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="listtab" '
        f'text:list-tab-stop-position="{indent_cm}cm" fo:text-indent="-{indent_cm}cm" '
        f'fo:margin-left="{indent_cm}cm"/></style:list-level-properties>'
    )


def _bullets(name: str, char: str, font: str) -> str:
    return _list_style(
        name,
        f'<text:list-level-style-bullet text:level="1" text:bullet-char="{char}">'
        f'{_label_alignment(0.5)}<style:text-properties style:font-name="{font}"/>'
        "</text:list-level-style-bullet>",
    )


_STYLES = f"""<office:font-face-decls>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"
  style:font-family-generic="swiss" style:font-pitch="variable"/>
 <style:font-face style:name="OpenSymbol" svg:font-family="OpenSymbol"
  style:font-pitch="variable" style:font-charset="x-symbol"/>
 <style:font-face style:name="Symbol" svg:font-family="Symbol" style:font-family-generic="roman"
  style:font-pitch="variable" style:font-charset="x-symbol"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="12pt"
   fo:language="en" fo:country="GB" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.12cm"
   fo:line-height="130%"/>
 </style:style>
 <style:style style:name="Cover_Publisher" style:family="paragraph"
  style:parent-style-name="Standard" style:master-page-name="First_Page">
  <style:paragraph-properties fo:margin-bottom="5cm"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="{_ACCENT}"/>
 </style:style>
 <style:style style:name="Cover_Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.6cm"/>
  <style:text-properties fo:font-size="32pt" fo:font-weight="bold" fo:color="{_ACCENT}"/>
 </style:style>
 <style:style style:name="Cover_Subtitle" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="5cm"/>
  <style:text-properties fo:font-size="18pt"/>
 </style:style>
 <style:style style:name="Heading_Page" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page" fo:margin-bottom="0.5cm"/>
  <style:text-properties fo:font-size="24pt" fo:font-weight="bold" fo:color="{_ACCENT}"/>
 </style:style>
 <style:style style:name="Heading_Small" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm"
   fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="12.5pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Contents" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties>
   <style:tab-stops><style:tab-stop style:position="9cm" style:type="right"/></style:tab-stops>
  </style:paragraph-properties>
 </style:style>
 <style:style style:name="Back_Cover" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page" fo:margin-top="14cm"
   fo:margin-bottom="0.4cm"/>
  <style:text-properties fo:font-size="16pt" fo:font-weight="bold" fo:color="{_ACCENT}"/>
 </style:style>
 <style:style style:name="Region_Banner" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page" fo:background-color="{_BANNER}"
   fo:padding-left="0.3cm" fo:padding-top="0.2cm" fo:padding-bottom="0.2cm"
   fo:margin-bottom="0.5cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="13pt" fo:font-weight="bold" fo:color="#ffffff"/>
 </style:style>
 <style:style style:name="Site_Name" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.4cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="22pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Site_Authority_Title" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.1cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="15pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Authority" style:family="paragraph" style:parent-style-name="Standard"
  style:list-style-name="Authority_Bullets">
  <style:paragraph-properties fo:keep-with-next="always"/>
 </style:style>
 <style:style style:name="Panel_Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.25cm"/>
  <style:text-properties fo:font-size="11.5pt" fo:font-weight="bold" fo:color="{_ACCENT}"/>
 </style:style>
 <style:style style:name="Theme" style:family="paragraph" style:parent-style-name="Standard"
  style:list-style-name="Theme_Bullets"/>
 <style:style style:name="Approaches_Title" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Section_Heading" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.1cm"
   fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="10.5pt" fo:font-weight="bold" fo:color="{_ACCENT}"/>
 </style:style>
 <style:style style:name="Item" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Footer" style:family="paragraph" style:class="extra">
  <style:paragraph-properties>
   <style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops>
  </style:paragraph-properties>
  <style:text-properties fo:font-size="8pt" fo:color="#595959"/>
 </style:style>
 {_bullets("Item_Bullets", ITEM_BULLET, "Symbol")}
 {_bullets("Theme_Bullets", THEME_BULLET, "OpenSymbol")}
 {_bullets("Authority_Bullets", AUTHORITY_BULLET, "OpenSymbol")}
 {
    _list_style(
        "Item_Numbers",
        '<text:list-level-style-number text:level="1" style:num-suffix="NUMBER_SUFFIX" '
        f'style:num-format="NUMBER_FORMAT">{_label_alignment(0.6)}'
        "</text:list-level-style-number>",
    )
}
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:footer-style>
   <style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.5cm"/>
  </style:footer-style>
 </style:page-layout>
 <style:style style:name="Panels" style:family="table">
  <style:table-properties style:width="16cm" table:align="margins" fo:margin-top="0.2cm"/>
 </style:style>
 <style:style style:name="Panels.A" style:family="table-column">
  <style:table-column-properties style:column-width="5.6cm"/>
 </style:style>
 <style:style style:name="Panels.B" style:family="table-column">
  <style:table-column-properties style:column-width="10.4cm"/>
 </style:style>
 <style:style style:name="Panels.A1" style:family="table-cell">
  <style:table-cell-properties fo:background-color="{_PANEL}" fo:padding-left="0.3cm"
   fo:padding-right="0.3cm" fo:padding-top="0.15cm" fo:padding-bottom="0.15cm"
   fo:border="none"/>
 </style:style>
 <style:style style:name="Panels.B1" style:family="table-cell">
  <style:table-cell-properties fo:padding-left="0.5cm" fo:padding-right="0cm"
   fo:padding-top="0.1cm" fo:padding-bottom="0.1cm" fo:border="none"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="First_Page" style:page-layout-name="A4"
  style:next-style-name="Standard"/>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:footer>
   <text:p text:style-name="Footer">{FOOTER}<text:tab/><text:page-number
    text:select-page="current"/></text:p>
  </style:footer>
 </style:master-page>
</office:master-styles>"""


# The notes' paragraph style and numbering, where an edition has notes: footnotes at the
# foot of their page, or endnotes, which Writer prints on a page of their own after the
# document's last page.
_FOOTNOTE_STYLES = """ <style:style style:name="Footnote" style:family="paragraph"
  style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:margin-left="0.4cm" fo:text-indent="-0.4cm"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 <text:notes-configuration text:note-class="footnote" style:num-format="1"
  text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
"""
_ENDNOTE_CONFIGURATION = """ <text:notes-configuration text:note-class="endnote"
  style:num-format="1" text:start-value="0"/>
"""


# The running-name edition's additions to the styles: a page header holding a chapter field
# (the text of the last Heading 1, the site's name), in its own small italic paragraph style.
_RUNNING_NAME_STYLES = (
    (
        ' <style:style style:name="Footer" style:family="paragraph" style:class="extra">',
        ' <style:style style:name="Header" style:family="paragraph" style:class="extra">\n'
        f'  <style:text-properties fo:font-size="{RUNNING_NAME_SIZE}pt" fo:font-style="italic"'
        ' fo:color="#595959"/>\n </style:style>\n'
        ' <style:style style:name="Footer" style:family="paragraph" style:class="extra">',
    ),
    (
        "  <style:footer-style>",
        "  <style:header-style>\n"
        '   <style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.4cm"/>\n'
        "  </style:header-style>\n  <style:footer-style>",
    ),
    (
        "  <style:footer>",
        '  <style:header>\n   <text:p text:style-name="Header"><text:chapter text:display="name"'
        ' text:outline-level="1"/></text:p>\n  </style:header>\n  <style:footer>',
    ),
)


def _styles(layout: WriterLayout) -> str:
    styles = _STYLES.replace("NUMBER_SUFFIX", layout.number_suffix).replace(
        "NUMBER_FORMAT", layout.number_format
    )
    if layout.footnotes:
        notes = _FOOTNOTE_STYLES + (
            _ENDNOTE_CONFIGURATION if layout.note_class == "endnote" else ""
        )
        styles = styles.replace("</office:styles>", f"{notes}</office:styles>")
    if layout.running_name:
        for anchor, replacement in _RUNNING_NAME_STYLES:
            if styles.count(anchor) != 1:
                raise ValueError(f"the styles hold {anchor.strip()!r} other than once")
            styles = styles.replace(anchor, replacement)
    return styles


def _p(style: str, text: str, note: str = "") -> str:
    return f'<text:p text:style-name="{style}">{escape(quoted(text, "smart"))}{note}</text:p>'


def _list(
    style: str,
    paragraph_style: str,
    texts: list[str],
    notes: dict[str, str] | None = None,
    note_class: str = "footnote",
) -> str:
    """A list of these texts; a text in `notes` carries a note of `note_class` (numbered
    by Writer)."""
    items = "".join(
        f"<text:list-item>{_p(paragraph_style, text, _note((notes or {}).get(text), note_class))}"
        "</text:list-item>"
        for text in texts
    )
    return f'<text:list text:style-name="{style}">{items}</text:list>'


def _note(note: str | None, note_class: str) -> str:
    if note is None:
        return ""
    return (
        f'<text:note text:note-class="{note_class}"><text:note-citation>0</text:note-citation>'
        f"<text:note-body>{_p('Footnote', note)}</text:note-body></text:note>"
    )


def _row(panel: str, approaches: str) -> str:
    """A table row: the shaded panel cell, then the approaches cell."""
    return (
        "<table:table-row>"
        f'<table:table-cell table:style-name="Panels.A1" office:value-type="string">{panel}'
        "</table:table-cell>"
        f'<table:table-cell table:style-name="Panels.B1" office:value-type="string">'
        f"{approaches}</table:table-cell></table:table-row>"
    )


def _site(site: dict, bookmark: str | None, layout: WriterLayout) -> str:
    """Banner, title (and authorities where the name does not spell them), then a table:
    its heading row (as Writer makes a table: repeated at the top of each page the table
    runs on to) titles the two panels, and one row holds the themes in the shaded cell and
    the approaches in the other. With `row_headers`, each panel is a row of its own, its
    title in the shaded cell beside its list."""
    region = escape(quoted(site["region"], "smart"))
    mark = f'<text:bookmark text:name="{bookmark}"/>' if bookmark else ""
    parts = [f'<text:p text:style-name="Region_Banner">{mark}{region}</text:p>']
    name, authorities = site["name"], site["local_authorities"]
    if name is None:
        parts += [_p("Site_Authority_Title", authority) for authority in authorities]
    else:
        parts.append(
            f'<text:h text:style-name="Site_Name" text:outline-level="1">'
            f"{escape(quoted(name, 'smart'))}</text:h>"
            if layout.running_name
            else _p("Site_Name", name)
        )
        if authorities != [part.strip() for part in name.split(",")]:
            parts.append(_list("Authority_Bullets", "Authority", authorities))
    panel = _list("Theme_Bullets", "Theme", site["themes"])
    approaches = []
    for section in site["sections"]:
        approaches.append(_p("Section_Heading", section["heading"]))
        numbered = [item["list_style"] == "numbered" for item in section["items"]]
        if len(set(numbered)) != 1:
            raise ValueError(f"section {section['heading']!r} mixes bullets and numbers")
        style = "Item_Numbers" if numbered[0] else "Item_Bullets"
        texts = [item["text"] for item in section["items"]]
        approaches.append(_list(style, "Item", texts, dict(layout.footnotes), layout.note_class))
    columns = (
        '<table:table table:name="Panels" table:style-name="Panels">'
        '<table:table-column table:style-name="Panels.A"/>'
        '<table:table-column table:style-name="Panels.B"/>'
    )
    if layout.row_headers:
        parts.append(
            columns
            + _row(_p("Panel_Title", PANEL_TITLE), panel)
            + _row(_p("Panel_Title", APPROACHES_TITLE), "".join(approaches))
            + "</table:table>"
        )
        return "\n".join(parts)
    parts.append(
        columns
        + "<table:table-header-rows>"
        + _row(_p("Panel_Title", PANEL_TITLE), _p("Approaches_Title", APPROACHES_TITLE))
        + "</table:table-header-rows>"
        + _row(panel, "".join(approaches))
        + "</table:table>"
    )
    return "\n".join(parts)


def writer_document(model: dict, layout: WriterLayout = WRITER) -> str:
    """The flat ODF text document (.fodt) of the model in this layout: cover, introduction
    with contents, one page (or more) per site, back cover; with `running_name`, each site's
    name a Heading 1 that the page header's chapter field prints."""
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
    bookmarks: dict[str, str] = {}
    for site in model["sites"]:
        bookmarks.setdefault(site["region"], f"region{len(bookmarks) + 1}")
    for region, bookmark in bookmarks.items():
        body.append(
            f'<text:p text:style-name="Contents">{escape(quoted(region, "smart"))}<text:tab/>'
            f'<text:bookmark-ref text:reference-format="page" text:ref-name="{bookmark}">0'
            "</text:bookmark-ref></text:p>"
        )
    placed: set[str] = set()
    for site in model["sites"]:
        first_of_region = site["region"] not in placed
        placed.add(site["region"])
        body.append(_site(site, bookmarks[site["region"]] if first_of_region else None, layout))
    body.append(_p("Back_Cover", model["publisher"]))
    body += [_p("Standard", line) for line in BACK_COVER]
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    title = escape(quoted(model["title"], "smart"))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {namespaces} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f"<office:meta><dc:title>{title}</dc:title></office:meta>\n"
        f"{_styles(layout)}\n<office:body><office:text>\n" + "\n".join(body) + "\n"
        "</office:text></office:body></office:document>\n"
    )


def _soffice() -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise FileNotFoundError("soffice (LibreOffice) is not installed")
    return soffice


def libreoffice_version() -> str:
    """The installed LibreOffice's name and version, as "LibreOffice 7.4.7.2"."""
    printed = subprocess.run(
        [_soffice(), "--version"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return " ".join(printed.split()[:2])


def convert_to_pdf(fodt: Path, folder: Path) -> Path:
    """The .fodt exported to PDF by LibreOffice (headless, in a profile of its own)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                _soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf:writer_pdf_Export",
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
    """Write each Writer edition's .fodt (or those named) from the golden model under
    tests/data/editions/ and export it to PDF."""
    model = json.loads(GOLDEN_MODEL.read_text(encoding="utf-8"))
    known = {layout.name: layout for layout in WRITER_LAYOUTS}
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"unknown Writer edition {unknown[0]!r}; known: {', '.join(known)}")
        return 2
    EDITIONS_FOLDER.mkdir(parents=True, exist_ok=True)
    for layout in [known[name] for name in names] or WRITER_LAYOUTS:
        layout.fodt_path.write_text(writer_document(model, layout), encoding="utf-8")
        with tempfile.TemporaryDirectory() as folder:
            shutil.copyfile(convert_to_pdf(layout.fodt_path, Path(folder)), layout.pdf_path)
        print(f"wrote {layout.fodt_path.relative_to(ROOT)} and {layout.pdf_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
