"""季度盘点 — rule S5, on SQLite and MariaDB."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from models import supplies, workflow
from models.errors import RuleViolation
from models.supplies import MovementKind, stocktake
from models.supplies.stocktake import StocktakeState
from tests.models.test_supplies import approved_requisition, build_sup, item, opening

OPEN_AT = datetime(2026, 10, 8, 9, 0)


def counted(s, st, pen: int, paper: int, toner: int, at: datetime | None = None):
    return stocktake.set_counts(
        s.o.logistics,
        st,
        {s.pen.code: pen, s.paper.code: paper, s.toner.id: toner},
        counted_at=at or OPEN_AT + timedelta(hours=1),
    )


@pytest.fixture
def stocked(office):
    s = build_sup(office)
    opening(s, s.pen, 50)
    opening(s, s.paper, 20)
    return s


def test_S5_reminder_from_the_first_day_of_each_quarter_until_the_count_is_posted(stocked):
    assert stocktake.stocktake_due(today=date(2026, 9, 30)).quarter == 3
    due = stocktake.stocktake_due(today=date(2026, 10, 1))
    assert (due.year, due.quarter, due.since, due.days_due, due.active) == (
        2026,
        4,
        date(2026, 10, 1),
        0,
        None,
    )
    st = stocktake.open_stocktake(stocked.o.logistics, at=OPEN_AT)
    due = stocktake.stocktake_due(today=date(2026, 10, 9))
    assert due.active.id == st.id and "尚未过账" in due.message
    _post(stocked, st, 50, 20, 0)
    assert stocktake.stocktake_due(today=date(2026, 12, 31)) is None
    assert stocktake.stocktake_due(today=date(2027, 1, 1)).quarter == 1


def _post(s, st, pen, paper, toner, reasons=None):
    counted(s, st, pen, paper, toner)
    for code, reason in (reasons or {}).items():
        stocktake.set_reason(s.o.logistics, st, item=code, reason=reason)
    st = stocktake.submit_stocktake(s.o.logistics, st, at=OPEN_AT + timedelta(hours=2))
    st = stocktake.approve_stocktake(s.o.leader, st, at=OPEN_AT + timedelta(hours=3))
    return stocktake.post_stocktake(s.o.logistics, st, at=OPEN_AT + timedelta(hours=4))


def test_S5_opening_snapshots_book_quantities_and_a_blind_sheet_hides_them(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, blind=True, at=OPEN_AT)
    assert (st.number, st.year, st.quarter, st.state) == ("PD2026-0001", 2026, 4, "open")
    sheet = stocktake.count_sheet(st)
    assert [(r.code, r.category, r.book, r.counted) for r in sheet] == [
        ("SX0001", "书写工具", None, None),
        ("ZB0001", "纸本", None, None),
        ("HC0001", "耗材", None, None),
    ]
    books = {ln.item.code: ln.book for ln in st.lines}
    assert books == {"SX0001": 50, "ZB0001": 20, "HC0001": 0}
    counted(stocked, st, 50, 20, 0)
    st = stocktake.submit_stocktake(o.logistics, st, at=OPEN_AT + timedelta(hours=2))
    assert {r.code: r.book for r in stocktake.count_sheet(st)}["SX0001"] == 50  # handed in
    with pytest.raises(RuleViolation) as err:  # one count at a time
        stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    assert err.value.rule == "S5"
    with pytest.raises(RuleViolation) as err:
        stocktake.open_stocktake(o.clerk, at=OPEN_AT)
    assert err.value.rule == "X1"


def test_S5_full_cycle_variances_with_reasons_approval_then_gain_and_loss_movements(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    counted(stocked, st, 48, 21, 0)
    rows = {v.code: v for v in stocktake.variances(st)}
    assert (rows["SX0001"].variance, rows["ZB0001"].variance, rows["HC0001"].variance) == (
        -2,
        1,
        0,
    )
    with pytest.raises(RuleViolation) as err:  # variance without reason
        stocktake.submit_stocktake(o.logistics, st)
    assert (err.value.rule, err.value.field) == ("S5", "reason")
    assert "SX0001" in str(err.value) and "HC0001" not in str(err.value)
    stocktake.set_reason(o.logistics, st, item="SX0001", reason="两支损坏无法使用")
    stocktake.set_reason(o.logistics, st, item=stocked.paper, reason="上季度漏登一包")
    st = stocktake.submit_stocktake(o.logistics, st, at=OPEN_AT + timedelta(hours=2))
    assert st.state == StocktakeState.PENDING
    with pytest.raises(RuleViolation) as err:  # approved before posting
        stocktake.post_stocktake(o.logistics, st)
    assert err.value.rule == "S5"
    with pytest.raises(RuleViolation) as err:
        stocktake.approve_stocktake(o.logistics, st)
    assert err.value.rule == "X1"
    st = stocktake.approve_stocktake(o.leader, st, "同意调整")
    st = stocktake.post_stocktake(o.logistics, st, at=OPEN_AT + timedelta(hours=4))
    assert st.state == StocktakeState.POSTED
    assert (item(stocked.pen).on_hand, item(stocked.paper).on_hand) == (48, 21)
    moves = [
        (m.item.code, m.kind, m.quantity, m.doc_number)
        for m in supplies.Movement.select().where(supplies.Movement.doc_type == "stocktake")
    ]
    assert sorted(moves) == [
        ("SX0001", MovementKind.LOSS, -2, "PD2026-0001"),
        ("ZB0001", MovementKind.GAIN, 1, "PD2026-0001"),
    ]
    ledger = supplies.item_ledger(item(stocked.pen))
    assert ledger[-1].kind_label == "盘亏" and "损坏" in ledger[-1].reason
    result = {r.code: r for r in stocktake.stocktake_result(st)}
    assert (result["SX0001"].variance, result["SX0001"].amount) == (-2, Decimal("-5.00"))
    assert result["ZB0001"].reason == "上季度漏登一包"
    steps = [(s.node_name, s.action) for s in workflow.trail(st.instance().id)]
    assert steps == [("", "submit"), ("主要领导审批", "approve")]
    assert supplies.ledger_mismatches() == []


def test_S5_movements_made_while_the_count_is_open_are_accounted_for(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    # 9:30 an issue of 5 pens (before the shelf is counted at 10:00) ...
    before = approved_requisition(stocked, (stocked.pen, 5), at=OPEN_AT)
    before = supplies.issue_requisition(
        o.logistics, before, receiver=o.clerk, at=OPEN_AT + timedelta(minutes=30)
    )
    # ... the shelf shows 45 at 10:00 ...
    counted(stocked, st, 45, 20, 0, at=OPEN_AT + timedelta(hours=1))
    # ... and 10 more go out at 11:00, after the count.
    after = approved_requisition(stocked, (stocked.pen, 10), at=OPEN_AT)
    after = supplies.issue_requisition(
        o.logistics, after, receiver=o.clerk, at=OPEN_AT + timedelta(hours=2)
    )
    row = {v.code: v for v in stocktake.variances(st)}["SX0001"]
    assert (row.book, row.during, row.expected, row.variance) == (50, -5, 45, 0)
    st = stocktake.submit_stocktake(o.logistics, st, at=OPEN_AT + timedelta(hours=3))
    st = stocktake.approve_stocktake(o.leader, st)
    st = stocktake.post_stocktake(o.logistics, st)
    assert item(stocked.pen).on_hand == 35  # no false 盘亏 from the issues during the count
    assert supplies.ledger_mismatches() == []


def test_S5_every_line_is_counted_and_counts_are_whole_and_not_negative(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    stocktake.enter_count(o.logistics, st, item=stocked.pen, counted=50)
    with pytest.raises(RuleViolation) as err:
        stocktake.submit_stocktake(o.logistics, st)
    assert (err.value.rule, err.value.field) == ("S5", "counted")
    for bad in (-1, "1.5", "abc"):
        with pytest.raises(RuleViolation) as err:
            stocktake.enter_count(o.logistics, st, item=stocked.paper, counted=bad)
        assert err.value.field == "counted"
    with pytest.raises(RuleViolation) as refusal:
        stocktake.enter_count(o.logistics, st, item="XX9999", counted=1)
    assert refusal.value.rule == "S5"


def test_S5_bulk_counts_from_the_importer_are_all_or_nothing(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    with pytest.raises(RuleViolation) as err:
        stocktake.set_counts(
            o.logistics,
            st,
            {"SX0001": 50, "ZB0001": "二十", "HC0001": 0},
            counted_at=OPEN_AT + timedelta(hours=1),
        )
    assert "ZB0001" in str(err.value)
    assert all(ln.counted is None for ln in st.lines)
    lines = stocktake.set_counts(
        o.logistics,
        st,
        {"sx0001": (49, "掉落损坏"), "ZB0001": 20.0, "HC0001": "0"},
        counted_at=OPEN_AT + timedelta(hours=1),
    )
    assert sorted((ln.counted, ln.reason) for ln in lines) == [(0, ""), (20, ""), (49, "掉落损坏")]
    with pytest.raises(RuleViolation) as refusal:  # a count before the snapshot makes no sense
        stocktake.set_counts(o.logistics, st, {"SX0001": 1}, counted_at=OPEN_AT - timedelta(1))
    assert refusal.value.rule == "S5"


def test_S5_a_posted_stocktake_cannot_change(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    st = _post(stocked, st, 49, 20, 0, reasons={"SX0001": "损坏"})
    for attempt in (
        lambda: stocktake.enter_count(o.logistics, st, item=stocked.pen, counted=50),
        lambda: stocktake.set_counts(o.logistics, st, {"SX0001": 50}),
        lambda: stocktake.set_reason(o.logistics, st, item="SX0001", reason="改"),
        lambda: stocktake.submit_stocktake(o.logistics, st),
        lambda: stocktake.approve_stocktake(o.leader, st),
        lambda: stocktake.post_stocktake(o.logistics, st),
        lambda: stocktake.cancel_stocktake(o.logistics, st, "重盘"),
    ):
        with pytest.raises(RuleViolation) as err:
            attempt()
        assert err.value.rule == "S5" and "已过账" in str(err.value)
    assert item(stocked.pen).on_hand == 49
    assert supplies.Movement.select().where(supplies.Movement.doc_type == "stocktake").count() == 1


def test_S5_returned_count_is_corrected_and_a_cancelled_one_frees_the_store(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    counted(stocked, st, 40, 20, 0)
    stocktake.set_reason(o.logistics, st, item="SX0001", reason="不明")
    st = stocktake.submit_stocktake(o.logistics, st)
    workflow.return_to(o.leader, st.instance().id, "差异过大，请复盘")
    st = stocktake.Stocktake.get_by_id(st.id)
    assert st.state == StocktakeState.RETURNED
    stocktake.enter_count(
        o.logistics, st, item=stocked.pen, counted=50, counted_at=OPEN_AT + timedelta(hours=5)
    )
    st = stocktake.submit_stocktake(o.logistics, st)
    assert {ln.item_id: ln.variance for ln in st.lines}[stocked.pen.id] == 0
    st = stocktake.approve_stocktake(o.leader, st)
    st = stocktake.post_stocktake(o.logistics, st)
    assert item(stocked.pen).on_hand == 50
    second = stocktake.open_stocktake(o.logistics, at=OPEN_AT + timedelta(days=1))
    with pytest.raises(RuleViolation) as refusal:
        stocktake.cancel_stocktake(o.logistics, second, " ")
    assert refusal.value.rule == "X2"
    second = stocktake.cancel_stocktake(o.logistics, second, "误开")
    stocktake.open_stocktake(o.logistics, at=OPEN_AT + timedelta(days=1))  # store is free again


def test_S5_a_withdrawn_count_can_be_submitted_again(stocked):
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    counted(stocked, st, 50, 20, 0)
    st = stocktake.submit_stocktake(o.logistics, st)
    workflow.withdraw(o.logistics, st.instance().id, "还要复核一项")
    st = stocktake.Stocktake.get_by_id(st.id)
    assert st.state == StocktakeState.RETURNED
    st = stocktake.submit_stocktake(o.logistics, st)
    assert st.state == StocktakeState.PENDING
    assert st.instance().state == workflow.State.PENDING
    st = stocktake.approve_stocktake(o.leader, st)
    assert stocktake.post_stocktake(o.logistics, st).state == StocktakeState.POSTED


def test_S5_a_loss_beyond_the_stock_cannot_be_posted(stocked):
    """Physically impossible figures (more lost than the store holds now) are refused."""
    o = stocked.o
    st = stocktake.open_stocktake(o.logistics, at=OPEN_AT)
    counted(stocked, st, 0, 20, 0)
    stocktake.set_reason(o.logistics, st, item="SX0001", reason="全部丢失")
    st = stocktake.submit_stocktake(o.logistics, st)
    st = stocktake.approve_stocktake(o.leader, st)
    # After the approval the ledger moved in a way the count did not know about.
    req = approved_requisition(stocked, (stocked.pen, 30), at=OPEN_AT - timedelta(hours=1))
    req = supplies.issue_requisition(
        o.logistics, req, receiver=o.clerk, at=OPEN_AT + timedelta(days=2)
    )
    with pytest.raises(RuleViolation) as err:
        stocktake.post_stocktake(o.logistics, st)
    assert err.value.rule == "S5"
    assert item(stocked.pen).on_hand == 20
