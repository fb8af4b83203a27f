"""办公用品's 期初结存 (S8) in Excel, imported and exported: the stock each item held when the
office started keeping its ledger in Houqin. Every write goes through
``models.supplies.set_opening_balance``'s check and write halves, so an imported row meets
the checks a row typed in the desktop meets; a later difference is a stocktake's 盘盈/盘亏.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from forms.kinds import (
    Filters,
    Kind,
    Staged,
    Values,
    refuse_import,
    register_kind,
)
from forms.spec import Field, FieldType, FormSpec
from forms.supplies.fields import find_item
from models import supplies
from models.base import select_in
from models.errors import RowsRefused, RuleViolation
from models.supplies import (
    CATEGORY_ORDER,
    Item,
    Movement,
    MovementKind,
)
from models.text import normalize_code

# --- 期初结存 (S8) -------------------------------------------------------------------------

OPENING_BALANCES = FormSpec(
    name="opening-balances",
    title="办公用品期初结存表",
    title_en="Opening balances",
    key="code",
    fields=(
        Field(
            "code",
            "物品编码",
            required=True,
            width=10,
            max_length=20,
            example="SX0101",
            help="须已在物品目录中。",
            label_en="Code",
        ),
        Field("name", "物品名称", width=18, help="导出用；导入时按编码识别。", label_en="Name"),
        Field("unit", "计量单位", width=8, help="导出用。", label_en="Unit"),
        Field(
            "quantity",
            "期初数量",
            FieldType.INTEGER,
            required=True,
            width=10,
            example=120,
            help="正整数，按计量单位。",
            label_en="Quantity",
        ),
        Field(
            "unit_price",
            "单价",
            FieldType.MONEY,
            width=10,
            example="2.50",
            help="原纸质台账的单价；填写后作为该物品的参考单价。",
            label_en="Unit price",
        ),
        Field(
            "date",
            "期初日期",
            FieldType.DATE,
            width=12,
            example="2026-01-01",
            help="启用本系统的日期；不填为导入当时。",
            label_en="Date",
        ),
    ),
    help=(
        "启用系统时录入各物品的现有库存，每种物品一次，且只能在该物品尚无任何出入库记录时录入。"
        "整个文件全部成功才写入；以后的差异请通过季度盘点（盘盈/盘亏）调整。"
    ),
)


def _find_opening(code: str) -> Movement | None:
    return (
        Movement.select()
        .join(Item)
        .where((Item.code == normalize_code(code)) & (Movement.kind == MovementKind.OPENING))
        .first()
    )


def _opening_fields(item: Item, v: Values) -> dict[str, Any]:
    # A date alone: the start of the working day, before anything moves that day.
    at = datetime.combine(v["date"], time(8, 0)) if v.get("date") is not None else None
    return {"item": item, "quantity": v["quantity"], "at": at, "unit_price": v.get("unit_price")}


def _no_item(code: str) -> RuleViolation:
    return RuleViolation(
        "S1",
        f"物品目录中没有编码 {code}（请先导入物品目录）",
        f"no item {code} in the catalogue",
        field="code",
    )


def _insert_opening(actor: Any, v: Values) -> None:
    item = find_item(v["code"])
    if item is None or item.is_voided:
        raise _no_item(v["code"])
    supplies.set_opening_balance(actor, **_opening_fields(item, v))


def _insert_openings(actor: Any, rows: list[Values]) -> None:
    """A batch of the sheet through ``supplies.set_opening_balances``: the codes are found in
    one IN query per chunk; a code the catalogue lacks (or a voided item) is refused on its
    row with the use case's own refusals, all in one ``RowsRefused``."""
    codes = sorted({normalize_code(v["code"]) for v in rows})
    query = lambda part: Item.select(Item.id, Item.code, Item.voided_at).where(  # noqa: E731
        Item.code.in_(part)
    )
    found = {code: item_id for item_id, code, voided in select_in(query, codes) if voided is None}
    problems: list[tuple[int, RuleViolation]] = []
    batch: list[tuple[int, dict[str, Any]]] = []
    for index, v in enumerate(rows):
        item_id = found.get(normalize_code(v["code"]))
        if item_id is None:
            problems.append((index, _no_item(v["code"])))
        else:
            batch.append((index, _opening_fields(item_id, v)))
    try:
        supplies.set_opening_balances(actor, [fields for _, fields in batch])
    except RowsRefused as refused:
        problems += [(batch[i][0], problem) for i, problem in refused.problems]
    if problems:
        raise RowsRefused(problems)


