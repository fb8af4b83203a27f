"""The list of a department's slips (领用申请 S6, 退库 S7): one shape of columns — 单号, what
the slip refers to, 申请部门, 申请人, its text, 状态, its times, the newest first — and the
lazy model and list view over it, exported as the slips' register.

Why declared once: the two tabs list the same kind of paper (a department files it, 后勤
answers it); a column's title, width or format changed for one is meant for both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any

import peewee

from desktop import labels
from desktop.exporting import export_action
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.supplies.common import tr
from models.people import Department
from models.supplies import SupplyApplicant


def slip_columns(
    number: peewee.Field,
    text: Column,
    state: tuple[peewee.Field, type[StrEnum]],
    times: Sequence[tuple[str, str, peewee.Field]],
    *,
    refers_to: Sequence[Column] = (),
    after: Sequence[Column] = (),
) -> list[Column]:
    """单号, ``refers_to``, 申请部门, 申请人, ``text``, 状态 (``state``: its column and enum),
    the ``times`` (key, title, column), then ``after``."""
    field, states = state
    return [
        Column("number", tr("单号"), number, width=110),
        *refers_to,
        Column("department", tr("申请部门"), Department.name, width=110),
        Column("applicant", tr("申请人"), SupplyApplicant.name, width=80),
        text,
        Column("state", tr("状态"), field, fmt=labels.labeller(states), width=80),
        *(Column(key, title, expr, width=140) for key, title, expr in times),
        *after,
    ]


def slip_list(
    name: str,
    rows: Callable[[], peewee.ModelSelect],
    columns: list[Column],
    key: peewee.Field,
    *,
    newest_first: str,
    search: tuple[Sequence[Any], str],
    register: str,
    filters_text: Callable[[], str],
) -> tuple[LazyQueryModel, ListView]:
    """The lazy model of ``rows`` sorted by the column ``newest_first``, the newest first,
    searched over ``search`` (the fields, the hint), and its list view ``name``, exported as
    ``register`` with the filters' words."""
    sort = [c.key for c in columns].index(newest_first)
    fields, hint = search
    model = LazyQueryModel(
        rows, columns, key, sort_column=sort, descending=True, search_fields=fields
    )
    view = ListView(name, model, search_hint=hint, exporter=export_action(register, filters_text))
    return model, view
