"""我的回访: the callbacks this user is to make today or is late with (C3, C9), overdue in red;
记录结果 records one attempt with its outcome (未接通, 关机, 空号, 拒访, 约定改期: C4) or, when
the customer was reached, the written record with the answers of the plan's outline (C6),
the signed scan or 有效/无效 and the analysis by the method (C3) and the problems found (C7),
each through its use case (``desktop.callbacks.record_dialog``); 打印回访记录表 gives the
on-site copy the customer signs. The online questionnaires are the 客服管理岗's callbacks, so
his 我的回访 also sends them out (导出待答问卷…, the waiting ones with their 回访任务号) and
takes the answers back (导入问卷答卷…, the ``questionnaire-answers`` kind: a dry run, then
every sheet or none)."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QDialog, QVBoxLayout

from desktop import errors, labels
from desktop.callbacks.common import BREACHED
from desktop.callbacks.record_dialog import RecordDialog, attempt_dialog
from desktop.exporting import export_action, export_register, import_dialog, print_pdf
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView
from desktop.module_page import PageTab
from models.base import now
from models.callbacks import (
    Callback,
    CallbackState,
    ContentType,
    Customer,
    Method,
)
from models.callbacks.callbacks import OPEN
from models.people import Role, User


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
            Column("period", self.tr("期间"), Callback.period_key, fmt=labels.period, width=130),
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
        """This user's online callbacks waiting for answers (his or nobody's), one row each
        with its 回访任务号: the sheet the answers are pasted into (the
        ``questionnaire-answers`` register)."""
        from forms.callbacks.questionnaire import FOR_USER

        return export_register(self, "questionnaire-answers", {FOR_USER: self.user.id})

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

    def record_dialog(self, callback_id: int) -> RecordDialog:
        return attempt_dialog(self.user, Callback.get_by_id(callback_id), self)

    def record(self, callback_id: int) -> Any:
        dialog = self.record_dialog(callback_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return dialog.result
        return None
