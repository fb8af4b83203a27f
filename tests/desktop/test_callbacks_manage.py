"""回访管理 on the 客户服务 page: the service management lists every callback by state and
assignee and runs on the selected one what the model allows — 确认无法回访 once every method
failed (C4), 改期 and 改派, 更正记录 on a done one (C6) — and turns a month's repairs picked
for a spot check into callbacks once (F8 → C5). Real widgets on a real SQLite office, the same
office as ``test_callbacks_page``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.callbacks.manage import ManageTab
from desktop.callbacks.page import CallbacksPage
from desktop.callbacks.record_dialog import RecordDialog
from models import callbacks, fleet, people
from models.base import now
from models.callbacks import (
    Callback,
    CallbackRecord,
    CallbackState,
    ContentType,
    Method,
    Outcome,
    PlanQuestion,
)
from models.errors import RuleViolation
from tests.desktop import test_callbacks_page as page_tests
from tests.models.test_fleet import Fleet, close, in_repair

svc = page_tests.svc  # the fixture: 张三, his plan (phone → on-site → online) and a complaint
page_for, select, click = page_tests.page_for, page_tests.select, page_tests.click
when_dialog_opens = page_tests.when_dialog_opens


def customers(tab) -> list[str]:
    return [tab.model.row(r)["customer"] for r in range(tab.model.rowCount())]


def shown(tab) -> set[str]:
    buttons = {
        "unreachable": tab.unreachable_button,
        "reschedule": tab.reschedule_button,
        "reassign": tab.reassign_button,
        "cancel": tab.cancel_button,
        "amend": tab.amend_button,
        "spot": tab.spot_button,
    }
    return {key for key, b in buttons.items() if b.isVisibleTo(tab)}


def pick_state(tab, state: CallbackState) -> None:
    tab.state.setCurrentIndex(tab.state.findData(state.value))


def exhaust(svc) -> Callback:
    """Every method of 张三's chain fails: 空号 by phone, 拒访 on site and online (C4)."""
    cb = callbacks.log_attempt(svc.caller, svc.callback, Outcome.VACANT)
    cb = callbacks.log_attempt(svc.seller, cb, Outcome.REFUSED)
    cb = callbacks.log_attempt(svc.head, cb, Outcome.REFUSED)
    assert cb.state == CallbackState.EXHAUSTED
    return cb


def test_C4_an_exhausted_callback_is_listed_and_closed_as_unreachable_with_a_reason(qtbot, svc):
    exhaust(svc)
    assert callbacks.my_callbacks(svc.head, now().date()) == []  # gone from 我的回访
    tab = page_for(qtbot, svc.manager).open_tab("manage")
    pick_state(tab, CallbackState.EXHAUSTED)
    assert customers(tab) == ["张三"]
    select(tab, "customer", "张三")
    assert shown(tab) == {"unreachable", "spot"}  # not cancelled: confirmed unreachable (C4)
    with pytest.raises(RuleViolation) as err:  # nor by another door
        callbacks.cancel_callback(svc.manager, Callback.get_by_id(svc.callback.id), "客户搬离")
    assert err.value.rule == "C4"

    def without_reason(dialog):
        return dialog.try_submit(), dialog.error_text("reason") + dialog.general_error.text()

    seen = when_dialog_opens(without_reason)
    assert not tab.close_unreachable()
    assert seen[0][0] is False and "[C4]" in seen[0][1]

    def with_reason(dialog):
        dialog.editors["reason"].set_value("三种方式均联系不上，客户已搬离")
        return dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(with_reason)
    click(qtbot, tab.unreachable_button)
    assert seen == [(True, "")]
    cb = Callback.get_by_id(svc.callback.id)
    assert (cb.state, cb.closed_by_id) == (CallbackState.UNREACHABLE, svc.manager.id)
    assert customers(tab) == []  # the list follows its filter
    pick_state(tab, CallbackState.UNREACHABLE)
    assert tab.model.row(0)["reason"] == "三种方式均联系不上，客户已搬离"


def test_C4_the_confirmation_is_refused_to_whoever_tried_it(qtbot, svc):
    """许倩 made the online try: she is not offered 确认无法回访, and the model refuses her."""
    exhaust(svc)
    tab = page_for(qtbot, svc.head).open_tab("manage")
    select(tab, "customer", "张三")
    assert "unreachable" not in shown(tab)
    with pytest.raises(RuleViolation) as err:
        callbacks.close_unreachable(svc.head, Callback.get_by_id(svc.callback.id), "联系不上")
    assert err.value.rule == "C4" and "另一人" in err.value.zh
    assert Callback.get_by_id(svc.callback.id).state == CallbackState.EXHAUSTED


