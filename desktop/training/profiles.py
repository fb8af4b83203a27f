"""上报格式 (T4): the county bureau's export profiles of the office, kept by 培训办 from the
credits tab or from 上报教育局…'s 管理格式….

A list (name, 说明, 自定义 or 套用模板, who added it and when, 在用 or when and by whom it was
停用, and why; the built-in 通用格式 first, which is not a row and is never retired), 新增… (a
layout as JSON, typed or loaded from a file, and optionally the bureau's own workbook),
停用… and 重新启用… (each with a reason). Nothing is written here: each dialog's OK runs one
use case of ``models.training`` (``save_profile``, ``retire_profile``,
``reinstate_profile``), whose refusal stays in it. A retired profile stays listed, because
the exports made by it name it, and a county that returns to it gets it back by its name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exporting import EXCEL
from desktop.form_dialog import ActionDialog
from desktop.icons import icon
from desktop.tables import cell, read_only_table
from forms.training.bureau_export import DEFAULT
from models import training
from models.people import User
from models.training import EXPORTERS, BureauProfile

RETIRED = "#888888"
# What 新增… starts from: the smallest layout that passes, to be edited.
SAMPLE = """{
  "title_rows": ["{year}学年教师继续教育学分登记表", ["单位：{unit}", "日期：{date}"]],
  "columns": [
    {"field": "no", "header": ["序号"], "width": 6},
    {"field": "name", "header": ["姓名"]},
    {"field": "id_number", "header": ["身份证号"], "width": 20},
    {"field": "school_hours", "header": ["学时", "校本研修"]},
    {"field": "external_hours", "header": ["学时", "外出培训"]},
    {"field": "credits", "header": ["学分"]}
  ],
  "signatures": ["填表人", "审核人"],
  "totals": true
}
"""


def _file_row(edit: QLineEdit, *buttons: QPushButton) -> QWidget:
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(edit, 1)
    for b in buttons:
        line.addWidget(b)
    return row


class ProfileDialog(ActionDialog):
    """新增上报格式: ``training.save_profile`` (a name already there is replaced)."""

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新增上报格式"), parent)
        self.setMinimumWidth(720)
        self.user = user
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("如：城关县"))
        self.title = QLineEdit()
        self.title.setMaxLength(100)
        self.title.setPlaceholderText(self.tr("选择格式时显示，如：城关县教育局学分汇总表"))
        self.layout_text = QPlainTextEdit(SAMPLE)
        self.layout_text.setTabChangesFocus(True)
        self.layout_text.setMinimumHeight(260)
        self.layout_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.layout_text.setFont(mono)
        load = QPushButton(self.tr("从文件载入…"))
        load.clicked.connect(self.load_layout)
        self.template = QLineEdit()
        self.template.setReadOnly(True)
        self.template.setPlaceholderText(self.tr("（不套用模板：按版式生成表头）"))
        choose = QPushButton(self.tr("选择…"))
        choose.clicked.connect(self.choose_template)
        clear = QPushButton(self.tr("清除"))
        clear.clicked.connect(self.template.clear)
        hint = QLabel(
            self.tr(
                "版式为 JSON：title_rows 标题行，columns 各列（field 字段与 header 多级表头），"
                "footer_rows 表尾，signatures 签名栏；套用教育局模板时给出数据起始行 "
                "start_row。与已有格式同名时，确认后替换其版式。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("名称*："), self.name)
        form.addRow(self.tr("说明："), self.title)
        form.addRow(self.tr("版式*："), self.layout_text)
        form.addRow("", load)
        form.addRow(self.tr("教育局模板："), _file_row(self.template, choose, clear))
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    @Slot()
    def load_layout(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("载入版式"), "", "JSON (*.json)")
        if name:
            self.layout_text.setPlainText(Path(name).read_text(encoding="utf-8"))

    @Slot()
    def choose_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("教育局模板"), "", EXCEL)
        if name:
            self.template.setText(name)

    def run(self, acknowledged: frozenset[str]) -> Any:
        layout = training.layout_from_text(self.layout_text.toPlainText())
        path = self.template.text().strip()
        return training.save_profile(
            self.user,
            self.name.text(),
            self.title.text(),
            layout,
            template=Path(path) if path else None,
            template_name=Path(path).name if path else "template.xlsx",
            acknowledged=acknowledged,  # a name taken: replacing it is asked first
        )


class ProfileReasonDialog(ActionDialog):
    """停用 a profile, or 重新启用 a retired one, with a reason: ``training.retire_profile``,
    ``training.reinstate_profile``."""

    def __init__(self, user: User, row: BureauProfile, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("重新启用上报格式") if row.is_retired else self.tr("停用上报格式"), parent
        )
        self.setMinimumWidth(460)
        self.user, self.profile, self.reinstating = user, row.name, row.is_retired
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(72)
        if self.reinstating:
            self.reason.setPlaceholderText(self.tr("如：县教育局自2028年起恢复使用该模板"))
            note = QLabel(self.tr("重新启用后可再用于上报；停用时的原因仍留在修改记录中。"))
        else:
            self.reason.setPlaceholderText(self.tr("如：县教育局自2027年起改用新模板"))
            note = QLabel(self.tr("停用后不能再用于上报；用它做过的上报记录仍保留其名称。"))
        note.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("上报格式："), QLabel(f"{row.name}（{row.title}）"))
        form.addRow(self.tr("原因*："), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> Any:
        change = training.reinstate_profile if self.reinstating else training.retire_profile
        return change(self.user, self.profile, self.reason.toPlainText())


class ProfilesDialog(QDialog):
    """The office's export profiles; ``changed`` after one was added, retired or
    reinstated."""

    changed = Signal()

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("上报格式"))
        self.resize(1000, 360)
        self.user = user
        self.rows: list[BureauProfile | None] = []  # None: the built-in one
        self.table = read_only_table(
            [
                self.tr("名称"),
                self.tr("说明"),
                self.tr("类型"),
                self.tr("创建人"),
                self.tr("创建时间"),
                self.tr("状态"),
                self.tr("停用原因"),
            ]
        )
        self.table.itemSelectionChanged.connect(self._enable)
        self.add_button = QPushButton(icon("add"), self.tr("新增…"))
        self.add_button.clicked.connect(lambda _c=False: self.add_dialog().open())
        self.retire_button = QPushButton(icon("void"), self.tr("停用…"))
        self.retire_button.clicked.connect(lambda _c=False: self._open_reason(retired=False))
        self.reinstate_button = QPushButton(icon("unlock"), self.tr("重新启用…"))
        self.reinstate_button.clicked.connect(lambda _c=False: self._open_reason(retired=True))
        keeps = user.has_role(*EXPORTERS)
        for button in (self.add_button, self.retire_button, self.reinstate_button):
            button.setVisible(keeps)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.retire_button)
        side.addWidget(self.reinstate_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.rows = [None, *training.stored_profiles(retired=True)]
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values, colour = self._values(row)
            for c, v in enumerate(values):
                item = cell(v, color=colour)
                item.setToolTip(v)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount() - 1):  # a little air between the columns
            self.table.setColumnWidth(c, self.table.columnWidth(c) + 8)
        self._enable()

    def _values(self, row: BureauProfile | None) -> tuple[list[str], str | None]:
        if row is None:
            return [DEFAULT.name, DEFAULT.title, self.tr("内置"), "", "", self.tr("在用"), ""], None
        kind = self.tr("套用模板") if row.kind == "template" else self.tr("自定义")
        when = f"{row.created_at:%Y-%m-%d %H:%M}" if row.created_at else ""
        state = self.tr("在用")
        if row.is_retired:
            state = (
                self.tr("已停用 %1（%2）")
                .replace("%1", f"{row.retired_at:%Y-%m-%d}")
                .replace("%2", row.retired_by)
            )
        values = [row.name, row.title, kind, row.created_by, when, state, row.retire_reason]
        return values, RETIRED if row.is_retired else None

    def selected(self) -> BureauProfile | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def select(self, name: str) -> None:
        for r, row in enumerate(self.rows):
            if (row.name if row else DEFAULT.name) == name:
                self.table.selectRow(r)

    def _enable(self) -> None:
        row = self.selected()
        self.retire_button.setEnabled(row is not None and not row.is_retired)
        self.reinstate_button.setEnabled(row is not None and row.is_retired)

    def add_dialog(self) -> ProfileDialog:
        """新增… (built, not opened, so a test can fill it)."""
        dialog = ProfileDialog(self.user, self)
        dialog.accepted.connect(lambda: self._saved(dialog.result_value))
        return dialog

    def retire_dialog(self) -> ProfileReasonDialog | None:
        """停用… of the selected profile, or ``None`` (none, the built-in or retired)."""
        return self._reason_dialog(retired=False)

    def reinstate_dialog(self) -> ProfileReasonDialog | None:
        """重新启用… of the selected profile, or ``None`` (none, the built-in or in use)."""
        return self._reason_dialog(retired=True)

    def _reason_dialog(self, *, retired: bool) -> ProfileReasonDialog | None:
        row = self.selected()
        if row is None or row.is_retired != retired:
            return None
        dialog = ProfileReasonDialog(self.user, row, self)
        dialog.accepted.connect(lambda: self._saved(dialog.result_value))
        return dialog

    def _open_reason(self, *, retired: bool) -> None:
        dialog = self._reason_dialog(retired=retired)
        if dialog is not None:
            dialog.open()

    def _saved(self, row: BureauProfile | None) -> None:
        self.reload()
        if row is not None:
            self.select(row.name)
        self.changed.emit()


def show_profiles(user: User, parent: QWidget | None) -> ProfilesDialog:
    """上报格式… opened (window-modal) and returned."""
    dialog = ProfilesDialog(user, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
