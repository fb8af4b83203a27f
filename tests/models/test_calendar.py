"""The office calendar (used by deadlines in every module): seeded from chinese-calendar,
kept in the shared database, edited by an administrator, cached per process."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from playhouse.test_utils import count_queries

from models import calendar
from models.audit import AuditLog
from models.calendar import CalendarDay, CalendarYear
from models.db import connection
from models.errors import RuleViolation


def future_year() -> int:
    """The first year the installed package does not know (2027 with chinese-calendar
    1.11): what an administrator types in from the State Council's notice."""
    return max(calendar.package_years()) + 1


def first_monday_of_june(year: int) -> date:
    day = date(year, 6, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def test_national_day_is_not_a_working_day_but_the_make_up_sunday_is(database):
    assert not calendar.is_working_day(date(2026, 10, 1))
    assert calendar.is_working_day(date(2026, 9, 20))  # Sunday, 调休 make-up day
    assert calendar.is_working_day(date(2026, 10, 10))  # Saturday, 调休
    assert calendar.describe(date(2026, 10, 10)) == "2026-10-10（周六，调休上班）"
    assert calendar.describe(date(2026, 10, 3)) == "2026-10-03（周六，国庆节）"
    info = calendar.day_info(date(2026, 10, 1))
    assert (info.kind, info.name, info.source, info.known) == ("节假日", "国庆节", "package", True)


def test_add_working_days_skips_the_golden_week(database):
    assert calendar.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_C10_worked_examples_across_national_day_2026(database):
    """research §3.2: with 调休, the 5th working day after Mon 09-28 is Saturday 10-10."""
    assert calendar.add_working_days(date(2026, 9, 28), 10) == date(2026, 10, 16)
    assert calendar.add_working_days(date(2026, 9, 28), 5) == date(2026, 10, 10)
    assert calendar.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)


def test_deadline_is_the_end_of_the_nth_working_day(database):
    assert calendar.deadline(datetime(2026, 11, 6, 16, 0), 1) == datetime(2026, 11, 9, 23, 59, 59)
    assert calendar.working_days_between(date(2026, 11, 6), date(2026, 11, 9)) == 1


def test_the_database_calendar_gives_the_packages_answer_for_every_year_it_knows(database):
    snap = calendar.snapshot()
    years = calendar.package_years()
    assert calendar.known_years() == years
    day, last = date(years[0], 1, 1), date(years[-1], 12, 31)
    while day <= last:
        assert snap.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)
    assert calendar.package_differences() == []


def test_years_nobody_entered_count_weekdays_provisionally_and_say_so(database):
    assert calendar.is_working_day(date(2099, 6, 5))  # a Friday
    assert not calendar.is_working_day(date(2099, 6, 6))
    assert not calendar.is_known(date(2099, 6, 5))
    year = future_year()
    assert calendar.unknown_years(date(year - 1, 12, 1), date(year, 1, 20)) == [year]
    assert "节假日安排未录入" in calendar.describe(date(2099, 6, 5))
    notice = calendar.coverage_notice(date(future_year() - 1, 12, 1))
    assert notice is not None and f"{future_year()}年" in notice[0]
    assert calendar.coverage_notice(date(future_year() - 1, 6, 1)) is None  # too early


def test_seeding_twice_or_from_two_desktops_at_once_writes_each_day_once(database):
    days, years = CalendarDay.select().count(), CalendarYear.select().count()
    assert days > 700 and years == len(calendar.package_years())
    assert calendar.seed_from_package() == []  # nothing new
    # Two desktops that both found the years missing (e.g. both started on an older
    # database at once) insert the same rows: the unique day and year keep one each.
    CalendarYear.delete().execute()
    barrier, errors = threading.Barrier(2), []

    def seed() -> None:
        try:
            with connection():
                barrier.wait(timeout=10)
                calendar.seed_from_package(calendar.package_years())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=seed) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert CalendarDay.select().count() == days
    assert CalendarYear.select().count() == years


def test_X1_only_an_administrator_edits_the_calendar(office):
    with pytest.raises(RuleViolation) as info:
        calendar.set_day(office.clerk, date(2026, 10, 9), False, "", "单位统一放假")
    assert info.value.rule == "X1"
    with pytest.raises(RuleViolation) as info:
        calendar.set_day(office.admin, date(2026, 10, 9), False, "", "  ")
    assert info.value.field == "reason"
    assert calendar.is_working_day(date(2026, 10, 9))


