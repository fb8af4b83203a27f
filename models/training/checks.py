"""过程督查 (T5): spot checks of sessions. An inspector (培训办 or 主要领导, never the
session's own group leader) records when he came, the headcount he saw, the quality and his
findings. A headcount that disagrees with the register flags the session until the group
leader explains it.

Why the disagreement is computed, not stored: a check is often made while the register is
still being marked; the register's figure is the one it holds when asked (``spot_check_flags``),
so a register closed after the check is compared as it was closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from models import audit, numbers
from models.base import VersionedModel, guarded_update, now
from models.db import db, for_update
from models.errors import RuleViolation
from models.people import Role, User, require_person, require_role
from models.text import clean
from models.training.registers import AttendanceMark, Mark
from models.training.schedule import RegisterState, SessionState, TrainingSession
from models.training.teachers import teacher_of_user

QUALITIES = ("优", "良", "合格", "差")
INSPECTORS = (Role.TRAINING, Role.LEADER)
PRESENT = (Mark.PRESENT, Mark.LATE, Mark.EARLY)


class SpotCheck(VersionedModel):
    session = peewee.ForeignKeyField(TrainingSession, backref="spot_checks")
    inspector = peewee.ForeignKeyField(User)
    at = peewee.DateTimeField()
    observed = peewee.IntegerField(verbose_name="现场人数")
    quality = peewee.CharField(max_length=4)
    findings = peewee.TextField(default="", verbose_name="督查意见")
    explanation = peewee.CharField(max_length=200, default="", verbose_name="情况说明")
    explained_by = peewee.CharField(max_length=64, default="")
    explained_at = peewee.DateTimeField(null=True)


CHECK_TABLES = [SpotCheck]


def present_count(session: TrainingSession | int) -> int:
    """How many the register holds as present (出勤, 迟到, 早退)."""
    return (
        AttendanceMark.select()
        .where((AttendanceMark.session == session) & AttendanceMark.status.in_(list(PRESENT)))
        .count()
    )


def record_spot_check(
    actor: User,
    session: TrainingSession,
    observed: int,
    quality: str,
    findings: str = "",
    *,
    at: datetime | None = None,
) -> SpotCheck:
    """T5: record a spot check. Refused: an inspector who is not 培训办 or 主要领导 (X1), the
    session's own group leader (T5), a skipped session, a headcount that is not a whole
    number, a quality other than 优/良/合格/差."""
    at = at or now()
    with db.atomic():
        require_role(actor, *INSPECTORS)
        person = require_person(actor, "过程督查", "a spot check")
        s = TrainingSession.get_by_id(session.id)
        own = teacher_of_user(person)
        if own is not None and s.group.leader_id == own.id:
            raise RuleViolation(
                "T5",
                "教研组长不能督查本组的活动",
                "a group leader does not inspect his own group's session",
            )
        if s.state == SessionState.SKIPPED:
            raise RuleViolation("T5", "该次活动已跳过", "the session was skipped")
        count = numbers.whole(observed, "现场人数", "the headcount", field="observed", rule="T5")
        if quality not in QUALITIES:
            raise RuleViolation("T5", "质量应为优、良、合格或差", "quality is 优/良/合格/差")
        return audit.create(
            actor,
            SpotCheck,
            session=s.id,
            inspector=person,
            at=at,
            observed=count,
            quality=quality,
            findings=clean(findings),
        )


def explain_spot_check(
    actor: User, check: SpotCheck, explanation: str, *, at: datetime | None = None
) -> SpotCheck:
    """The group leader explains a headcount the register disagrees with (T5): the flag
    goes. Refused: anyone but that group's leader (his linked login), no explanation."""
    at = at or now()
    with db.atomic():
        person = require_person(actor, "督查情况说明", "an explanation")
        row = for_update(SpotCheck.select().where(SpotCheck.id == check.id)).get()
        s = TrainingSession.get_by_id(row.session_id)
        own = teacher_of_user(person)
        if own is None or s.group.leader_id != own.id:
            raise RuleViolation("T5", "督查情况由本组教研组长说明", "the group's leader explains")
        why = clean(explanation)
        if not why:
            raise RuleViolation("T5", "请写明情况说明", "an explanation is needed")
        guarded_update(
            row, check.version, explanation=why, explained_by=actor.display_name, explained_at=at
        )
        audit.record(actor, "spot_check", row.id, "explain", {"explanation": ("", why)})
        return row


@dataclass(frozen=True)
class SpotCheckFlag:
    check_id: int
    session_id: int
    observed: int
    registered: int
    register_state: str


def spot_check_flags() -> list[SpotCheckFlag]:
    """The spot checks whose headcount the register disagrees with and that nobody has
    explained yet, oldest first (a register not opened yet counts none present)."""
    out = []
    rows = (
        SpotCheck.select(SpotCheck, TrainingSession)
        .join(TrainingSession)
        .where(SpotCheck.explained_at.is_null())
        .order_by(SpotCheck.at, SpotCheck.id)
    )
    for check in rows:
        registered = present_count(check.session_id)
        if registered != check.observed:
            out.append(
                SpotCheckFlag(
                    check.id,
                    check.session_id,
                    check.observed,
                    registered,
                    RegisterState(check.session.register_state).value,
                )
            )
    return out
