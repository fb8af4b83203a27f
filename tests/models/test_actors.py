"""X1: every use case reads its actor from the database, inside its transaction.

A desktop keeps the ``User`` it logged in with. An account voided (已调离) or locked since,
or a role taken away since, must stop acting at once, not at the next login. The meta-test
walks every public use case of the domains, the engine and people, and calls it as such a
user: each is refused, and nothing is written.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest

from models import (
    attachments,
    audit,
    calendar,
    callbacks,
    documents,
    fleet,
    people,
    settings,
    supplies,
    training,
    workflow,
)
from models.errors import RuleViolation
from models.people import Role, User, UserRole
from models.supplies import stocktake

ACTOR_PARAMETERS = {"actor", "driver"}
MODULES = (
    fleet,
    supplies,
    stocktake,
    callbacks,
    training,
    workflow,
    people,
    documents,
    attachments,
    settings,
    calendar,
)

# Public functions with an actor first that are no use case: they write nothing, or they
# *are* the check.
NOT_USE_CASES = {
    "require_active",  # the check itself
    "require_role",  # the check itself
    "available_actions",  # a question (which buttons to show); writes nothing
    "may_void",  # a question (may this user void this file); writes nothing
    "may_attach",  # a question (may this user attach files here); writes nothing
    "may_read_archive",  # a question (may this user read this archive); writes nothing
    "problem_actions",  # a question (which steps of a problem to offer); writes nothing
    "amendable",  # a question (may this user amend this register now); writes nothing
    "may_confirm_unreachable",  # a question (may this user confirm it); writes nothing
    "leads_a_group",  # a question (does this user lead a group); writes nothing
    "require_archive_reader",  # the check itself
    "send_for_approval",  # a step inside a use case (报批), after that use case's checks
}


def use_cases() -> Iterator[tuple[str, Callable[..., object]]]:
    seen: set[int] = set()
    for module in MODULES:
        names = getattr(module, "__all__", None) or dir(module)
        for name in names:
            fn = getattr(module, name, None)
            if not inspect.isfunction(fn) or name.startswith("_") or name in NOT_USE_CASES:
                continue
            if not fn.__module__.startswith("models.") or id(fn) in seen:
                continue
            params = list(inspect.signature(fn).parameters.values())
            if params and params[0].name in ACTOR_PARAMETERS:
                seen.add(id(fn))
                yield f"{module.__name__.removeprefix('models.')}.{name}", fn


USE_CASES = dict(use_cases())


# Use cases that check their plain arguments (a file's name and size: no database, no
# write) before the actor, inside the transaction that stores the file: called with real
# arguments of that kind.
REAL_ARGUMENTS: dict[str, tuple[object, ...]] = {
    "attachments.attach": (("vehicle", 1), "鉴定照片.txt", b"photo"),
    "attachments.void_attachment": (1, "传错了"),
}


def call_with_dummies(fn: Callable[..., object], actor: object) -> object:
    """Call ``fn`` as ``actor`` with ``None`` for every required argument: the actor is
    checked first, so the dummies are never reached when he is refused."""
    name = next(k for k, v in USE_CASES.items() if v is fn)
    if name in REAL_ARGUMENTS:
        return fn(actor, *REAL_ARGUMENTS[name])
    params = list(inspect.signature(fn).parameters.values())[1:]
    args = [None for p in params if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD]
    kwargs = {p.name: None for p in params if p.default is p.empty and p.kind is p.KEYWORD_ONLY}
    return fn(actor, *args, **kwargs)


def written() -> tuple[int, ...]:
    """Rows of the tables any use case writes first: the audit trail and the engine's."""
    return (
        audit.AuditLog.select().count(),
        workflow.Step.select().count(),
        workflow.Instance.select().count(),
        workflow.Task.select().count(),
        UserRole.select().count(),
    )


