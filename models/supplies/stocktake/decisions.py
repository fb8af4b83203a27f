"""Submit (every line counted, variances frozen and explained), the main leader's approval,
posting as 盘盈/盘亏 movements (S8), and voiding a count still being counted."""

from __future__ import annotations

from datetime import datetime

from models import audit, workflow
from models.base import guarded_update, now
from models.db import db, retry_document, retry_on_lock_conflict
from models.errors import RuleViolation
from models.people import User, require_active, require_role
from models.supplies.stock import (
    STORE_ROLES,
    Item,
    MovementKind,
    _post_movement,
    lock_items,
)
from models.supplies.stocktake.counting import _during_all
from models.supplies.stocktake.document import (
    STOCKTAKE_FLOW,
    Stocktake,
    StocktakeLine,
    StocktakeState,
    _posted_refusal,
    _require_counting,
)
from models.text import clean, is_blank
from models.workflow import State

# --- submit, approve, post ---------------------------------------------------------------


@retry_document
def submit_stocktake(actor: User, stocktake: Stocktake, *, at: datetime | None = None) -> Stocktake:
    """Hand the count in for approval: every line counted, variances frozen, and a reason
    for every non-zero variance (S5)."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
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
            if variance and is_blank(line.reason):
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
                title=st.approval_title()[0],
                doc_id=st.id,
                fields=fields,
                at=at,
            )
        audit.record(actor, "stocktake", st.id, "submit", {"state": (st.state, "pending")})
        return Stocktake.get_by_id(st.id)


@retry_document
def approve_stocktake(
    actor: User, stocktake: Stocktake, comment: str = "", *, at: datetime | None = None
) -> Stocktake:
    """主要领导审批 of the count and its variances."""
    with db.atomic():
        require_active(actor)
        st = Stocktake.lock(stocktake)
        if st.state != StocktakeState.PENDING:
            if st.state == StocktakeState.POSTED:
                raise _posted_refusal(st)
            raise RuleViolation("S5", "盘点不在审批中", "the stocktake is not awaiting approval")
        workflow.approve(actor, st.instance().id, comment or "同意", at=at)
        return Stocktake.get_by_id(st.id)


@retry_on_lock_conflict("相同的物品", "the same items")
def post_stocktake(actor: User, stocktake: Stocktake, *, at: datetime | None = None) -> Stocktake:
    """过账: the approved variances become 盘盈 / 盘亏 movements (S8), and the stocktake is
    closed for good."""
    at = at or now()
    with db.atomic():
        require_role(actor, *STORE_ROLES)
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
            movement = _post_movement(
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


@retry_document
def cancel_stocktake(actor: User, stocktake: Stocktake, reason: str) -> Stocktake:
    """Void a count still being counted (wrong sheet, started too early)."""
    with db.atomic():
        require_role(actor, *STORE_ROLES)
        if is_blank(reason):
            raise RuleViolation(
                "X2", "作废盘点须填写原因", "voiding needs a reason", field="reason"
            )
        st = Stocktake.lock(stocktake)
        _require_counting(st)
        inst = st.instance()
        if inst is not None and inst.state == State.RETURNED:
            workflow.withdraw(actor, inst.id, reason)
            st = Stocktake.lock(st.id)
        guarded_update(st, st.version, state=StocktakeState.CANCELLED, cancel_reason=reason)
        audit.record(actor, "stocktake", st.id, "cancel", note=clean(reason))
        return st
