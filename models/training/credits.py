"""学分登记 (T4): credits by the quantity and quality of participation, computed from the
closed registers, approved by the main leader on the engine (``training_credit_register``),
then frozen.

The computation (``compute_credits``) is a pure function of the closed registers, the
quality grades and the rules, so the same input always gives the same lines:

- 学时 of a session come from its duration (``schedule.session_hours``). A teacher earns
  them for 出勤, 迟到 and 早退; 主讲人 earns ``training.speaker_factor`` times them.
  请假 and 有故缺席 earn nothing and cost nothing.
- Deductions: ``training.late_deduct_hours`` for each 迟到 or 早退,
  ``training.truancy_deduct_hours`` for each 旷课; never below zero.
- Disqualified (不得学时): ``training.disqualify_truancies`` 旷课 or
  ``training.disqualify_leaves`` 请假 in the period: the period's 学时 are 0.
- Quality: the term's grade (优/良/合格/不合格, by the group leader; the leader's own by
  教研处; nobody grades himself) multiplies the term's 学时 (``training.quality_*``); no
  grade counts as 1.
- Credits = 学时 × ``training.credits_per_hour``, capped at ``training.yearly_cap_credits``
  for the school year (0: no cap; a second-term register subtracts what the first term's
  approved register already credited), then **rounded once**, to
  ``training.credit_quantum`` (0.1) with ROUND_HALF_UP. Nothing is rounded per session.

A register stores its lines and the rules it was computed with (``rules``, JSON), so a
later change of a setting never moves a number that was approved.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from models import audit, settings
from models.base import guarded_update, now
from models.db import db
from models.errors import RuleViolation
from models.people import Role, User, require_active, require_person
from models.text import clean
from models.training.credit_tables import (
    GRADES,
    ZERO,
    CreditLine,
    CreditRegister,
    QualityGrade,
    RegisterDocState,
    register_covering,
)
from models.training.external import ClaimState, ExternalTraining
from models.training.registers import AttendanceMark, Mark
from models.training.schedule import RegisterState, Term, TrainingSession
from models.training.teachers import Teacher, TeachingGroup, group_of, school_year, teacher_of_user

# --- quality grades ----------------------------------------------------------------------


def grade_quality(
    actor: User,
    teacher: Teacher,
    term: Term,
    grade: str,
    basis: str = "",
    *,
    at: datetime | None = None,
) -> QualityGrade:
    """T4: the 教研组长 grades his group's members for a term; a group leader is graded by
    教研处 (培训办). Nobody grades himself (X1). Refused after the term's credits are sent."""
    at = at or now()
    with db.atomic():
        roles = require_active(actor)
        person = require_person(actor, "评定参训质量", "grading")
        if grade not in GRADES:
            raise RuleViolation(
                "T4", "质量等级应为优、良、合格或不合格", "grade is 优/良/合格/不合格"
            )
        own = teacher_of_user(person)
        if own is not None and own.id == teacher.id:
            raise RuleViolation("X1", "不能评定自己的参训质量", "nobody grades himself")
        group = group_of(teacher, term.ends)
        leads = group is not None and own is not None and group.leader_id == own.id
        is_leader = TeachingGroup.select().where(TeachingGroup.leader == teacher.id).exists()
        if is_leader:
            if Role.TRAINING not in roles:
                raise RuleViolation(
                    "T4", "教研组长的参训质量由教研处评定", "a group leader is graded by 教研处"
                )
        elif not leads:
            raise RuleViolation(
                "T4",
                f"{teacher.name} 的参训质量由其教研组长评定",
                f"{teacher.name} is graded by his group leader",
            )
        held = register_covering(term)
        if held is not None:
            raise RuleViolation(
                "T4", f"本学期学分登记{held.state_label}，不能再评定", "credits are sent"
            )
        row = QualityGrade.get_or_none(
            (QualityGrade.teacher == teacher.id) & (QualityGrade.term == term.id)
        )
        values = {
            "grade": grade,
            "basis": clean(basis),
            "graded_by": actor.display_name,
            "graded_at": at,
        }
        if row is None:
            return audit.create(actor, QualityGrade, teacher=teacher.id, term=term.id, **values)
        diff = {"grade": (row.grade, grade)}
        guarded_update(row, row.version, **values)
        audit.record(actor, "quality_grade", row.id, "update", diff)
        return row


