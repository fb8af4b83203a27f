"""C5 投诉处理回访: a complaint handled and closed is called back, once, by phone, to the
complainant as the archive knows him (linked, found by his phone, or entered then); a
refused complaint is not; re-asking makes nothing twice."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import callbacks, documents
from models.callbacks import Callback, ContentType, Customer, Method, Variant
from models.callbacks.follow_ups import SOURCE
from models.errors import RuleViolation
from tests.models.service_desk import WED_0930_1600, complaint, make_desk


@pytest.fixture
def desk(database):
    return make_desk()


def follow_ups(c) -> list[Callback]:
    return list(
        Callback.select().where((Callback.source_type == SOURCE) & (Callback.source_id == c.id))
    )


def decided(desk):
    c = callbacks.accept_complaint(desk.service, complaint(desk), datetime(2026, 10, 9, 9))
    c = callbacks.propose_decision(desk.service, c, "致歉并补办", 0, datetime(2026, 10, 12, 9))
    return documents.approve(desk.office.head, c, "approve", "同意", at=datetime(2026, 10, 13, 9))


def test_C5_a_closed_complaint_is_called_back_once_to_the_complainant(desk):
    c = decided(desk)
    assert follow_ups(c) == []  # not before it is closed
    closed = callbacks.close_complaint(desk.service, c, "已电话告知", 4, datetime(2026, 10, 14, 10))
    [cb] = follow_ups(closed)
    assert cb.content_type == ContentType.COMPLAINT  # 投诉处理回访
    assert (cb.method, cb.method_chain) == (Method.PHONE, "phone")
    assert cb.assignee_id == desk.service.id  # the owner holds the phone post (C3)
    assert (cb.scheduled_on, cb.due_on) == (date(2026, 10, 14), date(2026, 10, 21))
    # the complainant entered in the archive (C1) and the complaint linked to him
    customer = Customer.get_by_id(cb.customer_id)
    assert customer.name == "刘女士" and callbacks.current_contact(customer).phone == "13812345678"
    assert closed.customer_id == customer.id
    assert any(line.what == "投诉" for line in callbacks.customer_archive(customer))
    # asking again (the 客服管理, for a complaint closed earlier) makes nothing new
    again = callbacks.complaint_follow_up(desk.manager, closed)
    assert again.id == cb.id and len(follow_ups(closed)) == 1
    assert Customer.select().where(Customer.name == "刘女士").count() == 1


def test_C5_the_service_desk_follow_up_finds_the_customer_by_phone(desk):
    known = callbacks.add_customer(desk.service, name="刘女士", phone="13812345678")
    c = complaint(desk, variant=Variant.DESK, received_at=WED_0930_1600, by=desk.service2)
    c = callbacks.desk_resolve(desk.service2, c, "已修复", 5, datetime(2026, 10, 2, 9))
    [cb] = follow_ups(c)
    assert cb.customer_id == known.id and cb.assignee_id == desk.service2.id
    assert Customer.select().count() == 1


def test_C5_a_refused_complaint_is_not_followed_up_nor_an_open_one(desk):
    refused = callbacks.refuse_complaint(
        desk.service, complaint(desk), "不属于受理范围", datetime(2026, 9, 29, 9)
    )
    assert follow_ups(refused) == []
    for c in (refused, complaint(desk)):
        with pytest.raises(RuleViolation) as err:
            callbacks.complaint_follow_up(desk.manager, c)
        assert err.value.rule == "C5"
    with pytest.raises(RuleViolation) as err:
        callbacks.complaint_follow_up(desk.service, refused)  # 客服管理's, not 客服's
    assert err.value.rule == "X1"
