"""请假 (T3): a teacher's leave from sessions, approved on the engine by 教研处 (培训办),
document type ``training_leave``. Only an approved leave lets a register mark 请假.

Why 教研处 and not the 教研组长: the engine resolves approvers by role, named user or
department head; a group leader is a teacher (not a department head), and an approver taken
from the document is not in the engine yet. 教研处 approving keeps the X1 rule (the engine
refuses the applicant's own approval) until it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, documents
from models.base import now
from models.db import db, retry_document
from models.documents import Document
from models.errors import RuleViolation
from models.people import User
from models.text import clean
from models.training import office_requests
from models.training.teachers import Teacher
from models.workflow import State

LEAVE_KINDS = ("病假", "事假", "公差")


class LeaveState(StrEnum):
    """The states of the lifecycle ``office_requests`` declares for both requests; a
    decision is worded 已批准 and 未批准."""

    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return office_requests.state_words(self.value, approved="已批准", rejected="未批准")


L = LeaveState


class TrainingLeave(Document):
    """A teacher's leave from ``from_date`` to ``to_date`` (the sessions of those days)."""

    DOC_TYPE = "training_leave"

    def approval_title(self) -> tuple[str, str]:
        days = f"{self.from_date}～{self.to_date}"
        kind_en = {"病假": "sick leave", "事假": "personal leave", "公差": "official duty"}
        en = kind_en.get(self.kind, self.kind)
        return (f"{self.teacher.name} {self.kind} {days}", f"{self.teacher.name}, {en}, {days}")

    STATES = LeaveState
    OUTCOMES: ClassVar[Mapping[State, str]] = office_requests.outcomes(L)
    TRANSITIONS = office_requests.transitions(
        L,
        "T3",
        not_pending=("请假不在审批中", "the leave is not awaiting approval"),
        not_returned=(
            "只有被退回的请假可以重新提交",
            "only a returned leave request is resubmitted",
        ),
    )

    teacher = peewee.ForeignKeyField(Teacher, backref="leaves")
    from_date = peewee.DateField()
    to_date = peewee.DateField()
    kind = peewee.CharField(max_length=4)
    reason = peewee.CharField(max_length=200)
    state = peewee.CharField(max_length=10, default=L.PENDING, index=True)
    applicant = peewee.ForeignKeyField(User)
    submitted_at = peewee.DateTimeField()
    approved_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("teacher", "from_date"), False),)

    outcome_changes = office_requests.stamp_approval


LEAVE_FLOW = office_requests.office_flow(
    TrainingLeave.DOC_TYPE,
    "T3",
    name=("教研活动请假", "Leave from a training session"),
    node=("教研处审批", "Training office's approval"),
)
documents.register(TrainingLeave)


@retry_document
def request_leave(
    actor: User,
    teacher: Teacher,
    from_date: date,
    to_date: date,
    kind: str,
    reason: str,
    *,
    at: datetime | None = None,
) -> TrainingLeave:
    """A teacher asks leave from the sessions of some days (T3): he himself (his login is
    linked to him) or 培训办 for him. Refused: anyone else (X1), no reason, a leave ending
    before it starts, a kind other than 病假/事假/公差."""
    at = at or now()
    with db.atomic():
        applicant = office_requests.applicant_for(
            actor,
            teacher,
            ("请假申请", "a leave request"),
            (
                "只有{name}本人或培训办可以为其请假",
                "only {name} himself or the training office may ask his leave",
            ),
        )
        fields = _checked(from_date, to_date, kind, reason)
        leave = audit.create(
            actor, TrainingLeave, teacher=teacher.id, applicant=applicant, submitted_at=at, **fields
        )
        _send(applicant, TrainingLeave.get_by_id(leave.id), at)
        return TrainingLeave.get_by_id(leave.id)


def _checked(from_date: date, to_date: date, kind: str, reason: str) -> dict[str, Any]:
    """The leave's columns, checked (T3): a reason, a known kind, dates in order."""
    why = clean(reason)
    if not why:
        raise RuleViolation("T3", "请假须写明事由", "a leave needs a reason", field="reason")
    if kind not in LEAVE_KINDS:
        raise RuleViolation(
            "T3",
            f"请假类别应为{'、'.join(LEAVE_KINDS)}",
            "a leave is sick, personal or official",
            field="kind",
        )
    if to_date < from_date:
        raise RuleViolation("T3", "请假结束日早于开始日", "the leave ends before it starts")
    return {"from_date": from_date, "to_date": to_date, "kind": kind, "reason": why}


def _send(actor: User, leave: TrainingLeave, at: datetime) -> None:
    """报批, first or again (``documents.send_for_approval``)."""
    days = (leave.to_date - leave.from_date).days + 1
    documents.send_for_approval(
        actor, leave, fields={"days": days}, pending=L.PENDING, returned=L.RETURNED, at=at
    )


@retry_document
def resubmit_leave(
    actor: User,
    leave: TrainingLeave,
    *,
    from_date: date | None = None,
    to_date: date | None = None,
    kind: str | None = None,
    reason: str | None = None,
    at: datetime | None = None,
) -> TrainingLeave:
    """A returned leave, corrected (the values given) and sent again on the same approval,
    by its applicant only (T3). Refused as ``request_leave`` refuses, and a leave not
    returned (pending, decided or withdrawn)."""
    at = at or now()
    with db.atomic():
        doc = TrainingLeave.begin(actor, leave, "resubmit")
        fields = _checked(
            from_date or doc.from_date,
            to_date or doc.to_date,
            doc.kind if kind is None else kind,
            doc.reason if reason is None else reason,
        )
        office_requests.resubmitted(actor, doc, fields, _send, at)
        return TrainingLeave.get_by_id(doc.id)


@retry_document
def approve_leave(
    actor: User, leave: TrainingLeave, comment: str = "", *, at: datetime | None = None
) -> TrainingLeave:
    """教研处 approves a leave (T3); never the applicant himself (X1, the engine)."""
    return documents.approve(actor, leave, "approve", comment or "同意", at=at)


@retry_document
def reject_leave(
    actor: User, leave: TrainingLeave, comment: str, *, at: datetime | None = None
) -> TrainingLeave:
    """教研处 refuses a leave (a comment is required, X2)."""
    return documents.reject(actor, leave, comment, at=at)


def approved_leaves(teacher_ids: list[int], day: date) -> dict[int, TrainingLeave]:
    """The approved leaves covering ``day`` of these teachers, by teacher (the first of each,
    as ``approved_leave``): one query for a whole roster."""
    found: dict[int, TrainingLeave] = {}
    query = (
        TrainingLeave.select()
        .where(
            TrainingLeave.teacher.in_(teacher_ids)
            & (TrainingLeave.state == L.APPROVED)
            & (TrainingLeave.from_date <= day)
            & (TrainingLeave.to_date >= day)
        )
        .order_by(TrainingLeave.id)
    )
    for leave in query if teacher_ids else ():
        found.setdefault(leave.teacher_id, leave)
    return found


def approved_leave(teacher: Teacher | int, day: date) -> TrainingLeave | None:
    """The approved leave of ``teacher`` covering ``day``, if any."""
    teacher_id = teacher if isinstance(teacher, int) else teacher.id
    return (
        TrainingLeave.select()
        .where(
            (TrainingLeave.teacher == teacher_id)
            & (TrainingLeave.state == L.APPROVED)
            & (TrainingLeave.from_date <= day)
            & (TrainingLeave.to_date >= day)
        )
        .order_by(TrainingLeave.id)
        .first()
    )
