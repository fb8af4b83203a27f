"""Cell values → typed values: the rules every reader shares (forms.values)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal

import pytest

from forms.excel_sheets import header_key
from forms.spec import Field, FieldType, FormSpec, copy_label
from forms.values import ValueProblem, parser_for, split_multiple

DATE = parser_for(Field("d", "日期", FieldType.DATE))
MONEY = parser_for(Field("m", "金额", FieldType.MONEY))
INTEGER = parser_for(Field("n", "数量", FieldType.INTEGER))
TEXT = parser_for(Field("t", "电话", max_length=5))
CHOICE = parser_for(Field("c", "角色", FieldType.CHOICE, choices=("办事员", "车管"), multiple=True))


@pytest.mark.parametrize(
    "raw",
    [
        date(2026, 11, 3),
        datetime(2026, 11, 3, 8, 30),
        46329.0,  # the Excel serial of 2026-11-03
        46329,
        "2026-11-03",
        "2026/11/3",
        "2026.11.3",
        "2026年11月3日",
        "２０２６年１１月３日",  # full-width digits
        " 2026-11-03 08:30:00 ",
        "20261103",
    ],
)
def test_X3_dates_read_in_every_format(raw):
    assert DATE(raw) == date(2026, 11, 3)


@pytest.mark.parametrize("raw", ["2026-02-30", "11/3/2026", "下周一", 0, -3.0])
def test_X3_bad_dates_are_refused_with_a_reason(raw):
    with pytest.raises(ValueProblem) as info:
        DATE(raw)
    assert info.value.zh and info.value.en


def test_money_is_exact_to_the_cent():
    assert MONEY(1234.5) == Decimal("1234.50")
    assert MONEY(0.1 + 0.2) == Decimal("0.30")  # binary noise from a formula
    assert MONEY("¥1,234.56") == Decimal("1234.56")
    assert MONEY("１２．５元") == Decimal("12.50")
    with pytest.raises(ValueProblem):
        MONEY("12.345")
    with pytest.raises(ValueProblem):
        MONEY("十二元")


def test_integers_from_calamine_floats_and_text():
    assert INTEGER(12.0) == 12
    assert INTEGER("1,200") == 1200
    with pytest.raises(ValueProblem):
        INTEGER(12.5)


def test_text_from_number_cells_and_length():
    assert TEXT(12345.0) == "12345"
    assert TEXT("  ab ") == "ab"
    assert TEXT("") is None
    with pytest.raises(ValueProblem):
        TEXT("123456")


def test_multiple_choices_split_on_chinese_and_latin_separators():
    assert split_multiple("办事员、车管, 后勤；x") == ["办事员", "车管", "后勤", "x"]
    assert CHOICE("办事员，车管、办事员") == ("办事员", "车管")
    with pytest.raises(ValueProblem) as info:
        CHOICE("办事员、厨师")
    assert "厨师" in info.value.zh


def test_headers_match_despite_spaces_full_width_and_required_marks():
    assert header_key(" *用 户 名 ") == header_key("用户名")
    assert header_key("＊部门（必填）") == header_key("部门")
    assert header_key("ＡＢＣ") == "abc"


def test_spec_refuses_inconsistent_declarations():
    with pytest.raises(ValueError):
        Field("c", "选项", FieldType.CHOICE)
    with pytest.raises(ValueError):
        Field("r", "部门", FieldType.REFERENCE)
    with pytest.raises(ValueError):
        FormSpec("x", "x", (Field("a", "甲"), Field("a", "乙")))
    with pytest.raises(ValueError):
        FormSpec("x", "x", (Field("a", "甲"),), key="b")


def test_copy_labels_are_chinese_ordinals():
    assert copy_label(0, "存根") == "第一联 存根"
    assert copy_label(2, "财务") == "第三联 财务"
    assert copy_label(11) == "第十二联"


def test_forms_and_models_import_no_qt():
    """Anki's rule: the domain and the forms run headless (command line, server, tests)."""
    code = (
        "import sys, importlib, pkgutil, forms, models\n"
        "for pkg in (forms, models):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "import desktop.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(_root()))


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_percent_reads_fractions_and_percent_text_and_prints_one_decimal():
    from forms.values import display

    field = Field("r", "及时率", FieldType.PERCENT)
    parse = parser_for(field)
    assert parse("87.5%") == Decimal("0.875") and parse(0.875) == Decimal("0.875")
    assert parse("８７．５％") == Decimal("0.875")  # full-width, as typed with a Chinese IME
    with pytest.raises(ValueProblem):
        parse("很高")
    assert display(field, Decimal("0.875")) == "87.5%" and display(field, None) == ""
    assert not field.numeric  # a rate is never summed in a register's 合计 row


