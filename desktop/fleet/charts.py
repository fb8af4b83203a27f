"""统计 (F8): a month's figures by unit, vehicle and shop; a chart of the last 12 months —
repair cost as bars (left axis, 元) with 及时率 and 合格率 as lines on a second axis (%);
and 「导出月报」, which writes the register for the higher authority in the background
(``forms.fleet.write_monthly_report``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
)

from desktop import charts, prefs
from desktop.exporting import ask_save_path, write_file
from desktop.fleet.common import percent
from desktop.icons import button
from desktop.module_page import PageTab
from desktop.tables import fill, read_only_table
from desktop.tasks import BackgroundTask, Progress
from models import fleet
from models.base import now
from models.fleet import Figures, MonthlyReport, monthly_report

MONTHS = 12
COST_COLOUR = QColor("#5b8def")
TIMELY_COLOUR = QColor("#f0a020")
PASS_COLOUR = QColor("#0b8043")


def recent_periods(count: int = 36, today: date | None = None) -> list[str]:
    """This month and the ``count - 1`` before it, newest first (``2026-11``)."""
    today = today or now().date()
    index = today.year * 12 + today.month - 1
    return [f"{(index - i) // 12:04d}-{(index - i) % 12 + 1:02d}" for i in range(count)]


class StatsTab(PageTab):
    """统计: the month by unit, vehicle and shop, twelve months charted, the monthly report."""

    def __init__(self, user: Any, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.report: MonthlyReport | None = None
        self.series_data: list[tuple[str, Figures]] = []

        self.period = QComboBox()
        for period in recent_periods():
            year, month = period.split("-")
            self.period.addItem(
                self.tr("%1年%2月").replace("%1", year).replace("%2", month), period
            )
        self.period.currentIndexChanged.connect(lambda _i: self.load())
        self.unit_name = QLineEdit(prefs.value("fleet/report_unit", "", str))
        self.unit_name.setPlaceholderText(self.tr("填报单位（打印在月报表头）"))
        self.unit_name.setMinimumWidth(300)
        self.export_button = button("export", self.tr("导出月报…"), self.export_report)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("统计月份：")))
        top.addWidget(self.period)
        top.addSpacing(16)
        top.addWidget(self.unit_name)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setStyleSheet("font-size: 14px; padding: 4px 2px;")
        self.tables: dict[str, Any] = {}
        self.figure_tabs = QTabWidget()
        for key, title, first in (
            ("unit", self.tr("按单位"), self.tr("有车单位")),
            ("vehicle", self.tr("按车辆"), self.tr("车牌号")),
            ("shop", self.tr("按修理厂"), self.tr("修理厂")),
        ):
            table = read_only_table(
                [
                    first,
                    self.tr("维修次数"),
                    self.tr("维修费用（元）"),
                    self.tr("及时率"),
                    self.tr("合格率"),
                ],
                fit=True,
            )
            self.tables[key] = table
            self.figure_tabs.addTab(table, title)
        self.extra = QLabel()
        self.extra.setWordWrap(True)
        figures_box = QGroupBox(self.tr("本月统计"))
        fl = QVBoxLayout(figures_box)
        fl.addWidget(self.summary)
        fl.addWidget(self.figure_tabs, 1)
        fl.addWidget(self.extra)

        self.chart, self.chart_view = charts.chart_view(280)
        chart_box = QGroupBox(self.tr("近12个月维修费用、及时率与合格率"))
        QVBoxLayout(chart_box).addWidget(self.chart_view)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(chart_box)
        split.addWidget(figures_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.open_on_figures()
        self.load()

    def open_on_figures(self, today: date | None = None) -> None:
        """Open on the last finished month with a closed repair: the current month stays
        empty until it ends, and a leader opening 统计 wants figures (the month picker still
        offers this month)."""
        period = fleet.last_month_with_data(today)
        if period is not None:
            self.period.blockSignals(True)
            self.set_period(period)
            self.period.blockSignals(False)

    # --- data ----------------------------------------------------------------------------

    def current_period(self) -> str:
        return str(self.period.currentData())

    def set_period(self, period: str) -> None:
        index = self.period.findData(period)
        if index < 0:
            self.period.insertItem(0, period, period)
            index = 0
        self.period.setCurrentIndex(index)

    def reload(self) -> None:
        self.load()

    @Slot()
    def load(self) -> None:
        period = self.current_period()
        self.report = monthly_report(period)
        self.series_data = fleet.monthly_series(period, MONTHS)
        self._show_figures(self.report)
        self._show_chart(self.series_data)

    def _show_figures(self, report: MonthlyReport) -> None:
        total = report.total
        self.summary.setText(
            self.tr("完工 %1 次，费用 ¥%2，及时率 %3，合格率 %4")
            .replace("%1", str(total.count))
            .replace("%2", f"{total.cost:,.2f}")
            .replace("%3", percent(total.timeliness))
            .replace("%4", percent(total.pass_rate))
            + (
                self.tr("（其中历史补录 %1 次、¥%2，不计入及时率和合格率）")
                .replace("%1", str(total.historical))
                .replace("%2", f"{total.historical_cost:,.2f}")
                if total.historical
                else ""
            )
        )
        for key, groups in (
            ("unit", report.by_unit),
            ("vehicle", report.by_vehicle),
            ("shop", report.by_shop),
        ):
            rows = [
                [name, str(f.count), f"{f.cost:,.2f}", percent(f.timeliness), percent(f.pass_rate)]
                for name, f in sorted(groups.items(), key=lambda kv: -kv[1].cost)
            ]
            fill(self.tables[key], rows, right={1, 2, 3, 4})
        # the numbers after a colon, never a colon before nothing
        extra = (
            self.tr("有偿服务 %1 次；抽查回访 %2 份：%3")
            if report.spot_checks
            else self.tr("有偿服务 %1 次；抽查回访 %2 份")
        )
        self.extra.setText(
            extra.replace("%1", str(len(report.paid)))
            .replace("%2", str(len(report.spot_checks)))
            .replace("%3", "、".join(r.number for r in report.spot_checks))
        )

    def _show_chart(self, data: list[tuple[str, Figures]]) -> None:
        chart = self.chart
        charts.clear(chart)
        categories = [f"{p[2:4]}.{p[5:]}" for p, _f in data]
        self.cost_set = QBarSet(self.tr("维修费用（元）"))
        self.cost_set.setColor(COST_COLOUR)
        self.cost_set.setBorderColor(COST_COLOUR)
        for _p, fig in data:
            self.cost_set.append(float(fig.cost))
        bars = QBarSeries()
        bars.append(self.cost_set)
        bars.setBarWidth(0.6)
        self.bars = bars
        self.timely = QLineSeries()
        self.timely.setName(self.tr("及时率"))
        self.passed = QLineSeries()
        self.passed.setName(self.tr("合格率"))
        for series, colour, attr in (
            (self.timely, TIMELY_COLOUR, "timeliness"),
            (self.passed, PASS_COLOUR, "pass_rate"),
        ):
            pen = QPen(colour)
            pen.setWidthF(2.5)
            series.setPen(pen)
            series.setPointsVisible(True)
            for i, (_p, fig) in enumerate(data):
                rate = getattr(fig, attr)
                if rate is not None:
                    series.append(float(i), rate * 100)
        chart.addSeries(bars)
        chart.addSeries(self.timely)
        chart.addSeries(self.passed)
        x_axis = QBarCategoryAxis()
        x_axis.append(categories)
        self.x_axis = x_axis
        cost_axis = QValueAxis()
        top = max((float(f.cost) for _p, f in data), default=0.0)
        cost_axis.setRange(0, _nice_ceiling(top))
        cost_axis.setLabelFormat("%.0f")  # printf, Latin-1 only: a ¥ here shows as a box
        rate_axis = QValueAxis()
        rate_axis.setRange(0, 100)
        rate_axis.setLabelFormat("%.0f%%")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(cost_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(rate_axis, Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(x_axis)
        bars.attachAxis(cost_axis)
        for series in (self.timely, self.passed):
            series.attachAxis(x_axis)
            series.attachAxis(rate_axis)
        self.cost_axis, self.rate_axis = cost_axis, rate_axis

    # --- export --------------------------------------------------------------------------

    def export_report(self, path: str | Path | None = None) -> BackgroundTask | None:
        """导出月报: the month-end workbook, written off the GUI thread."""
        period = self.current_period()
        path = path or ask_save_path(self, self.tr("导出月报"), f"车辆维修月度统计-{period}.xlsx")
        if not path:
            return None
        unit = self.unit_name.text().strip()
        prefs.put("fleet/report_unit", unit)

        def work(_progress: Progress) -> Any:
            from forms.fleet import write_monthly_report

            return write_monthly_report(period, path, unit=unit)

        return write_file(
            self,
            path,
            work,
            label=self.tr("正在生成月报…"),
            done_title=self.tr("导出月报"),
            done_text=lambda _r: self.tr("月报已保存到：") + f"\n{path}",
        )


def _nice_ceiling(value: float) -> float:
    """A round top for the cost axis (12,000 rather than 11,437)."""
    if value <= 0:
        return 1000.0
    step = 10 ** (len(str(int(value))) - 1)
    return float(((int(value) // step) + 1) * step)
