"""Registers to Excel for higher authorities: formatted, streamed, text kept as text.

Layout (what users asked for, research §5b): a title row; 填报单位 and 统计期间; the filters
applied and the time generated; the header; the rows; a 合计 row summing the
columns declared ``total``; 负责人 / 经办人 / 日期 signature lines. The header row is frozen.

Why xlsxwriter with ``constant_memory``: each row is flushed to disk as it is written, so
memory stays flat whether the register has 100 or 1,000,000 rows, and it writes about twice
as fast as openpyxl's write-only mode (``bench/excel_io.py``). Every user string is written
with ``write_string`` and the workbook has ``strings_to_formulas`` off: a value starting with
``=`` stays text. The 合计 cells are ``SUM`` formulas *with* their computed value cached, so
readers that do not calculate (python-calamine, pandas) see the figure too.

The importer reads these files back: it finds the header under the title rows and stops at
the 合计 row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from forms.excel_cells import DATETIME_FORMAT, decimal_format
from forms.excel_import import CHECK_EVERY, CancelledFn, ProgressFn
from forms.kinds import PERIOD, Kind, get_kind
from forms.office import office_name
from forms.scratch import scratch_dir
from forms.spec import Field, FieldType, FormSpec
from forms.values import display, parser_for
from models import periods
from models.base import now
from models.errors import Cancelled, RuleViolation
from models.periods import Period

HEADER_ROW = 3  # 0-based: title, 填报单位/期间, 筛选/生成时间, header
# The font every cell names: 宋体 is on every Chinese Windows, and a reader without it (WPS,
# LibreOffice) substitutes its own CJK font instead of a Latin one that lacks the glyphs.
_FONT = {"font_name": "宋体"}
EXCEL_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()  # serial 0; valid from 1900-03-01


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    totals: dict[str, Decimal]
    # Cells longer than Excel holds, cut with a note in the cell: (Excel row, column label).
    cut: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        """What the export did, Chinese line then English line; says which cells were cut."""
        zh = f"已导出 {self.rows} 行到 {self.path}"
        en = f"{self.rows} rows exported to {self.path}"
        if self.cut:
            where = "、".join(f"第 {r} 行「{label}」" for r, label in self.cut[:5])
            more = f" 等 {len(self.cut)} 处" if len(self.cut) > 5 else ""
            zh += (
                f"；{where}{more}超过 Excel 单元格 {EXCEL_CELL_MAX:,} 字的上限，"
                "已截断并在单元格中注明"
            )
            en += f"; {len(self.cut)} cells over Excel's {EXCEL_CELL_MAX:,} characters were cut"
        return f"{zh}\n{en}"


EXCEL_CELL_MAX = 32767  # characters an Excel cell holds
CUT_NOTE = "……【超出 Excel 单元格 32,767 字上限，以下已截断，全文见系统】"


def parse_filters(kind: Kind, pairs: Iterable[str]) -> dict[str, Any]:
    """``["部门=办公室", "roles=车管"]`` → ``{"department": "办公室", "roles": ("车管",)}``.

    A filter names a field by label or key; its value is read with the field's own parser
    (a reference stays its business key text). Unknown fields are refused with the list of
    the ones this register can filter on."""
    spec = kind.spec
    allowed = {f.key: f for f in spec.fields if f.key in kind.filters}
    by_name: dict[str, Field] = {}
    for f in allowed.values():
        for name in (f.key, f.label, f.label_en):
            if name:
                by_name[name.strip().lower()] = f
    result: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        f = by_name.get(name.strip().lower())
        if not sep or f is None:
            labels = "、".join(f.label for f in allowed.values()) or "无"
            raise RuleViolation(
                None,
                f"无法按「{pair}」筛选；可用的字段：{labels}",
                f"cannot filter by {pair!r}; filterable: {', '.join(allowed) or 'none'}",
            )
        try:
            result[f.key] = parser_for(f)(raw.strip())
        except ValueError as exc:
            raise RuleViolation(
                None, f"筛选条件「{pair}」无效：{exc}", f"bad filter {pair!r}"
            ) from exc
    return result


def describe_filters(kind: Kind, filters: Mapping[str, Any]) -> str:
    """The heading's 筛选 line: each filter on a field of the register, then each of the
    kind's private filters in its own words (the period has its own line). A key the kind
    does not declare is a mistake in the caller, refused before anything is exported: left
    out, the register would silently hold every row."""
    spec, private = kind.spec, {p.key: p for p in kind.private_filters}
    unknown = sorted(k for k in filters if k != PERIOD and k not in kind.filters + tuple(private))
    if unknown:
        raise ValueError(
            f"{kind.name} has no filter {', '.join(unknown)} "
            f"(filters: {', '.join(kind.filters + tuple(private)) or 'none'})"
        )
    parts = [
        f"{spec.field(k).label}={display(spec.field(k), v)}"
        for k, v in filters.items()
        if k in kind.filters
    ]
    parts += [private[k].describe(v) for k, v in filters.items() if k in private]
    return "；".join(parts) if parts else "全部"


def select_period(kind: Kind, period: Period | str | None) -> Period | None:
    """The period a register is asked for, read from its text, or ``None`` for all dates;
    refused for a register without dates (a catalogue, a roster)."""
    if period is None or period == "":
        return None
    chosen = period if isinstance(period, Period) else periods.parse(str(period))
    if kind.period_field is None:
        raise RuleViolation(
            None,
            f"「{kind.spec.title}」不按日期登记，不能按期间（{chosen.label()}）导出",
            f"{kind.spec.title_en or kind.name} has no date to select a period by",
        )
    return chosen


def filter_help(kind: Kind) -> str:
    """What ``--where`` and ``--period`` accept for ``kind``, in words."""
    fields = [kind.spec.field(k) for k in kind.filters]
    names = "、".join(f"{f.label}（{f.key}）" for f in fields) or "无"
    dated = kind.spec.field(kind.period_field).label if kind.period_field else None
    by = f"按「{dated}」选取期间" if dated else "不按期间选取"
    return f"{kind.spec.title}（{kind.name}）可筛选：{names}；{by}"


def export_register(
    kind: str | Kind,
    path: str | Path,
    *,
    filters: Mapping[str, Any] | None = None,
    unit: str = "",
    period: Period | str | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ExportResult:
    """Export a registered kind's records, filtered in the database, to ``path``. A
    ``period`` (a ``Period``, or its text: 2026年11月, 2026年第四季度, 2026年,
    2026-10-01至2026-10-15) selects the rows by the kind's ``period_field``, and the heading
    says which date and which days."""
    kind = get_kind(kind)
    filters = dict(filters or {})
    chosen = select_period(kind, period)
    if chosen is not None:
        filters[PERIOD] = chosen
    heading = describe_filters(kind, filters)  # refuses an undeclared key before any query
    total = kind.count(filters) if kind.count is not None else 0
    return write_register(
        kind.spec,
        kind.rows(filters),
        path,
        unit=unit,
        period=kind.period_text(chosen),
        filters_text=heading,
        total=total,
        progress=progress,
        cancelled=cancelled,
    )


def write_register(
    spec: FormSpec,
    rows: Iterable[Mapping[str, Any]],
    path: str | Path,
    *,
    unit: str = "",
    period: str = "",
    filters_text: str = "全部",
    total: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    generated_at: datetime | None = None,
) -> ExportResult:
    """Stream ``rows`` (dicts by field key) into a formatted register at ``path``.

    On cancellation the partial file is removed and ``Cancelled`` raised."""
    section = Section(spec, rows, filters_text, total)
    return write_registers(
        [section],
        path,
        unit=unit,
        period=period,
        progress=progress,
        cancelled=cancelled,
        generated_at=generated_at,
    )[0]


@dataclass
class Section:
    """One register of a workbook that holds several (a month-end report: by vehicle, by
    unit, by shop ...). Each becomes a sheet laid out like ``write_register``'s."""

    spec: FormSpec
    rows: Iterable[Mapping[str, Any]]
    filters_text: str = "全部"
    total: int = 0


