"""资料建档 (T6) on both backends: session materials and growth records are files attached to
the records, voided with a reason and never deleted; a teacher's archive by school year."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import attachments, training
from models.errors import RuleViolation
from tests.models.training_school import make_school

DAY = datetime(2026, 9, 7, 17, 30)


@pytest.fixture
def school(database):
    return make_school()


def test_T6_files_attached_to_sessions_and_teachers_are_voided_never_deleted(school):
    s = school
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    session = training.set_topic(
        s.tangmin, training.sessions_of(s.group).first(), "群文阅读", s.teachers[1]
    )
    scan = training.add_session_material(
        s.leader_user, session, "签到表扫描", ("0907.pdf", b"%PDF")
    )
    assert scan.file_name == "签到表扫描-0907.pdf"
    with pytest.raises(RuleViolation) as err:  # another group's stranger
        training.add_session_material(s.o.clerk, session, "照片", ("a.jpg", b"jpg"))
    assert err.value.rule == "X1"
    liu = s.teachers[1]
    essay = training.add_growth_record(
        s.tangmin,
        liu,
        "论文",
        "整本书阅读的课堂组织",
        date(2026, 11, 3),
        level="县级",
        file=("论文.docx", b"docx"),
    )
    assert essay.school_year == "2026-2027"
    with pytest.raises(RuleViolation) as err:  # only he himself or 培训办
        training.add_growth_record(s.leader_user, liu, "心得", "x", date(2026, 11, 3))
    assert err.value.rule == "X1"
    own = training.add_growth_record(
        s.leader_user, s.leader, "公开课", "《背影》", date(2027, 3, 2)
    )
    with pytest.raises(RuleViolation) as err:
        training.add_growth_record(s.tangmin, liu, "奖状", "x", date(2026, 11, 3))
    assert err.value.rule == "T6"
    year = training.teacher_year(liu, "2026-2027")
    assert [g.title for g in year.growth] == ["整本书阅读的课堂组织"]
    assert [a.file_name for a in attachments.attachments_of(year.growth[0])] == ["论文.docx"]
    training.void_growth_record(s.tangmin, essay, "重复录入")
    assert training.teacher_year(liu, "2026-2027").growth == []
    assert training.GrowthRecord.get_by_id(essay.id).void_reason == "重复录入"
    assert [g.id for g in training.teacher_year(s.leader, "2026-2027").growth] == [own.id]
