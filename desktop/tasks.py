"""Long work off the GUI thread (imports, exports, printing, reports, batch approval).

The shape is Anki's (``aqt/taskman.py``, ``aqt/progress.py``)::

    BackgroundTask(parent, fn).success(cb).failure(cb).with_progress("正在导入…").run()

- ``fn(progress)`` runs on one database worker thread (work is serialised, as SQLite needs)
  inside ``models.db.connection()``, i.e. with the worker's own connection; it must not touch
  a widget. Collect what it needs (selected ids, file names) on the GUI thread first.
- ``progress(done, total, label)`` records how far it got and raises ``Cancelled`` once the
  user pressed Cancel, so a domain function that calls it inside its transaction rolls back
  and writes nothing. ``models``/``forms`` only see plain callables, never Qt: the forms
  engines take ``**progress.hooks()`` (their ``progress`` and ``cancelled``).
- The progress dialog appears only after 600 ms, so quick work never flashes a window; a
  100 ms timer copies the worker's progress into it.
- The result or the exception comes back by a queued signal to the GUI thread. Without a
  ``failure`` callback the error goes to the one error router (``desktop.errors``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop import errors
from models.db import connection
from models.errors import Cancelled

SHOW_AFTER_MS = 600
POLL_MS = 100

# One thread for database work (Anki: "Tasks that access the collection are serialized").
_db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="houqin-db")
_running: set[BackgroundTask] = set()


class Progress:
    """Shared by the GUI and the worker. Plain attribute writes are atomic in CPython, and
    only the worker writes ``done``/``total``/``label``, only the GUI writes ``cancelled``."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.label = ""
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int | None = None, label: str | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if label is not None:
            self.label = label
        self.check()

    def check(self) -> None:
        """Raise ``Cancelled`` when the user asked to stop."""
        if self._cancelled.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def hooks(self) -> dict[str, Any]:
        """What the forms engines take (``write_register(..., **progress.hooks())``): this
        progress as ``progress(done, total)`` and ``cancelled()``."""
        return {"progress": self, "cancelled": self._cancelled.is_set}


class BackgroundTask(QObject):
    """One piece of work; build it with the fluent methods, then ``run()`` it."""

    done = Signal(object)  # the result (GUI thread)
    error = Signal(object)  # the exception (GUI thread)
    _finished = Signal(bool, object)  # emitted by the worker, delivered queued

    def __init__(
        self, parent: QWidget | None, fn: Callable[[Progress], Any], *, uses_db: bool = True
    ) -> None:
        super().__init__(None)
        self.parent_widget = parent
        self.fn = fn
        self.uses_db = uses_db
        self.progress = Progress()
        self.dialog: QProgressDialog | None = None
        self.finished = False
        self.result: Any = None
        self.exception: BaseException | None = None
        self._label: str | None = None
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self._poll)
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    # --- building ------------------------------------------------------------------------

    def success(self, callback: Callable[[Any], None]) -> BackgroundTask:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundTask:
        self._on_failure = callback
        return self

    def with_progress(self, label: str) -> BackgroundTask:
        self._label = label
        self.progress.label = label
        return self

    def run(self) -> BackgroundTask:
        _running.add(self)
        if self._label is not None:
            self._show_timer.start(SHOW_AFTER_MS)
        if self.uses_db:
            _db_pool.submit(self._work)
        else:
            threading.Thread(target=self._work, name="houqin-task", daemon=True).start()
        return self

    def cancel(self) -> None:
        self.progress.cancel()

    # --- worker thread -------------------------------------------------------------------

    def _work(self) -> None:
        try:
            if self.uses_db:
                with connection():
                    result = self.fn(self.progress)
            else:
                result = self.fn(self.progress)
        except BaseException as exc:
            self._finished.emit(False, exc)
            return
        self._finished.emit(True, result)

    # --- GUI thread ----------------------------------------------------------------------

    @Slot()
    def _show_dialog(self) -> None:
        if self.finished:
            return
        dialog = QProgressDialog(self._label or "", self.tr("取消"), 0, 0, self.parent_widget)
        dialog.setWindowTitle(self.tr("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancel_pressed)
        self.dialog = dialog
        self._poll()
        dialog.show()
        self._poll_timer.start()

    @Slot()
    def _cancel_pressed(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("正在取消…"))

    @Slot()
    def _poll(self) -> None:
        if self.dialog is None or self.progress.cancelled:
            return
        p = self.progress
        if p.total:
            self.dialog.setMaximum(p.total)
            self.dialog.setValue(min(p.done, p.total))
        if p.label:
            self.dialog.setLabelText(p.label)

    @Slot(bool, object)
    def _on_finished(self, ok: bool, payload: Any) -> None:
        self.finished = True
        self._show_timer.stop()
        self._poll_timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._cancel_pressed)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)
        if ok:
            self.result = payload
            if self._on_success is not None:
                self._on_success(payload)
            self.done.emit(payload)
            return
        self.exception = payload
        if self._on_failure is not None:
            self._on_failure(payload)
        else:
            errors.show_error(self.parent_widget, payload)
        self.error.emit(payload)


def run_in_background(
    parent: QWidget | None,
    fn: Callable[[Progress], Any],
    *,
    label: str | None = None,
    on_success: Callable[[Any], None] | None = None,
) -> BackgroundTask:
    """Shorthand for the common case."""
    task = BackgroundTask(parent, fn)
    if label is not None:
        task.with_progress(label)
    if on_success is not None:
        task.success(on_success)
    return task.run()
