"""A private, throw-away MariaDB server for the test suite.

Why this exists: the domain rules must hold on MariaDB as well as on SQLite (locking,
utf8mb4, error codes differ), but a test run must not need a system-wide server, systemd,
or a password.  When ``HOUQIN_TEST_MYSQL_URL`` is set (CI, or a developer's own server) it is
used as it is; otherwise, if the MariaDB binaries are installed, one server per test process
is started lazily in a temporary data directory on a free port, and stopped (and its
directory removed) when the interpreter exits.

Plain functions only: the conftest wraps them in fixtures.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

if TYPE_CHECKING:
    from pymysql.connections import Connection

ENV_URL = "HOUQIN_TEST_MYSQL_URL"
NOT_INSTALLED = "MariaDB not installed: apt-get install mariadb-server, or set " + ENV_URL
START_TIMEOUT_S = 30.0

# The server binary lives in /usr/sbin on Debian, which is not on a normal user's PATH.
_SEARCH_DIRS = ("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")


@dataclass
class _Server:
    """A running private server: what atexit needs to stop and clean it."""

    process: subprocess.Popen[bytes]
    datadir: str
    url: str


_lock = threading.Lock()
# Cached outcome of the first attempt: (url, reason).  A failed start is not retried, so a
# broken installation costs its 30 s once per process, not once per test.
_cached: tuple[str | None, str] | None = None
_server: _Server | None = None


def _which(*names: str) -> str | None:
    """First of ``names`` found on PATH or in the sbin directories (Debian hides mariadbd)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
        for directory in _SEARCH_DIRS:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    return None


def _free_port() -> int:
    """Ask the kernel for a free TCP port; racy in theory, good enough for a test server."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: str, lines: int = 20) -> str:
    """Last lines of the server's error log, so a failed start explains itself."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return "".join(handle.readlines()[-lines:]).strip()
    except OSError:
        return "(no error log)"


def _parse(url: str) -> dict[str, Any]:
    """Split ``mysql://user:password@host:port/dbname`` into PyMySQL connect arguments."""
    parts = urlsplit(url)
    if parts.scheme not in ("mysql", "mariadb", "mysql+pymysql"):
        raise ValueError(f"not a mysql:// URL: {url!r}")
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 3306,
        "user": unquote(parts.username or "root"),
        "password": unquote(parts.password or ""),
        "database": unquote(parts.path.lstrip("/")) or None,
    }


def _with_database(base_url: str, name: str) -> str:
    """The same server URL with the database part replaced by ``name``."""
    parts = urlsplit(base_url)
    return parts._replace(path="/" + quote(name)).geturl()


def _connect(base_url: str, **overrides: Any) -> Connection:
    """A utf8mb4 PyMySQL connection to the server of ``base_url`` (no database selected)."""
    import pymysql

    args = _parse(base_url)
    args.pop("database")
    args.update(charset="utf8mb4", autocommit=True, connect_timeout=5)
    args.update(overrides)
    return pymysql.connect(**args)


def _stop(server: _Server) -> None:
    """SIGTERM, give InnoDB a few seconds to shut down, then SIGKILL; remove the data dir."""
    proc = server.process
    if proc.poll() is None:
        try:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        except OSError:
            pass
    shutil.rmtree(server.datadir, ignore_errors=True)


def _atexit_stop() -> None:
    global _server
    if _server is not None:
        _stop(_server)
        _server = None


