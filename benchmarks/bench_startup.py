"""Process start to main window shown: SafetyKit against a bare PySide6 window.

Both are started the same way (a fresh Python process on the offscreen platform, or
the display if there is one), 7 times each, interleaved; we report the median wall
time and the median peak resident memory of the child, and the ratios.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, print_table, ratio

PROBE = Path(__file__).with_name("startup_probe.py")
RUNS = 7


def _one(mode: str, data_dir: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child run."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(PROBE.parent.parent)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(PROBE), mode, data_dir],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{mode} probe exited {done.returncode}")
    peak = next(
        int(line.split("=", 1)[1])
        for line in done.stdout.splitlines()
        if line.startswith("peak_rss_kib=")
    )
    return elapsed, peak / 1024


def results() -> list[Result]:
    walls: dict[str, list[float]] = {"app": [], "bare": []}
    peaks: dict[str, list[float]] = {"app": [], "bare": []}
    with tempfile.TemporaryDirectory() as folder:
        _one("bare", folder)  # warm the file cache for both
        _one("app", folder)
        for _ in range(RUNS):
            for mode in ("bare", "app"):
                wall, peak = _one(mode, folder)
                walls[mode].append(wall)
                peaks[mode].append(peak)
    app_wall, bare_wall = statistics.median(walls["app"]), statistics.median(walls["bare"])
    app_mem, bare_mem = statistics.median(peaks["app"]), statistics.median(peaks["bare"])
    return [
        Result(
            f"startup to window shown (median of {RUNS})",
            f"{app_wall * 1000:,.0f} ms",
            f"{bare_wall * 1000:,.0f} ms bare QMainWindow",
            ratio(app_wall, bare_wall),
        ),
        Result(
            "startup peak memory (median)",
            f"{app_mem:,.1f} MiB",
            f"{bare_mem:,.1f} MiB bare QMainWindow",
            ratio(app_mem, bare_mem),
        ),
    ]


if __name__ == "__main__":
    print_table(results())
