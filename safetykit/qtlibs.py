"""Before Qt starts: are the system libraries its platform plugin needs installed?

When a library that Qt's xcb or wayland plugin links to is missing, Qt prints a page
about plugins and aborts. This module looks first, without importing Qt: it reads the
plugin's ELF dynamic section (and those of the Qt libraries it pulls in from the
PySide6 wheel), finds each system library it needs in the dynamic linker's folders,
and, for any that is missing, names the Debian package that provides it, in one line.

Linux only; everywhere else, and whenever the check cannot tell (a frozen bundle, a
platform Qt names that has no plugin file here), it says nothing and lets Qt decide.
Run ``python -m safetykit.qtlibs [PLATFORM...]`` to check by hand (exit 1 if missing).
"""

from __future__ import annotations

import fnmatch
import importlib.util
import os
import struct
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from safetykit.text import N_, Text

# Every library that the xcb and wayland platform plugins of the PySide6 wheel link
# to, directly or through each other, and the Debian 12 package that ships it. A test
# (tests/test_qtlibs.py) checks this table against the installed plugins with ldd,
# and with dpkg where it runs on Debian. The Qt libraries and ICU come in the wheel.
DEBIAN_PACKAGES: dict[str, str] = {
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libc.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libm.so.6": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
    "libstdc++.so.6": "libstdc++6",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "liblzma.so.5": "liblzma5",
    "liblz4.so.1": "liblz4-1",
    "libbz2.so.1.0": "libbz2-1.0",
    "libcap.so.2": "libcap2",
    "libsystemd.so.0": "libsystemd0",
    "libgcrypt.so.20": "libgcrypt20",
    "libgpg-error.so.0": "libgpg-error0",
    "libffi.so.8": "libffi8",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libmd.so.0": "libmd0",
    "libbsd.so.0": "libbsd0",
    "libexpat.so.1": "libexpat1",
    "libpng16.so.16": "libpng16-16",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

# Platform name (as QT_QPA_PLATFORM spells it) -> plugin files, first found wins.
PLUGIN_FILES: dict[str, tuple[str, ...]] = {
    "xcb": ("libqxcb.so",),
    "wayland": ("libqwayland.so", "libqwayland-generic.so"),
    "wayland-egl": ("libqwayland.so", "libqwayland-egl.so"),
}

_DT_NEEDED = 1
_PT_LOAD = 1
_PT_DYNAMIC = 2
_DT_STRTAB = 5


class NotELF(ValueError):
    """The file is not a readable ELF shared object."""


def needed(path: Path) -> list[str]:
    """The DT_NEEDED names of an ELF file, in order (what ``readelf -d`` lists)."""
    with path.open("rb") as f:
        ident = f.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2):
            raise NotELF(path)
        wide = ident[4] == 2
        end = "<" if ident[5] == 1 else ">"
        header = f.read(48 if wide else 36)
        if wide:
            phoff, phentsize, phnum = (
                struct.unpack(end + "Q", header[16:24])[0],
                *struct.unpack(end + "HH", header[38:42]),
            )
        else:
            phoff, phentsize, phnum = (
                struct.unpack(end + "I", header[12:16])[0],
                *struct.unpack(end + "HH", header[26:30]),
            )
        f.seek(phoff)
        table = f.read(phentsize * phnum)
        loads: list[tuple[int, int, int]] = []  # (vaddr, offset, filesz)
        dynamic: tuple[int, int] | None = None
        for i in range(phnum):
            entry = table[i * phentsize : (i + 1) * phentsize]
            if wide:
                p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack(
                    end + "IIQQQQ", entry[:40]
                )
            else:
                p_type, p_offset, p_vaddr, _, p_filesz = struct.unpack(end + "IIIII", entry[:20])
            if p_type == _PT_LOAD:
                loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == _PT_DYNAMIC:
                dynamic = (p_offset, p_filesz)
        if dynamic is None:
            return []
        f.seek(dynamic[0])
        data = f.read(dynamic[1])
        size = 16 if wide else 8
        fmt = end + ("qQ" if wide else "iI")
        entries = [
            struct.unpack(fmt, data[i : i + size]) for i in range(0, len(data) - size + 1, size)
        ]
        strtab = next((value for tag, value in entries if tag == _DT_STRTAB), None)
        if strtab is None:
            raise NotELF(path)
        base = next((off + strtab - va for va, off, sz in loads if va <= strtab < va + sz), None)
        if base is None:
            raise NotELF(path)
        names = []
        for tag, value in entries:
            if tag == 0:
                break
            if tag == _DT_NEEDED:
                f.seek(base + value)
                raw = f.read(256)
                names.append(raw.split(b"\0", 1)[0].decode("ascii", "replace"))
        return names


def library_dirs() -> list[Path]:
    """The folders the dynamic linker searches: LD_LIBRARY_PATH, ld.so.conf, defaults."""
    dirs = [p for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p]
    dirs += _ld_so_conf(Path("/etc/ld.so.conf"), set())
    arch = getattr(sys.implementation, "_multiarch", None)  # e.g. x86_64-linux-gnu
    for prefix in ("/lib", "/usr/lib"):
        if arch:
            dirs.append(f"{prefix}/{arch}")
        dirs += [f"{prefix}64", prefix]
    seen: dict[str, None] = dict.fromkeys(dirs)
    return [Path(d) for d in seen]


