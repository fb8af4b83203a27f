"""C12 季度服务质量评价: per quarter, the response time (received → first feedback), the
resolution rate and the satisfaction, from the stored times, so a past quarter always reads
the same."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from models import callbacks, documents, periods
from models.callbacks import Complaint, ContentType
from tests.models.service_desk import complaint, make_desk


@pytest.fixture
def desk(database):
    return make_desk()


def _quarter(desk) -> None:
    """Q3 2026: A answered in 24 h and closed (satisfaction 4), its repeat merged; B at the
    服务台 answered in 12 h, resolved late (satisfaction 2); C not answered by 09-30; E
    refused after 25 h."""
    a = complaint(desk, received_at=datetime(2026, 7, 1, 9))
    a = callbacks.accept_complaint(desk.service, a, datetime(2026, 7, 2, 9))
    repeat = complaint(desk, content="补充材料", received_at=datetime(2026, 7, 5, 9))
    callbacks.merge_complaint(desk.service, repeat, a, new_facts=True, at=datetime(2026, 7, 5, 10))
    a = callbacks.propose_decision(desk.service, a, "致歉并补发", 0, datetime(2026, 7, 10, 9))
    a = documents.approve(desk.office.head, a, "approve", "同意", at=datetime(2026, 7, 11, 9))
    callbacks.close_complaint(desk.service, a, "已告知", 4, datetime(2026, 7, 20, 9))

    b = complaint(desk, variant="desk", phone="13900002222", received_at=datetime(2026, 8, 3, 9))
    b = callbacks.desk_feedback(desk.service, b, "已派员", datetime(2026, 8, 3, 21))
    callbacks.desk_resolve(desk.service, b, "已修复", 2, datetime(2026, 8, 7, 9))

    c = complaint(desk, phone="13900003333", received_at=datetime(2026, 9, 28, 9))
    callbacks.accept_complaint(desk.service, c, datetime(2026, 10, 9, 9))

    e = complaint(desk, phone="13900004444", received_at=datetime(2026, 9, 29, 9))
    callbacks.refuse_complaint(desk.service, e, "不属本单位受理范围", datetime(2026, 9, 30, 10))


def test_C12_quarterly_response_time_resolution_rate_and_satisfaction(desk):
    _quarter(desk)
    q3 = callbacks.quarterly_evaluation("2026年第三季度")
    assert q3.period.code == "2026Q3" and q3.complete
    assert (q3.received, q3.answered) == (4, 3)  # the merged repeat counts in A
    assert q3.response_hours_mean == Decimal("20.3")  # (24 + 12 + 25) / 3
    assert q3.response_hours_median == Decimal("24.0")
    assert (q3.resolved, q3.refused, q3.resolution_rate) == (3, 1, Decimal("75.0"))
    assert (q3.satisfaction, q3.satisfaction_count) == (Decimal("3.0"), 2)
    assert q3.satisfaction_source == "complaints"
    # met: A accepted, A decided, B's first feedback, E answered; breached: B's 72 hours
    assert (q3.clocks_met, q3.clocks_breached) == (4, 1)

    q4 = callbacks.quarterly_evaluation("2026Q4", at=datetime(2026, 12, 2, 9))
    assert not q4.complete and q4.received == 0
    assert q4.resolution_rate is None and q4.response_hours_mean is None
    assert q4.clocks_met == 1  # C's acceptance, answered in October
    series = callbacks.quarterly_series("2026Q4", 4)
    assert [e.period.code for e in series] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    assert series[2] == callbacks.quarterly_evaluation("2026Q3")


def test_C12_satisfaction_comes_from_the_callbacks_records_when_there_are_any(desk):
    _quarter(desk)
    # A's 投诉处理回访, made when it was closed (C5)
    cb = callbacks.Callback
    follow_up = (
        cb.select()
        .join(callbacks.Customer)
        .where((cb.source_type == "complaint") & (callbacks.Customer.name == "刘女士"))
        .get()
    )
    assert follow_up.content_type == ContentType.COMPLAINT
    assert follow_up.assignee_id == desk.service.id
    record = callbacks.record_callback(
        desk.service,
        follow_up,
        reached_person="刘女士",
        answers={},
        satisfaction=5,
        at=datetime(2026, 8, 10, 10),
    )
    q3 = callbacks.quarterly_evaluation("2026Q3")
    assert (q3.satisfaction, q3.satisfaction_count, q3.satisfaction_source) == (
        Decimal("5.0"),
        1,
        "callbacks",
    )
    # an amended record counts by its amendment
    callbacks.amend_record(desk.manager, record, "满意度记错", satisfaction=3)
    q3 = callbacks.quarterly_evaluation("2026Q3")
    assert (q3.satisfaction, q3.satisfaction_count) == (Decimal("3.0"), 1)


def test_C8_C11_complaint_clocks_count_for_whoever_owned_the_complaint_when_they_stopped(desk):
    c = complaint(desk)  # 陈一 receives it: the acceptance clock is his
    offered = callbacks.offer_handover(desk.service, c.receipt, desk.manager, "请客服管理处理")
    c = callbacks.accept_complaint(desk.service, c, datetime(2026, 9, 29, 9))  # still his
    callbacks.accept_handover(desk.manager, offered, datetime(2026, 9, 30, 9))
    c = callbacks.propose_decision(
        desk.manager, Complaint.get_by_id(c.id), "致歉", 0, datetime(2026, 11, 2, 9)
    )
    documents.approve(desk.office.head, c, "approve", "同意", at=datetime(2026, 11, 3, 9))
    late = complaint(desk, by=desk.service2, phone="13900005555")
    callbacks.refuse_complaint(desk.service2, late, "非本单位业务", datetime(2026, 10, 20, 9))
    q = callbacks.clocks_by_owner(periods.parse("2026"))
    assert q == [
        callbacks.OwnerClocks(desk.service.id, 1, 0),  # accepted on time, before the handover
        callbacks.OwnerClocks(desk.service2.id, 0, 1),  # refused after its 10 working days
        callbacks.OwnerClocks(desk.manager.id, 0, 1),  # decided after 30 days
    ]
