"""办公用品 catalogue and stock ledger (S1, S2, S8): the base every other supplies module
writes through.

- Items belong to one of the four series of the regulation (S1: 书写工具, 纸本, 文具, 耗材),
  with a unit, a specification, a reorder level and the 政府采购目录 flag (S3).
- Suppliers are local dealers (本地经销商) or the channel of 政府集中采购; each category keeps
  two or three designated suppliers (定点供应商, S2). Outside that range the system warns (a
  ``RuleWarning`` the logistics officer may accept), because the regulation allows a category
  bought by competition instead.
- Every change of quantity is a ``Movement`` with who, when, why and the document behind it
  (S8). The item row carries a cached ``on_hand`` that ``_post_movement`` changes in the same
  transaction as it inserts the movement; the item row is also the row an issue locks
  (``SELECT ... FOR UPDATE`` on MariaDB, the IMMEDIATE transaction on SQLite), so two clerks
  issuing the last units at the same moment are serialised and stock never goes below zero
  (S6). A CHECK constraint refuses a negative cached figure even from a careless query, and
  ``ledger_mismatches`` proves the cache equals the sum of the ledger.

Quantities are whole units (支, 盒, 包, 令...): the office counts and issues whole units, and
integers keep the locking arithmetic exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import peewee

from models import numbers
from models.base import BaseModel, VoidableModel, bulk_insert, run_many, select_in
from models.db import for_update
from models.errors import RuleViolation
from models.people import Actor, Department, Role, User, require_role
from models.prepared import Prepared
from models.text import clean

MONEY = {"max_digits": 12, "decimal_places": 2}
CENT = Decimal("0.01")

# Who keeps the store. The administrator may correct master data but not move stock.
STORE_ROLES = (Role.LOGISTICS,)
CATALOGUE_ROLES = (Role.LOGISTICS, Role.ADMIN)
DESIGNATED_MIN, DESIGNATED_MAX = 2, 3  # 选定二至三家经销商 (S2)


class Category(StrEnum):
    """The four series of 办公用品 named by the regulation (S1)."""

    WRITING = "writing"
    PAPER = "paper"
    STATIONERY = "stationery"
    CONSUMABLES = "consumables"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self][0]

    @property
    def code_prefix(self) -> str:
        return CATEGORY_LABELS[self][1]


CATEGORY_LABELS: dict[Category, tuple[str, str]] = {
    Category.WRITING: ("书写工具", "SX"),
    Category.PAPER: ("纸本", "ZB"),
    Category.STATIONERY: ("文具", "WJ"),
    Category.CONSUMABLES: ("耗材", "HC"),
}

# What a sheet may name a series by: its code or its Chinese label (one lookup a row).
_CATEGORY_BY_TEXT: dict[str, Category] = {
    **{c.value: c for c in CATEGORY_LABELS},
    **{zh: c for c, (zh, _prefix) in CATEGORY_LABELS.items()},
}


def category_from_label(text: str) -> Category:
    """``Category`` from its code or Chinese label (``书写工具``, ``书写工具系列``), as typed in
    an Excel sheet."""
    category = _CATEGORY_BY_TEXT.get(text)  # as a form's choice gives it: no cleaning
    if category is not None:
        return category
    text = clean(text).removesuffix("系列")
    category = _CATEGORY_BY_TEXT.get(text)
    if category is not None:
        return category
    raise RuleViolation(
        "S1",
        f"未知的办公用品类别：{text}（应为 书写工具、纸本、文具、耗材）",
        f"unknown category {text!r}",
        field="category",
    )


class SupplierKind(StrEnum):
    LOCAL = "local"  # 本地经销商: designated or competitive purchases
    CENTRAL = "central"  # 政府集中采购 (the procurement centre or its framework supplier)

    @property
    def label(self) -> str:
        return {"local": "本地经销商", "central": "政府集中采购"}[self.value]


class MovementKind(StrEnum):
    OPENING = "opening"
    RECEIPT = "receipt"
    ISSUE = "issue"
    GAIN = "gain"
    LOSS = "loss"
    RETURN = "return"
    EXCHANGE_OUT = "exchange_out"
    EXCHANGE_IN = "exchange_in"
    DEPT_RETURN = "dept_return"  # 退库: a department brings issued goods back (S7)

    @property
    def label(self) -> str:
        return MOVEMENT_LABELS[self]


MOVEMENT_LABELS = {
    MovementKind.OPENING: "期初结存",
    MovementKind.RECEIPT: "入库",
    MovementKind.ISSUE: "出库",
    MovementKind.GAIN: "盘盈",
    MovementKind.LOSS: "盘亏",
    MovementKind.RETURN: "退货",
    MovementKind.EXCHANGE_OUT: "调换（退回）",
    MovementKind.EXCHANGE_IN: "调换（换入）",
    MovementKind.DEPT_RETURN: "退库",
}
INBOUND = frozenset(
    {
        MovementKind.OPENING,
        MovementKind.RECEIPT,
        MovementKind.GAIN,
        MovementKind.EXCHANGE_IN,
        MovementKind.DEPT_RETURN,
    }
)
# What a department consumed: what it received, less what it brought back (退库, S7).
CONSUMPTION = (MovementKind.ISSUE.value, MovementKind.DEPT_RETURN.value)


# --- tables ------------------------------------------------------------------------------


class Supplier(VoidableModel):
    name = peewee.CharField(max_length=100, unique=True, verbose_name="供应商名称")
    name_search = peewee.CharField(max_length=255, default="", index=True)
    kind = peewee.CharField(max_length=10, default=SupplierKind.LOCAL)
    contact = peewee.CharField(max_length=64, default="")
    phone = peewee.CharField(max_length=32, default="")
    address = peewee.CharField(max_length=200, default="")

    @property
    def kind_label(self) -> str:
        return SupplierKind(self.kind).label

    def __str__(self) -> str:
        return self.name


class CategorySupplier(BaseModel):
    """A designated supplier (定点供应商) of a category. Taking one off the list sets
    ``removed_at``: the row stays, so old orders still show who was designated then."""

    category = peewee.CharField(max_length=16)
    supplier = peewee.ForeignKeyField(Supplier, backref="designations")
    designated_at = peewee.DateTimeField()
    removed_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("category", "supplier"), False),)


class Item(VoidableModel):
    code = peewee.CharField(max_length=20, unique=True, verbose_name="物品编码")  # SX0001
    name = peewee.CharField(max_length=100, verbose_name="物品名称")
    name_search = peewee.CharField(max_length=255, default="", index=True)
    category = peewee.CharField(max_length=16, index=True)
    unit = peewee.CharField(max_length=10, verbose_name="计量单位")
    specification = peewee.CharField(max_length=200, default="", verbose_name="规格")
    reorder_level = peewee.IntegerField(default=0)
    gov_catalogue = peewee.BooleanField(default=False)  # 政府采购目录 (S3)
    price = peewee.DecimalField(**MONEY, default=Decimal("0"))  # the last receipt price
    on_hand = peewee.IntegerField(default=0)  # cache of SUM(movement.quantity), S8

    class Meta:
        constraints = (peewee.Check("on_hand >= 0"),)
        # The S1 duplicate check (same name and specification) reads this index, not the
        # table: 36 ms a row at 100,000 items without it. 100 + 200 characters are 1,200
        # bytes in utf8mb4, inside InnoDB's 3,072-byte key limit.
        indexes = ((("name", "specification"), False),)

    @property
    def category_label(self) -> str:
        return Category(self.category).label

    def __str__(self) -> str:
        return f"{self.name}（{self.specification}）" if self.specification else self.name


class Movement(BaseModel):
    """One line of the stock ledger (S8). ``quantity`` is signed (+ in, − out);
    ``balance`` is the item's stock just after it, computed under the item lock."""

    item = peewee.ForeignKeyField(Item, backref="movements")
    kind = peewee.CharField(max_length=16)
    quantity = peewee.IntegerField()
    balance = peewee.IntegerField()
    at = peewee.DateTimeField()
    actor = peewee.ForeignKeyField(User, null=True)
    actor_name = peewee.CharField(max_length=100)
    reason = peewee.TextField(default="")
    doc_type = peewee.CharField(max_length=24, default="")
    doc_id = peewee.IntegerField(null=True)
    doc_number = peewee.CharField(max_length=24, default="")
    department = peewee.ForeignKeyField(Department, null=True)
    supplier = peewee.ForeignKeyField(Supplier, null=True)
    receiver = peewee.CharField(max_length=64, default="")
    unit_price = peewee.DecimalField(**MONEY, null=True)

    class Meta:
        indexes = (
            # Covering index for the stock figure as a ledger sum: SUM(quantity) GROUP BY
            # item reads the index alone (1.3 s → 0.05 s over a million movements).
            (("item", "quantity"), False),
            (("item", "at", "quantity"), False),  # an item's ledger; stock as of a date
            (("kind", "at"), False),
            (("doc_type", "doc_id"), False),
        )

    @property
    def kind_label(self) -> str:
        return MovementKind(self.kind).label


