"""Actions beside the route: transfer (转交), CC (抄送), urge (催办), and an administrator's
force close, move and batch approve."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from models import settings
from models.base import now
from models.db import db, retry_document
from models.errors import Conflict, RuleViolation
from models.people import Actor, Role, User, require_active, require_role
from models.workflow.decisions import approve
from models.workflow.engine import (
    _activate,
    _cancel_open,
    _finish,
    _load,
    _may_approve,
    _my_task,
    _open_tasks,
    _require_comment,
    _save,
    _step,
)
from models.workflow.spec import FINAL_STATES, State
from models.workflow.tables import CarbonCopy, Instance, Task, TaskState


@retry_document
def transfer(
    actor: User,
    instance_id: int,
    to: User,
    comment: str = "",
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """转交: hand my pending task to someone else, who then decides in my place."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version, actor)
        expected = inst.version
        task, principal = _my_task(inst, actor, at, decide=False)
        if to.id == inst.applicant_id:
            raise RuleViolation("X1", "不能转交给申请人本人", "cannot transfer to the applicant")
        node = inst.current_node()
        assert node is not None
        if not _may_approve(to, node, inst):
            raise RuleViolation(
                "X1",
                f"{to.name} 无权审批本单的「{node.name}」，只能转交给有该审批权限的人员",
                f"{to.name} may not decide {node.name}; transfer to someone who may",
            )
        duplicate = _open_tasks(inst, inst.position).where(Task.assignee == to.id).exists()
        if duplicate or to.id == actor.id:
            raise RuleViolation(
                None, f"{to.name} 已是本节点审批人", f"{to.name} approves this step already"
            )
        Task.update(assignee=to).where(Task.id == task.id).execute()
        _step(
            inst,
            actor,
            "transfer",
            f"转交给 {to.name}。{comment}".strip(),
            at=at,
            on_behalf_of=principal,
        )
        _save(inst, expected)
        return inst


def carbon_copy(
    actor: User,
    instance_id: int,
    users: Iterable[User],
    comment: str = "",
    *,
    at: datetime | None = None,
) -> list[CarbonCopy]:
    """抄送: give read-only access. The applicant, anyone who has a task on the document, or an
    administrator may copy others in. No state changes, so the version stays."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, None, actor)
        involved = (
            actor.id == inst.applicant_id
            or Task.select()
            .where((Task.instance == inst.id) & (Task.assignee == actor.id))
            .exists()
        )
        if not involved:
            require_role(actor, Role.ADMIN)
        existing = {c.user_id for c in CarbonCopy.select().where(CarbonCopy.instance == inst.id)}
        made = []
        for user in users:
            if user.id in existing:
                continue
            existing.add(user.id)
            made.append(
                CarbonCopy.create(instance=inst, user=user, by_name=actor.display_name, at=at)
            )
        if made:
            names = "、".join(c.user.name for c in made)
            _step(inst, actor, "cc", f"抄送 {names}。{comment}".strip(), at=at)
        return made


@retry_document
def urge(actor: User, instance_id: int, comment: str = "", *, at: datetime | None = None) -> int:
    """催办: the applicant reminds the current approvers. Rate-limited by a setting. Returns the
    number of tasks urged."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, None, actor)
        if inst.applicant_id != actor.id:
            raise RuleViolation("X1", "只有申请人可以催办", "only the applicant may urge")
        if inst.state != State.PENDING:
            raise RuleViolation(None, "只能催办审批中的申请", "only a pending request can be urged")
        gap = timedelta(minutes=settings.get("workflow.urge_interval_minutes"))
        if inst.last_urged_at is not None and at - inst.last_urged_at < gap:
            raise RuleViolation(
                None,
                f"催办过于频繁，请 {int(gap.total_seconds() // 60)} 分钟后再试",
                "you urged this request a moment ago; try again later",
            )
        urged = (
            Task.update(urged_at=at)
            .where((Task.instance == inst.id) & (Task.state == TaskState.PENDING))
            .execute()
        )
        Instance.update(last_urged_at=at).where(Instance.id == inst.id).execute()
        _step(inst, actor, "urge", comment.strip(), at=at)
        return urged


@retry_document
def force_close(
    actor: Actor, instance_id: int, comment: str, *, at: datetime | None = None
) -> Instance:
    """Administrator intervention: end a running document (recorded with the reason)."""
    at = at or now()
    with db.atomic():
        require_role(actor, Role.ADMIN)
        comment = _require_comment(comment, "终止流程", "closing a flow")
        inst = _load(instance_id, None)
        expected = inst.version
        if inst.state in FINAL_STATES:
            raise RuleViolation(None, "流程已结束", "the flow has ended already")
        _cancel_open(inst)
        _step(inst, actor, "force_close", comment, at=at)
        inst.position = -1
        _finish(inst, State.CLOSED, actor, at)
        _save(inst, expected)
        return inst


@retry_document
def move_to(
    actor: Actor, instance_id: int, position: int, comment: str, *, at: datetime | None = None
) -> Instance:
    """Administrator intervention: send a running document back to an earlier node of its
    route, or re-open the current one (its approvers resolved anew, e.g. after a head left).
    Never forward: skipping a node would decide in its approvers' place (X1)."""
    at = at or now()
    with db.atomic():
        require_role(actor, Role.ADMIN)
        comment = _require_comment(comment, "调整节点", "moving a flow")
        inst = _load(instance_id, None)
        expected = inst.version
        if inst.state != State.PENDING:
            raise RuleViolation(None, "只能调整审批中的流程", "only a pending flow can be moved")
        route = inst.route_nodes()
        if not 0 <= position < len(route):
            raise RuleViolation(None, "节点不存在", "no such step")
        if position > inst.position:
            raise RuleViolation(
                "X1",
                "管理员只能将流程调回之前的节点或重新开启当前节点，不能跳过审批",
                "an administrator may move a flow back or restart its step, never skip ahead",
            )
        _cancel_open(inst)
        _step(inst, actor, "move", f"调整至「{route[position].name}」：{comment}", at=at)
        _activate(inst, position, actor, at, previous=set())
        _save(inst, expected)
        return inst


def batch_approve(
    actor: User, instance_ids: Sequence[int], comment: str = "", *, at: datetime | None = None
) -> dict[int, str | None]:
    """批量审批: each document in its own transaction; returns id → None (done) or the
    error message, so one stale document does not block the others."""
    require_active(actor)
    results: dict[int, str | None] = {}
    for instance_id in instance_ids:
        try:
            approve(actor, instance_id, comment, at=at)
            results[instance_id] = None
        except (RuleViolation, Conflict) as exc:
            results[instance_id] = str(exc)
    return results
