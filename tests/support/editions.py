"""Typeset the golden document model as PDF editions that the parser has never seen.

The source PDF is only one typesetting of the publication, and the pipeline must read the
publication, not that typesetting. These editions set the same text with other page sizes,
fonts, column plans, bullets, quotes, line breaks and page-overflow rules, so that a test can
check that the parser recovers the same model from each of them. The model comes in as a dict
(tests/golden/document_model.json), so nothing outside the repository is read.

"column-flow" imitates a browser typesetter (WeasyPrint with CSS `columns: 2`): each site's
body flows through two newspaper columns and on over pages with no title, items are justified
with words hyphenated at the column edge, lists have no hanging indent, and section headings
differ from items only in colour.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import reportlab
from reportlab.lib.pagesizes import A4, A5, B5, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

LAYOUTS: tuple[str, ...] = ("one-column", "letter-times", "a5-shapes", "column-flow")
# Layouts of issue 11 ("read the publication as one flow, from any producer that prints
# it"): sites sharing a page, a site's banner and title
# stranded at a page foot, authorities in two dash-marked columns a word space apart.
# "print-indesign" imitates a print PDF as InDesign exports it with marks and bleed: a sheet
# (MediaBox) larger than the page (CropBox, BleedBox, TrimBox), crop marks, a colour bar and
# a slug line outside the trim, every word its own text-showing operation with no space
# characters, fi and fl ligature glyphs, dingbat bullets, justified items, running header
# and footer.
FLOW_LAYOUTS: tuple[str, ...] = ("compact", "continuous", "a5-dash-columns", "print-indesign")

FOOTER = "Safeguarding Early Adopters"
RUNNING_HEADER = "Overview of multi-agency safeguarding learning themes"  # print-indesign
# The print sheet around the trimmed page: bleed, the slug area the CropBox keeps (marks,
# colour bar, slug line), and the MediaBox's margin beyond that, all from the trim edge.
BLEED = 3 * mm
CROP_MARGIN = 12 * mm
SHEET_MARGIN = 15 * mm
SLUG = "SEA_overview_v3.indd  {page}  12/03/2019  14:22"  # InDesign's file name, page, date
LIGATURES = {"fi": "\ufb01", "fl": "\ufb02"}
PANEL_TITLE = "Multi-agency learning theme(s)"
APPROACHES_TITLE = "Overview of approaches"

# Invented front matter: the parser must skip it, so its wording does not matter.
INTRODUCTION = (
    (
        "About this overview",
        "This overview gathers, site by site, the learning themes that the Early Adopter "
        "partnerships chose to work on and the approaches they set out to test. Every site has "
        "its own page, which names its region and the local authorities taking part.",
    ),
    (
        "How to read the site pages",
        "The themes are the broad questions a site chose to explore; the approaches describe the "
        "practical steps planned under each of them. Sites follow the regional order of the "
        "contents list below.",
    ),
)
DEPARTMENTS = ("Department for Education", "Department of Health & Social Care", "Home Office")
BACK_COVER = (
    "Email us: info@ncb.org.uk",
    "LONDON: WeWork London Fields, 115 Mare Street, E8 4RU",
    "BELFAST: The NICVA Building, 61 Duncairn Gardens, BT15 2GB",
    "National Children's Bureau is a charity registered in England & Wales number 258825 and "
    "company limited by guarantee number 952717.",
)

# The hyphen a typesetter adds where it breaks a word at a line end. The standard 14 fonts
# are WinAnsi-encoded, which has no U+2010; WinAnsi's code 0xAD (Python's "\u00ad") prints the
# font's hyphen glyph, and the fonts of the editions that hyphenate carry a ToUnicode map that
# names that code U+2010, as the fonts a browser typesetter embeds do: the reader gets "\u2010".
ADDED_HYPHEN = "\u00ad"
HYPHEN_READ_BACK = "\u2010"


def _to_unicode_cmap() -> bytes:
    """A ToUnicode CMap for a WinAnsi font: every code as WinAnsi reads, 0xAD as U+2010."""
    winansi = codecs.lookup("winansi")  # reportlab's codec for the standard fonts
    pairs = [
        f"<{code:02X}> <{ord(winansi.decode(bytes([code]))[0]):04X}>"
        if code != ord(ADDED_HYPHEN)
        else f"<{code:02X}> <{ord(HYPHEN_READ_BACK):04X}>"
        for code in range(32, 256)
    ]
    chunks = [pairs[i : i + 100] for i in range(0, len(pairs), 100)]  # 100 at most a block
    body = "".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n" for chunk in chunks
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


class _MappedFont(pdfmetrics.Font):
    """A standard font (not embedded, WinAnsi) whose font dictionary carries a ToUnicode map."""

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        super().addObjects(doc)
        internal_name = doc.fontMapping[self.fontName][1:]
        pdf_font = doc.idToObject["BasicFonts"].dict[internal_name]
        stream = pdfdoc.PDFStream(content=_to_unicode_cmap())
        pdf_font.ToUnicode = doc.Reference(stream, f"ToUnicode:{self.fontName}")


def _vera(face: str) -> str:
    """Bitstream Vera, which reportlab ships (so the same file on every machine), embedded as
    a TrueType subset: a text face that has the fi and fl ligature glyphs (U+FB01, U+FB02)."""
    if face not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            TTFont(face, Path(reportlab.__file__).parent / "fonts" / f"{face}.ttf")
        )
    return face


def _mapped(face: str) -> str:
    """The name of the standard font `face` with a ToUnicode map, registered once."""
    name = f"{face}+ToUnicode"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_MappedFont(name, face, "WinAnsiEncoding"))
    return name


Colour = tuple[float, float, float]
_BLACK: Colour = (0.1, 0.1, 0.1)
_WHITE: Colour = (1.0, 1.0, 1.0)
_GREY: Colour = (0.35, 0.35, 0.35)


@dataclass(frozen=True)
class _Style:
    """Everything that differs between layouts; the page plan itself is shared."""

    page_size: tuple[float, float]
    regular: str
    bold: str
    heading_font: str  # section headings under "Overview of approaches"
    size: float  # body text
    line_spacing: float  # leading as a multiple of the body size
    heading_size: float
    title_size: float
    margin: float
    plan: Literal["stacked", "panel-left", "panel-right", "column-flow"]
    panel_width: float  # side panel width in the two-column plans
    bullet: str | None  # None: bullets are drawn as vector shapes, not printed as text
    indent: float  # hanging indent of list items; 0: the marker is set inline, no indent
    break_after: str  # characters after which a word may be broken at a line end
    quotes: Literal["straight", "smart", "right"]
    overflow: Literal["continued", "run-on"]
    authority_columns: int
    banner: Colour
    accent: Colour
    panel: Colour
    # column-flow: the body in two columns of the content width, `column_gap` apart
    column_gap: float = 0
    justify: bool = False  # items spread to the column width, but for their last line
    hyphenate: bool = False  # words of 8+ letters broken with ADDED_HYPHEN at a line end
    list_named_authorities: bool = False  # list them even where the site's name spells them
    # How sites meet pages: each from a fresh page ("site-pages"); kept whole, as many as fit
    # one below the other ("sites-share-pages"); or one flow with no page break before a site,
    # so that a banner and title may stand at a page foot ("continuous").
    flow: Literal["site-pages", "sites-share-pages", "continuous"] = "site-pages"
    # None: the authority columns split the content width; a number: the second column starts
    # that many word spaces after the widest entry of the first (a tab set to the content).
    authority_gutter: float | None = None
    bullet_font: str | None = None  # the font of `bullet` (a dingbat font); None: `regular`
    square_bullet: str | None = None  # the bullet of themes and authorities, if another
    # A print sheet: bleed, marks and slug around the page, each word placed on its own,
    # fi and fl set as ligatures, a running header (write_edition, _write_print_sheets).
    print_sheet: bool = False

    @property
    def leading(self) -> float:
        return self.size * self.line_spacing


STYLES: dict[str, _Style] = {
    "one-column": _Style(
        page_size=A4,
        regular="Helvetica",
        bold="Helvetica-Bold",
        heading_font="Helvetica-Bold",
        size=12.5,  # a clear-print edition
        line_spacing=1.35,
        heading_size=14,
        title_size=26,
        margin=56,
        plan="stacked",
        panel_width=0,
        bullet="•",
        indent=16,
        break_after="",
        quotes="straight",
        overflow="continued",
        authority_columns=1,
        banner=(0.12, 0.23, 0.42),
        accent=(0.12, 0.23, 0.42),
        panel=(0.92, 0.94, 0.97),
    ),
    "letter-times": _Style(
        page_size=LETTER,
        regular="Times-Roman",
        bold="Times-Bold",
        heading_font="Times-Italic",
        size=12,
        line_spacing=1.25,
        heading_size=12,
        title_size=24,
        margin=72,
        plan="panel-right",
        panel_width=170,
        bullet="–",
        indent=14,
        break_after="-/",
        quotes="smart",
        overflow="continued",
        authority_columns=2,
        banner=(0.45, 0.1, 0.15),
        accent=(0.45, 0.1, 0.15),
        panel=(0.96, 0.93, 0.88),
    ),
    "a5-shapes": _Style(
        page_size=A5,
        regular="Helvetica",
        bold="Helvetica-Bold",
        heading_font="Helvetica-Bold",
        size=9.5,
        line_spacing=1.4,
        heading_size=10,
        title_size=15,
        margin=40,
        plan="panel-left",
        panel_width=120,
        bullet=None,
        indent=12,
        break_after="-",
        quotes="right",
        overflow="run-on",
        authority_columns=1,
        banner=(0.0, 0.52, 0.49),
        accent=(0.0, 0.42, 0.4),
        panel=(0.93, 0.95, 0.97),
    ),
    "column-flow": _Style(
        page_size=B5,
        regular=_mapped("Courier"),
        bold=_mapped("Courier-Bold"),
        heading_font=_mapped("Courier"),  # as the items: only the colour tells a heading
        size=10.5,
        line_spacing=1.4,
        heading_size=10.5,
        title_size=18,
        margin=56,
        plan="column-flow",
        panel_width=0,
        bullet="•",
        indent=0,
        break_after="-",
        quotes="smart",
        overflow="run-on",
        authority_columns=2,
        banner=(0.2, 0.2, 0.22),
        accent=(0.55, 0.08, 0.08),  # dark red: the headings
        panel=(1.0, 1.0, 1.0),
        column_gap=15,
        justify=True,
        hyphenate=True,
        list_named_authorities=True,
    ),
    # Issue 11's layouts (FLOW_LAYOUTS).
    "compact": _Style(
        page_size=A4,
        regular="Helvetica",
        bold="Helvetica-Bold",
        heading_font="Helvetica-Bold",
        size=8.5,
        line_spacing=1.3,
        heading_size=9,
        title_size=14,
        margin=40,
        plan="panel-left",
        panel_width=150,
        bullet="•",
        indent=10,
        break_after="-",
        quotes="smart",
        overflow="run-on",
        authority_columns=3,
        banner=(0.36, 0.18, 0.47),
        accent=(0.36, 0.18, 0.47),
        panel=(0.95, 0.93, 0.97),
        flow="sites-share-pages",
    ),
    "continuous": _Style(
        page_size=A4,
        regular="Times-Roman",
        bold="Times-Bold",
        heading_font="Times-Bold",
        size=11,
        line_spacing=1.3,
        heading_size=11.5,
        title_size=20,
        margin=60,
        plan="stacked",
        panel_width=0,
        bullet="•",
        indent=14,
        break_after="-/",
        quotes="straight",
        overflow="run-on",
        authority_columns=1,
        banner=(0.1, 0.35, 0.2),
        accent=(0.1, 0.35, 0.2),
        panel=(0.93, 0.96, 0.93),
        flow="continuous",
    ),
    "a5-dash-columns": _Style(
        page_size=A5,
        regular="Helvetica",
        bold="Helvetica-Bold",
        heading_font="Helvetica-Bold",
        size=9,
        line_spacing=1.35,
        heading_size=9.5,
        title_size=15,
        margin=36,
        plan="stacked",
        panel_width=0,
        bullet="–",
        indent=10,
        break_after="-",
        quotes="right",
        overflow="continued",
        authority_columns=2,
        banner=(0.55, 0.27, 0.07),
        accent=(0.55, 0.27, 0.07),
        panel=(0.98, 0.95, 0.9),
        list_named_authorities=True,
        authority_gutter=1.0,
    ),
    "print-indesign": _Style(
        page_size=A4,
        regular=_vera("Vera"),
        bold=_vera("VeraBd"),
        heading_font=_vera("VeraBI"),
        size=9.5,
        line_spacing=1.35,
        heading_size=9.5,
        title_size=20,
        margin=54,
        plan="panel-left",
        panel_width=150,
        bullet="l",  # ZapfDingbats: a black circle
        indent=12,
        break_after="-",
        quotes="smart",
        overflow="continued",
        authority_columns=1,
        banner=(0.0, 0.36, 0.56),
        accent=(0.0, 0.36, 0.56),
        panel=(0.9, 0.95, 0.98),
        justify=True,
        bullet_font="ZapfDingbats",
        square_bullet="n",  # ZapfDingbats: a black square
        print_sheet=True,
    ),
}


@dataclass(frozen=True)
class _Text:
    """A string set on one baseline; y is the baseline's distance from the top of the page."""

    x: float
    y: float
    font: str
    size: float
    colour: Colour
    text: str

    def __post_init__(self) -> None:
        # The standard 14 text fonts are WinAnsi-encoded: anything outside cp1252 would print
        # as a blank or a box and silently change the text the parser sees.
        try:
            self.text.encode("cp1252")
        except UnicodeEncodeError as error:
            raise ValueError(f"{self.text!r} has characters outside WinAnsi") from error

    def draw(self, canvas: Canvas, height: float) -> None:
        canvas.setFillColorRGB(*self.colour)
        canvas.setFont(self.font, self.size)
        canvas.drawString(self.x, height - self.y, self.text)


