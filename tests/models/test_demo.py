"""The demo office loads through the real use cases on an empty database, on both backends.

The demo is loaded once per backend for the whole module (``demo_office``): every test here
only reads it, and a load is the most expensive set-up of the suite."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models import callbacks, demo, fleet, people, workflow
from models.base import now
from models.callbacks import Callback, CallbackAttempt, CallbackState, Method, ProblemState
from models.db import db
from models.fleet import demo as fleet_demo
from models.people import Role, User
from tests.conftest import backend_database


@pytest.fixture(scope="module", params=["sqlite", "mysql"])
def demo_office(request, tmp_path_factory) -> demo.DemoSummary:
    with backend_database(request.param, tmp_path_factory.mktemp("demo")):
        yield demo.load(password="demo-pass-1")


def test_demo_fills_every_role_and_a_year_of_fleet(demo_office):
    summary = demo_office
    assert {r for u in User.select() for r in u.roles} == set(Role)
    assert summary.counts["vehicles"] == 30 and summary.counts["repairs"] > 100
    assert people.authenticate("wangjianguo", "demo-pass-1")
    plates = [v.plate for v in fleet.Vehicle.select()]
    assert all(fleet.normalize_plate(p) == p for p in plates)
    assert any(len(p) == 8 and "·" not in p for p in plates)  # new-energy plates too
    closed = fleet.Repair.select().where(fleet.Repair.state == fleet.RepairState.CLOSED)
    assert closed.count() > 100
    leader = User.get(User.username == "wangjianguo")
    assert workflow.inbox(leader).count() >= 1  # something to approve on first start


def test_F2_the_demo_enters_its_paper_history_before_the_go_live_date(demo_office):
    summary = demo_office
    assert summary.counts["history"] == 8
    history = fleet.Repair.select().where(fleet.Repair.historical)
    live = fleet.Repair.select().where(~fleet.Repair.historical)
    go_live = fleet.go_live_date()
    assert go_live == min(r.applied_at for r in live).date()
    assert max(r.closed_at for r in history).date() < go_live
    old = fleet.RepairShop.get(fleet.RepairShop.name == "老城汽修厂")
    assert not old.designated and old.repairs.count() == 3  # off the list, history kept


def test_the_printed_user_list_names_the_drivers_who_can_report_repairs(demo_office):
    summary = demo_office
    printed = summary.report()
    drivers = {d.username for v in fleet.Vehicle.select() for d in fleet.drivers_of(v)}
    assert drivers and all(f"  {u}\t" in printed for u in drivers)
    assert people.authenticate(sorted(drivers)[0], "demo-pass-1")


def test_F1_demo_maintenance_is_mostly_on_time(demo_office):
    rows = list(fleet.Maintenance.select())
    on_time = sum(bool(m.on_time) for m in rows)
    assert on_time / len(rows) > 0.6
    compliance = fleet.maintenance_compliance(min(m.done_on for m in rows), date.today())
    ok, total = map(sum, zip(*compliance.values(), strict=True))
    assert total == len(rows) and ok == on_time


def test_F10_the_demo_has_use_requests_in_several_states(demo_office):
    summary = demo_office
    states = {u.state for u in fleet.VehicleUse.select()}
    assert summary.counts["uses"] == fleet.VehicleUse.select().count() >= 6
    assert {
        fleet.UseState.APPLIED,
        fleet.UseState.APPROVED,
        fleet.UseState.RETURNED,
        fleet.UseState.WITHDRAWN,
    } <= states


def test_C9_C4_the_demo_has_both_cadences_every_outcome_and_problems_open_and_closed(demo_office):
    summary = demo_office
    assert summary.counts["customers"] == 240 and summary.counts["callback records"] > 300
    keys = {cb.period_key for cb in Callback.select(Callback.period_key)}
    assert any("Q" in k for k in keys) and any("-" in k for k in keys)  # quarterly and monthly
    states = {cb.state for cb in Callback.select(Callback.state)}
    assert set(CallbackState) <= states | {CallbackState.IN_PROGRESS}
    outcomes = {a.outcome for a in CallbackAttempt.select(CallbackAttempt.outcome)}
    assert {"reached", "no_answer", "vacant", "refused", "rescheduled"} <= outcomes
    methods = {cb.method for cb in Callback.select().where(Callback.state == CallbackState.DONE)}
    assert {Method.PHONE, Method.ONSITE} <= methods  # fallbacks reached the customer on-site
    problems = {p.state for p in callbacks.Problem.select()}
    assert {ProblemState.OPEN, ProblemState.FIXED, ProblemState.CLOSED} <= problems
    important = Callback.select().join(callbacks.Customer).where(callbacks.Customer.important)
    assert important.count() > 0
    merged = callbacks.Complaint.select().where(
        callbacks.Complaint.state == callbacks.ComplaintState.MERGED
    )
    assert merged.count() >= 1  # the demo's repeat complaint, merged


def test_T3_the_training_demo_is_one_fixed_school_year_whatever_the_day(demo_office):
    """The training demo is anchored to its school year (``models.training.demo``), not to
    today: the same sessions are held and marked on every day the demo is loaded."""
    from models import training
    from models.training import demo as training_demo

    sessions = list(training.sessions_of())
    assert {s.term.school_year for s in sessions} == {training_demo.SCHOOL_YEAR}
    groups = [g.name for g in training.TeachingGroup.select().order_by(training.TeachingGroup.id)]
    assert groups == list(training_demo.GROUPS) and len(groups) == 8
    assert training.Teacher.select().count() == 120  # about a school's staff
    assert all(s.date.weekday() < 5 for s in sessions)  # every group meets on a weekday
    held = [s for s in sessions if s.register_state == training.RegisterState.CLOSED]
    planned = [s for s in sessions if s.state == training.SessionState.PLANNED]
    assert held == [s for s in planned if s.date < training_demo.HELD_UNTIL]
    assert any(s.planned_date != s.date for s in sessions)  # 国庆 moved one
    marks = training.AttendanceMark.select()
    assert {m.status for m in marks} >= {"present", "late", "early", "leave", "excused", "truant"}
    assert (len(sessions), len(held), marks.count()) == (156, 72, 1080)
    autumn = [s for s in planned if s.term.number == 1]
    assert autumn == held  # the autumn term is held to its end: its credits can be registered


def test_T4_the_training_demo_approves_the_autumn_credits_and_one_amendment(demo_office):
    """The autumn term's register is computed with the quality grades, approved by the main
    leader, then amended for a certificate handed in late (approved too); the bureau's
    register reads the amendment, the original stays as it was approved."""
    from decimal import Decimal

    from models import training

    regs = list(training.CreditRegister.select().order_by(training.CreditRegister.amendment_no))
    states = [(r.school_year, r.term_no, r.amendment_no, r.state) for r in regs]
    assert states == [("2026-2027", 1, 0, "approved"), ("2026-2027", 1, 1, "approved")]
    original, amended = regs
    assert amended.amends_id == original.id and "证书" in amended.amend_reason
    assert {r.prepared_by.username for r in regs} == {"tangmin"}
    grades = {g.teacher.name: g.grade for g in training.QualityGrade.select()}
    assert len(grades) == 22 and grades["宋涛"] == "优" and grades["陈刚"] == "优"
    assert training.approved_registers("2026-2027") == [amended]
    before = {ln.teacher.name: ln for ln in training.lines_of(original)}
    after = {ln.teacher.name: ln for ln in training.lines_of(amended)}
    assert after["宋涛"].external_hours - before["宋涛"].external_hours == 8
    assert all(before[n].credits == after[n].credits for n in after if n != "宋涛")
    rows = training.bureau_register("2026-2027")
    assert [r.staff_no for r in rows] == [f"{n:05d}" for n in range(1, 121)]
    songtao = rows[0]
    figures = (songtao.sessions, songtao.attended, songtao.external_hours, songtao.credits)
    assert figures == (9, 8, Decimal("20"), Decimal("5.5"))
    assert sum(r.credits for r in rows) == Decimal("362.5")
    assert sum(r.truancies for r in rows) == 46


def test_C9_the_callbacks_demo_is_one_fixed_half_year_whatever_the_day(demo_office):
    """The callbacks demo counts from its own day (``models.callbacks.demo.DEMO_DAY``), not
    from today: the same plans, callbacks and attempts on every day the demo is loaded."""
    from models.callbacks import demo as callbacks_demo

    day = callbacks_demo.DEMO_DAY
    windows = {(p.window_from, p.window_to) for p in callbacks.CallbackPlan.select()}
    assert windows == {(date(2026, 6, 1), date(2026, 12, 31))}
    attempts = CallbackAttempt.select(CallbackAttempt.at)
    assert max(a.at for a in attempts).date() <= day
    made = Callback.select().where(Callback.state == CallbackState.DONE)
    assert made.count() == demo_office.counts["callback records"]
    figures = (Callback.select().count(), made.count(), demo_office.counts["problems"])
    assert figures == (1000, 884, 52)  # the same on every day and both backends


def test_X1_every_table_the_demo_files_to_declares_who_may_attach(demo_office):
    """Files reach a record through ``attachments.attach`` (the files panel) as well as
    through its use case: every kind of record the office files papers to has declared, in
    its domain, who may attach them; none takes files from any active user."""
    from models import attachments
    from models.attachments import Attachment

    filed = {a.owner_type for a in Attachment.select(Attachment.owner_type).distinct()}
    assert {"callback_record", "external_training"} <= filed
    assert filed <= set(attachments._GUARDS), filed - set(attachments._GUARDS)


def test_F8_the_demo_drivers_have_phones_so_last_months_spot_checks_become_callbacks(
    demo_office,
):
    """生成抽查回访 on a fresh demo, for the month its dialog proposes (the last one): the
    picked repairs' applicants are phoned, none skipped. Rolled back, the demo stays as
    loaded for the other tests."""
    drivers = User.select().where(User.username.in_([u for u, _n in fleet_demo.DRIVERS]))
    phones = [d.phone for d in drivers]
    assert len(phones) == len(fleet_demo.DRIVERS) and len(set(phones)) == len(phones)
    assert all(callbacks.normalize_phone(p) == p for p in phones)  # real mobiles
    last_month = now().date().replace(day=1) - timedelta(days=1)
    picks = [
        callbacks.SpotPick(r.id, r.number, r.driver_id)
        for r in fleet.monthly_report(f"{last_month:%Y-%m}").spot_checks
        if r.driver_id is not None
    ]
    assert picks  # the demo's year closes repairs every month, and F8 picks some
    manager = User.get(User.username == "hemin")
    caller = User.get(User.username == "linxiaoyu")
    with db.atomic() as tx:
        run = callbacks.spot_check_callbacks(
            manager, picks, due_on=now().date() + timedelta(days=30), assignee=caller
        )
        assert (len(run.created), run.existing, run.no_phone) == (len(picks), [], [])
        assert {c.content_type for c in run.created} == {callbacks.ContentType.SPOT_CHECK}
        tx.rollback()
