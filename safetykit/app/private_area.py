"""Everything shown while unlocked, in one widget the window deletes whole on lock."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from safetykit.app.language import tr
from safetykit.app.pages.checklist_page import ChecklistPage
from safetykit.app.pages.dashboard_page import DashboardPage
from safetykit.app.pages.history_page import HistoryPage
from safetykit.app.pages.plan_page import PlanPage
from safetykit.app.pages.profile_page import ProfilePage
from safetykit.app.pages.settings_page import SettingsPage
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.header import Header

Page = DashboardPage | ChecklistPage | PlanPage | ProfilePage | HistoryPage | SettingsPage


class PrivateArea(QWidget):
    """Everything shown while unlocked; deleted whole on lock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privateArea")
        self.header = Header()
        self.save_banner = Banner("saveBanner")
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("saveRetry")
        self.retry_button.hide()
        self.pages = QStackedWidget()
        self.pages.setObjectName("privatePages")
        self.dashboard = DashboardPage()
        self.checklist = ChecklistPage()
        self.plan = PlanPage()
        self.profile = ProfilePage()
        self.history = HistoryPage()
        self.settings = SettingsPage()
        for page in self.all_pages():
            self.pages.addWidget(page)
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

    def retranslate(self) -> None:
        self.header.retranslate()
        self.retry_button.setText(tr("&Try saving again"))
        for page in self.all_pages():
            page.retranslate()

    def all_pages(self) -> list[Page]:
        return [
            self.dashboard,
            self.checklist,
            self.plan,
            self.profile,
            self.history,
            self.settings,
        ]
