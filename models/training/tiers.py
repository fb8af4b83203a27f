"""分层培训方案 (T1): each tier's goals and plan for a school year, with the hours and credits
it requires, approved by the main leader (校长) on the approval engine, document type
``training_plan``. One plan per tier and school year (unique)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

import peewee

from models import audit, documents, numbers, workflow
from models.base import guarded_update, now
from models.db import db, retry_document
from models.documents import PLAN_OUTCOMES, Document, PlanState, transition
from models.errors import RuleViolation
from models.people import Actor, Role, User, require_person, require_role
from models.text import clean
from models.training.teachers import MANAGERS, Tier, school_year, tier_from
from models.workflow import Approver, Flow, Instance, Node, State

P = PlanState
EDITABLE = (P.DRAFT, P.RETURNED, P.REJECTED, P.WITHDRAWN)

HOURS = {"max_digits": 7, "decimal_places": 1}


class TierPlan(Document):
    """A tier's yearly goals and plan (T1), approved by the main leader."""

    DOC_TYPE = "training_plan"
    STATES = PlanState
    OUTCOMES: ClassVar[Mapping[State, str]] = PLAN_OUTCOMES
    TRANSITIONS = (
        transition(
            "edit",
            EDITABLE,
            roles=MANAGERS,
            rule="T1",
            zh="分层培训方案{state}，不能修改",
            en="the tier plan is {state}; it cannot change",
        ),
        transition(
            "submit",
            EDITABLE,
            roles=MANAGERS,
            rule="T1",
            zh="分层培训方案{state}，不能报批",
            en="the tier plan is {state}",
        ),
        transition(
            "approve",
            [P.PENDING],
            nodes=["leader"],
            rule="T1",
            zh="分层培训方案不在审批中",
            en="the tier plan is not awaiting approval",
        ),
        transition("reject", [P.PENDING], nodes=["leader"], rule="T1"),
        transition("return", [P.PENDING], nodes=["leader"]),
        transition("withdraw", [P.PENDING, P.RETURNED], engine="withdraw"),
    )

    tier = peewee.CharField(max_length=10)
    school_year = peewee.CharField(max_length=9)
    goals = peewee.TextField(verbose_name="培训目标")
    plan = peewee.TextField(verbose_name="培训计划")
    required_hours = peewee.DecimalField(**HOURS, verbose_name="应修学时")
    required_credits = peewee.DecimalField(**HOURS, verbose_name="应得学分")
    state = peewee.CharField(max_length=12, default=P.DRAFT, index=True)
    prepared_by = peewee.ForeignKeyField(User)
    prepared_at = peewee.DateTimeField()
    submitted_at = peewee.DateTimeField(null=True)
    approved_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("tier", "school_year"), True),)

    @property
    def title(self) -> str:
        return f"{self.school_year}学年{Tier(self.tier).label}培训方案"

    def approval_title(self) -> tuple[str, str]:
        tier_en = {Tier.YOUNG: "young", Tier.BACKBONE: "backbone", Tier.MASTER: "master"}
        return (
            self.title,
            f"Training plan for {tier_en[Tier(self.tier)]} teachers, {self.school_year}",
        )

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        return {"approved_at": inst.finished_at or now()} if state == State.APPROVED else {}


TIER_PLAN_FLOW = workflow.register_flow(
    Flow(
        TierPlan.DOC_TYPE,
        "分层培训方案",
        (
            Node(
                "leader",
                "主要领导（校长）审批",
                (Approver.role(Role.LEADER),),
                name_en="Head teacher's approval",
            ),
        ),
        separate_duties=True,
        rule="T1",
        name_en="Tier training plan",
    )
)
documents.register(TierPlan)


def _plan_fields(goals: str, plan: str, hours: Any, credits: Any) -> dict[str, Any]:
    goals, plan = clean(goals), clean(plan)
    if not goals or not plan:
        raise RuleViolation(
            "T1",
            "分层培训方案须写明培训目标和培训计划",
            "a tier plan needs its goals and its plan",
            field="goals" if not goals else "plan",
        )
    return {
        "goals": goals,
        "plan": plan,
        "required_hours": numbers.decimal(
            hours, "应修学时", "the required hours", field="required_hours", places=1, rule="T1"
        ),
        "required_credits": numbers.decimal(
            credits,
            "应得学分",
            "the required credits",
            field="required_credits",
            places=1,
            rule="T1",
        ),
    }


def create_tier_plan(
    actor: User,
    tier: Tier | str,
    year: str,
    *,
    goals: str,
    plan: str,
    required_hours: Decimal | str | int,
    required_credits: Decimal | str | int,
    at: datetime | None = None,
) -> TierPlan:
    """培训办 drafts a tier's plan for a school year (T1); one per tier and year."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        author = require_person(actor, "编制分层培训方案", "drafting a tier plan")
        tier, year = tier_from(tier), school_year(year)
        fields = _plan_fields(goals, plan, required_hours, required_credits)
        exists = TierPlan.select().where(
            (TierPlan.tier == tier.value) & (TierPlan.school_year == year)
        )
        if exists.exists():
            raise RuleViolation(
                "T1",
                f"{year}学年{tier.label}的培训方案已有一份，请修改那一份",
                f"{year} already has a plan for {tier.value}; change that one",
            )
        return audit.create(
            actor,
            TierPlan,
            tier=tier.value,
            school_year=year,
            prepared_by=author,
            prepared_at=at or now(),
            **fields,
        )


def update_tier_plan(
    actor: User,
    plan: TierPlan,
    *,
    goals: str,
    plan_text: str,
    required_hours: Decimal | str | int,
    required_credits: Decimal | str | int,
) -> TierPlan:
    """Rewrite a plan not yet sent or sent back (T1): what the leader approves is frozen."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        fields = _plan_fields(goals, plan_text, required_hours, required_credits)
        doc = TierPlan.begin(actor, plan, "edit")
        diff = {k: (getattr(doc, k), v) for k, v in fields.items() if getattr(doc, k) != v}
        guarded_update(doc, doc.version, **fields)
        audit.record(actor, "tier_plan", doc.id, "update", diff)
        return doc


@retry_document
def submit_tier_plan(actor: User, plan: TierPlan, *, at: datetime | None = None) -> TierPlan:
    """报批: send the plan to the main leader (T1)."""
    at = at or now()
    with db.atomic():
        require_role(actor, *MANAGERS)
        doc = TierPlan.begin(actor, plan, "submit")
        fields = {
            "required_hours": str(doc.required_hours),
            "required_credits": str(doc.required_credits),
        }
        documents.send_for_approval(
            actor, doc, fields=fields, pending=P.PENDING, returned=P.RETURNED, at=at
        )
        audit.record(actor, "tier_plan", doc.id, "submit")
        return TierPlan.get_by_id(doc.id)


@retry_document
def approve_tier_plan(
    actor: User, plan: TierPlan, comment: str = "", *, at: datetime | None = None
) -> TierPlan:
    """主要领导（校长）审批 (T1). The engine checks the role and refuses self-approval (X1)."""
    return documents.approve(actor, plan, "approve", comment or "同意", at=at)


def approved_plan(tier: Tier | str, year: str) -> TierPlan | None:
    """The approved plan of a tier and year (its required hours and credits), if any."""
    return (
        TierPlan.select()
        .where(
            (TierPlan.tier == tier_from(tier).value)
            & (TierPlan.school_year == school_year(year))
            & (TierPlan.state == P.APPROVED)
        )
        .first()
    )
