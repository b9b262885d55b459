"""The guided checklist: one item at a time, by category, with undo (DESIGN §12).

``GuidedChecklist`` holds where the user is and what they can undo; every answer goes
through the Workspace into the vault body. It knows nothing of Qt: the checklist page
draws ``view()`` and calls these methods for the keys and buttons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from safetykit.assessment.applicability import ApplicableItem
from safetykit.assessment.records import MAX_NOTE_CHARS, Answer, Status
from safetykit.views.workspace import Workspace

ANSWER_ORDER = (Status.DONE, Status.PARTLY, Status.TODO, Status.NA)  # keys 1–4
UNDO_DEPTH = 50


@dataclass(frozen=True)
class CategoryProgress:
    key: tuple[str, str]
    title: str
    answered: int
    applicable: int  # to-do items; "if this happens" guides are counted apart
    current: bool
    guides: int = 0


@dataclass(frozen=True)
class ItemView:
    qualified_id: str
    title: str
    why: str
    steps: tuple[str, ...]
    risk: str
    effort: str
    sources: tuple[str, ...]
    reviewed: dt.date
    category: str
    pack_name: str
    text_dir: str  # the pack's own direction
    playbook: bool  # an "if this happens" guide: read, not answered
    pack_credit: str
    pack_license: str
    answered: bool
    status: Status
    note: str
    due: dt.date | None
    position: int  # 1-based, within the category (as filtered)
    count: int  # items in the category (as filtered)
    overall_position: int
    overall_count: int


@dataclass(frozen=True)
class _Undo:
    qualified_id: str
    before: Answer | None  # None: it was unanswered


class GuidedChecklist:
    def __init__(self, workspace: Workspace, *, open_only: bool = False) -> None:
        self.workspace = workspace
        self.open_only = open_only
        self._undo: list[_Undo] = []
        self._entries: list[ApplicableItem] = []
        self._current: str | None = None
        self.refresh()

    # --- what is shown ---

    def refresh(self) -> None:
        """Re-read the applicable items (after a profile change or a pack import)."""
        self.workspace.ensure_current()
        self._entries = self.workspace.applicable()
        shown = self._shown()
        if self._current not in {e.qualified_id for e in shown}:
            first = self._first_unanswered(shown) or (shown[0] if shown else None)
            self._current = first.qualified_id if first else None

    def _shown(self) -> list[ApplicableItem]:
        if not self.open_only:
            return list(self._entries)
        current = self.workspace.current()
        keep = []
        for entry in self._entries:
            if entry.is_playbook:
                continue  # guides are not to-dos
            answer = current.answers.get(entry.qualified_id) if current else None
            # Open means still to do; the item on screen stays until the user moves on.
            if answer is None or answer.status.is_open or entry.qualified_id == self._current:
                keep.append(entry)
        return keep

    def _first_unanswered(self, entries: list[ApplicableItem]) -> ApplicableItem | None:
        current = self.workspace.current()
        for entry in entries:
            if entry.is_playbook:
                continue
            if current is None or entry.qualified_id not in current.answers:
                return entry
        return None

    @property
    def empty(self) -> bool:
        return not self._shown()

    def categories(self) -> list[CategoryProgress]:
        current = self.workspace.current()
        order: dict[tuple[str, str], list[ApplicableItem]] = {}
        for entry in self._entries:
            order.setdefault((entry.pack.id, entry.checklist.id), []).append(entry)
        here = self._entry()
        found = []
        for key, entries in order.items():
            todo = [e for e in entries if not e.is_playbook]  # guides are not answered
            answered = sum(1 for e in todo if current and e.qualified_id in current.answers)
            found.append(
                CategoryProgress(
                    key=key,
                    title=entries[0].checklist.title,
                    answered=answered,
                    applicable=len(todo),
                    guides=len(entries) - len(todo),
                    current=here is not None and (here.pack.id, here.checklist.id) == key,
                )
            )
        return found

    def _entry(self) -> ApplicableItem | None:
        for entry in self._entries:
            if entry.qualified_id == self._current:
                return entry
        return None

    def view(self) -> ItemView | None:
        entry = self._entry()
        if entry is None:
            return None
        current = self.workspace.current()
        answer = current.answers.get(entry.qualified_id) if current else None
        shown = self._shown()
        in_category = [
            e for e in shown if (e.pack.id, e.checklist.id) == (entry.pack.id, entry.checklist.id)
        ]
        ids = [e.qualified_id for e in shown]
        from safetykit.plan.content import pack_direction

        return ItemView(
            qualified_id=entry.qualified_id,
            title=entry.item.title,
            why=entry.item.why,
            steps=entry.steps,  # only the steps for this reader's platforms
            risk=entry.item.risk.value,
            effort=entry.item.effort.value,
            sources=entry.item.sources,
            reviewed=entry.item.reviewed,
            category=entry.checklist.title,
            pack_name=entry.pack.name,
            text_dir=pack_direction(entry.pack),
            playbook=entry.is_playbook,
            pack_credit=entry.pack.credit,
            pack_license=entry.pack.license,
            answered=answer is not None,
            status=(answer or Answer()).status,
            note=(answer or Answer()).note,
            due=(answer or Answer()).due,
            position=[e.qualified_id for e in in_category].index(entry.qualified_id) + 1,
            count=len(in_category),
            overall_position=ids.index(entry.qualified_id) + 1,
            overall_count=len(ids),
        )

    # --- moving ---

    def go_to(self, qualified_id: str) -> bool:
        if any(e.qualified_id == qualified_id for e in self._entries):
            self._current = qualified_id
            return True
        return False

    def go_to_category(self, key: tuple[str, str]) -> bool:
        shown = [e for e in self._shown() if (e.pack.id, e.checklist.id) == key]
        if not shown:
            return False
        target = self._first_unanswered(shown) or shown[0]
        self._current = target.qualified_id
        return True

    def step(self, delta: int) -> bool:
        ids = [e.qualified_id for e in self._shown()]
        if self._current not in ids:
            return False
        index = ids.index(self._current) + delta
        if 0 <= index < len(ids):
            self._current = ids[index]
            return True
        return False

    def next_unanswered(self) -> bool:
        """Move to the next unanswered item after this one (wrapping round)."""
        shown = self._shown()
        ids = [e.qualified_id for e in shown]
        start = ids.index(self._current) + 1 if self._current in ids else 0
        found = self._first_unanswered(shown[start:] + shown[:start])
        if found is None:
            return False
        self._current = found.qualified_id
        return True

    def set_open_only(self, on: bool) -> None:
        self.open_only = on
        shown = self._shown()
        if self._current not in {e.qualified_id for e in shown}:
            self._current = shown[0].qualified_id if shown else None

    # --- answering ---

    def answer(self, status: Status, *, advance: bool = True) -> None:
        entry = self._entry()
        if entry is None or entry.is_playbook:
            return  # a guide for later is read, not answered
        current = self.workspace.current()
        before = current.answers.get(entry.qualified_id) if current else None
        answer = replace(before or Answer(), status=status)
        self.workspace.set_answer(entry.qualified_id, answer)
        self._push(_Undo(entry.qualified_id, before))
        if advance:
            self.step(1)

    def answer_by_key(self, number: int) -> bool:
        """Keys 1–4 choose Done, Partly, Not yet, Does not apply."""
        if 1 <= number <= len(ANSWER_ORDER):
            self.answer(ANSWER_ORDER[number - 1])
            return True
        return False

    def set_note(self, text: str) -> None:
        self._change(note=text[:MAX_NOTE_CHARS])

    def set_due(self, due: dt.date | None) -> None:
        self._change(due=due)

    def _change(self, **fields: object) -> None:
        entry = self._entry()
        if entry is None:
            return
        current = self.workspace.current()
        before = current.answers.get(entry.qualified_id) if current else None
        answer = replace(before or Answer(), **fields)  # type: ignore[arg-type]
        if answer != before:
            self.workspace.set_answer(entry.qualified_id, answer)

    def _push(self, undo: _Undo) -> None:
        self._undo.append(undo)
        del self._undo[:-UNDO_DEPTH]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Take back the last answer and show its item again; its qualified id."""
        if not self._undo:
            return None
        last = self._undo.pop()
        if last.before is None:
            self.workspace.clear_answer(last.qualified_id)
        else:
            self.workspace.set_answer(last.qualified_id, last.before)
        self.go_to(last.qualified_id)
        return last.qualified_id

    def forget(self) -> None:
        """Drop everything held (on lock)."""
        self._undo.clear()
        self._entries = []
        self._current = None
