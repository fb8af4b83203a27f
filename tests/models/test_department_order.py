"""Departments and units sort in the office's order (一中队, 二中队 … 十二中队, 科室 first),
everywhere: the roster, pickers, registers and reports; an administrator can change it."""

from __future__ import annotations

import pytest

from forms.excel_export import export_register
from forms.people import _department_names
from models import people
from models.errors import RuleViolation
from tests.forms.helpers import cells


@pytest.fixture
def squads(office):
    admin = office.admin
    for name in ("十二中队", "三中队", "二中队", "十中队"):  # entered out of order
        people.add_department(admin, name, "中队")
    people.add_department(admin, "财务科", "科室")
    return office


def test_X3_departments_sort_by_the_number_in_their_name_not_their_characters(squads):
    names = _department_names()
    squads_in_order = [n for n in names if n.endswith("中队")]
    assert squads_in_order == ["一中队", "二中队", "三中队", "十中队", "十二中队"]
    assert names.index("办公室") < names.index("一中队")  # 科室 before 中队
    assert names.index("财务科") < names.index("一中队")
    assert people.natural_sort_key("第3中队", "中队") == 1003
    assert people.natural_sort_key("一百零五中队", "中队") == 1105


def test_X3_an_administrator_sets_a_departments_place_and_every_list_follows(squads, tmp_path):
    three = people.Department.get(people.Department.name == "三中队")
    people.update_department(squads.admin, three, sort_key=1)
    assert _department_names()[0] == "三中队"
    rows = cells(export_register("departments", tmp_path / "d.xlsx").path)
    assert rows[4][:3] == ["三中队", "中队", 1]
    with pytest.raises(RuleViolation) as err:
        people.update_department(squads.admin, three, sort_key="前面")
    assert err.value.rule is None and err.value.field == "sort_key"
    with pytest.raises(RuleViolation) as err:
        people.update_department(squads.clerk, three, sort_key=2)
    assert err.value.rule == "X1"
    assert people.Department.get_by_id(three.id).sort_key == 1


def test_X3_the_monthly_report_lists_units_in_the_offices_order(squads):
    from datetime import datetime
    from decimal import Decimal

    from models import fleet

    shop = fleet.add_shop(squads.logistics, "城东汽修厂")
    for n, unit in enumerate(("十二中队", "二中队", "一中队"), start=1):
        dept = people.Department.get(people.Department.name == unit)
        car = fleet.add_vehicle(squads.fleet, f"京A1000{n}", dept)
        fleet.record_historical_repair(
            squads.logistics,
            car,
            shop=shop,
            fault="刹车",
            cost=Decimal(100),
            applied_on=datetime(2025, 3, n).date(),
            closed_on=datetime(2025, 3, n + 1).date(),
        )
    report = fleet.monthly_report("2025-03")
    assert list(report.by_unit) == ["一中队", "二中队", "十二中队"]


def test_X3_an_office_database_from_before_gets_its_departments_ordered(squads, database):
    from models import schema

    people.Department.update(sort_key=0).execute()  # as migration 14 finds an older office
    schema._department_order(database)
    squads_in_order = [n for n in _department_names() if n.endswith("中队")]
    assert squads_in_order == ["一中队", "二中队", "三中队", "十中队", "十二中队"]
