"""The error workbook: the rejected input rows plus an 错误 column, ready to fix and re-upload.

Only rejected rows are copied (accepted rows would be imported twice on re-upload in insert
mode). The header is the input's own, so the fixed file imports with the same column map;
the importer ignores the 错误 column. A second sheet lists every error with its location,
including problems with the file as a whole (a missing column). Nothing secret is in it:
initial passwords live only in ``ImportResult.secrets``.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from forms.excel_cells import put
from forms.excel_import import ERROR_COLUMN
from forms.excel_result import ImportResult, errors_by_row
from forms.values import REASON_MAX, echo

RED = Font(color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def write_error_workbook(result: ImportResult, path: str | Path) -> Path:
    """Write the rejected rows of ``result`` to ``path`` (.xlsx) and return the path."""
    path = Path(path)
    book = Workbook()
    ws = book.active
    ws.title = (result.sheet or "数据")[:31]
    header = [h for h in result.header]
    while header and (header[-1] is None or header[-1] == ""):
        header.pop()
    for c, label in enumerate(header, start=1):
        put(ws, 1, c, label).fill = HEADER_FILL
    error_col = len(header) + 1
    put(ws, 1, error_col, ERROR_COLUMN).font = Font(bold=True, color="C00000")
    grouped = errors_by_row(result.errors)
    out_row = 2
    for row_no in result.rejected_rows:
        cells = result.source_rows.get(row_no, [])
        for c, value in enumerate(cells[: len(header)], start=1):
            if value is not None and value != "":
                put(ws, out_row, c, value)
        text = "；".join(
            (f"{e.column}：" if e.column else "") + echo(e.zh, REASON_MAX)
            for e in grouped.get(row_no, [])
        )
        cell = put(ws, out_row, error_col, f"第 {row_no} 行：{text}")
        cell.font = RED
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        out_row += 1
    ws.column_dimensions[_letter(error_col)].width = 60
    ws.freeze_panes = "A2"

    listing = book.create_sheet("错误说明")
    for c, label in enumerate(("工作表", "行", "列", "值", "原因", "Reason"), start=1):
        put(listing, 1, c, label).fill = HEADER_FILL
    for r, e in enumerate(result.errors, start=2):
        put(listing, r, 1, e.sheet)
        put(listing, r, 2, e.row if e.row is not None else "整个文件")
        put(listing, r, 3, e.column or "")
        put(listing, r, 4, echo(e.value) if e.value is not None else "")
        put(listing, r, 5, echo(e.zh, REASON_MAX))
        put(listing, r, 6, echo(e.en, REASON_MAX))
    for letter, width in zip("ABCDEF", (14, 8, 12, 20, 50, 50), strict=True):
        listing.column_dimensions[letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
