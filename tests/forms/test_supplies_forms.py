"""办公用品 on paper and in Excel (S1, S5, S6, S8, X3), on SQLite and MariaDB.

Real files are written and read back: workbooks with openpyxl, PDFs with pypdf.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from forms.excel_export import export_register
from forms.excel_import import import_file
from forms.excel_template import write_template
from forms.printing import print_form
from forms.supplies.count import import_counts, write_count_sheet, write_count_sheet_pdf
from forms.supplies.report import write_quarterly_report
from models import supplies, workflow
from models.base import now
from models.errors import RuleViolation
from models.supplies import Category, Item, MovementKind, OrderLineInput, OrderMethod, stocktake
from models.supplies.stocktake import StocktakeLine
from tests.forms.helpers import cells, write_xlsx
from tests.forms.test_fleet_forms import _url
from tests.models.test_supplies import (
    T0,
    approved_plan,
    build_sup,
    item,
    opening,
    plan_line,
    requisition,
)

OPEN_AT = datetime(2026, 10, 13, 9, 0)


@pytest.fixture
def sup(office):
    return build_sup(office)


@pytest.fixture
def stocked(sup):
    """Pen 37 and paper 23 on the shelf (figures that occur nowhere else on a sheet)."""
    opening(sup, sup.pen, 37)
    opening(sup, sup.paper, 23)
    return sup


def pdf_lines(path) -> list[str]:
    return [
        line for page in PdfReader(str(path)).pages for line in page.extract_text().splitlines()
    ]


def rows_of(path, sheet: str | None = None) -> list[list]:
    book = load_workbook(path)
    ws = book[sheet] if sheet else book.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def header_index(rows: list[list], first_label: str) -> int:
    return next(i for i, r in enumerate(rows) if r and r[0] == first_label)


# --- catalogue, suppliers, opening balances (S1, S2, S8, X3) -------------------------------


def test_X3_items_template_filled_imported_exported_and_reimported_unchanged(sup, tmp_path):
    lg = sup.o.logistics
    template = write_template("items", tmp_path / "t.xlsx")
    book = load_workbook(template)
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["*物品编码", "*物品名称", "*类别", "*计量单位"]
    assert "政府采购目录" in header and "库存数" in header
    assert "选项" in book.sheetnames and "说明" in book.sheetnames
    col = {label.lstrip("*"): i + 1 for i, label in enumerate(header)}
    for r, values in enumerate(
        (
            {
                "物品编码": "wj0001",
                "物品名称": "订书机",
                "类别": "文具",
                "计量单位": "个",
                "规格型号": "24/6",
                "库存下限": 5,
                "政府采购目录": "否",
                "参考单价": 18.5,
            },
            {
                "物品编码": "HC0002",
                "物品名称": "打印机",
                "类别": "耗材",
                "计量单位": "台",
                "政府采购目录": "是",
            },
        ),
        start=3,  # under the template's example row
    ):
        for label, value in values.items():
            ws.cell(row=r, column=col[label], value=value)
    book.save(template)
    result = import_file("items", template, actor=lg)
    assert result.committed, [str(e) for e in result.errors]
    assert result.inserted == ["wj0001", "HC0002"]  # as typed; stored upper case
    stapler = Item.get(Item.code == "WJ0001")
    assert (stapler.category, stapler.reorder_level, stapler.price) == (
        "stationery",
        5,
        Decimal("18.50"),
    )
    assert Item.get(Item.code == "HC0002").gov_catalogue is True
    opening(sup, sup.pen, 12)
    out = tmp_path / "items.xlsx"
    exported = export_register("items", out, unit="市局机关")
    assert exported.rows == 5
    rows = rows_of(out)
    top = header_index(rows, "物品编码")
    by_code = {r[0]: r for r in rows[top + 1 : top + 6]}
    assert by_code["SX0001"][2] == "书写工具" and by_code["SX0001"][8] == 12  # stock shown
    assert by_code["HC0001"][6] == "是" and by_code["WJ0001"][6] == "否"
    again = import_file("items", out, actor=lg, mode="update")
    assert again.committed and not again.updated and len(again.unchanged) == 5
    assert item(sup.pen).on_hand == 12  # the 库存数 column never moves stock


def test_S1_item_import_is_all_or_nothing_a_bad_category_names_row_and_column(sup, tmp_path):
    lg = sup.o.logistics
    head = ["物品编码", "物品名称", "类别", "计量单位", "政府采购目录"]
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            head,
            ["HC0009", "激光打印机硒鼓", "耗材", "个", "是"],
            ["JJ0001", "办公椅", "办公家具", "把", "否"],
            ["WJ0009", "回形针", "文具", "盒", "也许"],
        ],
    )
    result = import_file("items", bad, actor=lg)
    assert not result.committed and result.rejected_rows == [3, 4]
    first = result.errors[0]
    assert (first.row, first.column, first.value) == (3, "类别", "办公家具")
    assert "不在可选值中" in first.zh
    assert (result.errors[1].row, result.errors[1].column) == (4, "政府采购目录")
    assert Item.select().count() == 3  # the good row was not written either
    good = write_xlsx(
        tmp_path / "good.xlsx", [head, ["HC0009", "激光打印机硒鼓", "耗材", "个", "是"]]
    )
    assert import_file("items", good, actor=lg).committed
    assert Item.get(Item.code == "HC0009").gov_catalogue is True
    dup = write_xlsx(
        tmp_path / "dup.xlsx",
        [[*head, "规格型号"], ["HC0010", "中性笔", "书写工具", "支", "否", "0.5mm 黑色"]],
    )
    result = import_file("items", dup, actor=lg)  # the model's rule, reported on its row
    assert not result.committed and result.errors[0].row == 2


def test_S1_X3_a_large_item_import_reports_every_bad_row_of_every_batch_and_writes_nothing(
    sup, tmp_path
):
    """The bulk path (batches of ``BULK_BATCH`` through ``supplies.add_items``) enforces what
    the single path enforces: one bad row of each kind, spread over three batches, is each
    named on its row, in the error workbook too, and nothing is written."""
    from forms.excel_errors import write_error_workbook
    from forms.excel_import import BULK_BATCH
    from models import audit

    lg = sup.o.logistics
    head = ["物品编码", "物品名称", "类别", "计量单位", "规格型号", "库存下限"]
    n = 2 * BULK_BATCH + 1000
    rows = [[f"BK{i:05d}", f"物品{i}", "文具", "个", f"规格{i}", i % 9] for i in range(n)]
    b2, b3 = BULK_BATCH, 2 * BULK_BATCH  # the first rows of the second and third batches

    def code(i: int) -> str:
        return f"BK{i:05d}"

    bad = {  # index → (cells, words of the reason)
        100: (["BK00100", "中性笔", "书写工具", "支", "0.5mm 黑色", 1], "已有同名同规格"),
        b2 + 500: ([code(b2 + 500), "物品10", "文具", "个", "规格10", 1], "已有同名同规格"),
        b2 + 900: (["BK00007", "另一个", "文具", "个", "", 1], "与第 9 行重复"),
        b3 + 10: (["SX0001", "又一个", "文具", "个", "", 1], "已存在"),
        b3 + 20: ([code(b3 + 20), "长" * 101, "文具", "个", "", 1], "100 个字"),
        b3 + 30: ([code(b3 + 30), "很多个", "文具", "个", "", "很多"], "库存下限"),
        n - 1: ([code(n - 1), "缺单位", "文具", None, "", 1], "必填项为空"),
    }
    for index, (cells_, _) in bad.items():
        rows[index] = cells_
    path = write_xlsx(tmp_path / "big.xlsx", [head, *rows])
    before = (Item.select().count(), audit.AuditLog.select().count())
    result = import_file("items", path, actor=lg)
    assert not result.committed
    assert result.rejected_rows == sorted(i + 2 for i in bad)  # Excel rows: header is row 1
    by_row = {e.row: str(e) for e in result.errors}
    for index, (_, words) in bad.items():
        assert words in by_row[index + 2], by_row[index + 2]
    assert (Item.select().count(), audit.AuditLog.select().count()) == before
    out = write_error_workbook(result, tmp_path / "errors.xlsx")
    listed = [r[0] for r in cells(out)[1:]]
    assert listed == [bad[i][0][0] for i in sorted(bad)]


def test_S1_X3_a_file_past_the_batches_kept_in_memory_is_spooled_and_written_in_order(
    sup, tmp_path, monkeypatch
):
    """Checked batches past ``KEEP_BATCHES`` wait on disk for the write pass: they come
    back in the file's order, each item with its audit row, as the kept ones do."""
    from forms import excel_import, excel_spool
    from models import audit

    monkeypatch.setattr(excel_spool, "KEEP_BATCHES", 1)
    monkeypatch.setattr(excel_import, "BULK_BATCH", 50)
    head = ["物品编码", "物品名称", "类别", "计量单位", "规格型号", "参考单价"]
    rows = [[f"SP{i:04d}", f"物品{i}", "文具", "个", f"规格{i}", f"{i}.50"] for i in range(175)]
    path = write_xlsx(tmp_path / "spooled.xlsx", [head, *rows])
    audited = audit.AuditLog.select().count()
    result = import_file("items", path, actor=sup.o.logistics)
    assert result.committed, [str(e) for e in result.errors]
    written = list(Item.select().where(Item.code.startswith("SP")).order_by(Item.id))
    assert [i.code for i in written] == [r[0] for r in rows]
    assert written[-1].price == Decimal("174.50") and written[-1].specification == "规格174"
    assert audit.AuditLog.select().count() == audited + len(rows)


