"""Set up a development environment and run SafetyKit or its tests, on any OS.

    python3 packaging/bootstrap.py run [ARGS...]    install into .venv, start the app
    python3 packaging/bootstrap.py test [ARGS...]   install with test extras, run pytest
    python3 packaging/bootstrap.py setup            install with test extras only

It creates ``.venv`` at the top of the checkout the first time, installs the project
in editable mode (again only when pyproject.toml changed), then runs the command with
that environment's Python. Only the standard library is used here, so it works with
a bare Python 3.11+ on Linux, macOS and Windows.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    if sys.platform == "win32":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_installed(extras: str) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older Python
        sys.exit("SafetyKit needs Python 3.11 or newer")
    python = venv_python()
    if not python.exists():
        print("bootstrap: creating .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Reinstall only when the project's requirements changed.
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".safetykit-installed-{extras or 'app'}"
    if not stamp.exists() or stamp.read_text() != digest:
        print("bootstrap: installing SafetyKit and its dependencies", file=sys.stderr)
        target = f".[{extras}]" if extras else "."
        subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "-e", target], check=True, cwd=ROOT)
        stamp.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "setup"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        python = ensure_installed("")
        return subprocess.run([python, "-m", "safetykit", *rest], check=False).returncode
    python = ensure_installed("test")
    if command == "setup":
        return 0
    return subprocess.run([python, "-m", "pytest", *rest], check=False, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
