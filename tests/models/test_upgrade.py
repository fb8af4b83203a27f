"""Upgrades on the shared MariaDB server, in separate processes through the real start
(``houqin init``): two desktops of a newer program starting at once on an older database
migrate it exactly once, the second waits and says so; an older program on a newer database
refuses to start and names the version it needs (X4)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models import schema
from models.db import close_database, connect_url, open_database
from tests.conftest import mysql_url_or_skip
from tests.mariadb_server import drop_database

ROOT = Path(__file__).resolve().parents[2]

# A newer program: this one plus a migration that counts its runs in a table of its own and
# takes two seconds, so that the second desktop arrives while the first one migrates.
_NEWER_PROGRAM = r"""
import sys, time
from pathlib import Path
from models import schema

def counted(database):
    database.execute_sql("CREATE TABLE IF NOT EXISTS upgrade_run (pid INT, at DATETIME)")
    database.execute_sql("INSERT INTO upgrade_run VALUES (%s, NOW())", (__import__("os").getpid(),))
    time.sleep(2)

schema.MIGRATIONS.append((schema.latest() + 1, "test: a counted migration", counted))
url, go = sys.argv[1], Path(sys.argv[2])
while not go.exists():
    time.sleep(0.01)
from desktop.cli import main
sys.exit(main(["--db", url, "init"]))
"""


@pytest.fixture
def server_url():
    """A MariaDB database at this program's schema, with its administrator."""
    base, url = mysql_url_or_skip()
    _run("-m", "desktop.cli", "--db", url, "init", "--password", "Start-123456")
    yield url
    drop_database(base, url.rsplit("/", 1)[1])


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done


def test_X4_two_desktops_of_a_newer_program_migrate_the_server_once(server_url, tmp_path):
    go = tmp_path / "go"
    procs = [_spawn("-c", _NEWER_PROGRAM, server_url, str(go)) for _ in range(2)]
    time.sleep(3)  # both are at the start line, their imports done
    go.touch()
    results = [(p.wait(timeout=180), *p.communicate()) for p in procs]
    assert [rc for rc, _, _ in results] == [0, 0], results

    database = connect_url(server_url)
    try:
        runs = database.execute_sql("SELECT COUNT(*) FROM upgrade_run").fetchone()[0]
        versions = [
            v for (v,) in database.execute_sql("SELECT version FROM schema_version").fetchall()
        ]
    finally:
        database.close()
    assert runs == 1, results  # the migration ran once, not once per desktop
    assert sorted(versions) == [*(m[0] for m in schema.MIGRATIONS), schema.latest() + 1]
    waited = [err for _, _, err in results if "另一台电脑正在升级数据库" in err]
    assert len(waited) == 1, results  # the second one said why it waited
    assert "another desktop is upgrading" in waited[0]


def test_X4_an_older_program_on_a_newer_server_database_refuses_to_start(server_url):
    open_database(server_url)
    try:
        newer = schema.latest() + 1
        schema.SchemaVersion.create(version=newer, name="future: 新的表", applied_at=schema.now())
    finally:
        close_database()
    before = _tables_and_rows(server_url)
    started = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", server_url, "init"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 1
    err = started.stderr
    assert f"数据库版本（{newer}）比本程序（{schema.latest()}）新" in err
    assert f"需要能打开数据库版本 {newer}" in err and "future: 新的表" in err
    assert err.index("需要") < err.index(f"a Houqin that knows schema {newer}")  # Chinese first
    assert _tables_and_rows(server_url) == before  # it wrote nothing


def _tables_and_rows(url: str) -> dict[str, int]:
    database = connect_url(url)
    try:
        return {
            t: database.execute_sql(f"SELECT COUNT(*) FROM `{t}`").fetchone()[0]
            for t in database.get_tables()
        }
    finally:
        database.close()
