"""Teachers as master data, group and tier history (T1, T2, X3), and the tier plans on the
approval engine (T1), on both backends."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import peewee
import pytest

from models import audit, training
from models.db import db
from models.errors import Conflict, RuleViolation
from models.text import check_id_number
from tests.models.training_school import IDS, T0, make_school


@pytest.fixture
def school(database):
    return make_school()


def test_X3_id_number_check_digit_and_excel_number_refused():
    assert check_id_number(" 11010519491231002x ") == "11010519491231002X"
    assert check_id_number("１１０１０５１９８００１０１００１６") == "110105198001010016"
    with pytest.raises(RuleViolation) as err:
        check_id_number("110105198001010017")
    assert err.value.rule == "X3" and "校验码不符" in err.value.zh and "应为 6" in err.value.zh
    # What Excel leaves of an ID number typed into a number cell: refused with the reason.
    for number in (110105198001010016, 1.10105198001010e17):
        with pytest.raises(RuleViolation) as err:
            check_id_number(number)
        assert err.value.rule == "X3" and "数字格式" in err.value.zh and "15 位" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        check_id_number("110105491231002")
    assert "15 位旧号码" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        check_id_number("110105198013010012")
    assert "出生日期" in err.value.zh


def test_T1_teacher_keeps_staff_number_zeros_and_refuses_numbers_and_duplicates(school):
    s = school
    t = training.Teacher.get_by_id(s.teachers[1].id)
    assert (t.staff_no, t.ce_no, t.id_number) == ("0002", "CE20260002", IDS[1])
    with pytest.raises(RuleViolation) as err:
        training.add_teacher(s.tangmin, staff_no=123, name="周五", id_number=IDS[4])
    assert err.value.rule == "X3" and "前导零" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        training.add_teacher(s.tangmin, staff_no="0002", name="周五", id_number=IDS[4])
    assert err.value.rule == "T1" and "工号 0002" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        training.add_teacher(s.tangmin, staff_no="0009", name="周五", id_number=IDS[1])
    assert "身份证号" in err.value.zh
    with pytest.raises(RuleViolation) as err:  # only 培训办 keeps the roll
        training.add_teacher(s.o.clerk, staff_no="0009", name="周五", id_number=IDS[4])
    assert err.value.rule == "X1"
    assert training.Teacher.select().count() == 4


def test_T1_teacher_change_needs_a_reason_is_audited_and_refuses_a_stale_copy(school):
    s = school
    t = s.teachers[2]
    with pytest.raises(RuleViolation) as err:
        training.update_teacher(s.tangmin, t, "", title="一级教师")
    assert err.value.rule == "X2"
    fresh = training.update_teacher(s.tangmin, t, "评上职称", title="一级教师", status="retired")
    assert (fresh.title, fresh.status) == ("一级教师", "retired")
    last = audit.history("teacher", t.id)[-1]
    assert last.note == "评上职称" and "一级教师" in last.changes
    with pytest.raises(Conflict):  # ``t`` is the copy read before the change
        training.update_teacher(s.tangmin, t, "再改", title="高级教师")


def test_T2_a_group_leader_is_one_of_the_teachers_its_history_holds(school):
    """The leader keeps his group's registers: a teacher never in the group, or moved out
    of it, is refused and nothing is audited; one moved in is named; no leader at all is
    allowed."""
    s = school
    other = training.add_group(s.tangmin, "数学组", subject="数学")
    outsider = s.teachers[2]
    with pytest.raises(RuleViolation) as err:
        training.set_group_leader(s.tangmin, other, outsider)
    assert err.value.rule == "T2" and "不在数学组" in err.value.zh
    assert training.TeachingGroup.get_by_id(other.id).leader_id is None
    training.move_to_group(s.tangmin, outsider, other, date(2026, 11, 1), "调入数学组")
    training.set_group_leader(s.tangmin, other, outsider)
    assert training.TeachingGroup.get_by_id(other.id).leader_id == outsider.id
    training.set_group_leader(s.tangmin, other, None)
    assert training.TeachingGroup.get_by_id(other.id).leader_id is None
    training.move_to_group(s.tangmin, outsider, s.group, date(2026, 12, 1), "调回语文组")
    with pytest.raises(RuleViolation):  # moved out since: not the group's any more
        training.set_group_leader(s.tangmin, other, outsider)
    changes = [e.action for e in audit.history("teaching_group", other.id)]
    assert changes.count("update") == 2  # the two namings; the refusals left nothing


def test_T2_a_founding_leader_joins_his_group_from_the_day_named(school):
    """``add_group(leader=...)`` makes the leader a member in the same transaction, so the
    leader is one of the members through this path too; a date before his latest step is
    refused and leaves no group behind."""
    s = school
    t = s.teachers[2]  # in 语文组 since 2026-08-01
    with pytest.raises(RuleViolation) as err:
        training.add_group(s.tangmin, "数学组", leader=t, leader_from=date(2026, 7, 1))
    assert err.value.rule == "T2"
    assert (
        not training.TeachingGroup.select().where(training.TeachingGroup.name == "数学组").exists()
    )
    maths = training.add_group(s.tangmin, "数学组", leader=t, leader_from=date(2026, 11, 1))
    assert maths.leader_id == t.id
    assert training.group_of(t, date(2026, 11, 1)).name == "数学组"
    assert t.id in {m.id for m in training.members_on(maths, date(2026, 11, 1))}
    assert training.group_of(t, date(2026, 10, 31)).name == "语文组"
    # The school of the other tests: its leader is a member from the day the group began.
    assert s.leader.id in {m.id for m in training.members_on(s.group, date(2026, 8, 1))}


def test_T2_group_history_is_appended_never_edited(school, database):
    s = school
    other = training.add_group(s.tangmin, "数学组", subject="数学")
    t = s.teachers[3]
    training.move_to_group(s.tangmin, t, other, date(2026, 11, 1), "调入数学组")
    assert training.group_of(t, date(2026, 10, 31)).name == "语文组"
    assert training.group_of(t, date(2026, 11, 1)).name == "数学组"
    assert [m.name for m in training.members_on(s.group, date(2026, 11, 2))] == [
        "陈组长",
        "刘一",
        "黄二",
    ]
    with pytest.raises(RuleViolation) as err:  # the past is not rewritten
        training.move_to_group(s.tangmin, t, s.group, date(2026, 10, 1))
    assert err.value.rule == "T2"
    # The database itself refuses to change or delete a membership, from any client.
    for statement in (
        training.GroupMembership.update(from_date=date(2026, 1, 1)),
        training.GroupMembership.delete(),
    ):
        with pytest.raises(peewee.DatabaseError), db.atomic():
            statement.execute()
    assert training.GroupMembership.select().count() == 5


def test_T1_one_tier_per_teacher_and_year_history_kept(school):
    s = school
    t = s.teachers[1]
    training.assign_tier(s.tangmin, t, "青年教师", "2026—2027学年", "入职三年内")
    with pytest.raises(RuleViolation) as err:
        training.assign_tier(s.tangmin, t, training.Tier.BACKBONE, "2026-2027")
    assert err.value.rule == "T1" and "已是青年教师" in err.value.zh
    training.assign_tier(s.tangmin, t, training.Tier.BACKBONE, "2027-2028", "评为骨干")
    assert training.tier_of(t, "2026-2027") == training.Tier.YOUNG
    assert training.tier_of(t, "2027-2028") == training.Tier.BACKBONE
    # The unique index holds even when the check is passed by (two desktops at once).
    with pytest.raises(peewee.IntegrityError), db.atomic():
        training.TierMembership.create(
            teacher=t.id, school_year="2026-2027", tier="master", assigned_by="x", assigned_at=T0
        )
    with pytest.raises(peewee.DatabaseError), db.atomic():
        training.TierMembership.update(tier="master").execute()
    with pytest.raises(RuleViolation) as err:
        training.assign_tier(s.tangmin, t, "特级教师", "2028-2029")
    assert err.value.rule == "T1"


def test_T1_tier_plan_needs_goals_and_the_principals_approval(school):
    s = school
    with pytest.raises(RuleViolation) as err:
        training.create_tier_plan(
            s.tangmin,
            "骨干教师",
            "2026-2027",
            goals="",
            plan="每月一次示范课",
            required_hours=72,
            required_credits="6",
        )
    assert err.value.rule == "T1"
    plan = training.create_tier_plan(
        s.tangmin,
        "骨干教师",
        "2026-2027",
        goals="成为学科带头人",
        plan="每学期上一节示范课，带一名青年教师",
        required_hours=72,
        required_credits="6",
        at=T0,
    )
    assert plan.required_credits == Decimal("6.0")
    with pytest.raises(RuleViolation) as err:  # one plan per tier and year
        training.create_tier_plan(
            s.tangmin,
            "骨干教师",
            "2026-2027",
            goals="x",
            plan="y",
            required_hours=1,
            required_credits=1,
        )
    assert err.value.rule == "T1"
    plan = training.submit_tier_plan(s.tangmin, plan, at=T0)
    assert plan.state == training.PlanState.PENDING
    with pytest.raises(RuleViolation):  # frozen while the leader decides
        training.update_tier_plan(
            s.tangmin, plan, goals="改", plan_text="改", required_hours=1, required_credits=1
        )
    with pytest.raises(RuleViolation) as err:  # only the main leader approves
        training.approve_tier_plan(s.trainer2, plan, at=T0)
    assert training.approved_plan("骨干教师", "2026-2027") is None
    plan = training.approve_tier_plan(s.o.leader, plan, "同意", at=T0)
    assert plan.state == training.PlanState.APPROVED and plan.approved_at is not None
    assert training.approved_plan(training.Tier.BACKBONE, "2026-2027").id == plan.id


def test_T1_teachers_enter_as_one_batch_every_bad_row_named_nothing_written(school):
    from models.errors import RowsRefused

    s = school
    rows = [
        {"staff_no": "0101", "name": "周五", "id_number": IDS[4], "subject": "数学"},
        {"staff_no": "0002", "name": "吴六", "id_number": IDS[5]},  # 刘一's 工号
        {"staff_no": 102, "name": "郑七", "id_number": IDS[5]},  # a number: zeros lost
        {"staff_no": "0103", "name": "王八", "id_number": IDS[4]},  # row 1's ID number
    ]
    with pytest.raises(RowsRefused) as err:
        training.add_teachers(s.tangmin, rows)
    assert [(i, p.rule, p.field) for i, p in err.value.problems] == [
        (1, "T1", "staff_no"),
        (2, "X3", "staff_no"),
        (3, "T1", "id_number"),
    ]
    assert training.Teacher.select().count() == 4
    ids = training.add_teachers(s.tangmin, [rows[0], {**rows[1], "staff_no": "00104"}])
    added = [training.Teacher.get_by_id(i) for i in ids]
    assert [(t.staff_no, t.name, t.subject) for t in added] == [
        ("0101", "周五", "数学"),
        ("00104", "吴六", ""),
    ]
    assert audit.history("teacher", ids[1])[0].action == "create"
    with pytest.raises(RuleViolation) as err:  # the actor first (X1)
        training.add_teachers(s.o.clerk, [])
    assert err.value.rule == "X1"


def test_T2_members_on_a_day_follow_each_teachers_latest_step_up_to_that_day(school, database):
    """Out and back, two steps on one day (the later recorded wins), leaving every group:
    the roster of a day is whoever his latest step on or before it puts in the group."""
    s = school
    other = training.add_group(s.tangmin, "数学组", subject="数学")
    moved, gone = s.teachers[1], s.teachers[2]

    def names(group: object, day: date) -> list[str]:
        return [t.name for t in training.members_on(group, day)]

    before = names(s.group, date(2026, 11, 2))
    assert moved.name in before and gone.name in before
    training.move_to_group(s.tangmin, moved, other, date(2026, 11, 10), "调入数学组")
    training.move_to_group(s.tangmin, moved, s.group, date(2026, 12, 1), "调回")
    training.move_to_group(s.tangmin, moved, other, date(2026, 12, 1), "当天又调入数学组")
    training.move_to_group(s.tangmin, gone, None, date(2026, 11, 20), "离组")
    assert names(s.group, date(2026, 11, 9)) == before
    assert names(other, date(2026, 11, 10)) == [moved.name]
    assert moved.name not in names(s.group, date(2026, 11, 10))
    assert gone.name not in names(s.group, date(2026, 11, 20))
    assert names(other, date(2026, 12, 1)) == [moved.name]  # the later step of the day
    assert moved.name not in names(s.group, training.LATEST)
    assert names(s.group, date(2000, 1, 1)) == []
