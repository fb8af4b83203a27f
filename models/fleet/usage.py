"""车辆管理, keeping vehicles in service (F1, F10): periodic maintenance by kilometres or
months, fuel at designated stations with odometer readings that never go backwards, and use
requests that need the main leader's consent to leave the city or for private use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, dates, documents, numbers, workflow
from models.audit import AuditLog
from models.base import VoidableModel
from models.db import db, retry_document
from models.documents import Document, transition
from models.errors import RuleViolation
from models.fleet.vehicles import (
    CENT,
    MONEY,
    FuelStation,
    RepairShop,
    Vehicle,
    VehicleStatus,
    refuse_retired,
)
from models.people import Actor, Department, Role, User, require_active, require_role
from models.prepared import Prepared
from models.text import clean, is_blank
from models.workflow import Approver, Condition, Flow, Node, State

# --- maintenance, fuel, use --------------------------------------------------------------


class Maintenance(VoidableModel):
    """定期维护保养 (F1). A wrong entry is voided with a reason, or corrected (voided and
    entered again), never edited or deleted: the audit log keeps what was there."""

    vehicle = peewee.ForeignKeyField(Vehicle, backref="maintenances")
    done_on = peewee.DateField()
    odometer = peewee.IntegerField()
    items = peewee.TextField(default="", verbose_name="保养项目")
    cost = peewee.DecimalField(**MONEY, default=Decimal("0"))
    shop = peewee.ForeignKeyField(RepairShop, null=True)
    on_time = peewee.BooleanField()
    recorded_by = peewee.ForeignKeyField(User, null=True)


class FuelLog(VoidableModel):
    """A fill-up at a designated station (F10); voided or corrected like a maintenance."""

    vehicle = peewee.ForeignKeyField(Vehicle, backref="fuel_logs")
    station = peewee.ForeignKeyField(FuelStation, backref="fuel_logs")
    filled_at = peewee.DateTimeField(index=True)
    litres = peewee.DecimalField(max_digits=8, decimal_places=2)
    amount = peewee.DecimalField(**MONEY)
    odometer = peewee.IntegerField()
    driver = peewee.ForeignKeyField(User, null=True)
    recorded_by = peewee.ForeignKeyField(User, null=True)


class UseState(StrEnum):
    APPLIED = "applied"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "applied": "审批中",
            "returned": "已退回",
            "approved": "已批准",
            "rejected": "未批准",
            "withdrawn": "已撤回",
        }[self.value]


class VehicleUse(Document):
    """用车申请 (F10): leaving the city or private use needs the main leader's consent."""

    DOC_TYPE = "fleet_use"
    STATES = UseState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: UseState.APPROVED,
        State.REJECTED: UseState.REJECTED,
        State.RETURNED: UseState.RETURNED,
        State.WITHDRAWN: UseState.WITHDRAWN,
        State.CLOSED: UseState.WITHDRAWN,
    }
    TRANSITIONS = (
        transition("approve", [UseState.APPLIED], nodes=["fleet", "leader"]),
        transition("reject", [UseState.APPLIED], nodes=["fleet", "leader"]),
        transition("return", [UseState.APPLIED], nodes=["fleet", "leader"]),
        transition("withdraw", [UseState.APPLIED, UseState.RETURNED], engine="withdraw"),
    )

    vehicle = peewee.ForeignKeyField(Vehicle, backref="uses")
    applicant = peewee.ForeignKeyField(User)
    purpose = peewee.TextField(verbose_name="用车事由")
    destination = peewee.CharField(max_length=100, verbose_name="目的地")
    out_of_city = peewee.BooleanField(default=False)
    private = peewee.BooleanField(default=False)
    starts = peewee.DateTimeField()
    ends = peewee.DateTimeField()
    state = peewee.CharField(max_length=16, default=UseState.APPLIED)

    def approval_title(self) -> tuple[str, str]:
        plate, to = self.vehicle.plate, self.destination
        return (f"{plate} 用车：{to}", f"{plate} use: {to}")