def test_X3_formula_like_item_name_stays_text_in_the_export(sup, tmp_path):
    supplies.add_item(sup.o.logistics, name="=SUM(A1)", category="文具", unit="个")
    out = tmp_path / "items.xlsx"
    export_register("items", out)
    ws = load_workbook(out).worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=SUM(A1)")
    assert cell.data_type == "s"
    back = import_file("items", out, actor=sup.o.logistics, mode="update")
    assert back.committed and Item.get(Item.code == "WJ0001").name == "=SUM(A1)"


def test_S2_suppliers_import_with_their_designated_categories(sup, tmp_path):
    lg = sup.o.logistics
    path = write_xlsx(
        tmp_path / "s.xlsx",
        [
            ["供应商名称", "类型", "定点类别", "电话"],
            ["新华文具", "本地经销商", "文具、耗材", "010-3333"],
            ["省采购中心", "政府集中采购", "", ""],
        ],
    )
    result = import_file("suppliers", path, actor=lg)
    assert result.committed, [str(e) for e in result.errors]
    assert [s.name for s in supplies.designated_suppliers(Category.STATIONERY)] == ["新华文具"]
    assert supplies.Supplier.get(supplies.Supplier.name == "省采购中心").kind == "central"
    assert "文具" in {w.category_label for w in supplies.designation_warnings()}
    update = write_xlsx(tmp_path / "u.xlsx", [["供应商名称", "定点类别"], ["新华文具", "文具"]])
    assert import_file("suppliers", update, actor=lg, mode="update").updated == ["新华文具"]
    assert supplies.designated_suppliers(Category.CONSUMABLES) == []
    central = write_xlsx(
        tmp_path / "c.xlsx",
        [["供应商名称", "类型", "定点类别"], ["另一采购中心", "政府集中采购", "纸本"]],
    )
    refused = import_file("suppliers", central, actor=lg)
    assert not refused.committed and "[S3]" in refused.errors[0].zh


