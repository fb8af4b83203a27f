"""The declaration a teacher's request decided by 教研处 in one step shares: 请假 (T3,
``leave``) and 学分申请 (T7, ``external``). Both are filed by the teacher himself or by 培训办
for him (X1) and go pending → approved, rejected or returned; a returned one is withdrawn,
or corrected and resubmitted by its applicant; the engine's outcomes map onto the document's
states the same way; the approval is stamped when it comes.

Why one shape: the two lifecycles are the same by the regulations (one office, one node,
the applicant's own resubmission), so a change to it (another step, another guard) is made
once. What differs is given by each document: its states' words (已批准 / 已认定), its rule
and the words of its refusals, its flow's names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

from models import audit, workflow
from models.base import guarded_update, now
from models.documents import Document, Transition, transition
from models.errors import RuleViolation
from models.people import Actor, Role, User, require_active, require_person
from models.training.teachers import MANAGERS, Teacher, teacher_of_user
from models.workflow import Approver, Flow, Instance, Node, State

OFFICE = "office"
"""The one node: 教研处 (培训办) decides."""

STATES = ("pending", "returned", "approved", "rejected", "withdrawn")


def state_words(state: str, *, approved: str, rejected: str) -> str:
    """A state's words: 审批中, 已退回, ``approved``, ``rejected``, 已撤回 (the decision's
    words are the document's: 已批准 for a leave, 已认定 for a claim)."""
    return dict(zip(STATES, ("审批中", "已退回", approved, rejected, "已撤回"), strict=True))[state]


def outcomes(enum: type[StrEnum]) -> dict[State, str]:
    """The engine's outcome → the request's state (a closed approval is a withdrawn one)."""
    return {
        State.APPROVED: enum.APPROVED,
        State.REJECTED: enum.REJECTED,
        State.RETURNED: enum.RETURNED,
        State.WITHDRAWN: enum.WITHDRAWN,
        State.CLOSED: enum.WITHDRAWN,
    }


def _is_applicant(user: User, doc: Any) -> bool:
    return user.id == doc.applicant_id


def transitions(
    enum: type[StrEnum], rule: str, not_pending: tuple[str, str], not_returned: tuple[str, str]
) -> tuple[Transition, ...]:
    """The office decides a pending request; the applicant withdraws a pending or returned
    one and resubmits a returned one. ``not_pending`` and ``not_returned`` are the refusals'
    words (Chinese, English) when the request is not in the state the action needs."""
    return (
        transition(
            "approve",
            [enum.PENDING],
            nodes=[OFFICE],
            rule=rule,
            zh=not_pending[0],
            en=not_pending[1],
        ),
        transition("reject", [enum.PENDING], nodes=[OFFICE], rule=rule),
        transition("return", [enum.PENDING], nodes=[OFFICE], rule=rule),
        transition("withdraw", [enum.PENDING, enum.RETURNED], engine="withdraw"),
        transition(
            "resubmit",
            [enum.RETURNED],
            who=_is_applicant,
            rule=rule,
            zh=not_returned[0],
            en=not_returned[1],
            who_zh="只有申请人本人可以重新提交",
            who_en="only the applicant may resubmit",
        ),
    )


def stamp_approval(doc: Any, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
    """A document's ``outcome_changes``: the approval's time, when it is approved."""
    return {"approved_at": inst.finished_at or now()} if state == State.APPROVED else {}


def office_flow(doc_type: str, rule: str, name: tuple[str, str], node: tuple[str, str]) -> Flow:
    """The request's flow, registered: one node, 教研处 deciding, never the applicant (X1:
    the engine separates the duties). ``name`` and ``node`` are (Chinese, English)."""
    return workflow.register_flow(
        Flow(
            doc_type,
            name[0],
            (Node(OFFICE, node[0], (Approver.role(Role.TRAINING),), name_en=node[1]),),
            separate_duties=True,
            rule=rule,
            name_en=name[1],
        )
    )


def applicant_for(
    actor: User, teacher: Teacher, what: tuple[str, str], refusal: tuple[str, str]
) -> User:
    """X1: a teacher's request is filed by him (his linked login) or by 培训办 for him; the
    applicant, a person (not the command line). ``what`` names the request for the command
    line's refusal, ``refusal`` is said to anyone else (Chinese, English; ``{name}`` the
    teacher's, filled in only when it is said)."""
    roles = require_active(actor)
    applicant = require_person(actor, *what)
    own = teacher_of_user(applicant)
    if not roles.intersection(MANAGERS) and (own is None or own.id != teacher.id):
        zh, en = refusal
        raise RuleViolation("X1", zh.format(name=teacher.name), en.format(name=teacher.name))
    return applicant


def resubmitted(
    actor: User,
    doc: Document,
    fields: dict[str, Any],
    send: Callable[[User, Any, datetime], None],
    at: datetime,
) -> None:
    """A returned request sent again: its checked ``fields`` written where they changed
    (version-guarded), ``send`` on the same approval, the change in the audit log."""
    diff = {k: (getattr(doc, k), v) for k, v in fields.items() if getattr(doc, k) != v}
    if diff:
        guarded_update(doc, doc.version, **fields)
    send(actor, doc, at)
    audit.record(actor, doc.DOC_TYPE, doc.id, "resubmit", diff)
