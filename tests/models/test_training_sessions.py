"""Biweekly half-day sessions generated inside the terms on the office calendar (T2), on
both backends: 国庆 moves or skips an occurrence, the winter vacation has none, an exam week
is skipped with its reason, and generation is idempotent, also from two desktops at once."""

from __future__ import annotations

import threading
from datetime import date, datetime, time
from decimal import Decimal

import peewee
import pytest

from models import training
from models.db import db
from models.errors import RuleViolation
from tests.models.training_school import make_school


@pytest.fixture
def school(database):
    return make_school()


def monday_series(s):
    return training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")


def dates(series) -> list[tuple[int, date, date, str]]:
    return [
        (x.occurrence_no, x.planned_date, x.date, x.state)
        for x in training.TrainingSession.select()
        .where(training.TrainingSession.series == series.id)
        .order_by(training.TrainingSession.occurrence_no)
    ]


def test_T2_biweekly_sessions_inside_the_terms_across_national_day_and_winter_vacation(school):
    s = school
    training.add_closure(s.tangmin, s.term1, date(2027, 1, 11), date(2027, 1, 15), "期末考试周")
    series = monday_series(s)
    result = training.generate_sessions(s.tangmin, series)
    rows = dates(series)
    numbers = [n for n, *_ in rows]
    # Every second Monday of both terms: occurrences 0–9 in the first, 12–21 in the second;
    # 10 and 11 fall in the winter vacation and have no row.
    assert numbers == [*range(10), *range(12, 22)]
    assert rows[0][1] == date(2026, 9, 7) and rows[-1][1] == date(2027, 6, 28)
    assert all(x.term_id == s.term1.id for x in result.created[:10])
    assert all(x.term_id == s.term2.id for x in result.created[10:])
    # 10-05 is 国庆节; Tuesday and Wednesday too: moved to Thursday 10-08, and recorded.
    assert rows[2] == (2, date(2026, 10, 5), date(2026, 10, 8), "planned")
    moved = result.moved[0]
    assert moved.schedule_note == "2026-10-05 为国庆节，顺延至10月8日（周四）"
    # The exam week: kept as a skipped occurrence, with the closure's reason.
    assert rows[9] == (9, date(2027, 1, 11), date(2027, 1, 11), "skipped")
    assert "期末考试周" in result.skipped[0].schedule_note
    # A half day 14:00–17:30 is 210 minutes: 4 whole 学时 of 45 minutes.
    assert moved.hours == Decimal("4.0") and moved.start_time == time(14, 0)


def test_T2_holiday_with_no_working_day_left_in_its_week_is_skipped(school):
    s = school
    thursday = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 3), "am")
    training.generate_sessions(s.tangmin, thursday)
    rows = dates(thursday)
    assert rows[2] == (2, date(2026, 10, 1), date(2026, 10, 1), "skipped")
    note = training.TrainingSession.get(occurrence_no=2, series=thursday.id).schedule_note
    assert note == "2026-10-01 为国庆节，本周无其他工作日，本次跳过"
    skip = training.define_series(
        s.tangmin, s.group, "2026-2027", date(2026, 9, 7), holiday_policy="skip"
    )
    training.generate_sessions(s.tangmin, skip)
    assert dates(skip)[2] == (2, date(2026, 10, 5), date(2026, 10, 5), "skipped")


def test_T2_series_is_biweekly_half_day_inside_a_term(school):
    s = school
    with pytest.raises(RuleViolation) as err:
        training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), interval_weeks=1)
    assert err.value.rule == "T2" and "每 2 周" in err.value.zh
    with pytest.raises(RuleViolation) as err:  # the summer vacation
        training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 8, 17))
    assert err.value.rule == "T2"
    with pytest.raises(RuleViolation) as err:  # a whole day is no half day
        training.define_series(
            s.tangmin,
            s.group,
            "2026-2027",
            date(2026, 9, 7),
            start_time=time(8, 0),
            end_time=time(17, 0),
        )
    assert err.value.rule == "T2"
    with pytest.raises(RuleViolation) as err:  # terms do not overlap
        training.define_term(s.tangmin, "2027-2028", 1, date(2027, 6, 1), date(2028, 1, 20))
    assert err.value.rule == "T2"


