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
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, documents, settings, workflow
from models.base import BaseModel, VersionedModel, bulk_insert, guarded_update, now
from models.db import db, retry_document
from models.documents import Document, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Role, User, require_active, require_person, require_role
from models.text import clean
from models.training.registers import AttendanceMark, Mark
from models.training.schedule import RegisterState, SessionState, Term, TrainingSession
from models.training.teachers import (
    MANAGERS,
    Teacher,
    TeachingGroup,
    group_of,
    school_year,
    teacher_of_user,
)
from models.workflow import Approver, Flow, Instance, Node, State

ZERO = Decimal("0")


# --- quality grades ----------------------------------------------------------------------

GRADES = {
    "优": "training.quality_excellent",
    "良": "training.quality_good",
    "合格": "training.quality_pass",
    "不合格": "training.quality_fail",
}


class QualityGrade(VersionedModel):
    """The quality of a teacher's participation in a term (T4)."""

    teacher = peewee.ForeignKeyField(Teacher)
    term = peewee.ForeignKeyField(Term)
    grade = peewee.CharField(max_length=4)
    basis = peewee.CharField(max_length=200, default="")
    graded_by = peewee.CharField(max_length=64)
    graded_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("teacher", "term"), True),)


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
    earlier: Decimal  # credits of the year approved in an earlier term's register
    capped: bool
    credits: Decimal


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
    writes nothing. Only closed registers count."""
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
        .tuples()
    )
    tallies: dict[int, _Tally] = {}
    for teacher_id, status, term_id, hours, speaker_id in rows:
        t = tallies.setdefault(teacher_id, _Tally(per_term={}))
        t.sessions += 1
        if status in (Mark.PRESENT, Mark.LATE, Mark.EARLY):
            t.attended += 1
            earned = Decimal(hours) * (rules.speaker_factor if speaker_id == teacher_id else 1)
            t.per_term[term_id] = t.per_term.get(term_id, ZERO) + earned
            t.hours += earned
            t.late += status == Mark.LATE
            t.early += status == Mark.EARLY
        elif status == Mark.LEAVE:
            t.leaves += 1
        elif status == Mark.EXCUSED:
            t.excused += 1
        elif status == Mark.TRUANT:
            t.truancies += 1
    grades = {
        (tid, term): g
        for tid, term, g in QualityGrade.select(
            QualityGrade.teacher, QualityGrade.term, QualityGrade.grade
        )
        .where(QualityGrade.term.in_(term_ids))
        .tuples()
    }
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
        credits = credits.quantize(rules.credit_quantum, rounding=ROUND_HALF_UP)
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
                credits=credits,
            )
        )
    return out


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
        for tid, c in CreditLine.select(CreditLine.teacher, CreditLine.credits)
        .where(CreditLine.register == first.id)
        .tuples()
    }


# --- the register on the engine ----------------------------------------------------------


class RegisterDocState(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "draft": "草拟",
            "pending": "审核中",
            "returned": "已退回",
            "approved": "已审定",
            "rejected": "未通过",
            "withdrawn": "已撤回",
        }[self.value]


R = RegisterDocState
EDITABLE = (R.DRAFT, R.RETURNED)
HOLDING = (R.PENDING, R.APPROVED)  # a register in these states freezes its term's marks
CREDITS = {"max_digits": 7, "decimal_places": 2}


class CreditRegister(Document):
    """学分登记 of a school year (``term_no`` 0) or one term, approved by the main leader."""

    DOC_TYPE = "training_credit_register"
    STATES = RegisterDocState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: R.APPROVED,
        State.REJECTED: R.REJECTED,
        State.RETURNED: R.RETURNED,
        State.WITHDRAWN: R.WITHDRAWN,
        State.CLOSED: R.WITHDRAWN,
    }
    TRANSITIONS = (
        transition(
            "recompute",
            EDITABLE,
            roles=MANAGERS,
            rule="T4",
            zh="学分登记{state}，不能重新计算",
            en="the register is {state}",
        ),
        transition(
            "submit",
            EDITABLE,
            roles=MANAGERS,
            rule="T4",
            zh="学分登记{state}，不能报审",
            en="the register is {state}",
        ),
        transition(
            "approve",
            [R.PENDING],
            nodes=["leader"],
            rule="T4",
            zh="学分登记不在审核中",
            en="the register is not awaiting approval",
        ),
        transition("reject", [R.PENDING], nodes=["leader"], rule="T4"),
        transition("return", [R.PENDING], nodes=["leader"]),
        transition("withdraw", [R.PENDING, R.RETURNED], engine="withdraw"),
    )

    number = peewee.CharField(max_length=20, unique=True)  # XF2026-0001
    school_year = peewee.CharField(max_length=9)
    term_no = peewee.IntegerField()  # 0: the whole school year
    amendment_no = peewee.IntegerField(default=0)
    rules = peewee.TextField()
    state = peewee.CharField(max_length=12, default=R.DRAFT, index=True)
    prepared_by = peewee.ForeignKeyField(User)
    prepared_at = peewee.DateTimeField()
    submitted_at = peewee.DateTimeField(null=True)
    approved_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("school_year", "term_no", "amendment_no"), True),)

    @property
    def title(self) -> str:
        part = "全学年" if self.term_no == 0 else f"第{'一二'[self.term_no - 1]}学期"
        return f"{self.school_year}学年{part}校本培训学分登记"

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        return {"approved_at": inst.finished_at or now()} if state == State.APPROVED else {}


class CreditLine(BaseModel):
    """One teacher's line of a register: written while the register is a draft, never after."""

    register = peewee.ForeignKeyField(CreditRegister, backref="lines")
    teacher = peewee.ForeignKeyField(Teacher)
    sessions = peewee.IntegerField()
    attended = peewee.IntegerField()
    late = peewee.IntegerField()
    early = peewee.IntegerField()
    leaves = peewee.IntegerField()
    excused = peewee.IntegerField()
    truancies = peewee.IntegerField()
    hours = peewee.DecimalField(**CREDITS)
    deducted = peewee.DecimalField(**CREDITS)
    disqualified = peewee.BooleanField()
    credited_hours = peewee.DecimalField(**CREDITS)
    capped = peewee.BooleanField()
    credits = peewee.DecimalField(**CREDITS)

    class Meta:
        indexes = ((("register", "teacher"), True),)


