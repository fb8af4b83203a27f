"""Internal doors stay internal: the ledger's core is private to its domain and checks the
role itself; requests are filed by a real person, for his own department as the database
holds it now."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from models import fleet, supplies, workflow
from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.people import SYSTEM
from models.supplies import stock
from tests.models.test_supplies import build_sup, item

ROOT = Path(__file__).resolve().parents[2]


def test_S8_the_ledger_core_is_private_to_supplies_and_refuses_other_roles(office):
    sup = build_sup(office)
    assert not hasattr(supplies, "post_movement") and not hasattr(stock, "post_movement")
    for who in (office.clerk, office.head, office.admin, SYSTEM):
        with pytest.raises(RuleViolation) as err, db.atomic():
            pen = stock.lock_items([sup.pen.id])[sup.pen.id]
            stock._post_movement(who, pen, "receipt", 100, reason="+100", at=now())
        assert err.value.rule == "X1"
    assert item(sup.pen).on_hand == 0
    assert supplies.Movement.select().count() == 0
    # No module outside models/supplies reaches the core.
    for path in ROOT.glob("**/*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(("models/supplies/", ".venv/", "tests/models/test_doors.py")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        assert "_post_movement" not in names, rel


def test_S6_a_head_cannot_file_a_requisition_for_another_department(office):
    sup = build_sup(office)
    line = [supplies.RequisitionLineInput(sup.pen, 1)]
    with pytest.raises(RuleViolation) as err:
        supplies.submit_requisition(office.head, lines=line, department=office.squad)
    assert err.value.rule == "S6"
    # An object that says he belongs to the squad (stale, or edited in memory) changes
    # nothing: the department is the one the database holds.
    office.head.department_id = office.squad.id
    office.head.department = office.squad
    with pytest.raises(RuleViolation) as err:
        supplies.submit_requisition(office.head, lines=line, department=office.squad)
    assert err.value.rule == "S6"
    assert supplies.Requisition.select().count() == 0


def test_X1_the_command_line_cannot_file_a_request_in_someones_name(office):
    sup = build_sup(office)
    car = fleet.add_vehicle(office.fleet, "京A12345", office.squad, model="大众帕萨特")
    with pytest.raises(RuleViolation) as err:
        fleet.apply_repair(SYSTEM, car, "刹车异响")
    assert err.value.rule == "X1" and "命令行" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        supplies.submit_requisition(SYSTEM, lines=[supplies.RequisitionLineInput(sup.pen, 1)])
    assert err.value.rule == "X1" and "命令行" in err.value.zh
    assert supplies.Requisition.select().count() == 0 and fleet.Repair.select().count() == 0


HEADED = workflow.register_flow(
    workflow.Flow(
        "test_headed",
        "部门负责人审批",
        (workflow.Node("head", "科室负责人", (workflow.Approver.dept_head(),)),),
    )
)


def test_X1_the_engine_asks_the_document_for_the_deciding_department_not_the_caller(office):
    assert "department" not in inspect.signature(workflow.submit).parameters
    # No document: the applicant's department as the database holds it, not his object.
    office.clerk.department_id = office.squad.id
    office.clerk.department = office.squad
    inst = workflow.submit(office.clerk, HEADED.doc_type, title="请假")
    assert inst.department_id == office.office.id
    assert [t.id for t in workflow.inbox(office.squad_head)] == []
    assert len(workflow.inbox(office.head)) == 1
    # A document: the department its row names (a requisition's department).
    sup = build_sup(office)
    slip = supplies.submit_requisition(
        office.squad_head, lines=[supplies.RequisitionLineInput(sup.pen, 1)]
    )
    assert slip.instance().department_id == slip.department_id == office.squad.id
