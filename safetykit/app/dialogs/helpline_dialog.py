"""Help › Helplines: where to get help, offline.

In an organisation's build its own helplines come first (safetykit/org.py, the
bundle file); then the help organisations that the built-in and organisation packs
list. Only text: addresses are shown to be copied, never opened (the app makes no
connections).
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from safetykit import org
from safetykit.app.language import current_language, mark_direction, tr


def _entry(name: str, lines: list[str]) -> str:
    details = "".join(f"<br>{html.escape(line)}" for line in lines if line)
    return f"<p><b>{html.escape(name)}</b>{details}</p>"


def helplines_html(lang: str) -> str:
    from safetykit.packs.catalog import builtin_packs, org_packs

    parts: list[str] = []
    organisation = org.current()
    if organisation is not None and organisation.helplines:
        parts.append(
            "<h3>"
            + html.escape(tr("Helplines of {organisation}").format(organisation=organisation.name))
            + "</h3>"
        )
        for helpline in organisation.helplines:
            languages = (
                tr("Languages: {codes}").format(codes=", ".join(helpline.languages))
                if helpline.languages
                else ""
            )
            parts.append(
                _entry(
                    helpline.name, [helpline.contact, helpline.hours, languages, helpline.website]
                )
            )
    seen: set[str] = set()
    contacts = []
    for pack in builtin_packs(lang) + org_packs(lang):
        for contact in pack.contacts:
            if contact.name.casefold() not in seen:
                seen.add(contact.name.casefold())
                contacts.append(contact)
    if contacts:
        parts.append("<h3>" + html.escape(tr("Organisations that can help")) + "</h3>")
        for contact in contacts:
            languages = tr("Languages: {codes}").format(codes=", ".join(contact.languages))
            parts.append(_entry(contact.name, [contact.offers, contact.website, languages]))
    return "".join(parts)


class HelplineDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helplineDialog")
        self.setWindowTitle(tr("Helplines"))
        layout = QVBoxLayout(self)
        organisation = org.current()
        intro = QLabel(
            mark_direction(
                tr(
                    "{organisation} gave you this copy of SafetyKit. Their helplines come "
                    "first; then organisations that help journalists and activists."
                ).format(organisation=organisation.name)
                if organisation is not None and organisation.helplines
                else tr("Organisations that help journalists and activists, and how to reach them.")
            )
        )
        intro.setObjectName("helplineIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTextBrowser(self)
        self.list.setObjectName("helplineList")
        self.list.setAccessibleName(tr("Helplines"))
        # The keyboard focus lands on the scroll area's viewport: a screen reader
        # names what it says there.
        self.list.viewport().setAccessibleName(tr("Helplines"))
        self.list.setOpenLinks(False)  # nothing is ever opened: the app stays offline
        self.list.setOpenExternalLinks(False)
        self.list.setHtml(helplines_html(current_language()))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("helplineButtons")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 480)
