"""``safetykit pack new``: a small pack that passes lint, for a trainer to edit."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from safetykit import __version__
from safetykit.packs.errors import PackError
from safetykit.text import os_reason

# What lint warns about until the trainer replaces them (safetykit.packs.lint).
PLACEHOLDER_ID_PREFIX = "org.example."
PLACEHOLDER_PUBLISHER = "Your organisation"

_PACK = """\
# The pack manifest. See docs/trainer-guide.md for every key.
format = 2
{id_line:<32} # reverse-DNS: a domain you control, then a name (lint
                                 # warns while it is the org.example placeholder)
version = 1                      # raise it with every release you hand out
source_locale = "en"
name = "{name}"
{publisher_line:<32} # lint warns until you put your own
license = "CC-BY-SA-4.0"
reviewed = {today}
min_app = "{min_app}"

# Ask only what SafetyKit does not ask already (lint warns about a repeated question):
# items can use a built-in question as "org.safetykit.core/<id>", e.g.
# applies_if = {{ "org.safetykit.core/travel" = "yes" }}.
[[profile]]
id = "protests"
text = "Do you report from protests or demonstrations?"
kind = "yes_no"
if_skipped = "If you skip this, you see the items about protests."
"""

_CHECKLIST = """\
id = "first-steps"
title = "First steps"
summary = "The few things that protect you most, in about an hour."

[[item]]
id = "screen-lock"
title = "Lock your phone with a strong PIN"
why = "A phone without a lock gives anyone who holds it your messages, photos and accounts."
steps = [
  "Open your phone's security settings.",
  "Choose a PIN of at least six digits, or a passphrase.",
  "Set the screen to lock after one minute.",
]
risk = "critical"
effort = "minutes"
reviewed = {today}

[[item]]
id = "protest-phone"
title = "Carry only what you need on your phone at a protest"
why = "A phone taken at a protest can be searched; what is not there cannot be read."
steps = [
  "Back up your photos and chats, then remove what you do not need that day.",
  "Sign out of sensitive accounts.",
]
risk = "high"
effort = "hours"
applies_if = {{ protests = "yes" }}
depends_on = ["screen-lock"]
reviewed = {today}
"""


def scaffold(folder: Path, *, today: dt.date | None = None) -> str:
    """Write a new pack into ``folder`` (which must be absent or empty); its pack id."""
    day = (today or dt.date.today()).isoformat()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise PackError("pack.folder_not_empty", folder=folder)
    base = folder.resolve().name
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower())[:64].strip("-") or "pack"
    pack_id = f"{PLACEHOLDER_ID_PREFIX}{slug}"
    # The folder name as the pack's name, minus what a TOML string would need escaped.
    name = "".join(c for c in base if c.isprintable() and c not in '"\\')[:60].strip()
    name = name or "New pack"
    try:
        (folder / "checklists").mkdir(parents=True, exist_ok=True)
        (folder / "locales").mkdir(exist_ok=True)
        (folder / "pack.toml").write_text(
            _PACK.format(
                id_line=f'id = "{pack_id}"',
                name=name,
                today=day,
                min_app=__version__,
                publisher_line=f'publisher = "{PLACEHOLDER_PUBLISHER}"',
            ),
            encoding="utf-8",
        )
        (folder / "checklists" / "01-first-steps.toml").write_text(
            _CHECKLIST.format(today=day), encoding="utf-8"
        )
    except OSError as exc:
        raise PackError("file.write_failed", file=folder, reason=os_reason(exc)) from None
    return pack_id
