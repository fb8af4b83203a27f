"""Questions the training page and its cards ask (one query each): the truancy list and the
teachers at risk of missing their tier's required 学时."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import peewee

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
    required = {
        p.tier: p.required_hours
        for p in TierPlan.select().where(
            (TierPlan.school_year == year) & (TierPlan.state == PlanState.APPROVED)
        )
    }
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
