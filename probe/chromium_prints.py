"""Probe editions: the committed Chromium brochures (tests/data/editions/*.html) printed
as a person prints a web page, not as the test module prints it:

- "chrome-dialog-headers": printed with the browser's own header and footer left on (the
  print dialog's default): the date and the page's title at the top of every page, its
  address and "N/M" at the foot;
- "chrome-no-backgrounds": the page's CSS without `print-color-adjust: exact`, so that the
  browser prints no background colours (the print dialog's default): the region banner's
  white text stands on no block, the themes panel's shading is gone.

    .venv/bin/python -m probe.chromium_prints [NAME ...]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "tests" / "data" / "editions"
OUT = ROOT / "probe" / "editions"
CHROMIUM = "/usr/bin/chromium"


def print_page(html: Path, pdf: Path, *, browser_header: bool) -> None:
    with tempfile.TemporaryDirectory() as profile:
        arguments = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        if not browser_header:
            arguments.insert(-1, "--no-pdf-header-footer")
        subprocess.run(arguments, check=True, capture_output=True, timeout=300)


def main(names: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    jobs = {
        "chrome-dialog-headers-grid": ("chromium-grid", True, False),
        "chrome-dialog-headers-table": ("chromium-table", True, False),
        "chrome-no-backgrounds-grid": ("chromium-grid", False, True),
        "chrome-no-backgrounds-table": ("chromium-table", False, True),
        "chrome-no-backgrounds-packed": ("chromium-packed", False, True),
    }
    for name, (source, header, plain) in jobs.items():
        if names and name not in names:
            continue
        html = (COMMITTED / f"{source}.html").read_text(encoding="utf-8")
        if plain:
            # what the dialog's "Background graphics" off leaves out (headless Chromium
            # prints backgrounds whatever the CSS says, so they are taken out here)
            html = html.replace(
                "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }",
                "* { background: none !important; }",
            )
        page = OUT / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        with tempfile.TemporaryDirectory() as folder:
            printed = Path(folder) / "edition.pdf"
            print_page(page, printed, browser_header=header)
            shutil.copyfile(printed, OUT / f"{name}.pdf")
        print(f"wrote {OUT / name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
