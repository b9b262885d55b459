"""Interface catalogs: current with the code, complete, compilable, right direction."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from safetykit import i18n, resources
from tests.helpers import REPO, require_tool

LAUNCH_LANGUAGES = ["es", "fr", "ar", "fa", "ru"]
TRANSLATIONS = resources.translations_dir()


def _extract(target: Path) -> set[str]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            str(TRANSLATIONS / "babel.cfg"),
            "-k",
            "tr",
            "-k",
            "_",
            "--no-location",
            "-o",
            str(target),
            ".",
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
        timeout=120,
    )
    with target.open("rb") as handle:
        return {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id}


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s|%%")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id}


def test_template_is_current_with_the_code(tmp_path: Path) -> None:
    fresh = _extract(tmp_path / "fresh.pot")
    assert fresh, "extraction found no strings"
    committed = _ids(TRANSLATIONS / "safetykit.pot")
    assert fresh == committed, (
        "translations/safetykit.pot is stale; run the extraction in docs/translating.md. "
        f"new: {sorted(fresh - committed)[:5]}, gone: {sorted(committed - fresh)[:5]}"
    )


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_catalog_is_complete(lang: str) -> None:
    with (TRANSLATIONS / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    template = _ids(TRANSLATIONS / "safetykit.pot")
    translated = {
        m.id for m in catalog if isinstance(m.id, str) and m.id and m.string and not m.fuzzy
    }
    assert template <= translated, sorted(template - translated)[:5]
    for message in catalog:
        if not isinstance(message.id, str) or not message.id:
            continue
        assert isinstance(message.string, str)
        # Placeholders must survive translation, or formatting breaks at run time.
        assert _placeholders(message.id) == _placeholders(message.string), (lang, message.id)


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
