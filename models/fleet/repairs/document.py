"""The repair document: its states and lines, supplements and acceptances, the two flows, and
the engine guard that keeps 车管鉴定 from passing before the form is filled in (F2, F5)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import attachments, audit, documents, workflow
from models.base import BaseModel, now
from models.documents import Document, transition
from models.errors import RuleViolation
from models.fleet.vehicles import (
    CENT,
    MONEY,
    RepairShop,
    Vehicle,
)
from models.numbering import next_number
from models.people import Actor, Department, Role, User, require_active
from models.prepared import Prepared
from models.workflow import Approver, Condition, Flow, Instance, Node, State

# --- repairs -----------------------------------------------------------------------------


class RepairState(StrEnum):
    APPLIED = "applied"
    RETURNED = "returned"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    AUTHORISED = "authorised"
    IN_REPAIR = "in_repair"
    AWAITING_ACCEPTANCE = "awaiting_acceptance"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return REPAIR_STATE_LABELS[self]


REPAIR_STATE_LABELS = {
    RepairState.APPLIED: "审批中",
    RepairState.RETURNED: "已退回",
    RepairState.REJECTED: "未批准",
    RepairState.WITHDRAWN: "已撤回",
    RepairState.AUTHORISED: "已准修",
    RepairState.IN_REPAIR: "维修中",
    RepairState.AWAITING_ACCEPTANCE: "待验收",
    RepairState.CLOSED: "已完工",
}


def _is_driver(user: User, repair: Repair) -> bool:
    return user.id == repair.driver_id


FLEET_STAFF = (Role.FLEET_MANAGER, Role.LOGISTICS)
S = RepairState


class Repair(Document):
    """A repair, document type ``fleet_repair``: its states, the engine outcomes that move it,
    and every action on it, declared (``models.documents``)."""

    DOC_TYPE = "fleet_repair"
    DECIDING_DEPARTMENT = "unit"  # the vehicle's unit decides, whoever drives it
    STATES = RepairState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: S.AUTHORISED,
        State.REJECTED: S.REJECTED,
        State.RETURNED: S.RETURNED,
        State.WITHDRAWN: S.WITHDRAWN,
        State.CLOSED: S.WITHDRAWN,
    }
    TRANSITIONS = (
        transition(
            "assess",
            [S.APPLIED],
            nodes=["assess"],
            rule="F2",
            zh="只有待鉴定的维修申请可以填写维修保修单",
            en="only a repair awaiting assessment can be assessed",
        ),
        transition("approve", [S.APPLIED], nodes=["review", "consent"]),
        transition(
            "decline_lines",
            [S.APPLIED],
            nodes=["review", "consent"],
            guard=lambda _u, r: r.is_overhaul,
        ),
        transition("reject", [S.APPLIED], nodes=["assess", "review", "consent"]),
        transition("return", [S.APPLIED], nodes=["assess", "review", "consent", "file"]),
        transition("file", [S.APPLIED], nodes=["file"]),
        transition("withdraw", [S.APPLIED, S.RETURNED], engine="withdraw"),
        transition(
            "resubmit",
            [S.RETURNED],
            who=_is_driver,
            rule="F2",
            zh="只有被退回的维修申请可以重新提交",
            en="only a returned repair",
            who_zh="只有报修驾驶员本人可以重新提交",
            who_en="only the driver who applied may resubmit",
        ),
        transition(
            "enter_shop",
            [S.AUTHORISED],
            roles=FLEET_STAFF,
            rule="F2",
            zh="没有准修通知单，车辆不得进厂维修",
            en="no repair authorisation: the vehicle may not enter a shop",
        ),
        transition(
            "supplement",
            [S.IN_REPAIR],
            roles=[Role.FLEET_MANAGER],
            rule="F4",
            zh="只有维修中的车辆可以追加项目",
            en="supplements only during repair",
        ),
        transition(
            "supplement_decide",
            [S.IN_REPAIR],
            guard=lambda u, r: supplement_to_decide(u, r) is not None,
        ),
        transition(
            "fitted",
            [S.IN_REPAIR],
            roles=FLEET_STAFF,
            rule="F3",
            zh="车辆不在维修中",
            en="the vehicle is not in repair",
        ),
        transition(
            "finish",
            [S.IN_REPAIR],
            roles=FLEET_STAFF,
            rule="F6",
            zh="车辆不在维修中",
            en="the vehicle is not in repair",
        ),
        transition(
            "accept",
            [S.AWAITING_ACCEPTANCE],
            who=_is_driver,
            rule="F6",
            zh="维修单{state}，不能验收",
            en="the repair is not awaiting acceptance",
            who_zh="出厂验收须由报修驾驶员本人签字",
            who_en="the driver who applied must sign the acceptance",
        ),
        transition("print_authorisation", guard=lambda _u, r: bool(r.authorisation_no)),
    )

    number = peewee.CharField(max_length=20, unique=True)  # WX2026-0001
    vehicle = peewee.ForeignKeyField(Vehicle, backref="repairs")
    unit = peewee.ForeignKeyField(Department)  # the holding unit at the time
    driver = peewee.ForeignKeyField(User, null=True, backref="repair_applications")
    kind = peewee.CharField(max_length=10, default="repair")  # repair / overhaul (大修)
    fault = peewee.TextField(verbose_name="故障描述")
    applied_at = peewee.DateTimeField(index=True)
    state = peewee.CharField(max_length=24, default=RepairState.APPLIED, index=True)
    # 车管鉴定 (the 车辆维修保修单)
    assessed_by = peewee.ForeignKeyField(User, null=True)
    assessed_at = peewee.DateTimeField(null=True)
    diagnosis = peewee.TextField(default="", verbose_name="鉴定意见")
    shop = peewee.ForeignKeyField(RepairShop, null=True, backref="repairs")
    estimated_cost = peewee.DecimalField(**MONEY, default=Decimal("0"))
    promised_date = peewee.DateField(null=True)
    quote_ref = peewee.CharField(
        max_length=64, default="", verbose_name="报价单号"
    )  # the shop's quote (F5)
    paid = peewee.BooleanField(default=False)  # 有偿服务
    payer = peewee.CharField(max_length=100, default="", verbose_name="付费单位")
    # 准修通知单
    authorisation_no = peewee.CharField(max_length=20, null=True, unique=True)
    authorised_at = peewee.DateTimeField(null=True)
    approved_cost = peewee.DecimalField(**MONEY, null=True)  # frozen at authorisation
    entered_at = peewee.DateTimeField(null=True)
    finished_at = peewee.DateTimeField(null=True)
    acceptance_attempts = peewee.IntegerField(default=0)
    first_pass = peewee.BooleanField(null=True)
    closed_at = peewee.DateTimeField(null=True, index=True)
    historical = peewee.BooleanField(default=False)  # entered from paper records, no flow

    @property
    def is_overhaul(self) -> bool:
        return self.kind == "overhaul"

    def approval_title(self) -> tuple[str, str]:
        plate = self.vehicle.plate
        return (f"{plate} 维修 {self.number}", f"{plate} repair {self.number}")

    def line_rows(self) -> list[RepairLine]:
        """``self.lines`` read through a text rendered once (every step of a repair reads
        its lines: peewee would render the same SELECT again each time)."""
        return _LINES.rows(self.id)

    def actual_cost(self) -> Decimal:
        return sum(
            (ln.amount for ln in self.line_rows() if ln.state == LineState.FITTED), Decimal("0")
        )

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        """Approval issues the numbered 准修通知单 and freezes the approved amount (F2, F3)."""
        if state != State.APPROVED:
            return {}
        at = inst.finished_at or now()  # the time of the filing step
        lines = [ln for ln in self.line_rows() if ln.state == LineState.ESTIMATED]
        RepairLine.update(state=LineState.AUTHORISED).where(
            RepairLine.id.in_([ln.id for ln in lines])
        ).execute()
        number = next_number("ZX", at.year)
        audit.record(actor, "repair", self.id, "authorise", {"authorisation_no": (None, number)})
        return {
            "authorisation_no": number,
            "authorised_at": at,
            "approved_cost": sum((ln.amount for ln in lines), Decimal("0")),
        }


def _may_file_papers(actor: Actor, repair: Repair) -> None:
    """A repair's papers (the shop's quote, photos of the damage, the invoice) come from the
    driver who applied or the fleet staff who handle the repair (F2); nobody else (X1)."""
    roles = require_active(actor)
    if roles.intersection(FLEET_STAFF) or actor.id == repair.driver_id:
        return
    raise RuleViolation(
        "X1",
        "只有报修驾驶员本人或车管、后勤可以为维修单添加附件",
        "only the driver who applied or the fleet staff attach files to a repair",
    )


attachments.guard_attachments(Repair, _may_file_papers)


class LineState(StrEnum):
    ESTIMATED = "estimated"  # on the assessment / quote, not yet authorised
    AUTHORISED = "authorised"  # on the 准修通知单
    DECLINED = "declined"  # refused (quote line or supplement)
    PROPOSED = "proposed"  # in a supplement under approval
    APPROVED = "approved"  # supplement approved
    FITTED = "fitted"

    @property
    def label(self) -> str:
        return {
            "estimated": "估价",
            "authorised": "已准修",
            "declined": "未批准",
            "proposed": "补充待批",
            "approved": "补充已批",
            "fitted": "已完成",
        }[self.value]


class Supplement(BaseModel):
    """追加项目 during a repair (F4). Approved or refused as a whole."""

    repair = peewee.ForeignKeyField(Repair, backref="supplements")
    number = peewee.IntegerField()
    reason = peewee.TextField(verbose_name="追加原因")
    costly = peewee.BooleanField(default=False)
    state = peewee.CharField(max_length=16, default="pending")  # pending/approved/declined
    proposed_by = peewee.ForeignKeyField(User)
    proposed_at = peewee.DateTimeField()

    def instance(self) -> Instance | None:
        return workflow.for_document(SUPPLEMENT_FLOW.doc_type, self.id)


class RepairLine(BaseModel):
    """A part (配件) or labour (工时) line, with price, quantity and warranty (F7)."""

    repair = peewee.ForeignKeyField(Repair, backref="lines")
    supplement = peewee.ForeignKeyField(Supplement, null=True, backref="lines")
    kind = peewee.CharField(max_length=8, default="part")  # part / labour
    name = peewee.CharField(max_length=100, verbose_name="项目名称")
    assembly = peewee.BooleanField(default=False)  # 总成
    quantity = peewee.DecimalField(max_digits=10, decimal_places=2, default=Decimal("1"))
    unit_price = peewee.DecimalField(**MONEY)
    warranty_months = peewee.IntegerField(default=0)
    state = peewee.CharField(max_length=12, default=LineState.ESTIMATED)
    fitted_at = peewee.DateTimeField(null=True)

    @property
    def amount(self) -> Decimal:
        return (Decimal(self.quantity) * Decimal(self.unit_price)).quantize(CENT)


_LINES = Prepared(lambda repair: RepairLine.select().where(RepairLine.repair == repair))


class Acceptance(BaseModel):
    """出厂合格验收, signed by the driver (F6)."""

    repair = peewee.ForeignKeyField(Repair, backref="acceptances")
    attempt = peewee.IntegerField()
    passed = peewee.BooleanField()
    signed_by = peewee.ForeignKeyField(User)
    remarks = peewee.TextField(default="", verbose_name="验收意见")
    at = peewee.DateTimeField()


# --- flows -------------------------------------------------------------------------------

REPAIR_FLOW = workflow.register_flow(
    Flow(
        Repair.DOC_TYPE,
        "车辆维修",
        (
            Node(
                "assess",
                "车管鉴定",
                (Approver.role(Role.FLEET_MANAGER),),
                name_en="Fleet manager's assessment",
            ),
            Node(
                "review",
                "后勤审核（大修）",
                (Approver.role(Role.LOGISTICS),),
                condition=Condition("kind", "==", "overhaul"),
                name_en="Logistics review (overhaul)",
            ),
            Node(
                "consent",
                "主要领导审批",
                (Approver.role(Role.LEADER),),
                name_en="Main leader's approval",
            ),
            Node("file", "后勤备案", (Approver.role(Role.LOGISTICS),), name_en="Logistics filing"),
        ),
        separate_duties=True,
        rule="F2",
        name_en="Vehicle repair",
    )
)

SUPPLEMENT_FLOW = workflow.register_flow(
    Flow(
        "fleet_supplement",
        "维修追加项目",
        (
            Node(
                "review", "后勤审核", (Approver.role(Role.LOGISTICS),), name_en="Logistics review"
            ),
            Node(
                "consent",
                "主要领导同意",
                (Approver.role(Role.LEADER),),
                condition=Condition("costly", "==", True),
                name_en="Main leader's consent",
            ),
        ),
        separate_duties=True,
        rule="F4",
        name_en="Repair supplement",
    )
)


@workflow.department_of(SUPPLEMENT_FLOW.doc_type)
def _supplement_unit(supplement_id: int) -> int | None:
    """A supplement is filed under its repair's unit, like the repair itself."""
    return (
        Repair.select(Repair.unit)
        .join(Supplement, on=(Supplement.repair == Repair.id))
        .where(Supplement.id == supplement_id)
        .scalar()
    )


documents.register(Repair)


def supplement_to_decide(user: User, repair: Repair) -> Supplement | None:
    """The first pending supplement at a node ``user`` may approve now."""
    for supplement in repair.supplements.where(Supplement.state == "pending"):
        inst = supplement.instance()
        if inst is not None and workflow.available_actions(user, inst).approve:
            return supplement
    return None


@workflow.before_approve(REPAIR_FLOW.doc_type)
def _repair_guard(inst: Instance, node: Node, actor: Actor) -> None:
    repair = Repair.get_by_id(inst.doc_id)
    if node.key == "assess" and repair.assessed_at is None:
        raise RuleViolation(
            "F2", "车管须先鉴定并填写车辆维修保修单", "the fleet manager must assess first"
        )
    if node.key in ("consent", "review", "file"):
        live = [ln for ln in repair.line_rows() if ln.state == LineState.ESTIMATED]
        if not live:
            raise RuleViolation(
                "F5", "报价项目已全部不批准，请驳回", "every line is declined; reject instead"
            )
