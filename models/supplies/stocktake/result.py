"""The 盘点结果 register of a stocktake: expected, counted, variance and its amount per line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.supplies.stock import (
    CENT,
    Category,
    Item,
)
from models.supplies.stocktake.counting import variances
from models.supplies.stocktake.document import Stocktake

# --- report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StocktakeResultRow:
    """A line of the 盘点结果 register."""

    code: str
    name: str
    category: str
    specification: str
    unit: str
    book: int
    during: int
    expected: int
    counted: int | None
    variance: int | None
    price: Decimal
    amount: Decimal | None  # variance × the item's last price
    reason: str


def stocktake_result(stocktake: Stocktake) -> list[StocktakeResultRow]:
    """The stocktake result: book, movements during the count, expected, counted, variance
    and its value, reason; by category and code."""
    found = variances(stocktake)
    items = {i.id: i for i in Item.select().where(Item.id.in_([v.item_id for v in found]))}
    rows = []
    for v in found:
        item = items[v.item_id]
        amount = None if v.variance is None else (item.price * v.variance).quantize(CENT)
        rows.append(
            StocktakeResultRow(
                v.code,
                v.name,
                Category(item.category).label,
                item.specification,
                v.unit,
                v.book,
                v.during,
                v.expected,
                v.counted,
                v.variance,
                item.price,
                amount,
                v.reason,
            )
        )
    return rows