def write_registers(
    sections: Iterable[Section],
    path: str | Path,
    *,
    unit: str = "",
    period: str = "",
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    generated_at: datetime | None = None,
) -> list[ExportResult]:
    """Write several registers, one sheet each, into one workbook at ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "tmpdir": str(scratch_dir()),  # cleaned at the next start if this one is killed
        },
    )
    stamp = generated_at or now()
    try:
        results = [
            _write(
                book,
                s.spec,
                s.rows,
                path,
                unit,
                period,
                s.filters_text,
                s.total,
                progress,
                cancelled,
                stamp,
            )
            for s in sections
        ]
    except BaseException:
        with contextlib.suppress(Exception):
            book.close()
        path.unlink(missing_ok=True)
        raise
    book.close()
    return results


def _write(
    book: xlsxwriter.Workbook,
    spec: FormSpec,
    rows: Iterable[Mapping[str, Any]],
    path: Path,
    unit: str,
    period: str,
    filters_text: str,
    total: int,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
    generated_at: datetime,
) -> ExportResult:
    fields = spec.fields
    last_col = len(fields) - 1
    ws = book.add_worksheet(_sheet_name(spec.title))
    fmt = _formats(book)
    for c, f in enumerate(fields):
        ws.set_column(c, c, max(f.width, len(f.label) * 2 + 2))
    half = max(last_col // 2, 0)
    # Title and the heading lines (written row by row: constant_memory needs row order).
    if last_col > 0:
        ws.merge_range(0, 0, 0, last_col, spec.title, fmt["title"])
    else:
        ws.write_string(0, 0, spec.title, fmt["title"])
    ws.set_row(0, 30)
    _pair(
        ws,
        1,
        half,
        last_col,
        f"填报单位：{unit or office_name() or '＿＿＿＿＿＿'}",
        f"统计期间：{period or '全部'}",
        fmt["meta"],
    )
    _pair(
        ws,
        2,
        half,
        last_col,
        f"筛选条件：{filters_text}",
        f"生成时间：{generated_at:%Y-%m-%d %H:%M}",
        fmt["meta"],
    )
    for c, f in enumerate(fields):
        ws.write_string(HEADER_ROW, c, f.label, fmt["header"])
    ws.freeze_panes(HEADER_ROW + 1, 0)

    for f in fields:
        if f.type == FieldType.DECIMAL and f"decimal{f.places}" not in fmt:
            _decimal_formats(book, fmt, f.places or 0)
    cut: list[tuple[int, str]] = []
    plan = [(c, f.key, *_column(ws, f, fmt), f.total) for c, f in enumerate(fields)]
    sums: dict[str, Decimal] = {f.key: Decimal(0) for f in fields if f.total}
    blank, blank_style = ws.write_blank, fmt["text"]
    write_string, write_number = ws.write_string, ws.write_number
    r = HEADER_ROW
    count = 0
    # The hot loop: one pass a cell, the common kinds of column written inline (a text, a
    # number, a date) and the rest through the column's own function, chosen once.
    for count, row in enumerate(rows, start=1):
        r = HEADER_ROW + count
        get = row.get
        for c, key, how, style, write, summed in plan:
            value = get(key)
            if value is None or value == "":
                blank(r, c, None, blank_style)  # the grid is ruled where a value is missing
                continue
            if how is _TEXT:
                if type(value) is not str:
                    value = str(value)
                if len(value) > EXCEL_CELL_MAX:  # xlsxwriter would cut it silently
                    value = value[: EXCEL_CELL_MAX - len(CUT_NOTE)] + CUT_NOTE
                    cut.append((r + 1, fields[c].label))
                write_string(r, c, value, style)
            elif how is _NUMBER:
                write_number(r, c, write(value), style)
            elif how is _DATE and type(value) is date and value.year > 1900:
                # The Excel serial directly (after Excel's 1900 leap-year bug): 3× cheaper
                # than ``write_datetime``'s conversion, built for datetimes and time zones.
                write_number(r, c, value.toordinal() - EXCEL_EPOCH_ORDINAL, style)
            else:
                write(ws, r, c, value)
            if summed:
                sums[key] += value if type(value) in (int, Decimal) else Decimal(str(value))
        if count % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(count, max(total, count))
    # Totals: a SUM formula with its value cached.
    r = HEADER_ROW + count + 1
    ws.write_string(r, 0, "合计", fmt["total_label"])
    for c, f in enumerate(fields):
        if c == 0:
            continue
        if f.key in sums and count:
            first = xl_rowcol_to_cell(HEADER_ROW + 1, c)
            last = xl_rowcol_to_cell(HEADER_ROW + count, c)
            style = fmt["total_money"] if f.type == FieldType.MONEY else fmt["total_int"]
            value = float(sums[f.key]) if f.type == FieldType.MONEY else int(sums[f.key])
            if f.type == FieldType.DECIMAL:
                style, value = fmt[f"total_decimal{f.places}"], float(sums[f.key])
            ws.write_formula(r, c, f"=SUM({first}:{last})", style, value)
        else:
            ws.write_blank(r, c, None, fmt["total_label"])
    # Signature lines, spread across the width.
    r += 2
    labels = spec.signatures or ("负责人", "经办人", "日期")
    step = max((last_col + 1) // len(labels), 1)
    for i, label in enumerate(labels):
        ws.write_string(r, min(i * step, last_col), f"{label}：＿＿＿＿＿＿", fmt["sign"])
    ws.set_landscape()
    ws.set_paper(9)  # A4
    office = (office_name() or "").replace("&", "&&")  # & starts a footer code
    ws.set_footer(f"&L{office}&C第 &P 页 共 &N 页", {"margin": 0.3})
    ws.repeat_rows(HEADER_ROW)
    ws.fit_to_pages(1, 0)
    if progress is not None:
        progress(count, max(total, count))
    return ExportResult(path, count, sums, cut)


def _pair(ws: Any, row: int, half: int, last_col: int, left: str, right: str, fmt: Any) -> None:
    """Two heading texts on one row: left half and right half (merged when wide enough)."""
    if last_col >= 3:
        ws.merge_range(row, 0, row, half, left, fmt)
        ws.merge_range(row, half + 1, row, last_col, right, fmt)
    else:
        ws.write_string(row, 0, left, fmt)
        ws.write_string(row, max(last_col, 1), right, fmt)


def _sheet_name(title: str) -> str:
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "数据"


def _formats(book: xlsxwriter.Workbook) -> dict[str, Any]:
    border = {**_FONT, "border": 1, "font_size": 10, "valign": "vcenter"}
    return {
        "title": book.add_format(
            {**_FONT, "bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
        ),
        "meta": book.add_format({**_FONT, "font_size": 10}),
        "header": book.add_format(
            {**border, "bold": True, "align": "center", "bg_color": "#DDEBF7", "text_wrap": True}
        ),
        "text": book.add_format({**border, "num_format": "@"}),
        "int": book.add_format({**border, "num_format": "0"}),
        "money": book.add_format({**border, "num_format": "#,##0.00"}),
        "percent": book.add_format({**border, "num_format": "0.0%"}),
        "date": book.add_format({**border, "num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({**border, "num_format": DATETIME_FORMAT}),
        "wrap": book.add_format({**border, "num_format": "@", "text_wrap": True, "valign": "top"}),
        "total_label": book.add_format({**border, "bold": True}),
        "total_int": book.add_format({**border, "bold": True, "num_format": "0"}),
        "total_money": book.add_format({**border, "bold": True, "num_format": "#,##0.00"}),
        "sign": book.add_format({**_FONT, "font_size": 11}),
    }


def _decimal_formats(book: xlsxwriter.Workbook, fmt: dict[str, Any], places: int) -> None:
    border = {**_FONT, "border": 1, "font_size": 10, "valign": "vcenter"}
    number = decimal_format(places)
    fmt[f"decimal{places}"] = book.add_format({**border, "num_format": number})
    fmt[f"total_decimal{places}"] = book.add_format({**border, "bold": True, "num_format": number})


_TEXT, _NUMBER, _DATE, _OTHER = "text", "number", "date", "other"


def _column(ws: Any, f: Field, fmt: dict[str, Any]) -> tuple[str, Any, Any]:
    """How the cells of ``f`` are written, chosen once per column: ``(how, style, write)``.
    For a number ``write`` converts the value; for a date it writes what is not a plain
    date after 1900; for any other column it writes the cell."""
    if f.type == FieldType.INTEGER:
        return _NUMBER, fmt["int"], int
    if f.type in (FieldType.MONEY, FieldType.PERCENT, FieldType.DECIMAL):
        name = {FieldType.MONEY: "money", FieldType.PERCENT: "percent"}.get(f.type)
        return _NUMBER, fmt[name or f"decimal{f.places}"], float
    text = fmt["text"]
    if f.type == FieldType.DATETIME:
        style = fmt["datetime"]

        def write_datetime(ws: Any, r: int, c: int, v: Any) -> None:
            if isinstance(v, datetime):
                ws.write_datetime(r, c, v, style)
            else:
                ws.write_string(r, c, str(v), text)

        return _OTHER, style, write_datetime
    if f.multiline:
        style = fmt["wrap"]
        return _TEXT, style, None
    if f.type == FieldType.DATE:
        style = fmt["date"]

        def write_date(ws: Any, r: int, c: int, v: Any) -> None:
            if isinstance(v, datetime | date):
                ws.write_datetime(r, c, v, style)
            else:
                ws.write_string(r, c, str(v), text)

        return _DATE, style, write_date
    if f.type == FieldType.CHOICE and f.multiple:
        return _OTHER, text, lambda ws, r, c, v: ws.write_string(r, c, display(f, v), text)
    return _TEXT, text, None
