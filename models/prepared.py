"""Queries rendered to SQL once and run again with new values.

Why: peewee renders the SQL text of a query anew every time it runs, walking the whole
expression tree (every column of the SELECT, every alias, every quote). For the hot, small
queries of the use cases (a row by its key, the row a use case locks, an actor's roles) that
costs several times what SQLite needs to run them: in ``houqin demo`` it was more than half of
the time. A ``Prepared`` query is declared once as a function of its parameters; its text is
rendered once per kind of database (quoting and the parameter mark differ) and each run only
binds the new values, converted by the field they are compared with, as peewee would.

    by_plate = Prepared(lambda plate: Vehicle.select().where(Vehicle.plate == plate))
    vehicle = by_plate.first("京A12345")

The rows come back as the query would give them (model instances, dicts or tuples), through
peewee's own cursor wrapper; the objects of a plain ``Model.select()`` are made directly, the
same objects without its per-field ``setattr`` (``_Plan``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import peewee

from models.db import db, for_update


def target(model: type[peewee.Model]) -> peewee.Database:
    """The database a model's queries run on: the bound one behind the ``db`` proxy, or the
    one a ``bind_ctx`` bound it to (a migration on a database not yet opened)."""
    database = model._meta.database
    return database.obj if isinstance(database, peewee.DatabaseProxy) else database


class _Slot:
    """Where parameter ``index`` goes in the rendered text, and the conversion peewee would
    apply there (the ``db_value`` of the field on the other side of the comparison)."""

    __slots__ = ("convert", "index", "nullable")

    def __init__(self, index: int, convert: Callable[[Any], Any] | None, nullable: bool) -> None:
        self.index = index
        self.convert = convert
        self.nullable = nullable


class Param(peewee.ColumnBase):
    """A parameter of a prepared query, standing where its value will go."""

    def __init__(
        self, index: int, convert: Callable[[Any], Any] | None = None, nullable: bool = False
    ) -> None:
        super().__init__()
        self.index = index
        self.convert = convert
        self.nullable = nullable  # a value set (NULL allowed), not one compared with

    def to(self, field: peewee.Field) -> Param:
        """This parameter converted as ``field`` converts a value it is given, and allowed to
        be ``None``: the value of a SET, where no comparison tells peewee the field."""
        return Param(self.index, field.db_value, nullable=True)

    def __sql__(self, ctx: peewee.Context) -> peewee.Context:
        convert = self.convert or ctx.state.converter
        return ctx.value(_Slot(self.index, convert, self.nullable), converter=False)


class _Plan:
    """How peewee makes a model object of a row of ``Model.select()`` (one model, every
    column a field of it), done directly: the values by field name, converted as peewee
    converts them, in the order it puts them in ``__data__``, with nothing dirty. peewee's
    way (``Model(__no_default__=1, **row)``: a ``setattr`` through each field's descriptor,
    then clearing what that marked dirty) was most of a looked-up row's time."""

    __slots__ = ("converted", "model", "plain")

    def __init__(self, model: type, plain: list[tuple[int, str]], converted: list[Any]) -> None:
        self.model = model
        self.plain = plain
        self.converted = converted

    @classmethod
    def of(cls, wrapper: Any) -> _Plan | None:
        """The plan of an initialised cursor wrapper, or ``None`` when peewee's own way may
        do more than store the values (joins, aliases, a model's own ``__init__``)."""
        model = getattr(wrapper, "constructor", None)
        if type(wrapper) is not peewee.ModelObjectCursorWrapper or not wrapper.is_model:
            return None
        if (
            model.__init__ is not peewee.Model.__init__
            or model.__setattr__ is not object.__setattr__
        ):
            return None
        names = wrapper.unique_columns
        plain_accessors = (peewee.FieldAccessor, peewee.ForeignKeyAccessor)
        for name in names:
            if name not in model._meta.fields:
                return None
            found = next((k.__dict__[name] for k in model.__mro__ if name in k.__dict__), None)
            if type(found) not in plain_accessors:  # the descriptor itself, not its field
                return None
        if len(set(names)) != len(names):
            return None
        plain = [(i, names[i]) for i in wrapper.no_convert]
        converted = [(i, names[i], wrapper.converters[i]) for i in wrapper.convert]
        return cls(model, plain, converted)

    def instance(self, row: tuple) -> Any:
        data = {name: row[i] for i, name in self.plain}
        for i, name, convert in self.converted:
            data[name] = convert(row[i])
        obj = self.model.__new__(self.model)
        obj.__data__ = data
        obj._dirty = set()
        obj.__rel__ = {}
        return obj


