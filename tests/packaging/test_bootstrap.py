"""packaging/bootstrap.py repairs or rebuilds a .venv that cannot work (issue 10 point 1).

Each test copies bootstrap.py into a small project in a temporary folder and makes a
real .venv there with the running Python: half made (no pip), an install interrupted
by Ctrl-C, one made by another Python or whose Python is gone, a moved checkout.
Offline and quick: the project has no dependencies and builds with a backend of its
own (PEP 517 backend-path, no build requirements), and pip is told not to use an
index. Each case costs a venv or two (a few seconds each), so the module is "slow".
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

PYPROJECT = """\
[build-system]
requires = []
build-backend = "backend"
backend-path = ["."]

[project]
name = "safetykit"
version = "0.0.1"

[project.optional-dependencies]
test = []
"""

# A PEP 660 backend: the editable wheel is a .pth naming the project folder, and the
# console script `safetykit`. It sleeps while a file SLOW exists (to be interrupted).
BACKEND = """\
import base64, hashlib, os, time, zipfile

NAME, VERSION = "safetykit", "0.0.1"
DIST = f"{NAME}-{VERSION}.dist-info"

def get_requires_for_build_editable(config_settings=None):
    return []

def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    while os.path.exists("SLOW"):
        time.sleep(0.1)
    files = {
        f"_{NAME}_editable.pth": os.path.abspath(".") + "\\n",
        f"{DIST}/METADATA": f"Metadata-Version: 2.1\\nName: {NAME}\\nVersion: {VERSION}\\n"
        "Provides-Extra: test\\n",
        f"{DIST}/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\n"
        "Tag: py3-none-any\\n",
        f"{DIST}/entry_points.txt": "[console_scripts]\\nsafetykit = safetykit.cli:main\\n",
    }
    name = f"{NAME}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as wheel:
        record = []
        for path, text in files.items():
            data = text.encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append(f"{path},sha256={digest.decode()},{len(data)}")
            wheel.writestr(path, data)
        record.append(f"{DIST}/RECORD,,")
        wheel.writestr(f"{DIST}/RECORD", "\\n".join(record) + "\\n")
    return name
"""

CLI = """\
import sys

def main():
    print("fake app from", sys.prefix)
    return 0
"""


def project(where: Path) -> Path:
    (where / "packaging").mkdir(parents=True)
    shutil.copy(REPO / "packaging" / "bootstrap.py", where / "packaging" / "bootstrap.py")
    (where / "pyproject.toml").write_text(PYPROJECT)
    (where / "backend.py").write_text(BACKEND)
    (where / "safetykit").mkdir()
    (where / "safetykit" / "__init__.py").write_text("")
    (where / "safetykit" / "cli.py").write_text(CLI)
    (where / "safetykit" / "__main__.py").write_text("from safetykit.cli import main\nmain()\n")
    return where


def env() -> dict[str, str]:
    values = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    for name in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_INDEX_URL", "PYTHONHOME"):
        values.pop(name, None)
    return values


def bootstrap(where: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(where / "packaging" / "bootstrap.py"), *args],
        capture_output=True,
        text=True,
        env=env(),
        cwd=where,
        timeout=170,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


def runs_from(where: Path) -> None:
    """The app command runs with the .venv of ``where``, and so does its script."""
    out = ok(bootstrap(where, "run"))
    assert f"fake app from {where / '.venv'}" in out, out
    script = where / ".venv" / "bin" / "safetykit"
    done = subprocess.run([script], capture_output=True, text=True, env=env(), timeout=60)
    assert done.stdout.strip() == f"fake app from {where / '.venv'}", done


def test_half_made_venv_without_pip_is_repaired(tmp_path: Path) -> None:
    import venv

    where = project(tmp_path / "p")
    venv.EnvBuilder(with_pip=False).create(where / ".venv")  # what a failed ensurepip leaves
    out = ok(bootstrap(where, "setup"))
    assert "has no pip (it was left half made): adding it" in out, out
    runs_from(where)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A project set up once at a fixed place, a copy of it to restore from, and what
    its first setup printed."""
    base = tmp_path_factory.mktemp("ready")
    where = project(base / "p")
    out = ok(bootstrap(where, "setup"))
    shutil.copytree(where, base / "pristine", symlinks=True)
    return where, base / "pristine", out


@pytest.fixture
def ready(pristine: tuple[Path, Path, str]) -> Path:
    """The set-up project, as it was right after its setup (a venv costs seconds)."""
    where, copy, _ = pristine
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(copy, where, symlinks=True)
    assert "bootstrap:" not in ok(bootstrap(where, "setup"))  # ready: nothing to do
    return where


