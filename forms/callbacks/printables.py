"""The printed 回访计划表 (C2), 回访记录表 (C6: the on-site copy the customer signs, blank answer
lines when printed before the visit), 投诉登记表 (C10) and 来电来访登记表 (C11), each with its
approval trail or its handovers, and signature lines (``forms.pdf`` embeds the CJK font)."""

from __future__ import annotations

from forms.callbacks.fields import label, methods, stamp
from forms.callbacks.records import breached_clocks
from forms.printdoc import PrintDoc, trail_entries
from forms.printing import Printable, register_printable
from forms.spec import Field, FormSpec
from forms.summary import Lines, lines
from models import callbacks
from models.callbacks import (
    Cadence,
    Callback,
    CallbackAttempt,
    CallbackPlan,
    CallbackState,
    Complaint,
    ComplaintState,
    ContentType,
    Handover,
    HandoverState,
    Method,
    Outcome,
    PlanQuestion,
    PlanSchedule,
    PlanState,
    RequestKind,
    ServiceReceipt,
    Target,
    Variant,
)
from models.errors import RuleViolation

PLAN_FORM = FormSpec(
    name="callback-plan",
    title="回访计划表",
    title_en="Callback plan",
    fields=(
        Field("title", "计划名称", width=30, wide=True, label_en="Title"),
        Field("window", "回访期间", width=24, label_en="Window"),
        Field("content_type", "回访内容", width=14, label_en="Content"),
        Field("cadence", "回访频次", width=16, label_en="Cadence"),
        Field("target", "回访对象", width=12, label_en="Customers"),
        Field("methods", "回访方式（依次）", width=24, label_en="Methods in order"),
        Field("focus", "工作重点", width=40, wide=True, label_en="Focus"),
        Field("schedule", "人员安排", width=40, wide=True, label_en="Schedule"),
        Field("prepared", "制定", width=20, label_en="Prepared"),
        Field("state", "状态", width=8, label_en="State"),
    ),
    copies=("存档",),
    signatures=("制定人", "客户服务部负责人", "日期"),
)

RECORD_FORM = FormSpec(
    name="callback-record",
    title="回访记录表",
    title_en="Callback record",
    fields=(
        Field("customer", "客户名称", width=18, label_en="Customer"),
        Field("customer_no", "客户编号", width=14, label_en="Customer no."),
        Field("phone", "联系电话", width=16, label_en="Phone"),
        Field("address", "地址", width=40, wide=True, label_en="Address"),
        Field("project", "项目/保单", width=20, label_en="Project"),
        Field("content_type", "回访内容", width=14, label_en="Content"),
        Field("method", "回访方式", width=10, label_en="Method"),
        Field("due", "回访期限", width=24, label_en="Due"),
        Field("assignee", "回访人", width=10, label_en="Caller"),
        Field("reached_person", "受访人", width=10, label_en="Reached"),
        Field("satisfaction", "满意度（1–5）", width=10, label_en="Satisfaction"),
        Field("summary", "回访情况", width=40, wide=True, label_en="Summary"),
        Field("state", "状态", width=10, label_en="State"),
    ),
    copies=("回访部门", "客户"),
    signatures=("受访客户（签字）", "回访人", "日期"),
)

COMPLAINT_FORM = FormSpec(
    name="complaint",
    title="投诉登记表",
    title_en="Complaint form",
    fields=(
        Field("complainant", "投诉人", width=10, label_en="Complainant"),
        Field("phone", "联系电话", width=16, label_en="Phone"),
        Field("received_at", "投诉时间", width=16, label_en="Received at"),
        Field("channel", "投诉方式", width=8, label_en="Channel"),
        Field("variant", "处理程序", width=12, label_en="Procedure"),
        Field("content", "投诉内容", width=40, wide=True, label_en="Content"),
        Field("claim", "投诉请求", width=40, wide=True, label_en="Claim"),
        Field("respondent", "被投诉人", width=10, label_en="Respondent"),
        Field("first_receiver", "首问负责人", width=10, label_en="First receiver"),
        Field("owner", "现负责人", width=10, label_en="Owner"),
        Field("state", "状态", width=10, label_en="State"),
        Field("accepted_at", "受理时间", width=16, label_en="Accepted at"),
        Field("refuse_reason", "不予受理理由", width=40, wide=True, label_en="Refusal reasons"),
        Field("decision", "处理决定", width=40, wide=True, label_en="Decision"),
        Field("compensation", "赔偿金额（元）", width=12, label_en="Compensation"),
        Field("result", "处理结果", width=40, wide=True, label_en="Result"),
        Field("breached", "超期的时限", width=20, label_en="Deadlines missed"),
    ),
    copies=("存档",),
    signatures=("登记人", "客户服务部负责人", "日期"),
)