@dataclass(frozen=True)
class _Rect:
    """A filled rectangle; y is the distance of its top edge from the top of the page."""

    x: float
    y: float
    w: float
    h: float
    colour: Colour

    def draw(self, canvas: Canvas, height: float) -> None:
        canvas.setFillColorRGB(*self.colour)
        canvas.rect(self.x, height - self.y - self.h, self.w, self.h, stroke=0, fill=1)


@dataclass(frozen=True)
class _Dot:
    """A vector bullet centred on (x, y): a circle, or a square when square is set."""

    x: float
    y: float
    r: float
    colour: Colour
    square: bool

    def draw(self, canvas: Canvas, height: float) -> None:
        canvas.setFillColorRGB(*self.colour)
        if self.square:
            side = 2 * self.r
            canvas.rect(self.x - self.r, height - self.y - self.r, side, side, stroke=0, fill=1)
        else:
            canvas.circle(self.x, height - self.y, self.r, stroke=0, fill=1)


_Op = _Text | _Rect | _Dot


def _moved(ops: list[_Op], dx: float, dy: float) -> list[_Op]:
    return [replace(op, x=op.x + dx, y=op.y + dy) for op in ops]


@dataclass(frozen=True)
class _Box:
    """A slice of a column's flow: ops relative to its top-left corner, and its height.

    keep_with_next chains boxes that must land on the same page (a heading and what follows
    it, or every line of an item when items are not split); a spacer is dropped at a page top.
    """

    height: float
    ops: list[_Op]
    keep_with_next: bool = False
    spacer: bool = False


