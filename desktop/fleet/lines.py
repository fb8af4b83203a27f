"""The line editor of the 车辆维修保修单 and of a supplement: parts and labour with price,
quantity, warranty and the 总成 flag (F4, F7). It only collects ``LineInput``s; the use case
checks them (at least one line, positive quantities) and names the field ``lines``."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.form_dialog import ErrorLabel
from desktop.icons import icon
from models.errors import RuleViolation
from models.fleet import LineInput

NAME, KIND, ASSEMBLY, QTY, PRICE, WARRANTY = range(6)


class _CheckOnly(QStyledItemDelegate):
    """The 总成 column is a check box only: no text editor opens on it."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> None:
        return None


class LineEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("项目名称"),
                self.tr("类别"),
                self.tr("总成"),
                self.tr("数量"),
                self.tr("单价（元）"),
                self.tr("保修（月）"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((KIND, 80), (ASSEMBLY, 56), (QTY, 70), (PRICE, 100), (WARRANTY, 80)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        self.table.setMinimumHeight(150)
        self.table.setItemDelegateForColumn(ASSEMBLY, _CheckOnly(self.table))
        self.table.itemChanged.connect(lambda _i: self._update_total())

        add = QPushButton(icon("add"), self.tr("添加项目"))
        add.clicked.connect(lambda: self.add_line())
        remove = QPushButton(icon("void"), self.tr("删除所选"))
        remove.clicked.connect(self.remove_selected)
        self.total = QLabel()
        self.error = ErrorLabel()
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        bar.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        self._update_total()

    def add_line(
        self,
        name: str = "",
        price: str = "",
        quantity: str = "1",
        *,
        labour: bool = False,
        assembly: bool = False,
        warranty: int = 0,
    ) -> int:
        """Append a row (tests and the 「添加项目」 button); returns its index."""
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(name))
        kind = QComboBox()
        kind.addItem(self.tr("配件"), "part")
        kind.addItem(self.tr("工时"), "labour")
        kind.setCurrentIndex(1 if labour else 0)
        self.table.setCellWidget(row, KIND, kind)
        check = QTableWidgetItem()  # checkable by default; _CheckOnly keeps its text closed
        check.setCheckState(Qt.CheckState.Checked if assembly else Qt.CheckState.Unchecked)
        self.table.setItem(row, ASSEMBLY, check)
        for col, text in ((QTY, quantity), (PRICE, price), (WARRANTY, str(warranty))):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self._update_total()
        return row

    def set_lines(self, lines: Iterable[LineInput]) -> None:
        self.table.setRowCount(0)
        for ln in lines:
            self.add_line(
                ln.name,
                f"{Decimal(ln.unit_price):.2f}",
                f"{Decimal(ln.quantity).normalize():f}",
                labour=ln.kind == "labour",
                assembly=ln.assembly,
                warranty=ln.warranty_months,
            )

    @Slot()
    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self._update_total()

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def _number(self, row: int, col: int, label: str) -> Decimal:
        text = self._text(row, col).replace(",", "").replace("，", "") or "0"
        try:
            return Decimal(text)
        except InvalidOperation:
            raise RuleViolation(
                None,
                f"第{row + 1}行{label}「{text}」不是数字",
                f"row {row + 1}: {label} {text!r} is not a number",
                field="lines",
            ) from None

    def lines(self) -> list[LineInput]:
        """The rows as ``LineInput``; blank rows are skipped. Bad numbers raise a
        ``RuleViolation`` on ``lines`` so the dialog shows it under the table."""
        result = []
        for row in range(self.table.rowCount()):
            name = self._text(row, NAME)
            if not name and not self._text(row, PRICE):
                continue
            kind = self.table.cellWidget(row, KIND)
            check = self.table.item(row, ASSEMBLY)
            result.append(
                LineInput(
                    name=name,
                    unit_price=self._number(row, PRICE, "单价"),
                    quantity=self._number(row, QTY, "数量"),
                    kind=kind.currentData() if isinstance(kind, QComboBox) else "part",
                    assembly=check is not None and check.checkState() == Qt.CheckState.Checked,
                    warranty_months=int(self._number(row, WARRANTY, "保修月数")),
                )
            )
        return result

    def _update_total(self) -> None:
        total = Decimal("0")
        for row in range(self.table.rowCount()):
            try:
                qty = Decimal(self._text(row, QTY) or "0")
                price = Decimal(self._text(row, PRICE).replace(",", "") or "0")
            except InvalidOperation:
                continue
            total += qty * price
        self.total.setText(self.tr("合计：") + f"¥{total:,.2f}")
        self.changed.emit()

    def show_error(self, text: str) -> None:
        self.error.show_text(text)
