"""客户回访与投诉's words in English, registered into ``desktop.labels`` (ask there for a
label): its enums and its tables and actions in the audit log."""

from __future__ import annotations

from desktop import labels
from models import callbacks as cb

labels.register(
    english={
        cb.CustomerKind: {
            cb.CustomerKind.INDIVIDUAL: "Individual",
            cb.CustomerKind.ORGANISATION: "Organisation",
            cb.CustomerKind.INTERNAL: "Colleague",
        },
        cb.ContentType: {
            cb.ContentType.SATISFACTION: "Satisfaction",
            cb.ContentType.MIS_SELLING: "Mis-selling check",
            cb.ContentType.COMPLAINT: "Complaint follow-up",
            cb.ContentType.RISK: "Risk management service",
            cb.ContentType.CONSUMER: "Consumer protection",
            cb.ContentType.SPOT_CHECK: "Spot check",
        },
        cb.Method: {
            cb.Method.PHONE: "Phone",
            cb.Method.ONSITE: "On site",
            cb.Method.ONLINE: "Online questionnaire",
        },
        cb.Cadence: {
            cb.Cadence.AGE: "By delivery (monthly in the first year, then quarterly)",
            cb.Cadence.MONTHLY: "Monthly",
            cb.Cadence.QUARTERLY: "Quarterly",
            cb.Cadence.ONCE: "Once in the window",
        },
        cb.Target: {
            cb.Target.ORDINARY: "Ordinary customers",
            cb.Target.IMPORTANT: "Important customers",
            cb.Target.LISTED: "Listed customers",
        },
        cb.CallbackState: {
            cb.CallbackState.PENDING: "To call",
            cb.CallbackState.IN_PROGRESS: "In progress",
            cb.CallbackState.EXHAUSTED: "Unreachable, to confirm",
            cb.CallbackState.DONE: "Done",
            cb.CallbackState.UNREACHABLE: "Unreachable",
            cb.CallbackState.CANCELLED: "Cancelled",
        },
        cb.Outcome: {
            cb.Outcome.REACHED: "Reached",
            cb.Outcome.NO_ANSWER: "No answer",
            cb.Outcome.POWERED_OFF: "Phone off",
            cb.Outcome.VACANT: "Number not in use",
            cb.Outcome.REFUSED: "Refused",
            cb.Outcome.RESCHEDULED: "Another day agreed",
            cb.Outcome.INVALID: "Invalid answers",
        },
        cb.ProblemState: {
            cb.ProblemState.OPEN: "With its owner",
            cb.ProblemState.FIXED: "To verify",
            cb.ProblemState.CLOSED: "Closed",
        },
        cb.Variant: {cb.Variant.REGULATORY: "Complaint procedure", cb.Variant.DESK: "Service desk"},
        cb.ComplaintState: {
            cb.ComplaintState.INCOMPLETE: "Materials missing",
            cb.ComplaintState.REVIEWING: "To accept",
            cb.ComplaintState.ACCEPTED: "Accepted",
            cb.ComplaintState.DECIDING: "Decision under approval",
            cb.ComplaintState.DECIDED: "Decided",
            cb.ComplaintState.CLOSED: "Closed",
            cb.ComplaintState.REFUSED: "Not accepted",
            cb.ComplaintState.MERGED: "Merged",
            cb.ComplaintState.DESK_OPEN: "At the service desk",
        },
        cb.Channel: {
            cb.Channel.CALL: "Call",
            cb.Channel.VISIT: "Visit",
            cb.Channel.LETTER: "Letter",
            cb.Channel.FAX: "Fax",
            cb.Channel.EMAIL: "E-mail",
            cb.Channel.ONLINE: "Online",
            cb.Channel.REGULATOR: "From the regulator",
        },
        cb.RequestKind: {
            cb.RequestKind.COMPLAINT: "Complaint",
            cb.RequestKind.CONSULTATION: "Enquiry",
            cb.RequestKind.SUGGESTION: "Suggestion",
            cb.RequestKind.REPAIR: "Repair request",
            cb.RequestKind.OTHER: "Other",
        },
        cb.HandoverState: {
            cb.HandoverState.PENDING: "To receive",
            cb.HandoverState.ACCEPTED: "Received",
            cb.HandoverState.DECLINED: "Declined",
            cb.HandoverState.WITHDRAWN: "Withdrawn",
        },
    },
    objects={
        "customer": ("客户档案", "Customer"),
        "customer_contact": ("客户联系方式", "Customer contact"),
        "customer_address": ("客户地址", "Customer address"),
        "project": ("项目/保单", "Project or policy"),
        "callback_plan": ("回访计划", "Callback plan"),
        "plan_question": ("回访提纲", "Callback outline question"),
        "plan_schedule": ("回访日程安排", "Callback schedule"),
        "plan_target": ("回访目标客户", "Callback target customer"),
        "callback": ("回访任务", "Callback"),
        "callback_attempt": ("回访尝试", "Callback attempt"),
        "callback_record": ("回访记录", "Callback record"),
        "problem": ("回访问题", "Problem found"),
        "service_receipt": ("来电来访登记", "Request received"),
        "handover": ("移交", "Handover"),
        "complaint": ("投诉", "Complaint"),
        "complaint_submission": ("重复投诉", "Repeat complaint"),
    },
    actions={
        "important": ("重要客户标记", "Important flag"),
        "generate": ("生成回访任务", "Callbacks generated"),
        "fallback": ("改用下一种回访方式", "Next method"),
        "exhausted": ("回访方式用尽", "Every method tried"),
        "unreachable": ("确认无法回访", "Confirmed unreachable"),
        "reschedule": ("改期", "Rescheduled"),
        "invalid": ("问卷无效", "Answers invalid"),
        "amend": ("更正", "Amended"),
        "fixed": ("整改完成", "Fixed"),
        "verified": ("验证通过", "Verified"),
        "verify_failed": ("验证不通过", "Verification failed"),
    },
)
