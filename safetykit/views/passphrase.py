"""How strong a new passphrase is, in our own translatable words.

The estimate comes from ``zxcvbn`` (a real guess-counting estimator) for Latin text.
zxcvbn knows English words and keyboard patterns only, so for other scripts (Arabic,
Persian, Cyrillic…) it would overrate a common phrase; there the judgement is length
and variety, and the result says so. Input is capped before it is estimated: zxcvbn's
cost grows with length, and past the cap a passphrase is long enough anyway.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# zxcvbn refuses more than 72 characters; its time grows fast well before that.
ESTIMATE_CAP = 64
MIN_LENGTH = 12  # below this a passphrase is refused, whatever the estimate


class Hint(StrEnum):
    """What to tell the user; the app turns each into a sentence in their language."""

    TOO_SHORT = "too_short"
    COMMON = "common"  # a common password or word
    REPEATS = "repeats"  # "aaaa", "abcabc"
    SEQUENCE = "sequence"  # "abcd", "1234"
    KEYBOARD = "keyboard"  # "qwerty", "asdf"
    DATE = "date"  # a year or a date
    ADD_WORDS = "add_words"  # longer: add another word or two
    LENGTH_ONLY = "length_only"  # not Latin text: judged by length and variety only


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) … 4 (strong)
    hints: tuple[Hint, ...]
    acceptable: bool  # may be used to create a vault

    @property
    def level(self) -> str:
        return ("very_weak", "weak", "fair", "good", "strong")[self.score]


def _is_latin(text: str) -> bool:
    for char in text:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True


def assess(passphrase: str) -> Strength:
    text = unicodedata.normalize("NFC", passphrase)
    length = len(text)
    if length == 0:
        return Strength(0, (), False)
    if not _is_latin(text):
        score = _by_length(text)
        hints: list[Hint] = [Hint.LENGTH_ONLY]
    else:
        score, hints = _by_zxcvbn(text[:ESTIMATE_CAP])
    if score >= 3:  # strong enough: a word being common is no longer worth a warning
        hints = [h for h in hints if h is Hint.LENGTH_ONLY]
    if length < MIN_LENGTH:
        hints.insert(0, Hint.TOO_SHORT)
        score = min(score, 1)
    elif score < 3 and Hint.ADD_WORDS not in hints:
        hints.append(Hint.ADD_WORDS)
    return Strength(score, tuple(dict.fromkeys(hints)), length >= MIN_LENGTH and score >= 2)


def _by_length(text: str) -> int:
    distinct = len(set(text.replace(" ", "")))
    score = 0 if len(text) < 8 else 1 if len(text) < 14 else 2 if len(text) < 20 else 3
    if len(text) >= 28:
        score = 4
    if distinct < 6:
        score = min(score, 1)
    return score


def _by_zxcvbn(text: str) -> tuple[int, list[Hint]]:
    from zxcvbn import zxcvbn

    result = zxcvbn(text)
    hints: list[Hint] = []
    for match in result.get("sequence", []):
        pattern = match.get("pattern")
        if pattern == "dictionary":
            # Any known password, or one of the commoner words of a language.
            if match.get("dictionary_name") == "passwords" or match.get("rank", 10**9) <= 5_000:
                hints.append(Hint.COMMON)
        elif pattern == "repeat":
            hints.append(Hint.REPEATS)
        elif pattern == "sequence":
            hints.append(Hint.SEQUENCE)
        elif pattern == "spatial":
            hints.append(Hint.KEYBOARD)
        elif pattern in ("date", "regex"):
            hints.append(Hint.DATE)
    return int(result["score"]), hints
