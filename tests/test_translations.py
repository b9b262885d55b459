"""Interface catalogs: current with the code, complete, compilable, right direction."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from safetykit import i18n, resources
from tests.helpers import REPO, load_tool, require_tool

catalogs = load_tool("catalogs")

LAUNCH_LANGUAGES = ["es", "fr", "ar", "fa", "ru"]
TRANSLATIONS = resources.translations_dir()


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s|%%")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id}


def _read(lang: str) -> Catalog:
    with (TRANSLATIONS / f"{lang}.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_template_is_current_with_the_code() -> None:
    """The committed template is exactly what extraction makes now, creation date aside
    (every string, its plural, its flags and comments; a reworded string fails too)."""
    fresh = catalogs.template_text(catalogs.template())
    committed = (TRANSLATIONS / "safetykit.pot").read_text(encoding="utf-8")
    assert len(catalogs.template()) > 300, "extraction found too few strings"
    if catalogs.without_creation_date(fresh) != catalogs.without_creation_date(committed):
        fresh_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogs.template()}
        committed_ids = _ids(TRANSLATIONS / "safetykit.pot")
        pytest.fail(
            "translations/safetykit.pot is out of date: run "
            "'.venv/bin/python packaging/catalogs.py update' (docs/translating.md). "
            f"new: {sorted(fresh_ids - committed_ids)[:5]}, "
            f"gone: {sorted(committed_ids - fresh_ids)[:5]}"
        )


def test_the_template_check_sees_a_changed_string(tmp_path: Path) -> None:
    """The comparison is not blind: one changed word in one source file shows."""
    for folder in ("safetykit/app", "safetykit/plan/templates"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    page = tmp_path / "safetykit/app/pages/dashboard_page.py"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Your progress", "Your progres"),
        encoding="utf-8",
    )
    changed = catalogs.template(tmp_path)
    assert "Your progres" in changed
    assert "Your progress" not in changed


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_catalog_is_complete(lang: str) -> None:
    catalog = _read(lang)
    with (TRANSLATIONS / "safetykit.pot").open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(handle) if m.id}
    messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    assert set(template) <= set(messages), sorted(set(template) - set(messages))[:5]
    assert not catalog.obsolete, sorted(catalog.obsolete)[:5]
    for key, message in messages.items():
        assert not message.fuzzy, (lang, key, "fuzzy")
        assert isinstance(message.id, type(template[key].id)), (lang, key, "plural or not")
        if isinstance(message.id, tuple):
            forms = message.string
            assert isinstance(forms, tuple) and len(forms) == catalog.num_plurals, (lang, key)
            plural = message.id[1]
            assert isinstance(plural, str)
            for form in forms:
                assert form, (lang, key, "a plural form is empty")
                # Every form shows the number, with the same placeholders.
                assert _placeholders(form) == _placeholders(plural), (lang, key, form)
        else:
            assert isinstance(message.string, str) and message.string, (lang, key)
            # Placeholders must survive translation, or formatting breaks at run time.
            assert _placeholders(key) == _placeholders(message.string), (lang, key)


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_plural_forms_are_the_languages_own(lang: str) -> None:
    """The catalog's Plural-Forms rule is CLDR's for the language (Arabic six forms,
    Russian three, Persian two), and picks the form gettext will use."""
    catalog = _read(lang)
    expected = get_plural(lang)
    assert catalog.num_plurals == expected.num_plurals, (lang, catalog.plural_forms)
    assert catalog.plural_expr == expected.plural_expr, (lang, catalog.plural_forms)
    counts = {"ar": 6, "ru": 3, "fa": 2}
    if lang in counts:
        assert catalog.num_plurals == counts[lang]
    compiled = i18n.translations(lang)
    english = ("{count} minute of no use", "{count} minutes of no use")
    # Every form is reached: 0 to 119 covers Arabic's and Russian's; a million is the
    # "many" form of Spanish and French ("1 000 000 de minutes").
    seen = {compiled.ngettext(*english, n) for n in [*range(0, 120), 1_000_000]}
    assert len(seen) == len(set(catalog[english[0]].string or ())), (lang, seen)


def test_numbers_shown_in_the_interface_use_plural_forms() -> None:
    """No interface string puts a number before a counted word without ngettext."""
    counted = re.compile(r"\{(count|points|total)\} (minutes|points|items|answered|assessments)")
    found = []
    for path in (REPO / "safetykit").rglob("*.py"):
        for match in re.finditer(r'(?<!n)tr\(\s*"([^"]*)"', path.read_text(encoding="utf-8")):
            if counted.search(match.group(1)):
                found.append((path.name, match.group(1)))
    assert found == []
    ru = i18n.translations("ru")
    forms = ("{count} minute of no use", "{count} minutes of no use")
    assert [ru.ngettext(*forms, n).split()[1] for n in (1, 3, 5, 21, 11)] == [
        "минута",
        "минуты",
        "минут",
        "минута",
        "минут",
    ]


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_catalog_compiles_with_msgfmt(lang: str, tmp_path: Path) -> None:
    msgfmt = require_tool("msgfmt")
    done = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "x.mo"), str(TRANSLATIONS / f"{lang}.po")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_machine_translations_are_marked_awaiting_review(lang: str) -> None:
    assert "awaiting review" in i18n.review_status(lang)


def test_directions_and_negotiation() -> None:
    assert i18n.text_direction("ar") == "rtl"
    assert i18n.text_direction("fa_IR") == "rtl"
    assert i18n.text_direction("ru") == "ltr"
    available = i18n.available_languages()
    assert i18n.negotiate(["fr_CA.UTF-8"], available) == "fr"
    assert i18n.negotiate(["de_DE", "es-MX"], available) == "es"
    assert i18n.negotiate(["de"], available) == "en"
    assert i18n.translations("es").gettext("&Quit") == "&Salir"
    assert i18n.translations("xx").gettext("&Quit") == "&Quit"


@pytest.mark.parametrize("lang", ["en", *LAUNCH_LANGUAGES])
def test_language_names_match_babel(lang: str) -> None:
    """The built-in names of the launch languages are what Babel's data says."""
    from babel import Locale

    babel_name = Locale.parse(lang).get_display_name(lang)
    assert babel_name is not None
    assert i18n.language_name(lang).lower() == babel_name.lower()


