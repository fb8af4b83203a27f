"""The database layer: URLs, pragmas, schema versions, backups, utf8mb4."""

from __future__ import annotations

import sqlite3

import peewee
import pytest

from models import db as dbmod
from models import people, schema
from models.errors import SchemaError
from models.people import SYSTEM


def test_schema_is_current_and_recorded(database):
    assert schema.current(database) == schema.latest()
    rows = list(schema.SchemaVersion.select().order_by(schema.SchemaVersion.version))
    assert [r.version for r in rows] == [m[0] for m in schema.MIGRATIONS]


def test_migrate_twice_is_a_no_op(database):
    assert schema.migrate(database) == schema.latest()


def test_database_newer_than_the_program_is_refused(database):
    schema.SchemaVersion.create(version=schema.latest() + 1, name="future", applied_at=schema.now())
    with pytest.raises(SchemaError) as err:
        schema.migrate(database)
    assert "比本程序" in str(err.value) and "newer" in str(err.value)


def test_utf8mb4_end_to_end(database):
    dept = people.add_department(SYSTEM, "𠮷野家车队😀", "中队")
    assert people.Department.get_by_id(dept.id).name == "𠮷野家车队😀"


def test_sqlite_pragmas(tmp_path):
    database = dbmod.open_database(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        dbmod.close_database()


def test_sqlite_on_a_network_share_does_not_use_wal(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "is_network_path", lambda path: True)
    database = dbmod.open_database(f"sqlite:///{tmp_path / 'share.db'}")
    try:
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        dbmod.close_database()


def test_network_filesystems_are_recognised(tmp_path, monkeypatch):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda / ext4 rw 0 0\n//server/share /mnt/office cifs rw 0 0\n"
        "server:/export /mnt/nfs nfs4 rw 0 0\n"
    )
    real_path = dbmod.Path

    class FakePath(type(real_path())):
        def read_text(self, *a, **k):
            return mounts.read_text() if str(self) == "/proc/mounts" else super().read_text()

    monkeypatch.setattr(dbmod, "Path", FakePath)
    assert dbmod.is_network_path(real_path("/mnt/office/houqin"))
    assert dbmod.is_network_path(real_path("/mnt/nfs"))
    assert not dbmod.is_network_path(real_path("/mnt/officex"))
    assert not dbmod.is_network_path(real_path("/home/user"))


def test_sqlite_file_is_backed_up_before_a_migration(tmp_path, monkeypatch):
    path = tmp_path / "houqin.db"
    dbmod.open_database(f"sqlite:///{path}")
    people.add_department(SYSTEM, "办公室")
    dbmod.close_database()

    ran = []

    def add_note_table(database: peewee.Database) -> None:
        database.execute_sql("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        ran.append(True)

    current = schema.latest()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, (99, "note", add_note_table)])
    dbmod.open_database(f"sqlite:///{path}")
    dbmod.close_database()
    assert ran == [True]
    backups = list(tmp_path.glob("houqin.before-v99-*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT name FROM department").fetchall() == [("办公室",)]
        assert copy.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == current


def test_a_failing_migration_changes_nothing_on_sqlite(tmp_path, monkeypatch):
    path = tmp_path / "houqin.db"
    dbmod.open_database(f"sqlite:///{path}")
    dbmod.close_database()

    def broken(database: peewee.Database) -> None:
        database.execute_sql("CREATE TABLE half (id INTEGER PRIMARY KEY)")
        raise RuntimeError("boom")

    current = schema.latest()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, (99, "broken", broken)])
    with pytest.raises(RuntimeError):
        dbmod.open_database(f"sqlite:///{path}")
    dbmod.close_database()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == current


def test_url_resolution(monkeypatch):
    monkeypatch.delenv("HOUQIN_DB", raising=False)
    assert dbmod.resolve_url().endswith("houqin.db")
    monkeypatch.setenv("HOUQIN_DB", "sqlite:////srv/h.db")
    assert dbmod.resolve_url() == "sqlite:////srv/h.db"
    assert dbmod.resolve_url("mysql://u:p@h/x") == "mysql://u:p@h/x"
    assert str(dbmod.sqlite_path("sqlite:////srv/h.db")) == "/srv/h.db"
    assert dbmod.sqlite_path("mysql://u:p@h/x") is None
    with pytest.raises(SchemaError):
        dbmod.connect_url("postgres://x/y")


def test_mysql_url_without_database_is_refused():
    with pytest.raises(SchemaError):
        dbmod.connect_url("mysql://root@127.0.0.1:1/")


def test_migration_1_can_run_again_after_an_interrupted_first_start(database):
    """MySQL commits each DDL statement: a first start interrupted after the tables (or two
    desktops opening an empty server at once) re-runs migration 1, which must not fail."""
    schema._foundation(database)
    schema._foundation(database)
    people.add_department(SYSTEM, "办公室")  # an audit row to try to delete
    with pytest.raises(peewee.DatabaseError), database.atomic():
        database.execute_sql("DELETE FROM audit_log")


def test_X_sqlite_commits_survive_a_power_cut_synchronous_full(tmp_path, monkeypatch):
    """WAL with synchronous=NORMAL may lose the last commits; the office database syncs
    every commit (cost measured by bench/sqlite_durability.py)."""
    for network in (False, True):
        monkeypatch.setattr(dbmod, "is_network_path", lambda path, network=network: network)
        database = dbmod.open_database(f"sqlite:///{tmp_path / f'{network}.db'}")
        try:
            assert database.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        finally:
            dbmod.close_database()
