"""Packs: what is installed, where each came from and whether it is verified; which
ones the assessment uses; import one (through the trust dialog) or remove one.

Each pack is one row: a check box named with the pack (ticked: the assessment uses
it), what it is (publisher, version, reviewed date), where it came from and why it is
trusted, how it reads in the interface's language, and Remove for imported ones.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from safetykit import i18n
from safetykit.app.labels import ltr
from safetykit.app.language import current_language, date_text, ntr, number, tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.roles import set_role
from safetykit.views.packs import PackLine, Translation


def origin_text(line: PackLine) -> str:
    """Where the pack came from and why it is (or is not) trusted."""
    if line.problem:
        return tr("Imported, but it no longer loads: {reason}").format(reason=line.problem)
    if line.origin == "builtin":
        return tr("Built into SafetyKit")
    if line.origin == "org":
        return tr("From your organisation's installer")
    if not line.verified:
        return tr(
            "Imported, UNVERIFIED: not signed by a key you trust. Its advice has not been "
            "checked by anyone you trust."
        )
    if line.fingerprint:
        return tr("Imported, verified: signed by key {key_id}, fingerprint {fingerprint}").format(
            key_id=ltr(line.signer or ""), fingerprint=ltr(line.fingerprint)
        )
    return tr("Imported, verified: signed by key {key_id}").format(key_id=ltr(line.signer or ""))


def translation_text(line: PackLine) -> str:
    here = i18n.language_name(current_language())
    source = i18n.language_name(line.source_language) if line.source_language else ""
    if line.problem:
        return ""
    if line.translation == Translation.SOURCE:
        return tr("Written in {language}").format(language=here)
    if line.translation == Translation.TRANSLATED:
        return tr("Translated into {language}").format(language=here)
    if line.translation == Translation.OUTDATED:
        return ntr(
            "Translated into {language}; {count} part changed since and is shown in {source}",
            "Translated into {language}; {count} parts changed since and are shown in {source}",
            line.outdated,
        ).format(language=here, count=number(line.outdated), source=source)
    return tr("Not translated into {language}: shown in {source}").format(
        language=here, source=source
    )


def details_text(line: PackLine) -> str:
    if line.problem:
        return line.id
    reviewed = date_text(line.reviewed) if line.reviewed else ""
    return tr("{publisher} · version {version} · reviewed {date}").format(
        publisher=line.publisher, version=number(line.version), date=reviewed
    )


class PackRow(QFrame):
    used_changed = Signal(str, bool)
    remove_requested = Signal(str)

    def __init__(self, line: PackLine, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setObjectName(f"packRow_{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("packId", line.id)
        self.use = QCheckBox()
        self.use.setObjectName(f"packUse_{index}")
        self.use.setProperty("packId", line.id)
        self.use.setChecked(line.used)
        self.use.setEnabled(not line.problem)
        self.use.toggled.connect(lambda on: self.used_changed.emit(line.id, on))
        set_role(self.use, "subheading")
        self.details = QLabel()
        self.details.setObjectName(f"packDetails_{index}")
        self.origin = QLabel()
        self.origin.setObjectName(f"packOrigin_{index}")
        self.origin.setWordWrap(True)
        self.origin.setProperty("kind", "warning" if not line.verified else "")
        self.translation = QLabel()
        self.translation.setObjectName(f"packTranslation_{index}")
        self.translation.setWordWrap(True)
        for label in (self.details, self.origin, self.translation):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remove: QPushButton | None = None
        top = QHBoxLayout()
        top.addWidget(self.use, 1)
        if line.removable:
            self.remove = QPushButton()
            self.remove.setObjectName(f"packRemove_{index}")
            self.remove.setProperty("packId", line.id)
            self.remove.clicked.connect(lambda: self.remove_requested.emit(line.id))
            top.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.origin)
        layout.addWidget(self.translation)
        self.retranslate()

    def retranslate(self) -> None:
        line = self.line
        self.use.setText(line.name)
        self.details.setText(details_text(line))
        self.origin.setText(origin_text(line))
        self.translation.setText(translation_text(line))
        self.translation.setVisible(bool(self.translation.text()))
        # What a screen reader says after the pack's name: the rest of its row.
        self.use.setAccessibleDescription(
            " ".join(x for x in (self.details.text(), self.origin.text()) if x)
        )
        if self.remove is not None:
            # No access key: a row each, so one key would be ambiguous.
            self.remove.setText(tr("Remove…"))
            self.remove.setAccessibleDescription(line.name)


class PacksPage(QWidget):
    used_changed = Signal(str, bool)  # pack id, used
    import_requested = Signal()
    remove_requested = Signal(str)
    keys_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packsPage")
        self.lines: list[PackLine] = []
        self.rows: list[PackRow] = []
        self.title = QLabel()
        self.title.setObjectName("packsTitle")
        set_role(self.title, "heading")
        self.intro = QLabel()
        self.intro.setObjectName("packsIntro")
        self.intro.setWordWrap(True)
        self.banner = Banner("packsBanner")
        self.import_button = QPushButton()
        self.import_button.setObjectName("packsImport")
        self.import_button.clicked.connect(self.import_requested)
        self.keys_button = QPushButton()
        self.keys_button.setObjectName("packsKeys")
        self.keys_button.clicked.connect(self.keys_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.keys_button)
        buttons.addStretch(1)
        self.list = QWidget()
        self.list.setObjectName("packsList")
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(8)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("packsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 18)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def show_lines(self, lines: list[PackLine]) -> None:
        focused = self.focusWidget()
        focused_name = focused.objectName() if focused is not None else ""
        self._clear_rows()
        self.lines = lines
        for index, line in enumerate(lines):
            row = PackRow(line, index)
            row.used_changed.connect(self.used_changed)
            row.remove_requested.connect(self.remove_requested)
            self.list_layout.insertWidget(index, row)
            self.rows.append(row)
        if focused_name:  # a list rebuilt under the keyboard keeps its place
            again = self.findChild(QWidget, focused_name)
            if again is not None:
                again.setFocus()

    def row_for(self, pack_id: str) -> PackRow | None:
        return next((row for row in self.rows if row.line.id == pack_id), None)

    def set_used(self, pack_id: str, used: bool) -> None:
        """Put a check box back (a refused change) without reporting it again."""
        row = self.row_for(pack_id)
        if row is not None:
            row.use.blockSignals(True)
            row.use.setChecked(used)
            row.use.blockSignals(False)

    def _clear_rows(self) -> None:
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        self.lines = []

    def clear(self) -> None:
        self._clear_rows()
        self.banner.clear()

    def retranslate(self, _lang: str = "") -> None:
        self.title.setText(tr("Checklist packs"))
        self.intro.setText(
            tr(
                "Packs hold the checklists and the questions about your situation. Tick "
                "the packs your assessment uses: one that is not ticked stays installed, "
                "but its questions and checklists are left out of the assessment and the "
                "plan."
            )
        )
        self.import_button.setText(tr("&Import a pack…"))
        self.keys_button.setText(tr("Trusted &keys…"))
        for row in self.rows:
            row.retranslate()
