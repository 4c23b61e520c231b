"""The publication set by reportlab's own document framework, with a running head naming the
site each page is on.

tests/support/editions.py places every line itself; a developer scripting a report with
reportlab would rather pour flowables (paragraphs, lists) into a page template's frame and
draw the page furniture in the template's page hook. This edition does that, and its page
hook prints, above the text, the name of the site the page opens with (or runs on with):
a running head whose words change from page to page, 8 pt italic grey under 10.5 pt body
text, while the same name stands in the body in 19 pt bold.

Made at test time (reportlab is pure Python and fast), byte for byte the same on every
call: the document is written with reportlab's invariant mode (no date, a fixed file id).

    .venv/bin/python -m tests.support.platypus_edition OUT.pdf
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from tests.support.editions import (
    APPROACHES_TITLE,
    BACK_COVER,
    DEPARTMENTS,
    FOOTER,
    INTRODUCTION,
    PANEL_TITLE,
    quoted,
)
from tests.support.paths import GOLDEN_MODEL

RUNNING_HEAD_EDITION = "platypus-running-head"
RUNNING_HEAD_FONT = "Helvetica-Oblique"
RUNNING_HEAD_SIZE = 8
BODY_SIZE = 10.5
NAME_SIZE = 19
ACCENT = colors.HexColor("#6b2a2a")
MARGIN = 22 * mm
HEAD_FROM_TOP = 14 * mm  # the running head's baseline, above the frame (24 mm down)

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=BODY_SIZE, leading=13.5)
ITEM = ParagraphStyle("item", parent=BODY, alignment=TA_JUSTIFY)
BANNER = ParagraphStyle(
    "banner",
    fontName="Helvetica-Bold",
    fontSize=11,
    leading=15,
    textColor=colors.white,
    backColor=ACCENT,
    borderPadding=(3, 4, 3, 4),
    spaceBefore=14,
    spaceAfter=8,
)
NAME = ParagraphStyle("name", fontName="Times-Bold", fontSize=NAME_SIZE, leading=22, spaceAfter=6)
AUTHORITY_TITLE = ParagraphStyle("authority", parent=NAME, fontSize=15, leading=18, spaceAfter=1)
PANEL = ParagraphStyle(
    "panel",
    fontName="Helvetica-Bold",
    fontSize=11.5,
    leading=14,
    textColor=ACCENT,
    spaceBefore=6,
    spaceAfter=4,
)
HEADING = ParagraphStyle(
    "heading",
    fontName="Times-BoldItalic",
    fontSize=BODY_SIZE,
    leading=13.5,
    spaceBefore=5,
    spaceAfter=2,
)
COVER_TITLE = ParagraphStyle("cover", fontName="Helvetica-Bold", fontSize=28, leading=32)
COVER_SUB = ParagraphStyle("sub", fontName="Helvetica", fontSize=16, leading=20, spaceAfter=90)
PUBLISHER = ParagraphStyle("pub", fontName="Helvetica-Bold", fontSize=14, spaceAfter=120)
INTRO_TITLE = ParagraphStyle("intro", fontName="Helvetica-Bold", fontSize=20, spaceAfter=12)
INTRO_HEAD = ParagraphStyle("ih", fontName="Helvetica-Bold", fontSize=12, spaceBefore=8)


def _markup(text: str) -> str:
    """Paragraph markup of a text, typographic quotes (WinAnsi, the standard fonts, has them)."""
    return escape(quoted(text, "smart"))


def site_label(site: dict) -> str:
    """What the running head prints for a site: its name, else its authorities."""
    return site["name"] or ", ".join(site["local_authorities"])


class _SiteMark(Flowable):
    """Zero-size: records, when drawn, which site the page is on, for the running head."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        document = self.canv._doctemplate  # type: ignore[attr-defined]
        document.site_labels.setdefault(self.canv.getPageNumber(), self.label)
        document.current_site = self.label


