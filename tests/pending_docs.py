"""One pending approval of every document type, each with figures that occur nowhere else,
so a test can say what its approver must read: the amount, a line, a field.

Shared by the forms test (the printed 申请批准单) and the desktop test (审批中心's dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from models import attachments, fleet, supplies
from models.fleet import LineInput
from models.people import User
from models.supplies import PlanLineInput, RequisitionLineInput, stocktake
from models.workflow import Instance
from tests.models.test_supplies import build_sup, opening
from tests.office import Office

T0 = datetime(2026, 10, 12, 9, 0)  # a Monday in Q4


@dataclass
class Pending:
    inst: Instance
    approver: User
    amount: str | None  # the total as shown, None for a type without one
    line: str | None  # a line's text the approver must see
    field: str  # a field's value the approver must see
    document_window: bool = False  # its domain has a window for it (查看完整单据)


def _car(o: Office) -> fleet.Vehicle:
    return fleet.add_vehicle(
        o.fleet, "京A12345", o.squad, model="大众帕萨特", odometer=42000, drivers=[o.driver]
    )


def _assessed(o: Office) -> fleet.Repair:
    shop = fleet.add_shop(o.logistics, "城东汽修厂", "东环路8号")
    repair = fleet.apply_repair(o.driver, _car(o), "刹车异响，制动距离变长", at=T0)
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="刹车片磨损",
        lines=[
            LineInput("前刹车片", Decimal("412.50"), quantity=Decimal("2")),
            LineInput("更换工时", Decimal("275"), kind="labour"),
        ],
        shop=shop,
        promised_date=date(2026, 10, 16),
        at=T0,
    )
    attachments.attach(o.fleet, repair, "报价单.pdf", b"%PDF-1.4 quote")
    return repair


def repair(o: Office) -> Pending:
    r = _assessed(o)
    return Pending(r.instance(), o.leader, "1,100.00", "前刹车片", "城东汽修厂", True)


def supplement(o: Office) -> Pending:
    r = _assessed(o)
    r = fleet.approve_repair(o.leader, r, "同意", at=T0)
    r = fleet.file_repair(o.logistics, r, at=T0)
    r = fleet.enter_shop(o.fleet, r, at=T0)
    s = fleet.propose_supplement(
        o.fleet, r, [LineInput("刹车油", Decimal("68.40"), quantity=Decimal("3"))], "刹车油变质"
    )
    return Pending(s.instance(), o.logistics, "205.20", "刹车油", "刹车油变质", True)


def vehicle_use(o: Office) -> Pending:
    use = fleet.request_use(
        o.driver,
        _car(o),
        "送审计材料",
        "市审计局",
        T0 + timedelta(days=1),
        T0 + timedelta(days=1, hours=3),
    )
    return Pending(use.instance(), o.fleet, None, None, "市审计局")


def requisition(o: Office) -> Pending:
    s = build_sup(o)
    opening(s, s.pen, 37)
    opening(s, s.paper, 23)
    req = supplies.submit_requisition(
        o.clerk,
        lines=[RequisitionLineInput(s.pen, 6), RequisitionLineInput(s.paper, 3)],
        purpose="季度档案整理",
        at=T0,
    )
    # 6 × 2.50 + 3 × 25.00
    return Pending(req.instance(), o.head, "90.00", "复印纸", "季度档案整理", True)


def plan(o: Office) -> Pending:
    s = build_sup(o)
    p = supplies.create_plan(
        o.logistics,
        year=2026,
        quarter=4,
        lines=[PlanLineInput(s.toner, 3, "455"), PlanLineInput(s.paper, 40, "24.5")],
        at=T0,
    )
    p = supplies.submit_plan(o.logistics, p, at=T0)
    return Pending(p.instance(), o.leader, "2,345.00", "硒鼓", "2026Q4")


def count(o: Office) -> Pending:
    s = build_sup(o)
    opening(s, s.pen, 37)
    opening(s, s.paper, 23)
    at = T0 + timedelta(days=1)
    st = stocktake.open_stocktake(o.logistics, at=at)
    stocktake.set_counts(
        o.logistics,
        st,
        {s.pen.code: (33, "丢失"), s.paper.code: (24, "多收一包"), s.toner.code: 0},
        counted_at=at + timedelta(hours=1),
    )
    st = stocktake.submit_stocktake(o.logistics, st, at=at + timedelta(hours=2))
    # -4 × 2.50 + 1 × 25.00
    return Pending(st.instance(), o.leader, "15.00", "多收一包", "2026年第四季度")


DOCUMENTS: dict[str, Callable[[Office], Pending]] = {
    "fleet_repair": repair,
    "fleet_supplement": supplement,
    "fleet_use": vehicle_use,
    "supplies_requisition": requisition,
    "supplies_plan": plan,
    "supplies_stocktake": count,
}
