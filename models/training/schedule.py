"""校历 and 校本教研 sessions (T2): terms and closures as an administrator enters them, and
each 教研组's biweekly half-day series generated on the office calendar.

Why the design is as it is:

- Occurrences are keys, never dates. A series' occurrence ``n`` is the ``n``-th interval
  after its anchor day (``weeks since anchor ÷ interval``); the session row is unique on
  (series, occurrence number), so running the generator again, on two desktops at once,
  or after a session was moved, never makes a second one (the Moodle generator keys on
  nothing and the OCA planner on dates; both recreate rows).
- Only inside a term: the winter and summer vacations are the gaps between terms, so no row
  is made there (the numbers simply run on). A closure (考试周, 运动会) inside a term is
  recorded as a skipped occurrence with the closure's reason.
- A holiday (国庆节 …) is looked up on the office calendar (``models.calendar``, the shared
  database, not the installed package). Policy ``shift`` moves the session to the next
  working day of the same week (Monday–Friday: a 调休 Saturday follows a swapped timetable
  the calendar does not know); with no such day, or policy ``skip``, the occurrence is
  skipped. Either way the row is kept with the reason, so it is visible and never retried.
- 学时 come from the session's duration: 45 minutes make one 学时 (``training.
  minutes_per_hour``), whole 学时 only (under 45 minutes counts nothing), at most
  ``training.max_hours_per_day``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

import peewee

from models import audit, calendar, settings
from models.base import BaseModel, VersionedModel, guarded_update
from models.db import db, for_update
from models.errors import RuleViolation
from models.people import Actor, require_role
from models.periods import Period
from models.text import clean
from models.training.teachers import (
    MANAGERS,
    Teacher,
    TeacherStatus,
    TeachingGroup,
    school_year,
)

HOURS = {"max_digits": 4, "decimal_places": 1}


class Term(BaseModel):
    """学期: ``number`` 1 (autumn) or 2 (spring) of ``school_year``, its first and last day."""

    school_year = peewee.CharField(max_length=9)
    number = peewee.IntegerField()
    starts = peewee.DateField()
    ends = peewee.DateField()

    class Meta:
        indexes = ((("school_year", "number"), True),)

    @property
    def name(self) -> str:
        return f"{self.school_year}学年第{'一二'[self.number - 1]}学期"

    @property
    def period(self) -> Period:
        return Period.term(self.starts, self.ends, self.name)


class TermClosure(BaseModel):
    """Days of a term without sessions (考试周, 运动会), with the reason."""

    term = peewee.ForeignKeyField(Term, backref="closures")
    from_date = peewee.DateField()
    to_date = peewee.DateField()
    reason = peewee.CharField(max_length=100)


class Half(StrEnum):
    MORNING = "am"
    AFTERNOON = "pm"

    @property
    def label(self) -> str:
        return {"am": "上午", "pm": "下午"}[self.value]

    @property
    def times(self) -> tuple[time, time]:
        return {"am": (time(8, 30), time(12, 0)), "pm": (time(14, 0), time(17, 30))}[self.value]


class HolidayPolicy(StrEnum):
    SHIFT = "shift"
    SKIP = "skip"

    @property
    def label(self) -> str:
        return {"shift": "顺延至本周下一个工作日", "skip": "跳过"}[self.value]


class SessionSeries(VersionedModel):
    """A group's recurring session in a school year: every ``interval_weeks`` weeks from
    ``anchor`` (its weekday is the series' weekday), ``half`` a day."""

    group = peewee.ForeignKeyField(TeachingGroup)
    school_year = peewee.CharField(max_length=9)
    anchor = peewee.DateField()
    interval_weeks = peewee.IntegerField()
    half = peewee.CharField(max_length=2)
    start_time = peewee.TimeField()
    end_time = peewee.TimeField()
    place = peewee.CharField(max_length=100, default="")
    holiday_policy = peewee.CharField(max_length=8, default=HolidayPolicy.SHIFT)


class SessionState(StrEnum):
    PLANNED = "planned"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return {"planned": "计划", "skipped": "已跳过"}[self.value]


class RegisterState(StrEnum):
    NONE = "none"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"none": "未开始", "open": "考勤中", "closed": "考勤已确认"}[self.value]


