"""Files from a window, every one through the forms engine and in the background
(``desktop.tasks``): Excel export of the current view or of a register, import templates,
Excel import with a dry run, any other file a page writes, and PDF printing.

- Export of a view writes exactly what the list shows (its columns, filters, search and
  order) with ``forms.excel_export.write_register``: a register with title, filters line,
  totals and signature lines, streamed, so a million rows cost memory for one row.
- Export of a register writes a kind's own register (``forms.excel_export.export_register``)
  with the filters the page has chosen; its import template comes from the same kind.
- Import first runs ``forms.excel_import.import_file`` (or a page's own importer) as a dry
  run, shows what would be inserted, updated and rejected (row-level details), and only then
  imports for real. A refused file offers the command line's error workbook
  (``forms.excel_errors.write_error_workbook``): its rejected rows with an 错误 column, to fix
  and import again.
- ``write_file`` runs any other writer (a report, a page's register) and says where it went.
- Printing renders the form to a PDF (``forms.printing``) and shows it in the print preview
  (``desktop.print_preview``), from which the user prints or saves it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import peewee
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop import errors
from desktop.i18n import translator
from desktop.lazy_model import Column, LazyQueryModel
from desktop.tasks import BackgroundTask, Progress
from forms.kinds import Kind, get_kind
from forms.spec import Field, FieldType, FormSpec
from models.errors import HouqinError

if TYPE_CHECKING:
    from desktop.list_view import ListView

EXCEL = "Excel 工作簿 (*.xlsx)"


tr = translator("exporting")


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str | None:
    """Where to save an Excel file (``None``: the user cancelled)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, tr(EXCEL))
    return name or None


def ask_error_book_path(parent: QWidget, suggested: str) -> str | None:
    """Where to save a refused import's error list (``None``: cancelled). Its own door, so
    desktop tests answer it once (``None``) and never meet a real dialog."""
    return ask_save_path(parent, tr("保存错误清单"), suggested)


def stamped(title: str) -> str:
    """A file name for today's export of ``title``."""
    return f"{title}-{datetime.now():%Y%m%d}.xlsx"


def write_file(
    parent: QWidget,
    path: str | Path,
    work: Callable[[Progress], Any],
    *,
    label: str,
    done_title: str,
    done_text: Callable[[Any], str] | None = None,
) -> BackgroundTask:
    """Write a file off the GUI thread with ``work(progress)``, then say where it went
    (``done_text(result)``, by default "已保存到：path")."""

    def done(result: Any) -> None:
        text = done_text(result) if done_text else tr("已保存到：") + f"\n{path}"
        errors.inform(parent, done_title, text)

    return BackgroundTask(parent, work).with_progress(label).success(done).run()


def exported(result: Any) -> str:
    """What an export says when it is done: how many rows, and where."""
    text = tr("已导出 %1 条到：").replace("%1", str(result.rows)) + f"\n{result.path}"
    if getattr(result, "cut", None):  # text over Excel's cell limit was cut: say so
        text += "\n\n" + result.summary().partition("\n")[0]
    return text


def view_spec(title: str, model: LazyQueryModel) -> FormSpec:
    """A register declaration for what the list shows, one column per list column, typed
    as the command line's registers are: numbers as numbers, dates as dates (``typed``),
    everything the list puts into words as its words."""
    fields = tuple(_view_field(c) for c in model.columns)
    return FormSpec(name="view", title=title, fields=fields)


def typed(column: Column) -> FieldType:
    """The Excel type of a list column: its database column's, when the list shows the value
    as a number or a date (its own digits, grouped or not); text when the list turns it into
    words (a state, 是/否) or builds it from the row."""
    expr = column.expr
    if column.text is not None or not isinstance(expr, peewee.Field):
        return FieldType.TEXT
    if isinstance(expr, peewee.ForeignKeyField | peewee.BooleanField):
        return FieldType.TEXT
    samples: list[tuple[type, Any, FieldType]] = [
        (peewee.DecimalField, Decimal("1234.5"), FieldType.MONEY),
        (peewee.IntegerField, 1234, FieldType.INTEGER),
        (peewee.DateTimeField, datetime(2026, 1, 2, 3, 4), FieldType.DATETIME),
        (peewee.DateField, date(2026, 1, 2), FieldType.DATE),
    ]
    for kind, sample, field_type in samples:
        if isinstance(expr, kind):
            shown = column.fmt(sample)
            return field_type if _same_value(shown, sample) else FieldType.TEXT
    return FieldType.TEXT


