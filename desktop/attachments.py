"""The files of one record (``models.attachments``), for any document window:

    panel = AttachmentsPanel(user, repair)   # any peewee record, or ``Owner(kind, id)``

A list (name, size, who, when; voided files struck out and grey when 显示已作废 is ticked),
添加… (a file dialog) or files dropped onto the panel, 打开 (a copy in a temporary folder, in
the system's viewer), 另存为…, and 作废… (asks for the reason). Uploads and downloads run on
the database worker (``desktop.tasks``) with the usual delayed progress dialog and Cancel;
every refusal goes through ``desktop.errors``. The panel writes nothing itself: each button
calls one use case.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import errors
from desktop.icons import icon
from desktop.tasks import BackgroundTask, Progress
from models import attachments
from models.attachments import Attachment, Owner
from models.base import BaseModel

VOIDED_COLOUR = "#999999"
ROW_HEIGHT = 26
# Characters Windows refuses in a file name, and the device names it reserves.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))} | {
    f"LPT{i}" for i in range(1, 10)
}


def format_size(size: int) -> str:
    """812 B, 1.5 KB, 20.0 MB: in 1024s, as the file manager shows them."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def local_file_name(name: str) -> str:
    """``name`` made safe for the local disk (a name from another desktop may hold ``:`` or
    be ``CON.txt`` on Windows)."""
    safe = _UNSAFE.sub("_", name).rstrip(" .") or "attachment"
    if safe.split(".", 1)[0].upper() in _RESERVED:
        safe = "_" + safe
    return safe


