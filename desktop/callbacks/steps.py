"""The owner's steps on a complaint (C10) and the handover of a request (C11), as the 投诉 and
来电来访 tabs run them.

``STEPS`` names each step once: its action key (the complaint's declared transition, which
``documents.available_actions`` offers or not), its button text in both languages, whether it
is asked about first (a refusal ends the complaint), and the dialog that collects what the use
case needs. Nothing here checks a rule: the use cases in ``models.callbacks`` do, and their
refusals show beside the dialog's field or through the one error router."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.callbacks.common import tr
from desktop.form_dialog import FormDialog
from forms.spec import Field, FieldType
from models import callbacks
from models.callbacks import Complaint, Handover, ServiceReceipt
from models.callbacks.receipts import HANDOVER_ROLES
from models.people import User, users_with_role

SATISFACTION = Field(
    "satisfaction", "投诉人满意度（1–5）", FieldType.INTEGER, label_en="Satisfaction (1–5)"
)
RESULT = Field("result", "处理结果", required=True, multiline=True, label_en="Result")


def _dialog(
    title: str, fields: list[Field], submit: Callable[[dict[str, Any]], Any], parent: QWidget
) -> FormDialog:
    return FormDialog(title, fields, submit, parent=parent)


def notify_dialog(user: User, c: Complaint, parent: QWidget) -> FormDialog:
    fields = [Field("missing", "需补正的材料", required=True, multiline=True, label_en="Missing")]
    return _dialog(
        tr("告知补正"),
        fields,
        lambda v: callbacks.notify_incomplete(user, c, v["missing"]),
        parent,
    )


def refuse_dialog(user: User, c: Complaint, parent: QWidget) -> FormDialog:
    fields = [Field("reason", "不予受理理由", required=True, multiline=True, label_en="Reasons")]
    return _dialog(
        tr("不予受理"), fields, lambda v: callbacks.refuse_complaint(user, c, v["reason"]), parent
    )


def decision_dialog(user: User, c: Complaint, parent: QWidget) -> FormDialog:
    """提出处理决定: it goes on the engine (the head; the main leader above the threshold)."""
    fields = [
        Field("decision", "处理决定", required=True, multiline=True, label_en="Decision"),
        Field("compensation", "赔偿金额（元）", FieldType.MONEY, label_en="Compensation (yuan)"),
    ]

    def submit(v: dict[str, Any]) -> Complaint:
        amount = v.get("compensation") or Decimal("0")
        return callbacks.propose_decision(user, c, v["decision"], amount)

    return _dialog(tr("提出处理决定"), fields, submit, parent)


def _finish_dialog(use_case: Callable[..., Complaint]) -> Callable[..., FormDialog]:
    def dialog(user: User, c: Complaint, parent: QWidget) -> FormDialog:
        return _dialog(
            tr("办结"),
            [RESULT, SATISFACTION],
            lambda v: use_case(user, c, v["result"], v.get("satisfaction")),
            parent,
        )

    return dialog


close_dialog = _finish_dialog(callbacks.close_complaint)
resolve_dialog = _finish_dialog(callbacks.desk_resolve)  # 服务台: the 72-hour clock


def feedback_dialog(user: User, c: Complaint, parent: QWidget) -> FormDialog:
    fields = [Field("note", "反馈内容", required=True, multiline=True, label_en="Feedback")]
    return _dialog(
        tr("初步反馈"), fields, lambda v: callbacks.desk_feedback(user, c, v["note"]), parent
    )


def receivers(user: User) -> dict[str, User]:
    """Who may be handed a request (the posts of C11), by the text the dialog shows."""
    found: dict[int, User] = {}
    for role in HANDOVER_ROLES:
        for u in users_with_role(role):
            if u.id != user.id:
                found.setdefault(u.id, u)
    return {f"{u.name}（{u.username}）": u for u in found.values()}


def offer_dialog(user: User, receipt: ServiceReceipt, parent: QWidget) -> FormDialog:
    """移交 of any request (a complaint's, a consultation): the owner offers it; he owns it
    until the colleague accepts (C11)."""
    people = receivers(user)
    fields = [
        Field(
            "to",
            "移交给",
            FieldType.CHOICE,
            required=True,
            choices=tuple(people) or ("—",),
            label_en="Hand over to",
        ),
        Field("reason", "移交原因", required=True, multiline=True, label_en="Reason"),
        Field("liaison_no", "工作联络单号", max_length=32, label_en="Liaison slip no."),
    ]

    def submit(v: dict[str, Any]) -> Handover:
        return callbacks.offer_handover(
            user,
            receipt,
            people.get(v["to"], user),
            v["reason"],
            liaison_no=v.get("liaison_no") or "",
        )

    return _dialog(tr("移交"), fields, submit, parent)


def handover_dialog(user: User, c: Complaint, parent: QWidget) -> FormDialog:
    """移交 of a complaint: the offer of its receipt."""
    return offer_dialog(user, c.receipt, parent)


NEW_FACTS = ("有新的事实和理由：合并，原投诉的处理期限重新起算", "无新的事实和理由：不予受理并记录")


def merge_dialog(user: User, c: Complaint, earlier: list[Complaint], parent: QWidget) -> FormDialog:
    """合并重复: ``c`` repeats one of ``earlier`` (``callbacks.possible_repeats``)."""
    originals = {f"{e.number} {e.received_at:%Y-%m-%d} {e.content[:20]}": e for e in earlier}
    fields = [
        Field(
            "into",
            "原投诉",
            FieldType.CHOICE,
            required=True,
            choices=tuple(originals),
            label_en="Original complaint",
        ),
        Field(
            "facts",
            "新的事实和理由",
            FieldType.CHOICE,
            required=True,
            choices=NEW_FACTS,
            label_en="New facts",
        ),
        Field("note", "说明", multiline=True, label_en="Note"),
    ]

    def submit(v: dict[str, Any]) -> Any:
        return callbacks.merge_complaint(
            user,
            c,
            originals[v["into"]],
            new_facts=v["facts"] == NEW_FACTS[0],
            note=v.get("note") or "",
        )

    dialog = FormDialog(tr("合并重复投诉"), fields, submit, parent=parent)
    dialog.editors["into"].set_value(next(iter(originals)))
    dialog.editors["facts"].set_value(NEW_FACTS[0])
    return dialog


def decline_dialog(user: User, h: Handover, parent: QWidget) -> FormDialog:
    fields = [Field("reason", "拒收原因", required=True, multiline=True, label_en="Reason")]
    return _dialog(
        tr("拒收移交"), fields, lambda v: callbacks.decline_handover(user, h, v["reason"]), parent
    )


@dataclass(frozen=True)
class Step:
    """A step the complaint declares: a dialog to fill, or (``dialog`` None) a use case
    pressed at once; ``confirm`` asks first."""

    action: str
    zh: str
    icon: str
    dialog: Callable[[User, Complaint, QWidget], FormDialog] | None = None
    run: Callable[[User, Complaint], Any] | None = None
    confirm: str = ""


STEPS = (
    Step("notify_incomplete", "告知补正…", "send", notify_dialog),
    Step("complete_materials", "材料齐全", "approve", run=callbacks.complete_materials),
    Step("accept", "受理", "approve", run=callbacks.accept_complaint),
    Step(
        "refuse", "不予受理…", "reject", refuse_dialog, confirm="不予受理后该投诉即告终结。继续吗？"
    ),
    Step("propose_decision", "提出处理决定…", "approvals", decision_dialog),
    Step("desk_feedback", "初步反馈…", "send", feedback_dialog),
    Step("close", "办结…", "save", close_dialog),
    Step("desk_resolve", "办结…", "save", resolve_dialog),
    Step("handover", "移交…", "delegate", handover_dialog),
)
