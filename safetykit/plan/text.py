"""Making untrusted text safe to place in the plan, beyond HTML escaping.

Jinja2's autoescape makes markup inert. What escaping cannot stop are the invisible
Unicode controls that reorder what is *shown*: an embedding, override or isolate
(U+202A–U+202E, U+2066–U+2069) inside a pack title or a note could make the rest of a
line read backwards, or make a step say something it does not. We remove them rather
than wrap text in ``<bdi>``, because Qt's rich text (the PDF path) ignores ``<bdi>``
and the same HTML must be safe in both. The marks LRM, RLM and ALM stay: they are
legitimate in Arabic and Persian text and cannot override the order of letters.
Other control characters (C0 except tab and newline, DEL, C1) are dropped too: they
have no printed form. So are lone surrogates (a JSON import can carry one: UTF-8 cannot
encode it) and the noncharacters U+FDD0–U+FDEF, U+FFFE and U+FFFF (they make the
chart's SVG ill-formed, and Qt would then drop it).

The marks that stay can still move digits: the bidi algorithm lets a strong
right-to-left character (an RLM, or any Arabic letter, or the start of a right-to-left
paragraph) decide the order of the digit groups that follow it, so "call 0800<RLM>
1234 5678" shows as "call 08005678 1234", and "0800 1234 5678" in an Arabic plan reads
backwards. A run of digit groups (a phone number, an account or an ISO date) is therefore
rewritten with LRM at both ends and on both sides of each separator, after dropping
any marks inside it: every part of the run then resolves left to right, in the order it
was written, in either paragraph direction, Arabic-Indic and Persian digits included.
A single group needs nothing: the digits of one group never reorder.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


_MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM
# Spaces (also no-break) and hyphens, as phone numbers are written; not dots or slashes,
# so versions ("CC-BY-SA-4.0"), decimals and fractions stay as written (a mark right
# after their dot is not removed: docs/security-model.md says so).
_SEPARATORS = " \u00a0\u202f-"
_RUN = re.compile(rf"\+?\d+(?:[{_MARKS}]*[{_SEPARATORS}][{_MARKS}]*\d+|[{_MARKS}]+\d+)+")
_GROUP_OR_SEPARATOR = re.compile(rf"\+?\d+|[{_SEPARATORS}]")
_LRM = "\u200e"


def clean(text: str) -> str:
    """``text`` without directional overrides, isolates or non-printing controls, its
    runs of digit groups kept in writing order (see the module's docstring)."""
    if not (text.isascii() and text.isprintable()):
        text = _UNSAFE.sub("", text)
    return _RUN.sub(_keep_order, text)


def _keep_order(match: re.Match[str]) -> str:
    parts = _GROUP_OR_SEPARATOR.findall(match.group())  # the marks inside are dropped
    return _LRM + "".join(p if p[-1].isdigit() else _LRM + p + _LRM for p in parts) + _LRM
