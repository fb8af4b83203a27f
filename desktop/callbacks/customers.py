"""客户档案 (C1): the customers, searched by name, pinyin or initials (zs finds 张三), number or
the phone's last digits; opening one shows his timeline — contacts and addresses as they
changed, projects, callbacks with their attempts and records, problems, complaints — newest
first (``models.callbacks.customer_archive``). Import and template through the customers
register (``forms.callbacks.registers``); 新增客户, 修改电话, 修改地址 and 重要客户 through
the dialogs of ``desktop.callbacks.customer_dialogs``, offered only to the roles their use
cases accept."""

from __future__ import annotations

from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels
from desktop.callbacks import customer_dialogs
from desktop.exporting import export_action, export_template, import_dialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from forms.kinds import get_kind
from models import callbacks
from models.callbacks import (
    ARCHIVE_ROLES,
    IMPORTANT_ROLES,
    PROJECT_ROLES,
    CallbackRecord,
    Customer,
    CustomerKind,
)
from models.callbacks import CustomerContact as Contact
from models.people import Role, User


def _current_phone() -> peewee.Node:
    """The newest contact's phone as a correlated scalar: one query for the page of rows."""
    return (
        Contact.select(Contact.phone)
        .where(Contact.customer == Customer.id)
        .order_by(Contact.valid_from.desc(), Contact.id.desc())
        .limit(1)
    )


def _phone_tail_search(word: str) -> peewee.Expression:
    """尾号: the last digits staff type (``5678``) find the customer by any of his numbers."""
    if not word.isdigit() or len(word) > 4:
        return Customer.id.is_null()  # matches nothing; the other fields answer
    return Customer.id.in_(
        Contact.select(Contact.customer).where(Contact.phone_tail.endswith(word))
    )


class CustomersTab(PageTab):
    """客户档案: the archive, important customers marked, each customer's timeline."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("number", self.tr("客户编号"), Customer.number, width=120),
            Column("name", self.tr("客户名称"), Customer.name, width=140),
            Column(
                "kind", self.tr("类型"), Customer.kind, fmt=labels.labeller(CustomerKind), width=60
            ),
            Column("phone", self.tr("联系电话"), _current_phone(), sortable=False, width=130),
            Column(
                "important",
                self.tr("重要客户"),
                Customer.important,
                fmt=lambda v: self.tr("重要") if v else "",
                width=70,
            ),
            Column("note", self.tr("备注"), Customer.note, sortable=False, width=200),
        ]
        self.model = LazyQueryModel(
            self._base,
            columns,
            Customer.id,
            sort_column=0,
            descending=False,
            search_fields=[
                Customer.name_search,
                Customer.name,
                Customer.number,
                _phone_tail_search,
            ],
        )
        self.view = ListView(
            "callbacks.customers",
            self.model,
            search_hint=self.tr("搜索客户（名称、拼音或首字母、编号、电话尾号）"),
            exporter=export_action(self.tr("客户档案"), self.filters_text),
        )
        self.kind = filter_combo(
            labels.choices([CustomerKind.INDIVIDUAL, CustomerKind.ORGANISATION]),
            self.tr("全部类型"),
        )
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.view.filter_bar.addWidget(self.kind)
        bar = self.view.action_bar
        keeper = user.has_role(*ARCHIVE_ROLES)
        self.new_button = button(
            "add", self.tr("新增客户…"), self.new_customer, visible=keeper, bar=bar
        )
        bar.addWidget(button("open", self.tr("客户档案"), self.open_selected))
        self.phone_button = button("edit", self.tr("修改电话…"), self.change_phone, bar=bar)
        self.address_button = button("edit", self.tr("修改地址…"), self.change_address, bar=bar)
        self.important_button = button("approve", self.tr("标记重要客户…"), self.mark, bar=bar)
        if keeper:
            bar.addWidget(button("import", self.tr("导入客户…"), self.import_customers))
            bar.addWidget(
                button(
                    "export", self.tr("下载导入模板…"), lambda: export_template(self, "customers")
                )
            )
        if user.has_role(*PROJECT_ROLES):  # what was sold starts the C9 cadence
            bar.addWidget(button("import", self.tr("导入项目/保单…"), self.import_projects))
            bar.addWidget(
                button(
                    "export",
                    self.tr("项目导入模板…"),
                    lambda: export_template(self, "projects"),
                )
            )
        self.view.activated.connect(lambda key: self.open_customer(int(key)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.selection_changed.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        self.update_actions()

    def _base(self) -> peewee.ModelSelect:
        return Customer.select().where(Customer.voided_at.is_null())

    def apply_filters(self) -> None:
        kind = self.kind.currentData()
        self.model.set_filters([Customer.kind == kind] if kind is not None else [])

    def filters_text(self) -> str:
        return self.kind.currentText() if self.kind.currentIndex() else ""

    def reload(self) -> None:
        self.model.reload()
        self.update_actions()

    def selected(self) -> Customer | None:
        key = self.view.current_id()
        return None if key is None else Customer.get_by_id(int(key))

    @Slot()
    def update_actions(self) -> None:
        """The selected customer's changes, for the roles their use cases accept (X1)."""
        customer = self.selected()
        keeper = customer is not None and self.user.has_role(*ARCHIVE_ROLES)
        self.phone_button.setVisible(keeper)
        self.address_button.setVisible(keeper)
        manager = customer is not None and self.user.has_role(*IMPORTANT_ROLES)
        self.important_button.setVisible(manager)
        if customer is not None:
            important = customer.important
            self.important_button.setText(
                self.tr("取消重要客户…") if important else self.tr("标记重要客户…")
            )

    def _run(self, dialog: QDialog) -> Any:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            self.reload()
            return getattr(dialog, "result", None)
        return None

    @Slot()
    def new_customer(self) -> Any:
        return self._run(customer_dialogs.new_customer_dialog(self.user, self))

    @Slot()
    def change_phone(self) -> Any:
        customer = self.selected()
        if customer is None:
            return None
        return self._run(customer_dialogs.contact_dialog(self.user, customer, self))

    @Slot()
    def change_address(self) -> Any:
        customer = self.selected()
        if customer is None:
            return None
        return self._run(customer_dialogs.address_dialog(self.user, customer, self))

    @Slot()
    def mark(self) -> Any:
        customer = self.selected()
        if customer is None:
            return None
        return self._run(customer_dialogs.important_dialog(self.user, customer, self))

    @Slot()
    def open_selected(self) -> QDialog | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("客户档案"), self.tr("请先选中一位客户。"))
            return None
        return self.open_customer(int(key))

    def open_customer(self, customer_id: int) -> QDialog:
        dialog = TimelineDialog(Customer.get_by_id(customer_id), self, self.user)
        dialog.show()
        return dialog

    @Slot()
    def import_customers(self) -> None:
        import_dialog(self, get_kind("customers"), self.user, self.changed)

    @Slot()
    def import_projects(self) -> Any:
        """项目/保单 of customers in the archive (``forms.callbacks.projects``, C9)."""
        return import_dialog(self, get_kind("projects"), self.user, self.changed)