def quoted(text: str, quotes: str) -> str:
    """Print the transcript's straight apostrophes the way this edition's typesetter would."""
    if quotes == "straight":
        return text
    if quotes == "right":
        return text.replace("'", "’")
    # An apostrophe that opens a word is a left quote; any other is a right quote.
    return re.sub(r"(?<![\w.,;:!?)\]])'", "‘", text).replace("'", "’")


def _pieces(text: str, break_after: str) -> list[tuple[str, bool]]:
    """Split text into unbreakable pieces, each flagged with whether a space follows it."""
    words: list[str] = []
    for word in text.split(" "):
        # Typesetters never start a line with a spaced dash: glue it to the word before.
        if word in ("–", "-") and words:
            words[-1] += " " + word
        else:
            words.append(word)
    if not break_after:
        return [(word, True) for word in words]
    split_point = re.compile(rf"(?<=\w[{re.escape(break_after)}])(?=\w)")
    pieces: list[tuple[str, bool]] = []
    for word in words:
        parts = split_point.split(word)
        pieces += [(part, False) for part in parts[:-1]] + [(parts[-1], True)]
    return pieces


def _wrap(text: str, font: str, size: float, width: float, break_after: str) -> list[str]:
    """Greedy line filling, breaking at spaces and after any of the break_after characters."""
    lines: list[str] = []
    line, space = "", False
    for piece, space_after in _pieces(text, break_after):
        candidate = f"{line}{' ' if space else ''}{piece}" if line else piece
        if line and stringWidth(candidate, font, size) > width:
            lines.append(line)
            candidate = piece
        line, space = candidate, space_after
    lines.append(line)
    return lines


