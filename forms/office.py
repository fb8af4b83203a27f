"""The office's own name on what Houqin writes for others: registers and printed forms."""

from __future__ import annotations


def office_name() -> str | None:
    """The office's name (the ``office.name`` setting): the 填报单位 a register carries when
    none is given, and the footer of printed forms. A file laid out without an office
    database (a layout check, a test of the writer alone) has none."""
    import peewee

    from models import settings
    from models.db import db

    if db.obj is None:
        return None
    try:
        return settings.get("office.name")
    except peewee.OperationalError:  # the binding outlived its database
        return None
