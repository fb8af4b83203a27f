"""Questions the training page and its cards ask (one query each): the truancy list, the
teachers at risk of missing their tier's required 学时, and the 统计 tab's two charts (the
attendance rate by group and month, each tier's credits against its target)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import peewee
from peewee import Case, fn

from models.training.credits import compute_credits
from models.training.registers import AttendanceMark, Mark
from models.training.schedule import RegisterState, SessionState, Term, TrainingSession
from models.training.teachers import (
    Teacher,
    TeachingGroup,
    Tier,
    TierMembership,
    group_of,
    school_year,
)
from models.training.tiers import PlanState, TierPlan


@dataclass(frozen=True)
class Truancy:
    staff_no: str
    name: str
    day: date
    topic: str


def truancies(year: str, term_no: int = 0) -> list[Truancy]:
    """Every 旷课 of a school year (or one term), by date then 工号."""
    query = (
        AttendanceMark.select(
            Teacher.staff_no, Teacher.name, TrainingSession.date, TrainingSession.topic
        )
        .join(Teacher)
        .switch(AttendanceMark)
        .join(TrainingSession)
        .join(Term)
        .where((AttendanceMark.status == Mark.TRUANT) & (Term.school_year == school_year(year)))
        .order_by(TrainingSession.date, Teacher.staff_no)
    )
    if term_no:
        query = query.where(Term.number == term_no)
    return [Truancy(*row) for row in query.tuples()]


def registers_to_close(on: date) -> peewee.ModelSelect:
    """The sessions held by ``on`` (planned, not skipped) whose register is not confirmed
    yet (T3): not opened, or open. By date, with their group."""
    return (
        TrainingSession.select(TrainingSession, TeachingGroup)
        .join(TeachingGroup)
        .where(
            (TrainingSession.state == SessionState.PLANNED)
            & (TrainingSession.date <= on)
            & (TrainingSession.register_state != RegisterState.CLOSED)
        )
        .order_by(TrainingSession.date, TrainingSession.id)
    )


def _approved_plans(year: str) -> dict[str, TierPlan]:
    """The approved tier plans of a school year, by tier (what a tier requires, T1)."""
    query = TierPlan.select().where(
        (TierPlan.school_year == year) & (TierPlan.state == PlanState.APPROVED)
    )
    return {p.tier: p for p in query}


@dataclass(frozen=True)
class AtRisk:
    staff_no: str
    name: str
    tier: str
    required_hours: Decimal
    credited_hours: Decimal
    hours_left_to_earn: Decimal  # the 学时 of the sessions still to come, at most


def at_risk(year: str, on: date) -> list[AtRisk]:
    """Teachers whose credited 学时 so far plus every session still to come cannot reach
    their tier's approved required 学时 (T1): they will miss it even if they attend all."""
    year = school_year(year)
    required = {tier: p.required_hours for tier, p in _approved_plans(year).items()}
    if not required:
        return []
    done = {r.teacher_id: r for r in compute_credits(year)}
    tiers = dict(
        TierMembership.select(TierMembership.teacher, TierMembership.tier)
        .where(TierMembership.school_year == year)
        .tuples()
    )
    coming: dict[int, Decimal] = {}
    upcoming = (
        TrainingSession.select(TrainingSession.group, TrainingSession.hours)
        .join(Term)
        .where(
            (Term.school_year == year)
            & (TrainingSession.state == SessionState.PLANNED)
            & (TrainingSession.date >= on)
        )
        .tuples()
    )
    for group_id, hours in upcoming:
        coming[group_id] = coming.get(group_id, Decimal(0)) + Decimal(str(hours))
    out = []
    for teacher in Teacher.select().where(Teacher.id.in_(list(tiers))).order_by(Teacher.staff_no):
        need = required.get(tiers[teacher.id])
        if need is None:
            continue
        row = done.get(teacher.id)
        credited = row.credited_hours if row is not None else Decimal(0)
        group = group_of(teacher, on)
        left = coming.get(group.id, Decimal(0)) if group is not None else Decimal(0)
        if credited + left < need:
            out.append(
                AtRisk(
                    teacher.staff_no,
                    teacher.name,
                    Tier(tiers[teacher.id]).label,
                    need,
                    credited,
                    left,
                )
            )
    return out


