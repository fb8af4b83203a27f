"""A requisition's own window: the slip as it stands (lines asked, approved and issued, the
check and the issue), its approval trail, and 撤回 while the applicant may still withdraw it.

The buttons render ``documents.available_actions``; 撤回 goes through ``documents.withdraw``
with the version of the approval the window showed, so a slip decided meanwhile is refused
as changed and the window shows what is true now.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops
from desktop.supplies.common import tr
from desktop.tables import fill, read_only_table
from models import documents, workflow
from models.people import User
from models.supplies import Item, Requisition, RequisitionState


class DetailDialog(QDialog):
    changed = Signal()

    def __init__(self, user: User, req: Requisition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.req = req
        self.seen: int | None = None
        self.setWindowTitle(tr("申请批准单") + f" {req.number}")
        self.resize(760, 560)
        headers = [tr("编码"), tr("物品名称"), tr("单位"), tr("申领"), tr("批准"), tr("已发放")]
        self.table = read_only_table(headers)
        self.table.setColumnWidth(1, 220)
        self.form = QFormLayout()
        self.trail = read_only_table([tr("时间"), tr("环节"), tr("处理人"), tr("操作"), tr("意见")])
        trail_box = QGroupBox(tr("审批记录"))
        QVBoxLayout(trail_box).addWidget(self.trail)
        self.withdraw_button = QPushButton(tr("撤回"))
        self.withdraw_button.setToolTip(tr("撤回这份申请（尚未审批完毕时）"))
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
        layout.addWidget(trail_box, 1)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        """Fill the window from the database (after 撤回, or after a conflict)."""
        req = self.req = Requisition.get_by_id(self.req.id)
        lines = list(req.lines)
        items = {i.id: i for i in Item.select().where(Item.id.in_([ln.item_id for ln in lines]))}
        fill(
            self.table,
            (
                (
                    items[ln.item_id].code,
                    str(items[ln.item_id]),
                    items[ln.item_id].unit,
                    ln.requested,
                    "" if ln.approved is None else ln.approved,
                    ln.issued or "",
                )
                for ln in lines
            ),
            right=(3, 4, 5),
        )
        while self.form.rowCount():
            self.form.removeRow(0)
        self.form.addRow(tr("申请部门："), QLabel(req.department.name))
        self.form.addRow(tr("申请人："), QLabel(req.applicant.name))
        if req.purpose:  # an unwritten purpose is left out, not shown as "用途：" alone
            self.form.addRow(tr("用途："), QLabel(req.purpose))
        self.form.addRow(tr("状态："), QLabel(labels.of(RequisitionState, req.state)))
        if req.check_comment:
            self.form.addRow(tr("核对意见："), QLabel(req.check_comment))
        if req.receiver_name:
            self.form.addRow(tr("领用人："), QLabel(req.receiver_name))
        inst = req.instance()
        self.seen = inst.version if inst is not None else None
        steps = workflow.trail(inst.id) if inst is not None else []
        fill(self.trail, (labels.trail_row(req.DOC_TYPE, s) for s in steps))
        self.trail.horizontalHeader().setStretchLastSection(True)
        self.withdraw_button.setVisible("withdraw" in documents.available_actions(self.user, req))

    @Slot()
    def withdraw(self) -> bool:
        if not errors.confirm(self, tr("撤回"), tr("撤回这份申请？")):
            return False

        def done(_result: object) -> None:
            self.changed.emit()
            self.load()

        return ops.attempt(
            self,
            lambda _ack: documents.withdraw(self.user, self.req, seen=self.seen),
            done=done,
            reload=self.load,
        )


def requisition_window(user: User, doc_id: int, parent: QWidget | None = None) -> DetailDialog:
    """The slip itself, as 审批中心's 查看完整单据 opens it."""
    return DetailDialog(user, Requisition.get_by_id(doc_id), parent)
