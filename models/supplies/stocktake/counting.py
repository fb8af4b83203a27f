"""The count sheet and the counts: entered one by one or in bulk, with the reason of each
variance; variance = counted − (snapshot + movements between the snapshot and the count)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import peewee

from models import audit, numbers
from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.people import User, require_role
from models.prepared import Prepared
from models.supplies.stock import (
    CATEGORY_ORDER,
    STORE_ROLES,
    Category,
    Item,
    Movement,
)
from models.supplies.stocktake.document import COUNTING, Stocktake, StocktakeLine, _require_counting
from models.text import clean, normalize_code, shorten

# --- the count sheet ---------------------------------------------------------------------


@dataclass(frozen=True)
class CountSheetRow:
    """A line of the 盘点表; ``book`` is ``None`` on a blind count still being counted."""

    line_id: int
    item_id: int
    code: str
    name: str
    category: str
    specification: str
    unit: str
    book: int | None
    counted: int | None
    reason: str


def count_sheet(stocktake: Stocktake) -> list[CountSheetRow]:
    """The rows of the count sheet (PDF, Excel, entry grid), by category and code. On a blind
    count the book quantities stay hidden until the count is handed in."""
    st = Stocktake.get_by_id(stocktake.id)
    hide = st.blind and st.state in COUNTING
    rows = (
        StocktakeLine.select(StocktakeLine, Item)
        .join(Item)
        .where(StocktakeLine.stocktake == st.id)
        .order_by(CATEGORY_ORDER, Item.code)
    )
    return [
        CountSheetRow(
            line.id,
            line.item_id,
            line.item.code,
            line.item.name,
            Category(line.item.category).label,
            line.item.specification,
            line.item.unit,
            None if hide else line.book,
            line.counted,
            line.reason,
        )
        for line in rows
    ]


_LINE_OF_ITEM = Prepared(
    lambda st, item: (
        StocktakeLine.select()
        .join(Item)
        .where((StocktakeLine.stocktake == st) & (Item.id == item))
        .limit(1)
    )
)


def _line(st: Stocktake, item: Item | int | str) -> StocktakeLine:
    if isinstance(item, Item | int):  # by its key: a text rendered once
        line = _LINE_OF_ITEM.first(st.id, item.id if isinstance(item, Item) else item)
    else:
        query = StocktakeLine.select().join(Item).where(StocktakeLine.stocktake == st.id)
        line = query.where(Item.code == normalize_code(item)).first()
    if line is None:
        raise RuleViolation(
            "S5",
            f"物品 {item} 不在本次盘点表中",
            f"item {item} is not on this count sheet",
            field="item",
        )
    return line


def _count_value(value: object, code: str) -> int:
    try:
        return numbers.whole(value, "实盘数量", "the count", field="counted", rule="S5")
    except RuleViolation:
        shown = shorten(value, 30)
        raise RuleViolation(
            "S5",
            f"{code} 的实盘数量应为不小于0的整数：{shown}",
            f"{code}: the count must be a whole number >= 0: {shown}",
            field="counted",
        ) from None


def enter_count(
    actor: User,
    stocktake: Stocktake,
    *,
    item: Item | int | str,
    counted: int,
    reason: str | None = None,
    counted_at: datetime | None = None,
) -> StocktakeLine:
    """Enter (or correct) the counted quantity of one item (by item, id or code);
    ``counted_at`` is when the shelf was counted, by default now."""
    return set_counts(
        actor,
        stocktake,
        {item.id if isinstance(item, Item) else item: (counted, reason)},
        counted_at=counted_at,
    )[0]


def set_counts(
    actor: User,
    stocktake: Stocktake,
    counts: Mapping[int | str, int | tuple[int, str | None]],
    *,
    counted_at: datetime | None = None,
) -> list[StocktakeLine]:
    """Bulk entry for the Excel importer: ``{item code or id: counted}`` or
    ``{...: (counted, reason)}``. All or nothing: one bad cell refuses the whole sheet,
    naming the item."""
    counted_at = counted_at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        st = Stocktake.lock(stocktake)
        _require_counting(st)
        if counted_at < st.opened_at:
            raise RuleViolation(
                "S5",
                "实盘时间不能早于盘点开始时间",
                "a count cannot be earlier than the snapshot",
                field="counted_at",
            )
        done = []
        for key, value in counts.items():
            counted, reason = value if isinstance(value, tuple) else (value, None)
            line = _line(st, key)
            changes: dict[str, object] = {
                "counted": _count_value(counted, line.item.code),
                "counted_at": counted_at,
                "counted_by": actor.id,
            }
            if reason is not None:
                changes["reason"] = clean(reason)
            StocktakeLine.update(changes).where(StocktakeLine.id == line.id).execute()
            done.append(line.id)
        audit.record(actor, "stocktake", st.id, "count", {"lines": (None, len(done))})
        return list(StocktakeLine.select().where(StocktakeLine.id.in_(done)))


def set_reason(
    actor: User, stocktake: Stocktake, *, item: Item | int | str, reason: str
) -> StocktakeLine:
    """The reason of a variance (破损, 漏登, 计量误差...), required before submission when the
    variance is not zero."""
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        st = Stocktake.lock(stocktake)
        _require_counting(st)
        line = _line(st, item)
        StocktakeLine.update(reason=clean(reason)).where(StocktakeLine.id == line.id).execute()
        return StocktakeLine.get_by_id(line.id)


def _during_all(st: Stocktake) -> dict[int, int]:
    """Per counted line: the sum of the item's movements after the snapshot and no later than
    the moment it was counted. One grouped query for the whole sheet."""
    query = (
        StocktakeLine.select(StocktakeLine.id, peewee.fn.SUM(Movement.quantity))
        .join(
            Movement,
            on=(
                (Movement.item == StocktakeLine.item)
                & (Movement.id > st.mark)
                & (Movement.at <= StocktakeLine.counted_at)
            ),
        )
        .where((StocktakeLine.stocktake == st.id) & StocktakeLine.counted.is_null(False))
        .group_by(StocktakeLine.id)
        .tuples()
    )
    return {line_id: int(total or 0) for line_id, total in query}


@dataclass(frozen=True)
class VarianceRow:
    line_id: int
    item_id: int
    code: str
    name: str
    unit: str
    book: int
    during: int
    expected: int
    counted: int | None
    variance: int | None
    reason: str


def variances(stocktake: Stocktake) -> list[VarianceRow]:
    """Live variances of the counted lines: counted − (book + movements between snapshot and
    count). For the logistics officer reconciling before submission (not for a blind counter);
    after submission the frozen figures are shown."""
    st = Stocktake.get_by_id(stocktake.id)
    live = _during_all(st) if st.state in COUNTING else {}
    rows = []
    for line in (
        StocktakeLine.select(StocktakeLine, Item)
        .join(Item)
        .where(StocktakeLine.stocktake == st.id)
        .order_by(CATEGORY_ORDER, Item.code)
    ):
        if st.state in COUNTING:
            during = live.get(line.id, 0)
            variance = None if line.counted is None else line.counted - (line.book + during)
        else:
            during, variance = line.during or 0, line.variance
        rows.append(
            VarianceRow(
                line.id,
                line.item_id,
                line.item.code,
                line.item.name,
                line.item.unit,
                line.book,
                during,
                line.book + during,
                line.counted,
                variance,
                line.reason,
            )
        )
    return rows
