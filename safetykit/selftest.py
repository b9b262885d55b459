"""``safetykit self-test``: an offline check of what this installation can do.

One line per check, ``ok`` or ``FAIL`` with the reason; exit 0 only if all pass. Each
capability adds its check to CHECKS. The same checks run in the frozen app (CI runs
them there), so each one covers what a freezer can leave out: data files, catalogs,
Babel's locale data, package metadata, Qt's plugins.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from typing import TextIO

from safetykit import resources
from safetykit.frozen import safetykit_command
from safetykit.plan.selfcheck import check_plan

Check = Callable[[], str]  # returns a short detail on success, raises on failure


def check_resources() -> str:
    found = [str(resources.data_dir(name)) for name in resources.DATA_FOLDERS]
    return f"{len(found)} data folders found"


def _probe(kind: str, *extra: str) -> str:
    """Run ``safetykit self-test --probe KIND`` (safetykit/app/probe.py) in a child on
    the offscreen platform unless a display is there; its one line of output."""
    env = dict(os.environ)
    if not env.get("QT_QPA_PLATFORM") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [*safetykit_command(), "self-test", "--probe", kind, *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or lines or ["no output"])[-1]
        raise RuntimeError(f"Qt did not start: {last}")
    return lines[-1]


def check_qt() -> str:
    """Qt starts and shows a window, and has its own catalogs for every language."""
    fields = dict(part.split("=", 1) for part in _probe("qt").split())
    if fields.get("missing_qt_catalogs"):
        raise RuntimeError(f"Qt's catalogs missing for: {fields['missing_qt_catalogs']}")
    return f"Qt starts ({fields.get('platform', '?')} platform), Qt catalogs for every language"


def check_window() -> str:
    """The app itself starts (on a new data folder) and shows its first window."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="safetykit-self-test-") as folder:
        line = _probe("window", "--data-dir", folder)
    if not line.startswith("window=") or line == "window=none":
        raise RuntimeError(f"no window was shown ({line})")
    return f"the first window opens ({line.split('=', 1)[1]})"


def check_translations() -> str:
    """Every interface catalog compiles and translates; Babel has each one's locale data."""
    from babel import Locale
    from babel.dates import format_date

    from safetykit import i18n

    languages = [lang for lang in i18n.available_languages() if lang != i18n.SOURCE_LANGUAGE]
    if not languages:
        raise RuntimeError("no interface catalogs found")
    for lang in languages:
        catalog = i18n.translations(lang)
        if catalog.gettext("About SafetyKit") == "About SafetyKit":
            raise RuntimeError(f"the {lang} catalog translates nothing")
        Locale.parse(lang)  # Babel's locale data: raises if it is not in this installation
        format_date(dt.date(2026, 1, 31), format="long", locale=lang)
    return f"{len(languages)} interface catalogs, with Babel's locale data: {', '.join(languages)}"


# The keyring backends SafetyKit can use on each system (safetykit/vault/keychain.py).
PLATFORM_BACKENDS = {
    "linux": ("keyring.backends.SecretService", "keyring.backends.kwallet"),
    "darwin": ("keyring.backends.macOS",),
    "win32": ("keyring.backends.Windows",),
}


def check_keychain_backends() -> str:
    """keyring finds its backends through package metadata (entry points), which a
    frozen app must carry; this system's backends load. Whether a keychain is
    running and unlocked now is the user's business, not the installation's."""
    import importlib
    import importlib.metadata

    found = {e.value for e in importlib.metadata.entry_points(group="keyring.backends")}
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    wanted = PLATFORM_BACKENDS.get(platform, ())
    missing = [name for name in wanted if name not in found]
    if missing:
        raise RuntimeError(f"keyring does not find {', '.join(missing)} (package metadata)")
    for name in wanted:
        importlib.import_module(name)
    short = ", ".join(name.rsplit(".", 1)[1] for name in wanted)
    return f"keyring finds {len(found)} backends; this system's load ({short})"


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


def check_organisation() -> str:
    """An organisation's build: its file, keys and packs load (a damaged one fails)."""
    from safetykit import org
    from safetykit.packs.catalog import org_packs
    from safetykit.packs.trust import org_keys

    organisation = org.current()
    if organisation is None:
        return "none (a plain SafetyKit, no organisation's data)"
    packs, keys = org_packs(), org_keys()
    return (
        f"{organisation.name}: {len(packs)} packs, {len(keys)} keys, "
        f"{len(organisation.helplines)} helplines"
    )


CHECKS: list[tuple[str, Check]] = [
    ("resources", check_resources),
    ("packs", check_packs),
    ("organisation", check_organisation),
    ("translations", check_translations),
    ("keychain", check_keychain_backends),
    ("vault", check_vault),
    ("qt", check_qt),
    ("window", check_window),
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
