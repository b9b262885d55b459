"""Load what an unlock needs while the person types their passphrase.

The window is shown first with the least loaded (design decision #24); the modules of
the unlocked screens, the crypto library, the packs and the plan come next: the Qt-free
ones, and the language's number and date data (Babel), on a background thread; the
screens' Qt modules and PySide's classes on the UI thread once the first window has
been painted (PySide's modules are not imported off the main thread), in small steps,
a few milliseconds per turn of the event loop, so typing never waits for them. An
unlock then only builds widgets instead of importing a hundred modules first.

Why PySide's classes: PySide creates a class (and its enums, some with hundreds of
members) when it is first used, and when Qt hands Python a widget of a class it does
not wrap (a scroll area's inner parts, a table's model), PySide creates every widget
class it has, to find the nearest one. Done at unlock, that held the UI thread for
about 90 ms; done here, one class at a time, it is spread over the typing.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import threading
import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QTimer

# Every module of these (Qt-free: tests/test_architecture.py keeps them so) loads on the
# background thread.
CORE_PACKAGES = (
    "safetykit.vault",
    "safetykit.packs",
    "safetykit.assessment",
    "safetykit.plan",
    "safetykit.views",
)
CORE_MODULES = ("safetykit.messages", "safetykit.formatting")
# Then, on the UI thread, every module of the app, widgets first, one per step: with
# the Qt-free modules and PySide's classes loaded, each is only its own definitions.
APP_PACKAGES = (
    "safetykit.app.widgets",
    "safetykit.app.dialogs",
    "safetykit.app.pages",
    "safetykit.app",
)
# Every class of these is created: Qt's unwrapped widgets make PySide look at all of
# them (see above). QtGui and QtCore only for the few an unlock touches.
WHOLE_MODULES = ("PySide6.QtWidgets", "PySide6.QtPrintSupport")
CLASSES = (
    ("PySide6.QtGui", "QFontMetrics"),
    ("PySide6.QtGui", "QInputMethod"),
    ("PySide6.QtGui", "QPaintDeviceWindow"),
    ("PySide6.QtGui", "QRasterWindow"),
    ("PySide6.QtGui", "QRgba64"),
    ("PySide6.QtCore", "QThread"),
)
SCREENS_DELAY_MS = 150  # after the first paint
SLICE_SECONDS = 0.004  # of UI-thread work per turn of the event loop


def _import(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception:  # a broken module shows its error when used
        return


def _modules(package: str) -> list[str]:
    """The modules of ``package`` (not its subpackages), by name."""
    try:
        found = importlib.import_module(package)
    except Exception:  # a broken package shows its error when used
        return []
    return sorted(
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(getattr(found, "__path__", []))
        if not info.ispkg
    )


def _background(lang: str) -> None:
    for package in CORE_PACKAGES:
        for name in _modules(package):
            _import(name)
    for name in CORE_MODULES:
        _import(name)
    try:
        import datetime as dt

        from safetykit import formatting

        # Babel reads its locale data on first use (tens of milliseconds): the
        # dashboard's first percentage would otherwise pay it on the UI thread.
        formatting.percent(50, lang)
        formatting.number(1, lang)
        formatting.date(dt.date.today(), lang)
    except Exception:  # only a warm-up; the real call reports
        return


class _Wait:
    """A step that is ready once ``ready()`` is true (until then, tried next turn)."""

    def __init__(self, ready: Callable[[], bool]) -> None:
        self.ready = ready


def ui_steps(background: threading.Thread | None = None) -> Iterator[Callable[[], object] | _Wait]:
    """The UI-thread work, one small step at a time."""
    for module_name in WHOLE_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for attribute in dir(module):
            if attribute.startswith("Q"):
                yield functools.partial(getattr, module, attribute, None)
    for module_name, attribute in CLASSES:
        yield functools.partial(_touch, module_name, attribute)
    if background is not None:
        # The app's modules import the core's: a module the background thread is
        # loading at that moment would hold the UI thread until it is done.
        yield _Wait(lambda: not background.is_alive())
    for package in APP_PACKAGES:
        for name in _modules(package):
            yield functools.partial(_import, name)


def _touch(module_name: str, attribute: str) -> None:
    getattr(importlib.import_module(module_name), attribute, None)


class _Slices:
    """Runs steps on the UI thread, about SLICE_SECONDS of them per turn."""

    WAIT_MS = 20

    def __init__(self, steps: Iterator[Callable[[], object] | _Wait]) -> None:
        self.steps = steps
        self.waiting: _Wait | None = None
        self.done = False

    def run(self) -> None:
        if self.waiting is not None:
            if not self.waiting.ready():
                QTimer.singleShot(self.WAIT_MS, self.run)
                return
            self.waiting = None
        end = time.perf_counter() + SLICE_SECONDS
        for step in self.steps:
            if isinstance(step, _Wait):
                self.waiting = step
                QTimer.singleShot(0, self.run)
                return
            step()
            if time.perf_counter() >= end:
                QTimer.singleShot(0, self.run)
                return
        self.done = True


_running: _Slices | None = None


def start(lang: str = "en") -> None:
    global _running
    background = threading.Thread(
        target=_background, args=(lang,), name="safetykit-preload", daemon=True
    )
    background.start()
    _running = _Slices(ui_steps(background))
    QTimer.singleShot(SCREENS_DELAY_MS, _running.run)


def finished() -> bool:
    """Whether the UI-thread steps are all done (benchmarks wait for it)."""
    return _running is not None and _running.done
