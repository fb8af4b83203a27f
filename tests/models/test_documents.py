"""Documents with declared lifecycles (``models.documents``), on SQLite and MariaDB.

A decision is taken on what the decider saw: a leader who opened a repair at ¥500 cannot
approve it after it was re-assessed at ¥6,800 (X1); the offered actions follow each
document's declaration per role and state, and the engine's outcome reaches the document
through its declared ``OUTCOMES``."""

from __future__ import annotations

from datetime import datetime

import pytest

from models import documents, fleet, supplies, workflow
from models.errors import Conflict
from models.fleet import RepairState
from models.supplies import PlanLineInput, RequisitionLineInput, RequisitionState, stocktake
from models.supplies.stocktake import StocktakeState
from tests.models.test_fleet import PROMISED, T0, fl, lines  # noqa: F401
from tests.models.test_supplies import build_sup, opening


def acts(user, doc) -> set[str]:
    return set(documents.available_actions(user, doc).actions)


def assessed(fl, prices: tuple[str, ...], kind: str = "repair") -> fleet.Repair:  # noqa: F811
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响", kind=kind, at=T0)
    return fleet.assess(
        o.fleet,
        repair,
        diagnosis="刹车片磨损",
        lines=lines(*prices),
        shop=fl.shop,
        promised_date=PROMISED,
        quote_ref="BJ-001" if kind == "overhaul" else "",
        at=T0,
    )


# --- the version the user saw -------------------------------------------------------------


def test_X1_a_leader_cannot_approve_a_repair_reassessed_since_he_opened_it(fl):  # noqa: F811
    o = fl.office
    repair = assessed(fl, ("500",))
    leaders_screen = fleet.Repair.get_by_id(repair.id)  # ¥500 on the leader's desktop
    assert leaders_screen.estimated_cost == 500
    # meanwhile: returned to the driver, resubmitted, and re-assessed at ¥6,800
    workflow.return_to(o.leader2, repair.instance().id, "请重新鉴定", at=T0)
    repair = fleet.resubmit_repair(o.driver, fleet.Repair.get_by_id(repair.id), at=T0)
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="变速箱故障",
        lines=lines("6800"),
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )
    with pytest.raises(Conflict):
        fleet.approve_repair(o.leader, leaders_screen, "同意", at=T0)
    assert fleet.Repair.get_by_id(repair.id).state == RepairState.APPLIED
    with pytest.raises(Conflict):
        documents.reject(o.leader, leaders_screen, "不同意", at=T0)
    # reloaded, he sees ¥6,800 and decides on that
    fresh = fleet.Repair.get_by_id(repair.id)
    assert fresh.estimated_cost == 6800
    fleet.approve_repair(o.leader, fresh, "同意", at=T0)
    authorised = fleet.file_repair(o.logistics, fleet.Repair.get_by_id(repair.id), at=T0)
    assert authorised.approved_cost == 6800


def test_S4_a_stale_plan_approval_is_refused_as_a_conflict(office):
    s = build_sup(office)
    o = s.o
    plan = supplies.create_plan(
        o.logistics, year=2026, quarter=4, lines=[PlanLineInput(s.pen, 100, "2.5")], at=T0
    )
    plan = supplies.submit_plan(o.logistics, plan, at=T0)
    leaders_screen = supplies.PurchasePlan.get_by_id(plan.id)  # ¥250
    workflow.return_to(o.leader2, plan.instance().id, "请补充", at=T0)
    plan = supplies.PurchasePlan.get_by_id(plan.id)
    plan = supplies.set_plan_lines(o.logistics, plan, [PlanLineInput(s.pen, 2720, "2.5")])
    plan = supplies.submit_plan(o.logistics, plan, at=T0)
    with pytest.raises(Conflict):
        supplies.approve_plan(o.leader, leaders_screen, at=T0)
    assert supplies.PurchasePlan.get_by_id(plan.id).state == supplies.PlanState.PENDING
    approved = supplies.approve_plan(o.leader, supplies.PurchasePlan.get_by_id(plan.id), at=T0)
    assert approved.state == supplies.PlanState.APPROVED and approved.total == 6800


