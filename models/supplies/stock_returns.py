"""退库: a department brings issued goods back to the store (S7, S8).

The regulation has logistics exchange or return goods a department found unsuitable or
damaged *after collecting them* (当下领取后发现不适用或有损坏). Those goods are in the
department, not in the store, so before they can go back to the supplier they come back:

    a member of the department that received the goods files a 退库单 against the issued
    requisition's lines, each at most what was issued less what is already returned or
    waiting to be, with the reason
    → logistics confirms it on the approval engine (one node, 后勤确认): a 退库 movement per
      line puts the units back in stock, charged back to the department (its consumption is
      netted); or refuses it with a reason
    → the goods may then be exchanged with or returned to the supplier against the original
      receipt (``models.supplies.returns``), as for goods found unsuitable in the store.

The filing locks the requisition row, so two returns of the same slip filed at once are
counted one after the other and never exceed what was issued. The confirmation locks the
return, then the item rows in ascending id order, like every other stock change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

import peewee

from models import audit, documents, numbers, workflow
from models.base import BaseModel, guarded_update, now
from models.db import db, retry_document, retry_on_lock_conflict
from models.documents import Document, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Department, Role, User, require_person, require_role
from models.supplies.requisitions import Requisition, RequisitionLine
from models.supplies.stock import (
    STORE_ROLES,
    Item,
    MovementKind,
    _post_movement,
    lock_items,
    refuse_voided,
)
from models.text import clean, is_blank
from models.workflow import Approver, Flow, Instance, Node, State


class StockReturnState(StrEnum):
    PENDING = "pending"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "pending": "待确认",
            "returned": "已退回",
            "accepted": "已退库",
            "refused": "已拒绝",
            "withdrawn": "已撤回",
        }[self.value]


K = StockReturnState
# What still counts against the issued quantity: a return waiting for logistics (or sent
# back to its filer to be corrected) reserves its units, so a second cannot claim them too.
COUNTED = (K.PENDING, K.RETURNED, K.ACCEPTED)


def _is_filer(user: User, ret: StockReturn) -> bool:
    return user.id == ret.applicant_id


class StockReturn(Document):
    """退库单, document type ``supplies_stock_return`` (S7)."""

    DOC_TYPE = "supplies_stock_return"
    DECIDING_DEPARTMENT = "department"
    STATES = StockReturnState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: K.ACCEPTED,
        State.REJECTED: K.REFUSED,
        State.RETURNED: K.RETURNED,
        State.WITHDRAWN: K.WITHDRAWN,
        State.CLOSED: K.WITHDRAWN,
    }
    TRANSITIONS = (
        transition(
            "confirm",
            [K.PENDING],
            nodes=["confirm"],
            roles=STORE_ROLES,
            rule="S7",
            zh="退库单{state}，不能确认",
            en="the return is {state}; it cannot be confirmed",
        ),
        transition(
            "reject",
            [K.PENDING],
            nodes=["confirm"],
            roles=STORE_ROLES,
            rule="S7",
            zh="退库单{state}，不能拒绝",
            en="the return is {state}; it cannot be refused",
        ),
        transition(
            "resubmit",
            [K.RETURNED],
            who=_is_filer,
            rule="S7",
            zh="只有被退回的退库单可以重新提交",
            en="only a returned return is resubmitted",
            who_zh="只有退库申请人可以重新提交",
            who_en="only who filed the return may resubmit it",
        ),
        transition(
            "withdraw",
            [K.PENDING, K.RETURNED],
            engine="withdraw",
            who=_is_filer,
            rule="S7",
            zh="退库单{state}，不能撤回",
            en="the return is {state}; it cannot be withdrawn",
            who_zh="只有退库申请人可以撤回",
            who_en="only who filed the return may withdraw it",
        ),
        transition("urge", [K.PENDING], engine="urge"),
    )

    number = peewee.CharField(max_length=20, unique=True)  # TK2026-0001
    requisition = peewee.ForeignKeyField(Requisition, backref="stock_returns")
    department = peewee.ForeignKeyField(Department)
    applicant = peewee.ForeignKeyField(User)
    reason = peewee.TextField()
    state = peewee.CharField(max_length=12, default=K.PENDING, index=True)
    filed_at = peewee.DateTimeField(index=True)
    decided_by = peewee.ForeignKeyField(User, null=True)
    decided_at = peewee.DateTimeField(null=True)
    decision_comment = peewee.TextField(default="")

    def approval_title(self) -> tuple[str, str]:
        dept, req = self.department.name, self.requisition.number
        return (
            f"{dept} 办公用品退库 {self.number}（原申请批准单 {req}）",
            f"{dept} return to store {self.number} (requisition {req})",
        )


class StockReturnLine(BaseModel):
    """What comes back of one issued requisition line. Written once with its return and
    never changed (append-only in the database): the quantities are what logistics decided
    on, and the confirmation's movements prove what came in."""

    stock_return = peewee.ForeignKeyField(StockReturn, backref="lines")
    requisition_line = peewee.ForeignKeyField(RequisitionLine, backref="stock_returns")
    item = peewee.ForeignKeyField(Item)
    quantity = peewee.IntegerField()

    class Meta:
        indexes = ((("stock_return", "requisition_line"), True),)


