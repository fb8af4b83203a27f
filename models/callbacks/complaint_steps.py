"""What the owner of a complaint does next (C10), each step one transaction that checks the
owner (C11) and refuses the person complained about (C10), and stops or starts the clocks
the step answers: 告知补正 stops the 5-working-day notice; 材料齐全 starts the
10-working-day acceptance; 受理 stops it and starts the 30-day decision; 不予受理 (with
reasons) stops it; the decision goes to the engine (``propose_decision``) and its approval
stops the decision clock (``Complaint.outcome_changes``); 办结 records the result and the
complainant's satisfaction (C12). The 服务台 variant has its first feedback and its
resolution instead."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from models import audit, dates, numbers, workflow
from models.base import guarded_update, now
from models.callbacks import follow_ups, receipts
from models.callbacks.complaints import (
    Clocks,
    Complaint,
    ComplaintState,
    end_all,
    refuse_respondent,
    start_clock,
    stop_clock,
)
from models.db import db, retry_document
from models.errors import RuleViolation
from models.people import Actor
from models.text import clean, is_blank

S = ComplaintState


def begin_step(actor: Actor, complaint: Complaint, action: str) -> Complaint:
    """Lock the complaint (refusing a stale one) and check the step: its state (C10), the
    owner (C11), never the person complained about (C10)."""
    doc = Complaint.begin(actor, complaint, action)
    receipts.require_owner(actor, doc.receipt, "办理该投诉", "acting on the complaint")
    refuse_respondent(actor, doc)
    return doc


def step_time(at: datetime | None, after: datetime, what_zh: str, what_en: str) -> datetime:
    at = at or now()
    dates.done(at, what_zh, what_en, field="at", rule="C10")
    if at < after:
        raise RuleViolation(
            "C10",
            f"{what_zh}（{at:%Y-%m-%d %H:%M}）不能早于收到投诉的时间（{after:%Y-%m-%d %H:%M}）",
            f"{what_en} cannot be before the complaint was received",
            field="at",
        )
    return at


def _first_feedback(doc: Complaint, at: datetime) -> dict[str, Any]:
    return {} if doc.first_feedback_at is not None else {"first_feedback_at": at}


def write_step(
    actor: Actor, doc: Complaint, action: str, note: str | None = None, **changes: Any
) -> Complaint:
    old = {k: getattr(doc, k) for k in changes}
    guarded_update(doc, doc.version, **changes)
    audit.record(
        actor, "complaint", doc.id, action, {k: (old[k], v) for k, v in changes.items()}, note
    )
    return doc


@retry_document
def notify_incomplete(
    actor: Actor, complaint: Complaint, missing: str, at: datetime | None = None
) -> Complaint:
    """C10: the complainant is told what is missing; stops the 5-working-day clock (met or
    breached)."""
    with db.atomic():
        doc = begin_step(actor, complaint, "notify_incomplete")
        at = step_time(at, doc.received_at, "告知补正的时间", "the notice")
        if is_blank(missing):
            raise RuleViolation("C10", "请写明需补正的材料", "say what is missing", field="missing")
        stop_clock(doc, Clocks.NOTICE, at)
        return write_step(
            actor,
            doc,
            "notify_incomplete",
            missing=clean(missing),
            notified_incomplete_at=at,
            **_first_feedback(doc, at),
        )


@retry_document
def complete_materials(actor: Actor, complaint: Complaint, at: datetime | None = None) -> Complaint:
    """C10: the materials are complete: the 10-working-day acceptance clock starts."""
    with db.atomic():
        doc = begin_step(actor, complaint, "complete_materials")
        at = step_time(at, doc.received_at, "材料齐全的时间", "the completion")
        stop_clock(doc, Clocks.NOTICE, at)
        start_clock(doc, Clocks.ACCEPTANCE, at)
        return write_step(
            actor, doc, "complete_materials", state=S.REVIEWING.value, materials_complete_at=at
        )


@retry_document
def accept_complaint(actor: Actor, complaint: Complaint, at: datetime | None = None) -> Complaint:
    """C10: 受理; stops the acceptance clock and starts the 30-day decision clock."""
    with db.atomic():
        doc = begin_step(actor, complaint, "accept")
        at = step_time(at, doc.received_at, "受理时间", "the acceptance")
        stop_clock(doc, Clocks.ACCEPTANCE, at)
        start_clock(doc, Clocks.DECISION, at)
        return write_step(
            actor, doc, "accept", state=S.ACCEPTED.value, accepted_at=at, **_first_feedback(doc, at)
        )


def refuse_in(actor: Actor, doc: Complaint, reason: str, at: datetime, **extra: Any) -> Complaint:
    """不予受理 inside the caller's transaction: the clocks it answers stop (met or breached),
    the receipt is closed."""
    stop_clock(doc, Clocks.ACCEPTANCE, at)
    stop_clock(doc, Clocks.NOTICE, at)
    end_all(doc, at)
    receipt = receipts.lock_receipt(doc.receipt_id)
    guarded_update(receipt, receipt.version, closed_at=at, result=reason)
    return write_step(
        actor,
        doc,
        "refuse",
        state=S.REFUSED.value,
        refused_at=at,
        refuse_reason=reason,
        **_first_feedback(doc, at),
        **extra,
    )


@retry_document
def refuse_complaint(
    actor: Actor, complaint: Complaint, reason: str, at: datetime | None = None
) -> Complaint:
    """C10: 不予受理, with the reasons (required)."""
    with db.atomic():
        doc = begin_step(actor, complaint, "refuse")
        at = step_time(at, doc.received_at, "不予受理的时间", "the refusal")
        if is_blank(reason):
            raise RuleViolation(
                "C10", "不予受理须说明理由", "a refusal states its reasons", field="reason"
            )
        return refuse_in(actor, doc, clean(reason), at)


@retry_document
def propose_decision(
    actor: Actor,
    complaint: Complaint,
    decision: str,
    compensation: Decimal | int | str = Decimal("0"),
    at: datetime | None = None,
) -> Complaint:
    """C10: the owner proposes the decision; it goes to the head of his department and, when
    the compensation is above the threshold (setting, ¥5,000), to the main leader."""
    with db.atomic():
        doc = begin_step(actor, complaint, "propose_decision")
        at = step_time(at, doc.received_at, "提出处理决定的时间", "the proposal")
        if is_blank(decision):
            raise RuleViolation(
                "C10", "请填写处理决定", "the decision is required", field="decision"
            )
        amount = numbers.money(compensation, "赔偿金额", "the compensation", field="compensation")
        write_step(
            actor,
            doc,
            "propose_decision",
            state=S.DECIDING.value,
            decision=clean(decision),
            compensation=amount,
        )
        workflow.submit(
            actor,
            Complaint.DOC_TYPE,
            title=doc.approval_title()[0],
            doc_id=doc.id,
            fields={"compensation": str(amount)},
            at=at,
        )
        return Complaint.get_by_id(doc.id)


@retry_document
def close_complaint(
    actor: Actor,
    complaint: Complaint,
    result: str,
    satisfaction: int | None = None,
    at: datetime | None = None,
) -> Complaint:
    """The decision is told to the complainant: 办结, with how satisfied he said he was."""
    with db.atomic():
        doc = begin_step(actor, complaint, "close")
        return _finish(actor, doc, "close", result, satisfaction, at)


def _finish(
    actor: Actor,
    doc: Complaint,
    action: str,
    result: str,
    satisfaction: int | None,
    at: datetime | None,
) -> Complaint:
    at = step_time(at, doc.received_at, "办结时间", "the closing")
    if is_blank(result):
        raise RuleViolation("C10", "请填写处理结果", "the result is required", field="result")
    if satisfaction is not None:
        satisfaction = numbers.whole(
            satisfaction, "满意度", "satisfaction", field="satisfaction", minimum=1, maximum=5
        )
    receipt = receipts.lock_receipt(doc.receipt_id)
    guarded_update(receipt, receipt.version, closed_at=at, result=clean(result))
    write_step(
        actor,
        doc,
        action,
        state=S.CLOSED.value,
        closed_at=at,
        result=clean(result),
        satisfaction=satisfaction,
        **_first_feedback(doc, at),
    )
    follow_ups.follow_up_in(actor, doc, at)  # C5: the 投诉处理回访, in the same transaction
    return Complaint.get_by_id(doc.id)


@retry_document
def desk_feedback(
    actor: Actor, complaint: Complaint, note: str, at: datetime | None = None
) -> Complaint:
    """服务台: the first feedback to the complainant (the 48-hour clock)."""
    with db.atomic():
        doc = begin_step(actor, complaint, "desk_feedback")
        at = step_time(at, doc.received_at, "初步反馈时间", "the first feedback")
        if is_blank(note):
            raise RuleViolation("C10", "请填写反馈内容", "say what was told", field="note")
        stop_clock(doc, Clocks.DESK_FEEDBACK, at)
        return write_step(actor, doc, "desk_feedback", clean(note), **_first_feedback(doc, at))


@retry_document
def desk_resolve(
    actor: Actor,
    complaint: Complaint,
    result: str,
    satisfaction: int | None = None,
    at: datetime | None = None,
) -> Complaint:
    """服务台: done (the 72-hour clock); a first feedback not given yet is given now."""
    with db.atomic():
        doc = begin_step(actor, complaint, "desk_resolve")
        when = step_time(at, doc.received_at, "办结时间", "the resolution")
        stop_clock(doc, Clocks.DESK_FEEDBACK, when)
        stop_clock(doc, Clocks.DESK_RESOLVE, when)
        return _finish(actor, doc, "desk_resolve", result, satisfaction, when)
