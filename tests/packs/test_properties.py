"""Property tests: any input gives a pack or a PackError, never another exception,
and the archive reader never reads past its limits."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetykit.packs.archive import ReadStats, build_archive, read_archive
from safetykit.packs.errors import PackError
from safetykit.packs.limits import Limits
from safetykit.packs.loader import load_pack_files
from safetykit.packs.signing import load_verified, verify_archive
from safetykit.packs.trust import TrustedKey
from tests.packs.factory import base_files, encode, fixed_key, signed_archive

# 150 examples each keeps the suite quick; set SAFETYKIT_PACK_EXAMPLES for a long run.
EXAMPLES = int(os.environ.get("SAFETYKIT_PACK_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = encode(base_files())
ARCHIVE = signed_archive()
KEYS = [TrustedKey(fixed_key().public, "test")]
SMALL = Limits(max_archive=8192, max_entries=8, max_file=1024, max_total=3000)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few random byte edits: replace, insert, delete or splice."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["replace", "insert", "delete", "splice"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "replace" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete" and data:
            del data[at : at + draw(st.integers(1, 16))]
        else:
            start = draw(st.integers(0, max(len(original) - 1, 0)))
            data[at:at] = original[start : start + draw(st.integers(1, 64))]
    return bytes(data)


def _load(files: dict[str, bytes]) -> None:
    try:
        load_pack_files(files, label="p", locale="es")
    except PackError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


FILE_NAMES = sorted(BASE)


@FAST
@given(st.sampled_from(FILE_NAMES), st.data())
def test_mutated_pack_files_give_only_pack_errors(name: str, data: st.DataObject):
    files = dict(BASE)
    files[name] = data.draw(mutated(BASE[name]))
    _load(files)


@FAST
@given(st.sampled_from(FILE_NAMES), st.binary(max_size=400))
def test_random_bytes_give_only_pack_errors(name: str, junk: bytes):
    _load({**BASE, name: junk})


@FAST
@given(st.text(max_size=300))
def test_random_text_as_po_gives_only_pack_errors(text: str):
    _load({**BASE, "locales/es.po": text.encode("utf-8", "surrogatepass")})


def _open(data: bytes, limits: Limits) -> None:
    stats = ReadStats()
    try:
        files = read_archive(data, limits, stats)
    except PackError:
        pass
    else:
        assert sum(map(len, files.values())) <= limits.max_total
    # Bytes pulled out of entries never pass the limits by more than the one probe byte.
    assert stats.entry_bytes <= limits.max_total + 1
    assert stats.largest_entry <= limits.max_file + 1
    with contextlib.suppress(PackError):
        load_verified(verify_archive(data, KEYS), label="a")


@FAST
@given(mutated(ARCHIVE))
def test_mutated_archives_give_only_pack_errors(data: bytes):
    _open(data, SMALL)


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_as_archive_give_only_pack_errors(data: bytes):
    _open(data, SMALL)


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["pack.toml", "MANIFEST", "checklists/01-a.toml", "locales/es.po"]),
        st.binary(max_size=1500),
        max_size=4,
    ),
    st.data(),
)
def test_archives_of_random_files_respect_limits(files: dict[str, bytes], data: st.DataObject):
    _open(data.draw(mutated(build_archive(files))), SMALL)
