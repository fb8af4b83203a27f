"""办公用品采购计划 (S4): the quarterly plan of items, quantities and estimated prices, approved by
the main leader on the approval engine before anything is bought (报批审核制); its amounts
are frozen once it is sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

import peewee

from models import audit, documents, numbers, workflow
from models.base import BaseModel, guarded_update, now
from models.db import db, retry_document
from models.documents import PLAN_OUTCOMES, Document, PlanState, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Role, User, require_role
from models.periods import quarter_bounds
from models.supplies.stock import (
    CENT,
    MONEY,
    STORE_ROLES,
    Item,
    positive_int,
)
from models.text import clean
from models.workflow import Approver, Flow, Instance, Node, State

# --- plans -------------------------------------------------------------------------------


EDITABLE_PLAN = (PlanState.DRAFT, PlanState.RETURNED)


P = PlanState


def default_plan_title(year: int, quarter: int) -> str:
    """A plan's title when its author gave none."""
    return f"{year}年第{quarter}季度办公用品采购计划"


class PurchasePlan(Document):
    """采购计划, document type ``supplies_plan`` (S4): approved by the main leader before
    anything is bought; its amounts are frozen once it is sent."""

    DOC_TYPE = "supplies_plan"
    STATES = PlanState
    OUTCOMES: ClassVar[Mapping[State, str]] = PLAN_OUTCOMES
    TRANSITIONS = (
        transition(
            "edit",
            EDITABLE_PLAN,
            roles=STORE_ROLES,
            rule="S4",
            zh="采购计划{state}，不能修改",
            en="the plan is {state}; it cannot change",
        ),
        transition(
            "submit",
            EDITABLE_PLAN,
            roles=STORE_ROLES,
            rule="S4",
            zh="采购计划{state}，不能报批",
            en="the plan is {state}",
        ),
        transition(
            "approve",
            [P.PENDING],
            nodes=["leader"],
            rule="S4",
            zh="采购计划不在审批中",
            en="the plan is not awaiting approval",
        ),
        transition(
            "reject",
            [P.PENDING],
            nodes=["leader"],
            rule="S4",
            zh="采购计划不在审批中",
            en="the plan is not awaiting approval",
        ),
        transition("return", [P.PENDING], nodes=["leader"]),
        transition("withdraw", [P.PENDING, P.RETURNED], engine="withdraw"),
        transition("order", [P.APPROVED], roles=STORE_ROLES),
    )

    number = peewee.CharField(max_length=20, unique=True)  # JH2026-0001
    year = peewee.IntegerField()
    quarter = peewee.IntegerField()
    title = peewee.CharField(max_length=200)
    note = peewee.TextField(default="")
    state = peewee.CharField(max_length=12, default=PlanState.DRAFT, index=True)
    prepared_by = peewee.ForeignKeyField(User)
    prepared_at = peewee.DateTimeField()
    submitted_at = peewee.DateTimeField(null=True)
    approved_at = peewee.DateTimeField(null=True)
    total = peewee.DecimalField(**MONEY, default=Decimal("0"))

    class Meta:
        indexes = ((("year", "quarter"), False),)

    @property
    def period(self) -> str:
        return f"{self.year}Q{self.quarter}"

    def approval_title(self) -> tuple[str, str]:
        default = default_plan_title(self.year, self.quarter)
        title_en = f"Office supplies purchase plan {self.year} Q{self.quarter}"
        en = title_en if self.title == default else self.title
        return (
            f"{self.title}（{self.number}，合计 ¥{self.total}）",
            f"{en} ({self.number}, total ¥{self.total})",
        )

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        return {"approved_at": inst.finished_at or now()} if state == State.APPROVED else {}


class PlanLine(BaseModel):
    plan = peewee.ForeignKeyField(PurchasePlan, backref="lines")
    item = peewee.ForeignKeyField(Item)
    quantity = peewee.IntegerField()
    unit_price = peewee.DecimalField(**MONEY)  # estimated
    budget = peewee.DecimalField(**MONEY)  # quantity × estimated price, frozen on submit
    note = peewee.CharField(max_length=200, default="")

    class Meta:
        indexes = ((("plan", "item"), True),)


PLAN_FLOW = workflow.register_flow(
    Flow(
        PurchasePlan.DOC_TYPE,
        "办公用品采购计划",
        (
            Node(
                "leader",
                "主要领导审批",
                (Approver.role(Role.LEADER),),
                name_en="Main leader's approval",
            ),
        ),
        separate_duties=True,
        rule="S4",
        name_en="Office supplies purchase plan",
    )
)
documents.register(PurchasePlan)