_LONG_WORD = re.compile(r"[A-Za-z][a-z]{7,}")  # 8+ letters, not an acronym
_VOWELS = frozenset("aeiouy")
# consonant pairs that open a syllable together ("pro-gramme"), and pairs never parted
_ONSETS = frozenset(re.findall(r"\w\w", "bl br ch cl cr dr fl fr gl gr ph pl pr sc sh sk sl sm"))
_ONSETS |= frozenset(re.findall(r"\w\w", "sn sp st sw th tr tw wh wr"))
_UNBROKEN = _ONSETS | {"ck", "gh", "ng"}


def _hyphenation_points(word: str) -> list[int]:
    """Where a long word may break, by a rough syllable rule instead of a dictionary: between
    two consonants that do not open a syllable together (VC-CV), or after a vowel that such a
    pair or one consonant and a vowel follow (V-CCV, V-CV), with three letters before the
    break and four after at least. A word with a hyphen of its own breaks only there."""
    if "-" in word:
        return []
    points = []
    for run in _LONG_WORD.finditer(word):
        letters = run.group().lower()
        for i in range(3, len(letters) - 3):
            before, after, then = letters[i - 1], letters[i], letters[i + 1]
            if after in _VOWELS:
                continue
            if before in _VOWELS:
                opens = then in _VOWELS or (after + then in _ONSETS and letters[i + 2] in _VOWELS)
            else:
                opens = before + after not in _UNBROKEN and (
                    then in _VOWELS or after + then in _ONSETS
                )
            if opens:
                points.append(run.start() + i)
    return points