def _ld_so_conf(conf: Path, seen: set[Path]) -> list[str]:
    if conf in seen:
        return []
    seen.add(conf)
    try:
        lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    dirs: list[str] = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line.startswith("include"):
            pattern = line.split(None, 1)[1] if " " in line or "\t" in line else ""
            if pattern and not pattern.startswith("/"):
                pattern = str(conf.parent / pattern)
            folder, _, wanted = pattern.rpartition("/")
            try:
                names = sorted(os.listdir(folder or "/"))
            except OSError:
                names = []
            for name in names:
                if fnmatch.fnmatchcase(name, wanted):
                    dirs += _ld_so_conf(Path(folder) / name, seen)
        elif line.startswith("/"):
            dirs.append(line)
    return dirs


def qt_dir() -> Path | None:
    """The ``Qt`` folder of the installed PySide6, found without importing it."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "Qt"
    return folder if folder.is_dir() else None


def plugin_file(platform: str, qt: Path) -> Path | None:
    folder = qt / "plugins" / "platforms"
    for name in PLUGIN_FILES.get(platform, (f"libq{platform}.so",)):
        if (folder / name).is_file():
            return folder / name
    return None


def system_libraries(plugin: Path, qt: Path) -> list[str]:
    """The system libraries ``plugin`` needs: its own and those of the Qt libraries it
    loads from the wheel (which are followed), in the order first met."""
    bundled = qt / "lib"
    found: dict[str, None] = {}
    todo, done = [plugin], set()
    while todo:
        elf = todo.pop(0)
        if elf in done:
            continue
        done.add(elf)
        for name in needed(elf):
            if (bundled / name).is_file():
                todo.append(bundled / name)
            else:
                found.setdefault(name)
    return list(found)


def missing(platform: str, dirs: Sequence[Path] | None = None) -> list[str] | None:
    """The libraries ``platform``'s plugin needs that are nowhere in ``dirs``; None if
    this cannot be known here (not Linux, no PySide6 folder, no such plugin file)."""
    if not sys.platform.startswith("linux"):
        return None
    qt = qt_dir()
    plugin = plugin_file(platform, qt) if qt else None
    if qt is None or plugin is None:
        return None
    search = [str(d) for d in (dirs if dirs is not None else library_dirs())]
    try:
        names = system_libraries(plugin, qt)
    except (OSError, NotELF, struct.error):
        return None
    return [n for n in names if not any(os.path.exists(f"{d}/{n}") for d in search)]


def platforms_to_try() -> list[str]:
    """The platforms Qt will try, in order, as QGuiApplication chooses them."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [p.split(":", 1)[0].strip() for p in chosen.split(";") if p.strip()]
    if os.environ.get("XDG_SESSION_TYPE") == "wayland" or os.environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def packages_for(libraries: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(DEBIAN_PACKAGES[n] for n in libraries if n in DEBIAN_PACKAGES))


def describe(platform: str, libraries: Sequence[str]) -> Text:
    """One line: what is missing and the Debian package(s) that bring it (worded in
    the reader's language when shown; the command and package names stay as they are)."""
    packages = packages_for(libraries)
    unknown = [n for n in libraries if n not in DEBIAN_PACKAGES]
    names = {
        "platform": platform,
        "libraries": ", ".join(libraries),
        "packages": " ".join(packages),
        "unknown": ", ".join(unknown),
    }
    if packages and not unknown:
        return Text.of(
            N_(
                "Qt's %(platform)s display plugin needs %(libraries)s, not installed here. "
                "On Debian or Ubuntu: sudo apt-get install %(packages)s"
            ),
            **names,
        )
    if packages:
        return Text.of(
            N_(
                "Qt's %(platform)s display plugin needs %(libraries)s, not installed here. "
                "On Debian or Ubuntu: sudo apt-get install %(packages)s (no known package "
                "for %(unknown)s: ask your distribution)"
            ),
            **names,
        )
    return Text.of(
        N_(
            "Qt's %(platform)s display plugin needs %(libraries)s, not installed here "
            "(no known package for %(unknown)s: ask your distribution)"
        ),
        **names,
    )


def check(
    platforms: Sequence[str] | None = None, dirs: Sequence[Path] | None = None
) -> Text | None:
    """None when Qt can start a platform plugin here (or this cannot tell); else one
    line naming what is missing for the first platform Qt would try."""
    first: tuple[str, list[str]] | None = None
    for platform in platforms if platforms is not None else platforms_to_try():
        lacking = missing(platform, dirs)
        if not lacking:
            return None  # Qt can use this one (or we cannot tell: let Qt decide)
        first = first or (platform, lacking)
    return describe(*first) if first else None


def main(argv: Sequence[str]) -> int:
    platforms = list(argv) or platforms_to_try()
    status = 0
    for platform in platforms:
        lacking = missing(platform)
        if lacking is None:
            print(f"{platform}: cannot check here (not Linux, or no such plugin)")
        elif lacking:
            print(f"{platform}: {describe(platform, lacking)}")  # a developer tool: English
            status = 1
        else:
            print(f"{platform}: every library its plugin needs is installed")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
