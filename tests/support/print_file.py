"""A small print PDF as a layout program writes it, made with reportlab's canvas: a MediaBox
larger than the TrimBox and CropBox (bleed, crop marks, a slug with the file name and date
outside the trim), every word placed on its own with no space characters, ZapfDingbats
bullets and a running footer well above the page's bottom edge."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

TRIM = (420.0, 595.0)  # A5 in points
BLEED = 9.0  # points of bleed around the trim
SLUG = 36.0  # points of slug beyond the bleed, where the file name and marks stand
FOOTER = "Safeguarding Early Adopters"


def _words(canvas: Canvas, text: str, x: float, y: float, font: str, size: float) -> None:
    """Each word drawn alone, a space's width apart, with no space character."""
    for word in text.split():
        canvas.setFont(font, size)
        canvas.drawString(x, y, word)
        x += stringWidth(word, font, size) + stringWidth(" ", font, size)


def write_print_file(path: Path, pages: list[list[tuple[str, str, float, float]]]) -> None:
    """`pages` of (kind, text, x, y-from-the-trim's-top) rows; kind is "banner", "name",
    "title", "item" (a dingbat bullet, then the text) or "text"."""
    margin = BLEED + SLUG
    width, height = TRIM[0] + 2 * margin, TRIM[1] + 2 * margin
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1)
    for number, rows in enumerate(pages, start=1):
        trim = (margin, margin, margin + TRIM[0], margin + TRIM[1])
        canvas.setTrimBox(trim)
        canvas.setCropBox(trim)
        canvas.setBleedBox((trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED))
        # crop marks and the slug, outside the trim
        for x in (trim[0], trim[2]):
            canvas.line(x, 4, x, trim[1] - BLEED - 2)
            canvas.line(x, trim[3] + BLEED + 2, x, height - 4)
        _words(canvas, f"overview_A5_v3.indd {number} 12/03/2019 10:41", trim[0], 8, "Helvetica", 7)
        canvas.rect(trim[2] - 60, height - 20, 8, 8, fill=1, stroke=0)  # a colour bar patch
        for kind, text, x, from_top in rows:
            y = trim[3] - from_top
            if kind == "banner":
                _words(canvas, text, trim[0] + x, y, "Helvetica-Bold", 13)
            elif kind == "name":
                _words(canvas, text, trim[0] + x, y, "Helvetica-Bold", 18)
            elif kind == "title":
                _words(canvas, text, trim[0] + x, y, "Helvetica-Bold", 11)
            elif kind == "item":
                canvas.setFont("ZapfDingbats", 5)
                canvas.drawString(trim[0] + x, y + 1.5, "l")
                _words(canvas, text, trim[0] + x + 9, y, "Times-Roman", 9)
            else:
                _words(canvas, text, trim[0] + x, y, "Times-Roman", 9)
        _words(canvas, FOOTER, trim[0] + 30, trim[1] + 60, "Helvetica", 7)
        _words(canvas, str(number), trim[2] - 40, trim[1] + 60, "Helvetica", 7)
        canvas.showPage()
    canvas.save()
