"""The shared ground's words in English, registered into ``desktop.labels`` (ask there for a
label): the approval engine's states and modes, deadlines, periods, roles, and the audit log's
words for users, settings, approvals and the actions and fields every domain logs."""

from __future__ import annotations

from desktop import labels
from models.clocks import ClockKind
from models.documents import PlanState
from models.people import Role
from models.periods import PeriodKind
from models.workflow import Mode, State

labels.register(
    english={
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
        State: {
            State.PENDING: "Under approval",
            State.RETURNED: "Returned",
            State.APPROVED: "Approved",
            State.REJECTED: "Rejected",
            State.WITHDRAWN: "Withdrawn",
            State.CLOSED: "Closed",
        },
        PlanState: {
            PlanState.DRAFT: "Draft",
            PlanState.PENDING: "Under approval",
            PlanState.RETURNED: "Returned",
            PlanState.APPROVED: "Approved",
            PlanState.REJECTED: "Not approved",
            PlanState.WITHDRAWN: "Withdrawn",
        },
        Mode: {
            Mode.SEQUENTIAL: "One after another",
            Mode.ALL: "All must approve",
            Mode.ANY: "Any one approves",
        },
        Role: {role: role.label_en for role in Role},
    },
    objects={
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
    },
    actions={
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
        "cancel": ("取消", "Cancelled"),
        "return": ("退货", "Returned"),
        "lines": ("修改明细", "Lines changed"),
        "submit": ("提交", "Submitted"),
        "contact": ("更换联系电话", "Phone changed"),
        "address": ("更换地址", "Address changed"),
        "reassign": ("改派", "Reassigned"),
    },
    fields={
        "unit": ("单位", "unit"),
        "department": ("部门", "department"),
        "state": ("状态", "state"),
        "status": ("状态", "status"),
        "name": ("名称", "name"),
        "roles": ("角色", "roles"),
        "applicant": ("申请人", "applicant"),
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
        "phone": ("电话", "phone"),
        "address": ("地址", "address"),
        "kind": ("类别", "kind"),
        "items": ("项目", "items"),
    },
    states={
        "instance": State,
    },
)
