"""Does a key derivation freeze the thread that asked for it? (issue 9, DESIGN §12)

The app runs vault create (calibration and derivation), open and passphrase change on
a worker thread; the UI thread must keep painting. This measures, at full calibrated
strength, the longest gap the calling thread sees while a worker does each, against
the same loop with an idle worker (the baseline: scheduler and timer noise).
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Result, ms, print_table, ratio
from safetykit.vault import Vault

PASS = "benchmark passphrase for the gil test"  # noqa: S105 - a throw-away vault


def _longest_gap(work: Callable[[], object]) -> tuple[float, float]:
    """(longest main-thread gap, work duration) while ``work`` runs in a thread."""
    worker = threading.Thread(target=work)
    started = time.perf_counter()
    worker.start()
    last, longest = time.perf_counter(), 0.0
    while worker.is_alive():
        time.sleep(0.001)  # a UI event loop wakes about this often
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    return longest, time.perf_counter() - started


def results() -> list[Result]:
    rows: list[Result] = []
    idle, _ = _longest_gap(lambda: time.sleep(0.5))
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        holder: list[Vault] = []
        gap, took = _longest_gap(lambda: holder.append(Vault.create(data_dir, PASS)))
        holder[0].lock()
        rows.append(
            Result(
                f"create (calibrate + derive, {took:.2f} s)",
                ms(gap),
                ms(idle),
                ratio(gap, idle),
                "<= 16 ms",
            )
        )
        gap, took = _longest_gap(lambda: holder.append(Vault.open(data_dir, PASS)))
        rows.append(Result(f"open ({took:.2f} s)", ms(gap), ms(idle), ratio(gap, idle), "<= 16 ms"))
        vault = holder[-1]
        gap, took = _longest_gap(lambda: vault.change_passphrase(PASS + " new"))
        vault.lock()
        rows.append(
            Result(
                f"passphrase change ({took:.2f} s)", ms(gap), ms(idle), ratio(gap, idle), "<= 16 ms"
            )
        )
    return [
        Result(f"longest calling-thread gap: {r.name}", r.value, r.baseline, r.ratio, r.aim)
        for r in rows
    ]


if __name__ == "__main__":
    print_table(results())
