"""Edit dialogs built from the ``forms.spec`` declarations, so the dialog, the Excel
template, the importer and the PDF always agree on fields, labels, types and choices.

- One typed widget per ``FieldType``: text and numbers in line edits (parsed by the same
  ``forms.values`` parsers the importer uses), dates in a calendar date edit, date-times in
  a date-time edit, multi-line text in a plain-text editor, choices in a combo box (several
  choices as check boxes), references in a search picker (pinyin too).
- Nothing is written here: ``submit(values)`` is a use case from ``models/`` (or a small
  function calling one), run through ``desktop.ops.attempt``. Its ``RuleViolation`` with a
  ``field`` appears under that field with the rule ID (``[X1] …``); one without a field
  appears at the top of the dialog; any other error goes to the one error router. The dialog
  stays open until the use case succeeds.
- ``ErrorLabel`` is the one red line every dialog shows a refusal in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops, shortcuts
from desktop.i18n import pick
from desktop.pickers import SearchPicker, key_search
from forms.spec import Field, FieldType
from forms.values import ValueProblem, parser_for
from models.errors import HouqinError, RuleViolation

NO_DATE = QDate(1900, 1, 1)
NO_DATETIME = QDateTime(NO_DATE, QTime(0, 0))


ERROR_COLOUR = "#c0392b"


class ErrorLabel(QLabel):
    """A refusal in a dialog: beside a field (``fieldError``) or at its top, bold
    (``formError``). Hidden while it has nothing to say."""

    def __init__(self, parent: QWidget | None = None, *, top: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("formError" if top else "fieldError")
        self.setWordWrap(True)
        weight = " font-weight: bold;" if top else ""
        self.setStyleSheet(f"color: {ERROR_COLOUR};{weight}")
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            fit_window(self)


def fit_window(widget: QWidget) -> None:
    """Grow ``widget``'s window at once to hold what it now shows, never shrinking it: a
    wrapped refusal shown in a visible dialog would otherwise be clipped until a later
    layout pass, and the user would read half of the reason."""
    window = widget.window()
    if window is widget or not window.isVisible() or window.layout() is None:
        return
    layout = window.layout()
    layout.activate()
    hint = window.sizeHint()
    width = max(window.width(), hint.width())
    height = max(window.height(), hint.height(), window.heightForWidth(width))
    screen = window.screen()
    if screen is not None:  # grown, but not past the screen
        room = screen.availableGeometry().size()
        width = max(window.width(), min(width, room.width()))
        height = max(window.height(), min(height, room.height()))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    layout.setGeometry(window.rect())  # place the children now, not at the next event


def file_row(
    dialog: QWidget, placeholder: str, choose: str, caption: str, kinds: str = ""
) -> tuple[QLineEdit, QWidget]:
    """A dialog's file to attach: a read-only line with the path chosen and a button that opens
    the file dialog (``caption``, ``kinds`` its filter). The texts come translated from the
    dialog; the file is read when OK runs the use case, so the line is all the dialog keeps."""
    path = QLineEdit()
    path.setReadOnly(True)
    path.setPlaceholderText(placeholder)
    button = QPushButton(choose)

    def chosen(_checked: bool = False) -> None:
        name, _ = QFileDialog.getOpenFileName(dialog, caption, "", kinds)
        if name:
            path.setText(name)

    button.clicked.connect(chosen)
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(path, 1)
    line.addWidget(button)
    return path, row


def picker_hint(field: Field) -> str:
    """What a reference picker asks for, named after what it picks (单位, 修理厂 …), never a
    person's 姓名 when it picks a department; a plate is typed, it has no pinyin."""
    assert field.reference is not None
    target = "单位" if field.label.endswith("单位") else field.reference.target
    english = field.label_en or target
    if target == "车辆":
        return pick("输入车牌号", "Type the plate number")
    return pick(
        f"输入{target}名称或拼音首字母", f"Type the {english.lower()}'s name or pinyin initials"
    )


def label_of(field: Field) -> str:
    return pick(field.label, field.label_en or field.label)


