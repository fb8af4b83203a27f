"""办公用品 page: real widgets on a real SQLite office, each step by the user whose role it is.

The model tests prove the rules; these prove the page offers each step to the right person,
hands the right figures to the use cases, and shows every refusal with its rule ID.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit

from desktop import print_preview
from desktop.app import build_main_window
from desktop.supplies.catalogue import is_low
from desktop.supplies.count_grid import COUNTED, KEYS, REASON
from desktop.supplies.page import SuppliesPage
from desktop.supplies.requisitions import SHORT_COLOUR
from forms.supplies.count import write_count_sheet
from models import supplies
from models.supplies import Category, Item, Movement, MovementKind, RequisitionState
from models.supplies.stocktake import StocktakeLine, StocktakeState
from tests.desktop.typing import type_text


@pytest.fixture
def store(desk):
    """Three items with opening stock: pens 50, paper 30, toner 3."""
    lg = desk.logistics
    pen = supplies.add_item(
        lg, name="中性笔", category="书写工具", unit="支", specification="0.5mm", reorder_level=20
    )
    paper = supplies.add_item(
        lg, name="复印纸", category=Category.PAPER, unit="包", specification="A4", reorder_level=10
    )
    toner = supplies.add_item(
        lg, name="硒鼓", category="耗材", unit="个", specification="88A", reorder_level=5
    )
    when = datetime.now() - timedelta(days=3)
    for it, qty in ((pen, 50), (paper, 30), (toner, 3)):
        supplies.set_opening_balance(lg, item=it, quantity=qty, at=when)
    desk.pen, desk.paper, desk.toner = (
        Item.get_by_id(pen.id),
        Item.get_by_id(paper.id),
        (Item.get_by_id(toner.id)),
    )
    return desk


def page_for(qtbot, user) -> SuppliesPage:
    page = SuppliesPage(user)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    return page


def select(view, key) -> None:
    view.start()
    model = view.model
    for row in range(model.rowCount()):
        if model.row_id(row) == key:
            view.table.selectRow(row)
            return
    raise AssertionError(f"row {key} not listed")


def stock(it: Item) -> int:
    return Item.get_by_id(it.id).on_hand


def test_the_page_opens_for_logistics_with_the_items_listed(qtbot, store):
    w = build_main_window(store.logistics, store.url)
    qtbot.addWidget(w)
    w.show()
    assert "supplies" in w.module_keys()
    page = w.open_module("supplies")
    assert isinstance(page, SuppliesPage)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "物品目录与库存",
        "领用申请",
        "退库",
        "采购",
        "盘点",
        "统计",
    ]
    model = page.open_tab("catalogue").model
    assert model.rowCount() == 3
    shown = {model.row(r)["code"]: model.row(r) for r in range(3)}
    assert shown[store.pen.code]["on_hand"] == 50
    # series in the regulation's order, labelled; toner (3 ≤ 5) is highlighted, pens not
    assert [model.data(model.index(r, 2)) for r in range(3)] == ["书写工具", "纸本", "耗材"]
    low = [is_low(model.row(r)) for r in range(3)]
    assert low == [False, False, True]
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    # pinyin initials find the paper
    model.set_search("fyz")
    assert [model.row(r)["code"] for r in range(model.rowCount())] == [store.paper.code]


def test_a_clerk_sees_only_the_catalogue_requisitions_and_returns_and_cannot_edit_items(
    qtbot, store
):
    page = page_for(qtbot, store.clerk)
    assert page.tabs.count() == 3
    assert page.open_tab("catalogue").add_button.isHidden()
    assert not page.open_tab("requisitions").new_button.isHidden()
    assert page.open_tab("requisitions").check_button.isHidden()


def test_S6_requisition_from_the_page_head_approves_logistics_approves_two_of_three_and_issues(
    qtbot, store, boxes
):
    s = store
    # 张三 (办公室) fills the 申请批准单 on the page and submits it
    clerk_panel = page_for(qtbot, s.clerk).open_tab("requisitions")
    dialog = clerk_panel.new_requisition()
    dialog.purpose.setText("office")
    dialog.add_line(s.pen, 10)
    dialog.add_line(s.paper, 5)
    dialog.add_line(s.toner, 2)
    assert dialog.try_submit(), dialog.error.text()
    req = supplies.Requisition.select().order_by(supplies.Requisition.id.desc()).first()
    assert req.state == RequisitionState.PENDING and len(list(req.lines)) == 3
    assert req.applicant_id == s.clerk.id
    clerk_panel.reload()
    select(clerk_panel.view, req.id)
    assert not clerk_panel.approve_button.isEnabled()  # not his step

    # 李四, the head of 办公室, approves it from his page
    head_panel = page_for(qtbot, s.head).open_tab("requisitions")
    head_panel.reload()
    select(head_panel.view, req.id)
    assert head_panel.approve_button.isEnabled()
    assert head_panel.approve()
    assert supplies.Requisition.get_by_id(req.id).instance().current_node().key == "check"

    # 周九 (后勤) checks: pens 10 → 6, paper 5 as asked, toner 0 (two of the three lines)
    lg_page = page_for(qtbot, s.logistics)
    panel = lg_page.open_tab("requisitions")
    panel.reload()
    select(panel.view, req.id)
    assert panel.check_button.isEnabled() and not panel.issue_button.isEnabled()
    check = panel.check()
    lines = {ln.item_id: ln.id for ln in req.lines}
    check.spins[lines[s.pen.id]].setValue(6)
    check.spins[lines[s.toner.id]].setValue(0)
    assert not check.try_submit()  # a cut without a reason
    assert check.error.text().startswith("[S6]")
    check.comment.setText("cut to stock policy")
    assert check.try_submit(), check.error.text()
    approved = {
        ln.item_id: ln.approved
        for ln in supplies.RequisitionLine.select().where(
            supplies.RequisitionLine.requisition == req.id
        )
    }
    assert approved == {s.pen.id: 6, s.paper.id: 5, s.toner.id: 0}
    assert supplies.Requisition.get_by_id(req.id).state == RequisitionState.APPROVED

    # and issues to 张三, recorded as the receiver
    panel.reload()
    select(panel.view, req.id)
    assert panel.issue_button.isEnabled() and not panel.check_button.isEnabled()
    issue = panel.issue()
    assert issue.receiver.currentText() == "张三"
    assert len(issue.spins) == 2  # the toner line was not approved
    assert issue.try_submit(), issue.error.text()
    assert (stock(s.pen), stock(s.paper), stock(s.toner)) == (44, 25, 3)
    done = supplies.Requisition.get_by_id(req.id)
    assert done.state == RequisitionState.ISSUED and done.receiver_name == "张三"
    outs = Movement.select().where(
        (Movement.kind == MovementKind.ISSUE) & (Movement.doc_id == req.id)
    )
    assert sorted(m.quantity for m in outs) == [-6, -5]
    assert {m.receiver for m in outs} == {"张三"}
    # the submission's confirmation (three lines, all in stock: no warning), then the head's
    # "同意？" question
    confirmation, agree = boxes.texts()
    table, paragraphs, _colours = confirmation_table(confirmation)
    assert paragraphs == ["提交以下 3 项领用申请？"] and len(table) == 4
    assert "⚠" not in confirmation
    assert agree.startswith("同意申请批准单")


def test_S7_the_department_returns_issued_goods_and_logistics_confirms_on_the_page(
    qtbot, store, boxes, monkeypatch
):
    s = store
    req = supplies.submit_requisition(
        s.clerk, lines=[supplies.RequisitionLineInput(s.paper, 5)], purpose="x"
    )
    req = supplies.head_approve(s.head, req)
    req = supplies.check_requisition(s.logistics, req, approved={req.lines[0].id: 5})
    req = supplies.issue_requisition(s.logistics, req, receiver=s.clerk)
    assert stock(s.paper) == 25

    # 张三 brings 2 packs back from the issued slip, first forgetting the reason
    panel = page_for(qtbot, s.clerk).open_tab("requisitions")
    panel.reload()
    select(panel.view, req.id)
    assert panel.return_button.isEnabled()
    dialog = panel.return_goods()
    spin = dialog.spins[req.lines[0].id]
    assert spin.maximum() == 5
    spin.setValue(2)
    assert not dialog.try_submit()
    assert dialog.error.text().startswith("[S7]")
    dialog.reason.setText("受潮")
    assert dialog.try_submit(), dialog.error.text()
    ret = supplies.StockReturn.get()
    assert (ret.state, [ln.quantity for ln in ret.lines]) == ("pending", [2])
    assert stock(s.paper) == 25

    # 吴十 (一中队) sees no 退库 on 办公室's slip; 张三 cannot confirm his own
    other = page_for(qtbot, s.driver).open_tab("requisitions")
    assert other.model.rowCount() == 0
    mine = page_for(qtbot, s.clerk).open_tab("returns")
    mine.reload()
    select(mine.view, ret.id)
    assert mine.confirm_button.isHidden() and mine.withdraw_button.isEnabled()

    # 周九 (后勤) finds it in his work list and confirms it: the paper is back in stock
    desk = page_for(qtbot, s.logistics).open_tab("returns")
    desk.reload()
    assert desk.model.rowCount() == 1
    select(desk.view, ret.id)
    assert desk.confirm_button.isEnabled() and desk.refuse_button.isEnabled()
    boxes.answer = True
    assert desk.confirm()
    assert stock(s.paper) == 27
    assert supplies.StockReturn.get_by_id(ret.id).state == "accepted"
    back = Movement.get(Movement.kind == MovementKind.DEPT_RETURN)
    assert back.quantity == 2 and req.number in back.reason
    desk.reload()
    assert desk.model.rowCount() == 0  # nothing left to confirm

    # 张三 prints the 退库单 from his list
    mine.reload()
    select(mine.view, ret.id)
    opened: list[str] = []
    monkeypatch.setattr(print_preview, "show", lambda path, parent: opened.append(str(path)))
    task = mine.print_slip()
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    text = PdfReader(opened[-1]).pages[0].extract_text()
    assert "办公用品退库单" in text and ret.number in text and "已退库" in text
    # 明细 (Enter on the row) opens the return as it stands; on the slip, the slip
    shown = mine.details()
    assert ret.number in shown.windowTitle() and shown.table.rowCount() == 1
    panel.reload()
    select(panel.view, req.id)
    assert req.number in panel.details().windowTitle()


def test_S6_over_issue_is_refused_with_the_rule_id(qtbot, store, boxes):
    s = store
    req = supplies.submit_requisition(
        s.clerk, lines=[supplies.RequisitionLineInput(s.toner, 3)], purpose="x"
    )
    req = supplies.head_approve(s.head, req)
    page = page_for(qtbot, s.logistics)
    panel = page.open_tab("requisitions")
    panel.reload()
    select(panel.view, req.id)
    check = panel.check()
    # meanwhile another clerk issues two of the three toners on another slip
    other = supplies.submit_requisition(
        s.driver, lines=[supplies.RequisitionLineInput(s.toner, 2)], purpose="y"
    )
    other = supplies.head_approve(s.squad_head, other)
    other = supplies.check_requisition(s.logistics, other, approved={other.lines[0].id: 2})
    other = supplies.issue_requisition(s.logistics, other, receiver=s.driver)
    assert stock(s.toner) == 1
    # approving 3 with 1 in stock is a warning: "continue?" yes re-runs acknowledged
    boxes.answer = True
    assert check.try_submit()
    assert boxes.shown[-1].kind == "warning" and "[S6]" in boxes.shown[-1].text
    panel.reload()
    select(panel.view, req.id)
    issue = panel.issue()
    assert not issue.try_submit()
    assert issue.error.text().startswith("[S6]")
    assert "库存不足" in issue.error.text()
    assert stock(s.toner) == 1
    assert supplies.Requisition.get_by_id(req.id).state == RequisitionState.APPROVED


def type_count(qtbot, table, text: str) -> None:
    """Type digits into the current cell as a clerk would, then Enter."""
    qtbot.keyClicks(table, text[0])
    editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "typing a digit opens the cell editor"
    editor = editors[0]
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    row = table.currentIndex().row()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits the editor by a queued call: let the event loop run as it would for a user
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    assert table.currentIndex().row() == min(row + 1, table.model().rowCount() - 1)


def test_S5_blind_stocktake_keyboard_counts_variances_approval_and_posting(qtbot, store, boxes):
    s = store
    page = page_for(qtbot, s.logistics)
    panel = page.open_tab("stocktake")
    assert panel.banner.isVisible() and "季度" in panel.banner.text()  # due this quarter
    opener = panel.start()
    opener.blind.setChecked(True)
    assert opener.try_submit(), opener.error.text()
    st = panel.current
    assert st is not None and st.blind
    # the book quantities are not in the table at all while counting blind
    hidden = [KEYS[c] for c in range(len(KEYS)) if panel.table.isColumnHidden(c)]
    assert hidden == ["book", "during", "expected", "variance"]
    book = KEYS.index("book")
    assert {panel.model.data(panel.model.index(r, book)) for r in range(3)} == {""}

    # counts typed with the keyboard: digits, Enter, next row
    table = panel.table
    table.setFocus()
    assert table.currentIndex().row() == 0 and table.currentIndex().column() == COUNTED
    for text in ("52", "30", "1"):  # pens +2, paper exact, toner −2
        type_count(qtbot, table, text)
    assert table.currentIndex().row() == 2  # moved down each time (stays on the last row)
    counted = {
        ln.item_id: ln.counted
        for ln in StocktakeLine.select().where(StocktakeLine.stocktake == st.id)
    }
    assert counted == {s.pen.id: 52, s.paper.id: 30, s.toner.id: 1}
    assert panel.progress.text() == "已盘 3 / 3 项"

    # submitting without reasons is refused with S5 (the router shows the rule ID)
    assert not panel.submit()
    assert boxes.shown[-1].text.startswith("[S5]")
    model = panel.model
    model.setData(model.index(0, REASON), "found in drawer")
    model.setData(model.index(2, REASON), "damaged")
    assert panel.submit()
    assert panel.current.state == StocktakeState.PENDING
    assert not any(panel.table.isColumnHidden(c) for c in range(len(KEYS)))  # handed in
    assert model.data(model.index(0, KEYS.index("variance"))) == "+2"

    # the main leader approves from his page; 后勤 posts
    leader_panel = page_for(qtbot, s.leader).open_tab("stocktake")
    assert leader_panel.approve_button.isEnabled()
    assert leader_panel.approve()
    panel.reload()
    assert panel.post_button.isEnabled()
    assert panel.post()
    movements = list(
        Movement.select().where((Movement.doc_type == "stocktake") & (Movement.doc_id == st.id))
    )
    assert sorted((m.kind, m.quantity) for m in movements) == [
        (MovementKind.GAIN.value, 2),
        (MovementKind.LOSS.value, -2),
    ]
    assert (stock(s.pen), stock(s.paper), stock(s.toner)) == (52, 30, 1)

    # a posted stocktake offers no editor and no button that changes it
    assert panel.current.state == StocktakeState.POSTED
    assert not panel.banner.isVisible()  # this quarter's count is done
    index = model.index(0, COUNTED)
    assert not (model.flags(index) & Qt.ItemFlag.ItemIsEditable)
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    assert not model.setData(index, "99")
    for button in (
        panel.submit_button,
        panel.post_button,
        panel.import_button,
        panel.cancel_button,
    ):
        assert not button.isEnabled()
    assert (
        StocktakeLine.get(
            (StocktakeLine.stocktake == st.id) & (StocktakeLine.item == s.pen.id)
        ).counted
        == 52
    )


def test_consumption_chart_shows_each_departments_quarters(qtbot, store):
    s = store
    for clerk, head, qty in ((s.clerk, s.head, 8), (s.driver, s.squad_head, 4)):
        req = supplies.submit_requisition(
            clerk, lines=[supplies.RequisitionLineInput(s.pen, qty)], purpose="z"
        )
        req = supplies.head_approve(head, req)
        req = supplies.check_requisition(s.logistics, req, approved={req.lines[0].id: qty})
        req = supplies.issue_requisition(s.logistics, req, receiver=clerk)
    supplies.update_item(s.logistics, s.pen, price="2.50")
    page = page_for(qtbot, s.logistics)
    stats = page.open_tab("stats")
    assert stats.loaded
    sets = stats.series.barSets()
    assert [b.label() for b in sets] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    q = (date.today().month - 1) // 3
    departments = stats.chart.axes(Qt.Orientation.Horizontal)[0].categories()
    assert departments == ["一中队", "办公室"]
    assert [sets[q].at(i) for i in range(2)] == [10.0, 20.0]
    assert stats.chart_total() == 30.0
    assert stats.table.rowCount() == 2


def test_S5_the_count_sheet_prints_counts_come_back_from_it_and_the_result_exports(
    qtbot, store, boxes, tmp_path, monkeypatch
):
    s = store
    page = page_for(qtbot, s.logistics)
    panel = page.open_tab("stocktake")
    opener = panel.start()
    assert opener.try_submit(), opener.error.text()
    st = panel.current
    opened: list[str] = []
    monkeypatch.setattr(print_preview, "show", lambda path, parent: opened.append(str(path)))
    task = panel.print_sheet()
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    text = PdfReader(opened[-1]).pages[0].extract_text()
    assert "办公用品盘点表" in text and st.number in text

    # the clerks fill the sheet's 实盘数 (paper one short, with its reason) and import it
    sheet = write_count_sheet(st.id, tmp_path / "counts.xlsx").path
    book = openpyxl.load_workbook(sheet)
    ws = book.active
    header = next(r for r in ws.iter_rows() if any(c.value == "实盘数" for c in r))
    column = {c.value: c.column for c in header}
    counts = {s.pen.code: (50, ""), s.paper.code: (29, "破损"), s.toner.code: (3, "")}
    for row in ws.iter_rows(min_row=header[0].row + 1):
        code = row[column["物品编码"] - 1].value
        if code in counts:
            ws.cell(row[0].row, column["实盘数"], counts[code][0])
            ws.cell(row[0].row, column["差异原因"], counts[code][1])
    book.save(sheet)
    boxes.answer = True
    panel.import_counts(str(sheet))
    qtbot.waitUntil(lambda: panel.progress.text() == "已盘 3 / 3 项", timeout=10_000)
    assert [b.kind for b in boxes.shown] == ["warning", "conflict"]  # 确认导入？, then done
    lines = StocktakeLine.select().where(StocktakeLine.stocktake == st.id)
    assert {ln.item_id: ln.counted for ln in lines} == {s.pen.id: 50, s.paper.id: 29, s.toner.id: 3}

    out = tmp_path / "result.xlsx"
    task = panel.export_result(str(out))
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert task.exception is None, task.exception
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    header = next(r for r in rows if "差异原因" in r)
    paper = next(r for r in rows if s.paper.code in r)
    assert dict(zip(header, paper, strict=False))["差异"] == -1
    assert dict(zip(header, paper, strict=False))["差异原因"] == "破损"


def test_S6_the_slip_prints_with_its_lines(qtbot, store, monkeypatch):
    s = store
    req = supplies.submit_requisition(
        s.clerk, lines=[supplies.RequisitionLineInput(s.paper, 4)], purpose="会议"
    )
    panel = page_for(qtbot, s.clerk).open_tab("requisitions")
    panel.reload()
    select(panel.view, req.id)
    opened: list[str] = []
    monkeypatch.setattr(print_preview, "show", lambda path, parent: opened.append(str(path)))
    task = panel.print_slip()
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    text = PdfReader(opened[-1]).pages[0].extract_text()
    assert "申请批准单" in text and req.number in text and "复印纸" in text


def test_the_quarterly_report_is_written_from_the_statistics_tab(qtbot, store, tmp_path):
    page = page_for(qtbot, store.logistics)
    stats = page.open_tab("stats")
    out = tmp_path / "季度报表.xlsx"
    task = stats.export_report(str(out))
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert task.exception is None, task.exception
    titles = [ws.title for ws in openpyxl.load_workbook(out).worksheets]
    assert titles[:2] == ["季末库存表", "科室领用统计"]


def test_S1_the_item_dialog_is_the_catalogue_register(qtbot, store):
    from forms.supplies.registers import ITEMS
    from tests.desktop.typing import type_text

    catalogue = page_for(qtbot, store.logistics).open_tab("catalogue")
    dialog = catalogue.item_dialog()
    qtbot.addWidget(dialog)
    shown = {f.key for f in ITEMS.fields} - {"code", "on_hand"}
    assert set(dialog.editors) == shown
    type_text(dialog.widget("name"), "订书钉")
    dialog.editors["category"].set_value("文具")
    type_text(dialog.widget("unit"), "盒")
    assert dialog.try_submit(), dialog.general_error.text()
    item = Item.get(Item.name == "订书钉")
    assert item.code.startswith("WJ") and not item.gov_catalogue
    edit = catalogue.item_dialog(item)
    qtbot.addWidget(edit)
    edit.widget("reorder_level").setText("12")
    edit.editors["gov_catalogue"].set_value("是")
    assert edit.try_submit(), edit.general_error.text()
    item = Item.get_by_id(item.id)
    assert item.reorder_level == 12 and item.gov_catalogue and item.category == "stationery"


# --- search, the requisition's confirmation, the count's filters, the first quarter -------


def listed_codes(view) -> list[str]:
    model = view.model
    return sorted(model.row(r)["code"] for r in range(model.rowCount()))


def test_the_catalogue_finds_items_by_specification_word_by_word(qtbot, store):
    s = store
    hp = supplies.add_item(
        s.logistics, name="硒鼓", category="耗材", unit="个", specification="HP 88A"
    )
    items = page_for(qtbot, s.logistics).open_tab("catalogue")
    for text, found in (
        ("a4", [s.paper.code]),  # the specification, any case
        ("硒鼓 hp", [hp.code]),  # each word in some field: the name and the specification
        ("xg HP", [hp.code]),  # the name's initials and the specification
        ("硒鼓", sorted([s.toner.code, hp.code])),
        ("硒鼓 a4", []),
    ):
        items.model.set_search(text)
        assert listed_codes(items.view) == found, text
    type_text(items.view.search, "复印纸　a4")  # a full-width space from the input method
    items.view._apply_search()
    assert listed_codes(items.view) == [s.paper.code]
    # the item pickers of the entry tables search the same way
    assert [i.id for i in supplies.items_matching("硒鼓 hp")] == [hp.id]
    assert [i.id for i in supplies.items_matching("  ")] != []  # no words: every item


def confirmation_table(html: str) -> tuple[list[list[str]], list[str], list[QColor]]:
    """The confirmation as Qt lays it out: the table's cells by row, the paragraphs outside
    it, and the text colour of each row's first cell."""
    from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable

    doc = QTextDocument()
    doc.setHtml(html)
    (table,) = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    cells = [
        [table.cellAt(r, c).firstCursorPosition().block().text() for c in range(table.columns())]
        for r in range(table.rows())
    ]
    colours = [
        table.cellAt(r, 0).firstCursorPosition().charFormat().foreground().color()
        for r in range(table.rows())
    ]
    paragraphs = []
    block = doc.begin()
    while block.isValid():
        if block.text() and QTextCursor(block).currentTable() is None:
            paragraphs.append(block.text())
        block = block.next()
    return cells, paragraphs, colours


