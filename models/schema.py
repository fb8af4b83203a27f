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


def _department_order(database: peewee.Database) -> None:
    """Departments sort in the office's order (一中队 before 二中队 before 十二中队), not by
    their characters: a ``sort_key`` column, filled from each name (``natural_sort_key``)."""
    from playhouse.migrate import SchemaMigrator, migrate

    from models import people

    table = people.Department._meta.table_name
    if "sort_key" not in {c.name for c in database.get_columns(table)}:
        migrator = SchemaMigrator.from_database(database)
        migrate(
            migrator.add_column(table, "sort_key", people.Department.sort_key),
            migrator.add_index(table, ("sort_key",)),
        )
    with database.bind_ctx([people.Department]):
        for dept in people.Department.select(
            people.Department.id, people.Department.name, people.Department.kind
        ):
            key = people.natural_sort_key(dept.name, dept.kind)
            people.Department.update(sort_key=key).where(people.Department.id == dept.id).execute()


Migration = tuple[int, str, Callable[[peewee.Database], None]]
MIGRATIONS: list[Migration] = sorted(
    [
        (1, "foundation: people, settings, audit, approvals", _foundation),
        (4, "attachments: files of any record, in chunks", _attachments),
        (5, "office calendar: working days, make-up days, stored clocks", _calendar),
        (7, "approval trail: steps append-only", _trail),
        (14, "departments: their order in every list (sort key)", _department_order),
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


def migrate(database: peewee.Database, on_wait: Callable[[], object] | None = None) -> int:
    """Apply what is missing; return the version now in force.

    Desktops of an office often start together on a new database: the migrations run under
    an office-wide lock (``models.db.exclusive``: ``GET_LOCK`` on MySQL, one IMMEDIATE
    transaction on SQLite), and whoever waited reads the version again and finds the work
    done. ``on_wait()`` is called once when another desktop holds the lock."""
    have = _check(database)
    if have == latest():
        return have  # the usual start: no lock taken
    from models.db import exclusive

    with exclusive("schema", database, on_wait=on_wait):
        have = _check(database)
        want = latest()
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
                # SQLite runs DDL inside the transaction (all of this run or nothing); MySQL
                # commits each DDL statement, so a failed MySQL migration is re-run from its
                # start and must tolerate that.
                with database.atomic():
                    step(database)
                    SchemaVersion.create(version=version, name=name, applied_at=now())
    return want


def _check(database: peewee.Database) -> int:
    """The version in force, refusing a database newer than this program: an older Houqin
    must not write into tables it does not know. The words name the version needed and the
    newest step the database holds, so IT support knows which program to install."""
    have, want = current(database), latest()
    if have > want:
        with database.bind_ctx([SchemaVersion]):
            step = SchemaVersion.get_or_none(SchemaVersion.version == have)
        what = f"（{step.name}）" if step is not None else ""
        raise SchemaError(
            f"数据库版本（{have}）比本程序（{want}）新：需要能打开数据库版本 {have}{what}的"
            "后勤软件，请先把这台电脑升级到与其他电脑相同的新版本",
            f"the database is at schema {have}{what and f' ({step.name})'}, newer than this "
            f"program ({want}): install a Houqin that knows schema {have}, the version the "
            "other desktops were upgraded to",
        )
    return have


def _backup_name(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-v{version}-{stamp}{path.suffix}")


def backup_sqlite(database: peewee.SqliteDatabase, target: Path) -> Path:
    """Copy a live SQLite database with the online backup API (consistent while others
    write). Refused onto the live file itself (or its journal) and onto an existing file
    that is not an SQLite database (nothing is overwritten that is not a backup)."""
    target = Path(target)
    live = Path(database.database).resolve()
    if target.exists() and target.is_dir():
        raise SchemaError(
            f"备份目标 {target} 是一个文件夹，请给出文件名，例如 {target / 'houqin-backup.db'}",
            f"the backup target {target} is a folder; name a file in it",
        )
    resolved = target.resolve()
    if resolved in (live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")):
        raise SchemaError(
            f"不能备份到正在使用的数据库文件本身（{target}），请另选一个文件名",
            f"cannot back up onto the live database file itself ({target}); choose another file",
        )
    if target.exists() and target.stat().st_size > 0 and not _is_sqlite_file(target):
        raise SchemaError(
            f"{target} 已存在且不是数据库文件，未覆盖；请另选一个文件名",
            f"{target} exists and is not a database file; it was not overwritten",
        )
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


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"
