"""One approval engine for every document type in the suite (DingTalk/泛微-style).

A flow is data: ordered ``Node``s, each with approvers (by role, named user or the
applicant's department head), a mode (依次 sequential, 会签 all must agree, 或签 any one) and
an optional ``Condition`` on the document's fields (e.g. amount above a setting adds a
node). Flows are stored as numbered versions; a running document keeps the version it was
submitted with, so changing a flow never rewrites documents already under way.

Every action (submit, approve, reject, return, withdraw, transfer, force close, move) runs in
one transaction: it locks the instance row, checks the version the user saw, writes the
step (who, for whom, what, comment, when) and the new state, and bumps ``version`` with
``UPDATE ... WHERE id=? AND version=?``. When two approvers press 同意 at once, one wins and
the other gets ``Conflict`` ("已被他人处理"). CC and urge change no state and do not bump the
version, so they never make an approver's screen stale.

Other rules kept here:
- nobody approves their own request (X1): the applicant is never resolved as an approver,
  and an applicant acting as someone's delegate is refused;
- 去重: an approver who approved the node just before is approved automatically;
- delegation (代理): while a delegation is active the principal's pending tasks appear in the
  delegate's inbox (one SQL query), and the step records "delegate for principal";
- deadlines: each task is due at the end of the N-th working day on the Chinese calendar.

Domain modules react to outcomes with ``on_outcome(doc_type)`` hooks, called inside the same
transaction (never peewee signals, which bulk queries skip).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import peewee

from models import clocks, settings
from models.base import BaseModel, VersionedModel, guarded_update, now
from models.db import db, for_update
from models.errors import Conflict, RuleViolation
from models.people import Actor, Department, Role, User, department_heads, require_role

# --- declarations ------------------------------------------------------------------------


class Mode(StrEnum):
    SEQUENTIAL = "seq"  # 依次审批
    ALL = "all"  # 会签
    ANY = "any"  # 或签

    @property
    def label(self) -> str:
        return {"seq": "依次审批", "all": "会签", "any": "或签"}[self.value]


@dataclass(frozen=True)
class Approver:
    """Who approves at a node: ``role`` (a ``Role`` code), ``user`` (a user name) or
    ``dept_head`` (the 科室负责人 of the applicant's department)."""

    kind: str
    value: str = ""

    @classmethod
    def role(cls, role: Role) -> Approver:
        return cls("role", role.value)

    @classmethod
    def user(cls, username: str) -> Approver:
        return cls("user", username)

    @classmethod
    def dept_head(cls) -> Approver:
        return cls("dept_head")


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "in": lambda a, b: a in b,
}


def _number(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value


@dataclass(frozen=True)
class Condition:
    """``fields[field] op value``; with ``setting`` the value is read from the office's
    settings when the document is submitted (so the F4 threshold stays an admin setting)."""

    field: str
    op: str
    value: Any = None
    setting: str | None = None

    def holds(self, fields: dict[str, Any]) -> bool:
        if self.op not in _OPS:
            raise ValueError(f"unknown operator {self.op}")
        left = fields.get(self.field)
        if left is None:
            return False
        right = settings.get(self.setting) if self.setting else self.value
        if self.op == "in":
            return left in right
        return _OPS[self.op](_number(left), _number(right))


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    approvers: tuple[Approver, ...]
    mode: Mode = Mode.ANY
    condition: Condition | None = None
    deadline_days: int | None = None
    # When the applicant is this node's only approver (a department head filing for their
    # own department), skip the node instead of refusing the submission.
    skip_if_applicant: bool = False


@dataclass(frozen=True)
class Flow:
    doc_type: str
    name: str
    nodes: tuple[Node, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Flow:
        raw = json.loads(text)
        nodes = tuple(
            Node(
                key=n["key"],
                name=n["name"],
                approvers=tuple(Approver(**a) for a in n["approvers"]),
                mode=Mode(n["mode"]),
                condition=Condition(**n["condition"]) if n.get("condition") else None,
                deadline_days=n.get("deadline_days"),
                skip_if_applicant=n.get("skip_if_applicant", False),
            )
            for n in raw["nodes"]
        )
        return cls(doc_type=raw["doc_type"], name=raw["name"], nodes=nodes)


class State(StrEnum):
    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.PENDING: "审批中",
    State.RETURNED: "已退回",
    State.APPROVED: "已通过",
    State.REJECTED: "已驳回",
    State.WITHDRAWN: "已撤回",
    State.CLOSED: "已终止",
}
FINAL_STATES = frozenset({State.APPROVED, State.REJECTED, State.WITHDRAWN, State.CLOSED})

ACTION_LABELS = {
    "submit": "提交",
    "resubmit": "重新提交",
    "approve": "同意",
    "auto_approve": "自动同意（审批人去重）",
    "skip": "跳过（申请人即审批人）",
    "reject": "驳回",
    "return": "退回",
    "withdraw": "撤回",
    "transfer": "转交",
    "cc": "抄送",
    "urge": "催办",
    "force_close": "管理员终止",
    "move": "管理员调整节点",
}


# --- tables ------------------------------------------------------------------------------


class FlowVersion(BaseModel):
    doc_type = peewee.CharField(max_length=64)
    version = peewee.IntegerField()
    name = peewee.CharField(max_length=100)
    spec = peewee.TextField()
    source = peewee.CharField(max_length=10, default="code")  # code / admin
    created_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("doc_type", "version"), True),)

    def flow(self) -> Flow:
        cached = self.__dict__.get("_flow")
        if cached is None:
            cached = self.__dict__["_flow"] = Flow.from_json(self.spec)
        return cached


