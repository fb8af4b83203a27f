"""上报格式 on the desktop (T4): 培训办 adds a county's profile as JSON from 上报教育局…'s
管理格式…, sees it listed and offered, retires it with a reason, and it is no longer offered;
a malformed layout and a retirement without a reason are refused inside their dialogs; a
retired profile is reinstated with a reason and offered again."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from models import training
from tests.models.test_training_credits import hold_term
from tests.models.training_school import make_school

LAYOUT = {
    "title_rows": ["{year}学年城关县教师学分汇总表"],
    "columns": [
        {"field": "name", "header": ["姓名"]},
        {"field": "school_hours", "header": ["学时", "校本"]},
        {"field": "credits", "header": ["学分"]},
    ],
}


@pytest.fixture
def tab(qtbot, sqlite_database, app):
    from desktop.training.credits import CreditsTab

    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    hold_term(s, lambda i: (0, {t: ("出勤", None) for t in range(4)}))
    at = datetime(2027, 1, 25, 9, 0)
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=at)
    reg = training.submit_credit_register(s.tangmin, reg, at=at)
    training.approve_credit_register(s.o.leader, reg, at=at)
    widget = CreditsTab(s.tangmin)
    qtbot.addWidget(widget)
    widget.show()
    widget.school = s
    return widget


def _choices(dialog) -> list[str]:
    return [dialog.profile.itemData(i) for i in range(dialog.profile.count())]


def _column(profiles, c: int) -> list[str]:
    return [profiles.table.item(r, c).text() for r in range(profiles.table.rowCount())]


def test_T4_the_training_office_adds_a_profile_as_json_and_retires_it_from_the_bureau_dialog(
    qtbot, tab, boxes
):
    bureau = tab.bureau_dialog()
    qtbot.addWidget(bureau)
    assert bureau.manage.isVisibleTo(bureau) and _choices(bureau) == ["default"]
    profiles = bureau.manage_profiles()
    qtbot.waitExposed(profiles)
    assert _column(profiles, 0) == ["default"] and not profiles.retire_button.isEnabled()
    add = profiles.add_dialog()
    qtbot.addWidget(add)
    add.name.setText("城关县")
    add.title.setText("城关县学分汇总表")
    add.layout_text.setPlainText('{"columns": [{"field": "name", "header": ["姓名"]},]}')
    assert not add.try_submit()  # refused in the dialog, nothing saved
    assert "[T4]" in add.error.text() and "JSON" in add.error.text()
    add.layout_text.setPlainText(json.dumps(LAYOUT, ensure_ascii=False, indent=2))
    assert add.try_submit(), add.error.text()
    # Listed with its kind and who added it, selected, and offered by 上报教育局 at once.
    assert _column(profiles, 0) == ["default", "城关县"]
    row = [profiles.table.item(1, c).text() for c in range(7)]
    assert row[1:4] == ["城关县学分汇总表", "自定义", "唐敏"] and row[5] == "在用"
    assert row[4].startswith(f"{date.today():%Y-%m-%d}")
    assert _choices(bureau) == ["default", "城关县"]
    # The same name typed again: asked before its layout is replaced; "no" keeps it.
    again = profiles.add_dialog()
    qtbot.addWidget(again)
    again.name.setText("城关县")
    again.title.setText("另一个县的表")
    boxes.answer = False
    assert not again.try_submit()
    assert "保存将替换它的版式" in boxes.texts()[-1]
    assert training.stored_profile("城关县").title == "城关县学分汇总表"
    boxes.answer = True
    profiles.select("default")
    assert not profiles.retire_button.isEnabled() and profiles.retire_dialog() is None
    profiles.select("城关县")
    assert profiles.retire_button.isEnabled()
    retire = profiles.retire_dialog()
    qtbot.addWidget(retire)
    assert not retire.try_submit() and "原因" in retire.error.text()  # a reason is needed
    retire.reason.setPlainText("县局改用新模板")
    assert retire.try_submit(), retire.error.text()
    # Still listed (past exports name it), greyed as retired; no longer offered.
    assert _column(profiles, 0) == ["default", "城关县"]
    assert _column(profiles, 5)[1] == f"已停用 {date.today():%Y-%m-%d}（唐敏）"
    assert _column(profiles, 6) == ["", "县局改用新模板"]
    assert not profiles.retire_button.isEnabled()
    assert _choices(bureau) == ["default"]
    again = tab.bureau_dialog()
    qtbot.addWidget(again)
    assert _choices(again) == ["default"]
    [retired] = training.stored_profiles(retired=True)
    assert retired.retired_by == "唐敏" and retired.retire_reason == "县局改用新模板"
    # The county returns to it: 重新启用… with a reason offers it again by its name.
    assert profiles.reinstate_button.isEnabled() and profiles.retire_dialog() is None
    back = profiles.reinstate_dialog()
    qtbot.addWidget(back)
    assert back.windowTitle() == "重新启用上报格式"
    assert not back.try_submit() and "原因" in back.error.text()
    back.reason.setPlainText("县局恢复旧模板")
    assert back.try_submit(), back.error.text()
    assert _column(profiles, 5)[1] == "在用" and _column(profiles, 6) == ["", ""]
    assert profiles.retire_button.isEnabled() and not profiles.reinstate_button.isEnabled()
    reopened = tab.bureau_dialog()
    qtbot.addWidget(reopened)
    assert _choices(reopened) == ["default", "城关县"]


def test_T4_the_profiles_are_kept_from_the_credits_tab_by_the_training_office_only(
    qtbot, tab, tmp_path
):
    """Before any export: 上报格式… on the tab; a profile filling the bureau's own workbook
    lists as 套用模板 and keeps the workbook as its attachment."""
    from openpyxl import Workbook

    from desktop.training.credits import CreditsTab
    from models import attachments

    assert tab.profiles_button.isVisible()
    profiles = tab.show_profiles()
    qtbot.waitExposed(profiles)
    assert profiles.add_button.isVisible() and _column(profiles, 0) == ["default"]
    workbook = tmp_path / "县局模板.xlsx"
    book = Workbook()
    book.active["A1"] = "姓名"
    book.save(workbook)
    add = profiles.add_dialog()
    qtbot.addWidget(add)
    add.name.setText("某县")
    add.layout_text.setPlainText('{"columns": [{"field": "name"}], "start_row": 2}')
    add.template.setText(str(workbook))
    assert add.try_submit(), add.error.text()
    assert [profiles.table.item(1, c).text() for c in (0, 1, 2)] == ["某县", "某县", "套用模板"]
    [row] = training.stored_profiles()
    assert attachments.read_bytes(row.template) == workbook.read_bytes()
    profiles.close()
    leader = CreditsTab(tab.school.leader_user)
    qtbot.addWidget(leader)
    assert leader.profiles_button.isHidden()
