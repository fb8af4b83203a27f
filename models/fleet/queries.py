"""Read-only queries the 车辆管理 lists need beside the use cases (nothing here writes)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import peewee

from models import periods
from models.fleet.repairs import REPAIR_FLOW, LineState, Repair, RepairLine, RepairState
from models.fleet.stats import monthly_report
from models.fleet.usage import VehicleUse
from models.fleet.vehicles import Vehicle, VehicleDriver
from models.people import Role, User
from models.workflow import Instance, inbox, inbox_at


def driver_names() -> peewee.Node:
    """A scalar subquery: the comma-joined driver names of the outer ``Vehicle`` row, so the
    vehicle list shows its drivers without one query per row."""
    return (
        VehicleDriver.select(peewee.fn.GROUP_CONCAT(User.name))
        .join(User, on=VehicleDriver.driver == User.id)
        .where(VehicleDriver.vehicle == Vehicle.id)
    )


def vehicle_ids_driven_by(word: str) -> peewee.ModelSelect:
    """Ids of the vehicles with a driver whose name, pinyin or initials hold ``word`` (the
    vehicle list's search: "zs" finds 张三's cars)."""
    return (
        VehicleDriver.select(VehicleDriver.vehicle)
        .join(User, on=VehicleDriver.driver == User.id)
        .where(User.name_search.contains(word))
    )


def vehicle_ids_of(user: User) -> peewee.ModelSelect:
    """Ids of the vehicles ``user`` is an assigned driver of (what a driver sees)."""
    return VehicleDriver.select(VehicleDriver.vehicle).where(VehicleDriver.driver == user.id)


def repairs_to_act(user: User) -> peewee.Expression:
    """A condition on ``Repair``: the repairs waiting for ``user`` now — an approval node in
    their inbox, the driver's resubmission or exit acceptance, and for the fleet manager and
    logistics the authorised and in-repair ones (进厂, 完工). The list's 「待我处理」."""
    pending = inbox(user).where(Instance.doc_type == REPAIR_FLOW.doc_type)
    doc_ids = [doc_id for (doc_id,) in pending.select(Instance.doc_id).tuples()]
    condition = Repair.id.in_(doc_ids or [0]) | (
        (Repair.driver == user.id)
        & Repair.state.in_([RepairState.RETURNED, RepairState.AWAITING_ACCEPTANCE])
    )
    if user.has_role(Role.FLEET_MANAGER, Role.LOGISTICS):
        condition |= Repair.state.in_([RepairState.AUTHORISED, RepairState.IN_REPAIR])
    return condition


def monthly_series(last_period: str, months: int = 12) -> list[tuple[str, object]]:
    """``(period, Figures)`` for the ``months`` months ending with ``last_period``, oldest
    first: the 统计 chart's monthly cost, 及时率 and 合格率 (F8)."""
    return [(p, monthly_report(p).total) for p in periods.month_series(last_period, months)]


# --- the home page's questions (each one query on an indexed column) ----------------------


def repairs_to_assess(user: User) -> peewee.ModelSelect:
    """待鉴定维修: repairs waiting at 车管鉴定 in ``user``'s inbox, oldest deadline first."""
    return inbox_at(user, REPAIR_FLOW.doc_type, "assess")


def overdue_repairs(today: date) -> peewee.ModelSelect:
    """超期未完工: authorised or in the shop, past the 承诺完工 date the shop gave (F8's 及时率
    will count them late), the longest overdue first."""
    return (
        Repair.select(Repair, Vehicle)
        .join(Vehicle, on=Repair.vehicle == Vehicle.id)
        .where(
            Repair.state.in_([RepairState.AUTHORISED, RepairState.IN_REPAIR])
            & (Repair.promised_date < today)
        )
        .order_by(Repair.promised_date, Repair.id)
    )


def repair_cost_of_month(period: str) -> Decimal:
    """The fitted cost of the repairs closed in ``period`` (``2026-11``): the month's figure of
    the 统计 tab (F8), as one SUM over the closed-date index."""
    start, end = periods.month_bounds(period)
    total = (
        RepairLine.select(
            peewee.fn.SUM(peewee.fn.ROUND(RepairLine.quantity * RepairLine.unit_price, 2))
        )
        .join(Repair, on=RepairLine.repair == Repair.id)
        .where(
            (Repair.closed_at >= start)
            & (Repair.closed_at < end)
            & (RepairLine.state == LineState.FITTED)
        )
        .scalar()
    )
    return Decimal(str(total or 0)).quantize(Decimal("0.01"))


def drives_or_asked(user: User) -> bool:
    """Whether ``user`` drives a vehicle or ever asked for one (用车申请): who, holding no
    fleet role, still has something to do or read under 车辆管理."""
    return (
        vehicle_ids_of(user).exists()
        or VehicleUse.select(VehicleUse.id).where(VehicleUse.applicant == user.id).exists()
    )
