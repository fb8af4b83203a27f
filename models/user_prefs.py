"""A person's own choices that follow him from PC to PC (the page he had open last).

They are kept in the shared database, in the settings table under ``user.<id>.<name>``, so a
leader who signs in at another desk finds the same page, and no schema change is needed. They
are not office settings: not declared, not listed on the settings page, not audited (a page
opened is not a change of the office's records).
"""

from __future__ import annotations

from models.db import db
from models.people import User
from models.settings import Setting

MAX_VALUE = 200


def _key(user: User, name: str) -> str:
    return f"user.{user.id}.{name}"


def get(user: User, name: str, default: str = "") -> str:
    """The value ``user`` last stored under ``name``, or ``default``."""
    if getattr(user, "id", None) is None:
        return default
    row = Setting.get_or_none(Setting.key == _key(user, name))
    return default if row is None else row.value


def put(user: User, name: str, value: str) -> None:
    """Store ``value`` for ``user`` (the last writer wins, as on one PC)."""
    if getattr(user, "id", None) is None:
        return
    key, value = _key(user, name), value[:MAX_VALUE]
    with db.atomic():
        if Setting.update(value=value).where(Setting.key == key).execute() == 0:
            Setting.insert(key=key, value=value).on_conflict_ignore().execute()
