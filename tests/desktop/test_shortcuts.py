"""The keys: F5, Ctrl+F, Ctrl+N, Ctrl+O, Ctrl+P on the list the user is in; Ctrl+S in a form;
Ctrl+Enter and Ctrl+Shift+R in the approval dialog; Enter down an entry table's column."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop import shortcuts
from desktop.app import build_main_window
from desktop.approvals import ApprovalCenter
from desktop.document_dialog import DocumentDialog
from desktop.supplies.requisitions import NewRequisitionDialog
from models import supplies, workflow
from models.workflow import Approver, Flow, Instance, Node, State

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FLOW = workflow.register_flow(
    Flow("t_keys", "用车申请", (Node("head", "科室负责人审批", (Approver.dept_head(),)),))
)


def submit(desk, title="去市局送文件") -> Instance:
    return workflow.submit(desk.clerk, "t_keys", title=title, fields={"人数": 2})


def window_of(qtbot, user, url):
    window = build_main_window(user, url)
    qtbot.addWidget(window)
    window.show()
    activate(qtbot, window)
    return window


def activate(qtbot, widget) -> None:
    """A window's keys work while it is the active window."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def select_first(view) -> None:
    view.table.selectionModel().select(
        view.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.table.setCurrentIndex(view.model.index(0, 0))


def open_dialogs(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_F5_reads_again_what_another_desktop_changed(qtbot, desk):
    window = window_of(qtbot, desk.head, desk.url)
    page = window.open_module("approvals")
    assert window.badge() == 0 and page.tab("inbox").model.rowCount() == 0
    submit(desk)  # another desktop; the 30-second poll has not run
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert window.badge() == 1 and page.tab("inbox").model.rowCount() == 1


def test_ctrl_F_goes_to_the_search_box_of_the_list_shown(qtbot, desk):
    window = window_of(qtbot, desk.head, desk.url)
    page = window.open_module("approvals")
    window.nav.setFocus()
    QTest.keyClick(window.nav, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is page.tab("inbox").search
    assert shortcuts.text(shortcuts.FIND) in page.tab("inbox").search.toolTip()


def test_ctrl_O_and_enter_open_the_selected_request(qtbot, desk):
    inst = submit(desk)
    window = window_of(qtbot, desk.head, desk.url)
    inbox = window.open_module("approvals").tab("inbox")
    select_first(inbox)
    inbox.table.setFocus()
    QTest.keyClick(inbox.table, Qt.Key.Key_O, CTRL)
    dialogs = open_dialogs(DocumentDialog)
    assert [d.instance.id for d in dialogs] == [inst.id]
    dialogs[0].close()
    QTest.keyClick(inbox.table, Qt.Key.Key_Return)
    assert len(open_dialogs(DocumentDialog)) == 1


def test_ctrl_N_and_ctrl_P_press_the_lists_new_and_print_buttons(qtbot, desk):
    window = window_of(qtbot, desk.clerk, desk.url)
    page = window.open_module("supplies")
    requisitions = page.open_tab("requisitions")
    assert shortcuts.text(shortcuts.NEW) in requisitions.new_button.toolTip()
    assert shortcuts.text(shortcuts.PRINT) in requisitions.print_button.toolTip()
    assert window.current_list() is requisitions.view
    QTest.keyClick(requisitions.view.table, Qt.Key.Key_N, CTRL)
    assert len(open_dialogs(NewRequisitionDialog)) == 1
    printed = []
    requisitions.print_button.clicked.connect(lambda *_: printed.append(True))
    requisitions.print_button.setEnabled(True)
    QTest.keyClick(requisitions.view.table, Qt.Key.Key_P, CTRL)
    assert printed == [True]


def test_a_key_does_nothing_where_its_button_is_not_offered(qtbot, desk):
    window = window_of(qtbot, desk.head, desk.url)
    inbox = window.open_module("approvals").tab("inbox")
    assert inbox.button_for("new") is None and not inbox.press("new")
    window.open_module("home")
    assert window.current_list() is None  # the 工作台 has no list: Ctrl+N does nothing
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)


def test_ctrl_enter_approves_in_the_approval_dialog(qtbot, desk):
    inst = submit(desk)
    page = ApprovalCenter(desk.head)
    qtbot.addWidget(page)
    dialog = page.open_document(inst.id)
    activate(qtbot, dialog)
    assert shortcuts.text(shortcuts.APPROVE[0]) in dialog.approve_button.toolTip()
    dialog.comment.setFocus()
    dialog.comment.setPlainText("同意")
    QTest.keyClick(dialog.comment, Qt.Key.Key_Return, CTRL)
    assert Instance.get_by_id(inst.id).state == State.APPROVED


def test_ctrl_shift_R_rejects_in_the_approval_dialog(qtbot, desk):
    inst = submit(desk)
    page = ApprovalCenter(desk.head)
    qtbot.addWidget(page)
    dialog = page.open_document(inst.id)
    activate(qtbot, dialog)
    assert shortcuts.text(shortcuts.REJECT) in dialog.reject_button.toolTip()
    dialog.comment.setFocus()
    dialog.comment.setPlainText("不符合规定")
    QTest.keyClick(dialog.comment, Qt.Key.Key_R, CTRL | SHIFT)
    assert Instance.get_by_id(inst.id).state == State.REJECTED


def test_enter_moves_down_an_entry_tables_column_and_ctrl_S_saves(qtbot, desk):
    pen = supplies.add_item(desk.logistics, name="中性笔", category="书写工具", unit="支")
    paper = supplies.add_item(desk.logistics, name="复印纸", category="纸本", unit="包")
    dialog = NewRequisitionDialog(desk.clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    dialog.add_line(pen, 1)
    dialog.add_line(paper, 1)
    first, second = dialog.lines.widget(0, "quantity"), dialog.lines.widget(1, "quantity")
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is second
    assert dialog.isVisible()  # Enter did not press OK with the lines half typed
    QTest.keyClick(second, Qt.Key.Key_Return)  # the last row: stays, still no OK
    assert dialog.isVisible()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert shortcuts.text(shortcuts.SAVE) in ok.toolTip()
    dialog.purpose.setText("办公用")
    QTest.keyClick(dialog.purpose, Qt.Key.Key_S, CTRL)
    assert not dialog.isVisible() and dialog.result_value is not None


def test_ctrl_N_of_the_administrators_lists_is_their_add_button(qtbot, desk):
    from desktop.admin import AdminPage

    page = AdminPage(desk.admin)
    qtbot.addWidget(page)
    page.show()
    assert page.open_tab("users").button_for("new").text() == "新增用户…"
    departments = page.open_tab("departments")
    assert departments.button_for("new").text() == "新增部门…"
    assert shortcuts.text(shortcuts.NEW) in departments.button_for("new").toolTip()
