"""Fixtures shared by the test modules."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.read.cache import CACHE_DIR_VARIABLE
from tests.portal.ckan_portal import RunningPortal, launch_portal, missing_prerequisites
from tests.support.chromium import CHROMIUM, Chromium
from tests.support.outputs import assert_complete_output
from tests.support.paths import COMMITTED_PDF


@pytest.fixture(scope="session", autouse=True)
def layout_cache_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds run by the tests (in this process or as commands) keep their layout cache in
    a temporary folder, not in the checkout's .cache/layout."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_DIR_VARIABLE, str(tmp_path_factory.mktemp("layout-cache")))
        yield


@pytest.fixture(scope="session")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build of the committed PDF as the failure tests run theirs (the command, no
    manifest, so the documents row records no publication date or address): the published
    output that every failed, killed or concurrent build must leave exactly as it was.
    (tests/support/committed.py's build is `make build`'s, manifest included.)"""
    out = tmp_path_factory.mktemp("previous") / "output"
    assert main(["build", "--source", str(COMMITTED_PDF), "--out", str(out), "-q"]) == 0
    assert_complete_output(out)
    return out


@pytest.fixture
def out_dir(previous_output: Path, tmp_path: Path) -> Path:
    """A copy of the previous output in a folder of its own (tmp_path/published/output)."""
    out = tmp_path / "published" / "output"
    shutil.copytree(previous_output, out)
    return out


@pytest.fixture(scope="session")
def launched_ckan_portal() -> Iterator[RunningPortal]:
    """A real CKAN 2.11 portal on 127.0.0.1 (tests/portal/ckan_portal.py), launched once per
    test run and stopped at its end; the tests skip, saying why, where it cannot run. It
    sets itself up while the tests' other fixtures are made (a session fixture is made
    before module and function ones): ckan_portal waits for it."""
    reason = missing_prerequisites()
    if reason is not None:
        pytest.skip(reason)
    portal = launch_portal()
    try:
        yield portal
    finally:
        portal.stop()


@pytest.fixture
def ckan_portal(launched_ckan_portal: RunningPortal) -> RunningPortal:
    """The portal, serving (the first test to ask waits until it does)."""
    return launched_ckan_portal.serving()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """One headless Chromium for the test process, printing every edition the tests print
    (tests/support/chromium.py); the tests that ask for it skip where it is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium ({CHROMIUM}) is not installed")
    with Chromium() as browser:
        yield browser