def test_C4_C9_a_callback_is_rescheduled_and_reassigned_from_the_tab(qtbot, svc):
    tab = page_for(qtbot, svc.manager).open_tab("manage")
    select(tab, "customer", "张三")
    assert shown(tab) == {"reschedule", "reassign", "cancel", "spot"}
    day = now().date() + timedelta(days=7)

    def move(dialog):
        dialog.editors["day"].set_value(day)
        dialog.editors["reason"].set_value("客户出差，约定下周")
        return dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(move)
    click(qtbot, tab.reschedule_button)
    assert seen == [(True, "")]
    cb = Callback.get_by_id(svc.callback.id)
    assert (cb.scheduled_on, cb.due_on, cb.period_key) == (day, day, "2026-01")  # key stays
    select(tab, "customer", "张三")

    def reassign(dialog):
        dialog.editors["assignee"].set_value(f"{svc.caller2.name}（{svc.caller2.username}）")
        return dialog.try_submit(), dialog.error_text("reason")

    seen = when_dialog_opens(reassign)
    click(qtbot, tab.reassign_button)
    assert seen[0][0] is False and "[C3]" in seen[0][1]  # a reassignment needs its reason

    def with_reason(dialog):
        dialog.editors["assignee"].set_value(f"{svc.caller2.name}（{svc.caller2.username}）")
        dialog.editors["reason"].set_value("林晓雨休假")
        return dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(with_reason)
    click(qtbot, tab.reassign_button)
    assert seen == [(True, "")]
    cb = Callback.get_by_id(svc.callback.id)
    assert (cb.assignee_id, cb.method) == (svc.caller2.id, Method.PHONE)
    select(tab, "customer", "张三")
    offered = tab.reassign_dialog().editors["assignee"].field.choices
    assert offered == (f"{svc.caller.name}（{svc.caller.username}）",)  # the phone post only
    tab.assignee.setCurrentIndex(tab.assignee.findData(svc.caller2.id))
    assert customers(tab) == ["张三"] and tab.model.row(0)["assignee"] == svc.caller2.name
    tab.assignee.setCurrentIndex(tab.assignee.findData(svc.caller.id))
    assert customers(tab) == []


def test_C6_a_record_is_amended_with_a_reason_and_refused_without(qtbot, svc):
    first = callbacks.record_callback(
        svc.caller,
        svc.callback,
        reached_person="本人",
        answers={1: "满意", 2: "无"},
        satisfaction=5,
        summary="服务满意",
    )
    tab = page_for(qtbot, svc.manager).open_tab("manage")
    select(tab, "customer", "张三")
    assert shown(tab) == {"amend", "spot"}
    dialog = tab.amend_dialog()
    qtbot.addWidget(dialog)
    questions = list(svc.plan.questions.order_by(PlanQuestion.order))
    asked = {f"q{q.order}": f"{q.order}. {q.text}" for q in questions}
    assert {k: e.field.label for k, e in dialog.editors.items() if k in asked} == asked
    fresh = RecordDialog(svc.caller, Callback.get_by_id(svc.callback.id))  # the same fields
    qtbot.addWidget(fresh)
    record_keys = ["reached_person", *asked, "satisfaction", "summary"]
    assert [k for k in fresh.editors if k in record_keys] == record_keys
    assert list(dialog.editors) == [*record_keys, "reason"]
    assert all(not fresh.editors[k].value() for k in record_keys)  # empty when recording
    assert [dialog.editors[k].value() for k in record_keys] == ["本人", "满意", "无", 5, "服务满意"]
    dialog.editors["satisfaction"].set_value(3)
    dialog.editors["q2"].set_value("希望上门前电话告知")
    assert not dialog.try_submit()
    assert "[C6]" in dialog.error_text("reason") + dialog.general_error.text()
    assert CallbackRecord.select().count() == 1
    dialog.editors["reason"].set_value("客户来电更正：满意度应为 3 分")
    assert dialog.try_submit(), dialog.general_error.text()
    new = callbacks.current_record(svc.callback.id)
    assert (new.amends_id, new.satisfaction, new.amend_reason) == (
        first.id,
        3,
        "客户来电更正：满意度应为 3 分",
    )
    assert new.answer_map == {1: "满意", 2: "希望上门前电话告知"}
    assert CallbackRecord.get_by_id(first.id).satisfaction == 5  # the original stays


