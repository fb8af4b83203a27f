"""The 办公用品 page: one tab per task of the regulation, each shown to whom it concerns.

- 物品目录 & 库存 and 领用申请: every member of a department (they ask for supplies);
- 采购 and 盘点: 后勤 (who does them) and the main leader (who approves them);
- 统计: 后勤, the leaders and department heads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.icons import icon
from desktop.supplies.catalogue import CataloguePanel
from desktop.supplies.common import tr
from desktop.supplies.requisitions import RequisitionsPanel
from models.people import Role, User

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

STORE_AND_LEADER = (Role.LOGISTICS, Role.LEADER)
STATS_ROLES = (Role.LOGISTICS, Role.LEADER, Role.DEPT_HEAD, Role.ADMIN)


class SuppliesPage(QWidget):
    def __init__(self, user: User, window: MainWindow | None = None) -> None:
        super().__init__()
        self.user = user
        self.window_ = window
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.catalogue = CataloguePanel(user, self.changed)
        self.requisitions = RequisitionsPanel(user, self.changed)
        self.tabs.addTab(self.catalogue, icon("supplies"), tr("物品目录与库存"))
        self.tabs.addTab(self.requisitions, icon("send"), tr("领用申请"))
        self.purchasing: Any = None
        self.stocktake: Any = None
        self.stats: Any = None
        if user.has_role(*STORE_AND_LEADER):
            from desktop.supplies.purchasing import PurchasingPanel
            from desktop.supplies.stocktake import StocktakePanel

            self.purchasing = PurchasingPanel(user, self.changed)
            self.stocktake = StocktakePanel(user, self.changed)
            self.tabs.addTab(self.purchasing, icon("inbox"), tr("采购"))
            self.tabs.addTab(self.stocktake, icon("audit"), tr("盘点"))
        if user.has_role(*STATS_ROLES):
            from desktop.supplies.stats import StatsPanel

            self.stats = StatsPanel(user)
            self.tabs.addTab(self.stats, icon("export"), tr("统计"))
        title = QLabel(tr("办公用品"))
        title.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def panels(self) -> list[Any]:
        return [
            p
            for p in (self.catalogue, self.requisitions, self.purchasing, self.stocktake)
            if p is not None
        ]

    def reload(self) -> None:
        """Another desktop or another tab changed data: re-read what is open."""
        for panel in self.panels():
            panel.reload()
        if self.stats is not None and self.stats.loaded:
            self.stats.reload()

    def changed(self, _result: Any = None) -> None:
        if self.window_ is not None:
            self.window_.notify_changed()  # reloads this page too
        else:
            self.reload()
