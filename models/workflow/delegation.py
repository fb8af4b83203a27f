"""Delegation (代理): while it is active, the principal's tasks reach the delegate's inbox."""

from __future__ import annotations

from datetime import datetime

from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.people import Role, User, require_active, require_role
from models.workflow.registry import _FLOWS, load_domains
from models.workflow.tables import Delegation


def _check_eligible(principal: User, to: User, doc_type: str) -> None:
    """A delegate holds what the delegated tasks need (X1), as a 转交 does: for every node
    of the flows in scope that the principal decides by a role, the delegate holds that
    role; for a 科室负责人 node, he heads the principal's department too. A node naming the
    principal in person asks nothing more (a named approver chooses who stands in)."""
    load_domains()
    flows = [_FLOWS[doc_type]] if doc_type in _FLOWS else list(_FLOWS.values())
    theirs = require_active(to)
    for flow in flows:
        for node in flow.nodes:
            for approver in node.approvers:
                if approver.kind == "role":
                    needed = Role(approver.value)
                    ok = needed not in principal.roles or needed in theirs
                elif approver.kind == "dept_head":
                    needed = Role.DEPT_HEAD
                    ok = needed not in principal.roles or (
                        needed in theirs and to.department_id == principal.department_id
                    )
                else:
                    continue
                if not ok:
                    raise RuleViolation(
                        "X1",
                        f"{to.name} 无权审批「{flow.name}」的「{node.name}」（需要{needed.label}"
                        f"{'，且同一科室' if approver.kind == 'dept_head' else ''}），"
                        "不能受托；请委托有该权限的人员，或按单据类型分别委托",
                        f"{to.name} may not decide {node.name} of {flow.name}; delegate to "
                        "someone who holds what it needs",
                        field="delegate",
                    )


def delegate(
    actor: User,
    principal: User,
    to: User,
    starts: datetime,
    ends: datetime,
    doc_type: str = "",
) -> Delegation:
    """Set up 代理 for ``principal`` (oneself, or anyone by an administrator)."""
    with db.atomic():
        require_active(actor)
        if actor.id != principal.id:
            require_role(actor, Role.ADMIN)
        if to.id == principal.id:
            raise RuleViolation(
                None, "不能委托给自己", "cannot delegate to oneself", field="delegate"
            )
        if ends <= starts:
            raise RuleViolation(
                None, "结束时间必须晚于开始时间", "the end must be after the start", field="ends"
            )
        _check_eligible(principal, to, doc_type)
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
    with db.atomic():
        require_active(actor)
        if actor.id != delegation.principal_id:
            require_role(actor, Role.ADMIN)
        Delegation.update(revoked_at=now()).where(Delegation.id == delegation.id).execute()
        from models import audit

        audit.record(actor, "delegation", delegation.id, "revoke")