CREDIT_FLOW = workflow.register_flow(
    Flow(
        CreditRegister.DOC_TYPE,
        "校本培训学分审定",
        (Node("leader", "主要领导（校长）审定", (Approver.role(Role.LEADER),)),),
        separate_duties=True,
        rule="T4",
    )
)
documents.register(CreditRegister)

CREDIT_TABLES = [QualityGrade, CreditRegister, CreditLine]


def register_covering(term: Term | int) -> CreditRegister | None:
    """A register of ``term`` (or of its whole year) sent for approval or approved."""
    term = term if isinstance(term, Term) else Term.get_by_id(term)
    return (
        CreditRegister.select()
        .where(
            (CreditRegister.school_year == term.school_year)
            & CreditRegister.term_no.in_([0, term.number])
            & CreditRegister.state.in_(list(HOLDING))
        )
        .first()
    )


def _write_lines(register: CreditRegister, rows: list[CreditRow]) -> None:
    CreditLine.delete().where(CreditLine.register == register.id).execute()
    names = [
        f.name
        for f in CreditLine._meta.sorted_fields
        if f.name not in ("id", "register", "teacher")
    ]
    bulk_insert(
        CreditLine,
        [
            {"register": register.id, "teacher": r.teacher_id, **{n: getattr(r, n) for n in names}}
            for r in rows
        ],
    )


def _check_closed(year: str, term_no: int) -> None:
    query = (
        TrainingSession.select(TrainingSession.id)
        .join(Term)
        .where(
            (Term.school_year == year)
            & (TrainingSession.state == SessionState.PLANNED)
            & (TrainingSession.register_state != RegisterState.CLOSED)
        )
    )
    if term_no:
        query = query.where(Term.number == term_no)
    open_count = query.count()
    if open_count:
        raise RuleViolation(
            "T3",
            f"还有 {open_count} 次活动的考勤未确认，不能登记学分",
            f"{open_count} sessions' registers are not closed",
        )


