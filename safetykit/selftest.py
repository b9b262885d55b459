"""``safetykit self-test``: an offline check of what this installation can do.

One line per check, ``ok`` or ``FAIL`` with the reason; exit 0 only if all pass. Each
capability adds its check to CHECKS.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from typing import TextIO

from safetykit import resources

Check = Callable[[], str]  # returns a short detail on success, raises on failure


def check_resources() -> str:
    found = [str(resources.data_dir(name)) for name in resources.DATA_FOLDERS]
    return f"{len(found)} data folders found"


def check_qt() -> str:
    """Start Qt in a child process, so a broken Qt install cannot take us down with it."""
    env = dict(os.environ)
    if not env.get("QT_QPA_PLATFORM") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    code = (
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication(['safetykit-self-test'])\n"
        "w = QMainWindow(); w.show(); app.processEvents()\n"
        "print(app.platformName())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"Qt did not start: {last}")
    return f"Qt starts ({done.stdout.strip()} platform)"


CHECKS: list[tuple[str, Check]] = [
    ("resources", check_resources),
    ("qt", check_qt),
]


def run(out: TextIO) -> int:
    failed = 0
    for name, check in CHECKS:
        try:
            detail = check()
        except Exception as error:  # a self-test reports every failure, whatever it is
            failed += 1
            print(f"FAIL  {name}: {error}", file=out)
        else:
            print(f"ok    {name}: {detail}", file=out)
    total = len(CHECKS)
    print(f"{total - failed} of {total} checks passed", file=out)
    return 0 if failed == 0 else 1
