"""Tamper and damage: every change to a vault is rejected, with the right error type,
and a failed open changes nothing on disk. Counted, in-process through the core API."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from safetykit.vault import (
    NotAVault,
    Vault,
    VaultDamaged,
    VaultError,
    VaultTooNew,
    WrongPassphrase,
)
from safetykit.vault import format as fmt
from tests.helpers import make_vault
from tests.vault.test_core import vault_bytes

PASS = "Tamper Test Pässword"


def small_vault(folder: Path, passphrase: str = PASS) -> bytes:
    vault = make_vault(folder, passphrase)
    vault.data["profile"] = {"org.example/devices": ["android"]}
    vault.data["assessments"].append(
        {
            "id": "a1",
            "started": "2026-11-28T21:00:00Z",
            "answers": {"org.example/pm": {"status": "done", "note": "n", "due": None}},
        }
    )
    vault.save()
    vault.lock()
    # Tamper tests look at one file: without a backup, no "the backup opens" detour.
    (folder / "vault.skv.bak").unlink()
    return (folder / "vault.skv").read_bytes()


def attempt(folder: Path, blob: bytes, passphrase: str = PASS) -> type[VaultError] | None:
    """Write ``blob`` as the vault, try to open it; the error type, or None if it opened.

    Also checks that the failed open changed nothing on disk."""
    (folder / "vault.skv").write_bytes(blob)
    before = vault_bytes(folder)
    try:
        Vault.open(folder, passphrase).lock()
    except VaultError as error:
        assert vault_bytes(folder) == before, "a failed open changed the disk"
        return type(error)
    return None


def test_every_byte_flipped_is_rejected(data_dir: Path) -> None:
    blob = small_vault(data_dir)
    counts: dict[str, int] = {}
    tried = 0
    for position in range(len(blob)):
        for mask in (0x01, 0x80, 0xFF):
            changed = bytearray(blob)
            changed[position] ^= mask
            kind = attempt(data_dir, bytes(changed))
            assert kind is not None, f"byte {position} ^ {mask:#x} was accepted"
            assert kind in expected_errors(blob, position, mask), (position, mask, kind)
            counts[kind.__name__] = counts.get(kind.__name__, 0) + 1
            tried += 1
    assert tried == 3 * len(blob)
    print(f"\n{tried} single-byte changes of a {len(blob)}-byte vault rejected: {counts}")
    assert set(counts) <= {"NotAVault", "VaultDamaged", "VaultTooNew", "WrongPassphrase"}
    assert counts["VaultDamaged"] > counts.get("WrongPassphrase", 0)
    # The unchanged file still opens (the loop compared against the right passphrase).
    assert attempt(data_dir, blob) is None


def expected_errors(blob: bytes, position: int, mask: int) -> set[type[VaultError]]:
    """Which failure a change of this byte must report (docs/security-model.md layout)."""
    slot_end = fmt.FIXED_BYTES + fmt.SLOT_BYTES
    if position < 8:
        return {NotAVault}  # the magic
    if position < 10:  # the format version, 1: higher is "newer", 0 is damage
        version = int.from_bytes(blob[8:10], "big") ^ (mask << (8 * (9 - position)))
        return {VaultTooNew} if version > fmt.FORMAT_VERSION else {VaultDamaged}
    if position < fmt.FIXED_BYTES:
        return {VaultDamaged}  # length, id, generation, dates, AEAD, nonce, count
    if position < fmt.FIXED_BYTES + 2:
        return {VaultDamaged}  # slot kind and KDF code
    if position < fmt.FIXED_BYTES + 14:
        # KDF parameters: out of bounds is damage; inside them, a wrong key
        return {VaultDamaged, WrongPassphrase}
    if position < slot_end:
        return {WrongPassphrase}  # salt, slot nonce, wrapped key: the slot fails
    return {VaultDamaged}  # the body and its tag


def test_every_truncation_is_rejected(data_dir: Path) -> None:
    blob = small_vault(data_dir)
    for length in range(len(blob)):
        kind = attempt(data_dir, blob[:length])
        assert kind in (NotAVault, VaultDamaged), (length, kind)
    print(f"\n{len(blob)} truncations rejected")


@pytest.mark.parametrize("garbage", [b"\0", b"x", b"\0" * 16, bytes(range(256)), b"{}" * 1000])
def test_appended_garbage_is_rejected(data_dir: Path, garbage: bytes) -> None:
    blob = small_vault(data_dir)
    assert attempt(data_dir, blob + garbage) is VaultDamaged


def test_header_and_body_swapped_between_vaults(data_dir: Path, tmp_path: Path) -> None:
    one = small_vault(data_dir)
    two = small_vault(tmp_path / "other")  # same passphrase, same content, other keys
    h1 = fmt.parse_header(one).length
    h2 = fmt.parse_header(two).length
    assert attempt(data_dir, one[:h1] + two[h2:]) is VaultDamaged
    assert attempt(data_dir, two[:h2] + one[h1:]) is VaultDamaged
    # A key slot moved from one vault into the other also fails.
    slot_two = two[fmt.FIXED_BYTES : fmt.FIXED_BYTES + fmt.SLOT_BYTES]
    moved = one[: fmt.FIXED_BYTES] + slot_two + one[fmt.FIXED_BYTES + fmt.SLOT_BYTES :]
    assert attempt(data_dir, moved) is VaultDamaged
    # An older file of the same vault is a valid vault (rollback is what the
    # generation counter and the backup are for), but parts of two saves are not.
    assert attempt(data_dir, one) is None


def test_twenty_wrong_passphrases(data_dir: Path) -> None:
    blob = small_vault(data_dir)
    wrong = [
        "",
        " ",
        PASS.lower(),
        PASS.upper(),
        PASS.swapcase(),
        PASS.capitalize(),
        PASS + " ",
        " " + PASS,
        PASS + "\n",
        PASS[:-1],
        PASS[1:],
        PASS + PASS,
        PASS.replace("ä", "a"),
        PASS.replace("ä", "ae"),
        PASS.replace(" ", ""),
        PASS.replace(" ", "  "),
        "Tamper Test Passwörd",
        "Tamper test Pässword",
        "\0" + PASS,
        "x" * 200,
    ]
    assert len(set(wrong)) == 20
    for candidate in wrong:
        assert attempt(data_dir, blob, candidate) is WrongPassphrase, repr(candidate)
    # The same passphrase in another Unicode form is the same passphrase.
    nfd = unicodedata.normalize("NFD", PASS)
    assert nfd != PASS
    assert attempt(data_dir, blob, nfd) is None


def test_newer_version(data_dir: Path) -> None:
    blob = bytearray(small_vault(data_dir))
    blob[8:10] = (2).to_bytes(2, "big")
    assert attempt(data_dir, bytes(blob)) is VaultTooNew


def test_not_a_vault(data_dir: Path) -> None:
    small_vault(data_dir)
    for blob in (b"", b"hello", b"PK\x03\x04" + b"\0" * 300, b'{"profile": {}}'):
        assert attempt(data_dir, blob) is NotAVault


def test_damaged_main_with_a_good_backup_says_so(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    vault.lock()
    main = data_dir / "vault.skv"
    blob = bytearray(main.read_bytes())
    blob[-5] ^= 0x01
    main.write_bytes(bytes(blob))
    before = vault_bytes(data_dir)
    with pytest.raises(
        VaultDamaged, match=r"backup \(generation 1\) opens.*restore-backup"
    ) as info:
        Vault.open(data_dir, PASS)
    assert info.value.backup_opens
    assert vault_bytes(data_dir) == before
    # A damaged key slot reads as a wrong passphrase, unless the backup's slot opens.
    blob = bytearray(before["vault.skv"][0])
    blob[fmt.FIXED_BYTES + 50] ^= 0x01  # inside the wrapped key
    main.write_bytes(bytes(blob))
    with pytest.raises(VaultDamaged, match=r"key slot is damaged.*restore-backup"):
        Vault.open(data_dir, PASS)
    # A wrong passphrase stays a wrong passphrase.
    with pytest.raises(WrongPassphrase):
        Vault.open(data_dir, "not it")


def test_restore_backup(data_dir: Path) -> None:
    from safetykit.vault import restore_backup

    vault = make_vault(data_dir, PASS)
    vault.data["settings"]["v"] = "first"
    vault.save()  # generation 2; the backup holds generation 1
    vault.data["settings"]["v"] = "second"
    vault.save()  # generation 3; the backup holds generation 2
    vault.lock()
    main = data_dir / "vault.skv"
    main.write_bytes(main.read_bytes()[:-1])
    with pytest.raises(WrongPassphrase):
        restore_backup(data_dir, "wrong")
    restored = restore_backup(data_dir, PASS)
    assert restored.data["settings"]["v"] == "first"
    assert restored.generation == 4  # not backwards: above the damaged file's generation (3)
    restored.lock()
    again = Vault.open(data_dir, PASS)
    assert again.data["settings"]["v"] == "first"
    again.save()
    assert again.generation == 5


def test_created_is_kept(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    assert abs(vault.created - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_a_huge_file_is_refused_before_reading(data_dir: Path) -> None:
    from safetykit.vault.core import MAX_VAULT_BYTES

    small_vault(data_dir)
    with (data_dir / "vault.skv").open("r+b") as handle:
        handle.truncate(MAX_VAULT_BYTES + 1)  # sparse: costs no disk space
    with pytest.raises(VaultDamaged, match="far too large"):
        Vault.open(data_dir, PASS)
