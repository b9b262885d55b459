from __future__ import annotations

import dataclasses
import datetime as dt

from safetykit.assessment.records import Answer
from safetykit.packs.catalog import builtin_packs
from safetykit.packs.model import Pack
from safetykit.plan import demo
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html
from tests.plan.htmlcheck import check


def core() -> Pack:
    return next(p for p in builtin_packs("en") if p.id == demo.PACK)


def test_demo_matches_the_core_pack() -> None:
    pack = core()
    previous, current = demo.demo_assessments(dt.date(2026, 11, 28))
    assert previous.started < current.started
    known = {f"{pack.id}/{item.id}" for item in pack.items()}
    # Most demo answers name real items; the content may drift, the demo must not rot.
    assert len(set(current.answers) & known) >= len(current.answers) * 0.7
    questions = {f"{pack.id}/{q.id}" for q in pack.questions}
    assert set(demo.demo_profile()) <= questions


def test_demo_survives_item_ids_that_no_longer_exist() -> None:
    previous, current = demo.demo_assessments(dt.date(2026, 11, 28))
    stale = dataclasses.replace(
        current,
        answers={**current.answers, f"{demo.PACK}/an-item-that-was-removed": Answer()},
    )
    plan = build_plan([core()], demo.demo_profile(), stale, previous, PlanOptions(demo=True))
    report = check(render_html(plan))
    assert report.problems == []
    assert plan.priorities


def test_demo_without_the_core_pack_still_renders() -> None:
    previous, current = demo.demo_assessments()
    plan = build_plan([], demo.demo_profile(), current, previous, PlanOptions(demo=True))
    assert check(render_html(plan)).problems == []
