"""自学 and external training (T7): a teacher's claim of 自学, 学历 or 非学历 training with its
provider, level, dates, hours and certificate (a scan attached), approved on the engine by
教研处, document type ``training_claim``; approved hours earn credits by the same rules as
the school's own sessions (``credits.compute_credits``).

Why the certificate number is unique in the table, not only checked: the same certificate
claimed twice, by two desktops at once or years apart, is credited once (the rule), and the
database holds that whatever the code forgets.

Why 教研处 alone: the 教研组长 is a teacher, not a department head, and the engine does not
yet resolve an approver from the document (see ``leave``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import attachments, audit, documents, numbers
from models.base import now
from models.db import db, retry_document
from models.documents import Document
from models.errors import RuleViolation
from models.people import Actor, User, require_active
from models.text import clean, normalize_code
from models.training import office_requests
from models.training.teachers import MANAGERS, Teacher
from models.workflow import State

CLAIM_KINDS = ("自学", "学历", "非学历")
LEVELS = ("国家级", "省级", "市级", "县级", "校级", "境外")


class ClaimState(StrEnum):
    """The states of the lifecycle ``office_requests`` declares for both requests; a
    decision is worded 已认定 and 未认定."""

    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return office_requests.state_words(self.value, approved="已认定", rejected="未认定")


C = ClaimState


class ExternalTraining(Document):
    """One claim of external training or self-study."""

    DOC_TYPE = "training_claim"

    def approval_title(self) -> tuple[str, str]:
        kind_en = {"自学": "self-study", "学历": "degree course", "非学历": "non-degree course"}
        en = kind_en.get(self.kind, self.kind)
        return (
            f"{self.teacher.name} {self.kind} {self.provider} {self.hours}学时",
            f"{self.teacher.name}, {en}, {self.provider}, {self.hours} h",
        )

    STATES = ClaimState
    OUTCOMES: ClassVar[Mapping[State, str]] = office_requests.outcomes(C)
    TRANSITIONS = office_requests.transitions(
        C,
        "T7",
        not_pending=("学分申请不在审批中", "the claim is not awaiting approval"),
        not_returned=("只有被退回的学分申请可以重新提交", "only a returned claim is resubmitted"),
    )

    teacher = peewee.ForeignKeyField(Teacher, backref="claims")
    kind = peewee.CharField(max_length=4)
    provider = peewee.CharField(max_length=100, verbose_name="培训机构")
    level = peewee.CharField(max_length=4)
    from_date = peewee.DateField()
    to_date = peewee.DateField(index=True)
    hours = peewee.DecimalField(max_digits=6, decimal_places=1, verbose_name="学时")
    certificate_no = peewee.CharField(max_length=50, unique=True, verbose_name="证书编号")
    state = peewee.CharField(max_length=10, default=C.PENDING, index=True)
    applicant = peewee.ForeignKeyField(User)
    submitted_at = peewee.DateTimeField()
    approved_at = peewee.DateTimeField(null=True)

    outcome_changes = office_requests.stamp_approval


CLAIM_FLOW = office_requests.office_flow(
    ExternalTraining.DOC_TYPE,
    "T7",
    name=("外出培训与自学学分认定", "External training and self-study credits"),
    node=("教研处认定", "Training office's recognition"),
)
documents.register(ExternalTraining)

EXTERNAL_TABLES = [ExternalTraining]


def _may_file_evidence(actor: Actor, claim: ExternalTraining) -> None:
    """A claim's evidence (the certificate's scan, a programme) comes from its applicant
    while it waits for the decision or was returned to him, or from 教研处 (T7); once
    credited or refused, what was judged stays what it was (X1)."""
    roles = require_active(actor)
    if roles.intersection(MANAGERS):
        return
    if actor.id == claim.applicant_id and claim.state in (C.PENDING, C.RETURNED):
        return
    raise RuleViolation(
        "T7",
        "只有申请人在认定前、或教研处可以为学分认定申请添加附件",
        "only the applicant, before the decision, or the training office files evidence",
    )


attachments.guard_attachments(ExternalTraining, _may_file_evidence)


def _choice(value: str, allowed: tuple[str, ...], zh: str, en: str) -> str:
    if value not in allowed:
        raise RuleViolation("T7", f"{zh}应为{'、'.join(allowed)}", f"{en} is one of {allowed}")
    return value


@retry_document
def claim_external(
    actor: User,
    teacher: Teacher,
    *,
    kind: str,
    provider: str,
    level: str,
    from_date: date,
    to_date: date,
    hours: Decimal | str | int,
    certificate_no: str,
    certificate: tuple[str, bytes],
    at: datetime | None = None,
) -> ExternalTraining:
    """T7: the teacher himself (his linked login) or 培训办 claims credits for external
    training or self-study, with the certificate's scan (``certificate``: file name and
    bytes). Refused: anyone else (X1), a certificate already claimed (T7), no scan, hours not
    above zero, dates out of order, a kind or level not in the lists."""
    at = at or now()
    with db.atomic():
        applicant = office_requests.applicant_for(
            actor,
            teacher,
            ("学分申请", "a claim"),
            (
                "只有{name}本人或培训办可以申请其学分",
                "only {name} himself or the training office may claim",
            ),
        )
        number = normalize_code(certificate_no)
        if not number:
            raise RuleViolation("T7", "须填写证书编号", "the certificate number is required")
        held = ExternalTraining.get_or_none(ExternalTraining.certificate_no == number)
        if held is not None:
            raise RuleViolation(
                "T7",
                f"证书 {number} 已于 {held.submitted_at:%Y-%m-%d} 申请过（{held.state_label}），"
                "同一证书只认定一次",
                f"certificate {number} was claimed already; it is credited once",
            )
        if not certificate or not certificate[1]:
            raise RuleViolation("T7", "须附证书扫描件", "the certificate's scan is required")
        fields = _checked(kind, provider, level, from_date, to_date, hours)
        claim = audit.create(
            actor,
            ExternalTraining,
            teacher=teacher.id,
            certificate_no=number,
            applicant=applicant,
            submitted_at=at,
            **fields,
        )
        attachments.attach(actor, claim, certificate[0], certificate[1])
        _send(applicant, ExternalTraining.get_by_id(claim.id), at)
        return ExternalTraining.get_by_id(claim.id)


def _checked(
    kind: str,
    provider: str,
    level: str,
    from_date: date,
    to_date: date,
    hours: Decimal | str | int,
) -> dict[str, Any]:
    """The claim's columns, checked (T7)."""
    if to_date < from_date:
        raise RuleViolation("T7", "结束日早于开始日", "the training ends before it starts")
    return {
        "kind": _choice(kind, CLAIM_KINDS, "类别", "the kind"),
        "provider": clean(provider) or _missing_provider(),
        "level": _choice(level, LEVELS, "级别", "the level"),
        "from_date": from_date,
        "to_date": to_date,
        "hours": numbers.decimal(
            hours, "学时", "the hours", field="hours", places=1, positive=True, rule="T7"
        ),
    }


