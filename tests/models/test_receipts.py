"""C11 首问负责制: whoever first receives a request owns it until a handover is *accepted*; the
first receiver is recorded for ever (the database refuses to change it)."""

from __future__ import annotations

import inspect
import threading
from datetime import datetime

import peewee
import pytest

from models import audit, callbacks, people
from models.audit import AuditLog
from models.callbacks import Complaint, Handover, HandoverState, ServiceReceipt
from models.db import db
from models.errors import Conflict, RuleViolation
from models.people import Role, User
from tests.models.service_desk import MON_0928, complaint, make_desk
from tests.office import PASSWORD


@pytest.fixture
def desk(database):
    return make_desk()


def _call(desk, by=None) -> ServiceReceipt:
    return callbacks.register_receipt(
        by or desk.service,
        kind="consultation",
        channel="call",
        caller_name="王先生",
        phone="010-62345678",
        content="咨询保单退保手续",
        received_at=MON_0928,
    )


def test_C11_first_receiver_owns_until_the_handover_is_accepted(desk):
    with pytest.raises(RuleViolation) as err:  # a complaint has its own register, with clocks
        callbacks.register_receipt(
            desk.service,
            kind="complaint",
            channel="call",
            caller_name="王先生",
            phone="13812345678",
            content="投诉",
            received_at=MON_0928,
        )
    assert err.value.rule == "C10"
    receipt = _call(desk)
    assert receipt.first_receiver_id == receipt.owner_id == desk.service.id
    handover = callbacks.offer_handover(
        desk.service, receipt, desk.sales, "涉及销售误导，转销售岗", liaison_no="LX-001"
    )
    # offered, not accepted: the first receiver still owns it and still acts on it
    assert ServiceReceipt.get_by_id(receipt.id).owner_id == desk.service.id
    assert list(callbacks.pending_handovers(desk.sales)) == [handover]
    with pytest.raises(RuleViolation) as err:
        callbacks.close_receipt(desk.sales, ServiceReceipt.get_by_id(receipt.id), "已答复")
    assert err.value.rule == "C11"

    callbacks.accept_handover(desk.sales, handover, datetime(2026, 9, 28, 10))
    fresh = ServiceReceipt.get_by_id(receipt.id)
    assert (fresh.owner_id, fresh.first_receiver_id) == (desk.sales.id, desk.service.id)
    assert handover.__class__.get_by_id(handover.id).state == HandoverState.ACCEPTED
    assert list(callbacks.pending_handovers(desk.sales)) == []
    with pytest.raises(RuleViolation) as err:  # the former owner no longer acts on it
        callbacks.close_receipt(desk.service, fresh, "已答复")
    assert err.value.rule == "C11"
    callbacks.close_receipt(desk.sales, fresh, "已说明退保所需材料")
    [log] = [h for h in audit.history("service_receipt", receipt.id) if h.action != "create"][:1]
    assert log.action == "handover_accepted" and log.note == "LX-001"


def test_C11_a_declined_handover_keeps_the_owner(desk):
    receipt = _call(desk)
    handover = callbacks.offer_handover(desk.service, receipt, desk.service2, "请协助")
    with pytest.raises(RuleViolation) as err:  # only the receiver answers it
        callbacks.accept_handover(desk.manager, handover)
    assert err.value.rule == "C11"
    with pytest.raises(RuleViolation) as err:
        callbacks.decline_handover(desk.service2, handover, " ")
    assert err.value.field == "reason"
    declined = callbacks.decline_handover(desk.service2, handover, "不属本岗位职责")
    assert declined.state == HandoverState.DECLINED and declined.decline_reason
    assert ServiceReceipt.get_by_id(receipt.id).owner_id == desk.service.id
    with pytest.raises(Conflict):  # a declined offer cannot be accepted afterwards
        callbacks.accept_handover(desk.service2, handover)
    assert ServiceReceipt.get_by_id(receipt.id).owner_id == desk.service.id
    # the owner may offer it again, to someone else
    again = callbacks.offer_handover(desk.service, receipt, desk.manager, "请客服管理处理")
    assert again.state == HandoverState.PENDING


def test_C11_a_request_with_a_pending_handover_is_not_closed_until_it_is_withdrawn(desk):
    receipt = _call(desk)
    handover = callbacks.offer_handover(desk.service, receipt, desk.service2, "请协助")
    with pytest.raises(RuleViolation) as err:
        callbacks.close_receipt(desk.service, receipt, "已答复")
    assert err.value.rule == "C11" and desk.service2.name in str(err.value)
    assert ServiceReceipt.get_by_id(receipt.id).is_open
    callbacks.withdraw_handover(desk.service, handover)
    callbacks.close_receipt(desk.service, receipt, "已答复")
    assert not ServiceReceipt.get_by_id(receipt.id).is_open


def test_C11_one_pending_handover_at_a_time_and_only_by_the_owner(desk):
    receipt = _call(desk)
    with pytest.raises(RuleViolation) as err:
        callbacks.offer_handover(desk.service2, receipt, desk.manager, "代为移交")
    assert err.value.rule == "C11"
    with pytest.raises(RuleViolation) as err:
        callbacks.offer_handover(desk.service, receipt, desk.service, "自己")
    assert err.value.rule == "C11"
    with pytest.raises(RuleViolation) as err:  # 办事员 receives no requests
        callbacks.offer_handover(desk.service, receipt, desk.office.clerk, "请办公室处理")
    assert err.value.rule == "C11"
    first = callbacks.offer_handover(desk.service, receipt, desk.manager, "请客服管理处理")
    with pytest.raises(RuleViolation) as err:
        callbacks.offer_handover(desk.service, receipt, desk.sales, "请销售处理")
    assert err.value.rule == "C11"
    callbacks.withdraw_handover(desk.service, first)
    callbacks.offer_handover(desk.service, receipt, desk.sales, "请销售处理")


