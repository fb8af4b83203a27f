"""学期与活动安排 on a real SQLite office (T2): 培训办 enters a school year's term, its 考试周,
a group's biweekly series and generates its sessions, which the 教研活动 tab then lists;
what the models refuse stays in the dialog and writes nothing; whoever is not 培训办 reads
the same lists without the buttons."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from desktop.training.calendar_setup import CalendarTab
from desktop.training.page import TrainingPage
from models import people, training
from models.people import Role
from models.training import SessionSeries, SessionState, Term, TermClosure, TrainingSession
from tests.models.training_school import IDS
from tests.office import PASSWORD

YEAR = "2026-2027"
_BUILT: list[TrainingPage] = []


@pytest.fixture(autouse=True)
def _keep_pages():
    """Pages live until the test ends (``qtbot.addWidget`` holds them weakly)."""
    yield
    _BUILT.clear()


@pytest.fixture
def school(desk):
    """培训办's 唐敏 and a 数学组 of two; no term, no series: a school's first year."""
    o = desk
    o.tangmin = people.add_user(o.admin, "tangmin", "唐敏", PASSWORD, o.office, [Role.TRAINING])
    teachers = [
        training.add_teacher(o.tangmin, staff_no=f"00{i + 1:02d}", name=n, id_number=IDS[i])
        for i, n in enumerate(["赵一", "钱二"])
    ]
    o.group = training.add_group(
        o.tangmin, "数学组", subject="数学", leader=teachers[0], leader_from=date(2026, 8, 20)
    )
    for t in teachers[1:]:
        training.move_to_group(o.tangmin, t, o.group, date(2026, 8, 20))
    return o


def _page(qtbot, user) -> TrainingPage:
    page = TrainingPage(user)
    qtbot.addWidget(page)
    _BUILT.append(page)
    page.show()
    return page


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _fill(dialog, **values) -> None:
    for key, value in values.items():
        widget = dialog.widget(key)
        if isinstance(value, date):
            widget.setDate(_qdate(value))
        elif hasattr(widget, "findData"):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setText(value)


def _shown(dialog) -> str:
    return dialog.error.text() + "".join(dialog.error_text(k) for k in dialog.editors)


def test_T2_the_training_office_sets_up_a_year_and_the_sessions_tab_lists_its_sessions(
    qtbot, school, boxes
):
    page = _page(qtbot, school.tangmin)
    sessions = page.open_tab("sessions")
    assert sessions.model.rowCount() == 0
    tab: CalendarTab = page.open_tab("calendar")
    assert tab.term_button.isVisible() and tab.series_button.isVisible()

    dialog = tab.term_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, school_year=YEAR, number="第一学期", starts=date(2026, 9, 1))
    _fill(dialog, ends=date(2027, 1, 20))
    assert dialog.try_submit(), _shown(dialog)
    term = Term.get(school_year=YEAR, number=1)
    assert tab.school_year() == YEAR and tab.current_term().id == term.id
    assert tab.terms.item(0, 0).text() == "第一学期"

    dialog = tab.closure_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, from_date=date(2027, 1, 11), to_date=date(2027, 1, 15), reason="期末考试周")
    assert dialog.try_submit(), _shown(dialog)
    assert tab.closures.rowCount() == 1 and tab.closures.item(0, 2).text() == "期末考试周"

    dialog = tab.series_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, group="数学组", anchor=date(2026, 9, 9), half="下午", place="三楼会议室")
    assert dialog.try_submit(), _shown(dialog)
    series = SessionSeries.get(group=school.group.id)
    assert tab.current_series().id == series.id
    assert tab.series.item(0, 1).text() == "周三下午 14:00—17:30，每 2 周"

    assert tab.generate()
    made = list(training.sessions_of(school.group))
    assert made and all(s.series_id == series.id for s in made)
    skipped = [s for s in made if s.state == SessionState.SKIPPED]
    exam = next(s for s in made if s.planned_date == date(2027, 1, 13))
    assert exam in skipped and "期末考试周" in exam.schedule_note
    planned = len(made) - len(skipped)
    said = boxes.texts()[-1]
    assert f"生成教研活动 {planned} 次" in said and f"跳过 {len(skipped)} 次" in said, said
    assert tab.series.item(0, 3).text() == str(len(made))
    qtbot.waitUntil(lambda: sessions.model.rowCount() == len(made))

    assert tab.generate()  # again: nothing new, the existing ones counted
    assert TrainingSession.select().count() == len(made)
    assert f"已有 {len(made)} 次未重复生成" in boxes.texts()[-1]


def test_T2_a_term_ending_before_it_starts_or_overlapping_is_refused_in_the_dialog(qtbot, school):
    tab = CalendarTab(school.tangmin)
    qtbot.addWidget(tab)
    dialog = tab.term_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, school_year=YEAR, starts=date(2026, 9, 1), ends=date(2026, 8, 1))
    assert not dialog.try_submit()
    assert "[T2]" in _shown(dialog) and "早于" in _shown(dialog), _shown(dialog)
    assert not Term.select().exists()

    training.define_term(school.tangmin, YEAR, 1, date(2026, 9, 1), date(2027, 1, 20))
    _fill(dialog, number="第二学期", starts=date(2027, 1, 10), ends=date(2027, 7, 2))
    assert not dialog.try_submit()
    assert "[T2]" in _shown(dialog) and "重叠" in _shown(dialog), _shown(dialog)
    assert Term.select().count() == 1
    _fill(dialog, school_year="2026", starts=date(2027, 2, 22))
    assert not dialog.try_submit()
    assert "[T1]" in dialog.error_text("school_year"), _shown(dialog)


def test_T2_a_closure_outside_its_term_and_a_series_on_no_term_are_refused(qtbot, school):
    term = training.define_term(school.tangmin, YEAR, 1, date(2026, 9, 1), date(2027, 1, 20))
    tab = CalendarTab(school.tangmin)
    qtbot.addWidget(tab)
    tab.load_years(YEAR, term.id)
    dialog = tab.closure_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, from_date=date(2027, 1, 18), to_date=date(2027, 1, 25), reason="期末考试")
    assert not dialog.try_submit()
    assert "[T2]" in _shown(dialog) and "之内" in _shown(dialog), _shown(dialog)
    assert not TermClosure.select().exists()

    dialog = tab.series_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, group="数学组", anchor=date(2027, 2, 3))  # the winter vacation
    assert not dialog.try_submit()
    assert "[T2]" in dialog.error_text("anchor"), _shown(dialog)
    _fill(dialog, anchor=date(2026, 9, 12))  # a Saturday
    assert not dialog.try_submit()
    assert "[T2]" in _shown(dialog) and "周一至周五" in _shown(dialog), _shown(dialog)
    assert not SessionSeries.select().exists()


def test_T2_whoever_is_not_the_training_office_reads_the_year_without_the_buttons(qtbot, school):
    term = training.define_term(school.tangmin, YEAR, 1, date(2026, 9, 1), date(2027, 1, 20))
    training.add_closure(school.tangmin, term, date(2027, 1, 11), date(2027, 1, 15), "考试周")
    page = _page(qtbot, school.leader)
    assert "calendar" in page.tab_keys()
    tab = page.open_tab("calendar")
    tab.load_years(YEAR)
    assert tab.terms.rowCount() == 1 and tab.closures.rowCount() == 1
    buttons = (tab.term_button, tab.closure_button, tab.series_button, tab.generate_button)
    edits = (tab.edit_term_button, tab.delete_term_button, tab.delete_closure_button)
    for b in (*buttons, *edits, tab.edit_series_button, tab.delete_series_button):
        assert not b.isVisibleTo(tab)
