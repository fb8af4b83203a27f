"""退库 (S7): goods a department found unsuitable after collecting them come back to the store,
confirmed by logistics, and then go back to the supplier against the original receipt. On
SQLite and MariaDB; every shortcut is tried and refused."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import peewee
import pytest

from models import documents, people, supplies, workflow
from models.db import db
from models.errors import RuleViolation
from models.people import Role, SystemActor, User
from models.supplies import MovementKind, StockReturnState
from tests.models.test_supplies import (
    T0,
    Sup,
    _received,
    approved_requisition,
    build_sup,
    item,
)
from tests.office import PASSWORD

K = StockReturnState
LATER = T0 + timedelta(days=3)


@pytest.fixture
def sup(office) -> Sup:
    return build_sup(office)


def issued_paper(sup: Sup, qty: int = 10, issue: int = 10) -> supplies.Requisition:
    """``qty`` packs of paper received from 联华 (RK2026-0001), ``issue`` of them issued to
    办公室 on LY2026-0001, received by 张三."""
    _received(sup, qty)
    req = approved_requisition(sup, (sup.paper, issue))
    return supplies.issue_requisition(sup.o.logistics, req, receiver=sup.o.clerk, at=T0)


def issued_pens(sup: Sup, qty: int = 3) -> supplies.Requisition:
    """All the store's ``qty`` pens issued to 办公室."""
    supplies.set_opening_balance(sup.o.logistics, item=sup.pen, quantity=qty, at=T0)
    req = approved_requisition(sup, (sup.pen, qty))
    return supplies.issue_requisition(sup.o.logistics, req, receiver=sup.o.clerk, at=T0)


def line_of(req: supplies.Requisition) -> int:
    return req.lines[0].id


def file(sup: Sup, req, qty: int, *, by: User | None = None, reason: str = "受潮，不能用"):
    return supplies.file_stock_return(
        by or sup.o.clerk, req, quantities={line_of(req): qty}, reason=reason, at=LATER
    )


def second_logistics(sup: Sup) -> User:
    return people.add_user(sup.o.admin, "zheng", "郑十一", PASSWORD, sup.o.squad, [Role.LOGISTICS])


def test_S7_goods_brought_back_by_the_department_go_back_to_the_supplier(sup):
    """The seed's chain: issued, found unsuitable, returned to the store (退库) with the
    reason, confirmed by logistics, then exchanged and returned against the receipt."""
    lg = sup.o.logistics
    req = issued_paper(sup)
    receipt_line = supplies.Receipt.get().lines[0]
    assert item(sup.paper).on_hand == 0
    # Before: everything is in the department, the store has nothing to send back.
    with pytest.raises(RuleViolation) as err:
        supplies.exchange_with_supplier(lg, receipt_line=receipt_line, quantity=2, reason="受潮")
    assert err.value.rule == "S8"
    with pytest.raises(RuleViolation) as err:
        supplies.return_to_supplier(lg, receipt_line=receipt_line, quantity=1, reason="受潮")
    assert err.value.rule == "S8"

    ret = file(sup, req, 3)
    assert (ret.number, ret.state, ret.department_id) == ("TK2026-0001", K.PENDING, sup.o.office.id)
    assert item(sup.paper).on_hand == 0  # nothing moves before logistics confirms
    assert supplies.returnable_to_store(req.lines[0]) == 7
    assert [r.id for r in supplies.awaiting_confirmation()] == [ret.id]
    assert documents.available_actions(lg, ret).actions >= {"confirm", "reject"}
    assert "confirm" not in documents.available_actions(sup.o.clerk, ret)

    ret = supplies.confirm_stock_return(lg, ret, "已收回", at=LATER)
    assert (ret.state, ret.decided_by_id) == (K.ACCEPTED, lg.id)
    assert item(sup.paper).on_hand == 3
    back = supplies.Movement.get(supplies.Movement.kind == MovementKind.DEPT_RETURN.value)
    assert (back.quantity, back.kind_label, back.department_id, back.doc_number) == (
        3,
        "退库",
        sup.o.office.id,
        "TK2026-0001",
    )
    assert (back.doc_type, back.doc_id, back.actor_name) == ("stock_return", ret.id, "周九")
    assert "LY2026-0001" in back.reason and "受潮" in back.reason
    steps = [(s.node_name, s.action, s.actor_name) for s in workflow.trail(ret.instance().id)]
    assert steps == [("", "submit", "张三"), ("后勤确认", "approve", "周九")]

    # After: exchange and return against the original receipt work.
    swap = supplies.exchange_with_supplier(
        lg, receipt_line=receipt_line, quantity=2, reason="受潮", replaced_now=False
    )
    back_to_supplier = supplies.return_to_supplier(
        lg, receipt_line=receipt_line, quantity=1, reason="受潮"
    )
    assert (swap.supplier_id, back_to_supplier.supplier_id) == (sup.d2.id, sup.d2.id)
    assert item(sup.paper).on_hand == 0
    supplies.receive_replacement(lg, exchange=swap)
    assert item(sup.paper).on_hand == 2
    assert supplies.ledger_mismatches() == []

    # A returned unit was not consumed: 10 issued, 3 back.
    rows = supplies.consumption_by_department(year=2026, quarter=4)
    assert [(r.department, r.code, r.quantity) for r in rows] == [("办公室", sup.paper.code, 7)]
    # and the reorder suggestions count 7 used over three months, not 10 (S4)
    paper = next(
        r
        for r in supplies.reorder_suggestions(today=date(2026, 10, 20))
        if r.code == sup.paper.code
    )
    assert paper.monthly_use == Decimal("2.3")
    # The stock figure is still the sum of the ledger (S8).
    assert supplies.ledger_sums()[sup.paper.id] == item(sup.paper).on_hand


