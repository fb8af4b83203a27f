"""办公用品 — rules S1–S4 and S6–S8, on SQLite and MariaDB. Every shortcut is tried and refused.

The stocktake (S5) is in ``test_stocktake.py``, which reuses the fixtures here.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import peewee
import pytest

from models import people, supplies, workflow
from models.errors import Conflict, RuleViolation, RuleWarning
from models.people import Role, User
from models.supplies import (
    Category,
    Item,
    Movement,
    MovementKind,
    OrderLineInput,
    OrderMethod,
    PlanLineInput,
    PlanState,
    QuoteInput,
    RequisitionLineInput,
    RequisitionState,
    SupplierKind,
)
from tests.office import PASSWORD

T0 = datetime(2026, 10, 12, 9, 0)  # a Monday in Q4
ACK_ALL = frozenset(f"supplies.designated.{c.value}" for c in Category)


@dataclass
class Sup:
    o: object
    pen: Item
    paper: Item
    toner: Item  # in the 政府采购目录
    d1: supplies.Supplier
    d2: supplies.Supplier
    d3: supplies.Supplier
    central: supplies.Supplier


@pytest.fixture
def sup(office) -> Sup:
    return build_sup(office)


def build_sup(office) -> Sup:
    """Three items (one in the 政府采购目录), three dealers, the central channel, and two
    designated dealers for 书写工具 and 纸本. Shared with ``test_stocktake``."""
    lg = office.logistics
    pen = supplies.add_item(
        lg,
        name="中性笔",
        category="书写工具",
        unit="支",
        specification="0.5mm 黑色",
        reorder_level=20,
        price="2.50",
    )
    paper = supplies.add_item(
        lg,
        name="复印纸",
        category=Category.PAPER,
        unit="包",
        specification="A4 70g 500张",
        reorder_level=10,
        price="25",
    )
    toner = supplies.add_item(
        lg,
        name="硒鼓",
        category="耗材",
        unit="个",
        specification="HP 88A",
        reorder_level=2,
        gov_catalogue=True,
        price="450",
    )
    d1 = supplies.add_supplier(lg, name="城东文具店", phone="010-1111")
    d2 = supplies.add_supplier(lg, name="联华办公用品", phone="010-2222")
    d3 = supplies.add_supplier(lg, name="晨光文具专营")
    central = supplies.add_supplier(lg, name="市政府采购中心", kind=SupplierKind.CENTRAL)
    for category in (Category.WRITING, Category.PAPER):
        for dealer in (d1, d2):
            supplies.designate_supplier(
                lg, category=category, supplier=dealer, acknowledged=ACK_ALL, at=T0
            )
    return Sup(office, pen, paper, toner, d1, d2, d3, central)


def item(it: Item) -> Item:
    return Item.get_by_id(it.id)


def approved_plan(s: Sup, *lines: tuple[Item, int, str]) -> supplies.PurchasePlan:
    o = s.o
    plan = supplies.create_plan(
        o.logistics,
        year=2026,
        quarter=4,
        lines=[PlanLineInput(i, q, p) for i, q, p in lines],
        at=T0,
    )
    plan = supplies.submit_plan(o.logistics, plan, at=T0)
    return supplies.approve_plan(o.leader, plan, "同意", at=T0)


def plan_line(plan: supplies.PurchasePlan, it: Item) -> supplies.PlanLine:
    return supplies.PlanLine.get(
        (supplies.PlanLine.plan == plan.id) & (supplies.PlanLine.item == it.id)
    )


def opening(s: Sup, it: Item, qty: int) -> None:
    supplies.set_opening_balance(s.o.logistics, item=it, quantity=qty, at=T0 - timedelta(days=30))


def requisition(s: Sup, *lines: tuple[Item, int], applicant: User | None = None):
    return supplies.submit_requisition(
        applicant or s.o.clerk,
        lines=[RequisitionLineInput(i, q) for i, q in lines],
        purpose="日常办公",
        at=T0,
    )


def approved_requisition(s: Sup, *lines: tuple[Item, int], at: datetime = T0):
    o = s.o
    req = supplies.submit_requisition(
        o.clerk, lines=[RequisitionLineInput(i, q) for i, q in lines], at=at
    )
    req = supplies.head_approve(o.head, req, at=at)
    full = {ln.id: ln.requested for ln in req.lines}
    return supplies.check_requisition(o.logistics, req, approved=full, at=at)


def rule_of(excinfo) -> str | None:
    return excinfo.value.rule


# --- S1 ----------------------------------------------------------------------------------


def test_S1_items_carry_series_unit_specification_reorder_level_and_a_code(sup):
    pen = item(sup.pen)
    assert (pen.code, pen.category_label, pen.unit, pen.specification, pen.reorder_level) == (
        "SX0001",
        "书写工具",
        "支",
        "0.5mm 黑色",
        20,
    )
    assert item(sup.paper).code == "ZB0001" and item(sup.toner).code == "HC0001"
    pencil = supplies.add_item(sup.o.logistics, name="铅笔", category="书写工具系列", unit="支")
    assert pencil.code == "SX0002"
    assert [c.label for c in Category] == ["书写工具", "纸本", "文具", "耗材"]


def test_S1_unknown_series_missing_unit_duplicates_and_wrong_role_are_refused(sup):
    lg = sup.o.logistics
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(lg, name="订书机", category="办公家具", unit="个")
    assert (err.value.rule, err.value.field) == ("S1", "category")
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(lg, name="订书机", category="文具", unit=" ")
    assert err.value.field == "unit"
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(
            lg, name="中性笔", category="书写工具", unit="支", specification="0.5mm 黑色"
        )
    assert err.value.rule == "S1"
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(sup.o.clerk, name="订书机", category="文具", unit="个")
    assert err.value.rule == "X1"


def test_S8_stock_is_never_edited_as_master_data(sup):
    with pytest.raises(RuleViolation) as err:
        supplies.update_item(sup.o.logistics, sup.pen, on_hand=100)
    assert err.value.rule == "S8"
    supplies.update_item(sup.o.logistics, sup.pen, reorder_level=30, category="文具")
    assert (item(sup.pen).reorder_level, item(sup.pen).category) == (30, "stationery")
    opening(sup, sup.paper, 5)
    with pytest.raises(RuleViolation) as err:
        supplies.void_item(sup.o.logistics, sup.paper, "停用")
    assert err.value.rule == "S8"


# --- S2 ----------------------------------------------------------------------------------


def test_S2_two_to_three_designated_suppliers_per_category_else_a_warning(sup):
    lg = sup.o.logistics
    assert [s.name for s in supplies.designated_suppliers(Category.WRITING)] == [
        "城东文具店",
        "联华办公用品",
    ]
    # 文具 and 耗材 have none yet: the dashboard lists them.
    assert {w.category for w in supplies.designation_warnings()} == {"stationery", "consumables"}
    with pytest.raises(RuleWarning) as warn:
        supplies.designate_supplier(lg, category=Category.STATIONERY, supplier=sup.d1)
    assert warn.value.rule == "S2" and warn.value.key == "supplies.designated.stationery"
    supplies.designate_supplier(lg, category=Category.WRITING, supplier=sup.d3)  # third: fine
    fourth = supplies.add_supplier(lg, name="第四家文具")
    with pytest.raises(RuleWarning):
        supplies.designate_supplier(lg, category=Category.WRITING, supplier=fourth)
    supplies.designate_supplier(
        lg,
        category=Category.WRITING,
        supplier=fourth,
        acknowledged={"supplies.designated.writing"},
    )
    assert len(supplies.designated_suppliers(Category.WRITING)) == 4
    assert "writing" in {w.category for w in supplies.designation_warnings()}
    # Going below two warns as well; the history stays.
    with pytest.raises(RuleWarning):
        supplies.undesignate_supplier(lg, category=Category.PAPER, supplier=sup.d2, reason="停业")
    supplies.undesignate_supplier(
        lg,
        category=Category.PAPER,
        supplier=sup.d2,
        reason="停业",
        acknowledged={"supplies.designated.paper"},
    )
    assert [s.name for s in supplies.designated_suppliers(Category.PAPER)] == ["城东文具店"]
    assert (
        supplies.CategorySupplier.select()
        .where(supplies.CategorySupplier.supplier == sup.d2.id)
        .count()
        == 2
    )
    with pytest.raises(RuleViolation) as err:
        supplies.designate_supplier(lg, category=Category.WRITING, supplier=sup.central)
    assert err.value.rule == "S3"
    with pytest.raises(RuleViolation) as err:
        supplies.designate_supplier(sup.o.clerk, category=Category.WRITING, supplier=sup.d3)
    assert err.value.rule == "X1"


def test_S2_a_designated_order_names_a_designated_supplier_of_the_category(sup):
    plan = approved_plan(sup, (sup.pen, 100, "2.5"), (sup.paper, 20, "25"))
    lg = sup.o.logistics
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(
            lg,
            plan=plan,
            method=OrderMethod.DESIGNATED,
            supplier=sup.d3,
            lines=[OrderLineInput(plan_line(plan, sup.pen), 100, "2.5")],
            at=T0,
        )
    assert (err.value.rule, err.value.field) == ("S2", "supplier")
    order = supplies.create_order(
        lg,
        plan=plan,
        method=OrderMethod.DESIGNATED,
        supplier=sup.d1,
        lines=[
            OrderLineInput(plan_line(plan, sup.pen), 100, "2.5"),
            OrderLineInput(plan_line(plan, sup.paper), 20, "25"),
        ],
        at=T0,
    )
    assert order.number == "CG2026-0001" and order.total == Decimal("750.00")


def test_S2_competitive_purchase_records_two_quotes_and_the_chosen_one_with_its_reason(sup):
    plan = approved_plan(sup, (sup.pen, 100, "2.5"))
    lg = sup.o.logistics
    line = [OrderLineInput(plan_line(plan, sup.pen), 100, "2.2")]
    kw = {"plan": plan, "method": OrderMethod.COMPETITIVE, "lines": line, "at": T0}
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(
            lg, quotes=[QuoteInput(sup.d3, "220", chosen=True)], choice_reason="最低价", **kw
        )
    assert (err.value.rule, err.value.field) == ("S2", "quotes")
    two = [QuoteInput(sup.d3, "220", chosen=True), QuoteInput(sup.d1, "250")]
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(lg, quotes=two, **kw)
    assert (err.value.rule, err.value.field) == ("S2", "choice_reason")
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(
            lg,
            quotes=[QuoteInput(sup.d3, "220"), QuoteInput(sup.d1, "250")],
            choice_reason="最低价",
            **kw,
        )
    assert err.value.rule == "S2"
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(
            lg,
            quotes=[QuoteInput(sup.d3, "220", chosen=True), QuoteInput(sup.d3, "210")],
            choice_reason="最低价",
            **kw,
        )
    assert err.value.rule == "S2"
    order = supplies.create_order(lg, quotes=two, choice_reason="报价最低，质量相当", **kw)
    assert order.supplier_id == sup.d3.id  # a non-designated dealer, chosen by competition
    quotes = sorted((q.supplier.name, q.amount, q.chosen) for q in order.quotes)
    assert quotes == [
        ("城东文具店", Decimal("250.00"), False),
        ("晨光文具专营", Decimal("220.00"), True),
    ]
    assert order.choice_reason == "报价最低，质量相当"


# --- S3 ----------------------------------------------------------------------------------


def test_S3_gov_catalogue_item_only_through_central_procurement_never_a_local_supplier(sup):
    lg = sup.o.logistics
    supplies.designate_supplier(
        lg, category=Category.CONSUMABLES, supplier=sup.d1, acknowledged=ACK_ALL
    )
    plan = approved_plan(sup, (sup.toner, 4, "450"))
    line = [OrderLineInput(plan_line(plan, sup.toner), 4, "440")]
    with pytest.raises(RuleViolation) as err:  # designated local dealer of 耗材
        supplies.create_order(
            lg, plan=plan, method=OrderMethod.DESIGNATED, supplier=sup.d1, lines=line, at=T0
        )
    assert (err.value.rule, err.value.field) == ("S3", "method")
    with pytest.raises(RuleViolation) as err:  # competition among local dealers
        supplies.create_order(
            lg,
            plan=plan,
            method=OrderMethod.COMPETITIVE,
            lines=line,
            quotes=[QuoteInput(sup.d1, "1700", chosen=True), QuoteInput(sup.d2, "1800")],
            choice_reason="最低价",
            at=T0,
        )
    assert err.value.rule == "S3"
    with pytest.raises(RuleViolation) as err:  # "central" but a local supplier
        supplies.create_order(
            lg,
            plan=plan,
            method=OrderMethod.CENTRAL,
            supplier=sup.d1,
            lines=line,
            central_ref="ZC-2026-18",
            at=T0,
        )
    assert (err.value.rule, err.value.field) == ("S3", "supplier")
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(
            lg, plan=plan, method=OrderMethod.CENTRAL, supplier=sup.central, lines=line, at=T0
        )
    assert (err.value.rule, err.value.field) == ("S3", "central_ref")
    order = supplies.create_order(
        lg,
        plan=plan,
        method=OrderMethod.CENTRAL,
        supplier=sup.central,
        lines=line,
        central_ref="ZC-2026-18",
        at=T0,
    )
    assert order.method_label == "政府集中采购"
    assert supplies.PurchaseOrder.select().count() == 1


# --- S4 ----------------------------------------------------------------------------------


def test_S4_nothing_is_bought_before_the_main_leader_approves_the_plan(sup):
    o = sup.o
    plan = supplies.create_plan(
        o.logistics, year=2026, quarter=4, lines=[PlanLineInput(sup.pen, 100, "2.5")], at=T0
    )
    assert plan.number == "JH2026-0001" and plan.total == Decimal("250.00")

    def order():
        return supplies.create_order(
            o.logistics,
            plan=plan,
            method=OrderMethod.DESIGNATED,
            supplier=sup.d1,
            lines=[OrderLineInput(plan_line(plan, sup.pen), 10, "2.5")],
            at=T0,
        )

    with pytest.raises(RuleViolation) as err:
        order()
    assert (err.value.rule, err.value.field) == ("S4", "plan")
    plan = supplies.submit_plan(o.logistics, plan, at=T0)
    with pytest.raises(RuleViolation) as err:
        order()
    assert err.value.rule == "S4"
    with pytest.raises(RuleViolation) as err:  # only the main leader approves
        supplies.approve_plan(o.head, plan, at=T0)
    assert err.value.rule == "X1"
    plan = supplies.reject_plan(o.leader, plan, "预算偏高，压减后再报", at=T0)
    assert supplies.PurchasePlan.get_by_id(plan.id).state == PlanState.REJECTED
    with pytest.raises(RuleViolation) as refusal:
        order()
    assert refusal.value.rule == "S4"
    steps = [(s.node_name, s.action) for s in workflow.trail(plan.instance().id)]
    assert steps == [("", "submit"), ("主要领导审批", "reject")]


def test_S4_nobody_approves_his_own_plan(sup):
    o = sup.o
    people.set_roles(o.admin, o.leader, [Role.LEADER, Role.LOGISTICS])
    leader = User.get_by_id(o.leader.id)
    plan = supplies.create_plan(
        leader, year=2026, quarter=4, lines=[PlanLineInput(sup.pen, 10, "2.5")], at=T0
    )
    plan = supplies.submit_plan(leader, plan, at=T0)
    with pytest.raises(RuleViolation) as err:
        supplies.approve_plan(leader, plan, at=T0)
    assert err.value.rule == "X1"
    assert supplies.approve_plan(o.leader2, plan, at=T0).state == PlanState.APPROVED


def test_S4_the_plan_is_frozen_once_sent_and_editable_again_when_returned(sup):
    o = sup.o
    plan = supplies.create_plan(
        o.logistics, year=2026, quarter=4, lines=[PlanLineInput(sup.pen, 100, "2.5")], at=T0
    )
    with pytest.raises(RuleViolation) as err:
        supplies.create_plan(
            o.logistics,
            year=2026,
            quarter=4,
            lines=[PlanLineInput(sup.pen, 1, "2"), PlanLineInput(sup.pen, 2, "2")],
        )
    assert err.value.rule == "S4"
    plan = supplies.submit_plan(o.logistics, plan, at=T0)
    with pytest.raises(RuleViolation) as err:
        supplies.set_plan_lines(o.logistics, plan, [PlanLineInput(sup.pen, 500, "2.5")])
    assert err.value.rule == "S4"
    workflow.return_to(o.leader, plan.instance().id, "数量偏多", at=T0)
    plan = supplies.PurchasePlan.get_by_id(plan.id)  # the store sees it returned
    assert plan.state == PlanState.RETURNED
    plan = supplies.set_plan_lines(o.logistics, plan, [PlanLineInput(sup.pen, 60, "2.5")])
    plan = supplies.submit_plan(o.logistics, plan, at=T0)
    approved = supplies.approve_plan(o.leader, plan, at=T0)
    assert (approved.state, approved.total) == (PlanState.APPROVED, Decimal("150.00"))


def test_S4_orders_stay_within_the_approved_quantity_and_budget_of_each_line(sup):
    plan = approved_plan(sup, (sup.pen, 100, "2.5"))
    lg, pl = sup.o.logistics, plan_line(plan, sup.pen)

    def order(qty, price):
        return supplies.create_order(
            lg,
            plan=plan,
            method=OrderMethod.DESIGNATED,
            supplier=sup.d1,
            lines=[OrderLineInput(pl, qty, price)],
            at=T0,
        )

    with pytest.raises(RuleViolation) as err:
        order(101, "2")
    assert (err.value.rule, err.value.field) == ("S4", "quantity")
    with pytest.raises(RuleViolation) as err:
        order(100, "2.6")  # 260 > the 250 budget
    assert (err.value.rule, err.value.field) == ("S4", "unit_price")
    first = order(60, "2.5")
    with pytest.raises(RuleViolation) as err:
        order(41, "2")
    assert err.value.rule == "S4"
    use = supplies.plan_line_use(pl)
    assert (use.quantity, use.amount) == (60, Decimal("150.00"))
    supplies.cancel_order(lg, first, "供应商缺货")
    order(100, "2.5")  # the cancelled order gave its quantity back
    other = approved_plan(sup, (sup.paper, 5, "25"))
    with pytest.raises(RuleViolation) as err:  # a line of another plan
        supplies.create_order(
            lg,
            plan=plan,
            method=OrderMethod.DESIGNATED,
            supplier=sup.d1,
            lines=[OrderLineInput(plan_line(other, sup.paper), 1, "25")],
        )
    assert err.value.rule == "S4"
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(
            sup.o.clerk,
            plan=plan,
            method=OrderMethod.DESIGNATED,
            supplier=sup.d1,
            lines=[OrderLineInput(pl, 1, "2")],
        )
    assert err.value.rule == "X1"


def test_S4_receipts_bring_ordered_goods_into_stock_and_no_more(sup):
    plan = approved_plan(sup, (sup.pen, 100, "2.5"), (sup.paper, 20, "25"))
    lg = sup.o.logistics
    order = supplies.create_order(
        lg,
        plan=plan,
        method=OrderMethod.DESIGNATED,
        supplier=sup.d2,
        lines=[
            OrderLineInput(plan_line(plan, sup.pen), 100, "2.4"),
            OrderLineInput(plan_line(plan, sup.paper), 20, "24"),
        ],
        at=T0,
    )
    pen_line = next(ln for ln in order.lines if ln.item_id == sup.pen.id)
    with pytest.raises(RuleViolation) as err:
        supplies.receive(lg, order=order, quantities={pen_line.id: 101}, at=T0)
    assert err.value.rule == "S4"
    first = supplies.receive(lg, order=order, quantities={pen_line.id: 40}, at=T0)
    assert first.number == "RK2026-0001"
    assert supplies.PurchaseOrder.get_by_id(order.id).state == supplies.OrderState.PARTIAL
    supplies.receive(lg, order=order, at=T0 + timedelta(days=1))
    assert supplies.PurchaseOrder.get_by_id(order.id).state == supplies.OrderState.RECEIVED
    assert (item(sup.pen).on_hand, item(sup.paper).on_hand) == (100, 20)
    assert item(sup.pen).price == Decimal("2.40")
    with pytest.raises(RuleViolation) as refusal:
        supplies.receive(lg, order=order, at=T0)
    assert refusal.value.rule == "S4"
    with pytest.raises(RuleViolation) as err:
        supplies.cancel_order(lg, order, "不要了")
    assert err.value.rule == "S8"
    ledger = supplies.item_ledger(item(sup.pen))
    assert [(r.kind_label, r.quantity_in, r.balance, r.supplier) for r in ledger] == [
        ("入库", 40, 40, "联华办公用品"),
        ("入库", 60, 100, "联华办公用品"),
    ]


def test_S4_reorder_suggestions_from_stock_reorder_level_and_three_months_use(sup):
    o = sup.o
    opening(sup, sup.pen, 200)
    opening(sup, sup.paper, 40)
    # 90 pens used in the last three months (30 a month); one older issue does not count.
    for days, qty in ((120, 50), (80, 30), (50, 30), (10, 30)):
        req = approved_requisition(sup, (sup.pen, qty), at=T0 - timedelta(days=days))
        req = supplies.issue_requisition(
            o.logistics, req, receiver=o.clerk, at=T0 - timedelta(days=days)
        )
    assert item(sup.pen).on_hand == 60
    rows = {r.code: r for r in supplies.reorder_suggestions(today=T0.date())}
    pen = rows["SX0001"]
    # target = reorder level 20 + 3 months × 30 = 110; 60 on hand → buy 50.
    assert (pen.monthly_use, pen.suggested, pen.below_reorder) == (Decimal("30.0"), 50, False)
    assert "ZB0001" not in rows  # 40 on hand, reorder level 10, no use
    toner = rows["HC0001"]  # nothing in stock at all: below its level of 2
    assert (toner.suggested, toner.below_reorder) == (2, True)
    assert next(iter(rows)) == "HC0001"  # below reorder level first
    # What is on order counts as coming.
    plan = approved_plan(sup, (sup.pen, 50, "2.5"))
    supplies.create_order(
        o.logistics,
        plan=plan,
        method=OrderMethod.DESIGNATED,
        supplier=sup.d1,
        lines=[OrderLineInput(plan_line(plan, sup.pen), 30, "2.5")],
        at=T0,
    )
    pen = {r.code: r for r in supplies.reorder_suggestions(today=T0.date())}["SX0001"]
    assert (pen.on_order, pen.suggested) == (30, 20)
    lines = supplies.suggested_plan_lines(today=T0.date())
    assert {(ln.item.code, ln.quantity) for ln in lines} == {("SX0001", 20), ("HC0001", 2)}


# --- S6 ----------------------------------------------------------------------------------


def test_S6_requisition_head_then_logistics_approves_line_by_line_then_issues(sup):
    o = sup.o
    opening(sup, sup.pen, 50)
    opening(sup, sup.paper, 30)
    req = requisition(sup, (sup.pen, 3), (sup.paper, 5))
    assert (req.number, req.state) == ("LY2026-0001", RequisitionState.PENDING)
    with pytest.raises(RuleViolation) as err:  # logistics cannot jump the head's step
        supplies.check_requisition(o.logistics, req, approved={}, at=T0)
    assert err.value.rule == "S6"
    req = supplies.head_approve(o.head, req, "同意", at=T0)
    lines = {ln.item_id: ln for ln in req.lines}
    pen_id, paper_id = lines[sup.pen.id].id, lines[sup.paper.id].id
    with pytest.raises(RuleViolation) as err:  # every line must be decided
        supplies.check_requisition(o.logistics, req, approved={pen_id: 2}, at=T0)
    assert err.value.field == "approved"
    with pytest.raises(RuleViolation) as err:  # a cut needs its reason
        supplies.check_requisition(o.logistics, req, approved={pen_id: 2, paper_id: 5}, at=T0)
    assert (err.value.rule, err.value.field) == ("S6", "comment")
    with pytest.raises(RuleViolation) as refusal:
        supplies.check_requisition(o.logistics, req, approved={pen_id: 4, paper_id: 5}, at=T0)
    assert refusal.value.rule == "S6"
    with pytest.raises(RuleViolation) as refusal:  # nothing at all: reject instead
        supplies.check_requisition(
            o.logistics, req, approved={pen_id: 0, paper_id: 0}, comment="无", at=T0
        )
    assert refusal.value.rule == "S6"
    req = supplies.check_requisition(
        o.logistics, req, approved={pen_id: 2, paper_id: 5}, comment="笔按季度定额核减", at=T0
    )
    assert req.state == RequisitionState.APPROVED
    assert {ln.item_id: ln.approved for ln in req.lines} == {sup.pen.id: 2, sup.paper.id: 5}
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    assert (req.state, req.receiver_name, req.issued_by_id) == (
        RequisitionState.ISSUED,
        "张三",
        o.logistics.id,
    )
    assert (item(sup.pen).on_hand, item(sup.paper).on_hand) == (48, 25)
    issue = supplies.Movement.get(
        (supplies.Movement.item == sup.pen.id) & (supplies.Movement.kind == "issue")
    )
    assert (issue.quantity, issue.department_id, issue.receiver, issue.actor_name) == (
        -2,
        o.office.id,
        "张三",
        "周九",
    )
    with pytest.raises(RuleViolation) as err:  # a slip goes out once
        supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    assert err.value.rule == "S6"
    steps = [(s.node_name, s.action) for s in workflow.trail(req.instance().id)]
    assert steps == [("", "submit"), ("科室负责人审批", "approve"), ("后勤核对", "approve")]


def test_S6_wrong_roles_other_departments_and_self_approval_are_refused(sup):
    o = sup.o
    opening(sup, sup.pen, 50)
    with pytest.raises(RuleViolation) as err:  # only for one's own department
        supplies.submit_requisition(
            o.clerk, lines=[RequisitionLineInput(sup.pen, 1)], department=o.squad, at=T0
        )
    assert err.value.rule == "S6"
    req = requisition(sup, (sup.pen, 3))
    with pytest.raises(RuleViolation) as err:  # the head of another department
        supplies.head_approve(o.squad_head, req, at=T0)
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:
        supplies.head_approve(o.clerk, req, at=T0)  # the applicant himself
    assert err.value.rule == "X1"
    req = supplies.head_approve(o.head, req, at=T0)
    line_id = req.lines[0].id
    with pytest.raises(RuleViolation) as err:
        supplies.check_requisition(o.clerk, req, approved={line_id: 3}, at=T0)
    assert err.value.rule == "X1"
    # The approvals center cannot pass 后勤核对 without the line-by-line check.
    with pytest.raises(RuleViolation) as err:
        workflow.approve(o.logistics, req.instance().id, at=T0)
    assert err.value.rule == "S6"
    req = supplies.check_requisition(o.logistics, req, approved={line_id: 3}, at=T0)
    with pytest.raises(RuleViolation) as err:
        supplies.issue_requisition(o.clerk, req, receiver=o.clerk, at=T0)
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:  # the receiver belongs to the department
        supplies.issue_requisition(o.logistics, req, receiver=o.driver, at=T0)
    assert (err.value.rule, err.value.field) == ("S6", "receiver")
    # The only logistics officer cannot check his own slip: no one is left to do it.
    with pytest.raises(RuleViolation) as err:
        own = requisition(sup, (sup.pen, 1), applicant=o.logistics)
        supplies.head_approve(o.head, own, at=T0)
    assert err.value.rule == "X1"


def test_S6_a_head_applying_for_his_department_skips_his_own_step(sup):
    o = sup.o
    opening(sup, sup.pen, 10)
    req = requisition(sup, (sup.pen, 2), applicant=o.head)
    inst = req.instance()
    assert inst.current_node().key == "check"
    steps = [s.action for s in workflow.trail(inst.id)]
    assert steps == ["submit", "skip"]


def test_S6_rejected_or_returned_slips_are_never_issued_and_can_be_corrected(sup):
    o = sup.o
    opening(sup, sup.pen, 10)
    req = requisition(sup, (sup.pen, 2))
    workflow.return_to(o.head, req.instance().id, "数量写错", at=T0)
    req = supplies.Requisition.get_by_id(req.id)
    assert req.state == RequisitionState.RETURNED
    with pytest.raises(RuleViolation) as refusal:
        supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    assert refusal.value.rule == "S6"
    req = supplies.resubmit_requisition(o.clerk, req, lines=[RequisitionLineInput(sup.pen, 1)])
    req = supplies.head_approve(o.head, req, at=T0)
    workflow.reject(o.logistics, req.instance().id, "本季度已领足", at=T0)
    req = supplies.Requisition.get_by_id(req.id)
    assert req.state == RequisitionState.REJECTED
    with pytest.raises(RuleViolation) as refusal:
        supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    assert refusal.value.rule == "S6"
    assert item(sup.pen).on_hand == 10


def test_S6_issue_never_drives_stock_negative(sup):
    o = sup.o
    opening(sup, sup.pen, 5)
    opening(sup, sup.paper, 10)
    req = requisition(sup, (sup.pen, 6), (sup.paper, 2))
    req = supplies.head_approve(o.head, req, at=T0)
    full = {ln.id: ln.requested for ln in req.lines}
    with pytest.raises(RuleWarning) as warn:  # approving more than the store holds warns
        supplies.check_requisition(o.logistics, req, approved=full, at=T0)
    assert warn.value.key == "supplies.short_stock"
    req = supplies.check_requisition(
        o.logistics, req, approved=full, acknowledged={"supplies.short_stock"}, at=T0
    )
    with pytest.raises(RuleViolation) as err:
        supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    assert err.value.rule == "S6"
    # All or nothing: the paper line was not issued either.
    assert (item(sup.pen).on_hand, item(sup.paper).on_hand) == (5, 10)
    assert supplies.Movement.select().where(supplies.Movement.kind == "issue").count() == 0
    # The store may hand over what it has; the rest is not owed.
    pen_line = next(ln for ln in req.lines if ln.item_id == sup.pen.id)
    paper_line = next(ln for ln in req.lines if ln.item_id == sup.paper.id)
    with pytest.raises(RuleViolation) as refusal:
        supplies.issue_requisition(
            o.logistics, req, receiver=o.clerk, quantities={pen_line.id: 7}, at=T0
        )
    assert refusal.value.rule == "S6"
    req = supplies.issue_requisition(
        o.logistics, req, receiver=o.clerk, quantities={pen_line.id: 5, paper_line.id: 2}, at=T0
    )
    assert (item(sup.pen).on_hand, item(sup.paper).on_hand) == (0, 8)
    assert supplies.ledger_mismatches() == []


def _issue_race(database, sup: Sup, clerks: list[User], stock: int, slips: int, each: int):
    """``slips`` approved requisitions of ``each`` units race for ``stock`` units."""
    o = sup.o
    pen = supplies.add_item(
        o.logistics, name=f"签字笔{random.random():.6f}", category="书写工具", unit="支"
    )
    supplies.set_opening_balance(o.logistics, item=pen, quantity=stock, at=T0)
    reqs = [approved_requisition(sup, (pen, each)) for _ in range(slips)]
    barrier = threading.Barrier(slips)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def issue(clerk: User, req) -> None:
        try:
            database.connect(reuse_if_open=True)  # so the barrier releases ready clients
            barrier.wait(timeout=20)
            req = supplies.issue_requisition(clerk, req, receiver=o.clerk, at=T0)
            outcomes.append("issued")
        except RuleViolation as exc:
            assert exc.rule == "S6", exc
            outcomes.append("refused")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            database.close()

    threads = [
        threading.Thread(target=issue, args=(clerks[i % len(clerks)], r))
        for i, r in enumerate(reqs)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    return pen, outcomes


def test_S6_two_clerks_issuing_the_last_units_at_once_never_drive_stock_negative(sup, database):
    o = sup.o
    clerk2 = people.add_user(o.admin, "houqin2", "郑十一", PASSWORD, o.office, [Role.LOGISTICS])
    clerks = [o.logistics, clerk2]
    for round_no in range(8):
        stock, slips, each = 5 + round_no % 3, 4, 2
        pen, outcomes = _issue_race(database, sup, clerks, stock, slips, each)
        issued = outcomes.count("issued")
        assert len(outcomes) == slips
        assert issued == stock // each, (round_no, outcomes)
        assert item(pen).on_hand == stock - issued * each >= 0
        ledger = supplies.ledger_sums()[pen.id]
        assert ledger == item(pen).on_hand
        balances = [m.balance for m in pen.movements.order_by(supplies.Movement.id)]
        assert min(balances) >= 0 and balances[-1] == item(pen).on_hand
    assert supplies.ledger_mismatches() == []


def test_S6_the_same_slip_issued_by_two_clerks_at_once_goes_out_once(sup, database):
    o = sup.o
    clerk2 = people.add_user(o.admin, "houqin2", "郑十一", PASSWORD, o.office, [Role.LOGISTICS])
    opening(sup, sup.paper, 100)
    for _ in range(5):
        req = approved_requisition(sup, (sup.paper, 3))
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def issue(clerk: User, req=req, barrier=barrier, outcomes=outcomes) -> None:
            try:
                database.connect(reuse_if_open=True)
                barrier.wait(timeout=20)
                req = supplies.issue_requisition(clerk, req, receiver=o.clerk, at=T0)
                outcomes.append("issued")
            except (RuleViolation, Conflict):
                outcomes.append("refused")
            finally:
                database.close()

        threads = [threading.Thread(target=issue, args=(c,)) for c in (o.logistics, clerk2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(outcomes) == ["issued", "refused"]
    assert item(sup.paper).on_hand == 100 - 5 * 3
    assert supplies.ledger_mismatches() == []


# --- S7 ----------------------------------------------------------------------------------


def _received(sup: Sup, qty: int = 20) -> supplies.Receipt:
    plan = approved_plan(sup, (sup.paper, qty, "25"))
    order = supplies.create_order(
        sup.o.logistics,
        plan=plan,
        method=OrderMethod.DESIGNATED,
        supplier=sup.d2,
        lines=[OrderLineInput(plan_line(plan, sup.paper), qty, "25")],
        at=T0,
    )
    return supplies.receive(sup.o.logistics, order=order, at=T0)


def test_S7_returns_and_exchanges_go_against_the_original_receipt_and_its_supplier(sup):
    lg = sup.o.logistics
    receipt = _received(sup, 20)
    line = receipt.lines[0]
    back = supplies.return_to_supplier(
        lg, receipt_line=line, quantity=3, reason="受潮结块", at=T0 + timedelta(days=2)
    )
    assert (back.number, back.supplier_id, back.kind_label) == ("TH2026-0001", sup.d2.id, "退货")
    swap = supplies.exchange_with_supplier(
        lg, receipt_line=line, quantity=4, reason="规格不符（要80g）", replaced_now=False
    )
    assert item(sup.paper).on_hand == 20 - 3 - 4
    assert supplies.returnable(line) == 13
    supplies.receive_replacement(lg, exchange=swap, quantity=4)
    assert item(sup.paper).on_hand == 17 and supplies.returnable(line) == 17
    with pytest.raises(RuleViolation) as refusal:
        supplies.receive_replacement(lg, exchange=swap, quantity=1)
    assert refusal.value.rule == "S7"
    swap2 = supplies.exchange_with_supplier(lg, receipt_line=line, quantity=2, reason="破损")
    assert swap2.replaced == 2 and item(sup.paper).on_hand == 17
    kinds = [
        (m.kind_label, m.quantity, m.supplier_id, m.doc_number)
        for m in item(sup.paper).movements.order_by(supplies.Movement.id)
    ]
    assert kinds == [
        ("入库", 20, sup.d2.id, "RK2026-0001"),
        ("退货", -3, sup.d2.id, "TH2026-0001"),
        ("调换（退回）", -4, sup.d2.id, "TH2026-0002"),
        ("调换（换入）", 4, sup.d2.id, "TH2026-0002"),
        ("调换（退回）", -2, sup.d2.id, "TH2026-0003"),
        ("调换（换入）", 2, sup.d2.id, "TH2026-0003"),
    ]
    assert "RK2026-0001" in supplies.Movement.get(supplies.Movement.kind == "return").reason


def test_S7_no_more_than_received_no_reason_no_return_and_stock_stays_positive(sup):
    lg = sup.o.logistics
    receipt = _received(sup, 10)
    line = receipt.lines[0]
    with pytest.raises(RuleViolation) as err:
        supplies.return_to_supplier(lg, receipt_line=line, quantity=11, reason="破损")
    assert (err.value.rule, err.value.field) == ("S7", "quantity")
    with pytest.raises(RuleViolation) as err:
        supplies.return_to_supplier(lg, receipt_line=line, quantity=1, reason=" ")
    assert (err.value.rule, err.value.field) == ("S7", "reason")
    with pytest.raises(RuleViolation) as err:
        supplies.return_to_supplier(sup.o.clerk, receipt_line=line, quantity=1, reason="破损")
    assert err.value.rule == "X1"
    # Goods already issued cannot go back from the store: stock would go negative.
    req = approved_requisition(sup, (sup.paper, 8))
    req = supplies.issue_requisition(lg, req, receiver=sup.o.clerk, at=T0)
    with pytest.raises(RuleViolation) as refusal:
        supplies.return_to_supplier(lg, receipt_line=line, quantity=3, reason="破损")
    assert refusal.value.rule == "S8"
    assert item(sup.paper).on_hand == 2


# --- S8 ----------------------------------------------------------------------------------


def test_S8_every_change_is_a_movement_with_who_when_why_and_its_document(sup):
    o = sup.o
    receipt = _received(sup, 10)
    req = approved_requisition(sup, (sup.paper, 4))
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0 + timedelta(hours=2))
    supplies.return_to_supplier(
        o.logistics, receipt_line=receipt.lines[0], quantity=1, reason="破损"
    )
    rows = supplies.item_ledger(item(sup.paper))
    assert [(r.kind_label, r.quantity_in, r.quantity_out, r.balance) for r in rows] == [
        ("入库", 10, 0, 10),
        ("出库", 0, 4, 6),
        ("退货", 0, 1, 5),
    ]
    assert all(r.actor == "周九" and r.at and r.reason and r.doc_number for r in rows)
    assert rows[1].department == "办公室" and rows[1].receiver == "张三"
    assert rows[0].supplier == "联华办公用品"
    window = supplies.item_ledger(
        item(sup.paper), start=T0 + timedelta(hours=1), end=T0 + timedelta(hours=3)
    )
    assert [r.kind for r in window] == [MovementKind.ISSUE]


def daily_movements(actor: User, it: Item, days: int, start: datetime = T0) -> None:
    """An item moved every day: 2 received in the morning, 1 issued in the afternoon,
    through the ledger core (each balance the stock just after it), in one bulk post."""
    from models.db import db
    from models.supplies.stock import _post_movements, lock_items

    with db.atomic():
        locked = lock_items([it.id])[it.id]
        entries = []
        for day in range(days):
            at = start + timedelta(days=day)
            entries.append(
                {
                    "item": locked,
                    "kind": MovementKind.RECEIPT,
                    "quantity": 2,
                    "reason": "入库",
                    "at": at,
                }
            )
            entries.append(
                {
                    "item": locked,
                    "kind": MovementKind.ISSUE,
                    "quantity": -1,
                    "reason": "领用",
                    "at": at + timedelta(hours=6),
                }
            )
        _post_movements(actor, entries)


def test_S8_the_ledger_query_pages_with_each_movements_balance_and_totals_to_the_stock(sup):
    opening(sup, sup.pen, 30)
    daily_movements(sup.o.logistics, item(sup.pen), 400)
    pen = item(sup.pen)
    assert supplies.item_ledger_total(pen) == (801, 30 + 400) == (801, pen.on_hand)
    query = supplies.item_ledger_query(pen).order_by(Movement.id)
    first = list(query.limit(200))
    assert [m.balance for m in first[:4]] == [30, 32, 31, 33]
    last_page = list(query.where(Movement.id > first[-1].id).order_by(Movement.id.desc()).limit(3))
    assert last_page[0].balance == pen.on_hand  # the newest movement's balance is the stock
    running, balances = 0, []
    for m in query:
        running += m.quantity
        balances.append((m.balance, running))
    assert all(b == r for b, r in balances) and len(balances) == 801
    assert supplies.item_ledger_total(sup.paper) == (0, 0)


def test_S8_opening_balance_only_on_an_empty_ledger(sup):
    opening(sup, sup.pen, 30)
    with pytest.raises(RuleViolation) as err:
        opening(sup, sup.pen, 5)
    assert err.value.rule == "S8"
    with pytest.raises(RuleViolation) as refusal:
        supplies.set_opening_balance(sup.o.logistics, item=sup.paper, quantity=0)
    assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as err:
        supplies.set_opening_balance(sup.o.clerk, item=sup.paper, quantity=3)
    assert err.value.rule == "X1"


def test_S8_opening_balance_may_carry_the_old_ledgers_unit_price(sup):
    movement = supplies.set_opening_balance(
        sup.o.logistics, item=sup.paper, quantity=4, unit_price="23.50", at=T0
    )
    assert movement.unit_price == Decimal("23.50") and item(sup.paper).price == Decimal("23.50")
    assert {r.code: r.value for r in supplies.stock_on_hand()}["ZB0001"] == Decimal("94.00")
    with pytest.raises(RuleViolation) as err:
        supplies.set_opening_balance(sup.o.logistics, item=sup.pen, quantity=1, unit_price="-1")
    assert err.value.field == "unit_price" and item(sup.pen).on_hand == 0


def test_S8_the_database_itself_refuses_a_negative_stock_figure(sup):
    opening(sup, sup.pen, 3)
    with pytest.raises(peewee.DatabaseError):
        Item.update(on_hand=-1).where(Item.id == sup.pen.id).execute()
    assert item(sup.pen).on_hand == 3


def test_S8_cached_stock_always_equals_the_sum_of_the_ledger(sup):
    """A random mix of every kind of movement, checked against the ledger after each."""
    o = sup.o
    rng = random.Random(6)
    opening(sup, sup.pen, 40)
    receipt = _received(sup, 30)
    at = T0
    for step in range(25):
        at += timedelta(hours=1)
        action = rng.choice(["issue", "issue", "return", "exchange"])
        try:
            if action == "issue":
                it = rng.choice([sup.pen, sup.paper])
                req = approved_requisition(sup, (it, rng.randint(1, 9)), at=at)
                req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=at)
            elif action == "return":
                supplies.return_to_supplier(
                    o.logistics, receipt_line=receipt.lines[0], quantity=1, reason="破损", at=at
                )
            else:
                supplies.exchange_with_supplier(
                    o.logistics, receipt_line=receipt.lines[0], quantity=1, reason="破损", at=at
                )
        except (RuleViolation, RuleWarning):
            pass  # refused: nothing may have changed either
        assert supplies.ledger_mismatches() == [], step
    assert all(r.on_hand >= 0 for r in supplies.stock_on_hand())
    sums = supplies.ledger_sums()
    assert {r.item_id: r.on_hand for r in supplies.stock_on_hand() if r.on_hand} == {
        k: v for k, v in sums.items() if v
    }


def test_S8_stock_on_hand_now_and_as_of_a_past_moment(sup):
    o = sup.o
    opening(sup, sup.pen, 30)
    req = approved_requisition(sup, (sup.pen, 10), at=T0 + timedelta(days=1))
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0 + timedelta(days=1))
    now_rows = {r.code: r for r in supplies.stock_on_hand()}
    assert now_rows["SX0001"].on_hand == 20 and now_rows["SX0001"].value == Decimal("50.00")
    assert now_rows["HC0001"].below_reorder
    then = {r.code: r for r in supplies.stock_on_hand(as_of=T0)}
    assert then["SX0001"].on_hand == 30
    assert [r.code for r in supplies.stock_on_hand(category=Category.PAPER)] == ["ZB0001"]


# --- reports -----------------------------------------------------------------------------


def test_consumption_by_department_and_quarter(sup):
    o = sup.o
    opening(sup, sup.pen, 100)
    squad_clerk = o.driver
    for at, qty in ((datetime(2026, 8, 3, 9), 5), (datetime(2026, 10, 13, 9), 7)):
        req = approved_requisition(sup, (sup.pen, qty), at=at)
        req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=at)
    req = supplies.submit_requisition(squad_clerk, lines=[RequisitionLineInput(sup.pen, 4)], at=T0)
    req = supplies.head_approve(o.squad_head, req, at=T0)
    req = supplies.check_requisition(o.logistics, req, approved={req.lines[0].id: 4}, at=T0)
    req = supplies.issue_requisition(o.logistics, req, receiver=squad_clerk, at=T0)
    q4 = supplies.consumption_by_department(year=2026, quarter=4)
    # departments in the office's order: 科室 before 中队 (people.DEPARTMENT_ORDER)
    assert [(r.department, r.code, r.quantity, r.amount) for r in q4] == [
        ("办公室", "SX0001", 7, Decimal("17.50")),
        ("一中队", "SX0001", 4, Decimal("10.00")),
    ]
    year = supplies.consumption_by_department(year=2026)
    assert [(r.department, r.quarter, r.quantity) for r in year] == [
        ("办公室", 3, 5),
        ("办公室", 4, 7),
        ("一中队", 4, 4),
    ]
    totals = {t.department: t for t in supplies.consumption_totals(year=2026)}
    assert totals["办公室"].amounts[2:] == (Decimal("12.50"), Decimal("17.50"))
    assert totals["办公室"].total == Decimal("30.00")


def test_periods_and_quarters():
    assert supplies.parse_period("2026Q4") == (2026, 4)
    assert supplies.parse_period("2026-q1") == (2026, 1)
    with pytest.raises(RuleViolation) as refusal:
        supplies.parse_period("2026Q5")
    assert refusal.value.rule is None  # a plain input check
    assert supplies.quarter_of(date(2026, 10, 1)) == (2026, 4)
    assert supplies.quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2027, 1, 1))


# --- demo --------------------------------------------------------------------------------


def test_demo_supplies_a_year_through_the_use_cases(sqlite_database):
    """The demo goes through every use case; the ledger it leaves is consistent."""
    from models import demo
    from models.db import db
    from models.people import SYSTEM
    from models.supplies import demo as demo_supplies
    from models.supplies import stocktake

    with db.atomic():
        depts = {n: people.add_department(SYSTEM, n, k) for n, k in demo.DEPARTMENTS}
        for username, name, dept, roles in demo.USERS:
            people.add_user(SYSTEM, username, name, PASSWORD, depts[dept], roles)
    counts = demo_supplies.load(PASSWORD, today=date(2026, 11, 20))
    assert counts["物品"] == 150 and counts["盘点"] == 1 and counts["申请批准单"] > 100
    assert supplies.ledger_mismatches() == []
    assert [s.state for s in stocktake.Stocktake.select()] == ["posted"]
    returns = supplies.StockReturn.select().order_by(supplies.StockReturn.id)
    assert counts["退库单"] == 2 and [r.state for r in returns] == ["pending", "accepted"]
    consumers = {r.department for r in supplies.consumption_by_department(year=2026)}
    assert len(consumers) == 8
    assert supplies.designation_warnings() == []


def test_S1_S2_edits_keep_the_checks_of_the_first_entry(sup):
    lg = sup.o.logistics
    with pytest.raises(RuleViolation) as err:
        supplies.update_supplier(lg, sup.d1, name="联华办公用品")
    assert err.value.field == "name"
    with pytest.raises(RuleViolation) as err:
        supplies.update_item(lg, sup.pen, price="-1")
    assert err.value.field == "price"
    assert supplies.update_item(lg, sup.pen, price="3.80")["price"][1] == Decimal("3.80")
