"""What the approver of a supplies document reads (审批中心, the printed 申请批准单, the inbox's
金额): a requisition's lines with stock on hand and value, a purchase plan's lines and
total, a stocktake's differences and their value (``forms.summary``)."""

from __future__ import annotations

from decimal import Decimal

import peewee

from forms.summary import ApprovalSummary, fields_of, file_names, lines, money
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
    headers = ["物品", "规格", "申领数量"] + (["核定数量"] if checked else [])
    headers += ["单位", "库存", "单价（元）", "金额（元）"]
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
                ("单号", req.number),
                ("申请部门", req.department.name),
                ("申请人", req.applicant.name),
                ("用途", req.purpose),
                ("核对意见", req.check_comment),
            ]
        ),
        lines=lines(headers, rows, numeric=numeric, title="申领物品"),
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
    headers = ("物品", "规格", "计划数量", "单位", "库存", "预估单价（元）", "预算（元）", "备注")
    return ApprovalSummary(
        fields=fields_of(
            [
                ("计划编号", plan.number),
                ("计划期间", plan.period),
                ("计划名称", plan.title),
                ("编制人", plan.prepared_by.name),
                ("说明", plan.note),
            ]
        ),
        lines=lines(headers, rows, numeric=(2, 4, 5, 6), title="采购明细"),
        total=Decimal(plan.total),
        total_label="计划金额（元）",
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
        "编码",
        "物品",
        "单位",
        "账面",
        "实盘",
        "差异",
        "单价（元）",
        "差异金额（元）",
        "原因",
    )
    return ApprovalSummary(
        fields=fields_of(
            [
                ("盘点单号", st.number),
                ("盘点期间", st.period_label),
                ("盘盈数量合计", gain),
                ("盘亏数量合计", loss),
                ("说明", st.note),
            ]
        ),
        lines=lines(headers, rows, numeric=(3, 4, 5, 6, 7), title="盘盈盘亏明细"),
        total=total,
        total_label="差异金额合计（元）",
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
    headers = ("物品", "规格", "退库数量", "单位", "单价（元）", "金额（元）")
    return ApprovalSummary(
        fields=fields_of(
            [
                ("退库单号", back.number),
                ("原申请批准单", back.requisition.number),
                ("退库部门", back.department.name),
                ("申请人", back.applicant.name),
                ("退库原因", back.reason),
            ]
        ),
        lines=lines(headers, rows, numeric=(2, 4, 5), title="退库物品"),
        total=total,
        total_label="退库金额（元）",
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
