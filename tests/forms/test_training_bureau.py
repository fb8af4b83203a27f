"""上报教育局 (T4) on SQLite and MariaDB: the bureau's file by an export profile read back with
openpyxl (its title, header cells and merged ranges as the profile says; with the bureau's
own template, the template's header kept and the data from its start row), each export
recorded with the file's SHA-256 and the registers 已上报; refused for a year without an
approved register and for a role that may not export."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import peewee
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, Side

from desktop.cli import main
from forms.training.bureau_export import DEFAULT, export_credit_register, header_merges
from models import training
from models.errors import RuleViolation
from tests.models.test_training_credits import hold_term
from tests.models.training_school import IDS, make_school

ON = date(2027, 7, 10)


@pytest.fixture
def school(database):
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    s.sessions = hold_term(s, lambda i: (0, {t: ("出勤", None) for t in range(4)}))
    at = datetime(2027, 1, 25, 9, 0)
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=at)
    reg = training.submit_credit_register(s.tangmin, reg, at=at)
    s.register = training.approve_credit_register(s.o.leader, reg, at=at)
    return s


def _merges(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_T4_bureau_file_by_the_default_profile_headers_and_merges_as_declared(school, tmp_path):
    out = tmp_path / "bureau.xlsx"
    result = export_credit_register(school.tangmin, "2026-2027", out, unit="城关中学", on=ON)
    assert result.rows == 4
    ws = load_workbook(out).worksheets[0]
    assert ws["A1"].value == "2026-2027学年中小学教师校本培训学分登记表"
    assert ws["A2"].value == "学校（盖章）：城关中学"
    columns = DEFAULT.layout["columns"]
    # Two header rows (3 and 4): a group label over its columns, a single label merged down.
    for c, col in enumerate(columns, start=1):
        for level, label in enumerate(col["header"]):
            before = columns[c - 2]["header"][: level + 1] if c > 1 else None
            shown = ws.cell(row=3 + level, column=c).value
            assert shown == (None if before == col["header"][: level + 1] else label)
    expected = set(header_merges(columns, 3))
    assert {"A3:A4", "J3:L3", "M3:N3", "O3:O4"} <= expected
    assert expected <= _merges(ws)
    assert "A1:P1" in _merges(ws)
    first = [c.value for c in ws[5]]
    assert first[:3] == [1, "0001", "CE20260001"] and ws["B5"].data_type == "s"
    assert [ws.cell(row=r, column=6).value for r in range(5, 9)] == IDS[:4]
    assert all(ws.cell(row=r, column=6).data_type == "s" for r in range(5, 9))
    assert ws["O5"].data_type == "n" and ws["A9"].value == "合计"
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    for word in ("填表人", "审核人", "学校盖章", "日期"):
        assert any(t.startswith(word) for t in texts), word
    # Recorded: who, when, the profile, the file's hash; the register now 已上报.
    [export] = training.exports_of("2026-2027")
    assert export.sha256 == hashlib.sha256(out.read_bytes()).hexdigest() == result.sha256
    assert (export.profile, export.exported_by_name, export.rows) == ("default", "唐敏", 4)
    assert training.last_report(school.register).id == export.id
    with pytest.raises(peewee.DatabaseError):  # history: the database refuses a rewrite
        training.BureauExport.update(sha256="0" * 64).where(
            training.BureauExport.id == export.id
        ).execute()


def test_T4_a_custom_profile_three_header_levels_and_text_kept_text(school, tmp_path):
    layout = {
        "title_rows": ['=HYPERLINK("http://x")', "{unit} {year}"],
        "columns": [
            {"field": "name", "header": ["教师"]},
            {"field": "staff_no", "header": ["编号", "工号"]},
            {"field": "ce_no", "header": ["编号", "继续教育"]},
            {"field": "school_hours", "header": ["培训", "学时", "校本"]},
            {"field": "external_hours", "header": ["培训", "学时", "校外"]},
            {"field": "credits", "header": ["培训", "学分"]},
        ],
        "signatures": ["填表人", "审核人"],
    }
    training.save_profile(school.tangmin, "城关县", "城关县格式", layout)
    out = tmp_path / "county.xlsx"
    export_credit_register(school.tangmin, "2026-2027", out, profile="城关县", unit="一中")
    ws = load_workbook(out).worksheets[0]
    assert ws["A1"].value.startswith("=HYPERLINK") and ws["A1"].data_type == "s"
    assert ws["A2"].value == "一中 2026-2027"
    assert {"A3:A5", "B3:C3", "B4:B5", "C4:C5", "D3:F3", "D4:E4", "F4:F5"} <= _merges(ws)
    assert [ws.cell(row=5, column=c).value for c in (4, 5)] == ["校本", "校外"]
    assert ws["A6"].value == "刘一" or ws["B6"].value == "0001"
    assert ws["B6"].value == "0001" and ws["B6"].data_type == "s"
    assert [e.profile for e in training.exports_of("2026-2027")] == ["城关县"]


def _template(path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "汇总"
    ws["A1"] = "某县教师继续教育学分汇总表（县教育局制）"
    ws.merge_cells("A1:E1")
    ws["A2"], ws["B2"], ws["D2"] = "姓名", "证件", "学时学分"
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:C2")
    ws.merge_cells("D2:E2")
    ws["B3"], ws["C3"], ws["D3"], ws["E3"] = "工号", "身份证号", "学时", "学分"
    thin = Side(style="thin")
    for c in range(1, 6):
        ws.cell(row=4, column=c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    book.save(path)


def test_T4_the_bureaus_template_keeps_its_header_and_takes_the_data_from_its_row(school, tmp_path):
    tpl = tmp_path / "县局模板.xlsx"
    _template(tpl)
    layout = {
        "columns": [
            {"field": "name"},
            {"field": "staff_no"},
            {"field": "id_number"},
            {"field": "school_hours"},
            {"field": "credits"},
        ],
        "start_row": 4,
        "sheet": "汇总",
    }
    training.save_profile(school.tangmin, "某县", "某县模板", layout, template=tpl)
    out = tmp_path / "filled.xlsx"
    export_credit_register(school.tangmin, "2026-2027", out, profile="某县")
    ws = load_workbook(out)["汇总"]
    assert ws["A1"].value == "某县教师继续教育学分汇总表（县教育局制）"
    assert {"A1:E1", "A2:A3", "B2:C2", "D2:E2"} == _merges(ws)
    assert [ws.cell(row=3, column=c).value for c in range(2, 6)] == [
        "工号",
        "身份证号",
        "学时",
        "学分",
    ]
    assert [ws.cell(row=r, column=2).value for r in range(4, 8)] == ["0001", "0002", "0003", "0004"]
    assert ws["C4"].value == IDS[0] and ws["C4"].data_type == "s"
    assert ws["E7"].border.left.style == "thin"  # each row styled like the template's row
    assert ws["D4"].data_type == "n"


def test_T4_re_export_is_recorded_again_and_an_unapproved_year_refused(school, tmp_path):
    export_credit_register(school.tangmin, "2026-2027", tmp_path / "a.xlsx")
    export_credit_register(school.trainer2, "2026-2027", tmp_path / "b.xlsx")
    exports = training.exports_of("2026-2027")
    assert [e.exported_by_name for e in exports] == ["唐敏", "许培"]
    assert training.last_report(school.register).id == exports[-1].id
    with pytest.raises(RuleViolation) as refused:
        export_credit_register(school.tangmin, "2027-2028", tmp_path / "c.xlsx")
    assert refused.value.rule == "T4" and not (tmp_path / "c.xlsx").exists()


def test_T4_a_role_that_may_not_export_is_refused_and_nothing_written(school, tmp_path):
    out = tmp_path / "x.xlsx"
    with pytest.raises(RuleViolation) as refused:
        export_credit_register(school.leader_user, "2026-2027", out)
    assert refused.value.rule == "X1" and not out.exists()
    with pytest.raises(RuleViolation):
        training.save_profile(school.leader_user, "某县", "某县", DEFAULT.layout)
    assert training.exports_of("2026-2027") == []


def test_T4_a_profile_naming_an_unknown_field_is_refused(school):
    with pytest.raises(RuleViolation) as refused:
        training.save_profile(
            school.tangmin, "坏", "坏", {"columns": [{"field": "salary", "header": ["工资"]}]}
        )
    assert refused.value.rule == "T4" and "salary" in refused.value.zh


def test_T4_the_command_exports_by_profile_and_records_it(school, tmp_path, capsys):
    from models.db import db

    if not isinstance(db.obj, peewee.SqliteDatabase):
        pytest.skip("the command line is run on the office's SQLite file here")
    out = tmp_path / "cli.xlsx"
    argv = ["--db", "sqlite:///" + db.obj.database, "export", "credit-register"]
    code = main([*argv, "--period", "2026-2027", "--profile", "default", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "已上报 4 人" in capsys.readouterr().out
    [export] = training.exports_of("2026-2027")
    assert (
        export.exported_by is None and export.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    )
    assert main([*argv, "--period", "2026-2027", "--profile", "无此县", str(out)]) == 1


def test_T4_an_administrator_adds_a_profile_from_the_command_line(school, tmp_path, capsys):
    import json

    from models.db import db

    if not isinstance(db.obj, peewee.SqliteDatabase):
        pytest.skip("the command line is run on the office's SQLite file here")
    tpl = tmp_path / "县局模板.xlsx"
    _template(tpl)
    layout = tmp_path / "layout.json"
    columns = [{"field": f} for f in ("name", "staff_no", "id_number", "school_hours", "credits")]
    layout.write_text(json.dumps({"columns": columns, "start_row": 4}), encoding="utf-8")
    url = ["--db", "sqlite:///" + db.obj.database]
    add = ["export-profile", "add", "某县", str(layout), "--title", "某县模板"]
    assert main([*url, *add, "--template", str(tpl)]) == 0, capsys.readouterr().err
    assert main([*url, "export-profile", "list"]) == 0
    assert "某县\t某县模板" in capsys.readouterr().out
    out = tmp_path / "filled.xlsx"
    argv = ["export", "credit-register", "--period", "2026-2027", "--profile", "某县", str(out)]
    assert main([*url, *argv]) == 0
    assert load_workbook(out).worksheets[0]["B4"].value == "0001"
    layout.write_text(json.dumps({"columns": [{"field": "salary"}]}), encoding="utf-8")
    assert main([*url, "export-profile", "add", "坏", str(layout)]) == 1
    assert "salary" in capsys.readouterr().err


def test_T4_a_profile_retired_from_the_command_line_is_offered_again_only_once_reinstated(
    school, tmp_path, capsys
):
    from models.db import db

    if not isinstance(db.obj, peewee.SqliteDatabase):
        pytest.skip("the command line is run on the office's SQLite file here")
    url = ["--db", "sqlite:///" + db.obj.database]
    training.save_profile(school.tangmin, "某县", "某县格式", DEFAULT.layout)
    first = tmp_path / "first.xlsx"
    argv = ["export", "credit-register", "--period", "2026-2027", "--profile", "某县"]
    assert main([*url, *argv, str(first)]) == 0, capsys.readouterr().err
    retire = ["export-profile", "retire", "某县", "--reason", "县局改用新模板"]
    assert main([*url, *retire]) == 0, capsys.readouterr().err
    assert "已停用上报格式 某县" in capsys.readouterr().out
    assert main([*url, "export-profile", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("default\t")
    assert next(ln for ln in listed if ln.startswith("某县")).split("\t")[2].startswith("已停用")
    late = tmp_path / "late.xlsx"
    assert main([*url, *argv, str(late)]) == 1 and not late.exists()
    err = capsys.readouterr().err
    assert err.index("已于") < err.index("retired on")  # Chinese first, then English
    assert [e.profile for e in training.exports_of("2026-2027")] == ["某县"]
    assert main([*url, "export-profile", "retire", "default", "--reason", "x"]) == 1
    assert "default 不能停用" in capsys.readouterr().err
    reinstate = ["export-profile", "reinstate", "某县", "--reason", "县局恢复旧模板"]
    assert main([*url, *reinstate]) == 0, capsys.readouterr().err
    assert "已重新启用上报格式 某县" in capsys.readouterr().out
    assert main([*url, *argv, str(late)]) == 0 and late.exists()  # offered again
    assert main([*url, *reinstate]) == 1 and "在用" in capsys.readouterr().err
