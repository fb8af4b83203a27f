"""客户服务 page, the rest of its buttons: 编辑 a draft or returned plan (C2), 待我接收 on the
投诉 tab and the home card (首问负责制, C11), 合并重复 (C10). Real widgets on a real SQLite
office, the same office as ``test_callbacks_page``."""

from __future__ import annotations

from datetime import datetime

from desktop.callbacks import MODULE
from models import callbacks
from models.callbacks import CallbackPlan, Complaint, ComplaintState, PlanState
from tests.desktop import test_callbacks_page as page_tests
from tests.models.callbacks_office import plan

svc = page_tests.svc  # the fixture: 张三, his plan and 王女士's complaint
page_for, select, click = page_tests.page_for, page_tests.select, page_tests.click
when_dialog_opens = page_tests.when_dialog_opens


def name(user) -> str:
    return f"{user.name}（{user.username}）"


def test_C2_a_draft_plan_is_edited_in_the_plan_dialog_filled_from_its_lines(qtbot, svc):
    draft = plan(svc, approve=False, title="2026年满意度回访（草稿）")
    tab = page_for(qtbot, svc.manager).open_tab("plans")
    select(tab, "number", draft.number)
    assert tab.edit_button.isVisibleTo(tab)

    def edit(dialog):
        filled = {k: dialog.editors[k].value() for k in ("title", "focus", "questions")}
        filled["phone"] = dialog.editors["staff_phone"].value()
        filled["chain"] = [dialog.editors[k].value() for k in ("first", "second", "third")]
        dialog.editors["focus"].set_value("维修及时性")
        dialog.editors["questions"].set_value("对维修是否满意？")
        dialog.editors["staff_phone"].set_value((name(svc.caller2),))
        return filled, dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(edit)
    click(qtbot, tab.edit_button)
    filled, saved, error = seen[0]
    assert filled["title"] == "2026年满意度回访（草稿）"
    assert filled["focus"] == "服务态度与维修及时性"
    assert filled["questions"] == "对服务是否满意？\n有无其他意见？"
    assert set(filled["phone"]) == {name(svc.caller), name(svc.caller2)}
    assert filled["chain"] == ["电话回访", "上门回访", "网上问卷"]
    assert saved, error
    edited = CallbackPlan.get_by_id(draft.id)
    questions, schedule, _customers = callbacks.plan_lines(edited)
    assert edited.focus == "维修及时性" and questions == ["对维修是否满意？"]
    phone = [s.staff.id for s in schedule if s.method == callbacks.Method.PHONE]
    assert phone == [svc.caller2.id] and edited.version > draft.version


def test_C2_a_returned_plan_is_edited_a_sent_one_is_not_and_a_stale_edit_is_refused(qtbot, svc):
    sent = callbacks.submit_plan(svc.manager, plan(svc, approve=False))
    tab = page_for(qtbot, svc.manager).open_tab("plans")
    select(tab, "number", sent.number)
    assert not tab.edit_button.isVisibleTo(tab)  # sent: frozen until returned
    callbacks.return_plan(svc.head, sent, "提纲太短")
    tab.reload()
    select(tab, "number", sent.number)
    returned = tab.selected()
    assert returned.state == PlanState.RETURNED and tab.edit_button.isVisibleTo(tab)
    dialog = tab.plan_dialog(returned)
    qtbot.addWidget(dialog)
    questions, schedule, customers = callbacks.plan_lines(returned)
    callbacks.update_plan(  # the same plan saved meanwhile from another desktop
        svc.manager,
        returned,
        title=returned.title,
        window_from=returned.window_from,
        window_to=returned.window_to,
        content_type=returned.content_type,
        focus="另一台电脑改过",
        cadence=returned.cadence,
        target=returned.target,
        method_chain=returned.methods,
        questions=questions,
        schedule=schedule,
        customers=customers,
    )
    dialog.editors["focus"].set_value("我的修改")
    assert not dialog.try_submit()
    assert dialog.general_error.isVisibleTo(dialog) and dialog.general_error.text()
    assert CallbackPlan.get_by_id(sent.id).focus == "另一台电脑改过"