class FieldEditor:
    """The widget of one field and how to read and fill it."""

    def __init__(self, field: Field, parent: QWidget) -> None:
        self.field = field
        self.widget: QWidget = self._build(parent)
        if field.help:
            self.widget.setToolTip(field.help)
        self.error = ErrorLabel(parent)

    def _build(self, parent: QWidget) -> QWidget:
        f = self.field
        if f.type == FieldType.DATETIME:
            stamp = QDateTimeEdit(parent)
            stamp.setCalendarPopup(True)
            stamp.setDisplayFormat("yyyy-MM-dd HH:mm")
            if not f.required:
                stamp.setMinimumDateTime(NO_DATETIME)
                stamp.setSpecialValueText(" ")
                stamp.setDateTime(NO_DATETIME)
            else:
                stamp.setDateTime(QDateTime.currentDateTime())
            return stamp
        if f.multiline:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)
            text.setMinimumHeight(72)
            return text
        if f.type == FieldType.DATE:
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            if not f.required:
                edit.setMinimumDate(NO_DATE)
                edit.setSpecialValueText(" ")
                edit.setDate(NO_DATE)
            else:
                edit.setDate(QDate.currentDate())
            return edit
        if f.type == FieldType.CHOICE and f.multiple:
            box = QWidget(parent)
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            self.checks = []
            for i, choice in enumerate(f.choices):
                check = QCheckBox(labels.choice(choice), box)
                check.setProperty("choice", choice)  # the value, whatever the words shown
                grid.addWidget(check, i // 4, i % 4)
                self.checks.append(check)
            return box
        if f.type == FieldType.CHOICE:
            combo = QComboBox(parent)
            if not f.required:
                combo.addItem("", None)
            for choice in f.choices:
                combo.addItem(labels.choice(choice), choice)  # the word shown, the value kept
            return combo
        if f.type == FieldType.REFERENCE:
            assert f.reference is not None
            keys = f.reference.keys or (lambda: [])
            return SearchPicker(key_search(keys), picker_hint(f), parent=parent)
        edit = QLineEdit(parent)
        if f.max_length:
            edit.setMaxLength(f.max_length)
        if f.numeric:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            places = 2 if f.type == FieldType.MONEY else (f.places or 0)
            edit.setPlaceholderText(f"{0:.{places}f}")
        return edit

    def raw(self) -> Any:
        """What the user entered, before parsing (``None`` when empty)."""
        w = self.widget
        if isinstance(w, QDateTimeEdit) and self.field.type == FieldType.DATETIME:
            stamp = w.dateTime()
            if stamp == NO_DATETIME and not self.field.required:
                return None
            return stamp.toPython().replace(second=0, microsecond=0)
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip() or None
        if isinstance(w, QDateEdit):
            qd = w.date()
            return None if qd == NO_DATE and not self.field.required else qd.toPython()
        if self.field.type == FieldType.CHOICE and self.field.multiple:
            return tuple(c.property("choice") for c in self.checks if c.isChecked()) or None
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QLineEdit):
            return w.text().strip() or None
        return None

    def value(self) -> Any:
        """The typed value; raises ``ValueProblem`` for text that is not of the type."""
        raw = self.raw()
        f = self.field
        if raw is None:
            return None
        if f.type == FieldType.DATE or (f.type == FieldType.CHOICE):
            return raw
        value = parser_for(f)(raw)
        if f.type == FieldType.REFERENCE and value is not None:
            assert f.reference is not None
            record = f.reference.lookup(value)
            if record is None:
                raise ValueProblem(
                    f"没有{f.reference.target}「{value}」", f"no {f.reference.target} {value}"
                )
            return record
        return value

    def set_value(self, value: Any) -> None:
        w = self.widget
        if value is None:
            return
        if self.field.type == FieldType.DATETIME and isinstance(value, datetime):
            assert isinstance(w, QDateTimeEdit)
            w.setDateTime(
                QDateTime(
                    QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)
                )
            )
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value))
        elif isinstance(w, QDateEdit) and isinstance(value, date):
            w.setDate(QDate(value.year, value.month, value.day))
        elif self.field.type == FieldType.CHOICE and self.field.multiple:
            chosen = set(value)
            for check in self.checks:
                check.setChecked(check.property("choice") in chosen)
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, SearchPicker):
            w.set_value(str(value), str(value))
        elif isinstance(w, QLineEdit):
            w.setText(str(value))

    def show_error(self, text: str) -> None:
        self.error.show_text(text)


