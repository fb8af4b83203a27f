"""DECIMAL (学分 0.5), DATETIME (投诉受理时间) and multi-line TEXT (处理经过) through every
door: the import template, the importer, the register export and the PDF."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

import peewee
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from forms.excel_export import export_register
from forms.excel_import import import_file
from forms.excel_template import write_template
from forms.kinds import Filters, Kind, Values, get_kind, register_kind
from forms.pdf import render
from forms.printdoc import PrintDoc
from forms.spec import Field, FieldType, FormSpec
from models.base import BaseModel


class TCase(BaseModel):
    code = peewee.CharField(max_length=20, unique=True)
    received = peewee.DateTimeField(null=True)
    credit = peewee.DecimalField(max_digits=6, decimal_places=1, null=True)
    hours = peewee.DecimalField(max_digits=6, decimal_places=2, null=True)
    notes = peewee.TextField(null=True)


CASES = FormSpec(
    name="t_cases",
    title="投诉处理登记表",
    key="code",
    fields=(
        Field("code", "编号", required=True, example="TS001"),
        Field(
            "received",
            "受理时间",
            FieldType.DATETIME,
            required=True,
            width=18,
            example=datetime(2026, 10, 8, 14, 30),
        ),
        Field("credit", "学分", FieldType.DECIMAL, places=1, example=Decimal("0.5"), total=True),
        Field("hours", "学时", FieldType.DECIMAL, places=2, total=True),
        Field("notes", "处理经过", multiline=True, max_length=500, width=40),
    ),
)


def _insert(actor: Any, values: Values) -> None:
    TCase.create(**values)


def _update(actor: Any, case: TCase, values: Values) -> bool:
    changes = {k: v for k, v in values.items() if getattr(case, k) != v}
    if changes:
        TCase.update(changes).where(TCase.id == case.id).execute()
    return bool(changes)


def _rows(filters: Filters):
    for c in TCase.select().order_by(TCase.id).iterator():
        yield {
            "code": c.code,
            "received": c.received,
            "credit": c.credit,
            "hours": c.hours,
            "notes": c.notes,
        }


CASE_KIND = register_kind(
    Kind(
        spec=CASES,
        find=lambda code: TCase.get_or_none(TCase.code == code),
        insert=_insert,
        update=_update,
        rows=_rows,
        count=lambda filters: TCase.select().count(),
    )
)
NOTES = (
    "10月8日14:30来电投诉燃气表读数异常。\n"
    "当日16:00上门核查，确认表具故障。\n"
    "次日更换新表，客户满意。"
)


@pytest.fixture
def cases(database):
    database.create_tables([TCase])
    return CASE_KIND


def test_X3_template_types_decimal_and_datetime_columns_and_wraps_long_text(tmp_path):
    path = write_template(CASES, tmp_path / "cases.xlsx")
    book = load_workbook(path)
    ws = book["投诉处理登记表"]
    assert [c.value for c in ws[1]] == ["*编号", "*受理时间", "学分", "学时", "处理经过"]
    assert ws.column_dimensions["B"].number_format == "yyyy-mm-dd hh:mm"
    assert ws.column_dimensions["C"].number_format == "0.0"
    assert ws.column_dimensions["D"].number_format == "0.00"
    assert ws.column_dimensions["E"].alignment.wrap_text
    assert ws["B2"].value == datetime(2026, 10, 8, 14, 30)
    assert ws["B2"].number_format == "yyyy-mm-dd hh:mm" and ws["C2"].number_format == "0.0"
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert validations["B2:B5000"].type == "date" and validations["B2:B5000"].formula2 == "2958466"
    assert "14:30" in validations["B2:B5000"].prompt
    assert validations["C2:C5000"].type == "decimal"
    assert "1 位小数" in validations["C2:C5000"].error
    assert validations["E2:E5000"].type == "textLength"
    notes = "\n".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    for text in ("日期时间", "必须有时间", "最多 1 位小数", "0.5", "最多 2 位小数", "可多行"):
        assert text in notes, text


def test_X3_filled_template_imports_typed_values_and_names_bad_cells(cases, tmp_path):
    path = write_template(CASES, tmp_path / "cases.xlsx")
    book = load_workbook(path)
    ws = book["投诉处理登记表"]
    ws.append(["TS002", datetime(2026, 9, 30, 16, 0), 1.5, 2.25, NOTES])
    ws.append(["TS003", "2026年10月8日 9:05", "0.5", "3", "一行"])
    book.save(path)
    result = import_file("t_cases", path)
    assert result.committed, [str(e) for e in result.errors]
    two = TCase.get(TCase.code == "TS002")
    assert two.received == datetime(2026, 9, 30, 16, 0)
    assert (two.credit, two.hours, two.notes) == (Decimal("1.5"), Decimal("2.25"), NOTES)
    three = TCase.get(TCase.code == "TS003")
    assert three.received == datetime(2026, 10, 8, 9, 5) and three.credit == Decimal("0.5")

    ws.append(["TS004", "2026-10-08", "0.55", "1", ""])
    book.save(path)
    result = import_file("t_cases", path, mode="upsert")
    assert not result.committed
    by_column = {e.column: e for e in result.errors}
    assert by_column["受理时间"].row == 5 and "缺少时间" in by_column["受理时间"].zh
    assert "1 位小数" in by_column["学分"].zh
    assert TCase.select().count() == 2


def test_X3_register_export_writes_typed_cells_and_round_trips(cases, tmp_path):
    TCase.create(
        code="TS1",
        received=datetime(2026, 10, 8, 14, 30),
        credit=Decimal("0.5"),
        hours=Decimal("1.25"),
        notes=NOTES,
    )
    TCase.create(code="TS2", received=datetime(2026, 9, 30, 16, 0), credit=Decimal("2.0"))
    before = list(get_kind("t_cases").rows({}))
    result = export_register("t_cases", tmp_path / "cases.xlsx")
    assert result.totals["credit"] == Decimal("2.5") and result.totals["hours"] == Decimal("1.25")
    ws = load_workbook(result.path).worksheets[0]
    assert ws["B5"].value == datetime(2026, 10, 8, 14, 30)
    assert ws["B5"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["C5"].value == 0.5 and ws["C5"].number_format == "0.0"
    assert ws["D5"].number_format == "0.00"
    assert ws["E5"].value == NOTES and ws["E5"].alignment.wrap_text
    assert ws["C7"].value == "=SUM(C5:C6)" and ws["C7"].number_format == "0.0"
    assert load_workbook(result.path, data_only=True).worksheets[0]["C7"].value == 2.5
    TCase.delete().execute()
    back = import_file("t_cases", result.path)
    assert back.committed, [str(e) for e in back.errors]
    assert list(get_kind("t_cases").rows({})) == before


def test_pdf_prints_datetime_to_the_minute_decimals_to_their_places_and_wraps_lines(tmp_path):
    doc = PrintDoc(
        CASES,
        "TS-2026-0001",
        {
            "code": "TS1",
            "received": datetime(2026, 10, 8, 14, 30, 15),
            "credit": Decimal("2"),
            "hours": Decimal("1.5"),
            "notes": NOTES,
        },
    )
    text = re.sub(
        r"\s+", "", PdfReader(render(doc, tmp_path / "c.pdf", copies=1)).pages[0].extract_text()
    )
    assert "2026-10-0814:30" in text and "2026-10-0814:30:15" not in text
    assert "学分2.0" in text and "学时1.50" in text
    for line in NOTES.split("\n"):  # every line printed, none cut off
        assert re.sub(r"\s+", "", line) in text