def test_C11_pending_handovers_show_under_the_filter_and_on_the_home_card(qtbot, svc):
    other = callbacks.register_complaint(
        svc.caller,
        complainant="李先生",
        phone="13700002222",
        content="物业费收据未开",
        received_at=datetime(2026, 9, 29, 10, 0),
    )
    callbacks.offer_handover(svc.caller, other.receipt, svc.caller2, "李先生的小区由陈静负责")
    card = {c.key: c for c in MODULE.cards}["callbacks.handovers"]
    assert card.visible_to(svc.caller2) and card.count(svc.caller2) == 1
    assert card.count(svc.caller) == 0
    row = card.rows(svc.caller2)[0]
    assert row.text.startswith(other.number) and svc.caller.name in row.text

    theirs = page_for(qtbot, svc.caller2).open_tab("complaints")
    assert theirs.model.rowCount() == 2
    theirs.awaiting.setChecked(True)
    assert [theirs.model.row(r)["number"] for r in range(theirs.model.rowCount())] == [other.number]
    assert "待我接收" in theirs.filters_text()
    select(theirs, "number", other.number)
    click(qtbot, theirs.accept_handover_button)
    assert Complaint.get_by_id(other.id).receipt.owner_id == svc.caller2.id
    assert theirs.model.rowCount() == 0 and card.count(svc.caller2) == 0


def test_C11_the_home_card_opens_the_complaints_tab_with_the_filter_ticked(qtbot, svc):
    from desktop.app import build_main_window

    callbacks.offer_handover(svc.caller, svc.complaint.receipt, svc.caller2, "换人跟进")
    w = build_main_window(svc.caller2, svc.url)
    qtbot.addWidget(w)
    w.show()
    card = {c.key: c for c in MODULE.cards}["callbacks.handovers"]
    tab = card.open(w)
    assert tab.awaiting.isChecked()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.row(0)["number"] == svc.complaint.number


def repeat_of(svc, *, minutes: int = 0):
    return callbacks.register_complaint(
        svc.caller,
        complainant="王女士",
        phone="13900001111",
        content="维修人员又没有按约定时间上门，已是第二次",
        received_at=datetime(2026, 10, 9, 9, minutes),
        customer=svc.zhang,
    )


def test_C10_a_repeat_with_new_facts_is_merged_from_the_tab(qtbot, svc):
    repeat = repeat_of(svc)
    tab = page_for(qtbot, svc.caller).open_tab("complaints")
    select(tab, "number", svc.complaint.number)
    assert not tab.merge_button.isVisibleTo(tab)  # nothing earlier to merge into
    select(tab, "number", repeat.number)
    assert tab.merge_button.isVisibleTo(tab)

    def merge(dialog):
        originals = dialog.editors["into"].field.choices
        dialog.editors["note"].set_value("补充了第二次未上门的时间")
        return originals, dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(merge)
    click(qtbot, tab.merge_button)
    originals, merged, error = seen[0]
    assert len(originals) == 1 and originals[0].startswith(svc.complaint.number)
    assert merged, error
    assert Complaint.get_by_id(repeat.id).state == ComplaintState.MERGED
    (submission,) = callbacks.repeats_of(svc.complaint)
    assert submission.outcome == "merged" and submission.new_facts


def test_C10_a_repeat_without_new_facts_is_refused_from_the_tab(qtbot, svc):
    repeat = repeat_of(svc)
    tab = page_for(qtbot, svc.caller).open_tab("complaints")
    select(tab, "number", repeat.number)
    dialog = tab.merge_dialog()
    qtbot.addWidget(dialog)
    dialog.editors["facts"].set_value("无新的事实和理由：不予受理并记录")
    assert dialog.try_submit(), dialog.general_error.text()
    assert Complaint.get_by_id(repeat.id).state == ComplaintState.REFUSED
    (submission,) = callbacks.repeats_of(svc.complaint)
    assert submission.outcome == "refused" and not submission.new_facts
