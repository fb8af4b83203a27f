"""Connection settings: SQLite or MySQL, persisted in QSettings, the password never in the
settings file, a test-connection button that works in the background."""

from __future__ import annotations

from pathlib import Path

from desktop import connection, prefs
from desktop.connection import ConnectionConfig, ConnectionDialog


def test_sqlite_choice_persists_and_tests_in_the_background(qtbot, app, tmp_path):
    dialog = ConnectionDialog(ConnectionConfig())
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(tmp_path / "office.db"))
    task = dialog.test()
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert dialog.result_label.text().startswith("连接成功")
    dialog.accept()
    again = connection.load_config()
    assert again.kind == "sqlite" and again.sqlite_file == str(tmp_path / "office.db")
    assert connection.configured_url() == f"sqlite:///{tmp_path / 'office.db'}"


def test_mysql_password_never_lands_in_the_settings_file(qtbot, app, monkeypatch):
    stored = {}
    monkeypatch.setattr(connection, "keyring_available", lambda: True)

    import keyring

    monkeypatch.setattr(keyring, "set_password", lambda s, a, p: stored.__setitem__((s, a), p))
    dialog = ConnectionDialog(ConnectionConfig(kind="mysql"))
    qtbot.addWidget(dialog)
    dialog.host_edit.setText("db.office.local")
    dialog.user_edit.setText("houqin")
    dialog.password_edit.setText("s3cret-pw")
    dialog.remember_check.setChecked(True)
    dialog.accept()
    assert stored == {("Houqin MySQL", "houqin@db.office.local:3306/houqin"): "s3cret-pw"}
    ini = Path(prefs.settings().fileName())
    assert "s3cret-pw" not in ini.read_text(encoding="utf-8")
    assert connection.load_config().host == "db.office.local"
    assert connection.display_url(connection.load_config().url()) == (
        "MySQL houqin@db.office.local:3306/houqin"
    )


def test_without_a_password_store_the_dialog_says_so(qtbot, app, monkeypatch):
    monkeypatch.setattr(connection, "keyring_available", lambda: False)
    dialog = ConnectionDialog(ConnectionConfig(kind="mysql"))
    qtbot.addWidget(dialog)
    assert not dialog.remember_check.isEnabled()
    assert "密码不会被保存" in dialog.keyring_note.text()


def test_an_unreachable_server_is_reported_not_raised(qtbot, app):
    dialog = ConnectionDialog(ConnectionConfig(kind="mysql", host="127.0.0.1", port=1))
    qtbot.addWidget(dialog)
    task = dialog.test()
    qtbot.waitUntil(lambda: task.finished, timeout=15_000)
    assert dialog.result_label.text().startswith("连接失败：")
    assert dialog.test_button.isEnabled()
