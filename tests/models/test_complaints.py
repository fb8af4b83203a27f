"""C10 complaints: registered with name, phone and content; their clocks stored when they start
(5 working days to tell what is missing, 10 to accept or refuse, 30 days to decide; 48/72
hours at the 服务台) across 国庆 2026 and its 调休 Saturday; a breach stays a breach; the
person complained about never decides; a large compensation needs the main leader.

国庆 2026: Oct 1–7 off; Sun 09-20 and Sat 10-10 are 调休 working days (tests/models/test_clocks.py).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from models import calendar, callbacks, documents, settings, workflow
from models.callbacks import Complaint, ComplaintState, Variant
from models.callbacks.complaints import Clocks
from models.clocks import Clock
from models.errors import RuleViolation
from models.workflow import State
from tests.models.service_desk import MON_0928, WED_0930_1600, complaint, make_desk


@pytest.fixture
def desk(database):
    return make_desk()


def end_of(day: date) -> datetime:
    return datetime.combine(day, calendar.END_OF_DAY)


def test_C10_name_phone_and_content_required_and_the_phone_checked(desk):
    for missing, field in (("complainant", "caller_name"), ("phone", "phone"), ("content",) * 2):
        with pytest.raises(RuleViolation) as err:
            complaint(desk, **{missing: "  "})
        assert err.value.rule == "C10" and err.value.field == field
    with pytest.raises(RuleViolation) as err:
        complaint(desk, phone="12345")
    assert err.value.rule == "C10" and "区号" in err.value.zh
    landline = complaint(desk, phone="0571-8888666转801")
    assert landline.phone == "0571-8888666-801"
    mobile = complaint(desk)
    assert mobile.phone == "13812345678" and mobile.complainant == "刘女士"
    assert mobile.number.startswith("TS2026-") and mobile.state == ComplaintState.REVIEWING
    # 首问负责制: who registered it receives it and owns it (C11)
    assert mobile.receipt.first_receiver_id == mobile.receipt.owner_id == desk.service.id


def test_C10_incomplete_materials_told_within_5_working_days_due_on_the_make_up_saturday(desk):
    late = complaint(desk, materials_complete=False, missing="保单复印件")
    on_time = complaint(desk, materials_complete=False, missing="身份证复印件")
    assert late.state == ComplaintState.INCOMPLETE
    notice = late.clock(Clocks.NOTICE)
    # 5 working days after Mon 09-28 across 国庆: the 调休 Saturday 10-10
    assert notice.due_at == end_of(date(2026, 10, 10))
    assert calendar.describe(notice.due_at.date()) == "2026-10-10（周六，调休上班）"
    assert notice.started_at == MON_0928  # stored when it started

    callbacks.notify_incomplete(desk.service, on_time, "身份证复印件", datetime(2026, 10, 10, 9))
    callbacks.notify_incomplete(desk.service, late, "保单复印件", datetime(2026, 10, 12, 9))
    assert on_time.clock(Clocks.NOTICE).outcome == "met"
    assert late.clock(Clocks.NOTICE).outcome == "breached"
    assert Complaint.get_by_id(late.id).first_feedback_at == datetime(2026, 10, 12, 9)

    # the materials arrive: the 10-working-day acceptance clock starts then
    callbacks.complete_materials(desk.service, Complaint.get_by_id(on_time.id), MON_0928)
    fresh = Complaint.get_by_id(on_time.id)
    assert fresh.state == ComplaintState.REVIEWING
    assert fresh.clock(Clocks.ACCEPTANCE).due_at == end_of(date(2026, 10, 16))


def test_C10_accept_within_10_working_days_then_decide_within_30_days_rolled(desk):
    c = complaint(desk)
    assert c.clock(Clocks.ACCEPTANCE).due_at == end_of(date(2026, 10, 16))
    c = callbacks.accept_complaint(desk.service, c, datetime(2026, 10, 16, 10, 0))
    assert c.state == ComplaintState.ACCEPTED and c.clock(Clocks.ACCEPTANCE).outcome == "met"
    decision = c.clock(Clocks.DECISION)
    # 30 days after 10-16 is Sunday 11-15: the last day rolls to Monday (民法典 第二百零三条)
    assert decision.due_at == end_of(date(2026, 11, 16)) and decision.stopped_at is None
    assert c.first_feedback_at == datetime(2026, 10, 16, 10, 0)


def test_C10_refusal_states_its_reasons(desk):
    c = complaint(desk)
    with pytest.raises(RuleViolation) as err:
        callbacks.refuse_complaint(desk.service, c, " ", datetime(2026, 10, 9, 9))
    assert err.value.rule == "C10" and err.value.field == "reason"
    c = callbacks.refuse_complaint(
        desk.service, c, "非投诉人本人或其受托人提出", datetime(2026, 10, 9, 9)
    )
    assert c.state == ComplaintState.REFUSED and c.refuse_reason == "非投诉人本人或其受托人提出"
    assert c.clock(Clocks.ACCEPTANCE).outcome == "met"
    assert c.receipt.__class__.get_by_id(c.receipt_id).closed_at == datetime(2026, 10, 9, 9)
    with pytest.raises(RuleViolation) as err:
        callbacks.accept_complaint(desk.service, c, datetime(2026, 10, 9, 10))
    assert err.value.rule == "C10"


def test_C10_service_desk_first_feedback_in_48_and_done_in_72_natural_hours(desk):
    c = complaint(desk, variant=Variant.DESK, received_at=WED_0930_1600)
    assert c.state == ComplaintState.DESK_OPEN
    assert c.clock(Clocks.DESK_FEEDBACK).due_at == datetime(2026, 10, 2, 16, 0)
    assert c.clock(Clocks.DESK_RESOLVE).due_at == datetime(2026, 10, 3, 16, 0)
    c = callbacks.desk_feedback(desk.service, c, "已联系维修班组", datetime(2026, 10, 1, 9))
    c = callbacks.desk_resolve(desk.service, c, "已修复", 4, datetime(2026, 10, 4, 9))
    assert c.clock(Clocks.DESK_FEEDBACK).outcome == "met"
    assert c.clock(Clocks.DESK_RESOLVE).outcome == "breached"
    assert (c.state, c.satisfaction) == (ComplaintState.CLOSED, 4)

    # an office closed on holidays rolls a due time on a rest day to close of business
    settings.put(desk.office.admin, "complaint.desk_roll", 1)
    rolled = complaint(desk, variant="desk", received_at=WED_0930_1600)
    assert rolled.clock(Clocks.DESK_FEEDBACK).due_at == datetime(2026, 10, 8, 17, 30)
    assert rolled.clock(Clocks.DESK_RESOLVE).due_at == datetime(2026, 10, 8, 17, 30)


def test_C10_a_breach_stays_a_breach_whatever_is_edited_later(desk):
    c = complaint(desk)
    c = callbacks.accept_complaint(desk.service, c, datetime(2026, 10, 19, 9, 0))
    acceptance = c.clock(Clocks.ACCEPTANCE)
    assert acceptance.outcome == "breached" and acceptance.due_at == end_of(date(2026, 10, 16))
    # a holiday declared afterwards would have given more time: the stopped clock keeps its
    # deadline and its breach; the running decision clock moves
    decision_due = c.clock(Clocks.DECISION).due_at
    waiting = complaint(desk)  # its acceptance clock still runs
    calendar.set_day(desk.office.admin, date(2026, 10, 12), False, "", "局通知10月12日放假")
    assert waiting.clock(Clocks.ACCEPTANCE).due_at == end_of(date(2026, 10, 19))
    again = Clock.get_by_id(acceptance.id)
    assert (again.outcome, again.due_at) == ("breached", end_of(date(2026, 10, 16)))
    assert c.clock(Clocks.DECISION).due_at == decision_due  # 30 days from 10-19: not a rest day


def _decide(desk, compensation: str):
    c = callbacks.accept_complaint(desk.service, complaint(desk), datetime(2026, 10, 9, 9))
    return callbacks.propose_decision(
        desk.service, c, "赔偿误工损失", Decimal(compensation), datetime(2026, 10, 20, 9)
    )


def test_C10_a_compensation_above_the_threshold_adds_the_main_leader(desk):
    head, leader = desk.office.head, desk.office.leader
    small = _decide(desk, "5000")
    assert small.state == ComplaintState.DECIDING
    small = documents.approve(head, small, "approve", "同意", at=datetime(2026, 10, 21, 9))
    assert small.state == ComplaintState.DECIDED  # the head alone: ¥5,000 is not above
    assert small.decided_at == datetime(2026, 10, 21, 9)
    assert small.clock(Clocks.DECISION).outcome == "met"

    large = _decide(desk, "6000.50")
    large = documents.approve(head, large, "approve", "同意", at=datetime(2026, 10, 21, 9))
    assert large.state == ComplaintState.DECIDING and large.node_key() == "leader"
    assert large.clock(Clocks.DECISION).stopped_at is None
    large = documents.approve(leader, large, "approve", "同意", at=datetime(2026, 10, 22, 9))
    assert large.state == ComplaintState.DECIDED
    trail = workflow.trail(large.instance().id)
    assert [s.actor_id for s in trail if s.action == "approve"] == [head.id, leader.id]

    settings.put(desk.office.admin, "complaint.leader_compensation_threshold", "8000")
    raised = _decide(desk, "6000.50")
    raised = documents.approve(head, raised, "approve", "同意", at=datetime(2026, 10, 21, 9))
    assert raised.state == ComplaintState.DECIDED

    closed = callbacks.close_complaint(
        desk.service, raised, "已电话告知并赔付", 5, datetime(2026, 10, 23, 9)
    )
    assert (closed.state, closed.satisfaction) == (ComplaintState.CLOSED, 5)


def test_C10_a_rejected_decision_goes_back_and_the_clock_keeps_running(desk):
    c = _decide(desk, "100")
    c = documents.reject(desk.office.head, c, "赔偿依据不足", at=datetime(2026, 10, 21, 9))
    assert c.state == ComplaintState.ACCEPTED and c.instance().state == State.REJECTED
    assert c.clock(Clocks.DECISION).stopped_at is None


def test_C10_the_person_complained_about_never_decides_the_complaint(desk):
    head = desk.office.head  # 李四, the head who would decide, is the one complained about
    c = complaint(desk, respondent=head)
    assert c.respondent_name == "李四"
    c = callbacks.accept_complaint(desk.service, c, datetime(2026, 10, 9, 9))
    c = callbacks.propose_decision(desk.service, c, "道歉", 0, datetime(2026, 10, 20, 9))
    with pytest.raises(RuleViolation) as err:
        documents.approve(head, c, "approve", "同意", at=datetime(2026, 10, 21, 9))
    assert err.value.rule == "C10" and "X1" in err.value.zh
    assert Complaint.get_by_id(c.id).state == ComplaintState.DECIDING

    # nor handles it: he is never handed it, and as its first receiver he may only hand it on
    own = complaint(desk, by=desk.service2, respondent=desk.service2)
    with pytest.raises(RuleViolation) as err:
        callbacks.accept_complaint(desk.service2, own, datetime(2026, 10, 9, 9))
    assert err.value.rule == "C10"
    with pytest.raises(RuleViolation) as err:
        callbacks.offer_handover(desk.service, c.receipt, desk.office.head, "请李四处理")
    assert err.value.rule == "C10"
    handover = callbacks.offer_handover(desk.service2, own.receipt, desk.manager, "本人回避")
    callbacks.accept_handover(desk.manager, handover)
    accepted = callbacks.accept_complaint(
        desk.manager, Complaint.get_by_id(own.id), datetime(2026, 10, 9, 9)
    )
    assert accepted.state == ComplaintState.ACCEPTED


def test_C10_deadlines_are_settings(desk):
    settings.put(desk.office.admin, "complaint.acceptance_days", 7)
    c = complaint(desk)
    assert c.clock(Clocks.ACCEPTANCE).due_at == end_of(date(2026, 10, 13))
    assert c.clock(Clocks.ACCEPTANCE).amount == 7


def test_C10_C11_the_offered_actions_follow_the_state_and_the_owner(desk):
    c = complaint(desk, materials_complete=False, missing="保单复印件")
    assert documents.available_actions(desk.service, c).actions == {
        "notify_incomplete",
        "complete_materials",
        "refuse",
        "merge",
        "handover",
    }
    assert documents.available_actions(desk.service2, c).actions == frozenset()
    c = callbacks.complete_materials(desk.service, c, datetime(2026, 9, 29, 9))
    c = callbacks.accept_complaint(desk.service, c, datetime(2026, 9, 30, 9))
    assert documents.available_actions(desk.service, c).actions == {"propose_decision", "handover"}
    c = callbacks.propose_decision(desk.service, c, "致歉", 0, datetime(2026, 10, 9, 9))
    assert "approve" in documents.available_actions(desk.office.head, c)
    assert "withdraw" in documents.available_actions(desk.service, c)
    c = documents.withdraw(desk.service, c, at=datetime(2026, 10, 9, 10))
    assert c.state == ComplaintState.ACCEPTED
