"""A passphrase change killed at any step (issue 12 #2): exactly one passphrase opens
the vault, the unlock says which, and no backup (nor any file left in the folder once
it is opened) opens with the other one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from safetykit.vault import Vault, WrongPassphrase, storage
from safetykit.vault import format as fmt
from tests.helpers import REPO, make_vault
from tests.vault.test_carving import opens

OLD = "the passphrase before"
NEW = "the passphrase after"


def _files(folder: Path) -> dict[str, bytes]:
    """Every regular file but the lock (a leftover, a marker, the record included)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != storage.LOCK_NAME
    }


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the fork server needs os.fork (POSIX)")
def test_passwd_killed_after_every_file_system_call(tmp_path: Path) -> None:
    template = tmp_path / "template"
    vault = make_vault(template, OLD)
    vault.data["settings"]["kept"] = "yes"
    vault.save()
    vault.save()
    vault.lock()
    original = _files(template)
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.vault.crash_child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        cwd=REPO,
    )
    assert server.stdin is not None and server.stdout is not None
    effects = {"old": 0, "new": 0}
    try:
        for nth in range(1, 400):
            folder = tmp_path / f"trial-{nth}"
            shutil.copytree(template, folder)
            order = {"mode": "passwd", "folder": str(folder), "passphrase": OLD}
            server.stdin.write(json.dumps({**order, "new": NEW, "nth": nth}) + "\n")
            assert server.stdout.readline().split()[0] == "pid"
            finished = False
            while True:
                words = server.stdout.readline().split()
                assert words, "the fork server died"
                if words[0] == "done":
                    finished = True
                    continue
                assert words[0] == "exit", words
                status = int(words[1])
                break
            if finished:
                assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
                break
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
            effects[check_after_kill(folder, original)] += 1
            shutil.rmtree(folder)
        else:
            pytest.fail("the passphrase change never finished")
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    print(f"\npasswd killed after each of {nth - 1} file-system calls: {effects}")
    assert nth > 10 and effects["old"] > 0 and effects["new"] > 0


def check_after_kill(folder: Path, original: dict[str, bytes]) -> str:
    main = storage.vault_path(folder).read_bytes()
    with_old, with_new = opens(main, OLD), opens(main, NEW)
    assert with_old != with_new, f"old opens: {with_old}, new opens: {with_new}"
    effect, other = ("old", NEW) if with_old else ("new", OLD)
    right = OLD if with_old else NEW
    backup = storage.backup_path(folder)
    if backup.exists():
        assert not opens(backup.read_bytes(), other), f"the backup opens with the {other!r}"
    # Interrupted (anything changed, and the change did not finish): the wrong one is
    # refused saying which passphrase is in effect, and the right one says it too.
    interrupted = _files(folder) != original and (folder / "vault.rekeying").exists()
    said = f"{effect.upper()} passphrase"
    with pytest.raises(WrongPassphrase) as refused:
        Vault.open(folder, other)
    if interrupted:
        assert said in str(refused.value), refused.value
    vault = Vault.open(folder, right)
    try:
        assert vault.data["settings"]["kept"] == "yes"
        if interrupted:
            assert any(said in str(w) for w in vault.warnings), vault.warnings
    finally:
        vault.lock()
    # Once opened (and tidied), nothing in the folder opens with the other passphrase.
    for name, data in _files(folder).items():
        assert not opens(data, other), f"{name} opens with the {other!r} passphrase"
    assert fmt.parse_header(storage.vault_path(folder).read_bytes())
    return effect
