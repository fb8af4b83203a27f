"""What every fleet tab shares: who the user is to the fleet (roles decide the buttons the
page offers; the use cases still check every call), formats, and the choices its filters and
dialogs offer."""

from __future__ import annotations

from typing import Any

import peewee

from desktop.i18n import translator
from models import fleet
from models.fleet import (
    FuelStation,
    RepairShop,
    Vehicle,
    VehicleStatus,
)
from models.people import DEPARTMENT_ORDER, Department, Role, User

MANAGERS = (Role.FLEET_MANAGER, Role.LOGISTICS, Role.ADMIN)

tr = translator("fleet")  # module-level strings of the fleet page


def manages_fleet(user: User) -> bool:
    """车管, 后勤 and 管理员 keep the register; everyone else sees it."""
    return user.has_role(*MANAGERS)


def sees_all(user: User) -> bool:
    """Whether ``user`` sees every vehicle; a plain driver (办事员) sees the ones he drives."""
    return user.has_role(Role.FLEET_MANAGER, Role.LOGISTICS, Role.LEADER, Role.ADMIN)


def drives_any(user: User) -> bool:
    return fleet.vehicle_ids_of(user).exists()


def yes_no(value: Any) -> str:
    return tr("是") if value else tr("否")


def money(value: Any) -> str:
    return "" if value is None else f"{value:,.2f}"


def integer(value: Any) -> str:
    return "" if value is None else f"{int(value):,}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def unit_items() -> list[tuple[str, Any]]:
    query = Department.select().where(Department.voided_at.is_null()).order_by(*DEPARTMENT_ORDER)
    return [(d.name, d.id) for d in query]


def shop_items(designated_only: bool = False) -> list[tuple[str, Any]]:
    query = RepairShop.select().where(RepairShop.voided_at.is_null())
    if designated_only:
        query = query.where(RepairShop.designated)
    return [(s.name, s.id) for s in query.order_by(RepairShop.id)]


def station_names() -> list[str]:
    query = FuelStation.select().where(FuelStation.voided_at.is_null())
    return [s.name for s in query.order_by(FuelStation.id)]


def vehicle_plates(user: User | None = None) -> list[str]:
    """Plates a dialog may offer: in service or in repair, a driver's own when ``user``."""
    query = Vehicle.select(Vehicle.plate).where(
        Vehicle.voided_at.is_null()
        & Vehicle.status.in_([VehicleStatus.IN_SERVICE, VehicleStatus.IN_REPAIR])
    )
    if user is not None:
        query = query.where(Vehicle.id.in_(fleet.vehicle_ids_of(user)))
    return [v.plate for v in query.order_by(Vehicle.plate)]


def plate_search(text: str) -> peewee.Expression:
    """Plates match with or without the middle dot (京A12345 finds 京A·12345)."""
    bare = text.replace("·", "").replace(" ", "").upper()
    return Vehicle.plate.contains(text) | peewee.fn.REPLACE(Vehicle.plate, "·", "").contains(bare)
