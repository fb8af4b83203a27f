"""X: a deadlock or a lock wait timeout never reaches the user as a driver error. The use
cases that lock stock rows run again a bounded number of times, then say in words that
someone else is working on the same items (``models.db.retry_on_lock_conflict``)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import peewee
import pytest

from models import supplies, workflow
from models.db import LOCK_RETRIES, LockConflict, is_mysql, retry_on_lock_conflict
from models.errors import Conflict
from tests.models.test_startup import _spawn
from tests.models.test_supplies import (
    approved_requisition,
    build_sup,
    item,
    opening,
    requisition,
)


class _Holder:
    """A second desktop that keeps the item row (MySQL) or the database (SQLite) locked."""

    def __init__(self, database: peewee.Database, row_id: int, table: str = "item") -> None:
        if is_mysql():
            from tests.mariadb_server import _connect

            conn = _connect(f"mysql://{_url_of(database)}")
            conn.select_db(database.database)
            conn.autocommit(False)
            conn.cursor().execute(f"SELECT id FROM `{table}` WHERE id=%s FOR UPDATE", (row_id,))
        else:
            conn = sqlite3.connect(database.database, isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
        self.conn = conn

    def release(self) -> None:
        self.conn.rollback()
        self.conn.close()


def _url_of(database: peewee.Database) -> str:
    p = database.connect_params
    return f"{p['user']}:{p.get('password', '')}@{p['host']}:{p['port']}/"


def _short_lock_waits(database: peewee.Database) -> None:
    if is_mysql():
        database.execute_sql("SET SESSION innodb_lock_wait_timeout = 1")
    else:
        database.execute_sql("PRAGMA busy_timeout = 200")


def test_X_issuing_while_someone_holds_the_items_is_refused_in_words(office, database):
    sup = build_sup(office)
    opening(sup, sup.pen, 10)
    req = approved_requisition(sup, (sup.pen, 2))
    _short_lock_waits(database)
    holder = _Holder(database, sup.pen.id)
    try:
        with pytest.raises(Conflict) as err:
            supplies.issue_requisition(office.logistics, req, receiver=office.clerk)
    finally:
        holder.release()
    assert isinstance(err.value, LockConflict)
    assert "其他人正在处理相同的物品" in err.value.zh and "same items" in err.value.en
    assert item(sup.pen).on_hand == 10
    assert supplies.Movement.select().where(supplies.Movement.kind == "issue").count() == 0


def test_X_a_lock_released_during_the_retries_lets_the_issue_through(office, database):
    if not is_mysql():
        pytest.skip("SQLite waits in its busy timeout instead of retrying")
    sup = build_sup(office)
    opening(sup, sup.pen, 10)
    req = approved_requisition(sup, (sup.pen, 2))
    _short_lock_waits(database)
    holder = _Holder(database, sup.pen.id)
    threading.Timer(1.5, holder.release).start()
    supplies.issue_requisition(office.logistics, req, receiver=office.clerk)
    assert item(sup.pen).on_hand == 8


def _head_decision_held(office, database):
    """A requisition waiting for its head, and a second desktop holding that document."""
    sup = build_sup(office)
    req = requisition(sup, (sup.pen, 2))
    _short_lock_waits(database)
    return req, _Holder(database, req.id, "requisition")


def test_X_approving_while_someone_holds_the_document_is_refused_in_words(office, database):
    req, holder = _head_decision_held(office, database)
    before = workflow.Step.select().where(workflow.Step.instance == req.instance().id).count()
    try:
        with pytest.raises(Conflict) as err:
            supplies.head_approve(office.head, req)
    finally:
        holder.release()
    assert isinstance(err.value, LockConflict)
    assert "其他人正在处理同一张单据" in err.value.zh and "same document" in err.value.en
    fresh = supplies.Requisition.get_by_id(req.id)
    assert (fresh.state, fresh.version) == (req.state, req.version)
    steps = workflow.Step.select().where(workflow.Step.instance == req.instance().id)
    assert steps.count() == before


def test_X_a_document_released_during_the_retries_lets_the_approval_through(office, database):
    if not is_mysql():
        pytest.skip("SQLite waits in its busy timeout instead of retrying")
    req, holder = _head_decision_held(office, database)
    threading.Timer(1.5, holder.release).start()
    done = supplies.head_approve(office.head, req)
    decided = workflow.Step.select().where(
        (workflow.Step.instance == done.instance().id) & (workflow.Step.actor == office.head)
    )
    assert decided.count() == 1


def test_X_a_use_case_inside_a_callers_transaction_is_not_run_again(database):
    calls = []

    @retry_on_lock_conflict()
    def deadlocked() -> None:
        calls.append(1)
        raise peewee.OperationalError(1213, "Deadlock found when trying to get lock")

    with pytest.raises(LockConflict), database.atomic():
        deadlocked()
    assert len(calls) == 1
    calls.clear()
    with pytest.raises(LockConflict):
        deadlocked()
    assert len(calls) == (LOCK_RETRIES if is_mysql() else 1)


_ISSUE = r"""
import json, sys, time
from pathlib import Path
from models import supplies, workflow
from models.db import open_database
from models.errors import Conflict, RuleViolation
from models.people import get_user