def test_S2_S3_X3_a_large_suppliers_file_goes_through_the_batch_and_names_every_bad_row(sup):
    """The 供应商名录 import sends batches to ``supplies.add_suppliers``: one bad row of each
    kind anywhere in the file (the form's checks, the register, the batch, S3) is reported on
    its row and nothing is written; the same file without them is written whole, its
    designated lists with it."""
    from forms.excel_import import BULK_BATCH, import_rows
    from forms.excel_sheets import Sheet

    lg = sup.o.logistics
    supplies.add_supplier(lg, name="城西文具店")
    header = ["供应商名称", "类型", "定点类别", "地址"]
    n = 2 * BULK_BATCH + 500
    rows = [[f"第{i}文具店", "本地经销商", "", f"东环路{i}号"] for i in range(n)]
    bad = [list(r) for r in rows]
    bad[100][0] = "城西文具店"  # on the register already
    bad[BULK_BATCH + 600][0] = bad[5][0]  # twice in the file
    bad[BULK_BATCH + 700][3] = "路" * 201  # longer than the column
    bad[2 * BULK_BATCH + 10][1:3] = ["政府集中采购", "纸本"]  # S3
    bad[n - 1][2] = "家具"  # not a choice
    before = (supplies.Supplier.select().count(), supplies.CategorySupplier.select().count())
    result = import_rows("suppliers", [Sheet.from_lists("s", [header, *bad])], actor=lg)
    assert not result.committed
    wrong = [100, BULK_BATCH + 600, BULK_BATCH + 700, 2 * BULK_BATCH + 10, n - 1]
    assert result.rejected_rows == [i + 2 for i in wrong]
    assert "[S3]" in next(e.zh for e in result.errors if e.row == 2 * BULK_BATCH + 12)
    counts = (supplies.Supplier.select().count(), supplies.CategorySupplier.select().count())
    assert counts == before
    rows[7][2] = "文具、耗材"
    result = import_rows("suppliers", [Sheet.from_lists("s", [header, *rows])], actor=lg)
    assert result.committed and len(result.inserted) == n
    assert "第7文具店" in {s.name for s in supplies.designated_suppliers(Category.CONSUMABLES)}


