"""Delegation (代理): while it is active, the principal's tasks reach the delegate's inbox."""

from __future__ import annotations

from datetime import datetime

from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.people import Role, User, require_role
from models.workflow.tables import Delegation


def delegate(
    actor: User,
    principal: User,
    to: User,
    starts: datetime,
    ends: datetime,
    doc_type: str = "",
) -> Delegation:
    """Set up 代理 for ``principal`` (oneself, or anyone by an administrator)."""
    if actor.id != principal.id:
        require_role(actor, Role.ADMIN)
    if to.id == principal.id:
        raise RuleViolation(None, "不能委托给自己", "cannot delegate to oneself", field="delegate")
    if ends <= starts:
        raise RuleViolation(
            None, "结束时间必须晚于开始时间", "the end must be after the start", field="ends"
        )
    if to.is_voided:
        raise RuleViolation(None, f"{to.name} 的账户已作废", f"{to.name} is voided")
    with db.atomic():
        overlap = (
            (Delegation.starts <= ends)
            & (Delegation.ends >= starts)
            & (Delegation.revoked_at.is_null())
        )
        same_scope = (
            (Delegation.doc_type == "") | (Delegation.doc_type == doc_type) | (doc_type == "")
        )
        if (
            Delegation.select()
            .where((Delegation.principal == principal.id) & overlap & same_scope)
            .exists()
        ):
            raise RuleViolation(None, "该时段已有委托", "a delegation overlaps this period")
        if Delegation.select().where((Delegation.principal == to.id) & overlap).exists():
            raise RuleViolation(
                None,
                f"{to.name} 在该时段也已委托他人，不能再转委托",
                f"{to.name} delegates in this period too; no chains",
            )
        row = Delegation.create(
            principal=principal,
            delegate=to,
            doc_type=doc_type,
            starts=starts,
            ends=ends,
            created_at=now(),
        )
        from models import audit

        audit.record(
            actor,
            "delegation",
            row.id,
            "create",
            {
                "principal": (None, principal.name),
                "delegate": (None, to.name),
                "starts": (None, starts),
                "ends": (None, ends),
            },
        )
        return row


def revoke_delegation(actor: User, delegation: Delegation) -> None:
    if actor.id != delegation.principal_id:
        require_role(actor, Role.ADMIN)
    with db.atomic():
        Delegation.update(revoked_at=now()).where(Delegation.id == delegation.id).execute()
        from models import audit

        audit.record(actor, "delegation", delegation.id, "revoke")
