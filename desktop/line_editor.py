"""The one editor of a document's lines: the parts and labour of a repair, the items of a
requisition or a purchase plan, the quantities approved, ordered, issued or received.

Columns are declared (``LineColumn``); a row is a dict of their values plus what the row
stands for (``data``: an item, a line). Cells that take input are widgets (a text or number
field, a check box, a choice, a whole-number spin box); the others are plain read-only
cells of a table that is read-only through its view. The editor only collects input: the
use case it is handed to checks every line and names the field ``lines`` when one is wrong,
which the dialog shows under the table (``show_error``). Enter in a cell moves to the cell
below, so quantities are typed down a column without the mouse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.form_dialog import ErrorLabel
from desktop.tables import cell, read_only_table

FIXED, TEXT, NUMBER, CHECK, CHOICE, COUNT = "fixed", "text", "number", "check", "choice", "count"
MAX_QUANTITY = 1_000_000
COLUMN_PROPERTY = "lineColumn"  # which column an input widget is of (Enter moves down it)


@dataclass(frozen=True)
class LineColumn:
    """``kind``: ``fixed`` (shown), ``text`` or ``number`` (typed), ``check``, ``choice``
    (``choices`` as (text, value)), ``count`` (a whole number from 0 up to the row's
    maximum). ``width`` 0 stretches the column."""

    key: str
    title: str
    kind: str = FIXED
    width: int = 0
    choices: tuple[tuple[str, Any], ...] = ()
    right: bool = False


def spin(value: int, maximum: int = MAX_QUANTITY, minimum: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setFrame(False)
    return box


class LineEditor(QWidget):
    """Rows of ``columns``; ``removable`` adds a 删除 button to each row. ``bar`` (below the
    table) holds the caller's buttons and the ``total`` label."""

    changed = Signal()

    def __init__(
        self,
        columns: Sequence[LineColumn],
        *,
        removable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.keys = [c.key for c in self.columns]
        self.removable = removable
        self.data: list[Any] = []
        self._fixed: list[dict[str, Any]] = []
        titles = [c.title for c in self.columns] + ([""] if removable else [])
        self.table = read_only_table(titles)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for index, column in enumerate(self.columns):
            if column.width:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(index, column.width)
            else:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        if removable:
            header.setSectionResizeMode(len(self.columns), QHeaderView.ResizeMode.Fixed)
            header.resizeSection(len(self.columns), 56)
        self.total = QLabel()
        self.error = ErrorLabel()
        self.bar = QHBoxLayout()
        self.bar.addStretch(1)
        self.bar.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.bar)
        layout.addWidget(self.error)

    # --- rows ----------------------------------------------------------------------------

    def add_line(
        self, data: Any = None, *, maxima: dict[str, int] | None = None, **values: Any
    ) -> int:
        """Append a row standing for ``data`` with these ``values``; ``maxima`` caps its
        ``count`` columns. Returns its index."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.data.append(data)
        self._fixed.append({})
        for c, column in enumerate(self.columns):
            value = values.get(column.key)
            if column.kind == FIXED:
                self._fixed[row][column.key] = value
                self.table.setItem(row, c, cell(value, right=column.right))
            else:
                self.table.setCellWidget(row, c, self._editor(column, value, maxima or {}))
        if self.removable:
            remove = QPushButton(self.tr("删除"))
            remove.setFlat(True)
            remove.clicked.connect(lambda _c=False, w=remove: self._remove_of(w))
            self.table.setCellWidget(row, len(self.columns), remove)
        self.changed.emit()
        return row

    def _editor(self, column: LineColumn, value: Any, maxima: dict[str, int]) -> QWidget:
        editor = self._make_editor(column, value, maxima)
        target = getattr(editor, "check", editor)
        target.setProperty(COLUMN_PROPERTY, column.key)
        target.installEventFilter(self)
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a cell goes to the same column of the next row, as in a spreadsheet,
        instead of pressing the dialog's OK with half the lines typed."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            key = watched.property(COLUMN_PROPERTY)
            if key in self.keys:
                self.move_down(watched, key)
                return True
        return super().eventFilter(watched, event)

    def move_down(self, editor: QObject, key: str) -> None:
        rows = [r for r in range(self.row_count()) if self.widget(r, key) is editor]
        if rows and rows[0] + 1 < self.row_count():
            below = self.widget(rows[0] + 1, key)
            below.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(below, QLineEdit | QSpinBox):
                below.selectAll()
            self.table.setCurrentCell(rows[0] + 1, self.keys.index(key))

    def _make_editor(self, column: LineColumn, value: Any, maxima: dict[str, int]) -> QWidget:
        if column.kind == CHECK:
            box = QCheckBox()
            box.setChecked(bool(value))
            box.toggled.connect(lambda _c: self.changed.emit())
            holder = QWidget()
            layout = QHBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(box)
            holder.check = box  # type: ignore[attr-defined]
            return holder
        if column.kind == CHOICE:
            combo = QComboBox()
            for text, choice in column.choices:
                combo.addItem(text, choice)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            return combo
        if column.kind == COUNT:
            box = spin(int(value or 0), maxima.get(column.key, MAX_QUANTITY))
            box.valueChanged.connect(lambda _v: self.changed.emit())
            return box
        edit = QLineEdit("" if value is None else str(value))
        edit.setFrame(False)
        if column.kind == NUMBER or column.right:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.textChanged.connect(lambda _t: self.changed.emit())
        return edit

    def _remove_of(self, button: QWidget) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, len(self.columns)) is button:
                self.remove(row)
                return

    def remove(self, row: int) -> None:
        self.table.removeRow(row)
        del self.data[row]
        del self._fixed[row]
        self.changed.emit()

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.data.clear()
        self._fixed.clear()
        self.changed.emit()

    def row_of(self, data: Any) -> int | None:
        """The row that stands for ``data`` (an item already listed), or ``None``."""
        return next((r for r, d in enumerate(self.data) if d == data), None)

    def row_count(self) -> int:
        return self.table.rowCount()

    # --- values --------------------------------------------------------------------------

    def widget(self, row: int, key: str) -> Any:
        """The input widget of a cell (a ``count`` column's spin box ...)."""
        found = self.table.cellWidget(row, self.keys.index(key))
        return getattr(found, "check", found)

    def value(self, row: int, key: str) -> Any:
        column = self.columns[self.keys.index(key)]
        if column.kind == FIXED:
            return self._fixed[row].get(key)
        widget = self.widget(row, key)
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QSpinBox):
            return widget.value()
        return widget.text().strip()

    def set_value(self, row: int, key: str, value: Any) -> None:
        widget = self.widget(row, key)
        if isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    def rows(self) -> list[dict[str, Any]]:
        """Every row's values by column key, with ``data``."""
        return [
            {"data": self.data[r], **{key: self.value(r, key) for key in self.keys}}
            for r in range(self.row_count())
        ]

    def show_error(self, text: str) -> None:
        self.error.show_text(text)
