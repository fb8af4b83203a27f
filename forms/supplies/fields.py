"""What several of the supplies forms share: the 是/否 choice, the series by their labels, an
item found by its code, and the columns that describe an item on every register and sheet
(编码, 名称, 类别, 规格型号, 单位)."""

from __future__ import annotations

from typing import Any

from forms.spec import Field
from models.supplies import Category, Item
from models.text import normalize_code

YES_NO = ("是", "否")
CATEGORY_LABELS = tuple(c.label for c in Category)

ITEM_CODE = Field("code", "物品编码", width=10, label_en="Code")
ITEM_NAME = Field("name", "物品名称", width=16, label_en="Name")
CATEGORY = Field("category", "类别", width=9, label_en="Category")
SPECIFICATION = Field("specification", "规格型号", width=16, label_en="Specification")
UNIT = Field("unit", "单位", width=6, label_en="Unit")


def yes(value: Any) -> bool:
    """A 是/否 cell as a flag (anything but 是 is no)."""
    return value == "是"


def yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def find_item(code: str) -> Item | None:
    """The item with ``code`` (case-insensitive, voided ones too), or ``None``."""
    return Item.get_or_none(Item.code == normalize_code(code))
