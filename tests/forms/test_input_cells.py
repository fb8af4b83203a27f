"""Cells read and written at the edges (X3): a comma is a thousands separator only in
thousands groups, messages repeat a readable part of a cell, and text too long for an Excel
cell is cut with a note, never silently."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from forms.excel_export import CUT_NOTE, EXCEL_CELL_MAX, write_register
from forms.excel_import import RowError
from forms.spec import Field, FieldType
from forms.values import ECHO_MAX, ValueProblem, parser_for
from tests.forms.events import EVENTS

MONEY = parser_for(Field("m", "金额", FieldType.MONEY))
INTEGER = parser_for(Field("n", "库存下限", FieldType.INTEGER))
DECIMAL = parser_for(Field("d", "学分", FieldType.DECIMAL, places=2))


@pytest.mark.parametrize(
    "raw, money",
    [("1,234.50", "1234.50"), ("１，０００", "1000.00"), ("12,345,678", "12345678.00")],
)
def test_X3_a_comma_in_thousands_groups_is_a_separator(raw, money):
    assert MONEY(raw) == Decimal(money)
    assert DECIMAL(raw) == Decimal(money).quantize(Decimal("0.01"))


@pytest.mark.parametrize("raw", ["1,5", "2，5", "2.000,00", "1,2", "12,34,567", ",100"])
def test_X3_an_ambiguous_comma_is_refused_not_guessed(raw):
    for parse in (MONEY, INTEGER, DECIMAL):
        with pytest.raises(ValueProblem) as err:
            parse(raw)
        assert "千位" in err.value.zh and raw in err.value.zh


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), "NaN", "Infinity"])
def test_X3_nan_and_infinity_cells_are_refused(raw):
    for parse in (MONEY, INTEGER, DECIMAL):
        with pytest.raises(ValueProblem):
            parse(raw)


def test_X3_messages_echo_a_readable_part_of_a_cell():
    huge = "长" * 40_000 + "\x0b"
    error = RowError("物品目录", 5, "名称", huge, "「" + huge + "」已存在", "exists")
    text = str(error)
    assert len(text) < 600 and "…" in text and "\x0b" not in text
    assert "第 5 行「名称」列" in text
    choice = parser_for(Field("c", "类别", FieldType.CHOICE, choices=("纸本", "耗材")))
    with pytest.raises(ValueProblem) as err:
        choice("纸" * 10_000)
    assert len(err.value.zh) < ECHO_MAX + 40


def test_X3_text_over_the_excel_cell_limit_is_cut_with_a_note_and_reported(tmp_path):
    text_field = next(f for f in EVENTS.fields if f.type == FieldType.TEXT and f.key != "code")
    rows = [
        {"code": "E1", text_field.key: "检" * 40_000},
        {"code": "E2", text_field.key: "短"},
    ]
    result = write_register(EVENTS, rows, tmp_path / "long.xlsx")
    assert result.cut == [(5, text_field.label)]
    assert "已截断" in result.summary() and "第 5 行" in result.summary()
    ws = load_workbook(tmp_path / "long.xlsx").active
    col = [f.key for f in EVENTS.fields].index(text_field.key) + 1
    value = ws.cell(row=5, column=col).value
    assert len(value) == EXCEL_CELL_MAX and value.endswith(CUT_NOTE)
    assert ws.cell(row=6, column=col).value == "短"


def test_X3_template_and_dialog_limits_are_the_columns_limits():
    """The Excel template and the dialog show ``Field.max_length``; it is the database
    column's own limit (``models.text.text_limit``), the one every write is checked against."""
    from forms.fleet import registers as fleet_registers
    from forms.supplies import registers as supply_registers
    from models.fleet import FuelStation, RepairShop, Vehicle
    from models.supplies import Item, Supplier
    from models.text import text_limit

    pairs = [
        (fleet_registers.VEHICLES, Vehicle),
        (fleet_registers.SHOPS, RepairShop),
        (fleet_registers.STATIONS, FuelStation),
        (supply_registers.ITEMS, Item),
        (supply_registers.SUPPLIERS, Supplier),
    ]
    checked = 0
    for spec, model in pairs:
        for f in spec.fields:
            column = model._meta.fields.get(f.key)
            if f.type != FieldType.TEXT or column is None or text_limit(column) is None:
                continue
            assert f.max_length == text_limit(column), (spec.name, f.key)
            checked += 1
    assert checked >= 10
