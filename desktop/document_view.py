"""A document as its approver reads it, in two places: ``SummaryPanel`` (the declared approval
summary: fields, lines, total in bold, attachments — ``forms.summary``) that 审批中心's dialog
shows, and ``DocumentView``, the read-only window of a document type whose domain has no
window of its own (a 用车申请, a purchase plan, a stocktake): the same summary, where the
document stands and its full trail.

``desktop.modules.document_window`` offers ``DocumentView`` for every type with a declared
summary and no window of its own, so 查看完整单据 never leads nowhere and a new domain's
documents open before it has built their windows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.i18n import pick, translator
from desktop.tables import ROW_HEIGHT, fill, read_only_table
from forms.summary import ApprovalSummary, Lines, declaration
from models import documents, workflow
from models.people import User

MOST_LINES_SHOWN = 8  # more lines scroll; the trail below keeps its room
tr = translator("document_view")


def value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SummaryPanel(QGroupBox):
    """申请内容: one ``ApprovalSummary`` in the interface language (its labels carry their
    English beside the Chinese)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("申请内容"), parent)
        self.fields_form = QFormLayout()
        self.lines_title = QLabel()
        self.lines = read_only_table([], fit=True)
        self.total = QLabel()
        self.total.setObjectName("summaryTotal")
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.attachments = QLabel()
        self.attachments.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields_form)
        layout.addWidget(self.lines_title)
        layout.addWidget(self.lines)
        layout.addWidget(self.total, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.attachments)

    def show_summary(self, summary: ApprovalSummary) -> None:
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        colon = pick("：", ": ")
        for label, text in summary.fields:
            self.fields_form.addRow(labels.said(label) + colon, value_label(labels.said(text)))
        if not summary.fields and summary.lines is None:
            self.fields_form.addRow(QLabel(tr("（无附加内容）")))
        self._show_lines(summary.lines)
        self.total.setVisible(summary.total is not None)
        if summary.total is not None:
            total = labels.said(summary.total_label) + colon
            self.total.setText(f"{total}<b>¥{summary.total_text}</b>")
        self.attachments.setVisible(bool(summary.attachments))
        self.attachments.setText(tr("附件：") + "、".join(summary.attachments))

    def _show_lines(self, lines: Lines | None) -> None:
        self.lines_title.setVisible(lines is not None)
        self.lines.setVisible(lines is not None)
        if lines is None:
            self.lines.setRowCount(0)
            return
        self.lines_title.setText(f"<b>{labels.said(lines.title)}</b>")
        self.lines.setColumnCount(len(lines.headers))
        self.lines.setHorizontalHeaderLabels([labels.said(h) for h in lines.headers])
        rows = (tuple(labels.said(c) for c in row) for row in lines.rows)
        fill(self.lines, rows, right=lines.numeric)
        self.lines.resizeColumnsToContents()
        header = self.lines.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        shown = min(max(len(lines.rows), 1), MOST_LINES_SHOWN)
        frame = 2 * self.lines.frameWidth()
        self.lines.setFixedHeight(header.sizeHint().height() + shown * ROW_HEIGHT + frame)


def trail_table() -> tuple[QGroupBox, QTableWidget]:
    """审批记录: 时间, 环节, 处理人, 操作, 意见 (``labels.trail_row`` fills it)."""
    box = QGroupBox(tr("审批记录"))
    table = read_only_table(
        [tr("时间"), tr("环节"), tr("处理人"), tr("操作"), tr("意见")], fit=True
    )
    table.horizontalHeader().setStretchLastSection(True)
    QVBoxLayout(box).addWidget(table)
    return box, table


class DocumentView(QDialog):
    """A document read-only: its summary, its state and its whole trail."""

    def __init__(
        self, user: User, doc_type: str, doc_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.user = user
        self.doc_type = doc_type
        self.doc_id = doc_id
        self.resize(820, 680)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.summary_panel = SummaryPanel()
        trail_box, self.trail = trail_table()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.summary_panel)
        layout.addWidget(trail_box, 1)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        declared = declaration(self.doc_type)
        if declared is None:
            raise ValueError(f"no approval summary declared for {self.doc_type}")
        inst = workflow.for_document(self.doc_type, self.doc_id)
        title = labels.approval_title(inst) if inst is not None else self.doc_type
        self.setWindowTitle(title)
        flow = labels.flow_name(self.doc_type, inst.flow.name) if inst is not None else ""
        self.header.setText(f"<h3>{title}</h3>{flow} · <b>{self._state()}</b>")
        self.summary_panel.show_summary(declared.build(self.doc_id))
        steps = workflow.trail(inst.id) if inst is not None else []
        fill(self.trail, (labels.trail_row(self.doc_type, s) for s in steps))

    def _state(self) -> str:
        """The document's own state (已批准, 待过账 …), in the interface language."""
        model = documents.document_model(self.doc_type)
        if model is None:
            return ""
        row = model.get_by_id(self.doc_id)
        return labels.of(model.STATES, row.state)


def read_only_window(
    doc_type: str, user: User, doc_id: int, parent: QWidget | None = None
) -> DocumentView:
    return DocumentView(user, doc_type, doc_id, parent)
