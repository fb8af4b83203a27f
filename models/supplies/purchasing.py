"""办公用品采购: orders against an approved plan, and receipts into stock (S2, S3, S4, S8).

    the 采购计划 of a quarter, approved by the main leader (``plans``, S4)
    → purchase orders, each only against lines of an approved plan, never beyond a line's
      quantity or budget (S4); an order is 定点采购 from a designated dealer of the items'
      category, 竞争性比价 with at least two quotes and the chosen one with its reason (S2),
      or 政府集中采购; an item of the 政府采购目录 only through the last (S3)
    → receipts into stock (入库), each line a ledger movement (S8)
    → returns (退货) and exchanges (调换) against the original receipt line and its supplier
      (``returns``, S7).

The plan row is locked while an order is checked against it, so two officers ordering
against the same line at once cannot both use its last units of quantity or budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

import peewee

from models import audit, numbers
from models.base import BaseModel, VersionedModel, guarded_update, now
from models.db import db, retry_on_lock_conflict
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import User, require_role
from models.prepared import Prepared
from models.supplies.plans import PlanLine, PlanState, PurchasePlan
from models.supplies.stock import (
    CENT,
    MONEY,
    STORE_ROLES,
    Category,
    Item,
    MovementKind,
    Supplier,
    SupplierKind,
    _post_movement,
    lock_items,
    positive_int,
    refuse_voided,
)
from models.supplies.suppliers import is_designated
from models.text import clean, is_blank

# --- orders, receipts, returns -----------------------------------------------------------


class OrderMethod(StrEnum):
    DESIGNATED = "designated"  # 定点采购 from a designated dealer (S2)
    COMPETITIVE = "competitive"  # 竞争性比价, quotes compared (S2)
    CENTRAL = "central"  # 政府集中采购 (S3)

    @property
    def label(self) -> str:
        return {
            "designated": "定点采购",
            "competitive": "竞争性比价",
            "central": "政府集中采购",
        }[self.value]


class OrderState(StrEnum):
    OPEN = "open"
    PARTIAL = "partial"
    RECEIVED = "received"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "open": "待到货",
            "partial": "部分到货",
            "received": "已到货",
            "cancelled": "已取消",
        }[self.value]


class PurchaseOrder(VersionedModel):
    number = peewee.CharField(max_length=20, unique=True)  # CG2026-0001
    plan = peewee.ForeignKeyField(PurchasePlan, backref="orders")
    method = peewee.CharField(max_length=12)
    supplier = peewee.ForeignKeyField(Supplier, backref="orders")
    choice_reason = peewee.TextField(default="")  # why the chosen quote (S2)
    central_ref = peewee.CharField(max_length=64, default="")  # 集中采购 委托/合同编号
    state = peewee.CharField(max_length=12, default=OrderState.OPEN, index=True)
    total = peewee.DecimalField(**MONEY, default=Decimal("0"))
    note = peewee.TextField(default="")
    created_by = peewee.ForeignKeyField(User)
    created_at = peewee.DateTimeField()
    cancel_reason = peewee.TextField(default="")

    @property
    def method_label(self) -> str:
        return OrderMethod(self.method).label

    @property
    def state_label(self) -> str:
        return OrderState(self.state).label


class OrderLine(BaseModel):
    order = peewee.ForeignKeyField(PurchaseOrder, backref="lines")
    plan_line = peewee.ForeignKeyField(PlanLine, backref="order_lines")
    item = peewee.ForeignKeyField(Item)
    quantity = peewee.IntegerField()
    unit_price = peewee.DecimalField(**MONEY)
    received = peewee.IntegerField(default=0)

    @property
    def amount(self) -> Decimal:
        return (Decimal(self.quantity) * Decimal(self.unit_price)).quantize(CENT)

    @property
    def outstanding(self) -> int:
        return self.quantity - self.received


class Quote(BaseModel):
    """A quote compared for a competitive purchase (S2)."""

    order = peewee.ForeignKeyField(PurchaseOrder, backref="quotes")
    supplier = peewee.ForeignKeyField(Supplier)
    amount = peewee.DecimalField(**MONEY)
    note = peewee.CharField(max_length=200, default="")
    chosen = peewee.BooleanField(default=False)


class Receipt(BaseModel):
    number = peewee.CharField(max_length=20, unique=True)  # RK2026-0001
    order = peewee.ForeignKeyField(PurchaseOrder, backref="receipts")
    supplier = peewee.ForeignKeyField(Supplier)
    received_by = peewee.ForeignKeyField(User)
    received_at = peewee.DateTimeField(index=True)
    note = peewee.TextField(default="")


class ReceiptLine(BaseModel):
    receipt = peewee.ForeignKeyField(Receipt, backref="lines")
    order_line = peewee.ForeignKeyField(OrderLine, backref="receipt_lines")
    item = peewee.ForeignKeyField(Item)
    quantity = peewee.IntegerField()
    unit_price = peewee.DecimalField(**MONEY)


class ReturnKind(StrEnum):
    RETURN = "return"  # 退货 (回收): the supplier takes the goods back
    EXCHANGE = "exchange"  # 调换: the supplier replaces them

    @property
    def label(self) -> str:
        return {"return": "退货", "exchange": "调换"}[self.value]


class SupplierReturn(BaseModel):
    """A return or exchange (S7), always against the receipt line the goods came in on."""

    number = peewee.CharField(max_length=20, unique=True)  # TH2026-0001
    receipt_line = peewee.ForeignKeyField(ReceiptLine, backref="returns")
    supplier = peewee.ForeignKeyField(Supplier)
    item = peewee.ForeignKeyField(Item)
    kind = peewee.CharField(max_length=10)
    quantity = peewee.IntegerField()
    replaced = peewee.IntegerField(default=0)  # exchange: replacements received so far
    reason = peewee.TextField()
    at = peewee.DateTimeField()
    by = peewee.ForeignKeyField(User)

    @property
    def kind_label(self) -> str:
        return ReturnKind(self.kind).label


PURCHASING_TABLES = [
    PurchasePlan,
    PlanLine,
    PurchaseOrder,
    OrderLine,
    Quote,
    Receipt,
    ReceiptLine,
    SupplierReturn,
]

# --- order use cases (S2, S3, S4) --------------------------------------------------------


@dataclass(frozen=True)
class OrderLineInput:
    plan_line: PlanLine
    quantity: int
    unit_price: Decimal | str | int


@dataclass(frozen=True)
class QuoteInput:
    supplier: Supplier
    amount: Decimal | str | int
    chosen: bool = False
    note: str = ""


@dataclass(frozen=True)
class PlanLineUse:
    """How much of a plan line is committed by orders (cancelled orders do not count)."""

    quantity: int
    amount: Decimal


# Asked for every line of every order and receipt: rendered once (``models.prepared``).
_ORDERED_AGAINST = Prepared(
    lambda line: (
        OrderLine.select(OrderLine.quantity, OrderLine.unit_price)
        .join(PurchaseOrder)
        .where((OrderLine.plan_line == line) & (PurchaseOrder.state != OrderState.CANCELLED))
        .tuples()
    )
)


def plan_line_use(plan_line: PlanLine | int) -> PlanLineUse:
    """Quantity and money already ordered against a plan line (S4)."""
    line_id = plan_line if isinstance(plan_line, int) else plan_line.id
    rows = _ORDERED_AGAINST.rows(line_id)
    quantity, amount = 0, Decimal("0")
    for qty, price in rows:
        quantity += qty
        amount += (Decimal(qty) * Decimal(price)).quantize(CENT)
    return PlanLineUse(quantity, amount)


def _check_route(
    method: OrderMethod, supplier: Supplier, items: Sequence[Item], quotes: Sequence[QuoteInput]
) -> None:
    """S2/S3: which channel and supplier the order's items may be bought through."""
    if supplier.is_voided:
        raise RuleViolation(
            None, f"供应商「{supplier.name}」已作废", "the supplier is voided", field="supplier"
        )
    catalogue = [i for i in items if i.gov_catalogue]
    if catalogue and method != OrderMethod.CENTRAL:
        names = "、".join(i.name for i in catalogue)
        raise RuleViolation(
            "S3",
            f"「{names}」属政府采购目录，须通过政府集中采购，不得向本地经销商直接采购",
            "items of the government procurement catalogue go through central procurement",
            field="method",
        )
    if method == OrderMethod.CENTRAL:
        if supplier.kind != SupplierKind.CENTRAL:
            raise RuleViolation(
                "S3",
                f"「{supplier.name}」是本地经销商，不是政府集中采购渠道",
                f"{supplier.name} is a local dealer, not the central procurement channel",
                field="supplier",
            )
        return
    if supplier.kind == SupplierKind.CENTRAL:
        raise RuleViolation(
            None,
            "政府集中采购渠道的订单请选择“政府集中采购”方式",
            "an order through the central channel uses the central method",
            field="method",
        )
    if method == OrderMethod.DESIGNATED:
        for category in sorted({Category(i.category) for i in items}):
            if not is_designated(category, supplier):
                raise RuleViolation(
                    "S2",
                    f"「{supplier.name}」不是{category.label}类定点供应商；"
                    "非定点采购请以竞争方式比价",
                    f"{supplier.name} is not a designated supplier of {category.label}",
                    field="supplier",
                )
        return
    # competitive
    suppliers = {q.supplier.id for q in quotes}
    if len(quotes) < 2 or len(suppliers) < 2:
        raise RuleViolation(
            "S2",
            "竞争性采购须至少比较两家供应商的报价",
            "a competitive purchase compares quotes from at least two suppliers",
            field="quotes",
        )
    if len(suppliers) != len(quotes):
        raise RuleViolation(
            "S2", "每家供应商只登记一份报价", "one quote per supplier", field="quotes"
        )
    chosen = [q for q in quotes if q.chosen]
    if len(chosen) != 1 or chosen[0].supplier.id != supplier.id:
        raise RuleViolation(
            "S2",
            "请在报价中选定一家，并以其为供应商",
            "choose exactly one quote; its supplier supplies the order",
            field="quotes",
        )
    for quote in quotes:
        numbers.money(quote.amount, "报价金额", "a quote", field="quotes", positive=True)


