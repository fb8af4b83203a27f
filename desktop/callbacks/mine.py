"""我的回访: the callbacks this user is to make today or is late with (C3, C9), overdue in red;
记录结果 records one attempt with its outcome (未接通, 关机, 空号, 拒访, 约定改期: C4) or, when
the customer was reached, the written record with the answers of the plan's outline (C6),
each through its use case; 打印回访记录表 gives the on-site copy the customer signs. The online
questionnaires are the 客服管理岗's callbacks, so his 我的回访 also sends them out
(导出待答问卷…, the waiting ones with their 回访任务号) and takes the answers back
(导入问卷答卷…, the ``questionnaire-answers`` kind: a dry run, then every sheet or none)."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QDialog, QVBoxLayout

from desktop import errors, labels
from desktop.callbacks.common import BREACHED, tr
from desktop.exporting import export_action, export_register, import_dialog, print_pdf
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView
from desktop.module_page import PageTab
from forms.spec import Field, FieldType
from models import callbacks
from models.base import now
from models.callbacks import (
    Callback,
    CallbackState,
    ContentType,
    Customer,
    Method,
    Outcome,
    PlanQuestion,
)
from models.callbacks.callbacks import OPEN
from models.people import Role, User

REACHED = Outcome.REACHED.label
# What one try can end in, as the caller picks it (问卷无效 is marked on the online answers).
OUTCOMES = tuple(o.label for o in Outcome if o != Outcome.INVALID)


def overdue_look(row: dict[str, Any]) -> Look | None:
    due = row.get("due_on")
    return BREACHED if isinstance(due, date) and due < now().date() else None


class MyCallbacksTab(PageTab):
    """我的回访: today's and overdue callbacks of this user (all of them with 全部未完成)."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("customer", self.tr("客户"), Customer.name, width=170),
            Column("number", self.tr("客户编号"), Customer.number, width=120),
            Column(
                "content_type",
                self.tr("回访内容"),
                Callback.content_type,
                fmt=labels.labeller(ContentType),
                width=120,
            ),
            Column(
                "method", self.tr("方式"), Callback.method, fmt=labels.labeller(Method), width=80
            ),
            Column("period", self.tr("期间"), Callback.period_key, fmt=labels.period, width=110),
            Column("scheduled_on", self.tr("计划日期"), Callback.scheduled_on, width=95),
            Column("due_on", self.tr("期限"), Callback.due_on, width=95, look=overdue_look),
            Column(
                "state",
                self.tr("状态"),
                Callback.state,
                fmt=labels.labeller(CallbackState),
                width=100,
            ),
        ]
        self.model = LazyQueryModel(
            self._base,
            columns,
            Callback.id,
            sort_column=6,
            descending=False,
            search_fields=[Customer.name_search, Customer.name, Customer.number],
        )
        self.view = ListView(
            "callbacks.mine",
            self.model,
            search_hint=self.tr("搜索客户（名称、拼音或编号）"),
            exporter=export_action(self.tr("我的回访"), self.filters_text),
        )
        self.all_open = QCheckBox(self.tr("全部未完成（含以后的）"))
        self.all_open.toggled.connect(lambda _c: self.apply_filters())
        self.view.filter_bar.addWidget(self.all_open)
        bar = self.view.action_bar
        bar.addWidget(button("edit", self.tr("记录结果…"), self.record_selected))
        bar.addWidget(button("print", self.tr("打印回访记录表"), self.print_selected))
        # 网上问卷 (C3): the online callbacks are the 客服管理岗's own, so his 我的回访 is where
        # he sends the questionnaire out (the waiting ones to Excel) and imports the answers.
        self.online = user.has_role(Role.SERVICE_MANAGER)
        if self.online:
            bar.addWidget(button("export", self.tr("导出待答问卷…"), self.export_questionnaires))
            bar.addWidget(button("import", self.tr("导入问卷答卷…"), self.import_answers))
        self.view.activated.connect(lambda key: self.record(int(key)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.apply_filters()

    def _base(self) -> peewee.ModelSelect:
        return (
            Callback.select()
            .join(Customer, on=Callback.customer == Customer.id)
            .where((Callback.assignee == self.user.id) & Callback.state.in_(list(OPEN)))
        )

    def apply_filters(self) -> None:
        conditions = [] if self.all_open.isChecked() else [Callback.scheduled_on <= now().date()]
        self.model.set_filters(conditions)

    def filters_text(self) -> str:
        return self.all_open.text() if self.all_open.isChecked() else self.tr("今日及逾期")

    def reload(self) -> None:
        self.model.reload()

    @Slot()
    def export_questionnaires(self) -> Any:
        """The online callbacks waiting for answers, one row each with its 回访任务号: the
        sheet the answers are pasted into (the ``questionnaire-answers`` register)."""
        return export_register(self, "questionnaire-answers", {})

    @Slot()
    def import_answers(self) -> Any:
        """The answer sheets through the import dialog (C3): dry run and report, then every
        row through ``record_callback`` or none; the list shows what is left."""
        from forms.kinds import get_kind

        def after() -> None:
            self.model.reload()
            self.changed()

        return import_dialog(self, get_kind("questionnaire-answers"), self.user, after)

    def _selected(self) -> int | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("我的回访"), self.tr("请先选中一条回访。"))
            return None
        return int(key)

    @Slot()
    def record_selected(self) -> Any:
        key = self._selected()
        return None if key is None else self.record(key)

    @Slot()
    def print_selected(self) -> Any:
        key = self._selected()
        return None if key is None else print_pdf(self, "callback-record", key)

    def record_dialog(self, callback_id: int) -> FormDialog:
        return attempt_dialog(self.user, Callback.get_by_id(callback_id), self)

    def record(self, callback_id: int) -> Any:
        dialog = self.record_dialog(callback_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return dialog.result
        return None


def _question_key(order: int) -> str:
    return f"q{order}"


def attempt_dialog(user: User, callback: Callback, parent: Any) -> FormDialog:
    """One try at ``callback``: its outcome, and when reached the record (who answered, the
    outline's answers, the satisfaction). Each goes to its use case, which refuses what the
    rules refuse (the wrong post C3, a missing answer C6, 约定改期 without a day C4)."""
    contact = callbacks.current_contact(callback.customer)
    phone = contact.phone if contact else ""
    questions = (
        list(
            PlanQuestion.select()
            .where(PlanQuestion.plan == callback.plan_id)
            .order_by(PlanQuestion.order)
        )
        if callback.plan_id
        else []
    )
    fields = [
        Field(
            "outcome", "结果", FieldType.CHOICE, required=True, choices=OUTCOMES, label_en="Outcome"
        ),
        Field("phone_dialled", "拨打号码", max_length=32, label_en="Phone dialled"),
        Field("note", "说明", max_length=300, label_en="Note"),
        Field(
            "next_try_on",
            "约定日期",
            FieldType.DATE,
            label_en="Agreed day",
            help="约定改期时填写。",
        ),
        Field("reached_person", "受访人", max_length=50, label_en="Reached"),
        *(Field(_question_key(q.order), f"{q.order}. {q.text}", max_length=500) for q in questions),
        Field(
            "satisfaction",
            "满意度（1–5）",
            FieldType.INTEGER,
            label_en="Satisfaction (1–5)",
        ),
        Field("summary", "回访情况", max_length=500, multiline=True, label_en="Summary"),
    ]

    def submit(v: dict[str, Any]) -> Any:
        if v["outcome"] == REACHED:
            answers = {q.order: v.get(_question_key(q.order)) or "" for q in questions}
            return callbacks.record_callback(
                user,
                callback,
                reached_person=v.get("reached_person") or "",
                answers=answers,
                satisfaction=v.get("satisfaction"),
                summary=v.get("summary") or "",
                phone_dialled=v.get("phone_dialled") or "",
            )
        outcome = next(o for o in Outcome if o.label == v["outcome"])
        return callbacks.log_attempt(
            user,
            callback,
            outcome,
            phone_dialled=v.get("phone_dialled") or "",
            note=v.get("note") or "",
            next_try_on=v.get("next_try_on"),
        )

    title = f"{tr('记录回访结果')} · {callback.customer.name}"
    return FormDialog(
        title,
        fields,
        submit,
        values={"outcome": Outcome.NO_ANSWER.label, "phone_dialled": phone},
        parent=parent,
    )
