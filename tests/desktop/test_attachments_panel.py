"""附件 panel: real widgets on a real SQLite office, inside the repair window. Files go in
through the background worker, come out through the system viewer, and are voided with a
reason; every refusal reaches the user through the error router."""

from __future__ import annotations

import hashlib
import os

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent

from desktop.attachments import AttachmentsPanel, local_file_name
from desktop.fleet.repair_dialog import RepairDialog
from models import attachments, fleet, settings
from models.attachments import Attachment


@pytest.fixture
def repair(desk):
    car = fleet.add_vehicle(desk.fleet, "京A12345", desk.squad, drivers=[desk.driver])
    return fleet.apply_repair(desk.driver, car, "刹车异响")


def wait_all(qtbot, tasks) -> None:
    for task in tasks:
        qtbot.waitUntil(lambda t=task: t.finished, timeout=15000)


def panel_for(qtbot, user, record) -> AttachmentsPanel:
    panel = AttachmentsPanel(user, record)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def cells(panel: AttachmentsPanel, row: int) -> list[str]:
    return [panel.table.item(row, c).text() for c in range(panel.table.columnCount())]


def test_the_repair_window_adds_opens_and_voids_a_file(
    qtbot, desk, repair, tmp_path, monkeypatch, boxes
):
    dialog = RepairDialog(desk.driver, repair.id)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.attachments
    assert panel.file_names() == [] and not panel.open_button.isEnabled()
    content = os.urandom(600 * 1024)  # three chunks
    source = tmp_path / "报价单.pdf"
    source.write_bytes(content)

    wait_all(qtbot, panel.add_files([source]))

    assert boxes.shown == []
    assert panel.file_names() == ["报价单.pdf"]
    name, size, who, _when = cells(panel, 0)
    assert (name, size, who) == ("报价单.pdf", "600.0 KB", "吴十")
    assert "共 1 个附件" in panel.status.text()
    assert panel.selected() is not None  # the new file is selected
    assert panel.void_button.isEnabled()  # the uploader may void it

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    wait_all(qtbot, [panel.open_selected()])
    assert opened and opened[0].endswith("报价单.pdf")
    with open(opened[0], "rb") as copy:
        assert hashlib.sha256(copy.read()).hexdigest() == hashlib.sha256(content).hexdigest()

    assert panel.void_selected("传错了文件")
    assert panel.file_names() == []
    assert Attachment.get().void_reason == "传错了文件"
    panel.show_voided.setChecked(True)
    assert panel.file_names() == ["报价单.pdf"]
    item = panel.table.item(0, 0)
    assert item.font().strikeOut() and item.foreground().color().name() == "#999999"
    assert "传错了文件" in item.toolTip()
    panel.table.selectRow(0)
    assert not panel.void_button.isEnabled()  # voided once is voided
    assert "共 0 个附件" in panel.status.text()


def test_a_stranger_may_not_void_and_a_void_needs_a_reason(qtbot, desk, repair, boxes):
    att = attachments.attach(desk.driver, repair, "照片.jpg", b"photo")
    stranger = panel_for(qtbot, desk.head, repair)
    stranger.select(att.id)
    assert stranger.open_button.isEnabled() and not stranger.void_button.isEnabled()
    assert not stranger.void_selected("不要了")
    assert "[X1]" in boxes.texts()[-1]
    own = panel_for(qtbot, desk.driver, repair)
    own.select(att.id)
    assert not own.void_selected("  ")
    assert "[X2]" in boxes.texts()[-1] and "原因" in boxes.texts()[-1]
    assert own.file_names() == ["照片.jpg"]
    assert not Attachment.get_by_id(att.id).is_voided


def test_files_dropped_onto_the_panel_are_uploaded(qtbot, desk, repair, tmp_path, boxes):
    panel = panel_for(qtbot, desk.fleet, repair)
    first, second = tmp_path / "前.jpg", tmp_path / "后.jpg"
    first.write_bytes(b"front")
    second.write_bytes(b"back")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    enter = QDragEnterEvent(
        panel.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(
        panel.rect().center(),
        Qt.DropAction.CopyAction,
        text_only,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dragEnterEvent(refused)
    assert not refused.isAccepted()

    drop = QDropEvent(
        QPointF(panel.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dropEvent(drop)
    wait_all(qtbot, panel.tasks)
    assert boxes.shown == []
    assert panel.file_names() == ["前.jpg", "后.jpg"]
    assert [a.uploaded_by_id for a in attachments.attachments_of(repair)] == [desk.fleet.id] * 2


def test_an_oversized_file_is_refused_with_the_limit_and_nothing_is_kept(
    qtbot, desk, repair, tmp_path, boxes
):
    settings.put(desk.admin, "attachments.max_mb", 1)
    big = tmp_path / "录像.mp4"
    big.write_bytes(b"\0" * (1024 * 1024 + 1))
    panel = panel_for(qtbot, desk.driver, repair)
    wait_all(qtbot, panel.add_files([big]))
    assert "1 MB" in boxes.texts()[-1]
    assert panel.file_names() == [] and Attachment.select().count() == 0


def test_the_same_file_twice_asks_and_is_added_when_the_user_agrees(
    qtbot, desk, repair, tmp_path, boxes
):
    source = tmp_path / "报价单.pdf"
    source.write_bytes(b"quote")
    panel = panel_for(qtbot, desk.driver, repair)
    wait_all(qtbot, panel.add_files([source]))
    boxes.answer = True
    wait_all(qtbot, panel.add_files([source]))
    assert boxes.shown[-1].kind == "warning" and "报价单.pdf" in boxes.texts()[-1]
    wait_all(qtbot, panel.tasks)  # the retry with the warning accepted
    assert panel.file_names() == ["报价单.pdf", "报价单.pdf"]


def test_a_copy_is_saved_under_a_name_the_local_disk_accepts(qtbot, desk, repair, tmp_path):
    att = attachments.attach(desk.driver, repair, "CON.txt", b"text")
    panel = panel_for(qtbot, desk.driver, repair)
    panel.select(att.id)
    target = tmp_path / "saved.txt"
    wait_all(qtbot, [panel.save_selected_to(target)])
    assert target.read_bytes() == b"text"
    assert local_file_name("CON.txt") == "_CON.txt"
    assert local_file_name("报价:单?.pdf ") == "报价_单_.pdf"


def test_the_panel_speaks_english_when_asked(qtbot, desk, repair, app):
    from desktop import i18n

    attachments.attach(desk.driver, repair, "报价单.pdf", b"quote")
    try:
        i18n.install(app, "en")
        panel = panel_for(qtbot, desk.driver, repair)
        assert AttachmentsPanel.title() == "Attachments"
        assert [panel.add_button.text(), panel.void_button.text()] == ["Add…", "Void…"]
        assert panel.status.text().startswith("1 attachment　Drop files here")
    finally:
        i18n.install(app, "zh_CN")


def test_F2_X1_the_repair_window_offers_no_add_to_whoever_may_not_file_its_papers(
    qtbot, desk, repair
):
    """A clerk of another office who opens a repair reads its files but is offered no 添加
    and no drop (``attachments.may_attach``); the driver who applied is offered both."""
    attachments.attach(desk.driver, repair, "报价单.pdf", b"quote")
    stranger = panel_for(qtbot, desk.clerk, repair)
    assert stranger.file_names() == ["报价单.pdf"]
    assert not stranger.add_button.isVisible() and not stranger.acceptDrops()
    assert "拖放" not in stranger.status.text()
    driver = panel_for(qtbot, desk.driver, repair)
    assert driver.add_button.isVisible() and driver.acceptDrops()
