"""首问负责制 (C11): whoever first receives a request (a call, a visit, a letter) owns it until
someone *accepts* its handover.

Seed 004 (首问制和专人负责制): the first person asked is the 第一责任者; what is outside his
remit he registers and hands over to the responsible colleague or leader (a 工作联络单);
推诿、扯皮 is punished. Hence:

- a ``ServiceReceipt`` (来电来访登记) records its ``first_receiver`` once, when it is
  registered; the database refuses any later change of that column (a trigger,
  ``migrate_21``), so "who was asked first" is a fact for ever, whatever a client does;
- ``owner`` is never empty and changes in one place only, ``accept_handover``. An offered
  handover is *pending*: until the receiver accepts, the first owner still owns the request,
  sees its clocks and is measured by them; a declined one (with its reason) leaves him owner.
  At most one handover of a request is pending at a time (a unique column holding the
  receipt's id while pending, NULL once decided: both backends allow many NULLs);
- domains that build on a receipt (a complaint) add their own conditions on who may own it
  with ``owner_guard`` (the person complained about never owns the complaint, C10).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

import peewee

from models import audit, dates
from models.base import VersionedModel, guarded_update, now
from models.callbacks.validation import normalize_phone
from models.db import db, for_update, retry_document
from models.errors import Conflict, RuleViolation
from models.numbering import next_number
from models.people import Actor, Role, User, require_active, require_person, require_role
from models.text import clean, is_blank

# Who receives requests (the 首问 person) and who may be handed one.
RECEIVER_ROLES = (Role.SERVICE, Role.SALES, Role.SERVICE_MANAGER)
HANDOVER_ROLES = (*RECEIVER_ROLES, Role.DEPT_HEAD, Role.LEADER)


class Channel(StrEnum):
    CALL = "call"
    VISIT = "visit"
    LETTER = "letter"
    FAX = "fax"
    EMAIL = "email"
    ONLINE = "online"
    REGULATOR = "regulator"

    @property
    def label(self) -> str:
        return {
            "call": "电话",
            "visit": "来访",
            "letter": "信函",
            "fax": "传真",
            "email": "电子邮件",
            "online": "网上",
            "regulator": "监管转办",
        }[self.value]


class RequestKind(StrEnum):
    COMPLAINT = "complaint"
    CONSULTATION = "consultation"
    SUGGESTION = "suggestion"
    REPAIR = "repair"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "complaint": "投诉",
            "consultation": "咨询",
            "suggestion": "建议",
            "repair": "报修",
            "other": "其他",
        }[self.value]


class ServiceReceipt(VersionedModel):
    """来电来访登记: one request as it came in, with its first receiver and its owner."""

    number = peewee.CharField(max_length=20, unique=True)  # DJ2026-0001
    kind = peewee.CharField(max_length=16, default=RequestKind.OTHER)
    channel = peewee.CharField(max_length=16)
    received_at = peewee.DateTimeField(index=True)
    caller_name = peewee.CharField(max_length=50, verbose_name="来电来访人")
    phone = peewee.CharField(max_length=32, index=True, verbose_name="联系电话")
    content = peewee.TextField(verbose_name="内容")
    first_receiver = peewee.ForeignKeyField(User, backref="first_receipts")  # written once
    owner = peewee.ForeignKeyField(User, backref="owned_receipts", index=True)
    registered_at = peewee.DateTimeField()
    closed_at = peewee.DateTimeField(null=True)
    result = peewee.TextField(default="", verbose_name="处理结果")

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class HandoverState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "pending": "待接收",
            "accepted": "已接收",
            "declined": "已拒收",
            "withdrawn": "已撤回",
        }[self.value]


class Handover(VersionedModel):
    """移交 of a receipt from its owner to a colleague, pending until the colleague accepts
    or declines it (C11)."""

    receipt = peewee.ForeignKeyField(ServiceReceipt, backref="handovers")
    from_user = peewee.ForeignKeyField(User, backref="handovers_offered")
    to_user = peewee.ForeignKeyField(User, backref="handovers_received", index=True)
    reason = peewee.TextField(verbose_name="移交原因")
    liaison_no = peewee.CharField(max_length=32, default="", verbose_name="工作联络单号")
    offered_at = peewee.DateTimeField()
    state = peewee.CharField(max_length=12, default=HandoverState.PENDING)
    decided_at = peewee.DateTimeField(null=True)
    decline_reason = peewee.TextField(default="", verbose_name="拒收原因")
    # The receipt's id while pending, NULL once decided: one pending handover per receipt.
    pending_receipt = peewee.IntegerField(null=True, unique=True)


RECEIPT_TABLES = [ServiceReceipt, Handover]

# --- owner guards ------------------------------------------------------------------------

OwnerGuard = Callable[[ServiceReceipt, User], None]
_OWNER_GUARDS: list[OwnerGuard] = []


def owner_guard(fn: OwnerGuard) -> OwnerGuard:
    """Register ``fn(receipt, user)``: raises ``RuleViolation`` when ``user`` may not own
    ``receipt`` (checked when a handover is offered to him and when he accepts it)."""
    _OWNER_GUARDS.append(fn)
    return fn


def _check_owner(receipt: ServiceReceipt, user: User) -> None:
    for guard in _OWNER_GUARDS:
        guard(receipt, user)


def require_owner(actor: Actor, receipt: ServiceReceipt, what_zh: str, what_en: str) -> None:
    """C11: only the request's owner acts on it (the first receiver until a handover is
    accepted)."""
    if actor.id != receipt.owner_id:
        owner = User.get_by_id(receipt.owner_id)
        raise RuleViolation(
            "C11",
            f"{what_zh}须由该登记的负责人 {owner.name} 办理（首问负责制；移交须经对方接收）",
            f"{what_en} is for the owner of the request, {owner.name} (first-receiver rule)",
        )


def lock_receipt(receipt: ServiceReceipt | int) -> ServiceReceipt:
    receipt_id = receipt if isinstance(receipt, int) else receipt.id
    return for_update(ServiceReceipt.select().where(ServiceReceipt.id == receipt_id)).get()


# --- registering -------------------------------------------------------------------------


def _required(value: str, field: str, zh: str, en: str, rule: str | None) -> str:
    if is_blank(value):
        raise RuleViolation(rule, f"请填写{zh}", f"{en} is required", field=field)
    return clean(value)


def create_receipt(
    actor: User,
    *,
    kind: RequestKind | str,
    channel: Channel | str,
    caller_name: str,
    phone: str,
    content: str,
    received_at: datetime,
    rule: str | None = None,
) -> ServiceReceipt:
    """Insert the receipt with ``actor`` as first receiver and owner, inside the caller's
    transaction (the caller checked the actor and normalised the phone)."""
    try:
        kind, channel = RequestKind(kind), Channel(channel)
    except ValueError as exc:
        raise RuleViolation(
            None, f"登记类别或渠道无效：{exc}", f"bad kind or channel: {exc}"
        ) from None
    dates.done(received_at, "受理时间", "the time received", field="received_at", rule=rule)
    return audit.create(
        actor,
        ServiceReceipt,
        number=next_number("DJ", received_at.year),
        kind=kind.value,
        channel=channel.value,
        received_at=received_at,
        caller_name=_required(caller_name, "caller_name", "姓名", "the name", rule),
        phone=phone,
        content=_required(content, "content", "内容", "the content", rule),
        first_receiver=actor,
        owner=actor,
        registered_at=now(),
    )


@retry_document
def register_receipt(
    actor: Actor,
    *,
    kind: RequestKind | str,
    channel: Channel | str,
    caller_name: str,
    phone: str,
    content: str,
    received_at: datetime | None = None,
) -> ServiceReceipt:
    """C11: register a call, visit or letter; whoever registers it is its first receiver and
    its owner. (A complaint is registered with ``complaints.register_complaint``, which
    makes its receipt.)"""
    person = require_person(actor, "来电来访登记", "registering a request")
    with db.atomic():
        require_role(person, *RECEIVER_ROLES)
        if kind == RequestKind.COMPLAINT:
            raise RuleViolation(
                "C10",
                "投诉请按投诉登记（姓名、电话、内容及受理时限）",
                "register a complaint as a complaint (its clocks start with it)",
                field="kind",
            )
        return create_receipt(
            person,
            kind=kind,
            channel=channel,
            caller_name=caller_name,
            phone=normalize_phone(phone),
            content=content,
            received_at=received_at or now(),
        )


@retry_document
def close_receipt(
    actor: Actor, receipt: ServiceReceipt, result: str, at: datetime | None = None
) -> None:
    """The owner closes a request he has answered (a consultation, a suggestion); a
    complaint is closed through its own steps. Not while a handover of it is pending: the
    colleague would be left accepting a closed request (C11)."""
    at = at or now()
    with db.atomic():
        require_role(actor, *HANDOVER_ROLES)
        fresh = lock_receipt(receipt)
        if fresh.kind == RequestKind.COMPLAINT:
            raise RuleViolation(
                "C10", "投诉按投诉处理程序办结", "a complaint is closed by its own steps"
            )
        require_owner(actor, fresh, "办结", "closing")
        if not fresh.is_open:
            raise RuleViolation("C11", "该登记已办结", "the request is closed already")
        pending = pending_handover_of(fresh.id)
        if pending is not None:
            raise RuleViolation(
                "C11",
                f"该登记有待 {pending.to_user.name} 接收的移交，请先撤回移交再办结",
                f"a handover to {pending.to_user.name} is pending: withdraw it before closing",
            )
        result = _required(result, "result", "处理结果", "the result", "C11")
        guarded_update(fresh, fresh.version, closed_at=at, result=result)
        audit.record(actor, "service_receipt", fresh.id, "close", {"result": ("", result)})


# --- handovers ---------------------------------------------------------------------------


@retry_document
def offer_handover(
    actor: Actor,
    receipt: ServiceReceipt,
    to: User,
    reason: str,
    *,
    liaison_no: str = "",
    at: datetime | None = None,
) -> Handover:
    """C11: the owner offers the request to a colleague; he stays owner until it is
    accepted."""
    at = at or now()
    with db.atomic():
        require_role(actor, *HANDOVER_ROLES)
        fresh = lock_receipt(receipt)
        require_owner(actor, fresh, "移交", "handing over")
        if not fresh.is_open:
            raise RuleViolation(
                "C11", "已办结的登记不能移交", "a closed request is not handed over"
            )
        if to.id == actor.id:
            raise RuleViolation("C11", "不能移交给自己", "a request is not handed to oneself")
        reason = _required(reason, "reason", "移交原因", "the reason", "C11")
        receiver = User.get_by_id(to.id)
        if not require_active(receiver).intersection(HANDOVER_ROLES):
            raise RuleViolation(
                "C11",
                f"{receiver.name} 不是客服、销售、客服管理、科室负责人或主要领导，不能接收移交",
                f"{receiver.name} holds no role that receives requests",
            )
        _check_owner(fresh, receiver)
        try:
            with db.atomic():
                handover = audit.create(
                    actor,
                    Handover,
                    receipt=fresh,
                    from_user=actor,
                    to_user=receiver,
                    reason=reason,
                    liaison_no=clean(liaison_no),
                    offered_at=at,
                    pending_receipt=fresh.id,
                )
        except peewee.IntegrityError:
            raise RuleViolation(
                "C11",
                "该登记已有待接收的移交，请等待对方处理或先撤回",
                "a handover of this request is pending already",
            ) from None
        return handover


def _lock_pending(handover: Handover) -> Handover:
    fresh = for_update(Handover.select().where(Handover.id == handover.id)).get()
    if fresh.state != HandoverState.PENDING:
        raise Conflict(
            f"该移交已{HandoverState(fresh.state).label}，已被他人处理",
            f"the handover is {fresh.state} already",
        )
    return fresh


def _decide(handover: Handover, state: HandoverState, at: datetime, **extra: str) -> None:
    guarded_update(
        handover, handover.version, state=state, decided_at=at, pending_receipt=None, **extra
    )


def _require_receiver(actor: Actor, handover: Handover, what_zh: str, what_en: str) -> None:
    if actor.id != handover.to_user_id:
        raise RuleViolation(
            "C11",
            f"只有接收人 {handover.to_user.name} 可以{what_zh}",
            f"only the receiver {handover.to_user.name} may {what_en}",
        )


@retry_document
def accept_handover(actor: Actor, handover: Handover, at: datetime | None = None) -> ServiceReceipt:
    """C11: the receiver accepts; from now on he owns the request. The first receiver stays
    what it was."""
    at = at or now()
    with db.atomic():
        require_role(actor, *HANDOVER_ROLES)
        receipt = lock_receipt(handover.receipt_id)
        fresh = _lock_pending(handover)
        _require_receiver(actor, fresh, "接收", "accept")
        if receipt.owner_id != fresh.from_user_id or not receipt.is_open:
            raise Conflict()
        _check_owner(receipt, User.get_by_id(actor.id))
        _decide(fresh, HandoverState.ACCEPTED, at)
        old = receipt.owner_id
        guarded_update(receipt, receipt.version, owner=actor.id)
        audit.record(
            actor,
            "service_receipt",
            receipt.id,
            "handover_accepted",
            {"owner": (old, actor.id)},
            note=fresh.liaison_no or None,
        )
        return receipt


@retry_document
def decline_handover(
    actor: Actor, handover: Handover, reason: str, at: datetime | None = None
) -> Handover:
    """C11: the receiver declines, with a reason; the owner stays the owner."""
    at = at or now()
    with db.atomic():
        require_role(actor, *HANDOVER_ROLES)
        lock_receipt(handover.receipt_id)
        fresh = _lock_pending(handover)
        _require_receiver(actor, fresh, "拒收", "decline")
        reason = _required(reason, "reason", "拒收原因", "the reason", "C11")
        _decide(fresh, HandoverState.DECLINED, at, decline_reason=reason)
        audit.record(actor, "handover", fresh.id, "decline", {"state": ("pending", "declined")})
        return fresh


@retry_document
def withdraw_handover(actor: Actor, handover: Handover, at: datetime | None = None) -> Handover:
    """The owner takes back a handover nobody has answered yet."""
    at = at or now()
    with db.atomic():
        require_role(actor, *HANDOVER_ROLES)
        lock_receipt(handover.receipt_id)
        fresh = _lock_pending(handover)
        if actor.id != fresh.from_user_id:
            raise RuleViolation("C11", "只有移交人可以撤回", "only who offered it may withdraw")
        _decide(fresh, HandoverState.WITHDRAWN, at)
        audit.record(actor, "handover", fresh.id, "withdraw", {"state": ("pending", "withdrawn")})
        return fresh


def pending_handovers(user: User) -> peewee.ModelSelect:
    """Handovers waiting for ``user`` to accept or decline (his 待办)."""
    return (
        Handover.select()
        .where((Handover.to_user == user.id) & (Handover.state == HandoverState.PENDING))
        .order_by(Handover.offered_at)
    )


def pending_handover_of(receipt_id: int) -> Handover | None:
    """The request's handover waiting for an answer, if any (at most one, C11)."""
    return (
        Handover.select()
        .where((Handover.receipt == receipt_id) & Handover.pending_receipt.is_null(False))
        .first()
    )


def first_receiver_fixed(database: peewee.Database) -> None:
    """The database refuses to change ``receipt.first_receiver_id`` from any client (C11)."""
    table, column = ServiceReceipt._meta.table_name, "first_receiver_id"
    message = f"{table}.{column} is written once"
    name = f"{table}_first_receiver_fixed"
    if isinstance(database, peewee.MySQLDatabase):
        sql = (
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE UPDATE ON {table} FOR EACH ROW "
            f"BEGIN IF NOT (NEW.{column} <=> OLD.{column}) THEN "
            f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}'; END IF; END"
        )
    else:
        sql = (
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE UPDATE OF {column} ON {table} "
            f"WHEN NEW.{column} IS NOT OLD.{column} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    database.execute_sql(sql)
