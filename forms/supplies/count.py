"""盘点表: the quarterly count sheet on paper and in Excel, and the counts read back (S5).

- ``write_count_sheet_pdf(stocktake_id, path)``: the printed 盘点表, one ruled row per item
  (编码, 名称, 规格, 单位, 账面数, a blank 实盘数 and 差异原因), grouped by category, with
  盘点人 / 监盘人 / 负责人 signature lines. On a blind count (盲盘) the 账面数 column is not
  printed at all while counting, so the counters cannot copy it.
- ``write_count_sheet(stocktake_id, path)``: the same sheet as a workbook the counters fill
  in (a register: title, period, header, rows, 合计, signatures).
- ``import_counts(stocktake_id, path, actor)``: reads the filled workbook back through the
  Excel importer (columns by label, one error per bad cell naming row, column and value,
  all or nothing, dry run) and enters every count with ``stocktake.enter_count``, i.e.
  ``stocktake.set_counts``, so the model's checks hold for Excel counts too.

Why a 实盘时间: the variance is counted against the snapshot plus the movements up to the
moment each shelf was counted (S5). A sheet counted at 10:05 and imported at 16:00 must not
treat a 14:00 issue as counted, so the time of the count is a column of the sheet (or a
parameter of the import); only when neither is given is the moment of import used.

Command line: ``houqin report count-sheet --period 2026Q4 OUT.pdf`` (or ``OUT.xlsx``; the
period may also be the stocktake number PD2026-0001), ``houqin print count-sheet ID OUT.pdf``
and ``houqin import counts FILE --mode update`` for the stocktake being counted. The PDF is a
table of lines (``forms.pdf.render_table``), not the label/value grid of the other forms, so
its printable brings its own ``render``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from forms.excel_export import ExportResult, write_register
from forms.excel_import import ImportResult, Mode, import_rows
from forms.excel_sheets import read_workbook
from forms.kinds import Filters, Kind, Values, register_kind
from forms.pdf import (
    Column,
    Group,
    Styles,
    line_table,
    render_table,
    sheet_heading,
    signature_block,
)
from forms.printing import Printable, register_printable
from forms.reports import Report, register_report
from forms.spec import Field, FieldType, FormSpec
from forms.supplies.fields import CATEGORY, UNIT
from forms.values import ValueProblem, parse_date_text
from models.base import now
from models.errors import RuleViolation
from models.periods import Period
from models.supplies import Item, parse_period, stocktake
from models.supplies.stocktake import COUNTING, Stocktake, StocktakeLine, StocktakeState
from models.text import normalize_code

SIGNATURES = ("盘点人", "监盘人", "负责人")

_COUNT_FIELDS = (
    Field("code", "物品编码", required=True, width=10, label_en="Code"),
    CATEGORY,
    Field("name", "物品名称", width=18, label_en="Name"),
    Field("specification", "规格型号", width=18, label_en="Specification"),
    UNIT,
    Field("book", "账面数", FieldType.INTEGER, width=9, label_en="Book"),
    Field(
        "counted",
        "实盘数",
        FieldType.INTEGER,
        width=9,
        help="清点所得的整数，不小于0。",
        label_en="Counted",
    ),
    Field(
        "reason",
        "差异原因",
        width=24,
        max_length=500,
        help="实盘数与账面数不符时写明原因（破损、漏登、计量误差等）。",
        label_en="Reason",
    ),
    Field(
        "counted_at",
        "实盘时间",
        width=17,
        help="清点该物品的时间，如 2026-10-08 10:05；不填按导入时间。",
        label_en="Counted at",
    ),
)

COUNT_SHEET = FormSpec(
    name="counts",
    title="办公用品盘点表",
    title_en="Stocktake count sheet",
    key="code",
    fields=_COUNT_FIELDS,
    signatures=SIGNATURES,
    help=(
        "季度盘点的实盘录入：按物品编码识别本次盘点表中的物品，只读取实盘数、差异原因和实盘时间，"
        "其他列仅供核对。请用更新模式导入；整个文件全部正确才写入。"
    ),
)
# The blind sheet (盲盘) has no 账面数 column at all, in Excel as on paper.
BLIND_COUNT_SHEET = FormSpec(
    name="counts",
    title="办公用品盘点表（盲盘）",
    title_en="Stocktake count sheet (blind)",
    key="code",
    fields=tuple(f for f in _COUNT_FIELDS if f.key != "book"),
    signatures=SIGNATURES,
    help=COUNT_SHEET.help,
)


def get_stocktake(stocktake_id: int) -> Stocktake:
    """The stocktake ``stocktake_id`` or a clear refusal."""
    st = Stocktake.get_or_none(Stocktake.id == stocktake_id)
    if st is None:
        raise RuleViolation(None, f"没有盘点单 {stocktake_id}", f"no stocktake {stocktake_id}")
    return st


def find_stocktake(period: str) -> Stocktake:
    """The stocktake a command line names: a number (PD2026-0001) or a quarter (2026Q4),
    which means that quarter's latest count that was not voided."""
    text = (period or "").strip().upper()
    st = Stocktake.get_or_none(Stocktake.number == text)
    if st is not None:
        return st
    year, quarter = parse_period(text)
    st = (
        Stocktake.select()
        .where(
            (Stocktake.year == year)
            & (Stocktake.quarter == quarter)
            & (Stocktake.state != StocktakeState.CANCELLED)
        )
        .order_by(Stocktake.id.desc())
        .first()
    )
    if st is None:
        raise RuleViolation(
            "S5",
            f"{Period.quarter(year, quarter).label()}没有盘点单",
            f"no stocktake for {year}Q{quarter}",
        )
    return st


