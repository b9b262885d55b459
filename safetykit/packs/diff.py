"""``safetykit pack diff OLD NEW``: what changed between two versions of a pack.

Each side is a folder or a ``.skpack`` (an archive's form, signature and hashes are
checked first, as for an import). The comparison is of meaning, not of files: the
manifest's fields, questions and their options, checklists, items (added, removed,
moved, and each field that changed, step by step), contacts and the languages of the
translations. Lines start with ``+`` (added), ``-`` (removed) or ``~`` (changed).

The lines are kept as ``Text`` (safetykit.text): the words ("item", "step 2 added",
"moved from") are shown in the reader's language, field names, ids and quoted texts
as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from safetykit.packs.errors import PackError, Problem, errors_only
from safetykit.packs.loader import analyse, read_pack_dir
from safetykit.packs.model import Conditions, Item, Pack, Question
from safetykit.text import N_, Text


@dataclass(frozen=True)
class Side:
    pack: Pack
    languages: tuple[str, ...]
    coverage: Mapping[str, Text]


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
        raise PackError(analysis.errors or [Problem(str(path), 0, Text.of(N_("invalid pack")))])
    return Side(
        analysis.pack,
        tuple(sorted(analysis.translations)),
        {lang: t.coverage_text() for lang, t in analysis.translations.items()},
    )


def _short(text: str, limit: int = 70) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _conditions(conditions: Conditions) -> str | Text:
    if not conditions:
        return Text.of(N_("(none)"))
    return ", ".join(f"{k} = {'/'.join(v)}" for k, v in sorted(conditions.items()))


def _line(mark: str, what: Text, detail: Text | str) -> Text:
    # A layout, not a message (so not marked for translation): its parts are.
    return Text.of("%(mark)s %(what)s: %(detail)s", mark=mark, what=what, detail=detail)


def _change(name: str | Text, old: object, new: object) -> Text:
    return Text.of("%(name)s %(old)s -> %(new)s", name=name, old=old, new=new)


def _field(out: list[Text], what: Text, name: str | Text, old: object, new: object) -> None:
    if old == new:
        return
    if isinstance(old, str) and isinstance(new, str):
        out.append(_line("~", what, _change(name, _short(str(old)), _short(str(new)))))
    elif isinstance(old, Text) and isinstance(new, Text):
        if str(old) != str(new):
            out.append(_line("~", what, _change(name, old, new)))
    else:
        out.append(_line("~", what, _change(name, old, new)))


def _steps(out: list[Text], what: Text, old: Sequence[str], new: Sequence[str]) -> None:
    for n in range(max(len(old), len(new))):
        if n >= len(old):
            said = Text.of(N_("step %(number)s added: %(text)s"), number=n + 1, text=_short(new[n]))
        elif n >= len(new):
            said = Text.of(
                N_("step %(number)s removed: %(text)s"), number=n + 1, text=_short(old[n])
            )
        elif old[n] != new[n]:
            step = Text.of(N_("step %(number)s"), number=n + 1)
            said = _change(step, _short(old[n]), _short(new[n]))
        else:
            continue
        out.append(_line("~", what, said))


def _item(out: list[Text], old: Item, new: Item) -> None:
    what = Text.of(N_("item '%(item)s'"), item=new.id)
    for name in ("title", "why", "kind", "risk", "effort", "reviewed", "legal_hold"):
        _field(out, what, name, getattr(old, name), getattr(new, name))
    _steps(out, what, old.steps, new.steps)
    if old.step_conditions != new.step_conditions:
        out.append(_line("~", what, Text.of(N_("step conditions changed"))))
    if old.applies_if != new.applies_if:
        detail = _change("applies_if", _conditions(old.applies_if), _conditions(new.applies_if))
        out.append(_line("~", what, detail))
    if old.applies_if_any != new.applies_if_any:
        out.append(_line("~", what, Text.of(N_("applies_if_any changed"))))
    _field(out, what, "depends_on", list(old.depends_on), list(new.depends_on))
    _field(out, what, "sources", list(old.sources), list(new.sources))


def _question(out: list[Text], old: Question, new: Question) -> None:
    what = Text.of(N_("question '%(question)s'"), question=new.id)
    for name in ("text", "help", "if_skipped", "situation"):
        _field(out, what, name, getattr(old, name), getattr(new, name))
    _field(out, what, "kind", old.kind.value, new.kind.value)
    before = {o.value: o.label for o in old.options}
    after = {o.value: o.label for o in new.options}
    for value in after.keys() - before.keys():
        said = Text.of(
            N_("option '%(value)s' added: %(text)s"), value=value, text=_short(after[value])
        )
        out.append(_line("~", what, said))
    for value in before.keys() - after.keys():
        out.append(_line("~", what, Text.of(N_("option '%(value)s' removed"), value=value)))
    for value in sorted(before.keys() & after.keys()):
        option = Text.of(N_("option '%(value)s'"), value=value)
        _field(out, what, option, before[value], after[value])


def diff_packs(old_side: Side, new_side: Side) -> list[str]:
    """Every difference between two versions, in English (``diff_texts`` for the
    reader's language)."""
    return [str(line) for line in diff_texts(old_side, new_side)]


def diff_texts(old_side: Side, new_side: Side) -> list[Text]:
    """Every difference between two versions, in the new version's reading order."""
    old, new = old_side.pack, new_side.pack
    out: list[Text] = []
    if old.id != new.id:
        said = Text.of(
            N_("pack id %(old)s -> %(new)s (a different pack, not a new version)"),
            old=old.id,
            new=new.id,
        )
        out.append(Text.of("~ %(said)s", said=said))
    the_pack = Text.of(N_("pack"))
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
        _field(out, the_pack, name, getattr(old, name), getattr(new, name))
    old_q = {q.id: q for q in old.questions}
    new_q = {q.id: q for q in new.questions}
    for q in new.questions:
        if q.id not in old_q:
            out.append(
                _line("+", Text.of(N_("question '%(question)s'"), question=q.id), _short(q.text))
            )
        else:
            _question(out, old_q[q.id], q)
    for q in old.questions:
        if q.id not in new_q:
            said = Text.of(N_("%(text)s (answers to it are no longer used)"), text=_short(q.text))
            out.append(_line("-", Text.of(N_("question '%(question)s'"), question=q.id), said))
    old_lists = {c.id: c for c in old.checklists}
    new_lists = {c.id: c for c in new.checklists}
    old_home = {i.id: (c.id, i) for c in old.checklists for i in c.items}
    new_ids = {i.id for c in new.checklists for i in c.items}
    for checklist in new.checklists:
        what = Text.of(N_("checklist '%(checklist)s'"), checklist=checklist.id)
        if checklist.id not in old_lists:
            out.append(_line("+", what, _short(checklist.title)))
        else:
            before = old_lists[checklist.id]
            _field(out, what, "title", before.title, checklist.title)
            _field(out, what, "summary", before.summary, checklist.summary)
        for item in checklist.items:
            if item.id not in old_home:
                added = Text.of(
                    N_("item '%(item)s' in '%(checklist)s'"), item=item.id, checklist=checklist.id
                )
                out.append(_line("+", added, _short(item.title)))
                continue
            home, previous = old_home[item.id]
            if home != checklist.id:
                moved = Text.of(N_("moved from '%(old)s' to '%(new)s'"), old=home, new=checklist.id)
                out.append(_line("~", Text.of(N_("item '%(item)s'"), item=item.id), moved))
            _item(out, previous, item)
    for checklist in old.checklists:
        if checklist.id not in new_lists:
            what = Text.of(N_("checklist '%(checklist)s'"), checklist=checklist.id)
            out.append(_line("-", what, _short(checklist.title)))
        for item in checklist.items:
            if item.id not in new_ids:
                gone = Text.of(
                    N_("item '%(item)s' from '%(checklist)s'"),
                    item=item.id,
                    checklist=checklist.id,
                )
                said = Text.of(
                    N_("%(text)s (answers to it are no longer shown)"), text=_short(item.title)
                )
                out.append(_line("-", gone, said))
    before_contacts = {c.name: c for c in old.contacts}
    after_contacts = {c.name: c for c in new.contacts}
    for name in after_contacts.keys() - before_contacts.keys():
        out.append(Text.of("+ %(contact)s", contact=_contact(name)))
    for name in before_contacts.keys() - after_contacts.keys():
        out.append(Text.of("- %(contact)s", contact=_contact(name)))
    for name in sorted(before_contacts.keys() & after_contacts.keys()):
        a, b = before_contacts[name], after_contacts[name]
        for field_name in ("offers", "website", "languages", "checked"):
            _field(out, _contact(name), field_name, getattr(a, field_name), getattr(b, field_name))
    for lang in sorted(set(new_side.languages) - set(old_side.languages)):
        out.append(_line("+", _translation(lang), new_side.coverage[lang]))
    for lang in sorted(set(old_side.languages) - set(new_side.languages)):
        out.append(Text.of("- %(translation)s", translation=_translation(lang)))
    for lang in sorted(set(old_side.languages) & set(new_side.languages)):
        coverage = Text.of(N_("coverage"))
        _field(out, _translation(lang), coverage, old_side.coverage[lang], new_side.coverage[lang])
    if out and new.version <= old.version and old.id == new.id:
        out.insert(
            0,
            Text.of(
                "! %(said)s",
                said=Text.of(
                    N_(
                        "version %(new)s is not higher than %(old)s: users who have the old "
                        "one keep it, or refuse this one"
                    ),
                    new=new.version,
                    old=old.version,
                ),
            ),
        )
    return out


def _contact(name: str) -> Text:
    return Text.of(N_("contact %(name)s"), name=_short(name))


def _translation(lang: str) -> Text:
    return Text.of(N_("translation %(lang)s"), lang=lang)
