"""Probe editions made from existing PDFs by what people do to a PDF after it is made, with
PDFium (pypdfium2, already in the venv): print it two pages to a sheet, rotate pages and
save, store landscape pages as portrait pages turned by /Rotate.

    .venv/bin/python -m probe.pdfium_transforms [NAME ...]

writes probe/editions/NAME.pdf for each (all where none is named). "pdfium-landscape-turned"
is made from probe/editions/chromium-landscape.pdf: run `python -m probe.chromium_layouts
chromium-landscape` first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

ROOT = Path(__file__).resolve().parents[1]
COMMITTED_PDF = ROOT / "raw" / "ncb-safeguarding-early-adopters-overview.pdf"
OUT = ROOT / "probe" / "editions"


def two_up(source: Path, target: Path) -> None:
    """Two pages side by side on each landscape A3 sheet (a print shop's 2-up, or "save as
    spreads"): PDFium's N-up import, each page a form XObject scaled onto the sheet."""
    document = pdfium.PdfDocument(source)
    width, height = 1190.55, 841.89  # A3 landscape
    imposed = raw.FPDF_ImportNPagesToOne(document.raw, width, height, 2, 1)
    pdfium.PdfDocument(imposed).save(target)


def rotated_view(source: Path, target: Path, pages: range | None = None) -> None:
    """Every page (or those of `pages`, 1-based) turned a quarter by its /Rotate entry only,
    as a reader's "rotate clockwise" then "save" does: the text runs down the page."""
    document = pdfium.PdfDocument(source)
    for index in range(len(document)):
        if pages is None or index + 1 in pages:
            document[index].set_rotation(90)
    document.save(target)


def landscape_as_turned_portrait(source: Path, target: Path) -> None:
    """Each landscape page stored as a portrait page whose content is drawn turned a quarter
    and shown upright by /Rotate 90 (as some drivers and scanners store landscape)."""
    src = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    for index in range(len(src)):
        width, height = src[index].get_size()
        page = out.new_page(height, width)  # portrait: the landscape page's height wide
        xobject = raw.FPDF_NewXObjectFromPage(out.raw, src.raw, index)
        form = raw.FPDF_NewFormObjectFromXObject(xobject)
        # turn the content a quarter counter-clockwise into the portrait box, which /Rotate 90
        # turns back clockwise when shown: (x, y) -> (height - y, x)
        raw.FPDFPageObj_Transform(form, 0, 1, -1, 0, height, 0)
        raw.FPDFPage_InsertObject(page.raw, form)
        raw.FPDFPage_GenerateContent(page.raw)
        raw.FPDF_CloseXObject(xobject)
        page.set_rotation(90)
    out.save(target)


def main(names: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    jobs = {
        "pdfium-2up-committed": lambda t: two_up(COMMITTED_PDF, t),
        "pdfium-rotated-view": lambda t: rotated_view(COMMITTED_PDF, t, range(3, 20)),
        "pdfium-landscape-turned": lambda t: landscape_as_turned_portrait(
            OUT / "chromium-landscape.pdf", t
        ),
    }
    for name, job in jobs.items():
        if names and name not in names:
            continue
        job(OUT / f"{name}.pdf")
        print(f"wrote {OUT / name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
