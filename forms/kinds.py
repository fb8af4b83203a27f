"""The registry of KINDs: what ``houqin template/import/export KIND`` can work on.

A ``Kind`` joins a ``FormSpec`` to the domain use cases of ``models/``. The importer never
writes a row itself: it calls ``insert``/``update``, which call the same functions the desktop
calls, so every rule (roles, uniqueness, regulations) holds for imported data too.

Each domain declares its kinds in its ``forms`` package and registers them at import time;
``BUILTIN_MODULES`` is the suite-wide ``forms.people`` plus every domain of ``models.domains``,
so the command line finds them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

import peewee

from forms.spec import FormSpec
from models import audit, domains
from models.errors import HouqinError, RowsRefused, RuleViolation
from models.periods import Period, PeriodKind

BUILTIN_MODULES: list[str] = ["forms.people", *domains.packages("forms")]

Values = dict[str, Any]
Filters = Mapping[str, Any]

PERIOD = "period"
"""The filter key of a period (a ``models.periods.Period``): the rows whose date, the kind's
``period_field``, falls inside it. A month, a quarter, a year, or any run of days."""


Problems = list[tuple[int, RuleViolation]]


@dataclass(frozen=True)
class Staged:
    """A kind's batch use case in its two halves, as the domain declares them
    (``supplies.check_items`` and ``supplies.write_items``; the dialog's ``add_items`` is the
    two in one transaction, so a single record meets the very same checks).

    - ``check(actor, rows, seen)``: every check of the batch (roles, fields, the rules that
      read the database through indexed IN (...) queries) without writing or locking;
      ``seen`` is one dict for the whole file, in which the use case keeps what earlier
      batches bring (their keys), since they are not written yet. Returns the rows as they
      will be written (plain values: the importer spools them to a temporary file), or
      raises ``RowsRefused`` naming rows of ``rows`` (any other ``RuleViolation`` refuses
      the batch).
    - ``write(actor, prepared, recheck=...)``: inside the import's one write transaction,
      the checks that read the database again when ``recheck`` (on indexes only: another
      desktop wrote since the check), then the bulk writes; ``RowsRefused`` names rows of
      ``prepared``."""

    check: Callable[[Any, list[Values], dict[str, Any]], Any]
    write: Callable[..., Any]


def audited(
    check: Callable[[Any, list[Values], dict[str, Any]], list[Any]],
    write: Callable[..., Any],
    audit_rows: Callable[[list[Any]], list[Any]] = lambda rows: rows,
) -> Staged:
    """A ``Staged`` whose check pass also makes the audit changes of the rows it passes
    (``audit.created_payloads`` of ``audit_rows(prepared)``, the columns the use case
    creates), so the write transaction only writes: ``write(actor, prepared, recheck=...,
    payloads=...)``."""

    def checked(actor: Any, rows: list[Values], seen: dict[str, Any]) -> Any:
        prepared = check(actor, rows, seen)
        return prepared, audit.created_payloads(audit_rows(prepared))

    def written(actor: Any, batch: Any, *, recheck: bool = True) -> Any:
        prepared, payloads = batch
        return write(actor, prepared, recheck=recheck, payloads=payloads)

    return Staged(checked, written)


def mapped_check(
    to_fields: Callable[[Values], Any], check: Callable[[Any, list[Any], dict[str, Any]], list[Any]]
) -> Callable[[Any, list[Values], dict[str, Any]], list[Any]]:
    """A ``Staged.check`` that turns each row of the sheet into the use case's fields first
    (``to_fields`` may refuse a row, e.g. a driver nobody is called) and reports those
    refusals beside the use case's own, on the rows of the sheet, in one ``RowsRefused``."""

    def run(actor: Any, rows: list[Values], seen: dict[str, Any]) -> list[Any]:
        problems: Problems = []
        batch: list[tuple[int, Any]] = []
        for index, v in enumerate(rows):
            try:
                batch.append((index, to_fields(v)))
            except RuleViolation as exc:
                problems.append((index, exc))
        prepared: list[Any] = []
        try:
            prepared = check(actor, [fields for _, fields in batch], seen)
        except RowsRefused as refused:
            problems += [(batch[i][0], problem) for i, problem in refused.problems]
        if problems:
            raise RowsRefused(problems)
        return prepared

    return run


@dataclass(frozen=True)
class PrivateFilter:
    """A narrowing a kind's ``rows`` accepts that is no column of the register, for the
    application's own exports only (the command line's ``--where`` names columns): the
    desktop's 导出待答问卷 of one user. ``describe(value)`` is what the sheet's 筛选条件 says
    of it, so the reader sees the sheet is narrowed (e.g. 回访人：张三或未分派)."""

    key: str
    describe: Callable[[Any], str]


