"""客户服务: the page of the callbacks module. Whoever calls or visits sees 我的回访 first; the
archive, the plans, the register of calls and visits (来电来访), the complaints with their
clocks and the problems follow; the figures (C8, C12) are for the service management and the
leaders."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.callbacks import MODULE
from desktop.module_page import ModulePage, Tab
from models.callbacks.receipts import HANDOVER_ROLES
from models.people import Role, User

# Who reads the figures (C8, C12): the service management, the head of 客户服务部, the leaders.
FIGURES = frozenset({Role.SERVICE_MANAGER, Role.DEPT_HEAD, Role.LEADER})
# Who registers requests or may be handed one (首问负责制, C11).
SERVICE = frozenset(HANDOVER_ROLES)
# Who confirms, reschedules, reassigns and cancels any callback (C3, C4, C9): 客服管理.
MANAGE = frozenset({Role.SERVICE_MANAGER})


@dataclass(frozen=True)
class StaffTab(Tab):
    """A tab of the module's staff only: the owner of a problem from another department
    sees 问题跟踪 and nothing else of the customers' data (C7)."""

    def visible_to(self, user: User) -> bool:
        return MODULE.staff(user) and super().visible_to(user)


class CallbacksPage(ModulePage):
    TITLE = "客户服务"
    TABS = (
        StaffTab("mine", "我的回访", "send", "desktop.callbacks.mine:MyCallbacksTab"),
        StaffTab("customers", "客户档案", "user", "desktop.callbacks.customers:CustomersTab"),
        StaffTab("manage", "回访管理", "callbacks", "desktop.callbacks.manage:ManageTab", MANAGE),
        StaffTab("plans", "回访计划", "approvals", "desktop.callbacks.plans:PlansTab"),
        StaffTab(
            "receipts", "来电来访", "inbox", "desktop.callbacks.receipts:ReceiptsTab", SERVICE
        ),
        StaffTab("complaints", "投诉", "bell", "desktop.callbacks.complaints:ComplaintsTab"),
        Tab("problems", "问题跟踪", "audit", "desktop.callbacks.lists:ProblemsTab"),
        StaffTab("stats", "统计", "database", "desktop.callbacks.stats:FiguresTab", FIGURES),
    )