class Instance(VersionedModel):
    """One document going through its flow."""

    doc_type = peewee.CharField(max_length=64, index=True)
    doc_id = peewee.IntegerField(null=True)
    title = peewee.CharField(max_length=200)
    applicant = peewee.ForeignKeyField(User, backref="requests")
    department = peewee.ForeignKeyField(Department, null=True)
    flow = peewee.ForeignKeyField(FlowVersion)
    fields = peewee.TextField(default="{}")
    route = peewee.TextField(default="[]")  # JSON list of node indexes that apply
    position = peewee.IntegerField(default=-1)  # index into route; -1 when not running
    state = peewee.CharField(max_length=16, index=True)
    submitted_at = peewee.DateTimeField()
    finished_at = peewee.DateTimeField(null=True)
    last_urged_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("doc_type", "doc_id"), False),)

    def field_values(self) -> dict[str, Any]:
        return json.loads(self.fields or "{}")

    def route_nodes(self) -> list[Node]:
        nodes = self.flow.flow().nodes
        return [nodes[i] for i in json.loads(self.route)]

    def current_node(self) -> Node | None:
        route = self.route_nodes()
        return route[self.position] if 0 <= self.position < len(route) else None


class TaskState(StrEnum):
    WAITING = "waiting"  # a later approver of a sequential node
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    RETURNED = "returned"
    CANCELLED = "cancelled"


class Task(BaseModel):
    """What one approver must do at one node."""

    instance = peewee.ForeignKeyField(Instance, backref="tasks")
    position = peewee.IntegerField()
    node_key = peewee.CharField(max_length=64)
    order = peewee.IntegerField(default=0)
    assignee = peewee.ForeignKeyField(User)
    state = peewee.CharField(max_length=16)
    created_at = peewee.DateTimeField()
    due_at = peewee.DateTimeField(null=True)
    acted_at = peewee.DateTimeField(null=True)
    urged_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = (
            (("assignee", "state", "due_at"), False),
            (("instance", "position", "state"), False),
            (("state", "due_at"), False),
        )


class Step(BaseModel):
    """The approval trail (X2): who did what, for whom, when, with which comment."""

    instance = peewee.ForeignKeyField(Instance, backref="steps")
    position = peewee.IntegerField(null=True)
    node_name = peewee.CharField(max_length=100, default="")
    actor = peewee.ForeignKeyField(User, null=True)
    actor_name = peewee.CharField(max_length=100)
    on_behalf_of = peewee.ForeignKeyField(User, null=True)
    action = peewee.CharField(max_length=20)
    comment = peewee.TextField(default="")
    at = peewee.DateTimeField()

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def who(self) -> str:
        """ "王五" or "王五（代 李四）" for a delegated step."""
        if self.on_behalf_of_id:
            return f"{self.actor_name}（代 {self.on_behalf_of.name}）"
        return self.actor_name


class CarbonCopy(BaseModel):
    """抄送: read-only access for someone outside the flow."""

    instance = peewee.ForeignKeyField(Instance, backref="ccs")
    user = peewee.ForeignKeyField(User)
    by_name = peewee.CharField(max_length=100)
    at = peewee.DateTimeField()
    read_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("instance", "user"), True),)


class Delegation(BaseModel):
    """代理: while ``starts <= t <= ends`` the delegate handles the principal's approvals
    (of one document type, or all when ``doc_type`` is empty)."""

    principal = peewee.ForeignKeyField(User, backref="delegations_given")
    delegate = peewee.ForeignKeyField(User, backref="delegations_taken")
    doc_type = peewee.CharField(max_length=64, default="")
    starts = peewee.DateTimeField()
    ends = peewee.DateTimeField()
    created_at = peewee.DateTimeField()
    revoked_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("delegate", "starts", "ends"), False), (("principal", "starts"), False))


# --- registry ----------------------------------------------------------------------------

_FLOWS: dict[str, Flow] = {}
Hook = Callable[[Instance, State, Actor], None]
_HOOKS: dict[str, list[Hook]] = {}
Guard = Callable[[Instance, Node, Actor], None]
_GUARDS: dict[str, list[Guard]] = {}


def register_flow(flow: Flow) -> Flow:
    """Declare the flow a document type uses (at import time of its domain module)."""
    _FLOWS[flow.doc_type] = flow
    return flow


