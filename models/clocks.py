"""Deadlines ("clocks") of four kinds, declared once, stored when they start.

A ``ClockSpec(kind, amount, roll)`` says how a deadline is counted from a start time:

- ``working_days`` (N 个工作日内): the end (23:59:59) of the N-th working day after the start
  day; the start day does not count, whatever the hour. Working days are the office calendar
  (``models.calendar``), holidays and 调休 make-up days included.
- ``calendar_days`` (N 日): the end of the N-th day after the start day (民法典 第二百零一条:
  the start day is not counted). With ``roll`` (the default for this kind), a last day that
  is not a working day moves to the end of the next working day (第二百零三条: 期间的最后
  一日是法定休假日的，以法定休假日结束的次日为期间的最后一日). A 调休 working Saturday is a
  working day, so a period ending on it does not move.
- ``hours`` (N 小时): natural hours, start + N h. With ``roll`` (off by default: a desk with
  holiday duty answers on holidays), a due time on a day that is not a working day moves to
  close of business of the next working day (the same article by analogy: 有业务时间的，
  停止业务活动的时间为截止时间). A due time after closing on a working day is not moved.
- ``working_hours`` (N 个工作小时): N hours counted only inside office hours (setting
  ``clock.office_hours``, default 08:30–12:00, 14:00–17:30) of working days.

Day clocks end at 23:59:59, the reading of "24时" the suite used before; only the hour
clocks use close of business.

Stored clocks (``Clock``): a domain use case calls ``start`` when a clock starts (materials
complete, complaint received) and ``stop`` when it is met; the deadline is computed then and
stored, so lists, overdue queries and reports read a column. When an administrator edits the
calendar, ``recompute_running`` (called by ``models.calendar`` inside the edit's transaction)
recomputes the *running* clocks from their start and leaves an audit row old → new; stopped
clocks keep the deadline they had, so past compliance is never rewritten. A clock whose
count runs into a year nobody has entered is stored ``provisional`` (Monday–Friday) and is
recomputed when the year is entered.

The approval engine's node deadlines use ``due`` with a working-days spec. Its tasks keep
their own ``due_at`` column and are not recomputed on a calendar edit (a task does not store
when it was activated nor the spec it was given).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

import peewee

from models import audit, calendar, settings
from models.base import BaseModel, now
from models.db import db
from models.errors import Conflict


class ClockKind(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    WORKING_HOURS = "working_hours"

    @property
    def label(self) -> str:
        return {
            "working_days": "工作日",
            "calendar_days": "自然日",
            "hours": "小时",
            "working_hours": "工作小时",
        }[self.value]


@dataclass(frozen=True)
class ClockSpec:
    """How one deadline is counted. ``roll=None`` takes the kind's default (calendar days
    roll past rest days, natural hours do not; the working kinds always end on a working
    day)."""

    kind: ClockKind
    amount: int
    roll: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ClockKind(self.kind))
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"a clock amount is a whole number >= 0, not {self.amount!r}")

    @classmethod
    def working_days(cls, amount: int) -> ClockSpec:
        return cls(ClockKind.WORKING_DAYS, amount)

    @classmethod
    def calendar_days(cls, amount: int, *, roll: bool = True) -> ClockSpec:
        return cls(ClockKind.CALENDAR_DAYS, amount, roll)

    @classmethod
    def hours(cls, amount: int, *, roll: bool = False) -> ClockSpec:
        return cls(ClockKind.HOURS, amount, roll)

    @classmethod
    def working_hours(cls, amount: int) -> ClockSpec:
        return cls(ClockKind.WORKING_HOURS, amount)

    @property
    def rolls(self) -> bool:
        if self.roll is not None:
            return self.roll
        return self.kind == ClockKind.CALENDAR_DAYS

    def label(self) -> str:
        """``10个工作日``, ``30日（最后一日遇休息日顺延）``, ``48小时``, ``16个工作小时``."""
        n = self.amount
        if self.kind == ClockKind.WORKING_DAYS:
            return f"{n}个工作日"
        if self.kind == ClockKind.WORKING_HOURS:
            return f"{n}个工作小时"
        if self.kind == ClockKind.CALENDAR_DAYS:
            return f"{n}日" + ("（最后一日遇休息日顺延）" if self.rolls else "")
        return f"{n}小时" + ("（遇休息日顺延至下一工作日下班）" if self.rolls else "")


# --- office hours ------------------------------------------------------------------------

Periods = tuple[tuple[time, time], ...]
_PERIOD = re.compile(r"^(\d{1,2}):(\d{2})\s*[-~至到]\s*(\d{1,2}):(\d{2})$")


def parse_office_hours(text: str) -> Periods:
    """``08:30-12:00,14:00-17:30`` → ((08:30, 12:00), (14:00, 17:30)). Periods must be in
    order and must not overlap. Raises ``ValueError``."""
    text = unicodedata.normalize("NFKC", str(text)).replace("–", "-").replace("—", "-")
    periods: list[tuple[time, time]] = []
    for part in re.split(r"[,;，；、]", text):
        part = part.strip()
        if not part:
            continue
        match = _PERIOD.match(part)
        if match is None:
            raise ValueError(f"办公时间应写作 08:30-12:00,14:00-17:30：{part}")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if not (0 <= h1 < 24 and 0 <= m1 < 60 and 0 <= h2 <= 24 and 0 <= m2 < 60):
            raise ValueError(f"没有这个时间：{part}")
        end = time(23, 59, 59) if (h2, m2) == (24, 0) else time(h2, m2)
        start = time(h1, m1)
        if end <= start or (periods and start < periods[-1][1]):
            raise ValueError(f"办公时间段应从早到晚且不重叠：{part}")
        periods.append((start, end))
    if not periods:
        raise ValueError("至少需要一个办公时间段")
    return tuple(periods)


def office_hours() -> Periods:
    return parse_office_hours(settings.get("clock.office_hours"))


def close_of_business(day: date, periods: Periods | None = None) -> datetime:
    periods = periods or office_hours()
    return datetime.combine(day, periods[-1][1])


# --- computing a deadline ----------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    at: datetime
    provisional: bool  # counted across a year nobody has entered (Monday–Friday)
    rolled: bool  # moved past rest days by the roll policy


def _add_working_time(
    snap: calendar.Snapshot, periods: Periods, start: datetime, amount: timedelta
) -> datetime:
    if amount <= timedelta(0):
        return start
    remaining, day, cursor = amount, start.date(), start
    for _ in range(366 * 20):  # a bound; 20 years of working hours is no deadline
        if snap.is_working_day(day):
            for a, b in periods:
                begin, end = datetime.combine(day, a), datetime.combine(day, b)
                if end <= cursor:
                    continue
                begin = max(begin, cursor)
                if remaining <= end - begin:
                    return begin + remaining
                remaining -= end - begin
        day += timedelta(days=1)
        cursor = datetime.combine(day, time(0))
    raise ValueError("working hours do not fit in 20 years")  # pragma: no cover


def working_time_between(
    start: datetime, end: datetime, *, snap: calendar.Snapshot | None = None
) -> timedelta:
    """Office time on working days between ``start`` and ``end`` (zero when end <= start)."""
    snap = snap or calendar.snapshot()
    periods = office_hours()
    total, day = timedelta(0), start.date()
    while day <= end.date() and end > start:
        if snap.is_working_day(day):
            for a, b in periods:
                begin = max(datetime.combine(day, a), start)
                finish = min(datetime.combine(day, b), end)
                if finish > begin:
                    total += finish - begin
        day += timedelta(days=1)
    return total


def compute(
    spec: ClockSpec,
    start: datetime,
    *,
    strict: bool = False,
    snap: calendar.Snapshot | None = None,
    periods: Periods | None = None,
) -> Due:
    """The deadline of ``spec`` started at ``start``. ``strict`` refuses a count that runs
    into a year nobody has entered, instead of marking it provisional."""
    snap = snap or calendar.snapshot()
    rolled = False
    kind, n = spec.kind, spec.amount
    if kind == ClockKind.WORKING_DAYS:
        at = datetime.combine(snap.add_working_days(start.date(), n), calendar.END_OF_DAY)
    elif kind == ClockKind.CALENDAR_DAYS:
        last = start.date() + timedelta(days=n)
        if spec.rolls and not snap.is_working_day(last):
            last, rolled = snap.next_working_day(last), True
        at = datetime.combine(last, calendar.END_OF_DAY)
    elif kind == ClockKind.HOURS:
        at = start + timedelta(hours=n)
        if spec.rolls and not snap.is_working_day(at.date()):
            periods = periods or office_hours()
            at, rolled = close_of_business(snap.next_working_day(at.date()), periods), True
    else:
        periods = periods or office_hours()
        at = _add_working_time(snap, periods, start, timedelta(hours=n))
    # Hours that never left the start's year need no calendar at all.
    counted_days = kind != ClockKind.HOURS or rolled
    unknown = snap.unknown_years(start.date(), at.date()) if counted_days else []
    if unknown and strict:
        raise calendar.unknown_year_problem(unknown)
    return Due(at, bool(unknown), rolled)


def due(spec: ClockSpec, start: datetime, *, strict: bool = False) -> datetime:
    """When a clock of ``spec`` started at ``start`` runs out."""
    return compute(spec, start, strict=strict).at


# --- time left ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Remaining:
    due: datetime
    at: datetime
    kind: ClockKind | None
    working_days: int  # working days after ``at``'s day up to the due day (0 when overdue)
    working_time: timedelta | None  # office time left, for working-hour clocks

    @property
    def overdue(self) -> bool:
        return self.at > self.due

    @property
    def delta(self) -> timedelta:
        """Due minus now: negative when overdue."""
        return self.due - self.at

    def label(self) -> str:
        """``剩余 3 个工作日``, ``今日到期``, ``剩余 5小时30分``, ``已超期 2天3小时``."""
        if self.overdue:
            return f"已超期 {_span(self.at - self.due)}"
        if self.kind in (ClockKind.WORKING_DAYS, ClockKind.CALENDAR_DAYS):
            if self.due.date() == self.at.date():
                return "今日到期"
            if self.kind == ClockKind.WORKING_DAYS:
                return f"剩余 {self.working_days} 个工作日"
            return f"剩余 {(self.due.date() - self.at.date()).days} 天"
        if self.kind == ClockKind.WORKING_HOURS and self.working_time is not None:
            return f"剩余 {_span(self.working_time)}（工作时间）"
        return f"剩余 {_span(self.delta)}"


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days}天"] if days else []
    if hours:
        parts.append(f"{hours}小时")
    if minutes and not days:
        parts.append(f"{minutes}分")
    return "".join(parts) or "不到1分钟"


def remaining(
    due_at: datetime, at: datetime | None = None, kind: ClockKind | str | None = None
) -> Remaining:
    """How much of a clock is left at ``at`` (now by default)."""
    at = at or now()
    kind = ClockKind(kind) if kind is not None else None
    snap = calendar.snapshot()
    days = snap.working_days_between(at.date(), due_at.date()) if at <= due_at else 0
    work = None
    if kind == ClockKind.WORKING_HOURS:
        work = working_time_between(at, due_at, snap=snap)
    return Remaining(due_at, at, kind, days, work)


# --- stored clocks -----------------------------------------------------------------------


class Outcome(StrEnum):
    MET = "met"  # stopped on time
    BREACHED = "breached"  # stopped after its deadline
    RESTARTED = "restarted"  # replaced by a new clock (a merge with new facts)
    CANCELLED = "cancelled"  # no longer applies (withdrawn, transferred)


class Clock(BaseModel):
    """One started deadline of one record: ``subject`` names the table (``complaint``),
    ``key`` the clock (``acceptance``)."""

    subject = peewee.CharField(max_length=64)
    record_id = peewee.IntegerField()
    key = peewee.CharField(max_length=64)
    kind = peewee.CharField(max_length=16)
    amount = peewee.IntegerField()
    roll = peewee.BooleanField()
    started_at = peewee.DateTimeField()
    due_at = peewee.DateTimeField()
    provisional = peewee.BooleanField(default=False)
    stopped_at = peewee.DateTimeField(null=True)
    outcome = peewee.CharField(max_length=12, null=True)
    # "subject:record:key" while running, NULL once stopped: unique, so two desktops cannot
    # both start the same clock (NULLs never collide on SQLite or MySQL).
    running_key = peewee.CharField(max_length=160, null=True, unique=True)

    class Meta:
        indexes = (
            (("subject", "record_id", "key"), False),
            (("stopped_at", "due_at"), False),
        )

    @property
    def spec(self) -> ClockSpec:
        return ClockSpec(ClockKind(self.kind), self.amount, bool(self.roll))

    @property
    def is_running(self) -> bool:
        return self.stopped_at is None

    def remaining(self, at: datetime | None = None) -> Remaining:
        return remaining(self.due_at, at, self.kind)


TABLES = [Clock]


def _running_key(subject: str, record_id: int, key: str) -> str:
    return f"{subject}:{record_id}:{key}"


def running(subject: str, record_id: int, key: str) -> Clock | None:
    return Clock.get_or_none(Clock.running_key == _running_key(subject, record_id, key))


def start(
    subject: str,
    record_id: int,
    key: str,
    spec: ClockSpec,
    at: datetime | None = None,
    *,
    strict: bool = False,
) -> Clock:
    """Start (or restart) a clock and store its deadline. A running clock of the same key
    is stopped as ``restarted``. Runs inside the caller's transaction."""
    at = at or now()
    found = compute(spec, at, strict=strict)
    with db.atomic():
        _stop(subject, record_id, key, at, Outcome.RESTARTED)
        try:
            return Clock.create(
                subject=subject,
                record_id=record_id,
                key=key,
                kind=spec.kind.value,
                amount=spec.amount,
                roll=spec.rolls,
                started_at=at,
                due_at=found.at,
                provisional=found.provisional,
                running_key=_running_key(subject, record_id, key),
            )
        except peewee.IntegrityError as exc:
            raise Conflict() from exc  # another desktop started it at the same moment


