"""Excel export of the current view, Excel import with a dry run, and PDF printing, all
through the forms engine and all in the background (``desktop.tasks``).

- Export writes exactly what the list shows (its columns, filters, search and order) with
  ``forms.excel_export.write_register``: a register with title, filters line, totals and
  signature lines, streamed, so a million rows cost memory for one row.
- Import first runs ``forms.excel_import.import_file`` as a dry run, shows what would be
  inserted, updated and rejected (row-level details), and only then imports for real.
- Printing renders the form to a PDF (``forms.printing``) and opens it with the system's
  viewer, from which the user prints.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop import errors
from desktop.lazy_model import LazyQueryModel
from desktop.tasks import BackgroundTask, Progress
from forms.kinds import Kind
from forms.spec import Field, FormSpec
from models.errors import HouqinError

if TYPE_CHECKING:
    from desktop.list_view import ListView


def view_spec(title: str, model: LazyQueryModel) -> FormSpec:
    """A register declaration for what the list shows: one text column per list column."""
    fields = tuple(Field(c.key, c.title, width=max(8, c.width // 9)) for c in model.columns)
    return FormSpec(name="view", title=title, fields=fields)


def view_rows(model: LazyQueryModel) -> Iterator[dict[str, Any]]:
    """Every row of the current view, formatted as the list formats it, streamed."""
    columns = model.columns
    for row in model.view_query().dicts().iterator():
        yield {c.key: c.fmt(row.get(c.key)) for c in columns}


def export_view(
    view: ListView, path: str | Path, title: str, filters_text: str = ""
) -> BackgroundTask:
    """Export ``view``'s current query to ``path`` in the background."""
    model = view.model
    spec = view_spec(title, model)
    search = model.search_text.strip()
    text = "；".join(t for t in (filters_text, f"搜索：{search}" if search else "") if t) or "全部"

    def work(progress: Progress) -> Any:
        from forms.excel_export import write_register

        return write_register(
            spec,
            view_rows(model),
            path,
            filters_text=text,
            progress=lambda done, total: progress(done, total),
            cancelled=lambda: progress.cancelled,
        )

    def done(result: Any) -> None:
        errors.inform(
            view,
            QCoreApplication.translate("exporting", "导出 Excel"),
            QCoreApplication.translate("exporting", "已导出 %1 条到：").replace(
                "%1", str(result.rows)
            )
            + f"\n{result.path}"
            + (f"\n\n{result.summary().partition(chr(10))[0]}" if result.cut else ""),
        )

    return (
        BackgroundTask(view, work)
        .with_progress(QCoreApplication.translate("exporting", "正在导出…"))
        .success(done)
        .run()
    )


def export_action(title: str, filters_text: Callable[[], str] | None = None) -> Any:
    """The export button's handler for a list: ask for a file, then export in background."""

    def run(view: ListView) -> BackgroundTask | None:
        stamp = datetime.now().strftime("%Y%m%d")
        name, _ = QFileDialog.getSaveFileName(
            view,
            QCoreApplication.translate("exporting", "导出 Excel"),
            f"{title}-{stamp}.xlsx",
            QCoreApplication.translate("exporting", "Excel 工作簿 (*.xlsx)"),
        )
        if not name:
            return None
        return export_view(view, name, title, filters_text() if filters_text else "")

    return run


def import_file(
    parent: QWidget,
    kind: Kind,
    path: str | Path,
    actor: Any,
    *,
    dry_run: bool,
    on_done: Callable[[Any], None],
    mode: str = "insert",
) -> BackgroundTask:
    """Run the forms importer in the background; ``on_done(result)`` on the GUI thread.
    Rejected rows are not an exception: they are in ``result.errors``."""

    def work(progress: Progress) -> Any:
        from forms.excel_import import import_file as run_import

        return run_import(
            kind,
            path,
            actor=actor,
            mode=mode,
            dry_run=dry_run,
            progress=lambda done, total: progress(done, total),
            cancelled=lambda: progress.cancelled,
        )

    label = (
        QCoreApplication.translate("exporting", "正在检查…")
        if dry_run
        else QCoreApplication.translate("exporting", "正在导入…")
    )
    return BackgroundTask(parent, work).with_progress(label).success(on_done).run()


class ImportRejected(HouqinError):
    """Shown through the error router: the summary, and every rejected cell as details."""

    def __init__(self, result: Any) -> None:
        zh, _, en = result.summary().partition("\n")
        super().__init__(zh, en)
        self.details = [str(e) for e in result.errors]


def import_dialog(parent: QWidget, kind: Kind, actor: Any, after: Callable[[], None]) -> None:
    """Choose a file, dry-run it, show the outcome, import on confirmation."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("exporting", "从 Excel 导入"),
        "",
        QCoreApplication.translate("exporting", "Excel 工作簿 (*.xlsx *.xlsm)"),
    )
    if not name:
        return

    def checked(result: Any) -> None:
        if not result.ok:
            errors.show_error(parent, ImportRejected(result))
            return
        if errors.confirm(
            parent,
            QCoreApplication.translate("exporting", "从 Excel 导入"),
            result.summary() + "\n\n" + QCoreApplication.translate("exporting", "确认导入？"),
        ):
            import_file(parent, kind, name, actor, dry_run=False, on_done=imported)

    def imported(result: Any) -> None:
        if not result.ok:
            errors.show_error(parent, ImportRejected(result))
            return
        secrets = "\n".join(f"{k}：{v}" for k, v in result.secrets.items())
        text = result.summary()
        if secrets:
            text += "\n\n" + QCoreApplication.translate(
                "exporting", "新用户的初始密码只显示这一次，见详细信息。"
            )
        errors.inform(
            parent, QCoreApplication.translate("exporting", "从 Excel 导入"), text, secrets
        )
        after()

    import_file(parent, kind, name, actor, dry_run=True, on_done=checked)


def print_pdf(parent: QWidget, form: str, record_id: int) -> BackgroundTask:
    """Render a form to a PDF in the background and open it in the system viewer."""
    out = Path(tempfile.gettempdir()) / f"houqin-{form}-{record_id}.pdf"

    def work(_progress: Progress) -> Path:
        from forms.printing import print_form

        return print_form(form, record_id, out)

    def done(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    return (
        BackgroundTask(parent, work)
        .with_progress(QCoreApplication.translate("exporting", "正在生成打印文件…"))
        .success(done)
        .run()
    )
