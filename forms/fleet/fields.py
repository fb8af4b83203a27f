"""What several of the fleet's forms share: the 是/否 choice and the vehicle's plate and unit
as a column (registers, printed forms and the month-end report alike)."""

from __future__ import annotations

from typing import Any

from forms.spec import Field

YES_NO = ("是", "否")

PLATE = Field("plate", "车牌号", width=12, label_en="Plate")
UNIT = Field("unit", "有车单位", width=12, label_en="Unit")


def yes(value: Any) -> bool:
    """A 是/否 cell as a flag (anything but 是 is no)."""
    return value == "是"


def yes_no(flag: bool) -> str:
    return "是" if flag else "否"