def _stop(
    subject: str, record_id: int, key: str, at: datetime, outcome: Outcome | None
) -> Clock | None:
    clock = running(subject, record_id, key)
    if clock is None:
        return None
    if outcome is None:
        outcome = Outcome.MET if at <= clock.due_at else Outcome.BREACHED
    Clock.update(stopped_at=at, outcome=outcome.value, running_key=None).where(
        (Clock.id == clock.id) & Clock.stopped_at.is_null()
    ).execute()
    clock.stopped_at, clock.outcome, clock.running_key = at, outcome.value, None
    return clock


def stop(
    subject: str,
    record_id: int,
    key: str,
    at: datetime | None = None,
    outcome: Outcome | str | None = None,
) -> Clock | None:
    """Stop the running clock (met or breached by its stored deadline, unless ``outcome``
    says otherwise). ``None`` when none runs."""
    return _stop(subject, record_id, key, at or now(), Outcome(outcome) if outcome else None)


@dataclass(frozen=True)
class Recomputed:
    clock_id: int
    old: datetime
    new: datetime


def recompute_running(actor: Any, since: date | None = None) -> list[Recomputed]:
    """After a calendar change: recompute every running clock whose deadline is on or after
    ``since`` (all running clocks without it) from its start, write the changed deadlines and
    an audit row ``calendar_changed`` for each. Stopped clocks are never touched."""
    query = Clock.select().where(Clock.stopped_at.is_null())
    if since is not None:
        query = query.where(Clock.due_at >= datetime.combine(since, time(0)))
    snap = calendar.snapshot()
    periods: Periods | None = None
    changed: list[Recomputed] = []
    for clock in query.order_by(Clock.id):
        if periods is None and clock.kind in (ClockKind.HOURS, ClockKind.WORKING_HOURS):
            periods = office_hours()
        found = compute(clock.spec, clock.started_at, snap=snap, periods=periods)
        if found.at == clock.due_at and found.provisional == bool(clock.provisional):
            continue
        Clock.update(due_at=found.at, provisional=found.provisional).where(
            (Clock.id == clock.id) & Clock.stopped_at.is_null()
        ).execute()
        audit.record(
            actor,
            "clock",
            clock.id,
            "calendar_changed",
            {
                "due_at": (clock.due_at, found.at),
                "provisional": (clock.provisional, found.provisional),
            },
            note=f"{clock.subject}#{clock.record_id} {clock.key}",
        )
        changed.append(Recomputed(clock.id, clock.due_at, found.at))
    return changed


def overdue_condition(
    due_column: peewee.Field, at: datetime | None = None, stopped_column: peewee.Field | None = None
) -> peewee.Expression:
    """``due < at`` (and not stopped, when the table has a stop column): for any table that
    stores a deadline, so "overdue" is one indexed condition in SQL."""
    condition = due_column < (at or now())
    if stopped_column is not None:
        condition &= stopped_column.is_null()
    return condition


def overdue(
    query: peewee.ModelSelect,
    due_column: peewee.Field,
    at: datetime | None = None,
    stopped_column: peewee.Field | None = None,
) -> peewee.ModelSelect:
    """``query`` narrowed to rows past their deadline, most overdue first."""
    return query.where(overdue_condition(due_column, at, stopped_column)).order_by(due_column)


def overdue_clocks(at: datetime | None = None, subject: str | None = None) -> peewee.ModelSelect:
    """Running clocks past their deadline."""
    query = Clock.select()
    if subject is not None:
        query = query.where(Clock.subject == subject)
    return overdue(query, Clock.due_at, at, Clock.stopped_at)
