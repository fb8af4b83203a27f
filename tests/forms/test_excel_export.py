"""Register exports (X3): heading, filters, totals, signatures, text stays text, streaming."""

from __future__ import annotations

import tracemalloc
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from forms.excel_export import export_register, parse_filters, write_register
from forms.excel_import import import_file
from forms.kinds import get_kind
from forms.spec import Field
from models import people
from models.errors import Cancelled, RuleViolation
from models.periods import Period
from tests.forms.events import EVENTS, TEvent
from tests.forms.helpers import cells


def test_X3_user_text_starting_with_equals_stays_text(office, tmp_path):
    evil = "=cmd|' /C calc'!A0"
    people.update_user(office.admin, office.clerk, name=evil, phone="=1+1")
    out = export_register("users", tmp_path / "u.xlsx").path
    ws = load_workbook(out).worksheets[0]
    found = [c for row in ws.iter_rows() for c in row if c.value in (evil, "=1+1")]
    assert len(found) == 2
    assert all(c.data_type == "s" for c in found)
    # and it comes back as the same text
    people.update_user(office.admin, office.clerk, name="张三", phone="")
    result = import_file("users", out, mode="update")
    assert result.committed and result.updated == ["zhangsan"]
    clerk = people.User.get_by_id(office.clerk.id)
    assert (clerk.name, clerk.phone) == (evil, "=1+1")


def test_X3_register_has_heading_filters_totals_and_signatures(events, tmp_path):
    TEvent.create(
        code="E1",
        title="检查",
        day=date(2026, 11, 3),
        amount=Decimal("1200.50"),
        count=3,
        category="甲",
    )
    TEvent.create(
        code="E2",
        title="培训",
        day=date(2026, 11, 30),
        amount=Decimal("99.50"),
        count=2,
        category="甲",
    )
    TEvent.create(code="E3", title="会议", amount=Decimal("1"), count=1, category="乙")
    filters = parse_filters(get_kind("t_events"), ["类别=甲"])
    result = export_register(
        "t_events", tmp_path / "e.xlsx", filters=filters, unit="某某局办公室", period="2026年11月"
    )
    assert result.rows == 2 and result.totals == {"amount": Decimal("1300.00"), "count": 5}
    rows = cells(result.path)
    assert rows[0][0] == "活动登记表"
    assert rows[1][0] == "填报单位：某某局办公室"
    assert "统计期间：2026年11月（按日期 2026-11-01 至 2026-11-30）" in rows[1]
    assert rows[2][0] == "筛选条件：类别=甲" and any(
        str(v).startswith("生成时间：") for v in rows[2]
    )
    assert rows[3] == [f.label for f in EVENTS.fields]
    assert rows[4][:6] == ["E1", "检查", rows[4][2], 1200.5, 3, "甲"]
    assert rows[4][2].date() == date(2026, 11, 3)
    total = rows[6]
    assert total[0] == "合计" and total[3] == "=SUM(D5:D6)" and total[4] == "=SUM(E5:E6)"
    values = load_workbook(result.path, data_only=True).worksheets[0]
    assert values["D7"].value == pytest.approx(1300.0) and values["E7"].value == 5
    signature_row = " ".join(str(v) for v in rows[8] if v)
    for label in ("负责人：", "经办人：", "日期："):
        assert label in signature_row
    ws = load_workbook(result.path).worksheets[0]
    assert ws.freeze_panes == "A5"
    assert ws["D5"].number_format == "#,##0.00"


def test_X3_events_export_then_import_round_trip(events, office, tmp_path):
    TEvent.create(
        code="E1",
        title="检查",
        day=date(2026, 11, 3),
        amount=Decimal("0.10"),
        count=3,
        category="甲",
        department=office.squad,
    )
    TEvent.create(code="E2", title="=培训", amount=Decimal("123456.78"))
    before = list(get_kind("t_events").rows({}))
    out = export_register("t_events", tmp_path / "e.xlsx").path
    TEvent.delete().execute()
    result = import_file("t_events", out)
    assert result.committed, [str(e) for e in result.errors]
    assert list(get_kind("t_events").rows({})) == before


def test_unknown_filter_is_refused_with_the_filterable_fields(sqlite_database):
    with pytest.raises(RuleViolation) as info:
        parse_filters(get_kind("users"), ["密码=1"])
    assert "部门" in info.value.zh


def test_an_undeclared_filter_key_is_an_error_not_every_row(sqlite_database, tmp_path):
    """A key that is no filter of the kind (a typo, a column it cannot filter by) is the
    caller's mistake: refused naming the kind's filters, and no file is written."""
    out = tmp_path / "u.xlsx"
    with pytest.raises(ValueError) as info:
        export_register("users", out, filters={"departmnet": "办公室"})
    assert "departmnet" in str(info.value) and "department" in str(info.value)
    assert not out.exists()


