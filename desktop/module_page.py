"""A module's page: a title over tabs, declared once.

A page for a new domain is a class with ``TITLE`` and ``TABS``; each ``Tab`` names its key,
title, icon, what builds it and who sees it::

    class FleetPage(ModulePage):
        TITLE = "车辆管理"
        TABS = (
            Tab("vehicles", "车辆", "fleet", "desktop.fleet.vehicles:VehiclesTab"),
            Tab("stats", "统计", "audit", "desktop.fleet.charts:StatsTab", STAFF),
        )

- A tab is built the first time it is shown, so opening a page costs one tab, not six; a
  tab named ``"module:Class"`` is imported only then and built as ``Class(user, changed)``
  (a ``PageTab``); any other factory is called with the page (a method of the page class).
- ``changed()`` is what a tab calls after it wrote something: the main window reloads every
  open page (``MainWindow.notify_changed``); a page on its own reloads itself.
- ``reload()`` reloads the tabs already built (each tab's ``reload``, if it has one).
- Titles are Chinese source strings translated in the page's context (``self.tr``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop import errors, ops
from desktop.icons import icon
from desktop.modules import load
from models.people import Role, User

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class PageTab(QWidget):
    """A tab of a module page: who uses it, and ``changed()`` to call after it wrote something
    (the page's; a tab built on its own, as tests do, has nobody to tell)."""

    def __init__(self, user: User, changed: Callable[..., Any] | None = None) -> None:
        super().__init__()
        self.user = user
        self.changed: Callable[..., Any] = changed or (lambda *_result: None)

    def reload(self) -> None:
        """Read the tab's data again (a tab that shows data overrides it)."""

    def act(self, fn: Callable[[frozenset[str]], Any]) -> bool:
        """One use case of a button, through ``ops.attempt`` (a refusal shown, a warning
        asked): when it succeeded the page is told and the tab reads its data again; a
        conflict (someone changed the record meanwhile) reloads it too."""

        def done(_result: Any) -> None:
            self.changed()
            self.reload()

        return ops.attempt(self, fn, done=done, reload=self.reload)


@dataclass(frozen=True)
class Tab:
    """``roles`` empty: everyone who sees the module sees the tab."""

    key: str
    title: str
    icon: str
    factory: str | Callable[[Any], QWidget]
    roles: frozenset[Role] = field(default_factory=frozenset)

    def visible_to(self, user: User) -> bool:
        return not self.roles or user.has_role(*self.roles)

    def build(self, page: ModulePage) -> QWidget:
        if isinstance(self.factory, str):
            return load(self.factory)(page.user, page.changed)
        return self.factory(page)


class ModulePage(QWidget):
    TITLE = ""
    TABS: tuple[Tab, ...] = ()

    def __init__(self, user: User, window: MainWindow | None = None) -> None:
        super().__init__()
        self.user = user
        self.window_ = window
        self.shown = [tab for tab in self.TABS if tab.visible_to(user)]
        self.built: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab in self.shown:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 8, 0, 0)
            title = self.tr(tab.title).replace("&", "&&")  # "Catalogue & stock", not a mnemonic
            self.tabs.addTab(holder, icon(tab.icon), title)
        self.tabs.currentChanged.connect(self._build)
        title = QLabel(self.tr(self.TITLE))
        title.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self._build(0)

    # --- tabs ----------------------------------------------------------------------------

    def tab_keys(self) -> list[str]:
        return [tab.key for tab in self.shown]

    def tab(self, key: str) -> Any:
        """Tab ``key``'s widget if it was built, else ``None``."""
        return self.built.get(key)

    def open_tab(self, key: str) -> Any:
        """Switch to tab ``key`` (building it) and return its widget."""
        index = self.tab_keys().index(key)
        self.tabs.setCurrentIndex(index)
        self._build(index)
        return self.built[key]

    @Slot(int)
    def _build(self, index: int) -> None:
        if not 0 <= index < len(self.shown):
            return
        tab = self.shown[index]
        if tab.key in self.built:
            return
        try:
            widget = tab.build(self)
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.built[tab.key] = widget
        self.tabs.widget(index).layout().addWidget(widget)
        widget.show()  # a child added to a shown parent would appear only later

    # --- data changed --------------------------------------------------------------------

    def changed(self, *_result: Any) -> None:
        """A tab wrote something: every open page shows it."""
        if self.window_ is not None:
            self.window_.notify_changed()  # reloads this page too
        else:
            self.reload()

    def reload(self) -> None:
        """Another desktop or another tab changed data: re-read the tabs built."""
        for widget in self.built.values():
            reload = getattr(widget, "reload", None)
            if reload is not None:
                reload()