USE_FLOW = workflow.register_flow(
    Flow(
        VehicleUse.DOC_TYPE,
        "用车申请",
        (
            Node(
                "fleet",
                "车管审批",
                (Approver.role(Role.FLEET_MANAGER),),
                name_en="Fleet manager's approval",
            ),
            Node(
                "leader",
                "主要领导同意（出市/私用）",
                (Approver.role(Role.LEADER),),
                condition=Condition("needs_leader", "==", True),
                name_en="Main leader (out of city / private)",
            ),
        ),
        name_en="Vehicle use request",
    )
)
documents.register(VehicleUse)


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


# Asked at every maintenance recorded: rendered once (``models.prepared``).
_SERVICE_BEFORE = Prepared(
    lambda vehicle, done_on: (
        Maintenance.select()
        .where(
            (Maintenance.vehicle == vehicle)
            & (Maintenance.done_on < done_on)
            & Maintenance.voided_at.is_null()
        )
        .order_by(Maintenance.done_on.desc(), Maintenance.id.desc())
        .limit(1)
    )
)


def maintenance_on_time(vehicle: Vehicle, done_on: date, odometer: int) -> bool:
    """Was a maintenance done within the interval, judged by its own reading and date against
    the service before it (the vehicle may be far beyond both when an older record is
    entered later)?"""
    before = _SERVICE_BEFORE.first(vehicle.id, done_on)
    if before is not None:
        base, base_km = before.done_on, before.odometer
    else:  # the first on record: from the purchase (or registration) on
        base, base_km = vehicle.purchase_date, vehicle.last_service_km
    due_date = _add_months(base, vehicle.service_interval_months) if base else None
    within_km = odometer - base_km <= vehicle.service_interval_km
    return within_km and (due_date is None or done_on <= due_date)


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
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
        odometer = numbers.whole(odometer, "里程", "the odometer", field="odometer", rule="F1")
        cost = numbers.money(cost, "保养费用", "the cost", field="cost", rule="F1")
        dates.done(done_on, "保养日期", "the maintenance date", field="done_on", rule="F1")
        vehicle = Vehicle.get_for_update(Vehicle.id == vehicle.id)
        refuse_retired(vehicle, "F1")
        if shop is not None and not RepairShop.get_by_id(shop.id).designated:
            raise RuleViolation(
                "F7",
                f"「{shop.name}」不是定点修理厂",
                f"{shop.name} is not designated",
                field="shop",
            )
        _check_reading(vehicle, odometer, datetime.combine(done_on, datetime.min.time()))
        on_time = maintenance_on_time(vehicle, done_on, odometer)
        row = Maintenance.create(
            vehicle=vehicle,
            done_on=done_on,
            odometer=odometer,
            items=clean(items),
            cost=cost,
            shop=shop,
            on_time=on_time,
            recorded_by=actor.id,
        )
        changes: dict[str, Any] = {"odometer": max(vehicle.odometer, odometer)}
        if vehicle.last_service_date is None or done_on >= vehicle.last_service_date:
            changes.update(last_service_date=done_on, last_service_km=odometer)
        audit.update(actor, vehicle, **changes)
        return row


def void_maintenance(actor: Actor, maintenance: Maintenance, reason: str) -> None:
    """作废 a maintenance entered wrongly (F1, X2): with a reason, audited; the vehicle's
    last service and odometer go back to what the remaining records say."""
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
        row = Maintenance.get_by_id(maintenance.id)
        vehicle = Vehicle.get_for_update(Vehicle.id == row.vehicle_id)
        audit.void(actor, row, reason)
        _recompute_readings(actor, vehicle)


def correct_maintenance(
    actor: Actor, maintenance: Maintenance, reason: str, **changes: Any
) -> Maintenance:
    """更正 a maintenance: the wrong one voided with ``reason``, the right one recorded with
    every check of ``record_maintenance`` (``changes``: done_on, odometer, items, cost,
    shop), in one transaction."""
    unknown = set(changes) - {"done_on", "odometer", "items", "cost", "shop"}
    if unknown:
        raise RuleViolation(None, f"不能修改：{unknown}", f"cannot change {unknown}")
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
        row = Maintenance.get_by_id(maintenance.id)
        void_maintenance(actor, row, f"更正：{clean(reason)}" if not is_blank(reason) else "")
        values = {
            "done_on": row.done_on,
            "odometer": row.odometer,
            "items": row.items,
            "cost": row.cost,
            "shop": row.shop,
            **changes,
        }
        return record_maintenance(actor, row.vehicle, **values)


