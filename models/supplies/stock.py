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

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import peewee

from models import audit, numbers
from models.base import BaseModel, VoidableModel, now
from models.db import db, for_update, retry_on_lock_conflict
from models.errors import RuleViolation
from models.people import Actor, Department, Role, User, require_role
from models.text import clean, normalize_code, search_key

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


def category_from_label(text: str) -> Category:
    """``Category`` from its code or Chinese label (``书写工具``, ``书写工具系列``), as typed in
    an Excel sheet."""
    text = clean(text).removesuffix("系列")
    for category, (zh, _prefix) in CATEGORY_LABELS.items():
        if text in (category.value, zh):
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
    rows = for_update(Item.select().where(Item.id.in_(ids)).order_by(Item.id))
    found = {item.id: item for item in rows}
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
    """Write one movement and move the cached stock with it (S8). ``item`` must have been
    locked by ``lock_items`` in the caller's transaction. A movement that would take the
    stock below zero is refused under ``rule`` (S6 for an issue).

    Private to ``models.supplies``: the use cases of the domain are the doors to the ledger
    and this core repeats their role check, so no other caller can post a movement."""
    require_role(actor, *STORE_ROLES)
    kind = MovementKind(kind)
    if quantity == 0:
        raise RuleViolation(None, "数量不能为0", "the quantity cannot be zero", field="quantity")
    if (quantity > 0) != (kind in INBOUND):
        raise ValueError(f"{kind} with quantity {quantity}")
    balance = item.on_hand + quantity
    if balance < 0:
        raise _short(item, -quantity, rule)
    # The WHERE repeats the check in SQL: even a caller that forgot the lock cannot drive the
    # cache negative (and the CHECK constraint is the last line behind it).
    changed = (
        Item.update(on_hand=Item.on_hand + quantity)
        .where((Item.id == item.id) & (Item.on_hand + quantity >= 0))
        .execute()
    )
    if changed != 1:
        raise _short(item, -quantity, rule)
    item.on_hand = balance
    return Movement.create(
        item=item.id,
        kind=kind.value,
        quantity=quantity,
        balance=balance,
        at=at,
        actor=actor.id,
        actor_name=actor.display_name,
        reason=clean(reason),
        doc_type=doc_type,
        doc_id=doc_id,
        doc_number=doc_number,
        department=department,
        supplier=supplier,
        receiver=receiver.strip(),
        unit_price=unit_price,
    )


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


# --- catalogue use cases (S1) ------------------------------------------------------------


def _next_item_code(category: Category) -> str:
    prefix = category.code_prefix
    last = (
        Item.select(Item.code)
        .where(Item.code.startswith(prefix))
        .order_by(Item.code.desc())
        .first()
    )
    number = 1
    if last is not None and last.code[len(prefix) :].isdigit():
        number = int(last.code[len(prefix) :]) + 1
    return f"{prefix}{number:04d}"


def add_item(
    actor: Actor,
    *,
    name: str,
    category: Category | str,
    unit: str,
    specification: str = "",
    reorder_level: int = 0,
    gov_catalogue: bool = False,
    price: Decimal | str | int = Decimal("0"),
    code: str | None = None,
) -> Item:
    """S1: a catalogue item with its series, unit, specification and reorder level; the code
    (``SX0001``) is generated per series unless the importer brings its own."""
    require_role(actor, *CATALOGUE_ROLES)
    category = category if isinstance(category, Category) else category_from_label(category)
    name, unit = clean(name), clean(unit)
    if not name:
        raise RuleViolation("S1", "请填写物品名称", "the item needs a name", field="name")
    if not unit:
        raise RuleViolation("S1", "请填写计量单位", "the item needs a unit", field="unit")
    reorder_level = numbers.whole(
        reorder_level, "库存下限", "the reorder level", field="reorder_level", rule="S1"
    )
    price = numbers.money(price, "单价", "the price", field="price")
    with db.atomic():
        code = normalize_code(code) or _next_item_code(category)
        if Item.select().where(Item.code == code).exists():
            raise RuleViolation(
                None, f"物品编码 {code} 已存在", f"item {code} exists", field="code"
            )
        duplicate = Item.select().where(
            (Item.name == name)
            & (Item.specification == clean(specification))
            & Item.voided_at.is_null()
        )
        if duplicate.exists():
            raise RuleViolation(
                "S1",
                f"已有同名同规格的物品「{name}」",
                f"{name} with this specification exists already",
                field="name",
            )
        return audit.create(
            actor,
            Item,
            code=code,
            name=name,
            name_search=search_key(name),
            category=category.value,
            unit=unit,
            specification=clean(specification),
            reorder_level=int(reorder_level),
            gov_catalogue=bool(gov_catalogue),
            price=price.quantize(CENT),
        )


