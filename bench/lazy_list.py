"""How long does the first page of a 1,000,000-row list take, beside its own query?

Fills ``audit_log`` of a fresh SQLite file with ``--rows`` rows (bulk ``executemany``: the
set-up is not measured), then, offscreen, opens the real 审计日志 list (``AuditLogView``: a
``LazyQueryModel`` in a ``ListView``), shows it and paints its first page. The bare figure
is the same first-page SQL (``view_query()`` with the page limit) run through ``sqlite3``
and fetched. Printed in parts, each over that query (wall and CPU time, medians):

- the model: its fetch (``refresh``: the peewee query, the page into rows) and the texts of
  the visible cells;
- the page: the widgets built, shown (``showEvent`` runs the first fetch), laid out and
  first painted (a new top-level window: Qt's first show of it is most of this part);
- the whole first page.

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


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``fn`` (CPU: steadier on a shared machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


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
        parts: dict[str, list[tuple[float, float]]] = {"built": [], "shown": [], "painted": []}
        views: list[AuditLogView] = []

        def first_page() -> AuditLogView:
            """The page in three parts: the widgets built; shown (``showEvent`` runs the
            first page's query into the model); laid out and painted."""
            marks = [(time.perf_counter(), time.process_time())]
            view = AuditLogView()
            view.resize(1200, 800)
            marks.append((time.perf_counter(), time.process_time()))
            view.show()
            marks.append((time.perf_counter(), time.process_time()))
            app.processEvents()
            view.repaint()
            marks.append((time.perf_counter(), time.process_time()))
            for name, a, b in zip(parts, marks, marks[1:], strict=False):
                parts[name].append(((b[0] - a[0]) * 1000, (b[1] - a[1]) * 1000))
            views.append(view)
            return view

        first_page().close()  # warm: imports, fonts, the statement cache
        for p in parts.values():
            p.clear()
        page = median_ms(first_page, args.repeat)
        view = views[-1]
        loaded, fetches = view.model.rowCount(), view.model.fetch_count
        sql, params = view.model.view_query().limit(view.model.page_size + 1).sql()
        # The model's own share: the page through peewee into rows, then every visible
        # cell's text and look (what a paint asks for), without Qt painting anything.
        model = view.model
        visible = min(model.page_size, 40)

        def texts() -> None:
            model.forget_rows()  # forget the rows and cells made
            for r in range(visible):
                for c in range(model.columnCount()):
                    model.data(model.index(r, c))

        fetch = median_ms(model.refresh, args.repeat)
        cells = median_ms(texts, args.repeat)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            first_page()
            profiler.disable()
        for v in views:
            v.close()
        close_database()

        bare = sqlite3.connect(str(path))
        query = median_ms(lambda: bare.execute(sql, params).fetchall(), args.repeat)
        bare.close()

    def line(label: str, ms: tuple[float, float], note: str = "") -> None:
        print(
            f"{label:<44} {ms[0]:8.2f} {ms[1]:8.2f} {ms[0] / query[0]:7.1f}x "
            f"{ms[1] / query[1]:7.1f}x  {note}"
        )

    def med(name: str) -> tuple[float, float]:
        return (
            statistics.median(w for w, _ in parts[name]),
            statistics.median(c for _, c in parts[name]),
        )

    print(f"median of {args.repeat} runs; ratios over the bare query (wall, CPU)")
    print(f"{'':<44} {'wall ms':>8} {'cpu ms':>8} {'wall':>8} {'cpu':>8}")
    line("query: first-page SQL through sqlite3", query, f"({loaded} rows, {fetches} query)")
    line("model fetch: refresh (peewee query, rows)", fetch)
    line(f"model texts: {visible} rows' cells, every role", cells)
    line("model total: fetch + texts", (fetch[0] + cells[0], fetch[1] + cells[1]), "(<= 5x)")
    line("  page: widgets built (AuditLogView())", med("built"))
    line("  page: shown (showEvent: the first fetch)", med("shown"))
    line("  page: laid out and first painted", med("painted"))
    line("first page built, shown and painted", page, "(target <= 5x)")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