def draft_credit_register(
    actor: User, year: str, term_no: int = 0, *, at: datetime | None = None
) -> CreditRegister:
    """Compute and draft the register of a year or term (培训办, T4). Refused: a register not
    closed in the period (T3), a register of the period already drafted, sent or approved."""
    at = at or now()
    with db.atomic():
        require_role(actor, *MANAGERS)
        author = require_person(actor, "登记学分", "a credit register")
        year = school_year(year)
        if term_no not in (0, 1, 2):
            raise RuleViolation("T4", "学期只能是 0（全学年）、1 或 2", "term is 0, 1 or 2")
        held = (
            CreditRegister.select()
            .where(
                (CreditRegister.school_year == year)
                & (CreditRegister.term_no == term_no)
                & CreditRegister.state.in_([*EDITABLE, *HOLDING])
            )
            .first()
        )
        if held is not None:
            raise RuleViolation(
                "T4", f"该期学分登记已有（{held.number}，{held.state_label}）", "one exists"
            )
        _check_closed(year, term_no)
        rules = Rules.current()
        rows = compute_credits(year, term_no, rules)
        amendment = (
            CreditRegister.select(peewee.fn.MAX(CreditRegister.amendment_no))
            .where((CreditRegister.school_year == year) & (CreditRegister.term_no == term_no))
            .scalar()
        )
        reg = audit.create(
            actor,
            CreditRegister,
            number=next_number("XF", int(year[:4])),
            school_year=year,
            term_no=term_no,
            amendment_no=0 if amendment is None else amendment + 1,
            rules=rules.to_json(),
            prepared_by=author,
            prepared_at=at,
        )
        _write_lines(reg, rows)
        return reg


def recompute_credit_register(actor: User, register: CreditRegister) -> CreditRegister:
    """Compute a draft or returned register again (after a correction)."""
    with db.atomic():
        reg = CreditRegister.begin(actor, register, "recompute")
        _check_closed(reg.school_year, reg.term_no)
        rules = Rules.current()
        _write_lines(reg, compute_credits(reg.school_year, reg.term_no, rules))
        guarded_update(reg, reg.version, rules=rules.to_json())
        audit.record(actor, "credit_register", reg.id, "recompute")
        return reg


@retry_document
def submit_credit_register(
    actor: User, register: CreditRegister, *, at: datetime | None = None
) -> CreditRegister:
    """报审 (T4): from now the period's marks cannot change."""
    at = at or now()
    with db.atomic():
        require_role(actor, *MANAGERS)
        reg = CreditRegister.begin(actor, register, "submit")
        _check_closed(reg.school_year, reg.term_no)
        returned = reg.state == R.RETURNED
        total = sum(
            (
                c
                for (c,) in CreditLine.select(CreditLine.credits)
                .where(CreditLine.register == reg.id)
                .tuples()
            ),
            ZERO,
        )
        fields = {"teachers": reg.lines.count(), "credits": str(total)}
        guarded_update(reg, reg.version, state=R.PENDING, submitted_at=at)
        if returned:
            workflow.resubmit(actor, reg.instance().id, fields=fields, at=at)
        else:
            workflow.submit(
                actor,
                CreditRegister.DOC_TYPE,
                title=f"{reg.title}（{reg.number}）",
                doc_id=reg.id,
                fields=fields,
                at=at,
            )
        audit.record(actor, "credit_register", reg.id, "submit")
        return CreditRegister.get_by_id(reg.id)


@retry_document
def approve_credit_register(
    actor: User, register: CreditRegister, comment: str = "", *, at: datetime | None = None
) -> CreditRegister:
    """主要领导审定 (T4): the lines are frozen from now."""
    return documents.approve(actor, register, "approve", comment or "同意", at=at)


def lines_of(register: CreditRegister | int) -> list[CreditLine]:
    return list(
        CreditLine.select(CreditLine, Teacher)
        .join(Teacher)
        .where(CreditLine.register == register)
        .order_by(Teacher.staff_no)
    )
