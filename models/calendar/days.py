"""The calendar's tables, the in-process snapshot, and the questions every deadline asks
(is this a working day, the N-th working day after, which years are known)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import peewee

from models.base import BaseModel, now
from models.db import db
from models.errors import RuleViolation

END_OF_DAY = time(23, 59, 59)
REVISION_KEY = "calendar.revision"  # a row in the settings table (not an office setting)

WORKDAY = "工作日"
WEEKEND = "周末"
HOLIDAY = "节假日"
MAKEUP = "调休上班"
CLOSED = "休息日"  # an office closure on a weekday, without a holiday name
KINDS = (WORKDAY, WEEKEND, HOLIDAY, MAKEUP, CLOSED)
KIND_EN = {
    WORKDAY: "working day",
    WEEKEND: "weekend",
    HOLIDAY: "holiday",
    MAKEUP: "make-up working day",
    CLOSED: "office closed",
}

PACKAGE = "package"
OFFICE = "office"
WEEKDAY_NAMES = "一二三四五六日"


class CalendarDay(BaseModel):
    day = peewee.DateField(unique=True)
    is_working = peewee.BooleanField()
    kind = peewee.CharField(max_length=8)
    name = peewee.CharField(max_length=32, default="")
    source = peewee.CharField(max_length=8)  # package | office
    note = peewee.TextField(default="")  # the administrator's reason
    edited_by = peewee.IntegerField(null=True)
    edited_by_name = peewee.CharField(max_length=100, default="")
    edited_at = peewee.DateTimeField()


class CalendarYear(BaseModel):
    year = peewee.IntegerField(unique=True)
    source = peewee.CharField(max_length=8)  # package | office
    note = peewee.TextField(default="")
    entered_by = peewee.IntegerField(null=True)
    entered_by_name = peewee.CharField(max_length=100, default="")
    entered_at = peewee.DateTimeField()


TABLES = [CalendarDay, CalendarYear]


# --- the snapshot ------------------------------------------------------------------------


@dataclass(frozen=True)
class DayInfo:
    day: date
    is_working: bool
    kind: str
    name: str
    known: bool  # its year is entered; False: Monday–Friday, provisionally
    source: str  # package | office | "" (no row: plain Monday–Friday)

    def label(self) -> str:
        """``2026-10-10（周六，调休上班）``: a deadline on a Saturday must say why."""
        parts = [f"周{WEEKDAY_NAMES[self.day.weekday()]}"]
        if self.kind == HOLIDAY:
            parts.append(self.name or HOLIDAY)
        elif self.kind in (MAKEUP, CLOSED):
            parts.append(self.kind)
        if not self.known:
            parts.append("节假日安排未录入")
        return f"{self.day.isoformat()}（{'，'.join(parts)}）"


def _plain_kind(day: date, working: bool, name: str = "") -> str:
    weekend = day.weekday() >= 5
    if working:
        return MAKEUP if weekend else WORKDAY
    if name:
        return HOLIDAY
    return WEEKEND if weekend else CLOSED


class Snapshot:
    """The calendar as one process sees it at one revision. Pure: no queries."""

    __slots__ = ("database", "days", "revision", "years")

    def __init__(
        self,
        revision: str,
        days: dict[date, tuple[bool, str, str, str]],
        years: frozenset[int],
        database: Any = None,
    ) -> None:
        self.revision = revision
        self.days = days  # day → (is_working, kind, name, source)
        self.years = years
        self.database = database

    def is_known(self, day: date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        row = self.days.get(day)
        if row is not None:
            return row[0]
        return day.weekday() < 5

    def info(self, day: date) -> DayInfo:
        row = self.days.get(day)
        known = day.year in self.years
        if row is None:
            working = day.weekday() < 5
            return DayInfo(day, working, _plain_kind(day, working), "", known, "")
        return DayInfo(day, row[0], row[1], row[2], known, row[3])

    def add_working_days(self, start: date, days: int) -> date:
        if days < 0:
            raise ValueError("days must be >= 0")
        day, remaining = start, days
        overrides, one = self.days, timedelta(days=1)
        while remaining:
            day += one
            row = overrides.get(day)
            if row[0] if row is not None else day.weekday() < 5:
                remaining -= 1
        return day

    def next_working_day(self, day: date, *, inclusive: bool = False) -> date:
        """``day`` itself when it is a working day and ``inclusive``, else the next one."""
        if inclusive and self.is_working_day(day):
            return day
        return self.add_working_days(day, 1)

    def working_days_between(self, start: date, end: date) -> int:
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def unknown_years(self, start: date, end: date) -> list[int]:
        return [y for y in range(start.year, end.year + 1) if y not in self.years]


_lock = threading.Lock()
_cached: Snapshot | None = None


_revision_sql: tuple[Any, str, list[Any]] | None = None


def _current_revision() -> str:
    """The token, read with SQL compiled once per database: this runs on every call, and
    building the peewee query costs ten times the query itself."""
    global _revision_sql
    from models.settings import Setting

    compiled = _revision_sql
    if compiled is None or compiled[0] is not db.obj:
        sql, params = Setting.select(Setting.value).where(Setting.key == REVISION_KEY).sql()
        compiled = _revision_sql = (db.obj, sql, params)
    row = db.execute_sql(compiled[1], compiled[2]).fetchone()
    return (row[0] if row else None) or ""


def _load(revision: str) -> Snapshot:
    query = CalendarDay.select(
        CalendarDay.day,
        CalendarDay.is_working,
        CalendarDay.kind,
        CalendarDay.name,
        CalendarDay.source,
    ).tuples()
    days = {day: (bool(working), kind, name, source) for day, working, kind, name, source in query}
    years = frozenset(y for (y,) in CalendarYear.select(CalendarYear.year).tuples().iterator())
    return Snapshot(revision, days, years, db.obj)


def snapshot() -> Snapshot:
    """The calendar at the database's current revision (one small query when unchanged)."""
    global _cached
    revision = _current_revision()
    snap = _cached
    if snap is not None and snap.revision == revision and snap.database is db.obj:
        return snap
    with _lock:
        snap = _load(revision)
        _cached = snap
    return snap