def _recompute_readings(actor: Actor, vehicle: Vehicle) -> None:
    """After a reading is voided: the odometer is the highest reading still on record (or
    the registered one), the last service the latest maintenance still on record (or the
    purchase)."""
    registered = registered_reading(vehicle)
    latest = (
        Maintenance.select()
        .where((Maintenance.vehicle == vehicle.id) & Maintenance.voided_at.is_null())
        .order_by(Maintenance.done_on.desc(), Maintenance.id.desc())
        .first()
    )
    tops = [
        FuelLog.select(peewee.fn.MAX(FuelLog.odometer))
        .where((FuelLog.vehicle == vehicle.id) & FuelLog.voided_at.is_null())
        .scalar(),
        latest.odometer if latest else None,
    ]
    odometer = max([registered, *(km for km in tops if km is not None)])
    if latest is not None:
        service = {"last_service_date": latest.done_on, "last_service_km": latest.odometer}
    else:
        service = {"last_service_date": vehicle.purchase_date, "last_service_km": registered}
    audit.update(actor, vehicle, odometer=odometer, **service)


def maintenance_compliance(start: date, end: date) -> dict[str, tuple[int, int]]:
    """Per unit: (maintenances on time, maintenances done) in the period."""
    rows = (
        Maintenance.select(Department.name, Maintenance.on_time)
        .join(Vehicle)
        .join(Department)
        .where(Maintenance.done_on.between(start, end) & Maintenance.voided_at.is_null())
        .tuples()
    )
    result: dict[str, tuple[int, int]] = {}
    for unit, on_time in rows:
        ok, total = result.get(unit, (0, 0))
        result[unit] = (ok + bool(on_time), total + 1)
    return result


# --- fuel and use (F10) ------------------------------------------------------------------


_REGISTERED = Prepared(
    lambda vehicle_id: (
        AuditLog.select(AuditLog.changes)
        .where(
            (AuditLog.table == Vehicle._meta.table_name)
            & (AuditLog.record_id == vehicle_id)
            & (AuditLog.action == "create")
        )
        .order_by(AuditLog.id)
        .limit(1)
    )
)


def registered_reading(vehicle: Vehicle) -> int:
    """The odometer the vehicle was registered with (its audited creation), the floor of
    every reading recorded for it."""
    row = _REGISTERED.first(vehicle.id)
    if row is None:
        return 0
    return int((row.changes_dict().get("odometer") or [None, 0])[1] or 0)


def _reading(model: type[FuelLog] | type[Maintenance], at: peewee.Field, before: bool) -> Prepared:
    """The nearest reading of a vehicle before (or after) a moment, among its kept fill-ups
    or maintenances; rendered once, since every fill-up asks four of them."""
    agg = peewee.fn.MAX if before else peewee.fn.MIN
    return Prepared(
        lambda vehicle_id, moment: model.select(agg(model.odometer)).where(
            (model.vehicle == vehicle_id)
            & model.voided_at.is_null()
            & ((at <= moment) if before else (at > moment))
        )
    )


_FUEL_BEFORE = _reading(FuelLog, FuelLog.filled_at, before=True)
_FUEL_AFTER = _reading(FuelLog, FuelLog.filled_at, before=False)
_KEPT_BEFORE = _reading(Maintenance, Maintenance.done_on, before=True)
_KEPT_AFTER = _reading(Maintenance, Maintenance.done_on, before=False)


