"""Probe editions set by reportlab's own document framework (platypus: flowables poured
into frames by a page template), as a developer scripting a report with reportlab would
set the golden model, unlike tests/support/editions.py, which places every line itself.

    .venv/bin/python -m probe.platypus_layouts [NAME ...]

writes probe/editions/NAME.pdf for each layout (all where none is named).
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
    Table,
    TableStyle,
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

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = json.loads((ROOT / "tests" / "golden" / "document_model.json").read_text("utf-8"))
OUT = ROOT / "probe" / "editions"
ACCENT = colors.HexColor("#6b2a2a")

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=10.5, leading=13.5)
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
NAME = ParagraphStyle("name", fontName="Times-Bold", fontSize=19, leading=22, spaceAfter=6)
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
    fontSize=10.5,
    leading=13.5,
    spaceBefore=5,
    spaceAfter=2,
)
COVER_TITLE = ParagraphStyle("cover", fontName="Helvetica-Bold", fontSize=28, leading=32)
COVER_SUB = ParagraphStyle("sub", fontName="Helvetica", fontSize=16, leading=20, spaceAfter=90)
PUBLISHER = ParagraphStyle("pub", fontName="Helvetica-Bold", fontSize=14, spaceAfter=120)
INTRO_TITLE = ParagraphStyle("intro", fontName="Helvetica-Bold", fontSize=20, spaceAfter=12)
INTRO_HEAD = ParagraphStyle("ih", fontName="Helvetica-Bold", fontSize=12, spaceBefore=8)


def _t(text: str) -> str:
    # WinAnsi (the standard fonts) has the typographic quotes
    return escape(quoted(text, "smart"))


class SiteMark(Flowable):
    """Zero-size: records, when drawn, which site the page is on (for the running head)."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = self.canv._doctemplate  # type: ignore[attr-defined]
        doc.site_labels.setdefault(self.canv.getPageNumber(), self.label)
        doc.current_site = self.label


def _bullets(texts: list[str], style: ParagraphStyle, bullet: str, numbered: bool = False):
    items = [ListItem(Paragraph(_t(t), style)) for t in texts]
    if numbered:
        return ListFlowable(
            items,
            bulletType="1",
            bulletFormat="%s)",
            leftIndent=16,
            bulletFontName="Times-Roman",
            bulletFontSize=10.5,
        )
    return ListFlowable(
        items,
        bulletType="bullet",
        start=bullet,
        leftIndent=14,
        bulletFontName="Times-Roman",
        bulletFontSize=10.5,
    )


def site_flowables(site: dict, layout: str) -> list:
    name, authorities = site["name"], site["local_authorities"]
    label = name or ", ".join(authorities)
    head = [SiteMark(label), Paragraph(_t(site["region"]), BANNER)]
    if name is None:
        head += [Paragraph(_t(a), AUTHORITY_TITLE) for a in authorities]
    else:
        head.append(Paragraph(_t(name), NAME))
        if authorities != [p.strip() for p in name.split(",")]:
            head.append(_bullets(authorities, BODY, "\u2022"))
    themes = [Paragraph(_t(PANEL_TITLE), PANEL), _bullets(site["themes"], BODY, "\u2013")]
    approaches: list = [Paragraph(_t(APPROACHES_TITLE), PANEL)]
    for section in site["sections"]:
        numbered = section["items"][0]["list_style"] == "numbered"
        approaches.append(Paragraph(_t(section["heading"]), HEADING))
        approaches.append(
            _bullets([i["text"] for i in section["items"]], ITEM, "\u2013", numbered=numbered)
        )
    if layout == "table":
        table = Table(
            [[themes, approaches]],
            colWidths=[50 * mm, None],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("GRID", (0, 0), (-1, -1), 0.5, ACCENT),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3eded")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ]
            ),
        )
        return [CondPageBreak(80 * mm), KeepTogether([*head, table])]
    return [CondPageBreak(40 * mm), KeepTogether([*head, *themes[:1]]), themes[1], *approaches]


class Document(BaseDocTemplate):
    def __init__(self, path: Path, layout: str) -> None:
        super().__init__(
            str(path),
            pagesize=A4,
            leftMargin=22 * mm,
            rightMargin=22 * mm,
            topMargin=24 * mm,
            bottomMargin=20 * mm,
            title="",
            author="",
        )
        self.site_labels: dict[int, str] = {}
        self.current_site = ""
        self.layout = layout
        width, height = A4
        if layout == "two-frames":
            gap = 8 * mm
            column = (width - self.leftMargin - self.rightMargin - gap) / 2
            frames = [
                Frame(self.leftMargin, self.bottomMargin, column, height - 44 * mm, id="left"),
                Frame(
                    self.leftMargin + column + gap,
                    self.bottomMargin,
                    column,
                    height - 44 * mm,
                    id="right",
                ),
            ]
        else:
            frames = [
                Frame(
                    self.leftMargin, self.bottomMargin, width - 44 * mm, height - 44 * mm, id="body"
                )
            ]
        self.addPageTemplates([PageTemplate(id="page", frames=frames, onPageEnd=self.furniture)])

    def furniture(self, canvas, doc) -> None:
        number = canvas.getPageNumber()
        if number == 1:
            return
        width, height = A4
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(22 * mm, 12 * mm, FOOTER)
        canvas.drawRightString(width - 22 * mm, 12 * mm, str(number))
        if self.layout == "running-head":
            label = self.site_labels.get(number, self.current_site)
            if label:
                canvas.setFont("Helvetica-Oblique", 8)
                canvas.drawString(22 * mm, height - 14 * mm, quoted(label, "smart"))


def build(layout: str, path: Path) -> None:
    model = GOLDEN
    main, _, subtitle = model["title"].partition(": ")
    story: list = [
        Paragraph(_t(model["publisher"]), PUBLISHER),
        Paragraph(_t(main), COVER_TITLE),
        Paragraph(_t(subtitle), COVER_SUB),
        *(Paragraph(_t(d), BODY) for d in DEPARTMENTS),
        PageBreak(),
        Paragraph("Introduction", INTRO_TITLE),
    ]
    for heading, text in INTRODUCTION:
        story += [Paragraph(_t(heading), INTRO_HEAD), Paragraph(_t(text), BODY)]
    story.append(Paragraph("Contents", INTRO_HEAD))
    story += [Paragraph(_t(r), BODY) for r in dict.fromkeys(s["region"] for s in model["sites"])]
    story.append(PageBreak())
    for site in model["sites"]:
        story += site_flowables(site, layout)
    story += [PageBreak(), Spacer(1, 100 * mm), Paragraph(_t(model["publisher"]), PUBLISHER)]
    story += [Paragraph(_t(line), BODY) for line in BACK_COVER]
    Document(path, layout).build(story)


LAYOUTS = {
    # Two frames a page, the sites flowing on through both (reportlab's newspaper columns).
    "platypus-two-frames": "two-frames",
    # One frame; each site's panels a table of two cells with a grid of rules.
    "platypus-table": "table",
    # One frame, sites flowing on; the running head names the site of the page (top left).
    "platypus-running-head": "running-head",
}


def main(names: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, layout in LAYOUTS.items():
        if names and name not in names:
            continue
        build(layout, OUT / f"{name}.pdf")
        print(f"wrote {OUT / name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
