"""统计: what each department received, by quarter, as a bar chart (QtCharts) and as the table
under it; and the quarterly report for the higher authority, written in the background.

The figures come from ``supplies.consumption_totals`` / ``consumption_by_department`` (the
出库 movements of the ledger, S8); this tab only draws them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
)

from desktop import charts, labels
from desktop.exporting import ask_save_path, write_file
from desktop.icons import button
from desktop.module_page import PageTab
from desktop.supplies.common import tr
from desktop.tables import fill, read_only_table
from desktop.tasks import BackgroundTask, Progress
from models import supplies
from models.base import now
from models.supplies import Category

QUARTER_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759")


def quarter_labels() -> tuple[str, str, str, str]:
    """第一季度 … 第四季度 as the interface says them (Q1 … Q4 in English)."""
    return (tr("第一季度"), tr("第二季度"), tr("第三季度"), tr("第四季度"))


class StatsTab(PageTab):
    """统计: consumption by department and quarter, charted and listed; the quarterly report."""

    def __init__(self, user: Any, changed: Any = None) -> None:
        super().__init__(user, changed)
        today = now().date()
        self.year = QComboBox()
        for y in range(today.year, today.year - 6, -1):
            self.year.addItem(str(y), y)
        self.quarter = QComboBox()
        self.quarter.addItem(tr("全年"), None)
        for q, label in enumerate(quarter_labels(), start=1):
            self.quarter.addItem(label, q)
        self.open_on_figures()
        self.year.currentIndexChanged.connect(self.reload)
        self.quarter.currentIndexChanged.connect(self.reload)
        self.report_button = button("export", tr("导出季度报表…"), self.export_report)
        self.total = QLabel()

        self.chart, self.chart_view = charts.chart_view(240)
        self.series: QStackedBarSeries | None = None

        headers = [
            tr("部门"),
            tr("季度"),
            tr("类别"),
            tr("编码"),
            tr("物品名称"),
            tr("单位"),
            tr("数量"),
            tr("金额（元）"),
        ]
        self.table = read_only_table(headers)
        for c, w in enumerate((110, 50, 70, 74, 160, 44, 60, 90)):
            self.table.setColumnWidth(c, w)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("年度：")))
        top.addWidget(self.year)
        top.addWidget(QLabel(tr("明细：")))
        top.addWidget(self.quarter)
        top.addWidget(self.total, 1)
        top.addWidget(self.report_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart_view)
        split.addWidget(self.table)
        split.setSizes([320, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.loaded = False

    def open_on_figures(self, today: date | None = None) -> None:
        """Open on the last finished quarter in which goods went out: the current one is
        thin until it ends, and a leader opening 统计 wants figures (both pickers still offer
        the rest)."""
        found = supplies.last_quarter_with_data(today)
        if found is None:
            return
        year, quarter = found
        if self.year.findData(year) < 0:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(self.year.findData(year))
        self.quarter.setCurrentIndex(self.quarter.findData(quarter))

    def showEvent(self, event: Any) -> None:
        if not self.loaded:
            self.reload()
        super().showEvent(event)

    @Slot()
    def reload(self) -> None:
        self.loaded = True
        year = int(self.year.currentData())
        totals = supplies.consumption_totals(year=year)
        self._draw(year, totals)
        rows = supplies.consumption_by_department(year=year, quarter=self.quarter.currentData())
        fill(
            self.table,
            (
                (
                    r.department,
                    quarter_labels()[r.quarter - 1],
                    labels.relabel(Category, r.category),
                    r.code,
                    r.name,
                    r.unit,
                    r.quantity,
                    f"{r.amount:,.2f}",
                )
                for r in rows
            ),
            right=(6, 7),
        )
        amount = sum((r.amount for r in rows), Decimal("0"))
        self.total.setText(
            "  " + tr("领用合计：") + f"¥{amount:,.2f}" + "  " + tr("（%n 行）", "", len(rows))
        )

    def _draw(self, year: int, totals: list[supplies.ConsumptionTotal]) -> None:
        chart = self.chart
        charts.clear(chart)
        series = QStackedBarSeries()
        for q in range(4):
            bar = QBarSet(quarter_labels()[q])
            bar.setColor(QUARTER_COLOURS[q])
            for row in totals:
                bar.append(float(row.amounts[q]))
            series.append(bar)
        chart.addSeries(series)
        chart.setTitle(tr("%1年各部门领用金额（元，按季度）").replace("%1", str(year)))
        departments = QBarCategoryAxis()
        departments.append([row.department for row in totals] or [tr("（无领用）")])
        chart.addAxis(departments, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(departments)
        values = QValueAxis()
        top = max((float(row.total) for row in totals), default=0.0)
        values.setRange(0, max(top * 1.1, 1.0))
        values.setLabelFormat("%.0f")
        values.applyNiceNumbers()
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        self.series = series

    def chart_total(self) -> float:
        """The sum drawn in the chart (tests, and a cross-check against the table)."""
        if self.series is None:
            return 0.0
        return sum(s.sum() for s in self.series.barSets())

    @Slot()
    def export_report(self, path: str | None = None) -> BackgroundTask | None:
        """The quarterly register for the higher authority (``houqin report
        supplies-quarterly``), for the quarter shown (this quarter when 全年)."""
        year = int(self.year.currentData())
        quarter = self.quarter.currentData() or (now().date().month - 1) // 3 + 1
        period = f"{year}Q{quarter}"
        path = path or ask_save_path(self, tr("导出季度报表"), f"办公用品季度报表-{period}.xlsx")
        if not path:
            return None

        def work(_progress: Progress) -> Any:
            from forms import reports

            return reports.get_report("supplies-quarterly").write(period, Path(path), "")

        return write_file(
            self, path, work, label=tr("正在生成季度报表…"), done_title=tr("导出季度报表")
        )
