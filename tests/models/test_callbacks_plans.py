"""C2 and C9: a callback plan is complete and approved by the 客户服务部 head before any
callback is generated; the generator follows the cadence (monthly in the first year after
delivery, then quarterly; important customers on their own plan, never twice a period), is
idempotent, and two connections generating at once make no duplicates. SQLite and MariaDB."""

from __future__ import annotations

import itertools
import json
import threading
from datetime import date

import peewee
import pytest

from models import callbacks, documents, workflow
from models.audit import AuditLog
from models.callbacks import Cadence, Callback, Method, PlanState, ScheduleInput, Target
from models.db import db
from models.errors import Conflict, RuleViolation
from tests.models.callbacks_office import Service, build_service, customer, plan, with_project


@pytest.fixture
def s(office) -> Service:
    return build_service(office)


def keys(p: callbacks.CallbackPlan, c: callbacks.Customer) -> list[str]:
    return [
        cb.period_key
        for cb in Callback.select()
        .where((Callback.plan == p.id) & (Callback.customer == c.id))
        .order_by(Callback.period_start)
    ]


def test_C2_a_plan_states_window_content_focus_outline_and_schedule(s):
    base = {
        "title": "回访",
        "window_from": date(2026, 1, 1),
        "window_to": date(2026, 12, 31),
        "content_type": "satisfaction",
        "focus": "服务态度",
        "cadence": Cadence.AGE,
        "target": Target.ORDINARY,
        "method_chain": [Method.PHONE],
        "questions": ["满意吗？"],
        "schedule": [ScheduleInput(s.caller, Method.PHONE)],
    }
    bad = {
        "window_to": (date(2025, 12, 1), "结束不能早于开始"),
        "content_type": ("nothing", "回访内容"),
        "focus": (" ", "工作重点"),
        "questions": ([], "回访提纲"),
        "schedule": ([], "没有人负责电话回访"),
        "method_chain": ([], "回访方式的顺序"),
        "target": (Target.IMPORTANT, "重要客户按其自己的计划"),
    }
    for field, (value, words) in bad.items():
        with pytest.raises(RuleViolation, match=words):
            callbacks.create_plan(s.manager, **{**base, field: value})
    with pytest.raises(RuleViolation) as err:  # C3: a phone callback is a 客服's
        callbacks.create_plan(s.manager, **{**base, "schedule": [ScheduleInput(s.seller, "phone")]})
    assert err.value.rule == "C3"
    with pytest.raises(RuleViolation) as err:
        callbacks.create_plan(s.caller, **base)
    assert err.value.rule == "X1"
    p = callbacks.create_plan(s.manager, **base)
    assert p.state == PlanState.DRAFT and [q.text for q in p.questions] == ["满意吗？"]


def test_C2_the_service_head_approves_the_plan_before_callbacks_are_generated(s):
    c = customer(s, "张三", "13812345678")
    with_project(s, c, date(2025, 12, 10))
    p = plan(s, approve=False)
    with pytest.raises(RuleViolation) as err:
        callbacks.generate_callbacks(s.manager, p)
    assert err.value.rule == "C2" and "批准前不能生成" in err.value.zh
    p = callbacks.submit_plan(s.manager, p)
    task = workflow.inbox(s.head)
    assert [t.instance.doc_id for t in task] == [p.id]
    with pytest.raises(RuleViolation):  # 何敏 is no head; 李四 heads another department
        callbacks.approve_plan(s.o.head, p)
    with pytest.raises(RuleViolation) as err:
        callbacks.generate_callbacks(s.manager, p)
    assert err.value.rule == "C2"
    p = callbacks.approve_plan(s.head, p)
    assert p.state == PlanState.APPROVED and p.approved_at is not None
    assert callbacks.generate_callbacks(s.manager, p).created == 12
    assert Callback.select().count() == 12


def test_C2_the_head_cannot_approve_a_plan_she_made_herself(s):
    p = callbacks.create_plan(
        s.head,
        title="自拟",
        window_from=date(2026, 1, 1),
        window_to=date(2026, 3, 31),
        content_type="risk",
        focus="风险提示",
        cadence=Cadence.ONCE,
        target=Target.IMPORTANT,
        method_chain=[Method.PHONE],
        questions=["是否收到风险提示？"],
        schedule=[ScheduleInput(s.caller, Method.PHONE)],
    )
    with pytest.raises(RuleViolation) as err:  # she is the only head: nobody else to approve
        callbacks.submit_plan(s.head, p)
    assert err.value.rule == "X1" and "申请人不能审批自己" in err.value.zh
    assert callbacks.CallbackPlan.get_by_id(p.id).state == PlanState.DRAFT


