"""A small valid pack for tests, and helpers to write variants of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from safetykit.packs.archive import MANIFEST, SIGNATURE, build_archive
from safetykit.packs.errors import Problem
from safetykit.packs.loader import analyse, read_pack_dir
from safetykit.packs.manifest import make_manifest
from safetykit.packs.minisign import CANONICAL_UNTRUSTED_COMMENT, SecretKey
from safetykit.packs.signing import build, trusted_comment

TODAY = dt.date(2026, 11, 28)

PACK_TOML = """\
format = 1
id = "org.example.test"
version = 2
source_locale = "en"
name = "Test pack"
publisher = "Test publisher"
license = "CC-BY-SA-4.0"
reviewed = 2026-11-01
min_app = "0.1.0"

[[profile]]
id = "travel"
text = "Do you cross borders?"
kind = "yes_no"

[[profile]]
id = "role"
text = "What is your role?"
help = "Pick one."
kind = "choice"
options = [
  { value = "staff", label = "Staff" },
  { value = "freelance", label = "Freelance" },
]

[[profile]]
id = "devices"
text = "Which devices?"
kind = "multi"
options = [
  { value = "android", label = "Android" },
  { value = "iphone", label = "iPhone" },
]

[[contacts]]
name = "Helpline"
offers = "Round-the-clock digital security help."
website = "https://example.org/help"
languages = ["en", "es"]
checked = 2026-10-01
"""

BASICS = """\
id = "basics"
title = "Basics"
summary = "The first things to do."

[[item]]
id = "screen-lock"
title = "Lock your phone"
why = "An unlocked phone gives away everything."
steps = [
  "Open settings.",
  "Set a PIN.",
]
risk = "critical"
effort = "minutes"
reviewed = 2026-11-01

[[item]]
id = "border-prep"
title = "Prepare for the border"
why = "Phones are searched at borders."
steps = ["Back up.", "Remove what you do not need."]
risk = "high"
effort = "hours"
applies_if = { travel = "yes", devices = ["android", "iphone"] }
depends_on = ["screen-lock"]
reviewed = 2026-11-01
sources = ["EFF Surveillance Self-Defense"]
"""

MORE = """\
id = "more"
title = "More"
summary = "Further steps."

[[item]]
id = "backups"
title = "Make backups"
why = "Devices get lost or seized."
steps = ["Choose an encrypted backup."]
risk = "medium"
effort = "hours"
applies_if = { role = "freelance" }
depends_on = ["border-prep"]
reviewed = 2026-11-01
"""

ES_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: es\\n"

msgctxt "pack:name"
msgid "Test pack"
msgstr "Paquete de prueba"

msgctxt "screen-lock:title"
msgid "Lock your phone"
msgstr "Bloquea tu teléfono"

msgctxt "screen-lock:steps.1"
msgid "Set a PIN."
msgstr "Pon un PIN."

msgctxt "basics:title"
msgid "Basics"
msgstr "Lo básico"
"""


def base_files() -> dict[str, str]:
    return {
        "pack.toml": PACK_TOML,
        "checklists/01-basics.toml": BASICS,
        "checklists/02-more.toml": MORE,
        "locales/es.po": ES_PO,
    }


def encode(files: Mapping[str, str | bytes]) -> dict[str, bytes]:
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in files.items()}


def write_pack(folder: Path, files: Mapping[str, str | bytes] | None = None) -> Path:
    for rel, content in encode(files if files is not None else base_files()).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return folder


def problems_of(folder: Path) -> list[Problem]:
    """Every problem lint would report for the pack in ``folder``."""
    from safetykit.packs.errors import PackError

    try:
        files, problems = read_pack_dir(folder)
    except PackError as exc:
        return exc.problems
    return problems + analyse(files, label=str(folder), today=TODAY, strict=True).problems


def fixed_key() -> SecretKey:
    """A deterministic key, so tests need no randomness."""
    return SecretKey(b"\x01\x02\x03\x04\x05\x06\x07\x08", bytes(range(32)))


def other_key() -> SecretKey:
    return SecretKey(b"\x11\x12\x13\x14\x15\x16\x17\x18", bytes(range(100, 132)))


def signed_archive(
    files: Mapping[str, str | bytes] | None = None, key: SecretKey | None = None
) -> bytes:
    return build(
        encode(files if files is not None else base_files()),
        label="test",
        key=key if key is not None else fixed_key(),
    )


def raw_archive(files: Mapping[str, bytes], key: SecretKey | None) -> bytes:
    """An archive of ``files`` exactly as pack build writes it, signed over whatever
    they hold (build itself would refuse content that does not validate)."""
    entries = dict(files)
    entries[MANIFEST] = make_manifest(files)
    if key is not None:
        comment = trusted_comment("org.example.test", 2)
        entries[SIGNATURE] = key.sign(entries[MANIFEST], comment, CANONICAL_UNTRUSTED_COMMENT)
    return build_archive(entries)
