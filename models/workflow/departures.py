"""A departed approver's open tasks move (X1): when an account is voided (已调离) or locked,
or loses the role a task needs, nothing may keep waiting on him.

Each open task goes, in this order, to:

1. his active delegate (代理), when the delegate may decide the node for that document;
2. the node's other approvers, resolved anew for the document: with 或签 and others still
   asked, his task simply lapses; otherwise the first eligible person not yet asked takes it;
3. an administrator's queue, with a notice: the administrator cannot decide it (he is not
   one the node asks), he hands it on with 转交 or re-opens the node with 调整节点.

The trail records every move as 系统转交 (``reassign``), with who left and who took over, in
the same transaction as the voiding or locking.
"""

from __future__ import annotations

from datetime import datetime

from models.base import now
from models.people import Actor, Role, User, users_with_role
from models.workflow.engine import (
    _active_delegations,
    _load,
    _may_approve,
    _may_stand_in,
    _open_tasks,
    _resolve,
    _save,
    _step,
)
from models.workflow.spec import Mode
from models.workflow.tables import Delegation, Task, TaskState

OPEN = (TaskState.PENDING, TaskState.WAITING)


def move_open_tasks(
    actor: Actor, user: User, why: str, *, only_ineligible: bool = False, at: datetime | None = None
) -> int:
    """Move ``user``'s open tasks (call inside the voiding, locking or role change's
    transaction). With ``only_ineligible`` (a role change) only the tasks he may no longer
    decide move. Returns how many moved."""
    at = at or now()
    moved = 0
    tasks = list(
        Task.select()
        .where((Task.assignee == user.id) & Task.state.in_(OPEN))
        .order_by(Task.instance, Task.id)
    )
    for task in tasks:
        inst = _load(task.instance_id, None)
        node = inst.route_nodes()[task.position]
        if only_ineligible and _may_approve(user, node, inst):
            continue
        expected = inst.version
        others_open = _open_tasks(inst, task.position).where(Task.id != task.id).exists()
        to, how = _successor(user, task, inst, node, at)
        if to is None and node.mode == Mode.ANY and others_open:
            Task.update(state=TaskState.CANCELLED).where(Task.id == task.id).execute()
            note = f"{user.name}{why}，由本节点其他审批人办理"
        elif to is None and node.mode == Mode.ALL and others_open:
            Task.update(state=TaskState.CANCELLED).where(Task.id == task.id).execute()
            note = f"{user.name}{why}，本节点由其余会签人办理"
        else:
            if to is None:
                to, how = (
                    _administrator(actor, user, inst),
                    "无其他可审批人员，转管理员处理（请转交或调整节点）",
                )
            if to is None:
                continue  # nobody at all: the administrator's move_to is the way out
            Task.update(assignee=to).where(Task.id == task.id).execute()
            note = f"{user.name}{why}，转交给 {to.name}（{how}）"
        _step(inst, actor, "reassign", note, at=at, position=task.position)
        _save(inst, expected)
        moved += 1
    return moved


def _successor(user: User, task: Task, inst, node, at: datetime) -> tuple[User | None, str]:
    asked = {
        t.assignee_id
        for t in Task.select(Task.assignee).where(
            (Task.instance == inst.id)
            & (Task.position == task.position)
            & Task.state.in_((*OPEN, TaskState.APPROVED))
        )
    }
    delegation = (
        Delegation.select()
        .where(
            (Delegation.principal == user.id)
            & _active_delegations(at)
            & ((Delegation.doc_type == "") | (Delegation.doc_type == inst.doc_type))
        )
        .first()
    )
    if delegation is not None:
        delegate = User.get_by_id(delegation.delegate_id)
        active = delegate.voided_at is None and (
            delegate.locked_until is None or delegate.locked_until < at
        )
        eligible = active and _may_stand_in(delegate, user, node, inst)
        if eligible and delegate.id not in asked and delegate.id != inst.applicant_id:
            return delegate, "代理人"
    if (
        node.mode == Mode.ANY
        and _open_tasks(inst, task.position).where(Task.id != task.id).exists()
    ):
        return None, ""
    for candidate in _resolve(node, inst):
        if candidate.id != user.id and candidate.id not in asked:
            return candidate, "本节点其他审批人"
    return None, ""


def _administrator(actor: Actor, user: User, inst) -> User | None:
    for admin in users_with_role(Role.ADMIN):
        if admin.id not in (user.id, inst.applicant_id) and admin.locked_until is None:
            return admin
    return None
