"""The registers for the higher authority: ``houqin report callbacks-monthly --period 2026-11``
(C8 per person, with the month's 回访记录 and 回访问题跟踪) and ``houqin report
service-quarterly --period 2026Q4`` (C12: response time, resolution rate, satisfaction and the
clocks, the quarter beside the three before it), one register per sheet."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from forms.callbacks.records import PROBLEMS, RECORDS, problem_rows, record_rows
from forms.kinds import PERIOD, Values
from forms.reports import Report, register_report
from forms.spec import Field, FieldType, FormSpec
from models import callbacks, periods
from models.people import User
from models.periods import PeriodKind

if TYPE_CHECKING:
    from forms.excel_export import ExportResult

STAFF = FormSpec(
    "callbacks_staff",
    "客服人员回访绩效表",
    (
        Field("name", "姓名", width=10),
        Field("assigned", "应回访", FieldType.INTEGER, width=8, total=True),
        Field("done", "已完成", FieldType.INTEGER, width=8, total=True),
        Field("on_time", "按期完成", FieldType.INTEGER, width=8, total=True),
        Field("on_time_rate", "及时率", FieldType.PERCENT, width=8),
        Field("reached", "接通", FieldType.INTEGER, width=8, total=True),
        Field("satisfaction", "平均满意度", FieldType.DECIMAL, places=1, width=10),
        Field("problems_raised", "发现问题", FieldType.INTEGER, width=8, total=True),
        Field("clocks_met", "投诉时限按期", FieldType.INTEGER, width=10, total=True),
        Field("clocks_breached", "投诉时限超期", FieldType.INTEGER, width=10, total=True),
    ),
    signatures=("客户服务部负责人", "统计人", "日期"),
)

QUALITY = FormSpec(
    "service_quality",
    "季度服务质量评价表",
    (
        Field("quarter", "季度", width=16),
        Field("received", "投诉受理数", FieldType.INTEGER, width=10),
        Field("answered", "已首次反馈", FieldType.INTEGER, width=10),
        Field("response_mean", "平均响应（小时）", FieldType.DECIMAL, places=1, width=12),
        Field("response_median", "响应中位数（小时）", FieldType.DECIMAL, places=1, width=12),
        Field("resolved", "已办结", FieldType.INTEGER, width=8),
        Field("refused", "其中不予受理", FieldType.INTEGER, width=10),
        Field("resolution_rate", "解决率", FieldType.PERCENT, width=8),
        Field("satisfaction", "满意度（1–5）", FieldType.DECIMAL, places=1, width=10),
        Field("clocks_met", "时限按期", FieldType.INTEGER, width=8),
        Field("clocks_breached", "时限超期", FieldType.INTEGER, width=8),
        Field("complete", "季度已结束", width=10),
    ),
    signatures=("客户服务部负责人", "分管领导", "日期"),
)


def _staff_rows(period: periods.Period) -> Iterator[Values]:
    owned = {c.user_id: c for c in callbacks.clocks_by_owner(period)}
    for fig in callbacks.staff_figures(period):
        clocks = owned.pop(fig.user_id, None)
        yield {
            "name": fig.name,
            "assigned": fig.assigned,
            "done": fig.done,
            "on_time": fig.on_time,
            "on_time_rate": fig.on_time_rate,
            "reached": fig.reached,
            "satisfaction": None
            if fig.satisfaction is None
            else Decimal(f"{fig.satisfaction:.1f}"),
            "problems_raised": fig.problems_raised,
            "clocks_met": clocks.met if clocks else 0,
            "clocks_breached": clocks.breached if clocks else 0,
        }
    names = dict(User.select(User.id, User.name).where(User.id.in_(list(owned))).tuples())
    for uid, clocks in owned.items():  # owners of complaints who made no callbacks
        yield {
            "name": names.get(uid, ""),
            "clocks_met": clocks.met,
            "clocks_breached": clocks.breached,
        }


def write_monthly_report(period: str, path: str | Path, *, unit: str = "") -> list[ExportResult]:
    """月度回访情况: the staff figures of the month (C8), its records (C6) and the problems it
    found (C7)."""
    from forms.excel_export import Section, write_registers

    month = periods.parse(period, PeriodKind.MONTH)
    chosen = {PERIOD: month}
    sections = [
        Section(STAFF, _staff_rows(month), month.label()),
        Section(RECORDS, record_rows(chosen), month.label()),
        Section(PROBLEMS, problem_rows(chosen), month.label()),
    ]
    return write_registers(sections, path, unit=unit, period=month.label())


def _quality_rows(last: periods.Period) -> Iterator[Values]:
    for e in callbacks.quarterly_series(last, 4):
        yield {
            "quarter": e.period.label(),
            "received": e.received,
            "answered": e.answered,
            "response_mean": e.response_hours_mean,
            "response_median": e.response_hours_median,
            "resolved": e.resolved,
            "refused": e.refused,
            "resolution_rate": None if e.resolution_rate is None else e.resolution_rate / 100,
            "satisfaction": e.satisfaction,
            "clocks_met": e.clocks_met,
            "clocks_breached": e.clocks_breached,
            "complete": "是" if e.complete else "否（截至今日）",
        }


def write_quarterly_report(period: str, path: str | Path, *, unit: str = "") -> list[ExportResult]:
    """季度服务质量评价 (C12): the quarter and the three before it, then the staff figures of
    the quarter (C8)."""
    from forms.excel_export import Section, write_registers

    quarter = periods.parse(period, PeriodKind.QUARTER)
    sections = [
        Section(QUALITY, _quality_rows(quarter), f"{quarter.label()}及前三个季度"),
        Section(STAFF, _staff_rows(quarter), quarter.label()),
    ]
    return write_registers(sections, path, unit=unit, period=quarter.label())


register_report(
    Report(
        "callbacks-monthly",
        "客户回访月度统计",
        "2026-11",
        lambda period, path, unit: write_monthly_report(period, path, unit=unit),
    )
)
register_report(
    Report(
        "service-quarterly",
        "季度服务质量评价",
        "2026Q4",
        lambda period, path, unit: write_quarterly_report(period, path, unit=unit),
    )
)
