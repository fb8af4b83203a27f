"""办公用品 figures for the registers and the desktop: stock on hand and the ledger's integrity, an
item's ledger, consumption by department, reorder suggestions (S4, S8)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import peewee

from models.base import now
from models.people import DEPARTMENT_ORDER, Department
from models.periods import quarter_bounds
from models.supplies.plans import (
    PlanLineInput,
)
from models.supplies.purchasing import (
    OrderLine,
    OrderState,
    PurchaseOrder,
)
from models.supplies.stock import (
    CATEGORY_ORDER,
    CENT,
    CONSUMPTION,
    Category,
    Item,
    Movement,
    MovementKind,
    Supplier,
)


def _months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min)


# --- stock on hand, integrity ------------------------------------------------------------


@dataclass(frozen=True)
class StockRow:
    item_id: int
    code: str
    name: str
    category: str
    specification: str
    unit: str
    on_hand: int
    reorder_level: int
    below_reorder: bool
    price: Decimal
    value: Decimal
    gov_catalogue: bool


def stock_on_hand(
    *, category: Category | str | None = None, as_of: datetime | None = None
) -> list[StockRow]:
    """库存表: every active item with its stock, reorder level and value at the last price.
    Now: the cached figure on the item row (equal to the ledger, see ``ledger_mismatches``);
    ``as_of`` a past moment: the sum of the ledger up to it."""
    query = Item.select().where(Item.voided_at.is_null()).order_by(CATEGORY_ORDER, Item.code)
    if category is not None:
        query = query.where(Item.category == Category(category).value)
    past: dict[int, int] = {}
    if as_of is not None:
        sums = (
            Movement.select(Movement.item, peewee.fn.SUM(Movement.quantity))
            .where(Movement.at <= as_of)
            .group_by(Movement.item)
            .tuples()
        )
        past = {item_id: int(total) for item_id, total in sums}
    rows = []
    for item in query:
        on_hand = past.get(item.id, 0) if as_of is not None else item.on_hand
        rows.append(
            StockRow(
                item.id,
                item.code,
                item.name,
                Category(item.category).label,
                item.specification,
                item.unit,
                on_hand,
                item.reorder_level,
                on_hand <= item.reorder_level,
                item.price,
                (item.price * on_hand).quantize(CENT),
                item.gov_catalogue,
            )
        )
    return rows


def ledger_sums() -> dict[int, int]:
    """Stock of every item as the plain sum of its ledger (one grouped query)."""
    query = (
        Movement.select(Movement.item, peewee.fn.SUM(Movement.quantity))
        .group_by(Movement.item)
        .tuples()
    )
    return {item_id: int(total) for item_id, total in query}


@dataclass(frozen=True)
class Mismatch:
    item_id: int
    code: str
    cached: int
    ledger: int


def ledger_mismatches() -> list[Mismatch]:
    """S8 integrity check: items whose cached stock differs from the sum of their ledger.
    Always empty unless someone wrote to the database behind the use cases."""
    sums = ledger_sums()
    return [
        Mismatch(item.id, item.code, item.on_hand, sums.get(item.id, 0))
        for item in Item.select(Item.id, Item.code, Item.on_hand)
        if item.on_hand != sums.get(item.id, 0)
    ]


# --- the ledger of an item ---------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    movement_id: int
    at: datetime
    kind: str
    kind_label: str
    doc_number: str
    quantity_in: int
    quantity_out: int
    balance: int
    actor: str
    department: str
    supplier: str
    receiver: str
    reason: str


def item_ledger(
    item: Item, *, start: datetime | None = None, end: datetime | None = None
) -> list[LedgerRow]:
    """物品台账 (S8): every movement of an item with who, when, why and the document, in the
    order they were booked; ``balance`` is the stock just after each one."""
    query = (
        Movement.select(
            Movement,
            Department.name.alias("department_name"),
            Supplier.name.alias("supplier_name"),
        )
        .join(Department, peewee.JOIN.LEFT_OUTER, on=Movement.department == Department.id)
        .switch(Movement)
        .join(Supplier, peewee.JOIN.LEFT_OUTER, on=Movement.supplier == Supplier.id)
        .where(Movement.item == item.id)
        .order_by(Movement.id)
    )
    if start is not None:
        query = query.where(Movement.at >= start)
    if end is not None:
        query = query.where(Movement.at < end)
    rows = []
    for m in query.objects():
        rows.append(
            LedgerRow(
                m.id,
                m.at,
                m.kind,
                MovementKind(m.kind).label,
                m.doc_number,
                max(m.quantity, 0),
                max(-m.quantity, 0),
                m.balance,
                m.actor_name,
                getattr(m, "department_name", None) or "",
                getattr(m, "supplier_name", None) or "",
                m.receiver,
                m.reason,
            )
        )
    return rows


# --- consumption -------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsumptionRow:
    department: str
    year: int
    quarter: int
    category: str
    code: str
    name: str
    unit: str
    quantity: int
    amount: Decimal  # at the item's last price


def last_quarter_with_data(today: date | None = None) -> tuple[int, int] | None:
    """``(year, quarter)`` of the newest finished quarter in which goods went out (出库 or
    退库), so 统计 opens on figures rather than on the current quarter, thin until it ends;
    ``None`` when nothing went out before this quarter."""
    today = today or now().date()
    this_quarter = quarter_bounds(today.year, (today.month - 1) // 3 + 1)[0]
    latest = (
        Movement.select(peewee.fn.MAX(Movement.at))
        .where(Movement.kind.in_(CONSUMPTION) & (Movement.at < _start(this_quarter)))
        .scalar()
    )
    if latest is None:
        return None
    if isinstance(latest, str):  # SQLite hands back an aggregate's text as it is stored
        latest = datetime.fromisoformat(latest)
    return latest.year, (latest.month - 1) // 3 + 1


def consumption_by_department(*, year: int, quarter: int | None = None) -> list[ConsumptionRow]:
    """领用统计: what each department received (出库) less what it brought back (退库, S7), by
    quarter and item, for one quarter or the whole year. A return counts in the quarter it
    came back (the ledger's date): a register already sent for an earlier quarter stays as
    it was."""
    quarters = [quarter] if quarter is not None else [1, 2, 3, 4]
    rows: list[ConsumptionRow] = []
    for q in quarters:
        first, after = quarter_bounds(year, q)
        query = (
            Movement.select(
                Department.name,
                Item.category,
                Item.code,
                Item.name,
                Item.unit,
                Item.price,
                peewee.fn.SUM(Movement.quantity),
            )
            .join(Item, on=Movement.item == Item.id)
            .switch(Movement)
            .join(Department, on=Movement.department == Department.id)
            .where(
                Movement.kind.in_(CONSUMPTION)
                & (Movement.at >= _start(first))
                & (Movement.at < _start(after))
            )
            .group_by(Department.name, Item.category, Item.code, Item.name, Item.unit, Item.price)
            .order_by(*DEPARTMENT_ORDER, Item.category, Item.code)
            .tuples()
        )
        for dept, cat, code, name, unit, price, total in query:
            quantity = -int(total)
            if quantity == 0:  # all of it came back (退库): nothing was consumed
                continue
            rows.append(
                ConsumptionRow(
                    dept,
                    year,
                    q,
                    Category(cat).label,
                    code,
                    name,
                    unit,
                    quantity,
                    (Decimal(price) * quantity).quantize(CENT),
                )
            )
    return rows


@dataclass(frozen=True)
class ConsumptionTotal:
    department: str
    amounts: tuple[Decimal, Decimal, Decimal, Decimal]  # Q1..Q4

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal("0"))


def consumption_totals(*, year: int) -> list[ConsumptionTotal]:
    """Per department, the value received in each quarter of ``year`` (the chart)."""
    table: dict[str, list[Decimal]] = {}
    for row in consumption_by_department(year=year):
        table.setdefault(row.department, [Decimal("0")] * 4)[row.quarter - 1] += row.amount
    return [ConsumptionTotal(d, (a[0], a[1], a[2], a[3])) for d, a in sorted(table.items())]


# --- reorder suggestions (S4) ------------------------------------------------------------


@dataclass(frozen=True)
class ReorderRow:
    item_id: int
    code: str
    name: str
    category: str
    unit: str
    on_hand: int
    on_order: int
    reorder_level: int
    monthly_use: Decimal
    suggested: int
    below_reorder: bool
    gov_catalogue: bool
    price: Decimal


def reorder_suggestions(*, today: date, months: int = 3, cover_months: int = 3) -> list[ReorderRow]:
    """S4: what to buy to keep common items in stock. Average monthly use comes from the
    issues of the last ``months`` months; the target is the reorder level plus
    ``cover_months`` of use (a quarter, the planning period); an item is suggested when stock
    plus what is on order falls short of it. Items below their reorder level come first.
    Goods brought back (退库) were not used and are netted."""
    since = _start(_months_before(today, months))
    until = _start(today)
    used = dict(
        Movement.select(Movement.item, peewee.fn.SUM(Movement.quantity))
        .where(Movement.kind.in_(CONSUMPTION) & (Movement.at >= since) & (Movement.at < until))
        .group_by(Movement.item)
        .tuples()
    )
    on_order = dict(
        OrderLine.select(OrderLine.item, peewee.fn.SUM(OrderLine.quantity - OrderLine.received))
        .join(PurchaseOrder)
        .where(PurchaseOrder.state.in_([OrderState.OPEN, OrderState.PARTIAL]))
        .group_by(OrderLine.item)
        .tuples()
    )
    rows = []
    for item in Item.select().where(Item.voided_at.is_null()):
        monthly = Decimal(-int(used.get(item.id, 0) or 0)) / months
        coming = int(on_order.get(item.id, 0) or 0)
        target = item.reorder_level + math.ceil(monthly * cover_months)
        available = item.on_hand + coming
        if available >= target or target == 0:
            continue
        rows.append(
            ReorderRow(
                item.id,
                item.code,
                item.name,
                Category(item.category).label,
                item.unit,
                item.on_hand,
                coming,
                item.reorder_level,
                monthly.quantize(Decimal("0.1")),
                target - available,
                item.on_hand <= item.reorder_level,
                item.gov_catalogue,
                item.price,
            )
        )
    return sorted(rows, key=lambda r: (not r.below_reorder, r.code))


def suggested_plan_lines(
    *, today: date, months: int = 3, cover_months: int = 3
) -> list[PlanLineInput]:
    """The reorder suggestions as lines for ``create_plan`` at the last known prices."""
    return [
        PlanLineInput(Item.get_by_id(r.item_id), r.suggested, r.price)
        for r in reorder_suggestions(today=today, months=months, cover_months=cover_months)
    ]