def test_S5_a_stale_stocktake_approval_is_refused_as_a_conflict(office):
    s = build_sup(office)
    o = s.o
    for it, qty in ((s.pen, 50), (s.paper, 20), (s.toner, 3)):
        opening(s, it, qty)
    at = datetime(2026, 10, 8, 9, 0)
    st = stocktake.open_stocktake(o.logistics, at=at)
    stocktake.set_counts(o.logistics, st, {s.pen.code: 50, s.paper.code: 20, s.toner.code: 3})
    st = stocktake.submit_stocktake(o.logistics, st, at=at)
    leaders_screen = stocktake.Stocktake.get_by_id(st.id)  # no variance
    workflow.return_to(o.leader2, st.instance().id, "请复盘", at=at)
    st = stocktake.Stocktake.get_by_id(st.id)
    stocktake.set_counts(o.logistics, st, {s.toner.code: (0, "破损")})
    st = stocktake.submit_stocktake(o.logistics, st, at=at)  # now a loss of 3
    with pytest.raises(Conflict):
        stocktake.approve_stocktake(o.leader, leaders_screen, at=at)
    assert stocktake.Stocktake.get_by_id(st.id).state == StocktakeState.PENDING
    fresh = stocktake.Stocktake.get_by_id(st.id)
    assert stocktake.approve_stocktake(o.leader, fresh, at=at).state == StocktakeState.APPROVED


def test_X1_a_stale_physical_step_is_refused_too(fl):  # noqa: F811
    """Not only approvals: entering the shop on a screen from before the repair moved."""
    o = fl.office
    repair = assessed(fl, ("300",))
    repair = fleet.approve_repair(o.leader, repair, at=T0)
    before_filing = fleet.Repair.get_by_id(repair.id)
    fleet.file_repair(o.logistics, repair, at=T0)
    with pytest.raises(Conflict):
        fleet.enter_shop(o.fleet, before_filing, at=T0)


# --- available_actions per role and state --------------------------------------------------


def test_F2_repair_actions_follow_the_declaration_per_role_and_state(fl):  # noqa: F811
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "异响", at=T0)
    assert acts(o.fleet, repair) == {"assess", "reject", "return"}
    assert acts(o.driver, repair) == {"withdraw"}
    assert acts(o.leader, repair) == set() and acts(o.logistics, repair) == set()
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="x",
        lines=lines("300"),
        shop=fl.shop,
        promised_date=PROMISED,
        at=T0,
    )
    assert acts(o.leader, repair) == {"approve", "reject", "return"}
    assert acts(o.fleet, repair) == set()
    repair = fleet.approve_repair(o.leader, repair, at=T0)
    assert acts(o.logistics, repair) == {"file", "return"}
    repair = fleet.file_repair(o.logistics, repair, at=T0)
    assert acts(o.fleet, repair) == {"enter_shop", "print_authorisation"}
    assert acts(o.driver, repair) == {"print_authorisation"}
    repair = fleet.enter_shop(o.fleet, repair, at=T0)
    assert acts(o.fleet, repair) == {"supplement", "fitted", "finish", "print_authorisation"}
    assert acts(o.logistics, repair) == {"fitted", "finish", "print_authorisation"}
    assert acts(o.driver, repair) == {"print_authorisation"}
    for line in repair.lines:
        fleet.record_fitted(o.fleet, line, at=T0)
    repair = fleet.finish_repair(o.fleet, repair, at=T0)
    assert acts(o.driver, repair) == {"accept", "print_authorisation"}
    assert acts(o.fleet, repair) == {"print_authorisation"}


