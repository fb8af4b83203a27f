"""办公用品季度报表 for the higher authority: ``houqin report supplies-quarterly --period
2026Q4 OUT.xlsx`` (S4, S5, S6, S8).

One workbook, one formatted register per sheet (title, 填报单位, 统计期间, header, 合计,
signature lines; ``forms.excel_export.write_registers``):

1. 季末库存表: the stock of every item at the end of the quarter, as the sum of the ledger up
   to that moment (S8), valued at the last price;
2. 科室领用统计: what each department received (出库) in the quarter (S6);
3. 采购入库登记: goods received in the quarter, returns to suppliers as negative lines (S4, S7);
4. 季度盘点结果: the quarter's stocktake, book / movements during the count / expected /
   counted / variance with its value and reason (S5);
5. 采购建议: what to buy next, from stock, reorder levels and three months' use (S4).

Every figure comes from a query of ``models.supplies`` or a read of its tables; nothing is
computed twice in two places.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from forms.excel_export import ExportResult, Section, write_registers
from forms.kinds import Values
from forms.reports import Report, register_report
from forms.spec import Field, FieldType, FormSpec
from forms.supplies.fields import CATEGORY, ITEM_CODE, ITEM_NAME, SPECIFICATION, UNIT
from models import supplies
from models.base import now
from models.periods import Period
from models.supplies import (
    CENT,
    Item,
    OrderMethod,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
    Supplier,
    SupplierReturn,
)
from models.supplies.purchasing import ReturnKind
from models.supplies.stocktake import Stocktake, StocktakeState

_SIGN = ("负责人", "统计人", "日期")

STOCK = FormSpec(
    "supplies_stock",
    "季末库存表",
    (
        ITEM_CODE,
        ITEM_NAME,
        CATEGORY,
        SPECIFICATION,
        UNIT,
        Field("on_hand", "库存数", FieldType.INTEGER, width=9),
        Field("reorder_level", "库存下限", FieldType.INTEGER, width=9),
        Field("below", "低于下限", width=8),
        Field("price", "单价（元）", FieldType.MONEY, width=10),
        Field("value", "金额（元）", FieldType.MONEY, width=12, total=True),
    ),
    signatures=("负责人", "保管人", "日期"),
)
CONSUMPTION = FormSpec(
    "supplies_consumption",
    "科室领用统计",
    (
        Field("department", "科室", width=12),
        CATEGORY,
        ITEM_CODE,
        ITEM_NAME,
        UNIT,
        Field("quantity", "领用数量", FieldType.INTEGER, width=10),
        Field("amount", "金额（元）", FieldType.MONEY, width=12, total=True),
    ),
    signatures=_SIGN,
)
PURCHASES = FormSpec(
    "supplies_purchases",
    "采购入库登记",
    (
        Field("number", "单据号", width=12),
        Field("kind", "类型", width=6),
        Field("day", "日期", FieldType.DATE, width=11),
        Field("order", "订单号", width=12),
        Field("method", "采购方式", width=12),
        Field("supplier", "供应商", width=18),
        ITEM_CODE,
        ITEM_NAME,
        UNIT,
        Field("quantity", "数量", FieldType.INTEGER, width=8),
        Field("unit_price", "单价（元）", FieldType.MONEY, width=10),
        Field("amount", "金额（元）", FieldType.MONEY, width=12, total=True),
    ),
    signatures=("负责人", "验收人", "日期"),
)
RESULT = FormSpec(
    "supplies_stocktake_result",
    "季度盘点结果",
    (
        ITEM_CODE,
        ITEM_NAME,
        CATEGORY,
        UNIT,
        Field("book", "账面数", FieldType.INTEGER, width=8),
        Field("during", "盘点期间变动", FieldType.INTEGER, width=10),
        Field("expected", "应有数", FieldType.INTEGER, width=8),
        Field("counted", "实盘数", FieldType.INTEGER, width=8),
        Field("variance", "差异", FieldType.INTEGER, width=8),
        Field("amount", "差异金额（元）", FieldType.MONEY, width=12, total=True),
        Field("reason", "差异原因", width=24),
    ),
    signatures=("盘点人", "监盘人", "负责人"),
)
REORDER = FormSpec(
    "supplies_reorder",
    "采购建议",
    (
        ITEM_CODE,
        ITEM_NAME,
        CATEGORY,
        UNIT,
        Field("on_hand", "现有库存", FieldType.INTEGER, width=9),
        Field("on_order", "在途数量", FieldType.INTEGER, width=9),
        Field("reorder_level", "库存下限", FieldType.INTEGER, width=9),
        Field("monthly_use", "月均领用", width=9),
        Field("suggested", "建议采购", FieldType.INTEGER, width=9),
        Field("amount", "估算金额（元）", FieldType.MONEY, width=12, total=True),
        Field("channel", "采购途径", width=14),
    ),
    signatures=("负责人", "经办人", "日期"),
)


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _stock_rows(as_of: datetime) -> Iterator[Values]:
    for r in supplies.stock_on_hand(as_of=as_of):
        yield {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "specification": r.specification,
            "unit": r.unit,
            "on_hand": r.on_hand,
            "reorder_level": r.reorder_level,
            "below": "是" if r.below_reorder else "",
            "price": r.price,
            "value": r.value,
        }


def _consumption_rows(year: int, quarter: int) -> Iterator[Values]:
    """By department, then in the regulation's order of the series (the query sorts by the
    stored category code), then by code."""
    order = [c.label for c in supplies.Category]
    rows = supplies.consumption_by_department(year=year, quarter=quarter)
    for r in sorted(rows, key=lambda r: (r.department, order.index(r.category), r.code)):
        yield {
            "department": r.department,
            "category": r.category,
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "quantity": r.quantity,
            "amount": r.amount,
        }


def _purchase_rows(first: datetime, after: datetime) -> Iterator[Values]:
    """Receipt lines of the quarter, then the returns (退货) of the quarter as negative lines;
    exchanges bring the same quantity back and are left out."""
    receipts = (
        ReceiptLine.select(ReceiptLine, Receipt, PurchaseOrder, Supplier, Item)
        .join(Receipt)
        .join(PurchaseOrder)
        .switch(Receipt)
        .join(Supplier)
        .switch(ReceiptLine)
        .join(Item)
        .where((Receipt.received_at >= first) & (Receipt.received_at < after))
        .order_by(Receipt.received_at, Receipt.id, ReceiptLine.id)
    )
    for line in receipts:
        receipt, order = line.receipt, line.receipt.order
        price = Decimal(line.unit_price)
        yield {
            "number": receipt.number,
            "kind": "入库",
            "day": receipt.received_at.date(),
            "order": order.number,
            "method": OrderMethod(order.method).label,
            "supplier": receipt.supplier.name,
            "code": line.item.code,
            "name": line.item.name,
            "unit": line.item.unit,
            "quantity": line.quantity,
            "unit_price": price,
            "amount": (price * line.quantity).quantize(CENT),
        }
    returns = (
        SupplierReturn.select()
        .where(
            (SupplierReturn.kind == ReturnKind.RETURN.value)
            & (SupplierReturn.at >= first)
            & (SupplierReturn.at < after)
        )
        .order_by(SupplierReturn.at, SupplierReturn.id)
    )
    for ret in returns:
        line = ret.receipt_line
        price = Decimal(line.unit_price)
        order = line.receipt.order
        yield {
            "number": ret.number,
            "kind": "退货",
            "day": ret.at.date(),
            "order": order.number,
            "method": OrderMethod(order.method).label,
            "supplier": ret.supplier.name,
            "code": ret.item.code,
            "name": ret.item.name,
            "unit": ret.item.unit,
            "quantity": -ret.quantity,
            "unit_price": price,
            "amount": (price * -ret.quantity).quantize(CENT),
        }


def quarter_stocktake(year: int, quarter: int) -> Stocktake | None:
    """The stocktake that stands for the quarter: the posted one, else the latest one that
    was not voided (still under way)."""
    rows = list(
        Stocktake.select()
        .where(
            (Stocktake.year == year)
            & (Stocktake.quarter == quarter)
            & (Stocktake.state != StocktakeState.CANCELLED)
        )
        .order_by(Stocktake.id.desc())
    )
    posted = [st for st in rows if st.state == StocktakeState.POSTED]
    return (posted or rows or [None])[0]


def _result_rows(st: Stocktake | None) -> Iterator[Values]:
    if st is None:
        return
    for r in supplies.stocktake_result(st):
        yield {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "unit": r.unit,
            "book": r.book,
            "during": r.during,
            "expected": r.expected,
            "counted": r.counted,
            "variance": r.variance,
            "amount": r.amount,
            "reason": r.reason,
        }


def _reorder_rows(today: date) -> Iterator[Values]:
    for r in supplies.reorder_suggestions(today=today):
        yield {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "unit": r.unit,
            "on_hand": r.on_hand,
            "on_order": r.on_order,
            "reorder_level": r.reorder_level,
            "monthly_use": f"{r.monthly_use:f}",
            "suggested": r.suggested,
            "amount": (r.price * r.suggested).quantize(CENT),
            "channel": "政府集中采购" if r.gov_catalogue else "定点或比价采购",
        }


def write_quarterly_report(
    period: str, path: str | Path, *, unit: str = "", today: date | None = None
) -> list[ExportResult]:
    """The quarterly workbook for ``period`` (2026Q4). ``today`` dates the reorder
    suggestions, which always start from the stock now (default: the day after the quarter,
    or today while it runs)."""
    year, quarter = supplies.parse_period(period)
    first_day, after_day = supplies.quarter_bounds(year, quarter)
    first, after = _start(first_day), _start(after_day)
    end_of_quarter = after - timedelta(seconds=1)  # DATETIME columns keep whole seconds
    today = today or min(after_day, now().date())
    # The stock stands as of the quarter's last second, or as of now while the quarter runs:
    # a heading never claims a moment that has not come yet.
    as_of = (
        min(end_of_quarter, now().replace(microsecond=0)) if today < after_day else end_of_quarter
    )
    st = quarter_stocktake(year, quarter)
    result_text = (
        f"盘点单号 {st.number}（{st.state_label}）；盲盘"
        if st and st.blind
        else f"盘点单号 {st.number}（{st.state_label}）"
        if st
        else "本季度没有盘点"
    )
    label = Period.quarter(year, quarter).label()
    sections = [
        Section(
            STOCK,
            _stock_rows(as_of),
            f"截至 {as_of:%Y-%m-%d %H:%M:%S}；金额按最近入库价",
        ),
        Section(CONSUMPTION, _consumption_rows(year, quarter), f"{label}出库；金额按最近入库价"),
        Section(PURCHASES, _purchase_rows(first, after), f"{label}入库及退货"),
        Section(RESULT, _result_rows(st), result_text),
        Section(
            REORDER,
            _reorder_rows(today),
            f"按当前库存、在途、库存下限和 {today:%Y-%m-%d} 前三个月的月均领用，备足一个季度",
        ),
    ]
    return write_registers(sections, path, unit=unit, period=label)


register_report(
    Report(
        "supplies-quarterly",
        "办公用品季度报表",
        "2026Q4",
        lambda period, path, unit: write_quarterly_report(period, path, unit=unit),
    )
)
