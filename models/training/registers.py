"""考勤登记表 (T3): one register per session, its roster taken when it opens, one mark per
teacher (unique on session and teacher, so two markers on two desktops never make two rows:
the Moodle attendance failure), truancy derived when it closes.

The marks a marker enters: 出勤, 迟到 and 早退 (with the minutes), 请假 (only with an
approved leave covering the day), 缺席. 有故缺席 is 教研处's decision with a reason
(``excuse_absence``), never a marker's choice; 旷课 is never typed: closing the register
turns every 缺席 into 旷课 (seed 000: 无故旷缺者作为旷课处理).

A closed register changes only by ``correct_mark`` (培训办, with a reason, kept as a
correction row the database will not let anyone change), and not at all once a credit
register of its term is sent for approval or approved (T4): the reported figures stand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import peewee

from models import attachments, audit, calendar, settings
from models.base import BaseModel, VersionedModel, bulk_insert, guarded_update, now
from models.db import db, for_update
from models.errors import RowsRefused, RuleViolation
from models.people import Actor, Role, require_active, require_role
from models.text import clean
from models.training.credit_tables import register_covering
from models.training.leave import TrainingLeave, approved_leave, approved_leaves
from models.training.schedule import RegisterState, SessionState, TrainingSession
from models.training.teachers import MANAGERS, Teacher, members_on, teacher_of_user


class Mark(StrEnum):
    PENDING = "pending"
    PRESENT = "present"
    LATE = "late"
    EARLY = "early"
    LEAVE = "leave"
    EXCUSED = "excused"
    ABSENT = "absent"
    TRUANT = "truant"

    @property
    def label(self) -> str:
        return MARK_LABELS[self]


MARK_LABELS = {
    Mark.PENDING: "未记",
    Mark.PRESENT: "出勤",
    Mark.LATE: "迟到",
    Mark.EARLY: "早退",
    Mark.LEAVE: "请假",
    Mark.EXCUSED: "有故缺席",
    Mark.ABSENT: "缺席",
    Mark.TRUANT: "旷课",
}
WITH_MINUTES = (Mark.LATE, Mark.EARLY)
TYPED = (Mark.PRESENT, Mark.LATE, Mark.EARLY, Mark.LEAVE, Mark.ABSENT)


def mark_from(value: Mark | str) -> Mark:
    for m in Mark:
        if value in (m, m.value, m.label):
            return m
    raise RuleViolation("T3", f"没有「{value}」这种考勤状态", f"no mark {value!r}", field="status")


class AttendanceMark(VersionedModel):
    """One teacher's mark in one session's register."""

    session = peewee.ForeignKeyField(TrainingSession, backref="marks")
    teacher = peewee.ForeignKeyField(Teacher)
    status = peewee.CharField(max_length=8, default=Mark.PENDING)
    minutes = peewee.IntegerField(null=True)
    note = peewee.CharField(max_length=200, default="")
    derived = peewee.BooleanField(default=False)  # 旷课 set by closing the register
    leave = peewee.ForeignKeyField(TrainingLeave, null=True)
    excuse_reason = peewee.CharField(max_length=200, default="")
    excused_by = peewee.CharField(max_length=64, default="")
    excused_at = peewee.DateTimeField(null=True)
    marked_by = peewee.CharField(max_length=64, default="")
    marked_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("session", "teacher"), True),)


class MarkCorrection(BaseModel):
    """A change to a closed register (T3): old and new, who, when, why. Append-only."""

    mark = peewee.ForeignKeyField(AttendanceMark, backref="corrections")
    old_status = peewee.CharField(max_length=8)
    new_status = peewee.CharField(max_length=8)
    old_minutes = peewee.IntegerField(null=True)
    new_minutes = peewee.IntegerField(null=True)
    reason = peewee.CharField(max_length=200)
    by = peewee.CharField(max_length=64)
    at = peewee.DateTimeField()


REGISTER_TABLES = [AttendanceMark, MarkCorrection]


def _may_file_notes(actor: Actor, _mark: AttendanceMark) -> None:
    """A mark's files (a doctor's note beside an excuse, T3) are 教研处's to file, as the
    excuse is."""
    require_role(actor, Role.TRAINING)


attachments.guard_attachments(AttendanceMark, _may_file_notes)


# --- who keeps a register ----------------------------------------------------------------


def require_keeper(actor: Actor, session: TrainingSession) -> None:
    """培训办, or the 教研组长 of the session's group (his login linked to him)."""
    roles = require_active(actor)
    if roles.intersection(MANAGERS):
        return
    own = teacher_of_user(actor.id) if actor.id is not None else None
    leader_id = session.group.leader_id
    if own is None or leader_id is None or own.id != leader_id:
        raise RuleViolation(
            "X1",
            f"{actor.display_name} 不是本组教研组长，也不是培训办，不能记考勤",
            f"{actor.display_name} is neither this group's leader nor the training office",
        )


