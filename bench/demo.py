"""How long does a newcomer wait for ``houqin demo``?

Runs ``houqin --db sqlite:///<fresh temp file> demo`` in this process (``desktop.cli.main``,
the same code path as the command line, output swallowed) and prints wall and CPU seconds
and the number of SQL statements it sent (each ``execute_sql``; an ``executemany`` counts
once). CPU seconds are the figure to compare on a shared machine: wall time there also
holds the other users' load.
The bare reference writes the very rows the demo wrote, table by table, with ``sqlite3``
``executemany`` into a fresh file of the same schema (one transaction): what the data costs
without the use cases. The target is absolute: the realistic year must load in under 10 s,
so the README's first run shows a window soon.

    .venv/bin/python bench/demo.py [--profile] [--first-start]

``--profile`` adds a cProfile top-20 (cumulative) of the load, to see what the time buys.
``--first-start`` also times what the README's ``bash scripts/run.sh`` does once its .venv is
installed (a warm start), on a fresh default database: ``houqin demo --if-empty`` and then
``houqin``, each in its own process (offscreen), until the first window (the login dialog)
has been shown. Target: 15 s.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import peewee

from desktop import cli


@contextlib.contextmanager
def counting_queries() -> Any:
    """Count the statements sent through peewee's ``execute_sql`` during the block."""
    seen = [0]
    original = peewee.Database.execute_sql

    def counted(self: peewee.Database, sql: str, params: Any = None, *args: Any) -> Any:
        seen[0] += 1
        return original(self, sql, params, *args)

    peewee.Database.execute_sql = counted  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        peewee.Database.execute_sql = original  # type: ignore[method-assign]


def run(path: Path, profile: bool) -> tuple[float, float, int, pstats.Stats | None]:
    """Wall and CPU seconds and statements of one ``houqin demo`` on a fresh file (and its
    profile)."""
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(io.StringIO()), counting_queries() as queries:
        if profiler:
            profiler.enable()
        rc = cli.main(["--db", f"sqlite:///{path}", "demo"])
        if profiler:
            profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if rc != 0:
        raise SystemExit(f"houqin demo failed with exit code {rc}")
    return wall, cpu, queries[0], pstats.Stats(profiler) if profiler else None


def bare_copy(source: Path, target: Path) -> tuple[int, float]:
    """The demo's rows written again with bare ``sqlite3`` into a fresh schema: rows, seconds."""
    from models.db import close_database, open_database

    open_database(f"sqlite:///{target}")  # the schema (and its seed rows, emptied below)
    close_database()
    src, dst = sqlite3.connect(str(source)), sqlite3.connect(str(target))
    names = [
        r[0]
        for r in src.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    tables = {n: src.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}
    src.close()
    dst.execute("PRAGMA foreign_keys = OFF")
    dst.execute("PRAGMA synchronous = FULL")
    start = time.perf_counter()
    with dst:
        for name, rows in tables.items():
            dst.execute(f'DELETE FROM "{name}"')
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                dst.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    seconds = time.perf_counter() - start
    dst.close()
    return sum(len(r) for r in tables.values()), seconds


# The child of ``--first-start``: ``houqin`` as the console script starts it, stopped once
# its first window has been shown and painted.
_UNTIL_WINDOW = """
import os, sys
from PySide6.QtCore import QTimer
from desktop import cli, login

shown = login.LoginDialog.showEvent

def show(self, event):
    shown(self, event)
    QTimer.singleShot(0, lambda: os._exit(0))

login.LoginDialog.showEvent = show
sys.exit(cli.main([]))
"""


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def first_start(folder: Path) -> tuple[float, float, float]:
    """Seconds of ``houqin demo --if-empty`` and of ``houqin`` to its first window, each a
    fresh process on the same fresh database (as ``scripts/run.sh`` runs them), and the CPU
    seconds of both."""
    env = dict(os.environ)
    env.update(
        HOUQIN_DB=f"sqlite:///{folder / 'houqin.db'}",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(Path(__file__).resolve().parent.parent),
    )
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-c", "import sys; from desktop import cli; sys.exit(cli.main())",
         "demo", "--if-empty"],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    demo = time.perf_counter() - start
    subprocess.run([sys.executable, "-c", _UNTIL_WINDOW], env=env, check=True)
    return demo, time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", action="store_true", help="print a cProfile top-20")
    parser.add_argument(
        "--first-start", action="store_true", help="time the README's run command to its window"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.db"
        wall, cpu, queries, stats = run(path, args.profile)
        total, bare = bare_copy(path, Path(tmp) / "bare.db")
    print(f"houqin demo, fresh SQLite file: {wall:.2f} s wall, {cpu:.2f} s CPU  (target < 10 s)")
    print(f"SQL statements sent: {queries:,} for {total:,} rows")
    print(f"the same {total:,} rows via bare sqlite3 executemany: {bare:.3f} s")
    print(f"ratio demo wall / bare: {wall / bare:,.0f}x")
    if args.first_start:
        with tempfile.TemporaryDirectory() as tmp:
            demo, window, cpu = first_start(Path(tmp))
        print(
            f"first start (warm .venv, fresh database): demo --if-empty {demo:.2f} s, "
            f"window shown after {window:.2f} s wall, {cpu:.2f} s CPU  (target 15 s)"
        )
    if stats is not None:
        stats.sort_stats("cumulative").print_stats(20)
        stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
