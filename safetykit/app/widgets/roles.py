"""Text roles scaled from the application font, never fixed point sizes: the system's
text size (and the user's choice of it) always applies (UI.md, "Look")."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

SCALES = {"heading": 1.45, "subheading": 1.15, "score": 1.3}


def set_role(widget: QWidget, role: str) -> QWidget:
    widget.setProperty("role", role)
    scale = SCALES.get(role)
    if scale is not None:
        font = widget.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * scale)
        elif font.pixelSize() > 0:
            font.setPixelSize(round(font.pixelSize() * scale))
        font.setBold(True)
        widget.setFont(font)
    return widget
