"""Small tables filled in one go (a dialog's lines, a trail, a month's figures), as opposed
to the lazy lists of ``desktop.list_view``.

They are read-only through the view (``NoEditTriggers``), never through item flags: cells
that take input are widgets (``desktop.line_editor``). PySide6 6.12.0 dropped a reference
to ``None`` on every ``QTableWidgetItem.setFlags`` and the desktop aborted filling a table
(``tests/desktop/test_qt_refcounts.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ROW_HEIGHT = 28


def read_only_table(
    headers: Sequence[str], parent: QWidget | None = None, *, fit: bool = False
) -> QTableWidget:
    """A table the user reads and selects rows of. ``fit``: columns as wide as their text
    (figures), otherwise the user sizes them and the last one stretches."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if fit:
        header.setMinimumSectionSize(76)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
    return table


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return str(value)


def cell(value: Any, *, right: bool = False, color: str | None = None) -> QTableWidgetItem:
    """A read-only cell: its text, right-aligned for a number, in a warning colour."""
    item = QTableWidgetItem(text_of(value))
    if right:
        item.setTextAlignment(RIGHT)
    if color:
        item.setForeground(QColor(color))
    return item


def fill(table: QTableWidget, rows: Iterable[Sequence[Any]], right: Iterable[int] = ()) -> None:
    """Replace the rows of a read-only table; columns in ``right`` are numbers."""
    right_cols = set(right)
    data = list(rows)
    table.setRowCount(len(data))
    for r, row in enumerate(data):
        for c, value in enumerate(row):
            table.setItem(r, c, cell(value, right=c in right_cols))
