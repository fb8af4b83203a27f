"""办公用品's home cards for 后勤: 待核定领用, 待发放, 待确认退库 and 盘点提醒 (S5–S7); for the
main leaders the value the departments took this month. The questions are
``models.supplies``'s, imported when the home page first asks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

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

LOGISTICS = frozenset({Role.LOGISTICS})


def _to_check(user: User) -> Any:
    from models import supplies

    return supplies.requisitions_to_check(user)


def _check_rows(user: User) -> list[CardRow]:
    return task_rows(_to_check(user))


def _awaiting() -> Any:
    from models import supplies

    return supplies.awaiting_issue()


def _issue_rows(_user: User) -> list[CardRow]:
    return [
        CardRow(
            f"{req.department.name} {req.number}",
            f"{req.submitted_at:%m-%d}",
            open=open_document("supplies_requisition", req.id),
        )
        for req in _awaiting().limit(ROWS)
    ]


def _returns() -> Any:
    from models import supplies

    return supplies.awaiting_confirmation()


def _return_rows(_user: User) -> list[CardRow]:
    return [
        CardRow(f"{ret.department.name} {ret.number}", f"{ret.filed_at:%m-%d}")
        for ret in _returns().limit(ROWS)
    ]


def _stocktake(_user: User) -> Any:
    from models import supplies

    return supplies.stocktake_due(today=now().date())


def _stocktake_rows(due: Any) -> list[CardRow]:
    return [] if due is None else [CardRow(due.message, warn=due.active is None)]


def _issued_value(_user: User) -> str:
    from models import supplies

    return money(supplies.issued_value_of_month(this_month()))


def _issued_rows(_user: User) -> list[CardRow]:
    """The month before, to read this month's figure against (at catalogue price)."""
    from models import supplies

    what = QCoreApplication.translate("home", "本月：各部门领用（扣除退库），按目录单价")
    return month_rows(what, supplies.issued_value_of_month)


CARDS = (
    HomeCard(
        "supplies.check",
        lambda: QCoreApplication.translate("home", "待核定领用"),
        lambda user: _to_check(user).count(),
        _check_rows,
        open_tab("supplies", "requisitions"),
        LOGISTICS,
        order=20,
    ),
    HomeCard(
        "supplies.issue",
        lambda: QCoreApplication.translate("home", "待发放"),
        lambda _user: _awaiting().count(),
        _issue_rows,
        open_tab("supplies", "requisitions"),
        LOGISTICS,
        order=21,
    ),
    HomeCard(
        "supplies.returns",
        lambda: QCoreApplication.translate("home", "待确认退库"),
        lambda _user: _returns().count(),
        _return_rows,
        open_tab("supplies", "returns"),
        LOGISTICS,
        order=22,
    ),
    HomeCard(
        "supplies.stocktake",
        lambda: QCoreApplication.translate("home", "盘点提醒"),
        lambda due: 0 if due is None else 1,
        _stocktake_rows,
        open_tab("supplies", "stocktake"),
        LOGISTICS,
        order=23,
        answer=_stocktake,
    ),
    HomeCard(
        "supplies.issued",
        lambda: QCoreApplication.translate("home", "本月领用金额"),
        _issued_value,
        _issued_rows,
        open_tab("supplies", "stats"),
        roles=frozenset({Role.LEADER}),
        order=51,
        figure=True,
    ),
)
