"""Every shared library the frozen app links to comes from the bundle or from Debian
packages that the README's run-only apt line installs (issue 16, point 4).

    python3 packaging/check-libraries.py [BUNDLE]     (default build/pyinstaller/dist/safetykit)

For each ELF file in the bundle, ``ldd`` resolves its libraries as the app's loader
does (the bundle's ``_internal`` folder first: PyInstaller's bootloader puts it on
the library path). A library is fine if it resolves inside the bundle, or to a file
that ``dpkg -S`` says belongs to a package the run-only line installs: one it names,
one of those packages' dependencies (recursively, as installed here), or one in every
Debian system (Priority: required). Anything else, or a library not found, is
printed with the binary that needs it, and the exit status is 1. Debian (dpkg) only;
CI runs it after the build (.ci/run, phase "frozen app").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "build" / "pyinstaller" / "dist" / "safetykit"
ELF_MAGIC = b"\x7fELF"


def run_line_packages(readme: Path = ROOT / "README.md") -> list[str]:
    done = subprocess.run(
        ["bash", str(ROOT / "packaging" / "readme-block.sh"), "apt-run", str(readme)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: list[str] = []
    for line in done.stdout.splitlines():
        words = line.split()
        if words[1:3] == ["apt-get", "install"]:
            found += [w for w in words[3:] if not w.startswith("-")]
    return found


def installed() -> tuple[dict[str, list[list[str]]], dict[str, set[str]], set[str]]:
    """Installed packages' dependencies (each a list of alternatives), what provides
    each virtual name, and the packages every Debian has (Priority: required)."""
    done = subprocess.run(
        [
            "dpkg-query",
            "-W",
            "-f",
            "${db:Status-Abbrev}\t${Package}\t${Priority}\t${Essential}\t"
            "${Pre-Depends}, ${Depends}\t${Provides}\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    depends: dict[str, list[list[str]]] = {}
    provides: dict[str, set[str]] = {}
    base: set[str] = set()
    for line in done.stdout.splitlines():
        status, name, priority, essential, deps, prov = (line.split("\t") + [""] * 6)[:6]
        if not status.startswith("ii"):
            continue
        depends[name] = [
            [re.split(r"[\s(:]", alt.strip(), maxsplit=1)[0] for alt in group.split("|")]
            for group in deps.split(",")
            if group.strip()
        ]
        for item in prov.split(","):
            if item.strip():
                provides.setdefault(re.split(r"[\s(]", item.strip(), maxsplit=1)[0], set()).add(
                    name
                )
        if priority == "required" or essential == "yes":
            base.add(name)
    return depends, provides, base


def closure(roots: list[str]) -> set[str]:
    """The packages ``roots`` bring (installed here), and every Debian's base."""
    depends, provides, base = installed()
    missing = [name for name in roots if name not in depends]
    if missing:
        raise SystemExit(f"check-libraries: not installed here: {' '.join(missing)}")
    seen: set[str] = set()
    todo = [*roots, *base]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for group in depends.get(name, []):
            for alt in group:
                for real in [alt, *sorted(provides.get(alt, ()))]:
                    if real in depends:
                        todo.append(real)
    return seen


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def resolved(binary: Path, library_path: str) -> dict[str, str]:
    """soname -> path (or "not found"), as ``ldd`` reports for ``binary``."""
    env = dict(os.environ, LD_LIBRARY_PATH=library_path)
    done = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, env=env)
    out: dict[str, str] = {}
    for line in done.stdout.splitlines():
        match = re.match(r"\s*(\S+)\s+=>\s+(.+?)\s*(\(0x[0-9a-f]+\))?$", line)
        if match:
            out[match[1]] = match[2]
        elif (match := re.match(r"\s*(/\S+/(ld-linux[^/\s]*))\s", line)) is not None:
            out[match[2]] = match[1]
    return out


def owners(paths: set[str]) -> dict[str, str]:
    """path -> Debian package, by ``dpkg -S`` (trying the /usr-merged twin as well)."""
    out: dict[str, str] = {}
    for path in sorted(paths):
        candidates = [path, str(Path(path).resolve())]
        for candidate in list(candidates):
            if candidate.startswith("/usr/lib/"):
                candidates.append(candidate[len("/usr") :])
            elif candidate.startswith("/lib/"):
                candidates.append("/usr" + candidate)
        for candidate in candidates:
            done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if done.returncode == 0 and done.stdout.strip():
                out[path] = done.stdout.split(":", 1)[0].strip()
                break
    return out


# The glibc the tarball promises (docs/packaging.md, "Supported systems"): Ubuntu
# 22.04's. Built on Debian 12 (2.36), nothing may need a newer symbol than this.
GLIBC_BASELINE = (2, 35)


def glibc_needed(binaries: list[Path]) -> tuple[int, ...]:
    """The newest GLIBC_x.y symbol version any of ``binaries`` needs (objdump -T)."""
    newest: tuple[int, ...] = (0,)
    for binary in binaries:
        done = subprocess.run(["objdump", "-T", str(binary)], capture_output=True, text=True)
        for match in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", done.stdout):
            newest = max(newest, tuple(int(n) for n in match.split(".")))
    return newest


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]).resolve() if argv else DEFAULT_BUNDLE
    internal = bundle / "_internal"
    if not internal.is_dir():
        print(f"check-libraries: no frozen app in {bundle} (build it first)", file=sys.stderr)
        return 2
    run = run_line_packages()
    allowed = closure(run)
    problems: list[str] = []
    outside: dict[str, list[str]] = {}
    binaries = elf_files(bundle)
    for binary in binaries:
        for soname, path in resolved(binary, str(internal)).items():
            where = binary.relative_to(bundle)
            if path == "not found":
                problems.append(f"{where}: {soname} not found")
            elif not Path(path).resolve().is_relative_to(bundle):
                outside.setdefault(path, []).append(str(where))
    found = owners(set(outside))
    packages: set[str] = set()
    for path, needed_by in sorted(outside.items()):
        package = found.get(path)
        if package is None:
            problems.append(f"{path} (needed by {needed_by[0]}) belongs to no Debian package")
        elif package not in allowed:
            problems.append(
                f"{path} (needed by {needed_by[0]}) is in {package}, which the README's "
                "run-only apt line does not install"
            )
        else:
            packages.add(package)
    glibc = glibc_needed(binaries)
    if glibc > GLIBC_BASELINE:
        problems.append(
            f"a binary needs glibc {'.'.join(map(str, glibc))}, newer than the stated "
            f"baseline {'.'.join(map(str, GLIBC_BASELINE))}"
        )
    for line in problems:
        print(f"check-libraries: {line}", file=sys.stderr)
    named = sorted(packages & set(run))
    print(
        f"check-libraries: {len(binaries)} binaries; {len(outside)} system libraries from "
        f"{len(packages)} Debian packages ({len(named)} named in the run-only line, the "
        f"rest their dependencies or in every Debian); newest glibc symbol needed: "
        f"{'.'.join(map(str, glibc))}; {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
