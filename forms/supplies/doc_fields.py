"""What the approver of a supplies document reads (审批中心, the printed 申请批准单, the inbox's
金额): a requisition's lines with stock on hand and value, a purchase plan's lines and
total, a stocktake's differences and their value (``forms.summary``)."""

from __future__ import annotations

from decimal import Decimal

import peewee

from forms.summary import (
    AMOUNT,
    APPLICANT,
    DEPARTMENT,
    IN_STOCK,
    ITEM,
    NOTE,
    SPECIFICATION,
    UNIT,
    UNIT_PRICE,
    ApprovalSummary,
    Label,
    fields_of,
    file_names,
    lines,
    money,
)
from forms.summary import register_summary as _register
from models.supplies import (
    Item,
    PlanLine,
    PurchasePlan,
    Requisition,
    RequisitionLine,
    StockReturn,
    StockReturnLine,
)
from models.supplies.stocktake import Stocktake, StocktakeLine
from models.workflow import Instance

CENT = Decimal("0.01")
ASKED = Label("申领数量", "Asked")
CHECKED = Label("核定数量", "Approved")


def _asked(line: RequisitionLine) -> int:
    """What the line costs is what 后勤核对 approved, or what was asked before the check."""
    return line.requested if line.approved is None else line.approved


def requisition_summary(doc_id: int) -> ApprovalSummary:
    req = Requisition.get_by_id(doc_id)
    found = list(
        RequisitionLine.select(RequisitionLine, Item)
        .join(Item)
        .where(RequisitionLine.requisition == req.id)
        .order_by(RequisitionLine.id)
    )
    checked = any(ln.approved is not None for ln in found)
    headers = [ITEM, SPECIFICATION, ASKED] + ([CHECKED] if checked else [])
    headers += [UNIT, IN_STOCK, UNIT_PRICE, AMOUNT]
    rows = []
    total = Decimal("0")
    for ln in found:
        amount = (Decimal(_asked(ln)) * Decimal(ln.item.price)).quantize(CENT)
        total += amount
        row = [ln.item.name, ln.item.specification, ln.requested]
        row += [ln.approved] if checked else []
        row += [ln.item.unit, ln.item.on_hand, money(ln.item.price), money(amount)]
        rows.append(row)
    n = len(headers)
    numeric = {2, n - 3, n - 2, n - 1} | ({3} if checked else set())
    return ApprovalSummary(
        fields=fields_of(
            [
                (Label("单号", "No."), req.number),
                (DEPARTMENT, req.department.name),
                (APPLICANT, req.applicant.name),
                (Label("用途", "Purpose"), req.purpose),
                (Label("核对意见", "Check comment"), req.check_comment),
            ]
        ),
        lines=lines(headers, rows, numeric=numeric, title=Label("申领物品", "Items asked")),
        total=total,
        attachments=file_names(req),
    )


def requisition_amount() -> peewee.Node:
    qty = peewee.fn.COALESCE(RequisitionLine.approved, RequisitionLine.requested)
    return (
        RequisitionLine.select(peewee.fn.SUM(qty * Item.price))
        .join(Item)
        .where(RequisitionLine.requisition == Instance.doc_id)
    )


def plan_summary(doc_id: int) -> ApprovalSummary:
    plan = PurchasePlan.get_by_id(doc_id)
    found = list(
        PlanLine.select(PlanLine, Item)
        .join(Item)
        .where(PlanLine.plan == plan.id)
        .order_by(PlanLine.id)
    )
    rows = [
        (
            ln.item.name,
            ln.item.specification,
            ln.quantity,
            ln.item.unit,
            ln.item.on_hand,
            money(ln.unit_price),
            money(ln.budget),
            ln.note,
        )
        for ln in found
    ]
    headers = (
        ITEM,
        SPECIFICATION,
        Label("计划数量", "Planned"),
        UNIT,
        IN_STOCK,
        Label("预估单价（元）", "Est. unit price (¥)"),
        Label("预算（元）", "Budget (¥)"),
        Label("备注", "Remarks"),
    )
    return ApprovalSummary(
        fields=fields_of(
            [
                (Label("计划编号", "Plan no."), plan.number),
                (Label("计划期间", "Period"), plan.period),
                (Label("计划名称", "Title"), plan.title),
                (Label("编制人", "Prepared by"), plan.prepared_by.name),
                (NOTE, plan.note),
            ]
        ),
        lines=lines(headers, rows, numeric=(2, 4, 5, 6), title=Label("采购明细", "Purchases")),
        total=Decimal(plan.total),
        total_label=Label("计划金额（元）", "Planned amount (¥)"),
        attachments=file_names(plan),
    )


