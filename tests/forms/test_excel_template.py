"""Import templates (X3): required marks, dropdowns, example row, 说明, frozen header."""

from __future__ import annotations

from openpyxl import load_workbook

from forms.excel_import import import_file
from forms.excel_template import write_template
from models.people import Department, User


def test_X3_users_template_marks_required_columns_and_validates_choices(office, tmp_path):
    path = write_template("users", tmp_path / "users.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[:1] == ["用户名册"] and "说明" in book.sheetnames
    ws = book["用户名册"]
    header = [c.value for c in ws[1]]
    assert header == ["*用户名", "*姓名", "部门", "角色", "电话"]
    assert ws["A1"].font.color.rgb.endswith("C00000")  # required in red
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["D"].width >= 24
    assert ws["A1"].comment is not None and "登录" in ws["A1"].comment.text
    # the example row, key marked so it is never taken for data
    assert ws["A2"].value == "zhangsan（示例）" and ws["B2"].value == "张三"
    # dropdowns: the department list from the database, on the hidden 选项 sheet
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    dept = validations["C2:C5000"]
    assert dept.type == "list" and "选项" in dept.formula1
    options = book["选项"]
    assert options.sheet_state == "hidden"
    assert [c.value for c in options["A"]][1:] == ["办公室", "一中队"]
    # several roles cannot be a dropdown: a prompt lists them
    assert "办事员" in validations["D2:D5000"].prompt
    # 说明 explains every column
    notes = "\n".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    for label in ("用户名", "姓名", "部门", "角色", "电话", "全部都不会写入", "（示例）"):
        assert label in notes.replace("整个文件都不会写入", "全部都不会写入"), label


def test_X3_filled_template_imports_and_example_row_is_skipped(office, tmp_path):
    path = write_template("departments", tmp_path / "d.xlsx")
    book = load_workbook(path)
    ws = book["部门名册"]
    kinds = [dv.type for dv in ws.data_validations.dataValidation]
    assert kinds == ["textLength", "list", "whole"]  # name, kind, 排序号
    ws["A3"], ws["B3"] = "财务科", "科室"
    ws["A4"], ws["B4"] = "办公室", "科室"  # equal to the example's values, but real: it exists
    book.save(path)
    result = import_file("departments", path, mode="upsert")
    assert result.ok, result.errors
    assert result.inserted == ["财务科"] and result.unchanged == ["办公室"]
    assert any("示例" in n for n in result.notices)
    assert Department.select().count() == 3
    assert User.select().count() == 9
