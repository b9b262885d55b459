"""Helpers shared by the subcommands: data folder, passphrases, messages."""

from __future__ import annotations

import argparse
import getpass
import sys
import unicodedata
from pathlib import Path

from safetykit.coredump import no_crash_dumps
from safetykit.errors import SafetyKitError
from safetykit.paths import check_private_dir, ensure_private_dir, resolve_data_dir


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
    notices: list[str] = []
    if create:
        ensure_private_dir(path, notices)
    else:
        check_private_dir(path, notices)
    for notice in notices:
        warn(notice)
    return path


def warn(message: str) -> None:
    print(f"safetykit: warning: {message}", file=sys.stderr)


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
    if answer.strip().lower() not in ("y", "yes"):
        raise SafetyKitError("pack.confirm.declined")


def read_new_secret(prompt: str, again: str = "Type it again: ") -> str:
    """A new passphrase: on a terminal it is asked twice and must match (a typo there
    would lock the user out for good); from stdin it is one line, read once."""
    first = read_secret(prompt)
    if sys.stdin is not None and sys.stdin.isatty() and read_secret(again) != first:
        raise SafetyKitError("passphrase.mismatch")
    return first
