"""办公用品 (rules S1–S8) on the desktop.

Importing this package costs nothing: the page and its tabs are imported when the module is
first opened. ``MODULE`` is what ``desktop.modules`` registers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.modules import ORDER, Module, page
from desktop.supplies.cards import CARDS
from models.people import Role, User

# Beyond the members of a department (who ask for supplies), the store and the leaders.
ROLES = frozenset({Role.LOGISTICS, Role.LEADER})


@dataclass(frozen=True)
class SuppliesModule(Module):
    """Visible to whoever may ask for supplies (a member of a 科室/中队) and to the roles
    that run or approve the store; an administrator without a department does not need it."""

    def visible_to(self, user: User) -> bool:
        return user.department_id is not None or user.has_role(*self.roles)


MODULE = SuppliesModule(
    "supplies",
    lambda: QCoreApplication.translate("modules", "办公用品"),
    "supplies",
    page("desktop.supplies.page:SuppliesPage"),
    ORDER["supplies"],
    ROLES,
    windows=(("supplies_requisition", "desktop.supplies.requisition_window:requisition_window"),),
    cards=CARDS,
)
