"""Corrections on the 学期与活动安排 tab (T2), on a real SQLite office: 修改学期… and
修改活动安排… refuse in their dialog what would strand or move a session with records;
a closure added after generation says which sessions it moved; 删除停课日, 删除活动安排
and 删除学期 ask first and show the model's refusal."""

from __future__ import annotations

from datetime import date, datetime

from desktop.training.calendar_setup import CalendarTab
from models import training
from models.training import SessionSeries, Term, TermClosure, TrainingSession
from tests.desktop.test_training_setup import YEAR, _fill, _shown, school  # noqa: F401

MONDAY = date(2026, 9, 7)


def _year(qtbot, school, *, held: bool = False) -> CalendarTab:  # noqa: F811
    """Two terms and a Monday series generated; ``held``: its first register opened."""
    o = school
    training.define_term(o.tangmin, YEAR, 1, date(2026, 9, 1), date(2027, 1, 22))
    training.define_term(o.tangmin, YEAR, 2, date(2027, 2, 22), date(2027, 7, 2))
    series = training.define_series(o.tangmin, o.group, YEAR, MONDAY, "pm")
    training.generate_sessions(o.tangmin, series)
    if held:
        first = TrainingSession.get(TrainingSession.planned_date == MONDAY)
        speaker = training.members_on(o.group, MONDAY)[0]
        first = training.set_topic(o.tangmin, first, "函数的概念", speaker)
        training.open_register(o.tangmin, first, at=datetime(2026, 9, 7, 14, 0))
    tab = CalendarTab(o.tangmin)
    qtbot.addWidget(tab)
    tab.load_years(YEAR)
    return tab


def _session(planned: date) -> TrainingSession:
    return TrainingSession.get(TrainingSession.planned_date == planned)


def test_T2_the_office_corrects_a_terms_dates_and_a_stranded_session_is_refused_in_the_dialog(
    qtbot,
    school,  # noqa: F811
    boxes,
):
    tab = _year(qtbot, school)
    assert tab.edit_term_button.isVisibleTo(tab) and tab.edit_term_button.isEnabled()
    dialog = tab.edit_term_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, ends=date(2027, 1, 8))  # the 01-11 session would be outside
    assert not dialog.try_submit()
    assert "[T2]" in _shown(dialog) and "2027-01-11" in _shown(dialog), _shown(dialog)
    _fill(dialog, ends=date(2027, 1, 29))
    assert dialog.try_submit(), _shown(dialog)
    assert Term.get(number=1).ends == date(2027, 1, 29)
    assert tab.terms.item(0, 2).text() == "2027-01-29"


def test_T2_a_closure_added_after_generation_moves_a_session_and_the_tab_says_so(
    qtbot,
    school,  # noqa: F811
    boxes,
):
    tab = _year(qtbot, school)
    dialog = tab.closure_dialog()
    qtbot.addWidget(dialog)
    # 10-05 (国庆) was moved to Thursday 10-08; a 运动会 that day moves it on to Friday.
    _fill(dialog, from_date=date(2026, 10, 8), to_date=date(2026, 10, 8), reason="运动会")
    assert dialog.try_submit(), _shown(dialog)
    assert _session(date(2026, 10, 5)).date == date(2026, 10, 9)
    said = boxes.texts()[-1]
    assert "改期 1 次" in said and "10-05→10-09" in said, said
    assert tab.info.text() == said

    assert tab.current_closure() is not None
    boxes.answer = True
    tab.delete_closure_button.click()
    assert not TermClosure.select().exists()
    assert _session(date(2026, 10, 5)).date == date(2026, 10, 8)
    assert "10-05→10-08" in boxes.texts()[-1]


def test_T2_a_held_session_refuses_deleting_the_series_and_a_new_first_day_in_the_dialog(
    qtbot,
    school,  # noqa: F811
    boxes,
):
    tab = _year(qtbot, school, held=True)
    made = TrainingSession.select().count()
    boxes.answer = True
    assert not tab.delete_series()
    assert "[T2]" in boxes.texts()[-1] and "考勤" in boxes.texts()[-1], boxes.texts()
    assert SessionSeries.select().count() == 1 and TrainingSession.select().count() == made

    dialog = tab.edit_series_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, anchor=date(2026, 9, 9))
    assert not dialog.try_submit()
    assert "[T2]" in _shown(dialog) and "首次活动日" in _shown(dialog), _shown(dialog)
    _fill(dialog, anchor=MONDAY, place="三楼会议室")  # the place may change
    assert dialog.try_submit(), _shown(dialog)
    assert _session(date(2026, 9, 21)).place == "三楼会议室"
    assert tab.series.item(0, 5).text() == "三楼会议室"

    assert not tab.delete_term()  # the first term holds the opened register
    assert Term.select().count() == 2
    tab.terms.selectRow(1)
    second = tab.current_term()
    boxes.answer = False  # asked, declined: nothing happens
    assert not tab.delete_term() and Term.get_or_none(Term.id == second.id) is not None
    boxes.answer = True
    tab.terms.selectRow(1)
    assert tab.delete_term()
    assert Term.get_or_none(Term.id == second.id) is None
    assert tab.terms.rowCount() == 1
    assert not TrainingSession.select().where(TrainingSession.term == second.id).exists()
