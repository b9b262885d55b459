"""The Qt-free logic behind the desktop screens (DESIGN §12), with real vaults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from safetykit.assessment.records import MAX_NOTE_CHARS, Answer, Status
from safetykit.packs.model import QuestionKind
from safetykit.vault import Vault, VaultLocked
from safetykit.views.checklist import GuidedChecklist
from safetykit.views.dashboard import build_dashboard_view
from safetykit.views.passphrase import ESTIMATE_CAP, Hint, assess
from safetykit.views.profile import merge_answers, question_views
from safetykit.views.workspace import Workspace
from tests.helpers import make_vault
from tests.plan.samples import english_pack

PASS = "marzipan tractor lullaby"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    vault = make_vault(tmp_path, PASS)
    return Workspace(vault, [english_pack()])


# --- passphrase strength ---


@pytest.mark.parametrize(
    ("text", "acceptable"),
    [
        ("password1", False),
        ("qwertyuiop12", False),
        ("aaaaaaaaaaaaaaaa", False),
        ("Tr0ub4dor&3", False),  # too short, whatever its mix
        ("marzipan tractor lullaby", True),
        ("correct horse battery staple", True),
    ],
)
def test_passphrase_strength_uses_a_real_estimator(text: str, acceptable: bool) -> None:
    assert assess(text).acceptable is acceptable


def test_passphrase_hints_say_what_is_wrong() -> None:
    assert Hint.TOO_SHORT in assess("abc").hints
    assert Hint.COMMON in assess("password1234").hints
    assert (
        Hint.KEYBOARD in assess("qwertyuiopasdf").hints
        or Hint.COMMON in assess("qwertyuiopasdf").hints
    )
    assert Hint.REPEATS in assess("abababababababab").hints
    assert assess("marzipan tractor lullaby").hints == ()


def test_other_scripts_are_judged_by_length_and_say_so() -> None:
    short = assess("كلمة سر")
    long = assess("كلمة سر طويلة جدا للحماية من التخمين")
    assert Hint.LENGTH_ONLY in short.hints and Hint.LENGTH_ONLY in long.hints
    assert not short.acceptable
    assert long.acceptable and long.score > short.score
    assert not assess("ааааааааааааааааааа").acceptable  # long but no variety


def test_very_long_input_is_capped_before_estimation() -> None:
    text = "unrelated words make strong passphrases " * 50
    assert len(text) > ESTIMATE_CAP
    assert assess(text).score == 4  # zxcvbn alone refuses more than 72 characters


# --- workspace and profile ---


def test_profile_change_keeps_answers_of_items_that_no_longer_apply(
    workspace: Workspace,
) -> None:
    key = "org.example.test/android-lock"
    workspace.set_profile({"org.example.test/devices": ["android"]})
    assert key in [e.qualified_id for e in workspace.applicable()]
    workspace.set_answer(key, Answer(Status.DONE, note="pin set"))
    workspace.set_profile({"org.example.test/devices": ["windows"]})
    assert key not in [e.qualified_id for e in workspace.applicable()]
    current = workspace.current()
    assert current is not None and current.answers[key].note == "pin set"
    workspace.set_profile({"org.example.test/devices": ["android", "windows"]})
    assert key in [e.qualified_id for e in workspace.applicable()]


def test_questions_and_merge(workspace: Workspace) -> None:
    views = question_views(workspace.packs, {"org.example.test/travel": "yes"})
    kinds = {v.key: v.kind for v in views}
    assert kinds == {
        "org.example.test/devices": QuestionKind.MULTI,
        "org.example.test/travel": QuestionKind.YES_NO,
    }
    assert next(v for v in views if v.key.endswith("travel")).answer == "yes"
    merged = merge_answers(
        views,
        {
            "org.example.test/devices": ["android", "not-an-option"],
            "org.example.test/travel": None,  # skipped
        },
        {"org.other/kept": "yes", "org.example.test/travel": "yes"},
    )
    # Skipping removes the answer; another pack's answer is kept; unknown values dropped.
    assert merged == {"org.example.test/devices": ["android"], "org.other/kept": "yes"}


def test_workspace_refuses_edits_after_lock(workspace: Workspace) -> None:
    workspace.vault.lock()
    with pytest.raises(VaultLocked):
        workspace.set_answer("org.example.test/updates", Answer(Status.DONE))


# --- the guided checklist ---


def test_checklist_answers_advance_and_undo(workspace: Workspace) -> None:
    guide = GuidedChecklist(workspace)
    first = guide.view()
    assert first is not None and first.position == 1 and not first.answered
    assert guide.answer_by_key(1)
    second = guide.view()
    assert second is not None and second.qualified_id != first.qualified_id
    current = workspace.current()
    assert current is not None and current.answers[first.qualified_id].status is Status.DONE
    assert guide.answer_by_key(4)
    assert not guide.answer_by_key(5)
    # Undo takes back the last answer and shows its item again.
    assert guide.undo() == second.qualified_id
    view = guide.view()
    assert view is not None and view.qualified_id == second.qualified_id and not view.answered
    assert guide.undo() == first.qualified_id
    assert not workspace.was_answered(first.qualified_id)
    assert guide.undo() is None


def test_undo_restores_the_previous_answer_with_its_note(workspace: Workspace) -> None:
    guide = GuidedChecklist(workspace)
    view = guide.view()
    assert view is not None
    guide.answer(Status.PARTLY, advance=False)
    guide.set_note("halfway there")
    guide.answer(Status.DONE, advance=False)
    guide.undo()
    current = workspace.current()
    assert current is not None
    assert current.answers[view.qualified_id] == Answer(Status.PARTLY, note="halfway there")


def test_checklist_moves_filters_and_limits(workspace: Workspace) -> None:
    guide = GuidedChecklist(workspace)
    ids = []
    while True:
        view = guide.view()
        assert view is not None
        ids.append(view.qualified_id)
        if not guide.step(1):
            break
    assert len(ids) == len(workspace.applicable())
    assert not guide.step(1)
    guide.go_to(ids[0])
    guide.answer(Status.DONE)  # ids[0] done, now on ids[1]
    guide.answer(Status.NA)  # ids[1] na, now on ids[2]
    guide.set_open_only(True)
    shown = []
    guide.go_to(ids[2])
    while True:
        view = guide.view()
        assert view is not None
        shown.append(view.qualified_id)
        if not guide.step(1):
            break
    assert ids[0] not in shown and ids[1] not in shown
    guide.set_open_only(False)
    guide.go_to(ids[0])
    assert guide.next_unanswered()
    view = guide.view()
    assert view is not None and view.qualified_id == ids[2]
    guide.set_note("x" * (MAX_NOTE_CHARS + 50))
    current = workspace.current()
    assert current is not None and len(current.answers[ids[2]].note) == MAX_NOTE_CHARS
    guide.set_due(dt.date(2026, 12, 24))
    current = workspace.current()
    assert current is not None and current.answers[ids[2]].due == dt.date(2026, 12, 24)


def test_categories_count_answered_of_applicable(workspace: Workspace) -> None:
    guide = GuidedChecklist(workspace)
    assert [(c.title, c.answered, c.applicable) for c in guide.categories()] == [
        ("Accounts and passwords", 0, 4),
        ("Devices", 0, 3),
    ]
    guide.answer(Status.DONE)
    guide.answer(Status.DONE)
    assert guide.categories()[0].answered == 2
    assert guide.go_to_category(("org.example.test", "devices"))
    view = guide.view()
    assert view is not None and view.category == "Devices" and view.position == 1


# --- the dashboard ---


def test_dashboard_scores_changes_next_actions_and_overdue(workspace: Workspace) -> None:
    past = dt.date(2026, 11, 1)
    workspace.set_answer("org.example.test/password-manager", Answer(Status.DONE))
    first_view = build_dashboard_view(workspace.applicable(), workspace.current(), None, TODAY)
    assert not first_view.has_previous and first_view.overall_delta is None
    workspace.start_new()
    workspace.set_answer("org.example.test/two-step-login", Answer(Status.DONE))
    workspace.set_answer("org.example.test/updates", Answer(Status.TODO, due=past))
    current, previous = workspace.current_and_previous()
    view = build_dashboard_view(workspace.applicable(), current, previous, TODAY)
    assert view.has_previous
    assert first_view.overall is not None and view.overall is not None
    assert view.overall_delta == view.overall - first_view.overall > 0
    accounts = view.categories[0]
    assert accounts.title == "Accounts and passwords" and accounts.delta is not None
    assert accounts.delta > 0 and accounts.answered == 2 and accounts.applicable == 4
    assert len(view.next_actions) == 5
    assert "org.example.test/password-manager" not in [a.qualified_id for a in view.next_actions]
    assert [a.qualified_id for a in view.overdue] == ["org.example.test/updates"]
    assert view.overdue[0].due == past


def test_a_new_assessment_starts_from_the_previous_answers(tmp_path: Path) -> None:
    vault = make_vault(tmp_path, PASS)
    workspace = Workspace(vault, [english_pack()])
    workspace.set_answer("org.example.test/updates", Answer(Status.DONE, note="weekly"))
    vault.save()
    workspace.start_new()
    vault.save()
    vault.lock()
    again = Workspace(Vault.open(tmp_path, PASS), [english_pack()])
    history = again.assessments()
    assert len(history) == 2
    assert history[1].answers["org.example.test/updates"].note == "weekly"
    again.vault.lock()


# --- history ---


def test_history_lists_opens_compares_and_deletes(workspace: Workspace) -> None:
    from safetykit.views.history import compare, delete, history_lines, open_read_only

    t0 = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    workspace.start_new(now=t0)
    workspace.set_answer("org.example.test/password-manager", Answer(Status.DONE))
    workspace.start_new(now=t0 + dt.timedelta(days=30))
    workspace.set_answer("org.example.test/two-step-login", Answer(Status.DONE))
    lines = history_lines(workspace)
    assert len(lines) == 2
    newest, oldest = lines
    assert newest.current and not oldest.current
    assert newest.started > oldest.started
    assert newest.overall is not None and oldest.overall is not None
    assert newest.overall > oldest.overall and newest.answered == 2 and oldest.answered == 1
    old_view = open_read_only(workspace, oldest.id, TODAY)
    assert old_view.overall == oldest.overall and not old_view.has_previous
    comparison = compare(workspace, newest.id, oldest.id)  # any order
    assert comparison.before.id == oldest.id
    assert comparison.overall_delta == newest.overall - oldest.overall
    accounts = comparison.categories[0]
    assert accounts.title == "Accounts and passwords"
    assert accounts.delta is not None and accounts.delta > 0
    assert comparison.categories[1].delta == 0
    delete(workspace, oldest.id)
    assert [line.id for line in history_lines(workspace)] == [newest.id]
    with pytest.raises(KeyError):
        delete(workspace, oldest.id)
    delete(workspace, newest.id)
    assert history_lines(workspace) == []


def test_playbooks_are_guides_not_to_dos(tmp_path: Path) -> None:
    """An "if this happens" guide is read, not answered, and not counted as a to-do."""
    from safetykit.packs.catalog import builtin_packs

    vault = make_vault(tmp_path, PASS)
    workspace = Workspace(vault, builtin_packs("en"))
    guide = GuidedChecklist(workspace)
    playbooks = [e for e in workspace.applicable() if e.is_playbook]
    assert playbooks, "the built-in pack has playbooks"
    assert guide.go_to(playbooks[0].qualified_id)
    view = guide.view()
    assert view is not None and view.playbook
    guide.answer(Status.DONE)
    assert not workspace.was_answered(playbooks[0].qualified_id)
    counted = sum(c.applicable for c in guide.categories())
    guides = sum(c.guides for c in guide.categories())
    assert guides == len(playbooks)
    assert counted == len(workspace.applicable()) - len(playbooks)
    guide.set_open_only(True)
    while True:
        shown = guide.view()
        assert shown is not None and not shown.playbook
        if not guide.step(1):
            break
    vault.lock()
