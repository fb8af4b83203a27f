"""车辆管理: the desktop page over ``models.fleet`` and ``forms.fleet``.

Only the module declaration lives here, so registering it in the navigation imports no
widget: the page and its tabs are built the first time the user opens them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.fleet.cards import CARDS
from desktop.modules import ORDER, Module, page
from models.people import Role, User

# The roles that run or approve the fleet. Drivers are 办事员 in the offices we know; they
# apply for repairs, sign the exit acceptance, log fuel and ask for a vehicle — but a 办事员
# who drives nothing, and department heads, have nothing to do here.
ROLES = frozenset({Role.FLEET_MANAGER, Role.LOGISTICS, Role.LEADER, Role.ADMIN})


@dataclass(frozen=True)
class FleetModule(Module):
    """Visible to the fleet roles and to whoever drives a vehicle (or has asked for one):
    a plain 办事员 with no vehicle does not land on an empty 车辆管理."""

    def visible_to(self, user: User) -> bool:
        from models import fleet

        return user.has_role(*self.roles) or fleet.drives_or_asked(user)


MODULE = FleetModule(
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
    cards=CARDS,
)
