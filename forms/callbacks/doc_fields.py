"""What the approver of a callbacks document reads (审批中心, the printed 申请批准单): the
回访计划 with its window, content, cadence, targets, outline and schedule (C2, C3, C5); the
complaint's proposed decision with the complaint, the respondent and the compensation (C10)
(``forms.summary``)."""

from __future__ import annotations

from decimal import Decimal

import peewee

from forms.callbacks.fields import label, methods, stamp
from forms.summary import ApprovalSummary, fields_of, file_names, lines
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
                ("计划编号", p.number),
                ("计划名称", p.title),
                ("回访期间", f"{p.window_from:%Y-%m-%d} 至 {p.window_to:%Y-%m-%d}"),
                ("回访内容", label(ContentType, p.content_type)),
                ("工作重点", p.focus),
                ("回访频次", label(Cadence, p.cadence)),
                ("回访对象", whom),
                ("回访方式（依次）", methods(p.method_chain)),
                (
                    "人员安排",
                    "、".join(f"{s.staff.name}（{label(Method, s.method)}）" for s in schedule),
                ),
                ("制定人", f"{p.prepared_by.name} {stamp(p.prepared_at)}"),
            ]
        ),
        lines=lines(
            ("序号", "问题", "必答"),
            [(str(q.order), q.text, "是" if q.required else "否") for q in questions],
            numeric=(0,),
            title="回访提纲",
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
                ("投诉编号", c.number),
                ("投诉人", r.caller_name),
                ("联系电话", r.phone),
                ("投诉时间", stamp(r.received_at)),
                ("处理程序", label(Variant, c.variant)),
                ("投诉内容", r.content),
                ("投诉请求", c.claim),
                ("被投诉人", respondent),
                ("受理时间", stamp(c.accepted_at)),
                ("首问负责人", r.first_receiver.name),
                ("处理决定", c.decision),
            ]
        ),
        total=Decimal(c.compensation or 0),
        total_label="赔偿金额（元）",
        attachments=file_names(c, r),
    )


def complaint_amount() -> peewee.Node:
    return Complaint.select(Complaint.compensation).where(Complaint.id == Instance.doc_id)


_register(CallbackPlan.DOC_TYPE, plan_summary)
_register(Complaint.DOC_TYPE, complaint_summary, amount=complaint_amount)