def test_S8_opening_balances_land_as_ledger_movements_all_or_nothing(sup, tmp_path):
    lg = sup.o.logistics
    opening(sup, sup.toner, 1)  # the toner's ledger is not empty any more
    head = ["物品编码", "期初数量", "单价", "期初日期"]
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            head,
            ["sx0001", 40, "2.40", date(2026, 1, 1)],
            ["HC0001", 2, None, None],
            ["XX9999", 1, None, None],
        ],
    )
    result = import_file("opening-balances", bad, actor=lg)
    assert not result.committed and result.rejected_rows == [3, 4]
    assert "已存在" in result.errors[0].zh and result.errors[1].column == "物品编码"
    assert "没有编码 XX9999" in result.errors[1].zh
    assert item(sup.pen).on_hand == 0
    good = write_xlsx(
        tmp_path / "good.xlsx",
        [head, ["sx0001", 40, "2.40", date(2026, 1, 1)], ["ZB0001", 15, None, None]],
    )
    result = import_file("opening-balances", good, actor=lg)
    assert result.committed, [str(e) for e in result.errors]
    pen = item(sup.pen)
    assert (pen.on_hand, pen.price) == (40, Decimal("2.40"))
    ledger = supplies.item_ledger(pen)
    assert [(r.kind, r.quantity_in, r.balance, r.actor) for r in ledger] == [
        (MovementKind.OPENING, 40, 40, "周九")
    ]
    assert ledger[0].at == datetime(2026, 1, 1, 8, 0)
    assert supplies.ledger_mismatches() == []
    again = import_file("opening-balances", good, actor=lg, mode="upsert")
    assert not again.committed and "盘点" in again.errors[0].zh
    out = tmp_path / "opening.xlsx"
    assert export_register("opening-balances", out).rows == 3


def test_S8_ledger_requisitions_and_orders_export_but_never_import(stocked, tmp_path):
    o = stocked.o
    req = requisition(stocked, (stocked.pen, 3))
    req = supplies.head_approve(o.head, req, at=T0)
    req = supplies.check_requisition(
        o.logistics, req, approved={req.lines[0].id: 2}, comment="按定额", at=T0
    )
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    ledger = tmp_path / "ledger.xlsx"
    assert export_register("stock-ledger", ledger, filters={"code": "SX0001"}).rows == 2
    rows = rows_of(ledger)
    top = header_index(rows, "序号")
    assert [r[5] for r in rows[top + 1 : top + 3]] == ["期初结存", "出库"]
    assert [r[0] for r in rows[top + 1 : top + 3]] == [1, 2]  # a running 序号, not ids
    assert rows[top + 2][8:12] == [2, 35, "办公室", "张三"]
    refused = import_file("stock-ledger", ledger, actor=o.logistics, mode="upsert")
    assert not refused.committed and "不能导入" in refused.errors[0].zh
    reqs = tmp_path / "req.xlsx"
    assert export_register("requisitions", reqs).rows == 1
    rows = rows_of(reqs)
    top = header_index(rows, "单号")
    assert rows[top + 1][4:10] == ["已发放", "中性笔×3支", 3, 2, 2, "张三"]
    assert not import_file("requisitions", reqs, actor=o.logistics).committed
    orders = tmp_path / "orders.xlsx"
    assert export_register("purchase-orders", orders).rows == 0


# --- the count sheet (S5) ------------------------------------------------------------------


def _cells_after(lines: list[str], code: str) -> list[str]:
    """The four cells printed after an item's code (one line per cell in pypdf's text)."""
    cells = [line.strip() for line in lines]
    i = cells.index(code)
    return cells[i + 1 : i + 5]


