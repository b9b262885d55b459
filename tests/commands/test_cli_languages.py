"""The command line speaks the language it chose (issue 15, points 1 and 7).

The real command (``python -m safetykit``) under ``LANGUAGE=fr``, ``--lang ar`` and a
saved setting: status lines, listings, prompts, the vault's warnings, the wipe report
and a broken pack's lint findings come out as the catalog translates them. Expected
lines are built from the catalog's msgstr (and checked to differ from the English),
so a string that stopped going through gettext fails here.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from safetykit import i18n, resources
from safetykit.vault import storage
from tests.helpers import make_vault, run_cli
from tests.packs.factory import base_files, fixed_key, write_pack

PASS = "language test passphrase"
EN = {"LANGUAGE": "en"}


@functools.cache
def _catalog(lang: str) -> Catalog:
    with (resources.translations_dir() / f"{lang}.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _translated(lang: str, msgid: str) -> None:
    message = _catalog(lang).get(msgid)
    assert message is not None and all(
        message.string if isinstance(message.string, tuple) else [message.string]
    ), f"{msgid!r} is not translated into {lang}"


def said(lang: str, msgid: str, **params: object) -> str:
    """``msgid`` as the ``lang`` catalog words it (it must have a translation)."""
    _translated(lang, msgid)
    return i18n.translations(lang).gettext(msgid) % params


def counted(lang: str, singular: str, plural: str, count: int, **params: object) -> str:
    _translated(lang, singular)
    return i18n.translations(lang).ngettext(singular, plural, count) % {"count": count, **params}


def _archive(tmp_path: Path) -> Path:
    from safetykit.packs.signing import build
    from tests.packs.factory import encode

    path = tmp_path / "test.skpack"
    path.write_bytes(build(encode(base_files()), label="t", key=fixed_key()))
    return path


def test_pack_and_vault_commands_speak_french(tmp_path: Path, data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    fr = {"LANGUAGE": "fr"}
    pub = tmp_path / "trainer.pub"
    pub.write_text(fixed_key().public.to_file())
    key = fixed_key().public

    done = run_cli("pack", "trust", "add", pub, "--yes", input=PASS + "\n", env=fr)
    assert done.returncode == 0, done.stderr
    assert said("fr", "key id: %(key_id)s", key_id=key.hex_id) in done.stdout
    assert said("fr", "fingerprint: %(fingerprint)s", fingerprint=key.fingerprint) in done.stdout
    assert said("fr", "Key %(key_id)s is now trusted.", key_id=key.hex_id) in done.stderr

    done = run_cli("pack", "import", _archive(tmp_path), input=PASS + "\n", env=fr)
    assert done.returncode == 0, done.stderr
    status = said(
        "fr",
        "signed by key %(key_id)s (fingerprint %(fingerprint)s), trusted: %(source)s",
        key_id=key.hex_id,
        fingerprint=key.fingerprint,
        source=said("fr", "your trusted keys (vault)"),
    )
    imported = said(
        "fr",
        "Imported %(pack)s version %(version)s: %(status)s",
        pack="org.example.test",
        version=2,
        status=status,
    )
    assert done.stdout.strip() == imported

    done = run_cli("pack", "list", input=PASS + "\n", env=fr)
    assert done.returncode == 0, done.stderr
    row = "\t".join(
        [
            "org.example.test",
            said("fr", "version %(version)s", version=2),
            said("fr", "imported, verified (key %(key_id)s)", key_id=key.hex_id),
            "Test pack",
        ]
    )
    assert row in done.stdout.splitlines()
    from safetykit.packs.catalog import builtin_packs

    core = builtin_packs()[0]
    version = said("fr", "version %(version)s", version=core.version)
    assert f"{core.id}\t{version}\t{said('fr', 'built in')}\t{core.name}" in done.stdout

    done = run_cli("pack", "remove", "org.example.test", input=PASS + "\n", env=fr)
    assert done.returncode == 0, done.stderr
    removed = said(
        "fr",
        "Removed %(pack)s (version %(version)s); older versions of it stay refused.",
        pack="org.example.test",
        version=2,
    )
    assert removed in done.stderr

    done = run_cli("vault", "check", input=PASS + "\n", env=fr)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert said("fr", "vault: %(file)s", file=storage.vault_path(data_dir)) in lines
    assert said("fr", "trusted keys: %(count)s", count=1) in lines
    assert said("fr", "keychain: off") in lines
    backup = said("fr", "generation %(generation)s, opens", generation=3)
    assert any(line.endswith(backup) for line in lines), lines

    english = run_cli("vault", "check", input=PASS + "\n", env=EN)
    assert "keychain: off" in english.stdout.splitlines()  # the English is the source


def test_a_broken_pack_is_linted_in_arabic(tmp_path: Path) -> None:
    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        'risk = "critical"', 'risk = "severe"'
    )
    bad = write_pack(tmp_path / "bad", files)
    done = run_cli("--lang", "ar", "pack", "lint", "--today", "2026-11-28", bad, env=EN)
    assert done.returncode == 1
    finding = said(
        "ar",
        "'%(key)s' must be one of %(choices)s, not %(value)s",
        key="risk",
        choices="critical, high, medium, low",
        value="'severe'",
    )
    # The file:line: prefix stays as it is; the finding after it is in Arabic.
    assert f"{bad}/checklists/01-basics.toml:13: {finding}" in done.stdout.splitlines()
    counts = said(
        "ar",
        "%(errors)s, %(warnings)s",
        errors=counted("ar", "%(count)s error", "%(count)s errors", 1),
        warnings=counted("ar", "%(count)s warning", "%(count)s warnings", 0),
    )
    assert said("ar", "%(path)s: FAILED (%(counts)s)", path=bad, counts=counts) in done.stdout
    failed = counted(
        "ar",
        "%(count)s pack of %(total)s failed lint",
        "%(count)s packs of %(total)s failed lint",
        1,
        total=1,
    )
    assert done.stderr.strip() == said("ar", "safetykit: error: %(message)s", message=failed)


def test_a_warning_of_lint_and_its_summary_in_russian(tmp_path: Path) -> None:
    """Warnings say so in the language too, and the stale-review summary is counted
    with the language's plural form."""
    files = base_files()
    old = write_pack(tmp_path / "old", files)
    done = run_cli("--lang", "ru", "pack", "lint", "--today", "2030-01-01", old, env=EN)
    assert done.returncode == 0, done.stdout + done.stderr
    warning = said("ru", "warning: %(message)s", message="")
    assert any(line.startswith(f"{old}: {warning}") for line in done.stdout.splitlines())
    assert "review dates are more than" not in done.stdout


