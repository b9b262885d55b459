"""The order in which to work through the open items (DESIGN §6).

Open items (``todo``, ``partly`` or unanswered) come by risk, most harmful first, then
by effort, quickest first, and always after the open items they depend on. A
dependency never hides an item; it only moves it. An item that others wait on takes
the highest risk among the open items waiting on it, directly or through a chain,
because leaving it undone leaves those undone too. Each priority keeps what is needed
to say why it is where it is: its risk (and whether it was raised), its effort, what
it unblocks and what it waits for.

What an item unblocks, and which waiting items raised its risk, are given as a few
items (at most NAMED, the first in catalogue order) and a count or a "more" flag, not
as full lists: in a dense dependency graph (10,000 items each waiting on the previous
two) the full sets of items waiting on each item, directly or through a chain, add up
to a quadratic 3.6 GB; the few items keep memory linear in the size of the graph.

Within the same risk, items that apply because of a situation the person chose (a
shutdown, a lawsuit, threats at home) come before generic items, and so do the open
items they wait on: someone in a shutdown should not find their shutdown items
after every generic item of the same risk. Playbooks (first-hour guides for an
emergency) are not to-dos and are left out altogether.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from safetykit.assessment.applicability import ApplicableItem, Situation
from safetykit.assessment.records import Answer, Assessment
from safetykit.packs.model import Risk, qualified

_Key = Callable[[int], tuple[int, int, int, int]]
NAMED = 3  # items named in "unblocks" and "raised by"; the rest are counted


@dataclass(frozen=True)
class Priority:
    rank: int  # 1 for the first thing to do
    entry: ApplicableItem
    answer: Answer
    risk: Risk  # effective risk: the item's own, or higher if others wait on it
    # Open items, directly or through a chain waiting on this one, whose risk raised
    # this one's: the first NAMED in catalogue order; raised_by_more if there are more.
    raised_by: tuple[ApplicableItem, ...]
    # Open items that directly depend on this one: the first NAMED, and how many in all.
    unblocks: tuple[ApplicableItem, ...]
    after: tuple[ApplicableItem, ...]  # open items this one depends on
    unblocks_count: int = 0
    raised_by_more: bool = False
    # Ranked with the situation items: its own, or an open item waiting on it, applies
    # because of a situation the person chose.
    situational: bool = False

    @property
    def qualified_id(self) -> str:
        return self.entry.qualified_id

    @property
    def situations(self) -> tuple[Situation, ...]:
        """The chosen situations that make the item itself apply (empty when it ranks
        with them only because a situation item waits on it)."""
        return self.entry.situations

    @property
    def raised(self) -> bool:
        return self.risk is not self.entry.item.risk


def open_items(
    applicable: Sequence[ApplicableItem], assessment: Assessment | None
) -> list[tuple[ApplicableItem, Answer]]:
    """Applicable to-do items still open, with their answers, in catalogue order."""
    found = []
    for entry in applicable:
        if entry.is_playbook:
            continue
        answer = assessment.answer(entry.qualified_id) if assessment else Answer()
        if answer.status.is_open:
            found.append((entry, answer))
    return found


def prioritise(
    applicable: Sequence[ApplicableItem], assessment: Assessment | None
) -> list[Priority]:
    """Every open item exactly once, in the order to do them."""
    pending = open_items(applicable, assessment)
    index = {entry.qualified_id: n for n, (entry, _) in enumerate(pending)}
    entries = [entry for entry, _ in pending]

    # Edges between open items only: a dependency that is done, na or does not apply
    # is satisfied and no longer orders anything.
    needs: list[list[int]] = [[] for _ in entries]
    waiters: list[list[int]] = [[] for _ in entries]
    for n, entry in enumerate(entries):
        for dep in entry.item.depends_on:
            m = index.get(qualified(entry.pack.id, dep))
            if m is not None and m != n and m not in needs[n]:
                needs[n].append(m)
                waiters[m].append(n)

    risk, raised_by = _effective_risks(entries, waiters)
    situational = _situational(entries, needs)

    def key(n: int) -> tuple[int, int, int, int]:
        return (risk[n].rank, 0 if situational[n] else 1, entries[n].item.effort.rank, n)

    order = _ordered(len(entries), needs, waiters, key)
    return [
        Priority(
            rank=position + 1,
            entry=entries[n],
            answer=pending[n][1],
            risk=risk[n],
            raised_by=tuple(entries[m] for m in raised_by[n][:NAMED]),
            unblocks=tuple(entries[m] for m in sorted(waiters[n])[:NAMED]),
            after=tuple(entries[m] for m in needs[n]),
            situational=situational[n],
            unblocks_count=len(waiters[n]),
            raised_by_more=len(raised_by[n]) > NAMED,
        )
        for position, n in enumerate(order)
    ]


def _situational(entries: Sequence[ApplicableItem], needs: Sequence[Sequence[int]]) -> list[bool]:
    """Situation items, and every open item they wait on, directly or through a chain."""
    marked = [entry.situational for entry in entries]
    stack = [n for n, flag in enumerate(marked) if flag]
    while stack:
        for m in needs[stack.pop()]:
            if not marked[m]:
                marked[m] = True
                stack.append(m)
    return marked


def _effective_risks(
    entries: Sequence[ApplicableItem], waiters: Sequence[Sequence[int]]
) -> tuple[list[Risk], list[list[int]]]:
    """Each item's highest risk over itself and everything waiting on it, transitively.

    Returns the risks and, for raised items, the first NAMED + 1 (in catalogue order)
    of the waiting items that carry that risk: one more than are named, to tell whether
    there are more. The first k of a union are the first k of the parts' first k, so
    keeping NAMED + 1 per item is exact and linear.
    Items are taken waiters first, so each one's answer comes from its direct waiters'
    (linear in the size of the graph, where a walk from every item was quadratic: 0.6 s
    for a chain of 2,000). Damaged data with a cycle has no such order: then the walk.
    """
    count = len(entries)
    left = [len(waiters[n]) for n in range(count)]
    needs: list[list[int]] = [[] for _ in range(count)]
    for n in range(count):
        for w in waiters[n]:
            needs[w].append(n)
    ready = [n for n in range(count) if left[n] == 0]
    order: list[int] = []
    while ready:
        n = ready.pop()
        order.append(n)
        for m in needs[n]:
            left[m] -= 1
            if left[m] == 0:
                ready.append(m)
    if len(order) < count:
        return _effective_risks_by_walk(entries, waiters)

    own = [entry.item.risk for entry in entries]
    best = list(own)
    # carry[n]: the first NAMED + 1 items reachable over waiters (not n itself) whose
    # own risk is best[n].
    carry: list[list[int]] = [[] for _ in range(count)]
    for n in order:
        for w in waiters[n]:
            if best[w].rank < best[n].rank:
                best[n] = best[w]
        found: set[int] = set()
        for w in waiters[n]:
            if best[w] is best[n]:
                found.update(carry[w])
                if own[w] is best[n]:
                    found.add(w)
        carry[n] = heapq.nsmallest(NAMED + 1, found)
    return best, [carry[n] if best[n] is not own[n] else [] for n in range(count)]


def _effective_risks_by_walk(
    entries: Sequence[ApplicableItem], waiters: Sequence[Sequence[int]]
) -> tuple[list[Risk], list[list[int]]]:
    """As _effective_risks, by a walk from each item; the visited set stops at cycles."""
    risks: list[Risk] = []
    carriers: list[list[int]] = []
    for start, entry in enumerate(entries):
        best = entry.item.risk
        seen = {start}
        stack = list(waiters[start])
        reached: list[int] = []
        while stack:
            m = stack.pop()
            if m in seen:
                continue
            seen.add(m)
            reached.append(m)
            stack.extend(waiters[m])
            if entries[m].item.risk.rank < best.rank:
                best = entries[m].item.risk
        risks.append(best)
        carriers.append(
            sorted(m for m in reached if entries[m].item.risk is best)[: NAMED + 1]
            if best is not entry.item.risk
            else []
        )
    return risks, carriers


def _ordered(
    count: int,
    needs: Sequence[Sequence[int]],
    waiters: Sequence[Sequence[int]],
    key: _Key,
) -> list[int]:
    """Kahn's topological sort, always taking the best ready item by ``key``.

    If damaged data holds a cycle, the best remaining item is released so that no item
    is ever lost from the plan.
    """
    missing = [len(needs[n]) for n in range(count)]
    ready = [key(n) for n in range(count) if missing[n] == 0]
    heapq.heapify(ready)
    placed = [False] * count
    order: list[int] = []
    while len(order) < count:
        if not ready:  # a cycle: release the best item not yet placed
            n = min((n for n in range(count) if not placed[n]), key=key)
            heapq.heappush(ready, key(n))
            missing[n] = 0
        n = heapq.heappop(ready)[-1]
        if placed[n]:
            continue
        placed[n] = True
        order.append(n)
        for m in waiters[n]:
            missing[m] -= 1
            if missing[m] == 0 and not placed[m]:
                heapq.heappush(ready, key(m))
    return order
