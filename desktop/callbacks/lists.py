"""What the callbacks lists share (a state filter, export, the printed form of the selected
row) and 问题跟踪 (C7) with the steps of the selected problem this user may take
(``desktop.callbacks.problem_steps``). 回访计划 is in ``desktop.callbacks.plans``, 投诉 in
``desktop.callbacks.complaints``."""

from __future__ import annotations

from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

from desktop import errors, labels
from desktop.callbacks import MODULE, problem_steps
from desktop.callbacks.common import tr
from desktop.exporting import export_action, print_pdf
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from models import callbacks
from models.callbacks import Customer, Problem, ProblemState
from models.people import Department, User

Owner = User.alias("owner")  # the person in charge, when one is named (else the whole department)


def coded(key: str, title: str, field: Any, enum: Any, width: int) -> Column:
    """A column of a stored code shown as its label in the interface language."""
    return Column(key, title, field, fmt=labels.labeller(enum), width=width)


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
            self.print_button = button("print", self.tr("打印"), self.print_selected)
            self.view.action_bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def apply_filters(self) -> None:
        value = self.state.currentData()
        self.model.set_filters([self.state_field == value] if value is not None else [])

    def filters_text(self) -> str:
        return self.state.currentText() if self.state.currentIndex() else ""

    @Slot()
    def update_actions(self) -> None:
        """Show the buttons of what this user may do on the selected row (a tab with
        row actions overrides it)."""

    def watch_actions(self) -> None:
        """Keep the row actions in step with the selection and the list's contents: the
        one place a tab wires them."""
        self.view.selection_changed.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        self.update_actions()

    def reload(self) -> None:
        self.model.reload()
        self.update_actions()

    @Slot()
    def print_selected(self) -> Any:
        key = self.view.current_id()
        if key is None or self.PRINT is None:
            errors.inform(self, self.tr(self.TITLE), self.tr("请先选中一行。"))
            return None
        return print_pdf(self, self.PRINT, int(key))


class ProblemsTab(_ListTab):
    """问题跟踪: the problems callbacks found, with their owners and where they stand (C7),
    and the buttons of the steps ``callbacks.problem_actions`` offers this user on the
    selected one (报告整改 to its owner, 验证 to 客服管理 or a 科室负责人 but not the
    fixer, 改派 to 客服管理); 登记问题… for the posts that find problems. Someone outside
    the module's staff sees only the problems of his department."""

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
            Column("person", self.tr("责任人"), Owner.name, width=80),
            Column(
                "state", self.tr("状态"), Problem.state, fmt=labels.labeller(ProblemState), width=70
            ),
        ]
        # The module's staff see every problem; another department's people see theirs (C7).
        mine_only = None if MODULE.staff(user) else callbacks.owned_by(user)

        def query() -> Any:
            rows = (
                Problem.select()
                .join(Customer, on=Problem.customer == Customer.id)
                .switch(Problem)
                .join(Department, on=Problem.owner_department == Department.id)
                .switch(Problem)
                .join(Owner, peewee.JOIN.LEFT_OUTER, on=Problem.owner_user == Owner.id)
            )
            return rows if mine_only is None else rows.where(mine_only)

        model = LazyQueryModel(
            query,
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
        self.steps = {step.key: step for step in problem_steps.STEPS}
        self.step_buttons: dict[str, QPushButton] = {
            step.key: button(step.icon, tr(step.zh), lambda step=step: self.take(step.key))
            for step in problem_steps.STEPS
        }
        bar = self.view.action_bar
        for b in self.step_buttons.values():
            bar.insertWidget(0, b)
        self.raise_button = button(
            "add", self.tr("登记问题…"), self.raise_problem, visible=callbacks.may_raise(user)
        )
        bar.insertWidget(0, self.raise_button)
        self.current: Problem | None = None
        self.watch_actions()

    @Slot()
    def update_actions(self) -> None:
        """The steps this user may take on the selected problem as it was read here (the
        use case refuses one if someone changed it since, and the list reloads)."""
        key = self.view.current_id()
        self.current = Problem.get_or_none(Problem.id == int(key)) if key else None
        acts = callbacks.problem_actions(self.user, self.current) if self.current else frozenset()
        for k, b in self.step_buttons.items():
            b.setVisible(k in acts)

    def step_dialog(self, key: str) -> FormDialog | None:
        """The dialog of step ``key`` on the selected problem (tests fill it)."""
        if self.current is None:
            return None
        return self.steps[key].dialog(self.user, self.current, self)

    def raise_dialog(self) -> FormDialog:
        """登记问题…: a problem found in a recorded callback (tests fill it)."""
        return problem_steps.RaiseProblemDialog(self.user, self)

    @Slot()
    def raise_problem(self) -> bool:
        if self.raise_dialog().exec() != QDialog.DialogCode.Accepted:
            return False
        self.changed()
        self.reload()
        return True

    def take(self, key: str) -> bool:
        dialog = self.step_dialog(key)
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.changed()
        self.reload()
        return True
