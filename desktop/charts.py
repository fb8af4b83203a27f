"""What the statistics tabs share in drawing a chart (QtCharts, imported with the tab)."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter


def chart_view(min_height: int) -> tuple[QChart, QChartView]:
    """A chart without animation, its legend below, in an antialiased view."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(min_height)
    return chart, view


def clear(chart: QChart) -> None:
    """Remove every series and axis, to draw the chart again."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
