"""The ceiling of a kind's import in ``bench/excel_io.py``: what the import would take if
checking cost nothing.

The child runs the kind's own child (its set-up, then ``import_file``), with a snapshot of
the database taken just before the import (``VACUUM INTO`` a copy, and each table's last
rowid). Afterwards the rows the import wrote (every table's rows past the snapshot: the
records, their audit rows, whatever else the use case writes) are read back, and what is
timed is python-calamine reading the file (as the bare run does) plus ``sqlite3``
``executemany`` of those very rows, as tuples, into the copy: the real tables with their
indexes and triggers, under the application's pragmas, in one transaction.

So the ceiling's ratio to the bare run is the most any import of that kind can reach with
the schema as it is: the bare run writes one table without indexes; the kind writes its
indexed table and an audit row for each record. What lies between the ceiling and the
kind's own figure is the checking. Timed as the best of ``RUNS``, each on its own copy.
Peak memory here is the child's (the written rows are held to be re-inserted): not
comparable with the import's."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from _import_kinds import BEFORE_IMPORT
from _import_kinds import CHILDREN as KIND_CHILDREN

RUNS = 3  # the timed part is short: the best of three, as for the bare run
PRAGMAS = ("PRAGMA journal_mode = wal", "PRAGMA synchronous = full", "PRAGMA foreign_keys = 1")


def _ceiling(kind: str, xlsx: Path, db_path: Path) -> dict[str, Any]:
    from models.db import db

    copy = db_path.with_name(db_path.name + ".before")
    last: dict[str, int] = {}

    def snapshot() -> None:
        tables = [
            name
            for (name,) in db.execute_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            (top,) = db.execute_sql(f'SELECT COALESCE(MAX(rowid), 0) FROM "{table}"').fetchone()
            last[table] = top
        db.execute_sql("VACUUM INTO ?", (str(copy),))

    BEFORE_IMPORT.append(snapshot)
    try:
        KIND_CHILDREN[f"import_{kind}"](xlsx, db_path)
    finally:
        BEFORE_IMPORT.remove(snapshot)
    db.close()
    source = sqlite3.connect(db_path)
    written = {}
    for table, top in last.items():
        rows = source.execute(f'SELECT * FROM "{table}" WHERE rowid > ?', (top,)).fetchall()
        if rows:
            written[table] = rows
    source.close()
    # Parents before children (the foreign keys are checked): in the order the import
    # created their first rows is not known, so by the tables' dependencies as declared.
    order = _parents_first(copy, list(written))

    from _import_kinds import current_mb

    base = current_mb()
    runs = []
    for run in range(RUNS):
        target = copy.with_name(f"{copy.name}.{run}")
        shutil.copyfile(copy, target)
        runs.append(_write(xlsx, target, order, written))
    return {"seconds": min(runs), "rows": data_rows(xlsx), "base": base}


def _write(xlsx: Path, target: Path, order: list[str], written: dict[str, list[Any]]) -> float:
    """Seconds to read ``xlsx`` with calamine and write ``written`` into ``target``."""
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    book = CalamineWorkbook.from_path(str(xlsx))
    book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.execute("BEGIN IMMEDIATE")
    for table in order:
        rows = written[table]
        marks = ", ".join("?" * len(rows[0]))
        conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t0


def data_rows(xlsx: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(xlsx))
    return book.get_sheet_by_name(book.sheet_names[0]).height - 1


def _parents_first(path: Path, tables: list[str]) -> list[str]:
    """``tables`` ordered so that a table comes after those its foreign keys name."""
    conn = sqlite3.connect(path)
    parents = {
        t: {row[2] for row in conn.execute(f'PRAGMA foreign_key_list("{t}")')} & set(tables)
        for t in tables
    }
    conn.close()
    return parents_first(parents)


def parents_first(parents: dict[str, set[str]]) -> list[str]:
    """The tables of ``parents`` (table -> the tables its foreign keys name) ordered so that
    each comes after its parents (a cycle, or a table naming itself, is broken by name)."""
    order: list[str] = []
    while len(order) < len(parents):
        done = set(order)
        ready = [t for t in parents if t not in done and parents[t] <= done | {t}]
        order += sorted(ready) or sorted(set(parents) - done)[:1]
    return order


def _child(kind: str) -> Any:
    return lambda xlsx, db_path: _ceiling(kind, xlsx, db_path)


CHILDREN = {
    f"ceiling_{kind}": _child(kind)
    for kind in (name.removeprefix("import_") for name in KIND_CHILDREN)
}
