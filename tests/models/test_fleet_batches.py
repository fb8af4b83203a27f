"""F1 and X3 for a batch of vehicles, on SQLite and MariaDB: ``fleet.add_vehicles`` is the one
door of the vehicle register (``add_vehicle`` is a batch of one). A large batch with one bad
row of each kind writes nothing and names every bad row."""

from __future__ import annotations

import pytest

from models import audit, fleet
from models.errors import RowsRefused, RuleViolation
from models.fleet import Vehicle

BATCH = 2500


def register(office, n: int) -> list[dict[str, object]]:
    return [
        {"plate": f"京B{i:05d}", "unit": office.squad, "model": "大众帕萨特", "odometer": i}
        for i in range(n)
    ]


def test_F1_a_batch_of_vehicles_is_registered_with_drivers_and_audit_rows(office):
    rows = register(office, BATCH)
    rows[0]["drivers"] = [office.driver, office.driver]  # named twice: one driver row
    audits = audit.AuditLog.select().count()
    ids = fleet.add_vehicles(office.fleet, rows)
    assert len(ids) == BATCH and Vehicle.select().count() == BATCH
    first = Vehicle.get_by_id(ids[0])
    assert (first.plate, first.unit.name) == ("京B·00000", "一中队")
    assert [u.name for u in fleet.drivers_of(first)] == ["吴十"]
    assert Vehicle.get_by_id(ids[9]).last_service_km == 9
    assert audit.AuditLog.select().count() == audits + BATCH


def test_F1_X3_the_batch_refuses_one_bad_row_of_each_kind_writes_nothing_and_names_each(office):
    fleet.add_vehicle(office.fleet, "京A12345", office.squad)
    rows = register(office, BATCH)
    rows[10]["plate"] = "京b 00003"  # the same plate as row 3, spelt otherwise
    rows[700]["plate"] = "京A·12345"  # registered already
    rows[1400]["plate"] = "京I00000"  # no plate
    rows[1800]["vin"] = "LSV12345"  # not 17 characters
    rows[2000]["service_interval_months"] = 0  # F1: at least a month
    rows[2200]["model"] = "长" * 101  # longer than the column
    rows[2499]["odometer"] = "很远"  # not a number
    before = (Vehicle.select().count(), audit.AuditLog.select().count())
    with pytest.raises(RowsRefused) as err:
        fleet.add_vehicles(office.fleet, rows)
    problems = {i: (p.rule, p.field) for i, p in err.value.problems}
    assert problems == {
        10: (None, "plate"),
        700: (None, "plate"),
        1400: ("F1", "plate"),
        1800: (None, "vin"),
        2000: ("F1", "service_interval_months"),
        2200: (None, "model"),
        2499: (None, "odometer"),
    }
    assert err.value.rule is None  # the first problem's: a plate given twice is an input check
    assert (Vehicle.select().count(), audit.AuditLog.select().count()) == before


def test_F1_one_vehicle_is_a_batch_of_one_and_refused_with_its_own_violation(office):
    fleet.add_vehicle(office.fleet, "京A12345", office.squad)
    with pytest.raises(RuleViolation) as err:
        fleet.add_vehicle(office.fleet, "京a·12345", office.squad)
    assert (err.value.rule, err.value.field) == (None, "plate")
    assert not isinstance(err.value, RowsRefused)
    with pytest.raises(RuleViolation) as err:
        fleet.add_vehicles(office.clerk, register(office, 2))
    assert err.value.rule == "X1"
    assert Vehicle.select().count() == 1


def test_a_brand_is_searchable_by_pinyin_from_every_door_and_migration_16_fills_the_rest(
    office, database
):
    """Registered one by one or in a batch, renamed or migrated: ``model_search`` holds the
    brand's pinyin, so the vehicle list finds 大众 by "dz"."""
    (batch,) = fleet.add_vehicles(office.fleet, register(office, 1))
    single = fleet.add_vehicle(office.fleet, "京C12345", office.squad)
    assert Vehicle.get_by_id(batch).model_search == "dzpst dazhongpasate 大众帕萨特"
    assert single.model_search == ""  # no brand, nothing to find
    fleet.update_vehicle(office.fleet, single, model=" 别克GL8 ")
    assert Vehicle.get_by_id(single.id).model_search == "bkgl8 biekegl8 别克gl8"
    # a database from before migration 16: the column empty for vehicles already registered
    Vehicle.update(model_search="").execute()
    fleet.migrate_16(database)
    assert Vehicle.get_by_id(batch).model_search.startswith("dzpst ")
    assert Vehicle.get_by_id(single.id).model_search.startswith("bkgl8 ")
    fleet.migrate_16(database)  # run again it changes nothing
    found = Vehicle.select().where(Vehicle.model_search.contains("bk"))
    assert [v.id for v in found] == [single.id]


def places(n: int) -> list[dict[str, object]]:
    return [
        {"name": f"第{i}汽修厂", "address": f"东环路{i}号", "phone": "010-1234"} for i in range(n)
    ]


def test_F7_X3_a_batch_of_shops_or_stations_refuses_each_bad_row_and_writes_nothing(office):
    """``fleet.add_places`` is the one door of both lists (``add_shop``/``add_station`` a
    batch of one): one bad row of each kind in a large batch, every one named, none written."""
    fleet.add_shop(office.logistics, "城东汽修厂")
    rows = places(BATCH)
    rows[10]["name"] = rows[3]["name"]  # twice in the batch
    rows[700]["name"] = " 城东汽修厂 "  # on the list already (spaces trimmed)
    rows[1400]["name"] = "  "  # no name
    rows[2200]["address"] = "路" * 201  # longer than the column
    rows[2499]["phone"] = "010\x07"  # a control character
    before = (fleet.RepairShop.select().count(), audit.AuditLog.select().count())
    with pytest.raises(RowsRefused) as err:
        fleet.add_places(office.logistics, fleet.RepairShop, rows)
    problems = {i: p.field for i, p in err.value.problems}
    assert problems == {10: "name", 700: "name", 1400: "name", 2200: "address", 2499: "phone"}
    assert (fleet.RepairShop.select().count(), audit.AuditLog.select().count()) == before
    with pytest.raises(RuleViolation) as role:
        fleet.add_places(office.driver, fleet.FuelStation, [{"name": "中石化东环站"}])
    assert role.value.rule == "X1"
    ids = fleet.add_places(
        office.logistics, fleet.FuelStation, [{"name": f"加油站{i}"} for i in range(BATCH)]
    )
    assert len(ids) == BATCH == fleet.FuelStation.select().count()
    assert audit.history("fuel_station", ids[-1])[0].changes_dict()["name"] == [None, "加油站2499"]


def test_F7_one_shop_is_a_batch_of_one_and_refused_with_its_own_violation(office):
    fleet.add_shop(office.logistics, "城东汽修厂", "东环路1号")
    with pytest.raises(RuleViolation) as err:
        fleet.add_shop(office.logistics, "城东汽修厂")
    assert err.value.field == "name" and not isinstance(err.value, RowsRefused)
    assert "已存在" in err.value.zh
    station = fleet.add_station(office.logistics, "中石化东环站")
    assert station.designated and fleet.FuelStation.select().count() == 1