def test_S6_submitting_confirms_the_lines_and_warns_of_stock_short_cancel_writes_nothing(
    qtbot, store, boxes
):
    s = store
    panel = page_for(qtbot, s.clerk).open_tab("requisitions")
    dialog = panel.new_requisition()
    dialog.add_line(s.pen, 10)  # 50 in stock
    dialog.add_line(s.toner, 5)  # 3 in stock
    before = supplies.Requisition.select().count()
    boxes.answer = False
    assert not dialog.try_submit()
    (asked,) = boxes.shown
    assert asked.title == "确认提交"
    table, paragraphs, colours = confirmation_table(asked.text)
    assert table == [
        ["品名", "规格", "单位", "申领数量", "库存"],
        ["中性笔", "0.5mm", "支", "10", "50"],
        ["⚠ 硒鼓", "88A", "个", "5", "3"],  # short of stock: marked, in red
    ]
    assert colours[1] != colours[2] and colours[2] == QColor(SHORT_COLOUR)
    assert paragraphs[0] == "提交以下 2 项领用申请？"
    warnings = [p for p in paragraphs if p.startswith("⚠")]
    assert warnings == ["⚠ 硒鼓（88A） 申领 5，现有库存仅 3，需到货后方能发放"]
    assert supplies.Requisition.select().count() == before  # cancelled: nothing written
    assert dialog.isVisible()  # still open to change the lines
    boxes.answer = True  # a warning, not a refusal: goods may arrive before the issue
    assert dialog.try_submit(), dialog.error.text()
    req = supplies.Requisition.select().order_by(supplies.Requisition.id.desc()).first()
    assert supplies.Requisition.select().count() == before + 1
    assert sorted(ln.requested for ln in req.lines) == [5, 10]


