"""Issue 12.11: priorities use memory linear in the dependency graph, also when it is
dense, and "what this unblocks" is a few items and a count. Memory is measured with
tracemalloc (allocation sizes do not depend on the machine's speed or load)."""

from __future__ import annotations

import tracemalloc

from safetykit.assessment.applicability import ApplicableItem, applicable_items
from safetykit.assessment.explain import why_here
from safetykit.assessment.priorities import NAMED, prioritise
from safetykit.packs.model import Checklist, Risk
from tests.plan.samples import item, pack


def dense(n: int, risk: Risk = Risk.HIGH, first: Risk | None = None) -> list[ApplicableItem]:
    """``n`` items, each depending on the two before it (what a hostile pack can send)."""
    items = tuple(
        item(
            f"i{k}",
            f"I{k}",
            first if first is not None and k == 0 else risk,
            depends_on=tuple(f"i{j}" for j in (k - 1, k - 2) if j >= 0),
        )
        for k in range(n)
    )
    return applicable_items([pack((Checklist("c", "C", "", items),))], {})


def peak_bytes(entries: list[ApplicableItem]) -> int:
    tracemalloc.start()
    try:
        prioritise(entries, None)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_linearly_with_a_dense_graph() -> None:
    """Four times the items take about four times the memory. The full sets of waiting
    items took 38 MiB for 1,000 items and 594 MiB for 4,000 (15.7 times: quadratic;
    10,000 items took 3.6 GB)."""
    small, large = dense(1000), dense(4000)
    peak_bytes(small)  # warm caches (enum lookups, heapq) outside the measurement
    ratio = peak_bytes(large) / peak_bytes(small)
    assert ratio < 6, ratio
    assert peak_bytes(large) < 16 * 2**20


def test_ten_thousand_dense_items_fit_in_a_small_bound() -> None:
    entries = dense(10_000)
    assert peak_bytes(entries) < 40 * 2**20


def test_what_an_item_unblocks_is_a_few_items_and_a_count() -> None:
    # i0 is low; every other item is critical and waits on it, directly or not.
    entries = dense(50, Risk.CRITICAL, first=Risk.LOW)
    result = prioritise(entries, None)
    first = result[0]
    assert first.entry.item.id == "i0" and first.risk is Risk.CRITICAL and first.raised
    assert [e.item.id for e in first.raised_by] == ["i1", "i2", "i3"][:NAMED]
    assert first.raised_by_more
    assert [e.item.id for e in first.unblocks] == ["i1", "i2"] and first.unblocks_count == 2
    sentences = why_here(first, lambda s: s)
    assert "Its own risk is lower (Low risk), but “I1”, “I2”, “I3” and other items cannot" in (
        " ".join(sentences)
    )


def test_a_star_names_three_waiters_and_counts_the_rest() -> None:
    hub = item("hub", "Hub", Risk.LOW)
    spokes = tuple(item(f"s{k}", f"S{k}", Risk.LOW, depends_on=("hub",)) for k in range(10))
    entries = applicable_items([pack((Checklist("c", "C", "", (hub, *spokes)),))], {})
    [first] = [p for p in prioritise(entries, None) if p.entry.item.id == "hub"]
    assert [e.item.id for e in first.unblocks] == ["s0", "s1", "s2"]
    assert first.unblocks_count == 10 and not first.raised
    assert "Unblocks: “S0”, “S1”, “S2” and 7 more." in why_here(first, lambda s: s)
