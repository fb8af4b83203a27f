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
_ROOT = QModelIndex()  # the default parent: one object, not one per call
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_USER_ROLE = int(Qt.ItemDataRole.UserRole.value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


def _minutes(value: datetime) -> str:
    """``value`` as ``%Y-%m-%d %H:%M``: ``isoformat`` is a tenth of ``strftime``'s time and
    writes the same for a naive time of a four-digit year (every row's ``at``, ``created``)."""
    if value.tzinfo is None and value.year >= 1000:
        return value.isoformat(" ", "minutes")
    return value.strftime("%Y-%m-%d %H:%M")


def _day(value: date) -> str:
    return value.isoformat() if value.year >= 1000 else value.strftime("%Y-%m-%d")


# The text of a value by its exact class: one dict lookup instead of a chain of isinstance
# checks for every cell; a subclass (a bool, a StrEnum) goes the long way below.
_BY_CLASS: dict[type, Callable[[Any], str]] = {
    str: lambda value: value,
    int: str,
    datetime: _minutes,
    date: _day,
    Decimal: lambda value: f"{value:,.2f}",
}


def default_format(value: Any) -> str:
    if value is None:
        return ""
    exact = _BY_CLASS.get(type(value))
    if exact is not None:
        return exact(value)
    if isinstance(value, datetime):
        return _minutes(value)
    if isinstance(value, date):
        return _day(value)
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


def _fast(field: Any, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` (peewee's own converter of ``field``), through ``fromisoformat`` first
    for a plain ``DateTimeField`` read as text (SQLite): what peewee's converter does in the
    end, without its string surgery and calls; anything else goes to peewee's."""
    if type(field) is not peewee.DateTimeField:
        return convert

    def read(value: Any) -> Any:
        if type(value) is str:
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass
        return convert(value)

    return read


class _Page:
    """A fetched page as the driver gave it: the rows as tuples, their column names, and
    for each column the converter peewee would apply (``None``: as read)."""

    __slots__ = ("converters", "names", "raw")

    def __init__(self, names: list[str], converters: list[Any], raw: list[tuple]) -> None:
        self.names = names
        self.converters = converters
        self.raw = raw

    def row(self, i: int) -> Row:
        """Row ``i`` as ``list(query.dicts())`` would have made it."""
        values = self.raw[i]
        row = dict(zip(self.names, values, strict=True))
        for name, convert in self.converters:
            row[name] = convert(row[name])
        return row


def _read(query: peewee.ModelSelect) -> tuple[_Page, list[Row] | None]:
    """The rows of ``query`` in one ``fetchall``, left as tuples: peewee's cursor wrapper
    takes a Python call per row and per value (most of a page's time beside the query
    itself), and only the rows shown need to become dicts and Python values. Peewee decides
    which columns need converting, as for ``list(query.dicts())``; a page with duplicate
    column names comes back through peewee's own rules for them, as dicts."""
    wrapper = query.dicts().execute()
    wrapper.initialize()
    wrapper.initialized = True
    names = [d[0] for d in wrapper.cursor.description]
    raw = wrapper.cursor.fetchall()
    wrapper.cursor.close()
    wrapper.populated = True
    if len(set(names)) != len(names):
        return _Page(names, [], []), [wrapper.process_row(r) for r in raw]
    fields = getattr(wrapper, "fields", [None] * len(names))
    converters = [
        (name, _fast(field, convert))
        for name, field, convert in zip(names, fields, wrapper.converters, strict=True)
        if convert is not None
    ]
    return _Page(names, converters, raw), None


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
        # The loaded rows: each page's tuples, made into dicts (``row``) and cells
        # (``_cells``) only when a row is shown or asked for.
        self._raw: list[tuple[_Page, int] | Row] = []
        self._dicts: dict[int, Row] = {}
        self._made: dict[int, list[dict[int, Any]]] = {}  # each row's cells, once shown
        # Each row's cell indexes, made together when one of them is first asked for: the
        # same (row, column) of a flat table is the same index whatever the row holds, and
        # making one through the binding is most of what ``index`` costs. Forgotten when the
        # rows are replaced (``refresh``, ``rows = ...``), not when their cells are.
        self._indexes: dict[int, list[QModelIndex]] = {}
        # How each column's cells are made, read once: (key, fmt or None for the default,
        # text, right-aligned, look).
        self._plan = [
            (
                c.key,
                None if c.fmt is default_format else c.fmt,
                c.text,
                c.align_right,
                c.look,
            )
            for c in self.columns
        ]
        self.exhausted = False
        self.fetch_count = 0  # pages queried since the last reset (tests, diagnostics)
        self.load_error: BaseException | None = None
        self._started = False

    @property
    def rows(self) -> list[Row]:
        """Every loaded row, in order, as dicts (pages append)."""
        return [self.row(i) for i in range(len(self._raw))]

    @rows.setter
    def rows(self, rows: list[Row]) -> None:
        """Rows held in memory instead of fetched (a model filled by hand, e.g. a test)."""
        self._raw = list(rows)
        self._indexes = {}
        self.forget_rows()

    def forget_rows(self) -> None:
        """Forget the dicts and cells made of the loaded rows (they are made again)."""
        self._dicts = {}
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
        if not self._raw:
            return None
        last = self.row(len(self._raw) - 1)
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
        self._raw = []
        self._indexes = {}
        self.forget_rows()
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

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._raw)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        """Qt's own ``index`` asks ``rowCount`` and ``columnCount`` back in Python for every
        cell; one call here instead of three, and each cell's index made once (a paint asks
        for every visible cell's again)."""
        if parent is _ROOT or not parent.isValid():
            made = self._indexes.get(row)
            if made is None:
                if not 0 <= row < len(self._raw):
                    return QModelIndex()
                create = self.createIndex  # the whole row at once: a view asks for every cell
                made = self._indexes[row] = [create(row, c) for c in range(len(self.columns))]
            if 0 <= column < len(made):
                return made[column]
        return QModelIndex()

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._started and not self.exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self.exhausted:
            return
        query = self.view_query()
        after = self._after_last()
        if after is not None:
            query = query.where(after)
        try:
            fetched, made = _read(query.limit(self.page_size + 1))
        except peewee.PeeweeException as exc:  # the database went away: stop, say so once
            self.load_error = exc
            self.exhausted = True
            return
        self.load_error = None
        self.fetch_count += 1
        count = len(made) if made is not None else len(fetched.raw)
        more = count > self.page_size
        count = min(count, self.page_size)
        self.exhausted = not more
        if count:
            first = len(self._raw)
            self.beginInsertRows(QModelIndex(), first, first + count - 1)
            if made is not None:
                self._raw.extend(made[:count])
            else:
                self._raw.extend((fetched, i) for i in range(count))
            self.endInsertRows()

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()  # -1 for an invalid index
        cells = self._made.get(row)
        if cells is None:
            if not 0 <= row < len(self._raw):
                return None
            cells = self._cells(row)
        if role < _USER_ROLE:
            return cells[index.column()].get(role)
        if role == ROW_ID_ROLE:
            return self.row(row)["_key"]
        if role == RAW_ROLE:
            return self.row(row).get(self.columns[index.column()].key)
        return None

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Every role a delegate paints a cell with, in one call: Qt 6's item delegate asks
        for seven roles of each cell at once, and answering them one ``data`` call each was
        most of a first page's time (a Python call per role per cell on every paint)."""
        row = index.row()
        cells = self._made.get(row)
        if cells is None and 0 <= row < len(self._raw):
            cells = self._cells(row)
        if cells is None:
            for item in roleDataSpan:
                item.clearData()
            return
        cell = cells[index.column()]
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
        data = self.row(row)
        base = self.row_look(data) if self.row_look is not None else None
        cells = []
        for key, fmt, text_of, right, look_of in self._plan:
            if text_of is not None:
                text = text_of(data)
            elif fmt is not None:
                text = fmt(data.get(key))
            else:  # default_format, its commonest case first
                text = data.get(key)
                if type(text) is not str:
                    text = default_format(text)
            cell: dict[int, Any] = {_DISPLAY: text}
            if len(text) > 20:
                cell[_TOOLTIP] = text
            if right:
                cell[_ALIGNMENT] = _RIGHT
            look = base
            if look_of is not None:
                own = look_of(data)
                if own is not None:
                    look = own.over(base)
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
        return self.row(row)["_key"]

    def row(self, row: int) -> Row:
        """Loaded row ``row`` (``-1``: the last) as a dict of its selected values, made once."""
        if row < 0:
            row += len(self._raw)
        found = self._dicts.get(row)
        if found is None:
            held = self._raw[row]
            found = held[0].row(held[1]) if isinstance(held, tuple) else held
            self._dicts[row] = found
        return found
