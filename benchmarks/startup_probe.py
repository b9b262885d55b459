"""Started as a child process by bench_startup: show a window, then quit at once.

``app``: SafetyKit exactly as ``safetykit --data-dir DIR`` starts it. ``bare``: a bare
PySide6 QMainWindow. Both quit on the event loop's first turn after the window is
shown, so the parent's wall time is "process start to window shown" (plus exit).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

_original_exec = QApplication.exec


def _exec_then_quit() -> int:
    QTimer.singleShot(0, QApplication.quit)
    return _original_exec()


def main() -> int:
    mode, data_dir = sys.argv[1], sys.argv[2]
    QApplication.exec = staticmethod(_exec_then_quit)  # type: ignore[method-assign]
    if mode == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.show()
        return app.exec()
    from safetykit.cli import main as safetykit_main

    return safetykit_main(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main())