def _hides_book(st: Stocktake) -> bool:
    return st.blind and st.state in COUNTING


def _sheet_spec(st: Stocktake) -> FormSpec:
    return BLIND_COUNT_SHEET if _hides_book(st) else COUNT_SHEET


def _period_text(st: Stocktake) -> str:
    return Period.quarter(st.year, st.quarter).label()


def _sheet_rows(st: Stocktake) -> Iterator[Values]:
    times = dict(
        StocktakeLine.select(StocktakeLine.id, StocktakeLine.counted_at)
        .where(StocktakeLine.stocktake == st.id)
        .tuples()
    )
    for row in stocktake.count_sheet(st):
        at = times.get(row.line_id)
        yield {
            "code": row.code,
            "category": row.category,
            "name": row.name,
            "specification": row.specification,
            "unit": row.unit,
            "book": row.book,
            "counted": row.counted,
            "reason": row.reason,
            "counted_at": f"{at:%Y-%m-%d %H:%M}" if at else "",
        }


def _describe(st: Stocktake) -> str:
    way = "盲盘（不显示账面数）" if _hides_book(st) else ("盲盘" if st.blind else "明盘")
    return f"盘点单号 {st.number}；{way}；开始 {st.opened_at:%Y-%m-%d %H:%M}；{st.state_label}"


# --- Excel ---------------------------------------------------------------------------------


def write_count_sheet(stocktake_id: int, path: str | Path, *, unit: str = "") -> ExportResult:
    """The count sheet as a workbook for the counters (book quantities left out on a blind
    count still being counted). ``import_counts`` reads it back as it is."""
    st = get_stocktake(stocktake_id)
    return write_register(
        _sheet_spec(st),
        _sheet_rows(st),
        path,
        unit=unit,
        period=_period_text(st),
        filters_text=_describe(st),
    )


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def _parse_time(text: str) -> datetime:
    """实盘时间 as typed: 2026-10-08 10:05 (seconds optional). A date alone is refused, not
    guessed: which movements of that day came before the count is exactly what it decides."""
    cleaned = text.strip().replace("/", "-").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    try:
        parse_date_text(cleaned)
    except ValueProblem:
        pass
    else:
        raise RuleViolation(
            "S5",
            "实盘时间须写到时分，如 2026-10-08 10:05（盘点期间的出入库按时间区分）",
            "give the time of the count with hours and minutes, e.g. 2026-10-08 10:05",
            field="counted_at",
        )
    raise RuleViolation(
        None,
        f"实盘时间格式应为 2026-10-08 10:05：{text}",
        f"a count time looks like 2026-10-08 10:05: {text}",
        field="counted_at",
    )


