"""``safetykit vault …`` through the real command line (DESIGN §8).

Vaults are made in-process at test strength (tests.helpers.make_vault); only the
create/passwd test pays for calibrated key derivation.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from safetykit.vault import Vault
from tests.helpers import assert_clean_error, make_vault, run_cli
from tests.vault.test_core import vault_bytes

PASS = "cli test passphrase"


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("safetykit: error:")]
    assert len(lines) == 1, stderr
    return lines[0]


def sample(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.data["profile"] = {"org.example/travel": "yes"}
    vault.data["assessments"].append(
        {
            "id": "a1",
            "started": "2026-11-28T21:00:00Z",
            "answers": {
                "org.example/pm": {"status": "partly", "note": "SECRET-NOTE", "due": None},
                "org.example/fde": {"status": "done", "note": "", "due": "2026-12-24"},
            },
        }
    )
    vault.save()
    vault.lock()


@pytest.mark.slow
def test_create_and_passwd_at_full_strength(data_dir: Path) -> None:
    folder = data_dir / "v"
    done = run_cli("vault", "create", "--data-dir", folder, input="first passphrase\n")
    assert done.returncode == 0, done.stderr
    assert "Argon2id" in done.stderr
    again = run_cli("vault", "create", "--data-dir", folder, input="other passphrase\n")
    assert_clean_error(again)
    assert "already exists" in again.stderr
    passwd = run_cli(
        "vault", "passwd", "--data-dir", folder, input="first passphrase\nsecond passphrase\n"
    )
    assert passwd.returncode == 0, passwd.stderr
    old = run_cli("vault", "check", "--data-dir", folder, input="first passphrase\n")
    assert_clean_error(old)
    assert "passphrase does not open this vault" in one_line(old.stderr)
    new = run_cli("vault", "check", "--data-dir", folder, input="second passphrase\n")
    assert new.returncode == 0, new.stderr
    assert "generation: 2" in new.stdout


def test_create_refuses_an_empty_passphrase(data_dir: Path) -> None:
    done = run_cli("vault", "create", "--data-dir", data_dir, input="\n")
    assert_clean_error(done)
    assert "empty" in one_line(done.stderr)
    assert not (data_dir / "vault.skv").exists()


def test_check_prints_state_never_content(data_dir: Path) -> None:
    sample(data_dir)
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "generation: 2" in out
    assert "created: " in out and " UTC" in out
    assert "assessments: 1" in out and "answers: 2" in out
    assert "backup: generation 1, opens" in out
    for secret in ("SECRET-NOTE", "org.example", "partly", "2026-12-24", PASS):
        assert secret not in out + done.stderr


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda b: b[:-1], "damaged"),
        (lambda b: b + b"x", "damaged"),
        (lambda b: b"PK\x03\x04" + b[4:], "not a SafetyKit vault"),
        (lambda b: b[:8] + b"\x00\x07" + b[10:], "newer version"),
    ],
)
def test_damage_errors_are_one_line_and_change_nothing(
    data_dir: Path, change: object, expected: str
) -> None:
    sample(data_dir)
    (data_dir / "vault.skv.bak").unlink()
    main = data_dir / "vault.skv"
    main.write_bytes(change(main.read_bytes()))  # type: ignore[operator]
    before = vault_bytes(data_dir)
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert_clean_error(done)
    assert expected in one_line(done.stderr)
    assert vault_bytes(data_dir) == before


def test_wrong_passphrase_and_missing_vault(data_dir: Path) -> None:
    missing = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert_clean_error(missing)
    assert "no vault" in one_line(missing.stderr)
    sample(data_dir)
    before = vault_bytes(data_dir)
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS.upper() + "\n")
    assert_clean_error(done)
    assert "passphrase does not open this vault" in one_line(done.stderr)
    assert vault_bytes(data_dir) == before


def test_damaged_main_offers_the_backup_and_restore_backup(data_dir: Path) -> None:
    sample(data_dir)
    main = data_dir / "vault.skv"
    main.write_bytes(main.read_bytes()[:-3])
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert_clean_error(done)
    line = one_line(done.stderr)
    assert "backup (generation 1) opens" in line and "restore-backup" in line
    wrong = run_cli("vault", "restore-backup", "--data-dir", data_dir, input="nope\n")
    assert_clean_error(wrong)
    restored = run_cli("vault", "restore-backup", "--data-dir", data_dir, input=PASS + "\n")
    assert restored.returncode == 0, restored.stderr
    check = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert check.returncode == 0, check.stderr
    assert "generation: 3" in check.stdout  # above the damaged file's 2: never backwards


def test_wipe(data_dir: Path) -> None:
    sample(data_dir)
    before = vault_bytes(data_dir)
    refused = run_cli("vault", "wipe", "--data-dir", data_dir, input="wipe\n")
    assert_clean_error(refused)
    assert vault_bytes(data_dir) == before
    done = run_cli("vault", "wipe", "--data-dir", data_dir, input="WIPE\n")
    assert done.returncode == 0, done.stderr
    assert "Wiped: 2 files overwritten; 2 files deleted; keychain: not used." in done.stderr
    assert list(data_dir.iterdir()) == []
    sample(data_dir)
    yes = run_cli("vault", "wipe", "--yes", "--data-dir", data_dir)
    assert yes.returncode == 0, yes.stderr
    assert list(data_dir.iterdir()) == []


def test_export_import_roundtrip(data_dir: Path, tmp_path: Path) -> None:
    sample(data_dir)
    out = tmp_path / "answers.json"
    out.write_bytes(b"an older export")
    out.chmod(0o644)  # the CLI's own umask 077 would not make an existing file private
    done = run_cli("vault", "export", "-o", out, "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "NOT encrypted" in done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "safetykit-export/1"
    assert doc["assessments"][0]["answers"]["org.example/pm"]["note"] == "SECRET-NOTE"

    fresh = tmp_path / "fresh"
    make_vault(fresh, "fresh pass").lock()
    imported = run_cli("vault", "import", out, "--data-dir", fresh, input="fresh pass\n")
    assert imported.returncode == 0, imported.stderr
    assert "Imported: 1 new assessment, 0 replaced; the profile was set from the file." in (
        imported.stderr
    )
    again = tmp_path / "again.json"
    run_cli("vault", "export", "-o", again, "--data-dir", fresh, input="fresh pass\n")
    assert again.read_bytes() == out.read_bytes()

    refused = run_cli("vault", "import", out, "--data-dir", fresh, input="fresh pass\n")
    assert_clean_error(refused)
    assert "--replace" in one_line(refused.stderr)
    replaced = run_cli(
        "vault", "import", out, "--replace", "--data-dir", fresh, input="fresh pass\n"
    )
    assert replaced.returncode == 0, replaced.stderr
    assert "1 replaced" in replaced.stderr

    no_notes = tmp_path / "no-notes.json"
    run_cli(
        "vault", "export", "-o", no_notes, "--no-notes", "--data-dir", data_dir, input=PASS + "\n"
    )
    assert "SECRET-NOTE" not in no_notes.read_text(encoding="utf-8")


def test_import_of_a_bad_file(data_dir: Path, tmp_path: Path) -> None:
    sample(data_dir)
    before = vault_bytes(data_dir)
    for content in (b"not json", b'{"format": "safetykit-export/1", "assessments": 3}'):
        bad = tmp_path / "bad.json"
        bad.write_bytes(content)
        done = run_cli("vault", "import", bad, "--data-dir", data_dir, input=PASS + "\n")
        assert_clean_error(done)
        one_line(done.stderr)
    missing = run_cli(
        "vault", "import", tmp_path / "nope.json", "--data-dir", data_dir, input=PASS + "\n"
    )
    assert_clean_error(missing)
    assert vault_bytes(data_dir) == before
    assert Vault.open(data_dir, PASS).generation == 2
