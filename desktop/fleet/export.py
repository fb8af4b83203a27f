"""Excel through the forms engine for the fleet's registers: the import template and the
register export (title, unit, filters line, signature lines), in the background."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop import errors
from desktop.fleet.common import tr
from desktop.tasks import BackgroundTask, Progress
from forms.kinds import get_kind


def ask_path(parent: QWidget, name: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, tr("保存 Excel"), name, tr("Excel 工作簿 (*.xlsx)")
    )
    return path


def register_export(
    parent: QWidget, kind_name: str, filters: dict[str, Any], path: str | None = None
) -> BackgroundTask | None:
    """The kind's register (``forms.excel_export.export_register``) with these filters."""
    kind = get_kind(kind_name)
    stamp = datetime.now().strftime("%Y%m%d")
    path = path or ask_path(parent, f"{kind.spec.title}-{stamp}.xlsx")
    if not path:
        return None

    def work(progress: Progress) -> Any:
        from forms.excel_export import export_register

        return export_register(
            kind,
            path,
            filters=filters,
            progress=lambda done, total: progress(done, total),
            cancelled=lambda: progress.cancelled,
        )

    def done(result: Any) -> None:
        errors.inform(
            parent,
            tr("导出 Excel"),
            tr("已导出 %1 条到：").replace("%1", str(result.rows)) + f"\n{result.path}",
        )

    return BackgroundTask(parent, work).with_progress(tr("正在导出…")).success(done).run()


def template_export(
    parent: QWidget, kind_name: str, path: str | None = None
) -> BackgroundTask | None:
    """The import template of a register: header row, dropdowns, an instructions sheet."""
    kind = get_kind(kind_name)
    path = path or ask_path(parent, f"{kind.spec.title}-导入模板.xlsx")
    if not path:
        return None

    def work(_progress: Progress) -> Path:
        from forms.excel_template import write_template

        return write_template(kind, path)

    def done(result: Path) -> None:
        errors.inform(parent, tr("导入模板"), tr("模板已保存到：") + f"\n{result}")

    return BackgroundTask(parent, work).with_progress(tr("正在生成模板…")).success(done).run()
