"""C8: callback work per person and period, the figures staff performance counts.

For each person holding callbacks due in the period: assigned (due in the period), done
(recorded or confirmed unreachable), on time (finished by the due day), reached (a record),
the average satisfaction of their records (current versions only), and the problems he
raised in the period. One grouped query per figure; no row is loaded one by one."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from models.callbacks.callbacks import Callback, CallbackState
from models.callbacks.problems import Problem
from models.callbacks.records import CallbackRecord
from models.people import User
from models.periods import Period


@dataclass(frozen=True)
class StaffFigures:
    user_id: int
    name: str
    assigned: int
    done: int
    on_time: int
    reached: int
    satisfaction: float | None  # average 1–5, None without a record
    problems_raised: int

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.assigned if self.assigned else None


def staff_figures(period: Period) -> list[StaffFigures]:
    """C8: the per-person figures of ``period`` (a month, a quarter, a year), by name."""
    first, after = period.half_open()
    due = (
        (Callback.due_on >= first)
        & (Callback.due_on < after)
        & (Callback.state != CallbackState.CANCELLED)
        & Callback.assignee.is_null(False)
    )
    finished = Callback.state.in_([CallbackState.DONE, CallbackState.UNREACHABLE])
    rows: dict[int, dict[str, float | int | None]] = {}

    def put(uid: int, key: str, value: float | int | None) -> None:
        rows.setdefault(uid, {})[key] = value

    counts = (
        Callback.select(
            Callback.assignee,
            peewee.fn.COUNT(Callback.id),
            peewee.fn.SUM(peewee.Case(None, [(finished, 1)], 0)),
            peewee.fn.SUM(peewee.Case(None, [(Callback.state == CallbackState.DONE, 1)], 0)),
        )
        .where(due)
        .group_by(Callback.assignee)
        .tuples()
    )
    for uid, assigned, done, reached in counts:
        put(uid, "assigned", assigned)
        put(uid, "done", int(done or 0))
        put(uid, "reached", int(reached or 0))
    # on time: finished on or before the due day (finished_at is a date-time)
    for cb in Callback.select(Callback.assignee, Callback.finished_at, Callback.due_on).where(
        due & finished
    ):
        if cb.finished_at.date() <= cb.due_on:
            rows[cb.assignee_id]["on_time"] = int(rows[cb.assignee_id].get("on_time", 0)) + 1
    start, end = period.datetime_range()
    superseded = CallbackRecord.select(CallbackRecord.amends).where(
        CallbackRecord.amends.is_null(False)
    )
    scores = (
        CallbackRecord.select(Callback.assignee, peewee.fn.AVG(CallbackRecord.satisfaction))
        .join(Callback)
        .where(
            CallbackRecord.satisfaction.is_null(False)
            & CallbackRecord.id.not_in(superseded)
            & (Callback.due_on >= first)
            & (Callback.due_on < after)
            & Callback.assignee.is_null(False)
        )
        .group_by(Callback.assignee)
        .tuples()
    )
    for uid, average in scores:
        put(uid, "satisfaction", round(float(average), 2))
    raised = (
        Problem.select(Problem.raised_by, peewee.fn.COUNT(Problem.id))
        .where(
            (Problem.raised_at >= start)
            & (Problem.raised_at < end)
            & Problem.raised_by.is_null(False)
        )
        .group_by(Problem.raised_by)
        .tuples()
    )
    for uid, n in raised:
        put(uid, "problems_raised", n)
    names = dict(User.select(User.id, User.name).where(User.id.in_(list(rows))).tuples())
    out = [
        StaffFigures(
            user_id=uid,
            name=names.get(uid, ""),
            assigned=int(v.get("assigned", 0)),
            done=int(v.get("done", 0)),
            on_time=int(v.get("on_time", 0)),
            reached=int(v.get("reached", 0)),
            satisfaction=v.get("satisfaction"),  # type: ignore[arg-type]
            problems_raised=int(v.get("problems_raised", 0)),
        )
        for uid, v in rows.items()
    ]
    return sorted(out, key=lambda f: (f.name, f.user_id))
