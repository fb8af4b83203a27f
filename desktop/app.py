"""Start the desktop: QApplication, language, database, first administrator, login, main
window.

``build_main_window(user, url)`` is the one way to get a main window: the login flow calls
it after ``authenticate`` succeeded, and the start-up benchmark calls it for a user it read
from a database it opened itself (whoever can open the database file already has every
right over it, as with the command line). There is no switch that skips the login in
``run``: the start-up check of a built program (``desktop.smoke``, ``HOUQIN_SMOKE_USER``)
signs in through the login dialog with a password it reads from stdin.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from desktop import i18n, icons
from desktop.connection import configured_url
from desktop.main_window import MainWindow
from models.people import User

CJK_FONTS = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimSun",
]

STYLE = """
QListWidget#navigation { background: #f3f5f8; border: none; padding-top: 8px; }
QListWidget#navigation::item { padding-left: 10px; border-radius: 6px; margin: 1px 6px; }
QListWidget#navigation::item:selected { background: #dce8fb; color: #174ea6; }
QLabel#pageTitle { font-size: 18px; font-weight: bold; padding: 2px 0 6px 2px; }
QLabel#listStatus { color: #666; }
QTableView { gridline-color: #e6e6e6; selection-background-color: #cfe0fa;
             selection-color: black; }
QHeaderView::section { background: #f7f7f7; padding: 4px 6px; border: none;
                       border-bottom: 1px solid #ddd; border-right: 1px solid #eee; }
QStatusBar QLabel { color: #444; }
"""


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with Chinese fonts, the user's language, icons and style."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName("Houqin")
    app.setOrganizationName("Houqin")
    font = QFont(app.font())
    font.setFamilies(CJK_FONTS)
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    icons.register()
    app.setWindowIcon(icons.icon("app"))
    app.setStyleSheet(STYLE)
    i18n.install(app)
    # Qt adds the display name to every window title: the windows' own titles never repeat it.
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "后勤综合管理系统"))
    return app


def build_main_window(user: User, url: str) -> MainWindow:
    """The main window for a signed-in ``user`` on the database at ``url``."""
    return MainWindow(user, url)


class WaitNotice:
    """What a desktop shows while another one migrates the shared database: a small busy
    window, shown only when this desktop found the migration lock taken (``on_wait``), and
    closed when the database is open. The wait itself blocks the GUI thread; the window is
    painted before it begins."""

    def __init__(self) -> None:
        self.dialog: QProgressDialog | None = None

    def show(self) -> None:
        text = QCoreApplication.translate(
            "Startup", "另一台电脑正在升级数据库，请稍候…升级完成后将自动继续。"
        )
        dialog = QProgressDialog(text, "", 0, 0)
        dialog.setCancelButton(None)
        dialog.setWindowTitle(QCoreApplication.translate("Startup", "正在等待数据库升级"))
        dialog.setMinimumDuration(0)
        dialog.show()
        QApplication.processEvents()
        self.dialog = dialog

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()


def open_with_notice(url: str, notice: WaitNotice | None = None) -> None:
    """Open the database at ``url`` (migrating it if this program is newer), telling the
    user when another desktop's migration makes this one wait."""
    from models.db import close_database, open_database

    notice = notice if notice is not None else WaitNotice()
    close_database()
    try:
        open_database(url, on_wait=notice.show)
    finally:
        notice.close()


def login(url: str) -> tuple[User, str] | None:
    """Open the database, create the first administrator when it is empty, sign in.
    Returns the user and the URL finally used (the dialog can switch databases)."""
    from desktop.login import LoginDialog, first_admin_dialog
    from models import people

    error: BaseException | None = None
    try:
        open_with_notice(url)
    except Exception as exc:  # shown in the login dialog, where the database can be changed
        error = exc
    if error is None and not people.has_users():
        first = first_admin_dialog()
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
    dialog = LoginDialog(url, open_with_notice, database_error=error)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return None
    return dialog.user, dialog.url


def run(db_url: str | None = None) -> int:
    """``houqin`` without a subcommand: the desktop. Returns the process exit code."""
    app = create_application()
    from desktop import smoke

    driver = smoke.install(app)  # kept alive until the program exits
    signed_in = login(configured_url(db_url))
    if signed_in is None:
        return 0 if driver is None else 1  # the start-up check did not get in
    user, url = signed_in
    window = build_main_window(user, url)
    window.show()
    return app.exec()
