"""车辆管理 — rules F1–F10, on SQLite and MariaDB. Every shortcut is tried and refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from models import audit, fleet, settings, workflow
from models.base import now
from models.errors import RuleViolation
from models.fleet import GO_LIVE, LineInput, LineState, RepairState, VehicleStatus
from models.people import User

T0 = datetime(2026, 10, 12, 9, 0)  # a Monday
PROMISED = date(2026, 10, 16)


@dataclass
class Fleet:
    office: object
    car: fleet.Vehicle
    shop: fleet.RepairShop
    station: fleet.FuelStation


@pytest.fixture
def fl(office) -> Fleet:
    car = fleet.add_vehicle(
        office.fleet,
        "京A12345",
        office.squad,
        model="大众帕萨特",
        purchase_date=date(2024, 3, 1),
        odometer=42000,
        drivers=[office.driver],
    )
    shop = fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号")
    station = fleet.add_station(office.logistics, "中石化东环站")
    return Fleet(office, car, shop, station)


def lines(*prices: str, assembly: bool = False) -> list[LineInput]:
    return [LineInput(f"项目{i}", Decimal(p), assembly=assembly) for i, p in enumerate(prices, 1)]


def authorised_repair(fl: Fleet, kind: str = "repair", prices=("800", "300")) -> fleet.Repair:
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响", kind=kind, at=T0)
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="刹车片磨损",
        lines=lines(*prices),
        shop=fl.shop,
        promised_date=PROMISED,
        quote_ref="BJ-001" if kind == "overhaul" else "",
        at=T0,
    )
    if kind == "overhaul":
        repair = fleet.approve_repair(o.logistics, repair, "报价合理", at=T0)
    repair = fleet.approve_repair(o.leader, repair, "同意", at=T0)
    return fleet.file_repair(o.logistics, repair, at=T0)


def in_repair(fl: Fleet, **kw) -> fleet.Repair:
    repair = authorised_repair(fl, **kw)
    return fleet.enter_shop(fl.office.fleet, repair, at=T0)


# --- F1 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plate, stored",
    [
        ("京A12345", "京A·12345"),
        ("京a·12345", "京A·12345"),
        (" 粤B 8K3M9 ", "粤B·8K3M9"),
        ("沪AD12345", "沪AD12345"),
        ("沪A12345F", "沪A12345F"),
        ("苏E·1234学", "苏E·1234学"),
    ],
)
def test_F1_mainland_plates_are_normalised(plate, stored):
    assert fleet.normalize_plate(plate) == stored


@pytest.mark.parametrize(
    "plate", ["京I12345", "A12345", "京A1234", "京A123456", "沪AX12345", "美A12345"]
)
def test_F1_bad_plates_are_refused(plate):
    with pytest.raises(RuleViolation) as err:
        fleet.normalize_plate(plate)
    assert err.value.field == "plate"


def test_F1_vehicle_register_refuses_duplicates_and_wrong_roles(fl):
    with pytest.raises(RuleViolation) as refusal:
        fleet.add_vehicle(fl.office.fleet, "京A·12345", fl.office.squad)
    assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as err:
        fleet.add_vehicle(fl.office.clerk, "京B12345", fl.office.squad)
    assert err.value.rule == "X1"


def test_F1_maintenance_by_km_or_months_whichever_first(fl):
    o = fl.office
    fleet.record_maintenance(o.fleet, fl.car, date(2026, 6, 1), 42000, "机油三滤")
    car = fleet.Vehicle.get_by_id(fl.car.id)
    assert fleet.maintenance_status(car, date(2026, 9, 1)).status == "ok"
    assert fleet.maintenance_status(car, date(2026, 11, 20)).status == "due_soon"  # by months
    assert fleet.maintenance_status(car, date(2026, 12, 2)).status == "overdue"
    car.odometer = 46800
    assert fleet.maintenance_status(car, date(2026, 7, 1)).status == "due_soon"  # by km
    car.odometer = 47001
    assert fleet.maintenance_status(car, date(2026, 7, 1)).status == "overdue"


def test_F1_due_list_and_on_time_compliance(fl):
    o = fl.office
    fresh = fleet.add_vehicle(
        o.fleet, "京A54321", o.squad, purchase_date=date(2026, 7, 1), odometer=100
    )
    fleet.add_vehicle(o.fleet, "京A66666", o.squad, purchase_date=date(2026, 9, 1), odometer=10)
    due = fleet.maintenance_due(date(2026, 12, 25))
    # 京A·12345 (never serviced since 2024) is overdue; 京A·54321 is due on 2027-01-01;
    # 京A·66666 is not due yet.
    assert [(d.vehicle.plate, d.status) for d in due] == [
        ("京A·12345", "overdue"),
        ("京A·54321", "due_soon"),
    ]
    fleet.record_maintenance(o.fleet, fresh, date(2026, 10, 2), 3100, "首保")
    fleet.record_maintenance(o.fleet, fl.car, date(2026, 10, 5), 42500, "保养")
    assert fleet.maintenance_compliance(date(2026, 8, 1), date(2026, 10, 31)) == {"一中队": (1, 2)}


# --- F2 / F3 / F4 / F5 / F6: the repair flow ---------------------------------------------


def test_F2_full_path_issues_a_numbered_authorisation(fl):
    repair = authorised_repair(fl)
    assert repair.state == RepairState.AUTHORISED
    assert repair.authorisation_no == "ZX2026-0001" and repair.number == "WX2026-0001"
    assert repair.approved_cost == Decimal("1100.00")
    assert {ln.state for ln in repair.lines} == {LineState.AUTHORISED}
    steps = [(s.node_name, s.action) for s in workflow.trail(repair.instance().id)]
    assert steps == [
        ("", "submit"),
        ("车管鉴定", "approve"),
        ("主要领导审批", "approve"),
        ("后勤备案", "approve"),
    ]


def test_F2_only_an_assigned_driver_applies(fl):
    with pytest.raises(RuleViolation) as err:
        fleet.apply_repair(fl.office.clerk, fl.car, "异响", at=T0)
    assert err.value.rule == "F2"


def test_F2_no_shop_without_the_authorisation(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响", at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.enter_shop(o.fleet, repair, at=T0)
    assert err.value.rule == "F2"
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="x",
        lines=lines("100"),
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )
    with pytest.raises(RuleViolation) as refusal:
        fleet.enter_shop(o.fleet, repair, at=T0)
    assert refusal.value.rule == "F2"
    repair = fleet.approve_repair(o.leader, repair, at=T0)
    with pytest.raises(RuleViolation) as refusal:
        fleet.enter_shop(o.fleet, repair, at=T0)
    assert refusal.value.rule == "F2"
    assert fleet.Vehicle.get_by_id(fl.car.id).status == VehicleStatus.IN_SERVICE


def test_F2_steps_cannot_be_taken_out_of_order_or_by_the_wrong_role(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响", at=T0)
    inst = repair.instance()
    # The approvals center cannot pass 车管鉴定 without the repair form.
    with pytest.raises(RuleViolation) as err:
        workflow.approve(o.fleet, inst.id, at=T0)
    assert err.value.rule == "F2"
    with pytest.raises(RuleViolation) as err:
        workflow.approve(o.leader, inst.id, at=T0)
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:
        fleet.assess(
            o.logistics,
            repair,
            diagnosis="x",
            lines=lines("1"),
            shop=fl.shop,
            promised_date=PROMISED,
            at=T0,
        )
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as refusal:
        fleet.file_repair(o.logistics, repair, at=T0)
    assert refusal.value.rule == "F2"


def test_F2_X1_a_fleet_manager_cannot_approve_his_own_application(fl):
    o = fl.office
    fleet.assign_drivers(o.fleet, fl.car, [o.driver, o.fleet])
    # The only fleet manager is the applicant: nobody may assess, so the application is
    # refused and nothing is written.
    with pytest.raises(RuleViolation) as err:
        fleet.apply_repair(o.fleet, fl.car, "空调不制冷", at=T0)
    assert err.value.rule == "X1"
    assert fleet.Repair.select().count() == 0


def test_F2_one_open_repair_per_vehicle(fl):
    fleet.apply_repair(fl.office.driver, fl.car, "异响", at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.apply_repair(fl.office.driver, fl.car, "又坏了", at=T0)
    assert err.value.rule == "F2"


def test_F2_rejected_repair_never_reaches_a_shop(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "异响", at=T0)
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="x",
        lines=lines("100"),
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )
    workflow.reject(o.leader, repair.instance().id, "可自行处理", at=T0)
    repair = fleet.Repair.get_by_id(repair.id)
    assert repair.state == RepairState.REJECTED and repair.authorisation_no is None
    with pytest.raises(RuleViolation) as refusal:
        fleet.enter_shop(o.fleet, repair, at=T0)
    assert refusal.value.rule == "F2"


def test_F2_returned_application_is_resubmitted_and_assessed_again(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "异响", at=T0)
    workflow.return_to(o.fleet, repair.instance().id, "请写明故障部位", at=T0)
    repair = fleet.Repair.get_by_id(repair.id)  # the driver sees it returned
    assert repair.state == RepairState.RETURNED
    repair = fleet.resubmit_repair(o.driver, repair, "左前轮刹车异响", at=T0)
    repair = fleet.Repair.get_by_id(repair.id)
    assert repair.state == RepairState.APPLIED and repair.fault == "左前轮刹车异响"
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="x",
        lines=lines("100"),
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )


def test_F3_only_authorised_items_are_fitted(fl):
    repair = in_repair(fl)
    line = repair.lines[0]
    assert fleet.record_fitted(fl.office.fleet, line, at=T0).state == LineState.FITTED
    with pytest.raises(RuleViolation) as err:
        fleet.record_fitted(fl.office.fleet, line, at=T0)
    assert err.value.rule == "F3"


def test_F4_costly_part_needs_review_and_leader_consent_before_fitting(fl):
    o = fl.office
    repair = in_repair(fl)
    supplement = fleet.propose_supplement(o.fleet, repair, lines("2600"), "发现水泵损坏", at=T0)
    assert supplement.costly
    new = supplement.lines[0]
    with pytest.raises(RuleViolation) as err:
        fleet.record_fitted(o.fleet, new, at=T0)
    assert err.value.rule == "F4"
    with pytest.raises(RuleViolation) as err:
        fleet.finish_repair(o.fleet, repair, at=T0)
    assert err.value.rule == "F4"
    inst = supplement.instance()
    workflow.approve(o.logistics, inst.id, "属实", at=T0)
    with pytest.raises(RuleViolation) as refusal:  # still waiting for the leader
        fleet.record_fitted(o.fleet, new, at=T0)
    assert refusal.value.rule == "F4"
    workflow.approve(o.leader, inst.id, "同意", at=T0)
    assert fleet.record_fitted(o.fleet, new, at=T0).state == LineState.FITTED


def test_F4_assembly_needs_consent_whatever_the_price(fl):
    supplement = fleet.propose_supplement(
        fl.office.fleet, in_repair(fl), lines("500", assembly=True), "更换转向机总成", at=T0
    )
    assert supplement.costly
    assert [n.key for n in supplement.instance().route_nodes()] == ["review", "consent"]


def test_F4_cheap_extra_needs_the_review_only_and_threshold_is_a_setting(fl):
    o = fl.office
    repair = in_repair(fl)
    cheap = fleet.propose_supplement(o.fleet, repair, lines("150"), "雨刮老化", at=T0)
    assert [n.key for n in cheap.instance().route_nodes()] == ["review"]
    settings.put(o.admin, "fleet.costly_part_threshold", "100")
    dearer = fleet.propose_supplement(o.fleet, repair, lines("150"), "灯泡", at=T0)
    assert dearer.costly


def test_F4_supplement_is_all_or_nothing(fl):
    o = fl.office
    repair = in_repair(fl)
    supplement = fleet.propose_supplement(
        o.fleet, repair, lines("2600", "120"), "水泵与皮带", at=T0
    )
    workflow.approve(o.logistics, supplement.instance().id, at=T0)
    workflow.reject(o.leader, supplement.instance().id, "水泵仍在保修期内，找厂家", at=T0)
    states = {ln.state for ln in fleet.Supplement.get_by_id(supplement.id).lines}
    assert states == {LineState.DECLINED}
    with pytest.raises(RuleViolation) as err:
        fleet.record_fitted(o.fleet, supplement.lines[1], at=T0)
    assert err.value.rule == "F3"


def test_F5_overhaul_needs_the_quote_then_review_then_consent(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "发动机异响严重", kind="overhaul", at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.assess(
            o.fleet,
            repair,
            diagnosis="需大修",
            lines=lines("9000"),
            shop=fl.shop,
            promised_date=PROMISED,
            at=T0,
        )
    assert err.value.rule == "F5"
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="需大修",
        lines=lines("9000", "3000", "800"),
        shop=fl.shop,
        promised_date=PROMISED,
        quote_ref="BJ-2026-17",
        at=T0,
    )
    inst = repair.instance()
    assert [n.key for n in inst.route_nodes()] == ["assess", "review", "consent", "file"]
    with pytest.raises(RuleViolation) as refusal:  # the leader cannot consent before the review
        fleet.approve_repair(o.leader, repair, at=T0)
    assert refusal.value.rule == "X1"
    repair = fleet.approve_repair(o.logistics, repair, "审核报价", at=T0)
    # The leader approves the quote line by line.
    third = next(ln for ln in repair.lines if ln.name == "项目3")
    repair = fleet.approve_repair(
        o.leader, repair, "第三项不批", declined_line_ids=[third.id], at=T0
    )
    repair = fleet.file_repair(o.logistics, repair, at=T0)
    assert repair.approved_cost == Decimal("12000.00")
    assert {ln.name: ln.state for ln in repair.lines}["项目3"] == LineState.DECLINED


def test_F5_line_by_line_only_for_overhaul_quotes(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "异响", at=T0)
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="x",
        lines=lines("100", "200"),
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )
    with pytest.raises(RuleViolation) as err:
        fleet.approve_repair(o.leader, repair, declined_line_ids=[repair.lines[0].id], at=T0)
    assert err.value.rule == "F5"


def test_F6_driver_signs_acceptance_pass_closes_and_returns_vehicle(fl):
    o = fl.office
    repair = in_repair(fl)
    assert fleet.Vehicle.get_by_id(fl.car.id).status == VehicleStatus.IN_REPAIR
    for line in repair.lines:
        fleet.record_fitted(o.fleet, line, at=T0)
    repair = fleet.finish_repair(o.fleet, repair, at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.accept(o.fleet, repair, True, at=T0)
    assert err.value.rule == "F6"
    repair = fleet.accept(o.driver, repair, True, "刹车正常", at=T0 + timedelta(days=1))
    assert repair.state == RepairState.CLOSED and repair.first_pass
    assert fleet.Vehicle.get_by_id(fl.car.id).status == VehicleStatus.IN_SERVICE
    with pytest.raises(RuleViolation) as err:
        fleet.accept(o.driver, repair, True, at=T0)
    assert err.value.rule == "F6"


def test_F6_failed_check_goes_back_to_the_shop_and_counts_against_pass_rate(fl):
    o = fl.office
    repair = in_repair(fl)
    fleet.record_fitted(o.fleet, repair.lines[0], at=T0)
    repair = fleet.finish_repair(o.fleet, repair, at=T0)
    with pytest.raises(RuleViolation) as refusal:
        fleet.accept(o.driver, repair, False, "", at=T0)
    assert refusal.value.rule == "F6"
    repair = fleet.accept(o.driver, repair, False, "仍有异响", at=T0)
    assert repair.state == RepairState.IN_REPAIR and repair.first_pass is False
    repair = fleet.finish_repair(o.fleet, repair, at=T0)
    repair = fleet.accept(o.driver, repair, True, at=T0)
    assert repair.state == RepairState.CLOSED and repair.first_pass is False
    assert repair.acceptance_attempts == 2


def test_F6_vehicle_status_in_repair_is_owned_by_the_flow(fl):
    in_repair(fl)
    with pytest.raises(RuleViolation) as err:
        fleet.set_vehicle_status(
            fl.office.fleet, fleet.Vehicle.get_by_id(fl.car.id), VehicleStatus.IN_SERVICE
        )
    assert err.value.rule == "F6"


# --- F7 ----------------------------------------------------------------------------------


def test_F7_only_designated_shops_and_delisting_keeps_history(fl):
    o = fl.office
    repair = authorised_repair(fl)
    fleet.set_designated(o.logistics, fl.shop, False)
    with pytest.raises(RuleViolation) as err:
        fleet.enter_shop(o.fleet, repair, at=T0)
    assert err.value.rule == "F7"
    assert fleet.Repair.get_by_id(repair.id).shop.name == "城东汽修厂"
    other = fleet.add_vehicle(o.fleet, "京A22222", o.squad, drivers=[o.driver])
    second = fleet.apply_repair(o.driver, other, "异响", at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.assess(
            o.fleet,
            second,
            diagnosis="x",
            lines=lines("1"),
            shop=fl.shop,
            promised_date=PROMISED,
            at=T0,
        )
    assert err.value.rule == "F7"


def test_F7_lines_keep_price_quantity_warranty_and_costs_roll_up(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "换胎", at=T0)
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="x",
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
        lines=[
            LineInput("轮胎", Decimal("650.50"), Decimal("2"), warranty_months=12),
            LineInput("工时", Decimal("80"), kind="labour"),
        ],
    )
    line = fleet.Repair.get_by_id(repair.id).lines[0]
    assert (line.quantity, line.unit_price, line.warranty_months) == (2, Decimal("650.50"), 12)
    assert fleet.Repair.get_by_id(repair.id).estimated_cost == Decimal("1381.00")


# --- F8 ----------------------------------------------------------------------------------


def close(fl: Fleet, repair: fleet.Repair, at: datetime, passed_first: bool = True):
    o = fl.office
    for line in repair.lines:
        fleet.record_fitted(o.fleet, line, at=at)
    repair = fleet.finish_repair(o.fleet, repair, at=at)
    if not passed_first:
        repair = fleet.accept(o.driver, repair, False, "返工", at=at)
        repair = fleet.finish_repair(o.fleet, repair, at=at)
    return fleet.accept(o.driver, repair, True, at=at)


def test_F8_month_end_counts_cost_timeliness_pass_rate_and_spot_checks(fl):
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))  # on time, first pass
    second = in_repair(fl, prices=("2000",))
    close(fl, second, datetime(2026, 10, 20, 10, 0), passed_first=False)  # late, comeback
    report = fleet.monthly_report("2026-10")
    assert report.total.count == 2 and report.total.cost == Decimal("3100.00")
    assert report.total.timeliness == 0.5 and report.total.pass_rate == 0.5
    assert report.by_unit["一中队"].count == 2 and report.by_shop["城东汽修厂"].count == 2
    assert len(report.spot_checks) == 1
    assert [r.id for r in fleet.monthly_report("2026-10").spot_checks] == [
        r.id for r in report.spot_checks
    ]
    assert fleet.monthly_report("2026-09").total.count == 0


def test_F8_paid_service_register_needs_a_payer(fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "外单位车辆代修", at=T0)
    with pytest.raises(RuleViolation) as err:
        fleet.assess(
            o.fleet,
            repair,
            diagnosis="x",
            lines=lines("500"),
            shop=fl.shop,
            promised_date=PROMISED,
            paid=True,
            at=T0,
        )
    assert err.value.rule == "F8"
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="x",
        lines=lines("500"),
        shop=fl.shop,
        promised_date=PROMISED,
        paid=True,
        payer="区交通局",
        at=T0,
    )
    repair = fleet.approve_repair(o.leader, repair, at=T0)
    repair = fleet.file_repair(o.logistics, repair, at=T0)
    repair = fleet.enter_shop(o.fleet, repair, at=T0)
    close(fl, fleet.Repair.get_by_id(repair.id), datetime(2026, 10, 14, 9, 0))
    assert [r.payer for r in fleet.monthly_report("2026-10").paid] == ["区交通局"]


# --- F10 ---------------------------------------------------------------------------------


def test_F10_fuel_only_at_designated_stations(fl):
    o = fl.office
    other = fleet.add_station(o.logistics, "路边加油站")
    fleet.set_designated(o.logistics, other, False)
    with pytest.raises(RuleViolation) as err:
        fleet.log_fuel(o.fleet, fl.car, other, T0, Decimal("40"), Decimal("300"), 42100)
    assert err.value.rule == "F10"
    fleet.log_fuel(o.fleet, fl.car, fl.station, T0, Decimal("40"), Decimal("300"), 42100)
    assert fleet.Vehicle.get_by_id(fl.car.id).odometer == 42100


def test_F10_odometer_never_goes_back_but_older_entries_fit_between(fl):
    o = fl.office

    def log(at, km):
        return fleet.log_fuel(o.fleet, fl.car, fl.station, at, Decimal("40"), Decimal("300"), km)

    log(datetime(2026, 10, 1), 42100)
    log(datetime(2026, 10, 20), 43000)
    with pytest.raises(RuleViolation) as err:
        log(datetime(2026, 10, 25), 42900)
    assert err.value.rule == "F10" and err.value.field == "odometer"
    log(datetime(2026, 10, 10), 42500)  # back-filled, fits between
    with pytest.raises(RuleViolation) as refusal:
        log(datetime(2026, 10, 12), 43500)  # above the later reading
    assert refusal.value.rule == "F10"
    assert fleet.Vehicle.get_by_id(fl.car.id).odometer == 43000


def test_F10_leaving_the_city_or_private_use_needs_the_main_leader(fl):
    o = fl.office
    start = T0 + timedelta(days=1)
    local = fleet.request_use(
        o.clerk, fl.car, "送文件", "区政府", start, start + timedelta(hours=3)
    )
    trip = fleet.request_use(
        o.clerk, fl.car, "参加会议", "天津", start, start + timedelta(days=1), out_of_city=True
    )
    private = fleet.request_use(
        o.clerk, fl.car, "搬家", "小区", start, start + timedelta(hours=2), private=True
    )

    def route(use):
        inst = workflow.for_document("fleet_use", use.id)
        return [n.key for n in inst.route_nodes()]

    assert route(local) == ["fleet"]
    assert route(trip) == ["fleet", "leader"] and route(private) == ["fleet", "leader"]
    workflow.approve(o.fleet, workflow.for_document("fleet_use", trip.id).id, at=T0)
    assert fleet.VehicleUse.get_by_id(trip.id).state == "applied"
    workflow.approve(o.leader, workflow.for_document("fleet_use", trip.id).id, at=T0)
    assert fleet.VehicleUse.get_by_id(trip.id).state == "approved"


def test_F2_numbers_are_consecutive_under_concurrency(fl, database):
    import threading

    o = fl.office
    cars = [
        fleet.add_vehicle(o.fleet, f"京C1000{i}", o.squad, drivers=[o.driver]) for i in range(6)
    ]
    barrier = threading.Barrier(len(cars))
    errors: list[Exception] = []

    def apply(car):
        try:
            barrier.wait(timeout=10)
            fleet.apply_repair(User.get_by_id(o.driver.id), car, "异响", at=T0)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=apply, args=(c,)) for c in cars]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    numbers = sorted(r.number for r in fleet.Repair.select())
    assert numbers == [f"WX2026-{i:04d}" for i in range(1, 7)]


def test_F8_historical_repairs_from_paper_count_in_statistics_but_skip_nothing(fl):
    o = fl.office
    with pytest.raises(RuleViolation) as err:
        fleet.record_historical_repair(
            o.fleet,
            fl.car,
            shop=fl.shop,
            fault="x",
            cost=Decimal("1"),
            applied_on=date(2026, 3, 1),
            closed_on=date(2026, 3, 3),
        )
    assert err.value.rule == "X1"
    repair = fleet.record_historical_repair(
        o.logistics,
        fl.car,
        shop=fl.shop,
        fault="更换离合器",
        cost=Decimal("3200"),
        applied_on=date(2026, 3, 1),
        closed_on=date(2026, 3, 5),
        promised_date=date(2026, 3, 4),
        first_pass=True,
    )
    assert repair.historical and repair.state == RepairState.CLOSED
    report = fleet.monthly_report("2026-03")
    assert report.total.count == 1 and report.total.cost == Decimal("3200.00")
    assert report.total.historical == 1 and report.total.historical_cost == Decimal("3200.00")
    # late on paper (promised 3-4, closed 3-5), yet no rate: none of it went through the flow
    assert report.total.timeliness is None and report.total.pass_rate is None
    with pytest.raises(RuleViolation) as refusal:
        fleet.record_historical_repair(
            o.logistics,
            fl.car,
            shop=fl.shop,
            fault="x",
            cost=Decimal("1"),
            applied_on=date(2026, 3, 5),
            closed_on=date(2026, 3, 1),
        )
    assert refusal.value.rule is None  # a plain input check


def test_F1_on_time_is_judged_by_the_maintenances_own_reading(fl):
    o = fl.office
    # The car has driven on since; the service entered now was done at 46,500 km, within
    # 5,000 km of the last one at 42,000, and within six months.
    fleet.log_fuel(
        o.fleet, fl.car, fl.station, datetime(2026, 10, 20), Decimal("40"), Decimal("300"), 49000
    )
    fleet.record_maintenance(o.fleet, fl.car, date(2024, 6, 1), 42000, "保养")
    row = fleet.record_maintenance(o.fleet, fl.car, date(2024, 11, 20), 46500, "保养")
    assert row.on_time
    late = fleet.record_maintenance(o.fleet, fl.car, date(2026, 10, 1), 48900, "保养")
    assert not late.on_time


def test_F2_a_paper_number_in_the_live_shape_does_not_block_new_applications(fl):
    o = fl.office
    fleet.record_historical_repair(
        o.logistics,
        fl.car,
        shop=fl.shop,
        fault="旧单",
        cost=Decimal("100"),
        applied_on=date(2026, 1, 5),
        closed_on=date(2026, 1, 6),
        number="wx2026-0003",
    )
    repair = fleet.apply_repair(o.driver, fl.car, "异响", at=T0)
    assert repair.number == "WX2026-0004"


def test_F1_a_vehicle_with_an_open_repair_is_not_scrapped_and_a_scrapped_one_stays_out(fl):
    o = fl.office
    repair = authorised_repair(fl)
    stale = fleet.Vehicle.get_by_id(fl.car.id)
    with pytest.raises(RuleViolation) as err:
        fleet.set_vehicle_status(o.fleet, stale, VehicleStatus.SCRAPPED)
    assert err.value.rule == "F2"
    repair = fleet.enter_shop(o.fleet, repair, at=T0)  # the car is in the shop now
    with pytest.raises(RuleViolation) as err:  # a stale screen still showing it in service
        fleet.set_vehicle_status(o.fleet, stale, VehicleStatus.SUSPENDED)
    assert err.value.rule == "F6"
    assert fleet.Vehicle.get_by_id(fl.car.id).status == VehicleStatus.IN_REPAIR


def test_F8_timeliness_counts_the_shops_finish_not_the_drivers_late_acceptance(fl):
    o = fl.office
    repair = in_repair(fl)
    for line in repair.lines:
        fleet.record_fitted(o.fleet, line, at=datetime(2026, 10, 15, 10, 0))
    repair = fleet.finish_repair(
        o.fleet, repair, at=datetime(2026, 10, 15, 16, 0)
    )  # promised 10-16
    repair = fleet.accept(o.driver, repair, True, at=datetime(2026, 10, 19, 9, 0))  # signed late
    assert fleet.monthly_report("2026-10").total.timeliness == 1.0


def test_F1_a_back_filled_maintenance_is_judged_against_the_one_before_it(fl):
    o = fl.office
    fleet.record_maintenance(o.fleet, fl.car, date(2025, 1, 10), 42000, "保养")
    fleet.record_maintenance(o.fleet, fl.car, date(2026, 3, 1), 55000, "保养")
    # Entered late from paper: done in June 2025 at 46,000 km, within 5,000 km and six
    # months of the January service, whatever came after it.
    assert fleet.record_maintenance(o.fleet, fl.car, date(2025, 6, 20), 46000, "保养").on_time


# --- paper history and the go-live date (F2, F7, F8) -------------------------------------


def paper(fl: Fleet, car=None, shop=None, **kw) -> fleet.Repair:
    """A paper repair entered by logistics; the dates and amount as the test needs them."""
    values = {
        "fault": "更换离合器",
        "cost": Decimal("3200"),
        "applied_on": date(2026, 9, 1),
        "closed_on": date(2026, 9, 3),
    }
    values.update(kw)
    return fleet.record_historical_repair(
        fl.office.logistics, car or fl.car, shop=shop or fl.shop, **values
    )


def test_F2_the_first_live_application_sets_the_go_live_date(fl):
    o = fl.office
    assert fleet.go_live_date() is None
    paper(fl)  # before anything is filed live, history is open
    first = fleet.apply_repair(o.driver, fl.car, "刹车异响", at=T0)
    assert fleet.go_live_date() == T0.date()
    change = (
        audit.AuditLog.select()
        .where((audit.AuditLog.table == "setting") & audit.AuditLog.changes.contains(GO_LIVE))
        .get()
    )
    assert change.changes_dict()[GO_LIVE] == [None, "2026-10-12"] and change.actor_id == o.driver.id
    other = fleet.add_vehicle(o.fleet, "京B54321", o.squad, drivers=[o.driver])
    fleet.apply_repair(o.driver, other, "异响", at=T0 + timedelta(days=3))
    assert fleet.go_live_date() == T0.date()  # a later application leaves it
    assert first.number == "WX2026-0002"  # the paper record drew WX2026-0001


def test_F2_history_is_recorded_only_before_the_go_live_date(fl):
    o = fl.office
    settings.put(o.admin, GO_LIVE, date(2026, 10, 1))
    assert paper(fl, applied_on=date(2026, 9, 28), closed_on=date(2026, 9, 30)).historical
    with pytest.raises(RuleViolation) as err:
        paper(fl, applied_on=date(2026, 9, 29), closed_on=date(2026, 10, 1))
    assert err.value.rule == "F2" and err.value.field == "closed_on"
    assert "上线日期 2026-10-01" in str(err.value)
    with pytest.raises(RuleViolation) as err:
        paper(fl, applied_on=date(2026, 10, 2), closed_on=date(2026, 10, 3))
    assert err.value.rule == "F2" and err.value.field == "applied_on"
    assert fleet.Repair.select().count() == 1


def test_F2_the_paper_repair_of_the_issue_is_refused_and_counts_nowhere(fl):
    """¥9,800 at a delisted shop, dated after the live flow began, for a car with a live
    repair: refused, and the month's statistics do not see it."""
    o = fl.office
    paper(fl, applied_on=date(2026, 8, 3), closed_on=date(2026, 8, 5))  # listed back then
    repair = authorised_repair(fl)  # live since 2026-10-12, still open
    gone = fleet.add_shop(o.logistics, "西郊修理部")
    fleet.set_designated(o.logistics, gone, False)
    for shop in (gone, fl.shop):
        with pytest.raises(RuleViolation) as err:
            paper(
                fl,
                shop=shop,
                cost=Decimal("9800"),
                applied_on=date(2026, 10, 20),
                closed_on=date(2026, 10, 25),
            )
        assert err.value.rule == "F2"
    close(fl, fleet.enter_shop(o.fleet, repair, at=T0), datetime(2026, 10, 15, 10, 0))
    report = fleet.monthly_report("2026-10")
    assert report.total.count == 1 and report.total.historical == 0
    assert report.total.cost == Decimal("1100.00")


