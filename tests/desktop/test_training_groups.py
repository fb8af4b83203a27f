"""教研组 and 层级 on the 教师 tab (T1, T2): real widgets on a real SQLite office. 培训办 adds
a group (教研组…), moves a teacher into it from a date (调整教研组…), names him its leader
(设组长…) and sets his tier (设定层级…); the roll and the groups list show it. A refused
input stays in its dialog and writes nothing; who does not keep the roll is offered none of
the buttons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate

from desktop.training.groups import GroupsDialog, LeaderDialog, MoveDialog, TierDialog
from desktop.training.teachers import TeachersTab
from models import people, training
from models.people import Role
from models.training import GroupMembership, TeachingGroup, Tier, TierMembership
from tests.models.training_school import IDS
from tests.office import PASSWORD

_BUILT: list[object] = []


@pytest.fixture(autouse=True)
def _keep_widgets():
    """Every tab and dialog a test builds lives until the test ends (``qtbot.addWidget``
    holds them weakly)."""
    yield
    _BUILT.clear()


@pytest.fixture
def roll(desk):
    """唐敏 (培训办) and a roll of three teachers in no group, with no tier."""
    o = desk
    o.tangmin = people.add_user(o.admin, "tangmin", "唐敏", PASSWORD, o.office, [Role.TRAINING])
    o.teachers = [
        training.add_teacher(o.tangmin, staff_no=f"00{i + 1:02d}", name=name, id_number=IDS[i])
        for i, name in enumerate(["周一", "吴二", "郑三"])
    ]
    return o


def _tab(qtbot, user, row: int = 0) -> TeachersTab:
    tab = TeachersTab(user)
    qtbot.addWidget(tab)
    _BUILT.append(tab)
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    tab.view.table.selectRow(row)
    return tab


def _cell(tab: TeachersTab, row: int, key: str) -> str:
    keys = [c.key for c in tab.model.columns]
    return tab.model.index(row, keys.index(key)).data()


def _groups(tab: TeachersTab) -> GroupsDialog:
    dialog = tab.show_groups()
    _BUILT.append(dialog)
    return dialog


def _set_date(dialog, key: str, day: date) -> None:
    dialog.widget(key).setDate(QDate(day.year, day.month, day.day))


def _choose(dialog, key: str, text: str) -> None:
    combo = dialog.widget(key)
    index = combo.findData(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_T2_T1_the_office_adds_a_group_moves_a_teacher_in_names_him_leader_and_sets_his_tier(
    qtbot, roll
):
    tab = _tab(qtbot, roll.tangmin)
    assert (_cell(tab, 0, "group"), _cell(tab, 0, "tier")) == ("", "")
    groups = _groups(tab)
    assert groups.table.rowCount() == 0 and groups.add_button.isVisible()
    add = groups.add_dialog()
    add.widget("name").setText("数学组")
    add.widget("subject").setText("数学")
    assert add.try_submit()
    group = TeachingGroup.get(name="数学组")
    assert group.subject == "数学" and groups.table.item(0, 0).text() == "数学组"

    move = tab.move_selected()
    assert isinstance(move, MoveDialog) and "目前不在任何教研组" in move.subject.text()
    _choose(move, "group", "数学组")
    start = date.today() - timedelta(days=3)
    _set_date(move, "from_date", start)
    move.widget("reason").setText("新学年分组")
    assert move.try_submit()
    step = GroupMembership.get(teacher=roll.teachers[0].id)
    assert (step.group_id, step.from_date, step.reason) == (group.id, start, "新学年分组")
    assert _cell(tab, 0, "group") == "数学组"  # the roll reloaded after the move

    groups.reload()
    groups.select("数学组")
    assert groups.table.item(0, 3).text() == "1"
    leader = groups.leader_dialog()
    assert isinstance(leader, LeaderDialog)
    shown = [leader.widget("leader").itemText(i) for i in range(leader.widget("leader").count())]
    assert shown == ["", str(roll.teachers[0])]  # only the group's own teachers
    _choose(leader, "leader", str(roll.teachers[0]))
    assert leader.try_submit()
    assert TeachingGroup.get_by_id(group.id).leader_id == roll.teachers[0].id
    assert groups.table.item(0, 2).text() == str(roll.teachers[0])

    tier = tab.tier_selected()
    assert isinstance(tier, TierDialog)
    year = training.school_year_of(date.today())
    assert tier.widget("school_year").text() == year and "尚未定层级" in tier.subject.text()
    _choose(tier, "tier", "骨干教师")
    assert tier.try_submit()
    assert training.tier_of(roll.teachers[0], year) == Tier.BACKBONE
    assert _cell(tab, 0, "tier") == "骨干教师"
    assert (_cell(tab, 1, "group"), _cell(tab, 1, "tier")) == ("", "")


def test_T2_a_move_before_the_latest_step_or_into_his_own_group_is_refused_in_the_dialog(
    qtbot, roll
):
    group = training.add_group(roll.tangmin, "语文组")
    training.add_group(roll.tangmin, "英语组")
    since = date.today() - timedelta(days=10)
    training.move_to_group(roll.tangmin, roll.teachers[0], group, since)
    tab = _tab(qtbot, roll.tangmin)
    move = tab.move_selected()
    assert move.widget("group").currentData() == "语文组"  # where he is, preselected
    assert "语文组" in move.subject.text()
    assert not move.try_submit()  # into the group he is in
    assert move.error.text().startswith("[T2]") and "已在该教研组" in move.error.text()
    _choose(move, "group", "英语组")
    _set_date(move, "from_date", since - timedelta(days=1))
    assert not move.try_submit()  # before his latest step: the past stays as it was kept
    assert move.error_text("from_date").startswith("[T2]")
    assert move.isVisible()
    assert GroupMembership.select().count() == 1
    assert _cell(tab, 0, "group") == "语文组"


def test_T1_a_second_tier_in_a_school_year_or_a_malformed_year_is_refused_in_the_dialog(
    qtbot, roll
):
    year = training.school_year_of(date.today())
    training.assign_tier(roll.tangmin, roll.teachers[0], Tier.YOUNG, year)
    tab = _tab(qtbot, roll.tangmin)
    tier = tab.tier_selected()
    assert "青年教师" in tier.subject.text()
    _choose(tier, "tier", "名师")
    assert not tier.try_submit()
    assert tier.error.text().startswith("[T1]") and "每学年只能属于一个层次" in tier.error.text()
    tier.widget("school_year").setText("2026")
    assert not tier.try_submit()
    assert tier.error_text("school_year").startswith("[T1]")
    assert TierMembership.select().count() == 1
    assert _cell(tab, 0, "tier") == "青年教师"


def test_T2_a_group_name_taken_is_refused_and_a_group_without_teachers_has_no_leader_to_pick(
    qtbot, roll, boxes
):
    training.add_group(roll.tangmin, "语文组")
    groups = _groups(_tab(qtbot, roll.tangmin))
    add = groups.add_dialog()
    assert not add.try_submit()
    assert add.error_text("name") == "必填"
    add.widget("name").setText("语文组")
    assert not add.try_submit()
    assert add.error.text().startswith("[T2]") and "已存在" in add.error.text()
    assert TeachingGroup.select().count() == 1
    assert not groups.leader_button.isEnabled()  # nothing selected yet
    groups.select("语文组")
    assert groups.leader_button.isEnabled()
    assert groups.leader_dialog() is None
    assert any("还没有教师" in t for t in boxes.texts()), boxes.texts()


def test_T1_T2_who_does_not_keep_the_roll_sees_group_and_tier_but_no_button(qtbot, roll):
    training.add_group(roll.tangmin, "语文组", leader=roll.teachers[0])  # a member from today
    training.assign_tier(
        roll.tangmin, roll.teachers[0], "名师", training.school_year_of(date.today())
    )
    tab = _tab(qtbot, roll.leader)
    assert (_cell(tab, 0, "group"), _cell(tab, 0, "tier")) == ("语文组", "名师")
    texts = [b.text() for b in tab.view.buttons()]
    for offered in ("调整教研组…", "设定层级…", "教研组…"):
        assert offered not in texts
    assert "调整教研组…" in [b.text() for b in _tab(qtbot, roll.tangmin).view.buttons()]
    groups = GroupsDialog(roll.leader)
    _BUILT.append(groups)
    qtbot.addWidget(groups)
    groups.show()
    assert not groups.add_button.isVisible() and not groups.leader_button.isVisible()