def load_domains() -> None:
    """Import every domain module, which registers their flows, guards and outcome hooks.

    Called by each action before it reads a document, rather than when the database opens:
    the desktop then shows its window without importing the modules nobody has used yet
    (50 ms of start-up), and no action can ever run without the hooks of its document."""
    import models.domains  # noqa: F401


def registered_flow(doc_type: str) -> Flow:
    try:
        return _FLOWS[doc_type]
    except KeyError:
        raise RuleViolation(
            None, f"未定义审批流程：{doc_type}", f"no flow for {doc_type}"
        ) from None


def on_outcome(doc_type: str) -> Callable[[Hook], Hook]:
    """Register ``fn(instance, state, actor)``, called in the action's transaction whenever a
    document of ``doc_type`` is approved, rejected, returned, withdrawn or closed."""

    def wrap(fn: Hook) -> Hook:
        _HOOKS.setdefault(doc_type, []).append(fn)
        return fn

    return wrap


def before_approve(doc_type: str) -> Callable[[Guard], Guard]:
    """Register ``fn(instance, node, actor)``, called before any approval of ``doc_type``
    from any front end (审批中心, batch approve, the domain's own verbs). It raises a
    ``RuleViolation`` when the domain's rule is not met yet, e.g. a repair cannot pass 车管鉴定
    before the repair form is filled in (F2)."""

    def wrap(fn: Guard) -> Guard:
        _GUARDS.setdefault(doc_type, []).append(fn)
        return fn

    return wrap


def current_version(doc_type: str) -> FlowVersion:
    """The version new documents start with. A changed declaration in code becomes a new
    version; otherwise the newest version stands (including one an administrator published)."""
    load_domains()
    code = registered_flow(doc_type)
    spec = code.to_json()
    latest_code = (
        FlowVersion.select()
        .where((FlowVersion.doc_type == doc_type) & (FlowVersion.source == "code"))
        .order_by(FlowVersion.version.desc())
        .first()
    )
    if latest_code is None or latest_code.spec != spec:
        return _store_version(code, "code")
    return (
        FlowVersion.select()
        .where(FlowVersion.doc_type == doc_type)
        .order_by(FlowVersion.version.desc())
        .first()
    )


def _store_version(flow: Flow, source: str) -> FlowVersion:
    last = (
        FlowVersion.select(peewee.fn.MAX(FlowVersion.version))
        .where(FlowVersion.doc_type == flow.doc_type)
        .scalar()
    )
    return FlowVersion.create(
        doc_type=flow.doc_type,
        version=(last or 0) + 1,
        name=flow.name,
        spec=flow.to_json(),
        source=source,
        created_at=now(),
    )


def publish_flow(actor: Actor, flow: Flow) -> FlowVersion:
    """An administrator changes a flow (e.g. its approvers); running documents keep theirs."""
    require_role(actor, Role.ADMIN)
    registered_flow(flow.doc_type)
    if not flow.nodes:
        raise RuleViolation(None, "流程至少需要一个节点", "a flow needs at least one node")
    with db.atomic():
        return _store_version(flow, "admin")


# --- helpers -----------------------------------------------------------------------------


def _load(instance_id: int, expected_version: int | None) -> Instance:
    """Lock and read the instance; refuse when it changed since the user saw it."""
    load_domains()
    inst = for_update(Instance.select().where(Instance.id == instance_id)).first()
    if inst is None:
        raise RuleViolation(None, f"没有审批单 {instance_id}", f"no approval {instance_id}")
    if expected_version is not None and inst.version != expected_version:
        raise Conflict()
    return inst


def _step(
    inst: Instance,
    actor: Actor,
    action: str,
    comment: str = "",
    *,
    at: datetime,
    on_behalf_of: User | None = None,
    position: int | None = None,
) -> Step:
    pos = inst.position if position is None else position
    route = inst.route_nodes()
    node_name = route[pos].name if 0 <= pos < len(route) else ""
    return Step.create(
        instance=inst,
        position=pos if pos >= 0 else None,
        node_name=node_name,
        actor=actor.id,
        actor_name=actor.display_name,
        on_behalf_of=on_behalf_of,
        action=action,
        comment=comment,
        at=at,
    )


