"""The stocktake document: its states and tables, the approval flow, the quarterly reminder and
the open (the snapshot of book quantities and the ledger mark)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, documents, workflow
from models.base import BaseModel, now
from models.db import db
from models.documents import Document, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Role, User, require_role
from models.periods import Period, quarter_bounds, quarter_of
from models.supplies.stock import (
    STORE_ROLES,
    Category,
    Item,
    Movement,
    lock_items,
)
from models.workflow import Approver, Flow, Instance, Node, State


class StocktakeState(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    POSTED = "posted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "open": "盘点中",
            "pending": "审批中",
            "returned": "已退回",
            "approved": "已批准待过账",
            "rejected": "未批准",
            "posted": "已过账",
            "cancelled": "已作废",
        }[self.value]


ACTIVE = (
    StocktakeState.OPEN,
    StocktakeState.PENDING,
    StocktakeState.RETURNED,
    StocktakeState.APPROVED,
)
COUNTING = (StocktakeState.OPEN, StocktakeState.RETURNED)


T = StocktakeState


class Stocktake(Document):
    """季度盘点, document type ``supplies_stocktake`` (S5, S8). Its verbs keep their own
    checks (a posted stocktake is refused with its own message); ``TRANSITIONS`` declares
    the actions for ``available_actions``."""

    DOC_TYPE = "supplies_stocktake"
    STATES = StocktakeState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: T.APPROVED,
        State.REJECTED: T.REJECTED,
        State.RETURNED: T.RETURNED,
        State.WITHDRAWN: T.RETURNED,
        State.CLOSED: T.CANCELLED,
    }
    TRANSITIONS = (
        transition("count", COUNTING, roles=STORE_ROLES),
        transition("submit", COUNTING, roles=STORE_ROLES),
        transition("cancel", COUNTING, roles=STORE_ROLES),
        transition("approve", [T.PENDING], nodes=["leader"]),
        transition("reject", [T.PENDING], nodes=["leader"]),
        transition("return", [T.PENDING], nodes=["leader"]),
        transition("withdraw", [T.PENDING], engine="withdraw"),
        transition("post", [T.APPROVED], roles=STORE_ROLES),
        transition("print"),
    )

    number = peewee.CharField(max_length=20, unique=True)  # PD2026-0001
    year = peewee.IntegerField()
    quarter = peewee.IntegerField()
    blind = peewee.BooleanField(default=False)
    state = peewee.CharField(max_length=12, default=StocktakeState.OPEN, index=True)
    mark = peewee.IntegerField(default=0)  # the ledger's highest movement id at the snapshot
    opened_by = peewee.ForeignKeyField(User)
    opened_at = peewee.DateTimeField()
    submitted_at = peewee.DateTimeField(null=True)
    approved_at = peewee.DateTimeField(null=True)
    posted_by = peewee.ForeignKeyField(User, null=True)
    posted_at = peewee.DateTimeField(null=True)
    note = peewee.TextField(default="")
    cancel_reason = peewee.TextField(default="")

    class Meta:
        indexes = ((("year", "quarter"), False),)

    @property
    def period(self) -> str:
        """The quarter as a code (2026Q4): what flows and files compare."""
        return f"{self.year}Q{self.quarter}"

    @property
    def period_label(self) -> str:
        """The quarter as people write it (2026年第四季度): what screens and paper show."""
        return Period.quarter(self.year, self.quarter).label()

    def approval_title(self) -> tuple[str, str]:
        """With the units gained and lost, as its lines hold them once submitted."""
        gain = loss = 0
        for (variance,) in self.lines.select(StocktakeLine.variance).tuples():
            gain += max(variance or 0, 0)
            loss += max(-(variance or 0), 0)
        return (
            f"{self.year}年第{self.quarter}季度办公用品盘点 {self.number}"
            f"（盘盈 {gain}，盘亏 {loss}）",
            f"Office supplies stocktake {self.year} Q{self.quarter} {self.number}"
            f" (gained {gain}, lost {loss})",
        )

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        return {"approved_at": inst.finished_at or now()} if state == State.APPROVED else {}


class StocktakeLine(BaseModel):
    stocktake = peewee.ForeignKeyField(Stocktake, backref="lines")
    item = peewee.ForeignKeyField(Item)
    book = peewee.IntegerField()  # snapshot at the open
    counted = peewee.IntegerField(null=True)
    counted_at = peewee.DateTimeField(null=True)
    counted_by = peewee.ForeignKeyField(User, null=True)
    during = peewee.IntegerField(null=True)  # movements between snapshot and count
    variance = peewee.IntegerField(null=True)  # frozen on submission
    reason = peewee.TextField(default="")
    movement = peewee.ForeignKeyField(Movement, null=True)  # the 盘盈/盘亏 posted

    class Meta:
        indexes = ((("stocktake", "item"), True),)


STOCKTAKE_TABLES = [Stocktake, StocktakeLine]

STOCKTAKE_FLOW = workflow.register_flow(
    Flow(
        Stocktake.DOC_TYPE,
        "办公用品季度盘点",
        (
            Node(
                "leader",
                "主要领导审批",
                (Approver.role(Role.LEADER),),
                name_en="Main leader's approval",
            ),
        ),
        separate_duties=True,
        rule="S5",
        name_en="Office supplies quarterly stocktake",
    )
)
documents.register(Stocktake)


# --- reminder ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StocktakeReminder:
    """The quarter's count is due (每季度初): since ``since``, none posted yet."""

    year: int
    quarter: int
    since: date
    days_due: int
    active: Stocktake | None  # a count under way for the quarter, if any

    @property
    def message(self) -> str:
        if self.active is not None:
            return (
                f"{self.year}年第{self.quarter}季度盘点 {self.active.number} "
                f"{self.active.state_label}，尚未过账"
            )
        return f"{self.year}年第{self.quarter}季度初应盘点库存（已过 {self.days_due} 天）"


