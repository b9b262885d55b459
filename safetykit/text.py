"""Words kept as a gettext message id and its parameters, put into the reader's
language only when shown (DESIGN §7).

The core finds things before anyone knows who will read them: a vault notices an
interrupted passphrase change, a pack check finds a typo, a wipe cannot delete a file.
It keeps a ``Text`` (the English template, marked for extraction, and plain
parameters); the command line renders it in the language it chose, the app in the
interface language. ``str(text)`` is the English. Qt-free and light: no Babel, no
catalog is read until something is rendered.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safetykit import i18n


def N_(message: str) -> str:  # gettext's usual name for "mark now, translate when shown"
    """Mark a message for extraction; a ``Text`` translates it when it is shown."""
    return message


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with plural forms for extraction (the name the catalog tool
    reads); ``Text.plural`` picks the form when it is shown."""
    return singular, plural


@dataclass(frozen=True)
class Text:
    """A message id (``%(name)s`` placeholders) with its parameters.

    ``msgid`` is a (singular, plural) pair when the sentence depends on the number in
    the parameter named ``count``. Parameters are plain values, other ``Text``s or
    errors, each rendered in the same language."""

    msgid: str | tuple[str, str]
    params: tuple[tuple[str, object], ...] = ()
    count: str | None = None

    @classmethod
    def of(cls, msgid: str, /, **params: object) -> Text:
        return cls(msgid, tuple(params.items()))

    @classmethod
    def plural(cls, forms: tuple[str, str], count: str, /, **params: object) -> Text:
        return cls(forms, tuple(params.items()), count)

    def param(self, name: str) -> object:
        return dict(self.params).get(name)

    def render(self, lang: str) -> str:
        catalog = i18n.translations(lang)
        values = dict(self.params)
        if isinstance(self.msgid, tuple):
            count = values.get(self.count or "", 0)
            template = catalog.ngettext(*self.msgid, count if isinstance(count, int) else 0)
        else:
            template = catalog.gettext(self.msgid)
        return fill(template, values, lang)

    def __str__(self) -> str:
        return self.render(i18n.SOURCE_LANGUAGE)


class _Params(dict[str, object]):
    """Parameters as a format mapping; a missing one shows as an ellipsis."""

    def __missing__(self, key: str) -> str:
        return "…"


def fill(template: str, params: Mapping[str, object], lang: str) -> str:
    """``template % params``, each parameter rendered in ``lang``; a broken translation
    (a lost or renamed placeholder) shows as written rather than hiding the message."""
    values = _Params({name: render(value, lang) for name, value in params.items()})
    try:
        return template % values
    except (TypeError, ValueError, KeyError):
        return template


def render(value: object, lang: str) -> object:
    """A parameter as shown in ``lang``: a ``Text`` or an error in words, a number or
    a name as it is."""
    from safetykit.errors import SafetyKitError, Shown

    if isinstance(value, Shown):
        return value.render(lang)

    if isinstance(value, SafetyKitError):
        from safetykit.messages import message_for

        return message_for(value, lang)
    return value


def in_language(value: object, lang: str) -> str:
    """Any message the core keeps (``Text``, error, plain string) as text in ``lang``."""
    return str(render(value, lang))


# Why the system refused, in words the reader's language has (the C library's own
# texts are English here: Python never sets LC_MESSAGES). Others fall back to them.
_REASON_NAMES = (
    ("ENOSPC", N_("the disk is full")),
    ("EDQUOT", N_("the disk quota is used up")),
    ("EROFS", N_("the disk is read-only")),
    ("EACCES", N_("permission denied")),
    ("EPERM", N_("the system does not allow it")),
    ("ENOENT", N_("there is no such file or folder")),
    ("EEXIST", N_("it already exists")),
    ("EISDIR", N_("it is a folder")),
    ("ENOTDIR", N_("a part of the path is not a folder")),
    ("ENAMETOOLONG", N_("the name is too long")),
    ("ELOOP", N_("it is a link, and links are not followed")),
    ("EIO", N_("the disk could not be read or written")),
    ("EBUSY", N_("it is in use")),
    ("EAGAIN", N_("it is in use by another program")),
    ("EMFILE", N_("too many files are open")),
    ("ENFILE", N_("too many files are open")),
    ("ENXIO", N_("it is not a regular file")),
    ("EXDEV", N_("it is on another disk")),
)
# Not every system has every code (Windows lacks EDQUOT, for one).
_OS_REASONS = {getattr(errno, name): text for name, text in _REASON_NAMES if hasattr(errno, name)}


def os_reason(error: OSError) -> Text | str:
    """Why ``error`` happened, lower case, to go inside a sentence: our words for the
    usual reasons (full disk, no permission, read-only...), else the system's."""
    code = error.errno
    if code in _OS_REASONS:
        return Text.of(_OS_REASONS[code])
    if code:
        return os.strerror(code).lower()
    return (error.strerror or type(error).__name__).lower()


def reworded(message: str, patterns: Iterable[tuple[re.Pattern[str], str]]) -> Text | None:
    """Our words for another library's English ``message`` (the TOML reader's,
    argparse's): the first pattern that matches it whole, its named groups as the
    parameters; None if none does."""
    for pattern, words in patterns:
        found = pattern.fullmatch(message)
        if found:
            return Text.of(words, **found.groupdict())
    return None