RECEIPT_FORM = FormSpec(
    name="receipt",
    title="来电来访登记表",
    title_en="Request register sheet",
    fields=(
        Field("caller", "来电来访人", width=10, label_en="Caller"),
        Field("phone", "联系电话", width=16, label_en="Phone"),
        Field("received_at", "受理时间", width=16, label_en="Received at"),
        Field("channel", "渠道", width=8, label_en="Channel"),
        Field("kind", "类别", width=8, label_en="Kind"),
        Field("content", "内容", width=40, wide=True, label_en="Content"),
        Field("first_receiver", "首问负责人", width=10, label_en="First receiver"),
        Field("owner", "现负责人", width=10, label_en="Owner"),
        Field("state", "状态", width=10, label_en="State"),
        Field("closed_at", "办结时间", width=16, label_en="Closed at"),
        Field("result", "处理结果", width=40, wide=True, label_en="Result"),
    ),
    copies=("存档",),
    signatures=("首问负责人", "承办人", "日期"),
)


def _missing(what: str, record_id: int) -> RuleViolation:
    return RuleViolation(None, f"没有{what} {record_id}", f"no {what} {record_id}")


def _load_plan(plan_id: int) -> PrintDoc:
    p = CallbackPlan.get_or_none(CallbackPlan.id == plan_id)
    if p is None:
        raise _missing("回访计划", plan_id)
    questions = list(p.questions.order_by(PlanQuestion.order))
    schedule = list(p.schedule.order_by(PlanSchedule.id))
    return PrintDoc(
        spec=PLAN_FORM,
        number=p.number,
        values={
            "title": p.title,
            "window": f"{p.window_from:%Y-%m-%d} 至 {p.window_to:%Y-%m-%d}",
            "content_type": label(ContentType, p.content_type),
            "cadence": label(Cadence, p.cadence),
            "target": label(Target, p.target),
            "methods": methods(p.method_chain),
            "focus": p.focus,
            "schedule": "、".join(f"{s.staff.name}（{label(Method, s.method)}）" for s in schedule),
            "prepared": f"{p.prepared_by.name} {stamp(p.prepared_at)}",
            "state": label(PlanState, p.state),
        },
        lines=lines(
            ("序号", "回访提纲", "必答"),
            [(q.order, q.text, "是" if q.required else "否") for q in questions],
            numeric=(0,),
            title="回访提纲",
        ),
        trail=trail_entries(p.instance(), "提交"),
    )


def _load_record(callback_id: int) -> PrintDoc:
    """The record of one callback: what was said if it was recorded, blank lines to fill in
    at the customer's otherwise (the on-site copy the customer signs, C3)."""
    cb = Callback.get_or_none(Callback.id == callback_id)
    if cb is None:
        raise _missing("回访", callback_id)
    customer = cb.customer
    contact = callbacks.current_contact(customer)
    address = callbacks.current_address(customer)
    record = callbacks.current_record(cb)
    answers = record.answer_map if record else {}
    questions = (
        list(
            PlanQuestion.select()
            .where(PlanQuestion.plan == cb.plan_id)
            .order_by(PlanQuestion.order)
        )
        if cb.plan_id
        else []
    )
    blank = "＿" * 16
    plan_no = cb.plan.number if cb.plan_id else "HF"
    return PrintDoc(
        spec=RECORD_FORM,
        number=f"{plan_no}-{cb.period_key or cb.id}-{customer.number}",
        values={
            "customer": customer.name,
            "customer_no": customer.number,
            "phone": contact.phone if contact else "",
            "address": address.address if address else "",
            "project": f"{cb.project.ref_no} {cb.project.title}".strip() if cb.project_id else "",
            "content_type": label(ContentType, cb.content_type),
            "method": label(Method, record.method if record else cb.method),
            "due": f"{cb.scheduled_on:%Y-%m-%d} 至 {cb.due_on:%Y-%m-%d}",
            "assignee": cb.assignee.name if cb.assignee_id else "",
            "reached_person": record.reached_person if record else "",
            "satisfaction": str(record.satisfaction or "") if record else "□1 □2 □3 □4 □5",
            "summary": record.summary if record else "",
            "state": label(CallbackState, cb.state),
        },
        lines=lines(
            ("序号", "问题", "回答"),
            [(q.order, q.text, answers.get(q.order, "" if record else blank)) for q in questions],
            numeric=(0,),
            title="回访提纲与回答",
        ),
        extra=[
            *_attempts(cb),
            *(
                [("记录提交", f"{record.recorded_by.name} {stamp(record.submitted_at)}")]
                if record
                else []
            ),
        ],
    )


