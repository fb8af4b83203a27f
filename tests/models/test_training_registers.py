"""考勤登记表 (T3) on both backends: the roster taken at open, one mark per teacher, 请假
only with an approved leave, 有故缺席 by 教研处, truancy derived at close, corrections with
a reason."""

from __future__ import annotations

from datetime import date, datetime

import peewee
import pytest

from models import attachments, training
from models.db import db
from models.errors import RuleViolation
from models.training import Mark
from tests.models.training_school import make_school

DAY = datetime(2026, 9, 7, 14, 0)  # the first Monday session
AFTER = datetime(2026, 9, 7, 18, 0)


@pytest.fixture
def school(database):
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    first = training.sessions_of(s.group).first()
    s.session = training.set_topic(s.tangmin, first, "新课标下的阅读教学", s.teachers[1])
    return s


def opened(s):
    training.open_register(s.tangmin, s.session, at=DAY)
    return training.TrainingSession.get_by_id(s.session.id)


def status(s, teacher) -> tuple[str, int | None, bool]:
    m = training.AttendanceMark.get(session=s.session.id, teacher=teacher.id)
    return m.status, m.minutes, m.derived


def test_T3_roster_is_taken_when_the_register_opens_one_mark_per_teacher(school):
    s = school
    session = opened(s)
    other = training.add_group(s.tangmin, "数学组")
    # A move after the day does not change the roster; a teacher not on it cannot be marked.
    training.move_to_group(s.tangmin, s.teachers[3], other, date(2026, 9, 8))
    newcomer = training.add_teacher(
        s.tangmin, staff_no="0099", name="新人", id_number="110105198506060027"
    )
    training.move_to_group(s.tangmin, newcomer, s.group, date(2026, 9, 7))
    assert len(training.roster_of(session)) == 4
    with pytest.raises(RuleViolation) as err:
        training.mark(s.tangmin, session, newcomer, "出勤", at=AFTER)
    assert err.value.rule == "T3" and "不在本次活动的名单上" in err.value.zh
    training.mark(s.tangmin, session, s.teachers[1], "出勤", at=AFTER)
    training.mark(s.tangmin, session, s.teachers[1], "迟到", 10, at=AFTER)
    assert status(s, s.teachers[1]) == ("late", 10, False)
    with pytest.raises(peewee.IntegrityError), db.atomic():  # two desktops, one row
        training.AttendanceMark.create(session=session.id, teacher=s.teachers[1].id)
    assert training.AttendanceMark.select().count() == 4


def test_T3_the_group_leader_keeps_his_groups_register_and_nobody_else(school):
    s = school
    session = opened(s)
    training.mark(s.leader_user, session, s.teachers[2], "出勤", at=AFTER)  # 陈组长's login
    for outsider in (s.o.clerk, s.o.leader):
        with pytest.raises(RuleViolation) as err:
            training.mark(outsider, session, s.teachers[2], "缺席", at=AFTER)
        assert err.value.rule == "X1"
    assert status(s, s.teachers[2])[0] == "present"


def test_T3_leave_only_with_an_approved_leave(school):
    s = school
    session = opened(s)
    t = s.teachers[2]
    with pytest.raises(RuleViolation) as err:
        training.mark(s.tangmin, session, t, "请假", at=AFTER)
    assert err.value.rule == "T3" and "没有已批准的请假" in err.value.zh
    with pytest.raises(RuleViolation) as err:  # only he himself or 培训办 asks
        training.request_leave(s.leader_user, t, date(2026, 9, 7), date(2026, 9, 7), "病假", "发烧")
    assert err.value.rule == "X1"
    leave = training.request_leave(
        s.tangmin, t, date(2026, 9, 7), date(2026, 9, 7), "病假", "发烧", at=DAY
    )
    with pytest.raises(RuleViolation):  # a pending leave is no leave
        training.mark(s.tangmin, session, t, "请假", at=AFTER)
    with pytest.raises(RuleViolation) as err:  # nobody approves his own request
        training.approve_leave(s.tangmin, leave, at=DAY)
    assert err.value.rule == "X1"
    training.approve_leave(s.trainer2, leave, at=DAY)
    training.mark(s.tangmin, session, t, "请假", at=AFTER)
    m = training.AttendanceMark.get(session=session.id, teacher=t.id)
    assert (m.status, m.leave_id) == ("leave", leave.id)
    # The teacher himself, through his linked login, asks for his own leave.
    own = training.request_leave(
        s.leader_user, s.leader, date(2026, 9, 21), date(2026, 9, 21), "公差", "外出听课", at=DAY
    )
    assert own.state == training.LeaveState.PENDING
    # A leave approved before the register opens is marked at once.
    ahead = training.request_leave(
        s.tangmin, t, date(2026, 9, 21), date(2026, 9, 21), "事假", "搬家", at=DAY
    )
    training.approve_leave(s.trainer2, ahead, at=DAY)
    second = training.set_topic(
        s.tangmin, list(training.sessions_of(s.group))[1], "单元整体教学", s.teachers[1]
    )
    roster = training.open_register(s.tangmin, second, at=datetime(2026, 9, 21, 14, 0))
    assert {m.teacher_id: (m.status, m.leave_id) for m in roster}[t.id] == ("leave", ahead.id)