def test_F8_C5_the_spot_check_callbacks_of_a_month_are_made_once(qtbot, svc, boxes):
    o = svc.o
    car = fleet.add_vehicle(o.fleet, "京A12345", o.squad, model="大众帕萨特", drivers=[o.driver])
    fl = Fleet(o, car, fleet.add_shop(o.logistics, "城东汽修厂", "东环路8号"), None)
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    [repair] = fleet.monthly_report("2026-10").spot_checks
    tab = page_for(qtbot, svc.manager).open_tab("manage")
    due = date(2026, 11, 30)

    def run(dialog):
        dialog.editors["month"].set_value("2026-10")
        dialog.editors["due_on"].set_value(due)
        dialog.editors["assignee"].set_value(f"{svc.caller.name}（{svc.caller.username}）")
        return dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(run)
    click(qtbot, tab.spot_button)
    assert seen == [(True, "")]
    assert "报修人电话未登记或有误" in boxes.shown[-1].text  # the driver left no phone: named
    assert repair.number in boxes.shown[-1].text
    assert Callback.select().where(Callback.content_type == ContentType.SPOT_CHECK).count() == 0
    people.update_user(o.admin, o.driver, phone="13900001111")
    seen = when_dialog_opens(run)
    click(qtbot, tab.spot_button)
    assert seen == [(True, "")]
    assert "已生成 1 条抽查回访；0 条" in boxes.shown[-1].text
    [cb] = Callback.select().where(Callback.content_type == ContentType.SPOT_CHECK)
    assert (cb.source_id, cb.assignee_id, cb.due_on) == (repair.id, svc.caller.id, due)
    pick_state(tab, CallbackState.PENDING)
    assert o.driver.name in customers(tab)
    seen = when_dialog_opens(run)
    click(qtbot, tab.spot_button)  # the same month again makes nothing
    assert seen == [(True, "")]
    assert "已生成 0 条抽查回访；1 条此前已生成" in boxes.shown[-1].text
    assert Callback.select().where(Callback.content_type == ContentType.SPOT_CHECK).count() == 1


def test_C4_without_the_service_management_post_neither_the_tab_nor_its_buttons(qtbot, svc):
    for user in (svc.caller, svc.seller, svc.o.leader):
        assert "manage" not in CallbacksPage(user).tab_keys(), user.name
    assert "manage" in CallbacksPage(svc.manager).tab_keys()
    exhaust(svc)
    tab = ManageTab(svc.caller)  # built on its own, as no page offers it to him
    qtbot.addWidget(tab)
    tab.show()
    select(tab, "customer", "张三")
    assert shown(tab) == set()


def test_C6_the_recorder_amends_his_record_from_the_customers_archive(qtbot, svc):
    first = callbacks.record_callback(
        svc.caller,
        svc.callback,
        reached_person="本人",
        answers={1: "满意", 2: "无"},
        satisfaction=5,
    )
    tab = page_for(qtbot, svc.caller).open_tab("customers")
    dialog = tab.open_customer(svc.zhang.id)
    qtbot.addWidget(dialog)
    assert not dialog.amend_button.isVisibleTo(dialog)  # nothing selected
    row = next(i for i, (table, _id) in enumerate(dialog.keys) if table == "callback_record")
    dialog.table.selectRow(row)
    assert dialog.amend_button.isVisibleTo(dialog)

    def correct(amend):
        amend.editors["summary"].set_value("客户补充：上门准时")
        amend.editors["reason"].set_value("漏记客户补充意见")
        return amend.try_submit(), amend.general_error.text()

    seen = when_dialog_opens(correct)
    assert dialog.amend() and seen == [(True, "")]
    assert callbacks.current_record(svc.callback.id).amends_id == first.id
    assert any("客户补充：上门准时" in detail for _at, _what, detail in dialog.rows)  # reread
    other = page_for(qtbot, svc.caller2).open_tab("customers").open_customer(svc.zhang.id)
    qtbot.addWidget(other)
    row = next(i for i, (table, _id) in enumerate(other.keys) if table == "callback_record")
    other.table.selectRow(row)
    assert not other.amend_button.isVisibleTo(other)  # 陈静 neither recorded it nor manages