def timeline(customer: Customer) -> list[tuple[Any, str, str]]:
    """The archive's lines, complaints included, newest first: (when, what, detail)."""
    return [line[:3] for line in _archive(customer)]


def _archive(customer: Customer) -> list[tuple[Any, str, str, str, int]]:
    """(when, what, detail, table, id) of each line, newest first."""
    lines = callbacks.customer_archive(customer)
    rows = ((x.at, x.what, x.detail, x.table, x.record_id) for x in lines)
    return sorted(rows, key=lambda r: r[0], reverse=True)


class TimelineDialog(QDialog):
    """One customer's archive as a timeline (C1, C6): nothing superseded is left out."""

    def __init__(
        self, customer: Customer, parent: QWidget | None = None, user: User | None = None
    ) -> None:
        super().__init__(parent)
        self.user, self.customer = user, customer
        self.setWindowTitle(f"{self.tr('客户档案')} · {customer.name}（{customer.number}）")
        self.resize(820, 520)
        contact = callbacks.current_contact(customer)
        address = callbacks.current_address(customer)
        head = [customer.name, labels.of(CustomerKind, customer.kind)]
        if contact:
            head.append(contact.phone)
        if address:
            head.append(address.address)
        if customer.important:
            head.append(f"{self.tr('重要客户')}：{customer.important_reason}")
        self.header = QLabel("　".join(head))
        self.header.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("事项"), self.tr("内容")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fill()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # C6: the current record of a callback is corrected by its recorder or 客服管理.
        self.amend_button = button("edit", self.tr("更正记录…"), self.amend)
        buttons.addButton(self.amend_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.table.itemSelectionChanged.connect(self.update_actions)
        self.update_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def selected_record(self) -> Any:
        """The selected line's callback record, if it is one still in force."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.keys[rows[0].row()][0] != "callback_record":
            return None
        record = CallbackRecord.get_by_id(self.keys[rows[0].row()][1])
        current = callbacks.current_record(record.callback_id)
        return record if current is not None and current.id == record.id else None

    @Slot()
    def update_actions(self) -> None:
        record = self.selected_record() if self.user is not None else None
        may = record is not None and (
            record.recorded_by_id == self.user.id or self.user.has_role(Role.SERVICE_MANAGER)
        )
        self.amend_button.setVisible(may)

    def amend_dialog(self) -> Any:
        from desktop.callbacks.manage import amend_dialog

        record = self.selected_record()
        return (
            None if record is None or self.user is None else amend_dialog(self.user, record, self)
        )

    def fill(self) -> None:
        """The archive's lines read again (after 更正记录 the amended record is the current
        one, the original kept)."""
        archive = _archive(self.customer)
        self.rows = [line[:3] for line in archive]
        self.keys = [line[3:] for line in archive]
        self.table.setRowCount(len(self.rows))
        for r, (at, what, detail) in enumerate(self.rows):
            for c, text in enumerate((f"{at:%Y-%m-%d %H:%M}", what, detail)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    @Slot()
    def amend(self) -> bool:
        dialog = self.amend_dialog()
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.fill()
        return True
