"""Headless Chromium driven over its DevTools pipe: one browser prints many pages to PDF.

Starting Chromium costs most of a print (about 0.6 s of CPU and 0.7 s of wall time for a
page that prints in a tenth of that), and the tests print every browser edition again.
One browser, started once, prints them all: each page in a tab of its own, with the
settings of `chromium --headless --print-to-pdf` (the page's CSS size, its backgrounds, no
header or footer of the browser's own), which give a print's bytes but for its dates
(tests/test_editions.py checks it against every committed edition). The DevTools protocol
is spoken over the pipe (`--remote-debugging-pipe`: JSON messages ended by a NUL byte, the
browser reading on its fd 3 and writing on its fd 4), so no port is opened and nothing is
added to the lock.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# The mark of a test module whose editions Chromium prints at test time.
NEEDS_CHROMIUM = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"Chromium ({CHROMIUM}) is not installed: these editions are printed at test time "
    "(apt-get install chromium fonts-liberation2)",
)
# A print that takes longer than this has hung (the slowest edition prints in about 0.3 s).
PRINT_TIMEOUT_SECONDS = 300
# `--print-to-pdf`'s settings, as Page.printToPDF parameters; the others keep their
# defaults (no header or footer, scale 1, every page).
PRINT_SETTINGS = {"printBackground": True, "preferCSSPageSize": True}
# The fd numbers the browser reads commands on and writes replies to.
_COMMAND_FD = 3
_REPLY_FD = 4
# A pipe end is first moved above the fds the browser must find (0-4), so that placing one
# end at fd 3 or 4 can never overwrite the other.
_FIRST_FREE_FD = 10
# Python as a trampoline: puts the two pipe ends at fds 3 and 4 and becomes Chromium
# (subprocess passes fds on only at the numbers they have).
_ON_FDS_3_AND_4 = (
    "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
    "os.execv(sys.argv[3], sys.argv[3:])"
)


def chromium_version() -> str:
    """The installed Chromium's version, as "Chromium 156.0.8078.114"."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} (Chromium) is not installed")
    printed = subprocess.run(
        [CHROMIUM, "--version"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return " ".join(printed.split()[:2])


class BrowserError(RuntimeError):
    """Chromium refused a command, closed its pipe, or did not answer in time."""


def _moved_up(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _FIRST_FREE_FD)
    os.close(fd)
    return moved


class Chromium:
    """One headless Chromium in a profile of its own, for as long as the `with` block."""

    def __init__(self) -> None:
        self._profile = tempfile.TemporaryDirectory()
        browser_reads, commands = map(_moved_up, os.pipe())
        replies, browser_writes = map(_moved_up, os.pipe())
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _ON_FDS_3_AND_4,
                str(browser_reads),
                str(browser_writes),
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={self._profile.name}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(browser_reads, browser_writes),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(browser_reads)
        os.close(browser_writes)
        self._commands = commands
        self._replies = replies
        self._selector = selectors.DefaultSelector()
        self._selector.register(replies, selectors.EVENT_READ)
        self._received = b""
        self._events: list[dict[str, Any]] = []
        self._last_id = 0

    def __enter__(self) -> Chromium:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Ends the browser (asked to close, killed if it does not) and its profile."""
        if self._process.poll() is None:
            with contextlib.suppress(BrowserError, OSError):  # it may close before it answers
                self._command("Browser.close")
            try:
                self._process.wait(timeout=PRINT_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._selector.close()
        for fd in (self._commands, self._replies):
            os.close(fd)
        self._profile.cleanup()

    def print_to_pdf(self, html: Path, pdf: Path) -> Path:
        """The page printed to `pdf` as `chromium --headless --print-to-pdf` prints it,
        once it has loaded and its fonts are ready."""
        target = self._command("Target.createTarget", {"url": "about:blank"})["targetId"]
        tab = self._command("Target.attachToTarget", {"targetId": target, "flatten": True})
        session = tab["sessionId"]
        self._command("Page.enable", session=session)
        self._command("Page.navigate", {"url": html.resolve().as_uri()}, session=session)
        self._event("Page.loadEventFired", session)
        fonts_ready = {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True}
        self._command("Runtime.evaluate", fonts_ready, session=session)
        printed = self._command("Page.printToPDF", PRINT_SETTINGS, session=session)
        pdf.write_bytes(base64.b64decode(printed["data"]))
        self._command("Target.closeTarget", {"targetId": target})
        self._events = [event for event in self._events if event.get("sessionId") != session]
        return pdf

    def _command(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """The browser's result for the command; events that come first are kept."""
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._message()
            if reply.get("id") != self._last_id:
                self._events.append(reply)
            elif "error" in reply:
                raise BrowserError(f"Chromium refused {method}: {reply['error']}")
            else:
                return reply["result"]

    def _event(self, method: str, session: str) -> dict[str, Any]:
        """The first event of that name from that tab, kept or still to come."""
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._events.pop(index)
            self._events.append(self._message())

    def _message(self) -> dict[str, Any]:
        deadline = time.monotonic() + PRINT_TIMEOUT_SECONDS
        while b"\0" not in self._received:
            if not self._selector.select(timeout=max(0.0, deadline - time.monotonic())):
                raise BrowserError(f"Chromium did not answer in {PRINT_TIMEOUT_SECONDS} s")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise BrowserError(f"Chromium closed its pipe (exit code {self._process.poll()})")
            self._received += chunk
        message, _, self._received = self._received.partition(b"\0")
        return json.loads(message)


def print_html(browser: Chromium, html: str, name: str, folder: Path) -> Path:
    """The HTML page, written to `folder` as NAME.html, printed by `browser` to NAME.pdf."""
    source = folder / f"{name}.html"
    source.write_text(html, "utf-8")
    return browser.print_to_pdf(source, folder / f"{name}.pdf")
