"""Make every screenshot in docs/screenshots/ from the real app, offscreen.

    .venv/bin/python docs/screenshots/make_screenshots.py [--lang en ar fa] [--out DIR]

Each language gets its own folder (docs/screenshots/<lang>/). The app is driven the way
the tests drive it: a vault at test strength in a temporary folder, a made-up profile
and answers, so nothing of anyone's is in a picture.

Then the screens of the safety controls again, three ways, each in its own process
(docs/screenshots/<variant>/<lang>/): ``dark`` (a dark palette applied, as a system dark
theme does), ``large`` (the application font 1.5 times the system's) and ``scale200``
(``QT_SCALE_FACTOR=2``, a 200 % display). ``--variant NAME`` makes one of them only;
``--no-variants`` skips them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

if TYPE_CHECKING:
    from safetykit.app.main_window import MainWindow

PASS = "marzipan tractor lullaby"  # noqa: S105 - a throw-away demo vault
SIZE = (960, 680)
VARIANTS = ("dark", "large", "scale200")
# The screens of the safety controls, shot again in each variant.
VARIANT_SCREENS = (
    "07-dashboard",
    "13-unlock",
    "15-forgot-passphrase-wipe",
    "16-history",
    "17-settings",
    "18-packs",
    "19-import-trusted",
    "20-import-unknown-signer",
    "21-trusted-keys",
)
_only: tuple[str, ...] | None = None  # the screens to save (None: all)


def _pump(
    app: QApplication, seconds: float = 0.25, until: Callable[[], bool] | None = None
) -> None:
    deadline = time.monotonic() + (30 if until else seconds)
    while time.monotonic() < deadline:
        app.processEvents()
        if until is not None and until():
            return
        time.sleep(0.01)


def _save(widget: QWidget, folder: Path, name: str) -> None:
    if _only is not None and name not in _only:
        return
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _demo_pack(folder: Path) -> Path:
    """An unsigned trainer's pack, to show what an unverified pack looks like."""
    sys.path.insert(0, str(ROOT))
    from tests.packs.factory import signed_archive

    path = folder / "workshop.skpack"
    path.write_bytes(signed_archive())
    return path


def _packs_and_keys(app: QApplication, window: MainWindow, temp: Path, out: Path) -> None:
    """The packs screen with a trainer's pack imported, the trust dialog (a trusted
    signer, then an unknown one) and the trusted keys."""
    from safetykit.app.dialogs.trust_dialog import TrustDialog
    from safetykit.packs import store
    from safetykit.views import packs as view
    from tests.packs.factory import fixed_key, other_key, signed_archive

    workspace = window.session.require()
    with workspace.vault.changing() as body:
        store.add_key(body, fixed_key().public)
    workspace.reload_packs(window.language.language)
    pack = temp / "workshop.skpack"
    pack.write_bytes(signed_archive())
    lang = window.language.language
    check = view.check_import(pack, store.trusted_keys(workspace.vault.data), [], lang)
    view.import_checked(workspace, check, allow_unverified=False, lang=lang)
    window.navigate("packs")
    _pump(app)
    _save(window, out, "18-packs")
    stranger = temp / "from-a-stranger.skpack"
    stranger.write_bytes(signed_archive(key=other_key()))
    for name, path in (("19-import-trusted", pack), ("20-import-unknown-signer", stranger)):
        check = view.check_import(path, store.trusted_keys(workspace.vault.data), [], lang)
        dialog = TrustDialog(check, window)
        dialog.show()
        _pump(app)
        _save(dialog, out, name)
        dialog.close()
        dialog.deleteLater()
    window.navigate("keys")
    _pump(app)
    _save(window, out, "21-trusted-keys")


