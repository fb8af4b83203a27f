"""C9: the callbacks an approved plan asks for, made by a generator that can run any number
of times, from any number of desktops at once, and never makes one twice.

- The key of a generated callback is (plan, customer, period): 2026-11 for a month, 2026Q4
  for a quarter, ``once``. A unique index holds it; rescheduling moves a date, never the
  key, so a moved callback is not made again.
- Cadence ``AGE`` (ordinary customers): monthly in the ``callbacks.young_months`` months
  after the month of the newest project's delivery (the first call in the month after it),
  then every calendar quarter that starts after the last monthly call.
- 重要客户 are never on an ordinary plan; on their own plans a period that overlaps one they
  are already called in (by any plan) is skipped: never twice in one period. Their rows are
  locked while a chunk is written, so two such plans generating at once take turns.
- The work goes in chunks of customers, each its own short transaction that locks the plan
  row first: two desktops generating at once take turns chunk by chunk (the second sees
  what the first wrote, READ COMMITTED on MariaDB, the write lock on SQLite), and another
  desktop's write waits for one chunk at most, never for the whole run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from models import audit, settings
from models.base import bulk_insert, now
from models.callbacks.callbacks import Callback, CallbackState
from models.callbacks.customers import Customer, CustomerKind, Project
from models.callbacks.plans import Cadence, CallbackPlan, PlanTarget, Target, staff_for
from models.db import db, for_update
from models.people import Role, User, require_role
from models.periods import Period, PeriodKind, containing

CHUNK = 200  # customers a transaction: about 1,400 callbacks, well under a second of lock


@dataclass(frozen=True)
class GenerationResult:
    created: int
    existing: int  # already made by an earlier run (or another desktop)
    important_skipped: int  # an important customer already called in that period


def age_periods(delivered: date, young_months: int, until: date) -> Iterator[Period]:
    """C9 for one customer: the months of the first year after ``delivered`` (from the month
    after it), then the quarters after the last of them, up to ``until``."""
    month = containing(delivered, PeriodKind.MONTH)
    last = month
    for _ in range(young_months):
        month = month.next()
        if month.start > until:
            return
        last = month
        yield month
    after = last.end + timedelta(days=1)
    quarter = containing(after, PeriodKind.QUARTER)
    if quarter.start < after:
        quarter = quarter.next()
    while quarter.start <= until:
        yield quarter
        quarter = quarter.next()


@lru_cache(maxsize=4096)
def _age_keys(month_start: date, young_months: int, until: date) -> tuple[tuple[str, Period], ...]:
    """``age_periods`` by delivery month: the customers delivered in one month share it (a
    100,000-customer archive has a few dozen delivery months)."""
    return tuple((p.code, p) for p in age_periods(month_start, young_months, until))


def plan_periods(plan: CallbackPlan, until: date) -> list[tuple[str, Period]]:
    """The periods a MONTHLY, QUARTERLY or ONCE plan calls every target in."""
    if plan.cadence == Cadence.ONCE:
        return [("once", Period.term(plan.window_from, plan.window_to))]
    kind = PeriodKind.MONTH if plan.cadence == Cadence.MONTHLY else PeriodKind.QUARTER
    out, period = [], containing(plan.window_from, kind)
    while period.start <= until:
        out.append((period.code, period))
        period = period.next()
    return out


def _customers(plan: CallbackPlan, after: int, limit: int) -> list[tuple[int, bool]]:
    query = Customer.select(Customer.id, Customer.important).where(
        (Customer.id > after) & Customer.voided_at.is_null()
    )
    if plan.target == Target.ORDINARY:
        query = query.where(
            (Customer.important == False) & (Customer.kind != CustomerKind.INTERNAL)  # noqa: E712
        )
        if plan.cadence == Cadence.AGE:
            query = query.where(
                Customer.id.in_(Project.select(Project.customer).where(Project.voided_at.is_null()))
            )
    elif plan.target == Target.IMPORTANT:
        query = query.where(Customer.important == True)  # noqa: E712
    else:
        query = query.where(
            Customer.id.in_(
                PlanTarget.select(PlanTarget.customer).where(PlanTarget.plan == plan.id)
            )
        )
    query = query.order_by(Customer.id).limit(limit)
    if plan.target != Target.ORDINARY:
        # Important customers may be on several plans: two of them generating at once take
        # turns on the customers (MariaDB; SQLite's write lock does it already), so the
        # never-twice check reads what the other wrote.
        query = for_update(query)
    return list(query.tuples())


def _latest_projects(ids: list[int]) -> dict[int, tuple[int, date]]:
    latest: dict[int, tuple[int, date]] = {}
    rows = (
        Project.select(Project.customer, Project.id, Project.delivered_on)
        .where(Project.customer.in_(ids) & Project.voided_at.is_null())
        .order_by(Project.delivered_on, Project.id)
        .tuples()
    )
    for customer, project, delivered in rows:
        latest[customer] = (project, delivered)
    return latest


def _important_busy(ids: list[int]) -> dict[int, list[tuple[date, date]]]:
    """The periods the important customers among ``ids`` are already called in, by any plan."""
    busy: dict[int, list[tuple[date, date]]] = {}
    if not ids:
        return busy
    rows = (
        Callback.select(Callback.customer, Callback.period_start, Callback.period_end)
        .where(
            Callback.customer.in_(ids)
            & Callback.plan.is_null(False)
            & (Callback.state != CallbackState.CANCELLED)
        )
        .tuples()
    )
    for customer, start, end in rows:
        busy.setdefault(customer, []).append((start, end))
    return busy


def generate_callbacks(
    actor: User, plan: CallbackPlan, *, through: date | None = None, chunk: int = CHUNK
) -> GenerationResult:
    """C9: make the callbacks of ``plan`` (approved, C2) for its periods that start on or
    before ``through`` (default: the plan's last day). Idempotent."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER, Role.ADMIN)
    until = min(through or plan.window_to, plan.window_to)
    young = settings.get("callbacks.young_months")
    created = existing = skipped = 0
    after = 0
    while True:
        with db.atomic():
            plan = CallbackPlan.begin(actor, plan.id, "generate")  # locks the plan row
            rows = _customers(plan, after, chunk)
            if not rows:
                break
            after = rows[-1][0]
            ids = [cid for cid, _ in rows]
            chain = plan.methods
            staff = staff_for(plan, chain[0])
            projects = _latest_projects(ids) if plan.cadence == Cadence.AGE else {}
            fixed = plan_periods(plan, until) if plan.cadence != Cadence.AGE else []
            have = set(
                Callback.select(Callback.customer, Callback.period_key)
                .where((Callback.plan == plan.id) & Callback.customer.in_(ids))
                .tuples()
            )
            busy = _important_busy([cid for cid, important in rows if important])
            at = now()
            new = []
            for cid, important in rows:
                project_id = None
                if plan.cadence == Cadence.AGE:
                    if cid not in projects:
                        continue
                    project_id, delivered = projects[cid]
                    periods = _age_keys(delivered.replace(day=1), young, until)
                else:
                    periods = fixed
                for key, period in periods:
                    if period.end < plan.window_from:
                        continue
                    if (cid, key) in have:
                        existing += 1
                        continue
                    if important and any(
                        s <= period.end and e >= period.start for s, e in busy.get(cid, [])
                    ):
                        skipped += 1
                        continue
                    if important:
                        busy.setdefault(cid, []).append((period.start, period.end))
                    new.append(
                        {
                            "plan": plan.id,
                            "customer": cid,
                            "project": project_id,
                            "period_key": key,
                            "period_start": period.start,
                            "period_end": period.end,
                            "content_type": plan.content_type,
                            "method_chain": plan.method_chain,
                            "method": chain[0],
                            "assignee": staff[cid % len(staff)] if staff else None,
                            "scheduled_on": max(period.start, plan.window_from),
                            "due_on": min(period.end, plan.window_to),
                            "created_at": at,
                        }
                    )
            bulk_insert(Callback, new)
            created += len(new)
            if new:
                audit.record(
                    actor, "callback_plan", plan.id, "generate", {"created": (None, len(new))}
                )
    return GenerationResult(created, existing, skipped)