def counts_kind(stocktake_id: int | None = None, *, counted_at: datetime | None = None) -> Kind:
    """The count sheet as an import kind for one stocktake, or (``None``) for the stocktake
    being counted now, found when the file is read. Rows update their line through
    ``stocktake.enter_count``; an unchanged row writes nothing, so importing the same sheet
    twice does not move the time of a count."""

    def target() -> Stocktake:
        if stocktake_id is not None:
            return get_stocktake(stocktake_id)
        st = Stocktake.select().where(Stocktake.state.in_(list(COUNTING))).first()
        if st is None:
            raise RuleViolation(
                "S5", "当前没有正在盘点的盘点单", "no stocktake is being counted now"
            )
        return st

    def find(code: str) -> StocktakeLine | None:
        return (
            StocktakeLine.select()
            .join(Item)
            .where((StocktakeLine.stocktake == target().id) & (Item.code == normalize_code(code)))
            .first()
        )

    def insert(actor: Any, v: Values) -> None:
        raise RuleViolation(
            "S5",
            f"物品 {v['code']} 不在本次盘点表中（盘点开始后新增的物品在下次盘点时清点）",
            f"item {v['code']} is not on this count sheet",
            field="code",
        )

    def update(actor: Any, line: StocktakeLine, v: Values) -> bool:
        st = Stocktake.get_by_id(line.stocktake_id)
        at = counted_at
        if v.get("counted_at"):
            at = _parse_time(v["counted_at"])
        counted, reason = v.get("counted"), v.get("reason")
        if counted is None:
            if reason is None or reason == line.reason:
                return False
            stocktake.set_reason(actor, st, item=line.item_id, reason=reason)
            return True
        same_time = at is None or (
            line.counted_at is not None and _minute(at) == _minute(line.counted_at)
        )
        if counted == line.counted and (reason is None or reason == line.reason) and same_time:
            return False
        stocktake.enter_count(
            actor, st, item=line.item_id, counted=counted, reason=reason, counted_at=at
        )
        return True

    def rows(filters: Filters) -> Iterator[Values]:
        st = (
            Stocktake.select().where(Stocktake.state.in_(list(COUNTING))).first()
            if stocktake_id is None
            else get_stocktake(stocktake_id)
        )
        st = st or Stocktake.select().order_by(Stocktake.id.desc()).first()
        if st is None:
            return
        yield from _sheet_rows(st)  # count_sheet() already hides a blind count's book

    return Kind(spec=COUNT_SHEET, find=find, insert=insert, update=update, rows=rows)


register_kind(counts_kind())


