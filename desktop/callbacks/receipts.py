"""来电来访 (首问负责制, C11): the register of the requests that came in (咨询, 建议, 报修, 其他;
with 含投诉 ticked, the complaints too, so it is the register of every request) with their
first receiver, their owner and a pending handover's receiver; 登记来电来访 for the posts
that receive requests, and on the selected request the owner's 移交 and 办结, the receiver's
接收 and 拒收, the offerer's 撤回移交, and 打印 of its 来电来访登记表.

A complaint is registered, handed over and decided on the 投诉 tab, where its clocks start
and run (C10): here it is listed only when asked for, its handover may be answered, but it is
not handed over or closed, and the dialog offers no 投诉 kind. Every button is a
``models.callbacks`` use case, which checks the roles and C11 itself."""

from __future__ import annotations

from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QDialog, QLabel, QRadioButton

from desktop.callbacks import steps
from desktop.callbacks.common import tr
from desktop.callbacks.handover_tab import _HandoverTab
from desktop.callbacks.lists import coded
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from forms.spec import Field, FieldType
from models import callbacks
from models.callbacks import Channel, Handover, RequestKind, ServiceReceipt
from models.callbacks.receipts import RECEIVER_ROLES
from models.people import User

CHANNELS = tuple(c.label for c in Channel)
# A complaint goes through 登记投诉 (its clocks start with it, C10): not a kind of this dialog.
KINDS = tuple(k.label for k in RequestKind if k != RequestKind.COMPLAINT)


def _name_of(user_field: peewee.Field) -> peewee.Node:
    """The name of the user ``user_field`` of the receipt points at, a correlated scalar."""
    return User.select(User.name).where(User.id == user_field)


def _pending_receiver() -> peewee.Node:
    """Who the pending handover of the receipt waits for (at most one, C11)."""
    return (
        User.select(User.name)
        .join(Handover, on=Handover.to_user == User.id)
        .where(Handover.pending_receipt == ServiceReceipt.id)
    )


def register_dialog(user: User, parent: Any) -> FormDialog:
    """登记来电来访 (C11): whoever registers the request is its first receiver and owner."""
    fields = (
        Field(
            "kind",
            "类别",
            FieldType.CHOICE,
            required=True,
            choices=KINDS,
            label_en="Kind",
            help="投诉请在「投诉」页登记：投诉的受理时限从登记时起算。",
        ),
        Field(
            "channel", "渠道", FieldType.CHOICE, required=True, choices=CHANNELS, label_en="Channel"
        ),
        Field("caller_name", "来电来访人", required=True, max_length=50, label_en="Caller"),
        Field("phone", "联系电话", required=True, max_length=32, label_en="Phone"),
        Field("content", "内容", required=True, multiline=True, label_en="Content"),
    )

    def submit(v: dict[str, Any]) -> ServiceReceipt:
        return callbacks.register_receipt(
            user,
            kind=next(k for k in RequestKind if k.label == v["kind"]),
            channel=next(c for c in Channel if c.label == v["channel"]),
            caller_name=v["caller_name"],
            phone=v["phone"],
            content=v["content"],
        )

    values = {"kind": KINDS[0], "channel": CHANNELS[0]}
    dialog = FormDialog(tr("登记来电来访"), fields, submit, values=values, parent=parent)
    note = QLabel(tr("投诉请在「投诉」页用「登记投诉…」登记：受理时限从登记时起算。"))
    note.setWordWrap(True)
    dialog.layout().insertWidget(0, note)
    return dialog


def close_dialog(user: User, receipt: ServiceReceipt, parent: Any) -> FormDialog:
    """办结: the owner records how the request was answered."""
    fields = (Field("result", "处理结果", required=True, multiline=True, label_en="Result"),)
    return FormDialog(
        tr("办结"),
        fields,
        lambda v: callbacks.close_receipt(user, receipt, v["result"]),
        parent=parent,
    )


