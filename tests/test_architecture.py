"""Rules that keep the house simple (DESIGN §3): a Qt-free core, no network code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "safetykit"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


CORE_MODULES = sorted(
    _module_name(path)
    for path in PACKAGE.rglob("*.py")
    if "app" not in path.relative_to(PACKAGE).parts[:1] and path.name != "__main__.py"
)
ALL_FILES = sorted(PACKAGE.rglob("*.py"))


def test_core_modules_were_found() -> None:
    assert "safetykit.cli" in CORE_MODULES
    assert "safetykit.packs.model" in CORE_MODULES
    assert not any(name.startswith("safetykit.app") for name in CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_qt(module: str) -> None:
    probe = (
        f"import sys, importlib\nimportlib.import_module({module!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"{module} pulled in {done.stdout.strip()}"


NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "telnetlib",
    "xmlrpc",
    "asyncio",
    "socketserver",
    "webbrowser",
}
QT_NETWORK = {"PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets"}


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_network_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            assert name.split(".")[0] not in NETWORK_MODULES, f"{path}: imports {name}"
            assert name not in QT_NETWORK, f"{path}: imports {name}"


def test_core_never_imports_qt_even_lazily() -> None:
    """Imports inside functions count too: only safetykit/app/ may touch Qt."""
    for path in ALL_FILES:
        if path.relative_to(PACKAGE).parts[0] == "app":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ("PySide6", "shiboken6"), f"{path}: {name}"
