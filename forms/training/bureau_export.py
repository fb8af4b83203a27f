"""The county bureau's register by an export profile (T4): ``export_credit_register``.

A profile (``models.training.bureau_export``) says the title rows, the columns with their
headers as paths of labels (``["学时", "校本研修"]``: equal neighbours at a level are merged
across, a path shorter than the deepest is merged down), footer rows and signature lines. With
the bureau's own template the header rows are the template's and the data goes from
``start_row``, each data row styled like the template's ``start_row``.

Every cell from data or from a profile goes through ``forms.excel_cells.put``: a name or a
title that starts with ``=`` stays text, never a formula. 工号, 继续教育编号, 身份证号 are
string cells; counts, 学时 and 学分 numeric. The file is written beside its target and moved
there only after the export is recorded, so a refused record leaves no file that looks sent.
"""

from __future__ import annotations

import hashlib
import io
import os
from copy import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from forms.excel_cells import decimal_format, put
from forms.office import office_name
from models import attachments, training
from models.base import now
from models.errors import RuleViolation
from models.people import Actor
from models.training import DEFAULT_PROFILE, BureauRow, Profile

_HOURS = {"school_hours": 1, "external_hours": 1, "credits": 2}
_COUNTS = ("no", "sessions", "attended", "truancies")
_FONT = "宋体"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

DEFAULT = Profile(
    DEFAULT_PROFILE,
    "校本培训学分登记表（通用格式）",
    training.check_layout(
        {
            "title_rows": [
                "{year}学年中小学教师校本培训学分登记表",
                ["学校（盖章）：{unit}", "填报日期：{date}"],
            ],
            "columns": [
                {"field": "no", "header": ["序号"], "width": 6},
                {"field": "staff_no", "header": ["工号"], "width": 9},
                {"field": "ce_no", "header": ["继续教育编号"], "width": 15},
                {"field": "name", "header": ["姓名"], "width": 9},
                {"field": "gender", "header": ["性别"], "width": 5},
                {"field": "id_number", "header": ["身份证号"], "width": 20},
                {"field": "subject", "header": ["任教学科"], "width": 8},
                {"field": "title", "header": ["职称"], "width": 9},
                {"field": "tier", "header": ["培训层级"], "width": 9},
                {"field": "sessions", "header": ["校本研修活动", "应参加"], "width": 7},
                {"field": "attended", "header": ["校本研修活动", "出勤"], "width": 7},
                {"field": "truancies", "header": ["校本研修活动", "旷课"], "width": 7},
                {"field": "school_hours", "header": ["学时", "校本研修"], "width": 9},
                {"field": "external_hours", "header": ["学时", "自学及外出培训"], "width": 12},
                {"field": "credits", "header": ["学分"], "width": 8},
                {"field": "blank", "header": ["备注"], "width": 10},
            ],
            "footer_rows": ["注：45分钟计1学时；学分按学校审定的学分登记填报。"],
            "signatures": ["填表人", "审核人", "学校盖章", "日期"],
            "totals": True,
        }
    ),
)


@dataclass(frozen=True)
class BureauResult:
    path: Path
    rows: int
    sha256: str
    export: training.BureauExport


def profile_named(name: str | None) -> Profile:
    """The built-in profile for ``None``/``default``, else the stored one, or refused."""
    if not name or name == DEFAULT_PROFILE:
        return DEFAULT
    found = training.stored_profile(name)
    if found is None:
        known = "、".join([DEFAULT_PROFILE, *(p.name for p in training.stored_profiles())])
        raise RuleViolation(
            "T4", f"没有名为「{name}」的上报格式（可用：{known}）", f"no profile {name!r}"
        )
    return found


def profile_names() -> list[tuple[str, str]]:
    """(name, title) of every profile, the built-in first."""
    return [(DEFAULT.name, DEFAULT.title)] + [(p.name, p.title) for p in training.stored_profiles()]


def header_merges(columns: list[dict[str, Any]], top: int, left: int = 1) -> list[str]:
    """The merged ranges of the header rows starting at row ``top`` (what the writer merges
    and the tests check): equal labels side by side at a level, under equal parents, merge
    across; a column whose path ends above the last level merges down."""
    depth = max(len(c["header"]) for c in columns)
    out = []
    for level in range(depth):
        c = 0
        while c < len(columns):
            path = columns[c]["header"]
            if level >= len(path):
                c += 1
                continue
            end = c
            while (
                end + 1 < len(columns)
                and len(columns[end + 1]["header"]) > level
                and columns[end + 1]["header"][: level + 1] == path[: level + 1]
                and len(path) > level + 1
                and len(columns[end + 1]["header"]) > level + 1
            ):
                end += 1
            bottom = top + depth - 1 if level == len(path) - 1 else top + level
            if end > c or bottom > top + level:
                first = f"{get_column_letter(left + c)}{top + level}"
                out.append(f"{first}:{get_column_letter(left + end)}{bottom}")
            c = end + 1
    return out


def _value(row: BureauRow, no: int, field: str) -> Any:
    if field == "no":
        return no
    if field == "blank":
        return None
    return getattr(row, field)


def _fill(text: str, values: dict[str, str]) -> str:
    return text.format_map(values)