# translate-toolkit's checks that apply to an interface catalog (the rest judge style:
# sentence counts, capitals, lengths, which differ between languages by nature).
POFILTER_CHECKS = (
    "variables",
    "printf",
    "pythonbraceformat",
    "accelerators",
    "urls",
    "emails",
    "numbers",
    "brackets",
    "nplurals",
    "xmltags",
    "escapes",
    "newlines",
)
# Arabic and Persian write numbers in their own digits ("۱ تا ۴" for "1 to 4"); the
# numbers check compares them as numbers, so they are read back as Latin digits first.
_AS_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


def _pofilter(source: Path, out: Path) -> list[str]:
    """The problems translate-toolkit's pofilter finds in ``source`` (one per entry)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "translate.filters.pofilter",
            "--progress=none",
            "--kde",  # accelerators are marked with "&"
            *(f"--test={name}" for name in POFILTER_CHECKS),
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    if not out.exists():  # pofilter writes no file when it finds nothing
        return []
    problems: list[str] = []
    found: list[str] = []
    for line in out.read_text(encoding="utf-8").splitlines():
        if line.startswith("# (pofilter)"):
            found.append(line)
        elif line.startswith("msgid ") and found:
            problems.extend(f"{problem} {line}" for problem in found)
            found = []
    return problems


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_catalog_passes_pofilter(lang: str, tmp_path: Path) -> None:
    source = tmp_path / f"{lang}.po"
    text = (TRANSLATIONS / f"{lang}.po").read_text(encoding="utf-8")
    source.write_text(text.translate(_AS_LATIN), encoding="utf-8")
    assert _pofilter(source, tmp_path / "found.po") == []


def test_pofilter_finds_what_it_is_asked_to(tmp_path: Path) -> None:
    """The check is not blind: a lost placeholder, a lost accelerator, a changed number
    and an extra bracket in a catalog are each reported."""
    bad = tmp_path / "bad.po"
    bad.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-brace-format\nmsgid "Version {version}"\nmsgstr "Versión"\n\n'
        'msgid "&Quit"\nmsgstr "Salir"\n\n'
        'msgid "Use at least 12 characters."\nmsgstr "Usa al menos 10 caracteres."\n\n'
        'msgid "Letter"\nmsgstr "Carta (EE. UU.)"\n',
        encoding="utf-8",
    )
    found = " ".join(_pofilter(bad, tmp_path / "found.po"))
    for check in ("pythonbraceformat", "accelerators", "numbers", "brackets"):
        assert f"(pofilter) {check}" in found, (check, found)


def test_language_choice_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang, then the saved setting, then the system's languages in order, then English;
    a language without a catalog is passed over."""
    have = ["en", "es", "fr", "ar", "fa", "ru"]
    assert i18n.choose_language("fa", "ru", ["es"], have) == "fa"
    assert i18n.choose_language(None, "ru", ["es"], have) == "ru"
    assert i18n.choose_language("xx", "ru", ["es"], have) == "ru"
    assert i18n.choose_language(None, None, ["de_DE", "ar_EG.UTF-8", "es"], have) == "ar"
    assert i18n.choose_language(None, "xx", ["de", "fr_CA"], have) == "fr"
    assert i18n.choose_language(None, None, ["de", "it"], have) == "en"
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "de:fa_IR:ru")
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert i18n.system_languages() == ["de", "fa_IR", "ru", "es_ES.UTF-8"]
    assert i18n.choose_language(None, None, i18n.system_languages(), have) == "fa"


# One word per idea in each language: the English term in the msgid, and the variant
# (a regular expression) that must not appear in its translation.
GLOSSARY = {
    # "связка ключей" for the keychain ("хранилище" is the vault), "проверка" for an
    # assessment ("оценка" is its score).
    "ru": [("keychain", r"хранилищ\w* ключей"), ("assessment", r"оценк")],
    "fa": [("file", r"پرونده")],  # فایل
}


@pytest.mark.parametrize("lang", sorted(GLOSSARY))
def test_one_word_per_term(lang: str) -> None:
    wrong = []
    for message in _read(lang):
        if not message.id:
            continue
        source = (message.id if isinstance(message.id, str) else message.id[0]).lower()
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for term, variant in GLOSSARY[lang]:
            if term == "assessment" and "score" in source:
                continue  # the score is rightly "оценка" there
            if term in source and any(re.search(variant, str(text or "")) for text in texts):
                wrong.append((term, source[:60]))
    assert wrong == []
