"""X4 on the desktop: a write that meets another desktop's import waits in a visible dialog.

A real second connection holds the write lock of the real SQLite file (``BEGIN IMMEDIATE``,
as an import does), with the import's marker beside it. The window's use case, run the one
way (``desktop.ops.attempt``), meets the lock; the dialog 「正在等待其他用户完成导入」 names who
imports what and since when, retries in the background, and either goes through once the
lock is free or, after 取消, leaves nothing changed."""

from __future__ import annotations

import sqlite3
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import ops, waiting
from models import people, supplies
from models.db import db, long_write
from models.people import Department


@pytest.fixture
def other(desk):
    """Another desktop's connection to the same file."""
    connection = sqlite3.connect(Path(db.obj.database), isolation_level=None)
    yield connection
    if connection.in_transaction:
        connection.rollback()
    connection.close()


def _dialog() -> waiting.WaitingDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, waiting.WaitingDialog)]
    return next((w for w in shown if w.isVisible()), None)


def _when_dialog(qtbot, then) -> dict[str, object]:
    """Once the waiting dialog shows, note what it says and call ``then(dialog)``."""
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = _dialog()
        if dialog is None:
            QTimer.singleShot(50, look)
            return
        seen["at"] = time.monotonic()
        seen["texts"] = [dialog.headline.text(), dialog.who.text(), dialog.elapsed.text()]
        seen["task_running"] = not dialog.task.finished
        QTimer.singleShot(700, lambda: then(dialog))  # a few background asks meanwhile

    QTimer.singleShot(0, look)
    return seen


def test_X4_a_write_that_meets_an_import_waits_in_a_dialog_and_goes_through_after_it(
    qtbot, desk, other
):
    imports = ExitStack()
    other.execute("BEGIN IMMEDIATE")  # the import's write lock
    imports.enter_context(long_write("张三", "办公用品目录", "the catalogue"))

    def import_ends(dialog) -> None:
        seen["still_waiting"] = dialog.isVisible()
        imports.close()
        other.rollback()

    seen = _when_dialog(qtbot, import_ends)
    started = time.monotonic()
    written = ops.attempt(
        None,
        lambda ack: supplies.add_item(desk.logistics, name="订书机", category="文具", unit="个"),
    )
    assert written and supplies.Item.select().where(supplies.Item.name == "订书机").count() == 1
    headline, who, elapsed = seen["texts"]
    assert headline == "正在等待其他用户完成导入…"
    assert who.startswith("张三 正在导入办公用品目录，") and who.endswith("开始")
    assert "已等待" in elapsed and "取消则不做任何更改" in elapsed
    assert seen["task_running"] and seen["still_waiting"]
    assert seen["at"] - started < waiting.GUI_WAIT_S + 2  # not the whole busy timeout
    assert _dialog() is None


def test_X4_cancel_leaves_nothing_changed_and_the_write_is_not_run_again(qtbot, desk, other):
    before = Department.select().count()
    other.execute("BEGIN IMMEDIATE")  # a write of another desktop, no import marked
    runs: list[int] = []

    def use_case(ack):
        runs.append(1)
        return people.add_department(desk.admin, "新科室")

    def cancel(dialog) -> None:
        dialog.cancel_button.click()

    seen = _when_dialog(qtbot, cancel)
    assert ops.attempt(None, use_case) is False
    headline, who, _ = seen["texts"]
    assert headline == "正在等待其他用户完成导入或保存…" and "另一台电脑" in who
    other.rollback()  # the lock frees after the cancel: nothing follows
    qtbot.wait(2 * int(waiting.PROBE_S * 1000))
    assert runs == [1] and Department.select().count() == before
    assert _dialog() is None


def test_X4_the_waiting_dialog_speaks_english_with_the_markers_english(qtbot, desk, app, other):
    from desktop import i18n

    other.execute("BEGIN IMMEDIATE")
    i18n.set_configured_language("en")
    try:
        assert i18n.install(app) == "en"
        with long_write("张三", "办公用品目录", "the catalogue"):
            dialog = waiting.WaitingDialog(None, None)
            qtbot.addWidget(dialog)
            dialog._refresh()  # as the half-second timer does: the marker read again
            assert dialog.headline.text() == "Waiting for another user to finish an import…"
            assert dialog.who.text().startswith("张三 is importing the catalogue since ")
            assert dialog.cancel_button.text() == "Cancel"
            dialog.reject()
        qtbot.waitUntil(lambda: dialog.task.finished, timeout=5000)
    finally:
        i18n.set_configured_language("zh_CN")
        i18n.install(app)
