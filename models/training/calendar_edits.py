"""Corrections of the 校历 and of a group's series (T2): a term's dates, a closure, a series'
day and time, and deleting each, after sessions may already have been generated.

Why the guards are what they are:

- A session *with records* is history: its register was opened (T3), it has marks, a spot
  check (T5) or files (T6). No correction moves, changes or deletes it; a correction that
  would have to is refused, naming T2 and the first such session. Everything else the
  generator made (a planned session, a topic and 主讲人 included, or a skipped occurrence)
  is the generator's output and follows the correction.
- A term's dates are not corrected while it has a session with records, nor so that a
  generated session or a closure would lie outside it: the sessions keep their term, so
  the term must keep holding them. To shrink a term past generated sessions, delete the
  series (or the term) and generate again.
- Deleting a term removes its closures and its sessions (none of them with records: that
  is refused), rather than refusing while it has sessions: a mistyped term is usually found
  right after 生成活动, and its sessions are exactly what generation makes again from the
  series once the term is entered anew. A term with credits graded or registered (T4) is
  not deleted. A session's topic and 主讲人 are planning, not records: they go with it.
  A series whose first day lay in the deleted term stays; generating it again makes the
  occurrences of the terms still there.
- A closure added after generation re-places the term's sessions on its days as the
  generator would (``schedule.placed``: a closed planned day skips the occurrence, a
  closed shifted day shifts on); removing a closure re-places them without it, so a
  skipped occurrence comes back. Either way the caller gets a ``Rescheduled`` report.
- A series' group and school year are not edited (its sessions are the group's); its first
  day, half day, times, place and holiday policy are. Changing the first day renumbers the
  occurrences, so it is refused once a session has records; otherwise every session without
  records is re-placed from the new values, one left outside the terms is removed, and the
  generator fills in the occurrences that are new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from models import attachments, audit
from models.base import guarded_update
from models.db import db, for_update
from models.errors import RuleViolation
from models.people import Actor, require_role
from models.text import clean
from models.training.checks import SpotCheck
from models.training.credit_tables import CreditRegister, QualityGrade
from models.training.registers import AttendanceMark
from models.training.schedule import (
    Generated,
    Half,
    HolidayPolicy,
    RegisterState,
    SessionSeries,
    SessionState,
    Term,
    TermClosure,
    TrainingSession,
    check_term_dates,
    generate_sessions,
    placed,
    series_values,
    session_hours,
)
from models.training.teachers import MANAGERS


@dataclass
class Rescheduled:
    """What a correction did to sessions already generated: ``moved`` (held on another day
    now), ``skipped`` (no day left that week), ``restored`` (skipped before, held again),
    ``removed`` (outside the terms now), ``kept`` (with records: left as they were, though
    the correction concerns them), and ``generated`` when the generator ran after it."""

    moved: list[TrainingSession] = field(default_factory=list)
    skipped: list[TrainingSession] = field(default_factory=list)
    restored: list[TrainingSession] = field(default_factory=list)
    removed: list[date] = field(default_factory=list)
    kept: list[TrainingSession] = field(default_factory=list)
    generated: Generated | None = None

    @property
    def changed(self) -> int:
        return len(self.moved) + len(self.skipped) + len(self.restored) + len(self.removed)


def has_records(session: TrainingSession) -> bool:
    """A register opened, a mark, a spot check or a file: the session is history."""
    return (
        session.register_state != RegisterState.NONE
        or AttendanceMark.select().where(AttendanceMark.session == session.id).exists()
        or SpotCheck.select().where(SpotCheck.session == session.id).exists()
        or attachments.count_of(session) > 0
    )


def _refuse_records(sessions: list[TrainingSession], zh: str, en: str) -> None:
    held = next((s for s in sessions if has_records(s)), None)
    if held is not None:
        raise RuleViolation(
            "T2",
            f"{held.date} 的教研活动已有考勤或督查记录，{zh}",
            f"the session of {held.date} has register records; {en}",
        )


def _locked_sessions(query: object) -> list[TrainingSession]:
    return list(for_update(query.order_by(TrainingSession.date, TrainingSession.id)))  # type: ignore[attr-defined]


def _replace(
    actor: Actor, sessions: list[TrainingSession], term: Term, report: Rescheduled
) -> None:
    """Place each session without records again on its planned day, as the generator would
    with the term's closures of now; sessions with records are kept in the report."""
    closures = list(TermClosure.select().where(TermClosure.term == term.id))
    for s in sessions:
        series = SessionSeries.get_by_id(s.series_id) if s.series_id else None
        if series is None:
            continue  # not the generator's: nothing to place it by
        held, state, note = placed(series, s.planned_date, term, closures)
        if (held, state, note) == (s.date, s.state, s.schedule_note):
            continue
        if has_records(s):
            report.kept.append(s)
            continue
        before = (s.date, s.state)
        guarded_update(s, s.version, date=held, state=state, schedule_note=note)
        audit.record(
            actor,
            "training_session",
            s.id,
            "reschedule",
            {"date": (before[0], held), "state": (before[1], state), "note": (None, note)},
        )
        if state == SessionState.SKIPPED:
            report.skipped.append(s)
        elif before[1] == SessionState.SKIPPED:
            report.restored.append(s)
        else:
            report.moved.append(s)