def _locked_session(session: TrainingSession) -> TrainingSession:
    return for_update(TrainingSession.select().where(TrainingSession.id == session.id)).get()


def _frozen_by_credits(session: TrainingSession) -> None:
    """T4: once a credit register of the session's term is sent or approved, its marks stand."""
    held = register_covering(session.term)
    if held is not None:
        raise RuleViolation(
            "T4",
            f"本学期学分登记（{held.number}）{held.state_label}，考勤不能再更正",
            f"the term's credit register {held.number} is {held.state}; marks cannot change",
        )


# --- use cases ---------------------------------------------------------------------------


def open_register(
    actor: Actor, session: TrainingSession, *, at: datetime | None = None
) -> list[AttendanceMark]:
    """Open the session's register (T3): the roster is the group's members on the session's
    day, taken now (a later group move does not change it); a member with an approved leave
    for the day is marked 请假 at once. Refused: a skipped session, a
    session without topic or 主讲人 (T2), a session in the future, a register opened already,
    a group without members."""
    at = at or now()
    with db.atomic():
        require_keeper(actor, session)
        s = _locked_session(session)
        if s.state == SessionState.SKIPPED:
            raise RuleViolation(
                "T2", f"该次活动已跳过：{s.schedule_note}", "the session was skipped"
            )
        if not s.topic or s.speaker_id is None:
            raise RuleViolation(
                "T2",
                "教研活动须先定主题和主讲人，才能开始考勤",
                "a session needs its topic and main speaker before its register opens",
            )
        if s.date > at.date():
            raise RuleViolation(
                "T3", f"活动日 {s.date} 未到，不能开始考勤", "the session is still to come"
            )
        if s.register_state != RegisterState.NONE:
            raise RuleViolation("T3", "考勤登记表已开始", "the register is open already")
        roster = members_on(s.group_id, s.date)
        if not roster:
            raise RuleViolation(
                "T3", f"{s.group.name} 在 {s.date} 没有成员", "the group has no members that day"
            )
        rows = []
        leaves = approved_leaves([t.id for t in roster], s.date)
        for t in roster:  # an approved leave marks 请假 already (the marker may still change it)
            leave = leaves.get(t.id)
            row = {"session": s.id, "teacher": t.id}
            if leave is not None:
                row.update(
                    status=Mark.LEAVE.value, leave=leave.id, marked_by="请假审批", marked_at=at
                )
            rows.append(row)
        bulk_insert(AttendanceMark, rows)
        guarded_update(s, s.version, register_state=RegisterState.OPEN, register_opened_at=at)
        audit.record(
            actor, "training_session", s.id, "open_register", {"roster": (None, len(roster))}
        )
        return roster_of(s)


def roster_of(session: TrainingSession | int) -> list[AttendanceMark]:
    """The register's marks, by 工号."""
    return list(
        AttendanceMark.select(AttendanceMark, Teacher)
        .join(Teacher)
        .where(AttendanceMark.session == session)
        .order_by(Teacher.staff_no)
    )


@dataclass(frozen=True)
class MarkInput:
    teacher: Teacher | int
    status: Mark | str
    minutes: int | None = None
    note: str = ""


def _check_minutes(status: Mark, minutes: int | None, s: TrainingSession) -> int | None:
    """迟到 and 早退 take the minutes (1 to the session's length less one); no other mark does."""
    if status in WITH_MINUTES:
        length = (
            datetime.combine(s.date, s.end_time) - datetime.combine(s.date, s.start_time)
        ).seconds // 60
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes < length:
            raise RuleViolation(
                "T3",
                f"{status.label}须填写分钟数（1～{length - 1}）",
                f"{status.value} needs the minutes, 1 to {length - 1}",
                field="minutes",
            )
        return minutes
    if minutes is not None:
        raise RuleViolation(
            "T3", f"{status.label}不填分钟数", f"{status.value} takes no minutes", field="minutes"
        )
    return None


def _typed_change(
    s: TrainingSession, teacher_id: int, status: Mark, minutes: int | None
) -> dict[str, object]:
    """The columns of a typed mark, checked: 请假 only with an approved leave."""
    if status not in TYPED:
        raise RuleViolation(
            "T3",
            f"「{status.label}」不能直接登记：有故缺席由教研处认定，旷课在确认考勤时自动生成",
            f"{status.value} is not typed: 教研处 excuses, and truancy is derived at close",
            field="status",
        )
    leave_id = None
    if status == Mark.LEAVE:
        leave = approved_leave(teacher_id, s.date)
        if leave is None:
            name = Teacher.get_by_id(teacher_id).name
            raise RuleViolation(
                "T3",
                f"{name} 在 {s.date} 没有已批准的请假，不能记为请假",
                f"{name} has no approved leave on {s.date}",
                field="status",
            )
        leave_id = leave.id
    return {
        "status": status.value,
        "minutes": _check_minutes(status, minutes, s),
        "leave": leave_id,
    }


