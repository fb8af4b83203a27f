"""Numbers as every use case takes them (one helper for money, decimals and whole numbers):
finite, within a range that means something, with no more decimals than the column keeps.

NaN and Infinity never reach ``quantize`` (a raw ``InvalidOperation``) or ``int`` (a raw
``OverflowError``), and never a column; a negative cost or a zero quantity is refused with
the field named. Each check raises ``RuleViolation(rule, ...)`` with ``field`` set.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from models.errors import RuleViolation
from models.text import shorten

MONEY_MAX = Decimal("9999999999.99")  # DecimalField(max_digits=12, decimal_places=2)
INT_MAX = 2_147_483_647  # a 32-bit INTEGER column on both backends
CENT = Decimal("0.01")


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(7)}


class _Shown:
    """The value echoed in a refusal, made only when a message is: a valid number (a bulk
    import's every row) never pays for its text."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return format(shorten(self.value, 30), spec)


def _refuse(rule: str | None, zh: str, en: str, field: str) -> RuleViolation:
    return RuleViolation(rule, zh, en, field=field)


def decimal(
    value: Any,
    what_zh: str,
    what_en: str,
    *,
    field: str,
    places: int = 2,
    minimum: Decimal | int | None = 0,
    positive: bool = False,
    maximum: Decimal | int = MONEY_MAX,
    rule: str | None = None,
) -> Decimal:
    """A finite decimal with at most ``places`` decimals in ``[minimum, maximum]`` (above
    zero when ``positive``), returned with exactly ``places`` decimals."""
    if type(value) is Decimal:
        number: Decimal | None = value  # as the forms parse a cell: no text round trip
    elif isinstance(value, bool):
        number = None
    else:
        try:
            number = Decimal(str(value).strip()) if value is not None else None
        except (InvalidOperation, ValueError):
            number = None
    shown = _Shown(value)
    if number is None or not number.is_finite():
        raise _refuse(
            rule, f"{what_zh}不是有效的数字：{shown}", f"{what_en} is not a number: {shown}", field
        )
    quantum = _QUANTA[places] if places in _QUANTA else Decimal(1).scaleb(-places)
    if number != number.quantize(quantum, rounding="ROUND_DOWN"):
        raise _refuse(
            rule,
            f"{what_zh}最多保留 {places} 位小数：{shown}",
            f"{what_en} takes at most {places} decimals: {shown}",
            field,
        )
    if positive and number <= 0:
        raise _refuse(
            rule, f"{what_zh}必须大于0：{shown}", f"{what_en} must be above zero: {shown}", field
        )
    if minimum is not None and number < minimum:
        raise _refuse(
            rule,
            f"{what_zh}不能小于 {minimum}：{shown}",
            f"{what_en} cannot be below {minimum}: {shown}",
            field,
        )
    if number > (maximum if type(maximum) is Decimal else Decimal(maximum)):
        raise _refuse(
            rule,
            f"{what_zh}不能大于 {maximum}：{shown}",
            f"{what_en} cannot be above {maximum}: {shown}",
            field,
        )
    return number.quantize(quantum)


def money(
    value: Any,
    what_zh: str,
    what_en: str,
    *,
    field: str,
    positive: bool = False,
    rule: str | None = None,
) -> Decimal:
    """An amount in 元: two decimals, never negative (above zero when ``positive``)."""
    return decimal(value, what_zh, what_en, field=field, positive=positive, rule=rule)


def whole(
    value: Any,
    what_zh: str,
    what_en: str,
    *,
    field: str,
    minimum: int = 0,
    maximum: int = INT_MAX,
    rule: str | None = None,
) -> int:
    """A whole number in ``[minimum, maximum]`` (``3.0`` is 3, ``2.5`` is refused)."""
    if type(value) is int and minimum <= value <= maximum:
        return value  # the common case, a bulk import's every row: nothing to convert
    shown = _Shown(value)
    number = decimal(
        value, what_zh, what_en, field=field, places=6, minimum=None, maximum=maximum, rule=rule
    )
    if number != number.to_integral_value():
        raise _refuse(
            rule,
            f"{what_zh}必须是整数：{shown}",
            f"{what_en} must be a whole number: {shown}",
            field,
        )
    if number < minimum:
        raise _refuse(
            rule,
            f"{what_zh}不能小于 {minimum}：{shown}",
            f"{what_en} cannot be below {minimum}: {shown}",
            field,
        )
    return int(number)


def positive_int(value: Any, what_zh: str, what_en: str, field: str = "quantity") -> int:
    """A whole quantity above zero."""
    return whole(value, what_zh, what_en, field=field, minimum=1)
