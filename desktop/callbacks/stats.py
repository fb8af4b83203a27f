"""统计: 客服人员回访绩效 (C8: per person, the quarter's callbacks due, done, on time and
reached, as bars with the table beside) and 季度服务质量评价 (C12: the quarter and the three
before it — resolution rate as bars on the left axis, satisfaction as a line on the right —
with response time, clocks met and breached in the table). The figures are
``callbacks.staff_figures`` and ``callbacks.quarterly_series``; nothing is computed here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QLineSeries
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QComboBox

from desktop import charts
from desktop.i18n import pick
from desktop.module_page import PageTab
from desktop.tables import fill, read_only_table
from models import callbacks, periods
from models.callbacks import Evaluation, StaffFigures
from models.periods import Period, PeriodKind

QUARTERS = 4
STAFF_SETS = (
    ("应回访", "Due", "#9aa5b1", lambda f: f.assigned),
    ("已完成", "Done", "#5b8def", lambda f: f.done),
    ("按时", "On time", "#0b8043", lambda f: f.on_time),
    ("接通", "Reached", "#f0a020", lambda f: f.reached),
)
RATE_COLOUR, SATISFACTION_COLOUR = QColor("#5b8def"), QColor("#e65100")


def whole_ticks(most: int, at_most: int = 5) -> tuple[int, int]:
    """A count axis from 0 with whole-number ticks, at most ``at_most`` steps: (top, ticks)."""
    step = -(-most // at_most)
    top = step * -(-most // step)
    return top, top // step + 1


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class FiguresTab(PageTab):
    """统计: a quarter's staff figures and the four quarters' service quality, charted."""

    def __init__(self, user: Any, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.quarter = QComboBox()
        for p in periods.recent(PeriodKind.QUARTER, 8):
            self.quarter.addItem(pick(p.label(), p.label_en()), p.code)
        self.quarter.currentIndexChanged.connect(lambda _i: self.load())

        self.staff_chart, self.staff_view = charts.chart_view(240)
        self.staff_table = read_only_table(
            [
                self.tr(t)
                for t in ("姓名", "应回访", "已完成", "按时", "接通", "满意度", "发现问题")
            ],
            fit=True,
        )
        staff = charts.beside(
            self.tr("客服人员回访绩效（C8）"), self.staff_view, self.staff_table, (1, 1)
        )

        self.quality_chart, self.quality_view = charts.chart_view(240)
        self.quality_table = read_only_table(
            [
                self.tr(t)
                for t in (
                    "季度",
                    "受理",
                    "平均响应（小时）",
                    "解决率（%）",
                    "满意度",
                    "按时",
                    "超期",
                )
            ],
            fit=True,
        )
        quality = charts.beside(
            self.tr("季度服务质量评价（C12）"), self.quality_view, self.quality_table, (1, 1)
        )
        top = charts.picker_row(self.tr("统计季度："), self.quarter)
        charts.stack(self, top, ((staff, 1), (quality, 1)))
        self.staff: list[StaffFigures] = []
        self.series: list[Evaluation] = []
        self.load()

    def period(self) -> Period:
        return periods.parse(self.quarter.currentData(), PeriodKind.QUARTER)

    @Slot()
    def load(self) -> None:
        self.staff = callbacks.staff_figures(self.period())
        self.series = callbacks.quarterly_series(self.period(), QUARTERS)
        self._draw_staff()
        self._draw_quality()

    def reload(self) -> None:
        self.load()

    def _draw_staff(self) -> None:
        chart = self.staff_chart
        charts.clear(chart)
        sets = (
            charts.bar_set(pick(zh, en), colour, (value(f) for f in self.staff))
            for zh, en, colour, value in STAFF_SETS
        )
        bars, _names = charts.bars_over(chart, sets, [f.name for f in self.staff])
        top, ticks = whole_ticks(max([f.assigned for f in self.staff] + [1]))
        charts.value_axis(chart, bars, top, "%d", ticks=ticks)
        rows = (
            [
                f.name,
                f.assigned,
                f.done,
                f.on_time,
                f.reached,
                "" if f.satisfaction is None else f"{f.satisfaction:.1f}",
                f.problems_raised,
            ]
            for f in self.staff
        )
        fill(self.staff_table, rows, right=range(1, 7))

    def _draw_quality(self) -> None:
        chart = self.quality_chart
        charts.clear(chart)
        labels = [pick(e.period.label(), e.period.label_en()) for e in self.series]
        rate = charts.bar_set(
            self.tr("解决率（%）"),
            RATE_COLOUR,
            (float(e.resolution_rate or 0) for e in self.series),
        )
        satisfaction = QLineSeries()
        satisfaction.setName(self.tr("满意度（1–5）"))
        satisfaction.setPen(QPen(SATISFACTION_COLOUR, 2))
        satisfaction.setPointsVisible(True)  # a quarter alone shows as its point
        for i, e in enumerate(self.series):
            if e.satisfaction is not None:
                satisfaction.append(i, float(e.satisfaction))
        codes = [e.period.code for e in self.series]  # 2026Q1: fits
        bars, quarters = charts.bars_over(chart, (rate,), codes)
        chart.addSeries(satisfaction)
        satisfaction.attachAxis(quarters)
        charts.value_axis(chart, bars, 100, "%d%%")
        charts.value_axis(chart, satisfaction, 5, "%d", ticks=6, side=Qt.AlignmentFlag.AlignRight)
        rows = (
            [
                label,
                e.received,
                _text(e.response_hours_mean),
                _text(e.resolution_rate),
                _text(e.satisfaction),
                e.clocks_met,
                e.clocks_breached,
            ]
            for label, e in zip(labels, self.series, strict=True)
        )
        fill(self.quality_table, rows, right=range(1, 7))
