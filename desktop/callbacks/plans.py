"""回访计划 (C2): every plan with its window, content, cadence and state; 客服管理 drafts one
(window, targets, content type C5, focus, outline, schedule by person and method, the chain of
methods C4) and sends it for approval (报批) to the head of 客户服务部, who decides it in
审批中心; an approved plan generates its callbacks (C9). The buttons render
``documents.available_actions``; every write is a ``models.callbacks`` use case."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog

from desktop import errors, labels, ops
from desktop.callbacks.common import tr
from desktop.callbacks.lists import _ListTab, coded
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from forms.spec import Field, FieldType
from models import callbacks, documents
from models.base import now
from models.callbacks import (
    METHOD_ROLES,
    Cadence,
    CallbackPlan,
    ContentType,
    Customer,
    Method,
    PlanState,
    ScheduleInput,
    Target,
)
from models.callbacks.plans import PLAN_ROLES
from models.people import User, users_with_role

CONTENTS = {c.label: c for c in ContentType if c != ContentType.SPOT_CHECK}
CADENCES = {c.label: c for c in Cadence}
TARGETS = {t.label: t for t in Target}
METHODS = {m.label: m for m in Method}
ORDINALS = (("first", "第一方式", "First method"), ("second", "第二方式", "Second method"))
ORDINALS += (("third", "第三方式", "Third method"),)


def _staff_key(method: Method) -> str:
    return f"staff_{method.value}"


def _people(method: Method) -> dict[str, User]:
    """The active holders of the method's post (C3), by the text the dialog shows."""
    return {f"{u.name}（{u.username}）": u for u in users_with_role(METHOD_ROLES[method])}


def _customers(text: str | None) -> list[Customer]:
    """The listed plan's customers by their numbers (``KH2026-0001、KH2026-0002``); a number
    the archive does not hold is refused beside the field."""
    from models.errors import RuleViolation

    found = []
    for word in (text or "").replace("，", "、").replace(",", "、").split("、"):
        number = word.strip()
        if not number:
            continue
        customer = Customer.get_or_none(Customer.number == number)
        if customer is None:
            raise RuleViolation(  # bad input, as a dialog's unknown reference
                None, f"没有客户编号 {number}", f"no customer numbered {number}", field="customers"
            )
        found.append(customer)
    return found


def _values_of(plan: CallbackPlan, people: dict[Method, dict[str, User]]) -> dict[str, Any]:
    """The dialog's values of a plan as stored (``callbacks.plan_lines``), for 编辑."""
    questions, schedule, customers = callbacks.plan_lines(plan)
    values: dict[str, Any] = {
        "title": plan.title,
        "window_from": plan.window_from,
        "window_to": plan.window_to,
        "content_type": ContentType(plan.content_type).label,
        "focus": plan.focus,
        "cadence": Cadence(plan.cadence).label,
        "target": Target(plan.target).label,
        "questions": "\n".join(questions),
        "customers": "、".join(c.number for c in customers),
    }
    for (key, _zh, _en), method in zip(ORDINALS, plan.methods, strict=False):
        values[key] = method.label
    for m in Method:
        names = {u.id: name for name, u in people[m].items()}
        values[_staff_key(m)] = tuple(
            names[s.staff.id] for s in schedule if Method(s.method) == m and s.staff.id in names
        )
    return values


def plan_dialog(user: User, parent: Any, plan: CallbackPlan | None = None) -> FormDialog:
    """回访计划 (C2): what ``callbacks.create_plan`` needs, each refusal beside its field;
    given a draft or returned ``plan``, the same dialog filled from it, saved through
    ``callbacks.update_plan`` (refused as changed if someone saved it meanwhile)."""
    people = {m: _people(m) for m in Method}
    methods = tuple(METHODS)
    fields: list[Field] = [
        Field("title", "计划名称", max_length=200, label_en="Title"),
        Field("window_from", "回访时间段起", FieldType.DATE, required=True, label_en="From"),
        Field("window_to", "回访时间段止", FieldType.DATE, required=True, label_en="To"),
        Field(
            "content_type",
            "回访内容",
            FieldType.CHOICE,
            required=True,
            choices=tuple(CONTENTS),
            label_en="Content",
        ),
        Field("focus", "工作重点", required=True, multiline=True, label_en="Focus"),
        Field(
            "cadence",
            "频次",
            FieldType.CHOICE,
            required=True,
            choices=tuple(CADENCES),
            label_en="Cadence",
        ),
        Field(
            "target",
            "对象",
            FieldType.CHOICE,
            required=True,
            choices=tuple(TARGETS),
            label_en="Target",
        ),
        Field(
            "customers",
            "指定客户编号",
            max_length=2000,
            label_en="Customer numbers",
            help="对象为指定客户时填写，以、分隔。",
        ),
        *(
            Field(key, zh, FieldType.CHOICE, required=key == "first", choices=methods, label_en=en)
            for key, zh, en in ORDINALS
        ),
        Field(
            "questions",
            "回访提纲（每行一个问题）",
            required=True,
            multiline=True,
            label_en="Outline (one question a line)",
        ),
        *(
            Field(
                _staff_key(m),
                f"{m.label}人员",
                FieldType.CHOICE,
                multiple=True,
                choices=tuple(people[m]),
                label_en=f"Staff: {m.value}",
            )
            for m in Method
            if people[m]
        ),
    ]

    def submit(v: dict[str, Any]) -> CallbackPlan:
        chain = [METHODS[v[key]] for key, _zh, _en in ORDINALS if v.get(key)]
        schedule = [
            ScheduleInput(people[m][name], m) for m in Method for name in v.get(_staff_key(m)) or ()
        ]
        fields = dict(
            title=v.get("title") or "",
            window_from=v["window_from"],
            window_to=v["window_to"],
            content_type=CONTENTS[v["content_type"]],
            focus=v["focus"],
            cadence=CADENCES[v["cadence"]],
            target=TARGETS[v["target"]],
            method_chain=chain,
            questions=v["questions"].splitlines(),
            schedule=schedule,
            customers=_customers(v.get("customers")),
        )
        if plan is None:
            return callbacks.create_plan(user, **fields)
        return callbacks.update_plan(user, plan, **fields)

    today = now().date()
    values = {
        "window_from": date(today.year, 1, 1),
        "window_to": date(today.year, 12, 31),
        "content_type": ContentType.SATISFACTION.label,
        "cadence": Cadence.AGE.label,
        "target": Target.ORDINARY.label,
        "first": Method.PHONE.label,
    }
    if plan is not None:
        values = _values_of(plan, people)
    title = tr("新建回访计划") if plan is None else tr("编辑回访计划")
    dialog = FormDialog(title, fields, submit, values=values, parent=parent)
    dialog.setMinimumWidth(560)
    return dialog


