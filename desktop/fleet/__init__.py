"""车辆管理: the desktop page over ``models.fleet`` and ``forms.fleet``.

Only the module declaration lives here, so registering it in the navigation imports no
widget: the page and its tabs are built the first time the user opens them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.modules import ORDER, Module, page
from models.people import Role

# Drivers are 办事员 in the offices we know; they apply for repairs, sign the exit
# acceptance, log fuel and ask for a vehicle. Department heads have nothing to do here.
ROLES = frozenset({Role.FLEET_MANAGER, Role.LOGISTICS, Role.LEADER, Role.CLERK, Role.ADMIN})

MODULE = Module(
    "fleet",
    lambda: QCoreApplication.translate("modules", "车辆管理"),
    "fleet",
    page("desktop.fleet.page:FleetPage"),
    ORDER["fleet"],
    ROLES,
    windows=(
        ("fleet_repair", "desktop.fleet.repair_dialog:RepairDialog"),
        ("fleet_supplement", "desktop.fleet.repairs:supplement_window"),
    ),
)
