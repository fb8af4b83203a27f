"""办公用品领用: the department's 申请批准单 and the issue from the store (S6).

    a member of a 科室/中队 lists items × quantities (申请批准单)
    → 科室负责人 approves (skipped when the head applies for the department)
    → 后勤核对: logistics checks and registers it, approving each line in full, in part or
      not at all (approve 2 of the 3 asked), with the reason for any cut
    → logistics prepares and issues the items; who received them is recorded; each line is
      a 出库 movement charged to the department (S8).

The issue locks the requisition row and then the item rows in ascending id order: a second
click on the same slip finds it issued, and two clerks issuing the last units of an item at
the same moment are serialised on the item row, so one of them is refused and stock never
goes below zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, documents, workflow
from models.base import BaseModel, guarded_update, now
from models.db import db, retry_document, retry_on_lock_conflict
from models.documents import Document, transition
from models.errors import RuleViolation, RuleWarning, warn_unless
from models.numbering import next_number
from models.people import (
    Actor,
    Department,
    Role,
    User,
    require_active,
    require_person,
    require_role,
)
from models.prepared import Prepared
from models.supplies.stock import (
    STORE_ROLES,
    Item,
    MovementKind,
    _post_movement,
    lock_items,
    positive_int,
)
from models.text import clean, is_blank
from models.workflow import Approver, Flow, Instance, Node, State


class RequisitionState(StrEnum):
    PENDING = "pending"
    RETURNED = "returned"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    APPROVED = "approved"
    ISSUED = "issued"

    @property
    def label(self) -> str:
        return {
            "pending": "审批中",
            "returned": "已退回",
            "rejected": "未批准",
            "withdrawn": "已撤回",
            "approved": "待发放",
            "issued": "已发放",
        }[self.value]


def _is_applicant(user: User, req: Requisition) -> bool:
    return user.id == req.applicant_id


def _may_bring_back(user: User, req: Requisition) -> bool:
    """退库 is offered to a member of the department that received the goods while some of
    them are not back yet (the verb checks both again, with their own messages)."""
    from models.supplies.stock_returns import returnable_to_store

    if user.department_id != req.department_id:
        return False
    return any(returnable_to_store(line) > 0 for line in req.lines)


R = RequisitionState


class Requisition(Document):
    """申请批准单, document type ``supplies_requisition`` (S6)."""

    DOC_TYPE = "supplies_requisition"
    DECIDING_DEPARTMENT = "department"
    STATES = RequisitionState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: R.APPROVED,
        State.REJECTED: R.REJECTED,
        State.RETURNED: R.RETURNED,
        State.WITHDRAWN: R.WITHDRAWN,
        State.CLOSED: R.WITHDRAWN,
    }
    TRANSITIONS = (
        transition(
            "head_approve",
            [R.PENDING],
            nodes=["head"],
            rule="S6",
            zh="申请不在科室负责人审批环节",
            en="the requisition is not at the head's step",
        ),
        transition(
            "check",
            [R.PENDING],
            nodes=["check"],
            roles=STORE_ROLES,
            rule="S6",
            zh="申请不在后勤核对环节",
            en="the requisition is not at the logistics check",
        ),
        transition("reject", [R.PENDING], nodes=["head", "check"]),
        transition("return", [R.PENDING], nodes=["head", "check"]),
        transition("withdraw", [R.PENDING, R.RETURNED], engine="withdraw"),
        transition("urge", [R.PENDING], engine="urge"),
        transition(
            "resubmit",
            [R.RETURNED],
            who=_is_applicant,
            rule="S6",
            zh="只有被退回的申请可以重新提交",
            en="only a returned requisition is resubmitted",
            who_zh="只有申请人本人可以重新提交",
            who_en="only the applicant may resubmit",
        ),
        transition(
            "issue",
            [R.APPROVED],
            roles=STORE_ROLES,
            rule="S6",
            zh="申请批准单{state}，不能发放",
            en="the requisition is {state}; it cannot be issued",
        ),
        transition(
            "return_goods",
            [R.ISSUED],
            rule="S7",
            zh="申请批准单{state}，没有可退库的物品",
            en="the requisition is {state}; only issued goods come back",
            guard=_may_bring_back,
        ),
        transition("print"),
    )

    number = peewee.CharField(max_length=20, unique=True)  # LY2026-0001
    department = peewee.ForeignKeyField(Department, backref="requisitions")
    applicant = peewee.ForeignKeyField(User)
    purpose = peewee.TextField(default="")
    state = peewee.CharField(max_length=12, default=RequisitionState.PENDING, index=True)
    submitted_at = peewee.DateTimeField(index=True)
    checked_by = peewee.ForeignKeyField(User, null=True)
    checked_at = peewee.DateTimeField(null=True)
    check_comment = peewee.TextField(default="")
    issued_by = peewee.ForeignKeyField(User, null=True)
    issued_at = peewee.DateTimeField(null=True, index=True)
    receiver = peewee.ForeignKeyField(User, null=True)
    receiver_name = peewee.CharField(max_length=64, default="")

    def approval_title(self) -> tuple[str, str]:
        dept = self.department.name
        return (f"{dept} 办公用品申请 {self.number}", f"{dept} supplies requisition {self.number}")

    def line_rows(self) -> list[RequisitionLine]:
        """``self.lines`` read through a text rendered once (every step reads them)."""
        return _LINES.rows(self.id)

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        if state == State.APPROVED:
            # A logistics officer who also heads the department is approved automatically at
            # the check (审批人去重): he approved the slip as asked.
            RequisitionLine.update(approved=RequisitionLine.requested).where(
                (RequisitionLine.requisition == self.id) & RequisitionLine.approved.is_null()
            ).execute()
        return {}


class RequisitionLine(BaseModel):
    requisition = peewee.ForeignKeyField(Requisition, backref="lines")
    item = peewee.ForeignKeyField(Item)
    requested = peewee.IntegerField()
    approved = peewee.IntegerField(null=True)  # set by 后勤核对
    issued = peewee.IntegerField(default=0)
    note = peewee.CharField(max_length=200, default="")

    class Meta:
        indexes = ((("requisition", "item"), True),)


REQUISITION_TABLES = [Requisition, RequisitionLine]

# What every step of a requisition reads or writes of its lines: rendered once
# (``models.prepared``; the values set are numbers, no text the row checks must see).
_LINES = Prepared(lambda req: RequisitionLine.select().where(RequisitionLine.requisition == req))
_SET_APPROVED = Prepared(
    lambda qty, line: RequisitionLine.update(
        {RequisitionLine.approved: qty.to(RequisitionLine.approved)}
    ).where(RequisitionLine.id == line)
)
_SET_ISSUED = Prepared(
    lambda qty, line: RequisitionLine.update(
        {RequisitionLine.issued: qty.to(RequisitionLine.issued)}
    ).where(RequisitionLine.id == line)
)
_UNDECIDED = Prepared(
    lambda req: (
        RequisitionLine.select(RequisitionLine.id)
        .where((RequisitionLine.requisition == req) & RequisitionLine.approved.is_null())
        .limit(1)
    )
)

REQUISITION_FLOW = workflow.register_flow(
    Flow(
        Requisition.DOC_TYPE,
        "办公用品申请批准单",
        (
            Node(
                "head",
                "科室负责人审批",
                (Approver.dept_head(),),
                skip_if_applicant=True,
                name_en="Department head's approval",
            ),
            Node("check", "后勤核对", (Approver.role(Role.LOGISTICS),), name_en="Logistics check"),
        ),
        separate_duties=True,
        rule="S6",
        name_en="Office supplies requisition",
    )
)
documents.register(Requisition)


@dataclass(frozen=True)
class RequisitionLineInput:
    item: Item
    quantity: int
    note: str = ""


@dataclass(frozen=True)
class Shortfall:
    """A line asking more than the store holds now: a warning before submitting, never a
    refusal (goods may arrive before the slip is issued, S6)."""

    item: Item
    asked: int
    on_hand: int


def stock_now(lines: Sequence[RequisitionLineInput]) -> dict[int, int]:
    """The stock of each item of ``lines`` as it is now, by item id (read fresh, in one
    query: the item a dialog holds may be minutes old)."""
    ids = [line.item.id for line in lines]
    return dict(Item.select(Item.id, Item.on_hand).where(Item.id.in_(ids)).tuples())


def stock_shortfalls(
    lines: Sequence[RequisitionLineInput], stock: dict[int, int] | None = None
) -> list[Shortfall]:
    """The lines of ``lines`` asking more than their item's stock as it is now
    (``stock_now``, unless the caller read it already)."""
    stock = stock_now(lines) if stock is None else stock
    return [
        Shortfall(line.item, int(line.quantity), stock.get(line.item.id, 0))
        for line in lines
        if int(line.quantity) > stock.get(line.item.id, 0)
    ]


def _check_lines(lines: Sequence[RequisitionLineInput]) -> None:
    if not lines:
        raise RuleViolation("S6", "申请批准单至少需要一项", "a requisition needs a line")
    seen: set[int] = set()
    for line in lines:
        positive_int(line.quantity, f"「{line.item.name}」的申领数量", "a requested quantity")
        if line.item.id in seen:
            raise RuleViolation(
                "S6",
                f"「{line.item.name}」重复，请合并为一行",
                f"{line.item.code} appears twice",
                field="lines",
            )
        seen.add(line.item.id)
        if Item.get_by_id(line.item.id).is_voided:
            raise RuleViolation("S1", f"「{line.item.name}」已停用", f"{line.item.code} is voided")


def _write_lines(req: Requisition, lines: Sequence[RequisitionLineInput]) -> None:
    for line in lines:
        RequisitionLine.create(
            requisition=req, item=line.item.id, requested=int(line.quantity), note=line.note
        )


@retry_document
def submit_requisition(
    actor: User,
    *,
    lines: Sequence[RequisitionLineInput],
    purpose: str = "",
    department: Department | None = None,
    at: datetime | None = None,
) -> Requisition:
    """S6: a member of a 科室/中队 submits the department's 申请批准单."""
    at = at or now()
    person = require_person(actor, "提交申请批准单", "a requisition")
    with db.atomic():
        require_active(actor)
        _check_lines(lines)
        department = department or person.department
        if department is None or person.department_id != department.id:
            raise RuleViolation(
                "S6",
                "申请批准单由本科室（中队）人员提交",
                "a requisition is submitted by a member of the requesting department",
                field="department",
            )
        req = Requisition.create(
            number=next_number("LY", at.year),
            department=department,
            applicant=actor,
            purpose=clean(purpose),
            submitted_at=at,
        )
        _write_lines(req, lines)
        audit.record(actor, "requisition", req.id, "create", {"lines": (None, len(lines))})
        workflow.submit(
            actor,
            REQUISITION_FLOW.doc_type,
            title=req.approval_title()[0],
            doc_id=req.id,
            fields={"lines": len(lines)},
            at=at,
        )
        return Requisition.get_by_id(req.id)


