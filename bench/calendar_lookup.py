"""How fast are working-day deadlines on the office calendar, against the package alone?

- ``add_working_days(start, 30)`` through ``models.calendar`` (one revision-token query,
  then set lookups in the per-process snapshot), on SQLite and, when a MariaDB server is at
  hand (``HOUQIN_TEST_MYSQL_URL`` or the test suite's private server), on MariaDB;
- the same count by ``chinese_calendar.is_workday`` per day (the old implementation), which
  recomputes ``min``/``max`` of its holiday table on every call;
- the snapshot alone (no query), for loops that hold one;
- the first call after a calendar edit (reload of both tables).

    .venv/bin/python bench/calendar_lookup.py [--calls 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START = date(2026, 9, 1)


def per_call(fn, calls: int) -> float:
    fn()
    t = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t) / calls * 1e6  # µs


def package_count(start: date, days: int) -> date:
    import chinese_calendar

    day, left = start, days
    while left:
        day += timedelta(days=1)
        left -= chinese_calendar.is_workday(day)
    return day


def measure(url: str, label: str, calls: int) -> None:
    from models import calendar
    from models.db import close_database, open_database
    from models.settings import Setting

    open_database(url)
    assert calendar.add_working_days(START, 30) == package_count(START, 30)
    ours = per_call(lambda: calendar.add_working_days(START, 30), calls)
    snap = calendar.snapshot()
    bare = per_call(lambda: snap.add_working_days(START, 30), calls)
    token = per_call(calendar.days._current_revision, calls)

    def reload() -> None:
        Setting.update(value=str(time.perf_counter())).where(
            Setting.key == calendar.REVISION_KEY
        ).execute()
        calendar.add_working_days(START, 30)

    after_edit = per_call(reload, max(calls // 20, 10))
    print(f"{label}: add_working_days(30) {ours:8.1f} µs/call  (revision query {token:.1f} µs)")
    print(f"{label}: snapshot only        {bare:8.1f} µs/call")
    print(f"{label}: after an edit        {after_edit:8.1f} µs/call (reload {len(snap.days)} rows)")
    close_database()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    package = per_call(lambda: package_count(START, 30), max(args.calls // 10, 50))
    print(f"package: is_workday per day     {package:8.1f} µs/call (the old implementation)")
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{Path(folder) / 'h.db'}", "sqlite ", args.calls)
    try:
        from tests.mariadb_server import create_database, drop_database, mysql_base_url
    except ImportError:  # pragma: no cover
        return
    base, reason = mysql_base_url()
    if base is None:
        print(f"mariadb: skipped ({reason})")
        return
    url = create_database(base, "houqin_bench_calendar")
    try:
        measure(url, "mariadb", args.calls)
    finally:
        drop_database(base, "houqin_bench_calendar")


if __name__ == "__main__":
    main()
