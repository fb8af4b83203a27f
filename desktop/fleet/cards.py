"""车辆管理's home cards: 待鉴定维修 (车管), 保养到期/逾期 and 超期未完工维修 (车管, 后勤), and the
month's repair cost for the main leaders. The questions are ``models.fleet``'s; the models
are imported when the home page first asks, not when the navigation is built."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import labels
from desktop.home_cards import (
    ROWS,
    CardRow,
    HomeCard,
    money,
    month_rows,
    open_document,
    open_tab,
    task_rows,
    this_month,
)
from models.base import now
from models.people import Role, User

FLEET_STAFF = frozenset({Role.FLEET_MANAGER, Role.LOGISTICS})


def _to_assess(user: User) -> Any:
    from models import fleet

    return fleet.repairs_to_assess(user)


def _assess_rows(user: User) -> list[CardRow]:
    return task_rows(_to_assess(user))


def _maintenance_rows(due_list: list[Any]) -> list[CardRow]:
    rows = []
    for due in due_list[:ROWS]:
        when = f"{due.due_date:%Y-%m-%d}" if due.due_date else ""
        detail = labels.code("maintenance", due.status) + (f" {when}" if when else "")
        rows.append(CardRow(due.vehicle.plate, detail, due.status == "overdue"))
    return rows


def _maintenance_due(_user: User) -> list[Any]:
    """Every vehicle's 保养 status, computed in Python: the card's ``answer``, asked once."""
    from models import fleet

    return fleet.maintenance_due(now().date())


def _overdue(user: User) -> Any:
    from models import fleet

    return fleet.overdue_repairs(now().date())


def _overdue_rows(user: User) -> list[CardRow]:
    return [
        CardRow(
            f"{r.vehicle.plate} {r.number}",
            QCoreApplication.translate("home", "承诺 ") + f"{r.promised_date:%m-%d}",
            True,
            open_document("fleet_repair", r.id),
        )
        for r in _overdue(user).limit(ROWS)
    ]


def _month_cost(_user: User) -> str:
    from models import fleet

    return money(fleet.repair_cost_of_month(this_month()))


def _cost_rows(_user: User) -> list[CardRow]:
    """The month before, to read this month's figure against (repairs closed in it, F8)."""
    from models import fleet

    what = QCoreApplication.translate("home", "本月：已完工维修的实际费用")
    return month_rows(what, fleet.repair_cost_of_month)


def _mine_filter(tab: Any) -> None:
    tab.mine.setChecked(True)


CARDS = (
    HomeCard(
        "fleet.assess",
        lambda: QCoreApplication.translate("home", "待鉴定维修"),
        lambda user: _to_assess(user).count(),
        _assess_rows,
        open_tab("fleet", "repairs", _mine_filter),
        frozenset({Role.FLEET_MANAGER}),
        order=10,
    ),
    HomeCard(
        "fleet.maintenance",
        lambda: QCoreApplication.translate("home", "保养到期 / 逾期"),
        len,
        _maintenance_rows,
        open_tab("fleet", "maintenance"),
        FLEET_STAFF,
        order=11,
        answer=_maintenance_due,
    ),
    HomeCard(
        "fleet.overdue",
        lambda: QCoreApplication.translate("home", "超期未完工维修"),
        lambda user: _overdue(user).count(),
        _overdue_rows,
        open_tab("fleet", "repairs"),
        FLEET_STAFF,
        order=12,
    ),
    HomeCard(
        "fleet.cost",
        lambda: QCoreApplication.translate("home", "本月维修费用"),
        _month_cost,
        _cost_rows,
        open_tab("fleet", "stats"),
        roles=frozenset({Role.LEADER}),
        order=50,
        figure=True,
    ),
)
