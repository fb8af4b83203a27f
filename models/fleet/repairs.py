"""车辆管理, the repair flow (F2–F6, F7 lines) on the approval engine, document type
``fleet_repair``:

    driver applies → 车管鉴定 (fills the 车辆维修保修单) → [后勤审核, overhauls only, F5]
    → 主要领导审批 → 后勤备案 (issues the numbered 准修通知单) → enters a designated shop
    → fitted lines, only those authorised (F3) or approved by a supplement (F4)
    → shop finished → the driver's exit acceptance (F6): pass closes, fail goes back.

Nothing reaches a shop without the approved flow: ``enter_shop`` requires the 准修通知单, and
a guard on the engine refuses 车管鉴定 in the 审批中心 until the form is filled in. A repair
keeps its lines: estimated at assessment, authorised on filing (or declined line by line by the
leader for an overhaul quote), proposed by a supplement (all-or-nothing), and fitted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, documents, settings, workflow
from models.base import BaseModel, guarded_update, now
from models.db import db, for_update
from models.documents import Document, transition
from models.errors import RuleViolation
from models.fleet.vehicles import (
    CENT,
    MONEY,
    RepairShop,
    Vehicle,
    VehicleDriver,
    VehicleStatus,
    drivers_of,
)
from models.numbering import next_number, reserve
from models.people import Actor, Department, Role, User, require_role
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
    fault = peewee.TextField()
    applied_at = peewee.DateTimeField(index=True)
    state = peewee.CharField(max_length=24, default=RepairState.APPLIED, index=True)
    # 车管鉴定 (the 车辆维修保修单)
    assessed_by = peewee.ForeignKeyField(User, null=True)
    assessed_at = peewee.DateTimeField(null=True)
    diagnosis = peewee.TextField(default="")
    shop = peewee.ForeignKeyField(RepairShop, null=True, backref="repairs")
    estimated_cost = peewee.DecimalField(**MONEY, default=Decimal("0"))
    promised_date = peewee.DateField(null=True)
    quote_ref = peewee.CharField(max_length=64, default="")  # the shop's quote (F5)
    paid = peewee.BooleanField(default=False)  # 有偿服务
    payer = peewee.CharField(max_length=100, default="")
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

    def actual_cost(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.state == LineState.FITTED), Decimal("0"))

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        """Approval issues the numbered 准修通知单 and freezes the approved amount (F2, F3)."""
        if state != State.APPROVED:
            return {}
        at = inst.finished_at or now()  # the time of the filing step
        lines = [ln for ln in self.lines if ln.state == LineState.ESTIMATED]
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
    reason = peewee.TextField()
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
    name = peewee.CharField(max_length=100)
    assembly = peewee.BooleanField(default=False)  # 总成
    quantity = peewee.DecimalField(max_digits=10, decimal_places=2, default=Decimal("1"))
    unit_price = peewee.DecimalField(**MONEY)
    warranty_months = peewee.IntegerField(default=0)
    state = peewee.CharField(max_length=12, default=LineState.ESTIMATED)
    fitted_at = peewee.DateTimeField(null=True)

    @property
    def amount(self) -> Decimal:
        return (Decimal(self.quantity) * Decimal(self.unit_price)).quantize(CENT)


class Acceptance(BaseModel):
    """出厂合格验收, signed by the driver (F6)."""

    repair = peewee.ForeignKeyField(Repair, backref="acceptances")
    attempt = peewee.IntegerField()
    passed = peewee.BooleanField()
    signed_by = peewee.ForeignKeyField(User)
    remarks = peewee.TextField(default="")
    at = peewee.DateTimeField()


# --- flows -------------------------------------------------------------------------------

REPAIR_FLOW = workflow.register_flow(
    Flow(
        Repair.DOC_TYPE,
        "车辆维修",
        (
            Node("assess", "车管鉴定", (Approver.role(Role.FLEET_MANAGER),)),
            Node(
                "review",
                "后勤审核（大修）",
                (Approver.role(Role.LOGISTICS),),
                condition=Condition("kind", "==", "overhaul"),
            ),
            Node("consent", "主要领导审批", (Approver.role(Role.LEADER),)),
            Node("file", "后勤备案", (Approver.role(Role.LOGISTICS),)),
        ),
    )
)

SUPPLEMENT_FLOW = workflow.register_flow(
    Flow(
        "fleet_supplement",
        "维修追加项目",
        (
            Node("review", "后勤审核", (Approver.role(Role.LOGISTICS),)),
            Node(
                "consent",
                "主要领导同意",
                (Approver.role(Role.LEADER),),
                condition=Condition("costly", "==", True),
            ),
        ),
    )
)


documents.register(Repair)


def supplement_to_decide(user: User, repair: Repair) -> Supplement | None:
    """The first pending supplement at a node ``user`` may approve now."""
    for supplement in repair.supplements.where(Supplement.state == "pending"):
        inst = supplement.instance()
        if inst is not None and workflow.available_actions(user, inst).approve:
            return supplement
    return None


# --- the repair flow ---------------------------------------------------------------------


@dataclass(frozen=True)
class LineInput:
    name: str
    unit_price: Decimal
    quantity: Decimal = Decimal("1")
    kind: str = "part"
    assembly: bool = False
    warranty_months: int = 0


def _check_lines(lines: Sequence[LineInput]) -> None:
    if not lines:
        raise RuleViolation(
            "F2", "至少需要一个维修项目", "at least one repair item is needed", field="lines"
        )
    for ln in lines:
        if not ln.name.strip():
            raise RuleViolation(None, "维修项目名称不能为空", "an item needs a name", field="lines")
        if Decimal(ln.quantity) <= 0 or Decimal(ln.unit_price) < 0:
            raise RuleViolation(
                None,
                f"「{ln.name}」数量须大于0、单价不能为负",
                f"{ln.name}: quantity > 0 and price >= 0",
                field="lines",
            )
        if ln.kind not in ("part", "labour"):
            raise RuleViolation(
                None, "项目类别只能是配件或工时", "kind is part or labour", field="lines"
            )


def _write_lines(
    repair: Repair,
    lines: Sequence[LineInput],
    state: LineState,
    supplement: Supplement | None = None,
) -> list[RepairLine]:
    return [
        RepairLine.create(
            repair=repair,
            supplement=supplement,
            kind=ln.kind,
            name=ln.name.strip(),
            assembly=ln.assembly,
            quantity=Decimal(ln.quantity),
            unit_price=Decimal(ln.unit_price).quantize(CENT),
            warranty_months=ln.warranty_months,
            state=state,
        )
        for ln in lines
    ]


OPEN_STATES = (
    RepairState.APPLIED,
    RepairState.RETURNED,
    RepairState.AUTHORISED,
    RepairState.IN_REPAIR,
    RepairState.AWAITING_ACCEPTANCE,
)


def open_repair_of(vehicle: Vehicle) -> Repair | None:
    """The vehicle's repair that has not ended yet, if any (one at a time, F2)."""
    return (
        Repair.select()
        .where((Repair.vehicle == vehicle.id) & Repair.state.in_(list(OPEN_STATES)))
        .first()
    )


