"""Background work: the worker's own connection, the 600 ms progress dialog, cancelling an
import (nothing written), row-level errors, and exporting the current view."""

from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop import exporting, tasks
from desktop.admin import AuditLogView
from desktop.tasks import BackgroundTask
from models import people
from models.audit import AuditLog
from models.db import db
from models.errors import Cancelled
from models.people import Department


def department_sheet(path, names, kinds=None):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["部门名称", "类型"])
    for i, name in enumerate(names):
        ws.append([name, (kinds or {}).get(i, "科室")])
    book.save(path)
    return path


def test_work_runs_on_another_thread_with_its_own_connection(qtbot, desk):
    seen = {}

    def work(progress):
        seen["thread"] = threading.current_thread().name
        seen["connection"] = id(db.connection())
        return people.User.select().count()

    task = BackgroundTask(None, work).run()
    with qtbot.waitSignal(task.done, timeout=5000) as blocker:
        pass
    assert blocker.args == [9]
    assert seen["thread"].startswith("houqin-db")
    assert seen["connection"] != id(db.connection())


def test_quick_work_never_flashes_a_progress_dialog(qtbot, desk):
    task = BackgroundTask(None, lambda p: 42).with_progress("稍等").run()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    qtbot.wait(tasks.SHOW_AFTER_MS + 100)
    assert task.dialog is None and task.result == 42


def test_cancelling_an_import_writes_nothing(qtbot, desk, tmp_path, monkeypatch, boxes):
    monkeypatch.setattr(tasks, "SHOW_AFTER_MS", 0)
    path = department_sheet(tmp_path / "depts.xlsx", [f"科室{i:05d}" for i in range(4000)])
    before = Department.select().count()
    outcome = {}
    gate = threading.Event()
    from forms import excel_import

    real_tick = excel_import._Run.tick

    def slow_tick(self, done, total):  # hold the worker until the user pressed Cancel
        gate.wait(5)
        real_tick(self, done, total)

    monkeypatch.setattr(excel_import._Run, "tick", slow_tick)
    task = exporting.import_file(
        None,
        people_kind(),
        path,
        desk.admin,
        dry_run=False,
        on_done=lambda result: outcome.setdefault("result", result),
    )
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=3000)
    (cancel_button,) = task.dialog.findChildren(QPushButton)
    assert cancel_button.text() == "取消"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert isinstance(task.exception, Cancelled)
    assert "result" not in outcome
    assert boxes.shown == []  # a cancel is not an error
    assert Department.select().count() == before
    assert task.dialog is None


def people_kind():
    from forms.people import DEPARTMENT_KIND

    return DEPARTMENT_KIND


def test_rejected_rows_come_back_with_row_level_details(qtbot, desk, tmp_path, boxes):
    path = department_sheet(
        tmp_path / "bad.xlsx", ["财务科", "办公室", "三中队"], kinds={2: "大队"}
    )
    results = []
    task = exporting.import_file(
        None, people_kind(), path, desk.admin, dry_run=True, on_done=results.append
    )
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    result = results[0]
    assert not result.ok
    from desktop import errors

    errors.show_error(None, exporting.ImportRejected(result))
    shown = boxes.shown[-1]
    assert "有错误" in shown.text
    assert "第 3 行" in shown.details  # 办公室 exists already
    assert "第 4 行" in shown.details and "大队" in shown.details
    assert Department.select().count() == 2


def test_an_unexpected_error_shows_details_not_a_traceback_in_the_message(qtbot, desk, boxes):
    def work(progress):
        raise ZeroDivisionError("boom")

    task = BackgroundTask(None, work).run()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    shown = boxes.shown[-1]
    assert shown.kind == "bug"
    assert "Traceback" not in shown.text and "ZeroDivisionError" in shown.details


def test_export_writes_the_current_view_with_its_filters(qtbot, desk, tmp_path):
    view = AuditLogView()
    qtbot.addWidget(view)
    view.show()
    view.table_box.setCurrentIndex(view.table_box.findData("department"))
    out = tmp_path / "audit.xlsx"
    task = exporting.export_view(view.view, out, "审计日志", view.filters_text())
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert task.exception is None, task.exception
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "审计日志"
    assert "部门" in rows[2][0]  # 筛选条件, in words
    header = rows[3]
    assert header[:3] == ("时间", "操作人", "对象")
    body = [r for r in rows[4:] if r[0] and r[0] != "合计" and not str(r[0]).startswith("负责人")]
    assert len(body) == AuditLog.select().where(AuditLog.table == "department").count() == 2
    assert {r[2] for r in body} == {"部门"}


@pytest.mark.parametrize("cancel_first", [True])
def test_progress_raises_cancelled_once_cancelled(cancel_first):
    progress = tasks.Progress()
    progress(1, 10, "a")
    progress.cancel()
    with pytest.raises(Cancelled):
        progress(2, 10)
