"""Read-only questions: inbox, my requests, CC'd to me, overdue tasks, the trail, the
document's instance, and what ``actor`` may do on an instance now."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field
from datetime import datetime

import peewee

from models.base import now
from models.errors import Conflict, RuleViolation
from models.people import Role, User
from models.prepared import Prepared
from models.workflow.engine import _active_delegations, _my_task
from models.workflow.spec import State
from models.workflow.tables import CarbonCopy, Delegation, Instance, Step, Task, TaskState


def inbox(user: User, at: datetime | None = None) -> peewee.ModelSelect:
    """待办: tasks awaiting ``user``, including those of principals who delegated to them and
    excluding their own while they delegate.

    Two queries: the user's active delegations (given and taken) in one, then the tasks.
    With the delegations known, each assignee becomes a plain ``assignee = ?`` term (with
    its document types) the database answers from the assignee index, instead of
    correlated subqueries per row. Only the columns an inbox shows are selected
    (``INBOX_COLUMNS``).
    """
    at = at or now()
    away: set[str] = set()  # document types the user has handed on ("" = all)
    taken: dict[int, set[str]] = {}  # principal → the types he handed to the user
    delegations = Delegation.select(
        Delegation.principal, Delegation.delegate, Delegation.doc_type
    ).where(
        ((Delegation.principal == user.id) | (Delegation.delegate == user.id))
        & _active_delegations(at)
    )
    for principal, delegate, doc_type in delegations.tuples():
        if principal == user.id:
            away.add(doc_type)
        if delegate == user.id and principal != user.id:
            taken.setdefault(principal, set()).add(doc_type)
    terms: list[peewee.Expression] = []
    if "" not in away:
        own = Task.assignee == user.id
        terms.append(own & Instance.doc_type.not_in(sorted(away)) if away else own)
    for principal, types in sorted(taken.items()):
        theirs = Task.assignee == principal
        terms.append(theirs if "" in types else theirs & Instance.doc_type.in_(sorted(types)))
    assigned = functools.reduce(operator.or_, terms) if terms else (Task.id.is_null())
    return (
        Task.select(*INBOX_COLUMNS)
        .join(Instance)
        .where(
            assigned
            & (Task.state == TaskState.PENDING)
            & (Instance.state == State.PENDING)
            & (Instance.applicant != user.id)
        )
        .order_by(Task.due_at, Task.id)
    )


def _as_read(field: peewee.Field) -> peewee.Node:
    """``field`` selected without peewee's per-value conversion: an integer or a text
    column arrives from sqlite3 and PyMySQL as the Python value already, and converting
    each of them was most of the inbox's time in Python. Date-times are still converted
    (SQLite stores them as text)."""
    return field.coerce(False)


INBOX_COLUMNS = (
    _as_read(Task.id),
    _as_read(Task.instance),
    _as_read(Task.position),
    _as_read(Task.node_key),
    _as_read(Task.assignee),
    _as_read(Task.state),
    Task.due_at,
    Task.urged_at,
    _as_read(Instance.id),
    _as_read(Instance.doc_type),
    _as_read(Instance.doc_id),
    _as_read(Instance.title),
    _as_read(Instance.applicant),
    _as_read(Instance.state),
    Instance.submitted_at,
)
"""What ``inbox`` reads of each task and its instance: what a card or a list shows and what
narrows it (15 of 24 columns: turning each selected value into Python was most of the
query's time). A caller that needs more opens the instance (``Instance.get_by_id``)."""


def inbox_at(user: User, doc_type: str, node_key: str) -> peewee.ModelSelect:
    """The part of ``inbox(user)`` waiting at one node of one flow (车管鉴定 of repairs,
    后勤核对 of requisitions): a domain's home card asks for its own step, not the whole inbox."""
    return inbox(user).where((Instance.doc_type == doc_type) & (Task.node_key == node_key))


def my_requests(user: User) -> peewee.ModelSelect:
    """我的申请, newest first."""
    return Instance.select().where(Instance.applicant == user.id).order_by(Instance.id.desc())


def copied_to(user: User) -> peewee.ModelSelect:
    """抄送我的."""
    return (
        Instance.select(Instance, CarbonCopy)
        .join(CarbonCopy)
        .where(CarbonCopy.user == user.id)
        .order_by(CarbonCopy.at.desc())
    )


def overdue(at: datetime | None = None) -> peewee.ModelSelect:
    """Pending tasks past their working-day deadline."""
    at = at or now()
    return (
        Task.select(Task, Instance)
        .join(Instance)
        .where(
            (Task.state == TaskState.PENDING)
            & (Task.due_at < at)
            & (Instance.state == State.PENDING)
        )
        .order_by(Task.due_at)
    )


def trail(instance_id: int) -> list[Step]:
    """The full approval history of a document, oldest first (printable, X2)."""
    return list(Step.select().where(Step.instance == instance_id).order_by(Step.at, Step.id))


_FOR_DOCUMENT = Prepared(
    lambda doc_type, doc_id: (
        Instance.select()
        .where((Instance.doc_type == doc_type) & (Instance.doc_id == doc_id))
        .order_by(Instance.id.desc())
        .limit(1)
    )
)


def for_document(doc_type: str, doc_id: int) -> Instance | None:
    """The newest approval of a domain record (asked by every step of every document:
    rendered once, ``models.prepared``)."""
    if doc_id is None:
        return None  # no record, no approval of it
    return _FOR_DOCUMENT.first(doc_type, doc_id)


@dataclass
class Available:
    """What the desktop may offer ``actor`` on a document now (buttons)."""

    approve: bool = False
    transfer: bool = False  # also a task he may not decide (an administrator's queue)
    withdraw: bool = False
    resubmit: bool = False
    urge: bool = False
    intervene: bool = False
    return_positions: list[int] = field(default_factory=list)


def available_actions(actor: User, inst: Instance, at: datetime | None = None) -> Available:
    at = at or now()
    result = Available()
    is_applicant = actor.id == inst.applicant_id
    if inst.state == State.PENDING:
        try:
            _my_task(inst, actor, at)
            result.approve = result.transfer = True
            result.return_positions = list(range(inst.position))
        except (RuleViolation, Conflict):
            try:
                _my_task(inst, actor, at, decide=False)
                result.transfer = True
            except (RuleViolation, Conflict):
                pass
        result.urge = is_applicant
        result.intervene = actor.has_role(Role.ADMIN)
    result.withdraw = is_applicant and inst.state in (State.PENDING, State.RETURNED)
    result.resubmit = is_applicant and inst.state == State.RETURNED
    return result
