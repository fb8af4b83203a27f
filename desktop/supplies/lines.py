"""The line editor shared by the 申请批准单 and the 采购计划: pick an item by name, code or
pinyin, give a quantity (and for a plan a price), see the stock beside it. It only collects
input; the use case it is handed to checks every line (duplicates, whole quantities...)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.icons import icon
from desktop.pickers import SearchPicker
from desktop.supplies import common
from desktop.supplies.common import tr
from models import supplies
from models.supplies import Item

MAX_QUANTITY = 1_000_000


def item_search(text: str) -> list[tuple[str, Any]]:
    return [(f"{i.code} {i}", i) for i in supplies.items_matching(text)]


def spin(value: int, maximum: int = MAX_QUANTITY, minimum: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setFrame(False)
    return box


class LineEditor(QWidget):
    """Rows of item × quantity (× unit price when ``with_price``)."""

    changed = Signal()

    def __init__(self, *, with_price: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_price = with_price
        self.items: list[Item] = []
        self.picker = SearchPicker(item_search, tr("输入物品名称、编码或拼音首字母"))
        self.picker.setMinimumWidth(300)
        self.quantity = spin(1, minimum=1)
        self.quantity.setFrame(True)
        self.add_button = QPushButton(icon("add"), tr("添加"))
        self.add_button.clicked.connect(self._add_picked)
        self.picker.returnPressed.connect(self._add_picked)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.quantity)
        top.addWidget(self.add_button)
        headers = [tr("编码"), tr("物品名称"), tr("规格型号"), tr("单位"), tr("库存"), tr("数量")]
        if with_price:
            headers.append(tr("单价"))
        headers.append("")
        self.table = common.read_only_table(headers)
        for c, w in enumerate((70, 130, 140, 46, 60, 80, 80)):
            self.table.setColumnWidth(c, w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    @Slot()
    def _add_picked(self) -> None:
        item = self.picker.value()
        if item is None:
            found = item_search(self.picker.text())
            item = found[0][1] if len(found) == 1 else None
        if item is None:
            self.picker.setFocus()
            return
        self.add_line(item, self.quantity.value())
        self.picker.clear()
        self.quantity.setValue(1)
        self.picker.setFocus()

    def add_line(self, item: Item, quantity: int, price: Decimal | None = None) -> None:
        """Add a row, or add to the quantity of the row the item already has."""
        for row, existing in enumerate(self.items):
            if existing.id == item.id:
                box = self.table.cellWidget(row, 5)
                assert isinstance(box, QSpinBox)
                box.setValue(box.value() + quantity)
                return
        row = len(self.items)
        self.items.append(item)
        table: QTableWidget = self.table
        table.insertRow(row)
        for c, value in enumerate((item.code, item.name, item.specification, item.unit)):
            table.setItem(row, c, common.cell(value))
        table.setItem(row, 4, common.cell(item.on_hand, right=True))
        table.setCellWidget(row, 5, spin(quantity))
        column = 6
        if self.with_price:
            edit = QLineEdit(f"{price if price is not None else item.price:.2f}")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setFrame(False)
            table.setCellWidget(row, column, edit)
            column += 1
        remove = QPushButton(tr("删除"))
        remove.setFlat(True)
        remove.clicked.connect(lambda _c=False, it=item: self.remove(it))
        table.setCellWidget(row, column, remove)
        self.changed.emit()

    def remove(self, item: Item) -> None:
        for row, existing in enumerate(self.items):
            if existing.id == item.id:
                self.table.removeRow(row)
                del self.items[row]
                self.changed.emit()
                return

    def lines(self) -> list[tuple[Item, int, Decimal | None]]:
        """(item, quantity, price) per row; a price that is not a number is passed on as -1
        so the use case refuses it with its own message."""
        found = []
        for row, item in enumerate(self.items):
            box = self.table.cellWidget(row, 5)
            assert isinstance(box, QSpinBox)
            price: Decimal | None = None
            if self.with_price:
                edit = self.table.cellWidget(row, 6)
                assert isinstance(edit, QLineEdit)
                try:
                    price = Decimal(edit.text().strip() or "0")
                except InvalidOperation:
                    price = Decimal("-1")
            found.append((item, box.value(), price))
        return found
