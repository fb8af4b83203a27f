"""The applicant's moves: submit a document (the flow starts, the deciding department is
read from the document or the applicant, never taken from the caller), resubmit a returned
one, and withdraw one still pending or returned. The machinery they share (locking, steps,
routing, activation, the version guard) is ``models.workflow.engine``."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from models.base import now
from models.db import db, retry_document
from models.errors import RuleViolation
from models.people import User, require_active
from models.workflow.engine import (
    _activate,
    _cancel_open,
    _finish,
    _load,
    _route_for,
    _save,
    _step,
)
from models.workflow.registry import _DEPARTMENTS, current_version, load_domains
from models.workflow.spec import State
from models.workflow.tables import Instance


@retry_document
def submit(
    actor: User,
    doc_type: str,
    *,
    title: str,
    doc_id: int | None = None,
    fields: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Instance:
    """Start the flow for a document. The applicant is ``actor``; conditions are evaluated on
    ``fields`` now and the first node is opened. The department whose head decides is the
    document's own (``department_of``) or the applicant's, read here, never the caller's
    word."""
    at = at or now()
    if actor.id is None:
        raise RuleViolation("X1", "申请必须由具体人员提交", "a request needs a real applicant")
    with db.atomic():
        require_active(actor)
        version = current_version(doc_type)
        fields = fields or {}
        dept = _deciding_department(doc_type, doc_id, actor)
        inst = Instance.create(
            doc_type=doc_type,
            doc_id=doc_id,
            title=title.strip() or doc_type,
            applicant=actor,
            department=dept,
            flow=version,
            fields=json.dumps(fields, ensure_ascii=False, default=str),
            route=json.dumps(_route_for(version.flow(), fields)),
            state=State.PENDING,
            submitted_at=at,
        )
        _step(inst, actor, "submit", at=at, position=-1)
        expected = inst.version
        _activate(inst, 0, actor, at, previous=set())
        _save(inst, expected)
        return inst


def _deciding_department(doc_type: str, doc_id: int | None, actor: User) -> int | None:
    load_domains()
    of_document = _DEPARTMENTS.get(doc_type)
    if of_document is not None and doc_id is not None:
        dept = of_document(doc_id)
        if dept is not None:
            return dept
    return User.select(User.department).where(User.id == actor.id).scalar()


@retry_document
def resubmit(
    actor: User,
    instance_id: int,
    *,
    fields: dict[str, Any] | None = None,
    comment: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """The applicant sends a returned document again (with corrected fields); the route is
    evaluated anew and the flow starts from its first node."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version, actor)
        expected = inst.version
        if inst.applicant_id != actor.id:
            raise RuleViolation("X1", "只有申请人可以重新提交", "only the applicant may resubmit")
        if inst.state != State.RETURNED:
            raise RuleViolation(
                None, "只有被退回的申请可以重新提交", "only a returned request can be resubmitted"
            )
        if fields is not None:
            inst.fields = json.dumps(fields, ensure_ascii=False, default=str)
        inst.route = json.dumps(_route_for(inst.flow.flow(), inst.field_values()))
        inst.state = State.PENDING
        _step(inst, actor, "resubmit", comment, at=at, position=-1)
        _activate(inst, 0, actor, at, previous=set())
        _save(inst, expected)
        return inst


@retry_document
def withdraw(
    actor: User,
    instance_id: int,
    comment: str = "",
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """撤回: the applicant takes back a request that is pending or returned."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version, actor)
        expected = inst.version
        if inst.applicant_id != actor.id:
            raise RuleViolation("X1", "只有申请人可以撤回", "only the applicant may withdraw")
        if inst.state not in (State.PENDING, State.RETURNED):
            raise RuleViolation(
                None,
                f"申请已{State(inst.state).label}，不能撤回",
                f"the request is {inst.state}; it cannot be withdrawn",
            )
        _cancel_open(inst)
        _step(inst, actor, "withdraw", comment.strip(), at=at)
        inst.position = -1
        _finish(inst, State.WITHDRAWN, actor, at)
        _save(inst, expected)
        return inst