class TrainingSession(VersionedModel):
    """One 教研活动. ``planned_date`` is where the series put it, ``date`` where it is held
    (they differ when a holiday moved it, ``schedule_note`` says why). The register's
    state lives here too (T3): none → open (roster taken) → closed."""

    series = peewee.ForeignKeyField(SessionSeries, null=True)
    occurrence_no = peewee.IntegerField(null=True)
    group = peewee.ForeignKeyField(TeachingGroup)
    term = peewee.ForeignKeyField(Term)
    planned_date = peewee.DateField()
    date = peewee.DateField(index=True)
    start_time = peewee.TimeField()
    end_time = peewee.TimeField()
    hours = peewee.DecimalField(**HOURS)
    topic = peewee.CharField(max_length=200, default="", verbose_name="主题")
    speaker = peewee.ForeignKeyField(Teacher, null=True)
    place = peewee.CharField(max_length=100, default="")
    state = peewee.CharField(max_length=8, default=SessionState.PLANNED)
    schedule_note = peewee.CharField(max_length=200, default="")
    register_state = peewee.CharField(max_length=8, default=RegisterState.NONE, index=True)
    register_opened_at = peewee.DateTimeField(null=True)
    register_closed_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("series", "occurrence_no"), True), (("group", "date"), False))


SCHEDULE_TABLES = [Term, TermClosure, SessionSeries, TrainingSession]


# --- hours -------------------------------------------------------------------------------


