"""领用申请 (申请批准单, S6): a department member lists items × quantities and submits; the
department head approves; 后勤 checks it line by line (approve 2 of the 3 asked) and issues,
recording who received the goods; the slip prints.

Each button is offered only to whom the regulation gives it, and only while the slip is at
that step: the head sees 同意 when the slip waits in his inbox (``workflow.available_actions``),
后勤 sees 核对 at the check and 发放 once approved; a member of the department sees 退库 on
an issued slip (``desktop.supplies.stock_returns``). The use cases check it all again.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops
from desktop.form_dialog import ActionDialog
from desktop.icons import button
from desktop.lazy_model import Column
from desktop.line_editor import COUNT, LineColumn, LineEditor
from desktop.list_view import filter_combo
from desktop.supplies.common import tr
from desktop.supplies.lines import ItemLines, item_columns, item_values
from desktop.supplies.requisition_window import DetailDialog
from desktop.supplies.slip_list import SlipTab, slip_columns, slip_list
from models import documents, queries, supplies, workflow
from models.errors import RuleViolation
from models.people import Department, Role, User
from models.supplies import (
    Item,
    Requisition,
    RequisitionLine,
    RequisitionLineInput,
    RequisitionState,
    SupplyApplicant,
)

OPEN = "open"  # the filter of slips not finished yet
SHORT_COLOUR = "#b3261e"  # a line asking more than the stock


class NewRequisitionDialog(ActionDialog):
    """填写申请批准单: the applicant's department, the purpose and the lines."""

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建申请批准单"), parent)
        self.user = user
        self.resize(760, 480)
        dept = user.department.name if user.department_id else ""
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(tr("如：日常办公、会议用"))
        form = QFormLayout()
        if dept:  # a person of no department: no "申请部门：" with nothing after it
            form.addRow(tr("申请部门："), QLabel(dept))
        form.addRow(tr("申请人："), QLabel(user.name))
        form.addRow(tr("用途："), self.purpose)
        self.lines = ItemLines()
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.buttons)

    def add_line(self, item: Item, quantity: int) -> None:
        self.lines.add_line(item, quantity)

    def requested(self) -> list[RequisitionLineInput]:
        return [RequisitionLineInput(i, q) for i, q, _p in self.lines.lines()]

    def confirmation_text(self) -> str:
        """What the applicant confirms, as a table (品名, 规格, 单位, 申领数量, 库存; a line
        asking more than the stock now is marked ⚠ in red), then a warning per such line, so
        he knows at once rather than at the check (still submitted: goods may arrive before
        the issue). Rich text: the message box lays the table out."""
        requested = self.requested()
        stock = supplies.stock_now(requested)
        short = supplies.stock_shortfalls(requested, stock)
        marked = {s.item.id for s in short}
        headers = (tr("品名"), tr("规格"), tr("单位"), tr("申领数量"), tr("库存"))
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        rows = [f"<tr style='background-color:#eeeeee'>{head}</tr>"]
        for ln in requested:
            item, low = ln.item, ln.item.id in marked
            cells = [
                ("⚠ " if low else "") + item.name,
                item.specification,
                item.unit,
                str(ln.quantity),
                str(stock.get(item.id, 0)),
            ]
            style = f" style='color:{SHORT_COLOUR}; font-weight:bold'" if low else ""
            right = (3, 4)
            rows.append(
                "<tr>"
                + "".join(
                    f"<td{style}{' align=right' if i in right else ''}>{escape(c)}</td>"
                    for i, c in enumerate(cells)
                )
                + "</tr>"
            )
        question = tr("提交以下 %n 项领用申请？", "", len(requested))
        text = (
            f"<p>{escape(question)}</p>"
            "<table border=1 cellspacing=0 cellpadding=4>" + "".join(rows) + "</table>"
        )
        warnings = [
            tr("⚠ %1 申领 %2，现有库存仅 %3，需到货后方能发放")
            .replace("%1", str(s.item))
            .replace("%2", str(s.asked))
            .replace("%3", str(s.on_hand))
            for s in short
        ]
        text += "".join(f"<p style='color:{SHORT_COLOUR}'>{escape(w)}</p>" for w in warnings)
        return text

    @Slot()
    def try_submit(self) -> bool:
        """Confirm the lines first (the stock warnings with them); a cancel writes nothing
        and leaves the dialog open to change the lines."""
        if self.requested() and not errors.confirm(self, tr("确认提交"), self.confirmation_text()):
            return False
        return super().try_submit()

    def run(self, acknowledged: frozenset[str]) -> Requisition:
        lines = self.requested()
        return supplies.submit_requisition(
            self.user, lines=lines, purpose=self.purpose.text().strip()
        )


