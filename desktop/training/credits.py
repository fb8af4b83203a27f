"""学分: the credit registers (T4) and the lines of the one selected — 工号, 姓名, sessions,
attendance, 旷课, credited 学时, external 学时, 学分; a line whose 学时 are forfeited in red.

培训办 computes a draft (``draft_credit_register``) of the current school year or of a term
and sends it (``submit_credit_register``); the main leader approves it in 审批中心, where
its summary is (``forms.training.doc_fields``). 重新计算 computes a draft or returned register
again (after a mark was corrected: ``recompute_credit_register``); 更正登记… makes, with a
reason, a new draft of an approved register's period that refers to it, the approved one kept
as it was (``amend_credit_register``); each shown only when the register's state and the
user's role allow it (``documents.available_actions``, ``training.amendable``). The lines go
to Excel as the 学分登记表. An approved register goes to the county bureau (上报教育局,
``desktop.training.bureau``) by an export profile; the export is recorded and the register
shows 已上报 with who and when.
上报格式… (and 管理格式… in that dialog) keeps the profiles (``desktop.training.profiles``).
导入外出培训… (培训办) brings external training and self-study claims from Excel (T7, the
``external-training`` kind, each row a claim sent for 教研处's recognition, the whole file or
nothing); 下载导入模板… gives its empty sheet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop import labels, ops
from desktop.exporting import export_register, export_template, import_dialog, write_file
from desktop.form_dialog import FormDialog
from desktop.icons import icon
from desktop.module_page import PageTab
from desktop.tables import cell, read_only_table
from desktop.tasks import BackgroundTask, Progress
from forms.spec import Field
from models import documents, training
from models.base import now
from models.people import User
from models.training import EXPORTERS, MANAGERS, BureauExport, CreditRegister, RegisterDocState

FORFEITED = "#c0392b"


class CreditsTab(PageTab):
    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.register = QComboBox()
        self.register.setMinimumWidth(360)
        self.register.currentIndexChanged.connect(lambda _i: self.show_lines())
        self.term = QComboBox()
        for text, number in (
            (self.tr("全学年"), 0),
            (self.tr("第一学期"), 1),
            (self.tr("第二学期"), 2),
        ):
            self.term.addItem(text, number)
        self.draft_button = QPushButton(icon("add"), self.tr("计算学分登记"))
        self.draft_button.clicked.connect(self.draft)
        self.submit_button = QPushButton(icon("send"), self.tr("报校长审定"))
        self.submit_button.clicked.connect(self.submit)
        self.recompute_button = QPushButton(icon("approve"), self.tr("重新计算"))
        self.recompute_button.clicked.connect(self.recompute)
        self.amend_button = QPushButton(icon("edit"), self.tr("更正登记…"))
        self.amend_button.clicked.connect(self.amend)
        self.export_button = QPushButton(icon("export"), self.tr("导出学分登记表…"))
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("学分登记")))
        top.addWidget(self.register, 1)
        manages = self.manages = user.has_role(*MANAGERS)
        if manages:
            top.addWidget(self.term)
            top.addWidget(self.draft_button)
            top.addWidget(self.submit_button)
            top.addWidget(self.recompute_button)
            top.addWidget(self.amend_button)
        top.addWidget(self.export_button)
        self.bureau_button = QPushButton(icon("export"), self.tr("上报教育局…"))
        self.bureau_button.clicked.connect(self.report_to_bureau)
        self.profiles_button = QPushButton(self.tr("上报格式…"))
        self.profiles_button.clicked.connect(self.show_profiles)
        if user.has_role(*EXPORTERS):
            top.addWidget(self.bureau_button)
            top.addWidget(self.profiles_button)
        self.bureau_button.setVisible(user.has_role(*EXPORTERS))
        self.profiles_button.setVisible(user.has_role(*EXPORTERS))
        self.draft_button.setVisible(manages)
        self.submit_button.setVisible(manages)
        self.reported = QLabel()
        self.headers = [
            self.tr("工号"),
            self.tr("姓名"),
            self.tr("应参加"),
            self.tr("出勤"),
            self.tr("迟到"),
            self.tr("早退"),
            self.tr("请假"),
            self.tr("旷课"),
            self.tr("计入学时"),
            self.tr("外出及自学学时"),
            self.tr("学分"),
        ]
        self.table = read_only_table(self.headers)
        self.info = QLabel()
        self.info.setObjectName("listStatus")
        # 外出培训与自学 claims from Excel (T7, the ``external-training`` kind): each row a
        # claim sent to 教研处 for recognition, whose 学时 this tab's lines then count.
        self.claims_button = QPushButton(icon("import"), self.tr("导入外出培训…"))
        self.claims_button.setToolTip(
            self.tr("每行一份外出培训或自学学分申请，附证书扫描件；整个文件全部导入或全部不导入")
        )
        self.claims_button.clicked.connect(self.import_claims)
        self.claims_template = QPushButton(icon("export"), self.tr("下载导入模板…"))
        self.claims_template.clicked.connect(
            lambda _c=False: export_template(self, "external-training")
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.info, 1)
        for b in (self.claims_button, self.claims_template):
            bottom.addWidget(b)
            b.setVisible(manages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.reported)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.load_registers()

    def load_registers(self, keep: int | None = None) -> None:
        self.register.blockSignals(True)
        self.register.clear()
        pick = 0
        query = CreditRegister.select().order_by(CreditRegister.id.desc())
        for i, r in enumerate(query):
            state = labels.of(RegisterDocState, r.state)
            if training.last_report(r) is not None:
                state += "，" + self.tr("已上报")
            self.register.addItem(f"{r.number} {r.title}（{state}）", r.id)
            if r.id == keep:
                pick = i
        self.register.blockSignals(False)
        self.register.setCurrentIndex(pick if self.register.count() else -1)
        self.show_lines()

    def current(self) -> CreditRegister | None:
        key = self.register.currentData()
        return None if key is None else CreditRegister.get_by_id(key)

    def show_lines(self) -> None:
        reg = self.current()
        lines = training.lines_of(reg) if reg else []
        self.table.setRowCount(len(lines))
        for r, ln in enumerate(lines):
            values = (
                ln.teacher.staff_no,
                ln.teacher.name,
                ln.sessions,
                ln.attended,
                ln.late,
                ln.early,
                ln.leaves,
                ln.truancies,
                ln.credited_hours,
                ln.external_hours,
                ln.credits,
            )
            colour = FORFEITED if ln.disqualified else None
            for c, v in enumerate(values):
                self.table.setItem(r, c, cell(v, right=c >= 2, color=colour))
        editable = reg is not None and reg.state in (
            RegisterDocState.DRAFT,
            RegisterDocState.RETURNED,
        )
        self.submit_button.setEnabled(editable)
        # only a keeper's buttons are in the bar (a button outside it would be a window)
        acts = (
            documents.available_actions(self.user, reg) if reg is not None and self.manages else ()
        )
        self.recompute_button.setVisible("recompute" in acts)
        amend = self.manages and reg is not None and training.amendable(self.user, reg)
        self.amend_button.setVisible(amend)
        self.export_button.setEnabled(reg is not None)
        approved = reg is not None and reg.state == RegisterDocState.APPROVED
        self.bureau_button.setEnabled(approved)
        self.reported.setText(self.reported_text(training.last_report(reg)) if approved else "")
        self.info.setText(
            self.tr("%1 人；审定在审批中心进行").replace("%1", str(len(lines))) if reg else ""
        )

    @Slot()
    def draft(self) -> bool:
        year = training.school_year_of(now().date())
        term = int(self.term.currentData())
        return ops.attempt(
            self,
            lambda _ack: training.draft_credit_register(self.user, year, term),
            done=lambda r: self._done(r.id),
        )

    @Slot()
    def submit(self) -> bool:
        reg = self.current()
        return reg is not None and ops.attempt(
            self,
            lambda _ack: training.submit_credit_register(self.user, reg),
            done=lambda r: self._done(r.id),
        )

    @Slot()
    def recompute(self) -> bool:
        """重新计算 a draft or returned register (T4), its lines replaced by today's figures."""
        reg = self.current()
        return reg is not None and ops.attempt(
            self,
            lambda _ack: training.recompute_credit_register(self.user, reg),
            done=lambda r: self._done(r.id),
            reload=self.reload,
        )

    def amend_dialog(self) -> FormDialog | None:
        """更正登记 (T4, X2): the reason, then a new draft of the approved register's period."""
        reg = self.current()
        if reg is None:
            return None
        reason = Field("reason", "更正原因", required=True, max_length=200, label_en="Reason")
        dialog = FormDialog(
            f"{self.tr('更正登记')} · {reg.number}",
            (reason,),
            lambda v: training.amend_credit_register(self.user, reg, v["reason"]),
            parent=self,
        )
        dialog.accepted.connect(lambda: self._done(dialog.result.id))
        return dialog

    @Slot()
    def amend(self) -> CreditRegister | None:
        dialog = self.amend_dialog()
        if dialog is not None and dialog.exec() == FormDialog.DialogCode.Accepted:
            return dialog.result
        return None

    def _done(self, keep: int) -> None:
        self.load_registers(keep)
        self.changed()

    @Slot()
    def export(self) -> Any:
        reg = self.current()
        return (
            None
            if reg is None
            else export_register(self, "credit-register", {"register": reg.number})
        )

    def reported_text(self, export: BureauExport | None) -> str:
        """已上报 with who, when and the profile, or 未上报."""
        if export is None:
            return self.tr("未上报教育局")
        return (
            self.tr("已上报：%1 于 %2（%3）")
            .replace("%1", export.exported_by_name)
            .replace("%2", f"{export.exported_at:%Y-%m-%d %H:%M}")
            .replace("%3", export.profile)
        )

    def bureau_dialog(self) -> Any:
        """The profile and file of an export, opened (not run) so a test can fill it."""
        from desktop.training.bureau import BureauDialog

        reg = self.current()
        dialog = BureauDialog(self, reg.school_year if reg else "", self.user)
        dialog.accepted.connect(
            lambda: self.run_bureau_export(
                str(dialog.profile.currentData()), dialog.path.text().strip()
            )
        )
        return dialog

    @Slot()
    def show_profiles(self) -> Any:
        """上报格式…: the bureau's export profiles, kept before any register is approved."""
        from desktop.training.profiles import show_profiles

        return show_profiles(self.user, self)

    @Slot()
    def report_to_bureau(self) -> None:
        self.bureau_dialog().open()

    def run_bureau_export(self, profile: str, path: str) -> BackgroundTask | None:
        """上报教育局 in the background; the register shows 已上报 once it is recorded."""
        reg = self.current()
        if reg is None or not path:
            return None

        def work(_progress: Progress) -> Any:
            from forms.training.bureau_export import export_credit_register

            return export_credit_register(self.user, reg.school_year, path, profile=profile)

        def said(result: Any) -> str:
            return (
                self.tr("已上报 %1 人，文件：").replace("%1", str(result.rows))
                + f"\n{result.path}\nSHA-256 {result.sha256}"
            )

        task = write_file(
            self,
            path,
            work,
            label=self.tr("正在生成上报文件…"),
            done_title=self.tr("上报教育局"),
            done_text=said,
        )
        task.done.connect(lambda _r: self._done(reg.id))
        return task

    def reload(self) -> None:
        reg = self.current()
        self.load_registers(reg.id if reg else None)

    @Slot()
    def import_claims(self) -> BackgroundTask | None:
        """The ``external-training`` kind through the import dialog: a dry run and its
        report, then every claim or none (``training.claim_external`` per row)."""
        from forms.kinds import get_kind

        def after() -> None:
            self.load_registers()
            self.changed()

        return import_dialog(self, get_kind("external-training"), self.user, after)
