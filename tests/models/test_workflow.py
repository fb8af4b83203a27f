"""The approval engine, every action, on SQLite and MariaDB."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from models import settings, workflow
from models.errors import Conflict, RuleViolation
from models.people import Role
from models.workflow import Approver, Condition, Flow, Mode, Node, State, TaskState
from tests.office import add_deputy

T0 = datetime(2026, 11, 2, 9, 0)  # a Monday

SIMPLE = workflow.register_flow(
    Flow(
        "t_simple",
        "简单申请",
        (
            Node("head", "科室负责人审批", (Approver.dept_head(),)),
            Node("leader", "领导审批", (Approver.role(Role.LEADER),)),
        ),
    )
)

CONDITIONAL = workflow.register_flow(
    Flow(
        "t_costly",
        "金额申请",
        (
            Node("fleet", "车管鉴定", (Approver.role(Role.FLEET_MANAGER),)),
            Node(
                "leader",
                "主要领导审批",
                (Approver.role(Role.LEADER),),
                Mode.ANY,
                Condition("amount", ">", setting="fleet.costly_part_threshold"),
            ),
            Node("logistics", "后勤备案", (Approver.role(Role.LOGISTICS),)),
        ),
    )
)

COUNTERSIGN = workflow.register_flow(
    Flow("t_all", "会签", (Node("leaders", "领导会签", (Approver.role(Role.LEADER),), Mode.ALL),))
)

SEQUENTIAL = workflow.register_flow(
    Flow(
        "t_seq",
        "依次",
        (
            Node(
                "chain",
                "依次审批",
                (Approver.user("wangwu"), Approver.user("qianqi")),
                Mode.SEQUENTIAL,
            ),
        ),
    )
)

DEDUPE = workflow.register_flow(
    Flow(
        "t_dedupe",
        "去重",
        (
            Node("one", "第一步", (Approver.user("wangwu"),)),
            Node("two", "第二步", (Approver.user("wangwu"), Approver.user("qianqi")), Mode.ANY),
            Node("three", "第三步", (Approver.role(Role.LOGISTICS),)),
        ),
    )
)

SELF_HEAD = workflow.register_flow(
    Flow(
        "t_selfhead",
        "负责人自报",
        (
            Node("head", "科室负责人", (Approver.dept_head(),), skip_if_applicant=True),
            Node("leader", "领导", (Approver.user("wangwu"),)),
        ),
    )
)

DEADLINE = workflow.register_flow(
    Flow(
        "t_deadline", "时限", (Node("leader", "领导", (Approver.user("wangwu"),), deadline_days=2),)
    )
)


def submit(office, doc_type="t_simple", applicant=None, **fields):
    return workflow.submit(
        applicant or office.clerk, doc_type, title="测试申请", fields=fields, at=T0
    )


def pending_names(inst) -> list[str]:
    return sorted(
        t.assignee.name
        for t in workflow.Task.select().where(
            (workflow.Task.instance == inst.id) & (workflow.Task.state == TaskState.PENDING)
        )
    )


def test_X2_sequential_nodes_record_every_step(office):
    inst = submit(office)
    assert pending_names(inst) == ["李四"]
    workflow.approve(office.head, inst.id, "同意购买", at=T0)
    inst = workflow.approve(office.leader, inst.id, "", at=T0)
    assert inst.state == State.APPROVED and inst.finished_at == T0
    steps = workflow.trail(inst.id)
    assert [(s.action, s.actor_name, s.node_name) for s in steps] == [
        ("submit", "张三", ""),
        ("approve", "李四", "科室负责人审批"),
        ("approve", "王五", "领导审批"),
    ]
    assert steps[1].comment == "同意购买"


def test_X1_nobody_approves_their_own_request(office):
    inst = workflow.submit(office.leader, "t_simple", title="领导自己的申请", at=T0)
    workflow.approve(office.head, inst.id, at=T0)
    # 王五 is a leader but the applicant: only 钱七 is asked.
    assert pending_names(inst) == ["钱七"]
    with pytest.raises(RuleViolation) as err:
        workflow.approve(office.leader, inst.id, at=T0)
    assert err.value.rule == "X1" and "自己" in str(err.value)


def test_X1_only_the_current_approver_may_act(office):
    inst = submit(office)
    with pytest.raises(RuleViolation) as err:
        workflow.approve(office.leader, inst.id, at=T0)
    assert err.value.rule == "X1"
    assert pending_names(inst) == ["李四"]


def test_X1_no_approver_but_the_applicant_refuses_the_submission(office):
    flow = workflow.register_flow(
        Flow("t_only_self", "只有自己", (Node("n", "自审", (Approver.user("zhangsan"),)),))
    )
    with pytest.raises(RuleViolation) as err:
        workflow.submit(office.clerk, flow.doc_type, title="x", at=T0)
    assert err.value.rule == "X1"
    assert (
        not workflow.Instance.select().where(workflow.Instance.doc_type == "t_only_self").exists()
    )


def test_department_head_filing_skips_own_head_node(office):
    inst = workflow.submit(office.head, "t_selfhead", title="负责人申请", at=T0)
    assert pending_names(inst) == ["王五"]
    assert [s.action for s in workflow.trail(inst.id)] == ["submit", "skip"]


def test_condition_adds_node_when_amount_above_setting(office):
    cheap = submit(office, "t_costly", amount="1500.00")
    costly = submit(office, "t_costly", amount=Decimal("2500"))
    assert [n.key for n in cheap.route_nodes()] == ["fleet", "logistics"]
    assert [n.key for n in costly.route_nodes()] == ["fleet", "leader", "logistics"]
    settings.put(office.admin, "fleet.costly_part_threshold", "1000")
    again = submit(office, "t_costly", amount=1500)
    assert [n.key for n in again.route_nodes()] == ["fleet", "leader", "logistics"]


def test_countersign_needs_every_approver(office):
    inst = submit(office, "t_all")
    assert pending_names(inst) == ["王五", "钱七"]
    inst = workflow.approve(office.leader, inst.id, at=T0)
    assert inst.state == State.PENDING and pending_names(inst) == ["钱七"]
    inst = workflow.approve(office.leader2, inst.id, at=T0)
    assert inst.state == State.APPROVED


def test_countersign_one_rejection_rejects(office):
    inst = submit(office, "t_all")
    inst = workflow.reject(office.leader2, inst.id, "预算不足", at=T0)
    assert inst.state == State.REJECTED
    assert pending_names(inst) == []


def test_or_sign_first_approval_decides_and_cancels_the_others(office):
    inst = submit(office, "t_costly", amount=5000)
    workflow.approve(office.fleet, inst.id, at=T0)
    assert pending_names(inst) == ["王五", "钱七"]
    workflow.approve(office.leader2, inst.id, at=T0)
    assert pending_names(inst) == ["周九"]
    with pytest.raises(Conflict):
        workflow.approve(office.leader, inst.id, at=T0)


def test_sequential_node_asks_one_after_another(office):
    inst = submit(office, "t_seq")
    assert pending_names(inst) == ["王五"]
    with pytest.raises(RuleViolation) as refusal:
        workflow.approve(office.leader2, inst.id, at=T0)
    assert refusal.value.rule == "X1"
    workflow.approve(office.leader, inst.id, at=T0)
    assert pending_names(inst) == ["钱七"]
    assert workflow.approve(office.leader2, inst.id, at=T0).state == State.APPROVED


def test_same_approver_on_consecutive_nodes_approves_once(office):
    inst = submit(office, "t_dedupe")
    inst = workflow.approve(office.leader, inst.id, at=T0)
    assert pending_names(inst) == ["周九"]
    actions = [(s.action, s.actor_name) for s in workflow.trail(inst.id)]
    assert actions[-1] == ("auto_approve", "王五")


def test_X2_reject_needs_a_comment(office):
    inst = submit(office)
    with pytest.raises(RuleViolation) as err:
        workflow.reject(office.head, inst.id, "  ", at=T0)
    assert err.value.rule == "X2" and err.value.field == "comment"
    assert workflow.Instance.get_by_id(inst.id).state == State.PENDING


def test_return_to_applicant_then_resubmit_with_new_fields(office):
    inst = submit(office, "t_costly", amount=500)
    inst = workflow.return_to(office.fleet, inst.id, "请补充故障照片", at=T0)
    assert inst.state == State.RETURNED and pending_names(inst) == []
    with pytest.raises(RuleViolation) as refusal:
        workflow.resubmit(office.head, inst.id, at=T0)
    assert refusal.value.rule == "X1"
    inst = workflow.resubmit(office.clerk, inst.id, fields={"amount": 9000}, at=T0)
    assert inst.state == State.PENDING
    assert [n.key for n in inst.route_nodes()] == ["fleet", "leader", "logistics"]
    assert pending_names(inst) == ["孙八"]


def test_return_to_an_earlier_node_walks_again_from_there(office):
    inst = submit(office, "t_costly", amount=5000)
    workflow.approve(office.fleet, inst.id, at=T0)
    workflow.approve(office.leader, inst.id, at=T0)
    inst = workflow.return_to(office.logistics, inst.id, "报价单有误", position=0, at=T0)
    assert inst.state == State.PENDING and inst.position == 0
    assert pending_names(inst) == ["孙八"]
    with pytest.raises(RuleViolation) as refusal:
        workflow.return_to(office.fleet, inst.id, "x", position=0, at=T0)
    assert refusal.value.rule is None  # a plain input check


def test_withdraw_only_by_applicant_while_pending(office):
    inst = submit(office)
    with pytest.raises(RuleViolation) as err:
        workflow.withdraw(office.head, inst.id, at=T0)
    assert err.value.rule == "X1"
    inst = workflow.withdraw(office.clerk, inst.id, "不需要了", at=T0)
    assert inst.state == State.WITHDRAWN and pending_names(inst) == []
    with pytest.raises(RuleViolation) as refusal:
        workflow.withdraw(office.clerk, inst.id, at=T0)
    assert refusal.value.rule is None  # a plain input check
    assert list(workflow.inbox(office.head, at=T0)) == []


def test_transfer_hands_the_task_to_another_person(office):
    inst = submit(office)
    deputy = add_deputy(office)  # joined after the submission: not yet asked
    workflow.transfer(office.head, inst.id, deputy, "我出差，请李二处理", at=T0)
    assert pending_names(inst) == ["李二"]
    with pytest.raises(RuleViolation) as refusal:
        workflow.approve(office.head, inst.id, at=T0)
    assert refusal.value.rule == "X1"
    workflow.approve(deputy, inst.id, at=T0)
    assert pending_names(inst) == ["王五", "钱七"]
    with pytest.raises(RuleViolation) as err:
        workflow.transfer(office.leader, inst.id, office.clerk, at=T0)
    assert err.value.rule == "X1"


def test_cc_gives_read_only_access_and_keeps_the_version(office):
    inst = submit(office)
    version = workflow.Instance.get_by_id(inst.id).version
    made = workflow.carbon_copy(office.clerk, inst.id, [office.logistics, office.logistics], at=T0)
    assert len(made) == 1
    assert [i.id for i in workflow.copied_to(office.logistics)] == [inst.id]
    assert workflow.Instance.get_by_id(inst.id).version == version
    with pytest.raises(RuleViolation) as refusal:
        workflow.approve(office.logistics, inst.id, at=T0)
    assert refusal.value.rule == "X1"
    with pytest.raises(RuleViolation) as refusal:
        workflow.carbon_copy(office.driver, inst.id, [office.fleet], at=T0)
    assert refusal.value.rule == "X1"


def test_urge_marks_pending_tasks_and_is_rate_limited(office):
    inst = submit(office)
    assert workflow.urge(office.clerk, inst.id, at=T0) == 1
    with pytest.raises(RuleViolation) as refusal:
        workflow.urge(office.clerk, inst.id, at=T0 + timedelta(minutes=5))
    assert refusal.value.rule is None  # a plain input check
    assert workflow.urge(office.clerk, inst.id, at=T0 + timedelta(minutes=31)) == 1
    with pytest.raises(RuleViolation) as refusal:
        workflow.urge(office.head, inst.id, at=T0 + timedelta(hours=2))
    assert refusal.value.rule == "X1"
    task = workflow.inbox(office.head, at=T0).first()
    assert task.urged_at == T0 + timedelta(minutes=31)


def test_admin_force_close_and_move_are_recorded(office):
    inst = submit(office)
    with pytest.raises(RuleViolation) as err:
        workflow.force_close(office.head, inst.id, "x", at=T0)
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:  # skipping the head would decide for him
        workflow.move_to(office.admin, inst.id, 1, "负责人休假", at=T0)
    assert err.value.rule == "X1" and pending_names(inst) == ["李四"]
    workflow.approve(office.head, inst.id, at=T0)
    inst = workflow.move_to(office.admin, inst.id, 0, "负责人需重新审核", at=T0)
    assert pending_names(inst) == ["李四"]
    inst = workflow.force_close(office.admin, inst.id, "重复提交", at=T0)
    assert inst.state == State.CLOSED and pending_names(inst) == []
    assert [s.action for s in workflow.trail(inst.id)][-2:] == ["move", "force_close"]


def test_batch_approve_reports_each_document(office):
    a, b, c = submit(office), submit(office), submit(office)
    workflow.withdraw(office.clerk, b.id, at=T0)
    results = workflow.batch_approve(office.head, [a.id, b.id, c.id], "同意", at=T0)
    assert results[a.id] is None and results[c.id] is None
    assert "已撤回" in results[b.id]
    assert pending_names(a) == ["王五", "钱七"]


def test_delegation_moves_pending_items_and_records_on_behalf(office):
    inst = submit(office)
    deputy = add_deputy(office)
    leave = (T0 - timedelta(days=1), T0 + timedelta(days=3))
    workflow.delegate(office.head, office.head, deputy, *leave)
    assert [t.instance_id for t in workflow.inbox(deputy, at=T0)] == [inst.id]
    assert list(workflow.inbox(office.head, at=T0)) == []
    # After the leave the item is back with the principal.
    after = T0 + timedelta(days=5)
    assert [t.instance_id for t in workflow.inbox(office.head, at=after)] == [inst.id]
    assert list(workflow.inbox(deputy, at=after)) == []
    workflow.approve(deputy, inst.id, "代为同意", at=T0)
    step = workflow.trail(inst.id)[-1]
    assert step.actor_name == "李二" and step.on_behalf_of_id == office.head.id
    assert step.who == "李二（代 李四）"


def test_delegation_rules(office):
    deputy = add_deputy(office)
    start, end = T0, T0 + timedelta(days=2)
    with pytest.raises(RuleViolation) as refusal:
        workflow.delegate(office.head, office.head, office.head, start, end)
    assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as err:
        workflow.delegate(office.clerk, office.head, office.squad_head, start, end)
    assert err.value.rule == "X1"
    workflow.delegate(office.head, office.head, deputy, start, end)
    with pytest.raises(RuleViolation) as refusal:
        workflow.delegate(office.head, office.head, office.leader, start, end)
    assert refusal.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:  # no chains
        workflow.delegate(deputy, deputy, office.head, start, end)
    assert "不能再转委托" in str(err.value)


def test_X1_transfer_only_to_someone_who_may_decide_the_step(office):
    inst = submit(office)
    workflow.approve(office.head, inst.id, at=T0)
    with pytest.raises(RuleViolation) as err:  # the fleet manager is no leader
        workflow.transfer(office.leader, inst.id, office.fleet, at=T0)
    assert err.value.rule == "X1" and "无权审批" in str(err.value)
    assert pending_names(inst) == ["王五", "钱七"]


def test_X1_a_department_without_head_is_not_skipped(office):
    # 吴十's 一中队 has a head (赵六); void him: the head node must refuse, not skip.
    from models import people

    people.void_user(office.admin, office.squad_head, "调离")
    with pytest.raises(RuleViolation) as err:
        workflow.submit(office.driver, "t_selfhead", title="无负责人", at=T0)
    assert err.value.rule == "X1"


def test_X1_applicant_acting_as_delegate_cannot_approve_own_request(office):
    from models import people

    # 张三 heads 办公室 too, so he may stand in for 李四 — but never on his own request.
    people.set_roles(office.admin, office.clerk, [Role.CLERK, Role.DEPT_HEAD])
    inst = submit(office)
    workflow.delegate(
        office.head, office.head, office.clerk, T0 - timedelta(hours=1), T0 + timedelta(days=1)
    )
    assert list(workflow.inbox(office.clerk, at=T0)) == []
    with pytest.raises(RuleViolation) as err:
        workflow.approve(office.clerk, inst.id, at=T0)
    assert err.value.rule == "X1"


def test_running_document_keeps_its_flow_version(office):
    inst = submit(office)
    changed = Flow(
        "t_simple", "简单申请", (Node("leader", "领导审批", (Approver.role(Role.LEADER),)),)
    )
    workflow.publish_flow(office.admin, changed)
    newer = submit(office)
    assert [n.key for n in inst.route_nodes()] == ["head", "leader"]
    assert [n.key for n in newer.route_nodes()] == ["leader"]
    assert newer.flow.version == inst.flow.version + 1
    workflow.approve(office.head, inst.id, at=T0)
    assert pending_names(inst) == ["王五", "钱七"]


def test_deadlines_in_working_days_and_overdue(office):
    # Friday 2026-09-18 + 2 working days: Sunday 09-20 is a make-up working day (调休).
    friday = datetime(2026, 9, 18, 10, 0)
    inst = workflow.submit(office.clerk, "t_deadline", title="时限", at=friday)
    task = workflow.inbox(office.leader, at=friday).first()
    assert task.due_at == datetime(2026, 9, 21, 23, 59, 59)
    assert list(workflow.overdue(datetime(2026, 9, 21, 18, 0))) == []
    assert [t.instance_id for t in workflow.overdue(datetime(2026, 9, 22, 8, 0))] == [inst.id]


def test_stale_version_is_a_conflict(office):
    inst = submit(office)
    seen = inst.version
    deputy = add_deputy(office)
    workflow.transfer(office.head, inst.id, deputy, at=T0)
    with pytest.raises(Conflict) as err:
        workflow.approve(deputy, inst.id, expected_version=seen, at=T0)
    assert "已被他人处理" in str(err.value)


def test_inbox_lists_only_what_awaits_the_user(office):
    a = submit(office)
    b = submit(office, "t_all")
    assert {t.instance_id for t in workflow.inbox(office.head, at=T0)} == {a.id}
    assert {t.instance_id for t in workflow.inbox(office.leader, at=T0)} == {b.id}
    workflow.approve(office.head, a.id, at=T0)
    assert {t.instance_id for t in workflow.inbox(office.leader, at=T0)} == {a.id, b.id}
    assert [i.id for i in workflow.my_requests(office.clerk)] == [b.id, a.id]


def test_available_actions_follow_the_state(office):
    inst = submit(office)
    assert workflow.available_actions(office.head, inst, at=T0).approve
    mine = workflow.available_actions(office.clerk, inst, at=T0)
    assert mine.withdraw and mine.urge and not mine.approve
    assert not workflow.available_actions(office.leader, inst, at=T0).approve


@pytest.mark.parametrize("with_version", [True, False], ids=["seen-version", "blind"])
def test_X2_two_approvers_race_exactly_one_wins(office, database, with_version):
    """Two leaders press 同意 on the same 或签 node at the same moment, each on its own
    connection, many rounds: one wins, the other is told 已被他人处理, one step is written."""
    rounds = 15
    for _ in range(rounds):
        inst = submit(office, "t_costly", amount=5000)
        workflow.approve(office.fleet, inst.id, at=T0)
        seen = workflow.Instance.get_by_id(inst.id).version
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def press(user, inst_id=inst.id, seen=seen, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait(timeout=10)
                workflow.approve(
                    user, inst_id, "同意", expected_version=seen if with_version else None, at=T0
                )
                outcomes.append("won")
            except Conflict as exc:
                assert "已被他人处理" in str(exc)
                outcomes.append("conflict")
            finally:
                database.close()

        threads = [
            threading.Thread(target=press, args=(u,)) for u in (office.leader, office.leader2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(outcomes) == ["conflict", "won"]
        steps = workflow.Step.select().where(
            (workflow.Step.instance == inst.id)
            & (workflow.Step.position == 1)
            & (workflow.Step.action == "approve")
        )
        assert steps.count() == 1
        assert pending_names(inst) == ["周九"]


def test_X1_transfer_goes_only_to_a_head_of_the_applicants_department(office):
    inst = submit(office)  # 张三 of 办公室: the 科室负责人 node is 办公室's
    with pytest.raises(RuleViolation) as err:  # 赵六 heads 一中队, not 办公室
        workflow.transfer(office.head, inst.id, office.squad_head, at=T0)
    assert err.value.rule == "X1" and "本单" in str(err.value)
    assert pending_names(inst) == ["李四"]
    deputy = add_deputy(office)
    workflow.transfer(office.head, inst.id, deputy, at=T0)
    assert pending_names(inst) == ["李二"]


def test_X1_a_delegate_must_hold_what_the_delegated_tasks_need(office):
    from models import people

    start, end = T0 - timedelta(days=1), T0 + timedelta(days=3)
    nobody = people.add_user(office.admin, "wuren", "无职", "secret-123", office.office, [])
    for doc_type in ("", "fleet_repair"):
        with pytest.raises(RuleViolation) as err:
            workflow.delegate(office.leader, office.leader, nobody, start, end, doc_type)
        assert err.value.rule == "X1" and "主要领导" in str(err.value)
    with pytest.raises(RuleViolation) as err:  # another department's head
        workflow.delegate(office.head, office.head, office.squad_head, start, end)
    assert err.value.rule == "X1"
    # At decision time too: a delegate who lost the role since cannot decide.
    inst = submit(office)
    workflow.approve(office.head, inst.id, at=T0)
    deputy = people.add_user(
        office.admin, "fuzhi", "副职", "secret-123", office.office, [Role.LEADER]
    )
    workflow.delegate(office.leader, office.leader, deputy, start, end)
    people.set_roles(office.admin, deputy, [Role.CLERK])
    with pytest.raises(RuleViolation) as err:
        workflow.approve(deputy, inst.id, at=T0)
    assert err.value.rule == "X1"
