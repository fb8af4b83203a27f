"""The Qt calls the desktop makes on its hot paths keep ``None``'s reference count.

PySide6 6.12.0 dropped one reference to ``None`` on every ``QTableWidgetItem.setFlags``; a
page that filled a table called it for every cell, and after a few thousand cells Python
aborted with ``Fatal Python error: none_dealloc``. Each call here runs a thousand times; a
binding that leaks or drops a reference to ``None`` per call moves the count by hundreds and
fails the suite before it can crash a user's desktop.

From Python 3.12 ``None`` is immortal: its count never moves, and there is nothing to
measure (nor, for the interpreter, anything to free), so the module skips there.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCharts import QBarSet
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.lazy_model import Column, LazyQueryModel

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its count never moves"
)

CALLS = 1000
TOLERANCE = 5  # caches may take or drop a few references; a per-call fault moves 1000


def drift(call: Callable[[], object]) -> int:
    """How far ``CALLS`` calls move None's count. The collector is held off meanwhile, so
    garbage of earlier tests freed in the middle does not blur the figure."""
    call()  # first use may create caches that live on
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            call()
        return sys.getrefcount(None) - before
    finally:
        gc.enable()


class _Emitter(QObject):
    value = Signal(object)


def _lazy_model() -> LazyQueryModel:
    """The desktop's list model with rows in memory (no database needed to call ``data``)."""
    columns = [
        Column("name", "名称", None, width=80),
        Column("amount", "金额", None, align_right=True),
        Column("note", "备注", None),
    ]
    model = LazyQueryModel(lambda: None, columns, None)  # type: ignore[arg-type]
    model.rows = [{"name": f"行{i}", "amount": i, "note": None, "_key": i} for i in range(40)]
    return model


def _steady_cases(qtbot) -> dict[str, Callable[[], object]]:
    """Calls on widgets and items that already exist: each must leave the count as it was."""
    table = QTableWidget(4, 4)
    qtbot.addWidget(table)
    item = QTableWidgetItem("x")
    item.setText("x")  # the first call from C++ into a wrapper caches its overrides
    checkable = QTableWidgetItem()
    checkable.setCheckState(Qt.CheckState.Unchecked)
    red = QColor("#c0392b")
    standard = QStandardItem("s")
    standard.setText("s")
    lazy = _lazy_model()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(lazy)
    view.resize(400, 300)
    view.show()
    index = lazy.index(3, 2)
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("全部", None)
    label = QLabel()
    qtbot.addWidget(label)
    spin = QSpinBox()
    qtbot.addWidget(spin)
    button = QPushButton("同意")
    qtbot.addWidget(button)
    button.clicked.connect(lambda _checked=False: None)
    emitter = _Emitter()
    emitter.value.connect(lambda _v: None)
    bars = QBarSet("Q1")
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    return {
        "QTableWidgetItem.setData(None)": lambda: item.setData(Qt.ItemDataRole.UserRole, None),
        "QTableWidgetItem.data() of nothing": lambda: item.data(Qt.ItemDataRole.UserRole + 9),
        "QTableWidgetItem.setText": lambda: item.setText("文本"),
        "QTableWidgetItem.text": lambda: item.text(),
        "QTableWidgetItem.setTextAlignment": lambda: item.setTextAlignment(right),
        "QTableWidgetItem.setForeground": lambda: item.setForeground(red),
        "QTableWidgetItem.setToolTip": lambda: item.setToolTip("提示"),
        "QTableWidgetItem.flags": lambda: item.flags(),
        "QTableWidgetItem.setFlags": lambda: item.setFlags(item.flags()),
        "QTableWidgetItem.setCheckState": lambda: checkable.setCheckState(Qt.CheckState.Checked),
        "QTableWidgetItem.checkState": lambda: checkable.checkState(),
        "QTableWidget.item() of an empty cell": lambda: table.item(3, 3),
        "QTableWidget.setRowCount": lambda: table.setRowCount(4),
        "QStandardItem.setData(None)": lambda: standard.setData(None, Qt.ItemDataRole.UserRole),
        "QStandardItem.setText": lambda: standard.setText("文本"),
        "LazyQueryModel.data() of every role": lambda: [index.data(role) for role in range(0, 14)],
        "QTableView painting LazyQueryModel (multiData)": lambda: view.viewport().repaint(),
        "QComboBox.addItem(text, None)": lambda: combo.addItem("项", None),
        "QComboBox.addItem(text, value)": lambda: combo.addItem("项", 3),
        "QComboBox.currentData() of None": lambda: combo.currentData(),
        "QComboBox.findData(None)": lambda: combo.findData(None),
        "QLabel.setText": lambda: label.setText("已显示 20 条"),
        "QWidget.setVisible": lambda: label.setVisible(False),
        "QSpinBox.setValue and value": lambda: (spin.setValue(3), spin.value()),
        "QPushButton.click (a slot returning None)": button.click,
        "Signal(object).emit(None)": lambda: emitter.value.emit(None),
        "QBarSet.append": lambda: bars.append(1.5),
    }


def _fresh_cases(qtbot) -> dict[str, Callable[[], object]]:
    """Calls that make a new item each time, as filling a table does."""
    table = QTableWidget(4, 4)
    qtbot.addWidget(table)
    table.show()
    standard_model = QStandardItemModel(2, 2)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def cell() -> None:
        item = QTableWidgetItem("文本")
        item.setTextAlignment(right)
        table.setItem(0, 0, item)

    def checked() -> None:
        item = QTableWidgetItem("总成")
        item.setCheckState(Qt.CheckState.Unchecked)
        table.setItem(1, 1, item)

    def painted() -> None:
        table.setItem(2, 2, QTableWidgetItem("文本"))
        table.viewport().repaint()

    return {
        "QTableWidgetItem(text)": lambda: QTableWidgetItem("文本"),
        "a right-aligned cell set into a table": cell,
        "a checkable cell set into a table": checked,
        "a cell set into a table and painted": painted,
        "QStandardItem(text) set into a model": lambda: standard_model.setItem(
            0, 0, QStandardItem("文本")
        ),
    }


def test_calls_on_existing_widgets_leave_none_alone(qtbot):
    drifts = {name: drift(call) for name, call in _steady_cases(qtbot).items()}
    moved = {name: d for name, d in drifts.items() if abs(d) > TOLERANCE}
    assert moved == {}, f"None's reference count moved per call: {moved}"


def test_new_items_never_drop_a_reference_to_none(qtbot):
    """Shiboken (6.8–6.11) keeps one reference to None for each wrapper whose C++ side looked
    for a Python override (``text()``, ``setData`` from a setter, painting): up to one per new
    item, never fewer than none. A count that falls is the 6.12.0 fault that ends in
    ``none_dealloc``."""
    drifts = {name: drift(call) for name, call in _fresh_cases(qtbot).items()}
    wrong = {n: d for n, d in drifts.items() if not -TOLERANCE <= d <= CALLS + TOLERANCE}
    assert wrong == {}, f"None's reference count per new item: {wrong}"


def test_the_measure_sees_a_call_that_takes_or_drops_a_reference():
    """The check itself works both ways (the drop is undone at once: None has thousands)."""
    kept: list[object] = []
    assert drift(lambda: kept.append(None)) == CALLS
    none = ctypes.py_object(None)
    try:
        assert drift(lambda: ctypes.pythonapi.Py_DecRef(none)) == -CALLS
    finally:
        for _ in range(CALLS + 1):
            ctypes.pythonapi.Py_IncRef(none)
