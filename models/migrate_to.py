"""Moving an office from its SQLite file to a shared MariaDB/MySQL server (``houqin
migrate-to mysql://…``): every row, every id, every attachment byte, or nothing.

Why it is built this way:

- The target must be empty (no Houqin table with rows, no schema version): the copy keeps the
  source's ids, so it can never merge into an office that already has its own.
- The tables are created by the program's own migrations (``schema.migrate``), so the target
  has MariaDB's column types, indexes and append-only triggers exactly as a desktop would have
  made them; only then are the rows copied.
- MariaDB commits every DDL statement, so "all or nothing" is two parts: the rows go in ONE
  transaction (a failure rolls all of them back), and on any failure the tables this run
  created are dropped again, leaving the target as it was.
- The whole run holds the office-wide ``schema`` lock (``db.exclusive``) and empties
  ``schema_version`` right after creating the tables: a desktop that starts against the
  target meanwhile sees version 0, waits for the lock, and finds the office complete.
- Tables go in dependency order (parents first) with the server checking every foreign key as
  it goes; rows in id order (a row that amends or repeats another refers to an older one).
  They go by ``executemany`` in chunks: PyMySQL folds a chunk into multi-row INSERTs.
- Before the commit, inside the same transaction, the copy is verified: every table's row
  count, the sum of every numeric column (the stock ledger, fuel, money, credits — decimals at
  their column's scale), stock per item as the sum of its movements, and each attachment's
  bytes read back from the target against its stored size and SHA-256.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import peewee

from models import db as dbmod
from models import schema
from models.errors import HouqinError

BATCH_ROWS = 1000  # rows per executemany (PyMySQL splits it below 1 MB statements)
BATCH_BYTES = 4 * 1024 * 1024  # a chunk of a table with blobs: about this many bytes
SKIP = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})

Say = Callable[[str], object]


class MigrationRefused(HouqinError):
    """The move was refused or failed; the target is as it was before."""


@dataclass
class MoveReport:
    """What was copied and checked: printed by the command line."""

    counts: dict[str, int] = field(default_factory=dict)
    items: int = 0
    stock_total: int = 0
    fuel_litres: Decimal = Decimal(0)
    fuel_amount: Decimal = Decimal(0)
    attachments: int = 0
    attachment_bytes: int = 0
    schema_seconds: float = 0.0  # creating the tables (DDL, the server commits each)
    copy_seconds: float = 0.0  # the rows and their verification, one transaction
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rows = sum(self.counts.values())
        return [
            f"已复制 {len(self.counts)} 张表、{rows} 行，用时 {self.seconds:.1f} 秒（建表 "
            f"{self.schema_seconds:.1f} 秒，复制并核对 {self.copy_seconds:.1f} 秒）/ copied "
            f"{len(self.counts)} tables, {rows} rows in {self.seconds:.1f} s (tables "
            f"{self.schema_seconds:.1f} s, rows and checks {self.copy_seconds:.1f} s)",
            f"核对：每张表行数一致；库存台账 {self.items} 种物品，结存合计 {self.stock_total}"
            f"（每种物品结存 = 出入库流水之和）/ checked: row counts; stock ledger of "
            f"{self.items} items, {self.stock_total} in stock (stock = sum of movements)",
            f"加油合计 {self.fuel_litres} 升、{self.fuel_amount} 元；附件 {self.attachments} 个、"
            f"{self.attachment_bytes} 字节，逐个按 SHA-256 读回一致 / fuel {self.fuel_litres} L, "
            f"{self.fuel_amount}; {self.attachments} attachments, {self.attachment_bytes} bytes, "
            "each read back against its SHA-256",
        ]


def migrate_to(source: peewee.SqliteDatabase, target_url: str, say: Say = print) -> MoveReport:
    """Copy the (migrated, up-to-date) SQLite ``source`` into the empty database at
    ``target_url``; return what was copied and verified, or raise ``MigrationRefused``."""
    if not target_url.startswith(("mysql://", "mariadb://")):
        raise MigrationRefused(
            "目标必须是 MySQL/MariaDB 服务器地址，例如 mysql://用户:密码@主机:3306/houqin",
            "the target must be a server URL such as mysql://user:password@host:3306/houqin",
        )
    if not isinstance(source, peewee.SqliteDatabase):
        raise MigrationRefused(
            "当前数据库不是 SQLite 数据文件，无需迁移",
            "the current database is not an SQLite file; nothing to move",
        )
    started = time.monotonic()
    target = dbmod.connect_url(target_url)
    shown = dbmod.redact_url(target_url)
    try:
        with dbmod.exclusive("schema", target, wait_s=30):
            before = set(target.get_tables())
            _refuse_unless_empty(target, before & {*_source_tables(source)}, shown)
            try:
                report = _create_and_copy(source, target, say)
            except BaseException as exc:
                dropped = _drop_created(target, set(target.get_tables()) - before)
                say(f"已回滚，删除了本次新建的 {dropped} 张表 / rolled back, dropped {dropped}")
                if isinstance(exc, HouqinError):
                    raise MigrationRefused(
                        f"{exc.zh}；目标数据库已恢复为空", f"{exc.en}; the target is empty again"
                    ) from exc
                raise MigrationRefused(
                    f"迁移失败，目标数据库已恢复为空：{exc}",
                    f"the move failed and the target is empty again: {exc}",
                ) from exc
    finally:
        if not target.is_closed():
            target.close()
    report.seconds = time.monotonic() - started
    return report


def _refuse_unless_empty(target: peewee.Database, tables: set[str], shown: str) -> None:
    """Refuse a target with a schema version or any Houqin table (``tables``) with rows."""
    version = schema.current(target)
    filled = sorted(t for t in tables if _count(target, t) > 0)
    if version or filled:
        what = f"数据库结构版本 {version}" if version else "、".join(filled[:5])
        what_en = f"schema version {version}" if version else ", ".join(filled[:5])
        raise MigrationRefused(
            f"目标数据库 {shown} 不是空的（{what}），未做任何更改。迁移只能写入一个新建的空"
            "数据库；如果这是上次中断的迁移留下的，请删除并重新建立该数据库后再试",
            f"the target database {shown} is not empty ({what_en}); nothing was changed. "
            "Move into a new, empty database (drop and create it again if an interrupted "
            "move left it)",
        )


def _create_and_copy(
    source: peewee.SqliteDatabase, target: peewee.Database, say: Say
) -> MoveReport:
    from models.db import db

    started = time.monotonic()
    db.initialize(target)  # the migrations create tables through the models' proxy
    try:
        schema.migrate(target)
    finally:
        db.initialize(source)
    version_table = schema.SchemaVersion._meta.table_name
    # Desktops starting now see version 0 and wait for the lock this run holds.
    target.execute_sql(f"DELETE FROM `{version_table}`")
    order = _dependency_order(source)
    missing = [t for t in order if t not in set(target.get_tables())]
    if missing:
        raise MigrationRefused(
            f"数据文件中有本程序不认识的表：{'、'.join(missing)}",
            f"the SQLite file has tables this program does not know: {', '.join(missing)}",
        )
    report = MoveReport(schema_seconds=time.monotonic() - started)
    started = time.monotonic()
    with target.atomic():
        for table in order:
            columns = _columns(source, table)
            if set(columns) != {c.name for c in target.get_columns(table)}:
                raise MigrationRefused(
                    f"表 {table} 的列与本程序不一致，请先用同一版本的程序打开数据文件",
                    f"table {table} has other columns than this program's; open the file "
                    "with this version first",
                )
            report.counts[table] = _copy_table(source, target, table, columns)
            say(f"  {table}: {report.counts[table]}")
        _verify(source, target, order, report)
    report.copy_seconds = time.monotonic() - started
    return report


def _source_tables(source: peewee.Database) -> list[str]:
    return [t for t in source.get_tables() if t not in SKIP]


def _dependency_order(source: peewee.Database) -> list[str]:
    """Every table after the tables its foreign keys point at (self-references aside)."""
    tables = sorted(_source_tables(source))
    parents = {
        t: {fk.dest_table for fk in source.get_foreign_keys(t) if fk.dest_table != t}
        for t in tables
    }
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(tables):
        ready = [t for t in tables if t not in placed and parents[t] <= placed]
        if not ready:  # a cycle between tables: the server's checks will say where
            ready = [next(t for t in tables if t not in placed)]
        for t in ready:
            order.append(t)
            placed.add(t)
    return order


def _columns(database: peewee.Database, table: str) -> list[str]:
    return [c.name for c in database.get_columns(table)]


def _count(database: peewee.Database, table: str) -> int:
    q = _quote(database, table)
    return int(database.execute_sql(f"SELECT COUNT(*) FROM {q}").fetchone()[0])


def _quote(database: peewee.Database, name: str) -> str:
    if isinstance(database, peewee.MySQLDatabase):
        return "`" + name.replace("`", "``") + "`"
    return '"' + name.replace('"', '""') + '"'


def _copy_table(
    source: peewee.Database, target: peewee.Database, table: str, columns: list[str]
) -> int:
    cols_src = ", ".join(_quote(source, c) for c in columns)
    cols_dst = ", ".join(_quote(target, c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    insert = f"INSERT INTO {_quote(target, table)} ({cols_dst}) VALUES ({marks})"
    cursor = source.execute_sql(f"SELECT {cols_src} FROM {_quote(source, table)} ORDER BY rowid")
    copied = 0
    out = target.cursor()
    for batch in _batches(cursor):
        out.executemany(insert, batch)
        copied += len(batch)
    return copied


def _batches(cursor: object) -> Iterator[list[tuple[object, ...]]]:
    """Chunks of rows of about ``BATCH_BYTES`` (a chunk of attachment content is 256 KiB)
    and at most ``BATCH_ROWS``: memory stays flat whatever the table holds."""
    batch: list[tuple[object, ...]] = []
    size = 0
    for row in cursor:  # type: ignore[attr-defined]
        batch.append(row)
        size += sum(len(v) for v in row if isinstance(v, bytes | str))
        if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# --- verification, inside the copy's transaction ---------------------------------------


def _verify(
    source: peewee.Database, target: peewee.Database, order: list[str], report: MoveReport
) -> None:
    for table in order:
        have = _count(target, table)
        if have != report.counts[table] or have != _count(source, table):
            _mismatch(f"表 {table} 的行数", f"the row count of {table}")
    numeric = _numeric_columns(target)
    for table in order:
        for column, scale in numeric.get(table, []):
            if _sum(source, table, column, scale) != _sum(target, table, column, scale):
                _mismatch(f"表 {table} 中 {column} 的合计", f"the sum of {table}.{column}")
    _verify_stock(source, target, report)
    _verify_fuel(source, target, report)
    _verify_attachments(source, target, report)


def _mismatch(zh: str, en: str) -> None:
    raise MigrationRefused(f"核对失败：{zh}与原数据不一致", f"verification failed: {en} differs")


def _numeric_columns(target: peewee.Database) -> dict[str, list[tuple[str, int | None]]]:
    """(column, decimal scale or None) of every integer and decimal column of the target."""
    rows = target.execute_sql(
        "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, NUMERIC_SCALE FROM information_schema.COLUMNS"
        " WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN"
        " ('tinyint','smallint','int','mediumint','bigint','decimal')"
    ).fetchall()
    found: dict[str, list[tuple[str, int | None]]] = {}
    for table, column, kind, scale in rows:
        found.setdefault(table, []).append((column, int(scale) if kind == "decimal" else None))
    return found


def _sum(database: peewee.Database, table: str, column: str, scale: int | None) -> Decimal:
    value = database.execute_sql(
        f"SELECT SUM({_quote(database, column)}) FROM {_quote(database, table)}"
    ).fetchone()[0]
    return _exact(value, scale)


def _exact(value: object, scale: int | None) -> Decimal:
    """A sum as a Decimal at the column's scale: SQLite sums decimals as floats, MariaDB
    exactly; rounding the float at the scale recovers the exact figure."""
    if value is None:
        return Decimal(0)
    if scale is None:
        return Decimal(int(value))  # type: ignore[call-overload]
    quantum = Decimal(1).scaleb(-scale)
    return Decimal(str(round(float(value), scale))).quantize(quantum)  # type: ignore[arg-type]


def _verify_stock(source: peewee.Database, target: peewee.Database, report: MoveReport) -> None:
    """Stock per item is the sum of its movements: the same per item on both sides, and on
    the target equal to the balance the ledger's last movement of each item recorded and to
    the item's cached ``on_hand``."""
    if "movement" not in target.get_tables():
        return
    per_item = "SELECT item_id, SUM(quantity) FROM movement GROUP BY item_id ORDER BY item_id"
    mine = [(int(i), int(s)) for i, s in target.execute_sql(per_item).fetchall()]
    theirs = [(int(i), int(s)) for i, s in source.execute_sql(per_item).fetchall()]
    if mine != theirs:
        _mismatch("库存台账（每种物品的出入库流水之和）", "the stock ledger (movements per item)")
    last = target.execute_sql(
        "SELECT m.item_id, m.balance FROM movement m JOIN (SELECT item_id, MAX(id) AS id"
        " FROM movement GROUP BY item_id) l ON l.id = m.id ORDER BY m.item_id"
    ).fetchall()
    if [(int(i), int(b)) for i, b in last] != mine:
        _mismatch("库存结存（最后一笔流水的结存）", "the stock balance of the last movement")
    cached = target.execute_sql("SELECT id, on_hand FROM item WHERE on_hand <> 0 ORDER BY id")
    if [(int(i), int(n)) for i, n in cached.fetchall()] != [(i, s) for i, s in mine if s]:
        _mismatch("物品的库存数（应等于出入库流水之和）", "items' stock (the sum of movements)")
    report.items = len(mine)
    report.stock_total = sum(s for _, s in mine)


