"""回访任务 (C3, C4): one call to make, its attempts and where it ends.

A callback is made by the post its method names (C3: phone by 客服, on-site by 销售, the
online questionnaire by 客服管理). Each attempt is kept (append-only) with its outcome. A
method that cannot reach the customer — a number that does not exist (空号), a refusal
(拒访), or ``callbacks.attempts_per_method`` tries unanswered or switched off — moves the
callback to the next method of its chain, assigned to the people the plan schedules for it
(C4). Only when the last method failed too may it be closed as unreachable, and then by a
客服管理 who neither holds it nor tried it. Rescheduling (约定改期) moves a date, never the
key the generator made it under (C9)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum

import peewee

from models import audit, settings
from models.base import BaseModel, VersionedModel, guarded_update, now
from models.callbacks.customers import Customer, Project, internal_customer
from models.callbacks.plans import CallbackPlan, ContentType, Method, staff_for
from models.db import db
from models.errors import Conflict, RuleViolation
from models.people import Actor, Role, User, require_role
from models.prepared import Prepared
from models.text import clean


class CallbackState(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    EXHAUSTED = "exhausted"  # every method failed: waits for a second person's confirmation
    DONE = "done"
    UNREACHABLE = "unreachable"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "pending": "待回访",
            "in_progress": "回访中",
            "exhausted": "待确认无法回访",
            "done": "已回访",
            "unreachable": "无法回访",
            "cancelled": "已取消",
        }[self.value]


OPEN = (CallbackState.PENDING, CallbackState.IN_PROGRESS)
FINISHED = (CallbackState.DONE, CallbackState.UNREACHABLE)


class Outcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    POWERED_OFF = "powered_off"
    VACANT = "vacant"
    REFUSED = "refused"
    RESCHEDULED = "rescheduled"
    INVALID = "invalid"  # an online questionnaire's answers marked invalid

    @property
    def label(self) -> str:
        return {
            "reached": "接通",
            "no_answer": "未接通",
            "powered_off": "关机",
            "vacant": "空号",
            "refused": "拒访",
            "rescheduled": "约定改期",
            "invalid": "问卷无效",
        }[self.value]


# The posts that make callbacks (C3): each use case on a callback asks for one of them first,
# then for the one its current method needs.
POSTS = (Role.SERVICE, Role.SALES, Role.SERVICE_MANAGER)

# An outcome that ends a method at once; the tries that count towards its limit.
ENDS_METHOD = (Outcome.VACANT, Outcome.REFUSED)
COUNTS = (Outcome.NO_ANSWER, Outcome.POWERED_OFF, Outcome.INVALID)


class Callback(VersionedModel):
    """One call to make. A generated one is keyed (plan, customer, period_key); one made
    from another record (a fleet repair's spot check) is keyed (source_type, source_id,
    content_type). Each key is NULL on the other kind, so the two never collide."""

    plan = peewee.ForeignKeyField(CallbackPlan, null=True, backref="callbacks")
    customer = peewee.ForeignKeyField(Customer, backref="callbacks")
    project = peewee.ForeignKeyField(Project, null=True)
    period_key = peewee.CharField(max_length=16, null=True)  # 2026-11, 2026Q4, once
    period_start = peewee.DateField(null=True)
    period_end = peewee.DateField(null=True)
    source_type = peewee.CharField(max_length=24, null=True)
    source_id = peewee.IntegerField(null=True)
    content_type = peewee.CharField(max_length=16)
    method_chain = peewee.CharField(max_length=60)
    method_index = peewee.IntegerField(default=0)
    method = peewee.CharField(max_length=12)
    assignee = peewee.ForeignKeyField(User, null=True, backref="callbacks")
    scheduled_on = peewee.DateField()
    due_on = peewee.DateField()
    state = peewee.CharField(max_length=12, default=CallbackState.PENDING)
    created_at = peewee.DateTimeField()
    finished_at = peewee.DateTimeField(null=True)
    closed_by = peewee.ForeignKeyField(User, null=True)
    close_reason = peewee.CharField(max_length=300, default="")

    class Meta:
        indexes = (
            (("plan", "customer", "period_key"), True),
            (("source_type", "source_id", "content_type"), True),
            (("assignee", "state", "scheduled_on"), False),
            (("customer", "due_on"), False),
        )

    @property
    def methods(self) -> list[Method]:
        return [Method(m) for m in self.method_chain.split(",") if m]

    @property
    def state_label(self) -> str:
        return CallbackState(self.state).label


class CallbackAttempt(BaseModel):
    """One try (C4), append-only: what was tried, by whom, and what came of it."""

    callback = peewee.ForeignKeyField(Callback, backref="attempts")
    at = peewee.DateTimeField()
    method = peewee.CharField(max_length=12)
    actor = peewee.ForeignKeyField(User, null=True)
    outcome = peewee.CharField(max_length=12)
    phone_dialled = peewee.CharField(max_length=32, default="")
    note = peewee.CharField(max_length=300, default="")
    next_try_on = peewee.DateField(null=True)

    class Meta:
        indexes = ((("callback", "at"), False),)


CALLBACK_TABLES = [Callback, CallbackAttempt]


def lock(callback: Callback | int) -> Callback:
    """The callback as the database holds it, locked; a stale object is a ``Conflict``."""
    cb_id = callback if isinstance(callback, int) else callback.id
    fresh = Callback.get_for_update(Callback.id == cb_id)  # a text rendered once
    if not isinstance(callback, int) and fresh.version != callback.version:
        raise Conflict()
    return fresh


def refuse_closed(callback: Callback, rule: str = "C4") -> None:
    if callback.state not in OPEN:
        raise RuleViolation(
            rule,
            f"回访任务{callback.state_label}，不能再登记",
            f"the callback is {callback.state}: nothing more is recorded on it",
        )


def require_method_post(actor: Actor, callback: Callback) -> None:
    """C3: only the post of the callback's current method works on it, and only the person
    it is assigned to (when it is)."""
    method = Method(callback.method)
    require_role(actor, method.role)
    if callback.assignee_id is not None and callback.assignee_id != actor.id:
        raise RuleViolation(
            "C3",
            f"该回访（{method.label}）已分派给 {callback.assignee.name}",
            f"this {method.value} callback is assigned to {callback.assignee.name}",
        )


def _next_assignee(callback: Callback, method: Method) -> int | None:
    if callback.plan_id is None:
        return None
    people = staff_for(callback.plan, method)
    return people[callback.customer_id % len(people)] if people else None


# Asked after every failed attempt: rendered once (``models.prepared``).
_FAILED_TRIES = Prepared(
    lambda callback, method: CallbackAttempt.select(peewee.fn.COUNT(CallbackAttempt.id)).where(
        (CallbackAttempt.callback == callback)
        & (CallbackAttempt.method == method)
        & CallbackAttempt.outcome.in_(sorted(COUNTS))
    )
)


def failed_tries(callback: Callback, method: Method | str) -> int:
    return int(_FAILED_TRIES.scalar(callback.id, Method(method).value) or 0)


def _after_failure(actor: Actor, callback: Callback, outcome: Outcome, at: datetime) -> None:
    """C4: move on to the next method when this one cannot reach the customer."""
    method = Method(callback.method)
    limit = settings.get("callbacks.attempts_per_method")
    if outcome not in ENDS_METHOD and failed_tries(callback, method) < limit:
        guarded_update(callback, callback.version, state=CallbackState.IN_PROGRESS)
        return
    chain = callback.methods
    nxt = callback.method_index + 1
    if nxt >= len(chain):
        guarded_update(callback, callback.version, state=CallbackState.EXHAUSTED)
        audit.record(actor, "callback", callback.id, "exhausted", {"method": (method, None)})
        return
    to = chain[nxt]
    changes = {
        "method_index": nxt,
        "method": to,
        "assignee": _next_assignee(callback, to),
        "state": CallbackState.PENDING,
        "scheduled_on": max(callback.scheduled_on, at.date()),
    }
    diff = {"method": (method, to), "assignee": (callback.assignee_id, changes["assignee"])}
    guarded_update(callback, callback.version, **changes)
    audit.record(actor, "callback", callback.id, "fallback", diff, note=outcome.label)


def log_attempt(
    actor: User,
    callback: Callback,
    outcome: Outcome | str,
    *,
    phone_dialled: str = "",
    note: str = "",
    next_try_on: date | None = None,
    at: datetime | None = None,
) -> Callback:
    """C3/C4: a try that did not reach the customer (a reached one is recorded with
    ``records.record_callback``). 约定改期 needs the agreed day and moves the date only."""
    at = at or now()
    with db.atomic():
        require_role(actor, *POSTS)
        outcome = Outcome(outcome)
        callback = lock(callback)
        refuse_closed(callback)
        require_method_post(actor, callback)
        if outcome == Outcome.REACHED:
            raise RuleViolation(
                "C6", "接通的回访请填写回访记录", "a reached callback is recorded with its record"
            )
        if at > now():
            raise RuleViolation("C4", "尝试时间不能在将来", "an attempt cannot be in the future")
        if outcome == Outcome.RESCHEDULED and (next_try_on is None or next_try_on < at.date()):
            raise RuleViolation(
                "C4",
                "约定改期须写明约定的日期（不早于今天）",
                "a reschedule needs the agreed day",
                field="next_try_on",
            )
        CallbackAttempt.create(
            callback=callback,
            at=at,
            method=callback.method,
            actor=actor,
            outcome=outcome,
            phone_dialled=clean(phone_dialled),
            note=clean(note),
            next_try_on=next_try_on,
        )
        if outcome == Outcome.RESCHEDULED:
            _move_dates(actor, callback, next_try_on, outcome.label)
        else:
            _after_failure(actor, callback, outcome, at)
        return Callback.get_by_id(callback.id)


def _move_dates(actor: Actor, callback: Callback, day: date, why: str) -> None:
    changes = {
        "scheduled_on": day,
        "due_on": max(callback.due_on, day),
        "state": CallbackState.IN_PROGRESS,
    }
    diff = {
        "scheduled_on": (callback.scheduled_on, day),
        "due_on": (callback.due_on, changes["due_on"]),
    }
    guarded_update(callback, callback.version, **changes)
    audit.record(actor, "callback", callback.id, "reschedule", diff, note=why)


def reschedule(actor: User, callback: Callback, day: date, reason: str) -> Callback:
    """C9: move a callback to another day. Its key (plan, customer, period) never changes,
    so the generator will not make it again."""
    with db.atomic():
        require_role(actor, *POSTS)
        callback = lock(callback)
        refuse_closed(callback, "C9")
        if not actor.has_role(Role.SERVICE_MANAGER):
            require_method_post(actor, callback)
        if not clean(reason):
            raise RuleViolation(
                "C9", "改期须写明原因", "a reschedule needs a reason", field="reason"
            )
        _move_dates(actor, callback, day, clean(reason))
        return Callback.get_by_id(callback.id)


def reassign_callback(actor: User, callback: Callback, assignee: User, reason: str) -> Callback:
    """C3/C4: 客服管理 hands an open callback to another person of its current method's post
    (phone to a 客服, on-site to a 销售, online to a 客服管理), with a reason; the method,
    the dates and the key stay."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER)
        callback = lock(callback)
        refuse_closed(callback)
        method = Method(callback.method)
        if assignee.is_voided or not assignee.has_role(method.role):
            raise RuleViolation(
                "C3",
                f"{assignee.name} 不是{method.role.label}岗，不能做{method.label}",
                f"{assignee.name} does not hold the post of a {method.value} callback",
                field="assignee",
            )
        if assignee.id == callback.assignee_id:
            raise RuleViolation(
                "C3", "该回访已分派给此人", "the callback is already assigned to this person"
            )
        reason = clean(reason)
        if not reason:
            raise RuleViolation(
                "C3", "改派回访须写明原因", "a reassignment needs a reason", field="reason"
            )
        diff = {"assignee": (callback.assignee_id, assignee.id)}
        guarded_update(callback, callback.version, assignee=assignee.id)
        audit.record(actor, "callback", callback.id, "reassign", diff, note=reason)
        return Callback.get_by_id(callback.id)


