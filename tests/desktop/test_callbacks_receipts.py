"""来电来访 (首问负责制, C11) on the 客户服务 page: a 客服 registers a consultation and hands it
over; the colleague finds it under 待我接收 and accepts (he owns it, the first receiver stays)
or declines (the first owner keeps it); the home card's row opens the tab where the handover is
answered. Real widgets on a real SQLite office, the same office as ``test_callbacks_page``."""

from __future__ import annotations

from desktop.callbacks import MODULE
from desktop.callbacks.receipts import ReceiptsTab
from models import callbacks
from models.callbacks import HandoverState, RequestKind, ServiceReceipt
from tests.desktop import test_callbacks_page as page_tests

svc = page_tests.svc  # the fixture: 张三, his plan and 王女士's complaint
page_for, select, click = page_tests.page_for, page_tests.select, page_tests.click
when_dialog_opens = page_tests.when_dialog_opens


def name(user) -> str:
    return f"{user.name}（{user.username}）"


def numbers(tab) -> list[str]:
    return [tab.model.row(r)["number"] for r in range(tab.model.rowCount())]


def shown(tab) -> set[str]:
    buttons = {
        "handover": tab.handover_button,
        "close": tab.close_button,
        "accept": tab.accept_button,
        "decline": tab.decline_button,
        "withdraw": tab.withdraw_button,
    }
    return {key for key, b in buttons.items() if b.isVisibleTo(tab)}


def consultation(svc) -> ServiceReceipt:
    return callbacks.register_receipt(
        svc.caller,
        kind=RequestKind.CONSULTATION,
        channel="call",
        caller_name="赵女士",
        phone="13600003333",
        content="咨询保单续保手续",
    )


def offer_to(user, reason: str):
    def offer(dialog):
        dialog.editors["to"].set_value(name(user))
        dialog.editors["reason"].set_value(reason)
        return dialog.try_submit(), dialog.general_error.text()

    return when_dialog_opens(offer)


def test_C11_a_consultation_registered_handed_over_and_accepted_moves_the_owner_only(qtbot, svc):
    mine = page_for(qtbot, svc.caller).open_tab("receipts")
    assert mine.mine.isChecked() and numbers(mine) == []  # the complaint is on 投诉, not here
    dialog = mine.register_dialog()
    qtbot.addWidget(dialog)
    assert (
        "投诉" not in dialog.editors["kind"].field.choices
    )  # a complaint goes through 登记投诉 (C10)
    dialog.editors["kind"].set_value("咨询")
    dialog.editors["caller_name"].set_value("赵女士")
    dialog.editors["phone"].set_value("136")
    dialog.editors["content"].set_value("咨询保单续保手续")
    assert not dialog.try_submit()  # the phone is checked by the use case
    dialog.editors["phone"].set_value("13600003333")
    assert dialog.try_submit(), dialog.general_error.text()
    receipt = dialog.result
    assert receipt.kind == RequestKind.CONSULTATION
    assert receipt.first_receiver_id == receipt.owner_id == svc.caller.id
    mine.reload()
    assert numbers(mine) == [receipt.number]
    select(mine, "number", receipt.number)
    assert shown(mine) == {"handover", "close"}

    seen = offer_to(svc.caller2, "赵女士的保单由陈静经办")
    click(qtbot, mine.handover_button)
    assert seen[0][0], seen[0][1]
    select(mine, "number", receipt.number)
    assert mine.model.row(0)["handover_to"] == svc.caller2.name
    assert shown(mine) == {"withdraw"}  # still his, waiting for the answer (C11)

    theirs = page_for(qtbot, svc.caller2).open_tab("receipts")
    assert numbers(theirs) == []  # not his until he accepts
    theirs.awaiting.setChecked(True)
    assert numbers(theirs) == [receipt.number] and "待我接收" in theirs.filters_text()
    select(theirs, "number", receipt.number)
    assert shown(theirs) == {"accept", "decline"}
    click(qtbot, theirs.accept_button)
    fresh = ServiceReceipt.get_by_id(receipt.id)
    assert fresh.owner_id == svc.caller2.id and fresh.first_receiver_id == svc.caller.id
    assert numbers(theirs) == []  # answered: nothing waits for him
    theirs.mine.setChecked(True)
    row = theirs.model.row(0)
    assert row["first_receiver"] == svc.caller.name and row["owner"] == svc.caller2.name
    assert not row["handover_to"]
    select(theirs, "number", receipt.number)
    assert shown(theirs) == {"handover", "close"}

    def close(dialog):
        dialog.editors["result"].set_value("已告知续保所需材料")
        return dialog.try_submit()

    seen = when_dialog_opens(close)
    click(qtbot, theirs.close_button)
    assert seen == [True]
    closed = ServiceReceipt.get_by_id(receipt.id)
    assert not closed.is_open and closed.first_receiver_id == svc.caller.id
    mine.reload()
    assert numbers(mine) == []  # no longer his: 我负责的 follows the owner
    mine.everyone.setChecked(True)
    state = mine.model.index(0, page_tests.column(mine.model, "state"))
    assert numbers(mine) == [receipt.number] and mine.model.data(state) == "已办结"


