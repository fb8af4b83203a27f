"""工作台: the first page for everyone — what awaits me, my requests, a leader's figures.

The page knows no domain. It shows ``desktop.modules.cards_for(user)``: the cards the
modules the user sees declare (``Module.cards``), each one count, a few rows and a button to
where the work is done. A card that fails to answer (a dropped connection) says so and the
others still show. ``reload()`` (the main window's poll, after a change) asks again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import errors
from desktop.home_cards import CardRow, HomeCard
from desktop.modules import cards_for
from models.people import User

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

COLUMNS = 3
STYLE = """
QFrame#homeCard { background: white; border: 1px solid #e3e6eb; border-radius: 8px; }
QLabel#cardTitle { font-weight: bold; color: #333; }
QLabel#cardCount { font-size: 22px; font-weight: bold; color: #1a73e8; }
QLabel#cardCount[busy="true"] { color: #e5484d; }
QLabel#cardCount[idle="true"] { color: #b0b4ba; }
QLabel#cardCount[figure="true"] { color: #2b2b2b; font-size: 20px; }
QLabel#cardRow { color: #333; }
QLabel#cardRow[link="true"]:hover { color: #1a73e8; }
QLabel#cardDetail { color: #777; }
QLabel#cardDetail[warn="true"] { color: #e5484d; }
QLabel#cardEmpty { color: #999; }
QLabel#homeGreeting { color: #555; padding: 0 0 6px 2px; }
"""


class ElidedLabel(QLabel):
    """A row's text, cut with … where the card is too narrow (a long 申请 title), the
    whole text in its tooltip; ``clicked`` when the row opens its document."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(80, super().sizeHint().height())

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.width()
        )
        painter.drawText(
            self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown
        )


class CardWidget(QFrame):
    """One card: title and count on top, up to ``ROWS`` rows, 查看 at the bottom."""

    def __init__(self, card: HomeCard, user: User, window: MainWindow | None) -> None:
        super().__init__()
        self.card, self.user, self.window_ = card, user, window
        self.setObjectName("homeCard")
        self.setMinimumWidth(280)
        self.title = QLabel(card.title())
        self.title.setObjectName("cardTitle")
        self.count = QLabel()
        self.count.setObjectName("cardCount")
        self.count.setProperty("figure", card.figure)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.count)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(4)
        self.open_button = QPushButton(self.tr("查看 →"))
        self.open_button.setFlat(True)
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.setVisible(card.open is not None and window is not None)
        self.open_button.clicked.connect(self.open)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 6)
        layout.addLayout(head)
        layout.addLayout(self.rows)
        layout.addStretch(1)
        layout.addLayout(foot)
        self.value: int | str = 0
        self.reload()

    def reload(self) -> None:
        try:
            self.value, rows = self.card.read(self.user)
        except Exception:  # one card's trouble must not blank the whole page
            self.value, rows = "—", [CardRow(self.tr("暂时无法读取"), warn=True)]
        self.count.setText(str(self.value))
        waiting = isinstance(self.value, int) and not self.card.figure
        self.count.setProperty("busy", waiting and self.value > 0)
        self.count.setProperty("idle", waiting and self.value == 0)
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)
        self._fill(rows)

    def _fill(self, rows: list[CardRow]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.layout() is not None:
                while item.layout().count():
                    child = item.layout().takeAt(0).widget()
                    if child is not None:
                        child.deleteLater()
            elif item.widget() is not None:
                item.widget().deleteLater()
        if not rows and not self.card.figure:
            empty = QLabel(self.card.empty() if self.card.empty else self.tr("暂无待办"))
            empty.setObjectName("cardEmpty")
            self.rows.addWidget(empty)
            return
        for row in rows:
            line = QHBoxLayout()
            text = ElidedLabel(row.text)
            text.setObjectName("cardRow")
            text.setToolTip(row.text)
            if row.open is not None and self.window_ is not None:
                text.setProperty("link", True)
                text.setCursor(Qt.CursorShape.PointingHandCursor)
                text.clicked.connect(lambda r=row: self.open_row(r))
            detail = QLabel(row.detail)
            detail.setObjectName("cardDetail")
            detail.setProperty("warn", row.warn)
            line.addWidget(text, 1)
            line.addWidget(detail)
            self.rows.addLayout(line)

    def row_labels(self) -> list[ElidedLabel]:
        """The rows' text labels, top to bottom (click one to open its document)."""
        lines = (self.rows.itemAt(i).layout() for i in range(self.rows.count()))
        return [line.itemAt(0).widget() for line in lines if line is not None]

    def row_texts(self) -> list[str]:
        """The rows shown (tests, and what a screen reader would read)."""
        return [label.text() for label in self.row_labels()]

    def open_row(self, row: CardRow) -> object:
        """A row's document, in its own window (or 审批中心's dialog)."""
        if row.open is None or self.window_ is None:
            return None
        try:
            return row.open(self.window_)
        except Exception as exc:
            errors.show_error(self, exc)
            return None

    def open(self) -> None:
        if self.card.open is not None and self.window_ is not None:
            self.card.open(self.window_)


class HomePage(QWidget):
    def __init__(self, user: User, window: MainWindow | None = None) -> None:
        super().__init__()
        self.user = user
        self.window_ = window
        self.setStyleSheet(STYLE)
        title = QLabel(self.tr("工作台"))
        title.setObjectName("pageTitle")
        dept = user.department.name if user.department_id else ""
        greeting = QLabel(self.tr("%1，您好。以下是等待您处理的事项。").replace("%1", user.name))
        greeting.setObjectName("homeGreeting")
        greeting.setToolTip(dept)
        self.cards = [CardWidget(card, user, window) for card in cards_for(user)]
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        for i, card in enumerate(self.cards):
            grid.addWidget(card, i // COLUMNS, i % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(len(self.cards) // COLUMNS + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(title)
        layout.addWidget(greeting)
        layout.addWidget(scroll, 1)

    def card(self, key: str) -> CardWidget:
        return next(c for c in self.cards if c.card.key == key)

    def card_keys(self) -> list[str]:
        return [c.card.key for c in self.cards]

    def reload(self) -> None:
        for card in self.cards:
            card.reload()
