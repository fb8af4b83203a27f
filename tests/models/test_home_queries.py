"""The 工作台's questions, on SQLite and MariaDB: each names exactly the work it counts, and a
leader's month figure is the figure of the reports (F2, F6, F8, S6)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from models import fleet, supplies, user_prefs
from models.fleet import Repair
from tests.models.test_fleet import PROMISED, T0, Fleet, close, in_repair, lines
from tests.models.test_supplies import (
    Sup,
    approved_requisition,
    build_sup,
    opening,
    requisition,
)


@pytest.fixture
def fl(office) -> Fleet:
    """The vehicle, shop and station of ``test_fleet``'s office."""
    car = fleet.add_vehicle(
        office.fleet, "京A12345", office.squad, odometer=42000, drivers=[office.driver]
    )
    shop = fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号")
    station = fleet.add_station(office.logistics, "中石化东环站")
    return Fleet(office, car, shop, station)


@pytest.fixture
def sup(office) -> Sup:
    return build_sup(office)


def test_F2_repairs_to_assess_are_the_fleet_managers_and_gone_once_assessed(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响", at=T0)
    assert [t.instance.doc_id for t in fleet.repairs_to_assess(o.fleet)] == [repair.id]
    assert fleet.repairs_to_assess(o.leader).count() == 0  # his node comes later
    assert fleet.repairs_to_assess(o.logistics).count() == 0
    # 待我处理 of the repairs list holds it too (a pending inbox repair).
    assert [r.id for r in Repair.select().where(fleet.repairs_to_act(o.fleet))] == [repair.id]
    fleet.assess(
        o.fleet,
        repair,
        diagnosis="刹车片磨损",
        lines=lines("800"),
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )
    assert fleet.repairs_to_assess(o.fleet).count() == 0  # on to the leader


def test_F8_overdue_repairs_are_authorised_or_in_the_shop_past_the_promised_date(fl):
    repair = in_repair(fl)
    assert fleet.overdue_repairs(PROMISED).count() == 0  # due today: not late yet
    late = fleet.overdue_repairs(PROMISED + timedelta(days=1))
    assert [r.id for r in late] == [repair.id]
    close(fl, repair, datetime(2026, 10, 20, 10, 0))
    assert fleet.overdue_repairs(PROMISED + timedelta(days=1)).count() == 0


def test_F8_the_months_repair_cost_is_the_monthly_reports(fl):
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    close(fl, in_repair(fl, prices=("2000.5",)), datetime(2026, 10, 20, 10, 0))
    assert fleet.repair_cost_of_month("2026-10") == fleet.monthly_report("2026-10").total.cost
    assert fleet.repair_cost_of_month("2026-10") == Decimal("3100.50")
    assert fleet.repair_cost_of_month("2026-09") == Decimal("0.00")


def test_S6_S7_requisitions_to_check_wait_at_logistics_and_the_months_issue_value(sup):
    o = sup.o
    opening(sup, sup.pen, 50)
    opening(sup, sup.paper, 30)
    pending = requisition(sup, (sup.pen, 1))
    assert supplies.requisitions_to_check(o.logistics).count() == 0  # the head decides first
    supplies.head_approve(o.head, pending, at=T0)
    assert [t.instance.doc_id for t in supplies.requisitions_to_check(o.logistics)] == [pending.id]
    assert supplies.requisitions_to_check(o.head).count() == 0
    req = approved_requisition(sup, (sup.pen, 4), (sup.paper, 2))
    assert supplies.awaiting_issue().count() == 1
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    # 4 pens at 2.50 and 2 packs of paper at 25, at catalogue price as 领用统计 counts them.
    assert supplies.issued_value_of_month("2026-10") == Decimal("60.00")
    by_department = supplies.consumption_by_department(year=2026, quarter=4)
    assert sum(row.amount for row in by_department) == Decimal("60.00")
    # A pen brought back (退库, S7) counts against the month it came back in.
    pen_line = next(ln.id for ln in req.lines if ln.item_id == sup.pen.id)
    back = supplies.file_stock_return(o.clerk, req, quantities={pen_line: 1}, reason="损坏", at=T0)
    assert supplies.awaiting_confirmation().count() == 1
    supplies.confirm_stock_return(o.logistics, back, at=T0)
    assert supplies.issued_value_of_month("2026-10") == Decimal("57.50")
    by_department = supplies.consumption_by_department(year=2026, quarter=4)
    assert sum(row.amount for row in by_department) == Decimal("57.50")
    assert supplies.issued_value_of_month("2026-11") == Decimal("0.00")
    assert str(supplies.issued_value_of_month("2026-11")) == "0.00"  # not -0.00


def test_a_users_own_choice_is_stored_with_him(office):
    assert user_prefs.get(office.clerk, "last_page") == ""
    user_prefs.put(office.clerk, "last_page", "supplies")
    user_prefs.put(office.clerk, "last_page", "approvals")  # the last one stands
    user_prefs.put(office.head, "last_page", "home")
    assert user_prefs.get(office.clerk, "last_page") == "approvals"
    assert user_prefs.get(office.head, "last_page") == "home"
