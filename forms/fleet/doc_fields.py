"""What the approver of a fleet document reads (审批中心, the printed 申请批准单, the inbox's
金额): the repair with its fault, shop, lines and cost; a supplement with its lines; a
用车申请 with its purpose, vehicle, times and destination (``forms.summary``)."""

from __future__ import annotations

from decimal import Decimal

import peewee

from forms.summary import (
    AMOUNT,
    APPLICANT,
    NO,
    UNIT_PRICE,
    ApprovalSummary,
    Label,
    fields_of,
    file_names,
    lines,
    money,
    quantity,
)
from forms.summary import register_summary as _register
from models.fleet import Repair, RepairLine, Supplement, VehicleUse
from models.workflow import Instance

KINDS = {"repair": Label("一般维修", "Repair"), "overhaul": Label("大修", "Overhaul")}
LINE_KINDS = {"part": Label("配件", "Part"), "labour": Label("工时", "Labour")}
LINE_HEADERS = (
    Label("项目", "Item"),
    Label("类别", "Kind"),
    Label("数量", "Qty"),
    UNIT_PRICE,
    AMOUNT,
)
VEHICLE = Label("车辆", "Vehicle")


def _line_rows(found: list[RepairLine]) -> list[tuple[str, ...]]:
    return [
        (
            ln.name + ("（总成）" if ln.assembly else ""),
            LINE_KINDS.get(ln.kind, ln.kind),
            quantity(ln.quantity),
            money(ln.unit_price),
            money(ln.amount),
        )
        for ln in found
    ]


def _vehicle(repair_or_use: Repair | VehicleUse) -> str:
    car = repair_or_use.vehicle
    return f"{car.plate} {car.model}".strip()


REPAIR_LINES_TITLE = Label("维修项目", "Repair items")
APPROVED = Label("核准金额（元）", "Approved amount (¥)")
ESTIMATE = Label("估算金额（元）", "Estimate (¥)")
OUT_OF_CITY = Label("出市", "out of the city")
PRIVATE = Label("私用", "private use")
LEAVING = Label("出市或私用（须主要领导同意）", "Out of city or private (leader consents)")
COSTLY = Label("是（须主要领导同意）", "Yes (the main leader must consent)")


def repair_summary(doc_id: int) -> ApprovalSummary:
    """The 车辆维修保修单 as the leader approves it: the amount is the approved one once
    frozen, the estimate before."""
    r = Repair.get_by_id(doc_id)
    found = list(
        r.lines.where(RepairLine.supplement.is_null()).order_by(RepairLine.id)  # type: ignore[attr-defined]
    )
    approved = r.approved_cost is not None
    return ApprovalSummary(
        fields=fields_of(
            [
                (VEHICLE, _vehicle(r)),
                (Label("使用单位", "Unit"), r.unit.name),
                (Label("报修人", "Reported by"), r.driver.name if r.driver_id else ""),
                (Label("维修类别", "Kind"), KINDS.get(r.kind, r.kind)),
                (Label("故障描述", "Fault"), r.fault),
                (Label("鉴定意见", "Assessment"), r.diagnosis),
                (Label("修理厂", "Repair shop"), r.shop.name if r.shop_id else ""),
                (Label("报价单号", "Quote no."), r.quote_ref),
                (
                    Label("承诺完工日期", "Promised by"),
                    f"{r.promised_date:%Y-%m-%d}" if r.promised_date else "",
                ),
                (Label("有偿服务付费单位", "Paid service: payer"), r.payer if r.paid else ""),
            ]
        ),
        lines=lines(LINE_HEADERS, _line_rows(found), numeric=(2, 3, 4), title=REPAIR_LINES_TITLE),
        total=Decimal(r.approved_cost if approved else r.estimated_cost),
        total_label=APPROVED if approved else ESTIMATE,
        attachments=file_names(r),
    )


def repair_amount() -> peewee.Node:
    return Repair.select(peewee.fn.COALESCE(Repair.approved_cost, Repair.estimated_cost)).where(
        Repair.id == Instance.doc_id
    )


def supplement_summary(doc_id: int) -> ApprovalSummary:
    """追加项目: why, on which repair, the added lines and what they cost."""
    s = Supplement.get_by_id(doc_id)
    found = list(s.lines.order_by(RepairLine.id))
    return ApprovalSummary(
        fields=fields_of(
            [
                (Label("维修单号", "Repair no."), s.repair.number),
                (VEHICLE, _vehicle(s.repair)),
                (Label("追加原因", "Reason"), s.reason),
                (Label("总成或高价配件", "Assembly or costly part"), COSTLY if s.costly else NO),
            ]
        ),
        lines=lines(
            LINE_HEADERS,
            _line_rows(found),
            numeric=(2, 3, 4),
            title=Label("追加项目", "Added items"),
        ),
        total=sum((ln.amount for ln in found), Decimal("0")),
        attachments=file_names(s.repair),
    )


def supplement_amount() -> peewee.Node:
    return RepairLine.select(peewee.fn.SUM(RepairLine.quantity * RepairLine.unit_price)).where(
        RepairLine.supplement == Instance.doc_id
    )


def use_summary(doc_id: int) -> ApprovalSummary:
    """用车申请: who, why, where to, when, which car; no amount."""
    u = VehicleUse.get_by_id(doc_id)
    ways = [t for t, on in ((OUT_OF_CITY, u.out_of_city), (PRIVATE, u.private)) if on]
    english = ", ".join(w.en for w in ways).capitalize()
    leaving = Label("、".join(ways), english) if ways else NO
    return ApprovalSummary(
        fields=fields_of(
            [
                (APPLICANT, u.applicant.name),
                (Label("用车事由", "Purpose"), u.purpose),
                (VEHICLE, _vehicle(u)),
                (Label("目的地", "Destination"), u.destination),
                (
                    Label("用车时间", "Time of use"),
                    Label(
                        f"{u.starts:%Y-%m-%d %H:%M} 至 {u.ends:%Y-%m-%d %H:%M}",
                        f"{u.starts:%Y-%m-%d %H:%M} to {u.ends:%Y-%m-%d %H:%M}",
                    ),
                ),
                (LEAVING, leaving),
            ]
        ),
        attachments=file_names(u),
    )


_register(Repair.DOC_TYPE, repair_summary, amount=repair_amount)
_register("fleet_supplement", supplement_summary, amount=supplement_amount)
_register(VehicleUse.DOC_TYPE, use_summary)
