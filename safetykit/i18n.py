"""Languages: which are available, negotiation, gettext catalogs, text direction.

Interface and plan strings live in ``translations/<lang>.po`` (gettext PO, extracted
by Babel into ``translations/safetykit.pot``). Catalogs are compiled in memory when
first used, so the same files work from a checkout, a wheel and a frozen bundle.
"""

from __future__ import annotations

import functools
import gettext
import io
import locale as pylocale
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from safetykit import resources

SOURCE_LANGUAGE = "en"
DOMAIN = "safetykit"
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "yi"})


def base_language(code: str) -> str:
    """``pt_BR.UTF-8`` → ``pt_br``; ``fa-IR`` → ``fa_ir``; used for lookups."""
    return code.split(".")[0].split("@")[0].replace("-", "_").lower()


def available_languages() -> list[str]:
    """The source language and every language with a catalog, sorted."""
    codes = {SOURCE_LANGUAGE}
    try:
        folder = resources.translations_dir()
    except resources.ResourceNotFound:
        return [SOURCE_LANGUAGE]
    codes.update(path.stem for path in folder.glob("*.po"))
    return sorted(codes)


def negotiate(preferred: Iterable[str], available: Iterable[str] | None = None) -> str:
    """The first preferred language we have (exact, then by base language), else English."""
    have = list(available) if available is not None else available_languages()
    lookup = {base_language(code): code for code in have}
    for wanted in preferred:
        key = base_language(wanted)
        if key in lookup:
            return lookup[key]
        short = key.split("_")[0]
        if short in lookup:
            return lookup[short]
    return SOURCE_LANGUAGE


def choose_language(
    requested: str | None,
    saved: str | None,
    system: Iterable[str],
    available: Iterable[str] | None = None,
) -> str:
    """The interface language (DESIGN §7): ``--lang``, then the saved setting, then the
    system's preferred languages in their order, then English. A choice we have no
    catalog for is passed over, not taken as English."""
    wanted = [code for code in (requested, saved) if code]
    return negotiate([*wanted, *system], available)


def system_languages() -> list[str]:
    """The user's preferred languages from the environment, in order; in an
    organisation's build its default language comes first (safetykit/org.py), so the
    first start speaks it. A language the person chose (settings, ``--lang``) wins
    over both."""
    found: list[str] = []
    if resources.org_file() is not None:
        from safetykit import org

        organisation = org.current()
        if organisation is not None and organisation.default_language:
            found.append(organisation.default_language)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        found.extend(part for part in value.split(":") if part and part not in ("C", "POSIX"))
    if not found:
        code = pylocale.getlocale()[0]
        if code:
            found.append(code)
    return found


@functools.lru_cache(maxsize=16)
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext catalog for ``lang`` (a NullTranslations for English or a missing one)."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        path = resources.translations_dir() / f"{lang}.po"
    except resources.ResourceNotFound:
        return gettext.NullTranslations()
    if not path.is_file():
        return gettext.NullTranslations()
    # Babel is imported only when a catalog is needed: English starts without it.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # fuzzy entries are unreviewed guesses
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def text_direction(lang: str) -> str:
    """``"rtl"`` for right-to-left languages, else ``"ltr"``."""
    return "rtl" if base_language(lang).split("_")[0] in RTL_LANGUAGES else "ltr"


# The launch languages, named in themselves; Babel's locale data names the rest (it
# costs tens of milliseconds to load, so the menu of a normal start avoids it).
ENDONYMS = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ar": "العربية",
    "fa": "فارسی",
    "ru": "Русский",
}


def language_name(lang: str) -> str:
    """The language's name in that language ("العربية", "Español"), for menus."""
    if lang in ENDONYMS:
        return ENDONYMS[lang]
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return lang
    return (name or lang)[:1].upper() + (name or lang)[1:]


def review_status(lang: str) -> str:
    """The catalog's ``X-Review-Status`` header: machine-assisted translations say
    "awaiting review" until a native speaker records a review (DESIGN §7)."""
    if lang == SOURCE_LANGUAGE:
        return "source"
    try:
        path = resources.translations_dir() / f"{lang}.po"
        text = path.read_text(encoding="utf-8")
    except (resources.ResourceNotFound, OSError):
        return "missing"
    return header_review_status(text) or "unknown"


def header_review_status(text: str) -> str | None:
    """``X-Review-Status`` from a PO file's text (or its header entry's msgstr)."""
    for line in text.splitlines():
        line = line.strip().strip('"')
        if line.startswith("X-Review-Status:"):
            return line.split(":", 1)[1].strip().removesuffix("\\n").strip()
    return None


@dataclass(frozen=True)
class Review:
    """A translation's review state: ``kind`` is "source" (the original wording),
    "reviewed" (with who and when), "awaiting" (machine-assisted, not yet reviewed) or
    "unknown" (no review recorded)."""

    kind: str
    by: str = ""
    date: str = ""


_REVIEWED = re.compile(r"reviewed by (?P<by>.+?),\s*(?P<date>\d{4}-\d{2}-\d{2})\s*$", re.I)


def parse_review(status: str | None) -> Review:
    """``"reviewed by Leila, 2027-01-15"`` → Review("reviewed", "Leila", "2027-01-15")."""
    if status == "source":
        return Review("source")
    if not status:
        return Review("unknown")
    found = _REVIEWED.match(status.strip())
    if found:
        return Review("reviewed", found.group("by").strip(), found.group("date"))
    if "awaiting review" in status:
        return Review("awaiting")
    return Review("unknown")


def review(lang: str) -> Review:
    """The interface catalog's review state for ``lang``."""
    return parse_review(review_status(lang))
