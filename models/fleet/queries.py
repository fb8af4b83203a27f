"""Read-only queries the 车辆管理 lists need beside the use cases (nothing here writes)."""

from __future__ import annotations

import peewee

from models import periods
from models.fleet.repairs import REPAIR_FLOW, Repair, RepairState
from models.fleet.stats import monthly_report
from models.fleet.vehicles import Vehicle, VehicleDriver
from models.people import Role, User
from models.workflow import Instance, inbox


def driver_names() -> peewee.Node:
    """A scalar subquery: the comma-joined driver names of the outer ``Vehicle`` row, so the
    vehicle list shows its drivers without one query per row."""
    return (
        VehicleDriver.select(peewee.fn.GROUP_CONCAT(User.name))
        .join(User, on=VehicleDriver.driver == User.id)
        .where(VehicleDriver.vehicle == Vehicle.id)
    )


def vehicle_ids_of(user: User) -> peewee.ModelSelect:
    """Ids of the vehicles ``user`` is an assigned driver of (what a driver sees)."""
    return VehicleDriver.select(VehicleDriver.vehicle).where(VehicleDriver.driver == user.id)


def repairs_to_act(user: User) -> peewee.Expression:
    """A condition on ``Repair``: the repairs waiting for ``user`` now — an approval node in
    their inbox, the driver's resubmission or exit acceptance, and for the fleet manager and
    logistics the authorised and in-repair ones (进厂, 完工). The list's 「待我处理」."""
    pending = inbox(user).where(Instance.doc_type == REPAIR_FLOW.doc_type)
    doc_ids = [row.doc_id for row in pending.select(Instance.doc_id)]
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
