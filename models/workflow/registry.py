"""Which flow, guards and outcome hooks each document type declared, and the stored flow
versions."""

from __future__ import annotations

from collections.abc import Callable

import peewee

from models.base import now
from models.db import db
from models.errors import Conflict, RuleViolation
from models.people import Actor, Role, require_role
from models.prepared import Prepared
from models.workflow.spec import Flow, Node, State
from models.workflow.tables import FlowVersion, Instance

_FLOWS: dict[str, Flow] = {}
Hook = Callable[[Instance, State, Actor], None]
_HOOKS: dict[str, list[Hook]] = {}
Guard = Callable[[Instance, Node, Actor], None]
_GUARDS: dict[str, list[Guard]] = {}
DepartmentOf = Callable[[int], int | None]
_DEPARTMENTS: dict[str, DepartmentOf] = {}


def register_flow(flow: Flow) -> Flow:
    """Declare the flow a document type uses (at import time of its domain module)."""
    _FLOWS[flow.doc_type] = flow
    return flow


def load_domains() -> None:
    """Import every domain module, which registers their flows, guards and outcome hooks.

    Called by each action before it reads a document, rather than when the database opens:
    the desktop then shows its window without importing the modules nobody has used yet
    (50 ms of start-up), and no action can ever run without the hooks of its document."""
    from models import domains

    domains.load()


def registered_flow(doc_type: str) -> Flow:
    try:
        return _FLOWS[doc_type]
    except KeyError:
        raise RuleViolation(
            None, f"未定义审批流程：{doc_type}", f"no flow for {doc_type}"
        ) from None


def department_of(doc_type: str) -> Callable[[DepartmentOf], DepartmentOf]:
    """Register ``fn(doc_id)``: the id of the department whose head decides a 科室负责人 node
    of a ``doc_type`` document, as its row holds it (a repair: the vehicle's unit). The
    engine asks it when the document is submitted, so no caller can route a request to the
    head of another department. A type without one: the applicant's own department, as the
    database holds it."""

    def wrap(fn: DepartmentOf) -> DepartmentOf:
        _DEPARTMENTS[doc_type] = fn
        return fn

    return wrap


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


# Asked at every submission: rendered once (models.prepared).
_LATEST_CODE = Prepared(
    lambda doc_type: (
        FlowVersion.select()
        .where((FlowVersion.doc_type == doc_type) & (FlowVersion.source == "code"))
        .order_by(FlowVersion.version.desc())
        .limit(1)
    )
)
_LATEST = Prepared(
    lambda doc_type: (
        FlowVersion.select()
        .where(FlowVersion.doc_type == doc_type)
        .order_by(FlowVersion.version.desc())
        .limit(1)
    )
)


def current_version(doc_type: str) -> FlowVersion:
    """The version new documents start with. A changed declaration in code becomes a new
    version; otherwise the newest version stands (including one an administrator published).

    Two desktops submitting the first document of a type at the same moment both find no
    stored version and both store one: the second insert meets the unique key, and reading
    again finds the version the first one stored (the same declaration)."""
    load_domains()
    code = registered_flow(doc_type)
    spec = code.to_json()
    for _attempt in range(_STORE_ATTEMPTS):
        latest_code = _LATEST_CODE.first(doc_type)
        if latest_code is not None and latest_code.spec == spec:
            return _LATEST.first(doc_type)
        stored = _store_version(code, "code")
        if stored is not None:
            return stored
    raise _busy_versions(doc_type)


_STORE_ATTEMPTS = 5


def _busy_versions(doc_type: str) -> Conflict:
    return Conflict(
        f"其他人正在同时发布「{doc_type}」的流程版本，请稍后重试",
        f"someone else is storing a version of the {doc_type} flow right now; try again",
    )


def _store_version(flow: Flow, source: str) -> FlowVersion | None:
    """Store the next version of ``flow``; ``None`` when another desktop took that version
    number at the same moment (the caller reads again)."""
    last = (
        FlowVersion.select(peewee.fn.MAX(FlowVersion.version))
        .where(FlowVersion.doc_type == flow.doc_type)
        .scalar()
    )
    try:
        with db.atomic():  # a savepoint: the duplicate leaves the caller's transaction usable
            return FlowVersion.create(
                doc_type=flow.doc_type,
                version=(last or 0) + 1,
                name=flow.name,
                spec=flow.to_json(),
                source=source,
                created_at=now(),
            )
    except peewee.IntegrityError:
        return None


def publish_flow(actor: Actor, flow: Flow) -> FlowVersion:
    """An administrator changes a flow (e.g. its approvers); running documents keep theirs."""
    with db.atomic():
        require_role(actor, Role.ADMIN)
        code = registered_flow(flow.doc_type)
        if not flow.nodes:
            raise RuleViolation(None, "流程至少需要一个节点", "a flow needs at least one node")
        if code.separate_duties and not flow.separate_duties:
            raise RuleViolation(
                code.rule or "X1",
                f"「{code.name}」规定不相容职务分离，发布的流程不能取消",
                f"{code.name} separates duties by regulation; a published flow keeps that",
            )
        for _attempt in range(_STORE_ATTEMPTS):
            stored = _store_version(flow, "admin")
            if stored is not None:
                return stored
    raise _busy_versions(flow.doc_type)
