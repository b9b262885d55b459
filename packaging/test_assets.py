"""Test assets that do not come from PyPI: axe-core, the accessibility engine the plan
tests run in headless Chromium (tests/plan/test_plan_accessibility.py).

    .venv/bin/python packaging/test_assets.py

``bootstrap.py setup`` and ``test`` run it. It takes one pinned release of the npm
package with the npm client, checks the tarball against the sha512 the registry
publishes for that release (pinned here, so a changed tarball is refused), and keeps
only ``axe.min.js`` inside the virtual environment. Nothing is fetched when the file is
there already; the tests themselves never reach the network.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

AXE_VERSION = "4.11.0"
# `npm view axe-core@4.11.0 dist.integrity`
AXE_INTEGRITY = (
    "sha512-ilYanEU8vxxBexpJd8cWM4ElSQq4QctCLKih0TSfjIfCQTeyH/"
    "6zVrmIJfLPrKTKJRbiG+cfnZbQIjAlJmF1jQ=="
)


def axe_path(prefix: Path | None = None) -> Path:
    """Where axe.min.js lives in the environment (``sys.prefix`` by default)."""
    base = Path(prefix if prefix is not None else sys.prefix)
    return base / "share" / "safetykit-tests" / f"axe-core-{AXE_VERSION}" / "axe.min.js"


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def extract_axe(tarball: bytes) -> bytes:
    """``axe.min.js`` from the package tarball, after checking the tarball's digest."""
    if integrity(tarball) != AXE_INTEGRITY:
        raise SystemExit(
            f"axe-core {AXE_VERSION}: the tarball's sha512 is not the published one; refused"
        )
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        if member is None:
            raise SystemExit(f"axe-core {AXE_VERSION}: no package/axe.min.js in the tarball")
        script = member.read()
    if f"axe v{AXE_VERSION}".encode() not in script[:400]:
        raise SystemExit(f"axe-core {AXE_VERSION}: axe.min.js names another version")
    return script


def fetch(prefix: Path | None = None) -> Path:
    target = axe_path(prefix)
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed once to fetch axe-core for the plan's accessibility test")
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", folder, "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=folder,
            check=False,
        )
        tarballs = list(Path(folder).glob("axe-core-*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            raise SystemExit(f"npm pack axe-core@{AXE_VERSION} failed: {done.stderr[-500:]}")
        script = extract_axe(tarballs[0].read_bytes())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(script)
    partial.replace(target)
    return target


if __name__ == "__main__":
    print(fetch())
