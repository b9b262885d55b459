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
    TEXT_LIMITS,
    FileReport,
    check_keys,
    check_text,
    get_bool,
    get_choice,
    get_date,
    get_id,
    get_text,
    get_text_list,
    table_list,
)
from safetykit.packs.model import Effort, ItemKind, Risk
from safetykit.packs.positions import Path
from safetykit.text import N_, Text, ngettext

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
    "kind",
    "applies_if_any",
    "legal_hold",
)
ITEM_REQUIRED = ("id", "title", "why", "steps", "risk", "effort", "reviewed")
PLAYBOOK_REQUIRED = ("id", "title", "why", "steps", "reviewed")
V2_ITEM_KEYS = ("kind", "applies_if_any", "legal_hold")
STEP_KEYS = ("text", "applies_if")
ANY_MAX = 10
_ITEM_KEYS = frozenset(ITEM_KEYS)
_KINDS = tuple(k.value for k in ItemKind)
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
    kind: ItemKind = ItemKind.TODO
    # Parallel to steps; () when no step has conditions.
    step_conditions: tuple[dict[str, tuple[str, ...]], ...] = ()
    applies_if_any: tuple[dict[str, tuple[str, ...]], ...] = ()
    legal_hold: bool | None = None  # None: not said (lint asks when deletion is advised)


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


def check_checklist(report: FileReport, data: dict[str, Any], fmt: int = 1) -> DraftChecklist:
    """``fmt``: the pack's format; format 1 refuses the fields format 2 added."""
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
            report.error(("item",), N_("a checklist needs at least one [[item]]"))
        for index, table in entries:
            item = _item(report, ("item", index), table, fmt)
            if item is not None:
                items.append(item)
            iid = table.get("id")
            if isinstance(iid, str) and LOCAL_ID.fullmatch(iid):
                ids.append((("item", index, "id"), iid))
    complete = len(report.problems) == before
    return DraftChecklist(report, cid, title, summary, items, complete, ids)


def _item(report: FileReport, path: Path, table: dict[str, Any], fmt: int) -> DraftItem | None:
    before = len(report.problems)
    kind_name = get_choice(report, path, table, "kind", _KINDS) if "kind" in table else "todo"
    kind = ItemKind(kind_name) if kind_name else ItemKind.TODO
    playbook = kind is ItemKind.PLAYBOOK
    check_keys(report, path, table, _ITEM_KEYS, PLAYBOOK_REQUIRED if playbook else ITEM_REQUIRED)
    if fmt == 1:
        for key in V2_ITEM_KEYS:
            if key in table:
                report.error(
                    (*path, key),
                    N_("'%(key)s' needs format = 2 (this pack says format = 1)"),
                    key=key,
                )
    iid = get_id(report, path, table)
    title = get_text(report, path, table, "title", "title")
    why = get_text(report, path, table, "why", "why")
    steps, step_conditions = _steps(report, path, table, fmt)
    risk: str | None
    effort: str | None
    if playbook:
        # A playbook is read in an emergency, not done ahead: a rating would mislead.
        for key in ("risk", "effort"):
            if key in table:
                report.error(
                    (*path, key), N_("a playbook has no '%(key)s': it is not a to-do"), key=key
                )
        risk, effort = Risk.LOW.value, Effort.MINUTES.value
    else:
        risk = get_choice(report, path, table, "risk", _RISKS)
        effort = get_choice(report, path, table, "effort", _EFFORTS)
    reviewed = get_date(report, path, table, "reviewed")
    legal_hold = get_bool(report, path, table, "legal_hold")
    sources: tuple[str, ...] | None = ()
    if "sources" in table:
        sources = get_text_list(report, path, table, "sources", "source", low=1, high=SOURCES_MAX)
    applies_if = _applies_if(report, path, table)
    applies_any = _applies_if_any(report, path, table)
    depends_on = _depends_on(report, path, table)
    if len(report.problems) != before:
        return None
    assert iid and title and why and steps and risk and effort and reviewed  # checked above
    assert sources is not None and applies_if is not None and depends_on is not None
    assert step_conditions is not None and applies_any is not None
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
        kind,
        step_conditions,
        applies_any,
        legal_hold,
    )


