"""Every domain code's label in the interface language, in one place.

The Chinese label is the domain's own: each enum's ``.label`` in ``models`` (the printed forms
and the registers use it too). The English label stands here beside it, because only the
desktop speaks English; ``Role`` already brings its English from ``models.people``. A few codes
the models keep as bare strings (a maintenance status, the kind of a repair) carry both
languages here.

``tests/desktop/test_i18n.py`` checks that every member of every labelled enum of fleet,
supplies, workflow and people has its English label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import cache
from typing import Any

from desktop.i18n import is_english, pick
from models import callbacks as cb
from models.clocks import ClockKind
from models.errors import RuleViolation
from models.fleet import LineState, RepairState, UseState, VehicleStatus
from models.people import Role
from models.periods import PeriodKind
from models.supplies import (
    Category,
    MovementKind,
    OrderMethod,
    OrderState,
    PlanState,
    RequisitionState,
    StockReturnState,
    SupplierKind,
)
from models.supplies.purchasing import ReturnKind
from models.supplies.stocktake import StocktakeState
from models.training import (
    ClaimState,
    Half,
    HolidayPolicy,
    LeaveState,
    Mark,
    RegisterDocState,
    RegisterState,
    SessionState,
    TeacherStatus,
    Tier,
)
from models.training import PlanState as TierPlanState
from models.workflow import Mode, State

# Per enum: members of different enums may share a value (State.PENDING == PlanState.PENDING).
ENGLISH: dict[type[StrEnum], dict[Any, str]] = {
    VehicleStatus: {
        VehicleStatus.IN_SERVICE: "In service",
        VehicleStatus.IN_REPAIR: "In repair",
        VehicleStatus.SUSPENDED: "Suspended",
        VehicleStatus.SCRAPPED: "Scrapped",
    },
    RepairState: {
        RepairState.APPLIED: "Under approval",
        RepairState.RETURNED: "Returned",
        RepairState.REJECTED: "Not approved",
        RepairState.WITHDRAWN: "Withdrawn",
        RepairState.AUTHORISED: "Authorised",
        RepairState.IN_REPAIR: "In repair",
        RepairState.AWAITING_ACCEPTANCE: "Awaiting acceptance",
        RepairState.CLOSED: "Closed",
    },
    UseState: {
        UseState.APPLIED: "Under approval",
        UseState.RETURNED: "Returned",
        UseState.APPROVED: "Approved",
        UseState.REJECTED: "Not approved",
        UseState.WITHDRAWN: "Withdrawn",
    },
    ClockKind: {
        ClockKind.WORKING_DAYS: "Working days",
        ClockKind.CALENDAR_DAYS: "Calendar days",
        ClockKind.HOURS: "Hours",
        ClockKind.WORKING_HOURS: "Working hours",
    },
    PeriodKind: {
        PeriodKind.MONTH: "Month",
        PeriodKind.QUARTER: "Quarter",
        PeriodKind.YEAR: "Year",
        PeriodKind.TERM: "Term",
    },
    LineState: {
        LineState.ESTIMATED: "Estimate",
        LineState.AUTHORISED: "Authorised",
        LineState.DECLINED: "Declined",
        LineState.PROPOSED: "Supplement pending",
        LineState.APPROVED: "Supplement approved",
        LineState.FITTED: "Done",
    },
    Category: {
        Category.WRITING: "Writing instruments",
        Category.PAPER: "Paper",
        Category.STATIONERY: "Stationery",
        Category.CONSUMABLES: "Consumables",
    },
    SupplierKind: {
        SupplierKind.LOCAL: "Local dealer",
        SupplierKind.CENTRAL: "Government central procurement",
    },
    MovementKind: {
        MovementKind.OPENING: "Opening balance",
        MovementKind.RECEIPT: "Received",
        MovementKind.ISSUE: "Issued",
        MovementKind.GAIN: "Stocktake gain",
        MovementKind.LOSS: "Stocktake loss",
        MovementKind.RETURN: "Returned to supplier",
        MovementKind.EXCHANGE_OUT: "Exchange (sent back)",
        MovementKind.EXCHANGE_IN: "Exchange (received)",
        MovementKind.DEPT_RETURN: "Returned to the store",
    },
    RequisitionState: {
        RequisitionState.PENDING: "Under approval",
        RequisitionState.RETURNED: "Returned",
        RequisitionState.REJECTED: "Not approved",
        RequisitionState.WITHDRAWN: "Withdrawn",
        RequisitionState.APPROVED: "To issue",
        RequisitionState.ISSUED: "Issued",
    },
    StockReturnState: {
        StockReturnState.PENDING: "To confirm",
        StockReturnState.RETURNED: "Returned",
        StockReturnState.ACCEPTED: "Back in stock",
        StockReturnState.REFUSED: "Refused",
        StockReturnState.WITHDRAWN: "Withdrawn",
    },
    PlanState: {
        PlanState.DRAFT: "Draft",
        PlanState.PENDING: "Under approval",
        PlanState.RETURNED: "Returned",
        PlanState.APPROVED: "Approved",
        PlanState.REJECTED: "Not approved",
        PlanState.WITHDRAWN: "Withdrawn",
    },
    OrderMethod: {
        OrderMethod.DESIGNATED: "Designated dealer",
        OrderMethod.COMPETITIVE: "Competitive quotes",
        OrderMethod.CENTRAL: "Government central procurement",
    },
    OrderState: {
        OrderState.OPEN: "Awaiting delivery",
        OrderState.PARTIAL: "Partly delivered",
        OrderState.RECEIVED: "Delivered",
        OrderState.CANCELLED: "Cancelled",
    },
    ReturnKind: {
        ReturnKind.RETURN: "Return",
        ReturnKind.EXCHANGE: "Exchange",
    },
    StocktakeState: {
        StocktakeState.OPEN: "Counting",
        StocktakeState.PENDING: "Under approval",
        StocktakeState.RETURNED: "Returned",
        StocktakeState.APPROVED: "Approved, to post",
        StocktakeState.REJECTED: "Not approved",
        StocktakeState.POSTED: "Posted",
        StocktakeState.CANCELLED: "Voided",
    },
    State: {
        State.PENDING: "Under approval",
        State.RETURNED: "Returned",
        State.APPROVED: "Approved",
        State.REJECTED: "Rejected",
        State.WITHDRAWN: "Withdrawn",
        State.CLOSED: "Closed",
    },
    Mode: {
        Mode.SEQUENTIAL: "One after another",
        Mode.ALL: "All must approve",
        Mode.ANY: "Any one approves",
    },
    # 客户回访与投诉
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
    cb.PlanState: {
        cb.PlanState.DRAFT: "Draft",
        cb.PlanState.PENDING: "Under approval",
        cb.PlanState.RETURNED: "Returned",
        cb.PlanState.APPROVED: "Approved",
        cb.PlanState.REJECTED: "Not approved",
        cb.PlanState.WITHDRAWN: "Withdrawn",
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
    Role: {role: role.label_en for role in Role},
    TeacherStatus: {
        TeacherStatus.ACTIVE: "In service",
        TeacherStatus.TRANSFERRED: "Transferred",
        TeacherStatus.RETIRED: "Retired",
    },
    Tier: {
        Tier.YOUNG: "Young teacher",
        Tier.BACKBONE: "Backbone teacher",
        Tier.MASTER: "Master teacher",
    },
    TierPlanState: {
        TierPlanState.DRAFT: "Draft",
        TierPlanState.PENDING: "Under approval",
        TierPlanState.RETURNED: "Returned",
        TierPlanState.APPROVED: "Approved",
        TierPlanState.REJECTED: "Not approved",
        TierPlanState.WITHDRAWN: "Withdrawn",
    },
    Half: {Half.MORNING: "Morning", Half.AFTERNOON: "Afternoon"},
    HolidayPolicy: {
        HolidayPolicy.SHIFT: "Next working day of the week",
        HolidayPolicy.SKIP: "Skip",
    },
    SessionState: {SessionState.PLANNED: "Planned", SessionState.SKIPPED: "Skipped"},
    RegisterState: {
        RegisterState.NONE: "Not started",
        RegisterState.OPEN: "Being marked",
        RegisterState.CLOSED: "Confirmed",
    },
    LeaveState: {
        LeaveState.PENDING: "Under approval",
        LeaveState.APPROVED: "Approved",
        LeaveState.REJECTED: "Not approved",
        LeaveState.WITHDRAWN: "Withdrawn",
    },
    Mark: {
        Mark.PENDING: "Not marked",
        Mark.PRESENT: "Present",
        Mark.LATE: "Late",
        Mark.EARLY: "Left early",
        Mark.LEAVE: "On leave",
        Mark.EXCUSED: "Excused",
        Mark.ABSENT: "Absent",
        Mark.TRUANT: "Truant",
    },
    RegisterDocState: {
        RegisterDocState.DRAFT: "Draft",
        RegisterDocState.PENDING: "Under review",
        RegisterDocState.RETURNED: "Returned",
        RegisterDocState.APPROVED: "Approved",
        RegisterDocState.REJECTED: "Not approved",
        RegisterDocState.WITHDRAWN: "Withdrawn",
    },
    ClaimState: {
        ClaimState.PENDING: "Under approval",
        ClaimState.APPROVED: "Recognised",
        ClaimState.REJECTED: "Not recognised",
        ClaimState.WITHDRAWN: "Withdrawn",
    },
}

LABELLED: tuple[type[StrEnum], ...] = tuple(ENGLISH)

# Codes the models keep as bare strings: (Chinese, English).
CODES: dict[str, dict[str, tuple[str, str]]] = {
    # models.fleet.MaintenanceDue.status (its status_label is the Chinese)
    "maintenance": {
        "ok": ("正常", "OK"),
        "due_soon": ("即将到期", "Due soon"),
        "overdue": ("已超期", "Overdue"),
    },
    # models.fleet.Repair.kind
    "repair_kind": {"repair": ("一般维修", "Repair"), "overhaul": ("大修", "Overhaul")},
}


def label(member: StrEnum) -> str:
    """``member``'s label in the interface language."""
    chinese: str = member.label  # type: ignore[attr-defined]
    return pick(chinese, ENGLISH.get(type(member), {}).get(member, chinese))


