"""How fast is the stock figure over a big ledger, and how many issues a second survive
eight clerks at once on MariaDB?

1. SQLite: 2,000 items and 1,000,000 movements (written in bulk: the set-up is not what is
   measured). Timed, median of several runs:
   - ``supplies.stock_on_hand()``: the 库存表 as the desktop gets it (cached figure);
   - ``supplies.ledger_sums()``: the same figures as the plain sum of the ledger (S8);
   - the same two SQL statements through the bare ``sqlite3`` module, for the ratio;
   and ``ledger_mismatches()`` proves the cache equals the ledger.
2. MariaDB (a private server from ``tests/mariadb_server.py`` or ``HOUQIN_TEST_MYSQL_URL``):
   8 client threads, each with its own connection, issue approved requisitions against a
   few scarce items through ``supplies.issue_requisition`` (row locks, S6). Reported:
   issues/s, refusals for lack of stock, and the final stock checked against the ledger.

    .venv/bin/python bench/stock_ledger.py [--items 2000] [--movements 1000000]
        [--clients 8] [--slips 800] [--skip-mysql]

Target: stock on hand < 200 ms on SQLite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from models import passwords, people, supplies
from models.db import close_database, db, open_database
from models.errors import RuleViolation
from models.people import SYSTEM, Role
from models.supplies import RequisitionState

T0 = datetime(2026, 1, 5, 9, 0)


def timed(fn: Callable[[], object], runs: int = 7) -> tuple[float, object]:
    """Median wall time in ms over ``runs`` (after one warm-up run) and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _office() -> tuple[people.User, people.User, people.Department]:
    passwords.SCRYPT.update(n=2**10)  # set-up speed only; hashes are not measured
    dept = people.add_department(SYSTEM, "办公室")
    keeper = people.add_user(SYSTEM, "keeper", "保管员", "password-1", dept, [Role.LOGISTICS])
    clerk = people.add_user(SYSTEM, "clerk", "办事员", "password-1", dept, [Role.CLERK])
    return keeper, clerk, dept


def bulk_items(count: int, stock: Callable[[int], int]) -> list[int]:
    """Insert ``count`` items in bulk with an opening movement each; returns their ids."""
    conn = db.connection()
    categories = [c.value for c in supplies.Category]
    rows = [
        (f"B{i:05d}", f"物品{i}", f"wp{i}", categories[i % 4], "个", "", 5, False, "1.00", 0, 0)
        for i in range(count)
    ]
    ph = "?" if "sqlite" in type(db.obj).__name__.lower() else "%s"
    sql = (
        "INSERT INTO item (code, name, name_search, category, unit, specification,"
        " reorder_level, gov_catalogue, price, on_hand, voided_at) VALUES "
        f"({', '.join([ph] * 10)}, NULL)"
    )
    with db.atomic():
        cur = conn.cursor()
        cur.executemany(sql, [r[:10] for r in rows])
    ids = [i.id for i in supplies.Item.select(supplies.Item.id).order_by(supplies.Item.id)]
    keeper = people.User.get(people.User.username == "keeper")
    with db.atomic():
        for item_id in ids:
            item = supplies.Item.get_by_id(item_id)
            supplies.set_opening_balance(keeper, item=item, quantity=stock(item_id), at=T0)
    return ids


def sqlite_part(items: int, movements: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="houqin-bench-"))
    path = folder / "ledger.db"
    open_database(f"sqlite:///{path}")
    keeper, _clerk, dept = _office()
    rng = random.Random(7)
    ids = bulk_items(items, lambda _i: 1000)
    print(f"SQLite: {items:,} items; writing {movements:,} movements in bulk ...", flush=True)
    start = time.perf_counter()
    balance = dict.fromkeys(ids, 1000)
    conn = db.connection()
    batch: list[tuple] = []
    sql = (
        "INSERT INTO movement (item_id, kind, quantity, balance, at, actor_id, actor_name,"
        " reason, doc_type, doc_id, doc_number, department_id, supplier_id, receiver,"
        " unit_price) VALUES (?, ?, ?, ?, ?, ?, '保管员', '基准', 'bench', NULL, '', ?, NULL,"
        " '', NULL)"
    )
    for n in range(movements - items):  # the openings are movements too
        item_id = ids[rng.randrange(len(ids))]
        if balance[item_id] > 20 and rng.random() < 0.7:
            qty, kind, department = -rng.randint(1, 5), "issue", dept.id
        else:
            qty, kind, department = rng.randint(5, 40), "receipt", None
        balance[item_id] += qty
        at = T0 + timedelta(seconds=n)
        batch.append((item_id, kind, qty, balance[item_id], at, keeper.id, department))
        if len(batch) == 50_000:
            with db.atomic():
                conn.executemany(sql, batch)
            batch.clear()
    if batch:
        with db.atomic():
            conn.executemany(sql, batch)
    with db.atomic():
        conn.executemany(
            "UPDATE item SET on_hand = ? WHERE id = ?", [(v, k) for k, v in balance.items()]
        )
    conn.execute("ANALYZE")
    print(f"  set-up {time.perf_counter() - start:.1f} s", flush=True)

    cached_ms, rows = timed(supplies.stock_on_hand)
    ledger_ms, sums = timed(supplies.ledger_sums)
    asof_ms, _ = timed(lambda: supplies.stock_on_hand(as_of=T0 + timedelta(days=365)), runs=3)
    raw = sqlite3.connect(str(path))
    raw_sum_ms, raw_sums = timed(
        lambda: raw.execute(
            "SELECT item_id, SUM(quantity) FROM movement GROUP BY item_id"
        ).fetchall()
    )
    raw_cached_ms, _ = timed(
        lambda: raw.execute(
            "SELECT id, code, name, category, specification, unit, on_hand, reorder_level,"
            " price, gov_catalogue FROM item WHERE voided_at IS NULL"
        ).fetchall()
    )
    raw.close()
    mismatches = supplies.ledger_mismatches()
    count = supplies.Movement.select().count()
    assert len(rows) == items and dict(raw_sums) == sums
    print(f"  movements in the ledger: {count:,}")
    print(
        f"  stock_on_hand() cached column, {len(rows)} rows:  {cached_ms:7.1f} ms"
        f"   (bare sqlite3 same SQL {raw_cached_ms:6.1f} ms, ×{cached_ms / raw_cached_ms:.1f})"
    )
    print(
        f"  ledger_sums() SUM over the ledger:             {ledger_ms:7.1f} ms"
        f"   (bare sqlite3 same SQL {raw_sum_ms:6.1f} ms, ×{ledger_ms / raw_sum_ms:.2f})"
    )
    print(f"  stock_on_hand(as_of=...) ledger sum + rows:     {asof_ms:7.1f} ms")
    print(f"  cache equals ledger for every item: {mismatches == []} ({len(mismatches)} off)")
    close_database()
    shutil.rmtree(folder, ignore_errors=True)