def test_S5_the_count_entry_searches_and_shows_only_the_differences(qtbot, store):
    s = store
    panel = page_for(qtbot, s.logistics).open_tab("stocktake")
    opener = panel.start()
    assert opener.try_submit(), opener.error.text()
    table, model = panel.table, panel.model
    rows = {model.rows[r]["item_id"]: r for r in range(model.rowCount())}
    model.setData(model.index(rows[s.pen.id], COUNTED), "52")  # +2
    model.setData(model.index(rows[s.paper.id], COUNTED), "30")  # exact
    model.setData(model.index(rows[s.toner.id], COUNTED), "1")  # −2

    def shown() -> list[int]:
        return sorted(model.rows[r]["item_id"] for r in range(3) if not table.isRowHidden(r))

    assert shown() == sorted([s.pen.id, s.paper.id, s.toner.id]) and panel.shown_note.text() == ""
    panel.differences_only.setChecked(True)
    assert shown() == sorted([s.pen.id, s.toner.id])
    assert panel.shown_note.text() == "显示 2 / 3 项"
    type_text(panel.search, "xg")  # the toner, by its initials, among the differences
    assert shown() == [s.toner.id]
    panel.differences_only.setChecked(False)
    panel.search.setText("a4")  # by specification
    assert shown() == [s.paper.id]
    # Enter moves to the next shown row, over the hidden ones
    panel.search.setText("")
    panel.differences_only.setChecked(True)
    table.setCurrentIndex(model.index(rows[s.pen.id], COUNTED))
    table.move_down()
    assert table.currentIndex().row() == rows[s.toner.id]
    assert panel.progress.text() == "已盘 3 / 3 项"  # the count is of every line