def everything(office) -> User:
    """A user holding every role, his object loaded (roles cached) as at login."""
    user = people.add_user(
        office.admin, "quanneng", "全能", "secret-123", office.office, list(Role)
    )
    loaded = User.get_by_id(user.id)
    assert loaded.roles == frozenset(Role)
    return loaded


def voided(office) -> User:
    user = everything(office)
    people.void_user(office.admin, User.get_by_id(user.id), "已调离")
    return user


def locked(office) -> User:
    user = everything(office)
    people.lock_user(office.admin, User.get_by_id(user.id))
    return user


def role_removed(office) -> User:
    user = everything(office)
    people.set_roles(office.admin, User.get_by_id(user.id), [])
    assert user.has_role(Role.ADMIN)  # the object he logged in with still says so
    return user


def without_role(office) -> User:
    return people.add_user(office.admin, "wujuese", "无角色", "secret-123", office.office, [])


# Use cases that need no role of their own: the person is checked on the real document (the
# driver of the vehicle, the applicant, the approver of the task, the owner of the
# password). With dummy arguments they cannot reach that check, so they are called for
# (c) and (d) in ``test_X1_personal_use_cases_refuse_a_user_who_is_not_that_person``.
PERSONAL = {
    "fleet.apply_repair",
    "fleet.resubmit_repair",
    "fleet.accept",
    "fleet.request_use",
    "fleet.log_fuel",
    "supplies.submit_requisition",
    "supplies.resubmit_requisition",
    "supplies.file_stock_return",  # a member of the department that received the goods
    "supplies.resubmit_stock_return",
    "workflow.approve",
    "workflow.reject",
    "workflow.return_to",
    "workflow.transfer",
    "workflow.resubmit",
    "workflow.withdraw",
    "workflow.urge",
    "workflow.carbon_copy",
    "workflow.submit",
    "workflow.delegate",
    "workflow.revoke_delegation",
    "workflow.batch_approve",
    "people.change_password",
    "attachments.attach",  # any active user files documents with a record
    "attachments.void_attachment",  # the uploader or an administrator
    # decisions on an approval task: the engine checks, on the real document, that the
    # actor may decide the node now (``test_X1_a_leader_whose_role_was_removed_...``)
    "fleet.approve_repair",
    "fleet.file_repair",
    "fleet.record_fitted",
    "supplies.approve_plan",
    "supplies.reject_plan",
    "supplies.head_approve",
    "supplies.stocktake.approve_stocktake",
    "callbacks.approve_plan",
    "callbacks.reject_plan",
    "callbacks.return_plan",
    "callbacks.report_fixed",  # the problem's owner: a person, or anyone in its department
    "documents.approve",
    "documents.reject",
    "documents.return_to_applicant",
    "documents.withdraw",
    # a real person must act (a request, a repair application); his roles are the use case's
    "people.require_person",
    # training: the teacher himself (his linked login) or 培训办; the group leader of the
    # real session keeps its register; the leader grades his own group's members
    "training.request_leave",
    "training.resubmit_leave",  # the applicant himself, on his returned leave
    "training.approve_leave",
    "training.reject_leave",
    "training.approve_tier_plan",
    "training.approve_credit_register",
    "training.grade_quality",
    "training.open_register",
    "training.mark",
    "training.mark_many",
    "training.close_register",
    "training.explain_spot_check",
    "training.claim_external",
    "training.resubmit_claim",  # the applicant himself, on his returned claim
    "training.approve_claim",
    "training.reject_claim",
    "training.add_growth_record",  # the teacher himself or 培训办
    "training.void_growth_record",
    "training.add_session_material",  # the group leader of the real session or 培训办
    "training.archive_of",  # the teacher himself, his group's leader, 培训办 or a leader
}

ACCOUNTS = {"voided": voided, "locked": locked}
ROLES = {"role_removed": role_removed, "without_role": without_role}