def test_F5_an_overhaul_quote_offers_line_by_line_decisions(fl):  # noqa: F811
    o = fl.office
    repair = assessed(fl, ("800", "300"), kind="overhaul")
    assert acts(o.logistics, repair) == {"approve", "decline_lines", "reject", "return"}
    assert "decline_lines" not in acts(o.leader, repair)


def test_S6_requisition_actions_follow_the_declaration_per_role_and_state(office):
    s = build_sup(office)
    o = s.o
    opening(s, s.pen, 50)
    req = supplies.submit_requisition(
        o.clerk, lines=[RequisitionLineInput(s.pen, 5)], purpose="x", at=T0
    )
    assert acts(o.head, req) == {"head_approve", "reject", "return", "print"}
    assert acts(o.clerk, req) == {"withdraw", "urge", "print"}
    assert acts(o.logistics, req) == {"print"}
    assert acts(o.squad_head, req) == {"print"}  # another department's head
    req = supplies.head_approve(o.head, req, at=T0)
    assert acts(o.logistics, req) == {"check", "reject", "return", "print"}
    assert acts(o.head, req) == {"print"}
    req = supplies.check_requisition(o.logistics, req, approved={req.lines[0].id: 5}, at=T0)
    assert req.state == RequisitionState.APPROVED
    assert acts(o.logistics, req) == {"issue", "print"}
    assert acts(o.clerk, req) == {"print"}
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    # 退库 (S7) for a member of the receiving department (周九 too: he is of 办公室)
    assert acts(o.clerk, req) == {"return_goods", "print"}
    assert acts(o.logistics, req) == {"return_goods", "print"}
    assert acts(o.driver, req) == {"print"}  # 一中队


def test_X1_a_returned_requisition_is_resubmitted_only_by_its_applicant(office):
    s = build_sup(office)
    o = s.o
    req = supplies.submit_requisition(
        o.clerk, lines=[RequisitionLineInput(s.pen, 5)], purpose="x", at=T0
    )
    workflow.return_to(o.head, req.instance().id, "数量偏多", at=T0)
    req = supplies.Requisition.get_by_id(req.id)
    assert "resubmit" in acts(o.clerk, req) and "resubmit" not in acts(o.head, req)
    with pytest.raises(Exception) as err:
        supplies.resubmit_requisition(o.head, req, at=T0)
    assert getattr(err.value, "rule", None) == "S6"
    assert supplies.resubmit_requisition(o.clerk, req, at=T0).state == RequisitionState.PENDING


# --- outcomes declared as data -------------------------------------------------------------


def test_F10_a_use_request_has_its_own_states_and_a_version(fl):  # noqa: F811
    o = fl.office
    trip = fleet.request_use(
        o.driver,
        fl.car,
        "送文件",
        "市政府",
        datetime(2026, 10, 13, 9),
        datetime(2026, 10, 13, 11),
    )
    assert trip.state == fleet.UseState.APPLIED and trip.state_label == "审批中"
    workflow.force_close(o.admin, trip.instance().id, "行程取消")
    closed = fleet.VehicleUse.get_by_id(trip.id)
    assert closed.state == fleet.UseState.WITHDRAWN and closed.state_label == "已撤回"
    assert closed.version == trip.version + 1


def test_every_document_declares_an_outcome_for_every_final_engine_state(database):
    from models.documents import _DOCUMENTS

    workflow.load_domains()
    assert {"fleet_repair", "supplies_requisition", "supplies_plan", "supplies_stocktake"} <= set(
        _DOCUMENTS
    )
    for doc_type, model in _DOCUMENTS.items():
        assert set(model.OUTCOMES) >= set(workflow.FINAL_STATES) | {workflow.State.RETURNED}, (
            doc_type
        )
        for target in model.OUTCOMES.values():
            model.STATES(target)  # a state the document knows, with a label
        for t in model.TRANSITIONS:
            for source in t.sources:
                model.STATES(source)