class Prepared:
    """A query built by ``build(*params)`` once per backend, run with new parameter values.

    A parameter may stand wherever a value may (a comparison, a LIMIT; a SET value as
    ``param.to(field)``), but not for a list (``IN``), and a compared one not for ``None``
    (``= NULL`` matches nothing: write ``is_null()``)."""

    def __init__(self, build: Callable[..., peewee.Query], arity: int | None = None) -> None:
        self._build = build
        self._arity = len(inspect.signature(build).parameters) if arity is None else arity
        self._texts: dict[type, tuple[str, list[Any], peewee.Query]] = {}
        self._columns: dict[type, dict[str, Any]] = {}
        self._plans: dict[type, _Plan | None] = {}
        self._model: type[peewee.Model] | None = None

    def _text(self) -> tuple[str, list[Any], peewee.Query, peewee.Database]:
        database = target(self._model) if self._model is not None else db.obj
        built = self._texts.get(type(database))
        if built is None:
            query = self._build(*(Param(i) for i in range(self._arity)))
            self._model = getattr(query, "model", None)
            database = target(self._model) if self._model is not None else db.obj
            sql, params = query.sql()
            built = (sql, list(params), query)
            self._texts[type(database)] = built
        return (*built, database)

    def _bind(self, template: list[Any], args: tuple[Any, ...]) -> list[Any]:
        if len(args) != self._arity:
            raise TypeError(f"prepared query takes {self._arity} values, got {len(args)}")
        params = []
        for p in template:
            if isinstance(p, _Slot):
                value = args[p.index]
                if value is None and not p.nullable:
                    raise ValueError("a prepared query cannot compare with None")
                p = p.convert(value) if p.convert else value
            params.append(p)
        return params

    def cursor(self, *args: Any) -> Any:
        """Run the query; the driver's cursor (for an UPDATE or INSERT: its rowcount)."""
        sql, template, _query, database = self._text()
        return database.execute_sql(sql, self._bind(template, args))

    def rows(self, *args: Any) -> list[Any]:
        """Every row, as the query's row type gives them. peewee's cursor wrapper matches
        the cursor's columns with the selected fields for every result (a tenth of the
        demo's time): the same text gives the same columns, so that is done once too."""
        sql, template, query, database = self._text()
        cursor = database.execute_sql(sql, self._bind(template, args))
        backend = type(database)
        plan = self._plans.get(backend)
        if plan is not None:
            rows = cursor.fetchall()
            cursor.close()
            return [plan.instance(row) for row in rows]
        wrapper = query._get_cursor_wrapper(cursor)
        columns = self._columns.get(backend)
        if columns is None:
            if cursor.description is None:
                return list(wrapper)
            before = set(wrapper.__dict__)
            wrapper.initialize()
            columns = {k: v for k, v in wrapper.__dict__.items() if k not in before}
            self._columns[backend] = columns
            self._plans[backend] = _Plan.of(wrapper)
        else:
            wrapper.__dict__.update(columns)
        wrapper.initialized = True
        return list(wrapper)

    def first(self, *args: Any) -> Any:
        """The first row, or ``None``."""
        rows = self.rows(*args)
        return rows[0] if rows else None

    def scalar(self, *args: Any) -> Any:
        """The first column of the first row (``None`` when there is none), as the driver
        gives it (an aggregate, a count)."""
        row = self.cursor(*args).fetchone()
        return row[0] if row else None

    def rowcount(self, *args: Any) -> int:
        """Run an UPDATE or DELETE: the number of rows it changed."""
        return int(self.cursor(*args).rowcount)


_LOOKUPS: dict[tuple[type, str, bool], Prepared] = {}


def _lookup(model: type[peewee.Model], field: peewee.Field, lock: bool) -> Prepared:
    key = (model, field.name, lock)
    prepared = _LOOKUPS.get(key)
    if prepared is None:

        def build(value: Any) -> peewee.Query:
            query = model.select().where(field == value).limit(1)
            return for_update(query) if lock else query

        prepared = _LOOKUPS[key] = Prepared(build)
    return prepared


def simple_lookup(
    model: type[peewee.Model], query: tuple[Any, ...]
) -> tuple[peewee.Field, Any] | None:
    """``(field, value)`` when ``query`` (the arguments of ``Model.get``) is one comparison
    ``field == value`` of a field of ``model`` with a plain value, or a bare primary key;
    else ``None`` (the caller lets peewee build it)."""
    if len(query) != 1:
        return None
    (expr,) = query
    meta = model._meta
    if isinstance(expr, int) and not isinstance(expr, bool) and meta.auto_increment:
        return meta.primary_key, expr
    if not isinstance(expr, peewee.Expression) or expr.op != peewee.OP.EQ:
        return None
    field, value = expr.lhs, expr.rhs
    if not isinstance(field, peewee.Field) or meta.fields.get(field.name) is not field:
        return None
    if value is None or isinstance(value, (peewee.Node, list, tuple, set, frozenset)):
        return None
    if not field._coerce or peewee.is_model(value):
        return None
    return field, value


def get(model: type[peewee.Model], field: peewee.Field, value: Any, *, lock: bool = False) -> Any:
    """``model.get(field == value)`` through a prepared text (``FOR UPDATE`` on MySQL when
    ``lock``): the row, or ``model.DoesNotExist`` as peewee raises it."""
    row = _lookup(model, field, lock).first(value)
    if row is None:
        raise model.DoesNotExist(
            f"{model} instance matching query does not exist:\n"
            f"SQL: {_lookup(model, field, lock)._text()[0]}\nParams: [{value!r}]"
        )
    return row


_INSERTS: dict[tuple[type, type, tuple[str, ...]], str] = {}


def insert_row(model: type[peewee.Model], data: dict[str, Any]) -> Any:
    """INSERT one row (field name → value) with a text rendered once per table and set of
    fields; the new primary key. ``None`` (nothing written) when a value is an expression
    peewee must render. The row passes ``model._normalize_data`` (the length checks every
    write passes) and each value its field's ``db_value``, as in peewee's own INSERT."""
    if any(isinstance(v, peewee.Node) for v in data.values()):
        return None
    row = model._normalize_data(None, data)  # {field: value}
    order = model._meta.sorted_fields
    columns = tuple(f for f in order if f in row)
    if len(columns) != len(row):
        return None
    database = target(model)
    key = (model, type(database), tuple(f.name for f in columns))
    sql = _INSERTS.get(key)
    if sql is None:
        q = database.quote
        quote = lambda text: q[0] + text.replace(q[0], q) + q[1]  # noqa: E731
        sql = _INSERTS[key] = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.table_name),
            ", ".join(quote(f.column_name) for f in columns),
            ", ".join([database.param] * len(columns)),
        )
    cursor = database.execute_sql(sql, [f.db_value(row[f]) for f in columns])
    return cursor.lastrowid