# --- rules and the computation -----------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """The settings a computation used, stored with each register."""

    credits_per_hour: Decimal
    speaker_factor: Decimal
    late_deduct_hours: Decimal
    truancy_deduct_hours: Decimal
    disqualify_truancies: int
    disqualify_leaves: int
    yearly_cap_credits: Decimal
    credit_quantum: Decimal
    quality: dict[str, Decimal]

    @classmethod
    def current(cls) -> Rules:
        g = settings.get
        return cls(
            credits_per_hour=g("training.credits_per_hour"),
            speaker_factor=g("training.speaker_factor"),
            late_deduct_hours=g("training.late_deduct_hours"),
            truancy_deduct_hours=g("training.truancy_deduct_hours"),
            disqualify_truancies=g("training.disqualify_truancies"),
            disqualify_leaves=g("training.disqualify_leaves"),
            yearly_cap_credits=g("training.yearly_cap_credits"),
            credit_quantum=g("training.credit_quantum"),
            quality={k: g(v) for k, v in GRADES.items()},
        )

    @classmethod
    def from_json(cls, text: str) -> Rules:
        raw = json.loads(text)
        whole = ("disqualify_truancies", "disqualify_leaves")
        values = {
            k: (int(v) if k in whole else Decimal(v)) for k, v in raw.items() if k != "quality"
        }
        return cls(**values, quality={k: Decimal(v) for k, v in raw["quality"].items()})

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class CreditRow:
    """One teacher's line, as computed (a register stores it as a ``CreditLine``)."""

    teacher_id: int
    staff_no: str
    name: str
    sessions: int
    attended: int
    late: int
    early: int
    leaves: int
    excused: int
    truancies: int
    hours: Decimal  # earned before deductions (the speaker's factor included)
    deducted: Decimal
    disqualified: bool
    credited_hours: Decimal  # after deductions, disqualification and quality
    earlier: Decimal  # school-based credits of the year approved in an earlier term
    capped: bool
    school_credits: Decimal  # credited_hours × credits per 学时, capped; not rounded
    external_hours: Decimal  # approved 自学 and external training (T7)
    credits: Decimal  # school-based + external, rounded once


@dataclass
class _Tally:
    sessions: int = 0
    attended: int = 0
    late: int = 0
    early: int = 0
    leaves: int = 0
    excused: int = 0
    truancies: int = 0
    hours: Decimal = ZERO
    per_term: dict[int, Decimal] | None = None