def of(enum: type[StrEnum], value: Any) -> str:
    """The label of a raw value read from a row; what is not a member shows as it is."""
    try:
        return label(enum(value))
    except ValueError:
        return "" if value is None else str(value)


def labeller(enum: type[StrEnum]) -> Callable[[Any], str]:
    """``of`` for one enum: a list column's ``fmt``."""
    return lambda value: of(enum, value)


def choices(members: Iterable[StrEnum]) -> list[tuple[str, str]]:
    """(label, value) pairs for a combo box."""
    return [(label(m), m.value) for m in members]


def relabel(enum: type[StrEnum], chinese: str) -> str:
    """A Chinese label a query already wrote into a row (``r.category``), in the interface
    language."""
    for member in enum:
        if member.label == chinese:  # type: ignore[attr-defined]
            return label(member)
    return chinese


def code(kind: str, value: Any) -> str:
    """The label of one of the bare string codes of ``CODES``."""
    zh, en = CODES[kind].get(str(value), (str(value or ""), str(value or "")))
    return pick(zh, en)


# The approval trail's actions (``models.workflow.spec.ACTION_LABELS`` has the Chinese).
TRAIL_ACTIONS: dict[str, str] = {
    "submit": "Submitted",
    "resubmit": "Resubmitted",
    "approve": "Approved",
    "auto_approve": "Approved automatically (same approver)",
    "skip": "Skipped (the applicant is the approver)",
    "reject": "Rejected",
    "return": "Returned",
    "withdraw": "Withdrawn",
    "transfer": "Transferred",
    "cc": "Copied",
    "urge": "Urged",
    "force_close": "Closed by the administrator",
    "move": "Moved by the administrator",
    "reassign": "Reassigned by the system",
}


