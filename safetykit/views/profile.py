"""The profile questions of every installed pack, as a form shows them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from safetykit.packs.model import Pack, ProfileAnswer, QuestionKind, qualified

YES_NO = ("yes", "no")


@dataclass(frozen=True)
class QuestionView:
    key: str  # "<pack id>/<question id>"
    text: str
    help: str
    kind: QuestionKind
    options: tuple[tuple[str, str], ...]  # (value, label); yes/no have none
    text_dir: str
    answer: ProfileAnswer | None  # None: skipped
    if_skipped: str = ""  # what skipping this question means, in the pack's words


def question_views(
    packs: Sequence[Pack], profile: Mapping[str, ProfileAnswer]
) -> list[QuestionView]:
    from safetykit.plan.content import pack_direction

    views = []
    for pack in packs:
        for question in pack.questions:
            key = qualified(pack.id, question.id)
            views.append(
                QuestionView(
                    key=key,
                    text=question.text,
                    help=question.help,
                    kind=question.kind,
                    options=tuple((o.value, o.label) for o in question.options),
                    text_dir=pack_direction(pack),
                    answer=profile.get(key),
                    if_skipped=question.if_skipped,
                )
            )
    return views


def merge_answers(
    views: Sequence[QuestionView],
    answers: Mapping[str, ProfileAnswer | None],
    existing: Mapping[str, ProfileAnswer],
) -> dict[str, ProfileAnswer]:
    """The new profile: ``answers`` for the questions shown (None or an empty list
    means skipped), and every other key of ``existing`` kept (a pack not installed
    now may come back)."""
    shown = {view.key: view for view in views}
    profile = {k: v for k, v in existing.items() if k not in shown}
    for key, value in answers.items():
        view = shown.get(key)
        if view is None or value is None or value == []:
            continue
        allowed = YES_NO if view.kind is QuestionKind.YES_NO else {v for v, _ in view.options}
        if isinstance(value, str):
            if value in allowed and view.kind is not QuestionKind.MULTI:
                profile[key] = value
        else:
            chosen = sorted({v for v in value if v in allowed})
            if chosen and view.kind is QuestionKind.MULTI:
                profile[key] = chosen
    return profile
