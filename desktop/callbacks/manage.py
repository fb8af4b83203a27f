"""回访管理: every callback, for the service management (客服管理). 我的回访 shows a caller what
he is to make; here the management sees them all — by state (待确认无法回访 above all: every
method of its chain failed, C4) and by assignee — and runs on the selected one the steps the
model allows: 确认无法回访 (``close_unreachable``, C4), 改期 (``reschedule``, C9), 改派
(``reassign_callback``, C3), 取消 (``cancel_callback``) and, on a done callback, 更正记录
(``amend_record``, C6). 生成抽查回访 turns a month's repairs picked by the fleet statistics
into phone callbacks (F8 → C, ``spot_check_callbacks``); a second run of a month makes none.

Nothing here checks a rule: each button's dialog hands its values to the use case, whose
refusal shows beside the field (a missing reason) or through the one error router."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QWidget

from desktop import errors, labels
from desktop.callbacks.common import tr
from desktop.callbacks.lists import _ListTab, coded
from desktop.callbacks.mine import overdue_look
from desktop.callbacks.record_dialog import RecordFields
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import filter_combo
from forms.spec import Field, FieldType
from models import callbacks
from models.base import now
from models.callbacks import (
    Callback,
    CallbackRecord,
    CallbackState,
    ContentType,
    Customer,
    Method,
)
from models.callbacks.callbacks import FINISHED, OPEN, POSTS
from models.errors import RuleViolation
from models.people import Role, User, users_with_role

MANAGERS = frozenset({Role.SERVICE_MANAGER})  # who the tab's use cases accept
UNASSIGNED = 0  # the assignee filter's 未分派


def _who(u: User) -> str:
    return f"{u.name}（{u.username}）"


def _assignee_name() -> peewee.Node:
    return User.select(User.name).where(User.id == Callback.assignee)


def late_look(row: dict[str, Any]) -> Look | None:
    """A deadline missed is red while the callback is still to be made; a done, unreachable
    or cancelled one is not late any more."""
    ended = row.get("state") in (*FINISHED, CallbackState.CANCELLED)
    return None if ended else overdue_look(row)


def _reason(title: str = "原因") -> Field:
    # Not required here: the use case refuses an empty reason, naming its rule.
    return Field("reason", title, multiline=True, label_en="Reason")


def unreachable_dialog(user: User, cb: Callback, parent: QWidget) -> FormDialog:
    """确认无法回访 (C4): only once every method failed, by someone who did not try it."""
    fields = [_reason("无法回访的情况")]
    return FormDialog(
        tr("确认无法回访"),
        fields,
        lambda v: callbacks.close_unreachable(user, cb, v.get("reason") or ""),
        parent=parent,
    )


def reschedule_dialog(user: User, cb: Callback, parent: QWidget) -> FormDialog:
    """改期 (C9): another day; the key the generator made it under stays."""
    fields = [
        Field("day", "新的回访日期", FieldType.DATE, required=True, label_en="New day"),
        _reason("改期原因"),
    ]
    return FormDialog(
        tr("改期"),
        fields,
        lambda v: callbacks.reschedule(user, cb, v["day"], v.get("reason") or ""),
        values={"day": max(cb.scheduled_on, now().date()) + timedelta(days=1)},
        parent=parent,
    )


def reassign_dialog(user: User, cb: Callback, parent: QWidget) -> FormDialog:
    """改派 (C3): to another person of the post the current method needs."""
    role = Method(cb.method).role
    people = {_who(u): u for u in users_with_role(role) if u.id != cb.assignee_id}
    fields = [
        Field(
            "assignee",
            "改派给",
            FieldType.CHOICE,
            required=True,
            choices=tuple(people) or ("—",),
            label_en="Assign to",
        ),
        _reason("改派原因"),
    ]

    def submit(v: dict[str, Any]) -> Callback:
        to = people.get(v["assignee"])
        if to is None:
            raise RuleViolation(
                "C3", f"没有可改派的{role.label}岗人员", f"nobody else holds the {role.value} post"
            )
        return callbacks.reassign_callback(user, cb, to, v.get("reason") or "")

    return FormDialog(tr("改派"), fields, submit, parent=parent)


def cancel_dialog(user: User, cb: Callback, parent: QWidget) -> FormDialog:
    """取消回访: a callback that should not be made, with a reason (联系不上 is none, C4)."""
    return FormDialog(
        tr("取消回访"),
        [_reason("取消原因")],
        lambda v: callbacks.cancel_callback(user, cb, v.get("reason") or ""),
        parent=parent,
    )


def amend_dialog(user: User, record: CallbackRecord, parent: QWidget) -> FormDialog:
    """更正记录 (C6): a new record naming the one it corrects and why; the original stays. Its
    fields are the record dialog's own (``RecordFields``), filled with the record's values."""
    shared = RecordFields.of(record.callback)

    def submit(v: dict[str, Any]) -> CallbackRecord:
        changes = shared.taken(v)
        if not shared.questions:  # nothing was asked: the record's answers stay as they are
            del changes["answers"]
        return callbacks.amend_record(user, record, v.get("reason") or "", **changes)

    fields = [*shared.fields(), _reason("更正原因")]
    values = shared.values(record)
    return FormDialog(tr("更正回访记录"), fields, submit, values=values, parent=parent)


def spot_check_dialog(user: User, parent: QWidget) -> FormDialog:
    """生成抽查回访 (F8 → C): the month whose picked repairs are called back, by when, by whom."""
    from desktop.spot_check_picks import picked_repairs  # the shell joins the two domains

    first = now().date().replace(day=1)
    last_month = first - timedelta(days=1)
    callers = {_who(u): u for u in users_with_role(Role.SERVICE)}
    fields = [
        Field("month", "统计月份（如 2026-10）", required=True, max_length=7, label_en="Month"),
        Field("due_on", "回访期限", FieldType.DATE, required=True, label_en="Due"),
        Field(
            "assignee",
            "回访人（客服）",
            FieldType.CHOICE,
            choices=tuple(callers),
            label_en="Caller",
        ),
    ]

    def submit(v: dict[str, Any]) -> tuple[callbacks.SpotCheckRun, list[str]]:
        found = picked_repairs(v["month"].strip())
        run = callbacks.spot_check_callbacks(
            user,
            found.picks,
            due_on=v["due_on"],
            assignee=callers.get(v.get("assignee") or ""),
        )
        return run, found.no_applicant

    values = {"month": f"{last_month:%Y-%m}", "due_on": first + timedelta(days=30)}
    return FormDialog(tr("生成抽查回访"), fields, submit, values=values, parent=parent)


class ManageTab(_ListTab):
    """回访管理: every callback by state and assignee, and the management's steps on one."""

    NAME, TITLE = "callbacks.manage", "回访管理"

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("customer", self.tr("客户"), Customer.name, width=150),
            Column("number", self.tr("客户编号"), Customer.number, width=110),
            coded("content_type", self.tr("回访内容"), Callback.content_type, ContentType, 110),
            coded("method", self.tr("方式"), Callback.method, Method, 70),
            Column("assignee", self.tr("经办人"), _assignee_name(), sortable=False, width=80),
            Column("period", self.tr("期间"), Callback.period_key, fmt=labels.period, width=130),
            Column("scheduled_on", self.tr("计划日期"), Callback.scheduled_on, width=95),
            Column("due_on", self.tr("期限"), Callback.due_on, width=95, look=late_look),
            coded("state", self.tr("状态"), Callback.state, CallbackState, 110),
            Column("reason", self.tr("说明"), Callback.close_reason, sortable=False, width=160),
        ]
        model = LazyQueryModel(
            lambda: Callback.select().join(Customer, on=Callback.customer == Customer.id),
            columns,
            Callback.id,
            sort_column=6,
            descending=False,
            search_fields=[Customer.name_search, Customer.name, Customer.number],
        )
        self.build(
            model,
            labels.choices(CallbackState),
            Callback.state,
            self.tr("搜索客户（名称、拼音或编号）"),
        )
        staff: dict[int, User] = {}
        for role in POSTS:
            for u in users_with_role(role):
                staff.setdefault(u.id, u)
        people = [(self.tr("未分派"), UNASSIGNED), *((_who(u), u.id) for u in staff.values())]
        self.assignee = filter_combo(people, self.tr("全部经办人"))
        self.assignee.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.view.filter_bar.addWidget(self.assignee)
        manager = user.has_role(*MANAGERS)
        self.unreachable_button = button("void", self.tr("确认无法回访…"), self.close_unreachable)
        self.reschedule_button = button("edit", self.tr("改期…"), self.reschedule)
        self.reassign_button = button("delegate", self.tr("改派…"), self.reassign)
        self.cancel_button = button("reject", self.tr("取消回访…"), self.cancel)
        self.amend_button = button("edit", self.tr("更正记录…"), self.amend)
        for b in self.row_buttons():
            self.view.action_bar.addWidget(b)
        self.spot_button = button("add", self.tr("生成抽查回访…"), self.spot_checks)
        self.spot_button.setVisible(manager)
        self.view.action_bar.insertWidget(0, self.spot_button)
        self.current: Callback | None = None
        self.record: CallbackRecord | None = None
        self.apply_filters()
        self.watch_actions()

    def _filled(self, dialog: FormDialog | None) -> bool:
        """Run ``dialog`` (its OK is the use case); the list follows when it was saved."""
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.changed()
        self.reload()
        return True

    def row_buttons(self) -> tuple[Any, ...]:
        return (
            self.unreachable_button,
            self.reschedule_button,
            self.reassign_button,
            self.cancel_button,
            self.amend_button,
        )

    def apply_filters(self) -> None:
        filters: list[Any] = []
        state = self.state.currentData()
        if state is not None:
            filters.append(Callback.state == state)
        who = self.assignee.currentData()
        if who == UNASSIGNED:
            filters.append(Callback.assignee.is_null())
        elif who is not None:
            filters.append(Callback.assignee == who)
        self.model.set_filters(filters)

    def filters_text(self) -> str:
        words = [super().filters_text()]
        if self.assignee.currentIndex():
            words.append(self.assignee.currentText())
        return "、".join(w for w in words if w)

    @Slot()
    def update_actions(self) -> None:
        """The steps the model allows on the selected callback as it was read here (the use
        case refuses one if the callback changed since, and the list reloads)."""
        key = self.view.current_id()
        cb = Callback.get_or_none(Callback.id == int(key)) if key else None
        self.current = cb
        self.record = (
            callbacks.current_record(cb) if cb and cb.state == CallbackState.DONE else None
        )
        manager = self.user.has_role(*MANAGERS)
        state = cb.state if cb is not None else None
        self.unreachable_button.setVisible(
            cb is not None and callbacks.may_confirm_unreachable(self.user, cb)
        )
        self.reschedule_button.setVisible(manager and state in OPEN)
        self.reassign_button.setVisible(manager and state in OPEN)
        ended = (*FINISHED, CallbackState.CANCELLED, CallbackState.EXHAUSTED)  # C4
        self.cancel_button.setVisible(manager and cb is not None and state not in ended)
        self.amend_button.setVisible(manager and self.record is not None)

    def _on_current(self, make: Any) -> FormDialog | None:
        cb = self.current
        return None if cb is None else make(self.user, cb, self)

    def unreachable_dialog(self) -> FormDialog | None:
        return self._on_current(unreachable_dialog)

    def reschedule_dialog(self) -> FormDialog | None:
        return self._on_current(reschedule_dialog)

    def reassign_dialog(self) -> FormDialog | None:
        return self._on_current(reassign_dialog)

    def cancel_dialog(self) -> FormDialog | None:
        return self._on_current(cancel_dialog)

    def amend_dialog(self) -> FormDialog | None:
        r = self.record
        return None if r is None else amend_dialog(self.user, r, self)

    @Slot()
    def close_unreachable(self) -> bool:
        return self._filled(self.unreachable_dialog())

    @Slot()
    def reschedule(self) -> bool:
        return self._filled(self.reschedule_dialog())

    @Slot()
    def reassign(self) -> bool:
        return self._filled(self.reassign_dialog())

    @Slot()
    def cancel(self) -> bool:
        return self._filled(self.cancel_dialog())

    @Slot()
    def amend(self) -> bool:
        return self._filled(self.amend_dialog())

    def spot_check_dialog(self) -> FormDialog:
        return spot_check_dialog(self.user, self)

    @Slot()
    def spot_checks(self) -> bool:
        dialog = self.spot_check_dialog()
        if not self._filled(dialog):
            return False
        run, no_applicant = dialog.result
        text = (
            self.tr("已生成 %1 条抽查回访；%2 条此前已生成，未重复生成。")
            .replace("%1", str(len(run.created)))
            .replace("%2", str(len(run.existing)))
        )
        if run.no_phone:
            left = self.tr(
                "报修人电话未登记或有误，未生成（请在系统管理补录或更正电话后再次生成）：%1"
            )
            text += "\n" + left.replace("%1", "、".join(p.number for p in run.no_phone))
        if no_applicant:
            text += "\n" + self.tr("未登记报修人的维修单未生成：%1").replace(
                "%1", "、".join(no_applicant)
            )
        errors.inform(self, self.tr("生成抽查回访"), text)
        return True