@retry_document
def resubmit_requisition(
    actor: User,
    requisition: Requisition,
    *,
    lines: Sequence[RequisitionLineInput] | None = None,
    purpose: str | None = None,
    at: datetime | None = None,
) -> Requisition:
    """After 退回 the applicant corrects the slip and sends it again; earlier check results
    are cleared because the flow starts over."""
    at = at or now()
    if lines is not None:
        _check_lines(lines)
    with db.atomic():
        req = Requisition.begin(actor, requisition, "resubmit")
        if lines is not None:
            RequisitionLine.delete().where(RequisitionLine.requisition == req.id).execute()
            _write_lines(req, lines)
        else:
            RequisitionLine.update(approved=None).where(
                RequisitionLine.requisition == req.id
            ).execute()
        changes: dict[str, object] = {"state": RequisitionState.PENDING}
        if purpose is not None:
            changes["purpose"] = clean(purpose)
        guarded_update(req, req.version, **changes)
        workflow.resubmit(actor, req.instance().id, at=at)
        return Requisition.get_by_id(req.id)


@retry_document
def head_approve(
    actor: User, requisition: Requisition, comment: str = "", *, at: datetime | None = None
) -> Requisition:
    """科室负责人审批 (the engine checks that ``actor`` heads the department, X1)."""
    return documents.approve(actor, requisition, "head_approve", comment or "同意", at=at)


