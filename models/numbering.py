"""Document numbers (准修通知单 ZX2026-0001, 维修单 WX2026-0001, ...) without gaps or twins.

A counter row per prefix and year is incremented with ``UPDATE ... SET value = value + 1``,
which takes the row lock on MySQL and runs under SQLite's IMMEDIATE write lock, so two
desktops filing at the same moment get consecutive numbers. Call it inside the use case's
transaction: a rolled-back use case gives its number back.
"""

from __future__ import annotations

import re

import peewee

from models.base import BaseModel
from models.db import db, for_update
from models.prepared import Prepared


class Counter(BaseModel):
    name = peewee.CharField(max_length=64, primary_key=True)
    value = peewee.IntegerField(default=0)


# Every document's number passes here: rendered once (models.prepared).
_BUMP = Prepared(lambda name: Counter.update(value=Counter.value + 1).where(Counter.name == name))


def next_number(prefix: str, year: int, width: int = 4) -> str:
    """``next_number("ZX", 2026)`` → ``"ZX2026-0001"``, then ``-0002``..."""
    name = f"{prefix}{year}"
    with db.atomic():
        if _BUMP.rowcount(name) == 0:
            try:
                with db.atomic():
                    Counter.create(name=name, value=1)
            except peewee.IntegrityError:  # another desktop created it a moment ago
                _BUMP.rowcount(name)
        value = Counter.get_for_update(Counter.name == name).value
    return f"{name}-{value:0{width}d}"


_NUMBER = re.compile(r"^([A-Z]+)(\d{4})-(\d+)$")


def reserve(number: str) -> None:
    """A number made elsewhere (a paper record imported with its own number, WX2026-0042):
    when it has this module's shape, raise its counter to it, so the next number drawn
    never collides with it."""
    match = _NUMBER.match(number)
    if match is None:
        return
    name, value = match.group(1) + match.group(2), int(match.group(3))
    with db.atomic():
        row = for_update(Counter.select().where(Counter.name == name)).first()
        if row is None:
            Counter.create(name=name, value=value)
        elif row.value < value:
            Counter.update(value=value).where(Counter.name == name).execute()