def slip_lines(
    lines: list[RequisitionLine], given: str, count: str, figure: Callable[[RequisitionLine], int]
) -> tuple[LineEditor, dict[int, QSpinBox]]:
    """A slip's lines with one figure of each (``given``) and the quantity to enter now
    (``count``, from 0 to that figure); their items are read in one query."""
    editor = LineEditor(
        item_columns(
            LineColumn("given", given, width=60, right=True),
            LineColumn("on_hand", tr("现有库存"), width=80, right=True),
            LineColumn("count", count, COUNT, 90),
        )
    )
    items = {i.id: i for i in Item.select().where(Item.id.in_([ln.item_id for ln in lines]))}
    spins: dict[int, QSpinBox] = {}
    for line in lines:
        item, most = items[line.item_id], figure(line)
        values = {**item_values(item), "given": most, "on_hand": item.on_hand, "count": most}
        row = editor.add_line(line, maxima={"count": most}, **values)
        spins[line.id] = editor.widget(row, "count")
    return editor, spins


class CheckDialog(ActionDialog):
    """后勤核对: the approved quantity of every line (0 to the quantity asked) and the reason
    for any cut. Stock short of an approved quantity is a warning, not a refusal (S6)."""

    def __init__(self, user: User, req: Requisition, parent: QWidget | None = None) -> None:
        super().__init__(tr("后勤核对") + f" {req.number}", parent)
        self.user = user
        self.req = req
        self.resize(720, 420)
        self.table, self.spins = slip_lines(
            list(req.lines), tr("申领"), tr("批准数量"), lambda ln: ln.requested
        )
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("核减数量时须写明原因"))
        form = QFormLayout()
        form.addRow(tr("申请部门："), QLabel(req.department.name))
        if req.purpose:  # an unwritten purpose is left out, not shown as "用途：" alone
            form.addRow(tr("用途："), QLabel(req.purpose))
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        comment_form = QFormLayout()
        comment_form.addRow(tr("核对意见："), self.comment)
        layout.addLayout(comment_form)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> Requisition:
        return supplies.check_requisition(
            self.user,
            self.req,
            approved={line_id: box.value() for line_id, box in self.spins.items()},
            comment=self.comment.text(),
            acknowledged=acknowledged,
        )


class IssueDialog(ActionDialog):
    """发放: who of the department receives the goods, and how many of each approved line go
    out now (at most the approved quantity; stock never below zero, S6)."""

    def __init__(self, user: User, req: Requisition, parent: QWidget | None = None) -> None:
        super().__init__(tr("发放") + f" {req.number}", parent)
        self.user = user
        self.req = req
        self.resize(720, 420)
        self.receiver = QComboBox()
        for member in queries.department_members(req.department_id):
            self.receiver.addItem(member.name, member)
        applicant = self.receiver.findText(req.applicant.name)
        self.receiver.setCurrentIndex(max(applicant, 0))
        approved = [ln for ln in req.lines if ln.approved]
        self.table, self.spins = slip_lines(
            approved, tr("批准"), tr("本次发放"), lambda ln: ln.approved
        )
        form = QFormLayout()
        form.addRow(tr("申请部门："), QLabel(req.department.name))
        form.addRow(tr("领用人："), self.receiver)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> Requisition:
        receiver = self.receiver.currentData()
        if receiver is None:
            raise RuleViolation("S6", "请选择领用人", "choose who receives the goods")
        return supplies.issue_requisition(
            self.user,
            self.req,
            receiver=receiver,
            quantities={line_id: box.value() for line_id, box in self.spins.items()},
        )


