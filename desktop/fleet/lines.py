"""The lines of the 车辆维修保修单 and of a supplement: parts and labour with price, quantity,
warranty and the 总成 flag (F4, F7). They only collect ``LineInput``s; the use case checks
them (at least one line, positive quantities) and names the field ``lines``."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from desktop.icons import button
from desktop.line_editor import CHECK, CHOICE, NUMBER, TEXT, LineColumn, LineEditor
from models.errors import RuleViolation
from models.fleet import LineInput


class RepairLines(LineEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        columns = (
            LineColumn("name", self.tr("项目名称"), TEXT),
            LineColumn(
                "kind",
                self.tr("类别"),
                CHOICE,
                80,
                choices=((self.tr("配件"), "part"), (self.tr("工时"), "labour")),
            ),
            LineColumn("assembly", self.tr("总成"), CHECK, 56),
            LineColumn("quantity", self.tr("数量"), NUMBER, 70),
            LineColumn("price", self.tr("单价（元）"), NUMBER, 100),
            LineColumn("warranty", self.tr("保修（月）"), NUMBER, 80),
        )
        super().__init__(columns, removable=True, parent=parent)
        self.table.setMinimumHeight(150)
        add = button("add", self.tr("添加项目"), self.add_line)
        self.bar.insertWidget(0, add)
        self.changed.connect(self._update_total)
        self._update_total()

    def add_line(  # type: ignore[override]
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
        return super().add_line(
            name=name,
            kind="labour" if labour else "part",
            assembly=assembly,
            quantity=quantity,
            price=price,
            warranty=str(warranty),
        )

    def set_lines(self, lines: Iterable[LineInput]) -> None:
        self.clear()
        for ln in lines:
            self.add_line(
                ln.name,
                f"{Decimal(ln.unit_price):.2f}",
                f"{Decimal(ln.quantity).normalize():f}",
                labour=ln.kind == "labour",
                assembly=ln.assembly,
                warranty=ln.warranty_months,
            )

    @staticmethod
    def _number(row: int, text: str, label: str) -> Decimal:
        text = text.replace(",", "").replace("，", "") or "0"
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
        for r, row in enumerate(self.rows()):
            if not row["name"] and not row["price"]:
                continue
            result.append(
                LineInput(
                    name=row["name"],
                    unit_price=self._number(r, row["price"], "单价"),
                    quantity=self._number(r, row["quantity"], "数量"),
                    kind=row["kind"] or "part",
                    assembly=row["assembly"],
                    warranty_months=int(self._number(r, row["warranty"], "保修月数")),
                )
            )
        return result

    @Slot()
    def _update_total(self) -> None:
        total = Decimal("0")
        for row in self.rows():
            try:
                qty = Decimal(row["quantity"] or "0")
                price = Decimal(row["price"].replace(",", "") or "0")
            except InvalidOperation:
                continue
            total += qty * price
        self.total.setText(self.tr("合计：") + f"¥{total:,.2f}")