def test_S5_count_sheet_pdf_shows_book_quantities_and_hides_them_on_a_blind_count(
    stocked, tmp_path
):
    lg = stocked.o.logistics
    st = stocktake.open_stocktake(lg, at=OPEN_AT)
    lines = pdf_lines(write_count_sheet_pdf(st.id, tmp_path / "normal.pdf"))
    text = "\n".join(lines)
    assert "办公用品盘点表" in text and st.number in text and "2026年第四季度" in text
    for label in ("物品编码", "账面数", "实盘数", "差异原因", "盘点人", "监盘人", "负责人"):
        assert label in text
    assert "明盘" in text and "书写工具" in text and "耗材" in text
    assert _cells_after(lines, "SX0001") == ["中性笔", "0.5mm 黑色", "支", "37"]
    assert _cells_after(lines, "ZB0001") == ["复印纸", "A4 70g 500张", "包", "23"]
    st = stocktake.cancel_stocktake(lg, st, "改为盲盘")
    blind = stocktake.open_stocktake(lg, blind=True, at=OPEN_AT)
    lines = pdf_lines(write_count_sheet_pdf(blind.id, tmp_path / "blind.pdf"))
    text = "\n".join(lines)
    assert "账面数不显示" in text and "账面数" not in text.replace("账面数不显示", "")
    assert "中性笔" in text and "实盘数" in text
    assert _cells_after(lines, "SX0001") == ["中性笔", "0.5mm 黑色", "支", "纸本"]
    assert _cells_after(lines, "ZB0001") == ["复印纸", "A4 70g 500张", "包", "耗材"]


def _fill(path, counts: dict[str, tuple]) -> None:
    """Type counts into the exported sheet as a counter would: under the labels."""
    book = load_workbook(path)
    ws = book.worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    top = header_index(rows, "物品编码")
    col = {label: i + 1 for i, label in enumerate(rows[top]) if label}
    for r in range(top + 2, len(rows) + 1):
        code = ws.cell(row=r, column=1).value
        if code in counts:
            for label, value in zip(("实盘数", "差异原因", "实盘时间"), counts[code], strict=False):
                ws.cell(row=r, column=col[label], value=value)
    book.save(path)


def test_S5_counts_read_back_from_the_filled_workbook_and_a_bad_count_is_refused(stocked, tmp_path):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, blind=True, at=OPEN_AT)
    sheet = tmp_path / "count.xlsx"
    write_count_sheet(st.id, sheet, unit="市局机关")
    rows = rows_of(sheet)
    top = header_index(rows, "物品编码")
    assert "账面数" not in rows[top] and "实盘数" in rows[top]  # blind: no book column
    assert [r[0] for r in rows[top + 1 : top + 4]] == ["SX0001", "ZB0001", "HC0001"]
    # A pen issued after the shelf was counted at 10:05 is not in the count.
    req = requisition(stocked, (stocked.pen, 2))
    req = supplies.head_approve(o.head, req, at=OPEN_AT)
    req = supplies.check_requisition(o.logistics, req, approved={req.lines[0].id: 2}, at=OPEN_AT)
    req = supplies.issue_requisition(
        o.logistics, req, receiver=o.clerk, at=OPEN_AT + timedelta(hours=3)
    )
    _fill(sheet, {"SX0001": (36, "丢失", "2026-10-13 10:05"), "ZB0001": (-2,), "HC0001": ("两",)})
    result = import_counts(st.id, sheet, o.logistics)
    assert not result.committed and result.rejected_rows == [top + 3, top + 4]
    bad = {e.row: e for e in result.errors}
    assert (bad[top + 3].column, bad[top + 3].value) == ("实盘数", -2)
    assert "不小于0" in bad[top + 3].zh
    assert (bad[top + 4].column, bad[top + 4].value) == ("实盘数", "两")
    assert all(ln.counted is None for ln in StocktakeLine.select())  # nothing written
    _fill(sheet, {"ZB0001": (23,), "HC0001": (0,)})
    assert import_counts(st.id, sheet, o.logistics, dry_run=True).committed is False
    result = import_counts(
        st.id, sheet, o.logistics, counted_at=OPEN_AT + timedelta(hours=1, minutes=30)
    )
    assert result.committed, [str(e) for e in result.errors]
    assert sorted(result.updated) == ["HC0001", "SX0001", "ZB0001"]
    found = {v.code: v for v in stocktake.variances(st)}
    assert (found["SX0001"].counted, found["SX0001"].during, found["SX0001"].variance) == (
        36,
        0,
        -1,
    )
    assert found["SX0001"].reason == "丢失" and found["ZB0001"].variance == 0
    again = import_counts(st.id, sheet, o.logistics)
    assert again.committed and not again.updated  # the same sheet twice changes nothing
    st = stocktake.submit_stocktake(o.logistics, st, at=OPEN_AT + timedelta(hours=4))
    with pytest.raises(RuleViolation) as err:
        import_counts(st.id, sheet, o.logistics)
    assert err.value.rule == "S5"
    filed = rows_of(write_count_sheet(st.id, tmp_path / "filed.xlsx").path)
    assert "账面数" in filed[top]  # handed in: the book figures are shown again


