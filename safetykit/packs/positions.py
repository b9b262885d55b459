"""Line numbers for keys and entries of a TOML document.

``tomllib`` returns plain data without positions, yet every validation problem must
name the line of the offending key or entry. This scanner walks the TOML text (after
``tomllib`` has accepted it, so the text is known to be valid) and records the line
where each key, array-of-tables entry and array element starts, under the same path
the data has: ``("item", 3, "steps", 1)`` is the second step of the fourth
``[[item]]``.

It understands the whole of TOML that pack files use: bare, quoted and dotted keys,
``[table]`` and ``[[array.of.tables]]`` headers (nested ones too), all four string
forms, scalars, arrays and inline tables spanning lines, and comments. Should it ever
meet something it does not understand, it stops and keeps what it found so far;
``PositionMap.line()`` then falls back to the nearest enclosing entry or table.
"""

from __future__ import annotations

import bisect
import contextlib
import re

PathPart = str | int
Path = tuple[PathPart, ...]

# Regular expressions do the character-level work: a 5,000-item pack is megabytes.
_BLANK = re.compile(r"(?:[ \t\r]+|#[^\n]*)*")
_BLANK_NL = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]}\n#]+")
_BASIC = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_LITERAL = re.compile(r"'([^'\n]*)'")


class _ScanError(Exception):
    """The scanner met text it does not understand (never escapes this module)."""


class PositionMap:
    """Where each path starts (1-based lines).

    Built lazily from the text: a valid file never needs its positions, and scanning a
    5,000-item pack costs as much as parsing it.
    """

    def __init__(self, lines: dict[Path, int] | None = None, text: str | None = None) -> None:
        self._lines = lines
        self._text = text

    @property
    def lines(self) -> dict[Path, int]:
        if self._lines is None:
            self._lines = _scan(self._text or "")
            self._text = None
        return self._lines

    def line(self, path: Path) -> int:
        """The line of ``path``, else of its nearest recorded ancestor, else 1."""
        lines = self.lines
        for end in range(len(path), 0, -1):
            found = lines.get(path[:end])
            if found is not None:
                return found
        return 1


def find_positions(text: str, *, lazy: bool = False) -> PositionMap:
    return PositionMap(text=text) if lazy else PositionMap(_scan(text))


