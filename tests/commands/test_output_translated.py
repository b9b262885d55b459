"""The command line's own words go through gettext (issue 15, point 1).

An AST scan: nothing a command prints or asks is a sentence written in the code (a
plain string or an f-string with words in it); every such text comes from ``_()`` or
``ngettext()`` of ``safetykit.commands.common``, so it is in the catalog and shown in
the language the command line chose. Lines of data (tab-separated listings, ``key:
old -> new``) have no words of their own and pass.
"""

from __future__ import annotations

import ast

from tests.helpers import REPO

COMMANDS = REPO / "safetykit" / "commands"
CLI = REPO / "safetykit" / "cli.py"
# What prints or asks: print(), the helpers of commands/common.py, the prompts.
OUTPUT = {"print", "info", "warn", "read_secret", "read_new_secret", "confirm", "_read_line"}
WRITES = {"write"}  # sys.stdout.write / sys.stderr.write


def _has_words(node: ast.AST) -> bool:
    """Whether a string literal or an f-string has letters of its own."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(char.isalpha() for char in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):  # "a" + "b", "…%s" % x
        return _has_words(node.left) or _has_words(node.right)
    return False


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def untranslated(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in OUTPUT and not (name in WRITES and "std" in ast.unparse(node.func)):
            continue
        for arg in node.args:
            if _has_words(arg):
                found.append(f"{filename}:{node.lineno}: {ast.unparse(arg)[:70]}")
    return found


def test_no_command_prints_a_sentence_written_in_the_code() -> None:
    found = []
    for path in [*sorted(COMMANDS.glob("*.py")), CLI]:
        found += untranslated(path.read_text(encoding="utf-8"), path.name)
    assert found == []


def test_the_scan_sees_sentences_in_every_form() -> None:
    """The scan is not blind: a plain string, an f-string, a prompt, a stderr write
    and a concatenation are each caught; a translated call and a data row are not."""
    sample = (
        "print('imported')\n"
        "info(f'wrote {path}')\n"
        "read_secret('Passphrase: ')\n"
        "sys.stderr.write('done\\n')\n"
        "warn('a' + name)\n"
        "print(_('imported %(pack)s', pack=p))\n"
        "print(f'{pack.id}\\t{version}\\t{name}')\n"
        "info(ngettext('%(count)s file', '%(count)s files', n))\n"
    )
    assert [line.split(":")[1] for line in untranslated(sample, "x.py")] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