class Typesetter:
    """Lays out one edition as a list of pages, each a list of drawing operations."""

    def __init__(self, model: dict, style: _Style) -> None:
        self.model = model
        self.style = style
        self.width, self.height = style.page_size
        self.content_width = self.width - 2 * style.margin
        self.bottom = self.height - style.margin - 2 * style.size  # room for the footer

    def q(self, text: str) -> str:
        return quoted(text, self.style.quotes)

    def pages(self) -> list[list[_Op]]:
        if self.style.flow == "site-pages":
            site_pages: list[list[_Op]] = []
            first_pages: list[int] = []
            for site in self.model["sites"]:
                first_pages.append(len(site_pages))
                site_pages += self.pages_of_site(site)
        else:
            site_pages, first_pages = self._flowing_pages()
        contents: dict[str, int] = {}
        for site, first in zip(self.model["sites"], first_pages, strict=True):
            contents.setdefault(site["region"], first + 3)  # after the cover and introduction
        return [self._cover(), self._introduction(contents), *site_pages, self._back_cover()]

    # Lines and lists -------------------------------------------------------------------

    def _lines(
        self, text: str, font: str, size: float, width: float, colour: Colour, keep: bool
    ) -> list[_Box]:
        leading = size * 1.3
        return [
            _Box(leading, [_Text(0, size, font, size, colour, line)], keep_with_next=keep)
            for line in _wrap(self.q(text), font, size, width, self.style.break_after)
        ]

    def _marker(self, label: str | None, size: float, square: bool) -> list[_Op]:
        """The bullet or number printed before an item's first line (baseline at size)."""
        st = self.style
        if label is not None:
            return [_Text(0, size, st.regular, size, _BLACK, label)]
        if st.bullet is not None:
            bullet = st.square_bullet if square and st.square_bullet else st.bullet
            return [_Text(1, size, st.bullet_font or st.regular, size, st.accent, bullet)]
        return [_Dot(st.indent / 2 - 1, size * 0.68, size * 0.16, st.accent, square)]

    def _item(
        self, text: str, label: str | None, width: float, keep_whole: bool, square: bool = False
    ) -> list[_Box]:
        """A list item with a hanging indent: marker at the left, text lines indented; with no
        indent, the marker opens the first line and wrapped lines start under it."""
        st = self.style
        if not st.indent:
            marker = label if label is not None else st.bullet
            if marker is None:
                raise ValueError("a list with no hanging indent needs a printed marker")
            return self._paragraph(
                self.q(text),
                st.regular,
                st.size,
                _BLACK,
                width,
                marker=marker,
                keep_whole=keep_whole,
                keep_last=False,
            )
        if st.justify:  # word by word, each line but the last spread to the width
            placed = self._set(self.q(text), st.regular, st.size, width - st.indent, 0)
            lines = [
                [_Text(st.indent + x, st.size, st.regular, st.size, _BLACK, w) for x, w in row]
                for row in placed
            ]
        else:
            lines = [
                [_Text(st.indent, st.size, st.regular, st.size, _BLACK, line)]
                for line in _wrap(
                    self.q(text), st.regular, st.size, width - st.indent, st.break_after
                )
            ]
        boxes = []
        for n, line in enumerate(lines):
            ops: list[_Op] = self._marker(label, st.size, square) if n == 0 else []
            ops += line
            last = n == len(lines) - 1
            height = st.leading + (st.size * 0.35 if last else 0)
            # Split items keep at least two lines on each page (no orphans, no widows).
            keep = not last and (keep_whole or n == 0 or n == len(lines) - 2)
            boxes.append(_Box(height, ops, keep_with_next=keep))
        return boxes

    def _paragraph(
        self,
        text: str,
        font: str,
        size: float,
        colour: Colour,
        width: float,
        *,
        marker: str | None,
        keep_whole: bool,
        keep_last: bool,
    ) -> list[_Box]:
        """Text set line by line, justified as the style says, the marker (if any) opening the
        first line at the left edge where every other line starts too."""
        st = self.style
        lead = stringWidth(f"{marker} ", font, size) if marker is not None else 0.0
        lines = self._set(text, font, size, width, lead)
        boxes = []
        for n, placed in enumerate(lines):
            ops: list[_Op] = []
            if n == 0 and marker is not None:
                ops.append(_Text(0, size, font, size, _BLACK, marker))
            ops += [_Text(x, size, font, size, colour, word) for x, word in placed]
            last = n == len(lines) - 1
            height = size * st.line_spacing + (size * 0.35 if last else 0)
            # Split paragraphs keep at least two lines on each side (CSS orphans and widows).
            keep = keep_last if last else keep_whole or n == 0 or n == len(lines) - 2
            boxes.append(_Box(height, ops, keep_with_next=keep))
        return boxes

    def _set(
        self, text: str, font: str, size: float, width: float, lead: float
    ) -> list[list[tuple[float, str]]]:
        """Words placed on lines of `width` (the first starting at `lead`): filled greedily,
        a word that does not fit broken after its own hyphen or hyphenated, every line but
        the last spread to the full width when the style justifies."""
        st = self.style
        space = stringWidth(" ", font, size)

        def measure(word: str) -> float:
            return stringWidth(word, font, size)

        lines: list[list[str]] = []
        line: list[str] = []
        words = [word for word, _ in _pieces(text, "")]
        while words:
            word = words.pop(0)
            room = width - (lead if not lines else 0) - sum(map(measure, line)) - space * len(line)
            if measure(word) <= room:
                line.append(word)
                continue
            head, tail = self._break(word, font, size, room)
            if head:
                line.append(head)
                words.insert(0, tail)
            elif line:
                words.insert(0, word)
            else:
                raise ValueError(f"{word!r} is wider than a line of {width:.0f}pt")
            lines.append(line)
            line = []
        lines.append(line)
        placed = []
        for n, words_of_line in enumerate(lines):
            x = lead if n == 0 else 0.0
            gap = space
            natural = sum(map(measure, words_of_line)) + space * (len(words_of_line) - 1)
            if st.justify and n < len(lines) - 1 and len(words_of_line) > 1:
                gap += (width - x - natural) / (len(words_of_line) - 1)
            row = []
            for word in words_of_line:
                row.append((x, word))
                x += measure(word) + gap
            placed.append(row)
        return placed

    def _break(self, word: str, font: str, size: float, room: float) -> tuple[str, str]:
        """The longest head of `word` that fits `room` at a line end, and the rest: after a
        hyphen of the word's own, or (hyphenating) at a syllable with ADDED_HYPHEN printed.
        ("", word) where the word cannot break there."""
        st = self.style
        heads = [(i, word[:i]) for i in range(1, len(word)) if word[i - 1] in st.break_after]
        if st.hyphenate:
            heads += [(i, word[:i] + ADDED_HYPHEN) for i in _hyphenation_points(word)]
        fitting = [(i, head) for i, head in heads if stringWidth(head, font, size) <= room]
        if not fitting:
            return "", word
        i, head = max(fitting)
        return head, word[i:]

    @staticmethod
    def _stack(boxes: list[_Box]) -> tuple[list[_Op], float]:
        ops: list[_Op] = []
        y = 0.0
        for box in boxes:
            ops += _moved(box.ops, 0, y)
            y += box.height
        return ops, y

    # Site pages ------------------------------------------------------------------------

    def _header(self, site: dict, continued: bool) -> tuple[list[_Op], float]:
        """Region banner and title block; returns its ops and where the body starts."""
        st = self.style
        block, height = self._stack(self._header_boxes(site, continued))
        return _moved(block, st.margin, st.margin), st.margin + height

    def _header_boxes(self, site: dict, continued: bool) -> list[_Box]:
        """The region banner (kept with the title), the title and any authority list, and the
        space under them, from the left edge of the content."""
        st = self.style
        size = st.title_size * 0.6
        band = size * 2.3
        baseline = band / 2 + size * 0.35
        region = self.q(site["region"])
        banner = _Box(
            band + st.title_size * 0.8,
            [
                _Rect(0, 0, self.content_width, band, st.banner),
                _Text(size, baseline, st.bold, size, _WHITE, region),
            ],
            keep_with_next=True,
        )
        boxes: list[_Box] = [banner]
        name = site["name"]
        authorities: list[str] = site["local_authorities"]
        if continued:
            label = name if name is not None else ", ".join(authorities)
            boxes += self._lines(
                f"{label} - continued", st.bold, st.title_size, self.content_width, _BLACK, False
            )
        elif name is None:
            for authority in authorities:
                boxes += self._lines(
                    authority, st.bold, st.title_size * 0.7, self.content_width, _BLACK, False
                )
        else:
            boxes += self._lines(name, st.bold, st.title_size, self.content_width, _BLACK, False)
            spelt_out = authorities == [part.strip() for part in name.split(",")]
            if not spelt_out or (st.list_named_authorities and len(authorities) > 1):
                boxes.append(_Box(st.size * 0.6, []))
                boxes += self._authority_list(authorities)
        boxes.append(_Box(st.title_size * 0.8, []))
        return boxes

    def _authority_list(self, authorities: list[str]) -> list[_Box]:
        """A bulleted list of authorities under the title, filled column by column."""
        st = self.style
        columns = st.authority_columns
        rows = -(-len(authorities) // columns)
        pitch = (self.content_width + st.column_gap) / columns  # the body's columns, if any
        column_width = pitch - st.column_gap
        starts = [column * pitch for column in range(columns)]
        if st.authority_gutter is not None:
            # Each column starts `authority_gutter` word spaces after the end of the widest
            # entry before it: from that entry's last letter to the next column's marker
            # (printed 1pt into its cell, as _marker sets it).
            gutter = st.authority_gutter * stringWidth(" ", st.regular, st.size)
            for column in range(1, columns):
                widest = max(
                    stringWidth(self.q(name), st.regular, st.size)
                    for name in authorities[(column - 1) * rows : column * rows]
                )
                starts[column] = starts[column - 1] + st.indent + widest + gutter - 1
        boxes = []
        for row in range(rows):
            ops: list[_Op] = []
            height = 0.0
            for column in range(columns):
                index = column * rows + row
                if index < len(authorities):
                    item = self._item(authorities[index], None, column_width, False, square=True)
                    cell, cell_height = self._stack(item)
                    ops += _moved(cell, starts[column], 0)
                    height = max(height, cell_height)
            boxes.append(_Box(height, ops))
        return boxes

    def _panel(self, themes: list[str], width: float) -> _Box:
        """The shaded "learning theme(s)" panel, kept whole."""
        st = self.style
        pad = st.size
        boxes = self._lines(PANEL_TITLE, st.bold, st.size * 1.15, width - 2 * pad, st.accent, False)
        boxes.append(_Box(st.size * 0.5, []))
        for theme in themes:
            boxes += self._item(theme, None, width - 2 * pad, True, square=True)
        ops, height = self._stack(boxes)
        height += 2 * pad
        return _Box(height, [_Rect(0, 0, width, height, st.panel), *_moved(ops, pad, pad)])

    def _approaches(self, site: dict, width: float) -> list[_Box]:
        st = self.style
        keep_items = st.overflow == "continued"
        boxes = self._lines(APPROACHES_TITLE, st.bold, st.size * 1.4, width, _BLACK, True)
        for section in site["sections"]:
            boxes.append(_Box(st.size * 0.5, [], keep_with_next=True, spacer=True))
            heading = section["heading"]
            if st.justify:  # set as the items are, so only the colour tells it apart
                boxes += self._paragraph(
                    self.q(heading),
                    st.heading_font,
                    st.heading_size,
                    st.accent,
                    width,
                    marker=None,
                    keep_whole=True,
                    keep_last=True,
                )
            else:
                boxes += self._lines(
                    heading, st.heading_font, st.heading_size, width, st.accent, True
                )
            for number, item in enumerate(section["items"], 1):
                label = f"{number}." if item["list_style"] == "numbered" else None
                boxes += self._item(item["text"], label, width, keep_items)
        return boxes

    def pages_of_site(self, site: dict) -> list[list[_Op]]:
        """One site from a fresh page, running onto further pages as the layout prescribes."""
        st = self.style
        page, top = self._header(site, continued=False)
        pages = [page]
        if st.plan == "column-flow":
            # Panel title, themes and approaches in one stream through two columns.
            column_width = (self.content_width - st.column_gap) / 2
            columns = [st.margin, st.margin + column_width + st.column_gap]
            flow = self._lines(PANEL_TITLE, st.bold, st.size * 1.4, column_width, _BLACK, True)
            for theme in site["themes"]:
                flow += self._item(theme, None, column_width, False)
            flow.append(_Box(st.size * 1.5, [], spacer=True))
        elif st.plan == "stacked":
            columns, column_width = [st.margin], self.content_width
            flow = [self._panel(site["themes"], column_width), _Box(st.size * 1.5, [], spacer=True)]
        else:
            gutter = st.size * 1.8
            column_width = self.content_width - st.panel_width - gutter
            if st.plan == "panel-left":
                panel_x, column_x = st.margin, st.margin + st.panel_width + gutter
            else:
                column_x, panel_x = st.margin, st.margin + column_width + gutter
            columns = [column_x]
            panel = self._panel(site["themes"], st.panel_width)
            if top + panel.height > self.bottom:
                raise ValueError(f"theme panel of {site['name']!r} does not fit on its page")
            page += _moved(panel.ops, panel_x, top)
            flow = []
        flow += self._approaches(site, column_width)

        y = column_top = top
        column = 0
        i = 0
        while i < len(flow):
            if flow[i].spacer and y == column_top:
                i += 1
                continue
            chain_end, needed = i, flow[i].height
            while flow[chain_end].keep_with_next and chain_end + 1 < len(flow):
                chain_end += 1
                needed += flow[chain_end].height
            if y + needed > self.bottom and y > column_top:
                if column + 1 < len(columns):  # on at the top of the next column
                    column += 1
                    y = column_top
                    continue
                column = 0
                if st.overflow == "continued":
                    page, column_top = self._header(site, continued=True)
                else:
                    page, column_top = [], st.margin
                pages.append(page)
                y = column_top
                continue
            page += _moved(flow[i].ops, columns[column], y)
            y += flow[i].height
            i += 1
        return pages

    def _flowing_pages(self) -> tuple[list[list[_Op]], list[int]]:
        """The sites one after another down the pages, with no page break of their own; and
        the index of the page where each site starts. Sharing pages, each site is one block
        that moves to a new page whole when it does not fit; in a continuous flow, a page
        breaks wherever the next box does not fit, between the title and the theme panel too.
        """
        st = self.style
        pages: list[list[_Op]] = [[]]
        first_pages: list[int] = []
        y = st.margin
        for site in self.model["sites"]:
            if st.flow == "sites-share-pages":
                boxes = [self._site_block(site)]
            else:
                boxes = self._site_flow(site)
            boxes.insert(0, _Box(st.size * 2, [], spacer=True))  # between sites
            first_page = None
            i = 0
            while i < len(boxes):
                if boxes[i].spacer and y == st.margin:
                    i += 1
                    continue
                chain_end, needed = i, boxes[i].height
                while boxes[chain_end].keep_with_next and chain_end + 1 < len(boxes):
                    chain_end += 1
                    needed += boxes[chain_end].height
                if y + needed > self.bottom and y > st.margin:
                    pages.append([])
                    y = st.margin
                    continue
                if first_page is None:
                    first_page = len(pages) - 1
                pages[-1] += _moved(boxes[i].ops, st.margin, y)
                y += boxes[i].height
                i += 1
            if first_page is None:
                raise ValueError(f"site {site['name']!r} printed nothing")
            first_pages.append(first_page)
        return pages, first_pages

    def _site_flow(self, site: dict) -> list[_Box]:
        """A site as one column of boxes: banner and title, the theme panel (kept whole),
        then the approaches."""
        st = self.style
        return [
            *self._header_boxes(site, continued=False),
            self._panel(site["themes"], self.content_width),
            _Box(st.size * 1.5, [], spacer=True),
            *self._approaches(site, self.content_width),
        ]

    def _site_block(self, site: dict) -> _Box:
        """A whole site as one box: banner and title across the content, then the theme
        panel beside the approaches (the panel on the left)."""
        st = self.style
        header, top = self._stack(self._header_boxes(site, continued=False))
        gutter = st.size * 1.8
        panel = self._panel(site["themes"], st.panel_width)
        approaches, height = self._stack(
            self._approaches(site, self.content_width - st.panel_width - gutter)
        )
        return _Box(
            top + max(panel.height, height),
            [
                *header,
                *_moved(panel.ops, 0, top),
                *_moved(approaches, st.panel_width + gutter, top),
            ],
        )

    # Front and back matter -------------------------------------------------------------

    def _cover(self) -> list[_Op]:
        st = self.style
        main, _, subtitle = self.model["title"].partition(": ")
        x = st.margin * 1.2
        width = self.width - 2 * x
        publisher = self.model["publisher"]
        boxes = self._lines(publisher, st.bold, st.title_size * 0.6, width, _WHITE, False)
        boxes.append(_Box(self.height * 0.25, []))
        boxes += self._lines(main, st.bold, st.title_size * 1.5, width, _WHITE, False)
        boxes.append(_Box(st.title_size * 0.4, []))
        boxes += self._lines(subtitle, st.regular, st.title_size * 0.7, width, _WHITE, False)
        boxes.append(_Box(self.height * 0.2, []))
        for department in DEPARTMENTS:
            boxes += self._lines(department, st.regular, st.size, width, _WHITE, False)
        ops, _ = self._stack(boxes)
        return [_Rect(0, 0, self.width, self.height, st.banner), *_moved(ops, x, st.margin * 1.5)]

    def _introduction(self, contents: dict[str, int]) -> list[_Op]:
        st = self.style
        width = self.content_width
        boxes = self._lines("Introduction", st.bold, st.title_size, width, st.accent, False)
        for heading, paragraph in INTRODUCTION:
            boxes.append(_Box(st.size, []))
            boxes += self._lines(heading, st.bold, st.size * 1.25, width, _BLACK, False)
            boxes += self._lines(paragraph, st.regular, st.size, width, _BLACK, False)
        boxes.append(_Box(st.size * 1.5, []))
        boxes += self._lines("Contents", st.bold, st.size * 1.4, width, st.accent, False)
        tab = min(width, 22 * st.size)
        for region, page_number in contents.items():
            number = str(page_number)
            number_x = tab - stringWidth(number, st.regular, st.size)
            boxes.append(
                _Box(
                    st.leading * 1.2,
                    [
                        _Text(0, st.size, st.regular, st.size, _BLACK, self.q(region)),
                        _Text(number_x, st.size, st.regular, st.size, _BLACK, number),
                    ],
                )
            )
        ops, _ = self._stack(boxes)
        return _moved(ops, st.margin, st.margin)

    def _back_cover(self) -> list[_Op]:
        st = self.style
        width = self.content_width
        publisher = self.model["publisher"]
        boxes = self._lines(publisher, st.bold, st.size * 1.6, width, st.accent, False)
        boxes.append(_Box(st.size, []))
        for line in BACK_COVER:
            boxes += self._lines(line, st.regular, st.size, width, _BLACK, False)
            boxes.append(_Box(st.size * 0.4, []))
        ops, height = self._stack(boxes)
        return _moved(ops, st.margin, self.bottom - height)


def write_edition(model: dict, layout: str, path: Path) -> None:
    """Typeset the document model in the named layout and write the PDF to path.

    The output is deterministic (reportlab's invariant mode), so a test that reads it sees the
    same bytes on every run and machine.
    """
    if layout not in STYLES:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS + FLOW_LAYOUTS}")
    style = STYLES[layout]
    pages = Typesetter(model, style).pages()
    if style.print_sheet:
        _write_print_sheets(model, style, pages, path)
        return
    height = style.page_size[1]
    canvas = Canvas(str(path), pagesize=style.page_size, invariant=1)
    canvas.setTitle(quoted(model["title"], style.quotes))
    canvas.setAuthor(quoted(model["publisher"], style.quotes))
    for number, ops in enumerate(pages, 1):
        for op in ops:
            op.draw(canvas, height)
        if number > 1:
            footer_y = style.margin * 0.7
            canvas.setFillColorRGB(*_GREY)
            canvas.setFont(style.regular, style.size * 0.8)
            canvas.drawString(style.margin, footer_y, FOOTER)
            canvas.drawRightString(style.page_size[0] - style.margin, footer_y, str(number))
        canvas.showPage()
    canvas.save()


