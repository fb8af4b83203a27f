"""回访问题 (C7): a problem a callback found goes to whoever owns it (谁的问题谁负责: a
department, or a person in it), is tracked, and is closed only when someone other than the
person who fixed it has checked the fix. A failed check sends it back to the owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import peewee

from models import audit
from models.base import VersionedModel, guarded_update, now
from models.callbacks.customers import Customer
from models.db import db, for_update
from models.errors import Conflict, RuleViolation
from models.numbering import next_number
from models.people import Actor, Department, Role, User, require_active, require_role
from models.text import clean


class ProblemState(StrEnum):
    OPEN = "open"  # with its owner
    FIXED = "fixed"  # the owner says it is fixed: waits for the check
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "处理中", "fixed": "待验证", "closed": "已关闭"}[self.value]


class Problem(VersionedModel):
    number = peewee.CharField(max_length=20, unique=True)  # WT2026-0001
    customer = peewee.ForeignKeyField(Customer, backref="problems")
    callback_id = peewee.IntegerField(null=True, index=True)  # the callback that found it
    description = peewee.TextField()
    owner_department = peewee.ForeignKeyField(Department)
    owner_user = peewee.ForeignKeyField(User, null=True)
    state = peewee.CharField(max_length=8, default=ProblemState.OPEN)
    raised_by = peewee.ForeignKeyField(User, null=True, backref="problems_raised")
    raised_at = peewee.DateTimeField()
    fixed_by = peewee.ForeignKeyField(User, null=True)
    fixed_at = peewee.DateTimeField(null=True)
    fix_note = peewee.TextField(default="")
    verified_by = peewee.ForeignKeyField(User, null=True)
    verified_at = peewee.DateTimeField(null=True)
    verify_note = peewee.TextField(default="")

    class Meta:
        indexes = ((("owner_department", "state"), False),)

    @property
    def state_label(self) -> str:
        return ProblemState(self.state).label


PROBLEM_TABLES = [Problem]

# Who takes each step (C7): the posts that find problems raise them; 客服管理 sends one to
# another owner; 客服管理 or a 科室负责人 checks a fix (never the fixer).
RAISERS = (Role.SERVICE, Role.SALES, Role.SERVICE_MANAGER)
REASSIGNERS = (Role.SERVICE_MANAGER,)
VERIFIERS = (Role.SERVICE_MANAGER, Role.DEPT_HEAD)


@dataclass(frozen=True)
class ProblemInput:
    description: str
    owner_department: Department
    owner_user: User | None = None


def _check_owner(item: ProblemInput) -> None:
    if not clean(item.description):
        raise RuleViolation("C7", "请描述发现的问题", "describe the problem", field="description")
    if item.owner_department is None:
        raise RuleViolation(
            "C7",
            "问题须指定责任部门（谁的问题谁负责）",
            "a problem goes to its owning department",
            field="owner_department",
        )
    person = item.owner_user
    if person is None:
        return
    if person.department_id != item.owner_department.id:
        raise RuleViolation(
            "C7",
            f"{person.name} 不属于 {item.owner_department.name}",
            f"{person.name} is not in {item.owner_department.name}",
            field="owner_user",
        )
    if User.get_by_id(person.id).voided_at is not None:  # as the register holds him now
        raise RuleViolation(
            "C7",
            f"{person.name} 已调离，不能作为问题责任人",
            f"{person.name} has left and cannot own a problem",
            field="owner_user",
        )


def owner_candidates(department: Department) -> list[User]:
    """The people a problem of ``department`` may name as its 责任人: its members still in
    the register, by name — what ``_check_owner`` accepts, so a dialog offers no other."""
    query = User.select().where((User.department == department.id) & User.voided_at.is_null())
    return list(query.order_by(User.name, User.id))


def _check_callback(customer: Customer, callback_id: int) -> None:
    """C7: a problem named after a callback was found in that callback — one of this
    customer's, whose record is written (until then the problem goes in with the record)."""
    from models.callbacks.callbacks import Callback, CallbackState  # callbacks builds on us

    callback = Callback.get_or_none(Callback.id == callback_id)
    if callback is None or callback.customer_id != customer.id:
        raise RuleViolation(
            "C7",
            f"所选回访不是客户 {customer.name} 的回访",
            f"the callback chosen is not one of {customer.name}'s",
            field="callback",
        )
    if callback.state != CallbackState.DONE:
        raise RuleViolation(
            "C7",
            "该回访尚未记录结果：回访中发现的问题随回访记录一并登记",
            "that callback has no record yet: record the problems with its result",
            field="callback",
        )


def create_problem(
    actor: Actor,
    customer: Customer,
    item: ProblemInput,
    *,
    callback_id: int | None = None,
    at: datetime | None = None,
) -> Problem:
    """Inside the caller's transaction (a record's, or ``raise_problem``'s)."""
    _check_owner(item)
    at = at or now()
    problem = Problem.create(
        number=next_number("WT", at.year),
        customer=customer,
        callback_id=callback_id,
        description=clean(item.description),
        owner_department=item.owner_department,
        owner_user=item.owner_user,
        raised_by=actor.id,
        raised_at=at,
    )
    audit.record(
        actor,
        "problem",
        problem.id,
        "create",
        {"owner_department": (None, item.owner_department.name)},
    )
    return problem


def raise_problem(
    actor: User,
    customer: Customer,
    item: ProblemInput,
    *,
    callback_id: int | None = None,
    at: datetime | None = None,
) -> Problem:
    """C7: a problem registered after the record was written — found on reading it again or
    in 客服管理's analysis of the calls and visits. ``callback_id``, when given, names the
    callback it was found in (the customer's, recorded); without it the problem is the
    customer's alone (a quality check)."""
    with db.atomic():
        require_role(actor, *RAISERS)
        if callback_id is not None:
            _check_callback(customer, callback_id)
        return create_problem(actor, customer, item, callback_id=callback_id, at=at)


