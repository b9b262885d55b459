"""Settings: kept in the vault, except the language (plain settings, needed before
unlock). Each change applies at once; the page reports what the user chose and the
window applies it (auto-lock, the quick-exit shortcut, paper, a neutral title)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from safetykit import i18n
from safetykit.app.language import ntr, number, tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.roles import set_role
from safetykit.views.preferences import AUTO_LOCK_CHOICES, DEFAULT_QUICK_EXIT, Preferences


class SettingsPage(QWidget):
    preferences_changed = Signal(object)  # Preferences
    language_chosen = Signal(str)
    remember_changed = Signal(bool)
    change_passphrase_requested = Signal()
    export_requested = Signal(bool)  # with notes
    import_requested = Signal(bool)  # replace assessments already in the vault
    wipe_requested = Signal()
    save_copy_requested = Signal()
    restore_copy_requested = Signal()
    erase_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._filling = False
        self.title = QLabel()
        self.title.setObjectName("settingsTitle")
        set_role(self.title, "heading")
        self.banner = Banner("settingsBanner")

        # Everyday
        self.everyday = QGroupBox()
        self.everyday.setObjectName("settingsEveryday")
        form = QFormLayout(self.everyday)
        self.language_label = QLabel()
        self.language_label.setObjectName("settingsLanguageLabel")
        self.language = QComboBox()
        self.language.setObjectName("settingsLanguage")
        for code in i18n.available_languages():
            self.language.addItem(i18n.language_name(code), code)
        self.language_label.setBuddy(self.language)
        self.language.activated.connect(
            lambda _i: self.language_chosen.emit(str(self.language.currentData()))
        )
        self.auto_lock_label = QLabel()
        self.auto_lock = QComboBox()
        self.auto_lock.setObjectName("settingsAutoLock")
        for minutes in AUTO_LOCK_CHOICES:
            self.auto_lock.addItem("", minutes)
        self.auto_lock_label.setBuddy(self.auto_lock)
        self.auto_lock_warning = QLabel()
        self.auto_lock_warning.setObjectName("settingsAutoLockWarning")
        self.auto_lock_warning.setWordWrap(True)
        self.shortcut_label = QLabel()
        self.shortcut = QKeySequenceEdit()
        self.shortcut.setObjectName("settingsQuickExitShortcut")
        self.shortcut.setMaximumSequenceLength(1)
        self.shortcut_label.setBuddy(self.shortcut)
        self.shortcut_reset = QPushButton()
        self.shortcut_reset.setObjectName("settingsQuickExitReset")
        self.shortcut_reset.clicked.connect(
            lambda: self.shortcut.setKeySequence(QKeySequence(DEFAULT_QUICK_EXIT))
        )
        shortcut_row = QHBoxLayout()
        shortcut_row.addWidget(self.shortcut, 1)
        shortcut_row.addWidget(self.shortcut_reset)
        self.paper_label = QLabel()
        self.paper = QComboBox()
        self.paper.setObjectName("settingsPaper")
        self.paper.addItem("", "")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("", "letter")
        self.paper_label.setBuddy(self.paper)
        self.neutral = QCheckBox()
        self.neutral.setObjectName("settingsNeutralTitle")
        form.addRow(self.language_label, self.language)
        form.addRow(self.auto_lock_label, self.auto_lock)
        form.addRow("", self.auto_lock_warning)
        form.addRow(self.shortcut_label, shortcut_row)
        form.addRow(self.paper_label, self.paper)
        form.addRow("", self.neutral)
        for combo in (self.auto_lock, self.paper):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.neutral.toggled.connect(lambda _on: self._emit())
        self.shortcut.editingFinished.connect(self._emit)

        # The vault
        self.vault_box = QGroupBox()
        self.vault_box.setObjectName("settingsVault")
        vault_layout = QVBoxLayout(self.vault_box)
        self.remember = QCheckBox()
        self.remember.setObjectName("settingsRemember")
        self.remember.toggled.connect(self._remember_toggled)
        self.remember_note = QLabel()
        self.remember_note.setObjectName("settingsRememberNote")
        self.remember_note.setWordWrap(True)
        self.passphrase_button = QPushButton()
        self.passphrase_button.setObjectName("settingsChangePassphrase")
        self.passphrase_button.clicked.connect(self.change_passphrase_requested)
        self.erase_note = QLabel()
        self.erase_note.setObjectName("settingsEraseNote")
        self.erase_note.setWordWrap(True)
        self.erase_button = QPushButton()
        self.erase_button.setObjectName("settingsErase")
        self.erase_button.clicked.connect(self.erase_requested)
        vault_layout.addWidget(self.remember)
        vault_layout.addWidget(self.remember_note)
        vault_layout.addWidget(self.passphrase_button, 0, Qt.AlignmentFlag.AlignLeading)
        vault_layout.addWidget(self.erase_note)
        vault_layout.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignLeading)

        # Encrypted backup copies
        self.copies_box = QGroupBox()
        self.copies_box.setObjectName("settingsCopies")
        copies_layout = QVBoxLayout(self.copies_box)
        self.copies_note = QLabel()
        self.copies_note.setObjectName("settingsCopiesNote")
        self.copies_note.setWordWrap(True)
        self.save_copy_button = QPushButton()
        self.save_copy_button.setObjectName("settingsSaveCopy")
        self.save_copy_button.clicked.connect(self.save_copy_requested)
        self.restore_copy_button = QPushButton()
        self.restore_copy_button.setObjectName("settingsRestoreCopy")
        self.restore_copy_button.clicked.connect(self.restore_copy_requested)
        copies_layout.addWidget(self.copies_note)
        row = QHBoxLayout()
        row.addWidget(self.save_copy_button)
        row.addWidget(self.restore_copy_button)
        row.addStretch(1)
        copies_layout.addLayout(row)

        # Your answers as a file
        self.files_box = QGroupBox()
        self.files_box.setObjectName("settingsFiles")
        files_layout = QVBoxLayout(self.files_box)
        self.files_note = QLabel()
        self.files_note.setObjectName("settingsFilesNote")
        self.files_note.setWordWrap(True)
        self.export_notes = QCheckBox()
        self.export_notes.setObjectName("settingsExportNotes")
        self.export_button = QPushButton()
        self.export_button.setObjectName("settingsExport")
        self.export_button.clicked.connect(
            lambda: self.export_requested.emit(self.export_notes.isChecked())
        )
        self.import_replace = QCheckBox()
        self.import_replace.setObjectName("settingsImportReplace")
        self.import_button = QPushButton()
        self.import_button.setObjectName("settingsImport")
        self.import_button.clicked.connect(
            lambda: self.import_requested.emit(self.import_replace.isChecked())
        )
        files_layout.addWidget(self.files_note)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.export_notes)
        row.addStretch(1)
        files_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.import_replace)
        row.addStretch(1)
        files_layout.addLayout(row)

        # Wipe
        self.wipe_box = QGroupBox()
        self.wipe_box.setObjectName("settingsWipeBox")
        wipe_layout = QVBoxLayout(self.wipe_box)
        self.wipe_note = QLabel()
        self.wipe_note.setObjectName("settingsWipeNote")
        self.wipe_note.setWordWrap(True)
        self.wipe_button = QPushButton()
        self.wipe_button.setObjectName("settingsWipe")
        self.wipe_button.clicked.connect(self.wipe_requested)
        wipe_layout.addWidget(self.wipe_note)
        wipe_layout.addWidget(self.wipe_button, 0, Qt.AlignmentFlag.AlignLeading)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        for widget in (
            self.everyday,
            self.vault_box,
            self.copies_box,
            self.files_box,
            self.wipe_box,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 18)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        self.retranslate()

    # --- filling and reporting ---

    def show_state(
        self, preferences: Preferences, language: str, remembered: bool, can_remember: bool
    ) -> None:
        self._filling = True
        try:
            self.language.setCurrentIndex(max(self.language.findData(language), 0))
            index = self.auto_lock.findData(preferences.auto_lock_minutes)
            if index < 0:
                self.auto_lock.addItem("", preferences.auto_lock_minutes)
                index = self.auto_lock.count() - 1
            self.auto_lock.setCurrentIndex(index)
            self.shortcut.setKeySequence(QKeySequence(preferences.quick_exit_shortcut))
            self.paper.setCurrentIndex(max(self.paper.findData(preferences.paper), 0))
            self.neutral.setChecked(preferences.neutral_title)
            self.remember.setChecked(remembered)
            self.remember.setEnabled(can_remember or remembered)
        finally:
            self._filling = False
        self.retranslate()

    def preferences(self) -> Preferences:
        sequence = self.shortcut.keySequence()
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        return Preferences(
            auto_lock_minutes=int(self.auto_lock.currentData()),
            quick_exit_shortcut=text or DEFAULT_QUICK_EXIT,
            paper=str(self.paper.currentData()),
            neutral_title=self.neutral.isChecked(),
        )

    def _emit(self) -> None:
        self.retranslate()
        if not self._filling:
            self.preferences_changed.emit(self.preferences())

    def _remember_toggled(self, on: bool) -> None:
        if not self._filling:
            self.remember_changed.emit(on)

    def set_remember_busy(self, busy: bool) -> None:
        self.remember.setEnabled(not busy)

    def clear(self) -> None:
        self.banner.clear()

    def retranslate(self, _lang: str = "") -> None:
        self.title.setText(tr("Settings"))
        self.everyday.setTitle(tr("Everyday"))
        self.language_label.setText(tr("La&nguage:"))
        self.auto_lock_label.setText(tr("Lock a&utomatically after:"))
        for n in range(self.auto_lock.count()):
            minutes = int(self.auto_lock.itemData(n))
            self.auto_lock.setItemText(
                n,
                tr("Never (not recommended)")
                if minutes == 0
                else ntr("{count} minute of no use", "{count} minutes of no use", minutes).format(
                    count=number(minutes)
                ),
            )
        off = int(self.auto_lock.currentData() or 0) == 0
        self.auto_lock_warning.setText(
            tr(
                "With auto-lock off, anyone who finds this computer unlocked can read "
                "your answers. Lock SafetyKit yourself (Ctrl+L) when you step away."
            )
            if off
            else tr("SafetyKit also locks when the system locks the screen or goes to sleep.")
        )
        self.shortcut_label.setText(tr("&Quick-exit shortcut:"))
        # The focus goes to the editor's inner line edit: it needs the name too.
        for inner in self.shortcut.findChildren(QLineEdit):
            inner.setAccessibleName(tr("Quick-exit shortcut"))
        self.shortcut.setAccessibleName(tr("Quick-exit shortcut"))
        self.shortcut_reset.setText(tr("Use the &default"))
        self.paper_label.setText(tr("&Paper size:"))
        self.paper.setItemText(0, tr("From my region"))
        self.paper.setItemText(2, tr("Letter"))
        self.neutral.setText(tr('Use a neutral window &title ("Notes")'))
        self.vault_box.setTitle(tr("The vault"))
        self.remember.setText(tr("&Remember on this device (the system keychain opens it)"))
        self.remember_note.setText(
            tr(
                "The keychain opens the vault only for the first unlock after SafetyKit "
                "starts; after a lock, the passphrase is needed."
            )
        )
        self.passphrase_button.setText(tr("&Change passphrase…"))
        self.erase_note.setText(
            tr(
                "Deleted answers and assessments can still be read from old blocks of "
                "the disk with your passphrase until the vault gets a new key."
            )
        )
        self.erase_button.setText(tr("&Erase deleted data for good…"))
        self.copies_box.setTitle(tr("Encrypted backup copies"))
        self.copies_note.setText(
            tr(
                "A backup copy is encrypted like the vault: keep it on a USB stick or "
                "another computer, in case this one is lost or seized. It opens with the "
                "passphrase in use when you saved it, also after you change the "
                "passphrase, so save a new copy after a change."
            )
        )
        self.save_copy_button.setText(tr("Save an encrypted &backup copy…"))
        self.restore_copy_button.setText(tr("Restore from a backup cop&y…"))
        self.files_box.setTitle(tr("Your answers as a file"))
        self.files_note.setText(
            tr(
                "An export is a plain JSON file that is not encrypted: anyone who gets it "
                "can read it. Importing adds the assessments of an export to this vault."
            )
        )
        self.export_button.setText(tr("E&xport answers…"))
        self.export_notes.setText(tr("Include my n&otes"))
        self.import_button.setText(tr("&Import answers…"))
        self.import_replace.setText(tr("Replace assessments that are already here"))
        self.wipe_box.setTitle(tr("Wipe all data"))
        self.wipe_note.setText(
            tr(
                "Deletes the vault, its backup and the keychain entry, and starts SafetyKit "
                "again from the first run. It cannot be undone."
            )
        )
        self.wipe_button.setText(tr("&Wipe all data…"))
