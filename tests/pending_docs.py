"""One pending approval of every document type, each with figures that occur nowhere else,
so a test can say what its approver must read: the amount, a line, a field.

Shared by the forms test (the printed 申请批准单) and the desktop test (审批中心's dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from models import attachments, callbacks, fleet, people, supplies, training
from models.fleet import LineInput
from models.people import Role, User
from models.supplies import PlanLineInput, RequisitionLineInput, stocktake
from models.workflow import Instance
from tests.models.callbacks_office import build_service
from tests.models.callbacks_office import plan as callback_plan_of
from tests.models.test_supplies import build_sup, opening
from tests.models.training_school import IDS
from tests.office import PASSWORD, Office

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


def _trainer(o: Office) -> User:
    return people.add_user(o.admin, "tangmin", "唐敏", PASSWORD, o.office, [Role.TRAINING])


def _teacher(trainer: User, o: Office) -> training.Teacher:
    """刘一, whose login is 张三's (so he asks his own leave and claims)."""
    return training.add_teacher(
        trainer, staff_no="00017", name="刘一", id_number=IDS[1], subject="语文", user=o.clerk
    )


def tier_plan(o: Office) -> Pending:
    trainer = _trainer(o)
    p = training.create_tier_plan(
        trainer,
        "骨干教师",
        "2026-2027",
        goals="每学期开设一节县级公开课",
        plan="每两周参加教研组活动",
        required_hours=60,
        required_credits=7,
        at=T0,
    )
    p = training.submit_tier_plan(trainer, p, at=T0)
    return Pending(p.instance(), o.leader, None, None, "每学期开设一节县级公开课")


def credit_register(o: Office) -> Pending:
    trainer = _trainer(o)
    t = _teacher(trainer, o)
    training.add_group(trainer, "语文组", subject="语文", leader=t, leader_from=date(2026, 8, 1))
    training.define_term(trainer, "2026-2027", 1, date(2026, 9, 1), date(2027, 1, 22))
    r = training.draft_credit_register(trainer, "2026-2027", at=T0)
    r = training.submit_credit_register(trainer, r, at=T0)
    return Pending(r.instance(), o.leader, None, None, r.number)


def leave(o: Office) -> Pending:
    trainer = _trainer(o)
    t = _teacher(trainer, o)
    day = date(2026, 10, 14)
    lv = training.request_leave(o.clerk, t, day, day, "公差", "参加县语文教研", at=T0)
    return Pending(lv.instance(), trainer, None, None, "参加县语文教研")


def claim(o: Office) -> Pending:
    trainer = _trainer(o)
    t = _teacher(trainer, o)
    c = training.claim_external(
        o.clerk,
        t,
        kind="非学历",
        provider="县教师进修学校",
        level="县级",
        from_date=date(2026, 10, 10),
        to_date=date(2026, 10, 11),
        hours="12",
        certificate_no="JX2026-0417",
        certificate=("结业证书.pdf", b"%PDF-1.4 certificate"),
        at=T0,
    )
    return Pending(c.instance(), trainer, None, None, "JX2026-0417")


def callback_plan(o: Office) -> Pending:
    s = build_service(o)
    p = callback_plan_of(s, approve=False)
    p = callbacks.submit_plan(s.manager, p)
    return Pending(p.instance(), s.head, None, "对服务是否满意？", "服务态度与维修及时性")


def complaint(o: Office) -> Pending:
    clerk = people.add_user(o.admin, "chenyi", "陈一", PASSWORD, o.office, [Role.SERVICE])
    c = callbacks.register_complaint(
        clerk,
        complainant="刘女士",
        phone="13812345678",
        content="理赔款迟迟未到账",
        received_at=T0 - timedelta(days=14),
    )
    c = callbacks.accept_complaint(clerk, c, T0 - timedelta(days=10))
    c = callbacks.propose_decision(clerk, c, "赔付并致歉", Decimal("860"), T0)
    return Pending(c.instance(), o.head, "860.00", None, "理赔款迟迟未到账")


DOCUMENTS: dict[str, Callable[[Office], Pending]] = {
    "fleet_repair": repair,
    "fleet_supplement": supplement,
    "fleet_use": vehicle_use,
    "supplies_requisition": requisition,
    "supplies_plan": plan,
    "supplies_stocktake": count,
    "training_plan": tier_plan,
    "training_credit_register": credit_register,
    "training_leave": leave,
    "training_claim": claim,
    "callback_plan": callback_plan,
    "complaint_decision": complaint,
}
