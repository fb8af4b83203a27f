"""Documents: the records that go through the approval engine, with their lifecycle declared.

The engine (``models.workflow``) declares the approval *route*; a ``Document`` declares the
rest of its life as data, beside its table:

- ``DOC_TYPE``: the engine's document type (its flow is ``workflow.registered_flow(DOC_TYPE)``);
- ``OUTCOMES``: which document state each engine outcome leads to (审批通过 → 已准修 …). The
  engine's outcome is applied here, once, through ``guarded_update``; a document adds its own
  side effects of an outcome (issuing the 准修通知单 number, freezing the approved amount) in
  ``outcome_changes``, which returns the extra columns to write;
- ``TRANSITIONS``: every action a user may take on it — from which states, by which roles or
  which person, at which approval node, under which guard — and the rule a refusal names.

The verbs of a domain start with ``Model.begin(actor, document, action)``: it re-reads the
row under a lock, refuses with ``Conflict`` when the document changed since the caller read it
(the version the user saw is the version of the object the desktop holds), and refuses the
action when the declaration does not allow it. ``available_actions(actor, document)`` answers
from the same declaration, so the desktop's buttons and the command line never restate a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from models import workflow
from models.base import VersionedModel, guarded_update
from models.db import db, retry_document
from models.errors import Conflict, RuleViolation
from models.people import Actor, Role, User, require_active, require_role
from models.prepared import Prepared
from models.workflow import Instance, State

D = TypeVar("D", bound="Document")


class PlanState(StrEnum):
    """The life of a plan that is written, sent for approval and decided (a purchase plan,
    a callback plan, a tier plan): one declaration, so each such document reads and
    translates its states the same way (``PLAN_OUTCOMES`` maps the engine's outcomes)."""

    DRAFT = "draft"
    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "draft": "草拟",
            "pending": "审批中",
            "returned": "已退回",
            "approved": "已批准",
            "rejected": "未批准",
            "withdrawn": "已撤回",
        }[self.value]


PLAN_OUTCOMES: Mapping[State, str] = {
    State.APPROVED: PlanState.APPROVED,
    State.REJECTED: PlanState.REJECTED,
    State.RETURNED: PlanState.RETURNED,
    State.WITHDRAWN: PlanState.WITHDRAWN,
    State.CLOSED: PlanState.WITHDRAWN,
}


@dataclass(frozen=True)
class Transition:
    """One action on a document.

    - ``sources``: the document states it may start from (empty: any state);
    - ``rule``, ``zh``, ``en``: the refusal when the document is in another state (``{state}``
      in the text is replaced by the state's label);
    - ``roles``: who may take it (empty: anyone the other checks let through);
    - ``who``: a check on the person (the driver himself) with its own refusal ``who_zh/en``;
    - ``nodes``: the action decides the approval task at one of these nodes; the actor must
      hold that task (or a delegation for it) — the engine's own rules (X1, 会签 …) apply;
    - ``engine``: the action is one the engine offers the actor (``"withdraw"``, ``"urge"``);
    - ``guard``: a further condition for offering the action (not a refusal by itself: the
      verb checks the details with their own messages).
    """

    action: str
    sources: frozenset[str] = frozenset()
    rule: str | None = None
    zh: str = "当前状态下不能执行此操作"
    en: str = "not possible in the document's current state"
    roles: frozenset[Role] = frozenset()
    who: Callable[[User, Any], bool] | None = None
    who_zh: str = ""
    who_en: str = ""
    nodes: frozenset[str] = frozenset()
    engine: str | None = None
    guard: Callable[[User, Any], bool] | None = None


def transition(
    action: str,
    sources: Collection[str] = (),
    *,
    roles: Collection[Role] = (),
    nodes: Collection[str] = (),
    **options: Any,
) -> Transition:
    """``Transition`` with plain collections (the declarations read as lists)."""
    return Transition(
        action,
        frozenset(str(s) for s in sources),
        roles=frozenset(roles),
        nodes=frozenset(nodes),
        **options,
    )


