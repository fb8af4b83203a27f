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

The package, by concern: ``days`` (tables, snapshot, questions), ``package`` (seeding), ``edits``
(an administrator's changes).

Speed: lookups go to an in-process snapshot of both tables (a dict and a set). Every public
call costs one primary-key read of the ``calendar.revision`` token in the settings table;
every change writes a new random token in the same transaction, so another desktop's edit
is seen by the next call here, and a rolled-back edit is never kept.
``snapshot()`` hands out the snapshot itself for loops that need no check per day.
"""

from __future__ import annotations

from models.calendar.days import (
    CLOSED,
    END_OF_DAY,
    HOLIDAY,
    KIND_EN,
    KINDS,
    MAKEUP,
    OFFICE,
    PACKAGE,
    REVISION_KEY,
    TABLES,
    WEEKDAY_NAMES,
    WEEKEND,
    WORKDAY,
    CalendarDay,
    CalendarYear,
    DayInfo,
    Snapshot,
    add_working_days,
    coverage_notice,
    day_info,
    deadline,
    describe,
    invalidate,
    is_known,
    is_working_day,
    known_years,
    snapshot,
    unknown_year_problem,
    unknown_years,
    working_days_between,
)
from models.calendar.edits import ChangeHook, days_of, enter_year, on_change, set_day
from models.calendar.package import (
    Difference,
    package_differences,
    package_version,
    package_years,
    seed_from_package,
    sync_package,
)

__all__ = [
    "CLOSED",
    "END_OF_DAY",
    "HOLIDAY",
    "KINDS",
    "KIND_EN",
    "MAKEUP",
    "OFFICE",
    "PACKAGE",
    "REVISION_KEY",
    "TABLES",
    "WEEKDAY_NAMES",
    "WEEKEND",
    "WORKDAY",
    "CalendarDay",
    "CalendarYear",
    "ChangeHook",
    "DayInfo",
    "Difference",
    "Snapshot",
    "add_working_days",
    "coverage_notice",
    "day_info",
    "days_of",
    "deadline",
    "describe",
    "enter_year",
    "invalidate",
    "is_known",
    "is_working_day",
    "known_years",
    "on_change",
    "package_differences",
    "package_version",
    "package_years",
    "seed_from_package",
    "set_day",
    "snapshot",
    "sync_package",
    "unknown_year_problem",
    "unknown_years",
    "working_days_between",
]