class RequisitionsTab(SlipTab):
    """The slips the user may see (``queries.supply_requisition_rows``) and their actions."""

    SLIP, PRINTABLE = Requisition, "requisition"  # the 申请批准单 with its lines and trail

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = slip_columns(
            Requisition.number,
            Column("purpose", tr("用途"), Requisition.purpose, width=150, sortable=False),
            (Requisition.state, RequisitionState),
            [
                ("submitted", tr("提交时间"), Requisition.submitted_at),
                ("issued", tr("发放时间"), Requisition.issued_at),
            ],
            after=[Column("receiver", tr("领用人"), Requisition.receiver_name, width=80)],
        )
        self.model, self.view = slip_list(
            "supplies.requisitions",
            lambda: supplies.requisition_rows(user),
            columns,
            Requisition.id,
            newest_first="submitted",
            search=(
                [Requisition.number, SupplyApplicant.name_search, Department.name],
                tr("搜索单号、部门或申请人"),
            ),
            register=tr("领用登记"),
            filters_text=self.filters_text,
        )
        self.state = filter_combo(
            [(tr("未办结（审批中、待发放）"), OPEN), *labels.choices(RequisitionState)],
            tr("全部状态"),
        )
        if user.has_role(Role.LOGISTICS):  # the store's work list
            self.state.setCurrentIndex(self.state.findData(OPEN))
        self.state.currentIndexChanged.connect(self.apply_filters)
        self.view.filter_bar.addWidget(self.state)
        self.apply_filters()

        bar = self.view.action_bar
        logistics = user.has_role(Role.LOGISTICS)
        self.new_button = button(
            "add", tr("新建申请…"), self.new_requisition, visible=bool(user.department_id), bar=bar
        )
        self.approve_button = button("approve", tr("同意"), self.approve, bar=bar)
        self.reject_button = button("reject", tr("驳回…"), self.reject_selected, bar=bar)
        self.check_button = button("approve", tr("核对…"), self.check, visible=logistics, bar=bar)
        self.issue_button = button("send", tr("发放…"), self.issue, visible=logistics, bar=bar)
        self.return_button = button(
            "reject",
            tr("退库…"),
            self.return_goods,
            visible=bool(user.department_id),
            bar=bar,
        )
        self.finish(bar)

    @Slot()
    def apply_filters(self) -> None:
        state = self.state.currentData()
        if state == OPEN:
            filters = [Requisition.state.in_([RequisitionState.PENDING, RequisitionState.APPROVED])]
        else:
            filters = [Requisition.state == state] if state else []
        self.model.set_filters(filters)

    @Slot()
    def update_actions(self) -> None:
        """Enable exactly what the user may do to the selected slip now: the slip's own
        declaration says (``Requisition.TRANSITIONS``), the buttons only render it."""
        req = self.selected()
        acts = documents.available_actions(self.user, req) if req is not None else ()
        self.approve_button.setEnabled("head_approve" in acts)
        self.approve_button.setVisible("head_approve" in acts or self.user.has_role(Role.DEPT_HEAD))
        self.reject_button.setEnabled("reject" in acts)
        self.reject_button.setVisible(
            "reject" in acts or self.user.has_role(Role.DEPT_HEAD, Role.LOGISTICS)
        )
        self.check_button.setEnabled("check" in acts)
        self.issue_button.setEnabled("issue" in acts)
        self.return_button.setEnabled("return_goods" in acts)
        self.detail_button.setEnabled(req is not None)
        self.print_button.setEnabled(req is not None)

    # --- actions -------------------------------------------------------------------------

    @Slot()
    def new_requisition(self) -> NewRequisitionDialog:
        dialog = NewRequisitionDialog(self.user, self)
        dialog.accepted.connect(self._after)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def approve(self) -> bool:
        req = self.selected()
        if req is None:
            return False
        if not errors.confirm(
            self, tr("同意"), tr("同意申请批准单 %1？").replace("%1", req.number)
        ):
            return False
        return ops.attempt(
            self,
            lambda _ack: supplies.head_approve(self.user, req, tr("同意")),
            done=self._after,
            reload=self.reload,
        )

    @Slot()
    def reject_selected(self) -> bool:
        req = self.selected()
        inst = req.instance() if req is not None else None
        if inst is None:
            return False
        reason, ok = QInputDialog.getText(self, tr("驳回"), tr("驳回原因："))
        if not ok:
            return False
        return ops.attempt(
            self,
            lambda _ack: workflow.reject(self.user, inst.id, reason),
            done=self._after,
            reload=self.reload,
        )

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.accepted.connect(self._after)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def check(self) -> CheckDialog | None:
        req = self.selected()
        if req is None:
            return None
        dialog = CheckDialog(self.user, req, self)
        self._open(dialog)
        return dialog

    @Slot()
    def issue(self) -> IssueDialog | None:
        req = self.selected()
        if req is None:
            return None
        dialog = IssueDialog(self.user, req, self)
        self._open(dialog)
        return dialog

    @Slot()
    def return_goods(self) -> QDialog | None:
        """退库 (S7): the department brings back issued goods found unsuitable; the return
        waits for 后勤 in the 退库 tab."""
        from desktop.supplies.stock_returns import ReturnGoodsDialog

        req = self.selected()
        if req is None:
            return None
        dialog = ReturnGoodsDialog(self.user, req, self)
        self._open(dialog)
        return dialog

    def detail_dialog(self, slip: Requisition) -> DetailDialog:
        dialog = DetailDialog(self.user, slip, self)
        dialog.changed.connect(self._after)
        return dialog
