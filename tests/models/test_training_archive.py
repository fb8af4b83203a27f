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
    with pytest.raises(RuleViolation) as err:  # nor by the files panel's door
        attachments.attach(s.o.clerk, session, "照片-a.jpg", b"jpg")
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


def test_T6_X1_a_file_reaches_a_growth_record_only_by_whoever_files_the_record(school):
    """The files panel attaches through ``attachments.attach`` itself: behind it, a growth
    record takes files from the teacher himself or 培训办, a mark's note from 教研处, and
    nobody else (X1), whatever door he comes by."""
    s = school
    liu = s.teachers[1]
    essay = training.add_growth_record(s.tangmin, liu, "论文", "整本书阅读", date(2026, 11, 3))
    before = attachments.count_of(essay)
    for stranger in (s.leader_user, s.o.clerk):  # another teacher, an office clerk
        with pytest.raises(RuleViolation) as err:
            attachments.attach(stranger, essay, "改过的论文.docx", b"docx")
        assert err.value.rule == "X1" and "本人或培训办" in err.value.zh
        with pytest.raises(RuleViolation):  # by its key, the same
            attachments.attach(stranger, attachments.Owner.of(essay), "x.docx", b"docx")
    assert attachments.count_of(essay) == before
    attachments.attach(s.tangmin, essay, "论文终稿.docx", b"docx")  # 培训办
    own = training.add_growth_record(s.leader_user, s.leader, "心得", "读书", date(2026, 11, 4))
    attachments.attach(s.leader_user, own, "心得.docx", b"docx")  # the teacher himself
    assert attachments.count_of(essay) == before + 1 and attachments.count_of(own) == 1