STOCK_RETURN_TABLES = [StockReturn, StockReturnLine]

STOCK_RETURN_FLOW = workflow.register_flow(
    Flow(
        StockReturn.DOC_TYPE,
        "办公用品退库单",
        (
            Node(
                "confirm",
                "后勤确认",
                (Approver.role(Role.LOGISTICS),),
                name_en="Logistics confirmation",
            ),
        ),
        rule="S7",
        name_en="Return to store",
    )
)
documents.register(StockReturn)


def returned_so_far(line: RequisitionLine | int) -> int:
    """Units of an issued requisition line already back in stock or waiting for logistics
    to confirm (S7)."""
    line_id = line if isinstance(line, int) else line.id
    total = (
        StockReturnLine.select(peewee.fn.SUM(StockReturnLine.quantity))
        .join(StockReturn)
        .where(
            (StockReturnLine.requisition_line == line_id)
            & StockReturn.state.in_([s.value for s in COUNTED])
        )
        .scalar()
    )
    return int(total or 0)


def returnable_to_store(line: RequisitionLine | int) -> int:
    """Units of an issued requisition line the department may still bring back: issued,
    less what is returned or waiting to be (S7)."""
    row = RequisitionLine.get_by_id(line if isinstance(line, int) else line.id)
    return row.issued - returned_so_far(row.id)


@retry_on_lock_conflict("同一申请批准单", "the same requisition")
def file_stock_return(
    actor: User,
    requisition: Requisition,
    *,
    quantities: Mapping[int, int],
    reason: str,
    at: datetime | None = None,
) -> StockReturn:
    """退库 (S7): a member of the department that received the goods brings some back, by
    requisition line id, with the reason (unsuitable, damaged); logistics confirms it."""
    at = at or now()
    person = require_person(actor, "退库", "a return to the store")
    if is_blank(reason):
        raise RuleViolation(
            "S7",
            "请写明退库原因（不适用或损坏的情况）",
            "state why the goods come back",
            field="reason",
        )
    with db.atomic():
        # The slip's row lock serialises returns of the same slip: what one files counts
        # against what the other may file. Only an issued slip has goods to bring back.
        req = Requisition.begin(person, requisition, "return_goods")
        if person.department_id != req.department_id:
            raise RuleViolation(
                "S7",
                f"退库由领用科室（{req.department.name}）的人员办理",
                "a return is filed by a member of the department that received the goods",
                field="department",
            )
        lines = {ln.id: ln for ln in req.lines}
        given = {
            int(k): numbers.whole(v, "退库数量", "a returned quantity", field="quantity", rule="S7")
            for k, v in quantities.items()
        }
        wanted = {k: v for k, v in given.items() if v}
        unknown = set(wanted) - set(lines)
        if unknown:
            raise RuleViolation(None, "退库项目不属于该申请", "a line is not on this slip")
        if not wanted:
            raise RuleViolation("S7", "请填写退库数量", "nothing to return", field="quantity")
        for line_id, qty in wanted.items():
            line = lines[line_id]
            # A voided item has left the catalogue with nothing in stock: bringing units of
            # it back would hold goods the stock list no longer shows (S8).
            refuse_voided(line.item, "S7")
            left = line.issued - returned_so_far(line_id)
            if not 0 < qty <= left:
                raise RuleViolation(
                    "S7",
                    f"「{line.item.name}」可退库数量为 {left}（已发放 {line.issued}，"
                    f"已退或待确认 {line.issued - left}）",
                    f"{line.item.code}: at most {left} can come back",
                    field="quantity",
                )
        ret = StockReturn.create(
            number=next_number("TK", at.year),
            requisition=req,
            department=req.department_id,
            applicant=actor,
            reason=clean(reason),
            filed_at=at,
        )
        for line_id in sorted(wanted):
            StockReturnLine.create(
                stock_return=ret,
                requisition_line=line_id,
                item=lines[line_id].item_id,
                quantity=wanted[line_id],
            )
        audit.record(actor, "stock_return", ret.id, "create", {"lines": (None, len(wanted))})
        workflow.submit(
            actor,
            STOCK_RETURN_FLOW.doc_type,
            title=ret.approval_title()[0],
            doc_id=ret.id,
            fields={"requisition": req.number, "units": sum(wanted.values())},
            at=at,
        )
        return StockReturn.get_by_id(ret.id)


