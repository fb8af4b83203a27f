"""What the callbacks module wrote, as registers for export only, each selectable by period:
the 回访记录 (C6), the 投诉登记 (C10) and the 回访问题跟踪 (C7). Their rows come from the
application's use cases alone (a record is amended, never rewritten), so an import is refused
with the rule that says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from forms.callbacks.fields import CUSTOMER, CUSTOMER_NO, label, yes_no
from forms.kinds import Filters, Values, export_only_kind, within
from forms.spec import Field, FieldType, FormSpec
from models import clocks
from models.base import now
from models.callbacks import (
    Callback,
    CallbackRecord,
    ComplaintState,
    ContentType,
    Customer,
    Method,
    Problem,
    ProblemState,
    ServiceReceipt,
    Variant,
)
from models.callbacks import Complaint as ComplaintRow
from models.callbacks.complaints import SUBJECT
from models.people import Department, User

CONTENT_LABELS = tuple(c.label for c in ContentType)
METHOD_LABELS = tuple(m.label for m in Method)
COMPLAINT_STATE_LABELS = tuple(s.label for s in ComplaintState)
PROBLEM_STATE_LABELS = tuple(s.label for s in ProblemState)

RECORDS = FormSpec(
    name="callback-records",
    title="回访记录登记簿",
    title_en="Callback records",
    key="id",
    fields=(
        Field("id", "序号", FieldType.INTEGER, width=6, label_en="No."),
        Field("submitted_at", "回访时间", FieldType.DATETIME, width=16, label_en="Recorded at"),
        CUSTOMER_NO,
        CUSTOMER,
        Field(
            "content_type",
            "回访内容",
            FieldType.CHOICE,
            width=14,
            choices=CONTENT_LABELS,
            label_en="Content",
        ),
        Field(
            "method",
            "回访方式",
            FieldType.CHOICE,
            width=10,
            choices=METHOD_LABELS,
            label_en="Method",
        ),
        Field("reached_person", "受访人", width=10, label_en="Reached"),
        Field("phone_dialled", "拨打号码", width=14, label_en="Phone dialled"),
        Field(
            "satisfaction", "满意度（1–5）", FieldType.INTEGER, width=10, label_en="Satisfaction"
        ),
        Field("summary", "回访情况", width=36, label_en="Summary"),
        Field("valid", "问卷有效", width=8, label_en="Valid answers"),
        Field("recorded_by", "回访人", width=10, label_en="By"),
        Field("amends", "更正说明", width=24, label_en="Amendment"),
    ),
    help="导出用：回访记录由回访人在软件中提交，提交后只能更正不能修改（C6），不能导入。",
)


def _record_query(filters: Filters) -> Any:
    query = (
        CallbackRecord.select(CallbackRecord, Callback, Customer, User)
        .join(Callback)
        .join(Customer)
        .switch(CallbackRecord)
        .join(User, on=(CallbackRecord.recorded_by == User.id))
    )
    if filters.get("method"):
        code = next(m for m in Method if m.label == filters["method"])
        query = query.where(CallbackRecord.method == code.value)
    if filters.get("content_type"):
        code = next(c for c in ContentType if c.label == filters["content_type"])
        query = query.where(CallbackRecord.content_type == code.value)
    return within(query, CallbackRecord.submitted_at, filters)


def record_rows(filters: Filters) -> Iterator[Values]:
    ordered = _record_query(filters).order_by(CallbackRecord.submitted_at, CallbackRecord.id)
    for number, r in enumerate(ordered.iterator(), start=1):
        customer = r.callback.customer
        yield {
            "id": number,
            "submitted_at": r.submitted_at,
            "customer_no": customer.number,
            "customer": customer.name,
            "content_type": label(ContentType, r.content_type),
            "method": label(Method, r.method),
            "reached_person": r.reached_person,
            "phone_dialled": r.phone_dialled,
            "satisfaction": r.satisfaction,
            "summary": r.summary,
            "valid": yes_no(r.valid),
            "recorded_by": r.recorded_by.name,
            "amends": f"更正第 {r.amends_id} 条：{r.amend_reason}" if r.amends_id else "",
        }


export_only_kind(
    RECORDS,
    rows=record_rows,
    count=lambda f: _record_query(f).count(),
    filters=("method", "content_type"),
    period_field="submitted_at",
    rule="C6",
    zh="回访记录由回访人在软件中提交，提交后只能更正，不能导入",
    en="callback records are submitted by the caller and only amended, never imported",
)


COMPLAINTS = FormSpec(
    name="complaints",
    title="投诉登记簿",
    title_en="Complaints",
    key="number",
    fields=(
        Field("number", "投诉编号", width=14, label_en="Complaint no."),
        Field("received_at", "投诉时间", FieldType.DATETIME, width=16, label_en="Received at"),
        Field("complainant", "投诉人", width=10, label_en="Complainant"),
        Field("phone", "联系电话", width=16, label_en="Phone"),
        Field("variant", "处理程序", width=12, label_en="Procedure"),
        Field("content", "投诉内容", width=36, label_en="Content"),
        Field("respondent", "被投诉人", width=10, label_en="Respondent"),
        Field("first_receiver", "首问负责人", width=10, label_en="First receiver"),
        Field("owner", "现负责人", width=10, label_en="Owner"),
        Field(
            "state",
            "状态",
            FieldType.CHOICE,
            width=12,
            choices=COMPLAINT_STATE_LABELS,
            label_en="State",
        ),
        Field("accepted_at", "受理时间", FieldType.DATETIME, width=16, label_en="Accepted at"),
        Field("decided_at", "决定时间", FieldType.DATETIME, width=16, label_en="Decided at"),
        Field("decision", "处理决定", width=30, label_en="Decision"),
        Field(
            "compensation",
            "赔偿金额（元）",
            FieldType.MONEY,
            width=12,
            total=True,
            label_en="Compensation",
        ),
        Field("breached", "超期的时限", width=20, label_en="Deadlines missed"),
        Field(
            "satisfaction", "满意度（1–5）", FieldType.INTEGER, width=10, label_en="Satisfaction"
        ),
    ),
    help="导出用：投诉在软件中登记并按时限办理（C10），不能导入。",
)

CLOCK_WORDS = {
    "incomplete_notice": "告知补正",
    "acceptance": "受理",
    "decision": "决定",
    "desk_feedback": "初步反馈",
    "desk_resolve": "办结",
}


def _complaint_query(filters: Filters) -> Any:
    query = ComplaintRow.select(ComplaintRow, ServiceReceipt).join(ServiceReceipt)
    if filters.get("state"):
        code = next(s for s in ComplaintState if s.label == filters["state"])
        query = query.where(ComplaintRow.state == code.value)
    return within(query, ServiceReceipt.received_at, filters)


def breached_clocks(ids: list[int] | None = None) -> dict[int, list[str]]:
    """Each complaint's missed deadlines in words: a clock stopped late, or running past its
    due time (a breach stays a breach, C10). One read of the clocks."""
    at = now()
    query = clocks.Clock.select().where(clocks.Clock.subject == SUBJECT)
    if ids is not None:
        query = query.where(clocks.Clock.record_id.in_(ids))
    found: dict[int, list[str]] = {}
    for clock in query.order_by(clocks.Clock.id).iterator():
        late = clock.outcome == clocks.Outcome.BREACHED or (
            clock.stopped_at is None and clock.due_at < at
        )
        if late:
            found.setdefault(clock.record_id, []).append(CLOCK_WORDS.get(clock.key, clock.key))
    return found


def _complaint_rows(filters: Filters) -> Iterator[Values]:
    names = dict(User.select(User.id, User.name).tuples())
    late = breached_clocks()
    ordered = _complaint_query(filters).order_by(ServiceReceipt.received_at, ComplaintRow.id)
    for c in ordered.iterator():
        r = c.receipt
        yield {
            "number": c.number,
            "received_at": r.received_at,
            "complainant": r.caller_name,
            "phone": r.phone,
            "variant": label(Variant, c.variant),
            "content": r.content,
            "respondent": names.get(c.respondent_id, "") or c.respondent_name,
            "first_receiver": names.get(r.first_receiver_id, ""),
            "owner": names.get(r.owner_id, ""),
            "state": label(ComplaintState, c.state),
            "accepted_at": c.accepted_at,
            "decided_at": c.decided_at,
            "decision": c.decision,
            "compensation": c.compensation,
            "breached": "、".join(late.get(c.id, [])),
            "satisfaction": c.satisfaction,
        }


export_only_kind(
    COMPLAINTS,
    rows=_complaint_rows,
    count=lambda f: _complaint_query(f).count(),
    filters=("state",),
    period_field="received_at",
    rule="C10",
    zh="投诉在软件中登记并按时限办理，不能导入",
    en="complaints are registered and handled on their clocks in the application, not imported",
)


PROBLEMS = FormSpec(
    name="callback-problems",
    title="回访问题跟踪表",
    title_en="Callback problems",
    key="number",
    fields=(
        Field("number", "问题编号", width=14, label_en="Problem no."),
        Field("raised_at", "发现时间", FieldType.DATETIME, width=16, label_en="Raised at"),
        CUSTOMER_NO,
        CUSTOMER,
        Field("description", "问题描述", width=36, label_en="Description"),
        Field("department", "责任部门", width=12, label_en="Department"),
        Field("owner", "责任人", width=10, label_en="Owner"),
        Field(
            "state",
            "状态",
            FieldType.CHOICE,
            width=8,
            choices=PROBLEM_STATE_LABELS,
            label_en="State",
        ),
        Field("raised_by", "发现人", width=10, label_en="Raised by"),
        Field("fixed_at", "整改时间", FieldType.DATETIME, width=16, label_en="Fixed at"),
        Field("fix_note", "整改情况", width=30, label_en="Fix"),
        Field("verified_by", "验证人", width=10, label_en="Verified by"),
        Field("verified_at", "验证时间", FieldType.DATETIME, width=16, label_en="Verified at"),
        Field("verify_note", "验证意见", width=24, label_en="Verification"),
    ),
    help="导出用：问题由回访发现、责任部门整改、他人验证后关闭（C7），不能导入。",
    signatures=("负责人", "跟踪人", "日期"),
)


def _problem_query(filters: Filters) -> Any:
    query = Problem.select(Problem, Customer).join(Customer)
    if filters.get("state"):
        code = next(s for s in ProblemState if s.label == filters["state"])
        query = query.where(Problem.state == code.value)
    return within(query, Problem.raised_at, filters)


def problem_rows(filters: Filters) -> Iterator[Values]:
    names = dict(User.select(User.id, User.name).tuples())
    departments = dict(Department.select(Department.id, Department.name).tuples())
    for p in _problem_query(filters).order_by(Problem.raised_at, Problem.id).iterator():
        yield {
            "number": p.number,
            "raised_at": p.raised_at,
            "customer_no": p.customer.number,
            "customer": p.customer.name,
            "description": p.description,
            "department": departments.get(p.owner_department_id, ""),
            "owner": names.get(p.owner_user_id, ""),
            "state": label(ProblemState, p.state),
            "raised_by": names.get(p.raised_by_id, ""),
            "fixed_at": p.fixed_at,
            "fix_note": p.fix_note,
            "verified_by": names.get(p.verified_by_id, ""),
            "verified_at": p.verified_at,
            "verify_note": p.verify_note,
        }


export_only_kind(
    PROBLEMS,
    rows=problem_rows,
    count=lambda f: _problem_query(f).count(),
    filters=("state",),
    period_field="raised_at",
    rule="C7",
    zh="回访问题由回访记录提出，在软件中整改和验证，不能导入",
    en="problems come from callback records and are fixed and verified in the application",
)
