from __future__ import annotations

import datetime as dt
import re

import pytest

from safetykit import i18n
from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.packs.model import Origin
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import CSP, render_html
from tests.plan.htmlcheck import check
from tests.plan.samples import arabic_pack, english_pack

T0 = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
P = "org.example.test"
NOTE = "Ask Sam about the spare key"


def current() -> Assessment:
    return Assessment(
        "now",
        T0,
        {
            f"{P}/updates": Answer(Status.DONE),
            f"{P}/two-step-login": Answer(Status.PARTLY, NOTE, dt.date(2026, 12, 24)),
        },
    )


def render(**kw: object) -> str:
    options = PlanOptions(today=dt.date(2026, 11, 28), **kw)  # type: ignore[arg-type]
    profile: dict[str, str | list[str]] = {f"{P}/devices": ["android"], f"{P}/travel": "yes"}
    previous = Assessment("before", T0 - dt.timedelta(days=30), {})
    return render_html(build_plan([english_pack()], profile, current(), previous, options))


@pytest.mark.parametrize("detail", ["actions", "full"])
@pytest.mark.parametrize("notes", [False, True])
def test_plan_is_self_contained_and_inert(detail: str, notes: bool) -> None:
    report = check(render(detail=detail, notes=notes))
    assert report.problems == []
    # default-src does not cover form-action or base-uri: both are named (issue 12.12).
    assert (
        report.csp
        == CSP
        == (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            "form-action 'none'; base-uri 'none'"
        )
    )
    assert report.lang == "en" and report.dir == "ltr"


def test_full_plan_has_everything_a_reader_needs() -> None:
    html = render(detail="full")
    report = check(html)
    text = report.all_text
    for title in ("Turn on two-step login", "Use a password manager", "Store recovery codes"):
        assert title in text
    assert "Install updates" not in text  # done: not a priority
    assert "Do the first thing." in text  # steps
    assert text.count("☐") >= 6  # a tick box per priority
    assert "December 24, 2026" in text  # due date
    assert "Critical risk" in text and "takes minutes" in text
    assert "Unblocks: “Store recovery codes offline”" in text  # why-here names it
    assert "Test pack" in text and "November 20, 2026" in text  # pack and review date
    assert "Example Helpline" in text and "https://helpline.example.org" in text
    assert "cannot protect you from" in text
    assert "Change" in text and "+" in text  # change against the earlier assessment
    assert len(report.images) == 1 and report.images[0].startswith("data:image/svg+xml;base64,")
    assert "@page" in html and "size: A4" in html
    # Qt's rich-text subset: no layout it cannot follow.
    for banned in ("display: flex", "display:flex", "display: grid", "var(", "<script"):
        assert banned not in html


def test_title_is_neutral_and_notes_only_on_request() -> None:
    html = render()
    assert "<title>Action plan</title>" in html
    for word in ("safety", "security", "threat", "surveillance", "fear"):
        assert word not in html.split("<title>")[1].split("</title>")[0].lower()
    text = check(html).all_text
    assert NOTE not in text
    assert "Which devices do you use?" not in text  # profile answers stay out
    with_notes = check(render(notes=True)).all_text
    assert NOTE in with_notes
    assert "Which devices do you use?" in with_notes and "Android phone" in with_notes
    assert "Do you travel?" in with_notes


def test_actions_detail_is_short() -> None:
    full = check(render(detail="full")).all_text
    short = check(render(detail="actions")).all_text
    assert len(short) < len(full) * 0.7
    assert "Turn on two-step login" in short
    assert "Checklists used" not in short


def test_letter_paper() -> None:
    assert "size: letter" in render(paper="letter")


def test_unverified_pack_is_marked() -> None:
    import dataclasses

    pack = dataclasses.replace(english_pack(), verified=False)
    html = render_html(build_plan([pack], {}, None, None, PlanOptions()))
    text = check(html).all_text
    assert text.count("unverified") >= 3  # the pack, its items and its contact


def test_arabic_plan_is_right_to_left() -> None:
    plan = build_plan([arabic_pack()], {}, None, None, PlanOptions(lang="ar"))
    html = render_html(plan)
    report = check(html)
    assert report.problems == []
    assert report.lang == "ar" and report.dir == "rtl"
    assert "استخدم مدير كلمات المرور" in report.all_text
    assert 'align="right"' in html  # headers start on the right


def test_persian_is_right_to_left_too() -> None:
    plan = build_plan([english_pack()], {}, None, None, PlanOptions(lang="fa"))
    assert check(render_html(plan)).dir == "rtl"


