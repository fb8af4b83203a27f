"""Writing cells safely: user text is always text, never a formula.

openpyxl (and xlsxwriter) treat a ``str`` that starts with ``=`` as a formula, so a name like
``=cmd|' /C calc'!A0`` typed by a user would run as a formula when a colleague opens the
file (CSV/formula injection). Every cell Houqin writes from user data goes through here.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the xlsxwriter export uses the formats here without loading openpyxl
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"


def decimal_format(places: int) -> str:
    """``0.0`` for one place, ``0`` for none: a DECIMAL field shows exactly its places."""
    return "0." + "0" * places if places else "0"


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` at (row, column), 1-based, keeping strings as strings."""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, tuple | list | set | frozenset):
        value = "、".join(str(v) for v in value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never "f", whatever the text starts with
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell
