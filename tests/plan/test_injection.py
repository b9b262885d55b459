"""Hostile text in pack content, notes and profile answers stays literal text."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.packs.model import Checklist, Contact, Option, Question, QuestionKind
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html
from safetykit.plan.text import clean
from tests.plan.corpus import HOSTILE
from tests.plan.htmlcheck import Report, check
from tests.plan.samples import DAY, item, pack

PACK_ID = "org.example.hostile"
T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def test_corpus_is_big_enough() -> None:
    assert len(set(HOSTILE)) >= 50


def hostile_plan(strings: tuple[str, ...], notes: bool, lang: str = "en") -> str:
    items = tuple(item(f"i{n}", s, why=s, steps=(s, "plain step")) for n, s in enumerate(strings))
    questions = [
        Question(f"q{n}", s, QuestionKind.MULTI, options=(Option("v", s),))
        for n, s in enumerate(strings)
    ]
    questions.append(Question("yn", "Yes or no?", QuestionKind.YES_NO))
    contacts = tuple(
        Contact(name=s, offers=s, website=s, languages=(s,), checked=DAY) for s in strings
    )
    the_pack = pack(
        (Checklist("c", strings[0], strings[-1], items),),
        ident=PACK_ID,
        name=strings[1 % len(strings)],
        contacts=contacts,
        questions=tuple(questions),
    )
    # Profile answers: the option (its label is hostile) and raw hostile values.
    profile: dict[str, str | list[str]] = {
        f"{PACK_ID}/q{n}": ["v", s] for n, s in enumerate(strings)
    }
    profile[f"{PACK_ID}/yn"] = strings[2 % len(strings)]
    answers = {
        f"{PACK_ID}/i{n}": Answer(Status.TODO, note=s, due=dt.date(2026, 12, 1))
        for n, s in enumerate(strings)
    }
    plan = build_plan(
        [the_pack],
        profile,
        Assessment("a", T0, answers),
        None,
        PlanOptions(lang=lang, notes=notes),
    )
    return render_html(plan)


def structure_without_chart(report: Report) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter(report.structure)


@pytest.mark.parametrize("notes", [False, True])
def test_hostile_strings_never_become_markup(notes: bool) -> None:
    html = hostile_plan(HOSTILE, notes)
    report = check(html)
    assert report.problems == []
    # The same plan with harmless strings has exactly the same elements and
    # attributes: nothing in the hostile text opened a tag or added an attribute.
    benign = check(hostile_plan(tuple(f"text {n}" for n in range(len(HOSTILE))), notes))
    assert structure_without_chart(report) == structure_without_chart(benign)


@pytest.mark.parametrize("notes", [False, True])
def test_hostile_strings_come_out_as_literal_text(notes: bool) -> None:
    text = check(hostile_plan(HOSTILE, notes)).all_text
    for s in HOSTILE:
        # Bidi overrides and non-printing controls are removed (see plan/text.py);
        # everything else appears exactly as written.
        assert clean(s) in text, s[:60]
    assert "looplooploop" not in text  # template syntax was never evaluated


def test_notes_and_profile_answers_appear_only_with_notes() -> None:
    marker = "<b>private-note-marker</b>"
    strings = (*HOSTILE[:3], marker)
    without = check(hostile_plan(strings, notes=False)).all_text
    # The marker is also a pack string here, so count its places instead.
    with_notes = check(hostile_plan(strings, notes=True)).all_text
    assert with_notes.count(marker) > without.count(marker)


def test_bidi_controls_are_removed_everywhere() -> None:
    html = hostile_plan(HOSTILE, notes=True)
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert control not in html


def test_rtl_plan_with_hostile_text_is_inert() -> None:
    report = check(hostile_plan(HOSTILE, notes=True, lang="ar"))
    assert report.problems == [] and report.dir == "rtl"


def test_every_plan_encodes_and_its_chart_parses() -> None:
    """Text no encoder or XML parser accepts (lone surrogates, noncharacters) is dropped."""
    import base64
    import xml.etree.ElementTree as ET

    strange = tuple(s for s in HOSTILE if "surrogate" in s or "\uffff" in s)
    assert len(strange) == 2
    html = hostile_plan((strange[1], *HOSTILE), notes=True)  # the first names the category
    html.encode("utf-8")  # no UnicodeEncodeError when the file is written
    (image,) = check(html).images
    # Qt would drop an ill-formed SVG. (Our own output, not untrusted XML.)
    ET.fromstring(base64.b64decode(image.split(",", 1)[1]))  # noqa: S314


def test_hostile_notes_and_profile_answers_alone_come_out_literal() -> None:
    """With harmless pack text, every hostile note and answer is found as written."""
    n = len(HOSTILE)
    items = tuple(item(f"i{k}", f"Item {k}") for k in range(n))
    questions = tuple(Question(f"q{k}", f"Question {k}?", QuestionKind.CHOICE) for k in range(n))
    the_pack = pack((Checklist("c", "Area", "", items),), ident=PACK_ID, questions=questions)
    profile: dict[str, str | list[str]] = {f"{PACK_ID}/q{k}": s for k, s in enumerate(HOSTILE)}
    notes = {f"{PACK_ID}/i{k}": Answer(Status.TODO, note=s) for k, s in enumerate(HOSTILE)}
    current = Assessment("a", T0, notes)
    plan = build_plan([the_pack], profile, current, None, PlanOptions(notes=True))
    report = check(render_html(plan))
    assert report.problems == []
    text = report.all_text
    # Each string twice: once as a note, once as a profile answer.
    for s in HOSTILE:
        assert text.count(clean(s)) >= 2, s[:60]
    hidden = build_plan([the_pack], profile, current, None, PlanOptions(notes=False))
    quiet = check(render_html(hidden)).all_text
    assert not any(clean(s) in quiet for s in HOSTILE if len(clean(s)) > 12)
