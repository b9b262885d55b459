"""Set up a development environment and run SafetyKit or its tests, on any OS.

    python3 packaging/bootstrap.py run [ARGS...]    install into .venv, start the app
    python3 packaging/bootstrap.py test [ARGS...]   install with test extras, run pytest
    python3 packaging/bootstrap.py setup            install with test extras only

It creates ``.venv`` at the top of the checkout the first time, installs the project
in editable mode (again only when pyproject.toml changed), then runs the command with
that environment's Python. Only the standard library is used here, so it works with
a bare Python 3.11+ on Linux, macOS and Windows.

A ``.venv`` that cannot work is repaired or made again, with one line saying why:
one left half made (no pip), an install that was interrupted, one made by another
Python (or whose Python is gone), one that belongs to a checkout that has since been
moved. pip's own progress shows while it downloads.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
# Written before pip starts and removed when it has finished: if it is still there,
# the last install was interrupted.
INSTALLING = ".safetykit-installing"


class BootstrapError(Exception):
    """A problem the user can fix; its message says how."""


def say(message: str) -> None:
    print(f"bootstrap: {message}", file=sys.stderr, flush=True)


def bin_dir(env: Path = VENV) -> Path:
    return env / ("Scripts" if sys.platform == "win32" else "bin")


def venv_python(env: Path = VENV) -> Path:
    return bin_dir(env) / ("python.exe" if sys.platform == "win32" else "python")


def read_cfg(env: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    try:
        text = (env / "pyvenv.cfg").read_text(encoding="utf-8")
    except OSError:
        return values
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip().lower()] = value.strip()
    return values


def probe(python: Path) -> str | None:
    """``"pip"`` if ``python`` starts and has pip, ``"no pip"`` if it starts without,
    None if it does not start."""
    try:
        done = subprocess.run(
            [python, "-c", "import importlib.util as u; print(u.find_spec('pip') is not None)"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return "pip" if done.stdout.strip() == "True" else "no pip"


def problem(env: Path = VENV) -> str | None:
    """Why ``env`` cannot be used as it is and must be made again, or None."""
    cfg = read_cfg(env)
    python = venv_python(env)
    if not cfg or not (python.exists() or python.is_symlink()):
        return "it was left half made"
    made_by = ".".join(cfg.get("version", cfg.get("version_info", "")).split(".")[:2])
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    if made_by != running:
        return f"it was made by Python {made_by or '(unknown)'}, and this is Python {running}"
    if moved(env):
        return "it belongs to the checkout's old location (the folder was moved)"
    if probe(python) is None:
        return "its Python no longer starts (the Python that made it was moved or removed)"
    return None


def moved(env: Path) -> bool:
    """Whether the scripts in ``env`` still point at another folder's environment."""
    for script in sorted(bin_dir(env).glob("pip*")):
        try:
            first = script.read_bytes()[:512].split(b"\n", 1)[0]
        except OSError:
            continue
        if first.startswith(b"#!") and b"python" in first:
            target = first[2:].strip().strip(b'"').decode(errors="replace")
            try:
                return Path(target).parent.resolve() != bin_dir(env).resolve()
            except OSError:
                return True
    return False


def remove(env: Path) -> None:
    """Delete a broken environment, but only one that is a virtual environment."""
    if not env.exists():
        return
    if env.is_symlink() or not env.is_dir():
        raise BootstrapError(f"{env} is not a folder made by this script; move it away")
    made_by_venv = {"pyvenv.cfg", "bin", "Scripts", "lib", "lib64", "include", INSTALLING}
    foreign = any(p.name not in made_by_venv for p in env.iterdir())
    if foreign and not (env / "pyvenv.cfg").exists():
        raise BootstrapError(f"{env} is not a virtual environment; move it away")
    shutil.rmtree(env)


