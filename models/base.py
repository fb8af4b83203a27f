"""What every table shares: the database proxy, snake_case names, optimistic versions,
voiding instead of deleting."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

import peewee

from models import prepared, text
from models.db import db, for_update
from models.errors import Conflict


def now() -> datetime:
    """The office's time, to the second: the server's clock on a shared MySQL database, the
    local clock on SQLite (``models.clock_source``)."""
    from models import clock_source

    return clock_source.now()


class BaseModel(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False

    @classmethod
    def _normalize_data(cls, data: Any, kwargs: dict[str, Any]) -> Any:
        """Every ``create``, ``save``, ``insert`` and ``update`` passes here, the use cases'
        writes, ``audit`` and ``guarded_update`` alike: the one place that refuses a text its
        column cannot hold (``models.text.check_row``) before the database sees it, so SQLite
        and MariaDB refuse it alike and with words."""
        normalized = super()._normalize_data(data, kwargs)
        if isinstance(normalized, dict):
            text.check_row(normalized)
        return normalized

    @classmethod
    def get(cls, *query: Any, **filters: Any) -> Any:
        """peewee's ``get``; a lookup by one field (``get_by_id``, a foreign key followed,
        ``User.get(User.username == name)``) runs a text rendered once (``models.prepared``):
        peewee would render the same SELECT of every column again for every row."""
        simple = None if filters else prepared.simple_lookup(cls, query)
        if simple is None:
            return super().get(*query, **filters)
        return prepared.get(cls, *simple)

    def save(self, force_insert: bool = False, only: Any = None) -> Any:
        """peewee's ``save``; the INSERT of a new row (every ``create``, every audit row) runs
        a text rendered once per table and set of columns (``prepared.insert_row``)."""
        meta = self._meta
        if only is not None or not meta.auto_increment or self._pk is not None:
            return super().save(force_insert=force_insert, only=only)
        data = dict(self.__data__)
        data.pop(meta.primary_key.name, None)
        self._populate_unsaved_relations(data)
        pk = prepared.insert_row(type(self), data)
        if pk is None:  # a value peewee must render itself (an expression)
            return super().save(force_insert=force_insert, only=only)
        self._pk = pk
        self._dirty.clear()
        return 1

    @classmethod
    def get_for_update(cls, *query: Any) -> Any:
        """``get`` that also locks the row until commit (``db.for_update``: ``FOR UPDATE`` on
        MySQL; on SQLite the IMMEDIATE transaction holds the write lock already)."""
        simple = prepared.simple_lookup(cls, query)
        if simple is None:
            return for_update(cls.select().where(*query)).get()
        return prepared.get(cls, *simple, lock=True)

    @classmethod
    def get_for_update_or_none(cls, *query: Any) -> Any:
        """``get_for_update``, or ``None`` when no row matches."""
        try:
            return cls.get_for_update(*query)
        except cls.DoesNotExist:
            return None


def _database() -> peewee.Database:
    return db.obj if isinstance(db, peewee.DatabaseProxy) else db


def _quoter(database: peewee.Database) -> Callable[[str], str]:
    q = database.quote  # the pair of quote characters: '""' or '``'
    return lambda text: q[0] + text.replace(q[0], q) + q[1]


def run_many(sql: str, params: Sequence[Sequence[Any]], **names: str) -> int:
    """Run one statement for each parameter row with the driver's ``executemany`` (inside
    the caller's transaction); returns the rows changed in all. ``sql`` names tables and
    columns as ``{name}`` (given in ``names``, quoted for the backend) and parameters as
    ``{p}``. Why: peewee would build the same text again for every row."""
    database = _database()
    quote = _quoter(database)
    text = sql.format(p=database.param, **{k: quote(v) for k, v in names.items()})
    if not params:
        return 0
    cursor = database.cursor()
    cursor.executemany(text, [tuple(row) for row in params])
    return cursor.rowcount


def bulk_insert(
    model: type[BaseModel],
    rows: Sequence[Mapping[str, Any]],
    *,
    checked: bool = False,
    same: Mapping[str, Any] | None = None,
) -> None:
    """Insert ``rows`` (field name → value; a missing field takes its default) with one
    INSERT text and the driver's ``executemany``, inside the caller's transaction; ``same``:
    values every row shares (an audit row's time and actor), given once.

    Why not ``Model.insert_many``: peewee builds the SQL text of every value of every row
    (about 60 µs a row here, most of a bulk import's time); the text of one row is all the
    database needs. The parameters are made column by column (a list comprehension per
    column; a default, a shared value or its conversion paid once per batch), then zipped
    into rows. Each row still passes ``text.check_row``'s checks (the check every ORM write
    passes, ``_normalize_data``), so a bulk write refuses what ``create`` refuses;
    ``checked`` says the caller ran them on these very values already (``row_checker``)."""
    if not rows:
        return
    same = same or {}
    database = _database()
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, peewee.AutoField)]
    name = _quoter(database)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        name(model._meta.table_name),
        ", ".join(name(f.column_name) for f in fields),
        ", ".join([database.param] * len(fields)),
    )
    # Text and whole numbers go to the driver as they are (peewee's ``db_value`` would only
    # coerce them again); the others (decimals quantized, booleans, dates, references)
    # through the field.
    plain = (peewee.CharField, peewee.TextField, peewee.IntegerField)
    first = rows[0]
    # Rows of one shape (a batch of a use case): which fields they hold is read once, not
    # once per field and row.
    keys = first.keys()
    uniform = all(row.keys() == keys for row in rows)
    columns: list[Any] = []
    for f in fields:
        key = f.name
        absent = key not in first if uniform else all(key not in row for row in rows)
        if key in same or absent:
            default = f.default() if callable(f.default) else f.default
            value = same.get(key, default)
            value = value if type(f) in plain else f.db_value(value)
            if type(value) is datetime and isinstance(database, peewee.SqliteDatabase):
                # sqlite3 would adapt the one time once per row (``isoformat(" ")``, its
                # adapter); the batch's text is made once instead
                value = value.isoformat(" ")
            columns.append(_Same(value))
            continue
        if key in first and (uniform or all(key in row for row in rows)):
            column = [row[key] for row in rows]
        else:
            default = f.default
            column = [
                row[key] if key in row else (default() if callable(default) else default)
                for row in rows
            ]
        columns.append(column)
    n = len(rows)
    if not checked:  # row by row, each in ``check_row``'s order: the first bad row refuses
        check = text.row_checker(fields)
        full = [[c.value] * n if isinstance(c, _Same) else c for c in columns]
        for values in zip(*full, strict=True):
            check(values)
    for i, f in enumerate(fields):
        column = columns[i]
        if type(f) not in plain and not isinstance(column, _Same):
            convert = f.db_value
            columns[i] = [convert(v) for v in column]
    params = list(
        zip(*[[c.value] * n if isinstance(c, _Same) else c for c in columns], strict=True)
    )
    database.cursor().executemany(sql, params)


class _Same:
    """A column the batch leaves at its default in every row: converted once."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


IN_CHUNK = 500  # values per IN (...): well under SQLite's 999 bound parameters


def select_in(
    build: Callable[[list[Any]], peewee.Query], values: Sequence[Any], chunk: int = IN_CHUNK
) -> Iterator[tuple[Any, ...]]:
    """The rows of ``build(part)`` for each part of ``values``, one query per ``chunk``.

    ``build`` makes the query for one part (``Item.select(Item.code).where(Item.code.in_(
    part))``); besides the part's values it may hold constant parameters (a kind, a flag).
    peewee renders the text of every value anew (15 µs a value here): the text is built
    once per part length and run again with the next part's values."""
    database = _database()
    built: tuple[str, list[Any], list[Any]] | None = None
    texts: dict[int, str] = {}
    for start in range(0, len(values), chunk):
        part = list(values[start : start + chunk])
        if built is None:
            built = _in_template(build, database)
        template, before, after = built
        sql = texts.get(len(part))
        if sql is None:
            sql = texts[len(part)] = template.replace(
                _IN_MARK, ", ".join([database.param] * len(part)), 1
            )
        yield from database.execute_sql(sql, [*before, *part, *after]).fetchall()


_IN_MARK = "\x00houqin-in\x00"
_IN_SENTINEL = "\x00houqin-in-value\x00"


def _in_template(
    build: Callable[[list[Any]], peewee.Query], database: peewee.Database
) -> tuple[str, list[Any], list[Any]]:
    """The text of ``build``'s query with its IN list marked, and the parameters around it:
    built from a part of one sentinel value, so peewee renders one value, not 500 (a text:
    a text and an integer column's conversions both pass it through unchanged)."""
    sentinel = _IN_SENTINEL
    sql, params = build([sentinel]).sql()
    params = list(params)
    at = next((i for i, p in enumerate(params) if p == sentinel), None)
    if at is None:
        raise ValueError("select_in: the query does not hold the part's values")
    # the (at + 1)-th parameter mark of the text is the one of the IN list
    mark = database.param
    pos = -1
    for _ in range(at + 1):
        pos = sql.index(mark, pos + 1)
    template = sql[:pos] + _IN_MARK + sql[pos + len(mark) :]
    return template, params[:at], params[at + 1 :]


class VersionedModel(BaseModel):
    """A row two desktops may change at once. Writes go through ``guarded_update``."""

    version = peewee.IntegerField(default=1)


class VoidableModel(BaseModel):
    """Records are never deleted (X2): they are voided with a reason. Who voided is in the
    audit log."""

    voided_at = peewee.DateTimeField(null=True)
    void_reason = peewee.TextField(null=True)

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


_GUARDED: dict[tuple[type, tuple[str, ...]], prepared.Prepared] = {}


def _guarded_statement(model: type[VersionedModel], names: tuple[str, ...]) -> prepared.Prepared:
    """``guarded_update``'s UPDATE for these columns, rendered once (it runs in every
    decision of every document)."""
    fields = [model._meta.fields[n] for n in names]

    def build(row_id: prepared.Param, version: prepared.Param, *values: prepared.Param) -> Any:
        sets = {f: v.to(f) for f, v in zip(fields, values, strict=True)}
        return model.update({model.version: model.version + 1, **sets}).where(
            model.id == row_id, model.version == version
        )

    return prepared.Prepared(build, arity=2 + len(names))


def guarded_update(instance: VersionedModel, expected_version: int, **changes: Any) -> None:
    """``UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?``.

    Raises ``Conflict`` when another desktop changed the row since it was read. On MySQL the
    UPDATE also takes the row lock, so whatever the caller writes after it is serialised.
    """
    model = type(instance)
    names = tuple(changes)
    key = (model, names)
    statement = _GUARDED.get(key)
    if statement is None:
        statement = _GUARDED[key] = _guarded_statement(model, names)
    model._normalize_data(None, changes)  # the length checks every write passes
    updated = statement.rowcount(instance.id, expected_version, *changes.values())
    if updated != 1:
        raise Conflict()
    instance.version = expected_version + 1
    for name, value in changes.items():
        setattr(instance, name, value)
