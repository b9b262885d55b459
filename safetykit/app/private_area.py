"""Everything shown while unlocked, in one widget the window deletes whole on lock.

Each page is built the first time it is shown, not all at unlock: building and
painting the six screens at once stalled the UI thread for about 100 ms at the end of
an unlock (issue 10); the dashboard alone is built then. ``wire`` connects a page's
signals when it is built, so the window does not need every page to exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from safetykit.app.language import tr
from safetykit.app.pages.checklist_page import ChecklistPage
from safetykit.app.pages.dashboard_page import DashboardPage
from safetykit.app.pages.history_page import HistoryPage
from safetykit.app.pages.keys_page import KeysPage
from safetykit.app.pages.packs_page import PacksPage
from safetykit.app.pages.plan_page import PlanPage
from safetykit.app.pages.profile_page import ProfilePage
from safetykit.app.pages.settings_page import SettingsPage
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.header import Header

Page = (
    DashboardPage
    | ChecklistPage
    | PlanPage
    | ProfilePage
    | HistoryPage
    | SettingsPage
    | PacksPage
    | KeysPage
)
P = TypeVar("P", bound=QWidget)

PAGE_KEYS = ("dashboard", "checklist", "plan", "profile", "history", "settings", "packs", "keys")


class PrivateArea(QWidget):
    """Everything shown while unlocked; deleted whole on lock."""

    def __init__(
        self,
        wire: Callable[[str, QWidget], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("privateArea")
        self._wire = wire
        self._built: dict[str, Page] = {}
        self.header = Header()
        self.save_banner = Banner("saveBanner")
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("saveRetry")
        self.retry_button.hide()
        self.pages = QStackedWidget()
        self.pages.setObjectName("privatePages")
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(18, 0, 18, 0)
        banner_row.addWidget(self.save_banner, 1)
        banner_row.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(banner_row)
        layout.addWidget(self.pages, 1)

    def _page(self, key: str, cls: type[P]) -> P:
        found = self._built.get(key)
        if found is None:
            page = cls()
            self._built[key] = page  # type: ignore[assignment]
            self.pages.addWidget(page)
            if self._wire is not None:
                self._wire(key, page)
            return page
        assert isinstance(found, cls)
        return found

    @property
    def dashboard(self) -> DashboardPage:
        return self._page("dashboard", DashboardPage)

    @property
    def checklist(self) -> ChecklistPage:
        return self._page("checklist", ChecklistPage)

    @property
    def plan(self) -> PlanPage:
        return self._page("plan", PlanPage)

    @property
    def profile(self) -> ProfilePage:
        return self._page("profile", ProfilePage)

    @property
    def history(self) -> HistoryPage:
        return self._page("history", HistoryPage)

    @property
    def settings(self) -> SettingsPage:
        return self._page("settings", SettingsPage)

    @property
    def packs(self) -> PacksPage:
        return self._page("packs", PacksPage)

    @property
    def keys(self) -> KeysPage:
        return self._page("keys", KeysPage)

    def built(self, key: str) -> Page | None:
        """The page if it was built already (without building it)."""
        return self._built.get(key)

    def guided_checklist_open(self) -> ChecklistPage | None:
        page = self._built.get("checklist")
        return page if isinstance(page, ChecklistPage) and page.guide is not None else None

    def retranslate(self) -> None:
        self.header.retranslate()
        self.retry_button.setText(tr("&Try saving again"))
        for page in self.all_pages():
            page.retranslate()

    def all_pages(self) -> list[Page]:
        """The pages built so far (the others hold nothing to clear or retranslate)."""
        return list(self._built.values())