def test_nothing_left_to_do() -> None:
    pack = english_pack()
    done = Assessment("x", T0, {f"{P}/{i.id}": Answer(Status.DONE) for i in pack.items()})
    text = check(render_html(build_plan([pack], {}, done, None, PlanOptions()))).all_text
    assert "Nothing is left to do" in text


def test_rtl_tables_are_mirrored_explicitly() -> None:
    """Qt does not mirror table columns: the template lays RTL rows out reversed."""
    rtl = render_html(build_plan([arabic_pack()], {}, None, None, PlanOptions(lang="ar")))
    ltr = render_html(build_plan([english_pack()], {}, None, None, PlanOptions(lang="en")))
    for html, box_first in ((ltr, True), (rtl, False)):
        row = html.split('<table class="item" dir="ltr"', 1)[1].split("</tr>", 1)[0]
        cells = row.split("<td")[1:]
        assert ("☐" in cells[0]) is box_first
        assert ("☐" in cells[-1]) is not box_first
    area = rtl.split("<tr>", 2)[1]
    arabic = i18n.translations("ar").gettext
    # The last column (Not relevant) comes first, so the first (Area) is on the right.
    assert area.index(arabic("Not relevant")) < area.index(arabic("Area"))


def test_pack_text_keeps_its_own_direction() -> None:
    """An untranslated English pack in an Arabic plan stays left to right."""
    mixed = render_html(build_plan([english_pack()], {}, None, None, PlanOptions(lang="ar")))
    assert check(mixed).dir == "rtl"
    assert '<ol class="steps" dir="ltr">' in mixed
    arabic = render_html(build_plan([arabic_pack()], {}, None, None, PlanOptions(lang="ar")))
    assert '<ol class="steps" dir="rtl">' in arabic


@pytest.mark.parametrize("lang", ["es", "fr", "ar", "fa", "ru"])
def test_plan_wording_is_translated(lang: str) -> None:
    """Every launch language has the plan's own wording, not English headings."""
    html = render_html(build_plan([english_pack()], {}, None, None, PlanOptions(lang=lang)))
    text = check(html).all_text
    for english in ("What this plan cannot protect you from", "Where to get help"):
        heading = i18n.translations(lang).gettext(english)
        assert heading != english
        assert heading in text
        assert english not in text


# Words a plan found in a bag at a checkpoint must not carry in its title or headings.
REVEALING = ("safe", "secur", "threat", "surveil", "attack", "spy", "danger", "fear", "harass")


@pytest.mark.parametrize("detail", ["actions", "full"])
def test_title_and_headings_say_nothing_revealing(detail: str) -> None:
    html = render(detail=detail, notes=True)
    headings = re.findall(r"<(title|h1|h2)>(.*?)</\1>", html, re.S)
    assert len(headings) >= 4
    for tag, text in headings:
        for word in REVEALING:
            assert word not in text.lower(), (tag, text)


def test_packs_are_listed_with_version_and_review_date() -> None:
    html = render(detail="full")
    row = re.search(r"<tr>(<td[^>]*><p[^>]*><b>Test pack</b>.*?)</tr>", html, re.S)
    assert row, "no row for the pack"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    assert cells[1] == "3"  # version
    assert cells[2] == "Nov 20, 2026"  # review date, short: the column is narrow
    assert "Licence: CC-BY-SA-4.0" in cells[3] and "built in" in cells[3]


def test_unverified_pack_row_says_so() -> None:
    import dataclasses

    pack = dataclasses.replace(english_pack(), verified=False, origin=Origin.IMPORTED)
    html = render_html(build_plan([pack], {}, None, None, PlanOptions()))
    row = re.search(r"<tr>(<td[^>]*><p[^>]*><b>Test pack</b>.*?)</tr>", html, re.S)
    assert row and "unverified" in row.group(1) and "not signed by a trusted key" in row.group(1)


def test_profile_answers_keep_the_packs_direction_in_an_rtl_plan() -> None:
    """An English question in an Arabic plan must not show its "?" at the front."""
    profile: dict[str, str | list[str]] = {f"{P}/devices": ["android"], f"{P}/travel": "yes"}
    options = PlanOptions(lang="ar", notes=True)
    html = render_html(build_plan([english_pack()], profile, None, None, options))
    assert '<p dir="ltr">Which devices do you use?</p>' in html
    assert '<p dir="ltr">Android phone</p>' in html
