"""What the approver of a training document reads (审批中心, the printed 申请批准单): a tier's
plan with its goals and required 学时; a credit register with its period, headcount and
totals; a leave with its days and reason; an external-training claim with its provider,
hours and certificate (``forms.summary``).

None of them is money, so none declares an amount: the inbox's 金额 stays empty for them.
The credit register's teacher-by-teacher lines are the 学分登记表 itself (``registers``),
too long for the dialog; the summary gives the totals the main leader signs for.
"""

from __future__ import annotations

from decimal import Decimal

import peewee

from forms.summary import ApprovalSummary, fields_of, file_names, quantity
from forms.summary import register_summary as _register
from models.training import (
    CreditLine,
    CreditRegister,
    ExternalTraining,
    Tier,
    TierPlan,
    TrainingLeave,
)


def plan_summary(doc_id: int) -> ApprovalSummary:
    """分层培训方案 (T1): the tier, the year, what it requires, the goals and the plan."""
    p = TierPlan.get_by_id(doc_id)
    return ApprovalSummary(
        fields=fields_of(
            [
                ("层级", Tier(p.tier).label),
                ("学年", p.school_year),
                ("应修学时", quantity(p.required_hours)),
                ("应得学分", quantity(p.required_credits)),
                ("培训目标", p.goals),
                ("培训计划", p.plan),
            ]
        ),
        attachments=file_names(p),
    )


def credit_register_summary(doc_id: int) -> ApprovalSummary:
    """学分登记 (T4): the period, how many teachers, the totals, and, for an amendment, the
    register it corrects and why."""
    r = CreditRegister.get_by_id(doc_id)
    totals = (
        CreditLine.select(
            peewee.fn.COUNT(CreditLine.id),
            peewee.fn.SUM(CreditLine.credited_hours),
            peewee.fn.SUM(CreditLine.credits),
            peewee.fn.SUM(CreditLine.truancies),
            peewee.fn.SUM(peewee.Case(None, [(CreditLine.disqualified, 1)], 0)),
        )
        .where(CreditLine.register == r.id)
        .tuples()
        .first()
    )
    count, hours, credits, truant, out = totals or (0, 0, 0, 0, 0)
    amends = r.amends.number if r.amends_id else ""
    return ApprovalSummary(
        fields=fields_of(
            [
                ("登记单号", r.number),
                ("期间", r.title),
                ("教师人数", count or 0),
                ("计入学时合计", quantity(Decimal(str(hours or 0)))),
                ("学分合计", quantity(Decimal(str(credits or 0)))),
                ("旷课人次", int(truant or 0)),
                ("不计学时人数", int(out or 0)),
                ("更正的登记", amends),
                ("更正原因", r.amend_reason),
            ]
        ),
        attachments=file_names(r),
    )


def leave_summary(doc_id: int) -> ApprovalSummary:
    """教研活动请假 (T3): who, which kind, which days, why."""
    lv = TrainingLeave.get_by_id(doc_id)
    days = (lv.to_date - lv.from_date).days + 1
    return ApprovalSummary(
        fields=fields_of(
            [
                ("教师", str(lv.teacher)),
                ("请假类别", lv.kind),
                ("请假日期", f"{lv.from_date:%Y-%m-%d} 至 {lv.to_date:%Y-%m-%d}（{days}天）"),
                ("事由", lv.reason),
                ("申请人", lv.applicant.name),
            ]
        ),
        attachments=file_names(lv),
    )


def claim_summary(doc_id: int) -> ApprovalSummary:
    """外出培训与自学学分认定 (T7): the training, its hours and the certificate (its scan is
    attached to the claim)."""
    c = ExternalTraining.get_by_id(doc_id)
    return ApprovalSummary(
        fields=fields_of(
            [
                ("教师", str(c.teacher)),
                ("类别", c.kind),
                ("培训机构", c.provider),
                ("级别", c.level),
                ("培训日期", f"{c.from_date:%Y-%m-%d} 至 {c.to_date:%Y-%m-%d}"),
                ("学时", quantity(c.hours)),
                ("证书编号", c.certificate_no),
            ]
        ),
        attachments=file_names(c),
    )


_register(TierPlan.DOC_TYPE, plan_summary)
_register(CreditRegister.DOC_TYPE, credit_register_summary)
_register(TrainingLeave.DOC_TYPE, leave_summary)
_register(ExternalTraining.DOC_TYPE, claim_summary)