def _verify_fuel(source: peewee.Database, target: peewee.Database, report: MoveReport) -> None:
    if "fuel_log" not in target.get_tables():
        return
    per_vehicle = (
        "SELECT vehicle_id, SUM(litres), SUM(amount) FROM fuel_log GROUP BY vehicle_id"
        " ORDER BY vehicle_id"
    )

    def totals(database: peewee.Database) -> list[tuple[int, Decimal, Decimal]]:
        rows = database.execute_sql(per_vehicle).fetchall()
        return [(int(v), _exact(litres, 2), _exact(amount, 2)) for v, litres, amount in rows]

    mine = totals(target)
    if mine != totals(source):
        _mismatch("每辆车的加油升数和金额", "the fuel litres and amounts per vehicle")
    report.fuel_litres = sum((r[1] for r in mine), Decimal(0))
    report.fuel_amount = sum((r[2] for r in mine), Decimal(0))


def _verify_attachments(
    source: peewee.Database, target: peewee.Database, report: MoveReport
) -> None:
    """Each attachment's content read back from the target, chunk by chunk, against the size
    and SHA-256 recorded when it was attached."""
    if "attachment" not in target.get_tables():
        return
    files = target.execute_sql("SELECT id, size, sha256 FROM attachment ORDER BY id").fetchall()
    for attachment_id, size, sha in files:
        digest, length = hashlib.sha256(), 0
        chunks = target.execute_sql(
            "SELECT data FROM attachment_chunk WHERE attachment_id = %s ORDER BY number",
            (attachment_id,),
        )
        for (data,) in chunks:
            digest.update(data)
            length += len(data)
        if length != size or (sha and digest.hexdigest() != sha):
            _mismatch(f"附件 {attachment_id} 的内容", f"the content of attachment {attachment_id}")
        report.attachment_bytes += length
    report.attachments = len(files)
    source_bytes = source.execute_sql("SELECT SUM(LENGTH(data)) FROM attachment_chunk")
    if int(source_bytes.fetchone()[0] or 0) != report.attachment_bytes:
        _mismatch("附件的总字节数", "the total bytes of the attachments")


def _drop_created(target: peewee.Database, created: set[str]) -> int:
    """Drop the tables this run created (their triggers go with them)."""
    try:
        if target.in_transaction():
            target.rollback()
        target.execute_sql("SET FOREIGN_KEY_CHECKS = 0")
        for table in sorted(created):
            target.execute_sql(f"DROP TABLE IF EXISTS {_quote(target, table)}")
        target.execute_sql("SET FOREIGN_KEY_CHECKS = 1")
    except peewee.DatabaseError:  # the server went away: its rollback kept the rows out
        return 0
    return len(created)