def test_S5_a_blind_count_has_no_differences_to_show(qtbot, store):
    panel = page_for(qtbot, store.logistics).open_tab("stocktake")
    opener = panel.start()
    opener.blind.setChecked(True)
    assert opener.try_submit(), opener.error.text()
    assert not panel.differences_only.isEnabled()


def test_statistics_open_on_the_last_finished_quarter_with_goods_issued(qtbot, store):
    s = store
    req = supplies.submit_requisition(
        s.clerk, lines=[supplies.RequisitionLineInput(s.pen, 8)], purpose="z"
    )
    req = supplies.head_approve(s.head, req)
    req = supplies.check_requisition(s.logistics, req, approved={req.lines[0].id: 8})
    supplies.issue_requisition(s.logistics, req, receiver=s.clerk)
    today = date.today()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    page = page_for(qtbot, s.logistics)
    stats = page.open_tab("stats")
    # this quarter is the only one with figures and it is not finished: the year, as before
    assert supplies.last_quarter_with_data(today) is None
    assert stats.year.currentData() == year and stats.quarter.currentData() is None
    # seen from the next quarters, this one is the last finished quarter with goods issued
    later = date(year + 1, 1, 15) if quarter == 4 else date(year, quarter * 3 + 1, 15)
    assert supplies.last_quarter_with_data(later) == (year, quarter)
    assert supplies.last_quarter_with_data(date(later.year + 1, later.month, 1)) == (
        year,
        quarter,
    )
    stats.year.setCurrentIndex(stats.year.count() - 1)
    stats.open_on_figures(later)
    assert stats.year.currentData() == year and stats.quarter.currentData() == quarter
    assert stats.table.rowCount() == 1
    assert not stats.total.text().rstrip().endswith("：")


