"""回访计划 (C2), 投诉 (C10: each running clock's remaining working days, red when a deadline
was missed — a breach stays a breach) and 问题跟踪 (C7): lazy lists, each exportable, with the
printed form of the selected row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QVBoxLayout

from desktop import errors, labels
from desktop.callbacks.common import BREACHED, DUE_TODAY, clock_text, tr
from desktop.exporting import export_action, print_pdf
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from forms.spec import Field, FieldType
from models import callbacks, clocks
from models.base import now
from models.callbacks import (
    Cadence,
    CallbackPlan,
    Channel,
    Complaint,
    ComplaintState,
    ContentType,
    Customer,
    PlanState,
    Problem,
    ProblemState,
    ServiceReceipt,
    Target,
    Variant,
)
from models.callbacks.complaints import SUBJECT
from models.callbacks.receipts import RECEIVER_ROLES
from models.clocks import Clock
from models.people import Department, User

CHANNELS = tuple(c.label for c in Channel)
VARIANTS = tuple(v.label for v in Variant)


class _ListTab(PageTab):
    """A list with a state filter, export and print: the three lists below differ only in
    their columns, query and printed form."""

    NAME = ""
    TITLE = ""
    PRINT: str | None = None

    def build(
        self, model: LazyQueryModel, states: list[tuple[str, str]], state_field: Any, hint: str
    ) -> None:
        self.model = model
        self.state_field = state_field
        self.view = ListView(
            self.NAME,
            model,
            search_hint=hint,
            exporter=export_action(self.tr(self.TITLE), self.filters_text),
        )
        self.state = filter_combo(states, self.tr("全部状态"))
        self.state.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.view.filter_bar.addWidget(self.state)
        if self.PRINT:
            self.view.action_bar.addWidget(button("print", self.tr("打印"), self.print_selected))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def apply_filters(self) -> None:
        value = self.state.currentData()
        self.model.set_filters([self.state_field == value] if value is not None else [])

    def filters_text(self) -> str:
        return self.state.currentText() if self.state.currentIndex() else ""

    def reload(self) -> None:
        self.model.reload()

    @Slot()
    def print_selected(self) -> Any:
        key = self.view.current_id()
        if key is None or self.PRINT is None:
            errors.inform(self, self.tr(self.TITLE), self.tr("请先选中一行。"))
            return None
        return print_pdf(self, self.PRINT, int(key))


class PlansTab(_ListTab):
    """回访计划: every plan with its window, content, cadence and state (approved by the head
    of 客户服务部 in 审批中心, C2)."""

    NAME, TITLE, PRINT = "callbacks.plans", "回访计划", "callback-plan"

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("number", self.tr("计划编号"), CallbackPlan.number, width=110),
            Column("title", self.tr("计划名称"), CallbackPlan.title, width=200),
            Column("from", self.tr("起"), CallbackPlan.window_from, width=95),
            Column("to", self.tr("止"), CallbackPlan.window_to, width=95),
            Column(
                "content_type",
                self.tr("回访内容"),
                CallbackPlan.content_type,
                fmt=labels.labeller(ContentType),
                width=120,
            ),
            Column(
                "cadence",
                self.tr("频次"),
                CallbackPlan.cadence,
                fmt=labels.labeller(Cadence),
                width=150,
            ),
            Column(
                "target",
                self.tr("对象"),
                CallbackPlan.target,
                fmt=labels.labeller(Target),
                width=80,
            ),
            Column(
                "state",
                self.tr("状态"),
                CallbackPlan.state,
                fmt=labels.labeller(PlanState),
                width=70,
            ),
        ]
        model = LazyQueryModel(
            CallbackPlan.select,
            columns,
            CallbackPlan.id,
            sort_column=2,
            search_fields=[CallbackPlan.number, CallbackPlan.title],
        )
        self.build(
            model,
            labels.choices(PlanState),
            CallbackPlan.state,
            self.tr("搜索计划编号或名称"),
        )


def _first_running() -> peewee.Node:
    """The complaint's running clock due first (its key and due time, as one text sorting by
    time): a correlated scalar, one query for the page."""
    return Clock.select(peewee.fn.MIN(Clock.due_at)).where(
        (Clock.subject == SUBJECT) & (Clock.record_id == Complaint.id) & Clock.stopped_at.is_null()
    )


def _breaches() -> peewee.Node:
    """How many of the complaint's clocks stopped late (they stay breached, C10)."""
    return Clock.select(peewee.fn.COUNT(Clock.id)).where(
        (Clock.subject == SUBJECT)
        & (Clock.record_id == Complaint.id)
        & (Clock.outcome == clocks.Outcome.BREACHED.value)
    )


def _due(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))  # SQLite hands an aggregate back as text


def breached(row: dict[str, Any]) -> bool:
    due = _due(row.get("due"))
    return bool(row.get("breaches")) or (due is not None and due < now())


def complaint_look(row: dict[str, Any]) -> Look | None:
    if breached(row):
        return BREACHED
    due = _due(row.get("due"))
    if due is not None and due.date() == now().date():
        return DUE_TODAY
    return None


