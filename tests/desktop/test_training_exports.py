"""培训管理's lists in Excel (X3): the 教师 and 教研活动 lists export what they show, read back
with openpyxl. Real widgets on the office of ``test_training_page``."""

from __future__ import annotations

import openpyxl

from desktop import exporting
from models.training import Teacher, TrainingSession
from tests.desktop import test_training_page as page_tests

school = page_tests.school  # the fixture: 语文组 of four and its biweekly sessions
_keep_pages = page_tests._keep_pages  # autouse: the pages live until the test ends


def exported(qtbot, tab, path, title: str) -> list[tuple]:
    assert tab.view.export_button.isVisibleTo(tab)
    task = exporting.export_view(tab.view, path, title, tab.filters_text())
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert task.exception is None, task.exception
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def header_and_body(rows: list[tuple], first: str) -> tuple[tuple, list[tuple]]:
    """The header row (its first cell ``first``) and the rows down to 合计."""
    at = next(i for i, r in enumerate(rows) if r and r[0] == first)
    end = next(i for i, r in enumerate(rows) if r and r[0] == "合计")
    return rows[at], rows[at + 1 : end]


def test_X3_the_teachers_list_exports_with_its_chinese_header(qtbot, school, tmp_path):
    tab = page_tests._page(qtbot, school.tangmin).open_tab("teachers")
    tab.filters_text = lambda: ""  # the list has no filter of its own
    rows = exported(qtbot, tab, tmp_path / "teachers.xlsx", "教师名册")
    assert rows[0][0] == "教师名册"
    header, body = header_and_body(rows, "工号")
    assert header[:3] == ("工号", "姓名", "性别") and "继续教育编号" in header
    assert [r[1] for r in body] == ["陈组长", "刘一", "黄二", "马三"]
    assert len(body) == Teacher.select().count()
    assert [r[0] for r in body] == ["0001", "0002", "0003", "0004"]  # the 工号 kept as text


def test_X3_the_sessions_list_exports_with_its_group_filter(qtbot, school, tmp_path):
    tab = page_tests._page(qtbot, school.tangmin).open_tab("sessions")
    tab.group.setCurrentIndex(1)  # 语文组
    assert tab.filters_text() == "语文组"
    rows = exported(qtbot, tab, tmp_path / "sessions.xlsx", "教研活动")
    header, body = header_and_body(rows, "日期")
    assert header[:5] == ("日期", "教研组", "时间", "主题", "主讲人")
    assert len(body) == TrainingSession.select().count()
    assert {r[1] for r in body} == {"语文组"}
    assert any(r[3] == "大单元教学" and r[4] == "刘一" for r in body)
    assert rows[2][0] == "筛选条件：语文组"  # the filter printed above the list
