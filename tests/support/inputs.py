"""Bad inputs a maintainer can point the pipeline at, generated into a folder at test time.

Nothing binary is committed: each function writes one file (or leaves one missing) and
returns its path. The broken downloads start from the committed PDF's bytes; the documents
that read but are not the publication, or not this edition of it, are typeset with
reportlab (tests/editions.py for the publication's own shape).
"""

from __future__ import annotations

import copy
import ctypes
import json
import os
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.support.editions import STYLES, Typesetter, write_edition
from tests.support.paths import COMMITTED_PDF, GOLDEN_MODEL

# Landmarks inside the committed PDF, found by their bytes rather than fixed offsets:
# page 3's content stream (Tameside's site page) starts at this object header.
PAGE_3_CONTENT_OBJECT = b"9 0 obj"
# The object stream that holds the catalog and the page tree.
OBJECT_STREAM_HEADER = b"/Type /ObjStm"


def committed_bytes() -> bytes:
    return COMMITTED_PDF.read_bytes()


def golden_model() -> dict:
    return json.loads(GOLDEN_MODEL.read_text("utf-8"))


# --- files that are not the PDF ----------------------------------------------------------


def missing(folder: Path) -> Path:
    return folder / "no-such-file.pdf"


def empty(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def text_named_pdf(folder: Path) -> Path:
    path = folder / "notes.pdf"
    path.write_text("Safeguarding Early Adopters: the download link, to fetch later.\n", "utf-8")
    return path


def html_error_page(folder: Path) -> Path:
    """What a failed download often saves under the PDF's name."""
    path = folder / "download.pdf"
    path.write_text("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n", "utf-8")
    return path


# --- broken downloads of the committed PDF -------------------------------------------------


def truncated(folder: Path, fraction: float = 0.5) -> Path:
    data = committed_bytes()
    path = folder / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def _flipped(data: bytes, start: int, length: int, mask: int = 0xFF) -> bytes:
    out = bytearray(data)
    for index in range(start, min(start + length, len(out))):
        out[index] ^= mask
    return bytes(out)


def _stream_data_offset(data: bytes, header: bytes) -> int:
    """Where the compressed bytes of the first stream after header begin."""
    at = data.index(header)
    return data.index(b"stream\n", at) + len(b"stream\n")


def corrupted_page_stream(folder: Path) -> Path:
    """Twenty bytes flipped inside page 3's compressed content stream (Tameside): a bad
    download that pdfminer would otherwise read as a page with less text, or none."""
    data = committed_bytes()
    start = _stream_data_offset(data, PAGE_3_CONTENT_OBJECT) + 200
    path = folder / "corrupted-page.pdf"
    path.write_bytes(_flipped(data, start, 20))
    return path


def corrupted_page_tree(folder: Path) -> Path:
    """Bytes flipped inside the object stream that holds the catalog and page tree."""
    data = committed_bytes()
    start = _stream_data_offset(data, OBJECT_STREAM_HEADER) + 3500
    path = folder / "corrupted-tree.pdf"
    path.write_bytes(_flipped(data, start, 200))
    return path


def lost_unicode_map(folder: Path) -> Path:
    """The bytes around the header of object 153 (a font's map from glyphs to Unicode)
    changed, so pdfminer cannot load it: most letters then come out as "(cid:N)", and the
    text would reach the tables as "(cid:918)ndependent scrutiny"."""
    data = committed_bytes()
    path = folder / "lost-unicode-map.pdf"
    path.write_bytes(_flipped(data, data.index(b"\n153 0 obj") - 5, 16, mask=0xDF))
    return path


def corrupted_xref(folder: Path) -> Path:
    """The cross-reference stream and trailer overwritten: nothing locates the objects."""
    data = committed_bytes()
    start = data.rindex(b"/Type /XRef") - 20
    path = folder / "corrupted-xref.pdf"
    path.write_bytes(_flipped(data, start, len(data) - start))
    return path


# --- PDFs that read but are not the publication ----------------------------------------------


def _prose_pdf(path: Path, pages: list[list[str]], **canvas_options: object) -> Path:
    canvas = Canvas(str(path), pagesize=A4, invariant=1, **canvas_options)
    for lines in pages:
        canvas.setFont("Helvetica", 11)
        y = A4[1] - 72
        for line in lines:
            canvas.drawString(72, y, line)
            y -= 15
        canvas.showPage()
    canvas.save()
    return path


_MINUTES = [
    [
        "Parish Council: minutes of the meeting held on 4 March",
        "Present: the chair, the clerk and five councillors.",
        "1. Apologies for absence were received and accepted.",
        "2. The minutes of the previous meeting were approved.",
        "3. The footpath repairs will be funded from the reserves.",
    ],
    [
        "4. Planning applications: no objections were raised.",
        "5. The next meeting will be held on 1 April in the village hall.",
    ],
]


def other_document(folder: Path) -> Path:
    return _prose_pdf(folder / "minutes.pdf", _MINUTES)


def encrypted(folder: Path) -> Path:
    """A copy protected by a user password: nothing can be read without it."""
    return _prose_pdf(folder / "protected.pdf", _MINUTES, encrypt="secret")


def blank_pages(folder: Path, count: int = 3) -> Path:
    return _prose_pdf(folder / "blank.pdf", [[] for _ in range(count)])


def many_pages(folder: Path, count: int) -> Path:
    """A PDF with many (small, blank) pages: the page limit must stop it before reading."""
    return _prose_pdf(folder / "many-pages.pdf", [[] for _ in range(count)])


def _scan_image(seed: int) -> Image.Image:
    """A grey page with dark bars where lines of text would be: what a scanner produces."""
    image = Image.new("L", (300, 424), 235)
    draw = ImageDraw.Draw(image)
    for row in range(12):
        top = 40 + row * 28
        draw.rectangle((30, top, 270 - (row * 7 + seed * 11) % 90, top + 10), fill=40)
    return image


def _draw_scan(canvas: Canvas, width: float, height: float, seed: int) -> None:
    canvas.drawImage(ImageReader(_scan_image(seed)), 0, 0, width, height)


def scanned(folder: Path, count: int = 2) -> Path:
    """Every page an image, no text layer at all."""
    path = folder / "scan.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(count):
        _draw_scan(canvas, *A4, seed=number)
        canvas.showPage()
    canvas.save()
    return path


def edition(folder: Path, model: dict, name: str, layout: str = "one-column") -> Path:
    path = folder / name
    write_edition(model, layout, path)
    return path


def edition_with_scanned_page(folder: Path, scanned_page: int, layout: str = "one-column") -> Path:
    """The golden model typeset, with one page replaced by an image of it (no text layer)."""
    style = STYLES[layout]
    pages = Typesetter(golden_model(), style).pages()
    width, height = style.page_size
    path = folder / "partly-scanned.pdf"
    canvas = Canvas(str(path), pagesize=style.page_size, invariant=1)
    for number, ops in enumerate(pages, 1):
        if number == scanned_page:
            _draw_scan(canvas, width, height, seed=number)
        else:
            for op in ops:
                op.draw(canvas, height)
        canvas.showPage()
    canvas.save()
    return path


def site_pages(layout: str = "one-column") -> dict[str, int]:
    """The page each site of the golden model starts on, in the given layout."""
    style = STYLES[layout]
    typesetter = Typesetter(golden_model(), style)
    first: dict[str, int] = {}
    page = 3  # cover, introduction, then the sites
    for site in typesetter.model["sites"]:
        label = site["name"] or ", ".join(site["local_authorities"])
        first[label] = page
        page += len(typesetter.pages_of_site(site))
    return first


# --- the publication, changed in one place ---------------------------------------------------


def changed_model(change: Callable[[dict], None]) -> dict:
    model = copy.deepcopy(golden_model())
    change(model)
    return model


def site_named(model: dict, name: str) -> dict:
    return next(site for site in model["sites"] if site["name"] == name)


def corrupted_font(folder: Path) -> Path:
    """Sixteen bytes flipped inside an embedded font program (object 144)."""
    data = committed_bytes()
    start = _stream_data_offset(data, b"\n144 0 obj") + 300
    path = folder / "corrupted-font.pdf"
    path.write_bytes(_flipped(data, start, 16))
    return path


def corrupted_object_stream(folder: Path) -> Path:
    """One byte dropped inside the object stream that holds the catalog and page tree:
    pdfminer logs "Data-loss while decompressing corrupted data" before it gives up."""
    data = committed_bytes()
    at = _stream_data_offset(data, OBJECT_STREAM_HEADER) + 605
    path = folder / "corrupted-object-stream.pdf"
    path.write_bytes(data[:at] + data[at + 1 :])
    return path


def small_edition(folder: Path, first_site: int = 0, name: str = "small-edition.pdf") -> Path:
    """Two sites of the publication (from first_site on), typeset in one column: a valid
    edition that builds in a fraction of a second and gives tables unlike the committed
    PDF's, so a test can tell an old output from a new one."""
    model = golden_model()
    model["sites"] = model["sites"][first_site : first_site + 2]
    return edition(folder, model, name)


def missing_page_object(folder: Path) -> Path:
    """The header of page 8's content stream object renumbered: the page's /Contents points
    at an object the file no longer holds, which pdfminer reads as an empty page."""
    data = committed_bytes()
    path = folder / "missing-object.pdf"
    path.write_bytes(data.replace(b"\n19 0 obj", b"\n18 0 obj", 1))
    return path


# --- page geometry pdfplumber translates ------------------------------------------------------

# reportlab always puts the MediaBox at the origin; this one, of the same length in bytes
# (the cross-reference offsets stay right), moves it, as some producers do.
_A4_MEDIABOX = b"/MediaBox [ 0 0 595.2756 841.8898 ]"
_OFFSET_MEDIABOX = b"/MediaBox [ 9 7 604.2756 848.8898 ]"


def unusual_geometry(folder: Path) -> Path:
    """Pages whose objects pdfplumber moves or finds inside others: a MediaBox away from the
    origin, a page rotated 90 degrees, text inside a form XObject, coloured text, drawn
    shapes of several sizes and an image."""
    path = folder / "geometry.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=0)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 700, "A page whose MediaBox starts at (9, 7)")
    canvas.circle(64, 704, 2.5, fill=1, stroke=0)
    canvas.rect(60, 680, 4, 4, fill=1, stroke=0)
    canvas.rect(60, 600, 40, 4, fill=1, stroke=0)
    canvas.drawImage(ImageReader(_scan_image(0)), 300, 300, 60, 80)
    canvas.showPage()
    canvas.setPageRotation(90)
    canvas.setFont("Times-Roman", 12)
    canvas.drawString(72, 700, "A rotated page")
    canvas.showPage()
    canvas.setPageRotation(0)
    canvas.beginForm("panel")
    canvas.setFont("Helvetica-Bold", 10)
    canvas.setFillColorRGB(0.2, 0.4, 0.6)
    canvas.drawString(100, 500, "Text inside a form XObject")
    canvas.circle(92, 503, 2, fill=1, stroke=0)
    canvas.endForm()
    canvas.doForm("panel")
    canvas.setFont("Courier", 9)
    canvas.drawString(72, 300, "Text beside it")
    canvas.showPage()
    canvas.save()
    data = path.read_bytes()
    assert data.count(_A4_MEDIABOX) >= 1, "reportlab wrote the MediaBox differently"
    path.write_bytes(data.replace(_A4_MEDIABOX, _OFFSET_MEDIABOX, 1))
    return path


def named_pipe(folder: Path) -> Path:
    """A FIFO named like the PDF: reading one waits for a writer that never comes."""
    path = folder / "pipe.pdf"
    os.mkfifo(path)
    return path


# --- the committed PDF with one page turned, or a page put in (saved by PDFium) -------------


def resaved(
    folder: Path,
    change: Callable[[pdfium.PdfDocument], None] = lambda pdf: None,
    source: Path = COMMITTED_PDF,
) -> Path:
    """The committed PDF (or `source`) as PDFium saves it after `change`, under its file's
    name (in a folder of its own): the baseline for the changes below is resaved() unchanged,
    since saving alone rewrites a few coordinates in their last digit."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(source)
    change(pdf)
    path = folder / source.name
    pdf.save(path)
    pdf.close()
    return path


def rotated_page(folder: Path, page: int, degrees: int) -> Path:
    """Page `page` with /Rotate `degrees`: shown turned, its text runs sideways or upside down."""
    return resaved(folder, lambda pdf: pdf[page - 1].set_rotation(degrees))


def _new_page(pdf: pdfium.PdfDocument, before: int, ink: bool) -> None:
    width, height = pdf[0].get_size()
    page = pdf.new_page(width, height, index=before - 1)
    if ink:
        _draw_rect(page)


def _draw_rect(page: pdfium.PdfPage) -> None:
    """A filled rectangle: something drawn, but no text."""
    rect = pdfium_c.FPDFPageObj_CreateNewRect(100, 100, 200, 50)
    pdfium_c.FPDFPageObj_SetFillColor(rect, 0, 0, 0, 255)
    pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
    pdfium_c.FPDFPage_InsertObject(page.raw, rect)
    pdfium_c.FPDFPage_GenerateContent(page.raw)


def _caption(
    pdf: pdfium.PdfDocument, number: int, x: float, y: float, text: str, size: float = 9
) -> None:
    page = pdf[number - 1]  # one page object, held while the text is put in and written
    caption = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(size))
    wide = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(caption, ctypes.cast(wide, pdfium_c.FPDF_WIDESTRING))
    pdfium_c.FPDFPageObj_Transform(caption, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, caption)
    pdfium_c.FPDFPage_GenerateContent(page.raw)


def stray_caption(folder: Path, text: str = "Photograph: NCB archive") -> Path:
    """A caption printed on page 5 (a site page), under the approaches' last item, 150 pt up
    from the foot: words that belong to no record, and change none."""
    return resaved(folder, lambda pdf: _caption(pdf, 5, 300, 150, text))


def raised_figure(folder: Path, page: int = 5, after: str = "Board.", figure: str = "2") -> Path:
    """`figure` set in 6 pt right after the word `after` (10 pt) on page `page`, touching it,
    its foot raised 4 pt: a superscript as "m²" is set, or a note's citation, where no note
    with that figure is printed anywhere."""
    with pdfplumber.open(COMMITTED_PDF) as pdf:
        plumbed = pdf.pages[page - 1]
        (word,) = [w for w in plumbed.extract_words() if w["text"] == after]
        foot = float(plumbed.height) - word["bottom"]
    return resaved(folder, lambda pdf: _caption(pdf, page, word["x1"] + 0.3, foot + 4, figure, 6))


def _without_line_of(pdf: pdfium.PdfDocument, text: str) -> None:
    """Every text object standing on the line of the one printing `text` taken out."""
    for page in pdf:
        objects = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]))
        textpage = page.get_textpage()
        held = [obj for obj in objects if textpage.get_text_bounded(*obj.get_bounds()) == text]
        if not held:
            continue
        _, foot, _, top = held[0].get_bounds()
        for obj in objects:
            _, bottom, _, height = obj.get_bounds()
            if bottom < top and height > foot:
                page.remove_obj(obj)
        page.gen_content()


def note_removed(folder: Path, source: Path, note: str) -> Path:
    """`source` without the line that prints the note `note` (its text and its number): its
    citation, raised after an item's word, stays."""
    return resaved(folder, lambda pdf: _without_line_of(pdf, note), source)


def page_put_in(folder: Path, before: int, ink: bool = False, running_foot: bool = False) -> Path:
    """A blank page (or one with only a drawing) put in before page `before`; with
    `running_foot`, the page carries the running foot of the page before it (the
    publication's name and that page's number, in its font and place) and nothing else."""

    def put_in(pdf: pdfium.PdfDocument) -> None:
        if running_foot:
            _foot_of_page(pdf, before)
            if ink:
                _draw_rect(pdf[before - 1])
        else:
            _new_page(pdf, before, ink)

    return resaved(folder, put_in)


# The committed pages print their running foot below this height, in PDF points from the
# page's foot, and nothing else there.
RUNNING_FOOT_TOP = 40


def _foot_of_page(pdf: pdfium.PdfDocument, before: int) -> None:
    """A copy of the page before `before` put in before it, with every object but those of
    its running foot taken out."""
    pdf.import_pages(pdf, [before - 2], index=before - 1)
    page = pdf[before - 1]
    for index in reversed(range(pdfium_c.FPDFPage_CountObjects(page.raw))):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        if top.value > RUNNING_FOOT_TOP:
            pdfium_c.FPDFPage_RemoveObject(page.raw, obj)
            pdfium_c.FPDFPageObj_Destroy(obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)


# --- the committed PDF imposed two pages to a sheet (by PDFium) -----------------------------

TWO_UP_EDITION = "pdfium-2up-committed"
# The sheet two A4 pages fill side by side at full size: A3 landscape, in points.
A3_LANDSCAPE = (1190.55, 841.89)


def two_up(folder: Path) -> Path:
    """The committed PDF two pages to a sheet, side by side, as a print shop's 2-up or a
    reader's "export as spreads" makes it: PDFium's N-up import, each page a form XObject
    placed on a landscape A3 sheet (the last sheet holds the back cover alone)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = pdfium.PdfDocument(COMMITTED_PDF)
    imposed = pdfium.PdfDocument(pdfium_c.FPDF_ImportNPagesToOne(source.raw, *A3_LANDSCAPE, 2, 1))
    path = folder / f"{TWO_UP_EDITION}.pdf"
    imposed.save(path)
    imposed.close()
    source.close()
    return path