def test_the_walk_finds_the_use_cases():
    assert {"fleet.assess", "supplies.issue_requisition", "workflow.approve"} <= set(USE_CASES)
    assert {"supplies.stocktake.open_stocktake", "people.void_user"} <= set(USE_CASES)
    assert set(USE_CASES) >= PERSONAL


def refused(fn: Callable[..., object], actor: User) -> RuleViolation:
    with pytest.raises(RuleViolation) as err:
        call_with_dummies(fn, actor)
    return err.value


@pytest.mark.parametrize("account", sorted(ACCOUNTS))
def test_X1_every_use_case_refuses_a_voided_or_locked_account(office, account):
    actor = ACCOUNTS[account](office)
    before = written()
    wrong = {}
    for name, fn in USE_CASES.items():
        try:
            err = refused(fn, actor)
        except BaseException as exc:
            wrong[name] = repr(exc)[:120]
            continue
        if err.rule != "X1":
            wrong[name] = str(err)[:120]
    assert wrong == {}, "\n".join(f"{k}: {v}" for k, v in sorted(wrong.items()))
    assert written() == before


@pytest.mark.parametrize("account", sorted(ROLES))
def test_X1_every_use_case_refuses_a_user_without_its_role(office, account):
    actor = ROLES[account](office)
    before = written()
    wrong = {}
    for name, fn in USE_CASES.items():
        if name in PERSONAL:
            continue
        try:
            err = refused(fn, actor)
        except BaseException as exc:
            wrong[name] = repr(exc)[:120]
            continue
        if err.rule != "X1":
            wrong[name] = str(err)[:120]
    assert wrong == {}, "\n".join(f"{k}: {v}" for k, v in sorted(wrong.items()))
    assert written() == before


def test_X1_a_leader_whose_role_was_removed_cannot_decide_the_plan_waiting_on_him(office):
    from tests.models.test_supplies import PlanLineInput, build_sup

    sup = build_sup(office)
    plan = supplies.create_plan(
        office.logistics, year=2026, quarter=4, lines=[PlanLineInput(sup.pen, 10, "2.5")], at=T0
    )
    plan = supplies.submit_plan(office.logistics, plan, at=T0)
    leader = User.get_by_id(office.leader.id)  # as loaded at login: 主要领导
    assert leader.has_role(Role.LEADER)
    people.set_roles(office.admin, User.get_by_id(leader.id), [Role.CLERK])
    before = written()
    for decide in (
        lambda: supplies.approve_plan(leader, plan, at=T0),
        lambda: supplies.reject_plan(leader, plan, "不同意", at=T0),
        lambda: workflow.approve(leader, plan.instance().id, at=T0),
        lambda: documents.reject(leader, plan, "不同意", at=T0),
    ):
        with pytest.raises(RuleViolation) as err:
            decide()
        assert err.value.rule == "X1"
    assert written() == before
    # The other leader still decides it.
    assert supplies.approve_plan(office.leader2, plan, at=T0).state == "approved"


def test_X1_a_fresh_object_of_a_voided_or_locked_user_is_refused(office):
    people.void_user(office.admin, office.fleet, "已调离")
    people.lock_user(office.admin, office.logistics)
    for user in (User.get_by_id(office.fleet.id), User.get_by_id(office.logistics.id)):
        with pytest.raises(RuleViolation) as err:
            fleet.add_shop(user, "新修理厂")
        assert err.value.rule == "X1"
        with pytest.raises(RuleViolation) as err:
            supplies.add_item(user, name="铅笔", category="writing", unit="支")
        assert err.value.rule == "X1"


T0 = datetime(2026, 11, 2, 9, 0)


# --- a departed user's open tasks move -----------------------------------------------------


def _plan_waiting_on_wangwu(office):
    """A 采购计划 waiting on 王五 alone (钱七 is no leader at the time)."""
    from tests.models.test_supplies import PlanLineInput, build_sup

    people.set_roles(office.admin, office.leader2, [Role.CLERK])
    sup = build_sup(office)
    plan = supplies.create_plan(
        office.logistics, year=2026, quarter=4, lines=[PlanLineInput(sup.pen, 10, "2.5")], at=T0
    )
    plan = supplies.submit_plan(office.logistics, plan, at=T0)
    assert [t.assignee.name for t in open_tasks(plan)] == ["王五"]
    return plan