def apply_repair(
    driver: User, vehicle: Vehicle, fault: str, *, kind: str = "repair", at: datetime | None = None
) -> Repair:
    """F2: the driver's application to the fleet manager (报修)."""
    at = at or now()
    if not fault.strip():
        raise RuleViolation("F2", "请填写故障情况", "describe the fault", field="fault")
    if kind not in ("repair", "overhaul"):
        raise RuleViolation(
            None, "维修类别只能是一般维修或大修", "kind is repair or overhaul", field="kind"
        )
    with db.atomic():
        vehicle = Vehicle.get_by_id(vehicle.id)
        if (
            not VehicleDriver.select()
            .where((VehicleDriver.vehicle == vehicle.id) & (VehicleDriver.driver == driver.id))
            .exists()
        ):
            raise RuleViolation(
                "F2",
                f"{driver.name} 不是 {vehicle.plate} 的驾驶员，不能报修",
                f"{driver.name} is not a driver of {vehicle.plate}",
            )
        if vehicle.status == VehicleStatus.SCRAPPED:
            raise RuleViolation("F1", "车辆已报废", "the vehicle is scrapped")
        open_repair = open_repair_of(vehicle)
        if open_repair is not None:
            raise RuleViolation(
                "F2",
                f"{vehicle.plate} 已有未完成的维修单 {open_repair.number}",
                f"{vehicle.plate} has an open repair {open_repair.number}",
            )
        repair = audit.create(
            driver,
            Repair,
            number=next_number("WX", at.year),
            vehicle=vehicle,
            unit=vehicle.unit,
            driver=driver,
            kind=kind,
            fault=fault.strip(),
            applied_at=at,
        )
        workflow.submit(
            driver,
            REPAIR_FLOW.doc_type,
            title=f"{vehicle.plate} 维修 {repair.number}",
            doc_id=repair.id,
            fields={"kind": kind},
            department=vehicle.unit,
            at=at,
        )
        return repair


