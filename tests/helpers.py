"""Helpers for tests: run the command line, require external tools."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from safetykit.vault import Vault

REPO = Path(__file__).resolve().parent.parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_tool(name: str) -> str:
    """The path of tool ``name``; skip without it, or fail under CI=true (DESIGN §8)."""
    path = shutil.which(name)
    if path is None:
        message = f"the {name!r} tool is not installed"
        if in_ci():
            pytest.fail(f"{message} (CI=true: missing tools fail the run)")
        pytest.skip(message)
    return path


def run_cli(
    *args: str | os.PathLike[str],
    input: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m safetykit ARGS`` and capture its output as text."""
    full_env = dict(os.environ)
    full_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "safetykit", *map(str, args)],
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=cwd or REPO,
    )


def assert_clean_error(done: subprocess.CompletedProcess[str], code: int = 1) -> None:
    """A failure that exits ``code`` with one clear line and no traceback."""
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip(), "a failure must say why"


def make_vault(data_dir: Path, passphrase: str, **kw: Any) -> Vault:
    """Create a vault in-process at test strength (kdf.TEST_PARAMS) and return it unlocked.

    The writer lock is not held after creation, so the command line can save to it; if
    the test saves through the returned Vault, it should call ``lock()`` before running
    a command that writes.
    """
    from safetykit.vault import Vault
    from safetykit.vault.kdf import TEST_PARAMS

    kw.setdefault("kdf_params", TEST_PARAMS)
    return Vault.create(data_dir, passphrase, **kw)


def load_tool(name: str) -> ModuleType:
    """A script of ``packaging/`` as a module (the folder is not a package: its name
    would shadow the ``packaging`` library)."""
    path = REPO / "packaging" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"safetykit_tool_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
