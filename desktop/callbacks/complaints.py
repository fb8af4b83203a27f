"""投诉 (C10, C11): every complaint with its running clock's remaining time (working days for
the working-day clocks), red when a deadline was missed — a breach stays a breach; 登记投诉 for
the posts that receive requests; and the owner's next step on the selected complaint (告知补正,
材料齐全, 受理, 不予受理, 提出处理决定 to the approval engine, 办结, the 服务台 pair, 移交 and its
answer), each a button the complaint's declaration offers this user
(``documents.available_actions``) and each a ``models.callbacks`` use case
(``desktop.callbacks.steps``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QDialog, QPushButton

from desktop import errors, labels, ops
from desktop.callbacks import steps
from desktop.callbacks.common import BREACHED, DUE_TODAY, clock_text, tr
from desktop.callbacks.handover_tab import _HandoverTab
from desktop.callbacks.lists import coded
from desktop.exporting import print_pdf
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel, Look
from forms.callbacks import notices
from forms.spec import Field, FieldType
from models import callbacks, clocks, documents
from models.base import now
from models.callbacks import Channel, Complaint, ComplaintState, Handover, ServiceReceipt, Variant
from models.callbacks.complaints import SUBJECT
from models.callbacks.receipts import RECEIVER_ROLES
from models.clocks import Clock
from models.people import User

CHANNELS = tuple(c.label for c in Channel)
VARIANTS = tuple(v.label for v in Variant)


def _owner_name() -> peewee.Node:
    """承办人: the receipt's owner now (C11), a correlated scalar."""
    return User.select(User.name).where(User.id == ServiceReceipt.owner)


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


class ComplaintsTab(_HandoverTab):
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
            coded("variant", self.tr("程序"), Complaint.variant, Variant, 100),
            coded("state", self.tr("状态"), Complaint.state, ComplaintState, 90),
            Column("owner", self.tr("承办人"), _owner_name(), sortable=False, width=70),
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
        self.awaiting = QCheckBox(self.tr("待我接收"))
        self.awaiting.setToolTip(self.tr("别人移交给我、等我接收或拒收的投诉（首问负责制）"))
        self.awaiting.toggled.connect(lambda _c: self.apply_filters())
        self.view.filter_bar.insertWidget(0, self.awaiting)
        if user.has_role(*RECEIVER_ROLES):
            self.view.action_bar.insertWidget(0, button("add", self.tr("登记投诉…"), self.register))
        self.step_buttons: dict[str, QPushButton] = {
            step.action: button(step.icon, tr(step.zh), lambda step=step: self.take(step.action))
            for step in steps.STEPS
        }
        self.accept_handover_button = button("approve", self.tr("接收移交"), self.accept_handover)
        self.decline_handover_button = button("reject", self.tr("拒收移交…"), self.decline_handover)
        self.withdraw_handover_button = button("void", self.tr("撤回移交"), self.withdraw_handover)
        self.notice_button = button("print", self.tr("打印告知书"), self.print_notice)
        self.merge_button = button("cc", self.tr("合并重复…"), self.merge)
        bar = self.view.action_bar
        for b in (
            *self.step_buttons.values(),
            self.merge_button,
            self.notice_button,
            self.accept_handover_button,
            self.decline_handover_button,
            self.withdraw_handover_button,
        ):  # the steps before 打印 and 导出
            bar.insertWidget(bar.indexOf(self.print_button), b)
        self.current: Complaint | None = None
        self.handover: Any = None
        self.watch_actions()

    # --- filters ----------------------------------------------------------------------

    def apply_filters(self) -> None:
        """The state filter, and 待我接收: the complaints handed to this user and waiting
        for his answer (C11), from ``callbacks.pending_handovers``."""
        value = self.state.currentData()
        filters = [self.state_field == value] if value is not None else []
        if self.awaiting.isChecked():
            waiting = callbacks.pending_handovers(self.user).select(Handover.receipt).order_by()
            filters.append(Complaint.receipt.in_(waiting))
        self.model.set_filters(filters)

    def filters_text(self) -> str:
        words = [self.tr("待我接收")] if self.awaiting.isChecked() else []
        return "、".join([*words, super().filters_text()]).strip("、")

    # --- the selected complaint's steps ------------------------------------------------

    @Slot()
    def update_actions(self) -> None:
        """The buttons of what this user may do on the selected complaint now, as it was
        read here (the use case refuses it if someone changed it since, and the list
        reloads)."""
        key = self.view.current_id()
        self.current = Complaint.get_or_none(Complaint.id == int(key)) if key else None
        c = self.current
        acts = documents.available_actions(self.user, c) if c is not None else ()
        self.handover = callbacks.pending_handover_of(c.receipt_id) if c is not None else None
        h = self.handover
        for action, b in self.step_buttons.items():
            b.setVisible(action in acts and not (action == "handover" and h is not None))
        self._show_handover_acts(
            self.accept_handover_button,
            self.decline_handover_button,
            self.withdraw_handover_button,
        )
        self.repeats = callbacks.possible_repeats(c) if "merge" in acts and c else []
        self.merge_button.setVisible(bool(self.repeats))
        self.notice = notices.notice_for(c) if c is not None else None
        self.notice_button.setVisible(self.notice is not None)
        if self.notice is not None:
            self.notice_button.setText(self.tr("打印%1").replace("%1", tr(self.notice.title)))

    @Slot()
    def print_notice(self) -> Any:
        """The 告知书 of where the complaint stands (C10), in the print preview."""
        if self.current is None or self.notice is None:
            return None
        return print_pdf(self, self.notice.name, self.current.id)

    def step_dialog(self, action: str) -> FormDialog | None:
        """The dialog of ``action`` on the selected complaint (tests fill it)."""
        step = next(s for s in steps.STEPS if s.action == action)
        if self.current is None or step.dialog is None:
            return None
        return step.dialog(self.user, self.current, self)

    def take(self, action: str) -> bool:
        """Run the step ``action`` on the selected complaint: ask first when it is final,
        fill its dialog, or press its use case at once."""
        step = next(s for s in steps.STEPS if s.action == action)
        c = self.current
        if c is None:
            return False
        if step.confirm and not errors.confirm(self, tr(step.zh.rstrip("…")), tr(step.confirm)):
            return False
        if step.dialog is not None:
            return self._filled(step.dialog(self.user, c, self))
        run = step.run
        assert run is not None
        return ops.attempt(self, lambda _a: run(self.user, c), done=self._done, reload=self.reload)

    def merge_dialog(self) -> FormDialog | None:
        """合并重复 (C10): the earlier complaint this one repeats, and whether it brings new
        facts (merged, the earlier one's deadline restarted) or not (refused, recorded)."""
        if self.current is None or not self.repeats:
            return None
        return steps.merge_dialog(self.user, self.current, self.repeats, self)

    @Slot()
    def merge(self) -> bool:
        return self._filled(self.merge_dialog())

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
