"""车辆管理: vehicles, designated shops and stations, the repair flow, fuel and use (F1–F10).

The repair flow (F2–F6) runs on the approval engine as document type ``fleet_repair``:

    driver applies → 车管鉴定 (fills the 车辆维修保修单) → [后勤审核, overhauls only, F5]
    → 主要领导审批 → 后勤备案 (issues the numbered 准修通知单) → enters a designated shop
    → fitted lines, only those authorised (F3) or approved by a supplement (F4)
    → shop finished → the driver's exit acceptance (F6): pass closes, fail goes back.

Nothing reaches a shop without the approved flow: ``enter_shop`` requires the 准修通知单, and
a guard on the engine refuses 车管鉴定 in the 审批中心 until the form is filled in. A repair
keeps its lines: estimated at assessment, authorised on filing (or declined line by line by the
leader for an overhaul quote), proposed by a supplement (all-or-nothing), and fitted.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import peewee

from models import audit, settings, workflow
from models.base import BaseModel, VersionedModel, VoidableModel, guarded_update, now
from models.db import db, for_update
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Department, Role, User, require_role
from models.workflow import Approver, Condition, Flow, Instance, Node, State

MONEY = {"max_digits": 12, "decimal_places": 2}
CENT = Decimal("0.01")

# --- plates ------------------------------------------------------------------------------

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_L = "A-HJ-NP-Z"  # plate letters never use I or O
_REGULAR = re.compile(rf"^([{PROVINCES}])([{_L}])([{_L}0-9]{{4}}[{_L}0-9挂学警港澳])$")
_NEV_SMALL = re.compile(rf"^([{PROVINCES}])([{_L}])([DF][{_L}0-9][0-9]{{4}})$")
_NEV_LARGE = re.compile(rf"^([{PROVINCES}])([{_L}])([0-9]{{5}}[DF])$")


def normalize_plate(text: str) -> str:
    """Check a mainland plate and write it the way the office does: ``京A·12345`` for the
    7-character plates, ``沪AD12345`` for the 8-character new-energy ones."""
    raw = re.sub(r"[\s·•.\-－・]", "", text or "").upper()
    raw = raw.translate(
        str.maketrans(
            "ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９",
            "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789",
        )
    )
    for pattern in (_NEV_SMALL, _NEV_LARGE):
        if pattern.match(raw):
            return raw
    if _REGULAR.match(raw):
        return f"{raw[:2]}·{raw[2:]}"
    raise RuleViolation(
        "F1",
        f"车牌号「{text}」格式不正确（例：京A·12345，新能源 沪AD12345）",
        f"plate {text!r} is not a valid mainland plate",
        field="plate",
    )


def normalize_vin(text: str) -> str:
    """A VIN is 17 letters and digits without I, O or Q; empty is allowed (unknown)."""
    vin = (text or "").strip().upper()
    if vin and not re.fullmatch(r"[A-HJ-NPR-Z0-9]{17}", vin):
        raise RuleViolation(
            None,
            "车架号（VIN）应为17位字母数字，不含 I、O、Q",
            "a VIN has 17 letters and digits without I, O, Q",
            field="vin",
        )
    return vin


# --- master data -------------------------------------------------------------------------


class VehicleStatus(StrEnum):
    IN_SERVICE = "in_service"
    IN_REPAIR = "in_repair"
    SUSPENDED = "suspended"
    SCRAPPED = "scrapped"

    @property
    def label(self) -> str:
        return {
            "in_service": "在用",
            "in_repair": "维修中",
            "suspended": "停用",
            "scrapped": "报废",
        }[self.value]


class Vehicle(VoidableModel):
    plate = peewee.CharField(max_length=16, unique=True)
    unit = peewee.ForeignKeyField(Department, backref="vehicles")  # 有车单位/中队
    model = peewee.CharField(max_length=100, default="")
    vin = peewee.CharField(max_length=17, default="")
    purchase_date = peewee.DateField(null=True)
    odometer = peewee.IntegerField(default=0)  # km, the highest reading known
    status = peewee.CharField(max_length=16, default=VehicleStatus.IN_SERVICE)
    service_interval_km = peewee.IntegerField(default=5000)
    service_interval_months = peewee.IntegerField(default=6)
    last_service_date = peewee.DateField(null=True)
    last_service_km = peewee.IntegerField(default=0)

    def __str__(self) -> str:
        return self.plate


class VehicleDriver(BaseModel):
    vehicle = peewee.ForeignKeyField(Vehicle, backref="driver_rows")
    driver = peewee.ForeignKeyField(User, backref="vehicle_rows")

    class Meta:
        indexes = ((("vehicle", "driver"), True),)


class RepairShop(VoidableModel):
    """定点修理厂. Taking a shop off the list (``designated=False``) keeps its history."""

    name = peewee.CharField(max_length=100, unique=True)
    address = peewee.CharField(max_length=200, default="")
    phone = peewee.CharField(max_length=32, default="")
    designated = peewee.BooleanField(default=True)


class FuelStation(VoidableModel):
    """定点加油站."""

    name = peewee.CharField(max_length=100, unique=True)
    address = peewee.CharField(max_length=200, default="")
    designated = peewee.BooleanField(default=True)


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


class Repair(VersionedModel):
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

    @property
    def state_label(self) -> str:
        return RepairState(self.state).label

    def instance(self) -> Instance | None:
        return workflow.for_document(REPAIR_FLOW.doc_type, self.id)

    def actual_cost(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.state == LineState.FITTED), Decimal("0"))


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


# --- maintenance, fuel, use --------------------------------------------------------------


class Maintenance(BaseModel):
    """定期维护保养 (F1)."""

    vehicle = peewee.ForeignKeyField(Vehicle, backref="maintenances")
    done_on = peewee.DateField()
    odometer = peewee.IntegerField()
    items = peewee.TextField(default="")
    cost = peewee.DecimalField(**MONEY, default=Decimal("0"))
    shop = peewee.ForeignKeyField(RepairShop, null=True)
    on_time = peewee.BooleanField()
    recorded_by = peewee.ForeignKeyField(User, null=True)


class FuelLog(BaseModel):
    """A fill-up at a designated station (F10)."""

    vehicle = peewee.ForeignKeyField(Vehicle, backref="fuel_logs")
    station = peewee.ForeignKeyField(FuelStation, backref="fuel_logs")
    filled_at = peewee.DateTimeField(index=True)
    litres = peewee.DecimalField(max_digits=8, decimal_places=2)
    amount = peewee.DecimalField(**MONEY)
    odometer = peewee.IntegerField()
    driver = peewee.ForeignKeyField(User, null=True)
    recorded_by = peewee.ForeignKeyField(User, null=True)


class VehicleUse(BaseModel):
    """用车申请 (F10): leaving the city or private use needs the main leader's consent."""

    vehicle = peewee.ForeignKeyField(Vehicle, backref="uses")
    applicant = peewee.ForeignKeyField(User)
    purpose = peewee.TextField()
    destination = peewee.CharField(max_length=100)
    out_of_city = peewee.BooleanField(default=False)
    private = peewee.BooleanField(default=False)
    starts = peewee.DateTimeField()
    ends = peewee.DateTimeField()
    state = peewee.CharField(max_length=16, default="applied")


