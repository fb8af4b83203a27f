"""X2: in 审批中心 the approver of every document type sees what he approves — the amount in
the inbox, and in the dialog the fields, the lines with quantities and amounts, the total in
bold, the attachments — and reaches the document's own window from there."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.approvals import ApprovalCenter
from desktop.document_dialog import DocumentDialog
from tests.pending_docs import DOCUMENTS, Pending


def _open(qtbot, pending: Pending) -> tuple[ApprovalCenter, DocumentDialog]:
    page = ApprovalCenter(pending.approver)
    qtbot.addWidget(page)
    page.show()
    inbox = page.tab("inbox")
    assert inbox.model.rowCount() == 1
    inbox.table.selectRow(0)
    dialog = page.open_selected(inbox)
    assert dialog is not None and dialog.can.approve
    return page, dialog


def _cells(dialog: DocumentDialog) -> list[list[str]]:
    table = dialog.lines
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _field_texts(dialog: DocumentDialog) -> list[str]:
    return [label.text() for label in dialog.fields_box.findChildren(QLabel)]


@pytest.mark.parametrize("doc_type", sorted(DOCUMENTS))
def test_X2_the_approval_dialog_shows_the_amount_and_lines_of_every_document_type(
    qtbot, desk, doc_type
):
    pending = DOCUMENTS[doc_type](desk)
    page, dialog = _open(qtbot, pending)
    inbox = page.tab("inbox").model
    amount = [c.key for c in inbox.columns].index("amount")
    assert inbox.index(0, amount).data() == (pending.amount or "")
    assert any(pending.field in t for t in _field_texts(dialog))
    assert dialog.total.isHidden() == (pending.amount is None)
    assert dialog.lines.isHidden() == (pending.line is None)
    if pending.line is not None:
        rows = _cells(dialog)
        assert any(pending.line in cell for row in rows for cell in row), rows
    if pending.amount is None or pending.line is None:
        return
    assert f"<b>¥{pending.amount}</b>" in dialog.total.text()
    headers = [dialog.lines.horizontalHeaderItem(c).text() for c in range(len(rows[0]))]
    money_column = next(i for i, h in enumerate(headers) if re.search("金额|预算", h))
    assert dialog.lines.item(0, money_column).textAlignment() & Qt.AlignmentFlag.AlignRight


def test_X2_a_repair_shows_fault_shop_lines_estimate_and_its_quote(qtbot, desk):
    pending = DOCUMENTS["fleet_repair"](desk)
    _page, dialog = _open(qtbot, pending)
    texts = _field_texts(dialog)
    for value in ("刹车异响，制动距离变长", "一般维修", "城东汽修厂", "2026-10-16"):
        assert value in texts, value
    assert _cells(dialog) == [
        ["前刹车片", "配件", "2", "412.50", "825.00"],
        ["更换工时", "工时", "1", "275.00", "275.00"],
    ]
    assert dialog.total.text() == "估算金额（元）：<b>¥1,100.00</b>"
    assert dialog.attachments.text() == "附件：报价单.pdf"


def test_X2_a_requisition_shows_department_requester_stock_price_and_total(qtbot, desk):
    pending = DOCUMENTS["supplies_requisition"](desk)
    _page, dialog = _open(qtbot, pending)
    assert {"办公室", "张三", "季度档案整理"} <= set(_field_texts(dialog))
    headers = [dialog.lines.horizontalHeaderItem(c).text() for c in range(7)]
    assert headers == ["物品", "规格", "申领数量", "单位", "库存", "单价（元）", "金额（元）"]
    assert _cells(dialog) == [
        ["中性笔", "0.5mm 黑色", "6", "支", "37", "2.50", "15.00"],
        ["复印纸", "A4 70g 500张", "3", "包", "23", "25.00", "75.00"],
    ]
    assert dialog.total.text() == "合计金额（元）：<b>¥90.00</b>"


@pytest.mark.parametrize("doc_type", sorted(DOCUMENTS))
def test_X2_view_the_full_document_opens_a_window_for_every_document_type(qtbot, desk, doc_type):
    """Its domain's own window where there is one (a repair, a requisition); else the
    read-only window of its declared summary, state and trail (a 用车申请, a purchase plan,
    a stocktake)."""
    from desktop.document_view import DocumentView

    pending = DOCUMENTS[doc_type](desk)
    _page, dialog = _open(qtbot, pending)
    assert not dialog.full_button.isHidden()
    window = dialog.open_full_document()
    assert window is not None and window.isVisible()
    if pending.document_window:
        number = {"fleet_repair": "WX", "fleet_supplement": "WX", "supplies_requisition": "LY"}
        assert number[doc_type] in window.windowTitle()
        assert not isinstance(window, DocumentView)
        window.close()
        return
    assert isinstance(window, DocumentView)
    assert window.windowTitle() == pending.inst.title
    texts = [label.text() for label in window.summary_panel.findChildren(QLabel)]
    assert any(pending.field in t for t in texts), texts
    if pending.line is not None:
        table = window.summary_panel.lines
        cells = [
            table.item(r, c).text()
            for r in range(table.rowCount())
            for c in range(table.columnCount())
        ]
        assert any(pending.line in cell for cell in cells), cells
    if pending.amount is not None:
        assert f"<b>¥{pending.amount}</b>" in window.summary_panel.total.text()
    trail = [window.trail.item(r, 3).text() for r in range(window.trail.rowCount())]
    assert trail == ["提交"], trail
    assert "审批中" in window.header.text() or "待审批" in window.header.text()
    window.close()


def test_S6_a_requisitions_own_window_shows_its_trail_and_offers_withdraw_while_it_may(
    qtbot, desk, boxes
):
    from desktop.supplies.requisition_window import requisition_window
    from models.supplies import Requisition, RequisitionState

    pending = DOCUMENTS["supplies_requisition"](desk)
    head = requisition_window(desk.head, pending.inst.doc_id)
    qtbot.addWidget(head)
    assert head.withdraw_button.isHidden()  # not his to withdraw
    window = requisition_window(desk.clerk, pending.inst.doc_id)
    qtbot.addWidget(window)
    window.show()
    assert window.trail.rowCount() == 1 and window.trail.item(0, 3).text() == "提交"
    assert not window.withdraw_button.isHidden()
    assert window.withdraw()
    assert Requisition.get_by_id(pending.inst.doc_id).state == RequisitionState.WITHDRAWN
    assert [window.trail.item(r, 3).text() for r in range(2)] == ["提交", "撤回"]
    assert window.withdraw_button.isHidden()  # withdrawn is final
    assert boxes.texts() == ["撤回这份申请？"]  # the question only, no refusal
