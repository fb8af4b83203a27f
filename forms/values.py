"""Typed values from whatever a cell holds, one parser per ``FieldType``.

Spreadsheets from Excel, WPS and LibreOffice disagree about what a cell is: a date may be a
date cell, an Excel serial number or the text 2026年11月3日; an integer arrives as ``12.0``
from python-calamine; a phone number typed as a number arrives as ``13800138000.0``; labels
and digits may be full-width. Every reader (Excel import, later the desktop dialog and CSV)
turns raw values into typed ones here, so the rules for "what counts as a date" live once.

``parser_for(field)`` returns a function ``raw -> value``; it raises ``ValueProblem`` with a
Chinese and an English reason. Empty input gives ``None`` (required-ness is checked by the
caller, which knows whether a row creates or updates a record).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from forms.spec import MULTI_SEPARATORS, Field, FieldType
from models.text import shorten, without_controls

Parser = Callable[[Any], Any]
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug aside)
CENT = Decimal("0.01")


class ValueProblem(ValueError):
    """A cell that cannot be read as its field's type. ``zh`` first, ``en`` after."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


def normalize(text: str) -> str:
    """NFKC (full-width → half-width digits, letters and spaces) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float):
        # A phone or ID number typed into a number cell: 13800138000.0 → "13800138000".
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, datetime):
        return raw.strftime("%Y-%m-%d %H:%M:%S") if raw.time() else raw.strftime("%Y-%m-%d")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip()


REASON_MAX = 300  # characters of a reason; a reason quoting a whole cell is cut too
ECHO_MAX = 60  # characters of a cell a message repeats; a 40,000-character cell is not read aloud


def echo(raw: Any, limit: int = ECHO_MAX) -> str:
    """A cell as a message repeats it: at most ``limit`` characters then …, and no control
    characters (an error workbook must still be writable)."""
    return without_controls(shorten(_text(raw), limit))


def _parse_text(field: Field) -> Parser:
    limit = field.max_length
    multiline = field.multiline
    as_text = field.as_text

    def parse(raw: Any) -> str | None:
        if as_text and type(raw) in (int, float):
            shown = _text(raw)
            raise ValueProblem(
                f"{field.label} {shown} 是数字格式，前导零可能已丢失；请把该列设为文本后重新输入",
                f"{field.label_en or field.key} {shown} is a number: its leading zeros may be "
                "lost; format the column as text and type it again",
            )
        text = raw.strip() if type(raw) is str else _text(raw)
        if not text:
            return None
        if multiline:  # Windows and old Mac line ends from a pasted text or an Excel cell
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if limit is not None and len(text) > limit:
            raise ValueProblem(
                f"超过 {limit} 个字（实有 {len(text)} 个）",
                f"longer than {limit} characters ({len(text)})",
            )
        return text

    return parse


_NUMBER_NOISE = re.compile(r"[\s¥￥元]")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


def number_text(raw: Any, noise: re.Pattern[str] | None = None) -> str:
    """The digits of a typed number. A comma (or the full-width ，) is a thousands separator
    only between groups of three before the point (``1,234.50``, ``１，０００``); ``1,5``,
    ``2，5``, ``2.000,00`` and ``1,2`` mean different things in different countries, so they
    are refused instead of guessed."""
    text = (noise or _NUMBER_NOISE).sub("", normalize(str(raw)))
    if "," not in text:
        return text
    if not _GROUPED.match(text):
        raise ValueProblem(
            f"「{echo(raw)}」的逗号不是千位分隔符：千位须三位一组（如 1,234.50），小数点请用“.”",
            f"{echo(raw)!r}: a comma only separates thousands in groups of three (1,234.50); "
            "write decimals with a point",
        )
    return text.replace(",", "")


def _parse_integer(_field: Field) -> Parser:
    def parse(raw: Any) -> int | None:
        if type(raw) is int:
            return raw
        if isinstance(raw, float):
            if raw.is_integer():
                return int(raw)
            raise ValueProblem("应为整数", "not a whole number")
        if isinstance(raw, bool | date):
            raise ValueProblem("应为整数", "not a whole number")
        text = number_text(raw)
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueProblem("应为整数", "not a whole number") from None
        if not number.is_finite():
            raise ValueProblem("应为整数", "not a whole number")
        if number != number.to_integral_value():
            raise ValueProblem("应为整数", "not a whole number")
        return int(number)

    return parse


def _parse_money(_field: Field) -> Parser:
    def parse(raw: Any) -> Decimal | None:
        if isinstance(raw, bool | date):
            raise ValueProblem("应为金额（元）", "not an amount of money")
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueProblem("应为金额（元）", "not an amount of money")
        if isinstance(raw, int | float):
            # A double from a numeric cell: its shortest repr is what Excel displays; binary
            # noise such as 0.30000000000000004 from a formula rounds to the cent.
            return Decimal(repr(raw)).quantize(CENT, ROUND_HALF_UP)
        text = number_text(raw)
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueProblem("应为金额（元）", "not an amount of money") from None
        if not number.is_finite():
            raise ValueProblem("应为金额（元）", "not an amount of money")
        if number != number.quantize(CENT, ROUND_HALF_UP):
            raise ValueProblem("金额最多两位小数", "an amount has at most two decimals")
        return number.quantize(CENT)

    return parse


def _parse_percent(_field: Field) -> Parser:
    """``87.5%`` or ``0.875`` (a percent-formatted cell holds the fraction) → ``0.875``."""

    def parse(raw: Any) -> Decimal | None:
        if isinstance(raw, bool | date):
            raise ValueProblem("应为百分比", "not a percentage")
        if isinstance(raw, int | float):
            return Decimal(repr(raw))
        text = normalize(str(raw)).replace(" ", "")
        if not text:
            return None
        scale = Decimal(100) if text.endswith("%") else Decimal(1)
        try:
            number = Decimal(text.rstrip("%")) / scale
        except InvalidOperation:
            raise ValueProblem("应为百分比，例如 87.5%", "not a percentage") from None
        if not number.is_finite():
            raise ValueProblem("应为百分比，例如 87.5%", "not a percentage")
        return number

    return parse


_DECIMAL_NOISE = re.compile(r"\s")


def _parse_decimal(field: Field) -> Parser:
    """A number with at most ``field.places`` decimals (学分 0.5): more are refused, not
    rounded, because they were typed; binary noise from a formula (0.1 + 0.2) is not."""
    places = field.places or 0
    quantum = Decimal(1).scaleb(-places)
    wanted_zh = "整数" if places == 0 else f"数字，最多 {places} 位小数"
    wanted_en = "a whole number" if places == 0 else f"a number with at most {places} decimals"

    def parse(raw: Any) -> Decimal | None:
        if isinstance(raw, bool | date):
            raise ValueProblem(f"应为{wanted_zh}", f"not {wanted_en}")
        if isinstance(raw, int):
            number = Decimal(raw)
        elif isinstance(raw, float):
            if raw != raw or raw in (float("inf"), float("-inf")):
                raise ValueProblem(f"应为{wanted_zh}", f"not {wanted_en}")
            number = Decimal(repr(round(raw, 9)))
        else:
            text = number_text(raw, _DECIMAL_NOISE)
            if not text:
                return None
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ValueProblem(f"应为{wanted_zh}", f"not {wanted_en}") from None
            if not number.is_finite():
                raise ValueProblem(f"应为{wanted_zh}", f"not {wanted_en}")
        try:
            exact = number == number.quantize(quantum, ROUND_HALF_UP)
        except InvalidOperation:
            raise ValueProblem("数字太大", "the number is too large") from None
        if not exact:
            raise ValueProblem(f"应为{wanted_zh}", f"not {wanted_en}")
        return number.quantize(quantum)

    return parse


_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date_text(text: str) -> date:
    """2026-11-03, 2026/11/3, 2026.11.3, 2026年11月3日, 20261103 (a time part is ignored)."""
    text = normalize(text)
    match = _DATE_TEXT.match(text) or _DATE_COMPACT.match(text)
    if match is None:
        raise ValueProblem(
            "日期格式应为 2026-11-03、2026/11/3 或 2026年11月3日",
            "a date looks like 2026-11-03, 2026/11/3 or 2026年11月3日",
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem(
            f"没有这一天：{year}年{month}月{day}日", f"no such day: {year}-{month}-{day}"
        ) from None


def _parse_date(_field: Field) -> Parser:
    def parse(raw: Any) -> date | None:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            # An Excel serial: a date cell whose format the reader did not recognise, or a
            # date pasted as a number. 1 … 2958465 is 1900-01-01 … 9999-12-31.
            if not 1 <= raw <= 2958465:
                raise ValueProblem("不是有效的日期", "not a valid date")
            return EXCEL_EPOCH + timedelta(days=int(raw))
        text = str(raw).strip()
        if not text:
            return None
        return parse_date_text(text)

    return parse


_DATE_PART = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日|(?=\D|$))")
_TIME_PART = re.compile(r"^(\d{1,2})[:时点](\d{1,2})分?(?::?(\d{1,2})(?:\.\d+)?秒?)?$")
MAX_SERIAL = 2958466  # 9999-12-31 24:00 as an Excel serial


def parse_datetime_text(text: str) -> datetime:
    """2026-10-08 14:30, 2026/10/8 14:30:05, 2026-10-08T14:30, 2026年10月8日 14:30,
    2026年10月8日14时30分. A date without a time is refused: a clock needs the hour."""
    text = normalize(text)
    match = _DATE_PART.match(text)
    rest = re.sub(r"\s+", "", text[match.end() :]).lstrip("T") if match else ""
    clock = _TIME_PART.match(rest) if match else None
    if match is not None and not rest:
        raise ValueProblem(
            "缺少时间，应写作 2026-10-08 14:30", "the time is missing: write 2026-10-08 14:30"
        )
    if match is None or clock is None:
        raise ValueProblem(
            "日期时间格式应为 2026-10-08 14:30 或 2026年10月8日 14:30",
            "a date and time looks like 2026-10-08 14:30",
        )
    year, month, day = (int(g) for g in match.groups())
    hour, minute, second = (int(g) if g else 0 for g in clock.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise ValueProblem(
            f"没有这个时间：{text.strip()}", f"no such time: {text.strip()}"
        ) from None


def _parse_datetime(_field: Field) -> Parser:
    def parse(raw: Any) -> datetime | None:
        if isinstance(raw, datetime):
            return raw.replace(microsecond=0)
        if isinstance(raw, date):
            raise ValueProblem(
                "缺少时间，应写作 2026-10-08 14:30", "the time is missing: write 2026-10-08 14:30"
            )
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            # An Excel serial with the time as its fraction of a day.
            if not 1 <= raw < MAX_SERIAL:
                raise ValueProblem("不是有效的日期时间", "not a valid date and time")
            seconds = round(raw * 86400)
            return datetime.combine(EXCEL_EPOCH, datetime.min.time()) + timedelta(seconds=seconds)
        text = str(raw).strip()
        if not text:
            return None
        return parse_datetime_text(text)

    return parse


_SPLIT_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def split_multiple(text: str) -> list[str]:
    """``"办事员、车管, 后勤"`` → ``["办事员", "车管", "后勤"]``."""
    pattern = _SPLIT_CACHE.get(MULTI_SEPARATORS)
    if pattern is None:
        pattern = re.compile("|".join(re.escape(s) for s in MULTI_SEPARATORS))
        _SPLIT_CACHE[MULTI_SEPARATORS] = pattern
    return [part.strip() for part in pattern.split(text) if part.strip()]


_CHOICE_MEMO = 256


def _parse_choice(field: Field) -> Parser:
    canonical = {normalize(c).replace(" ", "").lower(): c for c in field.choices}
    shown = "、".join(field.choices)

    # A column of choices repeats a few spellings (是/否, a series): each is folded once.
    # Only accepted spellings are kept, at most ``_CHOICE_MEMO`` of them.
    memo: dict[str, str] = {}

    def one(text: str) -> str:
        found = memo.get(text)
        if found is not None:
            return found
        found = canonical.get(normalize(text).replace(" ", "").lower())
        if found is not None and len(memo) < _CHOICE_MEMO:
            memo[text] = found
        if found is None:
            raise ValueProblem(
                f"「{echo(text)}」不在可选值中（{shown}）", f"{echo(text)!r} is not one of: {shown}"
            )
        return found

    def parse(raw: Any) -> str | tuple[str, ...] | None:
        text = _text(raw)
        if not text:
            return None
        if not field.multiple:
            return one(text)
        values: list[str] = []
        for part in split_multiple(text):
            value = one(part)
            if value not in values:
                values.append(value)
        return tuple(values) or None

    return parse


def _parse_reference(field: Field) -> Parser:
    """The business key as text; ``forms.excel_import`` resolves it to the record (with a
    cache, so 100,000 rows naming 20 departments cost 20 look-ups)."""
    return _parse_text(field)


_FACTORIES: dict[FieldType, Callable[[Field], Parser]] = {
    FieldType.TEXT: _parse_text,
    FieldType.INTEGER: _parse_integer,
    FieldType.MONEY: _parse_money,
    FieldType.DATE: _parse_date,
    FieldType.CHOICE: _parse_choice,
    FieldType.REFERENCE: _parse_reference,
    FieldType.PERCENT: _parse_percent,
    FieldType.DECIMAL: _parse_decimal,
    FieldType.DATETIME: _parse_datetime,
}


def nonblank_parser_for(field: Field) -> Parser:
    """``parser_for`` without the blank check, for loops that skip blank cells themselves
    (the importer: one call less per cell on 100,000-row files)."""
    return _FACTORIES[field.type](field)


def parser_for(field: Field) -> Parser:
    """The function turning a raw cell of ``field`` into its typed value (``None`` if blank)."""
    inner = _FACTORIES[field.type](field)

    def parse(raw: Any) -> Any:
        if raw is None or raw == "":
            return None
        return inner(raw)

    return parse


def display(field: Field, value: Any) -> str:
    """A typed value as printed on a form: 2026-11-03, 1,234.50, 办事员、车管."""
    if value is None or value == "":
        return ""
    if field.value_labels:
        return dict(field.value_labels).get(str(value), str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.type == FieldType.MONEY:
        return f"{Decimal(str(value)):,.2f}"
    if field.type == FieldType.PERCENT:
        return f"{Decimal(str(value)) * 100:.1f}%"
    if field.type == FieldType.DECIMAL:
        return f"{Decimal(str(value)):.{field.places or 0}f}"
    if field.type == FieldType.DATETIME and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if field.type == FieldType.DATE and isinstance(value, date | datetime):
        return value.strftime("%Y-%m-%d")
    if field.type == FieldType.CHOICE and isinstance(value, tuple | list | set | frozenset):
        return MULTI_SEPARATORS[0].join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)
