"""回访计划 (C2, C3, C5): the window, the target customers or the cadence that finds them, the
content type, the focus, the outline (回访提纲) and the schedule (日程安排: who calls by which
method). A plan is approved by the head of the customer-service department on the approval
engine before a single callback is generated from it; once sent, it is frozen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar, NotRequired, TypedDict, Unpack

import peewee

from models import audit, documents, workflow
from models.base import BaseModel, guarded_update, now
from models.callbacks.customers import Customer
from models.db import db, retry_document
from models.documents import PLAN_OUTCOMES, Document, PlanState, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Department, Role, User, require_person, require_role
from models.text import clean
from models.workflow import Approver, Flow, Instance, Node, State


class ContentType(StrEnum):
    """C5: what a callback is about."""

    SATISFACTION = "satisfaction"
    MIS_SELLING = "mis_selling"
    COMPLAINT = "complaint"
    RISK = "risk"
    CONSUMER = "consumer"
    SPOT_CHECK = "spot_check"

    @property
    def label(self) -> str:
        return {
            "satisfaction": "服务满意度回访",
            "mis_selling": "欺诈性销售回访",
            "complaint": "投诉处理回访",
            "risk": "风险管理服务回访",
            "consumer": "消费保障回访",
            "spot_check": "抽查回访",
        }[self.value]


class Method(StrEnum):
    """C3: how a callback is made, each by its own post."""

    PHONE = "phone"
    ONSITE = "onsite"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return {"phone": "电话回访", "onsite": "上门回访", "online": "网上问卷"}[self.value]

    @property
    def role(self) -> Role:
        return METHOD_ROLES[self]


METHOD_ROLES: dict[Method, Role] = {
    Method.PHONE: Role.SERVICE,  # 客服岗
    Method.ONSITE: Role.SALES,  # 销售岗, with the written record the customer signs
    Method.ONLINE: Role.SERVICE_MANAGER,  # 客服管理岗 collects valid answers, writes the analysis
}


class Cadence(StrEnum):
    """How a plan finds its calls. ``AGE`` is C9's rule for ordinary customers: monthly in
    the first year after delivery (the first call in the month after it), then quarterly.
    The others call the plan's targets once per month, per quarter, or once in the window."""

    AGE = "age"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ONCE = "once"

    @property
    def label(self) -> str:
        return {
            "age": "按交付时间（一年内每月，之后每季）",
            "monthly": "每月",
            "quarterly": "每季度",
            "once": "计划期内一次",
        }[self.value]


class Target(StrEnum):
    """Who a plan calls: every ordinary customer with a project (never the important ones,
    who follow their own plan, C9), the important ones, or the customers it lists."""

    ORDINARY = "ordinary"
    IMPORTANT = "important"
    LISTED = "listed"

    @property
    def label(self) -> str:
        return {"ordinary": "一般客户", "important": "重要客户", "listed": "指定客户"}[self.value]


P = PlanState
EDITABLE = (P.DRAFT, P.RETURNED)
PLAN_ROLES = (Role.SERVICE_MANAGER,)


