"""The list every page uses: search box, optional filter widgets, a lazy table, a status line,
export of the current view, and column widths that persist per list (QSettings).

The main window's keys act on the list the user is in (``desktop.shortcuts``): Ctrl+F
``focus_search``, Ctrl+O ``open_current``, Ctrl+N and Ctrl+P ``press`` the action bar's
new and print buttons; every list gets them without a line of its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import prefs, shortcuts
from desktop.icons import icon
from desktop.lazy_model import ROW_ID_ROLE, LazyQueryModel

SEARCH_DELAY_MS = 250


def filter_combo(items: Sequence[tuple[str, Any]], all_text: str) -> QComboBox:
    """A filter for a list's ``filter_bar``: ``all_text`` (data ``None``) first, then the
    (text, value) ``items``."""
    box = QComboBox()
    box.addItem(all_text, None)
    for text, value in items:
        box.addItem(text, value)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class ListView(QWidget):
    """``name`` keys the saved column widths (``lists/<name>/header``)."""

    activated = Signal(object)  # the row key of a double-clicked / Enter-pressed row
    selection_changed = Signal()

    def __init__(
        self,
        name: str,
        model: LazyQueryModel,
        *,
        search_hint: str | None = None,
        multi_select: bool = False,
        exporter: Callable[[ListView], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.model = model
        self.model.setParent(self)
        self.exporter = exporter

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(search_hint or self.tr("搜索（姓名、拼音或首字母，如 zs）"))
        self.search.setMinimumWidth(260)
        self.search.setVisible(bool(model.search_fields))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.filter_bar = QHBoxLayout()
        self.filter_bar.setSpacing(8)
        self.action_bar = QHBoxLayout()
        self.action_bar.setSpacing(6)

        self.export_button = QPushButton(icon("export"), self.tr("导出 Excel"))
        self.export_button.setToolTip(self.tr("按当前筛选条件导出全部记录"))
        self.export_button.setVisible(exporter is not None)
        self.export_button.clicked.connect(self._export)

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSortingEnabled(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        # Every row as high as the default: the view never measures rows (their contents)
        # to lay out a page, however many are loaded.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, column in enumerate(model.columns):
            header.resizeSection(i, column.width)
        if model.sort_column is not None:
            order = (
                Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(model.sort_column, order)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._restore_header()  # may bring back the user's last sort order too
        section = header.sortIndicatorSection()
        if 0 <= section < len(model.columns) and model.columns[section].sortable:
            model.sort_column = section
            model.descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        # The view calls model.sort() now; the model only records it until start().
        self.table.setSortingEnabled(True)
        header.sectionResized.connect(lambda *_: self._save_timer.start())
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_header)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit()
        )

        self.status = QLabel()
        self.status.setObjectName("listStatus")
        model.modelReset.connect(self._update_status)
        model.rowsInserted.connect(self._update_status)

        top = QHBoxLayout()
        top.addWidget(self.search)
        top.addLayout(self.filter_bar)
        top.addStretch(1)
        top.addLayout(self.action_bar)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    # --- state ---------------------------------------------------------------------------

    def _key(self) -> str:
        return f"lists/{self.name}/header"

    def _columns(self) -> str:
        """The list's columns as saved beside its header: Qt restores widths by position, so
        a header saved before a version added or moved a column would give the new one the
        old one's width (or none); such a header is not restored."""
        return "|".join(c.key for c in self.model.columns)

    def _restore_header(self) -> None:
        state = prefs.settings().value(self._key())
        saved_columns = prefs.settings().value(self._key() + "-columns")
        if saved_columns != self._columns():
            return
        if isinstance(state, QByteArray | bytes) and state:
            header = self.table.horizontalHeader()
            header.restoreState(QByteArray(state))
            header.setSortIndicatorShown(True)

    @Slot()
    def save_header(self) -> None:
        prefs.put(self._key(), self.table.horizontalHeader().saveState())
        prefs.put(self._key() + "-columns", self._columns())

    def showEvent(self, event) -> None:
        self.start()
        self._name_keys()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.save_header()
        super().hideEvent(event)

    # --- behaviour -----------------------------------------------------------------------

    def reload(self) -> None:
        """Data changed: read the rows again if the list was loaded."""
        self.model.reload()

    def start(self) -> None:
        """Load the first page (pages call this when they are first shown)."""
        self.model.start()
        self._update_status()

    @Slot()
    def _apply_search(self) -> None:
        self.model.set_search(self.search.text())

    @Slot()
    def _update_status(self) -> None:
        loaded = self.model.rowCount()
        if self.model.load_error is not None:
            text = self.tr("读取失败：数据库暂时无法访问")
        elif self.model.exhausted:
            text = self.tr("共 %n 条", "", loaded)
        else:
            text = self.tr("已显示 %n 条，向下滚动继续加载", "", loaded)
        self.status.setText(text)

    def _activated(self, index) -> None:
        if index.isValid():
            self.activated.emit(self.model.data(index, ROW_ID_ROLE))

    def selected_ids(self) -> list[object]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_id(r) for r in rows]

    def current_id(self) -> object | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    # --- keys (desktop.shortcuts) --------------------------------------------------------

    def buttons(self) -> list[QAbstractButton]:
        """The buttons of the action bar, in their order."""
        items = (self.action_bar.itemAt(i).widget() for i in range(self.action_bar.count()))
        return [w for w in items if isinstance(w, QAbstractButton)]

    def button_for(self, role: str) -> QAbstractButton | None:
        """The button the key of ``role`` (new, open, print) presses, if the user has it."""
        return next(
            (
                b
                for b in self.buttons()
                if shortcuts.role_of(b) == role and b.isVisibleTo(self) and b.isEnabled()
            ),
            None,
        )

    def press(self, role: str) -> bool:
        return shortcuts.press(self.button_for(role))

    def focus_search(self) -> bool:
        if not self.search.isVisibleTo(self):
            return False
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        return True

    def open_current(self) -> bool:
        """Ctrl+O: the list's 打开, else what Enter on the current row does."""
        if self.press("open"):
            return True
        index = self.table.currentIndex()
        if not index.isValid() and self.table.selectionModel().selectedRows():
            index = self.table.selectionModel().selectedRows()[0]
        if not index.isValid():
            return False
        if not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())  # what opens a row reads the selection
        self._activated(index)
        return True

    def _name_keys(self) -> None:
        keys = {"new": shortcuts.NEW, "open": shortcuts.OPEN, "print": shortcuts.PRINT}
        for button in self.buttons():
            role = shortcuts.role_of(button)
            if role in keys:
                shortcuts.tip(button, keys[role])
        if self.search.isVisibleTo(self):
            self.search.setToolTip(shortcuts.text(shortcuts.FIND))

    def _export(self) -> None:
        if self.exporter is not None:
            self.exporter(self)