STOCK_TABLES = [Supplier, CategorySupplier, Item, Movement]

# Lists and sheets follow the regulation's order of the series, not the alphabet.
CATEGORY_ORDER = peewee.Case(Item.category, [(c.value, i) for i, c in enumerate(Category)], 9)


# --- the ledger core ---------------------------------------------------------------------


def lock_items(item_ids: Iterable[int]) -> dict[int, Item]:
    """Lock and read the item rows, always in ascending id order so two transactions that
    lock several items never deadlock each other on MariaDB. Call inside ``db.atomic()``."""
    ids = sorted(set(item_ids))
    if not ids:
        return {}
    if len(ids) == 1:  # the commonest case, through a text rendered once
        item = Item.get_for_update_or_none(Item.id == ids[0])
        found = {} if item is None else {item.id: item}
    else:
        rows = for_update(Item.select().where(Item.id.in_(ids)).order_by(Item.id))
        found = {item.id: item for item in rows}
    missing = set(ids) - set(found)
    if missing:
        raise RuleViolation(None, f"没有物品 {sorted(missing)}", f"no item {sorted(missing)}")
    return found


@dataclass(slots=True)
class ItemRow:
    """An item as a batch of the ledger core reads it: its stock moves with the batch."""

    id: int
    code: str
    name: str
    unit: str
    on_hand: int


