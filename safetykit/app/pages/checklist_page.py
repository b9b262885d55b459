"""The guided checklist: categories with progress on one side, one item at a time on
the other, read first (title, why, numbered steps), then the four answers as large
buttons with their keys (1–4, also the Arabic-Indic and Persian digits).

The page draws ``GuidedChecklist.view()`` and reports what the user did; every change
goes to the session, which saves it in the background.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.labels import effort_text, plain, risk_text, status_text
from safetykit.app.language import date_text, follow_language, ntr, number, tr
from safetykit.app.widgets.roles import set_role
from safetykit.assessment.records import MAX_NOTE_CHARS, Status
from safetykit.views.checklist import ANSWER_ORDER, GuidedChecklist, ItemView

# The digit keys 1–4 as Latin, Arabic-Indic and Extended Arabic-Indic (Persian) digits:
# an Arabic or Persian keyboard layout sends the latter.
DIGITS = {
    **{str(n): n for n in range(1, 5)},
    **{chr(0x0660 + n): n for n in range(1, 5)},
    **{chr(0x06F0 + n): n for n in range(1, 5)},
}
NOTE_DELAY_MS = 400


def _direction(text_dir: str) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if text_dir == "rtl" else Qt.LayoutDirection.LeftToRight


class ChecklistPage(QWidget):
    changed = Signal()  # the user changed an answer, note or due date
    dashboard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPage")
        self.guide: GuidedChecklist | None = None
        self.view: ItemView | None = None
        self._filling = False

        # Categories
        self.categories_label = QLabel()
        self.categories_label.setObjectName("checklistCategoriesLabel")
        self.categories = QListWidget()
        self.categories.setObjectName("checklistCategories")
        self.categories_label.setBuddy(self.categories)
        self.categories.setWordWrap(True)
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.categories.setSpacing(2)
        self.categories.itemActivated.connect(self._category_chosen)
        self.categories.itemClicked.connect(self._category_chosen)
        self.categories.installEventFilter(self)
        self.open_only = QCheckBox()
        self.open_only.setObjectName("checklistOpenOnly")
        self.open_only.toggled.connect(self._open_only)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.categories_label)
        side_layout.addWidget(self.categories, 1)
        side_layout.addWidget(self.open_only)

        # The item
        self.position = QLabel()
        self.position.setObjectName("checklistPosition")
        self.item_title = QLabel()
        self.item_title.setObjectName("checklistItemTitle")
        set_role(self.item_title, "heading")
        self.item_title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("checklistItemMeta")
        self.meta.setWordWrap(True)
        self.why = QLabel()
        self.why.setObjectName("checklistItemWhy")
        self.why.setWordWrap(True)
        self.steps_title = QLabel()
        self.steps_title.setObjectName("checklistStepsTitle")
        set_role(self.steps_title, "subheading")
        self.steps = QLabel()
        self.steps.setObjectName("checklistItemSteps")
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.sources = QLabel()
        self.sources.setObjectName("checklistItemSources")
        self.sources.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setObjectName("checklistEmpty")
        self.empty.setWordWrap(True)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        for widget in (
            self.position,
            self.item_title,
            self.meta,
            self.why,
            self.steps_title,
            self.steps,
            self.sources,
            self.empty,
        ):
            reading_layout.addWidget(widget)
        reading_layout.addStretch(1)
        self.reading = QScrollArea()
        self.reading.setObjectName("checklistReading")
        self.reading.setWidgetResizable(True)
        self.reading.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # text to read, not a control
        self.reading.setWidget(reading)

        # The answers
        self.answer_group = QButtonGroup(self)
        self.answer_buttons: dict[Status, QPushButton] = {}
        answers = QHBoxLayout()
        for n, status in enumerate(ANSWER_ORDER, start=1):
            button = QPushButton()
            button.setObjectName(f"checklistAnswer_{status.value}")
            button.setProperty("role", "answer")
            button.setCheckable(True)
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, s=status: self.answer(s))
            self.answer_group.addButton(button, n)
            self.answer_buttons[status] = button
            answers.addWidget(button)
        self.answer_group.setExclusive(False)

        # Note and due date
        self.note_label = QLabel()
        self.note_label.setObjectName("checklistNoteLabel")
        self.note = QPlainTextEdit()
        self.note.setObjectName("checklistNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(72)
        self.note_label.setBuddy(self.note)
        self.note_limit = QLabel()
        self.note_limit.setObjectName("checklistNoteLimit")
        self.note_limit.hide()
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self._write_note)
        self.note.textChanged.connect(self._note_typed)
        self.due_check = QCheckBox()
        self.due_check.setObjectName("checklistDueCheck")
        self.due = QDateEdit()
        self.due.setObjectName("checklistDue")
        self.due.setCalendarPopup(True)
        # One order in every language and country; the digits and the calendar are the
        # language's own (follow_language), as in the plan.
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setEnabled(False)
        self.due_check.toggled.connect(self._due_toggled)
        self.due.dateChanged.connect(lambda _d: self._store_due())
        extras = QHBoxLayout()
        extras.addWidget(self.due_check)
        extras.addWidget(self.due)
        extras.addStretch(1)

        # Moving
        self.previous_button = QPushButton()
        self.previous_button.setObjectName("checklistPrevious")
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QPushButton()
        self.next_button.setObjectName("checklistNext")
        self.next_button.clicked.connect(lambda: self._step(1))
        self.unanswered_button = QPushButton()
        self.unanswered_button.setObjectName("checklistNextUnanswered")
        self.unanswered_button.clicked.connect(self.next_unanswered)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("checklistUndo")
        self.undo_button.clicked.connect(self.undo)
        self.back_button = QPushButton()
        self.back_button.setObjectName("checklistDashboard")
        self.back_button.clicked.connect(self.dashboard_requested)
        moves = QHBoxLayout()
        moves.addWidget(self.back_button)
        moves.addWidget(self.undo_button)
        moves.addStretch(1)
        moves.addWidget(self.previous_button)
        moves.addWidget(self.unanswered_button)
        moves.addWidget(self.next_button)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addWidget(self.reading, 1)
        main_layout.addLayout(answers)
        main_layout.addWidget(self.note_label)
        main_layout.addWidget(self.note)
        main_layout.addWidget(self.note_limit)
        main_layout.addLayout(extras)
        main_layout.addLayout(moves)
        splitter = QSplitter()
        splitter.setObjectName("checklistSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(side)
        splitter.addWidget(main)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(splitter)

        self.undo_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self._undo_shortcut)
        for key, delta in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self._step(d))
        self.retranslate()

    # --- showing ---

    def start(self, guide: GuidedChecklist) -> None:
        self.guide = guide
        self.open_only.setChecked(guide.open_only)
        self.refresh()

    def refresh(self) -> None:
        self._filling = True
        try:
            self._fill_categories()
            self._fill_item()
        finally:
            self._filling = False

    def _fill_categories(self) -> None:
        if self.guide is None:
            self.categories.clear()
            return
        found = self.guide.categories()
        same = self.categories.count() == len(found) and all(
            self.categories.item(n).data(Qt.ItemDataRole.UserRole) == list(p.key)
            or self.categories.item(n).data(Qt.ItemDataRole.UserRole) == p.key
            for n, p in enumerate(found)
        )
        if not same:  # after an answer only the counts change: update them in place
            self.categories.clear()
            for progress in found:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, progress.key)
                self.categories.addItem(item)
        for n, progress in enumerate(found):
            item = self.categories.item(n)
            text = tr("{title} ({answered} of {total})").format(
                title=progress.title,
                answered=number(progress.answered),
                total=number(progress.applicable),
            )
            if item.text() != text:
                item.setText(text)
            if progress.current and self.categories.currentRow() != n:
                self.categories.setCurrentRow(n)

    def _fill_item(self) -> None:
        self._store_note()
        view = self.view = self.guide.view() if self.guide else None
        has_item = view is not None
        for widget in (
            self.position,
            self.item_title,
            self.meta,
            self.why,
            self.steps_title,
            self.steps,
            self.sources,
            self.note_label,
            self.note,
            self.due_check,
            self.due,
        ):
            widget.setVisible(has_item)
        answerable = view is not None and not view.playbook
        for button in self.answer_buttons.values():
            button.setVisible(answerable)
        for widget in (self.note_label, self.note, self.due_check, self.due):
            widget.setVisible(answerable)
        self.empty.setVisible(not has_item)
        self.undo_button.setEnabled(bool(self.guide and self.guide.can_undo))
        if view is None:
            self.note.clear()
            return
        direction = _direction(view.text_dir)
        # The pack's own wording keeps its direction; the sources line is the
        # interface's sentence ("Sources: …", "From …, licence …"), so it follows the
        # interface (the right-to-left test found it laid out left to right in Arabic).
        for widget in (self.item_title, self.why, self.steps):
            widget.setLayoutDirection(direction)
            widget.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.sources.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.position.setText(
            tr("{category}: item {position} of {count}").format(
                category=view.category, position=number(view.position), count=number(view.count)
            )
        )
        self.item_title.setText(view.title)
        if view.playbook:
            self.meta.setText(
                tr(
                    "If this happens: a guide for the first hour, to read now and use "
                    "then. Nothing to tick off. Reviewed {date}."
                ).format(date=date_text(view.reviewed))
            )
        else:
            self.meta.setText(
                tr("{risk}, {effort}. Reviewed {date}.").format(
                    risk=risk_text(view.risk),
                    effort=effort_text(view.effort),
                    date=date_text(view.reviewed),
                )
            )
        self.why.setText(view.why)
        self.steps.setText("\n".join(f"{n}. {step}" for n, step in enumerate(view.steps, 1)))
        here = "rtl" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "ltr"
        # (text, direction) per paragraph: the interface's sentences read in its
        # direction, the pack's own credit line in the pack's.
        origin = (
            [(tr("Sources: {sources}").format(sources="; ".join(view.sources)), here)]
            if (view.sources)
            else []
        )
        if view.pack_credit:
            origin.append((view.pack_credit, view.text_dir))
        origin.append(
            (
                tr("From {pack}, licence {license}.").format(
                    pack=view.pack_name, license=view.pack_license
                ),
                here,
            )
        )
        self.sources.setTextFormat(Qt.TextFormat.RichText)
        self.sources.setText(
            "".join(
                f'<p dir="{direction}" style="margin:0">{html.escape(text, quote=False)}</p>'
                for text, direction in origin
            )
        )
        for status, button in self.answer_buttons.items():
            button.setChecked(view.answered and view.status is status)
        self.note.blockSignals(True)
        self.note.setPlainText(view.note)
        self.note.blockSignals(False)
        self.due_check.blockSignals(True)
        self.due_check.setChecked(view.due is not None)
        self.due_check.blockSignals(False)
        self.due.setEnabled(view.due is not None)
        self.due.blockSignals(True)
        when = view.due or dt.date.today() + dt.timedelta(days=7)
        self.due.setDate(QDate(when.year, when.month, when.day))
        self.due.blockSignals(False)
        self.previous_button.setEnabled(view.overall_position > 1)
        self.next_button.setEnabled(view.overall_position < view.overall_count)

    # --- what the user does ---

    def answer(self, status: Status) -> None:
        if self.guide is None or self.view is None:
            return
        self._store_note()
        self.guide.answer(status)
        self.changed.emit()
        self.refresh()

    def _step(self, delta: int) -> None:
        if self.guide is not None:
            self._store_note()
            self.guide.step(delta)
            self.refresh()

    def next_unanswered(self) -> None:
        if self.guide is not None:
            self._store_note()
            self.guide.next_unanswered()
            self.refresh()

    def undo(self) -> None:
        if self.guide is not None and self.guide.can_undo:
            self._store_note()
            self.guide.undo()
            self.changed.emit()
            self.refresh()

    def _undo_shortcut(self) -> None:
        if not self.note.hasFocus():  # the note editor undoes its own typing
            self.undo()

    def show_item(self, qualified_id: str) -> None:
        if self.guide is not None:
            self.guide.go_to(qualified_id)
            self.refresh()

    def _category_chosen(self, item: QListWidgetItem) -> None:
        if self.guide is None or self._filling:
            return
        self._store_note()
        key = item.data(Qt.ItemDataRole.UserRole)
        self.guide.go_to_category(tuple(key))
        self.refresh()

    def _open_only(self, on: bool) -> None:
        if self.guide is not None and not self._filling:
            self._store_note()
            self.guide.set_open_only(on)
            self.refresh()

    def _note_typed(self) -> None:
        text = self.note.toPlainText()
        if len(text) > MAX_NOTE_CHARS:
            cursor = self.note.textCursor()
            self.note.blockSignals(True)
            self.note.setPlainText(text[:MAX_NOTE_CHARS])
            self.note.blockSignals(False)
            cursor.setPosition(MAX_NOTE_CHARS)
            self.note.setTextCursor(cursor)
            self.note_limit.setText(
                ntr(
                    "A note can be at most {count} character.",
                    "A note can be at most {count} characters.",
                    MAX_NOTE_CHARS,
                ).format(count=number(MAX_NOTE_CHARS))
            )
            self.note_limit.show()
        else:
            self.note_limit.hide()
        if not self._filling:
            self._note_timer.start()

    def _store_note(self) -> None:
        """Write a note still waiting for its timer (before moving to another item)."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._write_note()

    def _write_note(self) -> None:
        if self.guide is None or self.view is None:
            return
        self.guide.set_note(self.note.toPlainText())
        self.changed.emit()

    def _due_toggled(self, on: bool) -> None:
        self.due.setEnabled(on)
        self._store_due()

    def _store_due(self) -> None:
        if self._filling or self.guide is None or self.view is None:
            return
        if self.due_check.isChecked():
            date = self.due.date()
            self.guide.set_due(dt.date(date.year(), date.month(), date.day()))
        else:
            self.guide.set_due(None)
        self.changed.emit()

    def _answer_key(self, event: QKeyEvent) -> bool:
        number = DIGITS.get(event.text())
        plain_key = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if number is None or not plain_key or self.note.hasFocus() or self.due.hasFocus():
            return False
        if self.view is not None:
            self.answer(ANSWER_ORDER[number - 1])
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._answer_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The category list would use digits for its type-ahead search.
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and self._answer_key(event):  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def clear(self) -> None:
        self._note_timer.stop()
        if self.guide is not None:
            self.guide.forget()
        self.guide = None
        self.view = None
        self.categories.clear()
        for label in (
            self.position,
            self.item_title,
            self.meta,
            self.why,
            self.steps,
            self.sources,
        ):
            label.clear()
        self.note.clear()
        self.note.document().clearUndoRedoStacks()

    def retranslate(self, _lang: str = "") -> None:
        self.categories_label.setText(tr("Ca&tegories"))
        self.open_only.setText(tr("Show open items onl&y"))
        self.steps_title.setText(tr("What to do"))
        self.note_label.setText(tr("N&ote (optional, kept encrypted):"))
        self.due_check.setText(tr("Set a due dat&e"))
        self.due.setAccessibleName(tr("Due date"))
        follow_language(self.due)
        self.previous_button.setText(tr("P&revious"))
        self.next_button.setText(tr("Ne&xt"))
        self.unanswered_button.setText(tr("Next &unanswered"))
        self.undo_button.setText(tr("Undo last answer"))
        self.undo_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.Undo).toString(
                QKeySequence.SequenceFormat.NativeText
            )
        )
        self.back_button.setText(tr("Dash&board"))
        self.empty.setText(
            tr('No items to show. Untick "Show open items only" to see all of them.')
            if self.open_only.isChecked()
            else tr("No checklist items apply to your answers.")
        )
        for n, (status, button) in enumerate(self.answer_buttons.items(), start=1):
            button.setText(f"{n}  {plain(status_text(status))}")
            button.setAccessibleName(plain(status_text(status)))
            button.setToolTip(tr("Key {key}").format(key=n))
        if self.guide is not None:
            self.refresh()