def _require_comment(comment: str, what_zh: str, what_en: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise RuleViolation(
            "X2", f"{what_zh}必须填写意见", f"{what_en} needs a comment", field="comment"
        )
    return comment


def _route_for(flow: Flow, fields: dict[str, Any]) -> list[int]:
    return [i for i, n in enumerate(flow.nodes) if n.condition is None or n.condition.holds(fields)]


def _resolve(node: Node, inst: Instance) -> list[User]:
    """The users who approve ``node`` for this document, in declared order, never the
    applicant (X1)."""
    return [u for u in _candidates(node, inst) if u.id != inst.applicant_id]


def _candidates(node: Node, inst: Instance) -> list[User]:
    """Everyone the node's approver declarations name, applicant included, no repeats."""
    found: list[User] = []
    for approver in node.approvers:
        if approver.kind == "role":
            from models.people import users_with_role

            found.extend(users_with_role(Role(approver.value)))
        elif approver.kind == "user":
            user = User.get_or_none(
                (User.username == approver.value.lower()) & User.voided_at.is_null()
            )
            if user is not None:
                found.append(user)
        elif approver.kind == "dept_head":
            found.extend(department_heads(inst.department_id))
        else:
            raise ValueError(f"unknown approver kind {approver.kind}")
    seen: set[int] = set()
    return [u for u in found if not (u.id in seen or seen.add(u.id))]  # type: ignore[func-returns-value]


def _may_approve(user: User, node: Node, inst: Instance) -> bool:
    """Could ``user`` be asked at ``node``: one of the named users, or holding the role (or
    科室负责人) the node asks for. A 转交 may only go to such a person, so a task never lands
    with someone the regulation does not allow to decide it."""
    for approver in node.approvers:
        if approver.kind == "user" and user.username == approver.value.lower():
            return True
        if approver.kind == "role" and user.has_role(Role(approver.value)):
            return True
        if approver.kind == "dept_head" and user.has_role(Role.DEPT_HEAD):
            return True
    return False


def _open_tasks(inst: Instance, position: int | None = None) -> peewee.ModelSelect:
    query = Task.select().where(
        (Task.instance == inst.id) & Task.state.in_([TaskState.PENDING, TaskState.WAITING])
    )
    if position is not None:
        query = query.where(Task.position == position)
    return query


def _cancel_open(inst: Instance, position: int | None = None) -> None:
    ids = [t.id for t in _open_tasks(inst, position)]
    if ids:
        Task.update(state=TaskState.CANCELLED).where(Task.id.in_(ids)).execute()


def _due(node: Node, at: datetime) -> datetime:
    days = node.deadline_days
    if days is None:
        days = settings.get("workflow.default_deadline_days")
    return clocks.due(clocks.ClockSpec.working_days(days), at)


def _activate(
    inst: Instance, position: int, actor: Actor, at: datetime, previous: set[int]
) -> None:
    """Open the node at ``position`` (or finish the flow past the last one). ``previous``
    holds the users who approved the node just completed, for 去重."""
    route = inst.route_nodes()
    while True:
        if position >= len(route):
            inst.position = -1
            _finish(inst, State.APPROVED, actor, at)
            return
        inst.position = position
        node = route[position]
        approvers = _resolve(node, inst)
        if not approvers:
            only_applicant = [u.id for u in _candidates(node, inst)] == [inst.applicant_id]
            if node.skip_if_applicant and only_applicant:
                _step(inst, actor, "skip", "申请人即本节点审批人", at=at, position=position)
                position, previous = position + 1, set()
                continue
            raise RuleViolation(
                "X1",
                f"节点「{node.name}」没有可用的审批人（申请人不能审批自己的申请）",
                f"node {node.name} has no approver other than the applicant",
            )
        due = _due(node, at)
        tasks = []
        for order, user in enumerate(approvers):
            state = TaskState.PENDING
            if node.mode == Mode.SEQUENTIAL and order > 0:
                state = TaskState.WAITING
            tasks.append(
                Task.create(
                    instance=inst,
                    position=position,
                    node_key=node.key,
                    order=order,
                    assignee=user,
                    state=state,
                    created_at=at,
                    due_at=due if state == TaskState.PENDING else None,
                )
            )
        auto = [t for t in tasks if t.assignee_id in previous]
        for task in auto:
            if node.mode == Mode.SEQUENTIAL and task.order > 0:
                continue  # only the first of a sequence can be deduplicated immediately
            _mark(task, TaskState.APPROVED, at)
            _step(inst, task.assignee, "auto_approve", "与上一节点审批人相同", at=at)
        if auto and _node_complete(inst, node, position, at):
            position, previous = position + 1, {t.assignee_id for t in auto}
            continue
        return


def _mark(task: Task, state: TaskState, at: datetime) -> None:
    Task.update(state=state, acted_at=at).where(Task.id == task.id).execute()
    task.state, task.acted_at = state, at


def _node_complete(inst: Instance, node: Node, position: int, at: datetime) -> bool:
    """After an approval at ``position``: is the node done? Opens the next approver of a
    sequential node as a side effect."""
    if node.mode == Mode.ANY:
        _cancel_open(inst, position)
        return True
    if node.mode == Mode.ALL:
        return not _open_tasks(inst, position).exists()
    waiting = (
        Task.select()
        .where(
            (Task.instance == inst.id)
            & (Task.position == position)
            & (Task.state == TaskState.WAITING)
        )
        .order_by(Task.order)
        .first()
    )
    if waiting is None:
        return True
    Task.update(state=TaskState.PENDING, due_at=_due(node, at)).where(
        Task.id == waiting.id
    ).execute()
    return False


def _finish(inst: Instance, state: State, actor: Actor, at: datetime) -> None:
    inst.state = state
    if state in FINAL_STATES:
        inst.finished_at = at
    for hook in _HOOKS.get(inst.doc_type, []):
        hook(inst, state, actor)


def _save(inst: Instance, expected: int) -> None:
    guarded_update(
        inst,
        expected,
        state=inst.state,
        position=inst.position,
        route=inst.route,
        fields=inst.fields,
        finished_at=inst.finished_at,
    )


def _active_delegations(at: datetime) -> peewee.Expression:
    return (Delegation.starts <= at) & (Delegation.ends >= at) & Delegation.revoked_at.is_null()


def _my_task(inst: Instance, actor: Actor, at: datetime) -> tuple[Task, User | None]:
    """The pending task ``actor`` may act on now, and the principal when acting as delegate."""
    if actor.id is not None and actor.id == inst.applicant_id:
        raise RuleViolation("X1", "不能审批自己的申请", "nobody approves their own request")
    if inst.state != State.PENDING:
        raise Conflict(
            f"该申请已{State(inst.state).label}，已被他人处理",
            f"the request is {inst.state} already; changed by someone else",
        )
    pending = Task.select().where(
        (Task.instance == inst.id)
        & (Task.position == inst.position)
        & (Task.state == TaskState.PENDING)
    )
    own = pending.where(Task.assignee == actor.id).first()
    if own is not None:
        return own, None
    principals = Delegation.select(Delegation.principal).where(
        (Delegation.delegate == actor.id)
        & _active_delegations(at)
        & ((Delegation.doc_type == "") | (Delegation.doc_type == inst.doc_type))
    )
    delegated = pending.where(Task.assignee.in_(principals)).order_by(Task.id).first()
    if delegated is not None:
        return delegated, delegated.assignee
    had_task = (
        Task.select()
        .where(
            (Task.instance == inst.id)
            & (Task.assignee == actor.id)
            & (Task.state == TaskState.CANCELLED)
        )
        .exists()
    )
    if had_task:
        raise Conflict()
    raise RuleViolation(
        "X1",
        f"{actor.display_name} 不是当前节点的审批人",
        f"{actor.display_name} is not an approver of the current step",
    )


# --- actions -----------------------------------------------------------------------------


def submit(
    actor: User,
    doc_type: str,
    *,
    title: str,
    doc_id: int | None = None,
    fields: dict[str, Any] | None = None,
    department: Department | None = None,
    at: datetime | None = None,
) -> Instance:
    """Start the flow for a document. The applicant is ``actor``; conditions are evaluated on
    ``fields`` now and the first node is opened."""
    at = at or now()
    if actor.id is None:
        raise RuleViolation("X1", "申请必须由具体人员提交", "a request needs a real applicant")
    with db.atomic():
        version = current_version(doc_type)
        fields = fields or {}
        dept = department if department is not None else actor.department
        inst = Instance.create(
            doc_type=doc_type,
            doc_id=doc_id,
            title=title.strip() or doc_type,
            applicant=actor,
            department=dept,
            flow=version,
            fields=json.dumps(fields, ensure_ascii=False, default=str),
            route=json.dumps(_route_for(version.flow(), fields)),
            state=State.PENDING,
            submitted_at=at,
        )
        _step(inst, actor, "submit", at=at, position=-1)
        expected = inst.version
        _activate(inst, 0, actor, at, previous=set())
        _save(inst, expected)
        return inst


def resubmit(
    actor: User,
    instance_id: int,
    *,
    fields: dict[str, Any] | None = None,
    comment: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """The applicant sends a returned document again (with corrected fields); the route is
    evaluated anew and the flow starts from its first node."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version)
        expected = inst.version
        if inst.applicant_id != actor.id:
            raise RuleViolation("X1", "只有申请人可以重新提交", "only the applicant may resubmit")
        if inst.state != State.RETURNED:
            raise RuleViolation(
                None, "只有被退回的申请可以重新提交", "only a returned request can be resubmitted"
            )
        if fields is not None:
            inst.fields = json.dumps(fields, ensure_ascii=False, default=str)
        inst.route = json.dumps(_route_for(inst.flow.flow(), inst.field_values()))
        inst.state = State.PENDING
        _step(inst, actor, "resubmit", comment, at=at, position=-1)
        _activate(inst, 0, actor, at, previous=set())
        _save(inst, expected)
        return inst


def approve(
    actor: User,
    instance_id: int,
    comment: str = "",
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version)
        expected = inst.version
        task, principal = _my_task(inst, actor, at)
        if principal is not None and principal.id == inst.applicant_id:
            raise RuleViolation("X1", "不能审批自己的申请", "nobody approves their own request")
        node = inst.current_node()
        assert node is not None
        for guard in _GUARDS.get(inst.doc_type, []):
            guard(inst, node, actor)
        _mark(task, TaskState.APPROVED, at)
        _step(inst, actor, "approve", comment.strip(), at=at, on_behalf_of=principal)
        if _node_complete(inst, node, inst.position, at):
            approvers = {
                t.assignee_id
                for t in Task.select(Task.assignee).where(
                    (Task.instance == inst.id)
                    & (Task.position == inst.position)
                    & (Task.state == TaskState.APPROVED)
                )
            }
            _activate(inst, inst.position + 1, actor, at, previous=approvers)
        _save(inst, expected)
        return inst


def reject(
    actor: User,
    instance_id: int,
    comment: str,
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """驳回: ends the flow; a comment is required (X2)."""
    at = at or now()
    comment = _require_comment(comment, "驳回", "rejecting")
    with db.atomic():
        inst = _load(instance_id, expected_version)
        expected = inst.version
        task, principal = _my_task(inst, actor, at)
        _mark(task, TaskState.REJECTED, at)
        _cancel_open(inst)
        _step(inst, actor, "reject", comment, at=at, on_behalf_of=principal)
        inst.position = -1
        _finish(inst, State.REJECTED, actor, at)
        _save(inst, expected)
        return inst


def return_to(
    actor: User,
    instance_id: int,
    comment: str,
    *,
    position: int | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """退回: to the applicant (``position=None``), who may correct and resubmit, or to an
    earlier node of the route, which is then walked again from there."""
    at = at or now()
    comment = _require_comment(comment, "退回", "returning")
    with db.atomic():
        inst = _load(instance_id, expected_version)
        expected = inst.version
        task, principal = _my_task(inst, actor, at)
        if position is not None and not 0 <= position < inst.position:
            raise RuleViolation(
                None, "只能退回到之前的节点", "you can only return to an earlier step"
            )
        _mark(task, TaskState.RETURNED, at)
        _cancel_open(inst)
        target = "申请人" if position is None else inst.route_nodes()[position].name
        _step(inst, actor, "return", f"退回至{target}：{comment}", at=at, on_behalf_of=principal)
        if position is None:
            inst.position = -1
            _finish(inst, State.RETURNED, actor, at)
        else:
            _activate(inst, position, actor, at, previous=set())
        _save(inst, expected)
        return inst


def withdraw(
    actor: User,
    instance_id: int,
    comment: str = "",
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """撤回: the applicant takes back a request that is pending or returned."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version)
        expected = inst.version
        if inst.applicant_id != actor.id:
            raise RuleViolation("X1", "只有申请人可以撤回", "only the applicant may withdraw")
        if inst.state not in (State.PENDING, State.RETURNED):
            raise RuleViolation(
                None,
                f"申请已{State(inst.state).label}，不能撤回",
                f"the request is {inst.state}; it cannot be withdrawn",
            )
        _cancel_open(inst)
        _step(inst, actor, "withdraw", comment.strip(), at=at)
        inst.position = -1
        _finish(inst, State.WITHDRAWN, actor, at)
        _save(inst, expected)
        return inst


def transfer(
    actor: User,
    instance_id: int,
    to: User,
    comment: str = "",
    *,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Instance:
    """转交: hand my pending task to someone else, who then decides in my place."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, expected_version)
        expected = inst.version
        task, principal = _my_task(inst, actor, at)
        if to.id == inst.applicant_id:
            raise RuleViolation("X1", "不能转交给申请人本人", "cannot transfer to the applicant")
        if to.is_voided:
            raise RuleViolation(None, f"{to.name} 的账户已作废", f"{to.name} is voided")
        node = inst.current_node()
        assert node is not None
        if not _may_approve(to, node, inst):
            raise RuleViolation(
                "X1",
                f"{to.name} 无权审批「{node.name}」，只能转交给有该审批权限的人员",
                f"{to.name} may not decide {node.name}; transfer to someone who may",
            )
        duplicate = _open_tasks(inst, inst.position).where(Task.assignee == to.id).exists()
        if duplicate or to.id == actor.id:
            raise RuleViolation(
                None, f"{to.name} 已是本节点审批人", f"{to.name} approves this step already"
            )
        Task.update(assignee=to).where(Task.id == task.id).execute()
        _step(
            inst,
            actor,
            "transfer",
            f"转交给 {to.name}。{comment}".strip(),
            at=at,
            on_behalf_of=principal,
        )
        _save(inst, expected)
        return inst


def carbon_copy(
    actor: User,
    instance_id: int,
    users: Iterable[User],
    comment: str = "",
    *,
    at: datetime | None = None,
) -> list[CarbonCopy]:
    """抄送: give read-only access. The applicant, anyone who has a task on the document, or an
    administrator may copy others in. No state changes, so the version stays."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, None)
        involved = (
            actor.id == inst.applicant_id
            or Task.select()
            .where((Task.instance == inst.id) & (Task.assignee == actor.id))
            .exists()
        )
        if not involved:
            require_role(actor, Role.ADMIN)
        existing = {c.user_id for c in CarbonCopy.select().where(CarbonCopy.instance == inst.id)}
        made = []
        for user in users:
            if user.id in existing:
                continue
            existing.add(user.id)
            made.append(
                CarbonCopy.create(instance=inst, user=user, by_name=actor.display_name, at=at)
            )
        if made:
            names = "、".join(c.user.name for c in made)
            _step(inst, actor, "cc", f"抄送 {names}。{comment}".strip(), at=at)
        return made


def urge(actor: User, instance_id: int, comment: str = "", *, at: datetime | None = None) -> int:
    """催办: the applicant reminds the current approvers. Rate-limited by a setting. Returns the
    number of tasks urged."""
    at = at or now()
    with db.atomic():
        inst = _load(instance_id, None)
        if inst.applicant_id != actor.id:
            raise RuleViolation("X1", "只有申请人可以催办", "only the applicant may urge")
        if inst.state != State.PENDING:
            raise RuleViolation(None, "只能催办审批中的申请", "only a pending request can be urged")
        gap = timedelta(minutes=settings.get("workflow.urge_interval_minutes"))
        if inst.last_urged_at is not None and at - inst.last_urged_at < gap:
            raise RuleViolation(
                None,
                f"催办过于频繁，请 {int(gap.total_seconds() // 60)} 分钟后再试",
                "you urged this request a moment ago; try again later",
            )
        urged = (
            Task.update(urged_at=at)
            .where((Task.instance == inst.id) & (Task.state == TaskState.PENDING))
            .execute()
        )
        Instance.update(last_urged_at=at).where(Instance.id == inst.id).execute()
        _step(inst, actor, "urge", comment.strip(), at=at)
        return urged


def force_close(
    actor: Actor, instance_id: int, comment: str, *, at: datetime | None = None
) -> Instance:
    """Administrator intervention: end a running document (recorded with the reason)."""
    at = at or now()
    require_role(actor, Role.ADMIN)
    comment = _require_comment(comment, "终止流程", "closing a flow")
    with db.atomic():
        inst = _load(instance_id, None)
        expected = inst.version
        if inst.state in FINAL_STATES:
            raise RuleViolation(None, "流程已结束", "the flow has ended already")
        _cancel_open(inst)
        _step(inst, actor, "force_close", comment, at=at)
        inst.position = -1
        _finish(inst, State.CLOSED, actor, at)
        _save(inst, expected)
        return inst


def move_to(
    actor: Actor, instance_id: int, position: int, comment: str, *, at: datetime | None = None
) -> Instance:
    """Administrator intervention: send a running document back to an earlier node of its
    route, or re-open the current one (its approvers resolved anew, e.g. after a head left).
    Never forward: skipping a node would decide in its approvers' place (X1)."""
    at = at or now()
    require_role(actor, Role.ADMIN)
    comment = _require_comment(comment, "调整节点", "moving a flow")
    with db.atomic():
        inst = _load(instance_id, None)
        expected = inst.version
        if inst.state != State.PENDING:
            raise RuleViolation(None, "只能调整审批中的流程", "only a pending flow can be moved")
        route = inst.route_nodes()
        if not 0 <= position < len(route):
            raise RuleViolation(None, "节点不存在", "no such step")
        if position > inst.position:
            raise RuleViolation(
                "X1",
                "管理员只能将流程调回之前的节点或重新开启当前节点，不能跳过审批",
                "an administrator may move a flow back or restart its step, never skip ahead",
            )
        _cancel_open(inst)
        _step(inst, actor, "move", f"调整至「{route[position].name}」：{comment}", at=at)
        _activate(inst, position, actor, at, previous=set())
        _save(inst, expected)
        return inst


def batch_approve(
    actor: User, instance_ids: Sequence[int], comment: str = "", *, at: datetime | None = None
) -> dict[int, str | None]:
    """批量审批: each document in its own transaction; returns id → None (done) or the
    error message, so one stale document does not block the others."""
    results: dict[int, str | None] = {}
    for instance_id in instance_ids:
        try:
            approve(actor, instance_id, comment, at=at)
            results[instance_id] = None
        except (RuleViolation, Conflict) as exc:
            results[instance_id] = str(exc)
    return results


def delegate(
    actor: User,
    principal: User,
    to: User,
    starts: datetime,
    ends: datetime,
    doc_type: str = "",
) -> Delegation:
    """Set up 代理 for ``principal`` (oneself, or anyone by an administrator)."""
    if actor.id != principal.id:
        require_role(actor, Role.ADMIN)
    if to.id == principal.id:
        raise RuleViolation(None, "不能委托给自己", "cannot delegate to oneself", field="delegate")
    if ends <= starts:
        raise RuleViolation(
            None, "结束时间必须晚于开始时间", "the end must be after the start", field="ends"
        )
    if to.is_voided:
        raise RuleViolation(None, f"{to.name} 的账户已作废", f"{to.name} is voided")
    with db.atomic():
        overlap = (
            (Delegation.starts <= ends)
            & (Delegation.ends >= starts)
            & (Delegation.revoked_at.is_null())
        )
        same_scope = (
            (Delegation.doc_type == "") | (Delegation.doc_type == doc_type) | (doc_type == "")
        )
        if (
            Delegation.select()
            .where((Delegation.principal == principal.id) & overlap & same_scope)
            .exists()
        ):
            raise RuleViolation(None, "该时段已有委托", "a delegation overlaps this period")
        if Delegation.select().where((Delegation.principal == to.id) & overlap).exists():
            raise RuleViolation(
                None,
                f"{to.name} 在该时段也已委托他人，不能再转委托",
                f"{to.name} delegates in this period too; no chains",
            )
        row = Delegation.create(
            principal=principal,
            delegate=to,
            doc_type=doc_type,
            starts=starts,
            ends=ends,
            created_at=now(),
        )
        from models import audit

        audit.record(
            actor,
            "delegation",
            row.id,
            "create",
            {
                "principal": (None, principal.name),
                "delegate": (None, to.name),
                "starts": (None, starts),
                "ends": (None, ends),
            },
        )
        return row


def revoke_delegation(actor: User, delegation: Delegation) -> None:
    if actor.id != delegation.principal_id:
        require_role(actor, Role.ADMIN)
    with db.atomic():
        Delegation.update(revoked_at=now()).where(Delegation.id == delegation.id).execute()
        from models import audit

        audit.record(actor, "delegation", delegation.id, "revoke")


# --- queries -----------------------------------------------------------------------------


def inbox(user: User, at: datetime | None = None) -> peewee.ModelSelect:
    """待办: tasks awaiting ``user``, including those of principals who delegated to them and
    excluding their own while they delegate. One SQL query (with subqueries).

    The ``assignee IN (me UNION my principals)`` term lets the database walk the assignee
    index for a handful of users instead of every pending task in the office; the scoped
    delegation checks then run only on those few rows.
    """
    at = at or now()
    candidates = User.select(User.id).where(User.id == user.id) | Delegation.select(
        Delegation.principal
    ).where((Delegation.delegate == user.id) & _active_delegations(at))
    scope = (Delegation.doc_type == "") | (Delegation.doc_type == Instance.doc_type)
    delegating = Delegation.select(Delegation.id).where(
        (Delegation.principal == user.id) & _active_delegations(at) & scope
    )
    principals = Delegation.select(Delegation.principal).where(
        (Delegation.delegate == user.id) & _active_delegations(at) & scope
    )
    mine = (Task.assignee == user.id) & ~peewee.fn.EXISTS(delegating)
    return (
        Task.select(Task, Instance)
        .join(Instance)
        .where(
            Task.assignee.in_(candidates)
            & (Task.state == TaskState.PENDING)
            & (Instance.state == State.PENDING)
            & (Instance.applicant != user.id)
            & (mine | Task.assignee.in_(principals))
        )
        .order_by(Task.due_at, Task.id)
    )


def my_requests(user: User) -> peewee.ModelSelect:
    """我的申请, newest first."""
    return Instance.select().where(Instance.applicant == user.id).order_by(Instance.id.desc())


def copied_to(user: User) -> peewee.ModelSelect:
    """抄送我的."""
    return (
        Instance.select(Instance, CarbonCopy)
        .join(CarbonCopy)
        .where(CarbonCopy.user == user.id)
        .order_by(CarbonCopy.at.desc())
    )


def overdue(at: datetime | None = None) -> peewee.ModelSelect:
    """Pending tasks past their working-day deadline."""
    at = at or now()
    return (
        Task.select(Task, Instance)
        .join(Instance)
        .where(
            (Task.state == TaskState.PENDING)
            & (Task.due_at < at)
            & (Instance.state == State.PENDING)
        )
        .order_by(Task.due_at)
    )


def trail(instance_id: int) -> list[Step]:
    """The full approval history of a document, oldest first (printable, X2)."""
    return list(Step.select().where(Step.instance == instance_id).order_by(Step.at, Step.id))


def for_document(doc_type: str, doc_id: int) -> Instance | None:
    """The newest approval of a domain record."""
    return (
        Instance.select()
        .where((Instance.doc_type == doc_type) & (Instance.doc_id == doc_id))
        .order_by(Instance.id.desc())
        .first()
    )


@dataclass
class Available:
    """What the desktop may offer ``actor`` on a document now (buttons)."""

    approve: bool = False
    withdraw: bool = False
    resubmit: bool = False
    urge: bool = False
    intervene: bool = False
    return_positions: list[int] = field(default_factory=list)


def available_actions(actor: User, inst: Instance, at: datetime | None = None) -> Available:
    at = at or now()
    result = Available()
    is_applicant = actor.id == inst.applicant_id
    if inst.state == State.PENDING:
        try:
            _my_task(inst, actor, at)
            result.approve = True
            result.return_positions = list(range(inst.position))
        except (RuleViolation, Conflict):
            pass
        result.urge = is_applicant
        result.intervene = actor.has_role(Role.ADMIN)
    result.withdraw = is_applicant and inst.state in (State.PENDING, State.RETURNED)
    result.resubmit = is_applicant and inst.state == State.RETURNED
    return result