def assess(
    actor: User,
    repair: Repair,
    *,
    diagnosis: str,
    lines: Sequence[LineInput],
    shop: RepairShop,
    promised_date: date,
    quote_ref: str = "",
    paid: bool = False,
    payer: str = "",
    comment: str = "",
    at: datetime | None = None,
) -> Repair:
    """F2: 车管鉴定 — the fleet manager inspects and completes the 车辆维修保修单, which passes
    the flow's first node. F5: an overhaul needs the shop's quote (its reference and lines)."""
    at = at or now()
    require_role(actor, Role.FLEET_MANAGER)
    _check_lines(lines)
    with db.atomic():
        repair = Repair.lock(repair)
        inst = repair.instance()
        node = inst.current_node() if inst else None
        if repair.state != RepairState.APPLIED or node is None or node.key != "assess":
            raise RuleViolation(
                "F2",
                "只有待鉴定的维修申请可以填写维修保修单",
                "only a repair awaiting assessment can be assessed",
            )
        shop = RepairShop.get_by_id(shop.id)
        if not shop.designated or shop.is_voided:
            raise RuleViolation(
                "F7",
                f"「{shop.name}」不是定点修理厂",
                f"{shop.name} is not designated",
                field="shop",
            )
        if repair.is_overhaul and not quote_ref.strip():
            raise RuleViolation(
                "F5",
                "大修须先取得修理厂报价单（填写报价单号）",
                "an overhaul needs the shop's quote first",
                field="quote_ref",
            )
        if paid and not payer.strip():
            raise RuleViolation(
                "F8", "有偿服务须填写付费单位", "a paid service names its payer", field="payer"
            )
        RepairLine.delete().where(
            (RepairLine.repair == repair.id) & (RepairLine.state == LineState.ESTIMATED)
        ).execute()
        created = _write_lines(repair, lines, LineState.ESTIMATED)
        estimate = sum((ln.amount for ln in created), Decimal("0"))
        guarded_update(
            repair,
            repair.version,
            assessed_by=actor,
            assessed_at=at,
            diagnosis=diagnosis.strip(),
            shop=shop,
            estimated_cost=estimate,
            promised_date=promised_date,
            quote_ref=quote_ref.strip(),
            paid=paid,
            payer=payer.strip(),
        )
        audit.record(
            actor,
            "repair",
            repair.id,
            "assess",
            {"estimated_cost": (None, estimate), "shop": (None, shop.name)},
        )
        workflow.approve(actor, inst.id, comment or "已鉴定", at=at)
        return Repair.get_by_id(repair.id)


