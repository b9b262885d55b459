"""Words kept as message ids (safetykit.text): rendered in the reader's language when
shown, nested texts and errors in the same language, plural forms by the language's
rule, and a broken translation never hiding the message."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from safetykit import i18n
from safetykit.errors import SafetyKitError
from safetykit.messages import message_for
from safetykit.packs.errors import PackError, Problem, Severity
from safetykit.text import N_, Text, ngettext


def test_a_text_is_english_until_shown_in_a_language() -> None:
    text = Text.of(N_("Key %(key_id)s is now trusted."), key_id="0807060504030201")
    assert str(text) == "Key 0807060504030201 is now trusted."
    ru = i18n.translations("ru").gettext("Key %(key_id)s is now trusted.")
    assert ru != "Key %(key_id)s is now trusted."
    assert text.render("ru") == ru % {"key_id": "0807060504030201"}


def test_nested_texts_and_errors_are_shown_in_the_same_language() -> None:
    error = SafetyKitError("keychain.no_entry")
    text = Text.of(N_("%(problem)s The vault opens with the passphrase only."), problem=error)
    outer = i18n.translations("es").gettext("%(problem)s The vault opens with the passphrase only.")
    assert text.render("es") == outer % {"problem": message_for(error, "es")}
    assert message_for(error, "es") != message_for(error, "en")
    kind = Text.of(N_("a link"))
    found = Text.of(
        N_(
            "%(file)s is %(kind)s: left alone (the wipe does not follow links or open "
            "FIFOs and devices)."
        ),
        file="vault.skv.bak",
        kind=kind,
    )
    assert kind.render("fr") in found.render("fr") and "a link" not in found.render("fr")


@pytest.mark.parametrize(("count", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (11, 4), (100, 5)])
def test_arabic_picks_each_of_its_six_forms(count: int, form: int) -> None:
    forms = ngettext("%(count)s file deleted", "%(count)s files deleted")
    text = Text.plural(forms, "count", count=count)
    from babel.messages.pofile import read_po

    from safetykit import resources

    with (resources.translations_dir() / "ar.po").open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    message = catalog[forms[0]]
    assert isinstance(message.string, tuple) and len(message.string) == 6
    assert text.render("ar") == message.string[form] % {"count": count}


def test_a_broken_translation_shows_as_written_and_a_missing_value_as_an_ellipsis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Broken(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "%(nonsense" if "trusted" in message else message

    monkeypatch.setattr(i18n, "translations", lambda lang: Broken())
    assert Text.of(N_("Key %(key_id)s is now trusted."), key_id="k").render("xx") == "%(nonsense"
    assert Text.of(N_("vault: %(file)s")).render("xx") == "vault: …"


def test_lint_problems_keep_their_place_and_translate_their_words() -> None:
    text = Text.of(N_("missing key '%(key)s'"), key="title")
    problem = Problem("pack/checklists/01-a.toml", 7, text)
    assert str(problem) == "pack/checklists/01-a.toml:7: missing key 'title'"
    fa = i18n.translations("fa").gettext("missing key '%(key)s'") % {"key": "title"}
    assert problem.render("fa") == f"pack/checklists/01-a.toml:7: {fa}"
    warning = Problem("pack/pack.toml", 3, text, Severity.WARNING)
    tag = i18n.translations("ru").gettext("warning: %(message)s")
    ru = i18n.translations("ru").gettext("missing key '%(key)s'") % {"key": "title"}
    assert warning.render("ru") == f"pack/pack.toml:3: {tag % {'message': ru}}"
    # A refused pack's error carries the problem, shown in the reader's language.
    refused = PackError([problem])
    assert message_for(refused, "fa") == f"pack/checklists/01-a.toml:7: {fa}"
    assert str(refused) == "pack/checklists/01-a.toml:7: missing key 'title'"


def test_po_syntax_findings_are_worded_in_the_language() -> None:
    from safetykit.packs.po_check import check_po

    (finding,) = check_po(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n'
    )
    assert str(finding.message) == 'this entry has no msgstr line (add msgstr "")'
    fr = i18n.translations("fr").gettext('this entry has no msgstr line (add msgstr "")')
    assert finding.message.render("fr") == fr != str(finding.message)


@pytest.mark.parametrize("lang", ["es", "fr", "ar", "fa", "ru"])
def test_why_the_system_refused_is_in_the_readers_language(lang: str) -> None:
    """A full disk, a read-only disk, no permission: our words, translated, inside the
    error's own sentence (the C library's texts would stay English)."""
    import errno
    import os

    from safetykit.text import os_reason
    from safetykit.vault.errors import VaultSaveFailed

    catalog = i18n.translations(lang)
    for code, english in (
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "permission denied"),
    ):
        reason = os_reason(OSError(code, os.strerror(code)))
        assert str(reason) == english
        translated = catalog.gettext(english)
        assert translated != english, f"{lang} has no translation for {english!r}"
        error = VaultSaveFailed("vault.save_failed", reason=reason)
        assert translated in message_for(error, lang)
    # A code we have no words for keeps the system's, in lower case.
    assert os_reason(OSError(errno.ETIMEDOUT, "x")) == os.strerror(errno.ETIMEDOUT).lower()


def test_a_full_disk_while_saving_says_so(tmp_path: Path) -> None:
    """The vault's save path hands the reason on as words, not the system's text."""
    import errno
    from unittest import mock

    from safetykit.vault import Vault
    from safetykit.vault.errors import VaultSaveFailed
    from safetykit.vault.kdf import TEST_PARAMS

    vault = Vault.create(tmp_path, "a test passphrase", kdf_params=TEST_PARAMS)
    try:
        with vault.changing() as body:
            body["profile"] = {"x": "y"}
        with (
            mock.patch("os.fsync", side_effect=OSError(errno.ENOSPC, "No space left")),
            pytest.raises(VaultSaveFailed) as caught,
        ):
            vault.save()
        assert (
            message_for(caught.value, "es").count(
                i18n.translations("es").gettext("the disk is full")
            )
            == 1
        )
    finally:
        vault.lock()