@retry_document
def check_requisition(
    actor: User,
    requisition: Requisition,
    *,
    approved: Mapping[int, int],
    comment: str = "",
    acknowledged: frozenset[str] | set[str] | None = None,
    at: datetime | None = None,
) -> Requisition:
    """后勤核对 (S6): logistics decides every line, by line id, between 0 and the quantity
    asked; any cut needs a comment. Approving more than is in stock now is a warning (goods
    may arrive before the issue), never a refusal; the issue itself is what cannot go below
    zero."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        req = Requisition.begin(actor, requisition, "check")
        inst = req.instance()
        lines = req.line_rows()
        ids = {ln.id for ln in lines}
        if set(approved) != ids:
            raise RuleViolation(
                "S6",
                "请逐项核定每一项的批准数量",
                "decide the approved quantity of every line",
                field="approved",
            )
        cut = False
        for line in lines:
            qty = int(approved[line.id])
            if not 0 <= qty <= line.requested:
                raise RuleViolation(
                    "S6",
                    f"「{line.item.name}」批准数量应在 0 至 {line.requested} 之间",
                    f"{line.item.code}: approve between 0 and {line.requested}",
                    field="approved",
                )
            cut = cut or qty < line.requested
        if not any(approved.values()):
            raise RuleViolation("S6", "全部核减为0，请直接驳回", "nothing approved: reject instead")
        if cut and is_blank(comment):
            raise RuleViolation(
                "S6",
                "核减数量须写明原因",
                "give the reason for approving less than asked",
                field="comment",
            )
        short = [ln.item for ln in lines if approved[ln.id] > Item.get_by_id(ln.item_id).on_hand]
        if short:
            warn_unless(
                acknowledged,
                RuleWarning(
                    "supplies.short_stock",
                    "S6",
                    f"「{'、'.join(i.name for i in short)}」现有库存不足批准数量，需到货后方能发放",
                    "stock is short of the approved quantity now; issue after goods arrive",
                ),
            )
        for line in lines:
            _SET_APPROVED.rowcount(int(approved[line.id]), line.id)
        guarded_update(
            req, req.version, checked_by=actor, checked_at=at, check_comment=clean(comment)
        )
        audit.record(
            actor,
            "requisition",
            req.id,
            "check",
            {str(ln.item_id): (ln.requested, int(approved[ln.id])) for ln in lines},
        )
        workflow.approve(actor, inst.id, clean(comment) or "核对无误", at=at)
        return Requisition.get_by_id(req.id)


@workflow.before_approve(REQUISITION_FLOW.doc_type)
def _requisition_guard(inst: Instance, node: Node, actor: Actor) -> None:
    if node.key != "check":
        return
    if _UNDECIDED.first(inst.doc_id) is not None:
        raise RuleViolation(
            "S6",
            "后勤须逐项核定批准数量（请在办公用品页面核对）",
            "logistics decides each line's quantity first",
        )


@retry_on_lock_conflict("相同的物品", "the same items")
def issue_requisition(
    actor: User,
    requisition: Requisition,
    *,
    receiver: User,
    quantities: Mapping[int, int] | None = None,
    at: datetime | None = None,
) -> Requisition:
    """发放 (S6): logistics hands over the approved items (or less, by line id, when the
    store has less; the remainder is not owed) to a member of the department, recorded as
    the receiver. Each line is a 出库 movement; stock never goes below zero, also when two
    clerks issue the last units at once."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        req = Requisition.begin(actor, requisition, "issue")
        receiver = User.get_by_id(receiver.id)
        if receiver.is_voided or receiver.department_id != req.department_id:
            raise RuleViolation(
                "S6",
                f"领用人须为{req.department.name}的在职人员",
                "the receiver is a member of the requesting department",
                field="receiver",
            )
        lines = {ln.id: ln for ln in req.line_rows()}
        wanted: dict[int, int] = {}
        for line_id, line in lines.items():
            qty = line.approved or 0
            if quantities is not None:
                qty = int(quantities.get(line_id, 0))
                if not 0 <= qty <= (line.approved or 0):
                    raise RuleViolation(
                        "S6",
                        f"「{line.item.name}」发放数量不能超过批准数量 {line.approved}",
                        f"{line.item.code}: issue at most the approved {line.approved}",
                        field="quantity",
                    )
            if qty:
                wanted[line_id] = qty
        unknown = set(quantities or {}) - set(lines)
        if unknown:
            raise RuleViolation(None, "发放项目不属于该申请", "a line is not on this slip")
        if not wanted:
            raise RuleViolation("S6", "没有可发放的物品", "nothing to issue", field="quantity")
        locked = lock_items(lines[i].item_id for i in wanted)
        for line_id in sorted(wanted, key=lambda i: lines[i].item_id):
            line, qty = lines[line_id], wanted[line_id]
            _post_movement(
                actor,
                locked[line.item_id],
                MovementKind.ISSUE,
                -qty,
                reason=f"{req.department.name}领用（{req.purpose or '办公用'}）",
                at=at,
                doc_type="requisition",
                doc_id=req.id,
                doc_number=req.number,
                department=req.department_id,
                receiver=receiver.name,
                rule="S6",
            )
            _SET_ISSUED.rowcount(qty, line_id)
        guarded_update(
            req,
            req.version,
            state=RequisitionState.ISSUED,
            issued_by=actor,
            issued_at=at,
            receiver=receiver,
            receiver_name=receiver.name,
        )
        audit.record(
            actor,
            "requisition",
            req.id,
            "issue",
            {"receiver": (None, receiver.name), "lines": (None, len(wanted))},
        )
        return req


def awaiting_issue() -> peewee.ModelSelect:
    """待发放: approved slips, oldest first (the store's work list)."""
    return (
        Requisition.select(Requisition, Department)
        .join(Department)
        .where(Requisition.state == RequisitionState.APPROVED)
        .order_by(Requisition.submitted_at, Requisition.id)
    )


def department_requisitions(department: Department) -> peewee.ModelSelect:
    """A department's slips, newest first."""
    return (
        Requisition.select()
        .where(Requisition.department == department.id)
        .order_by(Requisition.id.desc())
    )