def shoot(lang: str, out: Path) -> None:
    from safetykit import resources
    from safetykit.app.dialogs.wipe_dialog import WipeDialog
    from safetykit.app.language import LanguageController
    from safetykit.app.main_window import MainWindow
    from safetykit.assessment.records import Answer, Status
    from safetykit.vault.kdf import TEST_PARAMS

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyleSheet((resources.ui_dir() / "style.qss").read_text(encoding="utf-8"))
    _apply_variant(app, os.environ.get("SAFETYKIT_SHOT_VARIANT", ""))
    language = LanguageController(app)
    language.set_language(lang)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        window = MainWindow(language, folder, kdf_params=TEST_PARAMS)
        window.resize(*SIZE)
        window.show()
        _pump(app)
        page = window.onboarding_page
        _save(window, out, "01-first-run-language")
        page.go_forward()
        _pump(app)
        _save(window, out, "02-first-run-what-it-does")
        page.go_forward()
        page.new_passphrase.edit.setText("river")
        page.new_passphrase.estimate_now()
        _pump(app)
        _save(window, out, "03-first-run-passphrase-weak")
        page.new_passphrase.edit.setText(PASS)
        page.confirm_passphrase.edit.setText(PASS)
        page.new_passphrase.estimate_now()
        page.no_recovery.setChecked(True)
        _pump(app)
        _save(window, out, "04-first-run-passphrase")
        page.go_forward()
        page._pack_chosen(_demo_pack(Path(temp)))
        _pump(app)
        _save(window, out, "05-first-run-pack-unverified")
        page._remove_pack()
        page.go_forward()
        _pump(app)
        _save(window, out, "06-first-run-profile")
        page.go_forward()
        _pump(app, until=lambda: window.private is not None)
        workspace = window.session.require()
        # A previous assessment with a few answers, then progress since.
        entries = workspace.applicable()
        for entry in entries[:12]:
            workspace.set_answer(entry.qualified_id, Answer(Status.DONE))
        workspace.start_new(now=dt.datetime.now(dt.UTC))
        for entry in entries[12:30]:
            workspace.set_answer(entry.qualified_id, Answer(Status.DONE))
        for entry in entries[30:36]:
            workspace.set_answer(entry.qualified_id, Answer(Status.PARTLY))
        overdue = entries[40]
        workspace.set_answer(
            overdue.qualified_id, Answer(Status.TODO, due=dt.date.today() - dt.timedelta(days=3))
        )
        window.session.save_now()
        window.navigate("dashboard")
        _pump(app)
        _save(window, out, "07-dashboard")
        window.navigate("checklist")
        area = window.private
        assert area is not None
        area.checklist.show_item(entries[36].qualified_id)
        _pump(app)
        _save(window, out, "08-checklist-item")
        area.checklist.answer(
            Status.PARTLY,
        )
        area.checklist.show_item(entries[36].qualified_id)
        area.checklist.note.setPlainText("Ask the editor which laptop is mine to change.")
        area.checklist.due_check.setChecked(True)
        _pump(app, 0.6)
        _save(window, out, "09-checklist-answered-with-note")
        window.navigate("plan")
        _pump(app, 0.5)
        _save(window, out, "10-plan")
        window.navigate("profile")
        _pump(app)
        _save(window, out, "11-profile")
        window.navigate("history")
        area.history.table.selectRow(1)
        area.history._open()
        _pump(app)
        _save(window, out, "16-history")
        window.navigate("settings")
        _pump(app)
        _save(window, out, "17-settings")
        _packs_and_keys(app, window, Path(temp), out)
        window.show_screen_help()
        _pump(app)
        if window.dialog is not None:
            _save(window.dialog, out, "12-help-for-this-screen")
            window.dialog.close()
        window.lock()
        _pump(app)
        _save(window, out, "13-unlock")
        unlock = window.unlock_page
        unlock.passphrase.edit.setText("wrong guess")
        unlock.unlock_with_passphrase()
        _pump(app, until=lambda: unlock.banner.isVisible())
        _pump(app)
        _save(window, out, "14-unlock-wrong-passphrase")
        dialog = WipeDialog(window)
        dialog.show()
        _pump(app)
        _save(dialog, out, "15-forgot-passphrase-wipe")
        dialog.close()
        window.close()
        _pump(app)


def _apply_variant(app: QApplication, variant: str) -> None:
    """What a user's system would change: a dark palette, a larger text size. (200 %
    is QT_SCALE_FACTOR, set before the application exists.)"""
    from PySide6.QtGui import QColor, QPalette

    if variant == "dark":
        palette = QPalette()
        role = QPalette.ColorRole
        for name, colour in (
            (role.Window, "#2b2b2b"),
            (role.WindowText, "#e8e8e8"),
            (role.Base, "#1e1e1e"),
            (role.AlternateBase, "#333333"),
            (role.Text, "#e8e8e8"),
            (role.Button, "#3a3a3a"),
            (role.ButtonText, "#e8e8e8"),
            (role.Highlight, "#4a90d9"),
            (role.HighlightedText, "#ffffff"),
            (role.Mid, "#555555"),
            (role.Dark, "#1a1a1a"),
            (role.Light, "#4a4a4a"),
            (role.Midlight, "#444444"),
            (role.Shadow, "#000000"),
            (role.ToolTipBase, "#333333"),
            (role.ToolTipText, "#e8e8e8"),
            (role.PlaceholderText, "#9a9a9a"),
            (role.Link, "#7ab4f5"),
        ):
            palette.setColor(name, QColor(colour))
        app.setPalette(palette)
    elif variant == "large":
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        app.setFont(font)


def main() -> int:
    global _only
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", nargs="*", default=["en", "ar", "fa"])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--variant", choices=VARIANTS, default=None)
    parser.add_argument("--no-variants", action="store_true")
    args = parser.parse_args()
    os.umask(0o022)  # the pictures are for the repository, readable like any doc
    if args.variant is not None:
        _only = VARIANT_SCREENS
        for lang in args.lang:
            shoot(lang, args.out / args.variant / lang)
        return 0
    for lang in args.lang:
        shoot(lang, args.out / lang)
    if args.no_variants:
        return 0
    import subprocess

    for variant in VARIANTS:
        env = dict(os.environ, SAFETYKIT_SHOT_VARIANT=variant)
        if variant == "scale200":
            env["QT_SCALE_FACTOR"] = "2"
        command = [sys.executable, __file__, "--variant", variant, "--out", str(args.out)]
        subprocess.run([*command, "--lang", *args.lang], env=env, check=True, timeout=900)
    return 0


if __name__ == "__main__":
    sys.exit(main())
