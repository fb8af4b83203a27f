"""系统管理 (administrators): users, departments, office settings and the audit log.

The user and department dialogs are built from the same ``forms.people`` declarations the
Excel template and importer use, and they write through the same ``Kind.insert``/``update``
(which call ``models.people``), so a user added by hand and one imported from a sheet pass
exactly the same checks.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import peewee
from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops, shortcuts
from desktop.exporting import export_action, import_dialog
from desktop.form_dialog import FieldEditor, FormDialog
from desktop.i18n import pick
from desktop.icons import icon
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.module_page import ModulePage, Tab
from forms.people import DEPARTMENT_KIND, DEPARTMENTS, USER_KIND, USERS
from forms.spec import Field, FieldType
from models import passwords, people, queries, settings
from models.audit import AuditLog
from models.base import now
from models.errors import RuleViolation
from models.people import LOCKED_FOREVER, Department, Role, User

if TYPE_CHECKING:
    pass

# The filters offer every object and action that has words (``desktop.labels``).
AUDIT_TABLES = tuple(labels.AUDIT_OBJECTS)
AUDIT_ACTIONS = tuple(labels.AUDIT_ACTIONS)


def role_labels(codes: Any) -> str:
    if not codes:
        return ""
    order = list(Role)
    roles = sorted((Role(c) for c in str(codes).split(",") if c), key=order.index)
    return "、".join(labels.label(r) for r in roles)


class AdminPage(ModulePage):
    TITLE = "系统管理"

    # --- users ---------------------------------------------------------------------------

    def _user_list(self) -> ListView:
        def state(value: Any) -> str:
            if value is None:
                return self.tr("正常")
            if value >= LOCKED_FOREVER:
                return self.tr("已锁定")
            return self.tr("锁定至 ") + f"{value:%H:%M}" if value > now() else self.tr("正常")

        columns = [
            Column("username", self.tr("用户名"), User.username, width=110),
            Column("name", self.tr("姓名"), User.name, width=90),
            Column("department", self.tr("部门"), Department.name, width=110),
            Column(
                "roles",
                self.tr("角色"),
                queries.user_role_codes(),
                fmt=role_labels,
                sortable=False,
                width=170,
            ),
            Column("phone", self.tr("电话"), User.phone, width=120),
            Column("state", self.tr("状态"), User.locked_until, fmt=state, width=90),
            Column("last_login", self.tr("最近登录"), User.last_login_at, width=140),
        ]
        model = LazyQueryModel(
            lambda: queries.user_rows().where(User.voided_at.is_null()),
            columns,
            User.id,
            sort_column=0,
            descending=False,
            search_fields=[User.name_search, User.username],
        )
        view = ListView("admin.users", model, exporter=export_action(self.tr("用户名册")))
        buttons = [
            (icon("add"), self.tr("新增用户…"), self.add_user),
            (icon("edit"), self.tr("修改…"), self.edit_user),
            (icon("key"), self.tr("重置密码"), self.reset_password),
            (icon("lock"), self.tr("锁定"), self.lock_user),
            (icon("unlock"), self.tr("解锁"), self.unlock_user),
            (icon("void"), self.tr("作废…"), self.void_user),
            (icon("import"), self.tr("导入…"), self.import_users),
        ]
        for ic, text, slot in buttons:
            button = QPushButton(ic, text)
            button.clicked.connect(slot)
            if slot == self.add_user:
                shortcuts.mark(button, "new")  # Ctrl+N
            view.action_bar.addWidget(button)
        view.activated.connect(lambda _key: self.edit_user())
        return view

    def _selected_user(self) -> User | None:
        key = self.tab("users").current_id()
        if key is None:
            errors.inform(self, self.tr("用户"), self.tr("请先选中一个用户。"))
            return None
        return User.get_by_id(key)

    def user_dialog(self, user: User | None = None) -> FormDialog:
        """New user (initial password generated and shown once) or edit an existing one."""
        actor = self.user
        if user is None:
            title = self.tr("新增用户")
            fields = USERS.fields

            def submit(values: dict[str, Any]) -> Any:
                return USER_KIND.insert(actor, values)

            values: dict[str, Any] = {}
        else:
            title = self.tr("修改用户") + f" {user.username}"
            fields = tuple(f for f in USERS.fields if f.key != "username")

            def submit(values: dict[str, Any]) -> Any:
                return USER_KIND.update(actor, user, values)

            values = {
                "name": user.name,
                "department": user.department.name if user.department_id else None,
                "roles": tuple(r.label for r in user.roles),
                "phone": user.phone,
            }
        return FormDialog(title, fields, submit, values=values, parent=self)

    @Slot()
    def add_user(self) -> None:
        dialog = self.user_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            errors.inform(
                self,
                self.tr("新增用户"),
                self.tr("用户已添加。初始密码（只显示这一次，请转告本人并提醒修改）：")
                + f"\n\n{dialog.result}",
            )
            self.changed()

    @Slot()
    def edit_user(self) -> None:
        user = self._selected_user()
        if user is not None and self.user_dialog(user).exec() == QDialog.DialogCode.Accepted:
            self.changed()

    def _user_action(self, action: Any, done_text: str) -> bool:
        user = self._selected_user()
        if user is None:
            return False

        def done(_result: Any) -> None:
            if done_text:
                errors.inform(self, self.tr("用户"), done_text)
            self.changed()

        return ops.attempt(self, lambda _ack: action(user), done=done)

    @Slot()
    def reset_password(self) -> None:
        password = passwords.new_password()

        def reset(user: User) -> None:
            people.change_password(self.user, user, password)

        self._user_action(
            reset, self.tr("新密码（只显示这一次，请转告本人并提醒修改）：") + f"\n\n{password}"
        )

    @Slot()
    def lock_user(self) -> None:
        self._user_action(lambda u: people.lock_user(self.user, u), "")

    @Slot()
    def unlock_user(self) -> None:
        self._user_action(lambda u: people.unlock_user(self.user, u), "")

    @Slot()
    def void_user(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("作废用户"), self.tr("作废原因："))
        if ok:
            self._user_action(lambda u: people.void_user(self.user, u, reason), "")

    @Slot()
    def import_users(self) -> None:
        import_dialog(self, USER_KIND, self.user, self.changed)

    @Slot()
    def import_departments(self) -> None:
        import_dialog(self, DEPARTMENT_KIND, self.user, self.changed)

    # --- departments ---------------------------------------------------------------------

    def _department_list(self) -> ListView:
        columns = [
            Column("name", self.tr("部门名称"), Department.name, width=200),
            Column("kind", self.tr("类型"), Department.kind, width=80),
            Column("sort_key", self.tr("排序号"), Department.sort_key, width=60),
        ]
        model = LazyQueryModel(
            lambda: Department.select().where(Department.voided_at.is_null()),
            columns,
            Department.id,
            sort_column=2,  # the office's order (排序号), as everywhere else
            descending=False,
        )
        view = ListView("admin.departments", model, exporter=export_action(self.tr("部门名册")))
        add = shortcuts.mark(QPushButton(icon("add"), self.tr("新增部门…")), "new")
        add.clicked.connect(self.add_department)
        edit = QPushButton(icon("edit"), self.tr("修改…"))
        edit.clicked.connect(self.edit_department)
        imp = QPushButton(icon("import"), self.tr("导入…"))
        imp.clicked.connect(self.import_departments)
        view.action_bar.addWidget(add)
        view.action_bar.addWidget(edit)
        view.action_bar.addWidget(imp)
        view.activated.connect(lambda _key: self.edit_department())
        return view

    def department_dialog(self, department: Department | None = None) -> FormDialog:
        actor = self.user
        if department is None:
            return FormDialog(
                self.tr("新增部门"),
                DEPARTMENTS.fields,
                lambda values: DEPARTMENT_KIND.insert(actor, values),
                values={"kind": "科室"},
                parent=self,
            )
        return FormDialog(
            self.tr("修改部门"),
            DEPARTMENTS.fields,
            lambda values: people.update_department(actor, department, **values),
            values={
                "name": department.name,
                "kind": department.kind,
                "sort_key": department.sort_key,
            },
            parent=self,
        )

    @Slot()
    def add_department(self) -> None:
        if self.department_dialog().exec() == QDialog.DialogCode.Accepted:
            self.changed()

    @Slot()
    def edit_department(self) -> None:
        key = self.tab("departments").current_id()
        if key is None:
            return
        dialog = self.department_dialog(Department.get_by_id(key))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()

    TABS = (
        Tab("users", "用户", "user", _user_list),
        Tab("departments", "部门", "department", _department_list),
        Tab("settings", "系统设置", "settings", lambda page: SettingsPanel(page.user)),
        Tab("audit", "审计日志", "audit", lambda page: AuditLogView()),
    )


class SettingsPanel(QWidget):
    """The office's settings (``models.settings.SPECS``), each with its rule error beside it."""

    def __init__(self, user: User) -> None:
        super().__init__()
        self.user = user
        self.editors: dict[str, FieldEditor] = {}
        form = QFormLayout()
        for key, spec in settings.specs().items():
            kind = FieldType.MONEY if spec.kind is Decimal else FieldType.INTEGER
            if spec.kind is str:
                kind = FieldType.TEXT
            elif spec.kind is date:
                kind = FieldType.DATE
            field = Field(
                key, spec.label_zh, kind, required=not spec.optional, label_en=spec.label_en
            )
            editor = FieldEditor(field, self)
            editor.set_value(settings.get(key))
            self.editors[key] = editor
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor.widget)
            box.addWidget(editor.error)
            form.addRow(pick(spec.label_zh, spec.label_en) + "：", box)
        self.save_button = QPushButton(icon("save"), self.tr("保存设置"))
        self.save_button.clicked.connect(self.save)
        self.note = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.note)
        layout.addStretch(1)

    @Slot()
    def save(self) -> bool:
        ok = True
        changed = 0
        for key, editor in self.editors.items():
            editor.show_error("")
            widget = editor.widget
            raw = widget.text().strip() if isinstance(widget, QLineEdit) else editor.raw()
            if not raw and not editor.field.required:
                raw = ""  # an optional setting left empty (a date not set yet)
            elif not raw:
                editor.show_error(self.tr("必填"))
                ok = False
                continue
            try:
                before = settings.get(key)
                after = settings.put(self.user, key, raw)
                changed += before != after
            except RuleViolation as exc:
                editor.show_error(errors.inline_text(exc))
                ok = False
            except Exception as exc:
                errors.show_error(self, exc)
                return False
        self.note.setText(self.tr("已保存 %n 项更改。", "", changed) if ok else "")
        return ok


