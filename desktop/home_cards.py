"""The cards of the 工作台 (home page), declared by the domains beside their ``MODULE``.

A card is a question about the signed-in user's work — how many, the first few, and where
to go to act — so the home page knows no domain: ``Module.cards`` lists a module's cards,
and the home page shows the cards of the modules the user sees (``cards_for``). A domain
added later (客户回访, 培训考勤) brings its cards in its own ``MODULE``; the home page is not
touched.

The questions themselves live in ``models/<domain>/queries.py`` (data questions, no Qt);
a card only names them. A card whose question is a query costs one COUNT for its number and
one five-row SELECT for its rows. A card whose question is a computed list (the year's
旷课, the teachers at risk over the whole school year, the vehicles due for 保养) names it as
its ``answer``: ``read`` asks it once per refresh and hands that one result to both
``count`` and ``rows``, so the expensive question is never asked twice for one card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from models.people import Role, User

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

ROWS = 5  # rows a card lists; the rest are behind 查看全部

A = TypeVar("A")  # what count and rows read: the user, or the card's answer for him


@dataclass(frozen=True)
class CardRow:
    """One line of a card: what it is and its state or date (right-aligned)."""

    text: str
    detail: str = ""
    warn: bool = False  # overdue, past a deadline: drawn in the warning colour
    open: Callable[[MainWindow], object] | None = None  # clicking the row opens its document


@dataclass(frozen=True)
class HomeCard(Generic[A]):
    """``count(user)`` is the number in the card's corner; ``rows(user)`` its first lines
    (at most ``ROWS``); ``open(window)`` goes where the work is done. ``roles`` empty:
    everyone who sees the card's module. ``figure``: a number to read (a leader's figure)
    rather than work waiting, so a zero is not shown as "nothing to do".

    ``answer(user)``, when given, is the card's one question: ``read`` asks it once and
    ``count`` and ``rows`` receive its result instead of the user (``len`` and the first
    ``ROWS`` of one computed list), so a refresh computes it once, not once for each."""

    key: str
    title: Callable[[], str]
    count: Callable[[A], int | str]
    rows: Callable[[A], Sequence[CardRow]] = lambda _asked: ()
    open: Callable[[MainWindow], object] | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    order: int = 100
    figure: bool = False
    empty: Callable[[], str] | None = None  # what a card without rows says (暂无待办)
    answer: Callable[[User], A] | None = None

    def visible_to(self, user: User) -> bool:
        return not self.roles or user.has_role(*self.roles)

    def read(self, user: User) -> tuple[int | str, list[CardRow]]:
        """One refresh of the card: its number and its first ``ROWS`` rows, the card's
        ``answer`` (if it has one) asked once for both."""
        asked: Any = user if self.answer is None else self.answer(user)
        return self.count(asked), list(self.rows(asked))[:ROWS]


def open_tab(module: str, tab: str, then: Callable[[object], object] | None = None):
    """An ``open`` that shows tab ``tab`` of page ``module`` (and calls ``then(tab_widget)``,
    to tick a filter such as 待我处理)."""

    def go(window: MainWindow) -> object:
        page = window.open_module(module)
        widget = page.open_tab(tab)
        if then is not None:
            then(widget)
        return widget

    return go


def open_approval(instance_id: int) -> Callable[[MainWindow], object]:
    """A row's ``open``: the request in 审批中心's dialog (decide, withdraw, urge there)."""

    def go(window: MainWindow) -> object:
        return window.open_module("approvals").open_document(instance_id)

    return go


def open_document(doc_type: str, doc_id: int) -> Callable[[MainWindow], object]:
    """A row's ``open``: the document's own window, as its domain declared it."""

    def go(window: MainWindow) -> object:
        from desktop.modules import document_window

        factory = document_window(doc_type)
        if factory is None:
            return None
        dialog = factory(window.user, doc_id, window)
        dialog.show()
        return dialog

    return go


def this_month() -> str:
    """``2026-12``: the month a leader's figure is of."""
    from models import periods

    return periods.recent_months(1)[0]


def last_month() -> str:
    """The month before, to read this month's figure against."""
    from models import periods

    return periods.recent_months(2)[1]


def task_rows(tasks: Any) -> list[CardRow]:
    """The first ``ROWS`` of a query of approval tasks (the user's to decide), each titled
    in the interface language and opening its approval."""
    from desktop import labels

    return [
        CardRow(labels.approval_title(task.instance), open=open_approval(task.instance_id))
        for task in tasks.limit(ROWS)
    ]


def money(value: Any) -> str:
    """A leader's figure in yuan: ``¥1,234.50``."""
    return f"¥{value:,.2f}"


def month_rows(what: str, value_of: Callable[[str], Any]) -> list[CardRow]:
    """A month figure's rows: what it counts, and the month before's (``value_of(month)``),
    to read this month's against."""
    from PySide6.QtCore import QCoreApplication

    last = last_month()
    return [
        CardRow(what),
        CardRow(
            QCoreApplication.translate("home", "上月（%1）").replace("%1", last),
            money(value_of(last)),
        ),
    ]
