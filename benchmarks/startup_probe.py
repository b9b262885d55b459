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


def peak_rss_kib() -> int:
    """This process's peak resident memory. VmHWM belongs to the process image, unlike
    ru_maxrss, which on Linux keeps the parent's peak across fork and exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> int:
    mode, data_dir = sys.argv[1], sys.argv[2]
    QApplication.exec = staticmethod(_exec_then_quit)  # type: ignore[method-assign]
    if mode == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.show()
        status = app.exec()
    else:
        from safetykit.cli import main as safetykit_main

        status = safetykit_main(["--data-dir", data_dir])
    print(f"peak_rss_kib={peak_rss_kib()}")
    return status


if __name__ == "__main__":
    sys.exit(main())