def test_F2_no_paper_history_for_a_vehicle_with_an_open_repair(fl):
    o = fl.office
    settings.put(o.admin, GO_LIVE, date(2026, 10, 1))
    repair = authorised_repair(fl)
    with pytest.raises(RuleViolation) as err:
        paper(fl)
    assert err.value.rule == "F2" and repair.number in str(err.value)
    other = fleet.add_vehicle(o.fleet, "京B54321", o.squad, drivers=[o.driver])
    assert paper(fl, car=other).historical  # another car's paper history is fine
    close(fl, fleet.enter_shop(o.fleet, repair, at=T0), datetime(2026, 10, 15, 10, 0))
    assert paper(fl).historical  # closed now: its earlier paper history may come in


def test_F2_two_first_applications_at_once_leave_one_go_live_date(fl, database):
    import threading

    o = fl.office
    cars = [
        fleet.add_vehicle(o.fleet, f"京C2000{i}", o.squad, drivers=[o.driver]) for i in range(4)
    ]
    barrier = threading.Barrier(len(cars))
    errors: list[Exception] = []

    def apply(car, day):
        try:
            barrier.wait(timeout=10)
            fleet.apply_repair(User.get_by_id(o.driver.id), car, "异响", at=T0 + day)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            database.close()

    threads = [
        threading.Thread(target=apply, args=(c, timedelta(days=i))) for i, c in enumerate(cars)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert fleet.Repair.select().count() == 4
    assert settings.Setting.select().where(settings.Setting.key == GO_LIVE).count() == 1
    assert fleet.go_live_date() == T0.date()  # the earliest application, whoever came first


def test_F2_the_go_live_date_never_moves_across_the_records(fl):
    o = fl.office
    with pytest.raises(RuleViolation) as err:
        settings.put(o.logistics, GO_LIVE, date(2026, 10, 1))
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:
        settings.put(o.admin, GO_LIVE, "2026-13-01")
    assert err.value.rule is None  # a plain input check
    paper(fl, applied_on=date(2026, 9, 28), closed_on=date(2026, 9, 30))
    fleet.apply_repair(o.driver, fl.car, "刹车异响", at=T0)
    assert fleet.go_live_date() == T0.date()
    for value, says in (
        (date(2026, 10, 20), "不能晚于首个软件内报修"),
        (None, "不能清空"),
        (date(2026, 9, 30), "上线日期须在其后"),
    ):
        with pytest.raises(RuleViolation) as err:
            settings.put(o.admin, GO_LIVE, value)
        assert err.value.rule == "F2" and says in str(err.value), value
    assert settings.put(o.admin, GO_LIVE, date(2026, 10, 5)) == date(2026, 10, 5)
    assert fleet.go_live_date() == date(2026, 10, 5)
    with pytest.raises(RuleViolation) as err:
        paper(fl, applied_on=date(2026, 10, 6), closed_on=date(2026, 10, 7))
    assert err.value.rule == "F2"


def test_F7_paper_history_at_a_shop_taken_off_the_list_only_from_when_it_was_listed(fl):
    o = fl.office
    fleet.set_designated(o.logistics, fl.shop, False)  # taken off today
    today = now().date()
    assert paper(fl, applied_on=today - timedelta(days=30), closed_on=today - timedelta(days=28))
    with pytest.raises(RuleViolation) as err:
        paper(fl, applied_on=today, closed_on=today)
    assert err.value.rule == "F7" and err.value.field == "shop"
    voided = fleet.add_shop(o.logistics, "录错的修理厂")
    fleet.RepairShop.update(voided_at=T0).where(fleet.RepairShop.id == voided.id).execute()
    with pytest.raises(RuleViolation) as err:
        paper(fl, shop=voided)
    assert err.value.rule == "F7"


def test_F8_paper_history_counts_apart_and_stays_out_of_the_live_rates(fl):
    o = fl.office
    settings.put(o.admin, GO_LIVE, date(2026, 10, 10))
    paper(
        fl,
        cost=Decimal("9800"),
        applied_on=date(2026, 10, 1),
        closed_on=date(2026, 10, 5),
        promised_date=date(2026, 10, 2),  # late on paper
        first_pass=False,
    )
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))  # live: on time, first pass
    report = fleet.monthly_report("2026-10")
    total = report.total
    assert total.count == 2 and total.cost == Decimal("10900.00")
    assert total.historical == 1 and total.historical_cost == Decimal("9800.00")
    assert total.live == 1 and total.timeliness == 1.0 and total.pass_rate == 1.0
    assert report.by_shop["城东汽修厂"].historical == 1
    assert fleet.go_live_date() == date(2026, 10, 10)  # the live application left it
