"""X2: the records that prove a decision refuse UPDATE and DELETE in the database itself.

The approval trail (``step``), the driver's signed exit acceptance (``acceptance``, F6) and
the stock ledger (``movement``, S8) are written once. Triggers installed by the migrations
refuse any change or deletion from any client, on SQLite and MariaDB alike, as they do for
``audit_log``.
"""

from __future__ import annotations

import peewee
import pytest

from models import fleet, supplies, workflow
from models.db import db
from tests.models.test_fleet import T0 as FLEET_T0
from tests.models.test_fleet import Fleet, in_repair
from tests.models.test_supplies import build_sup, opening


def refused(statement) -> None:
    with pytest.raises(peewee.DatabaseError) as err, db.atomic():
        statement()
    assert "append-only" in str(err.value)


def test_X2_the_approval_trail_refuses_update_and_delete(office):
    from tests.models.test_workflow import submit

    inst = submit(office)
    steps = workflow.Step.select().count()
    assert steps >= 1
    refused(lambda: workflow.Step.update(actor_name="某人").execute())
    refused(lambda: workflow.Step.update(comment="改过").where(workflow.Step.id > 0).execute())
    refused(lambda: workflow.Step.delete().execute())
    refused(lambda: db.execute_sql("DELETE FROM step"))
    assert workflow.Step.select().count() == steps
    assert workflow.trail(inst.id)[0].actor_name == "张三"


def test_X2_F6_a_signed_acceptance_refuses_update_and_delete(office):
    from datetime import date

    car = fleet.add_vehicle(
        office.fleet,
        "京A12345",
        office.squad,
        purchase_date=date(2024, 3, 1),
        odometer=42000,
        drivers=[office.driver],
    )
    shop = fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号")
    fl = Fleet(office, car, shop, None)
    o = fl.office
    repair = in_repair(fl)
    for line in repair.lines:
        fleet.record_fitted(o.fleet, line, at=FLEET_T0)
    repair = fleet.finish_repair(o.fleet, repair, at=FLEET_T0)
    fleet.accept(o.driver, repair, True, "刹车正常", at=FLEET_T0)
    refused(lambda: fleet.Acceptance.update(passed=False).execute())
    refused(lambda: fleet.Acceptance.update(signed_by=o.fleet.id).execute())
    refused(lambda: fleet.Acceptance.delete().execute())
    row = fleet.Acceptance.get()
    assert row.passed and row.signed_by_id == o.driver.id


def test_X2_S8_the_ledger_refuses_update_and_delete(office):
    sup = build_sup(office)
    opening(sup, sup.pen, 40)
    count = supplies.Movement.select().count()
    refused(lambda: supplies.Movement.update(quantity=400).execute())
    refused(lambda: supplies.Movement.delete().execute())
    refused(lambda: db.execute_sql("UPDATE movement SET quantity = 0"))
    assert supplies.Movement.select().count() == count
    assert (
        sum(m.quantity for m in supplies.Movement.select())
        == supplies.Item.get_by_id(sup.pen.id).on_hand
    )
