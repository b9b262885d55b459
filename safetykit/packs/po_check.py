"""The checks GNU ``msgfmt --check`` makes on a PO file, made in-process.

Trainers on Windows and macOS have no ``msgfmt``, and Babel's PO reader is lenient: it
skips lines it does not understand, keeps a string whose closing quote is missing and
never looks at format flags. A translation that ``msgfmt`` refuses would then be
signed and shipped. So before Babel reads a pack's PO file, this module checks what
``msgfmt --check`` checks (tests/packs/test_po_msgfmt.py compares the two over a corpus
of broken files): the syntax (keywords, quoting, escapes, entry order, ``#~`` use), a
header with a UTF-8 charset, no byte-order mark, the leading and trailing newlines of
each translation, and the placeholders of entries flagged as format strings.

Hand-written because no maintained Python library validates PO syntax the way
msgfmt does (Babel and polib both accept broken files); docs/design-decisions.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from safetykit.text import N_, Text

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?![A-Za-z0-9_\[])")
_WORD = re.compile(r"[^\s\"#]+")
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ESCAPES.update({"\\": "\\", '"': '"'})
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9A-Fa-f]+")
_CHARSET = re.compile(r"^Content-Type:.*?charset=([^\s;]+)", re.IGNORECASE | re.MULTILINE)
# Flags naming a format language: msgfmt checks the placeholders of each.
_FORMAT_FLAG = re.compile(r"(?:possible-)?([a-z0-9+]+(?:-[a-z0-9+]+)*)-format")


class PoSyntaxError(Exception):
    """``message`` is a message id (marked with N_()) filled with ``params``: a
    ``Text``, shown in the reader's language."""

    def __init__(self, line: int, message: str, /, **params: object) -> None:
        self.line = line
        self.message = Text.of(message, **params)
        super().__init__(str(self.message))


@dataclass
class Entry:
    line: int  # of msgid
    context: str | None = None
    msgid: str | None = None
    plural: str | None = None
    strings: dict[int, str] = field(default_factory=dict)  # 0 for a plain msgstr
    string_line: int = 0  # of the first msgstr
    flags: tuple[str, ...] = ()
    obsolete: bool = False


@dataclass(frozen=True)
class Finding:
    line: int
    message: Text


def check_po(text: str) -> list[Finding]:
    """What ``msgfmt --check`` would refuse in ``text`` (a decoded PO file), each with
    its line; empty if it would accept it. Syntax errors stop the check at the first."""
    if text.startswith("\ufeff"):
        return [
            Finding(
                1,
                Text.of(
                    N_("the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM")
                ),
            )
        ]
    try:
        entries = parse_entries(text)
    except PoSyntaxError as exc:
        return [Finding(exc.line, exc.message)]
    findings = _header_findings(entries)
    for entry in entries:
        if entry.obsolete or entry.msgid in (None, "") or "fuzzy" in entry.flags:
            continue
        findings += _entry_findings(entry)
    return findings


# -- syntax ------------------------------------------------------------------------
def _strings(line: int, rest: str) -> list[str]:
    """The quoted strings of the rest of a line (at least one), decoded."""
    out: list[str] = []
    pos = 0
    while True:
        while pos < len(rest) and rest[pos] in " \t\r\f\v":
            pos += 1
        if pos >= len(rest) or rest[pos] == "#":
            break
        if rest[pos] != '"':
            word = _WORD.match(rest, pos)
            shown = word.group(0) if word else rest[pos]
            raise PoSyntaxError(
                line,
                N_("unexpected text %(text)s: text must be in double quotes"),
                text=repr(shown),
            )
        pos += 1
        chars: list[str] = []
        while True:
            if pos >= len(rest):
                raise PoSyntaxError(
                    line,
                    N_(
                        'a string is not closed: a " is missing at the end of the line '
                        '(write a " inside the text as \\")'
                    ),
                )
            char = rest[pos]
            if char == '"':
                pos += 1
                break
            if char != "\\":
                chars.append(char)
                pos += 1
                continue
            nxt = rest[pos + 1 : pos + 2]
            if nxt in _ESCAPES:
                chars.append(_ESCAPES[nxt])
                pos += 2
            elif (found := _OCTAL.match(rest, pos + 1)) is not None:
                chars.append(chr(int(found.group(0), 8)))
                pos = found.end()
            elif nxt == "x" and (found := _HEX.match(rest, pos + 2)) is not None:
                chars.append(chr(int(found.group(0), 16) & 0xFF))
                pos = found.end()
            else:
                shown = "\\" + nxt if nxt else "\\ at the end of the line"
                raise PoSyntaxError(
                    line,
                    N_(
                        'invalid escape %(escape)s: only \\n, \\t, \\" and \\\\ are common '
                        "(write a backslash as \\\\)"
                    ),
                    escape=repr(shown),
                )
        out.append("".join(chars))
    return out


