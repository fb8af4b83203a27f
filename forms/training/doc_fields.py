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

from forms.summary import ApprovalSummary, Label, fields_of, file_names, quantity
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
                (Label("层级", "Tier"), Tier(p.tier).label),
                (Label("学年", "School year"), p.school_year),
                (Label("应修学时", "Hours required"), quantity(p.required_hours)),
                (Label("应得学分", "Credits required"), quantity(p.required_credits)),
                (Label("培训目标", "Goals"), p.goals),
                (Label("培训计划", "Plan"), p.plan),
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
                (Label("登记单号", "Register No."), r.number),
                (Label("期间", "Period"), r.title),
                (Label("教师人数", "Teachers"), count or 0),
                (Label("计入学时合计", "Hours credited"), quantity(Decimal(str(hours or 0)))),
                (Label("学分合计", "Credits"), quantity(Decimal(str(credits or 0)))),
                (Label("旷课人次", "Truancies"), int(truant or 0)),
                (Label("不计学时人数", "Teachers not credited"), int(out or 0)),
                (Label("更正的登记", "Register amended"), amends),
                (Label("更正原因", "Reason for the amendment"), r.amend_reason),
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
                (Label("教师", "Teacher"), str(lv.teacher)),
                (Label("请假类别", "Kind of leave"), lv.kind),
                (
                    Label("请假日期", "Dates"),
                    f"{lv.from_date:%Y-%m-%d} 至 {lv.to_date:%Y-%m-%d}（{days}天）",
                ),
                (Label("事由", "Reason"), lv.reason),
                (Label("申请人", "Applicant"), lv.applicant.name),
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
                (Label("教师", "Teacher"), str(c.teacher)),
                (Label("类别", "Kind"), c.kind),
                (Label("培训机构", "Provider"), c.provider),
                (Label("级别", "Level"), c.level),
                (
                    Label("培训日期", "Dates of the training"),
                    f"{c.from_date:%Y-%m-%d} 至 {c.to_date:%Y-%m-%d}",
                ),
                (Label("学时", "Hours"), quantity(c.hours)),
                (Label("证书编号", "Certificate No."), c.certificate_no),
            ]
        ),
        attachments=file_names(c),
    )


_register(TierPlan.DOC_TYPE, plan_summary)
_register(CreditRegister.DOC_TYPE, credit_register_summary)
_register(TrainingLeave.DOC_TYPE, leave_summary)
_register(ExternalTraining.DOC_TYPE, claim_summary)