def _write_titles(ws: Any, layout: dict[str, Any], values: dict[str, str], width: int) -> int:
    r = 0
    for r, row in enumerate(layout["title_rows"], start=1):
        parts = row if isinstance(row, list) else [row]
        step = max(width // len(parts), 1)
        for i, text in enumerate(parts):
            first = 1 + i * step
            last = width if i == len(parts) - 1 else first + step - 1
            cell = put(ws, r, first, _fill(text, values))
            cell.font = Font(name=_FONT, size=16 if r == 1 else 10, bold=r == 1)
            cell.alignment = Alignment(
                horizontal="center" if len(parts) == 1 else "left", vertical="center"
            )
            if last > first:
                ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
        ws.row_dimensions[r].height = 30 if r == 1 else 18
    return r


def _write_headers(ws: Any, columns: list[dict[str, Any]], top: int) -> int:
    depth = max(len(c["header"]) for c in columns)
    for c, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = col["width"]
        for level in range(depth):
            cell = ws.cell(row=top + level, column=c)
            cell.border, cell.alignment = _BOX, _CENTER
            cell.font = Font(name=_FONT, size=10, bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        for level, label in enumerate(col["header"]):
            put(ws, top + level, c, label)
    for level in range(depth):
        ws.row_dimensions[top + level].height = 28  # room for a label wrapped on two lines
    for ref in header_merges(columns, top):
        ws.merge_cells(ref)
    return top + depth - 1


def _write_body(
    ws: Any, layout: dict[str, Any], rows: list[BureauRow], first: int, styles: list[Any] | None
) -> int:
    columns, left = layout["columns"], max(layout["start_column"], 1)
    sums = {c["field"]: Decimal(0) for c in columns if c["field"] in (*_HOURS, *_COUNTS[1:])}
    body_font = Font(name=_FONT, size=10)
    formats = [
        decimal_format(_HOURS[c["field"]])
        if c["field"] in _HOURS
        else "0"
        if c["field"] in _COUNTS
        else "@"
        for c in columns
    ]
    r = first - 1
    for no, row in enumerate(rows, start=1):
        r = first + no - 1
        for c, col in enumerate(columns):
            value = _value(row, no, col["field"])
            cell = put(ws, r, left + c, value)
            if styles is not None and styles[c] is not None:
                cell._style = copy(styles[c])
            else:
                cell.border, cell.font = _BOX, body_font
            cell.number_format = formats[c]
            if col["field"] in sums:
                sums[col["field"]] += Decimal(value)
    if layout["totals"]:
        r += 1
        for c, col in enumerate(columns):
            cell = put(ws, r, left + c, "合计" if c == 0 else sums.get(col["field"]))
            cell.border, cell.font = _BOX, Font(name=_FONT, size=10, bold=True)
            if col["field"] in _HOURS:
                cell.number_format = decimal_format(_HOURS[col["field"]])
    return r


def _write_footer(ws: Any, layout: dict[str, Any], values: dict[str, str], r: int) -> None:
    width = len(layout["columns"])
    left = max(layout["start_column"], 1)
    for text in layout["footer_rows"]:
        r += 1
        put(ws, r, left, _fill(text, values)).font = Font(name=_FONT, size=9)
        if width > 1:
            ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + width - 1)
    labels = layout["signatures"]
    if labels:
        r += 2
        step = max(width // len(labels), 1)
        for i, label in enumerate(labels):
            cell = put(ws, r, left + min(i * step, width - 1), f"{label}：＿＿＿＿＿＿")
            cell.font = Font(name=_FONT, size=10)


def write_profile(
    profile: Profile, rows: list[BureauRow], out: io.BytesIO | str | Path, values: dict[str, str]
) -> None:
    """The workbook of ``rows`` laid out by ``profile`` (the template's when it has one)."""
    layout = profile.layout
    if profile.template is not None:
        book = load_workbook(io.BytesIO(attachments.read_bytes(profile.template)))
        ws = book[layout["sheet"]] if layout["sheet"] in book.sheetnames else book.worksheets[0]
        left, start = max(layout["start_column"], 1), layout["start_row"]
        styles = [
            copy(ws.cell(row=start, column=left + c)._style)
            if ws.cell(row=start, column=left + c).has_style
            else None
            for c in range(len(layout["columns"]))
        ]
        r = _write_body(ws, layout, rows, start, styles)
    else:
        book = Workbook()
        ws = book.active
        ws.title = "学分登记表"
        top = _write_titles(ws, layout, values, len(layout["columns"])) + 1
        last = _write_headers(ws, layout["columns"], top)
        ws.freeze_panes = ws.cell(row=last + 1, column=1)
        ws.print_title_rows = f"{top}:{last}"
        r = _write_body(ws, layout, rows, last + 1, None)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    _write_footer(ws, layout, values, r)
    book.save(out)


def export_credit_register(
    actor: Actor,
    year: str,
    path: str | Path,
    *,
    profile: str | None = None,
    unit: str = "",
    on: date | None = None,
) -> BureauResult:
    """上报教育局: the year's register by ``profile`` at ``path``, recorded with its SHA-256
    (the registers it came from then show 已上报). Refused before any file is written: a
    role that may not export (X1), a year without an approved register (T4), an unknown
    profile. Re-exporting writes and records again."""
    year = training.school_year(year)
    chosen = profile_named(profile)
    registers = training.registers_to_report(actor, year)
    rows = training.bureau_register(year)
    values = {
        "year": year,
        "unit": unit or office_name() or "",
        "date": f"{on or now().date():%Y年%m月%d日}",
    }
    buffer = io.BytesIO()
    write_profile(chosen, rows, buffer, values)
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    try:
        export = training.record_export(
            actor,
            year,
            chosen.name,
            registers,
            file_name=target.name,
            sha256=digest,
            rows=len(rows),
        )
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return BureauResult(target, len(rows), digest, export)