class AttachmentsPanel(QWidget):
    """The attachments of ``owner``, seen and changed by ``user``."""

    changed = Signal()  # a file was added or voided

    @staticmethod
    def title() -> str:
        """附件: the heading a document window puts above the panel."""
        return QCoreApplication.translate("AttachmentsPanel", "附件")

    def __init__(
        self,
        user: Any,
        owner: BaseModel | Owner | tuple[str, int],
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.user = user
        self.owner = owner
        self.read_only = read_only  # a window that only reads (a teacher's own archive)
        # 添加 only for whoever the record's domain lets file there (``attach`` decides).
        self.may_add = not read_only and attachments.may_attach(user, owner)
        self.rows: list[Attachment] = []
        self.tasks: list[BackgroundTask] = []  # the last uploads and downloads (tests wait)
        self.setAcceptDrops(self.may_add)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("文件名"), self.tr("大小"), self.tr("上传人"), self.tr("上传时间")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(3 * ROW_HEIGHT + 30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())

        self.add_button = QPushButton(icon("add"), self.tr("添加…"))
        self.open_button = QPushButton(icon("open"), self.tr("打开"))
        self.save_button = QPushButton(icon("save"), self.tr("另存为…"))
        self.void_button = QPushButton(icon("void"), self.tr("作废…"))
        self.add_button.clicked.connect(lambda _c=False: self.choose_files())
        self.open_button.clicked.connect(lambda _c=False: self.open_selected())
        self.save_button.clicked.connect(lambda _c=False: self.save_selected())
        self.void_button.clicked.connect(lambda _c=False: self.void_selected())
        self.show_voided = QCheckBox(self.tr("显示已作废"))
        self.show_voided.toggled.connect(lambda _on: self.reload())
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.status.setWordWrap(True)

        side = QVBoxLayout()
        for widget in (self.add_button, self.open_button, self.save_button, self.void_button):
            side.addWidget(widget)
        self.add_button.setVisible(self.may_add)
        self.void_button.setVisible(not read_only)
        side.addStretch(1)
        side.addWidget(self.show_voided)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.table, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.status)
        self.reload()

    # --- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the record's files again (metadata only: one query)."""
        selected = self.selected()
        self.rows = attachments.attachments_of(
            self.owner, include_voided=self.show_voided.isChecked()
        )
        self.table.setRowCount(len(self.rows))
        for r, att in enumerate(self.rows):
            cells = [
                att.file_name,
                format_size(att.size),
                att.uploader_name,
                f"{att.uploaded_at:%Y-%m-%d %H:%M}",
            ]
            tip = f"{att.file_name}\n{att.mime_type} · SHA-256 {att.sha256[:16]}…"
            if att.is_voided:
                tip += (
                    "\n"
                    + self.tr("已作废：")
                    + f"{att.void_reason}（{att.voided_at:%Y-%m-%d %H:%M}）"
                )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if c == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if att.is_voided:
                    font = QFont(item.font())
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(QColor(VOIDED_COLOUR))
                self.table.setItem(r, c, item)
        if selected is not None:
            for r, att in enumerate(self.rows):
                if att.id == selected.id:
                    self.table.selectRow(r)
        live = sum(1 for a in self.rows if not a.is_voided)
        text = self.tr("共 %n 个附件", "", live)
        hint = "　" + self.tr("可将文件拖放到此处添加") if self.may_add else ""
        self.status.setText(text + hint)
        self._enable()

    def selected(self) -> Attachment | None:
        rows = self.table.selectionModel().selectedRows() if self.rows else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select(self, attachment_id: int) -> None:
        for r, att in enumerate(self.rows):
            if att.id == attachment_id:
                self.table.selectRow(r)
                return

    def file_names(self) -> list[str]:
        return [a.file_name for a in self.rows]

    def _enable(self) -> None:
        att = self.selected()
        self.open_button.setEnabled(att is not None)
        self.save_button.setEnabled(att is not None)
        self.void_button.setEnabled(att is not None and attachments.may_void(self.user, att))

    # --- adding --------------------------------------------------------------------------

    @Slot()
    def choose_files(self) -> list[BackgroundTask]:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("添加附件"))
        return self.add_files(names)

    def add_files(self, paths: Iterable[str | Path]) -> list[BackgroundTask]:
        """Upload each file in turn (the database worker runs them one after another); each
        is its own transaction, so one refusal keeps the others."""
        return [self.add_file(p) for p in paths if Path(p).is_file()]

    def add_file(
        self, path: str | Path, acknowledged: frozenset[str] = frozenset()
    ) -> BackgroundTask:
        path = Path(path)
        user, owner = self.user, self.owner

        def work(progress: Progress) -> Attachment:
            return attachments.attach(
                user, owner, path.name, path, progress=progress, acknowledged=acknowledged
            )

        def done(att: Attachment) -> None:
            self.reload()
            self.select(att.id)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            errors.show_error(self, exc, retry=lambda ack: self.add_file(path, ack | acknowledged))

        return self._run(
            BackgroundTask(self, work)
            .with_progress(self.tr("正在上传：") + path.name)
            .success(done)
            .failure(failed)
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).is_file()
        ]

    # --- reading -------------------------------------------------------------------------

    def _download(self, att: Attachment, target: Path, then: Any) -> BackgroundTask:
        attachment_id = att.id

        def work(progress: Progress) -> Path:
            return attachments.write_to(attachment_id, target, progress=progress)

        return self._run(
            BackgroundTask(self, work)
            .with_progress(self.tr("正在读取：") + att.file_name)
            .success(then)
        )

    @Slot()
    def open_selected(self) -> BackgroundTask | None:
        """A copy in a fresh temporary folder (a viewer may still hold the last one open),
        opened with the system's program for its type."""
        att = self.selected()
        if att is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix=f"houqin-attachment-{att.id}-"))
        target = folder / local_file_name(att.file_name)
        return self._download(
            att, target, lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        )

    @Slot()
    def save_selected(self) -> BackgroundTask | None:
        att = self.selected()
        if att is None:
            return None
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存附件"), local_file_name(att.file_name)
        )
        if not name:
            return None
        return self.save_selected_to(name)

    def save_selected_to(self, path: str | Path) -> BackgroundTask | None:
        att = self.selected()
        if att is None:
            return None
        return self._download(att, Path(path), lambda _path: None)

    # --- voiding -------------------------------------------------------------------------

    @Slot()
    def void_selected(self, reason: str | None = None) -> bool:
        """Void the selected file; without ``reason`` the user is asked for one."""
        att = self.selected()
        if att is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("作废附件"),
                self.tr("作废「%1」的原因：").replace("%1", att.file_name),
            )
            if not ok:
                return False
        try:
            attachments.void_attachment(self.user, att.id, reason)
        except Exception as exc:
            errors.show_error(self, exc, reload=self.reload)
            return False
        self.reload()
        self.changed.emit()
        return True

    # --- tasks ---------------------------------------------------------------------------

    def _run(self, task: BackgroundTask) -> BackgroundTask:
        self.tasks = [t for t in self.tasks if not t.finished]
        self.tasks.append(task)
        return task.run()
