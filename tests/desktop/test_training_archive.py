"""培训档案 (T6) on the 教师 tab: real widgets on a real SQLite office. The window shows a
hand-made teacher's school year exactly; 培训办 adds a growth record with its file; a voided
one leaves the window with its reason in the audit log; a teacher who is not the record's
may not add one, and is told the rule."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.training.archive import ArchiveWindow, GrowthDialog, figure
from desktop.training.teacher_dialog import TeacherDialog
from desktop.training.teachers import TeachersTab
from models import attachments, people, training
from models.audit import AuditLog
from models.people import Role
from models.training import GrowthRecord, Mark, Teacher
from tests.desktop.test_training_page import school  # noqa: F401
from tests.models.training_school import IDS
from tests.office import PASSWORD


def _window(qtbot, user, teacher) -> ArchiveWindow:
    window = ArchiveWindow(user, teacher)
    qtbot.addWidget(window)
    window.show()
    return window


def _cells(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


@pytest.fixture
def past_year(desk):
    """Last school year's first term, wholly past, of a 数学组 of three (刘一, 黄二, 马三):
    every register confirmed (刘一 late once), the term's credits approved by 王五, a claim
    of 刘一's recognised by a second 培训办 member, and his tier and a growth record."""
    o = desk
    o.tangmin = people.add_user(o.admin, "tangmin", "唐敏", PASSWORD, o.office, [Role.TRAINING])
    other = people.add_user(o.admin, "trainer2", "周培", PASSWORD, o.office, [Role.TRAINING])
    first = int(training.school_year_of(date.today())[:4]) - 1
    o.year = f"{first}-{first + 1}"
    training.define_term(o.tangmin, o.year, 1, date(first, 9, 1), date(first + 1, 1, 20))
    o.teachers = [
        training.add_teacher(
            o.tangmin, staff_no=f"01{i:02d}", name=name, id_number=IDS[i], subject="数学"
        )
        for i, name in enumerate(["刘一", "黄二", "马三"])
    ]
    liu = o.liu = o.teachers[0]
    group = training.add_group(
        o.tangmin, "数学组", subject="数学", leader=liu, leader_from=date(first, 8, 20)
    )
    for t in o.teachers[1:]:
        training.move_to_group(o.tangmin, t, group, date(first, 8, 20))
    training.assign_tier(o.tangmin, liu, training.Tier.YOUNG, o.year)
    series = training.define_series(o.tangmin, group, o.year, date(first, 9, 2), "pm")
    training.generate_sessions(o.tangmin, series)
    o.held = []
    for n, s in enumerate(x for x in training.sessions_of(group) if x.state == "planned"):
        s = training.set_topic(o.tangmin, s, f"专题{n + 1}", liu)
        training.open_register(o.tangmin, s)
        for t in o.teachers:
            late = n == 0 and t.id == liu.id
            training.mark(
                o.tangmin, s, t, Mark.LATE if late else Mark.PRESENT, 12 if late else None
            )
        training.close_register(o.tangmin, s)
        o.held.append(s)
    claim = training.claim_external(
        o.tangmin,
        liu,
        kind="非学历",
        provider="县教师进修学校",
        level="县级",
        from_date=date(first, 10, 12),
        to_date=date(first, 10, 13),
        hours="8",
        certificate_no="JX-0001",
        certificate=("结业证书.pdf", b"%PDF-1.4 scan"),
    )
    training.approve_claim(other, claim)
    reg = training.draft_credit_register(o.tangmin, o.year, 1)
    reg = training.submit_credit_register(o.tangmin, reg)
    o.register = training.approve_credit_register(o.leader, reg, "同意")
    training.add_growth_record(
        o.tangmin, liu, "公开课", "大单元教学公开课", date(first, 11, 5), level="县级"
    )
    return o


def test_T6_archive_window_shows_a_teachers_year_exactly(qtbot, past_year):
    o = past_year
    window = _window(qtbot, o.tangmin, o.liu)
    assert window.current_year() == training.school_year_of(date.today())
    assert window.sessions.rowCount() == 0 and window.growth.rowCount() == 0
    assert window.credits.text() == "本学年尚无审定的学分登记。"
    window.year.setCurrentIndex(window.year.findData(o.year))
    assert window.who.text() == "刘一（0100）　层次：青年教师　教研组：数学组"
    assert _cells(window.sessions) == [
        [
            f"{s.date:%Y-%m-%d}",
            "数学组",
            s.topic,
            figure(s.hours),
            "迟到（12′）" if n == 0 else "出勤",
        ]
        for n, s in enumerate(o.held)
    ]
    line = training.CreditLine.get(register=o.register.id, teacher=o.liu.id)
    assert line.external_hours > 0
    assert window.credits.text() == (
        f"审定学分登记：校本学时 {figure(line.credited_hours)}，"
        f"外出与自学学时 {figure(line.external_hours)}，学分 {figure(line.credits)}"
    )
    first = int(o.year[:4])
    assert _cells(window.growth) == [
        [f"{first}-11-05", "公开课", "大单元教学公开课", "县级", "唐敏"]
    ]
    assert _cells(window.claims) == [
        ["非学历", "县教师进修学校", f"{first}-10-12～{first}-10-13", "8"]
    ]


