"""Schema versions: migrations run at start-up, in order, each recorded in ``schema_version``.

- Before a migration touches an SQLite file that already holds data, the file is copied with
  SQLite's online backup API to ``<name>.before-v<N>-<timestamp>.db`` beside it.
- A database whose version is newer than this program knows is refused: an older Houqin
  must not write into a schema it does not understand (another desktop was upgraded first).
- A migration is a function of the database. Tables are created from the model classes of
  the migration that introduces them; a later change to a table is a new migration that
  alters it (``playhouse.migrate``), guarded so that it is a no-op on a table that migration
  1 already created in its newest shape.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee

from models import domains
from models.base import BaseModel, now
from models.errors import SchemaError


class SchemaVersion(BaseModel):
    version = peewee.IntegerField(primary_key=True)
    name = peewee.CharField(max_length=100)
    applied_at = peewee.DateTimeField()


def _foundation(database: peewee.Database) -> None:
    from models import audit, people, settings, workflow

    database.create_tables(
        [
            settings.Setting,
            audit.AuditLog,
            people.Department,
            people.User,
            people.UserRole,
            workflow.FlowVersion,
            workflow.Instance,
            workflow.Task,
            workflow.Step,
            workflow.CarbonCopy,
            workflow.Delegation,
        ]
    )
    _append_only(database, "audit_log")


def _append_only(
    database: peewee.Database, table: str, events: tuple[str, ...] = ("UPDATE", "DELETE")
) -> None:
    """Triggers that make ``table`` refuse UPDATE and DELETE (or only ``events``) from any
    client. ``IF NOT EXISTS`` because MySQL commits each DDL statement, so an interrupted
    first start runs migration 1 again (MariaDB 10.1.4+, MySQL 8.0.29+)."""
    message = f"{table} is append-only"
    if isinstance(database, peewee.MySQLDatabase):
        body = f"FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}'"
    else:
        body = f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    for event in events:
        database.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event.lower()} "
            f"BEFORE {event} ON {table} {body}"
        )


def _domain_step(domain: str, version: int) -> Callable[[peewee.Database], None]:
    """A domain's migration, run by ``models.<domain>.migrate_<version>`` (imported only when
    the migration runs, so opening an up-to-date database loads no domain)."""

    def step(database: peewee.Database) -> None:
        module = importlib.import_module(f"models.{domain}")
        getattr(module, f"migrate_{version}")(database)

    return step


def _attachments(database: peewee.Database) -> None:
    from models import attachments

    database.create_tables(attachments.TABLES)
    _append_only(database, "attachment_chunk")  # content never changes
    _append_only(database, "attachment", ("DELETE",))  # voided (an UPDATE), never deleted


def _calendar(database: peewee.Database) -> None:
    from models import calendar, clocks

    # The rows are seeded by ``calendar.sync_package`` right after the migrations (in its own
    # transaction: MySQL has just committed this one with the DDL).
    database.create_tables([*calendar.TABLES, *clocks.TABLES])


def _trail(database: peewee.Database) -> None:
    """The approval trail (X2) proves who decided what: no client may rewrite or delete a
    step. The engine only ever inserts steps."""
    _append_only(database, "step")


Migration = tuple[int, str, Callable[[peewee.Database], None]]
MIGRATIONS: list[Migration] = sorted(
    [
        (1, "foundation: people, settings, audit, approvals", _foundation),
        (4, "attachments: files of any record, in chunks", _attachments),
        (5, "office calendar: working days, make-up days, stored clocks", _calendar),
        (7, "approval trail: steps append-only", _trail),
        *(
            (version, name, _domain_step(d.name, version))
            for d in domains.DOMAINS
            for version, name in d.migrations
        ),
    ],
    key=lambda m: m[0],
)


def latest() -> int:
    return MIGRATIONS[-1][0]


def current(database: peewee.Database) -> int:
    if not database.table_exists(SchemaVersion._meta.table_name):
        return 0
    with database.bind_ctx([SchemaVersion]):
        return SchemaVersion.select(peewee.fn.MAX(SchemaVersion.version)).scalar() or 0


def migrate(database: peewee.Database) -> int:
    """Apply what is missing; return the version now in force."""
    have = current(database)
    want = latest()
    if have > want:
        raise SchemaError(
            f"数据库版本（{have}）比本程序（{want}）新，请先升级后勤软件",
            f"the database is at schema {have}, newer than this program ({want}); upgrade Houqin",
        )
    if have == want:
        return have
    if isinstance(database, peewee.SqliteDatabase) and have > 0:
        first_pending = min(v for v, _, _ in MIGRATIONS if v > have)
        backup_sqlite(database, _backup_name(Path(database.database), first_pending))
    with database.bind_ctx([SchemaVersion]):
        database.create_tables([SchemaVersion])
        for version, name, step in MIGRATIONS:
            if version <= have:
                continue
            # SQLite runs DDL inside the transaction; MySQL commits each DDL statement, so a
            # failed MySQL migration is re-run from its start and must tolerate that.
            with database.atomic():
                step(database)
                SchemaVersion.create(version=version, name=name, applied_at=now())
    return want


def _backup_name(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-v{version}-{stamp}{path.suffix}")


def backup_sqlite(database: peewee.SqliteDatabase, target: Path) -> Path:
    """Copy a live SQLite database with the online backup API (consistent while others
    write)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database.database)
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
