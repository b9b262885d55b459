"""pytest-qt set-up for the app tests: offscreen platform (set in tests/conftest.py),
plus a private X server for the tests that drive the real app process."""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from safetykit.app import gc_guard
from safetykit.app import language as language_module
from safetykit.app.language import LanguageController
from tests.helpers import require_tool

XVFB_START_SECONDS = 30


@pytest.fixture(autouse=True)
def _collect_on_the_ui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app (safetykit.app.gc_guard): cycles are collected on this thread only
    during a test; after it, on this thread too, and automatic collection is back on
    for tests that run no event loop."""
    gc_guard.install(qapp)
    yield
    gc_guard.uninstall()


@pytest.fixture
def language(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    controller.set_language("en")
    yield controller
    controller.set_language("en")  # leave the shared QApplication as we found it
    controller.deleteLater()
    assert language_module.tr("&File") == "&File"


@pytest.fixture
def xvfb_display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb server for this test only; its DISPLAY value (":N").

    Xvfb chooses a free display number itself (``-displayfd``) and writes it once it
    accepts connections, so two test runs on one machine never share a server. It
    listens on its Unix socket only (``-nolisten tcp``) and is stopped in a finally.
    """
    xvfb = require_tool("Xvfb")
    read_end, write_end = os.pipe()
    log = (tmp_path / "xvfb.log").open("wb")
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
        pass_fds=(write_end,),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + XVFB_START_SECONDS
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(left, 0))
            if not ready:
                pytest.fail(f"Xvfb did not start in {XVFB_START_SECONDS} s")
            chunk = os.read(read_end, 16)
            if not chunk:
                log.flush()
                pytest.fail(f"Xvfb exited: {(tmp_path / 'xvfb.log').read_text(errors='replace')}")
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
