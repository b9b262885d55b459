"""Help › About: version, the organisation whose build this is (if any), licences, and
the promise that SafetyKit stays offline."""

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
        self.setWindowTitle(tr("About SafetyKit"))
        layout = QVBoxLayout(self)

        title = QLabel(mark_direction(APP_NAME))
        title.setObjectName("aboutTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        version = QLabel(tr("Version {version}").format(version=__version__))
        version.setObjectName("aboutVersion")
        layout.addWidget(version)

        organisation = org.current()
        if organisation is not None:
            prepared = QLabel(
                mark_direction(
                    tr("This copy of SafetyKit was prepared by {organisation}.").format(
                        organisation=organisation.name
                    )
                )
            )
            prepared.setObjectName("aboutOrganisation")
            prepared.setWordWrap(True)
            layout.addWidget(prepared)

        promise = QLabel(
            tr(
                "SafetyKit never uses the network. It makes no connections, sends "
                "nothing and checks for nothing online. Your answers stay on this "
                "computer, encrypted."
            )
        )
        promise.setObjectName("aboutNetworkPromise")
        promise.setWordWrap(True)
        layout.addWidget(promise)

        licences = QLabel(
            tr(
                "SafetyKit is free software under the GNU General Public License, "
                "version 3 or later. The built-in checklists are under the Creative "
                "Commons Attribution-ShareAlike 4.0 licence. It uses Qt for Python "
                "(PySide6 {pyside}, LGPL-3.0) and Python {python}."
            ).format(pyside=pyside_version, python=platform.python_version())
        )
        licences.setObjectName("aboutLicences")
        licences.setWordWrap(True)
        licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(licences)

        # Each language's translation status (DESIGN §7): machine-assisted ones await
        # a native speaker's review until it is recorded in the catalog.
        translations = QLabel(
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
        translations.setObjectName("aboutTranslations")
        translations.setWordWrap(True)
        layout.addWidget(translations)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("aboutButtons")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