def _ligatured(word: str) -> str:
    """The word as a typesetter with ligatures on sets it: fi and fl as one glyph each."""
    for letters, ligature in LIGATURES.items():
        word = word.replace(letters, ligature)
    return word


def _draw_words(canvas: Canvas, text: _Text, height: float) -> None:
    """A line drawn as print layout programs write it: each word its own text-showing
    operation at its own x, no space characters, fi and fl as ligatures where the font has
    them (the embedded TrueType faces; not the dingbats)."""
    canvas.setFillColorRGB(*text.colour)
    canvas.setFont(text.font, text.size)
    ligatures = isinstance(pdfmetrics.getFont(text.font), TTFont)
    space = stringWidth(" ", text.font, text.size)
    x = text.x
    for word in text.text.split(" "):
        if word:
            canvas.drawString(x, height - text.y, _ligatured(word) if ligatures else word)
        x += stringWidth(word, text.font, text.size) + space


def _bled(rect: _Rect, width: float, height: float) -> _Rect:
    """A rectangle that meets the trim edge extended into the bleed, as a designer sets it."""
    x0, top, x1, bottom = rect.x, rect.y, rect.x + rect.w, rect.y + rect.h
    x0, top = (-BLEED if x0 <= 0 else x0), (-BLEED if top <= 0 else top)
    x1, bottom = (
        (width + BLEED if x1 >= width else x1),
        (height + BLEED if bottom >= height else bottom),
    )
    return replace(rect, x=x0, y=top, w=x1 - x0, h=bottom - top)


