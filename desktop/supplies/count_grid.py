"""The count grid of a stocktake (S5), made for the keyboard: type a quantity, Enter, the
next row. Each entry is one call of a use case (``stocktake.enter_count`` /
``set_reason``); the grid never computes a variance itself: after each entry it asks
``stocktake.variances`` (which counts movements made during the count against the snapshot).
On a blind count the book, expected and variance columns are not even loaded
(``count_sheet`` hides them) until the count is handed in; a posted stocktake is read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.supplies.common import tr
from models.people import Role, User
from models.supplies import stocktake as st_model
from models.supplies.stocktake import COUNTING, Stocktake
from models.text import search_key, search_words

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("code", "编码", 74),
    ("name", "物品名称", 150),
    ("category", "类别", 70),
    ("specification", "规格型号", 130),
    ("unit", "单位", 44),
    ("book", "账面数", 66),
    ("during", "盘点期间变动", 96),
    ("expected", "应有数", 66),
    ("counted", "实盘数", 70),
    ("variance", "差异", 60),
    ("reason", "差异原因", 200),
)
KEYS = [c[0] for c in COLUMNS]
COUNTED, REASON = KEYS.index("counted"), KEYS.index("reason")
HIDDEN_WHEN_BLIND = ("book", "during", "expected", "variance")
NUMERIC = {"book", "during", "expected", "counted", "variance"}


def row_matches(row: dict[str, Any], words: list[str]) -> bool:
    """Each word of a search in the line's code, name (with its pinyin), category or
    specification: the same rule as the lists' search (``search_words``)."""
    haystack = " ".join(
        [
            str(row.get("code") or ""),
            search_key(str(row.get("name") or "")),
            str(row.get("category") or ""),
            str(row.get("specification") or ""),
        ]
    ).lower()
    return all(word in haystack for word in words)


def has_difference(row: dict[str, Any]) -> bool:
    """A counted line whose count differs from what the store should hold."""
    return bool(row.get("variance"))


class CountModel(QAbstractTableModel):
    """The lines of one stocktake. ``counted`` and ``reason`` are editable while the count is
    open and the user keeps the store; each edit is one call of a use case."""

    refused = Signal(object)  # the exception of a refused entry (the panel shows it)

    def __init__(self, user: User, parent: Any = None) -> None:
        super().__init__(parent)
        self.user = user
        self.stocktake: Stocktake | None = None
        self.rows: list[dict[str, Any]] = []

    # --- loading -------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        st = self.stocktake
        return st is not None and st.state in COUNTING and self.user.has_role(Role.LOGISTICS)

    @property
    def blind(self) -> bool:
        """Book figures are hidden: a blind count still being counted."""
        st = self.stocktake
        return st is not None and st.blind and st.state in COUNTING

    def load(self, stocktake: Stocktake | None) -> None:
        self.beginResetModel()
        self.stocktake = None if stocktake is None else Stocktake.get_by_id(stocktake.id)
        self.rows = self._read()
        self.endResetModel()

    def _read(self) -> list[dict[str, Any]]:
        st = self.stocktake
        if st is None:
            return []
        sheet = st_model.count_sheet(st)
        live = {} if self.blind else {v.line_id: v for v in st_model.variances(st)}
        rows = []
        for s in sheet:
            v = live.get(s.line_id)
            rows.append(
                {
                    "line_id": s.line_id,
                    "item_id": s.item_id,
                    "code": s.code,
                    "name": s.name,
                    "category": s.category,
                    "specification": s.specification,
                    "unit": s.unit,
                    "book": s.book,
                    "during": v.during if v else None,
                    "expected": v.expected if v else None,
                    "counted": s.counted,
                    "variance": v.variance if v else None,
                    "reason": s.reason,
                }
            )
        return rows

    def _refresh_figures(self) -> None:
        """After an entry: the live figures of every line (one grouped query)."""
        if self.stocktake is None:
            return
        fresh = {r["line_id"]: r for r in self._read()}
        for row in self.rows:
            row.update(fresh.get(row["line_id"], {}))
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(KEYS) - 1))

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(KEYS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, key = self.rows[index.row()], KEYS[index.column()]
        value = row.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key in HIDDEN_WHEN_BLIND and self.blind:
                return ""
            if key == "variance" and isinstance(value, int) and value > 0:
                return f"+{value}"
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "variance" and value:
            return QColor("#1a7f37") if value > 0 else QColor("#b3261e")
        if role == Qt.ItemDataRole.BackgroundRole:
            if index.column() in (COUNTED, REASON) and self.editable:
                return QColor("#fffbe6")
            if key == "reason" and row.get("variance") and not row.get("reason"):
                return QColor("#fdecea")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in (COUNTED, REASON):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.editable or self.stocktake is None:
            return False
        row = self.rows[index.row()]
        text = str(value).strip()
        try:
            if index.column() == COUNTED:
                if text == "" or text == str(row.get("counted")):
                    return False
                st_model.enter_count(
                    self.user, self.stocktake, item=row["item_id"], counted=int(text)
                )
                row["counted"] = int(text)
            elif index.column() == REASON:
                if text == (row.get("reason") or ""):
                    return False
                st_model.set_reason(self.user, self.stocktake, item=row["item_id"], reason=text)
                row["reason"] = text
            else:
                return False
        except Exception as exc:  # shown by the panel through the error router
            self.refused.emit(exc)
            return False
        self._refresh_figures()
        return True

    def counted_lines(self) -> int:
        return sum(1 for r in self.rows if r.get("counted") is not None)


class CountDelegate(QStyledItemDelegate):
    """Whole numbers only in the count column, plain text in the reason column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == COUNTED:
            editor.setValidator(QIntValidator(0, 9_999_999, editor))
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor


class CountTable(QTableView):
    """Keyboard entry: any digit starts editing the current cell, Enter saves it and moves to
    the same column of the next row, so a whole sheet is typed without the mouse."""

    def __init__(self, model: CountModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setItemDelegate(CountDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for c, (_key, _label, width) in enumerate(COLUMNS):
            self.setColumnWidth(c, width)

    def show_only(self, text: str = "", differences: bool = False) -> int:
        """Hide the lines that do not match ``text`` (or, with ``differences``, show only
        lines with a variance); the model keeps every line, so an entry in a shown row is
        the same call as before. Returns how many lines are shown."""
        model: CountModel = self.model()  # type: ignore[assignment]
        words = search_words(text)
        shown = 0
        for r, row in enumerate(model.rows):
            visible = row_matches(row, words) and (not differences or has_difference(row))
            self.setRowHidden(r, not visible)
            shown += visible
        current = self.currentIndex()
        if current.isValid() and self.isRowHidden(current.row()):
            first = next((r for r in range(len(model.rows)) if not self.isRowHidden(r)), None)
            if first is None:
                self.setCurrentIndex(QModelIndex())
            else:
                self.setCurrentIndex(model.index(first, current.column()))
        return shown

    def set_editable(self, editable: bool) -> None:
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.state() != QAbstractItemView.State.EditingState
        ):
            self.move_down()
            return
        super().keyPressEvent(event)

    def move_down(self) -> None:
        """To the next shown row (a search or 只看差异 hides some)."""
        current = self.currentIndex()
        row = current.row() + 1
        while row < self.model().rowCount() and self.isRowHidden(row):
            row += 1
        below = self.model().index(row, current.column())
        if below.isValid():
            self.setCurrentIndex(below)
            self.scrollTo(below)
