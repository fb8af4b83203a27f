"""上线日期 (the go-live date): the day the office's repairs began to go through Houqin.

F2 says every repair goes through the flow; the paper archive is the only exception, and only
for what happened before the flow existed. The date is a setting: an administrator may enter
it, and the first live application fills it in when nobody has (inside its own transaction,
so two first applications at once never leave two dates). Paper history is recorded only
before it, and the date never moves to where it would put a live repair before it or a paper
one after it.
"""

from __future__ import annotations

from datetime import date, datetime

from models import settings
from models.errors import RuleViolation
from models.fleet.repairs.document import Repair
from models.people import Actor

GO_LIVE = "fleet.go_live_date"


def go_live_date() -> date | None:
    """The office's go-live date, or ``None`` while no live repair was filed and nobody set it."""
    return settings.get(GO_LIVE)


def held_go_live_date() -> date | None:
    """The go-live date read under its row lock (inside the caller's transaction): a paper
    record checked against it cannot pass while the first live application is filing."""
    return settings.held(GO_LIVE)


def mark_go_live(actor: Actor, at: datetime) -> date | None:
    """The first live application sets the go-live date to its own day; an earlier live
    application (entered with an earlier time) brings it forward, so no live repair ever
    stands before it. Call inside the application's transaction, before the repair number is
    drawn (the lock order every writer of both keeps: this setting, then the counter)."""
    return settings.fill_if_empty(
        GO_LIVE, at.date(), by=actor, note="软件内报修设定上线日期", earlier=True
    )


def _first_live_day() -> date | None:
    first = (
        Repair.select(Repair.applied_at)
        .where(~Repair.historical)
        .order_by(Repair.applied_at)
        .first()
    )
    return first.applied_at.date() if first is not None else None


def _last_historical_day() -> date | None:
    last = (
        Repair.select(Repair.applied_at, Repair.closed_at)
        .where(Repair.historical)
        .order_by(Repair.closed_at.desc())
        .first()
    )
    return last.closed_at.date() if last is not None else None


def check_go_live(value: date | None) -> None:
    """The administrator's change of the date (a settings guard): not emptied once live
    repairs exist, not after the first live application, not on or before the last paper
    repair already recorded — either would let history and the live flow overlap (F2)."""
    first = _first_live_day()
    if first is not None and value is None:
        raise RuleViolation(
            "F2",
            f"已有软件内报修（首个报修日期 {first}），上线日期不能清空",
            f"live repairs exist since {first}; the go-live date cannot be emptied",
            field=GO_LIVE,
        )
    if first is not None and value is not None and value > first:
        raise RuleViolation(
            "F2",
            f"上线日期不能晚于首个软件内报修的日期 {first}",
            f"the go-live date cannot be after the first live application on {first}",
            field=GO_LIVE,
        )
    last = _last_historical_day()
    if last is not None and value is not None and value <= last:
        raise RuleViolation(
            "F2",
            f"已补录的历史维修完工于 {last}，上线日期须在其后",
            f"paper history is recorded up to {last}; the go-live date must come after it",
            field=GO_LIVE,
        )