def _draw_marks(canvas: Canvas, width: float, height: float, number: int) -> None:
    """Printer's marks outside the trim, in trim coordinates: crop marks at the corners from
    the bleed outwards, a colour bar above the page and the slug line below it."""
    canvas.setStrokeColorCMYK(1, 1, 1, 1)  # registration: on every plate
    canvas.setLineWidth(0.25)
    for x in (0, width):
        for y in (0, height):
            outwards_x = -1 if x == 0 else 1
            outwards_y = -1 if y == 0 else 1
            canvas.line(x + outwards_x * BLEED, y, x + outwards_x * (BLEED + 5 * mm), y)
            canvas.line(x, y + outwards_y * BLEED, x, y + outwards_y * (BLEED + 5 * mm))
    patch = 4 * mm
    bar = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)]
    bar += [(0, 0, 0, tint) for tint in (0.75, 0.5, 0.25)]
    left = (width - len(bar) * patch) / 2
    for n, cmyk in enumerate(bar):
        canvas.setFillColorCMYK(*cmyk)
        canvas.rect(left + n * patch, height + BLEED + 2 * mm, patch, patch, stroke=0, fill=1)
    slug = _Text(0, 0, "Helvetica", 6, _BLACK, SLUG.format(page=number))
    _draw_words(canvas, replace(slug, y=height + BLEED + 5 * mm), height)


