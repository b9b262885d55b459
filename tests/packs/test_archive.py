"""The deterministic archive writer and the safe reader."""

from __future__ import annotations

import io
import os
import stat
import time
import warnings
import zipfile
from pathlib import Path

import pytest

from safetykit.packs.archive import ReadStats, build_archive, read_archive, read_stream
from safetykit.packs.errors import PackError
from safetykit.packs.limits import Limits
from safetykit.packs.loader import read_pack_dir
from safetykit.packs.signing import build
from tests.packs.factory import base_files, encode, write_pack

FILES = {"MANIFEST": b"m\n", "pack.toml": b"format = 1\n", "checklists/01-a.toml": b"id = 1\n"}


def test_build_is_deterministic_and_in_the_documented_form(tmp_path: Path):
    first = write_pack(tmp_path / "one")
    time.sleep(0.01)
    second = write_pack(tmp_path / "two")
    # Timestamps, permissions and folder names do not matter.
    os.utime(second / "pack.toml", (0, 0))
    (second / "checklists" / "01-basics.toml").chmod(0o600)
    (second / "locales" / "es.po").chmod(0o755)
    a = build(read_pack_dir(first)[0], label="one")
    b = build(read_pack_dir(second)[0], label="two")
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert (
        names
        == sorted(names)
        == [
            "MANIFEST",
            "checklists/01-basics.toml",
            "checklists/02-more.toml",
            "locales/es.po",
            "pack.toml",
        ]
    )
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_STORED
        assert info.extra == b"" and info.comment == b""
        assert info.external_attr >> 16 == stat.S_IFREG | 0o644


def test_round_trip():
    assert read_archive(build_archive(FILES)) == FILES


def _zip(entries: list[tuple[zipfile.ZipInfo, bytes]] | list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(out, "w") as archive:
            for info, data in entries:
                archive.writestr(info, data)
    return out.getvalue()


def _info(name: str, mode: int = stat.S_IFREG | 0o644, method: int = zipfile.ZIP_STORED):
    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    info.external_attr = mode << 16
    info.compress_type = method
    info.create_system = 3
    return info


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../pack.toml", "escapes the pack folder"),
        ("checklists/../../x.toml", "escapes the pack folder"),
        ("/pack.toml", "has an absolute path"),
        ("C:/pack.toml", "has an absolute path"),
        ("checklists\\01-a.toml", "uses a backslash"),
        ("checklists//01-a.toml", "has a malformed name"),
        ("./pack.toml", "has a malformed name"),
        ("README.md", "is not part of the pack format"),
        ("locales/es.mo", "is not part of the pack format"),
        ("pack.toml\x01", "control characters"),
    ],
)
def test_unsafe_names_are_refused(name: str, message: str):
    data = build_archive({**FILES, name: b"x"})
    with pytest.raises(PackError, match=message.replace("(", r"\(")):
        read_archive(data)


def test_links_directories_and_duplicates_are_refused():
    link = _zip([(_info("pack.toml", stat.S_IFLNK | 0o777), b"/etc/passwd")])
    with pytest.raises(PackError, match=r"'pack.toml' is a link"):
        read_archive(link)
    fifo = _zip([(_info("pack.toml", stat.S_IFIFO | 0o644), b"")])
    with pytest.raises(PackError, match="is not a regular file"):
        read_archive(fifo)
    folder = _zip([(_info("checklists/", stat.S_IFDIR | 0o755), b"")])
    with pytest.raises(PackError, match="not built by 'safetykit pack build'"):
        read_archive(folder)
    twice = _zip([(_info("pack.toml"), b"a"), (_info("pack.toml"), b"b")])
    with pytest.raises(PackError, match="appears twice"):
        read_archive(twice)


def test_compressed_entries_are_refused_before_decompressing():
    # 10 MB of zeros deflate to about 10 kB: a ratio the reader must never expand.
    bomb = _zip([(_info("pack.toml", method=zipfile.ZIP_DEFLATED), bytes(10_000_000))])
    with pytest.raises(PackError, match=r"suspicious compression ratio|is compressed"):
        read_archive(bomb)
    with pytest.raises(PackError, match="larger than 1,000 bytes"):
        read_archive(bomb, Limits(max_file=1000))