class CallbackPlan(Document):
    """回访计划, document type ``callback_plan`` (C2): approved by the 客户服务部 head."""

    DOC_TYPE = "callback_plan"

    def approval_title(self) -> tuple[str, str]:
        return (f"{self.title}（{self.number}）", f"Callback plan {self.number}")

    STATES = PlanState
    DECIDING_DEPARTMENT = "department"
    OUTCOMES: ClassVar[Mapping[State, str]] = PLAN_OUTCOMES
    TRANSITIONS = (
        transition(
            "edit",
            EDITABLE,
            roles=PLAN_ROLES,
            rule="C2",
            zh="回访计划{state}，不能修改",
            en="the plan is {state}; it cannot change",
        ),
        transition(
            "submit",
            EDITABLE,
            roles=PLAN_ROLES,
            rule="C2",
            zh="回访计划{state}，不能报批",
            en="the plan is {state}",
        ),
        transition(
            "approve",
            [P.PENDING],
            nodes=["head"],
            rule="C2",
            zh="回访计划不在审批中",
            en="the plan is not awaiting approval",
        ),
        transition(
            "reject",
            [P.PENDING],
            nodes=["head"],
            rule="C2",
            zh="回访计划不在审批中",
            en="the plan is not awaiting approval",
        ),
        transition("return", [P.PENDING], nodes=["head"]),
        transition("withdraw", [P.PENDING, P.RETURNED], engine="withdraw"),
        transition(
            "generate",
            [P.APPROVED],
            roles=(Role.SERVICE_MANAGER, Role.ADMIN),
            rule="C2",
            zh="回访计划{state}，批准前不能生成回访任务",
            en="the plan is {state}: callbacks are generated only from an approved plan",
        ),
    )

    number = peewee.CharField(max_length=20, unique=True)  # HF2026-0001
    title = peewee.CharField(max_length=200)
    window_from = peewee.DateField()
    window_to = peewee.DateField()
    content_type = peewee.CharField(max_length=16)
    focus = peewee.TextField()  # 工作重点
    cadence = peewee.CharField(max_length=12)
    target = peewee.CharField(max_length=12)
    method_chain = peewee.CharField(max_length=60)  # "phone,onsite,online" (C4 fallbacks)
    department = peewee.ForeignKeyField(Department)  # 客户服务部: its head approves
    state = peewee.CharField(max_length=12, default=P.DRAFT, index=True)
    prepared_by = peewee.ForeignKeyField(User)
    prepared_at = peewee.DateTimeField()
    submitted_at = peewee.DateTimeField(null=True)
    approved_at = peewee.DateTimeField(null=True)

    @property
    def methods(self) -> list[Method]:
        return [Method(m) for m in self.method_chain.split(",") if m]

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        return {"approved_at": inst.finished_at or now()} if state == State.APPROVED else {}


class PlanQuestion(BaseModel):
    """回访提纲: one question of the outline, in order."""

    plan = peewee.ForeignKeyField(CallbackPlan, backref="questions")
    order = peewee.IntegerField()
    text = peewee.CharField(max_length=300)
    required = peewee.BooleanField(default=True)

    class Meta:
        indexes = ((("plan", "order"), True),)


class PlanSchedule(BaseModel):
    """日程安排: who calls by which method (the callbacks of a method are shared among its
    people in turn)."""

    plan = peewee.ForeignKeyField(CallbackPlan, backref="schedule")
    staff = peewee.ForeignKeyField(User)
    method = peewee.CharField(max_length=12)

    class Meta:
        indexes = ((("plan", "staff", "method"), True),)


class PlanTarget(BaseModel):
    """A customer a ``LISTED`` plan calls."""

    plan = peewee.ForeignKeyField(CallbackPlan, backref="targets")
    customer = peewee.ForeignKeyField(Customer)

    class Meta:
        indexes = ((("plan", "customer"), True),)


PLAN_TABLES = [CallbackPlan, PlanQuestion, PlanSchedule, PlanTarget]

PLAN_FLOW = workflow.register_flow(
    Flow(
        CallbackPlan.DOC_TYPE,
        "回访计划",
        (
            Node(
                "head",
                "客户服务部负责人审批",
                (Approver.dept_head(),),
                name_en="Customer-service head's approval",
            ),
        ),
        separate_duties=True,
        rule="C2",
        name_en="Callback plan",
    )
)
documents.register(CallbackPlan)


@dataclass(frozen=True)
class ScheduleInput:
    staff: User
    method: Method | str


def _refuse(zh: str, en: str, field: str, rule: str = "C2") -> RuleViolation:
    return RuleViolation(rule, zh, en, field=field)