class Document(VersionedModel):
    """A table whose rows go through the approval engine. Subclasses declare ``DOC_TYPE``,
    ``OUTCOMES`` and ``TRANSITIONS``, have a ``state`` column, and are passed to
    ``register`` once their flow is declared."""

    DOC_TYPE: ClassVar[str] = ""
    STATES: ClassVar[type[StrEnum]]
    OUTCOMES: ClassVar[Mapping[State, str]] = {}
    TRANSITIONS: ClassVar[tuple[Transition, ...]] = ()
    DECIDING_DEPARTMENT: ClassVar[str | None] = None
    """The column naming the department whose head decides a 科室负责人 node (a repair's
    ``unit``); ``None``: the applicant's own department."""

    def approval_title(self) -> tuple[str, str]:
        """The title of the document's approval, (Chinese, English), composed once from its
        row: the engine stores the Chinese when the document is submitted; the English
        desktop asks again for the English."""
        return (f"{self.DOC_TYPE} {self.id}", f"{self.DOC_TYPE} {self.id}")

    def instance(self) -> Instance | None:
        return workflow.for_document(self.DOC_TYPE, self.id)

    def node_key(self) -> str | None:
        """The approval node the document waits at now, if any."""
        inst = self.instance()
        if inst is None or inst.state != State.PENDING:
            return None
        node = inst.current_node()
        return node.key if node else None

    @property
    def state_label(self) -> str:
        return self.STATES(self.state).label

    @classmethod
    def lock(cls: type[D], document: D | int) -> D:
        """Re-read the row under a lock, so two desktops cannot both move it. Given the
        object the caller read (not an id), refuse with ``Conflict`` when the row changed
        since: the user acted on what they saw, and it is no longer what is there."""
        doc_id = document if isinstance(document, int) else document.id
        fresh = cls.get_for_update(cls.id == doc_id)
        if not isinstance(document, int) and fresh.version != document.version:
            raise Conflict()
        return fresh

    @classmethod
    def declared(cls, action: str) -> Transition:
        for t in cls.TRANSITIONS:
            if t.action == action:
                return t
        raise KeyError(f"{cls.__name__} declares no action {action!r}")

    @classmethod
    def begin(cls: type[D], actor: Actor, document: D | int, action: str) -> D:
        """Lock ``document`` (refusing a stale one) and check that ``actor`` may take
        ``action`` on it now; return the locked row. Call inside the verb's transaction."""
        t = cls.declared(action)
        # The actor first, as the database says now (X1): voided, locked or without the
        # role since his object was loaded is refused before anything is read or locked.
        if t.roles:
            require_role(actor, *t.roles)
        else:
            require_active(actor)
        doc = cls.lock(document)
        if (t.sources and doc.state not in t.sources) or (
            t.nodes and doc.node_key() not in t.nodes
        ):
            zh, en = t.zh.format(state=doc.state_label), t.en.format(state=doc.state)
            raise RuleViolation(t.rule, zh, en)
        if t.who is not None and not t.who(actor, doc):
            raise RuleViolation(t.rule, t.who_zh or t.zh, t.who_en or t.en)
        return doc

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        """Extra columns (and side effects) when the engine reaches ``state``."""
        return {}

    @classmethod
    def apply_outcome(cls, inst: Instance, state: State, actor: Actor) -> None:
        target = cls.OUTCOMES.get(state)
        if target is None:
            return
        doc = cls.lock(inst.doc_id)
        guarded_update(doc, doc.version, state=target, **doc.outcome_changes(inst, state, actor))


_DOCUMENTS: dict[str, type[Document]] = {}


def register(model: type[D]) -> type[D]:
    """Declare ``model`` a document: the engine's outcomes now reach it through ``OUTCOMES``."""
    _DOCUMENTS[model.DOC_TYPE] = model
    workflow.on_outcome(model.DOC_TYPE)(model.apply_outcome)
    column = model.DECIDING_DEPARTMENT
    if column is not None:
        field = model._meta.fields[column]
        # Asked at every submission and decision: rendered once (``models.prepared``).
        query = Prepared(lambda doc: model.select(field).where(model.id == doc))

        def deciding(doc_id: int) -> int | None:
            return query.scalar(doc_id)

        workflow.department_of(model.DOC_TYPE)(deciding)
    return model


def document_model(doc_type: str) -> type[Document] | None:
    workflow.load_domains()
    return _DOCUMENTS.get(doc_type)