def test_first_setup_shows_its_steps_and_pips_progress_then_is_quiet(
    pristine: tuple[Path, Path, str],
) -> None:
    where, _, out = pristine
    assert "bootstrap: creating .venv" in out
    assert "bootstrap: [1/2] updating pip" in out and "bootstrap: [2/2] installing" in out
    assert "Successfully installed safetykit" in out  # pip's own lines: not -q
    runs_from(where)
    again = ok(bootstrap(where, "setup"))
    assert "bootstrap:" not in again, again  # nothing to do


def test_interrupted_install_is_finished_next_time(ready: Path) -> None:
    where = ready
    with (where / "pyproject.toml").open("a") as f:
        f.write("# changed: the next run reinstalls\n")
    (where / "SLOW").write_text("")
    proc = subprocess.Popen(
        [sys.executable, str(where / "packaging" / "bootstrap.py"), "setup"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env(),
        cwd=where,
        start_new_session=True,
    )
    marker = where / ".venv" / ".safetykit-installing"
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.exists(), "the install never started"
    time.sleep(2)  # into pip's build of the project
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, out
    assert out.rstrip().endswith("bootstrap: interrupted; run the same command again to finish")
    assert "Traceback" not in out.split("bootstrap: [2/2]")[0]  # ours: none
    assert marker.exists()
    (where / "SLOW").unlink()
    out = ok(bootstrap(where, "setup"))
    assert "the last install was interrupted: finishing it" in out, out
    assert not marker.exists()
    runs_from(where)


def test_venv_from_another_python_is_made_again(ready: Path) -> None:
    where = ready
    cfg = where / ".venv" / "pyvenv.cfg"
    cfg.write_text(
        "".join(
            "version = 3.99.0\n" if line.startswith("version") else line
            for line in cfg.read_text().splitlines(keepends=True)
        )
    )
    out = ok(bootstrap(where, "setup"))
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert f"it was made by Python 3.99, and this is Python {running}" in out, out
    runs_from(where)


def load_copy(where: Path) -> Any:
    """The project's copy of bootstrap.py as a module (ROOT is that project)."""
    spec = importlib.util.spec_from_file_location(
        "bootstrap_copy", where / "packaging" / "bootstrap.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_why_a_venv_must_be_made_again(ready: Path, tmp_path: Path) -> None:
    """Each reason is found on a real venv; making it again is the same code for all
    (run end to end by the tests of another Python and a moved checkout)."""
    boot = load_copy(ready)
    assert boot.problem() is None
    python = ready / ".venv" / "bin" / "python"
    kept = python.with_name("python.kept")
    python.rename(kept)
    # The Python it was made from has been removed: its interpreter cannot start.
    python.symlink_to(tmp_path / "removed-python" / "bin" / "python3")
    assert boot.problem() == (
        "its Python no longer starts (the Python that made it was moved or removed)"
    )
    python.unlink()
    assert boot.problem() == "it was left half made"  # interrupted before its Python
    kept.rename(python)
    assert boot.problem() is None
    (ready / ".venv" / "pyvenv.cfg").unlink()
    assert boot.problem() == "it was left half made"


def test_moved_checkout_gets_a_new_venv(ready: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    ready.rename(new)
    out = ok(bootstrap(new, "setup"))
    assert "it belongs to the checkout's old location (the folder was moved)" in out, out
    runs_from(new)


def test_a_folder_that_is_not_a_venv_is_left_alone(tmp_path: Path) -> None:
    where = project(tmp_path / "p")
    (where / ".venv").mkdir()
    (where / ".venv" / "my-notes.txt").write_text("not a venv")
    done = bootstrap(where, "setup")
    assert done.returncode == 1, done.stderr
    assert "is not a virtual environment; move it away" in done.stderr
    assert "Traceback" not in done.stderr
    assert (where / ".venv" / "my-notes.txt").exists()


def test_without_ensurepip_one_line_names_python3_venv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Debian and Ubuntu without python3-venv: one line, and no half-made .venv."""
    where = project(tmp_path / "p")
    boot = load_copy(where)
    monkeypatch.setattr(boot, "has_ensurepip", lambda: False)
    assert boot.main(["setup"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"bootstrap: {boot.no_ensurepip()}"]
    assert "sudo apt-get install python3-venv" in err[0]
    assert not (where / ".venv").exists()
