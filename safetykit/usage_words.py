"""The command line's usage errors in the reader's language.

argparse words its errors in English (``--help`` stays English: docs/translating.md),
from a small fixed set of sentences; the parser's ``error()`` shows ours instead. A
sentence we do not know (a newer Python's) is shown as argparse wrote it.
"""

from __future__ import annotations

import re

from safetykit.text import N_, Text, reworded

_INNER = (
    (
        re.compile(r"^invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)$"),
        N_("%(value)s is not one of %(choices)s"),
    ),
    (re.compile(r"^expected one argument$"), N_("a value is needed after it")),
    (re.compile(r"^expected at least one argument$"), N_("at least one value is needed after it")),
    (
        re.compile(r"^invalid \w+ value: (?P<value>.+)$"),
        N_("%(value)s is not a valid value"),
    ),
    (
        re.compile(r"^not allowed with argument (?P<other>.+)$"),
        N_("it cannot be used with %(other)s"),
    ),
    (re.compile(r"^ignored explicit argument (?P<value>.+)$"), N_("it takes no value (%(value)s)")),
)
_WHOLE = (
    (
        re.compile(r"^the following arguments are required: (?P<names>.+)$"),
        N_("these are missing: %(names)s"),
    ),
    (re.compile(r"^unrecognized arguments: (?P<names>.+)$"), N_("not understood: %(names)s")),
    (
        re.compile(r"^one of the arguments (?P<names>.+) is required$"),
        N_("one of these is needed: %(names)s"),
    ),
    (
        re.compile(r"^ambiguous option: (?P<option>\S+) could match (?P<names>.+)$"),
        N_("%(option)s could be any of %(names)s: write it in full"),
    ),
)
_ARGUMENT = re.compile(r"^argument (?P<name>[^:]+): (?P<rest>.+)$")


def usage_words(message: str) -> Text | str:
    """argparse's ``message`` in our words (ids, option names and values as written)."""
    whole = reworded(message, _WHOLE)
    if whole is not None:
        return whole
    argument = _ARGUMENT.match(message)
    inner = reworded(argument.group("rest"), _INNER) if argument else None
    if argument is None or inner is None:
        return message
    return Text.of(N_("%(name)s: %(problem)s"), name=argument.group("name"), problem=inner)
