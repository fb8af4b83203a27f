"""How fast is 待办 (the approval inbox) on a busy office database?

Builds an SQLite database with 100,000 open documents across 500 users (rows written in bulk:
the set-up is not what is measured), then times ``workflow.inbox(user)`` — the ORM query
including its delegation query — read as rows (``.dicts()``, what the 审批中心 list and every
caller that shows many rows reads) and as model objects, against the same SQL run through
the bare ``sqlite3`` module, in the same process.

    .venv/bin/python bench/workflow_inbox.py [--documents 100000] [--users 500]

Targets: < 50 ms on SQLite; rows ≤ 2× the bare query.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from models import passwords, people, workflow
from models.db import close_database, db, open_database
from models.people import SYSTEM, Role
from models.workflow import Approver, Flow, Node

FLOW = workflow.register_flow(
    Flow("bench", "基准申请", (Node("n", "审批", (Approver.role(Role.LEADER),)),))
)


def build(path: Path, documents: int, users: int) -> None:
    open_database(f"sqlite:///{path}")
    passwords.SCRYPT.update(n=2**10)  # set-up speed only; hashes are not measured
    dept = people.add_department(SYSTEM, "办公室")
    applicant = people.add_user(SYSTEM, "applicant", "申请人", "password-1", dept, [Role.CLERK])
    user_ids = [
        people.add_user(SYSTEM, f"u{i}", f"用户{i}", "password-1", dept, [Role.LEADER]).id
        for i in range(users)
    ]
    version = workflow.current_version("bench")
    rng = random.Random(7)
    t0 = datetime(2026, 11, 2, 9, 0)
    conn = db.connection()
    with db.atomic():
        conn.executemany(
            "INSERT INTO instance (version, doc_type, doc_id, title, applicant_id, department_id,"
            " flow_id, fields, route, position, state, submitted_at) "
            "VALUES (1, 'bench', ?, ?, ?, ?, ?, '{}', '[0]', 0, 'pending', ?)",
            (
                (i, f"申请 {i}", applicant.id, dept.id, version.id, t0 + timedelta(seconds=i))
                for i in range(documents)
            ),
        )
        conn.executemany(
            'INSERT INTO task (instance_id, position, node_key, "order", assignee_id, state,'
            " created_at, due_at) VALUES (?, 0, 'n', 0, ?, 'pending', ?, ?)",
            (
                (i + 1, rng.choice(user_ids), t0, t0 + timedelta(days=rng.randint(1, 9)))
                for i in range(documents)
            ),
        )
        # A few delegations, one of them to the measured user.
        workflow.Delegation.create(
            principal=user_ids[1],
            delegate=user_ids[0],
            starts=t0 - timedelta(days=1),
            ends=t0 + timedelta(days=30),
            created_at=t0,
        )
    db.execute_sql("ANALYZE")
    close_database()


def timed(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each of ``fns``, run in turn ``repeat`` times (so a
    busy neighbour slows them alike; CPU time is the steadier figure on a shared machine)."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            samples[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {
        name: (statistics.median(w for w, _ in s), statistics.median(c for _, c in s))
        for name, s in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        start = time.perf_counter()
        build(path, args.documents, args.users)
        print(
            f"built {args.documents:,} documents / {args.users} users "
            f"in {time.perf_counter() - start:.1f} s"
        )

        open_database(f"sqlite:///{path}")
        user = people.User.get(people.User.username == "u0")
        at = datetime(2026, 11, 3, 9, 0)
        query = workflow.inbox(user, at=at)
        rows = len(list(query))
        sql, params = query.sql()
        bare = sqlite3.connect(str(path))
        times = timed(
            {
                "rows": lambda: list(workflow.inbox(user, at=at).dicts()),
                "objects": lambda: list(workflow.inbox(user, at=at)),
                "bare": lambda: bare.execute(sql, params).fetchall(),
            },
            args.repeat,
        )
        plan = bare.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        bare.close()
        close_database()

    print(f"inbox rows for one user (incl. one delegation): {rows}")
    orm, objects, bare_time = times["rows"], times["objects"], times["bare"]
    print(f"median of {args.repeat} runs, in turn:      wall       cpu")
    print(f"workflow.inbox() rows (.dicts()): {orm[0] * 1000:7.2f} ms {orm[1] * 1000:7.2f} ms")
    print(
        f"workflow.inbox() model objects:   {objects[0] * 1000:7.2f} ms {objects[1] * 1000:7.2f} ms"
    )
    wall, cpu = bare_time[0] * 1000, bare_time[1] * 1000
    print(f"same SQL via bare sqlite3:        {wall:7.2f} ms {cpu:7.2f} ms")
    print("(target < 50 ms on SQLite)")
    for label, t in (("rows / bare:   ", orm), ("objects / bare:", objects)):
        print(
            f"ratio {label} {t[0] / bare_time[0]:.2f}x wall, {t[1] / bare_time[1]:.2f}x cpu"
            + ("  (target <= 2x)" if t is orm else "")
        )
    print("query plan:")
    for row in plan:
        print("  ", row[-1])


if __name__ == "__main__":
    main()