def _attempts(cb: Callback) -> list[tuple[str, str]]:
    """Every try (C4) as a line of the form: when, who, how, what came of it."""
    return [
        (
            f"尝试{i}",
            f"{stamp(a.at)} {a.actor.name if a.actor_id else ''} {label(Method, a.method)} "
            f"{label(Outcome, a.outcome)} {a.note}".strip(),
        )
        for i, a in enumerate(cb.attempts.order_by(CallbackAttempt.at, CallbackAttempt.id), 1)
    ]


def _load_complaint(complaint_id: int) -> PrintDoc:
    c = Complaint.get_or_none(Complaint.id == complaint_id)
    if c is None:
        raise _missing("投诉", complaint_id)
    r = c.receipt
    refused = c.state == ComplaintState.REFUSED
    return PrintDoc(
        spec=COMPLAINT_FORM,
        number=c.number,
        values={
            "complainant": r.caller_name,
            "phone": r.phone,
            "received_at": stamp(r.received_at),
            "channel": label(callbacks.Channel, r.channel),
            "variant": label(Variant, c.variant),
            "content": r.content,
            "claim": c.claim,
            "respondent": c.respondent.name if c.respondent_id else c.respondent_name,
            "first_receiver": r.first_receiver.name,
            "owner": r.owner.name,
            "state": label(ComplaintState, c.state),
            "accepted_at": stamp(c.accepted_at),
            "refuse_reason": c.refuse_reason if refused else "",
            "decision": c.decision,
            "compensation": f"{c.compensation:.2f}" if c.compensation else "",
            "result": c.result,
            "breached": "、".join(breached_clocks([c.id]).get(c.id, [])) or "无",
        },
        lines=_handovers(r),
        trail=trail_entries(c.instance(), "提出处理决定"),
    )


def _handovers(receipt: ServiceReceipt) -> Lines:
    """Every 移交 of a request in order (C11): who to whom, why, and what came of it."""
    rows = []
    for i, h in enumerate(receipt.handovers.order_by(Handover.offered_at, Handover.id), 1):
        outcome = label(HandoverState, h.state)
        if h.state == HandoverState.DECLINED and h.decline_reason:
            outcome += f"：{h.decline_reason}"
        rows.append(
            (
                i,
                stamp(h.offered_at),
                h.from_user.name,
                h.to_user.name,
                h.reason + (f"（联络单 {h.liaison_no}）" if h.liaison_no else ""),
                outcome,
                stamp(h.decided_at),
            )
        )
    return lines(
        ("序号", "移交时间", "移交人", "接收人", "移交原因", "结果", "答复时间"),
        rows,
        numeric=(0,),
        title="移交记录（首问负责制）",
        widths=(12, 30, 16, 16, 0, 0, 30),
    )


def _load_receipt(receipt_id: int) -> PrintDoc:
    """One request as it came in, who was asked first, who owns it now and every handover
    between (C11); a complaint's own sheet is the 投诉登记表."""
    r = ServiceReceipt.get_or_none(ServiceReceipt.id == receipt_id)
    if r is None:
        raise _missing("来电来访登记", receipt_id)
    return PrintDoc(
        spec=RECEIPT_FORM,
        number=r.number,
        values={
            "caller": r.caller_name,
            "phone": r.phone,
            "received_at": stamp(r.received_at),
            "channel": label(callbacks.Channel, r.channel),
            "kind": label(RequestKind, r.kind),
            "content": r.content,
            "first_receiver": r.first_receiver.name,
            "owner": r.owner.name,
            "state": "办理中" if r.is_open else "已办结",
            "closed_at": stamp(r.closed_at),
            "result": r.result,
        },
        lines=_handovers(r),
        show_trail=False,
    )


register_printable(Printable(PLAN_FORM, _load_plan))
register_printable(Printable(RECORD_FORM, _load_record))
register_printable(Printable(COMPLAINT_FORM, _load_complaint))
register_printable(Printable(RECEIPT_FORM, _load_receipt))
