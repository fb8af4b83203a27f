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


def next_numbers(prefix: str, year: int, count: int, width: int = 4) -> list[str]:
    """``count`` numbers in a row at once (a batch of new records): the counter moves by
    ``count`` in one UPDATE, so a batch costs two queries however long it is, and another
    desktop drawing at the same time gets numbers after the whole block."""
    if count <= 0:
        return []
    name = f"{prefix}{year}"
    step = Counter.update(value=Counter.value + count).where(Counter.name == name)
    with db.atomic():
        if step.execute() == 0:
            try:
                with db.atomic():
                    Counter.create(name=name, value=count)
            except peewee.IntegrityError:  # another desktop created it a moment ago
                step.execute()
        last = Counter.get_for_update(Counter.name == name).value
    return [f"{name}-{v:0{width}d}" for v in range(last - count + 1, last + 1)]


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
