"""Small helpers for writing input workbooks the way users' spreadsheets hold them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook


def write_xlsx(path: Path, rows: list[list[Any]], sheet: str = "Sheet1") -> Path:
    """Rows as typed cells (dates as date cells, numbers as numbers) via openpyxl."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
    book.save(path)
    return path


def cells(path: Path, sheet: str | None = None) -> list[list[Any]]:
    book = load_workbook(path)
    ws = book[sheet] if sheet else book.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]
