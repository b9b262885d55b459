"""A whole session leaves nothing of the user's outside the vault (issue 10, point 8;
DESIGN §9).

One test drives a session in-process with unique marker strings in everything the
user types or names: the passphrase, a wrong passphrase, a note, and the folder and
file names the plan is saved under (that folder itself is outside the scanned places:
the user asked for those files). HOME, the XDG folders and TMPDIR point at fresh
folders. Afterwards the data folder, those folders, ``/dev/shm``, every Qt settings file
(``QtProject.conf``) and ``recently-used.xbel`` under the fake and the real home, any
core file, and the clipboard and the selection are searched for each marker as raw
bytes, UTF-8, UTF-16LE and UTF-16BE, in file contents and in file names: nothing may
be found. A second test plants a marker to prove the scanner finds one.
"""

from __future__ import annotations

import os
import pwd
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.assessment import history
from safetykit.vault import Vault
from safetykit.vault.kdf import TEST_PARAMS
from tests.app.keyboard import focus_name, press, tab_to, type_text
from tests.helpers import REPO

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ENCODINGS = ("raw", "utf-8", "utf-16-le", "utf-16-be")
CHUNK = 1 << 20
QT_FILES = ("QtProject.conf",)
RECENT_FILES = ("recently-used.xbel",)
# Folders of a developer's real home that can be large and never hold these files.
PRUNE = {".git", ".venv", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache"}


def marker() -> str:
    return "mk" + secrets.token_hex(8)


# --- the scanner ---


@dataclass(frozen=True)
class Finding:
    where: str
    marker: str
    encoding: str


def _needles(markers: Iterable[str]) -> list[tuple[str, str, bytes]]:
    found = []
    for mark in markers:
        for encoding in ENCODINGS:
            data = mark.encode("latin-1") if encoding == "raw" else mark.encode(encoding)
            found.append((mark, encoding, data))
    return found


def scan_bytes(data: bytes, where: str, markers: Iterable[str]) -> list[Finding]:
    return [Finding(where, m, e) for m, e, needle in _needles(markers) if needle in data]


def scan_file(path: Path, markers: Iterable[str]) -> list[Finding]:
    """The file's contents, read in overlapping chunks (a file in /dev/shm can be big)."""
    needles = _needles(markers)
    overlap = max(len(n) for _m, _e, n in needles) - 1
    found: set[Finding] = set()
    try:
        with path.open("rb") as handle:
            tail = b""
            while chunk := handle.read(CHUNK):
                window = tail + chunk
                found.update(Finding(str(path), m, e) for m, e, n in needles if n in window)
                tail = window[-overlap:]
    except OSError:
        return []  # not ours to read (another user's file in /dev/shm), or gone already
    return sorted(found, key=repr)


def scan_name(path: Path, markers: Iterable[str]) -> list[Finding]:
    return [Finding(f"name of {path}", m, "name") for m in markers if m in str(path)]


def _walk(root: Path, *, prune: set[str] | None = None) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, onerror=lambda _e: None):
        if prune:
            dirs[:] = [d for d in dirs if d not in prune]
        for name in [*dirs, *files]:
            yield Path(folder, name)


def scan_tree(root: Path, markers: Iterable[str]) -> list[Finding]:
    """Every file and folder name under ``root``, and every regular file's contents."""
    marks = list(markers)
    found: list[Finding] = []
    for path in _walk(root):
        found += scan_name(path, marks)
        if path.is_file() and not path.is_symlink():
            found += scan_file(path, marks)
    return found


def scan_clipboard(markers: Iterable[str], when: str) -> list[Finding]:
    """The clipboard, and the selection where the platform has one (X11), as the
    UTF-8 and UTF-16 encodings of their text."""
    marks = list(markers)
    clipboard = QApplication.clipboard()
    found: list[Finding] = []
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        data = clipboard.mimeData(mode)
        text = clipboard.text(mode)
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            where = f"{mode.name} {when}, as {encoding}"
            found += scan_bytes(text.encode(encoding), where, marks)
        if data is not None:
            for kind in data.formats():
                found += scan_bytes(
                    bytes(data.data(kind).data()), f"{mode.name} {kind} {when}", marks
                )
    return found


def named_files(root: Path, names: Iterable[str], *, prune: set[str] | None = None) -> list[Path]:
    wanted = set(names)
    return [p for p in _walk(root, prune=prune) if p.name in wanted and p.is_file()]


def core_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [
        p
        for p in folder.iterdir()
        if p.is_file() and (p.name == "core" or p.name.startswith("core."))
    ]


# --- the session ---


@dataclass
class FakeHome:
    home: Path
    config: Path
    data: Path
    cache: Path
    state: Path
    temp: Path

    def roots(self) -> list[Path]:
        return [self.home, self.config, self.data, self.cache, self.state, self.temp]