def mysql_part(clients: int, slips: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ is not installed
    from tests.mariadb_server import create_database, drop_database, mysql_base_url

    base, reason = mysql_base_url()
    if base is None:
        print(f"MariaDB: skipped ({reason})")
        return
    name = f"houqin_bench_{uuid.uuid4().hex[:8]}"
    url = create_database(base, name)
    database = open_database(url)
    try:
        keeper, clerk, dept = _office()
        keepers = [keeper] + [
            people.add_user(
                SYSTEM, f"keeper{i}", f"保管员{i}", "password-1", dept, [Role.LOGISTICS]
            )
            for i in range(1, clients)
        ]
        rng = random.Random(11)
        hot = 12  # a few scarce items every clerk fights over
        ids = bulk_items(hot, lambda _i: slips // 4)
        start_stock = {i: supplies.Item.get_by_id(i).on_hand for i in ids}
        # Approved slips, written directly (the approval flow is not what is measured).
        reqs = []
        with db.atomic():
            for n in range(slips):
                req = supplies.Requisition.create(
                    number=f"BENCH-{n:05d}",
                    department=dept,
                    applicant=clerk,
                    purpose="基准",
                    state=RequisitionState.APPROVED,
                    submitted_at=T0,
                )
                for item_id in rng.sample(ids, rng.randint(1, 3)):
                    qty = rng.randint(1, 3)
                    supplies.RequisitionLine.create(
                        requisition=req, item=item_id, requested=qty, approved=qty
                    )
                reqs.append(req)
        shares = [reqs[i::clients] for i in range(clients)]
        barrier = threading.Barrier(clients)
        outcome = {"issued": 0, "refused": 0, "error": 0}
        lock = threading.Lock()

        def work(actor: people.User, share: list[supplies.Requisition]) -> None:
            database.connect(reuse_if_open=True)
            barrier.wait()
            try:
                for req in share:
                    try:
                        req = supplies.issue_requisition(actor, req, receiver=clerk, at=T0)
                        key = "issued"
                    except RuleViolation:
                        key = "refused"
                    except Exception:  # counted and reported
                        key = "error"
                    with lock:
                        outcome[key] += 1
            finally:
                database.close()

        threads = [
            threading.Thread(target=work, args=(keepers[i], shares[i])) for i in range(clients)
        ]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        issued_units = sum(
            -m.quantity for m in supplies.Movement.select().where(supplies.Movement.kind == "issue")
        )
        final = {i: supplies.Item.get_by_id(i).on_hand for i in ids}
        mismatches = supplies.ledger_mismatches()
        print(
            f"MariaDB: {clients} clients, {slips} slips over {hot} scarce items: "
            f"{slips / elapsed:.0f} issue attempts/s ({elapsed:.2f} s); "
            f"issued {outcome['issued']}, refused (no stock, S6) {outcome['refused']}, "
            f"errors {outcome['error']}"
        )
        before, after = sum(start_stock.values()), sum(final.values())
        print(
            f"  units issued {issued_units} = stock before {before} − after {after}: "
            f"{issued_units == before - after}; lowest stock {min(final.values())}; "
            f"cache equals ledger: {mismatches == []}"
        )
    finally:
        close_database()
        drop_database(base, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--movements", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--slips", type=int, default=800)
    parser.add_argument("--skip-mysql", action="store_true")
    args = parser.parse_args()
    sqlite_part(args.items, args.movements)
    if not args.skip_mysql:
        mysql_part(args.clients, args.slips)


if __name__ == "__main__":
    main()
