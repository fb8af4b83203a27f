"""活动资料 (T6) from the 考勤 tab, real widgets on a real SQLite office: 培训办 files a
session's 讲稿 through ``training.add_session_material`` and the dialog lists it with its kind
in front; a leader who reads the register reads the materials but is offered no 添加 and is
refused the use case (X1: only whoever keeps the register files there). The office is
``test_training_page``'s school."""

from __future__ import annotations

from desktop.training.materials import SessionMaterialsDialog
from models import attachments, people
from models.people import Role
from tests.desktop import test_training_page as page_tests
from tests.office import PASSWORD

school = page_tests.school  # 唐敏 (培训办), 陈组长's 语文组 and its sessions
_keep_pages, _page = page_tests._keep_pages, page_tests._page


def _materials(qtbot, user, session_id: int) -> SessionMaterialsDialog:
    tab = _page(qtbot, user).open_tab("register")
    tab.select_session(session_id)
    assert tab.materials_button.isVisibleTo(tab) and tab.materials_button.isEnabled()
    dialog = tab.show_materials()
    assert isinstance(dialog, SessionMaterialsDialog)
    qtbot.addWidget(dialog)
    return dialog


def test_T6_a_session_material_is_filed_with_its_kind_and_listed(qtbot, school, tmp_path):
    talk = tmp_path / "大单元教学.pdf"
    talk.write_bytes(b"%PDF-1.4 talk")
    dialog = _materials(qtbot, school.tangmin, school.session.id)
    assert dialog.add_button.isVisibleTo(dialog) and not dialog.panel.add_button.isVisibleTo(dialog)
    assert [dialog.kind.itemText(i) for i in range(dialog.kind.count())] == [
        "讲稿",
        "签到表扫描",
        "照片",
        "其他",
    ]
    assert dialog.add_material(talk, "讲稿")
    assert dialog.file_names() == ["讲稿-大单元教学.pdf"]
    stored = attachments.attachments_of(school.session)
    assert [a.file_name for a in stored] == ["讲稿-大单元教学.pdf"]
    assert stored[0].size == len(b"%PDF-1.4 talk")


def test_T6_the_group_leader_files_his_sessions_materials(qtbot, school, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    dialog = _materials(qtbot, school.chen, school.session.id)
    assert dialog.add_button.isVisibleTo(dialog)
    assert dialog.add_material(photo, "照片")
    assert dialog.file_names() == ["照片-现场.jpg"]


def test_T6_a_reader_who_does_not_keep_the_register_is_refused_adding(
    qtbot, school, boxes, tmp_path
):
    leader = people.add_user(
        school.admin, "xiaozhang", "王校长", PASSWORD, school.office, [Role.LEADER]
    )
    scan = tmp_path / "签到.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    first = _materials(qtbot, school.tangmin, school.session.id)
    assert first.add_material(scan, "签到表扫描")
    dialog = _materials(qtbot, leader, school.session.id)
    assert dialog.file_names() == ["签到表扫描-签到.pdf"]  # he reads them
    assert not dialog.add_button.isVisibleTo(dialog) and not dialog.kind.isVisibleTo(dialog)
    assert not dialog.add_material(scan, "照片")
    assert boxes.shown[-1].text.startswith("[X1]") and "培训办" in boxes.shown[-1].text
    assert [a.file_name for a in attachments.attachments_of(school.session)] == [
        "签到表扫描-签到.pdf"
    ]


def test_T6_a_material_of_an_unknown_kind_is_refused_with_the_rule(qtbot, school, boxes, tmp_path):
    other = tmp_path / "x.txt"
    other.write_bytes(b"x")
    dialog = _materials(qtbot, school.tangmin, school.session.id)
    assert not dialog.add_material(other, "视频")
    assert "T6" in boxes.shown[-1].text and dialog.file_names() == []
