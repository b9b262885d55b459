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
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def clean(text: str) -> str:
    """``text`` without directional overrides, isolates or non-printing controls."""
    if text.isascii() and text.isprintable():
        return text  # the common case, and nothing to remove: skip the regex
    return _UNSAFE.sub("", text)