def mark_many(
    actor: Actor,
    session: TrainingSession,
    entries: Sequence[MarkInput],
    *,
    at: datetime | None = None,
) -> int:
    """Mark several teachers at once, all or nothing (T3): the desktop's column and an
    imported sheet. A bad entry refuses the batch with every bad entry named
    (``RowsRefused``, indexes into ``entries``). Refused: a register not open (closed:
    only ``correct_mark``), a teacher not on the roster, a mark no marker types, 请假
    without an approved leave, minutes missing or given where none belong."""
    at = at or now()
    with db.atomic():
        require_keeper(actor, session)
        s = _locked_session(session)
        if s.register_state != RegisterState.OPEN:
            if s.register_state == RegisterState.CLOSED:
                raise RuleViolation(
                    "T3",
                    f"{s.group.name} {s.date} 的考勤已确认，不能再登记或导入；如需改动，"
                    "请由培训办在「考勤」页用「更正…」写明原因逐人更正",
                    f"the register of {s.group.name} {s.date} is confirmed: it is not marked "
                    "or imported again; the training office corrects a mark with a reason",
                )
            raise RuleViolation("T3", "考勤尚未开始", f"the register is {s.register_state}")
        rows = {
            m.teacher_id: m for m in AttendanceMark.select().where(AttendanceMark.session == s.id)
        }
        changed = 0
        problems: list[tuple[int, RuleViolation]] = []
        for index, entry in enumerate(entries):
            teacher_id = entry.teacher if isinstance(entry.teacher, int) else entry.teacher.id
            row = rows.get(teacher_id)
            try:
                if row is None:
                    name = Teacher.get_by_id(teacher_id).name
                    raise RuleViolation(
                        "T3",
                        f"{name} 不在本次活动的名单上",
                        f"{name} is not on the roster",
                        field="staff_no",
                    )
                change = _typed_change(s, teacher_id, mark_from(entry.status), entry.minutes)
            except RuleViolation as exc:
                problems.append((index, exc))
                continue
            if problems:
                continue  # nothing is written; the other rows are still checked
            change.update(note=clean(entry.note), marked_by=actor.display_name, marked_at=at)
            old = (row.status, row.minutes)
            guarded_update(row, row.version, **change)
            if old != (row.status, row.minutes):
                changed += 1
                audit.record(
                    actor,
                    "attendance_mark",
                    row.id,
                    "mark",
                    {"status": (old[0], row.status), "minutes": (old[1], row.minutes)},
                )
        if problems:
            raise RowsRefused(problems)
        return changed


def mark(
    actor: Actor,
    session: TrainingSession,
    teacher: Teacher | int,
    status: Mark | str,
    minutes: int | None = None,
    note: str = "",
    *,
    at: datetime | None = None,
) -> AttendanceMark:
    """One teacher's mark: ``mark_many`` with one entry, refused with its own violation."""
    try:
        mark_many(actor, session, [MarkInput(teacher, status, minutes, note)], at=at)
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    teacher_id = teacher if isinstance(teacher, int) else teacher.id
    return AttendanceMark.get(
        (AttendanceMark.session == session.id) & (AttendanceMark.teacher == teacher_id)
    )


def close_register(
    actor: Actor, session: TrainingSession, *, at: datetime | None = None
) -> list[AttendanceMark]:
    """确认考勤 (T3): every 缺席 becomes 旷课 (marked ``derived``); returns the truancies.
    Refused: a register not open, a roster member not marked yet."""
    at = at or now()
    with db.atomic():
        require_keeper(actor, session)
        s = _locked_session(session)
        if s.register_state != RegisterState.OPEN:
            raise RuleViolation("T3", "考勤登记表不在考勤中", "the register is not open")
        pending = [m.teacher.name for m in roster_of(s) if m.status == Mark.PENDING]
        if pending:
            names = "、".join(pending[:5]) + ("等" if len(pending) > 5 else "")
            raise RuleViolation(
                "T3",
                f"还有 {len(pending)} 人未记考勤：{names}",
                f"{len(pending)} teachers are not marked yet",
            )
        truant = list(
            AttendanceMark.select().where(
                (AttendanceMark.session == s.id) & (AttendanceMark.status == Mark.ABSENT)
            )
        )
        for m in truant:
            guarded_update(m, m.version, status=Mark.TRUANT, derived=True)
        audit.record_many(
            actor,
            "attendance_mark",
            [(m.id, "truancy", {"status": (Mark.ABSENT.value, Mark.TRUANT.value)}) for m in truant],
        )
        guarded_update(s, s.version, register_state=RegisterState.CLOSED, register_closed_at=at)
        audit.record(
            actor, "training_session", s.id, "close_register", {"truant": (None, len(truant))}
        )
        return truant


