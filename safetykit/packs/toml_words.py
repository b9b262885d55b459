"""TOML syntax errors in the reader's language.

The TOML reader (tomli, and Python's tomllib, which is its code) words its errors in
English, from a fixed set of about twenty sentences. A trainer who broke a quote or a
bracket reads ours instead, in their language; a sentence we do not know (a newer
reader's) is shown as the reader wrote it.
"""

from __future__ import annotations

import re

from safetykit.text import N_, Text, reworded

_PLAIN = {
    "Invalid value": N_("a value is missing or not valid"),
    "Invalid statement": N_("this line is neither a key = value pair nor a [table]"),
    "Cannot overwrite a value": N_("a key is given a value twice"),
    "Expected '=' after a key in a key/value pair": N_("'=' is missing after a key"),
    "Expected ']' at the end of a table declaration": N_("']' is missing at the end of a [table]"),
    "Expected ']]' at the end of an array declaration": N_(
        "']]' is missing at the end of an [[array of tables]]"
    ),
    "Expected newline or end of document after a statement": N_(
        "something follows a value on the same line (a second key, or a value not in quotes)"
    ),
    "Unterminated string": N_("a string has no closing quote"),
    "Unclosed array": N_("a list has no closing ']'"),
    "Unclosed inline table": N_("an inline table has no closing '}'"),
    "Unescaped '\\' in a string": N_("a '\\' in a string must be written '\\\\'"),
    "Invalid date or datetime": N_("a date is not valid (write it as 2026-12-01)"),
    "Invalid hex value": N_("a \\u or \\U escape is not valid hexadecimal"),
    "Escaped character is not a Unicode scalar value": N_(
        "a \\u or \\U escape is not a Unicode character"
    ),
    "Invalid initial character for a key part": N_(
        "a key starts with a character keys cannot have"
    ),
}
_WITH_NAME = (
    (re.compile(r"^Cannot declare (?P<name>.+) twice$"), N_("%(name)s is declared twice")),
    (
        re.compile(r"^Duplicate inline table key (?P<name>.+)$"),
        N_("the key %(name)s is in the inline table twice"),
    ),
    (
        re.compile(r"^Cannot redefine namespace (?P<name>.+)$"),
        N_("the table %(name)s is defined again"),
    ),
    (
        re.compile(r"^Cannot mutate immutable namespace (?P<name>.+)$"),
        N_("%(name)s was given whole already and cannot be added to"),
    ),
    (
        re.compile(r"^Illegal character (?P<name>.+)$"),
        N_("the character %(name)s cannot be in the file"),
    ),
    (
        re.compile(r"^Found invalid character (?P<name>.+)$"),
        N_("the character %(name)s is not valid here"),
    ),
)


def toml_words(message: str) -> Text | str:
    """The reader's ``message`` (its position already taken off) in our words."""
    if message == "Illegal character '\\n'":  # a line break inside a one-line string
        return Text.of(N_("a string reaches the end of its line without a closing quote"))
    plain = _PLAIN.get(message)
    if plain is not None:
        return Text.of(plain)
    return reworded(message, _WITH_NAME) or message