def test_C11_a_declined_handover_keeps_the_first_owner_and_a_withdrawn_one_too(qtbot, svc):
    receipt = consultation(svc)
    callbacks.offer_handover(svc.caller, receipt, svc.caller2, "请协助")
    theirs = page_for(qtbot, svc.caller2).open_tab("receipts")
    theirs.awaiting.setChecked(True)
    select(theirs, "number", receipt.number)

    def decline(dialog):
        empty = dialog.try_submit()
        dialog.editors["reason"].set_value("不是我的客户")
        return empty, dialog.try_submit()

    seen = when_dialog_opens(decline)
    click(qtbot, theirs.decline_button)
    assert seen == [(False, True)]  # the reason is required
    assert ServiceReceipt.get_by_id(receipt.id).owner_id == svc.caller.id
    assert numbers(theirs) == []

    mine = page_for(qtbot, svc.caller).open_tab("receipts")
    select(mine, "number", receipt.number)
    assert shown(mine) == {"handover", "close"}  # his again to hand over or close
    offer_to(svc.manager, "请客服管理处理")
    click(qtbot, mine.handover_button)
    select(mine, "number", receipt.number)
    click(qtbot, mine.withdraw_button)
    handovers = [h.state for h in receipt.handovers.order_by(callbacks.Handover.id)]
    assert handovers == [HandoverState.DECLINED, HandoverState.WITHDRAWN]
    fresh = ServiceReceipt.get_by_id(receipt.id)
    assert fresh.owner_id == fresh.first_receiver_id == svc.caller.id
    select(mine, "number", receipt.number)
    assert shown(mine) == {"handover", "close"}


def test_C11_the_home_card_opens_the_tab_where_the_handover_is_answered(qtbot, svc):
    from desktop.app import build_main_window

    receipt = consultation(svc)
    callbacks.offer_handover(svc.caller, receipt, svc.caller2, "由陈静经办")
    callbacks.offer_handover(svc.caller, svc.complaint.receipt, svc.caller2, "换人跟进")
    w = build_main_window(svc.caller2, svc.url)
    qtbot.addWidget(w)
    w.show()
    card = {c.key: c for c in MODULE.cards}["callbacks.handovers"]
    assert card.count(svc.caller2) == 2
    request_row, complaint_row = card.rows(svc.caller2)
    assert request_row.text.startswith(receipt.number)
    assert complaint_row.text.startswith(svc.complaint.number)

    tab = request_row.open(w)
    assert isinstance(tab, ReceiptsTab) and tab.awaiting.isChecked()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert numbers(tab) == [receipt.number]
    tab = complaint_row.open(w)
    assert tab.awaiting.isChecked() and tab.model.row(0)["number"] == svc.complaint.number
    assert isinstance(card.open(w), ReceiptsTab)  # the card: the oldest waiting, a request's


def test_C11_accepting_a_handover_withdrawn_meanwhile_is_refused_and_the_list_follows(
    qtbot, svc, boxes
):
    receipt = consultation(svc)
    handover = callbacks.offer_handover(svc.caller, receipt, svc.caller2, "请协助")
    theirs = page_for(qtbot, svc.caller2).open_tab("receipts")
    theirs.awaiting.setChecked(True)
    select(theirs, "number", receipt.number)
    callbacks.withdraw_handover(svc.caller, handover)  # from the other desktop, meanwhile
    click(qtbot, theirs.accept_button)
    assert any("已撤回" in text for text in boxes.texts()), boxes.texts()
    fresh = ServiceReceipt.get_by_id(receipt.id)
    assert fresh.owner_id == fresh.first_receiver_id == svc.caller.id
    assert numbers(theirs) == []  # reloaded: nothing waits for him any more


def test_C11_in_english_the_dialog_names_its_choices_in_english_and_keeps_their_values(
    qtbot, svc, app
):
    """A form's choices are declared by their Chinese words; the English interface shows
    each enum member's English and saves the same value."""
    from PySide6.QtWidgets import QComboBox

    from desktop import i18n

    i18n.install(app, "en")
    try:
        tab = page_for(qtbot, svc.caller).open_tab("receipts")
        dialog = tab.register_dialog()
        qtbot.addWidget(dialog)
        combo = dialog.editors["kind"].widget
        assert isinstance(combo, QComboBox)
        shown = [combo.itemText(i) for i in range(combo.count())]
        assert "Enquiry" in shown and "咨询" not in shown, shown
        dialog.editors["kind"].set_value("咨询")
        assert combo.currentText() == "Enquiry"
        dialog.editors["caller_name"].set_value("赵女士")
        dialog.editors["phone"].set_value("13600003333")
        dialog.editors["content"].set_value("咨询保单续保手续")
        assert dialog.try_submit(), dialog.general_error.text()
        assert dialog.result.kind == RequestKind.CONSULTATION
    finally:
        i18n.install(app, "zh_CN")


def test_C11_with_complaints_ticked_it_is_the_register_of_every_request_and_prints_its_sheet(
    qtbot, svc
):
    """含投诉 lists the complaints beside the other requests (the register of every request
    that came in); a complaint is moved and closed on the 投诉 tab, so none of the owner's
    buttons shows on it here. 打印 renders the selected request's 来电来访登记表."""
    from pypdf import PdfReader

    receipt = consultation(svc)
    tab = page_for(qtbot, svc.caller).open_tab("receipts")
    complaint = svc.complaint.receipt
    assert numbers(tab) == [receipt.number]
    tab.with_complaints.setChecked(True)
    assert sorted(numbers(tab)) == sorted([receipt.number, complaint.number])
    assert "含投诉" in tab.filters_text()
    select(tab, "number", complaint.number)
    assert tab.model.row(tab.view.table.currentIndex().row())["kind"] == RequestKind.COMPLAINT
    assert shown(tab) == set()
    select(tab, "number", receipt.number)
    assert shown(tab) == {"handover", "close"}
    task = tab.print_selected()
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    assert task.exception is None, task.exception
    text = "".join(PdfReader(str(task.result)).pages[0].extract_text().split())
    assert "来电来访登记表" in text and receipt.number in text and "咨询保单续保手续" in text
    tab.with_complaints.setChecked(False)
    assert numbers(tab) == [receipt.number]
