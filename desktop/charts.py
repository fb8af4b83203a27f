"""What the statistics tabs share in drawing a chart (QtCharts, imported with the tab): the
chart and its view, the boxes a tab is laid out in (a picker row above, a chart with its
figures' table beside), and the bars over categories with a value axis, so that each tab
only says what it draws."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCharts import (
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget


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


def picker_row(caption: str, picker: QWidget) -> QHBoxLayout:
    """The row above a tab's charts: the caption, the period picker, then space."""
    row = QHBoxLayout()
    row.addWidget(QLabel(caption))
    row.addWidget(picker)
    row.addStretch(1)
    return row


def beside(title: str, view: QChartView, table: QWidget, stretch: tuple[int, int]) -> QGroupBox:
    """A titled box with the chart on the left and its figures' table beside it."""
    box = QGroupBox(title)
    row = QHBoxLayout(box)
    row.addWidget(view, stretch[0])
    row.addWidget(table, stretch[1])
    return box


def stack(tab: QWidget, top: QHBoxLayout, boxes: Sequence[tuple[QWidget, int]]) -> None:
    """Lay a tab out: the picker row, then each box with its share of the height."""
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(top)
    for box, share in boxes:
        layout.addWidget(box, share)


def bar_set(name: str, colour: QColor | str, values: Iterable[float]) -> QBarSet:
    """One named, coloured set of bars."""
    bar = QBarSet(name)
    bar.setColor(QColor(colour))
    for value in values:
        bar.append(value)
    return bar


def bars_over(
    chart: QChart, sets: Iterable[QBarSet], categories: list[str]
) -> tuple[QBarSeries, QBarCategoryAxis]:
    """The sets as one series on the chart, over the categories on the bottom axis (an empty
    category when there are none, so an empty chart still draws its axis)."""
    bars = QBarSeries()
    for bar in sets:
        bars.append(bar)
    chart.addSeries(bars)
    axis = QBarCategoryAxis()
    axis.append(categories or [""])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(axis)
    return bars, axis


def value_axis(
    chart: QChart,
    series: QAbstractSeries,
    top: float,
    label_format: str,
    ticks: int | None = None,
    side: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> QValueAxis:
    """A value axis from 0 to ``top`` on the chart's ``side``, with the series on it."""
    axis = QValueAxis()
    axis.setRange(0, top)
    if ticks is not None:
        axis.setTickCount(ticks)
    axis.setLabelFormat(label_format)
    chart.addAxis(axis, side)
    series.attachAxis(axis)
    return axis
