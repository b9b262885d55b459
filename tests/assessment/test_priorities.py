from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from safetykit.assessment.applicability import applicable_items
from safetykit.assessment.priorities import prioritise
from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.packs.model import Checklist, Effort, Risk
from tests.plan.samples import english_pack, item, pack

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def titles(priorities: list) -> list[str]:  # type: ignore[type-arg]
    return [p.entry.item.id for p in priorities]


def test_order_risk_then_effort_then_dependencies() -> None:
    order = titles(prioritise(applicable_items([english_pack()], {}), None))
    # Critical first, the quicker one (minutes) before the longer (hours); the low
    # recovery-codes waits on two-step-login and keeps its own low risk, so comes last.
    assert order[:2] == ["two-step-login", "password-manager"]
    assert order.index("password-manager") < order.index("unique-passphrases")
    assert order[-1] == "recovery-codes"
    assert set(order) == {i.id for i in english_pack().items()}


def test_dependency_takes_the_highest_risk_of_what_waits_on_it() -> None:
    checklist = Checklist(
        "c",
        "C",
        "",
        (
            item("base", "Base", Risk.LOW, Effort.DAYS),
            item("middle", "Middle", Risk.MEDIUM, Effort.DAYS, depends_on=("base",)),
            item("top", "Top", Risk.CRITICAL, Effort.MINUTES, depends_on=("middle",)),
            item("other", "Other", Risk.HIGH, Effort.MINUTES),
        ),
    )
    result = prioritise(applicable_items([pack((checklist,))], {}), None)
    assert titles(result) == ["base", "middle", "top", "other"]
    base = result[0]
    assert base.risk is Risk.CRITICAL and base.raised
    assert [e.item.id for e in base.raised_by] == ["top"]
    assert [e.item.id for e in base.unblocks] == ["middle"]
    assert [e.item.id for e in result[2].after] == ["middle"]
    assert not result[3].raised and result[3].rank == 4


def test_done_items_leave_and_satisfied_dependencies_stop_ordering() -> None:
    items = applicable_items([english_pack()], {})
    current = Assessment(
        "a",
        T0,
        {
            "org.example.test/password-manager": Answer(Status.DONE),
            "org.example.test/updates": Answer(Status.NA),
            "org.example.test/two-step-login": Answer(Status.PARTLY),
        },
    )
    result = prioritise(items, current)
    ids = titles(result)
    assert "password-manager" not in ids and "updates" not in ids
    assert "two-step-login" in ids  # partly is still open
    unique = next(p for p in result if p.entry.item.id == "unique-passphrases")
    assert unique.after == ()


def test_a_cycle_in_damaged_data_loses_nothing() -> None:
    checklist = Checklist(
        "c",
        "C",
        "",
        (
            item("a", "A", Risk.LOW, depends_on=("b",)),
            item("b", "B", Risk.HIGH, depends_on=("a",)),
            item("c", "C", Risk.MEDIUM),
        ),
    )
    result = prioritise(applicable_items([pack((checklist,))], {}), None)
    assert sorted(titles(result)) == ["a", "b", "c"]


@st.composite
def random_packs(draw: st.DrawFn) -> tuple[object, dict[str, Status]]:
    count = draw(st.integers(min_value=1, max_value=25))
    items = []
    statuses: dict[str, Status] = {}
    for n in range(count):
        # Dependencies only on earlier items: a validated pack has no cycles.
        deps = draw(st.lists(st.integers(0, n - 1), max_size=3, unique=True)) if n else []
        items.append(
            item(
                f"i{n}",
                f"Item {n}",
                draw(st.sampled_from(list(Risk))),
                draw(st.sampled_from(list(Effort))),
                depends_on=tuple(f"i{d}" for d in deps),
            )
        )
        statuses[f"org.example.test/i{n}"] = draw(st.sampled_from(list(Status)))
    return pack((Checklist("c", "C", "", tuple(items)),)), statuses


@settings(max_examples=150, deadline=None)
@given(random_packs())
def test_properties_every_dependency_first_nothing_lost(case: tuple[object, dict]) -> None:  # type: ignore[type-arg]
    the_pack, statuses = case
    items = applicable_items([the_pack], {})  # type: ignore[list-item]
    current = Assessment("a", T0, {k: Answer(v) for k, v in statuses.items()})
    result = prioritise(items, current)
    open_ids = {e.item.id for e in items if current.answer(e.qualified_id).status.is_open}
    ids = titles(result)
    assert sorted(ids) == sorted(open_ids)  # every open item exactly once
    position = {x: n for n, x in enumerate(ids)}
    by_id = {e.item.id: e.item for e in items}
    for p in result:
        for dep in p.entry.item.depends_on:
            if dep in position:
                assert position[dep] < position[p.entry.item.id]
    for n, p in enumerate(result):
        assert p.rank == n + 1
        # effective risk is at least the item's own and at least any open waiter's
        assert p.risk.rank <= p.entry.item.risk.rank
        for waiter in p.unblocks:
            assert p.risk.rank <= result[position[waiter.item.id]].risk.rank
            assert p.entry.item.id in by_id[waiter.item.id].depends_on
    # Without dependencies the order is exactly risk, then effort, then pack order.
    if not any(p.after for p in result):
        keys = [(p.risk.rank, p.entry.item.effort.rank) for p in result]
        assert keys == sorted(keys)


@settings(max_examples=150, deadline=None)
@given(random_packs())
def test_effective_risks_agree_with_a_walk_from_every_item(case: tuple[object, dict]) -> None:  # type: ignore[type-arg]
    """The linear computation gives the same risks and carriers as the plain walk."""
    from safetykit.assessment.priorities import _effective_risks, _effective_risks_by_walk

    the_pack, _ = case
    entries = applicable_items([the_pack], {})  # type: ignore[list-item]
    index = {e.item.id: n for n, e in enumerate(entries)}
    waiters: list[list[int]] = [[] for _ in entries]
    for n, e in enumerate(entries):
        for dep in e.item.depends_on:
            waiters[index[dep]].append(n)
    assert _effective_risks(entries, waiters) == _effective_risks_by_walk(entries, waiters)


def test_long_dependency_chain_is_ordered() -> None:
    """A 3,000-item chain (its speed is measured in benchmarks/bench_plan.py, and its
    memory in test_priorities_memory.py, not asserted here)."""
    n = 3000
    chain = tuple(
        item(
            f"i{k}",
            f"I{k}",
            Risk.CRITICAL if k == 0 else Risk.LOW,
            depends_on=(f"i{k + 1}",) if k + 1 < n else (),
        )
        for k in range(n)
    )
    entries = applicable_items([pack((Checklist("c", "C", "", chain),))], {})
    result = prioritise(entries, None)
    assert [p.entry.item.id for p in result][:2] == [f"i{n - 1}", f"i{n - 2}"]
    assert all(p.risk is Risk.CRITICAL for p in result)
    assert [e.item.id for e in result[0].raised_by] == ["i0"]
