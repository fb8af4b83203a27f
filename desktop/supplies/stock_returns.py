"""退库 (S7): a department brings issued goods back to the store; 后勤 confirms or refuses.

The department files it from its issued slip (领用申请 → 退库…): how many of each issued
line come back and why. The 退库 tab lists the returns the user may see; 后勤 confirms one
(the goods are back in stock) or refuses it with a reason, and whoever filed it may withdraw
it while it waits, or answer and resubmit it when 后勤 sent it back. Every button renders
``documents.available_actions``; the use cases check it all again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops
from desktop.form_dialog import ActionDialog
from desktop.icons import button
from desktop.lazy_model import Column
from desktop.list_view import filter_combo
from desktop.supplies.common import tr
from desktop.supplies.requisitions import slip_lines
from desktop.supplies.slip_list import SlipTab, slip_columns, slip_list
from desktop.tables import fill, read_only_table
from models import documents, supplies
from models.people import Department, Role, User
from models.supplies import (
    Item,
    Requisition,
    ReturnRequisition,
    StockReturn,
    StockReturnState,
)


class ReturnGoodsDialog(ActionDialog):
    """退库: how many of each issued line come back (0 to what is still out) and why."""

    def __init__(self, user: User, req: Requisition, parent: QWidget | None = None) -> None:
        super().__init__(tr("退库") + f" {req.number}", parent)
        self.user = user
        self.req = req
        self.resize(720, 420)
        out = [ln for ln in req.lines if supplies.returnable_to_store(ln) > 0]
        self.table, self.spins = slip_lines(
            out, tr("可退库"), tr("退库数量"), supplies.returnable_to_store
        )
        for spin in self.spins.values():
            spin.setValue(0)  # nothing comes back unless the user says so
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("如：规格不符、破损、受潮"))
        form = QFormLayout()
        form.addRow(tr("申请部门："), QLabel(req.department.name))
        form.addRow(tr("领用人："), QLabel(req.receiver_name))
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        reason_form = QFormLayout()
        reason_form.addRow(tr("退库原因："), self.reason)
        layout.addLayout(reason_form)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> StockReturn:
        return supplies.file_stock_return(
            self.user,
            self.req,
            quantities={line_id: box.value() for line_id, box in self.spins.items()},
            reason=self.reason.text(),
        )


class ReturnDetailDialog(QDialog):
    """A return as it stands: its lines, the reason, the decision."""

    def __init__(self, ret: StockReturn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("退库单") + f" {ret.number}")
        self.resize(640, 380)
        self.table = read_only_table([tr("编码"), tr("物品名称"), tr("单位"), tr("退库数量")])
        lines = list(ret.lines)
        items = {i.id: i for i in Item.select().where(Item.id.in_([ln.item_id for ln in lines]))}
        fill(
            self.table,
            (
                (
                    items[ln.item_id].code,
                    str(items[ln.item_id]),
                    items[ln.item_id].unit,
                    ln.quantity,
                )
                for ln in lines
            ),
            right=(3,),
        )
        self.table.setColumnWidth(1, 220)
        form = QFormLayout()
        form.addRow(tr("原申请批准单："), QLabel(ret.requisition.number))
        form.addRow(tr("申请部门："), QLabel(ret.department.name))
        form.addRow(tr("申请人："), QLabel(ret.applicant.name))
        form.addRow(tr("退库原因："), QLabel(ret.reason))
        form.addRow(tr("状态："), QLabel(labels.of(StockReturnState, ret.state)))
        if ret.decision_comment:
            form.addRow(tr("后勤意见："), QLabel(ret.decision_comment))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


class StockReturnsTab(SlipTab):
    """The returns the user may see (``supplies.stock_return_rows``) and their actions."""

    SLIP, PRINTABLE = StockReturn, "stock-return"  # the 退库单 with its lines and trail

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = slip_columns(
            StockReturn.number,
            Column("reason", tr("退库原因"), StockReturn.reason, width=180, sortable=False),
            (StockReturn.state, StockReturnState),
            [
                ("filed", tr("提交时间"), StockReturn.filed_at),
                ("decided", tr("确认时间"), StockReturn.decided_at),
            ],
            refers_to=[
                Column("requisition", tr("原申请批准单"), ReturnRequisition.number, width=110)
            ],
        )
        self.model, self.view = slip_list(
            "supplies.stock_returns",
            lambda: supplies.stock_return_rows(user),
            columns,
            StockReturn.id,
            newest_first="filed",
            search=(
                [StockReturn.number, ReturnRequisition.number, Department.name],
                tr("搜索单号、原申请批准单或部门"),
            ),
            register=tr("退库登记"),
            filters_text=self.filters_text,
        )
        self.state = filter_combo(labels.choices(StockReturnState), tr("全部状态"))
        logistics = user.has_role(Role.LOGISTICS)
        if logistics:  # the store's work list
            self.state.setCurrentIndex(self.state.findData(StockReturnState.PENDING.value))
        self.state.currentIndexChanged.connect(self.apply_filters)
        self.view.filter_bar.addWidget(self.state)
        self.apply_filters()

        bar = self.view.action_bar
        self.confirm_button = button(
            "approve", tr("确认退库"), self.confirm, visible=logistics, bar=bar
        )
        self.refuse_button = button("reject", tr("拒绝…"), self.refuse, visible=logistics, bar=bar)
        self.resubmit_button = button("send", tr("重新提交…"), self.resubmit, bar=bar)
        self.withdraw_button = button("reject", tr("撤回"), self.withdraw, bar=bar)
        self.finish(bar)

    @Slot()
    def apply_filters(self) -> None:
        state = self.state.currentData()
        self.model.set_filters([StockReturn.state == state] if state else [])

    @Slot()
    def update_actions(self) -> None:
        """Enable what the user may do to the selected return now, as its declaration says
        (``StockReturn.TRANSITIONS``)."""
        ret = self.selected()
        acts = documents.available_actions(self.user, ret) if ret is not None else ()
        self.confirm_button.setEnabled("confirm" in acts)
        self.refuse_button.setEnabled("reject" in acts)
        self.resubmit_button.setEnabled("resubmit" in acts)
        self.resubmit_button.setVisible("resubmit" in acts)
        self.withdraw_button.setEnabled("withdraw" in acts)
        self.withdraw_button.setVisible("withdraw" in acts or bool(self.user.department_id))
        self.detail_button.setEnabled(ret is not None)
        self.print_button.setEnabled(ret is not None)

    @Slot()
    def confirm(self) -> bool:
        ret = self.selected()
        if ret is None:
            return False
        question = tr("确认退库单 %1？物品将回到库存。").replace("%1", ret.number)
        if not errors.confirm(self, tr("确认退库"), question):
            return False
        return ops.attempt(
            self,
            lambda _ack: supplies.confirm_stock_return(self.user, ret),
            done=self._after,
            reload=self.reload,
        )

    @Slot()
    def refuse(self) -> bool:
        ret = self.selected()
        if ret is None:
            return False
        reason, ok = QInputDialog.getText(self, tr("拒绝退库"), tr("拒绝原因："))
        if not ok:
            return False
        return ops.attempt(
            self,
            lambda _ack: supplies.refuse_stock_return(self.user, ret, reason),
            done=self._after,
            reload=self.reload,
        )

    @Slot()
    def resubmit(self) -> bool:
        """Sent back by 后勤: the filer answers and sends it again."""
        ret = self.selected()
        if ret is None:
            return False
        answer, ok = QInputDialog.getText(self, tr("重新提交"), tr("答复后勤："))
        if not ok:
            return False
        return ops.attempt(
            self,
            lambda _ack: supplies.resubmit_stock_return(self.user, ret, answer),
            done=self._after,
            reload=self.reload,
        )

    @Slot()
    def withdraw(self) -> bool:
        ret = self.selected()
        if ret is None:
            return False
        if not errors.confirm(self, tr("撤回"), tr("撤回退库单 %1？").replace("%1", ret.number)):
            return False
        return ops.attempt(
            self,
            lambda _ack: documents.withdraw(self.user, ret),
            done=self._after,
            reload=self.reload,
        )

    def detail_dialog(self, slip: StockReturn) -> ReturnDetailDialog:
        return ReturnDetailDialog(slip, self)
