"""退货 and 调换 (S7): goods go back against the original receipt line and its supplier; an
exchange waits for its replacement, which comes into stock as a receipt of its own."""

from __future__ import annotations

from datetime import datetime

from models import audit
from models.base import now
from models.db import db, retry_on_lock_conflict
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import User, require_role
from models.supplies.purchasing import ReceiptLine, ReturnKind, SupplierReturn
from models.supplies.stock import (
    STORE_ROLES,
    Item,
    MovementKind,
    _post_movement,
    lock_items,
    positive_int,
)
from models.text import clean, is_blank

# --- returns and exchanges (S7) ----------------------------------------------------------


def returnable(receipt_line: ReceiptLine | int) -> int:
    """Units of a receipt line that may still go back to the supplier: received, less what
    was returned, less what was sent for exchange and not yet replaced (S7)."""
    line_id = receipt_line if isinstance(receipt_line, int) else receipt_line.id
    line = ReceiptLine.get_by_id(line_id)
    out = 0
    for row in SupplierReturn.select().where(SupplierReturn.receipt_line == line_id):
        out += row.quantity - (row.replaced if row.kind == ReturnKind.EXCHANGE else 0)
    return line.quantity - out


def _send_back(
    actor: User,
    kind: ReturnKind,
    receipt_line: ReceiptLine,
    quantity: int,
    reason: str,
    at: datetime,
) -> tuple[SupplierReturn, Item]:
    require_role(actor, *STORE_ROLES)
    quantity = positive_int(quantity, "数量", "the quantity")
    if is_blank(reason):
        raise RuleViolation(
            "S7", "请写明不适用或损坏的情况", "state what is unsuitable or damaged", field="reason"
        )
    line = ReceiptLine.get_by_id(receipt_line.id)
    item = lock_items([line.item_id])[line.item_id]  # serialises returns of the same goods
    left = returnable(line)
    if quantity > left:
        raise RuleViolation(
            "S7",
            f"「{item.name}」可退换数量为 {left}（入库单 {line.receipt.number}）",
            f"only {left} of this receipt line can go back",
            field="quantity",
        )
    row = SupplierReturn.create(
        number=next_number("TH", at.year),
        receipt_line=line,
        supplier=line.receipt.supplier_id,
        item=item,
        kind=kind.value,
        quantity=quantity,
        reason=clean(reason),
        at=at,
        by=actor,
    )
    return row, item


@retry_on_lock_conflict("相同的物品", "the same items")
def return_to_supplier(
    actor: User,
    *,
    receipt_line: ReceiptLine,
    quantity: int,
    reason: str,
    at: datetime | None = None,
) -> SupplierReturn:
    """退货 (回收): unsuitable or damaged goods go back to the supplier of the original
    receipt (S7); a 退货 movement takes them out of stock (S8)."""
    at = at or now()
    with db.atomic():
        row, item = _send_back(actor, ReturnKind.RETURN, receipt_line, quantity, reason, at)
        _post_movement(
            actor,
            item,
            MovementKind.RETURN,
            -row.quantity,
            reason=f"退货：{row.reason}（原入库单 {row.receipt_line.receipt.number}）",
            at=at,
            doc_type="supplier_return",
            doc_id=row.id,
            doc_number=row.number,
            supplier=row.supplier_id,
            unit_price=row.receipt_line.unit_price,
        )
        audit.record(actor, "supplier_return", row.id, "return", {"quantity": (None, quantity)})
        return row


@retry_on_lock_conflict("相同的物品", "the same items")
def exchange_with_supplier(
    actor: User,
    *,
    receipt_line: ReceiptLine,
    quantity: int,
    reason: str,
    replaced_now: bool = True,
    at: datetime | None = None,
) -> SupplierReturn:
    """调换: the supplier of the original receipt replaces unsuitable or damaged goods (S7).
    Out goes a 调换（退回） movement; with ``replaced_now`` the replacements come in at once
    (调换（换入）), else later through ``receive_replacement``."""
    at = at or now()
    with db.atomic():
        row, item = _send_back(actor, ReturnKind.EXCHANGE, receipt_line, quantity, reason, at)
        receipt_no = row.receipt_line.receipt.number
        _post_movement(
            actor,
            item,
            MovementKind.EXCHANGE_OUT,
            -row.quantity,
            reason=f"调换退回：{row.reason}（原入库单 {receipt_no}）",
            at=at,
            doc_type="supplier_return",
            doc_id=row.id,
            doc_number=row.number,
            supplier=row.supplier_id,
        )
        audit.record(actor, "supplier_return", row.id, "exchange", {"quantity": (None, quantity)})
        if replaced_now:
            _replace(actor, row, item, row.quantity, at)
        return SupplierReturn.get_by_id(row.id)


def _replace(actor: User, row: SupplierReturn, item: Item, quantity: int, at: datetime) -> None:
    _post_movement(
        actor,
        item,
        MovementKind.EXCHANGE_IN,
        quantity,
        reason=f"调换换入（原入库单 {row.receipt_line.receipt.number}）",
        at=at,
        doc_type="supplier_return",
        doc_id=row.id,
        doc_number=row.number,
        supplier=row.supplier_id,
    )
    SupplierReturn.update(replaced=SupplierReturn.replaced + quantity).where(
        SupplierReturn.id == row.id
    ).execute()
    audit.record(actor, "supplier_return", row.id, "replaced", {"replaced": (None, quantity)})


@retry_on_lock_conflict("相同的物品", "the same items")
def receive_replacement(
    actor: User,
    *,
    exchange: SupplierReturn,
    quantity: int | None = None,
    at: datetime | None = None,
) -> SupplierReturn:
    """The replacements of an exchange arrive (all outstanding, or ``quantity``)."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        row = SupplierReturn.get_by_id(exchange.id)
        item = lock_items([row.item_id])[row.item_id]
        row = SupplierReturn.get_by_id(exchange.id)  # re-read under the item lock
        if row.kind != ReturnKind.EXCHANGE:
            raise RuleViolation("S7", "退货没有换入", "a return brings nothing back")
        left = row.quantity - row.replaced
        quantity = left if quantity is None else positive_int(quantity, "换入数量", "quantity")
        if quantity <= 0 or quantity > left:
            raise RuleViolation(
                "S7",
                f"待换入数量为 {left}",
                f"{left} replacements are outstanding",
                field="quantity",
            )
        _replace(actor, row, item, quantity, at)
        return SupplierReturn.get_by_id(row.id)
