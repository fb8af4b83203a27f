"""The office calendar: which days are working days, as data in the shared database.

Why not ask ``chinese_calendar`` directly, as this module once did: every desktop would use
its own installed package version (the package has corrected past years, e.g. 2020-09-27),
the package knows a new year only after a release that follows the State Council's notice,
and an office cannot record its own deviations. So the calendar lives in two tables:

- ``calendar_day``: one row per day that is not an ordinary Monday–Friday working day or
  Saturday–Sunday rest day, or that has a name: holidays (节假日), make-up working days
  (调休上班), office closures (休息日) and office overrides. A day without a row follows
  Monday–Friday. Unique on the day.
- ``calendar_year``: the years whose schedule is entered (from the package, or typed in by an
  administrator from the notice). A year without a row is *not known*.

Seeding: ``sync_package``, run by ``open_database`` right after the migrations (migration 4
creates the tables), copies every year the installed package knows and the database does
not: at the first start all of them, after a package upgrade the new year. It inserts with
``INSERT ... IGNORE`` on the unique day and year, so two desktops starting together write
each row once. A year already in the database is never overwritten by a package: the
database wins, so every desktop computes the same deadline whatever version it has
installed; ``package_differences`` lists where the installed package disagrees, for an
administrator to review and fix with ``set_day``.

Unknown years (chosen policy): a day in a year nobody has entered counts as Monday–Friday,
*provisionally*, and that is made visible rather than silent: ``is_known``/``unknown_years``
tell callers; ``models.clocks`` stores ``provisional`` with each clock and can refuse in
strict mode; ``coverage_notice`` gives the administrator a notice at login in the weeks
before a year starts that nobody has entered; entering the year recomputes running clocks.

Speed: lookups go to an in-process snapshot of both tables (a dict and a set). Every public
call costs one primary-key read of the ``calendar.revision`` token in the settings table;
every change writes a new random token in the same transaction, so another desktop's edit
is seen by the next call here, and a rolled-back edit is never kept.
``snapshot()`` hands out the snapshot itself for loops that need no check per day.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import peewee

from models import audit
from models.base import BaseModel, now
from models.db import db
from models.errors import Conflict, RuleViolation

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


# --- seeding from the package ------------------------------------------------------------


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        return "?"


def package_years() -> list[int]:
    """The years the installed ``chinese_calendar`` knows."""
    from chinese_calendar import constants

    return list(range(min(constants.holidays).year, max(constants.holidays).year + 1))


def _package_days(years: Iterable[int]) -> dict[date, tuple[bool, str]]:
    """day → (is_working, Chinese holiday name) for the rows the package implies."""
    import chinese_calendar
    from chinese_calendar import constants

    chinese = {h.value: h.chinese for h in chinese_calendar.Holiday}
    wanted = set(years)
    days: dict[date, tuple[bool, str]] = {}
    for day, name in constants.holidays.items():
        if day.year in wanted:
            days[day] = (False, chinese.get(name, name))
    for day, name in constants.workdays.items():
        if day.year in wanted:
            days[day] = (True, chinese.get(name, name))
    return days


def seed_from_package(years: Iterable[int] | None = None) -> list[int]:
    """Copy the package's schedule of ``years`` (default: all it knows and the database has
    not) into the tables. Idempotent; returns the years added."""
    have = {y for (y,) in CalendarYear.select(CalendarYear.year).tuples()}
    todo = sorted(set(years if years is not None else package_years()) - have)
    if not todo:
        return []
    at = now()
    rows = [
        {
            "day": day,
            "is_working": working,
            "kind": _plain_kind(day, working, name),
            "name": name,
            "source": PACKAGE,
            "note": "",
            "edited_by": None,
            "edited_by_name": "",
            "edited_at": at,
        }
        for day, (working, name) in sorted(_package_days(todo).items())
    ]
    note = f"chinese-calendar {package_version()}"
    with db.atomic():
        for start in range(0, len(rows), 500):
            CalendarDay.insert_many(rows[start : start + 500]).on_conflict_ignore().execute()
        CalendarYear.insert_many(
            [
                {
                    "year": y,
                    "source": PACKAGE,
                    "note": note,
                    "entered_by": None,
                    "entered_by_name": "",
                    "entered_at": at,
                }
                for y in todo
            ]
        ).on_conflict_ignore().execute()
        _bump_revision()
    return todo


def sync_package() -> list[int]:
    """At start-up: add the years a newer installed package knows and the database does not,
    and recompute the running clocks they reach. Cheap when there is nothing to add."""
    added = seed_from_package()
    if added:
        from models.people import SYSTEM

        _after_change(SYSTEM, date(added[0], 1, 1))
    return added


@dataclass(frozen=True)
class Difference:
    day: date
    stored_working: bool
    package_working: bool
    stored_name: str
    package_name: str


def package_differences() -> list[Difference]:
    """Days of the package-seeded years where the installed package now says otherwise
    (a corrected release). Office edits are intentional and not listed."""
    snap = snapshot()
    pkg_years = set(package_years())
    seeded = {
        y
        for (y,) in CalendarYear.select(CalendarYear.year)
        .where(CalendarYear.source == PACKAGE)
        .tuples()
    } & pkg_years
    pkg = _package_days(seeded)
    out: list[Difference] = []
    for year in sorted(seeded):
        day = date(year, 1, 1)
        while day.year == year:
            stored = snap.days.get(day)
            if stored is None or stored[3] == PACKAGE:
                p_working, p_name = pkg.get(day, (day.weekday() < 5, ""))
                s_working = stored[0] if stored else day.weekday() < 5
                s_name = stored[2] if stored else ""
                if p_working != s_working:
                    out.append(Difference(day, s_working, p_working, s_name, p_name))
            day += timedelta(days=1)
    return out


# --- an administrator's edits ------------------------------------------------------------

ChangeHook = Callable[[Any, date], None]
_CHANGE_HOOKS: list[ChangeHook] = []


def on_change(hook: ChangeHook) -> ChangeHook:
    """Register ``hook(actor, first_changed_day)``, called inside the transaction of every
    calendar change (after ``models.clocks`` has recomputed its running clocks)."""
    _CHANGE_HOOKS.append(hook)
    return hook


def _after_change(actor: Any, first_day: date) -> None:
    from models import clocks

    clocks.recompute_running(actor, since=first_day)
    for hook in _CHANGE_HOOKS:
        hook(actor, first_day)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(
            None,
            "修改节假日日历必须填写依据或原因（如国务院办公厅通知文号）",
            "a calendar change needs a reason (e.g. the State Council notice)",
            field="reason",
        )
    return reason


def _write_day(actor: Any, day: date, working: bool, name: str, reason: str, kind: str) -> bool:
    at = now()
    fields = {
        "is_working": bool(working),
        "kind": kind,
        "name": name,
        "source": OFFICE,
        "note": reason,
        "edited_by": actor.id,
        "edited_by_name": actor.display_name,
        "edited_at": at,
    }
    row = CalendarDay.get_or_none(CalendarDay.day == day)
    if row is None:
        audit.create(actor, CalendarDay, day=day, **fields)
        return True
    if (bool(row.is_working), row.kind, row.name) == (bool(working), kind, name):
        return False
    audit.update(actor, row, audit_note=reason, **fields)
    return True


def _check_day(day: date, working: bool, name: str, kind: str | None) -> tuple[str, str]:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise RuleViolation(None, "请填写日期", "a date is needed", field="day")
    name = (name or "").strip()
    if len(name) > 32:
        raise RuleViolation(None, "节日名称最多 32 个字", "the name is too long", field="name")
    kind = kind or _plain_kind(day, working, name)
    if kind not in KINDS:
        raise RuleViolation(
            None, f"日期类型只能是 {'、'.join(KINDS)}", f"unknown kind {kind}", field="kind"
        )
    return name, kind


def set_day(
    actor: Any,
    day: date,
    working: bool,
    name: str = "",
    reason: str = "",
    *,
    kind: str | None = None,
) -> DayInfo:
    """Make ``day`` a working day or a rest day for the office (administrators only,
    audited). Running clocks whose deadline it can move are recomputed in the same
    transaction; stopped clocks keep the deadline they had."""
    from models.people import Role, require_role

    require_role(actor, Role.ADMIN)
    reason = _reason(reason)
    name, kind = _check_day(day, working, name, kind)
    try:
        with db.atomic():
            if _write_day(actor, day, working, name, reason, kind):
                _bump_revision()
                _after_change(actor, day)
    except peewee.IntegrityError as exc:  # another administrator added the day just now
        raise Conflict() from exc
    return day_info(day)


def enter_year(
    actor: Any,
    year: int,
    days: Iterable[tuple[date, bool, str]],
    reason: str,
) -> list[DayInfo]:
    """Enter a year's schedule from the State Council's notice before the package knows it:
    ``days`` lists the holidays ``(day, False, "国庆节")`` and make-up working days
    ``(day, True, "国庆节")``; every other day follows Monday–Friday. The year becomes known
    and running clocks are recomputed, all in one transaction."""
    from models.people import Role, require_role

    require_role(actor, Role.ADMIN)
    reason = _reason(reason)
    entries = []
    for day, working, name in days:
        name, kind = _check_day(day, working, name, None)
        if day.year != year:
            raise RuleViolation(
                None, f"{day} 不在 {year} 年内", f"{day} is not in {year}", field="day"
            )
        entries.append((day, bool(working), name, kind))
    try:
        _enter_year(actor, year, entries, reason)
    except peewee.IntegrityError as exc:  # another administrator entered it just now
        raise Conflict() from exc
    snap = snapshot()
    return [snap.info(d) for d, _, _, _ in entries]


def _enter_year(
    actor: Any, year: int, entries: list[tuple[date, bool, str, str]], reason: str
) -> None:
    with db.atomic():
        if CalendarYear.select().where(CalendarYear.year == year).exists():
            raise RuleViolation(
                None,
                f"{year} 年的节假日安排已录入，请逐日修改",
                f"{year} is entered already; change single days instead",
                field="year",
            )
        for day, working, name, kind in entries:
            _write_day(actor, day, working, name, reason, kind)
        audit.create(
            actor,
            CalendarYear,
            year=year,
            source=OFFICE,
            note=reason,
            entered_by=actor.id,
            entered_by_name=actor.display_name,
            entered_at=now(),
        )
        _bump_revision()
        _after_change(actor, date(year, 1, 1))


def days_of(year: int) -> list[DayInfo]:
    """The stored days of ``year`` (holidays, make-up days, office edits), in order."""
    snap = snapshot()
    return [snap.info(d) for d in sorted(d for d in snap.days if d.year == year)]
