"""English mode shows English form labels, trail actions and document states; pickers name
what they pick."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel

from desktop import i18n, labels
from desktop.fleet.repair_dialog import RepairDialog
from desktop.form_dialog import picker_hint
from desktop.home import HomePage
from forms.fleet.records import REPAIRS
from forms.fleet.registers import VEHICLES
from models import documents, fleet
from models.workflow.spec import ACTION_LABELS
from tests.models.test_fleet import Fleet, in_repair
from tests.pending_docs import DOCUMENTS

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_trail_action_has_its_english():
    assert sorted(set(ACTION_LABELS) - set(labels.TRAIL_ACTIONS)) == []


def test_pickers_say_what_they_pick(app):
    assert picker_hint(VEHICLES.field("unit")) == "输入单位名称或拼音首字母"
    assert "姓名" not in picker_hint(REPAIRS.field("shop"))
    assert picker_hint(REPAIRS.field("plate")) == "输入车牌号"
    i18n.install(app, "en")
    try:
        assert picker_hint(VEHICLES.field("unit")) == "Type the unit's name or pinyin initials"
    finally:
        i18n.install(app, "zh_CN")


def test_the_repair_window_in_english(qtbot, desk, app):
    car = fleet.add_vehicle(
        desk.fleet, "京A12345", desk.squad, odometer=42000, drivers=[desk.driver]
    )
    shop = fleet.add_shop(desk.logistics, "城东汽修厂", "东环路8号")
    station = fleet.add_station(desk.logistics, "中石化东环站")
    repair = in_repair(Fleet(desk, car, shop, station))
    i18n.install(app, "en")
    try:
        dialog = RepairDialog(desk.fleet, repair.id)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = [w.text() for w in dialog.findChildren(QLabel)]
        assert any("In repair" in t for t in texts), texts
        grid = [t for t in texts if t.endswith(": ")]
        assert grid and not any(any(ord(c) > 0x2E80 for c in t) for t in grid), grid
        actions = [dialog.trail.item(r, 3).text() for r in range(dialog.trail.rowCount())]
        assert "Submitted" in actions and "Approved" in actions, actions
    finally:
        i18n.install(app, "zh_CN")


def test_an_ampersand_in_a_tab_title_is_escaped_for_qt(qtbot, desk, app):
    from desktop.supplies.page import SuppliesPage

    i18n.install(app, "en")
    try:
        page = SuppliesPage(desk.logistics)
        qtbot.addWidget(page)
        titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
        assert "Catalogue && stock" in titles, titles
    finally:
        i18n.install(app, "zh_CN")


@pytest.mark.parametrize("doc_type", sorted(DOCUMENTS))
def test_X2_the_approval_dialog_inbox_and_trail_speak_english(qtbot, desk, app, doc_type):
    """Node names, flow names and the summary's labels come from their declarations, where
    the English stands beside the Chinese."""
    from desktop.approvals import ApprovalCenter

    pending = DOCUMENTS[doc_type](desk)
    i18n.install(app, "en")
    try:
        page = ApprovalCenter(pending.approver)
        qtbot.addWidget(page)
        page.show()
        inbox = page.tab("inbox")
        keys = [c.key for c in inbox.model.columns]
        for key in ("flow", "node"):
            text = inbox.model.index(0, keys.index(key)).data()
            assert text and not CJK.search(text), (key, text)
        title = inbox.model.index(0, keys.index("title")).data()
        inbox.table.selectRow(0)
        dialog = page.open_selected(inbox)
        form = dialog.fields_form
        role = QFormLayout.ItemRole.LabelRole
        said = [form.itemAt(r, role).widget().text() for r in range(form.rowCount())]
        if dialog.summary.lines is not None:
            table = dialog.lines
            said += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
            said += [dialog.lines_title.text(), dialog.total.text().split("<b>¥")[0]]
        assert said and [t for t in said if CJK.search(t)] == [], said
        step = dialog.header.text().split("Current step: ")[1]
        assert step and not CJK.search(step), step
        nodes = [dialog.trail.item(r, 1).text() for r in range(dialog.trail.rowCount())]
        assert [n for n in nodes if CJK.search(n)] == [], nodes
        # the title: its document composes both languages, the engine stored the Chinese
        model = documents.document_model(doc_type)
        if model is not None:
            zh, en = model.get_by_id(pending.inst.doc_id).approval_title()
            assert pending.inst.title == zh and dialog.windowTitle() == en != zh
            assert title == en  # the inbox's 标题 too
        if doc_type == "fleet_repair":
            assert "Fleet manager's assessment" in nodes
            assert step == "Main leader's approval"
            assert dialog.windowTitle() == "京A·12345 repair WX2026-0001"
            home = HomePage(pending.approver)
            qtbot.addWidget(home)
            rows = [label.text() for view in home.cards for label in view.row_labels()]
            assert "京A·12345 repair WX2026-0001" in rows, rows
    finally:
        i18n.install(app, "zh_CN")
