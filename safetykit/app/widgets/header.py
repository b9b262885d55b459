"""The bar above every unlocked screen: where you are, the save state, and Lock.

The same place will hold the quick-exit button (the safety-controls issue): safety
controls are always one step away, in the same place on every screen.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from safetykit.app.language import tr

SAVED_SHOWN_MS = 2500


class Header(QWidget):
    lock_requested = Signal()
    quick_exit_requested = Signal()
    navigate = Signal(str)  # "dashboard", "checklist", "plan", "history", "packs", ...

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 8, 18, 0)
        for key in ("dashboard", "checklist", "plan", "history", "packs", "settings"):
            button = QPushButton()
            button.setObjectName(f"nav_{key}")
            button.setFlat(True)
            button.setProperty("role", "nav")
            button.clicked.connect(lambda _=False, k=key: self.navigate.emit(k))
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        layout.addWidget(self.save_state)
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("headerLock")
        self.lock_button.clicked.connect(self.lock_requested)
        layout.addWidget(self.lock_button)
        self.quick_exit_button = QPushButton()
        self.quick_exit_button.setObjectName("headerQuickExit")
        self.quick_exit_button.setProperty("role", "quickExit")
        self.quick_exit_button.clicked.connect(self.quick_exit_requested)
        layout.addWidget(self.quick_exit_button)
        self.quick_exit_shortcut = ""
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.setInterval(SAVED_SHOWN_MS)
        self._fade.timeout.connect(self.save_state.clear)
        self._state = ""
        self.retranslate()

    def set_current(self, key: str) -> None:
        for name, button in self.buttons.items():
            button.setProperty("current", name == key)
            button.style().unpolish(button)
            button.style().polish(button)
            button.setAccessibleDescription(tr("current screen") if name == key else "")

    def show_saving(self) -> None:
        self._state = "saving"
        self._fade.stop()
        self.retranslate()

    def show_saved(self) -> None:
        self._state = "saved"
        self.retranslate()
        self._fade.start()

    def show_failed(self) -> None:
        self._state = "failed"
        self._fade.stop()
        self.retranslate()

    def clear(self) -> None:
        self._state = ""
        self.save_state.clear()

    def retranslate(self, _lang: str = "") -> None:
        self.buttons["dashboard"].setText(tr("Dashboard"))
        self.buttons["checklist"].setText(tr("Checklist"))
        self.buttons["plan"].setText(tr("Plan"))
        self.buttons["history"].setText(tr("History"))
        self.buttons["packs"].setText(tr("Packs"))
        self.buttons["settings"].setText(tr("Settings"))
        self.lock_button.setText(tr("Lock"))
        self.lock_button.setToolTip(tr("Lock SafetyKit (Ctrl+L)"))
        self.quick_exit_button.setText(tr("Quick exit"))
        self.quick_exit_button.setToolTip(
            tr("Hide, lock and close SafetyKit at once ({shortcut})").format(
                shortcut=self.quick_exit_shortcut
            )
        )
        text = {
            "saving": tr("Saving…"),
            "saved": tr("Saved"),
            "failed": tr("Not saved yet"),
        }.get(self._state, "")
        if text or self._state == "":
            self.save_state.setText(text)
        self.save_state.setAccessibleName(text)