# --- the 统计 tab's two charts ---------------------------------------------------------------

# Who was there (实到) and who was expected (应到): 请假 and 有故缺席 are excused, so they are
# not expected; 缺席 and 旷课 are (the seed's 旷课 counts against the group).
PRESENT = (Mark.PRESENT, Mark.LATE, Mark.EARLY)
EXCUSED = (Mark.LEAVE, Mark.EXCUSED)


@dataclass(frozen=True)
class AttendanceRate:
    group: str
    month: str  # 2026-09
    expected: int  # 应到: the roster less 请假 and 有故缺席
    present: int  # 实到: 出勤, 迟到, 早退

    @property
    def rate(self) -> Decimal | None:
        """出勤率 in per cent to one decimal (ROUND_HALF_UP); ``None`` with nobody expected."""
        if not self.expected:
            return None
        return (Decimal(100 * self.present) / self.expected).quantize(Decimal("0.1"), ROUND_HALF_UP)


def attendance_by_group_and_month(year: str) -> list[AttendanceRate]:
    """The attendance rate of each 教研组 in each month of a school year, from the confirmed
    registers only (an open one is still being marked), by group then month. One query,
    grouped by group and session day (a group meets at most once a day); the days fold into
    their month here, which no SQL function spells the same on both backends."""
    present = fn.SUM(Case(None, [(AttendanceMark.status.in_(PRESENT), 1)], 0))
    expected = fn.SUM(Case(None, [(AttendanceMark.status.in_(EXCUSED), 0)], 1))
    rows = (
        AttendanceMark.select(TeachingGroup.name, TrainingSession.date, expected, present)
        .join(TrainingSession)
        .join(TeachingGroup)
        .switch(TrainingSession)
        .join(Term)
        .where(
            (Term.school_year == school_year(year))
            & (TrainingSession.register_state == RegisterState.CLOSED)
        )
        .group_by(TeachingGroup.name, TrainingSession.date)
        .tuples()
    )
    months: dict[tuple[str, str], list[int]] = {}
    for group, day, due, came in rows:
        tally = months.setdefault((group, f"{day:%Y-%m}"), [0, 0])
        tally[0] += int(due or 0)
        tally[1] += int(came or 0)
    return [AttendanceRate(g, m, due, came) for (g, m), (due, came) in sorted(months.items())]


@dataclass(frozen=True)
class CreditTarget:
    tier: Tier
    teachers: int
    target: Decimal  # 应得学分 of the tier's approved plan
    mean: Decimal  # the teachers' credits so far, on average (two decimals)
    reached: int  # teachers whose credits so far reach the target


def credits_against_target(year: str) -> list[CreditTarget]:
    """Each tier's credits so far against its approved plan's 应得学分 (T1, T4): how many
    teachers, their mean credits and how many reach it, in the tiers' order. The credits are
    ``compute_credits`` of the year (closed registers and approved claims), the figure the
    credit register will hold; a tier without an approved plan has no target and no bar."""
    year = school_year(year)
    targets = {tier: p.required_credits for tier, p in _approved_plans(year).items()}
    if not targets:
        return []
    credits = {r.teacher_id: r.credits for r in compute_credits(year)}
    members: dict[str, list[Decimal]] = {}
    for teacher_id, tier in (
        TierMembership.select(TierMembership.teacher, TierMembership.tier)
        .where(TierMembership.school_year == year)
        .tuples()
    ):
        members.setdefault(tier, []).append(credits.get(teacher_id, Decimal(0)))
    out = []
    for tier in Tier:
        if tier.value not in targets:
            continue
        got = members.get(tier.value, [])
        target = Decimal(str(targets[tier.value])).quantize(Decimal("0.1"))
        mean = sum(got, Decimal(0)) / len(got) if got else Decimal(0)
        out.append(
            CreditTarget(
                tier,
                len(got),
                target,
                mean.quantize(Decimal("0.01"), ROUND_HALF_UP),
                sum(1 for c in got if c >= target),
            )
        )
    return out