def trail_action(step: Any) -> str:
    """A trail step's action (``workflow.Step``) in the interface language."""
    return pick(step.action_label, TRAIL_ACTIONS.get(step.action, step.action_label))


def trail_row(doc_type: str, step: Any) -> tuple[Any, ...]:
    """A trail step (``workflow.Step``) as a window's trail table shows it: 时间, 环节, 处理人,
    操作, 意见, in the interface language."""
    node = node_name(doc_type, step.node_name)
    return (step.at, node, step.who, trail_action(step), step.comment)


def trail_decision(entry: Any) -> str:
    """A printed trail entry's decision (``forms.printdoc.TrailEntry``) in the interface
    language; an entry the engine did not make (an acceptance) keeps its words."""
    return pick(entry.decision, TRAIL_ACTIONS.get(entry.action, entry.decision))


def _flow(doc_type: str) -> Any:
    from models import workflow

    workflow.load_domains()
    try:
        return workflow.registered_flow(doc_type)
    except RuleViolation:
        return None


def flow_name(doc_type: str, chinese: str) -> str:
    """A flow's name (as a stored version holds it) in the interface language: the English
    its declaration carries beside the Chinese (``Flow.name_en``)."""
    if not is_english():
        return chinese
    flow = _flow(doc_type)
    return (flow.name_en if flow is not None and flow.name == chinese else "") or chinese


