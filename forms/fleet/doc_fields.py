"""What the approver of a fleet document reads (审批中心, the printed 申请批准单, the inbox's
金额): the repair with its fault, shop, lines and cost; a supplement with its lines; a
用车申请 with its purpose, vehicle, times and destination (``forms.summary``)."""

from __future__ import annotations

from decimal import Decimal

import peewee

from forms.summary import ApprovalSummary, fields_of, file_names, lines, money, quantity
from forms.summary import register_summary as _register
from models.fleet import Repair, RepairLine, Supplement, VehicleUse
from models.workflow import Instance

KINDS = {"repair": "一般维修", "overhaul": "大修"}
LINE_KINDS = {"part": "配件", "labour": "工时"}
LINE_HEADERS = ("项目", "类别", "数量", "单价（元）", "金额（元）")


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
                ("车辆", _vehicle(r)),
                ("使用单位", r.unit.name),
                ("报修人", r.driver.name if r.driver_id else ""),
                ("维修类别", KINDS.get(r.kind, r.kind)),
                ("故障描述", r.fault),
                ("鉴定意见", r.diagnosis),
                ("修理厂", r.shop.name if r.shop_id else ""),
                ("报价单号", r.quote_ref),
                ("承诺完工日期", f"{r.promised_date:%Y-%m-%d}" if r.promised_date else ""),
                ("有偿服务付费单位", r.payer if r.paid else ""),
            ]
        ),
        lines=lines(LINE_HEADERS, _line_rows(found), numeric=(2, 3, 4), title="维修项目"),
        total=Decimal(r.approved_cost if approved else r.estimated_cost),
        total_label="核准金额（元）" if approved else "估算金额（元）",
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
                ("维修单号", s.repair.number),
                ("车辆", _vehicle(s.repair)),
                ("追加原因", s.reason),
                ("总成或高价配件", "是（须主要领导同意）" if s.costly else "否"),
            ]
        ),
        lines=lines(LINE_HEADERS, _line_rows(found), numeric=(2, 3, 4), title="追加项目"),
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
    leaving = "、".join(t for t, on in (("出市", u.out_of_city), ("私用", u.private)) if on)
    return ApprovalSummary(
        fields=fields_of(
            [
                ("申请人", u.applicant.name),
                ("用车事由", u.purpose),
                ("车辆", _vehicle(u)),
                ("目的地", u.destination),
                ("用车时间", f"{u.starts:%Y-%m-%d %H:%M} 至 {u.ends:%Y-%m-%d %H:%M}"),
                ("出市或私用（须主要领导同意）", leaving or "否"),
            ]
        ),
        attachments=file_names(u),
    )


_register(Repair.DOC_TYPE, repair_summary, amount=repair_amount)
_register("fleet_supplement", supplement_summary, amount=supplement_amount)
_register(VehicleUse.DOC_TYPE, use_summary)