def _write_print_sheets(model: dict, style: _Style, pages: list[list[_Op]], path: Path) -> None:
    """The pages set on print sheets: the page (TrimBox) inside a 3 mm bleed (BleedBox), the
    slug area (CropBox) and a larger sheet (MediaBox); words drawn one by one; a running
    header and footer on every page but the cover."""
    width, height = style.page_size
    canvas = Canvas(
        str(path),
        pagesize=(width + 2 * SHEET_MARGIN, height + 2 * SHEET_MARGIN),
        invariant=1,
    )

    def around_trim(margin: float) -> list[float]:
        return [
            SHEET_MARGIN - margin,
            SHEET_MARGIN - margin,
            SHEET_MARGIN + width + margin,
            SHEET_MARGIN + height + margin,
        ]

    canvas.setCropBox(around_trim(CROP_MARGIN))
    canvas.setBleedBox(around_trim(BLEED))
    canvas.setTrimBox(around_trim(0))
    canvas.setTitle(quoted(model["title"], style.quotes))
    canvas.setAuthor(quoted(model["publisher"], style.quotes))
    furniture_size = style.size * 0.8
    for number, ops in enumerate(pages, 1):
        canvas.translate(SHEET_MARGIN, SHEET_MARGIN)
        for op in ops:
            if isinstance(op, _Text):
                _draw_words(canvas, op, height)
            elif isinstance(op, _Rect):
                _bled(op, width, height).draw(canvas, height)
            else:
                op.draw(canvas, height)
        if number > 1:
            header_y = style.margin * 0.55
            footer_y = height - style.margin * 0.6
            number_text = str(number)
            number_x = (
                width - style.margin - stringWidth(number_text, style.regular, furniture_size)
            )
            for x, y, text in (
                (style.margin, header_y, RUNNING_HEADER),
                (style.margin, footer_y, FOOTER),
                (number_x, footer_y, number_text),
            ):
                _draw_words(canvas, _Text(x, y, style.regular, furniture_size, _GREY, text), height)
        _draw_marks(canvas, width, height, number)
        canvas.showPage()
    canvas.save()
