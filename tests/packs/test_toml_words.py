"""TOML syntax errors are worded by us, in the reader's language (packs/toml_words.py).

Each snippet below makes the TOML reader raise one of its sentences; every one must be
a sentence we know (a newer reader that rewords them makes this fail, so the table is
brought up to date), and lint shows our words in the chosen language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli

from safetykit import i18n
from safetykit.packs.toml_words import toml_words
from safetykit.text import Text
from tests.packs.factory import base_files, problems_of, write_pack
from tests.packs.test_trainer_messages import B

BROKEN = (
    "a = ",
    "a = 1\na = 2",
    "[x",
    "[[x]\nc = 1",
    'a = "x',
    'a = "x\nb = 1',
    "a = [1",
    "a = {b = 1",
    'a = "\\q"',
    "a = 1 b",
    "= 1",
    "a = {b = 1, b = 2}",
    'a = "\x01"',
    "a",
    "[t]\n[t]",
    'a = "\\uZZZZ"',
    "a = 1979-13-01T00:00:00",
)


def _message(text: str) -> str:
    with pytest.raises(tomli.TOMLDecodeError) as caught:
        tomli.loads(text)
    return re.sub(r" \(at (line \d+, column \d+|end of document)\)$", "", str(caught.value))


@pytest.mark.parametrize("text", BROKEN)
def test_every_sentence_of_the_reader_is_ours(text: str) -> None:
    message = _message(text)
    words = toml_words(message)
    assert isinstance(words, Text), f"no words of ours for {message!r}"
    for lang in ("es", "fr", "ar", "fa", "ru"):
        shown = words.render(lang)
        assert shown != str(words), (lang, message)


def test_lint_words_a_broken_quote_in_the_chosen_language(tmp_path: Path) -> None:
    files = base_files()
    files[B] = files[B].replace('title = "Lock your phone"', 'title = "Lock your phone')
    (problem,) = problems_of(write_pack(tmp_path, files))
    spanish = problem.render("es")
    words = "a string reaches the end of its line without a closing quote"
    assert i18n.translations("es").gettext(words) != words
    assert i18n.translations("es").gettext(words) in spanish
    assert "Illegal character" not in spanish
