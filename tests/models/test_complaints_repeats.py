"""C10 repeat complaints (seed 001 第十五条): the same complaint again without new facts is
refused and recorded; with new facts it is merged and the earlier one's processing deadline
restarts from the new submission; a restart never hides a breach."""

from __future__ import annotations

from datetime import date, datetime

import peewee
import pytest

from models import calendar, callbacks, documents
from models.callbacks import Complaint, ComplaintState, ComplaintSubmission, ServiceReceipt
from models.callbacks.complaints import Clocks
from models.clocks import Clock
from models.db import db
from models.errors import RuleViolation
from tests.models.service_desk import complaint, make_desk


@pytest.fixture
def desk(database):
    return make_desk()


def end_of(day: date) -> datetime:
    return datetime.combine(day, calendar.END_OF_DAY)


def _accepted(desk) -> Complaint:
    return callbacks.accept_complaint(desk.service, complaint(desk), datetime(2026, 9, 29, 9))


def test_C10_the_same_complaint_without_new_facts_is_refused_and_recorded(desk):
    earlier = _accepted(desk)
    decision_due = earlier.clock(Clocks.DECISION).due_at
    repeat = complaint(desk, by=desk.service2, received_at=datetime(2026, 10, 9, 10))
    assert callbacks.possible_repeats(repeat) == [earlier]

    submission = callbacks.merge_complaint(
        desk.service2, repeat, earlier, new_facts=False, at=datetime(2026, 10, 9, 11)
    )
    assert (submission.outcome, submission.new_facts) == ("refused", False)
    repeat = Complaint.get_by_id(repeat.id)
    assert repeat.state == ComplaintState.REFUSED and repeat.repeat_of_id == earlier.id
    assert earlier.number in repeat.refuse_reason and "无新的事实" in repeat.refuse_reason
    assert repeat.clock(Clocks.ACCEPTANCE).outcome == "met"  # answered within its 10 days
    # the earlier complaint goes on as it was, its deadline untouched; the repeat is on file
    earlier = Complaint.get_by_id(earlier.id)
    assert earlier.state == ComplaintState.ACCEPTED
    assert earlier.clock(Clocks.DECISION).due_at == decision_due
    assert callbacks.repeats_of(earlier) == [submission]
    with pytest.raises(peewee.DatabaseError), db.atomic():  # what was recorded stays
        ComplaintSubmission.update(new_facts=True).execute()


def test_C10_with_new_facts_it_is_merged_and_the_decision_clock_restarts(desk):
    earlier = _accepted(desk)
    old = earlier.clock(Clocks.DECISION)
    assert old.due_at == end_of(date(2026, 10, 29))
    repeat = complaint(
        desk, content="补充：已提供银行流水证明未到账", received_at=datetime(2026, 10, 9, 10)
    )
    submission = callbacks.merge_complaint(
        desk.service,
        repeat,
        earlier,
        new_facts=True,
        note="补充银行流水",
        at=datetime(2026, 10, 9, 11),
    )
    assert (submission.outcome, submission.content) == ("merged", "补充：已提供银行流水证明未到账")
    repeat = Complaint.get_by_id(repeat.id)
    assert repeat.state == ComplaintState.MERGED and repeat.merged_into_id == earlier.id
    assert repeat.clock(Clocks.ACCEPTANCE).outcome == "cancelled"  # never shows as overdue
    # the old deadline is kept, marked restarted; the new one runs from the new submission
    assert Clock.get_by_id(old.id).outcome == "restarted"
    new = Complaint.get_by_id(earlier.id).clock(Clocks.DECISION)
    assert new.started_at == datetime(2026, 10, 9, 10) and new.stopped_at is None
    assert new.due_at == end_of(
        date(2026, 11, 9)
    )  # 30 days from 10-09 is Sunday 11-08: rolled to Monday
    # a merged repeat is not a candidate any more, and counts once (C12)
    third = complaint(desk, received_at=datetime(2026, 10, 10, 9))
    assert callbacks.possible_repeats(third) == [Complaint.get_by_id(earlier.id)]


def test_C10_a_restart_never_hides_a_breach(desk):
    earlier = complaint(desk)  # acceptance due 10-16, not answered in time
    repeat = complaint(desk, content="再次反映", received_at=datetime(2026, 10, 12, 9))
    callbacks.merge_complaint(
        desk.service, repeat, earlier, new_facts=True, at=datetime(2026, 10, 19, 9)
    )
    clocks = Complaint.get_by_id(earlier.id).clocks()
    assert [(c.key, c.outcome) for c in clocks] == [
        (Clocks.ACCEPTANCE, "breached"),
        (Clocks.ACCEPTANCE, None),
    ]
    assert clocks[1].started_at == datetime(2026, 10, 12, 9)
    # the repeat's own clock had not run out: cancelled, not breached
    assert Complaint.get_by_id(repeat.id).clock(Clocks.ACCEPTANCE).outcome == "cancelled"


