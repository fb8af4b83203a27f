"""The main window: module navigation on the left (with the inbox badge), the current page,
and a status bar naming the user, their roles and the database.

Another desktop's approval must show up here within a minute without a busy loop: a
``QTimer`` asks ``models.queries.inbox_signature`` every 30 s (one MAX on a primary key and
one small count). Only when the answer changed do the badge and the open approval lists
reload.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop import errors, i18n, labels, prefs, shortcuts
from desktop.connection import display_url
from desktop.icons import icon
from desktop.modules import Module, modules_for, registered
from models import people, queries, user_prefs
from models.people import Role, User

POLL_MS = 30_000
URGE_NOTICE_MS = 120_000  # long enough to be read by someone who stepped away
LAST_PAGE = "last_page"  # per user, in the database: it follows him to another PC
MODULE_ROLE = Qt.ItemDataRole.UserRole + 10
BADGE_ROLE = Qt.ItemDataRole.UserRole + 11


class BadgeDelegate(QStyledItemDelegate):
    """Draws a red count bubble at the right of a navigation item (like DingTalk's 待办)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        super().paint(painter, option, index)
        count = index.data(BADGE_ROLE) or 0
        if not count:
            return
        text = "99+" if count > 99 else str(count)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        painter.setFont(font)
        width = max(20, painter.fontMetrics().horizontalAdvance(text) + 12)
        rect = QRect(option.rect.right() - width - 10, option.rect.center().y() - 10, width, 20)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e5484d"))
        painter.drawRoundedRect(rect, 10, 10)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class MainWindow(QMainWindow):
    """One per signed-in user. ``data_changed`` fires after this desktop changed something
    or the poll saw another desktop do so; open pages reload what they show."""

    data_changed = Signal()

    def __init__(self, user: User, database_url: str) -> None:
        super().__init__()
        self.user = user
        self.database_url = database_url
        self.pages: dict[str, QWidget] = {}
        self.signature: queries.InboxSignature | None = None
        self.urge_notice = ""  # the last 催办 notice shown in the status bar
        # Qt appends the application's display name (the system's name) to this title.
        self.setWindowTitle(user.display_name)
        self.setWindowIcon(icon("app"))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setItemDelegate(BadgeDelegate(self.nav))
        self.nav.setSpacing(2)
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(240)
        self.modules: list[Module] = modules_for(user)
        for module in self.modules:
            item = QListWidgetItem(icon(module.icon), module.title())
            item.setData(MODULE_ROLE, module.key)
            item.setSizeHint(QSize(0, 44))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._navigate)

        self.stack = QStackedWidget()
        self.empty = QLabel(self.tr("没有可用的模块"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)

        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([190, 1000])
        self.setCentralWidget(splitter)

        self._build_menu()
        self._build_status_bar()

        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.data_changed.connect(self.poll)

        geometry = prefs.settings().value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1280, 760)

        self.poll()
        self.poll_timer.start()
        if self.modules:
            self.nav.setCurrentRow(self._last_row())

    # --- navigation ----------------------------------------------------------------------

    def module_keys(self) -> list[str]:
        return [m.key for m in self.modules]

    def open_module(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.module_keys().index(key))
        return self.pages[key]

    def current_module(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(MODULE_ROLE) if item else None

    @Slot(int)
    def _navigate(self, row: int) -> None:
        if row < 0:
            return
        module = self.modules[row]
        page = self.pages.get(module.key)
        if page is None:
            try:
                page = module.factory(self)
            except Exception as exc:
                errors.show_error(self, exc)
                return
            self.pages[module.key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self._remember(module.key)

    def _last_row(self) -> int:
        """The page this user had open last, at whichever PC (else the 工作台, first)."""
        try:
            last = user_prefs.get(self.user, LAST_PAGE)
        except Exception:  # no database at hand: the first page
            last = ""
        keys = self.module_keys()
        return keys.index(last) if last in keys else 0

    def _remember(self, key: str) -> None:
        # A dropped connection costs the memory of the page, nothing else.
        with contextlib.suppress(Exception):
            user_prefs.put(self.user, LAST_PAGE, key)

    def nav_item(self, key: str) -> QListWidgetItem:
        return self.nav.item(self.module_keys().index(key))

    def badge(self, key: str = "approvals") -> int:
        return int(self.nav_item(key).data(BADGE_ROLE) or 0)

    # --- the poll ------------------------------------------------------------------------

    @Slot()
    def poll(self) -> bool:
        """Refresh the badge; tell open pages to reload when something changed. Returns
        whether it did."""
        try:
            signature = queries.inbox_signature(self.user)
        except Exception:  # a dropped server connection: try again at the next tick
            self.db_label.setText(self.tr("数据库连接中断"))
            return False
        self.db_label.setText(display_url(self.database_url))
        if "approvals" in self.module_keys():
            self.nav_item("approvals").setData(BADGE_ROLE, signature.pending)
        changed = self.signature is not None and signature != self.signature
        self.signature = signature
        self._tell_urged(signature.last_urged)
        if changed:
            for page in self.pages.values():
                reload = getattr(page, "reload", None)
                if reload is not None:
                    reload()
        return changed

    def _tell_urged(self, urged: datetime | None) -> None:
        """An applicant urged one of my tasks since I was last told (催办): say so in the
        status bar, once; the inbox row carries the flag and the time."""
        if urged is None:
            return
        key = f"approvals/urge_seen/{self.user.id}"
        seen = prefs.value(key, "", str)
        stamp = urged.isoformat(sep=" ")
        if seen and stamp <= seen:
            return
        prefs.put(key, stamp)
        self.urge_notice = self.tr(
            "申请人催办了待您审批的申请（%1），请到审批中心尽快处理。"
        ).replace("%1", f"{urged:%m-%d %H:%M}")
        self.statusBar().showMessage(self.urge_notice, URGE_NOTICE_MS)

    def notify_changed(self) -> None:
        """Call after this desktop changed data (an approval, a new user)."""
        self.signature = None
        self.poll()
        for page in self.pages.values():
            reload = getattr(page, "reload", None)
            if reload is not None:
                reload()

    # --- chrome --------------------------------------------------------------------------

    def _build_menu(self) -> None:
        system = self.menuBar().addMenu(self.tr("系统(&S)"))
        password = QAction(icon("key"), self.tr("修改密码…"), self)
        password.triggered.connect(self.change_password)
        system.addAction(password)
        connection = QAction(icon("database"), self.tr("数据库连接…"), self)
        connection.triggered.connect(self.connection_settings)
        system.addAction(connection)
        language = system.addMenu(self.tr("界面语言"))
        group = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == i18n.configured_language())
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(action)
            language.addAction(action)
        system.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.triggered.connect(self.close)
        system.addAction(quit_action)
        self._build_keys()
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _build_keys(self) -> None:
        """操作: the keys of every page (``desktop.shortcuts``), in a menu so they are seen."""
        menu = self.menuBar().addMenu(self.tr("操作(&A)"))
        for text, keys, slot in (
            (self.tr("刷新"), shortcuts.REFRESH, self.refresh),
            (self.tr("查找"), shortcuts.FIND, lambda: self._on_list("focus_search")),
            (self.tr("新建"), shortcuts.NEW, lambda: self._on_list("press", "new")),
            (self.tr("打开"), shortcuts.OPEN, lambda: self._on_list("open_current")),
            (self.tr("打印"), shortcuts.PRINT, lambda: self._on_list("press", "print")),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(lambda _c=False, slot=slot: slot())
            menu.addAction(action)
            self.addAction(action)  # works while the menu bar is hidden too

    def refresh(self) -> None:
        """F5: read everything shown again (the badge and every open page)."""
        self.notify_changed()

    def current_list(self) -> Any:
        """The list the user is in on the current page: the one holding the focus, else the
        first one shown (``None`` on a page without a list, such as the 工作台)."""
        from desktop.list_view import ListView

        page = self.stack.currentWidget()
        lists = [v for v in page.findChildren(ListView) if v.isVisible()]
        focus = QApplication.focusWidget()
        holding = [v for v in lists if focus is not None and v.isAncestorOf(focus)]
        return (holding or lists or [None])[0]

    def _on_list(self, method: str, *args: str) -> bool:
        target = self.current_list()
        return bool(target is not None and getattr(target, method)(*args))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        dept = self.user.department.name if self.user.department_id else ""
        who = self.user.name + (f"（{dept}）" if dept else "")
        self.user_label = QLabel(self.tr("当前用户：") + who)
        order = list(Role)
        roles = sorted(self.user.roles, key=order.index)
        self.roles_label = QLabel(self.tr("角色：") + "、".join(labels.label(r) for r in roles))
        self.db_label = QLabel(display_url(self.database_url))
        self.db_label.setToolTip(self.tr("当前数据库"))
        for widget in (self.user_label, self.roles_label, self.db_label):
            widget.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(widget)

    def set_language(self, code: str) -> None:
        i18n.set_configured_language(code)
        errors.inform(
            self,
            self.tr("界面语言"),
            self.tr("界面语言将在下次启动时切换。") + "\nThe language changes at the next start.",
        )

    def connection_settings(self) -> None:
        from desktop.connection import ConnectionDialog

        dialog = ConnectionDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            errors.inform(
                self, self.tr("数据库连接"), self.tr("新的数据库连接将在重新登录后生效。")
            )

    def change_password(self) -> None:
        from desktop.form_dialog import FormDialog
        from forms.spec import Field

        fields = (
            Field("old_password", "原密码", required=True, label_en="Old password"),
            Field("password", "新密码", required=True, label_en="New password"),
            Field("password2", "再次输入新密码", required=True, label_en="New password again"),
        )

        def submit(values: dict) -> None:
            from models.errors import RuleViolation

            if values["password"] != values["password2"]:
                raise RuleViolation(
                    None, "两次输入的密码不一致", "the passwords differ", field="password2"
                )
            people.change_password(self.user, self.user, values["password"], values["old_password"])

        dialog = FormDialog(
            self.tr("修改密码"),
            fields,
            submit,
            password_fields=("old_password", "password", "password2"),
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            errors.inform(self, self.tr("修改密码"), self.tr("密码已修改。"))

    def about(self) -> None:
        from desktop.cli import VERSION

        errors.inform(
            self,
            self.tr("关于"),
            self.tr("后勤综合管理系统")
            + f" {VERSION}\n"
            + self.tr("模块：")
            + i18n.pick("、", ", ").join(module.title() for module in registered()),
        )

    def closeEvent(self, event: Any) -> None:
        prefs.put("window/geometry", self.saveGeometry())
        for page in self.pages.values():
            for child in page.findChildren(QWidget):
                save = getattr(child, "save_header", None)
                if save is not None:
                    save()
        self.poll_timer.stop()
        super().closeEvent(event)


def application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
