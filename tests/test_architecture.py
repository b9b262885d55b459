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


# Exactly these may import Qt: the desktop app, and the headless PDF writer that the
# command line and the app share. Anything else that does fails below.
QT_ALLOWED_PACKAGES = ("safetykit.app",)
QT_ALLOWED_MODULES = {"safetykit.qtprint"}
# Exactly these may import the app: the app itself and the command-line entry.
APP_IMPORTERS = {"safetykit.cli"}


def _may_import_qt(module: str) -> bool:
    return module in QT_ALLOWED_MODULES or any(
        module == pkg or module.startswith(pkg + ".") for pkg in QT_ALLOWED_PACKAGES
    )


ALL_MODULES = sorted(
    _module_name(path) for path in PACKAGE.rglob("*.py") if path.name != "__main__.py"
)
CORE_MODULES = [name for name in ALL_MODULES if not _may_import_qt(name)]
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


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at the top or inside functions (lazy ones count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_only_the_named_modules_import_qt(path: Path) -> None:
    module = _module_name(path)
    qt = [n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6")]
    if not _may_import_qt(module):
        assert not qt, f"{module} imports {qt}; only {QT_ALLOWED_MODULES} and app/ may"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_only_the_command_line_imports_the_app(path: Path) -> None:
    module = _module_name(path)
    if module.startswith("safetykit.app") or module in APP_IMPORTERS:
        return
    app = [n for n in _imports(path) if n == "safetykit.app" or n.startswith("safetykit.app.")]
    assert not app, f"{module} imports {app}; only {APP_IMPORTERS} and app/ may"


# The PDF writer is asked for by the layers that want a PDF, never by a core package.
QTPRINT_IMPORTERS = {"safetykit.commands.plan"}


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_core_package_imports_the_pdf_writer(path: Path) -> None:
    module = _module_name(path)
    if module.startswith("safetykit.app") or module in QTPRINT_IMPORTERS:
        return
    assert "safetykit.qtprint" not in _imports(path), f"{module} imports the PDF writer"


def test_the_allowed_lists_name_real_modules() -> None:
    """A renamed module must not leave the allow-lists pointing at nothing."""
    for name in QT_ALLOWED_MODULES | APP_IMPORTERS | QTPRINT_IMPORTERS:
        assert name in ALL_MODULES, name
    assert "safetykit.qtprint" not in CORE_MODULES
    assert "safetykit.app.main_window" in ALL_MODULES


def test_the_checks_catch_a_lazy_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f():\n    from PySide6 import QtGui\n    import safetykit.app.main_window\n"
    )
    names = _imports(bad)
    assert "PySide6" in names
    assert "safetykit.app.main_window" in names
