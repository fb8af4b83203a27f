"""Register exports (X3): heading, filters, totals, signatures, text stays text, streaming."""

from __future__ import annotations

import tracemalloc
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from forms.excel_export import export_register, parse_filters, write_register
from forms.excel_import import import_file
from forms.kinds import get_kind
from models import people
from models.errors import Cancelled, RuleViolation
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
    TEvent.create(code="E2", title="培训", amount=Decimal("99.50"), count=2, category="甲")
    TEvent.create(code="E3", title="会议", amount=Decimal("1"), count=1, category="乙")
    filters = parse_filters(get_kind("t_events"), ["类别=甲"])
    result = export_register(
        "t_events", tmp_path / "e.xlsx", filters=filters, unit="某某局办公室", period="2026年11月"
    )
    assert result.rows == 2 and result.totals == {"amount": Decimal("1300.00"), "count": 5}
    rows = cells(result.path)
    assert rows[0][0] == "活动登记表"
    assert rows[1][0] == "填报单位：某某局办公室" and "统计期间：2026年11月" in rows[1]
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
