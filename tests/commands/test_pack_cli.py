"""``safetykit pack …`` through the real command line (a representative set; the logic
is tested in-process under tests/packs/)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import assert_clean_error, make_vault, require_tool, run_cli
from tests.packs.factory import base_files, fixed_key, other_key, signed_archive, write_pack

PASS = "test passphrase"


def test_new_scaffold_passes_lint_and_lint_reports_lines(tmp_path: Path):
    done = run_cli("pack", "new", tmp_path / "mine")
    assert done.returncode == 0, done.stderr
    done = run_cli("pack", "lint", tmp_path / "mine")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok (0 errors, 2 warnings)" in done.stdout
    assert "warning: 'org.example.mine' is a placeholder id" in done.stdout
    assert "warning: 'Your organisation' is the placeholder publisher" in done.stdout
    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        'risk = "critical"', 'risk = "severe"'
    )
    bad = write_pack(tmp_path / "bad", files)
    done = run_cli("pack", "lint", "--today", "2026-11-28", tmp_path / "mine", bad)
    assert done.returncode == 1
    assert f"{bad}/checklists/01-basics.toml:13: 'risk' must be one of" in done.stdout
    assert f"{bad}: FAILED (1 error, 0 warnings)" in done.stdout
    assert "Traceback" not in done.stderr
    assert_clean_error(run_cli("pack", "lint", "--today", "soon", bad), code=2)
    assert_clean_error(run_cli("pack", "new", tmp_path / "mine"))  # not empty: refused


def test_keygen_build_verify(tmp_path: Path):
    pack = write_pack(tmp_path / "pack")
    done = run_cli("pack", "keygen", "-o", tmp_path / "trainer", input="\n")
    assert done.returncode == 0, done.stderr
    assert "not protected by a passphrase" in done.stderr
    key_id = done.stdout.split("key id: ")[1].split()[0]
    fingerprint = done.stdout.split("fingerprint: ")[1].split("\n")[0]
    shown = run_cli("pack", "fingerprint", tmp_path / "trainer.pub").stdout
    assert shown == f"key id: {key_id}\nfingerprint: {fingerprint}\n"
    one, two = tmp_path / "one.skpack", tmp_path / "two.skpack"
    for out in (one, two):
        done = run_cli("pack", "build", pack, "-o", out, "--key", tmp_path / "trainer.key")
        assert done.returncode == 0, done.stderr
    assert one.read_bytes() == two.read_bytes()
    done = run_cli("pack", "verify", one, "--pubkey", tmp_path / "trainer.pub")
    assert done.returncode == 0, done.stderr
    assert f"key id: {key_id}" in done.stdout and f"fingerprint: {fingerprint}" in done.stdout
    assert f"trust: --pubkey {tmp_path / 'trainer.pub'}" in done.stdout
    done = run_cli("pack", "verify", one)  # no key of the trust store signed it
    assert_clean_error(done)
    assert f"key id: {key_id}" in done.stdout and "trust: none" in done.stdout
    unsigned = tmp_path / "unsigned.skpack"
    assert run_cli("pack", "build", pack, "-o", unsigned).returncode == 0
    assert_clean_error(run_cli("pack", "verify", unsigned, "--pubkey", tmp_path / "trainer.pub"))
    done = run_cli("pack", "sign", unsigned, "--key", tmp_path / "trainer.key")
    assert done.returncode == 0, done.stderr
    assert unsigned.read_bytes() == one.read_bytes()
    assert_clean_error(run_cli("pack", "lint", tmp_path / "missing.skpack"))
    damaged = bytearray(one.read_bytes())
    damaged[100] ^= 0x01
    (tmp_path / "bad.skpack").write_bytes(bytes(damaged))
    assert_clean_error(run_cli("pack", "verify", tmp_path / "bad.skpack"))
    assert_clean_error(run_cli("pack", "lint", tmp_path / "bad.skpack"))


def test_stock_minisign_signature_through_the_command_line(tmp_path: Path):
    minisign = require_tool("minisign")
    pack = write_pack(tmp_path / "pack")
    subprocess.run(
        [minisign, "-G", "-W", "-p", "m.pub", "-s", "m.key"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    done = run_cli("pack", "manifest", pack)
    assert done.returncode == 0, done.stderr
    (tmp_path / "MANIFEST").write_text(done.stdout)
    comment = 'minisign -S -s KEY -m MANIFEST -t "safetykit-pack id=org.example.test version=2"'
    assert comment in done.stderr
    subprocess.run(
        [
            minisign,
            "-S",
            "-s",
            "m.key",
            "-m",
            "MANIFEST",
            "-t",
            "safetykit-pack id=org.example.test version=2",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    out = tmp_path / "p.skpack"
    signature = tmp_path / "MANIFEST.minisig"
    # Checked against the MANIFEST it goes with: the signer's key must be given.
    done = run_cli("pack", "build", pack, "-o", out, "--signature", signature)
    assert_clean_error(done)
    assert "not a trusted key here, so it cannot be checked" in done.stderr
    assert "--pubkey KEY.pub" in done.stderr and not out.exists()
    done = run_cli(
        "pack", "build", pack, "-o", out, "--signature", signature, "--pubkey", tmp_path / "m.pub"
    )
    assert done.returncode == 0, done.stderr
    done = run_cli("pack", "verify", out, "--pubkey", tmp_path / "m.pub")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "trusted comment: safetykit-pack id=org.example.test version=2" in done.stdout
    # An edit after signing: the signature no longer matches the MANIFEST build puts in.
    toml = pack / "checklists" / "01-basics.toml"
    toml.write_text(toml.read_text().replace("Set a PIN.", "Set a long PIN."))
    out.unlink()
    done = run_cli(
        "pack", "build", pack, "-o", out, "--signature", signature, "--pubkey", tmp_path / "m.pub"
    )
    assert_clean_error(done)
    assert "does not match the MANIFEST of" in done.stderr
    assert "Run 'safetykit pack manifest' again" in done.stderr and not out.exists()
    # A signature by another key than --pubkey's is refused too, naming both.
    (tmp_path / "o.pub").write_text(other_key().public.to_file())
    done = run_cli(
        "pack", "build", pack, "-o", out, "--signature", signature, "--pubkey", tmp_path / "o.pub"
    )
    assert_clean_error(done)
    assert "cannot be checked" in done.stderr
    assert_clean_error(run_cli("pack", "build", pack, "-o", out, "--pubkey", "o.pub"), code=2)


def test_keygen_makes_the_public_key_readable_by_all(tmp_path: Path):
    done = run_cli("pack", "keygen", "-o", tmp_path / "k", input="\n")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "k.pub").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "k.key").stat().st_mode & 0o777 == 0o600


def test_unsigned_refusals_speak_of_no_signer(tmp_path: Path, data_dir: Path):
    pack = write_pack(tmp_path / "pack")
    out = tmp_path / "u.skpack"
    assert run_cli("pack", "build", pack, "-o", out).returncode == 0
    done = run_cli("pack", "verify", out)
    assert_clean_error(done)
    assert "is not signed" in done.stderr and "pack sign" in done.stderr
    make_vault(data_dir, PASS)
    done = run_cli("--data-dir", data_dir, "pack", "import", out, input=PASS + "\n")
    assert_clean_error(done)
    assert "not signed" in done.stderr
    for word in ("signer", "key "):
        assert word not in done.stderr.lower(), done.stderr


def test_a_rezipped_archive_is_refused_as_not_built_by_pack_build(tmp_path: Path):
    import zipfile

    archive = tmp_path / "p.skpack"
    archive.write_bytes(signed_archive())
    with zipfile.ZipFile(archive) as original:
        entries = {name: original.read(name) for name in original.namelist()}
    for name, compression in (("deflated", zipfile.ZIP_DEFLATED), ("stored", zipfile.ZIP_STORED)):
        again = tmp_path / f"{name}.skpack"
        with zipfile.ZipFile(again, "w", compression=compression) as out:
            out.writestr("checklists/", b"")
            for entry, data in entries.items():
                out.writestr(entry, data)
        done = run_cli("pack", "verify", again)
        assert_clean_error(done)
        assert "not built by 'safetykit pack build'" in done.stderr, done.stderr
        assert "unchanged, as a file" in done.stderr


def test_strings_writes_the_template(tmp_path: Path):
    pack = write_pack(tmp_path / "pack")
    done = run_cli("pack", "strings", pack, "-o", tmp_path / "pack.pot")
    assert done.returncode == 0, done.stderr
    pot = (tmp_path / "pack.pot").read_text()
    assert 'msgctxt "screen-lock:steps.1"\nmsgid "Set a PIN."' in pot
    assert "#: checklists/01-basics.toml:11" in pot


def test_template_passes_gettext_and_a_translation_from_it_loads(tmp_path: Path):
    """The .pot is one GNU gettext accepts: msginit starts a PO from it, msgen fills it,
    msgfmt --check passes, and lint reads the result as fully translated."""
    msginit, msgen, msgfmt = (require_tool(t) for t in ("msginit", "msgen", "msgfmt"))
    files = base_files()
    del files["locales/es.po"]
    pack = write_pack(tmp_path / "pack", files)
    pot = tmp_path / "pack.pot"
    assert run_cli("pack", "strings", pack, "-o", pot).returncode == 0
    subprocess.run([msgfmt, "--check", "-o", os.devnull, pot], check=True, capture_output=True)
    po = pack / "locales" / "fr.po"
    po.parent.mkdir()
    args = [
        msginit,
        "--no-translator",
        "-i",
        str(pot),
        "-l",
        "fr",
        "-o",
        str(tmp_path / "start.po"),
    ]
    subprocess.run(args, check=True, capture_output=True)
    subprocess.run([msgen, tmp_path / "start.po", "-o", po], check=True, capture_output=True)
    subprocess.run([msgfmt, "--check", "-o", os.devnull, po], check=True, capture_output=True)
    done = run_cli("pack", "lint", "--today", "2026-11-28", pack)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fr: 25 of 25 strings translated (100%)" in done.stdout


def _archive(tmp_path: Path, name: str, version: int, key=None, signed: bool = True) -> Path:
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("version = 2", f"version = {version}")
    path = tmp_path / name
    if signed:
        path.write_bytes(signed_archive(files, key=key))
    else:
        from safetykit.packs.signing import build
        from tests.packs.factory import encode

        path.write_bytes(build(encode(files), label="t"))
    return path


def test_import_list_remove_and_trust_with_a_vault(tmp_path: Path, data_dir: Path):
    make_vault(data_dir, PASS).lock()
    v3 = _archive(tmp_path, "v3.skpack", 3)
    (tmp_path / "trainer.pub").write_text(fixed_key().public.to_file())

    refused = run_cli("pack", "import", v3, input=PASS + "\n")
    assert_clean_error(refused)
    assert "not a trusted key" in refused.stderr

    done = run_cli("pack", "trust", "add", tmp_path / "trainer.pub", input=PASS + "\n")
    assert_clean_error(done)  # no terminal to have compared the fingerprint on
    assert "--yes" in done.stderr
    done = run_cli("pack", "trust", "add", tmp_path / "trainer.pub", "--yes", input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "key id: 0807060504030201" in done.stdout
    assert f"fingerprint: {fixed_key().public.fingerprint}" in done.stdout
    assert f"public key: {fixed_key().public.base64}" in done.stdout
    done = run_cli("pack", "trust", "list", input=PASS + "\n")
    assert "0807060504030201" in done.stdout and "added by you" in done.stdout
    assert fixed_key().public.fingerprint in done.stdout

    done = run_cli("pack", "import", v3, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "Imported org.example.test version 3" in done.stdout
    assert_clean_error(run_cli("pack", "import", _archive(tmp_path, "v2", 2), input=PASS + "\n"))

    done = run_cli("pack", "list", input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "org.safetykit.core" in done.stdout
    assert "org.example.test\tversion 3\timported, verified (key 0807060504030201)" in done.stdout

    done = run_cli("pack", "remove", "org.example.test", input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "org.example.test" not in run_cli("pack", "list", input=PASS + "\n").stdout
    assert_clean_error(run_cli("pack", "import", _archive(tmp_path, "v1", 1), input=PASS + "\n"))

    done = run_cli("pack", "trust", "remove", "0807060504030201", input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "0807060504030201" not in run_cli("pack", "trust", "list", input=PASS + "\n").stdout


@pytest.mark.parametrize("signed", [False, True])
def test_unverified_import_is_marked(tmp_path: Path, data_dir: Path, signed: bool):
    make_vault(data_dir, PASS).lock()
    archive = _archive(tmp_path, "p.skpack", 5, key=other_key(), signed=signed)
    assert_clean_error(run_cli("pack", "import", archive, input=PASS + "\n"))
    done = run_cli("pack", "import", archive, "--allow-unverified", input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "marked UNVERIFIED" in done.stderr
    listed = run_cli("pack", "list", input=PASS + "\n").stdout
    assert "org.example.test\tversion 5\timported, UNVERIFIED" in listed


def test_import_without_a_vault_or_with_a_wrong_passphrase(tmp_path: Path, data_dir: Path):
    archive = _archive(tmp_path, "p.skpack", 2)
    done = run_cli("pack", "import", archive, "--allow-unverified")
    assert_clean_error(done)
    assert "no vault" in done.stderr
    make_vault(data_dir, PASS).lock()
    assert_clean_error(run_cli("pack", "import", archive, input="wrong\n"))


def test_build_with_a_passphrase_protected_key(tmp_path: Path):
    pack = write_pack(tmp_path / "pack")
    # Small scrypt limits stored in the key file keep this quick; the format is minisign's.
    key_file = tmp_path / "enc.key"
    key_file.write_text(fixed_key().to_file("s3cret", opslimit=32768, memlimit=1 << 20))
    (tmp_path / "k.pub").write_text(fixed_key().public.to_file())
    out = tmp_path / "p.skpack"
    wrong = run_cli("pack", "build", pack, "-o", out, "--key", key_file, input="nope\n")
    assert_clean_error(wrong)
    assert "passphrase does not open the secret key" in wrong.stderr and not out.exists()
    done = run_cli("pack", "build", pack, "-o", out, "--key", key_file, input="s3cret\n")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == signed_archive()


def test_verify_pubkey_trusts_only_that_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """Without --pubkey the org bundle's key is trusted; with it, only the key named."""
    from safetykit import cli, resources

    org = tmp_path / "org"
    (org / "keys").mkdir(parents=True)
    (org / "keys" / "trainer.pub").write_text(fixed_key().public.to_file())
    (tmp_path / "other.pub").write_text(other_key().public.to_file())
    monkeypatch.setattr(resources, "org_dir", lambda: org)
    monkeypatch.setattr(cli, "set_private_umask", lambda: None)  # in-process: keep umask
    archive = tmp_path / "p.skpack"
    archive.write_bytes(signed_archive())

    assert cli.main(["pack", "verify", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "key id: 0807060504030201" in out
    assert "trust: the organisation bundle (trainer.pub)" in out

    assert cli.main(["pack", "verify", str(archive), "--pubkey", str(tmp_path / "other.pub")]) == 1
    done = capsys.readouterr()
    assert "key id: 0807060504030201" in done.out and "trust: none" in done.out
    # Both keys named: the one that signed and the one given.
    assert f"is signed by key 0807060504030201, not by key 1817161514131211 of {tmp_path}" in (
        done.err
    )


def test_imported_packs_and_keys_leave_no_plain_trace(tmp_path: Path, data_dir: Path):
    """Pack ids, key ids and archives live only inside the sealed vault body."""
    from safetykit.packs.catalog import all_packs
    from safetykit.vault import Vault

    make_vault(data_dir, PASS).lock()
    (tmp_path / "trainer.pub").write_text(fixed_key().public.to_file())
    assert (
        run_cli(
            "pack", "trust", "add", tmp_path / "trainer.pub", "--yes", input=PASS + "\n"
        ).returncode
        == 0
    )
    signed = _archive(tmp_path, "signed.skpack", 3)
    assert run_cli("pack", "import", signed, input=PASS + "\n").returncode == 0
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("org.example.test", "org.example.other")
    unsigned = tmp_path / "unsigned.skpack"
    unsigned.write_bytes(signed_archive(files, key=other_key()))
    done = run_cli("pack", "import", unsigned, "--allow-unverified", input=PASS + "\n")
    assert done.returncode == 0, done.stderr

    secrets = [b"org.example", b"0807060504030201", b"1817161514131211", b"Test pack"]
    secrets += [fixed_key().public.base64.encode(), b"Lock your phone"]
    secrets += [fixed_key().public.fingerprint.encode()]
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(s in content for s in secrets), path
            assert not any(s.decode() in path.name for s in secrets), path

    vault = Vault.open(data_dir, PASS)
    try:
        packs = {p.id: p for p in all_packs(vault)}
    finally:
        vault.lock()
    assert packs["org.example.test"].verified and packs["org.example.test"].version == 3
    assert not packs["org.example.other"].verified
