"""Helpers shared by the subcommands: data folder, passphrases, messages, language.

Every sentence a command prints goes through ``_()`` or ``ngettext()`` here, in the
language ``use_language`` chose (DESIGN §7): ``--lang``, then the language saved in
the data folder's plain settings, then the system's preferred languages, then
English. Ids, paths, fingerprints and ``file:line:`` prefixes are filled in as they
are. ``--help`` stays English (docs/translating.md).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import unicodedata
from pathlib import Path

from safetykit import i18n
from safetykit.coredump import no_crash_dumps
from safetykit.errors import SafetyKitError
from safetykit.paths import check_private_dir, ensure_private_dir, resolve_data_dir
from safetykit.text import Text, fill, in_language

_args: argparse.Namespace | None = None
_language: str | None = None


def choose_language(args: argparse.Namespace) -> str:
    """The command line's language for ``args``: ``--lang``, the saved setting of the
    data folder (never created or changed to find it), the system's languages, English."""
    from safetykit.settings import load_settings

    # The saved setting is read even with --lang: a --lang without a catalog is
    # passed over, not taken as English.
    try:
        saved = load_settings(resolve_data_dir(getattr(args, "data_dir", None))).language
    except (OSError, ValueError):
        saved = None
    return i18n.choose_language(getattr(args, "lang", None), saved, i18n.system_languages())


def use_language(args: argparse.Namespace) -> None:
    """Take this run's arguments; the language is chosen from them when first needed
    (a command that prints nothing reads nothing for it)."""
    global _args, _language
    _args, _language = args, None


def language() -> str:
    """The language chosen for this run (the system's for a helper called outside
    ``safetykit.cli.main``)."""
    global _language
    if _language is None:
        _language = choose_language(_args or argparse.Namespace())
    return _language


def _(message: str, /, **params: object) -> str:
    """``message`` in the run's language, its ``%(name)s`` placeholders filled."""
    return fill(i18n.translations(language()).gettext(message), params, language())


def ngettext(singular: str, plural: str, count: int, /, **params: object) -> str:
    """The plural form the language's rule picks for ``count``, filled in (``count``
    is a parameter too)."""
    template = i18n.translations(language()).ngettext(singular, plural, count)
    return fill(template, {"count": count, **params}, language())


def shown(value: object) -> str:
    """A message the core kept (``Text``, error, plain string) in the run's language."""
    return in_language(value, language())


def data_dir_parent() -> argparse.ArgumentParser:
    """A parent parser giving a subcommand its own ``--data-dir``.

    SUPPRESS keeps a value given before the subcommand (``safetykit --data-dir X
    vault check``) from being overwritten by the subcommand's default.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder holding the vault and settings (default: the user data folder)",
    )
    return parent


def data_dir(args: argparse.Namespace, create: bool = True) -> Path:
    """The data folder: created 0700 if ``create``; an existing one owned by another
    account is refused, and one open to others is set to 0700, with a warning."""
    path = resolve_data_dir(getattr(args, "data_dir", None))
    notices: list[Text] = []
    if create:
        ensure_private_dir(path, notices)
    else:
        check_private_dir(path, notices)
    for notice in notices:
        warn(shown(notice))
    return path


def warn(message: str) -> None:
    print(_("safetykit: warning: %(message)s", message=message), file=sys.stderr)


def info(message: str) -> None:
    print(message, file=sys.stderr)


def read_secret(prompt: str) -> str:
    """Read a passphrase: from the terminal when there is one, else one line of stdin.

    Only the final newline is stripped (DESIGN §8); the text is NFC-normalised so the
    same passphrase typed on different systems gives the same key.
    """
    no_crash_dumps()  # before the passphrase, or anything it unlocks, is in memory
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            value = getpass.getpass(prompt)
        except EOFError:
            raise SafetyKitError("passphrase.missing") from None
    else:
        if sys.stdin is None:
            raise SafetyKitError("passphrase.stdin_closed")
        line = sys.stdin.readline()
        if not line:
            raise SafetyKitError("passphrase.stdin_empty")
        value = line[:-1] if line.endswith("\n") else line
    return unicodedata.normalize("NFC", value)


def confirm(prompt: str, *, yes: bool) -> None:
    """Go on only if the user answers yes on a terminal (or passed ``--yes``).

    Without a terminal there is no one to have compared what was shown, so a script
    must say ``--yes`` itself; SafetyKitError otherwise, or when the answer is not yes.
    """
    if yes:
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise SafetyKitError("pack.confirm.no_terminal")
    try:
        answer = input(prompt)
    except EOFError:
        answer = ""
    # "y" and "yes" always; the language's own word too (the prompt shows its initial).
    yes_words = {"y", "yes", _("y").casefold(), _("yes").casefold()}
    if answer.strip().casefold() not in yes_words:
        raise SafetyKitError("pack.confirm.declined")


def read_new_secret(prompt: str, again: str | None = None) -> str:
    """A new passphrase: on a terminal it is asked twice and must match (a typo there
    would lock the user out for good); from stdin it is one line, read once."""
    first = read_secret(prompt)
    again = again or _("Type it again: ")
    if sys.stdin is not None and sys.stdin.isatty() and read_secret(again) != first:
        raise SafetyKitError("passphrase.mismatch")
    return first
