"""季度服务质量评价 (C12; seed 002 客户服务部管理制度): per calendar quarter, the response time,
the resolution rate and the customers' satisfaction, with the clocks met and breached.

Definitions (each one a reading of the seed, written here once so the register, the chart and
the command line agree):

- the quarter's complaints are those *received* in it (``Period.datetime_range``); a repeat
  merged into an earlier complaint is not counted again;
- response time: from receipt to the first feedback to the complainant (the notice of what
  is missing, the acceptance or refusal, the 服务台's first feedback), in hours; mean and
  median over the complaints answered by the quarter's end;
- resolution rate: the share of the quarter's complaints with a result (decided, closed, or
  refused with reasons) by the quarter's end, from the stored times, so an old quarter
  reads the same whenever it is asked;
- satisfaction: the mean score (1–5) the customers gave in the quarter: the callbacks'
  written records of the calls made in it (each call's current record: an amendment made
  later replaces the score, in the quarter of the call; invalid questionnaire answers do
  not count), else, for a quarter without any, what complainants said when their
  complaint was closed;
- clocks: the complaint clocks stopped in the quarter, met and breached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

import peewee

from models import periods
from models.callbacks.complaints import SUBJECT, Complaint, ComplaintState
from models.callbacks.receipts import Handover, HandoverState, ServiceReceipt
from models.callbacks.records import CallbackRecord
from models.clocks import Clock, Outcome
from models.periods import Period, PeriodKind

S = ComplaintState
TENTH = Decimal("0.1")

# (score sum, count) of the satisfaction given in [start, end), or None when the source has
# nothing to say.
SatisfactionSource = Callable[[datetime, datetime], tuple[int, int] | None]


def _complaint_satisfaction(start: datetime, end: datetime) -> tuple[int, int] | None:
    row = (
        Complaint.select(
            peewee.fn.COALESCE(peewee.fn.SUM(Complaint.satisfaction), 0),
            peewee.fn.COUNT(Complaint.satisfaction),
        )
        .where(
            Complaint.satisfaction.is_null(False)
            & (Complaint.closed_at >= start)
            & (Complaint.closed_at < end)
        )
        .tuples()
        .first()
    )
    return (int(row[0]), int(row[1])) if row and row[1] else None


def _callback_satisfaction(start: datetime, end: datetime) -> tuple[int, int] | None:
    """Per callback first recorded in [start, end): the score of its current record (the
    newest usable one, so an amendment made later replaces the score in the quarter of the
    call itself)."""
    record = CallbackRecord
    usable = record.valid.is_null() | (record.valid == True)  # noqa: E712 (SQL)
    first = peewee.fn.MIN(record.submitted_at)
    latest = (
        record.select(record.callback, peewee.fn.MAX(record.id).alias("last_id"))
        .where(usable)
        .group_by(record.callback)
        .having((first >= start) & (first < end))
        .alias("latest")
    )
    row = (
        record.select(
            peewee.fn.COALESCE(peewee.fn.SUM(record.satisfaction), 0),
            peewee.fn.COUNT(record.satisfaction),
        )
        .join(latest, on=(record.id == latest.c.last_id))
        .where(record.satisfaction.is_null(False))
        .tuples()
        .first()
    )
    return (int(row[0]), int(row[1])) if row and row[1] else None


# Asked in order; the first with a count answers.
SATISFACTION_SOURCES: list[tuple[str, SatisfactionSource]] = [
    ("callbacks", _callback_satisfaction),
    ("complaints", _complaint_satisfaction),
]


@dataclass(frozen=True)
class Evaluation:
    period: Period
    complete: bool  # the quarter has ended
    received: int
    answered: int  # with a first feedback by the quarter's end
    response_hours_mean: Decimal | None
    response_hours_median: Decimal | None
    resolved: int  # decided, closed or refused by the quarter's end
    refused: int
    resolution_rate: Decimal | None  # percent, one decimal
    satisfaction: Decimal | None  # mean score 1–5, one decimal
    satisfaction_count: int
    satisfaction_source: str  # "callbacks" / "complaints" / "" (nothing given)
    clocks_met: int
    clocks_breached: int


def _tenth(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def quarterly_evaluation(quarter: str | Period, at: datetime | None = None) -> Evaluation:
    """C12: the service-quality figures of ``quarter`` (``2026Q4``, ``2026年第四季度``)."""
    from models.base import now

    period = quarter if isinstance(quarter, Period) else periods.parse(quarter, PeriodKind.QUARTER)
    start, end = period.datetime_range()
    rows = list(
        Complaint.select(
            ServiceReceipt.received_at,
            Complaint.first_feedback_at,
            Complaint.decided_at,
            Complaint.closed_at,
            Complaint.refused_at,
        )
        .join(ServiceReceipt)
        .where(
            (ServiceReceipt.received_at >= start)
            & (ServiceReceipt.received_at < end)
            & (Complaint.state != S.MERGED)
        )
        .tuples()
    )
    waits = [_hours(r[0], r[1]) for r in rows if r[1] is not None and r[1] < end]
    results = [min(t for t in r[2:] if t is not None) for r in rows if any(r[2:])]
    resolved = sum(1 for t in results if t < end)
    refused = sum(1 for r in rows if r[4] is not None and r[4] < end)
    score, count, source = 0, 0, ""
    for name, ask in SATISFACTION_SOURCES:
        found = ask(start, end)
        if found:
            (score, count), source = found, name
            break
    stopped = dict(
        Clock.select(Clock.outcome, peewee.fn.COUNT(Clock.id))
        .where(
            (Clock.subject == SUBJECT)
            & (Clock.stopped_at >= start)
            & (Clock.stopped_at < end)
            & Clock.outcome.in_([Outcome.MET.value, Outcome.BREACHED.value])
        )
        .group_by(Clock.outcome)
        .tuples()
    )
    return Evaluation(
        period=period,
        complete=(at or now()) >= end,
        received=len(rows),
        answered=len(waits),
        response_hours_mean=_tenth(sum(waits) / len(waits)) if waits else None,
        response_hours_median=_tenth(median(waits)) if waits else None,
        resolved=resolved,
        refused=refused,
        resolution_rate=_tenth(Decimal(100 * resolved) / len(rows)) if rows else None,
        satisfaction=_tenth(Decimal(score) / count) if count else None,
        satisfaction_count=count,
        satisfaction_source=source,
        clocks_met=stopped.get(Outcome.MET.value, 0),
        clocks_breached=stopped.get(Outcome.BREACHED.value, 0),
    )


@dataclass(frozen=True)
class OwnerClocks:
    user_id: int
    met: int
    breached: int


def clocks_by_owner(period: Period) -> list[OwnerClocks]:
    """C8/C11: the complaint clocks stopped in ``period`` per person who owned the complaint
    *when the clock stopped*: the first receiver, or whoever had accepted its handover by
    then (an offered, unanswered handover leaves the clock with the owner). By user id."""
    start, end = period.datetime_range()
    stopped = list(
        Clock.select(Clock.record_id, Clock.stopped_at, Clock.outcome)
        .where(
            (Clock.subject == SUBJECT)
            & (Clock.stopped_at >= start)
            & (Clock.stopped_at < end)
            & Clock.outcome.in_([Outcome.MET.value, Outcome.BREACHED.value])
        )
        .tuples()
    )
    ids = sorted({r[0] for r in stopped})
    first: dict[int, tuple[int, int]] = {}  # complaint → (receipt, first receiver)
    moves: dict[int, list[tuple[datetime, int]]] = {}  # receipt → accepted handovers
    for part in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        rows = (
            Complaint.select(Complaint.id, ServiceReceipt.id, ServiceReceipt.first_receiver)
            .join(ServiceReceipt)
            .where(Complaint.id.in_(part))
            .tuples()
        )
        for complaint_id, receipt_id, receiver in rows:
            first[complaint_id] = (receipt_id, receiver)
        receipts = [first[c][0] for c in part if c in first]
        for receipt_id, at, to in (
            Handover.select(Handover.receipt, Handover.decided_at, Handover.to_user)
            .where(Handover.receipt.in_(receipts) & (Handover.state == HandoverState.ACCEPTED))
            .order_by(Handover.decided_at, Handover.id)
            .tuples()
        ):
            moves.setdefault(receipt_id, []).append((at, to))
    tally: dict[int, list[int]] = {}
    for complaint_id, at, outcome in stopped:
        receipt_id, owner = first[complaint_id]
        for moved_at, to in moves.get(receipt_id, []):
            if moved_at <= at:
                owner = to
        counts = tally.setdefault(owner, [0, 0])
        counts[outcome == Outcome.BREACHED.value] += 1
    return [OwnerClocks(uid, met, breached) for uid, (met, breached) in sorted(tally.items())]


def quarterly_series(last: str | Period, count: int = 4) -> list[Evaluation]:
    """``count`` consecutive quarters ending with ``last``, oldest first (the chart)."""
    period = last if isinstance(last, Period) else periods.parse(last, PeriodKind.QUARTER)
    return [quarterly_evaluation(p) for p in periods.series(period, count)]