class ActionDialog(QDialog):
    """A dialog whose OK runs a use case, ``run(acknowledged)``, through ``ops.attempt``: a
    refusal stays in the dialog (rule ID first); a warning asks "continue?" and re-runs with
    it acknowledged; a conflict or a bug goes to the error router. The dialog closes when the
    use case succeeded (its result in ``result_value``)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: Any = None
        self.error = ErrorLabel(top=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        shortcuts.tip(ok, shortcuts.SAVE)
        shortcuts.bind(self, shortcuts.SAVE, lambda: shortcuts.press(ok))

    def run(self, acknowledged: frozenset[str]) -> Any:
        raise NotImplementedError

    @Slot()
    def try_submit(self) -> bool:
        self.clear_errors()
        return ops.attempt(self, self.run, done=self.succeeded, inline=self.show_inline)

    def clear_errors(self) -> None:
        self.error.show_text("")

    def succeeded(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def show_inline(self, exc: BaseException) -> bool:
        """Whether the dialog showed ``exc`` itself; the rest goes to the router."""
        if isinstance(exc, RuleViolation):
            self.show_rule(exc)
            return True
        return False

    def show_rule(self, exc: RuleViolation) -> None:
        self.error.show_text(errors.inline_text(exc))


class FormDialog(ActionDialog):
    """A dialog for ``fields``; ``submit(values)`` runs the use case and returns its result
    (kept in ``self.result``)."""

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[dict[str, Any]], Any],
        *,
        values: Mapping[str, Any] | None = None,
        password_fields: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.setMinimumWidth(460)
        self.submit_fn = submit
        self.result: Any = None
        self.values: dict[str, Any] = {}
        self.editors: dict[str, FieldEditor] = {}
        self.general_error = self.error

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(4)
        for field in fields:
            editor = FieldEditor(field, self)
            if field.key in password_fields and isinstance(editor.widget, QLineEdit):
                editor.widget.setEchoMode(QLineEdit.EchoMode.Password)
            self.editors[field.key] = editor
            label = label_of(field) + ("*" if field.required else "") + "："
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor.widget)
            column.addWidget(editor.error)
            form.addRow(label, column)
        for key, value in (values or {}).items():
            if key in self.editors:
                self.editors[key].set_value(value)

        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def widget(self, key: str) -> QWidget:
        return self.editors[key].widget

    def show_choices(self, key: str, words: Mapping[str, str]) -> None:
        """The words the choice field ``key`` shows for its choices (a choice → its text in
        the interface language, from the caller's own ``tr``), where the form's Chinese word
        is no label ``labels.choice`` knows; the value kept stays the declared word."""
        combo = self.widget(key)
        assert isinstance(combo, QComboBox)
        for i in range(combo.count()):
            if combo.itemData(i) in words:
                combo.setItemText(i, words[combo.itemData(i)])

    def error_text(self, key: str) -> str:
        return self.editors[key].error.text() if self.editors[key].error.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for editor in self.editors.values():
            editor.show_error("")
        super().clear_errors()

    def collect(self) -> dict[str, Any] | None:
        """Typed values, or ``None`` after marking the fields that are missing or malformed."""
        self.clear_errors()
        values: dict[str, Any] = {}
        ok = True
        for key, editor in self.editors.items():
            try:
                value = editor.value()
            except ValueProblem as exc:
                editor.show_error(pick(exc.zh, exc.en))
                ok = False
                continue
            if value is None and editor.field.required:
                editor.show_error(self.tr("必填"))
                ok = False
            values[key] = value
        return values if ok else None

    @Slot()
    def try_submit(self) -> bool:
        values = self.collect()
        if values is None:
            return False
        self.values = values
        return super().try_submit()

    def run(self, acknowledged: frozenset[str]) -> Any:
        return self.submit_fn(self.values)

    def succeeded(self, result: Any) -> None:
        self.result = result
        super().succeeded(result)

    def show_inline(self, exc: BaseException) -> bool:
        """Any refusal stays in the dialog; a bug goes to the router (details, not a trace)."""
        if isinstance(exc, HouqinError) and not isinstance(exc, RuleViolation):
            self.general_error.show_text(errors.message(exc))
            return True
        return super().show_inline(exc)

    def show_rule(self, exc: RuleViolation) -> None:
        """Next to the field it names; else at the top. The rule ID leads either way."""
        text = errors.inline_text(exc)
        if exc.field and exc.field in self.editors:
            self.editors[exc.field].show_error(text)
            self.editors[exc.field].widget.setFocus()
        else:
            super().show_rule(exc)