def session_hours(start: time, end: time) -> Decimal:
    """学时 of a session from ``start`` to ``end``: whole 45-minute units (the setting),
    at most the day's maximum."""
    minutes = (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds // 60
    per_hour = settings.get("training.minutes_per_hour")
    return Decimal(min(minutes // per_hour, settings.get("training.max_hours_per_day")))


# --- terms -------------------------------------------------------------------------------


def check_term_dates(
    year: str, number: int, starts: date, ends: date, exclude: int | None = None
) -> None:
    """T2: a term is 1 or 2, ends on or after its start, repeats and overlaps no other term
    (``exclude``: the term being corrected)."""
    if number not in (1, 2):
        raise RuleViolation("T2", "学期只能是第一或第二学期", "a term is 1 or 2")
    if ends < starts:
        raise RuleViolation("T2", "学期结束日早于开始日", "the term ends before it starts")
    query = Term.select().where(
        ((Term.school_year == year) & (Term.number == number))
        | ((Term.starts <= ends) & (Term.ends >= starts))
    )
    if exclude is not None:
        query = query.where(Term.id != exclude)
    clash = query.first()
    if clash is not None:
        raise RuleViolation(
            "T2",
            f"与{clash.name}（{clash.starts}～{clash.ends}）重叠或重复",
            f"it overlaps or repeats term {clash.school_year}/{clash.number}",
        )


def define_term(actor: Actor, year: str, number: int, starts: date, ends: date) -> Term:
    """Enter a term of the 校历 (培训办). Refused (T2): a term whose end is before its start,
    a second term ``number`` of the year, a term overlapping another."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        year = school_year(year)
        check_term_dates(year, number, starts, ends)
        return audit.create(actor, Term, school_year=year, number=number, starts=starts, ends=ends)


# --- series ------------------------------------------------------------------------------


def series_values(
    year: str,
    anchor: date,
    half: Half | str,
    interval_weeks: int | None,
    start_time: time | None,
    end_time: time | None,
    place: str,
    holiday_policy: HolidayPolicy | str,
) -> dict[str, object]:
    """The checked columns of a series (T2), for ``define_series`` and its correction."""
    year = school_year(year)
    half = Half(half)
    wanted = settings.get("training.interval_weeks")
    interval = wanted if interval_weeks is None else interval_weeks
    if interval != wanted:
        raise RuleViolation(
            "T2",
            f"教研组活动每 {wanted} 周一次（设置 training.interval_weeks），不能设为 {interval} 周",
            f"group sessions are every {wanted} weeks, not {interval}",
            field="interval_weeks",
        )
    terms = list(Term.select().where(Term.school_year == year))
    if not any(t.starts <= anchor <= t.ends for t in terms):
        raise RuleViolation(
            "T2",
            f"首次活动日 {anchor} 不在 {year} 学年的任何学期内（请先录入校历）",
            f"the first day {anchor} is in no term of {year} (enter the terms first)",
            field="anchor",
        )
    if anchor.weekday() >= 5:
        raise RuleViolation("T2", "教研活动安排在周一至周五", "sessions are on weekdays")
    start, end = half.times
    start, end = start_time or start, end_time or end
    hours = session_hours(start, end)
    if hours <= 0 or hours > settings.get("training.halfday_hours"):
        raise RuleViolation(
            "T2",
            f"半天活动应为 1～{settings.get('training.halfday_hours')} 学时（现为 {hours}）",
            f"a half-day session is 1 to the half-day hours ({hours} given)",
            field="end_time",
        )
    return {
        "school_year": year,
        "anchor": anchor,
        "interval_weeks": interval,
        "half": half.value,
        "start_time": start,
        "end_time": end,
        "place": clean(place),
        "holiday_policy": HolidayPolicy(holiday_policy).value,
    }


def define_series(
    actor: Actor,
    group: TeachingGroup,
    year: str,
    anchor: date,
    half: Half | str = Half.AFTERNOON,
    *,
    interval_weeks: int | None = None,
    start_time: time | None = None,
    end_time: time | None = None,
    place: str = "",
    holiday_policy: HolidayPolicy | str = HolidayPolicy.SHIFT,
) -> SessionSeries:
    """A group's biweekly half-day series for a school year (T2), on ``anchor``'s weekday.
    Refused: an interval other than ``training.interval_weeks`` (the 校本培训制度 says every
    two weeks), an anchor outside the year's terms or on a weekend, a time span that is not
    a half day (more than the half-day hours, or none)."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        values = series_values(
            year, anchor, half, interval_weeks, start_time, end_time, place, holiday_policy
        )
        return audit.create(actor, SessionSeries, group=group.id, **values)


@dataclass
class Generated:
    """What one run of ``generate_sessions`` did: the new sessions (moved ones among them),
    the skipped occurrences (with their reasons) and how many were there already."""

    created: list[TrainingSession] = field(default_factory=list)
    moved: list[TrainingSession] = field(default_factory=list)
    skipped: list[TrainingSession] = field(default_factory=list)
    existing: int = 0


def placed(
    series: SessionSeries, day: date, term: Term, closures: list[TermClosure]
) -> tuple[date, str, str]:
    """(the day the occurrence is held, its state, the note)."""
    for c in closures:
        if c.from_date <= day <= c.to_date:
            return (
                day,
                SessionState.SKIPPED,
                f"{c.reason}（{c.from_date}～{c.to_date}），本次不安排",
            )
    snap = calendar.snapshot()
    if snap.is_working_day(day):
        return day, SessionState.PLANNED, ""
    why = snap.info(day).name or "休息日"
    if series.holiday_policy == HolidayPolicy.SHIFT:
        friday = day + timedelta(days=4 - day.weekday())
        nxt = day + timedelta(days=1)
        while nxt <= min(friday, term.ends):
            closed = any(c.from_date <= nxt <= c.to_date for c in closures)
            if snap.is_working_day(nxt) and not closed:
                label = f"{nxt.month}月{nxt.day}日（周{calendar.WEEKDAY_NAMES[nxt.weekday()]}）"
                return nxt, SessionState.PLANNED, f"{day} 为{why}，顺延至{label}"
            nxt += timedelta(days=1)
        return day, SessionState.SKIPPED, f"{day} 为{why}，本周无其他工作日，本次跳过"
    return day, SessionState.SKIPPED, f"{day} 为{why}，按规则跳过"


def generate_sessions(actor: Actor, series: SessionSeries) -> Generated:
    """Make the series' sessions for its school year (T2): idempotent, safe with two desktops
    at once (the series row is locked first, and the table is unique on series and
    occurrence number, so a second run inserts nothing)."""
    result = Generated()
    with db.atomic():
        require_role(actor, *MANAGERS)
        series = for_update(SessionSeries.select().where(SessionSeries.id == series.id)).get()
        terms = list(
            Term.select().where(Term.school_year == series.school_year).order_by(Term.starts)
        )
        closures = {t.id: list(TermClosure.select().where(TermClosure.term == t.id)) for t in terms}
        have = {
            n
            for (n,) in TrainingSession.select(TrainingSession.occurrence_no)
            .where(TrainingSession.series == series.id)
            .tuples()
        }
        hours = session_hours(series.start_time, series.end_time)
        step = timedelta(weeks=series.interval_weeks)
        last = max(t.ends for t in terms) if terms else series.anchor
        n, day = 0, series.anchor
        while day <= last:
            term = next((t for t in terms if t.starts <= day <= t.ends), None)
            if term is not None:
                if n in have:
                    result.existing += 1
                else:
                    held, state, note = placed(series, day, term, closures[term.id])
                    try:
                        with db.atomic():
                            row = TrainingSession.create(
                                series=series.id,
                                occurrence_no=n,
                                group=series.group_id,
                                term=term.id,
                                planned_date=day,
                                date=held,
                                start_time=series.start_time,
                                end_time=series.end_time,
                                hours=hours,
                                place=series.place,
                                state=state,
                                schedule_note=note,
                            )
                    except peewee.IntegrityError:  # made by another desktop meanwhile
                        result.existing += 1
                    else:
                        result.created.append(row)
                        if state == SessionState.SKIPPED:
                            result.skipped.append(row)
                        elif held != day:
                            result.moved.append(row)
            n, day = n + 1, day + step
        if result.created:
            audit.record(
                actor,
                "session_series",
                series.id,
                "generate",
                {
                    "created": (None, len(result.created)),
                    "moved": (None, [str(s.date) for s in result.moved]),
                    "skipped": (None, [s.schedule_note for s in result.skipped]),
                },
            )
    return result


def set_topic(
    actor: Actor, session: TrainingSession, topic: str, speaker: Teacher | None
) -> TrainingSession:
    """The session's topic and main speaker (主讲人), T2: what its register needs before it
    opens, changed until it closes. Refused: no topic, no speaker, or a speaker who is not
    在职 (a retired teacher does not speak at a group's session)."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        if not clean(topic):
            raise RuleViolation("T2", "请填写活动主题", "the session needs a topic", field="topic")
        if speaker is None:
            raise RuleViolation(
                "T2", "请选择主讲人", "the session needs a main speaker", field="speaker"
            )
        held = Teacher.get_by_id(speaker.id)
        if held.status != TeacherStatus.ACTIVE:
            raise RuleViolation(
                "T2",
                f"{held.name} 不是在职教师，不能担任主讲人",
                f"{held.name} is not an active teacher; he cannot be the main speaker",
                field="speaker",
            )
        fresh = for_update(TrainingSession.select().where(TrainingSession.id == session.id)).get()
        if fresh.register_state == RegisterState.CLOSED:
            raise RuleViolation("T3", "考勤已确认，不能再改主题和主讲人", "the register is closed")
        if fresh.state == SessionState.SKIPPED:
            raise RuleViolation("T2", "该次活动已跳过", "this session was skipped")
        changes = {"topic": clean(topic), "speaker": speaker.id if speaker else None}
        diff = {
            "topic": (fresh.topic, changes["topic"]),
            "speaker": (fresh.speaker_id, changes["speaker"]),
        }
        guarded_update(fresh, session.version, **changes)
        audit.record(actor, "training_session", fresh.id, "topic", diff)
        return TrainingSession.get_by_id(fresh.id)


def sessions_of(
    group: TeachingGroup | int | None = None, term: Term | int | None = None
) -> peewee.ModelSelect:
    """The sessions (skipped ones too), by date: a group's, a term's, or all."""
    query = TrainingSession.select().order_by(TrainingSession.date, TrainingSession.id)
    if group is not None:
        query = query.where(TrainingSession.group == group)
    if term is not None:
        query = query.where(TrainingSession.term == term)
    return query


def term_of(day: date) -> Term | None:
    return Term.select().where((Term.starts <= day) & (Term.ends >= day)).first()
