"""盘点 (S5): the quarterly reminder, opening a count (optionally blind), the count grid
(``desktop.supplies.count_grid``), counts imported from Excel, variances with reasons,
submit → the main leader approves → 后勤 posts 盘盈/盘亏, the count sheet and the result.

A posted stocktake shows read-only: the use cases refuse any change to it, and the panel
offers none.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops
from desktop.exporting import (
    ask_save_path,
    choose_import_file,
    import_checked,
    print_pdf,
    write_file,
)
from desktop.form_dialog import ActionDialog
from desktop.icons import button
from desktop.module_page import PageTab
from desktop.supplies.common import tr
from desktop.supplies.count_grid import (
    COUNTED,
    HIDDEN_WHEN_BLIND,
    KEYS,
    CountModel,
    CountTable,
)
from desktop.tasks import BackgroundTask, Progress
from models import documents, workflow
from models.base import now
from models.people import Role, User
from models.supplies import stocktake as st_model
from models.supplies.stocktake import Stocktake, StocktakeState
from models.text import search_words


class OpenDialog(ActionDialog):
    """开始盘点: the quarter, blind or not, a note. The snapshot is taken on OK."""

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(tr("开始盘点"), parent)
        self.user = user
        self.blind = QCheckBox(tr("盲盘（盘点人看不到账面数，提交后才显示差异）"))
        self.note = QLineEdit()
        year, quarter = (now().date().year, (now().date().month - 1) // 3 + 1)
        form = QFormLayout()
        form.addRow(
            tr("盘点期间："),
            QLabel(tr("%1年第%2季度").replace("%1", str(year)).replace("%2", str(quarter))),
        )
        form.addRow("", self.blind)
        form.addRow(tr("备注："), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> Stocktake:
        return st_model.open_stocktake(
            self.user, blind=self.blind.isChecked(), note=self.note.text()
        )


def stocktake_title(st: Stocktake) -> str:
    blind = tr("（盲盘）") if st.blind else ""
    return f"{st.number}  {st.period_label}{blind}  {labels.of(StocktakeState, st.state)}"


class StocktakeTab(PageTab):
    """盘点: the reminder, the count chosen, its grid and every step of its flow."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.banner = QLabel()
        self.banner.setObjectName("stocktakeDue")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fff4ce; border: 1px solid #f0c36d; border-radius: 4px; padding: 6px;"
        )
        self.chooser = QComboBox()
        self.chooser.setMinimumWidth(300)
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.progress = QLabel()

        logistics = user.has_role(Role.LOGISTICS)

        self.open_button = button("add", tr("开始盘点…"), self.start, visible=logistics)
        self.import_button = button(
            "import", tr("导入实盘数…"), self.import_counts, visible=logistics
        )
        self.sheet_button = button("print", tr("打印盘点表"), self.print_sheet)
        self.submit_button = button("send", tr("提交审批"), self.submit, visible=logistics)
        self.approve_button = button("approve", tr("批准"), self.approve)
        self.reject_button = button("reject", tr("退回…"), self.send_back)
        self.post_button = button("save", tr("过账"), self.post, visible=logistics)
        self.cancel_button = button("void", tr("作废…"), self.cancel, visible=logistics)
        self.result_button = button("export", tr("导出盘点结果"), self.export_result)

        self.model = CountModel(user, self)
        self.model.refused.connect(lambda exc: errors.show_error(self, exc))
        self.model.dataChanged.connect(self._update_progress)
        self.table = CountTable(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索物品（名称、规格、编码、拼音或首字母）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.differences_only = QCheckBox(tr("只看差异"))
        self.differences_only.toggled.connect(lambda _c: self.apply_filter())
        self.shown_note = QLabel()
        self.shown_note.setStyleSheet("color: #666;")
        hint = QLabel(tr("录入：选中「实盘数」一格，输入数量后按回车，自动跳到下一行。"))
        hint.setStyleSheet("color: #666;")

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("盘点单：")))
        top.addWidget(self.chooser)
        top.addWidget(self.open_button)
        top.addStretch(1)
        for b in (
            self.import_button,
            self.sheet_button,
            self.submit_button,
            self.approve_button,
            self.reject_button,
            self.post_button,
            self.cancel_button,
            self.result_button,
        ):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        filters = QHBoxLayout()
        filters.addWidget(self.search)
        filters.addWidget(self.differences_only)
        filters.addWidget(self.shown_note)
        filters.addStretch(1)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.progress)
        layout.addLayout(bottom)
        self.reload()

    # --- state ---------------------------------------------------------------------------

    @property
    def current(self) -> Stocktake | None:
        return self.model.stocktake

    def reload(self, select: int | None = None) -> None:
        """Re-read the reminder and the list of counts; keep (or pick) the shown one."""
        due = st_model.stocktake_due(today=now().date())
        self.banner.setText(("⚠ " + due.message) if due is not None else "")
        self.banner.setVisible(due is not None)
        keep = select if select is not None else (self.current.id if self.current else None)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for st in Stocktake.select().order_by(Stocktake.id.desc()).limit(40):
            self.chooser.addItem(stocktake_title(st), st.id)
        index = self.chooser.findData(keep) if keep is not None else 0
        self.chooser.setCurrentIndex(max(index, 0))
        self.chooser.blockSignals(False)
        self._chosen()

    @Slot()
    def _chosen(self) -> None:
        key = self.chooser.currentData()
        self.model.load(None if key is None else Stocktake.get_by_id(key))
        self._apply_state()
        self.apply_filter()

    @Slot()
    def apply_filter(self) -> None:
        """The search and 只看差异 over the lines; a blind count has no differences to show
        until it is handed in."""
        blind = self.model.blind
        self.differences_only.setEnabled(not blind)
        differences = self.differences_only.isChecked() and not blind
        text = self.search.text()
        shown = self.table.show_only(text, differences)
        filtered = bool(search_words(text)) or differences
        self.shown_note.setText(
            tr("显示 %1 / %2 项")
            .replace("%1", str(shown))
            .replace("%2", str(self.model.rowCount()))
            if filtered
            else ""
        )

    def _apply_state(self) -> None:
        st = self.current
        editable = self.model.editable
        self.table.set_editable(editable)
        for c, key in enumerate(KEYS):
            self.table.setColumnHidden(c, self.model.blind and key in HIDDEN_WHEN_BLIND)
        acts = documents.available_actions(self.user, st) if st is not None else ()
        self.import_button.setEnabled("count" in acts)
        self.submit_button.setEnabled("submit" in acts)
        self.cancel_button.setEnabled("cancel" in acts)
        self.post_button.setEnabled("post" in acts)
        self.approve_button.setEnabled("approve" in acts)
        self.reject_button.setEnabled("reject" in acts)
        self.approve_button.setVisible(self.user.has_role(Role.LEADER))
        self.reject_button.setVisible(self.user.has_role(Role.LEADER))
        self.sheet_button.setEnabled(st is not None)
        self.result_button.setEnabled(st is not None)
        active = Stocktake.select().where(Stocktake.state.in_(list(st_model.ACTIVE))).exists()
        self.open_button.setEnabled(not active)
        self.open_button.setToolTip(tr("已有盘点尚未完成") if active else "")
        self._update_progress()
        if editable and not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, COUNTED))

    @Slot()
    def _update_progress(self) -> None:
        if self.current is None:
            self.progress.setText(tr("还没有盘点记录"))
            return
        self.progress.setText(
            tr("已盘 %1 / %2 项")
            .replace("%1", str(self.model.counted_lines()))
            .replace("%2", str(self.model.rowCount()))
        )

    def _done(self, result: Any = None) -> None:
        select = result.id if isinstance(result, Stocktake) else None
        self.reload(select)
        self.changed()

    # --- actions -------------------------------------------------------------------------

    @Slot()
    def start(self) -> OpenDialog:
        dialog = OpenDialog(self.user, self)
        dialog.accepted.connect(lambda: self._done(dialog.result_value))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _act(self, fn: Any) -> bool:
        st = self.current
        if st is None:
            return False
        return ops.attempt(self, lambda _ack: fn(st), done=self._done, reload=self.reload)

    @Slot()
    def submit(self) -> bool:
        return self._act(lambda st: st_model.submit_stocktake(self.user, st))

    @Slot()
    def approve(self) -> bool:
        return self._act(lambda st: st_model.approve_stocktake(self.user, st, tr("同意")))

    @Slot()
    def send_back(self) -> bool:
        st = self.current
        inst = st.instance() if st is not None else None
        if inst is None:
            return False
        reason, ok = QInputDialog.getText(self, tr("退回"), tr("退回原因（请重新核对）："))
        if not ok:
            return False
        return self._act(lambda _st: workflow.return_to(self.user, inst.id, reason))

    @Slot()
    def post(self) -> bool:
        if not errors.confirm(
            self, tr("过账"), tr("过账后盘盈、盘亏计入台账，本次盘点不能再修改。继续？")
        ):
            return False
        return self._act(lambda st: st_model.post_stocktake(self.user, st))

    @Slot()
    def cancel(self) -> bool:
        reason, ok = QInputDialog.getText(self, tr("作废盘点"), tr("作废原因："))
        if not ok:
            return False
        return self._act(lambda st: st_model.cancel_stocktake(self.user, st, reason))

    # --- files ---------------------------------------------------------------------------

    @Slot()
    def print_sheet(self) -> Any:
        """The printed 盘点表 (``count-sheet``; a blind count's sheet has no book figures)."""
        st = self.current
        if st is None:
            return None
        return print_pdf(self, "count-sheet", st.id, tr("正在生成盘点表…"))

    @Slot()
    def export_result(self, path: str | None = None) -> Any:
        """盘点结果 in the register the quarterly report uses; empty while a blind count is
        still being counted."""
        st = self.current
        if st is None:
            return None
        path = path or ask_save_path(self, tr("导出盘点结果"), f"盘点结果-{st.number}.xlsx")
        if not path:
            return None
        rows = st_model.stocktake_result(st) if not self.model.blind else []

        def work(progress: Progress) -> Any:
            from forms.excel_export import write_register
            from forms.supplies.report import RESULT

            values = ({f.key: getattr(r, f.key) for f in RESULT.fields} for r in rows)
            return write_register(
                RESULT,
                values,
                path,
                period=st.period_label,
                filters_text=f"盘点单号 {st.number}",
                **progress.hooks(),
            )

        return write_file(self, path, work, label=tr("正在导出…"), done_title=tr("导出盘点结果"))

    @Slot()
    def import_counts(self, path: str | None = None) -> BackgroundTask | None:
        """Counts from a filled-in count sheet: a dry run first, every rejected cell shown,
        then all lines or none (``forms.supplies.count.import_counts``)."""
        st = self.current
        if st is None:
            return None
        path = path or choose_import_file(self, tr("导入实盘数"))
        if not path:
            return None
        user = self.user

        def run(dry_run: bool, _progress: Progress) -> Any:
            from forms.supplies.count import import_counts

            return import_counts(st.id, path, user, dry_run=dry_run)

        return import_checked(self, run, self._done, tr("导入实盘数"))
