"""The one database every desktop shares, chosen at run time.

``open_database(url)`` binds the module-level ``db`` proxy to either

- ``sqlite:///relative/houqin.db`` or ``sqlite:////absolute/houqin.db`` (a bare file path works
  too): the embedded default, one file in the per-user data folder; or
- ``mysql://user:password@host:3306/houqin``: a shared MariaDB/MySQL server for an office.

and brings the schema up to date (``models.schema``). Why the settings:

- SQLite: foreign keys on; a 10 s busy timeout so a second desktop waits instead of failing;
  WAL only on local disks, because WAL over a network share (SMB/NFS) corrupts the file;
  ``synchronous=FULL`` so a committed approval survives a power cut (WAL's NORMAL does not);
  every transaction is ``BEGIN IMMEDIATE`` so a use case that reads and then writes holds the
  write lock from its first read and two clerks can never interleave (no lost update).
- MySQL: utf8mb4 end to end (𠮷 and emoji), READ COMMITTED so a row read after taking a
  lock is the committed one, and reconnection after the server dropped an idle connection.
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import unquote, urlparse

import peewee
from playhouse.shortcuts import ReconnectMixin

from models.errors import Conflict, HouqinError, SchemaError

db = peewee.DatabaseProxy()

APP_NAME = "Houqin"
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs"}
)
Q = TypeVar("Q", bound=peewee.Query)
P = ParamSpec("P")
R = TypeVar("R")


class MySQLDatabase(ReconnectMixin, peewee.MySQLDatabase):
    """MySQL/MariaDB that reconnects once after "server has gone away"."""


def default_url() -> str:
    """``houqin.db`` in the per-user data folder (``%LOCALAPPDATA%\\Houqin`` on Windows)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP_NAME, appauthor=False))
    return "sqlite:///" + str(folder / "houqin.db")


def resolve_url(explicit: str | None = None) -> str:
    """The URL to use: the one given, else ``HOUQIN_DB``, else the per-user default."""
    return explicit or os.environ.get("HOUQIN_DB") or default_url()