def node_name(doc_type: str, chinese: str) -> str:
    """A node's name (a trail step's, a stored flow version's) in the interface language:
    the English its flow declares beside the Chinese (``Node.name_en``); a node the code no
    longer declares (an administrator's own) keeps its Chinese."""
    if not is_english() or not chinese:
        return chinese
    flow = _flow(doc_type)
    node = flow.node_named(chinese) if flow is not None else None
    return (node.name_en if node is not None else "") or chinese


def node_at(doc_type: str, key: str) -> str:
    """The name of the node ``key`` of ``doc_type``'s flow (an inbox task's), in the interface
    language."""
    flow = _flow(doc_type)
    node = next((n for n in flow.nodes if n.key == key), None) if flow is not None else None
    if node is None:
        return key
    return pick(node.name, node.name_en or node.name)


def trail_node(entry: Any) -> str:
    """A printed trail entry's step (``forms.printdoc.TrailEntry``) in the interface
    language."""
    return pick(entry.node, entry.node_en or entry.node)


def approval_title(inst: Any) -> str:
    """An approval's title (``workflow.Instance``) in the interface language."""
    return title_of(inst.doc_type, inst.doc_id, inst.title)


def title_of(doc_type: str, doc_id: int | None, title: str) -> str:
    """An approval's title in the interface language: the Chinese the engine stored; in
    English, its document's own (``Document.approval_title``, where the Chinese is composed
    too), read from the document's row (one query, in English only)."""
    if not is_english() or doc_id is None:
        return str(title)
    from models import documents

    model = documents.document_model(doc_type)
    row = model.get_or_none(model.id == doc_id) if model is not None else None
    return row.approval_title()[1] if row is not None else str(title)


def said(text: str) -> str:
    """A label of an approval summary (``forms.summary.Label``: Chinese, with its English
    beside it) in the interface language; plain text stays as it is."""
    return pick(text, getattr(text, "en", text))


