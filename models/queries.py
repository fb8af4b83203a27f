"""Read-only queries the desktop's lists and its poll need, beside the use cases.

Nothing here writes. These helpers exist so a window never has to know how the approval
tables are joined: the lists select named columns from these queries, and the 30-second poll
asks ``inbox_signature`` whether anything changed for the user, which costs one index lookup
and one small count instead of reloading the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from models.people import Department, User
from models.workflow import (
    CarbonCopy,
    Delegation,
    FlowVersion,
    Instance,
    Step,
    Task,
    TaskState,
    copied_to,
    inbox,
)

Applicant = User.alias("applicant")
Principal = User.alias("principal")
Delegate = User.alias("delegate")
Assignee = User.alias("assignee")
ApplicantDept = Department.alias("applicant_dept")
OpenTask = Task.alias("open_task")
CurrentApprover = User.alias("current_approver")


@dataclass(frozen=True)
class InboxSignature:
    """What the poll compares: the inbox count, the newest approval step anywhere, and when
    an applicant last urged one of the user's pending tasks (催办, so the approver is told)."""

    pending: int
    last_step: int
    last_urged: datetime | None = None


def inbox_count(user: User) -> int:
    """How many documents await ``user`` now (their own and their principals')."""
    return inbox(user).count()


def as_datetime(value: object) -> datetime | None:
    """An aggregate's datetime: SQLite hands back the stored text, MySQL a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def inbox_signature(user: User) -> InboxSignature:
    """Cheap enough for a timer: MAX on the primary key plus one aggregate over the inbox
    (its count and its latest 催办)."""
    last = Step.select(peewee.fn.MAX(Step.id)).scalar() or 0
    count, urged = (
        inbox(user)
        .order_by()
        .select(peewee.fn.COUNT(Task.id), peewee.fn.MAX(Task.urged_at))
        .tuples()
        .get()
    )
    return InboxSignature(int(count or 0), last, as_datetime(urged))


def current_approvers() -> peewee.Node:
    """当前审批人 of the outer ``Instance`` row: the names of whoever holds one of its pending
    tasks, comma-joined (a correlated subquery, so a list stays one query)."""
    return (
        OpenTask.select(peewee.fn.GROUP_CONCAT(CurrentApprover.name))
        .join(CurrentApprover, on=OpenTask.assignee == CurrentApprover.id)
        .where((OpenTask.instance == Instance.id) & (OpenTask.state == TaskState.PENDING))
    )


def waiting_since() -> peewee.Node:
    """Since when the outer ``Instance`` row has waited at its current step: the oldest of
    its pending tasks (NULL when nothing is pending)."""
    return OpenTask.select(peewee.fn.MIN(OpenTask.created_at)).where(
        (OpenTask.instance == Instance.id) & (OpenTask.state == TaskState.PENDING)
    )


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
    "as_datetime",
    "copied_rows",
    "current_approvers",
    "delegation_rows",
    "inbox_count",
    "inbox_rows",
    "inbox_signature",
    "my_request_rows",
    "user_role_codes",
    "user_rows",
    "users_matching",
    "waiting_since",
]


def department_members(department_id: int) -> list[User]:
    """Active members of a department, by name (who may receive its supplies)."""
    return list(
        User.select()
        .where((User.department == department_id) & User.voided_at.is_null())
        .order_by(User.name_search)
    )
