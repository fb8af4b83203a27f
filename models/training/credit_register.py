"""The credit register's use cases (T4): draft (computed by ``credits.compute_credits``),
compute again while a draft, send to the main leader, approve; from then the lines and the
marks of the period are frozen."""

from __future__ import annotations

from datetime import datetime

import peewee

from models import audit, documents
from models.base import bulk_insert, guarded_update, now
from models.db import db, retry_document
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import User, require_person, require_role
from models.text import clean
from models.training.credit_tables import (
    EDITABLE,
    HOLDING,
    ZERO,
    CreditLine,
    CreditRegister,
    R,
)
from models.training.credits import CreditRow, Rules, claim_window, compute_credits
from models.training.external import ClaimState, ExternalTraining
from models.training.schedule import RegisterState, SessionState, Term, TrainingSession
from models.training.teachers import MANAGERS, Teacher, school_year


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
    first, last = claim_window(year, term_no)
    waiting = (
        ExternalTraining.select()
        .where(
            (ExternalTraining.state == ClaimState.PENDING)
            & (ExternalTraining.to_date >= first)
            & (ExternalTraining.to_date <= last)
        )
        .count()
    )
    if waiting:
        raise RuleViolation(
            "T7",
            f"还有 {waiting} 份外出培训、自学学分申请未认定，不能登记学分",
            f"{waiting} external-training claims await a decision",
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


def _latest_approved(register: CreditRegister) -> bool:
    """Approved and the latest of its period: the one register an amendment corrects (an
    amendment under way is later, so it waits for that one)."""
    period = (CreditRegister.school_year == register.school_year) & (
        CreditRegister.term_no == register.term_no
    )
    latest = CreditRegister.select(peewee.fn.MAX(CreditRegister.amendment_no)).where(period)
    return register.state == R.APPROVED and register.amendment_no == latest.scalar()


def amendable(actor: User, register: CreditRegister) -> bool:
    """Whether ``amend_credit_register`` would take this register from ``actor`` (its role
    and the register's state; the reason is asked after): what offers 更正登记."""
    return actor.has_role(*MANAGERS) and _latest_approved(register)


def amend_credit_register(
    actor: User, register: CreditRegister, reason: str, *, at: datetime | None = None
) -> CreditRegister:
    """更正登记 (T4): a new draft register of an approved register's period, computed again
    under the rules the original used (what came in since: a claim approved late), with the
    reason and a reference to the original, which stays as it was approved. Refused: a
    register not approved, or not the period's latest, no reason, an amendment of the period
    already under way."""
    at = at or now()
    with db.atomic():
        require_role(actor, *MANAGERS)
        author = require_person(actor, "更正学分登记", "an amendment")
        why = clean(reason)
        if not why:
            raise RuleViolation("X2", "更正登记须写明原因", "an amendment needs a reason")
        original = CreditRegister.lock(register)
        if not _latest_approved(original):
            raise RuleViolation(
                "T4",
                "只能更正本期最近一份已审定的学分登记",
                "only the period's latest approved register is amended",
            )
        rules = Rules.from_json(original.rules)
        reg = audit.create(
            actor,
            CreditRegister,
            number=next_number("XF", int(original.school_year[:4])),
            school_year=original.school_year,
            term_no=original.term_no,
            amendment_no=original.amendment_no + 1,
            amends=original.id,
            amend_reason=why,
            rules=rules.to_json(),
            prepared_by=author,
            prepared_at=at,
        )
        _write_lines(reg, compute_credits(reg.school_year, reg.term_no, rules))
        return reg


def recompute_credit_register(actor: User, register: CreditRegister) -> CreditRegister:
    """Compute a draft or returned register again (after a correction)."""
    with db.atomic():
        reg = CreditRegister.begin(actor, register, "recompute")
        _check_closed(reg.school_year, reg.term_no)
        rules = Rules.from_json(reg.rules) if reg.amends_id else Rules.current()
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
        documents.send_for_approval(
            actor, reg, fields=fields, pending=R.PENDING, returned=R.RETURNED, at=at
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
