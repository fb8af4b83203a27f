"""What an approver reads before deciding: each document type's approval summary, declared once.

A leader must not approve money without seeing the amount. So every document type that goes
through the engine declares, in its domain's ``forms/<d>/doc_fields.py``, how its summary is
built from the document row: the fields (label and text), the lines with their quantities and
amounts, the total, and the files attached. 审批中心's dialog, the printed 申请批准单 and the
inbox's 金额 column all read this one declaration, so they cannot disagree.

- ``ApprovalSummary``: the summary itself, already formatted (no database, no Qt);
- ``register_summary(doc_type, build, amount=...)``: ``build(doc_id)`` makes the summary;
  ``amount()`` is the same total as a correlated SQL scalar on ``Instance.doc_id`` so a list
  of approvals shows and sorts it in one query (no query per row);
- ``summary_of(instance)``: the summary of one approval; a document type that declared none
  shows the approval's own free fields, as submitted;
- ``amount_expression()``: the inbox column, a ``CASE`` over every declared type.

Every label (a field's, a column's, the title and the total's) is a ``Label``: the Chinese
text itself, which the printed forms use, with its English beside it for the English
desktop, declared together in the domain's ``doc_fields`` so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import peewee

from models import attachments
from models.base import BaseModel
from models.workflow import Instance


class Label(str):
    """Chinese text (it *is* the ``str``: paper and registers print it as it is) with its
    English beside it (``.en``), for the English desktop."""

    en: str

    def __new__(cls, zh: str, en: str) -> Label:
        label = super().__new__(cls, zh)
        label.en = en
        return label


def english(text: str) -> str:
    """``text``'s English when it is a ``Label``, else ``text`` as it is."""
    return getattr(text, "en", text)


def _text(value: Any) -> str:
    """A value as text, keeping a ``Label`` (and its English) as it is."""
    return value if isinstance(value, str) else str(value)


TOTAL_LABEL = Label("合计金额（元）", "Total (¥)")
LINES_TITLE = Label("明细", "Lines")
UNIT_PRICE = Label("单价（元）", "Unit price (¥)")
AMOUNT = Label("金额（元）", "Amount (¥)")
ITEM = Label("物品", "Item")
SPECIFICATION = Label("规格", "Specification")
UNIT = Label("单位", "Unit")
IN_STOCK = Label("库存", "In stock")
APPLICANT = Label("申请人", "Applicant")
DEPARTMENT = Label("申请部门", "Department")
NOTE = Label("说明", "Note")
YES = Label("是", "Yes")
NO = Label("否", "No")


def money(value: Any) -> str:
    """1,234.50: the way amounts are shown everywhere (forms.values prints MONEY so)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(str(value)):,.2f}"


def quantity(value: Any) -> str:
    """2 for 2.00, 1.5 for 1.50: quantities without trailing zeros."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Lines:
    """A table of lines: ``headers``, the rows as text, and which columns hold numbers
    (right-aligned on screen and on paper). ``widths``: each column's width on paper in mm,
    0 sharing what is left (empty: all share alike)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    title: str = LINES_TITLE
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class ApprovalSummary:
    """One document as its approver must see it."""

    fields: tuple[tuple[str, str], ...] = ()
    lines: Lines | None = None
    total: Decimal | None = None
    total_label: str = TOTAL_LABEL
    attachments: tuple[str, ...] = ()

    @property
    def total_text(self) -> str:
        return money(self.total)


@dataclass(frozen=True)
class Declaration:
    build: Callable[[int], ApprovalSummary]
    amount: Callable[[], peewee.Node] | None = None


_DECLARED: dict[str, Declaration] = {}


def register_summary(
    doc_type: str,
    build: Callable[[int], ApprovalSummary],
    *,
    amount: Callable[[], peewee.Node] | None = None,
) -> None:
    """Declare how ``doc_type`` documents are summarised for their approvers (once)."""
    _DECLARED[doc_type] = Declaration(build, amount)


def declaration(doc_type: str) -> Declaration | None:
    from forms.printing import load_builtins

    load_builtins()
    return _DECLARED.get(doc_type)


def file_names(*records: BaseModel | tuple[str, int]) -> tuple[str, ...]:
    """The names of the (not voided) files attached to ``records``, oldest first."""
    return tuple(a.file_name for r in records for a in attachments.attachments_of(r))


def fields_of(pairs: Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs as text; empty values are left out (nothing to read there)."""
    return tuple((label, _text(v)) for label, v in pairs if v is not None and str(v) != "")


def lines(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    numeric: Iterable[int] = (),
    title: str = LINES_TITLE,
    widths: Sequence[float] = (),
) -> Lines:
    return Lines(
        tuple(headers),
        tuple(tuple("" if c is None else _text(c) for c in row) for row in rows),
        frozenset(numeric),
        title,
        tuple(widths),
    )


def _raw(inst: Instance) -> ApprovalSummary:
    """An undeclared type: the approval's free fields as they were submitted."""
    values = inst.field_values()
    return ApprovalSummary(fields=fields_of((str(k), v) for k, v in values.items()))


def summary_of(inst: Instance) -> ApprovalSummary:
    """The summary of ``inst`` from its document's declaration, with the files attached to
    the document and to the approval itself."""
    declared = declaration(inst.doc_type)
    if declared is not None and inst.doc_id is not None:
        summary = declared.build(inst.doc_id)
    else:
        summary = _raw(inst)
    own = file_names(("instance", inst.id))
    if own:
        summary = ApprovalSummary(
            summary.fields,
            summary.lines,
            summary.total,
            summary.total_label,
            summary.attachments + own,
        )
    return summary


def amount_expression() -> peewee.Node:
    """The 金额 of the outer ``Instance`` row, for the types that declared one (NULL for the
    others): one ``CASE`` of correlated scalar subqueries."""
    from forms.printing import load_builtins

    load_builtins()
    branches = [(t, d.amount()) for t, d in sorted(_DECLARED.items()) if d.amount is not None]
    if not branches:
        return peewee.SQL("NULL")
    return peewee.Case(Instance.doc_type, branches, None)


__all__ = [
    "ApprovalSummary",
    "Label",
    "Lines",
    "amount_expression",
    "declaration",
    "english",
    "fields_of",
    "file_names",
    "lines",
    "money",
    "quantity",
    "register_summary",
    "summary_of",
]
