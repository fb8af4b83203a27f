"""采购 (S2, S3, S4, S7): the quarter's 采购计划 (prefilled from the reorder suggestions) sent
to the main leader; orders only against approved plan lines; receipts into stock; returns
and exchanges against a receipt line; and the reorder suggestions. The dialogs are in
``desktop.supplies.purchase_dialogs``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QInputDialog,
    QTabWidget,
    QVBoxLayout,
)

from desktop import errors, labels, ops
from desktop.exporting import export_action
from desktop.form_dialog import ActionDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.module_page import PageTab
from desktop.supplies.common import tr
from desktop.supplies.purchase_dialogs import (
    OrderDialog,
    PlanDialog,
    ReceiveDialog,
    ReturnDialog,
)
from desktop.tables import fill, read_only_table
from models import documents, supplies
from models.base import now
from models.people import Role, User
from models.supplies import (
    Category,
    OrderMethod,
    OrderState,
    PlanState,
    PurchaseOrder,
    PurchasePlan,
    Supplier,
)

# 补货建议: each column's title and its value in a ``supplies.reorder_suggestions`` row.
SUGGESTIONS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("编码", lambda r: r.code),
    ("物品名称", lambda r: r.name),
    ("类别", lambda r: labels.relabel(Category, r.category)),
    ("单位", lambda r: r.unit),
    ("库存", lambda r: r.on_hand),
    ("在途", lambda r: r.on_order or ""),
    ("库存下限", lambda r: r.reorder_level),
    ("月均领用", lambda r: r.monthly_use),
    ("建议采购", lambda r: r.suggested),
)


class PurchasingTab(PageTab):
    """采购: plans, orders against them, and the reorder suggestions, one sub-tab each."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        logistics = user.has_role(Role.LOGISTICS)
        self.plans = self._plan_list(logistics)
        self.orders = self._order_list(logistics)
        self.suggestions = read_only_table([tr(title) for title, _value in SUGGESTIONS])
        self.suggestions.setColumnWidth(1, 200)
        tabs = QTabWidget()
        tabs.setDocumentMode(True)
        tabs.addTab(self.plans, tr("采购计划"))
        tabs.addTab(self.orders, tr("采购订单"))
        tabs.addTab(self.suggestions, tr("补货建议"))
        tabs.currentChanged.connect(lambda i: self.load_suggestions() if i == 2 else None)
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tabs)
        self.update_actions()

    def _plan_list(self, logistics: bool) -> ListView:
        columns = [
            Column("number", tr("计划号"), PurchasePlan.number, width=110),
            Column("year", tr("年度"), PurchasePlan.year, width=60),
            Column("quarter", tr("季度"), PurchasePlan.quarter, width=50),
            Column("title", tr("标题"), PurchasePlan.title, width=240),
            Column(
                "state", tr("状态"), PurchasePlan.state, fmt=labels.labeller(PlanState), width=80
            ),
            Column("total", tr("预算合计"), PurchasePlan.total, width=100, align_right=True),
            Column("prepared", tr("编制时间"), PurchasePlan.prepared_at, width=140),
        ]
        model = LazyQueryModel(
            lambda: PurchasePlan.select(),
            columns,
            PurchasePlan.id,
            sort_column=6,
            search_fields=[PurchasePlan.number, PurchasePlan.title],
        )
        view = ListView(
            "supplies.plans",
            model,
            search_hint=tr("搜索计划号或标题"),
            exporter=export_action(tr("采购计划")),
        )
        leader = self.user.has_role(Role.LEADER)
        self.new_plan_button = button(
            "add", tr("新建计划…"), self.new_plan, visible=logistics, bar=view.action_bar
        )
        self.edit_plan_button = button(
            "edit", tr("修改…"), self.edit_plan, visible=logistics, bar=view.action_bar
        )
        self.submit_plan_button = button(
            "send", tr("报批"), self.submit_plan, visible=logistics, bar=view.action_bar
        )
        self.approve_plan_button = button(
            "approve", tr("批准"), self.approve_plan, visible=leader, bar=view.action_bar
        )
        self.reject_plan_button = button(
            "reject", tr("驳回…"), self.reject_plan, visible=leader, bar=view.action_bar
        )
        self.order_button = button(
            "add", tr("按计划下单…"), self.new_order, visible=logistics, bar=view.action_bar
        )
        view.selection_changed.connect(self.update_actions)
        model.modelReset.connect(self.update_actions)
        view.activated.connect(lambda _k: self.edit_plan() if logistics else None)
        return view

    def _order_list(self, logistics: bool) -> ListView:
        columns = [
            Column("number", tr("订单号"), PurchaseOrder.number, width=110),
            Column(
                "method",
                tr("采购方式"),
                PurchaseOrder.method,
                fmt=labels.labeller(OrderMethod),
                width=100,
            ),
            Column("supplier", tr("供应商"), Supplier.name, width=160),
            Column(
                "state", tr("状态"), PurchaseOrder.state, fmt=labels.labeller(OrderState), width=80
            ),
            Column("total", tr("金额"), PurchaseOrder.total, width=100, align_right=True),
            Column("created", tr("下单时间"), PurchaseOrder.created_at, width=140),
            Column(
                "reason", tr("选定理由"), PurchaseOrder.choice_reason, width=160, sortable=False
            ),
        ]
        model = LazyQueryModel(
            lambda: PurchaseOrder.select().join(Supplier),
            columns,
            PurchaseOrder.id,
            sort_column=5,
            search_fields=[PurchaseOrder.number, Supplier.name_search],
        )
        view = ListView(
            "supplies.orders",
            model,
            search_hint=tr("搜索订单号或供应商"),
            exporter=export_action(tr("采购订单")),
        )
        self.receive_button = button(
            "import", tr("到货入库…"), self.receive, visible=logistics, bar=view.action_bar
        )
        self.return_button = button(
            "reject", tr("退换货…"), self.return_goods, visible=logistics, bar=view.action_bar
        )
        self.cancel_order_button = button(
            "void", tr("取消订单…"), self.cancel_order, visible=logistics, bar=view.action_bar
        )
        view.selection_changed.connect(self.update_actions)
        model.modelReset.connect(self.update_actions)
        return view

    def reload(self) -> None:
        for view in (self.plans, self.orders):
            view.model.reload()
        if self.tabs.currentIndex() == 2:
            self.load_suggestions()
        self.update_actions()

    def load_suggestions(self) -> None:
        rows = supplies.reorder_suggestions(today=now().date())
        values = [value for _title, value in SUGGESTIONS]
        fill(self.suggestions, ([v(r) for v in values] for r in rows), right=range(4, 9))

    def selected_plan(self) -> PurchasePlan | None:
        key = self.plans.current_id()
        return None if key is None else PurchasePlan.get_by_id(key)

    def selected_order(self) -> PurchaseOrder | None:
        key = self.orders.current_id()
        return None if key is None else PurchaseOrder.get_by_id(key)

    @Slot()
    def update_actions(self) -> None:
        plan = self.selected_plan()
        acts = documents.available_actions(self.user, plan) if plan is not None else ()
        self.edit_plan_button.setEnabled("edit" in acts)
        self.submit_plan_button.setEnabled("submit" in acts)
        self.approve_plan_button.setEnabled("approve" in acts)
        self.reject_plan_button.setEnabled("reject" in acts)
        self.order_button.setEnabled("order" in acts)
        order = self.selected_order()
        ostate = order.state if order else None
        self.receive_button.setEnabled(ostate in (OrderState.OPEN, OrderState.PARTIAL))
        self.cancel_order_button.setEnabled(ostate == OrderState.OPEN)
        self.return_button.setEnabled(ostate in (OrderState.PARTIAL, OrderState.RECEIVED))

    def _show(self, dialog: ActionDialog) -> ActionDialog:
        dialog.accepted.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def new_plan(self) -> ActionDialog:
        dialog = PlanDialog(self.user, None, self)
        dialog.fill_suggestions()
        return self._show(dialog)

    @Slot()
    def edit_plan(self) -> ActionDialog | None:
        plan = self.selected_plan()
        if plan is None or plan.state not in (PlanState.DRAFT, PlanState.RETURNED):
            return None
        return self._show(PlanDialog(self.user, plan, self))

    def _act(self, fn: Any) -> bool:
        return ops.attempt(self, fn, done=lambda _r: self.changed(), reload=self.reload)

    @Slot()
    def submit_plan(self) -> bool:
        plan = self.selected_plan()
        return plan is not None and self._act(lambda _a: supplies.submit_plan(self.user, plan))

    @Slot()
    def approve_plan(self) -> bool:
        plan = self.selected_plan()
        return plan is not None and self._act(
            lambda _a: supplies.approve_plan(self.user, plan, tr("同意"))
        )

    @Slot()
    def reject_plan(self) -> bool:
        plan = self.selected_plan()
        if plan is None:
            return False
        reason, ok = QInputDialog.getText(self, tr("驳回"), tr("驳回原因："))
        return ok and self._act(lambda _a: supplies.reject_plan(self.user, plan, reason))

    @Slot()
    def new_order(self) -> ActionDialog | None:
        plan = self.selected_plan()
        if plan is None or plan.state != PlanState.APPROVED:
            errors.inform(self, tr("采购订单"), tr("请先选中一份已批准的采购计划。"))
            return None
        return self._show(OrderDialog(self.user, plan, self))

    @Slot()
    def receive(self) -> ActionDialog | None:
        order = self.selected_order()
        return None if order is None else self._show(ReceiveDialog(self.user, order, self))

    @Slot()
    def return_goods(self) -> ActionDialog | None:
        order = self.selected_order()
        return None if order is None else self._show(ReturnDialog(self.user, order, self))

    @Slot()
    def cancel_order(self) -> bool:
        order = self.selected_order()
        if order is None:
            return False
        reason, ok = QInputDialog.getText(self, tr("取消订单"), tr("取消原因："))
        return ok and self._act(lambda _a: supplies.cancel_order(self.user, order, reason))
