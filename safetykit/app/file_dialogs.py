"""File dialogs that leave no trace: Qt's own (not the system's), no history.

The system dialogs remember: GTK writes every chosen file to ``recently-used.xbel``,
and Qt's own dialog writes its history and last folder to ``QtProject.conf`` when it
closes. A file name may say what someone works on, so SafetyKit uses Qt's dialog, with
an empty history, and points Qt's settings at a place that cannot be written
(``forget_qt_settings``, called once at start; SafetyKit keeps its own settings in
``settings.json``, not in QSettings). The dialogs open window-modal (``open()``), with
no nested event loop, and report through a callback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget


def _unwritable() -> str:
    # A path below a device file: every folder creation under it fails, so QSettings
    # silently keeps its values in memory only.
    return "NUL:\\SafetyKit" if sys.platform == "win32" else "/dev/null/safetykit"


def forget_qt_settings() -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, _unwritable())
        QSettings.setPath(QSettings.Format.NativeFormat, scope, _unwritable())


def _dialog(parent: QWidget, title: str, name: str, filters: list[str]) -> QFileDialog:
    forget_qt_settings()  # again here: no file dialog may exist before it is in force
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilters(filters)
    dialog.setDirectory(str(Path.home()))
    dialog.setSidebarUrls([])
    dialog.setHistory([])  # after setDirectory, which adds to it
    return dialog


def open_file(
    parent: QWidget, title: str, filters: list[str], on_chosen: Callable[[Path], None]
) -> QFileDialog:
    dialog = _dialog(parent, title, "openFileDialog", filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    _connect(dialog, on_chosen)
    dialog.open()
    return dialog


def save_file(
    parent: QWidget,
    title: str,
    filters: list[str],
    suggested: str,
    suffix: str,
    on_chosen: Callable[[Path], None],
) -> QFileDialog:
    dialog = _dialog(parent, title, "saveFileDialog", filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested)
    _connect(dialog, on_chosen)
    dialog.open()
    return dialog


def _connect(dialog: QFileDialog, on_chosen: Callable[[Path], None]) -> None:
    def chosen(path: str) -> None:
        dialog.setHistory([])
        if path:
            on_chosen(Path(os.path.abspath(path)))

    def finished(_code: int) -> None:
        dialog.setHistory([])
        dialog.deleteLater()

    dialog.fileSelected.connect(chosen)
    dialog.finished.connect(finished)
