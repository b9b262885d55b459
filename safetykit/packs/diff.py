"""``safetykit pack diff OLD NEW``: what changed between two versions of a pack.

Each side is a folder or a ``.skpack`` (an archive's form, signature and hashes are
checked first, as for an import). The comparison is of meaning, not of files: the
manifest's fields, questions and their options, checklists, items (added, removed,
moved, and each field that changed, step by step), contacts and the languages of the
translations. Lines start with ``+`` (added), ``-`` (removed) or ``~`` (changed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from safetykit.packs.errors import PackError, Problem, errors_only
from safetykit.packs.loader import analyse, read_pack_dir
from safetykit.packs.model import Conditions, Item, Pack, Question


@dataclass(frozen=True)
class Side:
    pack: Pack
    languages: tuple[str, ...]
    coverage: Mapping[str, str]


def read_any(path: Path) -> Side:
    """A folder's or an archive's pack in its source language; PackError if refused."""
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.signing import verify_archive
    from safetykit.packs.trust import default_keys

    if path.is_dir():
        files, problems = read_pack_dir(path)
        if errors_only(problems):
            raise PackError(problems)
    else:
        files = verify_archive(read_archive_file(path), default_keys()).files
    analysis = analyse(files, label=str(path))
    if analysis.pack is None or analysis.errors:
        raise PackError(analysis.errors or [Problem(str(path), 0, "invalid pack")])
    return Side(
        analysis.pack,
        tuple(sorted(analysis.translations)),
        {lang: t.coverage() for lang, t in analysis.translations.items()},
    )


def _short(text: str, limit: int = 70) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _conditions(conditions: Conditions) -> str:
    if not conditions:
        return "(none)"
    return ", ".join(f"{k} = {'/'.join(v)}" for k, v in sorted(conditions.items()))


def _field(out: list[str], what: str, name: str, old: object, new: object) -> None:
    if old == new:
        return
    if isinstance(old, str) and isinstance(new, str):
        out.append(f"~ {what}: {name} {_short(str(old))} -> {_short(str(new))}")
    else:
        out.append(f"~ {what}: {name} {old} -> {new}")


def _steps(out: list[str], what: str, old: Sequence[str], new: Sequence[str]) -> None:
    for n in range(max(len(old), len(new))):
        if n >= len(old):
            out.append(f"~ {what}: step {n + 1} added: {_short(new[n])}")
        elif n >= len(new):
            out.append(f"~ {what}: step {n + 1} removed: {_short(old[n])}")
        elif old[n] != new[n]:
            out.append(f"~ {what}: step {n + 1} {_short(old[n])} -> {_short(new[n])}")


def _item(out: list[str], old: Item, new: Item) -> None:
    what = f"item '{new.id}'"
    for name in ("title", "why", "kind", "risk", "effort", "reviewed", "legal_hold"):
        _field(out, what, name, getattr(old, name), getattr(new, name))
    _steps(out, what, old.steps, new.steps)
    if old.step_conditions != new.step_conditions:
        out.append(f"~ {what}: step conditions changed")
    if old.applies_if != new.applies_if:
        out.append(
            f"~ {what}: applies_if {_conditions(old.applies_if)} -> {_conditions(new.applies_if)}"
        )
    if old.applies_if_any != new.applies_if_any:
        out.append(f"~ {what}: applies_if_any changed")
    _field(out, what, "depends_on", list(old.depends_on), list(new.depends_on))
    _field(out, what, "sources", list(old.sources), list(new.sources))


def _question(out: list[str], old: Question, new: Question) -> None:
    what = f"question '{new.id}'"
    for name in ("text", "help", "if_skipped", "situation"):
        _field(out, what, name, getattr(old, name), getattr(new, name))
    _field(out, what, "kind", old.kind.value, new.kind.value)
    before = {o.value: o.label for o in old.options}
    after = {o.value: o.label for o in new.options}
    for value in after.keys() - before.keys():
        out.append(f"~ {what}: option '{value}' added: {_short(after[value])}")
    for value in before.keys() - after.keys():
        out.append(f"~ {what}: option '{value}' removed")
    for value in sorted(before.keys() & after.keys()):
        _field(out, what, f"option '{value}'", before[value], after[value])


def diff_packs(old_side: Side, new_side: Side) -> list[str]:
    """Every difference between two versions, in the new version's reading order."""
    old, new = old_side.pack, new_side.pack
    out: list[str] = []
    if old.id != new.id:
        out.append(f"~ pack id {old.id} -> {new.id} (a different pack, not a new version)")
    for name in (
        "version",
        "name",
        "publisher",
        "license",
        "reviewed",
        "min_app",
        "format",
        "description",
        "credit",
        "legal_hold",
        "source_locale",
    ):
        _field(out, "pack", name, getattr(old, name), getattr(new, name))
    old_q = {q.id: q for q in old.questions}
    new_q = {q.id: q for q in new.questions}
    for q in new.questions:
        if q.id not in old_q:
            out.append(f"+ question '{q.id}': {_short(q.text)}")
        else:
            _question(out, old_q[q.id], q)
    for q in old.questions:
        if q.id not in new_q:
            out.append(f"- question '{q.id}': {_short(q.text)} (answers to it are no longer used)")
    old_lists = {c.id: c for c in old.checklists}
    new_lists = {c.id: c for c in new.checklists}
    old_home = {i.id: (c.id, i) for c in old.checklists for i in c.items}
    new_ids = {i.id for c in new.checklists for i in c.items}
    for checklist in new.checklists:
        if checklist.id not in old_lists:
            out.append(f"+ checklist '{checklist.id}': {_short(checklist.title)}")
        else:
            before = old_lists[checklist.id]
            _field(out, f"checklist '{checklist.id}'", "title", before.title, checklist.title)
            _field(out, f"checklist '{checklist.id}'", "summary", before.summary, checklist.summary)
        for item in checklist.items:
            if item.id not in old_home:
                out.append(f"+ item '{item.id}' in '{checklist.id}': {_short(item.title)}")
                continue
            home, previous = old_home[item.id]
            if home != checklist.id:
                out.append(f"~ item '{item.id}': moved from '{home}' to '{checklist.id}'")
            _item(out, previous, item)
    for checklist in old.checklists:
        if checklist.id not in new_lists:
            out.append(f"- checklist '{checklist.id}': {_short(checklist.title)}")
        for item in checklist.items:
            if item.id not in new_ids:
                out.append(
                    f"- item '{item.id}' from '{checklist.id}': {_short(item.title)} "
                    "(answers to it are no longer shown)"
                )
    before_contacts = {c.name: c for c in old.contacts}
    after_contacts = {c.name: c for c in new.contacts}
    for name in after_contacts.keys() - before_contacts.keys():
        out.append(f"+ contact {_short(name)}")
    for name in before_contacts.keys() - after_contacts.keys():
        out.append(f"- contact {_short(name)}")
    for name in sorted(before_contacts.keys() & after_contacts.keys()):
        a, b = before_contacts[name], after_contacts[name]
        for field_name in ("offers", "website", "languages", "checked"):
            _field(
                out,
                f"contact {_short(name)}",
                field_name,
                getattr(a, field_name),
                getattr(b, field_name),
            )
    for lang in sorted(set(new_side.languages) - set(old_side.languages)):
        out.append(f"+ translation {lang}: {new_side.coverage[lang]}")
    for lang in sorted(set(old_side.languages) - set(new_side.languages)):
        out.append(f"- translation {lang}")
    for lang in sorted(set(old_side.languages) & set(new_side.languages)):
        _field(
            out, f"translation {lang}", "coverage", old_side.coverage[lang], new_side.coverage[lang]
        )
    if out and new.version <= old.version and old.id == new.id:
        out.insert(
            0,
            f"! version {new.version} is not higher than {old.version}: users who have "
            "the old one keep it, or refuse this one",
        )
    return out
