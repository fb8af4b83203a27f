"""A register of every field type, for testing the engine: 活动登记 (events).

Its table is created by the ``events`` fixture in the test database only. Its single rule
(an amount may not be negative) lives in its ``insert``/``update`` functions, standing in for
a domain use case, so rule failures inside an import can be tested on a real transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import peewee

from forms.kinds import Filters, Kind, Values, register_kind, within
from forms.spec import Field, FieldType, FormSpec, Reference
from models.base import BaseModel
from models.errors import RuleViolation
from models.people import Department


class TEvent(BaseModel):
    code = peewee.CharField(max_length=20, unique=True)
    title = peewee.CharField(max_length=100)
    day = peewee.DateField(null=True)
    amount = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
    count = peewee.IntegerField(null=True)
    category = peewee.CharField(max_length=10, null=True)
    department = peewee.ForeignKeyField(Department, null=True)


EVENTS = FormSpec(
    name="t_events",
    title="活动登记表",
    key="code",
    fields=(
        Field("code", "编号", required=True, width=10, example="E001"),
        Field("title", "名称", required=True, width=20, max_length=100, example="安全检查"),
        Field("day", "日期", FieldType.DATE, example=None),
        Field("amount", "金额", FieldType.MONEY, example=Decimal("1200.50"), total=True),
        Field("count", "数量", FieldType.INTEGER, example=3, total=True),
        Field("category", "类别", FieldType.CHOICE, choices=("甲", "乙", "丙"), example="甲"),
        Field(
            "department",
            "部门",
            FieldType.REFERENCE,
            reference=Reference(
                "部门",
                lambda name: Department.get_or_none(Department.name == name),
                lambda: [d.name for d in Department.select()],
            ),
        ),
    ),
)


def _check(values: Values) -> None:
    amount = values.get("amount")
    if amount is not None and amount < 0:
        raise RuleViolation("T0", "金额不能为负数", "the amount cannot be negative", field="amount")


def _insert(actor: Any, values: Values) -> None:
    _check(values)
    TEvent.create(**values)


def _update(actor: Any, event: TEvent, values: Values) -> bool:
    _check(values)
    changes = {k: v for k, v in values.items() if getattr(event, k) != v}
    if changes:
        TEvent.update(changes).where(TEvent.id == event.id).execute()
    return bool(changes)


def _rows(filters: Filters) -> Iterator[Values]:
    query = TEvent.select().order_by(TEvent.id)
    if filters.get("category"):
        query = query.where(TEvent.category == filters["category"])
    for e in within(query, TEvent.day, filters).iterator():
        yield {
            "code": e.code,
            "title": e.title,
            "day": e.day,
            "amount": e.amount,
            "count": e.count,
            "category": e.category,
            "department": e.department.name if e.department_id else None,
        }


EVENT_KIND = register_kind(
    Kind(
        spec=EVENTS,
        find=lambda code: TEvent.get_or_none(TEvent.code == code),
        insert=_insert,
        update=_update,
        rows=_rows,
        count=lambda filters: TEvent.select().count(),
        filters=("category",),
        period_field="day",
    )
)


def _insert_many(actor: Any, rows: list[Values]) -> None:
    for values in rows:
        _check(values)
    TEvent.insert_many(rows).execute()


def _existing(keys: list[str]) -> set[str]:
    return {e.code for e in TEvent.select(TEvent.code).where(TEvent.code.in_(keys))}


# The same register with the importer's bulk path (insert mode: one existence query and one
# insert_many per batch), as a large plain-data register would declare it.
EVENT_BULK_KIND = register_kind(
    Kind(
        spec=dataclasses.replace(EVENTS, name="t_events_bulk"),
        find=lambda code: TEvent.get_or_none(TEvent.code == code),
        insert=_insert,
        update=_update,
        rows=_rows,
        insert_many=_insert_many,
        existing_keys=_existing,
    )
)