def _check(
    window_from: date,
    window_to: date,
    content_type: str,
    focus: str,
    cadence: str,
    target: str,
    methods: Sequence[str],
    questions: Sequence[str],
    schedule: Sequence[ScheduleInput],
    customers: Sequence[Customer],
) -> None:
    if window_to < window_from:
        raise _refuse(
            "回访时间段的结束不能早于开始", "the window ends before it starts", "window_to"
        )
    if content_type not in ContentType.__members__.values():
        raise _refuse("请选择回访内容（C5 类别）", "choose the content type (C5)", "content_type")
    if not clean(focus):
        raise _refuse("回访计划须写明工作重点", "a plan states its focus", "focus")
    if not [q for q in questions if clean(q)]:
        raise _refuse(
            "回访计划须有回访提纲（至少一个问题）", "a plan needs an outline", "questions"
        )
    if cadence == Cadence.AGE and target != Target.ORDINARY:
        raise _refuse(
            "按交付时间的频次只适用于一般客户；重要客户按其自己的计划回访",
            "the by-age cadence is for ordinary customers; important ones have their own plan",
            "cadence",
            "C9",
        )
    if target == Target.LISTED and not customers:
        raise _refuse(
            "指定客户的计划须列出目标客户", "a listed plan names its customers", "targets"
        )
    if not methods or len(set(methods)) != len(methods):
        raise _refuse(
            "请给出回访方式的顺序（不重复），如 电话→上门→网上问卷",
            "give the chain of methods, each once",
            "method_chain",
            "C4",
        )
    for code in methods:
        method = Method(code)
        people = [s.staff for s in schedule if Method(s.method) == method]
        if not people:
            raise _refuse(
                f"日程安排中没有人负责{method.label}",
                f"the schedule names nobody for {method}",
                "schedule",
            )
        for person in people:
            if not person.has_role(method.role):
                raise _refuse(
                    f"{person.name} 不是{method.role.label}岗，不能负责{method.label}",
                    f"{person.name} is not {method.role.label_en}: cannot do {method.value}",
                    "schedule",
                    "C3",
                )


class PlanFields(TypedDict):
    """What a plan is made of, as ``create_plan`` and ``update_plan`` both take it: the
    keywords declared once, so a draft and an edit can never ask for different things."""

    title: str
    window_from: date
    window_to: date
    content_type: ContentType | str
    focus: str
    cadence: Cadence | str
    target: Target | str
    method_chain: Sequence[Method | str]
    questions: Sequence[str]
    schedule: Sequence[ScheduleInput]
    customers: NotRequired[Sequence[Customer]]


def _checked(actor: User, fields: PlanFields) -> tuple[User, dict[str, Any]]:
    """The checks a plan passes whether it is drafted or edited (C2, C3, C4, C5, C9): one
    place, so a returned plan cannot be edited into what a new one could not be. Returns the
    author and the plan's own columns as they are stored."""
    require_role(actor, *PLAN_ROLES)
    person = require_person(actor, "制定回访计划", "a callback plan")
    methods = [Method(m).value for m in fields["method_chain"]]
    content, cadence, target = (
        fields["content_type"],
        Cadence(fields["cadence"]),
        Target(fields["target"]),
    )
    _check(
        fields["window_from"],
        fields["window_to"],
        str(content),
        fields["focus"],
        cadence,
        target,
        methods,
        fields["questions"],
        fields["schedule"],
        fields.get("customers", ()),
    )
    if person.department_id is None:
        raise _refuse("制定人须属于客户服务部门", "the author needs a department", "department")
    columns = {
        "title": clean(fields["title"]) or f"{ContentType(content).label}计划",
        "window_from": fields["window_from"],
        "window_to": fields["window_to"],
        "content_type": ContentType(content),
        "focus": clean(fields["focus"]),
        "cadence": cadence,
        "target": target,
        "method_chain": ",".join(methods),
    }
    return person, columns


def _write_lines(plan: CallbackPlan, fields: PlanFields) -> None:
    """The outline, the schedule and the listed customers, written afresh (an edit deletes
    the old ones first): the one place a plan's lines are written."""
    for table in (PlanQuestion, PlanSchedule, PlanTarget):
        table.delete().where(table.plan == plan.id).execute()
    texts = [clean(q) for q in fields["questions"] if clean(q)]
    for order, text in enumerate(texts, 1):
        PlanQuestion.create(plan=plan, order=order, text=text)
    for row in {(r.staff.id, Method(r.method)): r for r in fields["schedule"]}.values():
        PlanSchedule.create(plan=plan, staff=row.staff, method=Method(row.method))
    for customer in {c.id: c for c in fields.get("customers", ())}.values():
        PlanTarget.create(plan=plan, customer=customer)


