"""The Excel import template of a register, written from its ``FormSpec`` (openpyxl).

What users asked for (research §5b): required columns marked before the first failed import,
dropdowns for every choice, an example, an instructions sheet. So the template has:

- a data sheet named after the form: header row (required columns ``*`` and red, a comment
  with the help text), one grey example row (its key marked （示例）, skipped on import), frozen
  header, widths from the declaration, text columns formatted as text (a phone number keeps
  its leading 0);
- dropdown validation for choices and references (lists on a hidden 选项 sheet, so neither
  commas in values nor Excel's 255-character limit on inline lists matter); whole-number,
  decimal, date and length checks for the other types, each with a Chinese prompt;
- a 说明 sheet explaining every column, the modes and the all-or-nothing rule.

A multiple choice (several roles) cannot be a dropdown, so its column only shows a prompt.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from forms.excel_cells import DATETIME_FORMAT, MONEY_FORMAT, decimal_format, put
from forms.excel_import import EXAMPLE_MARK
from forms.kinds import Kind, get_kind
from forms.spec import Field, FieldType, FormSpec
from forms.values import MULTI_SEPARATORS
from models.base import now

LAST_ROW = 5000  # validation reaches this far; enough for any hand-filled sheet
REQUIRED_MARK = "*"
OPTIONS_SHEET = "选项"
HELP_SHEET = "说明"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")
TYPE_NAMES = {
    FieldType.TEXT: "文字",
    FieldType.INTEGER: "整数",
    FieldType.MONEY: "金额（元，两位小数）",
    FieldType.DATE: "日期",
    FieldType.CHOICE: "选项",
    FieldType.REFERENCE: "引用",
    FieldType.PERCENT: "百分比",
    FieldType.DECIMAL: "数字（小数）",
    FieldType.DATETIME: "日期时间",
}


def header_label(f: Field) -> str:
    """``*用户名`` for a required field: the mark users look for, stripped again on import."""
    return f"{REQUIRED_MARK}{f.label}" if f.required else f.label


def sheet_title(spec: FormSpec) -> str:
    bad = set("[]:*?/\\")
    return "".join(ch for ch in spec.title if ch not in bad)[:31] or "数据"


def write_template(kind: str | Kind | FormSpec, path: str | Path) -> Path:
    """Write the import template for ``kind`` (a registered name, a Kind or a bare spec)."""
    spec = kind if isinstance(kind, FormSpec) else get_kind(kind).spec
    path = Path(path)
    book = Workbook()
    ws = book.active
    ws.title = sheet_title(spec)
    options = book.create_sheet(OPTIONS_SHEET)
    _write_help(book.create_sheet(HELP_SHEET), spec)
    option_col = 0
    for c, f in enumerate(spec.fields, start=1):
        letter = get_column_letter(c)
        cell = put(ws, 1, c, header_label(f))
        cell.font = Font(bold=True, color="C00000" if f.required else "000000")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if f.help:
            cell.comment = Comment(f.help, "后勤")
        ws.column_dimensions[letter].width = max(f.width, len(f.label) * 2 + 4)
        if f.type == FieldType.TEXT or f.type == FieldType.REFERENCE:
            ws.column_dimensions[letter].number_format = "@"
        number_format = _number_format(f)
        if number_format is not None:  # what users type shows as the field holds it
            ws.column_dimensions[letter].number_format = number_format
        if f.multiline:
            ws.column_dimensions[letter].alignment = Alignment(wrap_text=True, vertical="top")
        if f.example is not None:
            example = f.example
            if f.type == FieldType.CHOICE and isinstance(example, tuple):
                example = MULTI_SEPARATORS[0].join(example)
            if f.key == spec.key:
                example = f"{example}{EXAMPLE_MARK}"  # never mistaken for a real record
            ex = put(ws, 2, c, example)
            ex.font = EXAMPLE_FONT
            if f.type == FieldType.MONEY:
                ex.number_format = MONEY_FORMAT
            elif number_format is not None:
                ex.number_format = number_format
            if f.multiline:
                ex.alignment = Alignment(wrap_text=True, vertical="top")
        values = _option_values(f)
        validation = None
        if values is not None and not f.multiple:
            option_col += 1
            validation = _list_validation(options, option_col, f, values)
        else:
            validation = _type_validation(f)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(validation)
    if option_col == 0:
        book.remove(options)
    else:
        options.sheet_state = "hidden"
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _number_format(f: Field) -> str | None:
    if f.type == FieldType.DECIMAL:
        return decimal_format(f.places or 0)
    if f.type == FieldType.DATETIME:
        return DATETIME_FORMAT
    return None


def _option_values(f: Field) -> list[str] | None:
    if f.type == FieldType.CHOICE:
        return list(f.choices)
    if f.type == FieldType.REFERENCE and f.reference is not None and f.reference.keys:
        keys = f.reference.keys
        return [str(k) for k in keys()]
    return None


def _list_validation(options: Worksheet, col: int, f: Field, values: list[str]) -> DataValidation:
    letter = get_column_letter(col)
    put(options, 1, col, f.label)
    for r, value in enumerate(values, start=2):
        put(options, r, col, value)
    last = max(len(values) + 1, 2)
    ref = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${last}"
    dv = DataValidation(type="list", formula1=f"={ref}", allow_blank=not f.required)
    dv.promptTitle = f.label[:32]
    dv.prompt = (f.help or f"从下拉列表中选择{f.label}")[:255]
    dv.errorTitle = "输入无效"
    dv.error = f"请从下拉列表中选择{f.label}"
    # A reference may name a record created after the template was written: warn, not stop.
    dv.errorStyle = "stop" if f.type == FieldType.CHOICE else "warning"
    dv.showInputMessage = True
    dv.showErrorMessage = True
    return dv


def _type_validation(f: Field) -> DataValidation | None:
    prompt = f.help
    if f.type == FieldType.INTEGER:
        dv = DataValidation(
            type="whole", operator="between", formula1="-2147483648", formula2="2147483647"
        )
        error = "请输入整数"
    elif f.type == FieldType.MONEY:
        dv = DataValidation(
            type="decimal", operator="between", formula1="-999999999", formula2="999999999"
        )
        error = "请输入金额（数字，最多两位小数）"
    elif f.type == FieldType.DECIMAL:
        dv = DataValidation(
            type="decimal", operator="between", formula1="-999999999", formula2="999999999"
        )
        error = f"请输入数字（最多 {f.places} 位小数）"
    elif f.type == FieldType.DATE:
        dv = DataValidation(type="date", operator="between", formula1="1", formula2="2958465")
        error = "请输入日期，例如 2026-11-03"
        prompt = (prompt + " " if prompt else "") + "日期如 2026-11-03"
    elif f.type == FieldType.DATETIME:
        # Excel compares the serial, fraction (the time of day) included.
        dv = DataValidation(type="date", operator="between", formula1="1", formula2="2958466")
        error = "请输入日期和时间，例如 2026-10-08 14:30"
        prompt = (prompt + " " if prompt else "") + "日期时间如 2026-10-08 14:30"
    elif f.type == FieldType.CHOICE and f.multiple:
        dv = DataValidation(type="custom", formula1="TRUE")  # a prompt only
        error = ""
        prompt = (prompt + " " if prompt else "") + "可选：" + "、".join(f.choices)
    elif f.max_length:
        dv = DataValidation(
            type="textLength", operator="lessThanOrEqual", formula1=str(f.max_length)
        )
        error = f"最多 {f.max_length} 个字"
    else:
        return None
    dv.allow_blank = True
    dv.promptTitle = f.label[:32]
    dv.prompt = (prompt or f.label)[:255]
    dv.showInputMessage = True
    if error:
        dv.errorTitle = "输入无效"
        dv.error = error
        dv.showErrorMessage = True
    return dv


def _describe(f: Field) -> str:
    if f.type == FieldType.CHOICE:
        text = "、".join(f.choices)
        return f"可多选，用「、」或逗号分隔：{text}" if f.multiple else f"下拉选择：{text}"
    if f.type == FieldType.REFERENCE and f.reference is not None:
        return f"填写已有{f.reference.target}的名称（下拉可选）"
    if f.type == FieldType.DATE:
        return "2026-11-03、2026/11/3、2026年11月3日 或日期格式单元格"
    if f.type == FieldType.MONEY:
        return "数字，最多两位小数，例如 1234.50"
    if f.type == FieldType.INTEGER:
        return "整数"
    if f.type == FieldType.PERCENT:
        return "百分比，例如 87.5%"
    if f.type == FieldType.DECIMAL:
        places = f.places or 0
        return (
            f"数字，最多 {places} 位小数，例如 {Decimal(5).scaleb(-places)}" if places else "整数"
        )
    if f.type == FieldType.DATETIME:
        return "2026-10-08 14:30、2026年10月8日 14:30 或日期时间格式单元格（必须有时间）"
    text = f"最多 {f.max_length} 个字" if f.max_length else ""
    if f.multiline:
        text = "可多行（单元格内按 Alt+Enter 换行）" + (f"，{text}" if text else "")
    return text


def _write_help(ws: Worksheet, spec: FormSpec) -> None:
    put(ws, 1, 1, f"{spec.title} 导入说明").font = Font(bold=True, size=14)
    general = [
        spec.help,
        f"1. 在「{sheet_title(spec)}」工作表中从第 2 行起每行填写一条记录；第 2 行灰色为示例"
        f"（{spec.key_field.label}带「{EXAMPLE_MARK}」），导入时自动跳过，可直接覆盖或删除。",
        "2. 列名前带 * 的为必填列（新增时必须填写）；列的顺序可以调整，多余的列会被忽略。",
        f"3. 以「{spec.key_field.label}」识别记录。导入方式：仅新增 / 仅更新 / 新增或更新。"
        "更新时空白单元格表示不修改该项。",
        "4. 导入前可先「试导入」查看将新增、更新和出错的行。只要有一行出错，整个文件都不会写入；"
        "请按错误文件（多出一列「错误」）修改后重新导入。",
        "5. 日期可写 2026-11-03、2026/11/3 或 2026年11月3日。",
    ]
    row = 2
    for line in general:
        if line:
            cell = put(ws, row, 1, line)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            ws.row_dimensions[row].height = 32
            row += 1
    row += 1
    for c, label in enumerate(("列名", "必填", "类型", "填写要求", "说明"), start=1):
        cell = put(ws, row, c, label)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for f in spec.fields:
        row += 1
        for c, value in enumerate(
            (f.label, "是" if f.required else "", TYPE_NAMES[f.type], _describe(f), f.help),
            start=1,
        ):
            put(ws, row, c, value).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (16, 8, 18, 40, 50), strict=True):
        ws.column_dimensions[letter].width = width
    put(ws, row + 2, 1, f"模板生成日期：{now().date():%Y-%m-%d}").font = EXAMPLE_FONT