@dataclass(frozen=True)
class Offer:
    """What ``available_actions`` found: the action keys, and the engine's view of the
    instance (for the positions a return may go back to)."""

    actions: frozenset[str]
    engine: workflow.Available | None = field(default=None, compare=False)

    def __contains__(self, action: object) -> bool:
        return action in self.actions


def available_actions(actor: User, document: Document) -> Offer:
    """The actions ``actor`` may take on ``document`` now, from its ``TRANSITIONS``.

    A shown action is still checked again by its verb, so a button shown by mistake is
    refused with the rule ID — never the other way round."""
    inst = document.instance()
    can = workflow.available_actions(actor, inst) if inst is not None else None
    node = document.node_key()
    found = set()
    for t in document.TRANSITIONS:
        if t.sources and document.state not in t.sources:
            continue
        if t.roles and not actor.has_role(*t.roles):
            continue
        if t.who is not None and not t.who(actor, document):
            continue
        if t.nodes and not (can is not None and can.approve and node in t.nodes):
            continue
        if t.engine and not (can is not None and getattr(can, t.engine)):
            continue
        if t.guard is not None and not t.guard(actor, document):
            continue
        found.add(t.action)
    return Offer(frozenset(found), can)


# The engine's decisions on a document. Both guards hold: the document must be as the user
# read it (``begin``), and so must its approval (``seen`` is the instance's version when the
# window was filled; the engine refuses a step taken meanwhile). The action's declaration
# (state, node) is checked when the document declares it.
Seen = int | None


def _engine_action(
    action: Callable[..., Any],
    key: str,
    actor: User,
    document: D,
    comment: str,
    seen: Seen,
    at: datetime | None,
) -> D:
    with db.atomic():
        require_active(actor)  # the actor first, whatever the document
        model = type(document)
        if any(t.action == key for t in model.TRANSITIONS):
            doc = model.begin(actor, document, key)
        else:
            doc = model.lock(document)
        inst = doc.instance()
        if inst is None:
            raise RuleViolation(None, "该单据没有审批流程", "the document has no approval")
        action(actor, inst.id, comment, expected_version=seen, at=at)
        return model.get_by_id(doc.id)


def send_for_approval(
    actor: User,
    doc: Document,
    *,
    fields: Mapping[str, Any],
    pending: StrEnum,
    returned: StrEnum,
    at: datetime,
) -> None:
    """报批, inside the caller's use case (its transaction, its checks done): the document
    goes to ``pending`` and onto the engine: a first submission starts its approval under
    the title the document composes (``approval_title``); one that came back ``returned``
    goes again on the same approval, so its trail stays one trail."""
    came_back = doc.state == returned
    guarded_update(doc, doc.version, state=pending, submitted_at=at)
    if came_back:
        workflow.resubmit(actor, doc.instance().id, fields=fields, at=at)
    else:
        workflow.submit(
            actor,
            doc.DOC_TYPE,
            title=doc.approval_title()[0],
            doc_id=doc.id,
            fields=fields,
            at=at,
        )


@retry_document
def approve(
    actor: User,
    document: D,
    key: str,
    comment: str,
    *,
    seen: Seen = None,
    at: datetime | None = None,
) -> D:
    """同意 at the node the action ``key`` declares (``approve``, ``head_approve`` ...)."""
    return _engine_action(workflow.approve, key, actor, document, comment, seen, at)


@retry_document
def reject(
    actor: User, document: D, comment: str, *, seen: Seen = None, at: datetime | None = None
) -> D:
    """驳回 ``document`` at its current node."""
    return _engine_action(workflow.reject, "reject", actor, document, comment, seen, at)


@retry_document
def return_to_applicant(
    actor: User, document: D, comment: str, *, seen: Seen = None, at: datetime | None = None
) -> D:
    """退回 ``document`` to its applicant."""
    return _engine_action(workflow.return_to, "return", actor, document, comment, seen, at)


@retry_document
def withdraw(
    actor: User, document: D, comment: str = "", *, seen: Seen = None, at: datetime | None = None
) -> D:
    """撤回 by the applicant."""
    return _engine_action(workflow.withdraw, "withdraw", actor, document, comment, seen, at)
