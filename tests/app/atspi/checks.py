"""What a screen reader needs from a screen: every control named, in words it shows.

The rules, applied to the objects that are on screen (SHOWING and VISIBLE):

- an interactive object (``INTERACTIVE``) has a non-empty name, which is never its
  objectName (a developer's word, not the user's);
- an object without text of its own (``LABELLED``: a field, a list…) that is
  labelled by a buddy label (AT-SPI LABELLED_BY) has that label's text as its name,
  so what is heard is what is seen;
- a combo box has a buddy label: Qt on Linux ignores setAccessibleName on a combo
  box, reports its current value as its name, and says what it is only through the
  LABELLED_BY relation (so the label, not the name, must say it);
- in a translated run, no name is the English source of a string the catalog
  translates (a name set once and never retranslated, or not passed through tr());
- a dialog (dialog, alert, file chooser) says what it is: a non-empty title, and not
  just the application's name;
- an object that takes the keyboard focus, or has it, has a name, whatever its role
  (a scroll area, page or custom widget that takes the focus and says nothing
  leaves the user lost).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tests.app.atspi.reader import STATE_FOCUSABLE, STATE_FOCUSED, Node

INTERACTIVE = frozenset(
    {
        "push button",
        "toggle button",
        "check box",
        "radio button",
        "combo box",
        "text",
        "password text",
        "entry",
        "list",
        "list box",
        "spin button",
        "date editor",
        "link",
        "slider",
        "menu item",
        "check menu item",
        "radio menu item",
        "page tab",
        "tree",
        "tree table",
        "table",
    }
)
# Roles that show no text of their own: their name comes from a label (a buddy).
# (Buttons, check boxes and radio buttons carry their own text; Qt also reports a
# group box's title as their LABELLED_BY, which is context, not their name.)
LABELLED = frozenset(
    {
        "text",
        "password text",
        "entry",
        "list",
        "list box",
        "spin button",
        "date editor",
        "slider",
        "table",
        "tree",
        "tree table",
    }
)
DIALOGS = frozenset({"dialog", "alert", "file chooser"})
# Parts of a composite control that carry their own text (or none, by design).
PARTS = frozenset({"list item", "table cell", "column header", "scroll bar"})

_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_TRAILING = re.compile(r"[\s:：…]+$|\.\.\.$")


def heard(text: str) -> str:
    """A name as heard: no direction marks, no trailing colon or ellipsis."""
    return _TRAILING.sub("", _BIDI.sub("", text).strip()).strip()


def normalize(text: str) -> str:
    """``heard``, in any case."""
    return heard(text).casefold()


def plain_msgid(text: str) -> str:
    """``&Next`` → ``Next`` (a mnemonic marker is not heard; ``&&`` is a literal &)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass(frozen=True)
class Problem:
    screen: str
    object_name: str
    role: str
    shown: str  # what AT-SPI says now
    wanted: str  # what it should say

    def __str__(self) -> str:
        return (
            f"{self.screen}: {self.role} {self.object_name!r}: AT-SPI says {self.shown}; "
            f"it should {self.wanted}"
        )


def interface_strings(folder: Path) -> set[str]:
    """Every literal passed to ``tr()`` in the Python files below ``folder``."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "tr"
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[0].value, str)
            ):
                found.add(call.args[0].value)
    return found


def untranslated_names(msgids: Iterable[str], gettext: Callable[[str], str]) -> dict[str, str]:
    """heard English text → its translation, for the texts that only come from strings
    the catalog translates: heard in English in the translated app, such a name was
    set once and never retranslated (or not passed through tr()). A text that some
    untranslated string also produces (``Lock`` when only ``&Lock`` is translated) is
    left out: that is a gap in the catalog, not in the app."""
    groups: dict[str, list[str]] = {}
    for msgid in msgids:
        if "{" in msgid:
            continue  # filled in at run time: never heard as written
        groups.setdefault(heard(plain_msgid(msgid)), []).append(msgid)
    found: dict[str, str] = {}
    for text, group in groups.items():
        translations = [heard(plain_msgid(gettext(m))) for m in group]
        if text and all(t and t != text for t in translations):
            found[text] = translations[0]
    return found


def widget_name(node: Node) -> str:
    """The objectName; for Qt's own parts (qt_scrollarea_viewport) or unnamed widgets
    (reported by class, QWidget), with the parent's: onboardingProfileForm.qt_…"""
    parts = node.accessible_id.split(".")
    last = parts[-1]
    if len(parts) > 1 and (last.startswith("qt_") or re.fullmatch("Q[A-Z][A-Za-z]+", last)):
        return ".".join(parts[-2:])
    return last or node.accessible_id


def check_screen(
    screen: str,
    windows: Iterable[Node],
    *,
    app_name: str,
    untranslated: dict[str, str] | None = None,
) -> list[Problem]:
    """The problems of the showing objects of ``windows`` (the app's top-level nodes)."""
    problems: list[Problem] = []

    def add(node: Node, wanted: str) -> None:
        problems.append(Problem(screen, widget_name(node), node.role, repr(node.name), wanted))

    for window in windows:
        if not window.showing:
            continue
        for node in window.walk():
            if not node.showing or node.role in PARTS:
                continue
            name = normalize(node.name)
            if node.role in DIALOGS:
                if not name:
                    add(node, "say what the dialog is (a window title)")
                elif name == normalize(app_name):
                    add(node, "say what the dialog is, not only the application's name")
                elif untranslated is not None and heard(node.name) in untranslated:
                    add(
                        node, f"be titled in the language shown: {untranslated[heard(node.name)]!r}"
                    )
            interactive = node.role in INTERACTIVE
            focusable = STATE_FOCUSABLE in node.states and node.role != "frame"
            if not name and STATE_FOCUSED in node.states and not interactive:
                add(node, "have a name: the keyboard focus is on it, and nothing is heard")
                continue
            if not interactive and not focusable:
                continue
            if not name:
                if interactive:
                    add(node, "have a name: its visible text or its label's")
                else:
                    add(node, "have a name, or not take the keyboard focus")
                continue
            if node.object_name and _BIDI.sub("", node.name).strip() in (
                node.object_name,
                node.accessible_id,
            ):
                add(node, "be named in the user's words, not by its objectName")
            if node.role == "combo box":
                # Qt on Linux names a combo box by its current value and says what it is
                # through the LABELLED_BY relation only (its buddy label).
                if not any(normalize(label) for label in node.labelled_by):
                    add(node, "have a buddy label (Qt names a combo box only through it)")
                for label in node.labelled_by:
                    if untranslated is not None and heard(label) in untranslated:
                        add(node, f"have its label translated: {untranslated[heard(label)]!r}")
            elif node.labelled_by and node.role in LABELLED:
                labels = [normalize(label) for label in node.labelled_by]
                if name not in labels:
                    add(node, f"be named as its label says: {node.labelled_by[0]!r}")
            if untranslated is not None and heard(node.name) in untranslated:
                add(node, f"be translated: {untranslated[heard(node.name)]!r}")
    return problems