def _check_reading(vehicle: Vehicle, odometer: int, at: datetime) -> None:
    """Readings never go backwards in time, yet an older entry may be back-filled where it
    fits between its neighbours. Fill-ups and maintenances are readings alike, and none is
    below the odometer the vehicle was registered with."""
    day = at.date()
    fuel_before = _FUEL_BEFORE.scalar(vehicle.id, at)
    fuel_after = _FUEL_AFTER.scalar(vehicle.id, at)
    kept_before = _KEPT_BEFORE.scalar(vehicle.id, day)
    kept_after = _KEPT_AFTER.scalar(vehicle.id, day)
    floor = max(
        km for km in (fuel_before, kept_before, registered_reading(vehicle)) if km is not None
    )
    ceilings = [km for km in (fuel_after, kept_after) if km is not None]
    if odometer < floor:
        raise RuleViolation(
            "F10",
            f"里程 {odometer} 小于此前记录的 {floor} 公里",
            f"odometer {odometer} is below the earlier reading {floor}",
            field="odometer",
        )
    if ceilings and odometer > min(ceilings):
        raise RuleViolation(
            "F10",
            f"里程 {odometer} 大于之后记录的 {min(ceilings)} 公里",
            f"odometer {odometer} is above the later reading {min(ceilings)}",
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
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS, Role.CLERK)
        litres = numbers.decimal(
            litres, "加油量", "litres", field="litres", positive=True, maximum=10000, rule="F10"
        )
        amount = numbers.money(
            amount, "加油金额", "the amount", field="amount", positive=True, rule="F10"
        )
        odometer = numbers.whole(odometer, "里程", "the odometer", field="odometer", rule="F10")
        dates.done(filled_at, "加油时间", "the fill-up", field="filled_at", rule="F10")
        vehicle = Vehicle.get_for_update(Vehicle.id == vehicle.id)
        refuse_retired(vehicle, "F10")
        station = FuelStation.get_by_id(station.id)
        if not station.designated or station.is_voided:
            raise RuleViolation(
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
            _RAISE_ODOMETER.rowcount(odometer, vehicle.id)
        return row


_RAISE_ODOMETER = Prepared(
    lambda km, vehicle: Vehicle.update({Vehicle.odometer: km.to(Vehicle.odometer)}).where(
        Vehicle.id == vehicle
    )
)


@retry_document
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
    with db.atomic():
        require_active(actor)
        if is_blank(purpose) or is_blank(destination):
            raise RuleViolation(
                None,
                "请填写用车事由和目的地",
                "purpose and destination are needed",
                field="purpose",
            )
        if ends <= starts:
            raise RuleViolation(
                None, "结束时间须晚于开始时间", "the end must be after the start", field="ends"
            )
        vehicle = Vehicle.get_for_update(Vehicle.id == vehicle.id)
        refuse_retired(vehicle, "F10")
        use = VehicleUse.create(
            vehicle=vehicle,
            applicant=actor,
            purpose=clean(purpose),
            destination=clean(destination),
            out_of_city=out_of_city,
            private=private,
            starts=starts,
            ends=ends,
        )
        workflow.submit(
            actor,
            USE_FLOW.doc_type,
            title=use.approval_title()[0],
            doc_id=use.id,
            fields={"needs_leader": out_of_city or private},
        )
        return use


def void_fuel(actor: Actor, fuel: FuelLog, reason: str) -> None:
    """作废 a fill-up entered wrongly (F10, X2): with a reason, audited; the vehicle's odometer
    goes back to the highest reading still on record."""
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
        row = FuelLog.get_by_id(fuel.id)
        vehicle = Vehicle.get_for_update(Vehicle.id == row.vehicle_id)
        audit.void(actor, row, reason)
        _recompute_readings(actor, vehicle)


def correct_fuel(actor: Actor, fuel: FuelLog, reason: str, **changes: Any) -> FuelLog:
    """更正 a fill-up: the wrong one voided with ``reason``, the right one logged with every
    check of ``log_fuel`` (``changes``: station, filled_at, litres, amount, odometer,
    driver), in one transaction."""
    unknown = set(changes) - {"station", "filled_at", "litres", "amount", "odometer", "driver"}
    if unknown:
        raise RuleViolation(None, f"不能修改：{unknown}", f"cannot change {unknown}")
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS)
        row = FuelLog.get_by_id(fuel.id)
        void_fuel(actor, row, f"更正：{clean(reason)}" if not is_blank(reason) else "")
        values = {
            "station": row.station,
            "filled_at": row.filled_at,
            "litres": row.litres,
            "amount": row.amount,
            "odometer": row.odometer,
            "driver": row.driver,
            **changes,
        }
        return log_fuel(actor, row.vehicle, **values)