def import_counts(
    stocktake_id: int,
    path: str | Path,
    actor: Any,
    *,
    counted_at: datetime | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Read a filled count sheet back into stocktake ``stocktake_id``: all rows or none.

    ``counted_at`` is when the shelves were counted, for rows without their own 实盘时间
    (the desktop asks for it); without either, the moment of import. Rejected cells are in
    ``result.errors`` (row, column, value, reason) and nothing is written."""
    st = get_stocktake(stocktake_id)
    if st.state not in COUNTING:
        if st.state == StocktakeState.POSTED:
            raise RuleViolation(
                "S5", f"盘点 {st.number} 已过账，不能更改", f"stocktake {st.number} is posted"
            )
        raise RuleViolation(
            "S5",
            f"盘点{st.state_label}，不能录入实盘数",
            f"the stocktake is {st.state}; counts cannot change",
        )
    return import_rows(
        counts_kind(st.id, counted_at=counted_at),
        read_workbook(path),
        actor=actor,
        mode=Mode.UPDATE,
        dry_run=dry_run,
    )


# --- PDF -----------------------------------------------------------------------------------

_COLUMNS = (
    Column("no", "序号", 12, centred=True),
    Column("code", "物品编码", 19),
    Column("name", "物品名称", 34),
    Column("specification", "规格型号", 30),
    Column("unit", "单位", 12, centred=True),
    Column("book", "账面数", 16, centred=True),
    Column("counted", "实盘数", 17, centred=True),
    Column("reason", "差异原因"),  # takes what is left
)


def _pdf_table(st: Stocktake, styles: Styles) -> Table:
    hide = _hides_book(st)
    columns = [c for c in _COLUMNS if not (hide and c.key == "book")]
    rows: list[dict[str, str] | Group] = []
    category = None
    for number, row in enumerate(stocktake.count_sheet(st), start=1):
        if row.category != category:
            category = row.category
            rows.append(Group(f"{category}"))
        rows.append(
            {
                "no": str(number),
                "code": row.code,
                "name": row.name,
                "specification": row.specification,
                "unit": row.unit,
                "book": "" if row.book is None else str(row.book),
                "counted": "" if row.counted is None else str(row.counted),
                "reason": row.reason,
            }
        )
    return line_table(columns, rows, styles)


def _heading(st: Stocktake, styles: Styles, printed_at: datetime) -> list[Flowable]:
    way = "盲盘（账面数不显示）" if _hides_book(st) else ("盲盘" if st.blind else "明盘")
    particulars = [
        f"盘点单号：{st.number}",
        f"盘点期间：{_period_text(st)}",
        f"开始时间：{st.opened_at:%Y-%m-%d %H:%M}",
        f"盘点方式：{way}",
        f"状态：{st.state_label}",
        f"打印时间：{printed_at:%Y-%m-%d %H:%M}",
    ]
    note = (
        "请逐项清点，在「实盘数」栏填写实际数量；与账面不符的，在「差异原因」栏写明原因。"
        "盘点期间的出入库按清点时间另计，请注明清点时间。"
    )
    return sheet_heading(COUNT_SHEET.title, particulars, styles, note=note)


def write_count_sheet_pdf(stocktake_id: int, path: str | Path) -> Path:
    """The printed 盘点表 of stocktake ``stocktake_id`` at ``path`` (A4 portrait); the
    counted figures and reasons appear once entered, so the same sheet files the result.
    Every footer says 共 N 页, so a missing page of a long sheet is noticed when the counters
    hand it in."""
    st = get_stocktake(stocktake_id)
    printed_at = now()  # the office clock, as the records'

    def story(styles: Styles) -> list[Flowable]:
        return [
            *_heading(st, styles, printed_at),
            _pdf_table(st, styles),
            Spacer(1, 6 * mm),
            signature_block(SIGNATURES, styles),
        ]

    return render_table(path, story, title=COUNT_SHEET.title, number=st.number)


def _write_for_cli(period: str, path: Path, unit: str) -> Path | ExportResult:
    st = find_stocktake(period)
    if Path(path).suffix.lower() == ".pdf":
        return write_count_sheet_pdf(st.id, path)
    return write_count_sheet(st.id, path, unit=unit)


register_report(Report("count-sheet", "办公用品盘点表", "2026Q4 或 PD2026-0001", _write_for_cli))


# ``houqin print count-sheet ID OUT.pdf``: the same sheet through the printing registry (one
# copy: the counters sign the sheet they counted on).
register_printable(
    Printable(
        dataclasses.replace(COUNT_SHEET, name="count-sheet"),
        render=lambda stocktake_id, out, copies: write_count_sheet_pdf(stocktake_id, out),
    )
)