def _lock(problem: Problem) -> Problem:
    fresh = for_update(Problem.select().where(Problem.id == problem.id)).get()
    if fresh.version != problem.version:
        raise Conflict()
    return fresh


def reassign_problem(actor: User, problem: Problem, item: ProblemInput, reason: str) -> Problem:
    """客服管理 sends a problem to another owner (with a reason), while it is open."""
    with db.atomic():
        require_role(actor, *REASSIGNERS)
        problem = _lock(problem)
        if problem.state != ProblemState.OPEN:
            raise RuleViolation("C7", f"问题{problem.state_label}，不能改派", "not open")
        if not clean(reason):
            raise RuleViolation("C7", "改派须写明原因", "a reassignment needs a reason")
        item = ProblemInput(problem.description, item.owner_department, item.owner_user)
        _check_owner(item)
        diff = {"owner_department": (problem.owner_department_id, item.owner_department.id)}
        guarded_update(
            problem,
            problem.version,
            owner_department=item.owner_department,
            owner_user=item.owner_user,
        )
        audit.record(actor, "problem", problem.id, "reassign", diff, note=clean(reason))
        return problem


def _owns(actor: User, problem: Problem) -> bool:
    if problem.owner_user_id is not None:
        return actor.id == problem.owner_user_id
    return actor.department_id == problem.owner_department_id


def report_fixed(
    actor: User, problem: Problem, note: str, *, at: datetime | None = None
) -> Problem:
    """The owner says what was done (C7); the problem then waits for someone else's check."""
    with db.atomic():
        require_active(actor)
        problem = _lock(problem)
        if problem.state != ProblemState.OPEN:
            raise RuleViolation(
                "C7", f"问题{problem.state_label}", f"the problem is {problem.state}"
            )
        if not _owns(actor, problem):
            raise RuleViolation(
                "C7", "只有问题的责任人（或责任部门）能报告整改完成", "only the owner reports a fix"
            )
        if not clean(note):
            raise RuleViolation("C7", "请写明整改情况", "say what was done", field="note")
        guarded_update(
            problem,
            problem.version,
            state=ProblemState.FIXED,
            fixed_by=actor.id,
            fixed_at=at or now(),
            fix_note=clean(note),
        )
        audit.record(actor, "problem", problem.id, "fixed", note=clean(note))
        return problem


def verify_problem(actor: User, problem: Problem, passed: bool, note: str = "") -> Problem:
    """C7: 客服管理 or a 科室负责人 checks the fix — never the person who made it. Passed: the
    problem is closed; failed: back to its owner with the note."""
    with db.atomic():
        require_role(actor, *VERIFIERS)
        problem = _lock(problem)
        if problem.state != ProblemState.FIXED:
            raise RuleViolation(
                "C7",
                "问题尚未报告整改完成，不能验证或关闭",
                "a problem is closed only after its fix",
            )
        if actor.id == problem.fixed_by_id:
            raise RuleViolation(
                "C7",
                "整改人不能验证自己的整改，须由他人验证",
                "the fixer cannot verify his own fix",
            )
        note = clean(note)
        if not passed and not note:
            raise RuleViolation("C7", "验证不通过须写明原因", "a failed check needs a reason")
        if passed:
            changes = {
                "state": ProblemState.CLOSED,
                "verified_by": actor.id,
                "verified_at": now(),
                "verify_note": note,
            }
        else:
            changes = {"state": ProblemState.OPEN, "fixed_by": None, "fixed_at": None}
        guarded_update(problem, problem.version, **changes)
        audit.record(
            actor, "problem", problem.id, "verified" if passed else "verify_failed", note=note
        )
        return problem


def problem_actions(actor: User, problem: Problem) -> frozenset[str]:
    """The steps ``actor`` may take on ``problem`` as it stands (``report_fixed``, ``verify``,
    ``reassign``), from the conditions the use cases check: the 问题跟踪 tab offers these
    and no others; each use case checks again when it runs."""
    acts: set[str] = set()
    if problem.state == ProblemState.OPEN:
        if _owns(actor, problem):
            acts.add("report_fixed")
        if actor.has_role(*REASSIGNERS):
            acts.add("reassign")
    elif (
        problem.state == ProblemState.FIXED
        and actor.has_role(*VERIFIERS)
        and actor.id != problem.fixed_by_id
    ):
        acts.add("verify")
    return frozenset(acts)


def may_raise(user: User) -> bool:
    """Whether ``user`` holds a post that finds problems (``raise_problem`` checks it too):
    the 问题跟踪 tab offers 登记问题… to these only."""
    return user.has_role(*RAISERS)


def owned_by(user: User) -> peewee.Expression:
    """The problems ``user``'s department owns, or he himself (C7: 谁的问题谁负责)."""
    owned = Problem.owner_user == user.id
    if user.department_id is not None:
        owned = owned | (Problem.owner_department == user.department_id)
    return owned


def owns_problems(user: User) -> bool:
    """Whether a problem was ever sent to ``user`` or his department: then he follows it on
    the desktop, whatever his post, to report its fix (or, as a 科室负责人, check it)."""
    return user.id is not None and Problem.select().where(owned_by(user)).exists()


def open_problems(department: Department | None = None) -> list[Problem]:
    query = Problem.select().where(Problem.state != ProblemState.CLOSED)
    if department is not None:
        query = query.where(Problem.owner_department == department.id)
    return list(query.order_by(Problem.raised_at, Problem.id))
