"""A table model over a peewee query that loads one page at a time.

Why it is built this way:

- The query runs in ``fetchMore`` (keyset pagination: ``WHERE (sort, id) > (last seen)
  ORDER BY sort, id LIMIT page``), not once up front. Qt's own ``fetchMore`` example reveals
  rows from a list it already loaded; for a table of a million audit rows that would be the
  whole table. Keyset rather than OFFSET, so page 500 costs what page 1 costs.
- No ``COUNT(*)`` on open: a count scans the whole filtered table. ``rowCount`` is what has
  been loaded, and ``canFetchMore`` says whether a page came back full. ``count_all()`` is
  there for a user who asks for the total.
- Sorting and filtering go into the SQL (a proxy model would sort only the loaded page).
  Every order ends with the key column, so equal sort values still page exactly once.
- NULLs sort first ascending and last descending on both SQLite and MySQL; the keyset
  condition follows that rule so nullable columns page correctly too.
- A cell may stand out (an overdue deadline in red, an item below its reorder level tinted):
  a ``Look`` computed from the cell's whole row, by its column or for the whole row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import peewee
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from models.text import search_words

Index = QModelIndex | QPersistentModelIndex
Row = dict[str, Any]
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_USER_ROLE = int(Qt.ItemDataRole.UserRole.value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


def default_format(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


@dataclass(frozen=True)
class Look:
    """How a cell stands out: its text colour, its background, bold. ``None``: as usual."""

    color: str | None = None
    background: str | None = None
    bold: bool = False

    def over(self, base: Look | None) -> Look:
        """This look, taking from ``base`` (the row's) what it does not set itself."""
        if base is None:
            return self
        return Look(
            self.color or base.color, self.background or base.background, self.bold or base.bold
        )


@dataclass(frozen=True)
class Column:
    """One column: ``expr`` is selected (as ``key``) and sorted by; ``fmt`` turns the raw
    value into text, or ``text`` makes it from the whole row (a status that needs several
    columns). ``look`` says how the cell stands out, from its row. ``sortable=False`` for
    computed columns the database cannot order cheaply. ``total``: the exported register
    sums it in its 合计 (amounts and counts of one thing, never prices or readings)."""

    key: str
    title: str
    expr: Any
    fmt: Callable[[Any], str] = default_format
    sortable: bool = True
    width: int = 120
    align_right: bool = False
    text: Callable[[Row], str] | None = None
    look: Callable[[Row], Look | None] | None = None
    total: bool = False

    def display(self, row: Row) -> str:
        return self.text(row) if self.text is not None else self.fmt(row.get(self.key))


# Columns whose values sqlite3 and PyMySQL already hand back as the Python value (int, str):
# selected without peewee's per-value conversion, most of a page's time in Python. Only
# these exact classes: a subclass may convert (a boolean, a date, a custom field).
_READ_AS_IS = (peewee.CharField, peewee.TextField, peewee.IntegerField, peewee.AutoField)


def _as_read(expr: Any) -> Any:
    return expr.coerce(False) if type(expr) in _READ_AS_IS else expr


@cache
def _colour(name: str) -> QColor:
    return QColor(name)


@cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class LazyQueryModel(QAbstractTableModel):
    """Rows of ``base()`` (a peewee ``ModelSelect`` with its joins and fixed conditions),
    narrowed by ``set_filters``/``set_search``, ordered by ``sort``, fetched a page at a
    time. ``key`` is a unique, non-null column (the primary key) that breaks ties.
    ``search_fields`` are columns matched with ``LIKE %word%`` or functions ``word →
    condition``, each word of the search (``search_words``) matching some field;
    ``extras`` are columns loaded with each row but not shown (ids, versions)."""

    def __init__(
        self,
        base: Callable[[], peewee.ModelSelect],
        columns: Sequence[Column],
        key: peewee.Field,
        *,
        sort_column: int | None = None,
        descending: bool = True,
        page_size: int = PAGE_SIZE,
        search_fields: Sequence[Any] = (),
        extras: dict[str, Any] | None = None,
        row_look: Callable[[Row], Look | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._base = base
        self.columns = list(columns)
        self.key = key
        self.page_size = page_size
        self.search_fields = list(search_fields)
        self.extras = dict(extras or {})
        self.row_look = row_look
        self.sort_column = sort_column
        self.descending = descending
        self.filters: list[peewee.Expression] = []
        self.search_text = ""
        self._rows: list[Row] = []
        self._made: dict[int, list[dict[int, Any]]] = {}  # each row's cells, once shown
        self.exhausted = False
        self.fetch_count = 0  # pages queried since the last reset (tests, diagnostics)
        self.load_error: BaseException | None = None
        self._started = False

    @property
    def rows(self) -> list[Row]:
        """The loaded rows, in order (pages append; a new list forgets the cells made)."""
        return self._rows

    @rows.setter
    def rows(self, rows: list[Row]) -> None:
        self._rows = rows
        self._made = {}

    # --- the query -----------------------------------------------------------------------

    def _sort_expr(self) -> Any | None:
        if self.sort_column is None:
            return None
        return self.columns[self.sort_column].expr

    def filtered_query(self) -> peewee.ModelSelect:
        """The current view's rows (filters and search), unordered and unpaged: what an
        export or a count works on."""
        query = self._base()
        for condition in self.filters:
            query = query.where(condition)
        if self.search_fields:
            for word in search_words(self.search_text):
                match = None
                for fld in self.search_fields:
                    term = fld.contains(word) if isinstance(fld, peewee.Node) else fld(word)
                    match = term if match is None else match | term
                query = query.where(match)
        return query

    def view_query(self) -> peewee.ModelSelect:
        """The current view as shown: selected columns, filters, order (no paging)."""
        selected = [_as_read(c.expr).alias(c.key) for c in self.columns]
        selected += [_as_read(expr).alias(name) for name, expr in self.extras.items()]
        query = self.filtered_query().select(*selected, _as_read(self.key).alias("_key"))
        sort = self._sort_expr()
        if self.descending:
            order = [self.key.desc()] if sort is None else [sort.desc(), self.key.desc()]
        else:
            order = [self.key.asc()] if sort is None else [sort.asc(), self.key.asc()]
        return query.order_by(*order)

    def _after_last(self) -> peewee.Expression | None:
        """The keyset condition for the page after the last loaded row."""
        if not self.rows:
            return None
        last = self.rows[-1]
        last_key = last["_key"]
        sort = self._sort_expr()
        if sort is None:
            return self.key < last_key if self.descending else self.key > last_key
        value = last[self.columns[self.sort_column].key]  # type: ignore[index]
        if self.descending:  # NULLs come last
            if value is None:
                return sort.is_null() & (self.key < last_key)
            return (sort < value) | ((sort == value) & (self.key < last_key)) | sort.is_null()
        if value is None:  # ascending: NULLs come first
            return (sort.is_null() & (self.key > last_key)) | sort.is_null(False)
        return (sort > value) | ((sort == value) & (self.key > last_key))

    def count_all(self) -> int:
        """The total of the current view (a full count: only when the user asks)."""
        return self.filtered_query().count()

    # --- changing the view ---------------------------------------------------------------

    def set_filters(self, filters: Sequence[peewee.Expression]) -> None:
        """Narrow the view; a list not loaded yet only remembers them until it is shown."""
        self.filters = list(filters)
        self.reload()

    def set_search(self, text: str) -> None:
        if text != self.search_text:
            self.search_text = text
            self.refresh()

    def refresh(self) -> None:
        """Forget what was loaded and load the first page again."""
        self.beginResetModel()
        self.rows = []
        self.exhausted = False
        self.fetch_count = 0
        self.endResetModel()
        self._started = True
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        """Read the rows again when the list was loaded (data changed); a list not shown yet
        loads when it is."""
        if self._started:
            self.refresh()

    def start(self) -> None:
        """Load the first page once (a view may call this before it is shown)."""
        if not self._started:
            self.refresh()

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._started and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.exhausted:
            return
        query = self.view_query()
        after = self._after_last()
        if after is not None:
            query = query.where(after)
        try:
            page = list(query.limit(self.page_size + 1).dicts())
        except peewee.PeeweeException as exc:  # the database went away: stop, say so once
            self.load_error = exc
            self.exhausted = True
            return
        self.load_error = None
        self.fetch_count += 1
        more = len(page) > self.page_size
        page = page[: self.page_size]
        self.exhausted = not more
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == ROW_ID_ROLE:
            return self._rows[index.row()]["_key"]
        if role == RAW_ROLE:
            return self._rows[index.row()].get(self.columns[index.column()].key)
        return self._cells(index.row())[index.column()].get(role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Every role a delegate paints a cell with, in one call: Qt 6's item delegate asks
        for seven roles of each cell at once, and answering them one ``data`` call each was
        most of a first page's time (a Python call per role per cell on every paint)."""
        if not index.isValid() or index.row() >= len(self._rows):
            for item in roleDataSpan:
                item.clearData()
            return
        cell = self._cells(index.row())[index.column()]
        for item in roleDataSpan:
            role = item.role()
            value = cell.get(role) if role < _USER_ROLE else self.data(index, role)
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _cells(self, row: int) -> list[dict[int, Any]]:
        """A row's cells, each its values by role (text, tooltip, alignment, look), made
        once when the row is first shown: a view asks for them on every paint and again
        after a scroll, and formatting (dates, amounts) costs more than the lookup."""
        cells = self._made.get(row)
        if cells is not None:
            return cells
        data = self._rows[row]
        base = self.row_look(data) if self.row_look is not None else None
        cells = []
        for column in self.columns:
            text = column.display(data)
            cell: dict[int, Any] = {_DISPLAY: text}
            if len(text) > 20:
                cell[_TOOLTIP] = text
            if column.align_right:
                cell[_ALIGNMENT] = _RIGHT
            own = column.look(data) if column.look is not None else None
            look = own.over(base) if own is not None else base
            if look is not None:
                if look.color:
                    cell[_FOREGROUND] = _colour(look.color)
                if look.background:
                    cell[_BACKGROUND] = _colour(look.background)
                if look.bold:
                    cell[_FONT] = _bold()
            cells.append(cell)
        self._made[row] = cells
        return cells

    def _text(self, row: int, column: int) -> str:
        return self._cells(row)[column][_DISPLAY]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS  # asked for every cell painted: combined once, not per call

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if column == self.sort_column and descending == self.descending:
            return
        self.sort_column, self.descending = column, descending
        if self._started:  # before the first page, only remember the order
            self.refresh()

    # --- reading rows --------------------------------------------------------------------

    def row_id(self, row: int) -> Any:
        return self.rows[row]["_key"]

    def row(self, row: int) -> dict[str, Any]:
        return self.rows[row]
