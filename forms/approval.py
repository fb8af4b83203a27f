"""申请批准单: any approval (``models.workflow.Instance``) as a printable form (X2, S6).

The printed form shows the request (title, applicant, department, flow, state, times), then
the document's approval summary as its domain declared it (``forms.summary``: the fields,
the lines with quantities and amounts, the total and the attachments, the same as 审批中心
shows), the full trail and a signature line for the applicant and for every step of its
route.
"""

from __future__ import annotations

from typing import Any

from forms.printdoc import PrintDoc, trail_entries
from forms.printing import Printable, register_printable
from forms.spec import Field, FormSpec
from forms.summary import summary_of
from models import workflow
from models.errors import RuleViolation

APPROVAL = FormSpec(
    name="approval",
    title="申请批准单",
    title_en="Approval form",
    fields=(
        Field("title", "申请事项", width=40, wide=True),
        Field("applicant", "申请人", width=12),
        Field("department", "申请部门", width=16),
        Field("flow", "审批流程", width=16),
        Field("state", "当前状态", width=10),
        Field("submitted_at", "提交时间", width=16),
        Field("finished_at", "办结时间", width=16),
    ),
    copies=("存根", "申请部门", "后勤"),
    signatures=("申请人",),
)


def document_number(inst: workflow.Instance) -> str:
    """SP-2026-000012: 审批 (SP), year of submission, the instance id."""
    return f"SP-{inst.submitted_at:%Y}-{inst.id:06d}"


def load(instance_id: int) -> PrintDoc:
    inst = workflow.Instance.get_or_none(workflow.Instance.id == instance_id)
    if inst is None:
        raise RuleViolation(None, f"没有审批单 {instance_id}", f"no approval {instance_id}")
    values: dict[str, Any] = {
        "title": inst.title,
        "applicant": inst.applicant.name,
        "department": inst.department.name if inst.department_id else "",
        "flow": inst.flow.name,
        "state": workflow.State(inst.state).label,
        "submitted_at": f"{inst.submitted_at:%Y-%m-%d %H:%M}",
        "finished_at": f"{inst.finished_at:%Y-%m-%d %H:%M}" if inst.finished_at else "",
    }
    summary = summary_of(inst)
    extra = list(summary.fields)
    if summary.attachments:
        extra.append(("附件", "、".join(summary.attachments)))
    signatures = ["申请人"] + [node.name for node in inst.route_nodes()]
    return PrintDoc(
        spec=APPROVAL,
        number=document_number(inst),
        values=values,
        extra=extra,
        lines=summary.lines,
        total=(summary.total_label, summary.total_text) if summary.total is not None else None,
        trail=trail_entries(inst),
        signatures=signatures,
    )


register_printable(Printable(APPROVAL, load))