class AuditLogView(QWidget):
    """The audit log, newest first, filtered by date, table, action and person (pinyin)."""

    def __init__(self) -> None:
        super().__init__()

        def actor_match(text: str) -> peewee.Expression:
            ids = User.select(User.id).where(User.name_search.contains(text))
            return AuditLog.actor_name.contains(text) | AuditLog.actor_id.in_(ids)

        columns = [
            Column("at", self.tr("时间"), AuditLog.at, width=140),
            Column("actor", self.tr("操作人"), AuditLog.actor_name, width=100),
            Column("table", self.tr("对象"), AuditLog.table, width=90, fmt=labels.audit_object),
            Column("record", self.tr("记录号"), AuditLog.record_id, width=70, align_right=True),
            Column("action", self.tr("操作"), AuditLog.action, width=90, fmt=labels.audit_action),
            Column(
                "changes",
                self.tr("变更内容"),
                AuditLog.changes,
                sortable=False,
                width=300,
                text=lambda row: labels.audit_changes(row.get("table"), row.get("changes")),
            ),
            Column("note", self.tr("备注"), AuditLog.note, sortable=False, width=200),
        ]
        self.model = LazyQueryModel(
            lambda: AuditLog.select(),
            columns,
            AuditLog.id,
            sort_column=None,
            descending=True,
            search_fields=[actor_match],
        )
        self.view = ListView(
            "admin.audit",
            self.model,
            search_hint=self.tr("操作人（姓名、拼音或首字母）"),
            exporter=export_action(self.tr("审计日志"), self.filters_text),
        )
        self.since = QDateEdit()
        self.until = QDateEdit()
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setSpecialValueText(self.tr("不限"))
            edit.setDate(QDate(2000, 1, 1))
        self.table_box = QComboBox()
        self.table_box.addItem(self.tr("全部对象"), None)
        for table in AUDIT_TABLES:
            self.table_box.addItem(labels.audit_object(table), table)
        self.action_box = QComboBox()
        self.action_box.addItem(self.tr("全部操作"), None)
        for action in AUDIT_ACTIONS:
            self.action_box.addItem(labels.audit_action(action), action)
        bar = self.view.filter_bar
        bar.addWidget(QLabel(self.tr("从")))
        bar.addWidget(self.since)
        bar.addWidget(QLabel(self.tr("到")))
        bar.addWidget(self.until)
        bar.addWidget(self.table_box)
        bar.addWidget(self.action_box)
        for signal in (
            self.since.dateChanged,
            self.until.dateChanged,
            self.table_box.currentIndexChanged,
            self.action_box.currentIndexChanged,
        ):
            signal.connect(self.apply_filters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def filters(self) -> list[peewee.Expression]:
        found: list[peewee.Expression] = []
        floor = QDate(2000, 1, 1)
        if self.since.date() != floor:
            found.append(
                AuditLog.at >= datetime.combine(self.since.date().toPython(), datetime.min.time())
            )
        if self.until.date() != floor:
            day = self.until.date().addDays(1).toPython()
            found.append(AuditLog.at < datetime.combine(day, datetime.min.time()))
        if self.table_box.currentData():
            found.append(AuditLog.table == self.table_box.currentData())
        if self.action_box.currentData():
            found.append(AuditLog.action == self.action_box.currentData())
        return found

    def filters_text(self) -> str:
        parts = []
        if self.since.date() != QDate(2000, 1, 1):
            parts.append(self.tr("从 ") + self.since.date().toString("yyyy-MM-dd"))
        if self.until.date() != QDate(2000, 1, 1):
            parts.append(self.tr("到 ") + self.until.date().toString("yyyy-MM-dd"))
        for box in (self.table_box, self.action_box):
            if box.currentData():
                parts.append(box.currentText())
        return "；".join(parts)

    @Slot()
    def apply_filters(self) -> None:
        self.model.set_filters(self.filters())
