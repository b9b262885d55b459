"""Seen from outside, as a screen reader sees it (issue 11, point 7).

The real app (``python -m safetykit --data-dir DIR --lang LANG``) runs under its own
Xvfb (a free display, no TCP) on the xcb platform with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``, in a private D-Bus session that can start the
AT-SPI bus and nothing else (tests/app/atspi/desktop.py). Key events only (xdotool)
take it through every screen of ``SCREENS``, in one app process per language
(English, Arabic), from an empty data folder: the five first-run steps, the vault
made, every unlocked screen and dialog, lock, unlock, and a quick exit that must end
the process. At each screen the accessible tree is read over AT-SPI with jeepney
(tests/app/atspi/reader.py, every call with a timeout) and checked
(tests/app/atspi/checks.py): every control named, with its visible or buddy label's
text, translated; every dialog titled; nothing that takes the focus silent.

An empty or unreadable tree cannot pass: each screen must show its ``shown_by``
object, and the names in ``expect`` (the unlock button heard as "Unlock", in the
language of the run, from the catalog) must be heard.

Adding a screen is one entry in ``SCREENS``: its name, the keys that reach it from the
previous entry, the objectName that shows it is there, and (optionally) names that
must be heard on it, as interface strings (msgids), translated for each language.
A page or dialog module without an entry fails ``test_registry_reaches_every_page``.

Known bugs of the app are listed in ``KNOWN_BUGS`` (objectName → the bug): while any
is still seen, the walk is marked xfail with the list; a new problem fails it, and so
does a known bug that is gone (remove its entry). ``SAFETYKIT_A11Y_DUMP=folder``
writes each screen's tree there, as AT-SPI reports it.

Needs Xvfb (xvfb), xdotool, dbus-daemon (dbus) and at-spi-bus-launcher
(at-spi2-core); skipped without them, failed under CI=true.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from safetykit import i18n
from tests.app.atspi.checks import (
    Problem,
    check_screen,
    interface_strings,
    normalize,
    plain_msgid,
    untranslated_names,
)
from tests.app.atspi.desktop import APP_NAME, Desktop, DesktopError, bus_launcher
from tests.app.atspi.reader import STATE_FOCUSED, Node
from tests.helpers import REPO, in_ci, require_tool

PASSPHRASE = "violet tractor minnow harbour"
LANGUAGES = ("en", "ar")
SCREEN_TIMEOUT = 15.0  # seconds for a screen to appear after its keys
CREATE_TIMEOUT = 90.0
# SAFETYKIT_A11Y_DUMP=folder writes each screen's tree there, as AT-SPI reports it.
DUMP = (
    Path(os.environ["SAFETYKIT_A11Y_DUMP"]) if os.environ.get("SAFETYKIT_A11Y_DUMP") else None
)  # the vault's key derivation is calibrated to about a second


# --- the steps that reach a screen (key events only) ---


@dataclass(frozen=True)
class Keys:
    keys: tuple[str, ...]

    def run(self, desktop: Desktop, lang: str) -> None:
        # One at a time: a key that closes a dialog leaves no window focused (there is
        # no window manager), so the app's window is given the focus before each key.
        for key in self.keys:
            desktop.keys(_direction_key(key, lang))
            time.sleep(0.15)


@dataclass(frozen=True)
class Type:
    text: str

    def run(self, desktop: Desktop, lang: str) -> None:
        desktop.type(self.text)


@dataclass(frozen=True)
class TabTo:
    """Press Tab (or Shift+Tab) until the object ``object_name`` has the keyboard focus."""

    object_name: str
    back: bool = False
    most: int = 40

    def run(self, desktop: Desktop, lang: str) -> None:
        target = find(desktop, self.object_name)
        if target is None:
            raise DesktopError(f"{self.object_name!r} is not on screen")
        assert desktop.reader is not None
        for _ in range(self.most):
            if STATE_FOCUSED in desktop.reader.states(target):
                return
            desktop.keys("shift+Tab" if self.back else "Tab")
            time.sleep(0.1)
        raise DesktopError(f"{self.object_name!r} not reached with Tab ({self.most} presses)")


@dataclass(frozen=True)
class WaitFor:
    object_name: str
    timeout: float = SCREEN_TIMEOUT

    def run(self, desktop: Desktop, lang: str) -> None:
        desktop.wait_for(
            lambda: find(desktop, self.object_name) is not None, self.timeout, self.object_name
        )


@dataclass(frozen=True)
class TypeFile:
    """Type the full path of a file the test made (``walk_files``) into a file dialog."""

    name: str

    def run(self, desktop: Desktop, lang: str) -> None:
        desktop.type(str(desktop.workdir / "files" / self.name))


Step = Keys | Type | TabTo | WaitFor | TypeFile


def keys(*names: str) -> Keys:
    return Keys(names)


def _direction_key(key: str, lang: str) -> str:
    """ "Start"/"End" → Left/Right as the language reads (the menu bar is mirrored)."""
    rtl = i18n.text_direction(lang) == "rtl"
    return {"Start": "Right" if rtl else "Left", "End": "Left" if rtl else "Right"}.get(key, key)


@dataclass(frozen=True)
class Screen:
    name: str
    steps: tuple[Step, ...]  # from the previous screen
    shown_by: str  # objectName of an object that is on screen only here
    expect: tuple[tuple[str, str], ...] = field(default=())  # (objectName, msgid) heard


SCREENS: tuple[Screen, ...] = (
    Screen(
        "first run: language",
        (),
        "onboardingLanguageList",
        (("onboardingNext", "&Next"), ("onboardingLanguageList", "Cho&ose your language:")),
    ),
    Screen("first run: what SafetyKit does", (keys("Return"),), "onboardingPromiseTitle"),
    Screen(
        "first run: passphrase",
        (keys("Return"), WaitFor("onboardingNewPassphraseEdit"), Type(PASSPHRASE)),
        "onboardingNewPassphraseEdit",
        (
            ("onboardingNewPassphraseEdit", "&Passphrase:"),
            ("onboardingNewPassphraseReveal", "Show passphrase"),
        ),
    ),
    Screen(
        "first run: passphrase shown",
        (TabTo("onboardingNewPassphraseReveal"), keys("space")),
        "onboardingNewPassphraseEdit",
        (("onboardingNewPassphraseReveal", "Hide passphrase"),),
    ),
    Screen(
        "first run: passphrase typed twice",
        (
            TabTo("onboardingConfirmPassphraseEdit"),
            Type(PASSPHRASE),
            TabTo("onboardingNoRecovery"),
            keys("space"),
        ),
        "onboardingConfirmPassphraseEdit",
    ),
    Screen(
        "first run: trainer's pack",
        (TabTo("onboardingNext"), keys("Return")),
        "onboardingPackChoose",
        (("onboardingPackChoose", "Choose a pac&k file…"),),
    ),
    Screen("first run: choose a pack file", (keys("space"),), "openFileDialog"),
    Screen(
        "first run: profile questions",
        (keys("Escape"), WaitFor("onboardingPackChoose"), TabTo("onboardingNext"), keys("Return")),
        "onboardingProfileTitle",
    ),
    Screen(
        "dashboard",
        (TabTo("onboardingNext"), keys("Return"), WaitFor("dashboardPage", CREATE_TIMEOUT)),
        "dashboardPage",
        (("headerLock", "Lock"), ("headerQuickExit", "Quick exit")),
    ),
    Screen(
        "new assessment dialog",
        # Backwards: Tab forwards is caught in the score table (see KNOWN_BUGS).
        (TabTo("dashboardNewAssessment", back=True), keys("space")),
        "newAssessmentDialog",
        (("newAssessmentStart", "&Start new assessment"),),
    ),
    Screen("checklist", (keys("Escape", "ctrl+2"),), "checklistPage"),
    Screen("plan", (keys("ctrl+3"),), "planPage"),
    Screen("profile", (keys("ctrl+4"),), "profilePage"),
    Screen("history", (keys("ctrl+5"),), "historyPage"),
    Screen("settings", (keys("ctrl+comma"),), "settingsPage"),
    Screen(
        "change passphrase",
        (TabTo("settingsChangePassphrase"), keys("space")),
        "passphraseDialog",
    ),
    Screen(
        "wipe all data",
        (keys("Escape"), TabTo("settingsWipe"), keys("space")),
        "wipeDialog",
    ),
    Screen(
        "erase deleted data for good",
        (keys("Escape"), TabTo("settingsErase"), keys("space")),
        "eraseDialog",
        (("eraseConfirm", "&Erase for good"),),
    ),
    Screen(
        "restore from a backup copy",
        (
            keys("Escape"),
            TabTo("settingsRestoreCopy"),
            keys("space"),
            WaitFor("openFileDialog"),
            TypeFile("backup.skv"),
            keys("Return"),
        ),
        "restoreDialog",
        (("restorePassphraseEdit", "The copy's &passphrase:"),),
    ),
    Screen("packs", (keys("Escape", "ctrl+6"),), "packsPage"),
    Screen(
        "import a pack: the trust dialog",
        (
            TabTo("packsImport"),
            keys("space"),
            WaitFor("openFileDialog"),
            TypeFile("workshop.skpack"),
            keys("Return"),
        ),
        "trustDialog",
        (("trustUnverified", "I understand the risk: import it &unverified"),),
    ),
    Screen(
        "trusted keys",
        (keys("Escape"), WaitFor("packsPage"), keys("ctrl+7")),
        "keysPage",
        (("keysAdd", "&Add a key from a file…"),),
    ),
    Screen("help for this screen", (keys("Escape", "F1"),), "screenHelpDialog"),
    Screen(
        "helplines",
        # Help's items: this screen, Helplines…, About: from the last one, up once.
        (keys("Escape", "alt", "Start", "Down", "Up", "Up", "Return"),),
        "helplineDialog",
    ),
    Screen(
        "about",
        # The menu bar from the keyboard: Alt, to the last menu (Help), its last item.
        (keys("Escape", "alt", "Start", "Down", "Up", "Return"),),
        "aboutDialog",
    ),
    Screen(
        "unlock",
        (keys("Escape", "ctrl+l"),),
        "unlockButton",
        (("unlockButton", "&Unlock"), ("unlockPassphraseEdit", "&Passphrase:")),
    ),
    Screen(
        "forgot passphrase (wipe)",
        (TabTo("unlockForgotButton"), keys("space")),
        "wipeDialog",
        (("wipeConfirm", "&Wipe and start over"), ("wipeCancel", "&Keep the vault")),
    ),
    Screen(
        "dashboard after unlock",
        (
            keys("Escape"),
            WaitFor("unlockButton"),
            TabTo("unlockPassphraseEdit"),
            Type(PASSPHRASE),
            keys("Return"),
            WaitFor("dashboardPage", CREATE_TIMEOUT),
        ),
        "dashboardPage",
    ),
)

# objectName → a bug found by this test and not fixed yet (then the walk is xfail with
# the list; a fixed one must be removed). Empty: every bug it found is fixed.
KNOWN_BUGS: dict[str, str] = {}


# --- reading the screen ---


def windows(desktop: Desktop) -> list[Node]:
    tree = desktop.tree()
    return [] if tree is None else [w for w in tree.children if w.showing]


def on_top(shown: list[Node]) -> list[Node]:
    """The dialogs, if any is open (the window behind is checked on its own screen)."""
    return [w for w in shown if w.role != "frame"] or shown


def find(desktop: Desktop, object_name: str) -> Node | None:
    for window in windows(desktop):
        for node in window.walk():
            if node.showing and node.object_name == object_name:
                return node
    return None


def _with_depth(node: Node, depth: int = 0) -> Iterator[tuple[Node, int]]:
    yield node, depth
    for child in node.children:
        yield from _with_depth(child, depth + 1)


def expected_name(lang: str, msgid: str) -> str:
    return normalize(plain_msgid(i18n.translations(lang).gettext(msgid)))


def walk_screens(desktop: Desktop, lang: str, data_dir: Path) -> tuple[list[Problem], list[str]]:
    """Go through SCREENS in one app process; the problems seen, and the failures of the
    walk itself (a screen not reached, an expected name not heard)."""
    untranslated = None
    if lang != i18n.SOURCE_LANGUAGE:
        strings = interface_strings(REPO / "safetykit" / "app")
        untranslated = untranslated_names(strings, i18n.translations(lang).gettext)
    problems: list[Problem] = []
    walk_failures: list[str] = []
    desktop.start_app(data_dir, lang)
    for screen in SCREENS:
        try:
            for step in screen.steps:
                step.run(desktop, lang)
            desktop.wait_for(
                lambda s=screen: find(desktop, s.shown_by) is not None,  # type: ignore[misc]
                SCREEN_TIMEOUT,
                f"screen {screen.name!r} ({screen.shown_by})",
            )
            time.sleep(0.3)  # let late name changes (retranslate, timers) settle
            shown = windows(desktop)
        except DesktopError as error:
            walk_failures.append(f"{lang}: could not reach {screen.name!r}: {error}")
            break
        if DUMP:
            DUMP.mkdir(parents=True, exist_ok=True)
            lines = [
                "  " * depth + node.describe()
                for window in shown
                for node, depth in _with_depth(window)
                if node.showing
            ]
            (DUMP / f"{lang}-{SCREENS.index(screen):02d}.txt").write_text(
                f"{screen.name}\n" + "\n".join(lines) + "\n", encoding="utf-8"
            )
        problems += check_screen(
            f"{lang} · {screen.name}", on_top(shown), app_name=APP_NAME, untranslated=untranslated
        )
        for object_name, msgid in screen.expect:
            node = find(desktop, object_name)
            wanted = expected_name(lang, msgid)
            if node is None or normalize(node.name) != wanted:
                heard = "nothing (not found)" if node is None else repr(node.name)
                walk_failures.append(
                    f"{lang} · {screen.name}: {object_name!r} should be heard as {wanted!r}, "
                    f"AT-SPI says {heard}"
                )
    else:
        # Quick exit from the last screen: the process ends (and nothing is left on the bus).
        desktop.keys("ctrl+shift+q")
        assert desktop.app is not None
        try:
            desktop.app.wait(timeout=SCREEN_TIMEOUT)
        except Exception:
            walk_failures.append(f"{lang}: quick exit did not end the app")
    return problems, walk_failures


def _require_desktop_tools() -> None:
    for tool in ("Xvfb", "xdotool", "dbus-daemon"):
        require_tool(tool)
    if bus_launcher() is None:
        message = "at-spi-bus-launcher (at-spi2-core) is not installed"
        if in_ci():
            pytest.fail(f"{message} (CI=true: missing tools fail the run)")
        pytest.skip(message)


def walk_files(folder: Path) -> None:
    """The files the walk types into file dialogs: a trainer's pack signed by a key the
    new vault does not trust, and a file offered as a backup copy (the restore dialog
    asks for its passphrase before it reads it)."""
    from tests.packs.factory import signed_archive

    folder.mkdir()
    (folder / "workshop.skpack").write_bytes(signed_archive())
    (folder / "backup.skv").write_bytes(b"not opened before a passphrase is typed")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screen_as_a_screen_reader_hears_it(lang: str, tmp_path: Path) -> None:
    _require_desktop_tools()
    data_dir = tmp_path / "app-data"
    data_dir.mkdir(mode=0o700)  # empty: the first-run screens come first
    walk_files(tmp_path / "files")
    with Desktop(tmp_path) as desktop:
        try:
            problems, walk_failures = walk_screens(desktop, lang, data_dir)
        finally:
            output = desktop.app_output()
    assert not walk_failures, "\n".join(walk_failures) + f"\n--- app output:\n{output}"
    unique: dict[tuple[str, str, str], Problem] = {}
    for problem in problems:
        unique.setdefault((problem.screen, problem.object_name, problem.wanted), problem)
    new = [p for p in unique.values() if p.object_name not in KNOWN_BUGS]
    assert not new, "accessibility problems:\n" + "\n".join(map(str, new))
    seen = {p.object_name for p in unique.values()}
    gone = sorted(set(KNOWN_BUGS) - seen)
    assert not gone, f"fixed, remove from KNOWN_BUGS: {gone}"
    if KNOWN_BUGS:
        reasons = dict.fromkeys(KNOWN_BUGS.values())  # each bug once, in order
        pytest.xfail("known accessibility bugs: " + "; ".join(reasons))


def test_the_checks_catch_what_a_screen_reader_would_miss() -> None:
    """The rules fail on the faults they exist for (an empty tree cannot pass either:
    the walk requires each screen's landmark and expected names)."""

    def node(role: str, name: str, object_name: str, **kw: object) -> Node:
        return Node(
            bus_name=":1.1",
            path="/x",
            role=role,
            name=name,
            description="",
            accessible_id=f"QApplication.mainWindow.{object_name}",
            states=frozenset({25, 30, *kw.get("states", ())}),  # type: ignore[misc]
            labelled_by=list(kw.get("labelled_by", [])),  # type: ignore[call-overload]
        )

    window = node("frame", "SafetyKit", "mainWindow")
    window.children = [
        node("push button", "", "unnamedButton"),
        node("push button", "okButton", "okButton"),
        node("text", "Name", "nameEdit", labelled_by=["Passphrase:"]),
        node("combo box", "Full", "detailCombo"),
        node("filler", "", "focusableArea", states={11}),
        node("push button", "Next", "englishButton"),
        node("filler", "", "focusedPage", states={12}),
        node("check box", "Show passphrase", "fine"),
        node("text", "Passphrase", "fineEdit", labelled_by=["Passphrase:"]),
    ]
    dialog = node("dialog", "", "untitledDialog")
    problems = check_screen(
        "test", [window, dialog], app_name="SafetyKit", untranslated={"Next": "التالي"}
    )
    catalog = {"&Lock": "&قفل", "Done": "منجز", "{n} done": "{n} منجز"}
    assert untranslated_names(
        ["&Lock", "Lock", "Done", "{n} done"], lambda m: catalog.get(m, m)
    ) == {"Done": "منجز"}
    named = {p.object_name for p in problems}
    assert named == {
        "unnamedButton",
        "okButton",
        "nameEdit",
        "detailCombo",
        "focusableArea",
        "focusedPage",
        "englishButton",
        "untitledDialog",
    }, problems


def test_registry_expects_strings_the_app_has() -> None:
    """Each name a screen expects is an interface string of the app (so a changed
    string fails here, plainly, before the slow walk)."""
    strings = interface_strings(REPO / "safetykit" / "app")
    stale = [(s.name, msgid) for s in SCREENS for _o, msgid in s.expect if msgid not in strings]
    assert not stale, f"update these expected names in SCREENS: {stale}"


def test_registry_reaches_every_page_of_the_app() -> None:
    """Every page and dialog module of safetykit/app has a screen in SCREENS."""
    names = {s.shown_by for s in SCREENS}
    app = Path(__file__).resolve().parents[2] / "safetykit" / "app"
    pages = {p.stem for p in (app / "pages").glob("*_page.py")}
    dialogs = {p.stem for p in (app / "dialogs").glob("*_dialog.py")}
    landmarks = {
        "onboarding_page": "onboardingLanguageList",
        "unlock_page": "unlockButton",
        "dashboard_page": "dashboardPage",
        "checklist_page": "checklistPage",
        "plan_page": "planPage",
        "profile_page": "profilePage",
        "wipe_dialog": "wipeDialog",
        "history_page": "historyPage",
        "settings_page": "settingsPage",
        "passphrase_dialog": "passphraseDialog",
        "erase_dialog": "eraseDialog",
        "restore_dialog": "restoreDialog",
        "packs_page": "packsPage",
        "trust_dialog": "trustDialog",
        "keys_page": "keysPage",
        "helpline_dialog": "helplineDialog",
    }
    missing = sorted((pages | dialogs) - set(landmarks))
    assert not missing, f"add these to SCREENS and to this test's landmarks: {missing}"
    assert {landmarks[m] for m in pages | dialogs} <= names