def stocktake_due(*, today: date) -> StocktakeReminder | None:
    """S5: from the first day of each quarter until a stocktake of that quarter is posted,
    the store is due for its count. ``None`` when this quarter's count is done."""
    year, quarter = quarter_of(today)
    rows = Stocktake.select().where(
        (Stocktake.year == year)
        & (Stocktake.quarter == quarter)
        & Stocktake.state.in_([StocktakeState.POSTED, *ACTIVE])
    )
    if any(st.state == StocktakeState.POSTED for st in rows):
        return None
    active = next((st for st in rows if st.state in ACTIVE), None)
    since = quarter_bounds(year, quarter)[0]
    return StocktakeReminder(year, quarter, since, (today - since).days, active)


# --- open --------------------------------------------------------------------------------


def _posted_refusal(st: Stocktake) -> RuleViolation:
    return RuleViolation(
        "S5",
        f"盘点 {st.number} 已过账，不能更改",
        f"stocktake {st.number} is posted; it cannot change",
    )


def _require_counting(st: Stocktake) -> None:
    if st.state == StocktakeState.POSTED:
        raise _posted_refusal(st)
    if st.state not in COUNTING:
        raise RuleViolation(
            "S5",
            f"盘点{st.state_label}，不能录入",
            f"the stocktake is {st.state}; counts cannot change",
        )


def open_stocktake(
    actor: User,
    *,
    blind: bool = False,
    year: int | None = None,
    quarter: int | None = None,
    categories: Iterable[Category | str] | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Stocktake:
    """Open the quarter's count: snapshot the book quantity of every item in the catalogue
    (or of ``categories``) under the item locks, remember the ledger position. One count at
    a time, so two sheets never correct the same stock twice."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        this_year, this_quarter = quarter_of(at)
        year, quarter = year or this_year, quarter or this_quarter
        quarter_bounds(year, quarter)
        active = Stocktake.select().where(Stocktake.state.in_(list(ACTIVE))).first()
        if active is not None:
            raise RuleViolation(
                "S5",
                f"盘点 {active.number} 尚未完成，不能同时开始另一次盘点",
                f"stocktake {active.number} is still under way",
            )
        query = Item.select(Item.id).where(Item.voided_at.is_null())
        if categories is not None:
            query = query.where(Item.category.in_([Category(c).value for c in categories]))
        items = lock_items(i.id for i in query)
        if not items:
            raise RuleViolation("S5", "没有可盘点的物品", "there is nothing to count")
        mark = Movement.select(peewee.fn.MAX(Movement.id)).scalar() or 0
        st = Stocktake.create(
            number=next_number("PD", at.year),
            year=year,
            quarter=quarter,
            blind=blind,
            mark=mark,
            opened_by=actor,
            opened_at=at,
            note=note.strip(),
        )
        StocktakeLine.insert_many(
            [{"stocktake": st.id, "item": i.id, "book": i.on_hand} for i in items.values()]
        ).execute()
        audit.record(
            actor,
            "stocktake",
            st.id,
            "open",
            {"lines": (None, len(items)), "blind": (None, blind), "mark": (None, mark)},
        )
        return st