def test_S7_a_return_to_the_store_beyond_what_was_issued_or_without_reason_is_refused(sup):
    req = issued_paper(sup, 10, 6)
    with pytest.raises(RuleViolation) as err:  # more than issued
        file(sup, req, 7)
    assert (err.value.rule, err.value.field) == ("S7", "quantity")
    with pytest.raises(RuleViolation) as err:  # no reason
        file(sup, req, 1, reason="  ")
    assert (err.value.rule, err.value.field) == ("S7", "reason")
    with pytest.raises(RuleViolation) as err:  # nothing to return
        file(sup, req, 0)
    assert (err.value.rule, err.value.field) == ("S7", "quantity")
    with pytest.raises(RuleViolation) as err:  # whole units only
        file(sup, req, -1)
    assert (err.value.rule, err.value.field) == ("S7", "quantity")
    with pytest.raises(RuleViolation) as err:  # a line of another slip
        supplies.file_stock_return(
            sup.o.clerk, req, quantities={line_of(req) + 99: 1}, reason="破损", at=LATER
        )
    assert err.value.rule is None
    # Twice: what waits for logistics counts, so the second cannot claim the same units.
    first = file(sup, req, 4)
    with pytest.raises(RuleViolation) as err:
        file(sup, req, 3)
    assert (err.value.rule, err.value.field) == ("S7", "quantity")
    file(sup, req, 2, by=sup.o.head)  # the head of the department files too
    with pytest.raises(RuleViolation) as err:
        file(sup, req, 1)
    assert (err.value.rule, err.value.field) == ("S7", "quantity")
    # A withdrawn return frees its units.
    documents.withdraw(sup.o.clerk, first, "数错了", at=LATER)
    assert supplies.StockReturn.get_by_id(first.id).state == K.WITHDRAWN
    assert supplies.returnable_to_store(req.lines[0]) == 4
    # An item voided since (nothing of it left in the store) comes back no more.
    pens = issued_pens(sup)
    supplies.void_item(sup.o.logistics, sup.pen, "停用此型号")
    with pytest.raises(RuleViolation) as err:
        file(sup, pens, 1)
    assert (err.value.rule, err.value.field) == ("S7", "item")
    # A slip not (yet) issued has nothing to return.
    pending = approved_requisition(sup, (sup.paper, 1))
    with pytest.raises(RuleViolation) as err:
        file(sup, pending, 1)
    assert err.value.rule == "S7"
    assert item(sup.paper).on_hand == 4


