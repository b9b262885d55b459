"""Background work lets nothing go on a pool thread (safetykit.app.worker, gc_guard).

A Python object released on a pool thread is a QObject deleted off its thread when it
holds the last reference to one, and Qt then crashes later somewhere else. These
tests record the thread on which each object is finalized.
"""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from safetykit.app import gc_guard
from safetykit.app.worker import run_in_background, wait_for_pool


class Marker:
    """Records the thread that finalized it."""

    def __init__(self, where: list[int]) -> None:
        weakref.finalize(self, lambda: where.append(threading.get_ident()))


def test_functions_and_results_are_released_on_the_ui_thread(qtbot: QtBot) -> None:
    ui = threading.get_ident()
    receiver = QObject()
    held: list[int] = []  # objects a task's function holds
    made: list[int] = []  # the results
    arrived: list[int] = []
    count = 40

    def task() -> None:
        marker = Marker(held)

        def work() -> Marker:
            _ = marker  # the closure holds it, as a task holding a vault or page would
            return Marker(made)

        run_in_background(work, receiver, lambda _r: arrived.append(threading.get_ident()), print)

    for _ in range(count):
        task()
    assert wait_for_pool()
    qtbot.waitUntil(lambda: len(arrived) == count, timeout=10_000)
    qtbot.waitUntil(lambda: len(held) == count and len(made) == count, timeout=10_000)
    assert set(arrived) == {ui}
    assert set(held) == {ui}, "a task's function was let go on a pool thread"
    assert set(made) == {ui}, "a result was let go on a pool thread"


def test_a_result_for_a_deleted_receiver_is_dropped_and_locked(qtbot: QtBot) -> None:
    locked: list[bool] = []
    gate = threading.Event()

    class Opened:
        def lock(self) -> None:
            locked.append(True)

    def work() -> Opened:
        gate.wait(10)
        return Opened()

    receiver = QObject()
    called: list[object] = []
    run_in_background(work, receiver, called.append, called.append)
    receiver.deleteLater()
    qtbot.waitUntil(lambda: not _alive(receiver), timeout=5_000)
    gate.set()
    assert wait_for_pool()
    qtbot.waitUntil(lambda: locked == [True], timeout=5_000)
    assert called == []


def test_a_failure_reaches_the_receiver(qtbot: QtBot) -> None:
    receiver = QObject()
    failures: list[BaseException] = []

    def work() -> None:
        raise ValueError("the disk is full")

    run_in_background(work, receiver, lambda _r: None, failures.append)
    assert wait_for_pool()
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5_000)
    assert str(failures[0]) == "the disk is full"


def test_cycles_are_collected_on_the_ui_thread_only(qtbot: QtBot, qapp: QApplication) -> None:
    gc_guard.install(qapp)  # as the app does (the fixture did it already)
    assert not gc.isenabled()
    ui = threading.get_ident()
    collected_on: set[int] = set()
    freed: list[int] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collected_on.add(threading.get_ident())

    def churn() -> None:
        # Far past the collector's first threshold, on a thread of its own.
        for _ in range(20_000):
            a: list[object] = []
            a.append(a)
        cycle: list[object] = [Marker(freed)]
        cycle.append(cycle)

    gc.callbacks.append(note)
    try:
        thread = threading.Thread(target=churn)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: freed != [], timeout=10_000)
    finally:
        gc.callbacks.remove(note)
    assert collected_on == {ui}
    assert freed == [ui]


def _alive(obj: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))