url, go, ids = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
open_database(url)
store, receiver = get_user("zhoujiu"), get_user("zhangsan")
slips = [supplies.Requisition.get_by_id(i) for i in ids]
while not go.exists():
    time.sleep(0.01)
out = []
for slip in slips:
    try:
        supplies.issue_requisition(store, slip, receiver=receiver)
        out.append("issued")
    except RuleViolation as exc:
        out.append(f"refused:{exc.rule}")
    except Conflict as exc:
        out.append("conflict:" + exc.zh)
    except Exception as exc:
        out.append(f"error:{type(exc).__name__}:{exc}")
print(json.dumps(out, ensure_ascii=False))
"""


def test_X_eight_desktops_issuing_the_last_units_see_no_driver_error(office, database, tmp_path):
    if not is_mysql():
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE: no deadlock to retry")
    sup = build_sup(office)
    opening(sup, sup.pen, 40)
    opening(sup, sup.paper, 40)
    slips = [approved_requisition(sup, (sup.pen, 1), (sup.paper, 1)) for _ in range(64)]
    url = "mysql://" + _url_of(database) + database.database
    go = tmp_path / "go"
    procs = [
        _spawn("-c", _ISSUE, url, str(go), json.dumps([s.id for s in slips[i::8]]))
        for i in range(8)
    ]
    time.sleep(3)
    go.touch()
    outcomes = []
    for p in procs:
        p.wait(timeout=300)
        out, err = p.communicate()
        assert p.returncode == 0, err
        outcomes += json.loads(out)
    errors = [o for o in outcomes if o.startswith("error")]
    assert errors == [], errors
    issued = outcomes.count("issued")
    assert issued == 40, outcomes
    assert item(sup.pen).on_hand == 0 and item(sup.paper).on_hand == 0
    assert supplies.ledger_mismatches() == []


def test_X_a_real_deadlock_is_retried_and_the_issue_goes_through(office, database):
    """A second desktop holds the paper, and then asks for the pen the issue already holds
    while the issue waits for the paper: MariaDB finds the deadlock and rolls back the
    lighter transaction. The other desktop has written much (it is the heavier one), so the
    issue is the victim; it runs again and goes through once the other desktop is done."""
    if not is_mysql():
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE: no deadlock to retry")
    sup = build_sup(office)
    opening(sup, sup.pen, 10)
    opening(sup, sup.paper, 10)
    req = approved_requisition(sup, (sup.pen, 1), (sup.paper, 1))
    first, second = sorted([sup.pen.id, sup.paper.id])
    holder = _Holder(database, second)
    cur = holder.conn.cursor()
    cur.executemany(  # weight: the server rolls back the transaction that did less
        "INSERT INTO setting (`key`, value) VALUES (%s, %s)",
        [(f"scratch.{n}", "x") for n in range(300)],
    )

    def ask_for_the_first() -> None:
        time.sleep(0.8)  # the issue now holds the first item and waits for the second
        cur.execute("SELECT id FROM item WHERE id=%s FOR UPDATE", (first,))
        time.sleep(0.3)
        holder.release()

    def deadlocks() -> int:
        row = database.execute_sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").fetchone()
        return int(row[1])

    before = deadlocks()
    other = threading.Thread(target=ask_for_the_first)
    other.start()
    supplies.issue_requisition(office.logistics, req, receiver=office.clerk)
    other.join(10)
    assert deadlocks() > before  # there was a deadlock, and the issue survived it
    assert item(sup.pen).on_hand == 9 and item(sup.paper).on_hand == 9
    kinds = supplies.Movement.select().where(supplies.Movement.kind == "issue").count()
    assert kinds == 2