def lock_item_rows(item_ids: Iterable[int]) -> dict[int, ItemRow]:
    """``lock_items`` for a batch of thousands (the opening balances of a catalogue): the
    same locks in the same ascending order, one IN query per chunk, but each item read as
    the few columns the ledger core and its messages need, not built as a model object."""
    return item_rows(item_ids, lock=True)


def item_rows(item_ids: Iterable[int], *, lock: bool = False) -> dict[int, ItemRow]:
    """The items ``item_ids`` as ``ItemRow``s (``lock``: as ``lock_item_rows``); a missing
    one is refused."""
    ids = sorted(set(item_ids))
    columns = (Item.id, Item.code, Item.name, Item.unit, Item.on_hand)

    def query(part: list[int]) -> Any:
        q = Item.select(*columns).where(Item.id.in_(part)).order_by(Item.id)
        return for_update(q) if lock else q

    found = {row[0]: ItemRow(*row) for row in select_in(query, ids)}
    missing = set(ids) - set(found)
    if missing:
        raise RuleViolation(None, f"没有物品 {sorted(missing)}", f"no item {sorted(missing)}")
    return found


def _post_movement(
    actor: Actor,
    item: Item,
    kind: MovementKind,
    quantity: int,
    *,
    reason: str,
    at: datetime,
    doc_type: str = "",
    doc_id: int | None = None,
    doc_number: str = "",
    department: Department | int | None = None,
    supplier: Supplier | int | None = None,
    receiver: str = "",
    unit_price: Decimal | None = None,
    rule: str = "S8",
) -> Movement:
    """Write one movement and move the cached stock with it (S8): ``_post_movements`` with
    one entry, and the movement it wrote (the item's newest: the item is locked)."""
    entry = {
        "item": item,
        "kind": kind,
        "quantity": quantity,
        "reason": reason,
        "at": at,
        "doc_type": doc_type,
        "doc_id": doc_id,
        "doc_number": doc_number,
        "department": department,
        "supplier": supplier,
        "receiver": receiver,
        "unit_price": unit_price,
    }
    _post_movements(actor, [entry], rule=rule)
    return newest_movement(item.id)


