"""The credit register's tables (T4): the quality grades, the register (a document on the
engine, ``training_credit_register``, approved by the main leader) and its lines. Apart from
the computation (``credits``) and the use cases (``credit_register``) so that the registers
module can ask whether a term is frozen (``register_covering``) without a cycle."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import documents, workflow
from models.base import BaseModel, VersionedModel, now
from models.documents import Document, transition
from models.people import Actor, Role, User
from models.training.schedule import Term
from models.training.teachers import MANAGERS, Teacher
from models.workflow import Approver, Flow, Instance, Node, State

ZERO = Decimal("0")

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
            "pending": "审批中",
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

    def approval_title(self) -> tuple[str, str]:
        return (f"{self.title}（{self.number}）", f"Training credits ({self.number})")

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
    # An amendment (更正登记) is a new register of the same period that refers to the
    # approved one it corrects, with the reason; the original is never edited.
    amends = peewee.ForeignKeyField("self", null=True)
    amend_reason = peewee.CharField(max_length=200, default="")
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
    school_credits = peewee.DecimalField(max_digits=10, decimal_places=4)
    external_hours = peewee.DecimalField(max_digits=7, decimal_places=1)
    credits = peewee.DecimalField(**CREDITS)

    class Meta:
        indexes = ((("register", "teacher"), True),)


CREDIT_FLOW = workflow.register_flow(
    Flow(
        CreditRegister.DOC_TYPE,
        "校本培训学分审定",
        (
            Node(
                "leader",
                "主要领导（校长）审定",
                (Approver.role(Role.LEADER),),
                name_en="Head teacher's approval",
            ),
        ),
        separate_duties=True,
        rule="T4",
        name_en="School-based training credits",
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
