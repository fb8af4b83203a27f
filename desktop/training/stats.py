"""统计: 出勤率 by 教研组 and month (T3: a bar per group in each month, from the confirmed
registers) and each tier's credits against its target (T1, T4: the approved plan's 应得学分
beside the teachers' mean credits so far, with how many reach it in the table). The figures
are ``training.attendance_by_group_and_month`` and ``training.credits_against_target``;
nothing is computed here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QGroupBox, QVBoxLayout

from desktop import charts, labels
from desktop.module_page import PageTab
from desktop.tables import fill, read_only_table
from models import training
from models.training import AttendanceRate, CreditTarget, Term

# One colour per group, in the groups' order (eight groups in a school; more repeat).
GROUP_COLOURS = (
    "#5b8def",
    "#0b8043",
    "#f0a020",
    "#e65100",
    "#8e44ad",
    "#00838f",
    "#c2185b",
    "#7f8c8d",
)
TARGET_COLOUR, MEAN_COLOUR = QColor("#9aa5b1"), QColor("#5b8def")


def school_years() -> list[str]:
    """The school years that have terms, the latest first."""
    rows = Term.select(Term.school_year).distinct().order_by(Term.school_year.desc()).tuples()
    return [year for (year,) in rows]


class StatsTab(PageTab):
    """统计: a school year's attendance rates and credits against target, charted."""

    def __init__(self, user: Any, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.year = QComboBox()
        for year in school_years():
            self.year.addItem(year, year)
        self.year.currentIndexChanged.connect(lambda _i: self.load())

        self.attendance_chart, self.attendance_view = charts.chart_view(260)
        attendance = QGroupBox(self.tr("出勤率（按教研组、月份，已确认的考勤）"))
        QVBoxLayout(attendance).addWidget(self.attendance_view)

        self.credits_chart, self.credits_view = charts.chart_view(220)
        self.credits_table = read_only_table(
            [self.tr(t) for t in ("层级", "人数", "应得学分", "平均学分", "达标人数")],
            fit=True,
        )
        credits = charts.beside(
            self.tr("学分与目标（按层级）"), self.credits_view, self.credits_table, (3, 2)
        )
        top = charts.picker_row(self.tr("学年："), self.year)
        charts.stack(self, top, ((attendance, 3), (credits, 2)))
        self.rates: list[AttendanceRate] = []
        self.targets: list[CreditTarget] = []
        self.load()

    @Slot()
    def load(self) -> None:
        year = self.year.currentData()
        self.rates = training.attendance_by_group_and_month(year) if year else []
        self.targets = training.credits_against_target(year) if year else []
        self._draw_attendance()
        self._draw_credits()

    def reload(self) -> None:
        self.load()

    def _draw_attendance(self) -> None:
        chart = self.attendance_chart
        charts.clear(chart)
        months = sorted({r.month for r in self.rates})
        groups = sorted({r.group for r in self.rates})
        rate = {(r.group, r.month): r.rate for r in self.rates}
        sets = (
            charts.bar_set(
                group,
                GROUP_COLOURS[i % len(GROUP_COLOURS)],
                (float(rate.get((group, month)) or 0) for month in months),
            )
            for i, group in enumerate(groups)
        )
        bars, _months = charts.bars_over(chart, sets, months)
        charts.value_axis(chart, bars, 100, "%d%%", ticks=6)

    def _draw_credits(self) -> None:
        chart = self.credits_chart
        charts.clear(chart)
        target = charts.bar_set(
            self.tr("应得学分"), TARGET_COLOUR, (float(t.target) for t in self.targets)
        )
        mean = charts.bar_set(
            self.tr("平均学分"), MEAN_COLOUR, (float(t.mean) for t in self.targets)
        )
        tiers = [labels.label(t.tier) for t in self.targets]
        bars, _tiers = charts.bars_over(chart, (target, mean), tiers)
        top = max([float(t.target) for t in self.targets] + [float(t.mean) for t in self.targets])
        values = charts.value_axis(chart, bars, max(1.0, top * 1.1), "%g")
        values.applyNiceNumbers()  # whole, evenly spaced ticks (2, 4, 6 …), not 2.5 shown as 3
        rows = (
            [labels.label(t.tier), t.teachers, t.target, t.mean, t.reached] for t in self.targets
        )
        fill(self.credits_table, rows, right=range(1, 5))
