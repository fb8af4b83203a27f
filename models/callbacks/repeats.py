"""Repeat complaints (C10; seed 001 第十五条): the same complaint again.

- without new facts and reasons it is not accepted again: the repeat is refused (不予受理)
  naming the earlier complaint, and the refusal is recorded on the earlier one too (a
  ``ComplaintSubmission``), so the archive shows how often the complainant came back;
- with new facts, while the earlier one is being processed, it is merged into it: the repeat
  is closed as 已合并 (its own clocks cancelled, so it never shows as overdue; one already
  run out stays breached), and the earlier complaint's processing deadline restarts from
  the new submission (the decision clock when it was accepted, else the acceptance clock);
  the old clock is kept, marked restarted (or breached when it had run out);
- after a decision, a repeat with new facts is a new complaint of its own (第十五条(三)
  refuses only repeats without new facts), so merging into a decided one is refused.

Who: the owner of the repeat (C11), never the person complained about (C10).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from models import audit, settings
from models.base import guarded_update
from models.callbacks.complaint_steps import begin_step, refuse_in, step_time, write_step
from models.callbacks.complaints import (
    SUBJECT,
    Clocks,
    Complaint,
    ComplaintState,
    ComplaintSubmission,
    end_all,
    refuse_respondent,
    start_clock,
)
from models.callbacks.receipts import ServiceReceipt, lock_receipt
from models.clocks import Outcome, running
from models.db import db, retry_document
from models.errors import RuleViolation
from models.people import Actor
from models.text import clean

S = ComplaintState
MERGEABLE = (S.INCOMPLETE, S.REVIEWING, S.ACCEPTED, S.DECIDING, S.DESK_OPEN)
REPEAT_REFUSAL = "重复投诉，无新的事实和理由，不予受理（{number}）"


def possible_repeats(complaint: Complaint) -> list[Complaint]:
    """Earlier complaints by the same phone (or the same customer) within
    ``complaint.repeat_window_days``: the candidates the owner classifies."""
    since = complaint.received_at - timedelta(days=settings.get("complaint.repeat_window_days"))
    same = ServiceReceipt.phone == complaint.phone
    if complaint.customer_id is not None:
        same |= Complaint.customer == complaint.customer_id
    return list(
        Complaint.select(Complaint, ServiceReceipt)
        .join(ServiceReceipt)
        .where(
            same
            & (Complaint.id != complaint.id)
            & (ServiceReceipt.received_at >= since)
            & (ServiceReceipt.received_at <= complaint.received_at)
            & (Complaint.state != S.MERGED)
        )
        .order_by(ServiceReceipt.received_at.desc())
    )


def _same_complainant(repeat: Complaint, earlier: Complaint) -> None:
    same_customer = repeat.customer_id is not None and repeat.customer_id == earlier.customer_id
    if repeat.phone != earlier.phone and not same_customer:
        raise RuleViolation(
            "C10",
            f"{repeat.number} 与 {earlier.number} 不是同一投诉人（电话、客户均不同），"
            "不能按重复投诉处理",
            f"{repeat.number} and {earlier.number} are not from the same complainant",
        )


@retry_document
def merge_complaint(
    actor: Actor,
    repeat: Complaint,
    into: Complaint,
    *,
    new_facts: bool,
    note: str = "",
    at: datetime | None = None,
) -> ComplaintSubmission:
    """C10: ``repeat`` is the same complaint as the earlier ``into``. Without new facts it is
    refused and recorded; with new facts it is merged and ``into``'s deadline restarts from
    ``repeat``'s receipt. Returns the submission recorded on ``into`` (``outcome`` says
    which)."""
    with db.atomic():
        doc = begin_step(actor, repeat, "merge")
        earlier = Complaint.lock(into.id)
        at = step_time(at, doc.received_at, "合并的时间", "the merge")
        refuse_respondent(actor, earlier)
        if earlier.id == doc.id or earlier.received_at > doc.received_at:
            raise RuleViolation(
                "C10",
                "只能并入更早收到的投诉",
                "a repeat is merged into an earlier complaint only",
            )
        _same_complainant(doc, earlier)
        submission = dict(
            complaint=earlier,
            repeat=doc,
            received_at=doc.received_at,
            content=doc.content,
            new_facts=bool(new_facts),
            note=clean(note),
            by=actor.id,
            at=at,
        )
        if not new_facts:
            reason = REPEAT_REFUSAL.format(number=earlier.number)
            refuse_in(actor, doc, reason, at, repeat_of=earlier.id)
            return audit.create(actor, ComplaintSubmission, outcome="refused", **submission)
        if earlier.state not in MERGEABLE:
            raise RuleViolation(
                "C10",
                f"{earlier.number} {S(earlier.state).label}：有新事实的，请作为新的投诉受理",
                f"{earlier.number} is {earlier.state}; a repeat with new facts is a new complaint",
            )
        end_all(doc, at, Outcome.CANCELLED)
        receipt = lock_receipt(doc.receipt_id)
        guarded_update(receipt, receipt.version, closed_at=at, result=f"已合并至 {earlier.number}")
        write_step(
            actor, doc, "merge", earlier.number, state=S.MERGED.value, merged_into=earlier.id
        )
        # The processing period restarts from the new materials (第十五条第二款).
        for key in (Clocks.DECISION, Clocks.ACCEPTANCE):
            clock = running(SUBJECT, earlier.id, key)
            if clock is not None:
                start_clock(earlier, key, max(doc.received_at, clock.started_at), judged_at=at)
                break
        audit.record(
            actor, "complaint", earlier.id, "merged_in", {"repeat": (None, doc.number)}, note
        )
        return audit.create(actor, ComplaintSubmission, outcome="merged", **submission)


def repeats_of(complaint: Complaint) -> list[ComplaintSubmission]:
    """The repeats recorded on ``complaint``, oldest first."""
    return list(
        ComplaintSubmission.select()
        .where(ComplaintSubmission.complaint == complaint.id)
        .order_by(ComplaintSubmission.id)
    )