def _tab(qtbot, user) -> TeachersTab:
    tab = TeachersTab(user)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    tab.view.table.selectRow(0)
    return tab


def test_T6_teachers_tab_opens_the_archive_and_keeps_enter_for_edit(qtbot, school):  # noqa: F811
    o = school
    tab = _tab(qtbot, o.tangmin)  # 培训办: Enter edits, the button and the menu open the archive
    first = Teacher.get_by_id(int(tab.view.current_id()))
    tab.view.activated.emit(first.id)
    assert [d.teacher.id for d in tab.findChildren(TeacherDialog)] == [first.id]
    window = tab.archive_selected()
    assert isinstance(window, ArchiveWindow) and window.teacher.id == first.id
    at = tab.view.table.visualRect(tab.model.index(0, 0)).center()
    menu = tab._menu(at)
    assert [a.text() for a in menu.actions()] == ["培训档案…", "修改…", "调整教研组…", "设定层级…"]
    menu.close()
    leader = _tab(qtbot, o.leader)  # who does not edit: Enter opens the archive
    leader.view.activated.emit(first.id)
    assert [w.teacher.id for w in leader.findChildren(ArchiveWindow)] == [first.id]
    assert not leader.findChildren(TeacherDialog)


def test_T6_adding_a_growth_record_with_a_file(qtbot, school, tmp_path):  # noqa: F811
    o = school
    liu = o.teachers[1]
    window = _window(qtbot, o.tangmin, liu)
    note = tmp_path / "心得.txt"
    note.write_text("学习心得", encoding="utf-8")
    dialog: GrowthDialog = window.add_growth()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("心得"))
    dialog.title_edit.setText("读书心得")
    dialog.file.setText(str(note))
    assert dialog.try_submit()
    record = GrowthRecord.get(GrowthRecord.title == "读书心得")
    assert [a.file_name for a in attachments.attachments_of(record)] == ["心得.txt"]
    assert _cells(window.growth)[0][1:3] == ["心得", "读书心得"]
    assert window.selected_growth().id == record.id
    assert window.files is not None and window.files.file_names() == ["心得.txt"]


def test_T6_voided_growth_record_disappears_with_its_reason_audited(qtbot, school):  # noqa: F811
    o = school
    liu = o.teachers[1]
    record = training.add_growth_record(o.tangmin, liu, "获奖", "优质课一等奖", date.today())
    window = _window(qtbot, o.tangmin, liu)
    window.select_growth(record.id)
    assert window.void_selected("录入重复")
    assert window.growth.rowCount() == 0
    log = AuditLog.get(
        AuditLog.table == "growth_record",
        AuditLog.record_id == record.id,
        AuditLog.action == "void",
    )
    assert log.note == "录入重复"


def test_T6_a_teacher_may_not_add_to_anothers_record(qtbot, school, boxes):  # noqa: F811
    o = school
    other = o.teachers[2]
    window = _window(qtbot, o.chen, other)  # 陈组长 is teacher 0, not 黄二
    assert not window.add_button.isVisibleTo(window)
    dialog = GrowthDialog(o.chen, other, window)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("论文")
    assert not dialog.try_submit()
    assert "X1" in dialog.error.text() and "培训办" in dialog.error.text()
    assert GrowthRecord.select().count() == 0
    own = _window(qtbot, o.chen, o.teachers[0])
    assert own.add_button.isVisibleTo(own)


def test_every_growth_kind_level_and_claim_kind_has_its_english():
    from desktop import labels

    for kind, codes in (
        ("growth_kind", training.GROWTH_KINDS),
        ("training_level", training.LEVELS),
        ("claim_kind", training.CLAIM_KINDS),
    ):
        labels._load()
        assert set(labels._CODES[kind]) == set(codes), kind
        assert all(en and en != zh for zh, en in labels._CODES[kind].values()), kind
