"""C3–C6: callbacks are made by the post of their method, every attempt is kept, a method that
cannot reach moves the callback to the next of its chain, "unreachable" needs every method
tried and a second person; the written record carries the content type, the answers and the
satisfaction, and is amended, never edited. On SQLite and MariaDB."""

from __future__ import annotations

from datetime import date, datetime

import peewee
import pytest

from models import attachments, audit, callbacks
from models.callbacks import (
    Callback,
    CallbackAttempt,
    CallbackRecord,
    CallbackState,
    ContentType,
    Method,
    Outcome,
    ProblemInput,
)
from models.db import db
from models.errors import RuleViolation
from tests.models.callbacks_office import Service, build_service, customer, plan, with_project

SCAN = ("回访记录签字.pdf", b"%PDF-1.4 signed by the customer")
ANSWERS = {1: "满意", 2: "无"}
AT = datetime(2026, 1, 12, 10, 0)


@pytest.fixture
def s(office) -> Service:
    return build_service(office)


def one_callback(s: Service, **plan_options) -> Callback:
    """The January callback of a customer delivered in December 2025, assigned to 林晓雨."""
    c = customer(s, "张三", "13812345678")
    with_project(s, c, date(2025, 12, 10))
    p = plan(s, schedule=plan_options.pop("schedule", None) or default_schedule(s), **plan_options)
    callbacks.generate_callbacks(s.manager, p, through=date(2026, 1, 31))
    return Callback.get(Callback.customer == c.id)


def default_schedule(s: Service):
    from models.callbacks import ScheduleInput

    return [
        ScheduleInput(s.caller, Method.PHONE),
        ScheduleInput(s.seller, Method.ONSITE),
        ScheduleInput(s.head, Method.ONLINE),
    ]


def fail(s: Service, cb: Callback, who, outcome: Outcome, times: int = 1) -> Callback:
    for _ in range(times):
        cb = callbacks.log_attempt(who, cb, outcome, at=AT)
    return cb


def test_C3_a_phone_callback_is_made_by_the_service_post_it_is_assigned_to(s):
    cb = one_callback(s)
    assert (cb.method, cb.assignee_id) == (Method.PHONE, s.caller.id)
    with pytest.raises(RuleViolation) as err:
        callbacks.log_attempt(s.seller, cb, Outcome.NO_ANSWER, at=AT)
    assert err.value.rule == "X1"  # 销售 does not phone
    with pytest.raises(RuleViolation) as err:
        callbacks.log_attempt(s.caller2, cb, Outcome.NO_ANSWER, at=AT)
    assert err.value.rule == "C3" and "已分派给 林晓雨" in err.value.zh
    cb = callbacks.log_attempt(s.caller, cb, Outcome.NO_ANSWER, phone_dialled="13812345678", at=AT)
    assert cb.state == CallbackState.IN_PROGRESS
    attempt = CallbackAttempt.get(CallbackAttempt.callback == cb.id)
    assert (attempt.outcome, attempt.actor_id, attempt.method) == (
        "no_answer",
        s.caller.id,
        "phone",
    )


def test_C4_a_full_fallback_chain_then_unreachable_confirmed_by_another(s):
    cb = one_callback(s)
    cb = fail(s, cb, s.caller, Outcome.NO_ANSWER, 2)
    assert cb.method == Method.PHONE  # two of three tries
    cb = fail(s, cb, s.caller, Outcome.POWERED_OFF)
    assert (cb.method, cb.assignee_id, cb.state) == (Method.ONSITE, s.seller.id, "pending")
    with pytest.raises(RuleViolation, match="尚未用尽"):
        callbacks.close_unreachable(s.manager, cb, "联系不上")
    cb = fail(s, cb, s.seller, Outcome.REFUSED)  # a refusal ends the method at once
    assert (cb.method, cb.assignee_id) == (Method.ONLINE, s.head.id)
    cb = fail(s, cb, s.head, Outcome.NO_ANSWER, 3)
    assert cb.state == CallbackState.EXHAUSTED
    with pytest.raises(RuleViolation) as err:  # 许倩 held and tried it
        callbacks.close_unreachable(s.head, cb, "三种方式均联系不上")
    assert err.value.rule == "C4" and "另一人确认" in err.value.zh
    with pytest.raises(RuleViolation, match="写明无法回访的情况"):
        callbacks.close_unreachable(s.manager, cb, " ")
    cb = callbacks.close_unreachable(s.manager, cb, "三种方式均联系不上")
    assert cb.state == CallbackState.UNREACHABLE and cb.closed_by_id == s.manager.id
    outcomes = [
        (a.method, a.outcome)
        for a in CallbackAttempt.select().where(CallbackAttempt.callback == cb.id)
    ]
    assert outcomes == [
        ("phone", "no_answer"),
        ("phone", "no_answer"),
        ("phone", "powered_off"),
        ("onsite", "refused"),
        ("online", "no_answer"),
        ("online", "no_answer"),
        ("online", "no_answer"),
    ]
    actions = [r.action for r in audit.history("callback", cb.id)]
    assert actions == ["fallback", "fallback", "exhausted", "unreachable"]
    with pytest.raises(RuleViolation):
        callbacks.log_attempt(s.caller, cb, Outcome.NO_ANSWER, at=AT)