def _touching(term: Term, from_date: date, to_date: date) -> list[TrainingSession]:
    """The term's sessions held between the two days, or planned in their weeks (a holiday
    shifts a session within its week only, so one moved off a closed day is among them),
    locked."""
    monday = from_date - timedelta(days=from_date.weekday())
    sunday = to_date + timedelta(days=6 - to_date.weekday())
    return _locked_sessions(
        TrainingSession.select().where(
            (TrainingSession.term == term.id)
            & (
                TrainingSession.date.between(from_date, to_date)
                | TrainingSession.planned_date.between(monday, sunday)
            )
        )
    )


# --- closures ----------------------------------------------------------------------------


def add_closure(
    actor: Actor, term: Term, from_date: date, to_date: date, reason: str
) -> Rescheduled:
    """Days of ``term`` without sessions (考试周), with the reason (T2). Sessions already
    generated on those days are re-placed as the generator would (skipped, or shifted to
    another day of the week); those with records stay and are reported in ``kept``."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        term = for_update(Term.select().where(Term.id == term.id)).get()
        why = clean(reason)
        if not why:
            raise RuleViolation("T2", "停课时段须写明原因", "a closure needs a reason")
        if to_date < from_date or from_date < term.starts or to_date > term.ends:
            raise RuleViolation(
                "T2",
                f"停课时段须在{term.name}之内（{term.starts}～{term.ends}）",
                "a closure lies inside its term",
            )
        audit.create(
            actor, TermClosure, term=term.id, from_date=from_date, to_date=to_date, reason=why
        )
        report = Rescheduled()
        _replace(actor, _touching(term, from_date, to_date), term, report)
        return report


def remove_closure(actor: Actor, closure: TermClosure) -> Rescheduled:
    """Remove a closure entered by mistake (T2): the occurrences it skipped or moved are
    placed again without it; a session with records is left as it is (``kept``)."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        row = TermClosure.get_or_none(TermClosure.id == closure.id)
        if row is None:
            raise RuleViolation("T2", "该停课时段已删除", "the closure was removed already")
        term = for_update(Term.select().where(Term.id == row.term_id)).get()
        sessions = _touching(term, row.from_date, row.to_date)
        TermClosure.delete().where(TermClosure.id == row.id).execute()
        audit.record(
            actor,
            "term_closure",
            row.id,
            "delete",
            {
                "from_date": (row.from_date, None),
                "to_date": (row.to_date, None),
                "reason": (row.reason, None),
            },
        )
        report = Rescheduled()
        _replace(actor, sessions, term, report)
        return report


# --- terms -------------------------------------------------------------------------------


def update_term(actor: Actor, term: Term, starts: date, ends: date) -> Term:
    """Correct a term's first and last day (T2). Refused: what ``define_term`` refuses, a
    term with a session that has records, and dates that would leave a generated session
    or a closure outside the term."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        row = for_update(Term.select().where(Term.id == term.id)).get()
        check_term_dates(row.school_year, row.number, starts, ends, exclude=row.id)
        sessions = _locked_sessions(TrainingSession.select().where(TrainingSession.term == row.id))
        _refuse_records(sessions, "不能再改学期日期", "the term's dates stand")
        outside = [s for s in sessions if not starts <= s.date <= ends]
        if outside:
            raise RuleViolation(
                "T2",
                f"已生成的 {len(outside)} 次教研活动（最早 {outside[0].date}）将落在学期之外；"
                "请先删除相关活动安排，或删除该学期后重新录入",
                f"{len(outside)} generated sessions (from {outside[0].date}) would lie outside "
                "the term; delete their series or the term first",
            )
        closures = TermClosure.select().where(
            (TermClosure.term == row.id)
            & ((TermClosure.from_date < starts) | (TermClosure.to_date > ends))
        )
        stray = closures.first()
        if stray is not None:
            raise RuleViolation(
                "T2",
                f"停课时段 {stray.from_date}～{stray.to_date}（{stray.reason}）将落在学期之外，"
                "请先删除该停课时段",
                "a closure would lie outside the term; remove it first",
            )
        audit.update(actor, row, starts=starts, ends=ends)
        return row


def delete_term(actor: Actor, term: Term) -> int:
    """Delete a term entered by mistake (T2), with its closures and its sessions; returns
    how many sessions went. Refused: a session with records, credits graded or registered
    for the term (T4)."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        row = for_update(Term.select().where(Term.id == term.id)).get()
        sessions = _locked_sessions(TrainingSession.select().where(TrainingSession.term == row.id))
        _refuse_records(sessions, "该学期不能删除", "the term cannot be deleted")
        graded = QualityGrade.select().where(QualityGrade.term == row.id).exists()
        registered = (
            CreditRegister.select()
            .where(
                (CreditRegister.school_year == row.school_year)
                & (CreditRegister.term_no == row.number)
            )
            .exists()
        )
        if graded or registered:
            raise RuleViolation(
                "T2",
                f"{row.name}已评定或登记学分（T4），不能删除",
                "the term has credits graded or registered (T4); it cannot be deleted",
            )
        ids = [s.id for s in sessions]
        if ids:
            TrainingSession.delete().where(TrainingSession.id.in_(ids)).execute()
        TermClosure.delete().where(TermClosure.term == row.id).execute()
        Term.delete().where(Term.id == row.id).execute()
        audit.record(
            actor,
            "term",
            row.id,
            "delete",
            {
                "school_year": (row.school_year, None),
                "number": (row.number, None),
                "starts": (row.starts, None),
                "ends": (row.ends, None),
                "sessions": (len(ids), None),
            },
        )
        return len(ids)


