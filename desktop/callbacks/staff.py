"""Who works in 客户服务 (the module's staff): the posts that call, visit and decide (C3), the
leaders who read the figures (C12), and the head of 客户服务部 (who approves the plans, C2,
and decides complaints, C10). Anyone else may still own a problem a callback found (C7) and
follow it on the 问题跟踪 tab; the module's other tabs and its home cards are the staff's."""

from __future__ import annotations

from models.people import Role, User

ROLES = frozenset({Role.SERVICE, Role.SALES, Role.SERVICE_MANAGER, Role.LEADER})
SERVICE_DEPARTMENT = "客户服务部"


def is_staff(user: User) -> bool:
    if user.has_role(*ROLES):
        return True
    return (
        user.has_role(Role.DEPT_HEAD)
        and user.department_id is not None
        and user.department.name == SERVICE_DEPARTMENT
    )
