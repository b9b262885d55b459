"""Fingerprints, trusting keys and re-binding a pack through the real command line
(issues 11.3, 12.8, 12.9, 14.7): confirmations are asked on a real terminal (a pty)."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

from safetykit.packs.minisign import SecretKey
from tests.helpers import REPO, assert_clean_error, make_vault, run_cli
from tests.packs.factory import base_files, fixed_key, other_key, signed_archive

PASS = "test passphrase"
IMPOSTOR = SecretKey(fixed_key().key_id, bytes(range(200, 232)))


def _controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def on_terminal(*args: str | Path, answers: list[tuple[str, str]], timeout: float = 60) -> str:
    """Run ``safetykit ARGS`` on a new pty; each time a prompt text shows, type its
    answer. Returns everything the terminal showed; fails if it exits non-zero."""
    master, slave = os.openpty()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "safetykit", *map(str, args)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=env,
        start_new_session=True,
        preexec_fn=_controlling_terminal,  # the pty becomes its terminal, as in a shell
    )
    os.close(slave)
    shown = ""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096).decode("utf-8", "replace")
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
            if pending and pending[0][0] in shown:
                prompt, answer = pending.pop(0)
                shown = shown.replace(prompt, f"<{prompt}>", 1)
                os.write(master, answer.encode() + b"\r")
            if child.poll() is not None and not ready:
                break
    finally:
        os.close(master)
        if child.poll() is None:
            child.kill()
        code = child.wait()
    assert not pending, (pending, shown)
    assert code == 0 or "error:" in shown, shown
    return shown + f"\n[exit {code}]"


def test_fingerprint_prints_the_key_id_and_the_readable_fingerprint(tmp_path: Path):
    pub = tmp_path / "trainer.pub"
    pub.write_text(fixed_key().public.to_file())
    done = run_cli("pack", "fingerprint", pub)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "key id: 0807060504030201\nfingerprint: SAPB E1TK 7GD3 3W5B TPSX 0BR2 P9RM EQ1C\n"
    )
    (tmp_path / "bad.pub").write_text("not a key\n")
    assert_clean_error(run_cli("pack", "fingerprint", tmp_path / "bad.pub"))


def test_trust_add_asks_on_a_terminal_and_a_no_trusts_nothing(tmp_path: Path, data_dir: Path):
    make_vault(data_dir, PASS).lock()
    pub = tmp_path / "trainer.pub"
    pub.write_text(fixed_key().public.to_file())
    args = ("pack", "trust", "add", pub, "--data-dir", data_dir)
    shown = on_terminal(*args, answers=[("[y/N]", "n")])
    assert fixed_key().public.fingerprint in shown.split("[y/N]")[0]  # shown before asking
    assert "you did not confirm" in shown and shown.endswith("[exit 1]")
    listed = run_cli("pack", "trust", "list", "--data-dir", data_dir, input=PASS + "\n")
    assert "0807060504030201" not in listed.stdout
    shown = on_terminal(*args, answers=[("[y/N]", "yes"), ("passphrase: ", PASS)])
    assert "is now trusted" in shown and shown.endswith("[exit 0]")
    listed = run_cli("pack", "trust", "list", "--data-dir", data_dir, input=PASS + "\n")
    assert fixed_key().public.fingerprint in listed.stdout


def test_a_second_key_with_a_trusted_id_is_refused_showing_both(tmp_path: Path, data_dir: Path):
    make_vault(data_dir, PASS).lock()
    for name, key in (("a.pub", fixed_key()), ("b.pub", IMPOSTOR)):
        (tmp_path / name).write_text(key.public.to_file())
    done = run_cli("pack", "trust", "add", tmp_path / "a.pub", "--yes", input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    done = run_cli("pack", "trust", "add", tmp_path / "b.pub", "--yes", input=PASS + "\n")
    assert_clean_error(done)
    assert fixed_key().public.fingerprint in done.stderr
    assert IMPOSTOR.public.fingerprint in done.stderr
    assert "trust remove" in done.stderr


def _archive(tmp_path: Path, version: int, key: SecretKey) -> Path:
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("version = 2", f"version = {version}")
    path = tmp_path / f"v{version}.skpack"
    path.write_bytes(signed_archive(files, key=key))
    return path


def test_import_of_a_pack_from_another_key_and_rebind(tmp_path: Path, data_dir: Path):
    make_vault(data_dir, PASS).lock()
    for name, key in (("a.pub", fixed_key()), ("b.pub", other_key())):
        (tmp_path / name).write_text(key.public.to_file())
        done = run_cli("pack", "trust", "add", tmp_path / name, "--yes", input=PASS + "\n")
        assert done.returncode == 0, done.stderr
    done = run_cli("pack", "import", _archive(tmp_path, 2, fixed_key()), input=PASS + "\n")
    assert done.returncode == 0, done.stderr

    v3 = _archive(tmp_path, 3, other_key())
    done = run_cli("pack", "import", v3, input=PASS + "\n")
    assert_clean_error(done)
    for key in (fixed_key(), other_key()):
        assert key.public.fingerprint in done.stderr
    assert "--rebind" in done.stderr
    # --rebind shows both keys, then wants a terminal's yes (or --yes).
    done = run_cli("pack", "import", v3, "--rebind", input=PASS + "\n")
    assert_clean_error(done)
    assert f"first signed by: key {fixed_key().public.hex_id}" in done.stdout
    assert other_key().public.fingerprint in done.stdout and "--yes" in done.stderr
    shown = on_terminal(
        "pack",
        "import",
        v3,
        "--rebind",
        "--data-dir",
        data_dir,
        answers=[("passphrase: ", PASS), ("[y/N]", "y")],
    )
    assert shown.endswith("[exit 0]"), shown
    assert "now belongs to key 1817161514131211 (was key 0807060504030201)" in shown
    # The old key is now the one refused.
    done = run_cli("pack", "import", _archive(tmp_path, 4, fixed_key()), input=PASS + "\n")
    assert_clean_error(done)
    assert "first accepted signed by key 1817161514131211" in done.stderr
