"""The machinery the approval actions share: locking an instance against the version the
user saw, steps, routing, resolving and activating nodes (会签/或签, 去重, separation of duties),
deadlines, finishing, and finding an actor's own task (also as a delegate). The actions are
``submission`` (the applicant's) and ``decisions`` (the approvers'); ``interventions`` and
``departures`` use the same pieces."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee

from models import clocks, settings
from models.base import guarded_update
from models.errors import Conflict, RuleViolation
from models.people import (
    LOCKED_FOREVER,
    Actor,
    Role,
    User,
    department_heads,
    require_active,
    role_holders,
)
from models.prepared import Prepared
from models.workflow.registry import (
    _HOOKS,
    load_domains,
)
from models.workflow.spec import FINAL_STATES, Flow, Mode, Node, State
from models.workflow.tables import Delegation, Instance, Step, Task, TaskState


def _load(instance_id: int, expected_version: int | None, actor: Actor | None = None) -> Instance:
    """Lock and read the instance; refuse when it changed since the user saw it. Given the
    ``actor``, his account is checked first, as the database holds it now (X1)."""
    if actor is not None:
        require_active(actor)
    load_domains()
    inst = Instance.get_for_update_or_none(Instance.id == instance_id)
    if inst is None:
        raise RuleViolation(None, f"没有审批单 {instance_id}", f"no approval {instance_id}")
    if expected_version is not None and inst.version != expected_version:
        raise Conflict()
    return inst


def _step(
    inst: Instance,
    actor: Actor,
    action: str,
    comment: str = "",
    *,
    at: datetime,
    on_behalf_of: User | None = None,
    position: int | None = None,
) -> Step:
    pos = inst.position if position is None else position
    route = inst.route_nodes()
    node_name = route[pos].name if 0 <= pos < len(route) else ""
    return Step.create(
        instance=inst,
        position=pos if pos >= 0 else None,
        node_name=node_name,
        actor=actor.id,
        actor_name=actor.display_name,
        on_behalf_of=on_behalf_of,
        action=action,
        comment=comment,
        at=at,
    )


def _require_comment(comment: str, what_zh: str, what_en: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise RuleViolation(
            "X2", f"{what_zh}必须填写意见", f"{what_en} needs a comment", field="comment"
        )
    return comment


def _route_for(flow: Flow, fields: dict[str, Any]) -> list[int]:
    return [i for i, n in enumerate(flow.nodes) if n.condition is None or n.condition.holds(fields)]


def _resolve(node: Node, inst: Instance) -> list[User]:
    """The users who approve ``node`` for this document, in declared order, never the
    applicant (X1)."""
    return [u for u in _candidates(node, inst) if u.id != inst.applicant_id]


def _candidates(node: Node, inst: Instance) -> list[User]:
    """Everyone the node's approver declarations name, applicant included, no repeats."""
    found: list[User] = []
    for approver in node.approvers:
        if approver.kind == "role":
            found.extend(role_holders(Role(approver.value)))
        elif approver.kind == "user":
            user = User.get_or_none(
                (User.username == approver.value.lower()) & User.voided_at.is_null()
            )
            if user is not None:
                found.append(user)
        elif approver.kind == "dept_head":
            found.extend(department_heads(inst.department_id))
        else:
            raise ValueError(f"unknown approver kind {approver.kind}")
    seen: set[int] = set()
    return [
        u
        for u in found
        if not (u.id in seen or seen.add(u.id))  # type: ignore[func-returns-value]
        and not (u.locked_until is not None and u.locked_until >= LOCKED_FOREVER)
    ]


def _may_approve(user: User, node: Node, inst: Instance) -> bool:
    """Could ``user`` decide ``node`` *for this document* now: one of the people the node
    resolves to from the database (the named users, the holders of the role, the 科室负责人
    of the applicant's department), active, never the applicant. A 转交 may only go to such
    a person, and a task is only decided by one, so a task never lands with someone the
    regulation does not allow to decide it (X1)."""
    return user.id is not None and any(u.id == user.id for u in _resolve(node, inst))


def _may_stand_in(delegate: User, principal: User, node: Node, inst: Instance) -> bool:
    """A delegate decides a principal's task only when he holds what the task needs (he
    may decide the node himself), or when the node names the principal in person (a named
    approver chooses who stands in for him)."""
    named = any(a.kind == "user" and a.value.lower() == principal.username for a in node.approvers)
    return named or _may_approve(delegate, node, inst)


def _open_tasks(inst: Instance, position: int | None = None) -> peewee.ModelSelect:
    return _open_query(inst.id, position)


