"""Signing in: the first-start administrator, the login dialog and the database it opens.

The login checks go through ``models.people.authenticate``, which counts failures and locks
the account; the dialog only shows the model's own sentence (``账户锁定至 10:45``), so the
desktop and the command line say the same thing. After a good password, ``login_notices``
says what the user should know before working: this PC's clock is off the server's, and (to
administrators) that next year's holidays are not entered yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, prefs
from desktop.connection import ConnectionDialog, display_url
from desktop.form_dialog import ErrorLabel, FormDialog
from desktop.i18n import pick
from desktop.icons import icon
from forms.spec import Field
from models import calendar, clock_source, people
from models.errors import HouqinError, RuleViolation
from models.people import User

OpenDatabase = Callable[[str], None]


def login_notices(user: User) -> list[str]:
    """Warnings after signing in; a check that fails never stops the login."""
    checks: list[Callable[[], tuple[str, str] | None]] = [clock_source.skew_notice]
    if user.has_role(people.Role.ADMIN):
        checks.append(calendar.coverage_notice)
    found = []
    for check in checks:
        try:
            notice = check()
        except Exception:  # a warning must not lock anyone out
            continue
        if notice is not None:
            found.append(pick(*notice))
    return found


def first_admin_dialog(parent: QWidget | None = None) -> FormDialog:
    """The first start on an empty database creates the administrator (once, ever)."""
    fields = (
        Field("username", "用户名", required=True, max_length=64, label_en="User name"),
        Field("name", "姓名", required=True, max_length=64, label_en="Name"),
        Field(
            "password",
            "密码",
            required=True,
            label_en="Password",
            help="至少 8 位 / at least 8 characters",
        ),
        Field("password2", "再次输入密码", required=True, label_en="Password again"),
    )

    def submit(values: dict) -> User:
        if values["password"] != values["password2"]:
            raise RuleViolation(
                None, "两次输入的密码不一致", "the passwords differ", field="password2"
            )
        return people.create_first_admin(values["username"], values["password"], values["name"])

    dialog = FormDialog(
        QCoreApplication.translate("first_admin", "首次使用：创建系统管理员"),
        fields,
        submit,
        values={"username": "admin", "name": "系统管理员"},
        password_fields=("password", "password2"),
        parent=parent,
    )
    note = QLabel(
        QCoreApplication.translate(
            "first_admin",
            "这是一个新的数据库。请先创建系统管理员账户，之后用它登录并添加其他用户。",
        )
    )
    note.setWordWrap(True)
    dialog.layout().insertWidget(0, note)
    return dialog


class LoginDialog(QDialog):
    """User name, password, which database, remember the user name. ``self.user`` is set on
    success. ``open_database(url)`` (re)binds the application to another database."""

    def __init__(
        self,
        url: str,
        open_database: OpenDatabase,
        parent: QWidget | None = None,
        database_error: BaseException | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登录"))  # Qt appends the system's name
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(420)
        self.url = url
        self.open_database = open_database
        self.user: User | None = None
        self.database_ok = database_error is None

        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(48, 48))
        title = QLabel(self.tr("后勤综合管理系统"))
        title.setObjectName("loginTitle")
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(title, 1)

        remembered = prefs.value("login/username", "", str)
        self.username = QLineEdit(remembered)
        self.username.setPlaceholderText(self.tr("用户名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.remember = QCheckBox(self.tr("记住用户名"))
        self.remember.setChecked(prefs.value("login/remember", True, bool))

        self.database_label = QLabel()
        self.database_label.setWordWrap(True)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        change = QPushButton(self.tr("更改…"))
        change.clicked.connect(self.change_database)
        db_row = QHBoxLayout()
        db_row.addWidget(self.database_label, 1)
        db_row.addWidget(change)

        self.message = ErrorLabel()
        self.message.setObjectName("loginError")

        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("密码："), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("数据库："), db_row)

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._show_database(database_error)
        (self.password if remembered else self.username).setFocus()

    def _show_database(self, error: BaseException | None = None) -> None:
        self.database_label.setText(display_url(self.url))
        self.database_ok = error is None
        self.login_button.setEnabled(self.database_ok)
        if error is not None:
            self.show_message(self.tr("无法打开数据库：") + errors.message(error))
        else:
            self.show_message("")

    def show_message(self, text: str) -> None:
        self.message.show_text(text)

    @Slot()
    def change_database(self) -> None:
        dialog = ConnectionDialog(parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.switch_database(dialog.config.url())

    def switch_database(self, url: str) -> None:
        self.url = url
        try:
            self.open_database(url)
        except Exception as exc:  # unreachable server, newer schema: say so, stay here
            self._show_database(exc)
            return
        self._show_database()
        if not people.has_users():
            dialog = first_admin_dialog(self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.username.setText(dialog.result.username)
                self.password.setFocus()

    @Slot()
    def try_login(self) -> bool:
        if not self.database_ok:
            return False
        try:
            user = people.authenticate(self.username.text(), self.password.text())
        except HouqinError as exc:
            self.show_message(errors.message(exc))
            self.password.clear()
            self.password.setFocus()
            return False
        except Exception as exc:
            errors.show_error(self, exc)
            return False
        self.user = user
        notices = login_notices(user)
        if notices:
            errors.inform(self, self.tr("请注意"), "\n\n".join(notices))
        if self.remember.isChecked():
            prefs.put("login/username", user.username)
        else:
            prefs.remove("login/username")
        prefs.put("login/remember", self.remember.isChecked())
        self.accept()
        return True