def test_T2_generation_idempotent_and_moved_session_not_recreated(school):
    s = school
    series = monday_series(s)
    first = training.generate_sessions(s.tangmin, series)
    again = training.generate_sessions(s.tangmin, series)
    assert (len(first.created), len(again.created), again.existing) == (20, 0, 20)
    assert len(dates(series)) == 20
    # The key is the occurrence number, not the date: a moved session is not made again.
    with pytest.raises(peewee.IntegrityError), db.atomic():
        training.TrainingSession.create(
            series=series.id,
            occurrence_no=2,
            group=s.group.id,
            term=s.term1.id,
            planned_date=date(2026, 10, 5),
            date=date(2026, 10, 5),
            start_time=time(14),
            end_time=time(17),
            hours=4,
        )


def test_T2_two_desktops_generating_at_once_make_no_duplicates(school, database):
    s = school
    series = monday_series(s)
    barrier = threading.Barrier(2)
    results: list[training.Generated] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            database.connect(reuse_if_open=True)
            barrier.wait(timeout=20)
            results.append(training.generate_sessions(s.tangmin, series))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(len(r.created) for r in results) == [0, 20]
    assert sum(r.existing for r in results) == 20
    assert len(dates(series)) == 20


def test_T2_register_opens_only_with_topic_and_speaker(school):
    s = school
    training.add_closure(s.tangmin, s.term1, date(2027, 1, 11), date(2027, 1, 15), "期末考试周")
    training.generate_sessions(s.tangmin, monday_series(s))
    session = training.sessions_of(s.group).first()
    at = datetime(2026, 9, 7, 14, 0)
    with pytest.raises(RuleViolation) as err:
        training.open_register(s.tangmin, session, at=at)
    assert err.value.rule == "T2" and "主题和主讲人" in err.value.zh
    session = training.set_topic(s.tangmin, session, "新课标下的阅读教学", s.teachers[1])
    with pytest.raises(RuleViolation) as err:  # not before the day
        training.open_register(s.tangmin, session, at=datetime(2026, 9, 6, 9, 0))
    assert err.value.rule == "T3"
    marks = training.open_register(s.tangmin, session, at=at)
    assert [m.teacher.name for m in marks] == ["陈组长", "刘一", "黄二", "马三"]
    skipped = training.TrainingSession.get(state="skipped")
    with pytest.raises(RuleViolation) as err:
        training.set_topic(s.tangmin, skipped, "x", s.teachers[1])
    assert err.value.rule == "T2"


def test_T2_a_topic_needs_words_and_an_active_speaker(school):
    s = school
    training.generate_sessions(s.tangmin, monday_series(s))
    session = training.sessions_of(s.group).first()
    for topic, speaker, field in (("  ", s.teachers[1], "topic"), ("作文教学", None, "speaker")):
        with pytest.raises(RuleViolation) as err:
            training.set_topic(s.tangmin, session, topic, speaker)
        assert err.value.rule == "T2" and err.value.field == field
    retired = training.update_teacher(s.tangmin, s.teachers[3], "退休", status="retired")
    with pytest.raises(RuleViolation) as err:
        training.set_topic(s.tangmin, session, "作文教学", retired)
    assert err.value.rule == "T2" and "不是在职教师" in err.value.zh
    with pytest.raises(RuleViolation) as err:  # only 培训办 sets it (X1)
        training.set_topic(s.leader_user, session, "作文教学", s.teachers[1])
    assert err.value.rule == "X1"
    assert training.TrainingSession.get_by_id(session.id).topic == ""
