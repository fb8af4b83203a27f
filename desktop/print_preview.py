"""打印预览: the generated PDF, page by page, inside the application before anything goes to
the printer (a form printed in three copies is checked once, not three times on paper).

QtPdf renders the pages; 打印… draws them onto the printer the user picks, 另存为… keeps a
copy. An installation without QtPdf opens the file in the system's viewer instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

try:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # a PySide6 built without QtPdf
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]


def available() -> bool:
    return QPdfDocument is not None


class PrintPreview(QDialog):
    """One generated PDF: its pages, 打印… and 另存为…."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert QPdfDocument is not None and QPdfView is not None
        self.path = Path(path)
        self.setWindowTitle(self.tr("打印预览") + f" — {self.path.name}")
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(self.tr("共 %n 页", "", self.page_count()))
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button = QPushButton(self.tr("另存为…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_as)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)
        self.resize(820, 960)

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def save_as(self, target: str | None = None) -> Path | None:
        """Copy the PDF where the user says (``target`` given: without asking)."""
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("另存为"), self.path.name, self.tr("PDF 文件 (*.pdf)")
            )
        if not target:
            return None
        shutil.copyfile(self.path, target)
        return Path(target)

    def print_pages(self) -> bool:
        """Ask for a printer and draw every page on it at the printer's resolution."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.render_to(printer)

    def render_to(self, printer: object) -> bool:
        """Each page as an image the size of the printable area, one sheet each."""
        painter = QPainter()
        if not painter.begin(printer):  # type: ignore[arg-type]
            return False
        try:
            for index in range(self.page_count()):
                if index:
                    printer.newPage()  # type: ignore[attr-defined]
                area = painter.viewport()
                size = self.document.pagePointSize(index).toSize()
                size.scale(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = self.document.render(index, QSize(size.width(), size.height()))
                painter.drawImage(area.topLeft(), image)
        finally:
            painter.end()
        return True


def show(path: Path, parent: QWidget | None) -> QDialog | None:
    """The preview of ``path`` (non-modal, closed with its parent), or the system viewer when
    QtPdf is missing (then ``None``)."""
    if not available():
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return None
    dialog = PrintPreview(path, parent)
    dialog.show()
    return dialog
