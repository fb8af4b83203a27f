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
                "--period",
                "2026年",
            ]
        )
        == 0
    )
    assert "已导出 1 行" in capsys.readouterr().out
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
