"""Validation of one checklist file ``checklists/NN-<category>.toml``.

References to other parts of the pack (``depends_on``, ``applies_if``) are checked for
shape here and resolved in ``references.py`` once every file has been read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from safetykit.packs.checks import (
    APPLIES_MAX,
    DEPENDS_MAX,
    ITEMS_PER_CHECKLIST_MAX,
    LOCAL_ID,
    SOURCES_MAX,
    STEPS_MAX,
    FileReport,
    check_keys,
    get_choice,
    get_date,
    get_id,
    get_text,
    get_text_list,
    table_list,
)
from safetykit.packs.model import Effort, Risk
from safetykit.packs.positions import Path

CHECKLIST_KEYS = ("id", "title", "summary", "item")
ITEM_KEYS = (
    "id",
    "title",
    "why",
    "steps",
    "risk",
    "effort",
    "applies_if",
    "depends_on",
    "reviewed",
    "sources",
)
ITEM_REQUIRED = ("id", "title", "why", "steps", "risk", "effort", "reviewed")
_ITEM_KEYS = frozenset(ITEM_KEYS)
_RISKS = tuple(r.value for r in Risk)
_EFFORTS = tuple(e.value for e in Effort)


@dataclass
class DraftItem:
    """An item whose own fields passed; its references are resolved later."""

    path: Path
    id: str
    title: str
    why: str
    steps: tuple[str, ...]
    risk: Risk
    effort: Effort
    reviewed: dt.date
    sources: tuple[str, ...]
    applies_if: dict[str, tuple[str, ...]] = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()


@dataclass
class DraftChecklist:
    report: FileReport
    id: str | None
    title: str | None
    summary: str | None
    items: list[DraftItem]
    complete: bool  # False when some entry was refused
    # Every well-formed item id, refused items included, so that one bad item does not
    # also make every reference to it "unknown".
    item_ids: list[tuple[Path, str]] = field(default_factory=list)


def check_checklist(report: FileReport, data: dict[str, Any]) -> DraftChecklist:
    check_keys(report, (), data, CHECKLIST_KEYS, CHECKLIST_KEYS)
    before = len(report.problems)
    cid = get_id(report, (), data)
    title = get_text(report, (), data, "title", "title")
    summary = get_text(report, (), data, "summary", "summary")
    items: list[DraftItem] = []
    ids: list[tuple[Path, str]] = []
    if "item" in data:
        entries = table_list(report, ("item",), data["item"], "item", ITEMS_PER_CHECKLIST_MAX)
        if not entries and isinstance(data["item"], list):
            report.error(("item",), "a checklist needs at least one [[item]]")
        for index, table in entries:
            item = _item(report, ("item", index), table)
            if item is not None:
                items.append(item)
            iid = table.get("id")
            if isinstance(iid, str) and LOCAL_ID.fullmatch(iid):
                ids.append((("item", index, "id"), iid))
    complete = len(report.problems) == before
    return DraftChecklist(report, cid, title, summary, items, complete, ids)


def _item(report: FileReport, path: Path, table: dict[str, Any]) -> DraftItem | None:
    before = len(report.problems)
    check_keys(report, path, table, _ITEM_KEYS, ITEM_REQUIRED)
    iid = get_id(report, path, table)
    title = get_text(report, path, table, "title", "title")
    why = get_text(report, path, table, "why", "why")
    steps = get_text_list(report, path, table, "steps", "step", low=1, high=STEPS_MAX)
    risk = get_choice(report, path, table, "risk", _RISKS)
    effort = get_choice(report, path, table, "effort", _EFFORTS)
    reviewed = get_date(report, path, table, "reviewed")
    sources: tuple[str, ...] | None = ()
    if "sources" in table:
        sources = get_text_list(report, path, table, "sources", "source", low=1, high=SOURCES_MAX)
    applies_if = _applies_if(report, path, table)
    depends_on = _depends_on(report, path, table)
    if len(report.problems) != before:
        return None
    assert iid and title and why and steps and risk and effort and reviewed  # checked above
    assert sources is not None and applies_if is not None and depends_on is not None
    return DraftItem(
        path,
        iid,
        title,
        why,
        steps,
        Risk(risk),
        Effort(effort),
        reviewed,
        sources,
        applies_if,
        depends_on,
    )


def _applies_if(
    report: FileReport, path: Path, table: dict[str, Any]
) -> dict[str, tuple[str, ...]] | None:
    raw = table.get("applies_if", {})
    where = (*path, "applies_if")
    if not isinstance(raw, dict):
        report.error(where, "'applies_if' must be a table of question = answer(s)")
        return None
    if len(raw) > APPLIES_MAX:
        report.error(where, f"'applies_if' has {len(raw)} conditions, at most {APPLIES_MAX}")
        return None
    out: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        values = [value] if isinstance(value, str) else value
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) and v for v in values)
        ):
            report.error(
                (*where, key),
                f"'applies_if' answer for '{key}' must be text or a non-empty list of text",
            )
            return None
        out[key] = tuple(values)
    return out


def _depends_on(report: FileReport, path: Path, table: dict[str, Any]) -> tuple[str, ...] | None:
    raw = table.get("depends_on", [])
    where = (*path, "depends_on")
    if not isinstance(raw, list) or len(raw) > DEPENDS_MAX:
        report.error(where, f"'depends_on' must be a list of at most {DEPENDS_MAX} item ids")
        return None
    seen: set[str] = set()
    for index, value in enumerate(raw):
        if not isinstance(value, str):
            report.error((*where, index), "'depends_on' entries must be item ids (text)")
            return None
        if value in seen:
            report.error((*where, index), f"'depends_on' lists '{value}' twice")
            return None
        seen.add(value)
    return tuple(raw)
