"""The MariaDB rows of ``bench/excel_io.py --mysql``: the items kind imported through
``import_file`` into a fresh database on a MariaDB server, beside python-calamine + PyMySQL
``executemany`` of the same file's raw cells into a table as wide as the sheet (the limit on
that server: nothing checked, nothing derived).

The server is ``HOUQIN_TEST_MYSQL_URL`` when set, else the tests' private one
(``tests/mariadb_server.py``, the DESIGN.md recipe), started once by the bench's parent and
handed to each child in that variable."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Any

from _import_ceiling import RUNS, data_rows, parents_first
from _import_kinds import current_mb


def server_url() -> str:
    """The base URL of the server to measure on, starting the private one if need be; the
    children find it in ``HOUQIN_TEST_MYSQL_URL``."""
    from tests.mariadb_server import ENV_URL, mysql_base_url

    url, reason = mysql_base_url()
    if url is None:
        raise SystemExit(f"no MariaDB for --mysql: {reason}")
    os.environ[ENV_URL] = url
    return url


def _fresh_database() -> tuple[str, str]:
    from tests.mariadb_server import create_database

    base = server_url()
    name = f"houqin_bench_{uuid.uuid4().hex[:10]}"
    return base, create_database(base, name)


def child_import_bare_mysql(xlsx: Path, _unused: Path) -> dict[str, Any]:
    """calamine + PyMySQL ``executemany`` (one multi-row INSERT per chunk, as the driver
    batches it) of the raw cells, in one transaction."""
    import pymysql
    from python_calamine import CalamineWorkbook

    from tests.mariadb_server import _parse, drop_database

    base, url = _fresh_database()
    args = _parse(url)
    conn = pymysql.connect(**args, charset="utf8mb4", autocommit=False)
    try:
        start = current_mb()
        t0 = time.perf_counter()
        book = CalamineWorkbook.from_path(str(xlsx))
        rows = book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)[1:]
        width = len(rows[0])
        columns = ", ".join(f"c{i} VARCHAR(200)" for i in range(width))
        with conn.cursor() as cur:
            cur.execute(f"CREATE TABLE bare (id INTEGER PRIMARY KEY AUTO_INCREMENT, {columns})")
            marks = ", ".join(["%s"] * width)
            names = ", ".join(f"c{i}" for i in range(width))
            cur.executemany(f"INSERT INTO bare ({names}) VALUES ({marks})", rows)
        conn.commit()
        seconds = time.perf_counter() - t0
    finally:
        conn.close()
        drop_database(base, url.rsplit("/", 1)[1])
    return {"seconds": seconds, "rows": len(rows), "base": start}


def child_import_items_mysql(xlsx: Path, _unused: Path) -> dict[str, Any]:
    """``houqin import items`` (the command line's actor) on a fresh MariaDB database."""
    from models.db import close_database, open_database
    from tests.mariadb_server import drop_database

    base, url = _fresh_database()
    open_database(url)
    try:
        return _import_items(xlsx)
    finally:
        close_database()
        drop_database(base, url.rsplit("/", 1)[1])


def _import_items(xlsx: Path) -> dict[str, Any]:
    from forms.excel_import import import_file
    from forms.kinds import get_kind
    from models.text import search_key

    kind = get_kind("items")
    search_key.__wrapped__("预热")  # pypinyin's dictionaries belong to the base
    start = current_mb()
    t0 = time.perf_counter()
    result = import_file(kind, xlsx, mode="insert")
    seconds = time.perf_counter() - t0
    assert result.committed, [str(e) for e in result.errors[:5]]
    return {
        "seconds": seconds,
        "rows": len(result.inserted),
        "base": start,
        "lock": result.write_seconds,
    }


def child_ceiling_items_mysql(xlsx: Path, _unused: Path) -> dict[str, Any]:
    """The ceiling of the items import on MariaDB (as ``bench/_import_ceiling.py`` makes it
    on SQLite): the rows the import wrote (every table's rows past its last id before it)
    read back, then, timed, calamine reading the file + PyMySQL ``executemany`` of those
    rows into a fresh migrated database, in one transaction; the best of ``RUNS``."""
    from models.db import close_database, db, open_database
    from tests.mariadb_server import drop_database

    base, url = _fresh_database()
    open_database(url)
    try:
        keys = {t: db.get_primary_keys(t) for t in db.get_tables()}
        single = {t: k[0] for t, k in keys.items() if len(k) == 1}
        last = {
            t: db.execute_sql(f"SELECT COALESCE(MAX(`{k}`), 0) FROM `{t}`").fetchone()[0]
            for t, k in single.items()
        }
        _import_items(xlsx)
        written = {}
        for t, top in last.items():
            rows = list(db.execute_sql(f"SELECT * FROM `{t}` WHERE `{single[t]}` > %s", (top,)))
            if rows:
                written[t] = rows
        parents = {
            t: {fk.dest_table for fk in db.get_foreign_keys(t)} & set(written) for t in written
        }
    finally:
        close_database()
        drop_database(base, url.rsplit("/", 1)[1])
    order = parents_first(parents)
    start = current_mb()
    runs = [_write_mysql(xlsx, order, written) for _ in range(RUNS)]
    return {"seconds": min(runs), "rows": data_rows(xlsx), "base": start}


def _write_mysql(xlsx: Path, order: list[str], written: dict[str, list[Any]]) -> float:
    import pymysql
    from python_calamine import CalamineWorkbook

    from models.db import close_database, open_database
    from tests.mariadb_server import _parse, drop_database

    base, url = _fresh_database()
    open_database(url)  # the schema, migrated
    close_database()
    conn = pymysql.connect(**_parse(url), charset="utf8mb4", autocommit=False)
    try:
        t0 = time.perf_counter()
        book = CalamineWorkbook.from_path(str(xlsx))
        book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
        with conn.cursor() as cur:
            for t in order:
                marks = ", ".join(["%s"] * len(written[t][0]))
                cur.executemany(f"INSERT INTO `{t}` VALUES ({marks})", written[t])
        conn.commit()
        return time.perf_counter() - t0
    finally:
        conn.close()
        drop_database(base, url.rsplit("/", 1)[1])


CHILDREN = {
    "import_bare_mysql": child_import_bare_mysql,
    "import_items_mysql": child_import_items_mysql,
    "ceiling_items_mysql": child_ceiling_items_mysql,
}