# The audit log's object (a table) and action codes: (Chinese, English). A code missing here
# shows as it is; ``tests/desktop/test_i18n.py`` checks every table a domain declares.
AUDIT_OBJECTS: dict[str, tuple[str, str]] = {
    "user": ("用户", "User"),
    "user_role": ("用户角色", "User role"),
    "department": ("部门", "Department"),
    "setting": ("系统设置", "Setting"),
    "delegation": ("审批委托", "Delegation"),
    "instance": ("审批", "Approval"),
    "task": ("审批任务", "Approval task"),
    "step": ("审批记录", "Approval step"),
    "carbon_copy": ("抄送", "Copy"),
    "flow_version": ("审批流程", "Approval flow"),
    "attachment": ("附件", "Attachment"),
    "attachment_chunk": ("附件内容", "Attachment content"),
    "calendar_day": ("工作日历", "Office calendar day"),
    "calendar_year": ("工作日历年度", "Office calendar year"),
    "clock": ("时限", "Deadline"),
    "counter": ("编号", "Number counter"),
    "document": ("单据", "Document"),
    "vehicle": ("车辆", "Vehicle"),
    "vehicle_driver": ("驾驶员", "Driver"),
    "vehicle_use": ("用车申请", "Vehicle use request"),
    "repair": ("维修申请", "Repair"),
    "repair_line": ("维修项目", "Repair item"),
    "repair_shop": ("修理厂", "Repair shop"),
    "supplement": ("追加维修", "Repair supplement"),
    "acceptance": ("维修验收", "Repair acceptance"),
    "maintenance": ("保养记录", "Maintenance"),
    "fuel_log": ("加油记录", "Fuel log"),
    "fuel_station": ("加油站", "Fuel station"),
    "item": ("物品", "Item"),
    "movement": ("出入库记录", "Stock movement"),
    "supplier": ("供应商", "Supplier"),
    "category_supplier": ("定点供应商", "Designated supplier"),
    "requisition": ("领用申请", "Requisition"),
    "requisition_line": ("领用明细", "Requisition line"),
    "stock_return": ("退库单", "Return to store"),
    "stock_return_line": ("退库明细", "Return to store line"),
    "purchase_plan": ("采购计划", "Purchase plan"),
    "plan_line": ("采购计划明细", "Purchase plan line"),
    "purchase_order": ("采购订单", "Purchase order"),
    "order_line": ("订单明细", "Order line"),
    "quote": ("报价", "Quote"),
    "receipt": ("入库单", "Receipt"),
    "receipt_line": ("入库明细", "Receipt line"),
    "supplier_return": ("退换货", "Return to supplier"),
    "stocktake": ("盘点", "Stocktake"),
    "stocktake_line": ("盘点明细", "Stocktake line"),
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
    # 客户回访与投诉: complaints and 首问负责制 (C10, C11)
    "service_receipt": ("来电来访登记", "Request received"),
    "handover": ("移交", "Handover"),
    "complaint": ("投诉", "Complaint"),
    "complaint_submission": ("重复投诉", "Repeat complaint"),
    "teacher": ("教师", "Teacher"),
    "teaching_group": ("教研组", "Teaching-research group"),
    "group_membership": ("教研组成员变动", "Group membership"),
    "tier_membership": ("分层", "Tier membership"),
    "tier_plan": ("分层培训方案", "Tier plan"),
    "term": ("学期", "Term"),
    "term_closure": ("停课时段", "Term closure"),
    "session_series": ("教研活动安排", "Session series"),
    "training_session": ("教研活动", "Training session"),
    "training_leave": ("教研活动请假", "Training leave"),
    "attendance_mark": ("考勤", "Attendance mark"),
    "mark_correction": ("考勤更正", "Attendance correction"),
    "quality_grade": ("参训质量", "Quality grade"),
    "credit_register": ("学分登记", "Credit register"),
    "credit_line": ("学分明细", "Credit line"),
    "spot_check": ("过程督查", "Spot check"),
    "external_training": ("外出培训与自学", "External training"),
    "growth_record": ("成长档案", "Growth record"),
}

AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "create": ("新建", "Created"),
    "update": ("修改", "Changed"),
    "void": ("作废", "Voided"),
    "login": ("登录", "Signed in"),
    "login_failed": ("登录失败", "Sign-in failed"),
    "roles": ("更改角色", "Roles changed"),
    "password": ("更改密码", "Password changed"),
    "lock": ("锁定", "Locked"),
    "unlock": ("解锁", "Unlocked"),
    "revoke": ("撤销", "Revoked"),
    "enter_shop": ("进厂", "Entered the shop"),
    "fitted": ("已完工", "Done"),
    "finish": ("修竣", "Repair finished"),
    "authorise": ("准修", "Authorised"),
    "cancel": ("取消", "Cancelled"),
    "return": ("退货", "Returned"),
    "exchange": ("换货", "Exchanged"),
    "replaced": ("换货到货", "Replacement received"),
    "undesignate": ("取消定点", "No longer designated"),
    "lines": ("修改明细", "Lines changed"),
    "submit": ("提交", "Submitted"),
    "count": ("录入盘点数", "Counted"),
    "post": ("过账", "Posted"),
    "contact": ("更换联系电话", "Phone changed"),
    "address": ("更换地址", "Address changed"),
    "important": ("重要客户标记", "Important flag"),
    "generate": ("生成回访任务", "Callbacks generated"),
    "fallback": ("改用下一种回访方式", "Next method"),
    "exhausted": ("回访方式用尽", "Every method tried"),
    "unreachable": ("确认无法回访", "Confirmed unreachable"),
    "reschedule": ("改期", "Rescheduled"),
    "invalid": ("问卷无效", "Answers invalid"),
    "amend": ("更正", "Amended"),
    "reassign": ("改派", "Reassigned"),
    "fixed": ("整改完成", "Fixed"),
    "verified": ("验证通过", "Verified"),
    "verify_failed": ("验证不通过", "Verification failed"),
}

# Field names the models leave without a Chinese ``verbose_name``: (Chinese, English).
AUDIT_FIELDS: dict[str, tuple[str, str]] = {
    "unit": ("单位", "unit"),
    "department": ("部门", "department"),
    "odometer": ("里程", "odometer"),
    "last_service_km": ("上次保养里程", "last service km"),
    "last_service_date": ("上次保养日期", "last service date"),
    "service_interval_km": ("保养间隔里程", "service interval km"),
    "service_interval_months": ("保养间隔月数", "service interval months"),
    "purchase_date": ("购置日期", "purchase date"),
    "state": ("状态", "state"),
    "status": ("状态", "status"),
    "name": ("名称", "name"),
    "roles": ("角色", "roles"),
    "vehicle": ("车辆", "vehicle"),
    "driver": ("驾驶员", "driver"),
    "applicant": ("申请人", "applicant"),
    "shop": ("修理厂", "shop"),
    "station": ("加油站", "station"),
    "supplier": ("供应商", "supplier"),
    "item": ("物品", "item"),
    "quantity": ("数量", "quantity"),
    "price": ("单价", "price"),
    "amount": ("金额", "amount"),
    "total": ("合计", "total"),
    "cost": ("费用", "cost"),
    "lines": ("明细", "lines"),
    "voided_at": ("作废时间", "voided at"),
    "void_reason": ("作废原因", "void reason"),
    "locked_until": ("锁定至", "locked until"),
    "failed_logins": ("登录失败次数", "failed sign-ins"),
    "designated": ("定点", "designated"),
    "phone": ("电话", "phone"),
    "address": ("地址", "address"),
    "kind": ("类别", "kind"),
    "litres": ("升数", "litres"),
    "filled_at": ("加油时间", "filled at"),
    "done_on": ("日期", "date"),
    "items": ("项目", "items"),
    "fault": ("故障描述", "fault"),
    "private": ("私用", "private use"),
    "out_of_city": ("出市", "out of the city"),
}

