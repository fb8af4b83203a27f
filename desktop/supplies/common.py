"""Small pieces every tab of 办公用品 shares: read-only tables, numeric cells, and the
print/export doors that prefer ``forms.supplies`` when the forms module declares them and
fall back to the generic engines otherwise."""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop import errors
from desktop.i18n import translator
from desktop.tasks import BackgroundTask, Progress

tr = translator("supplies")  # module-level strings of this package share one context


def read_only_table(headers: Sequence[str], parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(28)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def cell(value: Any, *, right: bool = False) -> QTableWidgetItem:
    text = (
        ""
        if value is None
        else f"{value:%Y-%m-%d %H:%M}"
        if isinstance(value, datetime)
        else str(value)
    )
    item = QTableWidgetItem(text)  # read-only through the table's edit triggers
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def fill(table: QTableWidget, rows: Iterable[Sequence[Any]], right: Iterable[int] = ()) -> None:
    """Replace the rows of a read-only table; columns in ``right`` are numbers."""
    right_cols = set(right)
    data = list(rows)
    table.setRowCount(len(data))
    for r, row in enumerate(data):
        for c, value in enumerate(row):
            table.setItem(r, c, cell(value, right=c in right_cols))


# --- forms doors -------------------------------------------------------------------------


def supplies_forms() -> Any | None:
    """``forms.supplies`` when the forms module exists in this build, else ``None``."""
    try:
        return importlib.import_module("forms.supplies")
    except ModuleNotFoundError:
        return None


def forms_module(name: str) -> Any | None:
    """A forms module another engineer may not have delivered yet in this build."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def printable(*names: str) -> str | None:
    """The first of ``names`` that ``forms.printing`` can print, or ``None``."""
    from forms.printing import get_printable
    from models.errors import HouqinError

    for name in names:
        try:
            get_printable(name)
        except HouqinError:
            continue
        return name
    return None


def open_file(path: str | Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_form(parent: QWidget, name: str, record_id: int) -> BackgroundTask:
    """Render a registered printable to a PDF in the background and open it."""
    out = Path(tempfile.gettempdir()) / f"houqin-{name}-{record_id}.pdf"

    def work(_progress: Progress) -> Path:
        from forms.printing import print_form as render

        return render(name, record_id, out)

    return (
        BackgroundTask(parent, work).with_progress(tr("正在生成打印文件…")).success(open_file).run()
    )


def ask_save(parent: QWidget, title: str, suggested: str) -> str | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, tr("Excel 工作簿 (*.xlsx)"))
    return name or None


def write_in_background(
    parent: QWidget,
    path: str,
    work: Callable[[Progress], Any],
    *,
    label: str,
    done_title: str,
    on_done: Callable[[Any], None] | None = None,
) -> BackgroundTask:
    """Write a file off the GUI thread, then say where it went."""

    def done(result: Any) -> None:
        if on_done is not None:
            on_done(result)
        errors.inform(parent, done_title, tr("已保存到：") + f"\n{path}")

    return BackgroundTask(parent, work).with_progress(label).success(done).run()