@dataclass(frozen=True)
class Kind:
    """How one register is read from and written to the database.

    - ``find(key)``: the record with business key ``key`` (voided ones too, so an import
      cannot re-create a voided record under the same key), or ``None``.
    - ``insert(actor, values)``: create a record through the domain use case. ``values`` holds
      typed values by field key, references already resolved to records. May return a
      one-time secret to show the importing user once (a new user's initial password); the
      importer never writes it to a file or a log.
    - ``update(actor, record, values)``: change a record through the domain use cases;
      ``values`` holds only the columns present in the file and filled. Returns whether
      anything changed.
    - ``rows(filters)``: the records as dicts of export values (references as their business
      key text), filtered in the database by ``filters`` (field key → typed value; a
      reference's value is its business key text). Streams: a generator over ``.iterator()``.
    - ``count(filters)``: how many rows ``rows`` yields (progress bars). Optional.
    - ``filters``: the field keys ``rows`` accepts in ``filters``.
    - ``private_filters``: the other keys it accepts (``PrivateFilter``), each described in
      the heading; any key neither declares is refused, so a misspelt filter cannot export
      every row.
    - ``insert_batch(actor, values_list)``: insert many records in one call of the domain's
      batch use case (``supplies.add_items``: the same function a dialog's single record goes
      through, as a batch of one). All or nothing: a refusal naming rows is a
      ``RowsRefused`` whose ``problems`` index ``values_list``; any other ``RuleViolation``
      refuses the whole batch. Used by ``insert`` mode when given: one call per
      ``BULK_BATCH`` rows instead of one ``insert`` (and its queries) per row.
    - ``existing_keys(keys)``: which of ``keys`` exist already, in one query per chunk;
      optional speed-up over ``find`` for large files.
    - ``staged``: the batch use case in its two halves (``Staged``): an insert-mode import
      checks the whole file first, outside any write transaction, and writes only when no
      row is bad, in one short transaction. Preferred to ``insert_batch`` when given.
    - ``period_field``: the key of the date a period selects rows by (``rows`` honours
      ``filters[PERIOD]`` through ``within``); ``None``: a register of things, not events,
      that a period cannot select (``houqin export --period`` refuses it).
    """

    spec: FormSpec
    find: Callable[[str], Any | None]
    insert: Callable[[Any, Values], str | None]
    update: Callable[[Any, Any, Values], bool]
    rows: Callable[[Filters], Iterable[Values]]
    count: Callable[[Filters], int] | None = None
    filters: tuple[str, ...] = ()
    private_filters: tuple[PrivateFilter, ...] = ()
    insert_batch: Callable[[Any, list[Values]], None] | None = None
    existing_keys: Callable[[list[str]], set[str]] | None = None
    period_field: str | None = None
    staged: Staged | None = None

    @property
    def name(self) -> str:
        return self.spec.name

    def period_text(self, period: Period | None) -> str:
        """What a period selected, in the heading's words: which date, which days."""
        if period is None:
            return "全部"
        start, end = period.bounds()
        label = self.spec.field(self.period_field).label if self.period_field else "日期"
        span = f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"
        if period.kind == PeriodKind.TERM and not period.name:
            return f"{span}（按{label}）"
        return f"{period.label()}（按{label} {span}）"


def within(query: Any, column: peewee.Field, filters: Filters) -> Any:
    """``query`` narrowed to the rows whose ``column`` falls inside the filters' period, if
    one is given (``PERIOD``); a date-time column is compared from midnight to midnight."""
    period: Period | None = filters.get(PERIOD)
    if period is None:
        return query
    start, end = period.half_open()
    if isinstance(column, peewee.DateTimeField):
        start, end = datetime.combine(start, time()), datetime.combine(end, time())
    return query.where((column >= start) & (column < end))


def refuse_import(rule: str, zh: str, en: str) -> Callable[..., Any]:
    """The insert/update of an export-only register (a ledger, a fuel log): always the same
    clear refusal, naming the rule that makes those records come from the application."""

    def refuse(*_: Any) -> Any:
        raise RuleViolation(rule, zh, en)

    return refuse


def export_only_kind(
    spec: FormSpec,
    *,
    rows: Callable[[Filters], Iterable[Values]],
    count: Callable[[Filters], int],
    filters: tuple[str, ...],
    rule: str,
    zh: str,
    en: str,
    period_field: str | None = None,
) -> Kind:
    """Register a list that is exported but never imported (a ledger, a fuel log, the
    requisitions): its records come only from the application's use cases, so an import
    is refused with the rule that says why. No record is ever found by key, so an update
    cannot reach one either."""
    refuse = refuse_import(rule, zh, en)
    return register_kind(
        Kind(
            spec=spec,
            find=lambda key: None,
            insert=refuse,
            update=refuse,
            rows=rows,
            count=count,
            filters=filters,
            period_field=period_field,
        )
    )


_KINDS: dict[str, Kind] = {}
_loaded = False


def register_kind(kind: Kind) -> Kind:
    """Make ``kind`` available to the command line and the desktop by its spec's name."""
    if kind.spec.key is None:
        raise ValueError(f"kind {kind.name} needs a business key")
    _KINDS[kind.name] = kind
    return kind


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded = True


def kind_names() -> list[str]:
    _load_builtins()
    return sorted(_KINDS)


def get_kind(name: str | Kind) -> Kind:
    """The registered kind called ``name`` (a ``Kind`` passes through)."""
    if isinstance(name, Kind):
        return name
    _load_builtins()
    try:
        return _KINDS[name]
    except KeyError:
        known = "、".join(sorted(_KINDS))
        raise HouqinError(
            f"未知的数据类型：{name}（可用：{known}）",
            f"unknown kind {name} (known: {', '.join(sorted(_KINDS))})",
        ) from None
