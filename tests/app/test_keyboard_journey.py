"""The whole first-run journey with the keyboard alone (issue 10, point 8).

From the language list to ten answered checklist items to a plan saved as PDF, every
step is a key event sent to the widget that has the focus, or to the window for a
shortcut: no mouse, no method calls on the pages. The test looks at the screen
(object names, texts, the focus) to know where it is, waits on conditions only, and
at the end opens the vault with the core to find the ten answers.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.assessment import history
from safetykit.assessment.records import Status
from safetykit.vault import Vault
from safetykit.vault.kdf import TEST_PARAMS
from safetykit.views.workspace import Workspace
from tests.app.journey import arrived
from tests.app.keyboard import focus_name, focused, press, tab_to, type_text
from tests.helpers import require_tool

PASSPHRASE = "quiet harbour lantern tulip orbit"
# Keys 1–4 mean Done, Partly, Not yet, Does not apply. "١" and "٣" are Arabic-Indic
# digits, "۲" and "۴" Persian ones: what those keyboard layouts send for 1–4.
KEYS = ["1", "2", "3", "4", "١", "۲", "٣", "۴", "1", "3"]
STATUS = {1: Status.DONE, 2: Status.PARTLY, 3: Status.TODO, 4: Status.NA}
DIGIT_VALUE = {
    **{str(n): n for n in range(1, 5)},
    **{chr(0x0660 + n): n for n in range(1, 5)},
    **{chr(0x06F0 + n): n for n in range(1, 5)},
}

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _find(window: QWidget, kind: type[QWidget], name: str) -> QWidget:
    widget = window.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name!r}"
    return widget


def _label(window: QWidget, name: str) -> str:
    label = window.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _visible(window: QWidget, name: str) -> bool:
    widget = window.findChild(QWidget, name)
    return widget is not None and widget.isVisible()


def test_first_run_to_saved_pdf_with_keys_only(
    qtbot: QtBot,
    language: LanguageController,
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdftotext = require_tool("pdftotext")
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))  # the file dialog opens in the home folder

    window = MainWindow(language, data_dir, kdf_params=TEST_PARAMS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # 1. Language: the list has the focus; English is chosen; Enter goes on.
    qtbot.waitUntil(lambda: focus_name(window) == "onboardingLanguageList")
    press(qtbot, window, Qt.Key.Key_Return)

    # 2. What SafetyKit does: the Next button has the focus.
    qtbot.waitUntil(lambda: _visible(window, "onboardingPromiseTitle"))
    assert focus_name(window) == "onboardingNext"
    press(qtbot, window, Qt.Key.Key_Space)

    # 3. The passphrase, twice, and the no-recovery acknowledgement (Space).
    qtbot.waitUntil(lambda: _visible(window, "onboardingPassphraseTitle"))
    assert focus_name(window) == "onboardingNewPassphraseEdit"
    type_text(qtbot, window, PASSPHRASE)
    press(qtbot, window, Qt.Key.Key_A, ALT)  # "Type it &again:" focuses its field
    assert focus_name(window) == "onboardingConfirmPassphraseEdit"
    type_text(qtbot, window, PASSPHRASE)
    tab_to(qtbot, window, "onboardingNoRecovery")
    press(qtbot, window, Qt.Key.Key_Space)
    next_button = _find(window, QPushButton, "onboardingNext")
    assert isinstance(next_button, QPushButton)
    qtbot.waitUntil(next_button.isEnabled)  # the strength estimate is debounced
    press(qtbot, window, Qt.Key.Key_N, ALT)  # "&Next"

    # 4. A trainer's pack: skipped.
    qtbot.waitUntil(lambda: _visible(window, "onboardingPackTitle"))
    assert focus_name(window) == "onboardingPackChoose"
    press(qtbot, window, Qt.Key.Key_N, ALT)

    # 5. The profile: answer "Do you cross borders for your work?" with Yes, by keys.
    qtbot.waitUntil(lambda: _visible(window, "onboardingProfileTitle"))
    travel = next(
        box.objectName()
        for box in window.findChildren(QGroupBox)
        if box.objectName().startswith("profileQuestion_")
        and box.title() == "Do you cross borders for your work?"
    )
    assert travel is not None
    # Tab enters each group of radio buttons at its first one (Yes); Space chooses it.
    tab_to(qtbot, window, f"{travel}_option_0")
    press(qtbot, window, Qt.Key.Key_Space)
    assert focused(window).isChecked()  # type: ignore[attr-defined]

    # 6. Create the vault: Tab to the Create button, Enter.
    tab_to(qtbot, window, "onboardingNext")
    assert next_button.text() == "&Create vault"
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _visible(window, "dashboardPage"), timeout=20_000)

    # 7. The checklist (Go ▸ Checklist, Ctrl+2), ten answers with the keys 1–4.
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: _visible(window, "checklistPage"))
    answered_titles: list[str] = []
    for key in KEYS:
        title = _label(window, "checklistItemTitle")
        assert title
        type_text(qtbot, window, key)

        # The page moves on to the next item once the answer is taken.
        def moved_on(before: str = title) -> bool:
            return _label(window, "checklistItemTitle") != before

        qtbot.waitUntil(moved_on)
        answered_titles.append(title)
    open_title = _label(window, "checklistItemTitle")

    # 8. The plan (Ctrl+3), Save as PDF… by Tab and Space.
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: _visible(window, "planPage"))
    preview = window.findChild(QTextBrowser, "planPreview")
    assert preview is not None
    plan_title = preview.documentTitle()  # the plan's <title>, as the preview shows it
    assert plan_title == "Action plan"
    tab_to(qtbot, window, "planSavePdf")
    press(qtbot, window, Qt.Key.Key_Space)

    # 9. Qt's own file dialog: type the name, Enter.
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.waitUntil(lambda: focus_name(window) == "fileNameEdit")
    press(qtbot, window, Qt.Key.Key_A, CTRL)
    type_text(qtbot, window, "my-plan.pdf")
    press(qtbot, window, Qt.Key.Key_Return)
    saved = home / "my-plan.pdf"
    qtbot.waitUntil(lambda: "Saved my-plan.pdf" in _label(window, "planBannerText"), timeout=20_000)
    assert saved.exists()
    # The offscreen platform has no window manager: when the dialog closes, no window is
    # active (a desktop's window manager gives the activation back to the main window,
    # as it does here). The focus inside the window is where the user left it.
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    if QApplication.activeWindow() is None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # The keyboard user keeps their place: the focus is back on "Save as PDF…".
    qtbot.waitUntil(lambda: focus_name(window) == "planSavePdf")

    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(saved), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    flat = " ".join(text.split())
    assert plan_title in flat
    assert any(" ".join(t.split()) in flat for t in [*answered_titles, open_title])

    # 10. Lock (Ctrl+L), then the core opens the vault and finds the ten answers.
    press(qtbot, window, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: _visible(window, "unlockPage"))
    vault = Vault.open(data_dir, PASSPHRASE)
    try:
        workspace = Workspace.load(vault, "en")
        assert workspace.profile().get("org.safetykit.core/travel") == "yes"
        current = history.current(vault.data)
        assert current is not None
        by_title = {e.item.title: e.qualified_id for e in workspace.applicable()}
        expected = {
            by_title[title]: STATUS[DIGIT_VALUE[key]]
            for title, key in zip(answered_titles, KEYS, strict=True)
        }
        assert {k: a.status for k, a in current.answers.items()} == expected
    finally:
        vault.lock()


def _access_keys(window: MainWindow) -> dict[str, list[str]]:
    """Alt+letter → what it reaches on the screen shown: the menu titles, and each
    visible button and each label that has a buddy."""
    keys: dict[str, list[str]] = {}

    def add(text: str, what: str) -> None:
        found = re.search(r"&([^&])", text.replace("&&", ""))
        if found:
            keys.setdefault(found.group(1).lower(), []).append(what)

    for action in window.menuBar().actions():
        add(action.text(), f"menu {action.text()!r}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            add(widget.text(), f"{widget.objectName()} {widget.text()!r}")
    return keys


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_screen_has_unique_access_keys(
    qtbot: QtBot, language: LanguageController, data_dir: Path, lang: str
) -> None:
    """Two Alt+letter keys alike on one screen only move the focus between them (Qt
    treats the shortcut as ambiguous), and a menu title wins over a button: Alt+H opens
    Help instead of Save as HTML…, Alt+D reaches Detail before Save as PDF…."""
    language.set_language(lang)
    window = MainWindow(language, data_dir, kdf_params=TEST_PARAMS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clashes: dict[str, dict[str, list[str]]] = {}

    def check(screen: str) -> None:
        found = {k: v for k, v in _access_keys(window).items() if len(v) > 1}
        if found:
            clashes[screen] = found

    page = window.onboarding_page
    check("first run: language")
    for screen in ("promise", "passphrase", "pack", "profile"):
        if screen == "pack":
            page.new_passphrase.edit.setText(PASSPHRASE)
            page.confirm_passphrase.edit.setText(PASSPHRASE)
            page.new_passphrase.estimate_now()
            page.no_recovery.setChecked(True)
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
        check(f"first run: {screen}")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    arrived(qtbot, window)
    for key, action in window.go_actions.items():
        action.trigger()
        check(key)
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: _visible(window, "unlockPage"))
    check("unlock")
    report = [
        f"{screen}: Alt+{key.upper()} → {' / '.join(names)}"
        for screen, found in clashes.items()
        for key, names in found.items()
    ]
    assert not report, "access keys used twice:\n" + "\n".join(report)