def create_plan(
    actor: User, *, at: datetime | None = None, **fields: Unpack[PlanFields]
) -> CallbackPlan:
    """C2: 客服管理 drafts a plan with its outline and schedule (draft until sent)."""
    at = at or now()
    with db.atomic():
        person, columns = _checked(actor, fields)
        plan = CallbackPlan.create(
            number=next_number("HF", at.year),
            department=person.department_id,
            prepared_by=person,
            prepared_at=at,
            **columns,
        )
        _write_lines(plan, fields)
        window = f"{columns['window_from']}–{columns['window_to']}"
        changes = {"window": (None, window), "cadence": (None, columns["cadence"])}
        audit.record(actor, "callback_plan", plan.id, "create", changes)
        return plan


def plan_lines(plan: CallbackPlan) -> tuple[list[str], list[ScheduleInput], list[Customer]]:
    """The outline, the schedule and the listed customers of ``plan``, as ``create_plan``
    takes them (the edit dialog is filled from these)."""
    questions = [q.text for q in plan.questions.order_by(PlanQuestion.order)]
    schedule = [
        ScheduleInput(s.staff, Method(s.method)) for s in plan.schedule.order_by(PlanSchedule.id)
    ]
    customers = [t.customer for t in plan.targets.order_by(PlanTarget.id)]
    return questions, schedule, customers


def _summary(plan: CallbackPlan) -> dict[str, str]:
    """What the audit compares, old against new, when a plan is edited."""
    questions, schedule, customers = plan_lines(plan)
    return {
        "title": plan.title,
        "window": f"{plan.window_from}–{plan.window_to}",
        "content_type": plan.content_type,
        "focus": plan.focus,
        "cadence": plan.cadence,
        "target": plan.target,
        "method_chain": plan.method_chain,
        "questions": "；".join(questions),
        "schedule": "、".join(sorted(f"{s.staff.username}:{s.method}" for s in schedule)),
        "targets": "、".join(sorted(c.number for c in customers)),
    }


@retry_document
def update_plan(actor: User, plan: CallbackPlan, **fields: Unpack[PlanFields]) -> CallbackPlan:
    """C2: a draft or returned (已退回) plan is edited before it is sent again, with the
    same checks as a new one; once sent it is frozen (the head approves what was sent).
    ``plan`` is the object the user saw: a plan changed since is refused (``Conflict``)."""
    with db.atomic():
        _person, columns = _checked(actor, fields)
        plan = CallbackPlan.begin(actor, plan, "edit")
        before = _summary(plan)
        _write_lines(plan, fields)
        guarded_update(plan, plan.version, **columns)
        plan = CallbackPlan.get_by_id(plan.id)
        after = _summary(plan)
        changes = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        audit.record(actor, "callback_plan", plan.id, "update", changes)
        return plan


@retry_document
def submit_plan(actor: User, plan: CallbackPlan, *, at: datetime | None = None) -> CallbackPlan:
    """报批: to the head of the department that made it (C2); a returned plan goes again."""
    at = at or now()
    with db.atomic():
        require_role(actor, *PLAN_ROLES)
        plan = CallbackPlan.begin(actor, plan, "submit")
        fields = {"window": f"{plan.window_from}–{plan.window_to}", "cadence": plan.cadence}
        documents.send_for_approval(
            actor, plan, fields=fields, pending=P.PENDING, returned=P.RETURNED, at=at
        )
        audit.record(actor, "callback_plan", plan.id, "submit")
        return CallbackPlan.get_by_id(plan.id)


@retry_document
def approve_plan(
    actor: User, plan: CallbackPlan, comment: str = "", *, at: datetime | None = None
) -> CallbackPlan:
    """客户服务部负责人审批 (C2). The engine checks the head and refuses self-approval (X1)."""
    return documents.approve(actor, plan, "approve", comment or "同意", at=at)


@retry_document
def reject_plan(
    actor: User, plan: CallbackPlan, comment: str, *, at: datetime | None = None
) -> CallbackPlan:
    return documents.reject(actor, plan, comment, at=at)


@retry_document
def return_plan(
    actor: User, plan: CallbackPlan, comment: str, *, at: datetime | None = None
) -> CallbackPlan:
    return documents.return_to_applicant(actor, plan, comment, at=at)


def staff_for(plan: CallbackPlan, method: Method | str) -> list[int]:
    """The ids of the people the schedule names for ``method``, in a fixed order."""
    return [
        s.staff_id
        for s in PlanSchedule.select()
        .where((PlanSchedule.plan == plan.id) & (PlanSchedule.method == Method(method)))
        .order_by(PlanSchedule.id)
    ]