def test_an_office_edit_is_audited_and_seen_by_a_desktop_holding_the_old_calendar(office):
    friday = date(2026, 10, 9)
    old = calendar.snapshot()  # what another desktop loaded before the edit
    info = calendar.set_day(office.admin, friday, False, "", "局通知10月9日停电放假")
    assert (info.is_working, info.kind, info.source) == (False, "休息日", "office")
    row = CalendarDay.get(CalendarDay.day == friday)
    assert (row.edited_by, row.edited_by_name, row.note) == (
        office.admin.id,
        office.admin.name,
        "局通知10月9日停电放假",
    )
    log = AuditLog.get((AuditLog.table == "calendar_day") & (AuditLog.record_id == row.id))
    assert log.action == "create" and log.actor_id == office.admin.id
    calendar.days._cached = old  # that desktop's process still holds the old snapshot
    assert not calendar.is_working_day(friday)  # the revision token told it to reload
    assert calendar.add_working_days(date(2026, 9, 30), 2) == date(2026, 10, 10)
    # Back to a working day: an update of the same row, audited old → new.
    calendar.set_day(office.admin, friday, True, "", "通知撤销")
    assert calendar.is_working_day(friday)
    changes = (
        AuditLog.select()
        .where((AuditLog.table == "calendar_day") & (AuditLog.record_id == row.id))
        .order_by(AuditLog.id.desc())
        .first()
        .changes_dict()
    )
    assert changes["is_working"] == [False, True] and changes["kind"] == ["休息日", "工作日"]


def test_an_office_can_stop_working_the_make_up_saturday(office):
    """Sectors that do not work 调休 weekends (research §3.2)."""
    calendar.set_day(office.admin, date(2026, 10, 10), False, "", "本单位调休周六不上班")
    assert calendar.day_info(date(2026, 10, 10)).kind == "周末"
    assert calendar.add_working_days(date(2026, 9, 28), 5) == date(2026, 10, 12)
    assert calendar.package_differences() == []  # an office edit is no package difference


def test_a_year_the_package_does_not_know_is_entered_by_the_administrator(office):
    year = future_year()
    holiday = first_monday_of_june(year)  # e.g. 端午节, with a make-up Saturday before it
    saturday = holiday - timedelta(days=2)
    friday = holiday - timedelta(days=3)
    assert calendar.add_working_days(friday, 1) == holiday  # Monday–Friday, provisionally
    assert year not in calendar.known_years()
    with pytest.raises(RuleViolation) as info:
        calendar.enter_year(office.clerk, year, [(holiday, False, "端午节")], "国办发明电")
    assert info.value.rule == "X1"
    with pytest.raises(RuleViolation) as refusal:
        calendar.enter_year(office.admin, year, [(date(year + 1, 1, 1), False, "元旦")], "x")
    assert refusal.value.rule is None  # a plain input check
    entered = calendar.enter_year(
        office.admin,
        year,
        [(holiday, False, "端午节"), (saturday, True, "端午节")],
        f"国务院办公厅关于{year}年部分节假日安排的通知",
    )
    assert [d.kind for d in entered] == ["节假日", "调休上班"]
    assert year in calendar.known_years() and calendar.is_known(friday)
    assert calendar.add_working_days(friday, 1) == saturday
    assert calendar.add_working_days(friday, 2) == holiday + timedelta(days=1)
    row = CalendarYear.get(CalendarYear.year == year)
    assert (row.source, row.entered_by) == ("office", office.admin.id)
    assert calendar.seed_from_package([year]) == []  # a later package never overwrites it
    with pytest.raises(RuleViolation) as refusal:
        calendar.enter_year(office.admin, year, [], "again")
    assert refusal.value.rule is None  # a plain input check


def test_a_corrected_package_release_is_reported_not_applied(database):
    """chinese-calendar 1.3.1 fixed 2020-09-27 (a 调休 Sunday): a database seeded before the
    fix keeps what it has, so desktops agree, and the difference is listed for review."""
    CalendarDay.delete().where(CalendarDay.day == date(2020, 9, 27)).execute()
    calendar.invalidate()
    assert not calendar.is_working_day(date(2020, 9, 27))
    [diff] = calendar.package_differences()
    assert (diff.day, diff.stored_working, diff.package_working) == (date(2020, 9, 27), False, True)
    assert calendar.sync_package() == []
    assert not calendar.is_working_day(date(2020, 9, 27))


def test_lookups_cost_one_query_per_call_not_one_per_day(database):
    calendar.snapshot()
    with count_queries() as counted:
        assert calendar.add_working_days(date(2026, 9, 1), 30) == date(2026, 10, 19)
    assert counted.count == 1  # the revision token; the days come from the snapshot
    snap = calendar.snapshot()
    with count_queries() as counted:
        for n in range(100):
            snap.add_working_days(date(2026, 1, 1), n)
    assert counted.count == 0


def test_the_same_edit_again_changes_nothing_and_leaves_no_second_audit_row(office):
    calendar.set_day(office.admin, date(2026, 11, 2), False, "", "第一次")
    revision = calendar.snapshot().revision
    info = calendar.set_day(office.admin, date(2026, 11, 2), False, "", "第二次")
    assert info.source == "office" and calendar.snapshot().revision == revision
    assert AuditLog.select().where(AuditLog.table == "calendar_day").count() == 1
