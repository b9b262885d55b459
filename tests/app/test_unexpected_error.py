"""An unexpected exception: one calm dialog with no user content, and nothing written
anywhere (no traceback on stderr, no file)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from safetykit.app import errors
from safetykit.app.language import LanguageController
from tests.app.journey import window

MARKER = "note-marker-5a1f0c"


def test_calm_dialog_without_the_exception_text(
    qtbot: QtBot,
    language: LanguageController,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    win = window(qtbot, language, tmp_path)
    errors.install_excepthook()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.objectName())
        seen.append(box.text())
        box.accept()

    try:
        raise RuntimeError(f"the user's note was {MARKER}")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
        sys.excepthook(*sys.exc_info())  # a burst shows one dialog, not two
    assert (
        len(
            [
                w
                for w in QApplication.topLevelWidgets()
                if w.objectName() == "unexpectedErrorDialog" and w.isVisible()
            ]
        )
        == 1
    )
    read_and_close()
    assert seen[0] == "unexpectedErrorDialog"
    assert "Your saved answers are safe" in seen[1]
    assert MARKER not in seen[1]
    out, err = capfd.readouterr()
    assert MARKER not in out + err
    assert "Traceback" not in err
    # A worker thread's exception is not printed either.
    worker = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError(MARKER)))
    worker.start()
    worker.join()
    out, err = capfd.readouterr()
    assert MARKER not in out + err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    win.close()
