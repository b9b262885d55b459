"""``safetykit self-test``: an offline check of what this installation can do.

One line per check, ``ok`` or ``FAIL`` with the reason; exit 0 only if all pass. Each
capability adds its check to CHECKS.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from typing import TextIO

from safetykit import resources
from safetykit.plan.selfcheck import check_plan

Check = Callable[[], str]  # returns a short detail on success, raises on failure


def check_resources() -> str:
    found = [str(resources.data_dir(name)) for name in resources.DATA_FOLDERS]
    return f"{len(found)} data folders found"


def check_qt() -> str:
    """Start Qt in a child process, so a broken Qt install cannot take us down with it."""
    env = dict(os.environ)
    if not env.get("QT_QPA_PLATFORM") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    code = (
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication(['safetykit-self-test'])\n"
        "w = QMainWindow(); w.show(); app.processEvents()\n"
        "print(app.platformName())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"Qt did not start: {last}")
    return f"Qt starts ({done.stdout.strip()} platform)"


def check_vault() -> str:
    """Create a vault in a temporary folder at test strength, reopen it, compare content."""
    import tempfile
    from pathlib import Path

    from safetykit.vault import Vault
    from safetykit.vault.kdf import TEST_PARAMS, TEST_SCRYPT_PARAMS, argon2_available

    argon2 = argon2_available()
    with tempfile.TemporaryDirectory(prefix="safetykit-self-test-") as folder:
        path = Path(folder) / "vault"
        vault = Vault.create(
            path, "self-test passphrase", kdf_params=TEST_PARAMS if argon2 else TEST_SCRYPT_PARAMS
        )
        vault.data["settings"]["self-test"] = "ok ✓"
        vault.save()
        vault.lock()
        again = Vault.open(path, "self-test passphrase")
        if again.data["settings"].get("self-test") != "ok ✓" or again.generation != 2:
            raise RuntimeError("the reopened vault does not hold what was saved")
        again.lock()
    kdf = "Argon2id" if argon2 else "scrypt (no Argon2id here)"
    return f"vault created, saved and reopened ({kdf}, ChaCha20-Poly1305)"


def check_packs() -> str:
    """Load and validate every built-in pack, as the app does at start."""
    from safetykit.packs.catalog import builtin_packs

    packs = builtin_packs()
    if not packs:
        raise RuntimeError("no built-in packs found")
    items = sum(len(pack.items()) for pack in packs)
    return f"{len(packs)} built-in packs valid ({items} items)"


CHECKS: list[tuple[str, Check]] = [
    ("resources", check_resources),
    ("packs", check_packs),
    ("vault", check_vault),
    ("qt", check_qt),
    ("plan", check_plan),
]


def run(out: TextIO) -> int:
    failed = 0
    for name, check in CHECKS:
        try:
            detail = check()
        except Exception as error:  # a self-test reports every failure, whatever it is
            failed += 1
            print(f"FAIL  {name}: {error}", file=out)
        else:
            print(f"ok    {name}: {detail}", file=out)
    total = len(CHECKS)
    print(f"{total - failed} of {total} checks passed", file=out)
    return 0 if failed == 0 else 1
