"""The month-end report for the higher authority (F8): ``houqin report fleet-monthly
--period 2026-10 OUT.xlsx``. Figures by vehicle, unit and shop (维修次数, 费用, 及时率, 合格率),
the 有偿服务登记表 and the spot-check callback list, one register per sheet.

Repairs entered from the paper archive are marked in every sheet: their own 历史补录 count
and cost beside the totals, a 历史补录 column in the lists, and 及时率/合格率 over the repairs
that went through the flow only (``models.fleet.stats``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from forms.fleet.fields import PLATE, UNIT, yes_no
from forms.kinds import Values
from forms.reports import Report, register_report
from forms.spec import Field, FieldType, FormSpec
from models import fleet, settings

if TYPE_CHECKING:
    from forms.excel_export import ExportResult

_FIG = (
    Field("count", "维修次数", FieldType.INTEGER, width=10, total=True),
    Field("cost", "维修费用（元）", FieldType.MONEY, width=14, total=True),
    Field("on_time", "按期完成", FieldType.INTEGER, width=10, total=True),
    Field("timeliness", "及时率", FieldType.PERCENT, width=10),
    Field("first_pass", "一次验收合格", FieldType.INTEGER, width=12, total=True),
    Field("pass_rate", "合格率", FieldType.PERCENT, width=10),
    # 历史补录 (paper archive): in 次数 and 费用 above, not in the two rates.
    Field("historical", "其中历史补录（次）", FieldType.INTEGER, width=14, total=True),
    Field("historical_cost", "其中历史补录费用（元）", FieldType.MONEY, width=16, total=True),
)


def _figures_spec(name: str, title: str, label: str) -> FormSpec:
    return FormSpec(
        name,
        title,
        (Field("group", label, width=18), *_FIG),
        signatures=("负责人", "统计人", "日期"),
    )


# 是 for a repair entered from the paper archive (no flow: no 鉴定, no signed acceptance).
HISTORICAL = Field("historical", "历史补录", width=10, label_en="Paper history")

BY_VEHICLE = _figures_spec("fleet_by_vehicle", "月度维修统计（按车辆）", "车牌号")
BY_UNIT = _figures_spec("fleet_by_unit", "月度维修统计（按单位）", "有车单位")
BY_SHOP = _figures_spec("fleet_by_shop", "月度维修统计（按修理厂）", "修理厂")
PAID = FormSpec(
    "fleet_paid",
    "有偿服务登记表",
    (
        Field("number", "维修单号", width=14),
        PLATE,
        Field("payer", "付费单位", width=20),
        Field("fault", "服务内容", width=30),
        Field("closed_on", "完工日期", FieldType.DATE, width=12),
        Field("cost", "金额（元）", FieldType.MONEY, width=12, total=True),
        HISTORICAL,
    ),
    signatures=("负责人", "经办人", "日期"),
)
SPOT = FormSpec(
    "fleet_spot",
    "抽查回访名单",
    (
        Field("number", "维修单号", width=14),
        PLATE,
        UNIT,
        Field("driver", "驾驶员", width=10),
        Field("shop", "修理厂", width=20),
        Field("closed_on", "完工日期", FieldType.DATE, width=12),
        HISTORICAL,
        Field("result", "回访结果", width=24),
    ),
    signatures=("回访人", "日期"),
)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _figure_rows(groups: dict[str, fleet.Figures]) -> Iterator[Values]:
    for name, fig in sorted(groups.items()):
        yield {
            "group": name,
            "count": fig.count,
            "historical": fig.historical,
            "cost": fig.cost,
            "historical_cost": fig.historical_cost,
            "on_time": fig.on_time,
            "timeliness": fig.timeliness,
            "first_pass": fig.first_pass,
            "pass_rate": fig.pass_rate,
        }


def write_monthly_report(period: str, path: str | Path, *, unit: str = "") -> list[ExportResult]:
    """月底统计 for the higher authority: figures by vehicle, unit and shop (with the totals'
    rates in the filter line), the 有偿服务登记表 and the spot-check callback list."""
    # xlsxwriter loads when a report is written, not when the fleet page opens.
    from forms.excel_export import Section, write_registers

    report = fleet.monthly_report(period)
    total = report.total
    summary = (
        f"合计 {total.count} 次，费用 {total.cost:.2f} 元（其中历史补录 {total.historical} 次，"
        f"{total.historical_cost:.2f} 元）；及时率 {_percent(total.timeliness)}，合格率 "
        f"{_percent(total.pass_rate)}（仅计软件内流程的 {total.live} 次）"
    )
    sections = [
        Section(BY_UNIT, _figure_rows(report.by_unit), summary),
        Section(BY_VEHICLE, _figure_rows(report.by_vehicle), summary),
        Section(BY_SHOP, _figure_rows(report.by_shop), summary),
        Section(
            PAID,
            (
                {
                    "number": r.number,
                    "plate": r.vehicle.plate,
                    "payer": r.payer,
                    "fault": r.fault,
                    "closed_on": r.closed_at.date(),
                    "cost": r.cost,
                    "historical": yes_no(r.historical),
                }
                for r in report.paid
            ),
        ),
        Section(
            SPOT,
            (
                {
                    "number": r.number,
                    "plate": r.vehicle.plate,
                    "unit": r.unit.name,
                    "driver": r.driver.name if r.driver_id else "",
                    "shop": r.shop.name,
                    "closed_on": r.closed_at.date(),
                    "historical": yes_no(r.historical),
                }
                for r in report.spot_checks
            ),
            f"按 {settings.get('fleet.spot_check_percent')}% 随机抽取（同一月份结果固定）",
        ),
    ]
    return write_registers(sections, path, unit=unit, period=period)


register_report(
    Report(
        "fleet-monthly",
        "车辆维修月度统计",
        "2026-10",
        lambda period, path, unit: write_monthly_report(period, path, unit=unit),
    )
)