def approve_repair(
    actor: User,
    repair: Repair,
    comment: str = "",
    *,
    declined_line_ids: Iterable[int] = (),
    at: datetime | None = None,
) -> Repair:
    """主要领导审批 (or 后勤审核 of an overhaul). An overhaul quote may be approved line by
    line: ``declined_line_ids`` are refused, the others go on (F5)."""
    at = at or now()
    declined = set(declined_line_ids)
    with db.atomic():
        repair = Repair.lock(repair)
        inst = repair.instance()
        if declined:
            if not repair.is_overhaul:
                raise RuleViolation(
                    "F5",
                    "只有大修报价可以逐项审批",
                    "only an overhaul quote is approved line by line",
                )
            own = {ln.id for ln in repair.lines if ln.state == LineState.ESTIMATED}
            if not declined <= own:
                raise RuleViolation(None, "所选项目不属于本报价", "lines are not on this quote")
            RepairLine.update(state=LineState.DECLINED).where(
                RepairLine.id.in_(list(declined))
            ).execute()
        workflow.approve(actor, inst.id, comment, at=at)
        return Repair.get_by_id(repair.id)


def file_repair(
    actor: User, repair: Repair, comment: str = "", at: datetime | None = None
) -> Repair:
    """后勤备案: the last node; the hook issues the 准修通知单."""
    with db.atomic():
        repair = Repair.lock(repair)
        inst = repair.instance()
        node = inst.current_node() if inst else None
        if node is None or node.key != "file":
            raise RuleViolation("F2", "尚未到后勤备案环节", "the repair is not at the filing step")
        workflow.approve(actor, inst.id, comment or "已备案", at=at)
        return Repair.get_by_id(repair.id)


@workflow.before_approve(REPAIR_FLOW.doc_type)
def _repair_guard(inst: Instance, node: Node, actor: Actor) -> None:
    repair = Repair.get_by_id(inst.doc_id)
    if node.key == "assess" and repair.assessed_at is None:
        raise RuleViolation(
            "F2", "车管须先鉴定并填写车辆维修保修单", "the fleet manager must assess first"
        )
    if node.key in ("consent", "review", "file"):
        live = [ln for ln in repair.lines if ln.state == LineState.ESTIMATED]
        if not live:
            raise RuleViolation(
                "F5", "报价项目已全部不批准，请驳回", "every line is declined; reject instead"
            )


def resubmit_repair(
    driver: User, repair: Repair, fault: str | None = None, at: datetime | None = None
) -> Repair:
    """After 退回 the driver corrects the application and sends it again."""
    with db.atomic():
        repair = Repair.begin(driver, repair, "resubmit")
        changes: dict[str, Any] = {"state": RepairState.APPLIED, "assessed_at": None}
        if fault:
            changes["fault"] = fault.strip()
        guarded_update(repair, repair.version, **changes)
        workflow.resubmit(driver, repair.instance().id, fields={"kind": repair.kind}, at=at)
        return repair


def record_historical_repair(
    actor: Actor,
    vehicle: Vehicle,
    *,
    shop: RepairShop,
    fault: str,
    cost: Decimal,
    applied_on: date,
    closed_on: date,
    promised_date: date | None = None,
    first_pass: bool = True,
    paid: bool = False,
    payer: str = "",
    number: str | None = None,
) -> Repair:
    """A repair from the paper archive (before Houqin): stored closed, marked ``historical``,
    so statistics cover the past while no live repair can skip the flow. Logistics or an
    administrator enters them (typically by Excel import)."""
    require_role(actor, Role.LOGISTICS, Role.ADMIN)
    cost = Decimal(cost)
    if not fault.strip():
        raise RuleViolation("F2", "请填写故障情况", "describe the fault", field="fault")
    if cost < 0:
        raise RuleViolation(None, "费用不能为负", "the cost cannot be negative", field="cost")
    if closed_on < applied_on:
        raise RuleViolation(
            None, "完工日期不能早于报修日期", "closed before applied", field="closed_on"
        )
    if closed_on > now().date():
        raise RuleViolation(
            None,
            "历史维修的完工日期不能在将来",
            "a past repair cannot close in the future",
            field="closed_on",
        )
    if paid and not payer.strip():
        raise RuleViolation(
            "F8", "有偿服务须填写付费单位", "a paid service names its payer", field="payer"
        )
    with db.atomic():
        number = (number or "").strip().upper() or next_number("WX", applied_on.year)
        reserve(number)  # a paper number in the live WX2026-NNNN shape moves the counter on
        if Repair.select().where(Repair.number == number).exists():
            raise RuleViolation(
                None, f"维修单号 {number} 已存在", f"repair {number} exists", field="number"
            )
        applied = datetime.combine(applied_on, datetime.min.time())
        closed = datetime.combine(closed_on, datetime.min.time()).replace(hour=17)
        repair = audit.create(
            actor,
            Repair,
            number=number,
            vehicle=vehicle,
            unit=vehicle.unit,
            driver=drivers_of(vehicle)[0] if drivers_of(vehicle) else None,
            fault=fault.strip(),
            applied_at=applied,
            state=RepairState.CLOSED,
            shop=shop,
            estimated_cost=cost,
            approved_cost=cost,
            promised_date=promised_date,
            closed_at=closed,
            finished_at=closed,
            acceptance_attempts=1 if first_pass else 2,
            first_pass=first_pass,
            paid=paid,
            payer=payer.strip(),
            historical=True,
        )
        RepairLine.create(
            repair=repair,
            kind="part",
            name="历史维修（汇总）",
            unit_price=cost,
            state=LineState.FITTED,
            fitted_at=closed,
        )
        return repair


