"""Where 车辆管理's month-end statistics meet 客户服务's callbacks (F8 → C).

Neither domain imports the other (``tests/test_layering.py``): this piece of the shell reads
the repairs ``fleet.monthly_report(period).spot_checks`` picked and hands them, as plain
``callbacks.SpotPick`` data, to the callbacks tab that turns them into 抽查回访
(``callbacks.spot_check_callbacks``). A repair without an applicant to call (a paper record
entered without its driver) is left out and named."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.callbacks import SpotPick


@dataclass
class MonthPicks:
    picks: list[SpotPick] = field(default_factory=list)
    no_applicant: list[str] = field(default_factory=list)  # repair numbers


def picked_repairs(period: str) -> MonthPicks:
    """The repairs closed in ``period`` (``"2026-10"``) that F8 picked, reproducibly."""
    from models import fleet  # the fleet domain loads on first use, as the pages do

    found = MonthPicks()
    for repair in fleet.monthly_report(period).spot_checks:
        if repair.driver_id is None:
            found.no_applicant.append(repair.number)
        else:
            found.picks.append(SpotPick(repair.id, repair.number, repair.driver_id))
    return found
