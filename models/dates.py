"""Dates as every use case takes them: what was done is not in the future (by the office's
clock, ``models.base.now``), and dates that follow each other keep their order."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from models.base import now
from models.errors import RuleViolation

# A desktop's clock may run a little ahead of the server's: a fill-up logged "now" on it is
# not in the future.
CLOCK_SKEW = timedelta(minutes=10)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def done(
    value: date | datetime, what_zh: str, what_en: str, *, field: str, rule: str | None = None
) -> date | datetime:
    """A date or time at which something was done: today or earlier."""
    current = now()
    future = value > current + CLOCK_SKEW if isinstance(value, datetime) else value > current.date()
    if future:
        raise RuleViolation(
            rule,
            f"{what_zh}（{value:%Y-%m-%d}）不能晚于今天（{current:%Y-%m-%d}）",
            f"{what_en} ({value:%Y-%m-%d}) cannot be in the future",
            field=field,
        )
    return value


def in_order(
    earlier: date | datetime,
    later: date | datetime,
    earlier_zh: str,
    later_zh: str,
    *,
    field: str,
    rule: str | None = None,
    en: str = "",
) -> None:
    """``later`` is on or after the day of ``earlier``."""
    if _day(later) < _day(earlier):
        raise RuleViolation(
            rule,
            f"{later_zh}（{_day(later):%Y-%m-%d}）不能早于{earlier_zh}（{_day(earlier):%Y-%m-%d}）",
            en or f"{field} ({_day(later):%Y-%m-%d}) is before {_day(earlier):%Y-%m-%d}",
            field=field,
        )