def enter_shop(actor: User, repair: Repair, at: datetime | None = None) -> Repair:
    """Only with a 准修通知单 may the vehicle enter the designated shop (F2, F7)."""
    at = at or now()
    with db.atomic():
        repair = Repair.begin(actor, repair, "enter_shop")
        if not repair.authorisation_no:
            t = Repair.declared("enter_shop")
            raise RuleViolation(t.rule, t.zh, t.en)
        if not repair.shop.designated or repair.shop.is_voided:
            raise RuleViolation(
                "F7",
                f"「{repair.shop.name}」已不在定点修理厂名单",
                f"{repair.shop.name} is no longer designated",
            )
        vehicle = for_update(Vehicle.select().where(Vehicle.id == repair.vehicle_id)).get()
        if vehicle.status in (VehicleStatus.SCRAPPED, VehicleStatus.SUSPENDED):
            status = VehicleStatus(vehicle.status).label
            raise RuleViolation(
                "F1",
                f"{vehicle.plate} 已{status}，不能进厂维修",
                f"{vehicle.plate} is {vehicle.status}; it cannot enter a shop",
            )
        guarded_update(repair, repair.version, state=RepairState.IN_REPAIR, entered_at=at)
        audit.update(actor, vehicle, status=VehicleStatus.IN_REPAIR.value)
        audit.record(actor, "repair", repair.id, "enter_shop")
        return repair


def propose_supplement(
    actor: User, repair: Repair, lines: Sequence[LineInput], reason: str, at: datetime | None = None
) -> Supplement:
    """F3/F4: anything beyond the authorisation is a supplement; an assembly (总成) or a part
    over the threshold (setting, default ¥2,000) also needs the main leader's consent."""
    at = at or now()
    require_role(actor, *Repair.declared("supplement").roles)
    _check_lines(lines)
    if not reason.strip():
        raise RuleViolation(
            "F4", "请说明追加原因", "give the reason for the supplement", field="reason"
        )
    threshold = settings.get("fleet.costly_part_threshold")
    costly = any(
        ln.assembly or (Decimal(ln.quantity) * Decimal(ln.unit_price)) > threshold for ln in lines
    )
    with db.atomic():
        repair = Repair.begin(actor, repair, "supplement")
        number = Supplement.select().where(Supplement.repair == repair.id).count() + 1
        supplement = Supplement.create(
            repair=repair,
            number=number,
            reason=reason.strip(),
            costly=costly,
            proposed_by=actor,
            proposed_at=at,
        )
        _write_lines(repair, lines, LineState.PROPOSED, supplement)
        audit.record(
            actor,
            "repair",
            repair.id,
            "supplement",
            {"supplement": (None, number), "costly": (None, costly)},
        )
        workflow.submit(
            actor,
            SUPPLEMENT_FLOW.doc_type,
            title=f"{repair.vehicle.plate} 追加项目 {repair.number}-{number}",
            doc_id=supplement.id,
            fields={"costly": costly},
            department=repair.unit,
            at=at,
        )
        return supplement


