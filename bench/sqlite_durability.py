"""What does ``synchronous=FULL`` cost the office database, against ``NORMAL``?

WAL with NORMAL syncs only at checkpoints, so the last commits may vanish in a power cut;
FULL syncs the WAL at every commit. Measured, per committed transaction:

- a real use case (``people.add_department``: the row, its audit row, one transaction)
  through ``models.db.open_database`` with each setting;
- the bare sqlite3 module doing one INSERT per commit on a WAL file with each setting.

    .venv/bin/python bench/sqlite_durability.py [--commits 300] [--dir /path/on/the/disk]

Run it on the disk the office uses: the cost is the disk's fsync latency.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def houqin(folder: Path, synchronous: str, commits: int) -> float:
    from models import people
    from models.db import close_database, open_database
    from models.people import SYSTEM

    path = folder / f"houqin-{synchronous}.db"
    database = open_database(f"sqlite:///{path}")
    database.execute_sql(f"PRAGMA synchronous={synchronous}")
    mode = database.execute_sql("PRAGMA synchronous").fetchone()[0]
    assert mode == {"normal": 1, "full": 2}[synchronous], mode
    try:
        start = time.perf_counter()
        for i in range(commits):
            people.add_department(SYSTEM, f"科室{i:05d}")
        return (time.perf_counter() - start) / commits
    finally:
        close_database()


def bare(folder: Path, synchronous: str, commits: int) -> float:
    conn = sqlite3.connect(folder / f"bare-{synchronous}.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    start = time.perf_counter()
    for i in range(commits):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (name) VALUES (?)", (f"科室{i:05d}",))
        conn.execute("COMMIT")
    elapsed = (time.perf_counter() - start) / commits
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        rows = []
        for name, fn in (("houqin add_department", houqin), ("bare sqlite3 INSERT", bare)):
            normal = fn(folder, "normal", args.commits)
            full = fn(folder, "full", args.commits)
            rows.append((name, normal, full))
    print(f"{args.commits} commits each, WAL, on {args.dir or tempfile.gettempdir()}")
    print(f"{'':24} {'NORMAL ms':>10} {'FULL ms':>10} {'FULL/NORMAL':>12} {'+ms/commit':>11}")
    for name, normal, full in rows:
        print(
            f"{name:24} {normal * 1e3:10.3f} {full * 1e3:10.3f} {full / normal:12.2f} "
            f"{(full - normal) * 1e3:11.3f}"
        )


if __name__ == "__main__":
    main()
