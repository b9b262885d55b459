"""Python's cyclic garbage collector, run on the UI thread only.

Left alone, the collector runs in whichever thread happens to cross its allocation
threshold, often a pool thread loading packs or deriving a key, and a cycle it frees
there may hold a widget that Python owns: Qt then deletes that widget off its thread,
and the app crashes later somewhere unrelated. So automatic collection is switched
off and a timer on the UI thread collects with the same thresholds (the pattern
calibre and pyqtgraph use). Reference counting still frees everything not in a cycle
at once, wherever it is dropped.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500

_guard: _Collector | None = None


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def check(self) -> None:
        """What automatic collection would have done by now, in the same order."""
        young, middle, old = gc.get_count()
        if young > self.thresholds[0]:
            gc.collect(0)
            if middle > self.thresholds[1]:
                gc.collect(1)
                if old > self.thresholds[2]:
                    gc.collect(2)


def install(app: QObject) -> None:
    """Switch automatic collection off and collect on ``app``'s thread instead."""
    global _guard
    if _guard is not None:
        return
    _guard = _Collector(app)
    gc.disable()
    _guard.timer.start()


def uninstall() -> None:
    """Automatic collection back on (tests: the rest of a test run has no event loop)."""
    global _guard
    if _guard is None:
        return
    _guard.timer.stop()
    _guard.deleteLater()
    _guard = None
    gc.collect()
    gc.enable()