def _open_query(instance_id: Any, position: Any = None) -> peewee.ModelSelect:
    query = Task.select().where(
        (Task.instance == instance_id) & Task.state.in_([TaskState.PENDING, TaskState.WAITING])
    )
    if position is not None:
        query = query.where(Task.position == position)
    return query


# The task queries of every decision, rendered once (models.prepared).
_OPEN_IDS = Prepared(lambda inst: _open_query(inst).select(Task.id).tuples())
_OPEN_IDS_AT = Prepared(lambda inst, pos: _open_query(inst, pos).select(Task.id).tuples())
_OWN_TASK = Prepared(
    lambda inst, pos, user: (
        Task.select()
        .where(
            (Task.instance == inst)
            & (Task.position == pos)
            & (Task.state == TaskState.PENDING)
            & (Task.assignee == user)
        )
        .limit(1)
    )
)
_APPROVERS_AT = Prepared(
    lambda inst, pos: (
        Task.select(Task.assignee)
        .where(
            (Task.instance == inst) & (Task.position == pos) & (Task.state == TaskState.APPROVED)
        )
        .tuples()
    )
)
_MARK = Prepared(
    lambda state, at, task: Task.update(
        {Task.state: state.to(Task.state), Task.acted_at: at.to(Task.acted_at)}
    ).where(Task.id == task)
)


def _cancel_open(inst: Instance, position: int | None = None) -> None:
    found = _OPEN_IDS.rows(inst.id) if position is None else _OPEN_IDS_AT.rows(inst.id, position)
    ids = [i for (i,) in found]
    if ids:
        Task.update(state=TaskState.CANCELLED).where(Task.id.in_(ids)).execute()


def _due(node: Node, at: datetime) -> datetime:
    days = node.deadline_days
    if days is None:
        days = settings.get("workflow.default_deadline_days")
    return clocks.due(clocks.ClockSpec.working_days(days), at)


def _activate(
    inst: Instance, position: int, actor: Actor, at: datetime, previous: set[int]
) -> None:
    """Open the node at ``position`` (or finish the flow past the last one). ``previous``
    holds the users who approved the node just completed, for 去重."""
    route = inst.route_nodes()
    while True:
        if position >= len(route):
            inst.position = -1
            _finish(inst, State.APPROVED, actor, at)
            return
        inst.position = position
        node = route[position]
        approvers = _separate(inst, route, position, _resolve(node, inst), previous)
        if not approvers:
            only_applicant = [u.id for u in _candidates(node, inst)] == [inst.applicant_id]
            if node.skip_if_applicant and only_applicant:
                _step(inst, actor, "skip", "申请人即本节点审批人", at=at, position=position)
                position, previous = position + 1, set()
                continue
            raise RuleViolation(
                "X1",
                f"节点「{node.name}」没有可用的审批人（申请人不能审批自己的申请）",
                f"node {node.name} has no approver other than the applicant",
            )
        due = _due(node, at)
        tasks = []
        for order, user in enumerate(approvers):
            state = TaskState.PENDING
            if node.mode == Mode.SEQUENTIAL and order > 0:
                state = TaskState.WAITING
            tasks.append(
                Task.create(
                    instance=inst,
                    position=position,
                    node_key=node.key,
                    order=order,
                    assignee=user,
                    state=state,
                    created_at=at,
                    due_at=due if state == TaskState.PENDING else None,
                )
            )
        auto = [t for t in tasks if t.assignee_id in previous]
        for task in auto:
            if node.mode == Mode.SEQUENTIAL and task.order > 0:
                continue  # only the first of a sequence can be deduplicated immediately
            _mark(task, TaskState.APPROVED, at)
            _step(inst, task.assignee, "auto_approve", "与上一节点审批人相同", at=at)
        if auto and _node_complete(inst, node, position, at):
            position, previous = position + 1, {t.assignee_id for t in auto}
            continue
        return


def _separate(
    inst: Instance, route: list[Node], position: int, approvers: list[User], previous: set[int]
) -> list[User]:
    """不相容职务分离: in a flow that declares it, who decided the node just before is not
    asked at this one. When nobody else could decide it, refuse, naming the rule and whom
    to appoint."""
    flow = inst.flow.flow()
    if not flow.separate_duties or not previous or position == 0:
        return approvers
    kept = [u for u in approvers if u.id not in previous]
    if approvers and not kept:
        node, before = route[position], route[position - 1]
        names = "、".join(u.name for u in approvers)
        who = _who(node)
        raise RuleViolation(
            flow.rule or "X1",
            f"不相容职务分离：{names} 已办理「{before.name}」，不能再办理同一单据的"
            f"「{node.name}」。请管理员另行指定一名{who}（与办理「{before.name}」的人员不同）",
            f"separation of duties: {names} decided {before.name} and may not decide "
            f"{node.name} of the same document; appoint another {who}",
        )
    return kept


