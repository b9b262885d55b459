"""``pack export-sheet`` / ``pack import-sheet``: a pack's texts and ratings in a CSV
spreadsheet, for a reviewer who never opens a terminal.

One row per translatable string (its PO context as the key: ``phone-lock:title``,
``phone-lock:steps.2``…), per rating (``phone-lock:risk``, ``phone-lock:effort``) and
per review date (``phone-lock:reviewed``, ``pack:reviewed``). Column A is the key,
column B the value (the one column to edit), column C says where it is written. The
first data row, ``pack:id``, ties the sheet to its pack.

CSV with the standard library: UTF-8 with a byte-order mark (spreadsheets need it to
read UTF-8), CRLF rows, multi-line cells quoted. A cell a spreadsheet would run as a
formula (starting with ``= + - @``, a tab or a carriage return) is written with a
leading apostrophe, and so is one that starts with an apostrophe; reading removes
exactly one, so every text comes back unchanged.

Import refuses, naming the row and column, a sheet that would change an id (a key
that is not the pack's, or ``pack:id``), drop a field (a missing row or an empty
cell), break the pack (a rating or text lint refuses), re-format a date (spreadsheets
like to write 28/11/2026), or arrives in another encoding. Nothing is written unless
the whole sheet is accepted; the TOML files are then edited in place, value by value,
so comments and layout stay as the trainer wrote them. (A TOML writer library would
re-format them: docs/design-decisions.md.)
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from safetykit.packs import po
from safetykit.packs.checks import TEXT_LIMITS
from safetykit.packs.errors import PackError, Problem
from safetykit.packs.loader import analyse
from safetykit.packs.model import Effort, Pack, Risk
from safetykit.packs.positions import Path, find_positions

HEADER = ("key", "text", "where (do not edit: for your information)")
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RATINGS = {"risk": tuple(r.value for r in Risk), "effort": tuple(e.value for e in Effort)}


@dataclass(frozen=True)
class Cell:
    """One row of the sheet: where its value lives in the pack files."""

    key: str
    value: str
    file: str  # relative path inside the pack
    path: Path  # TOML path of the value
    kind: str  # "text:<limit name>", "risk", "effort", "date", "id"
    line: int = 0


def cells(files: Mapping[str, bytes], label: str) -> tuple[Pack, list[Cell]]:
    """The pack's sheet rows in reading order; PackError if the pack does not load."""
    analysis = analyse(files, label=label, strict=True)
    if analysis.pack is None or analysis.errors:
        raise PackError(analysis.errors or [Problem(label, 0, "invalid pack")])
    pack = analysis.pack
    checklist_files = sorted(n for n in files if n.startswith("checklists/"))
    toml = "pack.toml"
    out: list[Cell] = [Cell("pack:id", pack.id, toml, ("id",), "id")]
    sources = po.source_strings(pack)

    def text(key: str, file: str, path: Path) -> None:
        source = sources[key]
        out.append(Cell(key, source.text, file, path, f"text:{source.limit}"))

    text("pack:name", toml, ("name",))
    for key in ("description", "credit", "legal_hold"):
        if getattr(pack, key):
            text(f"pack:{key}", toml, (key,))
    out.append(Cell("pack:reviewed", pack.reviewed.isoformat(), toml, ("reviewed",), "date"))
    for i, question in enumerate(pack.questions):
        where: Path = ("profile", i)
        text(f"{question.id}:text", toml, (*where, "text"))
        for key in ("help", "if_skipped"):
            if getattr(question, key):
                text(f"{question.id}:{key}", toml, (*where, key))
        for j, option in enumerate(question.options):
            text(f"{question.id}:option.{option.value}", toml, (*where, "options", j, "label"))
    for i, _contact in enumerate(pack.contacts):
        text(f"contacts.{i}:offers", toml, ("contacts", i, "offers"))
    for file, checklist in zip(checklist_files, pack.checklists, strict=True):
        text(f"{checklist.id}:title", file, ("title",))
        text(f"{checklist.id}:summary", file, ("summary",))
        for n, item in enumerate(checklist.items):
            where = ("item", n)
            text(f"{item.id}:title", file, (*where, "title"))
            text(f"{item.id}:why", file, (*where, "why"))
            for k in range(len(item.steps)):
                step: Path = (*where, "steps", k)
                if item.step_condition(k):
                    step = (*step, "text")
                text(f"{item.id}:steps.{k}", file, step)
            if not item.is_playbook:
                for rating in ("risk", "effort"):
                    value = getattr(item, rating).value
                    out.append(Cell(f"{item.id}:{rating}", value, file, (*where, rating), rating))
            out.append(
                Cell(
                    f"{item.id}:reviewed",
                    item.reviewed.isoformat(),
                    file,
                    (*where, "reviewed"),
                    "date",
                )
            )
    positions = {
        name: find_positions(files[name].decode("utf-8")) for name in {c.file for c in out}
    }
    return pack, [
        Cell(c.key, c.value, c.file, c.path, c.kind, positions[c.file].line(c.path)) for c in out
    ]


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _unsafe(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def export_sheet(files: Mapping[str, bytes], label: str) -> bytes:
    """The CSV (UTF-8 with BOM, CRLF) of a pack's texts, ratings and review dates."""
    _pack, rows = cells(files, label)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for cell in rows:
        writer.writerow([cell.key, _safe(cell.value), f"{cell.file}:{cell.line}"])
    return out.getvalue().encode("utf-8-sig")


def _column(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index] if index < 26 else str(index + 1)


def _refuse(row: int, column: int, message: str) -> PackError:
    return PackError("pack.sheet.refused", row=row, column=_column(column), problem=message)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(1, 0, "the sheet is saved as UTF-16: save it as 'CSV UTF-8'")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = data.count(b",", start, exc.start)
        raise _refuse(
            line,
            column,
            "the sheet is not UTF-8 (a spreadsheet saved it in another encoding): save it "
            "as 'CSV UTF-8'",
        ) from None
    return text.removeprefix("\ufeff")


def read_sheet(data: bytes) -> list[tuple[int, list[str]]]:
    """The sheet's rows with their 1-based row numbers (header included)."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise _refuse(reader.line_num, 0, f"the CSV cannot be read ({exc})") from None
    # csv's line_num counts physical lines; a row's number is its position.
    return [(n, row) for n, (_, row) in enumerate(rows, start=1)]


@dataclass(frozen=True)
class SheetChange:
    key: str
    old: str
    new: str


def import_sheet(
    files: Mapping[str, bytes], label: str, data: bytes
) -> tuple[dict[str, bytes], list[SheetChange]]:
    """The pack files with the sheet's edits applied, and what changed; PackError
    (row and column) if the sheet would change ids, drop a field, break the pack,
    re-format a date or is in another encoding."""
    _pack, expected = cells(files, label)
    rows = read_sheet(data)
    if not rows or [c.strip() for c in rows[0][1][:2]] != list(HEADER[:2]):
        raise _refuse(1, 0, f"the first row must be the header {', '.join(HEADER[:2])}, …")
    by_key = {cell.key: cell for cell in expected}
    seen: dict[str, int] = {}
    changes: list[tuple[Cell, str]] = []
    for number, row in rows[1:]:
        if not any(value.strip() for value in row):
            continue  # an empty row a spreadsheet added at the end
        if len(row) < 2:
            raise _refuse(number, 1, "the row has no text column")
        key, value = row[0], _unsafe(row[1])
        cell = by_key.get(key)
        if cell is None:
            raise _refuse(
                number,
                0,
                f"'{key}' is not a key of this pack: keys and ids cannot change in the "
                "sheet (change ids in the TOML files)",
            )
        if key in seen:
            raise _refuse(number, 0, f"'{key}' is here a second time (first in row {seen[key]})")
        seen[key] = number
        problem = _check(cell, value)
        if problem:
            raise _refuse(number, 1, problem)
        if value != cell.value:
            changes.append((cell, value))
    missing = [cell.key for cell in expected if cell.key not in seen]
    if missing:
        last = rows[-1][0] + 1
        raise _refuse(last, 0, f"the row for '{missing[0]}' is missing (rows cannot be removed)")
    edited = _apply(files, changes)
    analysis = analyse(edited, label=label, strict=True)
    if analysis.errors:
        raise PackError(analysis.errors)
    return edited, [SheetChange(c.key, c.value, new) for c, new in changes]


def _check(cell: Cell, value: str) -> str | None:
    if cell.kind == "id":
        return None if value == cell.value else f"the pack id cannot change (it is '{cell.value}')"
    if cell.kind == "date":
        if not _DATE.fullmatch(value):
            return (
                f"'{value}' is not a date written as YYYY-MM-DD like {cell.value}: the "
                "spreadsheet re-formatted it (format the column as text)"
            )
        try:
            tomllib.loads(f"d = {value}")
        except tomllib.TOMLDecodeError:
            return f"'{value}' is not a real date"
        return None
    if cell.kind in _RATINGS:
        allowed = _RATINGS[cell.kind]
        return None if value in allowed else f"'{value}' is not one of {', '.join(allowed)}"
    if not value.strip():
        return "the text is empty (a text cannot be dropped)"
    limit = TEXT_LIMITS[cell.kind.partition(":")[2]]
    if len(value) > limit:
        return f"the text is too long: {len(value)} characters, at most {limit}"
    return None


# -- editing TOML in place -----------------------------------------------------------
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:[^\\]|\\.)*?"""(?!")', re.DOTALL)
_ML_LITERAL = re.compile(r"'''.*?'''(?!')", re.DOTALL)


def _encode(value: str) -> str:
    out = ['"']
    for char in value:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _tokens(text: str, start: int) -> list[tuple[int, int, str]]:
    """String tokens from ``start`` to the end of that line (a multi-line string may run
    past it): (start, end, decoded value)."""
    end_of_line = text.find("\n", start)
    end_of_line = len(text) if end_of_line == -1 else end_of_line
    found: list[tuple[int, int, str]] = []
    pos = start
    while pos < end_of_line:
        char = text[pos]
        if char == "#":
            break
        if char in "\"'":
            for pattern in (_ML_BASIC, _ML_LITERAL, _BASIC, _LITERAL):
                match = pattern.match(text, pos)
                if match:
                    raw = match.group(0)
                    found.append((match.start(), match.end(), tomllib.loads(f"v = {raw}")["v"]))
                    pos = match.end()
                    if "\n" in raw:  # the line to scan now ends after the string
                        following = text.find("\n", pos)
                        end_of_line = len(text) if following == -1 else following
                    break
            else:
                pos += 1
            continue
        pos += 1
    return found


def _line_start(text: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        pos = text.index("\n", pos) + 1
    return pos


def _replace(text: str, cell: Cell, new: str) -> str:
    start = _line_start(text, cell.line)
    if cell.kind == "date":
        key = re.compile(rf"{re.escape(str(cell.path[-1]))}\s*=\s*({re.escape(cell.value)})")
        match = key.search(text, start)
        if match is None:
            raise PackError("pack.sheet.cannot_edit", key=cell.key, file=cell.file)
        return text[: match.start(1)] + new + text[match.end(1) :]
    last = cell.path[-1]
    candidates = [t for t in _tokens(text, start) if t[2] == cell.value]
    if isinstance(last, str):
        # The token right after "<key> =", not an equal text elsewhere on the line.
        keyed = [
            t for t in candidates if re.search(rf"\b{re.escape(last)}\s*=\s*$", text[start : t[0]])
        ]
        candidates = keyed or candidates
    if not candidates:
        raise PackError("pack.sheet.cannot_edit", key=cell.key, file=cell.file)
    begin, end, _old = candidates[0]
    return text[:begin] + _encode(new) + text[end:]


def _get(data: object, path: Path) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _apply(files: Mapping[str, bytes], changes: list[tuple[Cell, str]]) -> dict[str, bytes]:
    edited = dict(files)
    by_file: dict[str, list[tuple[Cell, str]]] = {}
    for cell, new in changes:
        by_file.setdefault(cell.file, []).append((cell, new))
    for file, edits in by_file.items():
        text = files[file].decode("utf-8")
        before = tomllib.loads(text)
        # From the bottom up, so earlier lines keep their numbers.
        for cell, new in sorted(edits, key=lambda e: (e[0].line, str(e[0].path)), reverse=True):
            text = _replace(text, cell, new)
        after = tomllib.loads(text)
        # The edit must change exactly the values asked for, and nothing else.
        for cell, new in edits:
            value = _get(after, cell.path)
            got = value.isoformat() if hasattr(value, "isoformat") else value
            if got != new:
                raise PackError("pack.sheet.cannot_edit", key=cell.key, file=file)
            _set(before, cell.path, _get(after, cell.path))
        if before != after:
            raise PackError("pack.sheet.cannot_edit", key=edits[0][0].key, file=file)
        edited[file] = text.encode("utf-8")
    return edited


def _set(data: object, path: Path, value: object) -> None:
    target = _get(data, path[:-1])
    target[path[-1]] = value  # type: ignore[index]
