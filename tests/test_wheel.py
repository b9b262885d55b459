"""The wheel carries everything: install it in a fresh venv and run it from there.

Offline, like every test: the wheel is built without build isolation (hatchling comes
with the test extras) and installed without its dependencies, which the fresh venv
borrows from the test environment's site-packages (a .pth line, after its own).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import GUARD_DIR
from tests.helpers import REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]  # a build and a venv


def _run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=900, **kwargs
    )  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, REPO],
        cwd=REPO,
    )
    (found,) = out.glob("safetykit-*.whl")
    return found


def test_wheel_contains_data_folders(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "safetykit/_data/checklists/core/pack.toml" in names
    assert "safetykit/_data/ui/style.qss" in names
    assert "safetykit/_data/translations/ar.po" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def test_installed_wheel_runs_from_its_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    _run([python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel])
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    deps = Path(sysconfig.get_paths()["purelib"])  # the dependencies, already installed
    (Path(site.stdout.strip()) / "zz-test-dependencies.pth").write_text(f"{deps}\n")

    # Run from a folder outside the checkout so nothing can be found there by accident.
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    clean_env["PYTHONPATH"] = str(GUARD_DIR)  # the network guard only, not the checkout
    clean_env["QT_QPA_PLATFORM"] = "offscreen"
    where = _run(
        [python, "-c", "import safetykit; print(safetykit.__file__)"], cwd=tmp_path, env=clean_env
    )
    location = Path(where.stdout.strip()).resolve()
    assert location.is_relative_to(env_dir.resolve()), location
    assert not location.is_relative_to(REPO.resolve())

    script = bin_dir / ("safetykit.exe" if os.name == "nt" else "safetykit")
    helped = _run([script, "--help"], cwd=tmp_path, env=clean_env)
    assert "usage: safetykit" in helped.stdout
    tested = _run([script, "self-test"], cwd=tmp_path, env=clean_env)
    assert "FAIL" not in tested.stdout
    assert "checks passed" in tested.stdout
    assert str(REPO) not in tested.stdout
