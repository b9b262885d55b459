"""Slow work off the UI thread (DESIGN §12): QThreadPool, results queued back.

Results are delivered to a receiver the caller owns, through a queued connection, so
a page deleted meanwhile never receives them. A result that arrives after the session
locked (its generation moved on) is dropped, and a Vault in it is locked, so nothing
unlocked survives a lock by finishing late.

Nothing is let go by a pool thread: a task emits through one dispatcher that lives
on the UI thread for the whole run; the UI thread keeps its own reference to the
function until the result is in, and the result travels in a box the UI thread
empties, so the last reference to anything (a QObject a closure holds, a result)
is dropped on the UI thread. A per-task signals object, released by whichever thread
dropped its last reference, was now and then destroyed on a pool thread, and Qt
crashed later in an unrelated call on the UI thread (CI saw it in a table's resize).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

# How long a thread may hold Python's interpreter lock while another waits: 1 ms, not
# 5. A worker opening the vault and loading packs is pure Python; the UI thread waited
# up to 5 ms for each turn of its own, and an unlock stalled it for 15-20 ms in all
# (benchmarks/bench_ui.py: about 11 ms with this).
UI_SWITCH_INTERVAL = 0.001


def favour_ui_thread() -> None:
    """Let the UI thread back in sooner when a worker runs Python code (the app's start)."""
    sys.setswitchinterval(UI_SWITCH_INTERVAL)


class _Dispatcher(QObject):
    """Lives on the UI thread; pool threads only emit its signal."""

    finished = Signal(int, bool, object)  # task number, succeeded, result or error

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict[int, tuple[_Relay, Callable[[], Any]]] = {}
        self.finished.connect(self._deliver)

    def _deliver(self, number: int, ok: bool, box: object) -> None:
        assert isinstance(box, list)
        value = box.pop()
        relay, _func = self.pending.pop(number, (None, None))
        if relay is None or not shiboken6.isValid(relay):
            _drop(value)  # its receiver was deleted meanwhile
            return
        relay.deliver(ok, value)


_dispatcher: _Dispatcher | None = None
_numbers = itertools.count(1)


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        _dispatcher = _Dispatcher()  # run_in_background is called on the UI thread
    return _dispatcher


class _Task(QRunnable):
    def __init__(self, number: int, func: Callable[[], Any], dispatcher: _Dispatcher) -> None:
        super().__init__()
        self.number = number
        self.func: Callable[[], Any] | None = func
        self.dispatcher = dispatcher  # long-lived; never released by this thread

    def run(self) -> None:
        # The UI thread holds the function too (``pending``) and drops it after the
        # result is in, so letting go of it here, before reporting, is never the last.
        func, self.func = self.func, None
        assert func is not None
        box: list[object] = []
        try:
            box.append(func())
            ok = True
        except BaseException as error:  # handed to the UI thread, which decides
            box.append(error)
            ok = False
        del func
        self.dispatcher.finished.emit(self.number, ok, box)


class _Relay(QObject):
    """A child of the receiver (on the UI thread), so a result stops there if the
    receiver is deleted first."""

    def __init__(
        self,
        receiver: QObject,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        still_wanted: Callable[[], bool],
    ) -> None:
        super().__init__(receiver)
        self._on_done = on_done
        self._on_failed = on_failed
        self._still_wanted = still_wanted

    def deliver(self, ok: bool, value: object) -> None:
        self.deleteLater()
        if not self._still_wanted():
            if ok:
                _drop(value)
        elif ok:
            self._on_done(value)
        elif isinstance(value, BaseException):
            self._on_failed(value)


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
    dispatcher = _the_dispatcher()
    number = next(_numbers)
    dispatcher.pending[number] = (_Relay(receiver, on_done, on_failed, still_wanted), func)
    QThreadPool.globalInstance().start(_Task(number, func, dispatcher))


def _drop(result: object) -> None:
    lock = getattr(result, "lock", None)
    if callable(lock):
        lock()  # an unlocked Vault that arrived too late


def wait_for_pool(msecs: int = 30_000) -> bool:
    return bool(QThreadPool.globalInstance().waitForDone(msecs))
