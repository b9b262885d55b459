"""While the unlock screen waits, the app loads what an unlock needs (safetykit.app.preload).

In a fresh process (this one has every module loaded already): the window, the
preload run to its end, then an unlock and the dashboard. The unlock must import no
module of ours and create no Qt widget class: all of that happened while the person
typed, in small steps (speed itself is measured in benchmarks/bench_ui.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtWidgets import QApplication
from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.vault import Vault

app = QApplication([])
language = LanguageController(app)
language.set_language("en")
data = Path(sys.argv[1])
# Full strength, as a user's: the unlock screen is busy for a moment, as in life.
vault = Vault.create(data, "preload test passphrase")
with vault.changing() as body:  # a dashboard with scores: a chart, a table, actions
    body["profile"] = {
        "org.safetykit.core/role": "visual",
        "org.safetykit.core/sources": "yes",
        "org.safetykit.core/devices": ["android", "windows"],
    }
vault.save()
vault.lock()
window = MainWindow(language, data)
window.show()
from safetykit.app import preload

preload.start("en")

def spin(done, limit=60.0):
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.001)
    return done()

def qt_classes():
    return {f"{m.__name__}.{k}" for m in (QtCore, QtGui, QtWidgets) for k in list(vars(m))
            if k.startswith("Q")}

finished = spin(preload.finished)
modules, classes = set(sys.modules), qt_classes()
page = window.unlock_page
page.passphrase.edit.setText("preload test passphrase")
page.unlock_with_passphrase()
def dashboard():
    area = window.private
    return area is not None and area.pages.currentWidget() is area.built("dashboard")
shown = spin(dashboard)
print(json.dumps({
    "finished": finished,
    "shown": shown,
    "modules": sorted(m for m in set(sys.modules) - modules if m.startswith("safetykit")),
    "classes": sorted(c for c in qt_classes() - classes if ".QtWidgets." in c),
}))
window.lock()
"""


def test_an_unlock_after_the_preload_loads_nothing_new(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["finished"], "the preload never finished"
    assert found["shown"], "the dashboard never appeared"
    assert found["modules"] == [], "imported at unlock, not before"
    assert found["classes"] == [], "Qt widget classes PySide created at unlock, not before"