def test_T3_unexcused_absence_becomes_truancy_at_close(school):
    s = school
    session = opened(s)
    leader, liu, huang, ma = s.teachers
    with pytest.raises(RuleViolation) as err:  # 迟到 needs its minutes
        training.mark(s.tangmin, session, liu, "迟到", at=AFTER)
    assert err.value.rule == "T3"
    for typed in ("旷课", "有故缺席"):  # never typed
        with pytest.raises(RuleViolation) as err:
            training.mark(s.tangmin, session, huang, typed, at=AFTER)
        assert err.value.rule == "T3"
    training.mark_many(
        s.tangmin,
        session,
        [
            training.MarkInput(leader, "出勤"),
            training.MarkInput(liu, "迟到", 10),
            training.MarkInput(huang, "缺席"),
        ],
        at=AFTER,
    )
    with pytest.raises(RuleViolation) as err:  # 马三 is not marked yet
        training.close_register(s.tangmin, session, at=AFTER)
    assert err.value.rule == "T3" and "马三" in err.value.zh
    training.mark(s.tangmin, session, ma, "早退", 15, at=AFTER)
    truant = training.close_register(s.tangmin, session, at=AFTER)
    assert [m.teacher_id for m in truant] == [huang.id]
    assert status(s, huang) == ("truant", None, True)
    assert status(s, liu) == ("late", 10, False) and status(s, ma) == ("early", 15, False)
    with pytest.raises(RuleViolation) as err:  # closed: only a correction
        training.mark(s.tangmin, session, liu, "出勤", at=AFTER)
    assert err.value.rule == "T3" and "更正" in err.value.zh


def test_T3_excused_absence_by_the_research_office_with_reason_and_file(school):
    s = school
    session = opened(s)
    leader, liu, huang, ma = s.teachers
    training.mark(s.tangmin, session, liu, "缺席", at=AFTER)
    m = training.AttendanceMark.get(session=session.id, teacher=liu.id)
    with pytest.raises(RuleViolation) as err:  # the group leader does not excuse
        training.excuse_absence(s.leader_user, m, "送医", at=AFTER)
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:
        training.excuse_absence(s.tangmin, m, " ", at=AFTER)
    assert err.value.rule == "T3"
    m = training.excuse_absence(
        s.tangmin, m, "学生突发疾病送医", file=("情况说明.txt", b"note"), at=AFTER
    )
    assert (m.status, m.excuse_reason, m.excused_by) == ("excused", "学生突发疾病送医", "唐敏")
    assert [a.file_name for a in attachments.attachments_of(m)] == ["情况说明.txt"]
    with pytest.raises(RuleViolation) as err:  # a note added later: 教研处's too (X1)
        attachments.attach(s.leader_user, m, "另一份说明.txt", b"note")
    assert err.value.rule == "X1"
    attachments.attach(s.tangmin, m, "医院证明.pdf", b"%PDF")
    assert len(attachments.attachments_of(m)) == 2
    # After close: a truancy may be excused within 3 working days, then only corrected.
    training.mark_many(
        s.tangmin,
        session,
        [training.MarkInput(t, "缺席") for t in (leader, huang, ma)],
        at=AFTER,
    )
    training.close_register(s.tangmin, session, at=AFTER)
    huang_mark = training.AttendanceMark.get(session=session.id, teacher=huang.id)
    training.excuse_absence(s.tangmin, huang_mark, "公派监考", at=datetime(2026, 9, 10, 9, 0))
    ma_mark = training.AttendanceMark.get(session=session.id, teacher=ma.id)
    with pytest.raises(RuleViolation) as err:
        training.excuse_absence(s.tangmin, ma_mark, "补交假条", at=datetime(2026, 9, 11, 9, 0))
    assert err.value.rule == "T3" and "2026-09-10" in err.value.zh
    # Past the grace period 教研处 excuses by a correction, with its reason kept.
    ma_mark = training.correct_mark(
        s.tangmin, ma_mark, "有故缺席", "假条逾期补交，经核实", at=datetime(2026, 9, 11, 9, 0)
    )
    assert (ma_mark.status, ma_mark.excuse_reason) == ("excused", "假条逾期补交，经核实")


