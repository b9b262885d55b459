"""Lint refuses every PO file the real ``msgfmt --check`` refuses (issue 14, point 1).

The corpus is made here: hand-written breakages of each kind msgfmt knows (an
unterminated string, a bad escape, a broken header, placeholders that differ, a
byte-order mark…) and a few hundred seeded random edits of the example pack's real
Spanish translation. Each file goes through ``msgfmt --check`` and through lint (in
this process: lint never runs msgfmt); every file msgfmt refuses must fail lint, with
an error naming the PO file and a line.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from safetykit.packs.errors import PackError, errors_only
from safetykit.packs.loader import analyse, read_pack_dir
from safetykit.packs.po_check import check_po
from tests.helpers import REPO, require_tool

EXAMPLE = REPO / "docs" / "examples" / "field-reporting"
PO = "locales/es.po"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ENTRY = 'msgctxt "pack:name"\nmsgid "Field reporting basics"\n'

# name -> whole PO file; every one of these is refused by msgfmt --check.
HAND_MADE = {
    "unterminated": HEADER + ENTRY + 'msgstr "Lo básico\n',
    "bad escape": HEADER + ENTRY + 'msgstr "Lo b\\ásico"\n',
    "question escape": HEADER + ENTRY + 'msgstr "Lo básico\\?"\n',
    "bad hex escape": HEADER + ENTRY + 'msgstr "Lo básico\\xZZ"\n',
    "backslash at end": HEADER + ENTRY + 'msgstr "Lo básico\\"\n',
    "raw quote": HEADER + ENTRY + 'msgstr "Lo "básico""\n',
    "no header": ENTRY + 'msgstr "Lo básico"\n',
    "empty header": 'msgid ""\nmsgstr ""\n\n' + ENTRY + 'msgstr "Lo básico"\n',
    "bom": "\ufeff" + HEADER + ENTRY + 'msgstr "Lo básico"\n',
    "missing msgstr": HEADER + ENTRY,
    "comment inside entry": HEADER + ENTRY + '# note\nmsgstr "Lo básico"\n',
    "two contexts": HEADER + 'msgctxt "a"\n' + ENTRY + 'msgstr "Lo básico"\n',
    "unknown keyword": HEADER + ENTRY + 'msgtsr "Lo básico"\n',
    "text after string": HEADER + ENTRY + 'msgstr "Lo básico" junk\n',
    "keyword without string": HEADER + ENTRY + "msgstr\n",
    "half obsolete": HEADER + ENTRY + '#~ msgstr "Lo básico"\n',
    "broken obsolete": HEADER + ENTRY + 'msgstr "Lo básico"\n\n#~ msgid "old\n',
    "broken previous": HEADER + '#| msgid "old\n' + ENTRY + 'msgstr "Lo básico"\n',
    "msgstr in previous": HEADER + '#| msgstr "old"\n' + ENTRY + 'msgstr "Lo básico"\n',
    "trailing newline": HEADER + ENTRY + 'msgstr "Lo básico\\n"\n',
    "leading newline": HEADER + ENTRY + 'msgstr "\\nLo básico"\n',
    "python placeholder lost": HEADER
    + '#, python-format\nmsgctxt "pack:name"\nmsgid "Field %(n)s"\nmsgstr "Lo básico"\n',
    "python placeholder added": HEADER
    + "#, python-format\n"
    + ENTRY
    + 'msgstr "Lo básico %(n)s"\n',
    "c placeholder type": HEADER
    + '#, c-format\nmsgctxt "pack:name"\nmsgid "Field %d"\nmsgstr "Lo %s"\n',
    "c placeholder count": HEADER
    + '#, c-format\nmsgctxt "pack:name"\nmsgid "Field %d %d"\nmsgstr "Lo %d"\n',
    "brace placeholder renamed": HEADER
    + '#, python-brace-format\nmsgctxt "pack:name"\nmsgid "Field {a}"\nmsgstr "Lo {b}"\n',
    "brace unterminated": HEADER
    + '#, python-brace-format\nmsgctxt "pack:name"\nmsgid "Field {a}"\nmsgstr "Lo {a"\n',
    "java format": HEADER + '#, java-format\nmsgctxt "pack:name"\nmsgid "Field {0}"\nmsgstr "Lo"\n',
    "duplicate": HEADER + (ENTRY + 'msgstr "Lo básico"\n\n') * 2,
    "plural without header": HEADER
    + 'msgctxt "pack:name"\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
    "msgstr index without plural": HEADER + ENTRY + 'msgstr[0] "Lo básico"\n',
    "invalid utf-8": (HEADER + ENTRY + 'msgstr "Lo b\udce1sico"\n'),
}


def _pack_files(po: bytes) -> dict[str, bytes]:
    files, problems = read_pack_dir(EXAMPLE)
    assert not problems
    files[PO] = po
    return files


def _msgfmt_refuses(msgfmt: str, path: Path, data: bytes) -> bool:
    path.write_bytes(data)
    done = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        timeout=30,
    )
    return done.returncode != 0


def _lint_errors(data: bytes) -> list[str]:
    analysis = analyse(_pack_files(data), label="pack", strict=True)
    return [str(p) for p in errors_only(analysis.problems)]


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _mutations(source: str, count: int, seed: int) -> list[str]:
    """Seeded random edits of a real PO file: characters deleted or inserted, lines
    deleted, doubled or swapped, format flags added."""
    rng = random.Random(seed)
    lines = source.split("\n")
    out: list[str] = []
    for _ in range(count):
        edited = list(lines)
        for _ in range(rng.choice((1, 1, 2))):
            n = rng.randrange(len(edited))
            line = edited[n]
            operation = rng.randrange(7)
            if operation == 0 and line:
                at = rng.randrange(len(line))
                edited[n] = line[:at] + line[at + 1 :]
            elif operation == 1:
                at = rng.randrange(len(line) + 1)
                edited[n] = line[:at] + rng.choice('"\\#%{}\n x~|[]0') + line[at:]
            elif operation == 2:
                del edited[n]
            elif operation == 3:
                edited.insert(n, line)
            elif operation == 4:
                m = rng.randrange(len(edited))
                edited[n], edited[m] = edited[m], edited[n]
            elif operation == 5:
                flag = rng.choice(("python-format", "c-format", "python-brace-format", "fuzzy"))
                edited.insert(n, f"#, {flag}")
            else:
                edited[n] = "#~ " + line
        out.append("\n".join(edited))
    return out


def test_the_example_translation_passes_both() -> None:
    msgfmt = require_tool("msgfmt")
    data = (EXAMPLE / PO).read_bytes()
    done = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(EXAMPLE / PO)], capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert _lint_errors(data) == []
    assert check_po(data.decode("utf-8")) == []


@pytest.mark.parametrize("name", sorted(HAND_MADE))
def test_lint_refuses_what_msgfmt_refuses(name: str, tmp_path: Path) -> None:
    msgfmt = require_tool("msgfmt")
    data = _encode(HAND_MADE[name])
    assert _msgfmt_refuses(msgfmt, tmp_path / "es.po", data), f"msgfmt accepts {name}"
    errors = _lint_errors(data)
    assert errors, f"lint accepts {name}"
    assert any(e.startswith(f"pack/{PO}:") and e.split(":")[1].isdigit() for e in errors), errors


def test_random_corpus(tmp_path: Path) -> None:
    msgfmt = require_tool("msgfmt")
    source = (EXAMPLE / PO).read_text(encoding="utf-8")
    refused = 0
    missed: list[str] = []
    for index, text in enumerate(_mutations(source, 400, seed=14)):
        data = _encode(text)
        if not _msgfmt_refuses(msgfmt, tmp_path / f"m{index}.po", data):
            continue
        refused += 1
        errors = _lint_errors(data)
        where = [e for e in errors if e.startswith(f"pack/{PO}:") and e.split(":")[1].isdigit()]
        if not where:
            missed.append(f"--- mutation {index}\n{text}")
    # The corpus is worth something only if msgfmt refuses a good part of it.
    assert refused >= 150, refused
    assert not missed, f"{len(missed)} files msgfmt refuses pass lint:\n" + "\n".join(missed[:3])


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (HAND_MADE["unterminated"], 7, "not closed"),
        (HAND_MADE["bad escape"], 7, "invalid escape"),
        (HAND_MADE["bom"], 1, "byte-order mark"),
        (HAND_MADE["no header"], 1, "no PO header"),
        (HAND_MADE["python placeholder lost"], 8, "placeholders"),
        (HAND_MADE["trailing newline"], 7, "line break"),
        (HAND_MADE["missing msgstr"], 6, "no msgstr"),
    ],
)
def test_messages_name_the_line_and_the_fix(text: str, line: int, words: str) -> None:
    findings = check_po(text)
    assert findings, text
    assert findings[0].line == line
    assert words in str(findings[0].message)


def test_build_refuses_a_broken_translation() -> None:
    from safetykit.packs.signing import build

    files = _pack_files(_encode(HAND_MADE["unterminated"]))
    with pytest.raises(PackError, match=r"locales/es.po:7: a string is not closed"):
        build(files, label="pack")


def test_msgmerge_previous_output_passes_lint(tmp_path: Path) -> None:
    """The guide's own update path: the .pot from pack strings, a changed source text,
    then msgmerge --previous. Its #| lines and fuzzy marks are fine for both tools."""
    msgmerge = require_tool("msgmerge")
    msgfmt = require_tool("msgfmt")
    import shutil

    from tests.helpers import run_cli

    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE, folder)
    toml = folder / "checklists" / "01-before.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            "Set the screen to lock after one minute.", "Set the screen to lock after 30 seconds."
        ),
        encoding="utf-8",
    )
    done = run_cli("pack", "strings", folder, "-o", tmp_path / "pack.pot")
    assert done.returncode == 0, done.stderr
    po = folder / PO
    subprocess.run(
        [
            msgmerge,
            "--quiet",
            "--update",
            "--previous",
            "--backup=none",
            str(po),
            str(tmp_path / "pack.pot"),
        ],
        check=True,
        timeout=60,
    )
    text = po.read_text(encoding="utf-8")
    assert "#| msgid" in text and "#, fuzzy" in text
    assert not _msgfmt_refuses(msgfmt, tmp_path / "copy.po", text.encode("utf-8"))
    analysis = analyse(read_pack_dir(folder)[0], label="pack", strict=True)
    assert errors_only(analysis.problems) == []
    assert any("is marked fuzzy" in p.message for p in analysis.problems)