@pytest.fixture
def clean_clipboard(qapp: QApplication) -> Iterator[None]:
    yield
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        qapp.clipboard().clear(mode)  # leave no marker for the tests that follow


@pytest.fixture
def fake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeHome:
    """HOME, XDG_*_HOME and TMPDIR (and tempfile's cached folder) at fresh folders;
    monkeypatch restores them after the test."""
    base = tmp_path / "env"
    folders = {}
    for name in ("home", "config", "data", "cache", "state", "temp"):
        folder = base / name
        folder.mkdir(parents=True, mode=0o700)
        folders[name] = folder
    monkeypatch.setenv("HOME", str(folders["home"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folders["config"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(folders["data"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folders["cache"]))
    monkeypatch.setenv("XDG_STATE_HOME", str(folders["state"]))
    monkeypatch.setenv("TMPDIR", str(folders["temp"]))
    monkeypatch.setattr(tempfile, "tempdir", str(folders["temp"]))
    return FakeHome(**folders)


REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)


def _visible(window: QWidget, name: str) -> bool:
    widget = window.findChild(QWidget, name)
    return widget is not None and widget.isVisible()


def _text(window: QWidget, name: str) -> str:
    label = window.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _reactivate(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform has no window manager to give the activation back to the
    main window when a dialog closes; do what one would."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    if QApplication.activeWindow() is None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _save_through_dialog(qtbot: QtBot, window: QWidget, button: str, target: Path) -> None:
    tab_to(qtbot, window, button)
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
    qtbot.waitUntil(lambda: focus_name(window) == "fileNameEdit")
    press(qtbot, window, Qt.Key.Key_A, CTRL)
    type_text(qtbot, window, str(target))  # a full path: the dialog opens in the home
    press(qtbot, window, Qt.Key.Key_Return)
    # The banner still shows the previous save until this one is done.
    qtbot.waitUntil(
        lambda: f"Saved {target.name}" in _text(window, "planBannerText"), timeout=20_000
    )
    assert target.exists()
    _reactivate(qtbot, window)


def _drive_session(
    qtbot: QtBot,
    language: LanguageController,
    data_dir: Path,
    passphrase: str,
    wrong: str,
    note: str,
    pdf: Path,
    html: Path,
    markers: list[str],
) -> list[Finding]:
    """Drive the session; what the clipboard and the selection held once it locked."""
    window = MainWindow(language, data_dir, kdf_params=TEST_PARAMS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # First run: language, promise, passphrase (which the user tries to copy), no pack,
    # a profile answer, the vault.
    qtbot.waitUntil(lambda: focus_name(window) == "onboardingLanguageList")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focus_name(window) == "onboardingNext")
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: focus_name(window) == "onboardingNewPassphraseEdit")
    type_text(qtbot, window, passphrase)
    for key in (Qt.Key.Key_A, Qt.Key.Key_C, Qt.Key.Key_X):  # select all, copy, cut
        press(qtbot, window, key, CTRL)
    # A password field copies nothing; cutting only deletes. Type it again.
    type_text(qtbot, window, passphrase)
    press(qtbot, window, Qt.Key.Key_A, ALT)
    type_text(qtbot, window, passphrase)
    tab_to(qtbot, window, "onboardingNoRecovery")
    press(qtbot, window, Qt.Key.Key_Space)
    next_button = window.findChild(QPushButton, "onboardingNext")
    assert next_button is not None
    qtbot.waitUntil(next_button.isEnabled)
    press(qtbot, window, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: focus_name(window) == "onboardingPackChoose")
    press(qtbot, window, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: _visible(window, "onboardingProfileTitle"))
    tab_to(qtbot, window, "profileQuestion_0_option_0")
    press(qtbot, window, Qt.Key.Key_Space)
    tab_to(qtbot, window, "onboardingNext")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _visible(window, "dashboardPage"), timeout=20_000)

    # The checklist: three answers.
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: _visible(window, "checklistPage"))
    for digit in "123":
        type_text(qtbot, window, digit)

    # The plan, saved as PDF and as HTML under names with markers.
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: _visible(window, "planPage"))
    _save_through_dialog(qtbot, window, "planSavePdf", pdf)
    _save_through_dialog(qtbot, window, "planSaveHtml", html)

    # Back to the checklist: a note with a marker, selected and copied (on X11 selecting
    # sets the primary selection), then the next answer.
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: _visible(window, "checklistPage"))
    tab_to(qtbot, window, "checklistNote")
    type_text(qtbot, window, f"ask the desk about {note} before Friday")
    press(qtbot, window, Qt.Key.Key_A, CTRL)
    press(qtbot, window, Qt.Key.Key_C, CTRL)
    press(qtbot, window, Qt.Key.Key_End)
    press(qtbot, window, Qt.Key.Key_Tab)  # Tab leaves the note editor
    assert focus_name(window) != "checklistNote"
    type_text(qtbot, window, "4")

    # Lock; a wrong passphrase, then the right one; one more answer; quit.
    press(qtbot, window, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: focus_name(window) == "unlockPassphraseEdit")
    on_lock = scan_clipboard(markers, "just after the lock")
    type_text(qtbot, window, wrong)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _visible(window, "unlockBanner"), timeout=20_000)
    qtbot.waitUntil(lambda: focus_name(window) == "unlockPassphraseEdit")
    type_text(qtbot, window, passphrase)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _visible(window, "dashboardPage"), timeout=20_000)
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: _visible(window, "checklistPage"))
    type_text(qtbot, window, "1")
    # File ▸ Quit by its mnemonics (the offscreen platform has no Ctrl+Q: Qt takes the
    # standard Quit keys from the desktop's theme).
    press(qtbot, window, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, window, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: not window.isVisible())
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=20_000)
    return on_lock