class PlansTab(_ListTab):
    """回访计划: the plans; 新建计划, 报批, 撤回 and 生成回访 as the plan's declaration offers
    them to this user (approval is in 审批中心, C2)."""

    NAME, TITLE, PRINT = "callbacks.plans", "回访计划", "callback-plan"

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("number", self.tr("计划编号"), CallbackPlan.number, width=110),
            Column("title", self.tr("计划名称"), CallbackPlan.title, width=200),
            Column("from", self.tr("起"), CallbackPlan.window_from, width=95),
            Column("to", self.tr("止"), CallbackPlan.window_to, width=95),
            coded("content_type", self.tr("回访内容"), CallbackPlan.content_type, ContentType, 120),
            coded("cadence", self.tr("频次"), CallbackPlan.cadence, Cadence, 150),
            coded("target", self.tr("对象"), CallbackPlan.target, Target, 80),
            coded("state", self.tr("状态"), CallbackPlan.state, PlanState, 70),
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
        bar = self.view.action_bar
        self.new_button = button(
            "add", self.tr("新建计划…"), self.new_plan, visible=user.has_role(*PLAN_ROLES)
        )
        bar.insertWidget(0, self.new_button)
        self.edit_button = button("edit", self.tr("编辑…"), self.edit_plan, bar=bar)
        self.submit_button = button("send", self.tr("报批"), self.submit_plan, bar=bar)
        self.withdraw_button = button("reject", self.tr("撤回"), self.withdraw_plan, bar=bar)
        self.generate_button = button("approve", self.tr("生成回访任务"), self.generate, bar=bar)
        self.watch_actions()

    def selected(self) -> CallbackPlan | None:
        key = self.view.current_id()
        return None if key is None else CallbackPlan.get_by_id(int(key))

    @Slot()
    def update_actions(self) -> None:
        plan = self.selected()
        acts = documents.available_actions(self.user, plan) if plan is not None else ()
        self.edit_button.setVisible("edit" in acts)
        self.submit_button.setVisible("submit" in acts)
        self.withdraw_button.setVisible("withdraw" in acts)
        self.generate_button.setVisible("generate" in acts)

    def plan_dialog(self, plan: CallbackPlan | None = None) -> FormDialog:
        return plan_dialog(self.user, self, plan)

    @Slot()
    def new_plan(self) -> CallbackPlan | None:
        dialog = self.plan_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            self.reload()
            return dialog.result
        return None

    @Slot()
    def edit_plan(self) -> CallbackPlan | None:
        """编辑 a draft or returned plan (C2): the plan dialog filled from it."""
        plan = self.selected()
        if plan is None:
            return None
        dialog = self.plan_dialog(plan)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            self.reload()
            return dialog.result
        return None

    @Slot()
    def submit_plan(self) -> bool:
        plan = self.selected()
        return plan is not None and self.act(lambda _a: callbacks.submit_plan(self.user, plan))

    @Slot()
    def withdraw_plan(self) -> bool:
        plan = self.selected()
        if plan is None or not errors.confirm(
            self, self.tr("撤回"), self.tr("撤回回访计划 %1 的报批？").replace("%1", plan.number)
        ):
            return False
        return self.act(lambda _a: documents.withdraw(self.user, plan))

    @Slot()
    def generate(self) -> bool:
        """生成回访任务 up to today (C9: idempotent, so pressing it twice makes nothing new)."""
        plan = self.selected()
        if plan is None:
            return False

        def done(result: Any) -> None:
            self.changed()
            self.reload()
            text = self.tr("新生成 %1 条，已有 %2 条。")
            errors.inform(
                self,
                self.tr("生成回访任务"),
                text.replace("%1", str(result.created)).replace("%2", str(result.existing)),
            )

        return ops.attempt(
            self,
            lambda _a: callbacks.generate_callbacks(self.user, plan, through=now().date()),
            done=done,
            reload=self.reload,
        )
