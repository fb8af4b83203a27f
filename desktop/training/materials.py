"""活动资料 (T6): the materials of one session, from the 考勤 tab's 活动资料… button.

The dialog lists the session's files in the attachments panel every record uses (open, save,
void with a reason, voided files shown on request). A file is added with its kind (讲稿,
签到表扫描, 照片, 其他) through ``training.add_session_material``, which puts the kind in front
of the file name and lets only whoever keeps the session's register file it (培训办 or the
group's leader); everyone else who reads the register reads the materials.

Why the panel's own 添加… is hidden: a material without its kind would be a file the archive
cannot sort, so every new file goes through the use case that takes the kind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels, ops
from desktop.attachments import AttachmentsPanel
from desktop.icons import icon
from models import attachments, training
from models.people import User
from models.training import MATERIAL_KINDS, TrainingSession


class SessionMaterialsDialog(QDialog):
    """The files of one session, added with their kind by whoever keeps its register."""

    def __init__(self, user: User, session: TrainingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.user = user
        self.session = session
        self.setWindowTitle(
            self.tr("活动资料") + f" · {session.date:%Y-%m-%d} {session.group.name} {session.topic}"
        )
        self.resize(680, 360)
        self.panel = AttachmentsPanel(user, session, self)
        self.panel.add_button.setVisible(False)  # every new file through the kind (T6)
        self.panel.setAcceptDrops(False)
        self.panel.status.setText(self.panel.status.text().split("　")[0])
        self.may_add = attachments.may_attach(user, session)
        self.kind = QComboBox()
        for k in MATERIAL_KINDS:  # shown in the interface language, the model's word kept
            self.kind.addItem(labels.code("material_kind", k), k)
        self.add_button = QPushButton(icon("add"), self.tr("添加资料…"))
        self.add_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("资料类别")))
        row.addWidget(self.kind)
        row.addWidget(self.add_button)
        row.addStretch(1)
        for w in (self.kind, self.add_button):
            w.setVisible(self.may_add)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)

    def file_names(self) -> list[str]:
        return self.panel.file_names()

    @Slot()
    def choose_file(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("添加活动资料"))
        return bool(name) and self.add_material(name)

    def add_material(self, path: str | Path, kind: str | None = None) -> bool:
        """``training.add_session_material`` with the chosen kind; refusals shown."""
        path = Path(path)
        chosen = kind or self.kind.currentData()
        session = self.session

        def run(_ack: frozenset[str]) -> attachments.Attachment:
            content = path.read_bytes()
            return training.add_session_material(self.user, session, chosen, (path.name, content))

        return ops.attempt(self, run, done=lambda _att: self.panel.reload())
