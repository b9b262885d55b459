"""The unencrypted JSON export and its import (DESIGN §8, ``safetykit-export/1``).

The export file is user input when it comes back: everything is validated through the
assessment records, and every problem is an ExportInvalid (a SafetyKitError).
Export → import into a fresh vault → export gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from safetykit.assessment.records import (
    Assessment,
    profile_from_dict,
    profile_to_dict,
)
from safetykit.packs.model import ProfileAnswer
from safetykit.vault.errors import VaultError

FORMAT = "safetykit-export/1"
MAX_EXPORT_BYTES = 64 * 1024 * 1024
MAX_ASSESSMENTS = 10_000
_KEYS = {"format", "profile", "assessments"}


class ExportInvalid(VaultError):
    """The file is not a valid SafetyKit export, or clashes with the vault."""

    default_code = "export.invalid"


def export_document(data: Mapping[str, Any], *, notes: bool = True) -> dict[str, Any]:
    """The export of a vault body (validated on the way out, like on the way in)."""
    profile = profile_to_dict(profile_from_dict(data.get("profile", {})))
    raw = data.get("assessments", [])
    if not isinstance(raw, list):
        raise ExportInvalid("export.vault_damaged")
    assessments = [Assessment.from_dict(item).to_dict(notes) for item in raw]
    return {"format": FORMAT, "profile": profile, "assessments": assessments}


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class ExportContent:
    profile: dict[str, ProfileAnswer]
    assessments: list[Assessment]


def parse_export(raw: bytes) -> ExportContent:
    """Read an export file's bytes. Raises ExportInvalid or RecordError, nothing else."""
    if len(raw) > MAX_EXPORT_BYTES:
        raise ExportInvalid("export.too_large")
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ExportInvalid("export.not_json") from None
    if not isinstance(document, dict):
        raise ExportInvalid("export.not_object")
    found = document.get("format")
    if found != FORMAT:
        if isinstance(found, str) and found.startswith("safetykit-export/"):
            raise ExportInvalid("export.format_unsupported", format=found)
        raise ExportInvalid("export.not_export", format=FORMAT)
    unknown = set(document) - _KEYS
    if unknown:
        raise ExportInvalid("export.unknown_field", field=sorted(unknown)[0])
    profile = profile_from_dict(document.get("profile", {}))
    raw_assessments = document.get("assessments", [])
    if not isinstance(raw_assessments, list):
        raise ExportInvalid("export.assessments_not_list")
    if len(raw_assessments) > MAX_ASSESSMENTS:
        raise ExportInvalid("export.too_many_assessments", limit=MAX_ASSESSMENTS)
    assessments = [Assessment.from_dict(item) for item in raw_assessments]
    ids = [a.id for a in assessments]
    if len(set(ids)) != len(ids):
        raise ExportInvalid("export.duplicate_id")
    return ExportContent(profile, assessments)


@dataclass(frozen=True)
class ImportResult:
    added: int
    replaced: int
    profile: str  # "set", "kept" (the vault had one) or "none" (the file had none)


def merge(data: dict[str, Any], content: ExportContent, *, replace: bool) -> ImportResult:
    """Add the export's assessments to a vault body (DESIGN §8). Changes nothing on refusal."""
    current: list[Any] = data["assessments"]
    index = {item.get("id"): n for n, item in enumerate(current) if isinstance(item, dict)}
    clashes = [a.id for a in content.assessments if a.id in index]
    if clashes and not replace:
        raise ExportInvalid("export.clashes", count=len(clashes), example=clashes[0])
    merged = list(current)
    for assessment in content.assessments:
        if assessment.id in index:
            merged[index[assessment.id]] = assessment.to_dict()
        else:
            merged.append(assessment.to_dict())
    # Oldest first (docs/internals.md); the stored timestamps sort as text.
    merged.sort(key=lambda item: str(item.get("started", "")) if isinstance(item, dict) else "")
    data["assessments"] = merged
    if not content.profile:
        outcome = "none"
    elif data.get("profile"):
        outcome = "kept"
    else:
        data["profile"] = dict(profile_to_dict(content.profile))
        outcome = "set"
    return ImportResult(
        added=len(content.assessments) - len(clashes), replaced=len(clashes), profile=outcome
    )
