"""客户服务 (客户回访与投诉, rules C1–C12) on the desktop.

Importing this package costs nothing: the page and its tabs are imported when the module is
first opened. ``MODULE`` is what ``desktop.modules`` registers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.callbacks.cards import CARDS
from desktop.modules import ORDER, Module, page
from models.people import Role, User

# The posts that call, visit and decide (C3), and the leaders who read the figures (C12).
ROLES = frozenset({Role.SERVICE, Role.SALES, Role.SERVICE_MANAGER, Role.LEADER})
SERVICE_DEPARTMENT = "客户服务部"


@dataclass(frozen=True)
class CallbacksModule(Module):
    """Visible to the service posts, the leaders, and the head of 客户服务部 (who approves
    the plans, C2, and decides complaints, C10)."""

    def visible_to(self, user: User) -> bool:
        if user.has_role(*self.roles):
            return True
        return (
            user.has_role(Role.DEPT_HEAD)
            and user.department_id is not None
            and user.department.name == SERVICE_DEPARTMENT
        )


MODULE = CallbacksModule(
    "callbacks",
    lambda: QCoreApplication.translate("modules", "客户服务"),
    "callbacks",
    page("desktop.callbacks.page:CallbacksPage"),
    ORDER["callbacks"],
    ROLES,
    windows=(),
    cards=CARDS,
)
