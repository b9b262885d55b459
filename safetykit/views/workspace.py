"""The unlocked vault and the packs, as the screens use them.

A Workspace reads the vault body and changes it only through ``Vault.changing()``, so
the desktop app can edit on its UI thread while a worker saves. It never saves by
itself: the caller decides when (the app coalesces saves in the background).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from safetykit.assessment import history, selection
from safetykit.assessment.applicability import ApplicableItem, applicable_items
from safetykit.assessment.records import Answer, Assessment
from safetykit.packs.errors import PackError
from safetykit.packs.model import Pack, ProfileAnswer, qualified
from safetykit.vault import Vault

if TYPE_CHECKING:
    from safetykit.views.dashboard import DashboardView


class Workspace:
    """``installed``: every pack that loads; ``packs``: those the assessment uses (the
    person can turn packs off); ``failures``: imported packs that no longer load, shown
    on the packs screen instead of stopping the unlock."""

    def __init__(
        self,
        vault: Vault,
        packs: Sequence[Pack],
        failures: Sequence[tuple[str, PackError]] = (),
    ) -> None:
        self.vault = vault
        self.installed = list(packs)
        self.failures = list(failures)
        self.packs = selection.active(self.installed, vault.data)
        self._prepared: DashboardView | None = None

    @classmethod
    def load(cls, vault: Vault, lang: str) -> Workspace:
        """The vault with every pack it can use, localised for ``lang``."""
        from safetykit.packs.catalog import all_packs

        failures: list[tuple[str, PackError]] = []
        packs = all_packs(vault=vault, locale=lang, failures=failures)
        return cls(vault, packs, failures)

    @classmethod
    def opened(cls, open_vault: Callable[[], Vault], lang: str) -> Workspace:
        """Open the vault and load the packs, both off the UI thread; if loading fails,
        the vault is locked again (nothing unlocked is left behind)."""
        vault = open_vault()
        try:
            workspace = cls.load(vault, lang)
            workspace.prepare_dashboard()
            return workspace
        except BaseException:
            vault.lock()
            raise

    def prepare_dashboard(self, today: dt.date | None = None) -> None:
        """Compute the first dashboard here, on the worker that opened the vault, so the
        UI thread only has to show it (``take_prepared_dashboard``)."""
        from safetykit.views.dashboard import build_dashboard_view

        current, previous = self.current_and_previous()
        self._prepared = build_dashboard_view(
            self.applicable(), current, previous, today or dt.date.today()
        )

    def take_prepared_dashboard(self) -> DashboardView | None:
        """The dashboard prepared at unlock, once (later ones are built fresh)."""
        prepared, self._prepared = self._prepared, None
        return prepared

    def forget_prepared(self) -> None:
        """Something changed since the unlock: the prepared dashboard is out of date."""
        self._prepared = None

    def lock(self) -> None:
        """Lock the vault (a result that arrived too late is dropped this way)."""
        self.vault.lock()
        self.installed, self.packs, self.failures = [], [], []
        self._prepared = None

    def reload_packs(self, lang: str) -> None:
        """Load the packs again (after a language change, an import or a removal)."""
        from safetykit.packs.catalog import all_packs

        failures: list[tuple[str, PackError]] = []
        self.installed = all_packs(vault=self.vault, locale=lang, failures=failures)
        self.failures = failures
        self.packs = selection.active(self.installed, self.vault.data)

    def set_pack_used(self, pack_id: str, used: bool) -> None:
        """Turn a pack on or off for the assessment (SafetyKitError for the last one)."""
        with self.vault.changing() as body:
            selection.set_used(body, [p.id for p in self.installed], pack_id, used)
        self.packs = selection.active(self.installed, self.vault.data)

    # --- reading ---

    def profile(self) -> dict[str, ProfileAnswer]:
        return history.profile(self.vault.data)

    def assessments(self) -> list[Assessment]:
        return history.assessments(self.vault.data)

    def current_and_previous(self) -> tuple[Assessment | None, Assessment | None]:
        return history.current_and_previous(self.vault.data)

    def current(self) -> Assessment | None:
        return history.current(self.vault.data)

    def applicable(
        self, profile: Mapping[str, ProfileAnswer] | None = None
    ) -> list[ApplicableItem]:
        return applicable_items(self.packs, self.profile() if profile is None else profile)

    def find(self, qualified_id: str) -> ApplicableItem | None:
        """Any item of the installed packs by its qualified id, applicable or not."""
        for entry in applicable_items(self.packs, {}):  # the empty profile matches all
            if entry.qualified_id == qualified_id:
                return entry
        return None

    # --- changing (each under the vault's state lock) ---

    def set_profile(self, answers: Mapping[str, ProfileAnswer]) -> None:
        """Replace the profile. Answers of items that no longer apply stay in the
        assessment: changing the profile back brings them back."""
        with self.vault.changing() as body:
            history.set_profile(body, dict(answers))

    def ensure_current(self, now: dt.datetime | None = None) -> Assessment:
        with self.vault.changing() as body:
            found = history.current(body)
            return found if found is not None else history.start_new(body, now=now)

    def start_new(self, now: dt.datetime | None = None) -> Assessment:
        """A new assessment that starts from the previous answers (DESIGN §6)."""
        with self.vault.changing() as body:
            return history.start_new(body, now=now)

    def set_answer(self, qualified_id: str, answer: Answer) -> Answer:
        """Record ``answer`` in the current assessment; return the answer it replaced
        (for undo). An answer that equals the default is still recorded: the user
        looked at the item."""
        with self.vault.changing() as body:
            current = history.current(body) or history.start_new(body)
            before = current.answers.get(qualified_id)
            history.store(body, current.with_answer(qualified_id, answer))
        return before if before is not None else Answer()

    def clear_answer(self, qualified_id: str) -> None:
        """Remove the answer (undo of a first answer): the item is unanswered again."""
        with self.vault.changing() as body:
            current = history.current(body)
            if current is None or qualified_id not in current.answers:
                return
            answers = dict(current.answers)
            del answers[qualified_id]
            history.store(body, Assessment(current.id, current.started, answers))

    def was_answered(self, qualified_id: str) -> bool:
        current = self.current()
        return current is not None and qualified_id in current.answers


def qualified_item_id(entry: ApplicableItem) -> str:
    return qualified(entry.pack.id, entry.item.id)
