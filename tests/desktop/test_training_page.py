"""培训管理 page: real widgets on a real SQLite office. 培训办 opens a held session's
register, marks it from the keyboard (one key per row, minutes for the late), saves it
through ``mark_many`` and confirms it: the absent member shows as 旷课 (T3). The page is
shown to 培训办, the leaders and a 教研组长 only; its cards count what waits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.modules import modules_for
from desktop.training.page import TrainingPage
from desktop.training.sessions import MOVED, SKIPPED, session_look
from models import people, training
from models.people import Role
from models.training import AttendanceMark, Mark, RegisterState, SessionState, TrainingSession
from tests.models.training_school import IDS
from tests.office import PASSWORD


@pytest.fixture
def school(desk):
    """教研室's 唐敏 (培训办), a 语文组 of four led by 陈组长 (his login linked), a term
    around today and the group's biweekly sessions, the first one's topic set."""
    o = desk
    o.tangmin = people.add_user(o.admin, "tangmin", "唐敏", PASSWORD, o.office, [Role.TRAINING])
    o.chen = people.add_user(o.admin, "chenzu", "陈组长", PASSWORD, o.office, [Role.CLERK])
    today = date.today()
    year = training.school_year_of(today)
    anchor = today - timedelta(days=35 + today.weekday())
    training.define_term(o.tangmin, year, 1, anchor - timedelta(days=3), today + timedelta(days=60))
    names = ["陈组长", "刘一", "黄二", "马三"]
    o.teachers = [
        training.add_teacher(
            o.tangmin,
            staff_no=f"00{i + 1:02d}",
            name=name,
            id_number=IDS[i],
            subject="语文",
            user=o.chen if i == 0 else None,
        )
        for i, name in enumerate(names)
    ]
    joined = anchor - timedelta(days=7)
    group = training.add_group(
        o.tangmin, "语文组", subject="语文", leader=o.teachers[0], leader_from=joined
    )
    for t in o.teachers[1:]:
        training.move_to_group(o.tangmin, t, group, joined)
    series = training.define_series(o.tangmin, group, year, anchor, "pm")
    training.generate_sessions(o.tangmin, series)
    held = [
        s
        for s in training.sessions_of(group)
        if s.state == SessionState.PLANNED and s.date <= today
    ]
    o.session = training.set_topic(o.tangmin, held[0], "大单元教学", o.teachers[1])
    return o


_BUILT: list[TrainingPage] = []


@pytest.fixture(autouse=True)
def _keep_pages():
    """``qtbot.addWidget`` holds its widgets weakly: a page used in one expression
    (``_page(...).open_tab(...)``) would be collected, its C++ side deleted, whenever the
    garbage collector next runs, even inside a paint of one of its lists (a crash). Every
    page a test builds lives until the test ends."""
    yield
    _BUILT.clear()


def _page(qtbot, user) -> TrainingPage:
    page = TrainingPage(user)
    qtbot.addWidget(page)
    _BUILT.append(page)
    page.show()
    return page


def test_T3_the_training_office_marks_a_register_by_keys_and_closing_makes_truancy(qtbot, school):
    page = _page(qtbot, school.tangmin)
    assert page.tab_keys() == [
        "teachers",
        "calendar",
        "sessions",
        "register",
        "plans",
        "credits",
        "stats",
    ]
    tab = page.open_tab("register")
    tab.select_session(school.session.id)
    assert tab.open_button.isEnabled() and not tab.close_button.isEnabled()
    assert tab.open_register()
    assert TrainingSession.get_by_id(school.session.id).register_state == RegisterState.OPEN
    assert [tab.table.item(r, 1).text() for r in range(4)] == ["陈组长", "刘一", "黄二", "马三"]
    table = tab.table
    table.setCurrentCell(0, 2)
    qtbot.keyClick(table, Qt.Key.Key_1)  # 陈组长 出勤, down to 刘一
    qtbot.keyClick(table, Qt.Key.Key_2)  # 刘一 迟到: to his minutes
    qtbot.keyClicks(table, "10")
    qtbot.keyClick(table, Qt.Key.Key_Return)  # down to 黄二
    assert table.currentRow() == 2
    qtbot.keyClick(table, Qt.Key.Key_5)  # 黄二 缺席
    qtbot.keyClick(table, Qt.Key.Key_Space)  # 马三 出勤
    assert [tab.status_text(r) for r in range(4)] == ["出勤", "迟到", "缺席", "出勤"]
    assert tab.save()
    marks = {m.teacher.name: m for m in training.roster_of(school.session)}
    assert marks["刘一"].status == Mark.LATE and marks["刘一"].minutes == 10
    assert marks["黄二"].status == Mark.ABSENT
    assert tab.close_register()
    assert tab.status_text(2) == "旷课"
    assert tab.table.item(2, 2).foreground().color().name() == "#c0392b"
    assert not tab.save_button.isEnabled() and not tab.open_button.isEnabled()
    truant = AttendanceMark.get(session=school.session.id, teacher=school.teachers[2].id)
    assert truant.status == Mark.TRUANT and truant.derived


def test_T3_closing_with_a_member_unmarked_is_refused_with_the_rule(qtbot, school, boxes):
    tab = _page(qtbot, school.tangmin).open_tab("register")
    tab.select_session(school.session.id)
    assert tab.open_register()
    tab.set_mark(0, Mark.PRESENT)
    assert not tab.close_register()
    assert any("T3" in t and "未记考勤" in t for t in boxes.texts()), boxes.texts()
    assert TrainingSession.get_by_id(school.session.id).register_state == RegisterState.OPEN


def test_T3_the_group_leader_sees_his_groups_sessions_and_the_credits_tab_is_not_his(qtbot, school):
    page = _page(qtbot, school.chen)
    assert page.tab_keys() == ["teachers", "calendar", "sessions", "register"]
    tab = page.open_tab("register")
    assert tab.session.findData(school.session.id) >= 0


def test_the_page_is_for_the_training_office_leaders_and_group_leaders(school):
    def sees(user) -> bool:
        return "training" in [m.key for m in modules_for(user)]

    assert sees(school.tangmin) and sees(school.leader) and sees(school.chen)
    assert not sees(school.clerk) and not sees(school.head)


def test_T2_sessions_list_shows_moved_and_skipped_and_searches(qtbot, school):
    tab = _page(qtbot, school.tangmin).open_tab("sessions")
    model = tab.model
    assert model.rowCount() == TrainingSession.select().count()
    keys = [c.key for c in model.columns]
    texts = [model.index(r, keys.index("state")).data() for r in range(model.rowCount())]
    assert "计划" in texts
    moved = {"state": "planned", "planned_date": date(2026, 10, 5), "date": date(2026, 10, 8)}
    moved["note"] = "2026-10-05 为国庆节，顺延至10-08"
    assert tab._arrangement(moved) == "调整（原定 10-05） 2026-10-05 为国庆节，顺延至10-08"
    assert session_look(moved).color == MOVED
    skipped = {"state": "skipped", "planned_date": date(2026, 10, 1), "date": date(2026, 10, 1)}
    skipped["note"] = "国庆节"
    assert (
        tab._arrangement(skipped) == "已跳过（国庆节）" and session_look(skipped).color == SKIPPED
    )
    teachers = _page(qtbot, school.tangmin).open_tab("teachers")
    teachers.model.set_search("黄")
    qtbot.waitUntil(lambda: teachers.model.rowCount() == 1)
    assert teachers.model.index(0, 0).data() == "0003"


def test_the_home_cards_count_registers_to_confirm_and_truancies(qtbot, school):
    from desktop.training.cards import CARDS

    close, truancies, _at_risk = CARDS
    assert close.read(school.tangmin)[0] >= 1
    assert truancies.read(school.tangmin) == (0, [])
    assert close.visible_to(school.tangmin) and not close.visible_to(school.leader)


def test_a_leader_reads_every_register_without_the_keepers_buttons(qtbot, school):
    tab = _page(qtbot, school.leader).open_tab("register")
    assert tab.session.findData(school.session.id) >= 0
    assert tab.open_button.isHidden() and tab.close_button.isHidden()


def test_T4_credits_are_not_drafted_while_a_register_of_the_term_is_open(qtbot, school, boxes):
    tab = _page(qtbot, school.tangmin).open_tab("credits")
    assert tab.register.count() == 0
    tab.term.setCurrentIndex(tab.term.findData(1))
    assert not tab.draft()
    assert any("T3" in t and "考勤未确认" in t for t in boxes.texts()), boxes.texts()


# --- the teacher's record, a session's topic, 教研处's decisions on a mark ------------------


def test_T1_the_training_office_edits_a_teacher_keeping_the_staff_number_as_text(qtbot, school):
    from desktop.training.teacher_dialog import TeacherDialog
    from models import audit

    tab = _page(qtbot, school.tangmin).open_tab("teachers")
    assert tab.keeps
    huang = school.teachers[2]
    dialog = tab.edit_teacher(huang.id)
    assert isinstance(dialog, TeacherDialog)
    assert dialog.widget("staff_no").text() == "0003"
    assert dialog.history.rowCount() == 1 and dialog.history.item(0, 1).text() == "语文组"
    dialog.widget("title").setText("一级教师")
    dialog.widget("staff_no").setText("00303")
    assert not dialog.try_submit()  # a change needs its reason
    assert dialog.error_text("reason") == "必填"
    dialog.widget("reason").setPlainText("评上一级教师，工号按人事处新编")
    dialog.widget("id_number").setText("110105198502020037")  # a wrong check digit
    assert not dialog.try_submit()
    assert dialog.error_text("id_number").startswith("[X3]")
    dialog.widget("id_number").setText(IDS[2])
    status = dialog.widget("status")
    status.setCurrentIndex(status.findData("调出"))
    assert dialog.try_submit()
    fresh = training.Teacher.get_by_id(huang.id)
    assert (fresh.staff_no, fresh.title, fresh.status) == ("00303", "一级教师", "transferred")
    assert audit.history("teacher", huang.id)[-1].note == "评上一级教师，工号按人事处新编"
    # The group history is untouched, the roll shows the new 工号 with its zeros.
    assert training.group_of(huang, date.today()).name == "语文组"
    tab.model.set_search("00303")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)


def test_T1_a_new_teacher_from_the_dialog_and_a_taken_staff_number_beside_its_field(qtbot, school):
    tab = _page(qtbot, school.tangmin).open_tab("teachers")
    dialog = tab.new_teacher()
    for key, text in (("staff_no", "0001"), ("name", "周五"), ("id_number", IDS[4])):
        dialog.widget(key).setText(text)
    assert not dialog.try_submit()
    assert dialog.error_text("staff_no").startswith("[T1]") and "0001" in dialog.error_text(
        "staff_no"
    )
    dialog.widget("staff_no").setText("0005")
    assert dialog.try_submit()
    assert training.Teacher.get(staff_no="0005").name == "周五"
    assert not _page(qtbot, school.chen).open_tab("teachers").keeps  # a group leader reads


def test_T2_a_session_gets_its_topic_and_speaker_on_the_page_before_its_register_opens(
    qtbot, school, boxes
):
    from desktop.training.dialogs import TopicDialog

    bare = next(
        s
        for s in training.sessions_of(school.session.group_id)
        if s.state == SessionState.PLANNED and s.date <= date.today() and not s.topic
    )
    tab = _page(qtbot, school.tangmin).open_tab("register")
    tab.select_session(bare.id)
    assert not tab.open_register()
    assert any("T2" in t and "主讲人" in t for t in boxes.texts()), boxes.texts()
    dialog = tab.edit_topic()
    assert isinstance(dialog, TopicDialog)
    assert [dialog.speaker.itemText(i) for i in range(dialog.speaker.count())][1:] == [
        str(t) for t in school.teachers
    ]
    assert not dialog.try_submit()  # no topic yet
    assert "[T2]" in dialog.error.text()
    dialog.topic.setText("作业设计与评价")
    dialog.speaker.setCurrentIndex(dialog.speaker.findData(school.teachers[3].id))
    assert dialog.try_submit()
    held = TrainingSession.get_by_id(bare.id)
    assert (held.topic, held.speaker_id) == ("作业设计与评价", school.teachers[3].id)
    assert "作业设计与评价" in tab.session.currentText()
    assert tab.open_register()
    # The same dialog from the sessions list: the selected session, its topic filled in.
    sessions = _page(qtbot, school.tangmin).open_tab("sessions")
    qtbot.waitUntil(lambda: sessions.model.rowCount() > 0)
    sessions.view.table.selectRow(0)
    first = TrainingSession.get_by_id(sessions.view.current_id())
    again = sessions.edit_topic()
    assert isinstance(again, TopicDialog) and again.topic.text() == first.topic
    assert _page(qtbot, school.chen).open_tab("sessions").view.button_for("edit") is None


def _marked(tab, qtbot) -> None:
    """陈组长 出勤, 刘一 出勤, 黄二 缺席, 马三 出勤, saved."""
    tab.table.setCurrentCell(0, 2)
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_1):
        qtbot.keyClick(tab.table, key)
    assert tab.save()


def test_T3_the_training_office_excuses_an_absence_with_a_reason_and_a_file(
    qtbot, school, tmp_path
):
    from models import attachments

    tab = _page(qtbot, school.tangmin).open_tab("register")
    tab.select_session(school.session.id)
    assert tab.open_register()
    _marked(tab, qtbot)
    tab.table.setCurrentCell(1, 2)
    assert not tab.excuse_button.isEnabled()  # 刘一 came
    tab.table.setCurrentCell(2, 2)
    assert tab.excuse_button.isEnabled() and not tab.correct_button.isEnabled()
    dialog = tab.excuse()
    assert not dialog.try_submit()  # a reason is required (T3)
    assert "[T3]" in dialog.error.text()
    note = tmp_path / "医院证明.pdf"
    note.write_bytes(b"%PDF-1.4 doctor's note")
    dialog.reason.setPlainText("因病住院")
    dialog.file.setText(str(note))
    assert dialog.try_submit()
    assert tab.status_text(2) == "有故缺席" and tab.table.currentRow() == 2
    m = AttendanceMark.get(session=school.session.id, teacher=school.teachers[2].id)
    assert (m.status, m.excuse_reason) == (Mark.EXCUSED, "因病住院")
    assert [a.file_name for a in attachments.attachments_of(m)] == ["医院证明.pdf"]
    files = tab.show_files()
    assert files.panel.file_names() == ["医院证明.pdf"]
    assert tab.close_register()
    assert tab.status_text(2) == "有故缺席"  # excused, not made 旷课


def _past_term_session(school):
    """A one-session term of last school year in a group of its own, held and closed."""
    o = school
    day = date.today() - timedelta(days=364)
    day -= timedelta(days=day.weekday() - 1)  # a Tuesday
    year = training.school_year_of(day)
    number = 1 if day.month >= 8 else 2
    term = training.define_term(o.tangmin, year, number, day, day + timedelta(4))
    newcomer = training.add_teacher(o.tangmin, staff_no="0100", name="郑六", id_number=IDS[4])
    group = training.add_group(
        o.tangmin, "历史组", subject="历史", leader=newcomer, leader_from=day - timedelta(days=7)
    )
    series = training.define_series(o.tangmin, group, year, day, "pm")
    training.generate_sessions(o.tangmin, series)
    (session,) = training.sessions_of(group, term)
    session = training.set_topic(o.tangmin, session, "史料教学", newcomer)
    training.open_register(o.tangmin, session)
    training.mark(o.tangmin, session, newcomer, "缺席")
    training.close_register(o.tangmin, session)
    return year, term, session, newcomer


def test_T3_a_closed_registers_mark_is_corrected_with_a_reason_and_refused_after_credits(
    qtbot, school
):
    year, term, session, newcomer = _past_term_session(school)
    tab = _page(qtbot, school.tangmin).open_tab("register")
    tab.select_session(session.id)
    assert tab.status_text(0) == "旷课"
    tab.table.setCurrentCell(0, 2)
    assert tab.correct_button.isEnabled()
    dialog = tab.correct()
    dialog.status.setCurrentIndex(dialog.status.findData(Mark.LATE.value))
    assert dialog.minutes.isEnabled()
    dialog.minutes.setValue(15)
    dialog.reason.setPlainText("签到表漏签，经核实迟到")
    assert dialog.try_submit()
    assert tab.status_text(0) == "迟到"
    m = AttendanceMark.get(session=session.id, teacher=newcomer.id)
    assert (m.status, m.minutes) == (Mark.LATE, 15)
    assert training.MarkCorrection.get(mark=m.id).reason == "签到表漏签，经核实迟到"
    reg = training.draft_credit_register(school.tangmin, year, term.number)
    reg = training.submit_credit_register(school.tangmin, reg)
    training.approve_credit_register(school.leader, reg, "同意")
    dialog = tab.correct()
    dialog.status.setCurrentIndex(dialog.status.findData(Mark.PRESENT.value))
    dialog.reason.setPlainText("再次核实")
    assert not dialog.try_submit()
    assert dialog.error.text().startswith("[T4]") and "不能再更正" in dialog.error.text()
    assert AttendanceMark.get_by_id(m.id).status == Mark.LATE


def test_T4_the_bureau_button_exports_by_a_profile_and_shows_who_reported(
    qtbot, sqlite_database, app, boxes, tmp_path
):
    """An approved register goes to the bureau from the credits tab: the dialog picks the
    profile and the file, the export runs in the background, and the register then shows
    已上报 with who and when; a draft register cannot be reported."""
    from datetime import datetime

    from openpyxl import load_workbook

    from desktop.training.credits import CreditsTab
    from tests.models.test_training_credits import hold_term
    from tests.models.training_school import make_school

    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    hold_term(s, lambda i: (0, {t: ("出勤", None) for t in range(4)}))
    at = datetime(2027, 1, 25, 9, 0)
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=at)
    tab = CreditsTab(s.tangmin)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.bureau_button.isVisible() and not tab.bureau_button.isEnabled()
    reg = training.submit_credit_register(s.tangmin, reg, at=at)
    training.approve_credit_register(s.o.leader, reg, at=at)
    tab.reload()
    assert tab.bureau_button.isEnabled() and tab.reported.text() == "未上报教育局"
    dialog = tab.bureau_dialog()
    qtbot.addWidget(dialog)
    assert dialog.profile.currentData() == "default"
    out = tmp_path / "上报.xlsx"
    dialog.path.setText(str(out))
    dialog.accept()
    qtbot.waitUntil(lambda: "已上报" in tab.reported.text(), timeout=10000)
    assert "唐敏" in tab.reported.text() and "default" in tab.reported.text()
    assert "已上报" in tab.register.currentText()
    assert load_workbook(out).worksheets[0]["A1"].value.startswith("2026-2027学年")
    assert any("已上报 4 人" in t for t in boxes.texts()), boxes.texts()
    clerk = CreditsTab(s.leader_user)
    qtbot.addWidget(clerk)
    assert clerk.bureau_button.isHidden()