ITEM_FIELDS = frozenset(
    {"name", "category", "unit", "specification", "reorder_level", "gov_catalogue", "price"}
)


def update_item(actor: Actor, item: Item, **changes: Any) -> dict[str, tuple[Any, Any]]:
    """Change master data of an item (never its stock: that only moves through the ledger,
    S8). Returns the audited diff."""
    require_role(actor, *CATALOGUE_ROLES)
    unknown = set(changes) - ITEM_FIELDS
    if unknown:
        raise RuleViolation(
            "S8", f"不能直接修改：{sorted(unknown)}", f"cannot change {sorted(unknown)} directly"
        )
    if "category" in changes:
        changes["category"] = category_from_label(str(changes["category"])).value
    if "name" in changes:
        changes["name"] = clean(changes["name"])
        if not changes["name"]:
            raise RuleViolation("S1", "请填写物品名称", "the item needs a name", field="name")
        changes["name_search"] = search_key(changes["name"])
    if "reorder_level" in changes:
        changes["reorder_level"] = numbers.whole(
            changes["reorder_level"],
            "库存下限",
            "the reorder level",
            field="reorder_level",
            rule="S1",
        )
    if "price" in changes:
        changes["price"] = numbers.money(changes["price"], "单价", "the price", field="price")
    with db.atomic():
        item = Item.get_by_id(item.id)
        return audit.update(actor, item, **changes)


@retry_on_lock_conflict("相同的物品", "the same items")
def void_item(actor: Actor, item: Item, reason: str) -> None:
    """Take an item out of the catalogue. Only with nothing in stock: voiding a stocked item
    would hide goods the ledger still holds (S8)."""
    require_role(actor, *CATALOGUE_ROLES)
    with db.atomic():
        item = lock_items([item.id])[item.id]
        if item.on_hand:
            raise RuleViolation(
                "S8",
                f"「{item.name}」尚有库存 {item.on_hand}{item.unit}，不能作废",
                f"{item.code} still has {item.on_hand} in stock",
            )
        audit.void(actor, item, reason)


@retry_on_lock_conflict("相同的物品", "the same items")
def set_opening_balance(
    actor: Actor,
    *,
    item: Item,
    quantity: int,
    at: datetime | None = None,
    reason: str = "",
    unit_price: Decimal | str | int | None = None,
) -> Movement:
    """期初结存: the stock found when the office starts using Houqin (the importer's opening
    balances). Only for an item whose ledger is still empty, so it cannot disguise a later
    correction, which is a stocktake's 盘盈/盘亏 (S5). ``unit_price`` is the 单价 of the old
    paper ledger: kept on the movement and, like a receipt's price, as the item's last price,
    so the stock is valued from the first day."""
    at = at or now()
    require_role(actor, *STORE_ROLES, Role.ADMIN)
    quantity = positive_int(quantity, "期初数量", "the opening quantity")
    price = (
        None
        if unit_price is None
        else numbers.money(unit_price, "单价", "the price", field="unit_price")
    )
    with db.atomic():
        item = lock_items([item.id])[item.id]
        if Movement.select().where(Movement.item == item.id).exists():
            raise RuleViolation(
                "S8",
                f"「{item.name}」已有出入库记录，不能再录期初；差异请通过盘点调整",
                f"{item.code} has movements already; correct it by a stocktake",
            )
        movement = _post_movement(
            actor,
            item,
            MovementKind.OPENING,
            quantity,
            reason=reason or "期初结存",
            at=at,
            doc_type="opening",
            unit_price=price,
        )
        if price is not None:
            Item.update(price=price).where(Item.id == item.id).execute()
        return movement


# --- small shared helpers ----------------------------------------------------------------


def items_by_id(ids: Sequence[int]) -> dict[int, Item]:
    return {i.id: i for i in Item.select().where(Item.id.in_(list(ids)))} if ids else {}
