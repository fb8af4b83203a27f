"""``houqin migrate-to``: the demo office moves from its SQLite file into an empty MariaDB
database with every id, row, ledger sum and attachment byte; a target that is not empty is
refused untouched; a failure half-way leaves the target empty (X4)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from models import attachments, demo, people
from models.db import close_database, connect_url, open_database
from models.migrate_to import MigrationRefused, _dependency_order, migrate_to
from tests.conftest import mysql_url_or_skip
from tests.mariadb_server import drop_database

ROOT = Path(__file__).resolve().parents[2]
BIG = os.urandom(attachments.CHUNK_SIZE * 3 + 12345)  # four chunks, the last one short


@pytest.fixture(scope="module")
def source_file(tmp_path_factory) -> Path:
    """The demo office in an SQLite file, with a file of several chunks attached: loaded
    once for the module, copied by a test that changes it."""
    path = tmp_path_factory.mktemp("source") / "houqin.db"
    open_database(f"sqlite:///{path}")
    try:
        demo.load(password="demo-pass-1")
        admin = people.get_user("admin")
        attachments.attach(admin, admin.department, "大文件.bin", BIG)
    finally:
        close_database()
    return path


@pytest.fixture
def target():
    """(base URL, URL) of a fresh, empty MariaDB database, dropped afterwards."""
    base, url = mysql_url_or_skip()
    yield base, url
    drop_database(base, url.rsplit("/", 1)[1])


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            n: con.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]
            for n in names
            if not n.startswith("sqlite_")
        }
    finally:
        con.close()


def _server_counts(url: str) -> dict[str, int]:
    database = connect_url(url)
    try:
        tables = database.get_tables()
        return {
            t: database.execute_sql(f"SELECT COUNT(*) FROM `{t}`").fetchone()[0] for t in tables
        }
    finally:
        database.close()


def _move(source: Path, url: str):
    database = open_database(f"sqlite:///{source}")
    try:
        return migrate_to(database, url, say=lambda _line: None)
    finally:
        close_database()


def _sums(database, sql: str) -> list[tuple]:
    return [tuple(str(v) for v in row) for row in database.execute_sql(sql).fetchall()]


def test_X4_migrate_to_moves_the_demo_office_with_every_count_and_ledger_sum_equal(
    source_file, target
):
    _base, url = target
    report = _move(source_file, url)
    expected = _counts(source_file)
    assert report.counts == expected
    assert _server_counts(url) == expected  # every table, schema_version included
    assert report.items > 0 and report.stock_total > 0 and report.attachments >= 100

    sqlite_db = connect_url(f"sqlite:///{source_file}")
    stock = "SELECT item_id, SUM(quantity) FROM movement GROUP BY item_id ORDER BY item_id"
    fuel = (
        "SELECT vehicle_id, ROUND(SUM(litres), 2), ROUND(SUM(amount), 2) FROM fuel_log "
        "GROUP BY vehicle_id ORDER BY vehicle_id"
    )
    ids = "SELECT id, username FROM user ORDER BY id"
    before = [_sums(sqlite_db, q) for q in (stock, fuel, ids)]
    sqlite_db.close()

    open_database(url)  # the real start of a desktop on the server: nothing to migrate
    try:
        from models.db import db

        after = [_sums(db.obj, q) for q in (stock, fuel, ids)]
        # SQLite keeps the decimals as floats: compare at their two places
        before[1] = [(v, f"{float(lit):.2f}", f"{float(amt):.2f}") for v, lit, amt in before[1]]
        assert after == before
        big = attachments.Attachment.get(attachments.Attachment.file_name == "大文件.bin")
        assert big.chunk_count == 4
        assert attachments.read_bytes(big) == BIG  # byte-exact, SHA-256 checked on the way out
        assert people.authenticate("wangjianguo", "demo-pass-1").username == "wangjianguo"
    finally:
        close_database()


def test_X4_migrate_to_refuses_a_target_that_is_not_empty_and_leaves_it_unchanged(
    source_file, target
):
    base, url = target
    open_database(url)  # a desktop started on it: a schema version, the calendar's rows
    close_database()
    before = _server_counts(url)
    with pytest.raises(MigrationRefused) as refused:
        _move(source_file, url)
    message = str(refused.value)
    assert message.index("不是空的") < message.index("not empty")  # Chinese first
    assert "未做任何更改" in message and "nothing was changed" in message
    assert _server_counts(url) == before

    # A table of Houqin's with rows but no schema version (something copied by hand) too.
    drop_database(base, url.rsplit("/", 1)[1])
    database = connect_url(url)
    database.execute_sql("CREATE TABLE department (id INT PRIMARY KEY, name VARCHAR(10))")
    database.execute_sql("INSERT INTO department VALUES (1, '办公室')")
    database.close()
    with pytest.raises(MigrationRefused, match="department"):
        _move(source_file, url)
    assert _server_counts(url) == {"department": 1}


def test_X4_a_failure_half_way_through_the_copy_leaves_the_target_empty(
    source_file, target, tmp_path
):
    """A dangling reference in a table late in the order (a file damaged by hand): the server
    refuses it after half the tables were copied; the rows roll back, the tables go."""
    _base, url = target
    broken = tmp_path / "broken.db"
    shutil.copy(source_file, broken)
    database = connect_url(f"sqlite:///{broken}")
    order = _dependency_order(database)
    late = next(
        (table, fk.column)
        for table in order[len(order) // 2 :]
        for fk in database.get_foreign_keys(table)
        if database.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    )
    database.close()
    con = sqlite3.connect(broken)  # no foreign_keys pragma: SQLite lets it through
    con.execute(
        f'UPDATE "{late[0]}" SET "{late[1]}" = 999999 WHERE rowid = ('
        f'SELECT MAX(rowid) FROM "{late[0]}")'
    )
    con.commit()
    con.close()

    with pytest.raises(MigrationRefused) as failed:
        _move(broken, url)
    assert "目标数据库已恢复为空" in str(failed.value)
    assert _server_counts(url) == {}  # not a table left, not a schema version
    report = _move(source_file, url)  # and the same target takes a sound file afterwards
    assert report.counts == _counts(source_file)


def test_X4_the_command_line_moves_and_then_refuses_a_second_time(source_file, target, tmp_path):
    _base, url = target
    copy = tmp_path / "office.db"
    shutil.copy(source_file, copy)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "desktop.cli", "--db", f"sqlite:///{copy}", "migrate-to", url]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "迁移完成" in first.stdout and "SHA-256" in first.stdout
    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    assert second.stderr.index("不是空的") < second.stderr.index("not empty")

    parts = urlsplit(url)
    netloc = f"{parts.username}:Wrong-Secret-77@{parts.hostname}:{parts.port}"
    wrong = parts._replace(netloc=netloc).geturl()
    command[-1] = wrong
    third = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert third.returncode == 1 and "无法连接数据库服务器" in third.stderr
    assert "Wrong-Secret-77" not in third.stdout + third.stderr  # never printed


def test_X4_a_move_killed_during_the_copy_runs_again_on_the_tables_it_left(source_file, target):
    """Killed after the tables were made and before the copy committed: the server rolled
    the rows back and the schema version was already emptied; the next run reuses them."""
    from models import schema
    from models.db import db

    _base, url = target
    left = connect_url(url)
    db.initialize(left)
    try:
        schema.migrate(left)
        left.execute_sql("DELETE FROM schema_version")
    finally:
        left.close()
    report = _move(source_file, url)
    assert report.counts == _counts(source_file) == _server_counts(url)