def test_C4_a_vacant_number_moves_to_the_next_method_at_once(s):
    cb = fail(s, one_callback(s), s.caller, Outcome.VACANT)
    assert cb.method == Method.ONSITE


def test_C4_an_agreed_new_day_moves_the_dates_and_keeps_the_method_and_key(s):
    cb = one_callback(s)
    with pytest.raises(RuleViolation, match="约定的日期"):
        callbacks.log_attempt(s.caller, cb, Outcome.RESCHEDULED, at=AT)
    moved = callbacks.log_attempt(
        s.caller, cb, Outcome.RESCHEDULED, next_try_on=date(2026, 2, 3), at=AT
    )
    assert (moved.scheduled_on, moved.due_on) == (date(2026, 2, 3), date(2026, 2, 3))
    assert (moved.method, moved.period_key) == (Method.PHONE, cb.period_key)


def test_C4_an_unreachable_customer_is_no_reason_to_cancel(s):
    cb = one_callback(s)
    with pytest.raises(RuleViolation) as err:
        callbacks.cancel_callback(s.manager, cb, "客户无法联系")
    assert err.value.rule == "C4"
    cb = callbacks.cancel_callback(s.manager, cb, "客户已终止合同")
    assert cb.state == CallbackState.CANCELLED


def test_C6_a_reached_callback_leaves_its_record_with_answers_and_satisfaction(s):
    cb = one_callback(s)
    with pytest.raises(RuleViolation, match="第 1 题"):
        callbacks.record_callback(
            s.caller, cb, reached_person="张三", answers={2: "无"}, satisfaction=5
        )
    for score in (0, 6, None):
        with pytest.raises(RuleViolation, match="1 至 5 分"):
            callbacks.record_callback(
                s.caller, cb, reached_person="张三", answers=ANSWERS, satisfaction=score
            )
    record = callbacks.record_callback(
        s.caller,
        cb,
        reached_person="张三",
        answers=ANSWERS,
        satisfaction=4,
        summary="对维修及时性满意",
        phone_dialled="13812345678",
        at=AT,
    )
    assert record.content_type == ContentType.SATISFACTION  # C5: the plan's content
    assert record.answer_map == {1: "满意", 2: "无"} and record.satisfaction == 4
    cb = Callback.get_by_id(cb.id)
    assert cb.state == CallbackState.DONE and cb.finished_at == AT
    assert [r.id for r in callbacks.records_of_customer(cb.customer_id)] == [record.id]
    with pytest.raises(RuleViolation, match="已回访"):
        callbacks.log_attempt(s.caller, cb, Outcome.NO_ANSWER, at=AT)


