"""``safetykit pack lint``: every problem of a pack folder or archive, and a summary."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from safetykit.i18n import SOURCE_LANGUAGE
from safetykit.packs.archive import read_stream
from safetykit.packs.errors import PackError, Problem, Severity, StaleReview, errors_only
from safetykit.packs.loader import analyse, read_pack_dir
from safetykit.packs.model import Pack, Question
from safetykit.packs.positions import find_positions
from safetykit.packs.scaffold import PLACEHOLDER_ID_PREFIX, PLACEHOLDER_PUBLISHER
from safetykit.packs.signing import check_comment, verify_archive
from safetykit.packs.trust import default_keys
from safetykit.text import N_, Text, ngettext, os_reason


@dataclass
class LintReport:
    path: str
    problems: list[Problem] = field(default_factory=list)
    # Summary lines (coverage, signature), shown in the reader's language.
    notes: list[Text | str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors_only(self.problems)


def _installed() -> dict[str, Sequence[Question]]:
    """The questions of the packs installed here (built in, org bundle), by pack id."""
    from safetykit.packs.catalog import builtin_packs, org_packs

    try:
        return {pack.id: pack.questions for pack in builtin_packs() + org_packs()}
    except PackError:
        return {}  # a broken installation: references to other packs go unchecked


def installed_questions() -> dict[str, Sequence[Question]]:
    return _installed()


def lint_path(path: Path, today: dt.date | None = None) -> LintReport:
    report = LintReport(str(path))
    try:
        if path.is_dir():
            files, problems = read_pack_dir(path)
            report.problems += problems
            label = str(path)
            status = None
        else:
            try:
                with path.open("rb") as handle:
                    data = read_stream(handle)
            except OSError as exc:
                raise PackError("pack.read_failed", file=path, reason=os_reason(exc)) from None
            verified = verify_archive(data, default_keys())
            files, status, label = verified.files, verified.status, str(path)
            report.notes.append(Text.of(N_("signature: %(status)s"), status=status.text()))
    except PackError as exc:
        report.problems += [p if p.file else Problem(str(path), 0, p.text) for p in exc.problems]
        return report
    analysis = analyse(
        files, label=label, today=today or dt.date.today(), strict=True, others=_installed()
    )
    report.problems += analysis.problems
    if analysis.pack is not None:
        pack = analysis.pack
        report.problems += author_warnings(pack, files, label, _installed())
        if status is not None:
            try:
                check_comment(status, pack)
            except PackError as exc:
                report.problems += [Problem(str(path), 0, p.text) for p in exc.problems]
        report.notes.insert(
            0,
            Text.of(
                N_("pack %(pack)s version %(version)s: %(checklists)s, %(items)s, %(questions)s"),
                pack=pack.id,
                version=pack.version,
                checklists=_counted(
                    ngettext("%(count)s checklist", "%(count)s checklists"), len(pack.checklists)
                ),
                items=_counted(ngettext("%(count)s item", "%(count)s items"), len(pack.items())),
                questions=_counted(
                    ngettext("%(count)s profile question", "%(count)s profile questions"),
                    len(pack.questions),
                ),
            ),
        )
        if not analysis.translations:
            report.notes.append(Text.of(N_("no translations (locales/*.po)")))
    # Coverage is worth knowing even when a translation has errors to fix.
    for lang, translation in sorted(analysis.translations.items()):
        report.notes.append(
            Text.of(N_("%(lang)s: %(coverage)s"), lang=lang, coverage=translation.coverage_text())
        )
    return report


def _counted(forms: tuple[str, str], count: int) -> Text:
    return Text.plural(forms, "count", count=count)


def _same_text(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def author_warnings(
    pack: Pack,
    files: Mapping[str, bytes],
    label: str,
    installed: Mapping[str, Sequence[Question]],
) -> list[Problem]:
    """What a pack left from ``pack new`` or repeated from the installed packs: fine
    to load, wrong to hand out."""
    file = f"{label}/pack.toml"
    try:
        positions = find_positions(files["pack.toml"].decode("utf-8"))
    except (KeyError, UnicodeDecodeError):  # already reported by the loader
        return []

    def warn(path: tuple[str | int, ...], message: str, **params: object) -> Problem:
        return Problem(file, positions.line(path), Text.of(message, **params), Severity.WARNING)

    found: list[Problem] = []
    if pack.id.startswith(PLACEHOLDER_ID_PREFIX):
        found.append(
            warn(
                ("id",),
                N_(
                    "'%(pack)s' is a placeholder id: use a domain you control (e.g. "
                    "org.yourgroup.pack) before you hand the pack out; it cannot change later"
                ),
                pack=pack.id,
            )
        )
    if pack.publisher.strip().casefold() == PLACEHOLDER_PUBLISHER.casefold():
        found.append(
            warn(
                ("publisher",),
                N_("'%(publisher)s' is the placeholder publisher"),
                publisher=pack.publisher,
            )
        )
    for index, question in enumerate(pack.questions):
        for other_id, others in installed.items():
            if other_id == pack.id:
                continue
            for other in others:
                same_id = other.id == question.id
                if not same_id and _same_text(other.text) != _same_text(question.text):
                    continue
                if same_id:
                    message = N_(
                        "question '%(question)s' has the id of the installed question "
                        "'%(other)s' (\"%(text)s\"): users would answer both; remove it and "
                        'write applies_if = { "%(other)s" = … } in its items'
                    )
                else:
                    message = N_(
                        "question '%(question)s' asks the same as the installed question "
                        "'%(other)s' (\"%(text)s\"): users would answer both; remove it and "
                        'write applies_if = { "%(other)s" = … } in its items'
                    )
                found.append(
                    warn(
                        ("profile", index, "id"),
                        message,
                        question=question.id,
                        other=f"{other_id}/{other.id}",
                        text=other.text,
                    )
                )
                break
    return found


def summarised(
    problems: Sequence[Problem],
    label: str,
    verbose: bool = False,
    lang: str = SOURCE_LANGUAGE,
) -> list[str]:
    """The lines lint prints, in ``lang``: stale review dates as one line (how many,
    the oldest) unless ``verbose``, every other problem as it is."""
    stale = [p for p in problems if isinstance(p, StaleReview)]
    if verbose or len(stale) < 2:
        return [p.render(lang) for p in problems]
    oldest = min(stale, key=lambda p: (p.reviewed, p.file, p.line))
    lines: list[str] = []
    for problem in problems:
        if problem is stale[0]:
            summary = Text.plural(
                ngettext(
                    "%(count)s review date is more than 12 months old; the oldest is "
                    "%(what)s, %(date)s (%(where)s); --verbose lists each",
                    "%(count)s review dates are more than 12 months old; the oldest is "
                    "%(what)s, %(date)s (%(where)s); --verbose lists each",
                ),
                "count",
                count=len(stale),
                what=oldest.what,
                date=oldest.reviewed.isoformat(),
                where=f"{oldest.file}:{oldest.line}",
            )
            lines.append(Problem(label, 0, summary, Severity.WARNING).render(lang))
        elif not isinstance(problem, StaleReview):
            lines.append(problem.render(lang))
    return lines
