"""Print the laid-out lines of some pages of an edition (block, style, marker, box, text):
what the structure stage reads.

    .venv/bin/python -m probe.lines PDF PAGE [PAGE ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.run import laid_out_document


def main(arguments: list[str]) -> int:
    pdf, pages = Path(arguments[0]), {int(p) for p in arguments[1:]}
    document = laid_out_document(pdf, jobs=1)
    for page in document.pages:
        if pages and page.number not in pages:
            continue
        print(f"--- page {page.number} ({page.width:.0f}x{page.height:.0f})")
        for line in page.lines:
            b = line.bbox
            style = f"{line.size:.1f}{'B' if line.bold else ''}{'I' if line.italic else ''}"
            colour = "" if line.color is None else ",".join(f"{c:.2f}" for c in line.color)
            marker = f"[{line.marker}]" if line.marker else ""
            print(
                f"b{line.block:<2} {style:7} {colour:15} x{b.x0:6.1f}-{b.x1:6.1f} "
                f"y{b.top:6.1f}-{b.bottom:6.1f} {marker}{line.text[:70]}"
            )
        for line in page.furniture:
            print(f"   furniture: {line.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
