"""Excel import (X3) on SQLite and MariaDB: typed, checked, all-or-nothing."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from forms.excel_errors import write_error_workbook
from forms.excel_export import export_register
from forms.excel_import import Mode, import_file
from models import audit, people
from models.errors import Cancelled
from models.people import Department, Role, User, verify_password
from tests.forms.conftest import DATA
from tests.forms.events import TEvent
from tests.forms.helpers import cells, write_xlsx

USERS_HEADER = ["用户名", "姓名", "部门", "角色", "电话"]


def _users() -> dict[str, tuple]:
    return {
        u["username"]: (u["name"], u["department"], u["roles"], u["phone"])
        for u in __import__("forms.people", fromlist=["x"]).USER_KIND.rows({})
    }


def test_X3_users_export_then_import_gives_back_the_same_records(office, tmp_path):
    people.update_user(office.admin, office.clerk, phone="010-66668888")
    people.set_roles(office.admin, office.fleet, [Role.FLEET_MANAGER, Role.CLERK])
    dept_file = export_register("departments", tmp_path / "d.xlsx")
    user_file = export_register("users", tmp_path / "u.xlsx")
    before = _users()
    # Clear the people tables (the audit log is append-only and keeps its rows).
    for model in (people.UserRole, User, Department):
        model.delete().execute()
    admin = people.create_first_admin("boss", "secret-123")
    assert import_file("departments", dept_file.path, actor=admin).committed
    result = import_file("users", user_file.path, actor=admin)
    assert result.ok, [str(e) for e in result.errors]
    assert sorted(result.inserted) == sorted(before)
    after = _users()
    after.pop("boss")
    assert after == before
    # new users got random initial passwords, reported once, that really log in
    assert set(result.secrets) == set(before)
    zhangsan = User.get(User.username == "zhangsan")
    assert verify_password(result.secrets["zhangsan"], zhangsan.password_hash)


def test_X3_one_bad_row_and_nothing_is_written(office, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [
            USERS_HEADER,
            ["a1", "甲一", "办公室", "办事员", ""],
            ["a2", "甲二", "不存在的科", "办事员", ""],  # unknown department
            ["a3", "甲三", "一中队", "厨师", ""],  # unknown role
            ["zhangsan", "张三", "办公室", "", ""],  # exists (insert mode)
            ["a1", "甲一again", "", "", ""],  # duplicate in the file
            ["", "无名", "", "", ""],  # no key
            ["a4", "", "", "", ""],  # required name missing
        ],
        sheet="名单",
    )
    before = User.select().count()
    result = import_file("users", path)
    assert not result.committed
    assert User.select().count() == before
    assert result.rejected_rows == [3, 4, 5, 6, 7, 8]
    messages = [str(e) for e in result.errors]
    assert any("第 3 行「部门」列，值「不存在的科」：没有这个部门" in m for m in messages)
    assert any("第 4 行「角色」列" in m and "厨师" in m for m in messages)
    assert any("第 5 行" in m and "已存在" in m for m in messages)
    assert any("第 6 行" in m and "与第 2 行重复" in m for m in messages)
    assert any("第 8 行「姓名」列" in m and "必填" in m for m in messages)
    assert all(m.startswith("工作表「名单」") for m in messages)
    assert " / " in messages[0]  # English after the Chinese
    assert not result.secrets


def test_X3_domain_rule_failure_in_the_middle_rolls_back_earlier_rows(events, tmp_path):
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [["编号", "名称", "金额"], ["E1", "甲", 10], ["E2", "乙", -5], ["E3", "丙", 7]],
    )
    result = import_file("t_events", path)
    assert [(e.row, e.column) for e in result.errors] == [(3, "金额")]
    assert "[T0] 金额不能为负数" in result.errors[0].zh
    assert result.inserted == ["E1", "E3"] and not result.committed
    assert TEvent.select().count() == 0


def test_X3_dry_run_reports_inserts_updates_and_rejections_without_writing(office, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [
            USERS_HEADER,
            ["new1", "新一", "办公室", "办事员", "123"],
            ["zhangsan", "张三丰", "", "", ""],
            ["lisi", "李四", "", "", ""],
            ["bad", "坏", "火星", "", ""],
        ],
    )
    audit_rows = audit.AuditLog.select().count()
    result = import_file("users", path, mode="upsert", dry_run=True)
    assert result.inserted == ["new1"]
    assert result.updated == ["zhangsan"]
    assert result.unchanged == ["lisi"]
    assert result.rejected_rows == [5]
    assert not result.committed and not result.secrets
    assert User.get(User.username == "zhangsan").name == "张三"
    assert not User.select().where(User.username == "new1").exists()
    assert audit.AuditLog.select().count() == audit_rows


def test_X3_update_mode_changes_only_present_filled_columns(office, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [["角色", "用户名", "部门"], ["车管、办事员", "zhangsan", "一中队"], ["", "lisi", ""]],
    )
    result = import_file("users", path, mode=Mode.UPDATE)
    assert result.committed and result.updated == ["zhangsan"] and result.unchanged == ["lisi"]
    user = User.get(User.username == "zhangsan")
    assert user.department.name == "一中队" and user.name == "张三"
    assert user.roles == {Role.FLEET_MANAGER, Role.CLERK}
    # the change went through the audited use cases
    actions = [row.action for row in audit.history("user", user.id)]
    assert "update" in actions and "roles" in actions
    unknown = write_xlsx(tmp_path / "x.xlsx", [["用户名", "姓名"], ["nobody", "某"]])
    result = import_file("users", unknown, mode="update")
    assert "不存在" in result.errors[0].zh and not result.committed


def test_X3_headers_full_width_spaced_reordered_marked_and_extra_columns(office, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [
            [None, None, None, None, None, None],
            ["备注", "＊姓 名", " 电　话 ", "用户名（必填）", "ＲＯＬＥＳ", "部门"],
            ["随便", "周一", 13800138000, "zhouyi", "车管，办事员", "一中队"],
        ],
    )
    result = import_file("users", path)
    assert result.committed, [str(e) for e in result.errors]
    assert result.header_row == 2
    assert any("备注" in n for n in result.notices)
    user = User.get(User.username == "zhouyi")
    assert (user.name, user.phone, user.department.name) == ("周一", "13800138000", "一中队")
    assert user.roles == {Role.FLEET_MANAGER, Role.CLERK}


def test_X3_a_missing_required_column_rejects_the_file(office, tmp_path):
    path = write_xlsx(tmp_path / "u.xlsx", [["用户名", "部门"], ["x1", "办公室"]])
    result = import_file("users", path)
    assert [(e.row, e.column) for e in result.errors] == [(None, "姓名")]
    assert "缺少必填列" in str(result.errors[0])


def test_X3_dates_money_integers_in_all_forms(events, tmp_path):
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [
            ["编号", "名称", "日期", "金额", "数量", "类别"],
            ["E1", "日期格", date(2026, 11, 3), 1234.5, 3, "甲"],
            ["E2", "序列号", 46329, "1,234.50", "3", "乙"],
            ["E3", "横线", "2026-11-03", "¥0.10", 3.0, "丙"],
            ["E4", "斜线", "2026/11/3", None, None, None],
            ["E5", "中文", "2026年11月3日", 0, None, " 甲 "],
        ],
    )
    result = import_file("t_events", path)
    assert result.committed, [str(e) for e in result.errors]
    events_by_code = {e.code: e for e in TEvent.select()}
    assert {e.day for e in events_by_code.values()} == {date(2026, 11, 3)}
    assert events_by_code["E1"].amount == Decimal("1234.50")
    assert events_by_code["E2"].amount == Decimal("1234.50")
    assert events_by_code["E3"].amount == Decimal("0.10")
    assert events_by_code["E4"].amount is None
    assert events_by_code["E3"].count == 3 and events_by_code["E5"].category == "甲"


def test_X3_error_workbook_holds_rejected_rows_and_reasons(office, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [
            USERS_HEADER,
            ["ok1", "好", "办公室", "办事员", ""],
            ["bad1", "坏", "火星", "", "=cmd|' /C calc'!A0"],
            ["bad2", "坏二", "办公室", "厨师", ""],
        ],
    )
    result = import_file("users", path)
    out = write_error_workbook(result, tmp_path / "errors.xlsx")
    rows = cells(out)
    assert rows[0] == [*USERS_HEADER, "错误"]
    assert [r[0] for r in rows[1:]] == ["bad1", "bad2"]  # only the rejected rows
    assert "部门：没有这个部门" in rows[1][5] and "第 3 行" in rows[1][5]
    assert "厨师" in rows[2][5]
    # user text stays text in the error workbook too
    ws = load_workbook(out).worksheets[0]
    assert ws["E2"].data_type == "s" and ws["E2"].value.startswith("=cmd")
    listing = cells(out, "错误说明")
    assert listing[1][:3] == ["Sheet1", 3, "部门"]
    # fixing the file and re-uploading it imports (the 错误 column is ignored)
    book = load_workbook(out)
    ws = book.worksheets[0]
    ws["C2"], ws["D3"] = "办公室", "办事员"
    book.save(out)
    again = import_file("users", out)
    assert again.committed and sorted(again.inserted) == ["bad1", "bad2"]


def test_X3_error_workbook_never_contains_passwords(office, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [USERS_HEADER, ["p1", "甲", "办公室", "", ""], ["p2", "乙", "火星", "", ""]],
    )
    result = import_file("users", path)
    out = write_error_workbook(result, tmp_path / "e.xlsx")
    text = str(cells(out)) + str(cells(out, "错误说明"))
    assert "p1" not in text and not result.secrets
    ok = import_file("users", write_xlsx(tmp_path / "ok.xlsx", [USERS_HEADER, ["p3", "丙"]]))
    assert list(ok.secrets) == ["p3"] and ok.secrets["p3"] not in repr(ok)


def test_cancelling_an_import_rolls_everything_back(office, tmp_path):
    rows = [USERS_HEADER] + [[f"c{i:04d}", f"用户{i}", "办公室", "", ""] for i in range(600)]
    path = write_xlsx(tmp_path / "u.xlsx", rows)
    seen: list[tuple[int, int]] = []

    def cancelled() -> bool:
        return len(seen) >= 2  # after 256 users were really inserted

    with pytest.raises(Cancelled):
        import_file("users", path, progress=lambda d, t: seen.append((d, t)), cancelled=cancelled)
    assert seen[-1] == (256, 600)  # 256 rows had been written when it was cancelled
    assert not User.select().where(User.username.startswith("c")).exists()


def test_progress_reaches_the_total(events, tmp_path):
    rows = [["编号", "名称"]] + [[f"P{i}", "x"] for i in range(1000)]
    seen: list[tuple[int, int]] = []
    result = import_file(
        "t_events", write_xlsx(tmp_path / "e.xlsx", rows), progress=lambda d, t: seen.append((d, t))
    )
    assert result.committed and TEvent.select().count() == 1000
    assert seen[-1] == (1000, 1000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_X3_libreoffice_file_imports(office, events, tmp_path):
    """Fixtures made by ``soffice --headless --convert-to xlsx`` from the CSVs beside them."""
    users = import_file("users", DATA / "users_libreoffice.xlsx")
    assert users.committed, [str(e) for e in users.errors]
    wang = User.get(User.username == "lo_wang")
    assert wang.phone == "01088886666" and wang.roles == {Role.CLERK, Role.FLEET_MANAGER}
    assert User.get(User.username == "lo_zhao").name == "赵=刚"
    result = import_file("t_events", DATA / "events_libreoffice.xlsx")
    assert result.committed, [str(e) for e in result.errors]
    e1, e2 = TEvent.get(TEvent.code == "E1"), TEvent.get(TEvent.code == "E2")
    assert (e1.day, e1.amount, e1.count) == (date(2026, 11, 3), Decimal("1234.50"), 3)
    assert (e2.day, e2.amount) == (date(2026, 11, 4), Decimal("0.10"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_X3_file_converted_by_libreoffice_now_imports(sqlite_database, tmp_path):
    from tests.office import make_office

    make_office()
    csv = tmp_path / "people.csv"
    csv.write_text("姓名,用户名,部门\n孙悟空,swk,一中队\n猪八戒,zbj,办公室\n", encoding="utf-8")
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(csv),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = import_file("users", tmp_path / "people.xlsx")
    assert result.committed and sorted(result.inserted) == ["swk", "zbj"]


def test_X3_bulk_insert_path_is_all_or_nothing_too(events, tmp_path):
    from tests.forms.events import EVENT_BULK_KIND

    TEvent.create(code="E000", title="已有")
    header = ["编号", "名称", "金额", "部门"]
    good = [header, ["E001", "安全检查", "12.50", None], ["E002", "消防演练", 3, None]]
    result = import_file(EVENT_BULK_KIND, write_xlsx(tmp_path / "good.xlsx", good))
    assert result.committed and result.inserted == ["E001", "E002"]
    assert TEvent.get(TEvent.code == "E001").amount == Decimal("12.50")
    bad = [
        header,
        ["E003", "新的", 1, None],
        ["E000", "重复已有", 1, None],
        ["E003", "文件内重复", 1, None],
    ]
    result = import_file(EVENT_BULK_KIND, write_xlsx(tmp_path / "bad.xlsx", bad))
    assert not result.committed
    assert result.rejected_rows == [3, 4]
    assert TEvent.select().count() == 3  # E000, E001, E002: nothing of the bad file
    refused = [header, ["E005", "好的", 1, None], ["E006", "负数", -5, None]]
    result = import_file(EVENT_BULK_KIND, write_xlsx(tmp_path / "refused.xlsx", refused))
    assert not result.committed and "金额不能为负数" in str(result.errors[0])
    assert TEvent.select().count() == 3