def _check_openings(actor: Any, rows: list[Values], seen: dict[str, Any]) -> list[Any]:
    """The checking half of an opening-balances batch: the codes found in one IN query per
    chunk (a code the catalogue lacks, or a voided item, refused on its row), then
    ``supplies.check_openings``; every refusal in one ``RowsRefused``."""
    found = _item_ids([v["code"] for v in rows])
    problems: list[tuple[int, RuleViolation]] = []
    batch: list[tuple[int, dict[str, Any]]] = []
    for index, v in enumerate(rows):
        item_id = found.get(normalize_code(v["code"]))
        if item_id is None:
            problems.append((index, _no_item(v["code"])))
        else:
            batch.append((index, _opening_fields(item_id, v)))
    prepared: list[Any] = []
    try:
        prepared = supplies.check_openings(actor, [fields for _, fields in batch], seen)
    except RowsRefused as refused:
        problems += [(batch[i][0], problem) for i, problem in refused.problems]
    if problems:
        raise RowsRefused(problems)
    return prepared


def _item_ids(codes: list[str]) -> dict[str, int]:
    """The ids of the catalogue's live items by code: one IN query per chunk."""
    query = lambda part: Item.select(Item.id, Item.code, Item.voided_at).where(  # noqa: E731
        Item.code.in_(part)
    )
    wanted = sorted({normalize_code(c) for c in codes})
    return {code: item_id for item_id, code, voided in select_in(query, wanted) if voided is None}


def _existing_openings(codes: list[str]) -> set[str]:
    """Which of ``codes`` (as typed) have an opening balance already: one IN query per chunk.
    The movement kind is compared here, not in SQL: with ``kind = ?`` in the WHERE, SQLite
    may walk the ``(kind, at)`` index over every opening so far (the import's own earlier
    batches included) instead of each item's few movements."""
    folded = {normalize_code(c): c for c in codes}
    query = lambda part: (  # noqa: E731
        Item.select(Item.code, Movement.kind).join(Movement).where(Item.code.in_(part))
    )
    opening = MovementKind.OPENING.value
    return {folded[c] for c, kind in select_in(query, list(folded)) if kind == opening}


def _opening_query(filters: Filters) -> Any:
    query = (
        Movement.select(Movement, Item)
        .join(Item)
        .where(Movement.kind == MovementKind.OPENING.value)
    )
    if filters.get("code"):
        query = query.where(Item.code == normalize_code(filters["code"]))
    return query


def _opening_rows(filters: Filters) -> Iterator[Values]:
    for m in _opening_query(filters).order_by(CATEGORY_ORDER, Item.code).iterator():
        yield {
            "code": m.item.code,
            "name": m.item.name,
            "unit": m.item.unit,
            "quantity": m.quantity,
            "unit_price": None if m.unit_price is None else Decimal(m.unit_price),
            "date": m.at.date(),
        }


register_kind(
    Kind(
        spec=OPENING_BALANCES,
        find=_find_opening,
        insert=_insert_opening,
        update=refuse_import(
            "S8",
            "期初结存已录入，不能通过导入修改；差异请通过季度盘点调整",
            "the opening balance is recorded; correct stock by a stocktake",
        ),
        rows=_opening_rows,
        count=lambda f: _opening_query(f).count(),
        filters=("code",),
        insert_batch=_insert_openings,
        existing_keys=_existing_openings,
        staged=Staged(_check_openings, supplies.write_openings),
    )
)