def compute_credits(year: str, term_no: int = 0, rules: Rules | None = None) -> list[CreditRow]:
    """The credit lines of a school year (``term_no`` 0) or of one of its terms, by 工号:
    writes nothing. Only closed registers and approved claims (``claim_window``) count."""
    year = school_year(year)
    rules = rules or Rules.current()
    terms = Term.select().where(Term.school_year == year)
    if term_no:
        terms = terms.where(Term.number == term_no)
    term_ids = [t.id for t in terms]
    if not term_ids:
        raise RuleViolation("T4", f"{year} 学年没有录入该学期", f"no such term in {year}")
    rows = (
        AttendanceMark.select(
            AttendanceMark.teacher,
            AttendanceMark.status,
            TrainingSession.term,
            TrainingSession.hours,
            TrainingSession.speaker,
        )
        .join(TrainingSession)
        .where(
            TrainingSession.term.in_(term_ids)
            & (TrainingSession.register_state == RegisterState.CLOSED)
        )
        .order_by(AttendanceMark.id)
    )
    # Plain tuples from the cursor (peewee's row conversion cost more than the sum at 50,000
    # marks); the 学时 of a session converted to Decimal once per distinct value.
    present = {Mark.PRESENT.value, Mark.LATE.value, Mark.EARLY.value}
    as_hours: dict[object, Decimal] = {}
    factor = rules.speaker_factor
    tallies: dict[int, _Tally] = {}
    for teacher_id, status, term_id, hours, speaker_id in db.execute_sql(*rows.sql()):
        t = tallies.get(teacher_id)
        if t is None:
            t = tallies[teacher_id] = _Tally(per_term={})
        t.sessions += 1
        if status in present:
            t.attended += 1
            earned = as_hours.get(hours)
            if earned is None:
                earned = as_hours[hours] = Decimal(str(hours))
            if speaker_id == teacher_id:
                earned *= factor
            t.per_term[term_id] = t.per_term.get(term_id, ZERO) + earned
            t.hours += earned
            if status == Mark.LATE.value:
                t.late += 1
            elif status == Mark.EARLY.value:
                t.early += 1
        elif status == Mark.LEAVE.value:
            t.leaves += 1
        elif status == Mark.EXCUSED.value:
            t.excused += 1
        elif status == Mark.TRUANT.value:
            t.truancies += 1
    grades = {
        (tid, term): g
        for tid, term, g in QualityGrade.select(
            QualityGrade.teacher, QualityGrade.term, QualityGrade.grade
        )
        .where(QualityGrade.term.in_(term_ids))
        .tuples()
    }
    first, last = claim_window(year, term_no)
    external: dict[int, Decimal] = {}
    for teacher_id, hours in (
        ExternalTraining.select(ExternalTraining.teacher, ExternalTraining.hours)
        .where(
            (ExternalTraining.state == ClaimState.APPROVED)
            & (ExternalTraining.to_date >= first)
            & (ExternalTraining.to_date <= last)
        )
        .order_by(ExternalTraining.id)
        .tuples()
    ):
        external[teacher_id] = external.get(teacher_id, ZERO) + hours
        tallies.setdefault(teacher_id, _Tally(per_term={}))
    earlier = _earlier_credits(year, term_no)
    teachers = {t.id: t for t in Teacher.select().where(Teacher.id.in_(list(tallies))) if tallies}
    out = []
    for teacher_id in sorted(tallies, key=lambda i: teachers[i].staff_no):
        t = tallies[teacher_id]
        deducted = (
            rules.late_deduct_hours * (t.late + t.early) + rules.truancy_deduct_hours * t.truancies
        )
        disqualified = (
            t.truancies >= rules.disqualify_truancies or t.leaves >= rules.disqualify_leaves
        )
        if disqualified:
            credited = ZERO
        else:
            weighted = sum(
                (
                    h * rules.quality.get(grades.get((teacher_id, term), ""), Decimal(1))
                    for term, h in sorted(t.per_term.items())
                ),
                ZERO,
            )
            credited = max(ZERO, weighted - deducted)
        credits = credited * rules.credits_per_hour
        before = earlier.get(teacher_id, ZERO)
        capped = False
        if rules.yearly_cap_credits > 0 and credits + before > rules.yearly_cap_credits:
            credits, capped = max(ZERO, rules.yearly_cap_credits - before), True
        outside = external.get(teacher_id, ZERO)
        total = (credits + outside * rules.credits_per_hour).quantize(
            rules.credit_quantum, rounding=ROUND_HALF_UP
        )
        teacher = teachers[teacher_id]
        out.append(
            CreditRow(
                teacher_id=teacher_id,
                staff_no=teacher.staff_no,
                name=teacher.name,
                sessions=t.sessions,
                attended=t.attended,
                late=t.late,
                early=t.early,
                leaves=t.leaves,
                excused=t.excused,
                truancies=t.truancies,
                hours=t.hours,
                deducted=deducted,
                disqualified=disqualified,
                credited_hours=credited,
                earlier=before,
                capped=capped,
                school_credits=credits,
                external_hours=outside,
                credits=total,
            )
        )
    return out


def claim_window(year: str, term_no: int) -> tuple[date, date]:
    """The days whose approved claims (by their last day) count in a register: the school
    year from 1 August to 31 July; the first term up to its last day, the second after it."""
    start = int(school_year(year)[:4])
    first, last = date(start, 8, 1), date(start + 1, 7, 31)
    if term_no == 0:
        return first, last
    term1 = Term.get_or_none((Term.school_year == year) & (Term.number == 1))
    if term1 is None:
        term2 = Term.get((Term.school_year == year) & (Term.number == 2))
        split = term2.starts - timedelta(days=1)
    else:
        split = term1.ends
    return (first, split) if term_no == 1 else (split + timedelta(days=1), last)


def _earlier_credits(year: str, term_no: int) -> dict[int, Decimal]:
    """For a second-term register: what the first term's approved register credited."""
    if term_no != 2:
        return {}
    first = (
        CreditRegister.select()
        .where(
            (CreditRegister.school_year == year)
            & (CreditRegister.term_no == 1)
            & (CreditRegister.state == RegisterDocState.APPROVED)
        )
        .order_by(CreditRegister.amendment_no.desc())
        .first()
    )
    if first is None:
        return {}
    return {
        tid: c
        for tid, c in CreditLine.select(CreditLine.teacher, CreditLine.school_credits)
        .where(CreditLine.register == first.id)
        .tuples()
    }
