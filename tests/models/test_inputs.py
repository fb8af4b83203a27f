"""Input the use cases refuse in ``models/``, the same way on SQLite and MariaDB: texts longer
than their column, control characters, numbers that are not numbers, dates in the future or
out of order, readings below what is known, invisible text, retired records in new documents,
and an assembly (总成) declared a plain part."""

from __future__ import annotations

from datetime import date

import pytest

from models import fleet, supplies
from models.audit import AuditLog
from models.errors import RuleViolation
from models.supplies import Category
from tests.models.test_fleet import T0, Fleet


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
    assert err.value.field == "unit" and "「计量单位」不能超过 10 个字" in err.value.zh
    assert _count(fleet.RepairShop) == 0 and _count(AuditLog) == audits


def test_X3_free_text_has_a_limit_both_backends_hold(fl):
    from models.text import FREE_TEXT_MAX

    o = fl.office
    with pytest.raises(RuleViolation) as err:
        fleet.apply_repair(o.driver, fl.car, "异" * (FREE_TEXT_MAX + 1), at=T0)
    assert err.value.field == "fault" and f"不能超过 {FREE_TEXT_MAX} 个字" in err.value.zh
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
