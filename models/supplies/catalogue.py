"""The catalogue's use cases (S1) and the opening balances (期初结存, S8): each a batch, the
single record a batch of one, so the dialog and the Excel import run the same checks.
The tables and the ledger core they write through are in ``models.supplies.stock``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from models import audit, numbers
from models.base import now, run_many, select_in
from models.db import db, is_mysql, retry_on_lock_conflict
from models.errors import RowsRefused, RuleViolation
from models.people import Actor, Role, require_role
from models.supplies.stock import (
    CATALOGUE_ROLES,
    STORE_ROLES,
    Category,
    Item,
    Movement,
    MovementKind,
    _post_movements,
    category_from_label,
    item_rows,
    lock_item_rows,
    lock_items,
    newest_movement,
    positive_int,
)
from models.text import clean, normalize_code, row_checker, search_key

# --- catalogue use cases (S1) ------------------------------------------------------------


def _last_item_number(prefix: str) -> int:
    """The highest number after ``prefix`` among the codes of the catalogue (0 when none)."""
    last = (
        Item.select(Item.code)
        .where(Item.code.startswith(prefix))
        .order_by(Item.code.desc())
        .first()
    )
    if last is not None and last.code[len(prefix) :].isdigit():
        return int(last.code[len(prefix) :])
    return 0


def _code_number(code: str, prefix: str) -> int:
    tail = code[len(prefix) :]
    return int(tail) if code.startswith(prefix) and tail.isdigit() else 0


ITEM_INPUTS = frozenset(
    {"code", "name", "category", "unit", "specification", "reorder_level", "gov_catalogue", "price"}
)


_ITEM_COLUMNS = (
    "code",
    "name",
    "name_search",
    "category",
    "unit",
    "specification",
    "reorder_level",
    "gov_catalogue",
    "price",
)
_check_item = row_checker([getattr(Item, k) for k in _ITEM_COLUMNS])


def _item_row(fields: Mapping[str, Any]) -> dict[str, Any]:
    """One item's columns as stored, or the first ``RuleViolation`` of its fields (S1, and
    the input checks every write passes: numbers, lengths, control characters)."""
    if not ITEM_INPUTS.issuperset(fields):
        raise TypeError(f"unknown item fields {sorted(set(fields) - ITEM_INPUTS)}")
    category = fields.get("category")
    if not isinstance(category, Category):
        category = category_from_label(category)
    name, unit = clean(fields.get("name")), clean(fields.get("unit"))
    if not name:
        raise RuleViolation("S1", "请填写物品名称", "the item needs a name", field="name")
    if not unit:
        raise RuleViolation("S1", "请填写计量单位", "the item needs a unit", field="unit")
    reorder_level = numbers.whole(
        fields.get("reorder_level", 0),
        "库存下限",
        "the reorder level",
        field="reorder_level",
        rule="S1",
    )
    price = numbers.money(fields.get("price", Decimal("0")), "单价", "the price", field="price")
    row = {
        "code": normalize_code(fields.get("code")),
        "name": name,
        "name_search": search_key(name),
        "category": category.value,
        "unit": unit,
        "specification": clean(fields.get("specification")),
        "reorder_level": int(reorder_level),
        "gov_catalogue": bool(fields.get("gov_catalogue", False)),
        "price": price,  # two decimals: ``numbers.money`` returns it quantized
    }
    _check_item(list(row.values()))
    return row


def check_items(
    actor: Actor, items: Sequence[Mapping[str, Any]], seen: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """S1 for a batch, the checking half of ``add_items``: every row's fields, then the
    codes and the name + specification pairs against the catalogue and the rows before it.
    Reads only (no lock is taken), so an importer runs it over a whole file before it opens
    the write transaction. ``seen`` carries what earlier batches of the same file bring
    (their codes, pairs and last generated numbers): a file's second batch is checked against
    its first one before either is written. Every bad row is found (its first problem), then
    ``RowsRefused`` names each with its index. Returns the rows as stored, in order."""
    require_role(actor, *CATALOGUE_ROLES)
    seen = {} if seen is None else seen
    problems: list[tuple[int, RuleViolation]] = []
    rows: list[dict[str, Any] | None] = []
    for index, fields in enumerate(items):
        try:
            rows.append(_item_row(fields))
        except RuleViolation as exc:
            problems.append((index, exc))
            rows.append(None)
    good = [(i, row) for i, row in enumerate(rows) if row is not None]
    _assign_codes([row for _, row in good], seen.setdefault("last", {}))
    problems += _item_conflicts(good, seen)
    if problems:
        raise RowsRefused(sorted(problems, key=lambda p: p[0]))
    return [row for row in rows if row is not None]


def _item_conflicts(
    good: Sequence[tuple[int, dict[str, Any]]], seen: dict[str, Any]
) -> list[tuple[int, RuleViolation]]:
    """The S1 checks that read the catalogue: a code taken, a name + specification pair
    already there (or earlier in ``seen``). One indexed IN (...) query per chunk each."""
    codes = [row["code"] for _, row in good]
    taken = {
        c for (c,) in select_in(lambda p: Item.select(Item.code).where(Item.code.in_(p)), codes)
    }
    # Compared as the database compares them: MariaDB's collation ignores case, so there
    # 「Pen」 and 「pen」 are one name, as they were to the row-by-row ``=`` query.
    fold = str.casefold if is_mysql() else str
    names = sorted({row["name"] for _, row in good})
    pairs = {
        (fold(n), fold(spec))
        for n, spec in select_in(
            lambda p: Item.select(Item.name, Item.specification).where(
                Item.name.in_(p) & Item.voided_at.is_null()
            ),
            names,
        )
    }
    seen_codes: set[str] = seen.setdefault("codes", set())
    seen_pairs: set[tuple[str, str]] = seen.setdefault("pairs", set())
    problems: list[tuple[int, RuleViolation]] = []
    for index, row in good:
        code, pair = row["code"], (fold(row["name"]), fold(row["specification"]))
        if code in taken or code in seen_codes:
            problems.append(
                (
                    index,
                    RuleViolation(
                        None, f"物品编码 {code} 已存在", f"item {code} exists", field="code"
                    ),
                )
            )
        elif pair in pairs or pair in seen_pairs:
            problems.append(
                (
                    index,
                    RuleViolation(
                        "S1",
                        f"已有同名同规格的物品「{row['name']}」",
                        f"{row['name']} with this specification exists already",
                        field="name",
                    ),
                )
            )
        seen_codes.add(code)
        seen_pairs.add(pair)
    return problems


def write_items(
    actor: Actor,
    rows: Sequence[dict[str, Any]],
    *,
    recheck: bool = True,
    payloads: Sequence[str] | None = None,
) -> list[int]:
    """The writing half of ``add_items``: ``rows`` as ``check_items`` returned them, written
    in bulk with their audit rows (inside the caller's transaction). ``recheck``: the rows
    were checked outside this transaction (an importer's first pass), so the checks that
    read the catalogue run again here, under the write lock, on their indexes only: another
    desktop may have added one of these codes since. ``payloads``: the audit changes made in
    the check pass (``audit.created_payloads``). Returns the new ids in order."""
    require_role(actor, *CATALOGUE_ROLES)
    if recheck:
        problems = _item_conflicts(list(enumerate(rows)), {})
        if problems:
            raise RowsRefused(problems)
    # checked: each row passed ``_check_item`` (the columns' text checks) in ``check_items``
    return audit.create_many(actor, Item, "code", rows, checked=True, payloads=payloads)


def add_items(actor: Actor, items: Sequence[Mapping[str, Any]]) -> list[int]:
    """S1 for a batch: catalogue items, each with its series, unit, specification and
    reorder level; a code (``SX0001``) is generated per series unless the row brings its own.

    THE way an item enters the catalogue: ``add_item`` is a batch of one, the importer sends
    thousands (through the same two halves, ``check_items`` then ``write_items``), and both
    meet the same checks in the same order. All or nothing: every bad row is found (its
    first problem), then ``RowsRefused`` names each with its index, and nothing is written.
    The cost does not grow with the catalogue: the role is read once, the codes and the
    name + specification pairs are looked up for the whole batch in one indexed IN (...)
    query per chunk, the rows and their audit rows are written in bulk. Returns the new ids
    in the order of ``items`` (not the records: building 100,000 model objects nobody reads
    would cost more than writing them)."""
    with db.atomic():
        return write_items(actor, check_items(actor, items), recheck=False)


def _assign_codes(rows: list[dict[str, Any]], last: dict[str, int]) -> None:
    """Give each row without a code the next one of its series: after the highest of the
    catalogue and of the codes the batch brings, so a generated code never takes one of
    them (one query per series in the batch). ``last``: the highest number of each series
    so far (earlier batches of the same file), kept up to date."""
    prefixes = {Category(row["category"]).code_prefix for row in rows if not row["code"]}
    for p in prefixes:
        last[p] = max(last.get(p, 0), _last_item_number(p))
    for row in rows:
        for p in prefixes:
            if row["code"]:
                last[p] = max(last[p], _code_number(row["code"], p))
    for row in rows:
        if not row["code"]:
            prefix = Category(row["category"]).code_prefix
            last[prefix] += 1
            row["code"] = f"{prefix}{last[prefix]:04d}"


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
    """S1: one catalogue item, a batch of one of ``add_items`` (the one place of the rule):
    refused with the row's own ``RuleViolation``."""
    fields = {
        "name": name,
        "category": category,
        "unit": unit,
        "specification": specification,
        "reorder_level": reorder_level,
        "gov_catalogue": gov_catalogue,
        "price": price,
        "code": code,
    }
    try:
        (item_id,) = add_items(actor, [fields])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return Item.get_by_id(item_id)


ITEM_FIELDS = frozenset(
    {"name", "category", "unit", "specification", "reorder_level", "gov_catalogue", "price"}
)


def update_item(actor: Actor, item: Item, **changes: Any) -> dict[str, tuple[Any, Any]]:
    """Change master data of an item (never its stock: that only moves through the ledger,
    S8). Returns the audited diff."""
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)
        unknown = set(changes) - ITEM_FIELDS
        if unknown:
            raise RuleViolation(
                "S8",
                f"不能直接修改：{sorted(unknown)}",
                f"cannot change {sorted(unknown)} directly",
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
        item = Item.get_by_id(item.id)
        return audit.update(actor, item, **changes)


@retry_on_lock_conflict("相同的物品", "the same items")
def void_item(actor: Actor, item: Item, reason: str) -> None:
    """Take an item out of the catalogue. Only with nothing in stock: voiding a stocked item
    would hide goods the ledger still holds (S8)."""
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)
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
    """期初结存 of one item: ``set_opening_balances`` with one row, refused with the row's
    own violation; returns the movement."""
    balance = {"item": item, "quantity": quantity, "at": at, "reason": reason}
    balance["unit_price"] = unit_price
    try:
        set_opening_balances(actor, [balance])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return newest_movement(item.id)


OpeningRow = tuple[int, int, Decimal | None, datetime, str]
"""One checked opening balance: item id, quantity, unit price, time, reason."""


def check_openings(
    actor: Actor, balances: Sequence[Mapping[str, Any]], seen: dict[str, Any] | None = None
) -> list[OpeningRow]:
    """S8 for a batch of opening balances, the checking half of ``set_opening_balances``:
    each row's quantity and price, then each item's ledger (still empty, once per item;
    ``seen`` carries the items of earlier batches of the same file). Reads only: an importer
    runs it over a whole file before it opens the write transaction. Every bad row is found,
    then ``RowsRefused`` names each. Returns the rows checked, in order."""
    stamp = now()
    require_role(actor, *STORE_ROLES, Role.ADMIN)
    seen = {} if seen is None else seen
    problems: list[tuple[int, RuleViolation]] = []
    rows: list[tuple[int, OpeningRow]] = []
    for index, balance in enumerate(balances):
        try:
            quantity = positive_int(balance.get("quantity"), "期初数量", "the opening quantity")
            price = balance.get("unit_price")
            if price is not None:
                price = numbers.money(price, "单价", "the price", field="unit_price")
        except RuleViolation as exc:
            problems.append((index, exc))
            continue
        item = balance["item"]
        item_id = item if isinstance(item, int) else item.id
        at = balance.get("at") or stamp
        reason = balance.get("reason") or "期初结存"
        rows.append((index, (item_id, quantity, price, at, reason)))
    items = item_rows([row[0] for _, row in rows])
    problems += _opening_conflicts(rows, items, seen.setdefault("items", set()))
    if problems:
        raise RowsRefused(sorted(problems, key=lambda p: p[0]))
    return [row for _, row in rows]


def _opening_conflicts(
    rows: Sequence[tuple[int, OpeningRow]], items: Mapping[int, Any], seen: set[int]
) -> list[tuple[int, RuleViolation]]:
    """S8: an item whose ledger holds a movement already (or that an earlier row opened):
    one indexed IN (...) query per chunk on the movements' item."""
    query = lambda part: Movement.select(Movement.item).where(  # noqa: E731
        Movement.item.in_(part)
    )
    moved = {item_id for (item_id,) in select_in(query, sorted(items))}
    problems: list[tuple[int, RuleViolation]] = []
    for index, (item_id, *_) in rows:
        item = items[item_id]
        if item_id in moved or item_id in seen:
            problems.append(
                (
                    index,
                    RuleViolation(
                        "S8",
                        f"「{item.name}」已有出入库记录，不能再录期初；差异请通过盘点调整",
                        f"{item.code} has movements already; correct it by a stocktake",
                    ),
                )
            )
        seen.add(item_id)
    return problems


def write_openings(actor: Actor, rows: Sequence[OpeningRow], *, recheck: bool = True) -> None:
    """The writing half of ``set_opening_balances``: the items locked in one query, the
    movements posted in bulk through the ledger core, the prices set (inside the caller's
    transaction). ``recheck``: the rows were checked outside this transaction (an
    importer's first pass), so the ledgers are looked up again here, under the lock, on
    their index: another desktop may have received one of these items since."""
    require_role(actor, *STORE_ROLES, Role.ADMIN)
    items = lock_item_rows([item_id for item_id, *_ in rows])
    if recheck:
        problems = _opening_conflicts(list(enumerate(rows)), items, set())
        if problems:
            raise RowsRefused(problems)
    _post_movements(
        actor,
        [
            {
                "item": items[item_id],
                "kind": MovementKind.OPENING,
                "quantity": quantity,
                "reason": reason,
                "at": at,
                "doc_type": "opening",
                "unit_price": price,
            }
            for item_id, quantity, price, at, reason in rows
        ],
    )
    priced = [(price, item_id) for item_id, _, price, *_ in rows if price is not None]
    run_many(
        "UPDATE {item} SET {price} = {p} WHERE {id} = {p}",
        priced,
        item="item",
        price="price",
        id="id",
    )


@retry_on_lock_conflict("相同的物品", "the same items")
def set_opening_balances(actor: Actor, balances: Sequence[Mapping[str, Any]]) -> None:
    """期初结存: the stock found when the office starts using Houqin (the importer's opening
    balances), for many items at once. Each row holds ``item`` (an ``Item`` or its id),
    ``quantity`` and optionally ``at``, ``reason`` and ``unit_price``.

    Only for an item whose ledger is still empty, so it cannot disguise a later correction,
    which is a stocktake's 盘盈/盘亏 (S5); once per item in a batch too. ``unit_price`` is the
    单价 of the old paper ledger: kept on the movement and, like a receipt's price, as the
    item's last price, so the stock is valued from the first day.

    THE way an opening balance is recorded (a dialog's one row is a batch of one; the
    importer runs the same two halves, ``check_openings`` then ``write_openings``). All or
    nothing: every bad row is found, then ``RowsRefused`` names each and nothing is written.
    The items are locked in one query, their ledgers looked up in one IN query per chunk,
    the movements posted in bulk through the ledger core."""
    with db.atomic():
        # The ledgers are read again once the items are locked (MariaDB: FOR UPDATE), so
        # two desktops cannot both open one item.
        write_openings(actor, check_openings(actor, balances), recheck=True)