def _who(node: Node) -> str:
    """Whom a node asks, in words: 主要领导、科室负责人 or a named user."""
    words = []
    for approver in node.approvers:
        if approver.kind == "role":
            words.append(Role(approver.value).label)
        elif approver.kind == "dept_head":
            words.append("科室负责人")
        else:
            words.append(approver.value)
    return "或".join(words)


def _mark(task: Task, state: TaskState, at: datetime) -> None:
    _MARK.cursor(state, at, task.id)
    task.state, task.acted_at = state, at


def _node_complete(inst: Instance, node: Node, position: int, at: datetime) -> bool:
    """After an approval at ``position``: is the node done? Opens the next approver of a
    sequential node as a side effect."""
    if node.mode == Mode.ANY:
        _cancel_open(inst, position)
        return True
    if node.mode == Mode.ALL:
        return not _open_tasks(inst, position).exists()
    waiting = (
        Task.select()
        .where(
            (Task.instance == inst.id)
            & (Task.position == position)
            & (Task.state == TaskState.WAITING)
        )
        .order_by(Task.order)
        .first()
    )
    if waiting is None:
        return True
    Task.update(state=TaskState.PENDING, due_at=_due(node, at)).where(
        Task.id == waiting.id
    ).execute()
    return False


def _finish(inst: Instance, state: State, actor: Actor, at: datetime) -> None:
    inst.state = state
    if state in FINAL_STATES:
        inst.finished_at = at
    for hook in _HOOKS.get(inst.doc_type, []):
        hook(inst, state, actor)


def _save(inst: Instance, expected: int) -> None:
    guarded_update(
        inst,
        expected,
        state=inst.state,
        position=inst.position,
        route=inst.route,
        fields=inst.fields,
        finished_at=inst.finished_at,
    )


def _active_delegations(at: datetime) -> peewee.Expression:
    return (Delegation.starts <= at) & (Delegation.ends >= at) & Delegation.revoked_at.is_null()


def _my_task(
    inst: Instance, actor: Actor, at: datetime, *, decide: bool = True
) -> tuple[Task, User | None]:
    """The pending task ``actor`` may act on now, and the principal when acting as delegate.
    To decide it (``decide``), the actor must still be someone the node asks, by his roles
    and department as the database holds them now; a task in an administrator's queue is
    handed on with 转交, not decided there."""
    if actor.id is not None and actor.id == inst.applicant_id:
        raise RuleViolation("X1", "不能审批自己的申请", "nobody approves their own request")
    if inst.state != State.PENDING:
        raise Conflict(
            f"该申请已{State(inst.state).label}，已被他人处理",
            f"the request is {inst.state} already; changed by someone else",
        )
    pending = Task.select().where(
        (Task.instance == inst.id)
        & (Task.position == inst.position)
        & (Task.state == TaskState.PENDING)
    )
    node = inst.current_node()
    assert node is not None
    own = _OWN_TASK.first(inst.id, inst.position, actor.id) if actor.id is not None else None
    if own is not None:
        if decide and not _may_approve(actor, node, inst):
            raise RuleViolation(
                "X1",
                f"{actor.display_name} 现已无权审批「{node.name}」，请转交给有该审批权限的人员",
                f"{actor.display_name} may no longer decide {node.name}; transfer it",
            )
        return own, None
    principals = Delegation.select(Delegation.principal).where(
        (Delegation.delegate == actor.id)
        & _active_delegations(at)
        & ((Delegation.doc_type == "") | (Delegation.doc_type == inst.doc_type))
    )
    delegated = pending.where(Task.assignee.in_(principals)).order_by(Task.id).first()
    if delegated is not None:
        principal = delegated.assignee
        if not _may_stand_in(actor, principal, node, inst):
            raise RuleViolation(
                "X1",
                f"{actor.display_name} 无权审批「{node.name}」，不能代 {principal.name} 审批",
                f"{actor.display_name} may not decide {node.name} for {principal.name}",
            )
        return delegated, principal
    had_task = (
        Task.select()
        .where(
            (Task.instance == inst.id)
            & (Task.assignee == actor.id)
            & (Task.state == TaskState.CANCELLED)
        )
        .order_by(Task.id.desc())
        .first()
    )
    # Cancelled because someone else decided meanwhile: a conflict. Cancelled because he may
    # no longer decide that node (voided, locked, a role taken away): X1, below.
    if had_task is not None and _may_approve(actor, inst.route_nodes()[had_task.position], inst):
        raise Conflict()
    raise RuleViolation(
        "X1",
        f"{actor.display_name} 不是当前节点的审批人",
        f"{actor.display_name} is not an approver of the current step",
    )
