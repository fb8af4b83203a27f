"""分层培训方案 (T1): each tier's goals, plan, 应修学时 and 应得学分 for a school year, drafted by
培训办 and approved by the main leader in 审批中心. What the approved plans require is what
the 学分 and 培训档案 windows measure each teacher against, and what ``training.at_risk``
warns of: without this tab a school had no way to state it.

A school year chooser over the plans of that year; for 培训办 新建方案… and, as the plan's
declaration offers them, 修改…, 报批 and 撤回. Nothing is written here: each button runs one
use case of ``models.training`` (``create_tier_plan``, ``update_tier_plan``,
``submit_tier_plan``) or the engine's ``documents.withdraw``, whose refusal stays in the
dialog or the message."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop import errors, labels
from desktop.form_dialog import FormDialog
from desktop.icons import icon
from desktop.module_page import PageTab
from desktop.tables import cell, read_only_table
from forms.spec import Field, FieldType
from models import documents, training
from models.base import now
from models.people import User
from models.training import MANAGERS, PlanState, Tier, TierPlan

YEARS_SHOWN = 3  # the school year now, the one before it and the next one


def plan_dialog(
    user: User, year: str, plan: TierPlan | None, title: str, parent: Any
) -> FormDialog:
    """新建方案 of a tier for ``year``, or 修改 of ``plan`` (its tier fixed)."""
    tiers = tuple(t.label for t in Tier)
    fields = (
        Field("tier", "层级", FieldType.CHOICE, required=True, choices=tiers, label_en="Tier"),
        Field("goals", "培训目标", required=True, multiline=True, label_en="Goals"),
        Field("plan", "培训计划", required=True, multiline=True, label_en="Plan"),
        Field(
            "required_hours",
            "应修学时",
            FieldType.DECIMAL,
            required=True,
            places=1,
            label_en="Required hours",
        ),
        Field(
            "required_credits",
            "应得学分",
            FieldType.DECIMAL,
            required=True,
            places=1,
            label_en="Required credits",
        ),
    )

    def submit(v: dict[str, Any]) -> TierPlan:
        if plan is not None:
            return training.update_tier_plan(
                user,
                plan,
                goals=v["goals"],
                plan_text=v["plan"],
                required_hours=v["required_hours"],
                required_credits=v["required_credits"],
            )
        return training.create_tier_plan(
            user,
            next(t for t in Tier if t.label == v["tier"]),
            year,
            goals=v["goals"],
            plan=v["plan"],
            required_hours=v["required_hours"],
            required_credits=v["required_credits"],
        )

    values: dict[str, Any] = {"tier": tiers[0]}
    if plan is not None:
        values = {
            "tier": Tier(plan.tier).label,  # the declared Chinese choice, in either language
            "goals": plan.goals,
            "plan": plan.plan,
            "required_hours": plan.required_hours,
            "required_credits": plan.required_credits,
        }
    dialog = FormDialog(title, fields, submit, values=values, parent=parent)
    if plan is not None:
        dialog.editors["tier"].widget.setEnabled(False)
    dialog.setMinimumWidth(560)
    return dialog


class TierPlansTab(PageTab):
    """The tier plans of a school year and what 培训办 may do with the selected one."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.year = QComboBox()
        first = int(training.school_year_of(now().date())[:4])
        for start in range(first + 1, first + 1 - YEARS_SHOWN, -1):
            self.year.addItem(f"{start}-{start + 1}")
        self.year.setCurrentIndex(1)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = read_only_table(
            [
                self.tr("层级"),
                self.tr("应修学时"),
                self.tr("应得学分"),
                self.tr("状态"),
                self.tr("编制人"),
                self.tr("编制时间"),
                self.tr("培训目标"),
            ]
        )
        self.table.itemSelectionChanged.connect(self.update_actions)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.new_button = QPushButton(icon("add"), self.tr("新建方案…"))
        self.new_button.clicked.connect(lambda _c=False: self.new_plan())
        self.edit_button = QPushButton(icon("edit"), self.tr("修改…"))
        self.edit_button.clicked.connect(lambda _c=False: self.edit_plan())
        self.submit_button = QPushButton(icon("send"), self.tr("报批"))
        self.submit_button.clicked.connect(lambda _c=False: self.submit_plan())
        self.withdraw_button = QPushButton(icon("reject"), self.tr("撤回"))
        self.withdraw_button.clicked.connect(lambda _c=False: self.withdraw_plan())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("学年")))
        top.addWidget(self.year)
        top.addStretch(1)
        for b in (self.new_button, self.edit_button, self.submit_button, self.withdraw_button):
            top.addWidget(b)
        self.new_button.setVisible(user.has_role(*MANAGERS))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.plans: list[TierPlan] = []
        self.reload()

    def current_year(self) -> str:
        return self.year.currentText()

    def reload(self) -> None:
        year = self.current_year()
        order = {t.value: i for i, t in enumerate(Tier)}
        self.plans = sorted(
            TierPlan.select().where(TierPlan.school_year == year),
            key=lambda p: order.get(p.tier, len(order)),
        )
        self.table.setRowCount(len(self.plans))
        for r, p in enumerate(self.plans):
            values = (
                labels.of(Tier, p.tier),
                p.required_hours,
                p.required_credits,
                labels.of(PlanState, p.state),
                p.prepared_by.name,
                f"{p.prepared_at:%Y-%m-%d}",
                p.goals,
            )
            for c, v in enumerate(values):
                self.table.setItem(r, c, cell(v, right=c in (1, 2)))
        self.update_actions()

    def selected(self) -> TierPlan | None:
        r = self.table.currentRow()
        return self.plans[r] if 0 <= r < len(self.plans) else None

    def select_tier(self, tier: Tier) -> None:
        for r, p in enumerate(self.plans):
            if p.tier == tier.value:
                self.table.selectRow(r)

    @Slot()
    def update_actions(self) -> None:
        plan = self.selected()
        acts = documents.available_actions(self.user, plan) if plan is not None else ()
        self.edit_button.setVisible("edit" in acts)
        self.submit_button.setVisible("submit" in acts)
        self.withdraw_button.setVisible("withdraw" in acts)
        self.detail.setText(
            self.tr("培训计划：") + plan.plan if plan is not None else self.tr("请选择一个方案。")
        )

    def plan_dialog(self, plan: TierPlan | None = None) -> FormDialog:
        title = self.tr("修改分层培训方案") if plan else self.tr("新建分层培训方案")
        return plan_dialog(self.user, self.current_year(), plan, title, self)

    def _after(self, dialog: FormDialog) -> TierPlan | None:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.changed()
        self.reload()
        self.select_tier(Tier(dialog.result.tier))
        return dialog.result

    @Slot()
    def new_plan(self) -> TierPlan | None:
        return self._after(self.plan_dialog())

    @Slot()
    def edit_plan(self) -> TierPlan | None:
        plan = self.selected()
        return None if plan is None else self._after(self.plan_dialog(plan))

    @Slot()
    def submit_plan(self) -> bool:
        plan = self.selected()
        return plan is not None and self.act(lambda _a: training.submit_tier_plan(self.user, plan))

    @Slot()
    def withdraw_plan(self) -> bool:
        plan = self.selected()
        if plan is None or not errors.confirm(
            self,
            self.tr("撤回"),
            self.tr("撤回%1的分层培训方案？").replace("%1", labels.of(Tier, plan.tier)),
        ):
            return False
        return self.act(lambda _a: documents.withdraw(self.user, plan))
