"""季度盘点: the quarterly count of the store (S5).

    每季度初 the store is due for a count (``stocktake_due``)
    → logistics opens a stocktake: the book quantity of every item is snapshotted, and the
      ledger position at that moment is remembered (``mark``)
    → the count sheet (optionally blind: book quantities hidden until the count is handed in)
    → counts entered one by one or in bulk from the Excel importer (``set_counts``)
    → submitted: every line counted; variance = counted − (snapshot + movements between the
      snapshot and the moment the line was counted); every non-zero variance has a reason
    → the main leader approves on the approval engine
    → logistics posts: 盘盈 / 盘亏 movements (S8). A posted stocktake never changes.

Why the count is right while the store keeps working: opening locks every counted item row
before it reads the stock and the ledger's highest movement id, so every movement of those
items is either inside the snapshot (committed before) or after ``mark`` (its id is drawn
after the open). A clerk may issue paper at 10:30 while the shelf was counted at 10:05: the
issue is after the count, so it is not in the expected quantity; one at 9:50 is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, documents, workflow
from models.base import BaseModel, guarded_update, now
from models.db import db
from models.documents import Document, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Role, User, require_role
from models.supplies.stock import (
    CATEGORY_ORDER,
    CENT,
    STORE_ROLES,
    Category,
    Item,
    Movement,
    MovementKind,
    lock_items,
    post_movement,
    quarter_bounds,
    quarter_of,
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
        return f"{self.year}Q{self.quarter}"

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
        (Node("leader", "主要领导审批", (Approver.role(Role.LEADER),)),),
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
    require_role(actor, *STORE_ROLES)
    this_year, this_quarter = quarter_of(at)
    year, quarter = year or this_year, quarter or this_quarter
    quarter_bounds(year, quarter)
    with db.atomic():
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


# --- the count sheet ---------------------------------------------------------------------


@dataclass(frozen=True)
class CountSheetRow:
    """A line of the 盘点表; ``book`` is ``None`` on a blind count still being counted."""

    line_id: int
    item_id: int
    code: str
    name: str
    category: str
    specification: str
    unit: str
    book: int | None
    counted: int | None
    reason: str


def count_sheet(stocktake: Stocktake) -> list[CountSheetRow]:
    """The rows of the count sheet (PDF, Excel, entry grid), by category and code. On a blind
    count the book quantities stay hidden until the count is handed in."""
    st = Stocktake.get_by_id(stocktake.id)
    hide = st.blind and st.state in COUNTING
    rows = (
        StocktakeLine.select(StocktakeLine, Item)
        .join(Item)
        .where(StocktakeLine.stocktake == st.id)
        .order_by(CATEGORY_ORDER, Item.code)
    )
    return [
        CountSheetRow(
            line.id,
            line.item_id,
            line.item.code,
            line.item.name,
            Category(line.item.category).label,
            line.item.specification,
            line.item.unit,
            None if hide else line.book,
            line.counted,
            line.reason,
        )
        for line in rows
    ]


def _line(st: Stocktake, item: Item | int | str) -> StocktakeLine:
    query = StocktakeLine.select().join(Item).where(StocktakeLine.stocktake == st.id)
    if isinstance(item, Item):
        query = query.where(Item.id == item.id)
    elif isinstance(item, int):
        query = query.where(Item.id == item)
    else:
        query = query.where(Item.code == str(item).strip().upper())
    line = query.first()
    if line is None:
        raise RuleViolation(
            "S5",
            f"物品 {item} 不在本次盘点表中",
            f"item {item} is not on this count sheet",
            field="item",
        )
    return line


def _count_value(value: object, code: str) -> int:
    try:
        number = Decimal(str(value).strip())
    except Exception:  # every unparsable cell is the same refusal
        number = Decimal("-1")
    if number < 0 or number != number.to_integral_value():
        raise RuleViolation(
            "S5",
            f"{code} 的实盘数量应为不小于0的整数：{value}",
            f"{code}: the count must be a whole number >= 0: {value}",
            field="counted",
        )
    return int(number)


def enter_count(
    actor: User,
    stocktake: Stocktake,
    *,
    item: Item | int | str,
    counted: int,
    reason: str | None = None,
    counted_at: datetime | None = None,
) -> StocktakeLine:
    """Enter (or correct) the counted quantity of one item (by item, id or code);
    ``counted_at`` is when the shelf was counted, by default now."""
    return set_counts(
        actor,
        stocktake,
        {item.id if isinstance(item, Item) else item: (counted, reason)},
        counted_at=counted_at,
    )[0]


def set_counts(
    actor: User,
    stocktake: Stocktake,
    counts: Mapping[int | str, int | tuple[int, str | None]],
    *,
    counted_at: datetime | None = None,
) -> list[StocktakeLine]:
    """Bulk entry for the Excel importer: ``{item code or id: counted}`` or
    ``{...: (counted, reason)}``. All or nothing: one bad cell refuses the whole sheet,
    naming the item."""
    counted_at = counted_at or now()
    require_role(actor, *STORE_ROLES)
    with db.atomic():
        st = Stocktake.lock(stocktake)
        _require_counting(st)
        if counted_at < st.opened_at:
            raise RuleViolation(
                "S5",
                "实盘时间不能早于盘点开始时间",
                "a count cannot be earlier than the snapshot",
                field="counted_at",
            )
        done = []
        for key, value in counts.items():
            counted, reason = value if isinstance(value, tuple) else (value, None)
            line = _line(st, key)
            changes: dict[str, object] = {
                "counted": _count_value(counted, line.item.code),
                "counted_at": counted_at,
                "counted_by": actor.id,
            }
            if reason is not None:
                changes["reason"] = reason.strip()
            StocktakeLine.update(changes).where(StocktakeLine.id == line.id).execute()
            done.append(line.id)
        audit.record(actor, "stocktake", st.id, "count", {"lines": (None, len(done))})
        return list(StocktakeLine.select().where(StocktakeLine.id.in_(done)))


def set_reason(
    actor: User, stocktake: Stocktake, *, item: Item | int | str, reason: str
) -> StocktakeLine:
    """The reason of a variance (破损, 漏登, 计量误差...), required before submission when the
    variance is not zero."""
    require_role(actor, *STORE_ROLES)
    with db.atomic():
        st = Stocktake.lock(stocktake)
        _require_counting(st)
        line = _line(st, item)
        StocktakeLine.update(reason=reason.strip()).where(StocktakeLine.id == line.id).execute()
        return StocktakeLine.get_by_id(line.id)


def _during_all(st: Stocktake) -> dict[int, int]:
    """Per counted line: the sum of the item's movements after the snapshot and no later than
    the moment it was counted. One grouped query for the whole sheet."""
    query = (
        StocktakeLine.select(StocktakeLine.id, peewee.fn.SUM(Movement.quantity))
        .join(
            Movement,
            on=(
                (Movement.item == StocktakeLine.item)
                & (Movement.id > st.mark)
                & (Movement.at <= StocktakeLine.counted_at)
            ),
        )
        .where((StocktakeLine.stocktake == st.id) & StocktakeLine.counted.is_null(False))
        .group_by(StocktakeLine.id)
        .tuples()
    )
    return {line_id: int(total or 0) for line_id, total in query}


@dataclass(frozen=True)
class VarianceRow:
    line_id: int
    item_id: int
    code: str
    name: str
    unit: str
    book: int
    during: int
    expected: int
    counted: int | None
    variance: int | None
    reason: str


def variances(stocktake: Stocktake) -> list[VarianceRow]:
    """Live variances of the counted lines: counted − (book + movements between snapshot and
    count). For the logistics officer reconciling before submission (not for a blind counter);
    after submission the frozen figures are shown."""
    st = Stocktake.get_by_id(stocktake.id)
    live = _during_all(st) if st.state in COUNTING else {}
    rows = []
    for line in (
        StocktakeLine.select(StocktakeLine, Item)
        .join(Item)
        .where(StocktakeLine.stocktake == st.id)
        .order_by(CATEGORY_ORDER, Item.code)
    ):
        if st.state in COUNTING:
            during = live.get(line.id, 0)
            variance = None if line.counted is None else line.counted - (line.book + during)
        else:
            during, variance = line.during or 0, line.variance
        rows.append(
            VarianceRow(
                line.id,
                line.item_id,
                line.item.code,
                line.item.name,
                line.item.unit,
                line.book,
                during,
                line.book + during,
                line.counted,
                variance,
                line.reason,
            )
        )
    return rows


# --- submit, approve, post ---------------------------------------------------------------


def submit_stocktake(actor: User, stocktake: Stocktake, *, at: datetime | None = None) -> Stocktake:
    """Hand the count in for approval: every line counted, variances frozen, and a reason
    for every non-zero variance (S5)."""
    at = at or now()
    require_role(actor, *STORE_ROLES)
    with db.atomic():
        st = Stocktake.lock(stocktake)
        _require_counting(st)
        lines = list(
            StocktakeLine.select(StocktakeLine, Item)
            .join(Item)
            .where(StocktakeLine.stocktake == st.id)
        )
        missing = [ln.item.code for ln in lines if ln.counted is None]
        if missing:
            shown = "、".join(missing[:10]) + ("……" if len(missing) > 10 else "")
            raise RuleViolation(
                "S5",
                f"尚有 {len(missing)} 项未盘点：{shown}",
                f"{len(missing)} lines are not counted yet",
                field="counted",
            )
        unexplained = []
        total_gain = total_loss = 0
        during_all = _during_all(st)
        for line in lines:
            during = during_all.get(line.id, 0)
            variance = line.counted - (line.book + during)
            if variance and not line.reason.strip():
                unexplained.append(line.item.code)
            StocktakeLine.update(during=during, variance=variance).where(
                StocktakeLine.id == line.id
            ).execute()
            total_gain += max(variance, 0)
            total_loss += max(-variance, 0)
        if unexplained:
            raise RuleViolation(
                "S5",
                f"以下物品盘盈/盘亏须说明原因：{'、'.join(unexplained[:10])}",
                f"give the reason of every variance: {', '.join(unexplained[:10])}",
                field="reason",
            )
        # 退回 keeps the approval open for a resubmission; after 撤回 that approval has ended
        # (withdrawn is final), so the corrected count starts a new one.
        inst = st.instance()
        returned = inst is not None and inst.state == State.RETURNED
        guarded_update(st, st.version, state=StocktakeState.PENDING, submitted_at=at)
        fields = {"gain": total_gain, "loss": total_loss, "period": st.period}
        if returned:
            workflow.resubmit(actor, inst.id, fields=fields, at=at)
        else:
            workflow.submit(
                actor,
                STOCKTAKE_FLOW.doc_type,
                title=f"{st.year}年第{st.quarter}季度办公用品盘点 {st.number}"
                f"（盘盈 {total_gain}，盘亏 {total_loss}）",
                doc_id=st.id,
                fields=fields,
                at=at,
            )
        audit.record(actor, "stocktake", st.id, "submit", {"state": (st.state, "pending")})
        return Stocktake.get_by_id(st.id)


def approve_stocktake(
    actor: User, stocktake: Stocktake, comment: str = "", *, at: datetime | None = None
) -> Stocktake:
    """主要领导审批 of the count and its variances."""
    with db.atomic():
        st = Stocktake.lock(stocktake)
        if st.state != StocktakeState.PENDING:
            if st.state == StocktakeState.POSTED:
                raise _posted_refusal(st)
            raise RuleViolation("S5", "盘点不在审批中", "the stocktake is not awaiting approval")
        workflow.approve(actor, st.instance().id, comment or "同意", at=at)
        return Stocktake.get_by_id(st.id)


def post_stocktake(actor: User, stocktake: Stocktake, *, at: datetime | None = None) -> Stocktake:
    """过账: the approved variances become 盘盈 / 盘亏 movements (S8), and the stocktake is
    closed for good."""
    at = at or now()
    require_role(actor, *STORE_ROLES)
    with db.atomic():
        st = Stocktake.lock(stocktake)
        if st.state == StocktakeState.POSTED:
            raise _posted_refusal(st)
        if st.state != StocktakeState.APPROVED:
            raise RuleViolation(
                "S5",
                f"盘点{st.state_label}，须经主要领导批准后过账",
                "a stocktake is posted only after approval",
            )
        lines = [
            ln
            for ln in StocktakeLine.select().where(StocktakeLine.stocktake == st.id)
            if ln.variance
        ]
        locked = lock_items(ln.item_id for ln in lines)
        for line in sorted(lines, key=lambda ln: ln.item_id):
            kind = MovementKind.GAIN if line.variance > 0 else MovementKind.LOSS
            movement = post_movement(
                actor,
                locked[line.item_id],
                kind,
                line.variance,
                reason=f"{kind.label}：{line.reason}",
                at=at,
                doc_type="stocktake",
                doc_id=st.id,
                doc_number=st.number,
                rule="S5",
            )
            StocktakeLine.update(movement=movement.id).where(StocktakeLine.id == line.id).execute()
        guarded_update(st, st.version, state=StocktakeState.POSTED, posted_by=actor, posted_at=at)
        audit.record(actor, "stocktake", st.id, "post", {"movements": (None, len(lines))})
        return st


def cancel_stocktake(actor: User, stocktake: Stocktake, reason: str) -> Stocktake:
    """Void a count still being counted (wrong sheet, started too early)."""
    require_role(actor, *STORE_ROLES)
    if not (reason or "").strip():
        raise RuleViolation("X2", "作废盘点须填写原因", "voiding needs a reason", field="reason")
    with db.atomic():
        st = Stocktake.lock(stocktake)
        _require_counting(st)
        inst = st.instance()
        if inst is not None and inst.state == State.RETURNED:
            workflow.withdraw(actor, inst.id, reason)
            st = Stocktake.lock(st.id)
        guarded_update(st, st.version, state=StocktakeState.CANCELLED, cancel_reason=reason)
        audit.record(actor, "stocktake", st.id, "cancel", note=reason.strip())
        return st


# --- report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StocktakeResultRow:
    """A line of the 盘点结果 register."""

    code: str
    name: str
    category: str
    specification: str
    unit: str
    book: int
    during: int
    expected: int
    counted: int | None
    variance: int | None
    price: Decimal
    amount: Decimal | None  # variance × the item's last price
    reason: str


def stocktake_result(stocktake: Stocktake) -> list[StocktakeResultRow]:
    """The stocktake result: book, movements during the count, expected, counted, variance
    and its value, reason; by category and code."""
    found = variances(stocktake)
    items = {i.id: i for i in Item.select().where(Item.id.in_([v.item_id for v in found]))}
    rows = []
    for v in found:
        item = items[v.item_id]
        amount = None if v.variance is None else (item.price * v.variance).quantize(CENT)
        rows.append(
            StocktakeResultRow(
                v.code,
                v.name,
                Category(item.category).label,
                item.specification,
                v.unit,
                v.book,
                v.during,
                v.expected,
                v.counted,
                v.variance,
                item.price,
                amount,
                v.reason,
            )
        )
    return rows
