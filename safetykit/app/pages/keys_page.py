"""Trusted keys: the signing keys whose packs are verified; add one from a ``.pub``
file after comparing its fingerprint, or stop trusting one (its packs then show as
unverified everywhere, the plan included)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.labels import ltr
from safetykit.app.language import iso_date_text, tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.roles import set_role
from safetykit.views.packs import KeyLine


def source_text(line: KeyLine) -> str:
    if line.source == "org":
        return tr("From your organisation's installer")
    if line.source == "builtin":
        return tr("Built into SafetyKit")
    return tr("You added it on {date}").format(date=iso_date_text(str(line.added)))


class KeyRow(QFrame):
    remove_requested = Signal(str)

    def __init__(self, line: KeyLine, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setObjectName(f"keyRow_{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setObjectName(f"keyTitle_{index}")
        set_role(self.title, "subheading")
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName(f"keyFingerprint_{index}")
        # Groups of four, read aloud and compared: always left to right, even in a
        # right-to-left interface, and selectable so it can be copied into a message.
        self.fingerprint.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel()
        self.source.setObjectName(f"keySource_{index}")
        self.signed = QLabel()
        self.signed.setObjectName(f"keySigned_{index}")
        self.signed.setWordWrap(True)
        self.remove: QPushButton | None = None
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        if line.removable:
            self.remove = QPushButton()
            self.remove.setObjectName(f"keyRemove_{index}")
            self.remove.setProperty("keyId", line.key_id)
            self.remove.clicked.connect(lambda: self.remove_requested.emit(line.key_id))
            top.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.source)
        layout.addWidget(self.signed)
        self.retranslate()

    def retranslate(self) -> None:
        line = self.line
        self.title.setText(tr("Key {key_id}").format(key_id=ltr(line.key_id)))
        self.fingerprint.setText(
            tr("Fingerprint: {fingerprint}").format(fingerprint=ltr(line.fingerprint))
        )
        self.source.setText(source_text(line))
        self.signed.setText(
            tr("Signed: {packs}").format(packs=", ".join(line.packs))
            if line.packs
            else tr("No installed pack is signed by this key.")
        )
        if self.remove is not None:
            # No access key: a row each, so one key would be ambiguous.
            self.remove.setText(tr("Stop trusting…"))
            self.remove.setAccessibleDescription(self.title.text())


class KeysPage(QWidget):
    add_requested = Signal()
    remove_requested = Signal(str)  # key id
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysPage")
        self.lines: list[KeyLine] = []
        self.rows: list[KeyRow] = []
        self.title = QLabel()
        self.title.setObjectName("keysTitle")
        set_role(self.title, "heading")
        self.intro = QLabel()
        self.intro.setObjectName("keysIntro")
        self.intro.setWordWrap(True)
        self.banner = Banner("keysBanner")
        self.add_button = QPushButton()
        self.add_button.setObjectName("keysAdd")
        self.add_button.clicked.connect(self.add_requested)
        self.back_button = QPushButton()
        self.back_button.setObjectName("keysBack")
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        self.empty = QLabel()
        self.empty.setObjectName("keysEmpty")
        self.empty.setWordWrap(True)
        self.list = QWidget()
        self.list.setObjectName("keysList")
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(8)
        self.list_layout.addWidget(self.empty)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("keysScroll")
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

    def show_lines(self, lines: list[KeyLine]) -> None:
        self._clear_rows()
        self.lines = lines
        for index, line in enumerate(lines):
            row = KeyRow(line, index)
            row.remove_requested.connect(self.remove_requested)
            self.list_layout.insertWidget(index, row)
            self.rows.append(row)
        self.empty.setVisible(not lines)

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
        self.title.setText(tr("Trusted keys"))
        self.intro.setText(
            tr(
                "A pack is verified when it is signed by a key you trust. Before you add "
                "a trainer's key, compare its fingerprint with the trainer, by phone or "
                "in person: someone else's key would let them change the advice you get."
            )
        )
        self.add_button.setText(tr("&Add a key from a file…"))
        self.back_button.setText(tr("&Back to packs"))
        self.empty.setText(
            tr("You have not added any keys. Imported packs then show as unverified.")
        )
        for row in self.rows:
            row.retranslate()
