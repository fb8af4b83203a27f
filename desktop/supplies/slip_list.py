"""The list of a department's slips (领用申请 S6, 退库 S7): one shape of columns — 单号, what
the slip refers to, 申请部门, 申请人, its text, 状态, its times, the newest first — the lazy
model and list view over it, exported as the slips' register, and ``SlipTab``, what such a
tab does besides its own actions (明细, 打印, the selection, reloading).

Why declared once: the two tabs list the same kind of paper (a department files it, 后勤
answers it); a column's title, width or format changed for one is meant for both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, ClassVar

import peewee
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QBoxLayout, QComboBox, QDialog, QVBoxLayout

from desktop import labels
from desktop.exporting import export_action, print_pdf
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.module_page import PageTab
from desktop.supplies.common import tr
from models.documents import Document
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


class SlipTab(PageTab):
    """A tab of one kind of slip, ``SLIP``, printed as ``PRINTABLE``. The subclass builds
    ``model`` and ``view`` (``slip_list``), its ``state`` filter and its own buttons, then
    calls ``finish``; it says what its buttons may do (``update_actions``) and which window
    shows a slip (``detail_dialog``)."""

    SLIP: ClassVar[type[Document]]
    PRINTABLE: ClassVar[str]
    model: LazyQueryModel
    view: ListView
    state: QComboBox

    def finish(self, bar: QBoxLayout) -> None:
        """明细 and 打印 after the tab's own buttons, the view's signals, the layout."""
        self.detail_button = button("open", tr("明细"), self.details, bar=bar)
        self.print_button = button("print", tr("打印"), self.print_slip, bar=bar)
        self.view.activated.connect(lambda _key: self.details())
        self.view.selection_changed.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.update_actions()

    def reload(self) -> None:
        self.model.reload()
        self.update_actions()

    def filters_text(self) -> str:
        return self.state.currentText() if self.state.currentData() else ""

    def selected(self) -> Any:
        key = self.view.current_id()
        return None if key is None else self.SLIP.get_by_id(key)

    def update_actions(self) -> None:
        raise NotImplementedError

    def detail_dialog(self, slip: Any) -> QDialog:
        raise NotImplementedError

    def _after(self, _result: Any = None) -> None:
        self.changed()

    @Slot()
    def details(self) -> QDialog | None:
        slip = self.selected()
        if slip is None:
            return None
        dialog = self.detail_dialog(slip)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def print_slip(self) -> Any:
        """The slip with its lines, trail and signature lines."""
        slip = self.selected()
        return None if slip is None else print_pdf(self, self.PRINTABLE, slip.id)