def test_C9_cadence_at_11_and_13_months_monthly_then_quarterly(s):
    eleven = customer(s, "十一个月", "13800000011")
    thirteen = customer(s, "十三个月", "13800000013")
    with_project(s, eleven, date(2025, 2, 10))  # in January 2026: 11 months after delivery
    with_project(s, thirteen, date(2024, 12, 5))  # in January 2026: 13 months after delivery
    p = plan(s)
    callbacks.generate_callbacks(s.manager, p)
    # monthly up to the 12th month after delivery (2026-02), then the quarters after it
    assert keys(p, eleven) == ["2026-01", "2026-02", "2026Q2", "2026Q3", "2026Q4"]
    assert keys(p, thirteen) == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]


def test_C9_the_first_call_is_in_the_month_after_delivery(s):
    new = customer(s, "新客户", "13800000001")
    with_project(s, new, date(2026, 3, 31))
    p = plan(s)
    callbacks.generate_callbacks(s.manager, p, through=date(2026, 6, 30))
    assert keys(p, new) == ["2026-04", "2026-05", "2026-06"]
    cb = Callback.get((Callback.customer == new.id) & (Callback.period_key == "2026-04"))
    assert (cb.scheduled_on, cb.due_on) == (date(2026, 4, 1), date(2026, 4, 30))
    assert cb.method == Method.PHONE and cb.assignee_id in (s.caller.id, s.caller2.id)
    # generating further adds the later months and touches none of the first ones
    callbacks.generate_callbacks(s.manager, p)
    assert keys(p, new)[:3] == ["2026-04", "2026-05", "2026-06"] and len(keys(p, new)) == 9


def test_C9_important_customers_follow_their_own_plan_and_never_twice_a_period(s):
    vip = customer(s, "重要客户", "13800000099", important=True, important_reason="大客户")
    with_project(s, vip, date(2025, 6, 1))
    ordinary = plan(s)
    assert callbacks.generate_callbacks(s.manager, ordinary).created == 0  # not on it
    own = plan(s, cadence=Cadence.QUARTERLY, target=Target.IMPORTANT)
    assert callbacks.generate_callbacks(s.manager, own).created == 4
    # a second plan for important customers, monthly: the quarters are taken already
    again = plan(s, cadence=Cadence.MONTHLY, target=Target.IMPORTANT, title="重要客户月度回访")
    result = callbacks.generate_callbacks(s.manager, again)
    assert (result.created, result.important_skipped) == (0, 12)
    periods = [(cb.period_start, cb.period_end) for cb in Callback.select()]
    for i, (a0, a1) in enumerate(periods):
        for b0, b1 in periods[i + 1 :]:
            assert a1 < b0 or b1 < a0


def test_C9_a_re_run_creates_nothing_and_a_reschedule_keeps_the_key(s):
    for n in range(7):
        c = customer(s, f"客户{n}", f"1380000010{n}")
        with_project(s, c, date(2025, 9, 1 + n))
    p = plan(s)
    first = callbacks.generate_callbacks(s.manager, p, chunk=3)
    total = Callback.select().count()
    assert first.created == total > 0
    cb = Callback.select().order_by(Callback.id).first()
    callbacks.reschedule(s.manager, cb, date(2026, 2, 20), "客户出差")
    again = callbacks.generate_callbacks(s.manager, p, chunk=3)
    assert (again.created, again.existing) == (0, total)
    moved = Callback.get_by_id(cb.id)
    assert moved.scheduled_on == date(2026, 2, 20) and moved.period_key == cb.period_key
    assert Callback.select().count() == total


def test_C9_the_database_refuses_a_second_callback_with_the_same_key(s):
    c = customer(s, "张三", "13812345678")
    with_project(s, c, date(2025, 12, 1))
    p = plan(s)
    callbacks.generate_callbacks(s.manager, p, through=date(2026, 1, 31))
    row = Callback.get(Callback.customer == c.id)
    with pytest.raises(peewee.IntegrityError), db.atomic():
        Callback.create(
            **{
                k: getattr(row, k)
                for k in (
                    "plan",
                    "customer",
                    "period_key",
                    "content_type",
                    "method_chain",
                    "method",
                    "scheduled_on",
                    "due_on",
                    "created_at",
                )
            }
        )