TABLES = [
    Vehicle,
    VehicleDriver,
    RepairShop,
    FuelStation,
    Repair,
    Supplement,
    RepairLine,
    Acceptance,
    Maintenance,
    FuelLog,
    VehicleUse,
]

# --- flows -------------------------------------------------------------------------------

REPAIR_FLOW = workflow.register_flow(
    Flow(
        "fleet_repair",
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

USE_FLOW = workflow.register_flow(
    Flow(
        "fleet_use",
        "用车申请",
        (
            Node("fleet", "车管审批", (Approver.role(Role.FLEET_MANAGER),)),
            Node(
                "leader",
                "主要领导同意（出市/私用）",
                (Approver.role(Role.LEADER),),
                condition=Condition("needs_leader", "==", True),
            ),
        ),
    )
)


def _violation(rule: str, zh: str, en: str, field: str | None = None) -> RuleViolation:
    return RuleViolation(rule, zh, en, field=field)


# --- master data use cases ---------------------------------------------------------------


def add_vehicle(
    actor: Actor,
    plate: str,
    unit: Department,
    *,
    model: str = "",
    vin: str = "",
    purchase_date: date | None = None,
    odometer: int = 0,
    drivers: Iterable[User] = (),
    service_interval_km: int = 5000,
    service_interval_months: int = 6,
) -> Vehicle:
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS, Role.ADMIN)
    plate = normalize_plate(plate)
    vin = normalize_vin(vin)
    if odometer < 0 or service_interval_km <= 0 or service_interval_months <= 0:
        raise RuleViolation(
            None,
            "里程和保养间隔必须为正数",
            "mileage and intervals must be positive",
            field="odometer",
        )
    with db.atomic():
        if Vehicle.select().where(Vehicle.plate == plate).exists():
            raise RuleViolation(
                None, f"车辆 {plate} 已登记", f"vehicle {plate} exists", field="plate"
            )
        vehicle = audit.create(
            actor,
            Vehicle,
            plate=plate,
            unit=unit,
            model=model.strip(),
            vin=vin,
            purchase_date=purchase_date,
            odometer=odometer,
            last_service_km=odometer,
            last_service_date=purchase_date,
            service_interval_km=service_interval_km,
            service_interval_months=service_interval_months,
        )
        for driver in drivers:
            VehicleDriver.create(vehicle=vehicle, driver=driver)
        return vehicle


def update_vehicle(actor: Actor, vehicle: Vehicle, **changes: Any) -> bool:
    """Change a vehicle's register data (unit, model, VIN, purchase date, intervals);
    the plate is its identity and 维修中 belongs to the repair flow. Returns whether anything
    changed."""
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS, Role.ADMIN)
    allowed = {
        "unit",
        "model",
        "vin",
        "purchase_date",
        "service_interval_km",
        "service_interval_months",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise RuleViolation(
            None, f"不能修改：{'、'.join(sorted(unknown))}", f"cannot change {unknown}"
        )
    for key in ("service_interval_km", "service_interval_months"):
        if key in changes and int(changes[key]) <= 0:
            raise RuleViolation(None, "保养间隔必须为正数", "intervals must be positive", field=key)
    if "vin" in changes:
        changes["vin"] = normalize_vin(str(changes["vin"] or ""))
    with db.atomic():
        return bool(audit.update(actor, vehicle, **changes))


def update_place(actor: Actor, place: RepairShop | FuelStation, **changes: Any) -> bool:
    """Address or phone of a shop or station (the list itself: ``set_designated``)."""
    require_role(actor, Role.LOGISTICS, Role.ADMIN)
    allowed = {"address", "phone"} if isinstance(place, RepairShop) else {"address"}
    unknown = set(changes) - allowed
    if unknown:
        raise RuleViolation(
            None, f"不能修改：{'、'.join(sorted(unknown))}", f"cannot change {unknown}"
        )
    with db.atomic():
        return bool(audit.update(actor, place, **changes))


def assign_drivers(actor: Actor, vehicle: Vehicle, drivers: Iterable[User]) -> None:
    require_role(actor, Role.FLEET_MANAGER, Role.ADMIN)
    wanted = {d.id for d in drivers}
    with db.atomic():
        current = {
            r.driver_id for r in VehicleDriver.select().where(VehicleDriver.vehicle == vehicle)
        }
        VehicleDriver.delete().where(
            (VehicleDriver.vehicle == vehicle) & VehicleDriver.driver.in_(list(current - wanted))
        ).execute()
        for driver_id in wanted - current:
            VehicleDriver.create(vehicle=vehicle, driver=driver_id)
        audit.record(
            actor, "vehicle", vehicle.id, "drivers", {"drivers": (sorted(current), sorted(wanted))}
        )


def drivers_of(vehicle: Vehicle) -> list[User]:
    return list(User.select().join(VehicleDriver).where(VehicleDriver.vehicle == vehicle.id))


def set_vehicle_status(actor: Actor, vehicle: Vehicle, status: VehicleStatus) -> None:
    """停用 / 报废 / back to 在用. 维修中 is set only by the repair flow."""
    require_role(actor, Role.FLEET_MANAGER, Role.ADMIN)
    if status == VehicleStatus.IN_REPAIR or vehicle.status == VehicleStatus.IN_REPAIR:
        raise _violation(
            "F6",
            "维修状态只能由维修流程改变（出厂验收合格后恢复在用）",
            "the repair flow alone moves a vehicle in and out of repair",
        )
    with db.atomic():
        audit.update(actor, vehicle, status=status.value)


def add_shop(actor: Actor, name: str, address: str = "", phone: str = "") -> RepairShop:
    require_role(actor, Role.LOGISTICS, Role.ADMIN)
    with db.atomic():
        if RepairShop.select().where(RepairShop.name == name.strip()).exists():
            raise RuleViolation(
                None, f"修理厂「{name}」已存在", f"shop {name} exists", field="name"
            )
        return audit.create(actor, RepairShop, name=name.strip(), address=address, phone=phone)


def add_station(actor: Actor, name: str, address: str = "") -> FuelStation:
    require_role(actor, Role.LOGISTICS, Role.ADMIN)
    with db.atomic():
        if FuelStation.select().where(FuelStation.name == name.strip()).exists():
            raise RuleViolation(
                None, f"加油站「{name}」已存在", f"station {name} exists", field="name"
            )
        return audit.create(actor, FuelStation, name=name.strip(), address=address)


def set_designated(actor: Actor, place: RepairShop | FuelStation, designated: bool) -> None:
    """Put a shop or station on the designated list or take it off (its history stays)."""
    require_role(actor, Role.LOGISTICS, Role.ADMIN)
    with db.atomic():
        audit.update(actor, place, designated=designated)


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


def _lock(repair: Repair) -> Repair:
    """Re-read the repair under a row lock, so two desktops cannot both move it."""
    return for_update(Repair.select().where(Repair.id == repair.id)).get()


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
            raise _violation(
                "F2",
                f"{driver.name} 不是 {vehicle.plate} 的驾驶员，不能报修",
                f"{driver.name} is not a driver of {vehicle.plate}",
            )
        if vehicle.status == VehicleStatus.SCRAPPED:
            raise _violation("F1", "车辆已报废", "the vehicle is scrapped")
        open_repair = (
            Repair.select()
            .where(
                (Repair.vehicle == vehicle.id)
                & Repair.state.in_(
                    [
                        RepairState.APPLIED,
                        RepairState.RETURNED,
                        RepairState.AUTHORISED,
                        RepairState.IN_REPAIR,
                        RepairState.AWAITING_ACCEPTANCE,
                    ]
                )
            )
            .first()
        )
        if open_repair is not None:
            raise _violation(
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
        repair = _lock(repair)
        inst = repair.instance()
        node = inst.current_node() if inst else None
        if repair.state != RepairState.APPLIED or node is None or node.key != "assess":
            raise _violation(
                "F2",
                "只有待鉴定的维修申请可以填写维修保修单",
                "only a repair awaiting assessment can be assessed",
            )
        shop = RepairShop.get_by_id(shop.id)
        if not shop.designated or shop.is_voided:
            raise _violation(
                "F7",
                f"「{shop.name}」不是定点修理厂",
                f"{shop.name} is not designated",
                field="shop",
            )
        if repair.is_overhaul and not quote_ref.strip():
            raise _violation(
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
        repair = _lock(repair)
        inst = repair.instance()
        if declined:
            if not repair.is_overhaul:
                raise _violation(
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
        repair = _lock(repair)
        inst = repair.instance()
        node = inst.current_node() if inst else None
        if node is None or node.key != "file":
            raise _violation("F2", "尚未到后勤备案环节", "the repair is not at the filing step")
        workflow.approve(actor, inst.id, comment or "已备案", at=at)
        return Repair.get_by_id(repair.id)


@workflow.before_approve(REPAIR_FLOW.doc_type)
def _repair_guard(inst: Instance, node: Node, actor: Actor) -> None:
    repair = Repair.get_by_id(inst.doc_id)
    if node.key == "assess" and repair.assessed_at is None:
        raise _violation(
            "F2", "车管须先鉴定并填写车辆维修保修单", "the fleet manager must assess first"
        )
    if node.key in ("consent", "review", "file"):
        live = [ln for ln in repair.lines if ln.state == LineState.ESTIMATED]
        if not live:
            raise _violation(
                "F5", "报价项目已全部不批准，请驳回", "every line is declined; reject instead"
            )


@workflow.on_outcome(REPAIR_FLOW.doc_type)
def _repair_outcome(inst: Instance, state: State, actor: Actor) -> None:
    repair = Repair.get_by_id(inst.doc_id)
    at = inst.finished_at or now()  # the time of the filing step
    if state == State.APPROVED:
        lines = [ln for ln in repair.lines if ln.state == LineState.ESTIMATED]
        RepairLine.update(state=LineState.AUTHORISED).where(
            RepairLine.id.in_([ln.id for ln in lines])
        ).execute()
        cost = sum((ln.amount for ln in lines), Decimal("0"))
        number = next_number("ZX", at.year)
        guarded_update(
            repair,
            repair.version,
            state=RepairState.AUTHORISED,
            authorisation_no=number,
            authorised_at=at,
            approved_cost=cost,
        )
        audit.record(actor, "repair", repair.id, "authorise", {"authorisation_no": (None, number)})
        return
    mapping = {
        State.REJECTED: RepairState.REJECTED,
        State.RETURNED: RepairState.RETURNED,
        State.WITHDRAWN: RepairState.WITHDRAWN,
        State.CLOSED: RepairState.WITHDRAWN,
    }
    guarded_update(repair, repair.version, state=mapping[state])


def resubmit_repair(
    driver: User, repair: Repair, fault: str | None = None, at: datetime | None = None
) -> Repair:
    """After 退回 the driver corrects the application and sends it again."""
    with db.atomic():
        repair = _lock(repair)
        if repair.state != RepairState.RETURNED:
            raise _violation("F2", "只有被退回的维修申请可以重新提交", "only a returned repair")
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
        number = (number or "").strip() or next_number("WX", applied_on.year)
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
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
    with db.atomic():
        repair = _lock(repair)
        if repair.state != RepairState.AUTHORISED or not repair.authorisation_no:
            raise _violation(
                "F2",
                "没有准修通知单，车辆不得进厂维修",
                "no repair authorisation: the vehicle may not enter a shop",
            )
        if not repair.shop.designated or repair.shop.is_voided:
            raise _violation(
                "F7",
                f"「{repair.shop.name}」已不在定点修理厂名单",
                f"{repair.shop.name} is no longer designated",
            )
        guarded_update(repair, repair.version, state=RepairState.IN_REPAIR, entered_at=at)
        vehicle = repair.vehicle
        audit.update(actor, vehicle, status=VehicleStatus.IN_REPAIR.value)
        audit.record(actor, "repair", repair.id, "enter_shop")
        return repair


def propose_supplement(
    actor: User, repair: Repair, lines: Sequence[LineInput], reason: str, at: datetime | None = None
) -> Supplement:
    """F3/F4: anything beyond the authorisation is a supplement; an assembly (总成) or a part
    over the threshold (setting, default ¥2,000) also needs the main leader's consent."""
    at = at or now()
    require_role(actor, Role.FLEET_MANAGER)
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
        repair = _lock(repair)
        if repair.state != RepairState.IN_REPAIR:
            raise _violation("F4", "只有维修中的车辆可以追加项目", "supplements only during repair")
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
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
    with db.atomic():
        line = RepairLine.get_by_id(line.id)
        repair = _lock(line.repair)
        if repair.state != RepairState.IN_REPAIR:
            raise _violation("F3", "车辆不在维修中", "the vehicle is not in repair")
        if line.state == LineState.PROPOSED:
            raise _violation(
                "F4",
                f"「{line.name}」的追加审批尚未通过，不得更换",
                f"{line.name} awaits the supplement's approval",
            )
        if line.state not in (LineState.AUTHORISED, LineState.APPROVED):
            raise _violation(
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
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
    with db.atomic():
        repair = _lock(repair)
        if repair.state != RepairState.IN_REPAIR:
            raise _violation("F6", "车辆不在维修中", "the vehicle is not in repair")
        if any(s.state == "pending" for s in repair.supplements):
            raise _violation("F4", "还有追加项目在审批中", "a supplement is still under approval")
        if not any(ln.state == LineState.FITTED for ln in repair.lines):
            raise _violation(
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
        repair = _lock(repair)
        if repair.state != RepairState.AWAITING_ACCEPTANCE:
            raise _violation(
                "F6",
                f"维修单{repair.state_label}，不能验收",
                "the repair is not awaiting acceptance",
            )
        if driver.id != repair.driver_id:
            raise _violation(
                "F6",
                "出厂验收须由报修驾驶员本人签字",
                "the driver who applied must sign the acceptance",
            )
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


# --- maintenance (F1) --------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    days_in = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, days_in))


@dataclass
class MaintenanceDue:
    vehicle: Vehicle
    due_date: date | None
    due_km: int
    km_left: int
    days_left: int | None
    status: str  # ok / due_soon / overdue

    @property
    def status_label(self) -> str:
        return {"ok": "正常", "due_soon": "即将到期", "overdue": "已超期"}[self.status]


def maintenance_status(
    vehicle: Vehicle, today: date, *, soon_km: int = 500, soon_days: int = 15
) -> MaintenanceDue:
    """By kilometres or months, whichever comes first (F1)."""
    due_km = vehicle.last_service_km + vehicle.service_interval_km
    km_left = due_km - vehicle.odometer
    base = vehicle.last_service_date or vehicle.purchase_date
    due_date = _add_months(base, vehicle.service_interval_months) if base else None
    days_left = (due_date - today).days if due_date else None
    if km_left <= 0 or (days_left is not None and days_left < 0):
        status = "overdue"
    elif km_left <= soon_km or (days_left is not None and days_left <= soon_days):
        status = "due_soon"
    else:
        status = "ok"
    return MaintenanceDue(vehicle, due_date, due_km, km_left, days_left, status)


def maintenance_due(today: date, **kw: int) -> list[MaintenanceDue]:
    """Vehicles due soon or overdue, most urgent first (scrapped and suspended left out)."""
    rows = [
        maintenance_status(v, today, **kw)
        for v in Vehicle.select().where(
            Vehicle.voided_at.is_null()
            & Vehicle.status.in_([VehicleStatus.IN_SERVICE, VehicleStatus.IN_REPAIR])
        )
    ]
    urgent = [r for r in rows if r.status != "ok"]
    return sorted(
        urgent,
        key=lambda r: (
            r.status != "overdue",
            min(
                r.km_left / max(r.vehicle.service_interval_km, 1),
                (r.days_left if r.days_left is not None else 10**6)
                / 30
                / r.vehicle.service_interval_months,
            ),
        ),
    )


def record_maintenance(
    actor: Actor,
    vehicle: Vehicle,
    done_on: date,
    odometer: int,
    items: str,
    cost: Decimal = Decimal("0"),
    shop: RepairShop | None = None,
) -> Maintenance:
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
    with db.atomic():
        vehicle = for_update(Vehicle.select().where(Vehicle.id == vehicle.id)).get()
        if shop is not None and not RepairShop.get_by_id(shop.id).designated:
            raise _violation(
                "F7",
                f"「{shop.name}」不是定点修理厂",
                f"{shop.name} is not designated",
                field="shop",
            )
        _check_reading(vehicle, odometer, datetime.combine(done_on, datetime.min.time()))
        on_time = maintenance_status(vehicle, done_on).status != "overdue"
        row = Maintenance.create(
            vehicle=vehicle,
            done_on=done_on,
            odometer=odometer,
            items=items.strip(),
            cost=Decimal(cost),
            shop=shop,
            on_time=on_time,
            recorded_by=actor.id,
        )
        changes: dict[str, Any] = {"odometer": max(vehicle.odometer, odometer)}
        if vehicle.last_service_date is None or done_on >= vehicle.last_service_date:
            changes.update(last_service_date=done_on, last_service_km=odometer)
        audit.update(actor, vehicle, **changes)
        return row


def maintenance_compliance(start: date, end: date) -> dict[str, tuple[int, int]]:
    """Per unit: (maintenances on time, maintenances done) in the period."""
    rows = (
        Maintenance.select(Department.name, Maintenance.on_time)
        .join(Vehicle)
        .join(Department)
        .where(Maintenance.done_on.between(start, end))
        .tuples()
    )
    result: dict[str, tuple[int, int]] = {}
    for unit, on_time in rows:
        ok, total = result.get(unit, (0, 0))
        result[unit] = (ok + bool(on_time), total + 1)
    return result


# --- fuel and use (F10) ------------------------------------------------------------------


def _check_reading(vehicle: Vehicle, odometer: int, at: datetime) -> None:
    """Readings never go backwards in time, yet an older entry may be back-filled where it
    fits between its neighbours."""
    before = (
        FuelLog.select(peewee.fn.MAX(FuelLog.odometer))
        .where((FuelLog.vehicle == vehicle.id) & (FuelLog.filled_at <= at))
        .scalar()
    )
    after = (
        FuelLog.select(peewee.fn.MIN(FuelLog.odometer))
        .where((FuelLog.vehicle == vehicle.id) & (FuelLog.filled_at > at))
        .scalar()
    )
    if before is not None and odometer < before:
        raise _violation(
            "F10",
            f"里程 {odometer} 小于此前记录的 {before} 公里",
            f"odometer {odometer} is below the earlier reading {before}",
            field="odometer",
        )
    if after is not None and odometer > after:
        raise _violation(
            "F10",
            f"里程 {odometer} 大于之后记录的 {after} 公里",
            f"odometer {odometer} is above the later reading {after}",
            field="odometer",
        )


def log_fuel(
    actor: User,
    vehicle: Vehicle,
    station: FuelStation,
    filled_at: datetime,
    litres: Decimal,
    amount: Decimal,
    odometer: int,
    driver: User | None = None,
) -> FuelLog:
    """定点加油: each fill-up at a designated station, with litres, amount and odometer."""
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS, Role.CLERK)
    litres, amount = Decimal(litres), Decimal(amount)
    if litres <= 0 or amount <= 0:
        raise RuleViolation(
            None, "加油量和金额必须大于0", "litres and amount must be positive", field="litres"
        )
    with db.atomic():
        vehicle = for_update(Vehicle.select().where(Vehicle.id == vehicle.id)).get()
        station = FuelStation.get_by_id(station.id)
        if not station.designated or station.is_voided:
            raise _violation(
                "F10",
                f"「{station.name}」不是定点加油站",
                f"{station.name} is not a designated station",
                field="station",
            )
        _check_reading(vehicle, odometer, filled_at)
        row = FuelLog.create(
            vehicle=vehicle,
            station=station,
            filled_at=filled_at,
            litres=litres,
            amount=amount.quantize(CENT),
            odometer=odometer,
            driver=driver,
            recorded_by=actor,
        )
        audit.record(
            actor,
            "fuel_log",
            row.id,
            "create",
            {"litres": (None, litres), "amount": (None, amount), "odometer": (None, odometer)},
        )
        if odometer > vehicle.odometer:
            Vehicle.update(odometer=odometer).where(Vehicle.id == vehicle.id).execute()
        return row


def request_use(
    actor: User,
    vehicle: Vehicle,
    purpose: str,
    destination: str,
    starts: datetime,
    ends: datetime,
    *,
    out_of_city: bool = False,
    private: bool = False,
) -> VehicleUse:
    """用车申请: private use and leaving the city need the main leader's consent (F10)."""
    if not purpose.strip() or not destination.strip():
        raise RuleViolation(
            None, "请填写用车事由和目的地", "purpose and destination are needed", field="purpose"
        )
    if ends <= starts:
        raise RuleViolation(
            None, "结束时间须晚于开始时间", "the end must be after the start", field="ends"
        )
    with db.atomic():
        use = VehicleUse.create(
            vehicle=vehicle,
            applicant=actor,
            purpose=purpose.strip(),
            destination=destination.strip(),
            out_of_city=out_of_city,
            private=private,
            starts=starts,
            ends=ends,
        )
        workflow.submit(
            actor,
            USE_FLOW.doc_type,
            title=f"{vehicle.plate} 用车：{destination}",
            doc_id=use.id,
            fields={"needs_leader": out_of_city or private},
        )
        return use


@workflow.on_outcome(USE_FLOW.doc_type)
def _use_outcome(inst: Instance, state: State, actor: Actor) -> None:
    VehicleUse.update(state=state.value).where(VehicleUse.id == inst.doc_id).execute()


# --- month-end statistics (F8) -----------------------------------------------------------


def month_bounds(period: str) -> tuple[datetime, datetime]:
    """``"2026-10"`` → [2026-10-01 00:00, 2026-11-01 00:00)."""
    try:
        year, month = (int(p) for p in period.split("-"))
        start = datetime(year, month, 1)
    except ValueError as exc:
        raise RuleViolation(
            None, f"统计期间格式应为 2026-10：{period}", f"period must look like 2026-10: {period}"
        ) from exc
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    return start, end


@dataclass
class Figures:
    count: int = 0
    cost: Decimal = Decimal("0")
    on_time: int = 0
    first_pass: int = 0

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.count if self.count else None

    @property
    def pass_rate(self) -> float | None:
        return self.first_pass / self.count if self.count else None


@dataclass
class MonthlyReport:
    period: str
    total: Figures
    by_vehicle: dict[str, Figures] = field(default_factory=dict)
    by_unit: dict[str, Figures] = field(default_factory=dict)
    by_shop: dict[str, Figures] = field(default_factory=dict)
    paid: list[Repair] = field(default_factory=list)
    spot_checks: list[Repair] = field(default_factory=list)


def closed_repairs(start: datetime, end: datetime) -> list[Repair]:
    return list(
        Repair.select(Repair, Vehicle, Department, RepairShop)
        .join(Vehicle)
        .switch(Repair)
        .join(Department)
        .switch(Repair)
        .join(RepairShop)
        .where(
            (Repair.state == RepairState.CLOSED)
            & (Repair.closed_at >= start)
            & (Repair.closed_at < end)
        )
        .order_by(Repair.id)
    )


def monthly_report(period: str) -> MonthlyReport:
    """F8: repairs closed in the month — count, cost, 及时率 (closed by the promised date),
    合格率 (accepted at the first check) by vehicle, unit and shop; the 有偿服务登记; and a
    reproducible random pick for spot-check callbacks (the same period always picks the
    same repairs)."""
    start, end = month_bounds(period)
    repairs = closed_repairs(start, end)
    costs: dict[int, Decimal] = {r.id: Decimal("0") for r in repairs}
    if repairs:
        for line in RepairLine.select().where(
            RepairLine.repair.in_(list(costs)) & (RepairLine.state == LineState.FITTED)
        ):
            costs[line.repair_id] += line.amount
    report = MonthlyReport(period, Figures())
    for repair in repairs:
        on_time = (
            repair.promised_date is not None and repair.closed_at.date() <= repair.promised_date
        )
        groups = (
            report.total,
            report.by_vehicle.setdefault(repair.vehicle.plate, Figures()),
            report.by_unit.setdefault(repair.unit.name, Figures()),
            report.by_shop.setdefault(repair.shop.name, Figures()),
        )
        for fig in groups:
            fig.count += 1
            fig.cost += costs[repair.id]
            fig.on_time += on_time
            fig.first_pass += bool(repair.first_pass)
        if repair.paid:
            report.paid.append(repair)
    share = settings.get("fleet.spot_check_percent") / Decimal(100)
    if repairs and share > 0:
        picks = max(1, math.ceil(len(repairs) * share))
        chosen = random.Random(f"houqin-spot-{period}").sample(repairs, picks)
        report.spot_checks = sorted(chosen, key=lambda r: r.id)
    for repair in repairs:
        repair.cost = costs[repair.id]  # type: ignore[attr-defined]
    return report
