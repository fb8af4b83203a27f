"""Seeding the office calendar from the installed ``chinese_calendar`` package, and what it
says differently from the office's calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from models.base import now
from models.calendar.days import (
    PACKAGE,
    CalendarDay,
    CalendarYear,
    _bump_revision,
    _plain_kind,
    snapshot,
)
from models.calendar.edits import _after_change
from models.db import db, exclusive

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
    and recompute the running clocks they reach. Cheap when there is nothing to add.

    Desktops starting together on a new database would otherwise seed at once and deadlock
    on MariaDB over the revision setting; the seeding runs under the office-wide lock and
    looks again once it holds it."""
    have = {y for (y,) in CalendarYear.select(CalendarYear.year).tuples()}
    if set(package_years()) <= have:
        return []
    with exclusive("calendar"):
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
