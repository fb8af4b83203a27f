"""申请批准单 of 办公用品: the printed slip of a department's requisition (S6), and the 退库单
of goods a department brought back (S7).

``houqin print requisition ID OUT.pdf``: the department, the applicant, every line with the
quantity asked, approved by the logistics check and issued, who received the goods, the full
approval trail with the issue as its last step, and signature lines for 申请人, 科室负责人,
后勤 and 领用人. Two copies: the store keeps the 存根, the department the other.

The generic ``approval`` printable prints the same request as an approval (its route and
fields); this slip is the store's document with the lines, which the approval does not hold.

``houqin print stock-return ID OUT.pdf``: the 退库单, against its 申请批准单, with the reason,
every line brought back, logistics' decision and signature lines for 退库人 and 后勤; the
store keeps the 存根 and the department the other (S7).
"""

from __future__ import annotations

from datetime import datetime

from forms.printdoc import PrintDoc, TrailEntry, trail_entries
from forms.printing import Printable, register_printable
from forms.spec import Field, FormSpec
from forms.summary import Label
from models.errors import RuleViolation
from models.supplies import Item, Requisition, RequisitionLine, StockReturn, StockReturnLine

REQUISITION_FORM = FormSpec(
    name="requisition",
    title="办公用品申请批准单",
    title_en="Office supplies requisition",
    fields=(
        Field("department", "申请科室", width=14),
        Field("applicant", "申请人", width=10),
        Field("submitted_at", "申请时间", width=16),
        Field("state", "当前状态", width=8),
        Field("purpose", "用途", width=40, wide=True),
        Field("checked", "后勤核对", width=20),
        Field("issued", "发放", width=20),
        Field("receiver", "领用人", width=10),
        Field("check_comment", "核对意见", width=40, wide=True),
    ),
    copies=("存根", "领用科室"),
    signatures=("申请人", "科室负责人", "后勤", "领用人"),
)


def _when(at: datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M}" if at else ""


def _line_text(line: RequisitionLine, item: Item) -> str:
    unit = item.unit
    approved = "待核定" if line.approved is None else f"{line.approved}{unit}"
    spec = f"（{item.specification}）" if item.specification else ""
    note = f"；{line.note}" if line.note else ""
    return (
        f"{item.name}{spec}：申请 {line.requested}{unit}，批准 {approved}，"
        f"发放 {line.issued}{unit}{note}"
    )


def _trail(req: Requisition) -> list[TrailEntry]:
    entries = trail_entries(req.instance(), Label("申请", "Applied"))
    if req.issued_at:
        entries.append(
            TrailEntry(
                "发放",
                req.issued_by.name,
                "已发放",
                f"领用人：{req.receiver_name}",
                req.issued_at,
            )
        )
    return entries


def load_requisition(requisition_id: int) -> PrintDoc:
    """The slip of requisition ``requisition_id`` as a ``PrintDoc``."""
    req = Requisition.get_or_none(Requisition.id == requisition_id)
    if req is None:
        raise RuleViolation(
            None, f"没有申请批准单 {requisition_id}", f"no requisition {requisition_id}"
        )
    lines = list(
        RequisitionLine.select(RequisitionLine, Item)
        .join(Item)
        .where(RequisitionLine.requisition == req.id)
        .order_by(RequisitionLine.id)
    )
    values = {
        "department": req.department.name,
        "applicant": req.applicant.name,
        "submitted_at": _when(req.submitted_at),
        "state": req.state_label,
        "purpose": req.purpose,
        "checked": f"{req.checked_by.name} {_when(req.checked_at)}" if req.checked_by_id else "",
        "issued": f"{req.issued_by.name} {_when(req.issued_at)}" if req.issued_by_id else "",
        "receiver": req.receiver_name,
        "check_comment": req.check_comment,
    }
    extra = [
        (f"{i}. {line.item.code}", _line_text(line, line.item))
        for i, line in enumerate(lines, start=1)
    ]
    return PrintDoc(
        spec=REQUISITION_FORM,
        number=req.number,
        values=values,
        extra=extra,
        trail=_trail(req),
    )


register_printable(Printable(REQUISITION_FORM, load_requisition))


STOCK_RETURN_FORM = FormSpec(
    name="stock-return",
    title="办公用品退库单",
    title_en="Office supplies returned to the store",
    fields=(
        Field("requisition", "原申请批准单", width=14),
        Field("department", "退库科室", width=14),
        Field("applicant", "退库人", width=10),
        Field("filed_at", "退库时间", width=16),
        Field("state", "当前状态", width=8),
        Field("decided", "后勤确认", width=20),
        Field("reason", "退库原因", width=40, wide=True),
        Field("decision_comment", "后勤意见", width=40, wide=True),
    ),
    copies=("存根", "退库科室"),
    signatures=("退库人", "后勤"),
)


def load_stock_return(return_id: int) -> PrintDoc:
    """The 退库单 ``return_id`` as a ``PrintDoc``."""
    ret = StockReturn.get_or_none(StockReturn.id == return_id)
    if ret is None:
        raise RuleViolation(None, f"没有退库单 {return_id}", f"no return to the store {return_id}")
    lines = list(
        StockReturnLine.select(StockReturnLine, Item)
        .join(Item)
        .where(StockReturnLine.stock_return == ret.id)
        .order_by(StockReturnLine.id)
    )
    values = {
        "requisition": ret.requisition.number,
        "department": ret.department.name,
        "applicant": ret.applicant.name,
        "filed_at": _when(ret.filed_at),
        "state": ret.state_label,
        "decided": f"{ret.decided_by.name} {_when(ret.decided_at)}" if ret.decided_by_id else "",
        "reason": ret.reason,
        "decision_comment": ret.decision_comment,
    }
    extra = [
        (
            f"{i}. {line.item.code}",
            f"{line.item}：退库 {line.quantity}{line.item.unit}",
        )
        for i, line in enumerate(lines, start=1)
    ]
    return PrintDoc(
        spec=STOCK_RETURN_FORM,
        number=ret.number,
        values=values,
        extra=extra,
        trail=trail_entries(ret.instance(), Label("退库", "Returned to store")),
    )


register_printable(Printable(STOCK_RETURN_FORM, load_stock_return))
