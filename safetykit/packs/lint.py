"""``safetykit pack lint``: every problem of a pack folder or archive, and a summary."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from safetykit.packs.archive import read_stream
from safetykit.packs.errors import PackError, Problem, Severity, StaleReview, errors_only
from safetykit.packs.loader import analyse, read_pack_dir
from safetykit.packs.model import Pack, Question
from safetykit.packs.positions import find_positions
from safetykit.packs.scaffold import PLACEHOLDER_ID_PREFIX, PLACEHOLDER_PUBLISHER
from safetykit.packs.signing import check_comment, verify_archive
from safetykit.packs.trust import default_keys


@dataclass
class LintReport:
    path: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # summary lines (coverage, signature)

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
                raise PackError(
                    "pack.read_failed", file=path, reason=exc.strerror or str(exc)
                ) from None
            verified = verify_archive(data, default_keys())
            files, status, label = verified.files, verified.status, str(path)
            report.notes.append(f"signature: {status.describe()}")
    except PackError as exc:
        report.problems += [p if p.file else Problem(str(path), 0, p.message) for p in exc.problems]
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
                report.problems += [Problem(str(path), 0, p.message) for p in exc.problems]
        items = len(pack.items())
        report.notes.insert(
            0,
            f"pack {pack.id} version {pack.version}: {len(pack.checklists)} checklists, "
            f"{items} items, {len(pack.questions)} profile questions",
        )
        if not analysis.translations:
            report.notes.append("no translations (locales/*.po)")
    # Coverage is worth knowing even when a translation has errors to fix.
    for lang, translation in sorted(analysis.translations.items()):
        report.notes.append(f"{lang}: {translation.coverage()}")
    return report


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

    def warn(path: tuple[str | int, ...], message: str) -> Problem:
        return Problem(file, positions.line(path), message, Severity.WARNING)

    found: list[Problem] = []
    if pack.id.startswith(PLACEHOLDER_ID_PREFIX):
        found.append(
            warn(
                ("id",),
                f"'{pack.id}' is a placeholder id: use a domain you control "
                "(e.g. org.yourgroup.pack) before you hand the pack out; it cannot change later",
            )
        )
    if pack.publisher.strip().casefold() == PLACEHOLDER_PUBLISHER.casefold():
        found.append(warn(("publisher",), f"'{pack.publisher}' is the placeholder publisher"))
    for index, question in enumerate(pack.questions):
        for other_id, others in installed.items():
            if other_id == pack.id:
                continue
            for other in others:
                same_id = other.id == question.id
                if not same_id and _same_text(other.text) != _same_text(question.text):
                    continue
                how = "has the id" if same_id else "asks the same as"
                found.append(
                    warn(
                        ("profile", index, "id"),
                        f"question '{question.id}' {how} the installed question "
                        f"'{other_id}/{other.id}' (\"{other.text}\"): users would answer "
                        f'both; remove it and write applies_if = {{ "{other_id}/{other.id}" '
                        "= … } in its items",
                    )
                )
                break
    return found


def summarised(problems: Sequence[Problem], label: str, verbose: bool = False) -> list[str]:
    """The lines lint prints: stale review dates as one line (how many, the oldest)
    unless ``verbose``, every other problem as it is."""
    stale = [p for p in problems if isinstance(p, StaleReview)]
    if verbose or len(stale) < 2:
        return [str(p) for p in problems]
    oldest = min(stale, key=lambda p: (p.reviewed, p.file, p.line))
    lines: list[str] = []
    for problem in problems:
        if problem is stale[0]:
            lines.append(
                f"{label}: warning: {len(stale)} review dates are more than 12 months old; "
                f"the oldest is {oldest.what}, {oldest.reviewed} ({oldest.file}:{oldest.line}); "
                "--verbose lists each"
            )
        elif not isinstance(problem, StaleReview):
            lines.append(str(problem))
    return lines
