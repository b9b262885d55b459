"""The packs and trusted-keys screens: list, on/off for the assessment, import through
the trust dialog (trusted, unknown signer, unsigned, older version), remove keeping or
deleting answers, add and remove keys (issue 11, points 3 and 4; issue 14, point 6)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from safetykit.app.dialogs.trust_dialog import TrustDialog
from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.assessment import history
from safetykit.assessment.records import Answer, Status
from safetykit.packs import store
from safetykit.vault import Vault
from tests.app.journey import PASS, click, first_run, unlock, window
from tests.packs.factory import base_files, fixed_key, other_key, signed_archive

TEST_PACK = "org.example.test"
CORE = "org.safetykit.core"


def _pack_file(tmp_path: Path, name: str = "workshop.skpack", **kw: object) -> Path:
    path = tmp_path / name
    path.write_bytes(signed_archive(**kw))  # type: ignore[arg-type]
    return path


def _pub_file(tmp_path: Path, key: object = None) -> Path:
    path = tmp_path / "trainer.pub"
    path.write_text((key or fixed_key()).public.to_file())  # type: ignore[attr-defined]
    return path


def _choose(win: MainWindow, path: Path) -> None:
    shown = [d for d in win.findChildren(QFileDialog, "openFileDialog") if d.isVisible()]
    assert len(shown) == 1
    shown[0].selectFile(str(path))
    shown[0].accept()


def _box(win: MainWindow, name: str) -> QMessageBox:
    shown = [b for b in win.findChildren(QMessageBox, name) if b.isVisible()]
    assert len(shown) == 1, name
    return shown[0]


def _press(qtbot: QtBot, box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None, name
    click(qtbot, button)


def _trust_dialog(qtbot: QtBot, win: MainWindow) -> TrustDialog:
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in win.findChildren(TrustDialog)), timeout=10_000
    )
    return next(d for d in win.findChildren(TrustDialog) if d.isVisible())


def _to_packs(qtbot: QtBot, language: LanguageController, folder: Path) -> MainWindow:
    win = window(qtbot, language, folder)
    first_run(qtbot, win)
    assert win.private is not None
    click(qtbot, win.private.header.buttons["packs"])
    assert win.private.pages.currentWidget() is win.private.packs
    return win


def _trust_key(qtbot: QtBot, win: MainWindow, tmp_path: Path, key: object = None) -> None:
    assert win.private is not None
    win.navigate("keys")
    click(qtbot, win.private.keys.add_button)
    _choose(win, _pub_file(tmp_path, key))
    box = _box(win, "addKeyDialog")
    wanted = (key or fixed_key()).public.fingerprint  # type: ignore[attr-defined]
    assert wanted in box.text()
    _press(qtbot, box, "addKeyConfirm")


def _import(qtbot: QtBot, win: MainWindow, path: Path) -> TrustDialog:
    assert win.private is not None
    win.navigate("packs")
    click(qtbot, win.private.packs.import_button)
    _choose(win, path)
    return _trust_dialog(qtbot, win)


def _rows(win: MainWindow) -> dict[str, object]:
    assert win.private is not None
    return {row.line.id: row for row in win.private.packs.rows}


def test_the_built_in_pack_is_listed_with_origin_and_translation(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    row = _rows(win)[CORE]
    assert row.use.isChecked()  # type: ignore[attr-defined]
    assert row.origin.text() == "Built into SafetyKit"  # type: ignore[attr-defined]
    assert row.translation.text() == "Written in English"  # type: ignore[attr-defined]
    details = row.details.text()  # type: ignore[attr-defined]
    # The reviewed date in words, through the one formatting path ("December 1, 2026").
    assert "version" in details and re.search(r"reviewed \w+ \d{1,2}, 20\d\d", details)
    assert row.remove is None  # type: ignore[attr-defined]
    language.set_language("ar")
    win.navigate("packs")
    row = _rows(win)[CORE]
    assert "English" in row.translation.text() or "الإنجليزية" in row.translation.text()  # type: ignore[attr-defined]
    language.set_language("en")
    win.lock()


def test_a_pack_signed_by_a_trusted_key_imports_with_its_fingerprint_shown(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    _trust_key(qtbot, win, tmp_path)
    dialog = _import(qtbot, win, _pack_file(tmp_path))
    fingerprint = fixed_key().public.fingerprint
    assert fingerprint in dialog.key_label.text()
    assert fixed_key().public.hex_id in dialog.key_label.text()
    assert "Test pack, by Test publisher, version 2." in dialog.pack_label.text()
    assert not dialog.unverified.isVisible() and dialog.import_button.isDefault()
    click(qtbot, dialog.import_button)
    row = _rows(win)[TEST_PACK]
    assert fingerprint in row.origin.text()  # type: ignore[attr-defined]
    assert "verified" in row.origin.text() and "UNVERIFIED" not in row.origin.text()  # type: ignore[attr-defined]
    assert win.private is not None
    assert "Imported Test pack, version 2." in win.private.packs.banner.text
    # Its question is asked and its items are in the assessment, and it was saved.
    workspace = win.session.workspace
    assert workspace is not None
    assert any(p.id == TEST_PACK for p in workspace.packs)
    win.session.save_now()
    win.lock()
    vault = Vault.open(tmp_path, PASS)
    assert TEST_PACK in store.section(vault.data)["imported"]
    vault.lock()


def test_an_unknown_signer_is_not_read_until_the_warned_path_is_taken(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    dialog = _import(qtbot, win, _pack_file(tmp_path))
    assert dialog.check.pack is None  # nothing of a stranger's pack was parsed
    assert "not trust" in dialog.heading.text()
    assert fixed_key().public.hex_id in dialog.key_label.text()
    assert not dialog.import_button.isEnabled() and not dialog.import_button.isDefault()
    assert dialog.add_key.isVisible()
    dialog.unverified.setChecked(True)
    qtbot.waitUntil(lambda: dialog.check.pack is not None, timeout=10_000)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Import unverified"
    click(qtbot, dialog.import_button)
    row = _rows(win)[TEST_PACK]
    assert "UNVERIFIED" in row.origin.text()  # type: ignore[attr-defined]
    assert win.private is not None
    assert "marked UNVERIFIED everywhere" in win.private.packs.banner.text
    win.navigate("plan")
    html = win.private.plan.html
    assert "unverified" in html
    win.lock()


def test_an_unknown_signer_can_be_trusted_from_the_dialog(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    path = _pack_file(tmp_path)
    dialog = _import(qtbot, win, path)
    click(qtbot, dialog.add_key)
    _choose(win, _pub_file(tmp_path))
    box = _box(win, "addKeyDialog")
    assert fixed_key().public.fingerprint in box.text()
    _press(qtbot, box, "addKeyConfirm")
    again = _trust_dialog(qtbot, win)
    qtbot.waitUntil(lambda: again is not dialog and again.check.trusted, timeout=10_000)
    assert again.check.fingerprint == fixed_key().public.fingerprint
    click(qtbot, again.import_button)
    assert "verified" in _rows(win)[TEST_PACK].origin.text()  # type: ignore[attr-defined]
    win.lock()


def test_unsigned_and_older_packs_are_refused_with_a_plain_reason(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    _trust_key(qtbot, win, tmp_path)
    click(qtbot, _import(qtbot, win, _pack_file(tmp_path)).import_button)
    older = base_files()
    older["pack.toml"] = older["pack.toml"].replace("version = 2", "version = 1")
    dialog = _import(qtbot, win, _pack_file(tmp_path, "old.skpack", files=older))
    assert dialog.check.installed_version == 2
    click(qtbot, dialog.import_button)
    assert win.private is not None
    banner = win.private.packs.banner.text
    assert banner.startswith("Nothing was imported:") and "older than version 2" in banner
    # A file that is not a pack at all: one plain line, no dialog.
    junk = tmp_path / "junk.skpack"
    junk.write_bytes(b"not a zip")
    click(qtbot, win.private.packs.import_button)
    _choose(win, junk)
    qtbot.waitUntil(lambda: "cannot be used" in win.private.packs.banner.text, timeout=10_000)  # type: ignore[union-attr]
    win.lock()


def test_turning_packs_off_changes_the_assessment_and_is_kept(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    _trust_key(qtbot, win, tmp_path)
    click(qtbot, _import(qtbot, win, _pack_file(tmp_path)).import_button)
    workspace = win.session.workspace
    assert workspace is not None and win.private is not None
    _rows(win)[CORE].use.setChecked(False)  # type: ignore[attr-defined]
    assert [p.id for p in workspace.packs] == [TEST_PACK]
    assert all(e.pack.id == TEST_PACK for e in workspace.applicable())
    win.navigate("plan")
    assert "Test pack" in win.private.plan.html
    # The last pack in use cannot be turned off: said plainly, the box ticked again.
    win.navigate("packs")
    test_row = _rows(win)[TEST_PACK]
    test_row.use.setChecked(False)  # type: ignore[attr-defined]
    assert test_row.use.isChecked()  # type: ignore[attr-defined]
    assert "last pack in use" in win.private.packs.banner.text
    win.session.save_now()
    win.lock()
    unlock(qtbot, win)
    workspace = win.session.workspace
    assert workspace is not None
    assert [p.id for p in workspace.packs] == [TEST_PACK]
    win.lock()


def _answered(win: MainWindow) -> None:
    workspace = win.session.workspace
    assert workspace is not None
    item = next(e for e in workspace.applicable() if e.pack.id == TEST_PACK)
    workspace.set_answer(f"{TEST_PACK}/{item.item.id}", Answer(Status.DONE, note="marker"))
    workspace.set_profile({f"{TEST_PACK}/travel": "yes"})


def test_removing_a_pack_keeps_or_deletes_its_answers(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    _trust_key(qtbot, win, tmp_path)
    path = _pack_file(tmp_path)
    click(qtbot, _import(qtbot, win, path).import_button)
    _answered(win)
    row = _rows(win)[TEST_PACK]
    click(qtbot, row.remove)  # type: ignore[attr-defined]
    box = _box(win, "removePackDialog")
    assert "2 answers" in box.informativeText()
    assert box.defaultButton().objectName() == "removePackCancel"
    _press(qtbot, box, "removePackKeep")
    assert TEST_PACK not in _rows(win)
    workspace = win.session.workspace
    assert workspace is not None
    body = workspace.vault.data
    assert any(k.startswith(TEST_PACK) for k in history.current(body).answers)  # type: ignore[union-attr]
    # Imported again, its answers are back; removed with them, they are gone.
    click(qtbot, _import(qtbot, win, path).import_button)
    click(qtbot, _rows(win)[TEST_PACK].remove)  # type: ignore[attr-defined]
    _press(qtbot, _box(win, "removePackDialog"), "removePackForget")
    assert win.private is not None
    assert "2 answers were deleted" in win.private.packs.banner.text
    win.session.save_now()
    win.lock()
    vault = Vault.open(tmp_path, PASS)
    assert not any(k.startswith(TEST_PACK) for k in history.current(vault.data).answers)  # type: ignore[union-attr]
    assert not any(k.startswith(TEST_PACK) for k in history.profile(vault.data))
    vault.lock()


def test_removing_a_key_leaves_its_packs_unverified_everywhere(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    _trust_key(qtbot, win, tmp_path)
    click(qtbot, _import(qtbot, win, _pack_file(tmp_path)).import_button)
    assert win.private is not None
    win.navigate("keys")
    keys = win.private.keys
    assert len(keys.rows) == 1
    row = keys.rows[0]
    assert fixed_key().public.fingerprint in row.fingerprint.text()
    assert "Test pack" in row.signed.text()
    assert row.remove is not None
    click(qtbot, row.remove)
    box = _box(win, "removeKeyDialog")
    assert "Test pack" in box.informativeText()
    _press(qtbot, box, "removeKeyConfirm")
    assert not keys.rows and keys.empty.isVisible()
    win.navigate("packs")
    assert "UNVERIFIED" in _rows(win)[TEST_PACK].origin.text()  # type: ignore[attr-defined]
    win.navigate("plan")
    assert "unverified" in win.private.plan.html
    win.lock()


def test_another_key_file_is_not_taken_for_the_trusted_one(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    _trust_key(qtbot, win, tmp_path, other_key())
    dialog = _import(qtbot, win, _pack_file(tmp_path))
    assert not dialog.check.trusted and dialog.check.pack is None
    dialog.reject()
    # A file that is not a key: one plain line on the keys screen.
    assert win.private is not None
    win.navigate("keys")
    click(qtbot, win.private.keys.add_button)
    bad = tmp_path / "bad.pub"
    bad.write_text("hello\n")
    _choose(win, bad)
    assert "not a public key file" in win.private.keys.banner.text
    win.lock()


def test_an_update_by_another_trusted_key_needs_the_re_bind(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = _to_packs(qtbot, language, tmp_path)
    _trust_key(qtbot, win, tmp_path)
    click(qtbot, _import(qtbot, win, _pack_file(tmp_path)).import_button)
    _trust_key(qtbot, win, tmp_path, other_key())
    newer = base_files()
    newer["pack.toml"] = newer["pack.toml"].replace("version = 2", "version = 3")
    path = _pack_file(tmp_path, "newer.skpack", files=newer, key=other_key())
    dialog = _import(qtbot, win, path)
    assert dialog.check.trusted
    click(qtbot, dialog.import_button)
    box = _box(win, "rebindDialog")
    assert fixed_key().public.fingerprint in box.text()
    assert other_key().public.fingerprint in box.text()
    assert box.defaultButton().objectName() == "rebindCancel"
    _press(qtbot, box, "rebindCancel")
    assert win.private is not None
    assert "keeps its first signer" in win.private.packs.banner.text
    assert "version 2" in _rows(win)[TEST_PACK].details.text()  # type: ignore[attr-defined]
    click(qtbot, _import(qtbot, win, path).import_button)
    _press(qtbot, _box(win, "rebindDialog"), "rebindConfirm")
    assert "only the new key can update it" in win.private.packs.banner.text
    row = _rows(win)[TEST_PACK]
    assert "version 3" in row.details.text()  # type: ignore[attr-defined]
    assert other_key().public.fingerprint in row.origin.text()  # type: ignore[attr-defined]
    win.lock()