# The enum a table's ``state``/``status`` column holds, so a code in the log reads as a word.
AUDIT_STATES: dict[str, type[StrEnum]] = {
    "vehicle": VehicleStatus,
    "repair": RepairState,
    "repair_line": LineState,
    "vehicle_use": UseState,
    "requisition": RequisitionState,
    "stock_return": StockReturnState,
    "purchase_plan": PlanState,
    "purchase_order": OrderState,
    "stocktake": StocktakeState,
    "instance": State,
}


def audit_object(table: Any) -> str:
    """An audit row's object in words."""
    zh, en = AUDIT_OBJECTS.get(str(table), (str(table or ""), str(table or "")))
    return pick(zh, en)


def audit_action(action: Any) -> str:
    """An audit row's action in words."""
    zh, en = AUDIT_ACTIONS.get(str(action), (str(action or ""), str(action or "")))
    return pick(zh, en)


def _audit_value(table: str, name: str, value: Any) -> str:
    """One logged value in words: yes/no, a state's label, the name a foreign key points to."""
    if value is None or value == "":
        return pick("空", "empty")
    if isinstance(value, bool):
        return pick("是", "yes") if value else pick("否", "no")
    if name in ("state", "status") and table in AUDIT_STATES:
        return of(AUDIT_STATES[table], value)
    if name == "roles" and isinstance(value, list):
        return "、".join(of(Role, v) for v in value)
    target = _foreign_target(table, name)
    if target is not None and isinstance(value, int):
        row = target.get_or_none(target._meta.primary_key == value)
        return str(row) if row is not None else f"#{value}"
    if isinstance(value, list | dict):
        return pick(f"{len(value)} 项", f"{len(value)} entries")
    return str(value)


def _foreign_target(table: str, name: str) -> Any:
    """The model a column of ``table`` refers to, when it is a foreign key."""
    for model_field in _fields_named(table, name):
        target = getattr(model_field, "rel_model", None)
        if target is not None:
            return target
    return None


def _audit_field(table: str, name: str) -> str:
    """A logged field's name: the words above, else the model's own Chinese name."""
    if name in AUDIT_FIELDS:
        return pick(*AUDIT_FIELDS[name])
    if not is_english():
        for model_field in _fields_named(table, name):
            verbose = model_field.verbose_name or ""
            if any(ord(ch) > 127 for ch in verbose):
                return verbose
    return name


@cache
def _fields_named(table: str, name: str) -> tuple[Any, ...]:
    """The fields called ``name`` of the models stored in ``table`` (peewee's own registry is
    the class tree; a table is declared by one model, sometimes through a subclass)."""
    from models.base import BaseModel

    stack: list[type] = [BaseModel]
    found = []
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub._meta.table_name == table and name in sub._meta.fields:  # type: ignore[attr-defined]
                found.append(sub._meta.fields[name])  # type: ignore[attr-defined]
    return tuple(found)


def audit_changes(table: Any, changes: Any) -> str:
    """An audit row's ``{field: [old, new]}`` as 「field：old → new」 in words."""
    import json

    if changes in (None, "", "{}"):
        return ""
    try:
        parsed = json.loads(changes) if isinstance(changes, str) else changes
    except ValueError:
        return str(changes)
    if not isinstance(parsed, dict):
        return str(changes)
    parts = []
    for name, pair in parsed.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        label_ = _audit_field(str(table), name)
        new_text = _audit_value(str(table), name, new)
        if old is None:
            parts.append(f"{label_}：{new_text}")
        else:
            parts.append(f"{label_}：{_audit_value(str(table), name, old)} → {new_text}")
    return pick("；", "; ").join(parts)


def period(key: Any) -> str:
    """A stored period key (``2026-07``, ``2026Q3``) in words: 2026年7月, 2026年第三季度 (or the
    English), never the code; a key that is not a period is shown as it is."""
    from models import periods
    from models.errors import RuleViolation

    if not key:
        return ""
    try:
        found = periods.parse(str(key))
    except RuleViolation:
        return str(key)
    return found.label_en() if is_english() else found.label()
