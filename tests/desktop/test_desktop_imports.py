"""The command line's Excel imports from their desktop buttons, real widgets on a real SQLite
office, real workbooks written with openpyxl: the marked 签到表 on the 考勤 tab (T3), the
online questionnaire answers on 客服管理's 我的回访 (C3), the external-training claims on the
学分 tab (T7). Each goes through the import dialog: a dry run and its report, then all rows
or none (X3); a file with one bad row writes nothing and names the row."""

from __future__ import annotations

import pytest

from desktop import exporting
from models import training
from models.training import Mark, RegisterState, TrainingSession
from tests.desktop import test_training_page as page_tests
from tests.forms.helpers import cells, write_xlsx

school = page_tests.school  # 唐敏 (培训办), 陈组长's 语文组 of four and its sessions
_keep_pages, _page = page_tests._keep_pages, page_tests._page

ATTENDANCE = ["教研组", "活动日期", "工号", "姓名", "考勤", "分钟", "备注"]


def run_import(qtbot, boxes, monkeypatch, start, path, shown: int) -> list:
    """Press an import button with ``path`` chosen in the file dialog; wait for the boxes
    (a refusal: 1; the dry run's question and the result: 2)."""
    monkeypatch.setattr(exporting.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    assert start() is not None
    qtbot.waitUntil(lambda: len(boxes.shown) >= shown, timeout=15000)
    return boxes.shown


def _visible(widget, tab) -> bool:
    return widget.isVisibleTo(tab)


# --- 考勤: the marked 签到表 (T3) ---------------------------------------------------------


def _open_register(qtbot, school):
    tab = _page(qtbot, school.tangmin).open_tab("register")
    tab.select_session(school.session.id)
    assert tab.open_register()
    return tab


def _sheet(school, status_of_last: str = "出勤", staff_of_last: str = "0004") -> list:
    day = school.session.date
    return [
        ATTENDANCE,
        ["语文组", day, "0001", "陈组长", "出勤", None, None],
        ["语文组", day, "0002", "刘一", "迟到", 10, "堵车"],
        ["语文组", day, "0003", "黄二", "缺席", None, None],
        ["语文组", day, staff_of_last, "马三", status_of_last, None, None],
    ]


def test_T3_X3_the_marked_sign_in_sheet_imports_from_the_register_tab_and_shows(
    qtbot, school, boxes, monkeypatch, tmp_path
):
    tab = _open_register(qtbot, school)
    assert _visible(tab.import_button, tab) and _visible(tab.template_button, tab)
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(
        exporting.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(template), "")
    )
    assert tab.download_template() is not None
    qtbot.waitUntil(lambda: template.exists() and len(boxes.shown) == 1, timeout=15000)
    assert [h.lstrip("*") for h in cells(template)[0][:5]] == ATTENDANCE[:5]
    boxes.shown.clear()

    path = write_xlsx(tmp_path / "签到表.xlsx", _sheet(school))
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_sheet, path, 2)
    assert "试导入" in shown[0].text and "已导入" in shown[1].text
    marks = {m.teacher.name: m for m in training.roster_of(school.session)}
    assert (marks["刘一"].status, marks["刘一"].minutes) == (Mark.LATE, 10)
    assert marks["黄二"].status == Mark.ABSENT
    assert tab.current().id == school.session.id  # the tab reloaded on the same register
    assert [tab.status_text(r) for r in range(4)] == ["出勤", "迟到", "缺席", "出勤"]


def test_T3_X3_a_sign_in_sheet_with_one_bad_row_writes_nothing_and_names_the_row(
    qtbot, school, boxes, monkeypatch, tmp_path
):
    tab = _open_register(qtbot, school)
    path = write_xlsx(tmp_path / "签到表.xlsx", _sheet(school, staff_of_last="0099"))
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_sheet, path, 1)
    assert len(shown) == 1 and "第 5 行" in shown[0].details and "0099" in shown[0].details
    assert {m.status for m in training.roster_of(school.session)} == {Mark.PENDING}
    session = TrainingSession.get_by_id(school.session.id)
    assert session.register_state == RegisterState.OPEN


def test_T3_the_sign_in_sheet_import_is_not_offered_to_a_reader(qtbot, school):
    from models import people
    from models.people import Role
    from tests.office import PASSWORD

    leader = people.add_user(
        school.admin, "xiaozhang", "王校长", PASSWORD, school.office, [Role.LEADER]
    )
    tab = _page(qtbot, leader).open_tab("register")
    assert not _visible(tab.import_button, tab) and not _visible(tab.template_button, tab)


@pytest.fixture(autouse=True)
def _no_real_dialogs(monkeypatch):
    """A file dialog a test forgot to answer would block: refuse it instead."""
    monkeypatch.setattr(exporting.QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
