"""One repair: its 车辆维修保修单 (the printed form's own values), its lines with their
states, the whole trail (flow, supplements, acceptances) and only the buttons this user may
press now (``desktop.fleet.actions``). Every button calls one use case; a refusal shows the
rule ID through the error router and the window reloads what is true now."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops
from desktop.attachments import AttachmentsPanel
from desktop.fleet import actions as A
from desktop.fleet import dialogs
from desktop.form_dialog import FormDialog
from desktop.i18n import pick
from desktop.icons import button
from desktop.tables import ROW_HEIGHT, cell, fill, read_only_table
from forms.printing import get_printable
from forms.values import display
from models import documents, fleet, workflow
from models.fleet import LineState, Repair, RepairLine, RepairState

STATE_COLOURS = {
    RepairState.APPLIED: "#b26a00",
    RepairState.RETURNED: "#b26a00",
    RepairState.REJECTED: "#c0392b",
    RepairState.WITHDRAWN: "#777777",
    RepairState.AUTHORISED: "#174ea6",
    RepairState.IN_REPAIR: "#174ea6",
    RepairState.AWAITING_ACCEPTANCE: "#8e44ad",
    RepairState.CLOSED: "#0b8043",
}
LINE_COLOURS = {
    LineState.DECLINED: "#999999",
    LineState.PROPOSED: "#b26a00",
    LineState.FITTED: "#0b8043",
}
FORM_FIELDS = (
    "plate",
    "unit",
    "model",
    "driver",
    "applied_at",
    "kind",
    "shop",
    "quote_ref",
    "estimated_cost",
    "promised_date",
    "authorisation_no",
    "paid",
    "fault",
    "diagnosis",
    "acceptance",
)
WIDE = {"fault", "diagnosis", "acceptance"}
NOT_YET = "—"  # an empty field of the form grid


def _fit_rows(table: QTableWidget, rows: int, least: int = 2, most: int = 8) -> None:
    """Size a short table to its rows, so the trail below gets the room it needs."""
    shown = min(max(rows, least), most)
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(header + shown * ROW_HEIGHT + 2 * table.frameWidth())


class RepairDialog(QDialog):
    changed = Signal()

    def __init__(self, user: Any, repair_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.repair_id = repair_id
        self.setMinimumSize(860, 680)
        self.resize(960, 800)

        self.header = QLabel()
        self.header.setObjectName("documentHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.form_box = QGroupBox(self.tr("车辆维修保修单"))
        self.form_grid = QGridLayout(self.form_box)
        self.form_grid.setHorizontalSpacing(14)
        self.form_grid.setVerticalSpacing(4)
        self.form_grid.setColumnStretch(1, 1)
        self.form_grid.setColumnStretch(3, 1)

        self.lines = read_only_table(
            [
                self.tr("类别"),
                self.tr("项目"),
                self.tr("数量"),
                self.tr("单价"),
                self.tr("金额"),
                self.tr("保修"),
                self.tr("来源"),
                self.tr("状态"),
            ],
            fit=True,
        )
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines_total = QLabel()
        lines_box = QGroupBox(self.tr("维修项目"))
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.addWidget(self.lines)
        lines_layout.addWidget(self.lines_total)

        self.trail = read_only_table(
            [self.tr("时间"), self.tr("环节"), self.tr("处理人"), self.tr("操作"), self.tr("意见")],
            fit=True,
        )
        self.trail.horizontalHeader().setStretchLastSection(True)
        trail_box = QGroupBox(self.tr("审批记录"))
        QVBoxLayout(trail_box).addWidget(self.trail)

        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("意见（驳回、退回时必填）"))
        self.comment.setMaximumHeight(56)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.buttons: dict[str, QPushButton] = {}
        row1 = QHBoxLayout()
        for key, name, text, slot in (
            (A.ASSESS, "edit", self.tr("车管鉴定…"), self.assess),
            (A.APPROVE, "approve", self.tr("同意"), self.approve),
            (A.FILE, "approve", self.tr("备案并出具准修通知单"), self.file),
            (A.REJECT, "reject", self.tr("驳回"), self.reject_repair),
            (A.RETURN, "send", self.tr("退回报修人"), self.return_to_driver),
            (A.RESUBMIT, "send", self.tr("重新提交…"), self.resubmit),
            (A.WITHDRAW, "void", self.tr("撤回"), self.withdraw),
            (A.ENTER, "open", self.tr("进厂维修"), self.enter_shop),
            (A.SUPPLEMENT, "add", self.tr("追加项目…"), self.supplement),
            (A.FITTED, "save", self.tr("登记完成项目"), self.record_fitted),
            (A.FINISH, "approve", self.tr("完工"), self.finish),
            (A.ACCEPT, "approve", self.tr("出厂验收…"), self.accept_repair),
        ):
            self.buttons[key] = button(name, text, slot)
            row1.addWidget(self.buttons[key])
        row1.addStretch(1)
        self.supplement_label = QLabel()
        self.supplement_label.setWordWrap(True)
        self.sup_approve = button("approve", self.tr("同意追加"), self.approve_supplement)
        self.sup_reject = button("reject", self.tr("驳回追加"), self.reject_supplement)
        sup_row = QHBoxLayout()
        sup_row.addWidget(self.supplement_label, 1)
        sup_row.addWidget(self.sup_approve)
        sup_row.addWidget(self.sup_reject)
        self.sup_box = QWidget()
        self.sup_box.setLayout(sup_row)
        sup_row.setContentsMargins(0, 0, 0, 0)

        self.action_box = QGroupBox(self.tr("办理"))
        action_layout = QVBoxLayout(self.action_box)
        action_layout.addWidget(self.hint)
        action_layout.addWidget(self.comment)
        action_layout.addLayout(row1)
        action_layout.addWidget(self.sup_box)

        self.print_repair_button = button(
            "print", self.tr("打印保修单（一式三联）"), self.print_repair
        )
        self.print_auth_button = button(
            "print", self.tr("打印准修通知单"), self.print_authorisation
        )
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_repair_button)
        bottom.addWidget(self.print_auth_button)
        bottom.addStretch(1)
        bottom.addWidget(close)

        self.attachments = AttachmentsPanel(user, Repair.get_by_id(repair_id))
        attachments_box = QGroupBox(AttachmentsPanel.title())
        QVBoxLayout(attachments_box).addWidget(self.attachments)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.form_box)
        layout.addWidget(lines_box, 1)
        layout.addWidget(trail_box, 3)
        attachments_box.setMaximumHeight(180)  # the trail keeps the room; a list scrolls
        layout.addWidget(attachments_box)
        layout.addWidget(self.action_box)
        layout.addLayout(bottom)
        self.load()

    # --- showing -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the repair, its form, lines, trail and this user's actions now."""
        repair = Repair.get_by_id(self.repair_id)
        self.repair = repair
        inst = repair.instance()
        self.seen_version = inst.version if inst is not None else None
        doc = get_printable("repair").load(repair.id)
        self.setWindowTitle(f"{repair.number} {repair.vehicle.plate}")
        state = RepairState(repair.state)
        node = A.current_node_key(repair)
        where = ""
        if node is not None and inst is not None:
            where = self.tr("当前环节：") + labels.node_name(
                inst.doc_type, inst.current_node().name
            )
        kind = labels.code("repair_kind", repair.kind)
        colour = STATE_COLOURS.get(state, "#333")
        self.header.setText(
            f"<span style='font-size:17px; font-weight:bold'>{repair.number}　"
            f"{repair.vehicle.plate}</span>　{kind} · {repair.unit.name}　"
            f"<b style='color:{colour}'>{labels.label(state)}</b>　{where}"
            + (f"　<b>{self.tr('历史补录')}</b>" if repair.historical else "")
        )
        self._show_form(doc)
        self._show_lines(repair)
        self._show_trail(doc)
        self._enable(repair)

    def _show_form(self, doc: Any) -> None:
        while self.form_grid.count():
            item = self.form_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        row = col = 0
        for key in FORM_FIELDS:
            field = doc.spec.field(key)
            text = display(field, doc.values.get(key))
            label = QLabel(pick(field.label, field.label_en or field.label) + pick("：", ": "))
            label.setStyleSheet("color: #555;")
            # nothing known yet (the assessment of a repair just reported): say so, never a
            # label with a colon and nothing after it
            value = QLabel(text or NOT_YET)
            if not text:
                value.setStyleSheet("color: #999;")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key in WIDE:
                if col:
                    row, col = row + 1, 0
                self.form_grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                self.form_grid.addWidget(value, row, 1, 1, 3)
                row += 1
                continue
            self.form_grid.addWidget(label, row, col * 2)
            self.form_grid.addWidget(value, row, col * 2 + 1)
            col = 1 - col
            row += col == 0

    def _show_lines(self, repair: Repair) -> None:
        self.line_ids: list[int] = []
        rows = list(repair.lines.order_by(RepairLine.id))
        self.lines.setRowCount(len(rows))
        declinable = A.DECLINE_LINES in A.actions_for(self.user, repair)
        supplements = {s.id: s.number for s in repair.supplements}
        fitted = Decimal("0")
        for r, ln in enumerate(rows):
            self.line_ids.append(ln.id)
            kind = self.tr("工时") if ln.kind == "labour" else self.tr("配件")
            if ln.assembly:
                kind = self.tr("总成")
            source = (
                self.tr("追加") + str(supplements.get(ln.supplement_id, ""))
                if ln.supplement_id
                else self.tr("鉴定")
            )
            cells = [
                kind,
                ln.name,
                f"{Decimal(ln.quantity).normalize():f}",
                f"{Decimal(ln.unit_price):,.2f}",
                f"{ln.amount:,.2f}",
                self.tr("%n 个月", "", ln.warranty_months) if ln.warranty_months else "",
                source,
                labels.of(LineState, ln.state),
            ]
            for c, text in enumerate(cells):
                colour = LINE_COLOURS.get(ln.state) if c == 7 else None  # type: ignore[call-overload]
                item = cell(text, right=c in (2, 3, 4), color=colour)
                if c == 0 and declinable and ln.state == LineState.ESTIMATED:
                    # An item is checkable by default; the check box shows once it has a state.
                    item.setCheckState(Qt.CheckState.Unchecked)
                    item.setToolTip(self.tr("勾选 = 此项不批准（大修报价逐项审批）"))
                self.lines.setItem(r, c, item)
            if ln.state == LineState.FITTED:
                fitted += ln.amount
        _fit_rows(self.lines, len(rows))
        approved = self.repair.approved_cost
        parts = [self.tr("估计费用：") + f"¥{self.repair.estimated_cost:,.2f}"]
        if approved is not None:
            parts.append(self.tr("核准费用：") + f"¥{approved:,.2f}")
        parts.append(self.tr("已完成：") + f"¥{fitted:,.2f}")
        self.lines_total.setText("　".join(parts))

    def _show_trail(self, doc: Any) -> None:
        fill(
            self.trail,
            (
                (e.at, labels.trail_node(e), e.who, labels.trail_decision(e), e.comment)
                for e in doc.trail
            ),
        )

    def _enable(self, repair: Repair) -> None:
        self.allowed = A.actions_for(self.user, repair)
        for key, b in self.buttons.items():
            b.setVisible(key in self.allowed)
        self.comment.setVisible(
            bool(
                self.allowed
                & {A.APPROVE, A.REJECT, A.RETURN, A.FILE, A.SUPPLEMENT_DECIDE, A.ASSESS}
            )
        )
        sup = (
            A.supplement_to_decide(self.user, repair)
            if A.SUPPLEMENT_DECIDE in self.allowed
            else None
        )
        self.supplement = sup
        self.sup_box.setVisible(sup is not None)
        if sup is not None:
            total = sum((ln.amount for ln in sup.lines), Decimal("0"))
            self.supplement_label.setText(
                self.tr("追加项目")
                + f" {sup.number}：{sup.reason}（¥{total:,.2f}"
                + (self.tr("，总成或高价配件") if sup.costly else "")
                + "）"
            )
        self.action_box.setVisible(bool(self.allowed - {A.PRINT_AUTHORISATION}))
        self.print_auth_button.setVisible(A.PRINT_AUTHORISATION in self.allowed)
        self.hint.setText(self._hint(repair))
        self.hint.setVisible(bool(self.hint.text()))

    def _hint(self, repair: Repair) -> str:
        a = self.allowed
        if A.DECLINE_LINES in a:
            return self.tr("大修报价可逐项审批：在「维修项目」中勾选不批准的项目后点「同意」。")
        if A.FITTED in a:
            return self.tr(
                "修理厂完成一项，选中该行后点「登记完成项目」；准修范围外的须先「追加项目」。"
            )
        if A.ACCEPT in a:
            return self.tr("车辆已完工，请驾驶员本人出厂验收并签字。")
        return ""

    # --- acting --------------------------------------------------------------------------

    def _run(self, action: Callable[[], Any]) -> bool:
        return ops.attempt(self, lambda _ack: action(), done=self._acted, reload=self.load)

    def _acted(self, _result: Any = None) -> None:
        self.comment.clear()
        self.changed.emit()
        self.load()

    def _comment(self) -> str:
        return self.comment.toPlainText().strip()

    def _dialog(self, dialog: FormDialog) -> bool:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()
            self.load()
            return True
        return False

    def assess_dialog(self) -> FormDialog:
        return dialogs.assess_dialog(self.user, self.repair, self)

    @Slot()
    def assess(self) -> bool:
        return self._dialog(self.assess_dialog())

    def declined_line_ids(self) -> list[int]:
        ids = []
        for r, line_id in enumerate(self.line_ids):
            item = self.lines.item(r, 0)
            if (
                item is not None
                and item.data(Qt.ItemDataRole.CheckStateRole) is not None
                and item.checkState() == Qt.CheckState.Checked
            ):
                ids.append(line_id)
        return ids

    @Slot()
    def approve(self) -> bool:
        declined = self.declined_line_ids()
        return self._run(
            lambda: fleet.approve_repair(
                self.user, self.repair, self._comment(), declined_line_ids=declined
            )
        )

    @Slot()
    def file(self) -> bool:
        return self._run(lambda: fleet.file_repair(self.user, self.repair, self._comment()))

    @Slot()
    def reject_repair(self) -> bool:
        return self._run(
            lambda: documents.reject(
                self.user, self.repair, self._comment(), seen=self.seen_version
            )
        )

    @Slot()
    def return_to_driver(self) -> bool:
        return self._run(
            lambda: documents.return_to_applicant(
                self.user, self.repair, self._comment(), seen=self.seen_version
            )
        )

    @Slot()
    def withdraw(self) -> bool:
        if not errors.confirm(self, self.tr("撤回"), self.tr("撤回这份报修申请？")):
            return False
        return self._run(
            lambda: documents.withdraw(
                self.user, self.repair, self._comment(), seen=self.seen_version
            )
        )

    @Slot()
    def resubmit(self) -> bool:
        return self._dialog(dialogs.resubmit_dialog(self.user, self.repair, self))

    @Slot()
    def enter_shop(self) -> bool:
        return self._run(lambda: fleet.enter_shop(self.user, self.repair))

    def supplement_dialog(self) -> FormDialog:
        return dialogs.supplement_dialog(self.user, self.repair, self)

    @Slot()
    def supplement(self) -> bool:
        return self._dialog(self.supplement_dialog())

    def selected_line_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.lines.selectionModel().selectedRows()})
        return [self.line_ids[r] for r in rows]

    @Slot()
    def record_fitted(self) -> bool:
        ids = self.selected_line_ids()
        if not ids:
            errors.inform(self, self.tr("登记完成项目"), self.tr("请先选中修理厂已完成的项目。"))
            return False

        def fit() -> None:
            for line_id in ids:
                fleet.record_fitted(self.user, RepairLine.get_by_id(line_id))

        return self._run(fit)

    @Slot()
    def finish(self) -> bool:
        return self._run(lambda: fleet.finish_repair(self.user, self.repair))

    def accept_dialog(self) -> FormDialog:
        return dialogs.accept_dialog(self.user, self.repair, self)

    @Slot()
    def accept_repair(self) -> bool:
        return self._dialog(self.accept_dialog())

    @Slot()
    def approve_supplement(self) -> bool:
        sup = self.supplement
        if sup is None:
            return False
        return self._run(lambda: workflow.approve(self.user, sup.instance().id, self._comment()))

    @Slot()
    def reject_supplement(self) -> bool:
        sup = self.supplement
        if sup is None:
            return False
        return self._run(lambda: workflow.reject(self.user, sup.instance().id, self._comment()))

    @Slot()
    def print_repair(self) -> Any:
        from desktop.exporting import print_pdf

        return print_pdf(self, "repair", self.repair_id)

    @Slot()
    def print_authorisation(self) -> Any:
        from desktop.exporting import print_pdf

        return print_pdf(self, "authorisation", self.repair_id)
