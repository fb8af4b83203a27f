"""Signing in: good and bad password, lockout as the model words it, first administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import prefs
from desktop.app import open_with_notice as _open
from desktop.login import LoginDialog, first_admin_dialog
from models import people
from models.people import User
from tests.desktop.typing import type_text
from tests.office import PASSWORD


def login_dialog(qtbot, desk) -> LoginDialog:
    dialog = LoginDialog(desk.url, _open)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sign_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_good_password_signs_in_and_remembers_the_user_name(qtbot, desk):
    dialog = login_dialog(qtbot, desk)
    sign_in(qtbot, dialog, "lisi", PASSWORD)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.user is not None and dialog.user.name == "李四"
    assert prefs.value("login/username") == "lisi"
    again = login_dialog(qtbot, desk)
    assert again.username.text() == "lisi"
    assert desk.head.username in again.username.text()


def test_bad_password_is_refused_with_the_models_message(qtbot, desk):
    dialog = login_dialog(qtbot, desk)
    sign_in(qtbot, dialog, "lisi", "wrong-password")
    assert dialog.user is None
    assert dialog.result() != LoginDialog.DialogCode.Accepted
    assert dialog.message.isVisible()
    assert dialog.message.text() == "用户名或密码错误"
    assert dialog.password.text() == ""
    assert User.get(User.username == "lisi").failed_logins == 1


def test_lockout_after_five_failures_shows_until_when(qtbot, desk):
    dialog = login_dialog(qtbot, desk)
    for _ in range(5):
        sign_in(qtbot, dialog, "lisi", "wrong-password")
    assert dialog.message.text() == "用户名或密码错误"  # the fifth failure locks silently
    sign_in(qtbot, dialog, "lisi", PASSWORD)  # the right password no longer helps
    assert dialog.user is None
    locked_until = User.get(User.username == "lisi").locked_until
    assert dialog.message.text() == f"登录失败次数过多，账户锁定至 {locked_until:%H:%M}"


def test_unreachable_database_is_said_in_the_dialog_and_login_disabled(qtbot, desk, tmp_path):
    dialog = login_dialog(qtbot, desk)
    dialog.switch_database("postgres://nowhere/houqin")
    assert not dialog.login_button.isEnabled()
    assert "无法打开数据库" in dialog.message.text()
    assert "不支持的数据库地址" in dialog.message.text()


def test_first_start_creates_the_administrator_once(qtbot, sqlite_database, app):
    assert not people.has_users()
    dialog = first_admin_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.widget("password"), "long-enough-1")
    qtbot.keyClicks(dialog.widget("password2"), "different-22")
    assert not dialog.try_submit()
    assert "两次输入的密码不一致" in dialog.error_text("password2")
    assert not people.has_users()
    dialog.widget("name").clear()
    type_text(dialog.widget("name"), "王主任")
    dialog.widget("password2").clear()
    qtbot.keyClicks(dialog.widget("password2"), "long-enough-1")
    assert dialog.try_submit()
    admin = people.authenticate("admin", "long-enough-1")
    assert admin.name == "王主任" and admin.has_role(people.Role.ADMIN)


def test_after_login_an_administrator_hears_that_next_years_holidays_are_missing(
    qtbot, desk, boxes
):
    from models import settings

    # Two years ahead always reaches a year the installed chinese-calendar does not know.
    settings.put(desk.admin, "calendar.unknown_year_notice_days", 730)
    sign_in(qtbot, login_dialog(qtbot, desk), "admin", PASSWORD)
    assert any("节假日和调休安排尚未录入" in text for text in boxes.texts())
    boxes.shown.clear()
    dialog = login_dialog(qtbot, desk)
    sign_in(qtbot, dialog, "lisi", PASSWORD)  # not an administrator: nothing to do about it
    assert dialog.user is not None and boxes.shown == []  # SQLite: no clock to be off from