def _same_value(shown: str, sample: Any) -> bool:
    if isinstance(sample, datetime | date):
        return shown.startswith(sample.strftime("%Y-%m-%d"))
    digits = shown.replace(",", "").replace("¥", "").strip()
    try:
        return Decimal(digits) == Decimal(sample)
    except ArithmeticError:
        return False


def _view_field(column: Column) -> Field:
    kind = typed(column)
    numeric = kind in (FieldType.MONEY, FieldType.INTEGER)
    return Field(
        column.key,
        column.title,
        kind,
        width=max(8, column.width // 9),
        total=column.total and numeric,
    )


def view_rows(model: LazyQueryModel) -> Iterator[dict[str, Any]]:
    """Every row of the current view, streamed: typed values as they are, the rest as the
    list formats them."""
    plan = [(c.key, c, typed(c) != FieldType.TEXT) for c in model.columns]
    for row in model.view_query().dicts().iterator():
        yield {key: row.get(key) if raw else c.display(row) for key, c, raw in plan}


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

        return write_register(spec, view_rows(model), path, filters_text=text, **progress.hooks())

    return write_file(
        view, path, work, label=tr("正在导出…"), done_title=tr("导出 Excel"), done_text=exported
    )


def export_action(title: str, filters_text: Callable[[], str] | None = None) -> Any:
    """The export button's handler for a list: ask for a file, then export in background."""

    def run(view: ListView) -> BackgroundTask | None:
        name = ask_save_path(view, tr("导出 Excel"), stamped(title))
        if not name:
            return None
        return export_view(view, name, title, filters_text() if filters_text else "")

    return run


def export_register(
    parent: QWidget, kind_name: str, filters: dict[str, Any], path: str | None = None
) -> BackgroundTask | None:
    """The kind's register (``forms.excel_export.export_register``) with these filters."""
    kind = get_kind(kind_name)
    path = path or ask_save_path(parent, tr("保存 Excel"), stamped(kind.spec.title))
    if not path:
        return None

    def work(progress: Progress) -> Any:
        from forms.excel_export import export_register as write

        return write(kind, path, filters=filters, **progress.hooks())

    return write_file(
        parent, path, work, label=tr("正在导出…"), done_title=tr("导出 Excel"), done_text=exported
    )


def export_template(parent: QWidget, kind_name: str, path: str | None = None) -> Any:
    """The import template of a register: header row, dropdowns, an instructions sheet."""
    kind = get_kind(kind_name)
    path = path or ask_save_path(parent, tr("保存 Excel"), f"{kind.spec.title}-导入模板.xlsx")
    if not path:
        return None

    def work(_progress: Progress) -> Path:
        from forms.excel_template import write_template

        return write_template(kind, path)

    return write_file(
        parent,
        path,
        work,
        label=tr("正在生成模板…"),
        done_title=tr("导入模板"),
        done_text=lambda result: tr("模板已保存到：") + f"\n{result}",
    )


def importer(kind: Kind, path: str | Path, actor: Any, mode: str = "insert") -> Any:
    """``run(dry_run, progress)``: the forms importer for one file, all rows or none."""

    def run(dry_run: bool, progress: Progress) -> Any:
        from forms.excel_import import import_file as run_import

        return run_import(kind, path, actor=actor, mode=mode, dry_run=dry_run, **progress.hooks())

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
    run = importer(kind, path, actor, mode)
    label = tr("正在检查…") if dry_run else tr("正在导入…")
    work = lambda progress: run(dry_run, progress)  # noqa: E731
    return BackgroundTask(parent, work).with_progress(label).success(on_done).run()


class ImportRejected(HouqinError):
    """Shown through the error router: the summary, and every rejected cell as details."""

    def __init__(self, result: Any) -> None:
        zh, _, en = result.summary().partition("\n")
        super().__init__(zh, en)
        self.details = [str(e) for e in result.errors]


def choose_import_file(parent: QWidget, title: str | None = None) -> str | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, title or tr("从 Excel 导入"), "", tr("Excel 工作簿 (*.xlsx *.xlsm)")
    )
    return name or None


