"""The demo office's customer service: both cadences, every outcome of a callback, fallbacks,
problems open and closed, all made through the use cases. On SQLite and MariaDB."""

from __future__ import annotations

from models import callbacks, demo
from models.callbacks import Callback, CallbackAttempt, CallbackState, Method, ProblemState


def test_C9_C4_the_demo_has_both_cadences_every_outcome_and_problems_open_and_closed(database):
    summary = demo.load(password="demo-pass-1")
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
