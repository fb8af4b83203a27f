"""The audit trail (X2): every change leaves a row with who, when, table, record, old → new.

The table is append-only for the program: this module only inserts, and migration 1 installs
database triggers that refuse UPDATE and DELETE on it, so not even a careless query can
rewrite history. The actor's name is copied into the row so the log stays readable after a
user is renamed or voided.

Use cases write through ``create``/``update``/``void`` here; each runs inside the caller's
transaction, so the audit row commits or rolls back with the change itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from json.encoder import encode_basestring
from typing import Any, Protocol, TypeVar

import peewee

from models.base import BaseModel, VoidableModel, bulk_insert, now, select_in
from models.errors import RuleViolation
from models.text import check_row, clean


class Actor(Protocol):
    """Whoever acts: a ``people.User`` or the command line's system actor."""

    @property
    def id(self) -> int | None: ...

    @property
    def display_name(self) -> str: ...


class AuditLog(BaseModel):
    at = peewee.DateTimeField(index=True)
    actor_id = peewee.IntegerField(null=True, index=True)
    actor_name = peewee.CharField(max_length=100)
    table = peewee.CharField(max_length=64)
    record_id = peewee.IntegerField(null=True)
    action = peewee.CharField(max_length=32)  # create / update / void / login / ...
    changes = peewee.TextField(default="{}")  # JSON {field: [old, new]}
    note = peewee.TextField(null=True)

    class Meta:
        indexes = ((("table", "record_id"), False),)

    def changes_dict(self) -> dict[str, list[Any]]:
        return json.loads(self.changes or "{}")


M = TypeVar("M", bound=BaseModel)
SECRET_FIELDS = frozenset({"password_hash"})  # never copied into the log, not even hashed


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.get_id()
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _same(old: Any, new: Any) -> bool:
    """Equal as the database holds them: 2.5 and "2.50" are one price (SQLite hands a
    DecimalField back as it was stored), so an unchanged amount writes no audit row."""
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return Decimal(str(old)) == Decimal(str(new))
        except (InvalidOperation, ValueError):
            return False
    return _plain(old) == _plain(new)


def record(
    actor: Actor,
    table: str,
    record_id: int | None,
    action: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
    note: str | None = None,
) -> AuditLog:
    """Append one audit row (inside the caller's transaction)."""
    return AuditLog.create(
        at=now(),
        actor_id=actor.id,
        actor_name=actor.display_name,
        table=table,
        record_id=record_id,
        action=action,
        changes=_payload(changes),
        note=note,
    )


def _json_default(value: Any) -> Any:
    """What JSON cannot hold as it is (a record, a date, a Decimal), as ``_plain`` gives it,
    else its text. Called by ``json`` for those values only: text and numbers, most of a
    row, pass without a Python call each."""
    plain = _plain(value)
    return str(value) if plain is value else plain


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default)
"""One encoder for every audit row: ``json.dumps`` with options builds a new one per call,
and the compact separators keep a bulk import's log a fifth smaller."""


def _payload(changes: dict[str, tuple[Any, Any]] | None) -> str:
    return _ENCODER.encode(
        {
            k: ["***", "***"] if k in SECRET_FIELDS else [old, new]
            for k, (old, new) in (changes or {}).items()
        }
    )