def _start_private_server() -> tuple[str | None, str]:
    """Initialise a data dir, start mariadbd on a free port, wait for it, return its URL."""
    global _server
    server_bin = _which("mariadbd", "mysqld")
    install_bin = _which("mariadb-install-db", "mysql_install_db")
    if server_bin is None or install_bin is None:
        return None, NOT_INSTALLED
    try:
        import pymysql
    except ImportError:
        return None, "PyMySQL not installed (pip install -e '.[test]')"

    datadir = tempfile.mkdtemp(prefix="houqin-mariadb-")
    # Root may only run mariadbd with an explicit --user; other users run it as themselves.
    as_root = ["--user=root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    install = [
        install_bin,
        "--no-defaults",
        f"--datadir={datadir}",
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        *as_root,
    ]
    try:
        done = subprocess.run(
            install,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(datadir, ignore_errors=True)
        return None, f"mariadb-install-db failed: {exc}"
    if done.returncode != 0:
        shutil.rmtree(datadir, ignore_errors=True)
        tail = "\n".join(done.stdout.decode("utf-8", "replace").splitlines()[-15:])
        return None, f"mariadb-install-db exited with {done.returncode}:\n{tail}"

    sock_path = os.path.join(datadir, "sock")
    error_log = os.path.join(datadir, "error.log")
    deadline = time.monotonic() + START_TIMEOUT_S
    last_error: Exception | None = None
    # The free port can be taken by someone else between our probe and mariadbd's bind:
    # then the server exits with "Address already in use" and we try another port.
    for _attempt in range(3):
        port = _free_port()
        command = [
            server_bin,
            "--no-defaults",
            f"--datadir={datadir}",
            f"--socket={sock_path}",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            f"--pid-file={os.path.join(datadir, 'mariadbd.pid')}",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--innodb-buffer-pool-size=64M",
            "--skip-log-bin",
            "--innodb-flush-log-at-trx-commit=2",
            f"--log-error={error_log}",
            *as_root,
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C in the terminal must not kill it mid-test
            )
        except OSError as exc:
            shutil.rmtree(datadir, ignore_errors=True)
            return None, f"cannot start {server_bin}: {exc}"

        server = _Server(process=process, datadir=datadir, url="")
        if _server is None:
            atexit.register(_atexit_stop)
        _server = server

        root_url = f"mysql://root:@127.0.0.1:{port}/houqin_test"
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                # read_timeout too: a foreign listener on the port would otherwise hang us
                # forever waiting for a handshake that never comes.
                conn = _connect(root_url, connect_timeout=2, read_timeout=2, write_timeout=2)
                try:
                    with conn.cursor() as cur:
                        cur.execute("SELECT @@socket")
                        (answered_by,) = cur.fetchone()
                finally:
                    conn.close()
                if answered_by != sock_path:
                    # Another test session's server took the port first (two sessions
                    # probed the same free port): ours will exit "already in use", and
                    # the next attempt takes another port. Never use the foreign one.
                    time.sleep(0.1)
                    continue
                server.url = root_url
                return root_url, ""
            except pymysql.err.OperationalError as exc:
                last_error = exc
                code = exc.args[0] if exc.args else None
                if code == 1045:  # access denied: the server is up, root over TCP is not
                    break
                time.sleep(0.1)
        if process.poll() is None:
            break  # up (1045) or timed out: handled below
        log = _tail(error_log)
        if "already in use" in log and _attempt < 2 and time.monotonic() < deadline:
            os.remove(error_log)
            continue
        reason = f"mariadbd exited with {process.returncode} during start-up:\n{log}"
        _atexit_stop()
        return None, reason

    # The socket file appears a moment after the TCP listener; give it a little time.
    socket_deadline = time.monotonic() + 5
    while not os.path.exists(sock_path) and time.monotonic() < socket_deadline:
        time.sleep(0.05)
    if process.poll() is None and os.path.exists(sock_path):
        # Root over TCP refused (e.g. a packaging that only grants root@localhost by socket):
        # make a TCP user through the unix socket.
        try:
            conn = pymysql.connect(
                unix_socket=sock_path,
                user="root",
                password="",
                charset="utf8mb4",
                autocommit=True,
                connect_timeout=5,
            )
            try:
                with conn.cursor() as cur:
                    cur.execute(
                        "CREATE USER IF NOT EXISTS 'houqin'@'127.0.0.1' IDENTIFIED BY 'houqin'"
                    )
                    cur.execute(
                        "GRANT ALL PRIVILEGES ON *.* TO 'houqin'@'127.0.0.1' WITH GRANT OPTION"
                    )
            finally:
                conn.close()
            user_url = f"mysql://houqin:houqin@127.0.0.1:{port}/houqin_test"
            _connect(user_url).close()
            server.url = user_url
            return user_url, ""
        except Exception as exc:  # any failure becomes a skip reason
            last_error = exc

    reason = (
        f"private MariaDB did not accept connections within {START_TIMEOUT_S:.0f} s "
        f"({last_error}):\n{_tail(error_log)}"
    )
    _atexit_stop()
    return None, reason


def mysql_base_url() -> tuple[str | None, str]:
    """Return ``(url, "")`` for a MariaDB/MySQL server to test against, or ``(None, reason)``.

    ``HOUQIN_TEST_MYSQL_URL`` wins, so CI or a developer can point at a real server.  Else a
    private server is started on first call and reused for the rest of the process.  The
    database part of the URL is only a prefix: callers create their own databases with
    :func:`create_database` and drop them with :func:`drop_database`.
    """
    global _cached
    env_url = os.environ.get(ENV_URL, "").strip()
    if env_url:
        return env_url, ""
    with _lock:
        if _cached is None:
            _cached = _start_private_server()
        return _cached


def create_database(base_url: str, name: str) -> str:
    """Create database ``name`` in utf8mb4 on the server of ``base_url``; return its URL.

    utf8mb4 is set on the database explicitly so that 𠮷 and emoji survive even on a server
    whose default character set is still latin1 or utf8mb3 (error 1366 otherwise).  An
    existing database of that name (left over by a crashed run) is dropped first.
    """
    quoted = "`" + name.replace("`", "``") + "`"
    conn = _connect(base_url)
    try:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {quoted}")
            cur.execute(
                f"CREATE DATABASE {quoted} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
    finally:
        conn.close()
    return _with_database(base_url, name)


def drop_database(base_url: str, name: str) -> None:
    """Drop database ``name`` if it exists, so per-test databases do not pile up."""
    quoted = "`" + name.replace("`", "``") + "`"
    conn = _connect(base_url)
    try:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {quoted}")
    finally:
        conn.close()
