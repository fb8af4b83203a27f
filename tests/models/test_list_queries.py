"""The approval lists' computed columns, on SQLite and MariaDB: 当前审批人 and since when a
request waits (我的申请), and the poll's latest 催办 (the approver is told)."""

from __future__ import annotations

from datetime import datetime, timedelta

from models import queries, workflow
from models.workflow import Approver, Flow, Instance, Node

FLOW = workflow.register_flow(
    Flow(
        "t_list_queries",
        "用车申请",
        (
            Node("heads", "科室负责人或领导", (Approver.dept_head(), Approver.user("wangwu"))),
            Node("leader", "领导审批", (Approver.user("qianqi"),)),
        ),
    )
)
T0 = datetime(2026, 10, 12, 9, 0)


def _row(user):
    return (
        queries.my_request_rows(user)
        .select(
            Instance.id,
            queries.current_approvers().alias("approvers"),
            queries.waiting_since().alias("since"),
        )
        .dicts()
        .get()
    )


def test_my_requests_name_the_current_approvers_and_since_when_they_wait(office):
    inst = workflow.submit(office.clerk, "t_list_queries", title="送文件", at=T0)
    row = _row(office.clerk)
    assert sorted(row["approvers"].split(",")) == ["李四", "王五"]
    assert queries.as_datetime(row["since"]) == T0
    workflow.approve(office.head, inst.id, "同意", at=T0 + timedelta(hours=2))  # 或签: one
    row = _row(office.clerk)
    assert row["approvers"] == "钱七"
    assert queries.as_datetime(row["since"]) == T0 + timedelta(hours=2)
    workflow.approve(office.leader2, inst.id, "同意", at=T0 + timedelta(hours=3))
    row = _row(office.clerk)
    assert row["approvers"] is None and row["since"] is None


def test_the_poll_sees_when_an_approvers_task_was_urged(office):
    inst = workflow.submit(office.clerk, "t_list_queries", title="送文件")
    before = queries.inbox_signature(office.head)
    assert before.pending == 1 and before.last_urged is None
    workflow.urge(office.clerk, inst.id)
    after = queries.inbox_signature(office.head)
    assert after.pending == 1 and after.last_urged is not None
    assert after != before
    assert queries.inbox_signature(office.leader2).last_urged is None  # not his task yet
