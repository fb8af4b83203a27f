"""车辆管理 on paper and in Excel (F8, F9, X3), on SQLite and MariaDB."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from forms.excel_export import export_register
from forms.excel_import import import_file
from forms.excel_template import write_template
from forms.fleet import write_monthly_report
from forms.printing import print_form
from models import fleet, settings
from models.errors import RuleViolation
from tests.forms.helpers import write_xlsx
from tests.models.test_fleet import T0, close, fl, in_repair, lines  # noqa: F401


def pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_F9_repair_form_prints_three_copies_with_every_step(fl, tmp_path):  # noqa: F811
    o = fl.office
    repair = in_repair(fl)
    supplement = fleet.propose_supplement(o.fleet, repair, lines("2600"), "发现水泵损坏", at=T0)
    from models import workflow

    workflow.approve(o.logistics, supplement.instance().id, "属实", at=T0)
    workflow.approve(o.leader, supplement.instance().id, "同意更换", at=T0)
    out = print_form("repair", repair.id, tmp_path / "repair.pdf")
    texts = pages(out)
    assert len(texts) == 3
    for text, copy in zip(texts, ("第一联 存根", "第二联 维修部门", "第三联 财务"), strict=True):
        assert copy in text
        assert "车辆维修保修单" in text and repair.number in text
        assert "京A·12345" in text and "刹车异响" in text and "城东汽修厂" in text
        assert "ZX2026-0001" in text and "项目1" in text and "800.00" in text
        for who in ("吴十", "孙八", "王五", "周九"):
            assert who in text
        assert "追加1" in text and "同意更换" in text
        for label in ("报修驾驶员", "车管鉴定", "主要领导", "后勤备案", "验收驾驶员"):
            assert label in text


def test_F2_authorisation_prints_only_after_filing(fl, tmp_path):  # noqa: F811
    o = fl.office
    pending = fleet.apply_repair(o.driver, fl.car, "异响", at=T0)
    with pytest.raises(RuleViolation) as err:
        print_form("authorisation", pending.id, tmp_path / "a.pdf")
    assert err.value.rule == "F2"
    second = fleet.Repair.get_by_id(pending.id)
    second = fleet.assess(
        o.fleet,
        second,
        diagnosis="x",
        lines=lines("300"),
        shop=fl.shop,
        promised_date=date(2026, 10, 16),
        at=T0,
    )
    second = fleet.approve_repair(o.leader, second, at=T0)
    second = fleet.file_repair(o.logistics, second, at=T0)
    text = pages(print_form("authorisation", second.id, tmp_path / "a.pdf"))
    assert len(text) == 2 and "第二联 修理厂" in text[1]
    assert "准修通知单" in text[0] and "ZX2026-0001" in text[0] and "300.00" in text[0]
    # 后勤车管人员 and 修理厂接车人 each sign and date: no third, bare 日期 signer
    assert text[0].count("日期：") == 2 and "日期：\n日期" not in text[0]


def test_F8_month_end_report_workbook(fl, tmp_path):  # noqa: F811
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    out = tmp_path / "m.xlsx"
    write_monthly_report("2026-10", out, unit="市局机关")
    book = load_workbook(out)
    assert book.sheetnames == [
        "月度维修统计（按单位）",
        "月度维修统计（按车辆）",
        "月度维修统计（按修理厂）",
        "有偿服务登记表",
        "抽查回访名单",
    ]
    unit = [list(r) for r in book["月度维修统计（按单位）"].iter_rows(values_only=True)]
    assert "市局机关" in unit[1][0] and "2026-10" in str(unit[1])
    assert "及时率 100.0%" in str(unit[2]) and "合格率 100.0%" in str(unit[2])
    assert unit[4][:7] == ["一中队", 1, 1100, 1, 1, 1, 1]  # rates as numbers shown 0.0%
    assert book["月度维修统计（按单位）"]["E5"].number_format == "0.0%"
    spot = [list(r) for r in book["抽查回访名单"].iter_rows(values_only=True)]
    assert spot[4][0] == "WX2026-0001"


def test_X3_vehicles_import_all_or_nothing_with_plates_checked(fl, tmp_path):  # noqa: F811
    template = write_template("vehicles", tmp_path / "t.xlsx")
    header = [c.value for c in load_workbook(template).worksheets[0][1]]
    assert header[0] == "*车牌号"
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["车牌号", "有车单位", "品牌型号", "驾驶员"],
            ["京b 54321", "一中队", "别克GL8", "吴十"],
            ["京I00000", "一中队", "x", ""],
        ],
    )
    result = import_file("vehicles", bad, actor=fl.office.fleet)
    assert not result.committed and result.rejected_rows == [3]
    assert result.errors[0].column == "车牌号" and "格式不正确" in str(result.errors[0])
    assert fleet.Vehicle.select().count() == 1
    good = write_xlsx(
        tmp_path / "good.xlsx",
        [
            ["车牌号", "有车单位", "品牌型号", "驾驶员"],
            ["京b 54321", "一中队", "别克GL8", "吴十"],
            ["沪AD12345", "办公室", "比亚迪汉EV", "wushi、张三"],
        ],
    )
    assert import_file("vehicles", good, actor=fl.office.fleet).committed
    ev = fleet.Vehicle.get(fleet.Vehicle.plate == "沪AD12345")
    assert {u.name for u in fleet.drivers_of(ev)} == {"吴十", "张三"}
    assert fleet.Vehicle.get(fleet.Vehicle.plate == "京B·54321").unit.name == "一中队"


def test_X3_a_driver_name_two_people_share_must_be_given_as_user_name(fl, tmp_path):  # noqa: F811
    from models import people
    from models.people import Role

    people.add_user(fl.office.admin, "wushi2", "吴十", "secret-123", fl.office.office, [Role.CLERK])
    rows = [["车牌号", "有车单位", "驾驶员"], ["京B12121", "一中队", "吴十"]]
    result = import_file("vehicles", write_xlsx(tmp_path / "a.xlsx", rows), actor=fl.office.fleet)
    assert not result.committed and "请填写用户名" in str(result.errors[0])
    rows[1][2] = "wushi"
    assert import_file(
        "vehicles", write_xlsx(tmp_path / "b.xlsx", rows), actor=fl.office.fleet
    ).committed


def test_X3_vehicles_export_then_import_in_update_mode_changes_nothing(fl, tmp_path):  # noqa: F811
    out = tmp_path / "v.xlsx"
    export_register("vehicles", out)
    result = import_file("vehicles", out, actor=fl.office.fleet, mode="update")
    assert result.committed and result.unchanged == ["京A·12345"] and not result.updated


def test_X3_historical_repairs_import_and_repairs_cannot_be_rewritten(fl, tmp_path):  # noqa: F811
    path = write_xlsx(
        tmp_path / "h.xlsx",
        [
            [
                "维修单号",
                "车牌号",
                "故障情况",
                "修理厂",
                "报修日期",
                "验收日期",
                "维修费用",
                "一次验收合格",
            ],
            [
                "LS2025-0007",
                "京A12345",
                "更换离合器",
                "城东汽修厂",
                date(2025, 6, 3),
                "2025/6/5",
                "3200",
                "否",
            ],
        ],
    )
    result = import_file("repairs", path, actor=fl.office.logistics)
    assert result.committed, [str(e) for e in result.errors]
    repair = fleet.Repair.get(fleet.Repair.number == "LS2025-0007")
    assert repair.historical and repair.first_pass is False
    assert fleet.monthly_report("2025-06").total.cost == Decimal("3200.00")
    again = import_file("repairs", path, actor=fl.office.logistics, mode="upsert")
    assert not again.committed and "不能通过导入修改" in str(again.errors[0])
    refused = import_file("repairs", path, actor=fl.office.fleet, mode="insert")
    assert not refused.committed


def test_X3_every_fleet_list_exports(fl, tmp_path):  # noqa: F811
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    fleet.log_fuel(fl.office.fleet, fl.car, fl.station, T0, Decimal("40"), Decimal("300"), 42100)
    for kind in ("vehicles", "shops", "stations", "repairs", "fuel"):
        result = export_register(kind, tmp_path / f"{kind}.xlsx")
        assert result.rows == 1, kind
    repairs = list(load_workbook(tmp_path / "repairs.xlsx").active.iter_rows(values_only=True))
    assert repairs[4][0] == "WX2026-0001" and repairs[4][6] == "已完工"


def test_cli_print_and_report(fl, tmp_path, database, capsys):  # noqa: F811
    repair = in_repair(fl)
    close(fl, repair, datetime(2026, 10, 15, 10, 0))
    url = _url(database)
    assert (
        main(
            [
                "--db",
                url,
                "print",
                "repair",
                str(repair.id),
                str(tmp_path / "r.pdf"),
                "--copies",
                "3",
            ]
        )
        == 0
    )
    assert len(pages(tmp_path / "r.pdf")) == 3
    assert (
        main(
            [
                "--db",
                url,
                "report",
                "fleet-monthly",
                str(tmp_path / "m.xlsx"),
                "--period",
                "2026-10",
            ]
        )
        == 0
    )
    assert load_workbook(tmp_path / "m.xlsx").sheetnames[0] == "月度维修统计（按单位）"
    assert (
        main(
            [
                "--db",
                url,
                "report",
                "fleet-monthly",
                str(tmp_path / "x.xlsx"),
                "--period",
                "October",
            ]
        )
        == 1
    )
    assert "统计期间格式" in capsys.readouterr().err


def _url(database) -> str:
    import peewee

    if isinstance(database, peewee.SqliteDatabase):
        return f"sqlite:///{database.database}"
    params = database.connect_params
    return (
        f"mysql://{params['user']}:{params.get('password', '')}@{params['host']}:"
        f"{params['port']}/{database.database}"
    )


HISTORY_HEADER = ["维修单号", "车牌号", "故障情况", "修理厂", "报修日期", "验收日期", "维修费用"]


def test_F2_history_import_is_refused_on_or_after_the_go_live_date(fl, tmp_path):  # noqa: F811
    settings.put(fl.office.admin, fleet.GO_LIVE, date(2026, 10, 1))
    late = write_xlsx(
        tmp_path / "late.xlsx",
        [
            HISTORY_HEADER,
            [
                "LS2026-0001",
                "京A12345",
                "换轮胎",
                "城东汽修厂",
                date(2026, 9, 1),
                "2026/9/2",
                "800",
            ],
            [
                "LS2026-0002",
                "京A12345",
                "换刹车",
                "城东汽修厂",
                date(2026, 9, 30),
                "2026/10/1",
                "9800",
            ],
        ],
    )
    result = import_file("repairs", late, actor=fl.office.logistics)
    assert not result.committed and result.rejected_rows == [3]
    assert "[F2]" in str(result.errors[0]) and "上线日期 2026-10-01" in str(result.errors[0])
    assert fleet.Repair.select().count() == 0  # all or nothing


def _sheet(path, title=None) -> list[list]:
    book = load_workbook(path)
    return [list(r) for r in (book[title] if title else book.active).iter_rows(values_only=True)]


def test_F8_paper_history_is_marked_in_the_register_and_the_report(fl, tmp_path):  # noqa: F811
    settings.put(fl.office.admin, fleet.GO_LIVE, date(2026, 10, 10))
    fleet.record_historical_repair(
        fl.office.logistics,
        fl.car,
        shop=fl.shop,
        fault="更换离合器",
        cost=Decimal("9800"),
        applied_on=date(2026, 10, 1),
        closed_on=date(2026, 10, 5),
        first_pass=False,
        paid=True,
        payer="区交通运输局",
        number="LS2026-0009",
    )
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    export_register("repairs", tmp_path / "r.xlsx")
    rows = _sheet(tmp_path / "r.xlsx")
    header = next(r for r in rows if r and r[0] == "维修单号")
    column = header.index("历史补录")
    marks = {
        r[0]: r[column]
        for r in rows[rows.index(header) + 1 :]
        if r[0] in ("LS2026-0009", "WX2026-0001")
    }
    assert marks == {"LS2026-0009": "是", "WX2026-0001": "否"}
    only = export_register("repairs", tmp_path / "h.xlsx", filters={"historical": "是"})
    assert only.rows == 1

    write_monthly_report("2026-10", tmp_path / "m.xlsx")
    unit = _sheet(tmp_path / "m.xlsx", "月度维修统计（按单位）")
    header = unit[3]
    row = dict(zip(header, unit[4], strict=True))
    assert row["维修次数"] == 2 and row["维修费用（元）"] == 10900
    assert row["其中历史补录（次）"] == 1 and row["其中历史补录费用（元）"] == 9800
    assert row["按期完成"] == 1 and row["及时率"] == 1 and row["合格率"] == 1  # the live one
    assert "其中历史补录 1 次，9800.00 元" in str(unit[2]) and "仅计软件内流程的 1 次" in str(
        unit[2]
    )
    paid = _sheet(tmp_path / "m.xlsx", "有偿服务登记表")
    header = paid[3]
    assert dict(zip(header, paid[4], strict=True))["历史补录"] == "是"


def test_F9_a_paper_repair_prints_marked_as_history(fl, tmp_path):  # noqa: F811
    repair = fleet.record_historical_repair(
        fl.office.logistics,
        fl.car,
        shop=fl.shop,
        fault="更换离合器",
        cost=Decimal("3200"),
        applied_on=date(2025, 6, 3),
        closed_on=date(2025, 6, 5),
        number="LS2025-0007",
    )
    texts = pages(print_form("repair", repair.id, tmp_path / "h.pdf"))
    assert len(texts) == 3
    for text in texts:
        assert "LS2025-0007" in text and "历史补录" in text and "无准修通知单" in text
    with pytest.raises(RuleViolation) as err:
        print_form("authorisation", repair.id, tmp_path / "a.pdf")
    assert err.value.rule == "F2"


def test_F9_an_empty_field_prints_its_label_beside_a_blank_never_a_dangling_colon(
    fl,  # noqa: F811
    tmp_path,
):
    """A repair just reported: what is not known yet (the assessment, the shop, the estimate,
    the promised date, the acceptance) prints as its label beside a blank ruled cell to be
    filled in by hand: no value, no "：", no estimate of 0.00 before anyone estimated."""
    from forms.fleet.printables import REPAIR_FORM

    reported = fleet.apply_repair(fl.office.driver, fl.car, "异响", at=T0)
    text = pages(print_form("repair", reported.id, tmp_path / "r.pdf"))[0]
    grid = text[: text.index("审批记录")].splitlines()
    labels = [f.label for f in REPAIR_FORM.fields]
    for empty in ("车管鉴定意见", "修理厂报价单号", "估计费用（元）", "承诺完工日期", "出厂验收"):
        after = grid[grid.index(empty) + 1] if grid.index(empty) + 1 < len(grid) else ""
        assert after in labels or after == "", (empty, after)
    assert "0.00" not in text
    assert [line for line in grid if line.rstrip().endswith("：")] == []
    signing = text[text.index("签字确认") :].splitlines()
    colons = [line for line in text.splitlines() if line.rstrip().endswith("：")]
    assert all(line in signing for line in colons), colons  # only over a line to sign on
    assessed = fleet.assess(
        fl.office.fleet,
        reported,
        diagnosis="刹车片磨损",
        lines=lines("300"),
        shop=fl.shop,
        promised_date=date(2026, 10, 16),
        at=T0,
    )
    text = pages(print_form("repair", assessed.id, tmp_path / "a.pdf"))[0]
    grid = text[: text.index("审批记录")].splitlines()
    assert grid[grid.index("估计费用（元）") + 1] == "300.00"


def test_X3_a_large_shops_file_goes_through_the_batch_and_names_every_bad_row(fl):  # noqa: F811
    """The 定点修理厂名录 import sends batches to ``fleet.add_places``: one bad row of each
    kind anywhere in the file (the form's checks, the register, the batch) is reported on
    its row and nothing is written; the same file without them is written whole."""
    from forms.excel_import import import_rows
    from forms.excel_sheets import Sheet

    fleet.add_shop(fl.office.logistics, "城西修配厂")
    header = ["修理厂名称", "地址", "电话", "定点"]
    rows = [[f"第{i}汽修厂", f"东环路{i}号", "010-1234", "是"] for i in range(4500)]
    bad = [list(r) for r in rows]
    bad[100][0] = "城西修配厂"  # on the list already
    bad[2600][0] = bad[5][0]  # twice in the file
    bad[3000][1] = "路" * 201  # longer than the column
    bad[4499][3] = "也许"  # not a choice
    before = fleet.RepairShop.select().count()
    result = import_rows(
        "shops", [Sheet.from_lists("s", [header, *bad])], actor=fl.office.logistics
    )
    assert not result.committed
    assert result.rejected_rows == [102, 2602, 3002, 4501]
    assert fleet.RepairShop.select().count() == before
    rows[7][3] = "否"
    result = import_rows(
        "shops", [Sheet.from_lists("s", [header, *rows])], actor=fl.office.logistics
    )
    assert result.committed and len(result.inserted) == 4500
    assert not fleet.RepairShop.get(fleet.RepairShop.name == "第7汽修厂").designated