def _second_person(actor: User, callback: Callback) -> bool:
    """Whether ``actor`` neither holds ``callback`` nor tried it (C4: who may confirm that
    its customer cannot be reached)."""
    tried = CallbackAttempt.select().where(
        (CallbackAttempt.callback == callback.id) & (CallbackAttempt.actor == actor.id)
    )
    return actor.id != callback.assignee_id and not tried.exists()


def may_confirm_unreachable(actor: User, callback: Callback) -> bool:
    """Whether ``close_unreachable`` would take ``actor``'s confirmation of ``callback`` (for
    the desktop's button; the use case decides)."""
    return (
        actor.has_role(Role.SERVICE_MANAGER)
        and callback.state == CallbackState.EXHAUSTED
        and _second_person(actor, callback)
    )


def close_unreachable(actor: User, callback: Callback, reason: str) -> Callback:
    """C4: 无法回访, only after every method of the chain failed, confirmed by a 客服管理 who
    neither holds the callback nor tried it."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER)
        callback = lock(callback)
        reason = clean(reason)
        if callback.state != CallbackState.EXHAUSTED:
            left = "、".join(m.label for m in callback.methods[callback.method_index :])
            raise RuleViolation(
                "C4",
                f"回访方式尚未用尽（还有：{left}），不能认定无法回访",
                "every method of the chain must be tried before a callback is unreachable",
            )
        if not _second_person(actor, callback):
            raise RuleViolation(
                "C4",
                "无法回访须由未经办该回访的另一人确认",
                "unreachable is confirmed by someone who neither held nor tried the callback",
            )
        if not reason:
            raise RuleViolation("C4", "请写明无法回访的情况", "give the reason", field="reason")
        guarded_update(
            callback,
            callback.version,
            state=CallbackState.UNREACHABLE,
            finished_at=now(),
            closed_by=actor.id,
            close_reason=reason,
        )
        audit.record(actor, "callback", callback.id, "unreachable", note=reason)
        return callback


def cancel_callback(actor: User, callback: Callback, reason: str) -> Callback:
    """A callback that should not be made (the customer left, a duplicate), with a reason;
    "unreachable" is not a reason to cancel (C4: ``close_unreachable``)."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER)
        callback = lock(callback)
        if callback.state in (*FINISHED, CallbackState.CANCELLED):
            refuse_closed(callback)
        if callback.state == CallbackState.EXHAUSTED:
            raise RuleViolation(
                "C4",
                "回访方式已用尽的回访不能取消，须由未经办的另一位客服管理确认无法回访",
                "a callback whose methods are used up is not cancelled: another service "
                "manager confirms it unreachable",
            )
        reason = clean(reason)
        if not reason:
            raise RuleViolation("X2", "取消回访须写明原因", "a cancellation needs a reason")
        if "无法" in reason or "联系不上" in reason:
            raise RuleViolation(
                "C4",
                "联系不上的回访不能取消，请按回访方式顺序继续",
                "an unreachable customer is not a reason to cancel: go on with the next method",
            )
        guarded_update(
            callback,
            callback.version,
            state=CallbackState.CANCELLED,
            finished_at=now(),
            closed_by=actor.id,
            close_reason=reason,
        )
        audit.record(actor, "callback", callback.id, "cancel", note=reason)
        return callback


