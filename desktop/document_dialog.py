"""One document in the approval flow: its approval summary (the fields, the lines with their
quantities and amounts, the total in bold, the files attached: ``forms.summary``, the same
as the printed 申请批准单), where it stands, the full trail, the buttons the engine allows
this user now (``workflow.available_actions``), and 查看完整单据: the document's own window
from its domain, or the read-only ``desktop.document_view.DocumentView``.

The dialog remembers the version it showed. Approve, reject, return, transfer and withdraw
pass it as ``expected_version``; when another desktop acted first, the engine raises
``Conflict`` and the dialog reloads to show what happened instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops, shortcuts
from desktop.document_view import SummaryPanel, trail_table
from desktop.icons import icon
from desktop.modules import document_window
from desktop.pickers import UserPicker
from desktop.tables import fill
from forms.summary import summary_of
from models import workflow
from models.people import User
from models.workflow import Instance, State


class DocumentDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        user: User,
        instance_id: int,
        version: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.user = user
        self.instance_id = instance_id
        self.seen_version = version
        self.setMinimumSize(720, 640)
        self.resize(820, 820)

        self.header = QLabel()
        self.header.setObjectName("documentHeader")
        self.header.setWordWrap(True)
        self.fields_box = SummaryPanel()
        self.fields_form = self.fields_box.fields_form
        self.lines_title = self.fields_box.lines_title
        self.lines = self.fields_box.lines
        self.total = self.fields_box.total
        self.attachments = self.fields_box.attachments
        trail_box, self.trail = trail_table()

        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("审批意见（驳回、退回时必填）"))
        self.comment.setMaximumHeight(70)

        self.approve_button = QPushButton(icon("approve"), self.tr("同意"))
        self.reject_button = QPushButton(icon("reject"), self.tr("驳回"))
        self.return_target = QComboBox()
        self.return_button = QPushButton(self.tr("退回"))
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject_document)
        # Decided from the keyboard, the comment still in focus: Ctrl+Enter, Ctrl+Shift+R.
        shortcuts.tip(self.approve_button, shortcuts.APPROVE[0])
        shortcuts.tip(self.reject_button, shortcuts.REJECT)
        shortcuts.bind(self, shortcuts.APPROVE, lambda: shortcuts.press(self.approve_button))
        shortcuts.bind(self, shortcuts.REJECT, lambda: shortcuts.press(self.reject_button))
        self.return_button.clicked.connect(self.return_document)
        decide = QHBoxLayout()
        decide.addWidget(self.approve_button)
        decide.addWidget(self.reject_button)
        decide.addSpacing(12)
        decide.addWidget(QLabel(self.tr("退回至：")))
        decide.addWidget(self.return_target)
        decide.addWidget(self.return_button)
        decide.addStretch(1)

        self.person = UserPicker()
        self.transfer_button = QPushButton(self.tr("转交"))
        self.cc_button = QPushButton(icon("cc"), self.tr("抄送"))
        self.transfer_button.clicked.connect(self.transfer)
        self.cc_button.clicked.connect(self.carbon_copy)
        others = QHBoxLayout()
        others.addWidget(QLabel(self.tr("人员：")))
        others.addWidget(self.person, 1)
        others.addWidget(self.transfer_button)
        others.addWidget(self.cc_button)

        self.withdraw_button = QPushButton(self.tr("撤回"))
        self.urge_button = QPushButton(icon("bell"), self.tr("催办"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.urge_button.clicked.connect(self.urge)
        self.print_button = QPushButton(icon("print"), self.tr("打印申请批准单"))
        self.print_button.clicked.connect(self.print_form)
        self.full_button = QPushButton(icon("open"), self.tr("查看完整单据"))
        self.full_button.setToolTip(self.tr("打开该单据本身的窗口（明细、附件、全部记录）"))
        self.full_button.clicked.connect(self.open_full_document)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.withdraw_button)
        bottom.addWidget(self.urge_button)
        bottom.addStretch(1)
        bottom.addWidget(self.full_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(close)

        self.action_box = QGroupBox(self.tr("处理"))
        action_layout = QVBoxLayout(self.action_box)
        action_layout.addWidget(self.comment)
        action_layout.addLayout(decide)
        action_layout.addLayout(others)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.fields_box)
        layout.addWidget(trail_box, 1)
        layout.addWidget(self.action_box)
        layout.addLayout(bottom)
        self.load()

    # --- showing -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the document, its trail and what this user may do, from the database."""
        inst = Instance.get_by_id(self.instance_id)
        self.instance = inst
        if self.seen_version is None:
            self.seen_version = inst.version
        title = labels.approval_title(inst)
        self.setWindowTitle(title)
        state = State(inst.state)
        node = inst.current_node()
        dept = inst.department.name if inst.department_id else ""
        where = ""
        if node and state == State.PENDING:
            where = self.tr("当前环节：") + labels.node_name(inst.doc_type, node.name)
        flow = labels.flow_name(inst.doc_type, inst.flow.name)
        self.header.setText(
            f"<h3>{title}</h3>"
            f"{flow} · {inst.applicant.name} {dept} · "
            f"{inst.submitted_at:%Y-%m-%d %H:%M} · <b>{labels.label(state)}</b> {where}"
        )
        self._show_fields(inst)
        self._show_trail()
        self._enable(workflow.available_actions(self.user, inst))

    def _show_fields(self, inst: Instance) -> None:
        self.summary = summary_of(inst)
        self.fields_box.show_summary(self.summary)
        self.full_button.setVisible(document_window(inst.doc_type) is not None)

    def _show_trail(self) -> None:
        steps = workflow.trail(self.instance_id)
        doc_type = self.instance.doc_type
        fill(self.trail, (labels.trail_row(doc_type, s) for s in steps))

    def _enable(self, can: workflow.Available) -> None:
        self.can = can
        self.action_box.setVisible(can.approve or can.transfer or can.urge or can.withdraw)
        for widget in (
            self.approve_button,
            self.reject_button,
            self.return_button,
            self.return_target,
        ):
            widget.setEnabled(can.approve)
        self.transfer_button.setEnabled(can.transfer)
        self.return_target.clear()
        self.return_target.addItem(self.tr("申请人"), None)
        route = self.instance.route_nodes()
        for position in can.return_positions:
            name = labels.node_name(self.instance.doc_type, route[position].name)
            self.return_target.addItem(name, position)
        self.withdraw_button.setVisible(can.withdraw)
        self.urge_button.setVisible(can.urge)

    # --- acting --------------------------------------------------------------------------

    def _run(self, action: Any, *, close_after: bool = False) -> bool:
        def acted(_result: Any) -> None:
            self.changed.emit()
            if close_after:
                self.close()
            else:
                self.reload()

        return ops.attempt(self, lambda _ack: action(), done=acted, reload=self.reload)

    def reload(self) -> None:
        """Show the document as it is now (after our action, or after a conflict)."""
        self.seen_version = None
        self.load()

    def _comment(self) -> str:
        return self.comment.toPlainText().strip()

    @Slot()
    def approve(self) -> bool:
        return self._run(
            lambda: workflow.approve(
                self.user, self.instance_id, self._comment(), expected_version=self.seen_version
            ),
            close_after=True,
        )

    @Slot()
    def reject_document(self) -> bool:
        return self._run(
            lambda: workflow.reject(
                self.user, self.instance_id, self._comment(), expected_version=self.seen_version
            ),
            close_after=True,
        )

    @Slot()
    def return_document(self) -> bool:
        return self._run(
            lambda: workflow.return_to(
                self.user,
                self.instance_id,
                self._comment(),
                position=self.return_target.currentData(),
                expected_version=self.seen_version,
            ),
            close_after=True,
        )

    def _person(self) -> User | None:
        person = self.person.value()
        if person is None:
            errors.inform(self, self.tr("选择人员"), self.tr("请先在「人员」中选择一位同事。"))
        return person

    @Slot()
    def transfer(self) -> bool:
        person = self._person()
        if person is None:
            return False
        return self._run(
            lambda: workflow.transfer(
                self.user,
                self.instance_id,
                person,
                self._comment(),
                expected_version=self.seen_version,
            ),
            close_after=True,
        )

    @Slot()
    def carbon_copy(self) -> bool:
        person = self._person()
        if person is None:
            return False
        return self._run(
            lambda: workflow.carbon_copy(self.user, self.instance_id, [person], self._comment())
        )

    @Slot()
    def withdraw(self) -> bool:
        return self._run(
            lambda: workflow.withdraw(
                self.user, self.instance_id, self._comment(), expected_version=self.seen_version
            )
        )

    @Slot()
    def print_form(self) -> None:
        from desktop.exporting import print_pdf

        print_pdf(self, "approval", self.instance_id)

    @Slot()
    def open_full_document(self) -> QWidget | None:
        """The document's own window, from its domain (a repair's 车辆维修保修单 …)."""
        opener = document_window(self.instance.doc_type)
        if opener is None or self.instance.doc_id is None:
            return None
        window: QWidget = opener(self.user, self.instance.doc_id, self.parentWidget())
        changed = getattr(window, "changed", None)
        if changed is not None:
            changed.connect(self.changed)
            changed.connect(self.reload)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    @Slot()
    def urge(self) -> bool:
        return self._run(lambda: workflow.urge(self.user, self.instance_id, self._comment()))
