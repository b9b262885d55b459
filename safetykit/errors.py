"""The project's own error types.

Every failure the user can cause (bad input, wrong passphrase, damaged files) is a
``SafetyKitError``; the command line prints its message as one line and exits 1.
Anything else is a bug and is allowed to show a traceback.

An error carries a stable ``code`` ("vault.wrong_passphrase") and its ``params`` (plain
values: numbers, file names, key ids; never a passphrase or the vault's content).
``safetykit.messages`` turns the code into a sentence in the user's language;
``str(error)`` is that sentence in English, so there is one source of wording.
"""

from __future__ import annotations

import os
from typing import Protocol, runtime_checkable


@runtime_checkable
class Shown(Protocol):
    """A value that words itself in the reader's language (safetykit.text.Text, a
    pack Problem): a message renders it in its own language."""

    def render(self, lang: str) -> str: ...


#: What a parameter may hold: plain values a message can show (paths become text),
#: or words to be shown in the message's language.
Param = str | int | float | os.PathLike[str] | Shown


class SafetyKitError(Exception):
    """A failure to report to the user as one clear line (exit status 1).

    ``SafetyKitError("vault.in_use")`` or, with parameters,
    ``VaultMissing("vault.missing", folder=path)``; without a code, the class's own.
    Every code has a message in ``safetykit.messages.MESSAGES`` (a test checks).
    """

    exit_code = 1
    #: The code used when a raise names none.
    default_code = "error"

    def __init__(self, code: str | None = None, /, **params: Param) -> None:
        self.code: str = code or self.default_code
        self.params: dict[str, str | int | float | Shown] = {
            name: os.fspath(value) if isinstance(value, os.PathLike) else value
            for name, value in params.items()
        }
        super().__init__(self.code)

    def __str__(self) -> str:
        from safetykit.messages import message_for

        return message_for(self, "en", cli=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, **{self.params!r})"


class UsageError(SafetyKitError):
    """The command was called the wrong way (exit status 2)."""

    exit_code = 2
    default_code = "usage"