def _scan(text: str) -> dict[Path, int]:
    scanner = _Scanner(text)
    # On text it does not understand, keep the positions found so far: lookups fall
    # back to the nearest recorded ancestor.
    with contextlib.suppress(_ScanError, IndexError):
        scanner.document()
    return scanner.lines


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.lines: dict[Path, int] = {}
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # Number of entries seen so far for each array of tables (by resolved path).
        self._aot_counts: dict[Path, int] = {}
        self._aot_names: set[tuple[str, ...]] = set()

    # -- helpers ---------------------------------------------------------------
    def _line_at(self, index: int) -> int:
        return bisect.bisect_right(self._line_starts, index)

    def _record(self, path: Path, index: int) -> None:
        self.lines.setdefault(path, self._line_at(index))

    def _peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def _skip_blank(self, newlines: bool) -> None:
        """Skip spaces, tabs, comments and (when ``newlines``) line ends."""
        match = (_BLANK_NL if newlines else _BLANK).match(self.text, self.pos)
        if match:
            self.pos = match.end()

    # -- document structure ----------------------------------------------------
    def document(self) -> None:
        table: Path = ()
        while True:
            self._skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self._peek() == "[":
                table = self._header()
            else:
                self._keyval(table)

    def _header(self) -> Path:
        start = self.pos
        is_array = self._peek(1) == "["
        self.pos += 2 if is_array else 1
        self._skip_blank(newlines=False)
        names = tuple(self._key())
        self._skip_blank(newlines=False)
        closing = "]]" if is_array else "]"
        if not self.text.startswith(closing, self.pos):
            raise _ScanError("unterminated table header")
        self.pos += len(closing)
        resolved = (*self._resolve(names[:-1]), names[-1])
        if is_array:
            self._aot_names.add(names)
            index = self._aot_counts.get(resolved, 0)
            self._aot_counts[resolved] = index + 1
            self._record(resolved, start)
            resolved = (*resolved, index)
        self._record(resolved, start)
        return resolved

    def _resolve(self, names: tuple[str, ...]) -> Path:
        """Insert the current entry index after every array-of-tables name in a header."""
        resolved: list[PathPart] = []
        for end in range(1, len(names) + 1):
            resolved.append(names[end - 1])
            if names[:end] in self._aot_names:
                count = self._aot_counts.get(tuple(resolved), 0)
                resolved.append(max(count - 1, 0))
        return tuple(resolved)

    def _keyval(self, table: Path) -> None:
        start = self.pos
        path = table + tuple(self._key())
        self._record(path, start)
        self._skip_blank(newlines=False)
        if self._peek() != "=":
            raise _ScanError("expected '='")
        self.pos += 1
        self._skip_blank(newlines=False)
        self._value(path)

    def _key(self) -> list[str]:
        parts = [self._simple_key()]
        while True:
            save = self.pos
            self._skip_blank(newlines=False)
            if self._peek() == ".":
                self.pos += 1
                self._skip_blank(newlines=False)
                parts.append(self._simple_key())
            else:
                self.pos = save
                return parts

    def _simple_key(self) -> str:
        ch = self._peek()
        if ch in "\"'":
            return self._string()
        match = _BARE_KEY.match(self.text, self.pos)
        if not match:
            raise _ScanError("expected a key")
        self.pos = match.end()
        return match.group()

    # -- values ----------------------------------------------------------------
    def _value(self, path: Path) -> None:
        ch = self._peek()
        if ch in "\"'":
            self._string()
        elif ch == "[":
            self._array(path)
        elif ch == "{":
            self._inline_table(path)
        else:
            match = _SCALAR.match(self.text, self.pos)
            if not match:
                raise _ScanError("expected a value")
            self.pos = match.end()

    def _array(self, path: Path) -> None:
        self.pos += 1  # '['
        index = 0
        while True:
            self._skip_blank(newlines=True)
            if self._peek() == "]":
                self.pos += 1
                return
            element = (*path, index)
            self._record(element, self.pos)
            self._value(element)
            index += 1
            self._skip_blank(newlines=True)
            if self._peek() == ",":
                self.pos += 1
            elif self._peek() != "]":
                raise _ScanError("expected ',' or ']'")

    def _inline_table(self, path: Path) -> None:
        self.pos += 1  # '{'
        while True:
            self._skip_blank(newlines=True)
            if self._peek() == "}":
                self.pos += 1
                return
            self._keyval(path)
            self._skip_blank(newlines=True)
            if self._peek() == ",":
                self.pos += 1
            elif self._peek() != "}":
                raise _ScanError("expected ',' or '}'")

    def _string(self) -> str:
        """Consume a string of any form; return its text (escapes only roughly decoded)."""
        quote = self._peek()
        if self.text.startswith(quote * 3, self.pos):
            self.pos += 3
            end_mark = quote * 3
            while True:
                end = self.text.find(end_mark, self.pos)
                if end < 0:
                    raise _ScanError("unterminated string")
                if quote == '"' and _escaped(self.text, end):
                    self.pos = end + 1
                    continue
                body = self.text[self.pos : end]
                self.pos = end + 3
                # Up to two more quotes may close the string ("""a"""" is 'a"').
                extra = 0
                while extra < 2 and self._peek() == quote:
                    self.pos += 1
                    extra += 1
                return body
        match = (_BASIC if quote == '"' else _LITERAL).match(self.text, self.pos)
        if not match:
            raise _ScanError("unterminated string")
        self.pos = match.end()
        return _unescape(match.group(1)) if quote == '"' else match.group(1)


def _escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    simple = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
    out: list[str] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            code = raw[i + 1]
            if code in simple:
                out.append(simple[code])
                i += 2
                continue
            width = {"u": 4, "U": 8}.get(code)
            if width is not None:
                try:
                    out.append(chr(int(raw[i + 2 : i + 2 + width], 16)))
                except ValueError:
                    raise _ScanError("bad escape") from None
                i += 2 + width
                continue
        out.append(ch)
        i += 1
    return "".join(out)
