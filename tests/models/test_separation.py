"""不相容职务分离: in the regulated flows whoever decided one control step of a document may
not decide the next one (F2, F4, F5, S4, S5, S6); 去重 stays for flows that do not declare
the separation."""

from __future__ import annotations

from datetime import date

import pytest

from models import fleet, people, supplies, workflow
from models.errors import RuleViolation
from models.people import Role
from tests.models.test_fleet import PROMISED, T0, lines


@pytest.fixture
def car(office) -> tuple[fleet.Vehicle, fleet.RepairShop]:
    vehicle = fleet.add_vehicle(
        office.fleet,
        "京A12345",
        office.squad,
        purchase_date=date(2024, 3, 1),
        odometer=42000,
        drivers=[office.driver],
    )
    return vehicle, fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号")


def pending(doc) -> list[str]:
    inst = doc.instance()
    return sorted(
        t.assignee.name
        for t in workflow.Task.select().where(
            (workflow.Task.instance == inst.id)
            & (workflow.Task.state == workflow.TaskState.PENDING)
        )
    )


def assess(office, car, kind="repair"):
    vehicle, shop = car
    repair = fleet.apply_repair(office.driver, vehicle, "刹车异响", kind=kind, at=T0)
    return fleet.assess(
        office.fleet,
        repair,
        diagnosis="刹车片磨损",
        lines=lines("800", "300"),
        shop=shop,
        promised_date=PROMISED,
        quote_ref="BJ-001" if kind == "overhaul" else "",
        at=T0,
    )


def test_F2_the_fleet_manager_who_assessed_does_not_also_approve(office, car):
    # 孙八 holds 车管 and 主要领导; 王五 is 主要领导 too. Before, 去重 approved 孙八's own
    # assessment in his name at once.
    people.set_roles(office.admin, office.fleet, [Role.FLEET_MANAGER, Role.LEADER])
    repair = assess(office, car)
    assert pending(repair) == ["王五", "钱七"]  # not 孙八
    steps = [s.action for s in workflow.trail(repair.instance().id)]
    assert "auto_approve" not in steps
    with pytest.raises(RuleViolation) as err:
        fleet.approve_repair(office.fleet, repair, at=T0)
    assert err.value.rule == "X1"


def test_F2_when_only_the_assessor_could_approve_the_assessment_is_refused(office, car):
    people.set_roles(office.admin, office.fleet, [Role.FLEET_MANAGER, Role.LEADER])
    people.set_roles(office.admin, office.leader, [Role.CLERK])
    people.set_roles(office.admin, office.leader2, [Role.CLERK])
    with pytest.raises(RuleViolation) as err:
        assess(office, car)
    assert err.value.rule == "F2"
    message = str(err.value)
    assert "不相容职务分离" in message and "孙八" in message and "主要领导" in message
    repair = fleet.Repair.get()
    assert repair.state == fleet.RepairState.APPLIED  # nothing of the assessment stayed
    assert pending(repair) == ["孙八"]
    # Appointing another main leader lets it through, to him.
    people.set_roles(office.admin, office.leader, [Role.LEADER])
    shop = car[1]
    repair = fleet.assess(
        office.fleet,
        repair,
        diagnosis="刹车片磨损",
        lines=lines("800"),
        shop=shop,
        promised_date=PROMISED,
        at=T0,
    )
    assert pending(repair) == ["王五"]


def test_F5_one_person_cannot_review_consent_and_file_an_overhaul_in_one_click(office, car):
    # 周九 holds 后勤 and 主要领导, and is the only main leader.
    people.set_roles(office.admin, office.logistics, [Role.LOGISTICS, Role.LEADER])
    people.set_roles(office.admin, office.leader, [Role.CLERK])
    people.set_roles(office.admin, office.leader2, [Role.CLERK])
    repair = assess(office, car, kind="overhaul")
    assert pending(repair) == ["周九"]  # 后勤审核
    with pytest.raises(RuleViolation) as err:
        fleet.approve_repair(office.logistics, repair, "报价合理", at=T0)
    assert err.value.rule == "F2" and "不相容职务分离" in str(err.value)
    assert fleet.Repair.get_by_id(repair.id).state == repair.state
    # With another main leader: 周九 reviews, 王五 consents, and the filing is 周九's again
    # (not the step right after his own).
    people.set_roles(office.admin, office.leader, [Role.LEADER])
    repair = fleet.approve_repair(office.logistics, fleet.Repair.get_by_id(repair.id), at=T0)
    assert pending(repair) == ["王五"]
    repair = fleet.approve_repair(office.leader, repair, "同意", at=T0)
    assert pending(repair) == ["周九"]
    assert "auto_approve" not in [s.action for s in workflow.trail(repair.instance().id)]


def test_S6_a_head_who_is_also_logistics_does_not_check_his_own_approval(office):
    from tests.models.test_supplies import build_sup, opening, requisition

    sup = build_sup(office)
    opening(sup, sup.pen, 50)
    people.set_roles(office.admin, office.head, [Role.DEPT_HEAD, Role.LOGISTICS])
    req = requisition(sup, (sup.pen, 5))
    supplies.head_approve(office.head, req, at=T0)
    assert pending(req) == ["周九"]
    people.set_roles(office.admin, office.logistics, [Role.CLERK])
    req = requisition(sup, (sup.pen, 5))
    with pytest.raises(RuleViolation) as err:
        supplies.head_approve(office.head, req, at=T0)
    assert err.value.rule == "S6" and "后勤" in str(err.value)


def test_X1_dedupe_stays_for_flows_that_do_not_separate_duties(office):
    from tests.models.test_workflow import DEDUPE

    assert not DEDUPE.separate_duties
    inst = workflow.submit(office.clerk, "t_dedupe", title="去重", at=T0)
    workflow.approve(office.leader, inst.id, at=T0)
    actions = [s.action for s in workflow.trail(inst.id)]
    assert "auto_approve" in actions


def test_S6_an_administrator_cannot_publish_the_separation_away(office):
    from dataclasses import replace

    flow = replace(supplies.REQUISITION_FLOW, separate_duties=False)
    with pytest.raises(RuleViolation) as err:
        workflow.publish_flow(office.admin, flow)
    assert err.value.rule == "S6" and "不相容职务分离" in str(err.value)
    assert workflow.publish_flow(office.admin, supplies.REQUISITION_FLOW).version >= 1
