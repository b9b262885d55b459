"""Checks across the files of a pack: unique ids, references and dependency cycles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from safetykit.packs.checklist_toml import DraftChecklist, DraftItem
from safetykit.packs.checks import LOCAL_ID, PACK_ID, FileReport, did_you_mean
from safetykit.packs.model import ItemKind, Question
from safetykit.packs.positions import Path
from safetykit.text import N_


def check_references(
    manifest_report: FileReport,
    questions: Sequence[Question],
    question_paths: Sequence[Path],
    checklists: Sequence[DraftChecklist],
    question_ids: set[str] | None = None,
    *,
    all_parsed: bool = True,
    others: Mapping[str, Sequence[Question]] | None = None,
) -> None:
    """``question_ids``: every well-formed question id, refused questions included.
    ``all_parsed``: False when a checklist file could not be parsed; its items are then
    unknown, so references to them are not reported as dangling (one error, not many).
    ``others``: the questions of the other packs installed here, by pack id (lint); a
    reference to one of their questions is then checked too."""
    question_ids = question_ids if question_ids is not None else {q.id for q in questions}
    _unique_ids(manifest_report, questions, question_paths, checklists)
    items = {
        item.id: (checklist.report, item) for checklist in checklists for item in checklist.items
    }
    known = {ident for checklist in checklists for _, ident in checklist.item_ids}
    by_question = {q.id: q for q in questions}
    for report, item in items.values():
        for where, conditions in _conditions(item):
            _check_applies_if(report, where, conditions, by_question, question_ids, others)
        _check_step_conditions(report, item)
        for index, target in enumerate(item.depends_on):
            where = (*item.path, "depends_on", index)
            if target == item.id:
                report.error(where, N_("item '%(item)s' depends on itself"), item=item.id)
            elif target not in known and all_parsed:
                hint = did_you_mean(target, known)
                report.error(
                    where,
                    N_("'depends_on' names unknown item '%(target)s'%(hint)s"),
                    target=target,
                    hint=hint,
                )
            elif target in items and items[target][1].kind is ItemKind.PLAYBOOK:
                # A playbook is never "done", so whatever waits on it would wait forever.
                report.error(
                    where,
                    N_("'depends_on' names playbook '%(target)s': only to-dos order"),
                    target=target,
                )
    _check_cycles(items)


def _conditions(item: DraftItem) -> list[tuple[Path, Mapping[str, Sequence[str]]]]:
    """Every conditions table of an item, with where it is written."""
    found: list[tuple[Path, Mapping[str, Sequence[str]]]] = [
        ((*item.path, "applies_if"), item.applies_if)
    ]
    found += [
        ((*item.path, "applies_if_any", n), cond) for n, cond in enumerate(item.applies_if_any)
    ]
    found += [
        ((*item.path, "steps", n, "applies_if"), cond)
        for n, cond in enumerate(item.step_conditions)
        if cond
    ]
    return found


def _check_step_conditions(report: FileReport, item: DraftItem) -> None:
    """A step whose condition the item's own condition rules out is never shown."""
    for n, cond in enumerate(item.step_conditions):
        for key, accepted in cond.items():
            allowed = item.applies_if.get(key)
            if allowed is not None and not set(accepted) & set(allowed):
                report.warn(
                    (*item.path, "steps", n, "applies_if", key),
                    N_(
                        "step %(number)s is never shown: the item applies only when '%(key)s' "
                        "is %(answers)s"
                    ),
                    number=n + 1,
                    key=key,
                    answers=", ".join(allowed),
                )


def _unique_ids(
    manifest_report: FileReport,
    questions: Sequence[Question],
    question_paths: Sequence[Path],
    checklists: Sequence[DraftChecklist],
) -> None:
    # Lines are looked up only for duplicates: finding positions is costly.
    first: dict[str, tuple[FileReport, Path]] = {}

    def claim(report: FileReport, path: Path, ident: str) -> None:
        if ident in first:
            other, other_path = first[ident]
            where = f"{other.file}:{other.line(other_path)}"
            report.error(
                path,
                N_("duplicate id '%(ident)s' (first used at %(where)s)"),
                ident=ident,
                where=where,
            )
        else:
            first[ident] = (report, path)

    for path, question in zip(question_paths, questions, strict=True):
        claim(manifest_report, (*path, "id"), question.id)
    for checklist in checklists:
        if checklist.id is not None:
            claim(checklist.report, ("id",), checklist.id)
        for path, ident in checklist.item_ids:
            claim(checklist.report, path, ident)


def _check_applies_if(
    report: FileReport,
    path: Path,
    conditions: Mapping[str, Sequence[str]],
    questions: dict[str, Question],
    known: set[str],
    others: Mapping[str, Sequence[Question]] | None,
) -> None:
    for key, accepted in conditions.items():
        where = (*path, key)
        if "/" in key:
            pack_id, _, local = key.partition("/")
            if not PACK_ID.fullmatch(pack_id) or not LOCAL_ID.fullmatch(local):
                report.error(where, N_("'applies_if' key '%(key)s' is not a question id"), key=key)
                continue
            if others is None:
                continue  # loading: a question nobody asks counts as matched
            if pack_id not in others:
                report.warn(
                    where,
                    N_(
                        "'applies_if' names a question of pack '%(pack)s', which is not "
                        "installed here: the condition counts as met for users without it"
                    ),
                    pack=pack_id,
                )
                continue
            theirs = {q.id: q for q in others[pack_id]}
            found = theirs.get(local)
            if found is None:
                hint = did_you_mean(key, [f"{pack_id}/{q}" for q in theirs])
                report.error(
                    where,
                    N_("'applies_if' names unknown question '%(key)s'%(hint)s"),
                    key=key,
                    hint=hint,
                )
                continue
            _check_answers(report, where, key, found, accepted)
            continue
        question = questions.get(key)
        if question is None:
            if key not in known:
                hint = did_you_mean(key, known)
                report.error(
                    where,
                    N_("'applies_if' names unknown question '%(key)s'%(hint)s"),
                    key=key,
                    hint=hint,
                )
            continue
        _check_answers(report, where, key, question, accepted)


def _check_answers(
    report: FileReport, where: Path, key: str, question: Question, accepted: Sequence[str]
) -> None:
    allowed = question.values()
    for value in accepted:
        if value not in allowed:
            report.error(
                where,
                N_(
                    "'applies_if' answer '%(value)s' is not an answer to '%(key)s' "
                    "(one of: %(answers)s)"
                ),
                value=value,
                key=key,
                answers=", ".join(allowed),
            )


def _check_cycles(items: dict[str, tuple[FileReport, DraftItem]]) -> None:
    """Report each dependency cycle once, at the item where the search closes it."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in items:
        if state.get(start):
            continue
        # Iterative depth-first search: a 10,000-item chain must not hit recursion limits.
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = [start]
        state[start] = 1
        while stack:
            node, next_index = stack[-1]
            deps = items[node][1].depends_on
            if next_index >= len(deps):
                stack.pop()
                trail.pop()
                state[node] = 2
                continue
            stack[-1] = (node, next_index + 1)
            target = deps[next_index]
            if target not in items or target == node:
                continue  # reported as unknown or self-dependency already
            if state.get(target) == 1:
                cycle = [*trail[trail.index(target) :], target]
                report, item = items[node]
                report.error(
                    (*item.path, "depends_on", next_index),
                    N_("dependency cycle: %(cycle)s"),
                    cycle=" -> ".join(cycle),
                )
            elif not state.get(target):
                state[target] = 1
                stack.append((target, 0))
                trail.append(target)