def test_limits_are_checked_from_the_directory():
    many = build_archive({f"checklists/{n:02d}-x.toml": b"" for n in range(20)})
    with pytest.raises(PackError, match="more than 10 entries"):
        read_archive(many, Limits(max_entries=10))
    with pytest.raises(PackError, match=r"'checklists/00-x.toml' is larger"):
        read_archive(build_archive({"checklists/00-x.toml": bytes(101)}), Limits(max_file=100))
    with pytest.raises(PackError, match="content is larger than 150 bytes"):
        read_archive(
            build_archive({"checklists/00-x.toml": bytes(100), "pack.toml": bytes(100)}),
            Limits(max_total=150),
        )
    with pytest.raises(PackError, match="archive is larger than 100 bytes"):
        read_archive(bytes(101), Limits(max_archive=100))


def test_only_the_exact_form_is_accepted():
    # Python's zipfile with our settings writes the same bytes; change one setting.
    same = _zip([(_info(name), data) for name, data in sorted(FILES.items())])
    assert same == build_archive(FILES)
    for variant in (
        [(_info(name, stat.S_IFREG | 0o600), data) for name, data in sorted(FILES.items())],
        [(name, data) for name, data in sorted(FILES.items())],  # today's date
        [(_info(name), data) for name, data in sorted(FILES.items(), reverse=True)],
    ):
        with pytest.raises(PackError, match="not built by 'safetykit pack build'"):
            read_archive(_zip(variant))
    with pytest.raises(PackError, match="no zip end record"):
        read_archive(build_archive(FILES) + b"trailing")
    with pytest.raises(PackError, match="not a pack archive"):
        read_archive(b"")


def test_lying_sizes_are_caught():
    data = bytearray(build_archive({"pack.toml": b"format = 1\n"}))
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (5).to_bytes(4, "little")  # declared size: 5
    with pytest.raises(PackError, match="inconsistent sizes"):
        read_archive(bytes(data))


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.count = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.count += len(chunk)
        return chunk


def test_read_stream_reads_no_more_than_the_limit():
    stream = CountingStream(bytes(10_000))
    with pytest.raises(PackError):
        read_stream(stream, Limits(max_archive=1000))
    assert stream.count == 1001
    fine = CountingStream(build_archive(encode(base_files())))
    assert read_stream(fine) == fine.getvalue()


def _hostile() -> dict[str, bytes]:
    return {
        "dot-dot": _zip([(_info("../pack.toml"), b"x")]),
        "absolute": _zip([(_info("/pack.toml"), b"x")]),
        "backslash": _zip([(_info("checklists\\01-a.toml"), b"x")]),
        "link": _zip([(_info("pack.toml", stat.S_IFLNK | 0o777), b"/etc/passwd")]),
        "duplicate": _zip([(_info("pack.toml"), b"a"), (_info("pack.toml"), b"b")]),
        "too-many": build_archive({f"checklists/{n:02d}-x.toml": b"" for n in range(20)}),
        "too-large": build_archive({"pack.toml": bytes(2000)}),
        "too-much": build_archive({f"checklists/{n:02d}-x.toml": bytes(900) for n in range(5)}),
        "bomb": _zip([(_info("pack.toml", method=zipfile.ZIP_DEFLATED), bytes(1_000_000))]),
        "deflated": _zip([(_info("pack.toml", method=zipfile.ZIP_DEFLATED), b"format = 1\n")]),
    }


@pytest.mark.parametrize("case", sorted(_hostile()))
def test_unsafe_archives_are_refused_before_any_entry_is_read(case: str):
    """Every refusal the directory allows comes before a single entry byte is read."""
    stats = ReadStats()
    with pytest.raises(PackError, match=r"(?i)archive"):
        read_archive(_hostile()[case], Limits(max_entries=10, max_file=1000, max_total=4000), stats)
    assert stats.entry_bytes == 0
