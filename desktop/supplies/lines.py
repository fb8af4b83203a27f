"""The item lines shared by the 申请批准单 and the 采购计划: pick an item by name, code or
pinyin, give a quantity (and for a plan a price), see the stock beside it. They only collect
input; the use case they are handed to checks every line (duplicates, whole quantities...)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.icons import button
from desktop.line_editor import COUNT, NUMBER, LineColumn, LineEditor, spin
from desktop.pickers import SearchPicker
from desktop.supplies.common import tr
from models import supplies
from models.supplies import Item


def item_search(text: str) -> list[tuple[str, Any]]:
    return [(f"{i.code} {i}", i) for i in supplies.items_matching(text)]


def item_columns(
    *more: LineColumn, specification: bool = False, unit: bool = True
) -> list[LineColumn]:
    """编码, 物品名称 (规格型号) (单位) of an item line, then the document's own columns."""
    spec = [LineColumn("specification", tr("规格型号"), width=140)] if specification else []
    units = [LineColumn("unit", tr("单位"), width=46)] if unit else []
    return [
        LineColumn("code", tr("编码"), width=70),
        LineColumn("name", tr("物品名称")),
        *spec,
        *units,
        *more,
    ]


def item_values(item: Item) -> dict[str, Any]:
    return {
        "code": item.code,
        "name": str(item),
        "specification": item.specification,
        "unit": item.unit,
    }


class ItemLines(LineEditor):
    """Rows of item × quantity (× unit price when ``with_price``), added from the picker."""

    def __init__(self, *, with_price: bool = False, parent: QWidget | None = None) -> None:
        columns = item_columns(
            LineColumn("on_hand", tr("库存"), width=60, right=True),
            LineColumn("quantity", tr("数量"), COUNT, 80),
            specification=True,
        )
        if with_price:
            columns.append(LineColumn("price", tr("单价"), NUMBER, 80))
        super().__init__(columns, removable=True, parent=parent)
        self.with_price = with_price
        self.picker = SearchPicker(item_search, tr("输入物品名称、编码或拼音首字母"))
        self.picker.setMinimumWidth(300)
        self.quantity = spin(1, minimum=1)
        self.quantity.setFrame(True)
        self.add_button = button("add", tr("添加"), self._add_picked)
        self.picker.returnPressed.connect(self._add_picked)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.quantity)
        top.addWidget(self.add_button)
        self.layout().insertLayout(0, top)

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

    def add_line(  # type: ignore[override]
        self, item: Item, quantity: int, price: Decimal | None = None
    ) -> int:
        """Add a row, or add to the quantity of the row the item already has."""
        row = self.row_of(item)
        if row is not None:
            self.set_value(row, "quantity", self.value(row, "quantity") + quantity)
            return row
        values = {
            **item_values(item),
            "on_hand": item.on_hand,
            "quantity": quantity,
            "price": f"{price if price is not None else item.price:.2f}",
        }
        return super().add_line(item, **values)

    def lines(self) -> list[tuple[Item, int, Decimal | None]]:
        """(item, quantity, price) per row; a price that is not a number is passed on as -1
        so the use case refuses it with its own message."""
        found = []
        for row in self.rows():
            price: Decimal | None = None
            if self.with_price:
                try:
                    price = Decimal(row["price"] or "0")
                except InvalidOperation:
                    price = Decimal("-1")
            found.append((row["data"], row["quantity"], price))
        return found
