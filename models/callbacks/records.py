"""回访记录 (C3, C5, C6): what a reached callback found, archived with the customer.

A submitted record is never edited: the database refuses to change or delete one, from any
client (migration 20). A correction is a new row that ``amends`` the one it corrects, with
the reason; the current record of a callback is the newest valid one, and the archive keeps
them all. An on-site record carries the customer's signed record as a scan (C3, an
attachment); an online questionnaire's answers are marked valid or invalid by 客服管理 with
the analysis, and invalid answers count as a failed try of that method (C4)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import IO, Any

import peewee

from models import attachments, audit
from models.base import BaseModel, guarded_update, now
from models.callbacks.callbacks import (
    POSTS,
    Callback,
    CallbackAttempt,
    CallbackState,
    Outcome,
    _after_failure,
    lock,
    refuse_closed,
    require_method_post,
)
from models.callbacks.plans import Method, PlanQuestion
from models.callbacks.problems import ProblemInput, create_problem
from models.db import db
from models.errors import RuleViolation
from models.people import Actor, Role, User, require_role
from models.prepared import Prepared
from models.text import clean

Scan = tuple[str, bytes | str | os.PathLike[str] | IO[bytes]]  # (file name, content)


class CallbackRecord(BaseModel):
    callback = peewee.ForeignKeyField(Callback, backref="records")
    customer_id = peewee.IntegerField(index=True)  # the archive reads records by customer
    method = peewee.CharField(max_length=12)
    content_type = peewee.CharField(max_length=16)
    reached_person = peewee.CharField(max_length=50)
    phone_dialled = peewee.CharField(max_length=32, default="")
    answers = peewee.TextField(default="{}")  # JSON: question order → answer
    satisfaction = peewee.IntegerField(null=True)  # 1–5
    summary = peewee.TextField(default="")
    valid = peewee.BooleanField(null=True)  # online answers: valid or not (客服管理)
    analysis = peewee.TextField(default="")
    recorded_by = peewee.ForeignKeyField(User)
    submitted_at = peewee.DateTimeField()
    amends = peewee.ForeignKeyField("self", null=True, backref="amendments")
    amend_reason = peewee.CharField(max_length=300, default="")

    @property
    def answer_map(self) -> dict[int, str]:
        return {int(k): v for k, v in json.loads(self.answers).items()}


RECORD_TABLES = [CallbackRecord]


# The outline of a plan, read for every record: rendered once (``models.prepared``).
_QUESTIONS = Prepared(
    lambda plan: PlanQuestion.select().where(PlanQuestion.plan == plan).order_by(PlanQuestion.order)
)


def _answers(callback: Callback, answers: Mapping[int, str]) -> str:
    """C2/C6: every required question of the plan's outline answered."""
    given = {int(k): clean(v) for k, v in answers.items() if clean(v)}
    if callback.plan_id is not None:
        questions = _QUESTIONS.rows(callback.plan_id)
        missing = [q for q in questions if q.required and q.order not in given]
        if missing:
            raise RuleViolation(
                "C6",
                f"回访提纲第 {missing[0].order} 题「{missing[0].text}」未作答",
                f"question {missing[0].order} of the outline is not answered",
                field="answers",
            )
        known = {q.order for q in questions}
        extra = sorted(set(given) - known)
        if extra:
            raise RuleViolation(
                "C6",
                f"提纲中没有第 {extra[0]} 题",
                f"the outline has no question {extra[0]}",
                field="answers",
            )
    return json.dumps({str(k): v for k, v in sorted(given.items())}, ensure_ascii=False)


