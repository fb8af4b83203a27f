"""The small decisions of the training page, each one use case of ``models.training``:

- ``TopicDialog``: a session's 主题 and 主讲人 (T2), which its register needs before it opens;
  the speaker is picked from the group's members on the session's day;
- ``ExcuseDialog``: 有故缺席 (T3), 教研处's decision with a reason and optionally a file (a
  doctor's note), stored with the mark in the same transaction (``models.attachments``);
- ``CorrectionDialog``: 更正 a closed register's mark with a reason (T3), refused by the
  model once the term's credits are sent or approved (T4); the refusal stays in the dialog;
- ``MarkFilesDialog``: the files of one mark, in the attachments panel every record uses.

Nothing is written here: OK runs the use case through ``ActionDialog`` (``desktop.ops``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.attachments import AttachmentsPanel
from desktop.form_dialog import ActionDialog, file_row
from models import training
from models.people import User
from models.training import AttendanceMark, Mark, Teacher, TrainingSession

# What a correction may set: every mark but 未记 (缺席 after close is 旷课).
CORRECTABLE = (Mark.PRESENT, Mark.LATE, Mark.EARLY, Mark.LEAVE, Mark.EXCUSED, Mark.TRUANT)


def _form(dialog: ActionDialog, rows: list[tuple[str, QWidget]]) -> QVBoxLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    for label, widget in rows:
        form.addRow(label, widget)
    layout = QVBoxLayout(dialog)
    layout.addWidget(dialog.error)
    layout.addLayout(form)
    layout.addWidget(dialog.buttons)
    return layout


def _reason_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(72)
    return edit


def _head(m: AttendanceMark) -> str:
    s = m.session
    return f"{m.teacher}　{s.group.name} {s.date:%Y-%m-%d}　{labels.label(Mark(m.status))}" + (
        f"（{m.minutes}′）" if m.minutes else ""
    )


class TopicDialog(ActionDialog):
    """主题与主讲人 of ``session`` (``training.set_topic``)."""

    def __init__(self, user: User, session: TrainingSession, parent: QWidget | None = None):
        super().__init__(self.tr("主题与主讲人"), parent)
        self.setMinimumWidth(440)
        self.user, self.session = user, session
        self.topic = QLineEdit(session.topic)
        self.topic.setMaxLength(200)
        self.topic.setPlaceholderText(self.tr("如：大单元教学设计"))
        self.speaker = QComboBox()
        self.speaker.addItem("", None)
        members = training.members_on(session.group_id, session.date)
        if session.speaker_id is not None and session.speaker_id not in {t.id for t in members}:
            members.append(session.speaker)
        for t in members:
            self.speaker.addItem(str(t), t.id)
        self.speaker.setCurrentIndex(max(0, self.speaker.findData(session.speaker_id)))
        when = f"{session.group.name}　{session.date:%Y-%m-%d} {session.start_time:%H:%M}"
        _form(
            self,
            [
                (self.tr("教研活动："), QLabel(when)),
                (self.tr("主题*："), self.topic),
                (self.tr("主讲人*："), self.speaker),
            ],
        )

    def run(self, acknowledged: frozenset[str]) -> Any:
        key = self.speaker.currentData()
        speaker = Teacher.get_by_id(key) if key is not None else None
        return training.set_topic(self.user, self.session, self.topic.text(), speaker)


class ExcuseDialog(ActionDialog):
    """有故缺席 of ``mark`` (``training.excuse_absence``), a file optional."""

    def __init__(self, user: User, mark: AttendanceMark, parent: QWidget | None = None):
        super().__init__(self.tr("认定有故缺席"), parent)
        self.setMinimumWidth(480)
        self.user, self.mark = user, mark
        self.reason = _reason_edit()
        self.reason.setPlaceholderText(self.tr("如：因病住院，附医院证明"))
        self.file, row = file_row(
            self, self.tr("（可不附）"), self.tr("选择文件…"), self.tr("选择证明文件")
        )
        _form(
            self,
            [
                (self.tr("教师："), QLabel(_head(mark))),
                (self.tr("原因*："), self.reason),
                (self.tr("证明文件："), row),
            ],
        )

    def run(self, acknowledged: frozenset[str]) -> Any:
        path = self.file.text().strip()
        file = (Path(path).name, Path(path).read_bytes()) if path else None
        return training.excuse_absence(self.user, self.mark, self.reason.toPlainText(), file=file)


class CorrectionDialog(ActionDialog):
    """更正 ``mark`` of a closed register (``training.correct_mark``)."""

    def __init__(self, user: User, mark: AttendanceMark, parent: QWidget | None = None):
        super().__init__(self.tr("更正考勤"), parent)
        self.setMinimumWidth(480)
        self.user, self.mark = user, mark
        self.status = QComboBox()
        for m in CORRECTABLE:
            self.status.addItem(labels.label(m), m.value)
        self.status.setCurrentIndex(max(0, self.status.findData(mark.status)))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.minutes.setValue(mark.minutes or 0)
        self.status.currentIndexChanged.connect(lambda _i: self._enable())
        self.reason = _reason_edit()
        self.reason.setPlaceholderText(self.tr("如：签到表漏签，经核实实际出勤"))
        _form(
            self,
            [
                (self.tr("教师："), QLabel(_head(mark))),
                (self.tr("更正为*："), self.status),
                (self.tr("迟到或早退："), self.minutes),
                (self.tr("原因*："), self.reason),
            ],
        )
        self._enable()

    def _enable(self) -> None:
        self.minutes.setEnabled(self.status.currentData() in (Mark.LATE, Mark.EARLY))

    def run(self, acknowledged: frozenset[str]) -> Any:
        status = Mark(self.status.currentData())
        minutes = self.minutes.value() if status in (Mark.LATE, Mark.EARLY) else None
        return training.correct_mark(
            self.user, self.mark, status, self.reason.toPlainText(), minutes or None
        )


class MarkFilesDialog(QDialog):
    """The files of one mark (a doctor's note given with an excuse, or added later)."""

    def __init__(self, user: User, mark: AttendanceMark, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{AttachmentsPanel.title()} · {mark.teacher}")
        self.resize(620, 300)
        self.panel = AttachmentsPanel(user, mark, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_head(mark)))
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
