"""Read-only queries the desktop's lists and its poll need, beside the use cases.

Nothing here writes. These helpers exist so a window never has to know how the approval
tables are joined: the lists select named columns from these queries, and the 30-second poll
asks ``inbox_signature`` whether anything changed for the user, which costs one index lookup
and one small count instead of reloading the lists.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from models.people import Department, User
from models.workflow import (
    CarbonCopy,
    Delegation,
    FlowVersion,
    Instance,
    Step,
    Task,
    copied_to,
    inbox,
)

Applicant = User.alias("applicant")
Principal = User.alias("principal")
Delegate = User.alias("delegate")
Assignee = User.alias("assignee")
ApplicantDept = Department.alias("applicant_dept")


@dataclass(frozen=True)
class InboxSignature:
    """What the poll compares: the inbox count and the newest approval step anywhere."""

    pending: int
    last_step: int


def inbox_count(user: User) -> int:
    """How many documents await ``user`` now (their own and their principals')."""
    return inbox(user).count()


def inbox_signature(user: User) -> InboxSignature:
    """Cheap enough for a timer: MAX on the primary key plus the inbox count."""
    last = Step.select(peewee.fn.MAX(Step.id)).scalar() or 0
    return InboxSignature(inbox_count(user), last)


def inbox_rows(user: User) -> peewee.ModelSelect:
    """``inbox(user)`` joined to the applicant, department, flow and the task's assignee, so a
    list selects every column it shows in one query (no N+1)."""
    return (
        inbox(user)
        .switch(Instance)
        .join(Applicant, on=Instance.applicant == Applicant.id)
        .switch(Instance)
        .join(ApplicantDept, peewee.JOIN.LEFT_OUTER, on=Instance.department == ApplicantDept.id)
        .switch(Instance)
        .join(FlowVersion, on=Instance.flow == FlowVersion.id)
        .switch(Task)
        .join(Assignee, on=Task.assignee == Assignee.id)
    )


def my_request_rows(user: User) -> peewee.ModelSelect:
    """我的申请 with the flow's name."""
    return (
        Instance.select()
        .join(FlowVersion, on=Instance.flow == FlowVersion.id)
        .where(Instance.applicant == user.id)
    )


def copied_rows(user: User) -> peewee.ModelSelect:
    """抄送我的 with applicant and flow name."""
    return (
        copied_to(user)
        .switch(Instance)
        .join(Applicant, on=Instance.applicant == Applicant.id)
        .switch(Instance)
        .join(FlowVersion, on=Instance.flow == FlowVersion.id)
    )


def user_rows() -> peewee.ModelSelect:
    """Users with their department (the roles column is a correlated subquery)."""
    return User.select().join(
        Department, peewee.JOIN.LEFT_OUTER, on=User.department == Department.id
    )


def user_role_codes() -> peewee.Node:
    """A scalar subquery: the comma-joined role codes of the outer ``User`` row."""
    from models.people import UserRole

    return UserRole.select(peewee.fn.GROUP_CONCAT(UserRole.role)).where(UserRole.user == User.id)


def users_matching(text: str, limit: int = 20) -> list[User]:
    """Active users whose name, pinyin or pinyin initials contain ``text`` (reference pickers)."""
    query = User.select().where(User.voided_at.is_null())
    text = text.strip().lower()
    if text:
        query = query.where(User.name_search.contains(text) | User.username.contains(text))
    return list(query.order_by(User.name_search).limit(limit))


def delegation_rows(user: User) -> peewee.ModelSelect:
    """Delegations ``user`` gave or received, newest first."""
    return (
        Delegation.select()
        .join(Principal, on=Delegation.principal == Principal.id)
        .switch(Delegation)
        .join(Delegate, on=Delegation.delegate == Delegate.id)
        .where((Delegation.principal == user.id) | (Delegation.delegate == user.id))
    )


__all__ = [
    "Applicant",
    "ApplicantDept",
    "Assignee",
    "CarbonCopy",
    "Delegate",
    "Delegation",
    "InboxSignature",
    "Principal",
    "copied_rows",
    "delegation_rows",
    "inbox_count",
    "inbox_rows",
    "inbox_signature",
    "my_request_rows",
    "user_role_codes",
    "user_rows",
    "users_matching",
]


# --- 车辆管理 (desktop/fleet) --------------------------------------------------------------


def fleet_driver_names() -> peewee.Node:
    """A scalar subquery: the comma-joined driver names of the outer ``Vehicle`` row, so the
    vehicle list shows its drivers without one query per row."""
    from models.fleet import Vehicle, VehicleDriver

    return (
        VehicleDriver.select(peewee.fn.GROUP_CONCAT(User.name))
        .join(User, on=VehicleDriver.driver == User.id)
        .where(VehicleDriver.vehicle == Vehicle.id)
    )


def fleet_vehicle_ids_of(user: User) -> peewee.ModelSelect:
    """Ids of the vehicles ``user`` is an assigned driver of (what a driver sees)."""
    from models.fleet import VehicleDriver

    return VehicleDriver.select(VehicleDriver.vehicle).where(VehicleDriver.driver == user.id)


def fleet_repairs_to_act(user: User) -> peewee.Expression:
    """A condition on ``Repair``: the repairs waiting for ``user`` now — an approval node in
    their inbox, the driver's resubmission or exit acceptance, and for the fleet manager and
    logistics the authorised and in-repair ones (进厂, 完工). The list's 「待我处理」."""
    from models.fleet import REPAIR_FLOW, Repair, RepairState
    from models.people import Role

    pending = inbox(user).where(Instance.doc_type == REPAIR_FLOW.doc_type)
    doc_ids = [row.doc_id for row in pending.select(Instance.doc_id)]
    condition = Repair.id.in_(doc_ids or [0]) | (
        (Repair.driver == user.id)
        & Repair.state.in_([RepairState.RETURNED, RepairState.AWAITING_ACCEPTANCE])
    )
    if user.has_role(Role.FLEET_MANAGER, Role.LOGISTICS):
        condition |= Repair.state.in_([RepairState.AUTHORISED, RepairState.IN_REPAIR])
    return condition


def fleet_monthly_series(last_period: str, months: int = 12) -> list[tuple[str, object]]:
    """``(period, Figures)`` for the ``months`` months ending with ``last_period``, oldest
    first: the 统计 chart's monthly cost, 及时率 and 合格率 (F8)."""
    from models.fleet import monthly_report

    year, month = (int(p) for p in last_period.split("-"))
    periods = []
    for back in range(months - 1, -1, -1):
        index = year * 12 + (month - 1) - back
        periods.append(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return [(period, monthly_report(period).total) for period in periods]


# --- 办公用品 (desktop/supplies) -----------------------------------------------------------

SupplyApplicant = User.alias("supply_applicant")


def supply_items_matching(text: str, limit: int = 30) -> list:
    """Active catalogue items by code, name, pinyin or initials (the item pickers)."""
    from models.supplies.stock import CATEGORY_ORDER, Item

    query = Item.select().where(Item.voided_at.is_null())
    text = (text or "").strip().lower()
    if text:
        query = query.where(Item.name_search.contains(text) | Item.code.contains(text))
    return list(query.order_by(CATEGORY_ORDER, Item.code).limit(limit))


def supply_requisition_rows(user: User) -> peewee.ModelSelect:
    """申请批准单 a user may see: the store and the leaders see every department's, everyone
    else their own department's (X1)."""
    from models.people import Role
    from models.supplies.requisitions import Requisition

    query = (
        Requisition.select()
        .join(Department, on=Requisition.department == Department.id)
        .switch(Requisition)
        .join(SupplyApplicant, on=Requisition.applicant == SupplyApplicant.id)
    )
    if not user.has_role(Role.LOGISTICS, Role.LEADER, Role.ADMIN):
        query = query.where(Requisition.department == (user.department_id or 0))
    return query


def department_members(department_id: int) -> list[User]:
    """Active members of a department, by name (who may receive its supplies)."""
    return list(
        User.select()
        .where((User.department == department_id) & User.voided_at.is_null())
        .order_by(User.name_search)
    )
