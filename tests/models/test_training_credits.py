"""学分登记 (T4) on both backends: quantity from the registers, quality from the grades,
deductions, disqualification, the yearly cap, one rounding per line; the register approved
by the main leader and then frozen, with the marks of its term."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from models import settings, training
from models.errors import RuleViolation
from tests.models.training_school import IDS, make_school

T_END = datetime(2027, 1, 25, 9, 0)


def at_session(session) -> datetime:
    return datetime.combine(session.date, time(18, 0))


def hold_term(s, marks_for) -> list[training.TrainingSession]:
    """Hold every planned session of the first term: ``marks_for(i)`` gives the session's
    speaker and its marks (teacher index → (status, minutes))."""
    sessions = list(
        training.sessions_of(s.group, s.term1).where(
            training.TrainingSession.state == training.SessionState.PLANNED
        )
    )
    for i, session in enumerate(sessions):
        speaker, marks = marks_for(i)
        session = training.set_topic(s.tangmin, session, f"第{i + 1}次教研", s.teachers[speaker])
        at = at_session(session)
        training.open_register(s.tangmin, session, at=at)
        training.mark_many(
            s.tangmin,
            session,
            [training.MarkInput(s.teachers[t], st, mins) for t, (st, mins) in marks.items()],
            at=at,
        )
        training.close_register(s.tangmin, session, at=at)
    return sessions


@pytest.fixture
def school(database):
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    # 刘一's leave for the fourth session (10-19), approved by 教研处.
    leave = training.request_leave(
        s.tangmin, s.teachers[1], date(2026, 10, 19), date(2026, 10, 19), "事假", "家中有事"
    )
    training.approve_leave(s.trainer2, leave)
    settings.put(s.o.admin, "training.yearly_cap_credits", Decimal("10"))

    def marks_for(i: int):
        present = ("出勤", None)
        liu = {0: present, 1: ("迟到", 10), 2: ("早退", 15), 3: ("请假", None), 4: ("缺席", None)}
        huang = ("缺席", None) if i in (1, 2, 3) else present
        return (1 if i == 0 else 0), {0: present, 1: liu.get(i, present), 2: huang, 3: present}

    s.sessions = hold_term(s, marks_for)
    return s


def line(rows, teacher) -> training.CreditRow:
    return next(r for r in rows if r.teacher_id == teacher.id)


def test_T4_quality_grades_by_the_group_leader_and_the_leaders_by_the_research_office(school):
    s = school
    leader, liu, _huang, _ma = s.teachers
    with pytest.raises(RuleViolation) as err:  # nobody grades himself
        training.grade_quality(s.leader_user, leader, s.term1, "优")
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:  # a member is graded by his group leader
        training.grade_quality(s.tangmin, liu, s.term1, "良")
    assert err.value.rule == "T4"
    with pytest.raises(RuleViolation) as err:
        training.grade_quality(s.leader_user, liu, s.term1, "很好")
    assert err.value.rule == "T4"
    assert training.grade_quality(s.leader_user, liu, s.term1, "良", "按时参加").grade == "良"
    assert training.grade_quality(s.tangmin, leader, s.term1, "优").grade == "优"


def test_T4_credits_reproducible_to_the_decimal_for_a_hand_computed_teacher(school):
    s = school
    leader, liu, huang, ma = s.teachers
    training.grade_quality(s.leader_user, liu, s.term1, "良")
    training.grade_quality(s.tangmin, leader, s.term1, "优")
    rows = training.compute_credits("2026-2027", 1)
    assert rows == training.compute_credits("2026-2027", 1)  # deterministic
    assert [r.staff_no for r in rows] == ["0001", "0002", "0003", "0004"]
    r = line(rows, liu)
    # 10 sessions of 4 学时: 主讲 once (×2 = 8), 迟到, 早退, 请假, 旷课, then 5 times 出勤:
    # 8 + 4 + 4 + 5 × 4 = 36 学时; −0.5 −0.5 (迟到、早退) −1 (旷课) = 34; 良 × 1.0;
    # 34 × 0.125 = 4.25 学分, rounded once, half up: 4.3 (not the banker's 4.2).
    assert (r.sessions, r.attended, r.late, r.early, r.leaves, r.truancies) == (10, 8, 1, 1, 1, 1)
    assert (r.hours, r.deducted, r.credited_hours) == (Decimal(36), Decimal(2), Decimal(34))
    assert r.credits == Decimal("4.3") and not r.capped and not r.disqualified
    # 陈组长 speaks nine times: 4 + 9 × 8 = 76 学时 × 1.2 (优) = 91.2 → 11.4, capped at 10.
    r = line(rows, leader)
    assert (r.hours, r.credited_hours, r.capped, r.credits) == (
        Decimal(76),
        Decimal("91.2"),
        True,
        Decimal("10.0"),
    )
    # 黄二: three truancies forfeit the term's 学时.
    r = line(rows, huang)
    assert (r.truancies, r.disqualified, r.credits) == (3, True, Decimal("0.0"))
    # 马三: ten times present, no grade (factor 1): 40 × 0.125 = 5.0.
    assert line(rows, ma).credits == Decimal("5.0")
    # The same marks under the default yearly cap of 3.
    capped = training.compute_credits(
        "2026-2027", 1, dataclasses.replace(training.Rules.current(), yearly_cap_credits=Decimal(3))
    )
    assert line(capped, liu).credits == Decimal("3.0") and line(capped, liu).capped


def test_T4_register_needs_every_register_closed(database):
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    with pytest.raises(RuleViolation) as err:
        training.draft_credit_register(s.tangmin, "2026-2027", 1, at=T_END)
    assert err.value.rule == "T3" and "10 次活动的考勤未确认" in err.value.zh


def test_T4_approved_register_is_frozen_and_a_correction_after_approval_refused(school):
    s = school
    _leader, liu, huang, _ma = s.teachers
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=T_END)
    assert reg.number.startswith("XF2026-") and reg.term_no == 1
    stored = {ln.teacher_id: ln.credits for ln in training.lines_of(reg)}
    assert stored == {r.teacher_id: r.credits for r in training.compute_credits("2026-2027", 1)}
    assert '"credits_per_hour": "0.125"' in reg.rules
    with pytest.raises(RuleViolation) as err:  # one register per period
        training.draft_credit_register(s.tangmin, "2026-2027", 1, at=T_END)
    assert err.value.rule == "T4"
    truancy = training.AttendanceMark.get(session=s.sessions[4].id, teacher=liu.id)
    # While the register is a draft a correction is still possible, and recomputed.
    training.correct_mark(s.tangmin, truancy, "出勤", "补交签到表", at=T_END)
    reg = training.recompute_credit_register(s.tangmin, reg)
    # 36 + 4 学时 − 1 (迟到、早退) = 39 × 0.125 = 4.875 → 4.9
    assert {ln.teacher_id: ln.credits for ln in training.lines_of(reg)}[liu.id] == Decimal("4.9")
    reg = training.submit_credit_register(s.tangmin, reg, at=T_END)
    with pytest.raises(RuleViolation) as err:  # the applicant does not approve (X1)
        training.approve_credit_register(s.trainer2, reg, at=T_END)
    reg = training.approve_credit_register(s.o.leader, reg, "同意上报", at=T_END)
    assert reg.state == training.RegisterDocState.APPROVED and reg.approved_at is not None
    assert training.register_covering(s.term1).id == reg.id
    mark = training.AttendanceMark.get(session=s.sessions[2].id, teacher=liu.id)
    with pytest.raises(RuleViolation) as err:
        training.correct_mark(s.tangmin, mark, "出勤", "补记", at=T_END)
    assert err.value.rule == "T4" and "不能再更正" in err.value.zh
    huang_mark = training.AttendanceMark.get(session=s.sessions[1].id, teacher=huang.id)
    with pytest.raises(RuleViolation) as err:
        training.excuse_absence(s.tangmin, huang_mark, "补交假条", at=T_END)
    assert err.value.rule == "T4"
    with pytest.raises(RuleViolation) as err:
        training.recompute_credit_register(s.tangmin, reg)
    assert err.value.rule == "T4"
    with pytest.raises(RuleViolation) as err:
        training.grade_quality(s.leader_user, liu, s.term1, "优")
    assert err.value.rule == "T4"
    # A later setting never moves an approved number.
    settings.put(s.o.admin, "training.credits_per_hour", Decimal("0.25"))
    assert {ln.teacher_id: ln.credits for ln in training.lines_of(reg)}[liu.id] == Decimal("4.9")


def test_T3_truancy_list_and_T1_teachers_at_risk_of_their_tiers_hours(school):
    s = school
    _leader, liu, huang, ma = s.teachers
    assert [(t.name, t.day) for t in training.truancies("2026-2027", 1)] == [
        ("黄二", s.sessions[1].date),
        ("黄二", s.sessions[2].date),
        ("黄二", s.sessions[3].date),
        ("刘一", s.sessions[4].date),
    ]
    for t in (liu, huang, ma):
        training.assign_tier(s.tangmin, t, "青年教师", "2026-2027")
    plan = training.create_tier_plan(
        s.tangmin,
        "青年教师",
        "2026-2027",
        goals="站稳讲台",
        plan="每两周教研",
        required_hours=70,
        required_credits=8,
    )
    training.approve_tier_plan(s.o.leader, training.submit_tier_plan(s.tangmin, plan))
    # On the first day of the second term: 10 sessions of 4 学时 still to come (40).
    risky = training.at_risk("2026-2027", date(2027, 2, 22))
    # 黄二 has 0 credited (disqualified) + 40 < 70; 刘一 34 + 40 ≥ 70; 马三 40 + 40 ≥ 70.
    assert [(r.name, r.credited_hours, r.hours_left_to_earn) for r in risky] == [
        ("黄二", Decimal(0), Decimal(40)),
    ]


def _plan(s, tier: str, credits: int) -> None:
    plan = training.create_tier_plan(
        s.tangmin,
        tier,
        "2026-2027",
        goals="站稳讲台",
        plan="每两周教研",
        required_hours=40,
        required_credits=credits,
    )
    training.approve_tier_plan(s.o.leader, training.submit_tier_plan(s.tangmin, plan))


def test_T3_attendance_rate_by_group_and_month_from_the_confirmed_registers(school):
    s = school
    # 数学组: 周五 alone, absent at its first session (旷课); its second register still open.
    zhou = training.add_teacher(s.tangmin, staff_no="0005", name="周五", id_number=IDS[4])
    maths = training.add_group(s.tangmin, "数学组", subject="数学")
    training.move_to_group(s.tangmin, zhou, maths, date(2026, 8, 1))
    series = training.define_series(s.tangmin, maths, "2026-2027", date(2026, 9, 8), "pm")
    training.generate_sessions(s.tangmin, series)
    first, second = list(training.sessions_of(maths, s.term1))[:2]
    for session in (first, second):
        session = training.set_topic(s.tangmin, session, "函数", zhou)
        training.open_register(s.tangmin, session, at=at_session(session))
        training.mark(s.tangmin, session, zhou, "缺席")
    training.close_register(s.tangmin, training.TrainingSession.get_by_id(first.id))
    rates = training.attendance_by_group_and_month("2026-2027")
    # 语文组 (4 teachers, 实到 = 出勤+迟到+早退, 应到 = all but 请假 and 有故缺席):
    # 09-07 4/4, 09-21 3/4 (黄二 旷课) → 7/8; 10-08 3/4, 10-19 2/3 (刘一 请假) → 5/7;
    # 11-02 3/4 (刘一 旷课), 11-16 4/4, 11-30 4/4 → 11/12; December 8/8; January 4/4.
    assert [(r.group, r.month, r.expected, r.present, r.rate) for r in rates] == [
        ("数学组", "2026-09", 1, 0, Decimal("0.0")),
        ("语文组", "2026-09", 8, 7, Decimal("87.5")),
        ("语文组", "2026-10", 7, 5, Decimal("71.4")),
        ("语文组", "2026-11", 12, 11, Decimal("91.7")),
        ("语文组", "2026-12", 8, 8, Decimal("100.0")),
        ("语文组", "2027-01", 4, 4, Decimal("100.0")),
    ]
    assert training.attendance_by_group_and_month("2025-2026") == []


def test_T4_credits_against_each_tiers_target(school):
    s = school
    leader, liu, huang, ma = s.teachers
    assert training.credits_against_target("2026-2027") == []  # no approved plan: no target
    for t, tier in ((leader, "骨干教师"), (ma, "骨干教师"), (liu, "青年教师"), (huang, "青年教师")):
        training.assign_tier(s.tangmin, t, tier, "2026-2027")
    _plan(s, "骨干教师", 5)
    _plan(s, "青年教师", 4)
    # Credits (no grades): 陈组长 76 学时 × 0.125 = 9.5, 马三 5.0, 刘一 4.25 → 4.3, 黄二 0.0.
    assert training.credits_against_target("2026-2027") == [
        training.CreditTarget(training.Tier.YOUNG, 2, Decimal(4), Decimal("2.15"), 1),
        training.CreditTarget(training.Tier.BACKBONE, 2, Decimal(5), Decimal("7.25"), 2),
    ]
