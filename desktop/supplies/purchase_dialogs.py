"""The dialogs of 采购 (S2, S3, S4, S7): a quarter's 采购计划, an order against an approved
plan (定点采购, 竞争性比价 with at least two quotes and the reason for the one chosen, or
政府集中采购), a receipt into stock, and a return or an exchange against a receipt line.

They collect input; ``supplies_purchasing`` decides. A refusal stays in the dialog with its
rule ID (S3 for a catalogue item ordered locally, S4 beyond a plan line...).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
)

from desktop import labels
from desktop.form_dialog import ActionDialog
from desktop.icons import button
from desktop.line_editor import COUNT, NUMBER, LineColumn, LineEditor, spin
from desktop.supplies.common import tr
from desktop.supplies.lines import ItemLines, item_columns
from models import supplies
from models.base import now
from models.people import User
from models.supplies import (
    OrderLineInput,
    OrderMethod,
    PlanLineInput,
    PurchaseOrder,
    PurchasePlan,
    QuoteInput,
    Receipt,
    ReceiptLine,
    Supplier,
    SupplierKind,
)


def money(text: str) -> Decimal:
    """A typed amount; anything unreadable becomes -1 so the use case refuses it."""
    try:
        return Decimal(text.strip() or "0")
    except InvalidOperation:
        return Decimal("-1")


# --- plans -------------------------------------------------------------------------------


class PlanDialog(ActionDialog):
    """Draft (or correct) a quarter's plan: items, quantities, estimated prices."""

    def __init__(self, user: User, plan: PurchasePlan | None = None, parent: Any = None) -> None:
        super().__init__(tr("采购计划") + (f" {plan.number}" if plan else ""), parent)
        self.user = user
        self.plan = plan
        self.resize(820, 520)
        today = now().date()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.quarter = QSpinBox()
        self.quarter.setRange(1, 4)
        self.year.setValue(plan.year if plan else today.year)
        self.quarter.setValue(plan.quarter if plan else (today.month - 1) // 3 + 1)
        self.year.setEnabled(plan is None)
        self.quarter.setEnabled(plan is None)
        self.title = QLineEdit(plan.title if plan else "")
        self.title.setPlaceholderText(tr("默认：某年第几季度办公用品采购计划"))
        self.lines = ItemLines(with_price=True)
        suggest = button(
            "add",
            tr("按补货建议填入"),
            self.fill_suggestions,
            tip=tr("按库存、库存下限和近三个月平均领用量计算（S4）"),
        )
        self.total = QLabel()
        self.lines.changed.connect(self._update_total)
        form = QFormLayout()
        form.addRow(tr("年度："), self.year)
        form.addRow(tr("季度："), self.quarter)
        form.addRow(tr("标题："), self.title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(suggest, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.buttons)
        if plan is not None:
            for line in plan.lines:
                self.lines.add_line(line.item, line.quantity, line.unit_price)
        self._update_total()

    @Slot()
    def fill_suggestions(self) -> int:
        found = supplies.suggested_plan_lines(today=now().date())
        for line in found:
            self.lines.add_line(line.item, int(line.quantity), Decimal(str(line.unit_price)))
        self._update_total()
        return len(found)

    def _update_total(self) -> None:
        total = sum(
            (Decimal(q) * (p or Decimal("0")) for _i, q, p in self.lines.lines()), Decimal("0")
        )
        self.total.setText(tr("预算合计：") + f"¥{total:,.2f}")

    def run(self, acknowledged: frozenset[str]) -> PurchasePlan:
        lines = [
            PlanLineInput(i, q, p if p is not None else i.price) for i, q, p in self.lines.lines()
        ]
        if self.plan is None:
            return supplies.create_plan(
                self.user,
                year=self.year.value(),
                quarter=self.quarter.value(),
                lines=lines,
                title=self.title.text(),
            )
        return supplies.set_plan_lines(self.user, self.plan, lines)


# --- orders ------------------------------------------------------------------------------


class OrderDialog(ActionDialog):
    """An order against an approved plan: method, supplier, lines within what the plan
    still allows, and for 竞争性比价 the quotes compared."""

    def __init__(self, user: User, plan: PurchasePlan, parent: Any = None) -> None:
        super().__init__(tr("新建采购订单") + f"（{plan.number}）", parent)
        self.user = user
        self.plan = plan
        self.resize(860, 620)
        self.method = QComboBox()
        for m in OrderMethod:
            self.method.addItem(labels.label(m), m.value)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.supplier = QComboBox()
        self.central_ref = QLineEdit()
        self.central_ref.setPlaceholderText(tr("委托或合同编号"))
        self.note = QLineEdit()

        self.plan_lines = list(plan.lines)
        self.table = LineEditor(
            item_columns(
                LineColumn("planned", tr("计划"), width=60, right=True),
                LineColumn("ordered", tr("已订"), width=60, right=True),
                LineColumn("quantity", tr("本次数量"), COUNT, 90),
                LineColumn("price", tr("单价"), NUMBER, 90),
                unit=False,
            )
        )
        for pl in self.plan_lines:
            used = supplies.plan_line_use(pl)
            gov = tr("（政府采购目录）") if pl.item.gov_catalogue else ""
            self.table.add_line(
                pl,
                maxima={"quantity": max(pl.quantity - used.quantity, 0)},
                code=pl.item.code,
                name=f"{pl.item}{gov}",
                planned=pl.quantity,
                ordered=used.quantity,
                quantity=0,
                price=f"{pl.unit_price:.2f}",
            )

        self.quotes_box = QGroupBox(tr("比价（至少两家，选定一家并写明理由，S2）"))
        self.quotes = QTableWidget(0, 3)
        self.quotes.setHorizontalHeaderLabels([tr("供应商"), tr("报价金额"), tr("选定")])
        self.quotes.verticalHeader().setVisible(False)
        self.quotes.setColumnWidth(0, 240)
        add_quote = button("add", tr("增加报价"), self.add_quote)
        self.choice_reason = QLineEdit()
        self.choice_reason.setPlaceholderText(tr("如：报价最低、质量相同"))
        quote_layout = QVBoxLayout(self.quotes_box)
        quote_layout.addWidget(self.quotes)
        quote_layout.addWidget(add_quote, 0, Qt.AlignmentFlag.AlignLeft)
        reason_form = QFormLayout()
        reason_form.addRow(tr("选定理由："), self.choice_reason)
        quote_layout.addLayout(reason_form)
        self.add_quote()
        self.add_quote()

        form = QFormLayout()
        form.addRow(tr("采购方式："), self.method)
        form.addRow(tr("供应商："), self.supplier)
        form.addRow(tr("集中采购编号："), self.central_ref)
        form.addRow(tr("备注："), self.note)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.quotes_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self._method_changed()

    def _suppliers(self, kind: SupplierKind) -> list[Supplier]:
        return list(
            Supplier.select()
            .where(Supplier.voided_at.is_null() & (Supplier.kind == kind.value))
            .order_by(Supplier.name_search)
        )

    @Slot()
    def add_quote(self) -> None:
        row = self.quotes.rowCount()
        self.quotes.insertRow(row)
        box = QComboBox()
        for s in self._suppliers(SupplierKind.LOCAL):
            box.addItem(s.name, s)
        box.setCurrentIndex(min(row, box.count() - 1))
        amount = QLineEdit()
        amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.quotes.setCellWidget(row, 0, box)
        self.quotes.setCellWidget(row, 1, amount)
        self.quotes.setCellWidget(row, 2, QRadioButton())

    @Slot()
    def _method_changed(self) -> None:
        method = OrderMethod(self.method.currentData())
        kind = SupplierKind.CENTRAL if method == OrderMethod.CENTRAL else SupplierKind.LOCAL
        self.supplier.clear()
        for s in self._suppliers(kind):
            self.supplier.addItem(s.name, s)
        self.supplier.setEnabled(method != OrderMethod.COMPETITIVE)
        self.central_ref.setEnabled(method == OrderMethod.CENTRAL)
        self.quotes_box.setVisible(method == OrderMethod.COMPETITIVE)

    def quote_inputs(self) -> list[QuoteInput]:
        found = []
        for r in range(self.quotes.rowCount()):
            box, amount, chosen = (self.quotes.cellWidget(r, c) for c in range(3))
            assert isinstance(box, QComboBox) and isinstance(amount, QLineEdit)
            assert isinstance(chosen, QRadioButton)
            if box.currentData() is None or not amount.text().strip():
                continue
            found.append(QuoteInput(box.currentData(), money(amount.text()), chosen.isChecked()))
        return found

    def run(self, acknowledged: frozenset[str]) -> PurchaseOrder:
        method = OrderMethod(self.method.currentData())
        lines = [
            OrderLineInput(row["data"], row["quantity"], money(row["price"]))
            for row in self.table.rows()
            if row["quantity"]
        ]
        competitive = method == OrderMethod.COMPETITIVE
        return supplies.create_order(
            self.user,
            plan=self.plan,
            method=method,
            lines=lines,
            supplier=None if competitive else self.supplier.currentData(),
            quotes=self.quote_inputs() if competitive else (),
            choice_reason=self.choice_reason.text() if competitive else "",
            central_ref=self.central_ref.text() if method == OrderMethod.CENTRAL else "",
            note=self.note.text(),
        )


class ReceiveDialog(ActionDialog):
    """入库: how many of each outstanding line arrived."""

    def __init__(self, user: User, order: PurchaseOrder, parent: Any = None) -> None:
        super().__init__(tr("到货入库") + f" {order.number}", parent)
        self.user = user
        self.order = order
        self.resize(700, 400)
        self.table = LineEditor(
            item_columns(
                LineColumn("ordered", tr("订购"), width=60, right=True),
                LineColumn("received", tr("已到"), width=60, right=True),
                LineColumn("quantity", tr("本次入库"), COUNT, 90),
                unit=False,
            )
        )
        for ln in order.lines:
            if ln.outstanding > 0:
                self.table.add_line(
                    ln,
                    maxima={"quantity": ln.outstanding},
                    code=ln.item.code,
                    name=str(ln.item),
                    ordered=ln.quantity,
                    received=ln.received,
                    quantity=ln.outstanding,
                )
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(tr("供应商："), QLabel(order.supplier.name))
        form.addRow(tr("备注："), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> Receipt:
        return supplies.receive(
            self.user,
            order=self.order,
            quantities={row["data"].id: row["quantity"] for row in self.table.rows()},
            note=self.note.text(),
        )


class ReturnDialog(ActionDialog):
    """退货 / 调换 against one line of a receipt of the order (S7)."""

    def __init__(self, user: User, order: PurchaseOrder, parent: Any = None) -> None:
        super().__init__(tr("退换货") + f" {order.number}", parent)
        self.user = user
        self.line = QComboBox()
        for receipt in Receipt.select().where(Receipt.order == order.id).order_by(Receipt.id):
            for rl in ReceiptLine.select().where(ReceiptLine.receipt == receipt.id):
                left = supplies.returnable(rl)
                self.line.addItem(
                    f"{receipt.number}  {rl.item.code} {rl.item}  "
                    + tr("可退换 %1").replace("%1", str(left)),
                    rl,
                )
        self.kind = QComboBox()
        self.kind.addItem(tr("退货（回收）"), "return")
        self.kind.addItem(tr("调换"), "exchange")
        self.quantity = spin(1, minimum=1)
        self.quantity.setFrame(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("不适用或损坏的情况"))
        self.replaced_now = QCheckBox(tr("换货已同时到货"))
        self.replaced_now.setChecked(True)
        form = QFormLayout()
        form.addRow(tr("入库明细："), self.line)
        form.addRow(tr("方式："), self.kind)
        form.addRow(tr("数量："), self.quantity)
        form.addRow(tr("原因："), self.reason)
        form.addRow("", self.replaced_now)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> Any:
        line = self.line.currentData()
        if line is None:
            from models.errors import RuleViolation

            raise RuleViolation("S7", "该订单还没有入库记录", "nothing of this order arrived yet")
        if self.kind.currentData() == "return":
            return supplies.return_to_supplier(
                self.user,
                receipt_line=line,
                quantity=self.quantity.value(),
                reason=self.reason.text(),
            )
        return supplies.exchange_with_supplier(
            self.user,
            receipt_line=line,
            quantity=self.quantity.value(),
            reason=self.reason.text(),
            replaced_now=self.replaced_now.isChecked(),
        )