_URL_SECRET = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*:/*[^\s:/@]*):[^\s@/]*@")


def redact_url(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@`` in it hidden (also in
    a mistyped scheme or a single slash), so no message or log line shows it."""
    return _URL_SECRET.sub(r"\g<head>:***@", text)


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL (or bare path); ``None`` for a server URL."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    if "://" in url or re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", url):
        return None  # a server URL, or a mistyped one (``mysql:/...``), never a file name
    return Path(url)


def is_network_path(path: Path) -> bool:
    """True when ``path`` lives on a network share, where SQLite's WAL is unsafe."""
    resolved = str(path.resolve())
    if os.name == "nt":  # pragma: no cover - exercised on Windows desktops
        if resolved.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(resolved)[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # DRIVE_REMOTE
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best_mount, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        inside = resolved == mount or resolved.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) > len(best_mount):
            best_mount, best_type = mount, parts[2]
    return best_type in NETWORK_FILESYSTEMS


BUSY_TIMEOUT_S = 10  # how long a writer waits for another desktop's write lock


class SqliteDatabase(peewee.SqliteDatabase):
    """peewee's SQLite, with the one change a second desktop needs: a transaction that still
    meets another desktop's write lock after the busy timeout (an import holding it) raises
    ``WriteBusy`` in words, naming the import when one is running, instead of the driver's
    ``database is locked``."""

    def begin(self, lock_type: str | None = None) -> None:
        try:
            super().begin(lock_type)
        except peewee.OperationalError as exc:
            if _is_sqlite_busy(exc) and not isinstance(exc, WriteBusy):
                raise WriteBusy(Path(self.database)) from exc
            raise


def _sqlite(path: Path) -> peewee.SqliteDatabase:
    path.parent.mkdir(parents=True, exist_ok=True)
    journal = "delete" if is_network_path(path.parent) else "wal"
    return SqliteDatabase(
        str(path),
        timeout=BUSY_TIMEOUT_S,
        lock_type="IMMEDIATE",
        pragmas={
            "foreign_keys": 1,
            "journal_mode": journal,
            # FULL in WAL too: NORMAL may lose the last commits (approvals) in a power cut;
            # measured in bench/sqlite_durability.py.
            "synchronous": "full",
            "cache_size": -64000,
        },
    )


def _mysql(url: str) -> MySQLDatabase:
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SchemaError("数据库地址缺少库名", "the MySQL URL names no database")
    params: dict[str, Any] = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 3306,
        "user": unquote(parts.username or "root"),
        "password": unquote(parts.password or ""),
        "charset": "utf8mb4",
        "init_command": "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
        "connect_timeout": 10,
    }
    _create_mysql_database(name, params)
    return MySQLDatabase(name, **params)


def _create_mysql_database(name: str, params: dict[str, Any]) -> None:
    """Create the database as utf8mb4 when it is missing (first start of an office)."""
    import pymysql

    try:
        conn = pymysql.connect(**{k: v for k, v in params.items() if k != "init_command"})
    except pymysql.MySQLError as exc:
        raise SchemaError(
            f"无法连接数据库服务器：{exc}", f"cannot reach the database server: {exc}"
        ) from exc
    try:
        with conn.cursor() as cur:
            quoted = name.replace("`", "``")  # an identifier cannot be a query parameter
            cur.execute(
                f"CREATE DATABASE IF NOT EXISTS `{quoted}` CHARACTER SET utf8mb4 "
                "COLLATE utf8mb4_unicode_ci"
            )
    finally:
        conn.close()


def connect_url(url: str) -> peewee.Database:
    """A new, unbound peewee database for ``url`` (no migration, proxy untouched)."""
    if url.startswith(("mysql://", "mariadb://")):
        return _mysql(url)
    path = sqlite_path(url)
    if path is None:
        shown = redact_url(url)
        raise SchemaError(
            f"不支持的数据库地址：{shown}（应为 sqlite:///文件 或 mysql://用户@主机/库名）",
            f"unsupported database URL: {shown} (use sqlite:///file or mysql://user@host/db)",
        )
    return _sqlite(path)


WAITING_ZH = "另一台电脑正在升级数据库，请稍候…"
WAITING_EN = "another desktop is upgrading the database; waiting for it to finish…"


def tell_waiting() -> None:
    """The default word while another desktop migrates: on stderr, where there is one (the
    command line; a windowed desktop passes its own ``on_wait``)."""
    import sys

    if sys.stderr is not None:
        print(f"{WAITING_ZH} / {WAITING_EN}", file=sys.stderr, flush=True)


def open_database(
    url: str | None = None,
    *,
    migrate: bool = True,
    on_wait: Callable[[], object] | None = tell_waiting,
) -> peewee.Database:
    """Bind ``db`` to ``url`` (see ``resolve_url``) and bring its schema up to date;
    ``on_wait()`` is called when another desktop is migrating it and this one waits."""
    database = connect_url(resolve_url(url))
    db.initialize(database)

    if migrate:
        from models import calendar, schema

        schema.migrate(database, on_wait=on_wait)
        calendar.sync_package()  # a year a newer chinese-calendar knows and the office not
    return database


def close_database() -> None:
    """Close this thread's connection, if any."""
    if db.obj is not None and not db.is_closed():
        db.close()


def is_mysql() -> bool:
    return isinstance(db.obj, peewee.MySQLDatabase)


def data_version() -> int | None:
    """SQLite's ``PRAGMA data_version`` on this connection: it changes when, and only when,
    another connection commits a change to the file. An import reads it before its check
    pass and again under the write lock: the same number means nobody wrote in between, so
    the checks need not be repeated. ``None`` on MySQL (no such counter: always re-check)."""
    if is_mysql():
        return None
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def for_update(query: Q) -> Q:
    """Lock the selected rows until commit. On SQLite the IMMEDIATE transaction already holds
    the database write lock, and peewee refuses FOR UPDATE there."""
    return query.for_update() if is_mysql() else query


@contextmanager
def connection() -> Iterator[None]:
    """Open this thread's connection for a block of work and close it after (worker threads)."""
    opened = db.is_closed()
    if opened:
        db.connect()
    try:
        yield
    finally:
        if opened:
            db.close()


# --- office-wide locks -------------------------------------------------------------------

LOCK_WAIT_S = 300.0  # how long a desktop waits for another one's migration


def _is_sqlite_busy(exc: BaseException) -> bool:
    return isinstance(exc, peewee.OperationalError) and "locked" in str(exc).lower()


@contextmanager
def exclusive(
    name: str,
    database: peewee.Database | None = None,
    *,
    wait_s: float | None = None,
    on_wait: Callable[[], object] | None = None,
) -> Iterator[None]:
    """Hold an office-wide lock called ``name`` for the block, waiting for another desktop
    that holds it (up to ``wait_s``, default ``LOCK_WAIT_S``). ``on_wait()`` is called once
    when the lock is found taken, before the wait begins (to tell the user why nothing
    happens).

    - MySQL/MariaDB: ``GET_LOCK`` on this connection. A named lock belongs to the session,
      so it survives the implicit commit of each DDL statement of a migration; the block
      itself is not a transaction.
    - SQLite: the block runs inside one ``BEGIN IMMEDIATE`` transaction (the database's
      write lock), begun again while another writer holds it past the busy timeout.
    """
    database = database if database is not None else db.obj
    deadline = time.monotonic() + (LOCK_WAIT_S if wait_s is None else wait_s)
    if isinstance(database, peewee.MySQLDatabase):
        key = f"houqin:{database.database}:{name}"[:64]
        wait = 0 if on_wait is not None else None  # try once without waiting, to tell
        while True:
            left = max(1, int(deadline - time.monotonic())) if wait is None else wait
            got = database.execute_sql("SELECT GET_LOCK(%s, %s)", (key, left)).fetchone()[0]
            if got == 1:
                break
            if wait == 0 and on_wait is not None:
                on_wait()
                wait = None
                continue
            if time.monotonic() >= deadline:
                raise _busy(name)
        try:
            yield
        finally:
            database.execute_sql("SELECT RELEASE_LOCK(%s)", (key,))
        return
    with ExitStack() as stack:
        told = on_wait is None
        while True:
            try:
                if not told:  # the first try without the busy timeout, to tell at once
                    database.execute_sql("PRAGMA busy_timeout = 0")
                try:
                    stack.enter_context(database.atomic())
                finally:
                    if not told:
                        database.execute_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
                break
            except peewee.OperationalError as exc:
                if not _is_sqlite_busy(exc) or time.monotonic() >= deadline:
                    raise _busy(name) from exc
                if not told and on_wait is not None:
                    on_wait()
                    told = True
                    continue
                time.sleep(0.2)
        yield


def _busy(name: str) -> SchemaError:
    return SchemaError(
        f"另一台电脑正在进行同一项工作（{name}），等待超时，请稍后再试",
        f"another desktop is doing the same work ({name}); timed out waiting, try again later",
    )


# --- lock conflicts between desktops ------------------------------------------------------

# MariaDB/MySQL: 1205 lock wait timeout, 1213 deadlock (the server rolled the transaction
# back), 3572 NOWAIT (MySQL 8). Each means "someone else holds these rows": run again.
LOCK_CONFLICT_CODES = frozenset({1205, 1213, 3572})
LOCK_RETRIES = 4  # attempts in all before the user is told


class LockConflict(Conflict):
    """Another desktop kept the same rows locked through every attempt."""

    def __init__(self, what_zh: str = "相同的记录", what_en: str = "the same records") -> None:
        super().__init__(
            f"其他人正在处理{what_zh}，多次重试仍未完成，请稍后再试（未做任何更改）",
            f"someone else is working on {what_en}; retried without success, try again "
            "in a moment (nothing was changed)",
        )


class WriteBusy(LockConflict, peewee.OperationalError):
    """SQLite: another desktop held the database's write lock through the whole busy
    timeout. Its words say what is being waited for: the import named by the marker that
    ``long_write`` leaves beside the file, else a write of another user. Nothing was
    changed. Still an ``OperationalError`` about a locked database, so ``exclusive`` waits
    on, and a ``LockConflict``, so the desktop shows it as someone else's work; a use case
    that retries lock conflicts keeps its own words (相同的物品) unless an import holds it."""

    def __init__(self, path: Path) -> None:
        holder = _long_writer(path)
        self.importing = holder is not None
        self.holder = holder  # the marker's words ({"zh", "en"}), for a waiting dialog
        waited = f"已等待 {BUSY_TIMEOUT_S} 秒仍未完成，请稍后再试（未做任何更改）"
        waited_en = f"waited {BUSY_TIMEOUT_S} s; try again in a moment (nothing was changed)"
        if holder is not None:
            zh = f"正在等待其他用户完成导入…（{holder['zh']}）{waited}"
            en = f"the database is locked: waiting for another user's import ({holder['en']}); "
        else:
            zh = f"正在等待其他用户完成导入或保存…{waited}"
            en = "the database is locked: waiting for another user's import or save; "
        HouqinError.__init__(self, zh, en + waited_en)


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".importing")


def _long_writer(path: Path) -> dict[str, str] | None:
    """What the marker beside the SQLite file says is holding its write lock, if any."""
    try:
        marker = json.loads(_marker(path).read_text(encoding="utf-8"))
        return {"zh": str(marker["zh"]), "en": str(marker["en"])}
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextmanager
def long_write(who: str, what_zh: str, what_en: str) -> Iterator[None]:
    """Mark, for the block, that ``who`` holds the database's write lock for a long write
    (an import): on SQLite a small file beside the database, which a desktop that meets the
    lock reads (without any lock) to tell its user who it is waiting for. Call it inside
    the transaction, so the marker is written only once the lock is held. MariaDB locks
    rows, not the database: nothing to mark."""
    name = getattr(db.obj, "database", None)
    path = sqlite_path(name) if isinstance(name, str) and name != ":memory:" else None
    if path is None or is_mysql():
        yield
        return
    marker = _marker(path)
    since = time.strftime("%H:%M")
    text = json.dumps(
        {
            "zh": f"{who} 正在导入{what_zh}，{since} 开始",
            "en": f"{who} is importing {what_en} since {since}",
            "pid": os.getpid(),
        },
        ensure_ascii=False,
    )
    try:
        part = marker.with_name(marker.name + f".{os.getpid()}")
        part.write_text(text, encoding="utf-8")
        part.replace(marker)
    except OSError:  # a read-only folder: the import goes on, the waiting words are generic
        marker = None
    try:
        yield
    finally:
        if marker is not None:
            marker.unlink(missing_ok=True)


def long_writer() -> dict[str, str] | None:
    """Who holds this database's write lock for a long write, as the marker says
    (``{"zh": "张三 正在导入办公用品目录，09:12 开始", "en": ...}``), or ``None`` (no import
    marked, or MariaDB). Read without any lock: a waiting dialog asks it again and again."""
    name = getattr(db.obj, "database", None)
    path = sqlite_path(name) if isinstance(name, str) and name != ":memory:" else None
    if path is None or is_mysql():
        return None
    return _long_writer(path)


@contextmanager
def busy_timeout(seconds: float) -> Iterator[None]:
    """Within the block, this thread's SQLite connection waits at most ``seconds`` (not
    ``BUSY_TIMEOUT_S``) for another desktop's write lock before ``WriteBusy``: a window's
    use case on the GUI thread then hands a long wait to a waiting dialog instead of
    freezing the window. MariaDB waits row by row: unchanged."""
    if db.obj is None or is_mysql():
        yield
        return
    (before,) = db.execute_sql("PRAGMA busy_timeout").fetchone()
    db.execute_sql(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(before)}")


def write_lock_free(wait_s: float = 0.25) -> bool:
    """Whether this connection can take the database's write lock now, waiting at most
    ``wait_s``: the lock is taken (``BEGIN IMMEDIATE``) and given back at once, nothing is
    written. Always true on MariaDB, which has no database-wide write lock."""
    if is_mysql():
        return True
    with busy_timeout(wait_s):
        try:
            with db.atomic():
                pass
        except WriteBusy:
            return False
    return True


def is_lock_conflict(exc: BaseException) -> bool:
    """A deadlock or lock wait timeout (MySQL), or a database still locked after the busy
    timeout (SQLite)."""
    if isinstance(exc, LockConflict):
        return True
    if not isinstance(exc, peewee.OperationalError):
        return False
    code = exc.args[0] if exc.args else None
    return code in LOCK_CONFLICT_CODES or _is_sqlite_busy(exc)


def retry_on_lock_conflict(
    what_zh: str = "相同的记录", what_en: str = "the same records", *, attempts: int | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run a use case that locks rows again when the database chose it as a deadlock victim
    or its lock wait timed out, a bounded number of times, then raise ``LockConflict`` in
    words. Nobody sees a driver error.

    Only the outermost transaction is run again: MySQL has rolled all of it back, so a call
    made inside a caller's transaction passes ``LockConflict`` up to that caller instead.
    SQLite's busy timeout has already waited: it is not retried. The use case re-reads and
    re-locks what it works on (``Document.begin``, ``lock_items``), so a second run sees the
    rows as the winner left them."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            tries = LOCK_RETRIES if attempts is None else attempts
            nested = db.obj is not None and db.transaction_depth() > 0
            for attempt in range(1, tries + 1):
                try:
                    return fn(*args, **kwargs)
                except (peewee.OperationalError, LockConflict) as exc:
                    if not is_lock_conflict(exc) or getattr(exc, "importing", False):
                        raise  # an import holds SQLite's lock: its words say whom for
                    last_try = nested or not is_mysql() or attempt == tries
                    if last_try:
                        raise LockConflict(what_zh, what_en) from exc
                    time.sleep(random.uniform(0.02, 0.1) * attempt)
            raise AssertionError("unreachable")  # pragma: no cover

        return run

    return wrap


retry_document = retry_on_lock_conflict("同一张单据", "the same document")
"""The retry of a use case that locks a document or its approval (``Document.begin``, the
engine's instance row): submissions, decisions and the workshop steps. A stock use case
names the items instead (``retry_on_lock_conflict("相同的物品", …)``)."""
