"""Slow work off the UI thread (DESIGN §12): QThreadPool with a signals object.

Results are delivered to a receiver the caller owns, through a queued connection, so
a page deleted meanwhile never receives them. A result that arrives after the session
locked (its generation moved on) is dropped, and a Vault in it is locked, so nothing
unlocked survives a lock by finishing late.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, func: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.func = func
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.func()
        except BaseException as error:  # handed to the UI thread, which decides
            self.signals.failed.emit(error)
            return
        self.signals.done.emit(result)


_in_flight: set[_Signals] = set()


class _Relay(QObject):
    """A child of the receiver, so delivery is queued to the receiver's thread and
    stops if the receiver is deleted first."""

    def __init__(
        self,
        receiver: QObject,
        signals: _Signals,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        still_wanted: Callable[[], bool],
    ) -> None:
        super().__init__(receiver)
        self._signals = signals
        self._on_done = on_done
        self._on_failed = on_failed
        self._still_wanted = still_wanted
        signals.done.connect(self.done)
        signals.failed.connect(self.failed)

    def _finish(self) -> None:
        _in_flight.discard(self._signals)
        self._signals.deleteLater()
        self.deleteLater()

    def done(self, result: object) -> None:
        self._finish()
        if self._still_wanted():
            self._on_done(result)
        else:
            _drop(result)

    def failed(self, error: object) -> None:
        self._finish()
        if self._still_wanted() and isinstance(error, BaseException):
            self._on_failed(error)


def run_in_background(
    func: Callable[[], Any],
    receiver: QObject,
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    *,
    still_wanted: Callable[[], bool] = lambda: True,
) -> None:
    """Run ``func`` in the pool; call ``on_done(result)`` or ``on_failed(error)`` on
    ``receiver``'s thread, unless ``still_wanted()`` is false by then (a Vault in a
    dropped result is locked)."""
    signals = _Signals()
    _in_flight.add(signals)
    _Relay(receiver, signals, on_done, on_failed, still_wanted)
    QThreadPool.globalInstance().start(_Task(func, signals))


def _drop(result: object) -> None:
    lock = getattr(result, "lock", None)
    if callable(lock):
        lock()  # an unlocked Vault that arrived too late


def wait_for_pool(msecs: int = 30_000) -> bool:
    return bool(QThreadPool.globalInstance().waitForDone(msecs))