# --- series ------------------------------------------------------------------------------


def update_series(
    actor: Actor,
    series: SessionSeries,
    anchor: date,
    half: Half | str = Half.AFTERNOON,
    *,
    start_time: time | None = None,
    end_time: time | None = None,
    place: str = "",
    holiday_policy: HolidayPolicy | str = HolidayPolicy.SHIFT,
) -> Rescheduled:
    """Correct a series (T2) with what ``define_series`` takes but the group and the year.
    Refused: what ``define_series`` refuses; a new first day once a session has records.
    Sessions without records follow the new values; the generator then adds the
    occurrences that are new, and the report says what moved."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        row = for_update(SessionSeries.select().where(SessionSeries.id == series.id)).get()
        values = series_values(
            row.school_year, anchor, half, None, start_time, end_time, place, holiday_policy
        )
        sessions = _locked_sessions(
            TrainingSession.select().where(TrainingSession.series == row.id)
        )
        if anchor != row.anchor:
            _refuse_records(sessions, "不能再改首次活动日", "the first day stands")
        diff = {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}
        guarded_update(row, series.version, **values)
        audit.record(actor, "session_series", row.id, "update", diff)
        report = Rescheduled()
        terms = list(Term.select().where(Term.school_year == row.school_year))
        step = timedelta(weeks=row.interval_weeks)
        hours = session_hours(row.start_time, row.end_time)
        for s in sessions:
            if has_records(s):
                continue  # history: held on its own day and times
            day = row.anchor + step * s.occurrence_no
            term = next((t for t in terms if t.starts <= day <= t.ends), None)
            if term is None:
                TrainingSession.delete().where(TrainingSession.id == s.id).execute()
                audit.record(actor, "training_session", s.id, "delete", {"date": (s.date, None)})
                report.removed.append(s.date)
                continue
            changes = {
                "planned_date": day,
                "term": term.id,
                "start_time": row.start_time,
                "end_time": row.end_time,
                "hours": hours,
                "place": row.place,
            }
            if any(getattr(s, k if k != "term" else "term_id") != v for k, v in changes.items()):
                guarded_update(s, s.version, **changes)
        fresh = _locked_sessions(TrainingSession.select().where(TrainingSession.series == row.id))
        for term in terms:
            _replace(actor, [s for s in fresh if s.term_id == term.id], term, report)
        if sessions:
            report.generated = generate_sessions(actor, row)
        return report


def delete_series(actor: Actor, series: SessionSeries) -> int:
    """Delete a series entered by mistake (T2), with its sessions; returns how many went.
    Refused once one of them has records."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        row = for_update(SessionSeries.select().where(SessionSeries.id == series.id)).get()
        sessions = _locked_sessions(
            TrainingSession.select().where(TrainingSession.series == row.id)
        )
        _refuse_records(sessions, "该活动安排不能删除", "the series cannot be deleted")
        TrainingSession.delete().where(TrainingSession.series == row.id).execute()
        SessionSeries.delete().where(SessionSeries.id == row.id).execute()
        audit.record(
            actor,
            "session_series",
            row.id,
            "delete",
            {
                "group": (row.group_id, None),
                "anchor": (row.anchor, None),
                "sessions": (len(sessions), None),
            },
        )
        return len(sessions)
