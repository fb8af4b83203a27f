"""Small pieces every tab of 办公用品 shares: its translation context, read-only tables and
numeric cells."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.i18n import translator

tr = translator("supplies")  # module-level strings of this package share one context


def read_only_table(headers: Sequence[str], parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(28)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def cell(value: Any, *, right: bool = False) -> QTableWidgetItem:
    text = (
        ""
        if value is None
        else f"{value:%Y-%m-%d %H:%M}"
        if isinstance(value, datetime)
        else str(value)
    )
    item = QTableWidgetItem(text)  # read-only through the table's edit triggers
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def fill(table: QTableWidget, rows: Iterable[Sequence[Any]], right: Iterable[int] = ()) -> None:
    """Replace the rows of a read-only table; columns in ``right`` are numbers."""
    right_cols = set(right)
    data = list(rows)
    table.setRowCount(len(data))
    for r, row in enumerate(data):
        for c, value in enumerate(row):
            table.setItem(r, c, cell(value, right=c in right_cols))
