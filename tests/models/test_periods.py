"""Reporting periods: month, quarter, year, school term, read as people type them. The last
tests pin the results of the helpers this module replaces (supplies quarters, fleet months,
the chart's recent months)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import periods
from models.errors import RuleViolation
from models.periods import Period, PeriodKind

OCTOBER = Period.month(2026, 10)
Q4 = Period.quarter(2026, 4)
YEAR = Period.year_of(2026)
AUTUMN = Period.term(date(2026, 9, 1), date(2027, 1, 20), "2026—2027学年第一学期")
SPRING = Period.term(date(2027, 2, 24), date(2027, 7, 10), "2026—2027学年第二学期")
TERMS = [SPRING, AUTUMN]  # the office's list, in any order


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10", OCTOBER),
        ("2026/10", OCTOBER),
        ("2026.10", OCTOBER),
        ("202610", OCTOBER),
        ("2026年10月", OCTOBER),
        ("2026年10月份", OCTOBER),
        (" ２０２６年１０月 ", OCTOBER),  # full-width, as typed with a Chinese IME
        ("2026-1", Period.month(2026, 1)),
        ("2026Q4", Q4),
        ("2026-Q4", Q4),
        ("2026q4", Q4),
        ("2026 Q4", Q4),
        ("2026年Q4", Q4),
        ("2026年第四季度", Q4),
        ("2026年第4季度", Q4),
        ("2026年四季度", Q4),
        ("2026年", YEAR),
        ("2026年度", YEAR),
        ("2026", YEAR),
        ("2026-09-01~2027-01-20", Period.term(date(2026, 9, 1), date(2027, 1, 20))),
        ("2026年9月1日至2027年1月20日", Period.term(date(2026, 9, 1), date(2027, 1, 20))),
    ],
)
def test_periods_read_in_the_forms_people_type(text, expected):
    assert periods.parse(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "2026Q5", "2026年第五季度", "下个月", "", "26-10"])
def test_bad_periods_are_refused_with_the_forms_that_work(text):
    with pytest.raises(RuleViolation) as info:
        periods.parse(text)
    assert "2026年第四季度" in info.value.zh and info.value.en


def test_a_kind_can_be_insisted_on():
    assert periods.parse("2026年第四季度", "quarter") == Q4
    with pytest.raises(RuleViolation) as info:
        periods.parse("2026-10", PeriodKind.QUARTER)
    assert "2026Q4" in info.value.zh and info.value.field == "period"


def test_bounds_labels_and_codes():
    assert OCTOBER.bounds() == (date(2026, 10, 1), date(2026, 10, 31))
    assert Q4.bounds() == (date(2026, 10, 1), date(2026, 12, 31))
    assert YEAR.bounds() == (date(2026, 1, 1), date(2026, 12, 31))
    assert Period.month(2028, 2).bounds()[1] == date(2028, 2, 29)  # leap year
    assert Q4.half_open() == (date(2026, 10, 1), date(2027, 1, 1))
    assert OCTOBER.datetime_range() == (datetime(2026, 10, 1), datetime(2026, 11, 1))
    assert [p.label() for p in (OCTOBER, Q4, YEAR, AUTUMN)] == [
        "2026年10月",
        "2026年第四季度",
        "2026年",
        "2026—2027学年第一学期",
    ]
    assert Period.term(date(2026, 9, 1), date(2027, 1, 20)).label() == "2026-09-01至2027-01-20"
    assert [p.code for p in (OCTOBER, Q4, YEAR)] == ["2026-10", "2026Q4", "2026"]
    assert [periods.parse(p.code) for p in (OCTOBER, Q4, YEAR)] == [OCTOBER, Q4, YEAR]
    assert (OCTOBER.label_en(), Q4.label_en()) == ("October 2026", "2026 Q4")
    assert Q4.days == 92 and AUTUMN.contains(datetime(2026, 12, 31, 18, 0))


def test_previous_and_next_cross_year_ends():
    assert Period.month(2026, 12).next() == Period.month(2027, 1)
    assert Period.month(2026, 1).previous() == Period.month(2025, 12)
    assert Q4.next() == Period.quarter(2027, 1) and Period.quarter(2026, 1).previous() == (
        Period.quarter(2025, 4)
    )
    assert YEAR.next() == Period.year_of(2027)
    assert OCTOBER.shift(-22) == Period.month(2024, 12)
    assert AUTUMN.next(TERMS) == SPRING and SPRING.previous(TERMS) == AUTUMN
    with pytest.raises(RuleViolation) as refusal:
        SPRING.next(TERMS)  # the office has not entered the next term yet
    assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as refusal:
        AUTUMN.next()  # terms are office data: the list is needed
    assert refusal.value.rule is None  # a plain input check


def test_the_period_containing_a_day():
    day = date(2026, 11, 15)
    assert periods.containing(day, "month") == Period.month(2026, 11)
    assert periods.containing(day, PeriodKind.QUARTER) == Q4
    assert periods.containing(datetime(2026, 11, 15, 9, 0), "year") == YEAR
    assert periods.containing(day, "term", terms=TERMS) == AUTUMN
    with pytest.raises(RuleViolation) as refusal:
        periods.containing(date(2027, 2, 1), "term", terms=TERMS)  # winter holiday
    assert refusal.value.rule is None  # a plain input check
    assert periods.parse("2026—2027学年第二学期", terms=TERMS) == SPRING
    assert Q4.months() == [Period.month(2026, m) for m in (10, 11, 12)]


def test_a_term_cannot_end_before_it_starts():
    with pytest.raises(RuleViolation) as refusal:
        Period.term(date(2027, 1, 20), date(2026, 9, 1))
    assert refusal.value.rule is None  # a plain input check


def test_series_and_recent_lists_for_charts():
    assert [p.code for p in periods.series(Period.month(2026, 2), 4)] == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert [p.code for p in periods.recent("quarter", 3, date(2026, 2, 1))] == [
        "2026Q1",
        "2025Q4",
        "2025Q3",
    ]


def test_the_old_helpers_results_are_kept():
    """Same answers as supplies.quarter_of/quarter_bounds/parse_period, fleet month_bounds,
    queries.fleet_monthly_series and the chart's recent_periods."""
    assert periods.quarter_of(date(2026, 10, 1)) == (2026, 4)
    assert periods.quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2027, 1, 1))
    assert periods.quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 4, 1))
    assert periods.parse_quarter("2026Q4") == (2026, 4)
    assert periods.parse_quarter("2026-q1") == (2026, 1)
    with pytest.raises(RuleViolation) as refusal:
        periods.parse_quarter("2026Q5")
    assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as refusal:
        periods.quarter_bounds(2026, 0)
    assert refusal.value.rule is None  # a plain input check
    assert periods.month_bounds("2026-10") == (datetime(2026, 10, 1), datetime(2026, 11, 1))
    assert periods.month_bounds("2026-12") == (datetime(2026, 12, 1), datetime(2027, 1, 1))
    with pytest.raises(RuleViolation) as info:
        periods.month_bounds("2026-13")
    assert "2026-10" in info.value.zh
    assert periods.month_series("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]
    assert len(periods.month_series("2026-10")) == 12
    assert periods.recent_months(3, date(2026, 1, 15)) == ["2026-01", "2025-12", "2025-11"]
