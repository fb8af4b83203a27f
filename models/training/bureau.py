"""What the county education bureau (县教育局) and the teachers' training school are sent
(T4): a school year's credits per teacher, from the approved registers only. The Excel
layout (an export profile per county) belongs to the forms layer; this is the one query it
and the command line read.

Which registers: the year's own register (term 0) when one is approved, else the approved
registers of its terms added up. Of each period the latest approved amendment counts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.errors import RuleViolation
from models.training.credit_tables import ZERO, CreditLine, CreditRegister, RegisterDocState
from models.training.teachers import Teacher, Tier, school_year, tier_of


@dataclass(frozen=True)
class BureauRow:
    """One teacher's line of the year, as the bureau's register asks for it."""

    staff_no: str
    ce_no: str
    name: str
    gender: str
    id_number: str
    subject: str
    stage: str
    title: str
    tier: str  # 青年教师 / 骨干教师 / 名师, or ""
    sessions: int
    attended: int
    truancies: int
    school_hours: Decimal  # 校本研修学时 credited
    external_hours: Decimal  # 自学、外出培训学时
    credits: Decimal


def approved_registers(year: str) -> list[CreditRegister]:
    """The registers whose lines make the year's figures (see the module docstring)."""
    year = school_year(year)
    approved = list(
        CreditRegister.select()
        .where(
            (CreditRegister.school_year == year)
            & (CreditRegister.state == RegisterDocState.APPROVED)
        )
        .order_by(CreditRegister.term_no, CreditRegister.amendment_no)
    )
    latest: dict[int, CreditRegister] = {}
    for reg in approved:
        latest[reg.term_no] = reg  # the last amendment of each period wins
    if 0 in latest:
        return [latest[0]]
    return [latest[n] for n in sorted(latest)]


def bureau_register(year: str) -> list[BureauRow]:
    """The year's credit register for the bureau, by 工号. Refused (T4) when no register of
    the year is approved: nothing unapproved is reported."""
    year = school_year(year)
    registers = approved_registers(year)
    if not registers:
        raise RuleViolation(
            "T4",
            f"{year} 学年还没有审定的学分登记，不能上报",
            f"no credit register of {year} is approved; nothing can be reported",
        )
    totals: dict[int, list] = {}
    lines = (
        CreditLine.select()
        .where(CreditLine.register.in_([r.id for r in registers]))
        .order_by(CreditLine.id)
    )
    for ln in lines:
        t = totals.setdefault(ln.teacher_id, [0, 0, 0, ZERO, ZERO, ZERO])
        t[0] += ln.sessions
        t[1] += ln.attended
        t[2] += ln.truancies
        t[3] += ln.credited_hours
        t[4] += ln.external_hours
        t[5] += ln.credits
    teachers = Teacher.select().where(Teacher.id.in_(list(totals))).order_by(Teacher.staff_no)
    out = []
    for teacher in teachers:
        sessions, attended, truancies, hours, external, credits = totals[teacher.id]
        tier = tier_of(teacher, year)
        out.append(
            BureauRow(
                staff_no=teacher.staff_no,
                ce_no=teacher.ce_no or "",
                name=teacher.name,
                gender=teacher.gender,
                id_number=teacher.id_number,
                subject=teacher.subject,
                stage=teacher.stage,
                title=teacher.title,
                tier=Tier(tier).label if tier else "",
                sessions=sessions,
                attended=attended,
                truancies=truancies,
                school_hours=hours,
                external_hours=external,
                credits=credits,
            )
        )
    return out