def invalidate() -> None:
    """Forget the snapshot of this process (the next call reloads)."""
    global _cached
    _cached = None


def _bump_revision() -> None:
    from models.settings import Setting

    token = uuid.uuid4().hex
    Setting.insert(key=REVISION_KEY, value=token).on_conflict_ignore().execute()
    Setting.update(value=token).where(Setting.key == REVISION_KEY).execute()
    invalidate()


# --- the public questions (same results as before for the years the package knows) ------


def is_working_day(day: date) -> bool:
    return snapshot().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count)."""
    return snapshot().add_working_days(start, days)


def deadline(start: datetime, days: int) -> datetime:
    """End of the ``days``-th working day after ``start``: the usual "N 个工作日内" reading."""
    return datetime.combine(add_working_days(start.date(), days), END_OF_DAY)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    return snapshot().working_days_between(start, end)


def day_info(day: date) -> DayInfo:
    return snapshot().info(day)


def describe(day: date) -> str:
    """``2026-10-10（周六，国庆节调休上班）``."""
    return snapshot().info(day).label()


def known_years() -> list[int]:
    return sorted(snapshot().years)


def is_known(day: date) -> bool:
    return snapshot().is_known(day)


def unknown_years(start: date, end: date) -> list[int]:
    """Years between ``start`` and ``end`` (inclusive) that nobody has entered."""
    return snapshot().unknown_years(start, end)


def unknown_year_problem(years: Iterable[int]) -> RuleViolation:
    text = "、".join(str(y) for y in years)
    return RuleViolation(
        None,
        f"{text}年的节假日安排尚未录入，期限只能暂按周一至周五计算；请管理员录入后再试",
        f"the holiday schedule of {text} is not entered yet; deadlines would only be "
        "provisional (Monday–Friday) until an administrator enters it",
    )


def coverage_notice(today: date | None = None) -> tuple[str, str] | None:
    """For administrators at login: a year that starts within the setting's number of days
    (or has started) and that nobody has entered yet."""
    from models import settings

    today = today or now().date()
    ahead = settings.get("calendar.unknown_year_notice_days")
    missing = unknown_years(today, today + timedelta(days=ahead))
    if not missing:
        return None
    text = "、".join(str(y) for y in missing)
    return (
        f"{text}年的节假日和调休安排尚未录入，涉及该年的期限暂按周一至周五计算。"
        "请管理员在国务院办公厅通知发布后录入。",
        f"The holidays and make-up working days of {text} are not entered yet; deadlines "
        "in that year count Monday–Friday provisionally. Enter them once the State "
        "Council's notice is out.",
    )
