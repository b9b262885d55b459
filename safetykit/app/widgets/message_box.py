"""The app's message boxes: each named (tests and the screen-reader registry find it by
its objectName), with its icon and title."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def message_box(
    parent: QWidget | None, name: str, icon: QMessageBox.Icon, title: str
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    return box