def test_S5_count_sheet_from_the_cli_and_counts_through_the_generic_import(
    stocked, tmp_path, database, capsys
):
    """``houqin report count-sheet`` writes the sheet; entering counts is the logistics
    officer's act, so the command line (acting as the system) is refused and the desktop's
    import dialog (``import_file`` with the logged-in officer) reads the counts."""
    lg = stocked.o.logistics
    st = stocktake.open_stocktake(lg, at=OPEN_AT)
    url = _url(database)
    pdf, xlsx = tmp_path / "sheet.pdf", tmp_path / "sheet.xlsx"
    assert main(["--db", url, "report", "count-sheet", "--period", "2026Q4", str(pdf)]) == 0
    assert st.number in "\n".join(pdf_lines(pdf))
    printed = tmp_path / "printed.pdf"
    assert main(["--db", url, "print", "count-sheet", str(st.id), str(printed)]) == 0
    assert st.number in "\n".join(pdf_lines(printed))
    assert main(["--db", url, "report", "count-sheet", "--period", st.number, str(xlsx)]) == 0
    _fill(xlsx, {"SX0001": (37, "", "2026-10-13 10:00"), "ZB0001": (23, "", "2026-10-13")})
    capsys.readouterr()
    assert main(["--db", url, "import", "counts", str(xlsx), "--mode", "update"]) == 1
    assert "需要角色：后勤" in capsys.readouterr().err
    result = import_file("counts", xlsx, actor=lg, mode="update")
    assert not result.committed and result.errors[0].column == "实盘时间"
    assert "时分" in result.errors[0].zh
    _fill(xlsx, {"ZB0001": (23, "", "2026-10-13 10:10")})
    assert import_file("counts", xlsx, actor=lg, mode="update").committed
    lines = {ln.item.code: ln for ln in StocktakeLine.select()}
    assert {code: ln.counted for code, ln in lines.items()} == {
        "SX0001": 37,
        "ZB0001": 23,
        "HC0001": None,
    }
    assert lines["ZB0001"].counted_at == datetime(2026, 10, 13, 10, 10)


# --- the 申请批准单 slip (S6) ----------------------------------------------------------------


def test_S6_requisition_slip_prints_lines_asked_approved_issued_and_who_received(stocked, tmp_path):
    o = stocked.o
    req = requisition(stocked, (stocked.pen, 3), (stocked.paper, 5))
    req = supplies.head_approve(o.head, req, "同意", at=T0)
    lines = {ln.item_id: ln.id for ln in req.lines}
    req = supplies.check_requisition(
        o.logistics,
        req,
        approved={lines[stocked.pen.id]: 2, lines[stocked.paper.id]: 5},
        comment="笔按季度定额核减",
        at=T0 + timedelta(hours=1),
    )
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0 + timedelta(hours=2))
    out = print_form("requisition", req.id, tmp_path / "slip.pdf")
    pages = [p.extract_text() for p in PdfReader(str(out)).pages]
    assert len(pages) == 2 and "第一联 存根" in pages[0] and "第二联 领用科室" in pages[1]
    text = pages[0]
    assert "办公用品申请批准单" in text and req.number in text and "办公室" in text
    assert "中性笔（0.5mm 黑色）：申请 3支，批准 2支，发放 2支" in text
    assert "复印纸（A4 70g 500张）：申请 5包，批准 5包，发放 5包" in text
    assert "笔按季度定额核减" in text and "领用人：张三" in text
    for who in ("张三", "李四", "周九"):
        assert who in text
    for label in ("申请人", "科室负责人", "后勤", "领用人", "科室负责人审批", "后勤核对"):
        assert label in text
    with pytest.raises(RuleViolation) as refusal:
        print_form("requisition", 9999, tmp_path / "none.pdf")
    assert refusal.value.rule is None  # a plain input check