def parse_entries(text: str) -> list[Entry]:
    """Every entry of ``text``; PoSyntaxError at the first line msgfmt would refuse."""
    entries: list[Entry] = []
    entry: Entry | None = None
    # "ctx": after msgctxt; "id": after msgid; "plural": after msgid_plural;
    # "str": after a msgstr (the entry may go on with msgstr[n] or end).
    state = "start"
    target: tuple[str, int] | None = None
    flags: list[str] = []

    def finish() -> None:
        nonlocal entry, state, target
        if entry is not None:
            entries.append(entry)
        entry, state, target = None, "start", None

    def missing_msgstr() -> PoSyntaxError:
        assert entry is not None
        return PoSyntaxError(entry.line, N_('this entry has no msgstr line (add msgstr "")'))

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        stripped = line.lstrip(" \t")
        if not stripped:
            continue  # a blank line does not end an entry for msgfmt either
        obsolete = False
        if stripped.startswith("#~"):
            rest = stripped[2:]
            if rest.startswith("|"):
                continue  # an obsolete entry's previous text: not checked by msgfmt
            obsolete = True
            stripped = rest.lstrip(" \t")
            if not stripped or stripped.startswith("#"):
                continue  # a comment inside an obsolete entry
        elif stripped.startswith("#"):
            if state in ("ctx", "id", "plural"):
                raise missing_msgstr()
            if stripped.startswith("#|"):
                _previous(number, stripped[2:])
            elif stripped.startswith("#,"):
                flags += [f.strip() for f in stripped[2:].split(",") if f.strip()]
            continue
        keyword = _KEYWORD.match(stripped)
        starts_entry = keyword is not None and keyword.group(1) in ("msgctxt", "msgid")
        if (
            entry is not None
            and entry.obsolete != obsolete
            and not (state == "str" and starts_entry)
        ):
            raise PoSyntaxError(
                number, "#~ is used on some lines of this entry and not others: mark all or none"
            )
        if keyword is None:
            if not stripped.startswith('"'):
                bad = _WORD.match(stripped)
                shown = bad.group(0) if bad else stripped[:1]
                raise PoSyntaxError(
                    number,
                    N_(
                        "unknown keyword %(word)s (a PO line starts with msgctxt, msgid, "
                        'msgstr, #, or a "continued string")'
                    ),
                    word=repr(shown),
                )
            if target is None:
                raise PoSyntaxError(number, N_("a string with no msgid or msgstr before it"))
            assert entry is not None
            text_part = "".join(_strings(number, stripped))
            _append(entry, target, text_part)
            continue
        word, index = keyword.group(1), keyword.group(2)
        values = _strings(number, stripped[keyword.end() :])
        if not values:
            raise PoSyntaxError(
                number,
                N_('%(keyword)s needs a string in double quotes (e.g. %(keyword)s "")'),
                keyword=word,
            )
        value = "".join(values)
        if word == "msgctxt":
            if state not in ("start", "str"):
                raise missing_msgstr() if entry else PoSyntaxError(number, N_("unexpected msgctxt"))
            finish()
            entry = Entry(line=number, context=value, obsolete=obsolete, flags=tuple(flags))
            flags, state, target = [], "ctx", ("context", 0)
        elif word == "msgid":
            if state == "str" or state == "start":
                finish()
                entry = Entry(line=number, obsolete=obsolete, flags=tuple(flags))
                flags = []
            elif state != "ctx":
                raise missing_msgstr()
            assert entry is not None
            entry.line, entry.msgid = number, value
            state, target = "id", ("msgid", 0)
        elif word == "msgid_plural":
            if state != "id":
                raise PoSyntaxError(number, N_("msgid_plural must follow a msgid"))
            assert entry is not None
            entry.plural = value
            state, target = "plural", ("plural", 0)
        elif index is None:  # msgstr
            if state != "id":
                if state == "plural":
                    raise PoSyntaxError(
                        number, N_("after msgid_plural, write msgstr[0], msgstr[1]…")
                    )
                raise PoSyntaxError(number, N_("msgstr must follow a msgid"))
            assert entry is not None
            entry.strings[0], entry.string_line = value, number
            state, target = "str", ("str", 0)
        else:  # msgstr[n]
            assert entry is not None or state == "start"
            if entry is None or entry.plural is None or state not in ("plural", "str"):
                raise PoSyntaxError(
                    number, N_("%(keyword)s without a msgid_plural before it"), keyword=word
                )
            n = int(index)
            if n in entry.strings:
                raise PoSyntaxError(
                    number, N_("%(keyword)s is written twice in this entry"), keyword=word
                )
            entry.strings[n] = value
            entry.string_line = entry.string_line or number
            state, target = "str", ("str", n)
    if state in ("ctx", "id", "plural"):
        raise missing_msgstr()
    finish()
    return entries


