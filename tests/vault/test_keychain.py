"""The OS keychain slot against a real Secret Service (gnome-keyring), and its fallbacks."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from safetykit.vault import KeychainUnavailable, Vault
from safetykit.vault import keychain as kc
from safetykit.vault.wipe import wipe
from tests.helpers import assert_clean_error, make_vault, run_cli
from tests.vault.keychain_support import SecretService

PASS = "keychain test passphrase"


def _item(service: SecretService, vault: Vault) -> Any:
    name = kc.item_name(vault.vault_id)
    found = [i for i in service.items(kc.SERVICE) if i.get_attributes().get("username") == name]
    assert len(found) <= 1
    return found[0] if found else None


def test_remember_stores_a_random_secret_not_the_passphrase(
    data_dir: Path, secret_service: SecretService
) -> None:
    vault = make_vault(data_dir, PASS, remember=True)
    assert vault.warnings == []
    assert vault.remembered
    item = _item(secret_service, vault)
    assert item is not None
    stored = item.get_secret()
    assert PASS.encode() not in stored
    assert len(base64.b64decode(stored)) == kc.SECRET_BYTES
    vault.lock()
    again = Vault.open_with_keychain(data_dir)
    assert again.generation == vault.generation
    # The passphrase still opens it too.
    assert Vault.open(data_dir, PASS).generation == vault.generation


def test_remember_on_and_off_later(data_dir: Path, secret_service: SecretService) -> None:
    vault = make_vault(data_dir, PASS)
    assert not vault.remembered
    with pytest.raises(KeychainUnavailable, match="not remembered"):
        Vault.open_with_keychain(data_dir)
    vault.set_remember(True)
    assert _item(secret_service, vault) is not None
    assert Vault.open_with_keychain(data_dir).remembered
    vault.set_remember(False)
    assert vault.warnings == []
    assert _item(secret_service, vault) is None
    with pytest.raises(KeychainUnavailable, match="not remembered"):
        Vault.open_with_keychain(data_dir)


def test_item_deleted_falls_back(data_dir: Path, secret_service: SecretService) -> None:
    vault = make_vault(data_dir, PASS, remember=True)
    _item(secret_service, vault).delete()
    with pytest.raises(KeychainUnavailable, match="no entry"):
        Vault.open_with_keychain(data_dir)
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "has no entry for this vault" in done.stderr
    assert "using the passphrase instead" in done.stderr
    assert "generation: 2" in done.stdout


@pytest.mark.parametrize(
    "garbage",
    [b"not base64 !!", base64.b64encode(b"short"), base64.b64encode(os.urandom(32)), "ü".encode()],
)
def test_garbage_value_falls_back(
    data_dir: Path, secret_service: SecretService, garbage: bytes
) -> None:
    vault = make_vault(data_dir, PASS, remember=True)
    _item(secret_service, vault).set_secret(garbage)
    with pytest.raises(KeychainUnavailable, match=r"not valid|does not fit"):
        Vault.open_with_keychain(data_dir)


def test_locked_collection_falls_back(data_dir: Path, secret_service: SecretService) -> None:
    make_vault(data_dir, PASS, remember=True).lock()
    secret_service.lock()
    with pytest.raises(KeychainUnavailable):
        Vault.open_with_keychain(data_dir, timeout=20)
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "could not unlock the vault" in done.stderr
    assert "generation: 2" in done.stdout


def test_changed_backend_falls_back(
    data_dir: Path, secret_service: SecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_vault(data_dir, PASS, remember=True).lock()
    # As if the vault had been remembered in KWallet and now Secret Service answers.
    monkeypatch.setitem(kc.BACKENDS, "keyring.backends.SecretService.Keyring", 3)
    monkeypatch.setitem(kc.BACKEND_NAMES, 3, "Secret Service")
    with pytest.raises(KeychainUnavailable, match="keychain changed"):
        Vault.open_with_keychain(data_dir)


def test_timeout_falls_back(
    data_dir: Path, secret_service: SecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_vault(data_dir, PASS, remember=True).lock()
    import threading

    never = threading.Event()
    monkeypatch.setattr(kc, "_backend", lambda: never.wait(5) or (1, None))
    with pytest.raises(KeychainUnavailable, match=r"did not answer within 0\.2 s"):
        Vault.open_with_keychain(data_dir, timeout=0.2)
    never.set()


def test_no_session_bus_falls_back(data_dir: Path, secret_service: SecretService) -> None:
    make_vault(data_dir, PASS, remember=True).lock()
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    # run_cli merges env into os.environ, so remove the bus the hard way.
    done = run_cli(
        "vault",
        "check",
        "--data-dir",
        data_dir,
        input=PASS + "\n",
        env={**env, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"},
    )
    assert done.returncode == 0, done.stderr
    assert "could not unlock the vault" in done.stderr
    assert "generation: 2" in done.stdout
    import subprocess
    import sys

    unset = subprocess.run(
        [sys.executable, "-m", "safetykit", "vault", "check", "--data-dir", str(data_dir)],
        input=PASS + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert unset.returncode == 0, unset.stderr
    assert "could not unlock the vault" in unset.stderr
    assert "Traceback" not in unset.stderr


def test_create_remember_without_keychain_warns(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    import subprocess
    import sys

    code = (
        "import sys; from safetykit.vault import Vault, kdf;"
        "v = Vault.create(sys.argv[1], 'pw', remember=True, kdf_params=kdf.TEST_PARAMS);"
        "print(v.remembered); print([str(w) for w in v.warnings])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("False")
    assert "passphrase only" in done.stdout


def test_wipe_removes_the_keychain_item(data_dir: Path, secret_service: SecretService) -> None:
    vault = make_vault(data_dir, PASS, remember=True)
    vault.lock()
    assert _item(secret_service, vault) is not None
    report = wipe(data_dir)
    assert report.problems == []
    assert str(report.keychain) == "1 entry removed"
    assert _item(secret_service, vault) is None


def test_passwd_renews_the_keychain_slot(data_dir: Path, secret_service: SecretService) -> None:
    from safetykit.vault.kdf import TEST_PARAMS

    vault = make_vault(data_dir, PASS, remember=True)
    before = _item(secret_service, vault).get_secret()
    vault.change_passphrase("a new passphrase", kdf_params=TEST_PARAMS)
    assert vault.warnings == []
    assert _item(secret_service, vault).get_secret() != before
    assert Vault.open_with_keychain(data_dir).generation == vault.generation


def test_cli_uses_the_keychain_first(data_dir: Path, secret_service: SecretService) -> None:
    make_vault(data_dir, PASS, remember=True).lock()
    done = run_cli("vault", "check", "--data-dir", data_dir, input="")  # no passphrase given
    assert done.returncode == 0, done.stderr
    assert "keychain: on" in done.stdout
    wrong = run_cli("vault", "check", "--data-dir", data_dir, input="wrong\n")
    assert wrong.returncode == 0  # the keychain opened it; the passphrase was never read
    _ = assert_clean_error


@pytest.mark.parametrize(
    "backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"]
)
def test_only_real_backends_are_used(data_dir: Path, backend: str) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from safetykit.vault import Vault, kdf;"
        "v = Vault.create(sys.argv[1], 'pw', remember=True, kdf_params=kdf.TEST_PARAMS);"
        "print(v.remembered); print([str(w) for w in v.warnings])"
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": backend}
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("False")
    assert "No OS keychain is available" in done.stdout


def test_damaged_remembered_vault_offers_the_backup(
    data_dir: Path, secret_service: SecretService
) -> None:
    vault = make_vault(data_dir, PASS, remember=True)
    vault.save()
    vault.lock()
    main = data_dir / "vault.skv"
    main.write_bytes(main.read_bytes()[:-1])
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert_clean_error(done)
    assert "restore-backup" in done.stderr


@pytest.mark.slow
def test_cli_create_remember(data_dir: Path, secret_service: SecretService) -> None:
    done = run_cli("vault", "create", "--remember", "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "keychain can unlock it" in done.stderr
    check = run_cli("vault", "check", "--data-dir", data_dir, input="")
    assert check.returncode == 0, check.stderr
    assert "keychain: on" in check.stdout


def test_wipe_removes_an_entry_a_passphrase_change_could_not_renew(
    data_dir: Path, secret_service: SecretService
) -> None:
    """Issue 12.9: the keychain was locked during the change, so the old entry stayed
    and the new header has no keychain slot; the wipe still finds and removes it."""
    from safetykit.vault.kdf import TEST_PARAMS
    from safetykit.vault.storage import keychain_left_path

    vault = make_vault(data_dir, PASS, remember=True)
    secret_service.lock()
    try:
        vault.change_passphrase("a new passphrase", kdf_params=TEST_PARAMS, keychain_timeout=5)
    finally:
        secret_service.unlock()
    assert any("no longer remembered" in str(w) for w in vault.warnings)
    assert not vault.remembered
    assert _item(secret_service, vault) is not None  # the stale entry is still there
    assert keychain_left_path(data_dir).read_text() == vault.vault_id.hex() + "\n"
    vault.lock()
    report = wipe(data_dir)
    assert report.problems == []
    assert str(report.keychain) == "1 entry removed"
    assert _item(secret_service, vault) is None
    assert sorted(p.name for p in data_dir.iterdir()) == []


def test_wipe_removes_an_entry_forgetting_could_not_delete(
    data_dir: Path, secret_service: SecretService
) -> None:
    vault = make_vault(data_dir, PASS, remember=True)
    secret_service.lock()
    try:
        vault.set_remember(False, timeout=5)
    finally:
        secret_service.unlock()
    assert any("keychain entry could not be removed" in str(w) for w in vault.warnings)
    assert _item(secret_service, vault) is not None
    # Remembering again renews the entry: the record is no longer needed.
    vault.set_remember(True)
    from safetykit.vault.storage import keychain_left_path

    assert not keychain_left_path(data_dir).exists()
    vault.lock()
    assert str(wipe(data_dir).keychain) == "1 entry removed"
    assert _item(secret_service, vault) is None


def test_wipe_never_asks_a_keychain_that_was_never_used(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kw: object) -> bool:
        raise AssertionError("the keychain was asked")

    make_vault(data_dir, PASS).lock()
    monkeypatch.setattr(kc, "delete_secret", refuse)
    report = wipe(data_dir)
    assert str(report.keychain) == "not used" and report.problems == []
