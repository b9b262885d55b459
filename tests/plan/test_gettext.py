"""Every fixed string of the plan goes through gettext (so it can be translated).

A pseudo-translation wraps each translated string in ⟦…⟧. After taking out the
wrapped parts and the pack's and user's own text, only punctuation, digits and
layout marks may remain: anything else is an untranslatable string.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re

import pytest

from safetykit import i18n
from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.plan import render
from safetykit.plan.content import PlanOptions, build_plan
from tests.plan.htmlcheck import check
from tests.plan.samples import english_pack

PSEUDO = "qps-ploc"


class Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"


@pytest.mark.parametrize("detail", ["full", "actions"])
def test_no_fixed_string_escapes_gettext(monkeypatch: pytest.MonkeyPatch, detail: str) -> None:
    real = i18n.translations
    monkeypatch.setattr(
        i18n, "translations", lambda lang: Pseudo() if lang == PSEUDO else real(lang)
    )
    render.environment.cache_clear()
    pack = english_pack()
    p = pack.id
    current = Assessment(
        "a",
        dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        {
            f"{p}/updates": Answer(Status.DONE),
            f"{p}/two-step-login": Answer(Status.PARTLY, "a note", dt.date(2026, 12, 1)),
        },
    )
    previous = Assessment("b", dt.datetime(2026, 10, 1, tzinfo=dt.UTC), {})
    profile: dict[str, str | list[str]] = {f"{p}/devices": ["android"], f"{p}/travel": "yes"}
    plan = build_plan(
        [pack], profile, current, previous, PlanOptions(lang=PSEUDO, detail=detail, notes=True)
    )
    text = check(render.render_html(plan)).all_text
    render.environment.cache_clear()

    while "⟦" in text:  # translated strings nest (a label inside a sentence)
        text, count = re.subn(r"⟦[^⟦⟧]*⟧", " ", text)
        assert count, text[:200]
    own: list[str] = [pack.name, pack.id, pack.publisher, "a note"]
    for checklist in pack.checklists:
        own.append(checklist.title)
        for item in checklist.items:
            own += [item.title, item.why, *item.steps]
    for contact in pack.contacts:
        own += [contact.name, contact.offers, contact.website, *contact.languages]
    for question in pack.questions:
        own += [question.text, *(o.label for o in question.options)]
    for piece in sorted(own, key=len, reverse=True):
        text = text.replace(piece, " ")
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text)  # dates (ISO for an unknown locale)
    leftover = re.sub(r"[\s\d.,:;·—–−±+%☐_()“”\"'\u200e\u200f-]+", "", text)
    assert leftover == "", leftover[:200]


class Hostile(gettext.NullTranslations):
    """A catalog whose every translation tries to add markup (a live link, a form)."""

    def gettext(self, message: str) -> str:
        return f'<a href="https://evil.example/">{message}</a><form action="x"></form>'

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def test_a_hostile_catalog_adds_text_never_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    real = i18n.translations
    monkeypatch.setattr(
        i18n, "translations", lambda lang: Hostile() if lang == PSEUDO else real(lang)
    )
    render.environment.cache_clear()
    pack = english_pack()
    current = Assessment(
        "a",
        dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        {f"{pack.id}/two-step-login": Answer(Status.PARTLY, "a note", dt.date(2026, 12, 1))},
    )
    plan = build_plan([pack], {}, current, None, PlanOptions(lang=PSEUDO, notes=True))
    html = render.render_html(plan)
    render.environment.cache_clear()
    report = check(html)  # parses the page; raises on anything outside the allowed set
    tags = {tag for tag, _ in report.structure}
    assert "a" not in tags and "form" not in tags
    assert "<a " not in html and "<form" not in html
    assert '&lt;a href="https://evil.example/"&gt;' in html or (
        "&lt;a href=&#34;https://evil.example/&#34;&gt;" in html
    )
    assert 'href="https://evil.example/"' in report.all_text  # shown as text, inert