class ReceiptsTab(_HandoverTab):
    """来电来访: the requests (complaints only with 含投诉), 我负责的 / 待我接收 / 全部, and
    their handovers."""

    NAME, TITLE, PRINT = "callbacks.receipts", "来电来访", "receipt"

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        open_text, closed_text = self.tr("办理中"), self.tr("已办结")
        columns = [
            Column("number", self.tr("登记编号"), ServiceReceipt.number, width=110),
            Column("received_at", self.tr("受理时间"), ServiceReceipt.received_at, width=130),
            coded("channel", self.tr("渠道"), ServiceReceipt.channel, Channel, 70),
            coded("kind", self.tr("类别"), ServiceReceipt.kind, RequestKind, 100),
            Column("caller", self.tr("来电来访人"), ServiceReceipt.caller_name, width=90),
            Column("phone", self.tr("联系电话"), ServiceReceipt.phone, width=120),
            Column("content", self.tr("内容"), ServiceReceipt.content, sortable=False, width=180),
            Column(
                "first_receiver",
                self.tr("首问人"),
                _name_of(ServiceReceipt.first_receiver),
                sortable=False,
                width=100,
            ),
            Column(
                "owner", self.tr("负责人"), _name_of(ServiceReceipt.owner), sortable=False, width=70
            ),
            Column(
                "state",
                self.tr("状态"),
                ServiceReceipt.closed_at,
                fmt=lambda at: open_text if at is None else closed_text,
                width=60,
            ),
            Column(
                "handover_to",
                self.tr("待接收人"),
                _pending_receiver(),
                sortable=False,
                width=80,
            ),
        ]
        model = LazyQueryModel(
            ServiceReceipt.select,
            columns,
            ServiceReceipt.id,
            sort_column=1,
            search_fields=[ServiceReceipt.caller_name, ServiceReceipt.phone, ServiceReceipt.number],
        )
        self.build(
            model,
            [(open_text, "open"), (closed_text, "closed")],
            ServiceReceipt.closed_at,
            self.tr("搜索来电来访人、电话或登记编号"),
        )
        self.mine = QRadioButton(self.tr("我负责的"))
        self.mine.setToolTip(self.tr("我是负责人的登记：首问于我、或我已接收移交的（首问负责制）"))
        self.awaiting = QRadioButton(self.tr("待我接收"))
        self.awaiting.setToolTip(self.tr("别人移交给我、等我接收或拒收的登记（首问负责制）"))
        self.everyone = QRadioButton(self.tr("全部"))
        self.scope = QButtonGroup(self)
        for index, radio in enumerate((self.mine, self.awaiting, self.everyone)):
            self.scope.addButton(radio)
            self.view.filter_bar.insertWidget(index, radio)
        (self.mine if user.has_role(*RECEIVER_ROLES) else self.everyone).setChecked(True)
        self.scope.buttonToggled.connect(lambda _b, on: on and self.apply_filters())
        self.with_complaints = QCheckBox(self.tr("含投诉"))
        self.with_complaints.setToolTip(
            self.tr("同时列出投诉（投诉的受理、移交和办结在「投诉」页办理）")
        )
        self.with_complaints.toggled.connect(lambda _on: self.apply_filters())
        self.view.filter_bar.insertWidget(3, self.with_complaints)
        if user.has_role(*RECEIVER_ROLES):
            self.register_button = button("add", self.tr("登记来电来访…"), self.register)
            self.view.action_bar.insertWidget(0, self.register_button)
        self.handover_button = button("delegate", self.tr("移交…"), self.offer)
        self.close_button = button("save", self.tr("办结…"), self.close_receipt)
        self.accept_button = button("approve", self.tr("接收"), self.accept_handover)
        self.decline_button = button("reject", self.tr("拒收…"), self.decline_handover)
        self.withdraw_button = button("void", self.tr("撤回移交"), self.withdraw_handover)
        for b in self.row_buttons():
            self.view.action_bar.addWidget(b)
        self.current: ServiceReceipt | None = None
        self.handover: Handover | None = None
        self.apply_filters()
        self.watch_actions()

    def row_buttons(self) -> tuple[Any, ...]:
        return (
            self.handover_button,
            self.close_button,
            self.accept_button,
            self.decline_button,
            self.withdraw_button,
        )

    # --- filters ----------------------------------------------------------------------

    def apply_filters(self) -> None:
        """The state, and whose: 我负责的 (the owner now, C11), 待我接收 (a handover offered to
        this user and not yet answered, ``callbacks.pending_handovers``), 全部."""
        filters: list[Any] = []
        if not self.with_complaints.isChecked():
            filters.append(ServiceReceipt.kind != RequestKind.COMPLAINT)
        state = self.state.currentData()
        if state == "open":
            filters.append(ServiceReceipt.closed_at.is_null())
        elif state == "closed":
            filters.append(ServiceReceipt.closed_at.is_null(False))
        if self.mine.isChecked():
            filters.append(ServiceReceipt.owner == self.user.id)
        elif self.awaiting.isChecked():
            waiting = callbacks.pending_handovers(self.user).select(Handover.receipt).order_by()
            filters.append(ServiceReceipt.id.in_(waiting))
        self.model.set_filters(filters)

    def filters_text(self) -> str:
        checked = self.scope.checkedButton()
        words = [checked.text()] if checked is not None and checked is not self.everyone else []
        if self.with_complaints.isChecked():
            words.append(self.with_complaints.text())
        return "、".join([*words, super().filters_text()]).strip("、")

    # --- the selected request -----------------------------------------------------------

    @Slot()
    def update_actions(self) -> None:
        """What this user may do on the selected request as it was read here (the use case
        refuses it if someone changed it since, and the list reloads)."""
        key = self.view.current_id()
        r = ServiceReceipt.get_or_none(ServiceReceipt.id == int(key)) if key else None
        self.current = r
        h = callbacks.pending_handover_of(r.id) if r is not None else None
        self.handover = h
        owner = r is not None and r.is_open and r.owner_id == self.user.id
        owner = owner and r.kind != RequestKind.COMPLAINT  # moved on the 投诉 tab (C10)
        self.handover_button.setVisible(owner and h is None)
        self.close_button.setVisible(owner and h is None)
        self._show_handover_acts(self.accept_button, self.decline_button, self.withdraw_button)

    def register_dialog(self) -> FormDialog:
        return register_dialog(self.user, self)

    @Slot()
    def register(self) -> ServiceReceipt | None:
        dialog = self.register_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done()
            return dialog.result
        return None

    def offer_dialog(self) -> FormDialog | None:
        r = self.current
        return None if r is None else steps.offer_dialog(self.user, r, self)

    @Slot()
    def offer(self) -> bool:
        return self._filled(self.offer_dialog())

    def close_dialog(self) -> FormDialog | None:
        r = self.current
        return None if r is None else close_dialog(self.user, r, self)

    @Slot()
    def close_receipt(self) -> bool:
        return self._filled(self.close_dialog())
