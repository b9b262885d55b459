"""Dialogs sized to their wrapped text.

A QDialog takes its size from its layout's size hint, which for word-wrapped labels
is computed at the label's preferred width, not at the dialog's: with a larger system
font the last lines of a warning were cut off. This sets the height the text needs at
the width the dialog has.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_to_text(dialog: QWidget) -> None:
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = max(dialog.width(), dialog.minimumWidth(), layout.minimumSize().width())
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    if height < 0:
        height = layout.sizeHint().height()
    dialog.resize(width, max(height, layout.minimumSize().height()))
