"""The command line end to end: template, import, export, print (X3, X2)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from desktop.cli import main
from models import workflow
from models.db import close_database, open_database
from models.people import User
from tests.forms.helpers import write_xlsx
from tests.forms.test_pdf import FLOW  # noqa: F401 - registers the flow used below


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_X3_cli_template_import_export(url, tmp_path, capsys):
    assert main(["--db", url, "init", "--password", "secret-123"]) == 0
    assert main(["--db", url, "template", "users", str(tmp_path / "t.xlsx")]) == 0
    assert (tmp_path / "t.xlsx").exists()
    depts = write_xlsx(
        tmp_path / "d.xlsx", [["部门名称", "类型"], ["办公室", "科室"], ["一中队", "中队"]]
    )
    assert main(["--db", url, "import", "departments", str(depts)]) == 0
    users = write_xlsx(
        tmp_path / "u.xlsx",
        [
            ["用户名", "姓名", "部门", "角色"],
            ["zs", "张三", "办公室", "办事员"],
            ["ls", "李四", "火星", "车管"],
        ],
    )
    capsys.readouterr()
    errors = tmp_path / "errors.xlsx"
    assert main(["--db", url, "import", "users", str(users), "--errors", str(errors)]) == 1
    out = capsys.readouterr()
    assert "没有这个部门" in out.err and "未写入任何数据" in out.out and errors.exists()
    assert main(["--db", url, "import", "users", str(users), "--dry-run"]) == 1
    fixed = write_xlsx(tmp_path / "ok.xlsx", [["用户名", "姓名", "部门"], ["zs", "张三", "办公室"]])
    capsys.readouterr()
    assert main(["--db", url, "import", "users", str(fixed), "--mode", "upsert"]) == 0
    out = capsys.readouterr().out
    password = re.search(r"^\s+zs\t(\S+)$", out, re.M).group(1)
    open_database(url)
    assert User.get(User.username == "zs").department.name == "办公室"
    close_database()
    assert password
    export = tmp_path / "export.xlsx"
    capsys.readouterr()
    assert (
        main(
            [
                "--db",
                url,
                "export",
                "users",
                str(export),
                "--where",
                "部门=办公室",
                "--unit",
                "某局",
            ]
        )
        == 0
    )
    assert "已导出 1 行" in capsys.readouterr().out
    assert main(["--db", url, "export", "users", str(export), "--period", "2026年"]) == 1
    assert "不按日期登记" in capsys.readouterr().err  # a roster has no date to select by
    assert main(["--db", url, "export", "users", str(export), "--where", "密码=x"]) == 1
    assert "无法按" in capsys.readouterr().err
    assert main(["--db", url, "export", "nonsense", str(export)]) == 1
    assert "未知的数据类型" in capsys.readouterr().err


def test_X2_cli_prints_an_approval(url, tmp_path, capsys):
    open_database(url)
    from tests.office import make_office

    office = make_office()
    inst = workflow.submit(office.clerk, "t_supply_request", title="申领打印纸")
    close_database()
    pdf = tmp_path / "a.pdf"
    assert main(["--db", url, "print", "approval", str(inst.id), str(pdf), "--copies", "2"]) == 0
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    assert len(pages) == 2 and "申领打印纸" in pages[1] and "第二联" in pages[1]
    assert main(["--db", url, "print", "approval", "999", str(pdf)]) == 1
    assert "没有审批单 999" in capsys.readouterr().err
    assert main(["--db", url, "print", "no-such-form", "1", str(pdf)]) == 1
    assert "未知的表单" in capsys.readouterr().err


def test_X3_cli_export_selects_the_days_asked_for_and_lists_what_it_filters_by(
    url, tmp_path, capsys
):
    from datetime import datetime

    from openpyxl import load_workbook

    from models import supplies
    from tests.models.test_supplies import build_sup
    from tests.office import make_office

    open_database(url)
    sup = build_sup(make_office())
    for it, day in [(sup.pen, 9), (sup.paper, 20)]:
        supplies.set_opening_balance(
            sup.o.logistics, item=it, quantity=5, at=datetime(2026, 9, day, 8)
        )
    close_database()
    out = tmp_path / "ledger.xlsx"
    args = ["--db", url, "export", "stock-ledger", str(out)]
    assert main([*args, "--from", "2026-09-01", "--to", "2026年9月10日"]) == 0
    ws = load_workbook(out).worksheets[0]
    assert "统计期间：2026-09-01 至 2026-09-10（按时间）" in [c.value for c in ws[2]]
    assert ws["B5"].value == datetime(2026, 9, 9, 8) and ws["B5"].is_date  # a time, typed
    assert ws["D5"].value == "中性笔" and ws["A6"].value == "合计"
    assert main([*args, "--from", "2026-09-01"]) == 1
    assert "同时给出" in capsys.readouterr().err
    assert main([*args, "--period", "2026年9月", "--to", "2026-09-30"]) == 1
    assert "只能用一种" in capsys.readouterr().err
    assert main([*args, "--from", "9月1日", "--to", "2026-09-30"]) == 1
    assert "--from" in capsys.readouterr().err
    assert main([*args, "--fields"]) == 0
    listed = capsys.readouterr().out
    assert "物品编码（code）" in listed and "按「时间」选取期间" in listed
