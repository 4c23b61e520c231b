"""Visual QA (`python -m pipeline qa`): every site page drawn, each published approach boxed
where its record says and listed beside its page, the same bytes on every run, and the
page checked in a real browser (Debian's chromium) to load and show every picture."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from pipeline.cli import main
from pipeline.model import BBox, DocumentModel
from pipeline.outputs.qa import (
    INDEX,
    KINDS,
    LABEL_MARGIN,
    OUTLINE,
    RESOLUTION,
    Mark,
    PageRecords,
    index_html,
    page_picture,
    page_records,
    png_name,
)
from tests.support.committed import committed_output
from tests.support.paths import COMMITTED_PDF
from tests.support.printed import printed_pdf
from tests.support.samples import MODEL, NE_ID, YORK_ID, sample_tables

SITE_PAGES = list(range(3, 21))  # page 1 is the cover, 2 the introduction, 21 the back
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def published() -> Path:
    """The committed PDF as `build` publishes it (made once per test run, read only)."""
    return committed_output()


@pytest.fixture(scope="module")
def qa_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qa") / "qa"
    assert main(["qa", "--source", str(COMMITTED_PDF), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def approaches(published: Path) -> pd.DataFrame:
    """The published approaches of the committed PDF, in published order."""
    return pd.read_csv(published / "csv" / "approaches.csv")


def picture(path: Path) -> Image.Image:
    """The PNG's pixels, its file closed."""
    with Image.open(path) as image:
        return image.convert("RGB")


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def page_sections(index: str) -> dict[int, str]:
    """The HTML of each page's section, by page number, in document order."""
    return {
        int(page): body
        for page, body in re.findall(r'<section id="page-(\d+)">(.*?)</section>', index, re.S)
    }