def plan_amount() -> peewee.Node:
    return PurchasePlan.select(PurchasePlan.total).where(PurchasePlan.id == Instance.doc_id)


def stocktake_summary(doc_id: int) -> ApprovalSummary:
    """Only the lines that differ: what the leader approves is the 盘盈/盘亏 and its value
    (at the items' current price), net of gains and losses."""
    st = Stocktake.get_by_id(doc_id)
    found = list(
        StocktakeLine.select(StocktakeLine, Item)
        .join(Item)
        .where((StocktakeLine.stocktake == st.id) & (StocktakeLine.variance != 0))
        .order_by(Item.code)
    )
    rows = []
    total = Decimal("0")
    gain = loss = 0
    for ln in found:
        value = (Decimal(ln.variance) * Decimal(ln.item.price)).quantize(CENT)
        total += value
        gain += max(ln.variance, 0)
        loss += max(-ln.variance, 0)
        rows.append(
            (
                ln.item.code,
                ln.item.name,
                ln.item.unit,
                ln.book + (ln.during or 0),
                ln.counted,
                f"{ln.variance:+d}",
                money(ln.item.price),
                money(value),
                ln.reason,
            )
        )
    headers = (
        Label("编码", "Code"),
        ITEM,
        UNIT,
        Label("账面", "Book"),
        Label("实盘", "Counted"),
        Label("差异", "Difference"),
        UNIT_PRICE,
        Label("差异金额（元）", "Difference (¥)"),
        Label("原因", "Reason"),
    )
    return ApprovalSummary(
        fields=fields_of(
            [
                (Label("盘点单号", "Stocktake no."), st.number),
                (Label("盘点期间", "Period"), st.period_label),
                (Label("盘盈数量合计", "Units gained"), gain),
                (Label("盘亏数量合计", "Units lost"), loss),
                (NOTE, st.note),
            ]
        ),
        lines=lines(
            headers, rows, numeric=(3, 4, 5, 6, 7), title=Label("盘盈盘亏明细", "Gains and losses")
        ),
        total=total,
        total_label=Label("差异金额合计（元）", "Net difference (¥)"),
        attachments=file_names(st),
    )


def stocktake_amount() -> peewee.Node:
    return (
        StocktakeLine.select(peewee.fn.SUM(StocktakeLine.variance * Item.price))
        .join(Item)
        .where(StocktakeLine.stocktake == Instance.doc_id)
    )


def stock_return_summary(doc_id: int) -> ApprovalSummary:
    """退库 (S7): what comes back, from which 申请批准单, why, and its value at the price."""
    back = StockReturn.get_by_id(doc_id)
    found = list(
        StockReturnLine.select(StockReturnLine, Item)
        .join(Item)
        .where(StockReturnLine.stock_return == back.id)
        .order_by(StockReturnLine.id)
    )
    rows = []
    total = Decimal("0")
    for ln in found:
        amount = (Decimal(ln.quantity) * Decimal(ln.item.price)).quantize(CENT)
        total += amount
        row = [ln.item.name, ln.item.specification, ln.quantity, ln.item.unit]
        rows.append([*row, money(ln.item.price), money(amount)])
    headers = (ITEM, SPECIFICATION, Label("退库数量", "Returned"), UNIT, UNIT_PRICE, AMOUNT)
    return ApprovalSummary(
        fields=fields_of(
            [
                (Label("退库单号", "Return no."), back.number),
                (Label("原申请批准单", "Requisition"), back.requisition.number),
                (Label("退库部门", "Department"), back.department.name),
                (APPLICANT, back.applicant.name),
                (Label("退库原因", "Reason"), back.reason),
            ]
        ),
        lines=lines(headers, rows, numeric=(2, 4, 5), title=Label("退库物品", "Items returned")),
        total=total,
        total_label=Label("退库金额（元）", "Returned value (¥)"),
        attachments=file_names(back),
    )


def stock_return_amount() -> peewee.Node:
    return (
        StockReturnLine.select(peewee.fn.SUM(StockReturnLine.quantity * Item.price))
        .join(Item)
        .where(StockReturnLine.stock_return == Instance.doc_id)
    )


_register(Requisition.DOC_TYPE, requisition_summary, amount=requisition_amount)
_register(StockReturn.DOC_TYPE, stock_return_summary, amount=stock_return_amount)
_register(PurchasePlan.DOC_TYPE, plan_summary, amount=plan_amount)
_register(Stocktake.DOC_TYPE, stocktake_summary, amount=stocktake_amount)
