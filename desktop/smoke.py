"""The start-up check of an installed or frozen program: sign in, show the main window, quit.

``HOUQIN_SMOKE_USER=admin houqin --db sqlite:///x.db`` with the password as the first line
of stdin starts the desktop as usual; this driver types the user name and the password
into the real login dialog and presses 登录 (``LoginDialog.try_login``, so
``people.authenticate`` checks the password and counts a failure as any login does), waits
for the main window's first paint, closes it and lets the program exit with 0. A message box
on the way (a login notice) is written to stderr and dismissed. Whatever keeps the main
window from painting within ``HOUQIN_SMOKE_TIMEOUT`` seconds (default 60) exits with 3
and says which window was on top. Nothing is skipped: without the password no window opens.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:
    from desktop.login import LoginDialog

ENV_USER = "HOUQIN_SMOKE_USER"
ENV_TIMEOUT = "HOUQIN_SMOKE_TIMEOUT"
TIMED_OUT = 3


def requested() -> bool:
    return bool(os.environ.get(ENV_USER))


class SmokeDriver(QObject):
    """Drives the login dialog and quits after the main window painted (see module doc)."""

    def __init__(self, app: QApplication, username: str, password: str) -> None:
        super().__init__(app)
        self.app = app
        self.username = username
        self.password = password
        self.tried_login = False
        self.done = False
        self.poll = QTimer(self)
        self.poll.setInterval(100)
        self.poll.timeout.connect(self._step)
        self.poll.start()
        timeout = float(os.environ.get(ENV_TIMEOUT) or 60)
        QTimer.singleShot(int(timeout * 1000), self._give_up)
        app.installEventFilter(self)

    def _step(self) -> None:
        from desktop.login import LoginDialog

        modal = self.app.activeModalWidget()
        if isinstance(modal, QMessageBox):
            print(f"smoke: dismissed「{modal.text()}」", file=sys.stderr)
            modal.accept()
        elif isinstance(modal, LoginDialog) and not self.tried_login:
            self.tried_login = True
            modal.username.setText(self.username)
            modal.password.setText(self.password)
            # Not from this timer's slot: a notice box opened by the login runs a modal
            # loop, in which this timer must fire again to dismiss it.
            QTimer.singleShot(0, lambda: self._login(modal))

    def _login(self, dialog: LoginDialog) -> None:
        if not dialog.try_login():
            print(f"smoke: login refused: {dialog.message.text()}", file=sys.stderr)
            dialog.reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from desktop.main_window import MainWindow

        if (
            not self.done
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), MainWindow)
        ):
            self.done = True
            window = watched.window()
            # The display name is translated (desktop.app): English here shows the .qm loaded.
            title = f"{window.windowTitle()} - {self.app.applicationDisplayName()}"
            print(f"smoke: main window painted: {title}", file=sys.stderr)
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(0, self.app.quit)
        return False

    def _give_up(self) -> None:
        if self.done:
            return
        top = self.app.activeModalWidget() or self.app.activeWindow()
        name = type(top).__name__ if top is not None else "no window"
        title = top.windowTitle() if top is not None else ""
        print(f"smoke: no main window painted in time; on top: {name} {title}", file=sys.stderr)
        os._exit(TIMED_OUT)  # a modal loop may be running: leave at once


def install(app: QApplication) -> SmokeDriver | None:
    """Start the driver when ``HOUQIN_SMOKE_USER`` is set; the password is stdin's first line."""
    username = os.environ.get(ENV_USER)
    if not username:
        return None
    # A windowed program (houqin.exe on Windows) has no stdin: then no password, no login.
    password = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
    return SmokeDriver(app, username, password)
