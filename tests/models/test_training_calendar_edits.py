"""Correcting the 校历 and a series after sessions were generated (T2), on both backends: a
closure added later re-places the sessions on its days as the generator would and reports
those with records; a closure removed brings its occurrences back; terms and series are
corrected or deleted unless that would strand or touch a session with records."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import audit, training
from models.errors import RuleViolation
from tests.models.training_school import make_school

DAY = datetime(2026, 9, 7, 14, 0)  # the first Monday session


@pytest.fixture
def school(database):
    return make_school()


def generated(s):
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    return training.SessionSeries.get_by_id(series.id)


def on(planned: date) -> training.TrainingSession:
    return training.TrainingSession.get(training.TrainingSession.planned_date == planned)


def held(s) -> training.TrainingSession:
    """The first session, its register opened: a session with records."""
    first = training.set_topic(s.tangmin, on(date(2026, 9, 7)), "阅读教学", s.teachers[1])
    training.open_register(s.tangmin, first, at=DAY)
    return training.TrainingSession.get_by_id(first.id)


def test_T2_a_closure_added_after_generation_moves_or_skips_sessions_and_reports_the_held(school):
    s = school
    generated(s)
    first = held(s)
    # 10-05 (国庆) was moved to Thursday 10-08; a closure on 10-08 moves it on to Friday.
    report = training.add_closure(
        s.tangmin, s.term1, date(2026, 10, 8), date(2026, 10, 8), "运动会"
    )
    assert [x.planned_date for x in report.moved] == [date(2026, 10, 5)]
    assert on(date(2026, 10, 5)).date == date(2026, 10, 9)
    assert "顺延至10月9日" in on(date(2026, 10, 5)).schedule_note
    # A closure on a planned day skips the occurrence, with its reason.
    report = training.add_closure(
        s.tangmin, s.term1, date(2026, 11, 16), date(2026, 11, 20), "期中考试"
    )
    assert [x.planned_date for x in report.skipped] == [date(2026, 11, 16)]
    assert on(date(2026, 11, 16)).state == "skipped"
    assert "期中考试" in on(date(2026, 11, 16)).schedule_note
    # A session with its register opened is not moved: it is reported as kept.
    report = training.add_closure(s.tangmin, s.term1, date(2026, 9, 7), date(2026, 9, 7), "停电")
    assert [x.id for x in report.kept] == [first.id] and not report.changed
    assert on(date(2026, 9, 7)).date == date(2026, 9, 7)
    assert on(date(2026, 9, 7)).state == "planned"
    actions = [a.action for a in audit.history("training_session", on(date(2026, 10, 5)).id)]
    assert "reschedule" in actions


def test_T2_removing_a_closure_brings_back_the_occurrences_it_skipped(school):
    s = school
    training.add_closure(s.tangmin, s.term1, date(2026, 11, 16), date(2026, 11, 20), "期中考试")
    generated(s)
    assert on(date(2026, 11, 16)).state == "skipped"
    closure = training.TermClosure.get()
    report = training.remove_closure(s.tangmin, closure)
    assert [x.planned_date for x in report.restored] == [date(2026, 11, 16)]
    assert on(date(2026, 11, 16)).state == "planned" and on(date(2026, 11, 16)).schedule_note == ""
    assert not training.TermClosure.select().exists()
    assert audit.history("term_closure", closure.id)[-1].action == "delete"
    with pytest.raises(RuleViolation) as err:
        training.remove_closure(s.tangmin, closure)
    assert err.value.rule == "T2"
    # A session shifted off a closed day comes back to where the holiday alone puts it.
    training.add_closure(s.tangmin, s.term1, date(2026, 10, 8), date(2026, 10, 8), "运动会")
    assert on(date(2026, 10, 5)).date == date(2026, 10, 9)
    report = training.remove_closure(s.tangmin, training.TermClosure.get())
    assert [x.planned_date for x in report.moved] == [date(2026, 10, 5)]
    assert on(date(2026, 10, 5)).date == date(2026, 10, 8)


def test_T2_a_terms_dates_are_corrected_unless_sessions_would_be_outside_or_have_records(school):
    s = school
    term = training.update_term(s.tangmin, s.term1, date(2026, 9, 1), date(2027, 1, 15))
    assert term.ends == date(2027, 1, 15)
    with pytest.raises(RuleViolation) as err:  # overlaps the second term
        training.update_term(s.tangmin, s.term1, date(2026, 9, 1), date(2027, 3, 1))
    assert err.value.rule == "T2"
    generated(s)
    with pytest.raises(RuleViolation) as err:  # the 1-11 session would be outside
        training.update_term(s.tangmin, s.term1, date(2026, 9, 1), date(2027, 1, 8))
    assert err.value.rule == "T2" and "2027-01-11" in str(err.value)
    training.add_closure(s.tangmin, s.term1, date(2027, 1, 13), date(2027, 1, 15), "期末考试")
    with pytest.raises(RuleViolation) as err:  # the closure would be outside
        training.update_term(s.tangmin, s.term1, date(2026, 9, 1), date(2027, 1, 12))
    assert "停课时段" in str(err.value)
    training.update_term(s.tangmin, s.term1, date(2026, 9, 1), date(2027, 1, 22))
    held(s)
    with pytest.raises(RuleViolation) as err:
        training.update_term(s.tangmin, s.term1, date(2026, 8, 31), date(2027, 1, 22))
    assert err.value.rule == "T2" and "考勤" in str(err.value)
    with pytest.raises(RuleViolation) as err:
        training.update_term(s.leader_user, s.term1, date(2026, 9, 1), date(2027, 1, 22))
    assert err.value.rule == "X1"
    assert [a.action for a in audit.history("term", s.term1.id)][-1] == "update"


def test_T2_deleting_a_term_removes_its_unheld_sessions_and_is_refused_once_one_has_records(school):
    s = school
    generated(s)
    training.add_closure(s.tangmin, s.term2, date(2027, 6, 28), date(2027, 7, 2), "期末考试")
    made = training.sessions_of(term=s.term2).count()
    assert training.delete_term(s.tangmin, s.term2) == made > 0
    assert training.Term.get_or_none(training.Term.id == s.term2.id) is None
    assert not training.TermClosure.select().exists()
    assert audit.history("term", s.term2.id)[-1].action == "delete"
    held(s)
    with pytest.raises(RuleViolation) as err:
        training.delete_term(s.tangmin, s.term1)
    assert err.value.rule == "T2" and "不能删除" in str(err.value)
    assert training.sessions_of(term=s.term1).count() == 10


def test_T2_a_series_is_corrected_and_its_sessions_follow(school):
    s = school
    series = generated(s)
    report = training.update_series(
        s.tangmin, series, date(2026, 9, 9), "pm", place="三楼会议室"
    )  # Mondays become Wednesdays
    rows = list(training.sessions_of(s.group))
    assert all(x.planned_date.weekday() == 2 for x in rows)
    assert all(x.place == "三楼会议室" for x in rows)
    # 10-07 is still 国庆: shifted to Thursday 10-08 as the generator would.
    assert on(date(2026, 10, 7)).date == date(2026, 10, 8)
    assert report.moved and report.generated is not None
    assert len(rows) == len({x.occurrence_no for x in rows})
    assert audit.history("session_series", series.id)[-1].action == "update"
    series = training.SessionSeries.get_by_id(series.id)
    first = training.set_topic(s.tangmin, on(date(2026, 9, 9)), "阅读教学", s.teachers[1])
    training.open_register(s.tangmin, first, at=datetime(2026, 9, 9, 14, 0))
    with pytest.raises(RuleViolation) as err:  # renumbering would move a held session
        training.update_series(s.tangmin, series, date(2026, 9, 16), "pm")
    assert err.value.rule == "T2"
    # The place may still change: the held session keeps its own.
    training.update_series(s.tangmin, series, date(2026, 9, 9), "pm", place="图书馆")
    assert training.TrainingSession.get_by_id(first.id).place == "三楼会议室"
    assert on(date(2026, 9, 23)).place == "图书馆"


def test_T2_deleting_a_series_is_refused_once_a_session_has_records(school):
    s = school
    series = generated(s)
    held(s)
    with pytest.raises(RuleViolation) as err:
        training.delete_series(s.tangmin, series)
    assert err.value.rule == "T2"
    other = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 8), "am")
    made = len(training.generate_sessions(s.tangmin, other).created)
    assert training.delete_series(s.tangmin, other) == made
    assert training.SessionSeries.get_or_none(training.SessionSeries.id == other.id) is None