def create_order(
    actor: User,
    *,
    plan: PurchasePlan,
    method: OrderMethod | str,
    lines: Sequence[OrderLineInput],
    supplier: Supplier | None = None,
    quotes: Sequence[QuoteInput] = (),
    choice_reason: str = "",
    central_ref: str = "",
    note: str = "",
    at: datetime | None = None,
) -> PurchaseOrder:
    """A purchase order against an approved plan (S4), within each line's quantity and
    budget, through the channel the items require (S3) and from a designated dealer or the
    chosen of at least two quotes (S2). For a competitive order ``supplier`` may be left out:
    it is the supplier of the chosen quote."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        method = OrderMethod(method)
        if not lines:
            raise RuleViolation("S4", "订单至少需要一项", "an order needs at least one line")
        if method == OrderMethod.COMPETITIVE:
            chosen = [q for q in quotes if q.chosen]
            if len(chosen) != 1:
                raise RuleViolation(
                    "S2",
                    "请在比价的报价中选定一家",
                    "choose exactly one of the quotes compared",
                    field="quotes",
                )
            supplier = supplier or chosen[0].supplier
            if is_blank(choice_reason):
                raise RuleViolation(
                    "S2",
                    "竞争性采购须写明选定理由",
                    "a competitive purchase states why the chosen quote won",
                    field="choice_reason",
                )
        elif quotes:
            raise RuleViolation(
                None, "只有竞争性采购登记比价", "only a competitive purchase has quotes"
            )
        if supplier is None:
            raise RuleViolation(None, "请选择供应商", "choose a supplier", field="supplier")
        if method == OrderMethod.CENTRAL and is_blank(central_ref):
            raise RuleViolation(
                "S3",
                "政府集中采购须填写委托或合同编号",
                "a central procurement order names its contract or mandate",
                field="central_ref",
            )
        plan = PurchasePlan.lock(plan if isinstance(plan, int) else plan.id)
        if plan.state != PlanState.APPROVED:
            raise RuleViolation(
                "S4",
                f"采购计划{plan.state_label}，须经主要领导批准后方可采购",
                "nothing is bought before the main leader approves the plan",
                field="plan",
            )
        supplier = Supplier.get_by_id(supplier.id)
        plan_lines = {pl.id: pl for pl in PlanLine.select().where(PlanLine.plan == plan.id)}
        wanted: dict[int, tuple[int, Decimal]] = {}
        for line in lines:
            if line.plan_line.id not in plan_lines:
                raise RuleViolation(
                    "S4",
                    "订单项目不在该采购计划内",
                    "an order line is not on this plan",
                    field="lines",
                )
            if line.plan_line.id in wanted:
                raise RuleViolation(
                    None, "同一计划项目在订单中重复", "a plan line appears twice", field="lines"
                )
            quantity = positive_int(line.quantity, "采购数量", "the quantity")
            price = numbers.money(line.unit_price, "单价", "the price", field="unit_price")
            wanted[line.plan_line.id] = (quantity, price)
        items = {pl.item_id: pl.item for pl in plan_lines.values()}
        for line_id in wanted:
            refuse_voided(Item.get_by_id(plan_lines[line_id].item_id), "S4")
        _check_route(method, supplier, [items[plan_lines[i].item_id] for i in wanted], list(quotes))
        for line_id, (quantity, price) in wanted.items():
            pl = plan_lines[line_id]
            used = plan_line_use(pl)
            if used.quantity + quantity > pl.quantity:
                raise RuleViolation(
                    "S4",
                    f"「{pl.item.name}」超出批准的计划数量：计划 {pl.quantity}，"
                    f"已采购 {used.quantity}，本次 {quantity}",
                    f"{pl.item.code}: beyond the approved quantity {pl.quantity}",
                    field="quantity",
                )
            amount = (price * quantity).quantize(CENT)
            if used.amount + amount > pl.budget:
                raise RuleViolation(
                    "S4",
                    f"「{pl.item.name}」超出批准的预算：预算 ¥{pl.budget}，"
                    f"已用 ¥{used.amount}，本次 ¥{amount}",
                    f"{pl.item.code}: beyond the approved budget {pl.budget}",
                    field="unit_price",
                )
        order = PurchaseOrder.create(
            number=next_number("CG", at.year),
            plan=plan,
            method=method.value,
            supplier=supplier,
            choice_reason=clean(choice_reason),
            central_ref=clean(central_ref),
            note=clean(note),
            created_by=actor,
            created_at=at,
        )
        total = Decimal("0")
        for line_id, (quantity, price) in wanted.items():
            pl = plan_lines[line_id]
            OrderLine.create(
                order=order, plan_line=pl, item=pl.item_id, quantity=quantity, unit_price=price
            )
            total += (price * quantity).quantize(CENT)
        for quote in quotes:
            Quote.create(
                order=order,
                supplier=quote.supplier,
                amount=Decimal(str(quote.amount)).quantize(CENT),
                note=clean(quote.note),
                chosen=quote.chosen,
            )
        guarded_update(order, order.version, total=total)
        audit.record(
            actor,
            "purchase_order",
            order.id,
            "create",
            {
                "method": (None, method.value),
                "supplier": (None, supplier.name),
                "total": (None, total),
            },
        )
        return order


def _lock_order(order: PurchaseOrder | int) -> PurchaseOrder:
    order_id = order if isinstance(order, int) else order.id
    return PurchaseOrder.get_for_update(PurchaseOrder.id == order_id)


def cancel_order(
    actor: User, order: PurchaseOrder, reason: str, *, at: datetime | None = None
) -> PurchaseOrder:
    """Cancel an order nothing of which has arrived; its quantity and budget go back to the
    plan line."""
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        if is_blank(reason):
            raise RuleViolation(
                "X2", "取消订单须填写原因", "cancelling needs a reason", field="reason"
            )
        order = _lock_order(order)
        if order.state != OrderState.OPEN or any(ln.received for ln in order.lines):
            raise RuleViolation(
                "S8",
                f"订单{order.state_label}，已有到货的订单不能取消（请办理退货）",
                "an order with receipts cannot be cancelled; return the goods instead",
            )
        guarded_update(order, order.version, state=OrderState.CANCELLED, cancel_reason=reason)
        audit.record(actor, "purchase_order", order.id, "cancel", note=clean(reason))
        return order


@retry_on_lock_conflict("相同的物品", "the same items")
def receive(
    actor: User,
    *,
    order: PurchaseOrder,
    quantities: Mapping[int, int] | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Receipt:
    """入库: goods of an order arrive (all outstanding, or ``quantities`` by order-line id);
    each line becomes a 入库 movement with the supplier and price (S8)."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        order = _lock_order(order)
        if order.state in (OrderState.CANCELLED, OrderState.RECEIVED):
            raise RuleViolation(
                "S4", f"订单{order.state_label}，不能入库", f"the order is {order.state}"
            )
        lines = {ln.id: ln for ln in order.lines}
        if quantities is None:
            wanted = {ln.id: ln.outstanding for ln in lines.values() if ln.outstanding > 0}
        else:
            wanted = {}
            for line_id, qty in quantities.items():
                if line_id not in lines:
                    raise RuleViolation(None, "入库项目不属于该订单", "a line is not on the order")
                if qty:
                    wanted[line_id] = positive_int(qty, "入库数量", "the quantity received")
        if not wanted:
            raise RuleViolation(None, "没有要入库的物品", "nothing to receive", field="quantity")
        for line_id, qty in wanted.items():
            line = lines[line_id]
            if qty > line.outstanding:
                raise RuleViolation(
                    "S4",
                    f"「{line.item.name}」入库数量 {qty} 超过未到货数量 {line.outstanding}",
                    f"{line.item.code}: {qty} received, only {line.outstanding} outstanding",
                    field="quantity",
                )
        receipt = Receipt.create(
            number=next_number("RK", at.year),
            order=order,
            supplier=order.supplier_id,
            received_by=actor,
            received_at=at,
            note=clean(note),
        )
        locked = lock_items(lines[i].item_id for i in wanted)
        for item in locked.values():
            refuse_voided(item, "S4")
        for line_id, qty in sorted(wanted.items(), key=lambda kv: lines[kv[0]].item_id):
            line = lines[line_id]
            item = locked[line.item_id]
            ReceiptLine.create(
                receipt=receipt,
                order_line=line,
                item=item,
                quantity=qty,
                unit_price=line.unit_price,
            )
            _post_movement(
                actor,
                item,
                MovementKind.RECEIPT,
                qty,
                reason=f"采购入库（订单 {order.number}）",
                at=at,
                doc_type="receipt",
                doc_id=receipt.id,
                doc_number=receipt.number,
                supplier=order.supplier_id,
                unit_price=line.unit_price,
            )
            Item.update(price=line.unit_price).where(Item.id == item.id).execute()
            OrderLine.update(received=OrderLine.received + qty).where(
                OrderLine.id == line.id
            ).execute()
        fresh = list(OrderLine.select().where(OrderLine.order == order.id))
        state = (
            OrderState.RECEIVED
            if all(ln.received >= ln.quantity for ln in fresh)
            else OrderState.PARTIAL
        )
        guarded_update(order, order.version, state=state)
        audit.record(actor, "receipt", receipt.id, "create", {"order": (None, order.number)})
        return receipt
