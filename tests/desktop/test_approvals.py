"""审批中心: approving from the inbox, the stale-screen conflict, batch approval, my requests."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from desktop.app import build_main_window
from desktop.approvals import ApprovalCenter
from models import workflow
from models.workflow import Approver, Flow, Instance, Node, State

FLOW = workflow.register_flow(
    Flow(
        "t_desk_approval",
        "用车申请",
        (
            Node("head", "科室负责人审批", (Approver.dept_head(),)),
            Node("leader", "领导审批", (Approver.user("wangwu"),)),
        ),
    )
)


def submit(desk, title="去市局送文件"):
    return workflow.submit(desk.clerk, "t_desk_approval", title=title, fields={"人数": 2})


def center(qtbot, user) -> ApprovalCenter:
    page = ApprovalCenter(user)
    qtbot.addWidget(page)
    page.show()
    return page


def select_rows(view, rows):
    selection = view.table.selectionModel()
    for row in rows:
        selection.select(
            view.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_approve_from_the_inbox_moves_the_document_on(qtbot, desk):
    inst = submit(desk)
    w = build_main_window(desk.head, desk.url)
    qtbot.addWidget(w)
    w.show()
    assert w.badge() == 1
    page = w.open_module("approvals")
    assert page.tab("inbox").model.rowCount() == 1
    select_rows(page.tab("inbox"), [0])
    dialog = page.open_selected(page.tab("inbox"))
    assert dialog is not None and dialog.can.approve
    shown = [label.text() for label in dialog.fields_box.findChildren(type(dialog.header))]
    assert "人数：" in shown and "2" in shown
    assert dialog.trail.rowCount() == 1  # 提交
    dialog.comment.setPlainText("同意")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    inst = Instance.get_by_id(inst.id)
    assert inst.state == State.PENDING and inst.current_node().key == "leader"
    steps = workflow.trail(inst.id)
    assert [(s.action, s.actor_name, s.comment) for s in steps][-1] == ("approve", "李四", "同意")
    assert page.tab("inbox").model.rowCount() == 0
    assert w.badge() == 0


def test_a_stale_screen_gets_the_conflict_message_and_reloads(qtbot, desk, boxes):
    inst = submit(desk)
    page = center(qtbot, desk.head)
    dialog = page.open_document(inst.id, page.tab("inbox").model.row(0)["version"])
    # Meanwhile the same document is returned to the applicant from another desktop.
    workflow.return_to(desk.head, inst.id, "请补充用车事由")
    workflow.resubmit(desk.clerk, inst.id)
    assert not dialog.approve()
    assert [s.kind for s in boxes.shown] == ["conflict"]
    assert "已被他人处理" in boxes.shown[0].text
    # the dialog now shows the document as it is: the trail has the return and resubmit
    assert [dialog.trail.item(r, 3).text() for r in range(3)] == ["提交", "退回", "重新提交"]
    assert Instance.get_by_id(inst.id).current_node().key == "head"


def test_reject_needs_a_comment_and_says_so(qtbot, desk, boxes):
    inst = submit(desk)
    page = center(qtbot, desk.head)
    dialog = page.open_document(inst.id)
    assert not dialog.reject_document()
    assert boxes.shown[0].kind == "rule"
    assert boxes.shown[0].text.startswith("[X2] 驳回必须填写意见")
    dialog.comment.setPlainText("本月用车已满")
    assert dialog.reject_document()
    assert Instance.get_by_id(inst.id).state == State.REJECTED


def test_transfer_and_carbon_copy_pick_people_by_pinyin(qtbot, desk):
    inst = submit(desk)
    page = center(qtbot, desk.head)
    dialog = page.open_document(inst.id)
    dialog.person.setText("qq")
    dialog.person.refresh()
    assert dialog.person.completer().model().stringList() == ["钱七（qianqi）"]
    dialog.person._chosen("钱七（qianqi）")
    assert dialog.carbon_copy()
    assert [c.user.name for c in workflow.CarbonCopy.select()] == ["钱七"]
    # 转交 goes to someone who may decide the step for this document: another 科室负责人
    # of the applicant's department.
    from tests.office import add_deputy

    deputy = add_deputy(desk)
    dialog.person.setText("le")
    dialog.person.refresh()
    dialog.person._chosen("李二（lier）")
    assert dialog.transfer()
    assert [t.instance.title for t in workflow.inbox(deputy)] == ["去市局送文件"]


def test_X1_an_administrator_hands_on_a_departed_heads_task_but_cannot_decide_it(qtbot, desk):
    from models import people
    from tests.office import add_deputy

    inst = submit(desk)
    people.void_user(desk.admin, desk.head, "已调离")  # nobody else heads 办公室
    page = center(qtbot, desk.admin)
    dialog = page.open_document(inst.id)
    assert dialog.transfer_button.isEnabled() and not dialog.approve_button.isEnabled()
    deputy = add_deputy(desk)
    dialog.person.setText("le")
    dialog.person.refresh()
    dialog.person._chosen("李二（lier）")
    assert dialog.transfer()
    assert [t.instance.title for t in workflow.inbox(deputy)] == ["去市局送文件"]


def test_batch_approve_runs_in_the_background_and_reports(qtbot, desk, boxes):
    first, second = submit(desk, "一"), submit(desk, "二")
    page = center(qtbot, desk.head)
    select_rows(page.tab("inbox"), [0, 1])
    task = page.batch_approve()
    assert task is not None
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    for inst in (first, second):
        assert Instance.get_by_id(inst.id).current_node().key == "leader"
    assert "已同意 2 份" in boxes.shown[-1].text
    assert page.tab("inbox").model.rowCount() == 0


def test_my_requests_withdraw_and_urge(qtbot, desk, boxes):
    inst = submit(desk)
    page = center(qtbot, desk.clerk)
    mine = page.open_tab("mine")
    assert mine.model.rowCount() == 1
    assert mine.model.data(mine.model.index(0, 2)) == "审批中"
    select_rows(mine, [0])
    page.urge_selected()
    assert boxes.shown[-1].text == "已提醒 1 位审批人。"
    select_rows(mine, [0])  # the list reloaded after the urge
    page.withdraw_selected()
    assert Instance.get_by_id(inst.id).state == State.WITHDRAWN
    assert mine.model.data(mine.model.index(0, 2)) == "已撤回"


def test_delegated_work_appears_in_the_delegates_inbox(qtbot, desk):
    from datetime import datetime, timedelta

    from tests.office import add_deputy

    now = datetime.now()
    submit(desk)
    deputy = add_deputy(desk)  # joined after the submission: not asked himself
    workflow.delegate(
        desk.head, desk.head, deputy, now - timedelta(hours=1), now + timedelta(days=1)
    )
    page = center(qtbot, deputy)
    assert page.tab("inbox").model.rowCount() == 1
    inbox = page.tab("inbox").model
    on_behalf = [c.key for c in inbox.columns].index("for")
    assert inbox.data(inbox.index(0, on_behalf)) == "代 李四"
    assert page.open_tab("delegations").model.rowCount() == 1


def test_overdue_deadlines_show_in_red(qtbot, desk):
    from datetime import datetime, timedelta

    from desktop.approvals import OVERDUE

    workflow.submit(
        desk.clerk, "t_desk_approval", title="早已超期", at=datetime.now() - timedelta(days=30)
    )
    submit(desk, "今天提交")
    page = center(qtbot, desk.head)
    model = page.tab("inbox").model
    due = [c.key for c in model.columns].index("due")
    colours = {}
    for row in range(model.rowCount()):
        title = model.index(row, 0).data()
        brush = model.index(row, due).data(Qt.ItemDataRole.ForegroundRole)
        colours[title] = brush.name() if brush is not None else None
    assert colours == {"早已超期": OVERDUE, "今天提交": None}


def test_my_requests_show_the_current_approver_and_how_long_it_has_waited(qtbot, desk):
    from datetime import datetime, timedelta

    at = datetime.now().replace(microsecond=0) - timedelta(days=2, hours=3, minutes=1)
    inst = workflow.submit(desk.clerk, "t_desk_approval", title="去市局送文件", at=at)
    page = center(qtbot, desk.clerk)
    mine = page.open_tab("mine")
    keys = [c.key for c in mine.model.columns]
    row = {k: mine.model.index(0, keys.index(k)).data() for k in ("approvers", "waited")}
    assert row == {"approvers": "李四", "waited": "2天3小时"}
    workflow.approve(desk.head, inst.id, "同意")
    page.reload()
    assert mine.model.index(0, keys.index("approvers")).data() == "王五"
    assert mine.model.index(0, keys.index("waited")).data().endswith("分钟")


def test_an_urge_is_flagged_in_the_approvers_inbox_and_told_on_his_next_refresh(qtbot, desk):
    from desktop.approvals import URGED

    inst = submit(desk)
    w = build_main_window(desk.head, desk.url)
    qtbot.addWidget(w)
    w.show()
    assert w.urge_notice == ""
    page = w.open_module("approvals")
    inbox = page.tab("inbox").model
    urged = [c.key for c in inbox.columns].index("urged")
    assert inbox.index(0, urged).data() == ""
    workflow.urge(desk.clerk, inst.id)  # from the applicant's desktop
    assert w.poll()  # the next refresh
    assert "催办" in w.urge_notice and w.statusBar().currentMessage() == w.urge_notice
    assert inbox.index(0, urged).data().startswith("⚑ ")
    assert inbox.index(0, urged).data(Qt.ItemDataRole.ForegroundRole).name() == URGED
    w.urge_notice = ""
    w.poll()
    assert w.urge_notice == ""  # told once


def test_copied_to_me_opens_the_document(qtbot, desk):
    inst = submit(desk)
    workflow.carbon_copy(desk.head, inst.id, [desk.leader2], "请知悉")
    page = center(qtbot, desk.leader2)
    copied = page.open_tab("copied")
    assert copied.model.rowCount() == 1
    select_rows(copied, [0])
    dialog = page.open_selected(copied)
    assert dialog is not None and dialog.instance.id == inst.id
    assert not dialog.can.approve and dialog.action_box.isHidden()
    shown = [label.text() for label in dialog.fields_box.findChildren(type(dialog.header))]
    assert "人数：" in shown