def test_C9_two_connections_generating_at_once_make_no_duplicates(s):
    for n in range(40):
        c = customer(s, f"并发客户{n}", f"139{n:08d}")
        with_project(s, c, date(2025, 6, 1) if n % 2 else date(2024, 6, 1))
    p = plan(s)
    start = threading.Barrier(2)
    results, errors = [], []

    def run() -> None:
        try:
            start.wait()
            results.append(callbacks.generate_callbacks(s.manager, p, chunk=7))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    total = Callback.select().count()
    assert sum(r.created for r in results) == total
    distinct = (
        Callback.select(Callback.plan, Callback.customer, Callback.period_key).distinct().count()
    )
    assert distinct == total
    # 20 customers in their first year (January–June monthly, then Q3 and Q4) and 20 after
    # it (every quarter): each period once
    assert total == 20 * 8 + 20 * 4


def test_C9_two_important_plans_generating_at_once_never_call_a_customer_twice_a_period(s):
    for n in range(12):
        customer(s, f"重要客户{n}", f"137{n:08d}", important=True, important_reason="大客户")
    quarterly = plan(s, cadence=Cadence.QUARTERLY, target=Target.IMPORTANT)
    monthly = plan(s, cadence=Cadence.MONTHLY, target=Target.IMPORTANT, title="重要客户月度")
    start = threading.Barrier(2)
    errors = []

    def run(p) -> None:
        try:
            start.wait()
            callbacks.generate_callbacks(s.manager, p, chunk=5)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in (quarterly, monthly)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    by_customer: dict[int, list[tuple[date, date]]] = {}
    for cb in Callback.select():
        by_customer.setdefault(cb.customer_id, []).append((cb.period_start, cb.period_end))
    assert len(by_customer) == 12
    for periods in by_customer.values():
        periods.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(periods))
        first, last = periods[0][0], periods[-1][1]
        assert (first, last) == (date(2026, 1, 1), date(2026, 12, 31))  # the year covered


def _edit(s: Service, p: callbacks.CallbackPlan, **changes) -> callbacks.CallbackPlan:
    questions, schedule, customers = callbacks.plan_lines(p)
    values = {
        "title": p.title,
        "window_from": p.window_from,
        "window_to": p.window_to,
        "content_type": p.content_type,
        "focus": p.focus,
        "cadence": p.cadence,
        "target": p.target,
        "method_chain": p.methods,
        "questions": questions,
        "schedule": schedule,
        "customers": customers,
    }
    return callbacks.update_plan(changes.pop("actor", s.manager), p, **{**values, **changes})


def test_C2_a_returned_plan_is_edited_with_the_create_checks_then_sent_again(s):
    p = callbacks.submit_plan(s.manager, plan(s, approve=False))
    assert "edit" not in documents.available_actions(s.manager, p)
    with pytest.raises(RuleViolation) as err:  # sent: frozen
        _edit(s, p, focus="改")
    assert err.value.rule == "C2" and "不能修改" in err.value.zh
    p = callbacks.return_plan(s.head, p, "请补充提纲")
    assert p.state == PlanState.RETURNED
    assert "edit" in documents.available_actions(s.manager, p)
    assert "edit" not in documents.available_actions(s.caller, p)
    with pytest.raises(RuleViolation) as err:  # the same checks as a new plan
        _edit(s, p, questions=[" "])
    assert err.value.rule == "C2" and "回访提纲" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        _edit(s, p, schedule=[ScheduleInput(s.seller, Method.PHONE)])
    assert err.value.rule == "C3"
    with pytest.raises(RuleViolation) as err:  # 客服 may not edit a plan (X1)
        _edit(s, p, actor=s.caller)
    assert err.value.rule == "X1"
    p = _edit(s, p, focus="服务态度与理赔时效", questions=["满意吗？", "理赔及时吗？"])
    assert p.state == PlanState.RETURNED and p.focus == "服务态度与理赔时效"
    assert callbacks.plan_lines(p)[0] == ["满意吗？", "理赔及时吗？"]
    row = (
        AuditLog.select()
        .where((AuditLog.table == "callback_plan") & (AuditLog.action == "update"))
        .get()
    )
    changes = json.loads(row.changes)
    assert changes["focus"][1] == "服务态度与理赔时效" and "questions" in changes
    assert "cadence" not in changes  # only what changed
    p = callbacks.submit_plan(s.manager, p)
    assert p.state == PlanState.PENDING
    assert callbacks.approve_plan(s.head, p).state == PlanState.APPROVED


def test_C2_a_plan_edited_meanwhile_is_refused_as_changed(s):
    p = plan(s, approve=False)
    stale = callbacks.CallbackPlan.get_by_id(p.id)
    _edit(s, p, title="新名称")
    with pytest.raises(Conflict):
        _edit(s, stale, title="另一个名称")
    assert callbacks.CallbackPlan.get_by_id(p.id).title == "新名称"