def test_large_export_streams_with_flat_memory_and_reports_progress(tmp_path):
    def rows(n):
        for i in range(n):
            yield {"code": f"E{i}", "title": "检查" * 5, "amount": Decimal("12.34"), "count": i}

    peaks = []
    for n in (5_000, 20_000):
        tracemalloc.start()
        seen = []
        write_register(
            EVENTS,
            rows(n),
            tmp_path / f"{n}.xlsx",
            total=n,
            progress=lambda d, t, seen=seen: seen.append((d, t)),
        )
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert seen[-1] == (n, n)
    assert peaks[1] < peaks[0] * 1.5, peaks  # 4× the rows, not 4× the memory


def test_cancelled_export_leaves_no_file(tmp_path):
    rows = ({"code": f"E{i}", "title": "x"} for i in range(5000))
    out = tmp_path / "e.xlsx"
    with pytest.raises(Cancelled):
        write_register(EVENTS, rows, out, cancelled=lambda: True)
    assert not out.exists()


def test_X3_a_registers_period_selects_its_rows_by_the_declared_date(events, tmp_path):
    for code, day in [
        ("A", date(2026, 9, 30)),
        ("B", date(2026, 10, 1)),
        ("C", date(2026, 12, 31)),
    ]:
        TEvent.create(code=code, title=code, day=day, amount=Decimal(1), count=1, category="甲")
    TEvent.create(code="D", title="无日期", amount=Decimal(1), count=1, category="甲")
    TEvent.create(code="E", title="E", day=date(2027, 1, 1), amount=Decimal(1), count=1)
    quarter = export_register("t_events", tmp_path / "q.xlsx", period="2026年第四季度")
    rows = cells(quarter.path)
    assert [r[0] for r in rows[4 : 4 + quarter.rows]] == ["B", "C"]
    assert "统计期间：2026年第四季度（按日期 2026-10-01 至 2026-12-31）" in rows[1]
    days = export_register(
        "t_events", tmp_path / "d.xlsx", period=Period.term(date(2026, 9, 30), date(2026, 10, 1))
    )
    rows = cells(days.path)
    assert [r[0] for r in rows[4 : 4 + days.rows]] == ["A", "B"]
    assert "统计期间：2026-09-30 至 2026-10-01（按日期）" in rows[1]
    everything = export_register("t_events", tmp_path / "all.xlsx")
    assert everything.rows == 5 and "统计期间：全部" in cells(everything.path)[1]
    with pytest.raises(RuleViolation) as err:
        export_register("users", tmp_path / "u.xlsx", period="2026年")
    assert err.value.rule is None and "不按日期登记" in err.value.zh
    with pytest.raises(RuleViolation) as err:
        export_register("t_events", tmp_path / "x.xlsx", period="2026年第五季度")
    assert err.value.rule is None and "期间格式" in err.value.zh


def test_X3_totals_only_for_the_columns_that_declare_them(office, tmp_path):
    """A 合计 of odometers, intervals, prices or quantities in different units means
    nothing: the vehicles register and the item catalogue total no column, the fuel log its
    litres and amounts only."""
    from models import fleet

    station = fleet.add_station(office.logistics, "中石化城东站")
    for plate, km in [("京A10001", 45000), ("京A10002", 12000)]:
        car = fleet.add_vehicle(office.fleet, plate, office.squad, odometer=km)
        fleet.log_fuel(
            office.fleet,
            car,
            station,
            datetime(2026, 11, 2, 9),
            Decimal(40),
            Decimal(300),
            km + 100,
        )
    vehicles = export_register("vehicles", tmp_path / "v.xlsx")
    assert vehicles.totals == {}
    total_row = cells(vehicles.path)[4 + vehicles.rows]
    assert total_row[0] == "合计" and not any(total_row[1:])
    fuel = export_register("fuel", tmp_path / "f.xlsx")
    assert fuel.totals == {"litres": Decimal(80), "amount": Decimal(600)}
    spec = get_kind("fuel").spec
    summed = [f.key for f in spec.fields if f.total]
    assert summed == ["litres", "amount"]  # never the odometer or the record number
    with pytest.raises(ValueError):
        Field("plate", "车牌号", total=True)


def test_X3_a_register_is_ruled_paged_and_set_in_a_chinese_font(events, office, tmp_path):
    from models import settings
    from models.people import SYSTEM

    settings.put(SYSTEM, "office.name", "某某局办公室 & 后勤")
    TEvent.create(code="E1", title="检查", amount=Decimal(5), count=1)  # no day, no category
    result = export_register("t_events", tmp_path / "e.xlsx")
    ws = load_workbook(result.path).worksheets[0]
    assert ws["A2"].value == "填报单位：某某局办公室 & 后勤"
    empty = ws["C5"]  # the day of E1
    assert empty.value is None and empty.border.left.style == "thin"
    assert ws["B5"].font.name == "宋体" and ws["A4"].font.name == "宋体"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.oddFooter.left.text == "某某局办公室 && 后勤"
    given = export_register("t_events", tmp_path / "g.xlsx", unit="市局")
    assert load_workbook(given.path).worksheets[0]["A2"].value == "填报单位：市局"