def _send(actor: User, claim: ExternalTraining, at: datetime) -> None:
    """报批, first or again (``documents.send_for_approval``)."""
    documents.send_for_approval(
        actor,
        claim,
        fields={"hours": str(claim.hours)},
        pending=C.PENDING,
        returned=C.RETURNED,
        at=at,
    )


@retry_document
def resubmit_claim(
    actor: User,
    claim: ExternalTraining,
    *,
    at: datetime | None = None,
    **changes: Any,
) -> ExternalTraining:
    """A returned claim, corrected (``kind``, ``provider``, ``level``, ``from_date``,
    ``to_date``, ``hours``) and sent again on the same approval, by its applicant only
    (T7). The certificate stays the claim's: its number is credited once, and a better scan
    is attached to the claim beside the first."""
    at = at or now()
    with db.atomic():
        doc = ExternalTraining.begin(actor, claim, "resubmit")
        unknown = set(changes) - {"kind", "provider", "level", "from_date", "to_date", "hours"}
        if unknown:
            raise TypeError(f"a claim has no field {sorted(unknown)}")
        current = {k: getattr(doc, k) for k in ("kind", "provider", "level")}
        current.update(from_date=doc.from_date, to_date=doc.to_date, hours=doc.hours)
        fields = _checked(**{**current, **changes})
        office_requests.resubmitted(actor, doc, fields, _send, at)
        return ExternalTraining.get_by_id(doc.id)


def _missing_provider() -> str:
    raise RuleViolation("T7", "须填写培训机构", "the provider is required", field="provider")


@retry_document
def approve_claim(
    actor: User, claim: ExternalTraining, comment: str = "", *, at: datetime | None = None
) -> ExternalTraining:
    """教研处认定 (T7); never the applicant himself (X1, the engine)."""
    return documents.approve(actor, claim, "approve", comment or "同意", at=at)


@retry_document
def reject_claim(
    actor: User, claim: ExternalTraining, comment: str, *, at: datetime | None = None
) -> ExternalTraining:
    return documents.reject(actor, claim, comment, at=at)
