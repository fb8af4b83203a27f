"""Navigation by module, the status bar, the inbox badge and the poll."""

from __future__ import annotations

from desktop.admin import AdminPage
from desktop.app import build_main_window
from desktop.approvals import ApprovalCenter
from models import workflow
from models.workflow import Approver, Flow, Node

FLOW = workflow.register_flow(
    Flow(
        "t_desk",
        "办公用品申领",
        (
            Node("head", "科室负责人审批", (Approver.dept_head(),)),
            Node("leader", "领导审批", (Approver.user("wangwu"),)),
        ),
    )
)


def window(qtbot, desk, user):
    w = build_main_window(user, desk.url)
    qtbot.addWidget(w)
    w.show()
    return w


def test_navigation_shows_built_modules_only_and_by_role(qtbot, desk):
    admin = window(qtbot, desk, desk.admin)
    assert admin.module_keys() == ["home", "fleet", "approvals", "admin"]
    titles = [admin.nav.item(i).text() for i in range(admin.nav.count())]
    assert titles == ["工作台", "车辆管理", "审批中心", "系统管理"]
    assert "客户回访" not in titles and "培训考勤" not in titles  # not built: not shown at all
    admin.open_module("approvals")
    assert isinstance(admin.stack.currentWidget(), ApprovalCenter)
    admin.nav.setCurrentRow(3)
    assert isinstance(admin.stack.currentWidget(), AdminPage)
    clerk = window(qtbot, desk, desk.clerk)  # an 办事员 who drives nothing: no fleet page
    assert clerk.module_keys() == ["home", "supplies", "approvals"]
    head = window(qtbot, desk, desk.head)  # a department head: no fleet page
    assert head.module_keys() == ["home", "supplies", "approvals"]


def test_status_bar_names_user_roles_and_database(qtbot, desk):
    w = window(qtbot, desk, desk.head)
    assert "李四" in w.user_label.text() and "办公室" in w.user_label.text()
    assert "科室负责人" in w.roles_label.text()
    assert desk.url.removeprefix("sqlite:///") in w.db_label.text()


def test_badge_counts_the_inbox_and_the_poll_sees_another_desktop(qtbot, desk):
    w = window(qtbot, desk, desk.head)
    assert w.badge() == 0
    assert w.poll_timer.isActive() and w.poll_timer.interval() <= 60_000
    page = w.open_module("approvals")
    # Another desktop (the clerk's) submits twice: nothing here until the poll.
    workflow.submit(desk.clerk, "t_desk", title="申领A4纸", fields={"qty": 5})
    workflow.submit(desk.clerk, "t_desk", title="申领墨盒", fields={"qty": 1})
    assert w.badge() == 0
    assert page.tab("inbox").model.rowCount() == 0
    assert w.poll() is True
    assert w.badge() == 2
    assert page.tab("inbox").model.rowCount() == 2  # the open list reloaded too
    assert page.tabs.tabText(0) == "待我审批 (2)"
    assert w.poll() is False  # nothing changed: nothing reloaded


def test_the_window_title_says_the_system_name_once(qtbot, desk, app):
    w = window(qtbot, desk, desk.clerk)
    shown = f"{w.windowTitle()} — {app.applicationDisplayName()}"  # as Qt draws it
    assert shown.count("后勤") == 1 and "张三" in shown


def test_the_about_box_lists_only_the_registered_modules(qtbot, desk, boxes):
    from desktop import modules

    w = window(qtbot, desk, desk.admin)
    w.about()
    text = boxes.shown[-1].text
    for module in modules.registered():
        assert module.title() in text
    assert "客户回访" not in text and "培训考勤" not in text