def created_payloads(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The audit changes ``create_many`` writes for created ``rows``, made ahead of it."""
    return _created_payloads(rows)


def _created_payloads(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The changes of created rows (every value each was given, as ``create`` audits it).

    Made column by column: a column holding records, dates or decimals is turned into JSON
    values once per distinct value (a batch repeats its units and dates), so the encoder
    meets plain values only and calls back into Python for none."""
    names = list(rows[0]) if rows else []
    if (
        not rows
        or not SECRET_FIELDS.isdisjoint(names)
        or any(len(row) != len(names) or row.keys() != rows[0].keys() for row in rows)
    ):
        return [_payload({k: (None, v) for k, v in row.items() if v is not None}) for row in rows]
    columns = []
    for name in names:
        column = [row[name] for row in rows]
        if not all(v is None or type(v) in _JSON_PLAIN for v in column):
            column = _plain_column(column)
        columns.append(_json_column(column))
    # Each row's text is joined from its values' JSON, made column by column above: what
    # ``_ENCODER.encode`` of the row's dict writes, character for character (the test
    # compares them), in a third of the time, since no dict is built per row.
    heads = [f"{encode_basestring(name)}:[null," for name in names]
    return [
        "{"
        + ",".join([h + v + "]" for h, v in zip(heads, values, strict=True) if v is not None])
        + "}"
        for values in zip(*columns, strict=True)
    ]


_JSON_PLAIN = frozenset({str, int, float, bool})


def _json_column(column: list[Any]) -> list[str | None]:
    """Each value of ``column`` (plain values, see ``_plain_column``) as the JSON text
    ``_ENCODER`` writes for it; ``None`` stays ``None`` (a created row's audit leaves it
    out). Text, whole numbers and booleans without a call into the encoder."""
    out: list[str | None] = []
    for v in column:
        t = type(v)
        if t is str:
            out.append(encode_basestring(v))
        elif v is None:
            out.append(None)
        elif t is bool:
            out.append("true" if v else "false")
        elif t is int:
            out.append(int.__repr__(v))
        else:
            out.append(_ENCODER.encode(v))
    return out


def _plain_column(column: list[Any]) -> list[Any]:
    """``column`` as JSON takes it: decimals as their text (each its own: 1.0 and 1.00 are
    equal but written as given), records and dates through a memo of their distinct values
    (keyed with their type, so 1 and True stay apart)."""
    memo: dict[tuple[type, Any], Any] = {}
    out = []
    for v in column:
        t = type(v)
        if v is None or t in _JSON_PLAIN:
            out.append(v)
        elif t is Decimal:
            out.append(str(v))
        else:
            try:
                key = (t, v)
                plain = memo.get(key, memo)
                if plain is memo:
                    plain = memo[key] = _json_default(v)
            except TypeError:  # unhashable
                plain = _json_default(v)
            out.append(plain)
    return out


def record_many(
    actor: Actor,
    table: str,
    entries: Sequence[tuple[int | None, str, dict[str, tuple[Any, Any]] | None]],
) -> None:
    """Append one audit row per ``(record_id, action, changes)``, in one bulk insert (inside
    the caller's transaction): the rows ``record`` would write one by one, at one time."""
    _write_many(actor, table, [(pk, action, _payload(changes)) for pk, action, changes in entries])


def _write_many(actor: Actor, table: str, entries: Sequence[tuple[int | None, str, str]]) -> None:
    """The audit rows ``(record_id, action, changes as JSON)`` of one actor and table, in
    one INSERT text run by the driver's ``executemany``: the time, the actor and the table
    are the same for the whole batch, so only three values a row are made."""
    # The row checks once a batch, not once a row: the actor and the table are shared, the
    # actions are the program's own few words, the JSON holds no control character (the
    # encoder escapes them) and is a machine column without a limit.
    words = {AuditLog.actor_name: actor.display_name, AuditLog.table: table}
    check_row(words)
    for action in {action for _, action, _ in entries}:
        check_row({AuditLog.action: action})
    bulk_insert(
        AuditLog,
        [
            {"record_id": record_id, "action": action, "changes": changes}
            for record_id, action, changes in entries
        ],
        same={
            "at": now(),
            "actor_id": actor.id,
            "actor_name": actor.display_name,
            "table": table,
            "note": None,
        },
        checked=True,
    )


def create_many(
    actor: Actor,
    model: type[M],
    key: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    checked: bool = False,
    payloads: Sequence[str] | None = None,
) -> list[int]:
    """Insert ``rows`` in bulk and audit every value each was created with, as ``create``
    does row by row. ``key`` names a unique field: the new ids are read back by it (one IN
    query per chunk), because neither driver reports the ids of an ``executemany``.
    Returns the ids in the order of ``rows``. ``checked``: see ``base.bulk_insert``.
    ``payloads``: the audit changes of ``rows`` as ``created_payloads`` made them earlier
    (an importer makes them in its check pass, so the write transaction does not)."""
    bulk_insert(model, rows, checked=checked)
    key_field = getattr(model, key)
    keys = [row[key] for row in rows]
    pk_field = model._meta.primary_key
    ids: dict[Any, int] = {
        k: pk
        for pk, k in select_in(
            lambda part: model.select(pk_field, key_field).where(key_field.in_(part)), keys
        )
    }
    new_ids = [ids[k] for k in keys]
    _write_many(
        actor,
        model._meta.table_name,
        [
            (pk, "create", payload)
            for pk, payload in zip(
                new_ids, _created_payloads(rows) if payloads is None else payloads, strict=True
            )
        ],
    )
    return new_ids


def create(actor: Actor, model: type[M], /, **fields: Any) -> M:
    """Insert a row and audit every value it was created with."""
    instance = model.create(**fields)
    changes = {name: (None, value) for name, value in fields.items() if value is not None}
    record(actor, model._meta.table_name, instance.get_id(), "create", changes)
    return instance


def update(
    actor: Actor,
    instance: M,
    /,
    *,
    audit_action: str = "update",
    audit_note: str | None = None,
    **changes: Any,
) -> dict[str, tuple[Any, Any]]:
    """Write only the fields that really change, and audit old → new. Returns the diff."""
    diff = {
        name: (getattr(instance, name), value)
        for name, value in changes.items()
        if not _same(getattr(instance, name), value)
    }
    if diff:
        model = type(instance)
        model.update({getattr(model, k): v for k, (_, v) in diff.items()}).where(
            model._meta.primary_key == instance.get_id()
        ).execute()
        for name, (_, value) in diff.items():
            setattr(instance, name, value)
        record(actor, model._meta.table_name, instance.get_id(), audit_action, diff, audit_note)
    return diff


def void(actor: Actor, instance: VoidableModel, reason: str) -> None:
    """Void a record with a reason (X2). Voiding twice is refused."""
    reason = clean(reason)
    if not reason:
        raise RuleViolation("X2", "作废必须填写原因", "voiding needs a reason", field="reason")
    if instance.is_voided:
        raise RuleViolation("X2", "该记录已作废", "this record is already voided")
    update(
        actor, instance, audit_action="void", audit_note=reason, voided_at=now(), void_reason=reason
    )


def history(table: str, record_id: int) -> list[AuditLog]:
    """The audit rows of one record, oldest first."""
    return list(
        AuditLog.select()
        .where((AuditLog.table == table) & (AuditLog.record_id == record_id))
        .order_by(AuditLog.id)
    )
