"""Which database this desktop opens: an SQLite file (the default) or a shared MySQL/MariaDB
server. The choice persists in QSettings; the server password goes to the operating system's
password store (Windows Credential Manager, macOS Keychain, Secret Service) through
``keyring``, never into the settings file. Where no password store exists the dialog says so
and the password is kept only for this session.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, prefs
from desktop.tasks import BackgroundTask, Progress
from models.db import connect_url, default_url, sqlite_path

KEYRING_SERVICE = "Houqin MySQL"
_session_passwords: dict[str, str] = {}  # when no password store exists


@dataclass
class ConnectionConfig:
    kind: str = "sqlite"  # "sqlite" or "mysql"
    sqlite_file: str = ""
    host: str = "127.0.0.1"
    port: int = 3306
    user: str = "houqin"
    database: str = "houqin"

    @property
    def account(self) -> str:
        """The keyring entry name: one password per server account and database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        if self.kind == "mysql":
            secret = load_password(self) if password is None else password
            auth = quote(self.user, safe="") + (":" + quote(secret, safe="") if secret else "")
            return f"mysql://{auth}@{self.host}:{self.port}/{self.database}"
        return "sqlite:///" + (self.sqlite_file or str(sqlite_path(default_url())))

    def display(self) -> str:
        """For the status bar and the login dialog: never shows a password."""
        if self.kind == "mysql":
            return f"MySQL {self.user}@{self.host}:{self.port}/{self.database}"
        return self.sqlite_file or str(sqlite_path(default_url()))


def display_url(url: str) -> str:
    """A URL without its password."""
    if url.startswith(("mysql://", "mariadb://")) and "@" in url:
        _scheme, rest = url.split("://", 1)
        auth, host = rest.rsplit("@", 1)
        return f"MySQL {auth.split(':', 1)[0]}@{host}"
    path = sqlite_path(url)
    return str(path) if path is not None else url


def load_config() -> ConnectionConfig:
    s = prefs.settings()
    return ConnectionConfig(
        kind=str(s.value("db/kind", "sqlite")),
        sqlite_file=str(s.value("db/sqlite_file", "")),
        host=str(s.value("db/host", "127.0.0.1")),
        port=int(s.value("db/port", 3306)),
        user=str(s.value("db/user", "houqin")),
        database=str(s.value("db/database", "houqin")),
    )


def save_config(config: ConnectionConfig) -> None:
    s = prefs.settings()
    s.setValue("db/kind", config.kind)
    s.setValue("db/sqlite_file", config.sqlite_file)
    s.setValue("db/host", config.host)
    s.setValue("db/port", config.port)
    s.setValue("db/user", config.user)
    s.setValue("db/database", config.database)
    s.remove("db/password")  # never in the file, even if an old version put it there
    s.sync()


# --- the password store ------------------------------------------------------------------


