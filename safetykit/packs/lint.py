"""``safetykit pack lint``: every problem of a pack folder or archive, and a summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from safetykit.packs.archive import read_stream
from safetykit.packs.errors import PackError, Problem, errors_only
from safetykit.packs.loader import analyse, read_pack_dir
from safetykit.packs.model import Question
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
