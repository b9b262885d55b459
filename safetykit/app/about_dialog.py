"""Help › About: version, the organisation whose build this is (if any), licences, each
language's review status, and the promise that SafetyKit stays offline."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from safetykit import APP_NAME, __version__, i18n, org
from safetykit.app.language import mark_direction, review_text, tr


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        layout = QVBoxLayout(self)

        self.title = QLabel()
        self.title.setObjectName("aboutTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        self.version = QLabel()
        self.version.setObjectName("aboutVersion")
        layout.addWidget(self.version)

        self.organisation = org.current()
        self.prepared: QLabel | None = None
        if self.organisation is not None:
            self.prepared = QLabel()
            self.prepared.setObjectName("aboutOrganisation")
            self.prepared.setWordWrap(True)
            layout.addWidget(self.prepared)

        self.promise = QLabel()
        self.promise.setObjectName("aboutNetworkPromise")
        self.promise.setWordWrap(True)
        layout.addWidget(self.promise)

        self.licences = QLabel()
        self.licences.setObjectName("aboutLicences")
        self.licences.setWordWrap(True)
        self.licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.licences)

        # Each language's translation status (DESIGN §7): machine-assisted ones await a
        # native speaker's review until it is recorded in the catalog.
        self.translations = QLabel()
        self.translations.setObjectName("aboutTranslations")
        self.translations.setWordWrap(True)
        layout.addWidget(self.translations)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.setObjectName("aboutButtons")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (also while the dialog is open)."""
        self.setWindowTitle(tr("About SafetyKit"))
        self.title.setText(mark_direction(APP_NAME))
        self.version.setText(tr("Version {version}").format(version=__version__))
        if self.prepared is not None and self.organisation is not None:
            self.prepared.setText(
                mark_direction(
                    tr("This copy of SafetyKit was prepared by {organisation}.").format(
                        organisation=self.organisation.name
                    )
                )
            )
        self.promise.setText(
            tr(
                "SafetyKit never uses the network. It makes no connections, sends "
                "nothing and checks for nothing online. Your answers stay on this "
                "computer, encrypted."
            )
        )
        self.licences.setText(
            tr(
                "SafetyKit is free software under the GNU General Public License, "
                "version 3 or later. The built-in checklists are under the Creative "
                "Commons Attribution-ShareAlike 4.0 licence. It uses Qt for Python "
                "(PySide6 {pyside}, LGPL-3.0) and Python {python}."
            ).format(pyside=pyside_version, python=platform.python_version())
        )
        self.translations.setText(
            "\n".join(
                [tr("Translations of the interface and the plan:")]
                + [
                    tr("{language}: {status}").format(
                        language=i18n.language_name(code), status=review_text(code)
                    )
                    for code in i18n.available_languages()
                ]
            )
        )
