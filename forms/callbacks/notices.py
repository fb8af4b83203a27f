"""The letters C10 has the office send the complainant: 投诉受理告知书 (accepted, and by when
the decision comes), 不予受理告知书 (refused, with the reasons C10 requires) and 投诉处理决定告知书
(the approved decision and the compensation). Each is printed from the complaint as it stands
(``forms.pdf`` embeds the CJK font) and refused for a complaint not at that point: a refusal
notice for a complaint that was accepted would tell the complainant something untrue."""

from __future__ import annotations

from collections.abc import Callable

from forms.callbacks.fields import stamp
from forms.printdoc import PrintDoc, trail_entries
from forms.printing import Printable, register_printable
from forms.spec import Field, FormSpec
from models.callbacks import Complaint, ComplaintState
from models.callbacks.complaints import Clocks
from models.errors import RuleViolation

S = ComplaintState
SIGNATURES = ("告知单位（盖章）", "经办人", "日期")
COMMON = (
    Field("complainant", "投诉人", width=12, label_en="Complainant"),
    Field("phone", "联系电话", width=16, label_en="Phone"),
    Field("received_at", "投诉时间", width=16, label_en="Received at"),
    Field("content", "投诉内容", width=40, wide=True, label_en="Content"),
)


def _spec(name: str, title: str, title_en: str, *fields: Field) -> FormSpec:
    return FormSpec(
        name=name,
        title=title,
        title_en=title_en,
        fields=(*COMMON, *fields, Field("notice", "告知内容", width=40, wide=True)),
        copies=("投诉人", "存档"),
        signatures=SIGNATURES,
    )


ACCEPTANCE_NOTICE = _spec(
    "complaint-acceptance-notice",
    "投诉受理告知书",
    "Complaint acceptance notice",
    Field("accepted_at", "受理时间", width=16, label_en="Accepted at"),
    Field("decision_due", "处理决定期限", width=16, label_en="Decision due"),
)
REFUSAL_NOTICE = _spec(
    "complaint-refusal-notice",
    "不予受理告知书",
    "Complaint refusal notice",
    Field("refused_at", "决定不予受理时间", width=16, label_en="Refused at"),
    Field("reasons", "不予受理理由", width=40, wide=True, label_en="Reasons"),
)
DECISION_NOTICE = _spec(
    "complaint-decision-notice",
    "投诉处理决定告知书",
    "Complaint decision notice",
    Field("decided_at", "决定时间", width=16, label_en="Decided at"),
    Field("decision", "处理决定", width=40, wide=True, label_en="Decision"),
    Field("compensation", "赔偿金额（元）", width=12, label_en="Compensation"),
)


def _complaint(complaint_id: int, states: tuple[ComplaintState, ...], title: str) -> Complaint:
    c = Complaint.get_or_none(Complaint.id == complaint_id)
    if c is None:
        raise RuleViolation(None, f"没有投诉 {complaint_id}", f"no complaint {complaint_id}")
    if c.state not in states:
        raise RuleViolation(
            "C10",
            f"投诉 {c.number} {S(c.state).label}，不能出具{title}",
            f"complaint {c.number} is {c.state}: no {title} for it",
        )
    return c


def _doc(spec: FormSpec, c: Complaint, notice: str, **values: str) -> PrintDoc:
    """The letter of ``c``: the acceptance and the refusal are the owner's own steps (no
    approval, so no 审批记录 section); the decision notice prints the decision's approval."""
    r = c.receipt
    decided = spec is DECISION_NOTICE
    return PrintDoc(
        spec=spec,
        number=c.number,
        trail=trail_entries(c.instance(), "提出处理决定") if decided else [],
        show_trail=decided,
        values={
            "complainant": r.caller_name,
            "phone": r.phone,
            "received_at": stamp(r.received_at),
            "content": r.content,
            "notice": notice,
            **values,
        },
    )


def _acceptance(complaint_id: int) -> PrintDoc:
    c = _complaint(complaint_id, (S.ACCEPTED, S.DECIDING, S.DECIDED, S.CLOSED), "投诉受理告知书")
    clock = c.clock(Clocks.DECISION)
    due = stamp(clock.due_at.date()) if clock is not None else ""
    text = (
        f"{c.complainant}：您的投诉已于 {stamp(c.accepted_at)} 受理，"
        f"我们将在 {due} 前作出处理决定并告知您。"
    )
    return _doc(ACCEPTANCE_NOTICE, c, text, accepted_at=stamp(c.accepted_at), decision_due=due)


def _refusal(complaint_id: int) -> PrintDoc:
    c = _complaint(complaint_id, (S.REFUSED,), "不予受理告知书")
    text = f"{c.complainant}：经审查，您的投诉不予受理，理由见上。特此告知。"
    return _doc(REFUSAL_NOTICE, c, text, refused_at=stamp(c.refused_at), reasons=c.refuse_reason)


def _decision(complaint_id: int) -> PrintDoc:
    c = _complaint(complaint_id, (S.DECIDED, S.CLOSED), "投诉处理决定告知书")
    amount = f"{c.compensation:.2f}" if c.compensation else "无"
    text = f"{c.complainant}：您的投诉经审批作出处理决定如上。特此告知。"
    return _doc(
        DECISION_NOTICE,
        c,
        text,
        decided_at=stamp(c.decided_at),
        decision=c.decision,
        compensation=amount,
    )


# Which letter a complaint in a state is sent (the newest step it has reached).
BY_STATE = {
    S.ACCEPTED: ACCEPTANCE_NOTICE,
    S.DECIDING: ACCEPTANCE_NOTICE,
    S.REFUSED: REFUSAL_NOTICE,
    S.DECIDED: DECISION_NOTICE,
    S.CLOSED: DECISION_NOTICE,
}


def notice_for(complaint: Complaint) -> FormSpec | None:
    """The 告知书 the complainant is sent now, or ``None`` (nothing decided to tell yet). A
    complaint closed at the 服务台 had no decision on the engine: no decision notice."""
    if complaint.state == S.CLOSED and complaint.decided_at is None:
        return None
    return BY_STATE.get(S(complaint.state))


NOTICES: tuple[tuple[FormSpec, Callable[[int], PrintDoc]], ...] = (
    (ACCEPTANCE_NOTICE, _acceptance),
    (REFUSAL_NOTICE, _refusal),
    (DECISION_NOTICE, _decision),
)
for spec, load in NOTICES:
    register_printable(Printable(spec, load))