def test_a_whole_session_leaves_no_marker_behind(
    qtbot: QtBot,
    qapp: QApplication,
    language: LanguageController,
    tmp_path: Path,
    data_dir: Path,
    fake_home: FakeHome,
    clean_clipboard: None,
) -> None:
    secret, wrong, note = marker(), marker(), marker()
    folder_mark, pdf_mark, html_mark = marker(), marker(), marker()
    markers = [secret, wrong, note, folder_mark, pdf_mark, html_mark]
    passphrase = f"granite {secret} meadow"
    exports = tmp_path / "exports" / f"trip {folder_mark}"  # outside every scanned root
    exports.mkdir(parents=True, mode=0o700)
    pdf = exports / f"plan {pdf_mark}.pdf"
    html = exports / f"plan {html_mark}.html"

    # No set-up of Qt's settings here: the app's file dialogs must keep Qt from writing
    # QtProject.conf on their own (file_dialogs._dialog), whoever builds the window.
    on_lock = _drive_session(qtbot, language, data_dir, passphrase, wrong, note, pdf, html, markers)

    # The session did what it says: the answers and the note are in the vault, the
    # files where the user put them.
    assert pdf.stat().st_size > 0 and html.stat().st_size > 0
    vault = Vault.open(data_dir, passphrase)
    try:
        current = history.current(vault.data)
        assert current is not None and len(current.answers) == 5
        assert any(note in a.note for a in current.answers.values())
    finally:
        vault.lock()

    roots = [data_dir, *fake_home.roots(), Path("/dev/shm")]
    findings: list[Finding] = []
    for root in roots:
        findings += scan_tree(root, markers)
    settings_files = named_files(fake_home.home, QT_FILES + RECENT_FILES)
    settings_files += named_files(REAL_HOME, QT_FILES + RECENT_FILES, prune=PRUNE)
    for path in [*settings_files, *core_files(Path.cwd()), *core_files(data_dir)]:
        findings += scan_file(path, markers)
    assert findings == []

    # DESIGN §9: nothing is left on the clipboard or in the selection, after a lock
    # and after quitting.
    left = on_lock + scan_clipboard(markers, "after quitting")
    assert left == [], sorted({f.where.split(",")[0] for f in left})


def test_the_scanner_finds_a_planted_marker(tmp_path: Path, fake_home: FakeHome) -> None:
    planted, named, absent = marker(), marker(), marker()
    (fake_home.cache / "deep" / "folder").mkdir(parents=True)
    (fake_home.cache / "deep" / "folder" / "blob").write_bytes(
        b"\x00head" + planted.encode("utf-16-be") + b"tail"
    )
    (fake_home.state / f"x{named}.tmp").write_bytes(b"")
    big = fake_home.temp / "big"
    big.write_bytes(b"\x00" * (CHUNK - 3) + planted.encode())  # across a chunk border
    findings = scan_tree(fake_home.cache, [planted, named, absent])
    findings += scan_tree(fake_home.state, [planted, named, absent])
    findings += scan_tree(fake_home.temp, [planted, named, absent])
    assert {(f.marker, f.encoding) for f in findings} == {
        (planted, "utf-16-be"),
        (named, "name"),
        (planted, "raw"),
        (planted, "utf-8"),
    }
    assert Finding("clip", planted, "utf-16-le") in scan_bytes(
        f"a {planted} b".encode("utf-16-le"), "clip", [planted]
    )


def test_the_session_on_x11_with_its_primary_selection(xvfb_display: str, tmp_path: Path) -> None:
    """The offscreen platform has no selection; run the session test again on X11."""
    if QGuiApplication.platformName() == "xcb":
        pytest.skip("this run is on X11 already")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=xvfb_display)
    test = f"{Path(__file__).relative_to(REPO)}::test_a_whole_session_leaves_no_marker_behind"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rxX",
            "-p",
            "no:cacheprovider",
            test,
            "--basetemp",
            str(tmp_path / "x11"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert "1 passed" in summary, done.stdout
