"""培训档案 (T6) on the 教师 tab: real widgets on a real SQLite office. The window shows a
hand-made teacher's school year exactly; 培训办 adds a growth record with its file; a voided
one leaves the window with its reason in the audit log; a teacher who is not the record's
may not add one, and is told the rule."""

from __future__ import annotations

from datetime import date

from desktop.training.archive import ArchiveWindow, GrowthDialog
from desktop.training.teachers import TeachersTab
from models import attachments, training
from models.audit import AuditLog
from models.training import GrowthRecord, Mark
from tests.desktop.test_training_page import school  # noqa: F401


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


def test_T6_archive_window_shows_a_teachers_year_exactly(qtbot, school):  # noqa: F811
    o = school
    liu = o.teachers[1]
    year = training.school_year_of(date.today())
    training.assign_tier(o.tangmin, liu, training.Tier.YOUNG, year)
    training.open_register(o.tangmin, o.session)
    training.mark(o.tangmin, o.session, liu, Mark.LATE, 12)
    training.add_growth_record(
        o.tangmin, liu, "公开课", "大单元教学公开课", o.session.date, level="县级"
    )
    window = _window(qtbot, o.tangmin, liu)
    assert window.current_year() == year
    assert "青年教师" in window.who.text() and "语文组" in window.who.text()
    assert _cells(window.sessions) == [
        [f"{o.session.date:%Y-%m-%d}", "语文组", "大单元教学", str(o.session.hours), "迟到（12′）"]
    ]
    assert _cells(window.growth) == [
        [f"{o.session.date:%Y-%m-%d}", "公开课", "大单元教学公开课", "县级", "唐敏"]
    ]
    assert window.credits.text() == "本学年尚无审定的学分登记。"
    assert window.claims.rowCount() == 0


def test_T6_teachers_tab_opens_the_archive_and_keeps_enter_for_edit(qtbot, school):  # noqa: F811
    o = school
    tab = TeachersTab(o.tangmin)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.view.button_for("open") is not None
    window = tab.open_archive(o.teachers[2].id)
    qtbot.addWidget(window)
    assert window.teacher.id == o.teachers[2].id


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
        (AuditLog.table == "growthrecord") | (AuditLog.table == "growth_record"),
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