def test_C6_a_submitted_record_is_amended_with_a_reason_never_edited(s):
    cb = one_callback(s)
    record = callbacks.record_callback(
        s.caller, cb, reached_person="张三", answers=ANSWERS, satisfaction=2, at=AT
    )
    for statement in (
        lambda: CallbackRecord.update(satisfaction=5).execute(),
        lambda: CallbackRecord.delete().execute(),
        lambda: CallbackAttempt.delete().execute(),
    ):
        with pytest.raises(peewee.DatabaseError) as err, db.atomic():
            statement()
        assert "append-only" in str(err.value)
    with pytest.raises(RuleViolation, match="写明原因"):
        callbacks.amend_record(s.caller, record, " ", satisfaction=4)
    with pytest.raises(RuleViolation) as err:
        callbacks.amend_record(s.caller2, record, "录错", satisfaction=4)
    assert err.value.rule == "C6"
    new = callbacks.amend_record(s.caller, record, "满意度录错，客户说的是4分", satisfaction=4)
    assert (new.amends_id, new.satisfaction, new.answers) == (record.id, 4, record.answers)
    assert CallbackRecord.get_by_id(record.id).satisfaction == 2  # the original stays
    assert callbacks.current_record(cb).id == new.id
    with pytest.raises(RuleViolation, match="最新的一份"):
        callbacks.amend_record(s.manager, record, "再改", satisfaction=5)
    assert [r.action for r in audit.history("callback_record", new.id)] == ["amend"]


def test_C3_an_on_site_callback_needs_the_customers_signed_record(s):
    cb = fail(s, one_callback(s), s.caller, Outcome.VACANT)
    assert cb.method == Method.ONSITE
    with pytest.raises(RuleViolation) as err:
        callbacks.record_callback(
            s.seller, cb, reached_person="张三", answers=ANSWERS, satisfaction=5
        )
    assert err.value.rule == "C3" and "签字" in err.value.zh
    record = callbacks.record_callback(
        s.seller, cb, reached_person="张三", answers=ANSWERS, satisfaction=5, scan=SCAN
    )
    files = attachments.attachments_of(record)
    assert [f.file_name for f in files] == [SCAN[0]]
    assert attachments.read_bytes(files[0]) == SCAN[1]


def test_C3_online_answers_are_marked_valid_or_invalid_with_the_analysis(s):
    cb = one_callback(s, chain=(Method.ONLINE,))
    assert (cb.method, cb.assignee_id) == (Method.ONLINE, s.head.id)
    with pytest.raises(RuleViolation, match="是否有效"):
        callbacks.record_callback(
            s.head, cb, reached_person="张三", answers=ANSWERS, satisfaction=5, analysis="好"
        )
    with pytest.raises(RuleViolation, match="分析"):
        callbacks.record_callback(
            s.head, cb, reached_person="张三", answers=ANSWERS, satisfaction=5, valid=True
        )
    with pytest.raises(RuleViolation) as err:  # problems from invalid answers: not dropped
        callbacks.record_callback(
            s.head,
            cb,
            reached_person="张三",
            answers={1: "asdf"},
            satisfaction=None,
            valid=False,
            analysis="无效",
            problems=[ProblemInput("上门太慢", s.o.office)],
        )
    assert (err.value.rule, err.value.field) == ("C7", "problems")
    assert callbacks.records_of_customer(cb.customer_id) == []
    invalid = callbacks.record_callback(
        s.head,
        cb,
        reached_person="张三",
        answers={1: "asdf"},
        satisfaction=None,
        valid=False,
        analysis="答卷内容与题目无关，无效",
    )
    assert invalid.valid is False and callbacks.current_record(cb) is None
    cb = Callback.get_by_id(cb.id)
    assert cb.state == CallbackState.IN_PROGRESS  # one failed try of three
    record = callbacks.record_callback(
        s.head,
        cb,
        reached_person="张三",
        answers=ANSWERS,
        satisfaction=5,
        valid=True,
        analysis="客户总体满意",
    )
    assert callbacks.current_record(cb).id == record.id
    assert Callback.get_by_id(cb.id).state == CallbackState.DONE
    assert len(callbacks.records_of_customer(cb.customer_id)) == 2  # the invalid one is kept


def test_C5_the_content_type_of_the_plan_goes_with_each_callback(s):
    cb = one_callback(s, content_type=ContentType.MIS_SELLING, title="欺诈性销售回访")
    assert cb.content_type == ContentType.MIS_SELLING
    assert ContentType(cb.content_type).label == "欺诈性销售回访"