def test_T3_closed_register_changes_only_by_a_correction_with_reason(school):
    s = school
    session = opened(s)
    leader, liu, huang, ma = s.teachers
    training.mark_many(
        s.tangmin,
        session,
        [training.MarkInput(t, "出勤") for t in (leader, liu, ma)]
        + [training.MarkInput(huang, "缺席")],
        at=AFTER,
    )
    m = training.AttendanceMark.get(session=session.id, teacher=huang.id)
    with pytest.raises(RuleViolation) as err:  # open: mark it, no correction
        training.correct_mark(s.tangmin, m, "出勤", "刷卡机故障")
    assert err.value.rule == "T3"
    training.close_register(s.tangmin, session, at=AFTER)
    m = training.AttendanceMark.get_by_id(m.id)
    with pytest.raises(RuleViolation) as err:
        training.correct_mark(s.tangmin, m, "出勤", "")
    assert err.value.rule == "X2"
    with pytest.raises(RuleViolation) as err:  # 培训办 only
        training.correct_mark(s.leader_user, m, "出勤", "签到表漏签")
    assert err.value.rule == "X1"
    m = training.correct_mark(s.tangmin, m, Mark.LATE, "签到表漏签，实际迟到", 20, at=AFTER)
    assert (m.status, m.minutes, m.derived) == ("late", 20, False)
    fix = training.MarkCorrection.get(mark=m.id)
    assert (fix.old_status, fix.new_status, fix.reason) == (
        "truant",
        "late",
        "签到表漏签，实际迟到",
    )
    with pytest.raises(peewee.DatabaseError), db.atomic():
        training.MarkCorrection.update(reason="改").execute()
    # An absence entered by correction is a truancy: the register is closed.
    m = training.correct_mark(s.tangmin, m, "缺席", "复核监控，未到场", at=AFTER)
    assert m.status == "truant"


def test_T3_a_batch_of_marks_names_every_bad_entry_and_writes_none(school):
    from models.errors import RowsRefused

    s = school
    session = opened(s)
    outsider = training.add_teacher(
        s.tangmin, staff_no="0200", name="外校", id_number="110105199504040019"
    )
    entries = [
        training.MarkInput(s.teachers[0], "出勤"),
        training.MarkInput(outsider, "出勤"),  # not on the roster
        training.MarkInput(s.teachers[2], "请假"),  # no approved leave
        training.MarkInput(s.teachers[3], "迟到"),  # no minutes
    ]
    with pytest.raises(RowsRefused) as err:
        training.mark_many(s.tangmin, session, entries, at=DAY)
    assert [(i, p.rule) for i, p in err.value.problems] == [(1, "T3"), (2, "T3"), (3, "T3")]
    assert "不在本次活动的名单上" in err.value.problems[0][1].zh
    assert {m.status for m in training.roster_of(s.session)} == {"pending"}


def test_T3_a_returned_leave_is_corrected_and_resubmitted_then_counts(school):
    from models import documents, workflow

    s = school
    session = opened(s)
    t = s.teachers[2]
    leave = training.request_leave(
        s.tangmin, t, date(2026, 9, 8), date(2026, 9, 8), "病假", "发烧", at=DAY
    )
    first = leave.instance().id
    leave = documents.return_to_applicant(s.trainer2, leave, "日期有误，请核对")
    assert leave.state == training.LeaveState.RETURNED
    with pytest.raises(RuleViolation):  # a returned leave is no leave
        training.mark(s.tangmin, session, t, "请假", at=AFTER)
    with pytest.raises(RuleViolation) as err:  # only its applicant sends it again
        training.resubmit_leave(s.trainer2, leave, from_date=date(2026, 9, 7), at=DAY)
    assert err.value.rule == "T3" and "申请人本人" in err.value.zh
    with pytest.raises(RuleViolation) as err:  # the first request's checks hold again
        training.resubmit_leave(s.tangmin, leave, from_date=date(2026, 9, 9), at=DAY)
    assert err.value.rule == "T3" and "早于" in err.value.zh
    again = training.resubmit_leave(
        s.tangmin, leave, from_date=date(2026, 9, 7), to_date=date(2026, 9, 7), at=DAY
    )
    assert (again.state, again.from_date) == (training.LeaveState.PENDING, date(2026, 9, 7))
    assert again.instance().id == first and again.instance().state == workflow.State.PENDING
    with pytest.raises(RuleViolation):  # pending again: not resubmitted twice
        training.resubmit_leave(s.tangmin, again, at=DAY)
    training.approve_leave(s.trainer2, again, at=DAY)
    assert training.mark(s.tangmin, session, t, "请假", at=AFTER).status == "leave"
