"""What the approver of a callbacks document reads (审批中心, the printed 申请批准单): the
回访计划 with its window, content, cadence, targets, outline and schedule (C2, C3, C5); the
complaint's proposed decision with the complaint, the respondent and the compensation (C10)
(``forms.summary``)."""

from __future__ import annotations

from decimal import Decimal

import peewee

from forms.callbacks.fields import label, methods, stamp
from forms.summary import ApprovalSummary, Label, fields_of, file_names, lines
from forms.summary import register_summary as _register
from models.callbacks import (
    Cadence,
    CallbackPlan,
    Complaint,
    ContentType,
    Method,
    PlanQuestion,
    PlanSchedule,
    Target,
    Variant,
)
from models.workflow import Instance


def plan_summary(doc_id: int) -> ApprovalSummary:
    """回访计划 as the head of 客户服务部 approves it: what, when, whom, how, by whom."""
    p = CallbackPlan.get_by_id(doc_id)
    questions = list(p.questions.order_by(PlanQuestion.order))
    schedule = list(p.schedule.order_by(PlanSchedule.id))
    targets = p.targets.count()
    whom = label(Target, p.target) + (f"（{targets} 户）" if targets else "")
    return ApprovalSummary(
        fields=fields_of(
            [
                (Label("计划编号", "Plan No."), p.number),
                (Label("计划名称", "Plan"), p.title),
                (
                    Label("回访期间", "Window"),
                    f"{p.window_from:%Y-%m-%d} 至 {p.window_to:%Y-%m-%d}",
                ),
                (Label("回访内容", "Content"), label(ContentType, p.content_type)),
                (Label("工作重点", "Focus"), p.focus),
                (Label("回访频次", "Cadence"), label(Cadence, p.cadence)),
                (Label("回访对象", "Customers"), whom),
                (Label("回访方式（依次）", "Methods, in order"), methods(p.method_chain)),
                (
                    Label("人员安排", "Staff and methods"),
                    "、".join(f"{s.staff.name}（{label(Method, s.method)}）" for s in schedule),
                ),
                (Label("制定人", "Prepared by"), f"{p.prepared_by.name} {stamp(p.prepared_at)}"),
            ]
        ),
        lines=lines(
            (Label("序号", "No."), Label("问题", "Question"), Label("必答", "Required")),
            [(str(q.order), q.text, "是" if q.required else "否") for q in questions],
            numeric=(0,),
            title=Label("回访提纲", "Outline"),
        )
        if questions
        else None,
        attachments=file_names(p),
    )


def complaint_summary(doc_id: int) -> ApprovalSummary:
    """投诉处理决定: the complaint as received, what is claimed, who it is about (never the
    decider, C10), the proposed decision and the compensation (above the threshold the main
    leader decides too)."""
    c = Complaint.get_by_id(doc_id)
    r = c.receipt
    respondent = c.respondent.name if c.respondent_id else c.respondent_name
    return ApprovalSummary(
        fields=fields_of(
            [
                (Label("投诉编号", "Complaint No."), c.number),
                (Label("投诉人", "Complainant"), r.caller_name),
                (Label("联系电话", "Phone"), r.phone),
                (Label("投诉时间", "Received"), stamp(r.received_at)),
                (Label("处理程序", "Procedure"), label(Variant, c.variant)),
                (Label("投诉内容", "Complaint"), r.content),
                (Label("投诉请求", "Claim"), c.claim),
                (Label("被投诉人", "Complained about"), respondent),
                (Label("受理时间", "Accepted"), stamp(c.accepted_at)),
                (Label("首问负责人", "First receiver"), r.first_receiver.name),
                (Label("处理决定", "Decision"), c.decision),
            ]
        ),
        total=Decimal(c.compensation or 0),
        total_label=Label("赔偿金额（元）", "Compensation (¥)"),
        attachments=file_names(c, r),
    )


def complaint_amount() -> peewee.Node:
    return Complaint.select(Complaint.compensation).where(Complaint.id == Instance.doc_id)


_register(CallbackPlan.DOC_TYPE, plan_summary)
_register(Complaint.DOC_TYPE, complaint_summary, amount=complaint_amount)