def import_checked(
    parent: QWidget,
    run: Callable[[bool, Progress], Any],
    after: Callable[[], None],
    title: str | None = None,
) -> BackgroundTask:
    """An import in two steps: ``run(dry_run=True, progress)`` first, its outcome shown (every
    rejected cell as details); on confirmation ``run(False, progress)`` writes it all."""
    title = title or tr("从 Excel 导入")

    def step(dry_run: bool, then: Callable[[Any], None]) -> BackgroundTask:
        label = tr("正在检查…") if dry_run else tr("正在导入…")
        work = lambda progress: run(dry_run, progress)  # noqa: E731
        return BackgroundTask(parent, work).with_progress(label).success(then).run()

    def checked(result: Any) -> None:
        if not result.ok:
            refused(parent, result, title)
            return
        if errors.confirm(parent, title, result.summary() + "\n\n" + tr("确认导入？")):
            step(False, imported)

    def imported(result: Any) -> None:
        if not result.ok:
            refused(parent, result, title)
            return
        secrets = "\n".join(f"{k}：{v}" for k, v in result.secrets.items())
        text = result.summary()
        if secrets:
            text += "\n\n" + tr("新用户的初始密码只显示这一次，见详细信息。")
        errors.inform(parent, title, text, secrets)
        after()

    return step(True, checked)


def refused(parent: QWidget, result: Any, title: str) -> BackgroundTask | None:
    """Show a refused import, then offer its error workbook (the rejected rows with an 错误
    column, as ``houqin import --errors`` writes it) so the user fixes the file and imports
    it again; written in the background, then says where."""
    from forms.excel_result import ImportResult

    errors.show_error(parent, ImportRejected(result))
    if not isinstance(result, ImportResult) or not result.errors:
        return None
    if not errors.confirm(
        parent, title, tr("是否保存错误清单（有错误的行和“错误”列，改正后可重新导入）？")
    ):
        return None
    path = ask_error_book_path(parent, stamped(tr("导入错误清单")))
    if not path:
        return None

    def work(_progress: Progress) -> Path:
        from forms.excel_errors import write_error_workbook

        return write_error_workbook(result, path)

    return write_file(
        parent,
        path,
        work,
        label=tr("正在保存错误清单…"),
        done_title=title,
        done_text=lambda saved: tr("错误清单已保存到：") + f"\n{saved}",
    )


def import_dialog(
    parent: QWidget, kind: Kind, actor: Any, after: Callable[[], None]
) -> BackgroundTask | None:
    """Choose a file, dry-run it, show the outcome, import on confirmation."""
    name = choose_import_file(parent)
    if not name:
        return None
    return import_checked(parent, importer(kind, name, actor), after)


def print_pdf(
    parent: QWidget, form: str, record_id: int, label: str | None = None
) -> BackgroundTask:
    """Render a registered printable to a PDF in the background and show it in the
    application's print preview (``desktop.print_preview``), from which the user prints."""
    out = Path(tempfile.gettempdir()) / f"houqin-{form}-{record_id}.pdf"

    def work(_progress: Progress) -> Path:
        from forms.printing import print_form

        return print_form(form, record_id, out)

    def done(path: Path) -> None:
        from desktop import print_preview

        print_preview.show(path, parent)

    label = label or tr("正在生成打印文件…")
    return BackgroundTask(parent, work).with_progress(label).success(done).run()