@workflow.on_outcome(SUPPLEMENT_FLOW.doc_type)
def _supplement_outcome(inst: Instance, state: State, actor: Actor) -> None:
    supplement = Supplement.get_by_id(inst.doc_id)
    if state == State.APPROVED:
        new_line, new_state = LineState.APPROVED, "approved"
    elif state in (State.REJECTED, State.WITHDRAWN, State.CLOSED):
        new_line, new_state = LineState.DECLINED, "declined"
    else:  # returned: stays pending until resubmitted or withdrawn
        return
    RepairLine.update(state=new_line).where(RepairLine.supplement == supplement.id).execute()
    Supplement.update(state=new_state).where(Supplement.id == supplement.id).execute()


def record_fitted(actor: User, line: RepairLine, at: datetime | None = None) -> RepairLine:
    """The shop did this item. Only authorised items (F3) or approved supplements (F4)."""
    at = at or now()
    with db.atomic():
        line = RepairLine.get_by_id(line.id)
        Repair.begin(actor, line.repair_id, "fitted")
        if line.state == LineState.PROPOSED:
            raise RuleViolation(
                "F4",
                f"「{line.name}」的追加审批尚未通过，不得更换",
                f"{line.name} awaits the supplement's approval",
            )
        if line.state not in (LineState.AUTHORISED, LineState.APPROVED):
            raise RuleViolation(
                "F3", f"「{line.name}」不在准修范围内", f"{line.name} is not authorised"
            )
        RepairLine.update(state=LineState.FITTED, fitted_at=at).where(
            RepairLine.id == line.id
        ).execute()
        audit.record(actor, "repair_line", line.id, "fitted", {"state": (line.state, "fitted")})
        return RepairLine.get_by_id(line.id)


def finish_repair(actor: User, repair: Repair, at: datetime | None = None) -> Repair:
    """The shop reports the work done; the vehicle now waits for the driver's check."""
    at = at or now()
    with db.atomic():
        repair = Repair.begin(actor, repair, "finish")
        if any(s.state == "pending" for s in repair.supplements):
            raise RuleViolation(
                "F4", "还有追加项目在审批中", "a supplement is still under approval"
            )
        if not any(ln.state == LineState.FITTED for ln in repair.lines):
            raise RuleViolation(
                "F3", "尚未登记任何完成的维修项目", "no item has been recorded as done"
            )
        guarded_update(
            repair, repair.version, state=RepairState.AWAITING_ACCEPTANCE, finished_at=at
        )
        audit.record(actor, "repair", repair.id, "finish")
        return repair


def accept(
    driver: User, repair: Repair, passed: bool, remarks: str = "", at: datetime | None = None
) -> Repair:
    """F6: 出厂合格验收, signed by the driver himself. Pass closes the repair and returns the
    vehicle to service; fail sends it back to the shop and counts against the pass rate."""
    at = at or now()
    with db.atomic():
        repair = Repair.begin(driver, repair, "accept")
        if not passed and not remarks.strip():
            raise RuleViolation(
                "F6", "验收不合格须写明问题", "a failed check needs remarks", field="remarks"
            )
        attempt = repair.acceptance_attempts + 1
        Acceptance.create(
            repair=repair,
            attempt=attempt,
            passed=passed,
            signed_by=driver,
            remarks=remarks.strip(),
            at=at,
        )
        changes: dict[str, Any] = {"acceptance_attempts": attempt}
        if attempt == 1:
            changes["first_pass"] = passed
        if passed:
            changes.update(state=RepairState.CLOSED, closed_at=at)
            audit.update(driver, repair.vehicle, status=VehicleStatus.IN_SERVICE.value)
        else:
            changes.update(state=RepairState.IN_REPAIR, finished_at=None)
        guarded_update(repair, repair.version, **changes)
        audit.record(
            driver,
            "repair",
            repair.id,
            "accept" if passed else "accept_failed",
            note=remarks.strip() or None,
        )
        return repair