def excuse_absence(
    actor: Actor,
    attendance: AttendanceMark,
    reason: str,
    *,
    file: tuple[str, bytes] | None = None,
    at: datetime | None = None,
) -> AttendanceMark:
    """有故缺席 (T3): 教研处 excuses an absence with a reason, and optionally a file (a
    doctor's note). While the register is open, a 缺席; after it closed, a 旷课 within
    ``training.excuse_grace_working_days`` working days of the close (later only
    ``correct_mark``), and never once the term's credits are sent or approved."""
    at = at or now()
    with db.atomic():
        require_role(actor, Role.TRAINING)
        why = clean(reason)
        if not why:
            raise RuleViolation(
                "T3", "有故缺席须写明原因", "an excuse needs a reason", field="reason"
            )
        m = for_update(AttendanceMark.select().where(AttendanceMark.id == attendance.id)).get()
        s = TrainingSession.get_by_id(m.session_id)
        _frozen_by_credits(s)
        if s.register_state == RegisterState.OPEN and m.status != Mark.ABSENT:
            raise RuleViolation(
                "T3", "只有记为缺席的才能认定有故缺席", "only an absence can be excused"
            )
        if s.register_state == RegisterState.CLOSED:
            if m.status != Mark.TRUANT:
                raise RuleViolation("T3", "只有旷课的才能认定有故缺席", "only a truancy")
            grace = settings.get("training.excuse_grace_working_days")
            last = calendar.add_working_days(s.register_closed_at.date(), grace)
            if at.date() > last:
                raise RuleViolation(
                    "T3",
                    f"考勤确认后 {grace} 个工作日内（至 {last}）才能认定有故缺席，之后请用更正",
                    f"an excuse after close is due within {grace} working days (by {last})",
                )
        if s.register_state == RegisterState.NONE:
            raise RuleViolation("T3", "考勤尚未开始", "the register is not open")
        old = m.status
        guarded_update(
            m,
            m.version,
            status=Mark.EXCUSED,
            excuse_reason=why,
            excused_by=actor.display_name,
            excused_at=at,
        )
        audit.record(actor, "attendance_mark", m.id, "excuse", {"status": (old, m.status)}, why)
        if file is not None:
            attachments.attach(actor, m, file[0], file[1])
        return m


def correct_mark(
    actor: Actor,
    attendance: AttendanceMark,
    status: Mark | str,
    reason: str,
    minutes: int | None = None,
    *,
    at: datetime | None = None,
) -> AttendanceMark:
    """更正 a closed register's mark (T3): 培训办, with a reason (X2), kept as a correction row.
    Refused once the term's credits are sent or approved (T4). 缺席 is 旷课 here (the register
    is closed); 有故缺席 past ``excuse_absence``'s grace period is a correction; 请假 still
    needs an approved leave."""
    at = at or now()
    with db.atomic():
        require_role(actor, Role.TRAINING)
        why = clean(reason)
        if not why:
            raise RuleViolation(
                "X2", "更正考勤须写明原因", "a correction needs a reason", field="reason"
            )
        m = for_update(AttendanceMark.select().where(AttendanceMark.id == attendance.id)).get()
        s = TrainingSession.get_by_id(m.session_id)
        if s.register_state != RegisterState.CLOSED:
            raise RuleViolation(
                "T3", "考勤尚未确认，直接登记即可", "the register is open: mark it instead"
            )
        _frozen_by_credits(s)
        new = mark_from(status)
        if new == Mark.ABSENT:
            new = Mark.TRUANT  # after close an unexcused absence is a truancy
        typed = Mark.ABSENT if new in (Mark.TRUANT, Mark.EXCUSED) else new
        change = _typed_change(s, m.teacher_id, typed, minutes)
        change["status"] = new.value
        if new == Mark.EXCUSED:  # past the grace period 教研处 excuses by a correction
            change.update(excuse_reason=why, excused_by=actor.display_name, excused_at=at)
        MarkCorrection.create(
            mark=m.id,
            old_status=m.status,
            new_status=new.value,
            old_minutes=m.minutes,
            new_minutes=change["minutes"],
            reason=why,
            by=actor.display_name,
            at=at,
        )
        diff = {"status": (m.status, new.value), "minutes": (m.minutes, change["minutes"])}
        guarded_update(m, attendance.version, derived=False, **change)
        audit.record(actor, "attendance_mark", m.id, "correct", diff, why)
        return m
