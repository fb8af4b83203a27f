"""How long does the first page of a 1,000,000-row list take, beside its own query?

Fills ``audit_log`` of a fresh SQLite file with ``--rows`` rows (bulk ``executemany``: the
set-up is not measured), then, offscreen, opens the real 审计日志 list (``AuditLogView``: a
``LazyQueryModel`` in a ``ListView``), shows it and paints its first page. The bare figure
is the same first-page SQL (``view_query()`` with the page limit) run through ``sqlite3``
and fetched; the difference is what Qt and the model add (formatting, resets, painting).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/lazy_list.py [--rows 1000000] [--profile]

Target: the first page within 5× its query. ``--profile`` prints a cProfile top-25 of one
first page (where the time goes).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(path: Path, rows: int) -> None:
    """The schema through Houqin, then ``rows`` audit rows straight through ``sqlite3``."""
    from models.db import close_database, open_database

    open_database(f"sqlite:///{path}")
    close_database()
    t0 = datetime(2025, 1, 1)
    conn = sqlite3.connect(str(path))
    with conn:
        conn.executemany(
            'INSERT INTO audit_log (at, actor_id, actor_name, "table", record_id, action,'
            " changes) VALUES (?, NULL, ?, ?, ?, ?, ?)",
            (
                (
                    (t0 + timedelta(seconds=i)).isoformat(sep=" "),
                    "系统管理员",
                    "user",
                    i % 1000,
                    "update",
                    '{"phone": ["1", "2"]}',
                )
                for i in range(rows)
            ),
        )
    conn.close()


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.db"
        start = time.perf_counter()
        build(path, args.rows)
        print(f"built {args.rows:,} audit rows in {time.perf_counter() - start:.1f} s")

        from PySide6.QtCore import QSettings

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        from desktop.admin import AuditLogView
        from desktop.app import create_application
        from models.db import close_database, open_database

        app = create_application()
        open_database(f"sqlite:///{path}")

        def first_page() -> AuditLogView:
            view = AuditLogView()
            view.resize(1200, 800)
            view.show()
            app.processEvents()
            view.repaint()
            return view

        first_page().close()  # warm: imports, fonts, the statement cache
        views: list[AuditLogView] = []
        page_ms = median_ms(lambda: views.append(first_page()), args.repeat)
        view = views[-1]
        loaded, fetches = view.model.rowCount(), view.model.fetch_count
        sql, params = view.model.view_query().limit(view.model.page_size + 1).sql()
        # The model's own share: the page through peewee into rows, then every visible
        # cell's text, without Qt painting anything.
        model = view.model
        visible = min(model.page_size, 40)

        def model_page() -> None:
            model.refresh()
            for r in range(visible):
                for c in range(model.columnCount()):
                    model.data(model.index(r, c))

        model_ms = median_ms(model_page, args.repeat)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            first_page()
            profiler.disable()
        for v in views:
            v.close()
        close_database()

        bare = sqlite3.connect(str(path))
        query_ms = median_ms(lambda: bare.execute(sql, params).fetchall(), args.repeat)
        bare.close()

    print(f"first page shown and painted: {page_ms:7.2f} ms  ({loaded} rows, {fetches} query)")
    print(f"the model alone (page + texts): {model_ms:7.2f} ms")
    print(f"its query through sqlite3:    {query_ms:7.2f} ms")
    print(f"ratio first page / query: {page_ms / query_ms:.1f}x  (target <= 5x)")
    print(f"ratio model alone / query: {model_ms / query_ms:.1f}x")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
