"""Paper forms and registers, declared once as pure data.

A ``FormSpec`` lists the ``Field``s of one regulation form or register (车辆维修保修单,
申请批准单, 盘点表 ...). The same declaration drives:

- the PDF (``forms.pdf``): labels and values in a ruled grid, copies (一式三联), signatures;
- the Excel template (``forms.excel_template``): header, required marks, dropdowns, 说明;
- the importer (``forms.excel_import``): columns matched by label, cells typed by ``type``;
- the register export (``forms.excel_export``): columns, widths, totals of numeric fields;
- the desktop edit dialog (``desktop``): one widget per field, picked by ``type``.

Nothing here touches the database or Qt. A ``Reference`` carries two small callables that a
domain module supplies (look a record up by its business key; list the keys for a dropdown);
they are called only when a file is read or written, never at import time.

Stability: later modules and the desktop build on these names. Add fields with defaults;
do not rename or reorder the positional ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FieldType(StrEnum):
    """What a value is. Each type has one parser (``forms.values``) shared by every reader."""

    TEXT = "text"  # str; a cell holding 13800138000 as a number still reads as text
    INTEGER = "integer"  # int
    MONEY = "money"  # decimal.Decimal, exactly 2 places (元)
    DATE = "date"  # datetime.date; read from date cells, Excel serials or 2026-11-03 text
    CHOICE = "choice"  # one of ``choices`` (or several with ``multiple``)
    REFERENCE = "reference"  # another record, named by its business key (a department name)
    PERCENT = "percent"  # a share 0..1 (及时率): shown 87.5%; never summed in totals
    DECIMAL = "decimal"  # decimal.Decimal with the field's ``places`` (学分 0.5, 学时 1.5)
    DATETIME = "datetime"  # datetime.datetime to the minute or second (投诉受理时间)


NUMERIC_TYPES = frozenset({FieldType.INTEGER, FieldType.MONEY, FieldType.DECIMAL})
MAX_PLACES = 6

# Separators accepted between the values of a multiple choice: 、 is what Chinese users type,
# the rest are what they paste from elsewhere. The first one is used when writing.
MULTI_SEPARATORS = ("、", ",", "，", ";", "；")


@dataclass(frozen=True)
class Reference:
    """How a reference field finds the record it names.

    - ``target``: what is referred to, in Chinese (``"部门"``), for messages.
    - ``lookup(key)``: the record whose business key is ``key``, or ``None`` when there is
      none (the importer then rejects the row, naming the value).
    - ``keys()``: the business keys a user may choose from (the template's dropdown).
      Optional: a reference to thousands of plates has no dropdown, only the lookup.
    """

    target: str
    lookup: Callable[[str], Any | None]
    keys: Callable[[], Iterable[str]] | None = None


@dataclass(frozen=True)
class Field:
    """One field of a form: a column in Excel, a cell in the PDF grid, a widget in a dialog.

    - ``key``: the Python/database name (``"department"``); stable, never shown.
    - ``label``: the Chinese label users know (``"部门"``); Excel columns are matched by it.
    - ``type``: see ``FieldType``; ``choices`` for CHOICE, ``reference`` for REFERENCE.
    - ``required``: must be filled when a record is created (marked ``*`` in templates).
    - ``width``: column width in Excel characters; also the PDF/dialog width hint.
    - ``multiple``: a CHOICE holding several values, written ``办事员、车管``.
    - ``max_length``: longest text accepted (mirrors the database column).
    - ``help``: one sentence for the 说明 sheet, the header comment and the dialog tooltip.
    - ``example``: the value shown in the template's example row.
    - ``wide``: the value is long text that takes a whole row in the PDF grid.
    - ``label_en``: English label, accepted as a column header too.
    - ``value_labels``: Chinese words for stored codes, used when a value is displayed.
    - ``places``: the decimals a DECIMAL field holds (学分 ``places=1``): more are refused,
      fewer are padded; Excel shows exactly that many.
    - ``multiline``: a TEXT field of several lines (处理经过): a multi-line editor in the
      dialog, wrapped cells in Excel, a whole wrapped row in the PDF.
    """

    key: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    width: int = 12
    choices: tuple[str, ...] = ()
    help: str = ""
    reference: Reference | None = None
    multiple: bool = False
    max_length: int | None = None
    example: Any = None
    wide: bool = False
    label_en: str = ""
    # How stored codes read on a form: (("overhaul", "大修"), ...). For document fields whose
    # values are codes the rules compare (a workflow condition), not words users type.
    value_labels: tuple[tuple[str, str], ...] = ()
    places: int | None = None
    multiline: bool = False
    # Summed in the register's 合计 row. Declared per field, because a sum means something
    # only for amounts and counts of the same thing: never for prices, odometers, intervals,
    # or quantities of items in different units (支 and 包).
    total: bool = False
    # A code kept as text (工号 00123): a cell holding a number is refused, because Excel
    # dropped its leading zeros before the file was read (the message says how to fix it).
    as_text: bool = False

    def __post_init__(self) -> None:
        if self.type == FieldType.CHOICE and not self.choices:
            raise ValueError(f"choice field {self.key} declares no choices")
        if self.type == FieldType.REFERENCE and self.reference is None:
            raise ValueError(f"reference field {self.key} declares no Reference")
        if self.multiple and self.type != FieldType.CHOICE:
            raise ValueError(f"only a choice field may be multiple ({self.key})")
        if self.type == FieldType.DECIMAL:
            if self.places is None or not 0 <= self.places <= MAX_PLACES:
                raise ValueError(f"decimal field {self.key} declares places 0..{MAX_PLACES}")
        elif self.places is not None:
            raise ValueError(f"only a decimal field declares places ({self.key})")
        if self.multiline and self.type != FieldType.TEXT:
            raise ValueError(f"only a text field may be multiline ({self.key})")
        if self.as_text and self.type != FieldType.TEXT:
            raise ValueError(f"only a text field is kept as text ({self.key})")
        if self.total and self.type not in NUMERIC_TYPES:
            raise ValueError(f"only a number field is totalled ({self.key})")

    @property
    def numeric(self) -> bool:
        """Right-aligned, typed as a number (summed only when declared ``total``)."""
        return self.type in NUMERIC_TYPES


@dataclass(frozen=True)
class FormSpec:
    """A form or register: its fields and how its records are named.

    - ``name``: the registry name (``"users"``, ``"approval"``), used by the command line.
    - ``title``: the Chinese title printed on top (``"用户名册"``, ``"申请批准单"``).
    - ``fields``: in display order.
    - ``key``: the field holding the business key (unique, what users call the record);
      imports insert/update by it. ``None`` for print-only forms.
    - ``copies``: copy names for multi-part printing (``("存根", "维修部门", "财务")`` prints
      第一联 存根 / 第二联 维修部门 / 第三联 财务); empty prints one unlabelled copy.
    - ``signatures``: signature lines at the foot (``("负责人", "经办人", "日期")``).
    - ``help``: a paragraph for the template's 说明 sheet.
    """

    name: str
    title: str
    fields: tuple[Field, ...]
    key: str | None = None
    copies: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ("负责人", "经办人", "日期")
    help: str = ""
    title_en: str = ""
    _by_key: dict[str, Field] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key = {f.key: f for f in self.fields}
        if len(by_key) != len(self.fields):
            raise ValueError(f"form {self.name} declares a field key twice")
        if len({f.label for f in self.fields}) != len(self.fields):
            raise ValueError(f"form {self.name} declares a label twice")
        if self.key is not None and self.key not in by_key:
            raise ValueError(f"form {self.name}: business key {self.key} is not a field")
        self._by_key.update(by_key)

    def field(self, key: str) -> Field:
        """The field called ``key`` (``KeyError`` when there is none)."""
        return self._by_key[key]

    def has_field(self, key: str) -> bool:
        return key in self._by_key

    @property
    def key_field(self) -> Field:
        if self.key is None:
            raise ValueError(f"form {self.name} has no business key")
        return self._by_key[self.key]

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    @property
    def numeric_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.numeric)


# A register (名册/登记表) is a FormSpec seen as rows: same declaration, same class.
Register = FormSpec

CHINESE_NUMERALS = "〇一二三四五六七八九十"


def copy_label(index: int, name: str = "") -> str:
    """``copy_label(0, "存根")`` → ``"第一联 存根"`` (index from 0)."""
    n = index + 1
    if n <= 10:
        numeral = CHINESE_NUMERALS[n]
    elif n < 20:
        numeral = "十" + CHINESE_NUMERALS[n - 10]
    else:
        numeral = str(n)
    return f"第{numeral}联 {name}".rstrip()