def _previous(line: int, rest: str) -> None:
    """``#|`` lines (the previous source text, from ``msgmerge --previous``) are read by
    msgfmt as well: a broken one is refused too."""
    stripped = rest.lstrip(" \t")
    keyword = _KEYWORD.match(stripped)
    if keyword is None:
        if stripped.startswith('"'):
            _strings(line, stripped)
            return
        raise PoSyntaxError(line, N_("a #| line holds msgctxt, msgid or msgid_plural"))
    if keyword.group(1).startswith("msgstr"):
        raise PoSyntaxError(line, N_("a #| line holds msgctxt, msgid or msgid_plural, not msgstr"))
    _strings(line, stripped[keyword.end() :])


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    kind, index = target
    if kind == "context":
        entry.context = (entry.context or "") + text
    elif kind == "msgid":
        entry.msgid = (entry.msgid or "") + text
    elif kind == "plural":
        entry.plural = (entry.plural or "") + text
    else:
        entry.strings[index] = entry.strings.get(index, "") + text


# -- header and entries --------------------------------------------------------------
def _header_findings(entries: list[Entry]) -> list[Finding]:
    header = next(
        (e for e in entries if not e.obsolete and e.msgid == "" and e.context is None), None
    )
    if header is None or not header.strings.get(0, "").strip():
        line = header.line if header else 1
        return [
            Finding(
                line,
                Text.of(
                    N_(
                        'no PO header: the file must start with msgid "" and a msgstr holding '
                        '"Content-Type: text/plain; charset=UTF-8\\n" (start from the .pot '
                        "that pack strings writes)"
                    )
                ),
            )
        ]
    found = _CHARSET.search(header.strings[0])
    where = header.string_line or header.line
    if found is None:
        return [
            Finding(
                where,
                Text.of(N_('the header has no "Content-Type: text/plain; charset=UTF-8\\n"')),
            )
        ]
    charset = found.group(1).strip('"').lower().replace("_", "-")
    if charset not in ("utf-8", "utf8"):
        return [
            Finding(
                where,
                Text.of(
                    N_(
                        "the header says charset=%(charset)s: save the file as UTF-8 and "
                        "write charset=UTF-8"
                    ),
                    charset=found.group(1),
                ),
            )
        ]
    return []


def _entry_findings(entry: Entry) -> list[Finding]:
    findings: list[Finding] = []
    line = entry.string_line or entry.line
    msgid = entry.msgid or ""
    for index, value in sorted(entry.strings.items()):
        if not value:
            continue
        source = msgid if index == 0 or entry.plural is None else entry.plural
        for test, said in ((str.startswith, _BOTH_BEGIN), (str.endswith, _BOTH_END)):
            if test(source, "\n") != test(value, "\n"):
                findings.append(Finding(line, Text.of(said)))
        for flag in entry.flags:
            match = _FORMAT_FLAG.fullmatch(flag)
            if match is None or flag.startswith("no-"):
                continue
            problem = _format_problem(match.group(1), source, value)
            if problem:
                findings.append(Finding(line, problem))
    return findings


