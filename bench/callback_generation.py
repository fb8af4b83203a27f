"""How long does C9's generator take for a large archive, and how long does it hold the write
lock at a time?

A SQLite office database gets ``--customers`` customers (written in bulk, as an import would)
with projects delivered over the last two years, and an approved ordinary plan for a year;
``generate_callbacks`` then runs over the whole year, timed, with the time of every chunk
(each chunk is one transaction: the longest is the longest any other desktop's write waits).
A second run must create nothing.

    .venv/bin/python bench/callback_generation.py [--customers 100000] [--chunk 200]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=200)
    args = parser.parse_args()

    from models import callbacks, people
    from models.base import bulk_insert
    from models.callbacks import generation
    from models.db import db, open_database
    from models.people import Role

    path = Path(tempfile.mkdtemp()) / "bench.db"
    open_database(f"sqlite:///{path}")
    admin = people.create_first_admin("admin", "bench-pass-1")
    dept = people.add_department(admin, "客户服务部", "科室")
    add = people.add_user
    head = add(admin, "head", "许倩", "bench-pass-1", dept, [Role.DEPT_HEAD])
    manager = add(admin, "mgr", "何敏", "bench-pass-1", dept, [Role.SERVICE_MANAGER])
    callers = [
        add(admin, f"c{i}", f"客服{i}", "bench-pass-1", dept, [Role.SERVICE]) for i in range(5)
    ]

    rng = random.Random(1)
    today = date(2026, 12, 1)
    at = datetime(2026, 1, 1, 9, 0)
    t = time.perf_counter()
    with db.atomic():
        bulk_insert(
            callbacks.Customer,
            [
                {"number": f"KH{i:07d}", "name": f"客户{i}", "name_search": f"kh{i}"}
                for i in range(1, args.customers + 1)
            ],
        )
        bulk_insert(
            callbacks.Project,
            [
                {
                    "customer": i,
                    "ref_no": f"XM{i:07d}",
                    "started_on": (d := today - timedelta(days=rng.randint(20, 730))),
                    "delivered_on": d,
                }
                for i in range(1, args.customers + 1)
            ],
        )
    print(f"{args.customers} customers and projects written in {time.perf_counter() - t:.1f} s")

    plan = callbacks.create_plan(
        manager,
        title="bench",
        window_from=date(2026, 1, 1),
        window_to=date(2026, 12, 31),
        content_type="satisfaction",
        focus="bench",
        cadence="age",
        target="ordinary",
        method_chain=["phone"],
        questions=["满意吗？"],
        schedule=[callbacks.ScheduleInput(c, "phone") for c in callers],
        at=at,
    )
    plan = callbacks.submit_plan(manager, plan, at=at)
    plan = callbacks.approve_plan(head, plan, at=at)

    chunks: list[float] = []
    original = generation._customers

    def timed(*a, **k):  # the start of each chunk's transaction, after the plan lock
        chunks.append(time.perf_counter())
        return original(*a, **k)

    generation._customers = timed
    t = time.perf_counter()
    result = callbacks.generate_callbacks(manager, plan, chunk=args.chunk)
    total = time.perf_counter() - t
    ends = [*chunks[1:], chunks[0] + total]
    longest = max(b - a for a, b in zip(chunks, ends, strict=True))
    print(
        f"generated {result.created} callbacks in {total:.1f} s "
        f"({len(chunks) - 1} chunks of {args.chunk}; the longest {longest * 1000:.0f} ms)"
    )
    t = time.perf_counter()
    again = callbacks.generate_callbacks(manager, plan, chunk=args.chunk)
    took = time.perf_counter() - t
    print(f"re-run: {again.created} created, {again.existing} existing, {took:.1f} s")


if __name__ == "__main__":
    main()
