"""The approvers' decisions: approve (the node completes by its mode and the next one opens,
or the flow ends), reject (驳回, with a comment) and return (退回, to the applicant or to an
earlier node). Each finds the actor's own task first (``_my_task``: his, or his principal's
while he is a delegate), in one transaction guarded by the version the user saw."""

from __future__ import annotations

from datetime import datetime

from models.base import now
from models.db import db, retry_document
from models.errors import RuleViolation
from models.people import User, require_active
from models.workflow.engine import (
    _APPROVERS_AT,
    _activate,
    _cancel_open,
    _finish,
    _load,
    _mark,
    _my_task,
    _node_complete,
    _require_comment,
    _save,
    _step,
)
from models.workflow.registry import _GUARDS
from models.workflow.spec import State
from models.workflow.tables import Instance, TaskState


@retry_document
def approve(
    actor: User,
    instance_id: int,
    comment: str = "",
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version, actor)
        expected = inst.version
        task, principal = _my_task(inst, actor, at)
        if principal is not None and principal.id == inst.applicant_id:
            raise RuleViolation("X1", "不能审批自己的申请", "nobody approves their own request")
        node = inst.current_node()
        assert node is not None
        for guard in _GUARDS.get(inst.doc_type, []):
            guard(inst, node, actor)
        _mark(task, TaskState.APPROVED, at)
        _step(inst, actor, "approve", comment.strip(), at=at, on_behalf_of=principal)
        if _node_complete(inst, node, inst.position, at):
            approvers = {a for (a,) in _APPROVERS_AT.rows(inst.id, inst.position)} | {actor.id}
            _activate(inst, inst.position + 1, actor, at, previous=approvers)
        _save(inst, expected)
        return inst


@retry_document
def reject(
    actor: User,
    instance_id: int,
    comment: str,
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """驳回: ends the flow; a comment is required (X2)."""
    at = at or now()
    with db.atomic():
        require_active(actor)
        comment = _require_comment(comment, "驳回", "rejecting")
        inst = _load(instance_id, expected_version)
        expected = inst.version
        task, principal = _my_task(inst, actor, at)
        _mark(task, TaskState.REJECTED, at)
        _cancel_open(inst)
        _step(inst, actor, "reject", comment, at=at, on_behalf_of=principal)
        inst.position = -1
        _finish(inst, State.REJECTED, actor, at)
        _save(inst, expected)
        return inst


@retry_document
def return_to(
    actor: User,
    instance_id: int,
    comment: str,
    *,
    position: int | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """退回: to the applicant (``position=None``), who may correct and resubmit, or to an
    earlier node of the route, which is then walked again from there."""
    at = at or now()
    with db.atomic():
        require_active(actor)
        comment = _require_comment(comment, "退回", "returning")
        inst = _load(instance_id, expected_version)
        expected = inst.version
        task, principal = _my_task(inst, actor, at)
        if position is not None and not 0 <= position < inst.position:
            raise RuleViolation(
                None, "只能退回到之前的节点", "you can only return to an earlier step"
            )
        _mark(task, TaskState.RETURNED, at)
        _cancel_open(inst)
        target = "申请人" if position is None else inst.route_nodes()[position].name
        _step(inst, actor, "return", f"退回至{target}：{comment}", at=at, on_behalf_of=principal)
        if position is None:
            inst.position = -1
            _finish(inst, State.RETURNED, actor, at)
        else:
            _activate(inst, position, actor, at, previous=set())
        _save(inst, expected)
        return inst
