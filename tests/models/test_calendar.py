"""Working days on the official Chinese calendar (used by deadlines in every module)."""

from __future__ import annotations

from datetime import date, datetime

from models import calendar


def test_national_day_is_not_a_working_day_but_the_make_up_sunday_is():
    assert not calendar.is_working_day(date(2026, 10, 1))
    assert calendar.is_working_day(date(2026, 9, 20))  # Sunday, 调休 make-up day
    assert calendar.is_working_day(date(2026, 10, 10))  # Saturday, 调休


def test_add_working_days_skips_the_golden_week():
    assert calendar.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_years_the_calendar_does_not_know_fall_back_to_weekdays():
    assert calendar.is_working_day(date(2099, 6, 5))  # a Friday
    assert not calendar.is_working_day(date(2099, 6, 6))


def test_deadline_is_the_end_of_the_nth_working_day():
    assert calendar.deadline(datetime(2026, 11, 6, 16, 0), 1) == datetime(2026, 11, 9, 23, 59, 59)
    assert calendar.working_days_between(date(2026, 11, 6), date(2026, 11, 9)) == 1
