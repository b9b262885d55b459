"""One-line hints for the TOML mistakes trainers make most, after the parser's message.

The TOML 1.0 parser the project pins (tomli 2.2) says where it stopped ("Invalid value
(at line 4, column 9)"), not why: a curly quote pasted from a word processor, a quote
inside a text, a comma before ``}``, an inline table over two lines, a byte-order
mark. These hints look at that spot and say what to change.
"""

from __future__ import annotations

import re

from safetykit.text import N_

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_CURLY = "“”‘’„‚«»‹›＂"


def toml_hint(text: str, error: str) -> str:
    """A hint for the parse error ``error`` in ``text``, or "" when none fits: a message
    id (marked with N_()), translated where it is shown."""
    if text.startswith("\ufeff"):
        return N_("the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM")
    found = _POSITION.search(error)
    if found is None:
        return ""
    lines = text.split("\n")
    number, column = int(found.group(1)), int(found.group(2))
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    at = line[column - 1 : column] if column >= 1 else ""
    before = line[: column - 1].rstrip()
    if at and at in _CURLY:
        return N_(
            "the text is in curly quotes (“ ”), as word processors write them: put it "
            'in straight double quotes " "'
        )
    if "key part" in error and _open_brace(line):
        if at == "}" and before.endswith(","):
            return N_("remove the comma before the }: TOML 1.0 allows none there")
        if column > len(line.rstrip()):
            return N_("an inline table { … } must be on one line: join the lines up to the }")
        return N_("keep each { … } on one line, with no comma before the }")
    quotes = line.count('"')
    if ("after a statement" in error or "Unclosed array" in error) and (
        quotes > 2 or (quotes == 2 and before.endswith('"'))
    ):
        return N_(
            'a " inside the text ends it: write it as \\" (or use “curly” quotes inside the text)'
        )
    if "Illegal character '\\n'" in error and '"' in line:
        return N_(
            'the text has no closing " on this line: end it with a " (or write a " inside as \\")'
        )
    if "hex value" in error or "Unescaped '\\\\'" in error or "escape" in error.lower():
        return N_(
            'a backslash inside "…" starts an escape: write it twice (\\\\), or put the '
            "text in single quotes ' '"
        )
    return ""


def _open_brace(line: str) -> bool:
    """Whether ``line`` opens an inline table it does not close (quotes aside)."""
    depth = 0
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "{":
            depth += 1
        elif not quoted and char == "}":
            depth -= 1
    return depth > 0 or "{" in line