def test_S7_the_return_slip_prints_its_requisition_reason_lines_and_who_confirmed(
    stocked, tmp_path
):
    o = stocked.o
    req = requisition(stocked, (stocked.paper, 5))
    req = supplies.head_approve(o.head, req, "同意", at=T0)
    req = supplies.check_requisition(o.logistics, req, approved={req.lines[0].id: 5}, at=T0)
    req = supplies.issue_requisition(o.logistics, req, receiver=o.clerk, at=T0)
    ret = supplies.file_stock_return(
        o.clerk,
        req,
        quantities={req.lines[0].id: 2},
        reason="受潮结块",
        at=T0 + timedelta(days=1),
    )
    ret = supplies.confirm_stock_return(o.logistics, ret, "已收回", at=T0 + timedelta(days=1))
    out = print_form("stock-return", ret.id, tmp_path / "return.pdf")
    pages = [p.extract_text() for p in PdfReader(str(out)).pages]
    assert len(pages) == 2 and "第一联 存根" in pages[0] and "第二联 退库科室" in pages[1]
    text = pages[0]
    assert "办公用品退库单" in text and ret.number in text and req.number in text
    assert "复印纸（A4 70g 500张）：退库 2包" in text and "受潮结块" in text
    for who in ("张三", "周九", "退库人", "后勤确认", "已退库"):
        assert who in text
    with pytest.raises(RuleViolation) as refusal:
        print_form("stock-return", 9999, tmp_path / "none.pdf")
    assert refusal.value.rule is None  # a plain input check


def test_X2_approvals_of_supplies_documents_print_their_fields_with_labels(sup, tmp_path):
    plan = approved_plan(sup, (sup.paper, 10, "25"))
    text = (
        PdfReader(str(print_form("approval", plan.instance().id, tmp_path / "a.pdf")))
        .pages[0]
        .extract_text()
    )
    assert "计划期间" in text and "2026Q4" in text and "计划金额（元）" in text
    assert "250.00" in text


# --- the quarterly report ------------------------------------------------------------------


def _quarter(s) -> stocktake.Stocktake:
    """Q4 2026: a receipt of paper, a return, an issue cut by the check, a posted count
    with one pen lost."""
    o = s.o
    lg = o.logistics
    plan = approved_plan(s, (s.paper, 10, "25"))
    order = supplies.create_order(
        lg,
        plan=plan,
        method=OrderMethod.DESIGNATED,
        supplier=s.d1,
        lines=[OrderLineInput(plan_line(plan, s.paper), 10, "24")],
        at=T0,
    )
    receipt = supplies.receive(lg, order=order, at=T0 + timedelta(hours=1))
    supplies.return_to_supplier(
        lg, receipt_line=receipt.lines[0], quantity=1, reason="破损", at=T0 + timedelta(hours=2)
    )
    req = requisition(s, (s.pen, 3), (s.paper, 5))
    req = supplies.head_approve(o.head, req, at=T0)
    ids = {ln.item_id: ln.id for ln in req.lines}
    req = supplies.check_requisition(
        lg, req, approved={ids[s.pen.id]: 2, ids[s.paper.id]: 5}, comment="定额", at=T0
    )
    req = supplies.issue_requisition(lg, req, receiver=o.clerk, at=T0 + timedelta(hours=3))
    at = T0 + timedelta(days=1)
    st = stocktake.open_stocktake(lg, at=at)
    stocktake.set_counts(
        lg,
        st,
        {s.pen.code: (34, "丢失"), s.paper.code: 27, s.toner.code: 0},
        counted_at=at + timedelta(hours=1),
    )
    st = stocktake.submit_stocktake(lg, st, at=at + timedelta(hours=2))
    st = stocktake.approve_stocktake(o.leader, st, at=at + timedelta(hours=3))
    return stocktake.post_stocktake(lg, st, at=at + timedelta(hours=4))


def _sheet(book, title: str) -> tuple[list[list], list[list]]:
    """(the heading rows, the data rows and the 合计 row) of one register sheet."""
    rows = [list(r) for r in book[title].iter_rows(values_only=True)]
    top = 3
    end = next(i for i, r in enumerate(rows) if r[0] == "合计")
    return rows[: top + 1], rows[top + 1 : end + 1]


