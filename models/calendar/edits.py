"""An administrator's edits of the calendar (a day, a whole year typed in from the notice),
audited, each recomputing the clocks that are still running."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import peewee

from models import audit
from models.base import now
from models.calendar.days import (
    KINDS,
    OFFICE,
    CalendarDay,
    CalendarYear,
    DayInfo,
    _bump_revision,
    _plain_kind,
    day_info,
    snapshot,
)
from models.db import db
from models.errors import Conflict, RuleViolation

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