def open_tasks(doc) -> list[workflow.Task]:
    return list(
        workflow.Task.select()
        .where(
            (workflow.Task.instance == doc.instance().id)
            & (workflow.Task.state == workflow.TaskState.PENDING)
        )
        .order_by(workflow.Task.id)
    )


def test_X1_a_user_voided_as_transferred_away_no_longer_decides_the_plan_waiting_on_him(office):
    plan = _plan_waiting_on_wangwu(office)
    leader = User.get_by_id(office.leader.id)  # his desktop's object
    newcomer = people.add_user(
        office.admin, "xinren", "新任", "secret-123", office.office, [Role.LEADER]
    )
    people.void_user(office.admin, User.get_by_id(leader.id), "已调离")
    assert [t.assignee.name for t in open_tasks(plan)] == ["新任"]
    with pytest.raises(RuleViolation) as err:
        supplies.approve_plan(leader, plan, at=T0)
    assert err.value.rule == "X1"
    plan = supplies.approve_plan(newcomer, supplies.PurchasePlan.get_by_id(plan.id))
    assert plan.state == "approved"
    trail = [(s.action, s.actor_name) for s in workflow.trail(plan.instance().id)]
    assert trail == [("submit", "周九"), ("reassign", "系统管理员"), ("approve", "新任")]
    move = workflow.trail(plan.instance().id)[1]
    assert move.action_label == "系统转交" and "王五已调离" in move.comment
    assert "新任" in move.comment


def test_X1_a_locked_approvers_task_goes_to_his_delegate(office):
    plan = _plan_waiting_on_wangwu(office)
    people.set_roles(office.admin, office.leader2, [Role.LEADER])
    today = datetime.now()
    workflow.delegate(
        office.leader,
        office.leader,
        office.leader2,
        today - timedelta(days=1),
        today + timedelta(days=9),
    )
    people.lock_user(office.admin, office.leader)
    assert [t.assignee.name for t in open_tasks(plan)] == ["钱七"]
    assert "代理人" in workflow.trail(plan.instance().id)[-1].comment
    plan = supplies.approve_plan(office.leader2, supplies.PurchasePlan.get_by_id(plan.id), at=T0)
    assert plan.state == "approved"


def test_X1_with_nobody_else_the_task_waits_in_an_administrators_queue(office):
    plan = _plan_waiting_on_wangwu(office)
    people.void_user(office.admin, office.leader, "已调离")
    assert [t.assignee.name for t in open_tasks(plan)] == ["系统管理员"]
    assert "转管理员处理" in workflow.trail(plan.instance().id)[-1].comment
    inst_id = plan.instance().id
    with pytest.raises(RuleViolation) as err:  # the administrator is no leader
        workflow.approve(office.admin, inst_id, at=T0)
    assert err.value.rule == "X1"
    newcomer = people.add_user(
        office.admin, "xinren", "新任", "secret-123", office.office, [Role.LEADER]
    )
    workflow.transfer(office.admin, inst_id, newcomer, "新任领导审批", at=T0)
    plan = supplies.approve_plan(newcomer, supplies.PurchasePlan.get_by_id(plan.id), at=T0)
    assert plan.state == "approved"


def test_X1_a_leader_who_loses_the_role_hands_his_tasks_on(office):
    plan = _plan_waiting_on_wangwu(office)
    people.set_roles(office.admin, office.leader2, [Role.LEADER])  # not asked: joined after
    people.set_roles(office.admin, User.get_by_id(office.leader.id), [Role.CLERK])
    assert [t.assignee.name for t in open_tasks(plan)] == ["钱七"]