# --- plan use cases (S4) -----------------------------------------------------------------


@dataclass(frozen=True)
class PlanLineInput:
    item: Item
    quantity: int
    unit_price: Decimal | str | int
    note: str = ""


def _check_plan_lines(lines: Sequence[PlanLineInput]) -> None:
    if not lines:
        raise RuleViolation("S4", "采购计划至少需要一项", "a plan needs at least one line")
    seen: set[int] = set()
    for line in lines:
        positive_int(line.quantity, f"「{line.item.name}」的计划数量", "a planned quantity")
        numbers.money(line.unit_price, f"「{line.item.name}」的单价", "a price", field="unit_price")
        if line.item.id in seen:
            raise RuleViolation(
                "S4",
                f"「{line.item.name}」在计划中重复，请合并为一行",
                f"{line.item.code} appears twice; merge the lines",
                field="lines",
            )
        seen.add(line.item.id)


def _write_plan_lines(plan: PurchasePlan, lines: Sequence[PlanLineInput]) -> Decimal:
    total = Decimal("0")
    for line in lines:
        item = Item.get_by_id(line.item.id)
        if item.is_voided:
            raise RuleViolation("S1", f"「{item.name}」已作废", f"{item.code} is voided")
        price = Decimal(str(line.unit_price)).quantize(CENT)
        budget = (price * int(line.quantity)).quantize(CENT)
        PlanLine.create(
            plan=plan,
            item=item,
            quantity=int(line.quantity),
            unit_price=price,
            budget=budget,
            note=clean(line.note),
        )
        total += budget
    return total


def create_plan(
    actor: User,
    *,
    year: int,
    quarter: int,
    lines: Sequence[PlanLineInput],
    title: str = "",
    note: str = "",
    at: datetime | None = None,
) -> PurchasePlan:
    """S4: logistics drafts the quarter's 采购计划 (draft until submitted)."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        quarter_bounds(year, quarter)
        _check_plan_lines(lines)
        plan = PurchasePlan.create(
            number=next_number("JH", year),
            year=year,
            quarter=quarter,
            title=clean(title) or default_plan_title(year, quarter),
            note=clean(note),
            prepared_by=actor,
            prepared_at=at,
        )
        total = _write_plan_lines(plan, lines)
        guarded_update(plan, plan.version, total=total)
        audit.record(actor, "purchase_plan", plan.id, "create", {"total": (None, total)})
        return plan


def set_plan_lines(actor: User, plan: PurchasePlan, lines: Sequence[PlanLineInput]) -> PurchasePlan:
    """Rewrite the lines of a draft or returned plan. Once submitted the amounts are frozen
    (the leader approves what was sent)."""
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        _check_plan_lines(lines)
        plan = PurchasePlan.begin(actor, plan, "edit")
        old_total = plan.total
        PlanLine.delete().where(PlanLine.plan == plan.id).execute()
        total = _write_plan_lines(plan, lines)
        guarded_update(plan, plan.version, total=total)
        audit.record(actor, "purchase_plan", plan.id, "lines", {"total": (old_total, total)})
        return plan


@retry_document
def submit_plan(actor: User, plan: PurchasePlan, *, at: datetime | None = None) -> PurchasePlan:
    """报批: send the plan to the main leader (S4); a returned plan is sent again."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        plan = PurchasePlan.begin(actor, plan, "submit")
        fields = {"total": str(plan.total), "period": plan.period}
        documents.send_for_approval(
            actor,
            plan,
            fields=fields,
            pending=PlanState.PENDING,
            returned=PlanState.RETURNED,
            at=at,
        )
        audit.record(actor, "purchase_plan", plan.id, "submit")
        return PurchasePlan.get_by_id(plan.id)


@retry_document
def approve_plan(
    actor: User, plan: PurchasePlan, comment: str = "", *, at: datetime | None = None
) -> PurchasePlan:
    """主要领导审批 (S4). The engine checks the role and refuses self-approval (X1)."""
    return documents.approve(actor, plan, "approve", comment or "同意", at=at)


@retry_document
def reject_plan(
    actor: User, plan: PurchasePlan, comment: str, *, at: datetime | None = None
) -> PurchasePlan:
    """The main leader refuses the plan (a comment is required, X2)."""
    return documents.reject(actor, plan, comment, at=at)