def test_S8_the_item_ledger_shows_a_page_of_a_long_history_each_row_with_its_balance(
    qtbot, store, tmp_path, monkeypatch
):
    """An item moved daily for years: 物品台账 loads its first page, not the whole history;
    each row shown carries the balance after it, the last one the stock, and the total is
    the sum of every movement."""
    from desktop.lazy_model import PAGE_SIZE
    from desktop.supplies.catalogue import LedgerDialog
    from tests.models.test_supplies import daily_movements

    daily_movements(store.logistics, store.pen, 3 * 365)
    pen = Item.get_by_id(store.pen.id)
    assert pen.on_hand == 50 + 3 * 365
    dialog = LedgerDialog(pen)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()  # one page, not 2,191 rows
    column = {c.key: i for i, c in enumerate(model.columns)}

    def cell(row: int, key: str) -> str:
        return model.index(row, column[key]).data()

    assert [cell(r, "balance") for r in range(5)] == ["50", "52", "51", "53", "52"]
    assert (cell(1, "in"), cell(1, "out"), cell(2, "in"), cell(2, "out")) == ("2", "", "", "1")
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1 + 2 * 3 * 365
    assert cell(model.rowCount() - 1, "balance") == str(pen.on_hand)
    assert (dialog.count, dialog.total) == (1 + 2 * 3 * 365, pen.on_hand)
    assert f"{pen.on_hand}{pen.unit}" in dialog.summary.text()
    # The export holds the whole ledger, not the pages shown.
    from desktop.supplies import catalogue

    path = tmp_path / "ledger.xlsx"
    monkeypatch.setattr(catalogue, "ask_save_path", lambda *_a, **_k: str(path))
    task = dialog.export()
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    sheet = openpyxl.load_workbook(path).active
    balances = [row[5] for row in sheet.iter_rows(values_only=True) if row[5] is not None]
    assert str(pen.on_hand) in balances and "52" in balances
    assert sum(1 for b in balances if str(b).isdigit()) == 1 + 2 * 3 * 365