def _satisfaction(value: int | None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise RuleViolation(
            "C6",
            "满意度应为 1 至 5 分",
            "satisfaction is a score from 1 to 5",
            field="satisfaction",
        )
    return value


def record_callback(
    actor: User,
    callback: Callback,
    *,
    reached_person: str,
    answers: Mapping[int, str],
    satisfaction: int | None,
    summary: str = "",
    phone_dialled: str = "",
    scan: Scan | None = None,
    valid: bool | None = None,
    analysis: str = "",
    problems: Sequence[ProblemInput] = (),
    at: datetime | None = None,
) -> CallbackRecord:
    """C6: the written record of a reached callback, by the post of its method (C3). On-site:
    the signed record's ``scan`` is required. Online: ``valid`` and the ``analysis`` are
    required; invalid answers are kept but do not close the callback (a failed try, C4).
    ``problems`` found go to their owners (C7)."""
    at = at or now()
    with db.atomic():
        require_role(actor, *POSTS)
        callback = lock(callback)
        refuse_closed(callback, "C6")
        require_method_post(actor, callback)
        method = Method(callback.method)
        person = clean(reached_person)
        if not person:
            raise RuleViolation(
                "C6", "请写明接受回访的人", "name who was reached", field="reached_person"
            )
        if method == Method.ONSITE and scan is None:
            raise RuleViolation(
                "C3",
                "上门回访须附客户签字的回访记录扫描件",
                "an on-site callback needs the customer's signed record, scanned",
                field="scan",
            )
        if method == Method.ONLINE:
            if valid is None:
                raise RuleViolation(
                    "C3",
                    "请判定问卷答卷是否有效",
                    "mark the answers valid or invalid",
                    field="valid",
                )
            if not clean(analysis):
                raise RuleViolation(
                    "C3",
                    "网上问卷须写明分析",
                    "an online questionnaire needs the analysis",
                    field="analysis",
                )
        elif valid is not None:
            raise RuleViolation(
                "C3", "只有网上问卷有有效/无效之分", "only online answers are valid or invalid"
            )
        usable = valid is not False
        if not usable and problems:
            raise RuleViolation(
                "C7",
                "无效答卷不能据以登记问题；请先核实，再作为有效答卷记录",
                "invalid answers raise no problem: check them and record them as valid",
                field="problems",
            )
        record = CallbackRecord.create(
            callback=callback,
            customer_id=callback.customer_id,
            method=method,
            content_type=callback.content_type,
            reached_person=person,
            phone_dialled=clean(phone_dialled),
            answers=_answers(callback, answers)
            if usable
            else json.dumps({str(k): clean(v) for k, v in answers.items()}, ensure_ascii=False),
            satisfaction=_satisfaction(satisfaction) if usable else None,
            summary=clean(summary),
            valid=valid,
            analysis=clean(analysis),
            recorded_by=actor,
            submitted_at=at,
        )
        if scan is not None:
            attachments.attach(actor, record, scan[0], scan[1])
        CallbackAttempt.create(
            callback=callback,
            at=at,
            method=method,
            actor=actor,
            outcome=Outcome.REACHED if usable else Outcome.INVALID,
            phone_dialled=clean(phone_dialled),
        )
        if not usable:
            audit.record(actor, "callback_record", record.id, "invalid", note=clean(analysis))
            _after_failure(actor, callback, Outcome.INVALID, at)
            return record
        for item in problems:
            create_problem(actor, callback.customer, item, callback_id=callback.id, at=at)
        guarded_update(callback, callback.version, state=CallbackState.DONE, finished_at=at)
        audit.record(
            actor,
            "callback_record",
            record.id,
            "submit",
            {"satisfaction": (None, record.satisfaction)},
        )
        return record


def _require_recorder(actor: Actor, record: CallbackRecord, doing_zh: str, doing_en: str) -> None:
    """The record's recorder or service management, and nobody else, amends a callback
    record or files its papers (C6, X1); the actor's post is checked before."""
    if actor.id != record.recorded_by_id and not actor.has_role(Role.SERVICE_MANAGER):
        raise RuleViolation(
            "C6",
            f"只有记录人或客服管理能{doing_zh}",
            f"only the recorder or service management {doing_en}",
        )


def _may_file_papers(actor: Actor, record: CallbackRecord) -> None:
    """A record's files (the signed on-site record's scan) reach it through
    ``attachments.attach`` itself too: the recorder's or service management's, as an
    amendment is."""
    require_role(actor, *POSTS)
    _require_recorder(actor, record, "为回访记录添加附件", "files a scan")


attachments.guard_attachments(CallbackRecord, _may_file_papers)


def amend_record(
    actor: User, record: CallbackRecord, reason: str, **changes: Any
) -> CallbackRecord:
    """C6: correct a submitted record with a new row that names it and the reason; the
    original stays as it was. Only the current record is amended (``changes``:
    ``reached_person``, ``answers``, ``satisfaction``, ``summary``, ``analysis``)."""
    allowed = {"reached_person", "answers", "satisfaction", "summary", "analysis"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"amend_record cannot change {sorted(unknown)}")
    with db.atomic():
        require_role(actor, *POSTS)  # the actor first (X1)
        record = CallbackRecord.get_by_id(record.id)
        _require_recorder(actor, record, "更正回访记录", "amends a record")
        reason = clean(reason)
        if not reason:
            raise RuleViolation(
                "C6", "更正回访记录须写明原因", "an amendment needs a reason", field="reason"
            )
        if CallbackRecord.select().where(CallbackRecord.amends == record.id).exists():
            raise RuleViolation(
                "C6", "该记录已被更正过，请更正最新的一份", "amend the newest version of the record"
            )
        callback = Callback.get_by_id(record.callback_id)
        answers = _answers(callback, changes["answers"]) if "answers" in changes else record.answers
        satisfaction = (
            _satisfaction(changes["satisfaction"])
            if "satisfaction" in changes
            else record.satisfaction
        )
        new = CallbackRecord.create(
            callback=record.callback_id,
            customer_id=record.customer_id,
            method=record.method,
            content_type=record.content_type,
            reached_person=clean(changes.get("reached_person", record.reached_person)),
            phone_dialled=record.phone_dialled,
            answers=answers,
            satisfaction=satisfaction,
            summary=clean(changes.get("summary", record.summary)),
            valid=record.valid,
            analysis=clean(changes.get("analysis", record.analysis)),
            recorded_by=actor,
            submitted_at=now(),
            amends=record.id,
            amend_reason=reason,
        )
        diff = {
            k: (getattr(record, k), getattr(new, k))
            for k in ("reached_person", "answers", "satisfaction", "summary", "analysis")
            if getattr(record, k) != getattr(new, k)
        }
        audit.record(actor, "callback_record", new.id, "amend", diff, note=reason)
        return new


def current_record(callback: Callback | int) -> CallbackRecord | None:
    """The record in force: the newest usable one (amendments supersede what they amend)."""
    return (
        CallbackRecord.select()
        .where(
            (CallbackRecord.callback == callback)
            & (CallbackRecord.valid.is_null() | (CallbackRecord.valid == True))  # noqa: E712
        )
        .order_by(CallbackRecord.id.desc())
        .first()
    )


def records_of_customer(customer_id: int) -> list[CallbackRecord]:
    """回访档案 (C6): every record of the customer, amendments and invalid answers too."""
    return list(
        CallbackRecord.select()
        .where(CallbackRecord.customer_id == customer_id)
        .order_by(CallbackRecord.submitted_at, CallbackRecord.id)
    )