def _bullets(texts: list[str], style: ParagraphStyle, *, numbered: bool = False) -> ListFlowable:
    items = [ListItem(Paragraph(_markup(text), style)) for text in texts]
    if numbered:
        return ListFlowable(
            items,
            bulletType="1",
            bulletFormat="%s)",
            leftIndent=16,
            bulletFontName="Times-Roman",
            bulletFontSize=BODY_SIZE,
        )
    return ListFlowable(
        items,
        bulletType="bullet",
        start="\u2013",
        leftIndent=14,
        bulletFontName="Times-Roman",
        bulletFontSize=BODY_SIZE,
    )


def _site(site: dict) -> list[Flowable]:
    """A site's flowables: the banner, name (or authorities) and themes title kept together,
    the lists flowing on over pages."""
    name, authorities = site["name"], site["local_authorities"]
    head: list[Flowable] = [_SiteMark(site_label(site)), Paragraph(_markup(site["region"]), BANNER)]
    if name is None:
        head += [Paragraph(_markup(authority), AUTHORITY_TITLE) for authority in authorities]
    else:
        head.append(Paragraph(_markup(name), NAME))
        if authorities != [part.strip() for part in name.split(",")]:
            head.append(_bullets(authorities, BODY))
    approaches: list[Flowable] = [Paragraph(_markup(APPROACHES_TITLE), PANEL)]
    for section in site["sections"]:
        approaches.append(Paragraph(_markup(section["heading"]), HEADING))
        approaches.append(
            _bullets(
                [item["text"] for item in section["items"]],
                ITEM,
                numbered=section["items"][0]["list_style"] == "numbered",
            )
        )
    return [
        CondPageBreak(40 * mm),
        KeepTogether([*head, Paragraph(_markup(PANEL_TITLE), PANEL)]),
        _bullets(site["themes"], BODY),
        *approaches,
    ]


class _Document(BaseDocTemplate):
    """One frame a page; the page hook draws the footer, the page number and the head."""

    def __init__(self, path: Path) -> None:
        width, height = A4
        super().__init__(
            str(path),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=24 * mm,
            bottomMargin=20 * mm,
            title="",
            author="",
            invariant=1,
        )
        self.site_labels: dict[int, str] = {}
        self.current_site = ""
        frame = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - 44 * mm, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._furniture)])

    def _furniture(self, canvas: Canvas, _: BaseDocTemplate) -> None:
        number = canvas.getPageNumber()
        if number == 1:
            return
        width, height = A4
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, 12 * mm, FOOTER)
        canvas.drawRightString(width - MARGIN, 12 * mm, str(number))
        label = self.site_labels.get(number, self.current_site)
        if label:
            canvas.setFont(RUNNING_HEAD_FONT, RUNNING_HEAD_SIZE)
            canvas.drawString(MARGIN, height - HEAD_FROM_TOP, quoted(label, "smart"))


def write_running_head_edition(model: dict, path: Path) -> None:
    """The model as a platypus document with a running head naming each page's site."""
    main, _, subtitle = model["title"].partition(": ")
    story: list[Flowable] = [
        Paragraph(_markup(model["publisher"]), PUBLISHER),
        Paragraph(_markup(main), COVER_TITLE),
        Paragraph(_markup(subtitle), COVER_SUB),
        *(Paragraph(_markup(department), BODY) for department in DEPARTMENTS),
        PageBreak(),
        Paragraph("Introduction", INTRO_TITLE),
    ]
    for heading, text in INTRODUCTION:
        story += [Paragraph(_markup(heading), INTRO_HEAD), Paragraph(_markup(text), BODY)]
    story.append(Paragraph("Contents", INTRO_HEAD))
    regions = dict.fromkeys(site["region"] for site in model["sites"])
    story += [Paragraph(_markup(region), BODY) for region in regions]
    story.append(PageBreak())
    for site in model["sites"]:
        story += _site(site)
    story += [PageBreak(), Spacer(1, 100 * mm), Paragraph(_markup(model["publisher"]), PUBLISHER)]
    story += [Paragraph(_markup(line), BODY) for line in BACK_COVER]
    _Document(path).build(story)


def main(arguments: list[str]) -> int:
    write_running_head_edition(json.loads(GOLDEN_MODEL.read_text("utf-8")), Path(arguments[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