def test_the_saved_language_wins_over_the_system_and_lang_over_both(data_dir: Path) -> None:
    (data_dir / "settings.json").write_text(json.dumps({"language": "ru"}))
    missing = data_dir / "elsewhere"
    done = run_cli("vault", "check", env={"LANGUAGE": "fr"})
    assert said("ru", "There is no vault in %(folder)s.", folder=data_dir) in done.stderr
    done = run_cli("--lang", "es", "vault", "check", env={"LANGUAGE": "fr"})
    assert said("es", "There is no vault in %(folder)s.", folder=data_dir) in done.stderr
    # A --lang without a catalog is passed over: the saved setting, not English.
    done = run_cli("--lang", "xx", "vault", "check", env={"LANGUAGE": "fr"})
    assert said("ru", "There is no vault in %(folder)s.", folder=data_dir) in done.stderr
    # Another data folder has no saved setting: the system's language is used.
    done = run_cli("vault", "check", "--data-dir", missing, env={"LANGUAGE": "fr"})
    assert said("fr", "There is no vault in %(folder)s.", folder=missing) in done.stderr
    assert not missing.exists()  # choosing the language created nothing


def test_the_vault_warnings_and_the_wipe_report_in_persian(data_dir: Path, tmp_path: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    old = tmp_path / "old.skv"
    shutil.copy(storage.vault_path(data_dir), old)
    vault.save()
    vault.save()
    vault.lock()
    run_cli("vault", "check", input=PASS + "\n", env=EN)  # this installation saw gen 4
    shutil.copy(old, storage.vault_path(data_dir))
    fa = {"LANGUAGE": "fa_IR.UTF-8"}
    done = run_cli("vault", "check", input=PASS + "\n", env=fa)
    assert done.returncode == 0, done.stderr
    older = said(
        "fa",
        "This vault is older than the one this computer last saw (generation "
        "%(generation)s, but %(seen)s was seen): it may have been replaced by an older "
        "copy, and recent answers may be missing.",
        generation=2,
        seen=4,
    )
    assert said("fa", "safetykit: warning: %(message)s", message=older) in done.stderr

    done = run_cli("vault", "wipe", input="WIPE\n", env=fa)
    assert done.returncode == 0, done.stderr
    asked = said(
        "fa",
        "This destroys the vault in %(folder)s for good. Type WIPE to go on: ",
        folder=data_dir,
    )
    assert done.stderr.startswith(asked)
    report = said(
        "fa",
        "Wiped: %(overwritten)s; %(deleted)s; keychain: %(keychain)s.",
        overwritten=counted("fa", "%(count)s file overwritten", "%(count)s files overwritten", 2),
        deleted=counted("fa", "%(count)s file deleted", "%(count)s files deleted", 2),
        keychain=said("fa", "not used"),
    )
    assert report in done.stderr.splitlines()


def test_pack_diff_speaks_spanish(tmp_path: Path) -> None:
    from tests.packs.test_diff import _new_version

    old = write_pack(tmp_path / "old")
    new = write_pack(tmp_path / "new", _new_version())
    done = run_cli("pack", "diff", old, new, env={"LANGUAGE": "es"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"~ {said('es', 'pack')}: version 2 -> 3" in lines
    item = said("es", "item '%(item)s'", item="screen-lock")
    step = said("es", "step %(number)s added: %(text)s", number=3, text="'Check it locks.'")
    assert f"~ {item}: {step}" in lines
    same = run_cli("pack", "diff", new, new, env={"LANGUAGE": "es"})
    assert same.stderr.strip() == said("es", "No differences.")


def test_a_broken_bundle_file_is_reported_in_russian(tmp_path: Path) -> None:
    from tests.packaging.test_bundle import example_bundle, line_of

    file = example_bundle(tmp_path)
    text = file.read_text().replace("auto_lock_minutes = 10", "auto_lock_minutes = 7")
    file.write_text(text)
    done = run_cli("bundle", "check", file, env={"LANGUAGE": "ru"})
    assert done.returncode == 1
    from safetykit.org import AUTO_LOCK_CHOICES

    finding = said(
        "ru",
        "'auto_lock_minutes' must be one of %(choices)s (0 turns it off)",
        choices=", ".join(map(str, AUTO_LOCK_CHOICES)),
    )
    line = line_of(text, "auto_lock_minutes = 7")
    assert f"{file}:{line}: {finding}" in done.stderr.splitlines()


def test_usage_errors_in_the_chosen_language(tmp_path: Path) -> None:
    """argparse's own errors (a wrong choice, a missing argument, an unknown option) in
    our words, in the language chosen; the usage line stays as --help writes it."""
    folder = str(tmp_path / "none")
    done = run_cli("--data-dir", folder, "vault", "nope", env={"LANGUAGE": "fr"})
    assert done.returncode == 2
    choices = "'create', 'check', 'passwd', 'restore-backup', 'wipe', 'export', 'import'"
    inner = said("fr", "%(value)s is not one of %(choices)s", value="'nope'", choices=choices)
    line = said("fr", "%(name)s: %(problem)s", name="COMMAND", problem=inner)
    assert done.stderr.splitlines()[-1] == said(
        "fr", "%(prog)s: error: %(message)s", prog="safetykit vault", message=line
    )
    assert done.stderr.startswith("usage: safetykit vault")
    done = run_cli("--data-dir", folder, "--lang", "ru", "pack", "import", env=EN)
    missing = said("ru", "these are missing: %(names)s", names="FILE.skpack")
    assert done.stderr.splitlines()[-1] == said(
        "ru", "%(prog)s: error: %(message)s", prog="safetykit pack import", message=missing
    )
    done = run_cli("--data-dir", folder, "--bogus", env={"LANGUAGE": "fa"})
    unknown = said("fa", "not understood: %(names)s", names="--bogus")
    assert done.stderr.splitlines()[-1] == said(
        "fa", "%(prog)s: error: %(message)s", prog="safetykit", message=unknown
    )
    assert not (tmp_path / "none").exists()  # a usage error creates nothing
