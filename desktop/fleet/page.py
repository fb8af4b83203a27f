"""车辆管理: the page of the fleet module. Everyone who drives sees the register, repairs and
fuel; the fleet staff and the leaders see maintenance, the designated lists and statistics."""

from __future__ import annotations

from desktop.fleet.common import MANAGERS
from desktop.module_page import ModulePage, Tab
from models.people import Role

STAFF = frozenset({*MANAGERS, Role.LEADER})


class FleetPage(ModulePage):
    TITLE = "车辆管理"
    TABS = (
        Tab("vehicles", "车辆", "fleet", "desktop.fleet.vehicles:VehiclesTab"),
        Tab("repairs", "维修", "approvals", "desktop.fleet.repairs:RepairsTab"),
        Tab("maintenance", "保养", "settings", "desktop.fleet.maintenance:MaintenanceTab", STAFF),
        Tab("fuel", "加油 / 用车", "send", "desktop.fleet.fuel:FuelTab"),
        Tab("places", "修理厂 / 加油站", "department", "desktop.fleet.places:PlacesTab", STAFF),
        Tab("stats", "统计", "audit", "desktop.fleet.charts:StatsTab", STAFF),
    )