def keyring_available() -> bool:
    """False when ``keyring`` found no real backend (e.g. a Linux box without Secret
    Service): then the password is not stored anywhere."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def load_password(config: ConnectionConfig) -> str:
    if config.account in _session_passwords:
        return _session_passwords[config.account]
    if not keyring_available():
        return ""
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, config.account) or ""
    except Exception:
        return ""


def store_password(config: ConnectionConfig, password: str, remember: bool) -> bool:
    """Keep ``password`` for this session and, when asked and possible, in the OS store.
    Returns whether it was stored permanently."""
    _session_passwords[config.account] = password
    if not (remember and keyring_available()):
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, config.account, password)
    except Exception:
        return False
    return True


def test_connection(url: str) -> str:
    """Connect, run one query, report the schema version. Raises what the driver raises."""
    from models import schema

    database = connect_url(url)
    try:
        database.connect()
        database.execute_sql("SELECT 1")
        have = schema.current(database)
    finally:
        if not database.is_closed():
            database.close()
    return f"{have}/{schema.latest()}"


# --- the dialog --------------------------------------------------------------------------


class ConnectionDialog(QDialog):
    """Choose SQLite file or MySQL server, test it, save it."""

    def __init__(self, config: ConnectionConfig | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("数据库连接"))
        self.setMinimumWidth(520)
        self.config = config or load_config()
        self.task: BackgroundTask | None = None

        self.sqlite_radio = QRadioButton(self.tr("本机数据文件（SQLite，单机使用）"))
        self.mysql_radio = QRadioButton(self.tr("数据库服务器（MySQL/MariaDB，多台电脑共用）"))
        group = QButtonGroup(self)
        group.addButton(self.sqlite_radio)
        group.addButton(self.mysql_radio)

        self.file_edit = QLineEdit(self.config.sqlite_file or str(sqlite_path(default_url())))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.sqlite_box = QGroupBox(self.tr("数据文件"))
        sqlite_form = QFormLayout(self.sqlite_box)
        sqlite_form.addRow(self.tr("文件："), file_row)

        self.host_edit = QLineEdit(self.config.host)
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(self.config.port)
        self.db_edit = QLineEdit(self.config.database)
        self.user_edit = QLineEdit(self.config.user)
        self.password_edit = QLineEdit(load_password(self.config))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(self.tr("在系统密码保管库中记住密码"))
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("hint")
        if keyring_available():
            self.remember_check.setChecked(True)
        else:
            self.remember_check.setChecked(False)
            self.remember_check.setEnabled(False)
            self.keyring_note.setText(
                self.tr("这台电脑没有可用的系统密码保管库，密码不会被保存，每次启动需要重新输入。")
            )
        self.mysql_box = QGroupBox(self.tr("服务器"))
        mysql_form = QFormLayout(self.mysql_box)
        mysql_form.addRow(self.tr("地址："), self.host_edit)
        mysql_form.addRow(self.tr("端口："), self.port_spin)
        mysql_form.addRow(self.tr("数据库名："), self.db_edit)
        mysql_form.addRow(self.tr("用户名："), self.user_edit)
        mysql_form.addRow(self.tr("密码："), self.password_edit)
        mysql_form.addRow("", self.remember_check)
        mysql_form.addRow("", self.keyring_note)

        self.test_button = QPushButton(self.tr("测试连接"))
        self.test_button.clicked.connect(self.test)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result_label, 1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.sqlite_radio)
        layout.addWidget(self.sqlite_box)
        layout.addWidget(self.mysql_radio)
        layout.addWidget(self.mysql_box)
        layout.addLayout(test_row)
        layout.addWidget(buttons)

        self.sqlite_radio.toggled.connect(self._update_enabled)
        (self.mysql_radio if self.config.kind == "mysql" else self.sqlite_radio).setChecked(True)
        self._update_enabled()

    @Slot()
    def _update_enabled(self) -> None:
        mysql = self.mysql_radio.isChecked()
        self.mysql_box.setEnabled(mysql)
        self.sqlite_box.setEnabled(not mysql)

    @Slot()
    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("选择数据文件"),
            self.file_edit.text(),
            self.tr("后勤数据文件 (*.db);;所有文件 (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.file_edit.setText(name)

    def chosen(self) -> ConnectionConfig:
        return ConnectionConfig(
            kind="mysql" if self.mysql_radio.isChecked() else "sqlite",
            sqlite_file=str(Path(self.file_edit.text().strip()).expanduser())
            if self.file_edit.text().strip()
            else "",
            host=self.host_edit.text().strip() or "127.0.0.1",
            port=self.port_spin.value(),
            user=self.user_edit.text().strip(),
            database=self.db_edit.text().strip() or "houqin",
        )

    def url(self) -> str:
        return self.chosen().url(self.password_edit.text())

    @Slot()
    def test(self) -> BackgroundTask:
        """Test in the background: a server that does not answer takes seconds."""
        url = self.url()
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("正在连接…"))

        def ok(version: str) -> None:
            self.test_button.setEnabled(True)
            self.result_label.setText(self.tr("连接成功（数据库版本 %1）").replace("%1", version))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.result_label.setText(self.tr("连接失败：") + errors.message(exc))

        def work(_p: Progress) -> str:
            return test_connection(url)

        self.task = BackgroundTask(self, work, uses_db=False).success(ok).failure(failed).run()
        return self.task

    def accept(self) -> None:
        config = self.chosen()
        save_config(config)
        if config.kind == "mysql":
            store_password(config, self.password_edit.text(), self.remember_check.isChecked())
        self.config = config
        super().accept()


def configured_url(explicit: str | None = None) -> str:
    """``--db`` or ``HOUQIN_DB`` win; else the saved choice; else the per-user SQLite file."""
    import os

    if explicit or os.environ.get("HOUQIN_DB"):
        return explicit or os.environ["HOUQIN_DB"]
    return load_config().url()