_C_DIRECTIVE = re.compile(
    r"%(?:(\d+)\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+)?)?"
    r"(hh|h|ll|l|L|q|j|z|Z|t)?([diouxXeEfFgGaAcspn%])"
)
_PY_DIRECTIVE = re.compile(
    r"%(?:\(([^)]*)\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?[hlL]?([diouxXeEfFgGcrsa%])"
)
_BRACE = re.compile(r"\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}|[{}]")
_TYPES = {**dict.fromkeys("diu", "int"), **dict.fromkeys("oxX", "int")}
_TYPES.update({**dict.fromkeys("eEfFgGaA", "float"), "c": "char", "p": "pointer", "n": "count"})
_TYPES.update({**dict.fromkeys("sra", "string")})


def _c_args(text: str) -> dict[int, str] | None:
    """Argument number -> type of a C format string, or None if it is not one."""
    args: dict[int, str] = {}
    position = 0
    numbered: bool | None = None
    pos = 0
    while (start := text.find("%", pos)) != -1:
        found = _C_DIRECTIVE.match(text, start)
        if found is None:
            return None
        pos = found.end()
        if found.group(3) == "%":
            continue
        is_numbered = found.group(1) is not None
        if numbered is not None and numbered != is_numbered:
            return None
        numbered = is_numbered
        position = int(found.group(1)) if is_numbered else position + 1
        args[position] = (found.group(2) or "") + _TYPES.get(found.group(3), found.group(3))
    if args and sorted(args) != list(range(1, max(args) + 1)):
        return None  # refers to argument n but skips an earlier one
    return args


def _python_args(text: str) -> dict[str, str] | list[str] | None:
    named: dict[str, str] = {}
    unnamed: list[str] = []
    pos = 0
    while (start := text.find("%", pos)) != -1:
        found = _PY_DIRECTIVE.match(text, start)
        if found is None:
            return None
        pos = found.end()
        if found.group(2) == "%":
            continue
        kind = _TYPES.get(found.group(2), found.group(2))
        if found.group(1) is not None:
            named[found.group(1)] = kind
        else:
            unnamed.append(kind)
    if named and unnamed:
        return None
    return named if named else unnamed


def _brace_args(text: str) -> set[str] | None:
    names: set[str] = set()
    for found in _BRACE.finditer(text):
        token = found.group(0)
        if token in ("{{", "}}"):
            continue
        if found.group(1) is None:
            return None  # a lone { or }
        names.add(re.split(r"[.\[]", found.group(1), maxsplit=1)[0])
    return names


_BOTH_BEGIN = N_(
    "the msgid and its translation do not both begin with a line break (\\n): add or "
    "remove it in the msgstr"
)
_BOTH_END = N_(
    "the msgid and its translation do not both end with a line break (\\n): add or "
    "remove it in the msgstr"
)


def _format_problem(language: str, msgid: str, msgstr: str) -> Text | None:
    parse = {"c": _c_args, "python": _python_args, "python-brace": _brace_args}.get(language)
    if parse is None:
        return Text.of(
            N_(
                "the entry is flagged '%(flag)s', which packs do not use: pack strings are "
                "plain text (remove the '%(flag)s' flag)"
            ),
            flag=f"{language}-format",
        )
    source = parse(msgid)
    if source is None:
        return None  # msgfmt checks translations only of valid format strings
    target = parse(msgstr)
    if target is None:
        return Text.of(
            N_("the translation is not a valid %(flag)s string, unlike the msgid"),
            flag=f"{language}-format",
        )
    if source != target:
        return Text.of(
            N_(
                "the placeholders of the translation (%(found)s) differ from the msgid's "
                "(%(wanted)s): keep each placeholder as it is in the msgid"
            ),
            found=_shown(target),
            wanted=_shown(source),
        )
    return None


def _shown(args: dict[int, str] | dict[str, str] | list[str] | set[str]) -> str:
    if isinstance(args, set):
        return ", ".join("{" + name + "}" for name in sorted(args)) or "none"
    if isinstance(args, list):
        return ", ".join(args) or "none"
    return ", ".join(f"{key}: {kind}" for key, kind in sorted(args.items(), key=str)) or "none"