def test_C10_after_a_decision_a_repeat_with_new_facts_is_a_new_complaint(desk):
    earlier = callbacks.propose_decision(
        desk.service, _accepted(desk), "致歉", 0, datetime(2026, 10, 9, 9)
    )
    documents.approve(desk.office.head, earlier, "approve", "同意", at=datetime(2026, 10, 9, 10))
    repeat = complaint(desk, received_at=datetime(2026, 10, 12, 9))
    with pytest.raises(RuleViolation) as err:
        callbacks.merge_complaint(
            desk.service, repeat, Complaint.get_by_id(earlier.id), new_facts=True
        )
    assert err.value.rule == "C10" and "新的投诉" in err.value.zh
    assert Complaint.get_by_id(repeat.id).state == ComplaintState.REVIEWING
    # without new facts it is still refused (第十五条(三))
    callbacks.merge_complaint(
        desk.service, repeat, Complaint.get_by_id(earlier.id), new_facts=False
    )
    assert Complaint.get_by_id(repeat.id).state == ComplaintState.REFUSED


def test_C10_only_a_repeat_of_the_same_complainant_and_earlier(desk):
    earlier = complaint(desk)
    other = complaint(desk, complainant="赵先生", phone="13900001111")
    with pytest.raises(RuleViolation) as err:
        callbacks.merge_complaint(desk.service, other, earlier, new_facts=False)
    assert err.value.rule == "C10" and "同一投诉人" in err.value.zh
    later = complaint(desk, received_at=datetime(2026, 10, 9, 9))
    with pytest.raises(RuleViolation):
        callbacks.merge_complaint(desk.service, earlier, later, new_facts=True)
    assert ComplaintSubmission.select().count() == 0


def test_C10_a_complaint_links_to_its_customer_and_repeats_are_found_by_customer(desk):
    customer = callbacks.add_customer(desk.service, name="刘女士", phone="13812345678")
    earlier = complaint(desk, customer=customer)
    assert earlier.customer == customer and list(customer.complaints) == [earlier]
    # the same customer from another number is still the same complainant
    repeat = complaint(
        desk, phone="0571-8888666", customer=customer, received_at=datetime(2026, 10, 9, 9)
    )
    assert callbacks.possible_repeats(repeat) == [earlier]
    callbacks.merge_complaint(desk.service, repeat, earlier, new_facts=False)
    assert Complaint.get_by_id(repeat.id).state == ComplaintState.REFUSED
    # both are in the customer's archive (C1)
    shown = [line for line in callbacks.customer_archive(customer) if line.table == "complaint"]
    assert [line.record_id for line in shown] == [repeat.id, earlier.id]
    assert shown[0].what == "投诉" and "不予受理" in shown[0].detail


def test_C10_C11_the_demo_complaints_cross_national_day_merge_and_hand_over(desk):
    from models.callbacks import complaints_demo

    customers = [
        callbacks.add_customer(desk.service, name="孙丽", phone="13812340001"),
        callbacks.add_customer(desk.service, name="周建国", phone="13912340002"),
    ]
    counts = complaints_demo.load(
        [desk.service, desk.service2], desk.manager, desk.sales, customers
    )
    assert counts == {"complaints": 9, "service desk complaints": 3, "receipts": 4}
    waiting = [h.receipt.kind for h in callbacks.pending_handovers(desk.service)]
    assert waiting == [callbacks.RequestKind.OTHER]  # a request's handover, not a complaint's
    repair = ServiceReceipt.get(ServiceReceipt.kind == callbacks.RequestKind.REPAIR)
    assert (repair.first_receiver_id, repair.owner_id) == (desk.service2.id, desk.manager.id)
    first = Complaint.get(Complaint.customer == customers[0].id, Complaint.repeat_of.is_null())
    assert first.clock(Clocks.NOTICE).due_at == end_of(date(2026, 10, 10))
    assert first.clock(Clocks.NOTICE).outcome == "met"
    assert Complaint.select().where(Complaint.state == ComplaintState.MERGED).count() == 1
    assert Complaint.select().where(Complaint.repeat_of.is_null(False)).count() == 1
    q4 = callbacks.quarterly_evaluation("2026Q4")
    assert q4.received == 7 and q4.clocks_breached == 1  # 09-28 is Q3; the merged counts once
