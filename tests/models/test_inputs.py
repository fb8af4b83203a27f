"""Input the use cases refuse in ``models/``, the same way on SQLite and MariaDB: texts longer
than their column, control characters, numbers that are not numbers, dates in the future or
out of order, readings below what is known, invisible text, retired records in new documents,
and an assembly (总成) declared a plain part."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from models import fleet, supplies
from models.audit import AuditLog
from models.errors import RuleViolation
from models.fleet import LineInput
from models.supplies import Category
from tests.models.test_fleet import PROMISED, T0, Fleet


@pytest.fixture
def fl(office) -> Fleet:
    car = fleet.add_vehicle(
        office.fleet,
        "京A12345",
        office.squad,
        purchase_date=date(2024, 3, 1),
        odometer=42000,
        drivers=[office.driver],
    )
    shop = fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号")
    station = fleet.add_station(office.logistics, "中石化东环站")
    return Fleet(office, car, shop, station)


def _count(model) -> int:
    return model.select().count()


# --- lengths and control characters: one check for every write -----------------------------


def test_X3_text_longer_than_its_column_is_refused_naming_field_and_limit(office):
    audits = _count(AuditLog)
    with pytest.raises(RuleViolation) as err:
        fleet.add_shop(office.logistics, "城" * 101, "东环路8号")
    assert err.value.rule is None and err.value.field == "name"
    assert "「名称」不能超过 100 个字" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(office.logistics, name="笔", category=Category.WRITING, unit="支" * 11)
    assert err.value.rule is None and err.value.field == "unit"
    assert "「计量单位」不能超过 10 个字" in err.value.zh
    assert _count(fleet.RepairShop) == 0 and _count(AuditLog) == audits


def test_X3_free_text_has_a_limit_both_backends_hold(fl):
    from models.text import FREE_TEXT_MAX

    o = fl.office
    with pytest.raises(RuleViolation) as err:
        fleet.apply_repair(o.driver, fl.car, "异" * (FREE_TEXT_MAX + 1), at=T0)
    assert err.value.rule is None and err.value.field == "fault"
    assert f"不能超过 {FREE_TEXT_MAX} 个字" in err.value.zh
    repair = fleet.apply_repair(o.driver, fl.car, "异" * FREE_TEXT_MAX, at=T0)
    assert len(fleet.Repair.get_by_id(repair.id).fault) == FREE_TEXT_MAX


def test_X3_control_characters_are_refused_at_input(office):
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(office.logistics, name="签字\x0b笔", category=Category.WRITING, unit="支")
    assert err.value.rule is None and err.value.field == "name" and "控制字符" in err.value.zh
    assert _count(supplies.Item) == 0
    item = supplies.add_item(
        office.logistics, name="笔", category=Category.WRITING, unit="支", specification="黑\t0.5"
    )
    assert item.specification == "黑\t0.5"  # tab and line feed are text


# --- numbers: one helper, finite, in range, with the column's decimals -------------------


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "sNaN", "abc", "-50", "1.005"])
def test_F1_maintenance_cost_is_a_finite_amount_not_negative(fl, bad):
    o = fl.office
    with pytest.raises(RuleViolation) as err:
        fleet.record_maintenance(o.fleet, fl.car, date(2026, 9, 1), 43000, "换机油", cost=bad)
    assert err.value.rule == "F1" and err.value.field == "cost"
    assert _count(fleet.Maintenance) == 0


@pytest.mark.parametrize(
    "litres, amount, field",
    [("NaN", "300", "litres"), ("40", "Infinity", "amount"), ("0", "300", "litres")],
)
def test_F10_fill_up_numbers_are_finite_and_positive(fl, litres, amount, field):
    o = fl.office
    with pytest.raises(RuleViolation) as err:
        fleet.log_fuel(o.fleet, fl.car, fl.station, T0, Decimal(litres), Decimal(amount), 42100)
    assert err.value.rule == "F10" and err.value.field == field
    assert _count(fleet.FuelLog) == 0


@pytest.mark.parametrize(
    "line",
    [
        LineInput("刹车片", Decimal("NaN")),
        LineInput("刹车片", Decimal("Infinity")),
        LineInput("刹车片", Decimal("300"), quantity=Decimal("NaN")),
        LineInput("刹车片", Decimal("300"), quantity=Decimal("0")),
        LineInput("刹车片", Decimal("300"), warranty_months=-3),
    ],
)
def test_F7_repair_line_numbers_are_finite_and_meaningful(fl, line):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响", at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.assess(
            o.fleet,
            repair,
            diagnosis="磨损",
            lines=[line],
            shop=fl.shop,
            promised_date=PROMISED,
            at=T0,
        )
    assert err.value.rule is None and err.value.field == "lines"
    assert _count(fleet.RepairLine) == 0


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-1")])
def test_S1_item_price_and_reorder_level_are_finite(office, bad):
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(
            office.logistics, name="笔", category=Category.WRITING, unit="支", price=bad
        )
    assert err.value.rule is None and err.value.field == "price"
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(
            office.logistics, name="笔", category=Category.WRITING, unit="支", reorder_level=bad
        )
    assert err.value.rule == "S1" and err.value.field == "reorder_level"
    assert _count(supplies.Item) == 0


def test_F1_vehicle_interval_and_odometer_are_whole_numbers(office):
    for kw, field in (
        ({"odometer": float("nan")}, "odometer"),
        ({"odometer": float("inf")}, "odometer"),
        ({"service_interval_km": 0}, "service_interval_km"),
        ({"service_interval_months": 2.5}, "service_interval_months"),
    ):
        with pytest.raises(RuleViolation) as err:
            fleet.add_vehicle(office.fleet, "京A12345", office.squad, **kw)
        assert err.value.field == field
        assert err.value.rule == (None if field == "odometer" else "F1")
    assert _count(fleet.Vehicle) == 0


# --- dates: what was done is not in the future, ordered dates keep their order -----------


def test_F8_promised_date_is_not_before_the_application(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响", at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.assess(
            o.fleet,
            repair,
            diagnosis="磨损",
            lines=[LineInput("刹车片", Decimal("300"))],
            shop=fl.shop,
            promised_date=T0.date() - timedelta(days=3),
            at=T0,
        )
    assert err.value.rule == "F8" and err.value.field == "promised_date"
    assert fleet.Repair.get_by_id(repair.id).state == fleet.RepairState.APPLIED
    assert _count(fleet.RepairLine) == 0


def test_F1_maintenance_cannot_be_dated_ahead(fl):
    from models.base import now

    o = fl.office
    ahead = now().date() + timedelta(days=90)
    with pytest.raises(RuleViolation) as err:
        fleet.record_maintenance(o.fleet, fl.car, ahead, 43000, "换机油")
    assert err.value.rule == "F1" and err.value.field == "done_on"
    car = fleet.Vehicle.get_by_id(fl.car.id)
    assert _count(fleet.Maintenance) == 0 and car.last_service_date == date(2024, 3, 1)


def test_F10_fill_up_cannot_be_in_the_future(fl):
    from models.base import now

    o = fl.office
    with pytest.raises(RuleViolation) as err:
        fleet.log_fuel(
            o.fleet, fl.car, fl.station, now() + timedelta(days=2), Decimal(40), Decimal(300), 42100
        )
    assert err.value.rule == "F10" and err.value.field == "filled_at"
    assert _count(fleet.FuelLog) == 0
    fleet.log_fuel(o.fleet, fl.car, fl.station, now(), Decimal(40), Decimal(300), 42100)


# --- readings: never below the registered odometer or the last known reading -------------


def test_F10_first_fill_up_below_the_registered_odometer_is_refused(fl):
    o = fl.office
    with pytest.raises(RuleViolation) as err:
        fleet.log_fuel(o.fleet, fl.car, fl.station, T0, Decimal(40), Decimal(300), 41000)
    assert err.value.rule == "F10" and err.value.field == "odometer" and "42000" in err.value.zh
    assert _count(fleet.FuelLog) == 0


def test_F1_maintenance_below_the_known_reading_does_not_rewrite_the_last_service(fl):
    o = fl.office
    with pytest.raises(RuleViolation) as err:  # below the registered 42,000
        fleet.record_maintenance(o.fleet, fl.car, date(2026, 9, 1), 1000, "保养")
    assert err.value.rule == "F10" and err.value.field == "odometer"
    fleet.log_fuel(o.fleet, fl.car, fl.station, T0, Decimal(40), Decimal(300), 45000)
    with pytest.raises(RuleViolation) as err:  # below the fill-up before it
        fleet.record_maintenance(o.fleet, fl.car, T0.date() + timedelta(days=1), 44000, "保养")
    assert err.value.rule == "F10"
    fleet.record_maintenance(o.fleet, fl.car, T0.date() + timedelta(days=1), 45200, "保养")
    with pytest.raises(RuleViolation) as err:  # a fill-up after the service, below it
        fleet.log_fuel(
            o.fleet, fl.car, fl.station, T0 + timedelta(days=2), Decimal(40), Decimal(300), 45100
        )
    assert err.value.rule == "F10"
    car = fleet.Vehicle.get_by_id(fl.car.id)
    assert (car.last_service_km, car.odometer) == (45200, 45200)
    assert _count(fleet.Maintenance) == 1


# --- invisible characters, full-width codes ---------------------------------------------


@pytest.mark.parametrize("blank", ["\u200b", " \u200b\u200c\ufeff ", "\u2060\u3000"])
def test_F2_a_fault_of_invisible_characters_is_empty(fl, blank):
    with pytest.raises(RuleViolation) as err:
        fleet.apply_repair(fl.office.driver, fl.car, blank, at=T0)
    assert err.value.rule == "F2" and err.value.field == "fault"
    assert _count(fleet.Repair) == 0


def test_S1_an_item_name_of_invisible_characters_is_empty_and_padding_is_dropped(office):
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(
            office.logistics, name="\u200b\u200d", category=Category.WRITING, unit="支"
        )
    assert err.value.rule == "S1" and err.value.field == "name"
    item = supplies.add_item(
        office.logistics, name="\u200b签字笔\ufeff", category=Category.WRITING, unit="支"
    )
    assert item.name == "签字笔"


def test_S1_full_width_codes_are_the_same_code(office):
    first = supplies.add_item(
        office.logistics, name="笔", category=Category.WRITING, unit="支", code="ZZ0000001"
    )
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(
            office.logistics,
            name="尺",
            category=Category.WRITING,
            unit="把",
            code="ｚｚ００００００１",
        )
    assert err.value.rule is None and err.value.field == "code"
    assert _count(supplies.Item) == 1 and first.code == "ZZ0000001"
    other = supplies.add_item(
        office.logistics,
        name="尺",
        category=Category.WRITING,
        unit="把",
        code="ＺＺ０００ ０００２",
    )
    assert other.code == "ZZ0000002"


# --- status: a voided or scrapped record takes part in no new document --------------------


def test_F10_a_scrapped_vehicle_gets_no_fuel_no_use_and_no_maintenance(fl):
    o = fl.office
    fleet.set_vehicle_status(o.fleet, fl.car, fleet.VehicleStatus.SCRAPPED)
    with pytest.raises(RuleViolation) as err:
        fleet.log_fuel(o.fleet, fl.car, fl.station, T0, Decimal(40), Decimal(300), 42100)
    assert err.value.rule == "F10" and err.value.field == "vehicle" and "已报废" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        fleet.request_use(o.clerk, fl.car, "送文件", "区政府", T0, T0 + timedelta(hours=2))
    assert err.value.rule == "F10"
    with pytest.raises(RuleViolation) as err:
        fleet.record_maintenance(o.fleet, fl.car, T0.date(), 42100, "保养")
    assert err.value.rule == "F1"
    assert (_count(fleet.FuelLog), _count(fleet.VehicleUse), _count(fleet.Maintenance)) == (0, 0, 0)


def test_S4_a_voided_item_is_neither_ordered_nor_received_on_an_older_plan(office):
    from models.supplies import OrderLineInput, OrderMethod
    from tests.models.test_supplies import approved_plan, build_sup, plan_line

    sup = build_sup(office)
    lg = office.logistics
    plan = approved_plan(sup, (sup.pen, 100, "2.5"), (sup.paper, 20, "25"))
    order = supplies.create_order(
        lg,
        plan=plan,
        method=OrderMethod.DESIGNATED,
        supplier=sup.d2,
        lines=[OrderLineInput(plan_line(plan, sup.paper), 20, "24")],
        at=T0,
    )
    supplies.void_item(lg, sup.pen, "停产")
    supplies.void_item(lg, sup.paper, "改用再生纸")
    with pytest.raises(RuleViolation) as err:
        supplies.create_order(
            lg,
            plan=plan,
            method=OrderMethod.DESIGNATED,
            supplier=sup.d2,
            lines=[OrderLineInput(plan_line(plan, sup.pen), 100, "2.4")],
            at=T0,
        )
    assert err.value.rule == "S4" and err.value.field == "item" and "已作废" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        supplies.receive(lg, order=order, at=T0)
    assert err.value.rule == "S4" and err.value.field == "item"
    assert supplies.Item.get_by_id(sup.paper.id).on_hand == 0
    assert supplies.Receipt.select().count() == 0


# --- 总成 by another name (F4) ------------------------------------------------------------


def _in_repair_with(fl, line: LineInput) -> fleet.Repair:
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "换挡顿挫", at=T0)
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="变速箱故障",
        lines=[line],
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )
    repair = fleet.approve_repair(o.leader, repair, "同意", at=T0)
    repair = fleet.file_repair(o.logistics, repair, at=T0)
    return fleet.enter_shop(o.fleet, repair, at=T0)


def test_F4_a_line_named_assembly_is_an_assembly_whatever_the_flag(fl):
    repair = _in_repair_with(fl, LineInput("刹车片", Decimal("300")))
    supplement = fleet.propose_supplement(
        fl.office.fleet,
        repair,
        [LineInput("变速箱 总成", Decimal("1500"), assembly=False)],
        "变速箱损坏",
        at=T0,
    )
    assert supplement.costly  # goes to the main leader (F4)
    assert all(ln.assembly for ln in supplement.lines)


def test_F4_the_fleet_manager_cannot_lower_the_flag_the_quote_set(fl):
    repair = _in_repair_with(fl, LineInput("变速箱", Decimal("1500"), assembly=True))
    with pytest.raises(RuleViolation) as err:
        fleet.propose_supplement(
            fl.office.fleet,
            repair,
            [LineInput("变速箱", Decimal("1500"), assembly=False)],
            "再换一个",
            at=T0,
        )
    assert err.value.rule == "F4" and err.value.field == "lines"
    assert fleet.Supplement.select().count() == 0


def test_X1_a_full_width_or_padded_user_name_is_the_same_account(office):
    from models import people
    from tests.office import PASSWORD

    with pytest.raises(RuleViolation) as err:
        people.add_user(office.admin, "ｚｈａｎｇ\u200bｓａｎ", "张三", PASSWORD)
    assert err.value.rule is None and err.value.field == "username"
    with pytest.raises(RuleViolation) as err:
        people.add_user(office.admin, "wangwu9", "\u200b\u3000", PASSWORD)
    assert err.value.rule is None and err.value.field == "name"
    with pytest.raises(RuleViolation) as err:
        people.add_department(office.admin, "\ufeff")
    assert err.value.rule is None and err.value.field == "name"
    kept = people.add_user(office.admin, "ＷangWu9", "\u200b王五 ", PASSWORD)
    assert (kept.username, kept.name) == ("wangwu9", "王五")
    assert people.get_user("ｗａｎｇｗｕ９").id == kept.id


def test_X2_a_maintenance_is_corrected_or_voided_with_a_reason_and_the_last_service_follows(fl):
    o = fl.office
    first = fleet.record_maintenance(o.fleet, fl.car, T0.date(), 45000, "保养")
    wrong = fleet.record_maintenance(o.fleet, fl.car, T0.date() + timedelta(days=1), 95000, "保养")
    assert fleet.Vehicle.get_by_id(fl.car.id).last_service_km == 95000
    with pytest.raises(RuleViolation) as err:
        fleet.correct_maintenance(o.fleet, wrong, "  ", odometer=45100)
    assert err.value.rule == "X2" and err.value.field == "reason"
    with pytest.raises(RuleViolation) as err:  # the right one is checked like a new one
        fleet.correct_maintenance(o.fleet, wrong, "里程录错", odometer=44000)
    assert err.value.rule == "F10"
    assert fleet.Maintenance.get_by_id(wrong.id).voided_at is None  # nothing changed
    right = fleet.correct_maintenance(o.fleet, wrong, "里程录错", odometer=45100)
    car = fleet.Vehicle.get_by_id(fl.car.id)
    assert (car.last_service_km, car.odometer, right.odometer) == (45100, 45100, 45100)
    assert fleet.Maintenance.get_by_id(wrong.id).void_reason == "更正：里程录错"
    with pytest.raises(RuleViolation) as err:
        fleet.void_maintenance(o.driver, right, "重复")
    assert err.value.rule == "X1"
    fleet.void_maintenance(o.fleet, right, "重复登记")
    car = fleet.Vehicle.get_by_id(fl.car.id)
    assert (car.last_service_km, car.last_service_date) == (45000, first.done_on)
    with pytest.raises(RuleViolation) as err:
        fleet.void_maintenance(o.fleet, right, "再次")
    assert err.value.rule == "X2"
    assert fleet.maintenance_compliance(T0.date(), T0.date() + timedelta(days=9)) == {
        "一中队": (fleet.Maintenance.get_by_id(first.id).on_time, 1)
    }