def clock_cell(row: dict[str, Any]) -> str:
    """The running clock's remaining time (working days for the working-day clocks)."""
    due = _due(row.get("due"))
    if due is None:
        return "已超期办结" if row.get("breaches") else ""
    clock = Clock.get_or_none(
        (Clock.subject == SUBJECT)
        & (Clock.record_id == row["_key"])
        & Clock.stopped_at.is_null()
        & (Clock.due_at == due)
    )
    if clock is None:
        return ""
    return clock_text(clock.key, clock.remaining())


def register_dialog(user: User, parent: Any) -> FormDialog:
    """投诉登记 (C10): name, phone and content required (the use case checks the phone and
    refuses naming C10); whoever registers it is its first receiver and owner (C11)."""
    fields = (
        Field("complainant", "投诉人", required=True, max_length=50, label_en="Complainant"),
        Field("phone", "联系电话", required=True, max_length=32, label_en="Phone"),
        Field("content", "投诉内容", required=True, multiline=True, label_en="Content"),
        Field("claim", "投诉请求", multiline=True, label_en="Claim"),
        Field("channel", "投诉方式", FieldType.CHOICE, choices=CHANNELS, label_en="Channel"),
        Field("variant", "处理程序", FieldType.CHOICE, choices=VARIANTS, label_en="Procedure"),
        Field("respondent_name", "被投诉人", max_length=50, label_en="Respondent"),
        Field(
            "missing",
            "需补正的材料",
            max_length=500,
            label_en="Materials missing",
            help="材料不全时填写：5 个工作日内告知投诉人。",
        ),
    )

    def submit(v: dict[str, Any]) -> Complaint:
        missing = v.get("missing") or ""
        return callbacks.register_complaint(
            user,
            complainant=v["complainant"],
            phone=v["phone"],
            content=v["content"],
            claim=v.get("claim") or "",
            channel=next(c for c in Channel if c.label == (v.get("channel") or CHANNELS[0])),
            variant=next(x for x in Variant if x.label == (v.get("variant") or VARIANTS[0])),
            respondent_name=v.get("respondent_name") or "",
            materials_complete=not missing,
            missing=missing,
        )

    values = {"channel": CHANNELS[0], "variant": VARIANTS[0]}
    return FormDialog(tr("登记投诉"), fields, submit, values=values, parent=parent)


class ComplaintsTab(_ListTab):
    """投诉: every complaint with its running clock's remaining time, red when breached;
    登记投诉 for the posts that receive requests."""

    NAME, TITLE, PRINT = "callbacks.complaints", "投诉", "complaint"

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("number", self.tr("投诉编号"), Complaint.number, width=110),
            Column("received_at", self.tr("投诉时间"), ServiceReceipt.received_at, width=130),
            Column("complainant", self.tr("投诉人"), ServiceReceipt.caller_name, width=80),
            Column("phone", self.tr("联系电话"), ServiceReceipt.phone, width=120),
            Column(
                "content", self.tr("投诉内容"), ServiceReceipt.content, sortable=False, width=200
            ),
            Column(
                "variant",
                self.tr("程序"),
                Complaint.variant,
                fmt=labels.labeller(Variant),
                width=100,
            ),
            Column(
                "state",
                self.tr("状态"),
                Complaint.state,
                fmt=labels.labeller(ComplaintState),
                width=90,
            ),
            Column(
                "due",
                self.tr("时限"),
                _first_running(),
                text=clock_cell,
                width=190,
                look=complaint_look,
            ),
        ]
        model = LazyQueryModel(
            lambda: Complaint.select().join(ServiceReceipt),
            columns,
            Complaint.id,
            sort_column=1,
            search_fields=[Complaint.number, ServiceReceipt.caller_name, ServiceReceipt.phone],
            extras={"breaches": _breaches()},
            row_look=lambda row: BREACHED if breached(row) else None,
        )
        self.build(
            model,
            labels.choices(ComplaintState),
            Complaint.state,
            self.tr("搜索投诉编号、投诉人或电话"),
        )
        if user.has_role(*RECEIVER_ROLES):
            self.view.action_bar.insertWidget(0, button("add", self.tr("登记投诉…"), self.register))

    def register_dialog(self) -> FormDialog:
        return register_dialog(self.user, self)

    @Slot()
    def register(self) -> Complaint | None:
        dialog = self.register_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            self.reload()
            return dialog.result
        return None


class ProblemsTab(_ListTab):
    """问题跟踪: the problems callbacks found, with their owners and where they stand (C7)."""

    NAME, TITLE = "callbacks.problems", "问题跟踪"

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("number", self.tr("问题编号"), Problem.number, width=110),
            Column("raised_at", self.tr("发现时间"), Problem.raised_at, width=130),
            Column("customer", self.tr("客户"), Customer.name, width=100),
            Column(
                "description", self.tr("问题描述"), Problem.description, sortable=False, width=240
            ),
            Column("department", self.tr("责任部门"), Department.name, width=100),
            Column(
                "state", self.tr("状态"), Problem.state, fmt=labels.labeller(ProblemState), width=70
            ),
        ]
        model = LazyQueryModel(
            lambda: (
                Problem.select()
                .join(Customer, on=Problem.customer == Customer.id)
                .switch(Problem)
                .join(Department, on=Problem.owner_department == Department.id)
            ),
            columns,
            Problem.id,
            sort_column=1,
            search_fields=[Problem.number, Problem.description, Customer.name],
        )
        self.build(
            model,
            labels.choices(ProblemState),
            Problem.state,
            self.tr("搜索问题编号、描述或客户"),
        )
