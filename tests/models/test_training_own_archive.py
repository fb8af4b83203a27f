"""A teacher's own 培训档案 (T6) on both backends: he reads his own school year (his growth
records, his tier's 应得学分), and is refused another teacher's with the rule named; 培训办,
the main leaders and his group's leader read it; a leader of another group does not."""

from __future__ import annotations

from datetime import date

import pytest

from models import people, training
from models.errors import RuleViolation
from models.people import Role
from tests.models.training_school import IDS, make_school
from tests.office import PASSWORD

YEAR = "2026-2027"


def with_own_teacher(s):
    """``s`` with 周五 (an ordinary teacher of 语文组, his login linked) in the young tier
    whose approved plan asks 12 credits, his growth record filed by 培训办, and 吴六 in no
    group."""
    s.zhou_user = people.add_user(s.o.admin, "zhouwu", "周五", PASSWORD, s.o.office, [Role.CLERK])
    s.zhou = training.add_teacher(
        s.tangmin, staff_no="0005", name="周五", id_number=IDS[4], user=s.zhou_user
    )
    training.move_to_group(s.tangmin, s.zhou, s.group, date(2026, 8, 1))
    s.wu = training.add_teacher(s.tangmin, staff_no="0006", name="吴六", id_number=IDS[5])
    training.assign_tier(s.tangmin, s.zhou, training.Tier.YOUNG, YEAR)
    plan = training.create_tier_plan(
        s.tangmin,
        training.Tier.YOUNG,
        YEAR,
        goals="站稳讲台",
        plan="每月一节汇报课",
        required_hours=48,
        required_credits=12,
    )
    training.approve_tier_plan(s.o.leader, training.submit_tier_plan(s.tangmin, plan))
    training.add_growth_record(s.tangmin, s.zhou, "心得", "新教师成长心得", date(2026, 10, 9))
    return s


@pytest.fixture
def school(database):
    return with_own_teacher(make_school())


def test_T6_a_teacher_reads_his_own_archive_with_his_tiers_target(school):
    s = school
    mine = training.archive_of(s.zhou_user, s.zhou, YEAR)
    assert mine.teacher.id == s.zhou.id and mine.tier == "青年教师"
    assert [g.title for g in mine.growth] == ["新教师成长心得"]
    assert mine.target == 12
    assert training.may_read_archive(s.zhou_user, s.zhou)
    # the group's leader, 培训办 and a main leader read it too
    for reader in (s.leader_user, s.tangmin, s.o.leader):
        assert training.archive_of(reader, s.zhou, YEAR).growth == mine.growth
    # a teacher without a tier has no target
    assert training.archive_of(s.tangmin, s.wu, YEAR).target is None


def test_T6_a_teacher_is_refused_another_teachers_archive(school):
    s = school
    for other in (s.teachers[1], s.leader, s.wu):
        with pytest.raises(RuleViolation) as err:
            training.archive_of(s.zhou_user, other, YEAR)
        assert err.value.rule == "X1"
        assert err.value.zh.startswith("[X1] 只能查看本人的培训档案")
        assert other.name in err.value.zh
        assert "reads only his own training record" in err.value.en
        assert not training.may_read_archive(s.zhou_user, other)
    # a group's leader reads his members', not a teacher outside his group
    with pytest.raises(RuleViolation):
        training.archive_of(s.leader_user, s.wu, YEAR)
    # an office clerk linked to no teacher reads nobody's
    with pytest.raises(RuleViolation):
        training.archive_of(s.o.clerk, s.zhou, YEAR)