def test_S4_S5_quarterly_report_holds_stock_consumption_purchases_count_and_suggestions(
    stocked, tmp_path
):
    st = _quarter(stocked)
    out = tmp_path / "q4.xlsx"
    write_quarterly_report("2026Q4", out, unit="市局机关", today=date(2027, 1, 1))
    book = load_workbook(out, data_only=True)  # the 合计 values xlsxwriter cached
    assert book.sheetnames == [
        "季末库存表",
        "科室领用统计",
        "采购入库登记",
        "季度盘点结果",
        "采购建议",
    ]
    head, body = _sheet(book, "季末库存表")
    assert "市局机关" in head[1][0] and "2026年第四季度" in str(head[1])
    assert "2026-12-31 23:59:59" in str(head[2])
    stock = {r[0]: r for r in body[:-1]}
    assert (stock["SX0001"][5], stock["SX0001"][9]) == (34, 85)  # 37 − 2 issued − 1 lost
    assert (stock["ZB0001"][5], stock["ZB0001"][8], stock["ZB0001"][9]) == (27, 24, 648)
    assert stock["HC0001"][5] == 0 and stock["HC0001"][7] == "是"
    # 支 and 包 do not add up: the 合计 holds the value only.
    assert body[-1][5] is None and body[-1][9] == 733
    _, body = _sheet(book, "科室领用统计")
    assert [r[:7] for r in body[:-1]] == [
        ["办公室", "书写工具", "SX0001", "中性笔", "支", 2, 5],
        ["办公室", "纸本", "ZB0001", "复印纸", "包", 5, 120],
    ]
    _, body = _sheet(book, "采购入库登记")
    assert [(r[1], r[4], r[5], r[9], r[11]) for r in body[:-1]] == [
        ("入库", "定点采购", "城东文具店", 10, 240),
        ("退货", "定点采购", "城东文具店", -1, -24),
    ]
    assert body[-1][11] == 216
    head, body = _sheet(book, "季度盘点结果")
    assert st.number in str(head[2]) and "已过账" in str(head[2])
    result = {r[0]: r for r in body[:-1]}
    assert result["SX0001"][4:11] == [35, 0, 35, 34, -1, -2.5, "丢失"]
    assert result["ZB0001"][4:9] == [27, 0, 27, 27, 0]
    _, body = _sheet(book, "采购建议")
    assert [(r[0], r[8], r[10]) for r in body[:-1]] == [("HC0001", 2, "政府集中采购")]
    q3 = tmp_path / "q3.xlsx"
    write_quarterly_report("2026Q3", q3, today=date(2026, 10, 1))
    book = load_workbook(q3, data_only=True)
    _, body = _sheet(book, "科室领用统计")
    assert body == [["合计", None, None, None, None, None, None]]
    head, body = _sheet(book, "季末库存表")
    assert {r[0]: r[5] for r in body[:-1]}["SX0001"] == 37  # the opening, nothing after
    assert "本季度没有盘点" in str(_sheet(book, "季度盘点结果")[0][2])
    # The quarter under way: the stock stands as of now, not as of a moment still to come.
    running = tmp_path / "now.xlsx"
    today = now().date()  # the office's day: the server's on MySQL, ahead of UTC by eight hours
    write_quarterly_report(f"{today.year}Q{(today.month - 1) // 3 + 1}", running)
    head, _ = _sheet(load_workbook(running, data_only=True), "季末库存表")
    assert f"截至 {today:%Y-%m-%d}" in str(head[2]), head[2]


def test_cli_report_supplies_quarterly_and_print_requisition(stocked, tmp_path, database, capsys):
    _quarter(stocked)
    req = supplies.Requisition.select().first()
    url = _url(database)
    out = tmp_path / "q.xlsx"
    assert main(["--db", url, "report", "supplies-quarterly", "--period", "2026Q4", str(out)]) == 0
    assert load_workbook(out).sheetnames[0] == "季末库存表"
    assert main(["--db", url, "report", "supplies-quarterly", "--period", "Q4", str(out)]) == 1
    assert "期间格式应为 2026Q4" in capsys.readouterr().err
    slip = tmp_path / "slip.pdf"
    assert main(["--db", url, "print", "requisition", str(req.id), str(slip), "--copies", "1"]) == 0
    pages = PdfReader(str(slip)).pages
    assert len(pages) == 1 and req.number in pages[0].extract_text()
    steps = workflow.trail(req.instance().id)
    assert [s.node_name for s in steps][-1] == "后勤核对"