def create(env: Path) -> None:
    # Debian and Ubuntu ship ensurepip apart (python3-venv); without it venv would
    # leave a .venv without pip and print a page. Say it in one line, make nothing.
    if not has_ensurepip():
        raise BootstrapError(no_ensurepip())
    say(f"creating {env.name}")
    try:
        venv.EnvBuilder(with_pip=True).create(env)
    except (subprocess.CalledProcessError, SystemExit) as error:  # ensurepip failed
        raise BootstrapError(no_ensurepip()) from error


def has_ensurepip() -> bool:
    return importlib.util.find_spec("ensurepip") is not None


def no_ensurepip() -> str:
    return (
        "this Python cannot install pip into a virtual environment (no ensurepip). "
        "On Debian or Ubuntu: sudo apt-get install python3-venv, then run this again"
    )


def ensure_env() -> Path:
    """A working ``.venv`` with pip: made, repaired or made again as needed."""
    why = problem(VENV) if VENV.exists() else None
    if why:
        say(f"making .venv again: {why}")
        remove(VENV)
    if not VENV.exists():
        create(VENV)
    python = venv_python(VENV)
    if probe(python) != "pip":
        say(".venv has no pip (it was left half made): adding it")
        done = subprocess.run(
            [python, "-m", "ensurepip", "--upgrade", "--default-pip"],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0 or probe(python) != "pip":
            raise BootstrapError(no_ensurepip())
    return python


def ensure_installed(extras: str) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older Python
        raise BootstrapError("SafetyKit needs Python 3.11 or newer")
    python = ensure_env()
    # Reinstall only when the project's requirements (or the checkout's place) changed.
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + extras.encode() + str(ROOT).encode()
    ).hexdigest()
    stamp = VENV / f".safetykit-installed-{extras or 'app'}"
    marker = VENV / INSTALLING
    interrupted = marker.exists()
    if interrupted or not stamp.exists() or stamp.read_text() != digest:
        if interrupted:
            say("the last install was interrupted: finishing it")
        marker.write_text("")
        target = f".[{extras}]" if extras else "."
        say("[1/2] updating pip")
        pip(python, "install", "--upgrade", "pip")
        what, size = ("SafetyKit and its test tools", 130) if extras else ("SafetyKit", 100)
        say(f"[2/2] installing {what} (the first time, about {size} MB are downloaded)")
        pip(python, "install", "-e", target)
        if interrupted:
            pip(python, "check")
        stamp.write_text(digest)
        marker.unlink()
    return python


def pip(python: Path, *args: str) -> None:
    # Not -q: pip's progress bars (on a terminal) and its "Downloading" lines are the
    # only sign of life during a download of 100 MB on a slow line.
    done = subprocess.run(
        [python, "-m", "pip", "--disable-pip-version-check", *args], cwd=ROOT, check=False
    )
    if done.returncode != 0:
        raise BootstrapError(
            f"pip {args[0]} failed (see above); fix the cause, then run the same command again"
        )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "setup"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    try:
        python = ensure_installed("" if command == "run" else "test")
    except BootstrapError as error:
        say(str(error))
        return 1
    except KeyboardInterrupt:
        say("interrupted; run the same command again to finish")
        return 130
    if command != "run" and (ROOT / "packaging" / "test_assets.py").is_file():
        # axe-core for the plan's accessibility test (npm; fetched once, sha512-pinned).
        done = subprocess.run([python, ROOT / "packaging" / "test_assets.py"], check=False)
        if done.returncode != 0:
            say("could not fetch the test assets (see above); that test will say so")
    if command == "setup":
        return 0
    if command == "run":
        args, cwd = [python, "-m", "safetykit", *rest], None
    else:
        args, cwd = [python, "-m", "pytest", *rest], ROOT
    try:
        return subprocess.run(args, check=False, cwd=cwd).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    os.environ.pop("PYTHONHOME", None)  # it would point .venv's Python at another one
    sys.exit(main(sys.argv[1:]))
