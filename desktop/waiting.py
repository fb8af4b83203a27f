"""正在等待其他用户完成导入: a write of this desktop that meets another desktop's long import.

On SQLite an import holds the database's write lock from its first row to its commit
(``forms.excel_import``); readers go on (WAL), a writer waits. A window's use case runs on the
GUI thread (``desktop.ops.attempt``) and waits only ``GUI_WAIT_S`` there (an ordinary save of
another desktop takes milliseconds), so the window never freezes for the whole busy timeout.
Past that the use case has failed with ``models.db.WriteBusy`` and changed nothing, and
``wait_for_lock`` shows this dialog:

- what it waits for, from the marker the import leaves beside the file (who imports what,
  since when: ``models.db.long_writer``), read again every half second, and how long it has
  waited;
- a background task (``desktop.tasks``, the database worker's own connection) that asks for
  the write lock every ``PROBE_S`` and gives it back at once (``models.db.write_lock_free``,
  nothing written);
- 取消: the dialog closes at once and the task stops at its next ask; the use case is not run
  again, so nothing is changed.

When the lock is free the dialog closes and ``attempt`` runs the use case again, from the
start, on the GUI thread as the first time (it re-reads what it works on).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors
from desktop.i18n import pick, translator
from desktop.tasks import BackgroundTask, Progress
from models.db import long_writer, write_lock_free
from models.errors import Cancelled

tr = translator("waiting")

GUI_WAIT_S = 1.0  # how long a window's use case waits for the write lock before the dialog
PROBE_S = 0.25  # how long each background ask waits for it (and how soon 取消 stops it)
REFRESH_MS = 500


def _probe(progress: Progress) -> bool:
    """The worker's loop: ask for the write lock until it is free or the user cancels."""
    while not write_lock_free(PROBE_S):
        progress.check()
    return True


class WaitingDialog(QDialog):
    """The visible wait: the holder's words, the time waited, a busy bar and 取消."""

    def __init__(self, parent: QWidget | None, holder: dict[str, str] | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("请稍候"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.started = time.monotonic()
        self.closed = False  # a Python flag: the task may report after the dialog is gone
        self.headline = QLabel()
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.elapsed = QLabel()
        bar = QProgressBar()
        bar.setRange(0, 0)  # no end known: a busy bar
        self.cancel_button = QPushButton(tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.who, self.elapsed, bar):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self._show(holder)
        self.task = BackgroundTask(self, _probe).success(self._freed).failure(self._failed)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh)
        self._timer.start()
        self.task.run()

    def _show(self, holder: dict[str, str] | None) -> None:
        if holder is not None:
            self.headline.setText(tr("正在等待其他用户完成导入…"))
            self.who.setText(pick(holder["zh"], holder["en"]))
        else:
            self.headline.setText(tr("正在等待其他用户完成导入或保存…"))
            self.who.setText(tr("另一台电脑正在写入数据库。"))
        seconds = int(time.monotonic() - self.started)
        self.elapsed.setText(
            tr("已等待 %1 秒；完成后自动继续，取消则不做任何更改。").replace("%1", str(seconds))
        )

    @Slot()
    def _refresh(self) -> None:
        self._show(long_writer())

    def _freed(self, _result: Any) -> None:
        if not self.closed:
            self.accept()

    def _failed(self, exc: BaseException) -> None:
        if self.closed or isinstance(exc, Cancelled):
            return  # 取消 closed the dialog already
        self.reject()
        errors.show_error(self.parentWidget(), exc)

    def done(self, result: int) -> None:  # accept, reject, Esc, the close box
        self.closed = True
        self._timer.stop()
        self.task.cancel()  # the worker stops at its next ask; it wrote nothing
        super().done(result)


def wait_for_lock(parent: QWidget | None, holder: dict[str, str] | None) -> bool:
    """Show the wait until the write lock is free (True) or the user cancels (False)."""
    dialog = WaitingDialog(parent, holder)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
