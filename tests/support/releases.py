"""Releases of the committed edition for the tests, configured as release.example.toml's
fictional publisher says (the repository's own example of every key)."""

from __future__ import annotations

import datetime
from pathlib import Path

from pipeline.outputs.release import ReleaseOptions, WrittenRelease, write_release
from pipeline.outputs.release_config import ReleaseConfig, read_release_config
from tests.support.committed import committed_output
from tests.support.paths import MANIFEST, ROOT

EXAMPLE_CONFIG = ROOT / "release.example.toml"
DATE = datetime.date(2031, 7, 19)  # a date no data file could hold by chance


def example_config() -> ReleaseConfig:
    return read_release_config(EXAMPLE_CONFIG)


def example_options(version: str = "0.1.0", date: datetime.date = DATE) -> ReleaseOptions:
    return ReleaseOptions(version=version, date=date, config=example_config())


def changelog_for(version: str, folder: Path) -> Path:
    """The repository's changelog with an entry for version added when it has none."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    if f"\n## {version}\n" not in text:
        heading = "\n## "
        first, rest = text.split(heading, 1)
        text = f"{first}\n## {version}\n\nA release made by the tests.\n{heading}{rest}"
    path = folder / f"CHANGELOG-{version}.md"
    path.write_text(text, encoding="utf-8")
    return path


def example_release(releases: Path, version: str = "0.1.0") -> WrittenRelease:
    """releases/VERSION written from the committed edition, with the example configuration."""
    releases.mkdir(parents=True, exist_ok=True)
    return write_release(
        committed_output(),
        example_options(version),
        releases,
        changelog=changelog_for(version, releases.parent),
        manifest=MANIFEST,
    )