def sourced_callback(
    actor: Actor,
    *,
    customer: Customer,
    source_type: str,
    source_id: int,
    content_type: ContentType | str,
    due_on: date,
    method_chain: Sequence[Method | str] = (Method.PHONE,),
    assignee: User | None = None,
) -> Callback:
    """A callback another record asks for (a complaint's follow-up, a repair's spot
    check): one per (source, content type); asking again returns the one there is."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER, Role.ADMIN)
        return make_sourced(
            actor,
            customer=customer,
            source_type=source_type,
            source_id=source_id,
            content_type=content_type,
            due_on=due_on,
            method_chain=method_chain,
            assignee=assignee,
        )


def make_sourced(
    actor: Actor,
    *,
    customer: Customer,
    source_type: str,
    source_id: int,
    content_type: ContentType | str,
    due_on: date,
    method_chain: Sequence[Method | str] = (Method.PHONE,),
    assignee: User | None = None,
    scheduled_on: date | None = None,
) -> Callback:
    """``sourced_callback`` inside the caller's use case, which checked who may ask (a
    complaint's owner closing it asks for its follow-up, C5): the one there is, or a new one
    keyed (source, content type)."""
    found = Callback.get_or_none(
        (Callback.source_type == source_type)
        & (Callback.source_id == source_id)
        & (Callback.content_type == ContentType(content_type))
    )
    if found is not None:
        return found
    chain = [Method(m).value for m in method_chain]
    if assignee is not None and not assignee.has_role(Method(chain[0]).role):
        raise RuleViolation(
            "C3",
            f"{assignee.name} 不是{Method(chain[0]).role.label}岗",
            f"{assignee.name} does not hold the method's post",
        )
    callback = Callback.create(
        customer=customer,
        source_type=source_type,
        source_id=source_id,
        content_type=ContentType(content_type),
        method_chain=",".join(chain),
        method=chain[0],
        assignee=assignee,
        scheduled_on=scheduled_on or now().date(),
        due_on=due_on,
        created_at=now(),
    )
    audit.record(actor, "callback", callback.id, "create", {"source": (None, source_type)})
    return callback


FLEET_REPAIR = "fleet_repair"


def spot_check_callback(
    actor: Actor,
    *,
    repair_id: int,
    person: User,
    due_on: date,
    assignee: User | None = None,
    phone: str = "",
) -> Callback:
    """F8 抽查回访: a closed fleet repair picked for a spot check becomes a phone callback to
    the colleague who applied for it (``fleet.monthly_report(...).spot_checks`` picks them;
    the caller passes each repair's id and applicant, so this domain needs no fleet code).
    ``phone`` is needed only when the user register holds none for ``person``."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER, Role.ADMIN)
        customer = internal_customer(actor, person, phone)
        return sourced_callback(
            actor,
            customer=customer,
            source_type=FLEET_REPAIR,
            source_id=repair_id,
            content_type=ContentType.SPOT_CHECK,
            due_on=due_on,
            assignee=assignee,
        )


def _due_to(user: User, day: date) -> peewee.Expression:
    return (
        (Callback.assignee == user.id)
        & Callback.state.in_(list(OPEN))
        & (Callback.scheduled_on <= day)
    )


def my_callbacks_query(user: User, day: date) -> peewee.ModelSelect:
    """我的回访: what ``user`` should call on ``day`` or is late with, oldest first, with the
    customer read in the same query. The index (assignee, state, scheduled_on) answers it:
    its cost follows the callbacks due, not the archive (``bench/my_callbacks.py``)."""
    return (
        Callback.select(Callback, Customer)
        .join(Customer, on=Callback.customer == Customer.id)
        .where(_due_to(user, day))
        .order_by(Callback.scheduled_on, Callback.id)
    )


def my_callbacks_count(user: User, day: date) -> int:
    """How many callbacks ``my_callbacks_query`` lists, counted on the index alone."""
    return Callback.select().where(_due_to(user, day)).count()


def my_callbacks(user: User, day: date, limit: int | None = None) -> list[Callback]:
    """The first ``limit`` (all when None) of ``my_callbacks_query``."""
    query = my_callbacks_query(user, day)
    return list(query if limit is None else query.limit(limit))
