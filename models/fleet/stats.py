"""车辆管理, month-end statistics (F8): repairs closed in the month by vehicle, unit and shop,
with 及时率 and 合格率, the 有偿服务 register and a reproducible spot-check pick.

Repairs entered from the paper archive (历史补录) count in 维修次数 and 费用, with their own
totals beside them, and stay out of 及时率 and 合格率: those rates measure the flow — the
promised date the fleet manager set at 车管鉴定 (F2) and the first acceptance the driver
signed (F6) — and a paper record went through neither."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import peewee

from models import periods, settings
from models.base import now
from models.errors import RuleViolation
from models.fleet.repairs import LineState, Repair, RepairLine, RepairState
from models.fleet.vehicles import RepairShop, Vehicle
from models.people import Department

# --- month-end statistics (F8) -----------------------------------------------------------


def month_bounds(period: str) -> tuple[datetime, datetime]:
    """``"2026-10"`` → [2026-10-01 00:00, 2026-11-01 00:00): the 统计期间 of F8."""
    try:
        return periods.month_bounds(period)
    except RuleViolation as exc:
        raise RuleViolation(None, f"统计{exc.zh}", f"statistics: {exc.en}") from exc


@dataclass
class Figures:
    count: int = 0  # every repair closed, live and 历史补录
    cost: Decimal = Decimal("0")
    on_time: int = 0  # live repairs only
    first_pass: int = 0  # live repairs only
    historical: int = 0  # of ``count``: entered from the paper archive
    historical_cost: Decimal = Decimal("0")  # of ``cost``

    @property
    def live(self) -> int:
        """Repairs that went through the flow: the base of 及时率 and 合格率."""
        return self.count - self.historical

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.live if self.live else None

    @property
    def pass_rate(self) -> float | None:
        return self.first_pass / self.live if self.live else None


@dataclass
class MonthlyReport:
    period: str
    total: Figures
    by_vehicle: dict[str, Figures] = field(default_factory=dict)
    by_unit: dict[str, Figures] = field(default_factory=dict)
    by_shop: dict[str, Figures] = field(default_factory=dict)
    paid: list[Repair] = field(default_factory=list)
    spot_checks: list[Repair] = field(default_factory=list)


def closed_repairs(start: datetime, end: datetime) -> list[Repair]:
    return list(
        Repair.select(Repair, Vehicle, Department, RepairShop)
        .join(Vehicle)
        .switch(Repair)
        .join(Department)
        .switch(Repair)
        .join(RepairShop)
        .where(
            (Repair.state == RepairState.CLOSED)
            & (Repair.closed_at >= start)
            & (Repair.closed_at < end)
        )
        .order_by(Repair.id)
    )


def last_month_with_data(today: date | None = None) -> str | None:
    """The newest month before ``today``'s (a finished one) in which a repair closed, so the
    统计 page opens on figures rather than on the current month, empty until it ends;
    ``None`` when no repair closed before this month."""
    today = today or now().date()
    first = datetime(today.year, today.month, 1)
    latest = (
        Repair.select(peewee.fn.MAX(Repair.closed_at))
        .where((Repair.state == RepairState.CLOSED) & (Repair.closed_at < first))
        .scalar()
    )
    if latest is None:
        return None
    if isinstance(latest, str):  # SQLite hands back an aggregate's text as it is stored
        latest = datetime.fromisoformat(latest)
    return f"{latest.year:04d}-{latest.month:02d}"


def monthly_report(period: str) -> MonthlyReport:
    """F8: repairs closed in the month — count, cost, 及时率 (finished by the promised date),
    合格率 (accepted at the first check) by vehicle, unit and shop; the 有偿服务登记; and a
    reproducible random pick for spot-check callbacks (the same period always picks the
    same repairs)."""
    start, end = month_bounds(period)
    repairs = closed_repairs(start, end)
    costs: dict[int, Decimal] = {r.id: Decimal("0") for r in repairs}
    if repairs:
        for line in RepairLine.select().where(
            RepairLine.repair.in_(list(costs)) & (RepairLine.state == LineState.FITTED)
        ):
            costs[line.repair_id] += line.amount
    report = MonthlyReport(period, Figures())
    for repair in repairs:
        # 及时率 judges the shop: finished by the promised date (the driver's later
        # acceptance does not count against it; a comeback's re-finish does).
        done = (repair.finished_at or repair.closed_at).date()
        on_time = repair.promised_date is not None and done <= repair.promised_date
        groups = (
            report.total,
            report.by_vehicle.setdefault(repair.vehicle.plate, Figures()),
            report.by_unit.setdefault(repair.unit.name, Figures()),
            report.by_shop.setdefault(repair.shop.name, Figures()),
        )
        for fig in groups:
            fig.count += 1
            fig.cost += costs[repair.id]
            if repair.historical:
                fig.historical += 1
                fig.historical_cost += costs[repair.id]
            else:
                fig.on_time += on_time
                fig.first_pass += bool(repair.first_pass)
        if repair.paid:
            report.paid.append(repair)
    # Each table in the order people look things up: plates and shops by name, units in
    # the office's order (一中队 before 二中队 before 十二中队).
    report.by_vehicle = dict(sorted(report.by_vehicle.items()))
    report.by_shop = dict(sorted(report.by_shop.items()))
    rank = {r.unit.name: r.unit.sort_key for r in repairs}
    report.by_unit = dict(sorted(report.by_unit.items(), key=lambda kv: (rank[kv[0]], kv[0])))
    share = settings.get("fleet.spot_check_percent") / Decimal(100)
    if repairs and share > 0:
        picks = max(1, math.ceil(len(repairs) * share))
        chosen = random.Random(f"houqin-spot-{period}").sample(repairs, picks)
        report.spot_checks = sorted(chosen, key=lambda r: r.id)
    for repair in repairs:
        repair.cost = costs[repair.id]  # type: ignore[attr-defined]
    return report
