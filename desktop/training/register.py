"""考勤: one session's register, marked from the keyboard (T3).

Pick the session, 开始考勤 takes the roster (a member with approved leave comes marked 请假),
then the 考勤 column is filled one row at a time: 1 出勤, 2 迟到, 3 早退, 4 请假, 5 缺席 (or the
space bar for 出勤); the cursor moves down after each key, so a 60-person register is 60
keys. 迟到 and 早退 need their minutes, typed in the 分钟 column. 保存 sends every marked row
in one ``mark_many`` (all or nothing); 确认考勤 closes the register and every 缺席 becomes
旷课 (``close_register``), which the table then shows in red.

培训办 (教研处) decides on the selected row: 有故缺席… (a 缺席 while the register is open, a
旷课 soon after it closed; a reason, a file optional), 更正… (a closed register's mark, with a
reason; the model refuses it once the term's credits are sent or approved, and the dialog
says so), 附件… (the mark's files). 主题与主讲人… sets what the register needs to open.

Whoever keeps registers may instead bring a marked 签到表 back from Excel: 导入签到表… runs the
``attendance`` kind through the import dialog (a dry run and its report, then ``mark_many``
per register, the whole file or nothing), 下载导入模板… gives its empty sheet. 活动资料…
opens the selected session's materials (T6, ``desktop.training.materials``).

Why the marks are kept on the screen until 保存 rather than written per key: one transaction
per register keeps a slow network from pausing every key, and a refusal (请假 without an
approved leave) names the row before anything is written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop import labels, ops
from desktop.icons import icon
from desktop.module_page import PageTab
from desktop.tables import read_only_table
from models import training
from models.base import now
from models.people import Role, User
from models.training import (
    MANAGERS,
    Mark,
    MarkInput,
    RegisterState,
    SessionState,
    TeachingGroup,
    TrainingSession,
)

KEYS = {
    Qt.Key.Key_1: Mark.PRESENT,
    Qt.Key.Key_Space: Mark.PRESENT,
    Qt.Key.Key_2: Mark.LATE,
    Qt.Key.Key_3: Mark.EARLY,
    Qt.Key.Key_4: Mark.LEAVE,
    Qt.Key.Key_5: Mark.ABSENT,
}
COLOURS = {Mark.TRUANT: "#c0392b", Mark.ABSENT: "#c0392b", Mark.PENDING: "#888888"}
STATUS, MINUTES = 2, 3


class RegisterTab(PageTab):
    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        # 培训办 keeps every register, a 教研组长 his group's; a leader only reads them.
        self.keeps = user.has_role(*MANAGERS) or training.leads_a_group(user)
        self.marks: list[training.AttendanceMark] = []
        self.chosen: dict[int, Mark] = {}  # row → the mark typed, not saved yet
        self.session = QComboBox()
        self.session.setMinimumWidth(360)
        self.session.currentIndexChanged.connect(lambda _i: self.show_register())
        self.info = QLabel()
        self.open_button = QPushButton(icon("open"), self.tr("开始考勤"))
        self.open_button.clicked.connect(self.open_register)
        self.all_button = QPushButton(self.tr("其余全部出勤"))
        self.all_button.clicked.connect(self.mark_rest_present)
        self.save_button = QPushButton(icon("save"), self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(icon("lock"), self.tr("确认考勤"))
        self.close_button.setToolTip(self.tr("确认后缺席记为旷课，只能由培训办更正"))
        self.close_button.clicked.connect(self.close_register)
        # 教研处's decisions on one mark, and the session's topic (培训办 only).
        self.office = user.has_role(Role.TRAINING)
        self.topic_button = QPushButton(icon("edit"), self.tr("主题与主讲人…"))
        self.topic_button.clicked.connect(self.edit_topic)
        self.excuse_button = QPushButton(self.tr("有故缺席…"))
        self.excuse_button.setToolTip(self.tr("教研处认定有故缺席：写明原因，可附证明文件"))
        self.excuse_button.clicked.connect(self.excuse)
        self.correct_button = QPushButton(icon("edit"), self.tr("更正…"))
        self.correct_button.setToolTip(
            self.tr("更正已确认的考勤，须写明原因；学分已报批后不能更正")
        )
        self.correct_button.clicked.connect(self.correct)
        self.files_button = QPushButton(self.tr("附件…"))
        self.files_button.clicked.connect(self.show_files)
        # The marked 签到表 back from Excel (T3, the ``attendance`` kind) and its template,
        # for whoever keeps registers; the session's materials (T6) for everyone who reads.
        self.import_button = QPushButton(icon("import"), self.tr("导入签到表…"))
        self.import_button.setToolTip(
            self.tr("导入已填写考勤的签到表：整个文件全部导入或全部不导入")
        )
        self.import_button.clicked.connect(self.import_sheet)
        self.template_button = QPushButton(icon("export"), self.tr("下载导入模板…"))
        self.template_button.clicked.connect(self.download_template)
        self.materials_button = QPushButton(self.tr("活动资料…"))
        self.materials_button.setToolTip(self.tr("本次教研活动的讲稿、签到表扫描、照片等资料"))
        self.materials_button.clicked.connect(self.show_materials)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("教研活动")))
        top.addWidget(self.session, 1)
        self.topic_button.setVisible(user.has_role(*MANAGERS))
        top.addWidget(self.topic_button)
        for b in (self.open_button, self.all_button, self.save_button, self.close_button):
            top.addWidget(b)
            b.setVisible(self.keeps)
        decide = QHBoxLayout()
        for b in (self.excuse_button, self.correct_button, self.files_button):
            decide.addWidget(b)
            b.setVisible(self.office)
        decide.addStretch(1)
        decide.addWidget(self.materials_button)
        for b in (self.import_button, self.template_button):
            decide.addWidget(b)
            b.setVisible(self.keeps)
        self.table: QTableWidget = read_only_table(
            [self.tr("工号"), self.tr("姓名"), self.tr("考勤"), self.tr("分钟"), self.tr("备注")]
        )
        self.table.installEventFilter(self)
        self.hint = QLabel(
            self.tr(
                "按键：1 出勤 · 2 迟到 · 3 早退 · 4 请假 · 5 缺席（空格 = 出勤）；迟到、早退填分钟"
            )
        )
        self.hint.setObjectName("listStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        layout.addWidget(self.hint)
        self.table.currentCellChanged.connect(lambda *_a: self._enable_decisions())
        self.load_sessions()

    # --- which sessions ------------------------------------------------------------------

    def _sessions(self) -> Any:
        query = (
            TrainingSession.select(TrainingSession, TeachingGroup)
            .join(TeachingGroup)
            .where(
                (TrainingSession.state == SessionState.PLANNED)
                & (TrainingSession.date <= now().date())
            )
            .order_by(TrainingSession.date.desc(), TeachingGroup.name)
        )
        if not self.user.has_role(*MANAGERS, Role.LEADER):
            own = training.teacher_of_user(self.user)
            query = query.where(TeachingGroup.leader == (own.id if own else 0))
        return query

    def load_sessions(self, keep: int | None = None) -> None:
        self.session.blockSignals(True)
        self.session.clear()
        pick = 0
        for i, s in enumerate(self._sessions()):
            state = labels.of(RegisterState, s.register_state)
            self.session.addItem(f"{s.date:%Y-%m-%d} {s.group.name} {s.topic}（{state}）", s.id)
            if s.id == keep:
                pick = i
        self.session.blockSignals(False)
        self.session.setCurrentIndex(pick if self.session.count() else -1)
        self.show_register()

    def select_session(self, session_id: int) -> None:
        self.session.setCurrentIndex(self.session.findData(session_id))

    def current(self) -> TrainingSession | None:
        key = self.session.currentData()
        return None if key is None else TrainingSession.get_by_id(key)

    # --- the register --------------------------------------------------------------------

    def show_register(self) -> None:
        s = self.current()
        state = RegisterState(s.register_state) if s else None
        self.chosen = {}
        self.marks = training.roster_of(s) if s and state != RegisterState.NONE else []
        self.table.setRowCount(len(self.marks))
        for r, m in enumerate(self.marks):
            for c, text in enumerate((m.teacher.staff_no, m.teacher.name, "", "", m.note)):
                self.table.setItem(r, c, QTableWidgetItem(text))
            self._show_mark(r, Mark(m.status), m.minutes)
        editable = self.keeps and state == RegisterState.OPEN
        self.open_button.setEnabled(self.keeps and state == RegisterState.NONE)
        for b in (self.all_button, self.save_button, self.close_button):
            b.setEnabled(editable)
        self.topic_button.setEnabled(s is not None and state != RegisterState.CLOSED)
        self.materials_button.setEnabled(s is not None)
        self._enable_decisions()
        if s is None:
            self.info.setText(self.tr("没有已到活动日的教研活动。"))
            return
        topic = s.topic or self.tr("（未定主题）")
        speaker = self.tr("主讲人：") + (s.speaker.name if s.speaker_id else self.tr("未定"))
        self.info.setText(
            f"{s.group.name} · {s.date:%Y-%m-%d} {s.start_time:%H:%M}—{s.end_time:%H:%M}"
            f" · {topic} · {speaker} · {labels.label(state)}"
        )
        if editable and self.marks:
            self.table.setCurrentCell(0, STATUS)
            self.table.setFocus()

    def _show_mark(self, row: int, status: Mark, minutes: int | None) -> None:
        item = QTableWidgetItem(labels.label(status))
        colour = COLOURS.get(status)
        if colour:
            item.setForeground(QColor(colour))
        self.table.setItem(row, STATUS, item)
        self.table.setItem(row, MINUTES, QTableWidgetItem("" if minutes is None else str(minutes)))

    def status_text(self, row: int) -> str:
        return self.table.item(row, STATUS).text()

    def set_mark(self, row: int, status: Mark, minutes: int | None = None) -> None:
        """What a key does: the row's mark on the screen, to be saved."""
        self.chosen[row] = status
        if minutes is None and status not in (Mark.LATE, Mark.EARLY):
            minutes = None
        elif minutes is None:
            text = self.table.item(row, MINUTES).text().strip()
            minutes = int(text) if text.isdigit() else None
        self._show_mark(row, status, minutes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            status = KEYS.get(Qt.Key(event.key()))
            row = self.table.currentRow()
            if status is not None and row >= 0 and self.save_button.isEnabled():
                if self.table.currentColumn() == MINUTES and event.key() != Qt.Key.Key_Space:
                    return self._type_minutes(row, event.text())
                self.set_mark(row, status)
                if status in (Mark.LATE, Mark.EARLY):
                    self.table.setCurrentCell(row, MINUTES)
                else:
                    self.table.setCurrentCell(min(row + 1, self.table.rowCount() - 1), STATUS)
                return True
            if self.table.currentColumn() == MINUTES and event.text().isdigit():
                return self._type_minutes(row, event.text())
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
                self.table.setCurrentCell(min(row + 1, self.table.rowCount() - 1), STATUS)
                return True
        return super().eventFilter(watched, event)

    def _type_minutes(self, row: int, digit: str) -> bool:
        item = self.table.item(row, MINUTES)
        item.setText((item.text() + digit)[-3:])
        return True

    def _entries(self) -> list[MarkInput]:
        entries = []
        for row, status in sorted(self.chosen.items()):
            text = self.table.item(row, MINUTES).text().strip()
            minutes = int(text) if text.isdigit() and status in (Mark.LATE, Mark.EARLY) else None
            entries.append(MarkInput(self.marks[row].teacher_id, status, minutes))
        return entries

    # --- use cases -----------------------------------------------------------------------

    def _done(self, _result: Any = None) -> None:
        s = self.current()
        self.load_sessions(keep=s.id if s else None)
        self.changed()

    @Slot()
    def open_register(self) -> bool:
        s = self.current()
        return s is not None and ops.attempt(
            self, lambda _ack: training.open_register(self.user, s), done=self._done
        )

    @Slot()
    def mark_rest_present(self) -> None:
        for row, m in enumerate(self.marks):
            if row not in self.chosen and Mark(m.status) == Mark.PENDING:
                self.set_mark(row, Mark.PRESENT)

    @Slot()
    def save(self) -> bool:
        s = self.current()
        if s is None:
            return False
        entries = self._entries()
        if not entries:
            return True
        return ops.attempt(
            self, lambda _ack: training.mark_many(self.user, s, entries), done=self._done
        )

    @Slot()
    def close_register(self) -> bool:
        s = self.current()
        if s is None or not self.save():
            return False
        return ops.attempt(
            self,
            lambda _ack: training.close_register(self.user, TrainingSession.get_by_id(s.id)),
            done=self._done,
        )

    # --- 教研处's decisions on one mark ----------------------------------------------------

    def current_mark(self) -> training.AttendanceMark | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.marks):
            return None
        return training.AttendanceMark.get_by_id(self.marks[row].id)

    def _enable_decisions(self) -> None:
        """有故缺席 for a saved 缺席 of an open register or a 旷课 of a closed one; 更正 for
        any mark of a closed register (the model still decides: grace period, credits)."""
        s = self.current()
        row = self.table.currentRow()
        m = self.marks[row] if s is not None and 0 <= row < len(self.marks) else None
        state = RegisterState(s.register_state) if s else None
        status = Mark(m.status) if m else None
        self.excuse_button.setEnabled(
            (state == RegisterState.OPEN and status == Mark.ABSENT and row not in self.chosen)
            or (state == RegisterState.CLOSED and status == Mark.TRUANT)
        )
        self.correct_button.setEnabled(m is not None and state == RegisterState.CLOSED)
        self.files_button.setEnabled(m is not None)

    def _decide(self, dialog: QDialog) -> QDialog:
        row = max(self.table.currentRow(), 0)

        def done() -> None:
            self._done()
            if row < self.table.rowCount():
                self.table.setCurrentCell(row, STATUS)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    @Slot()
    def edit_topic(self) -> QDialog | None:
        from desktop.training.dialogs import TopicDialog

        s = self.current()
        return None if s is None else self._decide(TopicDialog(self.user, s, self))

    @Slot()
    def excuse(self) -> QDialog | None:
        from desktop.training.dialogs import ExcuseDialog

        m = self.current_mark()
        return None if m is None else self._decide(ExcuseDialog(self.user, m, self))

    @Slot()
    def correct(self) -> QDialog | None:
        from desktop.training.dialogs import CorrectionDialog

        m = self.current_mark()
        return None if m is None else self._decide(CorrectionDialog(self.user, m, self))

    @Slot()
    def show_files(self) -> QDialog | None:
        from desktop.training.dialogs import MarkFilesDialog

        m = self.current_mark()
        if m is None:
            return None
        dialog = MarkFilesDialog(self.user, m, self)
        dialog.open()
        return dialog

    # --- files: the marked sheet from Excel, the session's materials ----------------------

    @Slot()
    def import_sheet(self) -> Any:
        """The ``attendance`` kind through the import dialog (dry run, report, all or
        nothing, ``mark_many`` per register); the tab reloads after it is written."""
        from desktop.exporting import import_dialog
        from forms.kinds import get_kind

        return import_dialog(self, get_kind("attendance"), self.user, self._done)

    @Slot()
    def download_template(self) -> Any:
        from desktop.exporting import export_template

        return export_template(self, "attendance")

    @Slot()
    def show_materials(self) -> QDialog | None:
        from desktop.training.materials import SessionMaterialsDialog

        s = self.current()
        if s is None:
            return None
        dialog = SessionMaterialsDialog(self.user, s, self)
        dialog.open()
        return dialog

    def reload(self) -> None:
        s = self.current()
        if not self.chosen:
            self.load_sessions(keep=s.id if s else None)
