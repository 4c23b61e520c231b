"""Where the tests find the repository's files: written once, used by every test module."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMITTED_PDF = ROOT / "raw" / "ncb-safeguarding-early-adopters-overview.pdf"
MANIFEST = ROOT / "raw" / "manifest.json"
GOLDEN_MODEL = ROOT / "tests" / "golden" / "document_model.json"
SHARED = ROOT.parent / "shared"  # beside a checkout on the team's machines; absent in a clone
