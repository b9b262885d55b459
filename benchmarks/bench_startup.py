"""Process start to main window shown: SafetyKit against a bare PySide6 window.

Both are started the same way (a fresh Python process on the offscreen platform, or
the display if there is one), 7 times each, interleaved; we report the median wall
time and the median peak resident memory of the child, and the ratios. SafetyKit is
measured twice: a first run (the first-run wizard) and a start with a vault (the
unlock screen). Bytecode caching is on, as on a user's machine (an environment that
sets PYTHONDONTWRITEBYTECODE would otherwise make every run recompile every module).
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
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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


def _with_vault(folder: Path) -> None:
    from safetykit.vault import Vault
    from safetykit.vault.kdf import TEST_PARAMS

    Vault.create(folder, "benchmark passphrase only", kdf_params=TEST_PARAMS).lock()


def results() -> list[Result]:
    modes = ("bare", "app", "app-unlock")
    walls: dict[str, list[float]] = {mode: [] for mode in modes}
    peaks: dict[str, list[float]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
        _with_vault(Path(full))
        folders = {"bare": empty, "app": empty, "app-unlock": full}
        for mode in modes:  # warm the file and bytecode caches
            _one(mode.removesuffix("-unlock"), folders[mode])
        for _ in range(RUNS):
            for mode in modes:
                wall, peak = _one(mode.removesuffix("-unlock"), folders[mode])
                walls[mode].append(wall)
                peaks[mode].append(peak)
    bare_wall, bare_mem = statistics.median(walls["bare"]), statistics.median(peaks["bare"])
    rows = []
    for mode, what in (("app", "first run"), ("app-unlock", "with a vault")):
        wall, mem = statistics.median(walls[mode]), statistics.median(peaks[mode])
        rows += [
            Result(
                f"startup to window shown, {what} (median of {RUNS})",
                f"{wall * 1000:,.0f} ms",
                f"{bare_wall * 1000:,.0f} ms bare QMainWindow",
                ratio(wall, bare_wall),
                "<= 1.3x",
            ),
            Result(
                f"startup peak memory, {what} (median)",
                f"{mem:,.1f} MiB",
                f"{bare_mem:,.1f} MiB bare QMainWindow",
                f"+{mem - bare_mem:,.1f} MiB",
                "<= +30 MiB",
            ),
        ]
    return rows


if __name__ == "__main__":
    print_table(results())