def _steps(
    report: FileReport, path: Path, table: dict[str, Any], fmt: int
) -> tuple[tuple[str, ...] | None, tuple[dict[str, tuple[str, ...]], ...] | None]:
    """Steps as text, and each step's conditions. Format 2 lets a step be a table
    ``{ text = "…", applies_if = { devices = "android" } }``: one item with one why
    then shows each reader only the steps for their platforms."""
    raw = table.get("steps")
    if fmt == 1 or not isinstance(raw, list) or not any(isinstance(s, dict) for s in raw):
        if fmt == 1 and isinstance(raw, list) and any(isinstance(s, dict) for s in raw):
            report.error((*path, "steps"), N_("steps with conditions need format = 2"))
            return None, None
        return get_text_list(report, path, table, "steps", "step", low=1, high=STEPS_MAX), ()
    where = (*path, "steps")
    if not 1 <= len(raw) <= STEPS_MAX:
        report.error(
            where,
            N_("'steps' must have 1 to %(limit)s entries, not %(count)s"),
            limit=STEPS_MAX,
            count=len(raw),
        )
        return None, None
    texts: list[str] = []
    conditions: list[dict[str, tuple[str, ...]]] = []
    ok = True
    for index, element in enumerate(raw):
        spath = (*where, index)
        what = Text.of(N_("'%(key)s' entry %(number)s"), key="steps", number=index + 1)
        if isinstance(element, dict):
            check_keys(report, spath, element, STEP_KEYS, STEP_KEYS)
            text = (
                check_text(report, (*spath, "text"), element.get("text"), what, TEXT_LIMITS["step"])
                if "text" in element
                else None
            )
            cond = _applies_if(report, spath, element) if "applies_if" in element else None
            if cond is not None and not cond:
                report.error((*spath, "applies_if"), N_("a step's 'applies_if' is empty"))
                cond = None
        else:
            text = check_text(report, spath, element, what, TEXT_LIMITS["step"])
            cond = {}
        if text is None or cond is None:
            ok = False
            continue
        texts.append(text)
        conditions.append(cond)
    if not ok:
        return None, None
    if all(conditions):
        # Someone whose answers match no step would see an item with no steps.
        report.warn(where, N_("every step has a condition: keep at least one for everyone"))
    return tuple(texts), tuple(conditions)


def _applies_if_any(
    report: FileReport, path: Path, table: dict[str, Any]
) -> tuple[dict[str, tuple[str, ...]], ...] | None:
    if "applies_if_any" not in table:
        return ()
    raw = table["applies_if_any"]
    where = (*path, "applies_if_any")
    if not isinstance(raw, list) or not 2 <= len(raw) <= ANY_MAX:
        report.error(
            where,
            N_("'applies_if_any' must be a list of 2 to %(limit)s tables of conditions"),
            limit=ANY_MAX,
        )
        return None
    out: list[dict[str, tuple[str, ...]]] = []
    for index, element in enumerate(raw):
        cond = _applies_if(report, (*where, index), {"applies_if": element}, direct=True)
        if cond is None:
            return None
        if not cond:
            report.error((*where, index), N_("an 'applies_if_any' table is empty"))
            return None
        out.append(cond)
    return tuple(out)


def _applies_if(
    report: FileReport, path: Path, table: dict[str, Any], *, direct: bool = False
) -> dict[str, tuple[str, ...]] | None:
    """``direct``: ``path`` is the conditions table itself (an ``applies_if_any`` entry)."""
    raw = table.get("applies_if", {})
    where = path if direct else (*path, "applies_if")
    if not isinstance(raw, dict):
        report.error(where, N_("'applies_if' must be a table of question = answer(s)"))
        return None
    if len(raw) > APPLIES_MAX:
        report.error(
            where,
            Text.plural(
                ngettext(
                    "'applies_if' has %(count)s condition, at most %(limit)s",
                    "'applies_if' has %(count)s conditions, at most %(limit)s",
                ),
                "count",
                count=len(raw),
                limit=APPLIES_MAX,
            ),
        )
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
                N_("'applies_if' answer for '%(key)s' must be text or a non-empty list of text"),
                key=key,
            )
            return None
        out[key] = tuple(values)
    return out


def _depends_on(report: FileReport, path: Path, table: dict[str, Any]) -> tuple[str, ...] | None:
    raw = table.get("depends_on", [])
    where = (*path, "depends_on")
    if not isinstance(raw, list) or len(raw) > DEPENDS_MAX:
        report.error(
            where,
            N_("'depends_on' must be a list of at most %(limit)s item ids"),
            limit=DEPENDS_MAX,
        )
        return None
    seen: set[str] = set()
    for index, value in enumerate(raw):
        if not isinstance(value, str):
            report.error((*where, index), N_("'depends_on' entries must be item ids (text)"))
            return None
        if value in seen:
            report.error((*where, index), N_("'depends_on' lists '%(value)s' twice"), value=value)
            return None
        seen.add(value)
    return tuple(raw)
