"""Working days on the official Chinese calendar (holidays and 调休 make-up working days).

``chinese_calendar`` knows the State Council's schedule for the years it ships; outside them
(it raises ``NotImplementedError``) we fall back to Monday–Friday, which is the best guess
until the package is updated with the new year's notice.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import chinese_calendar

END_OF_DAY = time(23, 59, 59)


def is_working_day(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def deadline(start: datetime, days: int) -> datetime:
    """End of the ``days``-th working day after ``start``: the usual "N 个工作日内" reading."""
    return datetime.combine(add_working_days(start.date(), days), END_OF_DAY)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