def table_rows(section: str, name: str) -> list[tuple[str, ...]]:
    table = re.search(rf'<table class="{name}">(.*?)</table>', section, re.S)
    if table is None:
        return []
    return [
        tuple(html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", row))
        for row in re.findall(r"<tr>(<td>.*?)</tr>", table[1], re.S)
    ]


def test_every_site_page_is_drawn_and_shown_in_page_order(qa_out: Path) -> None:
    pictures = [png_name(page) for page in SITE_PAGES]
    assert sorted(path.name for path in qa_out.iterdir()) == sorted([INDEX, *pictures])
    index = (qa_out / INDEX).read_text(encoding="utf-8")
    assert list(page_sections(index)) == SITE_PAGES
    assert re.findall(r'<img src="([^"]+)"', index) == pictures
    with printed_pdf(COMMITTED_PDF) as pdf:
        for page in SITE_PAGES:
            width, height = picture(qa_out / png_name(page)).size
            scale = RESOLUTION / 72
            pdf_page = pdf.pages[page - 1]
            # The page, with a strip for the labels on either side of it.
            assert (width, height) == (
                round(pdf_page.width * scale) + 2 * LABEL_MARGIN,
                round(pdf_page.height * scale),
            )
            assert f'width="{width}" height="{height}"' in page_sections(index)[page]


def test_each_page_lists_the_records_published_for_it(qa_out: Path, approaches, published):
    sections = page_sections((qa_out / INDEX).read_text(encoding="utf-8"))
    for page, section in sections.items():
        on_page = approaches[approaches["page"] == page]
        assert table_rows(section, "approaches") == [
            (row.approach_id, row.section_heading, row.item_text)
            for row in on_page.itertuples(index=False)
        ], page
    site_themes = pd.read_csv(published / "csv" / "site_themes.csv")
    listed = [row for section in sections.values() for row in table_rows(section, "themes")]
    assert sorted((int(order), printed, theme_id) for order, printed, theme_id in listed) == sorted(
        site_themes[["theme_order", "theme_published", "theme_id"]].itertuples(
            index=False, name=None
        )
    )
    assert table_rows(sections[11], "header") == []  # a continuation page: no header of its own
    assert "(continued)" in sections[11]
    assert table_rows(sections[6], "header")[:2] == [
        ("region", "North East"),
        ("LA 1", "Northumberland"),
    ]


def _has_colour_near(drawn: Image.Image, x: float, y: float, colour: tuple[int, ...]) -> bool:
    """Whether the outline colour stands within a pixel or two of (x, y)."""
    return any(drawn.getpixel((round(x) + dx, round(y))) == colour for dx in range(-OUTLINE - 1, 2))


def test_each_approach_is_boxed_where_its_record_says(qa_out: Path, approaches) -> None:
    """The left edge of each approach's box, at half its height, is drawn in the approach
    colour: the pictures use the published coordinates, at the published scale."""
    colour, _ = KINDS["approach"]
    scale = RESOLUTION / 72
    for page, rows in approaches.groupby("page"):
        drawn = picture(qa_out / png_name(page))
        for row in rows.itertuples(index=False):
            middle = (row.top + row.bottom) / 2 * scale
            left = LABEL_MARGIN + row.x0 * scale - OUTLINE
            right = LABEL_MARGIN + row.x1 * scale + OUTLINE
            assert _has_colour_near(drawn, left, middle, colour), row.approach_id
            assert _has_colour_near(drawn, right, middle, colour), row.approach_id


def test_labels_stand_beside_the_page_never_on_its_text(qa_out: Path, approaches) -> None:
    """On the page itself the approach colour, solid, is only ever a box's outline: no
    label covers the item it names or the line above it. The labels are in the strips
    beside the page, at least one label's height for each approach."""
    colour = np.array(KINDS["approach"][0])
    scale = RESOLUTION / 72
    for page, rows in approaches.groupby("page"):
        pixels = np.asarray(picture(qa_out / png_name(page)))
        solid = (pixels == colour).all(axis=2)
        outlines = np.zeros_like(solid)
        band = OUTLINE + 1
        for row in rows.itertuples(index=False):
            left = round(LABEL_MARGIN + row.x0 * scale) - band
            right = round(LABEL_MARGIN + row.x1 * scale) + band
            top, bottom = round(row.top * scale) - band, round(row.bottom * scale) + band
            outlines[top : bottom + 1, left : right + 1] = True
            inner = slice(top + 2 * band, bottom - 2 * band + 1)
            outlines[inner, left + 2 * band : right - 2 * band + 1] = False
        page_area = np.zeros_like(solid)
        page_area[:, LABEL_MARGIN : pixels.shape[1] - LABEL_MARGIN] = True
        assert not (solid & page_area & ~outlines).any(), page
        labelled_rows = (solid & ~page_area).any(axis=1).sum()
        assert labelled_rows >= len(rows) * 8, page  # a label is at least 8 pixels tall


def test_approaches_are_labelled_by_their_id_without_the_site(tmp_path: Path) -> None:
    pages = page_records(MODEL, sample_tables(tmp_path / "reference"))
    labels = {
        records.page: [mark.label for mark in records.marks if mark.kind == "approach"]
        for records in pages
    }
    assert labels == {3: ["s1-i1"], 4: ["s1-i2"], 5: ["s1-i1", "s1-i2", "s2-i1"]}
    assert [row[0] for row in pages[2].approaches] == [  # the full id in the table
        f"{YORK_ID}-s1-i1",
        f"{YORK_ID}-s1-i2",
        f"{YORK_ID}-s2-i1",
    ]
    assert pages[0].approaches[0][0] == f"{NE_ID}-s1-i1"


def test_the_page_picture_is_shown_at_full_width_above_its_records(qa_out: Path) -> None:
    index = (qa_out / INDEX).read_text(encoding="utf-8")
    style = (
        ".page img { border: 1px solid #999; width: 100%; height: auto; box-sizing: border-box; }"
    )
    assert style in index
    assert "display: flex" not in index
    section = page_sections(index)[3]
    assert section.index("<img ") < section.index('<div class="records">')


def test_themes_headings_and_site_headers_are_marked_in_colours_of_their_own(qa_out: Path):
    colours = {colour for _, colour in picture(qa_out / png_name(3)).getcolors(1 << 22)}
    for kind in ("approach", "heading", "theme", "header"):
        assert KINDS[kind][0] in colours, kind
    assert KINDS["unplaced"][0] not in colours  # the committed PDF places every word


def test_a_word_placed_in_no_record_is_boxed_in_red_and_listed() -> None:
    """The committed PDF places every word; a page where the structure stage did not
    shows each such word, so a reviewer sees what the tables miss."""
    stray = Mark("unplaced", "unplaced", BBox(100, 700, 160, 712))
    with printed_pdf(COMMITTED_PDF) as pdf:
        drawn = page_picture(pdf.pages[2], [stray])
    scale = RESOLUTION / 72
    assert _has_colour_near(
        drawn, LABEL_MARGIN + 100 * scale - OUTLINE, 706 * scale, KINDS["unplaced"][0]
    )
    records = PageRecords(
        page=3,
        site_id="tameside",
        site_name="Tameside",
        continued=False,
        marks=(stray,),
        header=(),
        themes=(),
        approaches=(),
        unplaced=("stray", "words"),
    )
    index = index_html(DocumentModel("Title", None, 21, ()), [records], {3: drawn.size})
    assert '<p class="unplaced">Placed in no record (2 words): stray words</p>' in index


def test_a_rerun_replaces_the_folder_with_the_same_bytes(qa_out: Path, tmp_path: Path, capsys):
    out = tmp_path / "qa"
    shutil.copytree(qa_out, out)
    (out / png_name(99)).write_bytes(b"a page of an earlier edition")
    assert main(["qa", "--source", str(COMMITTED_PDF), "--out", str(out)]) == 0
    assert contents(out) == contents(qa_out)
    assert capsys.readouterr().err == (
        f"drew {len(SITE_PAGES)} site pages into {out}: open {out / INDEX}\n"
    )


def test_a_folder_that_is_not_a_qa_output_is_refused_at_once(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["qa", "--source", str(COMMITTED_PDF), "--out", str(tmp_path)]) == 11
    assert capsys.readouterr().err.startswith(f"error: refusing to replace {tmp_path}: ")
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


# --- in a real browser ------------------------------------------------------------------

# Appended to a copy of index.html: once the page has loaded, write each image's state into
# the DOM, which chromium --dump-dom then prints. A missing or broken image has a natural
# width of 0; a hidden one a rendered width of 0.
REPORT_SCRIPT = """<script>
window.addEventListener("load", () => {
  const report = document.createElement("pre");
  report.id = "image-report";
  report.textContent = Array.from(document.images, (image) =>
    [image.getAttribute("src"), image.complete, image.naturalWidth, image.naturalHeight,
     Math.round(image.getBoundingClientRect().width),
     Math.round(image.parentElement.getBoundingClientRect().width)].join(" ")).join("\\n");
  document.body.append(report);
});
</script>
"""


def images_in_chromium(folder: Path, profile: Path) -> dict[str, tuple[bool, int, int, int, int]]:
    """src -> (complete, natural width, natural height, shown width, width of the element
    holding it) for every <img> of
    folder/index.html, as headless chromium loads it from disk with no network."""
    index = (folder / INDEX).read_text(encoding="utf-8")
    check = folder / "check.html"
    check.write_text(index.replace("</body>", REPORT_SCRIPT + "</body>"), encoding="utf-8")
    result = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            check.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = re.search(r'<pre id="image-report">(.*?)</pre>', result.stdout, re.S)
    assert report is not None, f"no image report in the page chromium loaded: {result.stderr}"
    images = {}
    for line in report[1].splitlines():
        src, complete, *sizes = line.split(" ")
        images[src] = (complete == "true", *map(int, sizes))
    return images


needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="the browser check needs Debian's chromium at /usr/bin/chromium "
    "(apt-get install chromium); see README, Two commands",
)


@needs_chromium
def test_chromium_loads_the_page_and_shows_every_image(qa_out: Path, tmp_path: Path) -> None:
    folder = tmp_path / "qa"
    shutil.copytree(qa_out, folder)
    images = images_in_chromium(folder, tmp_path / "profile")
    assert list(images) == [png_name(page) for page in SITE_PAGES]
    for src, (complete, width, height, shown, room) in images.items():
        assert complete and (width, height) == picture(folder / src).size, src
        assert shown == room > 0, src  # the whole width of the page, not a part of it


@needs_chromium
def test_the_browser_check_sees_a_missing_image(qa_out: Path, tmp_path: Path) -> None:
    """The check above can fail: with one picture gone, chromium reports it unloaded."""
    folder = tmp_path / "qa"
    shutil.copytree(qa_out, folder)
    (folder / png_name(10)).unlink()
    images = images_in_chromium(folder, tmp_path / "profile")
    assert images[png_name(10)][1:3] == (0, 0)
    assert all(width > 0 for src, (_, width, *_) in images.items() if src != png_name(10))
