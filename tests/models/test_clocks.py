"""Clocks (C10 and the approval engine, X1): four kinds of deadline across 国庆 2026, stored
when they start, recomputed on a calendar edit only while they run.

国庆 2026 in chinese-calendar 1.11: Oct 1–7 off (Thu–Wed); Sun 09-20 and Sat 10-10 are 调休
make-up working days; the Mid-autumn Festival is Fri 09-25 (and the weekend after).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from playhouse.test_utils import count_queries

from models import calendar, clocks, settings, workflow
from models.audit import AuditLog
from models.clocks import Clock, ClockKind, ClockSpec, Outcome
from models.errors import RuleViolation
from models.workflow import Approver, Flow, Node

WED_0930_1600 = datetime(2026, 9, 30, 16, 0)
MON_0928 = datetime(2026, 9, 28, 9, 0)

X1_FLOW = workflow.register_flow(
    Flow(
        "t_clock_deadline",
        "时限",
        (Node("leader", "领导", (Approver.user("wangwu"),), deadline_days=1),),
    )
)


def end_of(day: date) -> datetime:
    return datetime.combine(day, calendar.END_OF_DAY)


def test_C10_working_day_clocks_across_national_day(database):
    assert clocks.due(ClockSpec.working_days(10), MON_0928) == end_of(date(2026, 10, 16))
    # The trap: the 5th working day is the 调休 Saturday, and it must say so.
    five = clocks.due(ClockSpec.working_days(5), MON_0928)
    assert five == end_of(date(2026, 10, 10))
    assert calendar.describe(five.date()) == "2026-10-10（周六，调休上班）"
    assert clocks.due(ClockSpec.working_days(5), WED_0930_1600) == end_of(date(2026, 10, 13))
    # The start day never counts, whatever the hour; the make-up Sunday 09-20 does.
    assert clocks.due(ClockSpec.working_days(1), datetime(2026, 9, 18, 23, 0)) == end_of(
        date(2026, 9, 20)
    )
    assert clocks.due(ClockSpec.working_days(0), MON_0928) == end_of(date(2026, 9, 28))


def test_calendar_day_clock_rolls_a_last_day_on_a_holiday_to_the_next_working_day(database):
    """民法典 第二百零一、二百零三条: the start day is not counted; a last day on a rest day
    moves to the day after the rest ends."""
    start = datetime(2026, 9, 1, 10, 0)
    rolled = clocks.compute(ClockSpec.calendar_days(30), start)
    assert (rolled.at, rolled.rolled) == (end_of(date(2026, 10, 8)), True)
    assert clocks.due(ClockSpec.calendar_days(30, roll=False), start) == end_of(date(2026, 10, 1))
    # ending on the 调休 working Saturday: a working day, no roll
    assert clocks.due(ClockSpec.calendar_days(30), datetime(2026, 9, 10)) == end_of(
        date(2026, 10, 10)
    )
    # ending on the make-up Sunday 09-20: no roll either; an ordinary Sunday rolls to Monday
    assert clocks.due(ClockSpec.calendar_days(30), datetime(2026, 8, 21)) == end_of(
        date(2026, 9, 20)
    )
    assert clocks.due(ClockSpec.calendar_days(30), datetime(2026, 10, 16)) == end_of(
        date(2026, 11, 16)
    )


def test_C10_service_desk_48_and_72_hours_across_national_day(database):
    """research §3.4: received Wed 09-30 16:00. Natural hours fall in Golden Week; rolled,
    both move to close of business on Thu 10-08."""
    assert clocks.due(ClockSpec.hours(48), WED_0930_1600) == datetime(2026, 10, 2, 16, 0)
    assert clocks.due(ClockSpec.hours(72), WED_0930_1600) == datetime(2026, 10, 3, 16, 0)
    rolled = ClockSpec.hours(48, roll=True)
    assert clocks.due(rolled, WED_0930_1600) == datetime(2026, 10, 8, 17, 30)
    assert clocks.due(ClockSpec.hours(72, roll=True), WED_0930_1600) == datetime(
        2026, 10, 8, 17, 30
    )
    # a due time on the 调休 Saturday is a working day: not moved
    assert clocks.due(rolled, datetime(2026, 10, 8, 10, 0)) == datetime(2026, 10, 10, 10, 0)


def test_working_hours_count_office_hours_of_working_days_only(database):
    # 09-30: 16:00–17:30 (1.5 h); 10-08: 08:30–12:00 (3.5 h), 14:00–17:00 (3 h)
    assert clocks.due(ClockSpec.working_hours(8), WED_0930_1600) == datetime(2026, 10, 8, 17, 0)
    # started over lunch on Fri 10-09: 14:00–17:30, then the 调休 Saturday 08:30–09:00
    assert clocks.due(ClockSpec.working_hours(4), datetime(2026, 10, 9, 12, 30)) == datetime(
        2026, 10, 10, 9, 0
    )
    # a period used up exactly ends at its close, not at the next opening
    assert clocks.due(ClockSpec.working_hours(7), datetime(2026, 10, 9, 8, 0)) == datetime(
        2026, 10, 9, 17, 30
    )


def test_office_hours_are_a_setting_checked_when_saved(office):
    settings.put(office.admin, "clock.office_hours", "09:00-17:00")
    assert clocks.due(ClockSpec.working_hours(8), datetime(2026, 10, 9, 9, 0)) == datetime(
        2026, 10, 9, 17, 0
    )
    assert clocks.due(ClockSpec.hours(48, roll=True), WED_0930_1600) == datetime(2026, 10, 8, 17, 0)
    for bad in ("9点到5点", "14:00-12:00", "08:00-12:00,11:00-17:00", ""):
        with pytest.raises(RuleViolation) as info:
            settings.put(office.admin, "clock.office_hours", bad)
        assert info.value.field == "clock.office_hours"
    assert clocks.office_hours() == clocks.parse_office_hours("09:00-17:00")


def test_C10_a_calendar_edit_moves_running_clocks_and_not_finished_ones(office):
    running = clocks.start("t_complaint", 1, "acceptance", ClockSpec.working_days(10), MON_0928)
    finished = clocks.start("t_complaint", 2, "acceptance", ClockSpec.working_days(10), MON_0928)
    hours = clocks.start("t_complaint", 3, "desk", ClockSpec.hours(48), WED_0930_1600)
    assert running.due_at == finished.due_at == end_of(date(2026, 10, 16))
    stopped = clocks.stop("t_complaint", 2, "acceptance", datetime(2026, 10, 9, 15, 0))
    assert stopped is not None and stopped.outcome == Outcome.MET

    calendar.set_day(office.admin, date(2026, 10, 12), False, "", "局通知10月12日停电放假")

    assert Clock.get_by_id(running.id).due_at == end_of(date(2026, 10, 19))
    assert Clock.get_by_id(finished.id).due_at == end_of(date(2026, 10, 16))  # as it was
    assert Clock.get_by_id(finished.id).outcome == "met"
    assert Clock.get_by_id(hours.id).due_at == datetime(2026, 10, 2, 16, 0)  # natural hours
    [log] = AuditLog.select().where(
        (AuditLog.table == "clock") & (AuditLog.action == "calendar_changed")
    )
    assert log.record_id == running.id and log.actor_id == office.admin.id
    assert log.changes_dict()["due_at"] == ["2026-10-16 23:59:59", "2026-10-19 23:59:59"]


def test_a_clock_into_a_year_nobody_entered_is_provisional_until_the_administrator_enters_it(
    office,
):
    year = max(calendar.package_years()) + 1
    start = datetime(year - 1, 12, 28, 9, 0)
    spec = ClockSpec.working_days(5)
    with pytest.raises(RuleViolation) as info:
        clocks.due(spec, start, strict=True)
    assert f"{year}年的节假日安排尚未录入" in info.value.zh
    clock = clocks.start("t_complaint", 7, "notice", spec, start)
    assert clock.provisional
    provisional_due = clock.due_at
    # The administrator enters the new year: 元旦 on its first three days.
    holidays = [(date(year, 1, d), False, "元旦") for d in (1, 2, 3)]
    calendar.enter_year(office.admin, year, holidays, f"国办发明电〔{year - 1}〕号")
    after = Clock.get_by_id(clock.id)
    assert not after.provisional
    expected = calendar.add_working_days(start.date(), 5)
    assert after.due_at == end_of(expected) and after.due_at >= provisional_due
    assert clocks.compute(spec, start, strict=True).at == after.due_at


def test_restarting_a_clock_keeps_the_old_one_and_only_one_runs(database):
    first = clocks.start("t_complaint", 1, "decision", ClockSpec.calendar_days(30), MON_0928)
    again = clocks.start("t_complaint", 1, "decision", ClockSpec.calendar_days(30), WED_0930_1600)
    assert Clock.get_by_id(first.id).outcome == Outcome.RESTARTED
    assert clocks.running("t_complaint", 1, "decision").id == again.id
    assert Clock.select().where(Clock.stopped_at.is_null()).count() == 1
    late = clocks.stop("t_complaint", 1, "decision", datetime(2026, 12, 1))
    assert late is not None and late.outcome == Outcome.BREACHED
    assert clocks.stop("t_complaint", 1, "decision") is None


def test_overdue_is_one_condition_on_the_stored_deadline(database):
    clocks.start("t_complaint", 1, "acceptance", ClockSpec.working_days(5), MON_0928)
    clocks.start("t_complaint", 2, "acceptance", ClockSpec.working_days(10), MON_0928)
    clocks.start("t_complaint", 3, "acceptance", ClockSpec.working_days(1), MON_0928)
    clocks.stop("t_complaint", 3, "acceptance", datetime(2026, 9, 29, 9, 0))
    at = datetime(2026, 10, 12, 9, 0)
    with count_queries() as counted:
        late = [c.record_id for c in clocks.overdue_clocks(at)]
    assert late == [1] and counted.count == 1
    # the same helper over any due column: the approval engine's tasks
    query = workflow.Task.select()
    assert list(clocks.overdue(query, workflow.Task.due_at, at)) == []


def test_remaining_time_reads_in_the_clocks_own_unit(database):
    due = clocks.due(ClockSpec.working_days(5), MON_0928)
    left = clocks.remaining(due, datetime(2026, 9, 30, 9, 0), ClockKind.WORKING_DAYS)
    assert left.working_days == 3 and not left.overdue and left.label() == "剩余 3 个工作日"
    assert clocks.remaining(due, datetime(2026, 10, 10, 8, 0), "working_days").label() == "今日到期"
    late = clocks.remaining(due, datetime(2026, 10, 11, 2, 0), "working_days")
    assert late.overdue and late.label() == "已超期 2小时"
    hours = clocks.remaining(datetime(2026, 10, 2, 16, 0), WED_0930_1600, "hours")
    assert hours.label() == "剩余 2天" and hours.delta == timedelta(hours=48)
    work_due = clocks.due(ClockSpec.working_hours(8), WED_0930_1600)
    work = clocks.remaining(work_due, WED_0930_1600, "working_hours")
    assert work.working_time == timedelta(hours=8) and work.label() == "剩余 8小时（工作时间）"


def test_X1_approval_deadlines_use_the_office_working_day_clock(office):
    inst = workflow.submit(office.clerk, "t_clock_deadline", title="时限", at=WED_0930_1600)
    task = workflow.Task.get(workflow.Task.instance == inst.id)
    assert task.due_at == end_of(date(2026, 10, 8))
    assert task.due_at == calendar.deadline(WED_0930_1600, 1)
    assert task.due_at == clocks.due(ClockSpec.working_days(1), WED_0930_1600)
    # An office closure on 10-08 moves the deadline of an approval submitted afterwards.
    calendar.set_day(office.admin, date(2026, 10, 8), False, "", "单位放假")
    later = workflow.submit(office.clerk, "t_clock_deadline", title="时限2", at=WED_0930_1600)
    assert workflow.Task.get(workflow.Task.instance == later.id).due_at == end_of(date(2026, 10, 9))


def test_clock_specs_are_declared_once_and_read_in_chinese():
    assert ClockSpec("working_days", 10) == ClockSpec.working_days(10)
    assert ClockSpec.working_days(10).label() == "10个工作日"
    assert ClockSpec.calendar_days(30).label() == "30日（最后一日遇休息日顺延）"
    assert ClockSpec.calendar_days(30).rolls and not ClockSpec.hours(48).rolls
    assert ClockSpec.hours(48).label() == "48小时"
    assert ClockSpec.working_hours(16).label() == "16个工作小时"
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError):
            ClockSpec(ClockKind.HOURS, bad)
    with pytest.raises(ValueError):
        ClockSpec("fortnights", 1)