@retry_document
def resubmit_stock_return(
    actor: User, stock_return: StockReturn, comment: str = "", *, at: datetime | None = None
) -> StockReturn:
    """After 退回 (logistics asked for something: which packs, what damage) the filer sends
    the return again as it was, with his answer; its units stayed reserved meanwhile."""
    with db.atomic():
        ret = StockReturn.begin(actor, stock_return, "resubmit")
        guarded_update(ret, ret.version, state=K.PENDING)
        workflow.resubmit(actor, ret.instance().id, comment=clean(comment), at=at)
        return StockReturn.get_by_id(ret.id)


@retry_on_lock_conflict("相同的物品", "the same items")
def confirm_stock_return(
    actor: User, stock_return: StockReturn, comment: str = "", *, at: datetime | None = None
) -> StockReturn:
    """后勤确认 (S7, S8): the goods are back in the store; each line is a 退库 movement,
    charged back to the department, naming the original requisition. The engine refuses
    the filer himself (X1), also when he is a logistics officer."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        ret = StockReturn.begin(actor, stock_return, "confirm")
        inst = ret.instance()
        req = ret.requisition
        lines = list(ret.lines)
        guarded_update(
            ret, ret.version, decided_by=actor, decided_at=at, decision_comment=clean(comment)
        )
        locked = lock_items(ln.item_id for ln in lines)
        for line in sorted(lines, key=lambda ln: ln.item_id):
            refuse_voided(locked[line.item_id], "S7")  # voided since the return was filed
            _post_movement(
                actor,
                locked[line.item_id],
                MovementKind.DEPT_RETURN,
                line.quantity,
                reason=f"{req.department.name}退库：{ret.reason}（原申请批准单 {req.number}）",
                at=at,
                doc_type="stock_return",
                doc_id=ret.id,
                doc_number=ret.number,
                department=ret.department_id,
            )
        audit.record(
            actor,
            "stock_return",
            ret.id,
            "confirm",
            {str(ln.item_id): (None, ln.quantity) for ln in lines},
        )
        workflow.approve(actor, inst.id, clean(comment) or "已收回入库", at=at)
        return StockReturn.get_by_id(ret.id)


@retry_document
def refuse_stock_return(
    actor: User, stock_return: StockReturn, reason: str, *, at: datetime | None = None
) -> StockReturn:
    """Logistics refuses a return (the goods are not the ones issued, or fine): nothing
    comes into stock; the reason is required (X2) and goes to the department."""
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        ret = StockReturn.begin(actor, stock_return, "reject")
        if is_blank(reason):
            raise RuleViolation(
                "X2", "拒绝退库须写明原因", "give the reason for refusing", field="reason"
            )
        guarded_update(
            ret,
            ret.version,
            decided_by=actor,
            decided_at=at or now(),
            decision_comment=clean(reason),
        )
        return documents.reject(actor, ret, reason, at=at)


@workflow.before_approve(STOCK_RETURN_FLOW.doc_type)
def _confirm_guard(inst: Instance, node: Node, actor: Actor) -> None:
    """The confirmation brings goods into stock: it goes through ``confirm_stock_return``
    (which records the decision first), never a bare approval in the approvals centre."""
    ret = StockReturn.get_or_none(StockReturn.id == inst.doc_id)
    if ret is None or ret.decided_by_id is None:
        raise RuleViolation(
            "S7",
            "退库须由后勤在办公用品页面确认（确认后物品回到库存）",
            "logistics confirms a return on the supplies page, where the goods come into stock",
        )


def awaiting_confirmation() -> peewee.ModelSelect:
    """待确认: returns waiting for logistics, oldest first (the store's work list)."""
    return (
        StockReturn.select(StockReturn, Department)
        .join(Department)
        .where(StockReturn.state == K.PENDING)
        .order_by(StockReturn.filed_at, StockReturn.id)
    )


def requisition_returns(requisition: Requisition) -> list[StockReturn]:
    """The returns filed against one requisition, oldest first."""
    return list(
        StockReturn.select()
        .where(StockReturn.requisition == requisition.id)
        .order_by(StockReturn.id)
    )