def test_C6_C1_the_archive_keeps_every_number_attempt_record_and_amendment(s):
    cb = one_callback(s)
    since = callbacks.current_contact(cb.customer_id).valid_from
    callbacks.change_contact(s.caller, cb.customer, phone="13900001111", valid_from=since)
    cb = fail(s, cb, s.caller, Outcome.VACANT)
    record = callbacks.record_callback(
        s.seller, cb, reached_person="张三", answers=ANSWERS, satisfaction=3, scan=SCAN, at=AT
    )
    callbacks.amend_record(s.seller, record, "客户补充意见", summary="希望上门时间提前通知")
    lines = callbacks.customer_archive(cb.customer_id)
    what = [line.what for line in lines]
    assert what.count("联系电话") == 2 and "项目/保单交付" in what and "回访任务" in what
    assert {"回访尝试", "回访记录", "回访记录更正", "档案变更"} <= set(what)
    tried = [line.detail for line in lines if line.what == "回访尝试"]
    assert any("电话回访 空号" in d for d in tried) and any("上门回访 接通" in d for d in tried)
    assert lines == sorted(lines, key=lambda x: (x.at, x.table, x.record_id), reverse=True)


def test_C3_my_callbacks_lists_what_is_due_to_me_until_it_is_made(s):
    cb = one_callback(s)
    assert [c.id for c in callbacks.my_callbacks(s.caller, date(2026, 1, 15))] == [cb.id]
    assert callbacks.my_callbacks(s.caller, date(2025, 12, 31)) == []  # not yet due
    assert callbacks.my_callbacks(s.seller, date(2026, 1, 15)) == []
    moved = fail(s, cb, s.caller, Outcome.VACANT)  # now 郭浩's, on-site
    assert [c.id for c in callbacks.my_callbacks(s.seller, date(2026, 3, 1))] == [moved.id]
    callbacks.record_callback(
        s.seller, moved, reached_person="张三", answers=ANSWERS, satisfaction=5, scan=SCAN
    )
    assert callbacks.my_callbacks(s.seller, date(2026, 3, 1)) == []


def test_C6_X1_a_record_takes_files_from_its_recorder_or_service_management(s):
    """The signed record's scan, or a recording: from whoever recorded the callback or 客服管理,
    as an amendment is; another caller is refused by the files panel's door too."""
    record = callbacks.record_callback(
        s.caller, one_callback(s), reached_person="张三", answers=ANSWERS, satisfaction=4, at=AT
    )
    attachments.attach(s.caller, record, "录音.mp3", b"ID3 call")
    attachments.attach(s.manager, record, "说明.txt", "客户补充意见".encode())
    assert not attachments.may_attach(s.caller2, record)
    with pytest.raises(RuleViolation) as err:
        attachments.attach(s.caller2, attachments.Owner.of(record), "x.mp3", b"x")
    assert err.value.rule == "C6" and "记录人或客服管理" in err.value.zh
    assert attachments.count_of(record) == 2


def test_C3_C4_an_open_callback_is_reassigned_within_its_methods_post_with_a_reason(s):
    cb = one_callback(s)
    with pytest.raises(RuleViolation) as err:
        callbacks.reassign_callback(s.caller, cb, s.caller2, "休假")
    assert err.value.rule == "X1"  # the management's step
    with pytest.raises(RuleViolation, match="不是客服岗") as err:
        callbacks.reassign_callback(s.manager, cb, s.seller, "休假")  # a phone callback
    assert err.value.rule == "C3"
    with pytest.raises(RuleViolation, match="原因") as err:
        callbacks.reassign_callback(s.manager, cb, s.caller2, " ")
    assert err.value.field == "reason"
    moved = callbacks.reassign_callback(s.manager, cb, s.caller2, "林晓雨休假")
    assert (moved.assignee_id, moved.method, moved.period_key) == (s.caller2.id, "phone", "2026-01")
    assert audit.AuditLog.select().where(audit.AuditLog.action == "reassign").count() == 1
    callbacks.cancel_callback(s.manager, moved, "客户已终止合同")
    with pytest.raises(RuleViolation) as err:
        callbacks.reassign_callback(s.manager, Callback.get_by_id(cb.id), s.caller, "回来了")
    assert err.value.rule == "C4"  # nothing more on a closed callback