def test_S7_two_returns_of_the_same_slip_filed_at_once_never_exceed_what_was_issued(sup, database):
    """张三 and 李四 bring back 4 of the 6 packs each at the same moment: the slip's row lock
    counts one after the other, so exactly one return is filed."""
    req = issued_paper(sup, 30, 6)
    for round_no in range(3):
        if round_no:  # a fresh slip of 6 for each round
            req = approved_requisition(sup, (sup.paper, 6))
            req = supplies.issue_requisition(sup.o.logistics, req, receiver=sup.o.clerk, at=T0)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []
        errors: list[BaseException] = []

        def bring_back(
            user: User, req=req, barrier=barrier, outcomes=outcomes, errors=errors
        ) -> None:
            try:
                database.connect(reuse_if_open=True)
                barrier.wait(timeout=20)
                file(sup, req, 4, by=user)
                outcomes.append("filed")
            except RuleViolation as exc:
                outcomes.append(f"refused {exc.rule}")
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                database.close()

        threads = [
            threading.Thread(target=bring_back, args=(u,)) for u in (sup.o.clerk, sup.o.head)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert errors == []
        assert sorted(outcomes) == ["filed", "refused S7"], round_no
        assert supplies.returnable_to_store(req.lines[0]) == 2


def test_S7_a_return_is_filed_by_the_department_that_received_the_goods(sup):
    req = issued_paper(sup, 10, 5)
    with pytest.raises(RuleViolation) as err:  # 吴十 is of 一中队
        file(sup, req, 1, by=sup.o.driver)
    assert (err.value.rule, err.value.field) == ("S7", "department")
    with pytest.raises(RuleViolation) as err:  # nor the head of another department
        file(sup, req, 1, by=sup.o.squad_head)
    assert (err.value.rule, err.value.field) == ("S7", "department")
    with pytest.raises(RuleViolation) as err:  # the command line files for nobody
        file(sup, req, 1, by=SystemActor())
    assert err.value.rule == "X1"
    people.void_user(sup.o.admin, User.get_by_id(sup.o.clerk.id), "已调离")
    with pytest.raises(RuleViolation) as err:  # who has left no longer files
        file(sup, req, 1)
    assert err.value.rule == "X1"
    assert supplies.StockReturn.select().count() == 0


def test_S7_only_logistics_confirms_and_nobody_confirms_his_own_return(sup):
    o = sup.o
    req = issued_paper(sup, 10, 10)
    ret = file(sup, req, 2)
    for outsider in (o.clerk, o.head, o.leader):  # non-logistics
        with pytest.raises(RuleViolation) as err:
            supplies.confirm_stock_return(outsider, ret, at=LATER)
        assert err.value.rule == "X1"
        with pytest.raises(RuleViolation) as err:
            supplies.refuse_stock_return(outsider, ret, "不收", at=LATER)
        assert err.value.rule == "X1"
    # The approvals centre cannot pass it: the goods come in through the confirmation.
    with pytest.raises(RuleViolation) as err:
        workflow.approve(o.logistics, ret.instance().id, at=LATER)
    assert err.value.rule == "S7"
    assert item(sup.paper).on_hand == 0

    # 周九 (后勤, of 办公室) files a return himself: as the only logistics officer, nobody
    # could confirm it, so it is refused at once; with a colleague, she confirms it.
    with pytest.raises(RuleViolation) as err:
        file(sup, req, 1, by=o.logistics)
    assert err.value.rule == "X1"
    colleague = second_logistics(sup)
    own = file(sup, req, 1, by=o.logistics)
    with pytest.raises(RuleViolation) as err:
        supplies.confirm_stock_return(o.logistics, own, at=LATER)
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:
        supplies.refuse_stock_return(o.logistics, own, "不收", at=LATER)
    assert err.value.rule == "X1"
    assert supplies.StockReturn.get_by_id(own.id).state == K.PENDING
    own = supplies.confirm_stock_return(colleague, own, at=LATER)
    assert (own.state, own.decided_by_id) == (K.ACCEPTED, colleague.id)
    assert item(sup.paper).on_hand == 1


def test_S7_a_refused_return_moves_nothing_and_frees_its_units_a_sent_back_one_waits(sup):
    o = sup.o
    req = issued_paper(sup, 10, 4)
    ret = file(sup, req, 4)
    with pytest.raises(RuleViolation) as err:  # a refusal says why
        supplies.refuse_stock_return(o.logistics, ret, " ", at=LATER)
    assert (err.value.rule, err.value.field) == ("X2", "reason")
    ret = supplies.refuse_stock_return(o.logistics, ret, "外包装完好，可正常使用", at=LATER)
    assert (ret.state, ret.decision_comment) == (K.REFUSED, "外包装完好，可正常使用")
    with pytest.raises(RuleViolation) as err:  # decided once
        supplies.confirm_stock_return(o.logistics, ret, at=LATER)
    assert err.value.rule == "S7"
    assert item(sup.paper).on_hand == 6
    assert supplies.returnable_to_store(req.lines[0]) == 4
    assert not supplies.Movement.select().where(supplies.Movement.doc_type == "stock_return")
    steps = [s.action for s in workflow.trail(ret.instance().id)]
    assert steps == ["submit", "reject"]
    # Sent back from the approvals centre, a return waits for its filer; resubmitted, it is
    # confirmed as usual.
    again = file(sup, req, 4)
    workflow.return_to(o.logistics, again.instance().id, "请注明受潮的包数", at=LATER)
    again = supplies.StockReturn.get_by_id(again.id)
    assert again.state == K.RETURNED and supplies.returnable_to_store(req.lines[0]) == 0
    with pytest.raises(RuleViolation) as err:
        supplies.confirm_stock_return(o.logistics, again, at=LATER)
    assert err.value.rule == "S7"
    with pytest.raises(RuleViolation) as err:  # only who filed it
        supplies.resubmit_stock_return(o.head, again, at=LATER)
    assert err.value.rule == "S7"
    again = supplies.resubmit_stock_return(o.clerk, again, "4包均受潮", at=LATER)
    assert again.state == K.PENDING
    again = supplies.confirm_stock_return(o.logistics, again, at=LATER)
    assert again.state == K.ACCEPTED and item(sup.paper).on_hand == 10


def test_X2_S7_the_lines_of_a_return_refuse_update_and_delete(sup):
    req = issued_paper(sup, 10, 5)
    file(sup, req, 2)
    for statement in (
        lambda: supplies.StockReturnLine.update(quantity=5).execute(),
        lambda: supplies.StockReturnLine.delete().execute(),
    ):
        with pytest.raises(peewee.DatabaseError) as err, db.atomic():
            statement()
        assert "append-only" in str(err.value)
    assert [ln.quantity for ln in supplies.StockReturnLine.select()] == [2]