# An item's newest movement, read after every single posting: rendered once.
_NEWEST_MOVEMENT = Prepared(
    lambda item: (
        Movement.select().where(Movement.item == item).order_by(Movement.id.desc()).limit(1)
    )
)


def newest_movement(item_id: int) -> Movement:
    """The item's newest movement (after a posting on the locked item: the one just made)."""
    return _NEWEST_MOVEMENT.first(item_id)


def _post_movements(
    actor: Actor, entries: Sequence[Mapping[str, Any]], *, rule: str = "S8"
) -> None:
    """Write movements and move the cached stock with them (S8). Each entry holds an
    ``item`` locked by ``lock_items`` in the caller's transaction, ``kind``, ``quantity``,
    ``reason``, ``at`` and optionally the other columns of ``Movement``. A movement that
    would take the stock below zero is refused under ``rule`` (S6 for an issue); entries of
    one item are applied in order, each ``balance`` the stock just after it.

    Private to ``models.supplies``: the use cases of the domain are the doors to the ledger
    and this core repeats their role check, so no other caller can post a movement. Many
    entries cost one UPDATE text run for each and one bulk insert of the movements."""
    require_role(actor, *STORE_ROLES)
    rows: list[dict[str, Any]] = []
    stock: dict[int, int] = {}
    for entry in entries:
        item, quantity = entry["item"], entry["quantity"]
        kind = MovementKind(entry["kind"])
        if quantity == 0:
            raise RuleViolation(
                None, "数量不能为0", "the quantity cannot be zero", field="quantity"
            )
        if (quantity > 0) != (kind in INBOUND):
            raise ValueError(f"{kind} with quantity {quantity}")
        balance = stock.get(item.id, item.on_hand) + quantity
        if balance < 0:
            raise _short(item, -quantity, rule)
        stock[item.id] = balance
        department, supplier = entry.get("department"), entry.get("supplier")
        rows.append(
            {
                "item": item.id,
                "kind": kind.value,
                "quantity": quantity,
                "balance": balance,
                "at": entry["at"],
                "actor": actor.id,
                "actor_name": actor.display_name,
                "reason": clean(entry["reason"]),
                "doc_type": entry.get("doc_type", ""),
                "doc_id": entry.get("doc_id"),
                "doc_number": entry.get("doc_number", ""),
                "department": getattr(department, "id", department),
                "supplier": getattr(supplier, "id", supplier),
                "receiver": (entry.get("receiver") or "").strip(),
                "unit_price": entry.get("unit_price"),
            }
        )
    # The WHERE repeats the check in SQL: even a caller that forgot the lock cannot drive the
    # cache negative (and the CHECK constraint is the last line behind it).
    changed = run_many(
        "UPDATE {item} SET {on_hand} = {on_hand} + {p} WHERE {id} = {p} AND {on_hand} + {p} >= 0",
        [(row["quantity"], row["item"], row["quantity"]) for row in rows],
        item=Item._meta.table_name,
        on_hand="on_hand",
        id="id",
    )
    if changed != len(rows):
        first = entries[0]
        raise _short(first["item"], -first["quantity"], rule)
    bulk_insert(Movement, rows)
    for entry in entries:
        entry["item"].on_hand = stock[entry["item"].id]


def refuse_voided(item: Item, rule: str = "S1") -> None:
    """A voided item takes part in no new document (plan, order, receipt, requisition)."""
    if item.is_voided:
        raise RuleViolation(
            rule,
            f"「{item.name}」已作废，不能用于新的单据",
            f"{item.code} is voided and takes part in no new document",
            field="item",
        )


def _short(item: Item, wanted: int, rule: str) -> RuleViolation:
    return RuleViolation(
        rule,
        f"「{item.name}」库存不足：现有 {item.on_hand}{item.unit}，需要 {wanted}{item.unit}",
        f"not enough {item.code} in stock: {item.on_hand} on hand, {wanted} wanted",
        field="quantity",
    )


positive_int = numbers.positive_int  # the suite-wide helper, kept under its old name


# --- small shared helpers ----------------------------------------------------------------


def items_by_id(ids: Sequence[int]) -> dict[int, Item]:
    return {i.id: i for i in Item.select().where(Item.id.in_(list(ids)))} if ids else {}
