"""First run: every step, what each refuses, and nothing written before the vault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QRadioButton
from pytestqt.qtbot import QtBot

from safetykit import i18n
from safetykit.app.language import LanguageController
from safetykit.assessment import history
from safetykit.packs.model import Origin
from safetykit.vault import Vault, vault_exists
from safetykit.views.onboarding import Step
from tests.app.journey import PASS, arrived, click, first_run, window
from tests.packs.factory import fixed_key, signed_archive


def test_steps_back_and_the_step_indicator(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    page = win.onboarding_page
    assert win.pages.currentWidget() is page
    assert page.step_label.text() == "Step 1 of 5"
    assert not page.back_button.isEnabled()
    click(qtbot, page.next_button)
    assert page.step_label.text() == "Step 2 of 5"
    assert "never uses the network" in page.promise_offline.text()
    assert "nobody can recover" in page.promise_recovery.text()
    click(qtbot, page.back_button)
    assert page.flow.step is Step.LANGUAGE


def test_language_is_chosen_on_the_first_step(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    page = win.onboarding_page
    names = [page.language_list.item(n).text() for n in range(page.language_list.count())]
    assert "العربية" in names and "Español" in names and "English" in names
    spanish = names.index("Español")
    with qtbot.waitSignal(language.changed):
        page.language_list.setCurrentRow(spanish)
    assert language.language == "es"
    spanish_title = i18n.translations("es").gettext("Welcome to SafetyKit")
    assert spanish_title != "Welcome to SafetyKit"
    assert page.language_title.text() == spanish_title


def test_passphrase_step_refuses_until_strong_matching_and_acknowledged(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    page = win.onboarding_page
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    assert page.flow.step is Step.PASSPHRASE
    assert not page.next_button.isEnabled()
    page.new_passphrase.edit.setText("password1")
    page.new_passphrase.estimate_now()
    assert "at least 12 characters" in page.new_passphrase.hints.text()
    assert page.new_passphrase.level.text() == "Strength: very weak"
    page.new_passphrase.edit.setText(PASS)
    page.new_passphrase.estimate_now()
    page.confirm_passphrase.edit.setText(PASS + "x")
    page.no_recovery.setChecked(True)
    assert "not the same" in page.match_label.text()
    assert not page.next_button.isEnabled()
    page.confirm_passphrase.edit.setText(PASS)
    assert page.next_button.isEnabled()
    page.no_recovery.setChecked(False)
    assert not page.next_button.isEnabled()
    # The strength is estimated after a pause in typing, not at each key press.
    page.new_passphrase.edit.setText("abc")
    qtbot.waitUntil(lambda: page.new_passphrase.level.text() == "Strength: very weak")


def test_nothing_is_written_before_the_vault_and_profile_is_kept(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    folder = tmp_path / "fresh"
    win = window(qtbot, language, folder)
    page = win.onboarding_page
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    page.new_passphrase.edit.setText(PASS)
    page.confirm_passphrase.edit.setText(PASS)
    page.new_passphrase.estimate_now()
    page.no_recovery.setChecked(True)
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    assert page.flow.step is Step.PROFILE
    assert "skip a question" in page.profile_form.intro.text()
    questions = page.profile_form.question_widgets()
    assert len(questions) >= 5
    role = questions[0]
    radios = role.findChildren(QRadioButton)
    radios[1].setChecked(True)  # the second option of the first question
    chosen_value = next(v for v, r in role.radios.items() if r is radios[1])  # type: ignore[attr-defined]
    assert not folder.exists()  # nothing on disk yet, not even the folder
    click(qtbot, page.next_button)
    arrived(qtbot, win)
    assert vault_exists(folder)
    assert win.private is not None
    assert win.private.pages.currentWidget() is win.private.dashboard
    win.lock()
    vault = Vault.open(folder, PASS)
    profile = history.profile(vault.data)
    assert profile[role.view.key] == chosen_value  # type: ignore[attr-defined]
    assert len(profile) == 1  # the skipped questions are not in the profile
    assert len(history.assessments(vault.data)) == 1
    vault.lock()


def test_a_trainers_pack_unsigned_needs_the_warned_path(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    data = signed_archive(key=fixed_key())
    pack_file = tmp_path / "workshop.skpack"
    pack_file.write_bytes(data)
    folder = tmp_path / "data"
    win = window(qtbot, language, folder)
    page = win.onboarding_page
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    page.new_passphrase.edit.setText(PASS)
    page.confirm_passphrase.edit.setText(PASS)
    page.new_passphrase.estimate_now()
    page.no_recovery.setChecked(True)
    click(qtbot, page.next_button)
    assert page.flow.step is Step.PACK
    click(qtbot, page.pack_choose)
    dialog = win.findChild(QFileDialog, "openFileDialog")
    assert dialog is not None
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.sidebarUrls() == []
    dialog.selectFile(str(pack_file))
    dialog.accept()
    qtbot.waitUntil(lambda: page.pack_check is not None)
    # Signed, but by a key this installation does not trust: unverified, warned, and
    # not read until the person chooses to use it anyway.
    assert page.flow.pack is None
    assert "does not read what is in it" in page.pack_summary.text()
    assert "not signed by a key SafetyKit trusts" in page.pack_warning.text()
    assert page.pack_unverified.isVisible()
    assert not page.next_button.isEnabled()
    page.pack_unverified.setChecked(True)
    assert page.flow.pack is not None and "Test pack" in page.pack_summary.text()
    assert page.next_button.isEnabled()
    click(qtbot, page.next_button)
    keys = {w.view.key for w in page.profile_form.question_widgets()}
    assert any(k.startswith("org.example.") and "/" in k for k in keys)
    click(qtbot, page.next_button)
    arrived(qtbot, win)
    workspace = win.session.require()
    imported = [p for p in workspace.packs if p.origin is Origin.IMPORTED]
    assert len(imported) == 1 and not imported[0].verified
    win.lock()


def test_a_broken_pack_file_is_refused_plainly(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.skpack"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    win = window(qtbot, language, tmp_path / "data")
    page = win.onboarding_page
    page._pack_chosen(bad)
    assert page.flow.pack is None
    assert page.banner.isVisible()
    assert page.banner.text.startswith("This pack cannot be used:")


def test_first_run_then_dashboard(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    first_run(qtbot, win)
    assert win.private is not None
    assert win.private.dashboard.view is not None
    assert win.private.dashboard.view.answered == 0
    assert win.lock_action.isEnabled()
    assert win.session.require().vault.holds_writer_lock
    win.lock()
    assert win.pages.currentWidget() is win.unlock_page
    assert dt.date.today()  # the dashboard used today's date
