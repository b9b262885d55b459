"""Errors a UI can translate: every code has words, in every launch language (DESIGN §12).

Each error the core raises carries a code and plain parameters; ``safetykit.messages``
words it. These tests construct every error class and every code of the table, render
each in every launch language, and scan the source so that a raise with a code missing
from the table (or an English sentence instead of a code) cannot ship.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import safetykit
from safetykit import cli, i18n, resources
from safetykit.errors import SafetyKitError, UsageError
from safetykit.messages import MESSAGES, Message, message_for
from safetykit.packs.errors import PackError, Problem
from tests.helpers import REPO, run_cli
from tests.test_translations import LAUNCH_LANGUAGES

SOURCE = REPO / "safetykit"
_PLACEHOLDER = re.compile(r"%\(([a-z_]+)\)s")
# Numbers a message shows as numbers; every other parameter gets a recognisable text.
_NUMBERS = {"count": 3, "more": 2, "generation": 4, "line": 5, "version": 2, "highest": 6}
_NUMBERS |= {"format": 9, "limit": 7}
# String constants that look like codes but are file names.
_FILE_NAMES = {
    "vault.skv",
    "vault.skv.bak",
    "vault.lock",
    "vault.seen",
    "vault.rekeying",
    "pack.toml",
    "plan.html.j2",
}
# Parameter names that could carry a secret or the user's content (DESIGN §9).
_FORBIDDEN_PARAMS = {"passphrase", "password", "secret", "note", "notes", "plaintext", "body"}


def _import_all() -> None:
    for module in pkgutil.walk_packages(safetykit.__path__, "safetykit."):
        if module.name.startswith("safetykit.app") or module.name == "safetykit.__main__":
            continue  # Qt; the app raises none of its own
        importlib.import_module(module.name)


def _error_classes() -> dict[str, type[SafetyKitError]]:
    _import_all()
    found: dict[str, type[SafetyKitError]] = {}
    todo: list[type[SafetyKitError]] = [SafetyKitError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


CLASSES = _error_classes()


def _placeholders(message: Message) -> set[str]:
    return {name for text in message.msgids for name in _PLACEHOLDER.findall(text)}


def _sample(code: str, cls: type[SafetyKitError] = SafetyKitError) -> SafetyKitError:
    params: dict[str, str | int] = {
        name: _NUMBERS.get(name, f"P-{name}") for name in _placeholders(MESSAGES[code])
    }
    return cls(code, **params)


def _sources() -> Iterator[tuple[Path, ast.AST]]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _codes_in(node: ast.expr) -> Iterator[ast.expr]:
    """The code expressions a first argument can evaluate to (both arms of an ``if``)."""
    if isinstance(node, ast.IfExp):
        yield from _codes_in(node.body)
        yield from _codes_in(node.orelse)
    else:
        yield node


def _error_calls() -> Iterator[tuple[str, ast.Call]]:
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) in CLASSES:
                yield f"{path.relative_to(REPO)}:{node.lineno}", node


def _code_like_constants() -> Iterator[tuple[str, str]]:
    families = "|".join(sorted({code.split(".")[0] for code in MESSAGES}))
    pattern = re.compile(rf"^(?:{families})(?:\.[a-z0-9_]+)+$")
    for path, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and pattern.match(node.value)
                and node.value not in _FILE_NAMES
            ):
                yield f"{path.relative_to(REPO)}:{node.lineno}", node.value


def test_every_code_raised_in_the_source_is_in_the_table() -> None:
    """A new error cannot ship without a message: the AST of every raise is checked."""
    calls = list(_error_calls())
    assert len(calls) > 150, "the scan found too few error constructions"
    wrong = []
    for where, call in calls:
        if not call.args:
            continue  # the class's default code, checked below
        for code in _codes_in(call.args[0]):
            if isinstance(code, ast.Constant):
                if not isinstance(code.value, str) or code.value not in MESSAGES:
                    wrong.append(f"{where}: {code.value!r} is not a code in safetykit.messages")
            elif isinstance(code, ast.JoinedStr | ast.BinOp):
                wrong.append(f"{where}: a code must be a literal, not built from pieces")
    assert not wrong, "\n".join(wrong)


def test_every_code_like_string_is_in_the_table() -> None:
    """Codes passed on indirectly (``_b64(text, "pack.key.bad_base64")``) count too."""
    unknown = [
        f"{where}: {value}" for where, value in _code_like_constants() if value not in MESSAGES
    ]
    assert not unknown, "\n".join(unknown)


def test_every_code_in_the_table_is_used() -> None:
    used = {value for _, value in _code_like_constants()}
    used |= {cls.default_code for cls in CLASSES.values()}
    assert set(MESSAGES) - used == set(), "table entries no code refers to"


def test_no_parameter_can_carry_a_secret_or_the_users_content() -> None:
    bad = [
        f"{where}: {keyword.arg}="
        for where, call in _error_calls()
        for keyword in call.keywords
        if keyword.arg in _FORBIDDEN_PARAMS
    ]
    assert not bad, bad


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_error_class_has_a_message_in_every_language(name: str) -> None:
    cls = CLASSES[name]
    assert cls.default_code in MESSAGES, f"{name}.default_code is not in the table"
    error = _sample(cls.default_code, cls)
    assert isinstance(error, SafetyKitError)
    assert str(error) == message_for(error, "en", cli=True)
    for lang in LAUNCH_LANGUAGES:
        assert message_for(error, lang) != message_for(error, "en"), (name, lang)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_a_message_in_every_language(code: str) -> None:
    entry = MESSAGES[code]
    error = _sample(code)
    english = message_for(error, "en", cli=True)
    assert english == str(error)
    # A sentence: a capital first, unless it starts with a name, a number or an option.
    assert english[:1].isupper() or english.startswith(("-", "P-", "'", "3")), english
    for lang in ["en", *LAUNCH_LANGUAGES]:
        catalog = i18n.translations(lang)
        if lang != "en":
            for msgid in entry.msgids if isinstance(entry.text, str) else entry.msgids[2:]:
                assert catalog.gettext(msgid) != msgid or msgid == "%(problem)s", (lang, msgid)
        for cli_hint in (False, True):
            text = message_for(error, lang, cli=cli_hint)
            assert "%(" not in text and "…" not in text, (lang, text)
            for name, value in error.params.items():
                assert str(value) in text, (lang, code, name, text)


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_plural_messages_have_every_form_with_its_placeholders(lang: str) -> None:
    """test_translations checks singular entries; these are the plural ones."""
    with (resources.translations_dir() / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert catalog.num_plurals == {"ar": 6, "ru": 3, "fa": 2}.get(lang, 3)
    plural_ids = {m.text for m in MESSAGES.values() if isinstance(m.text, tuple)}
    seen = set()
    for message in catalog:
        if not isinstance(message.id, tuple | list) or tuple(message.id) not in plural_ids:
            continue
        seen.add(tuple(message.id))
        wanted = sorted(set(_PLACEHOLDER.findall(message.id[1])))
        forms = message.string
        assert isinstance(forms, tuple | list) and len(forms) == catalog.num_plurals
        for form in forms:
            assert form and sorted(set(_PLACEHOLDER.findall(form))) == wanted, (lang, form)
    assert seen == plural_ids
    for n in range(0, 120):
        error = PackError([Problem("a.toml", 1, "x")] * (n + 1))
        assert "%(" not in message_for(error, lang)


def test_persian_uses_persian_letters() -> None:
    """ی and ک, not the Arabic ي and ك (which render differently and break search)."""
    text = (resources.translations_dir() / "fa.po").read_text(encoding="utf-8")
    strings = "".join(line for line in text.splitlines() if line.startswith(("msgstr", '"')))
    assert "\u064a" not in strings and "\u0643" not in strings


def test_numbers_and_missing_parameters() -> None:
    big = PackError("pack.archive.too_large", limit=1_000_000)
    assert str(big) == "The archive is larger than 1,000,000 bytes."
    assert "1.000.000" in message_for(big, "es")
    assert message_for(SafetyKitError("vault.missing"), "en") == "There is no vault in …."
    assert message_for(SafetyKitError("no.such.code"), "fr") == "no.such.code"


def test_the_cli_hint_is_for_the_command_line_only() -> None:
    error = SafetyKitError("vault.damaged.backup_opens", generation=2)
    assert message_for(error, "en") == "The vault is damaged, but its backup (generation 2) opens."
    assert str(error).endswith("Run 'safetykit vault restore-backup' to restore it.")
    assert "restore-backup" in message_for(error, "es", cli=True)


def test_pack_problems_keep_their_detail() -> None:
    one = PackError([Problem("pack.toml", 3, "'version' must be a whole number")])
    assert (one.code, str(one)) == ("pack.invalid", "pack.toml:3: 'version' must be a whole number")
    coded = PackError("pack.archive.entry.link", entry="pack.toml")
    assert [str(p) for p in coded.problems] == ["Archive entry 'pack.toml' is a link."]
    assert repr(coded) == "PackError('pack.archive.entry.link', **{'entry': 'pack.toml'})"


def test_params_are_plain_values(tmp_path: Path) -> None:
    error = SafetyKitError("file.exists", file=tmp_path / "x.pub")
    assert error.params == {"file": str(tmp_path / "x.pub")}
    assert UsageError().exit_code == 2 and UsageError().code == "usage"


def test_cli_prints_the_error_in_the_language_of_lang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "data"
    assert cli.main(["--lang", "es", "vault", "check", "--data-dir", str(empty)]) == 1
    line = capsys.readouterr().err.strip()
    assert line == (
        f"safetykit: error: No hay ninguna caja fuerte en {empty}. "
        "Crea una con «safetykit vault create»."
    )
    assert cli.main(["--lang", "xx", "vault", "check", "--data-dir", str(empty)]) == 1
    assert "There is no vault in" in capsys.readouterr().err


def test_cli_follows_the_system_language(tmp_path: Path) -> None:
    done = run_cli("vault", "check", "--data-dir", tmp_path / "data", env={"LANGUAGE": "ru"})
    assert done.returncode == 1
    # The "safetykit: error:" line itself is in Russian too (the catalog's wording).
    prefix = i18n.translations("ru").gettext("safetykit: error: %(message)s")
    prefix = prefix.split("%(message)s")[0]
    assert prefix != "safetykit: error: "
    assert done.stderr.startswith(f"{prefix}В "), done.stderr
    assert "нет хранилища" in done.stderr
