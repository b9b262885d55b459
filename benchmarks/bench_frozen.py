"""The frozen app against a bare PySide6 QMainWindow frozen the same way (issue 16, point 3).

In one run this builds, with the PyInstaller of this environment:
- SafetyKit from packaging/safetykit.spec (one folder), and
- a bare app: a script that shows a QMainWindow and quits, frozen with PyInstaller's
  defaults (``pyinstaller --onedir bare.py``), which is what any PySide6 app starts at;
then compares the folders' sizes (every regular file, not following links) and the
time from process start to the first window shown, on the offscreen platform unless
a display is set: SafetyKit through ``safetykit self-test --probe window`` (the app
itself, on an empty data folder, quitting on the event loop's first turn after its
first window is shown), the bare app quitting the same way. 7 runs each, interleaved,
after one warm-up; medians. Aims: size at most 0.8x, start at most 1.3x.

Builds take about a minute each on a 2-core machine; this is not run in CI.
``SAFETYKIT_BENCH_REUSE=1`` uses an existing build/pyinstaller/dist/safetykit instead
of building SafetyKit again.
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

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
BARE = """\
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def pyinstaller(*args: str, cwd: Path) -> None:
    tool = Path(sys.executable).with_name("pyinstaller")
    subprocess.run(
        [str(tool), "--noconfirm", "--log-level", "ERROR", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=900,
    )


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def start_seconds(command: list[str]) -> float:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def results() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="safetykit-bench-frozen-") as tmp:
        work = Path(tmp)
        (work / "bare.py").write_text(BARE)
        pyinstaller(
            "--onedir", "--distpath", "dist", "--workpath", "work-bare", "bare.py", cwd=work
        )
        bare = work / "dist" / "bare"
        if os.environ.get("SAFETYKIT_BENCH_REUSE") == "1":
            app = ROOT / "build" / "pyinstaller" / "dist" / "safetykit"
        else:
            pyinstaller(
                "--distpath",
                str(work / "dist"),
                "--workpath",
                str(work / "work-app"),
                str(ROOT / "packaging" / "safetykit.spec"),
                cwd=ROOT,
            )
            app = work / "dist" / "safetykit"
        data = work / "data"
        commands = {
            "bare": [str(bare / "bare")],
            "app": [
                *(str(app / "safetykit"), "self-test", "--probe", "window"),
                *("--data-dir", str(data)),
            ],
        }
        for command in commands.values():  # warm the file cache
            start_seconds(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                times[name].append(start_seconds(command))
        app_size, bare_size = folder_size(app), folder_size(bare)
    app_start, bare_start = statistics.median(times["app"]), statistics.median(times["bare"])
    return [
        Result(
            "frozen app folder size (Linux, one folder)",
            f"{app_size / 2**20:,.1f} MiB",
            f"{bare_size / 2**20:,.1f} MiB bare PySide6 QMainWindow",
            ratio(app_size, bare_size),
            "<= 0.8x",
        ),
        Result(
            f"frozen start to first window, first run (median of {RUNS})",
            f"{app_start * 1000:,.0f} ms",
            f"{bare_start * 1000:,.0f} ms bare PySide6 QMainWindow",
            ratio(app_start, bare_start),
            "<= 1.3x",
        ),
    ]


if __name__ == "__main__":
    print_table(results())
