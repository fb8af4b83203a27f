"""Does 我的回访 open as fast over a million callbacks as over a thousand?

A SQLite office database gets ``--sizes`` callbacks (written in bulk; the set-up is not
measured) spread over 40 callers and 20,000 customers, about a tenth of them due by today and
still open. For one caller it times, beside the same SQL run through ``sqlite3``:

- the home card 我的回访: its count and its first lines (``desktop.callbacks.cards``);
- the 我的回访 tab's first page: the real ``MyCallbacksTab`` model's fetch (offscreen).

Medians of ``--repeat`` runs, wall and CPU milliseconds, and each figure over the bare query.
The query plan is printed too: the (assignee, state, scheduled_on) index must answer it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/my_callbacks.py [--sizes 1000,1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CALLERS = 40
CUSTOMERS = 20_000


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def build(path: Path, size: int) -> list[int]:
    """The office through Houqin's use cases (users) and bulk writes (customers, callbacks)."""
    from models import callbacks, people
    from models.base import bulk_insert
    from models.db import db, open_database
    from models.people import Role

    open_database(f"sqlite:///{path}")
    admin = people.create_first_admin("admin", "bench-pass-1")
    dept = people.add_department(admin, "客户服务部", "科室")
    callers = [
        people.add_user(admin, f"c{i}", f"客服{i}", "bench-pass-1", dept, [Role.SERVICE]).id
        for i in range(CALLERS)
    ]
    rng = random.Random(1)
    today = date.today()
    customers = min(CUSTOMERS, size)
    states = ["done"] * 8 + ["pending", "in_progress"]
    with db.atomic():
        bulk_insert(
            callbacks.Customer,
            [
                {"number": f"KH{i:07d}", "name": f"客户{i}", "name_search": f"kh{i}"}
                for i in range(1, customers + 1)
            ],
        )
        at = datetime.combine(today, datetime.min.time())
        for start in range(0, size, 50_000):
            rows = []
            for i in range(start, min(size, start + 50_000)):
                day = today - timedelta(days=rng.randint(-200, 500))
                rows.append(
                    {
                        "customer": i % customers + 1,
                        "source_type": "bench",
                        "source_id": i,
                        "content_type": "satisfaction",
                        "method_chain": "phone",
                        "method": "phone",
                        "assignee": callers[i % CALLERS],
                        "scheduled_on": day,
                        "due_on": day + timedelta(days=20),
                        "state": "pending" if day > today else rng.choice(states),
                        "created_at": at,
                    }
                )
            bulk_insert(callbacks.Callback, rows)
    return callers


def measure(size: int, repeat: int) -> None:
    from desktop.callbacks import cards
    from desktop.callbacks.mine import MyCallbacksTab
    from models.db import close_database, db
    from models.people import User

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "callbacks.db"
        start = time.perf_counter()
        callers = build(path, size)
        print(f"\n{size:,} callbacks built in {time.perf_counter() - start:.1f} s")
        user = User.get_by_id(callers[7])
        card = cards.CARDS[0]
        query = cards._mine(user)
        rows_sql, params = query.limit(5).sql()
        tab = MyCallbacksTab(user)
        page_sql, page_params = tab.model.view_query().limit(tab.model.page_size + 1).sql()
        plan = db.execute_sql("EXPLAIN QUERY PLAN " + rows_sql, params).fetchall()
        figures = {
            "card: count": median_ms(lambda: card.count(user), repeat),
            "card: first lines": median_ms(lambda: card.rows(user), repeat),
            "tab: first page (model fetch)": median_ms(tab.model.refresh, repeat),
        }
        due = card.count(user)
        tab.close()
        close_database()

        bare = sqlite3.connect(str(path))
        count_bare = (
            "SELECT COUNT(*) FROM callback WHERE assignee_id = ? AND state IN (?, ?)"
            " AND scheduled_on <= ?"
        )
        today = date.today().isoformat()
        bares = {
            "card: count": median_ms(
                lambda: bare.execute(
                    count_bare, (user.id, "pending", "in_progress", today)
                ).fetchall(),
                repeat,
            ),
            "card: first lines": median_ms(
                lambda: bare.execute(rows_sql, params).fetchall(), repeat
            ),
            "tab: first page (model fetch)": median_ms(
                lambda: bare.execute(page_sql, page_params).fetchall(), repeat
            ),
        }
        bare.close()
    print(f"caller 客服7: {due} due today or overdue; query plan:")
    for step in plan:
        print("   ", step[-1])
    print(f"{'':<32} {'wall ms':>8} {'cpu ms':>8} {'bare ms':>8} {'ratio':>7}")
    for name, (wall, cpu) in figures.items():
        b = bares[name]
        print(f"{name:<32} {wall:8.2f} {cpu:8.2f} {b[0]:8.2f} {wall / b[0]:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    from PySide6.QtCore import QSettings

    from desktop.app import create_application

    settings_dir = tempfile.mkdtemp()  # the list remembers its columns: not in the user's
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = create_application()
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.repeat)
    del app


if __name__ == "__main__":
    main()
