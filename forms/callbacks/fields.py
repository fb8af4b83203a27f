"""What several of the callbacks forms share: the 是/否 choice, the customer's number and name
as columns, and how a date-time reads on paper."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from forms.spec import Field

YES_NO = ("是", "否")

CUSTOMER_NO = Field("customer_no", "客户编号", width=14, label_en="Customer no.")
CUSTOMER = Field("customer", "客户名称", width=18, label_en="Customer")


def yes_no(flag: bool | None) -> str:
    return "" if flag is None else ("是" if flag else "否")


def stamp(value: datetime | date | None) -> str:
    """2026-11-03 09:30 on paper; blank when the moment has not come."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return f"{value:%Y-%m-%d}"


def label(enum: Any, code: str | None) -> str:
    """A stored code in its Chinese words (an unknown code as it is)."""
    if not code:
        return ""
    try:
        return enum(code).label
    except ValueError:
        return code


def methods(chain: str) -> str:
    """``phone,onsite`` as 电话回访 → 上门回访 (the C4 fallback order)."""
    from models.callbacks import Method

    return " → ".join(label(Method, m) for m in chain.split(",") if m)