def test_C11_only_the_owner_moves_a_complaint(desk):
    c = complaint(desk)
    with pytest.raises(RuleViolation) as err:
        callbacks.accept_complaint(desk.service2, c, datetime(2026, 9, 29, 9))
    assert err.value.rule == "C11" and "负责人" in err.value.zh
    handover = callbacks.offer_handover(desk.service, c.receipt, desk.service2, "轮岗交接")
    with pytest.raises(RuleViolation):  # offered is not accepted
        callbacks.accept_complaint(desk.service2, c, datetime(2026, 9, 29, 9))
    callbacks.accept_handover(desk.service2, handover)
    accepted = callbacks.accept_complaint(
        desk.service2, Complaint.get_by_id(c.id), datetime(2026, 9, 29, 9)
    )
    assert accepted.receipt.first_receiver_id == desk.service.id


def test_C11_the_first_receiver_never_changes_not_even_by_hand(desk):
    receipt = _call(desk)
    handover = callbacks.offer_handover(desk.service, receipt, desk.manager, "转客服管理")
    callbacks.accept_handover(desk.manager, handover)
    fresh = ServiceReceipt.get_by_id(receipt.id)
    assert fresh.first_receiver_id == desk.service.id
    with pytest.raises(peewee.DatabaseError), db.atomic():
        ServiceReceipt.update(first_receiver=desk.manager.id).where(
            ServiceReceipt.id == receipt.id
        ).execute()
    assert ServiceReceipt.get_by_id(receipt.id).first_receiver_id == desk.service.id
    # other columns still change (the owner, the version)
    ServiceReceipt.update(result="备注").where(ServiceReceipt.id == receipt.id).execute()
    assert ServiceReceipt.get_by_id(receipt.id).result == "备注"


def test_C11_accepting_while_the_owner_withdraws_one_wins_and_one_owner_remains(desk, database):
    outcomes: list[str] = []
    for _ in range(5):
        receipt = _call(desk)
        handover = callbacks.offer_handover(desk.service, receipt, desk.sales, "转销售岗")
        barrier = threading.Barrier(2)

        def press(action, barrier=barrier):
            try:
                barrier.wait(timeout=10)
                action()
                outcomes.append("won")
            except Conflict:
                outcomes.append("conflict")
            finally:
                database.close()

        threads = [
            threading.Thread(
                target=press, args=(lambda h=handover: callbacks.accept_handover(desk.sales, h),)
            ),
            threading.Thread(
                target=press,
                args=(lambda h=handover: callbacks.withdraw_handover(desk.service, h),),
            ),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        state = Handover.get_by_id(handover.id).state
        owner = ServiceReceipt.get_by_id(receipt.id).owner_id
        assert (state, owner) in (
            (HandoverState.ACCEPTED, desk.sales.id),
            (HandoverState.WITHDRAWN, desk.service.id),
        )
    assert (outcomes.count("won"), outcomes.count("conflict")) == (5, 5)


# The complaint and receipt use cases (an actor first), as tests/models/test_actors.py walks
# the other domains'.
USE_CASES = (
    callbacks.register_receipt,
    callbacks.close_receipt,
    callbacks.offer_handover,
    callbacks.accept_handover,
    callbacks.decline_handover,
    callbacks.withdraw_handover,
    callbacks.register_complaint,
    callbacks.notify_incomplete,
    callbacks.complete_materials,
    callbacks.accept_complaint,
    callbacks.refuse_complaint,
    callbacks.propose_decision,
    callbacks.close_complaint,
    callbacks.desk_feedback,
    callbacks.desk_resolve,
    callbacks.merge_complaint,
)


def _dummies(fn, actor):
    params = list(inspect.signature(fn).parameters.values())[1:]
    args = [None for p in params if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD]
    kwargs = {p.name: None for p in params if p.default is p.empty and p.kind is p.KEYWORD_ONLY}
    return fn(actor, *args, **kwargs)


def test_X1_every_complaint_and_receipt_use_case_refuses_a_voided_locked_or_roleless_actor(
    desk,
):
    admin = desk.office.admin

    def service(username: str, name: str) -> User:
        return people.add_user(admin, username, name, PASSWORD, desk.office.office, [Role.SERVICE])

    voided, locked, stripped = (
        service("gone", "已调离"),
        service("shut", "已锁定"),
        service("bare", "无角色"),
    )
    people.void_user(admin, User.get_by_id(voided.id), "已调离")
    people.lock_user(admin, User.get_by_id(locked.id))
    people.set_roles(admin, User.get_by_id(stripped.id), [])
    before = AuditLog.select().count()
    for fn in USE_CASES:
        for actor in (voided, locked, stripped):
            with pytest.raises(RuleViolation) as err:
                _dummies(fn, actor)
            assert err.value.rule == "X1", (fn.__name__, actor.name, err.value)
    assert AuditLog.select().count() == before
