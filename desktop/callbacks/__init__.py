"""客户服务 (客户回访与投诉, rules C1–C12) on the desktop.

Importing this package costs nothing: the page and its tabs are imported when the module is
first opened. ``MODULE`` is what ``desktop.modules`` registers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.callbacks.cards import CARDS
from desktop.callbacks.staff import ROLES, is_staff
from desktop.modules import ORDER, Module, page
from models.people import User


@dataclass(frozen=True)
class CallbacksModule(Module):
    """Visible to the service posts, the leaders, and the head of 客户服务部 (who approves
    the plans, C2, and decides complaints, C10): its staff. Anyone else sees it when a
    problem a callback found was sent to him or his department (C7), and then only its
    问题跟踪 tab, with his department's problems."""

    def visible_to(self, user: User) -> bool:
        if self.staff(user):
            return True
        from models import callbacks  # the models when first asked, as the cards do

        return callbacks.owns_problems(user)

    def staff(self, user: User) -> bool:
        return is_staff(user)


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