CREDIT = Field("credit", "学分", FieldType.DECIMAL, places=1)
RECEIVED = Field("received", "投诉受理时间", FieldType.DATETIME)
NOTES = Field("notes", "处理经过", multiline=True, max_length=200)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.5, Decimal("0.5")),
        (2, Decimal("2.0")),
        (0.1 + 0.2, Decimal("0.3")),  # binary noise from a formula
        ("1.5", Decimal("1.5")),
        (" １．５ ", Decimal("1.5")),  # full-width, as typed with a Chinese IME
        ("1,200.5", Decimal("1200.5")),
        ("-0.5", Decimal("-0.5")),
        ("3", Decimal("3.0")),
    ],
)
def test_decimal_fields_read_numbers_to_their_declared_places(raw, expected):
    value = parser_for(CREDIT)(raw)
    assert value == expected and value.as_tuple().exponent == -1


@pytest.mark.parametrize(
    "raw", ["0.55", 0.25, "半分", "1.5分", float("nan"), date(2026, 1, 1), True]
)
def test_decimal_fields_refuse_more_places_than_declared_and_words(raw):
    """0.55 in a one-place field was typed by someone: refused, never silently rounded."""
    with pytest.raises(ValueProblem) as info:
        parser_for(CREDIT)(raw)
    assert info.value.zh and info.value.en


def test_decimal_fields_declare_their_places_and_print_them():
    from forms.values import display

    with pytest.raises(ValueError):
        Field("x", "学时", FieldType.DECIMAL)  # places missing
    with pytest.raises(ValueError):
        Field("x", "金额", FieldType.MONEY, places=2)  # places only for DECIMAL
    assert display(CREDIT, Decimal("2")) == "2.0" and display(CREDIT, 0.5) == "0.5"
    assert CREDIT.numeric  # summed in a register's 合计 row
    whole = parser_for(Field("h", "学时", FieldType.DECIMAL, places=0))
    assert whole("12") == Decimal("12") and whole(12.0) == Decimal("12")
    with pytest.raises(ValueProblem):
        whole("1.5")


@pytest.mark.parametrize(
    "raw",
    [
        datetime(2026, 10, 8, 14, 30),
        datetime(2026, 10, 8, 14, 30, 0, 500),
        46303.604166666664,  # the Excel serial of 2026-10-08 14:30
        "2026-10-08 14:30",
        "2026-10-08 14:30:00",
        "2026/10/8 14:30",
        "2026-10-08T14:30",
        "2026年10月8日 14:30",
        "2026年10月8日14时30分",
        "２０２６-１０-０８ １４：３０",
    ],
)
def test_datetime_fields_read_a_date_time_cell_or_text(raw):
    assert parser_for(RECEIVED)(raw) == datetime(2026, 10, 8, 14, 30)


@pytest.mark.parametrize(
    "raw", ["2026-10-08", date(2026, 10, 8), "14:30", "2026-10-08 25:00", "昨天下午", 0]
)
def test_datetime_fields_refuse_a_missing_time_and_nonsense(raw):
    """A 48-hour clock needs the hour: a bare date is refused, not read as midnight."""
    with pytest.raises(ValueProblem) as info:
        parser_for(RECEIVED)(raw)
    assert info.value.zh and info.value.en


def test_datetime_fields_print_to_the_minute():
    from forms.values import display

    assert display(RECEIVED, datetime(2026, 10, 8, 14, 30, 15)) == "2026-10-08 14:30"


def test_multiline_text_keeps_its_lines_and_its_limit():
    parse = parser_for(NOTES)
    assert parse("  第一行\r\n第二行\r第三行  ") == "第一行\n第二行\n第三行"
    with pytest.raises(ValueProblem):
        parse("字" * 201)
    with pytest.raises(ValueError):
        Field("x", "金额", FieldType.MONEY, multiline=True)
