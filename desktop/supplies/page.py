"""The 办公用品 page: one tab per task of the regulation, each shown to whom it concerns.

- 物品目录 & 库存, 领用申请 and 退库: every member of a department (they ask for supplies
  and bring back what turned out unsuitable; 后勤 confirms the returns there);
- 采购 and 盘点: 后勤 (who does them) and the main leader (who approves them);
- 统计: 后勤, the leaders and department heads.
"""

from __future__ import annotations

from desktop.module_page import ModulePage, Tab
from models.people import Role

STORE_AND_LEADER = frozenset({Role.LOGISTICS, Role.LEADER})
STATS_ROLES = frozenset({Role.LOGISTICS, Role.LEADER, Role.DEPT_HEAD, Role.ADMIN})


class SuppliesPage(ModulePage):
    TITLE = "办公用品"
    TABS = (
        Tab("catalogue", "物品目录与库存", "supplies", "desktop.supplies.catalogue:CatalogueTab"),
        Tab("requisitions", "领用申请", "send", "desktop.supplies.requisitions:RequisitionsTab"),
        Tab("returns", "退库", "inbox", "desktop.supplies.stock_returns:StockReturnsTab"),
        Tab(
            "purchasing",
            "采购",
            "inbox",
            "desktop.supplies.purchasing:PurchasingTab",
            STORE_AND_LEADER,
        ),
        Tab(
            "stocktake",
            "盘点",
            "audit",
            "desktop.supplies.stocktake:StocktakeTab",
            STORE_AND_LEADER,
        ),
        Tab("stats", "统计", "export", "desktop.supplies.stats:StatsTab", STATS_ROLES),
    )
