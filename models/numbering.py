"""Document numbers (准修通知单 ZX2026-0001, 维修单 WX2026-0001, ...) without gaps or twins.

A counter row per prefix and year is incremented with ``UPDATE ... SET value = value + 1``,
which takes the row lock on MySQL and runs under SQLite's IMMEDIATE write lock, so two
desktops filing at the same moment get consecutive numbers. Call it inside the use case's
transaction: a rolled-back use case gives its number back.
"""

from __future__ import annotations

import peewee

from models.base import BaseModel
from models.db import db, for_update


class Counter(BaseModel):
    name = peewee.CharField(max_length=64, primary_key=True)
    value = peewee.IntegerField(default=0)


def next_number(prefix: str, year: int, width: int = 4) -> str:
    """``next_number("ZX", 2026)`` → ``"ZX2026-0001"``, then ``-0002``..."""
    name = f"{prefix}{year}"
    with db.atomic():
        if Counter.update(value=Counter.value + 1).where(Counter.name == name).execute() == 0:
            try:
                with db.atomic():
                    Counter.create(name=name, value=1)
            except peewee.IntegrityError:  # another desktop created it a moment ago
                Counter.update(value=Counter.value + 1).where(Counter.name == name).execute()
        value = for_update(Counter.select().where(Counter.name == name)).get().value
    return f"{name}-{value:0{width}d}"
