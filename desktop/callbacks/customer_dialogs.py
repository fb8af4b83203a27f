"""客户档案's edit dialogs (C1, C9), their fields taken from the customers register
(``forms.callbacks.registers.CUSTOMERS``) so the dialog, the import template and the export
agree on labels, lengths and choices. Each submits to one use case: ``add_customer``,
``change_contact`` / ``change_address`` (a new dated row, the old one kept), ``set_important``
(with a reason). A refusal naming a field appears beside it with the rule ID."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.callbacks.common import tr
from desktop.form_dialog import FormDialog
from forms.callbacks.registers import CUSTOMERS, KIND_LABELS, customer_fields
from forms.spec import Field, FieldType
from models import callbacks
from models.base import now
from models.callbacks import IMPORTANT_ROLES, Customer
from models.errors import RuleWarning
from models.people import User

# The register's columns a new customer is entered with: the number is drawn (KH) unless
# typed, the 仍然新建 column is the dialog's own question.
_NEW = ("number", "name", "kind", "id_no", "phone", "person", "relation", "address")
_NEW_UNMARKED = (*_NEW, "note")  # who may not mark a customer 重要 is not asked
_NEW += ("important", "important_reason", "note")


def _field(name: str, **changes: Any) -> Field:
    return dataclasses.replace(CUSTOMERS.field(name), **changes)


def _since() -> Field:
    return Field("valid_from", "启用日期", FieldType.DATE, required=True, label_en="Valid from")


class CustomerDialog(FormDialog):
    """新增客户: the same name and phone as another customer asks "add anyway?" (the
    ``DUPLICATE_WARNING``) and re-runs acknowledged, as the use case expects."""

    def run(self, acknowledged: frozenset[str]) -> Any:
        return self.submit_fn({**self.values, "acknowledged": acknowledged})

    def show_inline(self, exc: BaseException) -> bool:
        return False if isinstance(exc, RuleWarning) else super().show_inline(exc)


def new_customer_dialog(user: User, parent: QWidget) -> FormDialog:
    keys = _NEW if user.has_role(*IMPORTANT_ROLES) else _NEW_UNMARKED  # 重要客户: C9
    fields = [_field(k, required=False) if k == "number" else CUSTOMERS.field(k) for k in keys]

    def submit(v: dict[str, Any]) -> Customer:
        fields = customer_fields(v)
        fields["acknowledged"] = v.get("acknowledged")
        return callbacks.add_customer(user, **fields)

    values = {"kind": KIND_LABELS[0], "important": "否", "relation": "本人"}
    return CustomerDialog(tr("新增客户"), fields, submit, values=values, parent=parent)


def contact_dialog(user: User, customer: Customer, parent: QWidget) -> FormDialog:
    """修改电话 (C1): a new number from its date; the old one stays in the archive."""
    fields = (CUSTOMERS.field("phone"), CUSTOMERS.field("person"), CUSTOMERS.field("relation"))
    current = callbacks.current_contact(customer)
    values: dict[str, Any] = {"valid_from": now().date()}
    if current is not None:
        values.update(person=current.person, relation=current.relation)

    def submit(v: dict[str, Any]) -> Any:
        return callbacks.change_contact(
            user,
            customer,
            phone=v["phone"],
            valid_from=v["valid_from"],
            person=v.get("person") or "",
            relation=v.get("relation") or "本人",
        )

    title = f"{tr('修改电话')} · {customer.name}"
    return FormDialog(title, (*fields, _since()), submit, values=values, parent=parent)


def address_dialog(user: User, customer: Customer, parent: QWidget) -> FormDialog:
    """修改地址 (C1): a new address from its date; the old one stays."""
    fields = (_field("address", required=True), _since())

    def submit(v: dict[str, Any]) -> Any:
        return callbacks.change_address(
            user, customer, address=v["address"], valid_from=v["valid_from"]
        )

    title = f"{tr('修改地址')} · {customer.name}"
    return FormDialog(title, fields, submit, values={"valid_from": now().date()}, parent=parent)


def important_dialog(user: User, customer: Customer, parent: QWidget) -> FormDialog:
    """标记 or 取消 重要客户 (C9): either way with a reason."""
    mark = not customer.important
    if mark:
        reason = _field("important_reason", key="reason", required=True)
        title = tr("标记重要客户")
    else:
        reason = _field(
            "important_reason", key="reason", label="取消原因", label_en="Why", required=True
        )
        title = tr("取消重要客户")

    def submit(v: dict[str, Any]) -> Customer:
        return callbacks.set_important(user, customer, mark, v["reason"])

    return FormDialog(f"{title} · {customer.name}", (reason,), submit, parent=parent)
